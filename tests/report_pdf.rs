//! The annual report of the shipped register printed to PDF by headless Chromium with its own
//! headers and footers off: A4 landscape; every page numbered (« page 3 sur 9 ») and dated by
//! the page's CSS; the cover, the summary tables, a table per domain under its heading (name and
//! count, printed once) whose columns (Statut apart from Réalisation), below « <domaine>
//! (suite) », open every page it continues on, its columns at the same places in every domain;
//! every synergy present, no word of a title broken; no page before the last less than half used; no navigation chrome.
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
    let pages: Vec<String> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(collapse)
        .collect();
    let count = pages.len();
    assert!(count >= 4, "{count} pages");

    // Every page carries its number, the administrations, the year and the date, from the
    // page's own CSS (the browser's headers are off).
    let (register, _) = synergies::check(&repo);
    let register = register.expect("the Mons register is valid");
    let date = register
        .config
        .situation_au
        .expect("the shipped synergies.toml dates the report")
        .french();
    for (n, page) in pages.iter().enumerate() {
        let number = format!("page {} sur {count}", n + 1);
        for wanted in [
            number.as_str(),
            "Ville de Mons et CPAS de Mons — rapport 2026",
            &format!("Situation au {date}"),
        ] {
            assert!(
                page.contains(wanted),
                "page {}: no {wanted:?}\n{page}",
                n + 1
            );
        }
    }

    // The cover: title, both administrations with their articles, year and date, key figures
    // with agreement, what the report holds (its parts, its domains with their counts).
    let cover = &pages[0];
    for wanted in [
        "Rapport sur l'ensemble des synergies existantes et à développer — 2026",
        "entre la Ville de Mons et le CPAS de Mons",
        &format!("Année 2026 — situation au {date}."),
        "35 synergies",
        "9 effectifs",
        "Contenu du rapport 1. Synthèse 2. Registre des synergies par domaine",
        "Ressources humaines (6 synergies)",
        "Archives (1 synergie)",
        "3. Signatures",
    ] {
        assert!(cover.contains(wanted), "cover: no {wanted:?}\n{cover}");
    }
    // On paper the list cannot give page numbers: it is not called a « Sommaire », which would
    // promise them.
    assert!(!cover.contains("Sommaire"), "{cover}");
    // The summary tables, then a table per domain whose head (domain, columns with Statut apart
    // from Réalisation) opens every page it continues on.
    assert!(pages[1].contains("Synergies par domaine et par statut"));
    assert!(pages[1].contains("Synergies par mode opératoire"));
    assert!(pages[1].contains("Synergies par administration pilote"));
    // (The cover's table of contents names the register too.)
    let first_table = 1 + pages[1..]
        .iter()
        .position(|p| p.contains("Registre des synergies par domaine"))
        .expect("the register's heading");
    // Each domain's heading, with its count, is printed once, where its table begins; a page
    // it continues on opens with « <domaine> (suite) » above the columns, never with its count
    // again (which would read as another domain).
    let headings: Vec<(&str, String)> = register
        .domains
        .iter()
        .filter(|d| !d.fiches.is_empty())
        .map(|d| {
            let n = d.fiches.len();
            let noun = if n > 1 { "synergies" } else { "synergie" };
            (d.titre.as_str(), format!("{} ({n} {noun})", d.titre))
        })
        .collect();
    let all_text = pages.join(" ");
    for (_, heading) in &headings {
        assert_eq!(
            all_text
                .matches(&format!("{heading} Synergie Objectif"))
                .count(),
            1,
            "{heading:?} is not printed exactly once above its columns"
        );
    }
    // The domain whose table the previous page ended in.
    let mut current: Option<&str> = None;
    let mut continued = 0;
    for (n, page) in pages.iter().enumerate().skip(first_table) {
        let number = format!("page {} sur {count} ", n + 1);
        let body = &page[page.find(&number).expect("the page number") + number.len()..];
        if n == first_table {
            assert!(
                body.starts_with("Registre des synergies par domaine"),
                "{body}"
            );
        } else if n + 1 == count && !page.contains("Réalisation") {
            break; // the signatures' page
        } else if let Some(rest) =
            body.strip_prefix(&format!("{} (suite) ", current.unwrap_or("?")))
        {
            assert!(
                rest.starts_with("Synergie Objectif"),
                "page {}: {body}",
                n + 1
            );
            continued += 1;
        } else {
            assert!(
                headings
                    .iter()
                    .any(|(_, h)| body.starts_with(&format!("{h} Synergie"))),
                "page {}: neither a domain's heading nor its table continued from the page \
                 before ({current:?}) at its top\n{body}",
                n + 1
            );
        }
        assert!(
            page.contains(
                "Synergie Objectif Mode opératoire Administration pilote Responsable administratif Statut Réalisation"
            ),
            "page {}: no column headers\n{page}",
            n + 1
        );
        // A domain's head never stays alone at the foot of a page: a row follows it.
        assert!(
            !page.ends_with("Responsable administratif Statut Réalisation"),
            "page {}: a domain's head alone at its foot\n{page}",
            n + 1
        );
        // The table this page ends in: that of its last domain heading, if it has one.
        if let Some((_, titre)) = headings
            .iter()
            .filter_map(|(titre, heading)| page.rfind(heading.as_str()).map(|at| (at, *titre)))
            .max()
        {
            current = Some(titre);
        }
    }
    // « (suite) » only where a table goes on: exactly the continued pages have it.
    assert!(continued > 0, "no domain continues on a second page");
    assert_eq!(
        all_text.matches(" (suite) Synergie Objectif").count(),
        continued
    );
    assert!(pages[count - 1].contains("Pour la Ville de Mons"));
    assert!(pages[count - 1].contains("Pour le CPAS de Mons"));

    let all = pages.join(" ");
    let squeezed = squeeze(&text);
    assert!(!all.contains("Aller au contenu"), "navigation printed");
    assert!(!all.contains("Accueil"), "breadcrumbs printed");
    for fiche in &register.fiches {
        assert!(
            squeezed.contains(&squeeze(fiche.titre())),
            "missing from the PDF: {}",
            fiche.titre()
        );
        // No word broken inside: each word of the title is printed whole.
        for word in fiche.titre().split_whitespace() {
            if word.chars().all(char::is_alphabetic) {
                assert!(
                    all.split(|c: char| !c.is_alphabetic()).any(|w| w == word),
                    "{word:?} of {:?} is broken in the PDF",
                    fiche.titre()
                );
            }
        }
    }

    // Every domain's table has the same columns at the same places, whatever its texts: the
    // column heads (the first of each page a table continues on included) start at the same x.
    let heads = column_heads(&pdf);
    assert!(
        heads.len() > register.domains.len(),
        "{} column heads for {} domains",
        heads.len(),
        register.domains.len()
    );
    for (page, xs) in &heads {
        assert!(
            xs.iter()
                .zip(&heads[0].1)
                .all(|(x, first)| (x - first).abs() < 0.5),
            "page {page}: columns at {xs:?}, the first table's at {:?}",
            heads[0].1
        );
    }

    // No page before the last is less than half used: the lowest word of the page's content
    // (the margin boxes aside) is below the middle of the content area.
    for (n, used) in used_heights(&pdf).iter().enumerate() {
        if n + 1 < count {
            assert!(*used >= 0.5, "page {} is {:.0} % used", n + 1, used * 100.0);
        }
    }
}

