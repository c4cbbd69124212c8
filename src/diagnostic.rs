//! Problems found in the content, as data: every stage collects them, the CLI prints them all
//! at once, in French, the way rustc and cargo do (file:line:col, the source line, a caret, a hint).

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::Range;

mod code;
pub mod explain;
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
    /// The other files this problem is theirs too (the other file of a conflict): `check` of
    /// one of them shows it.
    pub also_about: Vec<String>,
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
            also_about: Vec::new(),
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

    /// Another file whose problem this is too, as diagnostics name files.
    pub fn also_about(mut self, path: impl Into<String>) -> Diagnostic {
        self.also_about.push(path.into());
        self
    }

    /// Whether the problem is about the file `path` (where it points, or another it names).
    pub fn is_about(&self, path: &str) -> bool {
        self.location.as_ref().is_some_and(|l| l.path == path)
            || self.also_about.iter().any(|p| p == path)
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
        writeln!(f, "{kind}[{}] : {}", self.code, escape_texts(&self.message))?;
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
                    let path = escape_controls(&path);
                    writeln!(f, "{pad}--> {path}:{}:{}", p.line, p.column)?;
                    writeln!(f, "{pad} |")?;
                    let shown = Excerpt::new(&p.line_text, p.column - 1, p.width);
                    writeln!(f, "{} | {}", p.line, shown.text)?;
                    let mut caret = " ".repeat(shown.caret_start);
                    caret.push_str(&"^".repeat(shown.caret_width));
                    if let Some(label) = &self.label {
                        write!(caret, " {}", escape_texts(label))?;
                    }
                    writeln!(f, "{pad} | {caret}")?;
                }
                None => writeln!(
                    f,
                    "{pad}--> {}",
                    escape_controls(&shown_path(&location.path))
                )?,
            }
        }
        for note in &self.notes {
            writeln!(f, "{pad} = note : {}", escape_texts(note))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = aide : {}", escape_texts(help))?;
        }
        Ok(())
    }
}

/// Whether `c` must not reach a terminal as it is: a C0 or C1 control character, DEL, or a
/// bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which can make a line
/// read otherwise than it is.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character of [`is_unsafe_char`] (tab and line breaks included) written as
/// a Rust escape, `\u{1b}`: a value from a file, safe to print on one terminal line.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe_char)
}

/// A diagnostic's own texts (message, label, notes, help) may hold values from a file: they are
/// escaped as [`escape_controls`] does, except their line breaks, which are the diagnostic's.
fn escape_texts(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && is_unsafe_char(c))
}

fn escape_where(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            // Writing into a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Longest source line shown whole, in characters as shown; a longer one is cut around the caret.
const LINE_SHOWN: usize = 200;
/// Characters shown before the caret when a long line is cut.
const BEFORE_CARET: usize = 60;
const TAB: &str = "    ";

/// A source line as printed under `-->`: unsafe characters escaped, tabs as four spaces, cut
/// around the caret when too long, and where the caret goes in it.
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    text: String,
    /// Columns (in characters as shown) before the caret, and the caret's length.
    caret_start: usize,
    caret_width: usize,
}

