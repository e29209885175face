//! Reading answers from files written by LibreOffice (see tests/fixtures/answers/EXPECTED.md for
//! the hand computation of every value below).

use crate::util;
use smartcity::answers::{Mode, ingest};
use smartcity::compare::{Comparison, compare};
use smartcity::diagnostics::{Code, Place, Problem};
use smartcity::framework::{Framework, load_file};
use std::path::{Path, PathBuf};

fn fw() -> Framework {
    load_file(Path::new(util::EXAMPLE_FRAMEWORK)).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    util::fixture("answers").join(name)
}

/// Scores fixture files read together; returns the comparison and the problems.
fn read(names: &[&str]) -> (Comparison, Vec<Problem>, usize) {
    let f = fw();
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    let batch = ingest(&paths, &f, Mode::Score);
    (
        compare(&f, batch.submissions, &[]),
        batch.problems,
        batch.rejected,
    )
}

fn index_of(c: &Comparison, code: &str, year: i32) -> f64 {
    c.entries
        .iter()
        .find(|e| e.submission.region.code == code && e.submission.year == year)
        .unwrap_or_else(|| panic!("{code} {year} not scored"))
        .scorecard
        .index
        .unwrap()
}

fn assert_indices(file: &str, expected: &[(&str, i32, f64)]) {
    let (c, problems, rejected) = read(&[file]);
    let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
    assert!(errors.is_empty(), "{file}: {errors:#?}");
    assert_eq!(rejected, 0, "{file}");
    assert_eq!(c.entries.len(), expected.len(), "{file}");
    for (code, year, want) in expected {
        let got = index_of(&c, code, *year);
        assert!(
            (got - want).abs() < 1e-9,
            "{file} {code} {year}: {got} != {want}"
        );
    }
}

#[test]
fn questionnaire_in_xlsx_xls_and_ods_scores_the_same() {
    for ext in ["xlsx", "xls", "ods"] {
        let name = format!("questionnaire-bandung-2022.{ext}");
        assert_indices(&name, &[("32.73", 2022, 2.6)]);
        let (c, problems, _) = read(&[&name]);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let e = &c.entries[0];
        // The formula cell =40*2 arrives as its cached value.
        let env01 = e.submission.answers[2].as_ref().unwrap();
        assert_eq!(env01.raw(), "80", "{name}");
        assert_eq!(
            *env01.place(),
            Place::Cell {
                sheet: "Jawaban".into(),
                row: 5,
                col: 3
            }
        );
        // The evidence note travels with its answer.
        let notes = e.submission.answers[0].as_ref().unwrap().notes();
        assert!(notes.unwrap().starts_with("Perwal No. 12"), "{name}");
    }
}

#[test]
fn english_labels_spaces_comma_decimals_and_na() {
    assert_indices(
        "questionnaire-english-labels.xlsx",
        &[("33.73", 2022, 3.26)],
    );
}

#[test]
fn long_table_in_xlsx_groups_region_years() {
    assert_indices(
        "long-table.xlsx",
        &[
            ("32.73", 2021, 1.76),
            ("32.73", 2022, 2.6),
            ("13.71", 2021, 1.6),
            ("13.71", 2022, 2.31),
            ("35.17", 2021, 4.0),
            ("35.17", 2022, 0.8),
        ],
    );
}

#[test]
fn csv_with_semicolons_and_decimal_commas() {
    assert_indices(
        "long-semicolon-comma.csv",
        &[("62.71", 2022, 2.8), ("32.10", 2022, 2.2)],
    );
}

#[test]
fn csv_in_windows_1252() {
    assert_indices(
        "long-windows-1252.csv",
        &[("33.73", 2021, 0.85), ("62.71", 2021, 3.44)],
    );
}

#[test]
fn wide_form_exports_in_xlsx_and_csv() {
    for name in ["wide-form-export.xlsx", "wide-form-export.csv"] {
        assert_indices(
            name,
            &[
                ("13.71", 2023, 3.12),
                ("35.17", 2023, 1.9),
                ("32.73", 2023, 2.96),
            ],
        );
        let (_, problems, _) = read(&[name]);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].code, Code::W007);
        assert_eq!(problems[0].found.as_deref(), Some("Timestamp"));
    }
}

