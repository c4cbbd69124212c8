//! The site as served: the rendered files in memory, keyed by their `/`-separated path, with
//! their content type, and the live-reload tags injected into every HTML page. Only a path that
//! is a key of this map is ever served: nothing is read from disk per request, so `..`, encoded
//! slashes, backslashes, absolute paths and symlinks cannot reach any other file.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use axum::body::Bytes;

use crate::render::OutputFile;

/// Where the server's own files live; no page of the site can be there.
pub const PREFIX: &str = "/__synergies/";
pub const RELOAD_JS: &str = "/__synergies/reload.js";
pub const OVERLAY_CSS: &str = "/__synergies/overlay.css";
pub const EVENTS: &str = "/__synergies/events";
pub const STATUS: &str = "/__synergies/status";

/// One file ready to send.
#[derive(Debug, Clone)]
pub struct Served {
    pub bytes: Bytes,
    pub content_type: &'static str,
}

/// The last good site: every file, and a version that changes when any byte does.
#[derive(Debug, Default)]
pub struct SiteMap {
    files: HashMap<String, Served>,
    /// Hex digest of the rendered files (before injection); empty when nothing was built yet.
    pub version: String,
}

impl SiteMap {
    /// The served form of a freshly rendered site: HTML pages get the live-reload tags.
    pub fn new(files: Vec<OutputFile>) -> SiteMap {
        let version = version_of(&files);
        let files = files
            .into_iter()
            .map(|file| {
                let content_type = content_type(&file.path);
                let bytes = if is_html(&file.path) {
                    inject(&file.bytes, &version)
                } else {
                    file.bytes
                };
                (
                    file.path,
                    Served {
                        bytes: Bytes::from(bytes),
                        content_type,
                    },
                )
            })
            .collect();
        SiteMap { files, version }
    }

    /// This site with some pages replaced (the quick step of a rebuild), under a new version;
    /// `None` when no page changed.
    pub fn with_pages(&self, pages: Vec<OutputFile>) -> Option<SiteMap> {
        let mut hasher = DefaultHasher::new();
        self.version.hash(&mut hasher);
        let mut changed = Vec::new();
        for page in pages {
            page.path.hash(&mut hasher);
            page.bytes.hash(&mut hasher);
            changed.push(page);
        }
        let version = format!("{:016x}", hasher.finish());
        let mut files = self.files.clone();
        let mut any = false;
        for page in changed {
            let bytes = if is_html(&page.path) {
                inject(&page.bytes, &version)
            } else {
                page.bytes
            };
            let served = Served {
                bytes: Bytes::from(bytes),
                content_type: content_type(&page.path),
            };
            // Unchanged apart from the version in its reload tag: not a change.
            let before = self
                .files
                .get(&page.path)
                .map(|s| strip(&s.bytes, &self.version));
            if before.as_deref() != Some(&strip(&served.bytes, &version)[..]) {
                any = true;
            }
            files.insert(page.path, served);
        }
        any.then(|| SiteMap { files, version })
    }

    pub fn get(&self, path: &str) -> Option<&Served> {
        self.files.get(path)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }
}

/// A digest of every path and byte: equal sites have equal versions, so a rebuild that changed
/// nothing reloads no page, and a page can tell whether it is out of date.
pub fn version_of(files: &[OutputFile]) -> String {
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.path.hash(&mut hasher);
        file.bytes.hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

fn is_html(path: &str) -> bool {
    path.ends_with(".html")
}

/// The tags added to every served page (never to `build` output): the overlay's stylesheet and
/// the reload script, both same-origin files, as the pages' Content-Security-Policy requires.
pub fn reload_tags(version: &str) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{OVERLAY_CSS}\">\
         <script src=\"{RELOAD_JS}\" data-version=\"{version}\" defer></script>"
    )
}

