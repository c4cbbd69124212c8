//! The register year over year. `synergies archiver` keeps the register as it stands for the
//! report's year in `archives/<année>.json`, in exactly the format of `synergies.json`
//! (`docs/synergies.schema.json`); a build reads every archive (beside the load stage) and the
//! model carries them, so the report can list what changed since the previous year, each fiche
//! page its history, and the statistics the statuts of each year. Render never reads files.
//!
//! The report's year and its « situation au » date ([`Period`]) come from `synergies.toml`, and
//! when absent from the most recent `mis_a_jour` of the register: never from the clock, so a
//! build stays a pure function of its input.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::{self, Config};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::fields::Key;
use crate::load::CONFIG_FILE;
use crate::model::{Fiche, Site};
use crate::toml_fields::Date;

/// The folder of the archives, at the root beside `content/`.
pub const DIR: &str = "archives";

/// The report's year and « situation au » date, and where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub annee: Option<i64>,
    pub situation_au: Option<Date>,
    /// Whether `annee` is `synergies.toml`'s own (otherwise it was read from the dates).
    pub annee_from_config: bool,
    /// Whether `situation_au` is `synergies.toml`'s own (otherwise the latest `mis_a_jour`).
    pub situation_from_config: bool,
}

/// `annee` and `situation_au` of `config`; when absent, the latest `mis_a_jour` of `fiches` and
/// its year (the year of `situation_au` first, when only it is set).
pub fn period(config: &Config, fiches: &[Fiche]) -> Period {
    let latest = || {
        fiches
            .iter()
            .filter_map(|f| f.values.date(Key::MisAJour))
            .max()
    };
    let situation_au = config.situation_au.or_else(latest);
    let annee = config
        .annee
        .or_else(|| situation_au.map(|d| i64::from(d.year)));
    Period {
        annee,
        situation_au,
        annee_from_config: config.annee.is_some(),
        situation_from_config: config.situation_au.is_some(),
    }
}

/// The archives of `site` of the years before the report's (all of them when its year is
/// unknown), by year.
pub fn earlier<'a>(site: &'a Site, period: &Period) -> &'a [Archive] {
    let n = match period.annee {
        Some(year) => site.archives.partition_point(|a| a.annee < year),
        None => site.archives.len(),
    };
    &site.archives[..n]
}

/// The same day and month in `year` (the 28th for a 29 February the year lacks): the date a
/// help proposes for the « situation au » of another year's report.
pub fn same_day_in(date: Date, year: i64) -> Date {
    let year = u16::try_from(year).unwrap_or(date.year);
    let days = crate::toml_fields::days_in_month(u32::from(year), u32::from(date.month));
    let day = date.day.min(u8::try_from(days).unwrap_or(28));
    Date { year, day, ..date }
}

/// The warnings of [`warnings`]: `build`, which only counts warnings, prints these in full, since
/// the report it publishes would print the wrong year or date on every page.
pub const DATE_WARNINGS: [Code; 2] = [Code::AnneeArchivee, Code::SituationAutreAnnee];

