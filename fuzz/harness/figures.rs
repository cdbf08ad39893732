//! The prose figure extractor used by `consistency`: arbitrary text with every prose
//! spec of the baseline; spans must be in bounds, on character boundaries and in order,
//! and agreement checks must not panic.
//!
//! Shared by the fuzz target and by `tests/fuzz_regressions.rs`, which replays the
//! seeds and every saved crash input through it.

use std::sync::OnceLock;

use sscheck::figures::{agrees, find_statements, parse_number, rounding_allowance, ProseSpec};
use sscheck::standard::{MetricType, Standard};

fn standard() -> &'static Standard {
    static S: OnceLock<Standard> = OnceLock::new();
    S.get_or_init(|| sscheck::standard::load_embedded().expect("baseline loads"))
}

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = parse_number(&text);
    for piece in text.split(['\n', '。', ' ']).take(64) {
        if let Some(v) = parse_number(piece) {
            assert!(v.is_finite(), "{piece:?}");
        }
    }
    for m in &standard().metrics {
        let Some(prose) = &m.prose else { continue };
        let percent = m.kind == MetricType::Percent;
        let spec = ProseSpec {
            terms: &prose.terms,
            frames: &prose.frames,
            units: &prose.units,
            money_base: prose.money_base.as_deref(),
            percent,
        };
        let found = find_statements(&text, &spec);
        let mut last = 0;
        for f in &found {
            assert!(f.span.start < f.span.end && f.span.end <= text.len());
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            assert!(f.span.start >= last, "sorted");
            last = f.span.start;
            assert!(f.value.is_finite());
            let _ = rounding_allowance(f, percent);
            for metric in [0.0, f.value, f.value * 1.5, -1.0, 1e300] {
                let _ = agrees(f, metric, percent, 0.01, 0.001);
            }
            assert!(agrees(f, f.value, percent, 0.0, 0.0) || percent);
        }
    }
}
