//! The bad-input corpus: every folder of `tests/fixtures/invalid/` is a root with one kind of
//! mistake (or several). For each: `build` exits 1, prints the exact diagnostics (snapshot),
//! and leaves the previous site byte-identical; `check` reports the same problems.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use crate::support::{Root, repo_root, snapshot_dir, tree_difference};

#[test]
fn the_corpus_has_at_least_thirty_cases() {
    let cases = fs::read_dir(repo_root().join("tests/fixtures/invalid"))
        .expect("fixtures")
        .count();
    assert!(cases >= 30, "{cases} cases");
}

/// Builds and checks the bad root `fixture`: its `build` stderr, for the snapshot, and what
/// went wrong apart from it (nothing when the root fails as it must).
fn build_and_check(fixture: &Path) -> (String, Vec<String>) {
    let case = fixture
        .file_name()
        .expect("a fixture folder")
        .to_string_lossy()
        .into_owned();
    let mut problems = Vec::new();
    let root = Root::fixture(&format!("invalid/{case}"))
        .file("public/.synergies-build", "")
        .file("public/index.html", "site précédent\n");
    let before = snapshot_dir(&root.public());

    let build = root.build();
    let stderr = build.stderr_in(&root);
    if build.code != 1 {
        problems.push(format!("exit code {}, not 1:\n{stderr}", build.code));
    }
    if !build.stdout.is_empty() {
        problems.push(format!("stdout:\n{}", build.stdout));
    }
    if let Some(difference) = tree_difference(&before, &snapshot_dir(&root.public())) {
        problems.push(format!("public/ changed: {difference}"));
    }
    let leftovers: Vec<_> = fs::read_dir(root.path())
        .expect("the root")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        // The lock file stays (it is how two builds take turns); nothing else may.
        .filter(|n| n.starts_with(".public") && n != ".public.verrou")
        .collect();
    if !leftovers.is_empty() {
        problems.push(format!("left {leftovers:?}"));
    }

    // `check` finds the same problems (the theme is only read by `build`).
    let check = root.run(&["check"]);
    let check_stderr = check.stderr_in(&root);
    let expected_code = if case.starts_with("broken-") { 0 } else { 1 };
    if check.code != expected_code {
        problems.push(format!(
            "check: exit code {}, not {expected_code}:\n{check_stderr}",
            check.code
        ));
    } else if expected_code == 1 {
        let errors = |text: &str| {
            text.lines()
                .filter(|l| l.starts_with("erreur"))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        if errors(&check_stderr) != errors(&stderr) {
            problems.push(format!(
                "check's errors are not build's:\n{check_stderr}\nbuild:\n{stderr}"
            ));
        }
    }
    let problems = problems
        .into_iter()
        .map(|p| format!("{case}: {p}"))
        .collect();
    (stderr, problems)
}

/// One snapshot per bad root (`insta::glob!`); every root runs, and every failure is told
/// together: snapshots by insta, the rest (exit codes, anything written) below.
#[test]
fn each_bad_root_fails_with_its_diagnostics_and_publishes_nothing() {
    let mut problems: Vec<String> = Vec::new();
    let snapshots = panic::catch_unwind(AssertUnwindSafe(|| {
        // `?*`: each folder directly under `invalid/` (not `invalid/` itself, nor what they hold).
        insta::glob!(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid"),
            "?*",
            |path| {
                let (stderr, wrong) = build_and_check(path);
                problems.extend(wrong);
                insta::assert_snapshot!(stderr);
            }
        );
    }));
    assert!(
        problems.is_empty() && snapshots.is_ok(),
        "{}{}",
        problems.join("\n\n"),
        if snapshots.is_ok() {
            ""
        } else {
            "\n\nsnapshots differ or a root could not be run: see above"
        }
    );
}
