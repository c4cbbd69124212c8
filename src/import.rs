//! `synergies import`: turns a register kept in a spreadsheet (CSV from Excel in French, or the
//! site's own `synergies.csv` export) into fiches. Encoding and separator are detected; the
//! seed's column headings are recognised whatever their case and accents; free text is mapped
//! onto the vocabularies where it can be, and every word that cannot be mapped is kept in the
//! `_note` fields. Existing fiches are never overwritten; what is written passes `check`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::load::{Kind, SourceFile};
use crate::model::slugify;
use crate::render::csv_cell::restore_formula;
use crate::toml_fields::{quote, quote_list};
use crate::vocab::{Field, Vocabularies, normalize};

/// A column of the spreadsheet, once recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Domaine,
    DomaineTitre,
    DomaineOrdre,
    DomaineDescription,
    Fiche,
    Titre,
    Terms(Field),
    Note(Field),
    Avancement,
    MisAJour,
    Economies,
    VoirAussi,
    Ordre,
    Realisation,
    /// Known but not imported (`page`).
    Ignored,
}

/// Recognises a heading: the export's names exactly, the seed's by their first words.
fn column(heading: &str) -> Option<Column> {
    let h = normalize(heading);
    let exact = match heading.trim().trim_start_matches('\u{feff}') {
        "domaine" => Some(Column::Domaine),
        "domaine_titre" => Some(Column::DomaineTitre),
        "domaine_ordre" => Some(Column::DomaineOrdre),
        "domaine_description" => Some(Column::DomaineDescription),
        "fiche" => Some(Column::Fiche),
        "titre" => Some(Column::Titre),
        "objectifs_note" => Some(Column::Note(Field::Objectifs)),
        "modes_note" => Some(Column::Note(Field::Modes)),
        "pilote_note" => Some(Column::Note(Field::Pilote)),
        "responsable_note" => Some(Column::Note(Field::Responsable)),
        "avancement" => Some(Column::Avancement),
        "mis_a_jour" => Some(Column::MisAJour),
        "economies" => Some(Column::Economies),
        "voir_aussi" => Some(Column::VoirAussi),
        "ordre" => Some(Column::Ordre),
        "page" => Some(Column::Ignored),
        _ => None,
    };
    exact.or_else(|| {
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| h.starts_with(p));
        if starts(&["synergie", "groupe"]) {
            Some(Column::Titre)
        } else if starts(&["objectif"]) {
            Some(Column::Terms(Field::Objectifs))
        } else if starts(&["mode"]) {
            Some(Column::Terms(Field::Modes))
        } else if starts(&["administrationpilote", "pilote"]) {
            Some(Column::Terms(Field::Pilote))
        } else if starts(&["responsable"]) {
            Some(Column::Terms(Field::Responsable))
        } else if starts(&["statut"]) {
            Some(Column::Terms(Field::Statut))
        } else if starts(&["realisation", "resultat"]) {
            Some(Column::Realisation)
        } else if starts(&["economie"]) {
            Some(Column::Economies)
        } else {
            None
        }
    })
}

/// Bytes to text: UTF-8 (with or without BOM), else Windows-1252, as Excel saves in fr-BE.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => (
            bytes
                .iter()
                .map(|&b| crate::load::windows_1252(b))
                .collect(),
            "Windows-1252",
        ),
    }
}

