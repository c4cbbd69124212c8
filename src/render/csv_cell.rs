//! Cells of `synergies.csv` made safe for spreadsheets: Excel and LibreOffice read a cell that
//! begins with `=`, `+`, `-` or `@` as a formula (`+1/2tp agent CPAS` becomes a calculation, and
//! `=HYPERLINK(…)` or `=cmd|…` can do worse), and a leading tab or carriage return can hide
//! such a start. Such a cell is written with a leading `'`, which both show as text; `import`
//! removes it again.

use std::borrow::Cow;

/// `text` with a `'` in front when a spreadsheet would read it as a formula. A plain number
/// (`-3`, `+2`, `-1,5`) is left as it is: it is no formula, and the column stays numeric. A text
/// that already begins with `'` before such a start gets one more, so that [`restore_formula`]
/// gives back exactly what was written.
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    if looks_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text`, after any `'` it begins with, begins like a formula.
fn looks_like_formula(text: &str) -> bool {
    let text = text.trim_start_matches('\'');
    match text.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !is_number(&text[1..]),
        _ => false,
    }
}

/// The text [`neutralise_formula`] was given: a leading `'` it added is removed (`import` reads
/// `synergies.csv` back with it). A `'` before any other start is the editor's own and stays.
pub fn restore_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(text) if looks_like_formula(text) => text,
        _ => cell,
    }
}

/// Digits, with at most one decimal `.` or `,` between digits.
fn is_number(text: &str) -> bool {
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote() {
        for (text, written) in [
            ("+1/2tp agent CPAS", "'+1/2tp agent CPAS"),
            ("=1+1", "'=1+1"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("-2+3", "'-2+3"),
            ("- un tiret", "'- un tiret"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("+", "'+"),
            ("-", "'-"),
            ("+32 65 40 50 00", "'+32 65 40 50 00"),
            ("-1.", "'-1."),
            ("'=1", "''=1"),
            ("''+x", "'''+x"),
        ] {
            assert_eq!(neutralise_formula(text), written, "{text:?}");
            assert_eq!(restore_formula(written), text);
        }
    }

    #[test]
    fn other_cells_and_plain_numbers_are_unchanged() {
        for text in [
            "", "Ville", "1+1", "'x", "'-3", " =1", "a=b", "-3", "+2", "-1,5", "-0.25", "12",
            "« =x »",
        ] {
            assert!(
                matches!(neutralise_formula(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
            assert_eq!(restore_formula(text), text);
        }
    }
}
