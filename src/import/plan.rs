//! Every fiche of an import planned before anything is written: its text (fields mapped onto
//! the vocabularies, the rest kept in `_note` fields), its folder (an existing one when its
//! name or title matches), its file name (shortened when the title is long, never giving the
//! page of an existing fiche), and its validation by `fiche::fiche`, as `check` would.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use toml_edit::Datetime;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::fields::{Key, Kind as Declared};
use crate::load::CONTENT_DIR;
use crate::scaffold::ExistingDomain;
use crate::slugs::slugify;
use crate::toml_write::{TomlDoc, front_matter};
use crate::vocab::{Field, Vocabularies, normalize};

use super::body;
use super::domains::{How, Placed};
use super::headings::Column;
use super::report::FicheReport;
use super::values::{Numbers, explanation, map_terms, progress};

/// The longest file name made from a title, in bytes, before `.md` (Windows and network
/// shares refuse paths past 260 characters; a whole sentence makes a poor address anyway).
pub const MAX_SLUG: usize = 80;

/// A row that becomes a fiche, with its cells by column.
#[derive(Debug, Clone)]
pub struct RowIn {
    /// Its place among the rows read (for the report's order).
    pub seq: usize,
    pub label: String,
    pub cells: BTreeMap<Column, String>,
    pub placed: Placed,
}

/// A new domain folder and its `_index.md`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDomain {
    pub titre: String,
    pub ordre: Option<i64>,
    pub description: String,
}

impl NewDomain {
    pub fn text(&self) -> String {
        let mut doc = TomlDoc::new();
        doc.text(Key::Titre.key(), &self.titre);
        if let Some(ordre) = self.ordre {
            doc.integer(Key::Ordre.key(), ordre);
        }
        front_matter(&doc.finish(), &written_body(&self.description))
    }
}

/// One fiche to write.
#[derive(Debug, Clone)]
pub struct PlannedFiche {
    pub folder: String,
    pub slug: String,
    pub text: String,
    pub report: FicheReport,
}

/// Everything an import writes.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Folders to create, with their `_index.md`.
    pub domains: BTreeMap<String, NewDomain>,
    /// Fiches to write (rows whose page exists already are left out).
    pub fiches: Vec<PlannedFiche>,
    /// Every row's report, those left out included, in row order.
    pub reports: Vec<FicheReport>,
}

/// A slug cut at a word's end to at most [`MAX_SLUG`] bytes, never a name Windows keeps for
/// its devices (`con`, `aux`, `com1`…): the site must be copyable to a Windows share.
fn short_slug(title: &str) -> String {
    let mut slug = slugify(title);
    if slug.len() > MAX_SLUG {
        let cut = slug[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        slug = slug[..cut].trim_end_matches('-').to_owned();
    }
    if is_device_name(&slug) {
        slug.push_str("-synergie");
    }
    slug
}

/// `con`, `prn`, `aux`, `nul`, `com1`–`com9`, `lpt1`–`lpt9`.
fn is_device_name(slug: &str) -> bool {
    matches!(slug, "con" | "prn" | "aux" | "nul")
        || (slug.len() == 4
            && (slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.as_bytes()[3].is_ascii_digit()
            && slug.as_bytes()[3] != b'0')
}

/// The words of a text, each normalised (« En cours de… » → `["en", "cours", "de"]`).
fn normalize_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect()
}

/// A body as written after the front matter: without blank lines around it, ending with a line
/// break; nothing when it is blank.
fn written_body(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!("{}\n", text.trim_matches('\n'))
    }
}

/// « 15/11/2026 » or « 2026-11-15 » as a TOML date.
fn date(text: &str) -> Option<Datetime> {
    let text = text.trim();
    let iso = match text.split(['/', '.', '-']).collect::<Vec<_>>().as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => text.to_owned(),
    };
    let date = iso.parse::<Datetime>().ok()?;
    (iso.len() == 10 && date.date.is_some() && date.time.is_none()).then_some(date)
}

