//! The data templates see: one serialisable view of the whole register, built once and shared by
//! every page (Tera 2 values are reference-counted, so a page's context costs a few pointer
//! copies). Every URL here is relative to the site's root; templates prefix it with `root`.

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Fiche, Site};
use crate::toml_fields::Date;
use crate::vocab::{Field, Term};

use super::markdown;

/// Text shown wherever a field was left empty.
pub const NON_RENSEIGNE: &str = "Non renseigné";

#[derive(Serialize)]
pub struct SiteView {
    pub titre: String,
    pub commune: String,
    pub cpas: String,
    pub annee: Option<i64>,
    pub situation_au: Option<DateView>,
    pub description_html: String,
    pub non_renseigne: &'static str,
}

#[derive(Serialize, Clone)]
pub struct DateView {
    pub iso: String,
    pub fr: String,
}

impl From<Date> for DateView {
    fn from(d: Date) -> Self {
        DateView {
            iso: d.iso(),
            fr: d.french(),
        }
    }
}

#[derive(Serialize, Clone, Copy)]
pub struct TermView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    /// The value's facet page (`facettes/statut/en-cours.html`).
    pub url: &'a str,
}

impl<'a> TermView<'a> {
    /// Value `t` of `field`'s vocabulary, with its facet page.
    pub fn of(site: &'a Site, urls: &'a Urls, field: Field, t: usize) -> TermView<'a> {
        let term: &Term = &site.config.vocab.get(field).terms[t];
        TermView {
            key: &term.key,
            label: &term.label,
            url: urls.term(field, t),
        }
    }
}

#[derive(Serialize)]
pub struct LinkView<'a> {
    pub titre: &'a str,
    pub url: Cow<'a, str>,
}

/// The URLs every fiche's view links to, made once for the views to borrow.
pub struct Urls {
    /// Per field, in [`Field::ALL`] order: each term's facet page, and the page of the fiches
    /// without a value.
    facets: Vec<(Vec<String>, String)>,
    /// Each domain's page.
    domains: Vec<String>,
}

impl Urls {
    pub fn new(site: &Site) -> Urls {
        let facets = Field::ALL
            .into_iter()
            .map(|field| {
                let terms = &site.config.vocab.get(field).terms;
                (
                    terms.iter().map(|t| facet_url(field, &t.key)).collect(),
                    facet_url(field, NON_RENSEIGNE_KEY),
                )
            })
            .collect();
        let domains = site.domains.iter().map(|d| domain_url(&d.slug)).collect();
        Urls { facets, domains }
    }

    fn field(&self, field: Field) -> &(Vec<String>, String) {
        // Built in `Field::ALL` order, as `Vocabularies` keeps its vocabularies.
        &self.facets[field as usize]
    }

    /// The facet page of value `t` of `field`.
    pub fn term(&self, field: Field, t: usize) -> &str {
        &self.field(field).0[t]
    }

    /// The facet page of the fiches without a value for `field`.
    pub fn non_renseigne(&self, field: Field) -> &str {
        &self.field(field).1
    }

    /// The page of domain `d`.
    pub fn domain(&self, d: usize) -> &str {
        &self.domains[d]
    }
}

#[derive(Serialize)]
pub struct DomainView {
    pub slug: String,
    pub titre: String,
    pub url: String,
    pub count: usize,
    pub description_html: String,
    pub source: String,
}

/// One field of a fiche as a row of its description list.
#[derive(Serialize)]
pub struct FieldView<'a> {
    pub key: &'static str,
    pub label: &'static str,
    pub terms: Vec<TermView<'a>>,
    pub note: Option<&'a str>,
    /// The facet page of the fiches without a value for this field.
    pub url_non_renseigne: &'a str,
}

/// A fiche as its page and rows see it; it borrows from the site and its [`Urls`].
#[derive(Serialize)]
pub struct FicheView<'a> {
    pub id: &'a str,
    pub titre: &'a str,
    pub url: String,
    pub domain: LinkView<'a>,
    pub domain_slug: &'a str,
    /// The five vocabulary fields, in the register's column order.
    pub fields: Vec<FieldView<'a>>,
    pub statut: Option<TermView<'a>>,
    /// The facet page of the fiches without a statut.
    pub statut_url_non_renseigne: &'a str,
    pub avancement: Option<u8>,
    pub mis_a_jour: Option<DateView>,
    pub economies: Option<&'a str>,
    /// The body as HTML: only in the view of the fiche's own page and of its report row (built
    /// then, once, and dropped after); listing pages do not carry it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    pub source: &'a str,
    pub voir_aussi: Vec<LinkView<'a>>,
    pub cite_par: Vec<LinkView<'a>>,
    pub precedente: Option<LinkView<'a>>,
    pub suivante: Option<LinkView<'a>>,
}

/// A count by value of a field, for the key figures.
#[derive(Serialize)]
pub struct CountView {
    pub key: String,
    pub label: String,
    pub count: usize,
    /// The value's facet page.
    pub url: String,
}

