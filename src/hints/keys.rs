//! Keys as editors write them (accents, spaces, capitals, plural, synonyms) → the key meant.

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
    // Other names editors give to a field (`fields::Spec::synonyms`).
    for field in &crate::fields::FIELDS {
        let key = &field.key;
        if keys.contains(key) && field.synonyms.iter().any(|s| plural_of(core, s)) {
            return keys.iter().find(|k| *k == key).copied();
        }
    }
    crate::diagnostic::nearest(core, keys.iter().copied(), 0.88)
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
