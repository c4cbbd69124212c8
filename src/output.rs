//! Stage 5, write: puts the rendered files on disk so that the published folder is never
//! half-written. Everything goes to a fresh folder beside the output ([`Staging`], the render
//! stage's [`Sink`]); only when all of it is written does it take the output's place. A folder
//! the tool did not create is never deleted, and files put by hand into one it did are kept.
//!
//! The output is resolved first ([`resolve`]: absolute, `.` and `..` folded, symbolic links
//! followed where they exist): every refusal rule ([`check_output`]) applies to the folder
//! that will really be written, and the messages name that folder.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::render::{OutputFile, Sink};

mod unchanged;

/// Marks a folder as made by `synergies build`: only such folders are ever replaced. It lists
/// the files the build made (after `MANIFEST_HEADER`), so that files put there by hand are known.
pub const MARKER: &str = ".synergies-build";

/// How the note of a failed publish begins when the previous site could not be put back and
/// waits in its set-aside folder (the next build restores it).
pub const SET_ASIDE: &str = "le site précédent a été mis de côté dans ";

/// The marker's text before the list of the files the build made, one per line.
const MANIFEST_HEADER: &str = "Dossier produit par `synergies build` : il est remplacé à chaque \
publication.\nLes fichiers listés ci-dessous viennent de l'outil ; tout autre fichier déposé ici \
est gardé.\n\n";

fn error(message: impl Into<String>, path: &Path) -> Diagnostic {
    Diagnostic::error(Code::Ecriture, message).at(Location::file(path.display().to_string()))
}

/// The output folder as it will really be written: absolute, `.` and `..` folded, and every
/// symbolic link on the way followed as far as the path exists. The part that does not exist
/// yet is folded as the folders `create_dir_all` would make (`a/nx/..` is `a`).
pub fn resolve(path: &Path) -> Result<PathBuf, Diagnostic> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| {
                error(
                    format!(
                        "dossier courant illisible : {}",
                        crate::diagnostic::io_reason(&e)
                    ),
                    path,
                )
            })?
            .join(path)
    };
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                // What exists is taken as the system sees it (links followed); the rest is
                // appended as typed.
                if fs::symlink_metadata(&resolved).is_ok() {
                    resolved = dunce::canonicalize(&resolved).map_err(|e| {
                        refusal(
                            path,
                            &resolved,
                            format!(
                                "ce chemin passe par un lien qui ne mène nulle part ({})",
                                crate::diagnostic::io_reason(&e)
                            ),
                        )
                    })?;
                }
            }
        }
    }
    Ok(resolved)
}

/// Where a build's output goes, resolved and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The folder that will be written ([`resolve`]d).
    pub path: PathBuf,
    parent: PathBuf,
    name: String,
}

fn refusal(typed: &Path, resolved: &Path, reason: impl std::fmt::Display) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        Code::SortieRefusee,
        format!("ce dossier ne peut pas servir de dossier de sortie : {reason}"),
    )
    .at(Location::file(resolved.display().to_string()));
    with_typed(diagnostic, typed, resolved).help(
        "choisissez un dossier réservé au site, par exemple le dossier `public` du registre \
         (sans `--output`)",
    )
}

/// Adds the path as typed when it names the folder it resolved to in another way (`..`, `.`,
/// a link), so that both are in the message.
fn with_typed(diagnostic: Diagnostic, typed: &Path, resolved: &Path) -> Diagnostic {
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(typed))
        .unwrap_or_else(|_| typed.to_path_buf());
    if absolute == resolved {
        diagnostic
    } else {
        diagnostic.note(format!("chemin demandé : {}", typed.display()))
    }
}

/// The home folders of the user running the tool (`HOME`, and `USERPROFILE` on Windows).
fn home_folders() -> Vec<PathBuf> {
    ["HOME", "USERPROFILE"]
        .iter()
        .filter_map(std::env::var_os)
        .filter(|h| !h.is_empty())
        .filter_map(|h| resolve(Path::new(&h)).ok())
        .collect()
}

