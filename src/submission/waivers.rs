//! `waivers.yaml`: accepted deviations, each with a reason, an expiry and an approver,
//! optionally narrowed to one file and to the fingerprints of particular findings.

use crate::finding::{Finding, InputCode, LineIndex, Location, Severity};
use crate::i18n::Text;
use crate::t;
use crate::yaml::{self, Node};

pub const FILE: &str = "waivers.yaml";

/// The keys a waiver may have.
pub const KEYS: &[&str] = &[
    "rule",
    "reason",
    "expires",
    "approved_by",
    "file",
    "fingerprint",
];

/// The fewest hex digits a fingerprint may be abbreviated to.
pub const MIN_FINGERPRINT: usize = 8;
/// The hex digits of a whole fingerprint.
pub const FINGERPRINT_LEN: usize = 16;

#[derive(Debug, Clone)]
pub struct Waiver {
    /// A rule id (`SUP-003`) or an input code (`input/encoding-gbk`), as written.
    pub rule: String,
    /// Only findings in this file (relative, `/`-separated), when set.
    pub file: Option<String>,
    /// Only findings whose fingerprint starts with one of these (lowercase hex), when
    /// not empty.
    pub fingerprints: Vec<String>,
    pub reason: String,
    pub expires: jiff::civil::Date,
    pub approved_by: String,
    /// The waiver entry in waivers.yaml.
    pub location: Location,
}

impl Waiver {
    /// Narrowed to a file or to fingerprints.
    pub fn is_scoped(&self) -> bool {
        self.file.is_some() || !self.fingerprints.is_empty()
    }

    /// Whether this waiver covers `f` (its rule, file and fingerprint; not its expiry).
    pub fn covers(&self, f: &Finding) -> bool {
        covers(
            &self.rule,
            self.file.as_deref(),
            &self.fingerprints,
            (
                &f.rule,
                f.location.as_ref().map(|l| l.file.as_str()),
                &f.fingerprint,
            ),
        )
    }

    /// What it covers, kept for a cross-center rule until `sscheck audit` compares.
    pub fn scope(&self) -> Scope {
        Scope {
            rule: self.rule.clone(),
            file: self.file.clone(),
            fingerprints: self.fingerprints.clone(),
            line: self.location.line,
        }
    }
}

/// What a waiver covers: a rule, narrowed to a file or to fingerprints. A waiver of a
/// cross-center rule (`duplicate`, `cohort`) is kept as this in the audit's record: only
/// the audit finds what it covers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Scope {
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<String>,
    /// The waiver's line in waivers.yaml.
    #[serde(default)]
    pub line: u32,
}

impl Scope {
    /// Its narrowing, as messages say it: `（限 docs/a.md，指纹 1a2b）` / ` (in docs/a.md,
    /// fingerprint 1a2b)`.
    pub fn text(&self) -> Text {
        let mut zh = String::new();
        let mut en = String::new();
        if let Some(file) = &self.file {
            zh.push_str(&format!("（限 {file}"));
            en.push_str(&format!(" (in {file}"));
        }
        if !self.fingerprints.is_empty() {
            let fps = self.fingerprints.join(", ");
            if zh.is_empty() {
                zh.push_str(&format!("（指纹 {fps}"));
                en.push_str(&format!(" (fingerprint {fps}"));
            } else {
                zh.push_str(&format!("，指纹 {fps}"));
                en.push_str(&format!(", fingerprint {fps}"));
            }
        }
        if !zh.is_empty() {
            zh.push('）');
            en.push(')');
        }
        Text::new(zh, en)
    }

    /// Whether it covers a finding of `rule` in `file` with `fingerprint`.
    pub fn covers(&self, rule: &str, file: Option<&str>, fingerprint: &str) -> bool {
        covers(
            &self.rule,
            self.file.as_deref(),
            &self.fingerprints,
            (rule, file, fingerprint),
        )
    }
}

/// A waiver's rule, file and fingerprint prefixes against a finding's rule, file and
/// fingerprint.
fn covers(
    rule: &str,
    file: Option<&str>,
    prefixes: &[String],
    f: (&str, Option<&str>, &str),
) -> bool {
    let (f_rule, f_file, f_fingerprint) = f;
    f_rule == rule
        && file.is_none_or(|file| f_file == Some(file))
        && (prefixes.is_empty()
            || prefixes
                .iter()
                .any(|p| !f_fingerprint.is_empty() && f_fingerprint.starts_with(p.as_str())))
}

/// The known name closest to a misspelt one (a rule id, a file), when it is close enough
/// to be a typo.
pub fn closest(name: &str, known: &[String]) -> Option<String> {
    super::validate::closest(name, known)
}

