//! `synergies import` of registers as communes keep them: the Mons register given as a Word
//! table with merged domain heading rows over two tables, as an Excel sheet with heading rows,
//! and as a CSV with a Domaine column; every row lands in its domain with the fields of the
//! transcription in `content/`. And a new commune's first day: `init`, `import`, `build`.

use std::collections::BTreeMap;
use std::fs;

use synergies::fields::Key;
use synergies::vocab::Field;

use crate::registers::{WordRow, csv, docx, xlsx};
use crate::support::{Root, repo_root, snapshot_dir};

const HEADINGS: [&str; 6] = [
    "Synergie ou groupe de synergies",
    "Objectif (satisfaction du citoyen/performance administrative/moyens)",
    "Mode opératoire (coopératif/délégatif)",
    "Administration pilote (ville – CPAS – les deux)",
    "Responsable administratif (DG ville – DG CPAS – les deux)",
    "Réalisation",
];

/// One fiche of the transcription as the seed's table holds it: title, then each field's
/// cell (its note as written when it has one, else its values), then the Réalisation.
struct SeedRow {
    domain: String,
    cells: Vec<String>,
}

fn seed() -> (synergies::Site, Vec<SeedRow>) {
    let site = synergies::check(&repo_root())
        .0
        .expect("the Mons register checks");
    let vocab = &site.config.vocab;
    let mut rows = Vec::new();
    for domain in &site.domains {
        for &i in &domain.fiches {
            let f = &site.fiches[i];
            let mut cells = vec![f.titre().to_owned()];
            for field in [
                Field::Objectifs,
                Field::Modes,
                Field::Pilote,
                Field::Responsable,
            ] {
                let labels: Vec<&str> = f
                    .terms(field)
                    .iter()
                    .map(|&t| vocab.get(field).terms[t].label.as_str())
                    .collect();
                cells.push(match f.note(field) {
                    Some(note) => note.to_owned(),
                    None => labels.join(", "),
                });
            }
            cells.push(f.body.trim_end().to_owned());
            rows.push(SeedRow {
                domain: domain.titre.clone(),
                cells,
            });
        }
    }
    assert_eq!(rows.len(), 35);
    (site, rows)
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

/// Every fiche imported into `root` is the transcription's: same domain title, title, values,
/// notes, status, progress and body.
fn assert_same_as_transcription(root: &Root, original: &synergies::Site) {
    let imported = match synergies::check(root.path()) {
        (Some(site), _) => site,
        (None, d) => panic!("the imported register does not check:\n{d}"),
    };
    assert_eq!(imported.fiches.len(), 35);
    let key = |site: &synergies::Site, f: &synergies::model::Fiche| {
        (site.domains[f.domain].titre.clone(), f.titre().to_owned())
    };
    let by_key: BTreeMap<_, _> = imported
        .fiches
        .iter()
        .map(|f| (key(&imported, f), f))
        .collect();
    let vocab = &original.config.vocab;
    let mut differences = Vec::new();
    let mut judged_fields = Vec::new();
    let mut explained_fields = Vec::new();
    for f in &original.fiches {
        let Some(g) = by_key.get(&key(original, f)) else {
            differences.push(format!("absente : {:?}", key(original, f)));
            continue;
        };
        for field in Field::ALL {
            let labels = |fiche: &synergies::model::Fiche| -> Vec<String> {
                fiche
                    .terms(field)
                    .iter()
                    .map(|&t| vocab.get(field).terms[t].label.clone())
                    .collect()
            };
            // Where the transcription's editor chose a value from a sentence whose parts name
            // different administrations (« Initialement les deux ; ensuite CPAS » → CPAS,
            // « CPAS décisionnaire pour son charroi. VM exécutant. » → CPAS), the import
            // keeps the sentence and no value.
            let judged = !labels(f).is_empty() && labels(g).is_empty() && f.note(field).is_some();
            if judged && f.note(field) == g.note(field) {
                judged_fields.push(format!("{} : {}", f.id, field.key()));
                continue;
            }
            // Where the transcription's note repeats its value before the explanation
            // (« Délégatif : la RH Ville est chargée… »), the import keeps the explanation
            // alone, a sentence (« La RH Ville est chargée… »).
            let explained = labels(f) == labels(g)
                && f.note(field).is_some_and(|note| {
                    note.strip_prefix(&format!("{} : ", labels(f).join(", ")))
                        .is_some_and(|rest| {
                            let mut chars = rest.chars();
                            let sentence: Option<String> = chars
                                .next()
                                .map(|c| c.to_uppercase().chain(chars).collect());
                            g.note(field) == sentence.as_deref()
                        })
                });
            if explained {
                explained_fields.push(format!("{} : {}", f.id, field.key()));
                continue;
            }
            if labels(f) != labels(g) || f.note(field) != g.note(field) {
                differences.push(format!(
                    "{} : {} {:?} {:?} ≠ {:?} {:?}",
                    f.id,
                    field.key(),
                    labels(f),
                    f.note(field),
                    labels(g),
                    g.note(field)
                ));
            }
        }
        if f.values.integer(Key::Avancement) != g.values.integer(Key::Avancement) {
            differences.push(format!("{} : avancement", f.id));
        }
        if f.body.trim_end() != g.body.trim_end() {
            differences.push(format!("{} : texte {:?} ≠ {:?}", f.id, f.body, g.body));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert_eq!(
        explained_fields,
        [
            "grh/formations-bureautiques : modes",
            "grh/plan-de-formation-annuelle : modes"
        ]
    );
    assert_eq!(
        judged_fields,
        [
            "services-techniques/garage-communal : pilote",
            "pole-accueil/grh : pilote"
        ]
    );
}

#[test]
fn the_mons_register_as_a_word_table_with_domain_heading_rows() {
    let (original, rows) = seed();
    // Two tables (two pages), each repeating its heading row; a merged row per domain.
    let mut tables: Vec<Vec<WordRow>> = vec![Vec::new(), Vec::new()];
    let mut current = String::new();
    for (i, row) in rows.iter().enumerate() {
        let table = &mut tables[usize::from(i >= 17)];
        if table.is_empty() {
            table.push(WordRow::Cells(strings(&HEADINGS)));
            current.clear();
        }
        if row.domain != current {
            table.push(WordRow::Merged(row.domain.to_uppercase(), 6));
            current = row.domain.clone();
        }
        table.push(WordRow::Cells(row.cells.clone()));
        if i == 8 {
            // A heading row pasted again inside the first table.
            table.push(WordRow::Cells(strings(&HEADINGS)));
        }
    }
    // Word titles domain heading rows in capitals; the domain keeps the heading's words.
    let root = Root::register();
    for d in &original.domains {
        let folder = synergies::slugs::slugify(&d.titre);
        fs::create_dir_all(root.path().join("content").join(&folder)).unwrap();
        fs::write(
            root.path().join("content").join(&folder).join("_index.md"),
            format!("+++\ntitre = \"{}\"\n+++\n", d.titre),
        )
        .unwrap();
    }
    let file = root.path().join("registre.docx");
    fs::write(&file, docx(&tables)).unwrap();
    let run = root
        .run(&[
            "import",
            file.to_str().unwrap(),
            "--root",
            root.path().to_str().unwrap(),
        ])
        .success();
    assert!(
        run.stdout.starts_with(&format!(
            "Import de {} : document Word, 2 tableaux.\n",
            file.display()
        )),
        "{}",
        run.stdout
    );
    let repeated: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.ends_with("ignorée (ligne d'en-têtes répétée)."))
        .collect();
    assert_eq!(repeated.len(), 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("\ntableau 2, ligne 3 → content/"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "tableau 1, ligne 2 : ignorée (domaine « COMMUNICATION » des lignes suivantes).\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("35 fiches créées.\n"),
        "{}",
        run.stdout
    );
    // The existing folders were reused: no new one.
    let folders: Vec<String> = fs::read_dir(root.path().join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders.len(), 11, "{folders:?}");
    assert_same_as_transcription(&root, &original);
    root.build().success();
}

#[test]
fn the_mons_register_as_an_excel_sheet_with_heading_rows() {
    let (original, rows) = seed();
    let mut sheet = vec![
        strings(&["Registre des synergies Ville – CPAS"]),
        Vec::new(),
        strings(&HEADINGS),
    ];
    let mut current = String::new();
    for row in &rows {
        if row.domain != current {
            sheet.push(vec![row.domain.clone()]);
            current = row.domain.clone();
        }
        sheet.push(row.cells.clone());
    }
    let root = Root::register();
    let file = root.path().join("registre.xlsx");
    let notes = vec![strings(&["Notes"]), strings(&["rien ici"])];
    fs::write(&file, xlsx(&[("Notes", notes), ("Registre 2026", sheet)])).unwrap();
    let run = root
        .run(&[
            "import",
            file.to_str().unwrap(),
            "--root",
            root.path().to_str().unwrap(),
        ])
        .success();
    assert!(
        run.stdout.starts_with(&format!(
            "Import de {} : feuille « Registre 2026 ».\n",
            file.display()
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("35 fiches créées.\n"),
        "{}",
        run.stdout
    );
    assert_same_as_transcription(&root, &original);
    // 11 domains, each titled as in the seed.
    let files = snapshot_dir(&root.path().join("content"));
    assert_eq!(
        files.keys().filter(|k| k.ends_with("/_index.md")).count(),
        11
    );
    assert_eq!(
        String::from_utf8(files["ressources-humaines/_index.md"].clone()).unwrap(),
        "+++\ntitre = \"Ressources humaines\"\n+++\n"
    );
}

#[test]
fn the_mons_register_as_a_csv_with_a_domaine_column() {
    let (original, rows) = seed();
    let mut table = vec![{
        let mut h = vec!["Domaine".to_owned()];
        h.extend(strings(&HEADINGS));
        h
    }];
    for row in &rows {
        let mut cells = vec![row.domain.clone()];
        cells.extend(row.cells.iter().cloned());
        table.push(cells);
    }
    let root = Root::register();
    let file = root.path().join("registre.csv");
    fs::write(&file, csv(&table)).unwrap();
    let run = root
        .run(&[
            "import",
            file.to_str().unwrap(),
            "--root",
            root.path().to_str().unwrap(),
        ])
        .success();
    assert!(
        run.stdout.ends_with("35 lignes lues, 35 fiches créées.\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("domaine :"), "{}", run.stdout);
    assert_same_as_transcription(&root, &original);
}

/// The seed's own first column (`tests/fixtures/import/mons-seed-titres.txt`, typed from the
/// Word table): no Domaine column, no domain rows; each row's folder, by count.
fn raw_seed_folders(root: &Root) -> BTreeMap<String, usize> {
    let titles =
        fs::read_to_string(repo_root().join("tests/fixtures/import/mons-seed-titres.txt")).unwrap();
    let mut table = vec![strings(&HEADINGS)];
    for title in titles.lines() {
        table.push(vec![
            title.to_owned(),
            "Moyens".to_owned(),
            "Coopératif".to_owned(),
            "Les deux".to_owned(),
            "Les deux".to_owned(),
            "Effectif".to_owned(),
        ]);
    }
    assert_eq!(table.len(), 36);
    let file = root.path().join("seed.csv");
    fs::write(&file, csv(&table)).unwrap();
    let run = root
        .run(&[
            "import",
            file.to_str().unwrap(),
            "--root",
            root.path().to_str().unwrap(),
        ])
        .success();
    assert!(
        run.stdout.ends_with("35 lignes lues, 35 fiches créées.\n"),
        "{}",
        run.stdout
    );
    root.run(&["check"]).success();
    let mut folders = BTreeMap::new();
    for path in snapshot_dir(&root.path().join("content")).into_keys() {
        if !path.ends_with("/_index.md") {
            *folders
                .entry(path.split('/').next().unwrap().to_owned())
                .or_default() += 1;
        }
    }
    folders
}

#[test]
fn the_seed_s_own_titles_find_their_domains() {
    let count = |pairs: &[(&str, usize)]| -> BTreeMap<String, usize> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    };
    // In an empty root: separators, then leading words shared by several rows.
    assert_eq!(
        raw_seed_folders(&Root::register()),
        count(&[
            ("a-classer", 5),
            ("assurances-cpas", 1),
            ("egalite-des-chances", 4),
            ("grh", 6),
            ("informatique", 5),
            ("pole-accueil", 4),
            ("service-technique-cpas", 5),
            ("social", 4),
            ("st", 1),
        ])
    );
    // In a root that has Mons's eleven domains: their folders and titles are recognised.
    let root = Root::register();
    for entry in fs::read_dir(repo_root().join("content")).unwrap() {
        let folder = entry.unwrap().file_name();
        let index = repo_root().join("content").join(&folder).join("_index.md");
        fs::create_dir_all(root.path().join("content").join(&folder)).unwrap();
        fs::copy(
            index,
            root.path().join("content").join(&folder).join("_index.md"),
        )
        .unwrap();
    }
    assert_eq!(
        raw_seed_folders(&root),
        count(&[
            ("a-classer", 3),
            ("archives", 1),
            ("assurances", 1),
            ("egalite-des-chances", 4),
            ("grh", 6),
            ("informatique", 5),
            ("marches-publics", 1),
            ("pole-accueil", 4),
            ("service-technique-cpas", 5),
            ("social", 4),
            ("st", 1),
        ])
    );
}
