//! `sscheck-corpus`: synthetic, realistic submission corpora for testing and benchmarking
//! sscheck.
//!
//! [`generate`] writes one submission folder per center (center.yaml, metrics/YEAR.yaml,
//! five Markdown documents) and `manifest.json`, which lists every defect injected, what
//! the checker should report for it, and the catalogues the data follows. Each center is
//! a pure function of (seed, index): the same [`Options`] give byte-identical output
//! whatever the number of threads. See `corpus/README.md` for the manifest format.
//!
//! ```no_run
//! let opts = sscheck_corpus::Options { centers: 300, seed: 2, ..Default::default() };
//! let manifest = sscheck_corpus::generate(&opts, std::path::Path::new("/tmp/corpus"))?;
//! assert_eq!(manifest.centers.len(), 300);
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod catalog;
mod center;
mod docs;
mod rng;
mod template;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use catalog::*;
use center::{
    doc_files, fmt_metric, metric_comment, metric_series, plan, profile, Planned, Profile, Run,
    Year,
};
use docs::DocChanges;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// Number of centers (submission folders).
    pub centers: usize,
    /// Same seed, same bytes.
    pub seed: u64,
    /// Metric years ending with the reporting year 2024.
    pub years: u32,
    /// Share of centers with 1–3 defects.
    pub defect_rate: f64,
    /// Share of centers with a near-copy of another center's document.
    pub copy_rate: f64,
    /// Share of centers that are cohort outliers (low, but above the baseline's floor).
    pub outlier_rate: f64,
    /// Give half of the otherwise clean centers a realistic variant the baseline
    /// currently rejects (recorded under `variants` with `"rejected": true`).
    pub rejected_variants: bool,
    /// Replace `out_dir` when it holds an earlier corpus (a `manifest.json`).
    pub force: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            centers: 100,
            seed: 1,
            years: 5,
            defect_rate: 0.3,
            copy_rate: 0.05,
            outlier_rate: 0.02,
            rejected_variants: false,
            force: false,
        }
    }
}

/// `manifest.json`.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Manifest {
    pub generator: String,
    pub version: u32,
    pub args: Value,
    pub reporting_year: i32,
    pub years: Vec<i32>,
    pub totals: Totals,
    pub thresholds: Value,
    pub regions: Value,
    pub metric_catalogue: Value,
    pub doc_catalogue: Value,
    pub catalog_table_columns: Vec<String>,
    pub catalog_table_aliases: Value,
    pub defect_kinds: Value,
    /// `[source center, copying center, document type]`.
    pub duplicate_pairs: Vec<[String; 3]>,
    /// `[center, metric]`.
    pub cohort_outliers: Vec<[String; 2]>,
    pub centers: Vec<CenterEntry>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Totals {
    pub centers: usize,
    pub files_excluding_manifest: usize,
    pub bytes_excluding_manifest: u64,
    pub defective_centers: usize,
    pub defects_by_kind: BTreeMap<String, usize>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct CenterEntry {
    /// The folder name, and center.id unless a defect changed it.
    pub id: String,
    pub name: String,
    pub level: String,
    pub province: String,
    pub region: String,
    pub operation_model: String,
    pub style: Value,
    pub defects: Vec<Defect>,
    pub variants: Vec<Variant>,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Defect {
    pub kind: String,
    /// `metric`, `value`, `threshold`, `heading`, `column`, `stated_value`, `source` …
    #[serde(flatten)]
    pub details: Map<String, Value>,
    /// The file the defect is in, relative to the submission folder.
    pub file: String,
    /// Check kinds that should report it (`input` = a file-level diagnostic).
    pub expect: Vec<String>,
}

/// Valid variation worth knowing about: line ends, byte-order marks, revision dates the
/// baseline does not read, and (with `rejected_variants`) variants it rejects.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Variant {
    pub variant: String,
    pub file: String,
    /// A human auditor accepts it, the baseline currently reports an error for it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rejected: bool,
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// Write the corpus into `out_dir` and return its manifest (also written as
/// `out_dir/manifest.json`).
pub fn generate(opts: &Options, out_dir: &Path) -> io::Result<Manifest> {
    if opts.centers == 0 || opts.years == 0 || opts.years > 30 {
        return Err(invalid("need --centers >= 1 and 1 <= --years <= 30".into()));
    }
    for (name, v) in [
        ("--defect-rate", opts.defect_rate),
        ("--copy-rate", opts.copy_rate),
        ("--outlier-rate", opts.outlier_rate),
    ] {
        if !(0.0..=1.0).contains(&v) {
            return Err(invalid(format!("{name} must be within [0, 1], got {v}")));
        }
    }
    if out_dir.exists() && std::fs::read_dir(out_dir)?.next().is_some() {
        if opts.force && out_dir.join("manifest.json").is_file() {
            std::fs::remove_dir_all(out_dir)?;
        } else {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} is not empty (--force replaces an earlier corpus, a folder that holds manifest.json)",
                    out_dir.display()
                ),
            ));
        }
    }
    std::fs::create_dir_all(out_dir)?;
    let run = Run::new(opts);
    let results: Vec<(CenterEntry, usize, u64)> = (0..opts.centers)
        .into_par_iter()
        .map(|i| gen_center(&run, i, out_dir))
        .collect::<io::Result<_>>()?;
    let manifest = build_manifest(opts, &run, results);
    let file = std::fs::File::create(out_dir.join("manifest.json"))?;
    let mut w = io::BufWriter::new(file);
    serde_json::to_writer_pretty(&mut w, &manifest)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(manifest)
}

