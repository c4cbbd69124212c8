//! What an entry of `content/` may be, decided before anything is read: its name (Unicode,
//! one Windows can hold, not a page the site writes itself) and its kind (only regular files
//! are read; a link is followed only when it stays in the root).

use std::path::{Path, PathBuf};

use walkdir::DirEntry;

use crate::diagnostic::{Code, Diagnostic, Location};

/// Names Windows gives to devices, whatever the extension and the case.
const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];

/// Characters Windows refuses in a name (the C0 controls too).
fn forbidden(c: char) -> bool {
    matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\' | '/') || c < ' '
}

/// Whether Windows takes `name` for a device: `con`, `prn`, `aux`, `nul`, `com0`–`com9`,
/// `lpt0`–`lpt9` (and `¹²³`), alone or before a dot, in any case. Called for every entry of
/// `content/`: it allocates nothing.
pub fn is_device(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    if base.len() == 3 {
        return DEVICES.iter().any(|d| base.eq_ignore_ascii_case(d));
    }
    let Some((prefix, number)) = base.split_at_checked(3) else {
        return false;
    };
    (prefix.eq_ignore_ascii_case("com") || prefix.eq_ignore_ascii_case("lpt"))
        && (matches!(number.as_bytes(), [d] if d.is_ascii_digit())
            || matches!(number, "¹" | "²" | "³"))
}

/// A name as messages show it: control characters escaped (`\u{1b}`), never sent raw to the
/// terminal.
fn shown_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Why Windows cannot hold `name`, if it cannot.
fn windows_problem(name: &str) -> Option<String> {
    let fine = !is_device(name) && !name.chars().any(forbidden) && !name.ends_with(['.', ' ']);
    if fine {
        return None;
    }
    let name_shown = &shown_name(name);
    if is_device(name) {
        return Some(format!("`{name_shown}` est un nom réservé par Windows"));
    }
    if let Some(c) = name.chars().find(|c| forbidden(*c)) {
        let c = shown_name(&c.to_string());
        return Some(format!(
            "`{name_shown}` contient le caractère {c}, que Windows refuse dans un nom"
        ));
    }
    if name.ends_with(['.', ' ']) {
        return Some(format!(
            "`{name_shown}` finit par un point ou une espace, ce que Windows ne permet pas"
        ));
    }
    None
}

/// A name Windows can hold, as close to `name` as possible: forbidden characters become `-`,
/// trailing dots and spaces go, and a device name gets `-{suffix}` after it.
pub fn windows_rename(name: &str, suffix: &str) -> String {
    let mut renamed: String = name
        .chars()
        .map(|c| if forbidden(c) { '-' } else { c })
        .collect();
    let kept = renamed.trim_end_matches(['.', ' ']).len();
    renamed.truncate(kept);
    if is_device(&renamed) {
        let base = renamed.split('.').next().unwrap_or_default().trim_end();
        let rest = &renamed[renamed.find('.').unwrap_or(renamed.len())..];
        renamed = format!("{base}-{suffix}{rest}");
    }
    if renamed.is_empty() {
        "sans-nom".to_owned()
    } else {
        renamed
    }
}