/// Whether `path` is `folder` or inside it, component by component; ignoring case on Windows,
/// where `Theme` and `theme` are one folder (an existing folder is already spelled as on disk
/// by [`resolve`], one still to be made is not).
fn within(path: &Path, folder: &Path) -> bool {
    within_folding(path, folder, cfg!(windows))
}

fn within_folding(path: &Path, folder: &Path, fold_case: bool) -> bool {
    if !fold_case {
        return path.starts_with(folder);
    }
    let mut path = path.components();
    folder.components().all(|f| {
        path.next().is_some_and(|p| {
            p.as_os_str().to_string_lossy().to_lowercase()
                == f.as_os_str().to_string_lossy().to_lowercase()
        })
    })
}

/// Refuses an output folder that replacing would destroy something in: the root, an ancestor
/// of it, `content/`, `theme/` or anything inside them, the home folder or an ancestor of it,
/// and a folder that holds other files and no marker of ours. Checks the folder `output`
/// resolves to, which it returns. Writes nothing.
pub fn check_output(root: &Path, output: &Path) -> Result<Target, Diagnostic> {
    let resolved = resolve(output)?;
    let refuse = |reason: &str| Err(refusal(output, &resolved, reason));
    let root = resolve(root)?;
    if within(&resolved, &root) && within(&root, &resolved) {
        return refuse("c'est le dossier du registre");
    }
    if within(&root, &resolved) {
        return refuse("il contient le dossier du registre");
    }
    // Through `resolve`, so that a `content` that is a link is refused where it leads too.
    for (folder, reason) in [
        (
            crate::load::CONTENT_DIR,
            "c'est le dossier des fiches (content/) ou l'un de ses sous-dossiers",
        ),
        (
            crate::render::theme::THEME_DIR,
            "c'est le dossier du thème (theme/) ou l'un de ses sous-dossiers",
        ),
    ] {
        let lexical = root.join(folder);
        let real = resolve(&lexical)?;
        if within(&resolved, &lexical) || within(&resolved, &real) {
            return refuse(reason);
        }
    }
    for home in home_folders() {
        if within(&resolved, &home) && within(&home, &resolved) {
            return refuse("c'est votre dossier personnel");
        }
        if within(&home, &resolved) {
            return refuse("il contient votre dossier personnel");
        }
    }
    let (Some(parent), Some(name)) = (resolved.parent(), resolved.file_name()) else {
        return refuse("c'est la racine du disque");
    };
    let Some(name) = name.to_str() else {
        return refuse("son nom n'est pas de l'Unicode valide");
    };
    if resolved.exists() && !resolved.is_dir() {
        return Err(with_typed(
            Diagnostic::error(
                Code::SortieRefusee,
                "la sortie existe déjà et n'est pas un dossier",
            )
            .at(Location::file(resolved.display().to_string())),
            output,
            &resolved,
        )
        .help("choisissez un autre chemin avec `--output`"));
    }
    if resolved.is_dir() && !resolved.join(MARKER).is_file() {
        let empty = fs::read_dir(&resolved)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(with_typed(
                Diagnostic::error(
                    Code::SortieRefusee,
                    "ce dossier contient déjà d'autres fichiers, qui ne viennent pas d'une \
                     publication du registre : il n'est pas remplacé",
                )
                .at(Location::file(resolved.display().to_string())),
                output,
                &resolved,
            )
            .help("videz-le ou choisissez un autre dossier de sortie avec `--output`"));
        }
    }
    Ok(Target {
        parent: parent.to_path_buf(),
        name: name.to_owned(),
        path: resolved,
    })
}

/// A rendered path, checked to stay inside the output folder.
fn safe_join(base: &Path, relative: &str) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for part in relative.split('/') {
        match Path::new(part).components().next() {
            Some(Component::Normal(name)) if !part.contains('\\') => out.push(name),
            _ => return None,
        }
    }
    Some(out)
}

