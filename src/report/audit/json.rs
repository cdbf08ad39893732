//! The audit's JSON report: `check`'s contract (schema_version 1) for each submission,
//! plus its counts, pass/fail and exit risk, and a `summary`. A shard report also
//! carries `shard` and what the cross-center rules gathered, for `sscheck merge`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

use crate::audit::Audit;
use crate::report::json::{StandardRef, SCHEMA_VERSION, TOOL};
use crate::standard::Standard;

/// The report is written as `serde_json::to_writer_pretty` would write one object of
/// these fields, driven here field by field so that the submissions, the bulk of it, can
/// be serialized in worker threads a chunk at a time (each at the depth it is written
/// at) and written in order: the bytes are the same for any number of threads.
pub fn write(standard: &Standard, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let gathered = audit.shard.is_some();
    let mut f = PrettyFormatter::new();
    let w = &mut *out;
    f.begin_object(w)?;
    let mut first = true;
    field(w, &mut f, &mut first, "schema_version", &SCHEMA_VERSION)?;
    field(w, &mut f, &mut first, "tool", &TOOL)?;
    field(
        w,
        &mut f,
        &mut first,
        "standard",
        &StandardRef::of(standard),
    )?;
    field(w, &mut f, &mut first, "lang", audit.lang.code())?;
    if let Some(shard) = &audit.shard {
        field(w, &mut f, &mut first, "shard", shard)?;
    }
    key(w, &mut f, &mut first, "submissions")?;
    f.begin_array(w)?;
    // The formatter at the depth of the submissions, for each one's own serializer.
    let at_element = f.clone();
    let mut first_element = true;
    audit.each_center(
        |c| {
            let mut bytes = Vec::new();
            let mut s = Serializer::with_formatter(&mut bytes, at_element.clone());
            c.out(standard, gathered).serialize(&mut s)?;
            Ok(bytes)
        },
        |bytes| {
            f.begin_array_value(w, first_element)?;
            first_element = false;
            w.write_all(&bytes)?;
            f.end_array_value(w)
        },
    )?;
    f.end_array(w)?;
    f.end_object_value(w)?;
    field(w, &mut f, &mut first, "summary", &audit.summary)?;
    f.end_object(w)?;
    w.write_all(b"\n")
}

/// The key of the object's next field, and the separator before its value.
fn key(
    w: &mut dyn Write,
    f: &mut PrettyFormatter<'static>,
    first: &mut bool,
    name: &str,
) -> io::Result<()> {
    f.begin_object_key(w, *first)?;
    *first = false;
    name.serialize(&mut Serializer::with_formatter(&mut *w, f.clone()))?;
    f.end_object_key(w)?;
    f.begin_object_value(w)
}

/// One field of the object: its key and its value, at the object's depth.
fn field<T: Serialize + ?Sized>(
    w: &mut dyn Write,
    f: &mut PrettyFormatter<'static>,
    first: &mut bool,
    name: &str,
    value: &T,
) -> io::Result<()> {
    key(w, f, first, name)?;
    value.serialize(&mut Serializer::with_formatter(&mut *w, f.clone()))?;
    f.end_object_value(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{summary, Center, Summary};
    use crate::i18n::Lang;
    use crate::report::json::Tool;

    /// The report as one `serde_json::to_writer_pretty` of a derived struct writes it:
    /// what [`write`] must give byte for byte.
    #[derive(Serialize)]
    struct Report<'a> {
        schema_version: u32,
        tool: Tool,
        standard: StandardRef<'a>,
        lang: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        shard: Option<crate::audit::shard::Shard>,
        submissions: Vec<crate::audit::record::CenterOut<'a>>,
        summary: &'a Summary,
    }

    fn reference(standard: &Standard, audit: &Audit, centers: &[Center]) -> Vec<u8> {
        let gathered = audit.shard.is_some();
        let report = Report {
            schema_version: SCHEMA_VERSION,
            tool: TOOL,
            standard: StandardRef::of(standard),
            lang: audit.lang.code(),
            shard: audit.shard,
            submissions: centers.iter().map(|c| c.out(standard, gathered)).collect(),
            summary: &audit.summary,
        };
        let mut out = serde_json::to_vec_pretty(&report).unwrap();
        out.push(b'\n');
        out
    }

    #[test]
    fn the_report_is_the_bytes_of_one_pretty_serialization_for_any_number_of_centers() {
        let standard = crate::standard::load_embedded().unwrap();
        // No center, one, and more than a chunk of them (hostile texts, odd floats, some
        // findings with related centers), in a plain report and in a shard report.
        for n in [0, 1, 3, 64, 65, 150] {
            let mut centers: Vec<Center> = (0..n).map(crate::audit::store::tests::center).collect();
            for c in centers.iter_mut() {
                // A record has one state per rule of its standard.
                c.rules.resize(standard.rules.len(), c.rules[0].clone());
                c.rules.truncate(standard.rules.len());
            }
            let mut builder = summary::Builder::new(&standard);
            for c in &centers {
                builder.add(c);
            }
            let summary = builder.finish(n % 4);
            for (shard, lang) in [(None, Lang::En), (Some("2/3"), Lang::Zh)] {
                let mut audit = Audit::of_centers(&centers, summary.clone(), lang).unwrap();
                audit.shard = shard.map(|s| s.parse().unwrap());
                let mut out = Vec::new();
                write(&standard, &audit, &mut out).unwrap();
                let want = reference(&standard, &audit, &centers);
                assert!(
                    out == want,
                    "{n} centers, shard {shard:?}:\n{}\n---\n{}",
                    String::from_utf8_lossy(&out[..out.len().min(2000)]),
                    String::from_utf8_lossy(&want[..want.len().min(2000)])
                );
            }
        }
    }
}
