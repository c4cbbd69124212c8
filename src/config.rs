//! The site's settings, read from the optional `synergies.toml` at the root. A root without it
//! builds with defaults that fit the Ville de Mons and its CPAS.

use toml::de::DeValue;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::toml_fields::{Date, Source};
use crate::vocab::{Field, Vocabularies, normalize};

pub mod accessibilite;
pub mod rapport;
pub use accessibilite::Accessibilite;
pub use rapport::Rapport;

#[derive(Debug, Clone)]
pub struct Config {
    /// Title of the site and of the report.
    pub titre: String,
    /// Name of the commune's administration.
    pub commune: String,
    /// Name of the CPAS.
    pub cpas: String,
    /// The commune's name with its article, as a sentence needs it ("la Ville de Mons").
    pub commune_avec_article: String,
    /// The CPAS's name with its article ("le CPAS de Mons").
    pub cpas_avec_article: String,
    /// Year of the report.
    pub annee: Option<i64>,
    /// "Situation au" date of the report.
    pub situation_au: Option<Date>,
    /// A short introduction shown on the index.
    pub description: Option<String>,
    /// The vocabularies, with the labels and aliases the file adds.
    pub vocab: Vocabularies,
    /// What the accessibility statement says (`[accessibilite]`).
    pub accessibilite: Accessibilite,
    /// Who signs the annual report (`[rapport]`).
    pub rapport: Rapport,
}

impl Default for Config {
    fn default() -> Self {
        let mut vocab = Vocabularies::default();
        vocab.set_administrations("Ville de Mons", "CPAS de Mons");
        Config {
            titre: "Registre des synergies".to_owned(),
            commune: "Ville de Mons".to_owned(),
            cpas: "CPAS de Mons".to_owned(),
            commune_avec_article: "la Ville de Mons".to_owned(),
            cpas_avec_article: "le CPAS de Mons".to_owned(),
            annee: None,
            situation_au: None,
            description: None,
            vocab,
            accessibilite: Accessibilite::default(),
            rapport: Rapport::default(),
        }
    }
}

/// The keys of `synergies.toml`: its settings, then its sections.
const KEYS: [&str; 12] = [
    "titre",
    "commune",
    "cpas",
    "commune_avec_article",
    "cpas_avec_article",
    "annee",
    "situation_au",
    "description",
    "libelles",
    "alias",
    "accessibilite",
    "rapport",
];

/// The settings: the keys written before the first section.
pub(crate) const SETTINGS: &[&str] = KEYS.split_at(8).0;

/// The settings written before the first section, for the hints: their keys and how each is
/// read. (A section such as `[libelles.statut]` holds keys of its own: its lines get TOML's
/// messages.)
const TOP_SCHEMA: crate::hints::Schema = crate::hints::Schema {
    keys: SETTINGS,
    kind: top_kind,
    place: "synergies.toml",
};

fn top_kind(key: &str) -> crate::hints::Kind {
    use crate::hints::Kind;
    match key {
        "annee" => Kind::Integer,
        "situation_au" => Kind::Date,
        _ => Kind::Text,
    }
}

