//! Reads and validates arbitrary text as a fiche, as `synergies.toml`, and renders every
//! diagnostic found (caret and line included). Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synergies::load::{Kind, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.to_owned();
    let mut diagnostics = synergies::Diagnostics::default();

    let _ = synergies::frontmatter::split(&text);
    let _ = synergies::config::parse(&text, &mut diagnostics);

    let file = SourceFile {
        kind: Kind::Fiche,
        display_path: "content/grh/a.md".into(),
        folder: "grh".into(),
        stem: "a".into(),
        text,
    };
    let vocab = synergies::vocab::Vocabularies::default();
    let _ = synergies::fiche::fiche(&file, &vocab, &mut diagnostics);

    for d in diagnostics.iter() {
        let _ = d.to_string();
    }
    let _ = diagnostics.to_string();
    let _ = diagnostics.sorted().to_string();
});
