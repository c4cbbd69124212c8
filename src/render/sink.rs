//! Where rendered files go: the [`Sink`] interface (the write stage's staging folder, or memory),
//! the [`Emitter`] that hands files to it from any thread and keeps the problems, and
//! [`Collect`], the sink that keeps every file in memory.

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};

/// A file of the built site: its path relative to the output folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go. Called from several threads at once, in no particular order.
pub trait Sink: Sync {
    fn write(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// Writes a file produced piece by piece (the exports, the report), so that a sink that
    /// writes to disk never holds it whole in memory. By default, the pieces are collected.
    fn write_with(&self, path: &str, produce: &mut Produce) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        produce(&mut bytes)?;
        self.write(OutputFile {
            path: path.to_owned(),
            bytes,
        })
    }
}

/// Writes a file's bytes into the writer it is given. Its error is a diagnostic: a template's,
/// or a write's (see [`write_error`], which names the file that could not be written).
pub type Produce<'a> = dyn FnMut(&mut dyn std::io::Write) -> Result<(), Diagnostic> + 'a;

/// The diagnostic for a file that could not be written.
pub fn write_error(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Ecriture,
        format!(
            "écriture impossible : {}",
            crate::diagnostic::io_reason(error)
        ),
    )
    .at(Location::file(path))
}

/// A sink that keeps every file in memory.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn write(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0
            .lock()
            .map_err(|_| Diagnostic::error(Code::Interne, "erreur interne du rendu"))?
            .push(file);
        Ok(())
    }
}

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Hands rendered pages to the sink and keeps the problems, from any thread.
pub struct Emitter<'a> {
    sink: &'a dyn Sink,
    diagnostics: std::sync::Mutex<Diagnostics>,
    count: std::sync::atomic::AtomicUsize,
}

impl<'a> Emitter<'a> {
    pub fn new(sink: &'a dyn Sink) -> Emitter<'a> {
        Emitter {
            sink,
            diagnostics: std::sync::Mutex::new(Diagnostics::default()),
            count: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// How many files were handed on, or every problem met, sorted.
    pub fn finish(self) -> Result<usize, Diagnostics> {
        let diagnostics = self
            .diagnostics
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        if diagnostics.has_errors() {
            return Err(diagnostics.sorted());
        }
        Ok(self.count.into_inner())
    }
}

impl Emitter<'_> {
    pub fn emit(&self, result: Result<OutputFile, Diagnostic>) {
        self.record(result.and_then(|file| self.sink.write(file)));
    }

    /// Hands on a file written piece by piece by `produce`.
    pub fn emit_with(&self, path: &str, produce: &mut Produce) {
        self.record(self.sink.write_with(path, produce));
    }

    fn record(&self, outcome: Result<(), Diagnostic>) {
        match outcome {
            Ok(()) => {
                self.count
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(d) => {
                if let Ok(mut diagnostics) = self.diagnostics.lock() {
                    diagnostics.push(d);
                }
            }
        }
    }

    pub fn emit_all(&self, results: impl IntoIterator<Item = Result<OutputFile, Diagnostic>>) {
        for result in results {
            self.emit(result);
        }
    }
}
