//! Values as typed: quotes of every kind, numbers the French way, dates in French habits.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Quoting {
    Straight,
    Literal,
    Typographic,
    /// Opened by a straight quote, closed by a curly one (`"Plan”`): Word's autocorrect.
    CurlyEnd,
    MissingEnd,
    MissingStart,
    None,
}

/// A value's text without its quotes, and how it was quoted.
pub(super) fn unquote(value: &str) -> (String, Quoting) {
    let v = value.trim();
    let trim_odd = |s: &str| s.trim_matches(|c: char| c.is_whitespace()).to_owned();
    if let Some(rest) = v.strip_prefix("\"\"\"") {
        return (
            trim_odd(rest.strip_suffix("\"\"\"").unwrap_or(rest)),
            Quoting::Straight,
        );
    }
    for (mark, quoting) in [('"', Quoting::Straight), ('\'', Quoting::Literal)] {
        if let Some(rest) = v.strip_prefix(mark) {
            return match rest.strip_suffix(mark) {
                Some(inner) => (inner.to_owned(), quoting),
                None if mark == '"' && rest.trim_end().ends_with(['”', '“', '»']) => (
                    trim_odd(rest.trim_end().trim_end_matches(['”', '“', '»'])),
                    Quoting::CurlyEnd,
                ),
                None => (trim_odd(rest), Quoting::MissingEnd),
            };
        }
    }
    const TYPOGRAPHIC: [char; 9] = ['«', '»', '“', '”', '„', '‘', '’', '‹', '›'];
    if v.starts_with(TYPOGRAPHIC) || v.ends_with(TYPOGRAPHIC) && v.chars().count() > 1 {
        return (trim_odd(v.trim_matches(TYPOGRAPHIC)), Quoting::Typographic);
    }
    if let Some(inner) = v.strip_suffix('"') {
        return (trim_odd(inner), Quoting::MissingStart);
    }
    let v = match v.find(" #") {
        Some(i) => &v[..i],
        None => v,
    };
    (v.trim().to_owned(), Quoting::None)
}

/// A one-line text closed by its second straight quote, then more than a comment:
/// `"En cours" 50%`, `"Ville",`, `"Ville" (RH)`.
pub(super) struct AfterQuote {
    /// The text between the quotes.
    pub(super) inner: String,
    /// What follows the closing quote, trimmed, without a comment.
    pub(super) after: String,
    /// Where `after` starts and ends in the value.
    pub(super) at: std::ops::Range<usize>,
}

/// The text after a closed one-line text, when there is one and nothing else is odd about the
/// value (no escape inside, no other quote after, one line).
pub(super) fn text_after_quote(value: &str) -> Option<AfterQuote> {
    let rest = value.strip_prefix('"')?;
    if rest.starts_with("\"\"") {
        return None;
    }
    let close = rest.find('"')?;
    let inner = &rest[..close];
    if inner.contains(['\\', '\n']) {
        return None;
    }
    let start = 1 + close + 1;
    let tail = &value[start..];
    let tail = tail.find('#').map_or(tail, |i| &tail[..i]);
    let after = tail.trim();
    if after.is_empty() || after.contains(['"', '\n']) {
        return None;
    }
    let from = start + (tail.len() - tail.trim_start().len());
    Some(AfterQuote {
        inner: inner.to_owned(),
        after: after.to_owned(),
        at: from..from + after.len(),
    })
}

/// A whole number written the French way: `80%`, `"80 %"`, `80,0`, `12`. Rounded.
pub(super) fn read_number(value: &str, percent: bool) -> Option<u64> {
    let (inner, _) = unquote(value);
    let mut s: String = inner
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if percent {
        s = s
            .trim_end_matches('%')
            .trim_end_matches("pourcent")
            .trim_end_matches("pourcents")
            .to_owned();
    }
    let s = s.replace(',', ".");
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let n: f64 = s.parse().ok()?;
    (n.is_finite() && (0.0..1e9).contains(&n)).then(|| n.round() as u64)
}

pub(super) fn is_iso_date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum DateRead {
    Date(Date),
    /// A date that does not exist, and why.
    Impossible(String),
    Unknown,
}

pub(super) use crate::toml_fields::MONTHS;

pub(super) fn month_of(word: &str) -> Option<u8> {
    let w = normalize(word);
    if w.len() < 3 {
        return None;
    }
    let found = MONTHS.iter().position(|m| {
        let m = normalize(m);
        m == w || (m.starts_with(&w) && w != "ma" && w != "ju")
    })?;
    Some(found as u8 + 1)
}

