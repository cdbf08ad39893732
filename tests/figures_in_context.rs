//! Figures in context (`consistency`, rule EVA-003): only statements of the reporting
//! year's own value are compared with the metrics. Each case is a passage of a 2024
//! self-evaluation report (the `shenzhen-nanshan` example: enterprises_served 1250,
//! tech_contract_turnover 48700 万元, training_participants 3200, satisfaction_rate
//! 94.3%, staff_total 42, full_time_brokers 6, revenue_total 2860 万元, revenue_fiscal
//! 1100 万元, university_partners 28, avg_response_days 1.3) and the figures, as written,
//! that must be reported as contradicting the metrics.

mod common;

use common::*;
use std::fs;

const RULE: &str = "EVA-003";
const DOC: &str = "docs/2024年度绩效自评报告.md";

/// (passage, figures reported as written). A passage is the body of the report's
/// section “主要工作成效” unless it brings its own headings.
const CASES: &[(&str, &[&str])] = &[
    // ---- statements of the year's value that contradict the metrics: found
    ("2024年，中心全年服务企业1,450家，同比增长7.9%。", &["1,450家"]),
    ("全年共服务企业一千四百五十家，服务覆盖面持续扩大。", &["一千四百五十家"]),
    ("服务企业达1450家，覆盖全区主要产业园区。", &["1450家"]),
    ("全年服务企业数为１，４５０家。", &["１，４５０家"]),
    ("服务企业总数达到1450家。", &["1450家"]),
    ("全年促成技术合同312项，技术合同成交额3,200万元。", &["3,200万元"]),
    ("全年登记技术合同成交额0.32亿元，同比下降5.0%。", &["0.32亿元"]),
    ("全年举办各类培训班52期，培训2,400人次。", &["2,400人次"]),
    ("经第三方测评，全年服务满意度89.1%，较上年下降1.2个百分点。", &["89.1%"]),
    ("截至2024年底，中心现有在职人员55人。", &["55人"]),
    ("截至2024年底，中心现有在职人员42人，其中专职技术经纪人8名。", &["8名"]),
    ("中心现有专职技术经纪人九名。", &["九名"]),
    ("全年总收入3,600万元，其中财政收入1,100万元。", &["3,600万元"]),
    ("全年总收入2,860万元，其中财政收入1,500万元。", &["1,500万元"]),
    ("与上年相比，2024年服务企业1,450家。", &["1,450家"]),
    ("服务企业数由上年的1,100家增加到1,450家。", &["1,450家"]),
    ("本年度累计服务企业1450家。", &["1450家"]),
    ("全年服务企业约2,000家。", &["2,000家"]),
    ("全年服务企业1,600余家。", &["1,600余家"]),
    ("全年服务各类市场主体1,800个，其中服务企业1,450家。", &["1,450家"]),
    // Lines broken by a PDF or Word export, inside a term or between figure and unit.
    ("全年服务企业1,450家，技\n术合同成交额5.2亿元。", &["1,450家", "5.2亿元"]),
    ("全年技术合同成交额5.2\n亿元，服务企业1,250家。", &["5.2亿元"]),
    // ---- the year's value, agreeing with the metrics (rounded or approximate): nothing
    ("全年共服务企业一千二百五十家，技术合同成交额4.87亿元。", &[]),
    ("全年服务企业1,200余家，培训3,200人次。", &[]),
    ("全年服务企业超过1,200家，服务满意度94%。", &[]),
    ("服务企业数从1,100家增加到1,250家。", &[]),
    ("服务企业由1,100家增至1,250家，培训由2,980人次提高到3,200人次。", &[]),
    ("2023年服务企业1,100家，2024年服务企业1,250家。", &[]),
    // ---- targets, plans and forecasts: nothing
    ("力争技术合同成交额达到5000万元。", &[]),
    ("明年培训1200人次。", &[]),
    ("2025年计划服务企业500家。", &[]),
    ("2025年，中心将进一步扩大服务范围，服务企业1,500家。", &[]),
    ("预计全年服务企业将超过1,300家。", &[]),
    ("确保服务满意度达到95%以上。", &[]),
    ("服务企业1,500家的年度目标已全面完成。", &[]),
    ("下一年度，培训4,000人次，服务企业1,600家。", &[]),
    (
        "全年工作顺利完成。\n\n## 六、下一年度工作计划\n\n- 全年服务企业不少于1,500家；\n- 培训4,000人次；\n- 技术合同成交额5亿元。",
        &[],
    ),
    // ---- other years' figures: nothing
    ("去年服务企业1,100家。", &[]),
    ("上年度服务满意度为92.0%。", &[]),
    ("2023年，中心现有在职人员38人。", &[]),
    // ---- changes and differences: nothing
    ("服务企业较上年增加了200家。", &[]),
    ("服务企业增加了200家，培训同比增长12%。", &[]),
    // ---- a longer noun around the term: nothing
    ("全年营业总收入5,000万元。", &[]),
    ("中心牵头成立服务企业家协会，会员单位120家。", &[]),
    ("服务企业家协会会员120家。", &[]),
    ("培训满意度98.0%，学员反映良好。", &[]),
    // ---- sub-groups and parts: nothing
    ("为科技型中小企业服务企业326家。", &[]),
    ("为衡阳县服务企业120家。", &[]),
    ("其中，在高新区服务企业500家，在各乡镇工业园区服务企业300家。", &[]),
    ("一季度服务企业320家，上半年培训1,500人次。", &[]),
    ("6月份服务企业150家。", &[]),
    ("技术转移部全年服务企业420家。", &[]),
    ("全年培训3,200人次，其中技术经纪人培训800人次、线上培训1,200人次。", &[]),
    ("通过“科技进园区”活动服务企业200家。", &[]),
    ("累计服务企业8,000家。", &[]),
    ("成立以来，中心已服务企业5,000余家，历年培训4万人次。", &[]),
    ("建站至今已为5,000余家企业提供服务。", &[]),
    ("2024年以来，中心服务企业1,600家。", &["1,600家"]),
    ("人均服务企业12家。", &[]),
    ("选派业务骨干参加业务培训10人次。", &[]),
    ("年内新引进专职技术经纪人2名。", &[]),
    ("力争新增持证专职技术经纪人2名。", &[]),
    // ---- an area's or the sector's totals, cited beside the center's own: nothing
    ("全市现有专职技术经纪人300名。", &[]),
    ("南山区全年技术合同成交额超过500亿元。", &[]),
    ("全省生产力促进中心共服务企业3.2万家。", &[]),
    ("本市技术合同成交额达到350亿元，同比增长12%。", &[]),
    ("衡阳县全年培训3,000人次。", &[]),
    // ---- the center named in full is the center: found
    ("深圳市南山区生产力促进中心全年服务企业1,450家。", &["1,450家"]),
    ("南山区生产力促进中心2024年技术合同成交额3,200万元。", &["3,200万元"]),
    ("全年市场化服务收入1,760万元，总收入3,000万元。", &["3,000万元"]),
    // ---- the figure before its noun (the metric's `frames`): found
    ("2024年，中心全年共为1,520家企业提供服务。", &["1,520家"]),
    ("全年服务了1,520家企业，培训3,200人次。", &["1,520家"]),
    ("中心为1,600余家企业提供了各类服务。", &["1,600余家"]),
    ("全年为一千五百二十家企业提供服务。", &["一千五百二十家"]),
    ("截至2024年底，中心现有在职人员42人，拥有8名专职技术经纪人。", &["8名"]),
    ("截至2024年底，中心现有在职人员42人，其中有3名专职技术经纪人。", &["3名"]),
    ("中心现有55名在职人员。", &["55名"]),
    ("中心拥有8名专职技术经纪人和12名兼职技术经纪人。", &["8名"]),
    // ---- the figure before its noun, agreeing: nothing
    ("全年为1,250家企业提供服务，其中为320家企业提供服务。", &[]),
    ("中心为近1,300家企业提供服务，拥有6名专职技术经纪人。", &[]),
    // ---- the figure before its noun, but a part, a plan, another year, an area, a
    // cumulative total, a kind of service or a wider noun: nothing
    ("全年为320家企业提供融资服务。", &[]),
    ("全年为1,520家企业和个人提供服务。", &[]),
    ("全年为全区1,520家企业提供服务。", &[]),
    ("累计为5,000家企业提供服务，其中为320家企业提供服务。", &[]),
    ("计划为1,600家企业提供服务。", &[]),
    ("2023年为1,100家企业提供服务。", &[]),
    ("线上服务520家企业。", &[]),
    ("服务数十家企业，惠及万家企业。", &[]),
    ("年内新引进2名专职技术经纪人。", &[]),
    ("全市共有80名专职技术经纪人。", &[]),
    ("为1,600家企业提供服务的年度目标已全面完成。", &[]),
    // ---- partner universities (university_partners 28): the partnership itself is
    // compared; the area's institutes, a project with a few, a part or a new one are not
    ("中心与35家高校院所保持稳定合作。", &["35家"]),
    ("合作高校院所达到35家。", &["35家"]),
    ("中心与28所高校院所建立了长期合作关系。", &[]),
    ("全区共有高校院所46家，中心与其中28家建立合作。", &[]),
    ("中心与3家高校院所合作共建实验室。", &[]),
    ("中心与28家高校院所保持稳定合作，其中与3家高校院所建立稳定合作关系。", &[]),
    ("年内新与3家高校院所建立合作关系，新增合作高校院所3家。", &[]),
    // ---- satisfaction as reports word it (满意率, 企业满意度): found; of something
    // else than the service (培训, 投诉处理, 回访): nothing
    ("经第三方测评，全年服务满意率89.0%。", &["89.0%"]),
    ("全年企业满意度为89.0%，客户满意率94.3%。", &["89.0%"]),
    ("全年培训满意率89.0%，投诉处理满意率100%，回访满意率100%。", &[]),
    // ---- the average response time (avg_response_days 1.3): found; a promise, a
    // change, or days that are not working days: nothing
    ("全年平均服务响应时间为2.1个工作日。", &["2.1个工作日"]),
    ("平均响应时间1.6个工作日，较上年缩短0.2个工作日。", &["1.6个工作日"]),
    ("服务响应时间为2个工作日，平均服务响应时间2天。", &[]),
    ("平均服务响应时间较上年缩短0.2个工作日。", &[]),
    // ---- a list of terms given its figures in order (分别为): each term its own figure
    ("全年服务企业、技术合同成交额分别为1,400家、5.2亿元。", &["1,400家", "5.2亿元"]),
    ("全年服务企业、培训人次和技术合同成交额分别达到1,250家、3,600人次和4.87亿元。", &["3,600人次"]),
    ("全年服务企业、技术合同成交额分别为1,250家、4.87亿元，同比增长8%、12%。", &[]),
    // A list whose figures do not count up to its items, or a plan, or another year:
    // nothing.
    ("全年服务企业、技术合同成交额分别为1,400家。", &[]),
    ("2025年计划服务企业、培训人次分别为1,500家、4,000人次。", &[]),
    ("2023年服务企业、技术合同成交额分别为1,100家、4.1亿元。", &[]),
    ("服务企业、技术合同成交额较上年分别增长12%和8%。", &[]),
    // ---- tables of figures by year: each year's column against that year's metrics
    // (2023: enterprises_served 1158, tech_contract_turnover 45100 万元, satisfaction 93.8%)
    (
        "| 指标 | 2023年 | 2024年 |\n|---|---:|---:|\n| 服务企业数（家） | 1,158 | 1,520 |",
        &["1,520"],
    ),
    (
        "| 指标 | 2023年 | 2024年 |\n|---|---:|---:|\n| 服务企业数（家） | 1,100 | 1,250 |",
        &["1,100"],
    ),
    (
        "| 年度 | 服务企业数（家） | 技术合同成交额（万元） |\n|---|---:|---:|\n| 2023 | 1,158 | 45,100 |\n| 2024 | 1,250 | 47,800 |",
        &["47,800"],
    ),
    ("| 指标 | 2024年 |\n|---|---:|\n| 技术合同成交额 | 3.2亿元 |", &["3.2亿元"]),
    (
        "| 指标 | 单位 | 2023年 | 2024年 |\n|---|---|---:|---:|\n| 技术合同成交额 | 万元 | 45,100 | 47,800 |\n| 服务企业数 | 家 | 1,158 | 1,250 |",
        &["47,800"],
    ),
    (
        "| 序号 | 指标 | 2024年 |\n|---|---|---:|\n| 1 | 服务企业数（家） | 1,520 |\n| 2 | 服务满意度 | 94.3% |",
        &["1,520"],
    ),
    (
        "| 指标 | 目标值 | 完成值 | 完成率 |\n|---|---:|---:|---:|\n| 服务企业数（家） | 1,200 | 1,520 | 126.7% |",
        &["1,520"],
    ),
    (
        "| 指标 | 2023年 | 2024年 |\n|---|---:|---:|\n| 服务企业数（家） | 1,158 | 1,250 |\n| 技术合同成交额（万元） | 45,100 | 48,700 |\n| 服务满意度 | 93.8% | 94.3% |\n| 培训人次 | 2,980 | **3,200** |",
        &[],
    ),
    // ---- targets, changes, parts and unsure units in tables: nothing
    ("| 指标 | 2024年目标 | 2024年完成 |\n|---|---:|---:|\n| 服务企业数（家） | 1,500 | 1,250 |", &[]),
    ("| 指标 | 2024年 | 同比增长 |\n|---|---:|---:|\n| 服务企业数（家） | 1,250 | 7.9% |", &[]),
    (
        "| 指标 | 2024年 |\n|---|---:|\n| 服务企业数（家） | 1,250 |\n| 其中：专精特新企业 | 320 |\n| 服务企业增长率 | 7.9% |\n| 线上培训人次 | 900 |",
        &[],
    ),
    ("| 指标 | 2024年 |\n|---|---:|\n| 技术合同成交额 | 4.87 |", &[]),
    ("| 指标 | 目标值 | 累计完成 |\n|---|---:|---:|\n| 服务企业数（家） | 1,200 | 8,000 |", &[]),
    ("| 项目 | 数量 |\n|---|---:|\n| 服务企业数（家） | 1,520 |", &[]),
];