/// The text of one fiche, and what the report says of its fields.
fn fiche_text(
    title: &str,
    cells: &BTreeMap<Column, String>,
    vocab: &Vocabularies,
    numbers: Numbers,
    source: Source,
    report: &mut FicheReport,
) -> String {
    let cell = |c: Column| cells.get(&c).map(|s| s.trim()).unwrap_or_default();
    let mut front = TomlDoc::new();
    front.text(Key::Titre.key(), title);
    for field in Field::ALL {
        if field == Field::Statut {
            continue;
        }
        let raw = cell(Column::Field(Key::of_vocab(field)));
        let explicit_note =
            body::one_line(Key::note_of(field).map_or("", |k| cell(Column::Field(k))));
        let (terms, says_more) = map_terms(vocab, field, raw);
        let labels: Vec<String> = terms
            .iter()
            .map(|&i| vocab.get(field).terms[i].label.clone())
            .collect();
        if !labels.is_empty() {
            report
                .mapped
                .push(format!("{} ({})", field.key(), labels.join(", ")));
            if field.is_list() {
                front.texts(field.key(), &labels);
            } else {
                front.text(field.key(), &labels[0]);
            }
        } else if !raw.is_empty() {
            report.look.push(format!(
                "{} : aucune valeur reconnue dans « {} »",
                field.key(),
                super::spaced(raw)
            ));
        }
        let note = if !explicit_note.is_empty() {
            explicit_note
        } else if says_more {
            body::one_line(&explanation(vocab, field, raw, &terms))
        } else {
            String::new()
        };
        if !note.is_empty() {
            report.kept.push(format!("{}_note", field.key()));
            front.text(&format!("{}_note", field.key()), &note);
        }
    }

    // Status and progress: the Statut column, the Avancement column, else a Réalisation that
    // begins with a status or a percentage (« 100% », « En cours » then the text).
    let body = cell(Column::Realisation).replace("\r\n", "\n");
    let statut_cell = progress(vocab, cell(Column::Field(Key::Statut)), Numbers::Text);
    let avancement_cell = progress(vocab, cell(Column::Field(Key::Avancement)), numbers);
    let first_line = body.lines().next().unwrap_or_default();
    let mut from_body = progress(vocab, first_line, Numbers::Text);
    if from_body.statut.is_none() {
        // « En cours de renouvellement… »: a Réalisation that opens with a status's words.
        let words = normalize_words(first_line);
        let opening = vocab.get(Field::Statut).terms.iter().position(|t| {
            let label = normalize_words(&t.label);
            !label.is_empty() && words.starts_with(&label)
        });
        if opening.is_some() {
            from_body = super::values::Progress {
                statut: opening,
                ..Default::default()
            };
        }
    }
    let mut statut = statut_cell.statut.or(avancement_cell.statut);
    let mut avancement = statut_cell.avancement.or(avancement_cell.avancement);
    let mut avancement_from_body = false;
    let mut unknown = Vec::new();
    for p in [&statut_cell, &avancement_cell] {
        if !p.rest.is_empty() {
            unknown.push(p.rest.clone());
        }
    }
    if statut.is_none() && cell(Column::Field(Key::Statut)).is_empty() && from_body.rest.is_empty()
    {
        statut = from_body.statut;
        avancement = avancement.or(from_body.avancement);
        if let Some(s) = statut {
            report.mapped.push(format!(
                "{} ({}, d'après « {} »)",
                Key::Statut.key(),
                vocab.get(Field::Statut).terms[s].label,
                super::spaced(first_line)
            ));
        }
    } else {
        if let Some(s) = statut {
            report.mapped.push(format!(
                "{} ({})",
                Key::Statut.key(),
                vocab.get(Field::Statut).terms[s].label
            ));
        }
        // « En cours » in the Statut column and « 80 % » opening the Réalisation: the status
        // from its column, the progress from the Réalisation.
        if avancement.is_none() && from_body.rest.is_empty() {
            avancement_from_body = from_body.avancement.is_some();
            avancement = from_body.avancement;
        }
    }
    if let Some(s) = statut {
        front.text(Key::Statut.key(), &vocab.get(Field::Statut).terms[s].label);
    }
    if let Some(n) = avancement {
        front.integer(Key::Avancement.key(), i64::from(n));
        report.mapped.push(if avancement_from_body {
            format!(
                "{} ({n} %, d'après « {} »)",
                Key::Avancement.key(),
                super::spaced(first_line)
            )
        } else {
            format!("{} ({n} %)", Key::Avancement.key())
        });
    }
    // The other fields, by their declared kind, in the table's order.
    for key in Key::ALL {
        let raw = cell(Column::Field(key));
        match key.spec().kind {
            Declared::Date if !raw.is_empty() => match date(raw) {
                Some(date) => {
                    front.date(key.key(), date);
                }
                None => report.look.push(format!(
                    "date « {raw} » ignorée (AAAA-MM-JJ ou JJ/MM/AAAA attendu)"
                )),
            },
            Declared::Text if key != Key::Titre => {
                let text = body::one_line(raw);
                if !text.is_empty() {
                    front.text(key.key(), &text);
                }
            }
            Declared::References => {
                let targets: Vec<String> = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if !targets.is_empty() {
                    front.texts(key.key(), &targets);
                }
            }
            Declared::Integer => {
                if let Ok(n) = raw.parse::<i64>() {
                    front.integer(key.key(), n);
                }
            }
            _ => {}
        }
    }
    // No `statut_note` exists: a status that is not understood opens the body.
    let mut body = match source {
        Source::Markdown => body,
        Source::Cells => body::markdown(&body),
    };
    if !unknown.is_empty() {
        let said = super::spaced(&unknown.join(" ; "));
        report.look.push(format!(
            "{} : « {said} » non reconnu, gardé dans le texte",
            Key::Statut.key()
        ));
        body = if body.trim().is_empty() {
            format!("Statut : {said}")
        } else {
            format!("Statut : {said}\n\n{body}")
        };
    }
    front_matter(&front.finish(), &written_body(&body))
}

