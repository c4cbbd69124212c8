//! Browser checks of the built Mons site, with last year's archive (so the report's evolution,
//! the fiches' history and the statuts per year are on its pages): headless Chromium over
//! `file://` and over HTTP under a sub-folder (crawl, click-through index → domaine → fiche, no
//! 404, no console error, the index's table at 1,280 px and as cards at 390 px with nothing
//! scrolling sideways), axe-core (WCAG 2.1 AA) and the Nu HTML checker on every page. The
//! checks themselves are in `tests/browser/check-site.mjs`. A second test runs `tests/browser/search.mjs`: the instant
//! search and filters of the index page (typing, filters, URL hash, keyboard, live region, axe);
//! a third runs it on a generated register of more than 200 fiches, where the index's table holds
//! the first 200 matches and a button adds the next ones. A fourth runs
//! `tests/browser/serve-panel.mjs` against `synergies serve`: the error panel, with the code's
//! explanation and axe-core.
//!
//! They need Node.js, `npm ci` in `tests/browser`, Debian's Chromium and Java. When one is
//! missing the test says so loudly and passes, unless `SYNERGIES_REQUIRE_BROWSER=1` (CI), where
//! it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The browser tests run one at a time: three Chromiums and the Nu checker's Java at once on a
/// two-core machine make page loads slow enough to time out now and then.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

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

/// What a browser test starts from: its turn (held until it ends), the repository and its script
/// (`tests/browser/<name>`); `None`, after saying why, when the checks cannot run here.
struct Start {
    /// Bind it (`_turn`, not `_`): the turn ends when it is dropped.
    _turn: std::sync::MutexGuard<'static, ()>,
    repo: PathBuf,
    script: PathBuf,
}

fn start(name: &str) -> Option<Start> {
    let turn = one_at_a_time();
    let repo = repo();
    let script = repo.join("tests/browser").join(name);
    if let Err(why) = prerequisites(&script) {
        skip(&why);
        return None;
    }
    Some(Start {
        _turn: turn,
        repo,
        script,
    })
}

/// Builds the register at `root` into a temporary folder; returns it and the site in it.
fn build_site(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temporary folder");
    let site = out.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_synergies"))
        .arg("build")
        .arg("--root")
        .arg(root)
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
    let Some(Start {
        _turn,
        repo,
        script,
    }) = start("check-site.mjs")
    else {
        return;
    };
    // The Mons register with last year's archive, so that every page is checked with the
    // report's « Évolution depuis 2025 » section, the fiches' history and the statuts per year.
    let root = tempfile::tempdir().expect("temporary folder");
    with_last_years_archive(&repo, root.path());
    let (_out, site) = build_site(root.path());
    let report = std::fs::read_to_string(site.join("rapport/index.html")).expect("the report");
    assert!(report.contains("id=\"evolution\""), "no evolution section");
    run_checks(&script, &[site.as_os_str(), "--flow".as_ref()], "browser");
}

/// Copies the register of `repo` into `root` with `archives/2025.json`: the register as
/// `synergies archiver` keeps it, with a statut and an avancement changed, a synergy the
/// register no longer has and two it did not have yet, so that every list of the evolution has
/// an item.
fn with_last_years_archive(repo: &Path, root: &Path) {
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.expect("walk content");
        let target = root.join(
            entry
                .path()
                .strip_prefix(repo)
                .expect("inside the repository"),
        );
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fiche");
        }
    }
    std::fs::copy(repo.join("synergies.toml"), root.join("synergies.toml")).expect("copy");
    let archived = Command::new(env!("CARGO_BIN_EXE_synergies"))
        .arg("archiver")
        .arg("--root")
        .arg(root)
        .output()
        .expect("run synergies archiver");
    assert!(
        archived.status.success(),
        "{}",
        String::from_utf8_lossy(&archived.stderr)
    );
    let this_year = root.join("archives/2026.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&this_year).expect("the archive")).expect("JSON");
    std::fs::remove_file(&this_year).expect("remove");
    let synergies = json["synergies"].as_array_mut().expect("synergies");
    synergies[0]["statut"] = serde_json::json!({"cle": "en-cours", "libelle": "En cours"});
    synergies[0]["avancement"] = serde_json::json!(40);
    synergies[1]["id"] = serde_json::json!("grh/une-synergie-abandonnee");
    synergies[1]["titre"] = serde_json::json!("Une synergie abandonnée");
    synergies.remove(2);
    std::fs::write(
        root.join("archives/2025.json"),
        serde_json::to_vec(&json).expect("JSON"),
    )
    .expect("write the archive");
}

#[test]
fn the_index_search_and_filters_work_in_the_browser() {
    let Some(Start {
        _turn,
        repo,
        script,
    }) = start("search.mjs")
    else {
        return;
    };
    let (_out, site) = build_site(&repo);
    run_checks(
        &script,
        &[site.as_os_str(), "--root".as_ref(), repo.as_os_str()],
        "search",
    );
}

/// Rows of the index's table as written, and added by its button (`home::ROWS`, `PAGE` of
/// recherche.js and search.mjs).
const ROWS: usize = 200;
/// Fiches of the generated register: more than two pages of the index's table.
const LARGE: usize = 450;

