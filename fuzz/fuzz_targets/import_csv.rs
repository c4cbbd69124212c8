//! Imports arbitrary bytes as a CSV register with `--dry-run` (read, headings, domains, plan and
//! validation of every fiche; nothing written), then prints the report or the diagnostics.
//! Any panic is a bug.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use synergies::import::{Options, import};
use synergies::vocab::Vocabularies;

/// An empty root (no `content/`) of this process, holding the file imported.
fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root =
            std::env::temp_dir().join(format!("synergies-fuzz-import-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("temporary folder");
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = root();
    // `import` reads a path: the `.csv` name makes it read as CSV whatever the bytes.
    let file = root.join("registre.csv");
    std::fs::write(&file, data).expect("temporary file");
    let options = Options {
        dry_run: true,
        sheet: None,
    };
    match import(root, &file, &Vocabularies::default(), &options) {
        Ok(report) => {
            assert!(report.written.is_empty(), "a dry run wrote files");
            let _ = report.to_string();
        }
        Err(diagnostics) => {
            let _ = diagnostics.to_string();
        }
    }
    assert!(!root.join("content").exists(), "a dry run created content/");
});
