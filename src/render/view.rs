//! The data templates see: one serialisable view of the whole register, built once and shared by
//! every page (Tera 2 values are reference-counted, so a page's context costs a few pointer
//! copies). Every URL here is relative to the site's root; templates prefix it with `root`.

use std::borrow::Cow;

use serde::Serialize;

use crate::archive::{self, Archive, Period};
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
    /// The names as a sentence needs them: « entre la Ville de Mons et le CPAS de Mons ».
    pub commune_avec_article: String,
    pub cpas_avec_article: String,
    /// `synergies.toml`'s own year and date (shown on every page when set).
    pub annee: Option<i64>,
    pub situation_au: Option<DateView>,
    /// The report's year and date: `synergies.toml`'s, else the latest `mis_a_jour`.
    pub periode: PeriodView,
    /// Who signs the report (`[rapport]`); "à compléter" when absent.
    pub dg_ville: Option<String>,
    pub dg_cpas: Option<String>,
    pub description_html: String,
    pub non_renseigne: &'static str,
}

/// [`crate::archive::Period`] for templates.
#[derive(Serialize)]
pub struct PeriodView {
    pub annee: Option<i64>,
    pub situation_au: Option<DateView>,
    /// Whether the date is the latest `mis_a_jour` of the fiches, not set in `synergies.toml`.
    pub situation_des_fiches: bool,
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

/// The URLs every fiche's view links to, made once for the views to borrow, and the report's
/// period (the year a fiche's history ends with).
pub struct Urls {
    pub period: Period,
    /// How many of the site's archives come before the report's year (they are by year).
    earlier: usize,
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
        let period = archive::period(&site.config, &site.fiches);
        Urls {
            earlier: archive::earlier(site, &period).len(),
            period,
            facets,
            domains,
        }
    }

    /// The archives of the years before the report's.
    pub fn earlier<'s>(&self, site: &'s Site) -> &'s [Archive] {
        &site.archives[..self.earlier.min(site.archives.len())]
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
    /// The note shortened for a table's cell (the whole of it is on the fiche's page).
    pub note_courte: Option<Cow<'a, str>>,
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
    /// Its statut in each archived year that has it, then this year's; empty when no archive
    /// has the fiche.
    pub historique: Vec<HistoryView<'a>>,
}

/// A fiche's statut one year: « 2025 : En cours (50 %) ».
#[derive(Serialize)]
pub struct HistoryView<'a> {
    /// The year, or « aujourd'hui » for the register when its year is unknown.
    pub annee: String,
    /// The statut's label that year, or "Non renseigné".
    pub statut: &'a str,
    pub avancement: Option<u8>,
}

/// A count by value of a field, for the key figures.
#[derive(Serialize)]
pub struct CountView {
    pub key: String,
    pub label: String,
    pub count: usize,
    /// The label in lower case, agreed with the count (« 9 effectifs », « 3 en cours »).
    pub label_accorde: String,
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
    let period = archive::period(c, &site.fiches);
    SiteView {
        titre: c.titre.clone(),
        commune: c.commune.clone(),
        cpas: c.cpas.clone(),
        commune_avec_article: c.commune_avec_article.clone(),
        cpas_avec_article: c.cpas_avec_article.clone(),
        annee: c.annee,
        situation_au: c.situation_au.map(DateView::from),
        periode: PeriodView {
            annee: period.annee,
            situation_au: period.situation_au.map(DateView::from),
            situation_des_fiches: !period.situation_from_config && period.situation_au.is_some(),
        },
        dg_ville: c.rapport.dg_ville.clone(),
        dg_cpas: c.rapport.dg_cpas.clone(),
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
            note_courte: f.note(field).map(shorten),
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
        historique: history(site, urls, f),
    }
}

/// The label of a statut or "Non renseigné".
fn statut_label(term: Option<&str>) -> &str {
    term.unwrap_or(NON_RENSEIGNE)
}

/// `f`'s statut in each earlier archive that has it, then now; nothing when none has it.
fn history<'a>(site: &'a Site, urls: &Urls, f: &'a Fiche) -> Vec<HistoryView<'a>> {
    let mut out: Vec<HistoryView> = urls
        .earlier(site)
        .iter()
        .filter_map(|a| {
            a.get(&f.id).map(|old| HistoryView {
                annee: a.annee.to_string(),
                statut: statut_label(old.statut.as_ref().map(|t| t.libelle.as_str())),
                avancement: old.avancement,
            })
        })
        .collect();
    if !out.is_empty() {
        let statut = f
            .statut
            .map(|i| site.config.vocab.get(Field::Statut).terms[i].label.as_str());
        out.push(HistoryView {
            annee: urls
                .period
                .annee
                .map_or_else(|| "aujourd'hui".to_owned(), |y| y.to_string()),
            statut: statut_label(statut),
            avancement: f.avancement,
        });
    }
    out
}

/// Notes longer than this (in characters) are shortened in tables.
pub const NOTE_COURTE: usize = 90;

/// `note` as a table's cell shows it: whole when short, else cut at a word before
/// [`NOTE_COURTE`] characters and ended with « … ».
pub fn shorten(note: &str) -> Cow<'_, str> {
    if note.chars().count() <= NOTE_COURTE {
        return Cow::Borrowed(note);
    }
    let cut = note
        .char_indices()
        .nth(NOTE_COURTE - 10)
        .map_or(note.len(), |(i, _)| i);
    let head = &note[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:.–-".contains(c));
    Cow::Owned(format!("{head} …"))
}

/// A value's label in lower case, agreed with `count`: a one-word label and « non renseigné »
/// take an `s` (« effectifs », « non renseignés »), a phrase stays (« en cours », « à développer »).
pub fn agree(label: &str, count: usize) -> String {
    let lower = label.to_lowercase();
    if count < 2 {
        return lower;
    }
    let last_word_agrees =
        !lower.contains(' ') || lower.starts_with("non ") && lower.matches(' ').count() == 1;
    if last_word_agrees && !lower.ends_with(['s', 'x', 'z']) {
        lower + "s"
    } else {
        lower
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
            label_accorde: agree(&t.label, count),
            count,
            url: facet_url(field, &t.key),
        })
        .collect();
    if missing > 0 {
        out.push(CountView {
            key: NON_RENSEIGNE_KEY.to_owned(),
            label: NON_RENSEIGNE.to_owned(),
            label_accorde: agree(NON_RENSEIGNE, missing),
            count: missing,
            url: facet_url(field, NON_RENSEIGNE_KEY),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_agree_with_their_count() {
        assert_eq!(agree("Effectif", 9), "effectifs");
        assert_eq!(agree("Effectif", 1), "effectif");
        assert_eq!(agree("En cours", 3), "en cours");
        assert_eq!(agree("À développer", 5), "à développer");
        assert_eq!(agree("Sans objet", 2), "sans objet");
        assert_eq!(agree(NON_RENSEIGNE, 2), "non renseignés");
    }

    #[test]
    fn long_notes_are_cut_at_a_word() {
        assert_eq!(shorten("Court."), "Court.");
        let long = "La RH Ville est chargée de l'organisation des formations bureautiques \
                    Ville et CPAS, dans les locaux de la Ville, chaque trimestre.";
        let short = shorten(long);
        assert_eq!(
            short,
            "La RH Ville est chargée de l'organisation des formations bureautiques Ville et …"
        );
        assert!(short.chars().count() <= NOTE_COURTE);
    }
}
