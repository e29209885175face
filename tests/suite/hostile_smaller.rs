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