/// The problem with an entry's name, if any: not Unicode, or not one Windows can hold. The
/// path is shown with `shown` (relative to the root), control characters escaped.
pub fn name_problem(entry: &DirEntry, shown: impl FnOnce() -> String) -> Option<Diagnostic> {
    let shown = || shown_name(&shown());
    let what = if entry.file_type().is_dir() {
        "dossier"
    } else {
        "fichier"
    };
    let Some(name) = entry.file_name().to_str() else {
        return Some(
            Diagnostic::error(
                Code::NomIllisible,
                format!(
                    "le nom de ce {what} n'est pas de l'Unicode valide : il serait publié sous \
                     un nom abîmé"
                ),
            )
            .at(Location::file(shown()))
            .help("renommez-le en retapant les lettres montrées par �"),
        );
    };
    let reason = windows_problem(name).or_else(|| {
        // The page's name counts too: `Con!.md` would be published as `con.html`. Only short
        // names can give a device's slug.
        let stem = name.strip_suffix(".md").unwrap_or(name);
        let short = stem.chars().filter(|c| c.is_alphanumeric()).count() <= 4;
        let slug = short.then(|| crate::slugs::slugify(stem))?;
        is_device(&slug)
            .then(|| format!("sa page s'appellerait `{slug}`, un nom réservé par Windows"))
    })?;
    let suffix = if what == "dossier" {
        "domaine"
    } else {
        "fiche"
    };
    let mut rename = windows_rename(name, suffix);
    let (stem, extension) = match rename.strip_suffix(".md") {
        Some(stem) => (stem.to_owned(), ".md"),
        None => (rename.clone(), ""),
    };
    if is_device(&crate::slugs::slugify(&stem)) {
        rename = format!("{}-{suffix}{extension}", stem.trim_end_matches(['-', ' ']));
    }
    Some(
        Diagnostic::error(
            Code::NomWindows,
            format!("ce nom de {what} est impossible sous Windows : {reason}"),
        )
        .at(Location::file(shown()))
        .help(format!(
            "renommez-le en `{rename}`, pour que le registre et le site puissent être copiés \
             sur un partage Windows"
        )),
    )
}

/// The problem with a fiche whose page the site already writes: `index.md` (any case or
/// spelling that gives the slug `index`) would replace its domain's page.
pub fn reserved_page(shown: &str, folder: &str, stem: &str) -> Option<Diagnostic> {
    let short = stem.chars().filter(|c| c.is_alphanumeric()).count() <= 5;
    if !short || crate::slugs::slugify(stem) != "index" {
        return None;
    }
    let folder_slug = crate::slugs::slugify(folder);
    Some(
        Diagnostic::error(
            Code::NomReserve,
            format!(
                "cette fiche donnerait la page domaines/{folder_slug}/index.html, qui est déjà \
                 la page du domaine"
            ),
        )
        .at(Location::file(shown))
        .help(format!(
            "renommez la fiche, par exemple en `index-{folder_slug}.md` ; la présentation du \
             domaine va dans content/{folder}/_index.md"
        )),
    )
}

/// Decides about entries that are neither a folder nor a regular file: links and special
/// files. The root is made absolute once, at the first link.
#[derive(Default)]
pub struct Links {
    inside: Option<Vec<PathBuf>>,
}

impl Links {
    /// `Ok` for a link to a regular file in the root (read through the link); otherwise the
    /// diagnostic that says why the entry is skipped. Nothing is opened: a FIFO would block.
    pub fn check(
        &mut self,
        root: &Path,
        content: &Path,
        entry: &DirEntry,
        shown: &str,
    ) -> Result<(), Diagnostic> {
        let at = || Location::file(shown);
        if !entry.path_is_symlink() {
            return Err(special(entry, at()));
        }
        let target = dunce::canonicalize(entry.path()).map_err(|_| {
            Diagnostic::error(
                Code::LectureImpossible,
                "lecture impossible : ce lien symbolique ne mène à aucun fichier",
            )
            .at(at())
            .help("supprimez le lien, ou remplacez-le par la fiche elle-même")
        })?;
        let inside = self.inside.get_or_insert_with(|| {
            [root, content]
                .iter()
                .filter_map(|p| dunce::canonicalize(p).ok())
                .collect()
        });
        if !inside.iter().any(|folder| target.starts_with(folder)) {
            return Err(Diagnostic::error(
                Code::LienHorsRegistre,
                "ce lien symbolique mène hors du dossier du registre : il n'est ni lu ni publié",
            )
            .at(at())
            .help(
                "copiez la fiche dans le dossier de son domaine au lieu d'y mettre un lien, ou \
                 supprimez le lien",
            ));
        }
        match std::fs::metadata(&target) {
            Ok(meta) if meta.is_file() => Ok(()),
            Ok(meta) if meta.is_dir() => Err(Diagnostic::warning(
                Code::FichierSpecial,
                format!(
                    "`{}` est un lien vers un dossier : il n'est pas suivi, et ce qu'il contient \
                     n'est pas publié",
                    entry.file_name().to_string_lossy()
                ),
            )
            .at(at())
            .help("rangez les fiches dans le dossier de leur domaine lui-même")),
            _ => Err(special(entry, at())),
        }
    }
}

