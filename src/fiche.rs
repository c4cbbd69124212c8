//! Stage 2, validate: turns one loaded file into a checked [`FicheDraft`] or [`DomainDraft`],
//! reporting every problem of that file. Checks that need the whole register (duplicate pages,
//! `voir_aussi` targets) belong to the model stage.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::fields::{self, Key, Kind as Declared, Value, Values};
use crate::frontmatter::{self, SplitError};
use crate::hints;
use crate::load::{Kind, SourceFile};
use crate::toml_fields::{Source, Spanned};
use crate::vocab::{Field, Vocabularies};

/// The keys a fiche may have, in the order editors meet them.
pub const FICHE_KEYS: [&str; 15] = fields::KEYS;

/// The keys of a domain's `_index.md`.
pub const DOMAIN_KEYS: [&str; 2] = [Key::Titre.key(), Key::Ordre.key()];

/// A fiche's front matter, for the hints.
pub const FICHE_SCHEMA: hints::Schema = hints::Schema {
    keys: &FICHE_KEYS,
    kind: hints::kind_of,
    place: "l'en-tête de la fiche",
};

/// A domain's `_index.md`, for the hints.
const DOMAIN_SCHEMA: hints::Schema = hints::Schema {
    keys: &DOMAIN_KEYS,
    kind: hints::kind_of,
    place: "l'en-tête de la fiche",
};

/// A reference to another fiche, as written, with where it was written.
#[derive(Debug, Clone)]
pub struct Reference {
    pub target: String,
    pub location: Location,
}

/// A fiche whose every field is checked; terms are indexes into the vocabularies.
#[derive(Debug, Clone, Default)]
pub struct FicheDraft {
    pub source: String,
    pub folder: String,
    pub stem: String,
    /// The front matter's values, references as written.
    pub values: Values<Reference>,
    /// The Markdown body, line endings normalised to `\n`.
    pub body: String,
    /// [`front_hash`] of the front matter as written.
    pub front_hash: u64,
}

impl FicheDraft {
    pub fn titre(&self) -> &str {
        self.values.text(Key::Titre).unwrap_or_default()
    }
}

/// A domain's `_index.md`.
#[derive(Debug, Clone, Default)]
pub struct DomainDraft {
    pub source: String,
    pub folder: String,
    pub titre: Option<String>,
    pub ordre: Option<i64>,
    pub body: String,
}

/// The front matter and body of a file, or `None` after reporting why they cannot be read.
fn open<'a>(file: &'a SourceFile, diagnostics: &mut Diagnostics) -> Option<(Source<'a>, &'a str)> {
    match frontmatter::split(&file.text) {
        Ok(parts) => Some((
            Source {
                path: &file.display_path,
                text: &file.text,
                front: parts.front,
            },
            &file.text[parts.body],
        )),
        Err(SplitError::Missing { first_line, yaml }) => {
            let location = Location::span(&file.display_path, &file.text, first_line);
            let d = Diagnostic::error(
                Code::EnTeteAbsent,
                "la fiche ne commence pas par un en-tête `+++`",
            )
            .at(location)
            .label("une ligne `+++` est attendue ici");
            diagnostics.push(if yaml {
                d.help("l'en-tête de la fiche s'écrit entre deux lignes `+++` (et non `---`) : remplacez les deux lignes `---` par `+++`, puis lancez `synergies check` : il donnera chaque ligne `nom: valeur` réécrite en `nom = \"valeur\"`")
            } else {
                d.help("commencez le fichier par une ligne `+++`, les champs (titre = \"…\"), puis une autre ligne `+++` avant le texte")
            });
            None
        }
        Err(SplitError::Crowded { text, opening }) => {
            let after = file.text[text.clone()].to_owned();
            let (code, which) = if opening {
                (Code::EnTeteAbsent, "ouvre")
            } else {
                (Code::EnTeteNonFerme, "ferme")
            };
            diagnostics.push(
                Diagnostic::error(
                    code,
                    format!("la ligne `+++` qui {which} l'en-tête est suivie de « {after} »"),
                )
                .at(Location::span(&file.display_path, &file.text, text))
                .label("texte après `+++`")
                .help(format!(
                    "la ligne `+++` reste seule sur sa ligne : mettez ce texte sur la ligne \
                     suivante ; remplacez la ligne par ces deux lignes : `+++` puis `{after}`"
                )),
            );
            None
        }
        Err(SplitError::Unclosed { opening }) => {
            diagnostics.push(
                Diagnostic::error(
                    Code::EnTeteNonFerme,
                    "l'en-tête ouvert par `+++` n'est jamais fermé",
                )
                .at(Location::span(&file.display_path, &file.text, opening))
                .label("ouvert ici")
                .help("ajoutez une ligne `+++` après le dernier champ, avant le texte de la fiche"),
            );
            None
        }
    }
}

