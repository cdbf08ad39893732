//! The `sscheck` command line: parse arguments, call the library, map results to exit codes.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "sscheck",
    version,
    about = "Compliance linter for the service standards of productivity promotion centers (生产力促进中心服务标准合规检查)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check one or more submission folders (default standard: the embedded national baseline).
    Check(cli::check::CheckArgs),
    /// List the rules of a standard (resolved through `extends`) and where each came from.
    Rules(cli::rules::RulesArgs),
    /// Show the whole documentation of one rule, or of an input diagnostic (input/<code>).
    Explain(cli::explain::ExplainArgs),
    /// Work on standard definitions.
    #[command(subcommand)]
    Standard(cli::standard::StandardCommand),
    /// Print a JSON Schema for center.yaml, metric files or the standard format (for editors).
    Schema(cli::schema::SchemaArgs),
    /// Scaffold a submission folder from the standard's catalogues; never overwrites a file.
    Init(cli::init::InitArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Rules(args) => cli::rules::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Standard(cmd) => cli::standard::run(cmd),
        Command::Schema(args) => cli::schema::run(args),
        Command::Init(args) => cli::init::run(args),
    }
}