/// A date in one of the forms editors type: `15/11/2026`, `15-11-2026`, `15.11.2026`,
/// `15 novembre 2026`, `1er mars 2026`, `2026-11-5`, `2026/11/15`, `15/11/26`, and an ISO date
/// with a time.
pub(super) fn read_date(value: &str) -> DateRead {
    let value = value.trim();
    // `2026-11-15T10:00:00`, `2026-11-15 10:00`: the date part.
    let value = match value.find(['T', 't']) {
        Some(i) if i >= 8 && value[..i].bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
            &value[..i]
        }
        _ => value,
    };
    let parts: Vec<&str> = value
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace() || c == '\u{a0}')
        .filter(|p| !p.is_empty())
        .collect();
    let parts = if parts.len() == 4 && parts[3].contains(':') {
        &parts[..3]
    } else {
        &parts[..]
    };
    if parts.len() != 3 {
        return DateRead::Unknown;
    }
    let number = |s: &str| -> Option<u32> {
        let s = s.strip_suffix("er").unwrap_or(s);
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month, day) = if parts[0].len() == 4 && number(parts[0]).is_some() {
        let Some(month) = number(parts[1]).or_else(|| month_of(parts[1]).map(u32::from)) else {
            return DateRead::Unknown;
        };
        match (number(parts[0]), number(parts[2])) {
            (Some(y), Some(d)) => (y, month, d),
            _ => return DateRead::Unknown,
        }
    } else {
        let Some(month) = number(parts[1]).or_else(|| month_of(parts[1]).map(u32::from)) else {
            return DateRead::Unknown;
        };
        match (number(parts[0]), number(parts[2])) {
            (Some(d), Some(y)) if parts[2].len() == 2 => (2000 + y, month, d),
            (Some(d), Some(y)) if parts[2].len() == 4 => (y, month, d),
            _ => return DateRead::Unknown,
        }
    };
    if !(1..=12).contains(&month) {
        return DateRead::Impossible(format!(
            "il n'y a pas de mois {month}, les mois vont de 1 à 12"
        ));
    }
    let days = crate::toml_fields::days_in_month(year, month);
    let name = MONTHS[month as usize - 1];
    if day == 0 || day > days {
        let why = if month == 2 && day == 29 {
            format!("il n'y a pas de 29 février en {year}")
        } else if day == 0 {
            "il n'y a pas de jour 0".to_owned()
        } else if day <= 31 {
            format!("il n'y a pas de {day} {name}")
        } else {
            format!("il n'y a pas de jour {day}, un mois a au plus 31 jours")
        };
        return DateRead::Impossible(why);
    }
    match u16::try_from(year) {
        Ok(year) => DateRead::Date(Date {
            year,
            month: month as u8,
            day: day as u8,
        }),
        Err(_) => DateRead::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: u8, d: u8) -> DateRead {
        DateRead::Date(Date {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn french_dates_are_read() {
        for text in [
            "15/11/2026",
            "15-11-2026",
            "15.11.2026",
            "15 novembre 2026",
            "15 Nov. 2026",
            "2026-11-15T10:00:00",
            "15/11/26",
            "2026/11/15",
        ] {
            assert_eq!(read_date(text), date(2026, 11, 15), "{text}");
        }
        assert_eq!(read_date("2026-11-5"), date(2026, 11, 5));
        assert_eq!(read_date("1er mars 2026"), date(2026, 3, 1));
        assert_eq!(
            read_date("31/11/2026"),
            DateRead::Impossible("il n'y a pas de 31 novembre".to_owned())
        );
        assert_eq!(
            read_date("29 février 2026"),
            DateRead::Impossible("il n'y a pas de 29 février en 2026".to_owned())
        );
        assert_eq!(read_date("29/02/2028"), date(2028, 2, 29));
        assert_eq!(read_date("bientôt"), DateRead::Unknown);
    }

    #[test]
    fn text_after_a_closing_quote_is_found() {
        let found = text_after_quote("\"En cours\", 50% # à voir").unwrap();
        assert_eq!(
            (found.inner.as_str(), found.after.as_str()),
            ("En cours", ", 50%")
        );
        assert_eq!(found.at, 10..15);
        for fine in [
            "\"Ville\"",
            "\"Ville\" # note",
            "\"\"\"Ville\"\"\" x",
            "\"a\\\"b\" x",
            "\"Ville\" et \"CPAS\"",
            "Ville",
        ] {
            assert!(text_after_quote(fine).is_none(), "{fine}");
        }
    }

    #[test]
    fn numbers_are_read_the_french_way() {
        assert_eq!(read_number("80%", true), Some(80));
        assert_eq!(read_number("\"80 %\"", true), Some(80));
        assert_eq!(read_number("80,0", true), Some(80));
        assert_eq!(read_number("beaucoup", true), None);
    }
}
