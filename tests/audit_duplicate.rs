//! `duplicate` under `sscheck audit`: near-copied documents are found in both submissions,
//! with the shared passage located in each; boilerplate that many centers share is not a
//! copy. Measured on generated corpora against the generator's manifest, and on hand-made
//! cases.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use serde_json::Value;

const RULE: &str = "BAS-009";

fn audit(root: &Path) -> Value {
    let out = sscheck()
        .arg("audit")
        .arg(root)
        .args([
            "--format",
            "json",
            "--today",
            "2025-03-01",
            "--fail-on",
            "never",
        ])
        .args(["--lang", "en"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The folder name of a reported submission path.
fn folder(path: &Value) -> String {
    let p = path.as_str().unwrap();
    Path::new(p)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The center pairs of `summary.duplicates`, by folder name, each sorted.
fn pairs(json: &Value) -> BTreeSet<(String, String)> {
    json["summary"]["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let (a, b) = (folder(&p["a"]["path"]), folder(&p["b"]["path"]));
            if a < b {
                (a, b)
            } else {
                (b, a)
            }
        })
        .collect()
}

fn submission<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| folder(&s["path"]) == name)
        .unwrap_or_else(|| panic!("no submission {name}"))
}

fn rule_findings<'a>(json: &'a Value, name: &str) -> Vec<&'a Value> {
    submission(json, name)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == RULE)
        .collect()
}

fn sorted(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.into(), b.into())
    } else {
        (b.into(), a.into())
    }
}

/// Recall and false pairs on a generated corpus. Two copies of one source are copies of
/// each other too: such a pair is neither required nor false.
fn corpus_case(centers: usize, seed: u64, copy_rate: f64, defect_rate: f64) -> (usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let opts = sscheck_corpus::Options {
        centers,
        seed,
        copy_rate,
        defect_rate,
        ..Default::default()
    };
    let manifest = sscheck_corpus::generate(&opts, &root).unwrap();
    std::fs::remove_file(root.join("manifest.json")).unwrap();
    let json = audit(&root);
    let found = pairs(&json);
    let expected: BTreeSet<(String, String)> = manifest
        .duplicate_pairs
        .iter()
        .map(|[a, b, _]| sorted(a, b))
        .collect();
    let mut allowed = expected.clone();
    for [s1, c1, d1] in &manifest.duplicate_pairs {
        for [s2, c2, d2] in &manifest.duplicate_pairs {
            if s1 == s2 && d1 == d2 && c1 != c2 {
                allowed.insert(sorted(c1, c2));
            }
        }
    }
    let hit = expected.intersection(&found).count();
    let false_pairs: Vec<_> = found.difference(&allowed).collect();
    assert!(
        false_pairs.is_empty(),
        "seed {seed}: false pairs {false_pairs:?}"
    );
    assert!(
        hit * 100 >= expected.len() * 95,
        "seed {seed}: recall {hit}/{} (missed {:?})",
        expected.len(),
        expected.difference(&found).collect::<Vec<_>>()
    );
    // Both sides carry the finding, at a line of their own file, pointing at each other.
    for p in json["summary"]["duplicates"].as_array().unwrap() {
        for (here, there) in [(&p["a"], &p["b"]), (&p["b"], &p["a"])] {
            let name = folder(&here["path"]);
            let f = rule_findings(&json, &name)
                .into_iter()
                .find(|f| f["related"]["path"] == there["path"])
                .unwrap_or_else(|| panic!("{name} has no finding for {}", there["path"]));
            assert_eq!(f["file"], here["file"]);
            assert_eq!(f["related"]["line"], there["line"]);
            let text =
                std::fs::read_to_string(root.join(&name).join(here["file"].as_str().unwrap()))
                    .unwrap();
            let line = here["line"].as_u64().unwrap() as usize;
            assert!(
                text.lines()
                    .nth(line - 1)
                    .is_some_and(|l| !l.trim().is_empty()),
                "{name}: line {line} is no text line"
            );
        }
    }
    (hit, expected.len())
}

