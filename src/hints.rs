//! Recognises the mistakes editors make on one line of a fiche's front matter, in French habits
//! (dates `15/11/2026`, percentages `80%`, quotes « » and “ ”, lists written as text or joined
//! by `+`, misspelt keys, `:` for `=`, a value holding a note) and writes that line corrected.
//!
//! A [`Hint`] becomes one diagnostic whose help ends with the corrected line(s) between
//! backquotes, after « remplacez la ligne par : » (or « remplacez les lignes 7 à 9 par : »):
//! people copy it, and tests apply it ([`replacement`] reads it back).

use crate::diagnostic::Code;
use crate::toml_fields::{Date, quote, quote_list};
use crate::vocab::{Field, Vocabularies, normalize};

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
    match key {
        "mis_a_jour" => Kind::Date,
        "avancement" => Kind::Percent,
        "ordre" => Kind::Integer,
        "voir_aussi" => Kind::References,
        _ => match Field::from_key(key) {
            Some(field) if field.is_list() => Kind::Terms(field),
            Some(field) => Kind::Term(field),
            None => Kind::Text,
        },
    }
}

/// Other names editors give to a field (compared after [`key_core`]).
const KEY_SYNONYMS: &[(&str, &[&str])] = &[
    (
        "titre",
        &[
            "nom",
            "intitule",
            "synergie",
            "titre_de_la_synergie",
            "libelle",
        ],
    ),
    ("objectifs", &["objectif_s", "but", "buts"]),
    (
        "modes",
        &["mode_operatoire", "modes_operatoires", "mode_operationnel"],
    ),
    (
        "pilote",
        &["administration_pilote", "pilotage", "administration"],
    ),
    (
        "responsable",
        &[
            "responsable_administratif",
            "responsables_administratifs",
            "dg",
        ],
    ),
    (
        "statut",
        &["etat", "status", "situation", "statut_de_la_synergie"],
    ),
    (
        "avancement",
        &[
            "pourcentage",
            "progression",
            "taux_d_avancement",
            "pourcentage_d_avancement",
            "avancement_pourcent",
        ],
    ),
    (
        "mis_a_jour",
        &[
            "mise_a_jour",
            "date",
            "maj",
            "date_de_mise_a_jour",
            "derniere_mise_a_jour",
            "date_mise_a_jour",
            "mis_a_jour_le",
            "mise_a_jour_le",
            "actualise_le",
        ],
    ),
    (
        "economies",
        &[
            "economie",
            "economies_d_echelle",
            "economie_d_echelle",
            "gains",
        ],
    ),
    (
        "voir_aussi",
        &["voir", "liens", "fiches_liees", "renvois", "voir_egalement"],
    ),
    ("ordre", &["position", "rang", "numero"]),
];

/// A key reduced to lower-case ASCII words joined by `_`: `Mis à jour` → `mis_a_jour`.
fn key_core(key: &str) -> String {
    slug::slugify(key.replace('%', " pourcent ")).replace('-', "_")
}

