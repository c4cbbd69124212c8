//! Excel (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) and LibreOffice (`.ods`) sheets, through `calamine`.
//! Every sheet is read; which one holds the register is chosen from its headings.

use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Sheets};

use crate::diagnostic::Diagnostic;

use super::{Grid, Row, Source};

pub(super) fn read(bytes: Vec<u8>, shown: &str) -> Result<Source, Diagnostic> {
    let help = "ouvrez-le dans Excel ou LibreOffice et enregistrez-le de nouveau (.xlsx ou .ods, \
                sans mot de passe), puis relancez l'import";
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        super::damaged(
            shown,
            "ce classeur est abîmé, protégé par un mot de passe, ou n'est pas un classeur Excel \
             ou LibreOffice",
            help,
        )
    })?;
    let mut grids = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(|_| {
            super::damaged(
                shown,
                &format!(
                    "la feuille « {name} » de ce classeur est abîmée : elle ne peut pas être lue"
                ),
                help,
            )
        })?;
        // Merged cells (`.xlsx` and `.xls`; calamine gives none for `.ods`): a merge that
        // cannot be read leaves the cells as they are, every value being read already.
        let merges = match &mut workbook {
            Sheets::Xlsx(book) => book.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(book) => book.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Row> = range
            .rows()
            .enumerate()
            .map(|(index, cells)| {
                // Columns left of the used range are empty: keep them, so that a column's
                // place is the same in every row.
                let mut texts = vec![String::new(); first_column as usize];
                texts.extend(cells.iter().map(text));
                Row {
                    number: first_row as usize + index + 1,
                    cells: texts,
                    merged: false,
                }
            })
            .collect();
        fill_merged(&mut rows, &merges, first_row, first_column);
        grids.push(Grid {
            name: format!("feuille « {name} »"),
            rows,
        });
    }
    Ok(Source {
        format: "classeur".to_owned(),
        grids,
        alternatives: true,
    })
}

/// Merged cells read as Word's are (`docx.rs`): a cell merged over the rows below gives its
/// text to each of them, as Excel shows it (a Domaine written once beside three synergies); a
/// cell merged across a whole row makes it `merged` (a domain heading row).
fn fill_merged(rows: &mut [Row], merges: &[Dimensions], first_row: u32, first_column: u32) {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for merge in merges {
        let ((top, left), (bottom, right)) = (merge.start, merge.end);
        let Some(top_index) = top.checked_sub(first_row).map(|t| t as usize) else {
            continue;
        };
        let left = left as usize;
        let whole_row = left <= first_column as usize && right as usize + 1 >= width;
        if whole_row {
            if let Some(row) = rows.get_mut(top_index) {
                row.merged = true;
            }
            continue;
        }
        let Some(text) = rows
            .get(top_index)
            .and_then(|r| r.cells.get(left))
            .filter(|t| !t.trim().is_empty())
            .cloned()
        else {
            continue;
        };
        let below = (bottom.saturating_sub(top)) as usize;
        for row in rows.iter_mut().skip(top_index + 1).take(below) {
            if row.cells.len() <= left {
                row.cells.resize(left + 1, String::new());
            }
            if row.cells[left].trim().is_empty() {
                row.cells[left] = text.clone();
            }
        }
    }
}

/// A cell as text: numbers without a useless `.0`, dates as `AAAA-MM-JJ`, line breaks as `\n`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.replace("\r\n", "\n"),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "VRAI".to_owned(),
        Data::Bool(false) => "FAUX".to_owned(),
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
    }
}
