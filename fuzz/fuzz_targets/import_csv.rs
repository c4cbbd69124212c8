//! Imports arbitrary bytes as a CSV register with `--dry-run` (read, headings, domains, plan and
//! validation of every fiche; nothing written), then prints the report or the diagnostics.
//! Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synergies::import::{Options, import};
use synergies::vocab::Vocabularies;

fuzz_target!(|data: &[u8]| {
    // A register of this process with no `content/` yet (an empty `synergies.toml` makes it
    // one: `import` refuses other folders), holding the file imported; removed after each
    // input, so that `tmin`'s thousands of processes leave nothing in the temporary folder.
    let root = std::env::temp_dir().join(format!("synergies-fuzz-import-{}", std::process::id()));
    std::fs::create_dir_all(&root).expect("temporary folder");
    std::fs::write(root.join("synergies.toml"), "").expect("temporary synergies.toml");
    // `import` reads a path: the `.csv` name makes it read as CSV whatever the bytes.
    let file = root.join("registre.csv");
    std::fs::write(&file, data).expect("temporary file");
    let options = Options {
        dry_run: true,
        sheet: None,
    };
    match import(&root, &file, &Vocabularies::default(), &options) {
        Ok(report) => {
            assert!(report.written.is_empty(), "a dry run wrote files");
            let _ = report.to_string();
        }
        Err(diagnostics) => {
            let _ = diagnostics.to_string();
        }
    }
    assert!(!root.join("content").exists(), "a dry run created content/");
    std::fs::remove_dir_all(&root).expect("temporary folder removed");
});
