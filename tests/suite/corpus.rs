//! Every workbook of calamine's own test corpus (legacy xls, xlsb, ods, odd structures, files that
//! once made readers allocate without bound) given to `smartcity check` and `smartcity score`: each
//! run ends with a clean result or a clear error naming the file, never a panic, a hang or a
//! crash. The corpus lives in `shared/` beside the repository (CI has it); without it the test
//! says so and passes.

use crate::util;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Longest one run may take; the slowest corpus file takes well under a second.
const TIMEOUT: Duration = Duration::from_secs(20);

fn corpus_dir() -> PathBuf {
    util::absolute("../shared/corpus/calamine-tests")
}

/// How one run ended.
struct Outcome {
    code: Option<i32>,
    stderr: String,
    stdout: String,
}

/// Runs the binary with a time limit; `None` if it had to be killed.
fn run(args: &[&std::ffi::OsStr]) -> Option<Outcome> {
    let start = Instant::now();
    let dir = tempfile::tempdir().ok()?;
    let mut child = util::smartcity_process()
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(dir.path().join("out")).ok()?)
        .stderr(std::fs::File::create(dir.path().join("err")).ok()?)
        .spawn()
        .ok()?;
    loop {
        if let Some(status) = child.try_wait().ok()? {
            return Some(Outcome {
                code: status.code(),
                stdout: std::fs::read_to_string(dir.path().join("out")).unwrap_or_default(),
                stderr: std::fs::read_to_string(dir.path().join("err")).unwrap_or_default(),
            });
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What is wrong with one run, if anything.
fn judge(file: &Path, command: &str) -> Option<String> {
    let Some(out) = run(&[command.as_ref(), file.as_os_str()]) else {
        return Some(format!(
            "{command} {}: still running after {TIMEOUT:?}",
            file.display()
        ));
    };
    let name = file.file_name()?.to_string_lossy().into_owned();
    let both = format!("{}{}", out.stdout, out.stderr);
    match out.code {
        Some(0) => None,
        Some(1) if both.contains(&name) => None,
        Some(1) => Some(format!(
            "{command} {name}: exit 1 without naming the file:\n{both}"
        )),
        Some(code) => Some(format!("{command} {name}: exit {code}:\n{both}")),
        None => Some(format!("{command} {name}: killed by a signal:\n{both}")),
    }
    .or_else(|| {
        (both.contains("panicked") || both.contains("RUST_BACKTRACE"))
            .then(|| format!("{command} {name}: a panic was printed:\n{both}"))
    })
}

#[test]
fn every_corpus_workbook_is_read_or_refused_cleanly() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        util::skip(&format!(
            "no corpus at {} (CI has it beside the repository)",
            dir.display()
        ));
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| smartcity::answers::file_kind(p).is_some())
        .collect();
    files.sort();
    assert!(files.len() >= 100, "only {} corpus files", files.len());

    let jobs: Mutex<Vec<(PathBuf, &str)>> = Mutex::new(
        files
            .iter()
            .flat_map(|f| [(f.clone(), "check"), (f.clone(), "score")])
            .collect(),
    );
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let job = jobs.lock().map(|mut j| j.pop()).unwrap_or(None);
                    let Some((file, command)) = job else { break };
                    if let Some(f) = judge(&file, command) {
                        failures.lock().unwrap().push(f);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} runs failed:\n\n{}",
        failures.len(),
        files.len() * 2,
        failures.join("\n\n")
    );
}

/// The whole folder in one run: every file is accounted for in the summary and nothing panics.
#[test]
fn the_corpus_folder_in_one_run_ends_cleanly() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        util::skip(&format!("no corpus at {}", dir.display()));
        return;
    }
    for command in ["check", "score"] {
        let out = run(&[
            command.as_ref(),
            "--lang".as_ref(),
            "en".as_ref(),
            dir.as_os_str(),
        ])
        .unwrap_or_else(|| panic!("{command} over the corpus still running after {TIMEOUT:?}"));
        let both = format!("{}{}", out.stdout, out.stderr);
        assert!(
            matches!(out.code, Some(0 | 1)),
            "{command}: exit {:?}\n{both}",
            out.code
        );
        assert!(!both.contains("panicked"), "{command}:\n{both}");
    }
}

/// A chart sheet holds no cells to answer in: it is passed over, in every format, rather than
/// making the whole workbook look damaged (the reader library cannot read one in an xlsb).
#[test]
fn chart_sheets_are_passed_over_in_every_format() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        util::skip(&format!("no corpus at {}", dir.display()));
        return;
    }
    for ext in ["xlsx", "xlsb", "xls", "ods"] {
        let file = dir.join(format!("any_sheets.{ext}"));
        let out = run(&[
            "--lang".as_ref(),
            "en".as_ref(),
            "check".as_ref(),
            file.as_os_str(),
        ])
        .unwrap_or_else(|| panic!("{ext}: timed out"));
        assert!(
            !out.stdout.contains("E001") && !out.stderr.contains("E001"),
            "{ext}: {}{}",
            out.stdout,
            out.stderr
        );
        assert!(out.stdout.contains("E002"), "{ext}: {}", out.stdout);
    }
}