fn build_manifest(opts: &Options, run: &Run, results: Vec<(CenterEntry, usize, u64)>) -> Manifest {
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut files = 0;
    let mut bytes = 0;
    let mut centers = Vec::with_capacity(results.len());
    for (entry, f, b) in results {
        files += f;
        bytes += b;
        for d in &entry.defects {
            *by_kind.entry(d.kind.clone()).or_default() += 1;
        }
        centers.push(entry);
    }
    let duplicate_pairs = centers
        .iter()
        .flat_map(|c| {
            c.defects
                .iter()
                .filter(|d| d.kind == "copied_document")
                .map(|d| {
                    [
                        d.details["source"].as_str().unwrap_or_default().to_string(),
                        c.id.clone(),
                        d.details["doc"].as_str().unwrap_or_default().to_string(),
                    ]
                })
        })
        .collect();
    let cohort_outliers = centers
        .iter()
        .flat_map(|c| {
            c.defects
                .iter()
                .filter(|d| d.kind == "cohort_outlier")
                .map(|d| {
                    [
                        c.id.clone(),
                        d.details["metric"].as_str().unwrap_or_default().to_string(),
                    ]
                })
        })
        .collect();
    let mut regions = Map::new();
    for p in PROVINCES {
        regions.insert(p.short.into(), p.region.into());
    }
    let mut metric_catalogue = Map::new();
    for m in &METRICS {
        let kind = match m.kind {
            MetricKind::Int => "int",
            MetricKind::Number | MetricKind::Money => "number",
            MetricKind::Percent => "percent",
            MetricKind::Bool => "bool",
        };
        metric_catalogue.insert(
            m.id.into(),
            json!({"zh": m.zh, "unit": m.unit, "type": kind}),
        );
    }
    let mut doc_catalogue = Map::new();
    for t in DOC_TYPES {
        let secs: Vec<Value> = sections(t)
            .iter()
            .map(|s| {
                json!({"id": s.id, "heading": s.heading, "aliases": s.aliases,
                       "required": s.required, "subsections": s.subsections})
            })
            .collect();
        doc_catalogue.insert(t.into(), json!({"title": doc_title(t), "sections": secs}));
    }
    let mut aliases = Map::new();
    for c in TABLE_COLUMNS {
        if !table_aliases(c).is_empty() {
            aliases.insert(c.into(), json!(table_aliases(c)));
        }
    }
    let mut kinds = Map::new();
    for k in DEFECT_KINDS {
        kinds.insert(k.name.into(), json!({"expect": k.expect, "note": k.note}));
    }
    let factors = |f: fn(&str) -> f64, keys: &[&str]| -> Value {
        let mut m = Map::new();
        for k in keys {
            m.insert((*k).into(), json!(f(k)));
        }
        Value::Object(m)
    };
    Manifest {
        generator: "sscheck-corpus".into(),
        version: 1,
        args: json!({
            "centers": opts.centers, "seed": opts.seed, "years": opts.years,
            "defect_rate": opts.defect_rate, "copy_rate": opts.copy_rate,
            "outlier_rate": opts.outlier_rate, "rejected_variants": opts.rejected_variants,
        }),
        reporting_year: REPORT_YEAR,
        years: run.years.clone(),
        totals: Totals {
            centers: opts.centers,
            files_excluding_manifest: files,
            bytes_excluding_manifest: bytes,
            defective_centers: centers.iter().filter(|c| !c.defects.is_empty()).count(),
            defects_by_kind: by_kind,
        },
        thresholds: json!({
            "enterprises_served_floor": "600 * level_factor * region_factor (EVA-004)",
            "tech_contract_turnover_floor": "3000 * level_factor * region_factor, 万元 (EVA-005)",
            "level_factor": factors(level_factor, &LEVELS),
            "region_factor": factors(region_factor, &["east", "central", "northeast", "west"]),
            "satisfaction_rate_min": SATISFACTION_MIN,
            "avg_response_days_max": RESPONSE_DAYS_MAX,
            "fiscal_share_max": FISCAL_SHARE_MAX,
            "staff_total_min": STAFF_MIN,
            "full_time_brokers_min": 1,
            "services_delivered_vs_enterprises_served": ">=",
            "revision_date_fresh_since": FRESH_SINCE,
            "clean_volume_values": "at least 1.2 x the cohort floor every year",
            "prose_tolerance": "clean prose states the metric as written (rounding only); mismatches differ by > 10 % or > 3 points",
        }),
        regions: Value::Object(regions),
        metric_catalogue: Value::Object(metric_catalogue),
        doc_catalogue: Value::Object(doc_catalogue),
        catalog_table_columns: TABLE_COLUMNS.iter().map(|s| s.to_string()).collect(),
        catalog_table_aliases: Value::Object(aliases),
        defect_kinds: Value::Object(kinds),
        duplicate_pairs,
        cohort_outliers,
        centers,
    }
}

