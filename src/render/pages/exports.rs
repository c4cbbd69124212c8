//! The register as data: `synergies.csv` (for Excel in French: UTF-8 with BOM, `;`, CRLF) and
//! `synergies.json` (every field, vocabulary keys and labels; schema in
//! `synergies.schema.json`, shipped beside it). Both carry the same fields as the front matter,
//! under the same names, so that an export can be read back into fiches.

use std::borrow::Cow;

use serde::Serialize;

use crate::fields::{self, Key, Kind};
use crate::model::{Domain, Fiche, Site};
use crate::render::csv_cell::neutralise_formula;
use crate::render::{Emitter, OutputFile, view};

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
/// `synergies`, and [`Record::csv_cells`] makes its line of `synergies.csv` from it. Its
/// fields are the table's ([`fields::FIELDS`]), each written as its kind says.
pub struct Record<'a> {
    site: &'a Site,
    fiche: &'a Fiche,
    /// Where the fiche lives (the CSV's `domaine_*` columns).
    domain: &'a Domain,
    /// The body, as Markdown.
    pub realisation: &'a str,
    page: String,
}

impl<'a> Record<'a> {
    /// Fiche `index` of `site`, with its body (Markdown).
    pub fn of(site: &'a Site, index: usize, body: &'a str) -> Record<'a> {
        let fiche = &site.fiches[index];
        Record {
            site,
            fiche,
            domain: &site.domains[fiche.domain],
            realisation: body,
            page: view::fiche_url(fiche, site),
        }
    }

    /// The values of a vocabulary field, in its order.
    fn terms(&self, key: Key) -> impl Iterator<Item = Term<'a>> + use<'a> {
        let terms = key.vocab().map_or(
            &[][..],
            |field| &self.site.config.vocab.get(field).terms[..],
        );
        self.fiche.values.terms(key).iter().map(move |&i| Term {
            cle: &terms[i].key,
            libelle: &terms[i].label,
        })
    }

    /// The ids of the fiches a references field names.
    fn references(&self, key: Key) -> impl Iterator<Item = &'a str> + use<'a> {
        let fiches = &self.site.fiches;
        self.fiche
            .values
            .references(key)
            .iter()
            .map(move |&i| fiches[i].id.as_str())
    }

    /// The cells of the fiche's line of `synergies.csv`, in [`CSV_COLUMNS`] order: every cell's
    /// text is made here. Several values share a cell, joined by [`CSV_LIST_SEPARATOR`]; a text
    /// of several lines has its line breaks written as CRLF (Excel's line break in a cell).
    pub fn csv_cells(&self) -> Vec<Cow<'_, str>> {
        let domain = self.domain;
        let values = &self.fiche.values;
        let number =
            |value: Option<i64>| Cow::Owned(value.map(|n| n.to_string()).unwrap_or_default());
        let joined = |mut items: Vec<&'a str>| match items.len() {
            0 => Cow::Borrowed(""),
            1 => Cow::Borrowed(items.remove(0)),
            _ => Cow::Owned(items.join(CSV_LIST_SEPARATOR)),
        };
        let lines = |text: &'a str| {
            if text.contains('\n') {
                Cow::Owned(text.replace('\n', "\r\n"))
            } else {
                Cow::Borrowed(text)
            }
        };
        let mut cells = Vec::with_capacity(CSV_COLUMNS.len());
        cells.extend([
            Cow::Borrowed(domain.slug.as_str()),
            Cow::Borrowed(domain.titre.as_str()),
            number(domain.ordre),
            lines(&domain.description),
            Cow::Borrowed(self.fiche.slug.as_str()),
        ]);
        cells.extend(Key::ALL.into_iter().map(|key| match key.spec().kind {
            Kind::Text | Kind::Note(_) => Cow::Borrowed(values.text(key).unwrap_or_default()),
            Kind::Term(_) | Kind::Terms(_) => joined(self.terms(key).map(|t| t.libelle).collect()),
            Kind::Range(..) | Kind::Integer => number(values.integer(key)),
            Kind::Date => Cow::Owned(values.date(key).map(|d| d.iso()).unwrap_or_default()),
            Kind::References => joined(self.references(key).collect()),
        }));
        cells.extend([lines(self.realisation), Cow::Borrowed(self.page.as_str())]);
        cells
    }
}

impl Serialize for Record<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fiche = self.fiche;
        let mut out = serializer.serialize_struct("Record", fields::KEY_COUNT + 6)?;
        out.serialize_field("id", &fiche.id)?;
        out.serialize_field("domaine", &self.domain.slug)?;
        out.serialize_field("fiche", &fiche.slug)?;
        for key in Key::ALL {
            out.serialize_field(key.key(), &JsonValue { record: self, key })?;
        }
        out.serialize_field("realisation", self.realisation)?;
        out.serialize_field("page", &self.page)?;
        out.serialize_field("source", &fiche.source)?;
        out.end()
    }
}

/// A field's value in `synergies.json`, as its kind says: a text, a vocabulary value
/// (`{"cle", "libelle"}`) or a list of them, a number, an ISO date, a list of fiche ids; `null`
/// (a list: `[]`) when absent.
struct JsonValue<'r, 'a> {
    record: &'r Record<'a>,
    key: Key,
}

impl Serialize for JsonValue<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (record, key) = (self.record, self.key);
        let values = &record.fiche.values;
        match key.spec().kind {
            Kind::Text | Kind::Note(_) => values.text(key).serialize(serializer),
            Kind::Term(_) => record.terms(key).next().serialize(serializer),
            Kind::Terms(_) => serializer.collect_seq(record.terms(key)),
            Kind::Range(..) | Kind::Integer => values.integer(key).serialize(serializer),
            Kind::Date => values.date(key).map(|d| d.iso()).serialize(serializer),
            Kind::References => serializer.collect_seq(record.references(key)),
        }
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
        let cells: Vec<Cow<str>> = cells.iter().map(|c| neutralise_formula(c)).collect();
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
    use crate::fields::Value;
    use crate::toml_fields::Date;

    /// The test site of `facets`, its first fiche with every field filled with what needs
    /// escaping or quoting.
    fn unusual_site() -> Site {
        let mut site = crate::render::pages::facets::tests::site();
        let text = |t: &str| Value::Text(t.into());
        let a = &mut site.fiches[0];
        for (key, value) in [
            (Key::Titre, text("« L'œuvre » \"citée\"; \\ ici\t")),
            (Key::ObjectifsNote, text("Note\r\nsur deux lignes")),
            (Key::ModesNote, text("")),
            (Key::Pilote, Value::Term(1)),
            (Key::PiloteNote, text("<b>&</b>")),
            (Key::Responsable, Value::Term(0)),
            (Key::ResponsableNote, text("\u{1}\u{1f}")),
            (Key::Avancement, Value::Integer(0)),
            (
                Key::MisAJour,
                Value::Date(Date {
                    year: 2026,
                    month: 3,
                    day: 9,
                }),
            ),
            (Key::Economies, text("12 000 €")),
            (Key::VoirAussi, Value::References([1, 2].into())),
            (Key::Ordre, Value::Integer(-3)),
        ] {
            a.values.set(key, Some(value));
        }
        let b = &mut site.fiches[1];
        b.values.set(Key::Avancement, Some(Value::Integer(100)));
        b.values.set(Key::Economies, Some(text("=1+1")));
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
