//! `sscheck init`: scaffold a submission from the standard's catalogues.
//!
//! The contents come from [`sscheck::scaffold`]; this writes them. An existing file is
//! never overwritten: it is skipped and reported.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{LangArg, StandardArgs};
use sscheck::i18n::Lang;
use sscheck::scaffold::{scaffold, TO_FILL};

#[derive(clap::Args)]
pub struct InitArgs {
    /// The submission folder to scaffold (created when absent).
    dir: PathBuf,
    #[command(flatten)]
    standard: StandardArgs,
    /// The reporting year (default: last calendar year).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    year: Option<i32>,
    /// How many metric files to write, ending with the reporting year (default: as many
    /// as the standard's multi-year rules look back).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20))]
    years: Option<u32>,
    /// The revision date written into the documents (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
    /// Language of the messages (default: from LANG; Chinese when unset).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Files of the editor schemas, at the top of the submission folder.
pub fn run(args: InitArgs) -> ExitCode {
    let lang = super::lang(args.lang);
    let standard = match args.standard.load(lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let year = args.year.unwrap_or(i32::from(today.year()) - 1);
    if args.dir.exists() && !args.dir.is_dir() {
        eprintln!("sscheck: {} exists and is not a folder", args.dir.display());
        return ExitCode::from(2);
    }
    let years = args
        .years
        .unwrap_or_else(|| sscheck::scaffold::history_years(&standard));
    let files = scaffold(&standard, year, years, today);
    let msg = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let dir = args.dir.display();
    println!(
        "{}",
        msg(
            format!(
                "按标准 {} {} 在 {dir} 生成提交材料骨架：",
                standard.id, standard.version
            ),
            format!(
                "Scaffolding a submission in {dir} from standard {} {}:",
                standard.id, standard.version
            ),
        )
    );
    let mut failed = false;
    let mut center_skipped = false;
    for (rel, content) in &files {
        match create_new(&args.dir, rel, content) {
            Ok(true) => println!(
                "  {}",
                msg(format!("已创建 {rel}"), format!("created {rel}"))
            ),
            Ok(false) => {
                center_skipped |= rel == "center.yaml";
                println!(
                    "  {}",
                    msg(
                        format!("已跳过 {rel}（已存在，未改动）"),
                        format!("skipped {rel} (exists, left unchanged)")
                    )
                );
            }
            Err(e) => {
                failed = true;
                eprintln!("sscheck: cannot write {rel}: {e}");
            }
        }
    }
    if failed {
        return ExitCode::from(2);
    }
    if center_skipped {
        println!(
            "{}",
            msg(
                "注意：center.yaml 已存在且未改动，请确认其 documents 指向上面的文档文件。".into(),
                "Note: center.yaml existed and was left unchanged; make sure its documents index points at the document files above.".into()
            )
        );
    }
    println!(
        "{}",
        msg(
            format!("下一步：把 center.yaml 中的示例值改为本中心的实际信息，填写 metrics/ 中的指标，把 docs/ 各节的“{TO_FILL}”换成实际内容，然后运行 sscheck check {dir}"),
            format!("Next: replace the sample values in center.yaml with your center's own, fill in metrics/, replace each {TO_FILL} in docs/ with real content, then run sscheck check {dir}"),
        )
    );
    ExitCode::SUCCESS
}

/// Write a file unless something exists at its path; `Ok(false)` when skipped.
fn create_new(dir: &Path, rel: &str, content: &str) -> std::io::Result<bool> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // `create_new` refuses any existing entry, a dangling link included: nothing is
    // ever overwritten or written through a link.
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => f.write_all(content.as_bytes()).map(|_| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}
