//! The index: key figures, the domains, the full table.

use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::render::{Crumb, OutputFile, Shared};

pub fn pages(shared: &Shared) -> Vec<Result<OutputFile, Diagnostic>> {
    let mut context = Context::new();
    context.insert_value("fiches", shared.fiches_value(0..shared.site.fiches.len()));
    context.insert(
        "breadcrumbs",
        &[Crumb {
            titre: "Accueil".to_owned(),
            url: None,
        }],
    );
    vec![shared.renderer.page("index.html", "index.html", context)]
}
