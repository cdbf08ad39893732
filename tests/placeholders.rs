//! BAS-008 (`placeholders`): template placeholders anywhere in a submission are found at
//! their exact place, an untouched `init` scaffold fails the gate, and real writing is
//! left alone.

mod common;

use common::*;
use std::fs;

const PROCESS: &str = "docs/服务流程规范.md";

fn bas008(json: &serde_json::Value) -> Vec<(String, i64, i64, String, String)> {
    findings(json, "BAS-008")
        .into_iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_i64().unwrap_or(0),
                f["column"].as_i64().unwrap_or(0),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// 1-based character column of `needle` in `line`.
fn column(line: &str, needle: &str) -> i64 {
    line[..line.find(needle).unwrap()].chars().count() as i64 + 1
}

#[test]
fn untouched_scaffold_fails_the_gate() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    let out = sscheck().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success());
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(outcome(&json, "BAS-008"), "fail");
    let grade = json["submissions"][0]["score"]["grade"].as_str().unwrap();
    assert_ne!(grade, "A");
    assert_ne!(grade, "B");
    let found = bas008(&json);
    assert!(found.iter().all(|f| f.3 == "error"), "{found:#?}");
    // The sample id and name of center.yaml, and every document.
    let center = fs::read_to_string(dir.join("center.yaml")).unwrap();
    for sample in ["XX-XX-0001", "某某"] {
        let (n, line) = center
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(sample) && !l.trim_start().starts_with('#'))
            .unwrap();
        assert!(
            found.iter().any(|f| f.0 == "center.yaml"
                && f.1 == n as i64 + 1
                && f.2 == column(line, sample)
                && f.4.contains(sample)),
            "{sample}: {found:#?}"
        );
    }
    for doc in fs::read_dir(dir.join("docs")).unwrap() {
        let name = format!("docs/{}", doc.unwrap().file_name().to_string_lossy());
        assert!(found.iter().any(|f| f.0 == name), "{name}: {found:#?}");
    }
    // Noise is capped per file: the rest are counted in the last listed finding.
    let process: Vec<_> = found.iter().filter(|f| f.0 == PROCESS).collect();
    assert_eq!(process.len(), 5, "{process:#?}");
    assert!(process[4].4.contains("more in this file"), "{process:#?}");
}

#[test]
fn one_placeholder_alone_fails_a_clean_submission() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!((code, outcome(&json, "BAS-008")), (0, "pass".to_string()));
    assert!(bas008(&json).is_empty());
    let line = append_lines(&dir, "docs/投诉处理制度.md", &["投诉受理电话：（待补充）"]);
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(outcome(&json, "BAS-008"), "fail");
    assert_eq!(json["submissions"][0]["score"]["grade"], "C");
    let found = bas008(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(
        (f.0.as_str(), f.1, f.2, f.3.as_str()),
        ("docs/投诉处理制度.md", line, 8, "error")
    );
    assert!(f.4.contains("（待补充）"), "{}", f.4);
}

#[test]
fn a_masked_figure_asks_for_the_number_in_both_languages() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let doc = "docs/2024年度绩效自评报告.md";
    let line = append_lines(
        &dir,
        doc,
        &["1-9月，中心服务企业**家，技术合同成交额*亿元。"],
    );
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let found = bas008(&json);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].1, found[0].3.as_str()), (line, "error"));
    assert!(
        found[0].4.contains("masked as “**”") && found[0].4.contains("actual number"),
        "{}",
        found[0].4
    );
    let out = sscheck()
        .args([
            "check",
            dir.to_str().unwrap(),
            "--lang",
            "zh",
            "--format",
            "concise",
            "--select",
            "BAS-008",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("的数字被“**”遮盖，不是实际数据：请填写实际数字"),
        "{text}"
    );
    assert!(text.contains("的数字被“*”遮盖"), "{text}");
}

