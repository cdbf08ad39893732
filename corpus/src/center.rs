//! One center: its profile and writing habits, the defects planned for it, its metric
//! series and the YAML files. Everything is a pure function of (seed, index).

use crate::catalog::*;
use crate::rng::{exp, powi, Rng};

/// What every worker needs to know about the run.
#[derive(Clone, Debug)]
pub struct Run {
    pub seed: u64,
    pub centers: usize,
    pub years: Vec<i32>,
    pub defect_rate: f64,
    pub copy_rate: f64,
    pub outlier_rate: f64,
    pub rejected_variants: bool,
    id_width: usize,
    id_mod: u64,
}

impl Run {
    pub fn new(opts: &crate::Options) -> Run {
        let width = opts.centers.to_string().len().max(4);
        let years = ((REPORT_YEAR - opts.years as i32 + 1)..=REPORT_YEAR).collect();
        Run {
            seed: opts.seed,
            centers: opts.centers,
            years,
            defect_rate: opts.defect_rate,
            copy_rate: opts.copy_rate,
            outlier_rate: opts.outlier_rate,
            rejected_variants: opts.rejected_variants,
            id_width: width,
            id_mod: 10u64.pow(width as u32),
        }
    }

    pub fn rng(&self, index: usize, purpose: &str) -> Rng {
        Rng::new(self.seed, index as u64, purpose)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PctStyle {
    Percent,
    Fraction,
    Mixed,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DateStyle {
    Iso,
    Zh,
    Dotted,
    Slash,
    /// `2023年5月10日修订`
    ZhSuffix,
    /// `2023年5月` (no day): a human reads it, the baseline's freshness check does not.
    MonthOnly,
    /// `二〇二三年五月十日`
    CnNumerals,
    /// `——2023年5月10日经中心主任办公会审议通过`
    Meeting,
}

impl DateStyle {
    pub fn name(self) -> &'static str {
        match self {
            DateStyle::Iso => "iso",
            DateStyle::Zh => "zh",
            DateStyle::Dotted => "dotted",
            DateStyle::Slash => "slash",
            DateStyle::ZhSuffix => "zh_suffix",
            DateStyle::MonthOnly => "month_only",
            DateStyle::CnNumerals => "cn_numerals",
            DateStyle::Meeting => "meeting",
        }
    }

    /// Forms the baseline's freshness check reads (the others give a warning).
    pub fn parsed(self) -> bool {
        !matches!(
            self,
            DateStyle::MonthOnly | DateStyle::CnNumerals | DateStyle::Meeting
        )
    }
}

/// A center's profile and the writing habits of its staff.
#[derive(Clone, Debug)]
pub struct Profile {
    pub index: usize,
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub province: &'static Province,
    /// As written in center.yaml: `广东` or `广东省`.
    pub province_written: &'static str,
    pub region: &'static str,
    pub city_full: String,
    pub operation_model: &'static str,
    pub established: i64,
    pub pct_style: PctStyle,
    pub pct_int: bool,
    pub pct_fullwidth: bool,
    /// Counts in metrics files: 0 plain, 1 `1,250`, 2 full-width `１２５０`.
    pub int_style: u8,
    /// Money in metrics files: 0 plain 万元, 1 `48,700万`, 2 `4.87亿`.
    pub money_style: u8,
    /// 0 plain, 1 `一、`, 2 `1 `, 3 `第一章　`.
    pub heading_style: u8,
    pub bold_headings: bool,
    pub alias_user: bool,
    /// 0 Chinese title, 1 numbered `01_`, 2 English, 3 center-name prefix.
    pub file_style: u8,
    pub yaml_comments: bool,
    pub quote_values: bool,
    pub shuffle_keys: bool,
    pub articles: bool,
    pub thousands: bool,
    pub fullwidth_prose: bool,
    pub date_style: DateStyle,
    pub date_at_bottom: bool,
    /// Files written on Windows (CRLF): 0 none, 1 the documents, 2 every file.
    pub crlf: u8,
    /// Files with a UTF-8 byte-order mark: 0 none, 1 one document, 2 center.yaml.
    pub bom: u8,
    pub phone: String,
    pub email: String,
}

impl Profile {
    pub fn style_json(&self) -> serde_json::Value {
        let percent = match self.pct_style {
            PctStyle::Percent => "percent",
            PctStyle::Fraction => "fraction",
            PctStyle::Mixed => "mixed",
        };
        serde_json::json!({
            "percent": percent,
            "numbers": (["plain", "thousands", "full_width"][self.int_style as usize]),
            "money": (["plain", "wan", "yi"][self.money_style as usize]),
            "headings": (["plain", "cn", "arabic", "chapter"][self.heading_style as usize]),
            "aliases": self.alias_user,
            "articles": self.articles,
            "file_names": (["zh", "numbered", "en", "name_prefix"][self.file_style as usize]),
            "revision_date": self.date_style.name(),
            "line_ends": (["lf", "crlf_docs", "crlf_all"][self.crlf as usize]),
        })
    }
}

fn center_id_num(run: &Run, i: usize) -> u64 {
    // A permutation of 0..id_mod (7919 is coprime with powers of ten).
    (i as u64 * 7919 + run.seed.wrapping_mul(104_729) % run.id_mod + 12) % run.id_mod
}

pub fn profile(run: &Run, i: usize) -> Profile {
    let mut r = run.rng(i, "profile");
    let weights: Vec<f64> = PROVINCES.iter().map(|p| p.weight).collect();
    let mut p = &PROVINCES[r.weighted(&weights)];
    let mut level = LEVELS[r.weighted(&LEVEL_WEIGHTS)];
    // Any corpus of 31 centers or more covers every province, level and operation model
    // (and every level × operation model pair): the first 31 centers take them in turn.
    let seeded = run.centers >= PROVINCES.len() && i < PROVINCES.len();
    if seeded {
        p = &PROVINCES[i];
        level = LEVELS[i % LEVELS.len()];
    }
    let (mut city, mut ccode) = *r.pick(p.cities);
    let c1: Vec<char> = COUNTY_C1.chars().collect();
    let c2: Vec<char> = COUNTY_C2.chars().collect();
    let county = format!(
        "{}{}{}",
        r.pick(&c1),
        r.pick(&c2),
        ["县", "区", "市"][r.weighted(&[50.0, 35.0, 15.0])]
    );
    let municipality = MUNICIPALITIES.contains(&p.short);
    let mut shape = level;
    if level == "national" {
        shape = ["provincial", "municipal", "county"][r.weighted(&[20.0, 60.0, 20.0])];
    }
    if shape == "provincial" {
        (city, ccode) = p.cities[0];
    }
    let city_full = if municipality {
        format!("{}{}", p.full, city)
    } else {
        city.to_string()
    };
    let name = match shape {
        "provincial" => format!("{}{}生产力促进中心", p.full, r.pick(&INDUSTRIES)),
        "municipal" if r.chance(0.15) => {
            format!("{city_full}科技创新服务中心（{city_full}生产力促进中心）")
        }
        "municipal" => format!("{city_full}生产力促进中心"),
        _ if municipality => format!("{}{county}生产力促进中心", p.full),
        _ => format!("{city_full}{county}生产力促进中心"),
    };
    let mut operation_model = OPERATION_MODELS[r.weighted(&opmodel_weights(level))];
    if seeded {
        operation_model = OPERATION_MODELS[i % OPERATION_MODELS.len()];
    }
    let established = match level {
        "national" => r.int(1992, 2008),
        "provincial" => r.int(1993, 2005),
        _ => r.int(1995, 2019),
    };
    let id = format!(
        "{}-{}-{:0w$}",
        p.code,
        ccode,
        center_id_num(run, i),
        w = run.id_width
    );
    let date_style = [
        DateStyle::Iso,
        DateStyle::Zh,
        DateStyle::Dotted,
        DateStyle::Slash,
        DateStyle::ZhSuffix,
        DateStyle::MonthOnly,
        DateStyle::CnNumerals,
        DateStyle::Meeting,
    ][r.weighted(&[46.0, 24.0, 8.0, 6.0, 8.0, 3.0, 3.0, 2.0])];
    let phone = format!("0{}-{}", r.int(10, 999), r.int(2_000_000, 89_999_999));
    let email = format!(
        "{}{}@{}{}pc.org.cn",
        r.pick(&["fw", "ts", "kf", "service", "tousu"]),
        r.int(1, 99),
        p.code.to_lowercase(),
        ccode.to_lowercase()
    );
    Profile {
        index: i,
        id,
        name,
        level,
        province: p,
        province_written: if r.chance(0.25) { p.full } else { p.short },
        region: p.region,
        city_full,
        operation_model,
        established,
        pct_style: [PctStyle::Percent, PctStyle::Fraction, PctStyle::Mixed]
            [r.weighted(&[50.0, 40.0, 10.0])],
        pct_int: r.chance(0.4),
        pct_fullwidth: r.chance(0.05),
        int_style: r.weighted(&[80.0, 15.0, 5.0]) as u8,
        money_style: r.weighted(&[70.0, 20.0, 10.0]) as u8,
        heading_style: r.weighted(&[35.0, 35.0, 20.0, 10.0]) as u8,
        bold_headings: r.chance(0.05),
        alias_user: r.chance(0.15),
        file_style: r.weighted(&[70.0, 12.0, 10.0, 8.0]) as u8,
        yaml_comments: r.chance(0.5),
        quote_values: r.chance(0.1),
        shuffle_keys: r.chance(0.2),
        articles: r.chance(0.3),
        thousands: r.chance(0.7),
        fullwidth_prose: r.chance(0.04),
        date_style,
        date_at_bottom: r.chance(0.3),
        crlf: r.weighted(&[92.0, 5.0, 3.0]) as u8,
        bom: r.weighted(&[95.0, 3.0, 2.0]) as u8,
        phone,
        email,
    }
}

/// The document index: type -> path inside the submission.
pub fn doc_files(p: &Profile) -> Vec<(&'static str, String)> {
    DOC_TYPES
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let title = if *t == "self_evaluation" {
                format!("{REPORT_YEAR}{}", doc_title(t))
            } else {
                doc_title(t).to_string()
            };
            let path = match p.file_style {
                0 => format!("docs/{title}.md"),
                1 => format!("docs/{:02}_{title}.md", k + 1),
                2 => format!("docs/{}", doc_file_en(t)),
                _ => format!("docs/{}{title}.md", p.name),
            };
            (*t, path)
        })
        .collect()
}

