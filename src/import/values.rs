//! Free text of a register's cells mapped onto the vocabularies: the root's labels and aliases
//! first, then the words editors use in their tables (« Terminé », « Non applicable »,
//! « Coop. »), and percentages (« 50% » is En cours with `avancement = 50`). What is not
//! understood is kept as text by the caller.

use crate::vocab::{Field, Vocabularies, normalize};

/// Words of editors' tables, read by `import` only (normalised, then the term's key).
const STATUT_WORDS: &[(&str, &str)] = &[
    ("termine", "effectif"),
    ("terminee", "effectif"),
    ("realisee", "effectif"),
    ("ok", "effectif"),
    ("acheve", "effectif"),
    ("achevee", "effectif"),
    ("finalise", "effectif"),
    ("finalisee", "effectif"),
    ("effective", "effectif"),
    ("enplace", "effectif"),
    ("misenplace", "effectif"),
    ("operationnel", "effectif"),
    ("oui", "effectif"),
    ("commence", "en-cours"),
    ("entame", "en-cours"),
    ("encoursderealisation", "en-cours"),
    ("enprojet", "a-developper"),
    ("projet", "a-developper"),
    ("prevu", "a-developper"),
    ("aletude", "a-developper"),
    ("avenir", "a-developper"),
    ("afaire", "a-developper"),
    ("nonapplicable", "sans-objet"),
    ("pasdapplication", "sans-objet"),
    ("na", "sans-objet"),
    ("neant", "sans-objet"),
];

fn by_key(vocab: &Vocabularies, field: Field, key: &str) -> Option<usize> {
    vocab.get(field).terms.iter().position(|t| t.key == key)
}

/// One value: the vocabulary's own lookup, then the editors' words, then an abbreviation
/// ending with a dot that begins exactly one label (« Coop. », « Délég. »).
pub fn lookup(vocab: &Vocabularies, field: Field, text: &str) -> Option<usize> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(index) = vocab.lookup(field, text) {
        return Some(index);
    }
    let n = normalize(text);
    if field == Field::Statut
        && let Some((_, key)) = STATUT_WORDS.iter().find(|(word, _)| *word == n)
    {
        return by_key(vocab, field, key);
    }
    if text.ends_with('.') && n.len() >= 3 {
        let mut starting = vocab
            .get(field)
            .terms
            .iter()
            .enumerate()
            .filter(|(_, t)| normalize(&t.label).starts_with(&n));
        if let (Some((index, _)), None) = (starting.next(), starting.next()) {
            return Some(index);
        }
    }
    None
}

/// The normalised words of a text (« d'action » → `d`, `action`).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(normalize)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Takes the first run of `phrase` out of `words`; whether there was one.
fn take_phrase(words: &mut Vec<String>, phrase: &[String]) -> bool {
    if phrase.is_empty() || phrase.len() > words.len() {
        return false;
    }
    match words.windows(phrase.len()).position(|w| w == phrase) {
        Some(at) => {
            words.drain(at..at + phrase.len());
            true
        }
        None => false,
    }
}

/// Words that name the commune's administration: Mons is a « Ville », most Walloon communes
/// a « Commune » (« administration communale »).
const COMMUNE_WORDS: &[&str] = &[
    "ville",
    "commune",
    "communal",
    "communale",
    "communaux",
    "communales",
    "vm",
];

/// Which administrations a text names: `[the commune's, the CPAS]`. The root's own names come
/// first, the longer first (« CPAS de Villers-la-Ville » names the CPAS only), then words.
fn administrations_named(vocab: &Vocabularies, text: &str) -> [bool; 2] {
    let mut rest = words(text);
    let mut named = [false; 2];
    let mut names: Vec<(usize, Vec<String>)> = vocab
        .administrations()
        .iter()
        .map(|name| words(name))
        .enumerate()
        .collect();
    names.sort_by_key(|(_, name)| std::cmp::Reverse(name.len()));
    for (side, name) in &names {
        while take_phrase(&mut rest, name) {
            named[*side] = true;
        }
    }
    let cpas_words = words("centre public d'action sociale");
    named[1] |= take_phrase(&mut rest, &cpas_words) || rest.iter().any(|w| w == "cpas");
    named[0] |= rest.iter().any(|w| COMMUNE_WORDS.contains(&w.as_str()));
    named
}

