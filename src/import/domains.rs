//! The domain of each row, in this order: a Domaine column; a domain heading row above it in
//! the table (one of an earlier table yields to a known domain the row names itself); a
//! separator in the name (« GRH / Plan de formation », « Travaux – Entretien »,
//! « Marchés publics : centrale », or a short first line in the cell); a name that begins with
//! an existing domain of the root (its folder or `_index.md` title) or with a domain named
//! elsewhere in the file; leading words that several rows share (« GRH … » ×6). What is left
//! goes to « À classer ». The domain's words are taken off the title.

use std::collections::{BTreeMap, BTreeSet};

use crate::scaffold::ExistingDomain;
use crate::vocab::normalize;

/// The folder title of rows no rule places.
pub const UNCLASSIFIED: &str = "À classer";

/// What is known of a row before its domain is chosen.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub title: String,
    /// The Domaine column's cell.
    pub column: Option<String>,
    /// The domain heading row above it.
    pub heading: Option<String>,
    /// That heading row is in an earlier table (a register spanning pages).
    pub carried: bool,
}

/// How a row's domain was found, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    Column,
    Heading,
    Separator,
    /// The title begins with the name of a domain of the root.
    Existing,
    /// The title begins with a domain named by other rows of the file.
    Named,
    /// Leading words shared by this many rows.
    Shared(usize),
    Unclassified,
}

/// A row's domain and what is left of its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The domain's name as written (or an existing domain's title).
    pub domain: String,
    /// The existing folder it names, when it does.
    pub folder: Option<String>,
    pub title: String,
    pub how: How,
    /// What the report asks to look at: a heading row of an earlier table and a domain the
    /// row names itself.
    pub conflict: Option<String>,
}

/// The words of a text, each with its byte range and normalised form.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, normalize(&text[s..i])));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn keys(name: &str) -> Vec<String> {
    words(name).into_iter().map(|(_, _, w)| w).collect()
}

/// Text cut of separators and spaces on both ends, on one line.
fn clean(text: &str) -> String {
    let text = text.trim_matches(|c: char| c.is_whitespace() || "/–—-:,;".contains(c));
    super::spaced(text)
}

/// Where `title` ends its first `name.len()` words, when they are `name`'s.
fn begins_with(title: &str, name: &[String]) -> Option<usize> {
    let w = words(title);
    if name.is_empty() || w.len() < name.len() {
        return None;
    }
    let leading = &title[..w[0].0];
    if !leading.trim().is_empty() {
        return None;
    }
    w.iter()
        .zip(name)
        .all(|((_, _, a), b)| a == b)
        .then(|| w[name.len() - 1].1)
}

/// The title without a leading domain name; the whole title when nothing would be left.
fn without(title: &str, end: usize) -> String {
    let rest = clean(&title[end..]);
    if rest.is_empty() { clean(title) } else { rest }
}

/// « Domaine / Titre » and its variants, or a short first line of the cell.
fn separated(title: &str) -> Option<(String, String)> {
    let short = |left: &str| {
        let n = words(left).len();
        (1..=5).contains(&n) && left.chars().count() <= 50
    };
    if let Some((first, rest)) = title.trim().split_once('\n') {
        let (first, rest) = (clean(first), clean(rest));
        if short(&first) && !rest.is_empty() {
            return Some((first, rest));
        }
    }
    let line = clean(title);
    let position = ["/", " – ", " — ", " - ", ":"]
        .iter()
        .filter_map(|sep| line.find(sep).map(|at| (at, sep.len())))
        .min()?;
    let (left, right) = (
        clean(&line[..position.0]),
        clean(&line[position.0 + position.1..]),
    );
    (short(&left) && !right.is_empty()).then_some((left, right))
}

