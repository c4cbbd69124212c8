//! A cell's text as Markdown, so that the page shows its lines as the editor wrote them: in
//! Markdown, consecutive lines make one paragraph (« Ligne 1 Ligne 2 »). A Word paragraph, an
//! Alt+Entrée in Excel or a line break in a CSV cell becomes a paragraph of its own (a blank line
//! between); list items (« - a », « • b », « 1. c ») stay together as one list, typed bullets
//! made Markdown's `- `; a line that carries on the sentence above (no closing punctuation
//! before it and a lower-case letter opening it, or a joining « + » or « , » ending the line
//! above) stays in its paragraph. Notes (`_note` fields)
//! are shown on one line: their lines are joined by « ; » where no punctuation ends them.

/// Bullets typed before a list item (Word's « • » pasted as text, a dash): made `- `.
const TYPED_BULLETS: [char; 7] = ['•', '◦', '▪', '·', '–', '—', '\u{f0b7}'];

/// The line as a Markdown list item (`- a`, `1. a`), when it is one.
fn list_item(line: &str) -> Option<String> {
    if let Some(rest) = line.strip_prefix(['-', '*', '+'])
        && rest.starts_with([' ', '\t'])
    {
        return Some(line.to_owned());
    }
    if let Some(rest) = line.strip_prefix(TYPED_BULLETS)
        && rest.starts_with([' ', '\t'])
    {
        return Some(format!("- {}", rest.trim_start()));
    }
    // « 1. a », « 2) b »: a number of at most three digits (« 2026. » is a year).
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    ((1..=3).contains(&digits)
        && rest.starts_with(['.', ')'])
        && rest[1..].starts_with([' ', '\t']))
    .then(|| line.to_owned())
}

/// Whether `next` carries on the sentence `previous` leaves open: `previous` ends with a
/// joining mark (« (nacelle) + » then « Réalisation… »), or without closing punctuation before
/// a lower-case letter.
fn carries_on(previous: &str, next: &str) -> bool {
    if previous.ends_with([',', '+', '&', '/']) {
        return true;
    }
    let open = !previous.ends_with(['.', '!', '?', ':', ';', '»', ')']);
    open && next.chars().next().is_some_and(char::is_lowercase)
}

/// A cell's text as a Markdown body: one paragraph per line, lists kept together.
pub fn markdown(cell: &str) -> String {
    let mut out = String::new();
    // The previous line, and whether it was a list item; `None` after a blank line.
    let mut previous: Option<(String, bool)> = None;
    for line in cell.lines().map(str::trim) {
        if line.is_empty() {
            previous = None;
            continue;
        }
        let item = list_item(line);
        let text = item.clone().unwrap_or_else(|| line.to_owned());
        match &previous {
            None if out.is_empty() => {}
            None => out.push_str("\n\n"),
            Some((_, true)) if item.is_some() => out.push('\n'),
            Some((before, false)) if item.is_none() && carries_on(before, line) => out.push('\n'),
            Some(_) => out.push_str("\n\n"),
        }
        out.push_str(&text);
        previous = Some((text, item.is_some()));
    }
    out
}

/// A note's text on one line: its lines joined by a space after punctuation, else by « ; »,
/// list marks taken off (« - a / - b » is « a ; b »).
pub fn one_line(cell: &str) -> String {
    let mut out = String::new();
    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let item = list_item(line);
        let line = match &item {
            Some(item) if item.starts_with("- ") || item.starts_with(['*', '+']) => {
                item[1..].trim_start().to_owned()
            }
            _ => line.to_owned(),
        };
        let line = super::spaced(&line);
        if !out.is_empty() {
            let punctuated = out.ends_with(['.', '!', '?', ':', ';', ',']);
            out.push_str(
                if punctuated || (item.is_none() && carries_on(&out, &line)) {
                    " "
                } else {
                    " ; "
                },
            );
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs_and_lists_stay_lists() {
        assert_eq!(markdown("Ligne 1\nLigne 2"), "Ligne 1\n\nLigne 2");
        assert_eq!(markdown("  Un\n\n\n\nDeux  "), "Un\n\nDeux");
        assert_eq!(
            markdown("Equipe mixte :\n- 1 agent ville\n- 3 agents CPAS\nSuite."),
            "Equipe mixte :\n\n- 1 agent ville\n- 3 agents CPAS\n\nSuite."
        );
        assert_eq!(markdown("• un\n• deux\n– trois"), "- un\n- deux\n- trois");
        assert_eq!(
            markdown("Étapes\n1. étude\n2) marché"),
            "Étapes\n\n1. étude\n2) marché"
        );
        // A line break inside a sentence leaves it whole.
        assert_eq!(
            markdown("La main d'œuvre réalise les travaux\ncommandés par le CPAS."),
            "La main d'œuvre réalise les travaux\ncommandés par le CPAS."
        );
        assert_eq!(
            markdown("outillage (nacelle) +\nRéalisation de compositions"),
            "outillage (nacelle) +\nRéalisation de compositions"
        );
        assert_eq!(markdown("En 2026.\n2026. Suite"), "En 2026.\n\n2026. Suite");
        assert_eq!(
            markdown("-5 % de frais\n+ 2 agents"),
            "-5 % de frais\n\n+ 2 agents"
        );
        assert_eq!(markdown(""), "");
    }

    #[test]
    fn a_note_is_one_line() {
        assert_eq!(
            one_line("Ligne 1\nLigne 2 avec « guillemets »"),
            "Ligne 1 ; Ligne 2 avec « guillemets »"
        );
        assert_eq!(one_line("- a\n- b"), "a ; b");
        assert_eq!(one_line("Fin.\nDébut"), "Fin. Début");
        assert_eq!(
            one_line("pour l'étude\ndu projet"),
            "pour l'étude du projet"
        );
        assert_eq!(one_line("  a   b  "), "a b");
    }
}
