//! `sscheck audit ROOT...`: every submission under the roots, the cross-center rules, a
//! summary, and as many reports as `--output` asks for. `sscheck merge` (below) joins
//! shard reports and finishes them the same way.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::check::ColorWhen;
use super::{LangArg, StandardArgs};
use sscheck::audit::{self, baseline::Baseline, shard::Shard, AuditOptions};
use sscheck::engine::{self, CheckOptions};
use sscheck::finding::Severity;
use sscheck::i18n::Lang;
use sscheck::report::audit::{AuditFormat, AuditRender};
use sscheck::standard::Standard;
use sscheck::t;
use sscheck::text::ReadOptions;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

/// Output options shared by `audit` and `merge`.
#[derive(clap::Args)]
pub struct OutputArgs {
    /// Format of the report on standard output (or of `--output FILE` given without a
    /// format).
    #[arg(long, value_enum, default_value = "human")]
    format: AuditFormat,
    /// Write a report to a file: `FORMAT=PATH` (json=audit.json, sarif=audit.sarif,
    /// junit=junit.xml, csv=centers.csv, ...) or a PATH in `--format`. Repeatable: one
    /// run feeds every format.
    #[arg(long, short, value_name = "[FORMAT=]PATH")]
    output: Vec<String>,
    /// Exit 1 when a finding at or above this severity is neither waived nor in the
    /// baseline [default: error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// An earlier JSON report: findings already in it are shown, marked, and do not fail
    /// the gate.
    #[arg(long, value_name = "REPORT")]
    baseline: Option<PathBuf>,
    /// Human format: list every finding before the summary.
    #[arg(long, short)]
    verbose: bool,
    /// Colour the human output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR
    /// forces it), always or never. `--color` alone means always.
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        num_args = 0..=1,
        default_value = "auto",
        default_missing_value = "always"
    )]
    color: ColorWhen,
    /// Language of messages (default: from LANG; Chinese when unset).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Number of worker threads (default: number of CPUs).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

#[derive(clap::Args)]
pub struct AuditArgs {
    /// Folders to search: every folder under them that holds a center.yaml is a
    /// submission.
    #[arg(required = true, value_name = "ROOT")]
    roots: Vec<PathBuf>,
    #[command(flatten)]
    standard: StandardArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Check only shard K of N (1-based), a deterministic slice by path, and write a
    /// shard report (`--output json=shard-K.json`) for `sscheck merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Check only these rules (ids, prefixes, dimensions, input codes); comma-separated.
    #[arg(long, value_name = "SELECTORS")]
    select: Vec<String>,
    /// Leave these rules out (same selectors as --select).
    #[arg(long, value_name = "SELECTORS")]
    ignore: Vec<String>,
    /// Use this config file for every submission instead of searching for sscheck.toml
    /// upward from each.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every config file (sscheck.toml).
    #[arg(long)]
    isolated: bool,
    /// Ignore waivers.yaml: show the unwaived view.
    #[arg(long)]
    no_waivers: bool,
    /// Decode files that look GBK/GB18030-encoded instead of only reporting them.
    #[arg(long)]
    decode_gbk: bool,
    /// Largest file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = sscheck::text::DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,
    /// Most findings listed per submission [default: 1000].
    #[arg(long, value_name = "N")]
    max_findings: Option<usize>,
    /// The date waiver expiry is judged against (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    no_progress: bool,
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// Shard reports written by `sscheck audit --shard K/N --output json=FILE`.
    #[arg(required = true, value_name = "REPORT")]
    reports: Vec<PathBuf>,
    #[command(flatten)]
    standard: StandardArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Merge even when some shards are missing (their centers are left out of the cross-center rules).
    #[arg(long)]
    allow_missing: bool,
}

