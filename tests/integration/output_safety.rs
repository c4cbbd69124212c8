//! Publishing never destroys what the tool did not make, and replaces its own output whole.

use crate::support::{Root, assert_same_files, assert_same_tree, fingerprint, snapshot_dir};

fn good_root() -> Root {
    Root::new().file(
        "content/grh/plan.md",
        "+++\ntitre = \"Plan de formation\"\n+++\nFait.\n",
    )
}

#[test]
fn a_rebuild_replaces_the_previous_output_entirely() {
    let root = good_root()
        .file("public/.synergies-build", "")
        .file("public/vieux.html", "x");
    root.build().success();
    let files = snapshot_dir(&root.public());
    assert!(!files.contains_key("vieux.html"));
    assert!(files.contains_key("domaines/grh/plan.html"));
}

#[test]
fn a_folder_with_foreign_files_is_never_replaced() {
    let root = good_root().file("public/.git/HEAD", "ref: refs/heads/main\n");
    let before = snapshot_dir(&root.public());
    let result = root.build().failure(1);
    assert_eq!(
        result.stderr_in(&root),
        "erreur[sortie-refusee] : ce dossier contient déjà d'autres fichiers, qui ne viennent pas d'une \
         publication du registre : il n'est pas remplacé\n --> [ROOT]/public\n  = aide : videz-le ou \
         choisissez un autre dossier de sortie avec `--output`\n\nÉchec : 1 erreur dans \
         [ROOT]/public. Rien n'a été publié.\n"
    );
    assert_same_files(&before, &snapshot_dir(&root.public()), "public/");
}

#[test]
fn the_root_and_the_content_folder_are_refused_as_output() {
    for output in [".", "content", "content/grh", "theme", ".."] {
        let root = good_root();
        let before = snapshot_dir(root.path());
        let output = root.path().join(output);
        let result = root
            .run(&["build", "--output", output.to_str().unwrap()])
            .failure(1);
        assert!(
            result.stderr.starts_with(
                "erreur[sortie-refusee] : ce dossier ne peut pas servir de dossier de sortie"
            ),
            "{}",
            result.stderr
        );
        assert_same_files(&before, &snapshot_dir(root.path()), output.display());
    }
}

#[test]
fn an_empty_folder_may_be_used_as_output() {
    let root = good_root().file("vide/.keep", "");
    std::fs::remove_file(root.path().join("vide/.keep")).unwrap();
    let output = root.path().join("vide");
    root.run(&["build", "--output", output.to_str().unwrap()])
        .success();
    assert!(output.join("index.html").is_file());
}

#[test]
fn builds_running_at_once_leave_one_complete_site() {
    let root = good_root();
    let reference = Root::new().file(
        "content/grh/plan.md",
        "+++\ntitre = \"Plan de formation\"\n+++\nFait.\n",
    );
    reference.build().success();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(crate::support::BIN)
                .args(["build", "--root"])
                .arg(root.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_same_tree(&root.public(), &reference.public());
    let leftovers: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && n != ".public.verrou")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn what_an_interrupted_build_left_behind_is_cleaned_up() {
    let root = good_root()
        .file(".public.nouveau-abc123/index.html", "à moitié écrit")
        .file(".public.ancien-def456/public/.synergies-build", "")
        .file(".public.ancien-def456/public/index.html", "ancien");
    root.build().success();
    let names: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert_eq!(names, [".public.verrou"]);
}

/// A folder holding a register `R`, a sibling register `R2`, a foreign folder `Documents` and
/// a home folder `maison`: every `--output` spelling of issue 14 is tried from inside it.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new(with_public: bool) -> Place {
        let dir = tempfile::tempdir().unwrap();
        let write = |relative: &str, text: &str| {
            let path = dir.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "R/content/grh/plan.md",
            "+++\ntitre = \"Plan de formation\"\n+++\nFait.\n",
        );
        write("R/theme/static/logo.txt", "logo\n");
        write(
            "R2/content/social/aide.md",
            "+++\ntitre = \"Aide\"\n+++\nFait.\n",
        );
        write("Documents/lettre.odt", "lettre\n");
        write("maison/notes.txt", "notes\n");
        if with_public {
            write("R/public/.synergies-build", "");
            write("R/public/index.html", "site précédent\n");
        }
        Place { dir }
    }

    fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// `synergies build --root R --output OUTPUT`, run from the place, with `maison` as home.
    fn build(&self, output: &str) -> crate::support::Run {
        let mut command = std::process::Command::new(crate::support::BIN);
        command
            .current_dir(self.path())
            .env("HOME", self.path().join("maison"))
            .env("USERPROFILE", self.path().join("maison"))
            .args(["build", "--root", "R", "--output", output]);
        crate::support::run(command)
    }
}

