//! The theme: Tera templates and static files. The default theme is built into the binary;
//! a `theme/` folder in the root overrides it file by file (and may add files).

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diagnostic::{Code, Diagnostic, Location};

static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/theme");

pub const THEME_DIR: &str = "theme";

/// Every file of the theme, by path relative to the theme folder (`templates/base.html`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in theme, overridden by the files of `root/theme` when it exists.
    pub fn load(root: &Path) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::built_in();
        let dir = root.join(THEME_DIR);
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    Diagnostic::error(
                        Code::ThemeIllisible,
                        format!(
                            "lecture du thème impossible : {}",
                            crate::diagnostic::walk_reason(&e)
                        ),
                    )
                    .at(Location::file(THEME_DIR))
                })?;
                if !entry.file_type().is_file()
                    || crate::load::is_litter(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let relative = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    Diagnostic::error(
                        Code::ThemeIllisible,
                        format!("lecture impossible : {}", crate::diagnostic::io_reason(&e)),
                    )
                    .at(Location::file(format!("{THEME_DIR}/{relative}")))
                })?;
                theme.files.insert(relative, bytes);
            }
        }
        Ok(theme)
    }

    /// The built-in text of a template, by name relative to `templates/`.
    pub fn built_in_template_of(name: &str) -> Option<&'static [u8]> {
        BUILT_IN
            .get_file(format!("templates/{name}"))
            .map(|file| file.contents())
    }

    pub fn built_in() -> Theme {
        let mut files = BTreeMap::new();
        collect(&BUILT_IN, &mut files);
        Theme { files }
    }

    /// Templates, by name relative to `templates/`.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.under("templates/")
    }

    /// The text of a template, by name relative to `templates/`.
    pub fn template_source(&self, name: &str) -> Option<&str> {
        self.files
            .get(&format!("templates/{name}"))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
    }

    /// Static files, by path relative to `static/`.
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.under("static/")
    }

    fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.files.iter().filter_map(move |(path, bytes)| {
            path.strip_prefix(prefix)
                .map(|name| (name, bytes.as_slice()))
        })
    }
}

fn collect(dir: &Dir<'static>, files: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if !crate::load::is_litter(path.rsplit('/').next().unwrap_or_default()) {
            files.insert(path, file.contents().to_vec());
        }
    }
    for sub in dir.dirs() {
        collect(sub, files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_theme_has_the_page_templates_and_stylesheets() {
        let theme = Theme::built_in();
        let templates: Vec<_> = theme.templates().map(|(n, _)| n.to_owned()).collect();
        for name in ["base.html", "index.html", "domaine.html", "fiche.html"] {
            assert!(
                templates.iter().any(|t| t == name),
                "{name} in {templates:?}"
            );
        }
        assert!(theme.statics().any(|(n, _)| n == "site.css"));
        assert!(theme.statics().any(|(n, _)| n == "print.css"));
    }

    #[test]
    fn a_root_theme_overrides_one_file_and_keeps_the_rest() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("theme/static")).unwrap();
        std::fs::write(root.path().join("theme/static/site.css"), "body{}").unwrap();
        let theme = Theme::load(root.path()).unwrap();
        let css = theme.statics().find(|(n, _)| *n == "site.css").unwrap().1;
        assert_eq!(css, b"body{}");
        assert!(theme.templates().any(|(n, _)| n == "base.html"));
    }
}
