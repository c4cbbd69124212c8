//! CSV as Excel saves it in French (Windows-1252 or UTF-8, `;`, quoted multi-line cells), or
//! with commas or tabs, or the site's own `synergies.csv`.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::render::csv_cell::restore_formula;

use super::{Grid, Row, Source};

pub(super) fn read(bytes: &[u8], shown: &str) -> Result<Source, Diagnostic> {
    let (text, encoding) = decode(bytes);
    if let Some(opened) = unclosed_quote(&text) {
        let line = text[..opened].matches('\n').count() + 1;
        return Err(Diagnostic::error(
            Code::GuillemetNonFerme,
            format!("le guillemet ouvert à la ligne {line} n'est jamais fermé"),
        )
        .at(Location::span(shown, &text, opened..opened + 1))
        .label("ouvert ici")
        .help(
            "fermez le texte par un guillemet droit \" (dans une cellule, un guillemet s'écrit \
             \"\"), ou enregistrez de nouveau le tableau depuis Excel",
        ));
    }
    let sep = separator(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| super::unreadable(shown, "tableau", e))?;
        rows.push(Row {
            // The row as Excel numbers it when it opens the file.
            number: index + 1,
            cells: record.iter().map(cell).collect(),
            merged: false,
        });
    }
    let sep_name = match sep {
        b';' => "point-virgule",
        b',' => "virgule",
        _ => "tabulation",
    };
    Ok(Source {
        format: format!("CSV, encodage {encoding}, séparateur {sep_name}"),
        grids: vec![Grid {
            name: String::new(),
            rows,
        }],
        alternatives: false,
    })
}

/// A cell's text: CRLF as `\n`, and the `'` that `synergies.csv` puts before a leading `=`, `+`,
/// `-`, `@`, tab or carriage return (so that Excel does not run it as a formula) taken away
/// (`csv_cell::restore_formula`, the inverse of what the export does).
fn cell(text: &str) -> String {
    restore_formula(text).replace("\r\n", "\n")
}

/// Bytes to text: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's « Texte Unicode »),
/// else Windows-1252, as Excel saves « CSV (séparateur : point-virgule) » in fr-BE.
pub(super) fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        let name = if encoding == encoding_rs::UTF_8 {
            "UTF-8"
        } else {
            "UTF-16"
        };
        return (text.into_owned(), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The separator that splits the heading line into the most fields, outside quotes.
pub(super) fn separator(text: &str) -> u8 {
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

/// Where a quoted field opens and never closes, as the `csv` crate reads quotes: a `"` at the
/// start of a field opens it, `""` inside is a quote, the next lone `"` closes it. Without this
/// check every following row is silently swallowed into one cell.
fn unclosed_quote(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let sep = separator(text);
    let mut opened: Option<usize> = None;
    let mut field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened {
            Some(_) if b == b'"' => {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    opened = None;
                }
            }
            Some(_) => {}
            None if b == b'"' && field_start => opened = Some(i),
            None => {}
        }
        if opened.is_none() {
            field_start =
                b == sep || b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        }
        i += 1;
    }
    opened
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_and_encoding_are_detected() {
        assert_eq!(separator("a;b;\"c,d\"\n1,2"), b';');
        assert_eq!(separator("a,b,c\n"), b',');
        assert_eq!(separator("a\tb\tc\n"), b'\t');
        assert_eq!(decode(b"\xef\xbb\xbfa\xc3\xa9"), ("aé".to_owned(), "UTF-8"));
        assert_eq!(
            decode(b"Op\xe9ration \x9c \x80"),
            ("Opération œ €".to_owned(), "Windows-1252")
        );
        assert_eq!(
            decode(b"\xff\xfea\x00\xe9\x00"),
            ("aé".to_owned(), "UTF-16")
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        assert_eq!(unclosed_quote("a;b\n\"x;y\n1;2\n"), Some(4));
        assert_eq!(unclosed_quote("a;\"b \"\"c\"\"\"\n1;2\n"), None);
        assert_eq!(unclosed_quote("a;\"b\nc\"\n"), None);
        // A quote inside a field does not open one.
        assert_eq!(unclosed_quote("a;b\"c\n"), None);
        assert_eq!(unclosed_quote("a;\"b\"\"\n"), Some(2));
    }

    #[test]
    fn formula_quotes_of_the_export_are_taken_away() {
        assert_eq!(cell("'+1/2tp agent"), "+1/2tp agent");
        assert_eq!(cell("'=SOMME(A1)"), "=SOMME(A1)");
        assert_eq!(cell("'-"), "-");
        assert_eq!(cell("'tel quel"), "'tel quel");
        assert_eq!(cell("a\r\nb"), "a\nb");
    }
}
