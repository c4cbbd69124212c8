//! The templates with a Rust twin (`native.rs`): the fiche page and the rows every fiche adds to
//! the tables and lists. Who renders them is chosen once per build from the theme
//! ([`for_theme`]): the twins while the theme leaves every one of [`MIRRORED`] as built in, else
//! Tera, so a theme's override is always rendered. Measured at 10,000 fiches, the twins halve a
//! build's instructions (BENCHMARKS.md, "Records through serde").

use serde::Serialize;
use tera::Context;

use super::view::{TermView, Viewed};
use super::{Crumb, OutputFile, Shared, native, root_of, theme};
use crate::diagnostic::Diagnostic;

/// Every template a twin mirrors. `tests/integration/native.rs` builds registers with the twins
/// and with Tera from these templates and compares every byte: a change to one of them must be
/// made in its twin too.
pub const MIRRORED: &[&str] = &[
    "base.html",
    "fiche.html",
    "partials/terms-liens.html",
    "partials/statut-lien.html",
    "partials/table-ligne.html",
    "partials/cell.html",
    "partials/statut.html",
    "partials/liste-ligne.html",
    "partials/rapport-ligne.html",
    "partials/report_cell.html",
    "partials/facette-ligne.html",
];

/// Renders the mirrored templates: [`Twins`] or [`TeraTemplates`].
pub trait Mirrored: Sync + std::fmt::Debug {
    /// `fiche.html`: the page of a fiche of domain `domain_slug`, at `path`.
    fn fiche_page(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: String,
        domain_slug: &str,
        breadcrumbs: &[Crumb],
    ) -> Result<OutputFile, Diagnostic>;

    /// `partials/table-ligne.html`: a fiche's row of a table of fiches, for the page at `path`
    /// (the index's table has a domain column, a domain page's does not).
    fn table_row(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: &str,
        with_domain: bool,
    ) -> Result<String, Diagnostic>;

    /// `partials/liste-ligne.html`: a fiche's item in the list of its domain's page at `path`.
    fn list_item(&self, shared: &Shared, fiche: &Viewed, path: &str) -> Result<String, Diagnostic>;

    /// `partials/rapport-ligne.html`: a fiche's row of the report at `path`, with its body.
    fn report_row(&self, shared: &Shared, fiche: &Viewed, path: &str)
    -> Result<String, Diagnostic>;

    /// `partials/facette-ligne.html`: a fiche on the facet page at `path`, appended to `out`;
    /// with its statut unless `avec_statut` is false (a page of the statut's).
    fn facet_item(
        &self,
        out: &mut String,
        shared: &Shared,
        path: &str,
        item: &FacetItem,
        avec_statut: bool,
    ) -> Result<(), Diagnostic>;
}

/// A fiche as a facet page lists it (`f` in `partials/facette-ligne.html`).
#[derive(Serialize)]
pub struct FacetItem<'a> {
    pub titre: &'a str,
    pub url: &'a str,
    pub statut: Option<TermView<'a>>,
}

/// The renderer of the mirrored templates for `theme`: the twins if it leaves every one of them
/// as built in, else Tera.
pub fn for_theme(theme: &theme::Theme) -> &'static dyn Mirrored {
    let built_in = |name: &&str| {
        theme.template_source(name).map(str::as_bytes) == theme::Theme::built_in_template_of(name)
    };
    if MIRRORED.iter().all(built_in) {
        &Twins
    } else {
        &TeraTemplates
    }
}

/// The Rust twins of the built-in templates (`native.rs`).
#[derive(Debug)]
pub struct Twins;

impl Mirrored for Twins {
    fn fiche_page(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: String,
        domain_slug: &str,
        breadcrumbs: &[Crumb],
    ) -> Result<OutputFile, Diagnostic> {
        let root = root_of(&path);
        let menu = shared.renderer.menu(&root, Some(domain_slug), true)?;
        let frame = native::PageFrame {
            site: &shared.site_view,
            root: &root,
            path: &path,
            menu_domaines: &menu,
            breadcrumbs,
        };
        let bytes = native::fiche_page(&frame, &fiche.view).into_bytes();
        Ok(OutputFile { path, bytes })
    }

