//! `sscheck-corpus OUT --centers N --seed S`: write a synthetic submission corpus.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Write a synthetic, realistic corpus of center submissions (one folder per center:
/// center.yaml, metrics/YEAR.yaml, five Markdown documents) and OUT/manifest.json, which
/// lists every injected defect and what sscheck should report for it.
///
/// Same arguments, same bytes, whatever the number of threads (RAYON_NUM_THREADS).
/// `--defect-rate 0 --copy-rate 0 --outlier-rate 0` gives an all-clean corpus.
#[derive(Parser, Debug)]
#[command(name = "sscheck-corpus", version)]
struct Args {
    /// Output folder (created; must be empty unless --force)
    out: PathBuf,
    /// Number of centers (submission folders)
    #[arg(long)]
    centers: usize,
    /// Random seed: same seed, same bytes
    #[arg(long)]
    seed: u64,
    /// Metric years ending with the reporting year 2024
    #[arg(long, default_value_t = 5)]
    years: u32,
    /// Share of centers with 1-3 defects
    #[arg(long, default_value_t = 0.3)]
    defect_rate: f64,
    /// Share of centers with a near-copy of another center's document
    #[arg(long, default_value_t = 0.05)]
    copy_rate: f64,
    /// Share of centers that are cohort outliers (low, yet above the baseline's floor)
    #[arg(long, default_value_t = 0.02)]
    outlier_rate: f64,
    /// Give half of the otherwise clean centers a realistic variant the baseline
    /// currently rejects (manifest: variants with "rejected": true)
    #[arg(long)]
    rejected_variants: bool,
    /// Replace OUT if it holds an earlier corpus (a manifest.json)
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let opts = sscheck_corpus::Options {
        centers: a.centers,
        seed: a.seed,
        years: a.years,
        defect_rate: a.defect_rate,
        copy_rate: a.copy_rate,
        outlier_rate: a.outlier_rate,
        rejected_variants: a.rejected_variants,
        force: a.force,
    };
    let start = Instant::now();
    match sscheck_corpus::generate(&opts, &a.out) {
        Ok(m) => {
            eprintln!(
                "{} centers, {} files + manifest.json, {} bytes excluding the manifest; defective centers: {}; {:.2} s",
                m.totals.centers,
                m.totals.files_excluding_manifest,
                m.totals.bytes_excluding_manifest,
                m.totals.defective_centers,
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sscheck-corpus: {e}");
            ExitCode::from(2)
        }
    }
}
