//! `synergies init`: a ready root for a commune that starts its register: `synergies.toml`
//! with the commune's and CPAS's names (asked one by one on a terminal when not given), an
//! empty `content/`, and the accessibility statement's section with every contact « à
//! compléter », so that no default of Mons is ever published for it. Never overwrites anything.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::Path;

use toml_edit::Value;

use crate::diagnostic::escape_controls;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::{CONFIG_FILE, CONTENT_DIR};
use crate::toml_write::{TomlDoc, text_value};

/// Written where a setting is still to be given: the statement shows it as is.
pub const A_COMPLETER: &str = "à compléter";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// « Commune de Quaregnon ».
    pub commune: String,
    /// « CPAS de Quaregnon ».
    pub cpas: String,
    pub annee: Option<i64>,
}

/// The `synergies.toml` of a new root.
pub fn config_text(answers: &Answers) -> String {
    let commune = answers.commune.trim();
    let cpas = answers.cpas.trim();
    let mut doc = TomlDoc::new();
    doc.comment(
        "Réglages du site du registre des synergies. Voir README.md, « Réglages du site ».",
    )
    .text("titre", "Registre des synergies")
    .text("commune", commune)
    .text("cpas", cpas);
    match answers.annee {
        Some(year) => doc.integer("annee", year),
        None => doc.commented_out("annee", &Value::from(2026)),
    };
    // The names as one comment line each, whatever they hold.
    doc.comment(&format!(
        "Dans une phrase, le site écrit « {} » et « {} » ; sinon, par exemple :",
        escape_controls(&crate::config::with_article(commune)),
        escape_controls(&crate::config::with_article(cpas)),
    ))
    .commented_out(
        "commune_avec_article",
        &text_value("l'administration communale de …"),
    )
    .comment("La date « situation au » du rapport, quand elle est connue :")
    .comment("situation_au = 2026-11-15")
    .blank_line();
    if is_a_commune(commune) {
        doc.comment(
            "Le site nomme l'administration communale « Commune » et son directeur général \
             « DG Commune »\n(« Ville » et « DG Ville » restent acceptés dans les fiches).",
        )
        .table("libelles.pilote")
        .text("ville", "Commune")
        .blank_line()
        .table("libelles.responsable")
        .text("dg-ville", "DG Commune")
        .blank_line();
    }
    doc
    .comment(
        "Le rapport annuel se termine par les noms des deux directeurs généraux, qui le signent.",
    )
    .table("rapport")
    .commented_out("dg_ville", &text_value("Prénom Nom, directeur général"))
    .commented_out("dg_cpas", &text_value("Prénom Nom, directrice générale"))
    .blank_line()
    .comment(&format!(
        "Déclaration d'accessibilité (page liée en bas de chaque page du site), obligatoire pour \
         les\norganismes publics wallons (décret du 2 mai 2019). Remplacez chaque « {A_COMPLETER} » \
         ; tant\nqu'un réglage manque, `synergies check` le signale."
    ))
    .table("accessibilite")
    .text("statut", "partiellement conforme")
    .comment_after("ou « totalement conforme », « non conforme »")
    .comment("date = 2026-11-29")
    .text("contact_courriel", A_COMPLETER)
    .text("contact_telephone", A_COMPLETER)
    .text("contact_adresse", A_COMPLETER);
    doc.finish()
}

/// Whether the commune's administration calls itself a « Commune » (« Commune de Quaregnon »)
/// rather than a « Ville » (the vocabulary's label, Mons's).
fn is_a_commune(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|first| crate::vocab::normalize(first) == "commune")
}

