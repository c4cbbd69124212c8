//! Every front-matter field of a fiche, declared once: its key, French label, kind, the other
//! names editors give it (hints), the headings `import` recognises for it and the comment `new`
//! writes for it. The validator, the exports' columns, `import`, the hints and `new`'s template
//! all read this table; a new field is one entry here (and a field of the draft, the model and
//! the views that show it).

use crate::vocab::Field as Vocab;

mod values;
pub use values::{Value, Values};

/// How many fields a fiche has.
pub const KEY_COUNT: usize = 15;

/// A front-matter field of a fiche, in the order editors meet them; indexes [`FIELDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Titre,
    Objectifs,
    ObjectifsNote,
    Modes,
    ModesNote,
    Pilote,
    PiloteNote,
    Responsable,
    ResponsableNote,
    Statut,
    Avancement,
    MisAJour,
    Economies,
    VoirAussi,
    Ordre,
}

/// What a field's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text (`titre = "…"`).
    Text,
    /// Free text that adds to a vocabulary field (`pilote_note`).
    Note(Vocab),
    /// One value of a vocabulary.
    Term(Vocab),
    /// A list of values of a vocabulary.
    Terms(Vocab),
    /// An integer between the two bounds (`avancement = 50`).
    Range(i64, i64),
    /// Any integer (`ordre = 2`).
    Integer,
    /// A TOML date (`2026-11-15`).
    Date,
    /// A list of other fiches (`"domaine/fiche"`).
    References,
}

/// One field's declaration.
#[derive(Debug)]
pub struct Spec {
    /// The front-matter key, which is also the field's CSV column and JSON member.
    pub key: &'static str,
    /// The field's name for readers, in French.
    pub label: &'static str,
    pub kind: Kind,
    /// Other names editors give the key, compared after `hints::key_core`.
    pub synonyms: &'static [&'static str],
    /// Register headings `import` takes for this field, normalised (`vocab::normalize`) and
    /// without what is in brackets.
    pub headings: &'static [&'static str],
    /// Beginnings of longer headings `import` takes for this field, normalised.
    pub heading_prefixes: &'static [&'static str],
    /// What `new` writes for the field when it asks nothing about it: a comment and a
    /// commented-out example value.
    pub template: Option<(&'static str, &'static str)>,
}

