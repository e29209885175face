//! What the test modules share: running the binary, fixture paths, temporary folders, comparing
//! output with committed expected files, and saying that a test was skipped.
//!
//! Paths: `cargo test` runs the tests in the package root, so fixtures are named relative to it
//! (`tests/fixtures/…`), as the binary and the manifests it writes name them. A run of the binary
//! in another folder needs [`absolute`] paths.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The variable that makes [`assert_expected`] rewrite expected files instead of comparing.
pub const UPDATE: &str = "UPDATE_SNAPSHOTS";

/// The example framework (four indicators) most tests score with, relative to the package root.
pub const EXAMPLE_FRAMEWORK: &str = "tests/fixtures/frameworks/example.toml";

/// The binary under test, built by cargo for the integration tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_smartcity");

/// The binary as users run it, as an `assert_cmd` command: the language is not taken from the
/// environment of whoever runs the tests (`SMARTCITY_LANG`).
pub fn smartcity() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(BIN);
    c.env_remove("SMARTCITY_LANG");
    c
}

/// The same as a plain `std::process::Command`, for runs the test must be able to kill.
pub fn smartcity_process() -> std::process::Command {
    let mut c = std::process::Command::new(BIN);
    c.env_remove("SMARTCITY_LANG");
    c
}

/// `rel` (relative to the package root) as an absolute path, for runs in another folder.
pub fn absolute(rel: impl AsRef<Path>) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A fixture: `tests/fixtures/<rel>`, relative to the package root.
pub fn fixture(rel: impl AsRef<Path>) -> PathBuf {
    Path::new("tests/fixtures").join(rel)
}

/// A new temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("smartcity-test-")
        .tempdir()
        .expect("a temporary folder")
}

/// The text of a file the test reads, or a panic naming it.
pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// 2024-05-31T08:30:00Z, the date `report` is run at, so dates in the pages do not change from
/// run to run.
pub const SOURCE_DATE_EPOCH: &str = "1717144200";

/// Runs `smartcity --lang LANG report -o DIR ARGS` (at [`SOURCE_DATE_EPOCH`]) and returns (exit
/// code, stderr).
pub fn report(lang: &str, dir: &Path, args: &[&str]) -> (i32, String) {
    let out = smartcity()
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .args(["--lang", lang, "report", "-o"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The name of the running test (libtest names its threads after the tests), if known.
fn test_name() -> Option<String> {
    std::thread::current()
        .name()
        .filter(|n| *n != "main")
        .map(str::to_string)
}

/// Says on the terminal that the running test was skipped and why; the test then returns and
/// passes. Written to stderr directly, which `cargo test` does not capture (`eprintln!` output
/// is only shown for failing tests), so the line is seen without `--nocapture`.
pub fn skip(why: &str) {
    let test = test_name().unwrap_or_else(|| "a test".into());
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
}

/// Whether expected files are to be rewritten ([`UPDATE`] set, to anything).
pub fn updating() -> bool {
    std::env::var_os(UPDATE).is_some()
}

/// Compares `actual` with the committed expected file at `path` (a snapshot of a command's
/// output, an expected page); with [`UPDATE`] set, writes `actual` there instead, to be reviewed
/// in the diff.
pub fn assert_expected(path: impl AsRef<Path>, actual: &str) {
    let path = path.as_ref();
    let rerun = match test_name() {
        Some(test) => format!("{UPDATE}=1 cargo test --test tests -- {test}"),
        None => format!("{UPDATE}=1 cargo test"),
    };
    if updating() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "no expected file {}: {e}\n({rerun} writes it; review it)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        // A short output is shown whole (a `check` report); a page only where it differs.
        let whole = if actual.len() <= 4096 {
            format!("\n--- actual ---\n{actual}")
        } else {
            String::new()
        };
        panic!(
            "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             ({rerun} rewrites it; review the diff){whole}",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or(""),
        );
    }
}