/// A resource a defect writes or reads: `center`, `profile`, `metrics:2024`, `doc:T`, `outline:T`.
pub type Res = String;

/// A defect planned for a center, before its details are filled in.
#[derive(Clone, Debug)]
pub struct Planned {
    pub kind: &'static str,
    pub doc: Option<&'static str>,
    pub metric: Option<&'static str>,
    pub field: Option<&'static str>,
    pub heading: Option<&'static str>,
    pub column: Option<&'static str>,
    /// The file key (`center`, `metrics:Y`, `doc:T`) the defect is in.
    pub file: String,
    pub detail: Option<&'static str>,
    /// A uniform number the defect draws from (copy source, variant).
    pub x: f64,
    /// Nobody else may read or write these.
    claims: Vec<Res>,
    /// Written, shareable with other non-claiming defects.
    touches: Vec<Res>,
    /// Needed intact for the defect to be detectable.
    reads: Vec<Res>,
    metrics: Vec<&'static str>,
}

impl Planned {
    fn new(kind: &'static str, file: impl Into<String>) -> Planned {
        Planned {
            kind,
            doc: None,
            metric: None,
            field: None,
            heading: None,
            column: None,
            file: file.into(),
            detail: None,
            x: 0.0,
            claims: Vec::new(),
            touches: Vec::new(),
            reads: vec!["center".into()],
            metrics: Vec::new(),
        }
    }

