//! Rust twins of the built-in theme's hottest templates: the fiche page (`base.html`,
//! `fiche.html` and its partials) and the rows every fiche adds to the tables and lists
//! (`partials/table-ligne.html`, `liste-ligne.html`, `rapport-ligne.html`, `facette-ligne.html`).
//! At region scale (10,000 fiches) they write the same bytes as Tera's interpreter with half a
//! build's instructions (BENCHMARKS.md, "Records through serde").
//!
//! The twins are used only while every template they mirror is the built-in one
//! (`mirrored::for_theme`): a theme that overrides any of them gets Tera, so overrides keep
//! working. The test
//! `native_twins_write_what_tera_writes` (tests/integration/native.rs) builds registers both ways
//! and compares every byte: a change to one of these templates must be made here too.
//!
//! Each function follows its template line by line; Tera keeps every character outside the tags,
//! so the literal strings below are the templates' own text between tags, and `{{ x }}` is
//! [`escape`] (Tera's HTML escaping: `& < > " '`).

use super::Crumb;
use super::view::{FicheView, LinkView, SiteView, TermView};
use crate::fields::Key;

/// Appends `text` escaped as Tera escapes what `{{ }}` prints in an HTML template.
fn escape(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *out, text);
}

/// Tera's truth of an optional string: present and not empty.
fn filled(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.is_empty())
}

/// `<a href="{{ root }}{{ url }}">{{ titre }}</a>`, the link every template writes.
fn link(out: &mut String, root: &str, url: &str, titre: &str) {
    out.push_str("<a href=\"");
    out.push_str(root);
    escape(out, url);
    out.push_str("\">");
    escape(out, titre);
    out.push_str("</a>");
}

/// `{{ root }}{{ url }}` inside an attribute.
fn href(out: &mut String, root: &str, url: &str) {
    out.push_str(root);
    escape(out, url);
}

/// What a fiche page needs besides the fiche.
pub struct PageFrame<'a> {
    pub site: &'a SiteView,
    pub root: &'a str,
    pub path: &'a str,
    pub menu_domaines: &'a str,
    pub breadcrumbs: &'a [Crumb],
}

/// `fiche.html` in `base.html`, for `fiche` (with its body's HTML).
pub fn fiche_page(frame: &PageFrame, fiche: &FicheView) -> String {
    let mut out = String::with_capacity(8192 + fiche.body_html.as_ref().map_or(0, String::len));
    let o = &mut out;
    let (site, root) = (frame.site, frame.root);
    o.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'\">\n",
        "<meta name=\"generator\" content=\"synergies\">\n<title>"
    ));
    // fiche.html's block title.
    escape(o, fiche.titre());
    o.push_str(" — ");
    escape(o, fiche.domain.titre);
    o.push_str(" — ");
    escape(o, &site.titre);
    o.push_str("</title>\n<link rel=\"icon\" href=\"");
    o.push_str(root);
    o.push_str("assets/favicon.svg\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"");
    o.push_str(root);
    o.push_str("assets/site.css\">\n<link rel=\"stylesheet\" href=\"");
    o.push_str(root);
    o.push_str(concat!(
        "assets/print.css\" media=\"print\">\n",
        "\n</head>\n<body>\n<a class=\"evitement\" href=\"#contenu\">Aller au contenu</a>\n",
        "<header class=\"entete\">\n  <div class=\"entete-interieur\">\n    <p class=\"site-nom\"><a href=\""
    ));
    o.push_str(root);
    o.push_str("index.html\">");
    escape(o, &site.titre);
    o.push_str("</a></p>\n    <p class=\"site-organisations\">");
    organisations(o, site);
    o.push_str(concat!(
        "</p>\n    <nav class=\"menu-site\" aria-label=\"Rubriques\">\n      <ul>\n",
        "        <li><a href=\""
    ));
    o.push_str(root);
    o.push_str("facettes/index.html\"");
    if frame.path == "facettes/index.html" {
        o.push_str(" aria-current=\"page\"");
    } else if frame.path.starts_with("facettes/") {
        o.push_str(" aria-current=\"true\"");
    }
    o.push_str(">Parcourir par critère</a></li>\n        <li><a href=\"");
    o.push_str(root);
    o.push_str("statistiques/index.html\"");
    current(o, frame.path, "statistiques/index.html");
    o.push_str(">Statistiques</a></li>\n        <li><a href=\"");
    o.push_str(root);
    o.push_str("rapport/index.html\"");
    current(o, frame.path, "rapport/index.html");
    o.push_str(">Rapport annuel</a></li>\n      </ul>\n    </nav>\n  </div>\n</header>\n");
    o.push_str(frame.menu_domaines);
    o.push_str("\n<nav class=\"fil-ariane\" aria-label=\"Fil d'Ariane\">\n  <ol>\n  ");
    for crumb in frame.breadcrumbs {
        o.push_str("\n    ");
        match crumb.url.as_deref().filter(|u| !u.is_empty()) {
            Some(url) => {
                o.push_str("<li>");
                link(o, root, url, &crumb.titre);
                o.push_str("</li>");
            }
            None => {
                o.push_str("<li aria-current=\"page\">");
                escape(o, &crumb.titre);
                o.push_str("</li>");
            }
        }
        o.push_str("\n  ");
    }
    o.push_str("\n  </ol>\n</nav>\n<main id=\"contenu\" tabindex=\"-1\">\n");
    fiche_main(o, site, root, fiche);
    o.push_str("\n</main>\n<footer class=\"pied\">\n  <p>");
    escape(o, &site.titre);
    o.push_str(" — ");
    organisations(o, site);
    if let Some(date) = &site.situation_au {
        o.push_str(" — situation au ");
        escape(o, &date.fr);
    }
    o.push_str(concat!(
        ".</p>\n  <p>Registre tenu en application des décrets du 19 juillet 2018 relatifs aux ",
        "synergies entre communes et CPAS.</p>\n  <p><a href=\""
    ));
    o.push_str(root);
    o.push_str("accessibilite/index.html\"");
    current(o, frame.path, "accessibilite/index.html");
    o.push_str(">Déclaration d'accessibilité</a></p>\n</footer>\n</body>\n</html>\n");
    out
}

