//! Facet pages, the statistics page and the accessibility statement, on the small complete root
//! `tests/fixtures/site`. Its three fiches, by hand:
//!
//! | fiche | objectifs | modes | pilote | responsable | statut |
//! |---|---|---|---|---|---|
//! | grh/formations-bureautiques | moyens | delegatif | ville | dg-ville | effectif |
//! | grh/plan-de-formation | moyens, performance | cooperatif | les-deux | les-deux | en-cours |
//! | social/permanences | — | — | — | — | a-developper |
//!
//! The domain `vide` has no fiche.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use crate::support::{Root, links, repo_root, snapshot_dir};

const FORMATIONS: &str = "domaines/grh/formations-bureautiques.html";
const PLAN: &str = "domaines/grh/plan-de-formation.html";
const PERMANENCES: &str = "domaines/social/permanences.html";

/// Every facet page of the fixture with the fiches it must list, in display order.
fn expected_facets() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("objectifs/citoyen", vec![]),
        ("objectifs/performance", vec![PLAN]),
        ("objectifs/moyens", vec![FORMATIONS, PLAN]),
        ("objectifs/non-renseigne", vec![PERMANENCES]),
        ("modes/cooperatif", vec![PLAN]),
        ("modes/delegatif", vec![FORMATIONS]),
        ("modes/non-renseigne", vec![PERMANENCES]),
        ("pilote/ville", vec![FORMATIONS]),
        ("pilote/cpas", vec![]),
        ("pilote/les-deux", vec![PLAN]),
        ("pilote/non-renseigne", vec![PERMANENCES]),
        ("responsable/dg-ville", vec![FORMATIONS]),
        ("responsable/dg-cpas", vec![]),
        ("responsable/les-deux", vec![PLAN]),
        ("responsable/non-renseigne", vec![PERMANENCES]),
        ("statut/effectif", vec![FORMATIONS]),
        ("statut/en-cours", vec![PLAN]),
        ("statut/a-developper", vec![PERMANENCES]),
        ("statut/sans-objet", vec![]),
        ("statut/non-renseigne", vec![]),
    ]
}

fn built() -> Root {
    let root = Root::fixture("site");
    root.build().success();
    root
}

fn page(root: &Root, path: &str) -> String {
    fs::read_to_string(root.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `<main>` element of a page: what the page itself says, without the site's chrome.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

/// `a/b/../c` → `a/c`, as a browser resolves a relative link; the fragment is dropped.
fn resolve(page: &str, link: &str) -> String {
    crate::support::resolve_link(page, link)
}

/// The fiche pages a piece of HTML links to, resolved from `page`, in order.
fn fiche_links(page: &str, html: &str) -> Vec<String> {
    links(html)
        .iter()
        .map(|l| resolve(page, l))
        .filter(|p| p.starts_with("domaines/") && !p.ends_with("/index.html"))
        .collect()
}

/// Text without tags, whitespace folded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows of the table with this id: the row header's text and the numbers of its cells.
fn table_rows(html: &str, id: &str) -> Vec<(String, Vec<usize>)> {
    let start = html
        .find(&format!("<table class=\"tableau-chiffres\" id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no table {id}"));
    let table = &html[start..start + html[start..].find("</table>").expect("</table>")];
    let body =
        &table[table.find("<tbody>").expect("<tbody>")..table.find("</tbody>").expect("</tbody>")];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let header = &row[row.find("<th scope=\"row\">").expect("row header")..];
            let label = text(&header[..header.find("</th>").expect("</th>")]);
            let values = row
                .split("<td>")
                .skip(1)
                .map(|cell| {
                    let cell = &cell[..cell.find("</td>").expect("</td>")];
                    cell.parse::<usize>()
                        .unwrap_or_else(|_| panic!("{id}: {cell:?} is not a number"))
                })
                .collect();
            (label, values)
        })
        .collect()
}

