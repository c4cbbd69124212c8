//! Recognises the mistakes editors make on one line of a fiche's front matter, in French habits
//! (dates `15/11/2026`, percentages `80%`, quotes « » and “ ”, lists written as text or joined
//! by `+`, misspelt keys, `:` for `=`, a value holding a note) and writes that line corrected.
//!
//! A [`Hint`] becomes one diagnostic whose help ends with the corrected line(s) between
//! backquotes, after « remplacez la ligne par : » (or « remplacez les lignes 7 à 9 par : »):
//! people copy it, and tests apply it ([`replacement`] reads it back).

use crate::diagnostic::Code;
use crate::toml_fields::Date;
use crate::toml_write::{list_value, text_value};
use crate::vocab::{Field, Vocabularies, normalize};

pub(crate) mod backslash;
mod keys;
mod lines;
mod terms;
mod text;

pub use keys::canonical_key;
pub use lines::{Repaired, for_entry, repair};
use terms::*;
use text::*;

/// What a key holds, to know how to read and rewrite its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Term(Field),
    Terms(Field),
    References,
    Percent,
    Integer,
    Date,
}

pub fn kind_of(key: &str) -> Kind {
    use crate::fields::{Key, Kind as Declared};
    match Key::from_key(key).map(|k| k.spec().kind) {
        Some(Declared::Date) => Kind::Date,
        Some(Declared::Range(..)) => Kind::Percent,
        Some(Declared::Integer) => Kind::Integer,
        Some(Declared::References) => Kind::References,
        Some(Declared::Terms(field)) => Kind::Terms(field),
        Some(Declared::Term(field)) => Kind::Term(field),
        Some(Declared::Text | Declared::Note(_)) | None => Kind::Text,
    }
}

/// What a kind of file accepts: its keys, how each value is read, and how a message names the
/// part of the file they are in.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    pub keys: &'static [&'static str],
    pub kind: fn(&str) -> Kind,
    /// « clé inconnue dans {place} ».
    pub place: &'static str,
}

/// What the rest of the fiche says, for hints that add or depend on another line.
pub struct Context<'a> {
    pub vocab: &'a Vocabularies,
    /// The keys this kind of file accepts, and how each is read.
    pub schema: Schema,
    /// The keys the file already has (as their canonical key).
    pub present: Vec<&'static str>,
    /// The keys the file already has written exactly so: renaming another line to one of them
    /// would write it twice.
    pub exact: Vec<&'static str>,
}

/// One recognised mistake and the corrected line(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub code: Code,
    pub message: String,
    /// Next to the caret.
    pub label: String,
    /// Whether the caret goes under the key (else under the value).
    pub at_key: bool,
    /// Where in the value the caret goes, when not under all of it (bytes of the value as
    /// given to [`analyse`]).
    pub caret: Option<std::ops::Range<usize>>,
    /// Why, in a few words, before the corrected line.
    pub why: String,
    /// The corrected line(s); empty when there is no sure correction (an impossible date).
    pub lines: Vec<String>,
}

impl Hint {
    /// The help text: why, then the line(s) to copy in place of lines `first..=last`.
    pub fn help(&self, first: usize, last: usize) -> String {
        if self.lines.is_empty() {
            return self.why.clone();
        }
        let which = if first == last {
            "remplacez la ligne".to_owned()
        } else {
            format!("remplacez les lignes {first} à {last}")
        };
        let by = match self.lines.len() {
            1 => "par".to_owned(),
            2 => "par ces deux lignes".to_owned(),
            n => format!("par ces {n} lignes"),
        };
        let lines: Vec<String> = self.lines.iter().map(|l| format!("`{l}`")).collect();
        format!("{} ; {which} {by} : {}", self.why, lines.join(" puis "))
    }
}

/// The lines to replace and their replacement, read back from a help written by [`Hint::help`]:
/// `(first, last, lines)`, with `first` the diagnostic's line when the help names none.
pub fn replacement(help: &str, line: usize) -> Option<(usize, usize, Vec<String>)> {
    let at = help.rfind("remplacez l")?;
    let rest = &help[at..];
    let (head, tail) = rest.split_once(" : ")?;
    let (first, last) = match head.strip_prefix("remplacez les lignes ") {
        Some(range) => {
            let mut numbers = range.split(' ').filter_map(|w| w.parse::<usize>().ok());
            (numbers.next()?, numbers.next()?)
        }
        None => (line, line),
    };
    let lines: Vec<String> = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    (!lines.is_empty()).then_some((first, last, lines))
}

