//! What Notepad and Windows leave in the content folder is accepted or ignored, and the
//! warnings of `check` (completeness, empty body, ignored files).

use crate::support::Root;

/// Settings of a commune that is not Mons, complete: `check` has nothing to say of them.
const SETTINGS: &str = "commune = \"Commune d'Exemple\"\ncpas = \"CPAS d'Exemple\"\n\
                        [accessibilite]\ndate = 2026-11-29\ncontact_adresse = \"Place 1, 9999 Exemple\"\n\
                        [rapport]\ndg_ville = \"A. Dupont, directrice générale\"\n\
                        dg_cpas = \"B. Martin, directeur général\"\n";

#[test]
fn editor_and_system_litter_is_ignored_and_other_files_are_named() {
    let good = "+++\ntitre = \"Plan\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\npilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"En cours\"\n+++\nFait.\n";
    let root = Root::new()
        .file("synergies.toml", SETTINGS)
        .file("content/grh/plan.md", good)
        .file("content/grh/~$plan.md", "verrou Word")
        .file("content/grh/plan.md~", "copie")
        .file("content/grh/.plan.md.swp", "vim")
        .file("content/grh/Thumbs.db", "x")
        .file("content/grh/desktop.ini", "x")
        .file("content/.DS_Store", "x")
        .file("content/grh/notes.txt", "à ignorer");
    let check = root.run(&["check"]).success();
    assert_eq!(
        check.stderr,
        "avertissement[fichier-ignore] : `notes.txt` n'est pas publié : seules les fiches en .md le sont\n \
         --> content/grh/notes.txt\n  = aide : si c'est une fiche, renommez-le `notes.md` (dans le \
         Bloc-notes : Enregistrer sous, Type : Tous les fichiers)\n\n"
    );
    assert_eq!(
        check.stdout,
        "Vérification terminée : aucune erreur, 1 avertissement.\n"
    );
    // `build` names the file left out, not only counts it.
    let build = root.build().success();
    assert_eq!(
        build.stderr,
        "avertissement[fichier-ignore] : `notes.txt` n'est pas publié : seules les fiches en .md le sont\n \
         --> content/grh/notes.txt\n  = aide : si c'est une fiche, renommez-le `notes.md` (dans le \
         Bloc-notes : Enregistrer sous, Type : Tous les fichiers)\n\n\
         1 avertissement : lancez `synergies check` (sous Windows : « Vérifier les fiches ») pour le détail.\n"
    );
    assert!(!root.public().join("domaines/grh/notes.html").exists());
}

/// A `plan.txt` beside `plan.md`: renaming it `plan.md` is impossible (the name is taken),
/// so the help says to compare the two first. It stays a warning: a `.txt` is not surely a
/// fiche (a `plan.md.txt` beside `plan.md` is an error, `invalid/notepad-copy-beside-*`).
#[test]
fn a_txt_beside_its_fiche_is_not_told_to_take_the_fiche_name() {
    let good = "+++\ntitre = \"Plan\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\npilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"En cours\"\n+++\nFait.\n";
    let root = Root::new()
        .file("synergies.toml", SETTINGS)
        .file("content/grh/plan.md", good)
        .file("content/grh/plan.txt", good);
    let check = root.run(&["check"]).success();
    assert_eq!(
        check.stderr,
        "avertissement[fichier-ignore] : `plan.txt` n'est pas publié : seules les fiches en .md le sont\n \
         --> content/grh/plan.txt\n  = aide : la fiche `plan.md` existe déjà à côté ; si ce fichier \
         en est une copie plus récente, comparez-les, supprimez (ou renommez) l'ancienne, puis \
         renommez celui-ci `plan.md` (dans le Bloc-notes : Enregistrer sous, Type : Tous les \
         fichiers)\n\n"
    );
}

#[test]
fn mixed_line_endings_nbsp_and_trailing_spaces_are_accepted() {
    let text = "\u{feff}+++  \r\ntitre = \"Plan\u{a0}de formation \"\npilote = \"Ville\u{a0}\"\r\nmodes = [\" Délégatif\"]\n+++\r\nLigne un.\r\nLigne deux.\n";
    let root = Root::new().file("content/grh/plan.md", text);
    root.build().success();
    let html = std::fs::read_to_string(root.public().join("domaines/grh/plan.html")).unwrap();
    assert!(html.contains("<h1>Plan de formation</h1>"), "{html}");
    assert!(html.contains(">Ville</a>"), "{html}");
    assert!(html.contains("Ligne un.\nLigne deux."), "{html}");
}

