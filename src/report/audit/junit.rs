//! `junit`: JUnit XML, as CI servers show test results. One test suite per submission
//! (named by its path), one test case per finding: a failure when it is new, skipped
//! when it is in the baseline or waived (the skip message says which). A submission
//! without findings gets one passing test case, so it shows up green.
//!
//! Written by hand: the XML is small and fixed, and submission text needs one thing a
//! generic writer does not do: characters XML 1.0 forbids or discourages (controls other
//! than tab, line feed and carriage return; U+FFFE, U+FFFF) are replaced by U+FFFD, so a hostile
//! file cannot make the report unreadable. No timestamps or durations: the output is
//! deterministic.

use std::io::{self, Write};

use super::file_path;
use crate::audit::{Audit, AuditFinding, Center};
use crate::i18n::Lang;
use crate::standard::Standard;
use crate::t;

pub fn write(_standard: &Standard, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let lang = audit.lang;
    let mut tests = 0;
    let mut failures = 0;
    let mut skipped = 0;
    for c in audit.centers() {
        let (t, f, s) = tally(&c?);
        tests += t;
        failures += f;
        skipped += s;
    }
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="sscheck" tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}">"#
    )?;
    for c in audit.centers() {
        suite(&c?, lang, out)?;
    }
    writeln!(out, "</testsuites>")
}

/// Test cases, failures and skipped cases of a center's suite.
fn tally(c: &Center) -> (usize, usize, usize) {
    if c.findings.is_empty() {
        return (1, 0, 0);
    }
    let failures = c.findings.iter().filter(|f| f.is_new()).count();
    (c.findings.len(), failures, c.findings.len() - failures)
}

fn suite(c: &Center, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let (tests, failures, skipped) = tally(c);
    let classname = attr(&c.path);
    writeln!(
        out,
        r#"  <testsuite name="{classname}" tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}">"#
    )?;
    let mut props: Vec<(&str, String)> = Vec::new();
    if let Some(id) = &c.center_id {
        props.push(("center_id", id.clone()));
    }
    if let Some(name) = &c.name {
        props.push(("name", name.clone()));
    }
    if let Some(year) = c.reporting_year {
        props.push(("reporting_year", year.to_string()));
    }
    if let Some(overall) = c.score.overall {
        props.push(("overall", overall.to_string()));
    }
    if let Some(grade) = &c.score.grade {
        props.push(("grade", grade.clone()));
    }
    props.push(("incomplete", c.incomplete.to_string()));
    props.push(("passed", c.passed.to_string()));
    // The exit-risk rules the center fails, each with its evidence.
    for e in &c.exit_risk {
        props.push(("exit_risk", format!("{}: {}", e.rule, e.message)));
    }
    writeln!(out, "    <properties>")?;
    for (name, value) in props {
        writeln!(
            out,
            r#"      <property name="{name}" value="{}"/>"#,
            attr(&value)
        )?;
    }
    writeln!(out, "    </properties>")?;
    if c.findings.is_empty() {
        let name = t!("全部检查通过", "all checks passed");
        writeln!(
            out,
            r#"    <testcase name="{}" classname="{classname}"/>"#,
            attr(name.get(lang))
        )?;
    }
    for f in &c.findings {
        case(c, f, lang, out)?;
    }
    writeln!(out, "  </testsuite>")
}

fn case(c: &Center, f: &AuditFinding, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let place = match (&f.file, f.line) {
        (Some(file), Some(line)) => Some(format!("{}:{line}", file_path(c, file))),
        (Some(file), None) => Some(file_path(c, file)),
        _ => None,
    };
    let name = match &place {
        Some(p) => format!("{} {p}", f.rule),
        None => f.rule.clone(),
    };
    writeln!(
        out,
        r#"    <testcase name="{}" classname="{}">"#,
        attr(&name),
        attr(&c.path)
    )?;
    let summary = format!("{}{sep}{}", f.title, f.message);
    if f.is_new() {
        let mut body = summary.clone();
        if let Some(p) = &place {
            body.push('\n');
            body.push_str(t!("位置：", "at: ").get(lang));
            body.push_str(p);
            if let Some(col) = f.column {
                body.push_str(&format!(":{col}"));
            }
        }
        if let Some(help) = &f.help {
            body.push('\n');
            body.push_str(t!("帮助：", "help: ").get(lang));
            body.push_str(help);
        }
        writeln!(
            out,
            r#"      <failure message="{}" type="{}">{}</failure>"#,
            attr(&summary),
            attr(&f.severity),
            text(&body)
        )?;
    } else {
        let why = if f.waived {
            t!("已豁免", "waived")
        } else {
            t!("已在基线中", "in the baseline")
        };
        writeln!(
            out,
            r#"      <skipped message="{}"/>"#,
            attr(&format!("{}{sep}{summary}", why.get(lang)))
        )?;
    }
    writeln!(out, "    </testcase>")
}

/// `ch`, or U+FFFD for a character XML 1.0 forbids (C0 controls but tab, LF and CR;
/// U+FFFE, U+FFFF) or discourages (DEL and C1 controls).
fn allowed(ch: char) -> char {
    match ch {
        '\t' | '\n' | '\r' => ch,
        '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c if c.is_control() => '\u{fffd}',
        _ => ch,
    }
}

/// Escaped for element text.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars().map(allowed) {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // A lone CR would be read back as LF.
            '\r' => out.push_str("&#13;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Escaped for a double-quoted attribute; whitespace kept through attribute
/// normalisation as character references.
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars().map(allowed) {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_forbidden_characters() {
        assert_eq!(
            attr("<a href=\"x\">&'\n\t\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#10;&#9;\u{fffd}"
        );
        assert_eq!(
            text("a<b>&c\r\n\u{0}\u{ffff}"),
            "a&lt;b&gt;&amp;c&#13;\n\u{fffd}\u{fffd}"
        );
        assert_eq!(text("中文 ok"), "中文 ok");
        assert_eq!(text("\u{7f}\u{85}"), "\u{fffd}\u{fffd}");
    }
}
