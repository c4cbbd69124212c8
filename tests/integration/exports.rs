//! `synergies.csv` and `synergies.json`, read back with a CSV parser (`;`, BOM) and a JSON
//! parser, give the same register as `content/`, field for field.

use std::fs;

use synergies::fields::Key;
use synergies::model::{Fiche, Site};
use synergies::vocab::Field;

use crate::support::{Root, repo_root};

fn labels(site: &Site, fiche: &Fiche, field: Field) -> Vec<String> {
    fiche
        .terms(field)
        .iter()
        .map(|&i| site.config.vocab.get(field).terms[i].label.clone())
        .collect()
}

fn keys(site: &Site, fiche: &Fiche, field: Field) -> Vec<String> {
    fiche
        .terms(field)
        .iter()
        .map(|&i| site.config.vocab.get(field).terms[i].key.clone())
        .collect()
}

fn built(root: &Root) -> Site {
    root.build().success();
    synergies::check(root.path()).0.expect("valid register")
}

fn roots() -> Vec<Root> {
    let mons = Root::new();
    crate::support::copy_dir(&repo_root().join("content"), &mons.path().join("content"));
    vec![mons, Root::fixture("site")]
}

#[test]
fn the_csv_opens_in_french_excel_and_holds_the_whole_register() {
    for root in roots() {
        let site = built(&root);
        let bytes = fs::read(root.public().join("synergies.csv")).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "no BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.lines().next().unwrap().contains(";titre;"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "a bare LF line ending"
        );

        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), site.fiches.len());
        let get = |row: &csv::StringRecord, column: &str| {
            let index = headers.iter().position(|h| h == column).unwrap();
            // A cell a spreadsheet would read as a formula starts with `'`, removed here.
            let cell = &row[index];
            match cell.strip_prefix('\'') {
                Some(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => text.to_owned(),
                _ => cell.to_owned(),
            }
        };
        for (row, fiche) in rows.iter().zip(&site.fiches) {
            let domain = &site.domains[fiche.domain];
            assert_eq!(
                format!("{}/{}", get(row, "domaine"), get(row, "fiche")),
                fiche.id
            );
            assert_eq!(get(row, "domaine_titre"), domain.titre);
            assert_eq!(get(row, "titre"), fiche.titre());
            for field in Field::ALL {
                assert_eq!(
                    get(row, field.key()),
                    labels(&site, fiche, field).join(", "),
                    "{}",
                    fiche.id
                );
                if field != Field::Statut {
                    let note = fiche.note(field).unwrap_or_default();
                    assert_eq!(get(row, &format!("{}_note", field.key())), note);
                }
            }
            let number = |n: Option<String>| n.unwrap_or_default();
            assert_eq!(
                get(row, "avancement"),
                number(fiche.values.integer(Key::Avancement).map(|a| a.to_string()))
            );
            assert_eq!(
                get(row, "mis_a_jour"),
                number(fiche.values.date(Key::MisAJour).map(|d| d.iso()))
            );
            assert_eq!(
                get(row, "ordre"),
                number(fiche.values.integer(Key::Ordre).map(|o| o.to_string()))
            );
            assert_eq!(
                get(row, "economies"),
                fiche.values.text(Key::Economies).unwrap_or_default()
            );
            assert_eq!(get(row, "realisation").replace("\r\n", "\n"), fiche.body);
            let see_also: Vec<&str> = fiche
                .values
                .references(Key::VoirAussi)
                .iter()
                .map(|&i| site.fiches[i].id.as_str())
                .collect();
            assert_eq!(get(row, "voir_aussi"), see_also.join(", "));
            assert!(root.public().join(get(row, "page")).is_file());
        }
    }
}

#[test]
fn no_csv_cell_starts_like_a_formula() {
    let root = Root::new();
    crate::support::copy_dir(&repo_root().join("content"), &root.path().join("content"));
    root.build().success();
    let bytes = fs::read(root.public().join("synergies.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let modes_note = headers.iter().position(|h| h == "modes_note").unwrap();
    let mut quoted = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        for cell in &row {
            let is_number = cell.parse::<i64>().is_ok();
            assert!(
                is_number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
        quoted.push(row[modes_note].to_owned());
    }
    assert!(
        quoted.contains(&"'+1/2tp agent CPAS (mise à disposition)".to_owned()),
        "{quoted:?}"
    );
}

#[test]
fn the_json_holds_the_whole_register_with_keys_and_labels() {
    for root in roots() {
        let site = built(&root);
        let text = fs::read_to_string(root.public().join("synergies.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["$schema"], "synergies.schema.json");
        assert!(root.public().join("synergies.schema.json").is_file());
        assert_eq!(json["titre"], site.config.titre.as_str());
        let domains = json["domaines"].as_array().unwrap();
        assert_eq!(domains.len(), site.domains.len());
        let synergies = json["synergies"].as_array().unwrap();
        assert_eq!(synergies.len(), site.fiches.len());
        // One line for the register and its domains, then one line per fiche, then the end.
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), site.fiches.len() + 2);
        assert!(lines[0].ends_with("\"synergies\":["), "{}", lines[0]);
        assert_eq!(lines[lines.len() - 1], "]}");
        for (line, entry) in lines[1..lines.len() - 1].iter().zip(synergies) {
            let record: serde_json::Value =
                serde_json::from_str(line.strip_suffix(',').unwrap_or(line)).unwrap();
            assert_eq!(&record, entry);
        }
        for (entry, fiche) in synergies.iter().zip(&site.fiches) {
            assert_eq!(entry["id"], fiche.id.as_str());
            assert_eq!(entry["titre"], fiche.titre());
            for field in Field::ALL {
                let value = &entry[field.key()];
                let found: Vec<(String, String)> = match value {
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|t| {
                            (
                                t["cle"].as_str().unwrap().to_owned(),
                                t["libelle"].as_str().unwrap().to_owned(),
                            )
                        })
                        .collect(),
                    serde_json::Value::Null => Vec::new(),
                    term => vec![(
                        term["cle"].as_str().unwrap().to_owned(),
                        term["libelle"].as_str().unwrap().to_owned(),
                    )],
                };
                let expected: Vec<(String, String)> = keys(&site, fiche, field)
                    .into_iter()
                    .zip(labels(&site, fiche, field))
                    .collect();
                assert_eq!(found, expected, "{} {}", fiche.id, field.key());
                assert_eq!(value.is_array(), field.is_list());
            }
            assert_eq!(entry["realisation"], fiche.body.as_str());
            assert_eq!(
                entry["avancement"].as_i64(),
                fiche.values.integer(Key::Avancement)
            );
            assert_eq!(
                entry["mis_a_jour"].as_str(),
                fiche.values.date(Key::MisAJour).map(|d| d.iso()).as_deref()
            );
            let page = entry["page"].as_str().unwrap();
            assert!(root.public().join(page).is_file(), "{page}");
        }
    }
}

#[test]
fn exports_are_linked_from_the_index_and_the_report() {
    let root = Root::fixture("site");
    root.build().success();
    let index = fs::read_to_string(root.public().join("index.html")).unwrap();
    let report = fs::read_to_string(root.public().join("rapport/index.html")).unwrap();
    assert!(index.contains("href=\"synergies.csv\""), "index → csv");
    assert!(index.contains("href=\"synergies.json\""), "index → json");
    assert!(report.contains("href=\"../synergies.csv\""), "report → csv");
    assert!(
        report.contains("href=\"../synergies.json\""),
        "report → json"
    );
    assert!(
        index.contains("href=\"rapport/index.html\""),
        "index → report"
    );
}