    fn touches_file(mut self) -> Planned {
        self.touches.push(self.file.clone());
        self
    }

    fn claims_file(mut self) -> Planned {
        self.claims.push(self.file.clone());
        self
    }

    fn conflicts(&self, o: &Planned) -> bool {
        let all = |p: &Planned| -> Vec<Res> {
            p.claims
                .iter()
                .chain(&p.touches)
                .chain(&p.reads)
                .cloned()
                .collect()
        };
        let (a, b) = (all(self), all(o));
        self.claims.iter().any(|c| b.contains(c))
            || o.claims.iter().any(|c| a.contains(c))
            || self.metrics.iter().any(|m| o.metrics.contains(m))
    }
}

fn metrics_key(y: i32) -> String {
    format!("metrics:{y}")
}

fn doc_key(doc: &str) -> String {
    format!("doc:{doc}")
}

/// The defects of center `i` (pure in (seed, i)).
pub fn plan(run: &Run, i: usize) -> Vec<Planned> {
    let mut r = run.rng(i, "plan");
    let mut out: Vec<Planned> = Vec::new();
    let (copy_draw, copy_doc, copy_x) = (r.f64(), *r.pick(&COPYABLE_DOCS), r.f64());
    let outlier_draw = r.f64();
    let defective = r.f64() < run.defect_rate;
    if run.copy_rate > 0.0 && copy_draw < run.copy_rate && run.centers > 1 {
        let mut d = Planned::new("copied_document", doc_key(copy_doc)).claims_file();
        d.doc = Some(copy_doc);
        d.x = copy_x;
        out.push(d);
    }
    let three_years = run.years.len() >= 3;
    if three_years && run.outlier_rate > 0.0 && outlier_draw < run.outlier_rate {
        let mut d = Planned::new("cohort_outlier", metrics_key(REPORT_YEAR));
        d.metric = Some("enterprises_served");
        d.metrics = vec!["enterprises_served"];
        d.reads.push("profile".into());
        d.touches = (0..3).map(|j| metrics_key(REPORT_YEAR - j)).collect();
        out.push(d);
    }
    if !defective {
        return out;
    }
    let k = 1 + r.weighted(&[60.0, 30.0, 10.0]);
    let kinds: Vec<&DefectKind> = DEFECT_KINDS
        .iter()
        .filter(|d| d.weight > 0.0)
        .filter(|d| match d.name {
            "trend_decline" => run.years.len() >= 4,
            "consecutive_shortfall" | "no_service_three_years" => three_years,
            "year_mismatch" => run.years.len() >= 2,
            _ => true,
        })
        .collect();
    let weights: Vec<f64> = kinds.iter().map(|d| d.weight).collect();
    let mut chosen: Vec<&str> = Vec::new();
    for _ in 0..40 {
        if chosen.len() >= k {
            break;
        }
        let kind = kinds[r.weighted(&weights)].name;
        if chosen.contains(&kind) {
            continue;
        }
        let d = draw(run, &mut r, kind);
        if out.iter().any(|o| o.conflicts(&d)) {
            continue;
        }
        chosen.push(kind);
        out.push(d);
    }
    out
}

