//! The data templates see: one serialisable view of the whole register, built once and shared by
//! every page (Tera 2 values are reference-counted, so a page's context costs a few pointer
//! copies). Every URL here is relative to the site's root; templates prefix it with `root`.

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

#[derive(Serialize, Clone)]
pub struct TermView {
    pub key: String,
    pub label: String,
    /// The value's facet page (`facettes/statut/en-cours.html`).
    pub url: String,
}

impl TermView {
    /// A value of `field`'s vocabulary, with its facet page.
    pub fn of(field: Field, term: &Term) -> TermView {
        TermView {
            key: term.key.clone(),
            label: term.label.clone(),
            url: facet_url(field, &term.key),
        }
    }
}

#[derive(Serialize)]
pub struct LinkView {
    pub titre: String,
    pub url: String,
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
pub struct FieldView {
    pub key: &'static str,
    pub label: &'static str,
    pub terms: Vec<TermView>,
    pub note: Option<String>,
    /// The facet page of the fiches without a value for this field.
    pub url_non_renseigne: String,
}

#[derive(Serialize)]
pub struct FicheView {
    pub id: String,
    pub titre: String,
    pub url: String,
    pub domain: LinkView,
    pub domain_slug: String,
    /// The five vocabulary fields, in the register's column order.
    pub fields: Vec<FieldView>,
    pub statut: Option<TermView>,
    /// The facet page of the fiches without a statut.
    pub statut_url_non_renseigne: String,
    pub avancement: Option<u8>,
    pub mis_a_jour: Option<DateView>,
    pub economies: Option<String>,
    /// The body as HTML: only in the view of the fiche's own page and of its report row (built
    /// then, once, and dropped after); listing pages do not carry it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    pub source: String,
    pub voir_aussi: Vec<LinkView>,
    pub cite_par: Vec<LinkView>,
    pub precedente: Option<LinkView>,
    pub suivante: Option<LinkView>,
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

fn link(site: &Site, index: usize) -> LinkView {
    let fiche = &site.fiches[index];
    LinkView {
        titre: fiche.titre.clone(),
        url: fiche_url(fiche, site),
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

pub fn fiche(site: &Site, index: usize) -> FicheView {
    let f = &site.fiches[index];
    let vocab = &site.config.vocab;
    let term = |field: Field, i: usize| TermView::of(field, &vocab.get(field).terms[i]);
    let fields = Field::ALL
        .into_iter()
        .filter(|field| *field != Field::Statut)
        .map(|field| FieldView {
            key: field.key(),
            label: field.label(),
            terms: f.terms(field).iter().map(|&i| term(field, i)).collect(),
            note: f.note(field).map(str::to_owned),
            url_non_renseigne: facet_url(field, NON_RENSEIGNE_KEY),
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
        id: f.id.clone(),
        titre: f.titre.clone(),
        url: fiche_url(f, site),
        domain: LinkView {
            titre: domain.titre.clone(),
            url: domain_url(&domain.slug),
        },
        domain_slug: domain.slug.clone(),
        fields,
        statut: f.statut.map(|i| term(Field::Statut, i)),
        statut_url_non_renseigne: facet_url(Field::Statut, NON_RENSEIGNE_KEY),
        avancement: f.avancement,
        mis_a_jour: f.mis_a_jour.map(DateView::from),
        economies: f.economies.clone(),
        body_html: None,
        source: f.source.clone(),
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
