//! The page families of the site, one module each, started by [`register`]: `stats` and
//! `accessibility` return their pages, `facets` and `fiches` hand theirs to the emitter from
//! several threads. `fiches` is the one pass over the fiches: each fiche's row of the index
//! (`home`), of its domain's page (`domains`) and of the report (`report`), its records of the
//! exports (`exports`) and its entry of the search data (`search`) are made there, from the
//! fiche's [`crate::render::view::Viewed`]; those modules import no other family but `stats`
//! (the report's tables) and `facets` (the statistics' counts).

pub mod accessibility;
mod domains;
pub mod exports;
pub mod facets;
pub mod fiches;
mod home;
pub mod report;
pub mod search;
pub mod stats;

use super::{Emitter, Shared};

/// Every page of the site, family by family. The families are independent: they run at the
/// same time on rayon's pool (the output does not depend on the order files arrive in).
pub fn register(shared: &Shared, out: &Emitter) {
    rayon::scope(|scope| {
        // Fiche pages, index, domain pages, report, exports, search data: one pass over the fiches.
        scope.spawn(|_| fiches::pages(shared, out));
        scope.spawn(|_| facets::pages(shared, out));
        scope.spawn(|_| exports::pages(out));
        scope.spawn(|_| out.emit_all(stats::pages(shared)));
        scope.spawn(|_| out.emit_all(accessibility::pages(shared)));
        scope.spawn(|_| out.emit(Ok(report::header_css(shared))));
    });
}