/// Looks at one entry as written (`key`, the separator, and the raw value text, possibly on
/// several lines). `parsed` tells whether TOML read the entry: a value TOML read is left to the
/// typed checks unless a hint knows better. `None`: nothing to say about this line.
pub fn analyse(key: &str, colon: bool, value: &str, parsed: bool, cx: &Context) -> Option<Hint> {
    // TOML read this value: a `#` outside quotes began a comment, which is no part of it.
    let uncommented;
    let value = if parsed && value.contains('#') {
        uncommented = strip_comments(value);
        uncommented.as_str()
    } else {
        value
    };
    let written = key.trim();
    // `pilote == "Ville"`: one `=` too many.
    let doubled = !parsed && !colon && value.trim_start().starts_with('=');
    let value = if doubled {
        value.trim_start()[1..].trim_start()
    } else {
        value
    };
    let Some(canonical) = canonical_key(written, cx.schema.keys) else {
        if parsed {
            return None;
        }
        return Some(Hint {
            code: Code::CleInconnue,
            message: format!("`{written}` : clé inconnue dans {}", cx.schema.place),
            label: "clé inconnue".to_owned(),
            at_key: true,
            caret: None,
            why: format!(
                "clés admises : {} ; retirez cette ligne ou mettez cette précision dans le texte \
                 de la fiche",
                cx.schema.keys.join(", ")
            ),
            lines: Vec::new(),
        });
    };
    let key_wrong = written != canonical;
    if key_wrong && cx.exact.contains(&canonical) {
        // `titre_court` beside `titre`: not a misspelt `titre`, an extra line.
        return (!parsed).then(|| Hint {
            code: Code::CleInconnue,
            message: format!("`{written}` : clé inconnue dans {}", cx.schema.place),
            label: "clé inconnue".to_owned(),
            at_key: true,
            caret: None,
            why: format!(
                "le champ `{canonical}` est déjà écrit plus haut ou plus bas ; retirez cette ligne \
                 ou réunissez les deux"
            ),
            lines: Vec::new(),
        });
    }
    let fixed = fix_value(canonical, value, parsed, cx);
    if !key_wrong && !colon && !doubled && fixed.is_none() {
        return None;
    }
    let mut why = Vec::new();
    let (mut code, mut message, mut label, mut at_key) = (None, None, None, false);
    let mut caret = None;
    if key_wrong {
        code = Some(Code::CleInconnue);
        message = Some(format!(
            "`{written}` : clé inconnue — le champ s'appelle `{canonical}`"
        ));
        label = Some("clé inconnue".to_owned());
        at_key = true;
        why.push(if written.contains('.') && written.replacen('.', "_", 1).eq_ignore_ascii_case(canonical) {
            format!("le nom du champ s'écrit `{canonical}`, avec `_`, pas avec un point")
        } else {
            format!(
                "le nom du champ s'écrit `{canonical}` (sans accent, sans espace, en minuscules)"
            )
        });
    }
    if doubled {
        code.get_or_insert(Code::SigneEgal);
        message.get_or_insert_with(|| {
            format!("`{written} ==` — un seul signe `=` entre le nom du champ et sa valeur")
        });
        label.get_or_insert_with(|| "un seul `=`".to_owned());
        at_key = true;
        why.push("chaque ligne s'écrit nom = valeur, avec un seul signe =".to_owned());
    }
    if colon {
        code.get_or_insert(Code::SigneEgal);
        message.get_or_insert_with(|| {
            format!("`{written} :` — il faut le signe `=` entre le nom du champ et sa valeur")
        });
        label.get_or_insert_with(|| "`=` attendu".to_owned());
        at_key = true;
        why.push("chaque ligne s'écrit nom = valeur, avec le signe =".to_owned());
    }
    let lines = match fixed {
        Some(Fixed::Lines { lines, what }) => {
            code.get_or_insert(what.code);
            message.get_or_insert(what.message);
            label.get_or_insert(what.label);
            why.push(what.why);
            lines
        }
        Some(Fixed::LinesAt { lines, what, at }) => {
            code.get_or_insert(what.code);
            message.get_or_insert(what.message);
            label.get_or_insert(what.label);
            why.push(what.why);
            // The caret under the part of the value at fault, when the key is not.
            if !at_key {
                let lead = value.len() - value.trim_start().len();
                caret = Some(lead + at.start..lead + at.end);
            }
            lines
        }
        Some(Fixed::Impossible(what)) => {
            code.get_or_insert(what.code);
            message.get_or_insert(what.message);
            label.get_or_insert(what.label);
            why.push(what.why);
            Vec::new()
        }
        None => vec![format!("{canonical} = {}", value.trim())],
    };
    Some(Hint {
        code: code.unwrap_or(Code::Syntaxe),
        message: message.unwrap_or_default(),
        label: label.unwrap_or_default(),
        at_key,
        caret,
        why: why.join(" ; "),
        lines,
    })
}