/// How the publish renames folders: the file system, or in tests one that fails on demand.
pub trait Rename: Sync {
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
}

/// Renames through the file system.
pub struct FileSystem;

impl Rename for FileSystem {
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }
}

/// How long a rename that fails because a file is in use is tried again: after `first`, then
/// twice as long each time up to `longest`, until `total` has passed.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub first: Duration,
    pub longest: Duration,
    pub total: Duration,
}

impl Retry {
    /// An antivirus, the search indexer or an Explorer window holds a file of a folder for a
    /// moment: five seconds is long enough for those, short enough for a person waiting.
    pub const IN_USE: Retry = Retry {
        first: Duration::from_millis(50),
        longest: Duration::from_secs(1),
        total: Duration::from_secs(5),
    };
}

/// Whether a failed rename may succeed a moment later: "access denied" or a sharing violation
/// on Windows (a file of the folder is open in another program), "busy" elsewhere.
fn in_use(error: &io::Error) -> bool {
    // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
    const SHARING: [i32; 2] = [32, 33];
    matches!(
        error.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ResourceBusy
    ) || (cfg!(windows) && error.raw_os_error().is_some_and(|c| SHARING.contains(&c)))
}

/// Renames, trying again while the error says a file is in use, as `retry` allows.
fn rename_retrying(renamer: &dyn Rename, retry: &Retry, from: &Path, to: &Path) -> io::Result<()> {
    let start = Instant::now();
    let mut delay = retry.first;
    loop {
        match renamer.rename(from, to) {
            Ok(()) => return Ok(()),
            Err(e) if in_use(&e) && start.elapsed() + delay <= retry.total => {
                std::thread::sleep(delay);
                delay = (delay * 2).min(retry.longest);
            }
            Err(e) => return Err(e),
        }
    }
}

/// The first file of `folder` another program holds open, found by opening each one without
/// sharing it (Windows refuses that while another handle is open). Only on the failure path.
#[cfg(windows)]
fn held_file(folder: &Path) -> Option<PathBuf> {
    use std::os::windows::fs::OpenOptionsExt;
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .find(|e| {
            fs::OpenOptions::new()
                .read(true)
                .share_mode(0)
                .open(e.path())
                .is_err()
        })
        .map(|e| e.into_path())
}

/// Elsewhere a rename does not fail for a file held open.
#[cfg(not(windows))]
fn held_file(_folder: &Path) -> Option<PathBuf> {
    None
}

/// The diagnostic for a rename of `folder` that failed, after retries when it was in use. On
/// Windows it names the file held open, when one is (else the folder itself is held, e.g. by
/// an Explorer window).
fn rename_failed(folder: &Path, e: &io::Error, retry: &Retry, previous: &str) -> Diagnostic {
    if in_use(e) {
        let what = match held_file(folder) {
            Some(file) => format!(
                "le fichier {} est ouvert dans un autre programme : le dossier {}",
                file.display(),
                folder.display()
            ),
            None => format!(
                "le dossier {} est utilisé par un autre programme : il",
                folder.display()
            ),
        };
        Diagnostic::error(
            Code::FichierOccupe,
            format!(
                "{what} n'a pas pu être remplacé, même après {} secondes d'essais ({})",
                retry.total.as_secs(),
                crate::diagnostic::io_reason(e)
            ),
        )
        .at(Location::file(folder.display().to_string()))
        .note(previous.to_owned())
        .help(
            "fermez les fenêtres de l'Explorateur, du navigateur ou les documents ouverts depuis \
             ce dossier, puis relancez la publication",
        )
    } else {
        error(
            format!(
                "remplacement impossible : {}",
                crate::diagnostic::io_reason(e)
            ),
            folder,
        )
        .note(previous.to_owned())
    }
}

