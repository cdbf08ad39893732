//! What the generated submissions are made of: geography, the metric and document
//! catalogues of the national baseline (standards/national-baseline/standard.yaml), its
//! thresholds, and the defect kinds the generator injects.

pub const REPORT_YEAR: i32 = 2024;

#[derive(Debug)]
pub struct Province {
    pub short: &'static str,
    pub full: &'static str,
    pub code: &'static str,
    pub region: &'static str,
    /// Relative number of centers (east-heavy, as the real network is).
    pub weight: f64,
    pub cities: &'static [(&'static str, &'static str)],
}

pub const MUNICIPALITIES: [&str; 4] = ["北京", "天津", "上海", "重庆"];

pub const LEVELS: [&str; 4] = ["national", "provincial", "municipal", "county"];
pub const LEVEL_WEIGHTS: [f64; 4] = [7.0, 3.0, 30.0, 60.0];
pub const OPERATION_MODELS: [&str; 3] = ["government", "market", "hybrid"];

/// Operation model weights (government, market, hybrid) by level.
pub fn opmodel_weights(level: &str) -> [f64; 3] {
    match level {
        "national" => [25.0, 20.0, 55.0],
        "provincial" => [45.0, 10.0, 45.0],
        "municipal" => [50.0, 15.0, 35.0],
        _ => [65.0, 10.0, 25.0],
    }
}

pub fn level_zh(level: &str) -> &'static str {
    match level {
        "national" => "国家级示范生产力促进中心",
        "provincial" => "省级生产力促进中心",
        "municipal" => "市级生产力促进中心",
        _ => "县级生产力促进中心",
    }
}

/// The baseline's cohort factors (EVA-004 / EVA-005): volume floors scale by level and region.
pub fn level_factor(level: &str) -> f64 {
    match level {
        "national" => 1.0,
        "provincial" => 0.6,
        "municipal" => 0.3,
        _ => 0.1,
    }
}

pub fn region_factor(region: &str) -> f64 {
    match region {
        "east" => 1.0,
        "central" | "northeast" => 0.66,
        _ => 0.53,
    }
}

/// Baseline floors before the cohort factors (EVA-004, EVA-005).
pub const ENTERPRISES_FLOOR_BASE: f64 = 600.0;
pub const TURNOVER_FLOOR_BASE: f64 = 3000.0;
pub const SATISFACTION_MIN: f64 = 0.85;
pub const RESPONSE_DAYS_MAX: f64 = 5.0;
pub const FISCAL_SHARE_MAX: f64 = 0.6;
pub const STAFF_MIN: i64 = 5;
/// Revision dates of clean documents are on or after this; stale ones on or before 2020-12-31
/// (BAS-007: at most 3 years before the end of the reporting year).
pub const FRESH_SINCE: &str = "2022-01-01";

/// The cohort floor of a volume metric (EVA-004 enterprises_served, EVA-005 tech_contract_turnover).
pub fn cohort_floor(metric: &str, level: &str, region: &str) -> f64 {
    let base = match metric {
        "enterprises_served" => ENTERPRISES_FLOOR_BASE,
        _ => TURNOVER_FLOOR_BASE,
    };
    base * level_factor(level) * region_factor(region)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MetricKind {
    Int,
    Number,
    Money,
    Percent,
    Bool,
}

pub struct Metric {
    pub id: &'static str,
    pub zh: &'static str,
    pub unit: &'static str,
    pub kind: MetricKind,
}

const fn m(id: &'static str, zh: &'static str, unit: &'static str, kind: MetricKind) -> Metric {
    Metric { id, zh, unit, kind }
}

pub const METRICS: [Metric; 15] = [
    m("enterprises_served", "服务企业数", "家", MetricKind::Int),
    m(
        "services_delivered",
        "提供服务项次",
        "项次",
        MetricKind::Int,
    ),
    m(
        "tech_contract_turnover",
        "技术合同成交额",
        "万元",
        MetricKind::Money,
    ),
    m("training_participants", "培训人次", "人次", MetricKind::Int),
    m("satisfaction_rate", "服务满意度", "%", MetricKind::Percent),
    m(
        "avg_response_days",
        "平均服务响应时间",
        "工作日",
        MetricKind::Number,
    ),
    m("staff_total", "在职人员数", "人", MetricKind::Int),
    m("full_time_brokers", "专职技术经纪人", "人", MetricKind::Int),
    m(
        "compound_talent_share",
        "复合型人才占比",
        "%",
        MetricKind::Percent,
    ),
    m(
        "university_partners",
        "合作高校院所数",
        "家",
        MetricKind::Int,
    ),
    m("revenue_total", "总收入", "万元", MetricKind::Money),
    m("revenue_fiscal", "财政收入", "万元", MetricKind::Money),
    m(
        "repeat_client_rate",
        "服务对象重复率",
        "%",
        MetricKind::Percent,
    ),
    m(
        "online_service_share",
        "线上服务占比",
        "%",
        MetricKind::Percent,
    ),
    m(
        "data_platform_connected",
        "接入数据服务平台",
        "",
        MetricKind::Bool,
    ),
];

pub fn metric_index(id: &str) -> usize {
    METRICS
        .iter()
        .position(|m| m.id == id)
        .unwrap_or_else(|| panic!("unknown metric {id}"))
}

pub const DOC_TYPES: [&str; 5] = [
    "service_process",
    "service_catalog",
    "complaint_handling",
    "data_security",
    "self_evaluation",
];

/// Types another center's document may be copied from (the self-evaluation is too personal).
pub const COPYABLE_DOCS: [&str; 4] = [
    "service_process",
    "service_catalog",
    "complaint_handling",
    "data_security",
];

pub fn doc_title(doc: &str) -> &'static str {
    match doc {
        "service_process" => "服务流程规范",
        "service_catalog" => "服务目录与收费标准",
        "complaint_handling" => "投诉处理制度",
        "data_security" => "数据安全管理制度",
        _ => "年度绩效自评报告",
    }
}