fn draw(run: &Run, r: &mut Rng, kind: &'static str) -> Planned {
    let y = REPORT_YEAR;
    let my = metrics_key(y);
    let doc_of = |r: &mut Rng| *r.pick(&DOC_TYPES);
    match kind {
        "missing_heading" => {
            let doc = doc_of(r);
            let req: Vec<&Section> = sections(doc).iter().filter(|s| s.required).collect();
            // Never the first (the general provisions).
            let h = req[1 + r.below(req.len() - 1)];
            let mut d = Planned::new(kind, doc_key(doc)).touches_file();
            d.claims.push(format!("outline:{doc}"));
            d.doc = Some(doc);
            d.heading = Some(h.heading);
            d
        }
        "missing_document" | "empty_document" | "gbk_document" | "binary_document" => {
            let doc = doc_of(r);
            let mut d = Planned::new(kind, doc_key(doc)).claims_file();
            d.doc = Some(doc);
            if kind == "missing_document" {
                d.detail = Some(if r.chance(0.7) {
                    "file_absent"
                } else {
                    "index_entry_absent"
                });
            }
            d
        }
        "metric_below_threshold" => {
            let met = *r.pick(&[
                "enterprises_served",
                "tech_contract_turnover",
                "satisfaction_rate",
                "avg_response_days",
            ]);
            let mut d = Planned::new(kind, my).touches_file();
            d.metric = Some(met);
            d.metrics = vec![met];
            if met == "enterprises_served" || met == "tech_contract_turnover" {
                d.reads.push("profile".into());
            }
            if met == "enterprises_served" {
                // services_delivered is kept >= enterprises_served (PRO-008)
                d.metrics.push("services_delivered");
            }
            d
        }
        "fiscal_share_high" | "fiscal_exceeds_total" => {
            let mut d = Planned::new(kind, my).touches_file();
            d.metric = Some("revenue_fiscal");
            d.metrics = vec!["revenue_fiscal", "revenue_total"];
            d
        }
        "understaffed_no_brokers" => {
            let mut d = Planned::new(kind, my).touches_file();
            d.metric = Some("staff_total");
            d.metrics = vec!["staff_total", "full_time_brokers"];
            d
        }
        "services_below_enterprises" => {
            let mut d = Planned::new(kind, my).touches_file();
            d.metric = Some("services_delivered");
            d.metrics = vec!["services_delivered", "enterprises_served"];
            d
        }
        "prose_mismatch" => {
            let met = *r.pick(&[
                "enterprises_served",
                "tech_contract_turnover",
                "satisfaction_rate",
                "training_participants",
                "staff_total",
                "revenue_total",
                "revenue_fiscal",
            ]);
            let mut d = Planned::new(kind, doc_key("self_evaluation")).touches_file();
            d.doc = Some("self_evaluation");
            d.metric = Some(met);
            d.reads.push("outline:self_evaluation".into());
            d.metrics = vec![met];
            d.reads.push(my);
            d
        }
        "stale_revision" => {
            let doc = doc_of(r);
            let mut d = Planned::new(kind, doc_key(doc)).touches_file();
            d.doc = Some(doc);
            d
        }
        "missing_table_column" => {
            let mut d = Planned::new(kind, doc_key("service_catalog")).touches_file();
            d.doc = Some("service_catalog");
            d.column = Some(TABLE_COLUMNS[1 + r.below(3)]);
            d.reads.push("outline:service_catalog".into());
            d
        }
        "trend_decline" => {
            let met = *r.pick(&["enterprises_served", "tech_contract_turnover"]);
            let mut d = Planned::new(kind, my);
            d.metric = Some(met);
            d.metrics = vec![met];
            if met == "enterprises_served" {
                d.metrics.push("services_delivered");
            }
            d.touches = (0..4).map(|j| metrics_key(y - j)).collect();
            d.reads.push("profile".into());
            d
        }
        "consecutive_shortfall" => {
            let met = *r.pick(&["satisfaction_rate", "avg_response_days"]);
            let mut d = Planned::new(kind, my);
            d.metric = Some(met);
            d.metrics = vec![met];
            d.touches = (0..3).map(|j| metrics_key(y - j)).collect();
            d
        }
        "no_service_three_years" => {
            let mut d = Planned::new(kind, my);
            d.metric = Some("services_delivered");
            d.metrics = vec![
                "services_delivered",
                "tech_contract_turnover",
                "training_participants",
                "enterprises_served",
            ];
            d.touches = (0..3).map(|j| metrics_key(y - j)).collect();
            d
        }
        "placeholder_text" => {
            let mut d = Planned::new(kind, doc_key("service_process")).touches_file();
            d.doc = Some("service_process");
            d.detail = Some(*r.pick(&PLACEHOLDERS));
            // Written into a section: a missing section would take it away.
            d.reads.push("outline:service_process".into());
            d
        }
        "time_limit_vague" => {
            let (doc, heading) = *r.pick(&[
                ("service_process", "响应时限"),
                ("complaint_handling", "处理时限"),
            ]);
            let mut d = Planned::new(kind, doc_key(doc)).touches_file();
            d.claims.push(format!("outline:{doc}"));
            d.doc = Some(doc);
            d.heading = Some(heading);
            d
        }
        "problems_glossed_over" => {
            let mut d = Planned::new(kind, doc_key("self_evaluation")).touches_file();
            d.claims.push("outline:self_evaluation".into());
            d.doc = Some("self_evaluation");
            d.heading = Some("存在问题");
            d
        }
        "missing_field" | "invalid_enum" => {
            let field = if kind == "missing_field" {
                *r.pick(&[
                    "name",
                    "level",
                    "province",
                    "operation_model",
                    "established",
                ])
            } else {
                *r.pick(&["level", "operation_model"])
            };
            let mut d = Planned::new(kind, "center").touches_file();
            d.field = Some(field);
            if field == "level" || field == "province" {
                d.claims.push("profile".into());
            }
            d
        }
        "bad_center_id" => {
            let mut d = Planned::new(kind, "center").touches_file();
            d.field = Some("id");
            d
        }
        "unknown_metric" => Planned::new(kind, my).touches_file(),
        "bad_yaml_indent" => {
            let file = if r.chance(0.25) {
                "center".to_string()
            } else {
                metrics_key(*r.pick(&run.years))
            };
            Planned::new(kind, file).claims_file()
        }
        "duplicate_key" => {
            let mut d = Planned::new(kind, metrics_key(*r.pick(&run.years))).claims_file();
            d.metric = Some(r.pick(&METRICS).id);
            d
        }
        "wrong_type" | "out_of_range" => {
            let met = if kind == "wrong_type" {
                *r.pick(&[
                    "enterprises_served",
                    "staff_total",
                    "tech_contract_turnover",
                    "satisfaction_rate",
                ])
            } else {
                *r.pick(&[
                    "enterprises_served",
                    "training_participants",
                    "satisfaction_rate",
                    "online_service_share",
                ])
            };
            let mut d = Planned::new(kind, my).touches_file();
            d.metric = Some(met);
            d.metrics = vec![met];
            d
        }
        "year_mismatch" => {
            let earlier = &run.years[..run.years.len() - 1];
            Planned::new(kind, metrics_key(*r.pick(earlier))).touches_file()
        }
        _ => unreachable!("no drawing for {kind}"),
    }
}

