//! A small fluent builder: a temporary root with files, a command to run on it, and its result.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_synergies");

/// The repository's root: the shipped Mons register.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Root {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Root {
    pub fn new() -> Root {
        Root {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// An empty register: a root with an empty `content/`, as `import` and `new` need.
    pub fn register() -> Root {
        let root = Root::new();
        fs::create_dir(root.path().join("content")).expect("create content/");
        root
    }

    /// Whether `content/` holds nothing (nothing was written).
    pub fn content_is_empty(&self) -> bool {
        fs::read_dir(self.path().join("content"))
            .expect("content/")
            .next()
            .is_none()
    }

    /// A root holding a copy of a fixture folder under `tests/fixtures/`.
    pub fn fixture(name: &str) -> Root {
        let root = Root::new();
        copy_dir(&repo_root().join("tests/fixtures").join(name), root.path());
        root
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(self, relative: &str, text: &str) -> Root {
        self.bytes(relative, text.as_bytes())
    }

    pub fn bytes(self, relative: &str, bytes: &[u8]) -> Root {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        fs::write(path, bytes).expect("write fixture file");
        self
    }

    /// Runs `synergies ARGS --root ROOT` (the root is appended for `build` and `check`).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = Command::new(BIN);
        command.args(args);
        if matches!(args.first(), Some(&"build") | Some(&"check")) {
            command.arg("--root").arg(self.path());
        }
        run(command)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn public(&self) -> PathBuf {
        self.path().join("public")
    }
}

pub fn run(mut command: Command) -> Run {
    let output = command.output().expect("run synergies");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

impl Run {
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// stderr with the temporary root's path replaced by `[ROOT]`, for snapshots.
    pub fn stderr_in(&self, root: &Root) -> String {
        self.stderr
            .replace(&root.path().display().to_string(), "[ROOT]")
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// Every file of a folder with its bytes, by `/`-separated relative path.
pub fn snapshot_dir(dir: &Path) -> Files {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("prefix");
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (key, fs::read(e.path()).expect("read output"))
        })
        .collect()
}

/// Every `href="…"` and `src="…"` value of an HTML page.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Where a relative link of the page at `page` (site-relative) lands: `a/b/../c` → `a/c`, as a
/// browser resolves it; the fragment is dropped.
pub fn resolve_link(page: &str, link: &str) -> String {
    let target = link.split('#').next().unwrap_or_default();
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for part in dir.join(target).components() {
        match part.as_os_str().to_string_lossy().as_ref() {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other.to_owned()),
        }
    }
    parts.join("/")
}

/// What a folder holds, by `/`-separated relative path, for byte-for-byte comparisons with
/// [`assert_same_files`].
pub type Files = BTreeMap<String, Vec<u8>>;

/// Every entry under `dir`, for before/after checks: files by their bytes, folders as `path/`
/// (no bytes), symbolic links as `path ->` (their target as bytes). Two equal fingerprints
/// mean nothing under `dir` was created, removed or changed.
pub fn fingerprint(dir: &Path) -> Files {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("prefix");
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let kind = e.file_type();
            if kind.is_symlink() {
                let target = fs::read_link(e.path()).expect("link");
                (
                    format!("{key} ->"),
                    target.as_os_str().as_encoded_bytes().to_vec(),
                )
            } else if kind.is_dir() {
                (format!("{key}/"), Vec::new())
            } else {
                (key, fs::read(e.path()).expect("read file"))
            }
        })
        .collect()
}