/// The report's dates that would print wrongly, as warnings for `check` and `build`: a report
/// whose year is already archived (that year is closed: the report is most likely the next
/// year's, with `annee` left behind), and a `situation_au` of another year than `annee` (every
/// printed page would carry both). `file` is `synergies.toml`'s text: the warnings point at its
/// line, with the corrected line as help.
pub fn warnings(site: &Site, file: Option<&str>) -> Vec<Diagnostic> {
    let config = &site.config;
    let period = period(config, &site.fiches);
    let at = |key: &str| match file.and_then(|text| Some((text, config::setting_span(text, key)?)))
    {
        Some((text, span)) => Location::span(CONFIG_FILE, text, span),
        None => Location::file(CONFIG_FILE),
    };
    let line = |key: &str| file.and_then(|text| config::setting_line(text, key));
    let mut out = Vec::new();
    // Whether the warning of a closed year already says what `annee` and `situation_au` should be.
    let mut dates_told = false;
    if let Some(annee) = period.annee
        && let Some(archive) = site.archives.iter().find(|a| a.annee == annee)
    {
        // The year after the latest archive: the first one still open.
        let next = site.archives.last().map_or(annee, |a| a.annee) + 1;
        let whose = if period.annee_from_config {
            ""
        } else if period.situation_from_config {
            " (celle de situation_au)"
        } else {
            " (celle de la mise à jour la plus récente des fiches)"
        };
        let d = Diagnostic::warning(
            Code::AnneeArchivee,
            format!(
                "l'année {annee}{whose} est déjà archivée ({}) : ce rapport est sans doute celui \
                 de {next}",
                archive.path
            ),
        );
        let why = format!(
            "après `synergies archiver`, le rapport suivant est celui de {next}, daté du jour où \
             son registre est arrêté"
        );
        let label = format!("année close : {}", archive.path);
        let situation = config
            .situation_au
            .filter(|date| period.situation_from_config && i64::from(date.year) != next)
            .map(|date| format!("situation_au = {}", same_day_in(date, next).iso()));
        out.push(match (period.annee_from_config, situation) {
            (true, situation) => {
                dates_told = true;
                let annee_line = line("annee");
                let replace = match situation {
                    // The date written just below the year: both lines in one replacement.
                    Some(situation)
                        if annee_line.is_some()
                            && line("situation_au") == annee_line.map(|l| l + 1) =>
                    {
                        let first = annee_line.unwrap_or_default();
                        format!(
                            "remplacez les lignes {first} à {} par ces deux lignes : \
                             `annee = {next}` puis `{situation}`",
                            first + 1
                        )
                    }
                    Some(situation) => format!(
                        "changez aussi situation_au{} en `{situation}` ; remplacez la ligne \
                         par : `annee = {next}`",
                        line("situation_au").map_or_else(String::new, |l| format!(" (ligne {l})"))
                    ),
                    None => format!("remplacez la ligne par : `annee = {next}`"),
                };
                d.at(at("annee"))
                    .label(label)
                    .help(format!("{why} ; {replace}"))
            }
            (false, Some(situation)) => d
                .at(at("situation_au"))
                .label(label)
                .help(format!("{why} ; remplacez la ligne par : `{situation}`")),
            (false, None) => {
                let d = d.help(format!(
                    "{why} : ajoutez dans synergies.toml les lignes `annee = {next}` et \
                     `situation_au = AAAA-MM-JJ` (ce jour-là)"
                ));
                match file {
                    Some(_) => d.at(Location::file(CONFIG_FILE)),
                    None => d,
                }
            }
        });
    }
    if let (true, Some(annee), Some(date)) =
        (period.annee_from_config, period.annee, config.situation_au)
        && i64::from(date.year) != annee
        && !dates_told
    {
        out.push(
            Diagnostic::warning(
                Code::SituationAutreAnnee,
                format!(
                    "la date « situation au » ({}) n'est pas de l'année du rapport ({annee})",
                    date.french()
                ),
            )
            .at(at("situation_au"))
            .label(format!("une date de {}, pas de {annee}", date.year))
            .help(format!(
                "chaque page imprimée du rapport porterait « rapport {annee} » et « Situation au \
                 {} » ; si c'est l'année qui est restée en arrière, corrigez plutôt annee{} ; \
                 sinon, indiquez le jour où le registre de {annee} est arrêté : remplacez la \
                 ligne par : `situation_au = {}`",
                date.french(),
                line("annee").map_or_else(String::new, |l| format!(" (ligne {l})")),
                same_day_in(date, annee).iso()
            )),
        );
    }
    out
}

/// The register of one year, as `archives/<année>.json` keeps it (only what comparisons need).
#[derive(Debug, Clone)]
pub struct Archive {
    /// The year, from the file's name.
    pub annee: i64,
    /// The file, as the editor knows it (`archives/2025.json`).
    pub path: String,
    pub synergies: Vec<ArchivedFiche>,
    /// Position of each synergy in `synergies`, by id.
    index: HashMap<String, usize>,
    /// The title of each domain that year, by slug.
    domains: HashMap<String, String>,
}

impl Archive {
    /// The archived synergy with id `domaine/fiche`.
    pub fn get(&self, id: &str) -> Option<&ArchivedFiche> {
        self.index.get(id).map(|&i| &self.synergies[i])
    }

    /// The title the domain `slug` had that year (`None` in an archive without its domains).
    pub fn domain_title(&self, slug: &str) -> Option<&str> {
        self.domains.get(slug).map(String::as_str)
    }
}

/// A synergy of an archive. Every other member of `synergies.json` is accepted and left aside.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct ArchivedFiche {
    pub id: String,
    pub domaine: String,
    pub titre: String,
    pub statut: Option<ArchivedTerm>,
    pub avancement: Option<u8>,
}

