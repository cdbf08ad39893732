//! `freshness`: a document states a revision date no older than N years before the end
//! of the reporting year.

use std::sync::OnceLock;

use regex::Regex;

use super::{Ctx, RuleResult};
use crate::dates::{date_of, DATE};
use crate::finding::Location;
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, r};
use crate::standard::{Params, Standard};

/// Parameters of a `freshness` check.
#[derive(Debug, Clone)]
pub struct Freshness {
    pub documents: Vec<String>,
    pub max_age_years: u32,
}

impl Kind for Freshness {
    const NAME: &'static str = "freshness";

    fn summary() -> Text {
        Text::new(
            "文档写明修订日期，且不早于报告年度末前若干年",
            "documents state a revision date no more than N years before the end of the reporting year",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["max_age_years"],
            "properties": {
                "documents": d(r("strings"), "要检查的文档类型（默认：全部）", "document types to check (default: all)"),
                "max_age_years": d(json!({"type": "integer", "minimum": 1, "maximum": 50}), "修订日期距报告年度末的最长年数（1–50）", "most years from the revision date to the end of the reporting year (1–50)")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: freshness, documents: [data_security], max_age_years: 3}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let mut documents = p.texts("documents");
        for d in &documents {
            if !p.documents().iter().any(|x| &x.id == d) {
                p.error("documents", t!("未知的文档类型 `{d}`", "unknown document type `{d}`", d = d));
            }
        }
        if documents.is_empty() {
            documents = p.documents().iter().map(|d| d.id.clone()).collect();
        }
        Some(Freshness {
            documents,
            max_age_years: p.whole("max_age_years", 1..=50)?,
        })
    }

    fn describe(&self, _: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        (
            t!(
                "文档（{documents}）写明修订日期，且距报告年度年底不超过 {years} 年",
                "the documents ({documents}) state a revision date at most {years} years before the end of the reporting year",
                documents = self.documents.join(", "),
                years = self.max_age_years
            ),
            Some(("修订日期：2024-03-15".to_string(), "修订日期：2019-06-01".to_string())),
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Freshness, ctx: &Ctx) -> RuleResult {
    let Freshness {
        documents,
        max_age_years,
    } = check;
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    // Reference date: the end of the reporting year.
    let cutoff = (year - *max_age_years as i32, 12, 31);
    let mut findings = Vec::new();
    let mut checked = 0;
    let mut unavailable = None;
    for id in documents {
        let doc = match ctx.document(id) {
            Ok(doc) => doc,
            Err(r) => {
                unavailable.get_or_insert(r);
                continue;
            }
        };
        checked += 1;
        let name = ctx.standard.document(id).map_or_else(
            || crate::i18n::Text::new(id.as_str(), id.as_str()),
            |d| d.name.clone(),
        );
        match latest_revision(&doc.text) {
            None => findings.push(ctx.finding(
                t!("《{name}》未写明修订日期", "the {name} states no revision date", name = name),
                Some(t!("应写明“修订日期：YYYY-MM-DD”", "state 修订日期：YYYY-MM-DD")),
                Some(Location::file_only(&doc.file)),
            )),
            Some((date, span)) if date <= cutoff => findings.push(ctx.finding(
                t!(
                    "《{name}》的修订日期 {y}-{m:02}-{d:02} 距 {year} 年底已超过 {max_age} 年",
                    "the {name} was last revised on {y}-{m:02}-{d:02}, more than {max_age} years before the end of {year}",
                    name = name,
                    y = date.0,
                    m = date.1,
                    d = date.2,
                    year = year,
                    max_age = max_age_years
                ),
                Some(t!("已过期", "out of date")),
                Some(ctx.location_in(doc, span)),
            )),
            Some(_) => {}
        }
    }
    if checked == 0 {
        // Why the first document could not be read (center.yaml unparseable, a file
        // missing): the engine reports that cause once, not this rule on its own.
        return unavailable.unwrap_or_else(|| {
            RuleResult::error(t!("没有可检查的文档", "no document could be checked"))
        });
    }
    RuleResult::from_findings(findings)
}

/// Words that make a date a document's own: revised, amended, adopted, published, in force.
const EVENT: &str = r"(?:修订|修改|修正|发布|更新|印发|生效|实施|施行|批准|通过|颁布|revised|revision|amended|adopted|updated|issued)";

/// The latest date the document states for its own revision, amendment, adoption or
/// publication (`修订日期：…`, `本制度自2021年3月1日起施行`, `——2024年3月15日经…会议通过`),
/// with its span.
pub fn latest_revision(text: &str) -> Option<((i32, u32, u32), std::ops::Range<usize>)> {
    static RES: OnceLock<[Regex; 3]> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            // The event word, then the date on the same line.
            format!(r"(?i){EVENT}[^\n0-9０-９]{{0,12}}?{DATE}"),
            // The date, then the event word shortly after on the same line.
            format!(r"(?i){DATE}[^\n]{{0,24}}?{EVENT}"),
            // An official date line: `——2024年3月15日…`.
            format!(r"(?m)^\s*[—－-]{{1,2}}\s*{DATE}"),
        ]
        .map(|re| Regex::new(&re).expect("static regex"))
    });
    res.iter()
        .flat_map(|re| re.captures_iter(text))
        .filter_map(|c| date_of(&c))
        .max_by_key(|(date, _)| *date)
}