/// `{{ site.commune }} et {{ site.cpas }}`
fn organisations(o: &mut String, site: &SiteView) {
    escape(o, &site.commune);
    o.push_str(" et ");
    escape(o, &site.cpas);
}

/// `{% if path == page %} aria-current="page"{% endif %}`
fn current(o: &mut String, path: &str, page: &str) {
    if path == page {
        o.push_str(" aria-current=\"page\"");
    }
}

/// fiche.html's block main.
fn fiche_main(o: &mut String, site: &SiteView, root: &str, fiche: &FicheView) {
    o.push_str("\n<article class=\"fiche\">\n<h1>");
    escape(o, fiche.titre());
    o.push_str("</h1>\n<p class=\"chapeau\">Domaine\u{202f}: ");
    link(o, root, &fiche.domain.url, fiche.domain.titre);
    o.push_str("</p>\n\n<h2>Caractéristiques</h2>\n<dl class=\"champs\">\n");
    for field in &fiche.fields {
        o.push_str("\n  <div class=\"champ champ-");
        escape(o, field.key);
        o.push_str("\">\n    <dt>");
        escape(o, field.label);
        o.push_str("</dt>\n    <dd>");
        // partials/terms-liens.html
        if field.terms.is_empty() {
            o.push_str("<a href=\"");
            href(o, root, field.url_non_renseigne);
            o.push_str("\">");
            non_renseigne(o, site);
            o.push_str("</a>");
        } else {
            for (k, t) in field.terms.iter().enumerate() {
                if k > 0 {
                    o.push_str(", ");
                }
                link(o, root, t.url, t.label);
            }
        }
        o.push('\n');
        if let Some(note) = filled(field.note) {
            o.push_str("<p class=\"precision\">");
            escape(o, note);
            o.push_str("</p>");
        }
        o.push_str("</dd>\n  </div>\n");
    }
    o.push_str("\n  <div class=\"champ champ-statut\">\n    <dt>Statut</dt>\n    <dd>");
    // partials/statut-lien.html
    match fiche.values.term(Key::Statut) {
        Some(statut) => {
            o.push_str("<a href=\"");
            href(o, root, statut.url);
            o.push_str("\">");
            statut_span(o, statut);
            o.push_str("</a>");
        }
        None => {
            o.push_str("<a href=\"");
            href(o, root, fiche.statut_url_non_renseigne);
            o.push_str("\">");
            non_renseigne(o, site);
            o.push_str("</a>");
        }
    }
    o.push('\n');
    if let Some(avancement) = fiche.values.integer(Key::Avancement) {
        o.push_str(" — avancement\u{202f}: ");
        o.push_str(&avancement.to_string());
        o.push_str("\u{a0}%");
    }
    o.push_str("</dd>\n  </div>\n  ");
    if !fiche.historique.is_empty() {
        o.push_str("<div class=\"champ champ-historique\">\n    <dt>Historique</dt>\n    <dd>");
        for (k, h) in fiche.historique.iter().enumerate() {
            if k > 0 {
                o.push_str(" → ");
            }
            escape(o, &h.annee);
            o.push_str("\u{202f}: ");
            escape(o, h.statut);
            if let Some(avancement) = h.avancement {
                o.push_str(" (");
                o.push_str(&avancement.to_string());
                o.push_str("\u{a0}%)");
            }
        }
        o.push_str("</dd>\n  </div>\n  ");
    } else if let Some(nouvelle) = &fiche.nouvelle {
        o.push_str("<div class=\"champ champ-historique\">\n    <dt>Historique</dt>\n    <dd>");
        escape(o, nouvelle);
        o.push_str("</dd>\n  </div>\n  ");
    }
    o.push_str("<div class=\"champ\">\n    <dt>Économies d'échelle</dt>\n    <dd>");
    match filled(fiche.values.text(Key::Economies)) {
        Some(text) => escape(o, text),
        None => non_renseigne(o, site),
    }
    o.push_str("</dd>\n  </div>\n  <div class=\"champ\">\n    <dt>Mise à jour</dt>\n    <dd>");
    match fiche.values.date(Key::MisAJour) {
        Some(date) => {
            o.push_str("<time datetime=\"");
            escape(o, &date.iso);
            o.push_str("\">");
            escape(o, &date.fr);
            o.push_str("</time>");
        }
        None => non_renseigne(o, site),
    }
    o.push_str("</dd>\n  </div>\n</dl>\n\n<h2>Réalisation / résultat obtenu</h2>\n");
    match filled(fiche.body_html.as_deref()) {
        Some(body) => {
            o.push_str("<div class=\"corps\">");
            o.push_str(body);
            o.push_str("</div>");
        }
        None => {
            o.push_str("<p>");
            non_renseigne(o, site);
            o.push_str("</p>");
        }
    }
    o.push_str("\n\n");
    let links = fiche.values.links(Key::VoirAussi);
    if !links.is_empty() || !fiche.cite_par.is_empty() {
        o.push_str("\n<h2>Voir aussi</h2>\n<ul class=\"voir-aussi\">\n");
        for l in links {
            o.push_str("<li>");
            link(o, root, &l.url, l.titre);
            o.push_str("</li>");
        }
        o.push('\n');
        for l in &fiche.cite_par {
            o.push_str("<li>");
            link(o, root, &l.url, l.titre);
            o.push_str(" (renvoie vers cette fiche)</li>");
        }
        o.push_str("\n</ul>\n");
    }
    o.push_str("\n\n");
    if fiche.precedente.is_some() || fiche.suivante.is_some() {
        o.push_str(concat!(
            "\n<nav class=\"voisines\" aria-label=\"Autres fiches du domaine\">\n",
            "  <ul>\n  "
        ));
        if let Some(l) = &fiche.precedente {
            neighbour(o, root, l, "prev", "Fiche précédente\u{202f}: ");
        }
        o.push_str("\n  ");
        if let Some(l) = &fiche.suivante {
            neighbour(o, root, l, "next", "Fiche suivante\u{202f}: ");
        }
        o.push_str("\n  </ul>\n</nav>\n");
    }
    o.push_str("\n<p class=\"source\">Fichier source\u{202f}: <code>");
    escape(o, fiche.source);
    o.push_str("</code></p>\n</article>\n");
}

