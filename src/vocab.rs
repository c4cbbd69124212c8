//! The controlled vocabularies of the register (objectif, mode opératoire, administration pilote,
//! responsable administratif, statut): their stable keys, French labels and accepted aliases.
//!
//! Values typed by editors are matched after [`normalize`]: case, accents, spacing and
//! punctuation do not matter, so "delegatif", "Délégatif " and "DÉLÉGATIF" are the same term.

use std::collections::BTreeMap;

/// The five fields whose values come from a vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Objectifs,
    Modes,
    Pilote,
    Responsable,
    Statut,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Objectifs,
        Field::Modes,
        Field::Pilote,
        Field::Responsable,
        Field::Statut,
    ];

    /// The front-matter key of the field.
    pub fn key(self) -> &'static str {
        crate::fields::Key::of_vocab(self).key()
    }

    /// The column heading readers know, in French.
    pub fn label(self) -> &'static str {
        crate::fields::Key::of_vocab(self).spec().label
    }

    /// Whether the field holds a list of terms (`["…", "…"]`) rather than one term.
    pub fn is_list(self) -> bool {
        matches!(self, Field::Objectifs | Field::Modes)
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// One value of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Stable, ASCII key used in URLs, CSS classes and exports (`en-cours`).
    pub key: String,
    /// Label shown to readers (`En cours`).
    pub label: String,
    /// Other spellings accepted from editors, stored normalised.
    aliases: Vec<String>,
    /// The label and the key, normalised once (matching is on every value of every fiche).
    normalized: [String; 2],
}

/// The vocabulary of one field.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub field: Field,
    pub terms: Vec<Term>,
}

