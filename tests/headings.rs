//! Headings match as a reader matches them. The pairs below tune the thresholds of
//! `sscheck::submission::heading_match` (MATCH, NEAR); the end-to-end tests edit the clean
//! example the way real submissions word their headings.

mod common;

use common::*;
use sscheck::submission::heading_match::{score, MATCH, NEAR};
use std::fs;
use std::path::Path;

/// (heading as written, catalogue wording): the same section.
const SAME: &[(&str, &str)] = &[
    ("调查及处理", "调查与处理"),
    ("投诉受理与登记", "受理与登记"),
    ("服务档案管理", "档案管理"),
    ("数据备份", "数据备份与恢复"),
    ("下一年度重点工作", "下一年度工作计划"),
    // A yearly report heads the next year's work with its year (the year aside, a plan of
    // the work and nothing else), or says the next year in a word of its own.
    ("二、2025年工作计划", "工作计划"),
    ("六、2025年工作思路", "工作思路"),
    ("六、明年工作安排", "下一年度工作计划"),
    ("六、下一步工作打算", "下一步打算"),
    ("**一、总则**", "总则"),
    ("Ⅰ. 总则", "总则"),
    ("II 总则", "总则"),
    ("第一章 总则", "总则"),
    ("第三条 附则", "附则"),
    ("服务受理阶段", "服务受理"),
    ("需求诊断分析", "需求诊断"),
    ("服务交付及验收", "服务交付与验收"),
    ("服务记录和归档", "服务记录与归档"),
    ("投诉处理时限", "处理时限"),
    ("反馈和回访", "反馈与回访"),
    ("责任追究与奖惩", "责任追究"),
    ("数据分类与分级", "数据分类分级"),
    ("应急处置", "安全事件应急处置"),
    ("监督与检查", "监督检查"),
    ("经费收支", "经费收支情况"),
    ("机构和队伍建设", "机构与队伍建设"),
    ("存在的问题", "存在问题"),
    ("主要问题与不足", "问题与不足"),
    ("服务目录一览", "服务目录"),
    ("收费依据及标准", "收费依据"),
    ("减免优惠政策", "优惠政策"),
    ("公示和监督", "公示与监督"),
    ("投诉渠道与方式", "投诉渠道"),
    ("下一年度工作打算", "下一年度工作计划"),
    ("2024年工作成效", "工作成效"),
    // A yearly report's account of the year, the year aside.
    ("一、2023年工作总结", "工作总结"),
    ("一、2022 年工作回顾", "工作回顾"),
    // A modifier shared by joined words: 组织机构 and 组织职责.
    ("组织机构与职责", "组织与职责"),
    ("一、投诉途径与渠道", "投诉渠道"),
];

/// (heading as written, catalogue wording): probably the section, not surely (a warning).
const NEAR_PAIRS: &[(&str, &str)] = &[
    ("组织与人员", "组织与职责"),
    ("访问权限控制", "访问控制"),
    // One word of a longer wording: a contract's governing-law clause is not 法律责任,
    // nor a list of requirements 总体要求.
    ("七、法律", "法律责任"),
    ("三、要求", "总体要求"),
    ("受理", "服务受理"),
    // 计划 is one word of the wording: probably the plan.
    ("二、计划", "下一年度工作计划"),
];

/// (heading as written, catalogue wording): different sections.
const DIFFERENT: &[(&str, &str)] = &[
    ("总则", "附则"),
    ("投诉处理", "数据处理"),
    ("服务流程", "服务收费"),
    ("服务受理", "服务实施"),
    ("数据备份与恢复", "数据分类分级"),
    ("响应时限", "处理时限"),
    ("工作", "下一年度工作计划"),
    ("管理", "档案管理"),
    ("基本情况", "存在问题"),
    ("投诉渠道", "投诉处理"),
    ("需求诊断", "服务实施"),
    ("附则", "总体要求"),
    ("服务目录", "服务流程"),
    ("个人信息保护", "数据分类分级"),
    ("监督检查", "公示与监督"),
    ("主要工作成效", "下一年度工作计划"),
    ("目的", "总则"),
    ("适用范围", "服务实施"),
    // A text's closing words are not a summary of the work.
    ("七、总结", "工作总结"),
    ("总结与观点", "工作总结"),
    ("自评总结", "工作总结"),
    // Any plan is not the next year's: only a plan of the work and nothing else is.
    ("（三）培训计划完成情况", "工作计划"),
    ("（一）理清发展思路", "工作思路"),
    ("培训工作安排", "工作安排"),
];

