//! Stage 3, model: assembles the checked drafts into the [`Site`]: domains and fiches in display
//! order, pages named, cross-references resolved. Checks that need the whole register live here
//! (two files for one page, a `voir_aussi` to nowhere).

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::fiche::{DomainDraft, FicheDraft, Reference};
use crate::toml_fields::Date;
use crate::vocab::Field;

/// The whole register, ready to render. Indexes point into `domains` and `fiches`.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// In display order (`ordre`, then title).
    pub domains: Vec<Domain>,
    /// Grouped by domain, in display order within each.
    pub fiches: Vec<Fiche>,
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

#[derive(Debug, Clone)]
pub struct Fiche {
    /// `domaine/fiche`: how other fiches refer to it, and its page's place.
    pub id: String,
    pub slug: String,
    pub domain: usize,
    pub source: String,
    pub titre: String,
    pub objectifs: Vec<usize>,
    pub objectifs_note: Option<String>,
    pub modes: Vec<usize>,
    pub modes_note: Option<String>,
    pub pilote: Option<usize>,
    pub pilote_note: Option<String>,
    pub responsable: Option<usize>,
    pub responsable_note: Option<String>,
    pub statut: Option<usize>,
    pub avancement: Option<u8>,
    pub mis_a_jour: Option<Date>,
    pub economies: Option<String>,
    /// Indexes of the fiches it refers to.
    pub voir_aussi: Vec<usize>,
    /// Indexes of the fiches that refer to it.
    pub cite_par: Vec<usize>,
    pub ordre: Option<i64>,
    /// The Markdown body; empty when a build left it in its file (`body_file`).
    pub body: String,
    /// Digest of the front matter as written ([`crate::fiche::front_hash`]).
    pub front_hash: u64,
    /// Set by a build: where the body is read again when the fiche is rendered.
    pub body_file: Option<BodyFile>,
}

/// A body left in its file by a build, so that the bodies of a large register are never all in
/// memory at once: read again (and checked against `hash`) when its fiche is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFile {
    pub path: std::path::PathBuf,
    /// [`crate::fiche::body_hash`] of the body that was validated.
    pub hash: u64,
}

impl Fiche {
    /// The Markdown body, read again from its file when a build left it there.
    pub fn body_text(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        match &self.body_file {
            None => Ok(std::borrow::Cow::Borrowed(&self.body)),
            Some(file) => {
                crate::fiche::reread_body(&self.source, file).map(std::borrow::Cow::Owned)
            }
        }
    }

    /// The terms a fiche has for a field (empty when "Non renseigné").
    pub fn terms(&self, field: Field) -> &[usize] {
        match field {
            Field::Objectifs => &self.objectifs,
            Field::Modes => &self.modes,
            Field::Pilote => self.pilote.as_slice(),
            Field::Responsable => self.responsable.as_slice(),
            Field::Statut => self.statut.as_slice(),
        }
    }

    pub fn note(&self, field: Field) -> Option<&str> {
        match field {
            Field::Objectifs => self.objectifs_note.as_deref(),
            Field::Modes => self.modes_note.as_deref(),
            Field::Pilote => self.pilote_note.as_deref(),
            Field::Responsable => self.responsable_note.as_deref(),
            Field::Statut => None,
        }
    }
}

impl Fiche {
    /// A fiche of domain `domain` from its validated draft, before references are resolved
    /// (`voir_aussi` and `cite_par` empty): the one place a draft's fields become a fiche's.
    pub fn from_draft(id: String, domain: usize, d: FicheDraft) -> Fiche {
        Fiche {
            // The id is `<domain slug>/<fiche slug>`: the slug is already made.
            slug: id
                .rsplit_once('/')
                .map_or(&*id, |(_, slug)| slug)
                .to_owned(),
            id,
            domain,
            source: d.source,
            titre: d.titre,
            objectifs: d.objectifs,
            objectifs_note: d.objectifs_note,
            modes: d.modes,
            modes_note: d.modes_note,
            pilote: d.pilote,
            pilote_note: d.pilote_note,
            responsable: d.responsable,
            responsable_note: d.responsable_note,
            statut: d.statut,
            avancement: d.avancement,
            mis_a_jour: d.mis_a_jour,
            economies: d.economies,
            voir_aussi: Vec::new(),
            cite_par: Vec::new(),
            ordre: d.ordre,
            body: d.body,
            front_hash: d.front_hash,
            body_file: d.body_file,
        }
    }
}

