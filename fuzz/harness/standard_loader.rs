//! The standard loader: arbitrary `standard.yaml` or rule files must load or fail with
//! located errors, never panic or hang.
//!
//! Shared by the fuzz target and by `tests/fuzz_regressions.rs`, which replays the
//! seeds and every saved crash input through it.

const STANDARD: &str = include_str!("../../standards/national-baseline/standard.yaml");
const RULES: &str = include_str!("../../standards/national-baseline/rules/evaluation.yaml");

pub fn run(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let sources: Vec<(String, String)> = match mode % 3 {
        // The fuzzed text as standard.yaml, alone.
        0 => vec![("standard.yaml".into(), text)],
        // The baseline standard.yaml with a fuzzed rules file.
        1 => vec![
            ("standard.yaml".into(), STANDARD.into()),
            ("rules/fuzz.yaml".into(), text),
        ],
        // A fuzzed standard.yaml with the baseline's evaluation rules.
        _ => vec![
            ("standard.yaml".into(), text),
            ("rules/evaluation.yaml".into(), RULES.into()),
        ],
    };
    match sscheck::standard::load_sources(&sources) {
        Ok(standard) => {
            for rule in &standard.rules {
                assert!(!rule.id.is_empty());
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.line >= 1 && e.column >= 1, "{e}");
            }
        }
    }
}
