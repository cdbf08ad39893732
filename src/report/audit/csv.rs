//! The audit as csv.

use std::io::{self, Write};

use crate::audit::Audit;
use crate::standard::Standard;

pub fn write(_standard: &Standard, _audit: &Audit, _out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::other("the csv format is not written yet"))
}