/// The key of `keys` that `written` names (accents, spaces, capitals, plural, synonyms), if any.
pub fn canonical_key(written: &str, keys: &[&'static str]) -> Option<&'static str> {
    let core = key_core(written);
    let core = core.trim_end_matches("_pourcent");
    if core.is_empty() {
        return None;
    }
    let plural_of = |a: &str, b: &str| a == b || format!("{a}s") == b || format!("{b}s") == a;
    if let Some(k) = keys.iter().find(|k| plural_of(core, k)) {
        return Some(k);
    }
    // `objectif_note`, `note_pilote`, `precisions_modes` → the field's `_note`.
    for prefix in ["note_", "notes_", "precision_", "precisions_"] {
        if let Some(rest) = core.strip_prefix(prefix)
            && let Some(base) = canonical_key(rest, keys)
            && let Some(note) = keys.iter().find(|k| **k == format!("{base}_note"))
        {
            return Some(note);
        }
    }
    for suffix in ["_note", "_notes", "_precision", "_precisions", "_remarque"] {
        if let Some(rest) = core.strip_suffix(suffix)
            && let Some(base) = canonical_key(rest, keys)
            && let Some(note) = keys.iter().find(|k| **k == format!("{base}_note"))
        {
            return Some(note);
        }
    }
    for (key, synonyms) in KEY_SYNONYMS {
        if keys.contains(key) && synonyms.iter().any(|s| plural_of(core, s)) {
            return keys.iter().find(|k| *k == key).copied();
        }
    }
    keys.iter()
        .map(|k| (strsim::jaro_winkler(core, k), *k))
        .filter(|(score, _)| *score >= 0.88)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// What the rest of the fiche says, for hints that add or depend on another line.
pub struct Context<'a> {
    pub vocab: &'a Vocabularies,
    /// The keys this kind of file accepts.
    pub keys: &'a [&'static str],
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
    let Some(canonical) = canonical_key(written, cx.keys) else {
        if parsed {
            return None;
        }
        return Some(Hint {
            code: Code::CleInconnue,
            message: format!("`{written}` : clé inconnue dans l'en-tête de la fiche"),
            label: "clé inconnue".to_owned(),
            at_key: true,
            why: format!(
                "clés admises : {} ; retirez cette ligne ou mettez cette précision dans le texte \
                 de la fiche",
                cx.keys.join(", ")
            ),
            lines: Vec::new(),
        });
    };
    let key_wrong = written != canonical;
    if key_wrong && cx.exact.contains(&canonical) {
        // `titre_court` beside `titre`: not a misspelt `titre`, an extra line.
        return (!parsed).then(|| Hint {
            code: Code::CleInconnue,
            message: format!("`{written}` : clé inconnue dans l'en-tête de la fiche"),
            label: "clé inconnue".to_owned(),
            at_key: true,
            why: format!(
                "le champ `{canonical}` est déjà écrit plus haut ou plus bas ; retirez cette ligne \
                 ou réunissez les deux"
            ),
            lines: Vec::new(),
        });
    }
    let fixed = fix_value(canonical, value, parsed, cx);
    if !key_wrong && !colon && fixed.is_none() {
        return None;
    }
    let mut why = Vec::new();
    let (mut code, mut message, mut label, mut at_key) = (None, None, None, false);
    if key_wrong {
        code = Some(Code::CleInconnue);
        message = Some(format!(
            "`{written}` : clé inconnue — le champ s'appelle `{canonical}`"
        ));
        label = Some("clé inconnue".to_owned());
        at_key = true;
        why.push(format!(
            "le nom du champ s'écrit `{canonical}` (sans accent, sans espace, en minuscules)"
        ));
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
        why: why.join(" ; "),
        lines,
    })
}

/// One `key = value` entry of the front matter, possibly on several lines (byte ranges into
/// the front matter).
struct Entry {
    range: std::ops::Range<usize>,
    key: std::ops::Range<usize>,
    colon: bool,
    value: std::ops::Range<usize>,
}

/// Where the key of a `key = value` (or `key : value`) line ends, and whether it is a colon.
fn key_line(line: &str) -> Option<(usize, bool)> {
    let t = line.trim_start();
    if t.is_empty() || t.starts_with(['#', '[', '"', '\'', ']', '«', '“', '”', '‘', ',']) {
        return None;
    }
    let at = line.find(['=', ':'])?;
    let key = line[..at].trim();
    let plausible = !key.is_empty()
        && key.chars().count() <= 60
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || " _-%'’.".contains(c));
    plausible.then(|| (at, line[at..].starts_with(':')))
}

/// Brackets opened and not closed on a line (outside straight quotes), and `"""` count.
fn depth_change(text: &str) -> (i32, usize) {
    let mut depth = 0;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            _ => {}
        }
    }
    (depth, text.matches("\"\"\"").count())
}

/// Cuts the front matter into entries: a key line and the lines that continue its value (an
/// open list or `"""` text). Other lines (blank, comments, stray text) belong to none.
fn entries(front: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut open = false;
    let (mut depth, mut triple) = (0i32, 0usize);
    let mut start = 0;
    while start < front.len() {
        let end = front[start..].find('\n').map_or(front.len(), |i| start + i);
        let line = front[start..end].trim_end_matches('\r');
        let line_end = start + line.len();
        let continues = open && (triple % 2 == 1 || (depth > 0 && key_line(line).is_none()));
        if continues {
            let (d, t) = depth_change(line);
            depth += d;
            triple += t;
            if let Some(entry) = out.last_mut() {
                entry.range.end = line_end;
                entry.value.end = line_end;
            }
        } else if let Some((at, colon)) = key_line(line) {
            let key_start = start + (line.len() - line.trim_start().len());
            let key_end = start + line[..at].trim_end().len();
            let value_start = start + at + 1;
            let rest = &front[value_start..line_end];
            let value_start = value_start + (rest.len() - rest.trim_start().len());
            let (d, t) = depth_change(rest);
            (depth, triple, open) = (d, t, true);
            out.push(Entry {
                range: key_start..line_end,
                key: key_start..key_end,
                colon,
                value: value_start..line_end,
            });
        } else {
            open = false;
        }
        start = end + 1;
    }
    out
}

