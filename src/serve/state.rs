//! The server's shared state: the last good site (swapped whole after each successful rebuild)
//! and the status the browser pages follow (version, errors). Requests only ever read a
//! finished [`SiteMap`]; a rebuild prepares the next one on the side.

use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::watch;

use super::quick::LastGood;
use super::site::SiteMap;
use crate::diagnostic::{Code, plural};
use crate::{Diagnostics, render};

/// What the pages are told: the version of the site being served and the errors that keep it
/// from being up to date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Version of the last good site (empty when none was built yet).
    pub version: String,
    /// Number of errors of the last build (0 when the served site is up to date).
    pub errors: usize,
    /// "Le site n'est pas à jour : 1 erreur" (empty when up to date).
    pub title: String,
    /// The errors as `check` prints them.
    pub diagnostics: String,
    /// What each kind of error means, as `synergies explique` prints it (empty when up to
    /// date): the panel offers it under the errors.
    pub explanations: String,
}

/// A successful build, in memory.
pub struct Built {
    pub files: Vec<render::OutputFile>,
    /// What it was built from, for the next rebuild's quick step.
    pub last: Option<LastGood>,
    pub fiches: usize,
    pub domains: usize,
    pub warnings: usize,
}

/// Loads, checks and renders `root` in memory, as `build` does minus the writing. This is the
/// single rebuild step: a finer, per-page rebuild would replace this function only.
pub fn rebuild(root: &Path, pages: &render::PageCache) -> Result<Built, Diagnostics> {
    let (site, mut diagnostics) = crate::check(root);
    let Some(site) = site else {
        return Err(errors_only(diagnostics));
    };
    let theme = match render::Theme::load(root) {
        Ok(theme) => theme,
        Err(d) => {
            diagnostics.push(d);
            return Err(errors_only(diagnostics));
        }
    };
    // Pages whose inputs did not change since the last rebuild are reused, not rendered again.
    match render::render(&site, &theme, Some(pages)) {
        Ok(files) => Ok(Built {
            files,
            fiches: site.fiches.len(),
            domains: site.domains.len(),
            warnings: diagnostics.warning_count(),
            last: Some(LastGood { site, theme }),
        }),
        Err(errors) => {
            diagnostics.extend(errors);
            Err(errors_only(diagnostics))
        }
    }
}

fn errors_only(diagnostics: Diagnostics) -> Diagnostics {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect::<Diagnostics>()
        .sorted()
}

/// What happened to the served site after a rebuild.
#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    /// A new site is served; open pages reload.
    Swapped,
    /// The build succeeded but produced the same bytes: nothing to reload.
    Unchanged,
    /// The build failed; the last good site stays.
    Failed,
}

pub struct State {
    site: RwLock<Arc<SiteMap>>,
    /// The model and theme of the served site, when it came from a full rebuild.
    last: std::sync::Mutex<Option<LastGood>>,
    /// Rendered pages kept between rebuilds.
    pages: render::PageCache,
    status: watch::Sender<Status>,
}

impl State {
    pub fn new() -> State {
        State {
            site: RwLock::new(Arc::new(SiteMap::default())),
            last: std::sync::Mutex::new(None),
            pages: render::PageCache::default(),
            status: watch::Sender::new(Status::default()),
        }
    }