impl Vocabulary {
    /// The labels in French quotes, as messages list the admitted values: « A », « B ».
    pub fn quoted_labels(&self) -> String {
        self.terms
            .iter()
            .map(|t| format!("« {} »", t.label))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// All five vocabularies.
#[derive(Debug, Clone)]
pub struct Vocabularies {
    vocabularies: Vec<Vocabulary>,
    /// The names of the commune's administration and of the CPAS (`synergies.toml`'s `commune`
    /// and `cpas`), which name their administration in a pilote or responsable value.
    names: [String; 2],
}

/// Reduces a value to its comparable core: lower case, no accents, only letters and digits.
pub fn normalize(value: &str) -> String {
    slug::slugify(value).replace('-', "")
}

fn term(key: &str, label: &str, aliases: &[&str]) -> Term {
    let mut term = Term {
        key: key.to_owned(),
        label: label.to_owned(),
        aliases: Vec::new(),
        normalized: [normalize(label), key.replace('-', "")],
    };
    for alias in aliases {
        term.add_alias(alias);
    }
    term
}

impl Term {
    fn add_alias(&mut self, alias: &str) {
        let alias = normalize(alias);
        if !alias.is_empty() && !self.aliases.contains(&alias) {
            self.aliases.push(alias);
        }
    }

    fn matches(&self, normalized: &str) -> bool {
        self.normalized.iter().any(|n| n == normalized)
            || self.aliases.iter().any(|a| a == normalized)
    }
}

impl Default for Vocabularies {
    /// The vocabularies of the Walloon register, with the variants seen in the Mons table.
    fn default() -> Self {
        let both = [
            "Les 2",
            "Ville et CPAS",
            "Ville-CPAS",
            "CPAS et Ville",
            "Ville + CPAS",
        ];
        let vocabularies = vec![
            Vocabulary {
                field: Field::Objectifs,
                terms: vec![
                    term(
                        "citoyen",
                        "Satisfaction du citoyen",
                        &["satisfaction", "citoyen", "satisfaction citoyen"],
                    ),
                    term(
                        "performance",
                        "Performance administrative",
                        &["performance", "performance admin"],
                    ),
                    term("moyens", "Moyens", &["moyen"]),
                ],
            },
            Vocabulary {
                field: Field::Modes,
                terms: vec![
                    term("cooperatif", "Coopératif", &["cooperation"]),
                    term("delegatif", "Délégatif", &["delegation"]),
                ],
            },
            Vocabulary {
                field: Field::Pilote,
                terms: vec![
                    term(
                        "ville",
                        "Ville",
                        &["la ville", "ville de mons", "VM", "commune"],
                    ),
                    term("cpas", "CPAS", &["le CPAS", "CPAS de Mons"]),
                    term("les-deux", "Les deux", &both),
                ],
            },
            Vocabulary {
                field: Field::Responsable,
                terms: vec![
                    term("dg-ville", "DG Ville", &["DG de la Ville", "Ville"]),
                    term("dg-cpas", "DG CPAS", &["DG du CPAS", "CPAS"]),
                    term(
                        "les-deux",
                        "Les deux",
                        &[
                            "Les 2",
                            "DG Ville et DG CPAS",
                            "DG CPAS et DG Ville",
                            "Ville et CPAS",
                            "les deux DG",
                        ],
                    ),
                ],
            },
            Vocabulary {
                field: Field::Statut,
                terms: vec![
                    term(
                        "effectif",
                        "Effectif",
                        &["100%", "100 %", "réalisé", "fait"],
                    ),
                    term("en-cours", "En cours", &["en cours de réalisation"]),
                    term("a-developper", "À développer", &["a developper", "à faire"]),
                    term("sans-objet", "Sans objet", &["so", "n/a"]),
                ],
            },
        ];
        let mut vocabularies = Vocabularies {
            vocabularies,
            names: Default::default(),
        };
        for (field, key, aliases) in EDITOR_ALIASES {
            for alias in *aliases {
                vocabularies.add_alias(*field, key, alias);
            }
        }
        vocabularies
    }
}

/// Words editors write for a value that can only mean that value: accepted like the aliases
/// above. One block per vocabulary.
const EDITOR_ALIASES: &[(Field, &str, &[&str])] = &[
    // Objectif
    (
        Field::Objectifs,
        "citoyen",
        &[
            "citoyens",
            "satisfaction des citoyens",
            "service au citoyen",
        ],
    ),
    (
        Field::Objectifs,
        "performance",
        &["performances", "performance de l'administration"],
    ),
    (
        Field::Objectifs,
        "moyens",
        &["mutualisation des moyens", "économie de moyens"],
    ),
    // Mode opératoire
    (
        Field::Modes,
        "cooperatif",
        &["collaboration", "collaboratif"],
    ),
    (Field::Modes, "delegatif", &["délégué", "déléguée"]),
    // Administration pilote
    // Most Walloon communes are a « Commune », not a « Ville »: the same administration.
    (
        Field::Pilote,
        "ville",
        &[
            "administration communale",
            "la commune",
            "administration de la Ville",
            "communal",
            "communale",
            "l'administration communale",
        ],
    ),
    (Field::Pilote, "cpas", &["centre public d'action sociale"]),
    (
        Field::Pilote,
        "les-deux",
        &[
            "les deux administrations",
            "Ville & CPAS",
            "CPAS + Ville",
            // Punctuation does not count: also « Commune-CPAS », « Commune / CPAS ».
            "Commune + CPAS",
            "Commune et CPAS",
            "CPAS et Commune",
            "CPAS + Commune",
        ],
    ),
    // Responsable administratif
    (
        Field::Responsable,
        "dg-ville",
        &[
            "directeur général de la Ville",
            "directrice générale de la Ville",
            "DG de la commune",
            "DG Commune",
            "DG communal",
            "administration communale",
            "DG communale",
            "Commune",
            "directeur général de la Commune",
            "directrice générale de la Commune",
        ],
    ),
    (
        Field::Responsable,
        "dg-cpas",
        &["directeur général du CPAS", "directrice générale du CPAS"],
    ),
    (
        Field::Responsable,
        "les-deux",
        &[
            "les deux directeurs généraux",
            "DG Ville + DG CPAS",
            "DG Commune et DG CPAS",
            "DG CPAS et DG Commune",
            "DG Commune + DG CPAS",
            "Commune et CPAS",
            "Commune + CPAS",
        ],
    ),
    // Statut
    (
        Field::Statut,
        "effectif",
        &[
            "terminé",
            "fini",
            "clôturé",
            "achevé",
            "effectué",
            "mis en place",
            "en place",
            "opérationnel",
        ],
    ),
    (
        Field::Statut,
        "en-cours",
        &["commencé", "démarré", "en chantier", "en développement"],
    ),
    (
        Field::Statut,
        "a-developper",
        &[
            "en projet",
            "prévu",
            "à venir",
            "à lancer",
            "à étudier",
            "pas commencé",
            "non commencé",
        ],
    ),
    (Field::Statut, "sans-objet", &["non applicable", "NA"]),
];

/// Words that probably mean a value but not surely: never accepted, only proposed in the hint.
/// One block per vocabulary.
const EDITOR_SYNONYMS: &[(Field, &str, &str)] = &[
    // Objectif
    (Field::Objectifs, "usagers", "citoyen"),
    (Field::Objectifs, "efficacité", "performance"),
    (Field::Objectifs, "économies", "moyens"),
    // Mode opératoire
    (Field::Modes, "mutualisation", "cooperatif"),
    (Field::Modes, "mutualisé", "cooperatif"),
    (Field::Modes, "partenariat", "cooperatif"),
    // Administration pilote
    (Field::Pilote, "commun", "les-deux"),
    (Field::Pilote, "conjoint", "les-deux"),
    (Field::Pilote, "ensemble", "les-deux"),
    // Statut
    (Field::Statut, "abandonné", "sans-objet"),
    (Field::Statut, "en attente", "a-developper"),
    (Field::Statut, "suspendu", "en-cours"),
    (Field::Statut, "partiel", "en-cours"),
    (Field::Statut, "partiellement", "en-cours"),
];

/// Why a value could not be matched, with what to propose instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoMatch {
    /// The closest label, when one is close enough to be a likely typo.
    pub suggestion: Option<String>,
    /// Every allowed label, in display order.
    pub allowed: Vec<String>,
}

impl Vocabularies {
    pub fn get(&self, field: Field) -> &Vocabulary {
        // The five vocabularies are built in `default` in `Field::ALL` order and never removed.
        &self.vocabularies[field as usize]
    }

