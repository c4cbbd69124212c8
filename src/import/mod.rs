//! `synergies import`: turns a register as communes keep it (a Word table, an Excel or
//! LibreOffice sheet, a CSV from Excel, or the site's own `synergies.csv`) into fiches.
//!
//! read → plan → write: [`read`] makes every format a grid of text cells; [`headings`] finds
//! the heading row and its columns; rows that are not synergies (blank, repeated headings,
//! domain heading rows) are set aside; [`domains`] gives each row its domain; [`plan`] makes
//! and validates every fiche; [`write`] writes them all or none. The [`Report`] is data,
//! printed by the command line.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::fields::Key;
use crate::vocab::Vocabularies;

mod body;
pub mod domains;
pub mod headings;
pub mod plan;
pub mod read;
pub mod report;
pub mod values;
mod write;

pub use report::{FicheReport, Report, Skipped};

use headings::Column;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Plan and report, write nothing.
    pub dry_run: bool,
    /// The sheet to read in a workbook (`--feuille`); else the first with a heading row.
    pub sheet: Option<String>,
}

/// How many rows from the top of a table may come before its heading row (a title, a date).
const HEADING_WITHIN: usize = 10;

/// The longest text a domain heading row holds (« Ressources humaines et formation »).
const HEADING_ROW_MAX: usize = 60;

/// A grid's heading row: its index and columns.
fn heading(grid: &read::Grid) -> Option<(usize, Vec<Option<Column>>)> {
    grid.rows
        .iter()
        .take(HEADING_WITHIN)
        .enumerate()
        .find_map(|(i, row)| headings::heading_row(&row.cells).map(|c| (i, c)))
}

fn label(grid: &read::Grid, row: &read::Row) -> String {
    if grid.name.is_empty() {
        format!("ligne {}", row.number)
    } else {
        format!("{}, ligne {}", grid.name, row.number)
    }
}

/// A row whose only filled cell (or one merged cell) holds a short text: the domain of the
/// rows below it. The cell is the first, the synergies' or the Domaine column: a row where
/// only a Réalisation is filled is the end of the text above, not a domain.
fn domain_heading(row: &read::Row, columns: &[Option<Column>]) -> Option<String> {
    let mut filled = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty());
    let (Some((at, only)), None) = (filled.next(), filled.next()) else {
        return None;
    };
    let place = matches!(
        columns.get(at),
        Some(Some(
            Column::Field(Key::Titre) | Column::Domaine | Column::DomaineTitre
        ))
    );
    if !(row.merged || at == 0 || place) {
        return None;
    }
    let text = spaced(only);
    (text.chars().count() <= HEADING_ROW_MAX && (row.merged || !only.trim().contains('\n')))
        .then_some(text)
}

/// A row that is a synergy, before its domain is known.
#[derive(Clone)]
struct Synergy {
    seq: usize,
    label: String,
    cells: BTreeMap<Column, String>,
    /// The domain heading row above it, and whether it is in an earlier table.
    section: Option<(String, bool)>,
    /// Its table's place among the grids read.
    table: usize,
}

/// A grid of the register with the index of its heading row and its columns.
type Register<'a> = (&'a read::Grid, usize, Vec<Option<Column>>);

