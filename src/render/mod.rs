//! Stage 4, render: the [`Site`] and the [`Theme`] become the files of the site, handed one by
//! one to a [`Sink`] as soon as each is rendered (the write stage's staging folder, or memory for
//! `serve`), so that the whole site never sits in memory at once. Nothing is written here. Every link is relative to the page (`root` is `""` on the index and
//! `"../../"` two folders down), so the site works from any folder and from `file://`.

pub mod csv_cell;
pub mod json;
pub mod markdown;
pub mod native;
pub mod pages;
pub mod svg;
pub mod theme;
pub mod view;

use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::model::Site;
use crate::vocab::Field;

pub use theme::Theme;

/// A file of the built site: its path relative to the output folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go. Called from several threads at once, in no particular order.
pub trait Sink: Sync {
    fn write(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// Writes a file produced piece by piece (the exports, the report), so that a sink that
    /// writes to disk never holds it whole in memory. By default, the pieces are collected.
    fn write_with(&self, path: &str, produce: &mut Produce) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        produce(&mut bytes).map_err(|e| write_error(path, &e))?;
        self.write(OutputFile {
            path: path.to_owned(),
            bytes,
        })
    }
}

/// Writes a file's bytes into the writer it is given.
pub type Produce<'a> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

/// The diagnostic for a file that could not be produced or written.
pub fn write_error(path: &str, error: &std::io::Error) -> Diagnostic {
    // A producer's own diagnostic (a template error) travels inside the io::Error.
    if let Some(d) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<DiagnosticError>())
    {
        return d.0.clone();
    }
    Diagnostic::error(Code::Ecriture, format!("écriture impossible : {error}"))
        .at(Location::file(path))
}

/// A diagnostic carried through `std::io::Error` by a producer.
#[derive(Debug)]
pub struct DiagnosticError(pub Diagnostic);

impl std::fmt::Display for DiagnosticError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DiagnosticError {}

/// A sink that keeps every file in memory.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn write(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0
            .lock()
            .map_err(|_| Diagnostic::error(Code::Interne, "erreur interne du rendu"))?
            .push(file);
        Ok(())
    }
}

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Hands rendered pages to the sink and keeps the problems, from any thread.
pub struct Emitter<'a> {
    sink: &'a dyn Sink,
    diagnostics: std::sync::Mutex<Diagnostics>,
    count: std::sync::atomic::AtomicUsize,
}

impl Emitter<'_> {
    pub fn emit(&self, result: Result<OutputFile, Diagnostic>) {
        self.record(result.and_then(|file| self.sink.write(file)));
    }

    /// Hands on a file written piece by piece by `produce`.
    pub fn emit_with(&self, path: &str, produce: &mut Produce) {
        self.record(self.sink.write_with(path, produce));
    }

    fn record(&self, outcome: Result<(), Diagnostic>) {
        match outcome {
            Ok(()) => {
                self.count
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(d) => {
                if let Ok(mut diagnostics) = self.diagnostics.lock() {
                    diagnostics.push(d);
                }
            }
        }
    }

    pub fn emit_all(&self, results: impl IntoIterator<Item = Result<OutputFile, Diagnostic>>) {
        for result in results {
            self.emit(result);
        }
    }
}

/// A link of the breadcrumb trail; the last one is the current page and has no URL.
#[derive(Serialize)]
pub struct Crumb {
    pub titre: String,
    pub url: Option<String>,
}

/// "../../" for a page two folders down: the way back to the site's root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Pages rendered by the previous render of the same root, kept by `serve` so that a rebuild
/// renders again only the pages whose inputs changed: a page is reused when the theme, the
/// site-wide context and the page's own context are all equal to last time's.
#[derive(Default)]
pub struct PageCache {
    state: std::sync::Mutex<CacheState>,
}

#[derive(Default)]
struct CacheState {
    theme: Option<Theme>,
    global: Option<Context>,
    /// Pages of the previous render, by path: what they were rendered from, and their bytes.
    previous: std::collections::HashMap<String, (Context, std::sync::Arc<Vec<u8>>)>,
    /// Pages of the render under way.
    next: std::collections::HashMap<String, (Context, std::sync::Arc<Vec<u8>>)>,
    reusable: bool,
    rendered: usize,
    reused: usize,
}

