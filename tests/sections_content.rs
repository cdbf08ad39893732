//! A missing section whose content is written under another heading is a warning pointing
//! there; a section that is really missing stays an error.

mod common;

use std::fs;
use std::path::Path;

use common::{check_json, example_copy, findings, sscheck};

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
    // A shell comment in a code block is no heading.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(&dir, COMPLAINTS, "## 一、总则", "```sh\n#总则\n```");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error", "{:#}", fs[0]);
}