/// A key written with a point where its field has `_` (`pilote.note = "RH"`, read by TOML as a
/// table `pilote` holding `note`): the line with the field's key, when the point's first
/// replacement by `_` names a field. Asked only of a value that is a table (always an error).
fn dotted_key(
    source: &Source,
    key_span: std::ops::Range<usize>,
    value: &DeValue,
) -> Option<Diagnostic> {
    let DeValue::Table(_) = value else {
        return None;
    };
    let front = &source.text[source.front.clone()];
    let line_end = front[key_span.start..]
        .find(['\r', '\n'])
        .map_or(front.len(), |i| key_span.start + i);
    let line = front.get(key_span.start..line_end)?;
    let (written, rest) = line.split_once('=')?;
    let written = written.trim();
    if !written.contains('.') {
        return None;
    }
    let meant = written.replacen('.', "_", 1);
    let meant = FICHE_KEYS.into_iter().find(|k| **k == meant)?;
    Some(
        Diagnostic::error(
            Code::CleInconnue,
            format!("`{written}` : clé inconnue — le champ s'appelle `{meant}`"),
        )
        .at(source.location(key_span.start..key_span.start + written.len()))
        .label("clé inconnue")
        .help(format!(
            "le nom du champ s'écrit `{meant}`, avec `_`, pas avec un point ; remplacez la \
             ligne par : `{meant} = {}`",
            rest.trim()
        )),
    )
}

pub fn normalize_body(body: &str) -> String {
    if !body.contains('\r') {
        return body.trim_matches('\n').to_owned();
    }
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    body.trim_matches('\n').to_owned()
}

/// The [`front_hash`] of a fiche file's front matter and its normalised body; `None` when the
/// text cannot be split.
pub fn front_and_body(text: &str) -> Option<(u64, String)> {
    let parts = frontmatter::split(text).ok()?;
    Some((
        front_hash(&text[parts.front]),
        normalize_body(&text[parts.body]),
    ))
}

/// A digest of a fiche's front matter: equal digests mean an edit touched only the body (which
/// lets `serve` update that fiche's page alone, at once).
pub fn front_hash(front: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    // Digests are compared within one process only (a build, a `serve` session).
    BuildHasherDefault::<DefaultHasher>::default().hash_one(front)
}

/// What `check` would say of a fiche about to be written by `new` or `import` (its path as
/// diagnostics show it, its domain folder, its file name without `.md`, its text): nothing
/// is written that the build would refuse. Empty when the fiche is valid.
pub fn problems_of_new(
    display_path: &str,
    folder: &str,
    stem: &str,
    text: &str,
    vocab: &Vocabularies,
) -> Diagnostics {
    let file = SourceFile {
        kind: Kind::Fiche,
        display_path: display_path.to_owned(),
        folder: folder.to_owned(),
        stem: stem.to_owned(),
        text: text.to_owned(),
    };
    let mut diagnostics = Diagnostics::default();
    if fiche(&file, vocab, &mut diagnostics).is_none() && !diagnostics.has_errors() {
        diagnostics.push(Diagnostic::error(
            Code::Interne,
            "la fiche n'a pas pu être lue",
        ));
    }
    diagnostics
}