/// A value as `synergies.json` writes it: its stable key and the label it had that year.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct ArchivedTerm {
    pub cle: String,
    pub libelle: String,
}

/// A domain of an archive: its slug and its title that year.
#[derive(Deserialize)]
struct ArchivedDomain {
    slug: String,
    titre: String,
}

#[derive(Deserialize)]
struct ArchiveJson {
    synergies: Vec<ArchivedFiche>,
    /// Absent from an archive written by hand: its removed synergies then show their domain's
    /// current title, or its slug.
    #[serde(default)]
    domaines: Vec<ArchivedDomain>,
}

/// Reads every `archives/<année>.json` of `root`, by year. No folder: no archive. A file that
/// cannot be read, is not such an archive, or whose name is not a year, is an error.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Archive> {
    let dir = root.join(DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(
                    Code::ArchiveInvalide,
                    format!(
                        "le dossier des archives ne peut pas être lu : {}",
                        crate::diagnostic::io_reason(&e)
                    ),
                )
                .at(Location::file(DIR)),
            );
            return Vec::new();
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.to_lowercase().ends_with(".json"))
        .collect();
    names.sort();
    let mut archives = Vec::new();
    for name in names {
        let path = format!("{DIR}/{name}");
        match read(&dir.join(&name), &path, &name) {
            Ok(archive) => archives.push(archive),
            Err(d) => diagnostics.push(d),
        }
    }
    archives.sort_by_key(|a| a.annee);
    archives
}

/// One archive: `file` on disk, `path` as shown, `name` its file name.
fn read(file: &Path, path: &str, name: &str) -> Result<Archive, Diagnostic> {
    let stem = &name[..name.len() - ".json".len()];
    let annee = match stem.parse::<i64>() {
        Ok(year) if stem.len() == 4 => year,
        _ => {
            return Err(Diagnostic::error(
                Code::ArchiveInvalide,
                format!("« {name} » n'est pas le nom d'une archive : le nom est l'année"),
            )
            .at(Location::file(path))
            .help(
                "une archive s'appelle d'après son année, par exemple archives/2025.json ; \
                 renommez ce fichier ou sortez-le du dossier archives/",
            ));
        }
    };
    let text = std::fs::read(file)
        .map_err(|e| {
            Diagnostic::error(
                Code::ArchiveInvalide,
                format!("cette archive ne peut pas être lue : {}", crate::diagnostic::io_reason(&e)),
            )
            .at(Location::file(path))
        })
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                Diagnostic::error(Code::ArchiveInvalide, "cette archive n'est pas en UTF-8")
                    .at(Location::file(path))
                    .help("une archive est écrite par `synergies archiver` ; ne l'enregistrez pas dans un autre encodage")
            })
        })?;
    let json: ArchiveJson = serde_json::from_str(&text).map_err(|e| invalid(path, &text, &e))?;
    let index = json
        .synergies
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    Ok(Archive {
        annee,
        path: path.to_owned(),
        synergies: json.synergies,
        index,
        domains: json
            .domaines
            .into_iter()
            .map(|d| (d.slug, d.titre))
            .collect(),
    })
}

/// The diagnostic of an archive that is not valid JSON of the right shape, at serde_json's line
/// and column.
fn invalid(path: &str, text: &str, error: &serde_json::Error) -> Diagnostic {
    let location = if error.line() == 0 {
        Location::file(path)
    } else {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(error.line() - 1)
            .map(str::len)
            .sum();
        let at = line_start + error.column().saturating_sub(1);
        Location::span(path, text, at..at + 1)
    };
    let what = match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            "cette archive n'est pas du JSON valide"
        }
        _ => "cette archive n'a pas le format de synergies.json",
    };
    Diagnostic::error(Code::ArchiveInvalide, what)
        .at(location)
        .label(translate(error))
        .help(
            "une archive est écrite par `synergies archiver` ; reprenez-la telle qu'elle a été \
             écrite (copie de sauvegarde, historique du dépôt) ou corrigez la ligne indiquée",
        )
}

