//! Issue 11, smaller holes: the formula guard undone on the way back in, unreadable baseline
//! indexes warned about, control characters never reaching the terminal raw, messages naming the
//! real cause, and the fuzz targets' code run over every hostile fixture.

use crate::util::{self, smartcity};
use std::path::Path;

const ANSWERS: &str = "tests/fixtures/answers/long-semicolon-comma.csv";

/// The example framework under another id and version.
fn framework_as(dir: &Path, id: &str, version: &str) -> std::path::PathBuf {
    let text = util::read(util::EXAMPLE_FRAMEWORK)
        .replacen("id = \"contoh-kota\"", &format!("id = {id:?}"), 1)
        .replacen("version = \"1\"", &format!("version = {version:?}"), 1);
    let path = dir.join("framework.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// `score --format csv` of `args`, in English: (exit code, stdout, stderr).
fn score_csv(args: &[&str]) -> (i32, String, String) {
    let o = smartcity()
        .args(["--lang", "en", "score", "--format", "csv"])
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// `results` with every record's `column` set by `set` (record number, old value).
fn edit_column(results: &str, column: &str, set: impl Fn(usize, &str) -> String) -> String {
    let mut r = csv::Reader::from_reader(results.as_bytes());
    let headers = r.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == column).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        let fields: Vec<String> = rec
            .iter()
            .enumerate()
            .map(|(i, f)| if i == at { set(n, f) } else { f.to_string() })
            .collect();
        w.write_record(&fields).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn a_results_csv_with_guarded_fields_reads_back_as_written() {
    let tmp = util::temp_dir();
    let fw = framework_as(tmp.path(), "-kota", "=1+1");
    let fw = fw.to_str().unwrap();
    let (code, out, err) = score_csv(&["--framework", fw, ANSWERS]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(",'-kota,'=1+1,"),
        "guarded on the way out: {out}"
    );
    let base = tmp.path().join("base.csv");
    std::fs::write(&base, edit_column(&out, "year", |_, _| "2021".into())).unwrap();
    let (code, out, err) = score_csv(&[
        "--framework",
        fw,
        "--baseline",
        base.to_str().unwrap(),
        ANSWERS,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("E017") && !err.contains("W004"), "{err}");
    assert!(out.contains(",2021,"), "compared with 2021: {out}");
}

#[test]
fn baseline_indexes_that_are_not_numbers_are_warned_about() {
    let tmp = util::temp_dir();
    let fw = util::EXAMPLE_FRAMEWORK;
    let (code, out, err) = score_csv(&["--framework", fw, ANSWERS]);
    assert_eq!(code, 0, "{err}");
    let out = edit_column(&out, "year", |_, _| "2021".into());
    for bad in ["abc", "NaN", "1e400", "inf"] {
        let base = tmp.path().join("base.csv");
        std::fs::write(
            &base,
            edit_column(
                &out,
                "index",
                |n, old| if n == 0 { bad.into() } else { old.into() },
            ),
        )
        .unwrap();
        let (code, _, err) = score_csv(&[
            "--framework",
            fw,
            "--baseline",
            base.to_str().unwrap(),
            ANSWERS,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("base.csv:2: warning W014: the baseline's index is not a finite number")
                && err.contains(&format!("found {bad:?}")),
            "{bad}: {err}"
        );
        assert_eq!(err.matches("W014").count(), 1, "{err}");
    }
}

/// Standard output and error of `smartcity --lang en ARGS`.
fn run_en(args: &[&std::ffi::OsStr]) -> (String, String) {
    let o = smartcity()
        .arg("--lang")
        .arg("en")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let tmp = util::temp_dir();
    // An escape sequence that clears the screen in the framework's title and id.
    let text = util::read(util::EXAMPLE_FRAMEWORK).replacen(
        "title = { id = \"Contoh kerangka kota cerdas\", en = \"Example smart-city framework\" }",
        "title = { id = \"\\u001B[2JJudul\", en = \"\\u001B[2JTitle\\u202Eexe.png\\nforged line\" }",
        1,
    );
    let fw = tmp.path().join("fw.toml");
    std::fs::write(&fw, text).unwrap();
    // A newline in a file name that would forge an output line, on a file that is named in
    // problems (empty) and in `check`'s verdicts.
    let evil = tmp.path().join("ok.csv\nE999 forged.csv");
    std::fs::copy(ANSWERS, &evil).unwrap();
    let empty = tmp.path().join("empty\u{1b}[31m.csv\nforged");
    std::fs::write(&empty, "").unwrap();
    let report_dir = tmp.path().join("out\nforged");
    let runs: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec![
            "score".as_ref(),
            "--framework".as_ref(),
            fw.as_os_str(),
            evil.as_os_str(),
            empty.as_os_str(),
        ],
        vec![
            "check".as_ref(),
            "--framework".as_ref(),
            fw.as_os_str(),
            evil.as_os_str(),
            empty.as_os_str(),
        ],
        vec!["framework".as_ref(), "check".as_ref(), fw.as_os_str()],
        vec![
            "report".as_ref(),
            "-o".as_ref(),
            report_dir.as_os_str(),
            "--framework".as_ref(),
            fw.as_os_str(),
            evil.as_os_str(),
        ],
    ];
    let mut seen_title = false;
    for args in runs {
        let (out, err) = run_en(&args);
        for (what, text) in [("stdout", &out), ("stderr", &err)] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{202e}'),
                "{args:?} {what}: {text:?}"
            );
            assert!(
                !text
                    .lines()
                    .any(|l| l.starts_with("E999") || l.starts_with("forged")),
                "{args:?} {what}: {text}"
            );
        }
        seen_title |= out.contains("\\u{1b}[2JTitle\\u{202e}exe.png\\nforged line");
        assert!(
            args[0] == "framework" || out.contains("\\n") || err.contains("\\n"),
            "the newline is shown escaped: {args:?}\n{out}\n{err}"
        );
    }
    assert!(seen_title, "the title is shown, escaped");
}