/// 规范 / 目录 / 制度 / 报告: how the text refers to itself (本制度).
pub fn doc_kind(doc: &str) -> &'static str {
    match doc {
        "service_process" => "规范",
        "service_catalog" => "目录",
        "complaint_handling" | "data_security" => "制度",
        _ => "报告",
    }
}

pub fn doc_file_en(doc: &str) -> &'static str {
    match doc {
        "service_process" => "service-process.md",
        "service_catalog" => "service-catalog.md",
        "complaint_handling" => "complaint-handling.md",
        "data_security" => "data-security.md",
        _ => "self-evaluation-2024.md",
    }
}

pub fn doc_topic(doc: &str) -> &'static str {
    match doc {
        "service_process" => "服务流程管理",
        "service_catalog" => "服务项目与收费管理",
        "complaint_handling" => "投诉处理工作",
        "data_security" => "数据安全管理",
        _ => "绩效评价工作",
    }
}

pub struct Section {
    /// The catalogue's heading id.
    pub id: &'static str,
    pub heading: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
    pub subsections: &'static [&'static str],
}

const fn s(
    id: &'static str,
    heading: &'static str,
    aliases: &'static [&'static str],
    required: bool,
    subsections: &'static [&'static str],
) -> Section {
    Section {
        id,
        heading,
        aliases,
        required,
        subsections,
    }
}

