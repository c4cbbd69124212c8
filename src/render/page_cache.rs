//! [`PageCache`]: the pages of `serve`'s previous render, reused when nothing they were
//! rendered from changed.

use tera::Context;

use super::Theme;

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
    pub(super) fn begin(&self, theme: &Theme, global: &Context) {
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

    pub(super) fn lookup(&self, path: &str, context: &Context) -> Option<Vec<u8>> {
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

    pub(super) fn store(&self, path: &str, context: Context, bytes: &[u8]) {
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
