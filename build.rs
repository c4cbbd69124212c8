//! Build script. For Windows targets only, it embeds an application manifest in `synergies.exe`
//! (through the `embed-manifest` crate, which writes the resource object itself, so the GNU
//! target needs no `windres`):
//! - `longPathAware`: the current folder and paths longer than 260 characters work where
//!   Windows allows them (Windows 10 1607 and later, long paths enabled by the IT department);
//! - the UTF-8 code page: the few "ANSI" calls made by C code (mimalloc) see UTF-8, as Rust does;
//! - supported Windows versions, so Windows applies no compatibility shims.
//!
//! For any other target it does nothing: Linux builds are unchanged.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_CFG_WINDOWS").is_none() {
        return;
    }
    // A console program: no common controls (the default manifest asks for version 6).
    let manifest = embed_manifest::new_manifest("Mons.Synergies")
        .remove_dependency("Microsoft.Windows.Common-Controls");
    if let Err(error) = embed_manifest::embed_manifest(manifest) {
        // A build script reports failure by panicking; cargo shows the message.
        panic!("cannot embed the Windows manifest: {error}");
    }
}
