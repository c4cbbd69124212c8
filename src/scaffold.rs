//! `synergies new`: writes a new fiche with the whole front matter, every optional field present
//! as a French comment that lists its allowed values, so that an editor only fills blanks. On a
//! terminal, without flags, the questions are asked one by one. Never overwrites a file.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::fields::{Key, Kind as Declared};
use crate::load::{CONTENT_DIR, Kind, SourceFile};
use crate::slugs::slugify;
use crate::toml_write::{TomlDoc, front_matter, list_value, text_value};
use crate::vocab::{Field, Vocabularies};

/// What the editor chose; empty vectors and `None` leave the field as a comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// A domain folder name or title (`grh`, "Égalité des chances").
    pub domaine: String,
    pub titre: String,
    /// Labels chosen per field, in `Field::ALL` order.
    pub terms: Vec<(Field, Vec<String>)>,
}

/// A domain that exists: its folder and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingDomain {
    pub folder: String,
    pub titre: String,
}

/// The domain folders of a root, with their titles from `_index.md` when there is one.
pub fn existing_domains(root: &Path) -> Vec<ExistingDomain> {
    let Ok(entries) = fs::read_dir(root.join(CONTENT_DIR)) else {
        return Vec::new();
    };
    let mut domains: Vec<ExistingDomain> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !crate::load::is_litter(name))
        .map(|folder| {
            // The title as the build reads it; a missing or broken `_index.md` gives the folder.
            let titre = fs::read_to_string(root.join(CONTENT_DIR).join(&folder).join("_index.md"))
                .ok()
                .and_then(|text| {
                    let file = SourceFile {
                        kind: Kind::DomainIndex,
                        display_path: format!("{CONTENT_DIR}/{folder}/_index.md"),
                        folder: folder.clone(),
                        stem: "_index".to_owned(),
                        text,
                    };
                    crate::fiche::domain(&file, &mut crate::Diagnostics::default())?.titre
                })
                .unwrap_or_else(|| folder.clone());
            ExistingDomain { folder, titre }
        })
        .collect();
    domains.sort_by(|a, b| a.folder.cmp(&b.folder));
    domains
}

/// The text of a new fiche: every field of the table in its order, those not asked about as
/// a comment.
pub fn fiche_text(answers: &Answers, vocab: &Vocabularies) -> String {
    let mut doc = TomlDoc::new();
    for key in Key::ALL {
        let spec = key.spec();
        if let Some((comment, example)) = spec.template {
            doc.blank_line()
                .comment(comment)
                .comment(&format!("{} = {example}", spec.key));
            continue;
        }
        let field = match spec.kind {
            Declared::Term(field) | Declared::Terms(field) => field,
            Declared::Note(_) => {
                doc.commented_out(spec.key, &text_value("précisions, en texte libre"));
                continue;
            }
            _ if key == Key::Titre => {
                doc.text(spec.key, &answers.titre);
                continue;
            }
            _ => continue,
        };
        let allowed = vocab.get(field).quoted_labels();
        let how = if field.is_list() {
            "une ou plusieurs valeurs parmi"
        } else {
            "une valeur parmi"
        };
        doc.blank_line()
            .comment(&format!("{} : {how} {allowed}", field.label()));
        let chosen = answers
            .terms
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, labels)| labels.clone())
            .unwrap_or_default();
        let value = |labels: &[String]| {
            if field.is_list() {
                list_value(labels)
            } else {
                text_value(&labels[0])
            }
        };
        if chosen.is_empty() {
            let example = vocab.get(field).terms[0].label.clone();
            doc.commented_out(field.key(), &value(&[example]));
        } else {
            doc.entry(field.key(), value(&chosen));
        }
    }
    doc.blank_line().comment(
        "Sous la ligne +++ ci-dessous : la réalisation / le résultat obtenu, en texte libre.",
    );
    front_matter(&doc.finish(), "")
}

/// The `_index.md` of a new domain: its title.
pub fn domain_text(titre: &str) -> String {
    let mut doc = TomlDoc::new();
    doc.text(Key::Titre.key(), titre);
    front_matter(&doc.finish(), "")
}

