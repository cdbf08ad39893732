//! `cohort` (audit only): a metric, a composite index or the overall score ranks in the
//! bottom P % of its cohort (the centers of the audit with the same region, level, ... as
//! the rule says), optionally N years running; or the relative grade (`grading.relative`)
//! was a given grade or worse N years running.
//!
//! Definitions (also in the schema's descriptions):
//! - A cohort is the centers of the audit sharing the rule's `by` attributes. Each year is
//!   ranked on that year's metrics; a center without a valid value that year is left out
//!   of that year's ranking (other rules already report the missing value).
//! - The bottom P % of a cohort of n centers holds k = ⌊n × P / 100⌋ centers. A center is
//!   in it when the centers at or below its value, itself included, are at most k: a tie
//!   straddling the cut is never flagged.
//! - A percentile rank is 100 × (centers below + half the others tied) / (n − 1): the best
//!   is 100, the worst 0. A composite index is the mean of a center's percentile ranks on
//!   each of its metrics; the index is then ranked like a metric.
//! - A cohort smaller than `min_cohort` (in any year of the run) is `not_applicable`, with
//!   its size.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::cross::{line_location, CrossCtx, Gathered, Peer, Peers, Results};
use super::registry::Kind;
use super::{Ctx, RuleResult};
use crate::finding::Outcome;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::d;
use crate::standard::{cohort_names, join_texts, Params, Profile, Standard, COHORT_KEYS};
use crate::t;

/// Parameters of a `cohort` check.
#[derive(Debug, Clone)]
pub struct Cohort {
    pub measure: Measure,
    /// Profile attributes that make a cohort (ignored for `grade`, which takes the
    /// relative grading's).
    pub by: Vec<String>,
    pub bottom_percent: Option<f64>,
    /// Also (or only) require the value to be below this fraction of the cohort median.
    pub below_median: Option<f64>,
    pub years: u32,
    pub min_cohort: u32,
}

/// What a `cohort` rule ranks.
#[derive(Debug, Clone)]
pub enum Measure {
    Metric(String),
    /// A number expression over the year's metrics (`revenue_fiscal / revenue_total`).
    Expr(crate::expr::Expr),
    /// The mean of the percentile ranks of these metrics.
    Index(Vec<String>),
    /// The overall score (reporting year only).
    Score,
    /// The relative grade (`grading.relative`) was this grade or worse.
    Grade(String),
}

/// Default smallest cohort ranked.
pub const DEFAULT_MIN_COHORT: u32 = 8;

impl Kind for Cohort {
    const NAME: &'static str = "cohort";

    fn summary() -> Text {
        Text::new(
            "（仅审计）指标、数值表达式、综合指数或总分在同组中心（同区域、同层级等）中排名后 P%，可要求连续 N 年；或相对等级连续 N 年为某等级及以下",
            "(audit only) a metric, a number expression, a composite index or the overall score ranks in the bottom P% of its cohort (same region, level, ...), optionally N years running; or the relative grade was a grade or worse N years running",
        )
    }

