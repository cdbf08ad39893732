//! One module per subcommand; shared argument types here.

pub mod check;
pub mod config;
pub mod explain;
pub mod init;
pub mod rules;
pub mod schema;
pub mod standard;

use std::path::PathBuf;

use std::process::ExitCode;

use clap::ValueEnum;

use sscheck::config::StandardRef;
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
    /// A standard folder (standard.yaml + rules/*.yaml) or an embedded standard's name
    /// (national-baseline); default: the embedded national baseline.
    #[arg(long, value_name = "DIR|NAME")]
    pub standard: Option<PathBuf>,
}

impl StandardArgs {
    /// The standard named, if one is: a folder that exists wins over an embedded name.
    /// A value that is neither is reported (in `lang`) with exit code 2.
    pub fn choice(&self, lang: Lang) -> Result<Option<StandardRef>, ExitCode> {
        let Some(value) = &self.standard else {
            return Ok(None);
        };
        if value.is_dir() {
            return Ok(Some(StandardRef::Dir(value.clone())));
        }
        let name = value.to_string_lossy();
        match StandardRef::resolve(std::path::Path::new(""), &name) {
            Some(r @ StandardRef::Embedded(_)) => Ok(Some(r)),
            // A file, not a folder: let the loader say what is wrong with it.
            _ if value.exists() => Ok(Some(StandardRef::Dir(value.clone()))),
            _ => {
                eprintln!("sscheck: {}", StandardRef::not_found(&name).get(lang));
                Err(ExitCode::from(2))
            }
        }
    }

    /// The standard, or its located errors (in `lang`) on standard error and exit code 2:
    /// a standard that `sscheck standard validate` rejects is never used.
    pub fn load(&self, lang: Lang) -> Result<Standard, ExitCode> {
        load_standard(self.choice(lang)?.as_ref(), lang)
    }
}

/// Load `choice` (the embedded baseline when `None`), or report its errors with exit code 2.
pub fn load_standard(choice: Option<&StandardRef>, lang: Lang) -> Result<Standard, ExitCode> {
    let result = match choice {
        Some(StandardRef::Dir(dir)) => sscheck::standard::load_dir(dir),
        Some(StandardRef::Embedded(name)) => {
            sscheck::standard::load_named(name).unwrap_or_else(sscheck::standard::load_embedded)
        }
        None => sscheck::standard::load_embedded(),
    };
    result.map_err(|errors| {
        let what = match choice {
            Some(StandardRef::Dir(d)) => d.display().to_string(),
            _ => t!("内置标准", "the embedded standard").get(lang).to_string(),
        };
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