/// What was wrong with a value.
struct What {
    code: Code,
    message: String,
    label: String,
    why: String,
}

enum Fixed {
    /// The corrected line(s), the first being `key = value`.
    Lines { lines: Vec<String>, what: What },
    /// The corrected line(s), the caret under `at` in the (trimmed) value.
    LinesAt {
        lines: Vec<String>,
        what: What,
        at: std::ops::Range<usize>,
    },
    /// No correction can be sure (an impossible date): only why.
    Impossible(What),
}

fn what(code: Code, message: String, label: &str, why: &str) -> What {
    What {
        code,
        message,
        label: label.to_owned(),
        why: why.to_owned(),
    }
}

const STRAIGHT_ONLY: &str = "seuls les guillemets droits \" comptent, pas « », “ ” ni ‘ ’";

/// The corrected value of `key`, or `None` when it is fine (or not understood).
fn fix_value(key: &'static str, value: &str, parsed: bool, cx: &Context) -> Option<Fixed> {
    let value = value.trim();
    let one = |text: String, what: What| {
        Some(Fixed::Lines {
            lines: vec![format!("{key} = {text}")],
            what,
        })
    };
    if value.is_empty()
        && !parsed
        && let Some(fixed) = empty_value(key, cx)
    {
        return Some(fixed);
    }
    let kind = (cx.schema.kind)(key);
    if !parsed
        && matches!(kind, Kind::Text | Kind::Term(_))
        && let Some(after) = text_after_quote(value)
    {
        return Some(after_quote(key, kind, after, cx));
    }
    match kind {
        Kind::Date => {
            if parsed && is_iso_date(value) {
                return None;
            }
            let (inner, _) = unquote(value);
            match read_date(&inner) {
                DateRead::Date(date) => one(
                    date.iso(),
                    what(
                        Code::DateMalEcrite,
                        if inner.trim() == date.iso() {
                            format!("`{key}` : une date s'écrit sans guillemets")
                        } else {
                            format!("`{key}` : la date « {inner} » doit s'écrire {}", date.iso())
                        },
                        "date mal écrite",
                        "une date s'écrit année-mois-jour (AAAA-MM-JJ), sans guillemets",
                    ),
                ),
                DateRead::Impossible(why) => Some(Fixed::Impossible(what(
                    Code::DateImpossible,
                    format!("`{key}` : date impossible : {why}"),
                    "date impossible",
                    "vérifiez le jour et le mois ; une date s'écrit AAAA-MM-JJ, sans guillemets, \
                     par exemple mis_a_jour = 2026-11-30",
                ))),
                DateRead::Unknown if parsed => None,
                DateRead::Unknown => Some(Fixed::Impossible(what(
                    Code::DateMalEcrite,
                    format!("`{key}` : « {inner} » n'est pas une date complète"),
                    "date incomplète",
                    "une date s'écrit année-mois-jour (AAAA-MM-JJ), sans guillemets, par exemple \
                     mis_a_jour = 2026-11-15",
                ))),
            }
        }
        kind @ (Kind::Percent | Kind::Integer) => {
            let percent = kind == Kind::Percent;
            if parsed && !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let Some(number) = read_number(value, percent) else {
                if parsed {
                    return None;
                }
                let example = if percent { 50 } else { 3 };
                return Some(Fixed::Impossible(what(
                    Code::NombreMalEcrit,
                    format!("`{key}` attend un nombre écrit en chiffres"),
                    "nombre attendu",
                    &format!(
                        "écrivez un nombre entier en chiffres, sans guillemets, par exemple \
                         {key} = {example}"
                    ),
                )));
            };
            if percent && number > 100 {
                return None;
            }
            let why = if percent {
                "l'avancement est un nombre entier de 0 à 100, sans %, sans guillemets ni virgule"
            } else {
                "un nombre entier, sans guillemets ni virgule"
            };
            let (shown, _) = unquote(value);
            one(
                number.to_string(),
                what(
                    Code::NombreMalEcrit,
                    format!("`{key}` : « {shown} » doit s'écrire {number}"),
                    "nombre mal écrit",
                    why,
                ),
            )
        }
        Kind::Text | Kind::Term(_) if value.starts_with('[') => {
            // A list where one value is expected: `pilote = ["Ville"]`.
            let inside = value
                .trim_start_matches('[')
                .trim_end()
                .trim_end_matches(']');
            let (items, _, _) = split_items(inside);
            let texts: Vec<String> = items.into_iter().map(|i| i.text).collect();
            let mut text = texts.join(if (cx.schema.kind)(key) == Kind::Text {
                ", "
            } else {
                " et "
            });
            if let Kind::Term(field) = (cx.schema.kind)(key)
                && let Some(label) = label_of(field, &text, cx)
            {
                text = label;
            }
            one(
                text_value(&text).to_string(),
                what(
                    Code::TypeInvalide,
                    format!("`{key}` attend une seule valeur, pas une liste"),
                    "une liste",
                    "retirez les crochets",
                ),
            )
        }
        Kind::Text => {
            let (inner, quoting) = unquote(value);
            if !parsed
                && quoting == Quoting::Straight
                && let Some(fixed) = backslash::fix_text(key, value)
            {
                return Some(fixed);
            }
            if !parsed && quoting == Quoting::Straight && inner.contains('\n') {
                return Some(cut_text(key, &inner, cx));
            }
            let (message, label, why) = match quoting {
                // Read by TOML, or readable on its own (the line's fault is elsewhere, as a
                // `:` for `=`): nothing wrong with the text.
                Quoting::Straight | Quoting::Literal if parsed || reads_alone(value) => {
                    return None;
                }
                Quoting::Literal => (
                    format!("`{key}` : apostrophe ' à l'intérieur d'un texte entre apostrophes"),
                    "apostrophe dans le texte",
                    "entourez le texte de guillemets droits \"…\" : l'apostrophe peut alors y \
                     figurer",
                ),
                Quoting::Straight => (
                    format!("`{key}` : guillemet droit \" à l'intérieur du texte"),
                    "guillemet dans le texte",
                    "un guillemet droit \" ferme le texte : à l'intérieur, écrivez \\\" \
                     ou des guillemets « »",
                ),
                quoting => quote_problem(key, quoting),
            };
            one(
                text_value(&inner).to_string(),
                what(Code::Guillemets, message, label, why),
            )
        }
        Kind::Term(field) => fix_term_value(key, field, value, parsed, cx),
        Kind::Terms(field) => fix_list(key, Some(field), value, parsed, cx),
        Kind::References => fix_list(key, None, value, parsed, cx),
    }
}