/// Creates the fiche (and the domain folder with its `_index.md` if it is new).
/// Returns the fiche's path relative to the root.
pub fn create(root: &Path, answers: &Answers, vocab: &Vocabularies) -> Result<String, Diagnostic> {
    crate::load::require_register(root)?;
    let titre = answers.titre.trim();
    let domaine = answers.domaine.trim();
    if titre.is_empty() || domaine.is_empty() {
        return Err(Diagnostic::error(
            Code::NouvelleFiche,
            "il faut un domaine et un titre pour créer une fiche",
        )
        .help("synergies new --domaine grh --titre \"Plan de formation\""));
    }
    let existing = existing_domains(root);
    let folder = existing
        .iter()
        .find(|d| {
            d.folder == domaine || slugify(&d.folder) == slugify(domaine) || d.titre == domaine
        })
        .map(|d| d.folder.clone())
        .unwrap_or_else(|| slugify(domaine));
    let slug = slugify(titre);
    let relative = format!("{CONTENT_DIR}/{folder}/{slug}.md");
    let path: PathBuf = root
        .join(CONTENT_DIR)
        .join(&folder)
        .join(format!("{slug}.md"));
    if path.exists() {
        return Err(Diagnostic::error(
            Code::FicheExistante,
            "cette fiche existe déjà : elle n'est pas remplacée",
        )
        .at(Location::file(&relative))
        .help("ouvrez-la pour la modifier, ou choisissez un autre titre"));
    }
    let mut answers = answers.clone();
    answers.titre = titre.to_owned();
    let text = fiche_text(&answers, vocab);
    // What is written must pass `check`.
    let diagnostics = crate::fiche::problems_of_new(&relative, &folder, &slug, &text, vocab);
    if diagnostics.has_errors() {
        return Err(Diagnostic::error(
            Code::NouvelleFiche,
            format!("fiche invalide :\n{diagnostics}"),
        ));
    }
    let dir = root.join(CONTENT_DIR).join(&folder);
    let index = (!dir.is_dir()).then(|| domain_text(domaine));
    if let Some(index) = &index {
        let diagnostics = crate::fiche::problems_of_new_domain(&folder, index);
        if diagnostics.has_errors() {
            return Err(Diagnostic::error(
                Code::NouvelleFiche,
                format!("domaine invalide, rien n'a été écrit :\n{diagnostics}"),
            ));
        }
    }
    let fail = |e: io::Error| {
        Diagnostic::error(
            Code::Ecriture,
            format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
        )
        .at(Location::file(&relative))
    };
    // `create_new`: even a file that appeared meanwhile is not overwritten; one this made and
    // could not fill is removed.
    let write_new = |path: &Path, text: &str| -> io::Result<()> {
        let mut handle = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        handle.write_all(text.as_bytes()).inspect_err(|_| {
            let _ = fs::remove_file(path);
        })
    };
    let index_path = dir.join("_index.md");
    if let Some(index) = &index {
        fs::create_dir_all(&dir).map_err(fail)?;
        write_new(&index_path, index).map_err(fail)?;
    }
    if let Err(e) = write_new(&path, &text) {
        // All or nothing: the domain page just made goes, and its folder if left empty.
        if index.is_some() {
            let _ = fs::remove_file(&index_path);
            let _ = fs::remove_dir(&dir);
        }
        return Err(fail(e));
    }
    Ok(relative)
}

