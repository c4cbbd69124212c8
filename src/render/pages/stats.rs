//! The statistics page `statistiques/index.html`: synergies counted by domain and by each
//! vocabulary field, and the domain × statut cross-table. Each count is drawn as an SVG bar
//! chart (see [`crate::render::svg`]) followed by the same figures as an HTML table.

use serde::Serialize;
use tera::Context;

use super::facets::{self, Facet};
use crate::archive;
use crate::diagnostic::Diagnostic;
use crate::fields::Key;
use crate::model::Site;
use crate::render::svg::{BarChart, Paint, Row, Series};
use crate::render::{OutputFile, Shared, breadcrumbs, view};
use crate::vocab::Field;

pub const PATH: &str = "statistiques/index.html";

/// Bars of the single-series charts: the site's accent (11:1 against white).
const BAR: &str = "#0b3d6b";
/// Statut colours, as in `site.css` (each at least 7:1 against white).
const STATUT_COLOURS: [(&str, &str); 4] = [
    ("effectif", "#1d5e20"),
    ("en-cours", "#7a4b00"),
    ("a-developper", "#8a1c1c"),
    ("sans-objet", "#4a4a4a"),
];
/// A statut added by a theme's vocabulary would get this one (6:1 against white).
const OTHER: &str = "#5b2d86";
/// "Non renseigné": a white bar with a grey border (8.9:1 against white).
const MISSING: &str = "#4a4a4a";

/// One line of a table: a label (a link when `url` is set) and its figures.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub label: String,
    pub url: Option<String>,
    pub values: Vec<usize>,
}

/// One block of the page: heading, chart and table.
#[derive(Serialize)]
pub struct Section {
    /// Unique on the page; also the prefix of the chart's and the table's ids.
    pub id: String,
    pub titre: String,
    pub note: Option<String>,
    pub svg: String,
    pub caption: String,
    /// First header is the row headers' column.
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
    /// The totals row, for the cross-table.
    pub totals: Option<Vec<usize>>,
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "synergies" } else { "synergie" }
}

/// The description of a one-series chart: what it shows, its longest bars, where the figures are.
fn description(rows: &[TableRow], what: &str) -> String {
    let max = rows.iter().map(|r| r.values[0]).max().unwrap_or(0);
    let longest: Vec<&str> = rows
        .iter()
        .filter(|r| max > 0 && r.values[0] == max)
        .map(|r| r.label.as_str())
        .collect();
    let longest = match longest.as_slice() {
        [] => " Aucune barre\u{202f}: aucune synergie.".to_owned(),
        [one] => format!(
            " La plus longue\u{202f}: {one} ({max}\u{a0}{}).",
            plural(max)
        ),
        [first @ .., last] => format!(
            " Les plus longues\u{202f}: {} et {last} ({max}\u{a0}{} chacune).",
            first.join(", "),
            plural(max)
        ),
    };
    format!(
        "Barres horizontales, une par {what}, longues comme le nombre de synergies.{longest} \
         Les chiffres sont dans le tableau qui suit."
    )
}

fn single_chart(id: &str, title: &str, what: &str, rows: &[TableRow]) -> String {
    BarChart {
        id: format!("{id}-graphique"),
        title: title.to_owned(),
        description: description(rows, what),
        series: vec![Series {
            label: "Synergies".to_owned(),
            paint: Paint::Solid(BAR),
        }],
        rows: rows
            .iter()
            .map(|r| Row {
                label: r.label.clone(),
                values: vec![r.values[0] as u64],
            })
            .collect(),
    }
    .to_svg()
}

fn domains_section(site: &Site) -> Section {
    let rows: Vec<TableRow> = site
        .domains
        .iter()
        .map(|d| TableRow {
            label: d.titre.clone(),
            url: Some(view::domain_url(&d.slug)),
            values: vec![d.fiches.len()],
        })
        .collect();
    let titre = "Synergies par domaine";
    Section {
        id: "domaines".to_owned(),
        titre: titre.to_owned(),
        note: None,
        svg: single_chart("domaines", titre, "domaine", &rows),
        caption: format!("{titre} ({} au total)", site.fiches.len()),
        headers: vec!["Domaine".to_owned(), "Synergies".to_owned()],
        rows,
        totals: None,
    }
}