/// `key =` with nothing after, for a text or a single vocabulary value: the title has no line
/// to copy (`titre = ""` is refused too), another field is left empty (`""`, « non renseigné »)
/// until the editor writes its value. Other kinds have their own message.
fn empty_value(key: &'static str, cx: &Context) -> Option<Fixed> {
    let message = format!("`{key}` : la valeur manque après le signe =");
    let label = "valeur manquante";
    let why = match (cx.schema.kind)(key) {
        Kind::Text if key == crate::fields::Key::Titre.key() => {
            return Some(Fixed::Impossible(what(
                Code::TitreVide,
                message,
                label,
                "écrivez le titre entre guillemets droits, par exemple \
                 titre = \"Plan de formation\"",
            )));
        }
        Kind::Text => "écrivez le texte entre guillemets droits \"…\" ; laissé vide (\"\"), le \
                       champ reste « non renseigné »"
            .to_owned(),
        Kind::Term(field) => format!(
            "écrivez une valeur entre guillemets droits, parmi {} ; laissée vide (\"\"), le \
             champ reste « non renseigné »",
            cx.vocab.get(field).quoted_labels()
        ),
        _ => return None,
    };
    Some(Fixed::Lines {
        lines: vec![format!("{key} = \"\"")],
        what: what(Code::Guillemets, message, label, &why),
    })
}

