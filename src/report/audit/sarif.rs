//! `sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run; its driver lists every rule that has a finding (standard rules with their
//! rationale, help and source; input codes with their cause and fix), sorted by id. Each
//! finding is a result located at its file relative to the audit's root (`%SRCROOT%`),
//! with a partial fingerprint built from the center and the finding's own fingerprint, so
//! code scanning follows an alert across runs. Baselined findings are `unchanged`, the
//! others `new`; waived findings carry an external suppression. Hand-written structs:
//! the output is small, and their field order keeps it byte-for-byte deterministic.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::file_path;
use crate::audit::{Audit, AuditFinding, Center};
use crate::finding::InputCode;
use crate::i18n::Lang;
use crate::standard::Standard;
use crate::t;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base every artifact URI is relative to: the folder `sscheck audit` ran in.
const SRCROOT: &str = "%SRCROOT%";
const FINGERPRINT_KEY: &str = "sscheckFingerprint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    language: &'static str,
    column_kind: &'static str,
    results: Results<'a>,
    /// `exitRisk`: the centers at exit risk, each with its evidence (SARIF has no place of
    /// its own for a verdict over a whole submission).
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties<'a> {
    exit_risk: &'a [crate::audit::summary::ExitRisk],
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: String,
    short_description: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Message>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: impl Into<String>) -> Message {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    baseline_state: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    /// The submission folder the finding belongs to.
    submission: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    center_id: Option<String>,
}

/// The results, serialized one by one so a national run is never held twice.
struct Results<'a> {
    audit: &'a Audit,
    index: BTreeMap<String, usize>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for c in self.audit.centers() {
            let c = c.map_err(serde::ser::Error::custom)?;
            for f in &c.findings {
                let index = self.index.get(&f.rule).copied();
                seq.serialize_element(&result(&c, f, index, self.audit.lang))?;
            }
        }
        seq.end()
    }
}

pub fn write(standard: &Standard, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let rules = descriptors(standard, audit)?;
    let index: BTreeMap<String, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let lang = audit.lang;
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "sscheck",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                ArtifactLocation {
                    uri: None,
                    uri_base_id: None,
                    description: Some(Message::new(
                        t!(
                            "运行 sscheck audit 的目录",
                            "The folder sscheck audit ran in"
                        )
                        .get(lang),
                    )),
                },
            )]),
            language: match lang {
                Lang::Zh => "zh-CN",
                Lang::En => "en-US",
            },
            column_kind: "unicodeCodePoints",
            results: Results { audit, index },
            properties: RunProperties {
                exit_risk: &audit.summary.exit_risk,
            },
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// A descriptor for every rule id that has a finding, sorted by id.
fn descriptors(standard: &Standard, audit: &Audit) -> io::Result<Vec<RuleDescriptor>> {
    let lang = audit.lang;
    let mut seen: BTreeMap<String, AuditFinding> = BTreeMap::new();
    for c in audit.centers() {
        for f in c?.findings {
            if !seen.contains_key(&f.rule) {
                seen.insert(f.rule.clone(), f);
            }
        }
    }
    let descriptors = seen
        .into_iter()
        .map(|(id, first)| {
            if let Some(rule) = standard.rules.iter().find(|r| r.id == id) {
                let source_label = t!("依据：", "Source: ");
                let mut help = rule.help.get(lang).to_string();
                if !rule.source.is_empty() {
                    if !help.is_empty() {
                        help.push_str("\n\n");
                    }
                    help.push_str(source_label.get(lang));
                    help.push_str(&rule.source);
                }
                RuleDescriptor {
                    id: id.to_string(),
                    short_description: Message::new(rule.title.get(lang)),
                    full_description: non_empty(rule.rationale.get(lang)),
                    help: non_empty(&help),
                    default_configuration: Configuration {
                        level: level(rule.severity.as_str()),
                    },
                    properties: RuleProperties {
                        tags: vec![rule.dimension.id().to_string()],
                        source: (!rule.source.is_empty()).then(|| rule.source.clone()),
                    },
                }
            } else if let Some(code) = id
                .strip_prefix(InputCode::RULE_PREFIX)
                .and_then(InputCode::parse)
            {
                RuleDescriptor {
                    id: id.to_string(),
                    short_description: Message::new(code.title().get(lang)),
                    full_description: non_empty(code.cause().get(lang)),
                    help: non_empty(code.help().get(lang)),
                    default_configuration: Configuration {
                        level: level(&first.severity),
                    },
                    properties: RuleProperties {
                        tags: vec!["input".to_string()],
                        source: None,
                    },
                }
            } else {
                // A rule of another standard (a merged report): what its finding says.
                RuleDescriptor {
                    id: id.to_string(),
                    short_description: Message::new(first.title.clone()),
                    full_description: None,
                    help: first.help.as_deref().and_then(non_empty),
                    default_configuration: Configuration {
                        level: level(&first.severity),
                    },
                    properties: RuleProperties {
                        tags: first.dimension.iter().cloned().collect(),
                        source: None,
                    },
                }
            }
        })
        .collect();
    Ok(descriptors)
}

