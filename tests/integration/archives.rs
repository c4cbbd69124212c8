//! The register year over year: `synergies archiver` writes `archives/<année>.json` (exactly
//! `synergies.json`) and never replaces one; a build compares the register with the archive of
//! the latest earlier year (the report's « Évolution depuis … »), shows each fiche's history and
//! the statuts per year; an invalid archive fails the build, naming its file and line.

use std::fs;

use crate::support::{Root, assert_same_bytes, copy_dir, repo_root, text_between};

fn archiver(root: &Root) -> crate::support::Run {
    root.run(&["archiver", "--root", root.path().to_str().unwrap()])
}

#[test]
fn archiver_writes_the_register_of_the_year_as_synergies_json_and_never_replaces_it() {
    let root = Root::fixture("site");
    let run = archiver(&root).success();
    assert_eq!(
        run.stdout,
        "Registre 2026 archivé dans archives/2026.json (3 synergies, l'année de synergies.toml).\n\
         Gardez ce fichier avec les fiches : le rapport de l'an prochain s'y comparera.\n\
         Pour le rapport de 2027, changez dans synergies.toml :\n  \
         ligne 4 : annee = 2027\n  \
         ligne 5 : situation_au = 2027-10-01  # le jour où le registre de 2027 sera arrêté\n\
         Tant que ces lignes datent de 2026, check et build le signalent.\n"
    );
    let archive = root.path().join("archives/2026.json");
    let written = fs::read(&archive).unwrap();
    // Exactly what a build publishes as synergies.json.
    root.build().success();
    assert_same_bytes(
        &written,
        &fs::read(root.public().join("synergies.json")).unwrap(),
        "the archive and public/synergies.json:",
    );
    let names: Vec<String> = fs::read_dir(root.path().join("archives"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2026.json"]);

    // Again: refused, the archive untouched, and the way to replace it said.
    let run = archiver(&root).failure(1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "erreur[archive-existante] : archives/2026.json existe déjà : l'archive de cette année \
         n'est pas remplacée\n --> archives/2026.json\n  = aide : pour la remplacer \
         volontairement, supprimez ou renommez d'abord archives/2026.json, puis relancez \
         `synergies archiver` ; pour archiver une autre année, changez `annee` dans \
         synergies.toml\n\nRien n'a été archivé.\n"
    );
    assert_same_bytes(&written, &fs::read(&archive).unwrap(), "the archive:");
    assert_eq!(
        fs::read_dir(root.path().join("archives")).unwrap().count(),
        1
    );
}

#[test]
fn archiver_takes_the_year_of_the_latest_update_or_refuses_without_one() {
    let root = Root::new().file(
        "content/grh/a.md",
        "+++\ntitre = \"A\"\nstatut = \"Effectif\"\n+++\n",
    );
    let run = archiver(&root).failure(1);
    assert_eq!(
        run.stderr,
        "erreur[archive-sans-annee] : l'année à archiver est inconnue : ni `annee` dans \
         synergies.toml, ni date de mise à jour dans les fiches\n --> synergies.toml\n  = aide : \
         ajoutez dans synergies.toml une ligne `annee = 2026`\n\nRien n'a été archivé.\n"
    );
    assert!(!root.path().join("archives").exists());

    let root = root.file(
        "content/grh/b.md",
        "+++\ntitre = \"B\"\nmis_a_jour = 2025-12-01\n+++\n",
    );
    let run = archiver(&root).success();
    assert_eq!(
        run.stdout,
        "Registre 2025 archivé dans archives/2025.json (2 synergies, l'année de la mise à jour \
         la plus récente des fiches).\n\
         Gardez ce fichier avec les fiches : le rapport de l'an prochain s'y comparera.\n\
         Pour le rapport de 2026 : sans annee ni situation_au dans synergies.toml, il prend la \
         date de mise à jour la plus récente des fiches ; pour le dater vous-même, ajoutez dans \
         synergies.toml les lignes :\n  annee = 2026\n  situation_au = 2026-12-01  # le jour \
         où le registre de 2026 sera arrêté\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(root.path().join("archives/2025.json")).unwrap()).unwrap();
    assert_eq!(json["annee"], 2025);
    assert_eq!(json["situation_au"], "2025-12-01");
}

/// One synergy of an archive.
fn record(id: &str, titre: &str, statut: Option<(&str, &str)>, avancement: Option<u8>) -> String {
    let statut = statut.map_or("null".to_owned(), |(cle, libelle)| {
        format!("{{\"cle\":\"{cle}\",\"libelle\":\"{libelle}\"}}")
    });
    let avancement = avancement.map_or("null".to_owned(), |a| a.to_string());
    let domaine = id.split('/').next().unwrap();
    format!(
        "{{\"id\":\"{id}\",\"domaine\":\"{domaine}\",\"fiche\":\"x\",\"titre\":\"{titre}\",\"statut\":{statut},\"avancement\":{avancement},\"realisation\":\"\"}}"
    )
}

fn archive(records: &[String]) -> String {
    format!(
        "{{\"titre\":\"Registre de test\",\"synergies\":[\n{}\n]}}\n",
        records.join(",\n")
    )
}

/// An archive with its domains' titles that year, as `archiver` writes them.
fn archive_with_domains(domains: &[(&str, &str)], records: &[String]) -> String {
    let domains: Vec<String> = domains
        .iter()
        .map(|(slug, titre)| format!("{{\"slug\":\"{slug}\",\"titre\":\"{titre}\"}}"))
        .collect();
    format!(
        "{{\"titre\":\"Registre de test\",\"domaines\":[{}],\"synergies\":[\n{}\n]}}\n",
        domains.join(","),
        records.join(",\n")
    )
}

/// The test register (2026) with archives of 2024, 2025 and 2026 whose changes are known.
fn register_with_archives() -> Root {
    let en_cours = Some(("en-cours", "En cours"));
    Root::fixture("site")
        .file(
            "archives/2024.json",
            &archive(&[record(
                "grh/formations-bureautiques",
                "Formations bureautiques",
                Some(("a-developper", "À développer")),
                None,
            )]),
        )
        .file(
            "archives/2025.json",
            &archive_with_domains(
                &[("social", "Social (ancien nom)")],
                &[
                    record(
                        "grh/formations-bureautiques",
                        "Formations bureautiques",
                        en_cours,
                        Some(40),
                    ),
                    record(
                        "grh/plan-de-formation",
                        "Plan de formation annuel",
                        en_cours,
                        Some(30),
                    ),
                    record(
                        "social/ancien-guichet",
                        "Guichet fermé",
                        Some(("effectif", "Effectif")),
                        Some(100),
                    ),
                ],
            ),
        )
        // The report's own year: not an earlier one, so not compared with.
        .file("archives/2026.json", &archive(&[]))
}

#[test]
fn the_report_lists_exactly_the_changes_since_the_latest_earlier_archive() {
    let root = register_with_archives();
    root.build().success();
    let report = fs::read_to_string(root.public().join("rapport/index.html")).unwrap();
    assert_eq!(
        text_between(
            &report,
            "<section class=\"evolution\" id=\"evolution\"",
            "</section>"
        ),
        "Évolution depuis 2025 Le registre de 2026 comparé au registre de 2025. \
         Nouvelles synergies (1) Permanences décentralisées (Action sociale) — À développer \
         (prioritaire) \
         Synergies qui ne figurent plus au registre (1) Guichet fermé (Social (ancien nom)) — \
         dernier statut en 2025 : Effectif (100 %) \
         Changements de statut (1) Formations bureautiques (Ressources humaines) : En cours → \
         Effectif \
         Changements d'avancement (2) Formations bureautiques (Ressources humaines) : 40 % → non \
         renseigné Plan de formation annuel (Ressources humaines) : 30 % → 60 %"
    );
    assert!(report.contains("<li><a href=\"#evolution\">Évolution depuis 2025</a></li>"));

    // Each fiche's history, from the archives that have it.
    let fiche = fs::read_to_string(
        root.public()
            .join("domaines/grh/formations-bureautiques.html"),
    )
    .unwrap();
    assert_eq!(
        text_between(&fiche, "<div class=\"champ champ-historique\">", "</div>"),
        "Historique 2024 : À développer → 2025 : En cours (40 %) → 2026 : Effectif"
    );
    // New since the archive of the year before: said so where the others have their history.
    let new = fs::read_to_string(root.public().join("domaines/social/permanences.html")).unwrap();
    assert_eq!(
        text_between(&new, "<div class=\"champ champ-historique\">", "</div>"),
        "Historique Nouvelle en 2026"
    );

    // The statuts per year beside this year's.
    let stats = fs::read_to_string(root.public().join("statistiques/index.html")).unwrap();
    assert_eq!(
        text_between(&stats, "<h2 id=\"annees-statuts\">", "<div"),
        "Statut des synergies, année après année Chaque année passée est comptée dans le \
         registre tel qu&#39;il était pour le rapport annuel de cette année-là."
    );
    assert_eq!(
        text_between(
            &stats,
            "<table class=\"tableau-chiffres\" id=\"annees-statuts-tableau\"",
            "</table>"
        ),
        "Synergies par année et par statut Année Effectif En cours À développer (prioritaire) \
         Sans objet Non renseigné Total \
         2024 0 0 1 0 0 1 2025 1 2 0 0 0 3 2026 1 1 1 0 0 3"
    );
}

#[test]
fn a_fiche_absent_from_an_older_archive_is_new_since_that_register() {
    // The latest earlier archive is 2024's: a fiche it lacks may have come in 2025 or 2026.
    let root = Root::fixture("site").file(
        "archives/2024.json",
        &archive(&[record(
            "grh/formations-bureautiques",
            "Formations bureautiques",
            Some(("a-developper", "À développer")),
            None,
        )]),
    );
    root.build().success();
    let new = fs::read_to_string(root.public().join("domaines/social/permanences.html")).unwrap();
    assert_eq!(
        text_between(&new, "<div class=\"champ champ-historique\">", "</div>"),
        "Historique Nouvelle (absente du registre de 2024)"
    );
    let old = fs::read_to_string(
        root.public()
            .join("domaines/grh/formations-bureautiques.html"),
    )
    .unwrap();
    assert_eq!(
        text_between(&old, "<div class=\"champ champ-historique\">", "</div>"),
        "Historique 2024 : À développer → 2026 : Effectif"
    );
}

#[test]
fn without_an_earlier_archive_there_is_no_evolution_nor_history() {
    let root = Root::fixture("site").file("archives/2026.json", &archive(&[]));
    root.build().success();
    let report = fs::read_to_string(root.public().join("rapport/index.html")).unwrap();
    assert!(!report.contains("id=\"evolution\""));
    assert!(!report.contains("Évolution"));
    let fiche = fs::read_to_string(
        root.public()
            .join("domaines/grh/formations-bureautiques.html"),
    )
    .unwrap();
    assert!(!fiche.contains("Historique"));
    let stats = fs::read_to_string(root.public().join("statistiques/index.html")).unwrap();
    assert!(!stats.contains("annees-statuts"));
}

#[test]
fn an_invalid_archive_fails_the_build_naming_its_file_and_line() {
    let root = Root::fixture("site").file(
        "archives/2025.json",
        "{\"synergies\":[\n{\"id\":\"grh/a\",\"domaine\":\"grh\",\"titre\":\"A\",}\n]}\n",
    );
    let run = root.build().failure(1);
    assert_eq!(
        run.stderr,
        "erreur[archive-invalide] : cette archive n'est pas du JSON valide\n --> \
         archives/2025.json:2:43\n  |\n2 | {\"id\":\"grh/a\",\"domaine\":\"grh\",\"titre\":\"A\",}\n  \
         |                                           ^ virgule en trop\n  \
         = aide : une archive est écrite par `synergies archiver` ; reprenez-la telle qu'elle a \
         été écrite (copie de sauvegarde, historique du dépôt) ou corrigez la ligne indiquée\n\n\
         Échec : 1 erreur dans archives/2025.json. Rien n'a été publié.\n"
    );
    assert!(!root.public().exists());
}

#[test]
fn an_archive_of_the_same_register_lists_no_change() {
    // The Mons register archived by `archiver`, read back as last year's.
    let root = Root::new();
    copy_dir(&repo_root().join("content"), &root.path().join("content"));
    fs::copy(
        repo_root().join("synergies.toml"),
        root.path().join("synergies.toml"),
    )
    .unwrap();
    archiver(&root).success();
    fs::rename(
        root.path().join("archives/2026.json"),
        root.path().join("archives/2025.json"),
    )
    .unwrap();
    root.build().success();
    let report = fs::read_to_string(root.public().join("rapport/index.html")).unwrap();
    // The same register a year later: nothing changed.
    assert_eq!(
        text_between(&report, "<h3 id=\"evolution-nouvelles\">", "</section>"),
        "Nouvelles synergies (0) Aucune. Synergies qui ne figurent plus au registre (0) Aucune. \
         Changements de statut (0) Aucun. Changements d'avancement (0) Aucun."
    );

    // A fiche deleted, its domain renamed since: the removed synergy shows the domain's title
    // of that year, as the archive keeps it.
    fs::remove_file(root.path().join("content/pole-accueil/grh.md")).unwrap();
    let index = root.path().join("content/pole-accueil/_index.md");
    let page = fs::read_to_string(&index).unwrap();
    fs::write(&index, page.replace("Pôle accueil", "Accueil")).unwrap();
    root.build().success();
    let report = fs::read_to_string(root.public().join("rapport/index.html")).unwrap();
    assert_eq!(
        text_between(
            &report,
            "<h2 id=\"evolution-titre\">",
            "<h3 id=\"evolution-statuts\">"
        ),
        "Évolution depuis 2025 Le registre de 2026 comparé au registre de 2025. \
         Nouvelles synergies (0) Aucune. Synergies qui ne figurent plus au registre (1) GRH \
         (Pôle accueil) — dernier statut en 2025 : Non renseigné"
    );
}

/// `check`'s warnings of the report's dates (in `synergies.toml`), whatever else it says.
fn date_warnings(root: &Root) -> String {
    let run = root.run(&["check"]).success();
    run.stderr
        .split("\n\n")
        .filter(|d| d.contains("[annee-archivee]") || d.contains("[situation-autre-annee]"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn after_archiving_check_and_build_say_until_the_dates_move_to_the_next_year() {
    // The shipped Mons register: no warning of its dates.
    let root = Root::new();
    copy_dir(&repo_root().join("content"), &root.path().join("content"));
    let toml = fs::read_to_string(repo_root().join("synergies.toml")).unwrap();
    let root = root.file("synergies.toml", &toml);
    assert_eq!(date_warnings(&root), "");
    archiver(&root).success();

    // The year archived, the file left as it was: the year is closed.
    let closed = "avertissement[annee-archivee] : l'année 2026 est déjà archivée \
         (archives/2026.json) : ce rapport est sans doute celui de 2027\n  \
         --> synergies.toml:12:9\n   |\n12 | annee = 2026\n   |         ^^^^ année close : \
         archives/2026.json\n   = aide : après `synergies archiver`, le rapport suivant est \
         celui de 2027, daté du jour où son registre est arrêté ; remplacez les lignes 12 à 13 \
         par ces deux lignes : `annee = 2027` puis `situation_au = 2027-11-29`";
    assert_eq!(date_warnings(&root), closed);
    // A warning: the site is published all the same, and the build, which only counts the other
    // warnings, shows this one.
    let run = root.build().success();
    assert!(
        run.stderr.starts_with(&format!("{closed}\n\n")),
        "{}",
        run.stderr
    );
    assert!(root.public().join("rapport/index.html").exists());

    // The year moved forward, the date left behind: every printed page would carry both.
    let root = root.file(
        "synergies.toml",
        &toml.replace("annee = 2026", "annee = 2027"),
    );
    assert_eq!(
        date_warnings(&root),
        "avertissement[situation-autre-annee] : la date « situation au » (29 novembre 2026) \
         n'est pas de l'année du rapport (2027)\n  --> synergies.toml:13:16\n   |\n\
         13 | situation_au = 2026-11-29\n   |                ^^^^^^^^^^ une date de 2026, pas \
         de 2027\n   = aide : chaque page imprimée du rapport porterait « rapport 2027 » et \
         « Situation au 29 novembre 2026 » ; si c'est l'année qui est restée en arrière, \
         corrigez plutôt annee (ligne 12) ; sinon, indiquez le jour où le registre de 2027 est \
         arrêté : remplacez la ligne par : `situation_au = 2027-11-29`"
    );

    // The date moved, the year left behind: the closed year says what both should be.
    let root = root.file(
        "synergies.toml",
        &toml.replace("situation_au = 2026-11-29", "situation_au = 2027-11-26"),
    );
    assert_eq!(
        date_warnings(&root),
        "avertissement[annee-archivee] : l'année 2026 est déjà archivée (archives/2026.json) : \
         ce rapport est sans doute celui de 2027\n  --> synergies.toml:12:9\n   |\n\
         12 | annee = 2026\n   |         ^^^^ année close : archives/2026.json\n   = aide : \
         après `synergies archiver`, le rapport suivant est celui de 2027, daté du jour où son \
         registre est arrêté ; remplacez la ligne par : `annee = 2027`"
    );

    // Both moved: nothing to say, and the report compares with 2026.
    let root = root.file(
        "synergies.toml",
        &toml
            .replace("annee = 2026", "annee = 2027")
            .replace("situation_au = 2026-11-29", "situation_au = 2027-11-26"),
    );
    assert_eq!(date_warnings(&root), "");
    root.build().success();
    let report = fs::read_to_string(root.public().join("rapport/index.html")).unwrap();
    assert!(report.contains("<h2 id=\"evolution-titre\">Évolution depuis 2026</h2>"));
}

#[test]
fn a_year_read_from_the_date_alone_is_located_at_the_date() {
    let root = Root::fixture("site")
        .file(
            "synergies.toml",
            "titre = \"Registre de test\"\ncommune = \"Ville d'Exemple\"\ncpas = \"CPAS d'Exemple\"\n\
             situation_au = 2026-10-01\n",
        )
        .file("archives/2026.json", &archive(&[]));
    assert_eq!(
        date_warnings(&root),
        "avertissement[annee-archivee] : l'année 2026 (celle de situation_au) est déjà archivée \
         (archives/2026.json) : ce rapport est sans doute celui de 2027\n \
         --> synergies.toml:4:16\n  |\n4 | situation_au = 2026-10-01\n  |                \
         ^^^^^^^^^^ année close : archives/2026.json\n  = aide : après `synergies archiver`, le \
         rapport suivant est celui de 2027, daté du jour où son registre est arrêté ; remplacez \
         la ligne par : `situation_au = 2027-10-01`"
    );
}

#[test]
fn archiver_says_the_year_came_from_situation_au_when_annee_is_not_written() {
    let root = Root::new()
        .file("synergies.toml", "situation_au = 2026-11-29\n")
        .file(
            "content/grh/a.md",
            "+++\ntitre = \"A\"\nmis_a_jour = 2025-12-01\n+++\n",
        );
    let run = archiver(&root).success();
    assert_eq!(
        run.stdout.lines().next(),
        Some(
            "Registre 2026 archivé dans archives/2026.json (1 synergie, l'année de situation_au \
             dans synergies.toml)."
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "  ligne 1 : situation_au = 2027-11-29  # le jour où le registre de 2027 sera arrêté\n"
        ),
        "{}",
        run.stdout
    );
}
