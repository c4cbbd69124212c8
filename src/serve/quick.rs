//! The quick step of a rebuild. When every changed file is a fiche whose front matter is as it
//! was (an edit of its body, the common case), only those fiches' pages can change among the
//! pages people read: they are rendered again at once from the last good site and served, before
//! the full rebuild updates the rest (report, exports, search data). A body cannot make a valid
//! fiche invalid, so this never serves what the full rebuild would refuse.

use std::collections::BTreeSet;
use std::path::Path;

use crate::fiche;
use crate::model::Site;
use crate::render::{self, OutputFile, Theme};

/// The last good site, kept by the server for the quick step.
pub struct LastGood {
    pub site: Site,
    pub theme: Theme,
}

/// The new pages of the changed fiches, when every change is an edit of a body; `None` when
/// the full rebuild must decide (another file changed, a front matter changed, a file is
/// unreadable, or a page cannot be rendered).
pub fn pages(root: &Path, last: &LastGood, changed: &BTreeSet<String>) -> Option<Vec<OutputFile>> {
    let mut bodies = Vec::with_capacity(changed.len());
    for path in changed {
        let i = last.site.fiches.iter().position(|f| f.source == *path)?;
        let fiche = &last.site.fiches[i];
        let (front_hash, body) = fiche::read_again(path, &root.join(path))?;
        if front_hash != fiche.front_hash {
            return None;
        }
        bodies.push((i, body));
    }
    render::render_fiche_pages(&last.site, &last.theme, &bodies).ok()
}