/// Asks for what was not given. An empty answer to a required question asks again; the CPAS
/// is proposed from the commune's name.
pub fn ask(
    input: &mut impl BufRead,
    output: &mut impl Write,
    mut answers: Answers,
    ask_year: bool,
) -> io::Result<Answers> {
    let mut line = |output: &mut dyn Write, question: &str| -> io::Result<Option<String>> {
        write!(output, "{question}")?;
        output.flush()?;
        let mut buffer = String::new();
        if input.read_line(&mut buffer)? == 0 {
            return Ok(None);
        }
        Ok(Some(buffer.trim().to_owned()))
    };
    let eof = || io::Error::new(io::ErrorKind::UnexpectedEof, "réponse attendue");
    while answers.commune.trim().is_empty() {
        answers.commune = line(
            output,
            "Nom de la commune (par exemple « Commune de Quaregnon ») : ",
        )?
        .ok_or_else(eof)?;
    }
    let proposed = proposed_cpas(&answers.commune);
    while answers.cpas.trim().is_empty() {
        let reply =
            line(output, &format!("Nom du CPAS (Entrée : « {proposed} ») : "))?.ok_or_else(eof)?;
        answers.cpas = if reply.is_empty() {
            proposed.clone()
        } else {
            reply
        };
    }
    if ask_year && answers.annee.is_none() {
        loop {
            let reply =
                line(output, "Année du rapport (Entrée : plus tard) : ")?.unwrap_or_default();
            if reply.is_empty() {
                break;
            }
            match reply.parse::<i64>() {
                Ok(year) if (1900..=2999).contains(&year) => {
                    answers.annee = Some(year);
                    break;
                }
                _ => writeln!(output, "Une année en quatre chiffres, par exemple 2026.")?,
            }
        }
    }
    Ok(answers)
}

/// « Commune de Quaregnon » → « CPAS de Quaregnon »; « Ville d'Ath » → « CPAS d'Ath ».
pub fn proposed_cpas(commune: &str) -> String {
    let commune = commune.trim();
    for prefix in [
        "Commune de ",
        "Ville de ",
        "Commune d'",
        "Ville d'",
        "Commune d’",
        "Ville d’",
    ] {
        if let Some(place) = commune.strip_prefix(prefix) {
            return format!(
                "CPAS {}{place}",
                &prefix[prefix.find(' ').map_or(0, |i| i + 1)..]
            );
        }
    }
    format!("CPAS de {commune}")
}

