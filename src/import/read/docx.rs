//! Word `.docx`: the zip of XML it is. Every table of `word/document.xml` (`w:tbl`) becomes a
//! grid: rows `w:tr`, cells `w:tc`; a cell spanning columns (`w:gridSpan`) keeps the columns
//! aligned; a cell merged with the one above (`w:vMerge` without `restart`) repeats its text;
//! paragraphs (`w:p`) and breaks (`w:br`) inside a cell are line breaks, a paragraph of a Word
//! list (`w:numPr`) is a `- ` item. A table inside a cell is read as that cell's text.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::diagnostic::Diagnostic;

use super::{Grid, Row, Source};

/// The largest `document.xml` read (a register of thousands of rows is a few MB).
const MAX_DOCUMENT: u64 = 256 << 20;

pub(super) fn read(bytes: Vec<u8>, shown: &str) -> Result<Source, Diagnostic> {
    let save_again = "ouvrez-le dans Word ou LibreOffice et enregistrez-le de nouveau en \
                      « Document Word (.docx) », puis relancez l'import";
    let not_word = |_| {
        super::damaged(
            shown,
            "ce fichier .docx est abîmé ou n'est pas un document Word",
            save_again,
        )
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_word)?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(not_word)?
        .take(MAX_DOCUMENT)
        .read_to_string(&mut xml)
        .map_err(|_| {
            super::damaged(
                shown,
                "le texte de ce document Word est abîmé : il ne peut pas être lu",
                save_again,
            )
        })?;
    let tables = tables(&xml).map_err(|_| {
        super::damaged(
            shown,
            "le texte de ce document Word est abîmé : il ne peut pas être lu",
            save_again,
        )
    })?;
    let count = tables.len();
    Ok(Source {
        format: format!(
            "document Word, {}",
            crate::diagnostic::plural(count, "tableau", "tableaux")
        ),
        grids: tables
            .into_iter()
            .enumerate()
            .map(|(i, rows)| Grid {
                name: format!("tableau {}", i + 1),
                rows,
            })
            .collect(),
        alternatives: false,
    })
}

/// A cell being read.
#[derive(Default)]
struct Cell {
    text: String,
    span: usize,
    /// `Some(false)`: continues the merged cell above; `Some(true)`: starts one.
    vmerge: Option<bool>,
}