pub fn run(args: AuditArgs) -> ExitCode {
    sscheck::checks::prepare_in_background();
    let lang = super::lang(args.out.lang);
    let source = match (&args.config, args.isolated) {
        (_, true) => super::config::Source::Isolated,
        (Some(f), false) => super::config::Source::File(f.clone()),
        (None, false) => super::config::Source::Discover,
    };
    let flags = super::config::Flags {
        standard: match args.standard.choice(lang) {
            Ok(s) => s,
            Err(code) => return code,
        },
        fail_on: args.out.fail_on.map(fail_on_config),
        lang: args.out.lang.map(|_| lang),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        today: args.today,
        max_findings: args.max_findings,
    };
    // The first root's settings, for what is decided before the submissions are found
    // (the language of early errors); each submission's own settings come after. The
    // submissions are found meanwhile: loading the standard and walking the roots each
    // take about as long, and neither needs the other.
    let first = args.roots[..1].to_vec();
    let (plan, discovery) = std::thread::scope(|s| {
        let walk = s.spawn(|| audit::discover::discover(&args.roots));
        let plan = super::config::plan(&first, &source, &flags);
        let discovery = walk
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (plan, discovery)
    });
    let plan = match plan {
        Ok(p) => p,
        Err(code) => return code,
    };
    let lang = plan.lang;
    let outputs = match outputs(&args.out, lang) {
        Ok(o) => o,
        Err(code) => return code,
    };
    if args.shard.is_some() && outputs.iter().any(|(f, _)| *f != AuditFormat::Json) {
        let msg = t!(
            "sscheck: 分片（--shard）只写 JSON 分片报告，供 sscheck merge 合并：请用 --output json=分片.json",
            "sscheck: a shard (--shard) writes only a JSON shard report for sscheck merge: use --output json=shard.json"
        );
        eprintln!("{}", msg.get(lang));
        return ExitCode::from(2);
    }
    let baseline = match load_baseline(&args.out, lang) {
        Ok(b) => b,
        Err(code) => return code,
    };
    if let Err(code) = set_jobs(args.out.jobs, lang) {
        return code;
    }

    for p in &discovery.problems {
        eprintln!("sscheck: {}", skipped_text(p).get(lang));
    }
    if args.roots.iter().all(|r| !r.is_dir()) {
        return ExitCode::from(2);
    }
    let found = match args.shard {
        Some(shard) => discovery.found.retain(|path| shard.holds(path)),
        None => discovery.found,
    };
    if found.is_empty() && args.shard.is_none() {
        let msg = t!(
            "sscheck: 在 {roots} 下没有找到提交材料（含 center.yaml 的文件夹）",
            "sscheck: no submission (a folder holding center.yaml) under {roots}",
            roots = audit::roots_text(&args.roots)
        );
        eprintln!("{}", msg.get(lang));
        return ExitCode::from(2);
    }
    // Each submission's settings: the nearest sscheck.toml and the `[[overrides]]` that
    // match it. Rules may be selected per submission; what the audit decides once (the
    // standard, the gate, the date, the findings cap) must agree.
    let plan = if found.is_empty() || matches!(source, super::config::Source::Isolated) {
        plan
    } else {
        let dirs: Vec<PathBuf> = (0..found.len()).map(|i| found.dir(i)).collect();
        match super::config::plan_reusing(&dirs, &source, &flags, plan.into_standards()) {
            Ok(p) => p,
            Err(code) => return code,
        }
    };
    let lang = plan.lang;
    let (mut plan, selections) = match one_audit(plan) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("sscheck: {}", e.get(lang));
            return ExitCode::from(2);
        }
    };
    let (group_index, fail_on) = plan.folders[0];
    let group = &plan.groups[group_index];
    let opts = AuditOptions {
        check: CheckOptions {
            read: ReadOptions {
                max_file_bytes: args.max_file_size,
                decode_gbk: args.decode_gbk,
            },
            use_waivers: !args.no_waivers,
            today: group.today.unwrap_or_else(|| jiff::Zoned::now().date()),
            max_findings: group.max_findings.unwrap_or(engine::DEFAULT_MAX_FINDINGS),
            keep_sources: false,
            selection: group.selection.clone(),
            show_fingerprints: false,
            gather: true,
        },
        lang,
        fail_on: gate(fail_on),
        keep_metrics: false,
    };
    let standard = plan.standards.swap_remove(group.standard);
    // Metric series cost memory per center: kept only for a page that charts them, or a
    // shard whose merge may write one.
    let opts = AuditOptions {
        keep_metrics: args.shard.is_some() || outputs.iter().any(|(f, _)| *f == AuditFormat::Html),
        ..opts
    };
    let bar = progress_bar(found.len() as u64, !args.no_progress);
    // The list of submissions is consumed: its paths become the records'.
    let checked = audit::check_all(&standard, found, args.shard, &opts, &selections, &|| {
        bar.inc(1)
    });
    bar.finish_and_clear();
    crate::checking_done();
    let audit = checked.and_then(|checked| {
        audit::finish(
            &standard,
            checked,
            discovery.skipped,
            args.shard,
            baseline.as_ref(),
            &opts,
        )
    });
    match audit {
        Ok(audit) => emit(&standard, &audit, &outputs, &args.out),
        Err(e) => temp_file_error(&e, lang),
    }
}

