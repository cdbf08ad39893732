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
    /// Submission folders (each holds center.yaml, metrics/, docs/).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    standard: StandardArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit 1 when an unwaived finding at or above this severity exists.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
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
    /// Most findings listed per submission; the rest are counted.
    #[arg(long, value_name = "N", default_value_t = engine::DEFAULT_MAX_FINDINGS)]
    max_findings: usize,
    /// The date waiver expiry is judged against (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
    /// Colour the human output (default: when standard output is a terminal and NO_COLOR is unset).
    #[arg(long)]
    color: bool,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let lang = super::lang(args.lang);
    let standard = match args.standard.load(lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
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
    let opts = CheckOptions {
        read: ReadOptions {
            max_file_bytes: args.max_file_size,
            decode_gbk: args.decode_gbk,
        },
        use_waivers: !args.no_waivers,
        today: args.today.unwrap_or_else(|| jiff::Zoned::now().date()),
        max_findings: args.max_findings,
        keep_sources: args.format == Format::Human,
        show_fingerprints: args.show_fingerprints,
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
    let color = args.color
        || (args.output.is_none()
            && args.format == Format::Human
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none());
    let gate = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
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
    let mut stream = report::Stream::new(args.format, &standard, lang, color);
    let mut failed = false;
    let mut written = sink.write_all(stream.begin().as_bytes());
    for chunk in args.paths.chunks(CHUNK) {
        let reports = engine::check_all(&standard, chunk, &opts);
        failed |= gate.is_some_and(|level| reports.iter().any(|r| r.failing(level) > 0));
        if written.is_ok() {
            written = sink.write_all(stream.chunk(&reports).as_bytes());
        }
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

/// Submissions checked (in parallel) and written per step of a bulk run.
const CHUNK: usize = 256;
