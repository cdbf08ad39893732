#![allow(dead_code)]
//! A hostile submission for the HTML report's tests: markup and script in its name, id,
//! headings, figures, links and file names.

use std::path::{Path, PathBuf};

use crate::common;

/// What an attacker writes; each would run script if it reached the page as markup.
pub const PAYLOADS: [&str; 5] = [
    "<script>window.pwned=1</script>",
    "<img src=x onerror=\"window.pwned=2\">",
    "\"><svg onload=\"window.pwned=3\">",
    "</script><!--",
    "[点我](javascript:window.pwned=4)",
];

/// The center's name: every payload.
pub fn hostile_name() -> String {
    format!("恶意中心{}", PAYLOADS.concat())
}

/// A copy of the shenzhen-nanshan example under `root/evil` with the payloads in its
/// name, id, a heading, a figure, a link, a document's file name and a missing
/// document's path.
pub fn hostile_submission(root: &Path) -> PathBuf {
    let sub = root.join("evil");
    common::copy_dir(&common::example("shenzhen-nanshan"), &sub);
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let manifest = std::fs::read_to_string(sub.join("center.yaml")).unwrap();
    let evil_file = format!("docs/{}.md", PAYLOADS[1]);
    let manifest = manifest
        .replace(
            "  name: 深圳市南山区生产力促进中心",
            &format!("  name: {}", q(&hostile_name())),
        )
        .replace(
            "  id: GD-SZ-0012 ",
            &format!("  id: {} ", q(&format!("GD{}", PAYLOADS[0]))),
        )
        .replace(
            "  service_catalog: docs/服务目录与收费标准.md",
            &format!(
                "  service_catalog: {}",
                q(&format!("docs/{}.md", PAYLOADS[2]))
            ),
        )
        .replace(
            "  complaint_handling: docs/投诉处理制度.md",
            &format!("  complaint_handling: {}", q(&evil_file)),
        );
    assert!(manifest.contains("pwned=1") && manifest.contains("pwned=3"));
    std::fs::write(sub.join("center.yaml"), manifest).unwrap();
    let complaint = std::fs::read_to_string(sub.join("docs/投诉处理制度.md")).unwrap();
    std::fs::remove_file(sub.join("docs/投诉处理制度.md")).unwrap();
    std::fs::write(
        sub.join(&evil_file),
        format!("{complaint}\nTODO {}\n", PAYLOADS[3]),
    )
    .unwrap();
    let process = sub.join("docs/服务流程规范.md");
    let text = std::fs::read_to_string(&process).unwrap();
    std::fs::write(
        &process,
        format!(
            "{text}\n## {p0}\n\n服务企业{p1}1,234家，详见{p4}。{p3}\n\n## {p2}\n\n（待填写）{p0}\n",
            p0 = PAYLOADS[0],
            p1 = PAYLOADS[1],
            p2 = PAYLOADS[2],
            p3 = PAYLOADS[3],
            p4 = PAYLOADS[4],
        ),
    )
    .unwrap();
    sub
}