fn refused(reason: &str, resolved: &str, typed: &str) -> String {
    let note = if typed.is_empty() {
        String::new()
    } else {
        format!("  = note : chemin demandé : {typed}\n")
    };
    format!(
        "erreur[sortie-refusee] : ce dossier ne peut pas servir de dossier de sortie : {reason}\n \
         --> [P]/{resolved}\n{note}  = aide : choisissez un dossier réservé au site, par exemple \
         le dossier `public` du registre (sans `--output`)\n\nÉchec : 1 erreur dans {}. Rien \
         n'a été publié.\n",
        // As a path, the temporary folder itself is written without its final `/`.
        if resolved.is_empty() {
            "[P]".to_owned()
        } else {
            format!("[P]/{resolved}")
        }
    )
}

fn foreign(resolved: &str, typed: &str) -> String {
    format!(
        "erreur[sortie-refusee] : ce dossier contient déjà d'autres fichiers, qui ne viennent pas \
         d'une publication du registre : il n'est pas remplacé\n --> [P]/{resolved}\n  = note : \
         chemin demandé : {typed}\n  = aide : videz-le ou choisissez un autre dossier de sortie \
         avec `--output`\n\nÉchec : 1 erreur dans [P]/{resolved}. Rien n'a été publié.\n"
    )
}

const CONTENT: &str = "c'est le dossier des fiches (content/) ou l'un de ses sous-dossiers";
const THEME: &str = "c'est le dossier du thème (theme/) ou l'un de ses sous-dossiers";
const REGISTER: &str = "c'est le dossier du registre";
const ABOVE_REGISTER: &str = "il contient le dossier du registre";
const HOME: &str = "c'est votre dossier personnel";

/// Issue 14: each of these outputs destroyed the register or another folder. Each is refused,
/// with or without a previous `public/`, and nothing under the place changes.
#[test]
fn every_spelling_of_a_forbidden_output_is_refused_and_nothing_changes() {
    let cases: Vec<(&str, String)> = vec![
        (
            "R/public/../content",
            refused(CONTENT, "R/content", "R/public/../content"),
        ),
        (
            "R/public/../content/grh",
            refused(CONTENT, "R/content/grh", "R/public/../content/grh"),
        ),
        ("R/x/../theme", refused(THEME, "R/theme", "R/x/../theme")),
        (
            "R/theme/static/site",
            refused(THEME, "R/theme/static/site", ""),
        ),
        (
            "R/x/../../Documents",
            foreign("Documents", "R/x/../../Documents"),
        ),
        ("R/x/../../R2", foreign("R2", "R/x/../../R2")),
        ("maison", refused(HOME, "maison", "")),
        (
            "R/x/../../maison",
            refused(HOME, "maison", "R/x/../../maison"),
        ),
        ("R/nx/../../R", refused(REGISTER, "R", "R/nx/../../R")),
        ("R/public/..", refused(REGISTER, "R", "R/public/..")),
        ("./R/.", refused(REGISTER, "R", "")),
        (".", refused(ABOVE_REGISTER, "", "")),
    ];
    for with_public in [false, true] {
        for (output, expected) in &cases {
            let place = Place::new(with_public);
            let before = fingerprint(place.path());
            let result = place.build(output).failure(1);
            let stderr = result
                .stderr
                .replace(&place.path().display().to_string(), "[P]")
                .replace("[P]/ ", "[P] ")
                .replace("[P]/\n", "[P]\n");
            let expected = expected.replace("[P]/\n", "[P]\n");
            assert_eq!(
                stderr, expected,
                "--output {output}, public/: {with_public}"
            );
            assert!(result.stdout.is_empty(), "{}", result.stdout);
            assert_same_files(
                &before,
                &fingerprint(place.path()),
                format!("--output {output}, public/: {with_public}"),
            );
        }
    }
}

