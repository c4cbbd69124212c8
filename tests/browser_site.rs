//! Browser checks of the built Mons site: headless Chromium over `file://` and over HTTP under
//! a sub-folder (crawl, click-through index → domaine → fiche, no 404, no console error),
//! axe-core (WCAG 2.1 AA) and the Nu HTML checker on every page. The checks themselves are in
//! `tests/browser/check-site.mjs`. A second test runs `tests/browser/search.mjs`: the instant
//! search and filters of the index page (typing, filters, URL hash, keyboard, live region, axe).
//!
//! They need Node.js, `npm ci` in `tests/browser`, Debian's Chromium and Java. When one is
//! missing the test says so loudly and passes, unless `SYNERGIES_REQUIRE_BROWSER=1` (CI), where
//! it fails.

use std::path::{Path, PathBuf};
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

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `script --prereqs` says its prerequisites are there; if not, why.
fn prerequisites(script: &Path) -> Result<(), String> {
    match Command::new("node").arg(script).arg("--prereqs").output() {
        Err(e) => Err(format!("node cannot be started: {e}")),
        Ok(out) if !out.status.success() => Err(format!(
            "prerequisites missing:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
        Ok(_) => Ok(()),
    }
}

/// Builds the repository's register into a temporary folder; returns it and the site in it.
fn build_site(repo: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temporary folder");
    let site = out.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_synergies"))
        .arg("build")
        .arg("--root")
        .arg(repo)
        .arg("--output")
        .arg(&site)
        .output()
        .expect("run synergies");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    (out, site)
}

/// Runs `node script args…`; it must succeed and end with `{summary}: N passed, 0 failed`.
fn run_checks(script: &Path, args: &[&std::ffi::OsStr], summary: &str) {
    let check = Command::new("node")
        .arg(script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", script.display()));
    let stdout = String::from_utf8_lossy(&check.stdout);
    let stderr = String::from_utf8_lossy(&check.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        check.status.success(),
        "{summary} checks failed:\n{stdout}\n{stderr}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&format!("{summary}: ")) && last.ends_with(" 0 failed"),
        "unexpected summary: {last}"
    );
}

#[test]
fn the_built_site_passes_the_browser_accessibility_and_validity_checks() {
    let repo = repo();
    let script = repo.join("tests/browser/check-site.mjs");
    if let Err(why) = prerequisites(&script) {
        return skip(&why);
    }
    let (_out, site) = build_site(&repo);
    run_checks(&script, &[site.as_os_str(), "--flow".as_ref()], "browser");
}

#[test]
fn the_index_search_and_filters_work_in_the_browser() {
    let repo = repo();
    let script = repo.join("tests/browser/search.mjs");
    if let Err(why) = prerequisites(&script) {
        return skip(&why);
    }
    let (_out, site) = build_site(&repo);
    run_checks(
        &script,
        &[site.as_os_str(), "--root".as_ref(), repo.as_os_str()],
        "search",
    );
}
