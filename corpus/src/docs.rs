//! The five process documents, written as people write them: numbered or aliased
//! headings, article style, tables, lists, appendices, revision dates in several forms,
//! and the self-evaluation's prose stating the year's figures.

use crate::catalog::*;
use crate::center::{full_width, thousands, DateStyle, Profile, Year};
use crate::rng::Rng;
use crate::template::{bank, expand_str, try_bank, Bank, Context, Drawer};

/// What a defect or variant changes in one document.
#[derive(Default, Clone, Debug)]
pub struct DocChanges {
    pub stale: bool,
    pub drop_heading: Option<&'static str>,
    pub drop_column: Option<&'static str>,
    /// The metric whose figure the self-evaluation misstates.
    pub mismatch: Option<&'static str>,
    pub placeholder: Option<&'static str>,
    /// A time-limit section that names no time.
    pub vague_heading: Option<&'static str>,
    pub gloss_problems: bool,
    /// A realistic variant the baseline currently rejects (`--rejected-variants`).
    pub rejected: Option<&'static str>,
}

pub struct DocOut {
    pub text: String,
    /// The revision date line as written (for copies).
    pub date_line: String,
    pub revision_date: String,
    /// (stated, metric) of a misstated figure.
    pub stated: Option<(f64, f64)>,
}

const CN_NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// 1..99 in Chinese numerals (第二十三条).
pub fn cn_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n < 10 {
        return D[n].to_string();
    }
    let (t, u) = (n / 10, n % 10);
    format!(
        "{}十{}",
        if t == 1 { "" } else { D[t] },
        if u > 0 { D[u] } else { "" }
    )
}

/// 二〇二三 for a year, 五 / 十二 / 二十八 for months and days.
fn cn_date_part(n: i64, digits: bool) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if digits {
        n.to_string()
            .chars()
            .map(|c| D[c as usize - '0' as usize])
            .collect()
    } else {
        cn_number(n as usize)
    }
}

/// The placeholder values of one document.
struct DocCtx<'a> {
    p: &'a Profile,
    doc: &'static str,
    basis: [&'static str; 2],
    nums: [i64; 13],
    worktime: &'static str,
    address: String,
}

impl Context for DocCtx<'_> {
    fn put(&self, name: &str, out: &mut String) {
        let n = |i: usize| self.nums[i].to_string();
        let s: String = match name {
            "center" => self.p.name.clone(),
            "kind" => doc_kind(self.doc).into(),
            "topic" => doc_topic(self.doc).into(),
            "basis" => self.basis[0].into(),
            "basis2" => self.basis[1].into(),
            "city" => self.p.city_full.clone(),
            "prov" => self.p.province.full.into(),
            "doctitle" => doc_title(self.doc).into(),
            "hours" => n(0),
            "days1" => n(1),
            "days2" => n(2),
            "days3" => n(3),
            "days4" => n(4),
            "keep" => n(5),
            "keep2" => n(6),
            "months" => n(7),
            "drills" => n(8),
            "pct" => n(9),
            "pct2" => n(10),
            "n" => n(11),
            "n2" => n(12),
            "phone" => self.p.phone.clone(),
            "email" => self.p.email.clone(),
            "worktime" => self.worktime.into(),
            "address" => self.address.clone(),
            _ => panic!("unknown placeholder <{name}>"),
        };
        out.push_str(&s);
    }
}

fn doc_ctx<'a>(r: &mut Rng, p: &'a Profile, doc: &'static str) -> DocCtx<'a> {
    let pool: &[&str] = if doc == "data_security" {
        &BASIS_DATA
    } else {
        &BASIS
    };
    let two = r.sample(pool.len(), 2);
    let mut pick = |xs: &[i64]| *r.pick(xs);
    let nums = [
        pick(&[2, 4, 8, 24]),
        pick(&[1, 2, 3]),
        pick(&[3, 5, 7]),
        pick(&[5, 7, 10, 15]),
        pick(&[20, 30]),
        pick(&[3, 5, 10]),
        pick(&[6, 12]),
        pick(&[3, 6]),
        pick(&[1, 2]),
        pick(&[20, 30, 50]),
        pick(&[80, 90, 100]),
        pick(&[2, 3, 4, 5, 6, 7, 8, 9, 10]),
        pick(&[1, 2, 3, 4, 5]),
    ];
    let worktime = *r.pick(&["8:30-17:30", "9:00-17:00", "8:30-12:00，14:00-17:30"]);
    let address = format!(
        "{}{}{}号",
        p.city_full,
        r.pick(&["科技路", "创新大道", "人民路", "高新大道", "建设路"]),
        r.int(1, 399)
    );
    DocCtx {
        p,
        doc,
        basis: [pool[two[0]], pool[two[1]]],
        nums,
        worktime,
        address,
    }
}