/// The keys of the terms of a field that says which administration: the commune's, the
/// CPAS's, both. `None` for the other fields.
fn administration_keys(field: Field) -> Option<[&'static str; 3]> {
    match field {
        Field::Pilote => Some(["ville", "cpas", "les-deux"]),
        Field::Responsable => Some(["dg-ville", "dg-cpas", "les-deux"]),
        _ => None,
    }
}

/// The term of a pilote or responsable for the administrations named: both (or « Les deux »
/// said) is « Les deux », never one side picked.
fn administration_term(
    vocab: &Vocabularies,
    field: Field,
    named: [bool; 2],
    says_both: bool,
) -> Option<usize> {
    let [commune, cpas, both] = administration_keys(field)?;
    let key = match named {
        _ if says_both => both,
        [true, true] => both,
        [true, false] => commune,
        [false, true] => cpas,
        [false, false] => return None,
    };
    by_key(vocab, field, key)
}

/// The pilote or responsable a sentence gives: the one administration it names
/// (« Commune (service des travaux) »), « Les deux » when it names both in one breath
/// (« Ville, CPAS et Enseignement », « Les deux, le CPAS coordonne »); none when its parts
/// name different ones (« CPAS décisionnaire. VM exécutant. », « Initialement les deux ;
/// ensuite CPAS »): an editor decides, no side is picked.
fn administration_in_sentence(vocab: &Vocabularies, field: Field, text: &str) -> Option<usize> {
    let both_label = administration_keys(field)
        .and_then(|[.., both]| by_key(vocab, field, both))
        .map(|i| normalize(&vocab.get(field).terms[i].label));
    let clauses: Vec<[bool; 2]> = text
        .split(['.', ';', '\n', '!', '?'])
        .map(|clause| {
            let normalized = normalize(clause);
            let says_both = ["lesdeux", "les2"]
                .into_iter()
                .chain(both_label.as_deref())
                .any(|both| normalized.contains(both));
            if says_both {
                [true, true]
            } else {
                administrations_named(vocab, clause)
            }
        })
        .filter(|named| named.contains(&true))
        .collect();
    let named = [clauses.iter().any(|c| c[0]), clauses.iter().any(|c| c[1])];
    if named == [true, true] && !clauses.iter().all(|c| *c == [true, true]) {
        return None;
    }
    administration_term(vocab, field, named, false)
}

