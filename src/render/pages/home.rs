//! The index: key figures, the domains, the full table.

use tera::Context;

use crate::render::{Crumb, Emitter, Shared};

pub fn pages(shared: &Shared, out: &Emitter) {
    let mut context = Context::new();
    context.insert_value("fiches", shared.fiches_value(0..shared.site.fiches.len()));
    context.insert(
        "breadcrumbs",
        &[Crumb {
            titre: "Accueil".to_owned(),
            url: None,
        }],
    );
    // The full table of the register: written to its file as it is rendered.
    shared
        .renderer
        .page_streamed("index.html", "index.html", context, out);
}