/// Leading word counts that may name a domain: the next word begins with a capital or a
/// digit (« GRH Formations », « Pole accueil GRH »), or the first word is an acronym.
fn split_points(title: &str) -> Vec<usize> {
    let w = words(title);
    let acronym = w.first().is_some_and(|(s, e, _)| {
        let word = &title[*s..*e];
        word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    (1..w.len().min(5))
        .filter(|&k| {
            let next = title[w[k].0..].chars().next().unwrap_or(' ');
            next.is_uppercase() || next.is_ascii_digit() || (k == 1 && acronym)
        })
        .collect()
}

/// The domain of every row, in order.
pub fn place(rows: &[Candidate], existing: &[ExistingDomain]) -> Vec<Placed> {
    let mut placed: Vec<Option<Placed>> = vec![None; rows.len()];
    // Names known before guessing, by their words: the root's domains first (they win a
    // tie), then those the file names.
    let mut known: BTreeMap<Vec<String>, (String, Option<String>, How)> = BTreeMap::new();
    for d in existing {
        for name in [&d.titre, &d.folder.replace(['-', '_'], " ")] {
            known.entry(keys(name)).or_insert((
                d.titre.clone(),
                Some(d.folder.clone()),
                How::Existing,
            ));
        }
    }
    // Names given for certain: the root's domains, the file's Domaine column and heading rows.
    let certain: BTreeSet<Vec<String>> = known
        .keys()
        .cloned()
        .chain(
            rows.iter()
                .flat_map(|r| r.column.iter().chain(&r.heading))
                .map(|d| keys(d)),
        )
        .collect();
    let mut conflicts: Vec<Option<String>> = vec![None; rows.len()];
    let mut separated_rows = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut given = row
            .column
            .as_ref()
            .map(|d| (d, How::Column))
            .or(row.heading.as_ref().map(|d| (d, How::Heading)));
        // A heading row of an earlier table and a row that names another domain itself
        // (« GRH / Plan »): a name given for certain wins, else the heading row does; either
        // way the report says it.
        if let Some((heading, How::Heading)) = given
            && row.carried
            && let Some((left, _)) = separated(&row.title)
            && keys(&left) != keys(heading)
        {
            if certain.contains(&keys(&left)) {
                conflicts[i] = Some(format!(
                    "la ligne de domaine « {heading} » d'un tableau précédent ne vaut pas pour \
                     cette ligne, qui nomme son domaine « {left} »"
                ));
                given = None;
            } else {
                conflicts[i] = Some(format!(
                    "domaine « {heading} » donné par la ligne de domaine d'un tableau \
                     précédent, mais le titre commence par « {left} » : si c'est son domaine, \
                     déplacez la fiche ou ajoutez une ligne de domaine au-dessus d'elle"
                ));
            }
        }
        if let Some((domain, how)) = given {
            // Taken off only when set apart (« GRH / Plan », a first line): a title such as
            // « Informatique Achats » in the column's domain « informatique » stays whole.
            let set_apart = |end: usize| {
                let rest = row.title[end..].trim_start_matches([' ', '\t']);
                rest.is_empty() || rest.starts_with(['/', '–', '—', '-', ':', '\n', '\r'])
            };
            let title = match begins_with(&row.title, &keys(domain)).filter(|&e| set_apart(e)) {
                Some(end) => without(&row.title, end),
                None => clean(&row.title),
            };
            known
                .entry(keys(domain))
                .or_insert((domain.clone(), None, How::Named));
            placed[i] = Some(Placed {
                domain: domain.clone(),
                folder: None,
                title,
                how,
                conflict: None,
            });
        } else if let Some((left, right)) = separated(&row.title) {
            known
                .entry(keys(&left))
                .or_insert((left.clone(), None, How::Named));
            separated_rows.push((i, left, right));
        }
    }
    // Leading words shared by several rows that name no domain: « GRH … » ×6.
    let mut shared: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut has_separator = vec![false; rows.len()];
    for (i, ..) in &separated_rows {
        has_separator[*i] = true;
    }
    for (i, row) in rows.iter().enumerate() {
        if placed[i].is_none() && !has_separator[i] {
            let w = keys(&row.title);
            for k in split_points(&row.title) {
                *shared.entry(w[..k].to_vec()).or_default() += 1;
            }
        }
    }
    shared.retain(|_, count| *count >= 2);
    // The longest known name the text begins with, of fewer than `shorter_than` words, and
    // where it ends in the text.
    let longest_known = |text: &str, shorter_than: usize| {
        let w = words(text);
        if w.is_empty() || !text[..w[0].0].trim().is_empty() {
            return None;
        }
        let k: Vec<String> = w.iter().map(|(_, _, word)| word.clone()).collect();
        (1..k.len().min(shorter_than.saturating_sub(1)) + 1)
            .rev()
            .find_map(|n| known.get(&k[..n]).map(|entry| ((n, entry), w[n - 1].1)))
    };
    for (i, left, right) in separated_rows {
        // « Social SIP / Ville de Mons » beside « Social / Taxes », « Informatique Sites
        // Internet / Intranet » beside « Informatique Achats… »: the domain is the shorter name.
        let left_keys = keys(&left);
        let within = longest_known(&left, left_keys.len());
        let by_shared = (1..left_keys.len())
            .rev()
            .find_map(|k| shared.get(&left_keys[..k]).map(|count| (k, *count)));
        let known_len = within.as_ref().map_or(0, |((n, _), _)| *n);
        placed[i] = Some(match (within, by_shared) {
            (_, Some((k, count))) if k > known_len => {
                let end = words(&rows[i].title)[k - 1].1;
                Placed {
                    domain: clean(&rows[i].title[..end]),
                    folder: None,
                    title: without(&rows[i].title, end),
                    how: How::Shared(count),
                    conflict: None,
                }
            }
            // `within` measured `left`, cleaned of the cell's leading spaces and marks: the
            // title is cut after its own `n`th word (`left`'s words are the title's first).
            (Some(((n, (name, folder, how)), _)), _) => {
                let end = words(&rows[i].title)[n - 1].1;
                Placed {
                    domain: name.clone(),
                    folder: folder.clone(),
                    title: without(&rows[i].title, end),
                    how: how.clone(),
                    conflict: None,
                }
            }
            (None, _) => Placed {
                domain: left,
                folder: None,
                title: right,
                how: How::Separator,
                conflict: None,
            },
        });
    }
    for (i, row) in rows.iter().enumerate() {
        if placed[i].is_none()
            && let Some(((_, (name, folder, how)), end)) = longest_known(&row.title, usize::MAX)
        {
            placed[i] = Some(Placed {
                domain: name.clone(),
                folder: folder.clone(),
                title: without(&row.title, end),
                how: how.clone(),
                conflict: None,
            });
        }
    }
    // Leading words shared by several rows without a domain of their own.
    for (i, row) in rows.iter().enumerate() {
        if placed[i].is_some() {
            continue;
        }
        let w = keys(&row.title);
        let best = split_points(&row.title)
            .into_iter()
            .rev()
            .find_map(|k| shared.get(&w[..k]).map(|count| (k, *count)));
        placed[i] = Some(match best {
            Some((k, count)) => {
                let end = words(&row.title)[k - 1].1;
                Placed {
                    domain: clean(&row.title[..end]),
                    folder: None,
                    title: without(&row.title, end),
                    how: How::Shared(count),
                    conflict: None,
                }
            }
            None => Placed {
                domain: UNCLASSIFIED.to_owned(),
                folder: None,
                title: clean(&row.title),
                how: How::Unclassified,
                conflict: None,
            },
        });
    }
    placed
        .into_iter()
        .flatten()
        .zip(conflicts)
        .map(|(placed, conflict)| Placed { conflict, ..placed })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(list: &[&str]) -> Vec<Candidate> {
        list.iter()
            .map(|t| Candidate {
                title: (*t).to_owned(),
                ..Candidate::default()
            })
            .collect()
    }

    fn summary(placed: &[Placed]) -> Vec<(String, String)> {
        placed
            .iter()
            .map(|p| (p.domain.clone(), p.title.clone()))
            .collect()
    }

    #[test]
    fn separators_shared_words_and_what_is_left() {
        let rows = titles(&[
            "GRH Formations des agents",
            "GRH Plan de formation",
            "Informatique - Parc informatique",
            "Marchés publics : centrale",
            "Travaux – Entretien",
            "Social / Taxes",
            "Social SIP/Ville de Mons",
            "Pole accueil\nEtat civil/Pop.",
            "Service communication",
            "Service interne commun",
        ]);
        let placed = place(&rows, &[]);
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            summary(&placed),
            [
                pair("GRH", "Formations des agents"),
                pair("GRH", "Plan de formation"),
                pair("Informatique", "Parc informatique"),
                pair("Marchés publics", "centrale"),
                pair("Travaux", "Entretien"),
                pair("Social", "Taxes"),
                pair("Social", "SIP/Ville de Mons"),
                pair("Pole accueil", "Etat civil/Pop."),
                pair("À classer", "Service communication"),
                pair("À classer", "Service interne commun"),
            ]
        );
        assert_eq!(placed[0].how, How::Shared(2));
        assert_eq!(placed[6].how, How::Named);
        assert_eq!(placed[8].how, How::Unclassified);
    }

    #[test]
    fn an_existing_domain_is_found_by_title_or_folder_ignoring_accents() {
        let existing = [
            ExistingDomain {
                folder: "egalite-des-chances".to_owned(),
                titre: "Égalité des chances".to_owned(),
            },
            ExistingDomain {
                folder: "grh".to_owned(),
                titre: "Ressources humaines".to_owned(),
            },
        ];
        let placed = place(
            &titles(&["Egalite des chances Education", "grh plan", "Archives"]),
            &existing,
        );
        assert_eq!(placed[0].folder.as_deref(), Some("egalite-des-chances"));
        assert_eq!(placed[0].title, "Education");
        assert_eq!(placed[1].folder.as_deref(), Some("grh"));
        assert_eq!(placed[1].title, "plan");
        assert_eq!(placed[2].how, How::Unclassified);
    }

    #[test]
    fn a_column_or_a_heading_row_wins_and_its_name_leaves_the_title() {
        let rows = vec![
            Candidate {
                title: "GRH / Plan".to_owned(),
                column: Some("GRH".to_owned()),
                heading: None,
                carried: false,
            },
            Candidate {
                title: "Garage".to_owned(),
                column: None,
                heading: Some("Services techniques".to_owned()),
                carried: false,
            },
        ];
        let placed = place(&rows, &[]);
        assert_eq!(summary(&placed)[0], ("GRH".to_owned(), "Plan".to_owned()));
        assert_eq!(placed[1].how, How::Heading);
        assert_eq!(placed[1].title, "Garage");
    }

    #[test]
    fn a_heading_row_of_an_earlier_table_yields_to_a_domain_known_for_certain() {
        let row = |title: &str, heading: &str, carried: bool| Candidate {
            title: title.to_owned(),
            column: None,
            heading: Some(heading.to_owned()),
            carried,
        };
        let existing = [ExistingDomain {
            folder: "grh".to_owned(),
            titre: "GRH".to_owned(),
        }];
        let placed = place(
            &[
                row("Sites Internet / Intranet", "Informatique", false),
                row("Social / Gardiens de la paix", "Social", true),
                row("GRH\nMises à disposition", "Social", true),
                row("Marchés publics : centrale", "Social", true),
                row("Sites Internet / Intranet", "Informatique", true),
            ],
            &existing,
        );
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            summary(&placed),
            [
                pair("Informatique", "Sites Internet / Intranet"),
                pair("Social", "Gardiens de la paix"),
                pair("GRH", "Mises à disposition"),
                pair("Social", "Marchés publics : centrale"),
                pair("Informatique", "Sites Internet / Intranet"),
            ]
        );
        assert_eq!(placed[2].how, How::Separator);
        let conflicts: Vec<Option<&str>> = placed.iter().map(|p| p.conflict.as_deref()).collect();
        assert_eq!(
            conflicts,
            [
                None,
                None,
                Some(
                    "la ligne de domaine « Social » d'un tableau précédent ne vaut pas pour \
                     cette ligne, qui nomme son domaine « GRH »"
                ),
                Some(
                    "domaine « Social » donné par la ligne de domaine d'un tableau précédent, \
                     mais le titre commence par « Marchés publics » : si c'est son domaine, \
                     déplacez la fiche ou ajoutez une ligne de domaine au-dessus d'elle"
                ),
                Some(
                    "domaine « Informatique » donné par la ligne de domaine d'un tableau \
                     précédent, mais le titre commence par « Sites Internet » : si c'est son \
                     domaine, déplacez la fiche ou ajoutez une ligne de domaine au-dessus d'elle"
                ),
            ]
        );
    }

    #[test]
    fn a_name_known_from_another_row_leaves_a_title_that_begins_with_a_space() {
        // The name is found in the text before the separator, cleaned of the cell's leading
        // spaces; the title is cut after the same words of the cell as written, never at the
        // cleaned text's byte offsets (which fall inside « é » in the cell).
        let placed = place(
            &titles(&[
                "Régie / Garage",
                " Régie foncière / Baux",
                "Été / Plaine de jeux",
                " Été solidaire / Stages",
            ]),
            &[],
        );
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            summary(&placed),
            [
                pair("Régie", "Garage"),
                pair("Régie", "foncière / Baux"),
                pair("Été", "Plaine de jeux"),
                pair("Été", "solidaire / Stages"),
            ]
        );
        assert_eq!(placed[0].how, How::Separator);
        assert_eq!(placed[1].how, How::Named);
        assert_eq!(placed[3].how, How::Named);
    }
}
