//! The quick step of a rebuild. When every changed file is a fiche whose edit shows only on
//! its own page among the pages people read, those pages are rendered again at once from the
//! last good site and served, before the full rebuild updates the rest (lists, report, facets,
//! exports, search data). Such an edit is one of a body (the front matter as it was: a body
//! cannot make a valid fiche invalid), or of the front matter's fields that do not move the
//! fiche or change other fiches' pages (statut, avancement, values, notes, dates…: not `titre`,
//! `ordre` or `voir_aussi`), provided the fiche is still valid. Anything else goes to the full
//! rebuild, which decides; so this never serves what the full rebuild would refuse.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::fiche;
use crate::fields::{Key, Value};
use crate::load::{FoundFile, Kind, SourceFile};
use crate::model::{self, Fiche, Site};
use crate::render::{self, OutputFile, Theme};

/// The last good site, kept by the server for the quick step; updated by it.
pub struct LastGood {
    pub site: Site,
    pub theme: Theme,
}

/// The new pages of the changed fiches, when every change shows on its fiche's page alone;
/// `None` when the full rebuild must decide (another file changed, a fiche moved or links
/// elsewhere, a file is unreadable or invalid, or a page cannot be rendered).
pub fn pages(
    root: &Path,
    last: &mut LastGood,
    changed: &BTreeSet<String>,
) -> Option<Vec<OutputFile>> {
    let mut bodies = Vec::with_capacity(changed.len());
    for path in changed {
        let i = last.site.fiches.iter().position(|f| f.source == *path)?;
        let file = read(root, path)?;
        let (front_hash, body) = fiche::front_and_body(&file.text)?;
        if front_hash != last.site.fiches[i].front_hash {
            refresh(&mut last.site, i, &file)?;
        }
        bodies.push((i, body));
    }
    render::render_fiche_pages(&last.site, &last.theme, &bodies).ok()
}

/// The fiche file at `path` (`content/<domain>/<fiche>.md`), read once for the quick step.
fn read(root: &Path, path: &str) -> Option<SourceFile> {
    let relative = Path::new(path);
    FoundFile {
        kind: Kind::Fiche,
        display_path: path.to_owned(),
        folder: relative
            .parent()?
            .file_name()?
            .to_string_lossy()
            .into_owned(),
        stem: relative.file_stem()?.to_string_lossy().into_owned(),
        path: root.join(path),
    }
    .read()
    .ok()
}

/// Validates fiche `i` again from `file`, after an edit of its front matter. When it is valid and
/// keeps its title, order and references (so its place, its neighbours and the other fiches'
/// pages stay as they are), its new fields replace the old ones in `site`.
fn refresh(site: &mut Site, i: usize, file: &SourceFile) -> Option<()> {
    let old = &site.fiches[i];
    let mut diagnostics = Diagnostics::default();
    let draft = fiche::fiche(file, &site.config.vocab, &mut diagnostics)?;
    if diagnostics.has_errors()
        || draft.titre() != old.titre()
        || draft.values.integer(Key::Ordre) != old.values.integer(Key::Ordre)
    {
        return None;
    }
    // The references, as the model resolves them: the same fiches, in the same order.
    let mut draft = draft;
    let mut resolved = Vec::new();
    for (key, written) in draft.values.take_references() {
        let mut references = Vec::new();
        for reference in &written {
            let id = model::reference_id(&reference.target);
            let target = site.fiches.iter().position(|f| f.id == id)?;
            if target != i && !references.contains(&target) {
                references.push(target);
            }
        }
        if references.as_slice() != old.values.references(key) {
            return None;
        }
        resolved.push((key, references));
    }
    let mut fiche = Fiche::from_draft(old.id.clone(), old.domain, draft);
    for (key, references) in resolved {
        if !references.is_empty() {
            fiche
                .values
                .set(key, Some(Value::References(references.into())));
        }
    }
    fiche.cite_par = std::mem::take(&mut site.fiches[i].cite_par);
    site.fiches[i] = fiche;
    Some(())
}