#[test]
fn generated_copies_are_found_with_no_false_pair() {
    let mut total = (0, 0);
    for (centers, seed, rate, defects) in [(160, 5, 0.12, 0.3), (140, 9, 0.15, 0.5)] {
        let (hit, n) = corpus_case(centers, seed, rate, defects);
        assert!(n > 5, "seed {seed}: too few copies to measure ({n})");
        total.0 += hit;
        total.1 += n;
    }
    eprintln!("recall {}/{}", total.0, total.1);
}

#[test]
fn a_corpus_without_copies_has_no_pair() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let opts = sscheck_corpus::Options {
        centers: 120,
        seed: 13,
        copy_rate: 0.0,
        ..Default::default()
    };
    sscheck_corpus::generate(&opts, &root).unwrap();
    std::fs::remove_file(root.join("manifest.json")).unwrap();
    let json = audit(&root);
    assert!(pairs(&json).is_empty(), "{:?}", pairs(&json));
    let fails = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == RULE)
        })
        .count();
    assert_eq!(fails, 0);
}

// ---------------------------------------------------------------------------------------
// Hand-made cases.

const EXAMPLE_ID: &str = "GD-SZ-0012";
const EXAMPLE_NAME: &str = "深圳市南山区生产力促进中心";

/// A submission `root/folder` of center `id`/`name` (the example's profile) whose only
/// document is the service process `text`.
fn center(root: &Path, folder: &str, id: &str, name: &str, text: &str) {
    let dir = root.join(folder);
    copy_dir(&example("shenzhen-nanshan"), &dir);
    let yaml = std::fs::read_to_string(dir.join("center.yaml"))
        .unwrap()
        .replace(EXAMPLE_ID, id)
        .replace(EXAMPLE_NAME, name);
    std::fs::write(dir.join("center.yaml"), yaml).unwrap();
    for entry in std::fs::read_dir(dir.join("docs")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    std::fs::write(dir.join("docs/服务流程规范.md"), text).unwrap();
}

const TOPICS: [&str; 10] = [
    "技术需求登记",
    "专家咨询对接",
    "知识产权托管",
    "检验检测委托",
    "中试熟化服务",
    "科技金融路演",
    "成果评价组织",
    "创新券兑付",
    "人才培训报名",
    "政策申报辅导",
];
const DEPTS: [&str; 8] = [
    "综合办公室",
    "技术服务部",
    "成果转化部",
    "企业发展部",
    "信息中心",
    "财务审计部",
    "培训交流部",
    "质量监督科",
];
const ACTS: [&str; 6] = [
    "核对申请材料的完整性并建立台账",
    "对照合同约定逐项检查交付成果",
    "组织双方召开对接会并形成会议纪要",
    "通过服务平台向企业推送办理进度",
    "收集服务对象的书面意见并限期整改",
    "将过程资料扫描归档并定期抽查",
];

/// Center `k`'s own sentences (`n` of them): a combination of topic, department, action
/// and period no other center of these tests writes.
fn own_sentences(k: usize, n: usize) -> Vec<String> {
    (0..n)
        .map(|j| {
            let x = k * 37 + j * 11;
            format!(
                "{topic}由{dept}牵头办理，经办人员应在{days}个工作日内{act}，第{j}项结果报分管领导{who}备案",
                topic = TOPICS[(x + k) % TOPICS.len()],
                dept = DEPTS[(x / 3 + j) % DEPTS.len()],
                days = 2 + (k * 7 + j * 3) % 13,
                act = ACTS[(k + j * 5) % ACTS.len()],
                who = ["审阅", "签批", "复核", "知悉"][(k + j) % 4],
            )
        })
        .collect()
}

/// A process document: headings, a line of cited policies, `shared` standard sentences and
/// the center's own, three sentences to a paragraph.
fn document(name: &str, shared: &[&str], own: &[String]) -> String {
    let mut out = format!("# {name}服务流程规范\n\n修订日期：2024-05-01\n\n## 一、总则\n\n");
    out.push_str("依据《中华人民共和国科学技术进步法》《中华人民共和国促进科技成果转化法》。\n\n");
    let sentences: Vec<String> = shared
        .iter()
        .map(|s| s.to_string())
        .chain(own.iter().map(|s| format!("{name}{s}")))
        .collect();
    for (i, para) in sentences.chunks(3).enumerate() {
        if i % 3 == 2 {
            out.push_str(&format!(
                "## {}、服务环节\n\n",
                ["二", "三", "四", "五", "六", "七", "八"][i / 3 % 7]
            ));
        }
        out.push_str(&format!("第{}条　{}。\n\n", i + 1, para.join("。")));
    }
    out
}

const TEMPLATE: [&str; 12] = [
    "为规范本中心服务行为，提高服务质量和效率，结合本中心实际，制定本规范",
    "本规范适用于中心开展的各类科技服务活动，合作机构参照执行",
    "中心主任对本规范的执行负总责，各部门负责人在职责范围内抓好落实",
    "服务人员应当遵守职业道德，严格保守服务对象的商业秘密和技术秘密",
    "服务对象可通过现场、电话、网站和微信公众号等渠道提出服务需求",
    "对不属于本中心服务范围的需求，应当说明理由并推荐其他服务机构",
    "服务过程中形成的合同、报告和记录等资料应当完整归档，保存期限不少于五年",
    "中心每年对服务质量进行一次全面评估，评估结果作为改进服务的依据",
    "服务人员违反本规范造成不良影响的，依照有关规定追究责任",
    "本规范未尽事宜，按照国家和省有关法律法规及政策规定执行",
    "本规范由中心综合办公室负责解释，自印发之日起施行",
    "中心建立服务对象满意度回访制度，回访结果纳入部门年度考核",
];

#[test]
fn a_template_every_center_follows_is_no_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("audit");
    let places = [
        "杭州市西湖区",
        "宁波市鄞州区",
        "温州市鹿城区",
        "嘉兴市南湖区",
        "湖州市吴兴区",
        "绍兴市越城区",
        "金华市婺城区",
        "台州市椒江区",
    ];
    for (k, place) in places.iter().enumerate() {
        let name = format!("{place}生产力促进中心");
        // Two thirds of each document is the common template.
        let text = document(&name, &TEMPLATE, &own_sentences(k, 6));
        center(
            &root,
            &format!("c{k}"),
            &format!("ZJ-T-{k:04}"),
            &name,
            &text,
        );
    }
    let json = audit(&root);
    assert!(pairs(&json).is_empty(), "{:?}", pairs(&json));
    for k in 0..places.len() {
        let s = submission(&json, &format!("c{k}"));
        let rule = s["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == RULE || r["rule"] == RULE)
            .unwrap_or_else(|| panic!("no {RULE} in {}", s["rules"]));
        assert_eq!(rule["outcome"], "pass", "{rule}");
    }
}

#[test]
fn two_centers_sharing_policy_titles_and_stock_phrases_are_no_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("audit");
    let stock = &TEMPLATE[..3];
    center(
        &root,
        "a",
        "JS-NJ-0001",
        "南京市玄武区生产力促进中心",
        &document("南京市玄武区生产力促进中心", stock, &own_sentences(1, 14)),
    );
    center(
        &root,
        "b",
        "JS-SZ-0002",
        "苏州市姑苏区生产力促进中心",
        &document("苏州市姑苏区生产力促进中心", stock, &own_sentences(2, 14)),
    );
    let json = audit(&root);
    assert!(pairs(&json).is_empty(), "{:?}", pairs(&json));
    assert!(rule_findings(&json, "a").is_empty());
}

