//! The binary as users run it: exit codes, messages, outputs.

use crate::util::{self, smartcity};
use std::path::Path;

fn stdout_of(args: &[&str]) -> (i32, String, String) {
    let out = smartcity().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn scores_the_samples_with_bandung_leading_2022() {
    let (code, out, err) = stdout_of(&["score", "samples/"]);
    assert_eq!(code, 0, "{err}");
    let bandung = out
        .lines()
        .find(|l| l.contains("Kota Bandung"))
        .expect("Bandung in the table");
    assert!(bandung.trim_start().starts_with("1 "), "{bandung}");
    // Its final (verified) index: the sample is its reviewed version (self-assessed 3,71).
    assert!(bandung.contains("3,65"), "{bandung}");
    assert!(bandung.contains("Sangat Baik"), "{bandung}");
    assert!(bandung.contains("+0,28"), "{bandung}");
    assert!(
        err.contains("21 berkas dibaca, 20 wilayah-tahun dinilai, 0 ditolak"),
        "{err}"
    );
}

#[test]
fn english_table_uses_decimal_points() {
    let (code, out, err) = stdout_of(&["--lang", "en", "score", "samples/"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Very good"));
    assert!(out.contains("3.71"));
    assert!(err.contains("21 files read"));
}

#[test]
fn csv_has_the_documented_columns() {
    let (code, out, _) = stdout_of(&["score", "--format", "csv", "samples/"]);
    assert_eq!(code, 0);
    let header = out.lines().next().unwrap();
    assert!(header.starts_with(
        "region_code,region_name,kind,province_code,province_name,year,framework_id,framework_version,index,band,status,coverage,answered,not_applicable,missing,indicators,previous_year,previous_index,improvement,previous_band,band_change,rank,previous_rank,rank_change,rank_kind,rank_province,dimension:GOV,dimension:GOV:improvement,"
    ), "{header}");
    assert!(header.ends_with(",component:quick_win,component:quick_win:improvement,source_file,next_band,next_band_gap,next_band_steps,self_index,self_gap,verification_status,reviewed,changed"));
    assert_eq!(out.lines().count(), 21);
    let bandung = out
        .lines()
        .find(|l| l.starts_with("32.73,") && l.contains(",2022,"))
        .unwrap();
    assert!(
        bandung.contains(",kota,32,Jawa Barat,2022,kominfo-smart-city,"),
        "{bandung}"
    );
}

#[test]
fn json_holds_indicators_and_improvement() {
    let (code, out, _) = stdout_of(&["score", "--format", "json", "samples/"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 20);
    let b = results
        .iter()
        .find(|r| r["region_code"] == "32.73" && r["year"] == 2022)
        .unwrap();
    assert_eq!(b["kind"], "kota");
    assert_eq!(b["rank"], 1);
    assert_eq!(b["previous"]["year"], 2021);
    let imp = b["improvement"].as_f64().unwrap();
    let idx = b["index"].as_f64().unwrap();
    let prev = b["previous"]["index"].as_f64().unwrap();
    assert!((imp - (idx - prev)).abs() < 1e-12);
    assert_eq!(b["indicators"].as_array().unwrap().len(), 54);
    assert_eq!(b["components"].as_array().unwrap().len(), 5);
    assert_eq!(v["framework"]["id"], "kominfo-smart-city");
    assert_eq!(v["framework"]["content_hash"].as_str().unwrap().len(), 64);
}

#[test]
fn output_file_is_written_and_inputs_are_never_overwritten() {
    let dir = util::temp_dir();
    let out = dir.path().join("results.csv");
    smartcity()
        .args(["score", "--format", "csv", "-o"])
        .arg(&out)
        .arg("samples/")
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("region_code,")
    );
    // Writing over an input is refused, and the input is left as it was.
    let input = dir.path().join("long.csv");
    std::fs::copy("samples/long-table-2021-2022.csv", &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    smartcity()
        .args(["score", "--format", "csv", "-o"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // So is writing over a file found in a folder named, in every format.
    for format in ["csv", "json", "table"] {
        smartcity()
            .args(["score", "--format", format, "-o"])
            .arg(&input)
            .arg(dir.path())
            .assert()
            .code(2);
        assert_eq!(std::fs::read(&input).unwrap(), before, "{format}");
    }
}

#[test]
fn results_serve_as_next_years_baseline() {
    let dir = util::temp_dir();
    let base = dir.path().join("2021.csv");
    let only_2021 = dir.path().join("in2021");
    let only_2022 = dir.path().join("in2022");
    std::fs::create_dir_all(&only_2021).unwrap();
    std::fs::create_dir_all(&only_2022).unwrap();
    for f in std::fs::read_dir("samples/questionnaires").unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        let target = if name.contains("2021") {
            &only_2021
        } else {
            &only_2022
        };
        std::fs::copy(&p, target.join(&name)).unwrap();
    }
    smartcity()
        .args(["score", "--format", "csv", "-o"])
        .arg(&base)
        .arg(&only_2021)
        .assert()
        .code(0);
    let (code, out, err) = stdout_of(&[
        "score",
        "--format",
        "json",
        "--baseline",
        base.to_str().unwrap(),
        only_2022.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let b = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region_code"] == "32.73")
        .unwrap()
        .clone();
    assert_eq!(b["previous"]["year"], 2021);
    assert!((b["improvement"].as_f64().unwrap() - 0.277).abs() < 0.0005);
}

#[test]
fn unknown_framework_is_a_usage_error() {
    let (code, _, err) = stdout_of(&["score", "--framework", "nope", "samples/"]);
    assert_eq!(code, 2);
    assert!(err.contains("F010"), "{err}");
}

#[test]
fn missing_input_is_reported_and_the_rest_still_scored() {
    let (code, out, err) = stdout_of(&["--lang", "en", "score", "samples/", "no-such-file.xlsx"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no-such-file.xlsx: error E001: no such file or folder"),
        "{err}"
    );
    assert!(out.contains("Kota Bandung"));
}

#[test]
fn frameworks_lists_the_builtins() {
    let (code, out, _) = stdout_of(&["--lang", "en", "frameworks"]);
    assert_eq!(code, 0);
    assert!(out.contains("kominfo-smart-city (default)"));
    assert!(out.contains("spbe-2020"));
    assert!(out.contains("47 indicators"));
}

#[test]
fn framework_check_reports_positions() {
    let (code, out, _) = stdout_of(&[
        "--lang",
        "en",
        "framework",
        "check",
        "indicators/spbe-2020.toml",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("valid — spbe-2020 2020 — 4 dimensions, 8 sub-dimensions, 47 indicators"));
    let dir = util::temp_dir();
    let bad = dir.path().join("bad.toml");
    let src = std::fs::read_to_string(util::EXAMPLE_FRAMEWORK)
        .unwrap()
        .replace("weight = 0.4\n", "wieght = 0.4\n");
    std::fs::write(&bad, &src).unwrap();
    let (code, _, err) = stdout_of(&["--lang", "en", "framework", "check", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    let line = src[..src.find("wieght").unwrap()].matches('\n').count() + 1;
    assert!(
        err.contains(&format!(
            "bad.toml:{line}:1: error F001: invalid TOML: unknown field `wieght`"
        )),
        "{err}"
    );
    assert!(Path::new("indicators/kominfo-smart-city.toml").exists());
}

#[test]
fn usage_errors_exit_2() {
    smartcity().args(["score"]).assert().code(2);
    smartcity()
        .args(["score", "--format", "pdf", "samples/"])
        .assert()
        .code(2);
}