/// The separator that splits the heading line into the most fields, outside quotes.
fn separator(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (sep, count) in counts.iter_mut() {
                    if c == *sep {
                        *count += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|(sep, count)| (*count, *sep == b';'))
        .map_or(b';', |(sep, _)| *sep)
}

/// Terms of `field` named in free text, and whether the text says more than those terms.
fn map_terms(vocab: &Vocabularies, field: Field, text: &str) -> (Vec<usize>, bool) {
    let text = text.trim();
    if text.is_empty() {
        return (Vec::new(), false);
    }
    if let Ok(index) = vocab.lookup(field, text) {
        return (vec![index], false);
    }
    // Several exact terms joined by commas, `+`, `/` or "et".
    let parts: Vec<&str> = text
        .split([',', '+', '/', ';'])
        .flat_map(|p| p.split(" et "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let exact: Option<Vec<usize>> = parts.iter().map(|p| vocab.lookup(field, p).ok()).collect();
    if let Some(mut found) = exact.filter(|f| !f.is_empty()) {
        found.sort_unstable();
        found.dedup();
        if field.is_list() || found.len() == 1 {
            return (found, false);
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
    if !field.is_list() && found.len() != 1 {
        // "Ville, CPAS et Enseignement": both administrations are named.
        let names_both = |a: &str, b: &str| normalized.contains(a) && normalized.contains(b);
        let both = vocabulary.terms.iter().position(|t| t.key == "les-deux");
        found = match both {
            Some(i) if names_both("ville", "cpas") => vec![i],
            _ => Vec::new(),
        };
    }
    (found, true)
}

/// One fiche to write, with what the report says about it.
#[derive(Debug, Clone)]
struct Planned {
    row: usize,
    domain: String,
    domain_title: String,
    domain_order: Option<i64>,
    domain_description: String,
    slug: String,
    text: String,
    mapped: Vec<String>,
    kept: Vec<String>,
    look: Vec<String>,
}

/// What an import did (or would do, with `--dry-run`).
#[derive(Debug, Default)]
pub struct Report {
    pub text: String,
    /// Files written (fiches and new domains' `_index.md`); empty with `--dry-run`.
    pub written: Vec<PathBuf>,
    /// Rows read (blank rows not counted).
    pub rows: usize,
    /// Fiches created, or that would be with `--dry-run`.
    pub created: usize,
}

/// Single-line text: a spreadsheet cell's line breaks become spaces in a `_note`.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plan_row(
    row: usize,
    cells: &BTreeMap<Column, String>,
    vocab: &Vocabularies,
) -> Result<Planned, String> {
    let cell = |c: Column| {
        cells
            .get(&c)
            .map(|s| restore_formula(s.trim()))
            .unwrap_or_default()
    };
    let mut mapped = Vec::new();
    let mut kept = Vec::new();
    let mut look = Vec::new();

    // Domain and title: the export's columns, else "Domaine / Titre".
    let raw_title = one_line(cell(Column::Titre));
    if raw_title.is_empty() {
        return Err("pas de titre".to_owned());
    }
    let (domain_title, titre) = if !cell(Column::Domaine).is_empty() {
        let title = if cell(Column::DomaineTitre).is_empty() {
            cell(Column::Domaine).to_owned()
        } else {
            cell(Column::DomaineTitre).to_owned()
        };
        (title, raw_title.clone())
    } else if let Some((domain, title)) = raw_title.split_once('/') {
        (domain.trim().to_owned(), title.trim().to_owned())
    } else {
        look.push("pas de domaine (« Domaine / Titre ») : rangée dans « À classer »".to_owned());
        ("À classer".to_owned(), raw_title.clone())
    };
    let domain = if cell(Column::Domaine).is_empty() {
        slugify(&domain_title)
    } else {
        slugify(cell(Column::Domaine))
    };
    let slug = if cell(Column::Fiche).is_empty() {
        slugify(&titre)
    } else {
        slugify(cell(Column::Fiche))
    };

    let mut front = format!("titre = {}\n", quote(&titre));
    let mut statut_from_text = None;
    for field in Field::ALL {
        let raw = cell(Column::Terms(field));
        let explicit_note = one_line(cell(Column::Note(field)));
        let (terms, says_more) = map_terms(vocab, field, raw);
        let labels: Vec<String> = terms
            .iter()
            .map(|&i| vocab.get(field).terms[i].label.clone())
            .collect();
        if !labels.is_empty() {
            mapped.push(format!("{} ({})", field.key(), labels.join(", ")));
            if field.is_list() {
                let _ = writeln!(front, "{} = {}", field.key(), quote_list(&labels));
            } else {
                let _ = writeln!(front, "{} = {}", field.key(), quote(&labels[0]));
            }
        } else if !raw.is_empty() && field != Field::Statut {
            look.push(format!(
                "{} : aucune valeur reconnue dans « {} »",
                field.key(),
                one_line(raw)
            ));
        } else if !raw.is_empty() {
            statut_from_text = Some(one_line(raw));
            look.push(format!(
                "statut : « {} » non reconnu, gardé dans le texte",
                one_line(raw)
            ));
        }
        let note = if !explicit_note.is_empty() {
            explicit_note
        } else if says_more && field != Field::Statut {
            one_line(raw)
        } else {
            String::new()
        };
        if !note.is_empty() {
            kept.push(format!("{}_note", field.key()));
            let _ = writeln!(front, "{}_note = {}", field.key(), quote(&note));
        }
    }

    let mut body = cell(Column::Realisation).replace("\r\n", "\n");
    let has_statut = !cell(Column::Terms(Field::Statut)).is_empty();
    let mut avancement = cell(Column::Avancement).to_owned();
    if !has_statut && normalize(&body) == "100" {
        // The seed writes "100%" in the Réalisation column for what is done.
        let _ = writeln!(front, "statut = {}", quote("Effectif"));
        mapped.push("statut (Effectif, d'après « 100% »)".to_owned());
        if avancement.is_empty() {
            avancement = "100".to_owned();
        }
    }
    if !avancement.is_empty() {
        match avancement.trim_end_matches('%').trim().parse::<u8>() {
            Ok(n) if n <= 100 => {
                let _ = writeln!(front, "avancement = {n}");
            }
            _ => look.push(format!(
                "avancement « {avancement} » ignoré (nombre de 0 à 100 attendu)"
            )),
        }
    }
    let date = cell(Column::MisAJour);
    if !date.is_empty() {
        let valid =
            date.len() == 10 && toml::from_str::<toml::Table>(&format!("d = {date}")).is_ok();
        if valid {
            let _ = writeln!(front, "mis_a_jour = {date}");
        } else {
            look.push(format!("date « {date} » ignorée (AAAA-MM-JJ attendu)"));
        }
    }
    let economies = one_line(cell(Column::Economies));
    if !economies.is_empty() {
        let _ = writeln!(front, "economies = {}", quote(&economies));
    }
    let see_also: Vec<String> = cell(Column::VoirAussi)
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if !see_also.is_empty() {
        let _ = writeln!(front, "voir_aussi = {}", quote_list(&see_also));
    }
    let ordre = cell(Column::Ordre);
    if let Ok(n) = ordre.parse::<i64>() {
        let _ = writeln!(front, "ordre = {n}");
    }
    if let Some(statut) = statut_from_text {
        body = if body.is_empty() {
            format!("Statut : {statut}")
        } else {
            format!("Statut : {statut}\n\n{body}")
        };
    }
    let mut text = format!("+++\n{front}+++\n");
    if !body.trim().is_empty() {
        text.push_str(body.trim_matches('\n'));
        text.push('\n');
    }
    Ok(Planned {
        row,
        domain,
        domain_title,
        domain_order: cell(Column::DomaineOrdre).parse().ok(),
        domain_description: cell(Column::DomaineDescription).replace("\r\n", "\n"),
        slug,
        text,
        mapped,
        kept,
        look,
    })
}

/// Imports `csv_path` into `root/content`. With `dry_run`, nothing is written.
pub fn import(
    root: &Path,
    csv_path: &Path,
    vocab: &Vocabularies,
    dry_run: bool,
) -> Result<Report, Diagnostics> {
    let shown = csv_path.display().to_string();
    let bytes = fs::read(csv_path).map_err(|e| {
        Diagnostics::from_iter([Diagnostic::error(
            Code::LectureImpossible,
            format!("lecture impossible : {e}"),
        )
        .at(Location::file(&shown))])
    })?;
    let (text, encoding) = decode(&bytes);
    let sep = separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headings = reader.headers().cloned().map_err(|e| {
        Diagnostics::from_iter([Diagnostic::error(
            Code::CsvIllisible,
            format!("tableau illisible : {e}"),
        )
        .at(Location::file(&shown))])
    })?;
    let columns: Vec<Option<Column>> = headings.iter().map(column).collect();
    if !columns.contains(&Some(Column::Titre)) {
        return Err(Diagnostics::from_iter([Diagnostic::error(
            Code::ColonneTitreAbsente,
            "aucune colonne ne donne le nom des synergies",
        )
        .at(Location::file(&shown))
        .note(format!(
            "colonnes trouvées : {}",
            headings.iter().collect::<Vec<_>>().join(" | ")
        ))
        .help(
            "nommez la première colonne « Synergie ou groupe de synergies » (ou « titre »)",
        )]));
    }

    let mut report = Report::default();
    let sep_name = match sep {
        b';' => "point-virgule",
        b',' => "virgule",
        _ => "tabulation",
    };
    let _ = writeln!(
        report.text,
        "Import de {shown} : encodage {encoding}, séparateur {sep_name}."
    );
    let ignored: Vec<&str> = headings
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
        .map(|(h, _)| h)
        .collect();
    if !ignored.is_empty() {
        let _ = writeln!(
            report.text,
            "Colonnes non reprises : {}.",
            ignored.join(" | ")
        );
    }

    let mut planned: Vec<Planned> = Vec::new();
    let mut problems = Diagnostics::default();
    for (index, record) in reader.records().enumerate() {
        // Line numbers as Excel shows them: the heading is row 1.
        let row = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                problems.push(
                    Diagnostic::error(Code::CsvIllisible, format!("ligne {row} illisible : {e}"))
                        .at(Location::file(&shown)),
                );
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        let mut cells: BTreeMap<Column, String> = BTreeMap::new();
        for (value, column) in record.iter().zip(&columns) {
            if let Some(column) = column {
                let entry = cells.entry(*column).or_default();
                if !entry.is_empty() && !value.trim().is_empty() {
                    entry.push('\n');
                }
                entry.push_str(value);
            }
        }
        match plan_row(row, &cells, vocab) {
            Ok(p) => planned.push(p),
            Err(why) => {
                let _ = writeln!(report.text, "ligne {row} : ignorée ({why}).");
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }

    // Names: never two rows for one file, never over an existing fiche.
    let content = root.join(crate::load::CONTENT_DIR);
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut domains_written: BTreeSet<String> = BTreeSet::new();
    for p in &mut planned {
        let base = p.slug.clone();
        let mut n = 2;
        while taken.contains(&format!("{}/{}", p.domain, p.slug)) {
            p.slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(format!("{}/{}", p.domain, p.slug));
    }
    for p in &planned {
        let relative = format!("content/{}/{}.md", p.domain, p.slug);
        let path = content.join(&p.domain).join(format!("{}.md", p.slug));
        // What is written must pass `check`: validate it as the build would.
        let file = SourceFile {
            kind: Kind::Fiche,
            display_path: relative.clone(),
            folder: p.domain.clone(),
            stem: p.slug.clone(),
            text: p.text.clone(),
        };
        let mut diagnostics = Diagnostics::default();
        let valid = crate::fiche::fiche(&file, vocab, &mut diagnostics).is_some();
        let mut line = format!("ligne {} → {relative}", p.row);
        if path.exists() {
            let _ = writeln!(report.text, "{line} : existe déjà, non remplacée.");
            continue;
        }
        if !valid {
            let _ = writeln!(
                report.text,
                "{line} : non écrite, elle ne passerait pas la vérification :\n{diagnostics}"
            );
            continue;
        }
        if !p.mapped.is_empty() {
            let _ = write!(line, "\n    repris : {}", p.mapped.join(" ; "));
        }
        if !p.kept.is_empty() {
            let _ = write!(line, "\n    gardé en texte : {}", p.kept.join(", "));
        }
        if !p.look.is_empty() {
            let _ = write!(line, "\n    à vérifier : {}", p.look.join(" ; "));
        }
        let _ = writeln!(report.text, "{line}");
        report.created += 1;
        if dry_run {
            continue;
        }
        let index = content.join(&p.domain).join("_index.md");
        let write = |path: &Path, text: &str| -> Result<(), Diagnostics> {
            let fail = |e: std::io::Error| {
                Diagnostics::from_iter([Diagnostic::error(
                    Code::Ecriture,
                    format!("écriture impossible : {e}"),
                )
                .at(Location::file(path.display().to_string()))])
            };
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(fail)?;
            }
            // Write beside, then rename: a fiche is never half-written.
            let temporary = path.with_extension("md.import-tmp");
            fs::write(&temporary, text).map_err(fail)?;
            fs::rename(&temporary, path).map_err(fail)
        };
        if !index.exists() && domains_written.insert(p.domain.clone()) {
            let mut text = format!("+++\ntitre = {}\n", quote(&p.domain_title));
            if let Some(ordre) = p.domain_order {
                let _ = writeln!(text, "ordre = {ordre}");
            }
            text.push_str("+++\n");
            if !p.domain_description.trim().is_empty() {
                text.push_str(p.domain_description.trim_matches('\n'));
                text.push('\n');
            }
            write(&index, &text)?;
            report.written.push(index.clone());
        }
        write(&path, &p.text)?;
        report.written.push(path);
    }
    let rows = crate::diagnostic::plural(report.rows, "ligne lue", "lignes lues");
    let _ = write!(
        report.text,
        "{} : {rows}, {}.",
        if dry_run {
            "Simulation terminée, rien n'a été écrit"
        } else {
            "Import terminé"
        },
        match (dry_run, report.created) {
            (true, n) => format!(
                "{} à créer",
                crate::diagnostic::plural(n, "fiche", "fiches")
            ),
            (false, n) => format!(
                "{} créée{}",
                crate::diagnostic::plural(n, "fiche", "fiches"),
                if n > 1 { "s" } else { "" }
            ),
        }
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_headings_are_recognised() {
        let h = |s| column(s);
        assert_eq!(h("Synergie ou groupe de synergies"), Some(Column::Titre));
        assert_eq!(
            h("Objectif (satisfaction du citoyen/performance administrative/moyens)"),
            Some(Column::Terms(Field::Objectifs))
        );
        assert_eq!(
            h("MODE OPÉRATOIRE (coopératif/délégatif)"),
            Some(Column::Terms(Field::Modes))
        );
        assert_eq!(
            h("Administration pilote (ville – CPAS – les deux)"),
            Some(Column::Terms(Field::Pilote))
        );
        assert_eq!(
            h("Responsable administratif"),
            Some(Column::Terms(Field::Responsable))
        );
        assert_eq!(h("Résultat obtenu"), Some(Column::Realisation));
        assert_eq!(h("Réalisation"), Some(Column::Realisation));
        assert_eq!(h("modes_note"), Some(Column::Note(Field::Modes)));
        assert_eq!(h("Commentaire"), None);
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
    fn separator_and_encoding_are_detected() {
        assert_eq!(separator("a;b;\"c,d\"\n1,2"), b';');
        assert_eq!(separator("a,b,c\n"), b',');
        assert_eq!(separator("a\tb\tc\n"), b'\t');
        assert_eq!(decode(b"\xef\xbb\xbfa\xc3\xa9").0, "aé");
        assert_eq!(decode(b"Op\xe9ration \x9c").0, "Opération œ");
    }
}
