//! The page families of the site, one module each. Every family has a function
//! `pages(&Shared) -> Vec<Result<OutputFile, Diagnostic>>`, listed in [`register`].

pub mod accessibility;
mod domains;
pub mod exports;
pub mod facets;
mod fiches;
mod home;
pub mod report;
pub mod search;
pub mod stats;

use super::{OutputFile, Shared};
use crate::diagnostic::Diagnostic;

/// Every page of the site, family by family.
pub fn register(shared: &Shared) -> Vec<Result<OutputFile, Diagnostic>> {
    let mut pages = Vec::new();
    pages.extend(home::pages(shared));
    pages.extend(domains::pages(shared));
    pages.extend(fiches::pages(shared));
    pages.extend(exports::pages(shared));
    pages.extend(report::pages(shared));
    pages.extend(search::pages(shared));
    pages.extend(facets::pages(shared));
    pages.extend(stats::pages(shared));
    pages.extend(accessibility::pages(shared));
    pages
}
