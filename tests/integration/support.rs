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
pub fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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

/// The state of every entry under `dir` (files by a hash of their bytes, folders, symbolic
/// links by their target), by `/`-separated relative path: two equal fingerprints mean nothing
/// under `dir` was created, removed or changed.
pub fn fingerprint(dir: &Path) -> BTreeMap<String, String> {
    use std::hash::{Hash, Hasher};
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
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
            let state = if kind.is_symlink() {
                format!(
                    "lien -> {}",
                    fs::read_link(e.path()).expect("link").display()
                )
            } else if kind.is_dir() {
                "dossier".to_owned()
            } else {
                let bytes = fs::read(e.path()).expect("read file");
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                bytes.hash(&mut hasher);
                format!("fichier {} octets {:016x}", bytes.len(), hasher.finish())
            };
            (key, state)
        })
        .collect()
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
