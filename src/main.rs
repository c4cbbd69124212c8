//! The `synergies` command line: parses the French arguments, runs the library's commands and
//! prints their diagnostics and summaries; exit codes 0 (done), 1 (content errors), 2 (usage).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

use synergies::diagnostic::{plural, shown_path};
use synergies::{Diagnostics, build, check};

// Help pages are laid out by hand: clap's own headings (« Options: ») are English-punctuated.
const HELP_TEMPLATE: &str = "\
{about-with-newline}
Utilisation : {usage}

Options :
{options}{after-help}";

/// For commands that take an argument (a file, a code).
const HELP_TEMPLATE_ARGS: &str = "\
{about-with-newline}
Utilisation : {usage}

Arguments :
{positionals}

Options :
{options}{after-help}";

const HELP_TEMPLATE_TOP: &str = "\
{about-with-newline}
Utilisation : {usage}

Commandes :
{subcommands}

Options :
{options}{after-help}";

#[derive(Parser)]
#[command(
    name = "synergies",
    version,
    about = "Publie le registre des synergies entre la commune et son CPAS sous forme de site web.",
    help_template = HELP_TEMPLATE_TOP,
    override_usage = "synergies COMMANDE",
    disable_help_flag = true,
    disable_help_subcommand = true,
    disable_version_flag = true,
    subcommand_value_name = "COMMANDE",
    subcommand_help_heading = "Commandes",
    after_help = "Exemple : synergies build   (construit le site dans le dossier public/)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Affiche cette aide
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Affiche la version
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// Vérifie les fiches puis construit le site (rien n'est publié en cas d'erreur)
    #[command(
        help_template = HELP_TEMPLATE,
        disable_help_flag = true,
        override_usage = "synergies build [--root DOSSIER] [--output DOSSIER]"
    )]
    Build(BuildArgs),
    /// Vérifie les fiches et signale chaque problème, sans rien publier
    #[command(
        help_template = HELP_TEMPLATE_ARGS,
        disable_help_flag = true,
        override_usage = "synergies check [FICHE.md…] [--erreurs] [--strict] [--root DOSSIER]",
        after_help = "Exemples :\n  synergies check\n  synergies check content/grh/plan-de-formation.md --erreurs"
    )]
    Check(CheckArgs),
    /// Crée une nouvelle fiche, avec tous les champs prêts à remplir
    #[command(
        help_template = HELP_TEMPLATE,
        disable_help_flag = true,
        override_usage = "synergies new [--domaine DOMAINE] [--titre TITRE] [--root DOSSIER]",
        after_help = "Sans --domaine ni --titre, les questions sont posées une à une."
    )]
    New(NewArgs),
    /// Crée un nouveau registre : synergies.toml aux noms de la commune et du CPAS, content/ vide
    #[command(
        help_template = HELP_TEMPLATE_ARGS,
        disable_help_flag = true,
        override_usage = "synergies init [DOSSIER] [--commune NOM] [--cpas NOM] [--annee AAAA]",
        after_help = "Sans --commune ni --cpas, les questions sont posées une à une."
    )]
    Init(InitArgs),
    /// Crée des fiches à partir du registre tenu dans Word, Excel ou un fichier CSV
    #[command(
        help_template = HELP_TEMPLATE_ARGS,
        disable_help_flag = true,
        override_usage = "synergies import FICHIER [--feuille NOM] [--dry-run] [--root DOSSIER]",
        after_help = "Exemples :\n  synergies import registre.docx --dry-run\n  synergies import registre.xlsx --feuille 2026"
    )]
    Import(ImportArgs),
    /// Montre le site dans le navigateur et le met à jour à chaque enregistrement d'une fiche
    #[command(
        help_template = HELP_TEMPLATE,
        disable_help_flag = true,
        override_usage = "synergies serve [--port N] [--bind ADRESSE] [--poll] [--root DOSSIER]"
    )]
    Serve(ServeArgs),
    /// Explique un code d'erreur (par exemple : synergies explique valeur-inconnue) ; sans code, demande lesquels
    #[command(
        help_template = HELP_TEMPLATE_ARGS,
        disable_help_flag = true,
        override_usage = "synergies explique [CODE]"
    )]
    Explique(ExpliqueArgs),
    /// Garde le registre de l'année dans archives/<année>.json, pour comparer l'an prochain
    #[command(
        help_template = HELP_TEMPLATE,
        disable_help_flag = true,
        override_usage = "synergies archiver [--root DOSSIER]"
    )]
    Archiver(ArchiverArgs),
}

#[derive(Args)]
struct ArchiverArgs {
    #[command(flatten)]
    root: RootArg,
}

