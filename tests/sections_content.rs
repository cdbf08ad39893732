//! A missing section whose content is written under another heading is a warning pointing
//! there; a section that is really missing stays an error.

mod common;

use std::fs;
use std::path::Path;

use common::{check_json, example_copy, findings, outcome, sscheck};

const CATALOG: &str = "docs/服务目录与收费标准.md";
const SECURITY: &str = "docs/数据安全管理制度.md";
const COMPLAINTS: &str = "docs/投诉处理制度.md";

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let t = fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{file} does not contain {from:?}");
    fs::write(p, t.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(dir: &Path, file: &str, needle: &str) -> u64 {
    let t = fs::read_to_string(dir.join(file)).unwrap();
    t.lines().position(|l| l.contains(needle)).expect(needle) as u64 + 1
}

/// Remove the section that starts at the heading `heading` (up to the next `## `).
fn cut_section(dir: &Path, file: &str, heading: &str) {
    let p = dir.join(file);
    let t = fs::read_to_string(&p).unwrap();
    let start = t.find(heading).expect(heading);
    let end = t[start + heading.len()..]
        .find("\n## ")
        .map_or(t.len(), |e| start + heading.len() + e + 1);
    fs::write(p, format!("{}{}", &t[..start], &t[end..])).unwrap();
}

fn zh_json(dir: &Path) -> serde_json::Value {
    let out = sscheck()
        .args([
            "check",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "--lang",
            "zh",
        ])
        .args(["--today", "2025-03-01"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn fee_reductions_written_inside_the_fee_basis_are_a_warning_at_that_line() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, CATALOG, "## 四、减免政策");
    edit(
        &dir,
        CATALOG,
        "所有收费统一开具增值税发票",
        "对初创期科技型中小企业，技术咨询和企业诊断减半收取；持有科技创新券的企业另享受优惠抵扣。\n\n所有收费统一开具增值税发票",
    );
    let line = line_of(&dir, CATALOG, "减半收取");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "PRO-005");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    let f = fs[0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["file"], CATALOG);
    assert_eq!(f["line"], line);
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("“三、收费依据”"), "{msg}");
    assert!(msg.contains("减半收取") && msg.contains("优惠"), "{msg}");
    let zh = zh_json(&dir);
    let msg = findings(&zh, "PRO-005")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("没有“减免政策”一节，但“三、收费依据”一节写到了“优惠”“减半收取”"),
        "{msg}"
    );
    assert!(msg.contains("建议为其单列一节"), "{msg}");
}

#[test]
fn backup_content_under_access_control_is_a_warning() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    // The heading is gone; its paragraphs now read as part of 访问控制.
    edit(&dir, SECURITY, "## 五、数据备份与恢复\n\n", "");
    let line = line_of(&dir, SECURITY, "业务数据库每日增量备份");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-009");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning");
    assert_eq!(fs[0]["line"], line);
    assert!(fs[0]["message"].as_str().unwrap().contains("四、访问控制"));
}

#[test]
fn content_before_the_first_heading_is_found_too() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, SECURITY, "## 五、数据备份与恢复");
    edit(
        &dir,
        SECURITY,
        "## 一、总则",
        "重要数据实行异地备份，每年开展一次恢复演练。\n\n## 一、总则",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-009");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning");
    // The title is a heading too: the paragraph sits under it.
    assert_eq!(
        fs[0]["line"],
        line_of(&dir, SECURITY, "重要数据实行异地备份")
    );
}

#[test]
fn a_section_really_missing_stays_an_error() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, CATALOG, "## 四、减免政策");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "PRO-005");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");
    assert!(fs[0]["message"]
        .as_str()
        .unwrap()
        .contains("lacks the required section"));
}