/// One year of metric values, in catalogue order (bools as 0/1).
pub type Year = [f64; 15];

fn ix(id: &str) -> usize {
    metric_index(id)
}

/// Clean values for every year (pure), every one within the baseline's thresholds for
/// the center's cohort.
pub fn metric_series(run: &Run, p: &Profile) -> Vec<(i32, Year)> {
    let mut r = run.rng(p.index, "metrics");
    let (lv, rg) = (p.level, p.region);
    let scale = level_factor(lv) * region_factor(rg);
    let ent_floor = cohort_floor("enterprises_served", lv, rg);
    let tct_floor = cohort_floor("tech_contract_turnover", lv, rg);
    let ent = (ent_floor / 0.3 * r.lognormal(0.35)).max(ent_floor * 1.5);
    let tct = (tct_floor * 10.0 * r.lognormal(0.6)).max(tct_floor * 1.8);
    let growth = r.gauss(0.06, 0.05);
    let train_ratio = r.uniform(1.5, 4.0);
    let svc_ratio = r.uniform(1.8, 4.5);
    // staff ~ 60 × level^0.6 × region^0.3, the powers tabulated
    let lpow = match lv {
        "national" => 1.0,
        "provincial" => 0.736,
        "municipal" => 0.486,
        _ => 0.251,
    };
    let rpow = match rg {
        "east" => 1.0,
        "central" | "northeast" => 0.883,
        _ => 0.827,
    };
    let staff = 60.0 * lpow * rpow * r.lognormal(0.25);
    let broker_ratio = r.uniform(0.08, 0.25);
    let per_cap = r.uniform(25.0, 70.0);
    let (flo, fhi) = match p.operation_model {
        "government" => (0.35, 0.56),
        "hybrid" => (0.15, 0.45),
        _ => (0.02, 0.2),
    };
    let fiscal = r.uniform(flo, fhi);
    let sat = r.uniform(0.885, 0.985);
    let resp = r.uniform(0.6, 3.5);
    let repeat = r.uniform(0.2, 0.55);
    let online = r.uniform(0.35, 0.85);
    let compound = r.uniform(0.15, 0.55);
    let partners = 3.0 + 25.0 * scale * r.uniform(0.5, 1.5);
    let connected_from = [
        REPORT_YEAR - 5,
        REPORT_YEAR - 3,
        REPORT_YEAR - 2,
        REPORT_YEAR - 1,
        REPORT_YEAR,
        9999,
    ][r.weighted(&[15.0, 20.0, 20.0, 20.0, 10.0, 15.0])];
    let money_round = |v: f64, style: u8| -> f64 {
        // 4.87亿 in a metrics file is exactly 48700: keep what is written.
        if style == 2 && v >= 10000.0 {
            (v / 100.0).round() * 100.0
        } else {
            v.round()
        }
    };
    let round3 = |v: f64| (v * 1000.0).round() / 1000.0;
    let round1 = |v: f64| (v * 10.0).round() / 10.0;
    let mut out = Vec::new();
    for &y in &run.years {
        let k = REPORT_YEAR - y;
        let f = powi(1.0 + growth, -k);
        let e = (ent * f * r.lognormal(0.05))
            .round()
            .max((ent_floor * 1.2).ceil());
        let st = (staff * powi(1.0 + growth / 3.0, -k) * r.lognormal(0.04))
            .round()
            .max(6.0);
        let rt = money_round(st * per_cap * r.lognormal(0.06), p.money_style);
        let fs = (fiscal + r.gauss(0.0, 0.02)).clamp(0.0, 0.58);
        let mut v: Year = [0.0; 15];
        v[ix("enterprises_served")] = e;
        v[ix("services_delivered")] = (e * svc_ratio * r.lognormal(0.05)).round();
        v[ix("tech_contract_turnover")] = money_round(
            (tct * f * r.lognormal(0.1)).max((tct_floor * 1.2).ceil()),
            p.money_style,
        );
        v[ix("training_participants")] = (e * train_ratio * r.lognormal(0.08)).round();
        v[ix("satisfaction_rate")] =
            round3((sat + r.gauss(0.0, 0.01) - 0.004 * f64::from(k)).clamp(0.86, 0.995));
        v[ix("avg_response_days")] =
            round1((resp * (1.0 + 0.05 * f64::from(k)) + r.gauss(0.0, 0.1)).clamp(0.5, 4.5));
        v[ix("staff_total")] = st;
        v[ix("full_time_brokers")] = (st * broker_ratio).round().max(1.0);
        v[ix("compound_talent_share")] =
            round3((compound - 0.01 * f64::from(k) + r.gauss(0.0, 0.01)).clamp(0.05, 0.9));
        v[ix("university_partners")] = (partners * powi(1.0 + growth, -k)).round().max(1.0);
        v[ix("revenue_total")] = rt;
        v[ix("revenue_fiscal")] =
            money_round(rt * fs, if rt * fs >= 10000.0 { p.money_style } else { 0 });
        v[ix("repeat_client_rate")] = round3((repeat + r.gauss(0.0, 0.02)).clamp(0.1, 0.8));
        v[ix("online_service_share")] =
            round3((online - 0.06 * f64::from(k) + r.gauss(0.0, 0.015)).clamp(0.05, 0.95));
        v[ix("data_platform_connected")] = if y >= connected_from { 1.0 } else { 0.0 };
        out.push((y, v));
    }
    let _ = exp; // (exp is used through Rng::lognormal)
    out
}

