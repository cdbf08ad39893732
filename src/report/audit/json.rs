//! The audit's JSON report: `check`'s contract (schema_version 1) for each submission,
//! plus its counts, pass/fail and exit risk, and a `summary`. A shard report also
//! carries `shard` and what the cross-center rules gathered, for `sscheck merge`.

use std::io::{self, Write};

use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

use crate::audit::{Audit, Summary};
use crate::report::json::{StandardRef, Tool, SCHEMA_VERSION, TOOL};
use crate::standard::Standard;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    standard: StandardRef<'a>,
    lang: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    shard: Option<crate::audit::shard::Shard>,
    submissions: Submissions<'a>,
    summary: &'a Summary,
}

/// The records, serialized one by one.
struct Submissions<'a> {
    standard: &'a Standard,
    audit: &'a Audit,
    gathered: bool,
}

impl Serialize for Submissions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.audit.len()))?;
        for c in self.audit.centers() {
            let c = c.map_err(serde::ser::Error::custom)?;
            seq.serialize_element(&c.out(self.standard, self.gathered))?;
        }
        seq.end()
    }
}

pub fn write(standard: &Standard, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: TOOL,
        standard: StandardRef::of(standard),
        lang: audit.lang.code(),
        shard: audit.shard,
        submissions: Submissions {
            standard,
            audit,
            gathered: audit.shard.is_some(),
        },
        summary: &audit.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")
}