#[derive(Args)]
struct ExpliqueArgs {
    /// Le code affiché entre crochets, par exemple valeur-inconnue dans « erreur[valeur-inconnue] »
    #[arg(value_name = "CODE")]
    code: Option<String>,
}

#[derive(Args)]
struct NewArgs {
    #[command(flatten)]
    root: RootArg,
    /// Domaine de la fiche : un dossier existant (grh) ou le nom d'un nouveau domaine
    #[arg(long, value_name = "DOMAINE")]
    domaine: Option<String>,
    /// Titre de la synergie
    #[arg(long, value_name = "TITRE")]
    titre: Option<String>,
}

#[derive(Args)]
struct ImportArgs {
    /// Le registre à importer : Word (.docx), Excel (.xlsx, .xls), LibreOffice (.ods) ou CSV
    #[arg(value_name = "FICHIER")]
    file: PathBuf,
    #[command(flatten)]
    root: RootArg,
    /// La feuille du classeur à lire (par défaut : la première dont une ligne nomme les colonnes)
    #[arg(long, value_name = "NOM")]
    feuille: Option<String>,
    /// Montre ce qui serait créé, sans rien écrire
    #[arg(long = "dry-run")]
    dry_run: bool,
}

#[derive(Args)]
struct InitArgs {
    /// Dossier du nouveau registre (par défaut : le dossier courant)
    #[arg(value_name = "DOSSIER", default_value = ".", hide_default_value = true)]
    dir: PathBuf,
    /// Nom de la commune, par exemple « Commune de Quaregnon »
    #[arg(long, value_name = "NOM")]
    commune: Option<String>,
    /// Nom du CPAS, par exemple « CPAS de Quaregnon »
    #[arg(long, value_name = "NOM")]
    cpas: Option<String>,
    /// Année du rapport
    #[arg(long, value_name = "AAAA")]
    annee: Option<i64>,
}

#[derive(Args)]
struct RootArg {
    /// Dossier du registre, qui contient content/ (par défaut : le dossier courant)
    #[arg(
        long,
        value_name = "DOSSIER",
        default_value = ".",
        hide_default_value = true
    )]
    root: PathBuf,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    root: RootArg,
    /// Dossier où écrire le site (par défaut : DOSSIER/public)
    #[arg(long, short = 'o', value_name = "DOSSIER")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    root: RootArg,
    /// Port du serveur (par défaut : 8017 ; 0 : un port libre au hasard)
    #[arg(long, value_name = "N", default_value_t = synergies::serve::DEFAULT_PORT, hide_default_value = true)]
    port: u16,
    /// Adresse d'écoute ; par défaut 127.0.0.1, visible de cet ordinateur seulement
    #[arg(long, value_name = "ADRESSE", default_value_t = synergies::serve::DEFAULT_BIND, hide_default_value = true)]
    bind: std::net::IpAddr,
    /// Relit les fichiers toutes les 0,5 s au lieu d'attendre les notifications (partage réseau)
    #[arg(long)]
    poll: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// Fiches à vérifier (par défaut : toutes) ; leurs renvois vers les autres fiches sont vérifiés
    #[arg(value_name = "FICHE.md")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    root: RootArg,
    /// N'affiche que les erreurs, pas les avertissements
    #[arg(long = "erreurs", short = 'q')]
    errors_only: bool,
    /// Traite les avertissements comme des erreurs
    #[arg(long)]
    strict: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    match cli.command {
        Command::Build(args) => run_build(&args.root.root, args.output),
        Command::Check(args) => run_check(&args),
        Command::New(args) => run_new(&args.root.root, args.domaine, args.titre),
        Command::Init(args) => run_init(args),
        Command::Import(args) => run_import(
            &args.root.root,
            &args.file,
            &synergies::import::Options {
                dry_run: args.dry_run,
                sheet: args.feuille,
            },
        ),
        Command::Serve(args) => synergies::serve::run(&synergies::serve::Options {
            root: args.root.root,
            port: args.port,
            bind: args.bind,
            poll: args.poll,
        }),
        Command::Explique(args) => run_explique(args.code.as_deref()),
        Command::Archiver(args) => run_archiver(&args.root.root),
    }
}

