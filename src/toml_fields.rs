//! Reads TOML written by editors into spanned values, and typed fields out of it, turning every
//! syntax error and type mismatch into a French diagnostic that points into the whole file.
//! Shared by the fiche validator and the `synergies.toml` reader.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location, is_unsafe_char};

pub use toml::Spanned;

/// The French names of the months, January first.
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A TOML text inside a file: `front` is where the TOML is in `text` (between the `+++`).
pub struct Source<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub front: Range<usize>,
}

/// A calendar date, as written in TOML (`2026-11-15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// How many days `month` (1 to 12) has in `year`.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// ISO form, `2026-11-15`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// French form, `15 novembre 2026`.
    pub fn french(&self) -> String {
        let day = if self.day == 1 {
            "1er".to_owned()
        } else {
            self.day.to_string()
        };
        let month = MONTHS[usize::from(self.month.clamp(1, 12) - 1)];
        format!("{day} {month} {}", self.year)
    }
}

impl<'a> Source<'a> {
    /// A location for a span of the TOML text.
    pub fn location(&self, span: Range<usize>) -> Location {
        Location::span(
            self.path,
            self.text,
            span.start + self.front.start..span.end + self.front.start,
        )
    }

    /// Parses the TOML, reporting every syntax error. Returns the table only when it parsed cleanly.
    pub fn parse(&self, diagnostics: &mut Diagnostics) -> Option<DeTable<'a>> {
        self.parse_text(&self.text[self.front.clone()], diagnostics)
    }

    /// As [`Source::parse`], on a text that stands for the TOML part (same length, so spans
    /// hold): the front matter once its broken lines are reported and blanked out.
    pub fn parse_text<'b>(
        &self,
        toml_text: &'b str,
        diagnostics: &mut Diagnostics,
    ) -> Option<DeTable<'b>> {
        let (table, errors) = DeTable::parse_recoverable(toml_text);
        // A line with a control character gets that error alone: the parser's on it would
        // only say the text is broken.
        let mut seen_lines = self.raw_controls(diagnostics);
        for error in &errors {
            let span = error.span().unwrap_or(0..0);
            let location = self.location(span);
            let line = location.position.as_ref().map_or(0, |p| p.line);
            // One error per line: the parser's follow-up errors on the same line only add noise.
            if seen_lines.contains(&line) {
                continue;
            }
            seen_lines.push(line);
            if error.message().starts_with("duplicate key")
                && let Some(diagnostic) = self.written_twice(toml_text, error.span())
            {
                diagnostics.push(diagnostic);
                continue;
            }
            diagnostics.push(syntax_error(error.message()).at(location));
        }
        if errors.is_empty() {
            Some(table.into_inner())
        } else {
            None
        }
    }

    /// A key written a second time (`span`, in `toml_text`), pointed at with the line of its
    /// first writing in the same table: the parser reads neither, so the editor chooses.
    fn written_twice(&self, toml_text: &str, span: Option<Range<usize>>) -> Option<Diagnostic> {
        let span = span?;
        let key = toml_text
            .get(span.clone())?
            .trim()
            .trim_matches(['"', '\'']);
        let line_start = toml_text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        // The earlier lines of the same table, the nearest first.
        let first = toml_text[..line_start]
            .split_inclusive('\n')
            .scan(0, |at, line| {
                let start = *at;
                *at += line.len();
                Some((start, line))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .take_while(|(_, line)| !line.trim_start().starts_with('['))
            .find(|(_, line)| {
                line.split_once('=')
                    .is_some_and(|(k, _)| k.trim().trim_matches(['"', '\'']) == key)
            })?;
        let key_at = first.0 + (first.1.len() - first.1.trim_start().len());
        let first_line = self
            .location(key_at..key_at + key.len())
            .position
            .map(|p| p.line)?;
        Some(
            Diagnostic::error(
                Code::CleEnDouble,
                format!("`{key}` est écrit deux fois, ligne {first_line} et ici"),
            )
            .at(self.location(span))
            .label(format!("déjà écrit ligne {first_line}"))
            .help(format!(
                "aucune des deux lignes n'est lue tant que `{key}` est écrit deux fois : gardez \
                 celle qui est juste (ligne {first_line} ou celle-ci) et supprimez l'autre"
            )),
        )
    }

    /// Reports the control and bidi characters written as they are in the front matter (see
    /// [`Source::raw_controls`]); whether there were any.
    pub fn refuse_controls(&self, diagnostics: &mut Diagnostics) -> bool {
        !self.raw_controls(diagnostics).is_empty()
    }

    /// Reports the control and bidi characters written as they are in the TOML text (see
    /// [`is_unsafe_char`]; tab, line feed and the CR of a CRLF are allowed), the first of each
    /// line. Returns those lines.
    fn raw_controls(&self, diagnostics: &mut Diagnostics) -> Vec<usize> {
        let text = &self.text[self.front.clone()];
        let mut lines = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let allowed = match c {
                '\t' | '\n' => true,
                '\r' => chars.peek().is_some_and(|&(_, next)| next == '\n'),
                c => !is_unsafe_char(c),
            };
            if allowed {
                continue;
            }
            let location = self.location(at..at + c.len_utf8());
            let line = location.position.as_ref().map_or(0, |p| p.line);
            if lines.last() == Some(&line) {
                continue;
            }
            lines.push(line);
            diagnostics.push(
                Diagnostic::error(Code::CaractereDeControle, control_message(c))
                    .at(location)
                    .label("caractère invisible")
                    .help(
                        "supprimez ce caractère, souvent collé depuis un autre logiciel ; \
                         au besoin, retapez le texte à la main",
                    ),
            );
        }
        lines
    }

    /// Reports the control and bidi characters that `decoded`, the value of the string at `span`,
    /// got from an escape (`\u001b`, `\e`, `\b`…), each at its escape; a line break only in a
    /// one-line string (`"…"`), since a multi-line one (`"""…"""`) is meant to hold some.
    /// Characters written as they are were reported by [`Source::parse`].
    ///
    /// With `key` (a one-text field), a one-line text that looks like a Windows path and got
    /// a tab or a control character from `\t`, `\n`, `\f`, `\b` or `\r` gets one diagnostic
    /// instead, about the backslash, with the line corrected ([`Source::path_backslashes`]).
    fn escaped_controls(
        &self,
        key: Option<&str>,
        decoded: &str,
        span: Range<usize>,
        diagnostics: &mut Diagnostics,
    ) {
        let tab = decoded.contains('\t');
        if !tab && !decoded.chars().any(is_unsafe_char) {
            return;
        }
        let start = self.front.start + span.start;
        let written = &self.text[start..(self.front.start + span.end).min(self.text.len())];
        if !written.starts_with('"') {
            // A literal string ('…') has no escapes.
            return;
        }
        let multi_line = written.starts_with("\"\"\"");
        if !multi_line
            && let Some(key) = key
            && let Some(d) = self.path_backslashes(key, written, start)
        {
            diagnostics.push(d);
            return;
        }
        if !decoded.chars().any(|c| c != '\t' && is_unsafe_char(c)) {
            return;
        }
        let mut chars = written.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c != '\\' {
                continue;
            }
            let Some((_, kind)) = chars.next() else {
                break;
            };
            let mut hex = |digits: usize| {
                let mut value = 0u32;
                for _ in 0..digits {
                    let digit = chars.next_if(|(_, d)| d.is_ascii_hexdigit());
                    value = value * 16 + digit.and_then(|(_, d)| d.to_digit(16)).unwrap_or(0);
                }
                char::from_u32(value)
            };
            let escaped = match kind {
                'n' => Some('\n'),
                'r' => Some('\r'),
                'b' => Some('\u{8}'),
                'f' => Some('\u{c}'),
                'e' => Some('\u{1b}'),
                'x' => hex(2),
                'u' => hex(4),
                'U' => hex(8),
                _ => None,
            };
            let Some(escaped) = escaped else { continue };
            let allowed = escaped == '\t' || (escaped == '\n' && multi_line);
            if allowed || !is_unsafe_char(escaped) {
                continue;
            }
            let end = chars.peek().map_or(written.len(), |&(end, _)| end);
            let (message, label, help) = if escaped == '\n' {
                (
                    "saut de ligne dans un texte d'une seule ligne".to_owned(),
                    "saut de ligne",
                    "retirez le \\n ; pour un texte sur plusieurs lignes, entourez-le de trois \
                     guillemets \"\"\" et passez à la ligne ; pour écrire une barre oblique \
                     inverse \\ (un chemin), doublez-la : \\\\",
                )
            } else {
                (
                    control_message(escaped),
                    "caractère invisible",
                    "retirez cette séquence : ce caractère n'a rien à faire dans un texte",
                )
            };
            diagnostics.push(
                Diagnostic::error(Code::CaractereDeControle, message)
                    .at(Location::span(
                        self.path,
                        self.text,
                        start + at..start + end,
                    ))
                    .label(label)
                    .help(help),
            );
        }
    }

    /// The diagnostic for `written`, a one-line text at byte `start` of the file, when it
    /// looks like a Windows path holding `\t`, `\n`, `\f`, `\b` or `\r`: an error when one
    /// of them makes a character a text refuses, a warning for tabs only (the text still
    /// reads); the help gives the line with every lone backslash doubled.
    fn path_backslashes(&self, key: &str, written: &str, start: usize) -> Option<Diagnostic> {
        use crate::hints::backslash;
        let inner = written.strip_prefix('"')?.strip_suffix('"')?;
        if !backslash::looks_like_path(inner) {
            return None;
        }
        let (at, refused) = backslash::path_escapes(inner)?;
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let end = start + written.len();
        let line_end = self.text[end..]
            .find('\n')
            .map_or(self.text.len(), |i| end + i);
        let fixed = format!(
            "{}\"{}\"{}",
            &self.text[line_start..start],
            backslash::doubled(inner),
            self.text[end..line_end].trim_end_matches('\r')
        );
        let at = start + 1 + at;
        let diagnostic = if refused {
            Diagnostic::error(Code::BarreObliqueInverse, backslash::message(key))
        } else {
            Diagnostic::warning(Code::BarreObliqueInverse, backslash::message(key))
        };
        Some(
            diagnostic
                .at(Location::span(self.path, self.text, at..at + 2))
                .label(backslash::LABEL)
                .help(format!(
                    "{} ; remplacez la ligne par : `{}`",
                    backslash::WHY,
                    fixed.trim()
                )),
        )
    }

    /// A diagnostic for a key that is not in `known`, with the nearest known key.
    pub fn unknown_key(&self, key: &str, span: Range<usize>, known: &[&str]) -> Diagnostic {
        let nearest = crate::diagnostic::nearest(key, known.iter().copied(), 0.8);
        let message = match nearest {
            Some(k) => format!("`{key}` : clé inconnue — vouliez-vous dire `{k}` ?"),
            None => format!("`{key}` : clé inconnue"),
        };
        Diagnostic::error(Code::CleInconnue, message)
            .at(self.location(span))
            .label("clé inconnue")
            .help(format!("clés admises : {}", known.join(", ")))
    }

    /// A diagnostic for a value of the wrong type.
    pub fn wrong_type(&self, key: &str, value: &Spanned<DeValue>, expected: &str) -> Diagnostic {
        Diagnostic::error(
            Code::TypeInvalide,
            format!(
                "`{key}` attend {expected}, pas {}",
                describe(value.get_ref())
            ),
        )
        .at(self.location(value.span()))
        .label(format!("ici : {}", describe(value.get_ref())))
    }

    /// A non-empty, trimmed string; `None` for an empty one. Pushes a diagnostic on a wrong type.
    pub fn string(
        &self,
        key: &str,
        value: &Spanned<DeValue>,
        diagnostics: &mut Diagnostics,
    ) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => {
                self.escaped_controls(Some(key), s, value.span(), diagnostics);
                Some(clean_text(s)).filter(|s| !s.is_empty())
            }
            DeValue::Array(items) => {
                let example = items
                    .iter()
                    .filter_map(|v| v.get_ref().as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                diagnostics.push(
                    self.wrong_type(key, value, "un seul texte entre guillemets")
                        .help(format!("retirez les crochets : {key} = \"{example}\"")),
                );
                None
            }
            _ => {
                diagnostics.push(
                    self.wrong_type(key, value, "un texte entre guillemets")
                        .help(format!("mettez la valeur entre guillemets : {key} = \"…\"")),
                );
                None
            }
        }
    }

    /// A list of strings, each with its span. Pushes a diagnostic on a wrong type.
    pub fn string_list(
        &self,
        key: &str,
        value: &Spanned<DeValue>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Spanned<String>> {
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => {
                            self.escaped_controls(None, s, item.span(), diagnostics);
                            let s = clean_text(s);
                            if !s.is_empty() {
                                out.push(Spanned::new(item.span(), s));
                            }
                        }
                        _ => diagnostics.push(
                            self.wrong_type(key, item, "des textes entre guillemets")
                                .help(format!("écrivez {key} = [\"…\", \"…\"]")),
                        ),
                    }
                }
                out
            }
            DeValue::String(s) => {
                diagnostics.push(
                    self.wrong_type(key, value, "une liste entre crochets")
                        .help(format!("ajoutez des crochets : {key} = [\"{}\"]", s.trim())),
                );
                Vec::new()
            }
            _ => {
                diagnostics.push(
                    self.wrong_type(key, value, "une liste entre crochets")
                        .help(format!("écrivez {key} = [\"…\"]")),
                );
                Vec::new()
            }
        }
    }

    /// An integer. Pushes a diagnostic on a wrong type.
    pub fn integer(
        &self,
        key: &str,
        value: &Spanned<DeValue>,
        diagnostics: &mut Diagnostics,
    ) -> Option<i64> {
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        if parsed.is_none() {
            // A percentage's example is a percentage; a year's, a year.
            let example = match crate::fields::Key::from_key(key).map(|k| k.spec().kind) {
                Some(crate::fields::Kind::Range(..)) => "50",
                _ if key == "annee" => "2026",
                _ => "3",
            };
            let help = match value.get_ref() {
                DeValue::String(s) if s.chars().any(|c| c.is_ascii_digit()) => format!(
                    "écrivez le nombre sans guillemets ni symbole : {key} = {}",
                    s.chars().filter(char::is_ascii_digit).collect::<String>()
                ),
                DeValue::String(_) => format!(
                    "écrivez un nombre entier en chiffres, sans guillemets, par exemple \
                     {key} = {example} ; s'il n'est pas connu, retirez la ligne"
                ),
                _ => format!("écrivez un nombre entier : {key} = {example}"),
            };
            if let DeValue::Integer(i) = value.get_ref() {
                // A whole number, too large to be one this tool keeps.
                diagnostics.push(
                    Diagnostic::error(
                        Code::TypeInvalide,
                        format!("`{key}` : le nombre {} est trop grand", i.as_str()),
                    )
                    .at(self.location(value.span()))
                    .label("nombre trop grand")
                    .help(format!(
                        "écrivez un nombre entier plus petit, par exemple {key} = {example}"
                    )),
                );
                return None;
            }
            diagnostics.push(self.wrong_type(key, value, "un nombre entier").help(help));
        }
        parsed
    }

    /// A date without time. Pushes a diagnostic on a wrong type.
    pub fn date(
        &self,
        key: &str,
        value: &Spanned<DeValue>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Date> {
        if let DeValue::Datetime(datetime) = value.get_ref()
            && let (Some(date), None, None) = (datetime.date, datetime.time, datetime.offset)
        {
            return Some(Date {
                year: date.year,
                month: date.month,
                day: date.day,
            });
        }
        diagnostics.push(
            self.wrong_type(key, value, "une date (AAAA-MM-JJ)")
                .help(format!(
                    "écrivez la date sans guillemets : {key} = 2026-11-15"
                )),
        );
        None
    }
}