/// The numbers written right of the bars of the chart with this id, in order.
fn chart_values(html: &str, id: &str) -> Vec<usize> {
    let start = html
        .find(&format!("aria-labelledby=\"{id}-titre\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let svg = &html[start..start + html[start..].find("</svg>").expect("</svg>")];
    svg.split("<text class=\"valeur\"")
        .skip(1)
        .map(|rest| {
            let value = &rest[rest.find('>').expect(">") + 1..rest.find("</text>").expect("<")];
            value.parse().expect("a number")
        })
        .collect()
}

#[test]
fn every_value_has_a_facet_page_with_its_fiches() {
    let root = built();
    let files = snapshot_dir(&root.public());
    let made: BTreeSet<&str> = files
        .keys()
        .filter(|p| p.starts_with("facettes/") && *p != "facettes/index.html")
        .map(String::as_str)
        .collect();
    let expected = expected_facets();
    let wanted: BTreeSet<String> = expected
        .iter()
        .map(|(facet, _)| format!("facettes/{facet}.html"))
        .collect();
    assert_eq!(
        made,
        wanted.iter().map(String::as_str).collect(),
        "one page per value plus non-renseigne, nothing else"
    );
    for (facet, fiches) in expected {
        let path = format!("facettes/{facet}.html");
        let html = page(&root, &path);
        let main = main_of(&html);
        let listed = fiche_links(&path, main);
        assert_eq!(listed, fiches, "{path}");
        let marker = "data-test=\"facet-count\">";
        let count = &main[main.find(marker).expect("count") + marker.len()..];
        let count = text(&count[..count.find("</p>").expect("</p>")]);
        let expected_count = match fiches.len() {
            0 => "Aucune synergie".to_owned(),
            1 => "1 synergie".to_owned(),
            n => format!("{n} synergies"),
        };
        assert!(
            count.starts_with(&expected_count),
            "{path}: {count:?}, expected {expected_count:?}"
        );
    }
}

#[test]
fn facet_pages_say_what_they_list_and_where_they_are() {
    let root = built();
    let path = "facettes/objectifs/moyens.html";
    let html = page(&root, path);
    let main = main_of(&html);
    assert!(main.contains("<h1>Objectif\u{202f}: Moyens</h1>"), "{main}");
    assert!(html.contains("<title>Objectif\u{202f}: Moyens — Registre de test</title>"));
    // One domain heading, with its count, then its fiches in display order.
    assert_eq!(main.matches("<h2 id=\"domaine-").count(), 1);
    assert!(main.contains(
        "<h2 id=\"domaine-grh\"><a href=\"../../domaines/grh/index.html\">Ressources humaines</a> <span class=\"compte\">(2\u{a0}synergies)</span></h2>"
    ));
    // Breadcrumbs: Accueil › Parcourir par critère › Objectif › Moyens, every link to a file.
    let trail = &html[html.find("class=\"fil-ariane\"").unwrap()..];
    let trail = &trail[trail.find("<ol>").unwrap()..trail.find("</ol>").unwrap()];
    assert_eq!(
        links(trail),
        [
            "../../index.html",
            "../../facettes/index.html",
            "../../facettes/index.html#objectifs"
        ]
    );
    assert_eq!(text(trail), "Accueil Parcourir par critère Objectif Moyens");
    assert!(trail.contains("<li aria-current=\"page\">Moyens</li>"));
    // The anchor of the field exists on the overview.
    assert!(page(&root, "facettes/index.html").contains("<h2 id=\"objectifs\">Objectif</h2>"));
    // The site menu marks the section, and the page among the field's values.
    assert!(html.contains(
        "<a href=\"../../facettes/index.html\" aria-current=\"true\">Parcourir par critère</a>"
    ));
    assert!(main.contains(
        "<a href=\"../../facettes/objectifs/moyens.html\" aria-current=\"page\">Moyens</a>"
    ));

    // An empty "Non renseigné" page says so; a relabelled value shows its label.
    let statut = main_of(&page(&root, "facettes/statut/non-renseigne.html")).to_owned();
    assert!(
        statut.contains(
            "Aucune synergie\u{202f}: toutes ont une valeur pour «\u{202f}Statut\u{202f}»."
        )
    );
    let relabelled = page(&root, "facettes/statut/a-developper.html");
    assert!(relabelled.contains("<h1>Statut\u{202f}: À développer (prioritaire)</h1>"));
}

#[test]
fn non_renseigne_pages_list_exactly_the_fiches_lacking_the_value() {
    let root = built();
    for field in ["objectifs", "modes", "pilote", "responsable"] {
        let path = format!("facettes/{field}/non-renseigne.html");
        let html = page(&root, &path);
        assert_eq!(fiche_links(&path, main_of(&html)), [PERMANENCES], "{path}");
        assert!(
            html.contains("1\u{a0}synergie sans valeur pour «\u{202f}"),
            "{path}"
        );
    }
    let path = "facettes/statut/non-renseigne.html";
    assert!(fiche_links(path, main_of(&page(&root, path))).is_empty());

    // And the other way round: the fiches whose page says "Non renseigné" for a field are the
    // ones its non-renseigne page lists.
    let files = snapshot_dir(&root.public());
    for field in ["objectifs", "modes", "pilote", "responsable", "statut"] {
        let target = format!("facettes/{field}/non-renseigne.html");
        let pointing: Vec<String> = files
            .iter()
            .filter(|(p, _)| p.starts_with("domaines/") && !p.ends_with("/index.html"))
            .filter(|(p, bytes)| {
                let html = String::from_utf8_lossy(bytes);
                links(main_of(&html))
                    .iter()
                    .any(|l| resolve(p, l) == target)
            })
            .map(|(p, _)| p.clone())
            .collect();
        let listed = fiche_links(&target, main_of(&page(&root, &target)));
        assert_eq!(pointing, listed, "{target}");
    }
}

#[test]
fn fiche_pages_link_each_value_to_its_facet_page() {
    let root = built();
    let files = snapshot_dir(&root.public());
    let facet_links = |path: &str| -> Vec<String> {
        let html = page(&root, path);
        let dl = &html[html.find("<dl class=\"champs\">").unwrap()..];
        let dl = &dl[..dl.find("</dl>").unwrap()];
        links(dl)
            .iter()
            .map(|l| {
                let resolved = resolve(path, l);
                assert!(!l.starts_with('/') && !l.ends_with('/'), "{path}: {l}");
                assert!(
                    files.contains_key(&resolved),
                    "{path}: {l} → {resolved} missing"
                );
                resolved
            })
            .collect()
    };
    assert_eq!(
        facet_links(FORMATIONS),
        [
            "facettes/objectifs/moyens.html",
            "facettes/modes/delegatif.html",
            "facettes/pilote/ville.html",
            "facettes/responsable/dg-ville.html",
            "facettes/statut/effectif.html",
        ]
    );
    assert_eq!(
        facet_links(PERMANENCES),
        [
            "facettes/objectifs/non-renseigne.html",
            "facettes/modes/non-renseigne.html",
            "facettes/pilote/non-renseigne.html",
            "facettes/responsable/non-renseigne.html",
            "facettes/statut/a-developper.html",
        ]
    );
    let plan = facet_links(PLAN);
    for expected in [
        "facettes/objectifs/moyens.html",
        "facettes/objectifs/performance.html",
        "facettes/modes/cooperatif.html",
        "facettes/statut/en-cours.html",
    ] {
        assert!(plan.iter().any(|l| l == expected), "{expected} in {plan:?}");
    }
    assert!(page(&root, PLAN).contains(
        "<a href=\"../../facettes/statut/en-cours.html\"><span class=\"statut statut-en-cours\">En cours</span></a>"
    ));

    // Every fiche page's facet links agree with what the facet pages list.
    let mut listed_by_pages: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for fiche in [FORMATIONS, PLAN, PERMANENCES] {
        for facet in facet_links(fiche) {
            listed_by_pages
                .entry(facet)
                .or_default()
                .push(fiche.to_owned());
        }
    }
    for (facet, fiches) in expected_facets() {
        let path = format!("facettes/{facet}.html");
        let mut from_fiches = listed_by_pages.remove(&path).unwrap_or_default();
        from_fiches.sort();
        let mut listed: Vec<String> = fiches.iter().map(|f| (*f).to_owned()).collect();
        listed.sort();
        assert_eq!(from_fiches, listed, "{path}");
    }
}

#[test]
fn the_overview_lists_every_field_and_value_with_counts() {
    let root = built();
    let html = page(&root, "facettes/index.html");
    let main = main_of(&html);
    assert!(html.contains(
        "<a href=\"../facettes/index.html\" aria-current=\"page\">Parcourir par critère</a>"
    ));
    for (facet, fiches) in expected_facets() {
        let link = format!("<a href=\"../facettes/{facet}.html\">");
        let at = main
            .find(&link)
            .unwrap_or_else(|| panic!("no link to {facet}"));
        let item = &main[at..at + main[at..].find("</li>").unwrap()];
        let count = match fiches.len() {
            0 => "(aucune synergie)".to_owned(),
            1 => "(1\u{a0}synergie)".to_owned(),
            n => format!("({n}\u{a0}synergies)"),
        };
        assert!(item.contains(&count), "{facet}: {item}");
    }
    for heading in [
        "<h2 id=\"objectifs\">Objectif</h2>",
        "<h2 id=\"modes\">Mode opératoire</h2>",
        "<h2 id=\"pilote\">Administration pilote</h2>",
        "<h2 id=\"responsable\">Responsable administratif</h2>",
        "<h2 id=\"statut\">Statut</h2>",
    ] {
        assert!(main.contains(heading), "{heading}");
    }
}

#[test]
fn statistics_tables_and_charts_give_the_counts_of_the_content() {
    let root = built();
    let html = page(&root, "statistiques/index.html");
    assert!(
        html.contains(
            "<a href=\"../statistiques/index.html\" aria-current=\"page\">Statistiques</a>"
        )
    );
    let rows = |id: &str| table_rows(&html, &format!("{id}-tableau"));
    let owned = |rows: &[(&str, Vec<usize>)]| -> Vec<(String, Vec<usize>)> {
        rows.iter()
            .map(|(l, v)| ((*l).to_owned(), v.clone()))
            .collect()
    };
    assert_eq!(
        rows("domaines"),
        owned(&[
            ("Ressources humaines", vec![2]),
            ("Action sociale", vec![1]),
            ("Domaine sans fiche", vec![0]),
        ])
    );
    assert_eq!(
        rows("objectifs"),
        owned(&[
            ("Satisfaction du citoyen", vec![0]),
            ("Performance administrative", vec![1]),
            ("Moyens", vec![2]),
            ("Non renseigné", vec![1]),
        ])
    );
    assert_eq!(
        rows("statut"),
        owned(&[
            ("Effectif", vec![1]),
            ("En cours", vec![1]),
            ("À développer (prioritaire)", vec![1]),
            ("Sans objet", vec![0]),
            ("Non renseigné", vec![0]),
        ])
    );
    // Domain × statut: effectif, en cours, à développer, sans objet, non renseigné, total.
    assert_eq!(
        rows("domaines-statuts"),
        owned(&[
            ("Ressources humaines", vec![1, 1, 0, 0, 0, 2]),
            ("Action sociale", vec![0, 0, 1, 0, 0, 1]),
            ("Domaine sans fiche", vec![0, 0, 0, 0, 0, 0]),
        ])
    );
    assert!(html.contains(
        "<tr><th scope=\"row\">Total</th><td>1</td><td>1</td><td>1</td><td>0</td><td>0</td><td>3</td></tr>"
    ));

    // Every field's table equals the facet pages' lists, value by value.
    let expected = expected_facets();
    for field in ["objectifs", "modes", "pilote", "responsable", "statut"] {
        let counts: Vec<usize> = expected
            .iter()
            .filter(|(facet, _)| facet.starts_with(&format!("{field}/")))
            .map(|(_, fiches)| fiches.len())
            .collect();
        let table: Vec<usize> = rows(field).into_iter().map(|(_, v)| v[0]).collect();
        assert_eq!(table, counts, "{field}");
        // The chart shows the same numbers, each as text beside its bar.
        assert_eq!(
            chart_values(&html, &format!("{field}-graphique")),
            counts,
            "{field}"
        );
    }
    assert_eq!(chart_values(&html, "domaines-graphique"), [2, 1, 0]);
    assert_eq!(chart_values(&html, "domaines-statuts-graphique"), [2, 1, 0]);

    // Each chart is an image named by its title and described, followed by its table.
    let charts = html.matches("<svg ").count();
    assert_eq!(charts, 7);
    assert_eq!(html.matches("role=\"img\"").count(), charts);
    for id in [
        "domaines",
        "objectifs",
        "modes",
        "pilote",
        "responsable",
        "statut",
        "domaines-statuts",
    ] {
        let svg_at = html
            .find(&format!(
                "aria-labelledby=\"{id}-graphique-titre\" aria-describedby=\"{id}-graphique-desc\""
            ))
            .unwrap_or_else(|| panic!("chart {id}"));
        assert!(html.contains(&format!("<title id=\"{id}-graphique-titre\">")));
        assert!(html.contains(&format!("<desc id=\"{id}-graphique-desc\">")));
        let table_at = html.find(&format!("id=\"{id}-tableau\"")).unwrap();
        assert!(svg_at < table_at, "{id}: the table follows the chart");
        assert!(html.contains(&format!("<caption id=\"{id}-tableau-titre\">")));
    }
}

#[test]
fn every_link_of_the_new_pages_is_relative_and_lands_on_a_file() {
    let root = built();
    let files = snapshot_dir(&root.public());
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| {
        p.starts_with("facettes/")
            || p.starts_with("statistiques/")
            || p.starts_with("accessibilite/")
    }) {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            if link.starts_with('#') || link.starts_with("mailto:") || link.starts_with("tel:") {
                continue;
            }
            assert!(
                !link.starts_with('/') && !link.contains("://"),
                "{path}: {link}"
            );
            assert!(
                !link.split('#').next().unwrap().ends_with('/'),
                "{path}: {link}"
            );
            let resolved = resolve(path, &link);
            assert!(files.contains_key(&resolved), "{path}: {link} → {resolved}");
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}

/// Appended to the fixture's own `synergies.toml` (which ends with a table).
const SETTINGS: &str = "[accessibilite]\n\
statut = \"Totalement conforme\"\n\
date = 2026-11-29\n\
contact_courriel = \"accessibilite@exemple.be\"\n\
contact_telephone = \"065 12 34 56\"\n\
contact_adresse = \"Hôtel de ville, Grand-Place 1, 7000 Exemple\"\n\
non_conformites = [\"Les comptes rendus antérieurs à 2020 sont des PDF non balisés.\"]\n";

#[test]
fn the_accessibility_statement_shows_the_settings() {
    let fixture = repo_root().join("tests/fixtures/site/synergies.toml");
    let settings = fs::read_to_string(fixture).expect("fixture settings");
    let root = Root::fixture("site").file("synergies.toml", &format!("{settings}\n{SETTINGS}"));
    root.build().success();
    let html = page(&root, "accessibilite/index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>Déclaration d'accessibilité</h1>"));
    assert!(
        main.contains("Ce site est <strong>totalement conforme</strong> avec la norme EN 301 549")
    );
    assert!(
        !main.contains("en raison des non-conformités"),
        "fully conformant"
    );
    assert!(
        main.contains("établie le <time datetime=\"2026-11-29\">29\u{a0}novembre\u{a0}2026</time>")
    );
    assert!(
        main.contains("<a href=\"mailto:accessibilite@exemple.be\">accessibilite@exemple.be</a>")
    );
    assert!(main.contains("<a href=\"tel:065123456\">065 12 34 56</a>"));
    assert!(main.contains("Hôtel de ville, Grand-Place 1, 7000 Exemple"));
    assert!(
        main.contains("<li>Les comptes rendus antérieurs à 2020 sont des PDF non balisés.</li>")
    );
    assert!(!main.contains("à compléter"));
    assert!(
        !main.contains("Aucun audit manuel"),
        "the defaults are replaced"
    );
    assert!(
        main.contains("Médiateur commun de la Wallonie et de la Fédération Wallonie-Bruxelles")
    );
    assert!(main.contains("décret wallon du 2 mai 2019"));
    // Linked from every page's footer, relative to the page.
    let files = snapshot_dir(&root.public());
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let footer = &html[html.find("<footer").unwrap_or_else(|| panic!("{path}"))..];
        let link = format!(
            "<a href=\"{}accessibilite/index.html\"",
            "../".repeat(path.matches('/').count())
        );
        assert!(footer.contains(&link), "{path}: {footer}");
    }
    assert!(html.contains(
        "<a href=\"../accessibilite/index.html\" aria-current=\"page\">Déclaration d'accessibilité</a>"
    ));
}

