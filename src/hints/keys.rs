//! Keys as editors write them (accents, spaces, capitals, plural, synonyms) → the key meant.

/// Other names editors give to a field (compared after [`key_core`]).
pub(super) const KEY_SYNONYMS: &[(&str, &[&str])] = &[
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
pub(super) fn key_core(key: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fiche::FICHE_KEYS;

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
}
