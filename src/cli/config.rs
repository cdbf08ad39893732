//! The settings of each checked folder: defaults < `sscheck.toml` < its matching
//! `[[overrides]]` < command-line flags; folders with the same settings form a group that
//! is checked with one standard and one selection.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use sscheck::config::{Config, ConfigError, Discovery, FailOn, StandardRef};
use sscheck::i18n::Lang;
use sscheck::select::{Layer, Selection};
use sscheck::standard::Standard;
use sscheck::t;

/// Where config files come from.
pub enum Source {
    /// `--isolated`: none.
    Isolated,
    /// `--config FILE`: this one, for every folder.
    File(PathBuf),
    /// Searched upward from each folder.
    Discover,
}

/// What the command line set (it wins over every file).
pub struct Flags {
    pub standard: Option<StandardRef>,
    pub fail_on: Option<FailOn>,
    pub lang: Option<Lang>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub today: Option<jiff::civil::Date>,
    pub max_findings: Option<usize>,
}

/// The settings shared by the folders checked together.
pub struct Group {
    /// Index into [`Plan::standards`].
    pub standard: usize,
    pub selection: Selection,
    pub today: Option<jiff::civil::Date>,
    pub max_findings: Option<usize>,
}

/// What to check each folder with.
pub struct Plan {
    pub lang: Lang,
    pub standards: Vec<Standard>,
    /// How each of [`Plan::standards`] was named (`None`: the default).
    standard_refs: Vec<Option<StandardRef>>,
    pub groups: Vec<Group>,
    /// Per checked folder, in argument order: its group and its gate.
    pub folders: Vec<(usize, FailOn)>,
}

impl Plan {
    /// The standards this plan loaded, for a later plan to take instead of loading them
    /// again ([`plan_reusing`]).
    pub fn into_standards(self) -> Loaded {
        Loaded(self.standard_refs.into_iter().zip(self.standards).collect())
    }
}

/// Standards loaded already, by how they were named.
#[derive(Default)]
pub struct Loaded(HashMap<Option<StandardRef>, Standard>);

#[derive(PartialEq, Eq, Hash, Clone)]
struct Key {
    standard: Option<StandardRef>,
    layers: Vec<Layer>,
    today: Option<jiff::civil::Date>,
    max_findings: Option<usize>,
}

/// Resolve every folder's settings, load the standards they name and their selections;
/// any error is reported (in the language known so far) with exit code 2.
pub fn plan(paths: &[PathBuf], source: &Source, flags: &Flags) -> Result<Plan, ExitCode> {
    plan_reusing(paths, source, flags, Loaded::default())
}