/// The problem with `synergies.toml` that forbids reading it: a link that leads out of the
/// root, or something that is not a regular file (a FIFO would block the read).
pub fn config_problem(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let shown = crate::load::CONFIG_FILE;
    if meta.file_type().is_symlink() {
        let inside = dunce::canonicalize(root).ok();
        let target = dunce::canonicalize(path).ok();
        if let (Some(inside), Some(target)) = (inside, target)
            && !target.starts_with(&inside)
        {
            return Err(Diagnostic::error(
                Code::LienHorsRegistre,
                "ce lien symbolique mène hors du dossier du registre : il n'est pas lu",
            )
            .at(Location::file(shown))
            .help("remplacez le lien par le fichier synergies.toml lui-même"));
        }
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => Err(Diagnostic::error(
            Code::FichierSpecial,
            "`synergies.toml` n'est pas un fichier ordinaire (tube nommé, prise ou \
             périphérique) : il n'est pas ouvert",
        )
        .at(Location::file(shown))
        .help("remplacez-le par un simple fichier texte")),
        _ => Ok(()),
    }
}

/// Opens `path` for reading without following a link in its last part (`O_NOFOLLOW`) and
/// without waiting for a writer when it is a FIFO (`O_NONBLOCK`, which changes nothing for a
/// regular file): the kind is then checked on the open file, at no extra system call. Also
/// how `output` reads the previous site's files.
#[cfg(unix)]
pub(crate) fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Whether opening failed because the last part of the path is a link.
#[cfg(unix)]
fn is_link(error: &std::io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::ELOOP) | Some(libc::EMLINK))
}

#[cfg(not(unix))]
pub(crate) fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(not(unix))]
fn is_link(_error: &std::io::Error) -> bool {
    false
}

/// The bytes of the regular file at `path`, shown as `shown` (its path relative to the root).
/// The walk has checked what it found; this holds for a file that changed since, and for
/// callers that did not walk (`serve`'s quick step): a link out of the root is refused, and a
/// FIFO or device is never read.
pub fn read_regular(path: &Path, shown: &str) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let at = || Location::file(shown_name(shown));
    let unreadable = |error: std::io::Error| {
        Diagnostic::error(
            Code::LectureImpossible,
            format!(
                "lecture impossible : {}",
                crate::diagnostic::io_reason(&error)
            ),
        )
        .at(at())
    };
    let mut file = match open_no_follow(path) {
        Ok(file) => file,
        Err(error) if is_link(&error) => {
            // `shown` is relative to the root: the root is as many levels up.
            let depth = Path::new(shown).components().count();
            let root = path.ancestors().nth(depth).unwrap_or(path);
            let content = root.join(crate::load::CONTENT_DIR);
            let inside: Vec<PathBuf> = [root, content.as_path()]
                .iter()
                .filter_map(|p| dunce::canonicalize(p).ok())
                .collect();
            let target = dunce::canonicalize(path).map_err(unreadable)?;
            if !inside.iter().any(|folder| target.starts_with(folder)) {
                return Err(Diagnostic::error(
                    Code::LienHorsRegistre,
                    "ce lien symbolique mène hors du dossier du registre : il n'est pas lu",
                )
                .at(at())
                .help("remplacez le lien par le fichier lui-même"));
            }
            open_no_follow(&target).map_err(unreadable)?
        }
        Err(error) => return Err(unreadable(error)),
    };
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            Code::FichierSpecial,
            "ce n'est pas un fichier ordinaire (tube nommé, prise ou périphérique) : il n'est \
             pas lu",
        )
        .at(at())
        .help("remplacez-le par un simple fichier texte"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    Ok(bytes)
}