/// Writes a register of [`LARGE`] fiches in three domains into `root`: titles, values, `ordre`
/// and bodies vary with the fiche's number, so that the words search.mjs looks for select
/// known subsets, some larger than a page of the table, some smaller.
fn write_large_register(root: &Path) {
    let domains = [
        ("grh", "Ressources humaines", 2, 200),
        ("informatique", "Informatique", 1, 150),
        ("services-techniques", "Services techniques", 3, 100),
    ];
    let topics = [
        "Formation des agents",
        "Sécurité informatique",
        "Marchés publics groupés",
        "Égalité des chances",
        "Accueil des usagers",
        "Entretien des bâtiments",
    ];
    let objectifs = [
        "[\"Moyens\"]",
        "[\"Satisfaction du citoyen\", \"Performance administrative\"]",
        "",
        "[\"Performance administrative\"]",
    ];
    let modes = [
        "[\"Coopératif\"]",
        "[\"Délégatif\"]",
        "[\"Coopératif\", \"Délégatif\"]",
    ];
    let pilotes = ["Ville", "CPAS", "Les deux"];
    let responsables = ["DG Ville", "DG CPAS", "Les deux", ""];
    let statuts = ["Effectif", "En cours", "À développer", "Sans objet", ""];
    let mut n = 0;
    for (slug, titre, ordre, count) in domains {
        let folder = root.join("content").join(slug);
        std::fs::create_dir_all(&folder).expect("create a domain folder");
        std::fs::write(
            folder.join("_index.md"),
            format!("+++\ntitre = \"{titre}\"\nordre = {ordre}\n+++\nDomaine {titre}.\n"),
        )
        .expect("write _index.md");
        for _ in 0..count {
            let i = n;
            n += 1;
            let mut front = format!("titre = \"{} {:03}\"\n", topics[i % topics.len()], i % 97);
            let mut add = |key: &str, value: &str, quoted: bool| {
                if !value.is_empty() {
                    let value = if quoted {
                        format!("\"{value}\"")
                    } else {
                        value.to_owned()
                    };
                    front.push_str(&format!("{key} = {value}\n"));
                }
            };
            add("objectifs", objectifs[i % objectifs.len()], false);
            add("modes", modes[i % modes.len()], false);
            add("pilote", pilotes[i / 3 % pilotes.len()], true);
            add(
                "responsable",
                responsables[i / 2 % responsables.len()],
                true,
            );
            add("statut", statuts[i % statuts.len()], true);
            if i % 11 == 0 {
                add("ordre", &(i % 4 + 1).to_string(), false);
            }
            if i % 13 == 0 {
                add("economies", "Un seul marché pour la Ville et le CPAS", true);
            }
            let body = if i % 9 == 0 {
                "Une mise en œuvre commune, avec l'accueil des services techniques."
            } else if i % 4 == 0 {
                "Un plan de formation partagé."
            } else {
                "Une synergie entre les deux administrations."
            };
            std::fs::write(
                folder.join(format!("fiche-{i:03}.md")),
                format!("+++\n{front}+++\n{body}\n"),
            )
            .expect("write a fiche");
        }
    }
    assert_eq!(n, LARGE);
}

#[test]
fn the_index_search_shows_a_page_of_rows_and_a_button_for_the_next_on_a_large_register() {
    let Some(Start { _turn, script, .. }) = start("search.mjs") else {
        return;
    };
    let root = tempfile::tempdir().expect("temporary folder");
    write_large_register(root.path());
    let (_out, site) = build_site(root.path());
    let index = std::fs::read_to_string(site.join("index.html")).expect("read index.html");
    assert_eq!(
        index.matches("<tr data-id=").count(),
        ROWS,
        "the index's table holds the first {ROWS} fiches"
    );
    assert!(
        index.contains("id=\"registre-limite\""),
        "no note under the table"
    );
    run_checks(
        &script,
        &[site.as_os_str(), "--root".as_ref(), root.path().as_os_str()],
        "search",
    );
}

/// `synergies serve` on the Mons register: `tests/browser/serve-panel.mjs` makes a mistake in a
/// fiche with the page open and checks the error panel (alert dialog, focus, the code's
/// explanation folded under the errors, axe-core on the panel folded and open, Escape), then
/// puts the fiche back and sees the page reload without it.
#[test]
fn the_serve_error_panel_explains_the_error_and_passes_axe() {
    let Some(Start {
        _turn,
        repo,
        script,
    }) = start("serve-panel.mjs")
    else {
        return;
    };
    let root = tempfile::tempdir().expect("temporary folder");
    copy_folder(&repo.join("content"), &root.path().join("content"));
    std::fs::copy(
        repo.join("synergies.toml"),
        root.path().join("synergies.toml"),
    )
    .expect("copy");
    let fiche = root.path().join("content/grh/formations-bureautiques.md");
    let mut server = Command::new(env!("CARGO_BIN_EXE_synergies"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start synergies serve");
    let stdout = server.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(rest) = line.strip_prefix("Registre servi sur ") {
                let url = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                let _ = sender.send(url);
            }
        }
    });
    let url = receiver.recv_timeout(std::time::Duration::from_secs(30));
    let result = std::panic::catch_unwind(|| {
        let url = url.expect("the server's address");
        run_checks(&script, &[url.as_ref(), fiche.as_os_str()], "serve-panel");
    });
    let _ = server.kill();
    let _ = server.wait();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

/// Copies the folder `from` to `to`, files and folders.
fn copy_folder(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}