#[test]
fn the_accessibility_statement_has_defaults_without_settings() {
    let root = Root::new().file(
        "content/grh/a.md",
        "+++\ntitre = \"Une synergie\"\nstatut = \"En cours\"\n+++\nTexte.\n",
    );
    root.build().success();
    let main = main_of(&page(&root, "accessibilite/index.html")).to_owned();
    assert!(
        main.contains("Les deux administrations, la Ville de Mons et le CPAS de Mons, s'engagent")
    );
    assert!(main.contains("Ce site est <strong>partiellement conforme</strong>"));
    assert!(main.contains("en raison des non-conformités et limites énumérées ci-dessous"));
    // Date, e-mail and phone are not invented.
    assert_eq!(
        main.matches("<span class=\"non-renseigne\">à compléter</span>")
            .count(),
        3
    );
    assert!(!main.contains("mailto:") && !main.contains("tel:"));
    assert!(main.contains("<dd>Ville de Mons, Grand-Place 22, 7000 Mons</dd>"));
    assert!(main.contains("Aucun audit manuel complet n&#39;a encore été réalisé"));

    // An explicit empty list: no known non-conformity.
    let none = Root::new()
        .file("content/grh/a.md", "+++\ntitre = \"Une synergie\"\n+++\n")
        .file("synergies.toml", "[accessibilite]\nnon_conformites = []\n");
    none.build().success();
    let html = page(&none, "accessibilite/index.html");
    assert!(html.contains("Aucune non-conformité n'est connue à ce jour."));
}

#[test]
fn snapshots_of_the_new_pages() {
    let root = built();
    for (name, path) in [
        ("facet_index", "facettes/index.html"),
        ("facet_value", "facettes/objectifs/moyens.html"),
        ("facet_empty_value", "facettes/pilote/cpas.html"),
        ("facet_non_renseigne", "facettes/modes/non-renseigne.html"),
        ("facet_statistics", "statistiques/index.html"),
        ("facet_accessibility", "accessibilite/index.html"),
    ] {
        // Only `<main>`: the header and footer are shared with every page and snapshotted there.
        insta::assert_snapshot!(name, main_of(&page(&root, path)));
    }
}
