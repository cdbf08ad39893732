//! `human`: the audit as a reader wants it: the gate, the grade distribution (overall,
//! by region and level), the worst centers, the most-violated rules, the exit-risk list
//! and the copied-document pairs. `--verbose` lists every finding first.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::AuditRender;
use crate::audit::summary::{GradeCount, Group};
use crate::audit::Audit;
use crate::i18n::{Lang, Text};
use crate::report::human::{count_en, fmt_score};
use crate::report::one_line;
use crate::standard::{cohort_value_name, Standard};
use crate::t;

/// Rules listed under "most violated".
const TOP_RULES: usize = 15;

pub fn write(
    standard: &Standard,
    audit: &Audit,
    opts: AuditRender,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = audit.lang;
    if opts.verbose {
        let mut any = false;
        for c in audit.centers() {
            let c = c?;
            for f in &c.findings {
                writeln!(out, "{}", super::concise::line(&c, f, lang))?;
            }
            any |= !c.findings.is_empty();
        }
        if any {
            writeln!(out)?;
        }
    }
    let s = &audit.summary;
    let heading = |text: Text| -> String {
        let text = text.get(lang).to_string();
        if opts.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text
        }
    };
    let mut o = String::new();
    let line = t!(
        "审计了 {n} 份提交材料{skipped}",
        "audited {n}{skipped}",
        n = Text::new(
            s.submissions.to_string(),
            count_en(s.submissions, "submission", "submissions")
        ),
        skipped = if s.skipped == 0 {
            Text::new("", "")
        } else {
            t!(
                "（跳过 {k} 个不属于任何提交的文件或文件夹）",
                " ({k} skipped: files or folders outside every submission)",
                k = s.skipped
            )
        }
    );
    o.push_str(&heading(line));
    o.push('\n');
    let gate = t!(
        "  通过 {passed}，未通过 {failed}；结论不完整 {incomplete}",
        "  {passed} passed, {failed} failed; {incomplete} incomplete",
        passed = s.passed,
        failed = s.failed,
        incomplete = s.incomplete
    );
    o.push_str(gate.get(lang));
    o.push('\n');
    let f = &s.findings;
    let counts = t!(
        "  问题：错误 {e}，警告 {w}，提示 {i}；已豁免 {waived}，基线已有 {baselined}",
        "  findings: {e}, {w}, {i} info; {waived} waived, {baselined} in the baseline",
        e = Text::new(f.error.to_string(), count_en(f.error, "error", "errors")),
        w = Text::new(
            f.warning.to_string(),
            count_en(f.warning, "warning", "warnings")
        ),
        i = f.info,
        waived = f.waived,
        baselined = f.baselined
    );
    o.push_str(counts.get(lang));
    o.push_str("\n\n");

    o.push_str(&heading(t!("等级分布", "Grades")));
    o.push('\n');
    let total = s.submissions.max(1);
    for g in &s.grades {
        let bar = "█".repeat((g.count * 40).div_ceil(total).min(40));
        let share = 100.0 * g.count as f64 / total as f64;
        let row = format!("  {:<4} {:>6}  {:>5.1}%  {bar}", g.grade, g.count, share);
        o.push_str(row.trim_end());
        o.push('\n');
    }
    for (title, groups) in [
        (t!("按区域", "By region"), &s.by_region),
        (t!("按层级", "By level"), &s.by_level),
    ] {
        if groups.is_empty() {
            continue;
        }
        o.push('\n');
        o.push_str(&heading(title));
        o.push('\n');
        o.push_str(&group_table(groups, &s.grades, lang));
    }

    if !s.worst.is_empty() {
        o.push('\n');
        o.push_str(&heading(t!(
            "问题最多的中心（前 {n} 个）",
            "Centers with the most findings (top {n})",
            n = s.worst.len()
        )));
        o.push('\n');
        for w in &s.worst {
            let who = who(&w.path, w.center_id.as_deref(), w.name.as_deref());
            let line = t!(
                "  {who}：错误 {e}，警告 {warnings}；总分 {overall}，等级 {grade}",
                "  {who}: {e}, {warnings}; overall {overall}, grade {grade}",
                who = who,
                e = Text::new(w.errors.to_string(), count_en(w.errors, "error", "errors")),
                warnings = Text::new(
                    w.warnings.to_string(),
                    count_en(w.warnings, "warning", "warnings")
                ),
                overall = fmt_score(w.overall),
                grade = w.grade.as_deref().unwrap_or("-")
            );
            o.push_str(line.get(lang));
            o.push('\n');
        }
    }

    if !s.rules.is_empty() {
        o.push('\n');
        o.push_str(&heading(t!(
            "违反最多的规则（按中心数）",
            "Most-violated rules (by centers)"
        )));
        o.push('\n');
        let width = s
            .rules
            .iter()
            .take(TOP_RULES)
            .map(|r| r.rule.width())
            .max()
            .unwrap_or(0);
        for r in s.rules.iter().take(TOP_RULES) {
            o.push_str(&format!(
                "  {:>6}  {:<width$}  {}\n",
                r.centers,
                r.rule,
                one_line(&r.title)
            ));
        }
        if s.rules.len() > TOP_RULES {
            let more = t!(
                "  ……另有 {n} 条规则",
                "  … and {n} more rules",
                n = s.rules.len() - TOP_RULES
            );
            o.push_str(more.get(lang));
            o.push('\n');
        }
    }

    o.push('\n');
    o.push_str(&heading(t!(
        "退出风险（{n} 个中心）",
        "Exit risk ({n})",
        n = Text::new(
            s.exit_risk.len().to_string(),
            count_en(s.exit_risk.len(), "center", "centers")
        )
    )));
    o.push('\n');
    if s.exit_risk.is_empty() {
        o.push_str(t!("  无\n", "  none\n").get(lang));
    }
    for e in &s.exit_risk {
        o.push_str(&format!(
            "  {}\n",
            who(&e.path, e.center_id.as_deref(), e.name.as_deref())
        ));
        for ev in &e.evidence {
            let place = match (&ev.file, ev.line) {
                (Some(file), Some(line)) => format!(" ({}/{file}:{line})", e.path),
                _ => String::new(),
            };
            let sep = if lang == Lang::Zh { "：" } else { ": " };
            o.push_str(&format!(
                "    {} {}{sep}{}{place}\n",
                ev.rule,
                one_line(&ev.title),
                one_line(&ev.message)
            ));
        }
    }

    o.push('\n');
    o.push_str(&heading(t!(
        "雷同文档（{n} 对）",
        "Copied documents ({n})",
        n = Text::new(
            s.duplicates.len().to_string(),
            count_en(s.duplicates.len(), "pair", "pairs")
        )
    )));
    o.push('\n');
    if s.duplicates.is_empty() {
        o.push_str(t!("  无\n", "  none\n").get(lang));
    }
    for p in &s.duplicates {
        o.push_str(&format!(
            "  {}/{}:{}  ↔  {}/{}:{}  ({})\n",
            p.a.path, p.a.file, p.a.line, p.b.path, p.b.file, p.b.line, p.rule
        ));
    }

    o.push('\n');
    let verdict = if s.failed == 0 {
        t!("结论：全部通过", "verdict: every submission passed")
    } else {
        t!(
            "结论：{n} 份提交材料未通过",
            "verdict: {n} failed",
            n = Text::new(
                s.failed.to_string(),
                count_en(s.failed, "submission", "submissions")
            )
        )
    };
    o.push_str(&heading(verdict));
    o.push('\n');
    let _ = standard;
    out.write_all(o.as_bytes())
}