/// The top-level tables of a document, as rows of cell texts.
fn tables(xml: &str) -> Result<Vec<Vec<Row>>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut tables: Vec<Vec<Row>> = Vec::new();
    // Depth of `w:tbl` nesting: only depth 1 makes rows; deeper tables are text of a cell.
    let mut depth = 0usize;
    let mut row: Option<Vec<Cell>> = None;
    let mut grid_before = 0usize;
    let mut cell: Option<Cell> = None;
    let mut in_text = false;
    // Inside `mc:Fallback`: the same content again for older programs (a text box's text is
    // in both the `mc:Choice` and its fallback), read once.
    let mut fallback = 0usize;
    // The cells of the previous row, by grid column, for vertical merges.
    let mut above: Vec<String> = Vec::new();
    // The paragraph being read is an item of a Word list (bullets or numbers): it got its `- `.
    let mut listed = false;
    // Inside `w:pPrChange`: a tracked change's former paragraph properties, not the paragraph's.
    let mut former = 0usize;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "Fallback" => {
                fallback += 1;
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == "Fallback" => {
                fallback = fallback.saturating_sub(1);
                continue;
            }
            Event::Eof => break,
            _ if fallback > 0 => continue,
            _ => {}
        }
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "tbl" if !empty => {
                        depth += 1;
                        if depth == 1 {
                            tables.push(Vec::new());
                            above.clear();
                        }
                    }
                    "tr" if depth == 1 && !empty => {
                        row = Some(Vec::new());
                        grid_before = 0;
                    }
                    "gridBefore" if depth == 1 && cell.is_none() => {
                        grid_before = number(e).unwrap_or(0);
                    }
                    "tc" if depth == 1 => {
                        cell = Some(Cell {
                            span: 1,
                            ..Cell::default()
                        });
                        if empty {
                            finish_cell(&mut row, &mut cell);
                        }
                    }
                    "gridSpan" if depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.span = number(e).unwrap_or(1).max(1);
                        }
                    }
                    "vMerge" if depth == 1 => {
                        if let Some(c) = cell.as_mut() {
                            c.vmerge = Some(value(e).as_deref() == Some("restart"));
                        }
                    }
                    "p" if !empty => listed = false,
                    "pPrChange" if !empty => former += 1,
                    // A paragraph of a Word list (`w:numId` 0 means « no list »): a Markdown
                    // list item, so that the page shows a list.
                    "numId" if former == 0 && !listed && value(e).is_some_and(|v| v != "0") => {
                        listed = true;
                        push(&mut cell, "- ");
                    }
                    "t" if !empty => in_text = true,
                    // An empty paragraph `<w:p/>`: a blank line.
                    "p" if empty => push(&mut cell, "\n"),
                    "tab" => push(&mut cell, " "),
                    "br" | "cr" => push(&mut cell, "\n"),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => depth = depth.saturating_sub(1),
                "t" => in_text = false,
                "pPrChange" => former = former.saturating_sub(1),
                // A paragraph ends a line of the cell (the last one's break is trimmed).
                "p" => push(&mut cell, "\n"),
                "tc" if depth == 1 => finish_cell(&mut row, &mut cell),
                "tr" if depth == 1 => {
                    if let (Some(cells), Some(table)) = (row.take(), tables.last_mut()) {
                        let made = make_row(cells, grid_before, &above, table.len() + 1);
                        above = made.cells.clone();
                        table.push(made);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => push(&mut cell, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    push(&mut cell, c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                    push(&mut cell, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tables)
}

fn push(cell: &mut Option<Cell>, text: &str) {
    if let Some(c) = cell.as_mut() {
        c.text.push_str(text);
    }
}

fn finish_cell(row: &mut Option<Vec<Cell>>, cell: &mut Option<Cell>) {
    if let (Some(row), Some(mut c)) = (row.as_mut(), cell.take()) {
        // Lines trimmed; an empty paragraph inside the cell is a blank line, as typed.
        let lines: Vec<&str> = c.text.lines().map(str::trim).collect();
        let first = lines
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(lines.len());
        let last = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(first, |i| i + 1);
        c.text = lines[first..last].join("\n");
        row.push(c);
    }
}

/// A row's cells placed on the table's grid columns.
fn make_row(cells: Vec<Cell>, grid_before: usize, above: &[String], number: usize) -> Row {
    let mut texts = vec![String::new(); grid_before];
    let spanning = cells.len() == 1 && cells[0].span > 1;
    for c in cells {
        let column = texts.len();
        let text = match c.vmerge {
            Some(false) => above.get(column).cloned().unwrap_or_default(),
            _ => c.text,
        };
        texts.push(text);
        texts.extend(std::iter::repeat_n(String::new(), c.span - 1));
    }
    Row {
        number,
        cells: texts,
        merged: spanning,
    }
}

/// The `w:val` attribute.
fn value(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}

fn number(e: &BytesStart) -> Option<usize> {
    value(e)?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[Row]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn cells_spans_merges_and_paragraphs() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Avant</w:t></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:p><w:r><w:t>Synergie</w:t></w:r></w:p></w:tc>
                    <w:tc><w:p><w:r><w:t xml:space="preserve">Pilote </w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>GRH</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:p><w:r><w:t>Plan</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>de formation &amp; co</w:t><w:br/><w:t>suite</w:t></w:r></w:p></w:tc>
                    <w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Ville</w:t></w:r></w:p></w:tc></w:tr>
              <w:tr><w:tc><w:p><w:r><w:t>SIPP</w:t></w:r></w:p>
                      <w:tbl><w:tr><w:tc><w:p><w:r><w:t>dedans</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>
                    <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
            </w:tbl>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>x&#233;</w:t></w:r>
              <mc:AlternateContent><mc:Choice><w:t>y</w:t></mc:Choice>
              <mc:Fallback><w:t>y</w:t></mc:Fallback></mc:AlternateContent>
              <w:del><w:r><w:delText>effacé</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>
        </w:body></w:document>"#;
        let tables = tables(xml).unwrap();
        assert_eq!(tables.len(), 2);
        assert_eq!(
            cells(&tables[0]),
            [
                vec!["Synergie", "Pilote"],
                vec!["GRH", ""],
                vec!["Plan\n\nde formation & co\nsuite", "Ville"],
                vec!["SIPP\ndedans", "Ville"],
            ]
        );
        assert!(tables[0][1].merged && !tables[0][0].merged);
        assert_eq!(tables[0][3].number, 4);
        assert_eq!(cells(&tables[1]), [vec!["xéy"]]);
    }

    #[test]
    fn paragraphs_of_a_word_list_are_list_items() {
        let numbered = |id: &str, text: &str| {
            format!(
                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{id}\"/></w:numPr>\
                 <w:pPrChange><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:pPrChange>\
                 </w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
            )
        };
        let xml = format!(
            "<w:document xmlns:w=\"x\"><w:body><w:tbl><w:tr><w:tc>\
             <w:p><w:r><w:t>Équipe mixte :</w:t></w:r></w:p>{}{}{}</w:tc></w:tr></w:tbl>\
             </w:body></w:document>",
            numbered("1", "1 agent"),
            numbered("1", "3 agents CPAS"),
            numbered("0", "Fin")
        );
        assert_eq!(
            cells(&tables(&xml).unwrap()[0]),
            [vec!["Équipe mixte :\n- 1 agent\n- 3 agents CPAS\nFin"]]
        );
    }
}
