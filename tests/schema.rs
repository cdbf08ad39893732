//! `sscheck schema`: the emitted schemas are valid draft 2020-12, agree with a second,
//! independent implementation (the `boon` crate) on the examples, the baseline standard
//! and invalid instances, and agree with `check`.

mod common;

use std::path::Path;

use common::*;
use serde_json::{json, Value};
use sscheck::standard::standard_format_schema as format_schema;

fn schema(args: &[&str]) -> Value {
    let out = sscheck().arg("schema").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn yaml_json(text: &str) -> Value {
    sscheck::yaml::parse(text).unwrap().to_json()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A file of an example with one edit.
fn edited(example_name: &str, file: &str, from: &str, to: &str) -> String {
    let text = read(&example(example_name).join(file));
    assert!(text.contains(from), "{file}: {from}");
    text.replacen(from, to, 1)
}

struct Case {
    name: String,
    schema: &'static str,
    instance: Value,
    valid: bool,
}

fn case(name: impl Into<String>, schema: &'static str, instance: Value, valid: bool) -> Case {
    Case {
        name: name.into(),
        schema,
        instance,
        valid,
    }
}

/// Edits of the clean example's center.yaml and metrics, with whether they are valid.
const CENTER_EDITS: [(&str, &str, bool); 7] = [
    ("province: 广东", "province: 广东省", true),
    ("level: national ", "level: city ", false),
    ("province: 广东", "province: 台湾", false),
    ("id: GD-SZ-0012 ", "id: gd-sz-12 ", false),
    ("established: 1998", "established: 一九九八", false),
    (
        "  self_evaluation: docs/2024年度绩效自评报告.md\n",
        "",
        false,
    ),
    (
        "reporting_year: 2024",
        "reporting_year: 2024\nwebsite: x",
        false,
    ),
];
const METRICS_EDITS: [(&str, &str, bool); 5] = [
    (
        "enterprises_served: 1250",
        "enterprises_served: \"1,250\"",
        true,
    ),
    ("satisfaction_rate: 94.3%", "satisfaction_rate: 0.943", true),
    ("satisfaction_rate: 94.3%", "satisfaction_rate: 很多", false),
    ("satisfaction_rate: 94.3%", "satisfaction_rate: 94.3", false),
    ("staff_total: 42", "staff_total: -1", false),
];

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for ex in ["shenzhen-nanshan", "hengyang-county", "zombie-center"] {
        let dir = example(ex);
        out.push(case(
            format!("{ex}/center.yaml"),
            "center",
            yaml_json(&read(&dir.join("center.yaml"))),
            true,
        ));
        let mut years: Vec<_> = std::fs::read_dir(dir.join("metrics"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        years.sort();
        for path in years {
            let name = format!(
                "{ex}/metrics/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            // hengyang-county's 2024 file has a typo'd metric id (DEFECTS.md (f)).
            let valid = name != "hengyang-county/metrics/2024.yaml";
            out.push(case(name, "metrics", yaml_json(&read(&path)), valid));
        }
    }
    let baseline = repo().join("standards/national-baseline");
    // The combined schema, and each file's own (as `standard validate` uses them).
    let main = yaml_json(&read(&baseline.join("standard.yaml")));
    out.push(case(
        "baseline standard.yaml",
        "standard",
        main.clone(),
        true,
    ));
    out.push(case(
        "standard.yaml (own)",
        "standard-file",
        main.clone(),
        true,
    ));
    out.push(case("standard.yaml as rules", "rules-file", main, false));
    for f in ["basic", "provision", "support", "evaluation"] {
        let rules = yaml_json(&read(&baseline.join(format!("rules/{f}.yaml"))));
        out.push(case(
            format!("baseline rules/{f}.yaml"),
            "standard",
            rules.clone(),
            true,
        ));
        out.push(case(
            format!("rules/{f}.yaml (own)"),
            "rules-file",
            rules.clone(),
            true,
        ));
        out.push(case(
            format!("rules/{f}.yaml as standard"),
            "standard-file",
            rules,
            false,
        ));
    }
    for (from, to, valid) in CENTER_EDITS {
        let text = edited("shenzhen-nanshan", "center.yaml", from, to);
        out.push(case(
            format!("center: {to}"),
            "center",
            yaml_json(&text),
            valid,
        ));
    }
    for (from, to, valid) in METRICS_EDITS {
        let text = edited("shenzhen-nanshan", "metrics/2024.yaml", from, to);
        out.push(case(
            format!("metrics: {to}"),
            "metrics",
            yaml_json(&text),
            valid,
        ));
    }
    let standard_edits = [
        ("standard.yaml", "id: national-baseline\n", "", false),
        ("standard.yaml", "type: int", "type: integer", false),
        (
            "standard.yaml",
            "basic: {weight: 20}",
            "basic: {weight: -1}",
            false,
        ),
        (
            "rules/basic.yaml",
            "kind: field, field: center.name",
            "kind: fields, field: center.name",
            false,
        ),
        (
            "rules/basic.yaml",
            "check: {kind: freshness, max_age_years: 3}",
            "check: {kind: freshness}",
            false,
        ),
        (
            "rules/evaluation.yaml",
            "check: {kind: metric, metric: satisfaction_rate, min: 0.85}",
            "check: {kind: metric, metric: satisfaction_rate, min: high}",
            false,
        ),
        (
            "rules/support.yaml",
            "severity: error",
            "severity: fatal",
            false,
        ),
        (
            "rules/evaluation.yaml",
            "decline: {max_drop: 0.25}",
            "decline: {max_drop: 0.25, since: 2020}",
            false,
        ),
    ];
    for (file, from, to, valid) in standard_edits {
        let text = read(&baseline.join(file));
        assert!(text.contains(from), "{file}: {from}");
        out.push(case(
            format!("{file}: {to}"),
            "standard",
            yaml_json(&text.replacen(from, to, 1)),
            valid,
        ));
    }
    out
}

/// A second, independent draft 2020-12 implementation: `boon`. Compiling a schema
/// also validates it against the draft 2020-12 metaschema.
struct Boon {
    schemas: boon::Schemas,
    index: Vec<(&'static str, boon::SchemaIndex)>,
}

impl Boon {
    fn new(schemas: &[(&'static str, Value)]) -> Boon {
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V2020_12);
        let mut compiled = boon::Schemas::new();
        let mut index = Vec::new();
        for (name, s) in schemas {
            let url = format!("https://sscheck.invalid/{name}.schema.json");
            compiler.add_resource(&url, s.clone()).unwrap();
            let i = compiler
                .compile(&url, &mut compiled)
                .unwrap_or_else(|e| panic!("boon: {name}: {e:#}"));
            index.push((*name, i));
        }
        Boon {
            schemas: compiled,
            index,
        }
    }

    /// `Ok` when valid, else boon's error tree.
    fn validate(&self, schema: &str, instance: &Value) -> Result<(), String> {
        let i = self.index.iter().find(|(n, _)| *n == schema).unwrap().1;
        self.schemas
            .validate(instance, i)
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn schemas_agree_with_an_independent_validator() {
    let schemas = [
        ("center", schema(&["center"])),
        ("metrics", schema(&["metrics"])),
        ("standard", schema(&["standard"])),
        ("standard-file", format_schema::standard_file_schema()),
        ("rules-file", format_schema::rules_file_schema()),
    ];
    let rust: Vec<(&str, jsonschema::Validator)> = schemas
        .iter()
        .map(|(n, s)| {
            jsonschema::meta::validate(s).unwrap_or_else(|e| panic!("{n}: {e}"));
            (*n, jsonschema::validator_for(s).unwrap())
        })
        .collect();
    let boon = Boon::new(&schemas);
    let cases = cases();
    assert!(cases.len() >= 45, "{}", cases.len());
    assert!(cases.iter().filter(|c| !c.valid).count() >= 10);
    let mut wrong = Vec::new();
    for c in &cases {
        let v = &rust.iter().find(|(n, _)| *n == c.schema).unwrap().1;
        let rs = v.is_valid(&c.instance);
        let other = boon.validate(c.schema, &c.instance);
        let bn = other.is_ok();
        if rs != c.valid || bn != c.valid {
            let errors: Vec<String> = v.iter_errors(&c.instance).map(|e| e.to_string()).collect();
            wrong.push(format!(
                "{}: expected {}, jsonschema {rs}, boon {bn} {errors:?} {}",
                c.name,
                c.valid,
                other.err().unwrap_or_default()
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// What the editor schemas reject, `check` reports in the same file, and the reverse.
#[test]
fn schemas_agree_with_check() {
    let center = jsonschema::validator_for(&schema(&["center"])).unwrap();
    let metrics = jsonschema::validator_for(&schema(&["metrics"])).unwrap();
    let edits = CENTER_EDITS
        .iter()
        .map(|e| ("center.yaml", &center, e))
        .chain(
            METRICS_EDITS
                .iter()
                .map(|e| ("metrics/2024.yaml", &metrics, e)),
        );
    for (file, validator, (from, to, valid)) in edits {
        let text = edited("shenzhen-nanshan", file, from, to);
        assert_eq!(validator.is_valid(&yaml_json(&text)), *valid, "{to}");
        let (_tmp, dir) = example_copy("shenzhen-nanshan");
        std::fs::write(dir.join(file), &text).unwrap();
        let (_, json) = check_json(&[dir.to_str().unwrap()]);
        let in_file: Vec<&Value> = json["submissions"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["file"] == file || (f["file"].is_null() && f["kind"] != "input"))
            .collect();
        // A missing document is reported by its rule, located at the index.
        assert_eq!(in_file.is_empty(), *valid, "{to}: {in_file:#?}");
    }
}

#[test]
fn center_schema_offers_values_and_bilingual_text() {
    let s = schema(&["center"]);
    let center = &s["properties"]["center"]["properties"];
    assert_eq!(
        center["level"]["enum"],
        json!(["national", "provincial", "municipal", "county"])
    );
    assert_eq!(
        center["operation_model"]["enum"],
        json!(["government", "market", "hybrid"])
    );
    let provinces = center["province"]["anyOf"][0]["enum"].as_array().unwrap();
    assert_eq!(provinces.len(), 31);
    assert!(center["level"]["description"]
        .as_str()
        .unwrap()
        .starts_with("层级：national（国家级）"));
    let docs = &s["properties"]["documents"]["properties"];
    assert_eq!(
        docs["service_process"]["title"],
        "服务流程规范 / Service process specification"
    );
    assert_eq!(docs["service_process"]["default"], "docs/服务流程规范.md");
    // Every key has a description with both languages.
    fn walk(v: &Value, at: &str) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                let d = p["description"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{at}/{k}"));
                assert!(d.contains(" / "), "{at}/{k}: {d}");
                walk(p, &format!("{at}/{k}"));
            }
        }
    }
    walk(&s, "");
    walk(&schema(&["metrics"]), "");
}

#[test]
fn schema_standard_is_the_library_schema_and_output_can_go_to_a_file() {
    assert_eq!(
        schema(&["standard"]),
        format_schema::standard_format_schema()
    );
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("center.schema.json");
    sscheck()
        .args(["schema", "center", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let stdout = sscheck()
        .args(["schema", "center"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(std::fs::read(&file).unwrap(), stdout);
}

#[test]
fn schemas_follow_the_chosen_standard() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("std");
    copy_dir(&repo().join("standards/national-baseline"), &dir);
    let path = dir.join("standard.yaml");
    let text = read(&path).replace(
        "  data_platform_connected:\n",
        "  incubators:\n    name: {zh: 孵化载体数, en: Incubators}\n    type: int\n    unit: {zh: 个, en: incubators}\n  data_platform_connected:\n",
    );
    std::fs::write(&path, text).unwrap();
    let s = schema(&["metrics", "--standard", dir.to_str().unwrap()]);
    assert_eq!(
        s["properties"]["incubators"]["title"],
        "孵化载体数 / Incubators"
    );
    assert!(schema(&["metrics"])["properties"]
        .get("incubators")
        .is_none());

    std::fs::write(&path, "id: [").unwrap();
    sscheck()
        .args(["schema", "center", "--standard"])
        .arg(&dir)
        .assert()
        .code(2);
}