impl PageCache {
    /// Starts a render: previous pages stay reusable only if the theme and global context did not change.
    fn begin(&self, theme: &Theme, global: &Context) {
        if let Ok(mut state) = self.state.lock() {
            let state = &mut *state;
            state.reusable =
                state.theme.as_ref() == Some(theme) && state.global.as_ref() == Some(global);
            state.previous = std::mem::take(&mut state.next);
            if !state.reusable {
                state.previous.clear();
            }
            state.theme = Some(theme.clone());
            state.global = Some(global.clone());
            state.rendered = 0;
            state.reused = 0;
        }
    }

    fn lookup(&self, path: &str, context: &Context) -> Option<Vec<u8>> {
        let mut state = self.state.lock().ok()?;
        let hit = state
            .previous
            .remove(path)
            .filter(|(previous, _)| previous == context)?;
        let bytes = hit.1.as_ref().clone();
        state.next.insert(path.to_owned(), hit);
        state.reused += 1;
        Some(bytes)
    }

    fn store(&self, path: &str, context: Context, bytes: &[u8]) {
        if let Ok(mut state) = self.state.lock() {
            state.next.insert(
                path.to_owned(),
                (context, std::sync::Arc::new(bytes.to_vec())),
            );
            state.rendered += 1;
        }
    }

    /// Pages rendered and pages reused by the last render.
    pub fn counts(&self) -> (usize, usize) {
        self.state
            .lock()
            .map(|s| (s.rendered, s.reused))
            .unwrap_or_default()
    }
}

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
    fn new(
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
    fn add_menu(&self, root: &str, context: &mut Context) -> Result<(), Diagnostic> {
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
}

impl Renderer<'_> {
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

    /// Renders a template that has slots, `{{ lignes | safe }}`, where rows rendered one by one
    /// go: the text around the slots (one more part than slots). The rows themselves never have to
    /// be in memory all at once. A slot marked required must appear once, in the given order; an
    /// optional one (a table with no rows) may be left out, and its rows then go nowhere.
    pub fn shell(
        &self,
        template: &str,
        path: &str,
        mut context: Context,
        slots: &[(&str, bool)],
    ) -> Result<Vec<String>, Diagnostic> {
        for (name, _) in slots {
            context.insert(name.to_string(), &slot_marker(name));
        }
        self.add_menu(&root_of(path), &mut context)?;
        let mut rest = self.fragment(template, path, context)?;
        let mut parts = Vec::with_capacity(slots.len() + 1);
        for (name, required) in slots {
            let marker = slot_marker(name);
            match rest.find(&marker) {
                Some(at) => {
                    let after = rest.split_off(at);
                    parts.push(std::mem::replace(
                        &mut rest,
                        after[marker.len()..].to_owned(),
                    ));
                }
                None if !required => parts.push(String::new()),
                None => return Err(missing_slot(template, name)),
            }
        }
        if slots
            .iter()
            .any(|(name, _)| rest.contains(&slot_marker(name)))
        {
            return Err(missing_slot(template, slots[0].0));
        }
        parts.push(rest);
        Ok(parts)
    }
}

impl Renderer<'_> {
    /// [`Self::shell`] with the one slot `lignes`: the text before it and the text after it.
    pub fn shell_around(
        &self,
        template: &str,
        path: &str,
        context: Context,
        required: bool,
    ) -> Result<(String, String), Diagnostic> {
        let mut parts = self
            .shell(template, path, context, &[("lignes", required)])?
            .into_iter();
        Ok((
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        ))
    }
}

fn missing_slot(template: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Gabarit,
        format!(
            "le gabarit {template} doit afficher `{{{{ {name} | safe }}}}` une fois, à l'endroit \
             où vont les lignes, dans l'ordre du gabarit d'origine"
        ),
    )
    .at(Location::file(format!(
        "{}/templates/{template}",
        theme::THEME_DIR
    )))
    .help(format!(
        "ajoutez `{{{{ {name} | safe }}}}` dans ce gabarit, ou supprimez-le de theme/templates/ \
         pour revenir au gabarit d'origine"
    ))
}