/// serde_json's message, its usual phrases in French (the position is shown by the location).
fn translate(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        return format!("il manque le champ `{field}`");
    }
    for (prefix, french) in [
        ("invalid type: ", "type inattendu"),
        ("invalid value: ", "valeur inattendue"),
    ] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once(", expected "))
        {
            return format!(
                "{french} : {} au lieu {}",
                json_thing(found),
                expected_thing(expected)
            );
        }
    }
    match message.as_str() {
        "trailing comma" => "virgule en trop".to_owned(),
        "EOF while parsing an object"
        | "EOF while parsing a list"
        | "EOF while parsing a value" => "le fichier s'arrête avant la fin du JSON".to_owned(),
        "expected value" => "valeur attendue".to_owned(),
        "expected `,` or `]`" => "il manque une virgule, ou le crochet fermant `]`".to_owned(),
        "expected `,` or `}`" => "il manque une virgule, ou l'accolade fermante `}`".to_owned(),
        "expected `:`" => "il manque `:` après le nom du champ".to_owned(),
        "trailing characters" => "caractères en trop après la fin du JSON".to_owned(),
        "key must be a string" => "un nom de champ doit être entre guillemets".to_owned(),
        _ => message,
    }
}

/// What serde_json found, in French: `string "x"` → `le texte "x"`.
fn json_thing(found: &str) -> String {
    let (kind, value) = found.split_once(' ').unwrap_or((found, ""));
    let kind = match kind {
        "string" => "le texte",
        "integer" | "floating" => "le nombre",
        "boolean" => "la valeur",
        "map" => return "un objet { … }".to_owned(),
        "sequence" => return "une liste [ … ]".to_owned(),
        "null" => return "null".to_owned(),
        _ => return found.to_owned(),
    };
    let value = value
        .strip_prefix("point ")
        .unwrap_or(value)
        .replace('`', "");
    format!("{kind} {value}")
}

/// What serde_json expected, in French, after « au lieu ».
fn expected_thing(expected: &str) -> String {
    match expected {
        "struct ArchivedTerm" => "d'une valeur {\"cle\": …, \"libelle\": …}".to_owned(),
        "struct ArchivedFiche" => "d'une synergie { \"id\": …, \"titre\": … }".to_owned(),
        "struct ArchiveJson" => "du registre { \"synergies\": [ … ] }".to_owned(),
        "struct ArchivedDomain" => "d'un domaine { \"slug\": …, \"titre\": … }".to_owned(),
        "a string" => "d'un texte".to_owned(),
        "u8" => "d'un pourcentage (nombre entier)".to_owned(),
        "a sequence" => "d'une liste [ … ]".to_owned(),
        other => format!("de {other}"),
    }
}

/// What `synergies archiver` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    pub annee: i64,
    /// The file written (`<root>/archives/2026.json`).
    pub path: PathBuf,
    /// As shown to the editor (`archives/2026.json`).
    pub shown: String,
    pub fiches: usize,
    /// Where the year was read: `synergies.toml`'s `annee`, else its `situation_au`, else the
    /// fiches' dates.
    pub annee_from_config: bool,
    pub situation_from_config: bool,
    /// The lines of `synergies.toml` where `annee` and `situation_au` are written, if they are.
    pub annee_line: Option<usize>,
    pub situation_line: Option<usize>,
    /// The « situation au » date of the archived year.
    pub situation_au: Option<Date>,
}

impl Archived {
    /// What to change in `synergies.toml` so that the next report carries the next year and
    /// its own date (printed once the archive is written): the lines that date the report, as
    /// they should read.
    pub fn next_report(&self) -> String {
        let next = self.annee + 1;
        let situation = match self.situation_au {
            Some(date) => same_day_in(date, next).iso(),
            None => "AAAA-MM-JJ".to_owned(),
        };
        let situation =
            format!("situation_au = {situation}  # le jour où le registre de {next} sera arrêté");
        let mut lines = Vec::new();
        if let Some(line) = self.annee_line {
            lines.push((line, format!("annee = {next}")));
        }
        if let Some(line) = self.situation_line {
            lines.push((line, situation.clone()));
        }
        lines.sort();
        if lines.is_empty() {
            return format!(
                "Pour le rapport de {next} : sans annee ni situation_au dans synergies.toml, il \
                 prend la date de mise à jour la plus récente des fiches ; pour le dater \
                 vous-même, ajoutez dans synergies.toml les lignes :\n  annee = {next}\n  \
                 {situation}"
            );
        }
        let these = if lines.len() == 1 {
            "cette ligne date"
        } else {
            "ces lignes datent"
        };
        let lines: Vec<String> = lines
            .iter()
            .map(|(line, text)| format!("  ligne {line} : {text}"))
            .collect();
        format!(
            "Pour le rapport de {next}, changez dans synergies.toml :\n{}\nTant que {these} de \
             {}, check et build le signalent.",
            lines.join("\n"),
            self.annee
        )
    }
}