/// A front matter TOML could not read, with its broken entries reported and blanked out.
pub struct Repaired {
    /// The front matter with each reported entry turned into spaces (same length: spans hold).
    pub text: String,
    /// The keys (as meant) of the entries reported.
    pub keys: Vec<&'static str>,
}

/// Reports each entry of a front matter that does not parse on its own, in the editor's words,
/// with its corrected line, and blanks it out, so that one broken line gives one error and the
/// rest of the file is still read.
pub fn repair(
    source: &crate::toml_fields::Source,
    vocab: &Vocabularies,
    keys: &[&'static str],
    diagnostics: &mut crate::Diagnostics,
) -> Repaired {
    let front = &source.text[source.front.clone()];
    let found = entries(front);
    let cx = Context {
        vocab,
        keys,
        present: found
            .iter()
            .filter_map(|e| canonical_key(&front[e.key.clone()], keys))
            .collect(),
        exact: keys
            .iter()
            .filter(|k| found.iter().any(|e| front[e.key.clone()] == ***k))
            .copied()
            .collect(),
    };
    let mut text = front.to_owned().into_bytes();
    let mut reported = Vec::new();
    for entry in &found {
        let entry_text = &front[entry.range.clone()];
        if !entry.colon && toml::de::DeTable::parse(entry_text).is_ok() {
            continue;
        }
        let key = &front[entry.key.clone()];
        let Some(hint) = analyse(key, entry.colon, &front[entry.value.clone()], false, &cx) else {
            continue;
        };
        let first_line_end = front[entry.value.start..]
            .find(['\r', '\n'])
            .map_or(entry.value.end, |i| entry.value.start + i);
        let span = if hint.at_key {
            entry.key.clone()
        } else {
            entry.value.start..first_line_end.max(entry.value.start)
        };
        diagnostics.push(to_diagnostic(source, &hint, span, entry.range.clone()));
        for byte in &mut text[entry.range.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
        reported.extend(canonical_key(key, keys));
    }
    Repaired {
        // Only whole entries were replaced by ASCII spaces: still UTF-8.
        text: String::from_utf8(text).unwrap_or_default(),
        keys: reported,
    }
}

/// The diagnostic of a hint, the caret under `span`, the fix replacing the lines of `entry`.
fn to_diagnostic(
    source: &crate::toml_fields::Source,
    hint: &Hint,
    span: std::ops::Range<usize>,
    entry: std::ops::Range<usize>,
) -> crate::Diagnostic {
    let front = &source.text[source.front.clone()];
    let line_of = |at: usize| source.text[..source.front.start + at].matches('\n').count() + 1;
    let first = line_of(entry.start);
    let last = first + front[entry.clone()].trim_end().matches('\n').count();
    crate::Diagnostic::error(hint.code, hint.message.clone())
        .at(source.location(span))
        .label(hint.label.clone())
        .help(hint.help(first, last))
}

/// For an entry TOML read but the checks refused (`key_span`, `value_span` in the front
/// matter): the diagnostic with the corrected line, when a hint knows it.
pub fn for_entry(
    source: &crate::toml_fields::Source,
    key_span: std::ops::Range<usize>,
    value_span: std::ops::Range<usize>,
    cx: &Context,
) -> Option<crate::Diagnostic> {
    let front = &source.text[source.front.clone()];
    let start = front[..key_span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = front[value_span.end.min(front.len())..]
        .find('\n')
        .map_or(front.len(), |i| value_span.end + i);
    let key = front.get(key_span.clone())?;
    let after_key = front.get(key_span.end..end)?;
    let value = after_key.trim_start().strip_prefix('=')?;
    let value = value.trim_end_matches('\r');
    let hint = analyse(key, false, value, true, cx)?;
    if hint.lines.is_empty() && hint.code != Code::DateImpossible {
        return None;
    }
    let span = if hint.at_key { key_span } else { value_span };
    Some(to_diagnostic(source, &hint, span, start..end))
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
    match kind_of(key) {
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
        Kind::Percent | Kind::Integer => {
            if parsed && !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let Some(number) = read_number(value, key == "avancement") else {
                if parsed {
                    return None;
                }
                let example = if key == "avancement" { 50 } else { 3 };
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
            if key == "avancement" && number > 100 {
                return None;
            }
            let why = if key == "avancement" {
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
            let mut text = texts.join(if kind_of(key) == Kind::Text {
                ", "
            } else {
                " et "
            });
            if let Kind::Term(field) = kind_of(key)
                && let Some(label) = label_of(field, &text, cx)
            {
                text = label;
            }
            one(
                quote(&text),
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
            let (message, label, why) = match quoting {
                Quoting::Straight | Quoting::Literal if parsed => return None,
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
            one(quote(&inner), what(Code::Guillemets, message, label, why))
        }
        Kind::Term(field) => fix_term_value(key, field, value, parsed, cx),
        Kind::Terms(field) => fix_list(key, Some(field), value, parsed, cx),
        Kind::References => fix_list(key, None, value, parsed, cx),
    }
}

/// The message, label and why of a text that is not between straight quotes.
fn quote_problem(key: &str, quoting: Quoting) -> (String, &'static str, &'static str) {
    match quoting {
        Quoting::Typographic => (
            format!("`{key}` : ces guillemets ne sont pas des guillemets droits"),
            "guillemets non reconnus",
            STRAIGHT_ONLY,
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

/// A single vocabulary value (`pilote`, `responsable`, `statut`).
fn fix_term_value(
    key: &'static str,
    field: Field,
    value: &str,
    parsed: bool,
    cx: &Context,
) -> Option<Fixed> {
    let (inner, quoting) = unquote(value);
    let straight = matches!(quoting, Quoting::Straight | Quoting::Literal);
    // A status written as a percentage: the percentage goes to `avancement`.
    if field == Field::Statut
        && cx.vocab.lookup(field, &inner).is_err()
        && let Some(p) = read_number(&inner, true).filter(|p| *p <= 100)
    {
        let statut = if p >= 100 { "Effectif" } else { "En cours" };
        let label = cx
            .vocab
            .lookup(field, statut)
            .map(|i| cx.vocab.get(field).terms[i].label.clone())
            .unwrap_or_else(|_| statut.to_owned());
        let mut lines = vec![format!("{key} = {}", quote(&label))];
        let mut why = format!(
            "un pourcentage va dans `avancement` ; le statut est « {label} »{}",
            if p >= 100 {
                ""
            } else {
                " tant que l'avancement n'est pas à 100"
            }
        );
        if cx.present.contains(&"avancement") {
            why.push_str(&format!(" ; vérifiez que `avancement` vaut {p}"));
        } else {
            lines.push(format!("avancement = {p}"));
        }
        return Some(Fixed::Lines {
            lines,
            what: What {
                code: Code::NombreMalEcrit,
                message: format!("`{key}` : « {inner} » est un avancement, pas un statut"),
                label: "pourcentage dans le statut".to_owned(),
                why,
            },
        });
    }
    let term = fix_term(field, &inner, cx);
    if straight && parsed && matches!(term, TermFix::Same(_)) {
        return None;
    }
    let (quote_msg, quote_label, quote_why) = if straight {
        (None, "", "")
    } else {
        let (m, l, w) = quote_problem(key, quoting);
        (Some(m), l, w)
    };
    let (text, note, term_what) = match term {
        TermFix::Same(label) => (label, None, None),
        TermFix::Changed {
            labels,
            note,
            message,
            why,
        } => {
            let text = labels.join(" et ");
            let what = what(Code::ValeurInconnue, message, "valeur inconnue", "");
            (text, note, Some((what, why)))
        }
        TermFix::Unknown if straight => return None,
        TermFix::Unknown => (inner.clone(), None, None),
    };
    let mut lines = vec![format!("{key} = {}", quote(&text))];
    let mut why = Vec::new();
    if !quote_why.is_empty() {
        why.push(quote_why.to_owned());
    }
    if let Some((_, w)) = &term_what {
        why.push(w.clone());
    }
    note_lines(key, field, note, cx, &mut lines, &mut why);
    let (code, message, label) = match (quote_msg, term_what) {
        (Some(m), _) => (Code::Guillemets, m, quote_label.to_owned()),
        (None, Some((w, _))) => (w.code, w.message, w.label),
        (None, None) => return None,
    };
    Some(Fixed::Lines {
        lines,
        what: What {
            code,
            message,
            label,
            why: why.join(" ; "),
        },
    })
}

/// Adds the `_note` line for a precision split off a value (or says where it goes).
fn note_lines(
    key: &str,
    field: Field,
    note: Option<String>,
    cx: &Context,
    lines: &mut Vec<String>,
    why: &mut Vec<String>,
) {
    let Some(note) = note else { return };
    if field == Field::Statut {
        why.push(format!(
            "la précision « {note} » va dans le texte de la fiche, sous la deuxième ligne +++"
        ));
        return;
    }
    let note_key = format!("{key}_note");
    if cx.present.iter().any(|k| *k == note_key) {
        why.push(format!("ajoutez la précision « {note} » à `{note_key}`"));
    } else {
        why.push(format!("la précision va dans `{note_key}`"));
        lines.push(format!("{note_key} = {}", quote(&note)));
    }
}

/// How a vocabulary value as written maps to the vocabulary.
#[derive(Debug)]
enum TermFix {
    /// It is a value (an alias, a spelling): its label.
    Same(String),
    /// It means these values (a synonym, a typo, several joined, a value with a note).
    Changed {
        labels: Vec<String>,
        note: Option<String>,
        message: String,
        why: String,
    },
    Unknown,
}

fn label_of(field: Field, value: &str, cx: &Context) -> Option<String> {
    let index = cx.vocab.lookup(field, value).ok()?;
    Some(cx.vocab.get(field).terms[index].label.clone())
}

fn fix_term(field: Field, value: &str, cx: &Context) -> TermFix {
    if let Some(label) = label_of(field, value, cx) {
        return TermFix::Same(label);
    }
    let value = value.trim();
    if let Some(label) = cx.vocab.synonym(field, value) {
        return TermFix::Changed {
            message: format!(
                "« {value} » n'est pas une valeur admise — vouliez-vous dire « {label} » ?"
            ),
            why: format!("« {value} » s'écrit ici « {label} »"),
            labels: vec![label],
            note: None,
        };
    }
    // A value and its precision: `Délégatif (la Ville exécute)`, `Ville - via la DRH`.
    if let Some((head, note)) = split_note(value)
        && let Some(label) = label_of(field, head, cx)
    {
        return TermFix::Changed {
            message: format!("« {value} » mêle la valeur « {label} » et une précision"),
            why: format!("la valeur est « {label} »"),
            labels: vec![label],
            note: Some(note.to_owned()),
        };
    }
    // Several values in one text (lists only: `Ville et CPAS` is « Les deux » for a pilote).
    if field.is_list() {
        let parts: Vec<&str> = split_joined(value);
        if parts.len() > 1 {
            let labels: Option<Vec<String>> =
                parts.iter().map(|p| label_of(field, p, cx)).collect();
            if let Some(mut labels) = labels {
                labels.dedup();
                return TermFix::Changed {
                    message: format!("« {value} » réunit plusieurs valeurs dans un seul texte"),
                    why: "une liste a une valeur par texte, entre guillemets, séparées par des \
                          virgules"
                        .to_owned(),
                    labels,
                    note: None,
                };
            }
        }
    }
    if let Some(label) = cx.vocab.suggestion(field, value) {
        return TermFix::Changed {
            message: format!("« {value} » — vouliez-vous dire « {label} » ?"),
            why: format!(
                "valeurs admises : {}",
                cx.vocab
                    .get(field)
                    .terms
                    .iter()
                    .map(|t| format!("« {} »", t.label))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            labels: vec![label],
            note: None,
        };
    }
    TermFix::Unknown
}

/// `Délégatif (la Ville exécute)` → (`Délégatif`, `la Ville exécute`); also `-`, `–`, `:`.
fn split_note(value: &str) -> Option<(&str, &str)> {
    if let Some(open) = value.find(['(', '['])
        && value.ends_with([')', ']'])
    {
        let head = value[..open].trim();
        let note = value[open + 1..value.len() - 1].trim();
        return (!head.is_empty() && !note.is_empty()).then_some((head, note));
    }
    for separator in [" - ", " – ", " : ", ": "] {
        if let Some((head, note)) = value.split_once(separator) {
            let (head, note) = (head.trim(), note.trim());
            if !head.is_empty() && !note.is_empty() {
                return Some((head, note));
            }
        }
    }
    None
}

/// `Coopératif + délégatif`, `Moyens et performance`, `A/B`, `A, B`, `A; B` → the parts.
fn split_joined(value: &str) -> Vec<&str> {
    let mut parts = vec![value];
    for separator in ["+", "&", "/", ",", ";", " et ", " ET ", " Et "] {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(separator))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

/// One item of a list as written, and how it was quoted.
struct Item {
    text: String,
    quoting: Quoting,
}

/// `objectifs`, `modes` (`field`), or `voir_aussi` (`None`).
fn fix_list(
    key: &'static str,
    field: Option<Field>,
    value: &str,
    parsed: bool,
    cx: &Context,
) -> Option<Fixed> {
    let value = strip_comments(value);
    let value = value.trim();
    let opened = value.starts_with('[');
    let inside = value.strip_prefix('[').unwrap_or(value).trim_end();
    let closed = inside.ends_with(']');
    let inside = inside.strip_suffix(']').unwrap_or(inside);
    let (items, semicolons, missing_comma) = split_items(inside);
    let mut labels: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut term_what: Option<(String, String)> = None;
    let mut unknown = false;
    for item in &items {
        let Some(field) = field else {
            // References: `grh/plan` written with spaces between several.
            for reference in item.text.split_whitespace() {
                labels.push(reference.to_owned());
            }
            continue;
        };
        match fix_term(field, &item.text, cx) {
            TermFix::Same(label) => labels.push(label),
            TermFix::Changed {
                labels: more,
                note,
                message,
                why,
            } => {
                labels.extend(more);
                notes.extend(note);
                term_what.get_or_insert((message, why));
            }
            TermFix::Unknown => {
                unknown = true;
                labels.push(item.text.clone());
            }
        }
    }
    let mut seen = Vec::new();
    labels.retain(|l| {
        let new = !seen.contains(l);
        seen.push(l.clone());
        new
    });
    let unquoted = items
        .iter()
        .find(|i| !matches!(i.quoting, Quoting::Straight | Quoting::Literal));
    let well_formed =
        parsed && opened && closed && !semicolons && !missing_comma && unquoted.is_none();
    if well_formed && (term_what.is_none() || unknown) {
        return None;
    }
    let list_why = "une liste s'écrit entre crochets, chaque valeur entre guillemets droits, \
                    séparées par des virgules : [\"…\", \"…\"]";
    let what = if !opened || !closed || semicolons || missing_comma {
        let message = if opened && !closed {
            "liste non fermée : il manque le crochet `]`".to_owned()
        } else if semicolons {
            "les valeurs d'une liste se séparent par des virgules, pas par `;`".to_owned()
        } else if missing_comma {
            "il manque une virgule entre deux valeurs de la liste".to_owned()
        } else {
            format!("`{key}` attend une liste entre crochets")
        };
        What {
            code: Code::ListeMalEcrite,
            message,
            label: "liste mal écrite".to_owned(),
            why: list_why.to_owned(),
        }
    } else if let Some(item) = unquoted {
        let (message, label, why) = quote_problem(key, item.quoting);
        let why = if item.quoting == Quoting::Typographic {
            STRAIGHT_ONLY
        } else {
            why
        };
        What {
            code: Code::Guillemets,
            message,
            label: label.to_owned(),
            why: why.to_owned(),
        }
    } else if let Some((message, why)) = term_what.clone() {
        let (code, label) = if message.contains("plusieurs valeurs") {
            (Code::ListeMalEcrite, "plusieurs valeurs dans un texte")
        } else {
            (Code::ValeurInconnue, "valeur inconnue")
        };
        What {
            code,
            message,
            label: label.to_owned(),
            why,
        }
    } else {
        What {
            code: Code::ListeMalEcrite,
            message: format!("`{key}` : liste mal écrite"),
            label: "liste mal écrite".to_owned(),
            why: list_why.to_owned(),
        }
    };
    let mut lines = vec![format!("{key} = {}", quote_list(&labels))];
    let mut why = vec![what.why.clone()];
    if let (Some(field), false) = (field, notes.is_empty()) {
        note_lines(
            key,
            field,
            Some(notes.join(" ; ")),
            cx,
            &mut lines,
            &mut why,
        );
    }
    Some(Fixed::Lines {
        lines,
        what: What {
            why: why.join(" ; "),
            ..what
        },
    })
}

/// Items of a list's inside, split at `,`, `;` and line ends outside quotes; whether a `;`
/// separated two of them.
fn split_items(inside: &str) -> (Vec<Item>, bool, bool) {
    let mut items = Vec::new();
    let mut semicolons = false;
    let mut missing_comma = false;
    let mut current = String::new();
    let mut open: Option<char> = None;
    let push = |current: &mut String, items: &mut Vec<Item>| {
        let (text, quoting) = unquote(current.trim());
        let text = text.trim().to_owned();
        if !text.is_empty() {
            items.push(Item { text, quoting });
        }
        current.clear();
    };
    for c in inside.chars() {
        // A quote that opens right after a closed value: the comma between them is missing.
        if open.is_none() && matches!(c, '"' | '\'' | '«' | '“' | '„') && !current.trim().is_empty()
        {
            missing_comma = true;
            push(&mut current, &mut items);
        }
        match (open, c) {
            (None, '"' | '\'') => {
                open = Some(c);
                current.push(c);
            }
            (None, '«') => {
                open = Some('»');
                current.push(c);
            }
            (None, '“' | '”' | '„') => {
                open = Some('”');
                current.push(c);
            }
            (Some(close), c) if c == close || (close == '”' && c == '“') => {
                open = None;
                current.push(c);
            }
            (None, ',' | '\n') => push(&mut current, &mut items),
            (None, ';') => {
                semicolons = true;
                push(&mut current, &mut items);
            }
            (_, c) => current.push(c),
        }
    }
    push(&mut current, &mut items);
    (items, semicolons, missing_comma)
}

/// Drops `# …` comments outside quotes, line by line.
fn strip_comments(value: &str) -> String {
    value
        .lines()
        .map(|line| {
            let mut quoted = false;
            for (i, c) in line.char_indices() {
                match c {
                    '"' => quoted = !quoted,
                    '#' if !quoted => return &line[..i],
                    _ => {}
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Straight,
    Literal,
    Typographic,
    MissingEnd,
    MissingStart,
    None,
}

/// A value's text without its quotes, and how it was quoted.
fn unquote(value: &str) -> (String, Quoting) {
    let v = value.trim();
    let trim_odd = |s: &str| s.trim_matches(|c: char| c.is_whitespace()).to_owned();
    if let Some(rest) = v.strip_prefix("\"\"\"") {
        return (
            trim_odd(rest.strip_suffix("\"\"\"").unwrap_or(rest)),
            Quoting::Straight,
        );
    }
    for (mark, quoting) in [('"', Quoting::Straight), ('\'', Quoting::Literal)] {
        if let Some(rest) = v.strip_prefix(mark) {
            return match rest.strip_suffix(mark) {
                Some(inner) => (inner.to_owned(), quoting),
                None => (trim_odd(rest), Quoting::MissingEnd),
            };
        }
    }
    const TYPOGRAPHIC: [char; 9] = ['«', '»', '“', '”', '„', '‘', '’', '‹', '›'];
    if v.starts_with(TYPOGRAPHIC) || v.ends_with(TYPOGRAPHIC) && v.chars().count() > 1 {
        return (trim_odd(v.trim_matches(TYPOGRAPHIC)), Quoting::Typographic);
    }
    if let Some(inner) = v.strip_suffix('"') {
        return (trim_odd(inner), Quoting::MissingStart);
    }
    let v = match v.find(" #") {
        Some(i) => &v[..i],
        None => v,
    };
    (v.trim().to_owned(), Quoting::None)
}

/// A whole number written the French way: `80%`, `"80 %"`, `80,0`, `12`. Rounded.
fn read_number(value: &str, percent: bool) -> Option<u64> {
    let (inner, _) = unquote(value);
    let mut s: String = inner
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if percent {
        s = s
            .trim_end_matches('%')
            .trim_end_matches("pourcent")
            .trim_end_matches("pourcents")
            .to_owned();
    }
    let s = s.replace(',', ".");
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let n: f64 = s.parse().ok()?;
    (n.is_finite() && (0.0..1e9).contains(&n)).then(|| n.round() as u64)
}

fn is_iso_date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[derive(Debug, PartialEq, Eq)]
enum DateRead {
    Date(Date),
    /// A date that does not exist, and why.
    Impossible(String),
    Unknown,
}

const MONTHS: [&str; 12] = [
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

fn month_of(word: &str) -> Option<u8> {
    let w = normalize(word);
    if w.len() < 3 {
        return None;
    }
    let found = MONTHS.iter().position(|m| {
        let m = normalize(m);
        m == w || (m.starts_with(&w) && w != "ma" && w != "ju")
    })?;
    Some(found as u8 + 1)
}

/// A date in one of the forms editors type: `15/11/2026`, `15-11-2026`, `15.11.2026`,
/// `15 novembre 2026`, `1er mars 2026`, `2026-11-5`, `2026/11/15`, `15/11/26`, and an ISO date
/// with a time.
fn read_date(value: &str) -> DateRead {
    let value = value.trim();
    // `2026-11-15T10:00:00`, `2026-11-15 10:00`: the date part.
    let value = match value.find(['T', 't']) {
        Some(i) if i >= 8 && value[..i].bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            &value[..i]
        }
        _ => value,
    };
    let parts: Vec<&str> = value
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace() || c == '\u{a0}')
        .filter(|p| !p.is_empty())
        .collect();
    let parts = if parts.len() == 4 && parts[3].contains(':') {
        &parts[..3]
    } else {
        &parts[..]
    };
    if parts.len() != 3 {
        return DateRead::Unknown;
    }
    let number = |s: &str| -> Option<u32> {
        let s = s.strip_suffix("er").unwrap_or(s);
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = if parts[0].len() == 4 && number(parts[0]).is_some() {
        let Some(month) = number(parts[1]).or_else(|| month_of(parts[1]).map(u32::from)) else {
            return DateRead::Unknown;
        };
        match (number(parts[0]), number(parts[2])) {
            (Some(y), Some(d)) => (y, month, d),
            _ => return DateRead::Unknown,
        }
    } else {
        let Some(month) = number(parts[1]).or_else(|| month_of(parts[1]).map(u32::from)) else {
            return DateRead::Unknown;
        };
        match (number(parts[0]), number(parts[2])) {
            (Some(d), Some(y)) if parts[2].len() == 2 => (2000 + y, month, d),
            (Some(d), Some(y)) if parts[2].len() == 4 => (y, month, d),
            _ => return DateRead::Unknown,
        }
    };
    if !(1..=12).contains(&month) {
        return DateRead::Impossible(format!(
            "il n'y a pas de mois {month}, les mois vont de 1 à 12"
        ));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let name = MONTHS[month as usize - 1];
    if day == 0 || day > days {
        let why = if month == 2 && day == 29 {
            format!("il n'y a pas de 29 février en {year}")
        } else if day == 0 {
            "il n'y a pas de jour 0".to_owned()
        } else if day <= 31 {
            format!("il n'y a pas de {day} {name}")
        } else {
            format!("il n'y a pas de jour {day}, un mois a au plus 31 jours")
        };
        return DateRead::Impossible(why);
    }
    match u16::try_from(year) {
        Ok(year) => DateRead::Date(Date {
            year,
            month: month as u8,
            day: day as u8,
        }),
        Err(_) => DateRead::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fiche::FICHE_KEYS;

    fn date(y: u16, m: u8, d: u8) -> DateRead {
        DateRead::Date(Date {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn french_dates_are_read() {
        for text in [
            "15/11/2026",
            "15-11-2026",
            "15.11.2026",
            "15 novembre 2026",
            "15 Nov. 2026",
            "2026-11-15T10:00:00",
            "15/11/26",
            "2026/11/15",
        ] {
            assert_eq!(read_date(text), date(2026, 11, 15), "{text}");
        }
        assert_eq!(read_date("2026-11-5"), date(2026, 11, 5));
        assert_eq!(read_date("1er mars 2026"), date(2026, 3, 1));
        assert_eq!(
            read_date("31/11/2026"),
            DateRead::Impossible("il n'y a pas de 31 novembre".to_owned())
        );
        assert_eq!(
            read_date("29 février 2026"),
            DateRead::Impossible("il n'y a pas de 29 février en 2026".to_owned())
        );
        assert_eq!(read_date("29/02/2028"), date(2028, 2, 29));
        assert_eq!(read_date("bientôt"), DateRead::Unknown);
    }

    #[test]
    fn keys_are_recognised() {
        let cases = [
            ("Mis à jour", "mis_a_jour"),
            ("mise_a_jour", "mis_a_jour"),
            ("date", "mis_a_jour"),
            ("objectif", "objectifs"),
            ("mode", "modes"),
            ("administration_pilote", "pilote"),
            ("etat", "statut"),
            ("avancement_%", "avancement"),
            ("Titre", "titre"),
            ("note_pilote", "pilote_note"),
            ("objectif_note", "objectifs_note"),
        ];
        for (written, key) in cases {
            assert_eq!(canonical_key(written, &FICHE_KEYS), Some(key), "{written}");
        }
        assert_eq!(canonical_key("couleur", &FICHE_KEYS), None);
    }

    #[test]
    fn numbers_are_read_the_french_way() {
        assert_eq!(read_number("80%", true), Some(80));
        assert_eq!(read_number("\"80 %\"", true), Some(80));
        assert_eq!(read_number("80,0", true), Some(80));
        assert_eq!(read_number("beaucoup", true), None);
    }

    #[test]
    fn mangled_fiches_never_panic_and_every_hint_names_its_lines() {
        use crate::load::{Kind, SourceFile};
        let base = "+++\ntitre = \"Plan de formation\"\nobjectifs = [\n  \"Moyens\",\n]\n\
                    modes = [\"Délégatif\"]\npilote = \"Ville\"\nstatut = \"En cours\"\n\
                    avancement = 50\nmis_a_jour = 2026-11-15\neconomies = \"\"\"12 €\n\"\"\"\n+++\nTexte.\n";
        let pieces = [
            "\"", "[", "]", "=", ":", "«", "»", "“", "\n", "#", ",", "%", "/", "é", "'", " ", "(",
            ")", "{", "}", "\r\n", "\"\"\"", "+", ";", "\u{a0}",
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
            let file = SourceFile {
                kind: Kind::Fiche,
                display_path: "content/grh/plan.md".to_owned(),
                folder: "grh".to_owned(),
                stem: "plan".to_owned(),
                text: text.clone(),
            };
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
                        first == line && first <= last && last <= lines,
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