#[cfg(test)]
mod tests {
    use super::latest_revision;

    #[test]
    fn revision_dates_in_both_styles() {
        assert_eq!(
            latest_revision("修订日期：2023-05-10\n").map(|x| x.0),
            Some((2023, 5, 10))
        );
        assert_eq!(
            latest_revision("修订日期：2023年5月10日").map(|x| x.0),
            Some((2023, 5, 10))
        );
        assert_eq!(
            latest_revision("本制度自2021年3月1日起施行").map(|x| x.0),
            Some((2021, 3, 1))
        );
        assert_eq!(
            latest_revision("发布日期：2019-01-01\n修订日期：2024-02-03").map(|x| x.0),
            Some((2024, 2, 3))
        );
        assert_eq!(latest_revision("成立于2012年"), None);
        let text = "末尾\n修订日期：2022-11-06";
        let (_, span) = latest_revision(text).unwrap();
        assert_eq!(&text[span], "2022-11-06");
    }

    #[test]
    fn dates_as_people_write_them() {
        let date = |t: &str| latest_revision(t).map(|x| x.0);
        assert_eq!(date("修订日期：2024年03月"), Some((2024, 3, 31)));
        assert_eq!(date("修订日期：2024年2月"), Some((2024, 2, 29)));
        assert_eq!(date("修订日期：二〇二四年三月十五日"), Some((2024, 3, 15)));
        assert_eq!(date("修订日期：二〇二三年五月"), Some((2023, 5, 31)));
        assert_eq!(date("修订日期：２０２４年３月１５日"), Some((2024, 3, 15)));
        assert_eq!(date("更新：2024.11.15"), Some((2024, 11, 15)));
        assert_eq!(date("修订：2024/3/5"), Some((2024, 3, 5)));
        assert_eq!(date("——2024年3月15日在中心主任办公会上通过"), Some((2024, 3, 15)));
        assert_eq!(date("（2022年3月24日第二次修正）"), Some((2022, 3, 24)));
        assert_eq!(date("2019年4月26日经理事会审议通过"), Some((2019, 4, 26)));
        // A date no event names is not the document's.
        assert_eq!(date("2024年3月举办培训班"), None);
        assert_eq!(date("修订日期：2024年13月"), None);
        let text = "修订日期：二〇二四年三月";
        let (_, span) = latest_revision(text).unwrap();
        assert_eq!(&text[span], "二〇二四年三月");
    }
}
