//! One module per subcommand; shared argument types here.

pub mod audit;
pub mod check;
pub mod config;
pub mod explain;
pub mod init;
pub mod rules;
pub mod schema;
pub mod standard;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use sscheck::config::StandardRef;
use sscheck::i18n::Lang;
use sscheck::standard::Standard;
use sscheck::t;

#[derive(Parser)]
#[command(
    name = "sscheck",
    about = "Compliance linter for the service standards of productivity promotion centers (生产力促进中心服务标准合规检查)"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check one or more submission folders (default standard: the embedded national baseline).
    Check(check::CheckArgs),
    /// Review every submission under one or more folders: cross-center rules, a summary,
    /// and reports in many formats (--output FORMAT=PATH).
    Audit(audit::AuditArgs),
    /// Join shard reports (audit --shard K/N), then apply the cross-center rules and the gate.
    Merge(audit::MergeArgs),
    /// List the rules of a standard (resolved through `extends`) and where each came from.
    Rules(rules::RulesArgs),
    /// Show the whole documentation of one rule, or of an input diagnostic (input/<code>).
    Explain(explain::ExplainArgs),
    /// Work on standard definitions.
    #[command(subcommand)]
    Standard(standard::StandardCommand),
    /// Print a JSON Schema for center.yaml, metric files or the standard format (for editors).
    Schema(schema::SchemaArgs),
    /// Scaffold a submission folder from the standard's catalogues; never overwrites a file.
    Init(init::InitArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) to standard output.
    Completions(CompletionsArgs),
    /// Print the man page (roff) to standard output, e.g. `sscheck man > sscheck.1`.
    Man,
}

#[derive(clap::Args)]
struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// `sscheck 0.1.0 (national-baseline 1.0.0)`: the program's version and the embedded
/// baseline's, read from the baseline's `standard.yaml` without loading the standard.
pub fn version() -> String {
    let (mut id, mut version) = (None, None);
    let sources = sscheck::standard::embedded_sources();
    let text = sources
        .iter()
        .find(|(name, _)| name == "standard.yaml")
        .map(|(_, t)| t.as_str())
        .unwrap_or("");
    for line in text.lines() {
        let value = |rest: &str| {
            let v = rest.split(" #").next().unwrap_or("").trim();
            v.trim_matches(|c| c == '"' || c == '\'').to_string()
        };
        if let Some(rest) = line.strip_prefix("id:") {
            id.get_or_insert_with(|| value(rest));
        } else if let Some(rest) = line.strip_prefix("version:") {
            version.get_or_insert_with(|| value(rest));
        }
    }
    match (id, version) {
        (Some(id), Some(v)) => format!("{} ({id} {v})", env!("CARGO_PKG_VERSION")),
        _ => env!("CARGO_PKG_VERSION").to_string(),
    }
}

/// The command line definition, with the version string.
pub fn command() -> clap::Command {
    // clap keeps the version for the whole run; leaking one short string is fine.
    let version: &'static str = Box::leak(version().into_boxed_str());
    Cli::command().version(version)
}

/// Parse the arguments and run the subcommand.
pub fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Merge(args) => audit::merge(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Standard(cmd) => standard::run(cmd),
        Command::Schema(args) => schema::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => {
            let mut cmd = command();
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut cmd, "sscheck", &mut out);
            write_stdout(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(command()).render(&mut out) {
                Ok(()) => write_stdout(&out),
                Err(e) => {
                    eprintln!("sscheck: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Write bytes to standard output; a closed pipe is not an error.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sscheck: {e}");
            ExitCode::from(2)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

/// The language asked for, else the environment's.
pub fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// `--standard`, shared by every subcommand that reads a standard.
#[derive(clap::Args)]
pub struct StandardArgs {
    /// A standard folder (standard.yaml + rules/*.yaml) or an embedded standard's name
    /// (national-baseline); default: the embedded national baseline.
    #[arg(long, value_name = "DIR|NAME")]
    pub standard: Option<PathBuf>,
}

impl StandardArgs {
    /// The standard named, if one is: a folder that exists wins over an embedded name.
    /// A value that is neither is reported (in `lang`) with exit code 2.
    pub fn choice(&self, lang: Lang) -> Result<Option<StandardRef>, ExitCode> {
        let Some(value) = &self.standard else {
            return Ok(None);
        };
        if value.is_dir() {
            return Ok(Some(StandardRef::Dir(value.clone())));
        }
        let name = value.to_string_lossy();
        match StandardRef::resolve(std::path::Path::new(""), &name) {
            Some(r @ StandardRef::Embedded(_)) => Ok(Some(r)),
            // A file, not a folder: let the loader say what is wrong with it.
            _ if value.exists() => Ok(Some(StandardRef::Dir(value.clone()))),
            _ => {
                eprintln!("sscheck: {}", StandardRef::not_found(&name).get(lang));
                Err(ExitCode::from(2))
            }
        }
    }

    /// The standard, or its located errors (in `lang`) on standard error and exit code 2:
    /// a standard that `sscheck standard validate` rejects is never used.
    pub fn load(&self, lang: Lang) -> Result<Standard, ExitCode> {
        load_standard(self.choice(lang)?.as_ref(), lang)
    }
}

/// Load `choice` (the embedded baseline when `None`), or report its errors with exit code 2.
pub fn load_standard(choice: Option<&StandardRef>, lang: Lang) -> Result<Standard, ExitCode> {
    let result = match choice {
        Some(StandardRef::Dir(dir)) => sscheck::standard::load_dir(dir),
        Some(StandardRef::Embedded(name)) => {
            sscheck::standard::load_named(name).unwrap_or_else(sscheck::standard::load_embedded)
        }
        None => sscheck::standard::load_embedded(),
    };
    result.map_err(|errors| {
        let what = match choice {
            Some(StandardRef::Dir(d)) => d.display().to_string(),
            _ => t!("内置标准", "the embedded standard").get(lang).to_string(),
        };
        eprint!(
            "{}",
            sscheck::report::human::standard_errors(&errors, &what, lang)
        );
        let hint = t!(
            "sscheck: 标准有错误（见上文）；请修正，或去掉 --standard 以使用内置的全国基线标准",
            "sscheck: the standard has errors (see above); fix them, or omit --standard to use the embedded national baseline"
        );
        eprintln!("{}", hint.get(lang));
        ExitCode::from(2)
    })
}