fn neighbour(o: &mut String, root: &str, l: &LinkView, rel: &str, label: &str) {
    o.push_str("<li><a href=\"");
    href(o, root, &l.url);
    o.push_str("\" rel=\"");
    o.push_str(rel);
    o.push_str("\">");
    o.push_str(label);
    escape(o, l.titre);
    o.push_str("</a></li>");
}

/// `<span class="non-renseigne">{{ site.non_renseigne }}</span>`
fn non_renseigne(o: &mut String, site: &SiteView) {
    o.push_str("<span class=\"non-renseigne\">");
    escape(o, site.non_renseigne);
    o.push_str("</span>");
}

/// `<span class="statut statut-{{ key }}">{{ label }}</span>`
fn statut_span(o: &mut String, statut: &TermView) {
    o.push_str("<span class=\"statut statut-");
    escape(o, statut.key);
    o.push_str("\">");
    escape(o, statut.label);
    o.push_str("</span>");
}

/// partials/statut.html, with its final line break.
fn statut(o: &mut String, site: &SiteView, statut: Option<&TermView>) {
    match statut {
        Some(s) => statut_span(o, s),
        None => non_renseigne(o, site),
    }
    o.push('\n');
}

/// The labels of a field's terms, comma-separated.
fn labels(o: &mut String, terms: &[TermView]) {
    for (k, t) in terms.iter().enumerate() {
        if k > 0 {
            o.push_str(", ");
        }
        escape(o, t.label);
    }
}

