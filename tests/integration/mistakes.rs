//! The natural-mistake corpus: every file of `tests/fixtures/mistakes/` is one complete fiche
//! with one mistake an editor makes in Notepad (a French date, `80%`, « », a list written as
//! text, a misspelt key…). For each: `check` prints the exact diagnostic (snapshot), and the
//! corrected line(s) its hint gives, copied into the file, make the error go away.

use std::fs;
use std::path::Path;

use crate::support::{Root, assert_same_bytes};

/// Mistakes with no sure correction: the hint says why, without a line to copy.
const NO_FIX: [&str; 8] = [
    "date-impossible.md",
    "date-incomplete.md",
    "date-impossible-iso.md",
    "valeur-inconnue-sans-proposition.md",
    "titre-sans-valeur.md",
    "avancement-texte-vide.md",
    // Which of the two lines is right, only the editor knows.
    "cle-en-double.md",
    // How large an order number should be, only the editor knows.
    "ordre-trop-grand.md",
];

fn root_with(path: &Path) -> (Root, String) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(path).unwrap();
    let root = Root::new().file(&format!("content/grh/{name}"), &text);
    (root, name)
}

/// Each error's line and help, as `check` printed them.
fn errors(stderr: &str) -> Vec<(usize, Option<String>)> {
    let mut out: Vec<(usize, Option<String>)> = Vec::new();
    let mut in_error = false;
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if line.starts_with("erreur[") {
            in_error = true;
            out.push((0, None));
        } else if line.starts_with("avertissement[") {
            in_error = false;
        } else if in_error && let Some(at) = trimmed.strip_prefix("--> ") {
            let number = at.split(':').nth(1).and_then(|n| n.parse().ok());
            if let Some(last) = out.last_mut() {
                last.0 = number.unwrap_or(0);
            }
        } else if in_error
            && let Some(help) = trimmed.strip_prefix("= aide : ")
            && let Some(last) = out.last_mut()
        {
            last.1 = Some(help.to_owned());
        }
    }
    out
}

#[test]
fn the_corpus_has_at_least_forty_mistakes() {
    let count = fs::read_dir(crate::support::repo_root().join("tests/fixtures/mistakes"))
        .unwrap()
        .count();
    assert!(count >= 40, "{count} cases");
}

#[test]
fn each_mistake_gets_its_diagnostic() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mistakes"),
        "*.md",
        |path| {
            let (root, name) = root_with(path);
            let before = fs::read(root.path().join("content/grh").join(&name)).unwrap();
            let check = root.run(&["check"]);
            assert_eq!(check.code, 1, "{name}: {}", check.stderr);
            assert!(!root.public().exists(), "{name}: check wrote public/");
            assert_same_bytes(
                &before,
                &fs::read(root.path().join("content/grh").join(&name)).unwrap(),
                &name,
            );
            insta::assert_snapshot!(check.stderr_in(&root));
        }
    );
}