impl Excerpt {
    /// `line` with the characters `start..start + width` (counted in `line`'s characters) marked.
    fn new(line: &str, start: usize, width: usize) -> Excerpt {
        // Each character as shown, with the column it starts at.
        let mut pieces: Vec<(Cow<str>, usize)> = Vec::with_capacity(line.len());
        let mut column = 0;
        let mut caret = None;
        for (i, (at, c)) in line.char_indices().enumerate() {
            if i == start {
                caret = Some(column);
            }
            let shown = match c {
                '\t' => Cow::Borrowed(TAB),
                c if is_unsafe_char(c) => Cow::Owned(format!("\\u{{{:x}}}", u32::from(c))),
                c => Cow::Borrowed(&line[at..at + c.len_utf8()]),
            };
            let shown_width = shown.chars().count();
            pieces.push((shown, column));
            column += shown_width;
        }
        let total = column;
        let caret_start = caret.unwrap_or(total);
        // Where the marked characters end, as shown.
        let caret_end = line
            .chars()
            .count()
            .min(start + width.max(1))
            .checked_sub(1)
            .and_then(|last| pieces.get(last))
            .map_or(caret_start + 1, |(shown, at)| at + shown.chars().count())
            .max(caret_start + 1);
        if total <= LINE_SHOWN {
            let text = pieces.iter().map(|(shown, _)| shown.as_ref()).collect();
            return Excerpt {
                text,
                caret_start,
                caret_width: caret_end - caret_start,
            };
        }
        // A window of LINE_SHOWN columns: some context before the caret, as much as fits after.
        let from = caret_start
            .saturating_sub(BEFORE_CARET)
            .min(total.saturating_sub(LINE_SHOWN));
        let to = from + LINE_SHOWN;
        let first = pieces.partition_point(|(_, at)| *at < from);
        let mut text = String::with_capacity(LINE_SHOWN * 2);
        let cut_before = first > 0;
        if cut_before {
            text.push('…');
        }
        let window_start = pieces.get(first).map_or(total, |(_, at)| *at);
        let mut window_end = window_start;
        let mut last = first;
        for (shown, at) in &pieces[first..] {
            let end = at + shown.chars().count();
            if end > to {
                break;
            }
            text.push_str(shown);
            window_end = end;
            last += 1;
        }
        if last < pieces.len() {
            text.push('…');
        }
        let offset = usize::from(cut_before);
        Excerpt {
            text,
            caret_start: caret_start.saturating_sub(window_start) + offset,
            caret_width: caret_end.min(window_end.max(caret_start + 1)) - caret_start,
        }
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

/// The candidate nearest to `word` by Jaro–Winkler similarity, when it is at least `at_least`
/// (the « vouliez-vous dire … ? » of a diagnostic); of equally near ones, the last.
pub fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    at_least: f64,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score >= at_least)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Why a file or folder could not be read or written, in French: on Linux the system's own
/// words are English (« No such file or directory (os error 2) »); a kind without French words
/// here keeps them.
pub fn io_reason(error: &std::io::Error) -> Cow<'static, str> {
    use std::io::ErrorKind;
    // Windows: the file is open in another program (sharing or lock violation).
    if cfg!(windows) && matches!(error.raw_os_error(), Some(32 | 33)) {
        return "le fichier est ouvert dans un autre programme".into();
    }
    match error.kind() {
        ErrorKind::NotFound => "fichier ou dossier introuvable".into(),
        ErrorKind::PermissionDenied => "accès refusé".into(),
        ErrorKind::IsADirectory => "c'est un dossier, pas un fichier".into(),
        ErrorKind::NotADirectory => "un élément du chemin n'est pas un dossier".into(),
        ErrorKind::AlreadyExists => "un fichier ou un dossier de ce nom existe déjà".into(),
        ErrorKind::DirectoryNotEmpty => "le dossier n'est pas vide".into(),
        ErrorKind::ResourceBusy => "le fichier est occupé par un autre programme".into(),
        ErrorKind::StorageFull => "le disque est plein".into(),
        ErrorKind::QuotaExceeded => "quota de disque dépassé".into(),
        ErrorKind::ReadOnlyFilesystem => "le disque ou le partage est en lecture seule".into(),
        ErrorKind::FileTooLarge => "fichier trop grand".into(),
        ErrorKind::TimedOut => "délai dépassé (partage réseau injoignable ?)".into(),
        ErrorKind::InvalidFilename => "nom de fichier invalide".into(),
        ErrorKind::OutOfMemory => "mémoire insuffisante".into(),
        _ => format!("erreur du système ({error})").into(),
    }
}

