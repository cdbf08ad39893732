//! One module per subcommand; shared argument types here.

pub mod check;
pub mod explain;
pub mod init;
pub mod rules;
pub mod schema;
pub mod standard;

use std::path::PathBuf;

use clap::ValueEnum;

use sscheck::i18n::Lang;
use sscheck::standard::Standard;

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

/// The standard in DIR, or the embedded national baseline; errors as printable text.
pub fn load_standard(dir: Option<&PathBuf>) -> Result<Standard, String> {
    let result = match dir {
        Some(d) => sscheck::standard::load_dir(d),
        None => sscheck::standard::load_embedded(),
    };
    result.map_err(|errors| {
        let mut s = String::from("sscheck: the standard has errors:\n");
        for e in errors {
            s.push_str(&format!("  {e}\n"));
        }
        s.push_str("  (run `sscheck standard validate DIR` for details, or omit --standard to use the embedded national baseline)\n");
        s
    })
}
