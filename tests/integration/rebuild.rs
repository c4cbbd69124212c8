//! A rebuild over the previous site: the same bytes as a build into an empty folder, whatever the
//! previous site holds; the pages that did not change are linked from it, not written again, and
//! keep their date.

use crate::support::{Root, assert_same_tree};
use std::fs;
use std::path::Path;

fn root() -> Root {
    Root::new()
        .file(
            "content/grh/_index.md",
            "+++\ntitre = \"Ressources humaines\"\n+++\n",
        )
        .file(
            "content/grh/plan.md",
            "+++\ntitre = \"Plan de formation\"\nstatut = \"Effectif\"\n+++\nFait.\n",
        )
        .file(
            "content/grh/recrutement.md",
            "+++\ntitre = \"Recrutement commun\"\nstatut = \"En cours\"\n+++\nEn cours.\n",
        )
}

/// The site a build of `root` into an empty folder gives.
fn fresh(root: &Root) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temporary folder");
    let output = out.path().join("site");
    let run = std::process::Command::new(crate::support::BIN)
        .args(["build", "--root"])
        .arg(root.path())
        .arg("--output")
        .arg(&output)
        .output()
        .expect("run synergies");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

#[cfg(unix)]
fn identity(path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).expect("metadata");
    (meta.dev(), meta.ino())
}

#[cfg(unix)]
#[test]
fn unchanged_pages_are_linked_and_a_changed_fiche_s_page_written() {
    let root = root();
    root.build().success();
    let public = root.public();
    let plan = public.join("domaines/grh/plan.html");
    let recrutement = public.join("domaines/grh/recrutement.html");
    let marker = public.join(".synergies-build");
    let (plan_before, recrutement_before) = (identity(&plan), identity(&recrutement));
    let marker_before = identity(&marker);
    fs::write(
        root.path().join("content/grh/recrutement.md"),
        "+++\ntitre = \"Recrutement commun\"\nstatut = \"En cours\"\n+++\nDeux jurys.\n",
    )
    .expect("edit");
    root.build().success();
    // The unchanged page is the same file; the changed one a new file with the new text.
    assert_eq!(identity(&plan), plan_before);
    assert_ne!(identity(&recrutement), recrutement_before);
    // The same files written: the same marker.
    assert_eq!(identity(&marker), marker_before);
    let page = fs::read_to_string(&recrutement).expect("page");
    assert!(page.contains("Deux jurys."), "{page}");
    assert_same_tree(&fresh(&root).path().join("site"), &public);
}

#[test]
fn a_page_changed_by_hand_in_the_published_site_is_written_again() {
    let root = root();
    root.build().success();
    let page = root.public().join("domaines/grh/plan.html");
    let text = fs::read_to_string(&page).expect("page");
    // The same length, other bytes: only reading them tells them apart.
    fs::write(&page, text.replace("Fait.", "FAIT!")).expect("edit by hand");
    root.build().success();
    assert_eq!(fs::read_to_string(&page).expect("page"), text);
    assert_same_tree(&fresh(&root).path().join("site"), &root.public());
}

#[cfg(unix)]
#[test]
fn a_page_replaced_by_a_link_is_written_again_and_what_it_led_to_left_alone() {
    let root = root();
    root.build().success();
    let page = root.public().join("domaines/grh/plan.html");
    let text = fs::read(&page).expect("page");
    // A file outside the site with the very bytes of the page, and the page a link to it.
    let outside = tempfile::tempdir().expect("temporary folder");
    let elsewhere = outside.path().join("plan.html");
    fs::write(&elsewhere, &text).expect("outside file");
    fs::remove_file(&page).expect("remove page");
    std::os::unix::fs::symlink(&elsewhere, &page).expect("link");
    root.build().success();
    assert!(fs::symlink_metadata(&page).expect("page").is_file());
    assert_ne!(identity(&page), identity(&elsewhere));
    assert_eq!(fs::read(&page).expect("page"), text);
    assert_eq!(fs::read(&elsewhere).expect("outside file"), text);
    assert_same_tree(&fresh(&root).path().join("site"), &root.public());
}