/// The document catalogue of the baseline: headings in order, with aliases.
pub fn sections(doc: &str) -> &'static [Section] {
    const SP: &[Section] = &[
        s(
            "general",
            "总则",
            &["总体要求"],
            true,
            &["目的", "适用范围"],
        ),
        s("intake", "服务受理", &["受理登记"], true, &[]),
        s("diagnosis", "需求诊断", &["需求分析"], true, &[]),
        s("delivery", "服务实施", &["服务执行"], true, &[]),
        s("acceptance", "服务交付与验收", &["交付验收"], true, &[]),
        s("records", "服务记录与归档", &["档案管理"], true, &[]),
        s(
            "response_limits",
            "响应时限",
            &["服务时限", "办理时限", "承诺时限", "办结时限"],
            true,
            &[],
        ),
        s("supplementary", "附则", &[], false, &[]),
    ];
    const SC: &[Section] = &[
        s("general", "总则", &["总体要求"], true, &[]),
        s("catalog", "服务目录", &["服务项目"], true, &[]),
        s(
            "fee_basis",
            "收费依据",
            &["定价依据", "收费原则", "定价原则"],
            true,
            &[],
        ),
        s("reductions", "减免政策", &["优惠政策"], true, &[]),
        s("disclosure", "公示与监督", &["监督管理"], true, &[]),
    ];
    const CH: &[Section] = &[
        s("general", "总则", &["总体要求"], true, &[]),
        s("channels", "投诉渠道", &["投诉方式", "投诉途径"], true, &[]),
        s("intake", "受理与登记", &["投诉受理"], true, &[]),
        s("investigation", "调查与处理", &["投诉处理"], true, &[]),
        s("time_limits", "处理时限", &["办理时限"], true, &[]),
        s(
            "feedback",
            "反馈与回访",
            &["结果反馈", "答复反馈"],
            true,
            &[],
        ),
        s(
            "accountability",
            "责任追究",
            &["奖惩", "法律责任", "罚则", "处罚", "惩罚", "问责"],
            true,
            &[],
        ),
        s("supplementary", "附则", &[], false, &[]),
    ];
    const DS: &[Section] = &[
        s("general", "总则", &["总体要求"], true, &[]),
        s(
            "roles",
            "组织与职责",
            &["管理职责", "管理责任", "管理体制", "机构与职责"],
            true,
            &[],
        ),
        s("classification", "数据分类分级", &["数据分类"], true, &[]),
        s("access_control", "访问控制", &["权限管理"], true, &[]),
        s("backup", "数据备份与恢复", &["备份与恢复"], true, &[]),
        s("personal_information", "个人信息保护", &[], false, &[]),
        s(
            "incident_response",
            "安全事件应急处置",
            &["应急响应"],
            true,
            &[],
        ),
        s(
            "oversight",
            "监督检查",
            &["检查与考核", "监督管理"],
            true,
            &[],
        ),
        s("supplementary", "附则", &[], false, &[]),
    ];
    const SE: &[Section] = &[
        s(
            "overview",
            "基本情况",
            &[
                "中心概况",
                "总体概况",
                "中心简介",
                "单位简介",
                "单位概况",
                "部门概况",
                "机构概况",
            ],
            true,
            &[],
        ),
        s(
            "results",
            "主要工作成效",
            &["工作成效", "工作总结", "工作回顾"],
            true,
            &["服务企业情况", "技术转移与成果转化", "人才培训", "服务质量"],
        ),
        s(
            "team",
            "机构与队伍建设",
            &["队伍建设", "人员队伍", "人才队伍", "团队建设", "机构设置"],
            true,
            &[],
        ),
        s(
            "finances",
            "经费收支情况",
            &[
                "财务状况",
                "财务收支",
                "资金收支",
                "收支情况",
                "经费使用",
                "资金使用",
                "决算",
            ],
            true,
            &[],
        ),
        s(
            "problems",
            "存在问题",
            &[
                "问题与不足",
                "存在的不足",
                "主要问题",
                "困难和问题",
                "问题和困难",
            ],
            true,
            &[],
        ),
        s(
            "plan",
            "下一年度工作计划",
            &[
                "下一步工作计划",
                "工作计划",
                "工作思路",
                "工作打算",
                "工作安排",
                "工作设想",
                "下一步打算",
            ],
            true,
            &[],
        ),
        s("conclusion", "自评结论", &[], false, &[]),
    ];
    match doc {
        "service_process" => SP,
        "service_catalog" => SC,
        "complaint_handling" => CH,
        "data_security" => DS,
        _ => SE,
    }
}

/// Columns of the service catalog table (PRO-006), with the aliases the baseline accepts.
pub const TABLE_COLUMNS: [&str; 4] = ["服务项目", "服务内容", "收费标准", "服务时限"];
pub fn table_aliases(col: &str) -> &'static [&'static str] {
    match col {
        "收费标准" => &["收费标准（元）", "收费方式", "收费标准/方式"],
        "服务时限" => &["办结时限"],
        _ => &[],
    }
}

/// Words whose presence makes a time-limit section pass PRO-003 / SUP-010.
pub const TIME_LIMIT_WORDS: [&str; 4] = ["工作日", "小时", "日内", "天内"];
/// Words EVA-012 looks for in the problems section.
pub const PROBLEM_WORDS: [&str; 6] = ["问题", "不足", "差距", "薄弱", "欠缺", "缺乏"];
/// Placeholders BAS-008 forbids in the service process.
pub const PLACEHOLDERS: [&str; 5] = ["待补充", "待完善", "XXX", "TODO", "此处填写"];

pub const COUNTY_C1: &str = "东西南北新长安平永清丰德兴宁华金龙阳江河山海云泰昌和嘉富怀武文高";
pub const COUNTY_C2: &str = "城阳山江安平宁兴川源州丰乡林陵溪水台都化湖桥岭";
pub const INDUSTRIES: [&str; 11] = [
    "",
    "",
    "",
    "机械工业",
    "轻工业",
    "纺织",
    "化工",
    "电子信息",
    "农业科技",
    "中小企业",
    "建材",
];

