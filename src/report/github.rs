//! `--format github`: GitHub Actions workflow commands, one per unwaived finding, so a
//! workflow run annotates the submission's files.
//!
//! <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>

use super::{display_path, headline};
use crate::engine::SubmissionReport;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;

pub fn submissions(reports: &[SubmissionReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        // A waived finding is an accepted deviation: no annotation asks to fix it.
        for f in r.findings.iter().filter(|f| !f.waived) {
            out.push_str(&command(r, f, lang));
            out.push('\n');
        }
    }
    out
}

/// `::error file=…,line=…,col=…,title=RULE::message`; the help follows the message on
/// its own line. A finding without a place names its submission in the message.
pub fn command(r: &SubmissionReport, f: &Finding, lang: Lang) -> String {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = Vec::new();
    let mut message = headline(f, lang);
    match &f.location {
        Some(loc) => {
            props.push(format!("file={}", property(&display_path(r, &loc.file))));
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.column));
        }
        None => {
            let sep = match lang {
                Lang::Zh => "：",
                Lang::En => ": ",
            };
            message = format!("{}{sep}{message}", r.path.display());
        }
    }
    props.push(format!("title={}", property(&f.rule)));
    if let Some(help) = &f.help {
        let label = match lang {
            Lang::Zh => "帮助：",
            Lang::En => "help: ",
        };
        message.push('\n');
        message.push_str(label);
        message.push_str(help.get(lang));
    }
    format!("::{level} {}::{}", props.join(","), data(&message))
}

/// Escapes a command's message: `%`, CR and LF.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as [`data`], and also `:` and `,`.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("94% a\r\nb"), "94%25 a%0D%0Ab");
        assert_eq!(data("a: b, c"), "a: b, c");
        assert_eq!(property("C:\\x,y%"), "C%3A\\x%2Cy%25");
        assert_eq!(property("docs/a\nb.md"), "docs/a%0Ab.md");
    }
}
