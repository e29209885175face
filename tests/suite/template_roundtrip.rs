//! Questionnaires written by `smartcity template`, filled and saved by a real LibreOffice, read
//! back by `smartcity check` and `smartcity score`.
//!
//! The workbooks in tests/fixtures/template/ were made by `fill_with_libreoffice.py` there: it
//! runs `smartcity template`, fills the workbook through LibreOffice's UNO API the way a person
//! would (dropdown entries such as `3 - Defined`, numbers typed in the locale, `N/A`, a blank
//! optional answer, evidence notes with a hyperlink and a line break, a real date cell) and
//! saves it as xlsx and as ods. `expected.json` records what was filled; every answer must
//! come back as filled, from both formats alike.

use crate::util;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    util::absolute("tests/fixtures/template")
}

fn expected() -> Value {
    let path = dir().join("expected.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn fixtures() -> Vec<Value> {
    let all = expected()["fixtures"]
        .as_array()
        .expect("fixtures is a list")
        .clone();
    assert_eq!(all.len(), 2, "example-en and kominfo-id");
    all
}

/// `--framework <file>` for fixtures made with a framework file, nothing for the built-in one.
fn framework_args(fixture: &Value) -> Vec<String> {
    match fixture["framework"].as_str() {
        Some(file) => vec![
            "--framework".into(),
            util::absolute(file).display().to_string(),
        ],
        None => Vec::new(),
    }
}

fn files(fixture: &Value) -> Vec<PathBuf> {
    fixture["files"]
        .as_array()
        .expect("files is a list")
        .iter()
        .map(|f| dir().join(f.as_str().expect("file name")))
        .collect()
}

/// `smartcity score --format json` on one file: its single result.
fn score(fixture: &Value, file: &Path) -> Value {
    let out = util::smartcity()
        .arg("score")
        .args(["--format", "json"])
        .args(framework_args(fixture))
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "score {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("score prints JSON");
    let results = json["results"].as_array().expect("results is a list");
    assert_eq!(results.len(), 1, "{}: one region-year", file.display());
    results[0].clone()
}

/// The read-back indicators of a result, by id.
fn indicators(result: &Value) -> BTreeMap<String, Value> {
    result["indicators"]
        .as_array()
        .expect("indicators is a list")
        .iter()
        .map(|i| (i["id"].as_str().expect("id").to_string(), i.clone()))
        .collect()
}

/// One answer as read back against what was filled: a dropdown entry `code - label` by its
/// option code, a number by value, `N/A` by status, blank by the absence of an answer.
fn assert_answer(file: &Path, id: &str, filled: &Value, got: &Value) {
    let at = format!("{} {id}", file.display());
    match filled {
        Value::Null => {
            assert!(got["answer"].is_null(), "{at}: left blank, read {got}");
            assert!(got["value"].is_null(), "{at}: left blank, read {got}");
            assert!(got["score"].is_null(), "{at}: left blank, read {got}");
        }
        Value::String(s) if s == "N/A" => {
            assert_eq!(got["status"], "not_applicable", "{at}: {got}");
            assert!(got["value"].is_null(), "{at}: {got}");
        }
        Value::String(entry) => {
            let (code, _label) = entry
                .split_once(" - ")
                .unwrap_or_else(|| panic!("{at}: {entry:?} is not a dropdown entry"));
            assert_eq!(got["status"], "answered", "{at}: {got}");
            assert_eq!(got["value"].as_str(), Some(code), "{at}: {got}");
            assert_eq!(got["answer"].as_str(), Some(entry.as_str()), "{at}: {got}");
        }
        Value::Number(n) => {
            let want = n.as_f64().unwrap();
            assert_eq!(got["status"], "answered", "{at}: {got}");
            let value = got["value"]
                .as_f64()
                .unwrap_or_else(|| panic!("{at}: filled {want}, read {got}"));
            assert_eq!(value, want, "{at}: {got}");
        }
        other => panic!("{at}: unexpected filled value {other}"),
    }
}

#[test]
fn every_filled_answer_reads_back_as_filled() {
    for fixture in fixtures() {
        let filled = fixture["answers"].as_object().expect("answers is a map");
        let notes = fixture["notes"].as_object().expect("notes is a map");
        for file in files(&fixture) {
            let result = score(&fixture, &file);
            assert_eq!(
                result["region_code"],
                fixture["region"],
                "{}",
                file.display()
            );
            assert_eq!(result["year"], fixture["year"], "{}", file.display());
            let got = indicators(&result);
            assert_eq!(
                got.keys().collect::<BTreeSet<_>>(),
                filled.keys().collect::<BTreeSet<_>>(),
                "{}: indicators read back",
                file.display()
            );
            for (id, want) in filled {
                assert_answer(&file, id, want, &got[id]);
                assert_eq!(
                    got[id]["notes"],
                    notes.get(id).cloned().unwrap_or(Value::Null),
                    "{} {id}: notes",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn the_fixtures_cover_what_a_person_fills() {
    let all = fixtures();
    let answers: Vec<&Value> = all
        .iter()
        .flat_map(|f| f["answers"].as_object().unwrap().values())
        .collect();
    let is = |pred: &dyn Fn(&Value) -> bool| answers.iter().any(|v| pred(v));
    assert!(
        is(&|v| v.as_str().is_some_and(|s| s.contains(" - "))),
        "a dropdown entry"
    );
    assert!(
        is(&|v| v.as_f64().is_some_and(|n| n.fract() != 0.0)),
        "a decimal number"
    );
    assert!(is(&|v| v.as_i64().is_some()), "a whole number");
    assert!(is(&|v| v == "N/A"), "N/A");
    assert!(is(&|v| v.is_null()), "a blank optional answer");
    let notes: Vec<&str> = all
        .iter()
        .flat_map(|f| f["notes"].as_object().unwrap().values())
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(notes.iter().any(|n| n.contains("https://")), "a link");
    assert!(notes.iter().any(|n| n.contains('\n')), "a two-line note");
    let kominfo = all.iter().find(|f| f["name"] == "kominfo-id").unwrap();
    assert_eq!(kominfo["answers"].as_object().unwrap().len(), 54);
    assert!(
        kominfo["answers"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| !v.is_null()),
        "every kominfo indicator is filled"
    );
}

#[test]
fn check_accepts_the_filled_questionnaires() {
    for fixture in fixtures() {
        for file in files(&fixture) {
            let out = util::smartcity()
                .args(["--lang", "en", "check"])
                .args(framework_args(&fixture))
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "check {} exited {:?}:\n{}{}",
                file.display(),
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.contains("✓ valid"), "{}: {stdout}", file.display());
        }
    }
}

/// Everything a result holds except where it came from.
fn without_source(mut result: Value) -> Value {
    result.as_object_mut().unwrap().remove("source");
    result
}

#[test]
fn xlsx_and_ods_of_the_same_fill_read_the_same() {
    for fixture in fixtures() {
        let files = files(&fixture);
        let xlsx = files
            .iter()
            .find(|f| f.extension().unwrap() == "xlsx")
            .unwrap();
        let ods = files
            .iter()
            .find(|f| f.extension().unwrap() == "ods")
            .unwrap();
        assert_eq!(
            without_source(score(&fixture, xlsx)),
            without_source(score(&fixture, ods)),
            "{} and {} differ",
            xlsx.display(),
            ods.display()
        );
    }
}
