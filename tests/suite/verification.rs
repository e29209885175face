//! Verified answers (issue 13): an evaluator's answer beside the region's own, in long and wide
//! tables. The final scores are those of a table whose answers were replaced by the verified
//! ones; the self-assessed scores those of the table without them.

use crate::util::{smartcity, temp_dir};
use smartcity::scoring::self_assessed::self_scores;
use smartcity::submission::VerificationStatus;
use smartcity::{Inputs, Options, assess, framework};
use std::path::Path;

const SAMPLE: &str = "samples/long-table-2021-2022.csv";

/// (region, year, indicator) → (verified answer, evaluator's note).
const REVIEW: &[(&str, &str, &str, &str, &str)] = &[
    ("32.77", "2022", "GOV-LP-01", "2", "SK belum ditetapkan"),
    ("32.77", "2022", "GOV-LP-02", "60", "data dashboard 2022"),
    // Reviewed, unchanged.
    ("32.77", "2022", "GOV-KP-01", "3", ""),
    // Changed without a note: W015 when checking.
    ("32.77", "2022", "GOV-TB-01", "3", ""),
    // Another region-year: one indicator reviewed, unchanged, with a note.
    ("35.10", "2021", "GOV-LP-01", "", "dokumen lengkap"),
];

fn sample_rows() -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(crate::util::absolute(SAMPLE)).unwrap();
    let header = r.headers().unwrap().clone();
    let rows = r.records().map(Result::unwrap).collect();
    (header, rows)
}

fn review_of(row: &csv::StringRecord) -> Option<(&'static str, &'static str)> {
    REVIEW
        .iter()
        .find(|(code, year, ind, ..)| row[0] == **code && row[2] == **year && row[3] == **ind)
        .map(|(.., v, n)| (*v, *n))
}

/// Writes the sample three ways: with verified columns, with the verified answers in place of the
/// region's, and as it is.
fn tables(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let (header, rows) = sample_rows();
    let paths = (
        dir.join("with.csv"),
        dir.join("replaced.csv"),
        dir.join("without.csv"),
    );
    let mut with = csv::Writer::from_path(&paths.0).unwrap();
    let mut replaced = csv::Writer::from_path(&paths.1).unwrap();
    let mut without = csv::Writer::from_path(&paths.2).unwrap();
    let mut h: Vec<&str> = header.iter().collect();
    without.write_record(&h).unwrap();
    replaced.write_record(&h).unwrap();
    h.extend(["jawaban_verifikasi", "catatan_evaluator"]);
    with.write_record(&h).unwrap();
    for row in &rows {
        let fields: Vec<&str> = row.iter().collect();
        without.write_record(&fields).unwrap();
        let (verified, note) = review_of(row).unwrap_or(("", ""));
        let mut w = fields.clone();
        w.extend([verified, note]);
        with.write_record(&w).unwrap();
        let mut r = fields.clone();
        // The row reviewed without a verified answer keeps the region's.
        if !verified.is_empty() {
            r[4] = verified;
        }
        replaced.write_record(&r).unwrap();
    }
    (paths.0, paths.1, paths.2)
}

fn scored(path: &Path) -> smartcity::Assessment {
    let fw = framework::resolve(None).unwrap();
    let a = assess(
        &fw,
        Inputs::collect(&[path.to_path_buf()]),
        &Options::default(),
    );
    assert!(!a.problems.iter().any(|p| p.is_error()), "{:?}", a.problems);
    a
}

fn entry<'a>(a: &'a smartcity::Assessment, code: &str, year: i32) -> &'a smartcity::compare::Entry {
    a.comparison
        .entries
        .iter()
        .find(|e| e.submission.region.code == code && e.submission.year == year)
        .unwrap()
}