#[test]
fn check_reports_completeness_fiche_by_fiche_and_strict_makes_it_fail() {
    let root = Root::new()
        .file("synergies.toml", SETTINGS)
        .file("content/grh/a.md", "+++\ntitre = \"A\"\npilote = \"Ville\"\n+++\nFait.\n")
        .file("content/grh/b.md", "+++\ntitre = \"B\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\npilote = \"CPAS\"\nresponsable = \"DG CPAS\"\nstatut = \"Effectif\"\n+++\n");
    let check = root.run(&["check"]).success();
    assert_eq!(
        check.stderr,
        "avertissement[incomplet] : non renseigné : objectifs, modes, responsable, statut\n \
         --> content/grh/a.md\n\n\
         avertissement[corps-vide] : la réalisation / le résultat obtenu est vide\n \
         --> content/grh/b.md\n  = aide : décrivez ce qui a été réalisé sous la deuxième ligne `+++`\n\n"
    );
    let strict = root.run(&["check", "--strict"]).failure(1);
    assert!(
        strict.stderr.starts_with("erreur[incomplet]"),
        "{}",
        strict.stderr
    );
    assert!(
        strict
            .stderr
            .ends_with("Vérification : 2 erreurs dans 2 fichiers : content/grh/a.md (1), content/grh/b.md (1) ; 0 avertissement. Pour le détail d'une erreur : synergies explique CODE (le code entre crochets).\n"),
        "{}",
        strict.stderr
    );
    // Warnings never stop a build.
    let build = root.build().success();
    assert_eq!(
        build.stderr,
        "2 avertissements : lancez `synergies check` (sous Windows : « Vérifier les fiches ») \
         pour le détail.\n"
    );
}

#[test]
fn markup_in_titles_and_file_names_cannot_escape_the_page_or_the_output() {
    // `<`, `>` and `\` in a file name are refused as names Windows cannot hold
    // (`content_safety.rs`); what remains of markup in a name is made a slug.
    let root = Root::new().file(
        "content/grh/script alert(1) 'script'.md",
        "+++\ntitre = \"<script>alert('x')</script> & co\"\n+++\n<img src=x onerror=alert(1)>\n",
    );
    root.build().success();
    let files = crate::support::snapshot_dir(&root.public());
    let page = files
        .keys()
        .find(|p| p.starts_with("domaines/grh/") && !p.ends_with("index.html"))
        .cloned()
        .unwrap();
    assert_eq!(page, "domaines/grh/script-alert-1-script.html");
    let html = String::from_utf8(files[&page].clone()).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"),
        "{html}"
    );
    assert!(!html.contains("onerror"), "{html}");
}

/// A Windows path whose only escape is `\t` still reads (with a tab in it): a warning, with
/// the line corrected; applied, nothing remains. A text that is no path keeps its tab.
#[test]
fn a_windows_path_that_only_gets_a_tab_is_a_warning_with_its_line() {
    let fiche = |note: &str| {
        format!(
            "+++\ntitre = \"Plan\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\n\
             pilote = \"Ville\"\nresponsable = \"DG Ville\"\n{note}\nstatut = \"En cours\"\n+++\nFait.\n"
        )
    };
    let root = Root::new().file("synergies.toml", SETTINGS).file(
        "content/grh/plan.md",
        &fiche("responsable_note = \"Supports : S:\\temp\" # partage RH"),
    );
    let check = root.run(&["check"]).success();
    assert_eq!(
        check.stderr,
        "avertissement[barre-oblique-inverse] : `responsable_note` : une barre oblique inverse \\ \
         s'écrit \\\\ dans un texte\n --> content/grh/plan.md:7:34\n  |\n\
         7 | responsable_note = \"Supports : S:\\temp\" # partage RH\n  \
         |                                  ^^ barre oblique inverse\n  = aide : dans un texte \
         entre guillemets, une barre oblique inverse \\ commence un caractère spécial (\\t : \
         tabulation, \\n : saut de ligne…) ; pour écrire la barre elle-même, doublez-la ; \
         remplacez la ligne par : `responsable_note = \"Supports : S:\\\\temp\" # partage RH`\n\n"
    );
    root.run(&["check", "--strict"]).failure(1);
    let fixed = Root::new().file("synergies.toml", SETTINGS).file(
        "content/grh/plan.md",
        &fiche("responsable_note = \"Supports : S:\\\\temp\" # partage RH"),
    );
    assert_eq!(fixed.run(&["check"]).success().stderr, "");
    let tab = Root::new().file("synergies.toml", SETTINGS).file(
        "content/grh/plan.md",
        &fiche("responsable_note = \"Ville\\tCPAS\""),
    );
    assert_eq!(tab.run(&["check"]).success().stderr, "");
}

