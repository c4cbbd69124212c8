//! One page per domain: its description, the list of its fiches and their table. The pass over the
//! fiches renders each fiche's [`item`] and its table row (`home::table_row`); the page is put together once the domain's
//! fiches are done ([`page`]), so only one domain's rows are in memory at a time.

use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::render::view::Viewed;
use crate::render::{OutputFile, Shared, breadcrumbs, view};

/// A domain's page, from its fiches' list items and table rows (in display order).
pub fn page(
    shared: &Shared,
    index: usize,
    items: &[String],
    rows: &[String],
) -> Result<OutputFile, Diagnostic> {
    let domain = &shared.site.domains[index];
    let path = view::domain_url(&domain.slug);
    let mut context = Context::new();
    context.insert("domain_slug", &domain.slug);
    context.insert("domain", &shared.domain_views[index]);
    context.insert("breadcrumbs", &breadcrumbs(&[], &domain.titre));
    let has_fiches = !domain.fiches.is_empty();
    let parts = shared.renderer.shell(
        "domaine.html",
        &path,
        context,
        &[("liste", has_fiches), ("lignes", has_fiches)],
    )?;
    let size = parts.iter().map(String::len).sum::<usize>()
        + items.iter().chain(rows).map(String::len).sum::<usize>();
    let mut bytes = Vec::with_capacity(size);
    let mut parts = parts.iter();
    for part in [items, rows] {
        bytes.extend_from_slice(parts.next().map(String::as_bytes).unwrap_or_default());
        for piece in part {
            bytes.extend_from_slice(piece.as_bytes());
        }
    }
    bytes.extend_from_slice(parts.next().map(String::as_bytes).unwrap_or_default());
    Ok(OutputFile { path, bytes })
}

/// A fiche's item in the list of its domain's page.
pub fn item(shared: &Shared, fiche: &Viewed, path: &str) -> Result<String, Diagnostic> {
    shared.mirrored.list_item(shared, fiche, path)
}
