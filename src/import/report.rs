//! What an import did, or would do with `--dry-run`, as data; `Display` is the French text
//! `synergies import` prints. Values read from the file are shown with control characters
//! escaped, so that a cell cannot drive the terminal.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::plural;

/// One row that becomes a fiche.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FicheReport {
    /// Its place among the rows read: the report follows the table's order.
    pub seq: usize,
    /// « ligne 4 », « tableau 2, ligne 5 ».
    pub row: String,
    /// `content/grh/plan-de-formation.md`.
    pub path: String,
    /// How the domain was chosen, when it was not given by a column.
    pub domain: Option<String>,
    /// Fields read into the vocabularies: « modes (Coopératif, Délégatif) ».
    pub mapped: Vec<String>,
    /// `_note` fields that keep text as written.
    pub kept: Vec<String>,
    /// What an editor should look at.
    pub look: Vec<String>,
    /// An existing fiche gives this page: the row is not written.
    pub exists: Option<String>,
}

/// A row that is not a synergy, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub seq: usize,
    pub row: String,
    pub why: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The file as given.
    pub source: String,
    /// « CSV, encodage Windows-1252, séparateur point-virgule », « feuille « Registre » ».
    pub format: String,
    /// Headings of columns that are not imported.
    pub ignored_columns: Vec<String>,
    pub fiches: Vec<FicheReport>,
    pub skipped: Vec<Skipped>,
    /// Rows read (blank rows not counted).
    pub rows: usize,
    pub dry_run: bool,
    /// Files written (fiches and new domains' `_index.md`); empty with `--dry-run`.
    pub written: Vec<PathBuf>,
}

impl Report {
    /// Fiches created, or that would be with `--dry-run`.
    pub fn created(&self) -> usize {
        self.fiches.iter().filter(|f| f.exists.is_none()).count()
    }
}

/// Control characters and bidi overrides shown as `\u{1b}`, as diagnostics show them.
pub use crate::diagnostic::escape_controls as shown;

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Import de {} : {}.", shown(&self.source), self.format)?;
        if !self.ignored_columns.is_empty() {
            let names: Vec<_> = self.ignored_columns.iter().map(|c| shown(c)).collect();
            writeln!(f, "Colonnes non reprises : {}.", names.join(" | "))?;
        }
        let mut skipped = self.skipped.iter().peekable();
        for r in &self.fiches {
            while let Some(s) = skipped.next_if(|s| s.seq < r.seq) {
                writeln!(f, "{} : ignorée ({}).", shown(&s.row), shown(&s.why))?;
            }
            write!(f, "{} → {}", shown(&r.row), shown(&r.path))?;
            if let Some(other) = &r.exists {
                if *other == r.path {
                    writeln!(f, " : existe déjà, non remplacée.")?;
                } else {
                    writeln!(
                        f,
                        " : {} donne déjà cette page, non remplacée.",
                        shown(other)
                    )?;
                }
                continue;
            }
            writeln!(f)?;
            if let Some(domain) = &r.domain {
                writeln!(f, "    domaine : {}", shown(domain))?;
            }
            if !r.mapped.is_empty() {
                writeln!(f, "    repris : {}", shown(&r.mapped.join(" ; ")))?;
            }
            if !r.kept.is_empty() {
                writeln!(f, "    gardé en texte : {}", r.kept.join(", "))?;
            }
            if !r.look.is_empty() {
                writeln!(f, "    à vérifier : {}", shown(&r.look.join(" ; ")))?;
            }
        }
        for s in skipped {
            writeln!(f, "{} : ignorée ({}).", shown(&s.row), shown(&s.why))?;
        }
        let rows = plural(self.rows, "ligne lue", "lignes lues");
        let n = self.created();
        if self.dry_run {
            write!(
                f,
                "Simulation terminée, rien n'a été écrit : {rows}, {} à créer.",
                plural(n, "fiche", "fiches")
            )
        } else {
            write!(
                f,
                "Import terminé : {rows}, {} créée{}.",
                plural(n, "fiche", "fiches"),
                if n > 1 { "s" } else { "" }
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("a\u{1b}[31mb\u{202e}"), "a\\u{1b}[31mb\\u{202e}");
        assert_eq!(shown("Égalité\n"), "Égalité\\u{a}");
    }
}
