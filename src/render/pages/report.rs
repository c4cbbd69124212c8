//! The printable annual report (`rapport/index.html`): a cover with the key figures, then one
//! table grouped by domain with the columns of the register the joint council meeting knows.

use serde::Serialize;
use tera::{Context, Value};

use crate::render::{Emitter, Shared, breadcrumbs, view};

pub const PATH: &str = "rapport/index.html";

#[derive(Serialize)]
struct Group<'a> {
    domain: &'a view::DomainView,
    fiches: Value,
}

pub fn pages(shared: &Shared, out: &Emitter) {
    let site = shared.site;
    let groups: Vec<Group> = site
        .domains
        .iter()
        .zip(&shared.domain_views)
        .filter(|(domain, _)| !domain.fiches.is_empty())
        .map(|(domain, domain_view)| Group {
            domain: domain_view,
            fiches: shared.fiches_value(domain.fiches.iter().copied()),
        })
        .collect();
    let mut context = Context::new();
    context.insert("groups", &groups);
    context.insert("total", &site.fiches.len());
    context.insert("breadcrumbs", &breadcrumbs(&[], "Rapport annuel"));
    // The report holds every body: written to its file as it is rendered.
    shared
        .renderer
        .page_streamed("rapport.html", PATH, context, out);
}