/// Creates the root in `dir` (made if missing). Returns the message to print.
pub fn create(dir: &Path, answers: &Answers) -> Result<String, Diagnostic> {
    let shown = dir.display().to_string();
    for name in [CONFIG_FILE, CONTENT_DIR] {
        if dir.join(name).symlink_metadata().is_ok() {
            return Err(Diagnostic::error(
                Code::RacineExistante,
                format!("{shown} contient déjà {name} : rien n'a été écrit"),
            )
            .at(Location::file(dir.join(name).display().to_string()))
            .help("choisissez un dossier vide : synergies init AUTRE-DOSSIER"));
        }
    }
    if answers.commune.trim().is_empty() || answers.cpas.trim().is_empty() {
        return Err(Diagnostic::error(
            Code::NouvelleFiche,
            "il faut le nom de la commune et celui du CPAS",
        )
        .help("synergies init --commune \"Commune de Quaregnon\" --cpas \"CPAS de Quaregnon\""));
    }
    // What is written must pass `check`: a name holding a control character does not.
    let text = config_text(answers);
    let mut diagnostics = crate::Diagnostics::default();
    crate::config::parse(&text, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(Diagnostic::error(
            Code::NouvelleFiche,
            format!("{CONFIG_FILE} invalide, rien n'a été écrit :\n{diagnostics}"),
        ));
    }
    let fail = |path: &Path, e: io::Error| {
        Diagnostic::error(
            Code::Ecriture,
            format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
        )
        .at(Location::file(path.display().to_string()))
    };
    fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    let config = dir.join(CONFIG_FILE);
    // `create_new`: a file that appeared meanwhile is not overwritten.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&config)
        .map_err(|e| fail(&config, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| fail(&config, e))?;
    let content = dir.join(CONTENT_DIR);
    if let Err(e) = fs::create_dir(&content) {
        let _ = fs::remove_file(&config);
        return Err(fail(&content, e));
    }
    let root = if shown == "." {
        String::new()
    } else {
        format!(" --root {}", quote_arg(&shown))
    };
    let place = if shown == "." {
        "le dossier courant".to_owned()
    } else {
        shown.clone()
    };
    Ok(format!(
        "Registre créé dans {place} pour {} et {} : synergies.toml, content/ (vide).\n\
         Complétez la déclaration d'accessibilité dans synergies.toml (les « {A_COMPLETER} »).\n\
         Étape suivante : importez votre tableau, par exemple\n  \
         synergies import registre.docx{root}\n\
         ou créez une première fiche :\n  \
         synergies new{root}",
        answers.commune.trim(),
        answers.cpas.trim(),
    ))
}

/// An argument as it can be typed again in a shell.
fn quote_arg(arg: &str) -> String {
    if arg.contains([' ', '"', '\'']) {
        format!("\"{}\"", arg.replace('"', "\\\""))
    } else {
        arg.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_names_the_commune_and_leaves_contacts_to_complete() {
        let answers = Answers {
            commune: "Commune de Quaregnon".to_owned(),
            cpas: "CPAS de Quaregnon".to_owned(),
            annee: Some(2026),
        };
        let text = config_text(&answers);
        let mut diagnostics = crate::Diagnostics::default();
        let config = crate::config::parse(&text, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(config.commune, "Commune de Quaregnon");
        assert_eq!(config.cpas, "CPAS de Quaregnon");
        assert_eq!(config.annee, Some(2026));
        let a = config.accessibilite;
        assert_eq!(a.contact_adresse.as_deref(), Some(A_COMPLETER));
        assert_eq!(a.contact_courriel.as_deref(), Some(A_COMPLETER));
        assert_eq!(a.date, None);
        assert!(!text.contains("Mons"));
    }

    #[test]
    fn a_commune_s_values_are_labelled_commune() {
        let answers = |commune: &str| Answers {
            commune: commune.to_owned(),
            cpas: "CPAS".to_owned(),
            annee: None,
        };
        let text = config_text(&answers("Commune de Quaregnon"));
        assert!(
            text.contains(
                "[libelles.pilote]\nville = \"Commune\"\n\n[libelles.responsable]\n\
                 dg-ville = \"DG Commune\"\n\n"
            ),
            "{text}"
        );
        let mut diagnostics = crate::Diagnostics::default();
        let config = crate::config::parse(&text, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics}");
        let labels = config.vocab.labels(crate::vocab::Field::Responsable);
        assert_eq!(labels["dg-ville"], "DG Commune");
        assert_eq!(
            config.vocab.labels(crate::vocab::Field::Pilote)["ville"],
            "Commune"
        );
        assert!(config_text(&answers("commune d'Ath")).contains("[libelles.pilote]"));
        for name in ["Ville d'Ath", "Frameries", "Communes réunies"] {
            assert!(!config_text(&answers(name)).contains("libelles"), "{name}");
        }
    }

    #[test]
    fn questions_propose_the_cpas() {
        let mut input = io::Cursor::new("\nVille d'Ath\n\n20\n2027\n");
        let mut output = Vec::new();
        let answers = ask(&mut input, &mut output, Answers::default(), true).unwrap();
        assert_eq!(answers.commune, "Ville d'Ath");
        assert_eq!(answers.cpas, "CPAS d'Ath");
        assert_eq!(answers.annee, Some(2027));
        let shown = String::from_utf8(output).unwrap();
        assert!(
            shown.contains("Nom du CPAS (Entrée : « CPAS d'Ath ») : "),
            "{shown}"
        );
        assert!(shown.contains("Une année en quatre chiffres"), "{shown}");
        assert_eq!(proposed_cpas("Commune de Quaregnon"), "CPAS de Quaregnon");
        assert_eq!(proposed_cpas("Frameries"), "CPAS de Frameries");
    }
}