/// The same spellings typed from inside the register (`--root .`), as an editor in its folder
/// would.
#[test]
fn every_spelling_typed_from_inside_the_register_is_refused_too() {
    let cases: Vec<(&str, String)> = vec![
        (
            "x/../content",
            refused(CONTENT, "R/content", "x/../content"),
        ),
        (
            "public/../content",
            refused(CONTENT, "R/content", "public/../content"),
        ),
        ("x/../theme", refused(THEME, "R/theme", "x/../theme")),
        (
            "x/../../Documents",
            foreign("Documents", "x/../../Documents"),
        ),
        ("../R2", foreign("R2", "../R2")),
        ("..", refused(ABOVE_REGISTER, "", "..")),
        ("x/..", refused(REGISTER, "R", "x/..")),
    ];
    for with_public in [false, true] {
        for (output, expected) in &cases {
            let place = Place::new(with_public);
            let before = fingerprint(place.path());
            let mut command = std::process::Command::new(crate::support::BIN);
            command
                .current_dir(place.path().join("R"))
                .env("HOME", place.path().join("maison"))
                .args(["build", "--root", ".", "--output", output]);
            let result = crate::support::run(command).failure(1);
            let stderr = result
                .stderr
                .replace(&place.path().display().to_string(), "[P]");
            let expected = expected.replace("[P]/\n", "[P]\n");
            assert_eq!(
                stderr, expected,
                "--output {output}, public/: {with_public}"
            );
            assert_same_files(
                &before,
                &fingerprint(place.path()),
                format!("--output {output}, public/: {with_public}"),
            );
        }
    }
}

/// The folder written is the one resolved, and the message names it.
#[test]
fn an_output_with_dots_is_published_where_it_resolves_and_says_so() {
    let place = Place::new(false);
    let result = place.build("R/nx/../site").success();
    let site = place.path().join("R/site");
    assert!(site.join("domaines/grh/plan.html").is_file());
    assert!(!place.path().join("R/nx").exists());
    assert!(
        result
            .stdout
            .starts_with(&format!("Site publié dans {} : 1 fiche", site.display())),
        "{}",
        result.stdout
    );
}

/// A symbolic link on the way is followed: the folder it leads to is the one checked.
#[cfg(unix)]
#[test]
fn an_output_through_a_symbolic_link_is_checked_where_it_leads() {
    let place = Place::new(true);
    std::os::unix::fs::symlink(
        place.path().join("R/content"),
        place.path().join("raccourci"),
    )
    .unwrap();
    let before = fingerprint(place.path());
    for (output, resolved) in [
        ("raccourci", "R/content"),
        ("raccourci/grh", "R/content/grh"),
        ("raccourci/../theme/x", "R/theme/x"),
    ] {
        let result = place.build(output).failure(1);
        let stderr = result
            .stderr
            .replace(&place.path().display().to_string(), "[P]");
        let reason = if resolved.contains("theme") {
            THEME
        } else {
            CONTENT
        };
        assert_eq!(stderr, refused(reason, resolved, output));
        assert_same_files(&before, &fingerprint(place.path()), output);
    }
}

/// A crash between the two renames of a publish left the previous site only in its set-aside
/// folder: a later build that fails puts it back instead of deleting it.
#[test]
fn a_failed_build_puts_back_the_only_copy_of_the_previous_site() {
    let root = Root::new()
        .file("content/grh/plan.md", "+++\ntitre = 3\n+++\nFait.\n")
        .file(".public.ancien-x1y2/public/.synergies-build", "")
        .file(".public.ancien-x1y2/public/index.html", "site précédent\n");
    let previous = snapshot_dir(&root.path().join(".public.ancien-x1y2/public"));
    let result = root.build().failure(1);
    assert!(
        result.stderr.ends_with(
            "Échec : 1 erreur dans content/grh/plan.md. Rien n'a été publié ; le site précédent \
             reste en place.\n"
        ),
        "{}",
        result.stderr
    );
    assert_same_files(&previous, &snapshot_dir(&root.public()), "public/");
    assert!(!root.path().join(".public.ancien-x1y2").exists());

    // Once the fiche is fixed, the next build replaces it as usual.
    let root = root.file(
        "content/grh/plan.md",
        "+++\ntitre = \"Plan de formation\"\n+++\nFait.\n",
    );
    root.build().success();
    assert!(root.public().join("domaines/grh/plan.html").is_file());
}

fn built_root() -> Root {
    let root = good_root();
    root.build().success();
    root
}