/// partials/table-ligne.html: the fiche's row of the index's table (`with_domain`) or of its
/// domain's, for a page at `root`.
pub fn table_row(site: &SiteView, root: &str, f: &FicheView, with_domain: bool) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str("\n    <tr data-id=\"");
    escape(&mut o, f.id);
    o.push_str("\">\n      <th scope=\"row\">");
    link(&mut o, root, &f.url, f.titre());
    o.push_str("</th>\n      ");
    if with_domain {
        o.push_str("<td data-label=\"Domaine\">");
        link(&mut o, root, &f.domain.url, f.domain.titre);
        o.push_str("</td>");
    }
    o.push_str("\n      <td data-label=\"Statut\">");
    statut(&mut o, site, f.values.term(Key::Statut));
    if let Some(avancement) = f.values.integer(Key::Avancement) {
        o.push_str(" <span class=\"avancement\">(");
        o.push_str(&avancement.to_string());
        o.push_str("\u{a0}%)</span>");
    }
    o.push_str("</td>\n      ");
    for field in &f.fields {
        o.push_str("<td data-label=\"");
        escape(&mut o, field.label);
        o.push_str("\">");
        // partials/cell.html
        if !field.terms.is_empty() {
            labels(&mut o, &field.terms);
        } else if filled(field.note).is_some() {
            o.push_str("<span class=\"precision\">");
            escape(&mut o, field.note_courte.as_deref().unwrap_or_default());
            o.push_str("</span>");
        } else {
            non_renseigne(&mut o, site);
        }
        o.push_str("\n</td>");
    }
    o.push_str("\n    </tr>\n");
    o
}

/// partials/liste-ligne.html: the fiche in the list of its domain's page.
pub fn list_item(site: &SiteView, root: &str, f: &FicheView) -> String {
    let mut o = String::with_capacity(256);
    o.push_str("\n  <li>");
    link(&mut o, root, &f.url, f.titre());
    o.push_str(" — ");
    statut(&mut o, site, f.values.term(Key::Statut));
    o.push_str("</li>\n");
    o
}

/// partials/rapport-ligne.html: the fiche's row of the report, with its body.
pub fn report_row(site: &SiteView, root: &str, f: &FicheView) -> String {
    let mut o = String::with_capacity(1024 + f.body_html.as_ref().map_or(0, String::len));
    o.push_str("\n    <tr>\n      <th scope=\"row\">");
    link(&mut o, root, &f.url, f.titre());
    o.push_str("</th>\n      ");
    for field in &f.fields {
        o.push_str("<td>");
        // partials/report_cell.html
        let note = filled(field.note);
        if !field.terms.is_empty() {
            labels(&mut o, &field.terms);
            if let Some(note) = note {
                o.push_str("<br><span class=\"precision\">");
                escape(&mut o, note);
                o.push_str("</span>");
            }
        } else if let Some(note) = note {
            escape(&mut o, note);
        } else {
            non_renseigne(&mut o, site);
        }
        o.push_str("\n</td>");
    }
    o.push_str("\n      <td class=\"cellule-statut\">");
    statut(&mut o, site, f.values.term(Key::Statut));
    if let Some(avancement) = f.values.integer(Key::Avancement) {
        o.push_str(" (");
        o.push_str(&avancement.to_string());
        o.push_str("\u{a0}%)");
    }
    o.push_str("</td>\n      <td>");
    match filled(f.body_html.as_deref()) {
        Some(body) => {
            o.push_str("<div class=\"corps\">");
            o.push_str(body);
            o.push_str("</div>");
        }
        None => non_renseigne(&mut o, site),
    }
    o.push_str("</td>\n    </tr>\n");
    o
}

/// partials/facette-ligne.html: a fiche on a facet page, with its statut unless the page is one
/// of the statut's.
/// Appended to `o`.
pub fn facet_item(
    o: &mut String,
    site: &SiteView,
    root: &str,
    titre: &str,
    url: &str,
    statut_term: Option<&TermView>,
    avec_statut: bool,
) {
    o.push_str("\n    <li>");
    link(o, root, url, titre);
    if avec_statut {
        o.push_str(" — ");
        statut(o, site, statut_term);
    }
    o.push_str("</li>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_teras() {
        let mut out = String::new();
        escape(&mut out, "l'<a href=\"x\">&</a>");
        assert_eq!(out, "l&#39;&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }
}