/// What a Réalisation cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A register's text, whose line breaks are the editor's (`body::markdown`).
    Cells,
    /// The site's own `synergies.csv` (it has a `fiche` column): the fiches' Markdown as written.
    Markdown,
}

/// How the Avancement column's bare numbers are read, for the whole column: the site's own
/// `synergies.csv` (it has a `fiche` column) writes whole percents; elsewhere an Excel cell
/// formatted as a percentage holds a fraction (100 % is 1), so a column whose numbers all lie
/// between 0 and 1 holds fractions.
fn avancement_numbers(rows: &[RowIn]) -> Numbers {
    if rows.iter().any(|r| r.cells.contains_key(&Column::Fiche)) {
        return Numbers::Percents;
    }
    Numbers::of_column(
        rows.iter()
            .filter_map(|r| r.cells.get(&Column::Field(Key::Avancement)))
            .map(String::as_str),
    )
}

/// The folder a domain goes to: an existing one whose name or title is the domain's,
/// ignoring case, accents and punctuation; else a new one named after it.
fn folder_for(placed: &Placed, existing: &[ExistingDomain]) -> (String, bool) {
    if let Some(folder) = &placed.folder {
        return (folder.clone(), false);
    }
    let wanted = normalize(&placed.domain);
    let slug = slugify(&placed.domain);
    match existing.iter().find(|d| {
        normalize(&d.folder) == wanted
            || normalize(&d.titre) == wanted
            || slugify(&d.folder) == slug
    }) {
        Some(d) => (d.folder.clone(), false),
        None if is_device_name(&slug) => (format!("{slug}-domaine"), true),
        None => (slug, true),
    }
}

/// The fiches of an existing folder by page (slug of the file name), with their file names.
fn existing_pages(root: &Path, folder: &str) -> BTreeMap<String, String> {
    let Ok(entries) = fs::read_dir(root.join(CONTENT_DIR).join(folder)) else {
        return BTreeMap::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".md")?;
            (stem != "_index").then(|| (slugify(stem), name.clone()))
        })
        .collect()
}