/// The grids that hold the register, each with its heading row, and how the report names the
/// source: every table of a Word document that has a heading row; the first sheet of a
/// workbook that has one, or the sheet `--feuille` names.
fn registers<'a>(
    source: &'a read::Source,
    options: &Options,
    shown: &str,
) -> Result<(String, Vec<Register<'a>>), Diagnostic> {
    let mut format = source.format.clone();
    let grids: Vec<Register> = if source.alternatives {
        let sheet_name = |g: &read::Grid| {
            g.name
                .strip_prefix("feuille ")
                .unwrap_or(&g.name)
                .to_owned()
        };
        let chosen: Vec<&read::Grid> = match &options.sheet {
            Some(wanted) => {
                let wanted_name = format!("« {} »", wanted.trim());
                let found = source.grids.iter().find(|g| {
                    let name = sheet_name(g);
                    name == wanted_name
                        || crate::vocab::normalize(&name) == crate::vocab::normalize(wanted)
                });
                match found {
                    Some(g) => vec![g],
                    None => {
                        let names: Vec<String> = source.grids.iter().map(sheet_name).collect();
                        return Err(Diagnostic::error(
                            Code::FeuilleInconnue,
                            format!("le classeur n'a pas de feuille « {wanted} »"),
                        )
                        .at(Location::file(shown))
                        .note(format!("feuilles du classeur : {}", names.join(", "))));
                    }
                }
            }
            None => source.grids.iter().collect(),
        };
        match chosen
            .iter()
            .find_map(|g| heading(g).map(|(i, columns)| (*g, i, columns)))
        {
            Some(register) => {
                format = register.0.name.clone();
                vec![register]
            }
            None => return Err(no_heading_row(&chosen, shown)),
        }
    } else {
        source
            .grids
            .iter()
            .filter_map(|g| heading(g).map(|(i, c)| (g, i, c)))
            .collect()
    };
    if grids.is_empty() {
        return Err(no_heading_row(
            &source.grids.iter().collect::<Vec<_>>(),
            shown,
        ));
    }
    Ok((format, grids))
}

/// The error for a file none of whose `grids` has a heading row. Its note shows the row taken
/// for the heading row, and where it is: among the first rows of each grid, the one naming the
/// most known columns, else the one with the most filled cells (a banner above the table has
/// one), the first on a tie.
fn no_heading_row(grids: &[&read::Grid], shown: &str) -> Diagnostic {
    let filled = |row: &read::Row| row.cells.iter().filter(|c| !c.trim().is_empty()).count();
    let known = |row: &read::Row| {
        row.cells
            .iter()
            .filter(|c| headings::column(c).is_some())
            .count()
    };
    let mut best: Option<(&read::Grid, &read::Row)> = None;
    for grid in grids {
        for row in grid.rows.iter().take(HEADING_WITHIN) {
            let better =
                best.is_none_or(|(_, b)| (known(row), filled(row)) > (known(b), filled(b)));
            if filled(row) > 0 && better {
                best = Some((grid, row));
            }
        }
    }
    let note = match best {
        Some((grid, row)) => {
            let cells: Vec<String> = row
                .cells
                .iter()
                .filter(|c| !c.trim().is_empty())
                .map(|c| report::shown(&spaced(c)).into_owned())
                .collect();
            format!(
                "colonnes trouvées ({}) : {}",
                report::shown(&label(grid, row)),
                cells.join(" | ")
            )
        }
        None if grids.is_empty() => "le fichier ne contient aucun tableau".to_owned(),
        None => "le tableau est vide".to_owned(),
    };
    let help = if grids.is_empty() {
        "mettez le registre dans un tableau (dans Word : Insertion > Tableau), une ligne par \
         synergie, sous une ligne qui nomme les colonnes"
            .to_owned()
    } else {
        format!(
            "nommez la colonne des synergies « Synergie », « Synergie ou groupe de synergies », \
             « Intitulé » ou « Titre », dans la ligne des titres de colonnes (une des \
             {HEADING_WITHIN} premières lignes du tableau)"
        )
    };
    Diagnostic::error(
        Code::ColonneTitreAbsente,
        "aucune colonne ne donne le nom des synergies",
    )
    .at(Location::file(shown))
    .note(note)
    .help(help)
}

