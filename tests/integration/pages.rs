//! Rendered pages: snapshots of a small complete root, Notepad files (BOM, CRLF) building exactly
//! like their LF twins, and a root theme overriding the built-in one.

use std::fs;

use crate::support::{Root, snapshot_dir};

fn page(root: &Root, path: &str) -> String {
    fs::read_to_string(root.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn pages_of_a_complete_root() {
    let root = Root::fixture("site");
    root.build().success();
    insta::assert_snapshot!("index", page(&root, "index.html"));
    insta::assert_snapshot!("domain", page(&root, "domaines/grh/index.html"));
    insta::assert_snapshot!(
        "fiche_full",
        page(&root, "domaines/grh/plan-de-formation.html")
    );
    insta::assert_snapshot!(
        "fiche_empty",
        page(&root, "domaines/social/permanences.html")
    );
    insta::assert_snapshot!("domain_empty", page(&root, "domaines/vide/index.html"));
}

#[test]
fn raw_html_in_a_body_is_sanitised() {
    let root = Root::fixture("site");
    root.build().success();
    let html = page(&root, "domaines/grh/plan-de-formation.html");
    assert!(!html.contains("alert"), "script survived");
    assert!(html.contains("<h3>Réalisation</h3>"));
}

#[test]
fn a_notepad_file_builds_exactly_like_its_lf_twin() {
    let lf = "+++\ntitre = \"Égalité des chances\"\npilote = \"Ville\"\n+++\nPremier paragraphe.\n\nSecond\u{a0}paragraphe.\n";
    let notepad = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = Root::new().file("content/social/egalite.md", lf);
    let b = Root::new().file("content/social/egalite.md", &notepad);
    a.build().success();
    b.build().success();
    assert_eq!(snapshot_dir(&a.public()), snapshot_dir(&b.public()));
}

#[test]
fn a_root_theme_overrides_the_built_in_one_file_by_file() {
    let root = Root::fixture("site")
        .file("theme/static/site.css", "body { color: black; }\n")
        .file(
            "theme/static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        );
    root.build().success();
    assert_eq!(page(&root, "assets/site.css"), "body { color: black; }\n");
    assert!(page(&root, "assets/print.css").contains("@page"));
    assert!(root.public().join("assets/logo.svg").is_file());
}