/// `text` with the first sentence of every paragraph that has more than one dropped.
fn drop_first_sentences(text: &str) -> String {
    text.lines()
        .map(|l| match l.split_once('。') {
            Some((_, rest)) if l.starts_with('第') && rest.contains('。') => {
                let head: String = l.chars().take_while(|c| *c != '　').collect();
                format!("{head}　{rest}")
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_renamed_copy_missing_a_sentence_a_paragraph_is_found_in_both_at_the_shared_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("audit");
    let centers = [
        ("src", "GD-GZ-0101", "广州市天河区生产力促进中心"),
        ("other1", "GD-FS-0102", "佛山市禅城区生产力促进中心"),
        ("other2", "GD-ZH-0103", "珠海市香洲区生产力促进中心"),
        ("copier", "HB-WH-0204", "武汉市洪山区生产力促进中心"),
        // The source center again (a resubmission, same id): no copy of itself.
        ("src-again", "GD-GZ-0101", "广州市天河区生产力促进中心"),
    ];
    let source = document(centers[0].2, &TEMPLATE[..2], &own_sentences(40, 24));
    for (k, (folder, id, name)) in centers.iter().enumerate() {
        let text = match *folder {
            "src" | "src-again" => source.clone(),
            "copier" => drop_first_sentences(
                &source
                    .replace(centers[0].2, name)
                    .replace("天河区", "洪山区")
                    .replace("2024-05-01", "2024-09-12"),
            ),
            _ => document(name, &TEMPLATE[..2], &own_sentences(50 + k, 24)),
        };
        center(&root, folder, id, name, &text);
    }
    let json = audit(&root);
    let expected: BTreeSet<_> = [sorted("copier", "src"), sorted("copier", "src-again")].into();
    assert_eq!(pairs(&json), expected);
    let on_copier = rule_findings(&json, "copier");
    assert_eq!(on_copier.len(), 2, "{on_copier:?}");
    let on_src = rule_findings(&json, "src");
    assert_eq!(on_src.len(), 1, "{on_src:?}");
    let (f, there) = (
        on_src[0],
        on_copier
            .iter()
            .find(|f| folder(&f["related"]["path"]) == "src")
            .unwrap(),
    );
    assert_eq!(folder(&f["related"]["path"]), "copier");
    assert_eq!(f["related"]["center_id"], "HB-WH-0204");
    assert_eq!(f["related"]["line"], there["line"]);
    assert_eq!(there["related"]["line"], f["line"]);
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("武汉市洪山区生产力促进中心") && message.contains("HB-WH-0204"),
        "{message}"
    );
    assert_eq!(f["severity"], "warning");
    // The two lines hold the same sentence, names aside.
    let line = |folder: &str, n: &Value| -> String {
        let text = std::fs::read_to_string(root.join(folder).join("docs/服务流程规范.md")).unwrap();
        text.lines()
            .nth(n.as_u64().unwrap() as usize - 1)
            .unwrap()
            .to_string()
    };
    let sentences = |l: String, name: &str| -> BTreeSet<String> {
        l.replace(name, "")
            .split(['。', '　'])
            .filter(|s| s.chars().count() >= 12)
            .map(str::to_string)
            .collect()
    };
    let a = sentences(line("src", &f["line"]), centers[0].2);
    let b = sentences(line("copier", &there["line"]), centers[3].2);
    assert!(a.intersection(&b).next().is_some(), "{a:?} / {b:?}");
    // The unrelated centers pass.
    for other in ["other1", "other2"] {
        assert!(rule_findings(&json, other).is_empty());
    }
}

#[test]
fn a_waived_copy_is_shown_waived_on_that_side_only_and_the_waiver_is_not_stale_under_check() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("audit");
    let centers = [
        ("src", "GD-GZ-0101", "广州市天河区生产力促进中心"),
        ("other", "GD-FS-0102", "佛山市禅城区生产力促进中心"),
        ("sister", "GD-ZH-0103", "珠海市香洲区生产力促进中心"),
    ];
    let source = document(centers[0].2, &TEMPLATE[..2], &own_sentences(60, 24));
    for (k, (folder, id, name)) in centers.iter().enumerate() {
        let text = match *folder {
            "other" => document(name, &TEMPLATE[..2], &own_sentences(70 + k, 24)),
            _ => source.replace(centers[0].2, name),
        };
        center(&root, folder, id, name, &text);
    }
    // The sister center shares the procedure with approval; an expired waiver of the
    // cohort rule beside it is reported as expired, as under `check`.
    let waivers = "waivers:\n  - rule: BAS-009\n    file: docs/服务流程规范.md\n    reason: 与广州市天河区生产力促进中心共用经主管部门批准的服务流程规范\n    expires: 2026-12-31\n    approved_by: 广东省科技厅\n  - rule: EVA-017\n    reason: 旧豁免\n    expires: 2024-12-31\n    approved_by: 广东省科技厅\n";
    std::fs::write(root.join("sister/waivers.yaml"), waivers).unwrap();
    // A center that copied nothing waives a copy: the audit calls that waiver stale.
    let needless = "waivers:\n  - rule: BAS-009\n    reason: 预防性豁免\n    expires: 2026-12-31\n    approved_by: 广东省科技厅\n";
    std::fs::write(root.join("other/waivers.yaml"), needless).unwrap();
    let json = audit(&root);
    assert_eq!(
        pairs(&json),
        [sorted("sister", "src")].into(),
        "{}",
        submission(&json, "sister")
    );
    let on_sister = rule_findings(&json, "sister");
    assert_eq!(on_sister.len(), 1, "{on_sister:?}");
    assert_eq!(on_sister[0]["waived"], true, "{}", on_sister[0]);
    let on_src = rule_findings(&json, "src");
    assert_eq!(on_src.len(), 1, "{on_src:?}");
    assert_eq!(on_src[0]["waived"], false, "{}", on_src[0]);
    let sister = submission(&json, "sister");
    assert_eq!(sister["counts"]["waived"], 1, "{}", sister["counts"]);
    let state = sister["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == RULE)
        .unwrap();
    assert_eq!(
        (&state["outcome"], &state["waived"]),
        (&"fail".into(), &true.into())
    );
    let codes = |s: &Value| -> Vec<String> {
        s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| {
                f["rule"]
                    .as_str()
                    .filter(|r| r.starts_with("input/waiver"))
                    .map(String::from)
            })
            .collect()
    };
    assert_eq!(codes(sister), ["input/waiver-expired"]);
    assert_eq!(codes(submission(&json, "other")), ["input/waiver-stale"]);
    let stale = submission(&json, "other")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "input/waiver-stale")
        .unwrap();
    assert_eq!(
        (&stale["file"], &stale["line"]),
        (&"waivers.yaml".into(), &2.into()),
        "{stale}"
    );
    assert!(
        stale["message"].as_str().unwrap().contains("BAS-009"),
        "{stale}"
    );
    // `check` cannot tell whether the copy waiver is used: it is neither used nor stale.
    let out = sscheck()
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2025-03-01",
            "--lang",
            "en",
            "--fail-on",
            "never",
        ])
        .arg(root.join("sister"))
        .output()
        .unwrap();
    let checked: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(codes(&checked["submissions"][0]), ["input/waiver-expired"]);
    // A shard report carries the waiver to the merge.
    let shard = tmp.path().join("shard.json");
    let out = sscheck()
        .arg("audit")
        .arg(&root)
        .args([
            "--shard",
            "1/1",
            "--today",
            "2025-03-01",
            "--lang",
            "en",
            "--fail-on",
            "never",
        ])
        .arg("--output")
        .arg(format!("json={}", shard.display()))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = sscheck()
        .args([
            "merge",
            "--format",
            "json",
            "--lang",
            "en",
            "--fail-on",
            "never",
        ])
        .arg(&shard)
        .output()
        .unwrap();
    let merged: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rule_findings(&merged, "sister")[0]["waived"], true);
    assert_eq!(rule_findings(&merged, "src")[0]["waived"], false);
}