/// A one-line text the editor pressed Enter in (`titre = "Formations bureautiques` then
/// `des agents"`): the text joined on one line, or, for a field meant to hold several lines (a
/// `_note`, `economies`), written between `"""`.
fn cut_text(key: &str, inner: &str, cx: &Context) -> Fixed {
    let parts: Vec<&str> = inner
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let several = key.ends_with("_note") || key == "economies";
    let several = several && cx.schema.keys.contains(&key);
    let (lines, why) = if several {
        // `key = """first`, …, `last"""`, as an editor writes it; the encoder's form
        // (opening `"""` alone on its line) when a part needs escaping.
        let plain = parts
            .iter()
            .all(|p| !p.contains(['"', '\\']) && !p.starts_with("+++"));
        let text = if plain {
            format!("\"\"\"{}\"\"\"", parts.join("\n"))
        } else {
            text_value(&parts.join("\n")).to_string()
        };
        let lines: Vec<String> = format!("{key} = {text}")
            .lines()
            .map(str::to_owned)
            .collect();
        (
            lines,
            "un texte s'écrit sur une seule ligne entre deux guillemets droits \", ou sur \
             plusieurs lignes entre trois guillemets droits \"\"\"",
        )
    } else {
        (
            vec![format!("{key} = {}", text_value(&parts.join(" ")))],
            "ce texte s'écrit sur une seule ligne, entre deux guillemets droits \" : ne \
             passez pas à la ligne (pour voir une longue ligne en entier dans le Bloc-notes : \
             Format > Retour automatique à la ligne)",
        )
    };
    Fixed::Lines {
        lines,
        what: what(
            Code::TexteCoupe,
            format!("`{key}` : le texte passe à la ligne avant son guillemet de fin"),
            "texte coupé",
            why,
        ),
    }
}

/// Text written after a text's closing quote (`statut = "En cours" 50%`, `pilote = "Ville",`,
/// `pilote = "Ville" (RH)`): the line without it, and what it says in its own line — a
/// percentage in `avancement`, a precision in the `_note` field — or, for a free text, inside
/// the quotes.
fn after_quote(key: &'static str, kind: Kind, found: AfterQuote, cx: &Context) -> Fixed {
    let AfterQuote { inner, after, at } = found;
    let punctuation = after.chars().all(|c| ",;.".contains(c));
    let mut why = Vec::new();
    let mut lines = Vec::new();
    let drop = format!("rien ne s'écrit après le guillemet de fin : retirez « {after} »");
    match kind {
        Kind::Term(field) => {
            let value = match fix_term(field, &inner, cx) {
                TermFix::Same(label) => label,
                TermFix::Changed {
                    labels, note: None, ..
                } if labels.len() == 1 => labels[0].clone(),
                _ => inner.clone(),
            };
            lines.push(format!("{key} = {}", text_value(&value)));
            // What follows a `,` or `(`: `, 50%`, `(RH)`, `- via la DRH`.
            let rest = after
                .trim_start_matches(['(', '[', '-', '–', ':', ',', ';', ' '])
                .trim_end_matches([')', ']', ' ', ',', ';'])
                .trim();
            // A percentage: `50%`, `50 %`, or a whole number alone (not `0,5`).
            let percent = read_number(rest, true)
                .filter(|p| *p <= 100)
                .filter(|_| rest.contains('%') || rest.bytes().all(|b| b.is_ascii_digit()));
            if punctuation {
                why.push(drop);
            } else if field == Field::Statut
                && let Some(p) = percent
            {
                let avancement = crate::fields::Key::Avancement.key();
                if cx.present.contains(&avancement) {
                    why.push(format!(
                        "le pourcentage va dans `{avancement}` : vérifiez qu'il vaut {p}"
                    ));
                } else {
                    why.push(format!("le pourcentage va dans `{avancement}`"));
                    lines.push(format!("{avancement} = {p}"));
                }
            } else {
                let note = if rest.is_empty() {
                    after.as_str()
                } else {
                    rest
                };
                note_lines(key, field, Some(note.to_owned()), cx, &mut lines, &mut why);
            }
        }
        _ if punctuation => {
            lines.push(format!("{key} = {}", text_value(&inner)));
            why.push(drop);
        }
        _ => {
            lines.push(format!(
                "{key} = {}",
                text_value(&format!("{} {after}", inner.trim_end()))
            ));
            why.push("tout le texte va entre les deux guillemets droits".to_owned());
        }
    }
    Fixed::LinesAt {
        lines,
        what: what(
            Code::TexteApresGuillemet,
            format!("`{key}` : « {after} » est écrit après le guillemet de fin du texte"),
            "texte après le guillemet de fin",
            &why.join(" ; "),
        ),
        at,
    }
}

