//! The register as data: `synergies.csv` (for Excel in French: UTF-8 with BOM, `;`, CRLF) and
//! `synergies.json` (every field, vocabulary keys and labels; schema in
//! `synergies.schema.json`, shipped beside it). Both carry the same fields as the front matter,
//! under the same names, so that an export can be read back into fiches.

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Fiche, Site};
use crate::render::csv_cell::neutralise_formula;
use crate::render::{Emitter, OutputFile, json, view};
use crate::vocab::Field;

pub const CSV_PATH: &str = "synergies.csv";
pub const JSON_PATH: &str = "synergies.json";
pub const SCHEMA_PATH: &str = "synergies.schema.json";

/// The JSON Schema of `synergies.json`, kept in the repository and shipped with the site.
const SCHEMA: &str = include_str!("../../../docs/synergies.schema.json");

/// The CSV columns, in order: front-matter keys, plus where the fiche lives.
pub const CSV_COLUMNS: [&str; 22] = [
    "domaine",
    "domaine_titre",
    "domaine_ordre",
    "domaine_description",
    "fiche",
    "titre",
    "objectifs",
    "objectifs_note",
    "modes",
    "modes_note",
    "pilote",
    "pilote_note",
    "responsable",
    "responsable_note",
    "statut",
    "avancement",
    "mis_a_jour",
    "economies",
    "voir_aussi",
    "ordre",
    "realisation",
    "page",
];

/// Separator between several values in one CSV cell (`Coopératif, Délégatif`).
pub const CSV_LIST_SEPARATOR: &str = ", ";

#[derive(Serialize)]
struct Term<'a> {
    cle: &'a str,
    libelle: &'a str,
}

/// One fiche of `synergies.json`, as [`json_record`] writes it.
#[cfg(test)]
#[derive(Serialize)]
struct SynergyJson<'a> {
    id: &'a str,
    domaine: &'a str,
    fiche: &'a str,
    titre: &'a str,
    objectifs: Vec<Term<'a>>,
    objectifs_note: Option<&'a str>,
    modes: Vec<Term<'a>>,
    modes_note: Option<&'a str>,
    pilote: Option<Term<'a>>,
    pilote_note: Option<&'a str>,
    responsable: Option<Term<'a>>,
    responsable_note: Option<&'a str>,
    statut: Option<Term<'a>>,
    avancement: Option<u8>,
    mis_a_jour: Option<String>,
    economies: Option<&'a str>,
    voir_aussi: Vec<&'a str>,
    ordre: Option<i64>,
    realisation: &'a str,
    page: String,
    source: &'a str,
}

#[derive(Serialize)]
struct DomainJson<'a> {
    slug: &'a str,
    titre: &'a str,
    ordre: Option<i64>,
    description: &'a str,
    page: String,
    synergies: Vec<&'a str>,
}

#[derive(Serialize)]
struct RegisterJson<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    titre: &'a str,
    commune: &'a str,
    cpas: &'a str,
    annee: Option<i64>,
    situation_au: Option<String>,
    domaines: Vec<DomainJson<'a>>,
}

/// The values of `field` a fiche has, in its order.
fn each_term<'a>(site: &'a Site, fiche: &Fiche, field: Field) -> impl Iterator<Item = Term<'a>> {
    let vocabulary = site.config.vocab.get(field);
    fiche.terms(field).iter().map(|&i| Term {
        cle: &vocabulary.terms[i].key,
        libelle: &vocabulary.terms[i].label,
    })
}

fn terms<'a>(site: &'a Site, fiche: &Fiche, field: Field) -> Vec<Term<'a>> {
    each_term(site, fiche, field).collect()
}

fn one<'a>(site: &'a Site, fiche: &Fiche, field: Field) -> Option<Term<'a>> {
    each_term(site, fiche, field).next()
}

