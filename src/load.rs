//! Stage 1, load: find the files of a root (`synergies.toml`, `content/…`) and read them as text.
//! Nothing is interpreted here; only what a file *is* (a fiche, a domain's `_index.md`, litter
//! to ignore) and whether it is readable UTF-8.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location, Position};

pub mod entries;

/// What a file under `content/` is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `content/<domaine>/<fiche>.md`
    Fiche,
    /// `content/<domaine>/_index.md`
    DomainIndex,
}

/// A readable Markdown file of the content.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// Path shown to editors, relative to the root, `/`-separated (`content/grh/plan.md`).
    pub display_path: String,
    /// Name of the domain folder, as on disk.
    pub folder: String,
    /// File name without `.md`, as on disk.
    pub stem: String,
    pub text: String,
}

#[cfg(test)]
impl SourceFile {
    /// The fiche `content/grh/plan.md` holding `text`, for tests.
    pub(crate) fn plan(text: impl Into<String>) -> SourceFile {
        SourceFile {
            kind: Kind::Fiche,
            display_path: "content/grh/plan.md".to_owned(),
            folder: "grh".to_owned(),
            stem: "plan".to_owned(),
            text: text.into(),
        }
    }
}

/// A Markdown file of the content, found but not read yet: the files are read (and dropped)
/// one by one during validation, so that the whole content never sits in memory at once.
#[derive(Debug, Clone)]
pub struct FoundFile {
    pub kind: Kind,
    /// Path shown to editors, relative to the root, `/`-separated (`content/grh/plan.md`).
    pub display_path: String,
    /// Name of the domain folder, as on disk.
    pub folder: String,
    /// File name without `.md`, as on disk.
    pub stem: String,
    pub path: PathBuf,
}

impl FoundFile {
    /// Reads the file as text; an unreadable or non-UTF-8 file is a diagnostic.
    pub fn read(self) -> Result<SourceFile, Diagnostic> {
        let text = read_text(&self.path, &self.display_path)?;
        Ok(SourceFile {
            kind: self.kind,
            display_path: self.display_path,
            folder: self.folder,
            stem: self.stem,
            text,
        })
    }
}

/// Everything found in a root.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The text of `synergies.toml`, when there is one.
    pub config: Option<String>,
    /// The content's Markdown files, in path order, not read yet.
    pub files: Vec<FoundFile>,
    /// Domain folders in `content/` (even empty ones), as on disk, sorted.
    pub folders: Vec<String>,
}

pub const CONFIG_FILE: &str = "synergies.toml";
pub const CONTENT_DIR: &str = "content";

/// Finds the files of a root and reads its settings. Problems are collected.
pub fn load(root: &Path) -> (Loaded, Diagnostics) {
    let mut loaded = Loaded::default();
    let mut diagnostics = Diagnostics::default();

    match read_config(root) {
        Ok(config) => loaded.config = config,
        Err(d) => diagnostics.push(d),
    }

    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                Code::ContenuAbsent,
                format!(
                    "le dossier `{CONTENT_DIR}` est introuvable dans {}",
                    root.display()
                ),
            )
            .help(
                "lancez la commande depuis le dossier du registre, ou indiquez-le avec \
                 `--root DOSSIER` ; les fiches se rangent dans content/<domaine>/<fiche>.md",
            ),
        );
        return (loaded, diagnostics);
    }

    let mut walker = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_litter(&e.file_name().to_string_lossy()));
    // The domain folder being walked.
    let mut folder = String::new();
    let mut links = entries::Links::default();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().map(|p| display_path(root, p));
                diagnostics.push(
                    Diagnostic::error(
                        Code::LectureImpossible,
                        format!(
                            "lecture impossible : {}",
                            crate::diagnostic::walk_reason(&error)
                        ),
                    )
                    .at(Location::file(
                        path.unwrap_or_else(|| CONTENT_DIR.to_owned()),
                    )),
                );
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        // A name that is not Unicode or that Windows cannot hold: the entry (and what a
        // folder holds) is left out.
        if let Some(d) = entries::name_problem(&entry, || display_path(root, path)) {
            diagnostics.push(d);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        // Links and special files: only a link to a regular file in the root is read.
        if !entry.file_type().is_dir() && !entry.file_type().is_file() {
            let shown = display_path(root, path);
            if let Err(d) = links.check(root, &content, &entry, &shown) {
                diagnostics.push(d);
                continue;
            }
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_dir() {
            if entry.depth() == 1 {
                loaded.folders.push(name.clone());
                folder = name;
            }
            continue;
        }
        // The walk gives a folder before what it holds: a file at depth 2 is in `folder`.
        let shown = if entry.depth() == 2 {
            let mut shown =
                String::with_capacity(CONTENT_DIR.len() + folder.len() + name.len() + 2);
            shown.push_str(CONTENT_DIR);
            shown.push('/');
            shown.push_str(&folder);
            shown.push('/');
            shown.push_str(&name);
            shown
        } else {
            display_path(root, path)
        };
        let Some(stem) = name
            .strip_suffix(".md")
            .or_else(|| name.strip_suffix(".MD"))
        else {
            let taken = taken_name(&name, path);
            diagnostics.push(ignored_file(&name, shown, taken));
            continue;
        };
        if entry.depth() != 2 {
            let why = if entry.depth() == 1 {
                "cette fiche n'est dans aucun dossier de domaine"
            } else {
                "cette fiche est dans un sous-dossier d'un domaine"
            };
            diagnostics.push(
                Diagnostic::error(Code::HorsDomaine, why)
                    .at(Location::file(shown))
                    .help(
                        "rangez chaque fiche directement dans le dossier de son domaine : \
                         content/<domaine>/<fiche>.md",
                    ),
            );
            continue;
        }
        let kind = if stem == "_index" {
            Kind::DomainIndex
        } else {
            Kind::Fiche
        };
        if kind == Kind::Fiche
            && let Some(d) = entries::reserved_page(&shown, &folder, stem)
        {
            diagnostics.push(d);
            continue;
        }
        loaded.files.push(FoundFile {
            kind,
            display_path: shown,
            folder: folder.clone(),
            stem: stem.to_owned(),
            path: path.to_path_buf(),
        });
    }
    (loaded, diagnostics)
}