/// URL-safe name of a file or folder: "Égalité des chances" → `egalite-des-chances`.
pub fn slugify(name: &str) -> String {
    let slug = slug::slugify(name);
    if slug.is_empty() {
        "sans-nom".to_owned()
    } else {
        slug
    }
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

/// Builds the site. `folders` lists every domain folder, so that empty domains still show.
pub fn build(
    config: Config,
    folders: &[String],
    domain_drafts: Vec<DomainDraft>,
    fiche_drafts: Vec<Box<FicheDraft>>,
    diagnostics: &mut Diagnostics,
) -> Site {
    // A folder's slug is made once (this stage runs alone; at 10,000 fiches, a slug per fiche
    // made one by one was most of it). Every fiche's folder is a listed one; any other gets its
    // slug on the spot.
    let folder_slugs: BTreeMap<&str, String> = folders
        .iter()
        .map(|folder| (folder.as_str(), slugify(folder)))
        .collect();
    let slug_of = |folder: &str| {
        folder_slugs
            .get(folder)
            .cloned()
            .unwrap_or_else(|| slugify(folder))
    };

    // Domains, keyed by slug; two folders with one slug are one page: refuse.
    let mut by_slug: BTreeMap<String, Domain> = BTreeMap::new();
    let mut folder_of_slug: BTreeMap<String, String> = BTreeMap::new();
    for folder in folders {
        let slug = slug_of(folder);
        if let Some(other) = folder_of_slug.get(&slug) {
            diagnostics.push(
                Diagnostic::error(
                    "page-en-double",
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

    // Fiches, keyed by id; two files for one page: refuse both, naming both.
    // Ids map to positions in `fiche_drafts`: a B-tree of whole drafts would move them around
    // at every insertion. The ids are made in parallel.
    let ids: Vec<String> = fiche_drafts
        .par_iter()
        .map(|d| format!("{}/{}", slug_of(&d.folder), slugify(&d.stem)))
        .collect();
    let mut fiche_drafts: Vec<Option<Box<FicheDraft>>> =
        fiche_drafts.into_iter().map(Some).collect();
    let mut drafts: BTreeMap<String, usize> = BTreeMap::new();
    for (position, (draft, id)) in fiche_drafts.iter().zip(ids).enumerate() {
        let Some(draft) = draft else { continue };
        if let Some(other) = drafts.get(&id).and_then(|&p| fiche_drafts[p].as_ref()) {
            diagnostics.push(
                Diagnostic::error(
                    "page-en-double",
                    format!("ces deux fiches donneraient la même page ({id}.html)"),
                )
                .at(Location::file(draft.source.clone()))
                .note(format!("l'autre fiche : {}", other.source))
                .help("renommez l'un des deux fichiers : les accents, majuscules et espaces ne suffisent pas à distinguer deux pages"),
            );
            continue;
        }
        drafts.insert(id, position);
    }
    let mut references: BTreeMap<String, Vec<Reference>> = BTreeMap::new();
    let mut fiches: Vec<Fiche> = Vec::with_capacity(drafts.len());
    for (id, position) in drafts {
        let Some(mut d) = fiche_drafts[position].take() else {
            continue;
        };
        // A fiche whose folder was refused above has no domain page: its error is already told.
        let Some(&domain) = domain_index.get(&slug_of(&d.folder)) else {
            continue;
        };
        if !d.voir_aussi.is_empty() {
            references.insert(id.clone(), std::mem::take(&mut d.voir_aussi));
        }
        fiches.push(Fiche::from_draft(id, domain, *d));
    }
    // The key is built once per fiche (a comparator would lower-case titles at every comparison).
    fiches.par_sort_by_cached_key(|f| {
        (
            f.domain,
            f.ordre.is_none(),
            f.ordre,
            f.titre.to_lowercase(),
            f.id.clone(),
        )
    });
    for (i, fiche) in fiches.iter().enumerate() {
        domains[fiche.domain].fiches.push(i);
    }
    resolve_references(&mut fiches, references, diagnostics);
    Site {
        config,
        domains,
        fiches,
    }
}

/// Turns `voir_aussi` ids into indexes, both ways; reports targets that name no fiche.
/// `references` holds only the fiches that have some.
fn resolve_references(
    fiches: &mut [Fiche],
    references: BTreeMap<String, Vec<Reference>>,
    diagnostics: &mut Diagnostics,
) {
    let index: BTreeMap<&str, usize> = fiches
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    // Found first (the index borrows the fiches), then applied in the order written.
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (id, wanted_ones) in references {
        let Some(&i) = index.get(id.as_str()) else {
            continue;
        };
        for reference in wanted_ones {
            let wanted = reference_id(&reference.target);
            match index.get(wanted.as_str()) {
                Some(&target) if target != i => links.push((i, target)),
                Some(_) => diagnostics.push(
                    Diagnostic::warning("renvoi-vers-soi", "la fiche renvoie vers elle-même")
                        .at(reference.location)
                        .help("retirez ce renvoi de `voir_aussi`"),
                ),
                None => {
                    let nearest = index
                        .keys()
                        .map(|id| (strsim::jaro_winkler(&wanted, id), id))
                        .filter(|(score, _)| *score >= 0.85)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, id)| id.to_string());
                    let help = match nearest {
                        Some(id) => format!("vouliez-vous dire « {id} » ? Un renvoi s'écrit « domaine/fiche », le nom du dossier et celui du fichier sans .md"),
                        None => "un renvoi s'écrit « domaine/fiche » : le nom du dossier et celui du fichier, sans .md".to_owned(),
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            "renvoi-inconnu",
                            format!(
                                "`voir_aussi` renvoie vers « {} », qui n'est aucune fiche",
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
    for (i, target) in links {
        if !fiches[i].voir_aussi.contains(&target) {
            fiches[i].voir_aussi.push(target);
            fiches[target].cite_par.push(i);
        }
    }
    for fiche in fiches.iter_mut() {
        fiche.cite_par.sort_unstable();
    }
}
