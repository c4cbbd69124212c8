//! A page the previous site already holds byte for byte is linked from it into the new site
//! instead of written again: a rebuild writes only what changed, and the files that did not
//! keep their date, so a copy to the intranet that skips unchanged files (`robocopy /MIR`,
//! `rsync`) copies only what changed. Measured in BENCHMARKS.md, "Unchanged files linked"
//! (on a disk, two thirds of a rebuild's time).
//!
//! Only regular files of the previous site are read (never a link), and only when their bytes
//! are exactly the new ones; anything else, or a file system without links, writes the file.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The previous site's file at `old`, open, with its length, when it is a regular file: a link
/// is never followed and a FIFO never waited on (`load::entries::open_no_follow`); the kind
/// is checked on the open file. (Where opening follows links, a link is refused first.)
fn open_regular(old: &Path) -> Option<(File, u64)> {
    #[cfg(not(unix))]
    if !fs::symlink_metadata(old).ok()?.is_file() {
        return None;
    }
    let file = crate::load::entries::open_no_follow(old).ok()?;
    let meta = file.metadata().ok()?;
    meta.is_file().then_some((file, meta.len()))
}

/// Whether `new` is the very file open as `file`: a link made by path is checked against the
/// file that was read (had `old` been replaced meanwhile, by a link or another file, `new`
/// would be that one).
#[cfg(unix)]
fn is_same_file(file: &File, new: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(new)) {
        (Ok(a), Ok(b)) => b.is_file() && (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// Whether `new` is the very file open as `file` (here: a regular file of the same length).
#[cfg(not(unix))]
fn is_same_file(file: &File, new: &Path) -> bool {
    match (file.metadata(), fs::symlink_metadata(new)) {
        (Ok(a), Ok(b)) => b.is_file() && a.len() == b.len(),
        _ => false,
    }
}

/// Links `old`, open as `file`, to `new`; false (and nothing at `new`) when the file system
/// cannot, or when `old` is no longer that file.
fn link(file: &File, old: &Path, new: &Path) -> bool {
    if fs::hard_link(old, new).is_err() {
        return false;
    }
    if is_same_file(file, new) {
        return true;
    }
    let _ = fs::remove_file(new);
    false
}

/// Links `old` to `new` when `old` holds exactly `bytes`; false when it does not or cannot.
pub fn link_if_same(old: &Path, new: &Path, bytes: &[u8]) -> bool {
    let Some((mut file, len)) = open_regular(old) else {
        return false;
    };
    if len != bytes.len() as u64 {
        return false;
    }
    holds(&mut file, bytes) && link(&file, old, new)
}

/// Whether the rest of `file` begins with `bytes`, read a piece at a time (a page of the
/// facets runs to megabytes: no buffer its size).
fn holds(file: &mut File, mut bytes: &[u8]) -> bool {
    let mut piece = [0u8; 64 * 1024];
    while !bytes.is_empty() {
        let n = bytes.len().min(piece.len());
        if file.read_exact(&mut piece[..n]).is_err() || piece[..n] != bytes[..n] {
            return false;
        }
        bytes = &bytes[n..];
    }
    true
}

/// Writes a file produced piece by piece: while the pieces are those of the previous site's
/// file, nothing is written; at the first difference the file is made, with the part already
/// compared copied from the old one, and the rest is written. [`Writer::finish`] links the
/// old file when every byte was the same. Unbuffered: the caller's `BufWriter` hands it whole
/// 64 KiB pieces.
pub struct Writer {
    new: PathBuf,
    /// The old file and its path while every byte so far matched it.
    old: Option<(File, PathBuf)>,
    /// Bytes compared equal so far.
    matched: u64,
    scratch: Vec<u8>,
    out: Option<File>,
}

impl Writer {
    /// A writer of `new`, compared with `old` when the previous site has that file.
    pub fn new(old: Option<PathBuf>, new: PathBuf) -> io::Result<Writer> {
        let old = old.and_then(|old| open_regular(&old).map(|(file, _)| (file, old)));
        let out = match old {
            Some(_) => None,
            None => Some(File::create(&new)?),
        };
        Ok(Writer {
            new,
            old,
            matched: 0,
            scratch: Vec::new(),
            out,
        })
    }

    /// Makes the new file from the part of the old one compared so far (read again from the
    /// open file, never by its path); the rest is written.
    fn diverge(&mut self) -> io::Result<&mut File> {
        if self.out.is_none() {
            let mut file = File::create(&self.new)?;
            if let Some((mut old, _)) = self.old.take() {
                old.seek(SeekFrom::Start(0))?;
                io::copy(&mut old.take(self.matched), &mut file)?;
            }
            self.out = Some(file);
        }
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("le fichier n'a pas été créé"))
    }

    /// Ends the file: links the old one when it was the same to its last byte, and otherwise
    /// makes sure the file exists with what was written.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some((file, old)) = &mut self.old {
            let mut byte = [0u8; 1];
            if file.read(&mut byte)? == 0 && link(file, old, &self.new) {
                return Ok(());
            }
            // The old file is longer (the new one is its first `matched` bytes), or cannot be
            // linked (the same bytes, copied from the open file).
        }
        self.diverge()?.flush()
    }
}