/// What a publish did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The folder written ([`resolve`]d).
    pub path: PathBuf,
    /// Files put by hand into the previous site, not made by the tool, kept in the new one
    /// (relative, `/`-separated, sorted).
    pub kept: Vec<String>,
}

/// A new build being written beside the output. Files arrive through [`Sink`], from several
/// threads; [`Staging::commit`] swaps the finished folder into place. Dropped without a commit
/// (an error, a panic), it deletes itself and the previous output stays as it was.
pub struct Staging {
    /// Held until the swap is done: one publish at a time per output.
    _lock: fs::File,
    dir: tempfile::TempDir,
    target: Target,
    /// Folders of the output made so far (relative), so that each is made once, not once per file.
    folders: Mutex<HashSet<String>>,
    /// Every file written (relative): the marker lists them.
    written: Mutex<Vec<String>>,
    /// Whether a previous site is there, whose unchanged files are linked, not written again.
    previous_site: bool,
}

impl Staging {
    /// Checks the output, makes its missing parents and checks it again (a link made meanwhile
    /// would change where it leads), takes the lock, puts back a previous site an interrupted
    /// publish left aside, cleans other leftovers and makes the staging folder.
    pub fn open(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        let target = check_output(root, output)?;
        fs::create_dir_all(&target.parent).map_err(|e| {
            error(
                format!("création impossible : {}", crate::diagnostic::io_reason(&e)),
                &target.parent,
            )
        })?;
        let again = check_output(root, output)?;
        if again != target {
            return Err(refusal(
                output,
                &again.path,
                "le chemin a changé pendant la préparation de la publication",
            ));
        }
        let lock = lock(&target)?;
        settle_leftovers(&target)?;
        let dir = temporary_folder(&target.parent, &format!(".{}.nouveau-", target.name))?;
        Ok(Staging {
            _lock: lock,
            dir,
            folders: Mutex::default(),
            written: Mutex::default(),
            previous_site: target.path.is_dir(),
            target,
        })
    }

    /// Swaps the finished build into place through the file system ([`Staging::commit_with`]).
    pub fn commit(self) -> Result<Published, Diagnostic> {
        self.commit_with(&FileSystem, &Retry::IN_USE)
    }

    /// Swaps the finished build into place: files put by hand into the previous site copied
    /// in, the marker written, old output aside, new one in, old one removed. Each rename is
    /// tried again while a file is in use (`retry`). A failure leaves the previous build in
    /// place; a crash between the two renames leaves it intact beside the output, and the
    /// next build puts it back ([`recover`]).
    pub fn commit_with(self, renamer: &dyn Rename, retry: &Retry) -> Result<Published, Diagnostic> {
        let Staging {
            _lock,
            dir,
            target,
            folders: _,
            previous_site,
            written,
        } = self;
        let mut written = written.into_inner().unwrap_or_else(|e| e.into_inner());
        written.sort_unstable();
        written.dedup();
        let output = &target.path;
        let kept = if output.is_dir() {
            keep_hand_files(output, dir.path(), &written)?
        } else {
            Vec::new()
        };
        let mut marker = String::with_capacity(
            MANIFEST_HEADER.len() + written.iter().map(|w| w.len() + 1).sum::<usize>(),
        );
        marker.push_str(MANIFEST_HEADER);
        for file in &written {
            marker.push_str(file);
            marker.push('\n');
        }
        let marker_path = dir.path().join(MARKER);
        let unchanged = previous_site
            && unchanged::link_if_same(&output.join(MARKER), &marker_path, marker.as_bytes());
        if !unchanged {
            fs::write(&marker_path, marker).map_err(|e| {
                error(
                    format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
                    dir.path(),
                )
            })?;
        }
        let previous = if output.exists() {
            let aside = temporary_folder(&target.parent, &format!(".{}.ancien-", target.name))?;
            let aside_path = aside.path().join(&target.name);
            rename_retrying(renamer, retry, output, &aside_path).map_err(|e| {
                rename_failed(output, &e, retry, "le site précédent reste en place")
            })?;
            Some((aside, aside_path))
        } else {
            None
        };
        let staging_path = dir.path().to_path_buf();
        if let Err(e) = rename_retrying(renamer, retry, &staging_path, output) {
            let mut note = if previous.is_some() {
                "le site précédent reste en place"
            } else {
                "rien n'a été publié"
            }
            .to_owned();
            if let Some((aside, aside_path)) = previous
                && rename_retrying(renamer, retry, &aside_path, output).is_err()
            {
                // The only copy of the previous site: kept, and put back by the next build.
                let _ = aside.keep();
                note = format!(
                    "{SET_ASIDE}{} ; la prochaine publication le remettra en place",
                    aside_path.display()
                );
            }
            return Err(rename_failed(output, &e, retry, &note));
        }
        // The staging folder is the output now: nothing left to delete there.
        let _ = dir.keep();
        // `previous` (a TempDir) deletes the old build when dropped.
        drop(previous);
        Ok(Published {
            path: target.path,
            kept,
        })
    }
}

