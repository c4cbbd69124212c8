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
mod registers;
mod search;
mod serve;
mod support;
mod untrusted_text;
