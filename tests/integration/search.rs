//! The instant search of the index page, as built: the data file
//! `assets/recherche-donnees.js` (read back with serde_json) and the markup `recherche.js`
//! works on, on the small complete root `tests/fixtures/site`. The behaviour in a browser is
//! checked by `tests/browser/search.mjs` (`tests/browser_site.rs`).
//!
//! The fixture's three fiches, by hand (`synergies.toml` makes "Administration communale" mean
//! Ville and renames `a-developper` "À développer (prioritaire)"):
//!
//! | fiche | objectifs | modes | pilote | responsable | statut |
//! |---|---|---|---|---|---|
//! | grh/formations-bureautiques | moyens | delegatif | ville | dg-ville | effectif |
//! | grh/plan-de-formation | moyens, performance | cooperatif | les-deux | les-deux | en-cours |
//! | social/permanences | — | — | — | — | a-developper |

use std::collections::BTreeSet;
use std::fs;

use serde_json::Value;

use crate::support::{Root, links};

const DATA: &str = "assets/recherche-donnees.js";
const PREFIX: &str = "window.SYNERGIES_RECHERCHE = ";
const IDS: [&str; 3] = [
    "grh/formations-bureautiques",
    "grh/plan-de-formation",
    "social/permanences",
];
/// The filter selects, by `name`, with their label and id.
const SELECTS: [(&str, &str); 6] = [
    ("domaine", "Domaine"),
    ("objectifs", "Objectif"),
    ("modes", "Mode opératoire"),
    ("pilote", "Administration pilote"),
    ("responsable", "Responsable administratif"),
    ("statut", "Statut"),
];

fn read(root: &Root, path: &str) -> String {
    fs::read_to_string(root.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The data file's object: the one line assigning it, without the prefix and the `;`.
fn data(root: &Root) -> Value {
    let script = read(root, DATA);
    let assignments: Vec<&str> = script
        .lines()
        .filter_map(|line| line.strip_prefix(PREFIX))
        .collect();
    assert_eq!(assignments.len(), 1, "one assignment expected:\n{script}");
    let json = assignments[0]
        .strip_suffix(';')
        .expect("the assignment ends with ;");
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}):\n{json}"))
}

fn fiches(data: &Value) -> &[Value] {
    data["fiches"].as_array().expect("fiches is an array")
}

/// A filter's keys, sorted (the order of several values does not matter to the search).
fn keys(fiche: &Value, filter: &str) -> Vec<String> {
    let mut keys: Vec<String> = fiche["filtres"][filter]
        .as_array()
        .unwrap_or_else(|| panic!("{}: filtres.{filter} is not a list", fiche["id"]))
        .iter()
        .map(|k| k.as_str().expect("a key is a string").to_owned())
        .collect();
    keys.sort();
    keys
}

fn texte(fiche: &Value) -> &str {
    fiche["texte"].as_str().expect("texte is a string")
}

