//! The printable annual report (`rapport/index.html`): a cover with the key figures, then one
//! table grouped by domain with the columns of the register the joint council meeting knows.
//!
//! The report holds every body, so it is never rendered whole: `rapport.html` is a shell whose
//! slot takes the domains' groups (`partials/rapport-groupe.html`, itself a shell), whose slots
//! take the fiches' rows (`partials/rapport-ligne.html`), written by the pass over the fiches.

use serde::Serialize;
use tera::Context;

use super::fiches::Viewed;
use crate::diagnostic::Diagnostic;
use crate::render::{Shared, breadcrumbs, view};

pub const PATH: &str = "rapport/index.html";

#[derive(Serialize)]
struct Group<'a> {
    domain: &'a view::DomainView,
}

/// The report around its table's groups: (before, after).
pub fn shell(shared: &Shared) -> Result<(String, String), Diagnostic> {
    let site = shared.site;
    let groups: Vec<Group> = site
        .domains
        .iter()
        .zip(&shared.domain_views)
        .filter(|(domain, _)| !domain.fiches.is_empty())
        .map(|(_, domain)| Group { domain })
        .collect();
    let mut context = Context::new();
    context.insert("total", &site.fiches.len());
    context.insert("breadcrumbs", &breadcrumbs(&[], "Rapport annuel"));
    context.insert("groups", &groups);
    let required = !groups.is_empty();
    shared
        .renderer
        .shell_around("rapport.html", PATH, context, required)
}

/// The group of domain `index` around its rows: (before, after).
pub fn group(shared: &Shared, index: usize) -> Result<(String, String), Diagnostic> {
    let mut context = Context::new();
    context.insert("domain", &shared.domain_views[index]);
    shared
        .renderer
        .shell_around("partials/rapport-groupe.html", PATH, context, true)
}

/// A fiche's row; `fiche` is its view with its body.
pub fn row(shared: &Shared, fiche: &Viewed) -> Result<String, Diagnostic> {
    shared.mirrored.report_row(shared, fiche, PATH)
}
