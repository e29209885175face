//! The red-team pass of issue 11: input crafted so that one malformed byte would change a result
//! without a word, crash the process or fill memory. Each case fails on the code before the fix.
//! Small files are made here in a temporary folder (or are in tests/fixtures/hostile/).

use crate::util::{self, smartcity};
use std::path::{Path, PathBuf};

const FW: &str = util::EXAMPLE_FRAMEWORK;

/// A long table of `regions` regencies of the example framework over one year, `;`-separated.
fn long_table(regions: usize) -> String {
    let codes = regency_codes(regions);
    let mut text = String::from("region_code;region_name;year;indicator;answer;notes\n");
    for code in &codes {
        for (ind, answer) in [
            ("GOV-LP-01", "3"),
            ("GOV-LP-02", "62,5"),
            ("ENV-01", "70"),
            ("ENV-02", "ya"),
        ] {
            text.push_str(&format!("{code};;2024;{ind};{answer};\n"));
        }
    }
    text
}

/// The codes of the first `n` regencies and cities in the Kemendagri list.
fn regency_codes(n: usize) -> Vec<String> {
    let mut codes: Vec<String> = smartcity::regions::regencies()
        .into_iter()
        .map(|r| r.code.to_string())
        .collect();
    codes.truncate(n);
    assert_eq!(codes.len(), n);
    codes
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(args: &[&str], files: &[&Path]) -> (i32, String, String) {
    let out = smartcity()
        .args(["--lang", "en"])
        .args(args)
        .args(files)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unclosed_quote_is_an_error_where_it_opened_in_score_and_check() {
    let dir = util::temp_dir();
    let mut lines: Vec<String> = long_table(30).lines().map(str::to_string).collect();
    // Line 101: a stray quote opening the note.
    lines[100] = lines[100].trim_end_matches(';').to_string() + ";\"sementara";
    let path = write(dir.path(), "long.csv", lines.join("\n") + "\n");
    for cmd in [&["score", "-f", FW][..], &["check", "-f", FW][..]] {
        let (code, out, err) = run(cmd, &[&path]);
        let err = out + &err;
        assert_eq!(code, 1, "{cmd:?}: {err}");
        assert!(err.contains("E001"), "{err}");
        assert!(err.contains("line 101, column"), "{err}");
        assert!(err.contains("never closed"), "{err}");
    }
    // Closed again further down: the records in between are swallowed, which is as bad.
    lines[110] = lines[110].clone() + "\"";
    let path = write(dir.path(), "closed.csv", lines.join("\n") + "\n");
    let (code, _, err) = run(&["score", "-f", FW], &[&path]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("line 101, column") && err.contains("swallows 9 lines"),
        "{err}"
    );
}

#[test]
fn ambiguous_thousands_separators_are_refused_with_a_clear_message() {
    let dir = util::temp_dir();
    for (typed, meaning) in [("1.000", "1 or 1000"), ("1,500", "1.5 or 1500")] {
        let text = long_table(1).replace(";ENV-01;70;", &format!(";ENV-01;{typed};"));
        let path = write(dir.path(), "amb.csv", text);
        let (code, _, err) = run(&["score", "-f", FW], &[&path]);
        assert_eq!(code, 1, "{typed} ({meaning}): {err}");
        assert!(err.contains("E013"), "{err}");
        assert!(err.contains("could mean thousands or decimals"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn special_output_targets_are_written_in_place_and_modes_are_kept() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = util::temp_dir();
    let input = write(dir.path(), "long.csv", long_table(2));
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return util::skip("mkfifo is not available");
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = run(
        &[
            "score",
            "-f",
            FW,
            "--format",
            "csv",
            "-o",
            fifo.to_str().unwrap(),
        ],
        &[&input],
    );
    assert_eq!(code, 0, "{err}");
    assert!(reader.join().unwrap().contains("region_code"));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
    // A folder is refused, not replaced.
    let (code, _, err) = run(
        &["score", "-f", FW, "-o", dir.path().to_str().unwrap()],
        &[&input],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    // A file replaced keeps its mode; a new one respects the umask.
    let kept = write(dir.path(), "kept.csv", "old");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, err) = run(
        &["score", "-f", FW, "-o", kept.to_str().unwrap()],
        &[&input],
    );
    assert_eq!(code, 0, "{err}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&kept), 0o640);
    let new = dir.path().join("new.csv");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 077 && exec \"$0\" score -f \"$1\" -o \"$2\" \"$3\"")
        .arg(util::BIN)
        .args([Path::new(FW), &new, &input])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&new), 0o600, "the umask is respected");
}

#[test]
fn template_refuses_an_existing_file_without_force() {
    let dir = util::temp_dir();
    let filled = write(dir.path(), "isian.xlsx", "a filled questionnaire");
    let (code, _, err) = run(&["template", "-f", FW, "-o", filled.to_str().unwrap()], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(util::read(&filled), "a filled questionnaire");
    let (code, _, err) = run(
        &[
            "template",
            "-f",
            FW,
            "--force",
            "-o",
            filled.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&filled).unwrap().starts_with(b"PK"));
}