impl Write for Writer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some((file, _)) = &mut self.old {
            self.scratch.resize(buf.len(), 0);
            let same = match file.read_exact(&mut self.scratch) {
                Ok(()) => self.scratch == buf,
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => false,
                Err(e) => return Err(e),
            };
            if same {
                self.matched += buf.len() as u64;
                return Ok(buf.len());
            }
        }
        self.diverge()?.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(old: Option<&[u8]>, pieces: &[&[u8]]) -> (Vec<u8>, bool) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let old_path = dir.path().join("old.html");
        if let Some(bytes) = old {
            fs::write(&old_path, bytes).expect("old file");
        }
        let new_path = dir.path().join("new.html");
        let mut writer = Writer::new(Some(old_path.clone()), new_path.clone()).expect("writer");
        for piece in pieces {
            writer.write_all(piece).expect("write");
        }
        writer.finish().expect("finish");
        let bytes = fs::read(&new_path).expect("new file");
        let linked = old.is_some() && same_file(&old_path, &new_path);
        (bytes, linked)
    }

    #[cfg(unix)]
    fn same_file(a: &Path, b: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        let (a, b) = (fs::metadata(a).expect("a"), fs::metadata(b).expect("b"));
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }

    #[cfg(not(unix))]
    fn same_file(_: &Path, _: &Path) -> bool {
        true
    }

    #[test]
    fn the_same_bytes_are_linked_and_others_written_whole() {
        let pieces: &[&[u8]] = &[b"<html>", b"<body>page", b"</body></html>"];
        let whole = pieces.concat();
        assert_eq!(written(Some(&whole), pieces), (whole.clone(), true));
        for old in [
            &b""[..],
            b"<html><body>page</body></html>\n",
            b"<html><body>page</body>",
            b"<html><body>PAGE</body></html>",
            b"<html>",
            b"x<html><body>page</body></html>",
        ] {
            let (bytes, linked) = written(Some(old), pieces);
            assert_eq!(bytes, whole, "old {:?}", String::from_utf8_lossy(old));
            assert!(!linked, "old {:?}", String::from_utf8_lossy(old));
        }
        // No previous file, and no previous site.
        assert_eq!(written(None, pieces), (whole.clone(), false));
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut writer = Writer::new(None, dir.path().join("a")).expect("writer");
        writer.write_all(&whole).expect("write");
        writer.finish().expect("finish");
        assert_eq!(fs::read(dir.path().join("a")).expect("a"), whole);
    }

    #[test]
    fn an_old_file_is_linked_only_when_it_holds_exactly_the_bytes() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let old = dir.path().join("old");
        fs::write(&old, "abc").expect("old");
        assert!(!link_if_same(&old, &dir.path().join("n1"), b"abd"));
        assert!(!link_if_same(&old, &dir.path().join("n2"), b"abcd"));
        assert!(!link_if_same(
            &dir.path().join("none"),
            &dir.path().join("n3"),
            b"abc"
        ));
        assert!(link_if_same(&old, &dir.path().join("n4"), b"abc"));
        assert_eq!(fs::read(dir.path().join("n4")).expect("n4"), b"abc");
        for n in ["n1", "n2", "n3"] {
            assert!(!dir.path().join(n).exists(), "{n}");
        }
    }

    // Unix only: elsewhere `is_same_file` compares less (a regular file of the same length).
    #[cfg(unix)]
    #[test]
    fn a_file_replaced_after_it_was_read_is_not_linked() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let old = dir.path().join("old");
        fs::write(&old, "abc").expect("old");
        let (file, _) = open_regular(&old).expect("open");
        // Another file takes the old one's name once it was read.
        let other = dir.path().join("other");
        fs::write(&other, "xyz").expect("other");
        fs::rename(&other, &old).expect("replace");
        let new = dir.path().join("new");
        assert!(!link(&file, &old, &new));
        assert!(!new.exists());
        // The same file still there: linked.
        let (file, _) = open_regular(&old).expect("open");
        assert!(link(&file, &old, &new));
        assert_eq!(fs::read(&new).expect("new"), b"xyz");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_previous_site_is_never_followed() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let outside = dir.path().join("outside");
        fs::write(&outside, "abc").expect("outside");
        let old = dir.path().join("old");
        std::os::unix::fs::symlink(&outside, &old).expect("link");
        assert!(!link_if_same(&old, &dir.path().join("n"), b"abc"));
        let (new, _) = (dir.path().join("m"), ());
        let mut writer = Writer::new(Some(old), new.clone()).expect("writer");
        writer.write_all(b"abc").expect("write");
        writer.finish().expect("finish");
        assert!(!same_file(&outside, &new));
        assert_eq!(fs::read(&new).expect("m"), b"abc");
    }
}
