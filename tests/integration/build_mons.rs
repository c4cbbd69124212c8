//! The shipped Mons register: builds, every page is there, every link is relative and lands
//! on a file of the site, and two builds are byte-identical.

use std::path::Path;
use std::process::Command;

use crate::support::{BIN, assert_same_tree, links, repo_root, run, snapshot_dir};

fn build_into(output: &Path) {
    let mut command = Command::new(BIN);
    command
        .arg("build")
        .arg("--root")
        .arg(repo_root())
        .arg("--output")
        .arg(output);
    let result = run(command).success();
    // Every file the summary counts is in the output (the marker is not counted).
    let files = snapshot_dir(output).len() - 1;
    assert_eq!(
        result.stdout.trim(),
        format!(
            "Site publié dans {} : 35 fiches, 11 domaines, {files} fichiers.",
            output.display()
        )
    );
}

fn count_md(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".md") && name != "_index.md"
        })
        .count()
}

#[test]
fn every_row_of_the_register_has_its_page() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_into(&public);
    let files = snapshot_dir(&public);
    let fiche_pages = files
        .keys()
        .filter(|p| p.starts_with("domaines/") && !p.ends_with("/index.html"))
        .count();
    let domain_pages = files
        .keys()
        .filter(|p| p.starts_with("domaines/") && p.ends_with("/index.html"))
        .count();
    assert_eq!(fiche_pages, count_md(&repo_root().join("content")));
    assert_eq!(fiche_pages, 35);
    assert_eq!(domain_pages, 11);
    assert!(files.contains_key("index.html"));
    assert!(files.contains_key("assets/site.css"));
    assert!(files.contains_key("assets/print.css"));
    assert!(files.contains_key(".synergies-build"));
}

#[test]
fn every_link_is_relative_to_a_file_that_exists() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_into(&public);
    let files = snapshot_dir(&public);
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert!(html.contains("<html lang=\"fr\">"), "{path}");
        for link in links(&html) {
            let target = link.split('#').next().unwrap();
            if target.is_empty() || link.starts_with("mailto:") || link.starts_with("tel:") {
                continue;
            }
            assert!(!link.starts_with('/'), "{path}: root-absolute link {link}");
            assert!(!link.contains("://"), "{path}: external link {link}");
            assert!(!target.ends_with('/'), "{path}: link to a folder {link}");
            let resolved = crate::support::resolve_link(path, target);
            assert!(
                files.contains_key(&resolved),
                "{path}: {link} → {resolved} does not exist"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn two_builds_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    build_into(&out.path().join("a"));
    build_into(&out.path().join("b"));
    assert_same_tree(&out.path().join("a"), &out.path().join("b"));
}

#[test]
fn every_seed_value_of_a_fiche_reaches_its_page() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    build_into(&public);
    let page =
        std::fs::read_to_string(public.join("domaines/grh/formations-bureautiques.html")).unwrap();
    for expected in [
        "<h1>Formations bureautiques des agents</h1>",
        "Moyens",
        "Délégatif",
        "la RH Ville est chargée de l&#39;organisation des formations bureautiques Ville et CPAS.",
        "DG Ville via Direction RH Ville",
        "<span class=\"statut statut-effectif\">Effectif</span>",
        "avancement\u{202f}: 100\u{a0}%",
        "<a href=\"../../domaines/grh/index.html\">Ressources humaines</a>",
    ] {
        assert!(page.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn a_parallel_build_is_byte_identical_to_a_single_threaded_one() {
    let out = tempfile::tempdir().unwrap();
    for (name, threads) in [("one", "1"), ("many", "4")] {
        let mut command = Command::new(BIN);
        command
            .env("RAYON_NUM_THREADS", threads)
            .arg("build")
            .arg("--root")
            .arg(repo_root())
            .arg("--output")
            .arg(out.path().join(name));
        run(command).success();
    }
    assert_same_tree(&out.path().join("one"), &out.path().join("many"));
}