/// A FIFO, socket or device (or a link to one): reported, never opened.
fn special(entry: &DirEntry, at: Location) -> Diagnostic {
    Diagnostic::warning(
        Code::FichierSpecial,
        format!(
            "`{}` n'est pas un fichier ordinaire (tube nommé, prise ou périphérique) : il n'est \
             pas ouvert, et il est ignoré",
            entry.file_name().to_string_lossy()
        ),
    )
    .at(at)
    .help("supprimez-le du dossier content/ ; une fiche est un simple fichier texte .md")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read_regular` on `path` (shown `content/grh/x.md`), failing the test if it blocks.
    #[cfg(unix)]
    fn read_within_a_second(path: PathBuf) -> Result<Vec<u8>, Diagnostic> {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(read_regular(&path, "content/grh/x.md")));
        receive
            .recv_timeout(std::time::Duration::from_secs(1))
            .expect("reading blocked")
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_in_the_root_are_read_even_after_the_walk() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        let root = tempfile::tempdir().unwrap();
        let grh = root.path().join("content/grh");
        std::fs::create_dir_all(&grh).unwrap();
        std::fs::write(root.path().join("brouillon.md"), "brouillon").unwrap();
        let x = grh.join("x.md");

        std::fs::write(&x, "fiche").unwrap();
        assert_eq!(read_within_a_second(x.clone()).unwrap(), b"fiche");

        std::fs::remove_file(&x).unwrap();
        std::os::unix::fs::symlink(root.path().join("brouillon.md"), &x).unwrap();
        assert_eq!(read_within_a_second(x.clone()).unwrap(), b"brouillon");

        std::fs::remove_file(&x).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), &x).unwrap();
        let e = read_within_a_second(x.clone()).unwrap_err();
        assert_eq!(e.code, Code::LienHorsRegistre);
        assert!(!e.to_string().contains("secret"), "{e}");

        std::fs::remove_file(&x).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&x)
            .status()
            .unwrap();
        assert!(made.success());
        let e = read_within_a_second(x.clone()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "erreur[fichier-special] : ce n'est pas un fichier ordinaire (tube nommé, prise ou \
             périphérique) : il n'est pas lu\n --> content/grh/x.md\n  = aide : remplacez-le \
             par un simple fichier texte\n"
        );
    }

    #[test]
    fn windows_device_names_are_recognised_with_any_extension_and_case() {
        for name in [
            "con",
            "CON",
            "Con.md",
            "aux.md",
            "nul.txt.md",
            "prn",
            "com1.md",
            "COM9",
            "lpt1.md",
            "LPT9.x",
            "con .md",
            "com¹.md",
        ] {
            assert!(is_device(name), "{name}");
        }
        for name in [
            "console.md",
            "com10.md",
            "com.md",
            "lpt.md",
            "aux-fiche.md",
            "nulle.md",
        ] {
            assert!(!is_device(name), "{name}");
        }
    }

    #[test]
    fn the_rename_offered_is_one_windows_can_hold() {
        for (name, renamed) in [
            ("aux.md", "aux-fiche.md"),
            ("CON", "CON-domaine"),
            ("Plan : 2026.md", "Plan - 2026.md"),
            ("a<b>c|d?e*f\"g.md", "a-b-c-d-e-f-g.md"),
            ("grh.", "grh"),
            ("grh . ", "grh"),
            ("...", "sans-nom"),
        ] {
            let suffix = if name.ends_with(".md") {
                "fiche"
            } else {
                "domaine"
            };
            let got = windows_rename(name, suffix);
            assert_eq!(got, renamed, "{name}");
            assert_eq!(windows_problem(&got), None, "{got}");
        }
    }
}
