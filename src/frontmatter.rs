//! Splits a file into its TOML front matter (between `+++` lines) and its Markdown body,
//! keeping byte offsets into the whole file so that every later diagnostic points at the right
//! line of the file, not of the block. Accepts a BOM, CRLF, blank lines before the first `+++`,
//! and spaces or tabs around a `+++`.

use std::ops::Range;

/// The two parts of a file, as ranges into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The TOML between the delimiters.
    pub front: Range<usize>,
    /// The Markdown after the closing delimiter.
    pub body: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// No `+++` line opens the file. `yaml` when it opens with `---` instead.
    Missing {
        first_line: Range<usize>,
        yaml: bool,
    },
    /// The opening `+++` has no closing one.
    Unclosed { opening: Range<usize> },
    /// A `+++` line with text after it (`+++ 100%`): the first line of the file (`opening`), or,
    /// when no line closes the front matter, a later one. `text` is that text's range.
    Crowded { text: Range<usize>, opening: bool },
}

/// Iterates over lines with their byte range, line ending excluded.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = start..end;
        start = end + 1;
        Some(line)
    })
}

/// Whether `line` is `delimiter` alone, spaces before or after it allowed (tabs, and the
/// no-break spaces Word pastes, too: a space around `+++` is invisible in Notepad).
pub(crate) fn is_delimiter(line: &str, delimiter: &str) -> bool {
    line.trim() == delimiter
}

/// Whether `line` begins with `+++` followed by other text (`+++ 100%`).
fn is_crowded_delimiter(line: &str) -> bool {
    line.trim_start_matches([' ', '\t'])
        .strip_prefix("+++")
        .is_some_and(|rest| !rest.trim().is_empty() && !rest.starts_with('+'))
}

/// The range of the text after the `+++` of a crowded delimiter line.
fn text_after_plus(text: &str, line: Range<usize>) -> Range<usize> {
    let shown = text[line.clone()].trim_end_matches('\r');
    let plus = line.start + shown.find("+++").unwrap_or(0);
    let after = &text[plus + 3..line.start + shown.len()];
    let start = plus + 3 + (after.len() - after.trim_start().len());
    start..line.start + shown.trim_end().len()
}

pub fn split(text: &str) -> Result<Parts, SplitError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut all = lines(text).map(|r| if r.start == 0 { bom..r.end } else { r });
    let opening = loop {
        match all.next() {
            None => {
                return Err(SplitError::Missing {
                    first_line: bom..text.len(),
                    yaml: false,
                });
            }
            Some(line) if text[line.clone()].trim().is_empty() => continue,
            Some(line) if is_delimiter(&text[line.clone()], "+++") => break line,
            Some(line) if is_crowded_delimiter(&text[line.clone()]) => {
                return Err(SplitError::Crowded {
                    text: text_after_plus(text, line),
                    opening: true,
                });
            }
            Some(line) => {
                let yaml = is_delimiter(&text[line.clone()], "---");
                let end = line.start + text[line.clone()].trim_end_matches('\r').len();
                return Err(SplitError::Missing {
                    first_line: line.start..end,
                    yaml,
                });
            }
        }
    };
    let front_start = (opening.end + 1).min(text.len());
    for line in all {
        if is_delimiter(&text[line.clone()], "+++") {
            let body_start = (line.end + 1).min(text.len());
            return Ok(Parts {
                front: front_start..line.start,
                body: body_start..text.len(),
            });
        }
    }
    // Only when no line closes the front matter: looked for on the error path alone.
    let crowded = lines(text)
        .skip_while(|line| line.start < front_start)
        .find(|line| is_crowded_delimiter(&text[line.clone()]));
    if let Some(line) = crowded {
        return Err(SplitError::Crowded {
            text: text_after_plus(text, line),
            opening: false,
        });
    }
    let opening_at = opening.start + text[opening.clone()].find("+++").unwrap_or(0);
    Err(SplitError::Unclosed {
        opening: opening_at..opening_at + 3,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (&str, &str) {
        let p = split(text).unwrap();
        (&text[p.front], &text[p.body])
    }

    #[test]
    fn splits_front_matter_and_body() {
        assert_eq!(
            parts("+++\ntitre = \"A\"\n+++\nCorps\n"),
            ("titre = \"A\"\n", "Corps\n")
        );
    }

    #[test]
    fn accepts_bom_crlf_trailing_spaces_and_leading_blank_lines() {
        let text = "\u{feff}\r\n+++ \r\ntitre = \"A\"\r\n+++\r\nCorps\r\n";
        assert_eq!(parts(text), ("titre = \"A\"\r\n", "Corps\r\n"));
    }

    #[test]
    fn accepts_spaces_before_the_delimiters() {
        let text = " +++\ntitre = \"A\"\n\t+++  \nCorps\n";
        assert_eq!(parts(text), ("titre = \"A\"\n", "Corps\n"));
    }

    #[test]
    fn accepts_no_break_spaces_around_the_delimiters() {
        let text = "+++\u{a0}\ntitre = \"A\"\n\u{202f}+++\u{a0}\nCorps\n";
        assert_eq!(parts(text), ("titre = \"A\"\n", "Corps\n"));
    }

    #[test]
    fn a_closing_line_with_text_after_is_pointed_at() {
        let text = "+++\ntitre = \"A\"\n+++ 100%\nCorps\n";
        assert_eq!(
            split(text),
            Err(SplitError::Crowded {
                text: 20..24,
                opening: false
            })
        );
        // `++++` is no delimiter followed by text; a later `+++` line closes as before.
        assert!(matches!(
            split("+++\na = 1\n++++\n"),
            Err(SplitError::Unclosed { .. })
        ));
        assert!(split("+++\na = \"\"\"\n+++ x\n\"\"\"\n+++\n").is_ok());
        assert_eq!(
            split("+++ titre = \"A\"\n+++\n"),
            Err(SplitError::Crowded {
                text: 4..15,
                opening: true
            })
        );
    }

    #[test]
    fn empty_body_and_no_final_newline() {
        assert_eq!(parts("+++\ntitre = \"A\"\n+++"), ("titre = \"A\"\n", ""));
    }

    #[test]
    fn missing_and_unclosed_are_told_apart() {
        assert_eq!(
            split("titre = \"A\"\n"),
            Err(SplitError::Missing {
                first_line: 0..11,
                yaml: false
            })
        );
        assert!(matches!(
            split("---\ntitre: A\n---\n"),
            Err(SplitError::Missing { yaml: true, .. })
        ));
        assert_eq!(
            split("\n+++\ntitre = \"A\"\n"),
            Err(SplitError::Unclosed { opening: 1..4 })
        );
        assert!(matches!(split(""), Err(SplitError::Missing { .. })));
    }
}
