//! The index: key figures, the domains, the full table. Its rows are written by the pass over the
//! fiches ([`table_row`], also used for a domain's table), in the shell's slot `lignes`.

use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::render::view::Viewed;
use crate::render::{Crumb, Shared};

pub const PATH: &str = "index.html";

/// Rows of the index's table written in the page: the first ones of the register. A table of
/// thousands of rows takes seconds to lay out and paint; the search (every fiche, each with its
/// row's HTML in the search data) shows the others, as do the domain pages and the report.
pub const ROWS: usize = 200;

/// The index around its table's rows: (before, after).
pub fn shell(shared: &Shared) -> Result<(String, String), Diagnostic> {
    let mut context = Context::new();
    let total = shared.site.fiches.len();
    context.insert("total", &total);
    context.insert("shown", &total.min(ROWS));
    context.insert(
        "breadcrumbs",
        &[Crumb {
            titre: "Accueil".to_owned(),
            url: None,
        }],
    );
    shared
        .renderer
        .shell_around("index.html", PATH, context, total > 0)
}

/// A fiche's row of a table of fiches (`partials/table-ligne.html`), for the page at `path`:
/// the index's table has a domain column, a domain page's does not.
pub fn table_row(
    shared: &Shared,
    fiche: &Viewed,
    path: &str,
    with_domain: bool,
) -> Result<String, Diagnostic> {
    shared.mirrored.table_row(shared, fiche, path, with_domain)
}