/// Plans every row; any fiche that would not pass `check`, or a folder that cannot be made,
/// is an error and nothing is planned.
pub fn plan(
    root: &Path,
    rows: Vec<RowIn>,
    existing: &[ExistingDomain],
    vocab: &Vocabularies,
) -> Result<Plan, Diagnostics> {
    let mut plan = Plan::default();
    let mut errors = Diagnostics::default();
    // Pages given so far, with the row that took each.
    let mut taken: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut pages: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let numbers = avancement_numbers(&rows);
    let source = if rows.iter().any(|r| r.cells.contains_key(&Column::Fiche)) {
        Source::Markdown
    } else {
        Source::Cells
    };
    for row in rows {
        let cell = |c: Column| row.cells.get(&c).map(|s| s.trim()).unwrap_or_default();
        let mut report = FicheReport {
            seq: row.seq,
            row: row.label.clone(),
            ..FicheReport::default()
        };
        let (folder, new) = folder_for(&row.placed, existing);
        if new {
            let titre = match cell(Column::DomaineTitre) {
                "" => row.placed.domain.clone(),
                given => given.to_owned(),
            };
            plan.domains.entry(folder.clone()).or_insert(NewDomain {
                titre,
                ordre: cell(Column::DomaineOrdre).parse().ok(),
                description: cell(Column::DomaineDescription).replace("\r\n", "\n"),
            });
        }
        report.domain = match &row.placed.how {
            How::Column => None,
            How::Heading => Some(format!(
                "« {} » (ligne de domaine du tableau)",
                row.placed.domain
            )),
            How::Separator => Some(format!("« {} » (écrit avant le titre)", row.placed.domain)),
            How::Existing => Some(format!("« {} » (domaine existant)", row.placed.domain)),
            How::Named => Some(format!(
                "« {} » (domaine nommé par d'autres lignes)",
                row.placed.domain
            )),
            How::Shared(n) => Some(format!(
                "« {} » (début du titre commun à {n} lignes)",
                row.placed.domain
            )),
            How::Unclassified => Some(
                "« À classer » : ni colonne Domaine, ni ligne de domaine au-dessus, ni \
                 « Domaine / Titre », et le titre ne commence par aucun domaine connu"
                    .to_owned(),
            ),
        };
        if let Some(conflict) = &row.placed.conflict {
            report.look.push(conflict.clone());
        }
        let text = fiche_text(
            &row.placed.title,
            &row.cells,
            vocab,
            numbers,
            source,
            &mut report,
        );
        let base = match cell(Column::Fiche) {
            "" => short_slug(&row.placed.title),
            given => short_slug(given),
        };
        if slugify(&row.placed.title).len() > MAX_SLUG && cell(Column::Fiche).is_empty() {
            report
                .look
                .push("titre long : nom de fichier raccourci".to_owned());
        }
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains_key(&(folder.clone(), slug.clone())) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        // Two rows, one page: both are written (data is sacred), the second under another
        // name, and the report says it, a row copied twice being the likelier story.
        // (Titles that differ only by case, accents or punctuation give one page: the same
        // title to a reader.)
        if let Some(label) = taken.get(&(folder.clone(), base.clone())) {
            report.look.push(format!(
                "{label} porte le même titre dans ce domaine ({CONTENT_DIR}/{folder}/{base}.md) : \
                 fiche écrite sous un autre nom ; l'une des deux est-elle en double ?"
            ));
        }
        taken.insert((folder.clone(), slug.clone()), row.label.clone());
        let relative = format!("{CONTENT_DIR}/{folder}/{slug}.md");
        report.path = relative.clone();
        let existing_page = pages
            .entry(folder.clone())
            .or_insert_with(|| existing_pages(root, &folder))
            .get(&slug)
            .cloned();
        if let Some(name) = existing_page {
            report.exists = Some(format!("{CONTENT_DIR}/{folder}/{name}"));
            plan.reports.push(report);
            continue;
        }
        let dir = root.join(CONTENT_DIR).join(&folder);
        if dir.exists() && !dir.is_dir() {
            errors.push(
                Diagnostic::error(
                    Code::Ecriture,
                    format!(
                        "{} : le dossier du domaine ne peut pas être créé, un fichier porte ce nom",
                        row.label
                    ),
                )
                .at(Location::file(format!("{CONTENT_DIR}/{folder}")))
                .help("renommez ce fichier, ou indiquez un autre domaine dans le tableau"),
            );
            continue;
        }
        // What is written must pass `check`: validate it as the build would.
        let diagnostics = crate::fiche::problems_of_new(&relative, &folder, &slug, &text, vocab);
        if diagnostics.has_errors() {
            errors.push(
                Diagnostic::error(
                    Code::LigneInvalide,
                    format!("{} : la fiche ne passerait pas la vérification", row.label),
                )
                .at(Location::file(&relative))
                .note(diagnostics.to_string().trim_end().to_owned())
                .help("corrigez cette ligne du tableau, puis relancez l'import"),
            );
            continue;
        }
        plan.fiches.push(PlannedFiche {
            folder,
            slug,
            text,
            report: report.clone(),
        });
        plan.reports.push(report);
    }
    if errors.has_errors() {
        return Err(errors);
    }
    // A domain whose every row exists already gets no new folder.
    let used: BTreeSet<&String> = plan.fiches.iter().map(|f| &f.folder).collect();
    plan.domains.retain(|folder, _| used.contains(folder));
    // Each new `_index.md` must pass `check` too.
    for (folder, domain) in &plan.domains {
        let diagnostics = crate::fiche::problems_of_new_domain(folder, &domain.text());
        if diagnostics.has_errors() {
            errors.push(
                Diagnostic::error(
                    Code::LigneInvalide,
                    format!(
                        "domaine « {} » : sa page ne passerait pas la vérification",
                        domain.titre
                    ),
                )
                .at(Location::file(format!("{CONTENT_DIR}/{folder}/_index.md")))
                .note(diagnostics.to_string().trim_end().to_owned())
                .help("corrigez le domaine dans le tableau, puis relancez l'import"),
            );
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_get_short_file_names_and_dates_are_read() {
        let title = "Mutualisation ".repeat(30);
        let slug = short_slug(&title);
        assert!(
            slug.len() <= MAX_SLUG && slug.ends_with("mutualisation"),
            "{slug}"
        );
        let shown = |text| date(text).map(|d| d.to_string());
        assert_eq!(shown("5/3/2026").as_deref(), Some("2026-03-05"));
        assert_eq!(shown("2026-11-15").as_deref(), Some("2026-11-15"));
        // Ten characters a TOML parser takes for a time, not a date.
        assert_eq!(date("12:00:00.5"), None);
        assert_eq!(date("31/02/2026"), None);
        assert_eq!(date("demain"), None);
        assert_eq!(short_slug("Aux"), "aux-synergie");
        assert_eq!(short_slug("COM1"), "com1-synergie");
        assert_eq!(short_slug("Com10"), "com10");
    }
}