#[test]
fn each_hint_applied_fixes_its_mistake() {
    // Every case runs and the failures are told together (not `insta::glob!`: its failure
    // count is shared with the snapshot test running at the same time).
    let mut failures = Vec::new();
    let mut paths: Vec<_> =
        fs::read_dir(crate::support::repo_root().join("tests/fixtures/mistakes"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    paths.sort();
    for path in paths {
        let path = path.as_path();
        {
            let (root, name) = root_with(path);
            let file = root.path().join("content/grh").join(&name);
            let check = root.run(&["check"]);
            let found = errors(&check.stderr);
            if found.is_empty() {
                failures.push(format!("{name}: no error\n{}", check.stderr));
                continue;
            }
            let mut replacements = Vec::new();
            for (line, help) in &found {
                let help = help.clone().unwrap_or_default();
                match synergies::hints::replacement(&help, *line) {
                    Some(r) => replacements.push(r),
                    None if NO_FIX.contains(&name.as_str()) => {}
                    None => failures.push(format!("{name}: no line to copy in « {help} »")),
                }
            }
            if NO_FIX.contains(&name.as_str()) {
                if !replacements.is_empty() {
                    failures.push(format!("{name}: a fix was expected to be missing"));
                }
                continue;
            }
            // From the bottom up, so that earlier line numbers still hold.
            replacements.sort_by_key(|r| std::cmp::Reverse(r.0));
            let text = fs::read_to_string(&file).unwrap();
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            for (first, last, new) in replacements {
                lines.splice(first - 1..last, new);
            }
            fs::write(&file, lines.join("\n") + "\n").unwrap();
            let again = root.run(&["check"]);
            if again.code != 0 {
                failures.push(format!(
                    "{name}: still failing once fixed:\n{}\n{}",
                    lines.join("\n"),
                    again.stderr
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `synergies.toml`'s settings get the same line-level hints as a fiche: each broken line
/// before the first section, with its corrected line; applied, they make the file pass.
#[test]
fn synergies_toml_settings_get_their_corrected_lines() {
    let settings = "titre = Registre des synergies\ncommune : \"Ville de Quaregnon\"\n\
                    cpas = \"CPAS de Quaregnon\nsituation_au = 15/11/2026\n\n\
                    [libelles.statut]\neffectif = \"Réalisé\"\n";
    let root = Root::new()
        .file(
            "content/grh/plan.md",
            "+++\ntitre = \"Plan de formation\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Délégatif\"]\n\
             pilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"Effectif\"\n+++\nFait.\n",
        )
        .file("synergies.toml", settings);
    let check = root.run(&["check"]).failure(1);
    assert_eq!(
        check.stderr_in(&root),
        "erreur[guillemets] : `titre` : un texte doit être entre guillemets
 --> synergies.toml:1:9
  |
1 | titre = Registre des synergies
  |         ^^^^^^^^^^^^^^^^^^^^^^ guillemets manquants
  = aide : un texte s'écrit entre guillemets droits \"…\" ; remplacez la ligne par : `titre = \"Registre des synergies\"`

erreur[signe-egal] : `commune :` — il faut le signe `=` entre le nom du champ et sa valeur
 --> synergies.toml:2:1
  |
2 | commune : \"Ville de Quaregnon\"
  | ^^^^^^^ `=` attendu
  = aide : chaque ligne s'écrit nom = valeur, avec le signe = ; remplacez la ligne par : `commune = \"Ville de Quaregnon\"`

erreur[guillemets] : `cpas` : texte non fermé, il manque le guillemet de fin
 --> synergies.toml:3:8
  |
3 | cpas = \"CPAS de Quaregnon
  |        ^^^^^^^^^^^^^^^^^^ guillemet de fin manquant
  = aide : un texte s'écrit entre deux guillemets droits \", sur la même ligne ; remplacez la ligne par : `cpas = \"CPAS de Quaregnon\"`

erreur[date-mal-ecrite] : `situation_au` : la date « 15/11/2026 » doit s'écrire 2026-11-15
 --> synergies.toml:4:16
  |
4 | situation_au = 15/11/2026
  |                ^^^^^^^^^^ date mal écrite
  = aide : une date s'écrit année-mois-jour (AAAA-MM-JJ), sans guillemets ; remplacez la ligne par : `situation_au = 2026-11-15`

Vérification : 4 erreurs dans synergies.toml ; 0 avertissement. Pour le détail d'une erreur : synergies explique CODE (le code entre crochets).
"
    );
    assert_eq!(
        fs::read_to_string(root.path().join("synergies.toml")).unwrap(),
        settings
    );
    assert!(!root.public().exists());
    let mut lines: Vec<String> = settings.lines().map(str::to_owned).collect();
    for (line, help) in errors(&check.stderr) {
        let help = help.unwrap_or_default();
        let (first, last, new) =
            synergies::hints::replacement(&help, line).expect("a line to copy");
        assert_eq!((first, last, new.len()), (line, line, 1), "{help}");
        lines[line - 1] = new[0].clone();
    }
    fs::write(root.path().join("synergies.toml"), lines.join("\n") + "\n").unwrap();
    root.run(&["check"]).success();
}
