//! `sscheck.toml`: settings for `sscheck check`, found the way ruff finds `pyproject.toml`.
//!
//! The file is searched upward from each checked folder, stopping at a repository root (a
//! folder holding `.git`) or the filesystem root. It holds the keys below, and per-path
//! `[[overrides]]` with any of them. Precedence: defaults < file < matching overrides (in
//! file order) < command-line flags.
//!
//! ```toml
//! standard = "standards/jiangsu-star"   # a folder (relative to this file) or an embedded name
//! fail_on = "warning"                   # error | warning | never
//! lang = "zh"                           # zh | en
//! select = ["all"]
//! ignore = ["EVA-004", "input/encoding-gbk"]
//! today = "2025-03-01"
//! max_findings = 200
//!
//! [[overrides]]
//! paths = ["jiangsu/**"]
//! standard = "national-baseline"
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::{Lang, Text};
use crate::t;

/// The name searched for.
pub const FILE_NAME: &str = "sscheck.toml";

/// The keys of the file (and of an override, which adds `paths`).
pub const KEYS: [&str; 7] = [
    "standard",
    "fail_on",
    "lang",
    "select",
    "ignore",
    "today",
    "max_findings",
];

/// When `check` exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

/// A standard named by the command line or a config file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StandardRef {
    /// A folder holding standard.yaml.
    Dir(PathBuf),
    /// A standard compiled into the binary, by name (`national-baseline`).
    Embedded(String),
}

impl StandardRef {
    /// `value` as a folder relative to `base` when one exists there, else as an embedded
    /// standard's name; `None` when it is neither.
    pub fn resolve(base: &Path, value: &str) -> Option<StandardRef> {
        let dir = base.join(value);
        if dir.is_dir() {
            return Some(StandardRef::Dir(dir));
        }
        crate::standard::embedded_names()
            .iter()
            .find(|n| **n == value)
            .map(|n| StandardRef::Embedded(n.to_string()))
    }

    /// "cannot find the standard" with the embedded names and the closest one.
    pub fn not_found(value: &str) -> Text {
        let names = crate::standard::embedded_names();
        let hint = crate::suggest::hint(&crate::suggest::suggest(names.iter().copied(), value));
        t!(
            "找不到标准 `{value}`：既不是含 standard.yaml 的文件夹，也不是内置标准的名称（内置标准：{names}）{hint}",
            "cannot find the standard `{value}`: it is neither a folder with standard.yaml nor the name of an embedded standard (embedded: {names}){hint}",
            value = value,
            names = names.join(", "),
            hint = hint
        )
    }
}

/// The settings one layer (the file, or one override) sets; `None` when it does not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub standard: Option<StandardRef>,
    pub fail_on: Option<FailOn>,
    pub lang: Option<Lang>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub today: Option<jiff::civil::Date>,
    pub max_findings: Option<usize>,
}

/// A loaded config file.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// The folder override paths are relative to.
    dir: PathBuf,
    pub settings: Settings,
    overrides: Vec<(Vec<regex::Regex>, Settings)>,
}

/// A located error in a config file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when the error has no place in the file.
    pub line: usize,
    pub column: usize,
    pub message: Text,
}

impl ConfigError {
    /// `file:line:col: message`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        if self.line == 0 {
            format!("{}: {}", self.file.display(), self.message.get(lang))
        } else {
            format!(
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message.get(lang)
            )
        }
    }
}

/// A `select`/`ignore` value: one text or a list.
#[derive(Deserialize)]
#[serde(untagged)]
enum StringList {
    One(String),
    Many(Vec<String>),
}