/// The figure as written in a consistency finding's English message (between “ and ”).
fn written(message: &str) -> String {
    let start = message.find('“').map(|i| i + '“'.len_utf8()).unwrap_or(0);
    let end = message[start..]
        .find('”')
        .map(|i| start + i)
        .unwrap_or(message.len());
    message[start..end].to_string()
}

/// `check` of one copy of the example per passage (`{prefix}-00`, `{prefix}-01`, …), each
/// the body of its report's section “主要工作成效”.
fn check_passages(prefix: &str, passages: &[&str]) -> (tempfile::TempDir, serde_json::Value) {
    let (tmp, base) = example_copy("shenzhen-nanshan");
    let root = base.parent().unwrap().to_path_buf();
    let mut dirs = Vec::new();
    for (k, passage) in passages.iter().enumerate() {
        let dir = root.join(format!("{prefix}-{k:02}"));
        copy_dir(&base, &dir);
        let text = format!(
            "# 深圳市南山区生产力促进中心2024年度绩效自评报告\n\n## 二、主要工作成效\n\n{passage}\n"
        );
        fs::write(dir.join(DOC), text).unwrap();
        dirs.push(dir);
    }
    let args: Vec<&str> = dirs.iter().map(|d| d.to_str().unwrap()).collect();
    let (_, json) = check_json(&args);
    (tmp, json)
}

