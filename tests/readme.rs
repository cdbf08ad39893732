//! The README cannot rot: its ```console blocks run as they are written (trycmd; with
//! `TRYCMD=overwrite` they are rewritten from the real output), and every sscheck command
//! it shows in a ```sh block parses.

mod common;

use std::collections::BTreeSet;

#[test]
fn readme_console_blocks_show_real_output() {
    trycmd::TestCases::new()
        .register_bin("sscheck", trycmd::cargo::cargo_bin!("sscheck"))
        .env("NO_COLOR", "1")
        .env("LANG", "zh_CN.UTF-8")
        .case("README.md");
}

/// Commands shown in ```sh blocks (`sscheck …` or `cargo run --release -- …`).
fn shown_commands(readme: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        let trimmed = line.trim();
        if let Some(info) = trimmed.strip_prefix("```") {
            in_sh = !in_sh && (info == "sh" || info == "bash" || info == "console");
            continue;
        }
        if !in_sh {
            continue;
        }
        let command = trimmed.strip_prefix("$ ").unwrap_or(trimmed);
        let args = if let Some(rest) = command.strip_prefix("cargo run --release -- ") {
            rest
        } else if let Some(rest) = command.strip_prefix("sscheck ") {
            rest
        } else {
            continue;
        };
        // Stop at a pipe, a redirection or a comment: the rest is the shell's.
        let args = args
            .split(['|', '>', '#'])
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        commands.push(args);
    }
    commands
}

#[test]
fn every_command_the_readme_shows_exists() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let commands = shown_commands(&readme);
    assert!(
        commands.len() >= 5,
        "the README should show its commands: {commands:?}"
    );
    let mut seen = BTreeSet::new();
    for args in commands {
        // The subcommand chain up to the first option or path parses with --help.
        let chain: Vec<&str> = args
            .iter()
            .map(String::as_str)
            .take_while(|a| !a.starts_with('-') && !a.contains('/') && !a.contains('.'))
            .collect();
        if chain.is_empty() || !seen.insert(chain.join(" ")) {
            continue;
        }
        let out = common::sscheck()
            .args(&chain)
            .arg("--help")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the README shows `sscheck {}`, which does not parse:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Every flag a README command uses is one sscheck accepts.
#[test]
fn every_flag_the_readme_shows_exists() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    for args in shown_commands(&readme) {
        let sub: Vec<&str> = args
            .iter()
            .map(String::as_str)
            .take_while(|a| !a.starts_with('-') && !a.contains('/') && !a.contains('.'))
            .collect();
        let out = common::sscheck().args(&sub).arg("--help").output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        for flag in args.iter().filter(|a| a.starts_with("--")) {
            let name = flag.split('=').next().unwrap();
            assert!(
                help.contains(name),
                "the README uses `{name}` with `sscheck {}`, which does not take it",
                sub.join(" ")
            );
        }
    }
}