    fn schema() -> Value {
        json!({
            "properties": {
                "metric": d(json!({"type": "string"}), "排名所用的指标", "the metric ranked"),
                "expr": d(json!({"type": "string"}), "排名所用的数值表达式，按当年指标计算，如 1 - revenue_fiscal / revenue_total（数值越小排名越后）", "a number expression ranked, computed on each year's metrics, e.g. 1 - revenue_fiscal / revenue_total (the lowest values rank last)"),
                "index": d(json!({"type": "array", "minItems": 1, "items": {"type": "string"}}), "综合指数：各指标在同组中百分位排名的平均值，再在同组中排名", "a composite index: the mean of the center's percentile ranks on each metric within the cohort, itself ranked"),
                "score": d(json!({"type": "boolean"}), "按总分排名（仅报告年度）", "rank the overall score (reporting year only)"),
                "grade": d(json!({"type": "string"}), "相对评级（grading.relative）为该等级或更差时计入；按相对评级的指数、分组和最小组规模排名，如连续两年 C 级", "counts a year whose relative grade (grading.relative) is this grade or worse, ranked by the relative grading's index, cohort and minimum size; e.g. two consecutive C grades"),
                "by": d(json!({"type": "array", "minItems": 1, "items": {"enum": COHORT_KEYS}}), "分组属性（默认 [region, level]）；不做全国统一排名", "the attributes that make a cohort (default [region, level]); never one national pool"),
                "bottom_percent": d(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 100}), "后 P%：n 家的同组中后 ⌊n×P/100⌋ 家；与之并列跨越分界的中心不计入", "bottom P%: the last ⌊n×P/100⌋ of a cohort of n; centers tied across the cut are not flagged"),
                "below_median": d(json!({"type": "number", "exclusiveMinimum": 0, "maximum": 1}), "且（或仅）低于同组中位数的该比例，如 0.4", "and (or only) below this fraction of the cohort median, e.g. 0.4"),
                "years": d(json!({"type": "integer", "minimum": 1, "maximum": 5}), "连续年数（默认 1，截至报告年度，每年按当年指标排名）", "consecutive years up to the reporting year, each ranked on its own metrics (default 1)"),
                "min_cohort": d(json!({"type": "integer", "minimum": 2, "maximum": 10000}), "同组中心少于该数时不适用（默认 8）", "a smaller cohort is not applicable (default 8)"),
            },
            "oneOf": [
                {"required": ["metric"]},
                {"required": ["expr"]},
                {"required": ["index"]},
                {"required": ["score"]},
                {"required": ["grade"]}
            ]
        })
    }

    fn example() -> &'static str {
        "{kind: cohort, metric: enterprises_served, by: [region, level], bottom_percent: 10, years: 3}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let given: Vec<&str> = ["metric", "expr", "index", "score", "grade"]
            .into_iter()
            .filter(|k| p.has(k))
            .collect();
        if given.len() != 1 {
            p.error(
                given.get(1).copied().unwrap_or(""),
                t!(
                    "cohort 检查需要且只需要 `metric`、`expr`、`index`、`score`、`grade` 之一",
                    "a cohort check needs exactly one of `metric`, `expr`, `index`, `score`, `grade`"
                ),
            );
            return None;
        }
        let years = if p.has("years") {
            p.whole("years", 1..=5)?
        } else {
            1
        };
        let measure = match given[0] {
            "metric" => Measure::Metric(p.metric("metric")?),
            "expr" => Measure::Expr(p.quantity("expr")?),
            "index" => {
                let index = p.texts("index");
                let unknown: Vec<&String> = index
                    .iter()
                    .filter(|m| !p.metrics().iter().any(|x| &x.id == *m))
                    .collect();
                if let Some(m) = unknown.first() {
                    let m = m.to_string();
                    p.error(
                        "index",
                        t!(
                            "未知的指标 `{m}`（不在指标目录中）",
                            "unknown metric `{m}` (not in the metric catalogue)",
                            m = m
                        ),
                    );
                    return None;
                }
                if index.is_empty() {
                    p.error(
                        "index",
                        t!("`index` 需要至少一个指标", "`index` needs at least one metric"),
                    );
                    return None;
                }
                Measure::Index(index)
            }
            "score" => {
                if !p.flag("score", false) {
                    p.error(
                        "score",
                        t!(
                            "`score` 只能为 true（按总分排名）",
                            "`score` can only be true (rank the overall score)"
                        ),
                    );
                    return None;
                }
                if years > 1 {
                    p.error(
                        "years",
                        t!(
                            "按总分排名只比较报告年度：`years` 必须为 1",
                            "ranking the overall score compares the reporting year only: `years` must be 1"
                        ),
                    );
                    return None;
                }
                Measure::Score
            }
            _ => {
                let grade = p.text("grade")?;
                let Some(rel) = p.relative_grading() else {
                    p.error(
                        "grade",
                        t!(
                            "`grade` 需要标准在 grading.relative 中声明相对评级",
                            "`grade` needs the standard to declare relative grading under grading.relative"
                        ),
                    );
                    return None;
                };
                if !rel.grades.iter().any(|(g, _)| *g == grade) {
                    let names: Vec<String> = rel.grades.iter().map(|(g, _)| g.clone()).collect();
                    p.error(
                        "grade",
                        t!(
                            "未知的相对等级 `{grade}`（应为：{names}）",
                            "unknown relative grade `{grade}` (expected one of: {names})",
                            grade = grade,
                            names = names.join(", ")
                        ),
                    );
                    return None;
                }
                for key in ["by", "min_cohort", "bottom_percent", "below_median"] {
                    if p.has(key) {
                        p.error(
                            key,
                            t!(
                                "`grade` 按 grading.relative 的设定排名，不能再给 `{key}`",
                                "`grade` ranks as grading.relative says; `{key}` cannot be given with it",
                                key = key
                            ),
                        );
                        return None;
                    }
                }
                Measure::Grade(grade)
            }
        };
        let by = if p.has("by") {
            p.texts("by")
        } else {
            vec!["region".to_string(), "level".to_string()]
        };
        p.cohort_keys("by", &by);
        let bottom_percent = p.number("bottom_percent");
        if let Some(b) = bottom_percent.filter(|b| !(*b > 0.0 && *b < 100.0)) {
            p.error(
                "bottom_percent",
                t!(
                    "`bottom_percent` 必须大于 0、小于 100，而不是 {b}",
                    "`bottom_percent` must be above 0 and below 100, not {b}",
                    b = b
                ),
            );
            return None;
        }
        let below_median = p.number("below_median");
        if let Some(b) = below_median.filter(|b| !(*b > 0.0 && *b <= 1.0)) {
            p.error(
                "below_median",
                t!(
                    "`below_median` 必须大于 0、不超过 1（中位数的比例），而不是 {b}",
                    "`below_median` must be above 0 and at most 1 (a fraction of the median), not {b}",
                    b = b
                ),
            );
            return None;
        }
        if !matches!(measure, Measure::Grade(_)) && bottom_percent.is_none() && below_median.is_none() {
            p.error(
                "",
                t!(
                    "cohort 检查需要 `bottom_percent` 或 `below_median`（或 `grade`）",
                    "a cohort check needs `bottom_percent` or `below_median` (or `grade`)"
                ),
            );
            return None;
        }
        let min_cohort = if p.has("min_cohort") {
            p.whole("min_cohort", 2..=10_000)?
        } else {
            DEFAULT_MIN_COHORT
        };
        Some(Cohort {
            measure,
            by,
            bottom_percent,
            below_median,
            years,
            min_cohort,
        })
    }

    fn describe(&self, standard: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let (by, min_cohort) = self.grouping(standard);
        let by = by.join(" × ");
        let text = match &self.measure {
            Measure::Grade(grade) => t!(
                "相对等级（按 {by} 分组）不得连续 {years} 年为 {grade} 级或更差",
                "the relative grade (cohorts by {by}) must not be {grade} or worse {years} years running",
                by = by,
                years = self.years,
                grade = grade
            ),
            _ => {
                let what = self.what(standard);
                let cut = self.cut();
                if self.years > 1 {
                    t!(
                        "{what}不得连续 {years} 年处于同组（按 {by} 分组，至少 {min} 家）的{cut}",
                        "{what} must not be in the {cut} of its cohort (by {by}, at least {min} centers) {years} years running",
                        what = what,
                        years = self.years,
                        by = by,
                        min = min_cohort,
                        cut = cut
                    )
                } else {
                    t!(
                        "{what}不得处于同组（按 {by} 分组，至少 {min} 家）的{cut}",
                        "{what} must not be in the {cut} of its cohort (by {by}, at least {min} centers)",
                        what = what,
                        by = by,
                        min = min_cohort,
                        cut = cut
                    )
                }
            }
        };
        (text, None)
    }

    fn run(&self, _: &Ctx) -> RuleResult {
        super::cross::single_submission()
    }

    fn gather(&self, ctx: &Ctx) -> Option<Gathered> {
        let metrics = match self.metrics(ctx.standard) {
            Some(m) => m,
            // The overall score is known only after every rule: the audit passes it.
            None => return Some(Gathered::Years(BTreeMap::new())),
        };
        let Some(year) = ctx.year else {
            return Some(Gathered::Years(BTreeMap::new()));
        };
        if let Measure::Expr(e) = &self.measure {
            return Some(gather_expr(ctx, e, year, self.years));
        }
        Some(gather_years(ctx, &metrics, year, self.years))
    }

    fn cross(&self, ctx: &CrossCtx, peers: &dyn Peers, out: Results<'_>) -> bool {
        self.compare(ctx, peers, out);
        true
    }
}