/// What a shell's slot is rendered as, then cut at: control characters around the slot's name,
/// which no editor types (a title would need TOML's `\u0001` escape to hold one).
fn slot_marker(name: &str) -> String {
    format!("\u{1}synergies:{name}\u{1}")
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

/// What every page family shares: the renderer and the views built once per site.
pub struct Shared<'a> {
    pub site: &'a Site,
    pub renderer: Renderer<'a>,
    pub site_view: view::SiteView,
    pub domain_views: Vec<view::DomainView>,
    /// The facet and domain pages' URLs, which fiche views borrow.
    pub urls: view::Urls,
    /// The templates that Rust twins may render instead of Tera (those the theme left alone).
    pub native: native::Native,
}

impl<'a> Shared<'a> {
    fn new(
        site: &'a Site,
        theme: &'a Theme,
        cache: Option<&'a PageCache>,
    ) -> Result<Shared<'a>, Diagnostics> {
        let site_view = view::site(site);
        let domain_views = view::domains(site);
        Ok(Shared {
            site,
            renderer: Renderer::new(site, &site_view, &domain_views, theme, cache)?,
            site_view,
            domain_views,
            urls: view::Urls::new(site),
            native: native::Native::for_theme(theme),
        })
    }
}

/// The breadcrumb trail of a page below the index: Accueil › … › `current`.
pub fn breadcrumbs(middle: &[(&str, &str)], current: &str) -> Vec<Crumb> {
    let mut trail = vec![Crumb {
        titre: "Accueil".to_owned(),
        url: Some("index.html".to_owned()),
    }];
    trail.extend(middle.iter().map(|(titre, url)| Crumb {
        titre: (*titre).to_owned(),
        url: Some((*url).to_owned()),
    }));
    trail.push(Crumb {
        titre: current.to_owned(),
        url: None,
    });
    trail
}

/// Renders every page and copies every static file of the theme into `sink`.
/// Returns how many files were produced.
pub fn render_into(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<usize, Diagnostics> {
    render_with(site, theme, sink, None)
}

/// As [`render_into`], reusing the pages of `cache` whose inputs did not change.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    cache: Option<&PageCache>,
) -> Result<usize, Diagnostics> {
    let shared = Shared::new(site, theme, cache)?;
    let emitter = Emitter {
        sink,
        diagnostics: std::sync::Mutex::new(Diagnostics::default()),
        count: std::sync::atomic::AtomicUsize::new(0),
    };
    pages::register(&shared, &emitter);
    emitter.emit_all(theme.statics().map(|(name, bytes)| {
        Ok(OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.to_vec(),
        })
    }));
    let diagnostics = emitter
        .diagnostics
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    if diagnostics.has_errors() {
        return Err(diagnostics.sorted());
    }
    Ok(emitter.count.into_inner())
}

/// Renders only the pages of some fiches, each with a new body (Markdown): `(fiche index, body)`.
/// For `serve`'s quick step, which shows an edit this way before rebuilding the whole site.
pub fn render_fiche_pages(
    site: &Site,
    theme: &Theme,
    bodies: &[(usize, String)],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let shared = Shared::new(site, theme, None)?;
    let mut diagnostics = Diagnostics::default();
    let mut files = Vec::new();
    for (i, body) in bodies {
        match pages::fiches::page_with_body(&shared, *i, body) {
            Ok(file) => files.push(file),
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}

/// Renders the whole site in memory, sorted by path (for `serve` and tests).
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    render_cached(site, theme, None)
}

/// Renders the whole site in memory, reusing unchanged pages from `cache` (for `serve`).
pub fn render_cached(
    site: &Site,
    theme: &Theme,
    cache: Option<&PageCache>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let collect = Collect::default();
    render_with(site, theme, &collect, cache)?;
    Ok(collect.into_files())
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
