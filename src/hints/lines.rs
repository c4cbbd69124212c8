//! The front matter cut into entries (a key line and the lines that continue its value), and
//! the repair of a front matter TOML could not read: each broken entry reported once, with its
//! corrected line, and blanked out.

use super::*;

/// One `key = value` entry of the front matter, possibly on several lines (byte ranges into
/// the front matter).
pub(super) struct Entry {
    pub(super) range: std::ops::Range<usize>,
    pub(super) key: std::ops::Range<usize>,
    pub(super) colon: bool,
    pub(super) value: std::ops::Range<usize>,
}

/// Where the key of a `key = value` (or `key : value`) line ends, and whether it is a colon.
pub(super) fn key_line(line: &str) -> Option<(usize, bool)> {
    let t = line.trim_start();
    if t.is_empty() || t.starts_with(['#', '[', '"', '\'', ']', '«', '“', '”', '‘', ',']) {
        return None;
    }
    let at = line.find(['=', ':'])?;
    let key = line[..at].trim();
    let plausible = !key.is_empty()
        && key.chars().count() <= 60
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || " _-%'’.".contains(c));
    plausible.then(|| (at, line[at..].starts_with(':')))
}

/// Brackets opened and not closed on a line (outside straight quotes), and `"""` count.
pub(super) fn depth_change(text: &str) -> (i32, usize) {
    let mut depth = 0;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            _ => {}
        }
    }
    (depth, text.matches("\"\"\"").count())
}

/// Whether `value` (the rest of a key line) opens a one-line text `"…` it does not close.
fn opens_text(value: &str) -> bool {
    let value = value.trim_start();
    if !value.starts_with('"') || value.starts_with("\"\"\"") {
        return false;
    }
    let mut quotes = 0;
    let mut escaped = false;
    for c in value.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => quotes += 1,
            // A comment after a closed text.
            '#' if quotes % 2 == 0 => break,
            _ => {}
        }
        escaped = false;
    }
    quotes % 2 == 1
}

