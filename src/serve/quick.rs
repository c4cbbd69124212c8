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
use crate::fields::Key;
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
    let mut draft = fiche::fiche(file, &site.config.vocab, &mut diagnostics)?;
    if diagnostics.has_errors()
        || draft.titre() != old.titre()
        || draft.values.integer(Key::Ordre) != old.values.integer(Key::Ordre)
    {
        return None;
    }
    // Every references field, as the model resolves it: the same fiches, in the same order, so
    // the fiche keeps the ones it had (a field removed must have named none).
    let references = draft.values.take_references();
    for (key, written) in &references {
        let mut targets = Vec::new();
        for reference in written.iter() {
            let id = model::reference_id(&reference.target);
            let target = site.fiches.iter().position(|f| f.id == id)?;
            if target != i && !targets.contains(&target) {
                targets.push(target);
            }
        }
        if targets.as_slice() != old.values.references(*key) {
            return None;
        }
    }
    let mut fiche = Fiche::from_draft(old.id.clone(), old.domain, draft);
    for (key, _) in references {
        fiche.values.set(key, old.values.get(key).cloned());
    }
    fiche.cite_par = std::mem::take(&mut site.fiches[i].cite_par);
    site.fiches[i] = fiche;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A register of two fiches, `a` naming `b` in `voir_aussi`, and `a`'s file with `front` as
    /// its front matter.
    fn site_and_edit(front: &str) -> (Site, usize, SourceFile) {
        let root = tempfile::tempdir().unwrap();
        let grh = root.path().join("content/grh");
        std::fs::create_dir_all(&grh).unwrap();
        let a = "+++\ntitre = \"A\"\nvoir_aussi = [\"grh/b\"]\n+++\nTexte.\n";
        std::fs::write(grh.join("a.md"), a).unwrap();
        std::fs::write(grh.join("b.md"), "+++\ntitre = \"B\"\n+++\nTexte.\n").unwrap();
        let site = crate::check(root.path()).0.unwrap();
        let i = site.fiches.iter().position(|f| f.id == "grh/a").unwrap();
        let file = SourceFile {
            kind: Kind::Fiche,
            display_path: "content/grh/a.md".to_owned(),
            folder: "grh".to_owned(),
            stem: "a".to_owned(),
            text: format!("+++\n{front}+++\nTexte.\n"),
        };
        (site, i, file)
    }

    #[test]
    fn a_front_matter_edit_that_keeps_the_references_is_applied() {
        let (mut site, i, file) =
            site_and_edit("titre = \"A\"\nvoir_aussi = [\"grh/b\"]\nstatut = \"En cours\"\n");
        assert_eq!(refresh(&mut site, i, &file), Some(()));
        let fiche = &site.fiches[i];
        assert!(fiche.values.term(Key::Statut).is_some());
        assert_eq!(fiche.values.references(Key::VoirAussi).len(), 1);
    }

    #[test]
    fn references_changed_or_removed_go_to_the_full_rebuild() {
        for front in [
            "titre = \"A\"\n",
            "titre = \"A\"\nvoir_aussi = []\n",
            "titre = \"A\"\nvoir_aussi = [\"grh/b\", \"grh/a\", \"grh/inconnue\"]\n",
        ] {
            let (mut site, i, file) = site_and_edit(front);
            assert_eq!(refresh(&mut site, i, &file), None, "{front}");
        }
    }
}