/// Asks the questions on a terminal. Empty answers leave a field for later; an answer that is
/// not understood is never dropped: the question is asked again, with the allowed values.
pub fn ask(
    input: &mut impl BufRead,
    output: &mut impl Write,
    domains: &[ExistingDomain],
    vocab: &Vocabularies,
    mut answers: Answers,
) -> io::Result<Answers> {
    let mut line = |output: &mut dyn Write, question: &str| -> io::Result<String> {
        write!(output, "{question}")?;
        output.flush()?;
        let mut buffer = String::new();
        // The end of the input (Ctrl+Z on Windows, Ctrl+D elsewhere, a closed pipe) stops the
        // questions: asking again would loop forever.
        if input.read_line(&mut buffer)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "la saisie s'est terminée avant la fin des questions ; aucune fiche n'a été créée",
            ));
        }
        Ok(buffer.trim().to_owned())
    };
    if answers.domaine.is_empty() {
        writeln!(output, "Domaines existants :")?;
        for (i, d) in domains.iter().enumerate() {
            writeln!(output, "  {}. {} ({})", i + 1, d.titre, d.folder)?;
        }
        loop {
            let reply = line(output, "Domaine (numéro, ou nom d'un nouveau domaine) : ")?;
            answers.domaine = match reply.parse::<usize>() {
                Ok(n) if n >= 1 && n <= domains.len() => domains[n - 1].folder.clone(),
                Ok(_) => {
                    writeln!(
                        output,
                        "Ce numéro n'est pas dans la liste : tapez un numéro de 1 à {}, ou le nom d'un nouveau domaine.",
                        domains.len()
                    )?;
                    continue;
                }
                Err(_) if reply.is_empty() => continue,
                Err(_) => match existing_domain(domains, &reply) {
                    Some(d) => d.folder.clone(),
                    None => {
                        // A new domain is a new folder: never made from a typo without asking.
                        let near = near_domain(domains, &reply);
                        let question = match near {
                            Some(d) => format!(
                                "« {reply} » n'est pas un domaine existant. Vouliez-vous dire « {} » ({}) ? (o : oui ; n : créer le nouveau domaine « {reply} ») : ",
                                d.titre, d.folder
                            ),
                            None => format!(
                                "« {reply} » n'est pas un domaine existant : créer ce nouveau domaine ? (o/n) : "
                            ),
                        };
                        let confirm = line(output, &question)?.to_lowercase();
                        match (confirm.starts_with('o'), near) {
                            (true, Some(d)) => d.folder.clone(),
                            (true, None) => reply,
                            (false, Some(_)) if confirm.starts_with('n') => reply,
                            _ => continue,
                        }
                    }
                },
            };
            if !answers.domaine.is_empty() {
                break;
            }
        }
    }
    while answers.titre.is_empty() {
        answers.titre = line(output, "Titre de la synergie : ")?;
    }
    for field in Field::ALL {
        let terms = &vocab.get(field).terms;
        writeln!(output, "{} :", field.label())?;
        for (i, t) in terms.iter().enumerate() {
            writeln!(output, "  {}. {}", i + 1, t.label)?;
        }
        let prompt = if field.is_list() {
            "Numéros ou valeurs séparés par des virgules (Entrée : plus tard) : "
        } else {
            "Numéro ou valeur (Entrée : plus tard) : "
        };
        let chosen = loop {
            let reply = line(output, prompt)?;
            match read_choice(&reply, field, vocab) {
                Ok(chosen) => break chosen,
                Err(not_understood) => {
                    let numbered = terms
                        .iter()
                        .enumerate()
                        .map(|(i, t)| format!("{}. {}", i + 1, t.label))
                        .collect::<Vec<_>>()
                        .join(", ");
                    writeln!(
                        output,
                        "« {not_understood} » n'est pas une valeur de « {} ». Tapez un numéro de 1 à {} ou la valeur ({numbered}), ou Entrée pour plus tard.",
                        field.label(),
                        terms.len()
                    )?;
                }
            }
        };
        if !chosen.is_empty() {
            writeln!(output, "→ {}", chosen.join(", "))?;
        }
        answers.terms.push((field, chosen));
    }
    Ok(answers)
}

/// The existing domain an answer names by its folder or its title (case and accents aside).
fn existing_domain<'a>(domains: &'a [ExistingDomain], reply: &str) -> Option<&'a ExistingDomain> {
    let wanted = slugify(reply);
    domains
        .iter()
        .find(|d| d.folder == reply || slugify(&d.folder) == wanted || slugify(&d.titre) == wanted)
}

/// The existing domain closest to an answer, when it is close enough to be a typo.
fn near_domain<'a>(domains: &'a [ExistingDomain], reply: &str) -> Option<&'a ExistingDomain> {
    let wanted = slugify(reply);
    domains
        .iter()
        .map(|d| {
            let score = strsim::jaro_winkler(&wanted, &slugify(&d.folder))
                .max(strsim::jaro_winkler(&wanted, &slugify(&d.titre)));
            (score, d)
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, d)| d)
}