/// `synergies.json` up to the opening of its `synergies` array: the register's own fields and
/// its domains. The fiches follow, one [`json_record`] each, then [`json_tail`].
pub fn json_head(site: &Site) -> Vec<u8> {
    let register = RegisterJson {
        schema: SCHEMA_PATH,
        titre: &site.config.titre,
        commune: &site.config.commune,
        cpas: &site.config.cpas,
        annee: site.config.annee,
        situation_au: site.config.situation_au.map(|d| d.iso()),
        domaines: site
            .domains
            .iter()
            .map(|d| DomainJson {
                slug: &d.slug,
                titre: &d.titre,
                ordre: d.ordre,
                description: &d.description,
                page: view::domain_url(&d.slug),
                synergies: d
                    .fiches
                    .iter()
                    .map(|&i| site.fiches[i].id.as_str())
                    .collect(),
            })
            .collect(),
    };
    // Plain data into memory: cannot fail.
    let mut head = serde_json::to_vec(&register).unwrap_or_default();
    // The object stays open: `synergies` is its last member.
    head.pop();
    head.extend_from_slice(b",\"synergies\":[");
    head
}

/// One fiche of `synergies.json`, on a line of its own, preceded by its separator (`first`: the
/// array's first element). Written by hand, as serde_json writes a `SynergyJson` (a test holds
/// them together), because its long texts are escaped faster so (see `render::json`).
pub fn json_record(site: &Site, index: usize, body: &str, first: bool) -> Vec<u8> {
    let f = &site.fiches[index];
    let mut out = Vec::with_capacity(body.len() * 9 / 8 + 1024);
    out.extend_from_slice(if first { b"\n{" } else { b",\n{" });
    let mut record = Record {
        out: &mut out,
        first: true,
    };
    record.text("id", &f.id);
    record.text("domaine", &site.domains[f.domain].slug);
    record.text("fiche", &f.slug);
    record.text("titre", &f.titre);
    record.terms(site, "objectifs", f, Field::Objectifs);
    record.note("objectifs_note", &f.objectifs_note);
    record.terms(site, "modes", f, Field::Modes);
    record.note("modes_note", &f.modes_note);
    record.term(site, "pilote", f, Field::Pilote);
    record.note("pilote_note", &f.pilote_note);
    record.term(site, "responsable", f, Field::Responsable);
    record.note("responsable_note", &f.responsable_note);
    record.term(site, "statut", f, Field::Statut);
    record.value("avancement", &f.avancement);
    record.value("mis_a_jour", &f.mis_a_jour.map(|d| d.iso()));
    record.note("economies", &f.economies);
    record.value(
        "voir_aussi",
        &f.voir_aussi
            .iter()
            .map(|&i| site.fiches[i].id.as_str())
            .collect::<Vec<_>>(),
    );
    record.value("ordre", &f.ordre);
    record.text("realisation", body);
    record.text("page", &view::fiche_url(f, site));
    record.text("source", &f.source);
    out.push(b'}');
    out
}

/// The members of a record being written, after its `{`.
struct Record<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl Record<'_> {
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        json::string(self.out, key);
        self.out.push(b':');
    }

    fn text(&mut self, key: &str, text: &str) {
        self.key(key);
        json::string(self.out, text);
    }

    fn note(&mut self, key: &str, note: &Option<String>) {
        match note {
            Some(text) => self.text(key, text),
            None => self.value(key, &None::<()>),
        }
    }

    fn value<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        json::value(self.out, value);
    }

    fn terms(&mut self, site: &Site, key: &str, fiche: &Fiche, field: Field) {
        self.key(key);
        self.out.push(b'[');
        for (n, term) in each_term(site, fiche, field).enumerate() {
            if n > 0 {
                self.out.push(b',');
            }
            self.term_object(&term);
        }
        self.out.push(b']');
    }

    fn term(&mut self, site: &Site, key: &str, fiche: &Fiche, field: Field) {
        self.key(key);
        match one(site, fiche, field) {
            Some(term) => self.term_object(&term),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    /// A [`Term`] as `serde_json` writes it, with faster strings.
    fn term_object(&mut self, term: &Term) {
        self.out.extend_from_slice(b"{\"cle\":");
        json::string(self.out, term.cle);
        self.out.extend_from_slice(b",\"libelle\":");
        json::string(self.out, term.libelle);
        self.out.push(b'}');
    }
}

/// The end of `synergies.json`, after `count` records.
pub fn json_tail(count: usize) -> &'static [u8] {
    if count == 0 { b"]}\n" } else { b"\n]}\n" }
}

fn labels<'a>(site: &'a Site, fiche: &Fiche, field: Field) -> Cow<'a, str> {
    let terms = terms(site, fiche, field);
    match terms.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one.libelle),
        _ => Cow::Owned(
            terms
                .iter()
                .map(|t| t.libelle)
                .collect::<Vec<_>>()
                .join(CSV_LIST_SEPARATOR),
        ),
    }
}

