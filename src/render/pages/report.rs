//! The printable annual report (`rapport/index.html`): a dated cover with the key figures and
//! the report's contents (its parts and domains in page order; no page numbers, which only the
//! browser knows when it prints), the summary tables, what changed since the last archived year, then a
//! table per domain with the columns of the register the joint council meeting knows, and the
//! directeurs généraux' signatures. Its running title and page numbers are `@page` margin boxes
//! of `rapport/entete.css`, written here since they hold the site's names and dates.
//!
//! The report holds every body, so it is never rendered whole: `rapport.html` is a shell whose
//! slot takes the domains' tables (`partials/rapport-groupe.html`, itself a shell), whose slots
//! take the fiches' rows (`partials/rapport-ligne.html`), written by the pass over the fiches.

use serde::Serialize;
use tera::Context;

use super::stats;
use crate::archive::{Archive, ArchivedTerm};
use crate::diagnostic::Diagnostic;
use crate::fields::Key;
use crate::model::{Fiche, Site};
use crate::render::view::Viewed;
use crate::render::{OutputFile, Shared, breadcrumbs, view};
use crate::vocab::Field;

pub const PATH: &str = "rapport/index.html";

/// The print style sheet with the report's running title and page numbers.
pub const HEADER_CSS_PATH: &str = "rapport/entete.css";

#[derive(Serialize)]
struct Group<'a> {
    domain: &'a view::DomainView,
}

/// What changed since the last archived year before the report's.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Evolution<'a> {
    pub annee: i64,
    pub nouvelles: Vec<Change<'a>>,
    pub disparues: Vec<Change<'a>>,
    pub statuts: Vec<Change<'a>>,
    pub avancements: Vec<Change<'a>>,
}

/// One line of the evolution: a synergy, and its state before and after (as fits the list).
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Change<'a> {
    pub id: &'a str,
    pub titre: &'a str,
    /// Its page, for a synergy still in the register.
    pub url: Option<String>,
    /// The domain's title; for a synergy no longer there, its domain's title that year (as the
    /// archive has it; else today's, else its slug).
    pub domaine: &'a str,
    pub avant: String,
    pub apres: String,
}

/// « En cours (50 %) », « Non renseigné » (a no-break space before « % »).
fn state(statut: Option<&str>, avancement: Option<i64>) -> String {
    let label = statut.unwrap_or(view::NON_RENSEIGNE);
    match avancement {
        Some(a) => format!("{label} ({a}\u{a0}%)"),
        None => label.to_owned(),
    }
}

fn percent(avancement: Option<i64>) -> String {
    avancement.map_or_else(|| "non renseigné".to_owned(), |a| format!("{a}\u{a0}%"))
}

fn statut_label<'a>(site: &'a Site, fiche: &Fiche) -> Option<&'a str> {
    fiche
        .values
        .term(Key::Statut)
        .map(|i| site.config.vocab.get(Field::Statut).terms[i].label.as_str())
}

fn statut_key<'a>(site: &'a Site, fiche: &Fiche) -> Option<&'a str> {
    fiche
        .values
        .term(Key::Statut)
        .map(|i| site.config.vocab.get(Field::Statut).terms[i].key.as_str())
}

/// The register against `archive`: new synergies, synergies gone (with their last state),
/// statut changes, avancement changes, matched by id. Nothing else.
pub fn evolution<'a>(site: &'a Site, archive: &'a Archive) -> Evolution<'a> {
    let mut out = Evolution {
        annee: archive.annee,
        nouvelles: Vec::new(),
        disparues: Vec::new(),
        statuts: Vec::new(),
        avancements: Vec::new(),
    };
    let mut present = std::collections::HashSet::new();
    for fiche in &site.fiches {
        present.insert(fiche.id.as_str());
        let change = |avant: String, apres: String| Change {
            id: &fiche.id,
            titre: fiche.titre(),
            url: Some(view::fiche_url(fiche, site)),
            domaine: &site.domains[fiche.domain].titre,
            avant,
            apres,
        };
        let now = statut_label(site, fiche);
        let avancement = fiche.values.integer(Key::Avancement);
        let Some(old) = archive.get(&fiche.id) else {
            out.nouvelles
                .push(change(String::new(), state(now, avancement)));
            continue;
        };
        let old_avancement = old.avancement.map(i64::from);
        let old_label = old
            .statut
            .as_ref()
            .map(|t: &ArchivedTerm| t.libelle.as_str());
        if old.statut.as_ref().map(|t| t.cle.as_str()) != statut_key(site, fiche) {
            out.statuts.push(change(
                old_label.unwrap_or(view::NON_RENSEIGNE).to_owned(),
                now.unwrap_or(view::NON_RENSEIGNE).to_owned(),
            ));
        }
        if old_avancement != avancement {
            out.avancements
                .push(change(percent(old_avancement), percent(avancement)));
        }
    }
    for old in &archive.synergies {
        if !present.contains(old.id.as_str()) {
            out.disparues.push(Change {
                id: &old.id,
                titre: &old.titre,
                url: None,
                domaine: archive
                    .domain_title(&old.domaine)
                    .or_else(|| {
                        site.domains
                            .iter()
                            .find(|d| d.slug == old.domaine)
                            .map(|d| d.titre.as_str())
                    })
                    .unwrap_or(&old.domaine),
                avant: state(
                    old.statut.as_ref().map(|t| t.libelle.as_str()),
                    old.avancement.map(i64::from),
                ),
                apres: String::new(),
            });
        }
    }
    out
}

/// The summary tables: the statistics page's figures by domain × statut, by mode and by pilote.
fn summary(site: &Site) -> Vec<stats::Section> {
    stats::sections(site)
        .into_iter()
        .filter(|s| matches!(s.id.as_str(), "domaines-statuts" | "modes" | "pilote"))
        .map(|mut s| {
            s.svg = String::new();
            s
        })
        .collect()
}