/// `Formations bureautiques.md` saved beside `formations-bureautiques.md` makes the same page:
/// the error names both files and points at the one not named as its page, and `check` of
/// either file shows it (the problem is both's); `build` publishes nothing.
#[test]
fn two_files_for_one_page_name_both_and_each_checks_it() {
    let good = "+++\ntitre = \"Formations bureautiques\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\npilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"En cours\"\n+++\nFait.\n";
    let root = Root::new()
        .file("synergies.toml", SETTINGS)
        .file("content/grh/formations-bureautiques.md", good)
        .file("content/grh/Formations bureautiques.md", good);
    let expected = "erreur[page-en-double] : `content/grh/Formations bureautiques.md` et \
                    `content/grh/formations-bureautiques.md` donneraient la même page \
                    (grh/formations-bureautiques.html)\n \
                    --> content/grh/Formations bureautiques.md\n  \
                    = aide : gardez une seule de ces deux fiches (si l'une est une copie de \
                    l'autre, comparez-les et supprimez celle qui est en trop), ou renommez \
                    celle-ci : les accents, majuscules et espaces ne suffisent pas à distinguer \
                    deux pages\n\n\
                    Vérification : 1 erreur dans content/grh/Formations bureautiques.md ; 0 \
                    avertissement. Pour le détail d'une erreur : synergies explique CODE (le code \
                    entre crochets).\n";
    for named in [
        None,
        Some("content/grh/Formations bureautiques.md"),
        Some("content/grh/formations-bureautiques.md"),
    ] {
        let args: Vec<&str> = std::iter::once("check").chain(named).collect();
        let check = root.run(&args).failure(1);
        assert_eq!(check.stderr, expected, "{named:?}");
    }
    let build = root.build().failure(1);
    assert!(
        build
            .stderr
            .starts_with("erreur[page-en-double] : `content/grh/Formations bureautiques.md` et"),
        "{}",
        build.stderr
    );
    assert!(!root.public().exists());
}

/// A space typed before a `+++` line (invisible in Notepad) is accepted, as one after it is.
#[test]
fn spaces_before_the_plus_lines_are_accepted() {
    let fiche = " +++\ntitre = \"Plan\"\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\npilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"En cours\"\n\t+++ \nFait.\n";
    let root = Root::new()
        .file("synergies.toml", SETTINGS)
        .file("content/grh/plan.md", fiche);
    let check = root.run(&["check"]).success();
    assert_eq!(check.stderr, "");
    assert_eq!(
        check.stdout,
        "Vérification terminée : aucune erreur, 0 avertissement.\n"
    );
}

/// A line of the front matter holding only a no-break space (pasted from Word) is the blank
/// line it looks like.
#[test]
fn a_line_of_only_no_break_spaces_is_a_blank_line() {
    let fiche = "+++\ntitre = \"Plan\"\n\u{a0}\nobjectifs = [\"Moyens\"]\nmodes = [\"Coopératif\"]\n\u{202f}\u{a0}\r\npilote = \"Ville\"\nresponsable = \"DG Ville\"\nstatut = \"En cours\"\n+++\nFait.\n";
    let root = Root::new()
        .file("synergies.toml", SETTINGS)
        .file("content/grh/plan.md", fiche);
    let check = root.run(&["check"]).success();
    assert_eq!(check.stderr, "");
    assert_eq!(
        check.stdout,
        "Vérification terminée : aucune erreur, 0 avertissement.\n"
    );
}
