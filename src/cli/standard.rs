//! `sscheck standard validate DIR`: lint a standard, with diagnostics in its YAML. It runs
//! the one loader `check --standard` runs, so the two always agree.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use sscheck::report::human;
use sscheck::standard;
use sscheck::t;

use super::LangArg;

#[derive(Subcommand)]
pub enum StandardCommand {
    /// Lint a standard folder: schema, ids, references, expressions, thresholds, texts.
    Validate(ValidateArgs),
}

#[derive(clap::Args)]
pub struct ValidateArgs {
    /// The standard folder (standard.yaml + rules/*.yaml).
    dir: PathBuf,
    /// Language of messages (default: from LANG; Chinese when unset).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

pub fn run(cmd: StandardCommand) -> ExitCode {
    match cmd {
        StandardCommand::Validate(args) => validate(args),
    }
}

fn validate(args: ValidateArgs) -> ExitCode {
    let lang = super::lang(args.lang);
    if !args.dir.join("standard.yaml").is_file() {
        let message = t!(
            "sscheck: {dir} 中没有 standard.yaml（标准是一个包含 standard.yaml 和 rules/*.yaml 的文件夹）",
            "sscheck: {dir} holds no standard.yaml (a standard is a folder with standard.yaml and rules/*.yaml)",
            dir = args.dir.display()
        );
        eprintln!("{}", message.get(lang));
        return ExitCode::from(2);
    }
    match standard::load_dir(&args.dir) {
        Ok(s) => {
            let summary = t!(
                "通过：{id} {version} — {rules} 条规则（{off} 条已关闭），{metrics} 个指标，{documents} 种文档类型",
                "ok: {id} {version} — {rules} rules ({off} switched off), {metrics} metrics, {documents} document types",
                id = s.id,
                version = s.version,
                rules = s.rules.len(),
                off = s.disabled.len(),
                metrics = s.metrics.len(),
                documents = s.documents.len()
            );
            println!("{}", summary.get(lang));
            ExitCode::SUCCESS
        }
        Err(errors) => {
            let dir = args.dir.display().to_string();
            print!("{}", human::standard_errors(&errors, &dir, lang));
            ExitCode::from(1)
        }
    }
}