/// Terms of `field` named in free text, and whether the text says more than those terms.
pub fn map_terms(vocab: &Vocabularies, field: Field, text: &str) -> (Vec<usize>, bool) {
    let text = text.trim();
    if text.is_empty() {
        return (Vec::new(), false);
    }
    if let Some(index) = lookup(vocab, field, text) {
        return (vec![index], false);
    }
    let keys = administration_keys(field);
    let side = |index: usize| {
        let key = &vocab.get(field).terms[index].key;
        keys.and_then(|k| k.iter().position(|k| k == key))
    };
    // Several exact terms joined by commas, `+`, `/` or "et".
    let parts: Vec<&str> = text
        .split([',', '+', '/', ';', '\n'])
        .flat_map(|p| p.split(" et "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let exact: Option<Vec<usize>> = parts.iter().map(|p| lookup(vocab, field, p)).collect();
    if let Some(mut found) = exact.filter(|f| !f.is_empty()) {
        found.sort_unstable();
        found.dedup();
        if field.is_list() || found.len() == 1 {
            return (found, false);
        }
        // « Administration communale et CPAS »: one administration and the other.
        let sides: Vec<Option<usize>> = found.iter().map(|&i| side(i)).collect();
        if sides.iter().all(Option::is_some) {
            let named = [sides.contains(&Some(0)), sides.contains(&Some(1))];
            if let Some(both) = administration_term(vocab, field, named, sides.contains(&Some(2))) {
                return (vec![both], false);
            }
        }
    }
    // Terms mentioned inside a sentence: keep them, and keep the sentence as a note.
    let normalized = normalize(text);
    let vocabulary = vocab.get(field);
    let mut found: Vec<usize> = vocabulary
        .terms
        .iter()
        .enumerate()
        .filter(|(_, t)| normalized.contains(&normalize(&t.label)))
        .map(|(i, _)| i)
        .collect();
    if keys.is_some() {
        found = administration_in_sentence(vocab, field, text)
            .into_iter()
            .collect();
    } else if !field.is_list() && found.len() != 1 {
        found.clear();
    }
    (found, true)
}

/// Separators between a value and its explanation: « Délégatif : la RH… », « Les deux, le
/// CPAS coordonne », « Coopératif – étude », a line break.
const EXPLANATION_SEPARATORS: [&str; 8] = [":", " - ", " – ", " — ", ",", ";", "\n", "\t"];

/// The explanation a cell gives after its values: the text without the recognised values and
/// their separators that open it (« Délégatif : la RH communale organise » → « La RH communale
/// organise », its first letter made a capital as a sentence's), the whole text when it does
/// not open with one of `terms`, nothing when only values are left.
pub fn explanation(vocab: &Vocabularies, field: Field, text: &str, terms: &[usize]) -> String {
    let mut rest = text.trim();
    let mut stripped = false;
    loop {
        let first = EXPLANATION_SEPARATORS
            .iter()
            .filter_map(|sep| rest.find(sep).map(|at| (at, sep.len())))
            .min();
        let Some((at, len)) = first else { break };
        match lookup(vocab, field, &rest[..at]) {
            Some(term) if terms.contains(&term) => {
                rest = rest[at + len..].trim_start();
                stripped = true;
            }
            _ => break,
        }
    }
    if !stripped {
        return text.trim().to_owned();
    }
    if terms.iter().any(|&t| lookup(vocab, field, rest) == Some(t)) {
        return String::new();
    }
    let mut chars = rest.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// What a status or progress cell says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub statut: Option<usize>,
    pub avancement: Option<u8>,
    /// Words that were not understood (empty when all was).
    pub rest: String,
}

/// A percentage as a whole number from 0 to 100: a decimal one is rounded half away from zero
/// (`f64::round`: 12,5 → 13, 33,3 → 33), as fractions are (0,125 → 13).
fn whole_percent(value: f64) -> Option<u8> {
    (0.0..=100.0).contains(&value).then(|| value.round() as u8)
}

/// A percentage written in the text (« 50% », « 60 % », « 12,5 % », « 12.5% »), and the text
/// without it.
fn percentage(text: &str) -> Option<(u8, String)> {
    let percent = text.find('%')?;
    let before = text[..percent].trim_end();
    let bytes = before.as_bytes();
    let digits_before = |end: usize| {
        bytes[..end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut start = before.len() - digits_before(before.len());
    if start == before.len() {
        return None;
    }
    // « 12,5 » (Belgian Excel) or « 12.5 »: the separator has digits on both sides.
    if start >= 2 && matches!(bytes[start - 1], b',' | b'.') && digits_before(start - 1) > 0 {
        start = start - 1 - digits_before(start - 1);
    }
    let n = whole_percent(before[start..].replace(',', ".").parse().ok()?)?;
    let mut rest = format!("{}{}", &text[..start], &text[percent + 1..]);
    rest = rest.replace("()", "").replace("( )", "");
    Some((n, rest.trim().to_owned()))
}

/// A cell that holds only a number (« 0,5 », « 40 », « 1 »), as a spreadsheet gives a numeric
/// cell or an editor types one.
pub fn bare_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    text.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
}

/// How a bare number (without `%`) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbers {
    /// Not a percentage: a Statut column, a Réalisation.
    Text,
    /// Percents (« 40 » is 40 %): an Avancement column holding a number above 1.
    Percents,
    /// Fractions (« 0,8 » is 80 %, « 1 » is 100 %): an Avancement column whose numbers are all
    /// between 0 and 1, as Excel stores a cell formatted as a percentage.
    Fractions,
}

impl Numbers {
    /// How the bare numbers of one Avancement column are read, decided for the whole column:
    /// if every one lies between 0 and 1 they are fractions (a finished synergy's 100 % is
    /// the number 1 beside 0,8 and 0,5), if any is above 1 they are percents.
    pub fn of_column<'a>(cells: impl IntoIterator<Item = &'a str>) -> Numbers {
        let numbers: Vec<f64> = cells.into_iter().filter_map(bare_number).collect();
        if !numbers.is_empty() && numbers.iter().all(|f| *f <= 1.0) {
            Numbers::Fractions
        } else {
            Numbers::Percents
        }
    }
}

/// The status that goes with a percentage: 100 is Effectif, 0 À développer, the rest En cours.
fn statut_of(vocab: &Vocabularies, n: u8) -> Option<usize> {
    let key = match n {
        100 => "effectif",
        0 => "a-developper",
        _ => "en-cours",
    };
    by_key(vocab, Field::Statut, key)
}

/// Reads a status, a percentage or both: « En cours (60 %) », « 100% », « Terminé ». `numbers`
/// says how a bare number is read (an Avancement column's are percents or fractions).
pub fn progress(vocab: &Vocabularies, text: &str, numbers: Numbers) -> Progress {
    let text = text.trim();
    let mut out = Progress::default();
    if text.is_empty() {
        return out;
    }
    let bare = |scale: f64| bare_number(text).and_then(|f| whole_percent(f * scale));
    let (avancement, words) = match percentage(text) {
        Some((n, rest)) => (Some(n), rest),
        None => match numbers {
            Numbers::Text => None,
            Numbers::Percents => bare(1.0),
            Numbers::Fractions => bare(100.0),
        }
        .map_or((None, text.to_owned()), |n| (Some(n), String::new())),
    };
    out.avancement = avancement;
    let words = words.trim_matches(|c: char| c.is_whitespace() || ",;:-–".contains(c));
    if words.is_empty() {
        out.statut = avancement.and_then(|n| statut_of(vocab, n));
        return out;
    }
    match lookup(vocab, Field::Statut, words) {
        Some(statut) => out.statut = Some(statut),
        None => {
            out.statut = avancement.and_then(|n| statut_of(vocab, n));
            out.rest = words.to_owned();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(v: &Vocabularies, p: &Progress) -> Option<String> {
        p.statut.map(|i| v.get(Field::Statut).terms[i].key.clone())
    }

    #[test]
    fn the_explanation_leaves_out_the_value_that_opens_it() {
        let v = Vocabularies::default();
        let said = |field: Field, text: &str| {
            let (terms, _) = map_terms(&v, field, text);
            explanation(&v, field, text, &terms)
        };
        assert_eq!(
            said(Field::Modes, "Délégatif : la RH communale organise"),
            "La RH communale organise"
        );
        assert_eq!(
            said(Field::Modes, "Coopératif, Délégatif – la Ville exécute"),
            "La Ville exécute"
        );
        assert_eq!(said(Field::Modes, "Délégatif - étude"), "Étude");
        assert_eq!(
            said(Field::Pilote, "Les deux, le CPAS coordonne"),
            "Le CPAS coordonne"
        );
        assert_eq!(
            said(Field::Responsable, "DG CPAS\nvia la direction"),
            "Via la direction"
        );
        // The value is kept where it does not open the text, or is not the one found.
        assert_eq!(
            said(Field::Pilote, "Ville, CPAS et Enseignement."),
            "Ville, CPAS et Enseignement."
        );
        assert_eq!(
            said(Field::Modes, "Coopératif (pour l'étude) + délégatif"),
            "Coopératif (pour l'étude) + délégatif"
        );
        assert_eq!(
            said(Field::Pilote, "Initialement les deux ; ensuite CPAS"),
            "Initialement les deux ; ensuite CPAS"
        );
    }

    #[test]
    fn free_text_maps_onto_the_vocabulary_and_keeps_its_words() {
        let v = Vocabularies::default();
        assert_eq!(
            map_terms(
                &v,
                Field::Modes,
                "Coopératif (pour l'étude du projet) + délégatif"
            ),
            (vec![0, 1], true)
        );
        assert_eq!(
            map_terms(&v, Field::Modes, "Coopératif et délégatif"),
            (vec![0, 1], false)
        );
        assert_eq!(map_terms(&v, Field::Modes, "Coop."), (vec![0], false));
        assert_eq!(
            map_terms(&v, Field::Modes, "Coop. + Délég."),
            (vec![0, 1], false)
        );
        assert_eq!(map_terms(&v, Field::Pilote, "Les 2"), (vec![2], false));
        assert_eq!(
            map_terms(&v, Field::Pilote, "Ville, CPAS et Enseignement."),
            (vec![2], true)
        );
        assert_eq!(
            map_terms(&v, Field::Responsable, "DG Ville via Direction RH Ville"),
            (vec![0], true)
        );
        assert_eq!(
            map_terms(
                &v,
                Field::Objectifs,
                "Satisfaction du citoyen (crèches) et moyens"
            ),
            (vec![0, 2], true)
        );
        assert_eq!(
            map_terms(&v, Field::Objectifs, "Une seule méthode de travail"),
            (vec![], true)
        );
    }

    #[test]
    fn a_text_that_names_both_administrations_is_les_deux() {
        let mut v = Vocabularies::default();
        v.set_administrations("Commune de Villers-la-Ville", "CPAS de Villers-la-Ville");
        let key = |field: Field, text: &str| {
            let (terms, says_more) = map_terms(&v, field, text);
            let keys: Vec<&str> = terms
                .iter()
                .map(|&i| v.get(field).terms[i].key.as_str())
                .collect();
            (keys, says_more)
        };
        type Case<'a> = (Field, &'a str, &'a [&'a str], bool);
        let cases: [Case; 14] = [
            (Field::Pilote, "Commune et CPAS", &["les-deux"], false),
            // Parts that name different administrations: an editor decides.
            (
                Field::Pilote,
                "CPAS décisionnaire. VM exécutant.",
                &[],
                true,
            ),
            (
                Field::Pilote,
                "Initialement les deux ; ensuite CPAS",
                &[],
                true,
            ),
            (
                Field::Pilote,
                "Administration communale et CPAS",
                &["les-deux"],
                false,
            ),
            (
                Field::Pilote,
                "Commune (service des travaux)",
                &["ville"],
                true,
            ),
            (
                Field::Pilote,
                "CPAS, avec l'aide de la commune",
                &["les-deux"],
                true,
            ),
            (Field::Pilote, "DG Commune et DG CPAS", &["les-deux"], true),
            (
                Field::Pilote,
                "Les deux (le CPAS coordonne)",
                &["les-deux"],
                true,
            ),
            (Field::Pilote, "Service commun", &[], true),
            // The root's own names: « Ville » inside the CPAS's name names no Ville.
            (Field::Pilote, "CPAS de Villers-la-Ville", &["cpas"], false),
            (
                Field::Pilote,
                "CPAS de Villers-la-Ville (service social)",
                &["cpas"],
                true,
            ),
            (
                Field::Pilote,
                "Commune de Villers-la-Ville et CPAS de Villers-la-Ville",
                &["les-deux"],
                false,
            ),
            (Field::Responsable, "DG Commune", &["dg-ville"], false),
            (
                Field::Responsable,
                "DG Commune + DG CPAS",
                &["les-deux"],
                false,
            ),
        ];
        for (field, text, keys, says_more) in cases {
            assert_eq!(key(field, text), (keys.to_vec(), says_more), "{text}");
        }
    }

    #[test]
    fn percentages_and_editors_words_give_the_status() {
        let v = Vocabularies::default();
        type Case<'a> = (&'a str, Numbers, Option<&'a str>, Option<u8>, &'a str);
        let cases: [Case; 24] = [
            ("50%", Numbers::Text, Some("en-cours"), Some(50), ""),
            // Belgian Excel's decimal comma, and a decimal point: rounded half away from zero.
            ("12,5%", Numbers::Text, Some("en-cours"), Some(13), ""),
            ("33,3 %", Numbers::Text, Some("en-cours"), Some(33), ""),
            ("12.5 %", Numbers::Text, Some("en-cours"), Some(13), ""),
            (
                "50,5\u{a0}%",
                Numbers::Percents,
                Some("en-cours"),
                Some(51),
                "",
            ),
            ("99,6 %", Numbers::Text, Some("effectif"), Some(100), ""),
            (
                "En cours (12,5 %)",
                Numbers::Text,
                Some("en-cours"),
                Some(13),
                "",
            ),
            (
                "Phase 2, 40 %",
                Numbers::Text,
                Some("en-cours"),
                Some(40),
                "Phase 2",
            ),
            ("100 %", Numbers::Text, Some("effectif"), Some(100), ""),
            ("0%", Numbers::Text, Some("a-developper"), Some(0), ""),
            (
                "En cours (60 %)",
                Numbers::Text,
                Some("en-cours"),
                Some(60),
                "",
            ),
            ("Terminé", Numbers::Text, Some("effectif"), None, ""),
            ("OK", Numbers::Text, Some("effectif"), None, ""),
            (
                "Non applicable",
                Numbers::Text,
                Some("sans-objet"),
                None,
                "",
            ),
            ("En projet", Numbers::Text, Some("a-developper"), None, ""),
            ("40", Numbers::Percents, Some("en-cours"), Some(40), ""),
            ("0.75", Numbers::Fractions, Some("en-cours"), Some(75), ""),
            ("40", Numbers::Text, None, None, "40"),
            // Excel's 100 % is the number 1: in a column of fractions, a finished synergy.
            ("1", Numbers::Fractions, Some("effectif"), Some(100), ""),
            ("0,125", Numbers::Fractions, Some("en-cours"), Some(13), ""),
            ("0", Numbers::Fractions, Some("a-developper"), Some(0), ""),
            ("1", Numbers::Percents, Some("en-cours"), Some(1), ""),
            ("150", Numbers::Percents, None, None, "150"),
            (
                "Attente du collège (20%)",
                Numbers::Text,
                Some("en-cours"),
                Some(20),
                "Attente du collège",
            ),
        ];
        for (text, numbers, statut, avancement, rest) in cases {
            let p = progress(&v, text, numbers);
            assert_eq!(
                (key(&v, &p).as_deref(), p.avancement, p.rest.as_str()),
                (statut, avancement, rest),
                "{text}"
            );
        }
    }

    #[test]
    fn an_avancement_column_holds_fractions_when_all_its_numbers_are_at_most_1() {
        let column = |cells: &[&str]| Numbers::of_column(cells.iter().copied());
        assert_eq!(column(&["1", "0.8", "", "30 %"]), Numbers::Fractions);
        assert_eq!(column(&["0,5", "1", "0"]), Numbers::Fractions);
        assert_eq!(column(&["1", "0.8", "40"]), Numbers::Percents);
        assert_eq!(column(&["50 %", "Terminé", ""]), Numbers::Percents);
        assert_eq!(column(&[]), Numbers::Percents);
        assert_eq!(bare_number(" 0,5 "), Some(0.5));
        assert_eq!(bare_number("NaN"), None);
        assert_eq!(bare_number("inf"), None);
        assert_eq!(bare_number("-1"), None);
        assert_eq!(bare_number("1 000"), None);
    }
}
