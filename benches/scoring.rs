//! Criterion benches for the scoring engine alone, without any file reading: how long it takes to
//! turn one validated submission into a scorecard, to score and rank a whole national batch, and
//! to understand the answer cells (the per-cell work `validate` does before scoring).
//!
//! `cargo bench --bench scoring`. The whole-pipeline numbers (files in, results out) come from
//! `bench/run.sh`; these say how much of that is the engine itself.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use smartcity::answers::{Cell, interpret};
use smartcity::compare::compare;
use smartcity::diagnostics::Place;
use smartcity::framework::{AnswerKind, DEFAULT_FRAMEWORK, Framework, builtin, load_file};
use smartcity::regions::{Region, all_villages, regencies};
use smartcity::scoring::score;
use smartcity::submission::{Answer, GivenAnswer, Source, Submission};
use std::hint::black_box;
use std::path::PathBuf;

fn kominfo() -> Framework {
    builtin(DEFAULT_FRAMEWORK)
        .expect("default framework is built in")
        .expect("default framework is valid")
}

fn desa_cerdas() -> Framework {
    load_file(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/desa-cerdas.toml"))
        .unwrap_or_else(|p| panic!("bench/desa-cerdas.toml: {p:?}"))
}

/// A deterministic, varied answer for indicator `i` of submission `n`: every option, numbers over
/// the whole range, N/A where allowed, a blank now and then.
fn answer(fw: &Framework, i: usize, n: usize) -> Option<(Answer, Cell)> {
    let ind = &fw.indicators[i];
    let k = (i * 7 + n * 13) % 17;
    if k == 0 {
        return None;
    }
    if ind.na_allowed && k == 1 {
        return Some((Answer::NotApplicable, Cell::Text("N/A".into())));
    }
    Some(match &fw.answer_sets[ind.answers].kind {
        AnswerKind::Options { options } => {
            let o = k % options.len();
            (
                Answer::Choice(o),
                Cell::Text(format!("{} - {}", options[o].code, options[o].label.id)),
            )
        }
        AnswerKind::Number { min, max, .. } => {
            let v = min + (max - min) * k as f64 / 16.0;
            (Answer::Number(v), Cell::Number(v))
        }
        AnswerKind::Target { .. } => {
            let v = ind.target.map_or(1.0, |t| t.value) * k as f64 / 14.0;
            (Answer::Number(v), Cell::Number(v))
        }
    })
}

fn submission(fw: &Framework, region: &Region, year: i32, n: usize) -> Submission {
    Submission {
        region: region.clone(),
        year,
        answers: (0..fw.indicators.len())
            .map(|i| {
                answer(fw, i, n).map(|(answer, cell)| {
                    GivenAnswer::with_detail(
                        answer,
                        cell_text(&cell),
                        None,
                        Place::Cell {
                            sheet: "Jawaban".into(),
                            row: i as u32 + 3,
                            col: 5,
                        },
                    )
                })
            })
            .collect(),
        framework_version: Some(fw.version.clone()),
        source: Source {
            file: PathBuf::from(format!("{}-{year}.xlsx", region.code)),
            place: Place::File,
            respondent: None,
        },
        review: None,
    }
}

fn cell_text(cell: &Cell) -> String {
    cell.display()
}

/// 514 regencies × `years` years.
fn regency_batch(fw: &Framework, years: std::ops::RangeInclusive<i32>) -> Vec<Submission> {
    let regions = regencies();
    years
        .flat_map(|y| regions.iter().map(move |r| (y, r)))
        .enumerate()
        .map(|(n, (y, r))| submission(fw, r, y, n))
        .collect()
}

fn bench_score_one(c: &mut Criterion) {
    let mut g = c.benchmark_group("score_one");
    let fw = kominfo();
    let sub = submission(&fw, &regencies()[0], 2024, 3);
    g.bench_function("kominfo_54_indicators", |b| {
        b.iter(|| score(black_box(&fw), black_box(&sub)))
    });
    let fw = desa_cerdas();
    let sub = submission(&fw, &all_villages()[0], 2024, 3);
    g.bench_function("desa_cerdas_30_indicators", |b| {
        b.iter(|| score(black_box(&fw), black_box(&sub)))
    });
    g.finish();
}

fn bench_compare(c: &mut Criterion) {
    let mut g = c.benchmark_group("score_and_rank");
    g.sample_size(20);
    let fw = kominfo();
    let batch = regency_batch(&fw, 2023..=2024);
    g.bench_function("kominfo_1028_region_years", |b| {
        b.iter_batched(
            || batch.clone(),
            |subs| compare(black_box(&fw), subs, &[]),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn bench_interpret(c: &mut Criterion) {
    let mut g = c.benchmark_group("interpret");
    let fw = kominfo();
    let cells: Vec<(usize, Cell)> = (0..fw.indicators.len())
        .filter_map(|i| answer(&fw, i, 5).map(|(_, cell)| (i, cell)))
        .collect();
    g.bench_function("kominfo_one_questionnaire", |b| {
        b.iter(|| {
            for (i, cell) in &cells {
                let _ = black_box(interpret(&fw, &fw.indicators[*i], black_box(cell)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_score_one, bench_compare, bench_interpret);
criterion_main!(benches);
