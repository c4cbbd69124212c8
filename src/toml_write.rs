//! TOML as `new`, `import` and `init` write it: a document built entry by entry with
//! `toml_edit`, with the comment lines an editor reads between the entries kept as the entries'
//! decor. Every text value is a basic string (`"…"`), or a multi-line basic string (`"""…"""`)
//! when it holds a line break: editors type `"`, never `'`, and a French text is full of
//! apostrophes that a literal string (`'…'`, which `toml_edit` would pick for a value holding `"`
//! or `\`) could not take once an editor adds one.

use toml_edit::{Array, Datetime, DocumentMut, Item, Table, Value};
use toml_writer::{ToTomlValue as _, TomlStringBuilder};

use crate::diagnostic::escape_controls;

/// A TOML document written top to bottom: entries, comment lines, blank lines, tables.
#[derive(Debug, Default)]
pub struct TomlDoc {
    doc: DocumentMut,
    /// Comment and blank lines met since the last entry: the next entry's or table's prefix.
    pending: String,
    /// The table that takes the entries, added to the document when the next one starts;
    /// `None` for the top of the document.
    open: Option<(String, Table)>,
}

impl TomlDoc {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty line.
    pub fn blank_line(&mut self) -> &mut Self {
        self.pending.push('\n');
        self
    }

    /// `# text`, one comment line per line of `text`. A character that would end the comment or
    /// make the file invalid (a control character, a bidi override) is written as `\u{…}`: no
    /// text ever leaves its comment.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        for line in text.split('\n') {
            self.pending.push_str("# ");
            self.pending.push_str(&escape_controls(line));
            self.pending.push('\n');
        }
        self
    }

    /// `# key = value`: an entry left for the editor to fill, commented out.
    pub fn commented_out(&mut self, key: &str, value: &Value) -> &mut Self {
        self.comment(&format!("{key} = {value}"))
    }

    /// `key = "value"`.
    pub fn text(&mut self, key: &str, value: &str) -> &mut Self {
        self.entry(key, text_value(value))
    }

    /// `key = ["a", "b"]`.
    pub fn texts(&mut self, key: &str, values: &[String]) -> &mut Self {
        self.entry(key, list_value(values))
    }

    /// `key = 3`.
    pub fn integer(&mut self, key: &str, value: i64) -> &mut Self {
        self.entry(key, Value::from(value))
    }

    /// `key = 2026-11-15`.
    pub fn date(&mut self, key: &str, value: Datetime) -> &mut Self {
        self.entry(key, Value::from(value))
    }

    /// `key = value`, after the pending comment lines.
    pub fn entry(&mut self, key: &str, value: Value) -> &mut Self {
        let prefix = std::mem::take(&mut self.pending);
        let table = self.current();
        table.insert(key, Item::Value(value));
        if let Some(mut key) = table.key_mut(key) {
            key.leaf_decor_mut().set_prefix(prefix);
        }
        self
    }

    /// An end-of-line comment after the last entry (`statut = "…"  # ou …`).
    pub fn comment_after(&mut self, text: &str) -> &mut Self {
        let comment = format!("  # {}", escape_controls(text));
        let table = self.current();
        if let Some((_, Item::Value(value))) = table.iter_mut().last() {
            value.decor_mut().set_suffix(comment);
        }
        self
    }

    /// `[name]`, after the pending comment lines: the entries that follow go into it.
    pub fn table(&mut self, name: &str) -> &mut Self {
        self.close_table();
        let mut table = Table::new();
        table
            .decor_mut()
            .set_prefix(std::mem::take(&mut self.pending));
        self.open = Some((name.to_owned(), table));
        self
    }

    /// The document's text, the pending comment lines last.
    pub fn finish(mut self) -> String {
        self.close_table();
        let trailing = std::mem::take(&mut self.pending);
        self.doc.set_trailing(trailing);
        self.doc.to_string()
    }

    fn current(&mut self) -> &mut Table {
        match &mut self.open {
            Some((_, table)) => table,
            None => self.doc.as_table_mut(),
        }
    }

    fn close_table(&mut self) {
        if let Some((name, table)) = self.open.take() {
            self.doc.insert(&name, Item::Table(table));
        }
    }
}

/// A file of front matter and body: `+++`, the TOML, `+++`, the body.
pub fn front_matter(toml: &str, body: &str) -> String {
    format!("+++\n{toml}+++\n{body}")
}

/// A text as a basic string, multi-line when it holds a line break.
pub fn text_value(text: &str) -> Value {
    let builder = TomlStringBuilder::new(text);
    let encoded = if text.contains('\n') {
        builder.as_ml_basic()
    } else {
        builder.as_basic()
    };
    // `toml_edit` keeps the encoding of a value it parsed; it parses every string `toml_writer`
    // writes, and the fallback (its own choice of encoding) holds the same text anyway.
    encoded
        .to_toml_value()
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(text))
}

/// A list of texts: `["a", "b"]`.
pub fn list_value(texts: &[String]) -> Value {
    let mut array = Array::new();
    for text in texts {
        array.push_formatted(text_value(text));
    }
    array.fmt();
    Value::Array(array)
}
