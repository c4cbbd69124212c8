//! The command line: French help, usage errors with exit code 2, `check` on a good root.

use crate::support::{BIN, Root, repo_root, run};
use std::process::Command;

fn synergies(args: &[&str]) -> crate::support::Run {
    let mut command = Command::new(BIN);
    command.args(args);
    run(command)
}

#[test]
fn help_is_in_french() {
    let help = synergies(&["--help"]).success().stdout;
    assert!(help.contains("Utilisation : synergies"), "{help}");
    assert!(help.contains("Commandes"), "{help}");
    assert!(
        help.contains("Vérifie les fiches puis construit le site"),
        "{help}"
    );
    assert!(help.contains("Affiche cette aide"), "{help}");
    let build_help = synergies(&["build", "--help"]).success().stdout;
    assert!(build_help.contains("--root <DOSSIER>"), "{build_help}");
    assert!(
        build_help.contains("Dossier où écrire le site"),
        "{build_help}"
    );
}

#[test]
fn usage_errors_exit_2_in_french() {
    let unknown = synergies(&["build", "--sortie", "x"]).failure(2);
    assert_eq!(
        unknown.stderr,
        "erreur : argument inconnu : --sortie\n\nPour l'aide : synergies --help\n"
    );
    let command = synergies(&["publier"]).failure(2);
    assert_eq!(
        command.stderr,
        "erreur : commande inconnue : publier (commandes : build, check, new, import, serve, explique, archiver)\n\nPour l'aide : synergies --help\n"
    );
    let nothing = synergies(&[]).failure(2);
    assert!(
        nothing.stderr.contains("Utilisation : synergies"),
        "{}",
        nothing.stderr
    );
}

#[test]
fn check_on_the_mons_register_finds_no_error_and_writes_nothing() {
    let root = Root::new();
    crate::support::copy_dir(&repo_root().join("content"), &root.path().join("content"));
    let result = root.run(&["check"]).success();
    assert!(
        result
            .stdout
            .starts_with("Vérification terminée : aucune erreur"),
        "{}",
        result.stdout
    );
    assert!(!root.public().exists());
}

#[test]
fn build_defaults_to_public_in_the_root_and_works_without_config_or_theme() {
    let root = Root::new()
        .file(
            "content/grh/_index.md",
            "+++\ntitre = \"Ressources humaines\"\n+++\n",
        )
        .file(
            "content/grh/plan.md",
            "+++\ntitre = \"Plan de formation\"\n+++\nFait.\n",
        );
    let result = root.build().success();
    // The summary counts every file written but the build marker.
    let files = crate::support::snapshot_dir(&root.public()).len() - 1;
    assert_eq!(
        result.stdout.trim(),
        format!(
            "Site publié dans {}/public : 1 fiche, 1 domaine, {files} fichiers.",
            root.path().display()
        )
    );
    assert!(root.public().join("domaines/grh/plan.html").is_file());
}

#[test]
fn explique_prints_a_code_and_refuses_an_unknown_one() {
    let known = synergies(&["explique", "valeur-inconnue"]).success();
    assert!(
        known
            .stdout
            .starts_with("valeur-inconnue : valeur hors de la liste admise\n\n"),
        "{}",
        known.stdout
    );
    assert!(known.stdout.contains("modes_note = \"la Ville exécute\""));
    let unknown = synergies(&["explique", "zut"]).failure(2);
    assert!(
        unknown
            .stderr
            .starts_with("erreur : code inconnu : « zut ». Codes connus :\n"),
        "{}",
        unknown.stderr
    );
    for code in synergies::diagnostic::Code::ALL {
        assert!(unknown.stderr.contains(code.as_str()), "{code}");
    }
}

#[test]
fn every_code_printed_in_a_snapshot_is_declared() {
    // Each `erreur[...]`/`avertissement[...]` in the expected diagnostics names a declared code.
    let snapshots = repo_root().join("tests/integration/snapshots");
    for entry in std::fs::read_dir(snapshots).expect("snapshots") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for part in text.split('[').skip(1) {
            let Some((code, _)) = part.split_once("] :") else {
                continue;
            };
            assert!(
                code.parse::<synergies::diagnostic::Code>().is_ok(),
                "undeclared code {code}"
            );
        }
    }
}