fn field_section(site: &Site, field: Field) -> Section {
    let rows: Vec<TableRow> = facets::facets(site, field)
        .into_iter()
        .map(|f| TableRow {
            url: Some(view::facet_url(field, &f.key)),
            label: f.label,
            values: vec![f.fiches.len()],
        })
        .collect();
    let titre = format!("Synergies par {}", field.label().to_lowercase());
    let note = field.is_list().then(|| {
        format!(
            "Une synergie peut avoir plusieurs valeurs pour «\u{202f}{}\u{202f}»\u{202f}: elle est \
             alors comptée pour chacune, et le total des lignes peut dépasser le nombre de \
             synergies.",
            field.label()
        )
    });
    Section {
        id: field.key().to_owned(),
        svg: single_chart(field.key(), &titre, "valeur", &rows),
        caption: titre.clone(),
        titre,
        note,
        headers: vec![field.label().to_owned(), "Synergies".to_owned()],
        rows,
        totals: None,
    }
}

fn cross_section(site: &Site) -> Section {
    let statuts: Vec<Facet> = facets::facets(site, Field::Statut);
    let series: Vec<Series> = statuts
        .iter()
        .map(|f| Series {
            label: f.label.clone(),
            paint: if f.is_non_renseigne() {
                Paint::Outline(MISSING)
            } else {
                statut_paint(&f.key)
            },
        })
        .collect();
    let rows: Vec<TableRow> = site
        .domains
        .iter()
        .enumerate()
        .map(|(index, d)| {
            let mut values: Vec<usize> = statuts
                .iter()
                .map(|s| {
                    s.fiches
                        .iter()
                        .filter(|&&i| site.fiches[i].domain == index)
                        .count()
                })
                .collect();
            values.push(d.fiches.len());
            TableRow {
                label: d.titre.clone(),
                url: Some(view::domain_url(&d.slug)),
                values,
            }
        })
        .collect();
    let mut totals: Vec<usize> = statuts.iter().map(|s| s.fiches.len()).collect();
    totals.push(site.fiches.len());
    let titre = "Statut des synergies dans chaque domaine";
    let chart = BarChart {
        id: "domaines-statuts-graphique".to_owned(),
        title: titre.to_owned(),
        description: "Une barre par domaine, longue comme son nombre de synergies et découpée \
                      par statut, dans l'ordre de la légende\u{202f}; chaque part porte son nombre \
                      quand la place le permet. Les chiffres sont dans le tableau qui suit."
            .to_owned(),
        series,
        rows: rows
            .iter()
            .map(|r| Row {
                label: r.label.clone(),
                values: r.values[..statuts.len()]
                    .iter()
                    .map(|&v| v as u64)
                    .collect(),
            })
            .collect(),
    };
    let mut headers = vec!["Domaine".to_owned()];
    headers.extend(statuts.iter().map(|s| s.label.clone()));
    headers.push("Total".to_owned());
    Section {
        id: "domaines-statuts".to_owned(),
        titre: titre.to_owned(),
        note: None,
        svg: chart.to_svg(),
        caption: "Synergies par domaine et par statut".to_owned(),
        headers,
        rows,
        totals: Some(totals),
    }
}

/// The paint of a statut's bars, as the cross-table's chart paints them.
fn statut_paint(key: &str) -> Paint {
    if key == view::NON_RENSEIGNE_KEY {
        Paint::Outline(MISSING)
    } else {
        Paint::Solid(
            STATUT_COLOURS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(OTHER, |(_, colour)| colour),
        )
    }
}