#[test]
fn final_scores_are_the_verified_answers_and_self_scores_the_regions() {
    let dir = temp_dir();
    let (with, replaced, without) = tables(dir.path());
    let (with, replaced, without) = (scored(&with), scored(&replaced), scored(&without));
    for (code, year) in [
        ("32.77", 2021),
        ("32.77", 2022),
        ("35.10", 2021),
        ("35.10", 2022),
    ] {
        let (w, r, o) = (
            entry(&with, code, year),
            entry(&replaced, code, year),
            entry(&without, code, year),
        );
        // Exactly: the final index is the replaced table's, the self index the original's.
        assert_eq!(
            w.scorecard.exact_index(),
            r.scorecard.exact_index(),
            "{code} {year}"
        );
        assert_eq!(w.scorecard.dimensions, r.scorecard.dimensions);
        assert_eq!(w.rank, r.rank);
        assert_eq!(
            w.improvement_since(with.comparison.previous(w)),
            r.improvement_since(replaced.comparison.previous(r))
        );
        let own = self_scores(&w.submission, &w.scorecard);
        assert_eq!(
            own.exact_index,
            o.scorecard.exact_index().map(|x| x.to_big()),
            "{code} {year}"
        );
        assert_eq!(own.index, o.scorecard.index);
        assert_eq!(own.dimensions, o.scorecard.dimensions);
        assert_eq!(own.band, o.scorecard.band);
    }
    let cimahi = entry(&with, "32.77", 2022);
    let review = cimahi.submission.review.as_ref().unwrap();
    assert_eq!((review.reviewed, review.changed), (4, 3));
    assert_eq!(
        cimahi.submission.verification_status(),
        VerificationStatus::PartlyVerified
    );
    // The lowered answers lower the final index below the self-assessed one.
    let own = self_scores(&cimahi.submission, &cimahi.scorecard);
    assert!(own.index.unwrap() > cimahi.scorecard.index.unwrap());
    // A note without a verified answer is no review.
    let banyuwangi = entry(&with, "35.10", 2021);
    assert!(banyuwangi.submission.review.is_none());
    assert_eq!(
        banyuwangi.submission.verification_status(),
        VerificationStatus::SelfAssessed
    );
}

