//! `synergies import`: Excel's CSV (Windows-1252, `;`, quoted multi-line cells), other
//! separators, `--dry-run`, never overwriting, and export → import reproducing `content/`.

use std::fs;

use crate::support::{Root, copy_dir, repo_root, snapshot_dir};

fn fixture(name: &str) -> String {
    repo_root()
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn import(root: &Root, csv: &str, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["import", csv, "--root", root.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    root.run(&args)
}

#[test]
fn an_excel_csv_from_windows_becomes_fiches_that_pass_check() {
    let root = Root::new();
    let run = import(&root, &fixture("excel-fr-be.csv"), &[]).success();
    insta::assert_snapshot!(
        "import_report",
        run.stdout.replace(&fixture(""), "[FIXTURES]/")
    );
    let files = snapshot_dir(&root.path().join("content"));
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "a-classer/_index.md",
            "a-classer/service-communication.md",
            "grh/_index.md",
            "grh/formations-bureautiques-des-agents.md",
            "service-technique-cpas/_index.md",
            "service-technique-cpas/service-des-batiments-vm.md",
            "social/_index.md",
            "social/gardiens-de-la-paix.md",
        ]
    );
    let text = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    assert_eq!(
        text("service-technique-cpas/service-des-batiments-vm.md"),
        "+++\ntitre = \"Service des bâtiments VM\"\n\
         objectifs = [\"Satisfaction du citoyen\", \"Performance administrative\", \"Moyens\"]\n\
         modes = [\"Coopératif\", \"Délégatif\"]\n\
         modes_note = \"Coopératif (pour l'étude du projet) + délégatif (pour exécution des travaux)\"\n\
         pilote = \"Les deux\"\nresponsable = \"Les deux\"\n+++\n\
         La main d'œuvre communale réalise les travaux\ncommandés par le CPAS via « Travaux Verts ».\n"
    );
    assert_eq!(text("grh/_index.md"), "+++\ntitre = \"GRH\"\n+++\n");
    root.run(&["check"]).success();
    root.build().success();
}

#[test]
fn comma_and_tab_separated_files_are_detected() {
    for name in ["virgules.csv", "tabulations.csv"] {
        let root = Root::new();
        let run = import(&root, &fixture(name), &[]).success();
        let separator = if name == "virgules.csv" {
            "virgule"
        } else {
            "tabulation"
        };
        assert!(
            run.stdout.starts_with(&format!(
                "Import de {} : CSV, encodage UTF-8, séparateur {separator}.\n",
                fixture(name)
            )),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout
                .ends_with("Import terminé : 2 lignes lues, 2 fiches créées.\n"),
            "{}",
            run.stdout
        );
        root.run(&["check"]).success();
    }
}

#[test]
fn dry_run_writes_nothing() {
    let root = Root::new();
    let run = import(&root, &fixture("excel-fr-be.csv"), &["--dry-run"]).success();
    assert!(
        run.stdout.ends_with(
            "Simulation terminée, rien n'a été écrit : 4 lignes lues, 4 fiches à créer.\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read_dir(root.path()).unwrap().count(), 0);
}

#[test]
fn an_existing_fiche_is_never_overwritten() {
    let mine = "+++\ntitre = \"Ma version\"\n+++\nÀ garder.\n";
    let root = Root::new().file("content/social/gardiens-de-la-paix.md", mine);
    let run = import(&root, &fixture("excel-fr-be.csv"), &[]).success();
    assert!(
        run.stdout.contains(
            "ligne 4 → content/social/gardiens-de-la-paix.md : existe déjà, non remplacée.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("3 fiches créées.\n"), "{}", run.stdout);
    assert_eq!(
        fs::read_to_string(root.path().join("content/social/gardiens-de-la-paix.md")).unwrap(),
        mine
    );
}

#[test]
fn a_table_without_a_title_column_is_refused() {
    let root = Root::new();
    let run = import(&root, &fixture("sans-titre.csv"), &[]).failure(1);
    assert_eq!(
        run.stderr.replace(&fixture(""), "[FIXTURES]/"),
        "erreur[colonne-titre-absente] : aucune colonne ne donne le nom des synergies\n \
         --> [FIXTURES]/sans-titre.csv\n  = note : colonnes trouvées : Objectif | Mode\n  \
         = aide : nommez la colonne des synergies « Synergie ou groupe de synergies » ou « Titre », \
         dans la première ligne du tableau\n\n\
         Échec de l'import : rien n'a été écrit.\n"
    );
    assert_eq!(fs::read_dir(root.path()).unwrap().count(), 0);
}

#[test]
fn export_then_import_gives_back_the_same_register() {
    let original = Root::new();
    copy_dir(
        &repo_root().join("content"),
        &original.path().join("content"),
    );
    original.build().success();
    let copy = Root::new();
    let csv = original.public().join("synergies.csv");
    import(&copy, csv.to_str().unwrap(), &[]).success();
    // File for file, byte for byte: same domains, same fiches, same fields, same bodies.
    assert_eq!(
        snapshot_dir(&copy.path().join("content")),
        snapshot_dir(&original.path().join("content"))
    );
    // And the register read back is the same, field for field.
    let a = synergies::check(original.path()).0.unwrap();
    let b = synergies::check(copy.path()).0.unwrap();
    assert_eq!(format!("{:?}", a.fiches), format!("{:?}", b.fiches));
    assert_eq!(format!("{:?}", a.domains), format!("{:?}", b.domains));
}
