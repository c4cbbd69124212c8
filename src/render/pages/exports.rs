//! The register as data: `synergies.csv` (for Excel in French: UTF-8 with BOM, `;`, CRLF) and
//! `synergies.json` (every field, vocabulary keys and labels; schema in
//! `synergies.schema.json`, shipped beside it). Both carry the same fields as the front matter,
//! under the same names, so that an export can be read back into fiches.

use std::borrow::Cow;

use serde::Serialize;

use crate::fields;
use crate::model::{Domain, Fiche, Site};
use crate::render::csv_cell::neutralise_formula;
use crate::render::{Emitter, OutputFile, view};
use crate::vocab::Field;

pub const CSV_PATH: &str = "synergies.csv";
pub const JSON_PATH: &str = "synergies.json";
pub const SCHEMA_PATH: &str = "synergies.schema.json";

/// The JSON Schema of `synergies.json`, kept in the repository and shipped with the site.
const SCHEMA: &str = include_str!("../../../docs/synergies.schema.json");

/// The CSV columns, in order: where the fiche lives, its front-matter keys
/// ([`fields::KEYS`]), its text and its page.
pub const CSV_COLUMNS: [&str; 5 + fields::KEYS.len() + 2] = {
    const BEFORE: [&str; 5] = [
        "domaine",
        "domaine_titre",
        "domaine_ordre",
        "domaine_description",
        "fiche",
    ];
    const AFTER: [&str; 2] = ["realisation", "page"];
    let mut columns = [""; 5 + fields::KEYS.len() + 2];
    let mut i = 0;
    while i < columns.len() {
        columns[i] = if i < BEFORE.len() {
            BEFORE[i]
        } else if i < BEFORE.len() + fields::KEYS.len() {
            fields::KEYS[i - BEFORE.len()]
        } else {
            AFTER[i - BEFORE.len() - fields::KEYS.len()]
        };
        i += 1;
    }
    columns
};

/// Separator between several values in one CSV cell (`Coopératif, Délégatif`).
pub const CSV_LIST_SEPARATOR: &str = ", ";

/// A vocabulary value as `synergies.json` gives it: its stable key and its label.
#[derive(Serialize)]
pub struct Term<'a> {
    pub cle: &'a str,
    pub libelle: &'a str,
}

/// One fiche as the exports give it: serde_json writes it as a member of `synergies.json`'s
/// `synergies`, and [`Record::csv_cells`] makes its line of `synergies.csv` from it.
#[derive(Serialize)]
pub struct Record<'a> {
    /// Where the fiche lives (the CSV's `domaine_*` columns).
    #[serde(skip)]
    domain: &'a Domain,
    pub id: &'a str,
    pub domaine: &'a str,
    pub fiche: &'a str,
    pub titre: &'a str,
    pub objectifs: Vec<Term<'a>>,
    pub objectifs_note: Option<&'a str>,
    pub modes: Vec<Term<'a>>,
    pub modes_note: Option<&'a str>,
    pub pilote: Option<Term<'a>>,
    pub pilote_note: Option<&'a str>,
    pub responsable: Option<Term<'a>>,
    pub responsable_note: Option<&'a str>,
    pub statut: Option<Term<'a>>,
    pub avancement: Option<u8>,
    pub mis_a_jour: Option<String>,
    pub economies: Option<&'a str>,
    pub voir_aussi: Vec<&'a str>,
    pub ordre: Option<i64>,
    /// The body, as Markdown.
    pub realisation: &'a str,
    pub page: String,
    pub source: &'a str,
}