/// A path as a submission names its files: `/` separators, no leading `./`.
pub fn normalize_path(path: &str) -> String {
    let mut p = path.trim().replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

fn invalid(message: crate::i18n::Text, at: Location) -> Finding {
    Finding::input(InputCode::WaiverInvalid, Severity::Error, message, Some(at))
}

pub fn parse(findings: &mut Vec<Finding>, text: &str) -> Vec<Waiver> {
    let root = match yaml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            findings.push(super::metrics::syntax_finding(FILE, text, &e));
            return Vec::new();
        }
    };
    let Some(items) = root.get("waivers").and_then(Node::as_seq) else {
        findings.push(Finding::input(
            InputCode::WaiverInvalid,
            Severity::Error,
            t!(
                "waivers.yaml 应有顶层列表 `waivers:`",
                "waivers.yaml needs a top-level `waivers:` list"
            ),
            Some(Location::file_only(FILE)),
        ));
        return Vec::new();
    };
    let index = LineIndex::new(text);
    items
        .iter()
        .filter_map(|item| parse_one(findings, text, &index, item))
        .collect()
}

fn parse_one(
    findings: &mut Vec<Finding>,
    text: &str,
    index: &LineIndex,
    item: &Node,
) -> Option<Waiver> {
    let location = index.location(FILE, text, item.pos.span());
    let at = |n: &Node| index.location(FILE, text, n.pos.span());
    let Some(entries) = item.as_map() else {
        findings.push(invalid(
            t!(
                "豁免条目应为映射（rule、reason、expires、approved_by 等键），而不是{kind}",
                "a waiver should be a mapping (keys rule, reason, expires, approved_by, ...), not a {kind}",
                kind = item.type_name()
            ),
            location,
        ));
        return None;
    };
    // A misspelt key (`fingerpint:`) would leave the waiver wider than meant: it does
    // not apply until corrected.
    let known: Vec<String> = KEYS.iter().map(|k| k.to_string()).collect();
    let mut bad_key = false;
    for (key, _) in entries
        .iter()
        .filter(|(k, _)| !KEYS.contains(&k.name.as_str()))
    {
        bad_key = true;
        let hint = super::validate::closest(&key.name, &known)
            .map(|k| t!("（是否应为 `{k}`？）", " (did you mean `{k}`?)", k = k))
            .unwrap_or_default();
        findings.push(invalid(
            t!(
                "豁免条目有未知的键 `{key}`{hint}；更正前该豁免不生效",
                "the waiver has an unknown key `{key}`{hint}; it does not apply until corrected",
                key = key.name,
                hint = hint
            ),
            index.location(FILE, text, key.pos.span()),
        ));
    }
    let field = |k: &str| {
        item.get(k)
            .and_then(Node::scalar_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let missing: Vec<&str> = ["rule", "reason", "expires", "approved_by"]
        .into_iter()
        .filter(|k| field(k).is_none())
        .collect();
    if !missing.is_empty() {
        findings.push(invalid(
            t!(
                "豁免条目缺少：{missing}（rule、reason、expires、approved_by 均必填）",
                "the waiver lacks: {missing} (rule, reason, expires and approved_by are all required)",
                missing = missing.join(", ")
            ),
            location,
        ));
        return None;
    }
    let expires_text = field("expires").unwrap_or_default();
    let Some(expires) = crate::dates::parse_date(&expires_text) else {
        findings.push(invalid(
            t!(
                "豁免到期日 `{expires}` 不是有效日期（可写 2027-06-30、2027年6月30日、2027年6月（月末）、2027/6/30、2027.6.30 或 二〇二七年六月三十日）",
                "the waiver expiry `{expires}` is not a date (write 2027-06-30, 2027年6月30日, 2027年6月 (end of month), 2027/6/30, 2027.6.30 or 二〇二七年六月三十日)",
                expires = expires_text
            ),
            item.get("expires").map_or(location.clone(), at),
        ));
        return None;
    };
    let mut ok = !bad_key;
    let file = match item.get("file") {
        None => None,
        Some(n) => match n.scalar_text().map(|s| normalize_path(&s)) {
            Some(f) if !f.is_empty() => Some(f),
            _ => {
                ok = false;
                findings.push(invalid(
                    t!(
                        "豁免的 file 应为提交目录内的相对路径，如 docs/服务流程规范.md",
                        "a waiver's `file` should be a path inside the submission, such as docs/服务流程规范.md"
                    ),
                    at(n),
                ));
                None
            }
        },
    };
    let mut fingerprints = Vec::new();
    if let Some(n) = item.get("fingerprint") {
        let one = n.as_seq().map_or(vec![n], |s| s.iter().collect());
        if one.is_empty() {
            ok = false;
            findings.push(invalid(
                t!(
                    "豁免的 fingerprint 为空列表",
                    "the waiver's `fingerprint` is an empty list"
                ),
                at(n),
            ));
        }
        for n in one {
            // The text as written: YAML would read `0123…` or `12e4…` as a number.
            let raw = text
                .get(n.pos.span())
                .unwrap_or_default()
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_ascii_lowercase();
            let valid = (MIN_FINGERPRINT..=FINGERPRINT_LEN).contains(&raw.len())
                && raw.chars().all(|c| c.is_ascii_hexdigit());
            if valid && n.scalar_text().is_some() {
                fingerprints.push(raw);
            } else {
                ok = false;
                findings.push(invalid(
                    t!(
                        "`{fp}` 不是问题指纹：应为 16 位十六进制数（至少前 {min} 位），见 JSON 输出或 --show-fingerprints",
                        "`{fp}` is not a finding fingerprint: 16 hex digits (at least the first {min}), as the JSON output or --show-fingerprints prints them",
                        fp = raw,
                        min = MIN_FINGERPRINT
                    ),
                    at(n),
                ));
            }
        }
    }
    ok.then(|| Waiver {
        rule: field("rule").unwrap_or_default(),
        file,
        fingerprints,
        reason: field("reason").unwrap_or_default(),
        expires,
        approved_by: field("approved_by").unwrap_or_default(),
        location,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Vec<Waiver>, Vec<Finding>) {
        let mut findings = Vec::new();
        let w = parse(&mut findings, text);
        (w, findings)
    }

    const HEAD: &str = "waivers:\n  - rule: SUP-003\n    reason: 临时\n    approved_by: 科技局\n";

    #[test]
    fn expiry_in_document_forms() {
        for (written, date) in [
            ("2027-06-30", (2027, 6, 30)),
            ("2027年6月30日", (2027, 6, 30)),
            ("2027年6月", (2027, 6, 30)),
            ("2027/6/30", (2027, 6, 30)),
            ("2027.6.30", (2027, 6, 30)),
            ("２０２７年６月３０日", (2027, 6, 30)),
            ("二〇二七年六月三十日", (2027, 6, 30)),
        ] {
            let text = format!("{HEAD}    expires: {written}\n");
            let (w, f) = parse_text(&text);
            assert!(f.is_empty(), "{written}: {f:?}");
            let (y, m, d) = date;
            assert_eq!(w[0].expires, jiff::civil::date(y, m, d), "{written}");
        }
    }

    #[test]
    fn expiry_that_is_no_date() {
        for written in ["2027-02", "明年六月", "2027-06-31", "\"\""] {
            let (w, f) = parse_text(&format!("{HEAD}    expires: {written}\n"));
            assert!(w.is_empty(), "{written}");
            assert_eq!(f.len(), 1, "{written}: {f:?}");
            assert_eq!(f[0].rule, "input/waiver-invalid");
        }
    }

    #[test]
    fn scope_keys() {
        let text = format!(
            "{HEAD}    expires: 2027-06-30\n    file: ./docs\\a.md\n    fingerprint: [\"0123ABCD0123abcd\", 12345678]\n"
        );
        let (w, f) = parse_text(&text);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(w[0].file.as_deref(), Some("docs/a.md"));
        assert_eq!(w[0].fingerprints, ["0123abcd0123abcd", "12345678"]);
        assert!(w[0].is_scoped());
        // A leading zero survives although YAML would read the number 123456789.
        let text = format!("{HEAD}    expires: 2027-06-30\n    fingerprint: 0123456789\n");
        let (w, _) = parse_text(&text);
        assert_eq!(w[0].fingerprints, ["0123456789"]);
    }

    #[test]
    fn bad_scope_is_invalid_and_does_not_apply() {
        for extra in [
            "    fingerprint: 3f9a\n",
            "    fingerprint: xyz-not-hex-at-all\n",
            "    fingerprint: []\n",
            "    file: \"\"\n",
            "    fingerpint: 0123456789abcdef\n",
        ] {
            let text = format!("{HEAD}    expires: 2027-06-30\n{extra}");
            let (w, f) = parse_text(&text);
            assert!(w.is_empty(), "{extra}");
            assert!(
                f.iter().any(|f| f.rule == "input/waiver-invalid"),
                "{extra}: {f:?}"
            );
        }
        let (_, f) = parse_text(&format!(
            "{HEAD}    expires: 2027-06-30\n    fingerpint: 0123456789abcdef\n"
        ));
        assert!(
            f[0].message.en.contains("did you mean `fingerprint`"),
            "{f:?}"
        );
        assert_eq!(f[0].location.as_ref().unwrap().line, 6);
    }
}