/// The name a `.txt` file left out of the site would be renamed to, when a file of that name
/// is already beside it: `plan.md` for `plan.md.txt` and for `plan.txt`.
fn taken_name(name: &str, path: &Path) -> Option<String> {
    let lower = name.to_lowercase();
    let wanted = if lower.ends_with(".md.txt") {
        name[..name.len() - ".txt".len()].to_owned()
    } else if lower.ends_with(".txt") {
        format!("{}.md", &name[..name.len() - ".txt".len()])
    } else {
        return None;
    };
    // Any entry of that name, even a link: Windows' Explorer refuses the rename all the same.
    path.with_file_name(&wanted)
        .symlink_metadata()
        .is_ok()
        .then_some(wanted)
}

/// The diagnostic for a file of `content/` that is not a fiche; a Notepad `.txt` gets its
/// rename. `taken` is the fiche already holding that name: then a `.md.txt` is an edited copy
/// of it that would silently not be published, an error.
fn ignored_file(name: &str, shown: String, taken: Option<String>) -> Diagnostic {
    let lower = name.to_lowercase();
    let stem = &name[..name.len() - ".txt".len().min(name.len())];
    const SHOW_EXTENSIONS: &str = "dans l'Explorateur, cochez Affichage > Extensions de noms de fichiers pour voir le « .txt »";
    match (lower.ends_with(".md.txt"), lower.ends_with(".txt"), taken) {
        (true, _, Some(taken)) => Diagnostic::error(
            Code::CopieTxt,
            format!(
                "`{name}` n'est pas publié, et `{taken}` existe déjà à côté : cette copie \
                 contient peut-être les dernières modifications"
            ),
        )
        .at(Location::file(shown))
        .help(format!(
            "ouvrez les deux fichiers et comparez-les ; si cette copie est la bonne, supprimez \
             (ou renommez) l'ancienne `{taken}`, puis renommez cette copie `{taken}` ; sinon, \
             supprimez cette copie ({SHOW_EXTENSIONS})"
        )),
        (true, _, None) => Diagnostic::warning(
            Code::FichierIgnore,
            format!("`{name}` n'est pas publié : le Bloc-notes a ajouté « .txt » à son nom"),
        )
        .at(Location::file(shown))
        .help(format!("renommez-le `{stem}` ({SHOW_EXTENSIONS})")),
        (false, true, Some(taken)) => Diagnostic::warning(
            Code::FichierIgnore,
            format!("`{name}` n'est pas publié : seules les fiches en .md le sont"),
        )
        .at(Location::file(shown))
        .help(format!(
            "la fiche `{taken}` existe déjà à côté ; si ce fichier en est une copie plus \
             récente, comparez-les, supprimez (ou renommez) l'ancienne, puis renommez celui-ci \
             `{taken}` (dans le Bloc-notes : Enregistrer sous, Type : Tous les fichiers)"
        )),
        (false, true, None) => Diagnostic::warning(
            Code::FichierIgnore,
            format!("`{name}` n'est pas publié : seules les fiches en .md le sont"),
        )
        .at(Location::file(shown))
        .help(format!(
            "si c'est une fiche, renommez-le `{stem}.md` (dans le Bloc-notes : Enregistrer \
             sous, Type : Tous les fichiers)"
        )),
        (false, false, _) => Diagnostic::warning(
            Code::FichierIgnore,
            format!("`{name}` n'est pas une fiche (.md) : il est ignoré"),
        )
        .at(Location::file(shown))
        .help("seuls les fichiers .md du dossier content/ sont publiés"),
    }
}