    /// The site being served; requests hold this `Arc` while they answer, so a swap never
    /// changes a response half-way.
    pub fn site(&self) -> Arc<SiteMap> {
        match self.site.read() {
            Ok(site) => Arc::clone(&site),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    pub fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    pub fn subscribe(&self) -> watch::Receiver<Status> {
        self.status.subscribe()
    }

    /// Serves new versions of some pages at once (the quick step), keeping every other file.
    /// Returns whether anything changed.
    pub fn apply_pages(&self, pages: Vec<render::OutputFile>) -> bool {
        let current = self.site();
        let Some(next) = current.with_pages(pages) else {
            return false;
        };
        let version = next.version.clone();
        match self.site.write() {
            Ok(mut site) => *site = Arc::new(next),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(next),
        }
        self.status.send_replace(Status {
            version,
            ..Status::default()
        });
        true
    }

    /// The quick step for `changed` (see [`super::quick`]): whether it served new pages. Not
    /// while the last build failed: the errors it reports are the full rebuild's to clear.
    pub fn quick(&self, root: &Path, changed: &std::collections::BTreeSet<String>) -> bool {
        if self.status.borrow().errors > 0 {
            return false;
        }
        let pages = match self.last.lock() {
            Ok(mut last) => last
                .as_mut()
                .and_then(|last| super::quick::pages(root, last, changed)),
            Err(_) => None,
        };
        pages.is_some_and(|pages| self.apply_pages(pages))
    }

    /// Swaps in a successful build, or records the errors of a failed one.
    pub fn apply(&self, result: Result<Built, Diagnostics>) -> Applied {
        match result {
            Ok(mut built) => {
                if let Ok(mut last) = self.last.lock() {
                    *last = built.last.take();
                }
                let version = super::site::version_of(&built.files);
                let applied = if version == self.site().version {
                    Applied::Unchanged
                } else {
                    let next = Arc::new(SiteMap::new(built.files));
                    match self.site.write() {
                        Ok(mut site) => *site = next,
                        Err(poisoned) => *poisoned.into_inner() = next,
                    }
                    Applied::Swapped
                };
                self.status.send_replace(Status {
                    version,
                    ..Status::default()
                });
                applied
            }
            Err(diagnostics) => {
                let errors = diagnostics.error_count();
                self.status.send_replace(Status {
                    version: self.site().version.clone(),
                    errors,
                    title: not_up_to_date(errors),
                    diagnostics: diagnostics.to_string(),
                    explanations: crate::diagnostic::explain::of_errors(&diagnostics),
                });
                Applied::Failed
            }
        }
    }
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

/// "Le site n'est pas à jour : 2 erreurs".
pub fn not_up_to_date(errors: usize) -> String {
    format!(
        "Le site n'est pas à jour : {}",
        plural(errors, "erreur", "erreurs")
    )
}

/// "85 ms", "1,3 s": a duration for the terminal.
pub fn duration_fr(duration: Duration) -> String {
    let ms = duration.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", duration.as_secs_f64()).replace('.', ",")
    }
}

/// Runs [`rebuild`], applies it and prints what happened, in French.
pub fn rebuild_and_report(root: &Path, state: &State, first: bool) -> Applied {
    let started = Instant::now();
    // A bug in a stage must not end live reloading: it becomes an error like the others (the
    // panic message itself is already printed), and the last good site stays.
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rebuild(root, &state.pages)))
            .unwrap_or_else(|_| {
                Err([crate::Diagnostic::error(
                    Code::Interne,
                    "la construction du site s'est arrêtée sur une erreur interne de synergies",
                )
                .help(
                    "signalez-la avec le message ci-dessus ; le dernier site correct reste servi",
                )]
                .into_iter()
                .collect())
            });
    let took = duration_fr(started.elapsed());
    let had_errors = state.status().errors > 0;
    // What to print, kept before the files move into the served site.
    let report = match &result {
        Ok(built) => Ok((
            built.fiches,
            built.domains,
            built.files.len(),
            built.warnings,
        )),
        Err(diagnostics) => Err(diagnostics.clone()),
    };
    let applied = state.apply(result);
    match report {
        Ok((fiches, domains, files, warnings)) => {
            if warnings > 0 {
                eprintln!(
                    "{} : lancez `synergies check` (sous Windows : « Vérifier les fiches ») pour le détail.",
                    plural(warnings, "avertissement", "avertissements")
                );
            }
            let fixed = if had_errors {
                "Erreurs corrigées. "
            } else {
                ""
            };
            let what = format!(
                "{}, {}, {}",
                plural(fiches, "fiche", "fiches"),
                plural(domains, "domaine", "domaines"),
                plural(files, "fichier", "fichiers"),
            );
            match applied {
                _ if first => println!("Site construit en mémoire en {took} : {what}."),
                Applied::Swapped => {
                    let (rendered, reused) = state.pages.counts();
                    println!(
                        "{fixed}Site reconstruit en {took} : {what} ({} recalculée{}, {} inchangée{}) ; les pages ouvertes se rechargent.",
                        plural(rendered, "page", "pages"),
                        if rendered > 1 { "s" } else { "" },
                        reused,
                        if reused > 1 { "s" } else { "" },
                    )
                }
                _ => {
                    println!("{fixed}Site reconstruit en {took} : aucun changement dans les pages.")
                }
            }
        }
        Err(diagnostics) => {
            eprint!("{diagnostics}");
            let errors = diagnostics.error_count();
            let kept = if state.site().is_empty() {
                "Aucun site n'a encore pu être construit"
            } else {
                "La dernière version correcte reste servie"
            };
            eprintln!(
                "{} (voir ci-dessus). {kept} ; corrigez puis enregistrez le fichier : le site se reconstruira tout seul.",
                not_up_to_date(errors)
            );
        }
    }
    applied
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn built(text: &str) -> Result<Built, Diagnostics> {
        Ok(Built {
            files: vec![OutputFile {
                path: "index.html".to_owned(),
                bytes: format!("<head></head>{text}").into_bytes(),
            }],
            fiches: 1,
            domains: 1,
            warnings: 0,
            last: None,
        })
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_site_and_reports_its_errors() {
        let state = State::new();
        assert_eq!(state.apply(built("a")), Applied::Swapped);
        let good = state.site();
        let version = state.status().version;
        assert!(!version.is_empty());

        let errors: Diagnostics = [crate::Diagnostic::error(Code::ValeurInconnue, "« Vile »")]
            .into_iter()
            .collect();
        assert_eq!(state.apply(Err(errors)), Applied::Failed);
        assert!(Arc::ptr_eq(&good, &state.site()));
        let status = state.status();
        assert_eq!(status.version, version);
        assert_eq!(status.errors, 1);
        assert_eq!(status.title, "Le site n'est pas à jour : 1 erreur");
        assert!(status.diagnostics.contains("« Vile »"));

        // Fixed back to the same bytes: the errors clear, no reload.
        assert_eq!(state.apply(built("a")), Applied::Unchanged);
        assert_eq!(
            state.status(),
            Status {
                version,
                ..Status::default()
            }
        );
        assert_eq!(state.apply(built("b")), Applied::Swapped);
        assert!(!Arc::ptr_eq(&good, &state.site()));
    }

    #[test]
    fn durations_read_in_french() {
        assert_eq!(duration_fr(Duration::from_millis(85)), "85 ms");
        assert_eq!(duration_fr(Duration::from_millis(1300)), "1,3 s");
    }
}
