//! `synergies import`: Excel's CSV (Windows-1252, `;`, quoted multi-line cells), other
//! separators, `--dry-run`, never overwriting, and export → import reproducing `content/`.

use std::fs;

use crate::support::{
    Root, assert_same_files, assert_same_tree, copy_dir, repo_root, snapshot_dir,
};

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
    let root = Root::register();
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

/// The same table as an Excel 97-2003 workbook (`excel-fr-be.xls`, made by `make_xls.py`), on
/// its second sheet after a sheet of notes: the same fiches as from the CSV.
#[test]
fn an_old_excel_workbook_gives_the_fiches_its_csv_gives() {
    let from_csv = Root::register();
    import(&from_csv, &fixture("excel-fr-be.csv"), &[]).success();
    let root = Root::register();
    let run = import(&root, &fixture("excel-fr-be.xls"), &[]).success();
    assert!(
        run.stdout.starts_with(&format!(
            "Import de {} : feuille « Registre 2026 ».\n\
             feuille « Registre 2026 », ligne 2 → content/grh/formations-bureautiques-des-agents.md\n",
            fixture("excel-fr-be.xls")
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("Import terminé : 4 lignes lues, 4 fiches créées.\n"),
        "{}",
        run.stdout
    );
    assert_same_tree(
        &from_csv.path().join("content"),
        &root.path().join("content"),
    );
    root.run(&["check"]).success();
}

#[test]
fn comma_and_tab_separated_files_are_detected() {
    for name in ["virgules.csv", "tabulations.csv"] {
        let root = Root::register();
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
    let root = Root::register();
    let run = import(&root, &fixture("excel-fr-be.csv"), &["--dry-run"]).success();
    assert!(
        run.stdout.ends_with(
            "Simulation terminée, rien n'a été écrit : 4 lignes lues, 4 fiches à créer.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(root.content_is_empty());
}

#[test]
fn an_existing_fiche_is_never_overwritten() {
    let mine = "+++\ntitre = \"Ma version\"\n+++\nÀ garder.\n";
    let root = Root::register().file("content/social/gardiens-de-la-paix.md", mine);
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
    let root = Root::register();
    let run = import(&root, &fixture("sans-titre.csv"), &[]).failure(1);
    assert_eq!(
        run.stderr.replace(&fixture(""), "[FIXTURES]/"),
        "erreur[colonne-titre-absente] : aucune colonne ne donne le nom des synergies\n \
         --> [FIXTURES]/sans-titre.csv\n  = note : colonnes trouvées (ligne 1) : Objectif | Mode\n  \
         = aide : nommez la colonne des synergies « Synergie », « Synergie ou groupe de \
         synergies », « Intitulé » ou « Titre », dans la ligne des titres de colonnes (une des 10 \
         premières lignes du tableau)\n\n\
         Échec de l'import : rien n'a été écrit.\n"
    );
    assert!(root.content_is_empty());
}

#[test]
fn export_then_import_gives_back_the_same_register() {
    let original = Root::register();
    copy_dir(
        &repo_root().join("content"),
        &original.path().join("content"),
    );
    original.build().success();
    let copy = Root::register();
    let csv = original.public().join("synergies.csv");
    import(&copy, csv.to_str().unwrap(), &[]).success();
    // File for file, byte for byte: same domains, same fiches, same fields, same bodies.
    assert_same_tree(
        &copy.path().join("content"),
        &original.path().join("content"),
    );
    // And the register read back is the same, field for field.
    let a = synergies::check(original.path()).0.unwrap();
    let b = synergies::check(copy.path()).0.unwrap();
    assert_eq!(format!("{:?}", a.fiches), format!("{:?}", b.fiches));
    assert_eq!(format!("{:?}", a.domains), format!("{:?}", b.domains));
}

fn write_csv(root: &Root, text: &str) -> String {
    let path = root.path().join("registre.csv");
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Cells with quotes, `"""`, `'''`, backslashes, `#` and `=` become fiches that pass `check`,
/// whose values the site shows as they were in the register.
#[test]
fn odd_cells_are_written_so_that_the_site_reads_them_back() {
    // The fiche `voir_aussi` names.
    let root = Root::register().file("content/grh/autre.md", "+++\ntitre = \"Autre\"\n+++\n");
    let csv = write_csv(
        &root,
        "Domaine;Synergie;Mode opératoire;Économies;Voir aussi;Réalisation\n\
         GRH;\"Titre \"\"A\"\" \\ # = 🎉\";\"délégatif \"\"\"\"\"\" et \'\'\' \\n\";\
         \"a = b # c \\\\ d\";grh/autre;Fait.\n",
    );
    import(&root, &csv, &[]).success();
    let text = fs::read_to_string(root.path().join("content/grh/titre-a-tada.md")).unwrap();
    assert_eq!(
        text,
        "+++\ntitre = \"Titre \\\"A\\\" \\\\ # = 🎉\"\nmodes = [\"Délégatif\"]\n\
         modes_note = \"délégatif \\\"\\\"\\\" et \'\'\' \\\\n\"\n\
         statut = \"Effectif\"\neconomies = \"a = b # c \\\\\\\\ d\"\nvoir_aussi = [\"grh/autre\"]\n+++\nFait.\n"
    );
    root.run(&["check"]).success();
    root.build().success();
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(root.public().join("synergies.json")).unwrap()).unwrap();
    let fiche = &json["synergies"][1];
    assert_eq!(fiche["titre"], "Titre \"A\" \\ # = 🎉");
    assert_eq!(fiche["modes_note"], "délégatif \"\"\" et \'\'\' \\n");
    assert_eq!(fiche["economies"], "a = b # c \\\\ d");
}

/// A new domain's `_index.md` is validated like the fiches: a description `check` would refuse
/// stops the import before anything is written.
#[test]
fn a_domain_page_that_check_would_refuse_writes_nothing() {
    let root = Root::register();
    let csv = write_csv(
        &root,
        &format!(
            "Domaine;Domaine description;Synergie\nSocial;{}x;Plan\n",
            "<div>".repeat(100)
        ),
    );
    let before = snapshot_dir(root.path());
    let run = import(&root, &csv, &[]).failure(1);
    insta::assert_snapshot!("import_domain_page_refused", run.stderr);
    assert_eq!(run.stdout, "");
    assert_same_files(&before, &snapshot_dir(root.path()), "the root");
}

#[test]
fn an_unclosed_quote_is_an_error_naming_its_line_and_nothing_is_written() {
    let root = Root::register();
    let csv = write_csv(
        &root,
        "Synergie;Pilote\r\nGRH / Plan;Ville\r\n\"Social / Taxes;CPAS\r\nGRH / SIPP;Ville\r\n",
    );
    let run = import(&root, &csv, &[]).failure(1);
    assert_eq!(
        run.stderr.replace(&csv, "[CSV]"),
        "erreur[guillemet-non-ferme] : le guillemet ouvert à la ligne 3 n'est jamais fermé\n \
         --> [CSV]:3:1\n  |\n3 | \"Social / Taxes;CPAS\n  | ^ ouvert ici\n  = aide : fermez le \
         texte par un guillemet droit \" (dans une cellule, un guillemet s'écrit \"\"), ou \
         enregistrez de nouveau le tableau depuis Excel\n\nÉchec de l'import : rien n'a été écrit.\n"
    );
    assert!(root.content_is_empty());
}

#[test]
fn an_error_on_row_4_leaves_nothing_written() {
    // Row 4's domain folder cannot be made: a file has its name.
    let root = Root::register().file("content/social", "pas un dossier");
    let csv = write_csv(
        &root,
        "Synergie;Pilote\nGRH / Plan;Ville\nInformatique / Parc;CPAS\nSocial / Taxes;CPAS\n",
    );
    let before = snapshot_dir(root.path());
    let run = import(&root, &csv, &[]).failure(1);
    assert_eq!(
        run.stderr,
        "erreur[ecriture] : ligne 4 : le dossier du domaine ne peut pas être créé, un fichier porte \
         ce nom\n --> content/social\n  = aide : renommez ce fichier, ou indiquez un autre domaine \
         dans le tableau\n\nÉchec de l'import : rien n'a été écrit.\n"
    );
    assert_same_files(&before, &snapshot_dir(root.path()), "the root");
    assert!(!root.path().join("content/grh").exists());
}

#[test]
fn a_very_long_title_gets_a_short_file_name_and_the_register_builds() {
    let root = Root::register();
    let title = "Mutualisation des achats de fournitures de bureau ".repeat(6);
    let csv = write_csv(
        &root,
        &format!("Synergie;Pilote\nGRH / Plan;Ville\nGRH / {title};CPAS\n"),
    );
    let run = import(&root, &csv, &[]).success();
    assert!(
        run.stdout.contains("titre long : nom de fichier raccourci"),
        "{}",
        run.stdout
    );
    let names: Vec<String> = snapshot_dir(&root.path().join("content"))
        .into_keys()
        .collect();
    assert_eq!(
        names,
        [
            "grh/_index.md",
            "grh/mutualisation-des-achats-de-fournitures-de-bureau-mutualisation-des-achats-de.md",
            "grh/plan.md",
        ]
    );
    root.build().success();
}

#[test]
fn an_existing_folder_is_reused_and_an_existing_page_is_never_given_twice() {
    let mine = "+++\ntitre = \"Plan de formation\"\n+++\nÀ garder.\n";
    let root = Root::register()
        .file(
            "content/GRH/_index.md",
            "+++\ntitre = \"Ressources humaines\"\n+++\n",
        )
        .file("content/GRH/Plan de formation.md", mine)
        .file(
            "content/egalite/_index.md",
            "+++\ntitre = \"Égalité des chances\"\n+++\n",
        );
    let csv = write_csv(
        &root,
        "Synergie;Pilote\ngrh / Plan de formation;Ville\nGRH / SIPP commun;Ville\n\
         Egalite des chances Education;CPAS\nRessources Humaines : Accueil;CPAS\n",
    );
    let run = import(&root, &csv, &[]).success();
    assert!(
        run.stdout.contains(
            "ligne 2 → content/GRH/plan-de-formation.md : content/GRH/Plan de formation.md donne \
             déjà cette page, non remplacée.\n"
        ),
        "{}",
        run.stdout
    );
    let names: Vec<String> = snapshot_dir(&root.path().join("content"))
        .into_keys()
        .collect();
    assert_eq!(
        names,
        [
            "GRH/Plan de formation.md",
            "GRH/_index.md",
            "GRH/accueil.md",
            "GRH/sipp-commun.md",
            "egalite/_index.md",
            "egalite/education.md",
        ]
    );
    assert_eq!(
        fs::read_to_string(root.path().join("content/GRH/Plan de formation.md")).unwrap(),
        mine
    );
    root.run(&["check"]).success();
}

#[test]
fn domains_come_from_separators_shared_words_and_a_domaine_column() {
    let root = Root::register();
    let csv = write_csv(
        &root,
        "Synergie;Pilote\n\
         GRH Formations des agents;Ville\n\
         GRH Plan de formation;Ville\n\
         Informatique - Parc informatique;CPAS\n\
         Marchés publics : centrale;Les deux\n\
         Travaux – Entretien;Ville\n\
         Social / Taxes;CPAS\n\
         Social SIP/Ville de Mons;CPAS\n\
         GRH / Assurances;Ville\n\
         Service communication;Les 2\n",
    );
    let run = import(&root, &csv, &[]).success();
    let names: Vec<String> = snapshot_dir(&root.path().join("content"))
        .into_keys()
        .filter(|k| !k.ends_with("_index.md"))
        .collect();
    assert_eq!(
        names,
        [
            "a-classer/service-communication.md",
            "grh/assurances.md",
            "grh/formations-des-agents.md",
            "grh/plan-de-formation.md",
            "informatique/parc-informatique.md",
            "marches-publics/centrale.md",
            "social/sip-ville-de-mons.md",
            "social/taxes.md",
            "travaux/entretien.md",
        ]
    );
    assert!(run.stdout.contains(
        "ligne 10 → content/a-classer/service-communication.md\n    domaine : « À classer » : ni \
         colonne Domaine, ni ligne de domaine au-dessus, ni « Domaine / Titre », et le titre ne \
         commence par aucun domaine connu\n"
    ), "{}", run.stdout);

    let column = Root::register();
    let csv = write_csv(
        &column,
        "Titre;Domaine;Statut;Avancement\nPlan;Ressources humaines;Terminé;\nParc;INFORMATIQUE;;40\n",
    );
    import(&column, &csv, &[]).success();
    let files = snapshot_dir(&column.path().join("content"));
    let text = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    assert_eq!(
        text("ressources-humaines/plan.md"),
        "+++\ntitre = \"Plan\"\nstatut = \"Effectif\"\n+++\n"
    );
    assert_eq!(
        text("informatique/parc.md"),
        "+++\ntitre = \"Parc\"\nstatut = \"En cours\"\navancement = 40\n+++\n"
    );
}

#[test]
fn an_export_s_formula_quotes_are_taken_away() {
    let root = Root::register();
    let csv = write_csv(
        &root,
        "domaine;titre;modes_note;avancement\r\ngrh;'=Plan;'+1/2tp agent CPAS;\r\n",
    );
    import(&root, &csv, &[]).success();
    assert_eq!(
        fs::read_to_string(root.path().join("content/grh/plan.md")).unwrap(),
        "+++\ntitre = \"=Plan\"\nmodes_note = \"+1/2tp agent CPAS\"\n+++\n"
    );
}

#[test]
fn a_sheet_is_chosen_by_name_and_an_unknown_one_is_named() {
    let root = Root::register();
    let rows = |title: &str| {
        vec![
            vec![
                "Synergie".to_owned(),
                "Pilote".to_owned(),
                "Avancement".to_owned(),
            ],
            vec![
                format!("GRH / {title}"),
                "Ville".to_owned(),
                "#0.5".to_owned(),
            ],
        ]
    };
    let file = root.path().join("registre.xlsx");
    fs::write(
        &file,
        crate::registers::xlsx(&[("2025", rows("Ancien")), ("2026", rows("Nouveau"))]),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let run = import(&root, path, &["--feuille", "2026", "--dry-run"]).success();
    assert!(
        run.stdout.contains("content/grh/nouveau.md"),
        "{}",
        run.stdout
    );
    assert!(root.content_is_empty());
    import(&root, path, &[]).success();
    assert_eq!(
        fs::read_to_string(root.path().join("content/grh/ancien.md")).unwrap(),
        "+++\ntitre = \"Ancien\"\npilote = \"Ville\"\nstatut = \"En cours\"\navancement = 50\n+++\n"
    );
    let run = import(&root, path, &["--feuille", "2027"]).failure(1);
    assert_eq!(
        run.stderr.replace(path, "[XLSX]"),
        "erreur[feuille-inconnue] : le classeur n'a pas de feuille « 2027 »\n --> [XLSX]\n  = \
         note : feuilles du classeur : « 2025 », « 2026 »\n\nÉchec de l'import : rien n'a été écrit.\n"
    );
}

#[test]
fn the_report_escapes_control_characters_read_from_the_file() {
    // Control characters leave the cells; a bidirectional override is shown escaped.
    let root = Root::register();
    let csv = write_csv(&root, "Synergie;Note\u{1b}[2J\u{202e}x\nGRH / Plan;x\n");
    let run = import(&root, &csv, &["--dry-run"]).success();
    assert!(
        run.stdout
            .contains("Colonnes non reprises : Note [2J\\u{202e}x.\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(['\u{1b}', '\u{202e}']));
}

#[test]
fn heading_rows_name_the_rows_below_them_and_a_last_lone_title_is_a_synergy() {
    let root = Root::register();
    let csv = write_csv(
        &root,
        "Synergie;Pilote;Statut\n\
         Ressources humaines;;\n\
         Plan de formation;Ville;100%\n\
         ;;\n\
         Synergie;Pilote;Statut\n\
         SIPP commun;Ville;\n\
         Informatique;;\n\
         Parc;CPAS;En cours\n\
         Serveurs communs;;\n",
    );
    let run = import(&root, &csv, &[]).success();
    let names: Vec<String> = snapshot_dir(&root.path().join("content"))
        .into_keys()
        .collect();
    assert_eq!(
        names,
        [
            "informatique/_index.md",
            "informatique/parc.md",
            "informatique/serveurs-communs.md",
            "ressources-humaines/_index.md",
            "ressources-humaines/plan-de-formation.md",
            "ressources-humaines/sipp-commun.md",
        ]
    );
    assert!(
        run.stdout.starts_with(&format!(
            "Import de {csv} : CSV, encodage UTF-8, séparateur point-virgule.\n\
             ligne 2 : ignorée (domaine « Ressources humaines » des lignes suivantes).\n\
             ligne 3 → content/ressources-humaines/plan-de-formation.md\n    domaine : « \
             Ressources humaines » (ligne de domaine du tableau)\n    repris : pilote (Ville) ; \
             statut (Effectif) ; avancement (100 %)\n\
             ligne 5 : ignorée (ligne d'en-têtes répétée).\n"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("7 lignes lues, 4 fiches créées.\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_libreoffice_sheet_keeps_line_breaks_in_cells() {
    let root = Root::register();
    let cells = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let file = root.path().join("registre.ods");
    fs::write(
        &file,
        crate::registers::ods(
            "Registre",
            &[
                cells(&["Domaine", "Titre", "Mode opératoire", "Résultat obtenu"]),
                cells(&["GRH", "Plan", "Coop.", "Première ligne\nSeconde ligne"]),
                cells(&["GRH", "Aux", "Délégatif", ""]),
            ],
        ),
    )
    .unwrap();
    let run = import(&root, file.to_str().unwrap(), &[]).success();
    assert!(
        run.stdout.starts_with(&format!(
            "Import de {} : feuille « Registre ».\n",
            file.display()
        )),
        "{}",
        run.stdout
    );
    assert_eq!(
        fs::read_to_string(root.path().join("content/grh/plan.md")).unwrap(),
        "+++\ntitre = \"Plan\"\nmodes = [\"Coopératif\"]\n+++\nPremière ligne\n\nSeconde ligne\n"
    );
    // A title that is a name Windows keeps for a device gets another file name.
    assert!(root.path().join("content/grh/aux-synergie.md").exists());
}

#[test]
fn a_broken_word_file_is_named_in_french() {
    let root = Root::register();
    let help = "  = aide : ouvrez-le dans Word ou LibreOffice et enregistrez-le de nouveau en \
                « Document Word (.docx) », puis relancez l'import\n\n\
                Échec de l'import : rien n'a été écrit.\n";
    // Not a zip at all; a zip without `word/document.xml` (an Excel file renamed .docx).
    let not_word = root.path().join("registre.docx");
    fs::write(&not_word, b"PK\x03\x04 pas vraiment un document").unwrap();
    let renamed = root.path().join("classeur.docx");
    fs::write(
        &renamed,
        crate::registers::xlsx(&[("Registre", vec![vec!["Synergie".to_owned()]])]),
    )
    .unwrap();
    for file in [not_word, renamed] {
        let path = file.display().to_string();
        let run = import(&root, &path, &[]).failure(1);
        assert_eq!(
            run.stderr.replace(&path, "[DOCX]"),
            format!(
                "erreur[csv-illisible] : ce fichier .docx est abîmé ou n'est pas un document \
                 Word\n --> [DOCX]\n{help}"
            )
        );
    }
    // A Word document without a table.
    let file = root.path().join("lettre.docx");
    fs::write(&file, crate::registers::docx(&[])).unwrap();
    let path = file.display().to_string();
    let run = import(&root, &path, &[]).failure(1);
    assert_eq!(
        run.stderr.replace(&path, "[DOCX]"),
        "erreur[colonne-titre-absente] : aucune colonne ne donne le nom des synergies\n \
         --> [DOCX]\n  = note : le fichier ne contient aucun tableau\n  = aide : mettez le \
         registre dans un tableau (dans Word : Insertion > Tableau), une ligne par synergie, sous \
         une ligne qui nomme les colonnes\n\nÉchec de l'import : rien n'a été écrit.\n"
    );
    assert!(root.content_is_empty());
}

/// A file that is not there, a damaged workbook: said in French, not in the system's or the
/// library's English.
#[test]
fn a_missing_file_or_a_damaged_workbook_is_said_in_french() {
    let root = Root::register();
    let missing = root.path().join("nope.docx");
    let path = missing.display().to_string();
    let run = import(&root, &path, &[]).failure(1);
    assert_eq!(
        run.stderr.replace(&path, "[DOCX]"),
        "erreur[lecture-impossible] : lecture impossible : fichier ou dossier introuvable\n --> [DOCX]\n  \
         = aide : vérifiez le nom du fichier et son dossier (un nom sans dossier est cherché dans \
         le dossier courant)\n\nÉchec de l'import : rien n'a été écrit.\n"
    );
    let file = root.path().join("registre.xlsx");
    fs::write(&file, b"PK\x03\x04 pas vraiment un classeur").unwrap();
    let path = file.display().to_string();
    let run = import(&root, &path, &[]).failure(1);
    assert_eq!(
        run.stderr.replace(&path, "[XLSX]"),
        "erreur[csv-illisible] : ce classeur est abîmé, protégé par un mot de passe, ou n'est pas \
         un classeur Excel ou LibreOffice\n --> [XLSX]\n  = aide : ouvrez-le dans Excel ou \
         LibreOffice et enregistrez-le de nouveau (.xlsx ou .ods, sans mot de passe), puis \
         relancez l'import\n\nÉchec de l'import : rien n'a été écrit.\n"
    );
    assert!(root.content_is_empty());
}

#[test]
fn an_old_word_document_is_refused_with_the_way_to_save_it() {
    let root = Root::register();
    let file = root.path().join("registre.doc");
    fs::write(&file, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).unwrap();
    let path = file.display().to_string();
    let run = import(&root, &path, &[]).failure(1);
    assert_eq!(
        run.stderr.replace(&path, "[DOC]"),
        "erreur[csv-illisible] : ce format de document n'est pas lu : seuls les documents Word \
         .docx le sont\n --> [DOC]\n  = aide : ouvrez le document dans Word ou LibreOffice, \
         choisissez Fichier > Enregistrer sous…, puis le type « Document Word (.docx) », et \
         importez ce fichier-là\n\nÉchec de l'import : rien n'a été écrit.\n"
    );
    assert!(root.content_is_empty());
}

#[test]
fn a_row_with_only_the_end_of_a_text_is_no_domain() {
    let root = Root::register();
    let csv = write_csv(
        &root,
        "Synergie;Pilote;Réalisation\nGRH / Plan;Ville;Formations\n;;suite du texte\nGRH / SIPP;Ville;Fait\n",
    );
    let run = import(&root, &csv, &[]).success();
    assert!(
        run.stdout.contains("ligne 3 : ignorée (pas de titre).\n"),
        "{}",
        run.stdout
    );
    assert!(
        root.path().join("content/grh/sipp.md").exists(),
        "{}",
        run.stdout
    );
}

/// Belgian Excel writes « 12,5 % »: the decimal comma (or point) is part of the percentage,
/// rounded half away from zero; no word is left over for the Statut.
#[test]
fn a_percentage_with_a_decimal_comma_is_rounded() {
    let root = Root::register();
    let file = fixture("pourcentages-decimaux.csv");
    let run = import(&root, &file, &[]).success();
    assert_eq!(
        run.stdout.replace(&file, "[CSV]"),
        "Import de [CSV] : CSV, encodage UTF-8, séparateur point-virgule.\n\
         ligne 2 → content/grh/g.md\n    repris : statut (En cours) ; avancement (13 %)\n\
         ligne 3 → content/grh/h.md\n    repris : statut (En cours) ; avancement (33 %)\n\
         ligne 4 → content/grh/i.md\n    repris : statut (En cours) ; avancement (75 %)\n\
         ligne 5 → content/grh/j.md\n    repris : statut (En cours) ; avancement (13 %)\n\
         ligne 6 → content/grh/k.md\n    repris : statut (En cours) ; avancement (51 %)\n\
         Import terminé : 5 lignes lues, 5 fiches créées.\n"
    );
    let files = snapshot_dir(&root.path().join("content"));
    let text = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    for (fiche, avancement) in [("g", 13), ("h", 33), ("i", 75), ("j", 13), ("k", 51)] {
        assert_eq!(
            text(&format!("grh/{fiche}.md")),
            format!(
                "+++\ntitre = \"{}\"\nstatut = \"En cours\"\navancement = {avancement}\n+++\n",
                fiche.to_uppercase()
            )
        );
    }
    root.run(&["check"]).success();
}

/// Excel stores a cell formatted as a percentage as a fraction: 100 % is the number 1. Read
/// per column: an Avancement column whose numbers all lie between 0 and 1 holds fractions (as
/// does a CSV typed so); one number above 1 makes them all percents.
#[test]
fn an_avancement_column_of_fractions_reads_1_as_100_percent() {
    let root = Root::register();
    let cells = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let file = root.path().join("registre.xlsx");
    fs::write(
        &file,
        crate::registers::xlsx(&[(
            "Registre",
            vec![
                cells(&["Domaine", "Synergie", "Avancement"]),
                cells(&["GRH", "X0", "#1"]),
                cells(&["GRH", "X1", "#0.125"]),
                cells(&["GRH", "X2", "#0.333333"]),
                cells(&["GRH", "X3", "30 %"]),
            ],
        )]),
    )
    .unwrap();
    let path = file.display().to_string();
    let run = import(&root, &path, &[]).success();
    assert_eq!(
        run.stdout.replace(&path, "[XLSX]"),
        "Import de [XLSX] : feuille « Registre ».\n\
         feuille « Registre », ligne 2 → content/grh/x0.md\n    repris : statut (Effectif) ; avancement (100 %)\n\
         feuille « Registre », ligne 3 → content/grh/x1.md\n    repris : statut (En cours) ; avancement (13 %)\n\
         feuille « Registre », ligne 4 → content/grh/x2.md\n    repris : statut (En cours) ; avancement (33 %)\n\
         feuille « Registre », ligne 5 → content/grh/x3.md\n    repris : statut (En cours) ; avancement (30 %)\n\
         Import terminé : 4 lignes lues, 4 fiches créées.\n"
    );
    let fiche = |root: &Root, name: &str| {
        fs::read_to_string(root.path().join(format!("content/grh/{name}.md"))).unwrap()
    };
    assert_eq!(
        fiche(&root, "x0"),
        "+++\ntitre = \"X0\"\nstatut = \"Effectif\"\navancement = 100\n+++\n"
    );
    assert_eq!(
        fiche(&root, "x1"),
        "+++\ntitre = \"X1\"\nstatut = \"En cours\"\navancement = 13\n+++\n"
    );

    // A CSV typed the same way: the same rule.
    let fractions = Root::register();
    let csv = write_csv(
        &fractions,
        "Domaine;Synergie;Avancement\nGRH;A;0,5\nGRH;B;1\nGRH;C;0,8\n",
    );
    import(&fractions, &csv, &[]).success();
    assert_eq!(
        fiche(&fractions, "b"),
        "+++\ntitre = \"B\"\nstatut = \"Effectif\"\navancement = 100\n+++\n"
    );
    assert_eq!(
        fiche(&fractions, "a"),
        "+++\ntitre = \"A\"\nstatut = \"En cours\"\navancement = 50\n+++\n"
    );

    // One number above 1: the column holds percents, and 1 is 1 %.
    let percents = Root::register();
    let csv = write_csv(
        &percents,
        "Domaine;Synergie;Avancement\nGRH;A;40\nGRH;B;1\n",
    );
    let run = import(&percents, &csv, &[]).success();
    assert!(
        run.stdout.contains(
            "ligne 3 → content/grh/b.md\n    repris : statut (En cours) ; avancement (1 %)\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        fiche(&percents, "a"),
        "+++\ntitre = \"A\"\nstatut = \"En cours\"\navancement = 40\n+++\n"
    );
}

/// Another commune's words for its administrations (`administrations.csv`, the same words in
/// the Pilote and Responsable columns): « Commune » is the commune's administration, a text
/// that names both administrations is « Les deux », and the root's own names name theirs.
/// `init` labelled the values « Commune » and « DG Commune ».
#[test]
fn a_commune_s_words_for_its_administrations_are_understood() {
    let root = Root::new();
    root.run(&[
        "init",
        root.path().to_str().unwrap(),
        "--commune",
        "Commune de Quaregnon",
        "--cpas",
        "CPAS de Quaregnon",
    ])
    .success();
    let file = fixture("administrations.csv");
    let run = import(&root, &file, &[]).success();
    assert_eq!(
        run.stdout.replace(&file, "[CSV]"),
        "Import de [CSV] : CSV, encodage UTF-8, séparateur point-virgule.\n\
         ligne 2 → content/test/s0-commune.md\n    repris : pilote (Commune) ; responsable (DG Commune)\n\
         ligne 3 → content/test/s1-commune-et-cpas.md\n    repris : pilote (Les deux) ; responsable (Les deux)\n\
         ligne 4 → content/test/s2-commune-cpas.md\n    repris : pilote (Les deux) ; responsable (Les deux)\n\
         ligne 5 → content/test/s3-commune-cpas.md\n    repris : pilote (Les deux) ; responsable (Les deux)\n\
         ligne 6 → content/test/s4-ville-et-cpas.md\n    repris : pilote (Les deux) ; responsable (Les deux)\n\
         ligne 7 → content/test/s5-administration-communale-et-cpas.md\n    repris : pilote (Les deux) ; responsable (Les deux)\n\
         ligne 8 → content/test/s6-dg-commune.md\n    repris : pilote (Commune) ; responsable (DG Commune)\n    gardé en texte : pilote_note\n\
         ligne 9 → content/test/s7-dg-commune-et-dg-cpas.md\n    repris : pilote (Les deux) ; responsable (Les deux)\n    gardé en texte : pilote_note\n\
         ligne 10 → content/test/s8-commune-de-quaregnon.md\n    repris : pilote (Commune) ; responsable (DG Commune)\n\
         ligne 11 → content/test/s9-cpas-de-quaregnon.md\n    repris : pilote (CPAS) ; responsable (DG CPAS)\n\
         Import terminé : 10 lignes lues, 10 fiches créées.\n"
    );
    let fiche = |name: &str| {
        fs::read_to_string(root.path().join(format!("content/test/{name}.md"))).unwrap()
    };
    assert_eq!(
        fiche("s5-administration-communale-et-cpas"),
        "+++\ntitre = \"S5 Administration communale et CPAS\"\npilote = \"Les deux\"\n\
         responsable = \"Les deux\"\n+++\n"
    );
    assert_eq!(
        fiche("s6-dg-commune"),
        "+++\ntitre = \"S6 DG Commune\"\npilote = \"Commune\"\npilote_note = \"DG Commune\"\n\
         responsable = \"DG Commune\"\n+++\n"
    );
    let check = root.run(&["check"]).success();
    assert!(check.stdout.contains("aucune erreur"), "{}", check.stdout);
}

/// `check` reads the same vocabulary: a Mons root (no `synergies.toml`) accepts « Commune »,
/// « DG Commune » and « Commune et CPAS » as the values they are.
#[test]
fn check_accepts_a_commune_s_words_as_import_reads_them() {
    let root = Root::register()
        .file(
            "content/grh/a.md",
            "+++\ntitre = \"A\"\npilote = \"Commune\"\nresponsable = \"DG Commune\"\n+++\nTexte.\n",
        )
        .file(
            "content/grh/b.md",
            "+++\ntitre = \"B\"\npilote = \"Commune et CPAS\"\nresponsable = \"DG Commune et DG CPAS\"\n+++\nTexte.\n",
        );
    let (site, diagnostics) = synergies::check(root.path());
    let site = site.expect("the register checks");
    assert!(!diagnostics.has_errors(), "{diagnostics}");
    let vocab = &site.config.vocab;
    let keys: Vec<(String, String)> = site
        .fiches
        .iter()
        .map(|f| {
            let key = |field: synergies::vocab::Field| {
                f.terms(field)
                    .iter()
                    .map(|&t| vocab.get(field).terms[t].key.clone())
                    .collect::<String>()
            };
            (
                key(synergies::vocab::Field::Pilote),
                key(synergies::vocab::Field::Responsable),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("ville".to_owned(), "dg-ville".to_owned()),
            ("les-deux".to_owned(), "les-deux".to_owned())
        ]
    );
}

/// A Réalisation whose first line is a percentage gives the avancement even when the Statut
/// column gives the status; a first line that says more (« 80 % des agents formés ») is text.
#[test]
fn a_percentage_opening_the_realisation_gives_the_avancement_beside_a_statut() {
    let root = Root::register();
    let file = fixture("pourcentage-realisation.csv");
    let run = import(&root, &file, &[]).success();
    assert_eq!(
        run.stdout.replace(&file, "[CSV]"),
        "Import de [CSV] : CSV, encodage UTF-8, séparateur point-virgule.\n\
         ligne 2 → content/grh/a.md\n    repris : statut (En cours) ; avancement (80 %, d'après « 80 % »)\n\
         ligne 3 → content/grh/b.md\n    repris : statut (En cours, d'après « 80 % ») ; avancement (80 %)\n\
         ligne 4 → content/grh/c.md\n    repris : statut (En cours)\n\
         ligne 5 → content/grh/d.md\n    repris : statut (Effectif) ; avancement (100 %, d'après « 100% »)\n\
         Import terminé : 4 lignes lues, 4 fiches créées.\n"
    );
    let fiche = |name: &str| {
        fs::read_to_string(root.path().join(format!("content/grh/{name}.md"))).unwrap()
    };
    assert_eq!(
        fiche("a"),
        "+++\ntitre = \"A\"\nstatut = \"En cours\"\navancement = 80\n+++\n80 %\n"
    );
    assert_eq!(
        fiche("c"),
        "+++\ntitre = \"C\"\nstatut = \"En cours\"\n+++\n80 % des agents formés\n"
    );
    assert_eq!(
        fiche("d"),
        "+++\ntitre = \"D\"\nstatut = \"Effectif\"\navancement = 100\n+++\n100%\n"
    );
}

/// A folder that is neither `synergies init`'s nor a register (a typo in `--root`) gets no
/// fiche: it would become a new register published with Mons's defaults.
#[test]
fn a_folder_that_is_not_a_register_is_refused_and_nothing_is_written() {
    let parent = Root::new();
    for (folder, exists) in [("registre-quaregon", false), ("vide", true)] {
        let root = parent.path().join(folder);
        if exists {
            fs::create_dir(&root).unwrap();
        }
        let shown = root.display().to_string();
        let file = fixture("pourcentages-decimaux.csv");
        let run = parent.run(&["import", &file, "--root", &shown]).failure(1);
        assert_eq!(
            run.stderr.replace(&shown, "[DOSSIER]"),
            "erreur[pas-un-registre] : [DOSSIER] n'est pas un registre : ni synergies.toml ni \
             dossier content/\n  = aide : vérifiez le dossier donné à --root ; pour commencer \
             un registre, lancez d'abord synergies init DOSSIER --commune \"…\" --cpas \"…\"\n\n\
             Échec de l'import : rien n'a été écrit.\n"
        );
        assert_eq!(run.stdout, "");
        let run = parent
            .run(&[
                "new",
                "--root",
                &shown,
                "--domaine",
                "grh",
                "--titre",
                "Plan",
            ])
            .failure(1);
        assert_eq!(
            run.stderr.replace(&shown, "[DOSSIER]"),
            "erreur[pas-un-registre] : [DOSSIER] n'est pas un registre : ni synergies.toml ni \
             dossier content/\n  = aide : vérifiez le dossier donné à --root ; pour commencer \
             un registre, lancez d'abord synergies init DOSSIER --commune \"…\" --cpas \"…\"\n\
             Rien n'a été écrit.\n"
        );
        assert_eq!(root.exists(), exists);
        if exists {
            assert_eq!(fs::read_dir(&root).unwrap().count(), 0);
        }
    }
    // A root with only synergies.toml (as a register may be before its first fiche) is one.
    let root = Root::new().file("synergies.toml", "commune = \"Commune de Quaregnon\"\n");
    import(&root, &fixture("pourcentages-decimaux.csv"), &[]).success();
    assert!(root.path().join("content/grh/g.md").is_file());
}

/// Excel's merged cells read as Word's: a Domaine or an Objectif merged over the rows below
/// is theirs too (the reviewer's `xmerge.xlsx`); a cell merged across the whole row is a
/// domain heading row, even on two lines.
#[test]
fn excel_merged_cells_are_read_as_word_s() {
    let root = Root::register();
    let cells = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let file = root.path().join("registre.xlsx");
    fs::write(
        &file,
        crate::registers::xlsx_merged(
            &[(
                "Registre",
                vec![
                    cells(&["Domaine", "Synergie", "Objectif", "Administration pilote"]),
                    cells(&["Travaux", "Voirie", "Moyens", "Les deux"]),
                    cells(&["", "Espaces verts", "", "CPAS"]),
                    cells(&["", "Garage", "Satisfaction du citoyen", "CPAS"]),
                ],
            )],
            &["A2:A4", "C2:C3"],
        ),
    )
    .unwrap();
    let path = file.display().to_string();
    let run = import(&root, &path, &[]).success();
    assert_eq!(
        run.stdout.replace(&path, "[XLSX]"),
        "Import de [XLSX] : feuille « Registre ».\n\
         feuille « Registre », ligne 2 → content/travaux/voirie.md\n    repris : objectifs (Moyens) ; pilote (Les deux)\n\
         feuille « Registre », ligne 3 → content/travaux/espaces-verts.md\n    repris : objectifs (Moyens) ; pilote (CPAS)\n\
         feuille « Registre », ligne 4 → content/travaux/garage.md\n    repris : objectifs (Satisfaction du citoyen) ; pilote (CPAS)\n\
         Import terminé : 3 lignes lues, 3 fiches créées.\n"
    );
    assert_eq!(
        fs::read_to_string(root.path().join("content/travaux/espaces-verts.md")).unwrap(),
        "+++\ntitre = \"Espaces verts\"\nobjectifs = [\"Moyens\"]\npilote = \"CPAS\"\n+++\n"
    );

    let headed = Root::register();
    let file = headed.path().join("registre.xlsx");
    fs::write(
        &file,
        crate::registers::xlsx_merged(
            &[(
                "Registre",
                vec![
                    cells(&["Synergie", "Pilote", "Statut"]),
                    cells(&["Ressources\nhumaines", "", ""]),
                    cells(&["Plan de formation", "Ville", "En cours"]),
                ],
            )],
            &["A2:C2"],
        ),
    )
    .unwrap();
    let path = file.display().to_string();
    let run = import(&headed, &path, &[]).success();
    assert!(
        run.stdout.contains(
            "feuille « Registre », ligne 2 : ignorée (domaine « Ressources humaines » des lignes \
             suivantes).\nfeuille « Registre », ligne 3 → \
             content/ressources-humaines/plan-de-formation.md\n"
        ),
        "{}",
        run.stdout
    );
}

/// A cell's lines (Word paragraphs, Excel's Alt+Entrée, a CSV cell's line breaks) show on the
/// page as the editor wrote them: a paragraph each, a list kept a list, a line carrying on a
/// sentence left in it; a note's lines are joined on one line.
#[test]
fn line_breaks_inside_a_cell_show_on_the_page() {
    use crate::registers::{WordRow, docx};
    let cells = |c: &[&str]| WordRow::Cells(c.iter().map(|s| (*s).to_owned()).collect());
    let root = Root::register();
    let file = root.path().join("registre.docx");
    fs::write(
        &file,
        docx(&[vec![
            cells(&["Domaine", "Synergie", "Mode opératoire", "Réalisation"]),
            cells(&[
                "GRH",
                "Plan de formation",
                "Délégatif (formations)\nLes sessions ont lieu au CPAS",
                "Cahier des charges rédigé.\nMarché attribué en mars\navec le CPAS.\n\n\nÉquipe mixte :\n• 1 agent communal\n• 3 agents CPAS",
            ]),
        ]]),
    )
    .unwrap();
    import(&root, file.to_str().unwrap(), &[]).success();
    assert_eq!(
        fs::read_to_string(root.path().join("content/grh/plan-de-formation.md")).unwrap(),
        "+++\ntitre = \"Plan de formation\"\nmodes = [\"Délégatif\"]\n\
         modes_note = \"Délégatif (formations) ; Les sessions ont lieu au CPAS\"\n+++\n\
         Cahier des charges rédigé.\n\nMarché attribué en mars\navec le CPAS.\n\n\
         Équipe mixte :\n\n- 1 agent communal\n- 3 agents CPAS\n"
    );
    let csv = write_csv(
        &root,
        "Domaine;Synergie;Réalisation\r\nGRH;Accueil;\"Ligne 1\r\nLigne 2\r\n- a\r\n- b\"\r\n",
    );
    import(&root, &csv, &[]).success();
    assert_eq!(
        fs::read_to_string(root.path().join("content/grh/accueil.md")).unwrap(),
        "+++\ntitre = \"Accueil\"\n+++\nLigne 1\n\nLigne 2\n\n- a\n- b\n"
    );
    root.build().success();
    let page =
        fs::read_to_string(root.public().join("domaines/grh/plan-de-formation.html")).unwrap();
    for shown in [
        "<p>Cahier des charges rédigé.</p>",
        "<li>1 agent communal</li>",
        "<p>Marché attribué en mars\navec le CPAS.</p>",
    ] {
        assert!(page.contains(shown), "{shown} absent :\n{page}");
    }
}

/// « Intitulé de la synergie » and its like name the synergies' column; a heading not known
/// is said with the row taken for the heading row, in the sheet read (not a banner above the
/// table, not another sheet's text).
#[test]
fn a_heading_row_not_understood_is_shown_where_it_is() {
    let root = Root::register();
    let strings = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let sheet = |title: &str| {
        vec![
            strings(&["Registre des synergies Commune – CPAS de Quaregnon"]),
            Vec::new(),
            strings(&["Domaine", title, "Objectif(s)", "Pilote"]),
            strings(&["Finances", "Centrale d'achat", "Moyens", "Les deux"]),
        ]
    };
    let notes = vec![strings(&["Registre tenu par le secrétariat"])];
    for title in [
        "Intitulé de la synergie",
        "Objet de la synergie",
        "Titre de la synergie",
        "Nom des synergies",
    ] {
        let file = root.path().join("registre.xlsx");
        fs::write(
            &file,
            crate::registers::xlsx(&[("Notes", notes.clone()), ("Registre 2026", sheet(title))]),
        )
        .unwrap();
        let run = import(&root, file.to_str().unwrap(), &["--dry-run"]).success();
        assert!(
            run.stdout.contains(
                "feuille « Registre 2026 », ligne 4 → content/finances/centrale-d-achat.md\n"
            ),
            "{title} : {}",
            run.stdout
        );
    }
    let file = root.path().join("projets.xlsx");
    fs::write(
        &file,
        crate::registers::xlsx(&[("Notes", notes), ("Registre 2026", sheet("Projet commun"))]),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    for extra in [&["--feuille", "Registre 2026"][..], &[]] {
        let run = import(&root, path, extra).failure(1);
        assert_eq!(
            run.stderr.replace(path, "[XLSX]"),
            "erreur[colonne-titre-absente] : aucune colonne ne donne le nom des synergies\n \
             --> [XLSX]\n  = note : colonnes trouvées (feuille « Registre 2026 », ligne 3) : \
             Domaine | Projet commun | Objectif(s) | Pilote\n  = aide : nommez la colonne des \
             synergies « Synergie », « Synergie ou groupe de synergies », « Intitulé » ou \
             « Titre », dans la ligne des titres de colonnes (une des 10 premières lignes du \
             tableau)\n\nÉchec de l'import : rien n'a été écrit.\n"
        );
    }
    assert!(root.content_is_empty());
}

/// A note keeps the explanation a cell gives after its value (« Délégatif : la RH… »), not the
/// value again; a cell whose value does not open it is kept whole.
#[test]
fn a_note_keeps_the_explanation_without_the_value_before_it() {
    let root = Root::register();
    import(&root, &fixture("excel-fr-be.csv"), &[]).success();
    assert_eq!(
        fs::read_to_string(
            root.path()
                .join("content/grh/formations-bureautiques-des-agents.md")
        )
        .unwrap(),
        "+++\ntitre = \"Formations bureautiques des agents\"\nobjectifs = [\"Moyens\"]\n\
         modes = [\"Délégatif\"]\n\
         modes_note = \"La RH Ville est chargée de l'organisation des formations\"\n\
         pilote = \"Ville\"\nresponsable = \"DG Ville\"\n\
         responsable_note = \"DG Ville via Direction RH Ville\"\n\
         statut = \"Effectif\"\navancement = 100\n+++\n100%\n"
    );
    let csv = write_csv(
        &root,
        "Domaine;Synergie;Mode opératoire;Pilote;Responsable\n\
         Social;Permanences;Coopératif – permanences au CPAS;Les deux, le CPAS coordonne;\
         DG CPAS - via la direction sociale\n\
         Social;Taxes;Coopératif;Ville, CPAS et Enseignement.;DG CPAS\n",
    );
    let run = import(&root, &csv, &[]).success();
    assert!(
        run.stdout.contains(
            "ligne 2 → content/social/permanences.md\n    repris : modes (Coopératif) ; \
             pilote (Les deux) ; responsable (DG CPAS)\n    gardé en texte : modes_note, \
             pilote_note, responsable_note\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        fs::read_to_string(root.path().join("content/social/permanences.md")).unwrap(),
        "+++\ntitre = \"Permanences\"\nmodes = [\"Coopératif\"]\n\
         modes_note = \"Permanences au CPAS\"\npilote = \"Les deux\"\n\
         pilote_note = \"Le CPAS coordonne\"\nresponsable = \"DG CPAS\"\n\
         responsable_note = \"Via la direction sociale\"\n+++\n"
    );
    assert_eq!(
        fs::read_to_string(root.path().join("content/social/taxes.md")).unwrap(),
        "+++\ntitre = \"Taxes\"\nmodes = [\"Coopératif\"]\npilote = \"Les deux\"\n\
         pilote_note = \"Ville, CPAS et Enseignement.\"\nresponsable = \"DG CPAS\"\n+++\n"
    );
}

/// Two rows with one title in one domain (« Nouvelle  synergie ! » is the same title: same
/// page): both are written (nothing read is dropped), the second under another name, and the
/// report says so; the same title in another domain is no duplicate.
#[test]
fn two_rows_with_the_same_title_are_both_written_and_reported() {
    let root = Root::register();
    let csv = write_csv(
        &root,
        "Domaine;Synergie;Pilote\n\
         Social;Nouvelle synergie;Ville\n\
         Social;Nouvelle synergie;CPAS\n\
         GRH;Nouvelle synergie;CPAS\n\
         Social;Nouvelle  synergie !;Les deux\n",
    );
    let run = import(&root, &csv, &[]).success();
    assert_eq!(
        run.stdout,
        format!(
            "Import de {csv} : CSV, encodage UTF-8, séparateur point-virgule.\n\
             ligne 2 → content/social/nouvelle-synergie.md\n    repris : pilote (Ville)\n\
             ligne 3 → content/social/nouvelle-synergie-2.md\n    repris : pilote (CPAS)\n    \
             à vérifier : ligne 2 porte le même titre dans ce domaine \
             (content/social/nouvelle-synergie.md) : fiche écrite sous un autre nom ; l'une des \
             deux est-elle en double ?\n\
             ligne 4 → content/grh/nouvelle-synergie.md\n    repris : pilote (CPAS)\n\
             ligne 5 → content/social/nouvelle-synergie-3.md\n    repris : pilote (Les deux)\n    \
             à vérifier : ligne 2 porte le même titre dans ce domaine \
             (content/social/nouvelle-synergie.md) : fiche écrite sous un autre nom ; l'une des \
             deux est-elle en double ?\n\
             Import terminé : 4 lignes lues, 4 fiches créées.\n"
        )
    );
    assert_eq!(
        fs::read_to_string(root.path().join("content/social/nouvelle-synergie-2.md")).unwrap(),
        "+++\ntitre = \"Nouvelle synergie\"\npilote = \"CPAS\"\n+++\n"
    );
    assert!(
        root.path()
            .join("content/social/nouvelle-synergie.md")
            .exists()
    );
    assert!(
        root.path()
            .join("content/grh/nouvelle-synergie.md")
            .exists()
    );
}

/// A register over two Word tables (the reviewer's `make_docx2.py`): the domain heading row
/// « Social » of the first table names the rows of the second, but a row there that names a
/// domain the root has (« GRH » then its title) goes there, and one that names another
/// (« Marchés publics : … ») stays in Social with the report saying it.
#[test]
fn a_domain_row_of_an_earlier_table_yields_to_a_row_s_own_known_domain() {
    use crate::registers::{WordRow, docx};
    let cells = |c: &[&str]| WordRow::Cells(c.iter().map(|s| (*s).to_owned()).collect());
    let heading = || cells(&["Synergie ou groupe de synergies", "Pilote"]);
    let root = Root::register().file("content/grh/_index.md", "+++\ntitre = \"GRH\"\n+++\n");
    let file = root.path().join("registre.docx");
    fs::write(
        &file,
        docx(&[
            vec![
                heading(),
                WordRow::Merged("Social".to_owned(), 2),
                cells(&["Permanences décentralisées", "Les deux"]),
            ],
            vec![
                heading(),
                cells(&["Social / Gardiens de la paix", "Commune"]),
                cells(&["GRH\nMises à disposition de personnel", "Les deux"]),
                cells(&["Marchés publics : centrale d'achat", "Les 2"]),
            ],
        ]),
    )
    .unwrap();
    let run = import(&root, file.to_str().unwrap(), &[]).success();
    assert_eq!(
        run.stdout,
        format!(
            "Import de {} : document Word, 2 tableaux.\n\
             tableau 1, ligne 2 : ignorée (domaine « Social » des lignes suivantes).\n\
             tableau 1, ligne 3 → content/social/permanences-decentralisees.md\n    \
             domaine : « Social » (ligne de domaine du tableau)\n    repris : pilote (Les deux)\n\
             tableau 2, ligne 2 → content/social/gardiens-de-la-paix.md\n    \
             domaine : « Social » (ligne de domaine du tableau)\n    repris : pilote (Ville)\n\
             tableau 2, ligne 3 → content/grh/mises-a-disposition-de-personnel.md\n    \
             domaine : « GRH » (écrit avant le titre)\n    repris : pilote (Les deux)\n    \
             à vérifier : la ligne de domaine « Social » d'un tableau précédent ne vaut pas \
             pour cette ligne, qui nomme son domaine « GRH »\n\
             tableau 2, ligne 4 → content/social/marches-publics-centrale-d-achat.md\n    \
             domaine : « Social » (ligne de domaine du tableau)\n    repris : pilote (Les deux)\n    \
             à vérifier : domaine « Social » donné par la ligne de domaine d'un tableau \
             précédent, mais le titre commence par « Marchés publics » : si c'est son domaine, \
             déplacez la fiche ou ajoutez une ligne de domaine au-dessus d'elle\n\
             Import terminé : 5 lignes lues, 4 fiches créées.\n",
            file.display()
        )
    );
    assert_eq!(
        fs::read_to_string(
            root.path()
                .join("content/grh/mises-a-disposition-de-personnel.md")
        )
        .unwrap(),
        "+++\ntitre = \"Mises à disposition de personnel\"\npilote = \"Les deux\"\n+++\n"
    );
    root.run(&["check"]).success();
}