#[test]
fn a_passing_word_is_not_evidence() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    // One keyword (优惠) or names without content are not the section.
    cut_section(&dir, CATALOG, "## 四、减免政策");
    edit(
        &dir,
        CATALOG,
        "所有收费统一开具增值税发票",
        "中心协助企业申报研发费用加计扣除等税收优惠。减免政策、优惠政策另行制定。\n\n所有收费统一开具增值税发票",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "PRO-005");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");

    // Feedback mentioned once in the time limits, the section gone: still an error.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 六、反馈与回访");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");
}

#[test]
fn complaint_feedback_written_in_the_time_limits_is_a_warning() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 六、反馈与回访");
    edit(
        &dir,
        COMPLAINTS,
        "对服务态度、收费等可以当场核实的投诉",
        "办结后由承办人将处理结果反馈投诉人，质量管理岗一个月内回访，了解投诉人满意度。\n\n对服务态度、收费等可以当场核实的投诉",
    );
    let line = line_of(&dir, COMPLAINTS, "质量管理岗一个月内回访");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning");
    assert_eq!(fs[0]["line"], line);
    assert!(fs[0]["message"].as_str().unwrap().contains("五、处理时限"));
}

#[test]
fn wording_is_read_in_the_section_a_near_heading_probably_is() {
    // `门禁响应时间` is probably `响应时限` (the sections rule warns, naming it): the time
    // limits are read there, not reported as impossible to check (openharmony/community's
    // code gate rules put their `两小时内闭环` under such a heading).
    const PROCESS: &str = "docs/服务流程规范.md";
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(&dir, PROCESS, "## 七、响应时限", "## 七、门禁响应时间");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let near = findings(&json, "PRO-002");
    assert_eq!(near.len(), 1, "{near:#?}");
    assert_eq!(near[0]["severity"], "warning");
    assert_eq!(common::outcome(&json, "PRO-003"), "pass");
    assert!(findings(&json, "input/unchecked").is_empty(), "{json:#}");
    assert_eq!(json["submissions"][0]["incomplete"], false);
    // A near section that states no limit is a finding there, named as what it probably is.
    let t = fs::read_to_string(dir.join(PROCESS)).unwrap();
    let start = t.find("## 七、门禁响应时间").unwrap();
    let end = t[start + 3..]
        .find("\n## ")
        .map_or(t.len(), |e| start + 3 + e + 1);
    fs::write(
        dir.join(PROCESS),
        format!(
            "{}## 七、门禁响应时间\n\n中心及时响应服务需求。\n\n{}",
            &t[..start],
            &t[end..]
        ),
    )
    .unwrap();
    let json = zh_json(&dir);
    let f = findings(&json, "PRO-003");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0]["message"]
        .as_str()
        .unwrap()
        .contains("“七、门禁响应时间”一节（可能即“响应时限”）未提及"));
}