/// `path [id] name`, as far as known.
fn who(path: &str, id: Option<&str>, name: Option<&str>) -> String {
    let mut s = path.to_string();
    if let Some(id) = id {
        s.push_str(&format!(" [{id}]"));
    }
    if let Some(name) = name {
        s.push(' ');
        s.push_str(&one_line(name));
    }
    s
}

/// A table of grade counts per group: one column per grade, the groups' names
/// localised (东部, county).
fn group_table(groups: &[Group], grades: &[GradeCount], lang: Lang) -> String {
    let names: Vec<String> = groups
        .iter()
        .map(|g| cohort_value_name(&g.key).get(lang).to_string())
        .collect();
    let name_w = names.iter().map(|n| n.width()).max().unwrap_or(0).max(4);
    let mut out = format!("  {}", pad("", name_w));
    for g in grades {
        out.push_str(&format!(" {:>6}", g.grade));
    }
    let total = t!("合计", "total");
    let total = total.get(lang);
    out.push_str(&format!(
        " {}{total}\n",
        " ".repeat(7usize.saturating_sub(total.width()))
    ));
    for (group, name) in groups.iter().zip(&names) {
        out.push_str(&format!("  {}", pad(name, name_w)));
        for g in grades {
            let n = group
                .grades
                .iter()
                .find(|x| x.grade == g.grade)
                .map_or(0, |x| x.count);
            out.push_str(&format!(" {n:>6}"));
        }
        out.push_str(&format!(" {:>7}\n", group.submissions));
    }
    out
}

/// `s` padded with spaces to `width` columns (CJK characters count two).
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}