/// `synergies archiver`: the register of the report's year into `archives/<année>.json`.
fn run_archiver(root: &Path) -> ExitCode {
    match synergies::archive::archive(root) {
        Ok(archived) => {
            let source = if archived.annee_from_config {
                "l'année de synergies.toml"
            } else if archived.situation_from_config {
                "l'année de situation_au dans synergies.toml"
            } else {
                "l'année de la mise à jour la plus récente des fiches"
            };
            println!(
                "Registre {} archivé dans {} ({}, {source}).\nGardez ce fichier avec les fiches : le rapport de l'an prochain s'y comparera.\n{}",
                archived.annee,
                archived.shown,
                plural(archived.fiches, "synergie", "synergies"),
                archived.next_report(),
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let errors: Diagnostics = diagnostics
                .sorted()
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            print_diagnostics(&errors);
            eprintln!("Rien n'a été archivé.");
            ExitCode::from(1)
        }
    }
}

/// `synergies explique CODE`: the code's title and explanation; an unknown code is a usage
/// error listing every code. Without a code, on a terminal (or from a launcher), asks for codes
/// one after the other.
fn run_explique(code: Option<&str>) -> ExitCode {
    use synergies::diagnostic::{Code, explain};
    let Some(code) = code else {
        if interactive() {
            let stdin = std::io::stdin();
            return match explain::ask(&mut stdin.lock(), &mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("erreur : {e}");
                    ExitCode::from(1)
                }
            };
        }
        eprint!(
            "erreur : indiquez le code à expliquer, par exemple :\n  synergies explique valeur-inconnue\nCodes connus :\n{}",
            explain::list()
        );
        return ExitCode::from(2);
    };
    match code.parse::<Code>() {
        Ok(code) => {
            print!("{}", explain::explanation(code));
            ExitCode::SUCCESS
        }
        Err(()) => {
            let nearest = explain::nearest(code)
                .map(|near| format!(" Vouliez-vous dire {near} ?"))
                .unwrap_or_default();
            eprint!(
                "erreur : code inconnu : « {code} ».{nearest} Codes connus :\n{}",
                explain::list()
            );
            ExitCode::from(2)
        }
    }
}

/// Whether questions may be asked: on a terminal, or from a launcher that says so (its window
/// does not always look like a terminal).
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() || std::env::var("SYNERGIES_INTERACTIF").is_ok_and(|v| v == "1")
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
}

/// The warnings for files of `content/` left out of the site (`plan.md.txt`, `plan.txt`…),
/// which `check --erreurs` and `build` show even though they hide the other warnings.
fn unpublished(diagnostics: &Diagnostics) -> Diagnostics {
    diagnostics
        .iter()
        .filter(|d| !d.is_error() && d.code == synergies::diagnostic::Code::FichierIgnore)
        .cloned()
        .collect()
}

fn run_build(root: &Path, output: Option<PathBuf>) -> ExitCode {
    let output = output.unwrap_or_else(|| root.join("public"));
    let (result, diagnostics) = build(root, &output);
    let errors: Diagnostics = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    match result {
        Ok(summary) => {
            // Named, not only counted: a fiche left out as `.txt` (the editor believes it
            // published) and the report's dates left at last year's.
            let named: Diagnostics = unpublished(&diagnostics)
                .iter()
                .chain(
                    diagnostics
                        .iter()
                        .filter(|d| synergies::archive::DATE_WARNINGS.contains(&d.code)),
                )
                .cloned()
                .collect();
            print_diagnostics(&named);
            let warnings = diagnostics.warning_count();
            if warnings > 0 {
                eprintln!(
                    "{} : lancez `synergies check` (sous Windows : « Vérifier les fiches ») pour le détail.",
                    plural(warnings, "avertissement", "avertissements")
                );
            }
            println!(
                "Site publié dans {} : {}, {}, {}.",
                summary.output.display(),
                plural(summary.fiches, "fiche", "fiches"),
                plural(summary.domains, "domaine", "domaines"),
                plural(summary.files, "fichier", "fichiers"),
            );
            if !summary.kept.is_empty() {
                let what = if summary.kept.len() == 1 {
                    "1 fichier déposé à la main, pas produit par l'outil, est gardé".to_owned()
                } else {
                    format!(
                        "{} fichiers déposés à la main, pas produits par l'outil, sont gardés",
                        summary.kept.len()
                    )
                };
                println!("{what} : {}.", summary.kept.join(", "));
            }
            ExitCode::SUCCESS
        }
        Err(()) => {
            print_diagnostics(&errors);
            // Rarely, a publish that failed could not put the previous site back either: its
            // diagnostic says where it waits, and this line must not say it is in place.
            let set_aside = errors.iter().any(|d| {
                d.notes
                    .iter()
                    .any(|n| n.starts_with(synergies::output::SET_ASIDE))
            });
            let previous = if set_aside {
                " ; le site précédent sera remis en place à la prochaine publication"
            } else if output.join(synergies::output::MARKER).is_file() {
                // A site published by the tool is there (kept, or put back by this build).
                " ; le site précédent reste en place"
            } else {
                ""
            };
            eprintln!(
                "Échec : {}. Rien n'a été publié{previous}.",
                errors_by_file(&errors)
            );
            ExitCode::from(1)
        }
    }
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let root = &args.root.root;
    let only = match named_fiches(root, &args.files) {
        Ok(only) => only,
        Err(message) => {
            eprintln!("erreur : {message}");
            return ExitCode::from(2);
        }
    };
    let (_, diagnostics) = check(root);
    let diagnostics = if args.strict {
        diagnostics.strict()
    } else {
        diagnostics
    };
    // Only the named fiches' problems (the register is checked whole, so references resolve).
    let shown =
        |d: &&synergies::Diagnostic| only.is_empty() || only.iter().any(|path| d.is_about(path));
    let errors: Diagnostics = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter(shown)
        .cloned()
        .collect();
    let warnings: Diagnostics = diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .filter(shown)
        .cloned()
        .collect();
    // Errors first, then warnings: a person in a hurry reads the top.
    print_diagnostics(&errors);
    let shown_warnings = if args.errors_only {
        // A fiche Notepad saved as `.txt` is never left out without a word.
        unpublished(&warnings)
    } else {
        warnings.clone()
    };
    print_diagnostics(&shown_warnings);
    let total = warnings.warning_count();
    let hidden = total - shown_warnings.warning_count();
    let warning_count = plural(total, "avertissement", "avertissements");
    let not_shown = if hidden < 2 {
        "non affiché"
    } else {
        "non affichés"
    };
    let warning_part = if hidden == 0 {
        warning_count
    } else if hidden == total {
        format!("{warning_count} {not_shown} (sans --erreurs pour les voir)")
    } else {
        format!("{warning_count}, dont {hidden} {not_shown} (sans --erreurs pour les voir)")
    };
    if errors.has_errors() {
        eprintln!(
            "Vérification : {} ; {warning_part}. Pour le détail d'une erreur : synergies explique CODE (le code entre crochets).",
            errors_by_file(&errors)
        );
        ExitCode::from(1)
    } else {
        println!("Vérification terminée : aucune erreur, {warning_part}.");
        ExitCode::SUCCESS
    }
}