#[test]
fn every_problem_in_a_questionnaire_is_named_by_cell() {
    let (c, problems, rejected) = read(&["questionnaire-problems.xlsx"]);
    assert!(c.entries.is_empty());
    assert_eq!(rejected, 1);
    let got: Vec<(Code, String)> = problems
        .iter()
        .map(|p| (p.code, p.place.describe(smartcity::text::Lang::En).unwrap()))
        .collect();
    let want: Vec<(Code, String)> = [
        (Code::E004, "Identitas!C3"),
        (Code::E006, "Identitas!C5"),
        (Code::E012, "Jawaban!D4"),
        (Code::E013, "Jawaban!D5"),
        (Code::E014, "Jawaban!D7"),
        (Code::E010, "Jawaban!A8"),
    ]
    .into_iter()
    .map(|(c, s)| (c, s.to_string()))
    .collect();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted);
    let e012 = problems.iter().find(|p| p.code == Code::E012).unwrap();
    assert_eq!(e012.found.as_deref(), Some("Lima"));
    assert!(e012.expected.as_ref().unwrap().en.contains("3 (Defined)"));
}

#[test]
fn the_same_region_year_twice_names_both_files_and_scores_neither() {
    let (c, problems, rejected) = read(&["duplicate-a.xlsx", "duplicate-b.ods"]);
    assert!(c.entries.is_empty());
    assert_eq!(rejected, 2);
    let dup: Vec<&Problem> = problems.iter().filter(|p| p.code == Code::E015).collect();
    assert_eq!(dup.len(), 1);
    let msg = dup[0].render(smartcity::text::Lang::En);
    assert!(
        msg.contains("duplicate-a.xlsx") && msg.contains("duplicate-b.ods"),
        "{msg}"
    );
    // Each alone is fine.
    assert_indices("duplicate-a.xlsx", &[("32.04", 2022, 2.24)]);
    assert_indices("duplicate-b.ods", &[("32.04", 2022, 2.08)]);
}

#[test]
fn broken_files_are_named_for_what_they_are_and_do_not_stop_the_batch() {
    let (c, problems, rejected) = read(&[
        "not-a-spreadsheet.xlsx",
        "empty.csv",
        "questionnaire-english-labels.xlsx",
    ]);
    assert_eq!(c.entries.len(), 1);
    assert_eq!(rejected, 2);
    let not_sheet = problems
        .iter()
        .find(|p| p.file.ends_with("not-a-spreadsheet.xlsx"))
        .unwrap();
    assert_eq!(not_sheet.code, Code::E001);
    let why = &not_sheet.message.en;
    assert!(
        why.contains("not a spreadsheet") || why.contains("not a valid spreadsheet"),
        "{why}"
    );
    let empty = problems
        .iter()
        .find(|p| p.file.ends_with("empty.csv"))
        .unwrap();
    assert_eq!(empty.code, Code::E001);
    assert!(empty.message.en.contains("empty"));
}

/// A long table of several megabytes is read in blocks on several threads; what the blocks say
/// is taken in file order, so a region-year met again far down the file, a repeated answer, an
/// unknown indicator and a bad answer deep in it come out as they would from a serial reading,
/// at their lines.
#[test]
fn a_long_table_read_in_parallel_blocks_is_taken_in_file_order() {
    use std::fmt::Write as _;
    let dir = util::temp_dir();
    let path = dir.path().join("long-many-blocks.csv");
    let mut text = String::from("region_code;region_name;year;indicator;answer;notes\r\n");
    let mut line = 1;
    let mut push = |text: &mut String, row: String| {
        text.push_str(&row);
        text.push_str("\r\n");
        line += 1 + row.matches('\n').count();
        line
    };
    push(&mut text, "32.73;Kota Bandung;2001;GOV-LP-01;3;".into());
    let regencies = smartcity::regions::regencies();
    let mut marks = Vec::new();
    for year in 2002..2062 {
        for (k, r) in regencies.iter().enumerate() {
            let mut rows = vec![
                format!("{};{};{year};GOV-LP-01;{};", r.code, r.name, k % 5),
                format!("{};;{year};GOV-LP-02;{},5;", r.code, k % 100),
                format!(
                    "{};;{year};ENV-01;{};\"baris satu\nbaris dua; \"\"kutip\"\"\"",
                    r.code,
                    k % 90
                ),
            ];
            if year == 2009 && k == 100 {
                rows.push(format!("{};;{year};XYZ-99;1;", r.code));
            }
            if year == 2010 && k == 200 {
                rows.push(format!("{};;{year};ENV-02;mungkin;", r.code));
            }
            for row in rows {
                let at = push(&mut text, row.clone());
                if row.contains("XYZ-99") || row.contains("mungkin") {
                    marks.push(at);
                }
            }
        }
    }
    // Bandung 2001 again, far down, with the answers it lacked; the first region-year of the
    // loop answers one indicator twice.
    push(&mut text, "32.73;;2001;GOV-LP-02;50;".into());
    push(&mut text, "32.73;;2001;ENV-01;80;".into());
    let first = &regencies[0];
    let repeated = push(&mut text, format!("{};;2002;GOV-LP-01;4;", first.code));
    assert!(
        text.len() > 3 << 20,
        "{} bytes: more than three blocks",
        text.len()
    );
    std::fs::write(&path, &text).unwrap();

    let f = fw();
    let batch = ingest(std::slice::from_ref(&path), &f, Mode::Score);
    // The region-years with an unknown indicator, a bad answer or a repeated one are not scored.
    assert_eq!(batch.submissions.len(), 1 + 60 * regencies.len() - 3);
    let line_of = |code: Code| -> Vec<u64> {
        batch
            .problems
            .iter()
            .filter(|p| p.code == code)
            .map(|p| match p.place {
                Place::Line { line, .. } => line,
                _ => panic!("{p:?}"),
            })
            .collect()
    };
    assert_eq!(line_of(Code::E011), vec![repeated as u64]);
    assert_eq!(line_of(Code::E010), vec![marks[0] as u64]);
    assert_eq!(line_of(Code::E012), vec![marks[1] as u64]);
    let bandung = batch
        .submissions
        .iter()
        .find(|s| s.region.code == "32.73" && s.year == 2001)
        .unwrap();
    let mut answered = String::new();
    for (i, a) in bandung.answers.iter().enumerate() {
        let _ = write!(
            answered,
            "{}={:?} ",
            f.indicators[i].id,
            a.as_ref().map(|a| a.answer)
        );
    }
    assert_eq!(
        answered,
        "GOV-LP-01=Some(Choice(3)) GOV-LP-02=Some(Number(50.0)) ENV-01=Some(Number(80.0)) ENV-02=None "
    );
    // Answers keep where they were typed.
    assert_eq!(
        bandung.answers[0].as_ref().unwrap().place(),
        &Place::Line {
            line: 2,
            column: Some(5)
        }
    );
}

