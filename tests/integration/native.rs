//! The Rust twins of the hot templates (`src/render/native.rs`) write exactly what Tera writes
//! from the same templates: each register is built with the built-in theme (twins on), then with
//! a theme whose copies of the mirrored templates (`render::mirrored::MIRRORED`) end with a Tera
//! comment, which changes nothing in what they render but turns the twins off.

use std::fs;

use synergies::render::mirrored::MIRRORED;

use crate::support::{Root, assert_same_files, copy_dir, repo_root, snapshot_dir};

/// Builds `root` with the twins, then with Tera alone, and compares every file.
fn twins_agree_with_tera(root: &Root) {
    let twins = root.path().join("avec-jumeaux");
    let tera = root.path().join("avec-tera");
    root.run(&["build", "--output", twins.to_str().unwrap()])
        .success();
    for name in MIRRORED {
        let built_in = fs::read_to_string(repo_root().join("theme/templates").join(name)).unwrap();
        let copy = root.path().join("theme/templates").join(name);
        fs::create_dir_all(copy.parent().unwrap()).unwrap();
        fs::write(copy, format!("{built_in}{{# rendu par Tera #}}")).unwrap();
    }
    root.run(&["build", "--output", tera.to_str().unwrap()])
        .success();
    let (twins, tera) = (snapshot_dir(&twins), snapshot_dir(&tera));
    let fiche_pages = twins
        .keys()
        .filter(|p| p.starts_with("domaines/") && !p.ends_with("/index.html"))
        .count();
    assert!(fiche_pages > 0);
    assert_same_files(&twins, &tera, "twins (left) and Tera (right)");
}

#[test]
fn native_twins_write_what_tera_writes_for_mons() {
    let root = Root::new();
    copy_dir(&repo_root().join("content"), &root.path().join("content"));
    fs::copy(
        repo_root().join("synergies.toml"),
        root.path().join("synergies.toml"),
    )
    .unwrap();
    twins_agree_with_tera(&root);
}

#[test]
fn native_twins_write_what_tera_writes_for_unusual_fiches() {
    // Markup characters everywhere, a note without terms, an empty statut, 0 %, a fiche without
    // body and one cited by another, a date of situation, a history from an archive.
    let root = Root::fixture("site")
        .file(
            "content/social/guichet.md",
            "+++\ntitre = \"Guichet <unique> & \\\"commun\\\" d'accueil\"\nobjectifs_note = \"L'accueil d'abord & <vite>\"\nmodes = [\"délégatif\", \"coopératif\"]\nmodes_note = \"Selon l'\\\"heure\\\"\"\npilote = \"CPAS\"\nstatut = \"En cours\"\navancement = 0\nmis_a_jour = 2026-01-31\neconomies = \"Moins de files < 10 min & plus\"\nvoir_aussi = [\"social/permanences\", \"grh/plan-de-formation\"]\n+++\nTexte avec <em>balise</em> & \"guillemets\".\n",
        )
        .file(
            "content/social/vide.md",
            "+++\ntitre = \"Sans corps\"\nresponsable_note = \"à définir\"\n+++\n",
        )
        // A history: a label with markup characters, a year without statut nor avancement; the
        // fiches this archive lacks are « Nouvelle en 2026 ».
        .file(
            "archives/2025.json",
            "{\"synergies\":[{\"id\":\"social/guichet\",\"domaine\":\"social\",\"titre\":\"G\",\"statut\":{\"cle\":\"a-developper\",\"libelle\":\"À <développer> & \\\"vite\\\"\"},\"avancement\":10},{\"id\":\"social/vide\",\"domaine\":\"social\",\"titre\":\"V\",\"statut\":null,\"avancement\":null}]}",
        );
    twins_agree_with_tera(&root);
}
