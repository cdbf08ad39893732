//! The `sscheck` command line: parse arguments, call the library, map results to exit codes.

mod cli;

use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (index 15 of `mi_option_t`, in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays ready for reuse while submissions are checked, in ms.
/// Checking allocates and frees a center's texts over and over: giving the pages back
/// at once (a delay of 0) cost an audit of 3,000 centers 8 % of its time in `madvise`
/// and page faults; 2 ms saves most of that (paired runs) and keeps about 1 MiB more
/// resident at 3,000 centers and 3 MiB at 30,000.
const CHECKING_PURGE_DELAY_MS: std::ffi::c_long = 2;

fn main() -> ExitCode {
    // SAFETY: sets an allocator option; no pointer, no precondition.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, CHECKING_PURGE_DELAY_MS) };
    cli::main()
}

/// The submissions are checked: from now on freed memory goes back to the system at once,
/// starting with what is free now. The cross-center rules and the reports free in a few
/// large bursts, which a delay would only keep resident (about 2 MiB more at 30,000
/// centers).
pub(crate) fn checking_done() {
    // SAFETY: sets an allocator option and asks the allocator to purge its free pages; no
    // pointer, no precondition.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        libmimalloc_sys::mi_collect(true);
    }
}

#[cfg(test)]
mod tests {
    /// The index names the purge delay (mimalloc 3 sets it to 1000 ms by default), and
    /// [`super::checking_done`] sets it to 0.
    #[test]
    fn purge_delay_option_index_and_checking_done() {
        // SAFETY: reads an allocator option; no pointer, no precondition.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay(), 1000);
        super::checking_done();
        assert_eq!(delay(), 0);
    }
}