/// Reads `synergies.toml`; every problem is pushed, and the defaults stand in for bad values.
pub fn parse(text: &str, diagnostics: &mut Diagnostics) -> Config {
    // The defaults, without the Mons names as administrations: the file's names are.
    let mut config = Config {
        vocab: Vocabularies::default(),
        ..Config::default()
    };
    let source = Source {
        path: crate::load::CONFIG_FILE,
        text,
        front: 0..text.len(),
    };
    let repaired;
    let parsed = if toml::de::DeTable::parse(text).is_ok()
        || source.refuse_controls(&mut Diagnostics::default())
    {
        source.parse(diagnostics)
    } else {
        // Each broken line before the first section reported once, with its corrected line
        // (as in a fiche), and blanked out; the sections are left to TOML's messages.
        let top_end = section_start(text);
        let top = Source {
            front: 0..top_end,
            ..source
        };
        let top_repaired = crate::hints::repair(
            &top,
            &crate::vocab::Vocabularies::default(),
            TOP_SCHEMA,
            diagnostics,
        );
        repaired = top_repaired.text + &text[top_end..];
        source.parse_text(&repaired, diagnostics)
    };
    let Some(table) = parsed else {
        return config;
    };
    let (mut commune_article, mut cpas_article) = (None, None);
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match name {
            "commune_avec_article" => commune_article = source.string(name, value, diagnostics),
            "cpas_avec_article" => cpas_article = source.string(name, value, diagnostics),
            "titre" | "commune" | "cpas" | "description" => {
                if let Some(text) = source.string(name, value, diagnostics) {
                    match name {
                        "titre" => config.titre = text,
                        "commune" => config.commune = text,
                        "cpas" => config.cpas = text,
                        _ => config.description = Some(text),
                    }
                }
            }
            "annee" => config.annee = source.integer(name, value, diagnostics),
            "situation_au" => config.situation_au = source.date(name, value, diagnostics),
            "libelles" | "alias" => {
                let DeValue::Table(fields) = value.get_ref() else {
                    diagnostics.push(
                        source
                            .wrong_type(name, value, &format!("une section [{name}.<champ>]"))
                            .help(format!(
                                "écrivez par exemple [{name}.statut] puis une ligne par valeur"
                            )),
                    );
                    continue;
                };
                for (field_key, terms) in fields.iter() {
                    let field_name = field_key.get_ref().as_ref();
                    let Some(field) = Field::from_key(field_name) else {
                        let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                        diagnostics.push(source.unknown_key(field_name, field_key.span(), &known));
                        continue;
                    };
                    let DeValue::Table(terms) = terms.get_ref() else {
                        diagnostics.push(source.wrong_type(field_name, terms, "une section").help(
                            format!("écrivez [{name}.{field_name}] puis une ligne par valeur"),
                        ));
                        continue;
                    };
                    for (term_key, setting) in terms.iter() {
                        let term = term_key.get_ref().as_ref();
                        let known = config.vocab.get(field).terms.iter().any(|t| t.key == term);
                        if !known {
                            let keys: Vec<&str> = config
                                .vocab
                                .get(field)
                                .terms
                                .iter()
                                .map(|t| t.key.as_str())
                                .collect();
                            diagnostics.push(source.unknown_key(term, term_key.span(), &keys));
                            continue;
                        }
                        if name == "libelles" {
                            if let Some(label) = source.string(term, setting, diagnostics) {
                                config.vocab.set_label(field, term, &label);
                            }
                        } else {
                            for alias in source.string_list(term, setting, diagnostics) {
                                config.vocab.add_alias(field, term, alias.get_ref());
                            }
                        }
                    }
                }
            }
            "accessibilite" => {
                config.accessibilite = accessibilite::parse(&source, name, value, diagnostics);
            }
            "rapport" => config.rapport = rapport::parse(&source, name, value, diagnostics),
            _ => diagnostics.push(source.unknown_key(name, key.span(), &KEYS)),
        }
    }
    // The two names name their administration in a pilote or responsable value.
    config
        .vocab
        .set_administrations(&config.commune, &config.cpas);
    config.commune_avec_article = commune_article.unwrap_or_else(|| with_article(&config.commune));
    config.cpas_avec_article = cpas_article.unwrap_or_else(|| with_article(&config.cpas));
    config
}

/// Where the first section (`[…]` at the start of a line) begins; the end when there is none.
fn section_start(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[') {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// Where the setting `key`, written before the first section, has its value in
/// `synergies.toml`'s `text`: the span the diagnostics about it point at. `None` when the file
/// does not set it (or does not parse).
pub fn setting_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let table = table.get_ref();
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, value)| value.span())
}

/// The line (from 1) where the setting `key` is written in `synergies.toml`'s `text`.
pub fn setting_line(text: &str, key: &str) -> Option<usize> {
    setting_span(text, key).map(|span| crate::diagnostic::Position::from_span(text, span).line)
}