/// Files put by hand into the site are kept at every publish, and the build says so.
#[test]
fn files_put_by_hand_into_the_site_are_kept_and_named() {
    let root = built_root()
        .file("public/documents/convention.pdf", "%PDF convention")
        .file("public/robots.txt", "User-agent: *\n")
        .file("public/assets/Thumbs.db", "vignettes")
        .file("public/documents/desktop.ini", "[.ShellClassInfo]");
    let result = root.build().success();
    assert!(
        result.stdout.ends_with(
            "2 fichiers déposés à la main, pas produits par l'outil, sont gardés : \
             documents/convention.pdf, robots.txt.\n"
        ),
        "{}",
        result.stdout
    );
    // Kept again at the next publish: they stay the user's, not the tool's.
    std::fs::remove_file(root.public().join("robots.txt")).unwrap();
    let result = root.build().success();
    assert!(
        result.stdout.ends_with(
            "1 fichier déposé à la main, pas produit par l'outil, est gardé : \
             documents/convention.pdf.\n"
        ),
        "{}",
        result.stdout
    );
    let files = snapshot_dir(&root.public());
    assert_eq!(files["documents/convention.pdf"], b"%PDF convention");
    // What Windows leaves in a folder it shows is not the user's: dropped, not named.
    assert!(!files.contains_key("assets/Thumbs.db"));
    assert!(!files.contains_key("documents/desktop.ini"));
    assert!(!files.contains_key("robots.txt"));
    // A page of the tool changed by hand is the tool's: it is made again.
    std::fs::write(root.public().join("index.html"), "retouché").unwrap();
    let result = root.build().success();
    assert_ne!(
        snapshot_dir(&root.public())["index.html"],
        "retouché".as_bytes()
    );
    assert_eq!(result.stdout.lines().count(), 2, "{}", result.stdout);
}

/// A file put by hand where the new build writes a page is never overwritten: nothing is
/// published.
#[test]
fn a_file_put_by_hand_where_a_page_goes_stops_the_publish() {
    let root = built_root()
        .file("public/domaines/grh/nouvelle.html", "ma page\n")
        .file(
            "content/grh/nouvelle.md",
            "+++\ntitre = \"Nouvelle\"\n+++\nFait.\n",
        );
    let before = fingerprint(root.path());
    let result = root.build().failure(1);
    assert_eq!(
        result.stderr_in(&root),
        "erreur[fichier-ajoute] : ce fichier a été déposé à la main dans le site, et la \
         publication écrirait un fichier du même nom : rien n'est publié, pour ne pas l'écraser\n \
         --> [ROOT]/public/domaines/grh/nouvelle.html\n  = aide : déplacez-le hors de \
         [ROOT]/public (un fichier à publier tel quel va dans theme/static/, publié dans \
         assets/), puis relancez\n\nÉchec : 1 erreur dans \
         [ROOT]/public/domaines/grh/nouvelle.html. Rien n'a été publié ; le site précédent \
         reste en place.\n"
    );
    assert_same_files(&before, &fingerprint(root.path()), "the root");
}

/// A link put by hand into the site is not followed into the new one: nothing is published.
#[cfg(unix)]
#[test]
fn a_link_put_by_hand_into_the_site_stops_the_publish() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let root = built_root();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        root.public().join("secret.txt"),
    )
    .unwrap();
    let before = fingerprint(root.path());
    let result = root.build().failure(1);
    assert_eq!(
        result.stderr_in(&root),
        "erreur[fichier-ajoute] : ce lien a été déposé à la main dans le site : il n'est pas \
         recopié, et rien n'est publié\n --> [ROOT]/public/secret.txt\n  = aide : déplacez-le \
         hors de [ROOT]/public (un fichier à publier tel quel va dans theme/static/, publié dans \
         assets/), puis relancez\n\nÉchec : 1 erreur dans [ROOT]/public/secret.txt. Rien n'a \
         été publié ; le site précédent reste en place.\n"
    );
    assert_same_files(&before, &fingerprint(root.path()), "the root");
}

#[test]
fn an_output_under_a_file_is_said_in_french_and_nothing_is_written() {
    // `rapport.pdf/site`: a file stands where the output's folder would be.
    let root = good_root().file("rapport.pdf", "%PDF");
    let before = snapshot_dir(root.path());
    let output = root.path().join("rapport.pdf").join("site");
    let result = root
        .run(&["build", "--output", output.to_str().unwrap()])
        .failure(1);
    assert_eq!(
        result.stderr_in(&root),
        "erreur[ecriture] : création impossible : un fichier ou un dossier de ce nom existe \
         déjà\n --> [ROOT]/rapport.pdf\n\nÉchec : 1 erreur dans [ROOT]/rapport.pdf. Rien n'a été \
         publié.\n"
    );
    assert_same_files(&before, &snapshot_dir(root.path()), "root");
}
