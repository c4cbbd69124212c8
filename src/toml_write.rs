//! TOML as `new`, `import` and `init` write it: a document built entry by entry with
//! `toml_edit`, with the comment lines an editor reads between the entries kept as the entries'
//! decor. Every text value is a basic string (`"…"`), or a multi-line basic string (`"""…"""`)
//! when it holds a line break: the README teaches editors `"…"`, and a French text is full of
//! apostrophes that a literal string (`'…'`, which `toml_edit` would pick for a value holding `"`
//! or `\`) could not take once an editor adds one. No command changes a field of an existing
//! file (`new`, `import`, `init` and `archiver` only create files); one that does would edit
//! the file's `toml_edit::DocumentMut`, which keeps the editor's comments and layout.

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

    /// Puts the open table into the document; `a.b` goes into an implicit table `a` (written
    /// `[a.b]`, without a `[a]` line).
    fn close_table(&mut self) {
        if let Some((name, table)) = self.open.take() {
            match name.split_once('.') {
                Some((parent, child)) => {
                    let parent = self.doc.entry(parent).or_insert_with(|| {
                        let mut implicit = Table::new();
                        implicit.set_implicit(true);
                        Item::Table(implicit)
                    });
                    if let Some(parent) = parent.as_table_mut() {
                        parent.insert(child, Item::Table(table));
                    }
                }
                None => {
                    self.doc.insert(&name, Item::Table(table));
                }
            }
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
        closes_no_front_matter(&builder.as_ml_basic().to_toml_value())
    } else {
        builder.as_basic().to_toml_value()
    };
    // `toml_edit` keeps the encoding of a value it parsed. It parses every string `toml_writer`
    // writes (the tests hold it to that); the fallback, its own encoding of the same text, only
    // keeps a panic off this path.
    encoded
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(text))
}