/// The statuts counted in each archived year before the report's, then in the register now;
/// `None` without such an archive.
fn years_section(site: &Site) -> Option<Section> {
    let period = archive::period(&site.config, &site.fiches);
    let earlier = archive::earlier(site, &period);
    if earlier.is_empty() {
        return None;
    }
    // Columns: the statuts of the vocabulary, those only an archive knows, then "Non renseigné".
    let mut columns: Vec<(String, String)> = site
        .config
        .vocab
        .get(Field::Statut)
        .terms
        .iter()
        .map(|t| (t.key.clone(), t.label.clone()))
        .collect();
    for a in earlier {
        for t in a.synergies.iter().filter_map(|f| f.statut.as_ref()) {
            if !columns.iter().any(|(key, _)| *key == t.cle) {
                columns.push((t.cle.clone(), t.libelle.clone()));
            }
        }
    }
    columns.push((
        view::NON_RENSEIGNE_KEY.to_owned(),
        view::NON_RENSEIGNE.to_owned(),
    ));
    let count = |keys: &mut dyn Iterator<Item = Option<&str>>| -> Vec<usize> {
        let mut values = vec![0; columns.len() + 1];
        for key in keys {
            let key = key.unwrap_or(view::NON_RENSEIGNE_KEY);
            if let Some(c) = columns.iter().position(|(k, _)| k == key) {
                values[c] += 1;
            }
            values[columns.len()] += 1;
        }
        values
    };
    let mut rows: Vec<TableRow> = earlier
        .iter()
        .map(|a| TableRow {
            label: a.annee.to_string(),
            url: None,
            values: count(
                &mut a
                    .synergies
                    .iter()
                    .map(|f| f.statut.as_ref().map(|t| t.cle.as_str())),
            ),
        })
        .collect();
    let terms = &site.config.vocab.get(Field::Statut).terms;
    rows.push(TableRow {
        label: period
            .annee
            .map_or_else(|| "Aujourd'hui".to_owned(), |y| y.to_string()),
        url: None,
        values: count(
            &mut site
                .fiches
                .iter()
                .map(|f| f.values.term(Key::Statut).map(|i| terms[i].key.as_str())),
        ),
    });
    let titre = "Statut des synergies, année après année";
    let chart = BarChart {
        id: "annees-statuts-graphique".to_owned(),
        title: titre.to_owned(),
        description: "Une barre par année, longue comme le nombre de synergies du registre \
                      cette année-là et découpée par statut, dans l'ordre de la légende. Les \
                      chiffres sont dans le tableau qui suit."
            .to_owned(),
        series: columns
            .iter()
            .map(|(key, label)| Series {
                label: label.clone(),
                paint: statut_paint(key),
            })
            .collect(),
        rows: rows
            .iter()
            .map(|r| Row {
                label: r.label.clone(),
                values: r.values[..columns.len()]
                    .iter()
                    .map(|&v| v as u64)
                    .collect(),
            })
            .collect(),
    };
    let mut headers = vec!["Année".to_owned()];
    headers.extend(columns.iter().map(|(_, label)| label.clone()));
    headers.push("Total".to_owned());
    Some(Section {
        id: "annees-statuts".to_owned(),
        titre: titre.to_owned(),
        note: Some(
            "Chaque année passée est comptée dans le registre tel qu'il était pour le rapport \
             annuel de cette année-là."
                .to_owned(),
        ),
        svg: chart.to_svg(),
        caption: "Synergies par année et par statut".to_owned(),
        headers,
        rows,
        totals: None,
    })
}

/// Every section of the page, in order.
pub fn sections(site: &Site) -> Vec<Section> {
    let mut out = vec![domains_section(site)];
    out.extend(Field::ALL.into_iter().map(|f| field_section(site, f)));
    out.push(cross_section(site));
    out.extend(years_section(site));
    out
}

