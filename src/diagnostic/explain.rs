//! What `synergies explique` prints: a code's title and explanation, the list of codes when a
//! code is not understood, and the questions it asks when run without a code (from the Windows
//! launchers, after a check that found errors).

use std::io::{self, BufRead, Write};

use super::Code;

/// A code's title and explanation, as `synergies explique CODE` prints them.
pub fn explanation(code: Code) -> String {
    format!("{code} : {}\n\n{}\n", code.title(), code.explanation())
}

/// The explanation of each kind of error among `diagnostics`, once each, in the order they
/// first appear: what `serve`'s error panel offers under the errors.
pub fn of_errors(diagnostics: &super::Diagnostics) -> String {
    let mut seen = Vec::new();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        if !seen.contains(&d.code) {
            seen.push(d.code);
        }
    }
    let texts: Vec<String> = seen.into_iter().map(explanation).collect();
    texts.join("\n")
}

/// Every code with its title, one a line, for a code that was not understood.
pub fn list() -> String {
    let width = Code::ALL
        .iter()
        .map(|c| c.as_str().len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for code in Code::ALL {
        text.push_str(&format!("  {:<width$}  {}\n", code.as_str(), code.title()));
    }
    text
}

/// The code nearest to a word that is not one, when one is near enough to be the one meant
/// (a letter missing or swapped).
pub fn nearest(text: &str) -> Option<Code> {
    let wanted = text.trim().trim_matches(['[', ']']).to_lowercase();
    let near = super::nearest(&wanted, Code::ALL.iter().map(|c| c.as_str()), 0.9)?;
    Code::ALL.iter().copied().find(|c| c.as_str() == near)
}

/// Asks for codes one after the other and explains each, until an empty answer or the end of
/// the input. A word that is not a code is answered with the nearest code or the list, and the
/// question comes again.
pub fn ask(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<()> {
    loop {
        write!(
            output,
            "\nCode à expliquer (le mot entre crochets, par exemple valeur-inconnue ; \
             Entrée seule pour terminer) : "
        )?;
        output.flush()?;
        let mut answer = String::new();
        if input.read_line(&mut answer)? == 0 || answer.trim().is_empty() {
            writeln!(output)?;
            return Ok(());
        }
        let answer = answer.trim();
        match answer.parse::<Code>() {
            Ok(code) => write!(output, "\n{}", explanation(code))?,
            Err(()) => match nearest(answer) {
                Some(code) => write!(
                    output,
                    "« {answer} » n'est pas un code ; le plus proche est {code} :\n\n{}",
                    explanation(code)
                )?,
                None => write!(
                    output,
                    "« {answer} » n'est pas un code. Les codes :\n{}",
                    list()
                )?,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(typed: &str) -> String {
        let mut output = Vec::new();
        ask(&mut typed.as_bytes(), &mut output).expect("writing to a Vec");
        String::from_utf8(output).expect("UTF-8")
    }

    #[test]
    fn each_code_typed_is_explained_until_an_empty_answer() {
        let shown = asked("valeur-inconnue\nerreur[cle-inconnue] :\n\nsyntaxe\n");
        let valeur = explanation(Code::ValeurInconnue);
        let champ = explanation(Code::CleInconnue);
        let at_valeur = shown.find(&valeur).expect("valeur-inconnue explained");
        let at_champ = shown.find(&champ).expect("cle-inconnue explained");
        assert!(at_valeur < at_champ);
        // The empty answer ended the questions: the code after it is not read.
        assert_eq!(shown.matches("Code à expliquer").count(), 3, "{shown}");
        assert!(!shown.contains("syntaxe :"), "{shown}");
    }

    #[test]
    fn a_misspelt_code_gets_the_nearest_and_a_word_far_from_any_the_list() {
        let shown = asked("valeur-inconue\nbonjour");
        assert!(
            shown.contains(&format!(
                "« valeur-inconue » n'est pas un code ; le plus proche est valeur-inconnue :\n\n{}",
                explanation(Code::ValeurInconnue)
            )),
            "{shown}"
        );
        assert!(
            shown.contains(&format!(
                "« bonjour » n'est pas un code. Les codes :\n{}",
                list()
            )),
            "{shown}"
        );
        // The end of the input ends the questions too.
        assert_eq!(shown.matches("Code à expliquer").count(), 3, "{shown}");
    }

    #[test]
    fn the_errors_are_explained_once_each_kind_in_order_and_warnings_not() {
        use super::super::{Diagnostic, Diagnostics};
        let diagnostics: Diagnostics = [
            Diagnostic::error(Code::ValeurInconnue, "a".to_owned()),
            Diagnostic::warning(Code::Incomplet, "b".to_owned()),
            Diagnostic::error(Code::Guillemets, "c".to_owned()),
            Diagnostic::error(Code::ValeurInconnue, "d".to_owned()),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            of_errors(&diagnostics),
            format!(
                "{}\n{}",
                explanation(Code::ValeurInconnue),
                explanation(Code::Guillemets)
            )
        );
        assert_eq!(of_errors(&Diagnostics::default()), "");
    }

    #[test]
    fn the_list_names_every_code_once() {
        let list = list();
        assert_eq!(list.lines().count(), Code::ALL.len());
        for code in Code::ALL {
            assert!(list.contains(&format!("  {code} ")), "{code}");
        }
        // The titles in one column, even after the longest code.
        let starts: Vec<usize> = list
            .lines()
            .map(|line| {
                let code_end = 2 + line[2..].find(' ').unwrap_or(0);
                code_end + line[code_end..].find(|c: char| c != ' ').unwrap_or(0)
            })
            .collect();
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{list}");
    }
}
