//! `synergies new`: a fiche with every field ready, never over an existing one, questions on a
//! terminal; what it writes passes `check`.

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{BIN, Root};

#[test]
fn new_with_flags_writes_a_fiche_that_passes_check() {
    let root = Root::register().file(
        "content/grh/_index.md",
        "+++\ntitre = \"Ressources humaines\"\n+++\n",
    );
    let run = root
        .run(&[
            "new",
            "--root",
            root.path().to_str().unwrap(),
            "--domaine",
            "grh",
            "--titre",
            "Plan de formation",
        ])
        .success();
    assert_eq!(
        run.stdout,
        "Fiche créée : content/grh/plan-de-formation.md\n\nEnsuite :\n  1. ouvrez content/grh/plan-de-formation.md dans le Bloc-notes : complétez les champs (enlevez le # au début d'une ligne pour la remplir) et décrivez la réalisation sous la deuxième ligne +++ ;\n  2. vérifiez la fiche : synergies check content/grh/plan-de-formation.md\n  3. publiez le site : synergies build\n"
    );
    let text = fs::read_to_string(root.path().join("content/grh/plan-de-formation.md")).unwrap();
    assert!(
        text.starts_with("+++\ntitre = \"Plan de formation\"\n"),
        "{text}"
    );
    for comment in [
        "# Objectif : une ou plusieurs valeurs parmi « Satisfaction du citoyen », « Performance administrative », « Moyens »",
        "# Administration pilote : une valeur parmi « Ville », « CPAS », « Les deux »",
        "# Responsable administratif : une valeur parmi « DG Ville », « DG CPAS », « Les deux »",
        "# avancement = 50",
        "# mis_a_jour = 2026-11-15",
        "# voir_aussi = [\"grh/plan-de-formation\"]",
    ] {
        assert!(text.contains(comment), "missing {comment:?}");
    }
    let check = root.run(&["check"]).success();
    assert!(
        check
            .stderr
            .contains("non renseigné : objectifs, modes, pilote, responsable, statut")
    );
}

#[test]
fn new_never_overwrites_and_creates_a_new_domain_with_its_title() {
    let mine = "+++\ntitre = \"Plan de formation\"\n+++\nÀ garder.\n";
    let root = Root::register().file("content/grh/plan-de-formation.md", mine);
    let again = root
        .run(&[
            "new",
            "--root",
            root.path().to_str().unwrap(),
            "--domaine",
            "grh",
            "--titre",
            "Plan de formation",
        ])
        .failure(1);
    assert_eq!(
        again.stderr,
        "erreur[fiche-existante] : cette fiche existe déjà : elle n'est pas remplacée\n \
         --> content/grh/plan-de-formation.md\n  = aide : ouvrez-la pour la modifier, ou choisissez un autre titre\n"
    );
    assert_eq!(
        fs::read_to_string(root.path().join("content/grh/plan-de-formation.md")).unwrap(),
        mine
    );

    root.run(&[
        "new",
        "--root",
        root.path().to_str().unwrap(),
        "--domaine",
        "Égalité des chances",
        "--titre",
        "Conseils consultatifs",
    ])
    .success();
    assert_eq!(
        fs::read_to_string(root.path().join("content/egalite-des-chances/_index.md")).unwrap(),
        "+++\ntitre = \"Égalité des chances\"\n+++\n"
    );
    assert!(
        root.path()
            .join("content/egalite-des-chances/conseils-consultatifs.md")
            .is_file()
    );
    root.run(&["check"]).success();
}