pub fn merge(args: MergeArgs) -> ExitCode {
    let lang = super::lang(args.out.lang);
    let standard = match args.standard.load(lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let outputs = match outputs(&args.out, lang) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let baseline = match load_baseline(&args.out, lang) {
        Ok(b) => b,
        Err(code) => return code,
    };
    // What each report says of itself first, so that reports that do not join are
    // refused before any center is read; then their centers, one at a time.
    let cannot_merge = |path: &Path, e: &sscheck::i18n::Text| {
        let msg = t!(
            "sscheck: 无法合并 {path}：{e}",
            "sscheck: cannot merge {path}: {e}",
            path = path.display(),
            e = e.get(lang)
        );
        eprintln!("{}", msg.get(lang));
        ExitCode::from(2)
    };
    let mut headers = Vec::new();
    for path in &args.reports {
        match audit::shard::read_header(path, &standard) {
            Ok(h) => headers.push(h),
            Err(e) => return cannot_merge(path, &e),
        }
    }
    let merged = match audit::shard::join(&headers, args.allow_missing) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("sscheck: {}", e.get(lang));
            return ExitCode::from(2);
        }
    };
    let mut checked = match audit::Checked::merging(&standard, merged.lang) {
        Ok(c) => c,
        Err(e) => return temp_file_error(&e, merged.lang),
    };
    for path in &args.reports {
        let read = audit::shard::read_centers(path, &standard, &mut |c| checked.add(&standard, c));
        if let Err(e) = read {
            return cannot_merge(path, &e);
        }
    }
    // Messages are in the language the shards were written in.
    let opts = AuditOptions {
        check: CheckOptions {
            max_findings: engine::DEFAULT_MAX_FINDINGS,
            ..CheckOptions::default()
        },
        lang: merged.lang,
        fail_on: gate(
            args.out
                .fail_on
                .map(fail_on_config)
                .unwrap_or(sscheck::config::FailOn::Error),
        ),
        keep_metrics: true,
    };
    let audit = audit::finish(
        &standard,
        checked,
        merged.skipped,
        None,
        baseline.as_ref(),
        &opts,
    );
    match audit {
        Ok(audit) => emit(&standard, &audit, &outputs, &args.out),
        Err(e) => temp_file_error(&e, merged.lang),
    }
}

/// The audit's one standard and settings from the submissions' `plan`, and the rules
/// each is checked with. Centers are compared under one standard, one date, one cap and
/// one gate: submissions whose configs set these differently are refused, with the flag
/// that settles them (a flag overrides every config).
fn one_audit(
    plan: super::config::Plan,
) -> Result<(super::config::Plan, audit::Selections), sscheck::i18n::Text> {
    // One value of a setting among all the submissions, or the error that names them.
    let agree = |setting: &str, flag: &str, mut values: Vec<String>| {
        values.sort();
        values.dedup();
        if values.len() <= 1 {
            return Ok(());
        }
        Err(t!(
            "各提交材料的配置文件（sscheck.toml）设置了不同的 {setting}（{values}），而一次审计只能用一个：请用 {flag} 指定",
            "the submissions' config files (sscheck.toml) set different values of {setting} ({values}), and an audit uses one: pass {flag}",
            setting = setting,
            values = values.join(", "),
            flag = flag
        ))
    };
    // Unset is a value too (the date of the run, the default cap).
    let shown = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let groups = &plan.groups;
    // The same standard named two ways (by default, by name) is loaded twice: one standard.
    agree(
        "standard",
        "--standard",
        plan.standards
            .iter()
            .map(|s| format!("{} {}", s.id, s.version))
            .collect(),
    )?;
    agree(
        "today",
        "--today",
        groups
            .iter()
            .map(|g| shown(g.today.map(|d| d.to_string())))
            .collect(),
    )?;
    agree(
        "max_findings",
        "--max-findings",
        groups
            .iter()
            .map(|g| shown(g.max_findings.map(|n| n.to_string())))
            .collect(),
    )?;
    agree(
        "fail_on",
        "--fail-on",
        plan.folders
            .iter()
            .map(|(_, f)| format!("{f:?}").to_lowercase())
            .collect(),
    )?;
    let selections = if plan.groups.len() > 1 {
        audit::Selections {
            groups: plan.groups.iter().map(|g| g.selection.clone()).collect(),
            of: plan.folders.iter().map(|&(g, _)| g as u32).collect(),
        }
    } else {
        audit::Selections::default()
    };
    Ok((plan, selections))
}

/// The records could not be spilled to, or read back from, their temporary file.
fn temp_file_error(e: &sscheck::i18n::Text, lang: Lang) -> ExitCode {
    eprintln!("sscheck: {}", e.get(lang));
    ExitCode::from(2)
}