    fn get_mut(&mut self, field: Field) -> &mut Vocabulary {
        &mut self.vocabularies[field as usize]
    }

    /// Index of the term of `field` that `value` names.
    pub fn lookup(&self, field: Field, value: &str) -> Result<usize, NoMatch> {
        self.normalized_lookup(field, value)
            .ok_or_else(|| self.no_match(field, value))
    }

    /// The first term of `field` whose label, key or alias normalises as `value` does.
    fn normalized_lookup(&self, field: Field, value: &str) -> Option<usize> {
        let normalized = normalize(value);
        self.get(field)
            .terms
            .iter()
            .position(|t| t.matches(&normalized))
    }

    /// Why `value` names no term of `field`: the allowed labels, and the nearest one.
    fn no_match(&self, field: Field, value: &str) -> NoMatch {
        let vocabulary = self.get(field);
        let normalized = normalize(value);
        let allowed: Vec<String> = vocabulary.terms.iter().map(|t| t.label.clone()).collect();
        // `DG` begins both « DG Ville » and « DG CPAS »: no guess between them.
        let prefixes = vocabulary
            .terms
            .iter()
            .filter(|t| !normalized.is_empty() && normalize(&t.label).starts_with(&normalized))
            .count();
        if prefixes > 1 {
            return NoMatch {
                suggestion: None,
                allowed,
            };
        }
        let suggestion = vocabulary
            .terms
            .iter()
            .map(|t| {
                let distance =
                    strsim::normalized_damerau_levenshtein(&normalized, &normalize(&t.label));
                let prefix = !normalized.is_empty() && normalize(&t.label).starts_with(&normalized);
                (if prefix { 1.0 } else { distance }, t)
            })
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, t)| t.label.clone());
        NoMatch {
            suggestion,
            allowed,
        }
    }

    /// The label `value` probably means (a synonym that is not accepted as such), if any.
    pub fn synonym(&self, field: Field, value: &str) -> Option<String> {
        let normalized = normalize(value);
        let (_, _, key) = EDITOR_SYNONYMS
            .iter()
            .find(|(f, word, _)| *f == field && normalize(word) == normalized)?;
        let term = self.get(field).terms.iter().find(|t| t.key == *key)?;
        Some(term.label.clone())
    }

    /// The closest label to `value`, when one is close enough to be a likely typo.
    pub fn suggestion(&self, field: Field, value: &str) -> Option<String> {
        self.no_match(field, value).suggestion
    }

    /// Replaces the label of a term (from `synergies.toml`). Returns false for an unknown key.
    pub fn set_label(&mut self, field: Field, key: &str, label: &str) -> bool {
        match self.get_mut(field).terms.iter_mut().find(|t| t.key == key) {
            Some(term) => {
                // The former label stays accepted, as an alias.
                let former = std::mem::replace(&mut term.label, label.to_owned());
                term.add_alias(&former);
                term.normalized[0] = normalize(label);
                true
            }
            None => false,
        }
    }

    /// Adds an accepted spelling for a term (from `synergies.toml`). Returns false for an unknown key.
    pub fn add_alias(&mut self, field: Field, key: &str, alias: &str) -> bool {
        match self.get_mut(field).terms.iter_mut().find(|t| t.key == key) {
            Some(term) => {
                term.add_alias(alias);
                true
            }
            None => false,
        }
    }

    /// Makes the names of the two administrations (`synergies.toml`'s `commune` and `cpas`)
    /// name them: « Commune de Quaregnon » is the pilote « Ville » and the responsable
    /// « DG Ville », « CPAS de Quaregnon » the « CPAS » and the « DG CPAS ».
    pub fn set_administrations(&mut self, commune: &str, cpas: &str) {
        for (name, pilote, responsable) in
            [(commune, "ville", "dg-ville"), (cpas, "cpas", "dg-cpas")]
        {
            let taken = |v: &Self, field| v.normalized_lookup(field, name).is_some();
            if !taken(self, Field::Pilote) {
                self.add_alias(Field::Pilote, pilote, name);
            }
            if !taken(self, Field::Responsable) {
                self.add_alias(Field::Responsable, responsable, name);
            }
        }
        self.names = [commune.trim().to_owned(), cpas.trim().to_owned()];
    }

    /// The names of the commune's administration and of the CPAS, as `set_administrations`
    /// was given them (empty when it was not called).
    pub fn administrations(&self) -> [&str; 2] {
        [&self.names[0], &self.names[1]]
    }

    /// Labels by key, for templates and exports.
    pub fn labels(&self, field: Field) -> BTreeMap<String, String> {
        self.get(field)
            .terms
            .iter()
            .map(|t| (t.key.clone(), t.label.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_as_a_number_is_its_place_in_all() {
        // Vocabularies and view::Urls index their tables with `field as usize`.
        for (place, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field as usize, place, "{}", field.key());
        }
    }

    #[test]
    fn normalize_ignores_case_accents_spacing_and_punctuation() {
        assert_eq!(normalize("  À  Développer "), "adevelopper");
        assert_eq!(normalize("Ville-CPAS"), "villecpas");
        assert_eq!(normalize("Œuvres"), "oeuvres");
        assert_eq!(normalize("100%"), "100");
    }

    #[test]
    fn labels_keys_and_aliases_all_match() {
        let v = Vocabularies::default();
        let key = |field, value| {
            v.get(field).terms[v.lookup(field, value).unwrap()]
                .key
                .clone()
        };
        assert_eq!(key(Field::Modes, "delegatif"), "delegatif");
        assert_eq!(key(Field::Modes, "DÉLÉGATIF"), "delegatif");
        assert_eq!(key(Field::Pilote, "Les 2"), "les-deux");
        assert_eq!(key(Field::Pilote, "Ville et CPAS"), "les-deux");
        assert_eq!(key(Field::Pilote, "les-deux"), "les-deux");
        assert_eq!(key(Field::Responsable, "DG Ville et DG CPAS"), "les-deux");
        assert_eq!(key(Field::Statut, "100%"), "effectif");
        assert_eq!(key(Field::Statut, "a developper"), "a-developper");
        assert_eq!(key(Field::Objectifs, "moyens"), "moyens");
    }

    #[test]
    fn editors_words_are_aliases_or_proposed() {
        let v = Vocabularies::default();
        let key = |field, value| {
            v.get(field).terms[v.lookup(field, value).unwrap()]
                .key
                .clone()
        };
        assert_eq!(key(Field::Statut, "Terminé"), "effectif");
        assert_eq!(key(Field::Statut, "Clôturé"), "effectif");
        assert_eq!(key(Field::Statut, "En projet"), "a-developper");
        assert_eq!(key(Field::Statut, "Prévu"), "a-developper");
        assert_eq!(key(Field::Pilote, "Administration communale"), "ville");
        assert!(v.lookup(Field::Statut, "Abandonné").is_err());
        assert_eq!(
            v.synonym(Field::Statut, "abandonne").as_deref(),
            Some("Sans objet")
        );
        assert_eq!(v.synonym(Field::Pilote, "Abandonné"), None);
    }

    #[test]
    fn a_commune_is_the_ville_and_the_root_s_names_name_their_administration() {
        let mut v = Vocabularies::default();
        v.set_administrations("Commune de Quaregnon", "CPAS de Quaregnon");
        let key = |field, value| {
            v.get(field).terms[v.lookup(field, value).unwrap()]
                .key
                .clone()
        };
        for (field, value, expected) in [
            (Field::Pilote, "Commune", "ville"),
            (Field::Pilote, "Administration communale", "ville"),
            (Field::Pilote, "Commune de Quaregnon", "ville"),
            (Field::Pilote, "CPAS de Quaregnon", "cpas"),
            (Field::Pilote, "Commune et CPAS", "les-deux"),
            (Field::Pilote, "Commune-CPAS", "les-deux"),
            (Field::Pilote, "Commune / CPAS", "les-deux"),
            (Field::Responsable, "DG Commune", "dg-ville"),
            (Field::Responsable, "Commune de Quaregnon", "dg-ville"),
            (Field::Responsable, "CPAS de Quaregnon", "dg-cpas"),
            (Field::Responsable, "DG Commune et DG CPAS", "les-deux"),
        ] {
            assert_eq!(key(field, value), expected, "{value}");
        }
        assert_eq!(
            v.administrations(),
            ["Commune de Quaregnon", "CPAS de Quaregnon"]
        );
    }

    #[test]
    fn unknown_value_suggests_the_nearest_label() {
        let v = Vocabularies::default();
        let miss = v.lookup(Field::Modes, "delegative").unwrap_err();
        assert_eq!(miss.suggestion.as_deref(), Some("Délégatif"));
        assert_eq!(miss.allowed, vec!["Coopératif", "Délégatif"]);
        assert_eq!(
            v.lookup(Field::Responsable, "DG").unwrap_err().suggestion,
            None
        );
        let far = v.lookup(Field::Statut, "banane").unwrap_err();
        assert_eq!(far.suggestion, None);
    }

    #[test]
    fn config_can_relabel_and_add_aliases() {
        let mut v = Vocabularies::default();
        assert!(v.set_label(Field::Statut, "effectif", "Réalisé"));
        assert!(v.add_alias(Field::Pilote, "ville", "Administration communale"));
        assert!(!v.add_alias(Field::Pilote, "province", "Hainaut"));
        assert_eq!(v.get(Field::Statut).terms[0].label, "Réalisé");
        assert_eq!(v.lookup(Field::Pilote, "administration communale"), Ok(0));
    }

    #[test]
    fn a_changed_term_is_found_after_an_earlier_lookup() {
        let mut v = Vocabularies::default();
        assert_eq!(v.lookup(Field::Statut, "En cours"), Ok(1));
        // The first term now has the second's label: it comes first.
        assert!(v.set_label(Field::Statut, "effectif", "En cours"));
        assert_eq!(v.lookup(Field::Statut, "En cours"), Ok(0));
        assert!(v.add_alias(Field::Modes, "delegatif", "Coopératif"));
        assert_eq!(v.lookup(Field::Modes, "Coopératif"), Ok(0));
        assert_eq!(v.lookup(Field::Modes, "délégatif "), Ok(1));
    }
}