/// Trims, folds non-breaking and other odd spaces into plain ones.
pub fn clean_text(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ").trim().to_owned()
}

/// "caractère de contrôle U+001B (échappement) interdit…": what an unsafe character is, in French.
fn control_message(c: char) -> String {
    let code = u32::from(c);
    let name = match c {
        '\0' => " (nul)",
        '\u{7}' => " (sonnerie)",
        '\u{8}' => " (retour arrière)",
        '\r' => " (retour chariot)",
        '\u{1b}' => " (échappement)",
        '\u{7f}' => " (effacement)",
        _ => "",
    };
    if c.is_control() {
        format!("caractère de contrôle U+{code:04X}{name} interdit dans un texte")
    } else {
        format!("marque de direction du texte U+{code:04X} interdite")
    }
}

/// "un texte (« abc »)", "un nombre (3)": what the editor wrote, in French.
fn describe(value: &DeValue) -> String {
    match value {
        DeValue::String(s) if s.trim().is_empty() => "un texte vide".to_owned(),
        DeValue::String(s) => format!("un texte (« {} »)", s.trim()),
        DeValue::Integer(i) => format!("un nombre ({})", i.as_str()),
        DeValue::Float(f) => format!("un nombre à virgule ({})", f.as_str()),
        DeValue::Boolean(b) => format!("un booléen ({b})"),
        DeValue::Datetime(d) => format!("une date ou une heure ({d})"),
        DeValue::Array(_) => "une liste".to_owned(),
        DeValue::Table(_) => "une table".to_owned(),
    }
}

