//! `sscheck check`: check submission folders.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{LangArg, StandardArgs};
use sscheck::engine::{self, CheckOptions};
use sscheck::finding::Severity;
use sscheck::report::{self, Format};
use sscheck::text::ReadOptions;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Submission folders (each holds center.yaml, metrics/, docs/); default: `.`.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    standard: StandardArgs,
    // --- Output (format, colour, width, quiet, statistics) ---
    /// Output format: human (terminal), json, concise (one line per finding), github
    /// (GitHub Actions annotations) or html (one self-contained page).
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        default_value = "human"
    )]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit 1 when an unwaived finding at or above this severity exists [default: error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Language of messages (default: from LANG; Chinese when unset).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Number of worker threads (default: number of CPUs).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Ignore waivers.yaml: show the unwaived view (for auditors).
    #[arg(long)]
    no_waivers: bool,
    /// Print each finding's fingerprint (for a waiver's `fingerprint:`) in the human output.
    #[arg(long)]
    show_fingerprints: bool,
    /// Decode files that look GBK/GB18030-encoded instead of only reporting them.
    #[arg(long)]
    decode_gbk: bool,
    /// Largest file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = sscheck::text::DEFAULT_MAX_FILE_BYTES)]
    max_file_size: u64,
    /// Most findings listed per submission; the rest are counted [default: 1000].
    #[arg(long, value_name = "N")]
    max_findings: Option<usize>,
    /// The date waiver expiry is judged against (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
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
    /// Print findings only: no summary per submission, no totals.
    #[arg(long, short)]
    quiet: bool,
    /// Print one line per rule instead of the findings: count of unwaived findings, rule
    /// id, title; most frequent first.
    #[arg(long)]
    statistics: bool,
    // --- end of output options ---
    // --- configuration and rule selection (see cli/config.rs) ---
    /// Check only these rules: ids, prefixes (EVA, SUP-00), dimensions (support, 服务保障),
    /// input codes (input/encoding-gbk, input) or `all`; comma-separated, repeatable.
    #[arg(long, value_name = "SELECTORS")]
    select: Vec<String>,
    /// Leave these rules out (same selectors as --select); the most specific selector wins.
    #[arg(long, value_name = "SELECTORS")]
    ignore: Vec<String>,
    /// Use this config file for every folder instead of searching for sscheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every config file (sscheck.toml).
    #[arg(long)]
    isolated: bool,
    // --- end of configuration ---
}

// --- Output: colour and width ---

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Whether to colour: an explicit `always`/`never` wins; under `auto`, FORCE_COLOR (set,
/// not `0`/`false`) forces colour, NO_COLOR (set, non-empty) turns it off, else colour
/// goes only to a terminal.
pub fn use_color(when: ColorWhen, to_terminal: bool) -> bool {
    let set = |var: &str| std::env::var_os(var).is_some_and(|v| !v.is_empty());
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if let Some(force) = std::env::var_os("FORCE_COLOR").filter(|v| !v.is_empty()) {
                let force = force.to_string_lossy().to_ascii_lowercase();
                return force != "0" && force != "false";
            }
            !set("NO_COLOR") && to_terminal
        }
    }
}

/// The width to wrap to: the terminal's when writing to one, else none (files and pipes
/// are never wrapped, so grep finds every date and id whole).
fn wrap_width(to_terminal: bool) -> Option<usize> {
    if !to_terminal {
        return None;
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(w, _)| w.0 as usize)
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|&w| w > 0)
        .or(Some(100))
}

// --- end of output: colour and width ---