/// [`plan`], taking the standards it needs from `loaded` when they are there (loading
/// the embedded standard is about 7 ms; an audit plans twice). The others are dropped.
pub fn plan_reusing(
    paths: &[PathBuf],
    source: &Source,
    flags: &Flags,
    mut loaded: Loaded,
) -> Result<Plan, ExitCode> {
    let early_lang = flags.lang.unwrap_or_else(Lang::from_env);
    let mut configs: HashMap<PathBuf, Config> = HashMap::new();
    let mut errors: Vec<ConfigError> = Vec::new();
    let mut failed_files: Vec<PathBuf> = Vec::new();
    let mut discovery = Discovery::default();
    let mut load = |file: PathBuf,
                    configs: &mut HashMap<PathBuf, Config>,
                    errors: &mut Vec<ConfigError>|
     -> Option<PathBuf> {
        if configs.contains_key(&file) {
            return Some(file);
        }
        if failed_files.contains(&file) {
            return None;
        }
        match Config::load(&file) {
            Ok(c) => {
                configs.insert(file.clone(), c);
                Some(file)
            }
            Err(e) => {
                errors.extend(e);
                failed_files.push(file);
                None
            }
        }
    };
    let mut config_of: Vec<Option<PathBuf>> = Vec::with_capacity(paths.len());
    for p in paths {
        let file = match source {
            Source::Isolated => None,
            Source::File(f) => Some(f.clone()),
            Source::Discover => discovery.find(p),
        };
        config_of.push(file.and_then(|f| load(f, &mut configs, &mut errors)));
    }
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{}", e.render(early_lang));
        }
        eprintln!(
            "{}",
            t!(
                "sscheck: 配置文件有错误（见上文）；请修正，或用 --isolated 忽略配置文件",
                "sscheck: the config file has errors (see above); fix them, or pass --isolated to ignore config files"
            )
            .get(early_lang)
        );
        return Err(ExitCode::from(2));
    }
    // Each folder's layers, then its effective settings.
    let mut keys: Vec<(Key, FailOn, Option<Lang>)> = Vec::with_capacity(paths.len());
    for (p, file) in paths.iter().zip(&config_of) {
        let layers = file
            .as_ref()
            .map(|f| configs[f].layers_for(p))
            .unwrap_or_default();
        let pick = |get: &dyn Fn(&sscheck::config::Settings) -> bool| {
            layers.iter().rev().find(|s| get(s)).copied()
        };
        let standard = flags
            .standard
            .clone()
            .or_else(|| pick(&|s| s.standard.is_some()).and_then(|s| s.standard.clone()));
        let fail_on = flags
            .fail_on
            .or_else(|| pick(&|s| s.fail_on.is_some()).and_then(|s| s.fail_on))
            .unwrap_or(FailOn::Error);
        let lang = flags
            .lang
            .or_else(|| pick(&|s| s.lang.is_some()).and_then(|s| s.lang));
        let today = flags
            .today
            .or_else(|| pick(&|s| s.today.is_some()).and_then(|s| s.today));
        let max_findings = flags
            .max_findings
            .or_else(|| pick(&|s| s.max_findings.is_some()).and_then(|s| s.max_findings));
        let mut select_layers: Vec<Layer> = layers
            .iter()
            .filter(|s| s.select.is_some() || s.ignore.is_some())
            .map(|s| Layer {
                select: s.select.clone(),
                ignore: s.ignore.clone().unwrap_or_default(),
            })
            .collect();
        if !flags.select.is_empty() || !flags.ignore.is_empty() {
            select_layers.push(Layer {
                select: (!flags.select.is_empty()).then(|| flags.select.clone()),
                ignore: flags.ignore.clone(),
            });
        }
        keys.push((
            Key {
                standard,
                layers: select_layers,
                today,
                max_findings,
            },
            fail_on,
            lang,
        ));
    }
    // One language for the whole report: the flag, else the first folder's config.
    let lang = flags
        .lang
        .or_else(|| keys.first().and_then(|k| k.2))
        .unwrap_or(early_lang);
    let mut standards: Vec<Standard> = Vec::new();
    let mut standard_refs: Vec<Option<StandardRef>> = Vec::new();
    let mut standard_index: HashMap<Option<StandardRef>, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut group_index: HashMap<Key, usize> = HashMap::new();
    let mut folders = Vec::with_capacity(paths.len());
    let mut unknown: Vec<Key> = Vec::new();
    for (key, fail_on, _) in keys {
        if unknown.contains(&key) {
            continue;
        }
        if let Some(&g) = group_index.get(&key) {
            folders.push((g, fail_on));
            continue;
        }
        let si = match standard_index.get(&key.standard) {
            Some(&i) => i,
            None => {
                let s = match loaded.0.remove(&key.standard) {
                    Some(s) => s,
                    None => super::load_standard(key.standard.as_ref(), lang)?,
                };
                standards.push(s);
                standard_refs.push(key.standard.clone());
                standard_index.insert(key.standard.clone(), standards.len() - 1);
                standards.len() - 1
            }
        };
        let selection = match sscheck::select::resolve(&standards[si], &key.layers) {
            Ok(s) => s,
            Err(errs) => {
                for e in errs {
                    let from_flags = sscheck::select::split(&flags.select)
                        .iter()
                        .chain(sscheck::select::split(&flags.ignore).iter())
                        .any(|s| *s == e.selector);
                    let origin = if from_flags {
                        "--select/--ignore".to_string()
                    } else {
                        let files: Vec<String> = configs
                            .keys()
                            .map(|p| p.display().to_string())
                            .collect::<std::collections::BTreeSet<_>>()
                            .into_iter()
                            .collect();
                        files.join(", ")
                    };
                    eprintln!(
                        "sscheck: {origin}: {}",
                        e.message(&standards[si].id).get(lang)
                    );
                }
                unknown.push(key);
                continue;
            }
        };
        groups.push(Group {
            standard: si,
            selection,
            today: key.today,
            max_findings: key.max_findings,
        });
        group_index.insert(key, groups.len() - 1);
        folders.push((groups.len() - 1, fail_on));
    }
    if !unknown.is_empty() {
        return Err(ExitCode::from(2));
    }
    Ok(Plan {
        lang,
        standards,
        standard_refs,
        groups,
        folders,
    })
}
