//! Stage 4, render: the [`Site`] and the [`Theme`] become the files of the site, in memory.
//! Nothing is written here. Every link is relative to the page (`root` is `""` on the index and
//! `"../../"` two folders down), so the site works from any folder and from `file://`.

pub mod markdown;
pub mod theme;
pub mod view;

use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::model::Site;
use crate::vocab::Field;

pub use theme::Theme;

/// A file of the built site: its path relative to the output folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A link of the breadcrumb trail; the last one is the current page and has no URL.
#[derive(Serialize)]
struct Crumb {
    titre: String,
    url: Option<String>,
}

/// "../../" for a page two folders down: the way back to the site's root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

struct Renderer<'t> {
    tera: Tera,
    theme: &'t Theme,
}

impl<'t> Renderer<'t> {
    fn new(site: &Site, theme: &'t Theme) -> Result<Renderer<'t>, Diagnostics> {
        let mut tera = Tera::new();
        let mut diagnostics = Diagnostics::default();
        let mut templates = Vec::new();
        for (name, bytes) in theme.templates() {
            match std::str::from_utf8(bytes) {
                Ok(text) => templates.push((name.to_owned(), text.to_owned())),
                Err(_) => diagnostics.push(
                    Diagnostic::error("gabarit-invalide", "ce gabarit n'est pas en UTF-8")
                        .at(Location::file(format!("theme/templates/{name}"))),
                ),
            }
        }
        if let Err(error) = tera.add_raw_templates(templates) {
            diagnostics.push(template_error(error, theme));
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let global = tera.global_context();
        global.insert("site", &view::site(site));
        global.insert("domains", &view::domains(site));
        let figures: Vec<(&str, &str, Vec<view::CountView>)> = Field::ALL
            .into_iter()
            .map(|f| (f.key(), f.label(), view::counts(site, f)))
            .collect();
        global.insert("figures", &figures_view(&figures));
        Ok(Renderer { tera, theme })
    }

    fn page(
        &self,
        template: &str,
        path: &str,
        mut context: Context,
    ) -> Result<OutputFile, Diagnostic> {
        context.insert("root", &root_of(path));
        context.insert("path", path);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| template_error(e, self.theme))?;
        Ok(OutputFile {
            path: path.to_owned(),
            bytes: html.into_bytes(),
        })
    }
}

#[derive(Serialize)]
struct FigureView<'a> {
    key: &'a str,
    label: &'a str,
    counts: &'a [view::CountView],
}

fn figures_view<'a>(
    figures: &'a [(&'a str, &'a str, Vec<view::CountView>)],
) -> Vec<FigureView<'a>> {
    figures
        .iter()
        .map(|(key, label, counts)| FigureView { key, label, counts })
        .collect()
}

/// A template problem, located in the template's own text when Tera says where.
fn template_error(error: tera::Error, theme: &Theme) -> Diagnostic {
    let help = "corrigez ce gabarit, ou supprimez-le de theme/templates/ pour revenir au gabarit d'origine";
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let path = format!("{}/templates/{}", theme::THEME_DIR, report.filename());
            let location = match theme.template_source(report.filename()) {
                Some(text) => Location::span(path, text, report.span().range.clone()),
                None => Location::file(path),
            };
            Diagnostic::error(
                "gabarit",
                format!(
                    "erreur dans un gabarit du thème (message de Tera : {})",
                    report.message()
                ),
            )
            .at(location)
            .help(help)
        }
        _ => Diagnostic::error(
            "gabarit",
            format!("erreur dans un gabarit du thème : {error}"),
        )
        .at(Location::file(format!("{}/templates", theme::THEME_DIR)))
        .help(help),
    }
}

/// Renders every page and copies every static file of the theme.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let renderer = Renderer::new(site, theme)?;
    let mut files = Vec::with_capacity(site.fiches.len() + site.domains.len() + 8);
    let mut diagnostics = Diagnostics::default();
    let mut push = |result: Result<OutputFile, Diagnostic>| match result {
        Ok(file) => files.push(file),
        Err(d) => diagnostics.push(d),
    };

    let fiche_views: Vec<Value> = (0..site.fiches.len())
        .map(|i| Value::from_serializable(&view::fiche(site, i)))
        .collect();
    let home = Crumb {
        titre: "Accueil".to_owned(),
        url: Some("index.html".to_owned()),
    };

    let mut context = Context::new();
    context.insert_value("fiches", Value::from(fiche_views.clone()));
    context.insert(
        "breadcrumbs",
        &[Crumb {
            titre: "Accueil".to_owned(),
            url: None,
        }],
    );
    push(renderer.page("index.html", "index.html", context));

    let domain_views = view::domains(site);
    for (domain, domain_view) in site.domains.iter().zip(&domain_views) {
        let mut context = Context::new();
        let path = view::domain_url(&domain.slug);
        context.insert("domain_slug", &domain.slug);
        context.insert("domain", domain_view);
        context.insert_value(
            "fiches",
            Value::from(
                domain
                    .fiches
                    .iter()
                    .map(|&i| fiche_views[i].clone())
                    .collect::<Vec<_>>(),
            ),
        );
        context.insert(
            "breadcrumbs",
            &[
                &home,
                &Crumb {
                    titre: domain.titre.clone(),
                    url: None,
                },
            ],
        );
        push(renderer.page("domaine.html", &path, context));
    }

    for (i, fiche) in site.fiches.iter().enumerate() {
        let domain = &site.domains[fiche.domain];
        let path = view::fiche_url(fiche, site);
        let mut context = Context::new();
        context.insert("domain_slug", &domain.slug);
        context.insert_value("fiche", fiche_views[i].clone());
        context.insert(
            "breadcrumbs",
            &[
                &home,
                &Crumb {
                    titre: domain.titre.clone(),
                    url: Some(view::domain_url(&domain.slug)),
                },
                &Crumb {
                    titre: fiche.titre.clone(),
                    url: None,
                },
            ],
        );
        push(renderer.page("fiche.html", &path, context));
    }

    for (name, bytes) in theme.statics() {
        files.push(OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.to_vec(),
        });
    }

    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("domaines/grh/index.html"), "../../");
    }
}
