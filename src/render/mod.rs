//! Stage 4, render: the [`Site`] and the [`Theme`] become the files of the site, handed one by
//! one to a [`Sink`] as soon as each is rendered (the write stage's staging folder, or memory for
//! `serve`), so that the whole site never sits in memory at once. Nothing is written here. Every
//! link is relative to the page (`root` is `""` on the index and `"../../"` two folders down),
//! so the site works from any folder and from `file://`.
//!
//! This file holds the entry points and what every page family shares ([`Shared`]); the sink
//! plumbing is in `sink.rs`, Tera in `renderer.rs`, shells in `slots.rs`, `serve`'s page cache
//! in `page_cache.rs`.

pub mod csv_cell;
pub mod markdown;
pub mod mirrored;
pub mod native;
mod page_cache;
pub mod pages;
mod renderer;
mod sink;
mod slots;
pub mod svg;
pub mod theme;
pub mod view;

use serde::Serialize;

use crate::diagnostic::Diagnostics;
use crate::model::Site;

pub use page_cache::PageCache;
pub use renderer::Renderer;
pub use sink::{Collect, Emitter, OutputFile, Produce, Sink, write_error};
pub use theme::Theme;

/// A link of the breadcrumb trail; the last one is the current page and has no URL.
#[derive(Serialize)]
pub struct Crumb {
    pub titre: String,
    pub url: Option<String>,
}

/// "../../" for a page two folders down: the way back to the site's root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// What every page family shares: the renderer and the views built once per site.
pub struct Shared<'a> {
    pub site: &'a Site,
    pub renderer: Renderer<'a>,
    pub site_view: view::SiteView,
    pub domain_views: Vec<view::DomainView>,
    /// The facet and domain pages' URLs, which fiche views borrow.
    pub urls: view::Urls,
    /// Who renders the templates with a Rust twin: the twins, or Tera (`mirrored::for_theme`).
    pub mirrored: &'static dyn mirrored::Mirrored,
}

impl<'a> Shared<'a> {
    fn new(
        site: &'a Site,
        theme: &'a Theme,
        cache: Option<&'a PageCache>,
    ) -> Result<Shared<'a>, Diagnostics> {
        let site_view = view::site(site);
        let domain_views = view::domains(site);
        Ok(Shared {
            site,
            renderer: Renderer::new(site, &site_view, &domain_views, theme, cache)?,
            site_view,
            domain_views,
            urls: view::Urls::new(site),
            mirrored: mirrored::for_theme(theme),
        })
    }
}

/// The breadcrumb trail of a page below the index: Accueil › … › `current`.
pub fn breadcrumbs(middle: &[(&str, &str)], current: &str) -> Vec<Crumb> {
    let mut trail = vec![Crumb {
        titre: "Accueil".to_owned(),
        url: Some("index.html".to_owned()),
    }];
    trail.extend(middle.iter().map(|(titre, url)| Crumb {
        titre: (*titre).to_owned(),
        url: Some((*url).to_owned()),
    }));
    trail.push(Crumb {
        titre: current.to_owned(),
        url: None,
    });
    trail
}

/// Renders every page and copies every static file of the theme into `sink`, reusing the pages
/// of `cache` whose inputs did not change. Returns how many files were produced.
pub fn render_into(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
) -> Result<usize, Diagnostics> {
    let shared = Shared::new(site, theme, cache)?;
    let emitter = Emitter::new(sink);
    pages::register(&shared, &emitter);
    emitter.emit_all(theme.statics().map(|(name, bytes)| {
        Ok(OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.to_vec(),
        })
    }));
    emitter.finish()
}

/// [`render_into`] into memory: the whole site, sorted by path (for `serve` and tests).
pub fn render(
    site: &Site,
    theme: &Theme,
    cache: Option<&PageCache>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let collect = Collect::default();
    render_into(site, theme, &collect, cache)?;
    Ok(collect.into_files())
}

/// Renders only the pages of some fiches, each with a new body (Markdown): `(fiche index, body)`.
/// For `serve`'s quick step, which shows an edit this way before rebuilding the whole site.
pub fn render_fiche_pages(
    site: &Site,
    theme: &Theme,
    bodies: &[(usize, String)],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let shared = Shared::new(site, theme, None)?;
    let mut diagnostics = Diagnostics::default();
    let mut files = Vec::new();
    for (i, body) in bodies {
        match pages::fiches::page_with_body(&shared, *i, body) {
            Ok(file) => files.push(file),
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("domaines/grh/index.html"), "../../");
    }
}
