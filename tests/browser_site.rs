//! Browser checks of the built Mons site: headless Chromium over `file://` and over HTTP under
//! a sub-folder (crawl, click-through index → domaine → fiche, no 404, no console error),
//! axe-core (WCAG 2.1 AA) and the Nu HTML checker on every page. The checks themselves are in
//! `tests/browser/check-site.mjs`.
//!
//! They need Node.js, `npm ci` in `tests/browser`, Debian's Chromium and Java. When one is
//! missing the test says so loudly and passes, unless `SYNERGIES_REQUIRE_BROWSER=1` (CI), where
//! it fails.

use std::path::PathBuf;
use std::process::Command;

fn required() -> bool {
    std::env::var("SYNERGIES_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

fn skip(why: &str) {
    assert!(
        !required(),
        "browser checks are required (SYNERGIES_REQUIRE_BROWSER=1) but cannot run: {why}"
    );
    eprintln!(
        "\n==================== BROWSER CHECKS SKIPPED ====================\n\
         {why}\n\
         To run them: apt-get install chromium default-jre-headless nodejs npm,\n\
         then `npm ci` in tests/browser (CI does this in .ci/run).\n\
         ================================================================\n"
    );
}

#[test]
fn the_built_site_passes_the_browser_accessibility_and_validity_checks() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let script = repo.join("tests/browser/check-site.mjs");
    let prereqs = Command::new("node").arg(&script).arg("--prereqs").output();
    match prereqs {
        Err(e) => return skip(&format!("node cannot be started: {e}")),
        Ok(out) if !out.status.success() => {
            return skip(&format!(
                "prerequisites missing:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(_) => {}
    }

    let out = tempfile::tempdir().expect("temporary folder");
    let site = out.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_synergies"))
        .arg("build")
        .arg("--root")
        .arg(&repo)
        .arg("--output")
        .arg(&site)
        .output()
        .expect("run synergies");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

    let check = Command::new("node")
        .arg(&script)
        .arg(&site)
        .arg("--flow")
        .output()
        .expect("run check-site.mjs");
    let stdout = String::from_utf8_lossy(&check.stdout);
    let stderr = String::from_utf8_lossy(&check.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        check.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("browser: ") && last.ends_with(" 0 failed"),
        "unexpected summary: {last}"
    );
}
