//! Watching the root for changes: `content/`, `theme/` and `archives/` recursively, the root
//! itself (not recursively) for `synergies.toml` and for those folders appearing later. Native
//! events (inotify, ReadDirectoryChangesW, FSEvents) by default; `--poll` rereads the files
//! every half second, for network shares where native events do not arrive. Either way the
//! events are debounced (a save often comes as several events) and sent to the rebuild thread.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use super::state::{State, rebuild_and_report};
use crate::archive::DIR as ARCHIVES_DIR;
use crate::load::{CONFIG_FILE, CONTENT_DIR, is_litter};
use crate::render::theme::THEME_DIR;

/// Quiet time after the last event before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
/// How often `--poll` rereads the watched files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// The running watcher; dropping it stops watching.
pub struct Watcher {
    inner: Inner,
    /// Absolute root: event paths are under it.
    root: PathBuf,
}

impl Watcher {
    /// Starts watching `root` (absolute); events go to the returned receiver.
    pub fn start(
        root: &Path,
        poll: bool,
    ) -> Result<(Watcher, Receiver<DebounceEventResult>), notify::Error> {
        let (tx, rx): (Sender<DebounceEventResult>, _) = channel();
        let inner = if poll {
            // Modification times are compared in whole seconds: compare the contents too, so
            // two saves within a second are both seen.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Inner::Poll(new_debouncer_opt(DEBOUNCE, None, tx, NoCache, config)?)
        } else {
            Inner::Native(new_debouncer_opt(
                DEBOUNCE,
                None,
                tx,
                RecommendedCache::new(),
                notify::Config::default(),
            )?)
        };
        let mut watcher = Watcher {
            inner,
            root: root.to_path_buf(),
        };
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        for dir in [CONTENT_DIR, THEME_DIR, ARCHIVES_DIR] {
            watcher.watch_folder(dir);
        }
        Ok((watcher, rx))
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.inner {
            Inner::Native(d) => d.watch(path, mode),
            Inner::Poll(d) => d.watch(path, mode),
        }
    }

    /// Watches `content/`, `theme/` or `archives/` when it exists (again after it was recreated).
    fn watch_folder(&mut self, name: &str) {
        let path = self.root.join(name);
        if path.is_dir()
            && let Err(e) = self.watch(&path, RecursiveMode::Recursive)
        {
            eprintln!("attention : le dossier {name}/ ne peut pas être surveillé : {e}");
        }
    }
}

/// The root-relative, `/`-separated path of a changed file when it matters to the site:
/// under `content/`, `theme/` or `archives/`, or `synergies.toml`; editor litter (`~$…`, `.…`)
/// does not.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => {
                let name = name.to_string_lossy();
                if is_litter(&name) {
                    return None;
                }
                parts.push(name.into_owned());
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    match parts.first().map(String::as_str) {
        Some(CONTENT_DIR) | Some(THEME_DIR) | Some(ARCHIVES_DIR) => Some(parts.join("/")),
        Some(CONFIG_FILE) if parts.len() == 1 => Some(parts.join("/")),
        _ => None,
    }
}

/// The relevant paths of a batch of debounced events (reads count for nothing: building
/// the site reads every file).
pub fn changed_paths(root: &Path, result: &DebounceEventResult) -> BTreeSet<String> {
    let mut changed = BTreeSet::new();
    match result {
        Ok(events) => {
            for event in events {
                if matches!(event.kind, EventKind::Access(_)) {
                    continue;
                }
                for path in &event.paths {
                    if let Some(relative) = relevant(root, path) {
                        changed.insert(relative);
                    }
                }
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("attention : surveillance des fichiers : {e}");
            }
        }
    }
    changed
}

/// The rebuild loop: waits for changes, rebuilds, swaps, tells the pages. Runs on its own
/// thread (building is CPU work, kept off the HTTP runtime) until the watcher stops.
pub fn rebuild_loop(
    root: PathBuf,
    mut watcher: Watcher,
    events: Receiver<DebounceEventResult>,
    state: Arc<State>,
) {
    while let Ok(first) = events.recv() {
        let mut changed = changed_paths(&watcher.root, &first);
        // Everything that arrived meanwhile goes into the same rebuild.
        while let Ok(more) = events.try_recv() {
            changed.extend(changed_paths(&watcher.root, &more));
        }
        if changed.is_empty() {
            continue;
        }
        for dir in [CONTENT_DIR, THEME_DIR, ARCHIVES_DIR] {
            if changed.contains(dir) {
                watcher.watch_folder(dir);
            }
        }
        println!("Modifié : {}", list_paths(&changed));
        // Fiches edited where only their own page shows it: those pages are served at once
        // (`quick`), the full rebuild follows.
        let started = std::time::Instant::now();
        if state.quick(&root, &changed) {
            println!(
                "Page mise à jour en {} ; le reste du site suit.",
                super::state::duration_fr(started.elapsed())
            );
        }
        rebuild_and_report(&root, &state, false);
    }
}

/// "content/a.md, content/b.md et 3 autres".
fn list_paths(paths: &BTreeSet<String>) -> String {
    const SHOWN: usize = 3;
    // As the user types them: `content\grh\a.md` on Windows.
    let shown: Vec<_> = paths
        .iter()
        .take(SHOWN)
        .map(|p| crate::diagnostic::shown_path(p))
        .collect();
    let mut text = shown.join(", ");
    if paths.len() > SHOWN {
        let more = paths.len() - SHOWN;
        text.push_str(&format!(
            " et {}",
            crate::diagnostic::plural(more, "autre", "autres")
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_theme_and_config_are_relevant() {
        let root = Path::new("/r");
        let rel = |p: &str| relevant(root, Path::new(p));
        assert_eq!(
            rel("/r/content/grh/a.md").as_deref(),
            Some("content/grh/a.md")
        );
        assert_eq!(
            rel("/r/theme/templates/base.html").as_deref(),
            Some("theme/templates/base.html")
        );
        assert_eq!(
            rel("/r/archives/2025.json").as_deref(),
            Some("archives/2025.json")
        );
        assert_eq!(rel("/r/synergies.toml").as_deref(), Some("synergies.toml"));
        assert_eq!(rel("/r/content").as_deref(), Some("content"));
        for ignored in [
            "/r/public/index.html",
            "/r/target/debug/x",
            "/r/README.md",
            "/r/content/grh/~$a.md",
            "/r/content/grh/.a.md.swp",
            "/r/content/.git/index",
            "/elsewhere/content/a.md",
            "/r/other/synergies.toml",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn long_lists_are_shortened() {
        let paths: BTreeSet<String> = ["a", "b", "c", "d", "e"].map(String::from).into();
        assert_eq!(list_paths(&paths), "a, b, c et 2 autres");
        let one: BTreeSet<String> = ["a"].map(String::from).into();
        assert_eq!(list_paths(&one), "a");
    }
}
