//! `document`: a document type is indexed in center.yaml, present, readable and not empty.

use super::{Ctx, RuleResult};
use crate::finding::Location;
use crate::standard::Check;
use crate::submission::DocProblem;
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Document { document } = &ctx.rule.check else {
        unreachable!("dispatched by kind")
    };
    let name = ctx.standard.document(document).map_or_else(
        || crate::i18n::Text::new(document.as_str(), document.as_str()),
        |d| d.name.clone(),
    );
    let finding = match ctx.sub.documents.get(document) {
        Some(Ok(doc)) if !doc.is_blank() => return RuleResult::from_findings(Vec::new()),
        Some(Ok(doc)) => ctx.finding(
            t!(
                "《{}》文件 `{}` 为空",
                "the {} file `{}` is empty",
                name.zh,
                doc.file
            )
            .with_en(format!("the {} file `{}` is empty", name.en, doc.file)),
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
                    "缺少《{}》：center.yaml 的 documents 中没有 `{}`",
                    "the {} is missing: center.yaml lists no `{}` under documents",
                    name.zh,
                    document
                )
                .with_en(format!(
                    "the {} is missing: center.yaml lists no `{document}` under documents",
                    name.en
                )),
                Some(t!("在此登记 `{}`", "add `{}` here", document)),
                loc,
            )
        }
        Some(Err(DocProblem::FileMissing { location, path })) => ctx.finding(
            t!(
                "《{}》的文件 `{}` 不存在",
                "the {} file `{}` does not exist",
                name.zh,
                path
            )
            .with_en(format!("the {} file `{path}` does not exist", name.en)),
            Some(t!("文件不存在", "no such file")),
            Some(location.clone()),
        ),
        Some(Err(p)) => return RuleResult::error(super::doc_problem_reason(document, p)),
        None => {
            return RuleResult::error(t!(
                "未知文档类型 `{}`",
                "unknown document type `{}`",
                document
            ))
        }
    };
    RuleResult::from_findings(vec![finding])
}
