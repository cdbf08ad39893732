//! The CI examples (examples/ci/) run as written: their `sscheck` commands are taken
//! from the files, the CI variables filled in, and run on a folder of submissions; the
//! merge job writes every report it names and applies the gate.

mod common;

use std::path::Path;

use common::{copy_dir, example, sscheck};

/// The `sscheck` commands of a CI file, in order: folded (`>`) blocks joined into one
/// line each.
fn commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let folded = trimmed.ends_with(": >") || trimmed == "- >";
        if !folded {
            continue;
        }
        let indent = lines.peek().map_or(0, |l| l.len() - l.trim_start().len());
        let mut words = Vec::new();
        while let Some(next) = lines.peek() {
            let own = next.len() - next.trim_start().len();
            if next.trim().is_empty() || own < indent {
                break;
            }
            words.push(next.trim().to_string());
            lines.next();
        }
        let command = words.join(" ");
        if command.starts_with("sscheck ") {
            out.push(command);
        }
    }
    out
}

/// Fill in the CI variables for shard `k` of `n`.
fn fill(command: &str, k: usize, n: usize) -> String {
    command
        .replace("${{ matrix.shard }}", &k.to_string())
        .replace("${{ env.SHARDS }}", &n.to_string())
        .replace("$CI_NODE_INDEX", &k.to_string())
        .replace("$CI_NODE_TOTAL", &n.to_string())
        .replace('"', "")
}

/// Run a command line in `dir`, expanding `*` in arguments like a shell.
fn run(command: &str, dir: &Path) -> i32 {
    let mut args: Vec<String> = Vec::new();
    for word in command.split_whitespace().skip(1) {
        if word.contains('*') {
            let (folder, pattern) = word.rsplit_once('/').unwrap_or(("", word));
            let (prefix, suffix) = pattern.split_once('*').unwrap();
            let mut matches: Vec<String> = std::fs::read_dir(dir.join(folder))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
                .map(|n| {
                    if folder.is_empty() {
                        n
                    } else {
                        format!("{folder}/{n}")
                    }
                })
                .collect();
            matches.sort();
            assert!(!matches.is_empty(), "`{word}` matches nothing");
            args.extend(matches);
        } else {
            args.push(word.to_string());
        }
    }
    let out = sscheck()
        .current_dir(dir)
        .args(&args)
        .args(["--lang", "en"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "`{command}` exited {code}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    code
}

#[test]
fn the_ci_examples_run_as_written() {
    for (file, shards_dir) in [("github-actions.yml", "shards"), ("gitlab-ci.yml", "")] {
        let text = std::fs::read_to_string(common::repo().join("examples/ci").join(file)).unwrap();
        let cmds = commands(&text);
        assert_eq!(cmds.len(), 2, "{file}: {cmds:?}");
        let (shard, merge) = (&cmds[0], &cmds[1]);
        assert!(
            shard.starts_with("sscheck audit ") && shard.contains("--shard"),
            "{shard}"
        );
        assert!(merge.starts_with("sscheck merge "), "{merge}");

        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for name in ["shenzhen-nanshan", "hengyang-county", "zombie-center"] {
            copy_dir(&example(name), &dir.join("submissions").join(name));
        }
        let n = 4;
        for k in 1..=n {
            assert_eq!(
                run(&fill(shard, k, n), dir),
                0,
                "{file}: a shard failed the build"
            );
            // The merge job downloads the shard artifacts into its folder.
            let name = format!("shard-{k}.json");
            assert!(dir.join(&name).is_file(), "{file}: {name} not written");
            if !shards_dir.is_empty() {
                std::fs::create_dir_all(dir.join(shards_dir)).unwrap();
                std::fs::rename(dir.join(&name), dir.join(shards_dir).join(&name)).unwrap();
            }
        }
        assert_eq!(
            run(merge, dir),
            1,
            "{file}: the examples' errors must fail the gate"
        );
        for word in merge.split_whitespace() {
            if let Some((_, path)) = word.split_once('=') {
                let written = dir.join(path);
                assert!(
                    std::fs::metadata(&written).is_ok_and(|m| m.len() > 0),
                    "{file}: {path} not written"
                );
            }
        }
    }
}