pub const BASIS: [&str; 8] = [
    "《中华人民共和国科学技术进步法》",
    "《中华人民共和国促进科技成果转化法》",
    "《生产力促进中心管理办法》",
    "《关于加快发展生产力促进中心的意见》",
    "《中华人民共和国中小企业促进法》",
    "《技术合同认定登记管理办法》",
    "GB/T 24421《服务业组织标准化工作指南》",
    "《国家技术转移体系建设方案》",
];
pub const BASIS_DATA: [&str; 4] = [
    "《中华人民共和国数据安全法》",
    "《中华人民共和国个人信息保护法》",
    "《中华人民共和国网络安全法》",
    "《信息安全技术 网络安全等级保护基本要求》",
];

pub const FEES: [&str; 10] = [
    "免费",
    "公益性免费",
    "按合同约定",
    "{2,000|3,000|5,000|8,000}元/次",
    "{300|500|800}元/人·天",
    "成交额的{1|2|3}%",
    "政府购买服务",
    "{1|2|3}万元/项起",
    "{500|800|1,200}元/项",
    "按工作量协商",
];
pub const LIMITS: [&str; 5] = [
    "{3|5|7|10|15}个工作日",
    "受理后{2|3|5}个工作日内",
    "按项目约定",
    "{20|30}个工作日",
    "即时办理",
];

pub fn appendices(doc: &str) -> &'static [&'static str] {
    match doc {
        "service_process" => &["服务需求登记表", "服务验收确认单", "服务流程图"],
        "service_catalog" => &["收费减免申请表"],
        "complaint_handling" => &["投诉登记表", "投诉处理流程"],
        "data_security" => &["数据分类分级清单", "数据安全事件报告表"],
        _ => &["主要指标完成情况表"],
    }
}

pub struct DefectKind {
    pub name: &'static str,
    /// Relative frequency among a defective center's defects.
    pub weight: f64,
    /// Check kinds (PRODUCT.md) that should fire; `input` = a file-level diagnostic.
    pub expect: &'static [&'static str],
    pub note: &'static str,
}

const fn d(
    name: &'static str,
    weight: f64,
    expect: &'static [&'static str],
    note: &'static str,
) -> DefectKind {
    DefectKind {
        name,
        weight,
        expect,
        note,
    }
}

/// Every defect kind. Weight 0: drawn by its own rate (copies, cohort outliers).
pub const DEFECT_KINDS: &[DefectKind] = &[
    d("missing_heading", 12.0, &["sections"], "a required section is gone, heading and text"),
    d("missing_document", 7.0, &["document"], "the file listed in the index is absent, or the index entry is absent too"),
    d("empty_document", 2.0, &["document"], "a document file of 0 bytes or only whitespace"),
    d("metric_below_threshold", 12.0, &["metric"], "a reporting-year metric outside its baseline threshold for the center's cohort"),
    d("fiscal_share_high", 9.0, &["expr"], "revenue_fiscal / revenue_total > 0.60 in the reporting year (SUP-003)"),
    d("fiscal_exceeds_total", 2.0, &["expr"], "revenue_fiscal > revenue_total (SUP-004)"),
    d("understaffed_no_brokers", 5.0, &["expr", "metric"], "staff_total < 5 and full_time_brokers == 0 (SUP-001, SUP-002)"),
    d("services_below_enterprises", 3.0, &["expr"], "services_delivered < enterprises_served (PRO-008)"),
    d("prose_mismatch", 12.0, &["consistency"], "a figure stated in the self-evaluation prose disagrees with the metric (> 10 % or > 3 points)"),
    d("stale_revision", 9.0, &["freshness"], "the latest revision date is on or before 2020-12-31"),
    d("missing_table_column", 7.0, &["table"], "the service catalog table lacks a required column"),
    d("trend_decline", 5.0, &["trend"], "a volume metric fell 3 years running, by more than 25 % in the last year (still above its floor)"),
    d("consecutive_shortfall", 4.0, &["trend", "metric"], "satisfaction or response time out of range 3 years running, the reporting year included"),
    d("no_service_three_years", 2.0, &["trend"], "no service, technology contract or training for 3 years (a 僵尸型 center, EVA-011)"),
    d("placeholder_text", 3.0, &["placeholders"], "the service process still holds a template placeholder (待补充, XXX, 此处填写 …; BAS-008)"),
    d("time_limit_vague", 3.0, &["keywords"], "a time-limit section gives no time (no 工作日/小时/日内/天内; PRO-003 or SUP-010)"),
    d("problems_glossed_over", 2.0, &["keywords"], "the self-evaluation's problems section names no problem (EVA-012)"),
    d("missing_field", 4.0, &["field"], "a required center.yaml field is absent"),
    d("invalid_enum", 3.0, &["field"], "level or operation_model is not one of the enum values"),
    d("bad_center_id", 1.0, &["field"], "center.id is not letters, digits and '-' (BAS-001)"),
    d("unknown_metric", 3.0, &["input"], "a metric id that is not in the catalogue (a typo)"),
    d("bad_yaml_indent", 2.0, &["input"], "a YAML file does not parse (bad indentation)"),
    d("duplicate_key", 1.0, &["input"], "a metrics file names a metric twice (YAML duplicate key)"),
    d("wrong_type", 2.0, &["input"], "a metric value of the wrong type, e.g. enterprises_served: 很多"),
    d("out_of_range", 1.0, &["input"], "a metric value outside its possible range (a negative count, a share over 100 %)"),
    d("year_mismatch", 1.0, &["input"], "`year:` in an earlier metrics file disagrees with its file name"),
    d("gbk_document", 2.0, &["input"], "a document saved in GBK instead of UTF-8"),
    d("binary_document", 1.0, &["input"], "a Word file (.docx) indexed instead of Markdown"),
    d("copied_document", 0.0, &["duplicate"], "a document is a near-copy of another center's document of the same type (drawn by --copy-rate)"),
    d("cohort_outlier", 0.0, &["cohort"], "enterprises_served just above the baseline floor but far below every peer of the cohort, 3 years running (drawn by --outlier-rate)"),
];