impl<'a> Record<'a> {
    /// Fiche `index` of `site`, with its body (Markdown).
    pub fn of(site: &'a Site, index: usize, body: &'a str) -> Record<'a> {
        let f = &site.fiches[index];
        let domain = &site.domains[f.domain];
        let terms = |field| each_term(site, f, field).collect();
        let one = |field| each_term(site, f, field).next();
        Record {
            domain,
            id: &f.id,
            domaine: &domain.slug,
            fiche: &f.slug,
            titre: &f.titre,
            objectifs: terms(Field::Objectifs),
            objectifs_note: f.objectifs_note.as_deref(),
            modes: terms(Field::Modes),
            modes_note: f.modes_note.as_deref(),
            pilote: one(Field::Pilote),
            pilote_note: f.pilote_note.as_deref(),
            responsable: one(Field::Responsable),
            responsable_note: f.responsable_note.as_deref(),
            statut: one(Field::Statut),
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
        }
    }

    /// The cells of the fiche's line of `synergies.csv`, in [`CSV_COLUMNS`] order: every cell's
    /// text is made here. Several values share a cell, joined by [`CSV_LIST_SEPARATOR`]; a text
    /// of several lines has its line breaks written as CRLF (Excel's line break in a cell).
    pub fn csv_cells(&self) -> [Cow<'_, str>; 22] {
        let domain = self.domain;
        let text = |value: Option<&'a str>| Cow::Borrowed(value.unwrap_or_default());
        let number =
            |value: Option<i64>| Cow::Owned(value.map(|n| n.to_string()).unwrap_or_default());
        let labels = |terms: &[Term<'a>]| match terms {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(one.libelle),
            _ => Cow::Owned(
                terms
                    .iter()
                    .map(|t| t.libelle)
                    .collect::<Vec<_>>()
                    .join(CSV_LIST_SEPARATOR),
            ),
        };
        let label = |term: &Option<Term<'a>>| text(term.as_ref().map(|t| t.libelle));
        let lines = |text: &'a str| {
            if text.contains('\n') {
                Cow::Owned(text.replace('\n', "\r\n"))
            } else {
                Cow::Borrowed(text)
            }
        };
        [
            Cow::Borrowed(domain.slug.as_str()),
            Cow::Borrowed(domain.titre.as_str()),
            number(domain.ordre),
            lines(&domain.description),
            Cow::Borrowed(self.fiche),
            Cow::Borrowed(self.titre),
            labels(&self.objectifs),
            text(self.objectifs_note),
            labels(&self.modes),
            text(self.modes_note),
            label(&self.pilote),
            text(self.pilote_note),
            label(&self.responsable),
            text(self.responsable_note),
            label(&self.statut),
            number(self.avancement.map(i64::from)),
            Cow::Borrowed(self.mis_a_jour.as_deref().unwrap_or_default()),
            text(self.economies),
            Cow::Owned(self.voir_aussi.join(CSV_LIST_SEPARATOR)),
            number(self.ordre),
            lines(self.realisation),
            Cow::Borrowed(self.page.as_str()),
        ]
    }
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
/// array's first element).
pub fn json_record(record: &Record, first: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(record.realisation.len() * 9 / 8 + 1024);
    out.extend_from_slice(if first { b"\n" } else { b",\n" });
    // Plain data into memory: cannot fail.
    let _ = serde_json::to_writer(&mut out, record);
    out
}

/// The end of `synergies.json`, after `count` records.
pub fn json_tail(count: usize) -> &'static [u8] {
    if count == 0 { b"]}\n" } else { b"\n]}\n" }
}

fn csv_writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
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

/// A fiche's line of `synergies.csv`: its [`Record::csv_cells`], each a spreadsheet would read
/// as a formula neutralised ([`neutralise_formula`]), quoted where needed.
pub fn csv_record(record: &Record) -> Vec<u8> {
    let mut out = Vec::with_capacity(record.realisation.len() * 17 / 16 + 512);
    {
        let mut writer = csv_writer(&mut out);
        // Into memory: cannot fail.
        let cells = record.csv_cells();
        let cells = cells.each_ref().map(|c| neutralise_formula(c));
        let _ = writer.write_record(cells.iter().map(|c| c.as_bytes()));
        let _ = writer.flush();
    }
    out
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

    /// Bytes as lines of Rust string literals, so that `\r`, tabs and controls show.
    fn lines_of(bytes: &[u8]) -> String {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let lines: Vec<String> = text
            .split_inclusive('\n')
            .map(|line| format!("{line:?}"))
            .collect();
        lines.join("\n")
    }

    #[test]
    fn the_exports_of_unusual_fiches_are_these_bytes() {
        let site = unusual_site();
        let mut csv = csv_head();
        let mut json = json_head(&site);
        for (i, body) in BODIES.into_iter().enumerate() {
            let record = Record::of(&site, i, body);
            csv.extend(csv_record(&record));
            json.extend(json_record(&record, i == 0));
        }
        json.extend_from_slice(json_tail(BODIES.len()));
        insta::assert_snapshot!("csv", lines_of(&csv));
        insta::assert_snapshot!("json", lines_of(&json));
        let mut empty = json_head(&site);
        empty.extend_from_slice(json_tail(0));
        insta::assert_snapshot!("json_without_fiches", lines_of(&empty));
    }

    /// The schema shipped with `synergies.json` describes every field of the table, and the
    /// JSON a build writes carries each of them.
    #[test]
    fn the_schema_and_the_json_carry_every_field_of_the_table() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        let members: Vec<&str> = schema["properties"]["synergies"]["items"]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in fields::KEYS {
            assert!(members.contains(&key), "{key} missing from the schema");
        }
        let site = unusual_site();
        let record = serde_json::to_value(Record::of(&site, 0, BODIES[0])).unwrap();
        for key in fields::KEYS {
            assert!(
                record.get(key).is_some(),
                "{key} missing from the JSON record"
            );
        }
    }
}