#[test]
fn a_heading_naming_code_is_not_what_a_missing_section_probably_is() {
    // Alert rules title each part by its metric: `PD_tidb_handle_requests_duration` shares
    // letters with “Investigation and handling”, and was named as probably that section.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 四、调查与处理");
    edit(
        &dir,
        COMPLAINTS,
        "## 八、附则",
        "#### `PD_tidb_handle_requests_duration`\n\n告警规则：请求耗时过长。\n\n## 八、附则",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    let msg = fs[0]["message"].as_str().unwrap();
    assert!(!msg.contains("PD_tidb"), "{msg}");
    assert_eq!(fs[0]["severity"], "error", "{msg}");
    assert!(msg.contains("lacks the required section"), "{msg}");
}

#[test]
fn a_keyword_is_not_counted_again_as_the_name_inside_it() {
    // `权限管理` (an alias of 访问控制) is read as `权限`, which `访问权限` holds: one phrase
    // about an attacker's access is not two terms of an access control section.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, SECURITY, "## 四、访问控制");
    edit(
        &dir,
        SECURITY,
        "## 八、监督检查",
        "## 八、监督检查\n\n备份文件加密后存放，即使攻击者获得服务器的访问权限，也无法读取数据文件。\n",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-009");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error", "{:#}", fs[0]);
    // The alias written in words of its own, with the keyword, is the content elsewhere.
    edit(
        &dir,
        SECURITY,
        "备份文件加密后存放，",
        "备份文件加密后存放，系统实行权限管理，",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-009");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning", "{:#}", fs[0]);
}

#[test]
fn an_english_heading_is_not_near_a_section_by_its_letters() {
    // `Transaction` (a glossary's entry) shares half its letter pairs with “Intake and
    // registration” and was named as probably the complaint procedure's 受理与登记.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 三、受理与登记");
    edit(
        &dir,
        COMPLAINTS,
        "## 八、附则",
        "## Transaction\n\n事务的说明。\n\n## 八、附则",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    let msg = fs[0]["message"].as_str().unwrap();
    assert!(!msg.contains("Transaction"), "{msg}");
    assert_eq!(fs[0]["severity"], "error", "{msg}");
}

#[test]
fn a_heading_without_the_space_after_its_hashes_is_named_not_missing() {
    // `####一、总则` (as a club's bylaws write it): a reader sees the heading; Markdown does
    // not read one without the space after the #s.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(&dir, COMPLAINTS, "## 一、总则", "####一、总则");
    let line = line_of(&dir, COMPLAINTS, "####一、总则");
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning", "{:#}", fs[0]);
    assert_eq!(fs[0]["line"], line);
    let msg = fs[0]["message"].as_str().unwrap();
    assert!(msg.contains("write “#### 一、总则”"), "{msg}");
    assert_eq!(common::outcome(&json, "SUP-007"), "pass");
    assert_eq!(code, 0, "{json:#}");
    let zh = zh_json(&dir);
    let msg = findings(&zh, "SUP-007")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("# 号后缺少空格") && msg.contains("请改为“#### 一、总则”"),
        "{msg}"
    );
    // A shell comment in a code block is no heading (nor is a paragraph without the
    // purpose of the procedure its general provisions).
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(&dir, COMPLAINTS, "## 一、总则", "```sh\n#总则\n```");
    edit(&dir, COMPLAINTS, "，制定本制度。", "。");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error", "{:#}", fs[0]);
}

#[test]
fn numbered_items_run_into_one_paragraph_are_the_sections_without_headings() {
    // A procedure pasted from Word as one paragraph: its items (`3、投诉受理。`) are its
    // headings, run into the text. Each section is a warning at its item, not missing.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    fs::write(
        dir.join(COMPLAINTS),
        "投 诉 处 理 制 度 修订日期：2024年3月15日 1、总则。为规范投诉处理，维护服务对象合法权益，制定本制度。 \
         2、投诉渠道。服务对象可通过投诉电话、电子邮箱或来访投诉。 3、投诉受理。受理部门接待投诉者应礼貌、热情，认真做好登记。 \
         4、调查处理。承办人调查核实后提出处理意见。 5、投诉受理时限 口头投诉当场答复；书面投诉在 2 个工作日内答复，复杂投诉 5 个工作日内答复。 \
         6、答复反馈。处理完毕后及时将处理意见反馈给投诉人，并定期回访。 7、责任追究。推诿、拖延处理的，追究责任人的责任。\n",
    )
    .unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert!(fs.iter().all(|f| f["severity"] == "warning"), "{fs:#?}");
    let message = |section: &str| {
        fs.iter()
            .map(|f| f["message"].as_str().unwrap())
            .find(|m| m.contains(section))
            .unwrap_or_else(|| panic!("{section}: {fs:#?}"))
    };
    let intake = message("“受理与登记”");
    assert!(
        intake.contains("numbered item “3、投诉受理”, which is that section"),
        "{intake}"
    );
    assert!(intake.contains("投诉处理制度.md:1"), "{intake}");
    let limits = message("“处理时限”");
    assert!(
        limits.contains("“5、投诉受理时限”, which probably is that section"),
        "{limits}"
    );
    assert!(limits.contains("“## 5、投诉受理时限”"), "{limits}");
    assert_eq!(outcome(&json, "SUP-007"), "pass");
}

#[test]
fn a_number_inside_a_sentence_is_no_item() {
    // Figures and references are no items: the sections stay missing.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 三、受理与登记");
    edit(
        &dir,
        COMPLAINTS,
        "对服务态度、收费等可以当场核实的投诉",
        "复杂投诉的办结时限为 3.5 个工作日；详见第3、4条。投诉受理后，承办人应当场核实。\n\n对服务态度、收费等可以当场核实的投诉",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");
}

#[test]
fn opening_articles_of_purpose_and_scope_are_the_general_provisions() {
    // A regulation without chapters opens with why and for what it was made: an auditor
    // reads those articles as its general provisions.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(&dir, COMPLAINTS, "## 一、总则\n\n为及时", "第一条 为及时");
    let line = line_of(&dir, COMPLAINTS, "第一条 为及时");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning");
    assert_eq!(fs[0]["line"], line);
    let message = fs[0]["message"].as_str().unwrap();
    assert!(message.contains("“第一条”"), "{message}");
    assert!(message.contains("add the heading “## 总则”"), "{message}");

    // In Chinese too.
    let json = zh_json(&dir);
    let message = findings(&json, "SUP-007")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("写明了制定目的、依据或适用范围"),
        "{message}"
    );

    // A scope article alone is enough.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 一、总则");
    edit(
        &dir,
        COMPLAINTS,
        "## 二、投诉渠道",
        "本 制 度 适 用 于 中心各部门受理的投诉。\n\n## 二、投诉渠道",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning");
}

#[test]
fn an_opening_paragraph_without_purpose_or_scope_is_no_general_provisions() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 一、总则");
    edit(
        &dir,
        COMPLAINTS,
        "## 二、投诉渠道",
        "投诉处理坚持首问负责、限时办结的原则，根据投诉内容确定承办部门。\n\n## 二、投诉渠道",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");

    // Nor is a purpose stated after the other sections began.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    cut_section(&dir, COMPLAINTS, "## 一、总则");
    edit(
        &dir,
        COMPLAINTS,
        "## 八、附则\n\n",
        "## 八、附则\n\n为做好投诉处理，根据中心章程制定本制度。",
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");
}

#[test]
fn opening_hours_are_no_time_limit() {
    // `服务热线全天12小时接听` says when the line is open, not within how long a complaint
    // is settled: it satisfied the time-limit wording and the rule passed.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let t = fs::read_to_string(dir.join(COMPLAINTS)).unwrap();
    let start = t.find("## 五、处理时限").unwrap();
    let end = start + t[start..].find("## 六、").unwrap();
    let hours = "## 五、处理时限\n\n服务热线全天12小时接听，投诉事项及时处理。\n\n";
    fs::write(
        dir.join(COMPLAINTS),
        format!("{}{hours}{}", &t[..start], &t[end..]),
    )
    .unwrap();
    let json = zh_json(&dir);
    assert_eq!(outcome(&json, "SUP-010"), "fail");
    let f = findings(&json, "SUP-010");
    assert_eq!(f.len(), 1, "{f:#?}");
    let message = f[0]["message"].as_str().unwrap();
    assert!(
        message.contains("“服务热线全天12小时接听”是服务时间或时长"),
        "{message}"
    );
    // A true limit in the same words passes.
    for limit in [
        "接到投诉后24小时内予以答复。",
        "一般投诉2小时内响应。",
        "办理期限不超过15个工作日。",
    ] {
        let text = format!(
            "{}## 五、处理时限\n\n服务热线全天12小时接听；{limit}\n\n{}",
            &t[..start],
            &t[end..]
        );
        fs::write(dir.join(COMPLAINTS), text).unwrap();
        let (_, json) = check_json(&[dir.to_str().unwrap()]);
        assert_eq!(outcome(&json, "SUP-010"), "pass", "{limit}");
    }
}
