//! [`Renderer`]: Tera with the theme's templates and the site-wide context; renders a page
//! (with its `root`, `path` and domains' menu), a fragment (a row) or a shell (see `slots.rs`),
//! and turns Tera's errors into diagnostics located in the template.

use serde::Serialize;
use tera::{Context, Tera};

use super::{OutputFile, PageCache, Theme, root_of, theme, view};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::model::Site;
use crate::vocab::Field;

/// Tera with the theme's templates and the site-wide context (site, domains, figures).
pub struct Renderer<'t> {
    tera: Tera,
    theme: &'t Theme,
    cache: Option<&'t PageCache>,
    /// The domains' menu, rendered once per kind of page: (root, current domain, is a fiche).
    menus: std::sync::Mutex<std::collections::HashMap<MenuKey, String>>,
}

type MenuKey = (String, Option<String>, bool);

impl<'t> Renderer<'t> {
    pub(super) fn new(
        site: &Site,
        site_view: &view::SiteView,
        domain_views: &[view::DomainView],
        theme: &'t Theme,
        cache: Option<&'t PageCache>,
    ) -> Result<Renderer<'t>, Diagnostics> {
        let mut tera = Tera::new();
        let mut diagnostics = Diagnostics::default();
        let mut templates = Vec::new();
        for (name, bytes) in theme.templates() {
            match std::str::from_utf8(bytes) {
                Ok(text) => templates.push((name.to_owned(), text.to_owned())),
                Err(_) => diagnostics.push(
                    Diagnostic::error(Code::GabaritInvalide, "ce gabarit n'est pas en UTF-8")
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
        global.insert("site", site_view);
        global.insert("domains", domain_views);
        let figures: Vec<(&str, &str, Vec<view::CountView>)> = Field::ALL
            .into_iter()
            .map(|f| (f.key(), f.label(), view::counts(site, f)))
            .collect();
        global.insert("figures", &figures_view(&figures));
        if let Some(cache) = cache {
            cache.begin(theme, global);
        }
        Ok(Renderer {
            tera,
            theme,
            cache,
            menus: std::sync::Mutex::default(),
        })
    }

    /// Adds `menu_domaines` to a page's context: see [`Self::menu`].
    pub(super) fn add_menu(&self, root: &str, context: &mut Context) -> Result<(), Diagnostic> {
        let domain = context.get("domain_slug").and_then(|v| v.as_str());
        let menu = self.menu(root, domain, context.contains_key("fiche"))?;
        context.insert("menu_domaines", &menu);
        Ok(())
    }

    /// `partials/menu-domaines.html` for a kind of page (its `root`, its domain, whether it is a
    /// fiche), rendered the first time it is asked for.
    pub fn menu(
        &self,
        root: &str,
        domain: Option<&str>,
        is_fiche: bool,
    ) -> Result<String, Diagnostic> {
        let key = (root.to_owned(), domain.map(str::to_owned), is_fiche);
        let known = self
            .menus
            .lock()
            .ok()
            .and_then(|menus| menus.get(&key).cloned());
        if let Some(menu) = known {
            return Ok(menu);
        }
        let mut menu_context = Context::new();
        menu_context.insert("root", &key.0);
        if let Some(domain) = &key.1 {
            menu_context.insert("domain_slug", domain);
        }
        if key.2 {
            menu_context.insert("fiche", &true);
        }
        let menu = self
            .tera
            .render("partials/menu-domaines.html", &menu_context)
            .map_err(|e| template_error(e, self.theme))?;
        if let Ok(mut menus) = self.menus.lock() {
            menus.insert(key, menu.clone());
        }
        Ok(menu)
    }

    /// Renders one page; `path` is where it goes in the output (`domaines/grh/index.html`).
    pub fn page(
        &self,
        template: &str,
        path: &str,
        mut context: Context,
    ) -> Result<OutputFile, Diagnostic> {
        let root = root_of(path);
        self.add_menu(&root, &mut context)?;
        context.insert("root", &root);
        context.insert("path", path);
        if let Some(bytes) = self.cache.and_then(|c| c.lookup(path, &context)) {
            return Ok(OutputFile {
                path: path.to_owned(),
                bytes,
            });
        }
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| template_error(e, self.theme))?;
        if let Some(cache) = self.cache {
            cache.store(path, context, html.as_bytes());
        }
        Ok(OutputFile {
            path: path.to_owned(),
            bytes: html.into_bytes(),
        })
    }

    /// Renders a piece of the page at `path` (a row of its table): same `root` and `path` as the
    /// page, so that its links resolve the same way.
    pub fn fragment(
        &self,
        template: &str,
        path: &str,
        mut context: Context,
    ) -> Result<String, Diagnostic> {
        context.insert("root", &root_of(path));
        context.insert("path", path);
        self.tera
            .render(template, &context)
            .map_err(|e| template_error(e, self.theme))
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
pub(super) fn template_error(error: tera::Error, theme: &Theme) -> Diagnostic {
    let help = "corrigez ce gabarit, ou supprimez-le de theme/templates/ pour revenir au gabarit d'origine";
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let path = format!("{}/templates/{}", theme::THEME_DIR, report.filename());
            let location = match theme.template_source(report.filename()) {
                Some(text) => Location::span(path, text, report.span().range.clone()),
                None => Location::file(path),
            };
            Diagnostic::error(
                Code::Gabarit,
                format!(
                    "erreur dans un gabarit du thème (message de Tera : {})",
                    report.message()
                ),
            )
            .at(location)
            .help(help)
        }
        _ => Diagnostic::error(
            Code::Gabarit,
            format!("erreur dans un gabarit du thème : {error}"),
        )
        .at(Location::file(format!("{}/templates", theme::THEME_DIR)))
        .help(help),
    }
}
