//! "Did you mean …?": the closest known names to a mistyped one.

/// The known names closest to `wanted` (case-insensitive), best first, at most three;
/// empty when nothing is close enough to be what was probably meant.
pub fn suggest<'a>(known: impl IntoIterator<Item = &'a str>, wanted: &str) -> Vec<String> {
    let w = wanted.trim().to_lowercase();
    if w.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, f64, &str)> = Vec::new();
    for k in known {
        let kl = k.to_lowercase();
        if kl == w {
            return vec![k.to_string()];
        }
        let d = strsim::levenshtein(&w, &kl);
        let len = w.chars().count().max(kl.chars().count());
        // One edit in three at most, and at most three: close enough to be a typo.
        let budget = (len / 3).clamp(1, 3);
        // Leading zeros dropped or added (`EVA-04` for `EVA-004`), a missing separator.
        let squash = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .trim_start_matches(|c: char| c.is_alphabetic())
                .trim_start_matches('0')
                .to_string()
                + &s.chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<String>()
        };
        let same_number = w.chars().any(|c| c.is_ascii_digit()) && squash(&w) == squash(&kl);
        // A shortened name (`warn` for `warning`).
        let shortened = w.chars().count() >= 3 && kl.starts_with(&w);
        if d <= budget || same_number || shortened {
            let sim = strsim::jaro_winkler(&w, &kl);
            scored.push((if same_number { 0 } else { d }, -sim, k));
        }
    }
    // The same number in another spelling is what was meant; drop mere near-misses then.
    if scored.iter().any(|s| s.0 == 0) {
        scored.retain(|s| s.0 == 0);
    }
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
    let mut out: Vec<String> = Vec::new();
    for (_, _, k) in scored {
        if !out.iter().any(|o| o == k) {
            out.push(k.to_string());
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// " (did you mean `A` or `B`?)" in the user's language, or nothing.
pub fn hint(suggestions: &[String]) -> crate::i18n::Text {
    if suggestions.is_empty() {
        return crate::i18n::Text::default();
    }
    let zh: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
    crate::i18n::Text::new(
        format!("（是否想写 {}？）", zh.join(" 或 ")),
        format!(" (did you mean {}?)", zh.join(" or ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 6] = [
        "EVA-001", "EVA-004", "EVA-010", "SUP-003", "BAS-001", "PRO-002",
    ];

    #[test]
    fn dropped_leading_zero_finds_the_rule() {
        assert_eq!(suggest(IDS, "EVA-04"), vec!["EVA-004"]);
        assert_eq!(suggest(IDS, "sup-3"), vec!["SUP-003"]);
    }

    #[test]
    fn one_typo_is_suggested_and_nonsense_is_not() {
        assert_eq!(suggest(IDS, "EAV-001")[0], "EVA-001");
        assert!(suggest(IDS, "completely-different").is_empty());
        assert!(suggest(IDS, "").is_empty());
        let keys = ["fail_on", "max_findings", "standard", "select", "ignore"];
        assert_eq!(suggest(keys, "fial_on"), vec!["fail_on"]);
        assert_eq!(suggest(keys, "max-findings"), vec!["max_findings"]);
        assert_eq!(suggest(keys, "standrad"), vec!["standard"]);
    }

    #[test]
    fn hint_is_bilingual_or_empty() {
        assert!(hint(&[]).is_empty());
        let h = hint(&["EVA-004".into()]);
        assert!(h.zh.contains("EVA-004") && h.en.contains("did you mean `EVA-004`"));
    }
}
