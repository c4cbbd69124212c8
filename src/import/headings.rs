//! Recognising the columns of a register from their headings, whatever their case, accents,
//! punctuation and words in brackets: « Objectif(s) », « MODE OPÉRATOIRE (coopératif/délégatif) »,
//! « Responsable (administratif) », and every column of the site's `synergies.csv`.

use crate::fields::Key;
use crate::vocab::normalize;

/// A column of the register, once recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Domaine,
    DomaineTitre,
    DomaineOrdre,
    DomaineDescription,
    Fiche,
    /// A front-matter field of the fiche.
    Field(Key),
    Realisation,
    /// Known but not imported (`page` of the export).
    Ignored,
}

/// The heading without what is in brackets, normalised: « Objectif(s) (satisfaction…) » →
/// `objectif`.
fn core(heading: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in heading.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    normalize(&out)
}

/// The column a heading names, if any: the fiche's fields by their declared headings
/// (`fields::Spec::headings`), then where the fiche lives and its text.
pub fn column(heading: &str) -> Option<Column> {
    let h = core(heading);
    if h.is_empty() {
        return None;
    }
    if let Some(key) = Key::ALL
        .into_iter()
        .find(|k| k.spec().headings.contains(&h.as_str()))
    {
        return Some(Column::Field(key));
    }
    let exact = match h.as_str() {
        "domaine" | "domaines" | "rubrique" | "matiere" | "thematique" | "theme" => Column::Domaine,
        "domainetitre" => Column::DomaineTitre,
        "domaineordre" => Column::DomaineOrdre,
        "domainedescription" => Column::DomaineDescription,
        "fiche" => Column::Fiche,
        "realisation" | "realisations" | "resultat" | "resultats" | "resultatobtenu"
        | "resultatsobtenus" => Column::Realisation,
        "page" => Column::Ignored,
        // Headings written longer than the usual ones: « Administration pilote ville – CPAS… »
        // without brackets.
        _ => {
            return Key::ALL
                .into_iter()
                .find(|k| k.spec().heading_prefixes.iter().any(|p| h.starts_with(p)))
                .map(Column::Field);
        }
    };
    Some(exact)
}

/// The columns of a row read as a heading row: `Some` when one of its cells names the
/// synergies' column (« Synergie », « Titre »…).
pub fn heading_row(cells: &[String]) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = cells.iter().map(|c| column(c)).collect();
    columns
        .contains(&Some(Column::Field(Key::Titre)))
        .then_some(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_whatever_their_spelling() {
        let cases = [
            ("Synergie ou groupe de synergies", Column::Field(Key::Titre)),
            ("Titre", Column::Field(Key::Titre)),
            ("SYNERGIE", Column::Field(Key::Titre)),
            ("Domaine", Column::Domaine),
            ("domaine", Column::Domaine),
            ("Objectif(s)", Column::Field(Key::Objectifs)),
            (
                "Objectif (satisfaction du citoyen/performance administrative/moyens)",
                Column::Field(Key::Objectifs),
            ),
            (
                "MODE OPÉRATOIRE (coopératif/délégatif)",
                Column::Field(Key::Modes),
            ),
            (
                "Administration pilote (ville – CPAS – les deux)",
                Column::Field(Key::Pilote),
            ),
            ("Pilote", Column::Field(Key::Pilote)),
            (
                "Responsable (administratif)",
                Column::Field(Key::Responsable),
            ),
            ("Responsable administratif", Column::Field(Key::Responsable)),
            ("Statut", Column::Field(Key::Statut)),
            ("État", Column::Field(Key::Statut)),
            ("Avancement", Column::Field(Key::Avancement)),
            ("Réalisation", Column::Realisation),
            ("Résultat obtenu", Column::Realisation),
            ("Économies", Column::Field(Key::Economies)),
            ("Mis à jour", Column::Field(Key::MisAJour)),
            ("modes_note", Column::Field(Key::ModesNote)),
            ("domaine_titre", Column::DomaineTitre),
            ("mis_a_jour", Column::Field(Key::MisAJour)),
            ("voir_aussi", Column::Field(Key::VoirAussi)),
            ("\u{feff}domaine", Column::Domaine),
            ("Intitulé de la synergie", Column::Field(Key::Titre)),
            ("Intitulé du projet", Column::Field(Key::Titre)),
            ("Objet de la synergie", Column::Field(Key::Titre)),
            ("Nom des synergies", Column::Field(Key::Titre)),
            ("Libellé", Column::Field(Key::Titre)),
        ];
        for (heading, expected) in cases {
            assert_eq!(column(heading), Some(expected), "{heading}");
        }
        assert_eq!(column("Commentaire"), None);
        // An explanation, not the synergy's name.
        assert_eq!(column("Description de la synergie"), None);
        assert_eq!(column(""), None);
        assert_eq!(column("(vide)"), None);
    }

    #[test]
    fn a_heading_row_names_the_synergies() {
        let row =
            |cells: &[&str]| heading_row(&cells.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert!(row(&["Synergie", "Pilote"]).is_some());
        assert!(row(&["Synergie", "Commentaire"]).is_some());
        assert!(row(&["Pilote", "Commentaire"]).is_none());
        assert!(row(&["GRH", ""]).is_none());
    }
}
