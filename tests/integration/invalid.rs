//! The bad-input corpus: every folder of `tests/fixtures/invalid/` is a root with one kind of
//! mistake (or several). For each: `build` exits 1, prints the exact diagnostics (snapshot),
//! and leaves the previous site byte-identical; `check` reports the same problems.

use std::fs;

use crate::support::{Root, repo_root, snapshot_dir};

fn cases() -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(repo_root().join("tests/fixtures/invalid"))
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

#[test]
fn the_corpus_has_at_least_thirty_cases() {
    assert!(cases().len() >= 30, "{} cases", cases().len());
}

#[test]
fn every_bad_root_fails_with_its_diagnostics_and_publishes_nothing() {
    for case in cases() {
        let root = Root::fixture(&format!("invalid/{case}"))
            .file("public/.synergies-build", "")
            .file("public/index.html", "site précédent\n");
        let before = snapshot_dir(&root.public());

        let build = root.build();
        assert_eq!(build.code, 1, "{case}: {}{}", build.stdout, build.stderr);
        let stderr = build.stderr_in(&root);
        assert!(build.stdout.is_empty(), "{case}: {}", build.stdout);
        assert_eq!(
            snapshot_dir(&root.public()),
            before,
            "{case}: public/ changed"
        );
        let leftovers: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            // The lock file stays (it is how two builds take turns); nothing else may.
            .filter(|n| n.starts_with(".public") && n != ".public.verrou")
            .collect();
        assert!(leftovers.is_empty(), "{case}: left {leftovers:?}");
        insta::assert_snapshot!(case.clone(), stderr);

        // `check` finds the same problems (the theme is only read by `build`).
        let check = root.run(&["check"]);
        if case.starts_with("broken-") {
            check.success();
        } else {
            let check_stderr = check.failure(1).stderr_in(&root);
            let problems = |text: &str| {
                text.lines()
                    .filter(|l| l.starts_with("erreur"))
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            };
            assert_eq!(problems(&check_stderr), problems(&stderr), "{case}");
        }
    }
}