/// Whether a text names Mons as a word (« Ville de Mons », « CPAS de Mons », « MONS »).
pub fn names_mons(text: &str) -> bool {
    ["Mons", "MONS", "mons"].into_iter().any(|word| {
        text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// Settings a site would publish wrongly, as warnings for `check` and `build`: the defaults of
/// Mons (names, town-hall address) for a root that is not Mons's, an accessibility statement
/// without its date or any contact, and a report without its signatories. `file` is `synergies.toml`'s text; without it,
/// `content_names_mons` (whether the register's domains or fiches name Mons) decides whose
/// root it is: the defaults fit the shipped Mons register, not another commune's.
pub fn warnings(
    config: &Config,
    file: Option<&str>,
    content_names_mons: impl FnOnce() -> bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let location = || Location::file(crate::load::CONFIG_FILE);
    let is_mons = match file {
        // What the file itself says, not the defaults standing in for what it leaves out.
        Some(text) => toml::from_str::<toml::Table>(text).is_ok_and(|table| {
            ["commune", "cpas", "titre"].iter().any(|key| {
                table
                    .get(*key)
                    .and_then(toml::Value::as_str)
                    .is_some_and(names_mons)
            })
        }),
        None => content_names_mons(),
    };
    if !is_mons {
        let defaults = Config::default();
        let mut published = Vec::new();
        if config.commune == defaults.commune {
            published.push(format!("commune (« {} »)", defaults.commune));
        }
        if config.cpas == defaults.cpas {
            published.push(format!("cpas (« {} »)", defaults.cpas));
        }
        if config.accessibilite.contact_adresse.as_deref() == Some(accessibilite::ADRESSE_MONS) {
            published.push(format!(
                "contact_adresse de [accessibilite] (« {} »)",
                accessibilite::ADRESSE_MONS
            ));
        }
        if !published.is_empty() {
            let d = Diagnostic::warning(
                Code::ReglagesParDefaut,
                format!(
                    "le site publierait les réglages par défaut de Mons : {}",
                    published.join(", ")
                ),
            );
            out.push(match file {
                Some(_) => d
                    .at(location())
                    .help("indiquez-les dans synergies.toml pour votre commune et votre CPAS"),
                None => d.help(
                    "créez synergies.toml avec les noms de votre commune et de votre CPAS : \
                     synergies init --commune \"…\" --cpas \"…\" dans un nouveau dossier donne un \
                     fichier complet à recopier",
                ),
            });
        }
    }
    if file.is_some() {
        let a = &config.accessibilite;
        let mut missing = Vec::new();
        if a.date.is_none() {
            missing.push("date");
        }
        if ![
            &a.contact_courriel,
            &a.contact_telephone,
            &a.contact_adresse,
        ]
        .into_iter()
        .any(|v| v.as_deref().is_some_and(is_given))
        {
            missing.push("un contact (contact_courriel, contact_telephone ou contact_adresse)");
        }
        if !missing.is_empty() {
            out.push(
                Diagnostic::warning(
                    Code::AccessibiliteIncomplete,
                    format!(
                        "la déclaration d'accessibilité est incomplète : {} à indiquer",
                        missing.join(" et ")
                    ),
                )
                .at(location())
                .help("dans la section [accessibilite] de synergies.toml ; la page affiche « à compléter » en attendant"),
            );
        }
        if let Some(text) = file {
            out.extend(signatures_warning(&config.rapport, text));
        }
    }
    out
}

/// The signatures the annual report prints « à compléter »: `[rapport]` without the name and
/// title of a directeur général. At the section's line when the file has one.
fn signatures_warning(rapport: &Rapport, text: &str) -> Option<Diagnostic> {
    let missing: Vec<&str> = [
        ("dg_ville", &rapport.dg_ville),
        ("dg_cpas", &rapport.dg_cpas),
    ]
    .into_iter()
    .filter(|(_, value)| !value.as_deref().is_some_and(is_given))
    .map(|(key, _)| key)
    .collect();
    if missing.is_empty() {
        return None;
    }
    let (location, where_) = match setting_span(text, "rapport") {
        Some(span) => (
            Location::span(crate::load::CONFIG_FILE, text, span),
            "sous cette ligne [rapport]",
        ),
        None => (
            Location::file(crate::load::CONFIG_FILE),
            "à la fin de synergies.toml, sous une ligne [rapport]",
        ),
    };
    let examples: Vec<String> = missing
        .iter()
        .map(|key| match *key {
            "dg_ville" => "`dg_ville = \"Prénom Nom, directeur général\"`".to_owned(),
            _ => "`dg_cpas = \"Prénom Nom, directrice générale\"`".to_owned(),
        })
        .collect();
    Some(
        Diagnostic::warning(
            Code::SignaturesACompleter,
            format!(
                "le rapport annuel ne dit pas qui le signe : {} à indiquer",
                missing.join(" et ")
            ),
        )
        .at(location)
        .help(format!(
            "le nom et le titre de chaque directeur général, {where_}, par exemple {} ; le \
             rapport imprime « Nom et titre : à compléter » en attendant",
            examples.join(" et ")
        )),
    )
}

/// Whether a setting holds a value: not blank or « à compléter ».
pub fn is_given(value: &str) -> bool {
    !value.trim().is_empty() && normalize(value) != "acompleter"
}

/// A name as a sentence needs it: « entre la Ville de Mons et le CPAS de Mons ». The common
/// names of Walloon administrations take their article here; any other name is kept as written
/// (`commune_avec_article` and `cpas_avec_article` in `synergies.toml` say it otherwise).
pub fn with_article(name: &str) -> String {
    let first = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let article = match first.as_str() {
        "ville" | "commune" | "administration" => "la ",
        "cpas" | "centre" => "le ",
        _ => "",
    };
    format!("{article}{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_commune_s_names_are_its_administrations_and_mons_s_are_not() {
        use crate::vocab::Field;
        let mut diagnostics = Diagnostics::default();
        let config = parse(
            "commune = \"Commune de Quaregnon\"\ncpas = \"CPAS de Quaregnon\"\n",
            &mut diagnostics,
        );
        let key = |field, value| {
            config
                .vocab
                .lookup(field, value)
                .ok()
                .map(|i| config.vocab.get(field).terms[i].key.clone())
        };
        assert_eq!(
            key(Field::Pilote, "Commune de Quaregnon").as_deref(),
            Some("ville")
        );
        assert_eq!(
            key(Field::Responsable, "CPAS de Quaregnon").as_deref(),
            Some("dg-cpas")
        );
        assert_eq!(key(Field::Responsable, "CPAS de Mons"), None);
        // Without synergies.toml, the register is Mons's.
        let mons = Config::default();
        assert!(
            mons.vocab
                .lookup(Field::Responsable, "CPAS de Mons")
                .is_ok()
        );
    }

    #[test]
    fn mons_is_found_as_a_word_only() {
        assert!(names_mons("Ville de Mons"));
        assert!(names_mons("MONS, Grand-Place"));
        assert!(names_mons("(mons)"));
        assert!(!names_mons("démonstration Monsieur"));
        assert!(!names_mons("Quaregnon"));
    }

    #[test]
    fn reads_settings_labels_and_aliases() {
        let text = "titre = \"Registre\"\nannee = 2026\nsituation_au = 2026-10-01\n\
                    [libelles.statut]\neffectif = \"Réalisé\"\n[alias.pilote]\nville = [\"AC\"]\n";
        let mut diagnostics = Diagnostics::default();
        let config = parse(text, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(config.titre, "Registre");
        assert_eq!(config.annee, Some(2026));
        assert_eq!(
            config.situation_au.map(|d| d.iso()).as_deref(),
            Some("2026-10-01")
        );
        assert_eq!(config.vocab.get(Field::Statut).terms[0].label, "Réalisé");
        assert_eq!(config.vocab.lookup(Field::Pilote, "ac"), Ok(0));
    }

    #[test]
    fn names_take_their_article_unless_the_file_gives_it() {
        let mut diagnostics = Diagnostics::default();
        let config = parse(
            "commune = \"Commune de Quévy\"\ncpas = \"CPAS de Quévy\"\n",
            &mut diagnostics,
        );
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(config.commune_avec_article, "la Commune de Quévy");
        assert_eq!(config.cpas_avec_article, "le CPAS de Quévy");
        let config = parse(
            "commune = \"Mons\"\ncommune_avec_article = \"l'administration communale de Mons\"\n",
            &mut diagnostics,
        );
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(
            config.commune_avec_article,
            "l'administration communale de Mons"
        );
        assert_eq!(config.cpas_avec_article, "le CPAS de Mons");
        assert_eq!(with_article("Mons"), "Mons");
    }

    #[test]
    fn a_setting_is_found_at_its_line() {
        let text = "# Réglages\ntitre = \"R\"\nannee = 2026\n\n[rapport]\ndg_ville = \"A\"\n";
        assert_eq!(setting_line(text, "annee"), Some(3));
        assert_eq!(setting_span(text, "annee").map(|s| &text[s]), Some("2026"));
        assert_eq!(setting_line(text, "rapport"), Some(5));
        assert_eq!(setting_line(text, "situation_au"), None);
        // A key of a section is not a setting of the file's top.
        assert_eq!(setting_line(text, "dg_ville"), None);
        assert_eq!(setting_line("annee = ", "annee"), None);
    }

    #[test]
    fn signatories_blank_or_to_fill_in_are_missing() {
        assert!(is_given("Anne Dupont"));
        assert!(!is_given("  "));
        assert!(!is_given("À compléter"));
        let mut diagnostics = Diagnostics::default();
        let text = "[rapport]\ndg_ville = \"a completer\"\ndg_cpas = \"B. Martin\"\n";
        let config = parse(text, &mut diagnostics);
        let warning = signatures_warning(&config.rapport, text).unwrap();
        assert_eq!(
            warning.message,
            "le rapport annuel ne dit pas qui le signe : dg_ville à indiquer"
        );
        assert_eq!(warning.location.unwrap().position.unwrap().line, 1);
    }

    #[test]
    fn unknown_keys_are_reported_with_the_nearest() {
        let mut diagnostics = Diagnostics::default();
        parse(
            "titr = \"x\"\n[libelles.statut]\neffectiv = \"R\"\n",
            &mut diagnostics,
        );
        let messages: Vec<_> = diagnostics
            .sorted()
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(
            messages,
            [
                "`titr` : clé inconnue — vouliez-vous dire `titre` ?",
                "`effectiv` : clé inconnue — vouliez-vous dire `effectif` ?"
            ]
        );
    }
}