/// Key of the facet page of the fiches without a value (`facettes/modes/non-renseigne.html`).
pub const NON_RENSEIGNE_KEY: &str = "non-renseigne";

/// The facet page of a value: `facettes/<field>/<term>.html`.
pub fn facet_url(field: Field, term_key: &str) -> String {
    format!("facettes/{}/{term_key}.html", field.key())
}

pub fn domain_url(slug: &str) -> String {
    format!("domaines/{slug}/index.html")
}

pub fn fiche_url(fiche: &Fiche, site: &Site) -> String {
    let mut url = String::new();
    push_fiche_url(&mut url, fiche, site);
    url
}

/// [`fiche_url`], written at the end of `o`.
pub fn push_fiche_url(o: &mut String, fiche: &Fiche, site: &Site) {
    let domain = &site.domains[fiche.domain].slug;
    o.reserve(domain.len() + fiche.slug.len() + 15);
    o.push_str("domaines/");
    o.push_str(domain);
    o.push('/');
    o.push_str(&fiche.slug);
    o.push_str(".html");
}

fn link(site: &Site, index: usize) -> LinkView<'_> {
    let fiche = &site.fiches[index];
    LinkView {
        titre: &fiche.titre,
        url: Cow::Owned(fiche_url(fiche, site)),
    }
}

pub fn site(site: &Site) -> SiteView {
    let c = &site.config;
    SiteView {
        titre: c.titre.clone(),
        commune: c.commune.clone(),
        cpas: c.cpas.clone(),
        annee: c.annee,
        situation_au: c.situation_au.map(DateView::from),
        description_html: c
            .description
            .as_deref()
            .map(markdown::to_html)
            .unwrap_or_default(),
        non_renseigne: NON_RENSEIGNE,
    }
}

pub fn domains(site: &Site) -> Vec<DomainView> {
    site.domains
        .iter()
        .map(|d| DomainView {
            slug: d.slug.clone(),
            titre: d.titre.clone(),
            url: domain_url(&d.slug),
            count: d.fiches.len(),
            description_html: markdown::to_html(&d.description),
            source: d.source.clone(),
        })
        .collect()
}

pub fn fiche<'a>(site: &'a Site, urls: &'a Urls, index: usize) -> FicheView<'a> {
    let f = &site.fiches[index];
    let term = |field: Field, i: usize| TermView::of(site, urls, field, i);
    let fields = Field::ALL
        .into_iter()
        .filter(|field| *field != Field::Statut)
        .map(|field| FieldView {
            key: field.key(),
            label: field.label(),
            terms: f.terms(field).iter().map(|&i| term(field, i)).collect(),
            note: f.note(field),
            url_non_renseigne: urls.non_renseigne(field),
        })
        .collect();
    let domain = &site.domains[f.domain];
    // A domain's fiches are in ascending order (the register is grouped by domain).
    let position = domain.fiches.binary_search(&index).ok();
    let sibling = |offset: isize| {
        position
            .and_then(|p| p.checked_add_signed(offset))
            .and_then(|p| domain.fiches.get(p))
            .map(|&i| link(site, i))
    };
    FicheView {
        id: &f.id,
        titre: &f.titre,
        url: fiche_url(f, site),
        domain: LinkView {
            titre: &domain.titre,
            url: Cow::Borrowed(urls.domain(f.domain)),
        },
        domain_slug: &domain.slug,
        fields,
        statut: f.statut.map(|i| term(Field::Statut, i)),
        statut_url_non_renseigne: urls.non_renseigne(Field::Statut),
        avancement: f.avancement,
        mis_a_jour: f.mis_a_jour.map(DateView::from),
        economies: f.economies.as_deref(),
        body_html: None,
        source: &f.source,
        voir_aussi: f.voir_aussi.iter().map(|&i| link(site, i)).collect(),
        cite_par: f.cite_par.iter().map(|&i| link(site, i)).collect(),
        precedente: sibling(-1),
        suivante: sibling(1),
    }
}

/// How many fiches have each value of `field`, plus "Non renseigné" when any lack one.
pub fn counts(site: &Site, field: Field) -> Vec<CountView> {
    let terms = &site.config.vocab.get(field).terms;
    let mut counts = vec![0usize; terms.len()];
    let mut missing = 0;
    for fiche in &site.fiches {
        let found = fiche.terms(field);
        if found.is_empty() {
            missing += 1;
        }
        for &i in found {
            counts[i] += 1;
        }
    }
    let mut out: Vec<CountView> = terms
        .iter()
        .zip(counts)
        .map(|(t, count)| CountView {
            key: t.key.clone(),
            label: t.label.clone(),
            count,
            url: facet_url(field, &t.key),
        })
        .collect();
    if missing > 0 {
        out.push(CountView {
            key: NON_RENSEIGNE_KEY.to_owned(),
            label: NON_RENSEIGNE.to_owned(),
            count: missing,
            url: facet_url(field, NON_RENSEIGNE_KEY),
        });
    }
    out
}
