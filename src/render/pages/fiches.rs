//! One page per fiche: every field, the body, the links.

use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::render::{OutputFile, Shared, breadcrumbs, view};

pub fn pages(shared: &Shared) -> Vec<Result<OutputFile, Diagnostic>> {
    let site = shared.site;
    site.fiches
        .iter()
        .enumerate()
        .map(|(i, fiche)| {
            let domain = &site.domains[fiche.domain];
            let domain_url = view::domain_url(&domain.slug);
            let mut context = Context::new();
            context.insert("domain_slug", &domain.slug);
            context.insert_value("fiche", shared.fiche_views[i].clone());
            context.insert(
                "breadcrumbs",
                &breadcrumbs(&[(&domain.titre, &domain_url)], &fiche.titre),
            );
            shared
                .renderer
                .page("fiche.html", &view::fiche_url(fiche, site), context)
        })
        .collect()
}
