//! `synergies` turns a folder of fiches (Markdown with TOML front matter) into the static site of
//! the *registre des synergies* between a commune and its CPAS.
//!
//! The pipeline runs one way: [`load`] → [`fiche`] (validate) → [`model`] → [`render`] →
//! [`output`] (write). Each stage returns its result and the [`Diagnostics`] it found; no stage
//! calls back into an earlier one.

// A `Diagnostic` is about 200 bytes; it travels only on the error path, once per problem, so
// boxing it everywhere would add noise for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod archive;
pub mod config;
pub mod diagnostic;
pub mod fiche;
pub mod fields;
pub mod frontmatter;
pub mod hints;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod nesting;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slugs;
pub mod toml_fields;
pub mod toml_write;
pub mod vocab;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use model::Site;

use load::Kind;
use rayon::prelude::*;

/// Loads, validates and models a root. The site is returned only when there is no error;
/// the diagnostics (errors and warnings) always are.
pub fn check(root: &Path) -> (Option<Site>, Diagnostics) {
    let (loaded, mut diagnostics) = load::load(root);
    // The archives of earlier years (`archives/<année>.json`), read with the rest of the root.
    let archives = archive::load(root, &mut diagnostics);
    let config = match &loaded.config {
        Some(text) => config::parse(text, &mut diagnostics),
        None => config::Config::default(),
    };
    // Files are read and validated in parallel; each file's text is dropped once its draft is made.
    enum Draft {
        Fiche(String, Box<fiche::FicheDraft>),
        Domain(fiche::DomainDraft),
    }
    let folders = loaded.folders;
    let slugs = model::FolderSlugs::new(&folders);
    let validated: Vec<(Option<Draft>, Diagnostics)> = loaded
        .files
        .into_par_iter()
        .map(|found_file| {
            let mut found = Diagnostics::default();
            let file = match found_file.read() {
                Ok(file) => file,
                Err(d) => {
                    found.push(d);
                    return (None, found);
                }
            };
            let draft = match file.kind {
                Kind::Fiche => fiche::fiche(&file, &config.vocab, &mut found)
                    .map(|d| Draft::Fiche(slugs.fiche_id(&d.folder, &d.stem), Box::new(d))),
                Kind::DomainIndex => fiche::domain(&file, &mut found).map(Draft::Domain),
            };
            (draft, found)
        })
        .collect();
    // Drafts stay boxed until each becomes a fiche: moving them out here would copy every draft
    // into a growing vector while the boxes are still held (BENCHMARKS.md, section "Allocator
    // and the build's threads").
    let mut fiches = Vec::with_capacity(validated.len());
    let mut domains = Vec::new();
    for (draft, found) in validated {
        diagnostics.extend(found);
        match draft {
            Some(Draft::Fiche(id, d)) => fiches.push((id, d)),
            Some(Draft::Domain(d)) => domains.push(d),
            None => {}
        }
    }
    let mut site = model::build(config, &folders, &slugs, domains, fiches, &mut diagnostics);
    site.archives = archives;
    // What the published site would say of its settings and of the report's dates: asked only
    // of a register that can be published (with errors, nothing is).
    if !diagnostics.has_errors() {
        diagnostics.extend(
            config::warnings(&site.config, loaded.config.as_deref(), || names_mons(&site))
                .into_iter()
                .chain(archive::warnings(&site, loaded.config.as_deref()))
                .collect(),
        );
    }
    let diagnostics = diagnostics.sorted();
    if diagnostics.has_errors() {
        (None, diagnostics)
    } else {
        (Some(site), diagnostics)
    }
}

/// Whether the register names Mons in a domain's title or description or a fiche's title,
/// notes or body (the defaults of `synergies.toml` fit Mons's register only). Asked only of a
/// root without `synergies.toml`.
fn names_mons(site: &Site) -> bool {
    use config::names_mons as says;
    site.domains
        .iter()
        .any(|d| says(&d.titre) || says(&d.description))
        || site.fiches.par_iter().any(|f| {
            says(f.titre())
                || says(&f.body)
                || vocab::Field::ALL
                    .iter()
                    .any(|&field| f.note(field).is_some_and(says))
        })
}

/// The settings of a root alone (for `new` and `import`, which need the vocabularies), with the
/// problems of `synergies.toml`; the defaults when there is none.
pub fn config(root: &Path) -> (config::Config, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let config = match load::read_config(root) {
        Ok(Some(text)) => config::parse(&text, &mut diagnostics),
        Ok(None) => config::Config::default(),
        Err(d) => {
            diagnostics.push(d);
            config::Config::default()
        }
    };
    (config, diagnostics)
}

/// What a successful build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    pub fiches: usize,
    pub domains: usize,
    pub files: usize,
    /// The folder published: the output as resolved (`..` folded, links followed).
    pub output: std::path::PathBuf,
    /// Files put by hand into the previous site, kept in the new one (relative, sorted).
    pub kept: Vec<String>,
}

/// Checks the root, renders the site and publishes it into `output`. Nothing is written unless
/// every stage succeeded; the previous output then stays as it was.
pub fn build(root: &Path, output: &Path) -> (Result<BuildSummary, ()>, Diagnostics) {
    // A previous site an interrupted publish left aside is put back first, so that a build
    // that fails leaves it in place, as the failure message says.
    output::recover(root, output);
    let (site, mut diagnostics) = check(root);
    let Some(site) = site else {
        return (Err(()), diagnostics);
    };
    let theme = match render::Theme::load(root) {
        Ok(theme) => theme,
        Err(d) => {
            diagnostics.push(d);
            return (Err(()), diagnostics);
        }
    };
    let staging = match output::Staging::open(root, output) {
        Ok(staging) => staging,
        Err(d) => {
            diagnostics.push(d);
            return (Err(()), diagnostics);
        }
    };
    // Pages go to the staging folder as they are rendered; on error it is dropped (deleted).
    let files = match render::render_into(&site, &theme, &staging, None) {
        Ok(files) => files,
        Err(errors) => {
            diagnostics.extend(errors);
            return (Err(()), diagnostics);
        }
    };
    let published = match staging.commit() {
        Ok(published) => published,
        Err(d) => {
            diagnostics.push(d);
            return (Err(()), diagnostics);
        }
    };
    let summary = BuildSummary {
        fiches: site.fiches.len(),
        domains: site.domains.len(),
        files,
        output: published.path,
        kept: published.kept,
    };
    (Ok(summary), diagnostics)
}
