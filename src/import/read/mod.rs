//! Reading a register as people keep it: CSV, an Excel or LibreOffice sheet, a Word table. Every
//! format becomes the same thing, grids of rows of text cells, so that recognising headings,
//! domains and values is done once.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};

mod csv;
mod docx;
mod sheet;

/// One table of the source: a CSV file, a sheet, or one table of a Word document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// How the report names it ("tableau 2", "feuille « Registre »"); empty for a CSV.
    pub name: String,
    pub rows: Vec<Row>,
}

/// One row, its cells aligned on the table's columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The row's number as the editor's program shows it (1 for a table's first row).
    pub number: usize,
    /// Cell texts; a cell's line breaks (Word paragraphs, Alt+Entrée) are `\n`.
    pub cells: Vec<String>,
    /// One cell spans every column (a Word cell merged across the row).
    pub merged: bool,
}

/// What was read, and how.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// "CSV, encodage Windows-1252, séparateur point-virgule", "Excel", "Word".
    pub format: String,
    pub grids: Vec<Grid>,
    /// The grids are alternatives (sheets: one is chosen) rather than parts of one register
    /// (the tables of a Word document).
    pub alternatives: bool,
}

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Sheet,
    Word,
    /// Word 97–2003 `.doc`, a binary format: the editor saves it again as `.docx`.
    OldWord,
}

fn format(path: &Path, bytes: &[u8]) -> Format {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "docx" | "docm" => Format::Word,
        "doc" | "rtf" | "odt" => Format::OldWord,
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Format::Sheet,
        "csv" | "txt" | "tsv" => Format::Csv,
        // Unknown names: look at the bytes. A zip is a Word or an Excel file (the Word one holds
        // `word/document.xml`); an OLE file is an old `.xls`.
        _ if bytes.starts_with(b"PK\x03\x04") => {
            if memchr::memmem::find(bytes, b"word/document.xml").is_some() {
                Format::Word
            } else {
                Format::Sheet
            }
        }
        _ if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) => Format::Sheet,
        _ => Format::Csv,
    }
}

/// Reads `path` (shown as `shown` in messages).
pub fn read(path: &Path, shown: &str) -> Result<Source, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|e| {
        let mut diagnostic = Diagnostic::error(
            Code::LectureImpossible,
            format!("lecture impossible : {}", crate::diagnostic::io_reason(&e)),
        )
        .at(Location::file(shown));
        if e.kind() == std::io::ErrorKind::NotFound {
            diagnostic = diagnostic.help(
                "vérifiez le nom du fichier et son dossier (un nom sans dossier est cherché dans \
                 le dossier courant)",
            );
        }
        one(diagnostic)
    })?;
    let mut source = match format(path, &bytes) {
        Format::Csv => csv::read(&bytes, shown),
        Format::Sheet => sheet::read(bytes, shown),
        Format::Word => docx::read(bytes, shown),
        Format::OldWord => Err(Diagnostic::error(
            Code::CsvIllisible,
            "ce format de document n'est pas lu : seuls les documents Word .docx le sont",
        )
        .at(Location::file(shown))
        .help(
            "ouvrez le document dans Word ou LibreOffice, choisissez Fichier > Enregistrer \
             sous…, puis le type « Document Word (.docx) », et importez ce fichier-là",
        )),
    }
    .map_err(one)?;
    for cell in source
        .grids
        .iter_mut()
        .flat_map(|g| g.rows.iter_mut())
        .flat_map(|r| r.cells.iter_mut())
    {
        if cell.contains(|c: char| c.is_control() && c != '\n' && c != '\t') {
            *cell = without_controls(cell);
        }
    }
    Ok(source)
}

/// A cell without the control characters programs leave in it (Excel's vertical tab for a
/// line break in old files, a stray CR, NUL): a line break stays one, the others become spaces.
fn without_controls(cell: &str) -> String {
    let cell = cell.replace("\r\n", "\n").replace(['\r', '\u{b}'], "\n");
    cell.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn one(diagnostic: Diagnostic) -> Diagnostics {
    Diagnostics::from_iter([diagnostic])
}

/// The diagnostic for a file that is not the table it claims to be; the library's own words
/// (in English) go to a note.
fn unreadable(shown: &str, what: &str, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(Code::CsvIllisible, format!("{what} illisible"))
        .at(Location::file(shown))
        .note(format!("détail : {error}"))
        .help(
            "ouvrez le fichier dans Word, Excel ou LibreOffice et enregistrez-le de nouveau \
             (.docx, .xlsx, .ods ou CSV), puis relancez l'import",
        )
}

/// The diagnostic for a Word document or a workbook that its library cannot open: said in
/// French, without the library's English words (« invalid Zip archive: Could not find EOCD »),
/// which would tell an editor nothing more.
fn damaged(shown: &str, message: &str, help: &str) -> Diagnostic {
    Diagnostic::error(Code::CsvIllisible, message)
        .at(Location::file(shown))
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_leave_the_cells() {
        assert_eq!(
            without_controls("a\u{b}b\r\nc\u{0}d\u{1b}e\u{7f}"),
            "a\nb\nc d e "
        );
    }
}
