//! The `synergies` command: `build` and `check`, with French help and messages.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

use synergies::diagnostic::plural;
use synergies::{Diagnostics, build, check};

const HELP_TEMPLATE: &str = "\
{about-with-newline}
Utilisation : {usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "synergies",
    version,
    about = "Publie le registre des synergies entre la commune et son CPAS sous forme de site web.",
    help_template = HELP_TEMPLATE,
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
    #[command(help_template = HELP_TEMPLATE, disable_help_flag = true)]
    Build(BuildArgs),
    /// Vérifie toutes les fiches et signale chaque problème, sans rien publier
    #[command(help_template = HELP_TEMPLATE, disable_help_flag = true)]
    Check(CheckArgs),
}

#[derive(Args)]
struct RootArg {
    /// Dossier du registre, qui contient content/ (par défaut : le dossier courant)
    #[arg(long, value_name = "DOSSIER", default_value = ".")]
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
struct CheckArgs {
    #[command(flatten)]
    root: RootArg,
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
        Command::Check(args) => run_check(&args.root.root, args.strict),
    }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
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
            let warnings = diagnostics.warning_count();
            if warnings > 0 {
                eprintln!(
                    "{} : lancez `synergies check` pour le détail.",
                    plural(warnings, "avertissement", "avertissements")
                );
            }
            println!(
                "Site publié dans {} : {}, {}, {}.",
                output.display(),
                plural(summary.fiches, "fiche", "fiches"),
                plural(summary.domains, "domaine", "domaines"),
                plural(summary.files, "fichier", "fichiers"),
            );
            ExitCode::SUCCESS
        }
        Err(()) => {
            print_diagnostics(&errors);
            eprintln!(
                "Échec : {}. Rien n'a été publié ; le site précédent reste en place.",
                plural(errors.error_count(), "erreur", "erreurs")
            );
            ExitCode::from(1)
        }
    }
}

fn run_check(root: &Path, strict: bool) -> ExitCode {
    let (_, diagnostics) = check(root);
    let diagnostics = if strict {
        diagnostics.strict()
    } else {
        diagnostics
    };
    print_diagnostics(&diagnostics);
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    if errors > 0 {
        eprintln!(
            "Vérification : {}, {}.",
            plural(errors, "erreur", "erreurs"),
            plural(warnings, "avertissement", "avertissements")
        );
        ExitCode::from(1)
    } else {
        println!(
            "Vérification terminée : aucune erreur, {}.",
            plural(warnings, "avertissement", "avertissements")
        );
        ExitCode::SUCCESS
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
            "commande inconnue : {} (commandes : build, check)",
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