fn heading_text(p: &Profile, si: usize, title: &str, level: u32, sub: usize) -> String {
    let t = if p.bold_headings {
        format!("**{title}**")
    } else {
        title.to_string()
    };
    if level == 2 {
        match p.heading_style {
            1 => format!("## {}、{t}", CN_NUM[si]),
            2 => format!("## {} {t}", si + 1),
            3 => format!("## 第{}章　{t}", CN_NUM[si]),
            _ => format!("## {t}"),
        }
    } else {
        match p.heading_style {
            1 | 3 => format!("### （{}）{t}", CN_NUM[sub]),
            2 => format!("### {}.{} {t}", si + 1, sub + 1),
            _ => format!("### {t}"),
        }
    }
}

/// A figure as prose writes it: `1,250` or `1250`, full-width for some.
pub fn fmt_int(p: &Profile, v: f64) -> String {
    let s = if p.thousands {
        thousands(v as i64)
    } else {
        (v as i64).to_string()
    };
    if p.fullwidth_prose {
        full_width(&s)
    } else {
        s
    }
}

/// An amount in 万元 as Chinese prose writes it: 4.87亿元 or 3,256万元.
pub fn fmt_wan(p: &Profile, v: f64) -> String {
    if v >= 10000.0 {
        let s = format!("{:.2}", v / 10000.0);
        let s = if p.fullwidth_prose { full_width(&s) } else { s };
        format!("{s}亿元")
    } else {
        format!("{}万元", fmt_int(p, v.round()))
    }
}

fn fmt_pct_prose(p: &Profile, v: f64) -> String {
    let s = format!("{:.1}%", v * 100.0);
    if p.fullwidth_prose {
        full_width(&s)
    } else {
        s
    }
}

/// (date as written, ISO date) of a document.
fn revision_date(r: &mut Rng, p: &Profile, doc: &str, stale: bool) -> (DateStyle, String, String) {
    let (y, m, d) = if stale {
        (r.int(2015, 2020), r.int(1, 12), r.int(1, 28))
    } else if doc == "self_evaluation" {
        (i64::from(REPORT_YEAR) + 1, r.int(1, 2), r.int(1, 28))
    } else {
        (r.int(2022, 2024), r.int(1, 12), r.int(1, 28))
    };
    let mut style = p.date_style;
    if stale && !style.parsed() {
        // A stale date must be one the checker reads, or the defect is a different one.
        style = DateStyle::Zh;
    }
    let written = match style {
        DateStyle::Iso => format!("{y:04}-{m:02}-{d:02}"),
        DateStyle::Zh | DateStyle::ZhSuffix | DateStyle::Meeting => format!("{y}年{m}月{d}日"),
        DateStyle::Dotted => format!("{y}.{m:02}.{d:02}"),
        DateStyle::Slash => format!("{y}/{m}/{d}"),
        DateStyle::MonthOnly => format!("{y}年{m}月"),
        DateStyle::CnNumerals => format!(
            "{}年{}月{}日",
            cn_date_part(y, true),
            cn_date_part(m, false),
            cn_date_part(d, false)
        ),
    };
    (style, written, format!("{y:04}-{m:02}-{d:02}"))
}

fn date_line(style: DateStyle, written: &str, kind: &str) -> String {
    match style {
        DateStyle::ZhSuffix => format!("（本{kind}{written}修订）"),
        DateStyle::Meeting => format!("——{written}经中心主任办公会审议通过"),
        _ => format!("修订日期：{written}"),
    }
}

fn list_bank(doc: &str, section: &str) -> Option<&'static [&'static str]> {
    LIST_BANK
        .iter()
        .find(|(d, s, _)| *d == doc && *s == section)
        .map(|(_, _, v)| *v)
}