/// The value of a number expression for `years` years up to `year`, by year (`None`
/// when a metric it reads is missing, or it divides by zero), then the line of the first
/// metric it reads (for the finding's location).
fn gather_expr(ctx: &Ctx, e: &crate::expr::Expr, year: i32, years: u32) -> Gathered {
    let mut out = BTreeMap::new();
    for y in year + 1 - years as i32..=year {
        let lookup = |id: &str, offset: i32| -> Option<crate::expr::Value> {
            ctx.metric(id, y + offset).map(|(v, _)| match v {
                crate::submission::MetricValue::Number(n) => crate::expr::Value::Number(n),
                crate::submission::MetricValue::Bool(b) => crate::expr::Value::Bool(b),
            })
        };
        let value = e
            .eval(&lookup)
            .ok()
            .and_then(crate::expr::Value::as_number)
            .filter(|v| v.is_finite());
        let line = super::expr::first_location(ctx, e, y).map(|l| l.line as f64);
        out.insert(y, vec![value, line]);
    }
    Gathered::Years(out)
}

/// The values of `metrics` for `years` years up to `year`, by year, then the line of the
/// first metric in its file (for the finding's location).
pub fn gather_years(ctx: &Ctx, metrics: &[String], year: i32, years: u32) -> Gathered {
    let mut out = BTreeMap::new();
    for y in year + 1 - years as i32..=year {
        let mut line = None;
        let mut values: Vec<Option<f64>> = metrics
            .iter()
            .map(|m| {
                let (v, loc) = ctx.metric(m, y)?;
                line.get_or_insert(loc.line as f64);
                v.as_f64()
            })
            .collect();
        values.push(line);
        out.insert(y, values);
    }
    Gathered::Years(out)
}