impl StringList {
    fn into_vec(self) -> Vec<String> {
        match self {
            StringList::One(s) => vec![s],
            StringList::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum LangKey {
    Zh,
    En,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    standard: Option<toml::Spanned<String>>,
    fail_on: Option<FailOn>,
    lang: Option<LangKey>,
    select: Option<StringList>,
    ignore: Option<StringList>,
    today: Option<toml::Spanned<toml::Value>>,
    max_findings: Option<usize>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<toml::Spanned<String>>,
    standard: Option<toml::Spanned<String>>,
    fail_on: Option<FailOn>,
    lang: Option<LangKey>,
    select: Option<StringList>,
    ignore: Option<StringList>,
    today: Option<toml::Spanned<toml::Value>>,
    max_findings: Option<usize>,
}

/// Line and column (1-based, in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary_compat(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// The names in "expected one of `a`, `b`" / "expected `a`" of a serde message.
fn expected_names(message: &str) -> Vec<String> {
    let Some(rest) = message.split("expected").nth(1) else {
        return Vec::new();
    };
    rest.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The first `quoted` name after `after` in a serde message.
fn quoted_after(message: &str, after: &str) -> Option<String> {
    let rest = &message[message.find(after)? + after.len()..];
    let rest = rest.trim_start().strip_prefix('`')?;
    Some(rest[..rest.find('`')?].to_string())
}

/// A toml error in the user's languages, with a did-you-mean for a wrong key or value.
fn explain_toml_error(e: &toml::de::Error) -> Text {
    let message = e.message().trim().to_string();
    let expected = expected_names(&message);
    if let Some(key) = quoted_after(&message, "unknown field") {
        let hint = crate::suggest::hint(&crate::suggest::suggest(
            expected.iter().map(String::as_str),
            &key,
        ));
        return t!(
            "未知的配置项 `{key}`{hint}；可用的配置项：{keys}",
            "unknown key `{key}`{hint}; the keys are: {keys}",
            key = key,
            hint = hint,
            keys = expected.join(", ")
        );
    }
    if let Some(value) = quoted_after(&message, "unknown variant") {
        let hint = crate::suggest::hint(&crate::suggest::suggest(
            expected.iter().map(String::as_str),
            &value,
        ));
        return t!(
            "取值 `{value}` 无效{hint}；可用的取值：{values}",
            "invalid value `{value}`{hint}; the values are: {values}",
            value = value,
            hint = hint,
            values = expected.join(", ")
        );
    }
    if message.contains("did not match any variant of untagged enum StringList") {
        return t!(
            "应为规则选择的列表，例如 [\"EVA\", \"SUP-003\"]",
            "expected a list of rule selectors, e.g. [\"EVA\", \"SUP-003\"]"
        );
    }
    Text::new(format!("配置文件有误：{message}"), message)
}

fn parse_date(v: &toml::Value) -> Option<jiff::civil::Date> {
    let s = match v {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        _ => return None,
    };
    s.parse().ok()
}

impl Config {
    /// Read and check the file at `path`.
    pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
        let whole = |message: Text| ConfigError {
            file: path.to_path_buf(),
            line: 0,
            column: 0,
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| {
            vec![whole(t!(
                "无法读取配置文件：{e}",
                "cannot read the config file: {e}",
                e = e.to_string()
            ))]
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            vec![whole(t!(
                "配置文件不是 UTF-8 编码",
                "the config file is not UTF-8"
            ))]
        })?;
        Config::parse(path, &text)
    }

    /// Check `text` as the config file `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<ConfigError>> {
        let at = |offset: usize, message: Text| {
            let (line, column) = line_col(text, offset);
            ConfigError {
                file: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawFile =
            toml::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| {
                // The BOM, when there is one, is 3 bytes before every span.
                let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
                let offset = e.span().map_or(0, |s| s.start + bom);
                vec![at(offset, explain_toml_error(&e))]
            })?;
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        let mut errors = Vec::new();
        let mut layer = |standard: Option<toml::Spanned<String>>,
                         fail_on: Option<FailOn>,
                         lang: Option<LangKey>,
                         select: Option<StringList>,
                         ignore: Option<StringList>,
                         today: Option<toml::Spanned<toml::Value>>,
                         max_findings: Option<usize>| {
            let standard = standard.and_then(|s| {
                let r = StandardRef::resolve(&dir, s.get_ref());
                if r.is_none() {
                    errors.push(at(s.span().start, StandardRef::not_found(s.get_ref())));
                }
                r
            });
            let today = today.and_then(|v| {
                let d = parse_date(v.get_ref());
                if d.is_none() {
                    errors.push(at(
                        v.span().start,
                        t!(
                            "`today` 应为日期，例如 \"2025-03-01\"",
                            "`today` must be a date such as \"2025-03-01\""
                        ),
                    ));
                }
                d
            });
            Settings {
                standard,
                fail_on,
                lang: lang.map(|l| match l {
                    LangKey::Zh => Lang::Zh,
                    LangKey::En => Lang::En,
                }),
                select: select.map(StringList::into_vec),
                ignore: ignore.map(StringList::into_vec),
                today,
                max_findings,
            }
        };
        let settings = layer(
            raw.standard,
            raw.fail_on,
            raw.lang,
            raw.select,
            raw.ignore,
            raw.today,
            raw.max_findings,
        );
        let mut overrides = Vec::new();
        for o in raw.overrides {
            let globs: Vec<regex::Regex> = o.paths.iter().map(|p| glob(p.get_ref())).collect();
            let s = layer(
                o.standard,
                o.fail_on,
                o.lang,
                o.select,
                o.ignore,
                o.today,
                o.max_findings,
            );
            overrides.push((globs, s));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            path: path.to_path_buf(),
            // Once here, not for each folder matched (an audit asks for every submission).
            dir: dir.canonicalize().unwrap_or(dir),
            settings,
            overrides,
        })
    }

    /// The layers that apply to `folder`, in order: the file's settings, then each
    /// override whose `paths` match the folder (relative to this file's folder).
    pub fn layers_for(&self, folder: &Path) -> Vec<&Settings> {
        let mut out = vec![&self.settings];
        if self.overrides.is_empty() {
            return out;
        }
        let rel = relative(&self.dir, folder);
        for (globs, s) in &self.overrides {
            if rel
                .as_deref()
                .is_some_and(|r| globs.iter().any(|g| g.is_match(r)))
            {
                out.push(s);
            }
        }
        out
    }
}

/// `folder` relative to `base`, with `/` separators; `None` when it is not inside.
fn relative(base: &Path, folder: &Path) -> Option<String> {
    let folder = folder.canonicalize().ok()?;
    let rel = folder.strip_prefix(base).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// A glob as a regex over `/`-separated relative paths: `*` and `?` stay inside one
/// folder name, `**` crosses folders, `dir/**` also matches `dir` itself, and a pattern
/// without `/` matches a folder name at any depth (as in `.gitignore`).
fn glob(pattern: &str) -> regex::Regex {
    let p = pattern
        .trim()
        .trim_start_matches("./")
        .trim_end_matches('/');
    let anchored = p.contains('/');
    let mut re = String::from("^");
    if !anchored {
        re.push_str("(?:.*/)?");
    }
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '*' && chars.get(i + 1) == Some(&'*') {
            let slash_before = i == 0 || chars[i - 1] == '/';
            let slash_after = chars.get(i + 2) == Some(&'/');
            if slash_before && slash_after {
                re.push_str("(?:.*/)?");
                i += 3;
                continue;
            }
            if slash_before && i + 2 == chars.len() && i > 0 {
                // `dir/**`: the `/` is already written; make it and what follows optional.
                re.pop();
                re.push_str("(?:/.*)?");
                i += 2;
                continue;
            }
            re.push_str(".*");
            i += 2;
            continue;
        }
        match c {
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            _ => re.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    re.push('$');
    regex::Regex::new(&re).unwrap_or_else(|_| regex::Regex::new("^$").expect("a valid regex"))
}

/// Finds the config file of folders, remembering what each folder visited resolved to.
#[derive(Default)]
pub struct Discovery {
    found: HashMap<PathBuf, Option<PathBuf>>,
    /// Each parent folder asked about, as given, and its canonical path.
    parents: HashMap<PathBuf, Option<PathBuf>>,
}

impl Discovery {
    /// The nearest `sscheck.toml` at or above `folder`, not above a repository root.
    pub fn find(&mut self, folder: &Path) -> Option<PathBuf> {
        let start = self.canonical(folder);
        let mut visited = Vec::new();
        let mut dir = Some(start.as_path());
        let mut result = None;
        while let Some(d) = dir {
            if let Some(known) = self.found.get(d) {
                result = known.clone();
                break;
            }
            visited.push(d.to_path_buf());
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                result = Some(candidate);
                break;
            }
            if d.join(".git").exists() {
                break;
            }
            dir = d.parent();
        }
        for v in visited {
            self.found.insert(v, result.clone());
        }
        result
    }

    /// `folder` with every link and `.`/`..` resolved (as given when it cannot be). An
    /// audit asks about thousands of sibling folders: a folder that is no link is its
    /// parent's canonical path and its name, one `lstat` rather than a walk of every
    /// component of the path.
    fn canonical(&mut self, folder: &Path) -> PathBuf {
        let parent = folder.parent().filter(|p| !p.as_os_str().is_empty());
        if let (Some(parent), Some(name)) = (parent, folder.file_name()) {
            let plain = folder
                .symlink_metadata()
                .is_ok_and(|m| m.is_dir() && !m.file_type().is_symlink());
            if plain {
                let known = self
                    .parents
                    .entry(parent.to_path_buf())
                    .or_insert_with(|| parent.canonicalize().ok());
                if let Some(canonical) = known {
                    return canonical.join(name);
                }
            }
        }
        folder
            .canonicalize()
            .unwrap_or_else(|_| folder.to_path_buf())
    }
}

/// The JSON Schema (draft 2020-12) of `sscheck.toml`.
pub fn schema() -> serde_json::Value {
    use serde_json::json;
    let selectors = json!({
        "description": "Rule selectors: `all`, a dimension (support, 服务保障), a rule id prefix (EVA, SUP-00), a rule id (SUP-003), or an input diagnostic (input/encoding-gbk, input). Items may be comma-separated.",
        "oneOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string", "minLength": 1}}
        ]
    });
    let mut keys = serde_json::Map::new();
    keys.insert(
        "standard".into(),
        json!({"type": "string", "minLength": 1,
            "description": "A standard folder (relative to this file) or the name of an embedded standard (national-baseline)."}),
    );
    keys.insert(
        "fail_on".into(),
        json!({"enum": ["error", "warning", "never"],
            "description": "Exit 1 when an unwaived finding at or above this severity exists."}),
    );
    keys.insert(
        "lang".into(),
        json!({"enum": ["zh", "en"], "description": "Language of messages."}),
    );
    keys.insert("select".into(), selectors.clone());
    keys.insert("ignore".into(), selectors);
    keys.insert(
        "today".into(),
        json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "The date waiver expiry is judged against (YYYY-MM-DD; a TOML date is accepted too)."}),
    );
    keys.insert(
        "max_findings".into(),
        json!({"type": "integer", "minimum": 0,
            "description": "Most findings listed per submission; the rest are counted."}),
    );
    let mut override_keys = keys.clone();
    override_keys.insert(
        "paths".into(),
        json!({"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1},
            "description": "Globs of checked folders, relative to this file (`jiangsu/**`)."}),
    );
    let mut top = keys;
    top.insert(
        "overrides".into(),
        json!({"type": "array", "items": {
            "type": "object",
            "required": ["paths"],
            "additionalProperties": false,
            "properties": override_keys
        }}),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://sscheck.invalid/schema/sscheck.toml.json",
        "title": "sscheck.toml",
        "description": "Settings for `sscheck check`. Precedence: defaults < this file < matching [[overrides]] < command-line flags.",
        "type": "object",
        "additionalProperties": false,
        "properties": top
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<ConfigError>> {
        Config::parse(Path::new("/nowhere/sscheck.toml"), text)
    }

    #[test]
    fn every_key_is_read() {
        let c = parse(
            "standard = \"national-baseline\"\nfail_on = \"warning\"\nlang = \"en\"\n\
             select = \"EVA,SUP\"\nignore = [\"EVA-001\"]\ntoday = 2025-03-01\nmax_findings = 7\n",
        )
        .unwrap();
        let s = &c.settings;
        assert_eq!(
            s.standard,
            Some(StandardRef::Embedded("national-baseline".into()))
        );
        assert_eq!(s.fail_on, Some(FailOn::Warning));
        assert_eq!(s.lang, Some(Lang::En));
        assert_eq!(s.select.as_deref(), Some(&["EVA,SUP".to_string()][..]));
        assert_eq!(s.ignore.as_deref(), Some(&["EVA-001".to_string()][..]));
        assert_eq!(s.today, Some("2025-03-01".parse().unwrap()));
        assert_eq!(s.max_findings, Some(7));
        assert_eq!(
            parse("today = \"2025-03-01\"").unwrap().settings.today,
            s.today
        );
    }

    #[test]
    fn wrong_key_is_located_with_a_suggestion() {
        let e = parse("lang = \"en\"\n\nfial_on = \"warning\"\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 1), "{e:?}");
        assert!(e[0].message.en.contains("did you mean `fail_on`"), "{e:?}");
        assert!(e[0].message.zh.contains("fail_on"));
        let e = parse("[[overrides]]\npaths = [\"a/**\"]\nstandrad = \"x\"\n").unwrap_err();
        assert_eq!(e[0].line, 3);
        assert!(e[0].message.en.contains("`standard`"), "{e:?}");
        let e = parse("fail_on = \"warn\"\n").unwrap_err();
        assert!(e[0].message.en.contains("did you mean `warning`"), "{e:?}");
        let e = parse("standard = \"national-basline\"\n").unwrap_err();
        assert!(e[0].message.en.contains("national-baseline"), "{e:?}");
        assert_eq!(e[0].line, 1);
        let e = parse("today = \"next week\"\n").unwrap_err();
        assert!(e[0].message.en.contains("date"));
        assert!(parse("max_findings = -1\n").is_err());
        assert!(parse("select = 3\n").is_err());
        assert!(parse("this is not toml").is_err());
    }

    #[test]
    fn globs_match_folders() {
        let m = |p: &str, path: &str| glob(p).is_match(path);
        assert!(m("jiangsu/**", "jiangsu/nanjing"));
        assert!(m("jiangsu/**", "jiangsu"));
        assert!(m("jiangsu/**", "jiangsu/a/b"));
        assert!(!m("jiangsu/**", "jiangsu-old/a"));
        assert!(m("*/nanjing", "jiangsu/nanjing"));
        assert!(!m("*/nanjing", "a/jiangsu/nanjing"));
        assert!(m("**/nanjing", "a/jiangsu/nanjing"));
        assert!(m("nan?ing", "x/y/nanjing"));
        assert!(m("./jiangsu/", "jiangsu"));
        assert!(!m("jiangsu.*", "jiangsuX"));
    }

    #[test]
    fn discovery_stops_at_a_repository_root() {
        let tmp = tempfile_dir();
        let repo = tmp.join("repo");
        let sub = repo.join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(tmp.join(FILE_NAME), "").unwrap();
        let mut d = Discovery::default();
        assert_eq!(d.find(&sub), None);
        std::fs::write(repo.join(FILE_NAME), "").unwrap();
        let mut d = Discovery::default();
        assert_eq!(
            d.find(&sub),
            Some(repo.canonicalize().unwrap().join(FILE_NAME))
        );
        assert_eq!(
            d.find(&repo.join("a")),
            Some(repo.canonicalize().unwrap().join(FILE_NAME))
        );
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn discovery_resolves_links_and_dots_as_canonicalize_does() {
        let tmp = tempfile_dir();
        let real = tmp.join("real");
        let elsewhere = tmp.join("elsewhere");
        std::fs::create_dir_all(real.join("sub/a")).unwrap();
        std::fs::create_dir_all(elsewhere.join("b")).unwrap();
        std::fs::write(elsewhere.join(FILE_NAME), "").unwrap();
        // A folder that is a link, and a folder under a linked parent.
        std::os::unix::fs::symlink(&elsewhere, real.join("sub/link")).unwrap();
        std::os::unix::fs::symlink(real.join("sub"), tmp.join("via")).unwrap();
        let mut d = Discovery::default();
        for folder in [
            real.join("sub/a"),
            real.join("sub/link"),
            real.join("sub/link/b"),
            tmp.join("via/a"),
            tmp.join("via/link/b"),
            real.join("sub/a/.."),
            real.join("sub/./a"),
            tmp.join("missing/a"),
        ] {
            let want = folder.canonicalize().unwrap_or_else(|_| folder.clone());
            assert_eq!(d.canonical(&folder), want, "{}", folder.display());
        }
        assert_eq!(
            d.find(&real.join("sub/link/b")),
            Some(elsewhere.canonicalize().unwrap().join(FILE_NAME))
        );
        assert_eq!(d.find(&real.join("sub/a")), None);
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let p = std::env::temp_dir().join(format!(
            "sscheck-config-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    #[test]
    fn schema_is_an_object_schema() {
        let s = schema();
        assert_eq!(s["type"], "object");
        for k in KEYS {
            assert!(s["properties"][k].is_object(), "{k}");
            assert!(s["properties"]["overrides"]["items"]["properties"][k].is_object());
        }
    }
}
