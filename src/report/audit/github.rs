//! `github`: GitHub Actions workflow commands, one per finding that is neither waived
//! nor baselined, as `sscheck check --format github` writes them.

use std::io::{self, Write};

use super::file_path;
use crate::audit::{Audit, AuditFinding, Center};
use crate::i18n::Lang;
use crate::report::github::{data, property};

pub fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    // The exit-risk lines come last: kept while the records are read once.
    let mut exit_risk = Vec::new();
    for c in audit.centers() {
        let c = c?;
        for f in c.findings.iter().filter(|f| f.is_new()) {
            writeln!(out, "{}", command(&c, f, audit.lang))?;
        }
        if !c.exit_risk.is_empty() {
            exit_risk.push(super::concise::exit_risk_line(&c, audit.lang));
        }
    }
    // The exit-risk list, one notice per center (its findings are annotated above).
    for line in exit_risk {
        let title = match audit.lang {
            Lang::Zh => "退出风险",
            Lang::En => "Exit risk",
        };
        writeln!(out, "::notice title={}::{}", property(title), data(&line))?;
    }
    Ok(())
}

fn command(c: &Center, f: &AuditFinding, lang: Lang) -> String {
    let level = match f.severity.as_str() {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    };
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let mut props = Vec::new();
    let mut message = format!("{}{sep}{}", f.title, f.message);
    match (&f.file, f.line) {
        (Some(file), Some(line)) => {
            props.push(format!("file={}", property(&file_path(c, file))));
            props.push(format!("line={line}"));
            props.push(format!("col={}", f.column.unwrap_or(1)));
        }
        _ => message = format!("{}{sep}{message}", c.path),
    }
    props.push(format!("title={}", property(&f.rule)));
    if let Some(help) = &f.help {
        message.push('\n');
        message.push_str(match lang {
            Lang::Zh => "帮助：",
            Lang::En => "help: ",
        });
        message.push_str(help);
    }
    format!("::{level} {}::{}", props.join(","), data(&message))
}
