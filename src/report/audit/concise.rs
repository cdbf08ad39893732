//! `concise`: one line per finding, `path:line:col: RULE [severity] title: message`, as
//! `sscheck check --format concise` writes them; baselined findings are marked.

use std::io::{self, Write};

use super::file_path;
use crate::audit::{Audit, AuditFinding, Center};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::report::one_line;

pub fn write(audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    // The exit-risk lines come last: kept (a line per center at risk) while the
    // records are read once.
    let mut exit_risk = Vec::new();
    for c in audit.centers() {
        let c = c?;
        for f in &c.findings {
            writeln!(out, "{}", line(&c, f, audit.lang))?;
        }
        if !c.exit_risk.is_empty() {
            exit_risk.push(exit_risk_line(&c, audit.lang));
        }
    }
    for l in exit_risk {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

/// `path: exit risk [EVA-011, EVA-018]`: a center the exit-risk rules name.
pub fn exit_risk_line(c: &Center, lang: Lang) -> String {
    let rules: Vec<&str> = c.exit_risk.iter().map(|e| e.rule.as_str()).collect();
    let label = match lang {
        Lang::Zh => "退出风险",
        Lang::En => "exit risk",
    };
    format!("{}: {label} [{}]", c.path, rules.join(", "))
}

pub fn line(c: &Center, f: &AuditFinding, lang: Lang) -> String {
    let place = match (&f.file, f.line) {
        (Some(file), Some(line)) => {
            format!("{}:{}:{}", file_path(c, file), line, f.column.unwrap_or(1))
        }
        _ => c.path.clone(),
    };
    let mut tag = Severity::parse(&f.severity)
        .map(|s| s.name().get(lang).to_string())
        .unwrap_or_else(|| f.severity.clone());
    let (comma, waived, baselined) = match lang {
        Lang::Zh => ("，", "已豁免", "基线已有"),
        Lang::En => (", ", "waived", "baselined"),
    };
    for (on, word) in [(f.waived, waived), (f.baselined, baselined)] {
        if on {
            tag.push_str(comma);
            tag.push_str(word);
        }
    }
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    format!(
        "{place}: {} [{tag}] {}",
        f.rule,
        one_line(&format!("{}{sep}{}", f.title, f.message))
    )
}
