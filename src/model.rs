//! Stage 3, model: assembles the checked drafts into the [`Site`]: domains and fiches in display
//! order, pages named, cross-references resolved. Checks that need the whole register live here
//! (two files for one page, a reference to no fiche).

use std::collections::BTreeMap;
use std::collections::hash_map::{Entry, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::fiche::{DomainDraft, FicheDraft, Reference};
use crate::fields::{Key, Value, Values};
use crate::slugs::slugify;
use crate::vocab::Field;

/// The whole register, ready to render. Indexes point into `domains` and `fiches`.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// In display order (`ordre`, then title).
    pub domains: Vec<Domain>,
    /// Grouped by domain, in display order within each.
    pub fiches: Vec<Fiche>,
    /// The register of earlier years (`archives/<année>.json`), by year.
    pub archives: Vec<crate::archive::Archive>,
}

#[derive(Debug, Clone)]
pub struct Domain {
    /// URL-safe name, from the folder's name.
    pub slug: String,
    pub titre: String,
    pub ordre: Option<i64>,
    /// Markdown description, from the body of `_index.md`.
    pub description: String,
    /// The folder, as the editor knows it (`content/grh`).
    pub source: String,
    /// Indexes of the domain's fiches, in display order.
    pub fiches: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Fiche {
    /// `domaine/fiche`: how other fiches refer to it, and its page's place.
    pub id: String,
    pub slug: String,
    pub domain: usize,
    pub source: String,
    /// The front matter's values; references are indexes of the fiches named.
    pub values: Values<usize>,
    /// Indexes of the fiches that refer to it.
    pub cite_par: Vec<usize>,
    /// The Markdown body, line endings normalised to `\n`.
    pub body: String,
    /// Digest of the front matter as written ([`crate::fiche::front_hash`]).
    pub front_hash: u64,
}

impl Fiche {
    pub fn titre(&self) -> &str {
        self.values.text(Key::Titre).unwrap_or_default()
    }

    /// The terms a fiche has for a field (empty when "Non renseigné").
    pub fn terms(&self, field: Field) -> &[usize] {
        self.values.terms(Key::of_vocab(field))
    }

    /// The note that goes with a field's terms.
    pub fn note(&self, field: Field) -> Option<&str> {
        Key::note_of(field).and_then(|key| self.values.text(key))
    }

    /// The fiche with `key` set to `value` (for tests' registers).
    #[cfg(test)]
    pub fn with(mut self, key: Key, value: Value<usize>) -> Fiche {
        self.values.set(key, Some(value));
        self
    }

    /// A fiche of domain `domain` from its validated draft, its references taken out (they are
    /// resolved once every fiche is known).
    pub fn from_draft(id: String, domain: usize, d: FicheDraft) -> Fiche {
        Fiche {
            // The id is `<domain slug>/<fiche slug>`: the slug is already made.
            slug: fiche_slug(&id).to_owned(),
            id,
            domain,
            source: d.source,
            values: d.values.map_references(|_, _| Box::default()),
            cite_par: Vec::new(),
            body: d.body,
            front_hash: d.front_hash,
        }
    }
}

/// The folder's slug in a fiche's id (`<folder slug>/<fiche slug>`).
fn folder_slug(id: &str) -> &str {
    id.split_once('/').map_or("", |(folder, _)| folder)
}

/// The fiche's slug in its id.
fn fiche_slug(id: &str) -> &str {
    id.rsplit_once('/').map_or(id, |(_, slug)| slug)
}

/// The id a `voir_aussi` target names: "GRH/Plan de formation" → `grh/plan-de-formation`.
pub fn reference_id(target: &str) -> String {
    match target.split_once('/') {
        Some((domain, fiche)) => format!("{}/{}", slugify(domain), slugify(fiche)),
        None => target.to_owned(),
    }
}

/// "egalite-des-chances" → "Egalite des chances": a title for a domain without `_index.md`.
fn title_from_folder(folder: &str) -> String {
    let words = folder.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => folder.to_owned(),
    }
}

/// The slugs of the domain folders, each made once. The validation of each fiche makes the
/// fiche's id with them ([`FolderSlugs::fiche_id`]) while its draft is at hand: made here, in
/// the stage that runs alone, the ids cost more in reaching the scattered drafts than in
/// writing them.
pub struct FolderSlugs {
    by_folder: BTreeMap<String, String>,
}

impl FolderSlugs {
    pub fn new(folders: &[String]) -> FolderSlugs {
        FolderSlugs {
            by_folder: folders
                .iter()
                .map(|folder| (folder.clone(), slugify(folder)))
                .collect(),
        }
    }

    /// A folder's slug; a folder not listed gets its slug on the spot.
    pub fn slug(&self, folder: &str) -> std::borrow::Cow<'_, str> {
        match self.by_folder.get(folder) {
            Some(slug) => std::borrow::Cow::Borrowed(slug),
            None => std::borrow::Cow::Owned(slugify(folder)),
        }
    }

    /// The id of the fiche in file `<folder>/<stem>.md`: `<folder slug>/<fiche slug>`.
    pub fn fiche_id(&self, folder: &str, stem: &str) -> String {
        let folder = self.slug(folder);
        let stem = slugify(stem);
        let mut id = String::with_capacity(folder.len() + 1 + stem.len());
        id.push_str(&folder);
        id.push('/');
        id.push_str(&stem);
        id
    }
}

