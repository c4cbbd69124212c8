//! Registers as communes keep them, made by the tests: a Word `.docx` (the zip of XML Word
//! writes, with merged domain heading rows and one table per page repeating its heading row),
//! an Excel `.xlsx` and a CSV, from rows of text. No opaque binary is committed.

use std::io::Write;

/// A row of a Word table: cells, or one cell merged across `columns` (a domain heading row).
pub enum WordRow {
    Cells(Vec<String>),
    Merged(String, usize),
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn zip(files: &[(&str, String)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        out.start_file(*name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A cell's paragraphs: one `w:p` per line, as Word stores Entrée inside a cell.
fn paragraphs(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(line)
            )
        })
        .collect()
}

/// A `.docx` holding `tables`, a paragraph before each (as a page title would be).
pub fn docx(tables: &[Vec<WordRow>]) -> Vec<u8> {
    let mut body = String::new();
    for (i, table) in tables.iter().enumerate() {
        body.push_str(&paragraphs(&format!(
            "Registre des synergies, page {}",
            i + 1
        )));
        body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
        for row in table {
            body.push_str("<w:tr>");
            match row {
                WordRow::Cells(cells) => {
                    for cell in cells {
                        body.push_str(&format!("<w:tc>{}</w:tc>", paragraphs(cell)));
                    }
                }
                WordRow::Merged(text, columns) => body.push_str(&format!(
                    "<w:tc><w:tcPr><w:gridSpan w:val=\"{columns}\"/></w:tcPr>{}</w:tc>",
                    paragraphs(text)
                )),
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
                .to_owned(),
        ),
        ("word/document.xml", document),
    ])
}

fn column_name(mut index: usize) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, (b'A' + (index % 26) as u8) as char);
        if index < 26 {
            return name;
        }
        index = index / 26 - 1;
    }
}

/// An `.xlsx` whose sheets are `(name, rows)`; cells are inline strings, or numbers when
/// they begin with `#` (`#0.5`: a cell Excel shows as 50 % when formatted so).
pub fn xlsx(sheets: &[(&str, Vec<Vec<String>>)]) -> Vec<u8> {
    xlsx_merged(sheets, &[])
}

/// An `.xlsx` as [`xlsx`] makes it, whose first sheet has the merged cells `merges`
/// (`"A2:A4"`), as Excel writes them: only the top-left cell of each holds a value.
pub fn xlsx_merged(sheets: &[(&str, Vec<Vec<String>>)], merges: &[&str]) -> Vec<u8> {
    let mut files = vec![
        (
            "[Content_Types].xml",
            {
                let mut types = String::from(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                     <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                     <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                     <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
                );
                for i in 0..sheets.len() {
                    types.push_str(&format!(
                        "<Override PartName=\"/xl/worksheets/sheet{}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
                        i + 1
                    ));
                }
                types.push_str("</Types>");
                types
            },
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
                .to_owned(),
        ),
    ];
    let mut workbook = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut sheet_files = Vec::new();
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        workbook.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape(name)
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        let mut data = String::new();
        for (r, row) in rows.iter().enumerate() {
            data.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let at = format!("{}{}", column_name(c), r + 1);
                match cell.strip_prefix('#') {
                    Some(number) => data.push_str(&format!("<c r=\"{at}\"><v>{number}</v></c>")),
                    None => data.push_str(&format!(
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                        escape(cell)
                    )),
                }
            }
            data.push_str("</row>");
        }
        let mut merged = String::new();
        if n == 1 && !merges.is_empty() {
            merged.push_str(&format!("<mergeCells count=\"{}\">", merges.len()));
            for merge in merges {
                merged.push_str(&format!("<mergeCell ref=\"{merge}\"/>"));
            }
            merged.push_str("</mergeCells>");
        }
        sheet_files.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{data}</sheetData>{merged}</worksheet>"
            ),
        ));
    }
    workbook.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    files.push(("xl/workbook.xml", workbook));
    files.push(("xl/_rels/workbook.xml.rels", rels));
    let mut all: Vec<(&str, String)> = files;
    for (name, text) in &sheet_files {
        all.push((name.as_str(), text.clone()));
    }
    zip(&all)
}

/// A CSV as Excel saves it in French: `;`, quoted cells, CRLF.
pub fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        out.write_record(row).unwrap();
    }
    out.into_inner().unwrap()
}

/// A LibreOffice `.ods` with one sheet of text cells.
pub fn ods(name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in row {
            let paragraphs: String = cell
                .split('\n')
                .map(|line| format!("<text:p>{}</text:p>", escape(line)))
                .collect();
            table.push_str(&format!(
                "<table:table-cell office:value-type=\"string\">{paragraphs}</table:table-cell>"
            ));
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"{}\">{table}</table:table>\
         </office:spreadsheet></office:body></office:document-content>",
        escape(name)
    );
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("content.xml", stored).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.start_file("META-INF/manifest.xml", stored).unwrap();
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
          <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
          <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>",
    )
    .unwrap();
    out.finish().unwrap().into_inner()
}
