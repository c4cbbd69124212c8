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
        "erreur : commande inconnue : publier (commandes : build, check, init, new, import, serve, explique, archiver)\n\nPour l'aide : synergies --help\n"
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
fn explique_reads_a_code_copied_with_its_brackets_and_names_the_nearest_to_a_typo() {
    let plain = synergies(&["explique", "valeur-inconnue"]).success();
    let copied = synergies(&["explique", "erreur[valeur-inconnue] :"]).success();
    assert_eq!(copied.stdout, plain.stdout);
    let typo = synergies(&["explique", "valeur-inconue"]).failure(2);
    assert!(
        typo.stderr.starts_with(
            "erreur : code inconnu : « valeur-inconue ». Vouliez-vous dire valeur-inconnue ? Codes connus :\n"
        ),
        "{}",
        typo.stderr
    );
    assert_eq!(typo.stdout, "");
}

#[test]
fn explique_without_a_code_asks_for_codes_only_when_it_may_ask() {
    // Nothing to ask from (no terminal, no launcher): a usage error that shows how.
    let usage = synergies(&["explique"]).failure(2);
    assert!(
        usage.stderr.starts_with(
            "erreur : indiquez le code à expliquer, par exemple :\n  synergies explique valeur-inconnue\nCodes connus :\n"
        ),
        "{}",
        usage.stderr
    );
    // From a launcher: one code after the other, until an empty answer.
    let mut child = Command::new(BIN)
        .arg("explique")
        .env("SYNERGIES_INTERACTIF", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start synergies");
    std::io::Write::write_all(
        &mut child.stdin.take().expect("stdin"),
        b"[cle-inconnue]\nvaleur-inconnue\n\n",
    )
    .expect("answers");
    let output = child.wait_with_output().expect("wait");
    let shown = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(output.status.code(), Some(0), "{shown}");
    let explained = |code: &str| synergies(&["explique", code]).success().stdout;
    let cle = shown
        .find(&explained("cle-inconnue"))
        .expect("cle-inconnue explained");
    let valeur = shown
        .find(&explained("valeur-inconnue"))
        .expect("valeur-inconnue explained");
    assert!(cle < valeur, "{shown}");
    assert_eq!(shown.matches("Code à expliquer (").count(), 3, "{shown}");
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

/// A register with one error in `plan.md`, a warning in `b.md` (sorted before it) and a
/// fiche Notepad saved as `.md.txt`.
fn hurried_root() -> Root {
    Root::new()
        .file(
            "content/grh/plan.md",
            "+++\ntitre = \"Plan\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Délégatif\"]\npilote = \"Ville\"\n\
             responsable = \"DG Ville\"\nstatut = \"En cours\"\nmis_a_jour = 15/11/2026\nvoir_aussi = [\"grh/b\"]\n+++\nTexte.\n",
        )
        .file("content/grh/b.md", "+++\ntitre = \"B\"\n+++\nTexte.\n")
        .file("content/grh/notes.md.txt", "+++\ntitre = \"Notes\"\n+++\n")
}

#[test]
fn check_prints_errors_then_warnings_then_one_closing_line() {
    let root = hurried_root();
    let run = root.run(&["check"]).failure(1);
    let stderr = run.stderr_in(&root);
    let heads: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            l.starts_with("erreur")
                || l.starts_with("avertissement")
                || l.starts_with("Vérification")
        })
        .collect();
    assert_eq!(
        heads,
        [
            "erreur[date-mal-ecrite] : `mis_a_jour` : la date « 15/11/2026 » doit s'écrire 2026-11-15",
            "avertissement[incomplet] : non renseigné : objectifs, modes, pilote, responsable, statut",
            "avertissement[fichier-ignore] : `notes.md.txt` n'est pas publié : le Bloc-notes a ajouté « .txt » à son nom",
            "Vérification : 1 erreur dans content/grh/plan.md ; 2 avertissements. Pour le détail d'une erreur : synergies explique CODE (le code entre crochets).",
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("  = aide : renommez-le `notes.md` (dans l'Explorateur, cochez Affichage > Extensions de noms de fichiers pour voir le « .txt »)\n"),
        "{stderr}"
    );
    assert!(!root.public().exists());
}

#[test]
fn check_erreurs_hides_warnings_but_not_an_unpublished_fiche() {
    let root = hurried_root();
    for flag in ["--erreurs", "-q"] {
        let stderr = root.run(&["check", flag]).failure(1).stderr_in(&root);
        assert!(!stderr.contains("avertissement[incomplet]"), "{stderr}");
        assert!(stderr.contains("avertissement[fichier-ignore]"), "{stderr}");
        assert!(
            stderr.ends_with(
                "Vérification : 1 erreur dans content/grh/plan.md ; 2 avertissements, dont 1 non affiché (sans --erreurs pour les voir). Pour le détail d'une erreur : synergies explique CODE (le code entre crochets).\n"
            ),
            "{stderr}"
        );
    }
}

#[test]
fn check_named_fiches_reports_only_them_and_their_references_resolve() {
    let root = hurried_root();
    let b = root.path().join("content/grh/b.md");
    let run = root
        .run(&["check", b.to_str().unwrap(), "--erreurs"])
        .success();
    assert_eq!(
        run.stdout,
        "Vérification terminée : aucune erreur, 1 avertissement non affiché (sans --erreurs pour les voir).\n"
    );
    // plan.md refers to grh/b: its reference resolves, only its own date is reported.
    let plan = root.path().join("content/grh/plan.md");
    let run = root.run(&["check", plan.to_str().unwrap()]).failure(1);
    assert_eq!(
        run.stderr_in(&root).matches("erreur[").count(),
        1,
        "{}",
        run.stderr
    );
    let missing = root.run(&["check", "content/grh/absente.md"]).failure(2);
    assert_eq!(
        missing.stderr,
        "erreur : fiche introuvable : content/grh/absente.md\n"
    );
}

#[test]
fn every_help_page_is_french() {
    for command in [
        &[][..],
        &["build"],
        &["check"],
        &["new"],
        &["init"],
        &["import"],
        &["serve"],
        &["explique"],
        &["archiver"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let help = synergies(&args).success().stdout;
        for english in [
            "Options:",
            "Arguments:",
            "Commands:",
            "Usage",
            "[default",
            "[OPTIONS]",
            "<COMMAND>",
        ] {
            assert!(!help.contains(english), "{args:?} shows {english}:\n{help}");
        }
        assert!(help.contains("Utilisation : synergies"), "{help}");
        assert!(help.contains("Options :\n"), "{help}");
    }
}
