//! The data templates see: one serialisable view of the whole register, built once and shared by
//! every page (Tera 2 values are reference-counted, so a page's context costs a few pointer
//! copies). Every URL here is relative to the site's root; templates prefix it with `root`.

use std::borrow::Cow;

use serde::Serialize;

use crate::archive::{self, Archive, Period};
use crate::fields::{KEY_COUNT, Key, Kind};
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
            // « 29 novembre 2026 » never broken across lines (French typography).
            fr: d.french().replace(' ', "\u{a0}"),
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

/// A fiche as its page and rows see it; it borrows from the site and its [`Urls`]. Templates
/// find each field of the table under its key (`fiche.statut`, `fiche.mis_a_jour`), beside
/// what the page adds.
#[derive(Serialize)]
pub struct FicheView<'a> {
    pub id: &'a str,
    pub url: String,
    pub domain: LinkView<'a>,
    pub domain_slug: &'a str,
    /// The field values, each under its key.
    #[serde(flatten)]
    pub values: ValuesView<'a>,
    /// The vocabulary fields but the statut, in the register's column order.
    pub fields: Vec<FieldView<'a>>,
    /// The facet page of the fiches without a statut.
    pub statut_url_non_renseigne: &'a str,
    /// The body as HTML: only in the view of the fiche's own page and of its report row (built
    /// then, once, and dropped after); listing pages do not carry it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_html: Option<String>,
    pub source: &'a str,
    pub cite_par: Vec<LinkView<'a>>,
    pub precedente: Option<LinkView<'a>>,
    pub suivante: Option<LinkView<'a>>,
    /// Its statut in each archived year that has it, then this year's; empty when no archive
    /// has the fiche.
    pub historique: Vec<HistoryView<'a>>,
    /// For a fiche no archive has while the latest earlier archive exists, its history line:
    /// « Nouvelle en 2027 » (that archive is of the year before), else « Nouvelle (absente du
    /// registre de 2025) ».
    pub nouvelle: Option<String>,
}

impl<'a> FicheView<'a> {
    pub fn titre(&self) -> &'a str {
        self.values.text(Key::Titre).unwrap_or_default()
    }
}

/// A field's value as templates see it.
pub enum ValueView<'a> {
    Text(&'a str),
    Term(TermView<'a>),
    Terms(Vec<TermView<'a>>),
    Integer(i64),
    Date(DateView),
    Links(Vec<LinkView<'a>>),
}

/// A fiche's field values as templates see them, by [`Key`]: serialised as one member per key,
/// `null` (a list: `[]`) when absent.
pub struct ValuesView<'a> {
    slots: [Option<ValueView<'a>>; KEY_COUNT],
}

impl<'a> ValuesView<'a> {
    fn of(site: &'a Site, urls: &'a Urls, f: &'a Fiche) -> ValuesView<'a> {
        let values = &f.values;
        let terms = |key: Key| {
            let field = key.vocab();
            values
                .terms(key)
                .iter()
                .filter_map(move |&i| field.map(|field| TermView::of(site, urls, field, i)))
        };
        ValuesView {
            slots: Key::ALL.map(|key| match key.spec().kind {
                Kind::Text | Kind::Note(_) => values.text(key).map(ValueView::Text),
                Kind::Term(_) => terms(key).next().map(ValueView::Term),
                Kind::Terms(_) => Some(ValueView::Terms(terms(key).collect())),
                Kind::Range(..) | Kind::Integer => values.integer(key).map(ValueView::Integer),
                Kind::Date => values.date(key).map(|d| ValueView::Date(d.into())),
                Kind::References => Some(ValueView::Links(
                    values
                        .references(key)
                        .iter()
                        .map(|&i| link(site, i))
                        .collect(),
                )),
            }),
        }
    }

    fn get(&self, key: Key) -> Option<&ValueView<'a>> {
        self.slots[key as usize].as_ref()
    }

    pub fn text(&self, key: Key) -> Option<&'a str> {
        match self.get(key) {
            Some(ValueView::Text(text)) => Some(text),
            _ => None,
        }
    }

    pub fn term(&self, key: Key) -> Option<&TermView<'a>> {
        match self.get(key) {
            Some(ValueView::Term(term)) => Some(term),
            _ => None,
        }
    }

    pub fn terms(&self, key: Key) -> &[TermView<'a>] {
        match self.get(key) {
            Some(ValueView::Terms(terms)) => terms,
            Some(ValueView::Term(term)) => std::slice::from_ref(term),
            _ => &[],
        }
    }

    pub fn integer(&self, key: Key) -> Option<i64> {
        match self.get(key) {
            Some(ValueView::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn date(&self, key: Key) -> Option<&DateView> {
        match self.get(key) {
            Some(ValueView::Date(date)) => Some(date),
            _ => None,
        }
    }

    pub fn links(&self, key: Key) -> &[LinkView<'a>] {
        match self.get(key) {
            Some(ValueView::Links(links)) => links,
            _ => &[],
        }
    }
}

impl Serialize for ValuesView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(KEY_COUNT))?;
        for key in Key::ALL {
            match self.get(key) {
                Some(ValueView::Text(text)) => map.serialize_entry(key.key(), text)?,
                Some(ValueView::Term(term)) => map.serialize_entry(key.key(), term)?,
                Some(ValueView::Terms(terms)) => map.serialize_entry(key.key(), terms)?,
                Some(ValueView::Integer(n)) => map.serialize_entry(key.key(), n)?,
                Some(ValueView::Date(date)) => map.serialize_entry(key.key(), date)?,
                Some(ValueView::Links(links)) => map.serialize_entry(key.key(), links)?,
                None => map.serialize_entry(key.key(), &())?,
            }
        }
        map.end()
    }
}

/// A fiche's view with its body's HTML; its Tera value is made only if a template without a
/// Rust twin needs it (see `render::native`).
pub struct Viewed<'a> {
    pub view: FicheView<'a>,
    value: std::cell::OnceCell<tera::Value>,
}