/// The text of `synergies.toml`, or `None` when the root has none.
pub fn read_config(root: &Path) -> Result<Option<String>, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    entries::config_problem(root, &path)?;
    if path.is_file() {
        read_text(&path, CONFIG_FILE).map(Some)
    } else {
        Ok(None)
    }
}

/// Refuses a root that is not a register (neither `synergies.toml` nor `content/`): `import`
/// and `new` would make a new register there, published with Mons's defaults, from a typo in
/// `--root`. `synergies init` makes a register.
pub fn require_register(root: &Path) -> Result<(), Diagnostic> {
    if root.join(CONFIG_FILE).is_file() || root.join(CONTENT_DIR).is_dir() {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::PasUnRegistre,
        format!(
            "{} n'est pas un registre : ni {CONFIG_FILE} ni dossier {CONTENT_DIR}/",
            root.display()
        ),
    )
    .help(
        "vérifiez le dossier donné à --root ; pour commencer un registre, lancez d'abord \
         synergies init DOSSIER --commune \"…\" --cpas \"…\"",
    ))
}

/// Files that editors' tools leave behind, never content.
pub fn is_litter(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// A path as diagnostics show it: relative to the root, with `/` between its parts.
fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        relative.into_owned()
    } else {
        relative.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

fn read_text(path: &Path, shown: &str) -> Result<String, Diagnostic> {
    let bytes = entries::read_regular(path, shown)?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Diagnostic::error(
            Code::Encodage,
            "ce fichier est enregistré en UTF-16, pas en UTF-8",
        )
        .at(Location::file(shown))
        .note("le Bloc-notes appelle cet encodage « Unicode » ou « UTF-16 LE »")
        .help(
            "ouvrez-le dans le Bloc-notes, choisissez Fichier > Enregistrer sous…, \
                 puis Encodage : UTF-8, et enregistrez",
        ));
    }
    String::from_utf8(bytes).map_err(|error| not_utf8(shown, error))
}

/// The diagnostic for a file that is not UTF-8, pointing at the first bad byte.
fn not_utf8(shown: &str, error: std::string::FromUtf8Error) -> Diagnostic {
    let valid_up_to = error.utf8_error().valid_up_to();
    let bytes = error.into_bytes();
    // Show the line as Windows-1252 would read it: that is what the editor sees in Notepad.
    let decoded: String = bytes.iter().map(|&b| windows_1252(b)).collect();
    let offset = bytes[..valid_up_to]
        .iter()
        .map(|&b| windows_1252(b).len_utf8())
        .sum::<usize>();
    let looks_1252 = bytes[valid_up_to..]
        .iter()
        .filter(|b| **b >= 0x80)
        .all(|&b| windows_1252(b).is_alphabetic() || "«»’‘“”–—€…°".contains(windows_1252(b)));
    let mut position = Position::from_span(&decoded, offset..offset + 1);
    position.width = 1;
    let diagnostic = Diagnostic::error(Code::Encodage, "ce fichier n'est pas enregistré en UTF-8")
        .at(Location {
            path: shown.to_owned(),
            position: Some(position),
        })
        .label("premier caractère illisible");
    if looks_1252 {
        diagnostic
            .note("le fichier semble enregistré en Windows-1252 (« ANSI » dans le Bloc-notes)")
            .help(
                "ouvrez-le dans le Bloc-notes, choisissez Fichier > Enregistrer sous…, \
                 puis Encodage : UTF-8, et enregistrez",
            )
    } else {
        diagnostic.help("enregistrez le fichier avec l'encodage UTF-8")
    }
}

/// Decodes one byte as Windows-1252 (the bytes 0x80–0x9F differ from Latin-1), through
/// `encoding_rs`'s table (the WHATWG one browsers use).
pub(crate) fn windows_1252(byte: u8) -> char {
    let bytes = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_bytes_are_read_as_notepad_saves_them() {
        let all: Vec<u8> = (0..=255).collect();
        let one_by_one: String = all.iter().map(|&b| windows_1252(b)).collect();
        let (whole, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&all);
        assert_eq!(one_by_one, whole);
        assert_eq!(windows_1252(0x80), '€');
        assert_eq!(windows_1252(0x9c), 'œ');
        assert_eq!(windows_1252(0xe9), 'é');
    }

    #[test]
    fn litter_is_recognised() {
        for name in [
            "~$fiche.md",
            "fiche.md~",
            ".fiche.md.swp",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(is_litter(name), "{name}");
        }
        assert!(!is_litter("fiche.md"));
        assert!(!is_litter("_index.md"));
    }

    #[test]
    fn windows_1252_file_is_named_and_located() {
        let bytes = b"+++\ntitre = \"Egalit\xe9\"\n+++\n".to_vec();
        let error = String::from_utf8(bytes).unwrap_err();
        let d = not_utf8("content/a/b.md", error);
        let p = d.location.unwrap().position.unwrap();
        assert_eq!((p.line, p.column), (2, 16));
        assert_eq!(p.line_text, "titre = \"Egalité\"");
        assert!(d.notes[0].contains("Windows-1252"));
    }
}