#[test]
fn heading_pairs_are_classified_as_a_reader_would() {
    let mut wrong = Vec::new();
    for (h, w) in SAME {
        let s = score(h, w);
        if s < MATCH {
            wrong.push(format!("same {h} / {w}: {s:.2}"));
        }
    }
    for (h, w) in NEAR_PAIRS {
        let s = score(h, w);
        if !(NEAR..MATCH).contains(&s) {
            wrong.push(format!("near {h} / {w}: {s:.2}"));
        }
    }
    for (h, w) in DIFFERENT {
        let s = score(h, w);
        if s >= MATCH {
            wrong.push(format!("different {h} / {w}: {s:.2}"));
        }
    }
    let n = SAME.len() + NEAR_PAIRS.len() + DIFFERENT.len();
    assert!(n >= 30);
    assert!(
        wrong.is_empty(),
        "{} of {n} pairs misclassified:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

fn edit(dir: &Path, file: &str, pairs: &[(&str, &str)]) {
    let p = dir.join("docs").join(file);
    let mut t = fs::read_to_string(&p).unwrap();
    for (from, to) in pairs {
        assert!(t.contains(from), "{file} does not contain {from:?}");
        t = t.replacen(from, to, 1);
    }
    fs::write(p, t).unwrap();
}

/// The findings of `rule` after the edits, as (severity, message).
fn findings(file: &str, pairs: &[(&str, &str)], rule: &str) -> Vec<(String, String)> {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(&dir, file, pairs);
    let json = check_json(&[dir.to_str().unwrap()]).1;
    json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const COMPLAINTS: &str = "投诉处理制度.md";
/// The text of the example's 处理时限 section.
const LIMITS_TEXT: &str = "一般投诉自受理之日起7个工作日内办结；情况复杂的，经分管副主任批准可延长至20个工作日，并提前告知投诉人延期理由。\n\n";
/// The example's same-day limit in its 调查与处理 section, and the same sentence without
/// it: a test of a document that states no time limit anywhere takes it out too.
const SAME_DAY_LIMIT: (&str, &str) = ("原则上当场或当日处理完毕", "原则上尽快处理完毕");

#[test]
fn headings_worded_as_real_policies_word_them() {
    let none: Vec<(String, String)> = Vec::new();
    let f = findings(
        COMPLAINTS,
        &[
            ("## 三、受理与登记", "## 三、投诉受理与登记"),
            ("## 四、调查与处理", "## 四、调查及处理"),
        ],
        "SUP-007",
    );
    assert_eq!(f, none);
    let f = findings(
        "服务流程规范.md",
        &[
            ("## 二、服务受理", "## 二、服务流程\n\n### （一）服务受理"),
            ("## 三、需求诊断", "### （二）需求诊断"),
            ("## 六、服务记录与归档", "## 六、服务档案管理"),
        ],
        "PRO-002",
    );
    assert_eq!(f, none);
    // `数据安全管理责任` (duties) is how many data policies title who is responsible.
    let f = findings(
        "数据安全管理制度.md",
        &[
            ("## 二、组织与职责", "## 第二章 数据安全管理责任"),
            ("## 五、数据备份与恢复", "## 五、数据备份"),
        ],
        "SUP-009",
    );
    assert_eq!(f, none);
    let f = findings(
        "2024年度绩效自评报告.md",
        &[("## 六、下一年度工作计划", "## 六、下一年度重点工作")],
        "EVA-002",
    );
    assert_eq!(f, none);
}

/// A fee schedule states the principles its fees are set by as their basis.
#[test]
fn principles_of_fees_are_their_basis() {
    let f = findings(
        "服务目录与收费标准.md",
        &[("## 三、收费依据", "## 三、收费原则")],
        "PRO-005",
    );
    assert!(f.is_empty(), "{f:?}");
    // Set out with the rates, the principles are probably the basis: a warning.
    let f = findings(
        "服务目录与收费标准.md",
        &[("## 三、收费依据", "## 三、收费标准制定原则和明细")],
        "PRO-005",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
}

/// A yearly report heads its sections as yearly reports do, and a human auditor reads
/// them so.
#[test]
fn a_yearly_report_heads_its_sections_as_yearly_reports_do() {
    let none: Vec<(String, String)> = Vec::new();
    let report = "2024年度绩效自评报告.md";
    for pairs in [
        &[("## 一、基本情况", "## 一、中心简介")][..],
        &[("## 一、基本情况", "## 一、部门概况")],
        &[("## 三、机构与队伍建设", "## 三、机构设置")],
        &[("## 三、机构与队伍建设", "## 三、人员队伍情况")],
        &[("## 四、经费收支情况", "## 四、财务收支情况")],
        &[("## 五、存在问题", "## 五、存在的不足")],
        &[("## 六、下一年度工作计划", "## 六、2025年工作思路")],
        &[("## 六、下一年度工作计划", "## 六、明年工作安排")],
        &[("## 六、下一年度工作计划", "## 六、2025工作计划")],
        // One heading for two sections, each part one of them.
        &[
            ("## 五、存在问题", "## 五、存在问题及下一步打算"),
            ("## 六、下一年度工作计划", ""),
        ],
        &[
            ("## 五、存在问题", "## 五、存在的问题和2025年工作计划"),
            ("## 六、下一年度工作计划", ""),
        ],
    ] {
        assert_eq!(findings(report, pairs, "EVA-002"), none, "{pairs:?}");
    }
    // A joined heading covers a section only with its own words: the plan is still missing.
    let f = findings(
        report,
        &[
            ("## 五、存在问题", "## 五、存在问题及整改措施"),
            ("## 六、下一年度工作计划", ""),
        ],
        "EVA-002",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "error");
    assert!(f[0].1.contains("下一年度工作计划"), "{f:?}");
    // Of its seven other wordings, the message names three (`explain` lists them all).
    assert!(
        f[0].1.ends_with(
            "“下一年度工作计划” (Plan for next year) (or: 下一步工作计划, 工作计划, 工作思路, …)"
        ),
        "{f:?}"
    );
}

/// A regulation that opens with its purpose or scope under a heading of its own (`一、目的`,
/// `1. 适用范围`) has its general provisions, not surely so: a warning, not an error.
#[test]
fn a_purpose_or_scope_heading_is_probably_the_general_provisions() {
    for (file, rule) in [(COMPLAINTS, "SUP-007"), ("数据安全管理制度.md", "SUP-009")] {
        for heading in ["## 一、目的", "## 一、适用范围"] {
            let f = findings(file, &[("## 一、总则", heading)], rule);
            assert_eq!(f.len(), 1, "{file} {heading}: {f:?}");
            assert_eq!(f[0].0, "warning", "{file} {heading}: {f:?}");
            assert!(f[0].1.contains(heading.trim_start_matches("## ")), "{f:?}");
        }
    }
}

/// A deadline in weeks (`一周之内作出答复`) is the time-limits section's content where it
/// is written, and states the limit SUP-010 wants.
#[test]
fn a_deadline_in_weeks_is_a_time_limit() {
    let week = "一般投诉应在一周之内作出答复。\n\n";
    let f = findings(
        COMPLAINTS,
        &[
            ("## 五、处理时限\n\n", ""),
            (LIMITS_TEXT, week),
            (
                "对服务态度、收费等可以当场核实的投诉，原则上当场或当日处理完毕。",
                "",
            ),
        ],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(f[0].1.contains("(一周之内;"), "{f:?}");
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(&dir, COMPLAINTS, &[(LIMITS_TEXT, week)]);
    let json = check_json(&[dir.to_str().unwrap()]).1;
    let sup010: Vec<&serde_json::Value> = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SUP-010")
        .collect();
    assert!(sup010.is_empty(), "{sup010:?}");
}

/// A plain title line naming the document (`…投诉受理制度`) is no section's content: the
/// content found is where the text writes it.
#[test]
fn a_plain_title_is_no_content() {
    let f = findings(
        COMPLAINTS,
        &[
            (
                "# 深圳市南山区生产力促进中心投诉处理制度\n",
                "深圳市南山区生产力促进中心投诉受理制度\n第一条 不属于中心职责范围的投诉不予受理，并说明理由。\n",
            ),
            ("## 三、受理与登记\n\n", ""),
            ("应详细记录投诉人姓名", "在投诉受理后做好登记，详细记录投诉人姓名"),
        ],
        "SUP-007",
    );
    let intake: Vec<&(String, String)> =
        f.iter().filter(|(_, m)| m.contains("受理与登记")).collect();
    assert_eq!(intake.len(), 1, "{f:?}");
    assert_eq!(intake[0].0, "warning", "{f:?}");
    assert!(!intake[0].1.contains("投诉处理制度.md:1)"), "{f:?}");
}

/// A section's name opening a line of another section's text names where it is: the
/// heading it is under, and the line itself when no heading is above it.
#[test]
fn a_lead_in_is_quoted_where_it_is() {
    let f = findings(
        COMPLAINTS,
        &[(
            "## 二、投诉渠道\n\n服务对象可通过",
            "投诉渠道：服务对象可通过",
        )],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning");
    assert!(
        f[0].1.contains("its content seems to be under “一、总则”, at “投诉渠道：服务对象可通过以下任一……” (docs/投诉处理制度.md:13)"),
        "{f:?}"
    );
    // A text of articles has no heading above the article: the message quotes the article,
    // and names no empty heading.
    let f = findings(
        COMPLAINTS,
        &[
            (
                "# 深圳市南山区生产力促进中心投诉处理制度",
                "深圳市南山区生产力促进中心投诉处理制度",
            ),
            ("## 一、总则", "第一条 总则"),
            (
                "## 二、投诉渠道\n\n服务对象可通过",
                "第二条 投诉渠道\n服务对象可通过",
            ),
        ],
        "SUP-007",
    );
    let channels: Vec<&(String, String)> =
        f.iter().filter(|(_, m)| m.contains("投诉渠道")).collect();
    assert!(!f.iter().any(|(_, m)| m.contains("“”")), "{f:?}");
    assert!(
        channels.iter().all(|(severity, _)| severity != "error"),
        "{channels:?}"
    );
}

#[test]
fn bold_and_roman_numbering_are_decoration() {
    let f = findings(
        COMPLAINTS,
        &[
            ("## 一、总则", "## **一、总则**"),
            ("## 二、投诉渠道", "## II 投诉渠道"),
            ("## 三、受理与登记", "## Ⅲ. 受理与登记"),
        ],
        "SUP-007",
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn word_exported_plain_lines_are_headings_with_one_suggestion() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let p = dir.join("docs").join(COMPLAINTS);
    let t = fs::read_to_string(&p).unwrap();
    let plain: String = t
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("## ").unwrap_or(l)))
        .collect();
    fs::write(&p, plain.replacen("一、总则", "**一、总则**", 1)).unwrap();
    let json = check_json(&[dir.to_str().unwrap()]).1;
    let f: Vec<_> = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SUP-007")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["severity"], "info");
    let message = f[0]["message"].as_str().unwrap();
    assert!(message.contains("Markdown headings"), "{message}");
    // The example is a plain line, not the document's Markdown title.
    assert!(message.contains("“**一、总则**”"), "{message}");
    // The suggested Markdown heading drops the bold.
    assert!(message.contains("(“## 一、总则”)"), "{message}");
    assert_ne!(f[0]["location"]["line"], 1, "{:#?}", f[0]);
    // The time-limits section is found, so its keyword rule reads its body.
    let kw = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SUP-010" && f["severity"] == "error")
        .count();
    assert_eq!(kw, 0);
}

#[test]
fn a_near_miss_is_a_warning_naming_the_heading() {
    let f = findings(
        "数据安全管理制度.md",
        &[("## 二、组织与职责", "## 二、组织与人员")],
        "SUP-009",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning");
    assert!(f[0].1.contains("组织与人员"), "{}", f[0].1);
    assert!(f[0].1.contains("数据安全管理制度.md:13"), "{}", f[0].1);
}

#[test]
fn a_yearly_summary_heads_its_results_as_yearly_summaries_do() {
    // 一、2023年工作总结 / 工作回顾 is how Chinese yearly summaries head the year's work:
    // the results section. 工作情况, 工作开展情况 say what was done, not what came of it:
    // probably the section, a warning naming the line. All were 缺少“主要工作成效”.
    let none: Vec<(String, String)> = Vec::new();
    let report = "2024年度绩效自评报告.md";
    for heading in [
        "## 二、2024年工作总结",
        "## 二、2024 年度工作回顾",
        "## 二、工作总结",
    ] {
        let f = findings(report, &[("## 二、主要工作成效", heading)], "EVA-002");
        assert_eq!(f, none, "{heading}");
    }
    for heading in [
        "## 二、2024年工作情况",
        "## 二、工作开展情况",
        "## 二、各项工作完成情况",
        "## 二、主要工作",
    ] {
        let f = findings(report, &[("## 二、主要工作成效", heading)], "EVA-002");
        assert_eq!(f.len(), 1, "{heading}: {f:?}");
        assert_eq!(f[0].0, "warning", "{heading}: {f:?}");
        let written = heading.trim_start_matches("## ");
        assert!(f[0].1.contains(&format!("“{written}”")), "{}", f[0].1);
    }
    // A closing summary is not the year's work.
    let f = findings(report, &[("## 二、主要工作成效", "## 二、总结")], "EVA-002");
    assert!(
        f.iter()
            .any(|(s, m)| s == "error" && m.contains("主要工作成效")),
        "{f:?}"
    );
}

#[test]
fn a_deadline_written_under_another_heading_is_the_time_limits_content() {
    // The time limits had no content terms: a deadline stated elsewhere (三个工作日书面或
    // 电话答复) was 缺少“处理时限”, while SUP-010 passed on the same words.
    let limits = "## 五、处理时限\n\n一般投诉自受理之日起7个工作日内办结；情况复杂的，经分管副主任批准可延长至20个工作日，并提前告知投诉人延期理由。\n\n";
    let f = findings(
        COMPLAINTS,
        &[(
            limits,
            "投诉事项查清后，三个工作日内书面或电话答复投诉人。\n\n",
        )],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(f[0].1.contains("工作日, 答复"), "{}", f[0].1);
    // A deadline for handling is the section's content on its own, quoted as written.
    let f = findings(
        COMPLAINTS,
        &[(limits, "投诉原则上在7个工作日内处理完毕。\n\n")],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(f[0].1.contains("(7个工作日内;"), "{}", f[0].1);
    // Opening hours are no deadline: the section is missing.
    let f = findings(
        COMPLAINTS,
        &[
            (
                limits,
                "投诉电话工作日9:00-17:00有人接听，处理结果以书面形式答复。\n\n",
            ),
            SAME_DAY_LIMIT,
        ],
        "SUP-007",
    );
    assert!(
        f.iter()
            .any(|(s, m)| s == "error" && m.contains("处理时限")),
        "{f:?}"
    );
}

#[test]
fn joined_words_sharing_a_modifier_name_the_section() {
    // 投诉途径与渠道 is 投诉途径 and 投诉渠道: the channels section, not a near miss.
    let f = findings(
        COMPLAINTS,
        &[("## 二、投诉渠道", "## 二、投诉途径与渠道")],
        "SUP-007",
    );
    assert!(f.is_empty(), "{f:?}");
    // Other joined words are another section: the channels are written under it.
    let f = findings(
        COMPLAINTS,
        &[("## 二、投诉渠道", "## 二、投诉统计与分析")],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].1.contains("has no section “投诉渠道”"), "{f:?}");
}

#[test]
fn a_yearly_reports_heading_run_into_its_paragraph_is_found_with_its_year() {
    // A report pasted from Word as one paragraph: `……均已完成。 二、2024年各项工作成效 （一）…`.
    let f = findings(
        "2024年度绩效自评报告.md",
        &[(
            "均已完成。\n\n## 二、主要工作成效\n\n### （一）服务企业情况\n\n",
            "均已完成。 二、2024年各项工作成效 （一）服务企业情况 ",
        )],
        "EVA-002",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(f[0].1.contains("“二、2024年各项工作成效”"), "{}", f[0].1);
}

#[test]
fn one_word_of_a_longer_wording_is_no_section() {
    // A contract's governing-law clause (`七、法律`) is one word of the alias 法律责任: it
    // was taken for the accountability section, which passed.
    let f = findings(
        COMPLAINTS,
        &[
            ("## 七、责任追究", "## 七、法律"),
            (
                "因服务态度差、违反服务规范或违规收费导致有效投诉的，视情节对责任人进行提醒谈话、通报批评或扣减当季绩效；一年内两次以上有效投诉的，取消当年评优资格。",
                "本制度的订立、执行和解释均适用中华人民共和国法律。",
            ),
            (
                "对投诉推诿、拖延办理或隐瞒不报的，追究承办部门负责人的责任。打击报复投诉人的，依照有关规定严肃处理。",
                "",
            ),
        ],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "at most a near miss: {f:?}");
    assert!(f[0].1.contains("“七、法律” at "), "{}", f[0].1);
    assert!(f[0].1.contains("“责任追究”"), "{}", f[0].1);
}

#[test]
fn the_usual_names_of_a_report_and_a_service_guide_are_the_sections() {
    // A yearly report opens with 一、总体情况 (as every government information disclosure
    // report does); a service guide states its 办理时限 or 承诺时限, the service's time
    // limit (the catalogue's columns already take those names): both were reported as
    // missing sections.
    let none: Vec<(String, String)> = Vec::new();
    // 总体情况 reads as 总体 (情况 says nothing), which 总体评价 and 总体目标 hold too: it
    // is probably the overview, a warning naming it, never surely.
    let f = findings(
        "2024年度绩效自评报告.md",
        &[("## 一、基本情况", "## 一、总体情况")],
        "EVA-002",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(f[0].1.contains("一、总体情况"), "{}", f[0].1);
    for other in ["## 一、总体目标", "## 一、总体宏观洞察"] {
        let f = findings(
            "2024年度绩效自评报告.md",
            &[("## 一、基本情况", other)],
            "EVA-002",
        );
        assert!(f.iter().any(|(s, _)| s == "error"), "{other}: {f:?}");
    }
    for name in ["办理时限", "承诺时限"] {
        let f = findings(
            "服务流程规范.md",
            &[("## 七、响应时限", &format!("## 七、{name}"))],
            "PRO-002",
        );
        assert_eq!(f, none, "{name}");
    }
}

#[test]
fn a_heading_joining_two_topics_is_probably_the_section_one_of_them_names() {
    // Regulations title a chapter by two steps (`第三章 信访事项的提出和受理`): its `受理`
    // is the intake section, which was reported missing.
    let f = findings(
        COMPLAINTS,
        &[("## 三、受理与登记", "## 三、诉求的提出和受理")],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(f[0].1.contains("诉求的提出和受理"), "{}", f[0].1);
    // A part that is the document's own topic (`服务` of the service catalogue) names no
    // section: the catalogue is still missing. (Its table's prices are left out: they are
    // the catalogue's content, wherever it is written.)
    let f = findings(
        "服务目录与收费标准.md",
        &[
            ("## 二、服务目录", "## 二、价格检查和服务"),
            ("2,000元/次起", "面议"),
            ("8,000元/项", "面议"),
            ("3,000元/项起", "面议"),
            ("3万元/项", "面议"),
            ("1万元/项起", "面议"),
            ("800元/人·天", "面议"),
        ],
        "PRO-005",
    );
    assert!(
        f.iter()
            .any(|(s, m)| s == "error" && m.contains("服务目录")),
        "{f:?}"
    );
    assert!(
        f.iter().all(|(_, m)| !m.contains("价格检查和服务")),
        "{f:?}"
    );
    // With its prices, the table is the catalogue under another heading: a warning that
    // quotes them, not the heading's words.
    let f = findings(
        "服务目录与收费标准.md",
        &[("## 二、服务目录", "## 二、价格检查和服务")],
        "PRO-005",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(
        f[0].1.contains("(2,000元/次起, 8,000元/项, 3,000元/项起;"),
        "{f:?}"
    );
    // A list of three or more enumerates items: `访问` of a privacy policy's rights is not
    // access control.
    let f = findings(
        "数据安全管理制度.md",
        &[("## 四、访问控制", "## 四、访问、更正和删除个人信息")],
        "SUP-009",
    );
    assert!(f.iter().all(|(_, m)| !m.contains("probably is")), "{f:?}");
}

#[test]
fn one_common_english_word_is_no_near_miss() {
    // A technical heading shares only “time” with the section's English name “Time
    // limits”: it was offered as probably 处理时限, and the rule passed on that warning.
    let f = findings(
        COMPLAINTS,
        // Without the section's text: the deadline it states is the section's content
        // wherever it is written.
        &[
            ("## 五、处理时限", "## Date and Time Literals"),
            (
                LIMITS_TEXT,
                "Literals are written as `DATE '2024-01-01'`.\n\n",
            ),
            SAME_DAY_LIMIT,
        ],
        "SUP-007",
    );
    assert!(
        f.iter().all(|(_, m)| !m.contains("Date and Time Literals")),
        "{f:?}"
    );
    assert!(f.iter().any(|(s, _)| s == "error"), "{f:?}");
    // A heading sharing the meaning (both words) is that section.
    let f = findings(
        COMPLAINTS,
        &[("## 五、处理时限", "## Handling time limit")],
        "SUP-007",
    );
    assert!(f.iter().all(|(s, _)| s != "error"), "{f:?}");
}

#[test]
fn a_keyword_of_code_is_no_near_miss() {
    // A database's privilege named as a heading (`### BACKUP`, as a guide to privileges
    // lists them) was offered as “probably 数据备份与恢复”, and the rule passed.
    let f = findings(
        "数据安全管理制度.md",
        &[
            ("## 五、数据备份与恢复", "## 五、数据库操作权限\n\n### BACKUP"),
            (
                "业务数据库每日增量备份、每周全量备份，备份数据同时保存在本地存储和异地政务云。信息中心每半年组织一次恢复演练，验证备份数据的完整性和可用性，演练记录存档备查。",
                "执行 BACKUP 语句须经信息中心授权。",
            ),
        ],
        "SUP-009",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "error", "{f:?}");
    assert!(
        f[0].1
            .contains("lacks the required section “数据备份与恢复”"),
        "{}",
        f[0].1
    );
}

#[test]
fn content_under_another_heading_is_a_warning_pointing_there() {
    let f = findings(
        COMPLAINTS,
        &[("## 五、处理时限\n\n", "处理时限：")],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning");
    assert!(f[0].1.contains("四、调查与处理"), "{}", f[0].1);
    assert!(f[0].1.contains("投诉处理制度.md:"), "{}", f[0].1);
}

#[test]
fn an_article_caption_in_brackets_is_the_sections_content() {
    // Regulations caption their articles in brackets (`第十五条（处理时限）…`): the
    // section is written, without its own heading.
    for caption in ["第十五条（处理时限）", "第十五条 【处理时限】"] {
        let f = findings(
            COMPLAINTS,
            &[("## 五、处理时限\n\n一般投诉", &format!("{caption}一般投诉"))],
            "SUP-007",
        );
        assert_eq!(f.len(), 1, "{caption}: {f:?}");
        assert_eq!(f[0].0, "warning", "{caption}: {f:?}");
        assert!(f[0].1.contains("投诉处理制度.md:38"), "{}", f[0].1);
    }
}

#[test]
fn a_title_over_bare_articles_is_no_section() {
    // A procedure written as articles under its title alone: the title holds 投诉处理
    // (the investigation section's alias) and must not stand for that section.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let articles = "# 深圳市南山区生产力促进中心投诉处理制度\n\n\
        第一条（总则）为规范投诉处理工作，制定本制度。\n\n\
        第二条（投诉渠道）服务对象可通过投诉电话、电子邮箱、来访等方式投诉。\n\n\
        第三条（投诉受理）综合办公室负责受理投诉并登记。\n\n\
        第四条（处理时限）一般投诉自受理之日起5个工作日内办结。\n\n\
        第五条（结果反馈）处理结果及时反馈投诉人并回访。\n\n\
        第六条（责任追究）对推诿拖延的人员追究责任。\n\n\
        第七条 本制度自2024年1月1日起施行。\n";
    fs::write(dir.join("docs").join(COMPLAINTS), articles).unwrap();
    let json = check_json(&[dir.to_str().unwrap()]).1;
    let f: Vec<_> = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SUP-007")
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    // Every captioned article is its section's content (warnings); 调查与处理 is nowhere.
    let investigation: Vec<_> = f.iter().filter(|(_, m)| m.contains("调查与处理")).collect();
    assert_eq!(investigation.len(), 1, "{f:#?}");
    assert_eq!(investigation[0].0, "error", "{f:#?}");
    assert!(
        f.iter()
            .filter(|(_, m)| !m.contains("调查与处理"))
            .all(|(s, _)| *s == "warning"),
        "{f:#?}"
    );
}

#[test]
fn a_truly_missing_section_is_still_an_error() {
    // The heading and its text are gone (with the text left, it is written under the
    // previous heading: a warning).
    let f = findings(
        COMPLAINTS,
        &[
            ("## 五、处理时限\n\n", ""),
            (LIMITS_TEXT, ""),
            SAME_DAY_LIMIT,
        ],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "error");
    // The same-day limit left under 调查与处理 is the section's content: a warning.
    let f = findings(
        COMPLAINTS,
        &[("## 五、处理时限\n\n", ""), (LIMITS_TEXT, "")],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning", "{f:?}");
    assert!(f[0].1.contains("当日"), "{f:?}");
    let f = findings(
        COMPLAINTS,
        &[
            ("## 五、处理时限\n\n", "## 五、工作\n\n"),
            (LIMITS_TEXT, "按本制度开展工作。\n\n"),
            SAME_DAY_LIMIT,
        ],
        "SUP-007",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "error", "a generic word alone matches nothing");
}

#[test]
fn table_columns_match_by_synonym() {
    let f = findings(
        "服务目录与收费标准.md",
        &[(
            "| 服务项目 | 服务内容 | 收费标准 | 服务时限 |",
            "| 项目名称 | 服务内容 | 单价 | 承诺时限 |",
        )],
        "PRO-006",
    );
    assert!(f.is_empty(), "{f:?}");
    let f = findings(
        "服务目录与收费标准.md",
        &[(
            "| 服务项目 | 服务内容 | 收费标准 | 服务时限 |",
            "| 项目名称 | 服务内容 | 单价 | 备注 |",
        )],
        "PRO-006",
    );
    assert_eq!(f.len(), 1, "a missing column is still reported: {f:?}");
    // A header cell names its column in a word: part of the wording is the column.
    let f = findings(
        "服务目录与收费标准.md",
        &[(
            "| 服务项目 | 服务内容 | 收费标准 | 服务时限 |",
            "| 项目 | 内容 | 收费 | 时限 |",
        )],
        "PRO-006",
    );
    assert!(f.is_empty(), "{f:?}");
    let f = findings(
        "服务目录与收费标准.md",
        &[(
            "| 服务项目 | 服务内容 | 收费标准 | 服务时限 |",
            "| 服务项目 | 服务内容 | 收费参考标准 | 服务时限 |",
        )],
        "PRO-006",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "warning");
    assert!(f[0].1.contains("“收费参考标准” probably is"), "{}", f[0].1);
}

#[test]
fn a_wording_rule_without_its_section_reads_the_whole_document() {
    // The outcome of SUP-010 (the complaint procedure's time limits are worded), whether
    // the submission is incomplete, and the messages of its findings, after `edits` of the
    // complaint procedure (every occurrence replaced), in `lang`.
    let run = |edits: &[(&str, &str)], lang: &str| {
        let (_tmp, dir) = example_copy("shenzhen-nanshan");
        let p = dir.join("docs").join(COMPLAINTS);
        let mut t = fs::read_to_string(&p).unwrap();
        for (from, to) in edits {
            assert!(t.contains(from), "{from}");
            t = t.replace(from, to);
        }
        fs::write(&p, t).unwrap();
        let out = sscheck()
            .args(["check", dir.to_str().unwrap(), "--format", "json"])
            .args(["--lang", lang, "--today", "2025-03-01"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let sub = &json["submissions"][0];
        let outcome = sub["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == "SUP-010")
            .map(|r| r["outcome"].as_str().unwrap().to_string())
            .unwrap();
        let messages = |rule: &str| -> Vec<String> {
            sub["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] == rule || f["message"].as_str().unwrap().contains(rule))
                .map(|f| f["message"].as_str().unwrap().to_string())
                .collect()
        };
        (
            outcome,
            sub["incomplete"].as_bool().unwrap(),
            messages("SUP-010"),
            messages("SUP-007"),
        )
    };
    let renamed = ("## 五、处理时限", "## 五、其他事项");
    // The section renamed, its time limits still written: the missing section is reported
    // once (SUP-007), and the wording is found in the document, not left unchecked.
    let (outcome, incomplete, sup010, sup007) = run(&[renamed], "en");
    assert_eq!(
        (outcome.as_str(), incomplete),
        ("pass", false),
        "{sup010:#?}"
    );
    assert!(sup010.is_empty(), "{sup010:#?}");
    assert_eq!(sup007.len(), 1, "{sup007:#?}");
    // No time limit written anywhere: the wording rule fails, and says where it looked.
    let no_limits = [
        renamed,
        SAME_DAY_LIMIT,
        ("个工作日内", "个阶段"),
        ("工作日", "周一至周五"),
        ("一个月内回访", "定期回访"),
    ];
    let (outcome, incomplete, en, _) = run(&no_limits, "en");
    assert_eq!((outcome.as_str(), incomplete), ("fail", false));
    assert_eq!(en.len(), 1, "{en:#?}");
    assert!(
        en[0].contains(
            "the document (which has no section “处理时限” (Time limits)) mentions none of"
        ),
        "{en:#?}"
    );
    let (_, _, zh, _) = run(&no_limits, "zh");
    assert!(
        zh[0].contains("全文（没有“处理时限”一节）未提及以下任一用语"),
        "{zh:#?}"
    );
    assert!(
        !zh[0].contains("time_limits"),
        "no id in place of a name: {zh:#?}"
    );
}