/// Builds the site. `folders` lists every domain folder, so that empty domains still show;
/// each fiche draft comes with its id, made with `slugs`.
pub fn build(
    config: Config,
    folders: &[String],
    slugs: &FolderSlugs,
    domain_drafts: Vec<DomainDraft>,
    fiche_drafts: Vec<(String, Box<FicheDraft>)>,
    diagnostics: &mut Diagnostics,
) -> Site {
    let slug_of = |folder: &str| slugs.slug(folder).into_owned();

    // Domains, keyed by slug; two folders with one slug are one page: refuse.
    let mut by_slug: BTreeMap<String, Domain> = BTreeMap::new();
    let mut folder_of_slug: BTreeMap<String, String> = BTreeMap::new();
    for folder in folders {
        let slug = slug_of(folder);
        if let Some(other) = folder_of_slug.get(&slug) {
            diagnostics.push(
                Diagnostic::error(
                    Code::PageEnDouble,
                    format!("les dossiers `{other}` et `{folder}` donneraient la même page de domaine ({slug})"),
                )
                .at(Location::file(format!("content/{folder}")))
                .note(format!("l'autre dossier : content/{other}"))
                .help("renommez l'un des deux dossiers, ou réunissez leurs fiches dans un seul"),
            );
            continue;
        }
        folder_of_slug.insert(slug.clone(), folder.clone());
        by_slug.insert(
            slug.clone(),
            Domain {
                slug,
                titre: title_from_folder(folder),
                ordre: None,
                description: String::new(),
                source: format!("content/{folder}"),
                fiches: Vec::new(),
            },
        );
    }
    for draft in domain_drafts {
        let slug = slug_of(&draft.folder);
        if folder_of_slug.get(&slug) != Some(&draft.folder) {
            continue;
        }
        if let Some(domain) = by_slug.get_mut(&slug) {
            if let Some(titre) = draft.titre {
                domain.titre = titre;
            }
            domain.ordre = draft.ordre;
            domain.description = draft.body;
        }
    }
    let mut domains: Vec<Domain> = by_slug.into_values().collect();
    domains.sort_by(|a, b| {
        (a.ordre.is_none(), a.ordre, a.titre.to_lowercase(), &a.slug).cmp(&(
            b.ordre.is_none(),
            b.ordre,
            b.titre.to_lowercase(),
            &b.slug,
        ))
    });
    let domain_index: BTreeMap<String, usize> = domains
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.clone(), i))
        .collect();

    // Fiches, keyed by id; two files for one page: refuse the second, naming both. A hash map
    // finds the ids (the fiches are sorted below by a key that ends with the id, so no order is
    // needed here); a B-tree spent ~6 ms of this stage at 10,000 fiches comparing their long
    // common prefixes.
    let (ids, fiche_drafts): (Vec<String>, Vec<Box<FicheDraft>>) = fiche_drafts.into_iter().unzip();
    let mut first_of: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    let mut kept = vec![false; ids.len()];
    // A file named as its page (`formations-bureautiques.md` for its id's last part).
    let named_as_page = |position: usize| {
        ids[position].rsplit('/').next() == Some(fiche_drafts[position].stem.as_str())
    };
    for (position, id) in ids.iter().enumerate() {
        match first_of.entry(id) {
            Entry::Occupied(mut other) => {
                // The error points at the file not named as its page (`Formations
                // bureautiques.md`, often a copy made later), else at the later one; the other
                // is kept for the checks across the register.
                let mut blamed = position;
                if !named_as_page(*other.get()) && named_as_page(position) {
                    blamed = other.insert(position);
                    kept[blamed] = false;
                    kept[position] = true;
                }
                let (odd, kept_one) = (
                    &fiche_drafts[blamed].source,
                    &fiche_drafts[*other.get()].source,
                );
                diagnostics.push(
                    Diagnostic::error(
                        Code::PageEnDouble,
                        format!("`{odd}` et `{kept_one}` donneraient la même page ({id}.html)"),
                    )
                    .at(Location::file(odd.clone()))
                    .also_about(kept_one.clone())
                    .help("gardez une seule de ces deux fiches (si l'une est une copie de l'autre, comparez-les et supprimez celle qui est en trop), ou renommez celle-ci : les accents, majuscules et espaces ne suffisent pas à distinguer deux pages"),
                );
            }
            Entry::Vacant(slot) => {
                slot.insert(position);
                kept[position] = true;
            }
        }
    }
    drop(first_of);
    // Display order: domain, `ordre` (fiches without one last), title without case, then id.
    // The keys are made in parallel, each with the draft's position; a fiche whose folder was
    // refused above has no domain page (its error is already told) and no key.
    let mut keys: Vec<(usize, bool, Option<i64>, String, usize)> = fiche_drafts
        .par_iter()
        .zip(&ids)
        .zip(&kept)
        .enumerate()
        .filter_map(|(position, ((d, id), &kept))| {
            let &domain = domain_index.get(folder_slug(id)).filter(|_| kept)?;
            let ordre = d.values.integer(Key::Ordre);
            Some((
                domain,
                ordre.is_none(),
                ordre,
                d.titre().to_lowercase(),
                position,
            ))
        })
        .collect();
    keys.par_sort_unstable_by(|a, b| {
        (a.0, a.1, a.2, &a.3)
            .cmp(&(b.0, b.1, b.2, &b.3))
            .then_with(|| ids[a.4].cmp(&ids[b.4]))
    });
    // The drafts, taken in that order (moving boxes, not drafts), become fiches in parallel.
    let mut drafts: Vec<Option<(String, Box<FicheDraft>)>> =
        ids.into_iter().zip(fiche_drafts).map(Some).collect();
    let ordered: Vec<(usize, String, Box<FicheDraft>)> = keys
        .iter()
        .filter_map(|key| drafts[key.4].take().map(|(id, d)| (key.0, id, d)))
        .collect();
    drop(drafts);
    let (mut fiches, references): (Vec<Fiche>, Vec<WrittenReferences>) = ordered
        .into_par_iter()
        .map(|(domain, id, mut d)| {
            let references = d.values.take_references();
            (Fiche::from_draft(id, domain, *d), references)
        })
        .unzip();
    for (i, fiche) in fiches.iter().enumerate() {
        domains[fiche.domain].fiches.push(i);
    }
    resolve_references(&mut fiches, references, diagnostics);
    Site {
        config,
        domains,
        fiches,
        archives: Vec::new(),
    }
}