/// The report around its domains' tables: (before, after).
pub fn shell(shared: &Shared) -> Result<(String, String), Diagnostic> {
    let site = shared.site;
    let groups: Vec<Group> = site
        .domains
        .iter()
        .zip(&shared.domain_views)
        .filter(|(domain, _)| !domain.fiches.is_empty())
        .map(|(_, domain)| Group { domain })
        .collect();
    let mut context = Context::new();
    context.insert("total", &site.fiches.len());
    context.insert("breadcrumbs", &breadcrumbs(&[], "Rapport annuel"));
    context.insert("groups", &groups);
    context.insert("synthese", &summary(site));
    if let Some(archive) = shared.urls.earlier(site).last() {
        context.insert("evolution", &evolution(site, archive));
    }
    let required = !groups.is_empty();
    shared
        .renderer
        .shell_around("rapport.html", PATH, context, required)
}

/// The group of domain `index` around its rows: (before, after).
pub fn group(shared: &Shared, index: usize) -> Result<(String, String), Diagnostic> {
    let mut context = Context::new();
    context.insert("domain", &shared.domain_views[index]);
    shared
        .renderer
        .shell_around("partials/rapport-groupe.html", PATH, context, true)
}

/// A fiche's row; `fiche` is its view with its body.
pub fn row(shared: &Shared, fiche: &Viewed) -> Result<String, Diagnostic> {
    shared.mirrored.report_row(shared, fiche, PATH)
}

/// `text` as a CSS string, quotes included.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `rapport/entete.css`: every printed page of the report carries the commune, the CPAS, the
/// year and the « situation au » date at its top, and « page 3 sur 9 » at its foot, whatever
/// the browser's own headers and footers.
pub fn header_css(shared: &Shared) -> OutputFile {
    let site = &shared.site_view;
    let mut title = format!("{} et {}", site.commune, site.cpas);
    if let Some(year) = site.periode.annee {
        title.push_str(&format!(" — rapport {year}"));
    }
    let date = match &site.periode.situation_au {
        Some(date) => format!("Situation au {}", date.fr),
        None => String::new(),
    };
    let css = format!(
        "/* Rapport annuel : titre courant et numéros de page (écrit par synergies build). */\n\
         @page rapport {{\n  \
         @top-left {{ content: {title}; font: 8pt system-ui, sans-serif; color: #333; }}\n  \
         @top-right {{ content: {date}; font: 8pt system-ui, sans-serif; color: #333; }}\n  \
         @bottom-right {{ content: \"page \" counter(page) \" sur \" counter(pages); font: 8pt system-ui, sans-serif; color: #333; }}\n\
         }}\n",
        title = css_string(&title),
        date = css_string(&date),
    );
    OutputFile {
        path: HEADER_CSS_PATH.to_owned(),
        bytes: css.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::ArchivedFiche;
    use crate::fields::Value;

    #[test]
    fn css_strings_are_escaped() {
        assert_eq!(css_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c d\"");
    }

    fn archived(id: &str, statut: Option<(&str, &str)>, avancement: Option<u8>) -> ArchivedFiche {
        ArchivedFiche {
            id: id.to_owned(),
            domaine: id.split('/').next().unwrap().to_owned(),
            titre: format!("Titre {id}"),
            statut: statut.map(|(cle, libelle)| ArchivedTerm {
                cle: cle.to_owned(),
                libelle: libelle.to_owned(),
            }),
            avancement,
        }
    }

    #[test]
    fn the_evolution_lists_exactly_what_changed() {
        // a (grh): effectif, no avancement; b (grh): no statut; c (social): nothing.
        let mut site = crate::render::pages::facets::tests::site();
        site.fiches[1]
            .values
            .set(Key::Avancement, Some(Value::Integer(80)));
        let old = [
            archived("a", Some(("en-cours", "En cours")), None),
            archived("b", None, Some(50)),
            archived("vieux/d", Some(("a-developper", "À développer")), Some(10)),
            // A domain the archive does not name: today's title.
            archived("grh/z", None, None),
        ];
        let records: Vec<serde_json::Value> = old
            .iter()
            .map(|f| {
                serde_json::json!({
                    "id": f.id, "domaine": f.domaine, "titre": f.titre,
                    "statut": f.statut.as_ref().map(|t| serde_json::json!({"cle": t.cle, "libelle": t.libelle})),
                    "avancement": f.avancement,
                })
            })
            .collect();
        let json = serde_json::json!({
            "domaines": [{"slug": "vieux", "titre": "Ancien domaine"}],
            "synergies": records,
        });
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("archives")).unwrap();
        std::fs::write(root.path().join("archives/2025.json"), json.to_string()).unwrap();
        let mut diagnostics = crate::Diagnostics::default();
        let archives = crate::archive::load(root.path(), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics}");
        let e = evolution(&site, &archives[0]);
        let lines = |changes: &[Change]| -> Vec<String> {
            changes
                .iter()
                .map(|c| format!("{} [{}] {} → {}", c.id, c.domaine, c.avant, c.apres))
                .collect()
        };
        assert_eq!(e.annee, 2025);
        assert_eq!(lines(&e.nouvelles), ["c [SOCIAL]  → Non renseigné"]);
        assert_eq!(
            lines(&e.disparues),
            [
                "vieux/d [Ancien domaine] À développer (10\u{a0}%) → ",
                "grh/z [GRH] Non renseigné → "
            ]
        );
        assert_eq!(lines(&e.statuts), ["a [GRH] En cours → Effectif"]);
        assert_eq!(lines(&e.avancements), ["b [GRH] 50\u{a0}% → 80\u{a0}%"]);
    }
}
