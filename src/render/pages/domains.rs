//! One page per domain: its description and its fiches.

use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::render::{OutputFile, Shared, breadcrumbs, view};

pub fn pages(shared: &Shared) -> Vec<Result<OutputFile, Diagnostic>> {
    let site = shared.site;
    site.domains
        .iter()
        .zip(&shared.domain_views)
        .map(|(domain, domain_view)| {
            let mut context = Context::new();
            context.insert("domain_slug", &domain.slug);
            context.insert("domain", domain_view);
            context.insert_value("fiches", shared.fiches_value(domain.fiches.iter().copied()));
            context.insert("breadcrumbs", &breadcrumbs(&[], &domain.titre));
            shared
                .renderer
                .page("domaine.html", &view::domain_url(&domain.slug), context)
        })
        .collect()
}