#[test]
fn the_search_data_has_every_fiche_with_its_filter_keys_and_normalised_text() {
    let root = Root::fixture("site");
    root.build().success();
    let data = data(&root);
    assert_eq!(data["version"], 2);
    let fiches = fiches(&data);
    let ids: Vec<&str> = fiches
        .iter()
        .map(|f| f["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, IDS, "every fiche, in the table's order");
    // Each fiche carries its row of the index's table, the very row the page holds.
    let index = std::fs::read_to_string(root.public().join("index.html")).expect("index");
    for fiche in fiches {
        let row = fiche["ligne"].as_str().expect("ligne");
        assert!(
            row.trim_start().starts_with(&format!(
                "<tr data-id=\"{}\">",
                fiche["id"].as_str().expect("id")
            )),
            "{row}"
        );
        assert!(index.contains(row.trim()), "{row}");
    }

    let expected: [[&[&str]; 7]; 3] = [
        [
            &["grh"],
            &["moyens"],
            &["delegatif"],
            &["ville"],
            &["dg-ville"],
            &["effectif"],
            &[],
        ],
        [
            &["grh"],
            &["moyens", "performance"],
            &["cooperatif"],
            &["les-deux"],
            &["les-deux"],
            &["en-cours"],
            &[],
        ],
        [&["social"], &[], &[], &[], &[], &["a-developper"], &[]],
    ];
    for (fiche, expected) in fiches.iter().zip(expected) {
        let filters: BTreeSet<&str> = fiche["filtres"]
            .as_object()
            .expect("filtres is an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            filters,
            SELECTS.iter().map(|(name, _)| *name).collect(),
            "{}: one list per filter select",
            fiche["id"]
        );
        for ((name, _), want) in SELECTS.iter().zip(expected) {
            assert_eq!(keys(fiche, name), want, "{}: filtres.{name}", fiche["id"]);
        }
    }

    // Title, domain, value labels (with the site's renaming), notes, economies, body text.
    assert_eq!(
        texte(&fiches[0]),
        "formations bureautiques ressources humaines moyens delegatif ville dg ville effectif 100"
    );
    assert_eq!(
        texte(&fiches[2]),
        "permanences decentralisees action sociale a developper prioritaire"
    );
    let plan = texte(&fiches[1]);
    for part in [
        "plan de formation annuel",
        "ressources humaines",
        "performance administrative",
        "former mieux a moindre cout",
        "les deux services rh collaborent a la methode",
        "via les directions rh",
        "en cours",
        "un seul marche de formation",
        "realisation le plan 2026 est commun volet ville volet cpas",
    ] {
        assert!(plan.contains(part), "{part:?} missing from {plan:?}");
    }
    for absent in ["alert", "script", "strong", "h3", "non renseigne"] {
        assert!(
            !plan.contains(absent),
            "{absent:?} should not be searchable: {plan:?}"
        );
    }
    for fiche in fiches {
        let text = texte(fiche);
        assert!(
            text.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ')
                && !text.starts_with(' ')
                && !text.ends_with(' ')
                && !text.contains("  "),
            "not normalised: {text:?}"
        );
    }
}

#[test]
fn the_search_text_ignores_case_accents_ligatures_and_punctuation() {
    let root = Root::new()
        .file(
            "content/egalite/coeur.md",
            "+++\ntitre = \"CŒUR de l'Égalité\"\nmodes = [\"délégatif\"]\nmodes_note = \"Straße — « 100 % »\"\n+++\n\
             Un *texte* en **GRAS**, un [lien](https://exemple.be/cache) et `du code`.\n\n\
             | a | b |\n|---|---|\n| X&Y | Z |\n",
        )
        .file(
            "content/egalite/_index.md",
            "+++\ntitre = \"Égalité des chances\"\n+++\n",
        );
    root.build().success();
    let data = data(&root);
    let fiches = fiches(&data);
    assert_eq!(fiches.len(), 1);
    assert_eq!(
        texte(&fiches[0]),
        "coeur de l egalite egalite des chances delegatif strasse 100 \
         un texte en gras un lien et du code a b x y z"
    );
    assert_eq!(keys(&fiches[0], "modes"), ["delegatif"]);
    assert_eq!(keys(&fiches[0], "statut"), Vec::<String>::new());
}

#[test]
fn the_index_has_the_hidden_labelled_search_form_and_loads_both_scripts() {
    let root = Root::fixture("site");
    root.build().success();
    let index = read(&root, "index.html");

    // Both scripts, relative, deferred, data first; nothing inline (the CSP forbids it).
    let data_tag = "<script src=\"assets/recherche-donnees.js\" defer></script>";
    let script_tag = "<script src=\"assets/recherche.js\" defer></script>";
    let (data_at, script_at) = (index.find(data_tag), index.find(script_tag));
    assert!(
        data_at.is_some() && script_at.is_some(),
        "script tags missing:\n{index}"
    );
    assert!(data_at < script_at, "the data must load before the script");
    assert_eq!(index.matches("<script").count(), 2, "an inline script?");
    for src in links(&index).iter().filter(|l| l.ends_with(".js")) {
        assert!(
            root.public().join(src).is_file(),
            "{src} is not in the output"
        );
    }
    assert!(read(&root, "assets/recherche.js").contains("window.SYNERGIES_RECHERCHE"));
    assert!(!index.contains(" style=") && !index.contains(" onclick="));

    // The form: hidden until the script runs, a search landmark with a name.
    let form_start = index.find("<form").expect("a form");
    let form = &index[form_start..index.find("</form>").expect("form closed")];
    let form_tag = &form[..form.find('>').expect("tag end")];
    for attribute in [
        "role=\"search\"",
        "aria-labelledby=\"recherche-titre\"",
        " hidden",
    ] {
        assert!(form_tag.contains(attribute), "{attribute} in {form_tag}");
    }
    assert!(form.contains("<h3 id=\"recherche-titre\">Rechercher et filtrer</h3>"));
    assert!(form.contains("<label for=\"recherche-q\">Rechercher</label>"));
    assert!(form.contains("<input type=\"search\" id=\"recherche-q\" name=\"q\""));
    assert!(form.contains(
        "<button type=\"button\" class=\"recherche-effacer\" id=\"recherche-effacer\">Effacer les filtres</button>"
    ));
    assert!(form.contains(
        "id=\"recherche-resultat\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\">3 synergies sur 3</p>"
    ));

    // Each select: labelled, "Tous" then every value; "Non renseigné" when a fiche lacks one.
    let select = |name: &str| -> &str {
        let start = form
            .find(&format!("<select id=\"filtre-{name}\" name=\"{name}\">"))
            .unwrap_or_else(|| panic!("no select {name}"));
        &form[start..start + form[start..].find("</select>").expect("closed")]
    };
    let options = |name: &str| links_of(select(name), "value=\"");
    for (name, label) in SELECTS {
        assert!(
            form.contains(&format!("<label for=\"filtre-{name}\">{label}</label>")),
            "label of {name}"
        );
        assert!(
            select(name).contains("<option value=\"\">Tous</option>"),
            "Tous in {name}"
        );
    }
    assert_eq!(options("domaine"), ["", "grh", "social", "vide"]);
    assert_eq!(
        options("objectifs"),
        ["", "citoyen", "performance", "moyens", "non-renseigne"]
    );
    assert_eq!(
        options("pilote"),
        ["", "ville", "cpas", "les-deux", "non-renseigne"]
    );
    assert_eq!(
        options("statut"),
        ["", "effectif", "en-cours", "a-developper", "sans-objet"],
        "every fiche has a statut: no Non renseigné"
    );
    assert!(form.contains("<option value=\"a-developper\">À développer (prioritaire)</option>"));

    // The rows the script toggles, keyed like the data, after the form.
    let rows = links_of(&index, "<tr data-id=\"");
    assert_eq!(rows, IDS);
    assert!(index.find("<tr data-id=").expect("rows") > form_start);

    // Other pages do not load the search.
    let domain = read(&root, "domaines/grh/index.html");
    assert!(!domain.contains("recherche.js"), "search on a domain page");
}

/// Every value following `prefix` up to the next `"`.
fn links_of(html: &str, prefix: &str) -> Vec<String> {
    html.split(prefix)
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("closing quote")].to_owned())
        .collect()
}