/// Where one value stands among the values of its cohort (itself included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Values strictly below it.
    pub below: usize,
    /// Other values equal to it.
    pub ties: usize,
    /// The cohort's size.
    pub n: usize,
}

impl Standing {
    /// The standing of `v` among `all` (which holds `v`).
    pub fn of(v: f64, all: &[f64]) -> Standing {
        Ranking::new(all).standing(v)
    }

    /// Percentile rank, 0 (last) to 100 (first): 100 × (below + ties / 2) / (n − 1); 50
    /// alone.
    pub fn percentile(&self) -> f64 {
        if self.n <= 1 {
            return 50.0;
        }
        100.0 * (self.below as f64 + self.ties as f64 / 2.0) / (self.n - 1) as f64
    }

    /// Rank from the top (1 = best); tied values share the best of their ranks.
    pub fn rank(&self) -> usize {
        self.n - self.below - self.ties
    }

    /// Whether it is in the bottom `percent` %: the values at or below it, itself
    /// included, are at most ⌊n × percent / 100⌋.
    pub fn in_bottom(&self, percent: f64) -> bool {
        let k = (self.n as f64 * percent / 100.0 + 1e-9).floor() as usize;
        self.below + self.ties < k
    }
}

/// The values of a cohort, sorted once: each member's standing is then two binary
/// searches, not a pass over the whole cohort (which made ranking quadratic in its size).
#[derive(Debug, Clone)]
pub struct Ranking {
    /// The values that compare (not NaN), in ascending order.
    sorted: Vec<f64>,
    /// The cohort's size, NaN values included.
    n: usize,
}

impl Ranking {
    pub fn new(values: &[f64]) -> Ranking {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        sorted.sort_unstable_by(f64::total_cmp);
        Ranking {
            sorted,
            n: values.len(),
        }
    }

    /// Where `v` (one of the values) stands: the values strictly below it and the others
    /// equal to it, as `<` and `==` count them (so `-0.0` ties `0.0`, and NaN stands
    /// nowhere).
    pub fn standing(&self, v: f64) -> Standing {
        // Both predicates hold on a prefix of the sorted values, NaN left out.
        let below = self.sorted.partition_point(|x| *x < v);
        let at_most = self.sorted.partition_point(|x| *x <= v);
        Standing {
            below,
            ties: (at_most - below).saturating_sub(1),
            n: self.n,
        }
    }
}

/// The composite index of each row: the mean of its percentile ranks on each column.
pub fn composite(rows: &[Vec<f64>]) -> Vec<f64> {
    let width = rows.first().map_or(0, Vec::len);
    let flat: Vec<f64> = rows.iter().flat_map(|r| r[..width].iter().copied()).collect();
    composite_flat(&flat, width)
}

/// [`composite`] of rows laid end to end, `width` values each.
pub fn composite_flat(values: &[f64], width: usize) -> Vec<f64> {
    if width == 0 {
        return Vec::new();
    }
    let rankings: Vec<Ranking> = (0..width)
        .map(|j| {
            let column: Vec<f64> = values.iter().skip(j).step_by(width).copied().collect();
            Ranking::new(&column)
        })
        .collect();
    values
        .chunks_exact(width)
        .map(|r| {
            let sum: f64 = r
                .iter()
                .zip(&rankings)
                .map(|(v, ranking)| ranking.standing(*v).percentile())
                .sum();
            // Rounded so that equal ranks give equal indexes whatever the summing order.
            (sum / width as f64 * 1e6).round() / 1e6
        })
        .collect()
}

/// The median of values (not empty).
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// A center's cohort key: its value of each attribute, or the first attribute it lacks.
pub fn cohort_key(profile: &Profile, by: &[String]) -> Result<Vec<String>, String> {
    by.iter()
        .map(|b| profile.attribute(b).map(str::to_string).ok_or_else(|| b.clone()))
        .collect()
}

/// The reason a center without a cohort attribute is not ranked.
pub fn no_cohort(attribute: &str) -> Text {
    t!(
        "center.yaml 缺少 {attribute}，无法确定同组中心，不参与排名",
        "center.yaml lacks {attribute}, so the center has no cohort and is not ranked",
        attribute = attribute
    )
}

/// The reason a cohort is too small to rank.
pub fn too_small(cohort: &Text, year: i32, n: usize, min: u32) -> Text {
    t!(
        "{year} 年同组（{cohort}）只有 {n} 家中心可比，少于 {min} 家，不做排名",
        "in {year} the cohort ({cohort}) has only {n} comparable centers, fewer than {min}; not ranked",
        year = year,
        cohort = cohort,
        n = n,
        min = min
    )
}

/// The ranked values of each (cohort key, year): (peer index, values).
pub type Groups = BTreeMap<(Vec<String>, i32), Vec<(usize, Vec<f64>)>>;

