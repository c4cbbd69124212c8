//! Writing a plan: all or nothing. New folders are created, each file is written to a
//! temporary file made with `create_new` in its own folder (`tempfile`), then given its name
//! only if no file has it (`persist_noclobber`): nothing is ever overwritten, not even a file
//! that appeared since the plan was made. On any failure, what this import wrote is removed.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::CONTENT_DIR;

use super::plan::Plan;

/// What was made so far, to take back on failure.
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Made {
    fn undo(&self) {
        for file in self.files.iter().rev() {
            let _ = fs::remove_file(file);
        }
        for folder in self.folders.iter().rev() {
            // Only if empty: a folder someone filled meanwhile stays.
            let _ = fs::remove_dir(folder);
        }
    }
}

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".import-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes every file of `plan` under `root`, or none. Returns the files written.
pub fn write(root: &Path, plan: &Plan) -> Result<Vec<PathBuf>, Diagnostic> {
    let content = root.join(CONTENT_DIR);
    let mut made = Made::default();
    let fail = |made: &Made, path: &Path, e: std::io::Error| {
        made.undo();
        let shown = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        Diagnostic::error(
            Code::Ecriture,
            format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
        )
        .at(Location::file(shown))
    };
    for dir in [root.to_path_buf(), content.clone()] {
        if !dir.is_dir() {
            fs::create_dir(&dir).map_err(|e| fail(&made, &dir, e))?;
            made.folders.push(dir);
        }
    }
    for (folder, domain) in &plan.domains {
        let dir = content.join(folder);
        if !dir.is_dir() {
            fs::create_dir(&dir).map_err(|e| fail(&made, &dir, e))?;
            made.folders.push(dir.clone());
            let index = dir.join("_index.md");
            write_new(&index, &domain.text()).map_err(|e| fail(&made, &index, e))?;
            made.files.push(index);
        }
    }
    for fiche in &plan.fiches {
        let path = content
            .join(&fiche.folder)
            .join(format!("{}.md", fiche.slug));
        write_new(&path, &fiche.text).map_err(|e| fail(&made, &path, e))?;
        made.files.push(path);
    }
    Ok(made.files)
}
