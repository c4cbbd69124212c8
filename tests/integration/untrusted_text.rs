//! Text from the register's files that must not act: control characters in front matter are
//! errors, in bodies they never reach the HTML, and the terminal never gets them raw.

use std::fs;

use crate::support::{Root, assert_same_files, snapshot_dir};

/// Every control character but tab, LF and CR (C0, DEL, C1) found in `text`.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

#[test]
fn control_bytes_in_a_body_are_never_written_to_a_page() {
    let body = "Un \u{0}nul, \u{1b}[2J échappement, \u{7f}, \u{9b}31m, &#27; et ";
    let root = Root::new()
        .file(
            "content/grh/_index.md",
            "+++\ntitre = \"GRH\"\n+++\nDomaine \u{1b}[1m.\n",
        )
        .file(
            "content/grh/a.md",
            &format!("+++\ntitre = \"A\"\n+++\n{body}*fin*.\n"),
        )
        .file(
            "content/grh/b.md",
            &format!("+++\ntitre = \"B\"\n+++\n{body}<b>\u{7}</b>.\n"),
        );
    let run = root.build().success();
    assert!(controls(&run.stdout).is_empty() && controls(&run.stderr).is_empty());
    let files = snapshot_dir(&root.public());
    let page = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    // Each control character becomes U+FFFD; a NUL in raw HTML is dropped by the HTML parser
    // that sanitises it, as browsers drop it.
    let a = page("domaines/grh/a.html");
    assert!(
        a.contains("Un \u{fffd}nul, \u{fffd}[2J échappement, \u{fffd}, \u{fffd}31m, \u{fffd} et <em>fin</em>."),
        "{a}"
    );
    let b = page("domaines/grh/b.html");
    assert!(
        b.contains(
            "Un nul, \u{fffd}[2J échappement, \u{fffd}, \u{fffd}31m, \u{fffd} et <b>\u{fffd}</b>."
        ),
        "{b}"
    );
    for (path, bytes) in &files {
        if [".html", ".js"].iter().any(|e| path.ends_with(e)) {
            let text = String::from_utf8(bytes.clone()).unwrap();
            assert_eq!(controls(&text), Vec::<char>::new(), "{path}");
        }
    }
}

#[test]
fn a_control_character_in_the_front_matter_is_an_error_and_never_reaches_the_terminal() {
    let root = Root::new().file(
        "content/grh/a.md",
        "+++\ntitre = \"Plan \u{1b}]0;pwned\u{7}\"\nstatut = \"\\u001b[2J\"\n+++\nTexte.\n",
    );
    let run = root.build().failure(1);
    assert!(!root.public().exists());
    assert_eq!(controls(&run.stderr), Vec::<char>::new());
    assert_eq!(
        run.stderr_in(&root),
        "erreur[caractere-de-controle] : caractère de contrôle U+001B (échappement) interdit dans un texte
 --> content/grh/a.md:2:15
  |
2 | titre = \"Plan \\u{1b}]0;pwned\\u{7}\"
  |               ^^^^^^ caractère invisible
  = aide : supprimez ce caractère, souvent collé depuis un autre logiciel ; au besoin, retapez le texte à la main

Échec : 1 erreur dans content/grh/a.md. Rien n'a été publié.
"
    );
    // Once the raw characters are gone, the escape is found, and the unknown value it made is
    // printed escaped too.
    fs::write(
        root.path().join("content/grh/a.md"),
        "+++\ntitre = \"Plan\"\nstatut = \"\\u001b[2J\"\n+++\nTexte.\n",
    )
    .unwrap();
    let run = root.build().failure(1);
    assert_eq!(controls(&run.stderr), Vec::<char>::new());
    let stderr = run.stderr_in(&root);
    assert!(
        stderr.contains(
            "erreur[caractere-de-controle] : caractère de contrôle U+001B (échappement) interdit dans un texte
 --> content/grh/a.md:3:11
  |
3 | statut = \"\\u001b[2J\"
  |           ^^^^^^ caractère invisible
"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("« \\u{1b}[2J »"), "{stderr}");
}

#[test]
fn a_body_nested_too_deep_is_an_error_not_a_slow_build() {
    // 100,000 nested elements: sanitising them would take close to a minute.
    let body = format!(
        "Texte.\n\n{}fin{}\n",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let root = Root::new()
        .file(
            "content/grh/a.md",
            &format!("+++\ntitre = \"Plan\"\n+++\n{body}"),
        )
        .file("public/.synergies-build", "")
        .file("public/index.html", "site précédent\n");
    let before = snapshot_dir(&root.public());
    let run = root.build().failure(1);
    assert_same_files(&before, &snapshot_dir(&root.public()), "public/");
    let stderr = run.stderr_in(&root);
    // The line is shown cut around the 65th `<div>`, marked.
    let shown = format!("…{}", "<div>".repeat(40));
    assert_eq!(
        stderr,
        format!(
            "erreur[imbrication-trop-profonde] : le texte imbrique plus de 64 éléments les uns dans les autres
 --> content/grh/a.md:6:321
  |
6 | {shown}…
  | {}^^^^^ 64 niveaux dépassés ici
  = aide : fermez chaque balise HTML ouverte (<div> … </div>) et réduisez l'imbrication des listes et citations

Échec : 1 erreur dans content/grh/a.md. Rien n'a été publié ; le site précédent reste en place.
",
            " ".repeat(61)
        )
    );
    // `check` finds it too: the same diagnostic, then its own summary.
    let check = root.run(&["check"]).failure(1).stderr_in(&root);
    let diagnostic = &stderr[..stderr.find("\nÉchec").unwrap()];
    assert!(check.starts_with(diagnostic), "{check}");
}