/// What `check` would say of a domain's `_index.md` about to be written by `new` or `import`
/// into `content/<folder>/`: nothing is written that the build would refuse. Empty when the
/// page is valid.
pub fn problems_of_new_domain(folder: &str, text: &str) -> Diagnostics {
    let file = SourceFile {
        kind: Kind::DomainIndex,
        display_path: format!("{}/{folder}/_index.md", crate::load::CONTENT_DIR),
        folder: folder.to_owned(),
        stem: "_index".to_owned(),
        text: text.to_owned(),
    };
    let mut diagnostics = Diagnostics::default();
    domain(&file, &mut diagnostics);
    diagnostics
}

/// Validates a fiche file.
pub fn fiche(
    file: &SourceFile,
    vocab: &Vocabularies,
    diagnostics: &mut Diagnostics,
) -> Option<FicheDraft> {
    let (source, body) = open(file, diagnostics)?;
    let errors_before = diagnostics.error_count();
    crate::nesting::check(&source, body, diagnostics);
    // A control character written in the front matter is that error alone: the TOML parser
    // and the hints would only say the line is broken.
    if source.refuse_controls(diagnostics) {
        return None;
    }
    let front = &source.text[source.front.clone()];
    // Most files parse: only a file that does not is read line by line, each broken line
    // reported once with its corrected form and left out of the rest of the checks.
    let repaired;
    let mut reported: Vec<&'static str> = Vec::new();
    let table = match DeTable::parse(front) {
        Ok(table) => table.into_inner(),
        Err(_) => {
            repaired = hints::repair(&source, vocab, FICHE_SCHEMA, diagnostics);
            reported.clone_from(&repaired.keys);
            source.parse_text(&repaired.text, diagnostics)?
        }
    };
    // What hints need to know of the rest of the file; made only when a line is refused.
    let cx = std::cell::OnceCell::new();
    let cx = || {
        cx.get_or_init(|| hints::Context {
            vocab,
            schema: FICHE_SCHEMA,
            present: table
                .iter()
                .filter_map(|(k, _)| hints::canonical_key(k.get_ref(), &FICHE_KEYS))
                .chain(reported.iter().copied())
                .collect(),
            exact: FICHE_KEYS
                .into_iter()
                .filter(|k| table.get(*k).is_some())
                .collect(),
        })
    };
    let mut draft = FicheDraft {
        source: file.display_path.clone(),
        folder: file.folder.clone(),
        stem: file.stem.clone(),
        body: normalize_body(body),
        front_hash: front_hash(&source.text[source.front.clone()]),
        ..FicheDraft::default()
    };
    let mut titre_seen = reported.contains(&Key::Titre.key());
    for (key, value) in table.iter() {
        let name: &str = key.get_ref().as_ref();
        // This entry's problems; replaced by one diagnostic with the corrected line when a
        // hint recognises the mistake.
        let mut local = Diagnostics::default();
        let diagnostics_of_file = &mut *diagnostics;
        // `pilote.note = "…"`: a point for the `_` of `pilote_note` (TOML reads a table).
        if let Some(d) = dotted_key(&source, key.span(), value.get_ref()) {
            diagnostics_of_file.push(d);
            continue;
        }
        let diagnostics = &mut local;
        match Key::from_key(name).map(|k| (k, k.spec().kind)) {
            Some((Key::Titre, _)) => {
                titre_seen = true;
                match source.string(name, value, diagnostics) {
                    Some(t) => draft.values.set(Key::Titre, Some(Value::Text(t.into()))),
                    None if matches!(value.get_ref(), DeValue::String(_)) => diagnostics.push(
                        Diagnostic::error(Code::TitreVide, "le titre est vide")
                            .at(source.location(value.span()))
                            .help("donnez à la fiche le nom de la synergie : titre = \"…\""),
                    ),
                    None => {}
                }
            }
            Some((key, Declared::Terms(field))) => {
                let mut terms = Vec::new();
                for item in source.string_list(name, value, diagnostics) {
                    if let Some(index) = term(&source, vocab, field, &item, diagnostics)
                        && !terms.contains(&index)
                    {
                        terms.push(index);
                    }
                }
                terms.sort_unstable();
                draft.values.set(key, Some(Value::Terms(terms.into())));
            }
            Some((key, Declared::Term(field))) => {
                let found = source.string(name, value, diagnostics).and_then(|s| {
                    term(
                        &source,
                        vocab,
                        field,
                        &Spanned::new(value.span(), s),
                        diagnostics,
                    )
                });
                draft.values.set(key, found.map(Value::Term));
            }
            Some((key, Declared::Text | Declared::Note(_))) => {
                let text = source.string(name, value, diagnostics);
                draft.values.set(key, text.map(|t| Value::Text(t.into())));
            }
            Some((key, Declared::Range(low, high))) => {
                if let Some(n) = source.integer(name, value, diagnostics) {
                    if (low..=high).contains(&n) {
                        draft.values.set(key, Some(Value::Integer(n)));
                    } else {
                        diagnostics.push(
                            Diagnostic::error(
                                Code::AvancementHorsLimites,
                                format!(
                                    "{} doit être compris entre {low} et {high}, pas {n}",
                                    with_article(key.spec().label)
                                ),
                            )
                            .at(source.location(value.span()))
                            .label(format!("hors de {low}–{high}"))
                            .help(if n < low {
                                format!(
                                    "un avancement ne descend pas sous {low} : {low} pour une \
                                     synergie pas encore commencée ; remplacez la ligne par : \
                                     `{name} = {low}`"
                                )
                            } else {
                                format!(
                                    "un avancement va de {low} à {high}, sans le signe % ; \
                                     remplacez la ligne par : `{name} = {high}`"
                                )
                            }),
                        )
                    }
                }
            }
            Some((key, Declared::Date)) => {
                let date = source.date(name, value, diagnostics);
                draft.values.set(key, date.map(Value::Date));
            }
            Some((key, Declared::Integer)) => {
                let n = source.integer(name, value, diagnostics);
                draft.values.set(key, n.map(Value::Integer));
            }
            Some((key, Declared::References)) => {
                let references = source
                    .string_list(name, value, diagnostics)
                    .into_iter()
                    .map(|item| Reference {
                        location: source.location(item.span()),
                        target: item
                            .into_inner()
                            .trim_end_matches(".md")
                            .trim_matches('/')
                            .to_owned(),
                    })
                    .collect::<Vec<_>>();
                draft
                    .values
                    .set(key, Some(Value::References(references.into())));
            }
            // Not a key of the table.
            None => {
                // `Titre`, `nom`: the title is there, under another name.
                titre_seen |= hints::canonical_key(name, &FICHE_KEYS) == Some(Key::Titre.key());
                diagnostics.push(source.unknown_key(name, key.span(), &FICHE_KEYS));
            }
        }
        let hinted = local
            .has_errors()
            .then(|| hints::for_entry(&source, key.span(), value.span(), cx()))
            .flatten();
        match hinted {
            Some(d) => diagnostics_of_file.push(d),
            None => diagnostics_of_file.extend(local),
        }
    }
    if !titre_seen {
        diagnostics.push(
            Diagnostic::error(Code::TitreAbsent, "la fiche n'a pas de titre")
                .at(source.location(0..0))
                .label("ajoutez le titre au début de l'en-tête")
                .help("ajoutez une ligne titre = \"…\" dans l'en-tête : c'est le seul champ obligatoire"),
        );
    }
    fields_in_body(
        &source,
        source.text.len() - body.len(),
        |key| table.get(key).is_some() || reported.contains(&key),
        diagnostics,
    );
    if diagnostics.error_count() != errors_before {
        return None;
    }
    completeness(&source, &draft, diagnostics);
    Some(draft)
}

