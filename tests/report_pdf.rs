//! The annual report printed to PDF by headless Chromium: A4 landscape, every synergy present,
//! the table's header row on every page after the cover, no navigation chrome.
//!
//! Needs Debian's `chromium` and `pdftotext`/`pdfinfo` (poppler-utils); skips loudly when they
//! are missing, unless `SYNERGIES_REQUIRE_BROWSER=1` (CI), where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

fn tool_missing() -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is missing (apt-get install chromium)"));
    }
    for tool in ["pdftotext", "pdfinfo"] {
        if Command::new(tool).arg("-v").output().is_err() {
            return Some(format!("{tool} is missing (apt-get install poppler-utils)"));
        }
    }
    None
}

/// Whitespace folded.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whitespace removed: a title wrapped anywhere in its cell (after `i-` or `/`) still matches.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_report_prints_to_a_clean_landscape_pdf() {
    if let Some(why) = tool_missing() {
        assert!(
            std::env::var("SYNERGIES_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "the PDF check is required (SYNERGIES_REQUIRE_BROWSER=1) but cannot run: {why}"
        );
        eprintln!("\n========== REPORT PDF CHECK SKIPPED: {why} ==========\n");
        return;
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_synergies"))
        .args(["build", "--root"])
        .arg(&repo)
        .arg("--output")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

    let pdf = out.path().join("rapport.pdf");
    let profile = out.path().join("chromium-profile");
    let print = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}",
            site.join("rapport/index.html").display()
        ))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "no PDF: {}",
        String::from_utf8_lossy(&print.stderr)
    );

    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("841.92 x 594.96 pts (A4)"),
        "not A4 landscape:\n{info}"
    );

    let text = Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(
        collapse(pages[0])
            .contains("Rapport sur l'ensemble des synergies existantes et à développer")
    );
    for (number, page) in pages.iter().enumerate().skip(1) {
        let page = collapse(page);
        for heading in ["Synergie", "Objectif", "Mode opératoire", "Réalisation"] {
            assert!(
                page.contains(heading),
                "page {}: no header {heading:?}",
                number + 1
            );
        }
    }
    let all = collapse(&text);
    let squeezed = squeeze(&text);
    assert!(!all.contains("Aller au contenu"), "navigation printed");
    assert!(!all.contains("Accueil"), "breadcrumbs printed");

    let (register, _) = synergies::check(&repo);
    let register = register.expect("the Mons register is valid");
    for fiche in &register.fiches {
        assert!(
            squeezed.contains(&squeeze(&fiche.titre)),
            "missing from the PDF: {}",
            fiche.titre
        );
    }
}
