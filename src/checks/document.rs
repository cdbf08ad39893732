//! `document`: a document type is indexed in center.yaml, present, readable and not empty.

use super::{Ctx, RuleResult};
use crate::finding::Location;
use crate::submission::DocProblem;
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::document_param;
use crate::standard::{Params, Standard};

/// Parameters of a `document` check.
#[derive(Debug, Clone)]
pub struct Document {
    pub document: String,
}

impl Kind for Document {
    const NAME: &'static str = "document";

    fn summary() -> Text {
        Text::new(
            "文档已在 center.yaml 登记，文件存在、可读且非空",
            "a document is indexed in center.yaml, present, readable and not empty",
        )
    }

    fn schema() -> Value {
        json!({"required": ["document"], "properties": {"document": document_param()}})
    }

    fn example() -> &'static str {
        "{kind: document, document: service_process}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        Some(Document {
            document: p.document("document")?,
        })
    }

    fn describe(&self, standard: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let document = &self.document;
        let name = standard.document_name(document);
        (
            t!("提交《{name}》：在 center.yaml 登记、文件存在、可读且非空", "the {name} is indexed in center.yaml, exists, is readable and not empty", name = name),
            Some((
                format!("documents:\n  {document}: docs/{}.md   # exists, has content", name.zh),
                format!("documents: {{}}   # no `{document}`, or the file is missing or empty"),
            )),
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Document, ctx: &Ctx) -> RuleResult {
    let Document { document } = check;
    let name = ctx.standard.document(document).map_or_else(
        || crate::i18n::Text::new(document.as_str(), document.as_str()),
        |d| d.name.clone(),
    );
    let finding = match ctx.sub.documents.get(document) {
        Some(Ok(doc)) if !doc.is_blank() => return RuleResult::from_findings(Vec::new()),
        Some(Ok(doc)) => ctx.finding(
            t!(
                "《{name}》文件 `{file}` 为空",
                "the {name} file `{file}` is empty",
                name = name,
                file = doc.file
            ),
            Some(t!("空文件", "empty file")),
            Some(Location::file_only(&doc.file)),
        ),
        Some(Err(DocProblem::NotListed)) => {
            let loc = ctx.sub.manifest.as_ref().map(|m| {
                m.root.entry("documents").map_or_else(
                    || Location::file_only("center.yaml"),
                    |(k, _)| m.location_of_key(k),
                )
            });
            ctx.finding(
                t!(
                    "缺少《{name}》：center.yaml 的 documents 中没有 `{document}`",
                    "the {name} is missing: center.yaml lists no `{document}` under documents",
                    name = name,
                    document = document
                ),
                Some(t!(
                    "在此登记 `{document}`",
                    "add `{document}` here",
                    document = document
                )),
                loc,
            )
        }
        Some(Err(DocProblem::FileMissing { location, path })) => ctx.finding(
            t!(
                "《{name}》的文件 `{path}` 不存在",
                "the {name} file `{path}` does not exist",
                name = name,
                path = path
            ),
            Some(t!("文件不存在", "no such file")),
            Some(location.clone()),
        ),
        Some(Err(p)) => {
            return RuleResult::missing(
                super::doc_problem_reason(document, p),
                super::doc_problem_cause(document, p),
            )
        }
        None => {
            return RuleResult::error(t!(
                "未知文档类型 `{document}`",
                "unknown document type `{document}`",
                document = document
            ))
        }
    };
    RuleResult::from_findings(vec![finding])
}