#[test]
fn a_region_year_repeated_without_end_is_rejected_with_one_message_past_the_limit() {
    use smartcity::answers::limits::MAX_PROBLEMS_PER_REGION_YEAR;
    let dir = util::temp_dir();
    let path = dir.path().join("repeated.csv");
    let mut text = String::from("region_code;year;indicator;answer\n");
    text.push_str("32.73;2024;GOV-LP-01;3\n");
    // The same answer again and again: each a second answer (E011), far past the limit.
    for _ in 0..MAX_PROBLEMS_PER_REGION_YEAR + 500 {
        text.push_str("32.73;2024;GOV-LP-01;3\n");
    }
    // Another region-year in the same file is read as usual.
    text.push_str("32.04;2024;GOV-LP-01;3\n");
    std::fs::write(&path, &text).unwrap();
    let f = fw();
    let batch = ingest(std::slice::from_ref(&path), &f, Mode::Score);
    let of = |code: Code| batch.problems.iter().filter(|p| p.code == code).count();
    assert_eq!(of(Code::E011), MAX_PROBLEMS_PER_REGION_YEAR);
    assert_eq!(of(Code::E020), 1, "one message for the rest");
    let e020 = batch
        .problems
        .iter()
        .find(|p| p.code == Code::E020)
        .unwrap();
    assert!(e020.message.en.contains("500 more"), "{}", e020.message.en);
    let codes: Vec<&str> = batch.submissions.iter().map(|s| s.region.code).collect();
    assert_eq!(codes, vec!["32.04"], "the repeated region-year is rejected");
}

#[test]
fn a_panel_of_many_years_links_every_year_to_the_one_before() {
    let dir = util::temp_dir();
    let path = dir.path().join("panel.csv");
    let mut text = String::from("region_code;year;indicator;answer\n");
    // Years one after the other, as yearly exports are joined: a region's years are far apart.
    for year in 2015..2025 {
        for (code, base) in [("32.73", 1), ("32.04", 2), ("35.78", 3)] {
            let v = (base + year) % 5;
            text.push_str(&format!("{code};{year};GOV-LP-01;{v}\n"));
        }
    }
    std::fs::write(&path, &text).unwrap();
    let f = fw();
    let batch = ingest(std::slice::from_ref(&path), &f, Mode::Score);
    let cmp = compare(&f, batch.submissions, &[]);
    assert_eq!(cmp.years, (2015..2025).rev().collect::<Vec<_>>());
    assert_eq!(cmp.entries.len(), 30);
    for e in &cmp.entries {
        let year = e.submission.year;
        // Newest year first, and every year after the first knows the one before it.
        match cmp.previous(e) {
            Some(p) => assert_eq!(p.year(), year - 1),
            None => assert!(year == 2015 || e.scorecard.index.is_none(), "{year}"),
        }
    }
    let years: Vec<i32> = cmp.entries.iter().map(|e| e.submission.year).collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");
}
