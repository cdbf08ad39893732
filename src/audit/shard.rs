//! `--shard K/N`: a deterministic slice of the submissions, so a CI matrix can split a
//! national run; `sscheck merge` joins the shard reports.

use std::fmt;
use std::str::FromStr;

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::record::{Center, CenterIn};
use crate::i18n::{Lang, Text};
use crate::standard::Standard;
use crate::t;

/// Shard `index` of `count` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Whether the submission reported as `path` belongs to this shard. The choice hangs
    /// on the path alone, so a submission stays in its shard when others come or go.
    pub fn holds(&self, path: &str) -> bool {
        let mut h = crate::finding::Fnv64::new();
        h.write(path.as_bytes());
        h.finish() % u64::from(self.count) == u64::from(self.index - 1)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is no shard: write K/N with 1 ≤ K ≤ N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// A shard report read back.
#[derive(Debug)]
pub struct ShardReport {
    pub shard: Shard,
    pub lang: Lang,
    pub centers: Vec<Center>,
    pub skipped: usize,
}

#[derive(Deserialize)]
struct ReportIn {
    standard: StandardIn,
    lang: String,
    shard: Option<Shard>,
    submissions: Vec<CenterIn>,
    summary: SummaryIn,
}

#[derive(Deserialize)]
struct StandardIn {
    id: String,
    version: String,
}

#[derive(Deserialize)]
struct SummaryIn {
    skipped: usize,
}

/// Read a shard report written with `standard` (the same id and version).
pub fn read_report(path: &Path, standard: &Standard) -> Result<ShardReport, Text> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| t!("无法读取文件：{e}", "cannot read the file: {e}", e = e))?;
    let r: ReportIn = serde_json::from_str(&text).map_err(|e| {
        t!(
            "不是 sscheck 的 JSON 报告：{e}",
            "not a JSON report of sscheck: {e}",
            e = e
        )
    })?;
    let Some(shard) = r.shard else {
        return Err(t!(
            "不是分片报告（生成时没有 --shard K/N）：请用 sscheck audit --shard K/N --output json=… 生成",
            "not a shard report (it was written without --shard K/N): write it with sscheck audit --shard K/N --output json=…"
        ));
    };
    if r.standard.id != standard.id || r.standard.version != standard.version {
        return Err(t!(
            "它按标准 {a} {av} 生成，而不是 {b} {bv}：请用生成分片时的同一 --standard",
            "written with the standard {a} {av}, not {b} {bv}: pass the --standard the shards were written with",
            a = r.standard.id,
            av = r.standard.version,
            b = standard.id,
            bv = standard.version
        ));
    }
    let lang = match r.lang.as_str() {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        other => return Err(t!("未知的语言 `{l}`", "unknown language `{l}`", l = other)),
    };
    let centers = r
        .submissions
        .into_iter()
        .map(|c| c.into_center(standard))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ShardReport {
        shard,
        lang,
        centers,
        skipped: r.summary.skipped,
    })
}

/// Shard reports joined.
#[derive(Debug)]
pub struct Merged {
    pub centers: Vec<Center>,
    pub skipped: usize,
    pub lang: Lang,
}

/// Join shard reports: all of one split (the same N), each shard once, in one language.
/// Missing shards are an error unless `allow_missing`.
pub fn join(reports: Vec<ShardReport>, allow_missing: bool) -> Result<Merged, Text> {
    let Some(first) = reports.first() else {
        return Err(t!("没有分片报告", "no shard report"));
    };
    let (count, lang, skipped) = (first.shard.count, first.lang, first.skipped);
    let mut seen = vec![false; count as usize];
    for r in &reports {
        if r.shard.count != count {
            return Err(t!(
                "分片报告来自不同的切分：{a} 与 {b}",
                "the shard reports come from different splits: {a} and {b}",
                a = first.shard,
                b = r.shard
            ));
        }
        if r.lang != lang {
            return Err(t!(
                "分片报告的语言不同（{a} 与 {b}）：请用同一 --lang 生成",
                "the shard reports are in different languages ({a} and {b}): write them with one --lang",
                a = lang.code(),
                b = r.lang.code()
            ));
        }
        let slot = &mut seen[r.shard.index as usize - 1];
        if *slot {
            return Err(t!(
                "分片 {s} 出现了两次",
                "shard {s} is given twice",
                s = r.shard
            ));
        }
        *slot = true;
    }
    let missing: Vec<String> = (1..=count)
        .filter(|k| !seen[*k as usize - 1])
        .map(|k| format!("{k}/{count}"))
        .collect();
    if !missing.is_empty() && !allow_missing {
        return Err(t!(
            "缺少分片 {m}：跨中心规则需要全部分片（或加 --allow-missing）",
            "shards {m} are missing: the cross-center rules need every shard (or pass --allow-missing)",
            m = missing.join(", ")
        ));
    }
    let centers = reports.into_iter().flat_map(|r| r.centers).collect();
    Ok(Merged {
        centers,
        skipped,
        lang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_every_path_exactly_once() {
        let paths: Vec<String> = (0..500).map(|i| format!("subs/c{i:04}")).collect();
        let shards: Vec<Shard> = (1..=4).map(|k| format!("{k}/4").parse().unwrap()).collect();
        let mut sizes = [0; 4];
        for p in &paths {
            let holders: Vec<usize> = (0..4).filter(|&k| shards[k].holds(p)).collect();
            assert_eq!(holders.len(), 1, "{p}");
            sizes[holders[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 90), "{sizes:?}");
        for bad in ["0/4", "5/4", "x/2", "3", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