/// A fiche's references fields, each with its references as written.
type WrittenReferences = Vec<(Key, Box<[Reference]>)>;

/// Turns the ids of references fields into indexes, both ways; reports targets that name no
/// fiche. `references[i]` are fiche `i`'s, by field, as written.
fn resolve_references(
    fiches: &mut [Fiche],
    references: Vec<WrittenReferences>,
    diagnostics: &mut Diagnostics,
) {
    if references.iter().flatten().all(|(_, r)| r.is_empty()) {
        return;
    }
    let index: HashMap<&str, usize> = fiches
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    // For suggestions, in id order so that ties always go the same way; made only if needed.
    let mut sorted_ids: Option<Vec<&str>> = None;
    // Found first (the index borrows the fiches), then applied in the order written.
    let mut links: Vec<(usize, Key, usize)> = Vec::new();
    for (i, (key, wanted_ones)) in references
        .into_iter()
        .enumerate()
        .flat_map(|(i, fields)| fields.into_iter().map(move |field| (i, field)))
    {
        for reference in wanted_ones.into_vec() {
            let wanted = reference_id(&reference.target);
            match index.get(wanted.as_str()) {
                Some(&target) if target != i => links.push((i, key, target)),
                Some(_) => diagnostics.push(
                    Diagnostic::warning(Code::RenvoiVersSoi, "la fiche renvoie vers elle-même")
                        .at(reference.location)
                        .help(format!("retirez ce renvoi de `{}`", key.key())),
                ),
                None => {
                    let sorted_ids = sorted_ids.get_or_insert_with(|| {
                        let mut ids: Vec<&str> = index.keys().copied().collect();
                        ids.sort_unstable();
                        ids
                    });
                    let nearest =
                        crate::diagnostic::nearest(&wanted, sorted_ids.iter().copied(), 0.85);
                    let help = match nearest {
                        Some(id) => format!("vouliez-vous dire « {id} » ? Un renvoi s'écrit « domaine/fiche », le nom du dossier et celui du fichier sans .md"),
                        None => "un renvoi s'écrit « domaine/fiche » : le nom du dossier et celui du fichier, sans .md".to_owned(),
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            Code::RenvoiInconnu,
                            format!(
                                "`{}` renvoie vers « {} », qui n'est aucune fiche",
                                key.key(),
                                reference.target
                            ),
                        )
                        .at(reference.location)
                        .label("fiche introuvable")
                        .help(help),
                    );
                }
            }
        }
    }
    drop(index);
    // Each fiche's targets by field, in the order written, each once.
    let mut targets: BTreeMap<(usize, Key), Vec<usize>> = BTreeMap::new();
    for (i, key, target) in links {
        let of_field = targets.entry((i, key)).or_default();
        if !of_field.contains(&target) {
            of_field.push(target);
        }
    }
    for ((i, key), of_field) in targets {
        for &target in &of_field {
            if !fiches[target].cite_par.contains(&i) {
                fiches[target].cite_par.push(i);
            }
        }
        fiches[i]
            .values
            .set(key, Some(Value::References(of_field.into())));
    }
    for fiche in fiches.iter_mut() {
        fiche.cite_par.sort_unstable();
    }
}