fn put(m: &mut Map<String, Value>, k: &str, v: impl Into<Value>) {
    m.insert(k.into(), v.into());
}

fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn file_path(key: &str, files: &[(&'static str, String)]) -> String {
    if key == "center" {
        "center.yaml".into()
    } else if let Some(y) = key.strip_prefix("metrics:") {
        format!("metrics/{y}.yaml")
    } else {
        let doc = key.trim_start_matches("doc:");
        files
            .iter()
            .find(|(t, _)| *t == doc)
            .map(|(_, f)| f.clone())
            .unwrap_or_default()
    }
}

const REJECTED: [&str; 5] = [
    "year_before_term",
    "from_to",
    "sub_population",
    "reworded_heading",
    "plain_numbered_headings",
];

/// Generate and write one center; returns its manifest entry, files and bytes written.
fn gen_center(run: &Run, i: usize, out_dir: &Path) -> io::Result<(CenterEntry, usize, u64)> {
    let p = profile(run, i);
    let mut files = doc_files(&p);
    let planned = plan(run, i);
    let mut r = run.rng(i, "inject");
    let mut series = metric_series(run, &p);
    let mut details: Vec<Map<String, Value>> = planned.iter().map(|_| Map::new()).collect();
    apply_metric_defects(&p, &mut series, &planned, &mut details, &mut r);
    for d in planned.iter().filter(|d| d.kind == "binary_document") {
        if let Some(f) = files.iter_mut().find(|(t, _)| Some(*t) == d.doc) {
            f.1 = format!("{}.docx", f.1.trim_end_matches(".md"));
        }
    }
    let mut variants: Vec<Variant> = Vec::new();
    // A realistic variant the baseline rejects, for the trust work (off by default).
    let rejected =
        (run.rejected_variants && planned.is_empty() && r.chance(0.5)).then(|| *r.pick(&REJECTED));
    let rejected_doc = match rejected {
        Some("reworded_heading") => Some("complaint_handling"),
        Some("plain_numbered_headings") => Some(*r.pick(&DOC_TYPES)),
        Some(_) => Some("self_evaluation"),
        None => None,
    };

    let mut contents: Vec<(String, Option<Vec<u8>>)> = Vec::new();
    contents.push((
        "center.yaml".into(),
        Some(center_yaml(&p, &files, &planned, &mut details, &mut r).into_bytes()),
    ));
    for (y, vals) in &series {
        let text = metric_yaml(&p, *y, vals, &planned, &mut details, &mut r);
        contents.push((format!("metrics/{y}.yaml"), Some(text.into_bytes())));
    }
    for doc in DOC_TYPES {
        let path = file_path(&format!("doc:{doc}"), &files);
        let mine: Vec<usize> = (0..planned.len())
            .filter(|k| planned[*k].doc == Some(doc))
            .collect();
        if let Some(&k) = mine.iter().find(|k| planned[**k].kind == "copied_document") {
            if let Some(j) = copy_source(run, i, doc, planned[k].x) {
                let sp = profile(run, j);
                let ss = metric_series(run, &sp);
                let src = docs::render(run, &sp, doc, &ss, &DocChanges::default());
                let line = docs::own_date_line(&mut r, &p, doc);
                let text = docs::make_copy(&sp, &src, &p, &line, &mut r);
                put(&mut details[k], "doc", doc);
                put(&mut details[k], "source", sp.id.clone());
                put(
                    &mut details[k],
                    "source_file",
                    file_path(&format!("doc:{doc}"), &doc_files(&sp)),
                );
                contents.push((path, Some(text.into_bytes())));
                continue;
            }
            put(&mut details[k], "dropped", "no source without defects");
        }
        let mut ch = DocChanges::default();
        for &k in &mine {
            let d = &planned[k];
            match d.kind {
                "stale_revision" => ch.stale = true,
                "missing_heading" => ch.drop_heading = d.heading,
                "missing_table_column" => ch.drop_column = d.column,
                "prose_mismatch" => ch.mismatch = d.metric,
                "placeholder_text" => ch.placeholder = d.detail,
                "time_limit_vague" => ch.vague_heading = d.heading,
                "problems_glossed_over" => ch.gloss_problems = true,
                _ => {}
            }
        }
        if rejected_doc == Some(doc) {
            ch.rejected = rejected;
            variants.push(Variant {
                variant: rejected.unwrap_or_default().into(),
                file: path.clone(),
                rejected: true,
            });
        }
        let out = docs::render(run, &p, doc, &series, &ch);
        for &k in &mine {
            let d = &planned[k];
            let m = &mut details[k];
            put(m, "doc", doc);
            match d.kind {
                "stale_revision" => put(m, "value", out.revision_date.clone()),
                "missing_heading" | "time_limit_vague" | "problems_glossed_over" => {
                    put(m, "heading", d.heading.unwrap_or_default())
                }
                "missing_table_column" => put(m, "column", d.column.unwrap_or_default()),
                "placeholder_text" => put(m, "value", d.detail.unwrap_or_default()),
                "prose_mismatch" => {
                    put(m, "metric", d.metric.unwrap_or_default());
                    if let Some((stated, metric)) = out.stated {
                        put(m, "stated_value", num(stated));
                        put(m, "metric_value", num(metric));
                    }
                }
                "missing_document" => put(m, "detail", d.detail.unwrap_or_default()),
                _ => {}
            }
        }
        if !p.date_style.parsed() && !ch.stale {
            variants.push(Variant {
                variant: format!("revision_date_{}", p.date_style.name()),
                file: path.clone(),
                rejected: false,
            });
        }
        contents.push((path, Some(out.text.into_bytes())));
    }
    // File-level defects.
    for (k, d) in planned.iter().enumerate() {
        let path = file_path(&d.file, &files);
        let Some(slot) = contents.iter_mut().find(|(f, _)| *f == path) else {
            continue;
        };
        match d.kind {
            "missing_document" => slot.1 = None,
            "empty_document" => {
                slot.1 = Some(r.pick(&["", "\n", "   \n\n"]).as_bytes().to_vec());
            }
            "gbk_document" => {
                let text = String::from_utf8(slot.1.take().unwrap_or_default()).unwrap_or_default();
                slot.1 = Some(encoding_rs::GBK.encode(&text).0.into_owned());
            }
            "binary_document" => slot.1 = Some(fake_docx(&mut r)),
            "bad_yaml_indent" => {
                let text = String::from_utf8(slot.1.take().unwrap_or_default()).unwrap_or_default();
                slot.1 = Some(break_yaml(&text, &mut r).into_bytes());
            }
            _ => {}
        }
        let _ = k;
    }
    // Valid variation: Windows line ends, byte-order marks.
    let destroyed: Vec<String> = planned
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                "missing_document" | "empty_document" | "gbk_document" | "binary_document"
            )
        })
        .map(|d| file_path(&d.file, &files))
        .collect();
    let bom_doc = *r.pick(&DOC_TYPES);
    for (path, data) in contents.iter_mut() {
        let Some(bytes) = data.as_mut() else { continue };
        if destroyed.contains(path) {
            continue;
        }
        let is_doc = path.starts_with("docs/");
        if p.crlf == 2 || (p.crlf == 1 && is_doc) {
            let text = String::from_utf8_lossy(bytes).replace('\n', "\r\n");
            *bytes = text.into_bytes();
            variants.push(Variant {
                variant: "crlf".into(),
                file: path.clone(),
                rejected: false,
            });
        }
        let bom_here = match p.bom {
            1 => *path == file_path(&format!("doc:{bom_doc}"), &files),
            2 => path == "center.yaml",
            _ => false,
        };
        if bom_here {
            bytes.splice(0..0, [0xef, 0xbb, 0xbf]);
            variants.push(Variant {
                variant: "bom".into(),
                file: path.clone(),
                rejected: false,
            });
        }
    }
    // Write.
    let root = out_dir.join(&p.id);
    std::fs::create_dir_all(root.join("metrics"))?;
    std::fs::create_dir_all(root.join("docs"))?;
    let (mut nfiles, mut nbytes) = (0usize, 0u64);
    for (path, data) in &contents {
        let Some(bytes) = data else { continue };
        std::fs::write(root.join(path), bytes)?;
        nfiles += 1;
        nbytes += bytes.len() as u64;
    }
    let defects = planned
        .iter()
        .zip(details)
        .filter(|(_, m)| !m.contains_key("dropped"))
        .map(|(d, details)| Defect {
            kind: d.kind.into(),
            details,
            file: file_path(&d.file, &files),
            expect: defect_kind(d.kind)
                .expect
                .iter()
                .map(|s| s.to_string())
                .collect(),
        })
        .collect();
    let entry = CenterEntry {
        id: p.id.clone(),
        name: p.name.clone(),
        level: p.level.into(),
        province: p.province.short.into(),
        region: p.region.into(),
        operation_model: p.operation_model.into(),
        style: p.style_json(),
        defects,
        variants,
    };
    Ok((entry, nfiles, nbytes))
}

