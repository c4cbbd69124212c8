//! Facet pages: one page per value of each vocabulary field (`facettes/modes/delegatif.html`),
//! one per field for the fiches without a value (`facettes/modes/non-renseigne.html`), and the
//! overview `facettes/index.html`. Every value gets its page, even with no fiche, so that links
//! to it never break.

use serde::Serialize;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::fields::Key;
use crate::model::Site;
use crate::render::mirrored::FacetItem;
use crate::render::view::{self, NON_RENSEIGNE, NON_RENSEIGNE_KEY, TermView};
use crate::render::{Emitter, Shared, breadcrumbs};
use crate::vocab::Field;

/// Path of the overview.
pub const INDEX: &str = "facettes/index.html";

/// Bytes of items gathered before they are written.
const ITEMS_BUFFER: usize = 32 * 1024;

/// One value of a field, or "Non renseigné", with its fiches in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub key: String,
    pub label: String,
    /// Indexes into `site.fiches`, ascending (display order).
    pub fiches: Vec<usize>,
}

impl Facet {
    pub fn is_non_renseigne(&self) -> bool {
        self.key == NON_RENSEIGNE_KEY
    }
}

/// The facets of a field: every term of its vocabulary in vocabulary order, then "Non renseigné".
/// A fiche with two values of a list field (`objectifs`, `modes`) is in both facets.
pub fn facets(site: &Site, field: Field) -> Vec<Facet> {
    let terms = &site.config.vocab.get(field).terms;
    let mut out: Vec<Facet> = terms
        .iter()
        .map(|t| Facet {
            key: t.key.clone(),
            label: t.label.clone(),
            fiches: Vec::new(),
        })
        .chain(std::iter::once(Facet {
            key: NON_RENSEIGNE_KEY.to_owned(),
            label: NON_RENSEIGNE.to_owned(),
            fiches: Vec::new(),
        }))
        .collect();
    let missing = terms.len();
    for (i, fiche) in site.fiches.iter().enumerate() {
        let found = fiche.terms(field);
        if found.is_empty() {
            out[missing].fiches.push(i);
        }
        for &term in found {
            // A term index always comes from this vocabulary; guard anyway.
            // Fiches come in index order: a repeated term can only be the last one pushed.
            if let Some(facet) = out.get_mut(term).filter(|_| term < missing)
                && facet.fiches.last() != Some(&i)
            {
                facet.fiches.push(i);
            }
        }
    }
    out
}

/// Splits fiches by domain: domains in display order, only those holding some of the fiches,
/// each with its fiches in display order.
pub fn by_domain(site: &Site, fiches: &[usize]) -> Vec<(usize, Vec<usize>)> {
    let mut member = vec![false; site.fiches.len()];
    for &i in fiches {
        if let Some(m) = member.get_mut(i) {
            *m = true;
        }
    }
    site.domains
        .iter()
        .enumerate()
        .filter_map(|(d, domain)| {
            let inside: Vec<usize> = domain
                .fiches
                .iter()
                .copied()
                .filter(|&i| member.get(i).copied().unwrap_or(false))
                .collect();
            (!inside.is_empty()).then_some((d, inside))
        })
        .collect()
}

/// A value with its count and page, for the overview and the list of a field's values.
#[derive(Serialize)]
struct ValueView {
    key: String,
    label: String,
    url: String,
    count: usize,
    non_renseigne: bool,
}

#[derive(Serialize)]
struct FieldFacetsView {
    key: &'static str,
    label: &'static str,
    /// Whether a fiche may have several values (then counts may add up to more than the total).
    is_list: bool,
    values: Vec<ValueView>,
}

