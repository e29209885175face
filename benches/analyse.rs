//! Criterion bench of `smartcity analyse`'s engine: the Monte Carlo over the 514 regencies
//! (Kominfo framework, 54 indicators) with the default settings, 1,000 samples, and the
//! statistical audit. No file reading: the batch is built in memory and scored once.
//!
//! `cargo bench --bench analyse`.

use criterion::{Criterion, criterion_group, criterion_main};
use smartcity::analyse::{Settings, analyse};
use smartcity::compare::{Comparison, compare};
use smartcity::framework::{AnswerKind, DEFAULT_FRAMEWORK, Framework, builtin};
use smartcity::regions::regencies;
use smartcity::submission::{Answer, GivenAnswer, Submission};
use std::hint::black_box;

fn kominfo() -> Framework {
    builtin(DEFAULT_FRAMEWORK)
        .expect("default framework is built in")
        .expect("default framework is valid")
}

/// A region's level of maturity plus noise, so that answers go together as real ones do.
fn batch(fw: &Framework) -> Comparison {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let subs: Vec<Submission> = regencies()
        .iter()
        .map(|r| {
            let level = next();
            let answers = fw
                .indicators
                .iter()
                .enumerate()
                .map(|(i, _)| {
                    let u = (level + 0.5 * (next() - 0.5)).clamp(0.0, 0.999);
                    Some(GivenAnswer::new(match &fw.answer_set_of(i).kind {
                        AnswerKind::Options { options } => {
                            Answer::Choice((u * options.len() as f64) as usize)
                        }
                        AnswerKind::Number { min, max, .. } => {
                            Answer::Number(min + u * (max - min))
                        }
                        AnswerKind::Target { .. } => Answer::Number(u * 100.0),
                    }))
                })
                .collect();
            Submission::new(r.clone(), 2024, answers)
        })
        .collect();
    compare(fw, subs, &[])
}

fn bench_analyse(c: &mut Criterion) {
    let fw = kominfo();
    let cmp = batch(&fw);
    let mut g = c.benchmark_group("analyse");
    g.sample_size(10);
    g.bench_function("regencies_514_samples_1000", |b| {
        b.iter(|| analyse(black_box(&fw), black_box(&cmp), None, Settings::default()))
    });
    g.bench_function("regencies_514_samples_1000_noise_0.05", |b| {
        let s = Settings {
            answer_noise: 0.05,
            ..Settings::default()
        };
        b.iter(|| analyse(black_box(&fw), black_box(&cmp), None, s))
    });
    g.finish();
}

criterion_group!(benches, bench_analyse);
criterion_main!(benches);
