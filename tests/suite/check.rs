//! `smartcity check`: one case per rule, each a questionnaire written for the occasion (by the
//! template writer, so it has exactly the layout staff receive) and the exact text staff would see.
//! Snapshots live in tests/snapshots/check/; run with UPDATE_SNAPSHOTS=1 to rewrite them after an
//! intended change, and review the diff.

use crate::util;
use smartcity::framework::{Framework, load_file};
use smartcity::regions::lookup;
use smartcity::template::{Prefill, Questionnaire, write_questionnaire};
use smartcity::text::Lang;
use std::path::{Path, PathBuf};

fn example_path() -> PathBuf {
    util::absolute(util::EXAMPLE_FRAMEWORK)
}

fn example() -> Framework {
    load_file(&example_path()).unwrap()
}

fn text(s: &str) -> Option<Prefill> {
    Some(Prefill::Text(s.into()))
}

fn num(n: f64) -> Option<Prefill> {
    Some(Prefill::Number(n))
}

/// A complete, valid questionnaire for Kota Bandung 2024: GOV-LP-01, GOV-LP-02, ENV-01, ENV-02.
fn valid() -> Questionnaire {
    Questionnaire {
        region: lookup("32.73"),
        year: Some(2024),
        respondent: Some("Diskominfo".into()),
        contact: None,
        answers: vec![text("3 - Defined"), num(62.5), num(80.0), text("ya")],
        notes: vec![
            Some("https://jdih.bandung.go.id/perwal-12-2021".into()),
            None,
            None,
            None,
        ],
    }
}