/// The peers ranked together in one cohort and year: their indices, and their values
/// laid end to end (as many per peer as the rule ranks). An audit holds one entry per
/// peer and year, so nothing here is allocated per peer.
#[derive(Default)]
struct Group {
    peers: Vec<u32>,
    values: Vec<f64>,
}

/// One cohort's values in one year, ranked: the peers (in peer order), the value of
/// each, the values sorted, and their median.
struct RankedGroup {
    peers: Vec<u32>,
    values: Vec<f64>,
    ranking: Ranking,
    median: f64,
}

/// How one center stood in one year.
#[derive(Debug, Clone, Copy)]
struct Place {
    standing: Standing,
    value: f64,
    median: f64,
}

impl Cohort {
    /// The metrics ranked, in gathered order; `None` for the overall score.
    fn metrics(&self, standard: &Standard) -> Option<Vec<String>> {
        match &self.measure {
            Measure::Metric(m) => Some(vec![m.clone()]),
            // One value, computed from the metrics it reads.
            Measure::Expr(e) => Some(vec![e.source().to_string()]),
            Measure::Index(i) => Some(i.clone()),
            Measure::Score => None,
            Measure::Grade(_) => Some(
                standard
                    .relative_grading()
                    .map_or_else(Vec::new, |r| r.index.clone()),
            ),
        }
    }

    /// The cohort attributes and minimum size in force.
    fn grouping(&self, standard: &Standard) -> (Vec<String>, u32) {
        match (&self.measure, standard.relative_grading()) {
            (Measure::Grade(_), Some(r)) => (r.by.clone(), r.min_cohort),
            _ => (self.by.clone(), self.min_cohort),
        }
    }

    /// What is ranked, in words.
    fn what(&self, standard: &Standard) -> Text {
        match &self.measure {
            Measure::Metric(m) => standard.metric_name(m),
            Measure::Expr(e) => Text::new(format!("`{}`", e.source()), format!("`{}`", e.source())),
            Measure::Index(_) | Measure::Grade(_) => {
                let ms = self.metrics(standard).unwrap_or_default();
                let names: Vec<Text> = ms.iter().map(|m| standard.metric_name(m)).collect();
                let names = join_texts(&names, "、", ", ");
                t!("综合指数（{names}）", "the composite index ({names})", names = names)
            }
            Measure::Score => t!("总分", "the overall score"),
        }
    }

    /// The cut, in words: 后 10% / bottom 10%, and the median condition.
    fn cut(&self) -> Text {
        let pct = |p: f64| crate::expr::format_number(p);
        match (self.bottom_percent, self.below_median) {
            (Some(p), None) => t!("后 {p}%", "bottom {p}%", p = pct(p)),
            (None, Some(m)) => t!(
                "低位（不足同组中位数的 {m}%）",
                "low end (under {m}% of the cohort median)",
                m = pct(m * 100.0)
            ),
            (Some(p), Some(m)) => t!(
                "后 {p}%（且不足同组中位数的 {m}%）",
                "bottom {p}% (and under {m}% of the cohort median)",
                p = pct(p),
                m = pct(m * 100.0)
            ),
            (None, None) => Text::new("", ""),
        }
    }

    fn show(&self, standard: &Standard, v: f64) -> String {
        match &self.measure {
            Measure::Metric(m) => standard.show_value(m, v),
            // Ratios and shares: three decimals.
            Measure::Expr(_) => crate::expr::format_number((v * 1000.0).round() / 1000.0),
            _ => crate::expr::format_number((v * 10.0).round() / 10.0),
        }
    }

