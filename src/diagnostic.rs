//! Problems found in the content, as data: every stage collects them, the CLI prints them all
//! at once, in French, the way rustc and cargo do (file:line:col, the source line, a caret, a hint).

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::Range;

mod code;
pub use code::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is: a file, and when known a position in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path as the editor knows it, relative to the root, with `/` separators.
    pub path: String,
    /// 1-based line and column (in characters), and the marked line, when a span is known.
    pub position: Option<Position>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// The text of the line, without its line ending.
    pub line_text: String,
    /// How many characters the caret underlines (at least 1).
    pub width: usize,
}

impl Location {
    pub fn file(path: impl Into<String>) -> Location {
        Location {
            path: path.into(),
            position: None,
        }
    }

    /// A location in `text` (the whole file as read), from a byte range.
    pub fn span(path: impl Into<String>, text: &str, span: Range<usize>) -> Location {
        Location {
            path: path.into(),
            position: Some(Position::from_span(text, span)),
        }
    }
}

impl Position {
    pub fn from_span(text: &str, span: Range<usize>) -> Position {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let before = &text[line_start..start];
        // A BOM at the very start is invisible in editors: do not count it as a column.
        let column = before.trim_start_matches('\u{feff}').chars().count() + 1;
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let marked_end = end.min(line_start + line_text.len()).max(start);
        let width = text[start..marked_end].chars().count().max(1);
        Position {
            line,
            column,
            line_text: line_text.trim_start_matches('\u{feff}').to_owned(),
            width,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// One problem: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The kind of problem (printed as `valeur-inconnue`), explained by `synergies explique`.
    pub code: Code,
    pub message: String,
    pub location: Option<Location>,
    /// Short text printed next to the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Extra lines, such as the other file of a conflict.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (Option<&str>, usize, usize, Severity, &str) {
        let (path, line, column) = match &self.location {
            Some(l) => (
                Some(l.path.as_str()),
                l.position.as_ref().map_or(0, |p| p.line),
                l.position.as_ref().map_or(0, |p| p.column),
            ),
            None => (None, 0, 0),
        };
        (path, line, column, self.severity, &self.message)
    }
}

/// A path as the user types it: paths are kept with `/` (sorting, tests), and printed with `\`
/// between their parts on Windows, where Explorer and `cmd` show them so.
pub fn shown_path(path: &str) -> Cow<'_, str> {
    if cfg!(windows) {
        Cow::Owned(path.replace('/', "\\"))
    } else {
        Cow::Borrowed(path)
    }
}

impl fmt::Display for Diagnostic {
    /// rustc-style rendering, without colours (they would be lost in log files and Notepad).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        };
        writeln!(f, "{kind}[{}] : {}", self.code, self.message)?;
        let gutter = self
            .location
            .as_ref()
            .and_then(|l| l.position.as_ref())
            .map_or(1, |p| p.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(location) = &self.location {
            match &location.position {
                Some(p) => {
                    let path = shown_path(&location.path);
                    writeln!(f, "{pad}--> {path}:{}:{}", p.line, p.column)?;
                    writeln!(f, "{pad} |")?;
                    writeln!(f, "{} | {}", p.line, p.line_text)?;
                    let mut caret = " ".repeat(p.column - 1);
                    caret.push_str(&"^".repeat(p.width));
                    if let Some(label) = &self.label {
                        write!(caret, " {label}")?;
                    }
                    writeln!(f, "{pad} | {caret}")?;
                }
                None => writeln!(f, "{pad}--> {}", shown_path(&location.path))?,
            }
        }
        for note in &self.notes {
            writeln!(f, "{pad} = note : {note}")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = aide : {help}")?;
        }
        Ok(())
    }
}

/// Every problem found by a run, kept in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position: the order an editor fixes them in.
    pub fn sorted(mut self) -> Diagnostics {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Turns every warning into an error (`--strict`).
    pub fn strict(mut self) -> Diagnostics {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
        self
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// "1 erreur", "3 erreurs": French plural of a count.
pub fn plural(count: usize, singular: &str, plural: &str) -> String {
    if count < 2 {
        format!("{count} {singular}")
    } else {
        format!("{count} {plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_as_the_system_writes_them() {
        let diagnostic =
            Diagnostic::error(Code::Encodage, "x").at(Location::file("content/grh/a.md"));
        let (shown, arrow) = if cfg!(windows) {
            ("content\\grh\\a.md", " --> content\\grh\\a.md\n")
        } else {
            ("content/grh/a.md", " --> content/grh/a.md\n")
        };
        assert_eq!(shown_path("content/grh/a.md"), shown);
        assert!(diagnostic.to_string().contains(arrow));
    }

    #[test]
    fn span_maps_to_line_and_character_column() {
        let text = "+++\ntitre = \"Égalité\"\npilote = \"Vile\"\n+++\n";
        let start = text.find("\"Vile\"").unwrap();
        let p = Position::from_span(text, start..start + 6);
        assert_eq!((p.line, p.column, p.width), (3, 10, 6));
        assert_eq!(p.line_text, "pilote = \"Vile\"");
    }

    #[test]
    fn columns_count_characters_not_bytes_and_ignore_bom_and_cr() {
        let text = "\u{feff}é = 1\r\nabc";
        let p = Position::from_span(text, text.find('=').unwrap()..text.find('=').unwrap() + 1);
        assert_eq!((p.line, p.column), (1, 3));
        assert_eq!(p.line_text, "é = 1");
    }

    #[test]
    fn renders_like_rustc() {
        let text = "+++\npilote = \"Vile\"\n+++\n";
        let start = text.find("\"Vile\"").unwrap();
        let d = Diagnostic::error(
            Code::ValeurInconnue,
            "« Vile » n'est pas une administration pilote",
        )
        .at(Location::span("content/grh/a.md", text, start..start + 6))
        .label("valeur inconnue")
        .help("vouliez-vous dire « Ville » ?");
        assert_eq!(
            d.to_string(),
            "erreur[valeur-inconnue] : « Vile » n'est pas une administration pilote\n \
             --> content/grh/a.md:2:10\n  |\n2 | pilote = \"Vile\"\n  |          ^^^^^^ valeur inconnue\n  \
             = aide : vouliez-vous dire « Ville » ?\n"
        );
    }

    #[test]
    fn sorted_orders_by_file_then_line() {
        let text = "a\nb\nc\n";
        let all: Diagnostics = [
            Diagnostic::error(Code::Interne, "third").at(Location::span("b.md", text, 0..1)),
            Diagnostic::error(Code::Interne, "second").at(Location::span("a.md", text, 4..5)),
            Diagnostic::error(Code::Interne, "first").at(Location::span("a.md", text, 2..3)),
        ]
        .into_iter()
        .collect();
        let order: Vec<_> = all.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(order, ["first", "second", "third"]);
    }
}