    fn table_row(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: &str,
        with_domain: bool,
    ) -> Result<String, Diagnostic> {
        let root = root_of(path);
        Ok(native::table_row(
            &shared.site_view,
            &root,
            &fiche.view,
            with_domain,
        ))
    }

    fn list_item(&self, shared: &Shared, fiche: &Viewed, path: &str) -> Result<String, Diagnostic> {
        let root = root_of(path);
        Ok(native::list_item(&shared.site_view, &root, &fiche.view))
    }

    fn report_row(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: &str,
    ) -> Result<String, Diagnostic> {
        let root = root_of(path);
        Ok(native::report_row(&shared.site_view, &root, &fiche.view))
    }

    fn facet_item(
        &self,
        out: &mut String,
        shared: &Shared,
        path: &str,
        item: &FacetItem,
        avec_statut: bool,
    ) -> Result<(), Diagnostic> {
        let root = root_of(path);
        native::facet_item(
            out,
            &shared.site_view,
            &root,
            item.titre,
            item.url,
            item.statut.as_ref(),
            avec_statut,
        );
        Ok(())
    }
}

/// The theme's templates, through Tera.
#[derive(Debug)]
pub struct TeraTemplates;

impl Mirrored for TeraTemplates {
    fn fiche_page(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: String,
        domain_slug: &str,
        breadcrumbs: &[Crumb],
    ) -> Result<OutputFile, Diagnostic> {
        let mut context = Context::new();
        context.insert("domain_slug", domain_slug);
        context.insert_value("fiche", fiche.value().clone());
        context.insert("breadcrumbs", breadcrumbs);
        shared.renderer.page("fiche.html", &path, context)
    }

    fn table_row(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: &str,
        with_domain: bool,
    ) -> Result<String, Diagnostic> {
        let mut context = row_context(fiche);
        context.insert("with_domain", &with_domain);
        shared
            .renderer
            .fragment("partials/table-ligne.html", path, context)
    }

    fn list_item(&self, shared: &Shared, fiche: &Viewed, path: &str) -> Result<String, Diagnostic> {
        shared
            .renderer
            .fragment("partials/liste-ligne.html", path, row_context(fiche))
    }

    fn report_row(
        &self,
        shared: &Shared,
        fiche: &Viewed,
        path: &str,
    ) -> Result<String, Diagnostic> {
        shared
            .renderer
            .fragment("partials/rapport-ligne.html", path, row_context(fiche))
    }

    fn facet_item(
        &self,
        out: &mut String,
        shared: &Shared,
        path: &str,
        item: &FacetItem,
        avec_statut: bool,
    ) -> Result<(), Diagnostic> {
        let mut context = Context::new();
        context.insert("f", item);
        context.insert("avec_statut", &avec_statut);
        let html = shared
            .renderer
            .fragment("partials/facette-ligne.html", path, context)?;
        out.push_str(&html);
        Ok(())
    }
}

/// The context of a fiche's row template: the fiche as `f`.
fn row_context(fiche: &Viewed) -> Context {
    let mut context = Context::new();
    context.insert_value("f", fiche.value().clone());
    context
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `for_theme` chose the twins.
    fn chosen(theme: &theme::Theme) -> bool {
        format!("{:?}", for_theme(theme)) == "Twins"
    }

    #[test]
    fn the_built_in_theme_gets_the_twins_and_any_override_of_a_mirrored_template_tera() {
        assert!(chosen(&theme::Theme::built_in()));
        for name in MIRRORED {
            let root = tempfile::tempdir().unwrap();
            let copy = root.path().join("theme/templates").join(name);
            std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
            let built_in = theme::Theme::built_in_template_of(name).unwrap();
            let mut changed = built_in.to_vec();
            changed.extend_from_slice(b"{# autre #}");
            std::fs::write(&copy, changed).unwrap();
            assert!(
                !chosen(&theme::Theme::load(root.path()).unwrap()),
                "{name} overridden"
            );
            // The same bytes as the built-in template: still the twins.
            std::fs::write(&copy, built_in).unwrap();
            assert!(chosen(&theme::Theme::load(root.path()).unwrap()), "{name}");
        }
    }
}
