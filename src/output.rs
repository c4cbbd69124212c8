//! Stage 5, write: puts the rendered files on disk so that the published folder is never
//! half-written. Everything goes to a fresh folder beside the output ([`Staging`], the render
//! stage's [`Sink`]); only when all of it is written does it take the output's place. A folder the tool did not create is never deleted.

use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::render::{OutputFile, Sink};

/// Marks a folder as made by `synergies build`: only such folders are ever replaced.
pub const MARKER: &str = ".synergies-build";

fn error(message: impl Into<String>, path: &Path) -> Diagnostic {
    Diagnostic::error(Code::Ecriture, message).at(Location::file(path.display().to_string()))
}

/// Refuses an output folder that replacing would destroy something in.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let resolved = resolve(output);
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let forbidden = [
        Some(root.clone()),
        Some(root.join(crate::load::CONTENT_DIR)),
        Some(root.join(crate::render::theme::THEME_DIR)),
        home.map(|h| h.canonicalize().unwrap_or(h)),
    ];
    let is_ancestor_of_root = root.starts_with(&resolved);
    if is_ancestor_of_root
        || resolved.parent().is_none()
        || forbidden.iter().flatten().any(|f| *f == resolved)
        || resolved.starts_with(root.join(crate::load::CONTENT_DIR))
    {
        return Err(error(
            "ce dossier ne peut pas servir de dossier de sortie : le remplacer effacerait le registre ou d'autres fichiers",
            output,
        )
        .help("choisissez un dossier réservé au site, par exemple `--output public`"));
    }
    if resolved.is_dir() && !resolved.join(MARKER).is_file() {
        let empty = fs::read_dir(&resolved)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(error(
                "ce dossier contient déjà d'autres fichiers, qui ne viennent pas d'une publication du registre : il n'est pas remplacé",
                output,
            )
            .help("videz-le ou choisissez un autre dossier de sortie avec `--output`"));
        }
    }
    if resolved.exists() && !resolved.is_dir() {
        return Err(
            error("la sortie existe déjà et n'est pas un dossier", output)
                .help("choisissez un autre chemin avec `--output`"),
        );
    }
    Ok(())
}

/// Absolute, with `..` resolved as far as the disk allows.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => absolute,
    }
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

/// A new build being written beside the output. Files arrive through [`Sink`], from several
/// threads; [`Staging::commit`] swaps the finished folder into place. Dropped without a commit
/// (an error, a panic), it deletes itself and the previous output stays as it was.
pub struct Staging {
    /// Held until the swap is done: one publish at a time per output.
    _lock: fs::File,
    dir: tempfile::TempDir,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    /// Folders of the output made so far (relative), so that each is made once, not once per file.
    folders: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Staging {
    /// Checks the output, takes the lock, cleans leftovers and makes the staging folder.
    pub fn open(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        check_output(root, output)?;
        let output = resolve(output);
        let parent = output.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_owned());
        fs::create_dir_all(&parent)
            .map_err(|e| error(format!("création impossible : {e}"), &parent))?;

        // A second build waits here instead of racing the swap.
        let lock_path = parent.join(format!(".{name}.verrou"));
        let lock = fs::File::create(&lock_path)
            .map_err(|e| error(format!("verrou impossible : {e}"), &lock_path))?;
        lock.lock()
            .map_err(|e| error(format!("verrou impossible : {e}"), &lock_path))?;
        remove_leftovers(&parent, &name);

        let dir = temporary_folder(&parent, &format!(".{name}.nouveau-"))?;
        Ok(Staging {
            _lock: lock,
            dir,
            output,
            parent,
            name,
            folders: std::sync::Mutex::default(),
        })
    }

    /// Swaps the finished build into place: old output aside, new one in, old one removed. A
    /// crash between the two renames leaves the previous build intact beside the output, never a
    /// half-written one in its place.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let Staging {
            _lock,
            dir,
            output,
            parent,
            name,
            folders: _,
        } = self;
        fs::write(
            dir.path().join(MARKER),
            "Dossier produit par `synergies build` : il est remplacé à chaque publication.\n",
        )
        .map_err(|e| error(format!("écriture impossible : {e}"), dir.path()))?;
        let previous = if output.exists() {
            let aside = temporary_folder(&parent, &format!(".{name}.ancien-"))?;
            let aside_path = aside.path().join(&name);
            fs::rename(&output, &aside_path)
                .map_err(|e| error(format!("remplacement impossible : {e}"), &output))?;
            Some((aside, aside_path))
        } else {
            None
        };
        let staging_path = dir.keep();
        if let Err(e) = fs::rename(&staging_path, &output) {
            if let Some((_, aside_path)) = &previous {
                let _ = fs::rename(aside_path, &output);
            }
            let _ = fs::remove_dir_all(&staging_path);
            return Err(error(format!("remplacement impossible : {e}"), &output));
        }
        // `previous` (a TempDir) deletes the old build when dropped.
        drop(previous);
        Ok(())
    }
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
        let known = |folders: &std::collections::HashSet<String>| folders.contains(folder);
        if !folder.is_empty() && !self.folders.lock().is_ok_and(|f| known(&f)) {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)
                    .map_err(|e| error(format!("écriture impossible : {e}"), dir))?;
            }
            if let Ok(mut folders) = self.folders.lock() {
                folders.insert(folder.to_owned());
            }
        }
        Ok(path)
    }
}

impl Sink for Staging {
    fn write_with(
        &self,
        relative: &str,
        produce: &mut crate::render::Produce,
    ) -> Result<(), Diagnostic> {
        let path = self.place(relative)?;
        let file = fs::File::create(&path)
            .map_err(|e| error(format!("écriture impossible : {e}"), &path))?;
        let mut writer = std::io::BufWriter::with_capacity(64 * 1024, file);
        produce(&mut writer)?;
        writer
            .flush()
            .map_err(|e| crate::render::write_error(relative, &e))
    }

    fn write(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let path = self.place(&file.path)?;
        let mut handle = fs::File::create(&path)
            .map_err(|e| error(format!("écriture impossible : {e}"), &path))?;
        handle
            .write_all(&file.bytes)
            .map_err(|e| error(format!("écriture impossible : {e}"), &path))
    }
}

/// A folder beside the output, deleted when dropped; `prefix` names it for `remove_leftovers`.
fn temporary_folder(parent: &Path, prefix: &str) -> Result<tempfile::TempDir, Diagnostic> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(parent)
        .map_err(|e| {
            error(
                format!("création du dossier temporaire impossible : {e}"),
                parent,
            )
        })
}

/// Removes what an interrupted publish (Ctrl-C, power cut) left beside the output. Only called
/// with the lock held, so no other publish is using them.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.nouveau-"), format!(".{name}.ancien-")];
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p)) && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