#[test]
fn every_form_is_found_at_its_line_and_column() {
    let lines = [
        "受理地点：XXX中心一楼大厅",
        "本中心位于XX市高新区。",
        "联系人：某某，电话：0755-XXXXXXXX。",
        "（此处填写服务受理流程图）",
        "TODO：补充受理登记的具体要求。",
        "协议签订日期：____年__月__日",
        "修订日期：YYYY-MM-DD",
        "本规范自20XX年起施行。",
        "服务热线由【负责部门】统一管理。",
        "- 负责人：待完善",
        "办理材料：……",
        "联系邮箱：xxx@example.com",
    ];
    let needles = [
        "XXX",
        "XX",
        "某某",
        "此处填写",
        "TODO",
        "____",
        "YYYY-MM-DD",
        "20XX年",
        "【负责部门】",
        "待完善",
        "……",
        "xxx",
    ];
    // One run per form: at most five are listed per file.
    let mut wrong = Vec::new();
    for (line, needle) in lines.iter().zip(needles) {
        let (_tmp, dir) = example_copy("shenzhen-nanshan");
        let at = append_lines(&dir, PROCESS, &[line]);
        let found = bas008(&check_json(&[dir.to_str().unwrap()]).1);
        let col = column(line, needle);
        let hit = found
            .iter()
            .any(|f| f.0 == PROCESS && f.1 == at && f.2 == col && f.3 == "error");
        if !hit {
            wrong.push(format!(
                "{line}: expected {PROCESS}:{at}:{col}, got {found:#?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn forms_past_the_per_file_cap_are_counted() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let lines: Vec<String> = (1..=8).map(|i| format!("第{i}项：（待补充）")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    append_lines(&dir, PROCESS, &lines);
    let found = bas008(&check_json(&[dir.to_str().unwrap()]).1);
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(found[4].4.contains("3 more in this file"), "{found:#?}");
}

#[test]
fn placeholders_in_center_yaml_are_located() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let p = dir.join("center.yaml");
    let t = fs::read_to_string(&p).unwrap();
    let t = t.replacen(
        "name: 深圳市南山区生产力促进中心",
        "name: \"XX市某某区生产力促进中心\"",
        1,
    );
    fs::write(&p, &t).unwrap();
    let (n, line) = t
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("name:"))
        .unwrap();
    let found = bas008(&check_json(&[dir.to_str().unwrap()]).1);
    for needle in ["XX", "某某"] {
        assert!(
            found.iter().any(|f| f.0 == "center.yaml"
                && f.1 == n as i64 + 1
                && f.2 == column(line, needle)
                && f.4.contains("center.name")),
            "{needle}: {found:#?}"
        );
    }
}

#[test]
fn empty_tables_are_found() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let first = append_lines(
        &dir,
        PROCESS,
        &[
            "## 九、服务记录",
            "",
            "| 日期 | 企业 | 服务内容 |",
            "|---|---|---|",
            "",
            "## 十、回访记录",
            "",
            "| 日期 | 企业 | 回访结果 |",
            "|---|---|---|",
            "|  |  |  |",
            "|  |  |  |",
        ],
    );
    let found = bas008(&check_json(&[dir.to_str().unwrap()]).1);
    let at: Vec<(i64, i64)> = found
        .iter()
        .filter(|f| f.4.contains("table"))
        .map(|f| (f.1, f.2))
        .collect();
    assert_eq!(at, [(first + 2, 1), (first + 7, 1)], "{found:#?}");
    // A blank form is content, not a placeholder.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    append_lines(
        &dir,
        PROCESS,
        &[
            "## 附件1 服务申请表",
            "",
            "| 申请单位 | （请填写） |",
            "|---|---|",
            "| 联系人 |  |",
            "| 申请日期 | ____年__月__日 |",
            "",
            "申请人签字：________　日期：YYYY-MM-DD",
        ],
    );
    let json = check_json(&[dir.to_str().unwrap()]).1;
    assert_eq!(outcome(&json, "BAS-008"), "pass", "{:#?}", bas008(&json));
    assert!(bas008(&json).is_empty());
}