/// « 1 erreur dans content/grh/plan.md », « 3 erreurs dans 2 fichiers : a.md (2), b.md (1) ».
fn errors_by_file(errors: &Diagnostics) -> String {
    let mut files: Vec<(String, usize)> = Vec::new();
    for d in errors.iter() {
        let Some(location) = &d.location else {
            continue;
        };
        match files.iter_mut().find(|(p, _)| *p == location.path) {
            Some((_, n)) => *n += 1,
            None => files.push((location.path.clone(), 1)),
        }
    }
    let count = plural(errors.error_count(), "erreur", "erreurs");
    match files.as_slice() {
        [] => count,
        [(path, _)] => format!("{count} dans {}", shown_path(path)),
        many => {
            const SHOWN: usize = 5;
            let mut listed: Vec<String> = many
                .iter()
                .take(SHOWN)
                .map(|(p, n)| format!("{} ({n})", shown_path(p)))
                .collect();
            if many.len() > SHOWN {
                listed.push(format!("et {} autres", many.len() - SHOWN));
            }
            format!(
                "{count} dans {} fichiers : {}",
                many.len(),
                listed.join(", ")
            )
        }
    }
}

/// The fiches named on the command line, as diagnostics name them (`content/grh/plan.md`).
fn named_fiches(root: &Path, files: &[PathBuf]) -> Result<Vec<String>, String> {
    let Ok(root_full) = root.canonicalize() else {
        return Ok(Vec::new());
    };
    files
        .iter()
        .map(|file| {
            // Relative to the root (the current folder when there is no --root), or else to
            // the current folder.
            let full = root
                .join(file)
                .canonicalize()
                .or_else(|_| file.canonicalize())
                .map_err(|_| format!("fiche introuvable : {}", file.display()))?;
            let relative = full.strip_prefix(&root_full).map_err(|_| {
                format!(
                    "{} n'est pas dans le dossier du registre ({})",
                    file.display(),
                    root.display()
                )
            })?;
            Ok(relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"))
        })
        .collect()
}

/// The vocabularies of a root (its `synergies.toml` labels and aliases), or its config errors.
fn root_vocab(root: &Path) -> Result<synergies::vocab::Vocabularies, Diagnostics> {
    let (config, diagnostics) = synergies::config(root);
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(config.vocab)
    }
}

