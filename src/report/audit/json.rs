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