/// A center `j != i` whose document `doc` is clean, to copy from.
fn copy_source(run: &Run, i: usize, doc: &str, x: f64) -> Option<usize> {
    let n = run.centers;
    let start = (x * n as f64) as usize;
    let key = format!("doc:{doc}");
    (0..n.min(200))
        .map(|step| (start + step * 7 + 1) % n)
        .filter(|j| *j != i)
        .find(|j| {
            plan(run, *j)
                .iter()
                .all(|d| d.file != key && d.file != "center" && d.doc != Some(doc))
        })
}

fn apply_metric_defects(
    p: &Profile,
    series: &mut [(i32, Year)],
    planned: &[Planned],
    details: &mut [Map<String, Value>],
    r: &mut Rng,
) {
    let last = series.len() - 1;
    let ix = metric_index;
    for (d, m) in planned.iter().zip(details.iter_mut()) {
        let cur = &mut series[last].1;
        match d.kind {
            "metric_below_threshold" => {
                let met = d.metric.unwrap_or_default();
                let (v, threshold) = match met {
                    "enterprises_served" | "tech_contract_turnover" => {
                        let fl = cohort_floor(met, p.level, p.region);
                        (
                            (fl * r.uniform(0.15, 0.6)).round().max(1.0),
                            format!(">= {}", fl.round()),
                        )
                    }
                    "satisfaction_rate" => (
                        (r.uniform(0.55, 0.8) * 1000.0).round() / 1000.0,
                        format!(">= {SATISFACTION_MIN}"),
                    ),
                    _ => (
                        (r.uniform(7.0, 20.0) * 10.0).round() / 10.0,
                        format!("<= {RESPONSE_DAYS_MAX}"),
                    ),
                };
                cur[ix(met)] = v;
                if met == "enterprises_served" {
                    // keep services_delivered >= enterprises_served true
                    cur[ix("services_delivered")] = cur[ix("services_delivered")].max(v);
                }
                put(m, "metric", met);
                put(m, "value", num(v));
                put(m, "threshold", threshold);
            }
            "fiscal_share_high" | "fiscal_exceeds_total" => {
                let share = if d.kind == "fiscal_share_high" {
                    r.uniform(0.63, 0.92)
                } else {
                    r.uniform(1.05, 1.6)
                };
                let total = cur[ix("revenue_total")];
                cur[ix("revenue_fiscal")] = (total * share).round();
                put(m, "metric", "revenue_fiscal");
                if d.kind == "fiscal_share_high" {
                    let s = cur[ix("revenue_fiscal")] / total;
                    put(m, "value", (s * 1000.0).round() / 1000.0);
                    put(m, "threshold", format!("<= {FISCAL_SHARE_MAX}"));
                } else {
                    put(
                        m,
                        "value",
                        json!({"revenue_total": num(total), "revenue_fiscal": num(cur[ix("revenue_fiscal")])}),
                    );
                    put(m, "threshold", "revenue_fiscal <= revenue_total");
                }
            }
            "understaffed_no_brokers" => {
                cur[ix("staff_total")] = r.int(2, 4) as f64;
                cur[ix("full_time_brokers")] = 0.0;
                put(m, "metric", "staff_total");
                put(
                    m,
                    "value",
                    json!({"staff_total": num(cur[ix("staff_total")]), "full_time_brokers": 0}),
                );
            }
            "services_below_enterprises" => {
                let e = cur[ix("enterprises_served")];
                cur[ix("services_delivered")] = (e * r.uniform(0.4, 0.9)).round();
                put(m, "metric", "services_delivered");
                put(
                    m,
                    "value",
                    json!({"services_delivered": num(cur[ix("services_delivered")]), "enterprises_served": num(e)}),
                );
            }
            "trend_decline" => {
                let met = d.metric.unwrap_or_default();
                let fl = cohort_floor(met, p.level, p.region);
                let mut vals = vec![cur[ix(met)].max((fl * 1.4).ceil())];
                for q in [
                    r.uniform(0.6, 0.72),
                    r.uniform(0.8, 0.9),
                    r.uniform(0.85, 0.93),
                ] {
                    let prev = *vals.last().unwrap_or(&1.0);
                    vals.push((prev / q).round());
                }
                let mut shown = Map::new();
                for (j, v) in vals.iter().enumerate().rev() {
                    series[last - j].1[ix(met)] = *v;
                    put(&mut shown, &(REPORT_YEAR - j as i32).to_string(), num(*v));
                }
                if met == "enterprises_served" {
                    let cur = &mut series[last].1;
                    cur[ix("services_delivered")] =
                        cur[ix("services_delivered")].max(cur[ix("enterprises_served")]);
                }
                put(m, "metric", met);
                put(m, "values", Value::Object(shown));
                put(
                    m,
                    "last_drop_pct",
                    ((1000.0 * (1.0 - vals[0] / vals[1])).round()) / 10.0,
                );
            }
            "consecutive_shortfall" => {
                let met = d.metric.unwrap_or_default();
                let mut shown = Map::new();
                for j in (0..3).rev() {
                    let v = if met == "satisfaction_rate" {
                        (r.uniform(0.70, 0.84) * 1000.0).round() / 1000.0
                    } else {
                        (r.uniform(5.5, 9.0) * 10.0).round() / 10.0
                    };
                    series[last - j].1[ix(met)] = v;
                    put(&mut shown, &(REPORT_YEAR - j as i32).to_string(), num(v));
                }
                put(m, "metric", met);
                put(m, "values", Value::Object(shown));
                put(
                    m,
                    "threshold",
                    if met == "satisfaction_rate" {
                        format!(">= {SATISFACTION_MIN}")
                    } else {
                        format!("<= {RESPONSE_DAYS_MAX}")
                    },
                );
            }
            "no_service_three_years" => {
                for j in 0..3 {
                    let v = &mut series[last - j].1;
                    for met in [
                        "services_delivered",
                        "tech_contract_turnover",
                        "training_participants",
                    ] {
                        v[ix(met)] = 0.0;
                    }
                    v[ix("enterprises_served")] = 0.0;
                }
                put(
                    m,
                    "metrics",
                    json!([
                        "services_delivered",
                        "tech_contract_turnover",
                        "training_participants"
                    ]),
                );
                put(
                    m,
                    "years",
                    json!([REPORT_YEAR - 2, REPORT_YEAR - 1, REPORT_YEAR]),
                );
            }
            "cohort_outlier" => {
                let fl = cohort_floor("enterprises_served", p.level, p.region);
                let mut shown = Map::new();
                for j in (0..3).rev() {
                    let v = (fl * r.uniform(1.02, 1.12)).ceil();
                    series[last - j].1[ix("enterprises_served")] = v;
                    put(&mut shown, &(REPORT_YEAR - j as i32).to_string(), num(v));
                }
                put(m, "metric", "enterprises_served");
                put(m, "values", Value::Object(shown));
                put(m, "floor", num(fl.round()));
                put(m, "cohort", format!("{}/{}", p.region, p.level));
                put(m, "clean_minimum", "1.2 x floor");
            }
            _ => {}
        }
    }
}

