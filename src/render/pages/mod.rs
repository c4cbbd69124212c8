//! The page families of the site, one module each. Every family has a function
//! `pages(&Shared) -> Vec<Result<OutputFile, Diagnostic>>`, listed in [`register`]; the one
//! family with a page per fiche streams its pages to the emitter from several threads instead.

pub mod accessibility;
mod domains;
pub mod exports;
pub mod facets;
mod fiches;
mod home;
pub mod report;
pub mod search;
pub mod stats;

use super::{Emitter, Shared};

/// Every page of the site, family by family.
pub fn register(shared: &Shared, out: &Emitter) {
    out.emit_all(home::pages(shared));
    out.emit_all(domains::pages(shared));
    fiches::pages(shared, out);
    out.emit_all(exports::pages(shared));
    out.emit_all(report::pages(shared));
    out.emit_all(search::pages(shared));
    out.emit_all(facets::pages(shared));
    out.emit_all(stats::pages(shared));
    out.emit_all(accessibility::pages(shared));
}