/// Takes the output's lock: a second build waits here instead of racing the swap.
fn lock(target: &Target) -> Result<fs::File, Diagnostic> {
    let lock_path = target.parent.join(format!(".{}.verrou", target.name));
    let lock = fs::File::create(&lock_path).map_err(|e| {
        error(
            format!("verrou impossible : {}", crate::diagnostic::io_reason(&e)),
            &lock_path,
        )
    })?;
    lock.lock().map_err(|e| {
        error(
            format!("verrou impossible : {}", crate::diagnostic::io_reason(&e)),
            &lock_path,
        )
    })?;
    Ok(lock)
}

impl Staging {
    /// The path of a rendered file in the staging folder, its folder created.
    fn place(&self, relative: &str) -> Result<PathBuf, Diagnostic> {
        let Some(path) = safe_join(self.dir.path(), relative) else {
            return Err(error(
                format!("chemin de page refusé : {relative}"),
                Path::new(relative),
            ));
        };
        let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
        let known = |folders: &HashSet<String>| folders.contains(folder);
        if !folder.is_empty() && !self.folders.lock().is_ok_and(|f| known(&f)) {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| {
                    error(
                        format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
                        dir,
                    )
                })?;
            }
            if let Ok(mut folders) = self.folders.lock() {
                folders.insert(folder.to_owned());
            }
        }
        if let Ok(mut written) = self.written.lock() {
            written.push(relative.to_owned());
        }
        Ok(path)
    }
}

impl Staging {
    /// Where the previous site has the file `relative`, when there is a previous site.
    fn previous(&self, relative: &str) -> Option<PathBuf> {
        self.previous_site
            .then(|| safe_join(&self.target.path, relative))
            .flatten()
    }
}

impl Sink for Staging {
    fn write_with(
        &self,
        relative: &str,
        produce: &mut crate::render::Produce,
    ) -> Result<(), Diagnostic> {
        let path = self.place(relative)?;
        let file = unchanged::Writer::new(self.previous(relative), path.clone()).map_err(|e| {
            error(
                format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
                &path,
            )
        })?;
        let mut writer = std::io::BufWriter::with_capacity(64 * 1024, file);
        produce(&mut writer)?;
        writer
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(unchanged::Writer::finish)
            .map_err(|e| crate::render::write_error(relative, &e))
    }

    fn write(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let path = self.place(&file.path)?;
        if let Some(old) = self.previous(&file.path)
            && unchanged::link_if_same(&old, &path, &file.bytes)
        {
            return Ok(());
        }
        let mut handle = fs::File::create(&path).map_err(|e| {
            error(
                format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
                &path,
            )
        })?;
        handle.write_all(&file.bytes).map_err(|e| {
            error(
                format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
                &path,
            )
        })
    }
}