/// Whether `value` is a TOML value written as it should be.
fn reads_alone(value: &str) -> bool {
    toml::de::DeTable::parse(&format!("v = {value}")).is_ok()
}

/// The message, label and why of a text that is not between straight quotes.
fn quote_problem(key: &str, quoting: Quoting) -> (String, &'static str, &'static str) {
    match quoting {
        Quoting::Typographic => (
            format!("`{key}` : ces guillemets ne sont pas des guillemets droits"),
            "guillemets non reconnus",
            STRAIGHT_ONLY,
        ),
        Quoting::CurlyEnd => (
            format!("`{key}` : le guillemet de fin n'est pas un guillemet droit \""),
            "guillemet de fin non reconnu",
            "le texte commence par un guillemet droit \" et doit finir par un guillemet droit \" ; \
             seuls les guillemets droits comptent, pas « », “ ” ni ‘ ’",
        ),
        Quoting::MissingEnd => (
            format!("`{key}` : texte non fermé, il manque le guillemet de fin"),
            "guillemet de fin manquant",
            "un texte s'écrit entre deux guillemets droits \", sur la même ligne",
        ),
        Quoting::MissingStart => (
            format!("`{key}` : il manque le guillemet du début"),
            "guillemet du début manquant",
            "un texte s'écrit entre deux guillemets droits \"",
        ),
        _ => (
            format!("`{key}` : un texte doit être entre guillemets"),
            "guillemets manquants",
            "un texte s'écrit entre guillemets droits \"…\"",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangled_fiches_never_panic_and_every_hint_names_its_lines() {
        use crate::load::SourceFile;
        let base = "+++\ntitre = \"Plan de formation\"\nobjectifs = [\n  \"Moyens\",\n]\n\
                    modes = [\"Délégatif\"]\npilote = \"Ville\"\nstatut = \"En cours\"\n\
                    avancement = 50\nmis_a_jour = 2026-11-15\neconomies = \"\"\"12 €\n\"\"\"\n+++\nTexte.\n";
        let pieces = [
            "\"", "[", "]", "=", ":", "«", "»", "“", "\n", "#", ",", "%", "/", "é", "'", " ", "(",
            ")", "{", "}", "\r\n", "\"\"\"", "+", ";", "\u{a0}", "\\", "S:\\t",
        ];
        let vocab = Vocabularies::default();
        let mut seed: u64 = 0x5eed;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        for _ in 0..3000 {
            let mut text = base.to_owned();
            for _ in 0..1 + next(4) {
                let at = next(text.len());
                let at = (0..=at)
                    .rev()
                    .find(|i| text.is_char_boundary(*i))
                    .unwrap_or(0);
                if next(3) == 0 {
                    let end = (at + 1..=text.len())
                        .find(|i| text.is_char_boundary(*i))
                        .unwrap_or(text.len());
                    text.replace_range(at..end, "");
                } else {
                    text.insert_str(at, pieces[next(pieces.len())]);
                }
            }
            let file = SourceFile::plan(text.clone());
            let mut diagnostics = crate::Diagnostics::default();
            let draft = crate::fiche::fiche(&file, &vocab, &mut diagnostics);
            assert_eq!(draft.is_some(), !diagnostics.has_errors(), "{text}");
            let lines = text.lines().count();
            for d in diagnostics.iter() {
                let line = d
                    .location
                    .as_ref()
                    .and_then(|l| l.position.as_ref())
                    .map_or(1, |p| p.line);
                if let Some((first, last, _)) = d.help.as_deref().and_then(|h| replacement(h, line))
                {
                    assert!(
                        first <= line && line <= last && last <= lines,
                        "{text}\n{d}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_help_is_read_back() {
        let hint = Hint {
            code: Code::NombreMalEcrit,
            message: String::new(),
            label: String::new(),
            at_key: false,
            caret: None,
            why: "un pourcentage va dans `avancement`".to_owned(),
            lines: vec![
                "statut = \"En cours\"".to_owned(),
                "avancement = 80".to_owned(),
            ],
        };
        assert_eq!(
            replacement(&hint.help(7, 7), 7),
            Some((7, 7, hint.lines.clone()))
        );
        assert_eq!(
            replacement(&hint.help(7, 9), 7),
            Some((7, 9, hint.lines.clone()))
        );
    }
}
