//! One module per subcommand; shared argument types here.

pub mod check;
pub mod explain;
pub mod init;
pub mod rules;
pub mod schema;
pub mod standard;

use std::path::PathBuf;

use std::process::ExitCode;

use clap::ValueEnum;

use sscheck::i18n::Lang;
use sscheck::standard::Standard;
use sscheck::t;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

/// The language asked for, else the environment's.
pub fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// `--standard`, shared by every subcommand that reads a standard.
#[derive(clap::Args)]
pub struct StandardArgs {
    /// A standard folder (standard.yaml + rules/*.yaml); default: the embedded national baseline.
    #[arg(long, value_name = "DIR")]
    pub standard: Option<PathBuf>,
}

impl StandardArgs {
    /// The standard, or its located errors (in `lang`) on standard error and exit code 2:
    /// a standard that `sscheck standard validate` rejects is never used.
    pub fn load(&self, lang: Lang) -> Result<Standard, ExitCode> {
        let result = match &self.standard {
            Some(dir) => sscheck::standard::load_dir(dir),
            None => sscheck::standard::load_embedded(),
        };
        result.map_err(|errors| {
            let what = self.standard.as_ref().map_or_else(
                || t!("内置标准", "the embedded standard").get(lang).to_string(),
                |d| d.display().to_string(),
            );
            eprint!(
                "{}",
                sscheck::report::human::standard_errors(&errors, &what, lang)
            );
            let hint = t!(
                "sscheck: 标准有错误（见上文）；请修正，或去掉 --standard 以使用内置的全国基线标准",
                "sscheck: the standard has errors (see above); fix them, or omit --standard to use the embedded national baseline"
            );
            eprintln!("{}", hint.get(lang));
            ExitCode::from(2)
        })
    }
}