fn fail_on_config(f: FailOn) -> sscheck::config::FailOn {
    match f {
        FailOn::Error => sscheck::config::FailOn::Error,
        FailOn::Warning => sscheck::config::FailOn::Warning,
        FailOn::Never => sscheck::config::FailOn::Never,
    }
}

fn gate(f: sscheck::config::FailOn) -> Option<Severity> {
    match f {
        sscheck::config::FailOn::Error => Some(Severity::Error),
        sscheck::config::FailOn::Warning => Some(Severity::Warning),
        sscheck::config::FailOn::Never => None,
    }
}

fn skipped_text(problem: &str) -> sscheck::i18n::Text {
    t!("已跳过：{p}", "skipped: {p}", p = problem)
}

/// `--output` values, each `FORMAT=PATH` or a PATH in `--format`; none means `--format`
/// to standard output (the path `-`).
fn outputs(out: &OutputArgs, lang: Lang) -> Result<Vec<(AuditFormat, PathBuf)>, ExitCode> {
    if out.output.is_empty() {
        return Ok(vec![(out.format, PathBuf::from("-"))]);
    }
    let mut list = Vec::new();
    for value in &out.output {
        let parsed = match value.split_once('=') {
            Some((name, path)) => match AuditFormat::from_str(name, true) {
                Ok(f) => Some((f, PathBuf::from(path))),
                Err(_) => None,
            },
            None => Some((out.format, PathBuf::from(value))),
        };
        match parsed {
            Some((f, p)) if !p.as_os_str().is_empty() => list.push((f, p)),
            _ => {
                let names: Vec<&str> = AuditFormat::value_variants()
                    .iter()
                    .map(|f| f.name())
                    .collect();
                let msg = t!(
                    "sscheck: --output `{v}` 无效：应为 格式=路径，格式为 {names} 之一",
                    "sscheck: --output `{v}` is invalid: write FORMAT=PATH, FORMAT one of {names}",
                    v = value,
                    names = names.join(", ")
                );
                eprintln!("{}", msg.get(lang));
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(list)
}

fn load_baseline(out: &OutputArgs, lang: Lang) -> Result<Option<Baseline>, ExitCode> {
    let Some(path) = &out.baseline else {
        return Ok(None);
    };
    Baseline::load(path).map(Some).map_err(|e| {
        let msg = t!(
            "sscheck: 无法读取基线报告 {path}：{e}（应为 sscheck audit --output json=… 写出的报告）",
            "sscheck: cannot read the baseline report {path}: {e} (it should be a report written by sscheck audit --output json=…)",
            path = path.display(),
            e = e
        );
        eprintln!("{}", msg.get(lang));
        ExitCode::from(2)
    })
}

fn set_jobs(jobs: Option<usize>, lang: Lang) -> Result<(), ExitCode> {
    if let Some(j) = jobs {
        if j == 0 {
            let msg = t!(
                "sscheck: --jobs 至少为 1",
                "sscheck: --jobs must be at least 1"
            );
            eprintln!("{}", msg.get(lang));
            return Err(ExitCode::from(2));
        }
        // Only fails when a global pool exists already; then that pool is used.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j)
            .build_global();
    }
    Ok(())
}

/// A progress bar on standard error when it is a terminal; a hidden one otherwise.
fn progress_bar(len: u64, wanted: bool) -> indicatif::ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Write every report asked for; exit 1 when the gate fails, 2 when a report cannot be
/// written.
fn emit(
    standard: &Standard,
    audit: &audit::Audit,
    outputs: &[(AuditFormat, PathBuf)],
    out: &OutputArgs,
) -> ExitCode {
    let lang = audit.lang;
    for (format, path) in outputs {
        let to_stdout = path == Path::new("-");
        let color = *format == AuditFormat::Human
            && super::check::use_color(out.color, to_stdout && std::io::stdout().is_terminal());
        let render = AuditRender {
            color,
            verbose: out.verbose,
        };
        let result = if to_stdout {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            sscheck::report::audit::write(*format, standard, audit, render, &mut w)
                .and_then(|_| w.flush())
        } else {
            std::fs::File::create(path).and_then(|f| {
                let mut w = std::io::BufWriter::new(f);
                sscheck::report::audit::write(*format, standard, audit, render, &mut w)?;
                w.flush()
            })
        };
        if let Err(e) = result {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                continue;
            }
            let msg = t!(
                "sscheck: 无法写出 {format} 报告到 {path}：{e}",
                "sscheck: cannot write the {format} report to {path}: {e}",
                format = format.name(),
                path = path.display(),
                e = e
            );
            eprintln!("{}", msg.get(lang));
            return ExitCode::from(2);
        }
    }
    if audit.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