/// `synergies archiver`: checks the register and writes it, as `synergies.json` holds it, into
/// `archives/<année>.json`; refuses a year already archived. All or nothing: the file appears
/// whole, or not at all.
pub fn archive(root: &Path) -> Result<Archived, Diagnostics> {
    let (site, mut diagnostics) = crate::check(root);
    let Some(mut site) = site else {
        return Err(diagnostics);
    };
    let period = period(&site.config, &site.fiches);
    let Some(annee) = period.annee else {
        diagnostics.push(
            Diagnostic::error(
                Code::ArchiveSansAnnee,
                "l'année à archiver est inconnue : ni `annee` dans synergies.toml, ni date de mise à jour dans les fiches",
            )
            .at(Location::file(crate::load::CONFIG_FILE))
            .help("ajoutez dans synergies.toml une ligne `annee = 2026`"),
        );
        return Err(diagnostics);
    };
    let shown = format!("{DIR}/{annee}.json");
    let dir = root.join(DIR);
    let path = dir.join(format!("{annee}.json"));
    if path.exists() {
        return Err(refused(&shown));
    }
    // The archive says which year it keeps, as the report counts it.
    site.config.annee = Some(annee);
    site.config.situation_au = period.situation_au;
    let bytes = register_json(&site);
    let written = write_new(&dir, &path, &bytes).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            refused(&shown)
        } else {
            Diagnostics::from_iter([Diagnostic::error(
                Code::Ecriture,
                format!("écriture impossible : {}", crate::diagnostic::io_reason(&e)),
            )
            .at(Location::file(&shown))])
        }
    });
    written?;
    // The lines that date the report, to tell which to move forward (the file was read and
    // parsed by the check above; a file gone since leaves the general advice).
    let text = crate::load::read_config(root).ok().flatten();
    let line = |key: &str| {
        text.as_deref()
            .and_then(|text| config::setting_line(text, key))
    };
    Ok(Archived {
        annee,
        path,
        shown,
        fiches: site.fiches.len(),
        annee_from_config: period.annee_from_config,
        situation_from_config: period.situation_from_config,
        annee_line: line("annee").filter(|_| period.annee_from_config),
        situation_line: line("situation_au").filter(|_| period.situation_from_config),
        situation_au: period.situation_au,
    })
}

fn refused(shown: &str) -> Diagnostics {
    Diagnostics::from_iter([Diagnostic::error(
        Code::ArchiveExistante,
        format!("{shown} existe déjà : l'archive de cette année n'est pas remplacée"),
    )
    .at(Location::file(shown))
    .help(format!(
        "pour la remplacer volontairement, supprimez ou renommez d'abord {shown}, puis relancez \
         `synergies archiver` ; pour archiver une autre année, changez `annee` dans synergies.toml"
    ))])
}

/// The whole of `synergies.json` for `site`, as a build writes it.
fn register_json(site: &Site) -> Vec<u8> {
    use crate::render::pages::exports;
    let mut out = exports::json_head(site);
    for (i, fiche) in site.fiches.iter().enumerate() {
        let record = exports::Record::of(site, i, &fiche.body);
        out.extend_from_slice(&exports::json_record(&record, i == 0));
    }
    out.extend_from_slice(exports::json_tail(site.fiches.len()));
    out
}