use crate::rng::Rng;

fn center_yaml(
    p: &Profile,
    files: &[(&'static str, String)],
    planned: &[Planned],
    details: &mut [Map<String, Value>],
    r: &mut Rng,
) -> String {
    let mut fields: Vec<(&str, String)> = vec![
        ("id", p.id.clone()),
        ("name", p.name.clone()),
        ("level", p.level.into()),
        ("province", p.province_written.into()),
        ("operation_model", p.operation_model.into()),
        ("established", p.established.to_string()),
    ];
    for (d, m) in planned.iter().zip(details.iter_mut()) {
        let field = d.field.unwrap_or_default();
        match d.kind {
            "missing_field" => {
                fields.retain(|(k, _)| *k != field);
                put(m, "field", field);
            }
            "invalid_enum" => {
                // Never an alias sscheck accepts (区县级, 政府主导, `County`).
                let bad = if field == "level" {
                    *r.pick(&["乡镇级", "city", "district", "town"])
                } else {
                    *r.pick(&["mixed", "公益型", "private", "semi-market"])
                };
                for f in fields.iter_mut().filter(|(k, _)| *k == field) {
                    f.1 = bad.into();
                }
                put(m, "field", field);
                put(m, "value", bad);
            }
            "bad_center_id" => {
                let bad = match r.below(3) {
                    0 => format!("{}生产力中心", p.city_full),
                    1 => p.id.to_lowercase(),
                    _ => p.id.replace('-', "_"),
                };
                fields[0].1 = bad.clone();
                put(m, "field", "id");
                put(m, "value", bad);
            }
            _ => {}
        }
    }
    let mut lines = vec!["center:".to_string()];
    for (k, v) in &fields {
        let mut line = format!("  {k}: {v}");
        if p.yaml_comments {
            let c = match *k {
                "level" => Some("# national | provincial | municipal | county"),
                "operation_model" => Some("# government | market | hybrid"),
                _ => None,
            };
            if let Some(c) = c {
                line = format!("{line:<32} {c}");
            }
        }
        lines.push(line);
    }
    let year_line = format!("reporting_year: {REPORT_YEAR}");
    lines.push(year_line);
    lines.push("documents:".into());
    for (t, path) in files {
        let skip = planned.iter().any(|d| {
            d.kind == "missing_document"
                && d.doc == Some(*t)
                && d.detail == Some("index_entry_absent")
        });
        if !skip {
            lines.push(format!("  {t}: {path}"));
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn metric_yaml(
    p: &Profile,
    year: i32,
    vals: &Year,
    planned: &[Planned],
    details: &mut [Map<String, Value>],
    r: &mut Rng,
) -> String {
    let key = format!("metrics:{year}");
    let mut order: Vec<usize> = (0..METRICS.len()).collect();
    if p.shuffle_keys {
        r.shuffle(&mut order);
    }
    let mut year_written = year;
    let mut over: Vec<(usize, String)> = Vec::new();
    let mut extra_after: Option<(usize, String)> = None;
    let mut dup: Option<usize> = None;
    for (d, m) in planned.iter().zip(details.iter_mut()) {
        if d.file != key {
            continue;
        }
        match d.kind {
            "wrong_type" => {
                let met = d.metric.unwrap_or_default();
                let v = match met {
                    "enterprises_served" => *r.pick(&["很多", "一千余家", "'1,250家'"]),
                    "staff_total" => *r.pick(&["四十二", "\"42人\"", "[42]"]),
                    "tech_contract_turnover" => {
                        *r.pick(&["\"约5亿元\"", "48700元", "{value: 48700}"])
                    }
                    _ => *r.pick(&["很高", "\"满意\"", "九成以上"]),
                };
                over.push((metric_index(met), v.to_string()));
                put(m, "metric", met);
                put(m, "value", v);
            }
            "out_of_range" => {
                let met = d.metric.unwrap_or_default();
                let v = match met {
                    "enterprises_served" | "training_participants" => {
                        format!("-{}", vals[metric_index(met)] as i64)
                    }
                    "satisfaction_rate" => format!("{:.0}%", vals[metric_index(met)] * 1000.0),
                    _ => format!("{}", 1.0 + vals[metric_index(met)]),
                };
                over.push((metric_index(met), v.clone()));
                put(m, "metric", met);
                put(m, "value", v);
            }
            "unknown_metric" => {
                let bad = *r.pick(&[
                    "enterprise_served",
                    "patents_brokered",
                    "satisfication_rate",
                    "staff_totle",
                ]);
                let v = match bad {
                    "enterprise_served" => (vals[0] as i64).to_string(),
                    "satisfication_rate" => "0.9".to_string(),
                    _ => r.int(3, 60).to_string(),
                };
                extra_after = Some((0, format!("{bad}: {v}")));
                put(m, "value", bad);
            }
            "duplicate_key" => {
                let met = d.metric.unwrap_or_default();
                dup = Some(metric_index(met));
                put(m, "metric", met);
            }
            "year_mismatch" => {
                year_written = year + 1;
                put(m, "value", year_written);
            }
            _ => {}
        }
    }
    let mut lines = vec![format!("year: {year_written}")];
    let line_of = |mi: usize, r: &mut Rng| -> String {
        let m = &METRICS[mi];
        let s = over
            .iter()
            .find(|(k, _)| *k == mi)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| fmt_metric(p, m, vals[mi], r));
        let line = format!("{}: {s}", m.id);
        if p.yaml_comments {
            format!("{line:<33} # {}", metric_comment(m))
        } else {
            line
        }
    };
    for &mi in &order {
        lines.push(line_of(mi, r));
        if let Some((after, extra)) = &extra_after {
            if *after == mi {
                lines.push(extra.clone());
            }
        }
    }
    if let Some(mi) = dup {
        let at = 2 + r.below(lines.len() - 1);
        let line = line_of(mi, r);
        lines.insert(at.min(lines.len()), line);
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// Make a YAML file unparseable the way hand edits do: one line indented too far.
fn break_yaml(text: &str, r: &mut Rng) -> String {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let nested: Vec<usize> = (2..lines.len())
        .filter(|j| lines[*j].starts_with("  ") && lines[j - 1].starts_with("  "))
        .filter(|j| !lines[*j].trim().is_empty())
        .collect();
    if text.starts_with("center:") && !nested.is_empty() {
        // "  id: X\n   name: Y": a mapping value where none is allowed
        let j = *r.pick(&nested);
        lines[j].insert(0, ' ');
    } else {
        let cand: Vec<usize> = (2..lines.len())
            .filter(|j| !lines[*j].trim().is_empty())
            .collect();
        let j = *r.pick(&cand);
        lines[j].insert_str(0, "  ");
    }
    lines.join("\n")
}

/// The first bytes of a Word file (a ZIP archive), then noise: what a .docx looks like
/// to a text reader.
fn fake_docx(r: &mut Rng) -> Vec<u8> {
    let mut v = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    v.extend_from_slice(b"[Content_Types].xml");
    let n = 2000 + r.below(6000);
    for _ in 0..n {
        v.push((r.u64() & 0xff) as u8);
    }
    v
}