    fn compare(&self, ctx: &CrossCtx, peers: &dyn Peers, out: Results<'_>) {
        let standard = ctx.standard;
        let (by, min_cohort) = self.grouping(standard);
        let relative = standard.relative_grading();
        if let (Measure::Grade(_), None) = (&self.measure, relative) {
            let reason = t!(
                "标准未声明相对评级（grading.relative）",
                "the standard declares no relative grading (grading.relative)"
            );
            for _ in 0..peers.len() {
                out(RuleResult::not_applicable(Some(reason.clone())));
            }
            return;
        }
        let width = self.metrics(standard).map(|m| m.len());
        // The value of each ranked peer per year: (cohort, year) -> (peer, values). Each
        // distinct cohort key is held once (a few of them, for many peers).
        let mut cohorts: Vec<Vec<String>> = Vec::new();
        let mut ids: std::collections::HashMap<Vec<String>, u32> = Default::default();
        let mut keys: Vec<Option<u32>> = vec![None; peers.len()];
        let mut groups: BTreeMap<(u32, i32), Group> = BTreeMap::new();
        for (i, peer) in peers.iter().enumerate() {
            if peer.outcome != Outcome::Pass {
                continue;
            }
            let Ok(key) = cohort_key(peer.profile, &by) else {
                continue;
            };
            let key = match ids.get(&key) {
                Some(k) => *k,
                None => {
                    let k = cohorts.len() as u32;
                    ids.insert(key.clone(), k);
                    cohorts.push(key);
                    k
                }
            };
            // Within bounds: an audit counts its peers far below u32::MAX.
            let member = i as u32;
            match (width, width.and_then(|_| ctx.gathered(i))) {
                (None, _) => {
                    if let (Some(y), Some(v)) = (peer.reporting_year, peer.overall) {
                        let g = groups.entry((key, y)).or_default();
                        g.peers.push(member);
                        g.values.push(v);
                    }
                }
                (Some(w), Some(Gathered::Years(years))) => {
                    for (y, values) in &years {
                        // Ranked only with every value the rule reads.
                        let complete =
                            w > 0 && values.len() >= w && values[..w].iter().all(Option::is_some);
                        if complete {
                            let g = groups.entry((key, *y)).or_default();
                            g.peers.push(member);
                            g.values.extend(values[..w].iter().flatten());
                        }
                    }
                }
                _ => {}
            }
            keys[i] = Some(key);
        }
        // Each group ranked: its values (the composite index of each peer, for an
        // index), sorted once; a peer's standing is looked up as it is judged. Memory
        // holds 20 bytes per peer and year (its index, value and sorted value).
        let ranked: BTreeMap<(u32, i32), RankedGroup> = groups
            .into_iter()
            .map(|((key, year), mut group)| {
                let values: Vec<f64> = match &self.measure {
                    Measure::Index(_) | Measure::Grade(_) => {
                        composite_flat(&group.values, width.unwrap_or(1))
                    }
                    _ => {
                        group.values.shrink_to_fit();
                        group.values
                    }
                };
                group.peers.shrink_to_fit();
                let ranked = RankedGroup {
                    median: median(&values),
                    ranking: Ranking::new(&values),
                    peers: group.peers,
                    values,
                };
                ((key, year), ranked)
            })
            .collect();
        let place_of = |i: usize, year: i32| -> Option<Place> {
            let group = ranked.get(&(keys[i]?, year))?;
            // The peers of a group are in peer order: they were pushed so.
            let j = group.peers.binary_search(&u32::try_from(i).ok()?).ok()?;
            let value = group.values[j];
            Some(Place {
                standing: group.ranking.standing(value),
                value,
                median: group.median,
            })
        };
        peers
            .iter()
            .enumerate()
            .map(|(i, peer)| {
                let key = keys[i].map(|k| (k, cohorts[k as usize].as_slice()));
                self.judge(ctx, &peer, i, key, &by, min_cohort, &place_of, &ranked)
            })
            .for_each(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        ctx: &CrossCtx,
        peer: &Peer,
        i: usize,
        key: Option<(u32, &[String])>,
        by: &[String],
        min_cohort: u32,
        place_of: &dyn Fn(usize, i32) -> Option<Place>,
        ranked: &BTreeMap<(u32, i32), RankedGroup>,
    ) -> RuleResult {
        let standard = ctx.standard;
        match peer.outcome {
            Outcome::Pass => {}
            Outcome::Error => {
                return RuleResult::error(t!(
                    "无法判断规则是否适用：中心的层级、区域或运营模式缺失",
                    "cannot tell whether the rule applies: the center's level, region or operation model is missing"
                ))
            }
            _ => return RuleResult::not_applicable(None),
        }
        let (id, key) = match key {
            Some(k) => k,
            None => {
                let missing = cohort_key(peer.profile, by).err().unwrap_or_default();
                return RuleResult::not_applicable(Some(no_cohort(&missing)));
            }
        };
        let cohort = cohort_names(key.iter().map(String::as_str));
        let Some(year) = peer.reporting_year else {
            return RuleResult::not_applicable(Some(t!(
                "报告年度未知，无法与同组中心比较",
                "the reporting year is unknown; the center cannot be compared with its cohort"
            )));
        };
        let years: Vec<i32> = (year + 1 - self.years as i32..=year).collect();
        let mut run = Vec::new();
        for &y in years.iter().rev() {
            let n = ranked.get(&(id, y)).map_or(0, |g| g.peers.len());
            let Some(place) = place_of(i, y) else {
                let gathered = ctx.gathered(i);
                return RuleResult::not_applicable(Some(self.no_value(standard, gathered, y)));
            };
            if n < min_cohort as usize {
                return RuleResult::not_applicable(Some(too_small(&cohort, y, n, min_cohort)));
            }
            run.push((y, place));
        }
        run.reverse();
        let flagged = |p: &Place| -> bool {
            match &self.measure {
                Measure::Grade(grade) => {
                    let Some(rel) = standard.relative_grading() else {
                        return false;
                    };
                    let pct = p.standing.percentile();
                    let worst = |g: &str| rel.grades.iter().position(|(x, _)| x == g);
                    match (rel.grade_of(pct).and_then(worst), worst(grade)) {
                        (Some(got), Some(at)) => got >= at,
                        _ => false,
                    }
                }
                _ => {
                    self.bottom_percent
                        .is_none_or(|b| p.standing.in_bottom(b))
                        && self
                            .below_median
                            .is_none_or(|m| p.value < m * p.median)
                }
            }
        };
        if !run.iter().all(|(_, p)| flagged(p)) {
            return RuleResult::from_findings(Vec::new());
        }
        let details: Vec<Text> = run
            .iter()
            .map(|(y, p)| self.detail(standard, *y, p))
            .collect();
        let details = join_texts(&details, "；", "; ");
        let message = match &self.measure {
            Measure::Grade(grade) if self.years > 1 => t!(
                "连续 {years} 年相对等级为 {grade} 级或更差（同组：{cohort}）：{details}",
                "relative grade {grade} or worse {years} years running (cohort: {cohort}): {details}",
                years = self.years,
                grade = grade,
                cohort = cohort,
                details = details
            ),
            Measure::Grade(grade) => t!(
                "相对等级为 {grade} 级或更差（同组：{cohort}）：{details}",
                "relative grade {grade} or worse (cohort: {cohort}): {details}",
                grade = grade,
                cohort = cohort,
                details = details
            ),
            _ if self.years > 1 => t!(
                "{what}连续 {years} 年处于同组（{cohort}）的{cut}：{details}",
                "{what} was in the {cut} of its cohort ({cohort}) {years} years running: {details}",
                what = self.what(standard),
                years = self.years,
                cohort = cohort,
                cut = self.cut(),
                details = details
            ),
            _ => t!(
                "{what}处于同组（{cohort}）的{cut}：{details}",
                "{what} is in the {cut} of its cohort ({cohort}): {details}",
                what = self.what(standard),
                cohort = cohort,
                cut = self.cut(),
                details = details
            ),
        };
        let gathered = match &self.measure {
            Measure::Score => None,
            _ => ctx.gathered(i),
        };
        let location = match (&self.measure, gathered) {
            (Measure::Score, _) => None,
            (_, Some(Gathered::Years(y))) => {
                let line = y
                    .get(&year)
                    .and_then(|v| v.last().copied().flatten())
                    .unwrap_or(1.0);
                Some(line_location(&format!("metrics/{year}.yaml"), line as u32))
            }
            _ => None,
        };
        RuleResult::from_findings(vec![ctx.finding(message, location)])
    }

    /// One year of the evidence: 2024 年 312，第 19/19 名（中位数 1,050）.
    fn detail(&self, standard: &Standard, year: i32, p: &Place) -> Text {
        let s = p.standing;
        let place = t!(
            "第 {rank}/{n} 名",
            "ranked {rank} of {n}",
            rank = s.rank(),
            n = s.n
        );
        match &self.measure {
            Measure::Grade(_) => {
                let grade = standard
                    .relative_grading()
                    .and_then(|r| r.grade_of(s.percentile()))
                    .unwrap_or("?");
                t!(
                    "{year} 年{place}（百分位 {pct}）→ {grade}",
                    "{year}: {place} (percentile {pct}) → {grade}",
                    year = year,
                    place = place,
                    pct = crate::expr::format_number((s.percentile() * 10.0).round() / 10.0),
                    grade = grade
                )
            }
            _ if self.below_median.is_some() => t!(
                "{year} 年 {value}，{place}（中位数 {median}）",
                "{year}: {value}, {place} (median {median})",
                year = year,
                value = self.show(standard, p.value),
                place = place,
                median = self.show(standard, p.median)
            ),
            _ => t!(
                "{year} 年 {value}，{place}",
                "{year}: {value}, {place}",
                year = year,
                value = self.show(standard, p.value),
                place = place
            ),
        }
    }

    /// Why a center has no value to rank in `year`.
    fn no_value(&self, standard: &Standard, gathered: Option<Gathered>, year: i32) -> Text {
        match (&self.measure, gathered) {
            (Measure::Score, _) => t!(
                "没有总分（没有适用的规则），不参与排名",
                "no overall score (no rule applied); not ranked"
            ),
            (Measure::Expr(e), _) => t!(
                "{year} 年的 `{expr}` 无法计算：所读指标缺失（由其他规则报告）或除数为零，不参与同组排名",
                "`{expr}` cannot be computed for {year}: a metric it reads is missing (reported by other rules) or it divides by zero; not ranked in the cohort",
                year = year,
                expr = e.source()
            ),
            (_, Some(Gathered::Years(years))) => {
                let metrics = self.metrics(standard).unwrap_or_default();
                let missing: Vec<Text> = match years.get(&year) {
                    Some(values) => metrics
                        .iter()
                        .zip(values)
                        .filter(|(_, v)| v.is_none())
                        .map(|(m, _)| standard.metric_name(m))
                        .collect(),
                    None => metrics.iter().map(|m| standard.metric_name(m)).collect(),
                };
                t!(
                    "缺少 {year} 年的{metrics}（由其他规则报告），不参与同组排名",
                    "{metrics} of {year} is missing (reported by other rules); not ranked in the cohort",
                    year = year,
                    metrics = join_texts(&missing, "、", ", ")
                )
            }
            _ => t!(
                "缺少 {year} 年的指标，不参与同组排名",
                "the metrics of {year} are missing; not ranked in the cohort",
                year = year
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standing_ranks_and_percentiles() {
        let all = [10.0, 20.0, 30.0, 40.0, 50.0];
        let s = Standing::of(10.0, &all);
        assert_eq!((s.below, s.ties, s.n, s.rank()), (0, 0, 5, 5));
        assert_eq!(s.percentile(), 0.0);
        assert_eq!(Standing::of(50.0, &all).percentile(), 100.0);
        assert_eq!(Standing::of(30.0, &all).percentile(), 50.0);
        assert_eq!(Standing::of(50.0, &all).rank(), 1);
        // Alone: the middle.
        assert_eq!(Standing::of(7.0, &[7.0]).percentile(), 50.0);
    }

    #[test]
    fn bottom_cut_is_floor_and_ties_across_it_pass() {
        let all: Vec<f64> = (1..=20).map(f64::from).collect();
        // 10% of 20 = 2 centers.
        assert!(Standing::of(1.0, &all).in_bottom(10.0));
        assert!(Standing::of(2.0, &all).in_bottom(10.0));
        assert!(!Standing::of(3.0, &all).in_bottom(10.0));
        // 10% of 9 = 0 centers: nobody.
        let nine: Vec<f64> = (1..=9).map(f64::from).collect();
        assert!(!Standing::of(1.0, &nine).in_bottom(10.0));
        // A tie straddling the cut: the last two tie, one slot: neither is flagged.
        let mut tied = all.clone();
        tied[1] = 1.0;
        let ten: Vec<f64> = tied[..10].to_vec();
        assert!(!Standing::of(1.0, &ten).in_bottom(10.0));
        // Both fit within the cut: both flagged.
        assert!(Standing::of(1.0, &tied).in_bottom(10.0));
    }

    #[test]
    fn composite_is_mean_percentile() {
        let rows = vec![
            vec![1.0, 300.0],
            vec![2.0, 100.0],
            vec![3.0, 200.0],
        ];
        // Percentiles: col 0 → 0, 50, 100; col 1 → 100, 0, 50.
        assert_eq!(composite(&rows), vec![50.0, 25.0, 75.0]);
    }

    /// The standing by definition: a pass over every value.
    fn standing_by_scan(v: f64, all: &[f64]) -> Standing {
        let below = all.iter().filter(|x| **x < v).count();
        let equal = all.iter().filter(|x| **x == v).count();
        Standing {
            below,
            ties: equal.saturating_sub(1),
            n: all.len(),
        }
    }

    #[test]
    fn ranking_agrees_with_a_scan_on_ties_zeros_infinities_and_nan() {
        let all = [
            3.0,
            -0.0,
            0.0,
            1.5,
            3.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            3.0,
            -2.0,
            0.0,
        ];
        let ranking = Ranking::new(&all);
        for v in all {
            assert_eq!(ranking.standing(v), standing_by_scan(v, &all), "value {v}");
        }
        assert_eq!(Ranking::new(&[]).standing(1.0).n, 0);
    }

    proptest::proptest! {
        #[test]
        fn ranking_agrees_with_a_scan(raw in proptest::collection::vec(-4i32..4, 0..40)) {
            // Few distinct values, so ties are common; a quarter of them NaN.
            let all: Vec<f64> = raw
                .iter()
                .map(|&r| if r == -4 { f64::NAN } else { f64::from(r) / 2.0 })
                .collect();
            let ranking = Ranking::new(&all);
            for &v in &all {
                proptest::prop_assert_eq!(ranking.standing(v), standing_by_scan(v, &all));
            }
        }

        #[test]
        fn composite_flat_is_composite_of_rows(
            raw in proptest::collection::vec(proptest::collection::vec(0i32..5, 3), 0..20),
        ) {
            let rows: Vec<Vec<f64>> = raw
                .iter()
                .map(|r| r.iter().map(|&x| f64::from(x)).collect())
                .collect();
            let by_scan: Vec<f64> = {
                let columns: Vec<Vec<f64>> =
                    (0..3).map(|j| rows.iter().map(|r| r[j]).collect()).collect();
                rows.iter()
                    .map(|r| {
                        let sum: f64 = (0..3)
                            .map(|j| standing_by_scan(r[j], &columns[j]).percentile())
                            .sum();
                        (sum / 3.0 * 1e6).round() / 1e6
                    })
                    .collect()
            };
            proptest::prop_assert_eq!(composite(&rows), by_scan);
        }
    }

    #[test]
    fn median_odd_and_even() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
