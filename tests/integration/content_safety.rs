//! What `content/` holds besides fiches cannot leak a file, hang the tool or give a register
//! Windows cannot hold: links out of the root, special files, names of pages the site writes,
//! names Windows refuses, names that are not Unicode.

use std::time::Duration;

use crate::support::{BIN, Root, assert_same_files, fingerprint, run_within};

/// A complete fiche: `check` has nothing to say about it.
const GOOD: &str = "+++\ntitre = \"Plan\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\n\
pilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"En cours\"\n+++\nFait.\n";

/// `synergies COMMAND --root ROOT`, killed if it runs for more than ten seconds.
fn run(root: &Root, command: &str) -> crate::support::Run {
    let mut process = std::process::Command::new(BIN);
    process.args([command, "--root"]).arg(root.path());
    run_within(process, Duration::from_secs(10))
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_root_is_refused_and_its_target_never_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = "SECRET-7f3a1c";
    std::fs::write(
        outside.path().join("shadow"),
        format!("root:{secret}:19000\n"),
    )
    .unwrap();
    std::fs::create_dir(outside.path().join("dossier")).unwrap();
    std::fs::write(
        outside.path().join("dossier/fiche.md"),
        format!("+++\ntitre = \"{secret}\"\n+++\n{secret}\n"),
    )
    .unwrap();
    let root = Root::new().file("content/grh/plan.md", GOOD);
    symlink(
        outside.path().join("shadow"),
        root.path().join("content/grh/x.md"),
    )
    .unwrap();
    symlink(
        outside.path().join("dossier"),
        root.path().join("content/autre"),
    )
    .unwrap();
    let before = fingerprint(root.path());

    for command in ["check", "build"] {
        let result = run(&root, command).failure(1);
        assert!(!result.stdout.contains(secret) && !result.stderr.contains(secret));
        let errors = "\
erreur[lien-hors-registre] : ce lien symbolique mène hors du dossier du registre : il n'est ni lu ni publié
 --> content/autre
  = aide : copiez la fiche dans le dossier de son domaine au lieu d'y mettre un lien, ou supprimez le lien

erreur[lien-hors-registre] : ce lien symbolique mène hors du dossier du registre : il n'est ni lu ni publié
 --> content/grh/x.md
  = aide : copiez la fiche dans le dossier de son domaine au lieu d'y mettre un lien, ou supprimez le lien

";
        assert!(
            result.stderr.starts_with(errors),
            "{command}: {}",
            result.stderr
        );
        assert_same_files(&before, &fingerprint(root.path()), command);
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_a_fiche_inside_the_root_is_read() {
    let root = Root::new()
        .file("brouillons/plan.md", GOOD)
        .file("content/grh/.keep", "");
    std::os::unix::fs::symlink(
        root.path().join("brouillons/plan.md"),
        root.path().join("content/grh/plan.md"),
    )
    .unwrap();
    run(&root, "build").success();
    assert!(root.public().join("domaines/grh/plan.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_fiche_is_reported_and_never_opened() {
    // Complete settings of a commune that is not Mons: `check` has nothing to say of them.
    let settings = "commune = \"Commune d'Exemple\"\ncpas = \"CPAS d'Exemple\"\n\
                    [accessibilite]\ndate = 2026-11-29\ncontact_adresse = \"Place 1, 9999 Exemple\"\n\
                    [rapport]\ndg_ville = \"A. Dupont, directrice générale\"\n\
                    dg_cpas = \"B. Martin, directeur général\"\n";
    let root = Root::new()
        .file("synergies.toml", settings)
        .file("content/grh/plan.md", GOOD);
    let made = std::process::Command::new("mkfifo")
        .arg(root.path().join("content/grh/tube.md"))
        .status()
        .unwrap();
    assert!(made.success());
    let check = run(&root, "check").success();
    assert_eq!(
        check.stderr,
        "avertissement[fichier-special] : `tube.md` n'est pas un fichier ordinaire (tube nommé, \
         prise ou périphérique) : il n'est pas ouvert, et il est ignoré\n --> content/grh/tube.md\n  \
         = aide : supprimez-le du dossier content/ ; une fiche est un simple fichier texte .md\n\n"
    );
    run(&root, "build").success();
    assert!(root.public().join("domaines/grh/plan.html").is_file());
    assert!(!root.public().join("domaines/grh/tube.html").exists());
}

#[test]
fn a_fiche_named_like_its_domain_page_is_an_error() {
    for name in ["index.md", "Index.md", "INDEX .md"] {
        let root = Root::new()
            .file("content/grh/plan.md", GOOD)
            .file(&format!("content/grh/{name}"), GOOD);
        let before = fingerprint(root.path());
        let result = run(&root, "build").failure(1);
        assert_eq!(
            result.stderr,
            format!(
                "erreur[nom-reserve] : cette fiche donnerait la page domaines/grh/index.html, qui \
                 est déjà la page du domaine\n --> content/grh/{name}\n  = aide : renommez la \
                 fiche, par exemple en `index-grh.md` ; la présentation du domaine va dans \
                 content/grh/_index.md\n\nÉchec : 1 erreur dans content/grh/{name}. Rien n'a été \
                 publié.\n"
            ),
            "{name}"
        );
        assert_same_files(&before, &fingerprint(root.path()), name);
    }
}

#[test]
fn names_windows_cannot_hold_are_errors_with_the_rename_to_make() {
    let root = Root::new()
        .file("content/grh/plan.md", GOOD)
        .file("content/grh/aux.md", GOOD)
        .file("content/grh/LPT1.notes.md", GOOD)
        .file("content/grh/Plan : 2026.md", GOOD)
        .file("content/grh/Con!.md", GOOD)
        .file("content/grh/quoi?.md", GOOD)
        .file("content/grh/rouge\u{1b}[31m.md", GOOD)
        .file("content/social./plan.md", GOOD)
        .file("content/nul/plan.md", GOOD)
        .file("content/Prn*/plan.md", GOOD);
    let before = fingerprint(root.path());
    let result = run(&root, "build").failure(1);
    let help = "pour que le registre et le site puissent être copiés sur un partage Windows";
    let expected = [
        (
            "content/Prn*",
            "dossier",
            "`Prn*` contient le caractère *, que Windows refuse dans un nom",
            "Prn-domaine",
        ),
        (
            "content/grh/Con!.md",
            "fichier",
            "sa page s'appellerait `con`, un nom réservé par Windows",
            "Con!-fiche.md",
        ),
        (
            "content/grh/LPT1.notes.md",
            "fichier",
            "`LPT1.notes.md` est un nom réservé par Windows",
            "LPT1-fiche.notes.md",
        ),
        (
            "content/grh/Plan : 2026.md",
            "fichier",
            "`Plan : 2026.md` contient le caractère :, que Windows refuse dans un nom",
            "Plan - 2026.md",
        ),
        (
            "content/grh/aux.md",
            "fichier",
            "`aux.md` est un nom réservé par Windows",
            "aux-fiche.md",
        ),
        (
            "content/grh/quoi?.md",
            "fichier",
            "`quoi?.md` contient le caractère ?, que Windows refuse dans un nom",
            "quoi-.md",
        ),
        (
            "content/grh/rouge\\u{1b}[31m.md",
            "fichier",
            "`rouge\\u{1b}[31m.md` contient le caractère \\u{1b}, que Windows refuse dans un nom",
            "rouge-[31m.md",
        ),
        (
            "content/nul",
            "dossier",
            "`nul` est un nom réservé par Windows",
            "nul-domaine",
        ),
        (
            "content/social.",
            "dossier",
            "`social.` finit par un point ou une espace, ce que Windows ne permet pas",
            "social",
        ),
    ]
    .map(|(path, what, reason, rename)| {
        format!(
            "erreur[nom-windows] : ce nom de {what} est impossible sous Windows : {reason}\n --> \
             {path}\n  = aide : renommez-le en `{rename}`, {help}\n\n"
        )
    })
    .concat();
    assert_eq!(
        result.stderr,
        format!(
            "{expected}Échec : 9 erreurs dans 9 fichiers : content/Prn* (1), content/grh/Con!.md \
             (1), content/grh/LPT1.notes.md (1), content/grh/Plan : 2026.md (1), \
             content/grh/aux.md (1), et 4 autres. Rien n'a été publié.\n"
        )
    );
    assert_same_files(&before, &fingerprint(root.path()), "the root");
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_unicode_is_an_error_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let root = Root::new().file("content/grh/plan.md", GOOD);
    let bad = std::ffi::OsStr::from_bytes(b"Egalit\xe9.md");
    if std::fs::write(root.path().join("content/grh").join(bad), GOOD).is_err() {
        eprintln!("this file system refuses names that are not UTF-8: nothing to test");
        return;
    }
    std::fs::create_dir(
        root.path()
            .join("content")
            .join(std::ffi::OsStr::from_bytes(b"d\xe9")),
    )
    .unwrap();
    let before = fingerprint(root.path());
    let result = run(&root, "build").failure(1);
    assert_eq!(
        result.stderr,
        "erreur[nom-illisible] : le nom de ce dossier n'est pas de l'Unicode valide : il serait \
         publié sous un nom abîmé\n --> content/d\u{fffd}\n  = aide : renommez-le en retapant les \
         lettres montrées par \u{fffd}\n\nerreur[nom-illisible] : le nom de ce fichier n'est pas \
         de l'Unicode valide : il serait publié sous un nom abîmé\n --> \
         content/grh/Egalit\u{fffd}.md\n  = aide : renommez-le en retapant les lettres montrées \
         par \u{fffd}\n\nÉchec : 2 erreurs dans 2 fichiers : content/d\u{fffd} (1), \
         content/grh/Egalit\u{fffd}.md (1). Rien n'a été publié.\n"
    );
    assert_same_files(&before, &fingerprint(root.path()), "the root");
}

#[cfg(unix)]
#[test]
fn a_settings_file_that_leads_out_of_the_root_or_blocks_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "SECRET-c0nf1g";
    std::fs::write(outside.path().join("shadow"), format!("{secret} = 1\n")).unwrap();
    let root = Root::new().file("content/grh/plan.md", GOOD);
    std::os::unix::fs::symlink(
        outside.path().join("shadow"),
        root.path().join("synergies.toml"),
    )
    .unwrap();
    let result = run(&root, "check").failure(1);
    assert!(!result.stderr.contains(secret), "{}", result.stderr);
    assert!(
        result.stderr.starts_with(
            "erreur[lien-hors-registre] : ce lien symbolique mène hors du dossier du registre : \
             il n'est pas lu\n --> synergies.toml\n  = aide : remplacez le lien par le fichier \
             synergies.toml lui-même\n"
        ),
        "{}",
        result.stderr
    );

    std::fs::remove_file(root.path().join("synergies.toml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.path().join("synergies.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let result = run(&root, "build").failure(1);
    assert_eq!(
        result.stderr,
        "erreur[fichier-special] : `synergies.toml` n'est pas un fichier ordinaire (tube nommé, \
         prise ou périphérique) : il n'est pas ouvert\n --> synergies.toml\n  = aide : \
         remplacez-le par un simple fichier texte\n\nÉchec : 1 erreur dans synergies.toml. Rien \
         n'a été publié.\n"
    );
}