/// How many lines after `start` continue a one-line text left open on the line before (Enter
/// pressed inside it): up to the first line that closes it (an odd number of `"`), a few lines
/// at most; 0 when a blank line, a comment, a section, a known key's line or the end comes
/// first, or no line closes it.
fn text_continuation(front: &str, start: usize, keys: &[&'static str]) -> usize {
    const MOST: usize = 3;
    for (n, line) in front[start.min(front.len())..]
        .split('\n')
        .take(MOST)
        .enumerate()
    {
        let line = line.trim_end_matches('\r');
        let t = line.trim();
        if t.is_empty() || t.starts_with(['#', '[']) || t.starts_with("+++") {
            return 0;
        }
        if let Some((at, _)) = key_line(line)
            && canonical_key(line[..at].trim(), keys).is_some()
        {
            return 0;
        }
        if line.matches('"').count() % 2 == 1 {
            return n + 1;
        }
    }
    0
}

/// Cuts the front matter into entries: a key line and the lines that continue its value (an
/// open list or `"""` text, or a one-line text the editor pressed Enter in). Other lines
/// (blank, comments, stray text) belong to none. `keys`: the keys the file accepts.
pub(super) fn entries(front: &str, keys: &[&'static str]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut open = false;
    let (mut depth, mut triple) = (0i32, 0usize);
    // Lines still to take into the entry: the rest of a one-line text cut by Enter.
    let mut cut = 0usize;
    let mut start = 0;
    while start < front.len() {
        let end = front[start..].find('\n').map_or(front.len(), |i| start + i);
        let line = front[start..end].trim_end_matches('\r');
        let line_end = start + line.len();
        let continues =
            open && (cut > 0 || triple % 2 == 1 || (depth > 0 && key_line(line).is_none()));
        if continues && cut > 0 {
            cut -= 1;
            if let Some(entry) = out.last_mut() {
                entry.range.end = line_end;
                entry.value.end = line_end;
            }
        } else if continues {
            let (d, t) = depth_change(line);
            depth += d;
            triple += t;
            if let Some(entry) = out.last_mut() {
                entry.range.end = line_end;
                entry.value.end = line_end;
            }
        } else if let Some((at, colon)) = key_line(line) {
            let key_start = start + (line.len() - line.trim_start().len());
            let key_end = start + line[..at].trim_end().len();
            let value_start = start + at + 1;
            let rest = &front[value_start..line_end];
            let value_start = value_start + (rest.len() - rest.trim_start().len());
            let (d, t) = depth_change(rest);
            (depth, triple, open) = (d, t, true);
            cut = if opens_text(rest) {
                text_continuation(front, end + 1, keys)
            } else {
                0
            };
            out.push(Entry {
                range: key_start..line_end,
                key: key_start..key_end,
                colon,
                value: value_start..line_end,
            });
        } else {
            (open, cut) = (false, 0);
        }
        start = end + 1;
    }
    out
}

/// A front matter TOML could not read, with its broken entries reported and blanked out.
pub struct Repaired {
    /// The front matter with each reported entry turned into spaces (same length: spans hold).
    pub text: String,
    /// The keys (as meant) of the entries reported.
    pub keys: Vec<&'static str>,
}

/// Reports each entry of a front matter that does not parse on its own, in the editor's words,
/// with its corrected line, and blanks it out, so that one broken line gives one error and the
/// rest of the file is still read.
pub fn repair(
    source: &crate::toml_fields::Source,
    vocab: &Vocabularies,
    schema: Schema,
    diagnostics: &mut crate::Diagnostics,
) -> Repaired {
    let keys = schema.keys;
    let front = &source.text[source.front.clone()];
    let found = entries(front, keys);
    let cx = Context {
        vocab,
        schema,
        present: found
            .iter()
            .filter_map(|e| canonical_key(&front[e.key.clone()], keys))
            .collect(),
        exact: keys
            .iter()
            .filter(|k| found.iter().any(|e| front[e.key.clone()] == ***k))
            .copied()
            .collect(),
    };
    let mut text = front.to_owned().into_bytes();
    let mut reported = Vec::new();
    for entry in &found {
        let key = &front[entry.key.clone()];
        // From the start of its line: a space pasted before the key counts too.
        let line_start = front[..entry.range.start].rfind('\n').map_or(0, |i| i + 1);
        if let Some((at, hint)) = odd_space(&front[line_start..entry.range.end], &cx) {
            let at = line_start + at;
            let width = front[at..].chars().next().map_or(1, char::len_utf8);
            let whole = line_start..entry.range.end;
            diagnostics.push(to_diagnostic(source, &hint, at..at + width, whole.clone()));
            for byte in &mut text[whole] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
            reported.extend(canonical_key(key, keys));
            continue;
        }
        let entry_text = &front[entry.range.clone()];
        // `pilote.note = "…"` reads alone, as a table `pilote`: the file's error is its clash
        // with `pilote = "…"`, and the key meant is `pilote_note`.
        if !entry.colon && !key.contains('.') && toml::de::DeTable::parse(entry_text).is_ok() {
            continue;
        }
        let Some(hint) = analyse(key, entry.colon, &front[entry.value.clone()], false, &cx) else {
            continue;
        };
        let first_line_end = front[entry.value.start..]
            .find(['\r', '\n'])
            .map_or(entry.value.end, |i| entry.value.start + i);
        let span = if hint.at_key {
            entry.key.clone()
        } else if let Some(caret) = &hint.caret {
            entry.value.start + caret.start..entry.value.start + caret.end
        } else {
            entry.value.start..first_line_end.max(entry.value.start)
        };
        diagnostics.push(to_diagnostic(source, &hint, span, entry.range.clone()));
        for byte in &mut text[entry.range.clone()] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
        reported.extend(canonical_key(key, keys));
    }
    // A line blank to the eye that holds only odd spaces (a no-break space pasted from Word)
    // is read as the blank line it looks like.
    let mut start = 0;
    for line in front.split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        if line.trim().is_empty()
            && !line.is_ascii()
            && !found
                .iter()
                .any(|e| e.range.start <= range.start && range.start < e.range.end)
        {
            for byte in &mut text[range] {
                if *byte != b'\n' && *byte != b'\r' {
                    *byte = b' ';
                }
            }
        }
    }
    Repaired {
        // Only whole entries were replaced by ASCII spaces: still UTF-8.
        text: String::from_utf8(text).unwrap_or_default(),
        keys: reported,
    }
}

/// A space TOML does not read as one: the no-break spaces Word puts before `:` or pastes with
/// a value (U+00A0, U+202F), and the other Unicode spaces.
fn is_odd_space(c: char) -> bool {
    (c.is_whitespace() && !matches!(c, ' ' | '\t' | '\n' | '\r')) || c == '\u{200b}'
}

/// What an odd space is called, in French.
fn odd_space_name(c: char) -> String {
    match c {
        '\u{a0}' => "espace insécable".to_owned(),
        '\u{202f}' => "espace fine insécable".to_owned(),
        '\u{200b}' => "espace de largeur nulle".to_owned(),
        _ => format!("espace spéciale (U+{:04X})", u32::from(c)),
    }
}

/// An entry (from the start of its line) holding an odd space outside its quotes
/// (`mis_a_jour =\u{a0}2026-11-15`, `statut\u{a0}= "Effectif"`): where the first is, and the
/// hint naming it, with the lines written with ordinary spaces (and corrected further when they
/// hold another mistake a hint knows). A `"""` text is left to TOML: its spaces are its own.
fn odd_space(entry: &str, cx: &Context) -> Option<(usize, Hint)> {
    if entry.contains("\"\"\"") {
        return None;
    }
    let mut first = None;
    let mut cleaned = String::with_capacity(entry.len());
    let mut quoted = false;
    let mut previous = ' ';
    let mut chars = entry.char_indices().peekable();
    // Only odd spaces between words (`titre = Plan de formation`) are the text's own, which
    // lacks its quotes: that is the line's mistake, said by its own hint.
    let mut between_words_only = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\n' => quoted = false,
            _ => {}
        }
        if !quoted && is_odd_space(c) {
            let next = chars.peek().map_or(' ', |&(_, n)| n);
            between_words_only &= previous.is_alphanumeric() && next.is_alphanumeric();
            first.get_or_insert((i, c));
            cleaned.push(' ');
        } else {
            cleaned.push(c);
        }
        previous = c;
    }
    let (at, space) = first?;
    if between_words_only {
        return None;
    }
    let name = odd_space_name(space);
    let mut why = vec![format!(
        "seules les espaces ordinaires séparent le nom, le signe = et la valeur : effacez cette \
         {name} invisible et tapez une espace ordinaire"
    )];
    let lines = if toml::de::DeTable::parse(&cleaned).is_ok() {
        cleaned.lines().map(|l| l.trim().to_owned()).collect()
    } else {
        let line = cleaned.trim_start();
        key_line(line)
            .and_then(|(end, colon)| analyse(&line[..end], colon, &line[end + 1..], false, cx))
            .map(|hint| {
                why.push(hint.why);
                hint.lines
            })
            .unwrap_or_default()
    };
    let key = entry
        .trim_start()
        .split(['=', ':'])
        .next()
        .unwrap_or("")
        .trim();
    Some((
        at,
        Hint {
            code: Code::EspaceInsecable,
            message: format!("`{key}` : {name} dans la ligne, souvent copiée depuis Word"),
            label: name,
            at_key: false,
            caret: None,
            why: why.join(" ; "),
            lines,
        },
    ))
}