fn non_empty(text: &str) -> Option<Message> {
    (!text.trim().is_empty()).then(|| Message::new(text))
}

fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

fn physical(c: &Center, file: &str, line: Option<u32>, column: Option<u32>) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: Some(uri(&file_path(c, file))),
            uri_base_id: Some(SRCROOT),
            description: None,
        },
        region: line.filter(|&l| l >= 1).map(|l| Region {
            start_line: l,
            start_column: column.filter(|&c| c >= 1),
        }),
    }
}

fn result(c: &Center, f: &AuditFinding, index: Option<usize>, lang: Lang) -> SarifResult {
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let mut text = format!("{}{sep}{}", f.title, f.message);
    if f.file.is_none() {
        text = format!("{}{sep}{text}", c.path);
    }
    // A finding about the submission as a whole points at its folder.
    let location = match &f.file {
        Some(file) => physical(c, file, f.line, f.column),
        None => PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: Some(uri(&format!("{}/", c.path.trim_end_matches('/')))),
                uri_base_id: Some(SRCROOT),
                description: None,
            },
            region: None,
        },
    };
    let related_locations = f
        .related
        .iter()
        .map(|r| {
            let other = if r.path.is_empty() || r.path == "." {
                r.file.clone()
            } else {
                format!("{}/{}", r.path.trim_end_matches('/'), r.file)
            };
            RelatedLocation {
                id: 0,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: Some(uri(&other)),
                        uri_base_id: Some(SRCROOT),
                        description: None,
                    },
                    region: (r.line >= 1).then_some(Region {
                        start_line: r.line,
                        start_column: None,
                    }),
                },
                message: Message::new(t!("另一份副本", "The other copy").get(lang)),
            }
        })
        .collect();
    let owner = c.center_id.clone().unwrap_or_else(|| c.path.clone());
    SarifResult {
        rule_id: f.rule.clone(),
        rule_index: index,
        level: level(&f.severity),
        message: Message::new(text),
        locations: vec![Location {
            physical_location: location,
        }],
        related_locations,
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT_KEY,
            format!("{owner}:{}", f.fingerprint),
        )]),
        baseline_state: if f.baselined { "unchanged" } else { "new" },
        suppressions: if f.waived {
            vec![Suppression {
                kind: "external",
                justification: t!(
                    "已由 waivers.yaml 中的豁免覆盖",
                    "Covered by a waiver in waivers.yaml"
                )
                .get(lang)
                .to_string(),
            }]
        } else {
            Vec::new()
        },
        properties: ResultProperties {
            submission: c.path.clone(),
            center_id: c.center_id.clone(),
        },
    }
}

/// A relative URI reference (RFC 3986, as SARIF requires) for a `/`-separated path:
/// everything but unreserved and sub-delimiter characters is percent-encoded as UTF-8,
/// Chinese file names included (viewers decode them back).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        let keep = ch.is_ascii_alphanumeric()
            || matches!(
                ch,
                '/' | '-'
                    | '.'
                    | '_'
                    | '~'
                    | '!'
                    | '$'
                    | '&'
                    | '\''
                    | '('
                    | ')'
                    | '*'
                    | '+'
                    | ','
                    | ';'
                    | '='
                    | ':'
                    | '@'
            );
        if keep {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_where_needed() {
        assert_eq!(uri("a/docs/服 务.md"), "a/docs/%E6%9C%8D%20%E5%8A%A1.md");
        assert_eq!(uri("x/100%#?.md"), "x/100%25%23%3F.md");
        assert_eq!(uri("plain/file.yaml"), "plain/file.yaml");
        assert_eq!(uri("a\u{1}b"), "a%01b");
    }

    #[test]
    fn levels() {
        assert_eq!(level("error"), "error");
        assert_eq!(level("warning"), "warning");
        assert_eq!(level("info"), "note");
        assert_eq!(level("bogus"), "note");
    }
}