/// `html` with the reload tags before `</head>` (or `</body>`, or at the end).
pub fn inject(html: &[u8], version: &str) -> Vec<u8> {
    let tags = reload_tags(version);
    let at = find_ascii_ci(html, b"</head>")
        .or_else(|| find_ascii_ci(html, b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tags.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tags.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// `served` without its reload tags for `version`.
fn strip(served: &[u8], version: &str) -> Vec<u8> {
    let tags = reload_tags(version);
    match served
        .windows(tags.len())
        .position(|w| w == tags.as_bytes())
    {
        Some(at) => [&served[..at], &served[at + tags.len()..]].concat(),
        None => served.to_vec(),
    }
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The Content-Type of a site file, from its extension (`mime_guess`); text is UTF-8.
pub fn content_type(path: &str) -> &'static str {
    let guessed = mime_guess::from_path(path).first_raw();
    with_charset(guessed.unwrap_or("application/octet-stream"))
}

/// `mime` with `; charset=utf-8` when it is text (every text file of the site is UTF-8). Each
/// such type is made once and kept for the process (a handful: HTML, CSS, JavaScript, JSON…).
fn with_charset(mime: &'static str) -> &'static str {
    let text = mime.starts_with("text/")
        || matches!(
            mime,
            "application/json" | "application/javascript" | "application/xml"
        );
    if !text {
        return mime;
    }
    static KNOWN: std::sync::Mutex<Vec<(&str, &str)>> = std::sync::Mutex::new(Vec::new());
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, typed)) = known.iter().find(|(m, _)| *m == mime) {
        return typed;
    }
    let typed: &'static str = format!("{mime}; charset=utf-8").leak();
    known.push((mime, typed));
    typed
}

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A key of the site map (`domaines/grh/index.html`).
    File(String),
    /// A folder asked without its final `/`: redirect there so relative links work.
    Folder(String),
}

/// Turns the raw (still percent-encoded) path of a request into the key of a site file, or
/// `None` when the path cannot name one: `.` or `..` segments, empty segments (`//`), encoded
/// `/` or `\`, backslashes, NUL and control characters, `:` (drives, alternate streams), invalid
/// escapes or UTF-8. The key is never touched by the file system; this only keeps nonsense out.
pub fn resolve(raw_path: &str) -> Option<String> {
    let rest = raw_path.strip_prefix('/')?;
    if rest.is_empty() {
        return Some("index.html".to_owned());
    }
    let (rest, folder) = match rest.strip_suffix('/') {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    let mut segments = Vec::new();
    for raw in rest.split('/') {
        let segment = percent_decode(raw)?;
        if segment.is_empty()
            || segment == "."
            || segment == ".."
            || segment
                .chars()
                .any(|c| matches!(c, '/' | '\\' | ':') || c.is_control())
        {
            return None;
        }
        segments.push(segment);
    }
    if folder {
        segments.push("index.html".to_owned());
    }
    Some(segments.join("/"))
}

/// Looks a request path up in a site: a file, a folder to redirect to, or nothing.
pub fn lookup(site: &SiteMap, raw_path: &str) -> Option<Resolved> {
    let key = resolve(raw_path)?;
    if site.get(&key).is_some() {
        return Some(Resolved::File(key));
    }
    if !raw_path.ends_with('/') && site.get(&format!("{key}/index.html")).is_some() {
        return Some(Resolved::Folder(format!("{raw_path}/")));
    }
    None
}

/// `%XX` escapes decoded; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    // percent-encoding keeps a `%` that starts no escape as it is: refused here instead.
    let malformed = segment.split('%').skip(1).any(|after| {
        !after
            .as_bytes()
            .get(..2)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if malformed {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(segment).decode_utf8();
    decoded.ok().map(std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteMap {
        SiteMap::new(vec![
            OutputFile {
                path: "index.html".to_owned(),
                bytes: b"<html><head><title>t</title></head><body></body></html>".to_vec(),
            },
            OutputFile {
                path: "domaines/grh/index.html".to_owned(),
                bytes: b"<html><head></head></html>".to_vec(),
            },
            OutputFile {
                path: "domaines/grh/plan-de-formation.html".to_owned(),
                bytes: b"<html><HEAD></HEAD></html>".to_vec(),
            },
            OutputFile {
                path: "assets/site.css".to_owned(),
                bytes: b"body{}".to_vec(),
            },
            OutputFile {
                path: "synergies.csv".to_owned(),
                bytes: b"a;b\r\n".to_vec(),
            },
        ])
    }

    #[test]
    fn plain_paths_resolve_to_site_keys() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/index.html").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/domaines/grh/").as_deref(),
            Some("domaines/grh/index.html")
        );
        assert_eq!(
            resolve("/domaines/%C3%A9galit%C3%A9/a.html").as_deref(),
            Some("domaines/égalité/a.html")
        );
        assert_eq!(resolve("/a%20b.html").as_deref(), Some("a b.html"));
    }

    #[test]
    fn traversal_and_odd_paths_resolve_to_nothing() {
        for path in [
            "",
            "index.html",
            "/../Cargo.toml",
            "/./index.html",
            "/domaines/../index.html",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/synergies.toml",
            "/.%2e/synergies.toml",
            "/domaines/..%2f..%2fsynergies.toml",
            "/domaines/%2e%2e%2F%2e%2e%2Fsynergies.toml",
            "/..\\synergies.toml",
            "/..%5csynergies.toml",
            "/domaines\\grh\\index.html",
            "//etc/passwd",
            "/domaines//grh/index.html",
            "/C:/Windows/win.ini",
            "/C%3A/Windows/win.ini",
            "/index.html%00.css",
            "/index.html%0a",
            "/%",
            "/%zz",
            "/%c3",
            "/%ff.html",
        ] {
            assert_eq!(resolve(path), None, "{path:?}");
        }
    }

    #[test]
    fn lookup_serves_only_map_keys_and_redirects_folders() {
        let site = site();
        assert_eq!(
            lookup(&site, "/"),
            Some(Resolved::File("index.html".to_owned()))
        );
        assert_eq!(
            lookup(&site, "/domaines/grh"),
            Some(Resolved::Folder("/domaines/grh/".to_owned()))
        );
        assert_eq!(
            lookup(&site, "/domaines/grh/"),
            Some(Resolved::File("domaines/grh/index.html".to_owned()))
        );
        for path in [
            "/synergies.toml",
            "/content/grh/plan-de-formation.md",
            "/domaines",
            "/domaines/grh/absent.html",
            "/../index.html",
            "/assets/../index.html",
            "/%2e%2e/index.html",
        ] {
            assert_eq!(lookup(&site, path), None, "{path}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/site.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("assets/recherche.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type("synergies.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("synergies.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("logo.SVG"), "image/svg+xml");
        assert_eq!(content_type("rapport.pdf"), "application/pdf");
        assert_eq!(content_type("favicon.ico"), "image/x-icon");
        assert_eq!(content_type("LICENCE"), "application/octet-stream");
        assert_eq!(
            content_type("assets/notes.txt"),
            content_type("autres/notes.TXT"),
            "one content type for one extension"
        );
        assert_eq!(content_type("notes.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("a.unknown"), "application/octet-stream");
    }

    #[test]
    fn html_pages_get_the_reload_tags_and_nothing_else_does() {
        let site = site();
        let version = site.version.clone();
        let tags = reload_tags(&version);
        let index = std::str::from_utf8(&site.get("index.html").unwrap().bytes).unwrap();
        assert_eq!(
            index,
            format!("<html><head><title>t</title>{tags}</head><body></body></html>")
        );
        let upper = std::str::from_utf8(
            &site
                .get("domaines/grh/plan-de-formation.html")
                .unwrap()
                .bytes,
        )
        .unwrap();
        assert_eq!(upper, format!("<html><HEAD>{tags}</HEAD></html>"));
        assert_eq!(&site.get("assets/site.css").unwrap().bytes[..], b"body{}");
        assert_eq!(
            site.get("synergies.csv").unwrap().content_type,
            "text/csv; charset=utf-8"
        );
        assert!(tags.contains("src=\"/__synergies/reload.js\""));
        assert!(!tags.contains("<style") && !tags.contains("style="));
    }

    #[test]
    fn inject_falls_back_to_body_then_end() {
        assert_eq!(
            inject(b"<p>x</p></body>", "v"),
            format!("<p>x</p>{}</body>", reload_tags("v")).into_bytes()
        );
        assert_eq!(
            inject(b"<p>x</p>", "v"),
            format!("<p>x</p>{}", reload_tags("v")).into_bytes()
        );
    }

    #[test]
    fn the_version_changes_with_any_byte_and_only_then() {
        let a = vec![OutputFile {
            path: "index.html".to_owned(),
            bytes: b"a".to_vec(),
        }];
        let mut b = a.clone();
        assert_eq!(version_of(&a), version_of(&b));
        b[0].bytes = b"b".to_vec();
        assert_ne!(version_of(&a), version_of(&b));
    }
}