/// Half-width digits to full-width (１２５０, ９４．３％).
pub fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            '.' => '．',
            ',' => '，',
            '%' => '％',
            _ => c,
        })
        .collect()
}

/// `1,250` with thousands separators.
pub fn thousands(v: i64) -> String {
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A number with at most `d` decimals, trailing zeros removed (0.943, 94.3, 1250).
pub fn trim_num(v: f64, d: usize) -> String {
    let s = format!("{v:.d$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// How a percentage is written in a metrics file.
pub fn fmt_pct_metric(p: &Profile, v: f64, r: &mut Rng) -> String {
    let style = match p.pct_style {
        PctStyle::Mixed if r.chance(0.5) => PctStyle::Percent,
        PctStyle::Mixed => PctStyle::Fraction,
        s => s,
    };
    if style == PctStyle::Fraction {
        return trim_num(v, 3);
    }
    let pts = v * 100.0;
    let s = if p.pct_int && (pts - pts.round()).abs() < 1e-9 {
        format!("{}%", pts.round())
    } else {
        format!("{pts:.1}%")
    };
    if p.pct_fullwidth {
        full_width(&s)
    } else {
        s
    }
}

/// How a metric value is written in a metrics file, as people write it.
pub fn fmt_metric(p: &Profile, m: &Metric, v: f64, r: &mut Rng) -> String {
    let s = match m.kind {
        MetricKind::Bool => return if v != 0.0 { "true" } else { "false" }.into(),
        MetricKind::Percent => fmt_pct_metric(p, v, r),
        MetricKind::Number => trim_num(v, 1),
        MetricKind::Money => match p.money_style {
            2 if v >= 10000.0 => format!("{}亿", trim_num(v / 10000.0, 2)),
            1 | 2 => format!("{}万", thousands(v as i64)),
            _ => trim_num(v, 1),
        },
        MetricKind::Int => match p.int_style {
            1 => thousands(v as i64),
            2 => full_width(&(v as i64).to_string()),
            _ => (v as i64).to_string(),
        },
    };
    if p.quote_values && !s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        format!("\"{s}\"")
    } else {
        s
    }
}

/// The comment after a metric line (`# 服务企业数（家）`).
pub fn metric_comment(m: &Metric) -> String {
    if !m.unit.is_empty() && m.unit != "%" && !m.zh.contains(m.unit) {
        format!("{}（{}）", m.zh, m.unit)
    } else {
        m.zh.to_string()
    }
}