/// [`io_reason`] for an error of a walk through folders (`walkdir`): a loop of links has no
/// system error, and says so.
pub fn walk_reason(error: &walkdir::Error) -> Cow<'static, str> {
    match error.io_error() {
        Some(e) => io_reason(e),
        None => "boucle de liens symboliques".into(),
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
    fn io_errors_are_said_in_french() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            io_reason(&Error::from(ErrorKind::NotFound)),
            "fichier ou dossier introuvable"
        );
        assert_eq!(
            io_reason(&Error::from(ErrorKind::PermissionDenied)),
            "accès refusé"
        );
        assert_eq!(
            io_reason(&Error::from_raw_os_error(2)),
            "fichier ou dossier introuvable"
        );
        // What a publish to a full, read-only or wrongly named place gets from Linux.
        #[cfg(unix)]
        for (code, said) in [
            (20, "un élément du chemin n'est pas un dossier"),
            (28, "le disque est plein"),
            (30, "le disque ou le partage est en lecture seule"),
        ] {
            assert_eq!(io_reason(&Error::from_raw_os_error(code)), said);
        }
    }

    #[test]
    fn the_nearest_candidate_is_offered_only_near_enough() {
        let keys = ["titre", "statut", "pilote"];
        assert_eq!(nearest("titr", keys, 0.8), Some("titre"));
        assert_eq!(nearest("statu", keys, 0.8), Some("statut"));
        assert_eq!(nearest("budget", keys, 0.8), None);
        assert_eq!(nearest("titr", keys, 0.99), None);
    }

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

    /// The source line and caret lines of a diagnostic at `start..start + len` of `line`.
    fn shown(line: &str, start: usize, len: usize) -> (String, String) {
        let d = Diagnostic::error(Code::Interne, "x").at(Location::span(
            "a.md",
            line,
            start..start + len,
        ));
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        (lines[3].to_owned(), lines[4].to_owned())
    }

    /// The characters of the source line above the caret.
    fn under_caret(source: &str, caret: &str) -> String {
        let source: Vec<char> = source.chars().collect();
        caret
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == '^')
            .map(|(i, _)| source[i])
            .collect()
    }

    #[test]
    fn control_characters_are_escaped_and_the_caret_follows() {
        let line = "titre = \"\u{1b}[31mRouge\u{202e}\" # x";
        let start = line.find('R').unwrap();
        let (source, caret) = shown(line, start, "Rouge".len());
        assert_eq!(source, "1 | titre = \"\\u{1b}[31mRouge\\u{202e}\" # x");
        assert_eq!(under_caret(&source, &caret), "Rouge");
        // The escaped character itself, marked.
        let (source, caret) = shown(line, line.find('\u{1b}').unwrap(), 1);
        assert_eq!(under_caret(&source, &caret), "\\u{1b}");
        assert!(!source.contains(['\u{1b}', '\u{202e}']));
    }

    #[test]
    fn a_label_from_a_file_is_escaped_too() {
        let d = Diagnostic::error(Code::Interne, "x")
            .at(Location::span("a.md", "ab", 1..2))
            .label("« \u{1b}[2J »");
        assert_eq!(
            d.to_string(),
            "erreur[interne] : x\n --> a.md:1:2\n  |\n1 | ab\n  |  ^ « \\u{1b}[2J »\n"
        );
    }

    #[test]
    fn tabs_are_shown_as_spaces_under_which_the_caret_stays_aligned() {
        let line = "\ttitre\t= \"A\"";
        let (source, caret) = shown(line, line.find('"').unwrap(), 3);
        assert_eq!(source, "1 |     titre    = \"A\"");
        assert_eq!(under_caret(&source, &caret), "\"A\"");
    }

    #[test]
    fn messages_labels_and_hints_escape_controls_but_keep_their_line_breaks() {
        let d = Diagnostic::error(Code::Interne, "« \u{1b}]0;x\u{7} » inconnu")
            .label("ici\u{9b}")
            .note("a\nb\u{0}")
            .help("\u{2066}aide");
        let text = d.to_string();
        assert_eq!(
            text,
            "erreur[interne] : « \\u{1b}]0;x\\u{7} » inconnu\n  = note : a\nb\\u{0}\n  = aide : \\u{2066}aide\n"
        );
        assert!(!text.chars().any(|c| c != '\n' && is_unsafe_char(c)));
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("notes = \"{}CIBLE{}\"", "a".repeat(250), "b".repeat(300));
        let start = line.find("CIBLE").unwrap();
        let (source, caret) = shown(&line, start, 5);
        let text = source.strip_prefix("1 | ").unwrap();
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert_eq!(text.chars().count(), LINE_SHOWN + 2);
        assert_eq!(under_caret(&source, &caret), "CIBLE");
        assert_eq!(
            text.chars().take_while(|&c| c != 'C').count(),
            BEFORE_CARET + 1
        );

        // At the start: cut after only. At the very end: cut before only.
        let (source, caret) = shown(&line, 0, 5);
        assert!(source.starts_with("1 | notes") && source.ends_with('…'));
        assert_eq!(under_caret(&source, &caret), "notes");
        let (source, caret) = shown(&line, line.len() - 1, 1);
        assert!(
            source.starts_with("1 | …") && source.ends_with("b\""),
            "{source}"
        );
        assert_eq!(under_caret(&source, &caret), "\"");
        // A caret longer than the window stops at its end.
        let (source, caret) = shown(&line, 0, line.len());
        assert_eq!(under_caret(&source, &caret).chars().count(), LINE_SHOWN);
    }

    #[test]
    fn a_long_line_of_escapes_is_cut_between_whole_escapes() {
        let line = "\u{1}".repeat(100) + "X" + &"\u{1}".repeat(100);
        let (source, caret) = shown(&line, 100, 1);
        let text = source.strip_prefix("1 | ").unwrap();
        assert!(
            text.starts_with("…\\u{1}") && text.ends_with("\\u{1}…"),
            "{text}"
        );
        assert_eq!(under_caret(&source, &caret), "X");
    }

    #[test]
    fn escape_controls_escapes_every_unsafe_character() {
        assert!(matches!(
            escape_controls("Ville de Mons, l’œuvre"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_controls("a\tb\nc\r\u{7f}\u{85}\u{202a}\u{2069}d"),
            "a\\u{9}b\\u{a}c\\u{d}\\u{7f}\\u{85}\\u{202a}\\u{2069}d"
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