/// Reports the lines of the body (starting at byte `body_start` of the file) written as a
/// field of the fiche, `statut = "Effectif"`: below the closing `+++` such a line is not read,
/// and shows on the page as text. Only a key written exactly (in any case) at the start of a
/// line, with `=` and a value, counts: prose does not look so. Such a line is then confirmed
/// by the Markdown parser (on this failure path only): it must begin a paragraph's line, so
/// code, HTML and its comments, and a list item's continued text are left alone. `in_front`:
/// whether the front matter has a key. The first line of the body gets the lines to copy (the
/// field, then `+++`); another only says where to move it.
fn fields_in_body(
    source: &Source,
    body_start: usize,
    in_front: impl Fn(&'static str) -> bool,
    diagnostics: &mut Diagnostics,
) {
    let text = source.text;
    let body = &text[body_start..];
    // (offset in the body where the key starts, the key, the line without its indent)
    let mut candidates = Vec::new();
    let mut first_content = None;
    let mut start = 0;
    while start < body.len() {
        let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
        let line = body[start..end].trim_end_matches('\r');
        let line_start = start;
        start = end + 1;
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let at = line_start + (line.len() - trimmed.len());
        first_content.get_or_insert(at);
        let Some((written, value)) = trimmed.split_once('=') else {
            continue;
        };
        let Some(key) = FICHE_KEYS
            .into_iter()
            .find(|k| k.eq_ignore_ascii_case(written.trim_end()))
        else {
            continue;
        };
        if !value.trim().is_empty() {
            candidates.push((at, key, trimmed.trim_end()));
        }
    }
    if candidates.is_empty() {
        return;
    }
    let paragraph_lines = paragraph_line_starts(body);
    let closing_line = text[..source.front.end].matches('\n').count() + 1;
    for (at, key, field) in candidates {
        if !paragraph_lines.contains(&at) {
            continue;
        }
        let number = text[..body_start + at].matches('\n').count() + 1;
        let help = if in_front(key) {
            format!(
                "le champ `{key}` est déjà dans l'en-tête : gardez-y la bonne valeur et retirez \
                 cette ligne du texte"
            )
        } else if first_content == Some(at) && DeTable::parse(field).is_ok() {
            format!(
                "déplacez cette ligne au-dessus de la ligne `+++` qui ferme l'en-tête \
                 (ligne {closing_line}) ; remplacez les lignes {closing_line} à {number} par ces \
                 deux lignes : `{field}` puis `+++`"
            )
        } else {
            format!(
                "déplacez cette ligne au-dessus de la ligne `+++` qui ferme l'en-tête \
                 (ligne {closing_line})"
            )
        };
        let written = field.split_once('=').map_or(field, |(k, _)| k.trim_end());
        diagnostics.push(
            Diagnostic::error(
                Code::ChampDansLeTexte,
                format!(
                    "`{key}` est écrit sous la ligne `+++` qui ferme l'en-tête : ce champ n'est \
                     pas lu, la ligne s'afficherait dans le texte de la fiche"
                ),
            )
            .at(Location::span(
                source.path,
                text,
                body_start + at..body_start + at + written.len(),
            ))
            .label("champ sous l'en-tête")
            .help(help),
        );
    }
}

/// Where the lines of the body's paragraphs begin (offsets in `body`): a paragraph's first
/// text, and the text after each of its line breaks. Not a list item's own paragraph, whose
/// lines are the item's.
fn paragraph_line_starts(body: &str) -> Vec<usize> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut starts = Vec::new();
    let mut in_paragraph = false;
    let mut line_start = false;
    let mut in_item = 0usize;
    for (event, range) in Parser::new_ext(body, crate::nesting::OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::Item) => in_item += 1,
            Event::End(TagEnd::Item) => in_item = in_item.saturating_sub(1),
            Event::Start(Tag::Paragraph) if in_item == 0 => {
                in_paragraph = true;
                line_start = true;
            }
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::SoftBreak | Event::HardBreak if in_paragraph => line_start = true,
            Event::Text(_) if in_paragraph && line_start => {
                starts.push(range.start);
                line_start = false;
            }
            _ if in_paragraph => line_start = false,
            _ => {}
        }
    }
    starts
}

