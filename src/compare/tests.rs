//! Ranks, ties, improvement and baselines against hand-computed cases.

use super::*;
use crate::diagnostics::Place;
use crate::framework::parse;
use crate::submission::{Answer, GivenAnswer, Source, Submission};
use std::path::{Path, PathBuf};

/// One indicator answered with a number on 0–4: the index equals the answer.
const ONE: &str = r#"
[framework]
id = "one"
version = "2"
title = { id = "t", en = "t" }
scale = { min = 0, max = 4 }
levels = ["regency", "province"]

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
label = { id = "x", en = "x" }
question = { id = "x", en = "x" }

[[band]]
from = 0
to = 2
label = { id = "Rendah", en = "Low" }
[[band]]
from = 2
to = 4
label = { id = "Tinggi", en = "High" }
"#;

fn fw() -> Framework {
    parse(Path::new("one.toml"), ONE).unwrap()
}

fn sub(code: &str, year: i32, v: f64) -> Submission {
    Submission {
        region: crate::regions::lookup(code).unwrap(),
        year,
        answers: vec![Some(GivenAnswer::new(Answer::Number(v)))],
        framework_version: None,
        source: Source {
            file: PathBuf::from(format!("{code}-{year}.xlsx")),
            place: Place::File,
            respondent: None,
        },
        review: None,
    }
}

fn entry<'a>(c: &'a Comparison, code: &str, year: i32) -> &'a Entry {
    c.entries
        .iter()
        .find(|e| e.submission.region.code == code && e.submission.year == year)
        .unwrap()
}

#[test]
fn ties_share_a_rank_and_the_next_rank_skips() {
    let f = fw();
    let c = compare(
        &f,
        vec![
            sub("32.73", 2022, 3.0), // Kota Bandung
            sub("32.77", 2022, 3.5), // Kota Cimahi
            sub("32.04", 2022, 3.0), // Kabupaten Bandung
            sub("35.17", 2022, 2.0), // Kabupaten Jombang
        ],
        &[],
    );
    let ranks: Vec<(String, Option<u32>)> = c
        .entries
        .iter()
        .map(|e| (e.submission.region.code.to_string(), e.rank))
        .collect();
    assert_eq!(
        ranks,
        vec![
            ("32.77".into(), Some(1)),
            ("32.04".into(), Some(2)),
            ("32.73".into(), Some(2)),
            ("35.17".into(), Some(4)),
        ]
    );
    // Peer groups: kota among kota, kabupaten among kabupaten; province among its own.
    assert_eq!(entry(&c, "32.73", 2022).rank_kind, Some(2));
    assert_eq!(entry(&c, "32.04", 2022).rank_kind, Some(1));
    assert_eq!(entry(&c, "35.17", 2022).rank_kind, Some(2));
    assert_eq!(entry(&c, "35.17", 2022).rank_province, Some(1));
    assert_eq!(entry(&c, "32.73", 2022).rank_province, Some(2));
}

#[test]
fn improvement_is_against_the_latest_earlier_year_present() {
    let f = fw();
    let c = compare(
        &f,
        vec![
            sub("32.73", 2019, 1.0),
            sub("32.73", 2021, 3.34),
            sub("32.73", 2022, 3.71),
            sub("32.77", 2021, 3.50),
            sub("32.77", 2022, 3.00),
        ],
        &[],
    );
    let bdg = entry(&c, "32.73", 2022);
    let prev = c.previous(bdg);
    assert!((bdg.improvement_since(prev).unwrap() - 0.37).abs() < 1e-12);
    assert_eq!(prev.unwrap().year(), 2021);
    // An earlier year of the inputs is linked by index, never copied.
    assert!(bdg.previous.is_none() && bdg.previous_at.is_some());
    assert!(prev.unwrap().entry().is_some());
    // 2021: Cimahi 1st, Bandung 2nd; 2022: Bandung 1st → moved up one.
    assert_eq!(bdg.rank_change_since(prev), Some(1));
    let cmh = entry(&c, "32.77", 2022);
    assert_eq!(cmh.rank_change_since(c.previous(cmh)), Some(-1));
    // Bands: Bandung stays High; 2021 from 2019 moved Low → High.
    assert_eq!(prev.unwrap().band(&f), Some(1));
    let b2021 = entry(&c, "32.73", 2021);
    assert_eq!(c.previous(b2021).unwrap().year(), 2019);
    assert_eq!(c.previous(b2021).unwrap().band(&f), Some(0));
    // No earlier year: no improvement.
    let b2019 = entry(&c, "32.73", 2019);
    assert!(c.previous(b2019).is_none());
    assert_eq!(b2019.improvement_since(c.previous(b2019)), None);
    assert_eq!(c.years, vec![2022, 2021, 2019]);
}

