//! The national baseline's multi-year rules on core indicators: a sharp year-on-year fall
//! (EVA-013, EVA-014) and a run of years below the cohort floor, a warning at two years and
//! an error at three (EVA-015, EVA-016).

mod common;

use std::path::Path;

use common::{check_json, example_copy, findings, outcome};

/// Set `metric` in `metrics/YEAR.yaml`, keeping the line's comment.
fn set_metric(dir: &Path, year: i32, metric: &str, value: &str) {
    let path = dir.join(format!("metrics/{year}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut found = false;
    let out: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with(&format!("{metric}:")) {
                found = true;
                let comment = line.find('#').map_or("", |i| &line[i..]);
                format!("{metric}: {value}    {comment}")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert!(found, "{metric} not in {}", path.display());
    std::fs::write(&path, out.join("\n") + "\n").unwrap();
}

fn run(dir: &Path) -> serde_json::Value {
    check_json(&[dir.to_str().unwrap()]).1
}

fn severities(json: &serde_json::Value, rule: &str) -> Vec<String> {
    findings(json, rule)
        .iter()
        .map(|f| f["severity"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_clean_example_passes_the_multi_year_rules() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let json = run(&dir);
    for rule in ["EVA-013", "EVA-014", "EVA-015", "EVA-016"] {
        assert_eq!(outcome(&json, rule), "pass", "{rule}");
    }
}

#[test]
fn a_one_year_fall_of_a_third_after_years_of_growth_is_a_warning() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    // 905 → 980 → 1062 → 1158, then a third less.
    set_metric(&dir, 2024, "enterprises_served", "772");
    let json = run(&dir);
    let found = findings(&json, "EVA-013");
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["file"], "metrics/2024.yaml");
    assert_eq!(found[0]["line"], 2);
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("33.3%"), "{message}");
    assert!(
        message.contains("1,158") || message.contains("1158"),
        "{message}"
    );
}

#[test]
fn an_ordinary_dip_is_not_flagged() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    set_metric(&dir, 2024, "enterprises_served", "1080"); // −6.7 %
    set_metric(&dir, 2024, "tech_contract_turnover", "36000"); // −20 %
    let json = run(&dir);
    assert_eq!(outcome(&json, "EVA-013"), "pass");
    assert_eq!(outcome(&json, "EVA-014"), "pass");
}

#[test]
fn turnover_falling_by_more_than_thirty_percent_is_a_warning() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    set_metric(&dir, 2024, "tech_contract_turnover", "27000"); // −40 %
    let json = run(&dir);
    assert_eq!(severities(&json, "EVA-014"), ["warning"]);
}

#[test]
fn two_years_below_the_cohort_floor_is_a_warning_and_three_an_error() {
    // Shenzhen-Nanshan is national and east: floors 600 enterprises, 3000 (10k CNY).
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    set_metric(&dir, 2023, "enterprises_served", "540");
    set_metric(&dir, 2024, "enterprises_served", "560");
    let json = run(&dir);
    assert_eq!(severities(&json, "EVA-015"), ["warning"], "{json:#}");
    let message = findings(&json, "EVA-015")[0]["message"].as_str().unwrap();
    assert!(message.contains("2 years running (2023–2024)"), "{message}");

    set_metric(&dir, 2022, "enterprises_served", "500");
    let json = run(&dir);
    assert_eq!(severities(&json, "EVA-015"), ["error"]);
    let message = findings(&json, "EVA-015")[0]["message"].as_str().unwrap();
    assert!(message.contains("3 years running (2022–2024)"), "{message}");
    assert!(message.contains("2022: 500"), "{message}");
    assert_eq!(
        check_json(&[dir.to_str().unwrap()]).0,
        1,
        "an error fails the gate"
    );
}

#[test]
fn turnover_below_the_floor_three_years_running_is_an_error() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    for year in 2022..=2024 {
        set_metric(&dir, year, "tech_contract_turnover", "2500");
    }
    let json = run(&dir);
    assert_eq!(severities(&json, "EVA-016"), ["error"]);
}

#[test]
fn a_center_too_young_for_three_years_is_not_escalated() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    for year in 2022..=2024 {
        set_metric(&dir, year, "enterprises_served", "500");
    }
    let center = dir.join("center.yaml");
    let text = std::fs::read_to_string(&center).unwrap();
    std::fs::write(
        &center,
        text.replace("established: 1998", "established: 2023"),
    )
    .unwrap();
    let json = run(&dir);
    assert_eq!(severities(&json, "EVA-015"), ["warning"], "{json:#}");
}

#[test]
fn the_zombie_example_misses_both_floors_three_years_running() {
    let (_tmp, dir) = example_copy("zombie-center");
    let json = run(&dir);
    assert_eq!(severities(&json, "EVA-015"), ["error"]);
    assert_eq!(severities(&json, "EVA-016"), ["error"]);
}