/// The diagnostic of a hint, the caret under `span`, the fix replacing the lines of `entry`.
pub(super) fn to_diagnostic(
    source: &crate::toml_fields::Source,
    hint: &Hint,
    span: std::ops::Range<usize>,
    entry: std::ops::Range<usize>,
) -> crate::Diagnostic {
    let front = &source.text[source.front.clone()];
    let line_of = |at: usize| source.text[..source.front.start + at].matches('\n').count() + 1;
    let first = line_of(entry.start);
    let last = first + front[entry.clone()].trim_end().matches('\n').count();
    crate::Diagnostic::error(hint.code, hint.message.clone())
        .at(source.location(span))
        .label(hint.label.clone())
        .help(hint.help(first, last))
}

/// For an entry TOML read but the checks refused (`key_span`, `value_span` in the front
/// matter): the diagnostic with the corrected line, when a hint knows it.
pub fn for_entry(
    source: &crate::toml_fields::Source,
    key_span: std::ops::Range<usize>,
    value_span: std::ops::Range<usize>,
    cx: &Context,
) -> Option<crate::Diagnostic> {
    let front = &source.text[source.front.clone()];
    let start = front[..key_span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = front[value_span.end.min(front.len())..]
        .find('\n')
        .map_or(front.len(), |i| value_span.end + i);
    let key = front.get(key_span.clone())?;
    let after_key = front.get(key_span.end..end)?;
    let value = after_key.trim_start().strip_prefix('=')?;
    let value = value.trim_end_matches('\r');
    let hint = analyse(key, false, value, true, cx)?;
    if hint.lines.is_empty() && hint.code != Code::DateImpossible {
        return None;
    }
    let span = if hint.at_key { key_span } else { value_span };
    Some(to_diagnostic(source, &hint, span, start..end))
}
