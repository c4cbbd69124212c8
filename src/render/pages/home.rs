//! The index: key figures, the domains, the full table. Its rows are written by the pass over the
//! fiches ([`row`]), in the shell's slot `lignes`.

use tera::{Context, Value};

use crate::diagnostic::Diagnostic;
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
    let mut parts = shared
        .renderer
        .shell("index.html", PATH, context, &[("lignes", total > 0)])?
        .into_iter();
    Ok((
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    ))
}

/// A fiche's row of the index's table.
pub fn row(shared: &Shared, fiche: &Value) -> Result<String, Diagnostic> {
    let mut context = Context::new();
    context.insert_value("f", fiche.clone());
    context.insert("with_domain", &true);
    shared
        .renderer
        .fragment("partials/table-ligne.html", PATH, context)
}