impl<'a> Viewed<'a> {
    pub fn new(mut view: FicheView<'a>, body_html: String) -> Viewed<'a> {
        view.body_html = Some(body_html);
        Viewed {
            view,
            value: std::cell::OnceCell::new(),
        }
    }

    /// The view as templates see it.
    pub fn value(&self) -> &tera::Value {
        self.value
            .get_or_init(|| tera::Value::from_serializable(&self.view))
    }
}

/// A fiche's statut one year: « 2025 : En cours (50 %) ».
#[derive(Serialize)]
pub struct HistoryView<'a> {
    /// The year, or « aujourd'hui » for the register when its year is unknown.
    pub annee: String,
    /// The statut's label that year, or "Non renseigné".
    pub statut: &'a str,
    pub avancement: Option<i64>,
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
        titre: fiche.titre(),
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
        // Blank or « à compléter »: the report shows its own « Nom et titre : à compléter ».
        dg_ville: c
            .rapport
            .dg_ville
            .clone()
            .filter(|v| crate::config::is_given(v)),
        dg_cpas: c
            .rapport
            .dg_cpas
            .clone()
            .filter(|v| crate::config::is_given(v)),
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
    let values = ValuesView::of(site, urls, f);
    // The rows take their values' views from `values`, made once.
    let fields = Field::ALL
        .into_iter()
        .filter(|field| *field != Field::Statut)
        .map(|field| FieldView {
            key: field.key(),
            label: field.label(),
            terms: values.terms(Key::of_vocab(field)).to_vec(),
            note: f.note(field),
            note_courte: f.note(field).map(shorten),
            url_non_renseigne: urls.non_renseigne(field),
        })
        .collect();
    let historique = history(site, urls, f);
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
        url: fiche_url(f, site),
        domain: LinkView {
            titre: &domain.titre,
            url: Cow::Borrowed(urls.domain(f.domain)),
        },
        domain_slug: &domain.slug,
        values,
        fields,
        statut_url_non_renseigne: urls.non_renseigne(Field::Statut),
        body_html: None,
        source: &f.source,
        cite_par: f.cite_par.iter().map(|&i| link(site, i)).collect(),
        precedente: sibling(-1),
        suivante: sibling(1),
        nouvelle: historique
            .is_empty()
            .then(|| new_since(site, urls))
            .flatten(),
        historique,
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
                avancement: old.avancement.map(i64::from),
            })
        })
        .collect();
    if !out.is_empty() {
        let statut = f
            .values
            .term(Key::Statut)
            .map(|i| site.config.vocab.get(Field::Statut).terms[i].label.as_str());
        out.push(HistoryView {
            annee: urls
                .period
                .annee
                .map_or_else(|| "aujourd'hui".to_owned(), |y| y.to_string()),
            statut: statut_label(statut),
            avancement: f.values.integer(Key::Avancement),
        });
    }
    out
}

/// « Nouvelle en 2027 » for a fiche no earlier archive has (its history is empty), as the
/// report's evolution counts it among the new synergies; « Nouvelle (absente du registre de
/// 2025) » when the latest earlier archive is older than the year before, or the report's year
/// unknown. `None` without an earlier archive.
fn new_since(site: &Site, urls: &Urls) -> Option<String> {
    let latest = urls.earlier(site).last()?;
    Some(match urls.period.annee {
        Some(year) if year == latest.annee + 1 => format!("Nouvelle en {year}"),
        _ => format!("Nouvelle (absente du registre de {})", latest.annee),
    })
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
