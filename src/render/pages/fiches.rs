//! One page per fiche: every field, the body, the links.

use rayon::prelude::*;
use tera::Context;

use crate::render::{Emitter, Shared, breadcrumbs, view};

/// The largest family: rendered in parallel, each page handed on as soon as it is done.
pub fn pages(shared: &Shared, out: &Emitter) {
    let site = shared.site;
    site.fiches.par_iter().enumerate().for_each(|(i, fiche)| {
        let domain = &site.domains[fiche.domain];
        let domain_url = view::domain_url(&domain.slug);
        let mut context = Context::new();
        context.insert("domain_slug", &domain.slug);
        context.insert_value("fiche", shared.fiche_views[i].clone());
        context.insert(
            "breadcrumbs",
            &breadcrumbs(&[(&domain.titre, &domain_url)], &fiche.titre),
        );
        out.emit(
            shared
                .renderer
                .page("fiche.html", &view::fiche_url(fiche, site), context),
        );
    });
}