/// A field's label as the subject of a sentence, in lower case: « l'avancement ».
fn with_article(label: &str) -> String {
    let lower = label.to_lowercase();
    if lower.starts_with(['a', 'e', 'é', 'i', 'o', 'u']) {
        format!("l'{lower}")
    } else {
        format!("le champ « {lower} »")
    }
}

/// Warnings for what a valid fiche leaves "Non renseigné", and for an empty body.
fn completeness(source: &Source, draft: &FicheDraft, diagnostics: &mut Diagnostics) {
    let missing: Vec<&str> = Key::ALL
        .into_iter()
        .filter(|key| key.vocab().is_some() && draft.values.terms(*key).is_empty())
        .map(Key::key)
        .collect();
    if !missing.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                Code::Incomplet,
                format!("non renseigné : {}", missing.join(", ")),
            )
            .at(Location::file(source.path)),
        );
    }
    if draft.body.trim().is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                Code::CorpsVide,
                "la réalisation / le résultat obtenu est vide",
            )
            .at(Location::file(source.path))
            .help("décrivez ce qui a été réalisé sous la deuxième ligne `+++`"),
        );
    }
}

/// Matches a vocabulary value, reporting it when it is unknown.
fn term(
    source: &Source,
    vocab: &Vocabularies,
    field: Field,
    value: &Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    match vocab.lookup(field, value.get_ref()) {
        Ok(index) => Some(index),
        Err(miss) => {
            let allowed = miss
                .allowed
                .iter()
                .map(|l| format!("« {l} »"))
                .collect::<Vec<_>>()
                .join(", ");
            let message = match &miss.suggestion {
                Some(s) => format!("« {} » — vouliez-vous dire « {s} » ?", value.get_ref()),
                None => format!(
                    "« {} » n'est pas une valeur admise pour `{}`",
                    value.get_ref(),
                    field.key()
                ),
            };
            diagnostics.push(
                Diagnostic::error(Code::ValeurInconnue, message)
                    .at(source.location(value.span()))
                    .label(format!("valeur inconnue pour « {} »", field.label()))
                    .help(match field {
                        Field::Statut => format!(
                            "valeurs admises : {allowed} ; les précisions vont dans le texte de la fiche"
                        ),
                        _ => format!(
                            "valeurs admises : {allowed} ; les précisions vont dans `{}_note`",
                            field.key()
                        ),
                    }),
            );
            None
        }
    }
}