fn catalog_table(r: &mut Rng, p: &Profile, drop: Option<&str>) -> String {
    let n = r.int(6, 14) as usize;
    let items = r.sample(CATALOG_ITEMS.len(), n);
    let shown: Vec<&str> = TABLE_COLUMNS
        .iter()
        .map(|c| {
            let aliases = table_aliases(c);
            if p.alias_user && !aliases.is_empty() && r.chance(0.5) {
                *r.pick(aliases)
            } else {
                *c
            }
        })
        .collect();
    let keep: Vec<usize> = (0..4).filter(|j| Some(TABLE_COLUMNS[*j]) != drop).collect();
    let mut rows = vec![
        format!(
            "| {} |",
            keep.iter()
                .map(|j| shown[*j])
                .collect::<Vec<_>>()
                .join(" | ")
        ),
        format!(
            "|{}|",
            keep.iter().map(|_| "---").collect::<Vec<_>>().join("|")
        ),
    ];
    for k in items {
        let (name, descs) = CATALOG_ITEMS[k];
        let desc = *r.pick(&descs);
        let fee = *r.pick(&FEES);
        let fee = expand_str(fee, r);
        let limit = *r.pick(&LIMITS);
        let limit = expand_str(limit, r);
        let cells = [name.to_string(), desc.to_string(), fee, limit];
        rows.push(format!(
            "| {} |",
            keep.iter()
                .map(|j| cells[*j].as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    rows.join("\n")
}

fn appendix(r: &mut Rng, p: &Profile, name: &str, series: &[(i32, Year)]) -> String {
    if let Some((_, fields)) = FORM_FIELDS.iter().find(|(n, _)| *n == name) {
        let keep: Vec<&str> = fields.iter().copied().filter(|_| r.chance(0.85)).collect();
        let blank = *r.pick(&["", "　", "（填写）"]);
        if r.chance(0.5) || keep.len() < 4 {
            let mut rows = vec!["| 项目 | 内容 |".to_string(), "|---|---|".to_string()];
            rows.extend(keep.iter().map(|x| format!("| {x} | {blank} |")));
            return rows.join("\n");
        }
        let mut rows = vec![
            format!("| {} | {} | {} | {} |", keep[0], keep[1], keep[2], keep[3]),
            "|---|---|---|---|".to_string(),
        ];
        for pair in keep[4..].chunks(2) {
            rows.push(format!(
                "| {} | {blank} | {} | {blank} |",
                pair[0],
                pair.get(1).copied().unwrap_or("")
            ));
        }
        return rows.join("\n");
    }
    if let Some((_, steps)) = FLOW_STEPS.iter().find(|(n, _)| *n == name) {
        if r.chance(0.5) {
            return steps.join(" → ");
        }
        return steps
            .iter()
            .enumerate()
            .map(|(k, x)| format!("{}. {x}", k + 1))
            .collect::<Vec<_>>()
            .join("\n");
    }
    if name == "数据分类分级清单" {
        let mut rows = vec![
            "| 数据类别 | 示例 | 级别 | 保护措施 |".to_string(),
            "|---|---|---|---|".to_string(),
        ];
        for row in DATA_CLASSES {
            if r.chance(0.9) {
                rows.push(format!("| {} |", row.join(" | ")));
            }
        }
        return rows.join("\n");
    }
    // 主要指标完成情况表: the last three years.
    let years = &series[series.len().saturating_sub(3)..];
    let mut rows = vec![
        format!(
            "| 指标 | {} |",
            years
                .iter()
                .map(|(y, _)| format!("{y}年"))
                .collect::<Vec<_>>()
                .join(" | ")
        ),
        format!("|---{}|", "|---:".repeat(years.len())),
    ];
    for (mi, m) in METRICS.iter().enumerate() {
        if m.kind == MetricKind::Bool {
            continue;
        }
        let cells: Vec<String> = years
            .iter()
            .map(|(_, v)| match m.kind {
                MetricKind::Percent => format!("{:.1}%", v[mi] * 100.0),
                MetricKind::Number => format!("{:.1}", v[mi]),
                _ => fmt_int(p, v[mi]),
            })
            .collect();
        rows.push(format!(
            "| {} | {} |",
            crate::center::metric_comment(m),
            cells.join(" | ")
        ));
    }
    rows.join("\n")
}

/// Blocks of one section: paragraphs and tables, and paragraphs of its subsections.
#[derive(Default)]
struct Body {
    blocks: Vec<String>,
    sub: Vec<Vec<String>>,
}

fn section_bank(doc: &str, heading: &str) -> Option<&'static Bank> {
    try_bank(&format!("section {doc} {heading}"))
}

/// Render one document (pure in (seed, index, doc, changes)).
pub fn render(
    run: &crate::center::Run,
    p: &Profile,
    doc: &'static str,
    series: &[(i32, Year)],
    ch: &DocChanges,
) -> DocOut {
    let mut r = run.rng(p.index, &format!("doc:{doc}"));
    let c = doc_ctx(&mut r, p, doc);
    let mut dr = Drawer::new(&c);
    let (style, written, iso) = revision_date(&mut r, p, doc, ch.stale);
    let dline = date_line(style, &written, doc_kind(doc));
    let title = if doc == "self_evaluation" {
        format!("{}{REPORT_YEAR}{}", p.name, doc_title(doc))
    } else {
        format!("{}{}", p.name, doc_title(doc))
    };
    let target = r.triangular(3400.0, 13000.0, 5500.0) as usize;
    let apps: Vec<&str> = appendices(doc)
        .iter()
        .copied()
        .filter(|_| r.chance(0.45))
        .collect();
    let secs = sections(doc);
    // Optional sections are there in most documents.
    let present: Vec<bool> = secs.iter().map(|s| s.required || r.chance(0.75)).collect();
    let mut stated = None;
    let mut bodies: Vec<Body> = Vec::new();
    for s in secs {
        let h = s.heading;
        let mut b = Body::default();
        if doc == "self_evaluation" {
            self_eval_section(&mut r, p, s, series, ch, &mut stated, &mut dr, &mut b);
        } else if ch.vague_heading == Some(h) {
            b.blocks.push(vague_time_limit(&mut r, doc));
        } else if h == "总则" {
            if !s.subsections.is_empty() {
                for sh in s.subsections {
                    let sb = section_bank(doc, sh).unwrap_or_else(|| bank("scope"));
                    let mut t = sb.templates[0].expand(&mut r, dr.ctx);
                    let rest = dr.para(&mut r, sb, 0, 1, false);
                    t.push_str(&rest);
                    b.sub.push(vec![t]);
                }
                b.blocks.push(dr.para(&mut r, bank("opening"), 1, 1, true));
            } else {
                let mut t = dr.para(&mut r, bank("opening"), 1, 1, true);
                t.push_str(&dr.para(&mut r, bank("scope"), 1, 2, true));
                b.blocks.push(t);
            }
        } else if h == "附则" {
            b.blocks.push(dr.para(&mut r, bank("closing"), 2, 3, true));
        } else if h == "服务目录" {
            let sb = bank("section service_catalog 服务目录");
            b.blocks.push(dr.para(&mut r, sb, 1, 1, true));
            b.blocks.push(catalog_table(&mut r, p, ch.drop_column));
            if r.chance(0.5) {
                b.blocks
                    .push(format!("注：{}", dr.para(&mut r, sb, 1, 1, true)));
            }
        } else if let Some(sb) = section_bank(doc, h) {
            if h == "响应时限" {
                // The first template states the times (工作日): a clean section always has it.
                let mut t = dr.take(&mut r, sb, 0);
                t.push_str(&dr.para(&mut r, sb, 1, 2, true));
                b.blocks.push(t);
            } else {
                b.blocks.push(dr.para(&mut r, sb, 2, 3, true));
            }
            if let Some(lb) = list_bank(doc, h) {
                if r.chance(0.7) {
                    let k = r.int(3, lb.len() as i64) as usize;
                    let mut pick = r.sample(lb.len(), k);
                    pick.sort_unstable();
                    let ordered = r.chance(0.5);
                    let lines: Vec<String> = pick
                        .iter()
                        .enumerate()
                        .map(|(j, x)| {
                            let head = if ordered {
                                format!("{}. ", j + 1)
                            } else {
                                "- ".to_string()
                            };
                            let end = if j + 1 < pick.len() { "；" } else { "。" };
                            format!("{head}{}{end}", lb[*x])
                        })
                        .collect();
                    b.blocks.push(lines.join("\n"));
                }
            }
        }
        if ch.placeholder.is_some() && h == "服务受理" {
            b.blocks
                .push(placeholder_sentence(ch.placeholder.unwrap_or("待补充")));
        }
        bodies.push(b);
    }
    grow(
        &mut r,
        &mut dr,
        doc,
        secs,
        &present,
        ch,
        target,
        &mut bodies,
    );

    // Assemble.
    let mut out: Vec<String> = vec![format!("# {title}"), String::new()];
    if !p.date_at_bottom {
        out.push(format!(
            "> 文件编号：{}-{:02}　版本：V{}.{}",
            p.id,
            DOC_TYPES.iter().position(|t| *t == doc).unwrap_or(0) + 1,
            r.int(1, 4),
            r.int(0, 9)
        ));
        out.push(">".into());
        out.push(format!("> {dline}"));
        out.push(String::new());
    }
    let mut article = 0usize;
    let articles = p.articles && doc != "self_evaluation";
    let mut art = |b: &str| -> String {
        let first = b.chars().next().unwrap_or(' ');
        if !articles || matches!(first, '|' | '-' | '>') || first.is_ascii_digit() {
            return b.to_string();
        }
        article += 1;
        format!("第{}条　{b}", cn_number(article))
    };
    let mut shown_index = 0usize;
    for (si, s) in secs.iter().enumerate() {
        if !present[si] {
            continue;
        }
        // A missing section is gone, heading and text (text written under another heading
        // is a warning, not a missing section).
        if ch.drop_heading == Some(s.heading) {
            continue;
        }
        let body = &bodies[si];
        let mut shown = s.heading;
        if p.alias_user && !s.aliases.is_empty() && r.chance(0.4) {
            shown = s.aliases[0];
        }
        let reworded = ch.rejected == Some("reworded_heading") && s.heading == "调查与处理";
        if reworded {
            shown = "调查及处理";
        }
        if ch.rejected == Some("plain_numbered_headings") {
            out.push(format!("{}、{shown}", CN_NUM[shown_index]));
        } else {
            out.push(heading_text(p, shown_index, shown, 2, 0));
        }
        out.push(String::new());
        shown_index += 1;
        for b in &body.blocks {
            out.push(art(b));
            out.push(String::new());
        }
        for (k, sh) in s.subsections.iter().enumerate() {
            out.push(heading_text(p, shown_index.saturating_sub(1), sh, 3, k));
            out.push(String::new());
            for b in body.sub.get(k).into_iter().flatten() {
                out.push(art(b));
                out.push(String::new());
            }
        }
    }
    for (k, name) in apps.iter().enumerate() {
        let lab = if doc == "self_evaluation" {
            "附表"
        } else {
            "附件"
        };
        let sep = *r.pick(&["　", "：", " "]);
        out.push(format!("## {lab}{}{sep}{name}", k + 1));
        out.push(String::new());
        out.push(appendix(&mut r, p, name, series));
        out.push(String::new());
    }
    if p.date_at_bottom {
        out.push(p.name.clone());
        out.push(String::new());
        out.push(dline.clone());
        out.push(String::new());
    }
    DocOut {
        text: out.join("\n"),
        date_line: dline,
        revision_date: iso,
        stated,
    }
}

fn placeholder_sentence(word: &str) -> String {
    match word {
        "XXX" => "受理咨询电话：XXX，受理地点：XXX。".into(),
        "TODO" => "TODO：补充受理登记的具体要求。".into(),
        "此处填写" => "（此处填写服务受理流程图）".into(),
        "待完善" => "服务受理的具体环节和材料清单待完善。".into(),
        _ => "受理登记表样式待补充。".into(),
    }
}

/// A time-limit section that gives no time (PRO-003 / SUP-010).
fn vague_time_limit(r: &mut Rng, doc: &str) -> String {
    let t = if doc == "service_process" {
        "{中心|本中心}对服务需求{及时|尽快}{响应|作出响应}，具体{时限|办理期限}{根据|视}{服务项目|项目复杂程度}{另行确定|由双方约定}。{确有|如有}特殊情况的，{应|须}{及时|提前}{告知|通知}服务对象。"
    } else {
        "投诉{应|须}{及时|尽快}{处理|办结}，{复杂|重大}投诉{可|可以}{适当|视情况}延长处理{时间|期限}，{并|同时}{告知|通知}投诉人。"
    };
    expand_str(t, r)
}

#[allow(clippy::too_many_arguments)]
fn grow(
    r: &mut Rng,
    dr: &mut Drawer,
    doc: &'static str,
    secs: &[Section],
    present: &[bool],
    ch: &DocChanges,
    target: usize,
    bodies: &mut [Body],
) {
    let mut size: usize = bodies
        .iter()
        .flat_map(|b| b.blocks.iter().chain(b.sub.iter().flatten()))
        .map(String::len)
        .sum();
    let growable: Vec<usize> = (0..secs.len())
        .filter(|j| present[*j])
        .filter(|j| !matches!(secs[*j].heading, "附则" | "服务目录"))
        .filter(|j| ch.vague_heading != Some(secs[*j].heading))
        .filter(|j| ch.drop_heading != Some(secs[*j].heading))
        .filter(|j| !(ch.gloss_problems && secs[*j].heading == "存在问题"))
        .collect();
    let own = |j: usize| -> Option<&'static Bank> {
        let h = secs[j].heading;
        if doc == "self_evaluation" {
            try_bank(&format!("self {h}"))
        } else if h == "总则" {
            Some(bank("scope"))
        } else {
            section_bank(doc, h)
        }
    };
    let pools: Vec<&'static Bank> = if doc == "self_evaluation" {
        vec![bank("self generic")]
    } else {
        vec![bank(&format!("pool {doc}")), bank("generic")]
    };
    let mut reuse = false;
    for _ in 0..400 {
        if size >= target || growable.is_empty() {
            break;
        }
        let j = *r.pick(&growable);
        let own_j = own(j);
        let chosen: Option<&'static Bank> = if reuse {
            // Every template was used once: vary the wording of the general pools
            // (a section's own bank is too small to repeat without reading as a loop).
            Some(*r.pick(&pools))
        } else {
            let own_left = own_j.filter(|b| dr.left(b) > 0);
            if own_left.is_some() && r.chance(0.6) {
                own_left
            } else {
                let cand: Vec<&'static Bank> =
                    pools.iter().copied().filter(|b| dr.left(b) > 0).collect();
                if cand.is_empty() {
                    own_left
                } else {
                    Some(*r.pick(&cand))
                }
            }
        };
        let Some(b) = chosen else {
            if growable
                .iter()
                .any(|k| own(*k).is_some_and(|b| dr.left(b) > 0))
            {
                continue;
            }
            reuse = true; // every template used once: vary the wording of used ones
            continue;
        };
        let para = dr.para(r, b, 2, 4, reuse);
        if size + para.len() > 12000 {
            break; // headings, tables and appendices come on top: stay under 15 KB
        }
        if !para.is_empty() {
            size += para.len();
            bodies[j].blocks.push(para);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn self_eval_section(
    r: &mut Rng,
    p: &Profile,
    s: &Section,
    series: &[(i32, Year)],
    ch: &DocChanges,
    stated_out: &mut Option<(f64, f64)>,
    dr: &mut Drawer,
    b: &mut Body,
) {
    let y = REPORT_YEAR;
    let cur = &series[series.len() - 1].1;
    let prev = (series.len() >= 2).then(|| &series[series.len() - 2].1);
    let v = |id: &str| cur[metric_index(id)];
    let mut stated = |r: &mut Rng, id: &'static str, value: f64| -> f64 {
        if ch.mismatch != Some(id) {
            return value;
        }
        let nv = if id == "satisfaction_rate" {
            let sign = if r.chance(0.5) { -1.0 } else { 1.0 };
            let mut nv = value + sign * r.uniform(0.03, 0.08);
            if nv >= 1.0 {
                nv = value - r.uniform(0.03, 0.08);
            }
            (nv * 1000.0).round() / 1000.0
        } else {
            let f = if r.chance(0.5) {
                r.uniform(0.55, 0.88)
            } else {
                r.uniform(1.12, 1.45)
            };
            let mut nv = (value * f).round();
            if (id == "tech_contract_turnover" || id.starts_with("revenue")) && nv >= 10000.0 {
                nv = (nv / 100.0).round() * 100.0; // 4.87亿元 is what is written
            }
            if nv == value {
                nv = value + 3.0;
            }
            nv
        };
        *stated_out = Some((nv, value));
        nv
    };
    let yoy = |id: &str| -> String {
        let Some(pv) = prev else { return String::new() };
        let (a, b) = (pv[metric_index(id)], cur[metric_index(id)]);
        if a == 0.0 {
            return String::new();
        }
        let g = 100.0 * (b / a - 1.0);
        if g.abs() < 0.05 {
            return "，与上年基本持平".into();
        }
        format!(
            "，同比{}{:.1}%",
            if g > 0.0 { "增长" } else { "下降" },
            g.abs()
        )
    };
    let own = try_bank(&format!("self {}", s.heading));
    match s.heading {
        "基本情况" => {
            let opm = match p.operation_model {
                "government" => "政府主导运营",
                "market" => "市场化运营",
                _ => "“政府引导、市场运作”的混合模式运营",
            };
            let who = match r.below(3) {
                0 => format!("是{}科技主管部门主管的公益性科技服务机构，", p.city_full),
                1 => "是面向中小企业提供科技服务的非营利性机构，".to_string(),
                _ => format!("是{}科技服务体系的重要组成部分，", p.province.full),
            };
            let mut t = format!(
                "{}成立于{}年，{who}现为{}，采用{opm}。",
                p.name,
                p.established,
                level_zh(p.level)
            );
            if let Some(o) = own {
                t.push_str(&dr.para(r, o, 1, 1, true));
            }
            b.blocks.push(t);
        }
        "主要工作成效" => {
            b.blocks.push(dr.para(r, bank("self generic"), 1, 1, true));
            let e = stated(r, "enterprises_served", v("enterprises_served"));
            let mut s1 = format!(
                "{y}年，中心全年服务企业{}家{}，累计提供各类服务{}项次。",
                fmt_int(p, e),
                yoy("enterprises_served"),
                fmt_int(p, v("services_delivered"))
            );
            if let Some(o) = own {
                s1.push_str(&dr.para(r, o, 1, 1, true));
            }
            let mut s1_blocks = vec![s1];
            if let (Some(kind), Some(pv)) = (ch.rejected, prev) {
                let before = pv[metric_index("enterprises_served")];
                match kind {
                    "year_before_term" => s1_blocks.push(format!(
                        "与上年相比，{}年服务企业{}家，{y}年服务企业{}家，服务覆盖面持续扩大。",
                        y - 1,
                        fmt_int(p, before),
                        fmt_int(p, e)
                    )),
                    "from_to" => s1_blocks.push(format!(
                        "服务企业数由{}家{}到{}家。",
                        fmt_int(p, before),
                        if e >= before { "增加" } else { "减少" },
                        fmt_int(p, e)
                    )),
                    "sub_population" => s1_blocks.push(format!(
                        "其中，在高新区服务企业{}家，在各乡镇工业园区服务企业{}家。",
                        fmt_int(p, (e * 0.4).round()),
                        fmt_int(p, (e * 0.25).round())
                    )),
                    _ => {}
                }
            }
            let t = stated(r, "tech_contract_turnover", v("tech_contract_turnover"));
            let s2 = format!(
                "全年促成技术合同{}项，技术合同成交额{}{}。与{}所高校院所保持稳定合作关系。",
                r.int(20, 600),
                fmt_wan(p, t),
                yoy("tech_contract_turnover"),
                fmt_int(p, v("university_partners"))
            );
            let tp = stated(r, "training_participants", v("training_participants"));
            let s3 = format!(
                "组织各类培训{}场次，培训{}人次，覆盖{}等群体。",
                r.int(8, 120),
                fmt_int(p, tp),
                r.pick(&["技术经纪人", "企业技术骨干", "企业经营管理人员"])
            );
            let sat = stated(r, "satisfaction_rate", v("satisfaction_rate"));
            let s4 = format!(
                "经第三方测评，全年服务满意度{}，平均服务响应时间{:.1}个工作日，服务对象重复率{}，线上服务占比{}。",
                fmt_pct_prose(p, sat),
                v("avg_response_days"),
                fmt_pct_prose(p, v("repeat_client_rate")),
                fmt_pct_prose(p, v("online_service_share"))
            );
            b.sub = vec![s1_blocks, vec![s2], vec![s3], vec![s4]];
            if let Some(pv) = prev {
                if r.chance(0.5) {
                    let mut rows = vec![
                        format!("| 指标 | {}年 | {y}年 |", y - 1),
                        "|---|---:|---:|".to_string(),
                    ];
                    for (id, lab) in [
                        ("services_delivered", "提供服务（项次）"),
                        ("university_partners", "合作高校院所（家）"),
                        ("online_service_share", "线上服务占比"),
                        ("repeat_client_rate", "服务对象重复率"),
                    ] {
                        let (a, c) = (pv[metric_index(id)], cur[metric_index(id)]);
                        if id.ends_with("share") || id.ends_with("rate") {
                            rows.push(format!("| {lab} | {:.1}% | {:.1}% |", a * 100.0, c * 100.0));
                        } else {
                            rows.push(format!("| {lab} | {} | {} |", fmt_int(p, a), fmt_int(p, c)));
                        }
                    }
                    b.sub[3].push(rows.join("\n"));
                }
            }
        }
        "机构与队伍建设" => {
            let st = stated(r, "staff_total", v("staff_total"));
            let br = v("full_time_brokers");
            let brs = if br > 0.0 {
                format!("其中专职技术经纪人{}名", br as i64)
            } else {
                "暂未配备专职技术经纪人".to_string()
            };
            let mut t = format!(
                "截至{y}年底，中心现有在职人员{}人，{brs}，复合型人才占比{}。",
                fmt_int(p, st),
                fmt_pct_prose(p, v("compound_talent_share"))
            );
            if let Some(o) = own {
                t.push_str(&dr.para(r, o, 1, 1, true));
            }
            b.blocks.push(t);
        }
        "经费收支情况" => {
            let tot = stated(r, "revenue_total", v("revenue_total"));
            let fis = stated(r, "revenue_fiscal", v("revenue_fiscal"));
            let share = if tot > 0.0 { 100.0 * fis / tot } else { 0.0 };
            let tail = *r.pick(&[
                "资金使用严格执行财务管理制度，专款专用。",
                "各项经费收支规范，未发现违规使用资金情况。",
                "中心持续加强预算管理，提高资金使用效益。",
            ]);
            b.blocks.push(format!(
                "全年总收入{}，其中财政收入{}，占总收入的{share:.1}%；经营性收入{}。{tail}",
                fmt_wan(p, tot),
                fmt_wan(p, fis),
                fmt_wan(p, (tot - fis).max(0.0))
            ));
        }
        "存在问题" => {
            if ch.gloss_problems {
                b.blocks.push(expand_str(
                    "{全年|本年度}各项工作{总体|整体}{进展顺利|运行平稳}，{下一步|今后}{将|要}{继续|进一步}{巩固|保持}{良好|现有}{态势|成效}，{推动|促进}{服务能力|服务水平}{再上新台阶|持续提升}。",
                    r,
                ));
                return;
            }
            let mut t = dr.para(r, bank("self generic"), 1, 1, true);
            t.push_str("主要存在以下问题：");
            b.blocks.push(t);
            let n = r.int(2, 4);
            let problems = bank("self 存在问题");
            let items: Vec<String> = (0..n)
                .map(|j| format!("{}. {}", j + 1, dr.para(r, problems, 1, 1, true)))
                .collect();
            b.blocks.push(items.join("\n"));
        }
        "下一年度工作计划" => {
            b.blocks
                .push(format!("{}年，中心将重点做好以下工作：", y + 1));
            let n = r.int(3, 6);
            let plan = bank("self 下一年度工作计划");
            let items: Vec<String> = (0..n)
                .map(|_| format!("- {}", dr.para(r, plan, 1, 1, true)))
                .collect();
            b.blocks.push(items.join("\n"));
        }
        _ => {
            b.blocks.push(format!(
                "综合评估，中心{y}年度绩效自评等级为“{}”。",
                r.pick(&["优秀", "良好", "良好", "合格"])
            ));
        }
    }
}

/// A near-verbatim copy of another center's document: names, id and city replaced, the
/// revision date the copier's own, the first sentence of a few paragraphs dropped.
pub fn make_copy(
    src: &Profile,
    src_out: &DocOut,
    p: &Profile,
    own_date_line: &str,
    r: &mut Rng,
) -> String {
    let t = src_out
        .text
        .replace(&src.name, &p.name)
        .replace(&src.id, &p.id)
        .replace(&src.city_full, &p.city_full)
        .replace(&src_out.date_line, own_date_line);
    let mut lines: Vec<String> = t.split('\n').map(String::from).collect();
    let prose: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            !l.is_empty()
                && !l.starts_with(['#', '>', '|', '-'])
                && !l.starts_with("修订")
                && l.chars().count() > 40
        })
        .map(|(j, _)| j)
        .collect();
    let k = (r.int(1, 3) as usize).min(prose.len());
    for pick in r.sample(prose.len(), k) {
        let line = &lines[prose[pick]];
        if let Some(cut) = line.find('。') {
            // Keep a sentence that states a time limit (PRO-003 / SUP-010 look for it).
            let states_time = TIME_LIMIT_WORDS.iter().any(|w| line[..cut].contains(w));
            if !states_time && cut + '。'.len_utf8() < line.len() {
                lines[prose[pick]] = line[cut + '。'.len_utf8()..].to_string();
            }
        }
    }
    lines.join("\n")
}

/// The date line a copier writes on the copy.
pub fn own_date_line(r: &mut Rng, p: &Profile, doc: &str) -> String {
    let (style, written, _) = revision_date(r, p, doc, false);
    date_line(style, &written, doc_kind(doc))
}