/// A multi-line string with a line `+++` in it (spaces or tabs around it allowed) would end the
/// front matter there (`frontmatter::split`): that line's first `+` is written as the escape
/// `\u002B`.
fn closes_no_front_matter(encoded: &str) -> String {
    encoded
        .split('\n')
        .map(|line| match line.find('+') {
            Some(at) if crate::frontmatter::is_delimiter(line, "+++") => {
                format!("{}\\u002B{}", &line[..at], &line[at + 1..])
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Key;
    use crate::load::SourceFile;
    use crate::toml_fields::clean_text;
    use crate::vocab::Vocabularies;

    #[test]
    fn texts_are_basic_strings_multi_line_when_they_hold_a_line_break() {
        assert_eq!(text_value("Plan").to_string(), "\"Plan\"");
        // A literal string would be shorter, and would break at the first apostrophe an editor
        // adds.
        assert_eq!(
            text_value("a \"b\" \\ c").to_string(),
            "\"a \\\"b\\\" \\\\ c\""
        );
        assert_eq!(text_value("l'été\tx").to_string(), "\"l'été\\tx\"");
        assert_eq!(text_value("a\nb").to_string(), "\"\"\"\na\nb\"\"\"");
        assert_eq!(
            text_value("a\n+++ \n++++\n +++").to_string(),
            "\"\"\"\na\n\\u002B++ \n++++\n +++\"\"\""
        );
        assert_eq!(
            text_value("a\n +++\nb").to_string(),
            "\"\"\"\na\n \\u002B++\nb\"\"\""
        );
        assert_eq!(
            list_value(&["x".to_owned(), "y \"z\"".to_owned()]).to_string(),
            "[\"x\", \"y \\\"z\\\"\"]"
        );
    }

    #[test]
    fn a_document_keeps_its_comments_blank_lines_and_tables_in_order() {
        let mut doc = TomlDoc::new();
        doc.comment("En tête.")
            .text("titre", "T")
            .blank_line()
            .comment("Une liste :")
            .commented_out("liste", &list_value(&["a".to_owned()]))
            .texts("liste2", &["b".to_owned(), "c".to_owned()])
            .integer("n", 3)
            .comment("deux\nlignes")
            .table("section")
            .comment("vide")
            .blank_line()
            .table("autre")
            .text("statut", "x")
            .comment_after("ou y")
            .date("date", "2026-11-15".parse().unwrap())
            .blank_line()
            .comment("fin");
        assert_eq!(
            doc.finish(),
            "# En tête.\ntitre = \"T\"\n\n# Une liste :\n# liste = [\"a\"]\n\
             liste2 = [\"b\", \"c\"]\nn = 3\n# deux\n# lignes\n[section]\n# vide\n\n[autre]\n\
             statut = \"x\"  # ou y\ndate = 2026-11-15\n\n# fin\n"
        );
    }

    #[test]
    fn no_text_leaves_its_comment() {
        let mut doc = TomlDoc::new();
        doc.comment(&format!(
            "nom : {}",
            escape_controls("A\n[rapport]\r\u{1b}\u{202e}")
        ))
        .comment_after("x\ny")
        .text("k", "v")
        .comment_after("x\ny");
        let text = doc.finish();
        assert_eq!(
            text,
            "# nom : A\\u{a}[rapport]\\u{d}\\u{1b}\\u{202e}\nk = \"v\"  # x\\u{a}y\n"
        );
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(table.len(), 1);
    }

    /// Fields that hold free text: a text, a vocabulary field's note.
    const TEXTS: [Key; 3] = [Key::Titre, Key::ObjectifsNote, Key::Economies];

    /// Every text a fiche may be given reads back, through TOML and through the validator, as
    /// written; the validator trims it and folds non-breaking spaces (`clean_text`) on purpose.
    #[test]
    fn any_text_written_into_a_fiche_reads_back_the_same_and_passes_check() {
        let values = [
            "Plan de formation",
            "guillemets \" et \"\" et \"\"\" dedans",
            "finit par un guillemet \"",
            "finit par deux \"\"",
            "\"\"\" au début",
            "apostrophes ' '' ''' dedans",
            "barre \\ oblique \\\\ et \\n écrit",
            "tabulation\tdedans",
            "ligne 1\nligne 2",
            "ligne 1\n\nligne 3\n",
            "\nsaut au début",
            "saut puis guillemets\n\"\"\"",
            "saut puis barre\n\\",
            "émoji 🎉 et 👩‍👩‍👧 et idéogrammes 漢字",
            "  espaces autour  ",
            "espace\u{a0}insécable",
            "dièse # pas un commentaire",
            "égal = pas une clé",
            "[crochets] et {accolades}",
            "+++",
            "a\n+++\nb",
        ];
        let vocab = Vocabularies::default();
        for value in values {
            let mut doc = TomlDoc::new();
            for key in TEXTS {
                doc.text(key.key(), value);
            }
            doc.texts(Key::VoirAussi.key(), &[format!("grh/{value}")]);
            let text = front_matter(&doc.finish(), "Le texte.\n");

            let parts = crate::frontmatter::split(&text).unwrap();
            let table: toml::Table = toml::from_str(&text[parts.front]).unwrap();
            for key in TEXTS {
                assert_eq!(table[key.key()].as_str(), Some(value), "{key:?} of {text}");
            }
            assert_eq!(
                table[Key::VoirAussi.key()][0].as_str(),
                Some(&*format!("grh/{value}"))
            );

            let file = SourceFile::plan(text.clone());
            let mut diagnostics = crate::Diagnostics::default();
            let draft = crate::fiche::fiche(&file, &vocab, &mut diagnostics);
            assert!(
                !diagnostics.has_errors(),
                "{value:?}:\n{text}\n{diagnostics}"
            );
            let draft = draft.unwrap();
            for key in TEXTS {
                let read = draft.values.text(key);
                assert_eq!(read, Some(&*clean_text(value)), "{key:?} of {text}");
            }
        }
    }

    /// A control character other than tab and line feed is written as an escape that reads back
    /// exactly through TOML; the validator refuses it (`caractere-de-controle`), so `new`,
    /// `import` and `init` write no file holding one.
    #[test]
    fn control_characters_read_back_through_toml_and_the_validator_refuses_them() {
        for c in [
            '\0', '\u{7}', '\u{8}', '\u{c}', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}',
        ] {
            let value = format!("a{c}b");
            let mut doc = TomlDoc::new();
            doc.text(Key::Titre.key(), &value);
            let toml = doc.finish();
            let table: toml::Table = toml::from_str(&toml).unwrap();
            assert_eq!(table[Key::Titre.key()].as_str(), Some(&*value), "{toml}");

            let text = front_matter(&toml, "");
            let diagnostics = crate::fiche::problems_of_new(
                "content/grh/plan.md",
                "grh",
                "plan",
                &text,
                &Vocabularies::default(),
            );
            let codes: Vec<_> = diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(
                codes,
                [crate::diagnostic::Code::CaractereDeControle],
                "{c:?}: {diagnostics}"
            );
        }
    }
}
