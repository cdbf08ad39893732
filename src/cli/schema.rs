//! `sscheck schema`: print a JSON Schema (draft 2020-12) for editors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{LangArg, StandardArgs};
use sscheck::standard::{standard_format_schema, submission_schema};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Which {
    /// center.yaml (document types from the standard's catalogue).
    Center,
    /// metrics/YEAR.yaml (metric ids from the standard's catalogue).
    Metrics,
    /// waivers.yaml (accepted deviations, optionally scoped to a file or fingerprints).
    Waivers,
    /// The standard format itself: standard.yaml and rules/*.yaml.
    Standard,
    /// The config file, sscheck.toml.
    Config,
}

#[derive(clap::Args)]
pub struct SchemaArgs {
    /// Which file the schema is for.
    #[arg(value_enum)]
    which: Which,
    #[command(flatten)]
    standard: StandardArgs,
    /// Write the schema to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Language of the standard's errors (default: from LANG; Chinese when unset).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

pub fn run(args: SchemaArgs) -> ExitCode {
    let value = match args.which {
        Which::Standard => standard_format_schema::standard_format_schema(),
        Which::Config => sscheck::config::schema(),
        Which::Waivers => submission_schema::waivers_schema(),
        Which::Center | Which::Metrics => {
            let standard = match args.standard.load(super::lang(args.lang)) {
                Ok(s) => s,
                Err(code) => return code,
            };
            if args.which == Which::Center {
                submission_schema::center_editor_schema(&standard)
            } else {
                submission_schema::metrics_editor_schema(&standard)
            }
        }
    };
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value serializes");
    text.push('\n');
    let written = match &args.output {
        Some(path) => std::fs::write(path, text.as_bytes()),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|_| out.flush())
        }
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("sscheck: cannot write the schema: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}
