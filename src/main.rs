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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => cli::check::run(args),
    }
}