/// Imports `path` into `root/content`. On any error nothing is written.
pub fn import(
    root: &Path,
    path: &Path,
    vocab: &Vocabularies,
    options: &Options,
) -> Result<Report, Diagnostics> {
    let shown = path.display().to_string();
    let one = |d: Diagnostic| Diagnostics::from_iter([d]);
    crate::load::require_register(root).map_err(one)?;
    let source = read::read(path, &shown)?;

    let (format, grids) = registers(&source, options, &shown).map_err(one)?;

    let mut report = Report {
        source: shown.clone(),
        format,
        dry_run: options.dry_run,
        ..Report::default()
    };
    // Rows that are synergies, with their cells by column; the others are set aside.
    let mut rows: Vec<Synergy> = Vec::new();
    // Every row read, with the domain it names when it is a domain heading row.
    let mut entries: Vec<(Synergy, Option<String>)> = Vec::new();
    for (table, (grid, heading_index, columns)) in grids.iter().enumerate() {
        for (cell, column) in grid.rows[*heading_index].cells.iter().zip(columns) {
            let name = spaced(cell);
            if column.is_none() && !name.is_empty() && !report.ignored_columns.contains(&name) {
                report.ignored_columns.push(name);
            }
        }
        for row in &grid.rows[heading_index + 1..] {
            if row.cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            report.rows += 1;
            let seq = report.rows;
            let label = label(grid, row);
            if headings::heading_row(&row.cells).is_some() {
                report.skipped.push(Skipped {
                    seq,
                    row: label,
                    why: "ligne d'en-têtes répétée".to_owned(),
                });
                continue;
            }
            let mut cells: BTreeMap<Column, String> = BTreeMap::new();
            for (value, column) in row.cells.iter().zip(columns) {
                if let Some(column) = column {
                    let entry = cells.entry(*column).or_default();
                    if !entry.is_empty() && !value.trim().is_empty() {
                        entry.push('\n');
                    }
                    entry.push_str(value);
                }
            }
            entries.push((
                Synergy {
                    seq,
                    label,
                    cells,
                    section: None,
                    table,
                },
                domain_heading(row, columns),
            ));
        }
    }
    // A domain heading row names the rows below it, across tables (a register spans pages);
    // one with no row below it before the next is a synergy with only its title filled.
    let mut section: Option<(String, usize)> = None;
    for i in 0..entries.len() {
        let rows_below = entries
            .get(i + 1)
            .is_some_and(|(_, heading)| heading.is_none());
        let (mut synergy, heading) = (entries[i].0.clone(), entries[i].1.clone());
        if let Some(name) = heading.filter(|_| rows_below) {
            report.skipped.push(Skipped {
                seq: synergy.seq,
                row: synergy.label,
                why: format!("domaine « {name} » des lignes suivantes"),
            });
            section = Some((name, synergy.table));
            continue;
        }
        if synergy
            .cells
            .get(&Column::Field(Key::Titre))
            .is_none_or(|t| t.trim().is_empty())
        {
            report.skipped.push(Skipped {
                seq: synergy.seq,
                row: synergy.label,
                why: "pas de titre".to_owned(),
            });
            continue;
        }
        synergy.section = section
            .as_ref()
            .map(|(name, table)| (name.clone(), *table != synergy.table));
        rows.push(synergy);
    }

    report.skipped.sort_by_key(|s| s.seq);
    let existing = crate::scaffold::existing_domains(root);
    let candidates: Vec<domains::Candidate> = rows
        .iter()
        .map(|Synergy { cells, section, .. }| domains::Candidate {
            title: cells
                .get(&Column::Field(Key::Titre))
                .cloned()
                .unwrap_or_default(),
            column: cells
                .get(&Column::Domaine)
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty()),
            heading: section.as_ref().map(|(name, _)| name.clone()),
            carried: section.as_ref().is_some_and(|(_, carried)| *carried),
        })
        .collect();
    let placed = domains::place(&candidates, &existing);
    let planned_rows = rows
        .into_iter()
        .zip(placed)
        .map(
            |(
                Synergy {
                    seq, label, cells, ..
                },
                placed,
            )| plan::RowIn {
                seq,
                label,
                cells,
                placed,
            },
        )
        .collect();
    let plan = plan::plan(root, planned_rows, &existing, vocab)?;
    report.fiches = plan.reports.clone();
    if !options.dry_run {
        report.written = write::write(root, &plan).map_err(one)?;
    }
    Ok(report)
}

/// `text` on one line, each run of spaces, tabs and line breaks made one space.
pub(crate) fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