/// A value of `synergies.csv`; a text of several lines has its line breaks written as CRLF
/// (Excel's line break inside a cell).
struct CsvValue<'a> {
    text: Cow<'a, str>,
    lines: bool,
}

impl<'a> From<Cow<'a, str>> for CsvValue<'a> {
    fn from(text: Cow<'a, str>) -> Self {
        CsvValue { text, lines: false }
    }
}

impl<'a> From<&'a str> for CsvValue<'a> {
    fn from(text: &'a str) -> Self {
        Cow::Borrowed(text).into()
    }
}

impl From<String> for CsvValue<'_> {
    fn from(text: String) -> Self {
        Cow::<str>::Owned(text).into()
    }
}

/// A text whose line breaks become CRLF.
fn lines(text: &str) -> CsvValue<'_> {
    CsvValue {
        text: Cow::Borrowed(text),
        lines: true,
    }
}

fn csv_writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The start of `synergies.csv`: Excel (fr-BE) reads UTF-8 only with a BOM, and splits on `;`.
pub fn csv_head() -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv_writer(&mut out);
        // Into memory: cannot fail.
        let _ = writer.write_record(CSV_COLUMNS);
        let _ = writer.flush();
    }
    out
}

/// One fiche's line of `synergies.csv`. Written by hand, as the `csv` crate writes it with
/// [`csv_writer`] (a test holds them together): a writer per record cost more than the record.
pub fn csv_record(site: &Site, index: usize, body: &str) -> Vec<u8> {
    let fields = csv_fields(site, index, body);
    let mut out = Vec::with_capacity(body.len() * 17 / 16 + 512);
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b';');
        }
        csv_field(&mut out, &neutralise_formula(&field.text), field.lines);
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// A field, quoted when it holds `;`, `"` or a line break (its quotes doubled), as the `csv`
/// crate quotes when necessary; with `lines`, each `\n` is written `\r\n`, in the same pass.
fn csv_field(out: &mut Vec<u8>, field: &str, lines: bool) {
    let bytes = field.as_bytes();
    let needs_quotes = memchr::memchr3(b';', b'"', b'\n', bytes).is_some()
        || memchr::memchr(b'\r', bytes).is_some();
    if !needs_quotes {
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + bytes.len() / 32 + 2);
    out.push(b'"');
    let mut start = 0;
    for at in memchr::memchr2_iter(b'"', b'\n', bytes) {
        if bytes[at] == b'"' {
            out.extend_from_slice(&bytes[start..=at]);
            out.push(b'"');
        } else if lines {
            out.extend_from_slice(&bytes[start..at]);
            out.extend_from_slice(b"\r\n");
        } else {
            continue;
        }
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The values of a fiche's line of `synergies.csv`, in [`CSV_COLUMNS`] order.
fn csv_fields<'a>(site: &'a Site, index: usize, body: &'a str) -> [CsvValue<'a>; 22] {
    let f = &site.fiches[index];
    let domain = &site.domains[f.domain];
    let text = |value: &'a Option<String>| value.as_deref().unwrap_or_default().into();
    let number = |value: Option<i64>| value.map(|o| o.to_string()).unwrap_or_default().into();
    [
        domain.slug.as_str().into(),
        domain.titre.as_str().into(),
        number(domain.ordre),
        lines(&domain.description),
        f.slug.as_str().into(),
        f.titre.as_str().into(),
        labels(site, f, Field::Objectifs).into(),
        text(&f.objectifs_note),
        labels(site, f, Field::Modes).into(),
        text(&f.modes_note),
        labels(site, f, Field::Pilote).into(),
        text(&f.pilote_note),
        labels(site, f, Field::Responsable).into(),
        text(&f.responsable_note),
        labels(site, f, Field::Statut).into(),
        number(f.avancement.map(i64::from)),
        f.mis_a_jour.map(|d| d.iso()).unwrap_or_default().into(),
        text(&f.economies),
        f.voir_aussi
            .iter()
            .map(|&i| site.fiches[i].id.as_str())
            .collect::<Vec<_>>()
            .join(CSV_LIST_SEPARATOR)
            .into(),
        number(f.ordre),
        lines(body),
        view::fiche_url(f, site).into(),
    ]
}

/// The schema of `synergies.json`; the two exports themselves are written by the pass over the
/// fiches (`fiches.rs`), one record per fiche, from [`json_head`], [`json_record`],
/// [`json_tail`], [`csv_head`] and [`csv_record`].
pub fn pages(out: &Emitter) {
    out.emit(Ok(OutputFile {
        path: SCHEMA_PATH.to_owned(),
        bytes: SCHEMA.as_bytes().to_vec(),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toml_fields::Date;

    /// What serde_json writes of fiche `index`, the reference [`json_record`] follows.
    fn by_serde(site: &Site, index: usize, body: &str) -> String {
        let f = &site.fiches[index];
        serde_json::to_string(&SynergyJson {
            id: &f.id,
            domaine: &site.domains[f.domain].slug,
            fiche: &f.slug,
            titre: &f.titre,
            objectifs: terms(site, f, Field::Objectifs),
            objectifs_note: f.objectifs_note.as_deref(),
            modes: terms(site, f, Field::Modes),
            modes_note: f.modes_note.as_deref(),
            pilote: one(site, f, Field::Pilote),
            pilote_note: f.pilote_note.as_deref(),
            responsable: one(site, f, Field::Responsable),
            responsable_note: f.responsable_note.as_deref(),
            statut: one(site, f, Field::Statut),
            avancement: f.avancement,
            mis_a_jour: f.mis_a_jour.map(|d| d.iso()),
            economies: f.economies.as_deref(),
            voir_aussi: f
                .voir_aussi
                .iter()
                .map(|&i| site.fiches[i].id.as_str())
                .collect(),
            ordre: f.ordre,
            realisation: body,
            page: view::fiche_url(f, site),
            source: &f.source,
        })
        .unwrap()
    }

    /// The test site of `facets`, its first fiche with every field filled with what needs
    /// escaping or quoting.
    fn unusual_site() -> Site {
        let mut site = crate::render::pages::facets::tests::site();
        let a = &mut site.fiches[0];
        a.titre = "« L'œuvre » \"citée\"; \\ ici\t".to_owned();
        a.objectifs_note = Some("Note\r\nsur deux lignes".to_owned());
        a.modes_note = Some(String::new());
        a.pilote = Some(1);
        a.pilote_note = Some("<b>&</b>".to_owned());
        a.responsable = Some(0);
        a.responsable_note = Some("\u{1}\u{1f}".to_owned());
        a.avancement = Some(0);
        a.mis_a_jour = Some(Date {
            year: 2026,
            month: 3,
            day: 9,
        });
        a.economies = Some("12 000 €".to_owned());
        a.voir_aussi = vec![1, 2];
        a.ordre = Some(-3);
        site.fiches[1].avancement = Some(100);
        site.fiches[1].economies = Some("=1+1".to_owned());
        site.domains[0].description = "Deux\nlignes \"citées\"; ici\r\n\"".to_owned();
        site
    }

    /// Bodies for the three fiches of [`unusual_site`].
    const BODIES: [&str; 3] = [
        "Corps\n\n- « un »\n- \"deux\"; trois\n\"\n\"\"fin",
        "",
        "\\\r",
    ];

    #[test]
    fn a_csv_record_is_what_the_csv_crate_writes_of_its_fields() {
        let site = unusual_site();
        for (i, body) in BODIES.into_iter().enumerate() {
            let mut expected = Vec::new();
            {
                let mut writer = csv_writer(&mut expected);
                let fields = csv_fields(&site, i, body);
                // Line breaks as CRLF, as the definition says.
                let texts = fields.iter().map(|f| {
                    let text = neutralise_formula(&f.text);
                    if f.lines {
                        text.replace('\n', "\r\n")
                    } else {
                        text.to_string()
                    }
                });
                writer.write_record(texts).unwrap();
                writer.flush().unwrap();
            }
            let written = csv_record(&site, i, body);
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected).unwrap()
            );
        }
    }

    #[test]
    fn a_json_record_is_what_serde_json_writes_of_its_fiche() {
        let site = unusual_site();
        for (i, body) in BODIES.into_iter().enumerate() {
            let first = i == 0;
            let written = String::from_utf8(json_record(&site, i, body, first)).unwrap();
            let separator = if first { "\n" } else { ",\n" };
            assert_eq!(written, format!("{separator}{}", by_serde(&site, i, body)));
        }
    }
}