#[test]
fn csv_and_json_carry_both_scores_and_self_assessed_scores_the_regions_answers() {
    let dir = temp_dir();
    let (with, _, without) = tables(dir.path());
    let csv_of = |args: &[&str], path: &Path| {
        let out = smartcity()
            .args(["score", "--format", "csv"])
            .args(args)
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut r = csv::Reader::from_reader(&out.stdout[..]);
        let header = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        (header, rows)
    };
    let (header, rows) = csv_of(&[], &with);
    let n = header.len();
    // Appended, in this order.
    assert_eq!(
        header.iter().skip(n - 5).collect::<Vec<_>>(),
        [
            "self_index",
            "self_gap",
            "verification_status",
            "reviewed",
            "changed"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |rows: &[csv::StringRecord], code: &str, year: &str| {
        rows.iter()
            .find(|r| &r[col("region_code")] == code && &r[col("year")] == year)
            .unwrap()
            .clone()
    };
    let cimahi = row(&rows, "32.77", "2022");
    assert_eq!(&cimahi[col("verification_status")], "partly_verified");
    assert_eq!(&cimahi[col("reviewed")], "4");
    assert_eq!(&cimahi[col("changed")], "3");
    let index: f64 = cimahi[col("index")].parse().unwrap();
    let own: f64 = cimahi[col("self_index")].parse().unwrap();
    let gap: f64 = cimahi[col("self_gap")].parse().unwrap();
    assert!(gap > 0.0 && (own - index - gap).abs() < 1e-9);
    let other = row(&rows, "35.10", "2022");
    assert_eq!(&other[col("verification_status")], "self_assessed");
    assert_eq!(&other[col("self_gap")], "0");
    assert_eq!(other[col("self_index")], other[col("index")]);

    // --self-assessed: the regions' own answers, as if nothing had been verified.
    let (_, plain) = csv_of(&[], &without);
    let (_, self_only) = csv_of(&["--self-assessed"], &with);
    for (code, year) in [("32.77", "2022"), ("32.77", "2021"), ("35.10", "2022")] {
        assert_eq!(
            row(&self_only, code, year)[col("index")],
            row(&plain, code, year)[col("index")]
        );
    }
    assert_eq!(
        &cimahi[col("self_index")],
        &row(&plain, "32.77", "2022")[col("index")]
    );

    let out = smartcity()
        .args(["score", "--format", "json"])
        .arg(&with)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = json["results"].as_array().unwrap();
    let cimahi = results
        .iter()
        .find(|r| r["region_code"] == "32.77" && r["year"] == 2022)
        .unwrap();
    assert_eq!(cimahi["verification"]["status"], "partly_verified");
    assert_eq!(cimahi["verification"]["reviewed"], 4);
    assert_eq!(cimahi["verification"]["changed"], 3);
    // CSV keeps 12 decimals.
    assert!((cimahi["self_assessed"]["index"].as_f64().unwrap() - own).abs() < 1e-11);
    let ind = |id: &str| {
        cimahi["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let lp01 = ind("GOV-LP-01");
    assert_eq!(lp01["answer"], "2");
    assert_eq!(lp01["self_answer"], "4");
    assert_eq!(lp01["evaluator_notes"], "SK belum ditetapkan");
    assert!(lp01["self_score"].as_f64().unwrap() > lp01["score"].as_f64().unwrap());
    // Not reviewed: no such fields.
    assert!(ind("GOV-LP-03").get("self_answer").is_none());
    let other = results
        .iter()
        .find(|r| r["region_code"] == "35.10" && r["year"] == 2022)
        .unwrap();
    assert_eq!(other["verification"]["status"], "self_assessed");
    assert_eq!(other["self_assessed"]["index"], other["index"]);
}

#[test]
fn check_validates_verified_answers_and_asks_for_a_note_for_each_change() {
    let dir = temp_dir();
    let (with, ..) = tables(dir.path());
    let out = smartcity()
        .args(["check", "--format", "json"])
        .arg(&with)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems: Vec<&serde_json::Value> = find_problems(&json);
    let w015: Vec<_> = problems.iter().filter(|p| p["code"] == "W015").collect();
    assert_eq!(w015.len(), 1, "{text}");
    assert!(
        w015[0]["message"]["en"]
            .as_str()
            .unwrap()
            .contains("GOV-TB-01")
    );
    // The verified answer's cell: column G (the seventh) of the row.
    assert!(
        w015[0]["place"].to_string().contains('7'),
        "{}",
        w015[0]["place"]
    );

    // A verified answer that is not an option is rejected like an answer, naming its cell.
    let bad = dir.path().join("bad.csv");
    let content = std::fs::read_to_string(&with)
        .unwrap()
        .replacen(",60,data dashboard 2022", ",tinggi,data dashboard 2022", 1)
        .replacen(",2,SK belum", ",9,SK belum", 1);
    std::fs::write(&bad, content).unwrap();
    let out = smartcity().arg("score").arg(&bad).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("E012") || err.contains("E013"), "{err}");
}

fn find_problems(json: &serde_json::Value) -> Vec<&serde_json::Value> {
    let mut found = Vec::new();
    fn walk<'a>(v: &'a serde_json::Value, found: &mut Vec<&'a serde_json::Value>) {
        match v {
            serde_json::Value::Object(m) => {
                if m.contains_key("code") && m.contains_key("message") {
                    found.push(v);
                }
                m.values().for_each(|x| walk(x, found));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, found)),
            _ => {}
        }
    }
    walk(json, &mut found);
    found
}

#[test]
fn wide_tables_take_verified_columns() {
    let dir = temp_dir();
    // Kota Cimahi's 2022 answers from the sample, as one wide row for Kota Bandung 2024.
    let (_, rows) = sample_rows();
    let cimahi: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[0] == "32.77" && &r[2] == "2022")
        .collect();
    let quoted = |s: &str| format!("\"{s}\"");
    let mut header = vec!["region_code".to_string(), "year".to_string()];
    header.extend(cimahi.iter().map(|r| r[3].to_string()));
    let row: Vec<String> = ["32.73".to_string(), "2024".to_string()]
        .into_iter()
        .chain(cimahi.iter().map(|r| quoted(&r[4])))
        .collect();
    let first = cimahi[0][3].to_string();
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    let mut h2 = header.clone();
    h2.extend([
        format!("{first}:verified"),
        format!("{first}:evaluator_notes"),
    ]);
    let mut r2 = row.clone();
    r2.extend(["1".to_string(), "tidak ada dokumen".to_string()]);
    let reviewed = dir.path().join("reviewed.csv");
    std::fs::write(&reviewed, format!("{}\n{}\n", h2.join(","), r2.join(","))).unwrap();
    let mut r3 = row.clone();
    r3[2] = "1".to_string();
    let replaced = dir.path().join("replaced.csv");
    std::fs::write(
        &replaced,
        format!("{}\n{}\n", header.join(","), r3.join(",")),
    )
    .unwrap();

    let (p, r, x) = (scored(&plain), scored(&reviewed), scored(&replaced));
    assert!(
        !r.problems.iter().any(|p| p.code.as_str() == "W007"),
        "the verified columns are not ignored: {:?}",
        r.problems
    );
    let (p, r, x) = (
        entry(&p, "32.73", 2024),
        entry(&r, "32.73", 2024),
        entry(&x, "32.73", 2024),
    );
    assert_eq!(r.scorecard.exact_index(), x.scorecard.exact_index());
    let own = self_scores(&r.submission, &r.scorecard);
    assert_eq!(
        own.exact_index,
        p.scorecard.exact_index().map(|x| x.to_big())
    );
    let review = r.submission.review.as_ref().unwrap();
    assert_eq!((review.reviewed, review.changed), (1, 1));
    assert_eq!(
        review.indicators[0].as_ref().unwrap().notes.as_deref(),
        Some("tidak ada dokumen")
    );
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = smartcity()
        .env("SMARTCITY_LANG", "id")
        .args(["score", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const BANDUNG_2022: &str = "samples/questionnaires/kota-bandung-2022.xlsx";
const ORIGINAL_BANDUNG_2022: &str = "tests/fixtures/review/source-bandung-2022.xlsx";

/// A review workbook as written reads back as the region's answers, not yet reviewed.
#[test]
fn a_review_workbook_reads_back_as_the_regions_answers() {
    let dir = temp_dir();
    let review = dir.path().join("review.xlsx");
    smartcity()
        .args(["template", "--review", ORIGINAL_BANDUNG_2022, "-o"])
        .arg(&review)
        .assert()
        .success();
    let source = json_of(&[ORIGINAL_BANDUNG_2022]);
    let read = json_of(&[review.to_str().unwrap()]);
    let (s, r) = (&source["results"][0], &read["results"][0]);
    assert_eq!(s["index"], r["index"]);
    assert_eq!(r["verification"]["status"], "self_assessed");
    for (a, b) in s["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .zip(r["indicators"].as_array().unwrap())
    {
        assert_eq!(a["value"], b["value"], "{}", a["id"]);
        assert_eq!(a["notes"], b["notes"], "{}", a["id"]);
    }
}

/// The review workbook filled and saved by LibreOffice (tests/fixtures/review/), as xlsx and ods:
/// the review's identity, the verified answers as filled, and the self-assessed scores those of
/// the region's own questionnaire.
#[test]
fn the_libreoffice_review_round_trip_reads_every_verified_answer() {
    let expected: serde_json::Value =
        serde_json::from_str(&crate::util::read("tests/fixtures/review/expected.json")).unwrap();
    let source = json_of(&[ORIGINAL_BANDUNG_2022]);
    let source = &source["results"][0];
    for file in ["review-bandung-2022.xlsx", "review-bandung-2022.ods"] {
        let path = format!("tests/fixtures/review/{file}");
        smartcity().args(["check", &path]).assert().success();
        let json = json_of(&[&path]);
        let r = &json["results"][0];
        let v = &r["verification"];
        assert_eq!(v["status"], "partly_verified", "{file}");
        let reviewed = expected["reviewed"].as_object().unwrap();
        assert_eq!(v["reviewed"], reviewed.len());
        let changed = reviewed
            .values()
            .filter(|x| x["self"] != x["verified"])
            .count();
        assert_eq!(v["changed"], changed);
        assert_eq!(v["stage"], expected["identity"]["review_stage"]);
        assert_eq!(v["evaluator"], expected["identity"]["evaluator"]);
        assert_eq!(v["date"], expected["identity"]["review_date"]);
        // Self-assessed: exactly the region's own questionnaire.
        assert_eq!(r["self_assessed"]["index"], source["index"], "{file}");
        assert_eq!(
            r["self_assessed"]["dimensions"].as_array().unwrap().len(),
            source["dimensions"].as_array().unwrap().len()
        );
        for (d, s) in r["self_assessed"]["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .zip(source["dimensions"].as_array().unwrap())
        {
            assert_eq!(d["score"], s["score"]);
        }
        assert!(r["index"].as_f64().unwrap() < source["index"].as_f64().unwrap());
        for ind in r["indicators"].as_array().unwrap() {
            let id = ind["id"].as_str().unwrap();
            match reviewed.get(id) {
                Some(x) => {
                    let verified = match &x["verified"] {
                        serde_json::Value::String(s) => {
                            serde_json::Value::from(s.split(" - ").next().unwrap())
                        }
                        n => n.clone(),
                    };
                    assert_eq!(ind["value"], verified, "{file} {id}");
                    assert_eq!(ind["evaluator_notes"], x["note"], "{file} {id}");
                    assert!(ind.get("self_answer").is_some());
                }
                None => assert!(ind.get("self_answer").is_none(), "{file} {id}"),
            }
        }
    }
}

/// A review workbook whose region's answer was typed over after the review: E022, naming the
/// cell and the copy.
#[test]
fn a_review_workbook_edited_after_review_is_refused_naming_the_cell() {
    let expected: serde_json::Value =
        serde_json::from_str(&crate::util::read("tests/fixtures/review/expected.json")).unwrap();
    let cell = expected["edited"]["cell"].as_str().unwrap();
    let out = smartcity()
        .env("SMARTCITY_LANG", "en")
        .args([
            "check",
            "tests/fixtures/review/review-bandung-2022-edited.xlsx",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .find(|l| l.contains("E022"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains(cell), "{line}");
    assert!(line.contains("Verifikasi!H"), "{line}");
    assert_eq!(text.matches("E022").count(), 1, "{text}");
}

/// The samples: Kota Bandung 2022 is its reviewed version, still one file per region-year.
#[test]
fn the_samples_hold_a_reviewed_questionnaire() {
    let json = json_of(&["samples/questionnaires"]);
    let results = json["results"].as_array().unwrap();
    let reviewed: Vec<_> = results
        .iter()
        .filter(|r| r["verification"]["status"] != "self_assessed")
        .collect();
    assert_eq!(reviewed.len(), 1);
    assert_eq!(reviewed[0]["region_code"], "32.73");
    assert_eq!(reviewed[0]["year"], 2022);
    let _ = BANDUNG_2022;
}

/// `score --explain` of a reviewed region-year: the review, both indices and every changed
/// answer with both values and the evaluator's note.
#[test]
fn explain_shows_what_evaluators_changed() {
    let out = smartcity()
        .args([
            "score",
            "--lang",
            "en",
            "--explain",
            "32.73:2022",
            "samples/",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Verification: 5 of 54 indicators reviewed, changed 4 (visitasi, Tim Evaluator Kominfo (Sari Dewi), 2022-11-20)"),
        "{text}"
    );
    assert!(
        text.contains("self-assessed index 3.71  →  final 3.65"),
        "{text}"
    );
    assert!(
        text.contains("GOV-LP-02") && text.contains("Data dashboard diperbarui"),
        "{text}"
    );
    // GOV-TB-01 was confirmed, unchanged: not listed.
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("GOV-TB-01")),
        "{text}"
    );
}

#[test]
fn the_results_workbook_lists_who_over_claims_and_by_dimension() {
    use calamine::{Data, Reader, Xlsx};
    let dir = temp_dir();
    let out = dir.path().join("laporan");
    let status = smartcity()
        .args(["--lang", "en", "report", "-o"])
        .arg(&out)
        .arg("samples/questionnaires")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut wb: Xlsx<_> = calamine::open_workbook(out.join("results.xlsx")).unwrap();
    let sheet = wb
        .worksheet_range("Verification")
        .expect("a Verification sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows[0][9], Data::String("Gap (self − final)".into()));
    // The reviewed region first, with its self-assessed index above the final one.
    assert_eq!(rows[1][1], Data::String("32.73".into()));
    // Five of its answers were reviewed, not all: partly verified.
    assert_eq!(rows[1][4], Data::String("partly verified".into()));
    let (own, now, gap) = match (&rows[1][7], &rows[1][8], &rows[1][9]) {
        (Data::Float(a), Data::Float(b), Data::Float(g)) => (*a, *b, *g),
        other => panic!("{other:?}"),
    };
    assert!(
        own > now && (gap - (own - now)).abs() < 1e-9,
        "{own} {now} {gap}"
    );
    // Then the others, not reviewed, and the mean gap per dimension below.
    assert_eq!(rows[2][4], Data::String("not reviewed".into()));
    let title = rows
        .iter()
        .position(|r| r[0] == Data::String("Mean gap per dimension (reviewed regions)".into()))
        .expect("the dimension block");
    assert!(
        rows[title + 1..]
            .iter()
            .any(|r| matches!(r[9], Data::Float(g) if g > 0.0))
    );
}

/// A review workbook carries the region's identity over: the responding office and contact of
/// the questionnaire it was made from are in its identity sheet, so checking it raises no W010
/// the questionnaire did not.
#[test]
fn a_review_workbook_keeps_who_filled_the_questionnaire_in() {
    use smartcity::template::{Prefill, Questionnaire, write_questionnaire};
    let dir = temp_dir();
    let example = crate::util::absolute(crate::util::EXAMPLE_FRAMEWORK);
    let fw = framework::load_file(&example).unwrap();
    let q = Questionnaire {
        region: smartcity::regions::lookup("32.73"),
        year: Some(2024),
        respondent: Some("Diskominfo Kota Bandung".into()),
        contact: Some("Rina, rina@bandung.go.id".into()),
        answers: vec![
            Some(Prefill::Text("3 - Defined".into())),
            Some(Prefill::Number(62.5)),
            Some(Prefill::Number(80.0)),
            Some(Prefill::Text("ya".into())),
        ],
        notes: vec![Some("https://jdih.bandung.go.id/perwal-12-2021".into())],
    };
    let filled = dir.path().join("kota-bandung-2024.xlsx");
    std::fs::write(
        &filled,
        write_questionnaire(&fw, &q, smartcity::text::Lang::En).unwrap(),
    )
    .unwrap();
    let review = dir.path().join("review.xlsx");
    smartcity()
        .arg("template")
        .arg("--framework")
        .arg(&example)
        .arg("--review")
        .arg(&filled)
        .arg("-o")
        .arg(&review)
        .assert()
        .success();
    let out = smartcity()
        .args(["--lang", "en", "check", "--framework"])
        .arg(&example)
        .arg(&review)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(!text.contains("W010"), "{text}");
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(&review).unwrap();
    let identity = wb.worksheet_range("Identitas").unwrap();
    let cells: Vec<String> = identity.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        cells.iter().any(|c| c == "Diskominfo Kota Bandung"),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c == "Rina, rina@bandung.go.id"),
        "{cells:?}"
    );
}

/// The region's own answers as a long table, with `changes` (indicator → answer) made.
fn own_answers_as_table(path: &Path, changes: &[(&str, &str)]) {
    let source = json_of(&[ORIGINAL_BANDUNG_2022]);
    let mut csv = String::from("region_code,year,indicator,answer\n");
    for ind in source["results"][0]["indicators"].as_array().unwrap() {
        let id = ind["id"].as_str().unwrap();
        let answer = changes
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, a)| a.to_string())
            .unwrap_or_else(|| ind["answer"].as_str().unwrap_or("").to_string());
        csv.push_str(&format!("32.73,2022,{id},\"{answer}\"\n"));
    }
    std::fs::write(path, csv).unwrap();
}

/// An evaluator's review and the region's own file in one run: the review stands for the file
/// when the region's answers in it are the file's (one region-year, final and self-assessed
/// scores both), and both are refused with an E022 naming each differing answer in both files
/// when they are not.
#[test]
fn a_review_beside_the_regions_own_file_is_checked_against_it() {
    let review = "tests/fixtures/review/review-bandung-2022.xlsx";
    let dir = temp_dir();
    let own = dir.path().join("kota-bandung-2022.csv");
    own_answers_as_table(&own, &[]);
    let alone = json_of(&[review]);
    let both = json_of(&[review, own.to_str().unwrap()]);
    let results = both["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["index"], alone["results"][0]["index"]);
    assert_eq!(
        results[0]["self_assessed"]["index"],
        alone["results"][0]["self_assessed"]["index"]
    );
    assert_eq!(results[0]["verification"]["status"], "partly_verified");

    // The region's file says otherwise for two indicators.
    own_answers_as_table(&own, &[("GOV-LP-01", "1"), ("GOV-LP-03", "2.5")]);
    for command in ["score", "check"] {
        let out = smartcity()
            .args(["--lang", "en", command, review])
            .arg(&own)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{command}");
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = text.lines().filter(|l| l.contains("E022")).collect();
        assert_eq!(lines.len(), 3, "{command}: {text}");
        // The region's own file says it is not scored either, and why.
        let own_line = *lines
            .iter()
            .find(|l| l.contains("holds other answers of the region"))
            .unwrap();
        assert!(own_line.contains("GOV-LP-01, GOV-LP-03"), "{own_line}");
        assert!(own_line.contains("review-bandung-2022.xlsx"), "{own_line}");
        assert!(own_line.contains("kota-bandung-2022.csv:2: "), "{own_line}");
        let lines: Vec<&str> = lines.into_iter().filter(|l| *l != own_line).collect();
        assert!(lines[0].contains("GOV-LP-01"), "{}", lines[0]);
        assert!(
            lines[0].contains("review-bandung-2022.xlsx"),
            "{}",
            lines[0]
        );
        assert!(lines[0].contains("kota-bandung-2022.csv:2"), "{}", lines[0]);
        assert!(lines[1].contains("GOV-LP-03"), "{}", lines[1]);
        assert!(!text.contains("E015"), "{text}");
    }
}

/// Long and wide tables give the review's identity in `penilai`/`evaluator`,
/// `tanggal_verifikasi`/`review_date` and `tahap`/`review_stage` columns: the first non-blank
/// value among a region-year's rows (a date cell as YYYY-MM-DD), as a review workbook's identity
/// sheet does.
#[test]
fn tables_give_the_reviews_identity() {
    let dir = temp_dir();
    let (header, rows) = sample_rows();
    let long = dir.path().join("long.csv");
    let mut w = csv::Writer::from_path(&long).unwrap();
    let mut h: Vec<&str> = header.iter().collect();
    h.extend([
        "jawaban_verifikasi",
        "catatan_evaluator",
        "penilai",
        "tanggal_verifikasi",
        "tahap",
    ]);
    w.write_record(&h).unwrap();
    for row in &rows {
        let mut fields: Vec<&str> = row.iter().collect();
        let (verified, note) = review_of(row).unwrap_or(("", ""));
        // Only the reviewed rows of Kota Cimahi 2022 say who reviewed, and only from its second.
        let who = if review_of(row).is_some() && &row[0] == "32.77" && &row[3] != "GOV-LP-01" {
            ["Tim Evaluator Kominfo", "2023-03-14", "visitasi"]
        } else {
            ["", "", ""]
        };
        fields.extend([verified, note]);
        fields.extend(who);
        w.write_record(&fields).unwrap();
    }
    w.flush().unwrap();
    let json = json_of(&[long.to_str().unwrap()]);
    let result = |code: &str, year: i64| {
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["region_code"] == code && r["year"] == year)
            .unwrap()
            .clone()
    };
    let v = &result("32.77", 2022)["verification"];
    assert_eq!(v["evaluator"], "Tim Evaluator Kominfo");
    assert_eq!(v["date"], "2023-03-14");
    assert_eq!(v["stage"], "visitasi");
    // A region-year whose rows name no evaluator.
    let other = &result("35.10", 2021)["verification"];
    assert!(other["evaluator"].is_null() && other["stage"].is_null() && other["date"].is_null());

    // A wide row: one region-year, its identity in its own columns.
    let wide = dir.path().join("wide.csv");
    let cimahi: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[0] == "32.77" && &r[2] == "2022")
        .collect();
    let mut header = vec![
        "region_code",
        "year",
        "evaluator",
        "review_date",
        "review_stage",
    ];
    header.extend(cimahi.iter().map(|r| &r[3]));
    header.push("GOV-LP-01:verified");
    let mut line = vec![
        "32.73".to_string(),
        "2024".to_string(),
        "Inspektorat".to_string(),
        "14/03/2025".to_string(),
        "dokumen".to_string(),
    ];
    line.extend(cimahi.iter().map(|r| format!("\"{}\"", &r[4])));
    line.push("1".to_string());
    std::fs::write(&wide, format!("{}\n{}\n", header.join(","), line.join(","))).unwrap();
    let json = json_of(&[wide.to_str().unwrap()]);
    let v = &json["results"][0]["verification"];
    assert_eq!(v["evaluator"], "Inspektorat");
    assert_eq!(v["date"], "14/03/2025");
    assert_eq!(v["stage"], "dokumen");
}
