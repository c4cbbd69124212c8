//! Backslashes in a text. Editors paste Windows paths (`S:\Dossiers\RH`, `\\serveur\partage`)
//! and write `Ville \ CPAS`; TOML reads a backslash as the start of an escape: `\t` becomes a
//! tab, `\n` a line break, `\f` a control character, `\D` or `\ ` an error. Each of these is
//! diagnosed as what it is, a backslash to double, with the line corrected.

use super::*;

/// Why, before the corrected line.
pub const WHY: &str = "dans un texte entre guillemets, une barre oblique inverse \\ commence un \
                       caractère spécial (\\t : tabulation, \\n : saut de ligne…) ; pour écrire \
                       la barre elle-même, doublez-la";

/// The message of a text with a backslash to double.
pub fn message(key: &str) -> String {
    format!("`{key}` : une barre oblique inverse \\ s'écrit \\\\ dans un texte")
}

/// The label under the backslash.
pub const LABEL: &str = "barre oblique inverse";

/// Whether `written`, a one-line text between its straight quotes as written in the file,
/// looks like a Windows path: a drive (`S:\`), a network path (`\\serveur\…`), or words
/// joined by two backslashes or more (`Dossiers\RH\Formations`). Only then is a valid escape
/// (`\t`, `\n`…) taken for a backslash the editor meant: `"Ville\nCPAS"` alone may be a line
/// break written on purpose, and keeps its own message.
pub fn looks_like_path(written: &str) -> bool {
    let chars: Vec<char> = written.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut joining = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c != '\\' {
            continue;
        }
        let before = i.checked_sub(1).and_then(|b| chars.get(b));
        // `S:\`: a letter alone before the colon.
        if before == Some(&':')
            && i >= 2
            && chars[i - 2].is_ascii_alphabetic()
            && !word(i.checked_sub(3).and_then(|b| chars.get(b)))
        {
            return true;
        }
        // `\\serveur`: two backslashes opening the text or a word.
        if chars.get(i + 1) == Some(&'\\')
            && word(chars.get(i + 2))
            && before.is_none_or(|b| b.is_whitespace())
        {
            return true;
        }
        if word(before) && word(chars.get(i + 1)) {
            joining += 1;
        }
    }
    joining >= 2
}

/// `written` (a text between its quotes, as written) with every lone backslash doubled: a
/// `\\` or a `\"` is kept, but a `\\` opening a network path (`\\serveur\partage`) stands for
/// two backslashes and becomes four.
pub fn doubled(written: &str) -> String {
    let mut out = String::with_capacity(written.len() + 8);
    let mut chars = written.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            previous = Some(c);
            continue;
        }
        match chars.peek() {
            Some('"') => {
                out.push_str("\\\"");
                chars.next();
            }
            Some('\\') => {
                chars.next();
                let network = previous.is_none_or(char::is_whitespace)
                    && chars.peek().is_some_and(|c| c.is_alphanumeric());
                out.push_str(if network { "\\\\\\\\" } else { "\\\\" });
            }
            _ => out.push_str("\\\\"),
        }
        previous = Some('\\');
    }
    out
}

/// The first escape of `written` that a Windows path would hold by mistake (`\t`, `\n`, `\f`,
/// `\b`, `\r`): its byte offset in `written`, and whether the character it makes is refused
/// (all but the tab, in a one-line text).
pub fn path_escapes(written: &str) -> Option<(usize, bool)> {
    let mut first = None;
    let mut refused = false;
    let mut chars = written.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        match chars.next() {
            Some((_, kind @ ('t' | 'n' | 'f' | 'b' | 'r'))) => {
                first.get_or_insert(at);
                refused |= kind != 't';
            }
            Some(_) => {}
            None => break,
        }
    }
    first.map(|at| (at, refused))
}

/// The hint for a text TOML could not read because of a backslash (`"S:\Dossiers\RH"`,
/// `"Ville \ CPAS"`): `None` when doubling its lone backslashes does not make it readable.
pub(super) fn fix_text(key: &str, value: &str) -> Option<Fixed> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    if inner.starts_with('"') || !inner.contains('\\') {
        return None;
    }
    let fixed = format!("\"{}\"", doubled(inner));
    if fixed == value || !reads_alone(&fixed) {
        return None;
    }
    Some(Fixed::Lines {
        lines: vec![format!("{key} = {fixed}")],
        what: what(Code::BarreObliqueInverse, message(key), LABEL, WHY),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_are_recognised() {
        for path in [
            "S:\\temp\\formations",
            "C:\\nouveau",
            "voir (S:\\RH)",
            "\\\\serveur\\partage",
            "Dossiers\\RH\\Formations",
        ] {
            assert!(looks_like_path(path), "{path}");
        }
        for text in [
            "Ville\\nCPAS",
            "Ville \\ CPAS",
            "note: \\t",
            "ABC:\\temp",
            "\\u001b",
        ] {
            assert!(!looks_like_path(text), "{text}");
        }
    }

    #[test]
    fn lone_backslashes_are_doubled() {
        assert_eq!(doubled("S:\\temp\\formations"), "S:\\\\temp\\\\formations");
        assert_eq!(doubled("S:\\\\RH\\Plan"), "S:\\\\RH\\\\Plan");
        assert_eq!(
            doubled("\\\\serveur\\partage"),
            "\\\\\\\\serveur\\\\partage"
        );
        assert_eq!(
            doubled("dit \\\"oui\\\" \\ non"),
            "dit \\\"oui\\\" \\\\ non"
        );
        assert_eq!(doubled("fin\\"), "fin\\\\");
    }

    #[test]
    fn escapes_a_path_holds_by_mistake_are_found() {
        assert_eq!(path_escapes("S:\\temp"), Some((2, false)));
        assert_eq!(path_escapes("S:\\\\temp\\formations"), Some((8, true)));
        assert_eq!(path_escapes("S:\\\\Dossiers"), None);
    }
}
