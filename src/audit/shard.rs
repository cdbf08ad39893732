//! `--shard K/N`: a deterministic slice of the submissions, so a CI matrix can split a
//! national run; `sscheck merge` joins the shard reports.

use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::str::FromStr;

use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
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

/// What a shard report says of itself. Its centers are read separately, one at a time
/// ([`read_centers`]), so that a merge never holds a whole report.
#[derive(Debug, Clone, Copy)]
pub struct ShardHeader {
    pub shard: Shard,
    pub lang: Lang,
    pub skipped: usize,
}

#[derive(Deserialize)]
struct HeaderIn {
    standard: StandardIn,
    lang: String,
    shard: Option<Shard>,
    /// Skipped here (read by [`read_centers`]), but required.
    #[allow(dead_code)]
    submissions: IgnoredAny,
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

/// A report's JSON, read as it streams from the file.
fn open(
    path: &Path,
) -> Result<serde_json::Deserializer<serde_json::de::IoRead<BufReader<File>>>, Text> {
    let file = File::open(path).map_err(|e| cannot_read(&e))?;
    Ok(serde_json::Deserializer::from_reader(
        BufReader::with_capacity(1 << 16, file),
    ))
}

fn cannot_read(e: &dyn fmt::Display) -> Text {
    t!("无法读取文件：{e}", "cannot read the file: {e}", e = e)
}

/// A JSON error: the file could not be read, or is no report of sscheck.
fn bad_report(e: &serde_json::Error) -> Text {
    if e.is_io() {
        return cannot_read(e);
    }
    t!(
        "不是 sscheck 的 JSON 报告：{e}",
        "not a JSON report of sscheck: {e}",
        e = e
    )
}

/// Read what a shard report written with `standard` (the same id and version) says of
/// itself; its centers are skipped as they stream by.
pub fn read_header(path: &Path, standard: &Standard) -> Result<ShardHeader, Text> {
    let mut json = open(path)?;
    let r = HeaderIn::deserialize(&mut json)
        .and_then(|r| json.end().map(|()| r))
        .map_err(|e| bad_report(&e))?;
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
    Ok(ShardHeader {
        shard,
        lang,
        skipped: r.summary.skipped,
    })
}

/// Read the centers of a shard report (whose header [`read_header`] accepted) one at a
/// time, each matched to `standard`, into `each`. The first error (a center the standard
/// does not fit, or one of `each`) stops the reading and is returned.
pub fn read_centers(
    path: &Path,
    standard: &Standard,
    each: &mut dyn FnMut(Center) -> Result<(), Text>,
) -> Result<(), Text> {
    let mut json = open(path)?;
    let mut stopped = None;
    let read = json
        .deserialize_map(ReportVisitor(Submissions {
            standard,
            each,
            stopped: &mut stopped,
        }))
        .and_then(|()| json.end());
    match (stopped, read) {
        (Some(e), _) => Err(e),
        (None, Err(e)) => Err(bad_report(&e)),
        (None, Ok(())) => Ok(()),
    }
}

/// The `submissions` of a report, each center handed on as it is read.
struct Submissions<'a> {
    standard: &'a Standard,
    each: &'a mut dyn FnMut(Center) -> Result<(), Text>,
    /// Why the reading stopped, when a center or `each` failed.
    stopped: &'a mut Option<Text>,
}

impl<'de> DeserializeSeed<'de> for Submissions<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Submissions<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of submissions")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(c) = seq.next_element::<CenterIn>()? {
            if let Err(e) = c.into_center(self.standard).and_then(|c| (self.each)(c)) {
                *self.stopped = Some(e);
                return Err(A::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// A report's top level: its `submissions` are read, the rest skipped.
struct ReportVisitor<'a>(Submissions<'a>);

impl<'de> Visitor<'de> for ReportVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON report of sscheck")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut submissions = Some(self.0);
        while let Some(key) = map.next_key::<String>()? {
            match (key.as_str(), submissions.take()) {
                ("submissions", Some(s)) => map.next_value_seed(s)?,
                (_, s) => {
                    submissions = s;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match submissions {
            Some(_) => Err(A::Error::missing_field("submissions")),
            None => Ok(()),
        }
    }
}

/// The shard reports joined: all of one split (the same N), each shard once, in one
/// language. Missing shards are an error unless `allow_missing`.
#[derive(Debug, Clone, Copy)]
pub struct Joined {
    pub skipped: usize,
    pub lang: Lang,
}

/// Check that the shard reports (by their headers) join: all of one split (the same N),
/// each shard once, in one language. Missing shards are an error unless
/// `allow_missing`.
pub fn join(reports: &[ShardHeader], allow_missing: bool) -> Result<Joined, Text> {
    let Some(first) = reports.first() else {
        return Err(t!("没有分片报告", "no shard report"));
    };
    let (count, lang, skipped) = (first.shard.count, first.lang, first.skipped);
    let mut seen = vec![false; count as usize];
    for r in reports {
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
    Ok(Joined { skipped, lang })
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