#[test]
fn real_writing_is_no_placeholder() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    append_lines(
        &dir,
        "docs/2024年度绩效自评报告.md",
        &[
            "## 附：问题整改台账",
            "",
            "信息化水平有待提高，部分制度尚待完善，专业人才亟待补充。",
            "服务对象请填写《服务申请表》，并提交营业执照复印件。",
            "中心提供技术咨询、成果转化、人才培训……等服务。",
            "企业通过 Excel 模板报送数据；劳保服尺码含 XL、XXL 两种。",
            "XX世纪九十年代，我国开始建设生产力促进中心。",
            "新乡市中心编号为 HA-XX-0003，脱敏后的手机号显示为 138XXXX1234。",
            "备份文件命名规则：部门简称-YYYYMMDD-序号；日期格式统一为 YYYY-MM-DD。",
            "【典型案例】为某汽车零部件企业提供精益生产诊断。",
            "系统日志中的 `TODO` 标记由开发商清理。",
            "备份数据上传至 s3://bucket/xxx，配置项写为 prefix = \"xxx\"。",
            "",
            "| 问题 | 整改状态 |",
            "|---|---|",
            "| 台账管理 | 待完善 |",
            "| 人员培训 | 已完成 |",
            "",
            "___",
            "",
            "```",
            "TODO: XXX",
            "```",
        ],
    );
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    let found = bas008(&json);
    assert!(found.is_empty(), "real writing was reported: {found:#?}");
    assert_eq!(outcome(&json, "BAS-008"), "pass");
    assert_eq!(code, 0);
}

#[test]
fn a_pending_note_in_a_sentence_is_only_a_warning() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let line = append_lines(&dir, PROCESS, &["服务受理的具体环节和材料清单待完善。"]);
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    let found = bas008(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].1, found[0].2, found[0].3.as_str()),
        (line, 15, "warning")
    );
    // A probable placeholder is named, but neither fails the rule nor the gate.
    assert_eq!(outcome(&json, "BAS-008"), "pass");
    assert_eq!(code, 0);
}

#[test]
fn a_note_in_an_html_comment_is_only_a_warning() {
    // Text in `<!-- -->` is not shown to a reader: a TODO or a stand-in there is a note
    // left in the source (a warning naming it), not a blank in the document.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let line = append_lines(
        &dir,
        PROCESS,
        &[
            "<!-- TODO: 补充XXX部门的联系方式 -->",
            "",
            "<!--",
            "待填写：附件清单",
            "-->",
        ],
    );
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    let found = bas008(&json);
    assert!(!found.is_empty(), "a note in a comment is named");
    assert!(found.iter().all(|f| f.3 == "warning"), "{found:#?}");
    assert!(
        found.iter().any(|f| f.1 == line && f.4.contains("HTML")),
        "{found:#?}"
    );
    assert_eq!(outcome(&json, "BAS-008"), "pass");
    assert_eq!(code, 0);
    // The same note in visible text stays an error.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    append_lines(
        &dir,
        PROCESS,
        &["TODO: 补充联系方式", "", "<!-- 审核意见已采纳 -->"],
    );
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    let found = bas008(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].3, "error");
    assert_eq!(outcome(&json, "BAS-008"), "fail");
    assert_eq!(code, 1);
}

#[test]
fn a_document_that_cannot_be_read_is_not_passed() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    fs::remove_file(dir.join("docs/数据安全管理制度.md")).unwrap();
    let json = check_json(&[dir.to_str().unwrap()]).1;
    assert_eq!(outcome(&json, "BAS-008"), "error");
    // A placeholder elsewhere still fails it.
    append_lines(&dir, PROCESS, &["负责人：XXX"]);
    let json = check_json(&[dir.to_str().unwrap()]).1;
    assert_eq!(outcome(&json, "BAS-008"), "fail");
}

/// Two stand-ins alike on one line (`XX点~XX点`) read as one finding that counts them, not
/// two messages a user cannot tell apart.
#[test]
fn the_same_stand_in_twice_on_a_line_is_one_finding() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let line = "公开的会议时间：每周一下午，XX点~XX点";
    let at = append_lines(&dir, PROCESS, &[line]);
    let found = bas008(&check_json(&[dir.to_str().unwrap()]).1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].1, found[0].2), (at, column(line, "XX")));
    assert!(found[0].4.contains("(2 times on this line)"), "{found:#?}");
    assert_eq!(found[0].3, "error");
}