#[test]
fn baseline_fills_in_when_last_year_is_not_at_hand() {
    let f = fw();
    let baseline = Snapshot {
        region_code: "32.73".into(),
        year: 2021,
        framework_id: "one".into(),
        framework_version: "1".into(),
        index: Some(3.34),
        band: Some("Tinggi".into()),
        rank: Some(5),
        dimensions: [("D".to_string(), 3.0)].into_iter().collect(),
        components: Default::default(),
        source: PathBuf::from("results-2021.csv"),
    };
    let c = compare(
        &f,
        vec![sub("32.73", 2022, 3.71)],
        std::slice::from_ref(&baseline),
    );
    let e = &c.entries[0];
    let prev = c.previous(e);
    assert!(e.previous.is_some() && prev.unwrap().entry().is_none());
    assert!((e.improvement_since(prev).unwrap() - 0.37).abs() < 1e-12);
    assert_eq!(e.rank_change_since(prev), Some(4));
    assert!((e.dimension_improvement_since(&f, 0, prev).unwrap() - 0.71).abs() < 1e-12);
    assert_eq!(prev.unwrap().band(&f), Some(1));
    // Another version of the framework: compared, with a warning.
    let warnings = check_baseline(&f, &[baseline]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, Code::W004);
}

#[test]
fn results_csv_reads_back_as_a_baseline() {
    let f = fw();
    let c2021 = compare(
        &f,
        vec![sub("32.73", 2021, 3.34), sub("32.77", 2021, 3.5)],
        &[],
    );
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        (
            "r.csv",
            crate::report::to_csv(&f, &c2021, crate::text::Lang::Id),
        ),
        (
            "r.json",
            crate::report::to_json(&f, &c2021, &[], crate::text::Lang::En),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (snaps, problems) = read_baseline(&path, &f);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(snaps.len(), 2);
        let c = compare(&f, vec![sub("32.73", 2022, 3.71)], &snaps);
        let e = &c.entries[0];
        let prev = c.previous(e);
        assert!(
            (e.improvement_since(prev).unwrap() - 0.37).abs() < 1e-9,
            "{name}"
        );
        assert_eq!(prev.unwrap().rank(), Some(2), "{name}");
        assert!(
            (e.dimension_improvement_since(&f, 0, prev).unwrap() - 0.37).abs() < 1e-9,
            "{name}"
        );
    }
}

#[test]
fn baseline_of_another_framework_is_left_out() {
    let f = fw();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.csv");
    std::fs::write(
        &path,
        "region_code,year,framework_id,framework_version,index\n32.73,2021,spbe-2020,2020,4.1\n",
    )
    .unwrap();
    let (snaps, problems) = read_baseline(&path, &f);
    assert!(snaps.is_empty());
    assert_eq!(problems[0].code, Code::E017);
}

#[test]
fn a_permutation_moves_every_item_to_its_place() {
    for order in [
        vec![],
        vec![0],
        vec![2, 0, 1],
        vec![1, 0, 3, 2, 4],
        vec![4, 3, 2, 1, 0],
        vec![3, 5, 0, 1, 2, 4],
    ] {
        let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
        super::permute(&mut items, &order);
        let want: Vec<usize> = order.iter().map(|&i| i * 10).collect();
        assert_eq!(items, want, "{order:?}");
    }
}