#[test]
fn without_flags_it_asks_the_questions() {
    let root = Root::register().file(
        "content/grh/_index.md",
        "+++\ntitre = \"Ressources humaines\"\n+++\n",
    );
    let mut child = Command::new(BIN)
        .args(["new", "--root"])
        .arg(root.path())
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
        .write_all("1\nCellule informatique commune\n3\n2\n3\n3\n2\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(
        shown.contains("Domaine (numéro, ou nom d'un nouveau domaine) : "),
        "{shown}"
    );
    let text = fs::read_to_string(
        root.path()
            .join("content/grh/cellule-informatique-commune.md"),
    )
    .unwrap();
    for line in [
        "objectifs = [\"Moyens\"]\n",
        "modes = [\"Délégatif\"]\n",
        "pilote = \"Les deux\"\n",
        "responsable = \"Les deux\"\n",
        "statut = \"En cours\"\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    root.run(&["check"]).success();
}

#[test]
fn a_wrong_answer_is_asked_again_with_the_values_numbered() {
    let root = Root::register().file(
        "content/grh/_index.md",
        "+++\ntitre = \"Ressources humaines\"\n+++\n",
    );
    let mut child = Command::new(BIN)
        .args(["new", "--root"])
        .arg(root.path())
        .env("SYNERGIES_INTERACTIF", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Domain 7 does not exist; `cooperatif` is a value written without accent; `4` is not a
    // pilote; `DG Vile` is a close spelling; `terminé` an alias.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "7\n1\nCellule informatique\nmoyens\ncooperatif\n4\nLes 2\nDG Vile\nterminé\n"
                .as_bytes(),
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{shown}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for expected in [
        "Ce numéro n'est pas dans la liste : tapez un numéro de 1 à 1, ou le nom d'un nouveau domaine.\n",
        "→ Coopératif\n",
        "Numéro ou valeur (Entrée : plus tard) : « 4 » n'est pas une valeur de « Administration pilote ». Tapez un numéro de 1 à 3 ou la valeur (1. Ville, 2. CPAS, 3. Les deux), ou Entrée pour plus tard.\n",
        "→ Les deux\n",
        "→ DG Ville\n",
        "→ Effectif\n",
        "Fiche créée : content/grh/cellule-informatique.md\n",
        "  2. vérifiez la fiche : synergies check content/grh/cellule-informatique.md\n",
    ] {
        assert!(shown.contains(expected), "missing {expected:?} in\n{shown}");
    }
    let text = fs::read_to_string(root.path().join("content/grh/cellule-informatique.md")).unwrap();
    for line in [
        "objectifs = [\"Moyens\"]\n",
        "modes = [\"Coopératif\"]\n",
        "pilote = \"Les deux\"\n",
        "responsable = \"DG Ville\"\n",
        "statut = \"Effectif\"\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    root.run(&["check"]).success();
}

#[test]
fn without_flags_and_without_a_terminal_it_says_what_to_type() {
    let root = Root::register();
    let output = Command::new(BIN)
        .args(["new", "--root"])
        .arg(root.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "erreur : indiquez le domaine et le titre, par exemple :\n  synergies new --domaine grh --titre \"Plan de formation\"\n"
    );
    assert!(root.content_is_empty());
}

#[test]
fn input_ending_before_the_last_question_creates_nothing() {
    let root = Root::register().file(
        "content/grh/_index.md",
        "+++\ntitre = \"Ressources humaines\"\n+++\n",
    );
    let before = crate::support::snapshot_dir(root.path());
    let mut child = Command::new(BIN)
        .args(["new", "--root"])
        .arg(root.path())
        .env("SYNERGIES_INTERACTIF", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The domain, then the end of the input (Ctrl+Z, a closed pipe): no title ever comes.
    child.stdin.take().unwrap().write_all(b"1\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "erreur : lecture de la réponse impossible : la saisie s'est terminée avant la fin des \
         questions ; aucune fiche n'a été créée\n"
    );
    assert!(
        output
            .stdout
            .ends_with("Titre de la synergie : ".as_bytes())
    );
    crate::support::assert_same_files(
        &before,
        &crate::support::snapshot_dir(root.path()),
        "the root",
    );
}

/// A title and a domain with quotes, a backslash, `#`, `=`, an emoji and a line break (one line
/// reading `+++`) are written so that `check` passes and the site shows them as typed.
#[test]
fn any_title_is_written_so_that_the_site_reads_it_back() {
    let titre = "Plan \"A\" \\ # = 🎉 l'été\n+++\nsuite";
    let domaine = "Égalité \"des\" chances";
    let root = Root::register();
    let run = root
        .run(&[
            "new",
            "--root",
            root.path().to_str().unwrap(),
            "--domaine",
            domaine,
            "--titre",
            titre,
        ])
        .success();
    assert!(
        run.stdout
            .starts_with("Fiche créée : content/egalite-des-chances/plan-a-tada-l-ete-suite.md\n"),
        "{}",
        run.stdout
    );
    let folder = root.path().join("content/egalite-des-chances");
    assert_eq!(
        fs::read_to_string(folder.join("_index.md")).unwrap(),
        "+++\ntitre = \"Égalité \\\"des\\\" chances\"\n+++\n"
    );
    insta::assert_snapshot!(
        "new_fiche_with_an_odd_title",
        fs::read_to_string(folder.join("plan-a-tada-l-ete-suite.md")).unwrap()
    );
    root.build().success();
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(root.public().join("synergies.json")).unwrap()).unwrap();
    assert_eq!(json["synergies"][0]["titre"], titre);
    assert_eq!(json["domaines"][0]["titre"], domaine);
}

/// A new domain's `_index.md` is checked like the fiche before anything is written.
#[test]
fn a_new_domain_that_check_would_refuse_writes_nothing() {
    let root = Root::register();
    let run = root
        .run(&[
            "new",
            "--root",
            root.path().to_str().unwrap(),
            "--domaine",
            "Social\u{1b}[31m",
            "--titre",
            "Plan",
        ])
        .failure(1);
    assert_eq!(
        run.stderr,
        "erreur[nouvelle-fiche] : domaine invalide, rien n'a été écrit :\n\
         erreur[caractere-de-controle] : caractère de contrôle U+001B (échappement) interdit dans \
         un texte\n --> content/social-31m/_index.md:2:16\n  |\n\
         2 | titre = \"Social\\u001B[31m\"\n  |                ^^^^^^ caractère invisible\n  \
         = aide : retirez cette séquence : ce caractère n'a rien à faire dans un texte\n\n\n"
    );
    assert!(root.content_is_empty());
}