pub fn run(args: CheckArgs) -> ExitCode {
    sscheck::checks::prepare_in_background();
    // --- configuration: each folder's settings from sscheck.toml and the flags ---
    let early_lang = super::lang(args.lang);
    let source = match (&args.config, args.isolated) {
        (_, true) => super::config::Source::Isolated,
        (Some(f), false) => super::config::Source::File(f.clone()),
        (None, false) => super::config::Source::Discover,
    };
    let flags = super::config::Flags {
        standard: match args.standard.choice(early_lang) {
            Ok(s) => s,
            Err(code) => return code,
        },
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Error => sscheck::config::FailOn::Error,
            FailOn::Warning => sscheck::config::FailOn::Warning,
            FailOn::Never => sscheck::config::FailOn::Never,
        }),
        lang: args.lang.map(|_| early_lang),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        today: args.today,
        max_findings: args.max_findings,
    };
    let plan = match super::config::plan(&args.paths, &source, &flags) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let lang = plan.lang;
    // --- end of configuration ---
    if let Some(j) = args.jobs {
        if j == 0 {
            eprintln!("sscheck: --jobs must be at least 1");
            return ExitCode::from(2);
        }
        // Only fails when a global pool exists already; then the default pool is used.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j)
            .build_global();
    }
    let base_opts = CheckOptions {
        read: ReadOptions {
            max_file_bytes: args.max_file_size,
            decode_gbk: args.decode_gbk,
        },
        use_waivers: !args.no_waivers,
        today: jiff::Zoned::now().date(),
        max_findings: engine::DEFAULT_MAX_FINDINGS,
        keep_sources: matches!(args.format, Format::Human | Format::Html),
        selection: sscheck::select::Selection::all(),
        show_fingerprints: args.show_fingerprints,
        gather: false,
    };
    for p in &args.paths {
        if !p.is_dir() {
            eprintln!(
                "sscheck: {} is not a folder (a submission is a folder holding center.yaml)",
                p.display()
            );
            return ExitCode::from(2);
        }
    }
    // --- Output options ---
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let render = report::Options {
        lang,
        color: args.format == Format::Human && use_color(args.color, to_terminal),
        width: wrap_width(to_terminal),
        quiet: args.quiet,
        statistics: args.statistics,
    };
    // --- end of output options ---
    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!(
                    "sscheck: cannot write the report to {}: {e}",
                    path.display()
                );
                return ExitCode::from(2);
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    // Check and write a chunk at a time: memory stays flat however many submissions.
    let mut stream = report::Stream::with_options(args.format, &plan.standards[0], render);
    let mut failed = false;
    let mut written = sink.write_all(stream.begin().as_bytes());
    let mut html = (args.format == Format::Html && !args.statistics).then(HtmlPage::default);
    // --- folders in argument order, in runs that share settings (see cli/config.rs) ---
    let mut start = 0;
    while start < args.paths.len() {
        let g = plan.folders[start].0;
        let mut end = start + 1;
        while end < args.paths.len() && end - start < CHUNK && plan.folders[end].0 == g {
            end += 1;
        }
        let group = &plan.groups[g];
        let standard = &plan.standards[group.standard];
        let opts = CheckOptions {
            today: group.today.unwrap_or(base_opts.today),
            max_findings: group.max_findings.unwrap_or(base_opts.max_findings),
            selection: group.selection.clone(),
            ..base_opts.clone()
        };
        let reports = engine::check_all(standard, &args.paths[start..end], &opts);
        for (r, (_, fail_on)) in reports.iter().zip(&plan.folders[start..end]) {
            let gate = match fail_on {
                sscheck::config::FailOn::Error => Some(Severity::Error),
                sscheck::config::FailOn::Warning => Some(Severity::Warning),
                sscheck::config::FailOn::Never => None,
            };
            failed |= gate.is_some_and(|level| r.failing(level) > 0);
        }
        if let Some(page) = html.as_mut() {
            for (r, (_, fail_on)) in reports.into_iter().zip(&plan.folders[start..end]) {
                page.add(standard, r, *fail_on, lang);
            }
            start = end;
            continue;
        }
        stream.set_standard(standard);
        if written.is_ok() {
            written = sink.write_all(stream.chunk(&reports).as_bytes());
        }
        start = end;
    }
    // --- end of runs ---
    if let Some(page) = html {
        written = written.and_then(|_| page.write(&plan.standards[0], lang, &mut sink));
    }
    if written.is_ok() {
        written = sink
            .write_all(stream.finish().as_bytes())
            .and_then(|_| sink.flush());
    }
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("sscheck: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    if failed {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The records of `--format html`, written as one page at the end.
#[derive(Default)]
struct HtmlPage {
    centers: Vec<sscheck::audit::Center>,
    sources: Vec<std::collections::BTreeMap<String, std::sync::Arc<str>>>,
}

impl HtmlPage {
    fn add(
        &mut self,
        standard: &sscheck::standard::Standard,
        mut r: engine::SubmissionReport,
        fail_on: sscheck::config::FailOn,
        lang: sscheck::i18n::Lang,
    ) {
        let gate = match fail_on {
            sscheck::config::FailOn::Error => Some(Severity::Error),
            sscheck::config::FailOn::Warning => Some(Severity::Warning),
            sscheck::config::FailOn::Never => None,
        };
        self.sources.push(std::mem::take(&mut r.sources));
        let path = r.path.display().to_string();
        let mut c = sscheck::audit::Center::from_report(standard, r, path, lang);
        c.settle(standard, gate);
        self.centers.push(c);
    }

    fn write(
        self,
        standard: &sscheck::standard::Standard,
        lang: sscheck::i18n::Lang,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let summary = sscheck::audit::Summary::of(standard, &self.centers, 0, lang);
        let audit = sscheck::audit::Audit::of_centers(&self.centers, summary, lang)?;
        sscheck::report::audit::html::write_centers(standard, &audit, &self.sources, out)
    }
}

/// Submissions checked (in parallel) and written per step of a bulk run.
const CHUNK: usize = 256;
