//! JSON written by hand for the records written once per fiche (`synergies.json`, the search
//! data): the same bytes as `serde_json`'s compact output, a few times faster on long texts.
//! serde_json looks every byte up in a table; here eight bytes at a time are checked for one
//! that needs escaping, and runs without any are copied whole. Tests hold both writers to the
//! same output.

/// Appends `text` as a JSON string, quotes included, escaped as `serde_json` escapes it.
pub fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    while let Some(at) = next_to_escape(bytes, copied) {
        out.extend_from_slice(&bytes[copied..at]);
        let byte = bytes[at];
        let escape = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => b'u',
        };
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xf)]);
        } else {
            out.push(b'\\');
            out.push(escape);
        }
        copied = at + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// The first byte from `from` on that needs escaping: eight bytes are checked at a time.
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(word) = bytes.get(at..at + 8) {
        let mut chunk = [0; 8];
        chunk.copy_from_slice(word);
        let found = to_escape(u64::from_le_bytes(chunk));
        if found != 0 {
            // The lowest flag is always a byte to escape (a false one only follows a true one).
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let tail = bytes.get(at..)?;
    let needs = |b: &u8| *b < 0x20 || *b == b'"' || *b == b'\\';
    tail.iter().position(needs).map(|i| at + i)
}

/// The high bit of each byte of `word` that is a control character, `"` or `\`, counting in
/// little-endian order (and maybe of bytes after the first such byte).
fn to_escape(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below n (n ≤ 128) sets its high bit in (word - n·ONES) & !word.
    let control = word.wrapping_sub(0x20 * ONES) & !word;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x;
    let quote = zero_byte(word ^ (u64::from(b'"') * ONES));
    let backslash = zero_byte(word ^ (u64::from(b'\\') * ONES));
    (control | quote | backslash) & HIGHS
}

/// Appends a JSON value that `serde_json` writes (numbers, small structures): for what is not
/// text.
pub fn value<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Into memory: cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(text: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        let cases = [
            String::new(),
            every_ascii.clone(),
            every_ascii.repeat(3)[5..].to_owned(),
            "l'œuvre « sociale » — 100 %\u{2028}\u{7f}\u{80}\u{ff}".to_owned(),
            "\"\\".repeat(20),
            format!("{}\n{}\"", "a".repeat(15), "é".repeat(9)),
            "<a href=\"../x.html\">Titre</a>\r\n\t".repeat(4),
        ];
        for text in &cases {
            assert_eq!(ours(text), serde_json::to_string(text).unwrap(), "{text:?}");
        }
        // Every position of each escaped byte within a word.
        for byte in (0u8..0x20).chain([b'"', b'\\']) {
            for at in 0..17 {
                let mut text = "x".repeat(17);
                text.replace_range(at..=at, &char::from(byte).to_string());
                assert_eq!(
                    ours(&text),
                    serde_json::to_string(&text).unwrap(),
                    "{text:?}"
                );
            }
        }
    }
}