/// A domain's group on a facet page; its fiches are rendered one by one into the group's slot.
#[derive(Serialize)]
struct GroupView {
    slug: String,
    titre: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct FacetPageView {
    key: String,
    label: String,
    url: String,
    count: usize,
    non_renseigne: bool,
    groups: Vec<GroupView>,
}

fn field_view(field: Field, facets: &[Facet]) -> FieldFacetsView {
    FieldFacetsView {
        key: field.key(),
        label: field.label(),
        is_list: field.is_list(),
        values: facets
            .iter()
            .map(|f| ValueView {
                key: f.key.clone(),
                label: f.label.clone(),
                url: view::facet_url(field, &f.key),
                count: f.fiches.len(),
                non_renseigne: f.is_non_renseigne(),
            })
            .collect(),
    }
}

/// The statut values as facet pages show them, in vocabulary order (a fiche's `statut` indexes it).
fn statuts<'a>(site: &'a Site, urls: &'a view::Urls) -> Vec<TermView<'a>> {
    (0..site.config.vocab.get(Field::Statut).terms.len())
        .map(|t| TermView::of(site, urls, Field::Statut, t))
        .collect()
}

/// A facet page's view, and its groups' fiches.
fn page_view(site: &Site, field: Field, facet: &Facet) -> (FacetPageView, Vec<Vec<usize>>) {
    let (groups, fiches) = by_domain(site, &facet.fiches)
        .into_iter()
        .map(|(d, fiches)| {
            let domain = &site.domains[d];
            let group = GroupView {
                slug: domain.slug.clone(),
                titre: domain.titre.clone(),
                url: view::domain_url(&domain.slug),
                count: fiches.len(),
            };
            (group, fiches)
        })
        .unzip();
    let page = FacetPageView {
        key: facet.key.clone(),
        label: facet.label.clone(),
        url: view::facet_url(field, &facet.key),
        count: facet.fiches.len(),
        non_renseigne: facet.is_non_renseigne(),
        groups,
    };
    (page, fiches)
}

/// A facet page, written piece by piece: the shell, then each group with its fiches' items.
fn write_page(
    shared: &Shared,
    field: Field,
    page: &FacetPageView,
    fiches: &[Vec<usize>],
    statuts: &[TermView],
    context: Context,
    writer: &mut dyn std::io::Write,
) -> Result<(), Diagnostic> {
    let site = shared.site;
    let renderer = &shared.renderer;
    let path = page.url.as_str();
    let fail = |e: std::io::Error| crate::render::write_error(path, &e);
    let shell = renderer.shell("facette.html", path, context, &[("lignes", page.count > 0)])?;
    writer.write_all(shell[0].as_bytes()).map_err(fail)?;
    for (group, fiches) in page.groups.iter().zip(fiches) {
        let mut context = Context::new();
        context.insert("g", group);
        let around = renderer.shell(
            "partials/facette-groupe.html",
            path,
            context,
            &[("lignes", true)],
        )?;
        writer.write_all(around[0].as_bytes()).map_err(fail)?;
        let mut items = String::new();
        // A fiche's URL is written into this buffer for each item, not kept for every fiche.
        let mut url = String::new();
        for &i in fiches {
            let fiche = &site.fiches[i];
            url.clear();
            view::push_fiche_url(&mut url, fiche, site);
            let statut = fiche.values.term(Key::Statut).and_then(|t| statuts.get(t));
            let item = FacetItem {
                titre: fiche.titre(),
                url: &url,
                statut: statut.copied(),
            };
            let avec_statut = field != Field::Statut;
            shared
                .mirrored
                .facet_item(&mut items, shared, path, &item, avec_statut)?;
            if items.len() >= ITEMS_BUFFER {
                writer.write_all(items.as_bytes()).map_err(fail)?;
                items.clear();
            }
        }
        writer.write_all(items.as_bytes()).map_err(fail)?;
        writer.write_all(around[1].as_bytes()).map_err(fail)?;
    }
    writer.write_all(shell[1].as_bytes()).map_err(fail)
}

/// Every facet page, handed to `out` as soon as it is rendered (several at a time), then the
/// overview.
pub fn pages(shared: &Shared, out: &Emitter) {
    use rayon::prelude::*;
    let site = shared.site;
    let fields: Vec<(Field, Vec<Facet>, FieldFacetsView)> = Field::ALL
        .into_iter()
        .map(|field| {
            let facets = facets(site, field);
            let view = field_view(field, &facets);
            (field, facets, view)
        })
        .collect();
    let statuts = statuts(site, &shared.urls);
    let pages: Vec<(&Field, &Facet, &FieldFacetsView)> = fields
        .iter()
        .flat_map(|(field, facets, view)| facets.iter().map(move |facet| (field, facet, view)))
        .collect();
    pages.par_iter().for_each(|&(&field, facet, field_view)| {
        let (page, fiches) = page_view(site, field, facet);
        let field_anchor = format!("{INDEX}#{}", field.key());
        let mut context = Context::new();
        context.insert("field", field_view);
        context.insert("facet", &page);
        context.insert(
            "breadcrumbs",
            &breadcrumbs(
                &[
                    ("Parcourir par critère", INDEX),
                    (field.label(), &field_anchor),
                ],
                &facet.label,
            ),
        );
        // The largest lists fiches by the thousand: written as they are rendered.
        out.emit_with(&page.url, &mut |writer| {
            write_page(
                shared,
                field,
                &page,
                &fiches,
                &statuts,
                context.clone(),
                writer,
            )
        });
    });
    let views: Vec<&FieldFacetsView> = fields.iter().map(|(_, _, view)| view).collect();
    let mut context = Context::new();
    context.insert("fields", &views);
    context.insert("total", &site.fiches.len());
    context.insert("breadcrumbs", &breadcrumbs(&[], "Parcourir par critère"));
    out.emit(shared.renderer.page("facettes.html", INDEX, context));
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::Config;
    use crate::fields::Value;
    use crate::model::{Domain, Fiche};

    fn fiche(domain: usize, slug: &str) -> Fiche {
        Fiche {
            id: slug.to_owned(),
            slug: slug.to_owned(),
            domain,
            source: format!("content/{slug}.md"),
            ..Fiche::default()
        }
        .with(Key::Titre, Value::Text(slug.into()))
    }

    fn domain(slug: &str, fiches: Vec<usize>) -> Domain {
        Domain {
            slug: slug.to_owned(),
            titre: slug.to_uppercase(),
            ordre: None,
            description: String::new(),
            source: format!("content/{slug}"),
            fiches,
        }
    }

    /// Two domains and an empty one: grh (a, b), social (c), vide ().
    /// a: modes coopératif + délégatif, statut effectif; b: délégatif; c: nothing.
    pub(crate) fn site() -> Site {
        let mut a = fiche(0, "a");
        a = a
            .with(Key::Modes, Value::Terms([0, 1].into()))
            .with(Key::Statut, Value::Term(0))
            .with(Key::Objectifs, Value::Terms([2].into()));
        let mut b = fiche(0, "b");
        b = b
            .with(Key::Modes, Value::Terms([1].into()))
            .with(Key::Objectifs, Value::Terms([2, 0].into()));
        let c = fiche(1, "c");
        Site {
            config: Config::default(),
            domains: vec![
                domain("grh", vec![0, 1]),
                domain("social", vec![2]),
                domain("vide", vec![]),
            ],
            fiches: vec![a, b, c],
            archives: Vec::new(),
        }
    }

    fn keys_and_fiches(facets: &[Facet]) -> Vec<(&str, Vec<usize>)> {
        facets
            .iter()
            .map(|f| (f.key.as_str(), f.fiches.clone()))
            .collect()
    }

    #[test]
    fn every_term_has_a_facet_then_non_renseigne() {
        let site = site();
        assert_eq!(
            keys_and_fiches(&facets(&site, Field::Modes)),
            [
                ("cooperatif", vec![0]),
                ("delegatif", vec![0, 1]),
                ("non-renseigne", vec![2]),
            ]
        );
        assert_eq!(
            keys_and_fiches(&facets(&site, Field::Statut)),
            [
                ("effectif", vec![0]),
                ("en-cours", vec![]),
                ("a-developper", vec![]),
                ("sans-objet", vec![]),
                ("non-renseigne", vec![1, 2]),
            ]
        );
    }

    #[test]
    fn list_fields_count_a_fiche_once_per_value_in_display_order() {
        let site = site();
        assert_eq!(
            keys_and_fiches(&facets(&site, Field::Objectifs)),
            [
                ("citoyen", vec![1]),
                ("performance", vec![]),
                ("moyens", vec![0, 1]),
                ("non-renseigne", vec![2]),
            ]
        );
    }

    #[test]
    fn labels_follow_the_configuration() {
        let mut site = site();
        site.config
            .vocab
            .set_label(Field::Statut, "effectif", "Réalisé");
        let statut = facets(&site, Field::Statut);
        assert_eq!(statut[0].label, "Réalisé");
        assert_eq!(statut[4].label, "Non renseigné");
        assert!(statut[4].is_non_renseigne() && !statut[0].is_non_renseigne());
    }

    #[test]
    fn grouping_by_domain_keeps_display_order_and_skips_empty_domains() {
        let site = site();
        assert_eq!(
            by_domain(&site, &[2, 1, 0]),
            [(0, vec![0, 1]), (1, vec![2])]
        );
        assert_eq!(by_domain(&site, &[1]), [(0, vec![1])]);
        assert!(by_domain(&site, &[]).is_empty());
    }

    #[test]
    fn facet_pages_have_stable_urls() {
        let site = site();
        let (page, fiches) = page_view(&site, Field::Modes, &facets(&site, Field::Modes)[1]);
        assert_eq!(page.url, "facettes/modes/delegatif.html");
        assert_eq!(page.count, 2);
        assert_eq!(page.groups.len(), 1);
        assert_eq!(page.groups[0].url, "domaines/grh/index.html");
        assert_eq!(page.groups[0].count, 2);
        let urls: Vec<String> = fiches[0]
            .iter()
            .map(|&i| view::fiche_url(&site.fiches[i], &site))
            .collect();
        assert_eq!(urls, ["domaines/grh/a.html", "domaines/grh/b.html"]);
        assert_eq!(
            site.fiches[fiches[0][0]]
                .values
                .term(Key::Statut)
                .and_then(|t| statuts(&site, &view::Urls::new(&site))
                    .get(t)
                    .map(|s| s.url.to_owned())),
            Some("facettes/statut/effectif.html".to_owned())
        );
        let (missing, _) = page_view(&site, Field::Statut, &facets(&site, Field::Statut)[4]);
        assert_eq!(missing.url, "facettes/statut/non-renseigne.html");
        assert!(missing.non_renseigne);
    }
}