/// Where `left` and `right` differ, `None` when they hold the same paths with the same bytes:
/// the first path only one side has or whose bytes differ, with the bytes around the first
/// difference, and how many paths differ in all.
pub fn tree_difference(left: &Files, right: &Files) -> Option<String> {
    let paths: std::collections::BTreeSet<&String> = left.keys().chain(right.keys()).collect();
    let differing: Vec<&String> = paths
        .into_iter()
        .filter(|p| left.get(*p) != right.get(*p))
        .collect();
    let first = differing.first()?;
    let what = match (left.get(*first), right.get(*first)) {
        (Some(_), None) => "only on the left".to_owned(),
        (None, Some(_)) => "only on the right".to_owned(),
        (Some(a), Some(b)) => bytes_difference(a, b).unwrap_or_default(),
        (None, None) => unreachable!("a path of one side"),
    };
    Some(format!(
        "{first} {what}\n({} path(s) differ: {})",
        differing.len(),
        differing
            .iter()
            .take(10)
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Where the bytes `left` and `right` first differ, with the bytes around (`None` if equal).
pub fn bytes_difference(left: &[u8], right: &[u8]) -> Option<String> {
    if left == right {
        return None;
    }
    let at = left
        .iter()
        .zip(right)
        .position(|(x, y)| x != y)
        .unwrap_or(left.len().min(right.len()));
    let excerpt = |bytes: &[u8]| {
        let window = &bytes[at.saturating_sub(60).min(bytes.len())..(at + 60).min(bytes.len())];
        format!("{:?}", String::from_utf8_lossy(window))
    };
    Some(format!(
        "differs at byte {at} ({} and {} bytes):\n  left:  {}\n  right: {}",
        left.len(),
        right.len(),
        excerpt(left),
        excerpt(right)
    ))
}

/// Fails, naming `context` and the first difference, unless `left` and `right` are the same
/// bytes (two files' contents).
#[track_caller]
pub fn assert_same_bytes(left: &[u8], right: &[u8], context: impl std::fmt::Display) {
    if let Some(difference) = bytes_difference(left, right) {
        panic!("{context} {difference}");
    }
}

/// Fails, naming `context` and the first difference, unless `left` and `right` hold the same
/// paths with the same bytes.
#[track_caller]
pub fn assert_same_files(left: &Files, right: &Files, context: impl std::fmt::Display) {
    if let Some(difference) = tree_difference(left, right) {
        panic!("{context}: {difference}");
    }
}

/// Fails unless the folders `left` and `right` hold the same files with the same bytes.
#[track_caller]
pub fn assert_same_tree(left: &Path, right: &Path) {
    assert_same_files(
        &snapshot_dir(left),
        &snapshot_dir(right),
        format!("{} and {}", left.display(), right.display()),
    );
}

/// Runs a command, killing it after `limit`: a test of something that could hang (a FIFO
/// opened for reading) fails instead of blocking the suite.
pub fn run_within(mut command: Command, limit: std::time::Duration) -> Run {
    use std::io::Read;
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run synergies");
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("synergies still running after {limit:?}: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    if let Some(mut out) = child.stdout.take() {
        out.read_to_end(&mut stdout).expect("stdout");
    }
    if let Some(mut err) = child.stderr.take() {
        err.read_to_end(&mut stderr).expect("stderr");
    }
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

#[test]
fn tree_difference_names_the_first_differing_path() {
    let files = |pairs: &[(&str, &str)]| -> Files {
        pairs
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    };
    let a = files(&[("a.html", "<p>un</p>"), ("b/c.html", "même")]);
    assert_eq!(tree_difference(&a, &a.clone()), None);
    let b = files(&[("a.html", "<p>deux</p>"), ("b/c.html", "même")]);
    assert_eq!(
        tree_difference(&a, &b).unwrap(),
        "a.html differs at byte 3 (9 and 11 bytes):\n  left:  \"<p>un</p>\"\n  right: \
         \"<p>deux</p>\"\n(1 path(s) differ: a.html)"
    );
    let c = files(&[("a.html", "<p>un</p>"), ("b/c.html", "même"), ("d/", "")]);
    assert_eq!(
        tree_difference(&a, &c).unwrap(),
        "d/ only on the right\n(1 path(s) differ: d/)"
    );
    let root = Root::new().file("x/y.txt", "z");
    assert_eq!(
        fingerprint(root.path()).into_keys().collect::<Vec<_>>(),
        ["/", "x/", "x/y.txt"]
    );
}

/// The page's text between `start` and the next `end`, tags removed, whitespace folded.
pub fn text_between(html: &str, start: &str, end: &str) -> String {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"));
    let rest = &html[from..];
    let rest = &rest[..rest.find(end).unwrap_or(rest.len())];
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
