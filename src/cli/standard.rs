//! `sscheck standard validate DIR`: lint a standard, with diagnostics in its YAML. It runs
//! the one loader `check --standard` runs, so the two always agree.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use sscheck::report::human;
use sscheck::standard;

#[derive(Subcommand)]
pub enum StandardCommand {
    /// Lint a standard folder: schema, ids, references, expressions, thresholds, texts.
    Validate(ValidateArgs),
}

#[derive(clap::Args)]
pub struct ValidateArgs {
    /// The standard folder (standard.yaml + rules/*.yaml).
    dir: PathBuf,
}

pub fn run(cmd: StandardCommand) -> ExitCode {
    match cmd {
        StandardCommand::Validate(args) => validate(args),
    }
}

fn validate(args: ValidateArgs) -> ExitCode {
    if !args.dir.join("standard.yaml").is_file() {
        eprintln!(
            "sscheck: {} holds no standard.yaml (a standard is a folder with standard.yaml and rules/*.yaml)",
            args.dir.display()
        );
        return ExitCode::from(2);
    }
    match standard::load_dir(&args.dir) {
        Ok(s) => {
            println!(
                "ok: {} {} — {} rules ({} switched off), {} metrics, {} document types",
                s.id,
                s.version,
                s.rules.len(),
                s.disabled.len(),
                s.metrics.len(),
                s.documents.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            print!(
                "{}",
                human::standard_errors(&errors, &args.dir.display().to_string())
            );
            ExitCode::from(1)
        }
    }
}
