//! Publishing never destroys what the tool did not make, and replaces its own output whole.

use crate::support::{Root, snapshot_dir};

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
        "erreur[ecriture] : ce dossier contient déjà d'autres fichiers, qui ne viennent pas d'une \
         publication du registre : il n'est pas remplacé\n --> [ROOT]/public\n  = aide : videz-le ou \
         choisissez un autre dossier de sortie avec `--output`\n\nÉchec : 1 erreur. Rien n'a été \
         publié ; le site précédent reste en place.\n"
    );
    assert_eq!(snapshot_dir(&root.public()), before);
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
                "erreur[ecriture] : ce dossier ne peut pas servir de dossier de sortie"
            ),
            "{}",
            result.stderr
        );
        assert_eq!(snapshot_dir(root.path()), before);
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
    assert_eq!(
        snapshot_dir(&root.public()),
        snapshot_dir(&reference.public())
    );
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
        .file(".public.ancien-def456/public/index.html", "ancien");
    root.build().success();
    let names: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert_eq!(names, [".public.verrou"]);
}
