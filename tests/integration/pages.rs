//! Rendered pages: snapshots of a small complete root, Notepad files (BOM, CRLF) building exactly
//! like their LF twins, and a root theme overriding the built-in one.

use std::fs;

use crate::support::{Root, assert_same_tree, repo_root, text_between};

fn page(root: &Root, path: &str) -> String {
    fs::read_to_string(root.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn pages_of_a_complete_root() {
    let root = Root::fixture("site");
    root.build().success();
    insta::assert_snapshot!("index", page(&root, "index.html"));
    insta::assert_snapshot!("domain", page(&root, "domaines/grh/index.html"));
    insta::assert_snapshot!(
        "fiche_full",
        page(&root, "domaines/grh/plan-de-formation.html")
    );
    insta::assert_snapshot!(
        "fiche_empty",
        page(&root, "domaines/social/permanences.html")
    );
    insta::assert_snapshot!("domain_empty", page(&root, "domaines/vide/index.html"));
}

#[test]
fn the_reports_domain_tables_share_their_columns() {
    let root = Root::fixture("site");
    root.build().success();
    let report = page(&root, "rapport/index.html");
    // Each domain's table declares the same seven columns, which print.css gives the same
    // widths in every domain (table-layout: fixed); tests/report_pdf.rs checks them on paper.
    let colgroup = "<colgroup><col class=\"col-synergie\"><col class=\"col-objectif\"><col \
                    class=\"col-mode\"><col class=\"col-pilote\"><col class=\"col-responsable\">\
                    <col class=\"col-statut\"><col class=\"col-realisation\"></colgroup>";
    assert_eq!(
        report.matches("<table class=\"tableau-rapport\"").count(),
        2
    );
    assert_eq!(report.matches(colgroup).count(), 2);
    let print = page(&root, "assets/print.css");
    assert!(print.contains("table-layout: fixed"));
    for column in [
        "synergie",
        "objectif",
        "mode",
        "pilote",
        "responsable",
        "statut",
        "realisation",
    ] {
        assert!(
            print.contains(&format!(".tableau-rapport .col-{column} {{ width: ")),
            "{column}"
        );
    }
}

#[test]
fn the_reports_contents_list_its_parts_without_promising_page_numbers() {
    let root = Root::fixture("site");
    root.build().success();
    let report = page(&root, "rapport/index.html");
    // Printed, the list has no page numbers (the browser paginates when it prints): it is the
    // report's contents in the order of its pages, not a « Sommaire ».
    assert_eq!(
        text_between(&report, "<nav class=\"table-matieres\"", "</nav>"),
        "Contenu du rapport Synthèse Registre des synergies par domaine Ressources humaines \
         (2 synergies) Action sociale (1 synergie) Signatures"
    );
    assert!(report.contains(
        "<li><a href=\"#domaine-social\">Action sociale</a> <span \
         class=\"compte\">(1\u{a0}synergie)</span></li>"
    ));
    assert!(!report.contains("Sommaire"));
}

#[test]
fn a_reports_domain_is_named_once_and_its_continued_pages_say_suite() {
    let root = Root::fixture("site");
    root.build().success();
    let report = page(&root, "rapport/index.html");
    // The domain's name and count head its table once (the table of contents' anchor, the
    // table's and its region's name); the head Chromium repeats on every page the table goes on
    // holds « Ressources humaines (suite) », then the columns with their scope.
    let grh = &report[report
        .find("<h3 class=\"domaine-titre\" id=\"domaine-grh\">")
        .expect("the domain's heading")..];
    let grh = &grh[..grh.find("</thead>").unwrap()];
    assert_eq!(
        grh,
        "<h3 class=\"domaine-titre\" id=\"domaine-grh\">Ressources humaines <span \
         class=\"compte\">(2\u{a0}synergies)</span></h3>\n<div class=\"tableau-defilant \
         tableau-domaine\" role=\"region\" aria-labelledby=\"domaine-grh\" tabindex=\"0\">\n\
         <table class=\"tableau-rapport\" aria-labelledby=\"domaine-grh\">\n  <colgroup><col \
         class=\"col-synergie\"><col class=\"col-objectif\"><col class=\"col-mode\"><col \
         class=\"col-pilote\"><col class=\"col-responsable\"><col class=\"col-statut\"><col \
         class=\"col-realisation\"></colgroup>\n  <thead>\n    <tr class=\"domaine-suite\" \
         aria-hidden=\"true\"><td colspan=\"7\">Ressources humaines <span \
         class=\"compte\">(suite)</span></td></tr>\n    <tr>\n      <th \
         scope=\"col\">Synergie</th>\n      <th scope=\"col\">Objectif</th>\n      <th \
         scope=\"col\">Mode opératoire</th>\n      <th scope=\"col\">Administration \
         pilote</th>\n      <th scope=\"col\">Responsable administratif</th>\n      <th \
         scope=\"col\">Statut</th>\n      <th scope=\"col\">Réalisation</th>\n    </tr>\n  "
    );
    assert_eq!(report.matches("<h3 class=\"domaine-titre\"").count(), 2);
    // Screens never show the « (suite) » row; print shows it where the head is repeated
    // (tests/report_pdf.rs checks the paper).
    assert!(
        page(&root, "assets/site.css")
            .contains(".tableau-rapport .domaine-suite { display: none; }")
    );
    assert!(
        page(&root, "assets/print.css")
            .contains(".tableau-rapport .domaine-suite { display: table-row; }")
    );
}

#[test]
fn the_reports_summary_says_a_synergy_may_count_under_several_values() {
    let root = Root::fixture("site");
    root.build().success();
    let report = page(&root, "rapport/index.html");
    // Modes is a list: its table's lines may add up to more than the synergies, and says so
    // (as the statistics page does); the pilote and the statut take one value.
    assert_eq!(
        text_between(&report, "<section class=\"synthese\"", "</tbody>"),
        "Synthèse Synergies par mode opératoire Mode opératoire Synergies Coopératif 1 Délégatif \
         1 Non renseigné 1"
    );
    assert_eq!(
        text_between(
            &report,
            "<p class=\"precision\" id=\"synthese-modes-precision\">",
            "<div"
        ),
        "Une synergie peut avoir plusieurs valeurs pour « Mode opératoire » : elle est alors \
         comptée pour chacune, et le total des lignes peut dépasser le nombre de synergies."
    );
    assert!(report.contains(
        "<table class=\"tableau-chiffres\" aria-describedby=\"synthese-modes-precision\">"
    ));
    assert_eq!(
        report.matches("class=\"precision\" id=\"synthese-").count(),
        1
    );
    let stats = page(&root, "statistiques/index.html");
    assert!(stats.contains(
        "Une synergie peut avoir plusieurs valeurs pour «\u{202f}Mode opératoire\u{202f}»\u{202f}: \
         elle est alors comptée pour chacune, et le total des lignes peut dépasser le nombre de \
         synergies."
    ));
}

#[test]
fn the_signatures_print_the_directeurs_generaux_and_check_warns_while_one_is_missing() {
    // The fixture names both: they sign, and `check` says nothing of them.
    let root = Root::fixture("site");
    let check = root.run(&["check"]).success();
    assert!(!check.stderr.contains("signatures"), "{}", check.stderr);
    root.build().success();
    assert_eq!(
        text_between(
            &page(&root, "rapport/index.html"),
            "<div class=\"signatures-blocs\">",
            "</section>"
        ),
        "Pour la Ville d&#39;Exemple Anne Dupont, directrice générale de la Ville d&#39;Exemple \
         Date et signature : Pour le CPAS d&#39;Exemple Marc Leroy, directeur général du CPAS \
         d&#39;Exemple Date et signature :"
    );

    // One left « à compléter »: the report says so, and `check` warns at the section.
    let toml = fs::read_to_string(root.path().join("synergies.toml")).unwrap();
    let toml = toml.replace(
        "dg_cpas = \"Marc Leroy, directeur général du CPAS d'Exemple\"",
        "dg_cpas = \"à compléter\"",
    );
    let root = root.file("synergies.toml", &toml);
    let check = root.run(&["check"]).success();
    let signatures: Vec<&str> = check
        .stderr
        .split("\n\n")
        .filter(|d| d.contains("[signatures-a-completer]"))
        .collect();
    assert_eq!(
        signatures.join("\n\n") + "\n\n",
        "avertissement[signatures-a-completer] : le rapport annuel ne dit pas qui le signe : \
         dg_cpas à indiquer\n  --> synergies.toml:14:1\n   |\n14 | [rapport]\n   | ^^^^^^^^^\n   \
         = aide : le nom et le titre de chaque directeur général, sous cette ligne [rapport], par \
         exemple `dg_cpas = \"Prénom Nom, directrice générale\"` ; le rapport imprime « Nom et \
         titre : à compléter » en attendant\n\n"
    );
    root.build().success();
    assert_eq!(
        text_between(
            &page(&root, "rapport/index.html"),
            "<div class=\"signatures-blocs\">",
            "</section>"
        ),
        "Pour la Ville d&#39;Exemple Anne Dupont, directrice générale de la Ville d&#39;Exemple \
         Date et signature : Pour le CPAS d&#39;Exemple Nom et titre : à compléter Date et \
         signature :"
    );

    // The shipped Mons register leaves both to fill in (commented out in its synergies.toml):
    // its check says so, at its [rapport] line.
    let mons = fs::read_to_string(repo_root().join("synergies.toml")).unwrap();
    assert!(mons.contains("\n# dg_ville = ") && mons.contains("\n# dg_cpas = "));
    let line = mons.lines().position(|l| l == "[rapport]").unwrap() + 1;
    let check = crate::support::run({
        let mut command = std::process::Command::new(crate::support::BIN);
        command.arg("check").arg("--root").arg(repo_root());
        command
    })
    .success();
    let expected = format!(
        "avertissement[signatures-a-completer] : le rapport annuel ne dit pas qui le signe : \
         dg_ville et dg_cpas à indiquer\n  --> synergies.toml:{line}:1\n   |\n{line} | [rapport]\n   \
         | ^^^^^^^^^\n   = aide : le nom et le titre de chaque directeur général, sous cette ligne \
         [rapport], par exemple `dg_ville = \"Prénom Nom, directeur général\"` et `dg_cpas = \
         \"Prénom Nom, directrice générale\"` ; le rapport imprime « Nom et titre : à compléter » \
         en attendant\n\n"
    );
    assert!(check.stderr.contains(&expected), "{}", check.stderr);
}

#[test]
fn the_generators_own_text_keeps_french_spacing_and_the_editors_text_is_left_as_written() {
    // French typography in what the tool writes: a narrow no-break space (U+202F) before « : »
    // and « ; » and inside « … », a no-break space (U+00A0) before « % », between a count and
    // its noun and inside a date, so that none of them starts a line.
    let root = Root::fixture("site");
    root.build().success();
    let report = page(&root, "rapport/index.html");
    for expected in [
        "situation au <time datetime=\"2026-10-01\">1er\u{a0}octobre\u{a0}2026</time>",
        "<span class=\"compte\">(2\u{a0}synergies)</span>",
        " (60\u{a0}%)</td>",
        "Date et signature\u{202f}:</p>",
        "pour «\u{202f}Mode opératoire\u{202f}»\u{202f}: elle",
    ] {
        assert!(report.contains(expected), "{expected:?} missing");
    }
    let header = page(&root, "rapport/entete.css");
    assert!(header.contains("content: \"Situation au 1er\u{a0}octobre\u{a0}2026\";"));
    let fiche = page(&root, "domaines/grh/plan-de-formation.html");
    assert!(fiche.contains(" — avancement\u{202f}: 60\u{a0}%</dd>"));
    // The editors' text is theirs: « volet Ville ; » and « 100 % » stay as typed.
    assert!(fiche.contains("volet Ville ;"), "{fiche}");
    let other = page(&root, "domaines/grh/formations-bureautiques.html");
    assert!(other.contains("100 %"), "{other}");
}

#[test]
fn raw_html_in_a_body_is_sanitised() {
    let root = Root::fixture("site");
    root.build().success();
    let html = page(&root, "domaines/grh/plan-de-formation.html");
    assert!(!html.contains("alert"), "script survived");
    assert!(html.contains("<h3>Réalisation</h3>"));
}

#[test]
fn a_notepad_file_builds_exactly_like_its_lf_twin() {
    let lf = "+++\ntitre = \"Égalité des chances\"\npilote = \"Ville\"\n+++\nPremier paragraphe.\n\nSecond\u{a0}paragraphe.\n";
    let notepad = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = Root::new().file("content/social/egalite.md", lf);
    let b = Root::new().file("content/social/egalite.md", &notepad);
    a.build().success();
    b.build().success();
    assert_same_tree(&a.public(), &b.public());
}

#[test]
fn a_root_theme_overrides_the_built_in_one_file_by_file() {
    let root = Root::fixture("site")
        .file("theme/static/site.css", "body { color: black; }\n")
        .file(
            "theme/static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        );
    root.build().success();
    assert_eq!(page(&root, "assets/site.css"), "body { color: black; }\n");
    assert!(page(&root, "assets/print.css").contains("@page"));
    assert!(root.public().join("assets/logo.svg").is_file());
}

#[test]
fn a_rebuild_with_the_page_cache_renders_only_the_pages_a_change_touches() {
    use synergies::render::{PageCache, Theme, render};
    // The cache holds pages rendered by Tera: a fiche.html of the theme's own (here the built-in
    // one with a comment) turns off the Rust twins (`render::mirrored::for_theme`), which need no
    // cache.
    let fiche_html = fs::read_to_string(repo_root().join("theme/templates/fiche.html")).unwrap();
    let root = Root::fixture("site").file(
        "theme/templates/fiche.html",
        &format!("{fiche_html}{{# du thème #}}"),
    );
    let theme = Theme::load(root.path()).unwrap();
    let cache = PageCache::default();
    let site = synergies::check(root.path()).0.unwrap();
    let first = render(&site, &theme, Some(&cache)).unwrap();
    let (rendered, reused) = cache.counts();
    assert_eq!(reused, 0);
    // Pages go through the cache, not the files written row by row (index, domains, facets,
    // report): at least every fiche's page.
    assert!(rendered >= site.fiches.len(), "{rendered}");

    // Nothing changed: every templated page is reused.
    let again = render(&site, &theme, Some(&cache)).unwrap();
    assert_eq!(again, first);
    assert_eq!(cache.counts(), (0, rendered));

    // A body edit touches its own page and the pages that show bodies (index search data is
    // not templated; the report shows bodies), not the other fiches' pages.
    let path = root.path().join("content/grh/formations-bureautiques.md");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("100 %", "Tout est fait.");
    fs::write(&path, text).unwrap();
    let site = synergies::check(root.path()).0.unwrap();
    let edited = render(&site, &theme, Some(&cache)).unwrap();
    let (rendered_now, reused_now) = cache.counts();
    assert_eq!(rendered_now + reused_now, rendered);
    assert!(
        rendered_now < rendered / 2,
        "{rendered_now} of {rendered} rendered again"
    );
    // And the result is exactly what a render from scratch gives.
    assert_eq!(edited, render(&site, &theme, None).unwrap());
    let changed: Vec<&str> = edited
        .iter()
        .zip(&first)
        .filter(|(a, b)| a.bytes != b.bytes)
        .map(|(a, _)| a.path.as_str())
        .collect();
    assert!(
        changed.contains(&"domaines/grh/formations-bureautiques.html"),
        "{changed:?}"
    );
    assert!(
        !changed.contains(&"domaines/social/permanences.html"),
        "{changed:?}"
    );
}

#[test]
fn a_large_register_shows_the_first_rows_on_the_index_and_every_fiche_elsewhere() {
    let mut root = Root::new();
    for n in 0..205 {
        let domain = if n % 2 == 0 { "grh" } else { "social" };
        root = root.file(
            &format!("content/{domain}/fiche-{n:03}.md"),
            &format!("+++\ntitre = \"Fiche {n:03}\"\nordre = {n}\n+++\nTexte {n}.\n"),
        );
    }
    root.build().success();
    let public = root.public();
    let index = std::fs::read_to_string(public.join("index.html")).expect("index");
    assert_eq!(index.matches("<tr data-id=").count(), 200);
    assert!(
        index.contains("Le tableau montre les 200 premières synergies sur 205."),
        "{index}"
    );
    // The first rows of the register: the whole of `grh` (103), then `social` up to 97 rows.
    assert!(index.contains("data-id=\"social/fiche-193\""));
    assert!(!index.contains("data-id=\"social/fiche-195\""));
    let data = std::fs::read_to_string(public.join("assets/recherche-donnees.js")).expect("data");
    assert_eq!(data.matches("\"ligne\":").count(), 205);
    let social = std::fs::read_to_string(public.join("domaines/social/index.html")).expect("page");
    assert_eq!(social.matches("<tr data-id=").count(), 102);
    let report = std::fs::read_to_string(public.join("rapport/index.html")).expect("report");
    // A row per fiche (its title links to its page), beside the summary tables' rows.
    assert_eq!(
        report
            .matches("<th scope=\"row\"><a href=\"../domaines/")
            .count(),
        205
    );
}