/// Translates the TOML parser's message into French, with a hint.
fn syntax_error(message: &str) -> Diagnostic {
    let (what, help) = if message.starts_with("invalid basic string")
        || message.starts_with("invalid literal string")
    {
        (
            "texte non fermé : il manque le guillemet de fin",
            "ajoutez le guillemet \" à la fin du texte, sur la même ligne ; pour un texte \
             sur plusieurs lignes, entourez-le de trois guillemets \"\"\"",
        )
    } else if message.starts_with("string values must be quoted") {
        (
            "un texte doit être entre guillemets",
            "écrivez par exemple pilote = \"Ville\"",
        )
    } else if message.starts_with("unclosed array") {
        (
            "liste non fermée : il manque le crochet `]`",
            "terminez la liste par ] : modes = [\"Coopératif\", \"Délégatif\"]",
        )
    } else if message.starts_with("key with no value") {
        (
            "il manque le signe `=` entre la clé et sa valeur",
            "écrivez clé = \"valeur\", par exemple titre = \"…\"",
        )
    } else if message.starts_with("duplicate key") {
        (
            "cette clé est écrite deux fois",
            "gardez une seule ligne pour chaque clé",
        )
    } else if message.starts_with("invalid date") || message.starts_with("invalid time") {
        (
            "date invalide",
            "une date s'écrit AAAA-MM-JJ, sans guillemets, par exemple 2026-11-15",
        )
    } else if message.starts_with("missing escaped value") || message.starts_with("invalid escape")
    {
        (
            "barre oblique inverse \\ non valide dans un texte",
            "doublez-la (\\\\) ou entourez le texte d'apostrophes droites : '…'",
        )
    } else if message.starts_with("unquoted keys cannot be empty") {
        (
            "il manque le nom de la clé avant `=`",
            "écrivez clé = \"valeur\", par exemple titre = \"…\"",
        )
    } else if message.starts_with("unexpected key or value") {
        (
            "texte inattendu après la valeur",
            "une seule clé par ligne ; un texte entier doit être entre guillemets",
        )
    } else if message.starts_with("unclosed table") {
        ("section non fermée : il manque `]`", "retirez cette ligne")
    } else {
        (
            "ligne mal écrite",
            "chaque ligne s'écrit nom = valeur : un texte entre guillemets droits \"…\", une \
             liste entre crochets [\"…\", \"…\"], un nombre ou une date AAAA-MM-JJ sans guillemets",
        )
    };
    Diagnostic::error(Code::Syntaxe, what)
        .label(what)
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_folds_odd_spaces_and_trims() {
        let cases = [
            ("  Coopératif ", "Coopératif"),
            ("\u{a0}Coût\u{202f}: 3\u{a0}€\u{a0}", "Coût : 3 €"),
            ("l’œuvre « sociale »", "l’œuvre « sociale »"),
            ("l’œuvre\u{a0}« sociale »", "l’œuvre « sociale »"),
            ("\t\u{202f}\n", ""),
            ("", ""),
        ];
        for (text, cleaned) in cases {
            assert_eq!(clean_text(text), cleaned, "{text:?}");
        }
    }

    #[test]
    fn syntax_errors_point_into_the_file_in_french() {
        let text = "+++\ntitre = \"A\npilote = \"Ville\"\n+++\n";
        let source = Source {
            path: "content/a/b.md",
            text,
            front: 4..text.len() - 4,
        };
        let mut diagnostics = Diagnostics::default();
        assert!(source.parse(&mut diagnostics).is_none());
        let d = diagnostics.iter().next().unwrap();
        assert_eq!(d.message, "texte non fermé : il manque le guillemet de fin");
        let p = d.location.as_ref().unwrap().position.as_ref().unwrap();
        assert_eq!(p.line, 2);
    }

    #[test]
    fn list_given_as_string_says_how_to_fix() {
        let text = "modes = \"Délégatif\"\n";
        let source = Source {
            path: "x.md",
            text,
            front: 0..text.len(),
        };
        let mut diagnostics = Diagnostics::default();
        let table = source.parse(&mut diagnostics).unwrap();
        let (_, value) = table.iter().next().unwrap();
        assert!(
            source
                .string_list("modes", value, &mut diagnostics)
                .is_empty()
        );
        let d = diagnostics.iter().next().unwrap();
        assert_eq!(
            d.message,
            "`modes` attend une liste entre crochets, pas un texte (« Délégatif »)"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("ajoutez des crochets : modes = [\"Délégatif\"]")
        );
    }

    #[test]
    fn control_characters_in_any_text_are_errors_at_their_position() {
        let text = "titre = 'Mons\u{2066}'\r\nnote = \"a\\u0007b\"\r\nautre = \"c\rd\"\r\n";
        let source = Source {
            path: "synergies.toml",
            text,
            front: 0..text.len(),
        };
        let mut diagnostics = Diagnostics::default();
        let found: Vec<String> = match source.parse(&mut diagnostics) {
            Some(table) => table
                .iter()
                .filter_map(|(key, value)| source.string(key.get_ref(), value, &mut diagnostics))
                .collect(),
            None => Vec::new(),
        };
        let problems: Vec<String> = diagnostics
            .iter()
            .map(|d| {
                let p = d.location.as_ref().unwrap().position.as_ref().unwrap();
                format!(
                    "{}:{}+{} {} ({})",
                    p.line, p.column, p.width, d.message, d.code
                )
            })
            .collect();
        assert_eq!(
            problems,
            [
                "1:14+1 marque de direction du texte U+2066 interdite (caractere-de-controle)",
                "3:11+1 caractère de contrôle U+000D (retour chariot) interdit dans un texte \
                 (caractere-de-controle)",
            ]
        );
        // The file did not parse (a lone CR is no TOML): the escape is reported once it does.
        assert!(found.is_empty());
        let text = "note = \"a\\u0007b\"\n";
        let source = Source {
            path: "synergies.toml",
            text,
            front: 0..text.len(),
        };
        let mut diagnostics = Diagnostics::default();
        let table = source.parse(&mut diagnostics).unwrap();
        let (key, value) = table.iter().next().unwrap();
        assert_eq!(
            source
                .string(key.get_ref(), value, &mut diagnostics)
                .as_deref(),
            Some("a\u{7}b")
        );
        let d = diagnostics.iter().next().unwrap();
        let p = d.location.as_ref().unwrap().position.as_ref().unwrap();
        assert_eq!((p.line, p.column, p.width), (1, 10, 6));
        assert_eq!(
            d.message,
            "caractère de contrôle U+0007 (sonnerie) interdit dans un texte"
        );
    }

    #[test]
    fn dates_print_in_french() {
        let d = Date {
            year: 2026,
            month: 11,
            day: 1,
        };
        assert_eq!(d.french(), "1er novembre 2026");
        assert_eq!(d.iso(), "2026-11-01");
    }
}