/// Validates a domain's `_index.md`.
pub fn domain(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<DomainDraft> {
    let (source, body) = open(file, diagnostics)?;
    crate::nesting::check(&source, body, diagnostics);
    if source.refuse_controls(diagnostics) {
        return None;
    }
    let front = &source.text[source.front.clone()];
    let repaired;
    let table = match DeTable::parse(front) {
        Ok(table) => table.into_inner(),
        Err(_) => {
            repaired = hints::repair(
                &source,
                &Vocabularies::default(),
                DOMAIN_SCHEMA,
                diagnostics,
            );
            source.parse_text(&repaired.text, diagnostics)?
        }
    };
    let mut draft = DomainDraft {
        source: file.display_path.clone(),
        folder: file.folder.clone(),
        body: normalize_body(body),
        ..DomainDraft::default()
    };
    for (key, value) in table.iter() {
        let name: &str = key.get_ref().as_ref();
        let mut local = Diagnostics::default();
        match Key::from_key(name) {
            Some(Key::Titre) => draft.titre = source.string(name, value, &mut local),
            Some(Key::Ordre) => draft.ordre = source.integer(name, value, &mut local),
            _ => local.push(source.unknown_key(name, key.span(), &DOMAIN_KEYS)),
        }
        let hinted = local
            .has_errors()
            .then(|| {
                let vocab = Vocabularies::default();
                let cx = hints::Context {
                    vocab: &vocab,
                    schema: DOMAIN_SCHEMA,
                    present: Vec::new(),
                    exact: DOMAIN_KEYS
                        .into_iter()
                        .filter(|k| table.get(*k).is_some())
                        .collect(),
                };
                hints::for_entry(&source, key.span(), value.span(), &cx)
            })
            .flatten();
        match hinted {
            Some(d) => diagnostics.push(d),
            None => diagnostics.extend(local),
        }
    }
    Some(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            kind: Kind::Fiche,
            display_path: "content/grh/formations.md".to_owned(),
            folder: "grh".to_owned(),
            stem: "formations".to_owned(),
            text: text.to_owned(),
        }
    }

    fn check(text: &str) -> (Option<FicheDraft>, Vec<String>) {
        let mut diagnostics = Diagnostics::default();
        let draft = fiche(&file(text), &Vocabularies::default(), &mut diagnostics);
        let lines = diagnostics
            .sorted()
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let p = d
                    .location
                    .as_ref()
                    .and_then(|l| l.position.clone())
                    .unwrap();
                format!("{}:{} {}", p.line, p.column, d.message)
            })
            .collect();
        (draft, lines)
    }

    #[test]
    fn a_full_fiche_is_read() {
        let (draft, problems) = check(
            "+++\ntitre = \"Formations\"\nobjectifs = [\"moyens\"]\nmodes = [\"Délégatif\", \"cooperatif\"]\n\
             pilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"100%\"\navancement = 100\n\
             mis_a_jour = 2020-11-15\nvoir_aussi = [\"grh/sipp\"]\n+++\r\nLe texte.\r\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let draft = draft.unwrap();
        assert_eq!(draft.titre(), "Formations");
        assert_eq!(draft.values.terms(Key::Modes), [0, 1]);
        assert_eq!(draft.values.term(Key::Statut), Some(0));
        assert_eq!(draft.values.integer(Key::Avancement), Some(100));
        assert_eq!(draft.body, "Le texte.");
        assert_eq!(
            draft.values.references(Key::VoirAussi)[0].target,
            "grh/sipp"
        );
    }

    #[test]
    fn every_problem_of_a_file_is_reported_at_once() {
        let (draft, problems) = check(
            "+++\npilot = \"Ville\"\nmodes = \"Délégatif\"\nstatut = \"efectif\"\navancement = 120\n+++\n",
        );
        assert!(draft.is_none());
        assert_eq!(
            problems,
            [
                "2:1 `pilot` : clé inconnue — le champ s'appelle `pilote`",
                "2:1 la fiche n'a pas de titre",
                "3:9 `modes` attend une liste entre crochets",
                "4:10 « efectif » — vouliez-vous dire « Effectif » ?",
                "5:14 l'avancement doit être compris entre 0 et 100, pas 120",
            ]
        );
    }

    #[test]
    fn a_broken_line_gives_one_error_and_the_others_are_still_checked() {
        let (draft, problems) = check(
            "+++\ntitre = Plan\nmodes = [\n  \"Délégatif\",\npilote = \"Vile\"\nstatut = \"En cours\"\n+++\n",
        );
        assert!(draft.is_none());
        assert_eq!(
            problems,
            [
                "2:9 `titre` : un texte doit être entre guillemets",
                "3:9 liste non fermée : il manque le crochet `]`",
                "5:10 « Vile » — vouliez-vous dire « Ville » ?",
            ]
        );
    }

    #[test]
    fn a_field_written_in_the_body_is_an_error_but_code_html_lists_and_prose_are_not() {
        let (draft, problems) = check(
            "+++\ntitre = \"Plan\"\npilote = \"Ville\"\n+++\n\nstatut = \"Effectif\"\nLe statut = la situation.\n\
             ```\nordre = 2\n```\n    avancement = 3\nPILOTE = \"CPAS\"\nmodes =\n\n\
             <!--\npilote = \"CPAS\"\n-->\n\n````\n```\nordre = 4\n````\n\n\
             - une étape\n  avancement = 5\n",
        );
        assert!(draft.is_none());
        assert_eq!(
            problems,
            [
                "6:1 `statut` est écrit sous la ligne `+++` qui ferme l'en-tête : ce champ n'est \
                 pas lu, la ligne s'afficherait dans le texte de la fiche",
                "12:1 `pilote` est écrit sous la ligne `+++` qui ferme l'en-tête : ce champ n'est \
                 pas lu, la ligne s'afficherait dans le texte de la fiche",
            ]
        );
    }

    #[test]
    fn a_domain_index_gets_hints_too() {
        let mut file = file("+++\ntitre = Égalité des chances\nordre = \"9\"\n+++\n");
        file.kind = Kind::DomainIndex;
        let mut diagnostics = Diagnostics::default();
        domain(&file, &mut diagnostics);
        let helps: Vec<_> = diagnostics.iter().filter_map(|d| d.help.clone()).collect();
        assert_eq!(
            helps,
            [
                "un texte s'écrit entre guillemets droits \"…\" ; remplacez la ligne par : `titre = \"Égalité des chances\"`",
                "un nombre entier, sans guillemets ni virgule ; remplacez la ligne par : `ordre = 9`",
            ]
        );
    }

    #[test]
    fn a_key_close_to_one_already_written_is_not_renamed_to_it() {
        let mut diagnostics = Diagnostics::default();
        fiche(
            &file("+++\ntitre = \"A\"\ntitre_court = \"B\"\n+++\n"),
            &Vocabularies::default(),
            &mut diagnostics,
        );
        let d = diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert!(!d.help.as_deref().unwrap().contains("remplacez"), "{d}");
    }

    #[test]
    fn a_point_in_a_key_is_blamed_only_where_the_field_has_an_underscore() {
        for (line, said) in [
            (
                "pilote.note = \"via la DRH\"",
                "s'écrit `pilote_note`, avec `_`, pas avec un point",
            ),
            (
                "pilote.é = \"Ville\"",
                "s'écrit `pilote` (sans accent, sans espace, en minuscules)",
            ),
        ] {
            let mut diagnostics = Diagnostics::default();
            fiche(
                &file(&format!("+++\ntitre = \"A\"\n{line}\n+++\n")),
                &Vocabularies::default(),
                &mut diagnostics,
            );
            let d = diagnostics.iter().find(|d| d.is_error()).unwrap();
            assert!(d.help.as_deref().unwrap().contains(said), "{d}");
        }
    }

    #[test]
    fn a_comment_after_a_value_is_not_part_of_its_fix() {
        let mut diagnostics = Diagnostics::default();
        fiche(
            &file("+++\ntitre = \"A\"\npilote = \"Vile\" # à vérifier\n+++\n"),
            &Vocabularies::default(),
            &mut diagnostics,
        );
        let d = diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .ends_with("remplacez la ligne par : `pilote = \"Ville\"`"),
            "{d}"
        );
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert_eq!(
            check("Un texte sans en-tête\n").1,
            ["1:1 la fiche ne commence pas par un en-tête `+++`"]
        );
        assert_eq!(
            check("+++\ntitre = \"A\"\n").1,
            ["1:1 l'en-tête ouvert par `+++` n'est jamais fermé"]
        );
    }

    #[test]
    fn empty_optional_values_are_absent_not_errors() {
        let (draft, problems) = check("+++\ntitre = \"A\"\npilote = \"\"\nmodes = []\n+++\n");
        assert!(problems.is_empty(), "{problems:?}");
        let draft = draft.unwrap();
        assert_eq!(draft.values.term(Key::Pilote), None);
        assert!(draft.values.terms(Key::Modes).is_empty());
    }
}
