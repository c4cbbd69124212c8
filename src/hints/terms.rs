//! Vocabulary values and lists as editors write them: synonyms, typos, several values joined in
//! one text, a value with its precision, `;` or a missing `]`.

use super::*;
use crate::fields::Key;

/// A single vocabulary value (`pilote`, `responsable`, `statut`).
pub(super) fn fix_term_value(
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
        let mut lines = vec![format!("{key} = {}", text_value(&label))];
        let mut why = format!(
            "un pourcentage va dans `avancement` ; le statut est « {label} »{}",
            if p >= 100 {
                ""
            } else {
                " tant que l'avancement n'est pas à 100"
            }
        );
        let avancement = Key::Avancement.key();
        if cx.present.contains(&avancement) {
            why.push_str(&format!(" ; vérifiez que `{avancement}` vaut {p}"));
        } else {
            lines.push(format!("{avancement} = {p}"));
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
    let mut lines = vec![format!("{key} = {}", text_value(&text))];
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
pub(super) fn note_lines(
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
        lines.push(format!("{note_key} = {}", text_value(&note)));
    }
}

/// How a vocabulary value as written maps to the vocabulary.
#[derive(Debug)]
pub(super) enum TermFix {
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

pub(super) fn label_of(field: Field, value: &str, cx: &Context) -> Option<String> {
    let index = cx.vocab.lookup(field, value).ok()?;
    Some(cx.vocab.get(field).terms[index].label.clone())
}

pub(super) fn fix_term(field: Field, value: &str, cx: &Context) -> TermFix {
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
            why: format!("valeurs admises : {}", cx.vocab.get(field).quoted_labels()),
            labels: vec![label],
            note: None,
        };
    }
    TermFix::Unknown
}

/// `Délégatif (la Ville exécute)` → (`Délégatif`, `la Ville exécute`); also `-`, `–`, `:`.
pub(super) fn split_note(value: &str) -> Option<(&str, &str)> {
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
pub(super) fn split_joined(value: &str) -> Vec<&str> {
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
pub(super) struct Item {
    pub(super) text: String,
    pub(super) quoting: Quoting,
}

/// `objectifs`, `modes` (`field`), or `voir_aussi` (`None`).
pub(super) fn fix_list(
    key: &'static str,
    field: Option<Field>,
    value: &str,
    parsed: bool,
    cx: &Context,
) -> Option<Fixed> {
    let value = strip_comments(value);
    let value = value.trim();
    // `("Moyens")`, `{"Moyens"}`, `("Moyens"]`: brackets of another kind, read as `[ ]`.
    let mut bracketed = value.to_owned();
    let wrong_open = value.starts_with(['(', '{']);
    let wrong_close = (wrong_open || value.starts_with('[')) && value.ends_with([')', '}']);
    if wrong_open {
        bracketed.replace_range(..1, "[");
    }
    if wrong_close {
        bracketed.replace_range(bracketed.len() - 1.., "]");
    }
    let wrong_brackets = wrong_open || wrong_close;
    let value = bracketed.as_str();
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
    let what = if !opened || !closed || semicolons || missing_comma || wrong_brackets {
        let message = if wrong_brackets {
            format!(
                "`{key}` : une liste s'écrit entre crochets [ ], pas entre parenthèses ( ) ni accolades {{ }}"
            )
        } else if opened && !closed {
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
    let mut lines = vec![format!("{key} = {}", list_value(&labels))];
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
pub(super) fn split_items(inside: &str) -> (Vec<Item>, bool, bool) {
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
pub(super) fn strip_comments(value: &str) -> String {
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
