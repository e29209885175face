//! What a user meets on the command line: inputs that hold nothing, outputs into folders that do
//! not exist yet, years and codes typed wrongly, questionnaires that say their own framework.

use crate::util::{smartcity, temp_dir};
use rust_xlsxwriter::Workbook;
use std::path::Path;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = smartcity().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_folder_without_questionnaires_is_a_usage_error() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("catatan.txt"), "bukan kuesioner").unwrap();
    let folder = dir.path().to_str().unwrap();
    for command in ["score", "check"] {
        let (code, _, err) = run(&["--lang", "en", command, folder]);
        assert_eq!(code, 2, "{command}: {err}");
        assert!(err.contains("no questionnaire files"), "{command}: {err}");
        assert!(err.contains(folder), "{command}: {err}");
    }
    let missing = dir.path().join("salah-ketik");
    let (code, _, err) = run(&["score", missing.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("E001"), "{err}");
    assert!(err.contains("tidak ada berkas kuesioner"), "{err}");
    let report = dir.path().join("laporan");
    let (code, _, err) = run(&["report", "-o", report.to_str().unwrap(), folder]);
    assert_eq!(code, 2, "{err}");
    assert!(
        !report.exists(),
        "nothing is written when there is nothing to read"
    );
}

#[test]
fn outputs_go_into_folders_made_for_them() {
    let dir = temp_dir();
    let csv = dir.path().join("hasil/2022/results.csv");
    let (code, _, err) = run(&[
        "score",
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
        "samples/questionnaires",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("region_code,")
    );
    let xlsx = dir.path().join("kuesioner/baru/q.xlsx");
    let (code, _, err) = run(&["template", "-o", xlsx.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(xlsx.is_file());
}

#[test]
fn an_implausible_year_is_refused_before_a_questionnaire_is_written() {
    let dir = temp_dir();
    let out = dir.path().join("q.xlsx");
    let (code, _, err) = run(&["template", "--year", "24", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1990"), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_questionnaire_names_its_framework_when_none_is_given() {
    let dir = temp_dir();
    let out = dir.path().join("spbe.xlsx");
    let path = out.to_str().unwrap();
    let (code, _, err) = run(&["template", "--framework", "spbe-2020", "-o", path]);
    assert_eq!(code, 0, "{err}");
    // Blank, so not valid; but checked against SPBE, not refused as another framework's.
    let (code, out, err) = run(&["--lang", "en", "check", path]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("E007"), "{out}");
    assert!(out.contains("E003"), "{out}");
    assert!(err.contains("made for framework spbe-2020"), "{err}");
    // Named explicitly, the framework given wins.
    let (code, out, _) = run(&["check", "--framework", "kominfo-smart-city", path]);
    assert_eq!(code, 1);
    assert!(out.contains("E007"), "{out}");
}

/// A wide table whose region code cell holds the number `code` and whose name column `name`.
fn wide_table_with_numeric_code(path: &Path, code: f64, name: &str) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["region_code", "region_name", "year", "GOV-TB-01"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, code).unwrap();
    ws.write_string(1, 1, name).unwrap();
    ws.write_number(1, 2, 2022.0).unwrap();
    ws.write_number(1, 3, 3.0).unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_numeric_code_that_lost_its_zero_and_names_another_region_is_an_error() {
    let dir = temp_dir();
    let file = dir.path().join("wide.xlsx");
    // 32.01 typed as a number is 32.01; 32.10 typed as one is 32.1, which reads as 32.10
    // (Kabupaten Majalengka) — while the name says Kabupaten Bogor (32.01).
    wide_table_with_numeric_code(&file, 32.1, "Kabupaten Bogor");
    let (code, _, err) = run(&["--lang", "en", "score", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E021"), "{err}");
    assert!(err.contains("32.10") && err.contains("Majalengka"), "{err}");
    assert!(err.contains("32.01") && err.contains("Bogor"), "{err}");
    // The name of the region read, or a name of no region nearby, is as before.
    wide_table_with_numeric_code(&file, 32.1, "Kabupaten Majalengka");
    let (code, _, err) = run(&["score", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    wide_table_with_numeric_code(&file, 32.1, "Kota Entah");
    let (code, _, err) = run(&["score", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("W001"), "{err}");
}

#[test]
fn an_unanswered_required_question_is_named_by_its_cell_in_every_format() {
    use smartcity::template::{Prefill, Questionnaire, write_questionnaire};
    // Kota Bandung 2024 on the example framework, its second indicator (GOV-LP-02) left blank.
    let dir = temp_dir();
    let example = crate::util::absolute(crate::util::EXAMPLE_FRAMEWORK);
    let fw = smartcity::framework::load_file(&example).unwrap();
    let q = Questionnaire {
        region: smartcity::regions::lookup("32.73"),
        year: Some(2024),
        answers: vec![
            Some(Prefill::Text("3 - Defined".into())),
            None,
            Some(Prefill::Number(80.0)),
            Some(Prefill::Text("ya".into())),
        ],
        ..Questionnaire::default()
    };
    let file = dir.path().join("kota-bandung-2024.xlsx");
    std::fs::write(
        &file,
        write_questionnaire(&fw, &q, smartcity::text::Lang::En).unwrap(),
    )
    .unwrap();
    let (example, file) = (example.to_str().unwrap(), file.to_str().unwrap());
    for format in ["table", "csv", "json"] {
        let (code, _, err) = run(&["score", "--format", format, "-f", example, file]);
        assert_eq!(code, 0, "{err}");
        let w003 = err.lines().find(|l| l.contains("W003")).expect("a W003");
        assert!(w003.contains("GOV-LP-02"), "{w003}");
        assert!(w003.contains(":'Smart Governance'!F5:"), "{format}: {w003}");
    }
}

#[test]
fn prefill_asks_which_region_of_a_table_and_names_what_it_wrote() {
    let dir = temp_dir();
    let out = dir.path().join("q.xlsx");
    let path = out.to_str().unwrap();
    let table = "samples/long-table-2021-2022.csv";
    let (code, _, err) = run(&["--lang", "en", "template", "--prefill", table, "-o", path]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2 regions (32.77, 35.10)"), "{err}");
    assert!(err.contains("--region"), "{err}");
    assert!(!out.exists());
    let (code, _, err) = run(&[
        "--lang",
        "en",
        "template",
        "--prefill",
        table,
        "--region",
        "35.10",
        "-o",
        path,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("for Kabupaten Banyuwangi 2023") && err.contains("copied from 2022"),
        "{err}"
    );
}

#[test]
fn prefill_copies_the_answers_it_can_and_names_the_others() {
    let dir = temp_dir();
    // Last year's answers of one region: three cannot be understood, the rest can.
    let source = std::fs::read_to_string("samples/long-table-2021-2022.csv").unwrap();
    let mut lines: Vec<String> = source
        .lines()
        .filter(|l| l.starts_with("region_code") || l.starts_with("32.77,Kota Cimahi,2022"))
        .map(str::to_string)
        .collect();
    let answered = lines.len() - 1;
    for line in lines.iter_mut().skip(1).take(3) {
        let mut fields: Vec<&str> = line.split(',').collect();
        fields[4] = "tidak tahu";
        *line = fields.join(",");
    }
    let csv = dir.path().join("cimahi-2022.csv");
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("q.xlsx");
    let (code, _, err) = run(&[
        "--lang",
        "en",
        "template",
        "--prefill",
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches(": error E01").count(), 3, "{err}");
    assert!(
        err.contains("GOV-LP-01") && err.contains("GOV-LP-02"),
        "{err}"
    );
    assert!(err.contains("for Kota Cimahi 2023"), "{err}");
    assert!(
        err.contains(&format!("{} answers copied from 2022", answered - 3)),
        "{err}"
    );
}

#[test]
fn check_counts_repeated_warnings_and_can_show_errors_only() {
    let table = "samples/long-table-2021-2022.csv";
    let (code, out, _) = run(&["--lang", "en", "check", table]);
    assert_eq!(code, 0, "{out}");
    // 118 empty evidence cells: three shown, the rest counted.
    assert_eq!(out.matches("warning W009").count(), 3, "{out}");
    assert!(out.contains("… and 115 more W009 warnings"), "{out}");
    assert!(
        out.contains("1 file checked: 1 valid, 0 with errors, 1 with warnings"),
        "{out}"
    );
    let (code, out, _) = run(&["--lang", "en", "check", "--errors-only", table]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("W009"), "{out}");
    assert!(out.contains("1 with warnings"), "{out}");
}

#[test]
fn evidence_is_not_asked_of_a_layout_without_a_notes_column() {
    let dir = temp_dir();
    let wide = dir.path().join("wide.csv");
    std::fs::write(&wide, "region_code,year,GOV-LP-02\n32.73,2024,3\n").unwrap();
    let (_, out, _) = run(&["--lang", "en", "check", wide.to_str().unwrap()]);
    assert!(!out.contains("W009"), "{out}");
    let long = dir.path().join("long.csv");
    std::fs::write(
        &long,
        "region_code,year,indicator,answer,notes\n32.73,2024,GOV-LP-02,3,\n",
    )
    .unwrap();
    let (_, out, _) = run(&["--lang", "en", "check", long.to_str().unwrap()]);
    assert!(out.contains("W009"), "{out}");
}

#[test]
fn a_region_year_with_nothing_answered_is_insufficient_whatever_min_coverage_says() {
    let dir = temp_dir();
    let fw = dir.path().join("fw.toml");
    std::fs::write(
        &fw,
        r#"[framework]
id = "t"
version = "1"
title = { id = "t", en = "t" }
scale = { min = 0, max = 4 }
levels = ["regency"]
min_coverage = 0

[answer_sets.n]
kind = "number"
min = 0
max = 4

[[dimension]]
id = "D"
label = { id = "D", en = "D" }

[[indicator]]
id = "X"
parent = "D"
answers = "n"
required = false
na_allowed = true
label = { id = "x", en = "x" }
question = { id = "x", en = "x" }

[[band]]
from = 0
to = 4
label = { id = "Semua", en = "All" }
"#,
    )
    .unwrap();
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "region_code,year,X\n32.73,2024,N/A\n32.71,2024,3\n").unwrap();
    let (code, out, err) = run(&[
        "--lang",
        "en",
        "score",
        "--format",
        "csv",
        "--framework",
        fw.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("Kota Bandung 2024: no indicator is answered; no index computed"),
        "{err}"
    );
    let bandung = out.lines().find(|l| l.starts_with("32.73,")).unwrap();
    assert!(bandung.contains(",insufficient,"), "{bandung}");
}

#[test]
fn score_counts_repeated_warnings_after_the_first_three_of_a_file() {
    let dir = temp_dir();
    let csv = dir.path().join("one.csv");
    std::fs::write(
        &csv,
        "region_code,year,indicator,answer\n32.73,2024,GOV-LP-02,50\n",
    )
    .unwrap();
    let (code, _, err) = run(&["--lang", "en", "score", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let shown = err.matches("warning W003").count();
    assert_eq!(shown, 3, "{err}");
    let total = smartcity::framework::resolve(None)
        .unwrap()
        .indicators
        .iter()
        .filter(|i| i.required && i.id != "GOV-LP-02")
        .count();
    assert!(
        err.contains(&format!("… and {} more W003 warnings", total - 3)),
        "{err}"
    );
    // JSON keeps every one.
    let (_, out, _) = run(&["score", "--format", "json", csv.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let w003 = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "W003")
        .count();
    assert_eq!(w003, total);
}

/// `score … | head`: a reader that stops early is no error. The JSON of the samples (about
/// 300 KB) outgrows the pipe, so the writer meets the closed pipe whatever the timing.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let mut child = crate::util::smartcity_process()
        .args([
            "--lang",
            "en",
            "score",
            "--format",
            "json",
            "samples/questionnaires",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, the reader gone.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("Broken pipe") && !err.contains("error"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&first).starts_with('{'));
}
