//! `synergies init`: a ready root for another commune, never over an existing one; `check`
//! warning about Mons's defaults and an incomplete accessibility statement; and a new
//! commune's first day: `init`, `import` of its Word register, `build`, with no trace of Mons.

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::registers::{WordRow, docx};
use crate::support::{BIN, Root, assert_same_files, snapshot_dir};

fn init(root: &Root, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["init", root.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    root.run(&args)
}

#[test]
fn init_writes_a_root_for_the_commune_and_never_overwrites_it() {
    let root = Root::new();
    let run = init(
        &root,
        &[
            "--commune",
            "Commune de Quaregnon",
            "--cpas",
            "CPAS de Quaregnon",
            "--annee",
            "2026",
        ],
    )
    .success();
    let shown = root.path().display().to_string();
    assert_eq!(
        run.stdout,
        format!(
            "Registre créé dans {shown} pour Commune de Quaregnon et CPAS de Quaregnon : \
             synergies.toml, content/ (vide).\n\
             Complétez la déclaration d'accessibilité dans synergies.toml (les « à compléter »).\n\
             Étape suivante : importez votre tableau, par exemple\n  \
             synergies import registre.docx --root {shown}\n\
             ou créez une première fiche :\n  synergies new --root {shown}\n"
        )
    );
    let toml = fs::read_to_string(root.path().join("synergies.toml")).unwrap();
    assert!(
        toml.contains(
            "commune = \"Commune de Quaregnon\"\ncpas = \"CPAS de Quaregnon\"\nannee = 2026\n"
        ),
        "{toml}"
    );
    assert!(
        toml.contains("contact_adresse = \"à compléter\"\n"),
        "{toml}"
    );
    assert!(!toml.contains("Mons"), "{toml}");
    assert!(
        fs::read_dir(root.path().join("content"))
            .unwrap()
            .next()
            .is_none()
    );

    // A fresh root checks, with the statement's missing settings and the report's signatories
    // as warnings.
    let check = root.run(&["check"]).success();
    assert_eq!(
        check.stderr,
        "avertissement[accessibilite-incomplete] : la déclaration d'accessibilité est incomplète : \
         date et un contact (contact_courriel, contact_telephone ou contact_adresse) à indiquer\n \
         --> synergies.toml\n  = aide : dans la section [accessibilite] de synergies.toml ; la \
         page affiche « à compléter » en attendant\n\n\
         avertissement[signatures-a-completer] : le rapport annuel ne dit pas qui le signe : \
         dg_ville et dg_cpas à indiquer\n  --> synergies.toml:20:1\n   |\n20 | [rapport]\n   | \
         ^^^^^^^^^\n   = aide : le nom et le titre de chaque directeur général, sous cette ligne \
         [rapport], par exemple `dg_ville = \"Prénom Nom, directeur général\"` et `dg_cpas = \
         \"Prénom Nom, directrice générale\"` ; le rapport imprime « Nom et titre : à compléter » \
         en attendant\n\n"
    );

    // Again: refused, nothing changed.
    let before = snapshot_dir(root.path());
    let again = init(&root, &["--commune", "Ville d'Ath", "--cpas", "CPAS d'Ath"]).failure(1);
    assert_eq!(
        again.stderr,
        format!(
            "erreur[racine-existante] : {shown} contient déjà synergies.toml : rien n'a été écrit\n \
             --> {shown}/synergies.toml\n  = aide : choisissez un dossier vide : synergies init AUTRE-DOSSIER\n"
        )
    );
    assert_same_files(&before, &snapshot_dir(root.path()), "the root");
}

#[test]
fn init_writes_any_name_so_that_it_reads_back_and_no_name_leaves_its_comment() {
    // A name with quotes, a backslash, `#` and a line break followed by a table header: before,
    // the line break ended the comment « Dans une phrase… » and `[rapport]` came twice.
    let commune = "Commune \"X\" \\ # = y\n[rapport]";
    let root = Root::new();
    init(
        &root,
        &[
            "--commune",
            commune,
            "--cpas",
            "CPAS\tde X",
            "--annee",
            "2026",
        ],
    )
    .success();
    let toml = fs::read_to_string(root.path().join("synergies.toml")).unwrap();
    assert!(
        toml.contains(
            "commune = \"\"\"\nCommune \"X\" \\\\ # = y\n[rapport]\"\"\"\ncpas = \"CPAS\\tde X\"\n"
        ),
        "{toml}"
    );
    assert!(
        toml.contains(
            "\n# Dans une phrase, le site écrit « la Commune \"X\" \\ # = y\\u{a}[rapport] » et \
             « le CPAS\\u{9}de X » ; sinon, par exemple :\n"
        ),
        "{toml}"
    );
    let mut diagnostics = synergies::Diagnostics::default();
    let config = synergies::config::parse(&toml, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics}");
    assert_eq!(config.commune, commune);
    assert_eq!(config.cpas, "CPAS\tde X");
    root.run(&["check"]).success();
}

#[test]
fn init_refuses_a_name_that_check_would_refuse_and_writes_nothing() {
    let root = Root::new();
    let run = init(&root, &["--commune", "Commune\u{1b}[31m", "--cpas", "CPAS"]).failure(1);
    assert_eq!(
        run.stderr,
        "erreur[nouvelle-fiche] : synergies.toml invalide, rien n'a été écrit :\n\
         erreur[caractere-de-controle] : caractère de contrôle U+001B (échappement) interdit dans \
         un texte\n --> synergies.toml:3:19\n  |\n3 | commune = \"Commune\\u001B[31m\"\n  |   \
         \x20               ^^^^^^ caractère invisible\n  = aide : retirez cette séquence : ce \
         caractère n'a rien à faire dans un texte\n\n\n"
    );
    assert!(fs::read_dir(root.path()).unwrap().next().is_none());
}

#[test]
fn init_asks_question_by_question_and_needs_the_names_otherwise() {
    let root = Root::new();
    let run = init(&root, &[]).failure(2);
    assert!(
        run.stderr
            .starts_with("erreur : indiquez le nom de la commune et celui du CPAS")
    );
    assert!(fs::read_dir(root.path()).unwrap().next().is_none());

    let mut child = Command::new(BIN)
        .args(["init", root.path().to_str().unwrap()])
        .env("SYNERGIES_INTERACTIF", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Commune de Frameries\n\n2027\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with(
            "Nom de la commune (par exemple « Commune de Quaregnon ») : \
             Nom du CPAS (Entrée : « CPAS de Frameries ») : Année du rapport (Entrée : plus tard) : "
        ),
        "{stdout}"
    );
    let toml = fs::read_to_string(root.path().join("synergies.toml")).unwrap();
    assert!(toml.contains(
        "commune = \"Commune de Frameries\"\ncpas = \"CPAS de Frameries\"\nannee = 2027\n"
    ));
}

#[test]
fn check_warns_when_mons_defaults_would_be_published_for_another_commune() {
    let fiche = "+++\ntitre = \"Plan de formation\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\n\
                 pilote = \"Commune\"\nresponsable = \"DG Commune\"\nstatut = \"Effectif\"\n+++\nFait.\n";
    // A synergies.toml that names another commune and leaves the rest to the defaults.
    let root = Root::new()
        .file(
            "synergies.toml",
            "commune = \"Commune de Quaregnon\"\n[accessibilite]\ndate = 2026-11-29\n\
             [rapport]\ndg_ville = \"A. Dupont\"\ndg_cpas = \"B. Martin\"\n",
        )
        .file("content/grh/plan.md", fiche);
    let run = root.run(&["check"]).success();
    assert_eq!(
        run.stderr,
        "avertissement[reglages-par-defaut] : le site publierait les réglages par défaut de Mons : \
         cpas (« CPAS de Mons »), contact_adresse de [accessibilite] (« Ville de Mons, Grand-Place \
         22, 7000 Mons »)\n --> synergies.toml\n  = aide : indiquez-les dans synergies.toml pour \
         votre commune et votre CPAS\n\n"
    );
    // No synergies.toml, and nothing of Mons in the register: the same warning.
    let bare = Root::new().file("content/grh/plan.md", fiche);
    let run = bare.run(&["check"]).success();
    assert!(
        run.stderr.starts_with(
            "avertissement[reglages-par-defaut] : le site publierait les réglages par défaut de \
             Mons : commune (« Ville de Mons »), cpas (« CPAS de Mons »), contact_adresse"
        ),
        "{}",
        run.stderr
    );
    // A register with errors publishes nothing: its errors are what it is told.
    let broken = Root::new().file("content/grh/plan.md", "+++\ntitre = 3\n+++\n");
    let run = broken.run(&["check"]).failure(1);
    assert!(
        !run.stderr.contains("reglages-par-defaut"),
        "{}",
        run.stderr
    );
    // A register that is Mons's, without synergies.toml: the defaults are its own.
    let mons = Root::new().file(
        "content/social/sip.md",
        "+++\ntitre = \"SIP/Ville de Mons\"\n+++\nFait.\n",
    );
    let run = mons.run(&["check"]).success();
    assert!(
        !run.stderr.contains("reglages-par-defaut"),
        "{}",
        run.stderr
    );
}

/// Another commune's register as its Word table: domain rows merged across the table.
fn quaregnon_register() -> Vec<u8> {
    let cells = |c: &[&str]| WordRow::Cells(c.iter().map(|s| (*s).to_owned()).collect());
    docx(&[vec![
        cells(&[
            "Synergie",
            "Objectif(s)",
            "Mode opératoire",
            "Pilote",
            "Responsable",
            "Statut",
        ]),
        WordRow::Merged("Ressources humaines".to_owned(), 6),
        cells(&[
            "Formations des agents",
            "Moyens",
            "Coop.",
            "Commune",
            "DG Ville",
            "50%",
        ]),
        cells(&[
            "Plan de formation",
            "Moyens",
            "Délégatif",
            "CPAS",
            "DG CPAS",
            "Terminé",
        ]),
        WordRow::Merged("Informatique".to_owned(), 6),
        cells(&[
            "Parc informatique commun",
            "Performance administrative",
            "Coopératif",
            "Les deux",
            "Les deux",
            "En cours (60 %)",
        ]),
        cells(&["", "", "", "", "", ""]),
        cells(&[
            "Logiciel de gestion des salles",
            "Satisfaction du citoyen",
            "Coopératif",
            "Ville",
            "Les 2",
            "Non applicable",
        ]),
    ]])
}

#[test]
fn a_new_commune_inits_imports_its_word_register_and_builds_without_a_trace_of_mons() {
    let root = Root::new();
    init(
        &root,
        &[
            "--commune",
            "Commune de Quaregnon",
            "--cpas",
            "CPAS de Quaregnon",
        ],
    )
    .success();
    let file = root.path().join("registre.docx");
    fs::write(&file, quaregnon_register()).unwrap();
    let run = root
        .run(&[
            "import",
            file.to_str().unwrap(),
            "--root",
            root.path().to_str().unwrap(),
        ])
        .success();
    assert!(
        run.stdout.ends_with("6 lignes lues, 4 fiches créées.\n"),
        "{}",
        run.stdout
    );
    let files = snapshot_dir(&root.path().join("content"));
    let text = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    assert_eq!(
        text("ressources-humaines/formations-des-agents.md"),
        "+++\ntitre = \"Formations des agents\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\n\
         pilote = \"Commune\"\nresponsable = \"DG Commune\"\nstatut = \"En cours\"\navancement = 50\n+++\n"
    );
    assert!(text("ressources-humaines/plan-de-formation.md").contains("statut = \"Effectif\"\n"));
    assert!(
        text("informatique/parc-informatique-commun.md")
            .contains("statut = \"En cours\"\navancement = 60\n")
    );
    assert!(
        text("informatique/logiciel-de-gestion-des-salles.md")
            .contains("statut = \"Sans objet\"\n")
    );
    assert_eq!(
        text("informatique/_index.md"),
        "+++\ntitre = \"Informatique\"\n+++\n"
    );

    let build = root.build().success();
    assert!(
        build.stdout.contains(": 4 fiches, 2 domaines,"),
        "{}",
        build.stdout
    );
    let site = snapshot_dir(&root.public());
    assert!(site.len() > 20);
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("Mons"), "{path} names Mons");
        if path.ends_with(".html") {
            assert!(!text.contains("Grand-Place"), "{path}");
        }
    }
    let index = String::from_utf8_lossy(&site["index.html"]);
    assert!(
        index.contains("Commune de Quaregnon"),
        "the commune is named"
    );
    // A « Commune » is labelled so, never « Ville » (init wrote [libelles.pilote] and
    // [libelles.responsable]).
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("DG Ville"), "{path} says DG Ville");
        assert!(!text.contains(">Ville<"), "{path} says Ville");
    }
    let csv = String::from_utf8_lossy(&site["synergies.csv"]);
    assert!(csv.contains(";Commune;;DG Commune;;"), "{csv}");
}

#[test]
fn init_help_is_in_french() {
    let root = Root::new();
    let help = root.run(&["init", "--help"]).success().stdout;
    for expected in [
        "Crée un nouveau registre : synergies.toml aux noms de la commune et du CPAS, content/ vide",
        "Utilisation : synergies init [DOSSIER] [--commune NOM] [--cpas NOM] [--annee AAAA]",
        "[DOSSIER]  Dossier du nouveau registre (par défaut : le dossier courant)\n",
        "Sans --commune ni --cpas, les questions sont posées une à une.",
        "--commune <NOM>  Nom de la commune, par exemple « Commune de Quaregnon »",
        "--annee <AAAA>   Année du rapport",
    ] {
        assert!(help.contains(expected), "{expected:?} in {help}");
    }
    assert!(!help.contains("default"), "{help}");
}
