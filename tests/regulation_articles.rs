//! A process document written as a regulation, in articles (`第五条 …`) rather than in the
//! standard's sections: an article that writes a section's content, or a chapter whose title
//! names the section's step among others, is a warning naming it; a section no article
//! writes stays an error, and a document whose headings follow the standard is read as
//! before.

mod common;

use std::fs;
use std::path::Path;

use common::{check_json, example_copy, findings, outcome, sscheck};

const COMPLAINTS: &str = "docs/投诉处理制度.md";

/// A center's complaint procedure written as bare articles, one per matter, as many centers
/// write their rules.
const ARTICLES: &str = "# 南山区生产力促进中心投诉处理制度

（2024年3月15日中心主任办公会审议通过）

第一条 为及时、公正地处理服务对象的投诉，保障企业合法权益，根据《生产力促进中心管理办法》，制定本制度。

第二条 服务对象可通过投诉电话0755-26693018、投诉邮箱jiandu@nspc.org.cn、来信来访等渠道提出投诉。

第三条 中心收到投诉后，应当在1个工作日内作出受理或者不予受理的决定。

决定告知投诉人，并说明理由。

第四条 承办部门应当听取投诉人和被投诉人双方陈述，必要时到企业现场调查核实。

第五条 一般投诉自受理之日起7个工作日内办结；情况复杂的，可延长至20个工作日。

第六条 投诉办结后2个工作日内将处理结果反馈投诉人，一个月内回访，了解满意度。

第七条 对推诿、拖延办理或隐瞒不报的，依照有关规定处理；情节严重的，给予处分。

第八条 本制度自印发之日起施行。
";

fn write(dir: &Path, text: &str) {
    fs::write(dir.join(COMPLAINTS), text).unwrap();
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).expect(needle) as u64 + 1
}

/// The SUP-007 findings whose message names `section`, in English.
fn about<'a>(json: &'a serde_json::Value, section: &str) -> Vec<&'a serde_json::Value> {
    findings(json, "SUP-007")
        .into_iter()
        .filter(|f| f["message"].as_str().unwrap().contains(section))
        .collect()
}

fn zh_messages(dir: &Path) -> Vec<String> {
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
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    findings(&json, "SUP-007")
        .into_iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_article_deciding_on_intake_is_the_intake_section_written_as_an_article() {
    // 受理 and 不予受理 in one article, across its two paragraphs: the article is about
    // intake. Neither paragraph alone holds two of the section's terms.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    write(&dir, ARTICLES);
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = about(&json, "Intake and registration");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning");
    assert_eq!(fs[0]["line"], line_of(ARTICLES, "第三条"));
    let message = fs[0]["message"].as_str().unwrap();
    assert!(message.contains("written as articles"), "{message}");
    assert!(message.contains("“第三条”"), "{message}");
    assert!(message.contains("不予受理"), "{message}");
    let zh = zh_messages(&dir);
    assert!(
        zh.iter()
            .any(|m| m.contains("按条文编排，没有“受理与登记”一节，但")
                && m.contains("的“第三条”写到了“不予受理”“受理”")),
        "{zh:#?}"
    );
}

#[test]
fn a_section_no_article_writes_stays_an_error() {
    // 第七条 holds one term of accountability (处分): no article writes 责任追究, and the
    // rule fails.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    write(&dir, ARTICLES);
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = about(&json, "Accountability");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");
    assert_eq!(outcome(&json, "SUP-007"), "fail");

    // A word of a section said once in passing is no article about it.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let text = ARTICLES.replace(
        "第二条 服务对象可通过投诉电话0755-26693018、投诉邮箱jiandu@nspc.org.cn、来信来访等渠道提出投诉。",
        "第二条 本制度适用于中心各部门通过各种渠道收到的投诉。",
    );
    write(&dir, &text);
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = about(&json, "Complaint channels");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");
}

#[test]
fn a_chapter_naming_steps_among_others_holds_them() {
    // A regulation's chapter groups several steps under one title: its articles are where
    // an auditor reads the intake.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let text = ARTICLES
        .replace("第三条 中心收到投诉后，应当在1个工作日内作出受理或者不予受理的决定。\n\n决定告知投诉人，并说明理由。\n\n", "")
        .replace("第四条 承办", "## 第二章 受理办理和督办考核\n\n第四条 承办");
    write(&dir, &text);
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = about(&json, "Intake and registration");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "warning");
    assert_eq!(fs[0]["line"], line_of(&text, "受理办理和督办考核"));
    let message = fs[0]["message"].as_str().unwrap();
    assert!(
        message.contains("the heading “第二章 受理办理和督办考核”"),
        "{message}"
    );
    assert!(message.contains("names “受理”"), "{message}");
    let zh = zh_messages(&dir);
    assert!(
        zh.iter()
            .any(|m| m.contains("的标题“第二章 受理办理和督办考核”写到了“受理”")),
        "{zh:#?}"
    );
}

#[test]
fn a_document_whose_headings_follow_the_standard_is_read_as_before() {
    // Chapters named as the standard names its sections, articles under them: a chapter
    // gone is a section missing, whatever words its neighbours hold (受理 and 不予受理 in
    // the investigation chapter).
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let text = "# 南山区生产力促进中心投诉处理制度

（2024年3月15日中心主任办公会审议通过）

## 第一章 总则

第一条 为及时、公正地处理服务对象的投诉，根据《生产力促进中心管理办法》，制定本制度。

## 第二章 投诉渠道

第二条 服务对象可通过投诉电话0755-26693018、投诉邮箱、来信来访等渠道提出投诉。

## 第三章 调查与处理

第三条 对已受理的投诉，承办部门应当现场调查核实；对不予受理的，说明理由。

## 第四章 处理时限

第四条 一般投诉自受理之日起7个工作日内办结。

## 第五章 反馈与回访

第五条 投诉办结后2个工作日内将处理结果反馈投诉人，一个月内回访。

## 第六章 责任追究

第六条 对推诿、拖延办理的，追究承办部门负责人的责任。

## 第七章 附则

第七条 本制度自印发之日起施行。
";
    write(&dir, text);
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["severity"], "error");
    assert!(fs[0]["message"]
        .as_str()
        .unwrap()
        .contains("Intake and registration"));
}

#[test]
fn a_chapter_holds_its_sections_whatever_their_hashes() {
    // 上海市信访条例 as published writes its chapters `###` and their 节 `##`: the time limits
    // the 节 state are the chapter's.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let text = "# 南山区生产力促进中心投诉处理制度

（2024年3月15日中心主任办公会审议通过）

### 第一章  总则

第一条 为及时、公正地处理服务对象的投诉，根据《生产力促进中心管理办法》，制定本制度。

### 第二章  受理和办理

## 第一节  一般规定

第二条 一般投诉自受理之日起7个工作日内办结。

## 第二节  复杂投诉

第三条 情况复杂的，经批准可延长至20个工作日。

### 第三章  附则

第四条 本制度自印发之日起施行。
";
    write(&dir, text);
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "SUP-010");
    assert!(fs.is_empty(), "{fs:#?}");
    assert_eq!(outcome(&json, "SUP-010"), "pass");
}
