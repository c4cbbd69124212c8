//! The page families of the site, one module each. Every family has a function
//! `pages(&Shared) -> Vec<Result<OutputFile, Diagnostic>>`, listed in [`register`].

mod domains;
mod fiches;
mod home;

use super::{OutputFile, Shared};
use crate::diagnostic::Diagnostic;

/// Every page of the site, family by family.
pub fn register(shared: &Shared) -> Vec<Result<OutputFile, Diagnostic>> {
    let mut pages = Vec::new();
    pages.extend(home::pages(shared));
    pages.extend(domains::pages(shared));
    pages.extend(fiches::pages(shared));
    pages
}