/// The fields, in [`Key`] order.
pub const FIELDS: [Spec; KEY_COUNT] = [
    Spec {
        key: "titre",
        label: "Titre",
        kind: Kind::Text,
        synonyms: &[
            "nom",
            "intitule",
            "synergie",
            "titre_de_la_synergie",
            "libelle",
        ],
        headings: &[
            "titre",
            "intitule",
            "synergie",
            "synergies",
            "synergieougroupedesynergies",
            "groupedesynergies",
            "nomdelasynergie",
            "nomdessynergies",
            "intituledelasynergie",
            "intituledessynergies",
            "titredelasynergie",
            "objetdelasynergie",
            "libelle",
            "libelledelasynergie",
        ],
        heading_prefixes: &[
            "synergieougroupe",
            "groupedesynergie",
            "intitule",
            "nomdelasynergie",
            "titredelasynergie",
            "objetdelasynergie",
            "libelledelasynergie",
        ],
        template: None,
    },
    Spec {
        key: "objectifs",
        label: "Objectif",
        kind: Kind::Terms(Vocab::Objectifs),
        synonyms: &["objectif_s", "but", "buts"],
        headings: &["objectif", "objectifs"],
        heading_prefixes: &["objectif"],
        template: None,
    },
    note("objectifs_note", Vocab::Objectifs, &["objectifsnote"]),
    Spec {
        key: "modes",
        label: "Mode opératoire",
        kind: Kind::Terms(Vocab::Modes),
        synonyms: &["mode_operatoire", "modes_operatoires", "mode_operationnel"],
        headings: &["mode", "modes", "modeoperatoire", "modesoperatoires"],
        heading_prefixes: &["modeoperatoire"],
        template: None,
    },
    note("modes_note", Vocab::Modes, &["modesnote"]),
    Spec {
        key: "pilote",
        label: "Administration pilote",
        kind: Kind::Term(Vocab::Pilote),
        synonyms: &["administration_pilote", "pilotage", "administration"],
        headings: &["pilote", "administrationpilote"],
        heading_prefixes: &["administrationpilote"],
        template: None,
    },
    note("pilote_note", Vocab::Pilote, &["pilotenote"]),
    Spec {
        key: "responsable",
        label: "Responsable administratif",
        kind: Kind::Term(Vocab::Responsable),
        synonyms: &[
            "responsable_administratif",
            "responsables_administratifs",
            "dg",
        ],
        headings: &["responsable", "responsableadministratif", "responsables"],
        heading_prefixes: &["responsableadministratif"],
        template: None,
    },
    note("responsable_note", Vocab::Responsable, &["responsablenote"]),
    Spec {
        key: "statut",
        label: "Statut",
        kind: Kind::Term(Vocab::Statut),
        synonyms: &["etat", "status", "situation", "statut_de_la_synergie"],
        headings: &["statut", "etat", "situation"],
        heading_prefixes: &[],
        template: None,
    },
    Spec {
        key: "avancement",
        label: "Avancement",
        kind: Kind::Range(0, 100),
        synonyms: &[
            "pourcentage",
            "progression",
            "taux_d_avancement",
            "pourcentage_d_avancement",
            "avancement_pourcent",
        ],
        headings: &["avancement", "pourcentage", "tauxdavancement"],
        heading_prefixes: &[],
        template: Some(("Avancement, en pour cent, sans le signe % :", "50")),
    },
    Spec {
        key: "mis_a_jour",
        label: "Mis à jour le",
        kind: Kind::Date,
        synonyms: &[
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
        headings: &[
            "misajour",
            "miseajour",
            "datedemiseajour",
            "dernieremiseajour",
        ],
        heading_prefixes: &[],
        template: Some((
            "Date de la dernière mise à jour, AAAA-MM-JJ, sans guillemets :",
            "2026-11-15",
        )),
    },
    Spec {
        key: "economies",
        label: "Économies d'échelle",
        kind: Kind::Text,
        synonyms: &[
            "economie",
            "economies_d_echelle",
            "economie_d_echelle",
            "gains",
        ],
        headings: &["economies", "economie", "economiesrealisees"],
        heading_prefixes: &[],
        template: Some(("Économies d'échelle, doubles emplois supprimés :", "\"…\"")),
    },
    Spec {
        key: "voir_aussi",
        label: "Voir aussi",
        kind: Kind::References,
        synonyms: &["voir", "liens", "fiches_liees", "renvois", "voir_egalement"],
        headings: &["voiraussi"],
        heading_prefixes: &[],
        template: Some((
            "Autres fiches liées, sous la forme \"domaine/fiche\" :",
            "[\"grh/plan-de-formation\"]",
        )),
    },
    Spec {
        key: "ordre",
        label: "Ordre",
        kind: Kind::Integer,
        synonyms: &["position", "rang", "numero"],
        headings: &["ordre"],
        heading_prefixes: &[],
        template: None,
    },
];

/// The `_note` companion of a vocabulary field.
const fn note(key: &'static str, of: Vocab, headings: &'static [&'static str]) -> Spec {
    Spec {
        key,
        label: "Précisions",
        kind: Kind::Note(of),
        synonyms: &[],
        headings,
        heading_prefixes: &[],
        template: None,
    }
}

/// The keys a fiche may have, in [`Key`] order.
pub const KEYS: [&str; FIELDS.len()] = {
    let mut keys = [""; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        keys[i] = FIELDS[i].key;
        i += 1;
    }
    keys
};

impl Key {
    pub const ALL: [Key; KEY_COUNT] = [
        Key::Titre,
        Key::Objectifs,
        Key::ObjectifsNote,
        Key::Modes,
        Key::ModesNote,
        Key::Pilote,
        Key::PiloteNote,
        Key::Responsable,
        Key::ResponsableNote,
        Key::Statut,
        Key::Avancement,
        Key::MisAJour,
        Key::Economies,
        Key::VoirAussi,
        Key::Ordre,
    ];

    /// The field's declaration.
    pub const fn spec(self) -> &'static Spec {
        &FIELDS[self as usize]
    }

    /// The vocabulary of a field of one or several vocabulary values.
    pub const fn vocab(self) -> Option<Vocab> {
        match self.spec().kind {
            Kind::Term(field) | Kind::Terms(field) => Some(field),
            _ => None,
        }
    }

    /// The front-matter key.
    pub const fn key(self) -> &'static str {
        self.spec().key
    }

    /// The field whose front-matter key is `key`, exactly.
    pub fn from_key(key: &str) -> Option<Key> {
        KEYS.iter().position(|k| *k == key).map(|i| Key::ALL[i])
    }

    /// The `_note` companion of a vocabulary field, if it has one.
    pub fn note_of(field: Vocab) -> Option<Key> {
        match field {
            Vocab::Objectifs => Some(Key::ObjectifsNote),
            Vocab::Modes => Some(Key::ModesNote),
            Vocab::Pilote => Some(Key::PiloteNote),
            Vocab::Responsable => Some(Key::ResponsableNote),
            Vocab::Statut => None,
        }
    }

    /// The field of a vocabulary.
    pub fn of_vocab(field: Vocab) -> Key {
        match field {
            Vocab::Objectifs => Key::Objectifs,
            Vocab::Modes => Key::Modes,
            Vocab::Pilote => Key::Pilote,
            Vocab::Responsable => Key::Responsable,
            Vocab::Statut => Key::Statut,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_key_order_and_notes_follow_their_field() {
        for (i, key) in Key::ALL.into_iter().enumerate() {
            assert_eq!(key as usize, i);
            assert_eq!(Key::from_key(key.key()), Some(key));
            if let Kind::Note(of) = key.spec().kind {
                assert_eq!(key.key(), format!("{}_note", Key::of_vocab(of).key()));
                assert_eq!(Key::note_of(of), Some(key));
            }
        }
        for field in Vocab::ALL {
            let notes = Key::ALL
                .into_iter()
                .filter(|k| matches!(k.spec().kind, Kind::Note(f) if f == field));
            assert_eq!(notes.count(), usize::from(Key::note_of(field).is_some()));
            assert!(matches!(
                Key::of_vocab(field).spec().kind,
                Kind::Term(f) | Kind::Terms(f) if f == field
            ));
        }
    }

    /// The words of `code` outside comments and string literals, and the string literals that
    /// are one word: where a program names something, as opposed to its French sentences.
    fn names_in(code: &str) -> Vec<&str> {
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut names = Vec::new();
        let mut rest = code;
        while let Some(c) = rest.chars().next() {
            if rest.starts_with("//") {
                rest = rest.find('\n').map_or("", |end| &rest[end..]);
            } else if rest.starts_with("'\"'") || rest.starts_with("'\\''") {
                rest = &rest[3.min(rest.len())..];
            } else if let Some(hashes) = rest.strip_prefix('r').and_then(|r| {
                let n = r.len() - r.trim_start_matches('#').len();
                r[n..].starts_with('"').then_some(n)
            }) {
                let close = format!("\"{}", "#".repeat(hashes));
                let body = &rest[hashes + 2..];
                let end = body.find(&close).unwrap_or(body.len());
                if body[..end].chars().all(word) {
                    names.push(&body[..end]);
                }
                rest = &body[(end + close.len()).min(body.len())..];
            } else if c == '"' {
                let body = &rest[1..];
                let mut end = body.len();
                let mut escaped = false;
                for (i, c) in body.char_indices() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => {
                            end = i;
                            break;
                        }
                        _ => {}
                    }
                }
                if body[..end].chars().all(word) {
                    names.push(&body[..end]);
                }
                rest = &body[(end + 1).min(body.len())..];
            } else if word(c) {
                let end = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
                names.push(&rest[..end]);
                rest = &rest[end..];
            } else {
                rest = &rest[c.len_utf8()..];
            }
        }
        names
    }

    /// Where a key's name is written in the program's code (test modules, comments and French
    /// sentences left out): in this file and at most two others. Four keys name features of
    /// their own and are left out: `titre` (also the title of a domain, a page, the site),
    /// `ordre` (also a domain's), `statut` and `avancement` (the statut's facets and
    /// statistics, the history, the report's evolution, `import`'s percentages).
    #[test]
    fn a_key_is_named_in_at_most_three_files_of_the_code() {
        assert_eq!(
            names_in("let x = a.modes; // modes\n\"modes\" \"les modes\" r#\"pilote\"# '\"'"),
            ["let", "x", "a", "modes", "modes", "pilote"]
        );
        const FEATURES: [Key; 4] = [Key::Titre, Key::Ordre, Key::Statut, Key::Avancement];
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let code: Vec<(String, Vec<String>)> = walkdir::WalkDir::new(&src)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap();
                let text = text.split("#[cfg(test)]").next().unwrap_or_default();
                let name = e.path().strip_prefix(&src).unwrap().display().to_string();
                (name, names_in(text).into_iter().map(String::from).collect())
            })
            .collect();
        for key in Key::ALL.into_iter().filter(|k| !FEATURES.contains(k)) {
            let files: Vec<&str> = code
                .iter()
                .filter(|(_, names)| names.iter().any(|n| n == key.key()))
                .map(|(name, _)| name.as_str())
                .collect();
            assert!(files.contains(&"fields.rs"), "{}", key.key());
            assert!(files.len() <= 3, "{} in {files:?}", key.key());
        }
    }
}
