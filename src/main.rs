//! The `sscheck` command line: parse arguments, call the library, map results to exit codes.

mod cli;

use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (index 15 of `mi_option_t`, in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Give freed memory back to the system at once, not a second later: the audit frees in
    // bursts, and the delay kept about 10 MiB more resident at 30,000 centers, for no
    // measured gain in time.
    // SAFETY: sets an allocator option; no pointer, no precondition.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    cli::main()
}

#[cfg(test)]
mod tests {
    /// The index names the purge delay: mimalloc 3 sets it to 1000 (ms) by default.
    #[test]
    fn purge_delay_option_index() {
        // SAFETY: reads an allocator option; no pointer, no precondition.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