/// The files the build that made `output` wrote, from its marker; `None` for a marker of a
/// version that did not list them (every file is then taken as the tool's).
fn manifest(output: &Path) -> Option<HashSet<String>> {
    let text = fs::read_to_string(output.join(MARKER)).ok()?;
    let (_, list) = text.split_once("\n\n")?;
    Some(list.lines().map(str::to_owned).collect())
}

/// What the system or an editor leaves in a folder it shows (thumbnail caches, folder
/// settings, Office lock files, backups): not the user's files, so neither kept nor named.
/// A dot file such as `.htaccess` is the user's.
fn is_system_litter(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
        || name == ".DS_Store"
        || name.starts_with("~$")
        || name.ends_with('~')
}

/// Copies the files of the previous site that its build did not make (put there by hand) into
/// the new one, and returns them. One whose name the new build writes too is an error: it
/// would be overwritten. A link put there by hand is an error too: copying would publish what
/// it leads to.
fn keep_hand_files(
    output: &Path,
    staging: &Path,
    written: &[String],
) -> Result<Vec<String>, Diagnostic> {
    let Some(made) = manifest(output) else {
        return Ok(Vec::new());
    };
    let mut kept = Vec::new();
    let walk = walkdir::WalkDir::new(output)
        .sort_by_file_name()
        .min_depth(1);
    for entry in walk {
        let entry = entry.map_err(|e| {
            error(
                format!(
                    "lecture impossible : {}",
                    crate::diagnostic::walk_reason(&e)
                ),
                output,
            )
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(output) else {
            continue;
        };
        let relative = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if relative == MARKER || made.contains(&relative) || is_system_litter(entry.file_name()) {
            continue;
        }
        let hand = |message: &str| {
            Diagnostic::error(Code::FichierAjoute, message.to_owned())
                .at(Location::file(entry.path().display().to_string()))
                .help(format!(
                    "déplacez-le hors de {} (un fichier à publier tel quel va dans \
                     theme/static/, publié dans assets/), puis relancez",
                    output.display()
                ))
        };
        if !entry.file_type().is_file() {
            return Err(hand(
                "ce lien a été déposé à la main dans le site : il n'est pas recopié, et rien \
                 n'est publié",
            ));
        }
        if written.binary_search(&relative).is_ok() {
            return Err(hand(
                "ce fichier a été déposé à la main dans le site, et la publication écrirait un \
                 fichier du même nom : rien n'est publié, pour ne pas l'écraser",
            ));
        }
        let Some(to) = safe_join(staging, &relative) else {
            continue;
        };
        if let Some(folder) = to.parent() {
            fs::create_dir_all(folder).map_err(|e| {
                error(
                    format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
                    folder,
                )
            })?;
        }
        // A second name for the same bytes costs nothing; a copy where links are not possible.
        if fs::hard_link(entry.path(), &to).is_err() {
            fs::copy(entry.path(), &to).map_err(|e| {
                error(
                    format!("copie impossible : {}", crate::diagnostic::io_reason(&e)),
                    entry.path(),
                )
            })?;
        }
        kept.push(relative);
    }
    Ok(kept)
}

/// A folder beside the output, deleted when dropped; `prefix` names it for `settle_leftovers`.
fn temporary_folder(parent: &Path, prefix: &str) -> Result<tempfile::TempDir, Diagnostic> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(parent)
        .map_err(|e| {
            error(
                format!(
                    "création du dossier temporaire impossible : {}",
                    crate::diagnostic::io_reason(&e)
                ),
                parent,
            )
        })
}

/// The copies of a previous site an interrupted publish set aside
/// (`.<name>.ancien-*/<name>`), newest first.
fn set_aside(target: &Target) -> Vec<PathBuf> {
    let prefix = format!(".{}.ancien-", target.name);
    let Ok(entries) = fs::read_dir(&target.parent) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter_map(|e| {
            let site = e.path().join(&target.name);
            let modified = e.metadata().and_then(|m| m.modified());
            let modified = modified.unwrap_or(std::time::UNIX_EPOCH);
            site.is_dir().then_some((modified, site))
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, site)| site).collect()
}

/// When the output is missing and an interrupted publish set the previous site aside, puts
/// the newest such copy back in place. Only called with the lock held. A copy that cannot be
/// put back is an error: it may be the only one, so nothing else may be done to it.
fn restore(target: &Target) -> Result<Option<PathBuf>, Diagnostic> {
    if target.path.exists() {
        return Ok(None);
    }
    let Some(newest) = set_aside(target).into_iter().next() else {
        return Ok(None);
    };
    rename_retrying(&FileSystem, &Retry::IN_USE, &newest, &target.path).map_err(|e| {
        error(
            format!(
                "le site précédent, mis de côté par une publication interrompue, n'a pas pu être \
                 remis en place : {e}"
            ),
            &newest,
        )
        .help(format!(
            "déplacez vous-même ce dossier vers {}, puis relancez",
            target.path.display()
        ))
    })?;
    // The set-aside folder is empty now.
    if let Some(aside) = newest.parent() {
        let _ = fs::remove_dir(aside);
    }
    Ok(Some(target.path.clone()))
}

/// Puts back a previous site an interrupted publish left aside, then removes what else it
/// left beside the output (half-written builds, older copies). Only called with the lock
/// held, so no other publish is using them.
fn settle_leftovers(target: &Target) -> Result<(), Diagnostic> {
    restore(target)?;
    let prefixes = [
        format!(".{}.nouveau-", target.name),
        format!(".{}.ancien-", target.name),
    ];
    let Ok(entries) = fs::read_dir(&target.parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p)) && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

/// For a build that publishes nothing: if an interrupted publish left the output missing and
/// the previous site aside, puts it back, so that "the previous site stays in place" is true.
/// Returns the folder restored. Writes nothing otherwise.
pub fn recover(root: &Path, output: &Path) -> Option<PathBuf> {
    let target = check_output(root, output).ok()?;
    if target.path.exists() || set_aside(&target).is_empty() {
        return None;
    }
    let _lock = lock(&target).ok()?;
    restore(&target).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Fails renames whose source ends with `when` with "access denied", `times` times.
    struct InUse {
        when: &'static str,
        times: AtomicUsize,
        calls: AtomicUsize,
    }

    impl InUse {
        fn new(when: &'static str, times: usize) -> InUse {
            InUse {
                when,
                times: AtomicUsize::new(times),
                calls: AtomicUsize::new(0),
            }
        }
    }

    impl Rename for InUse {
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let name = from.file_name().unwrap().to_string_lossy();
            let fails = name.starts_with(self.when)
                && self
                    .times
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
            if fails {
                Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "Accès refusé. (os error 5)",
                ))
            } else {
                fs::rename(from, to)
            }
        }
    }

    const QUICK: Retry = Retry {
        first: Duration::from_millis(1),
        longest: Duration::from_millis(8),
        total: Duration::from_millis(300),
    };

    /// A root with a previous site in `public/`, and a new build staged beside it.
    fn staged() -> (tempfile::TempDir, Staging) {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("content")).unwrap();
        fs::create_dir_all(root.path().join("public")).unwrap();
        fs::write(root.path().join("public").join(MARKER), "").unwrap();
        fs::write(root.path().join("public/index.html"), "ancien").unwrap();
        let staging = Staging::open(root.path(), &root.path().join("public")).unwrap();
        staging
            .write(OutputFile {
                path: "index.html".to_owned(),
                bytes: b"nouveau".to_vec(),
            })
            .unwrap();
        (root, staging)
    }

    fn index(root: &tempfile::TempDir) -> String {
        fs::read_to_string(root.path().join("public/index.html")).unwrap()
    }

    /// Nothing but `public/`, the lock and `content/` is left in the root.
    fn no_leftovers(root: &tempfile::TempDir) {
        let mut names: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".public.verrou", "content", "public"]);
    }

    #[test]
    fn a_folder_in_use_for_a_moment_is_published_once_free() {
        for (when, times) in [("public", 3), (".public.nouveau-", 3), ("public", 0)] {
            let (root, staging) = staged();
            let renamer = InUse::new(when, times);
            let published = staging.commit_with(&renamer, &QUICK).unwrap();
            assert_eq!(published.path, root.path().join("public"));
            assert_eq!(index(&root), "nouveau");
            assert_eq!(renamer.calls.load(Ordering::SeqCst), 2 + times, "{when}");
            no_leftovers(&root);
        }
    }

    #[test]
    fn a_folder_that_stays_in_use_leaves_the_previous_site_and_says_which() {
        for when in ["public", ".public.nouveau-"] {
            let (root, staging) = staged();
            let start = Instant::now();
            let e = staging
                .commit_with(&InUse::new(when, usize::MAX), &QUICK)
                .unwrap_err();
            assert!(start.elapsed() >= Duration::from_millis(250), "{when}");
            let public = root.path().join("public");
            assert_eq!(
                e.to_string(),
                format!(
                    "erreur[fichier-occupe] : le dossier {0} est utilisé par un autre \
                     programme : il n'a pas pu être remplacé, même après 0 secondes d'essais \
                     (accès refusé)\n --> {0}\n  = note : le site précédent reste \
                     en place\n  = aide : fermez les fenêtres de l'Explorateur, du navigateur ou \
                     les documents ouverts depuis ce dossier, puis relancez la publication\n",
                    public.display()
                ),
                "{when}"
            );
            assert_eq!(index(&root), "ancien", "{when}");
            no_leftovers(&root);
        }
    }

    #[test]
    fn the_previous_site_that_cannot_be_put_back_is_kept_aside_and_restored_next_time() {
        let (root, staging) = staged();
        // The new site cannot go in, and the previous one cannot come back either.
        struct Stuck;
        impl Rename for Stuck {
            fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
                let aside = to
                    .parent()
                    .and_then(Path::file_name)
                    .is_some_and(|n| n.to_string_lossy().starts_with(".public.ancien-"));
                if !aside {
                    Err(io::Error::new(io::ErrorKind::PermissionDenied, "refusé"))
                } else {
                    fs::rename(from, to)
                }
            }
        }
        let e = staging.commit_with(&Stuck, &QUICK).unwrap_err();
        assert!(
            e.notes[0].starts_with("le site précédent a été mis de côté dans "),
            "{e}"
        );
        assert!(!root.path().join("public").exists());
        assert_eq!(
            recover(root.path(), &root.path().join("public")),
            Some(root.path().join("public"))
        );
        assert_eq!(index(&root), "ancien");
        no_leftovers(&root);
    }

    #[test]
    fn folders_are_compared_by_component_and_without_case_on_windows() {
        let theme = Path::new("/r/theme");
        for (path, plain, folded) in [
            ("/r/theme", true, true),
            ("/r/theme/static/site", true, true),
            ("/r/Theme/static", false, true),
            ("/r/themes", false, false),
            ("/r", false, false),
        ] {
            let path = Path::new(path);
            assert_eq!(within_folding(path, theme, false), plain, "{path:?}");
            assert_eq!(within_folding(path, theme, true), folded, "{path:?}");
        }
    }

    #[test]
    fn paths_cannot_leave_the_output() {
        let base = Path::new("/out");
        assert_eq!(
            safe_join(base, "a/b.html"),
            Some(PathBuf::from("/out/a/b.html"))
        );
        for bad in ["../x.html", "/etc/passwd", "a/../../x", "a\\..\\x", ""] {
            assert_eq!(safe_join(base, bad), None, "{bad}");
        }
    }
}