fn run_new(root: &Path, domaine: Option<String>, titre: Option<String>) -> ExitCode {
    // Before any question: a folder that is not a register gets no fiche.
    if let Err(d) = synergies::load::require_register(root) {
        eprint!("{d}");
        eprintln!("Rien n'a été écrit.");
        return ExitCode::from(1);
    }
    let vocab = match root_vocab(root) {
        Ok(vocab) => vocab,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return ExitCode::from(1);
        }
    };
    let mut answers = synergies::scaffold::Answers {
        domaine: domaine.unwrap_or_default(),
        titre: titre.unwrap_or_default(),
        terms: Vec::new(),
    };
    // Questions only on a terminal (or when asked to, for tests); otherwise flags are needed.
    let interactive = interactive();
    if answers.domaine.is_empty() || answers.titre.is_empty() {
        if !interactive {
            eprintln!(
                "erreur : indiquez le domaine et le titre, par exemple :\n  synergies new --domaine grh --titre \"Plan de formation\""
            );
            return ExitCode::from(2);
        }
        let domains = synergies::scaffold::existing_domains(root);
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut output = std::io::stdout();
        answers = match synergies::scaffold::ask(&mut input, &mut output, &domains, &vocab, answers)
        {
            Ok(answers) => answers,
            Err(e) => {
                eprintln!("erreur : lecture de la réponse impossible : {e}");
                return ExitCode::from(1);
            }
        };
    }
    match synergies::scaffold::create(root, &answers, &vocab) {
        Ok(path) => {
            println!(
                "Fiche créée : {shown}\n\nEnsuite :\n  1. ouvrez {shown} dans le Bloc-notes : complétez les champs (enlevez le # au début d'une ligne pour la remplir) et décrivez la réalisation sous la deuxième ligne +++ ;\n  2. vérifiez la fiche : synergies check {shown}\n  3. publiez le site : synergies build",
                shown = shown_path(&path)
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{d}");
            ExitCode::from(1)
        }
    }
}

fn run_import(root: &Path, file: &Path, options: &synergies::import::Options) -> ExitCode {
    // The root's own labels and aliases apply to the mapping.
    let vocab = match root_vocab(root) {
        Ok(vocab) => vocab,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return ExitCode::from(1);
        }
    };
    match synergies::import::import(root, file, &vocab, options) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            eprintln!("Échec de l'import : rien n'a été écrit.");
            ExitCode::from(1)
        }
    }
}

fn run_init(args: InitArgs) -> ExitCode {
    let mut answers = synergies::init::Answers {
        commune: args.commune.unwrap_or_default(),
        cpas: args.cpas.unwrap_or_default(),
        annee: args.annee,
    };
    let interactive = interactive();
    if answers.commune.trim().is_empty() || answers.cpas.trim().is_empty() {
        if !interactive {
            eprintln!(
                "erreur : indiquez le nom de la commune et celui du CPAS, par exemple :\n  synergies init --commune \"Commune de Quaregnon\" --cpas \"CPAS de Quaregnon\""
            );
            return ExitCode::from(2);
        }
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut output = std::io::stdout();
        let ask_year = answers.annee.is_none();
        answers = match synergies::init::ask(&mut input, &mut output, answers, ask_year) {
            Ok(answers) => answers,
            Err(e) => {
                eprintln!("erreur : lecture de la réponse impossible : {e}");
                return ExitCode::from(1);
            }
        };
    }
    match synergies::init::create(&args.dir, &answers) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{d}");
            ExitCode::from(1)
        }
    }
}

/// Prints a command-line mistake in French and returns exit code 2 (help and version: 0).
fn usage_error(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", error.render());
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprint!("{}", error.render());
            return ExitCode::from(2);
        }
        _ => {}
    }
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        _ => String::new(),
    };
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            format!("argument inconnu : {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue : {} (commandes : build, check, init, new, import, serve, explique, archiver)",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "valeur invalide pour {} : « {} »",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "argument obligatoire manquant : {}",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::ArgumentConflict => format!(
            "ces arguments ne vont pas ensemble : {}",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::NoEquals => {
            format!("argument en trop : {}", context(ContextKind::InvalidArg))
        }
        _ => "arguments invalides".to_owned(),
    };
    eprintln!("erreur : {message}\n\nPour l'aide : synergies --help");
    ExitCode::from(2)
}

/// mimalloc instead of the system allocator: a build makes and drops a few hundred strings per
/// fiche on every thread of the pool, and glibc's malloc and free are a large share of its
/// time. The `no_thp` feature keeps it from asking Linux for transparent huge pages (which
/// raise the peak memory); `v2` picks mimalloc 2, which holds less memory than 3 for the same
/// speed (BENCHMARKS.md, section "Allocator and the build's threads").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