/// Writes `bytes` into `path`, which must not exist: into a temporary file of `dir` first, then
/// linked to its name without replacing anything.
fn write_new(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".archive-").suffix(".tmp");
    // A file anyone may read, as the fiches are (a temporary file is private by default).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(root.join(DIR)).unwrap();
        std::fs::write(root.join(DIR).join(name), text).unwrap();
    }

    #[test]
    fn archives_are_read_by_year_and_looked_up_by_id() {
        let root = tempfile::tempdir().unwrap();
        write(
            root.path(),
            "2025.json",
            r#"{"titre":"R","domaines":[{"slug":"grh","titre":"Ressources humaines","ordre":1}],"synergies":[{"id":"grh/a","domaine":"grh","titre":"A","statut":{"cle":"en-cours","libelle":"En cours"},"avancement":50,"page":"x"}]}"#,
        );
        write(root.path(), "2024.json", r#"{"synergies":[]}"#);
        std::fs::write(root.path().join(DIR).join("LISEZMOI.txt"), "notes").unwrap();
        let mut diagnostics = Diagnostics::default();
        let archives = load(root.path(), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics}");
        let years: Vec<i64> = archives.iter().map(|a| a.annee).collect();
        assert_eq!(years, [2024, 2025]);
        let a = archives[1].get("grh/a").unwrap();
        assert_eq!(a.avancement, Some(50));
        assert_eq!(a.statut.as_ref().unwrap().libelle, "En cours");
        assert!(archives[1].get("grh/b").is_none());
        assert_eq!(archives[1].domain_title("grh"), Some("Ressources humaines"));
        assert_eq!(archives[0].domain_title("grh"), None);
    }

    #[test]
    fn an_invalid_archive_is_located_at_its_line_and_column() {
        let root = tempfile::tempdir().unwrap();
        write(
            root.path(),
            "2025.json",
            "{\"synergies\":[\n{\"id\":\"grh/a\",,}\n]}",
        );
        write(root.path(), "vieux.json", "{}");
        write(
            root.path(),
            "2023.json",
            "{\"synergies\":[{\"id\":\"grh/a\"}]}",
        );
        let mut diagnostics = Diagnostics::default();
        assert!(load(root.path(), &mut diagnostics).is_empty());
        let shown: Vec<String> = diagnostics
            .sorted()
            .iter()
            .map(|d| {
                let location = d.location.as_ref().unwrap();
                let position = location
                    .position
                    .as_ref()
                    .map(|p| format!(":{}:{}", p.line, p.column))
                    .unwrap_or_default();
                format!(
                    "{}{position} {} ({})",
                    location.path,
                    d.message,
                    d.label.clone().unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "archives/2023.json:1:28 cette archive n'a pas le format de synergies.json (il manque le champ `domaine`)",
                "archives/2025.json:2:15 cette archive n'est pas du JSON valide (un nom de champ doit être entre guillemets)",
                "archives/vieux.json « vieux.json » n'est pas le nom d'une archive : le nom est l'année ()",
            ]
        );
    }

    #[test]
    fn the_same_day_of_another_year_keeps_a_date_that_exists() {
        let date = |year, month, day| Date { year, month, day };
        assert_eq!(same_day_in(date(2026, 11, 29), 2027), date(2027, 11, 29));
        assert_eq!(same_day_in(date(2028, 2, 29), 2029), date(2029, 2, 28));
        assert_eq!(same_day_in(date(2027, 2, 28), 2028), date(2028, 2, 28));
        assert_eq!(same_day_in(date(2023, 2, 28), 2024), date(2024, 2, 28));
    }

    #[test]
    fn the_next_report_names_only_the_lines_synergies_toml_has() {
        let archived = Archived {
            annee: 2026,
            path: PathBuf::from("archives/2026.json"),
            shown: "archives/2026.json".to_owned(),
            fiches: 3,
            annee_from_config: true,
            situation_from_config: true,
            annee_line: Some(7),
            situation_line: None,
            situation_au: None,
        };
        assert_eq!(
            archived.next_report(),
            "Pour le rapport de 2027, changez dans synergies.toml :\n  ligne 7 : annee = 2027\n\
             Tant que cette ligne date de 2026, check et build le signalent."
        );
        let archived = Archived {
            annee_line: None,
            situation_line: Some(3),
            situation_au: Some(Date {
                year: 2026,
                month: 12,
                day: 1,
            }),
            ..archived
        };
        assert_eq!(
            archived.next_report(),
            "Pour le rapport de 2027, changez dans synergies.toml :\n  ligne 3 : situation_au = \
             2027-12-01  # le jour où le registre de 2027 sera arrêté\n\
             Tant que cette ligne date de 2026, check et build le signalent."
        );
    }

    #[test]
    fn the_period_falls_back_on_the_latest_update() {
        let config = Config::default();
        let none = period(&config, &[]);
        assert_eq!((none.annee, none.situation_au), (None, None));
        let config = Config {
            annee: Some(2027),
            ..Config::default()
        };
        let set = period(&config, &[]);
        assert_eq!(set.annee, Some(2027));
        assert!(set.annee_from_config);
    }
}
