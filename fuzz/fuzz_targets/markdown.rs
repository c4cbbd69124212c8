//! Renders arbitrary text as a fiche's Markdown body. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = synergies::render::markdown::to_html(text);
    }
});
