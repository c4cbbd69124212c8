//! Integration tests: run the `synergies` binary on fixture roots and look at what it prints and
//! writes. One test binary, one module per subject (as `just` does).

mod archives;
mod build_mons;
mod cli;
mod content_safety;
mod editors_files;
mod exports;
mod facets;
mod import;
mod import_registers;
mod init;
mod invalid;
mod mistakes;
mod native;
mod new;
mod output_safety;
mod pages;
mod rebuild;
mod registers;
mod search;
mod serve;
mod support;
mod untrusted_text;

/// A file of `tests/integration/` not declared above would never be compiled nor run.
#[test]
fn every_file_of_the_folder_is_a_module() {
    let folder = support::repo_root().join("tests/integration");
    let main = std::fs::read_to_string(folder.join("main.rs")).expect("main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("tests/integration") {
        let path = entry.expect("entry").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let is_rust = path.extension().is_some_and(|e| e == "rs");
        if is_rust && name != "main" && !main.contains(&format!("\nmod {name};\n")) {
            missing.push(name.to_owned());
        }
    }
    assert!(missing.is_empty(), "not in main.rs: {missing:?}");
}