#[test]
fn only_statements_of_the_years_own_value_are_compared() {
    let passages: Vec<&str> = CASES.iter().map(|(p, _)| *p).collect();
    let (_tmp, json) = check_passages("case", &passages);
    let subs = json["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), CASES.len());
    let mut wrong = Vec::new();
    for (k, (passage, expected)) in CASES.iter().enumerate() {
        let name = format!("case-{k:02}");
        let sub = subs
            .iter()
            .find(|s| {
                s["path"]
                    .as_str()
                    .unwrap()
                    .trim_end_matches('/')
                    .ends_with(&name)
            })
            .unwrap_or_else(|| panic!("no result for {name}"));
        let rule = sub["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == RULE)
            .unwrap();
        let mut got: Vec<String> = sub["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == RULE)
            .map(|f| {
                assert_eq!(f["file"], DOC);
                written(f["message"].as_str().unwrap())
            })
            .collect();
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        let outcome = rule["outcome"].as_str().unwrap();
        let want_outcome = if want.is_empty() { "pass" } else { "fail" };
        if got != want || outcome != want_outcome {
            wrong.push(format!(
                "{passage:?}\n    expected {want:?} ({want_outcome}), got {got:?} ({outcome})"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} case(s) wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_plan_for_the_reporting_year_itself_is_still_not_a_statement() {
    // The reporting year named with a plan word is a target set at the start of the year.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let p = dir.join(DOC);
    let t = fs::read_to_string(&p).unwrap();
    let t = t.replacen(
        "## 三、机构与队伍建设",
        "年初确定的2024年目标为服务企业1,500家、培训4,000人次。\n\n## 三、机构与队伍建设",
        1,
    );
    fs::write(&p, t).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    assert!(
        findings(&json, RULE).is_empty(),
        "{:#?}",
        findings(&json, RULE)
    );
    assert_eq!(outcome(&json, RULE), "pass");
}

#[test]
fn the_clean_example_still_compares_every_figure() {
    // Every prose figure of the example is read: changing any metric is noticed.
    for (key, from, to) in [
        (
            "enterprises_served",
            "enterprises_served: 1250",
            "enterprises_served: 1450",
        ),
        (
            "tech_contract_turnover",
            "tech_contract_turnover: 48700",
            "tech_contract_turnover: 32000",
        ),
        (
            "training_participants",
            "training_participants: 3200",
            "training_participants: 2400",
        ),
        (
            "satisfaction_rate",
            "satisfaction_rate: 94.3%",
            "satisfaction_rate: 89.1%",
        ),
        ("staff_total", "staff_total: 42", "staff_total: 55"),
        (
            "revenue_total",
            "revenue_total: 2860",
            "revenue_total: 3600",
        ),
        (
            "revenue_fiscal",
            "revenue_fiscal: 1100",
            "revenue_fiscal: 1500",
        ),
    ] {
        let (_tmp, dir) = example_copy("shenzhen-nanshan");
        let p = dir.join("metrics/2024.yaml");
        let t = fs::read_to_string(&p).unwrap();
        assert!(t.contains(from), "{from}");
        fs::write(&p, t.replacen(from, to, 1)).unwrap();
        let (_, json) = check_json(&[dir.to_str().unwrap()]);
        let fs = findings(&json, RULE);
        // The report's appendix table gives four of them for 2024 too: found there as well.
        let in_table = [
            "enterprises_served",
            "tech_contract_turnover",
            "training_participants",
            "satisfaction_rate",
        ]
        .contains(&key);
        assert_eq!(fs.len(), 1 + usize::from(in_table), "{key}: {fs:#?}");
        for f in &fs {
            assert!(f["message"].as_str().unwrap().contains(key), "{key}");
        }
        let tables = fs
            .iter()
            .filter(|f| f["message"].as_str().unwrap().starts_with("a table states"))
            .count();
        assert_eq!(tables, usize::from(in_table), "{key}: {fs:#?}");
    }
}

#[test]
fn the_value_read_is_shown_only_when_it_is_not_what_is_written() {
    // (passage, the figure and the value read as the message shows them)
    let cases = [
        ("全年服务企业1,450家。", "“1,450家”, but"),
        (
            "全年共服务企业一千四百五十家。",
            "“一千四百五十家” (1,450 enterprises), but",
        ),
        (
            "全年登记技术合同成交额0.32亿元。",
            "“0.32亿元” (3,200 × 10k CNY), but",
        ),
        ("平均服务响应时间2.1个工作日。", "“2.1个工作日”, but"),
    ];
    let passages: Vec<&str> = cases.iter().map(|(p, _)| *p).collect();
    let (_tmp, json) = check_passages("shown", &passages);
    for (k, (_, shown)) in cases.iter().enumerate() {
        let sub = &json["submissions"][k];
        assert!(sub["path"]
            .as_str()
            .unwrap()
            .contains(&format!("shown-{k:02}")));
        let messages: Vec<&str> = sub["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == RULE)
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        assert!(
            messages.len() == 1 && messages[0].contains(shown),
            "{shown}: {messages:?}"
        );
    }
}