/// The first word of each column's head in a domain's table.
const HEADS: [&str; 7] = [
    "Synergie",
    "Objectif",
    "Mode",
    "Administration",
    "Responsable",
    "Statut",
    "Réalisation",
];

/// poppler's page and word boxes of `pdf` (`pdftotext -bbox`): `<page width=… height=…>` and
/// `<word xMin=… yMin=… xMax=… yMax=…>text</word>` tags.
fn bbox(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The number in attribute `name` of a tag of [`bbox`]'s output.
fn attribute(tag: &str, name: &str) -> f64 {
    let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

/// Each printed row of column heads: its page (from 1) and the x where each column's head
/// begins (its first word, on the line of « Synergie »), from poppler's word positions.
fn column_heads(pdf: &Path) -> Vec<(usize, Vec<f64>)> {
    let html = bbox(pdf);
    // (page, text, x, y) of every word.
    let mut words: Vec<(usize, &str, f64, f64)> = Vec::new();
    let mut page = 0;
    for tag in html.split('<').skip(1) {
        if tag.starts_with("page ") {
            page += 1;
        } else if tag.starts_with("word ") {
            let text = tag.split('>').nth(1).unwrap_or("");
            words.push((page, text, attribute(tag, "xMin"), attribute(tag, "yMin")));
        }
    }
    let mut heads = Vec::new();
    for &(page, text, _, y) in &words {
        if text != HEADS[0] {
            continue;
        }
        let mut line: Vec<_> = words
            .iter()
            .filter(|w| w.0 == page && (w.3 - y).abs() < 0.5)
            .collect();
        line.sort_by(|a, b| a.2.total_cmp(&b.2));
        let xs: Vec<f64> = HEADS
            .iter()
            .filter_map(|head| line.iter().find(|w| w.1 == *head).map(|w| w.2))
            .collect();
        if xs.len() == HEADS.len() {
            heads.push((page, xs));
        }
    }
    heads
}

/// Per page, how far down its content area its lowest word goes (0 to 1), from poppler's word
/// positions. The content area is the page less the report's margins (print.css: 1.5 cm at the
/// top, 1.3 cm at the bottom), where the running title and page numbers are.
fn used_heights(pdf: &Path) -> Vec<f64> {
    let html = bbox(pdf);
    let (top, bottom) = (1.5 / 2.54 * 72.0, 1.3 / 2.54 * 72.0);
    let mut used = Vec::new();
    let mut height = 0.0;
    for tag in html.split('<').skip(1) {
        if tag.starts_with("page ") {
            height = attribute(tag, "height");
            used.push(0.0);
        } else if tag.starts_with("word ") {
            let (y_min, y_max) = (attribute(tag, "yMin"), attribute(tag, "yMax"));
            if y_min > top && y_max < height - bottom {
                let last = used.last_mut().unwrap();
                *last = f64::max(*last, (y_max - top) / (height - top - bottom));
            }
        }
    }
    used
}