pub fn pages(shared: &Shared) -> Vec<Result<OutputFile, Diagnostic>> {
    let mut context = Context::new();
    context.insert("sections", &sections(shared.site));
    context.insert("total", &shared.site.fiches.len());
    context.insert("breadcrumbs", &breadcrumbs(&[], "Statistiques"));
    vec![shared.renderer.page("statistiques.html", PATH, context)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::Value;
    use crate::render::pages::facets::tests::site as fixture;

    fn figures(section: &Section) -> Vec<(String, Vec<usize>)> {
        section
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.values.clone()))
            .collect()
    }

    #[test]
    fn sections_cover_domains_each_field_and_the_cross_table() {
        let ids: Vec<String> = sections(&fixture()).into_iter().map(|s| s.id).collect();
        assert_eq!(
            ids,
            [
                "domaines",
                "objectifs",
                "modes",
                "pilote",
                "responsable",
                "statut",
                "domaines-statuts"
            ]
        );
    }

    #[test]
    fn counts_match_the_fiches() {
        let site = fixture();
        let all = sections(&site);
        assert_eq!(
            figures(&all[0]),
            [
                ("GRH".to_owned(), vec![2]),
                ("SOCIAL".to_owned(), vec![1]),
                ("VIDE".to_owned(), vec![0])
            ]
        );
        let modes = &all[2];
        assert_eq!(
            figures(modes),
            [
                ("Coopératif".to_owned(), vec![1]),
                ("Délégatif".to_owned(), vec![2]),
                ("Non renseigné".to_owned(), vec![1])
            ]
        );
        assert!(modes.note.is_some(), "list field explains multiple values");
        assert!(all[3].note.is_none());
        assert_eq!(
            modes.rows[2].url.as_deref(),
            Some("facettes/modes/non-renseigne.html")
        );
    }

    #[test]
    fn the_cross_table_adds_up() {
        let site = fixture();
        let cross = sections(&site).pop().unwrap();
        assert_eq!(
            cross.headers,
            [
                "Domaine",
                "Effectif",
                "En cours",
                "À développer",
                "Sans objet",
                "Non renseigné",
                "Total"
            ]
        );
        // grh: a effectif, b none; social: c none; vide: nothing.
        assert_eq!(
            figures(&cross),
            [
                ("GRH".to_owned(), vec![1, 0, 0, 0, 1, 2]),
                ("SOCIAL".to_owned(), vec![0, 0, 0, 0, 1, 1]),
                ("VIDE".to_owned(), vec![0, 0, 0, 0, 0, 0])
            ]
        );
        assert_eq!(cross.totals, Some(vec![1, 0, 0, 0, 2, 3]));
        for row in &cross.rows {
            let (total, parts) = row.values.split_last().unwrap();
            assert_eq!(parts.iter().sum::<usize>(), *total, "{}", row.label);
        }
        // The chart: a legend entry per statut, the outline for "Non renseigné".
        assert!(cross.svg.contains(">Non renseigné</text>"));
        assert!(
            cross
                .svg
                .contains("stroke=\"#4a4a4a\" stroke-width=\"1.5\"")
        );
    }

    #[test]
    fn descriptions_name_the_largest_bar() {
        let site = fixture();
        let all = sections(&site);
        assert!(
            all[0]
                .svg
                .contains("La plus longue\u{202f}: GRH (2\u{a0}synergies).")
        );
        let empty = Site {
            fiches: Vec::new(),
            domains: Vec::new(),
            ..site
        };
        assert!(
            sections(&empty)[0]
                .svg
                .contains("Aucune barre\u{202f}: aucune synergie.")
        );
        // Modes: délégatif (2) is the longest alone; statut: "Non renseigné" (2) beats effectif (1).
        assert!(
            all[2]
                .svg
                .contains("La plus longue\u{202f}: Délégatif (2\u{a0}synergies).")
        );
        assert!(
            all[5]
                .svg
                .contains("La plus longue\u{202f}: Non renseigné (2\u{a0}synergies).")
        );
        // Coopératif and délégatif both at 2: both are named.
        let mut tied = fixture();
        tied.fiches[2]
            .values
            .set(Key::Modes, Some(Value::Terms([1].into())));
        tied.fiches[1]
            .values
            .set(Key::Modes, Some(Value::Terms([0].into())));
        assert!(sections(&tied)[2].svg.contains(
            "Les plus longues\u{202f}: Coopératif et Délégatif (2\u{a0}synergies chacune)."
        ));
    }
}
