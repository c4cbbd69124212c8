//! The `[accessibilite]` section of `synergies.toml`: what the accessibility statement
//! (*déclaration d'accessibilité*) says. Walloon public bodies must publish one (décret du
//! 2 mai 2019, directive (UE) 2016/2102). Without the section, defaults fit Mons; an absent
//! contact is shown as "à compléter", never invented.

use toml::de::DeValue;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::toml_fields::{Date, Source, Spanned};
use crate::vocab::normalize;

/// How far the site meets WCAG 2.1 AA (EN 301 549), in the statement's legal wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformite {
    Totale,
    Partielle,
    Aucune,
}

impl Conformite {
    pub const ALL: [Conformite; 3] = [
        Conformite::Totale,
        Conformite::Partielle,
        Conformite::Aucune,
    ];

    /// The wording of the statement: "partiellement conforme".
    pub fn label(self) -> &'static str {
        match self {
            Conformite::Totale => "totalement conforme",
            Conformite::Partielle => "partiellement conforme",
            Conformite::Aucune => "non conforme",
        }
    }

    /// A stable key for templates and CSS.
    pub fn key(self) -> &'static str {
        match self {
            Conformite::Totale => "totale",
            Conformite::Partielle => "partielle",
            Conformite::Aucune => "aucune",
        }
    }

    fn lookup(value: &str) -> Option<Conformite> {
        let wanted = normalize(value);
        Conformite::ALL.into_iter().find(|c| {
            normalize(c.label()) == wanted
                || match c {
                    Conformite::Totale => wanted == "totale" || wanted == "totalement",
                    Conformite::Partielle => wanted == "partielle" || wanted == "partiellement",
                    Conformite::Aucune => wanted == "pasconforme",
                }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessibilite {
    pub statut: Conformite,
    /// Date the statement was drawn up; "à compléter" when absent.
    pub date: Option<Date>,
    pub contact_courriel: Option<String>,
    pub contact_telephone: Option<String>,
    pub contact_adresse: Option<String>,
    /// Known non-conformities and content outside the statement's scope, one sentence each.
    pub non_conformites: Vec<String>,
}

/// The town hall of Mons: where letters to the Ville reach the right service.
pub const ADRESSE_MONS: &str = "Ville de Mons, Grand-Place 22, 7000 Mons";

impl Default for Accessibilite {
    /// No full manual audit has been made: "partiellement conforme", with what is known.
    fn default() -> Self {
        Accessibilite {
            statut: Conformite::Partielle,
            date: None,
            contact_courriel: None,
            contact_telephone: None,
            contact_adresse: Some(ADRESSE_MONS.to_owned()),
            non_conformites: vec![
                "Aucun audit manuel complet n'a encore été réalisé : seules les vérifications \
                 décrites ci-dessous ont été faites."
                    .to_owned(),
                "Le texte des fiches est rédigé par les services : les titres, listes et \
                 tableaux qu'il contient ne sont pas relus un à un pour l'accessibilité."
                    .to_owned(),
                "Dans le graphique « Statut des synergies dans chaque domaine » de la page \
                 Statistiques, les statuts se distinguent par leur couleur ; le tableau qui \
                 suit le graphique donne les mêmes chiffres."
                    .to_owned(),
            ],
        }
    }
}

pub const KEYS: [&str; 6] = [
    "statut",
    "date",
    "contact_courriel",
    "contact_telephone",
    "contact_adresse",
    "non_conformites",
];

/// Reads the `[accessibilite]` table; every problem is pushed, the default stands in for it.
pub fn parse(
    source: &Source,
    name: &str,
    value: &Spanned<DeValue>,
    diagnostics: &mut Diagnostics,
) -> Accessibilite {
    let mut out = Accessibilite::default();
    let DeValue::Table(table) = value.get_ref() else {
        diagnostics.push(
            source
                .wrong_type(name, value, "une section [accessibilite]")
                .help("écrivez [accessibilite] sur une ligne, puis une ligne par réglage"),
        );
        return out;
    };
    for (key, value) in table.iter() {
        let key_name = key.get_ref().as_ref();
        match key_name {
            "statut" => {
                if let Some(text) = source.string(key_name, value, diagnostics) {
                    match Conformite::lookup(&text) {
                        Some(statut) => out.statut = statut,
                        None => diagnostics.push(unknown_statut(source, &text, value)),
                    }
                }
            }
            "date" => out.date = source.date(key_name, value, diagnostics),
            "contact_courriel" => {
                out.contact_courriel = source.string(key_name, value, diagnostics);
            }
            "contact_telephone" => {
                out.contact_telephone = source.string(key_name, value, diagnostics);
            }
            "contact_adresse" => {
                out.contact_adresse = source.string(key_name, value, diagnostics);
            }
            "non_conformites" => {
                out.non_conformites = source
                    .string_list(key_name, value, diagnostics)
                    .into_iter()
                    .map(Spanned::into_inner)
                    .collect();
            }
            _ => {
                let mut d = source.unknown_key(key_name, key.span(), &KEYS);
                // `courriel`, `email`, `téléphone`…: too far from `contact_…` for the fuzzy match.
                if let Some(meant) = contact_key(key_name) {
                    d.message =
                        format!("`{key_name}` : clé inconnue — vouliez-vous dire `{meant}` ?");
                }
                diagnostics.push(d);
            }
        }
    }
    out
}

/// The `contact_…` key a short name means, if any.
fn contact_key(key: &str) -> Option<&'static str> {
    match normalize(key).as_str() {
        "courriel" | "email" | "mail" | "adressecourriel" | "adressemail" => {
            Some("contact_courriel")
        }
        "telephone" | "tel" | "numero" => Some("contact_telephone"),
        "adresse" | "adressepostale" => Some("contact_adresse"),
        _ => None,
    }
}

fn unknown_statut(source: &Source, text: &str, value: &Spanned<DeValue>) -> Diagnostic {
    let allowed = Conformite::ALL
        .iter()
        .map(|c| format!("« {} »", c.label()))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::error(
        Code::ValeurInconnue,
        format!("« {text} » n'est pas un état de conformité"),
    )
    .at(source.location(value.span()))
    .label("valeur inconnue pour `statut`")
    .help(format!(
        "valeurs admises : {allowed} (par rapport aux WCAG 2.1 niveau AA)"
    ))
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use crate::diagnostic::Diagnostics;

    use super::*;

    #[test]
    fn reads_every_setting() {
        let text = "[accessibilite]\nstatut = \"Totalement conforme\"\ndate = 2026-11-29\n\
                    contact_courriel = \"a@mons.be\"\ncontact_telephone = \"065 40 50 60\"\n\
                    contact_adresse = \"Hôtel de ville\"\nnon_conformites = [\"Un\", \"Deux\"]\n";
        let mut diagnostics = Diagnostics::default();
        let a = parse(text, &mut diagnostics).accessibilite;
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(a.statut, Conformite::Totale);
        assert_eq!(a.date.map(|d| d.iso()).as_deref(), Some("2026-11-29"));
        assert_eq!(a.contact_courriel.as_deref(), Some("a@mons.be"));
        assert_eq!(a.contact_telephone.as_deref(), Some("065 40 50 60"));
        assert_eq!(a.contact_adresse.as_deref(), Some("Hôtel de ville"));
        assert_eq!(a.non_conformites, ["Un", "Deux"]);
    }

    #[test]
    fn defaults_fit_mons_and_invent_no_contact() {
        let mut diagnostics = Diagnostics::default();
        let a = parse("titre = \"R\"\n", &mut diagnostics).accessibilite;
        assert_eq!(a, Accessibilite::default());
        assert_eq!(a.statut.label(), "partiellement conforme");
        assert_eq!(a.contact_adresse.as_deref(), Some(ADRESSE_MONS));
        assert_eq!((a.contact_courriel, a.contact_telephone), (None, None));
        assert!(!a.non_conformites.is_empty());
        // An explicit empty list means "none known".
        let none = parse("[accessibilite]\nnon_conformites = []\n", &mut diagnostics);
        assert!(none.accessibilite.non_conformites.is_empty());
        assert!(diagnostics.is_empty(), "{diagnostics}");
    }

    #[test]
    fn statut_ignores_case_and_accents_and_rejects_the_rest() {
        for (written, expected) in [
            ("PARTIELLEMENT CONFORME", Conformite::Partielle),
            ("non-conforme", Conformite::Aucune),
            ("totalement", Conformite::Totale),
        ] {
            assert_eq!(Conformite::lookup(written), Some(expected), "{written}");
        }
        assert_eq!(Conformite::lookup("conforme"), None);
        let mut diagnostics = Diagnostics::default();
        let a = parse(
            "[accessibilite]\nstatut = \"conforme\"\ncourriel = \"x\"\ndate = \"2026-11-29\"\n",
            &mut diagnostics,
        )
        .accessibilite;
        assert_eq!(a.statut, Conformite::Partielle, "the default stands in");
        let messages: Vec<_> = diagnostics
            .sorted()
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(
            messages,
            [
                "« conforme » n'est pas un état de conformité",
                "`courriel` : clé inconnue — vouliez-vous dire `contact_courriel` ?",
                "`date` attend une date (AAAA-MM-JJ), pas un texte (« 2026-11-29 »)",
            ]
        );
    }

    #[test]
    fn a_value_instead_of_a_section_is_reported() {
        let mut diagnostics = Diagnostics::default();
        parse("accessibilite = \"oui\"\n", &mut diagnostics);
        let d = diagnostics.iter().next().unwrap();
        assert_eq!(
            d.message,
            "`accessibilite` attend une section [accessibilite], pas un texte (« oui »)"
        );
    }
}