pub fn defect_kind(name: &str) -> &'static DefectKind {
    DEFECT_KINDS
        .iter()
        .find(|k| k.name == name)
        .unwrap_or_else(|| panic!("unknown defect kind {name}"))
}
pub const PROVINCES: &[Province] = &[
    Province {
        short: "北京",
        full: "北京市",
        code: "BJ",
        region: "east",
        weight: 5.0,
        cities: &[
            ("海淀区", "HD"),
            ("朝阳区", "CY"),
            ("丰台区", "FT"),
            ("昌平区", "CP"),
            ("顺义区", "SY"),
        ],
    },
    Province {
        short: "天津",
        full: "天津市",
        code: "TJ",
        region: "east",
        weight: 3.0,
        cities: &[
            ("滨海新区", "BH"),
            ("西青区", "XQ"),
            ("武清区", "WQ"),
            ("南开区", "NK"),
        ],
    },
    Province {
        short: "河北",
        full: "河北省",
        code: "HE",
        region: "east",
        weight: 5.0,
        cities: &[
            ("石家庄市", "SJ"),
            ("唐山市", "TS"),
            ("保定市", "BD"),
            ("邯郸市", "HD"),
            ("沧州市", "CZ"),
        ],
    },
    Province {
        short: "上海",
        full: "上海市",
        code: "SH",
        region: "east",
        weight: 5.0,
        cities: &[
            ("浦东新区", "PD"),
            ("闵行区", "MH"),
            ("嘉定区", "JD"),
            ("松江区", "SJ"),
            ("徐汇区", "XH"),
        ],
    },
    Province {
        short: "江苏",
        full: "江苏省",
        code: "JS",
        region: "east",
        weight: 10.0,
        cities: &[
            ("南京市", "NJ"),
            ("苏州市", "SZ"),
            ("无锡市", "WX"),
            ("常州市", "CZ"),
            ("南通市", "NT"),
            ("徐州市", "XZ"),
        ],
    },
    Province {
        short: "浙江",
        full: "浙江省",
        code: "ZJ",
        region: "east",
        weight: 9.0,
        cities: &[
            ("杭州市", "HZ"),
            ("宁波市", "NB"),
            ("温州市", "WZ"),
            ("嘉兴市", "JX"),
            ("绍兴市", "SX"),
            ("台州市", "TZ"),
        ],
    },
    Province {
        short: "福建",
        full: "福建省",
        code: "FJ",
        region: "east",
        weight: 5.0,
        cities: &[
            ("福州市", "FZ"),
            ("厦门市", "XM"),
            ("泉州市", "QZ"),
            ("漳州市", "ZZ"),
        ],
    },
    Province {
        short: "山东",
        full: "山东省",
        code: "SD",
        region: "east",
        weight: 9.0,
        cities: &[
            ("济南市", "JN"),
            ("青岛市", "QD"),
            ("烟台市", "YT"),
            ("潍坊市", "WF"),
            ("淄博市", "ZB"),
            ("临沂市", "LY"),
        ],
    },
    Province {
        short: "广东",
        full: "广东省",
        code: "GD",
        region: "east",
        weight: 9.0,
        cities: &[
            ("广州市", "GZ"),
            ("深圳市", "SZ"),
            ("佛山市", "FS"),
            ("东莞市", "DG"),
            ("珠海市", "ZH"),
            ("中山市", "ZS"),
        ],
    },
    Province {
        short: "海南",
        full: "海南省",
        code: "HI",
        region: "east",
        weight: 1.0,
        cities: &[("海口市", "HK"), ("三亚市", "SY")],
    },
    Province {
        short: "山西",
        full: "山西省",
        code: "SX",
        region: "central",
        weight: 3.0,
        cities: &[("太原市", "TY"), ("大同市", "DT"), ("长治市", "CZ")],
    },
    Province {
        short: "安徽",
        full: "安徽省",
        code: "AH",
        region: "central",
        weight: 5.0,
        cities: &[
            ("合肥市", "HF"),
            ("芜湖市", "WH"),
            ("蚌埠市", "BB"),
            ("马鞍山市", "MA"),
        ],
    },
    Province {
        short: "江西",
        full: "江西省",
        code: "JX",
        region: "central",
        weight: 3.0,
        cities: &[("南昌市", "NC"), ("赣州市", "GZ"), ("九江市", "JJ")],
    },
    Province {
        short: "河南",
        full: "河南省",
        code: "HA",
        region: "central",
        weight: 5.0,
        cities: &[
            ("郑州市", "ZZ"),
            ("洛阳市", "LY"),
            ("新乡市", "XX"),
            ("南阳市", "NY"),
        ],
    },
    Province {
        short: "湖北",
        full: "湖北省",
        code: "HB",
        region: "central",
        weight: 5.0,
        cities: &[
            ("武汉市", "WH"),
            ("襄阳市", "XY"),
            ("宜昌市", "YC"),
            ("荆州市", "JZ"),
        ],
    },
    Province {
        short: "湖南",
        full: "湖南省",
        code: "HN",
        region: "central",
        weight: 4.0,
        cities: &[
            ("长沙市", "CS"),
            ("株洲市", "ZZ"),
            ("湘潭市", "XT"),
            ("衡阳市", "HY"),
        ],
    },
    Province {
        short: "内蒙古",
        full: "内蒙古自治区",
        code: "NM",
        region: "west",
        weight: 2.0,
        cities: &[("呼和浩特市", "HH"), ("包头市", "BT"), ("鄂尔多斯市", "ED")],
    },
    Province {
        short: "广西",
        full: "广西壮族自治区",
        code: "GX",
        region: "west",
        weight: 2.5,
        cities: &[("南宁市", "NN"), ("柳州市", "LZ"), ("桂林市", "GL")],
    },
    Province {
        short: "重庆",
        full: "重庆市",
        code: "CQ",
        region: "west",
        weight: 3.0,
        cities: &[
            ("渝北区", "YB"),
            ("九龙坡区", "JL"),
            ("永川区", "YC"),
            ("涪陵区", "FL"),
        ],
    },
    Province {
        short: "四川",
        full: "四川省",
        code: "SC",
        region: "west",
        weight: 5.0,
        cities: &[
            ("成都市", "CD"),
            ("绵阳市", "MY"),
            ("德阳市", "DY"),
            ("宜宾市", "YB"),
        ],
    },
    Province {
        short: "贵州",
        full: "贵州省",
        code: "GZ",
        region: "west",
        weight: 2.0,
        cities: &[("贵阳市", "GY"), ("遵义市", "ZY"), ("安顺市", "AS")],
    },
    Province {
        short: "云南",
        full: "云南省",
        code: "YN",
        region: "west",
        weight: 2.5,
        cities: &[("昆明市", "KM"), ("曲靖市", "QJ"), ("玉溪市", "YX")],
    },
    Province {
        short: "西藏",
        full: "西藏自治区",
        code: "XZ",
        region: "west",
        weight: 0.3,
        cities: &[("拉萨市", "LS")],
    },
    Province {
        short: "陕西",
        full: "陕西省",
        code: "SN",
        region: "west",
        weight: 3.0,
        cities: &[("西安市", "XA"), ("宝鸡市", "BJ"), ("咸阳市", "XY")],
    },
    Province {
        short: "甘肃",
        full: "甘肃省",
        code: "GS",
        region: "west",
        weight: 2.0,
        cities: &[("兰州市", "LZ"), ("天水市", "TS"), ("酒泉市", "JQ")],
    },
    Province {
        short: "青海",
        full: "青海省",
        code: "QH",
        region: "west",
        weight: 0.7,
        cities: &[("西宁市", "XN")],
    },
    Province {
        short: "宁夏",
        full: "宁夏回族自治区",
        code: "NX",
        region: "west",
        weight: 1.0,
        cities: &[("银川市", "YC"), ("石嘴山市", "SZ")],
    },
    Province {
        short: "新疆",
        full: "新疆维吾尔自治区",
        code: "XJ",
        region: "west",
        weight: 1.5,
        cities: &[
            ("乌鲁木齐市", "WL"),
            ("克拉玛依市", "KL"),
            ("昌吉回族自治州", "CJ"),
        ],
    },
    Province {
        short: "辽宁",
        full: "辽宁省",
        code: "LN",
        region: "northeast",
        weight: 3.0,
        cities: &[("沈阳市", "SY"), ("大连市", "DL"), ("鞍山市", "AS")],
    },
    Province {
        short: "吉林",
        full: "吉林省",
        code: "JL",
        region: "northeast",
        weight: 2.0,
        cities: &[
            ("长春市", "CC"),
            ("吉林市", "JL"),
            ("延边朝鲜族自治州", "YB"),
        ],
    },
    Province {
        short: "黑龙江",
        full: "黑龙江省",
        code: "HL",
        region: "northeast",
        weight: 2.0,
        cities: &[("哈尔滨市", "HR"), ("大庆市", "DQ"), ("齐齐哈尔市", "QQ")],
    },
];
pub const CATALOG_ITEMS: &[(&str, [&str; 2])] = &[
    (
        "技术咨询",
        [
            "提供行业技术政策、技术路线及技术方案咨询",
            "解答企业生产经营中的技术问题",
        ],
    ),
    (
        "技术评估",
        [
            "对技术成果的先进性、成熟度和市场前景进行评估",
            "出具技术评估报告",
        ],
    ),
    (
        "科技成果转化",
        [
            "提供成果筛选、对接洽谈及转化方案设计",
            "促成技术许可、转让及作价入股",
        ],
    ),
    (
        "知识产权服务",
        [
            "专利检索分析、专利申请辅导及知识产权布局",
            "知识产权托管与维权援助",
        ],
    ),
    (
        "企业诊断",
        [
            "开展管理诊断、技术诊断和数字化水平评估",
            "出具诊断报告并提出改进建议",
        ],
    ),
    (
        "管理咨询",
        [
            "提供战略规划、质量管理及精益生产咨询",
            "协助建立现代企业管理制度",
        ],
    ),
    (
        "人才培训",
        [
            "组织技术经纪人、企业管理及专业技能培训",
            "开展政策宣讲与专题讲座",
        ],
    ),
    (
        "科技项目申报辅导",
        ["解读各级科技计划项目申报政策", "辅导企业编制项目申报材料"],
    ),
    (
        "高新技术企业认定辅导",
        [
            "开展认定条件自评与差距分析",
            "辅导研发费用归集及申报材料编制",
        ],
    ),
    (
        "检验检测对接",
        ["对接检验检测机构和大型科研仪器", "协助企业完成产品检测认证"],
    ),
    (
        "科技信息服务",
        [
            "提供科技政策、行业动态及技术供需信息",
            "定期推送科技信息简报",
        ],
    ),
    (
        "科技金融对接",
        ["组织投融资路演和银企对接活动", "协助申请科技贷款及创新券"],
    ),
    (
        "技术交易服务",
        ["技术合同认定登记辅导", "技术交易撮合及合同签订服务"],
    ),
    (
        "创业孵化服务",
        [
            "为初创企业提供场地、政策及创业辅导",
            "组织创业导师开展一对一辅导",
        ],
    ),
    (
        "数字化转型诊断",
        [
            "评估企业数字化水平并制定转型路线图",
            "推荐适配的数字化解决方案",
        ],
    ),
    (
        "标准化服务",
        ["协助企业制定企业标准和团体标准", "开展标准宣贯与对标达标"],
    ),
    (
        "专利导航",
        ["围绕产业链开展专利导航分析", "提供技术研发方向建议"],
    ),
];
pub const FORM_FIELDS: &[(&str, &[&str])] = &[
    (
        "服务需求登记表",
        &[
            "受理编号",
            "企业名称",
            "统一社会信用代码",
            "所属行业",
            "企业规模",
            "联系人",
            "联系电话",
            "电子邮箱",
            "需求类型",
            "需求描述",
            "期望完成时间",
            "受理人",
            "受理日期",
            "备注",
        ],
    ),
    (
        "服务验收确认单",
        &[
            "项目名称",
            "服务对象",
            "合同编号",
            "服务内容",
            "交付成果",
            "服务起止时间",
            "验收方式",
            "验收意见",
            "服务对象签章",
            "项目负责人",
            "验收日期",
        ],
    ),
    (
        "收费减免申请表",
        &[
            "申请单位",
            "统一社会信用代码",
            "企业类型",
            "申请服务项目",
            "原收费标准",
            "申请减免比例",
            "申请理由",
            "部门审核意见",
            "中心审批意见",
            "申请日期",
        ],
    ),
    (
        "投诉登记表",
        &[
            "登记编号",
            "投诉人",
            "联系方式",
            "投诉方式",
            "被投诉部门或人员",
            "投诉事项",
            "投诉诉求",
            "受理人",
            "受理时间",
            "处理结果",
            "反馈时间",
            "投诉人意见",
        ],
    ),
    (
        "数据安全事件报告表",
        &[
            "报告部门",
            "报告人",
            "发现时间",
            "事件类型",
            "影响范围",
            "涉及数据类别",
            "已采取措施",
            "事件等级",
            "领导小组意见",
            "报告时间",
        ],
    ),
];
pub const FLOW_STEPS: &[(&str, &[&str])] = &[
    (
        "服务流程图",
        &[
            "服务受理",
            "需求诊断",
            "制定方案",
            "签订合同",
            "服务实施",
            "交付验收",
            "回访评价",
            "归档",
        ],
    ),
    (
        "投诉处理流程",
        &[
            "投诉受理",
            "登记建档",
            "调查核实",
            "提出处理意见",
            "审核批准",
            "反馈投诉人",
            "回访",
            "归档",
        ],
    ),
];
pub const DATA_CLASSES: &[[&str; 4]] = &[
    [
        "核心数据",
        "服务对象技术秘密、未公开的成果资料",
        "四级",
        "加密存储、双人审批、禁止外传",
    ],
    [
        "重要数据",
        "企业经营数据、技术合同、财务数据",
        "三级",
        "加密存储、访问审批、日志审计",
    ],
    [
        "敏感个人信息",
        "身份证件号码、银行账户",
        "三级",
        "脱敏展示、最小授权",
    ],
    [
        "一般个人信息",
        "联系人姓名、联系电话、电子邮箱",
        "二级",
        "授权访问、定期清理",
    ],
    [
        "内部数据",
        "内部管理文件、会议纪要",
        "二级",
        "内部共享、权限控制",
    ],
    [
        "公开数据",
        "政策文件、服务指南、公示信息",
        "一级",
        "审核后公开",
    ],
];
pub const LIST_BANK: &[(&str, &str, &[&str])] = &[
    (
        "service_process",
        "服务受理",
        &[
            "营业执照或法人登记证书复印件",
            "服务需求说明或委托书",
            "经办人身份证明",
            "项目相关技术资料",
            "近两年财务报表（按需）",
            "其他必要的证明材料",
        ],
    ),
    (
        "service_process",
        "服务实施",
        &[
            "制定服务方案并明确责任人",
            "签订服务合同",
            "按计划组织实施",
            "定期报告进展",
            "处理变更与异常",
            "形成服务成果",
        ],
    ),
    (
        "complaint_handling",
        "受理与登记",
        &[
            "投诉人姓名及联系方式",
            "被投诉部门或人员",
            "投诉事项及发生时间",
            "投诉人诉求",
            "相关证明材料",
        ],
    ),
    (
        "data_security",
        "访问控制",
        &[
            "账号实名制管理",
            "权限最小化分配",
            "重要操作双人复核",
            "定期权限审计",
            "离岗人员权限即时回收",
        ],
    ),
    (
        "data_security",
        "数据分类分级",
        &[
            "核心数据：涉及服务对象商业秘密的技术资料",
            "重要数据：企业经营数据和合同信息",
            "一般数据：公开发布的政策与服务信息",
            "个人信息：服务对象联系人信息",
        ],
    ),
];