/// Writes `q` (for `fw`) as `name` in `dir` and fills the contact cell the writer leaves blank.
fn write(dir: &Path, name: &str, fw: &Framework, q: &Questionnaire) {
    let bytes = write_questionnaire(fw, q, Lang::En).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Runs `check` in English on `name` inside `dir`; returns exit code and stdout.
fn check(dir: &Path, name: &str) -> (i32, String) {
    let out = util::smartcity()
        .current_dir(dir)
        .args(["--lang", "en", "check", "--framework"])
        .arg(example_path())
        .arg(name)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn snapshot(rule: &str, actual: &str) {
    let path = util::absolute("tests/snapshots/check").join(format!("{rule}.txt"));
    util::assert_expected(path, actual);
}

/// Checks a questionnaire made by `edit` from the valid one; asserts the exit code, that the
/// expected code appears, and the snapshot.
fn case(rule: &str, code: &str, exit: i32, edit: impl FnOnce(&mut Framework, &mut Questionnaire)) {
    let dir = util::temp_dir();
    let mut fw = example();
    let mut q = valid();
    edit(&mut fw, &mut q);
    let name = format!("{rule}.xlsx");
    write(dir.path(), &name, &fw, &q);
    let (status, out) = check(dir.path(), &name);
    assert_eq!(status, exit, "{out}");
    assert!(out.contains(code), "{code} not in:\n{out}");
    snapshot(rule, &out);
}

#[test]
fn a_valid_questionnaire_passes_with_only_the_contact_warning() {
    case("valid", "W010", 0, |_, _| {});
}

#[test]
fn unknown_region_code() {
    let dir = util::temp_dir();
    let fw = example();
    write(dir.path(), "q.xlsx", &fw, &valid());
    // Overwrite the region cell the way a person would type a wrong code: via a long table.
    std::fs::write(
        dir.path().join("unknown-region.csv"),
        "region_code;year;indicator;answer\n99.99;2024;GOV-LP-01;3\n",
    )
    .unwrap();
    let (status, out) = check(dir.path(), "unknown-region.csv");
    assert_eq!(status, 1);
    assert!(out.contains("unknown-region.csv:2:1: error E004"), "{out}");
    snapshot("unknown-region", &out);
}

#[test]
fn missing_region_and_year() {
    case("missing-identity", "E003", 1, |_, q| {
        q.region = None;
        q.year = None;
    });
}

#[test]
fn required_indicator_unanswered() {
    case("required-unanswered", "E018", 1, |_, q| q.answers[0] = None);
}

#[test]
fn answer_not_among_the_options_lists_the_allowed_ones() {
    case("not-an-option", "E012", 1, |_, q| {
        q.answers[0] = text("Lima")
    });
}

#[test]
fn number_out_of_range() {
    case("out-of-range", "E013", 1, |_, q| q.answers[1] = num(150.0));
}

#[test]
fn na_where_not_allowed() {
    case("na-not-allowed", "E014", 1, |_, q| {
        q.answers[0] = text("N/A")
    });
}

#[test]
fn questionnaire_of_another_framework() {
    case("other-framework", "E007", 1, |fw, _| {
        fw.id = "spbe-2020".into()
    });
}

#[test]
fn questionnaire_of_another_version() {
    case("other-version", "E019", 1, |fw, _| {
        fw.version = "0.9".into()
    });
}

#[test]
fn region_name_that_does_not_match_the_code_is_a_warning() {
    let dir = util::temp_dir();
    std::fs::write(
        dir.path().join("name-mismatch.csv"),
        "region_code,region_name,year,indicator,answer,notes\n\
         32.73,Kota Bogor,2024,GOV-LP-01,3,Perwal 12/2021\n\
         32.73,Kota Bogor,2024,GOV-LP-02,50,\n\
         32.73,Kota Bogor,2024,ENV-01,80,\n",
    )
    .unwrap();
    let (status, out) = check(dir.path(), "name-mismatch.csv");
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("W001"), "{out}");
    snapshot("name-mismatch", &out);
}

#[test]
fn unknown_and_duplicated_indicator_ids() {
    let dir = util::temp_dir();
    std::fs::write(
        dir.path().join("ids.csv"),
        "region_code,year,indicator,answer,notes\n\
         32.73,2024,GOV-LP-01,3,Perwal 12/2021\n\
         32.73,2024,GOV-LP-01,2,\n\
         32.73,2024,GOV-LP-99,2,\n\
         32.73,2024,GOV-LP-02,50,\n\
         32.73,2024,ENV-01,80,\n",
    )
    .unwrap();
    let (status, out) = check(dir.path(), "ids.csv");
    assert_eq!(status, 1);
    assert!(out.contains("ids.csv:3:3: error E011"), "{out}");
    assert!(out.contains("ids.csv:4:3: error E010"), "{out}");
    snapshot("indicator-ids", &out);
}

#[test]
fn many_na_and_missing_evidence_are_warnings() {
    // A variant of the example framework in which GOV-LP-02 may be N/A too: two of four N/A.
    let dir = util::temp_dir();
    let src = std::fs::read_to_string(example_path()).unwrap().replace(
        "answers = \"share\"\n",
        "answers = \"share\"\nna_allowed = true\n",
    );
    let fw_path = dir.path().join("na.toml");
    std::fs::write(&fw_path, &src).unwrap();
    let fw = load_file(&fw_path).unwrap();
    let mut q = valid();
    q.answers[1] = text("N/A");
    q.answers[2] = text("N/A");
    q.notes[0] = None;
    write(dir.path(), "warnings.xlsx", &fw, &q);
    let out = util::smartcity()
        .current_dir(dir.path())
        .args([
            "--lang",
            "en",
            "check",
            "--framework",
            "na.toml",
            "warnings.xlsx",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("W008") && text.contains("W009"), "{text}");
    snapshot("warnings", &text);
}

#[test]
fn year_that_is_not_a_year() {
    let dir = util::temp_dir();
    std::fs::write(
        dir.path().join("year.csv"),
        "kode_wilayah;tahun;indikator;jawaban\n32.73;dua ribu;GOV-LP-01;3\n",
    )
    .unwrap();
    let (status, out) = check(dir.path(), "year.csv");
    assert_eq!(status, 1);
    assert!(out.contains("year.csv:2:2: error E006"), "{out}");
    snapshot("not-a-year", &out);
}

#[test]
fn json_output_is_stable_for_tools() {
    let dir = util::temp_dir();
    let fw = example();
    let mut q = valid();
    q.answers[0] = text("Lima");
    write(dir.path(), "bad.xlsx", &fw, &q);
    write(dir.path(), "good.xlsx", &fw, &valid());
    let out = util::smartcity()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--framework"])
        .arg(example_path())
        .args(["bad.xlsx", "good.xlsx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["valid"], 1);
    assert_eq!(v["summary"]["with_errors"], 1);
    let bad = &v["files"][0];
    assert_eq!(bad["file"], "bad.xlsx");
    assert_eq!(bad["valid"], false);
    let p = bad["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "E012")
        .unwrap();
    assert_eq!(p["severity"], "error");
    assert_eq!(p["place"]["kind"], "cell");
    assert_eq!(p["found"], "Lima");
    assert!(
        p["message"]["id"]
            .as_str()
            .unwrap()
            .contains("bukan salah satu pilihan")
    );
    assert!(
        p["expected"]["en"]
            .as_str()
            .unwrap()
            .contains("3 (Defined)")
    );
}

#[test]
fn percentage_typed_with_a_percent_sign_is_flagged() {
    // `75%` typed in a spreadsheet is stored as 0.75: scored as 0.75 % unless someone looks.
    case("percent-as-fraction", "W011", 0, |_, q| {
        q.answers[1] = num(0.75)
    });
}