/// The labels an answer names: numbers, values, aliases or close spellings, separated by
/// commas (one only for a single-valued field). `Err` gives the part not understood.
fn read_choice(reply: &str, field: Field, vocab: &Vocabularies) -> Result<Vec<String>, String> {
    let terms = &vocab.get(field).terms;
    let parts: Vec<&str> = if field.is_list() {
        reply
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        Some(reply.trim())
            .filter(|r| !r.is_empty())
            .into_iter()
            .collect()
    };
    let mut chosen: Vec<String> = Vec::new();
    for part in parts {
        let label = match part.parse::<usize>() {
            Ok(n) if n >= 1 && n <= terms.len() => Some(terms[n - 1].label.clone()),
            Ok(_) => None,
            Err(_) => vocab
                .lookup(field, part)
                .ok()
                .map(|i| terms[i].label.clone())
                .or_else(|| vocab.synonym(field, part))
                .or_else(|| vocab.suggestion(field, part)),
        };
        match label {
            Some(label) if !chosen.contains(&label) => chosen.push(label),
            Some(_) => {}
            None => return Err(part.to_owned()),
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_fiche_lists_every_field_and_passes_check() {
        let vocab = Vocabularies::default();
        let answers = Answers {
            domaine: "grh".to_owned(),
            titre: "Plan \"annuel\"".to_owned(),
            terms: vec![(Field::Modes, vec!["Délégatif".to_owned()])],
        };
        let text = fiche_text(&answers, &vocab);
        assert!(text.contains("titre = \"Plan \\\"annuel\\\"\"\n"));
        assert!(text.contains("# Mode opératoire : une ou plusieurs valeurs parmi « Coopératif », « Délégatif »\nmodes = [\"Délégatif\"]\n"));
        assert!(text.contains("# pilote = \"Ville\"\n"));
        assert!(text.contains("# Statut : une valeur parmi « Effectif », « En cours », « À développer », « Sans objet »\n# statut = \"Effectif\"\n"));
        let file = SourceFile::plan(text);
        let mut diagnostics = crate::Diagnostics::default();
        let draft = crate::fiche::fiche(&file, &vocab, &mut diagnostics).unwrap();
        assert!(!diagnostics.has_errors());
        assert_eq!(draft.values.terms(crate::fields::Key::Modes), [1]);
    }

    #[test]
    fn questions_are_asked_in_order() {
        let vocab = Vocabularies::default();
        let domains = vec![ExistingDomain {
            folder: "grh".to_owned(),
            titre: "Ressources humaines".to_owned(),
        }];
        let mut input = io::Cursor::new(
            "1\nPlan de formation\n3\ncooperatif, délégation\n4\nville\n2\n9\nen cour\n",
        );
        let mut output = Vec::new();
        let answers = ask(
            &mut input,
            &mut output,
            &domains,
            &vocab,
            Answers::default(),
        )
        .unwrap();
        assert_eq!(answers.domaine, "grh");
        assert_eq!(answers.titre, "Plan de formation");
        assert_eq!(
            answers.terms,
            vec![
                (Field::Objectifs, vec!["Moyens".to_owned()]),
                (
                    Field::Modes,
                    vec!["Coopératif".to_owned(), "Délégatif".to_owned()]
                ),
                (Field::Pilote, vec!["Ville".to_owned()]),
                (Field::Responsable, vec!["DG CPAS".to_owned()]),
                (Field::Statut, vec!["En cours".to_owned()]),
            ]
        );
        let shown = String::from_utf8(output).unwrap();
        assert!(shown.starts_with("Domaines existants :\n  1. Ressources humaines (grh)\n"));
        // A wrong answer is asked again, with the values numbered.
        assert!(shown.contains("« 4 » n'est pas une valeur de « Administration pilote ». Tapez un numéro de 1 à 3 ou la valeur (1. Ville, 2. CPAS, 3. Les deux), ou Entrée pour plus tard.\n"), "{shown}");
        assert!(
            shown.contains("« 9 » n'est pas une valeur de « Statut »"),
            "{shown}"
        );
        assert!(shown.contains("→ Coopératif, Délégatif\n"), "{shown}");
    }

    #[test]
    fn a_new_domain_is_made_only_when_confirmed() {
        let vocab = Vocabularies::default();
        let domains = vec![ExistingDomain {
            folder: "grh".to_owned(),
            titre: "Ressources humaines".to_owned(),
        }];
        let ask_domain = |replies: &str| {
            let mut input = io::Cursor::new(format!("{replies}Plan\n\n\n\n\n\n"));
            let mut output = Vec::new();
            let answers = ask(
                &mut input,
                &mut output,
                &domains,
                &vocab,
                Answers::default(),
            );
            (answers.unwrap().domaine, String::from_utf8(output).unwrap())
        };
        assert_eq!(ask_domain("ressources humaines\n").0, "grh");
        let (domaine, shown) = ask_domain("ressource humaine\no\n");
        assert_eq!(domaine, "grh");
        assert!(shown.contains("« ressource humaine » n'est pas un domaine existant. Vouliez-vous dire « Ressources humaines » (grh) ? (o : oui ; n : créer le nouveau domaine « ressource humaine ») : "), "{shown}");
        assert_eq!(ask_domain("ressource humaine\nn\n").0, "ressource humaine");
        assert_eq!(ask_domain("Égalité\n\nÉgalité\no\n").0, "Égalité");
    }

    #[test]
    fn questions_stop_when_the_input_ends() {
        let vocab = Vocabularies::default();
        let mut input = io::Cursor::new("grh\n");
        let mut output = Vec::new();
        let error = ask(&mut input, &mut output, &[], &vocab, Answers::default()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn the_end_of_the_input_stops_the_questions() {
        let vocab = Vocabularies::default();
        for input in ["", "grh\n", "grh\nPlan\n3\n"] {
            let mut output = Vec::new();
            let error = ask(
                &mut io::Cursor::new(input),
                &mut output,
                &[],
                &vocab,
                Answers::default(),
            )
            .unwrap_err();
            assert_eq!(
                error.kind(),
                io::ErrorKind::UnexpectedEof,
                "input {input:?}"
            );
            assert_eq!(
                error.to_string(),
                "la saisie s'est terminée avant la fin des questions ; aucune fiche n'a été créée"
            );
        }
    }
}
