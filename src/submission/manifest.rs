//! `center.yaml`: the center's profile and its document index.

use std::collections::BTreeMap;

use super::validate::{schema_findings, year_as_written, SchemaContext};
use crate::finding::{Finding, InputCode, Location, Severity};
use crate::i18n::Text;
use crate::standard::submission_schema as schema;
use crate::standard::{region, Profile, Standard};
use crate::t;
use crate::yaml::{self, Kind, Node};

pub const FILE: &str = "center.yaml";

#[derive(Debug, Clone)]
pub struct Manifest {
    pub root: Node,
    pub text: std::sync::Arc<str>,
    pub center_id: Option<String>,
    /// `center.name`, when it is text.
    pub name: Option<String>,
    pub reporting_year: Option<i32>,
    /// Region is derived from the province here.
    pub profile: Profile,
    pub documents: BTreeMap<String, DocEntry>,
}

#[derive(Debug, Clone)]
pub struct DocEntry {
    pub path: String,
    /// The path's value in center.yaml.
    pub location: Location,
}

impl Manifest {
    /// The location of a node of center.yaml.
    pub fn location(&self, node: &Node) -> Location {
        Location::in_text(FILE, &self.text, node.pos.span())
    }
}

pub fn parse(
    findings: &mut Vec<Finding>,
    text: &std::sync::Arc<str>,
    standard: &Standard,
) -> Option<Manifest> {
    let mut root = match yaml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            findings.push(super::metrics::syntax_finding(FILE, text, &e));
            return None;
        }
    };
    if root.as_map().is_none() {
        findings.push(Finding::input(
            InputCode::WrongType,
            Severity::Error,
            t!(
                "center.yaml 应是一个映射（center、reporting_year、documents）",
                "center.yaml must be a mapping (center, reporting_year, documents)"
            ),
            Some(Location::file_only(FILE)),
        ));
        return None;
    }
    for path in ["reporting_year", "center.established"] {
        findings.extend(year_as_written(&mut root, path, FILE, text));
    }
    let known_keys = |pointer: &str| -> Vec<String> {
        match pointer {
            "" => ["center", "reporting_year", "documents"]
                .map(String::from)
                .to_vec(),
            "/center" => schema::CENTER_FIELDS
                .iter()
                .map(|f| f.key.to_string())
                .collect(),
            "/documents" => standard.documents.iter().map(|d| d.id.clone()).collect(),
            _ => Vec::new(),
        }
    };
    let expected = |pointer: &str| -> Option<Text> {
        Some(match pointer {
            "/reporting_year" | "/center/established" => {
                Text::new("整数年份（如 2024）", "a year as an integer (e.g. 2024)")
            }
            p if p.starts_with("/documents/") => Text::new("文件路径文本", "a file path"),
            "/documents" | "/center" => Text::new("映射", "a mapping"),
            _ => Text::new("文本", "a text"),
        })
    };
    findings.extend(schema_findings(
        &standard.center_schema,
        &root,
        &SchemaContext {
            file: FILE,
            text,
            unknown_code: InputCode::UnknownKey,
            known_keys: &known_keys,
            expected: &expected,
        },
    ));

    let str_at = |path: &str| {
        root.path(path)
            .and_then(Node::as_str)
            .map(|s| s.trim().to_string())
    };
    let province = str_at("center.province");
    let region = province
        .as_deref()
        .and_then(region::region_of)
        .map(String::from);
    // `区县级` and `County` are the level `county`.
    let canonical = |path: &str| {
        str_at(path).map(|v| crate::standard::canonical_value(&v).map_or(v, str::to_string))
    };
    let profile = Profile {
        level: canonical("center.level"),
        region,
        operation_model: canonical("center.operation_model"),
        province: province
            .as_deref()
            .and_then(region::normalize_province)
            .map(String::from),
    };
    let reporting_year = match root.get("reporting_year").map(|n| &n.kind) {
        Some(Kind::Int(y)) => i32::try_from(*y).ok(),
        _ => None,
    };
    let mut documents = BTreeMap::new();
    if let Some(entries) = root.get("documents").and_then(Node::as_map) {
        let index = crate::finding::LineIndex::new(text);
        for (k, v) in entries {
            if let Some(path) = v.as_str() {
                documents.insert(
                    k.name.clone(),
                    DocEntry {
                        path: path.trim().to_string(),
                        location: index.location(FILE, text, v.pos.span()),
                    },
                );
            }
        }
    }
    Some(Manifest {
        center_id: str_at("center.id"),
        name: str_at("center.name"),
        reporting_year,
        profile,
        documents,
        root,
        text: text.clone(),
    })
}

impl Manifest {
    /// The location of a key of center.yaml.
    pub fn location_of_key(&self, key: &crate::yaml::Key) -> Location {
        Location::in_text(FILE, &self.text, key.pos.span())
    }
}
