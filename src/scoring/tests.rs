//! Scores against hand-computed cases.

use super::*;
use crate::framework::{Framework, parse};
use crate::submission::{GivenAnswer, Submission};
use std::path::Path;

fn fw(src: &str) -> Framework {
    parse(Path::new("test.toml"), src).unwrap_or_else(|p| panic!("{p:#?}"))
}

fn example() -> Framework {
    fw(include_str!("../../tests/fixtures/frameworks/example.toml"))
}

/// A submission for Kota Bandung 2022 with the given answers by indicator id.
fn sub(fw: &Framework, answers: &[(&str, Answer)]) -> Submission {
    let mut given = vec![None; fw.indicators.len()];
    for (id, a) in answers {
        given[fw.indicator_by_id(id).expect(id)] = Some(GivenAnswer::new(*a));
    }
    // Scoring needs no file: the answers are all there is.
    Submission::new(crate::regions::lookup("32.73").unwrap(), 2022, given)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

/// Five components, one value-scored indicator each, weighted as Kominfo publishes.
const KOMINFO_COMPONENTS: &str = r#"
[framework]
id = "k"
version = "1"
title = { id = "k", en = "k" }
scale = { min = 0, max = 4 }
levels = ["regency"]
index = "components"

[answer_sets.score]
kind = "number"
min = 0
max = 4

[[component]]
id = "baseline"
label = { id = "Baseline", en = "Baseline" }
weight = 0.10
[[component]]
id = "output"
label = { id = "Output", en = "Output" }
weight = 0.20
[[component]]
id = "outcome"
label = { id = "Outcome", en = "Outcome" }
weight = 0.30
[[component]]
id = "impact"
label = { id = "Impact", en = "Impact" }
weight = 0.20
[[component]]
id = "quick_win"
label = { id = "Quick Win", en = "Quick Win" }
weight = 0.20

[[dimension]]
id = "D"
label = { id = "D", en = "D" }

[[indicator]]
id = "B"
parent = "D"
component = "baseline"
answers = "score"
label = { id = "b", en = "b" }
question = { id = "b", en = "b" }
[[indicator]]
id = "O"
parent = "D"
component = "output"
answers = "score"
label = { id = "o", en = "o" }
question = { id = "o", en = "o" }
[[indicator]]
id = "C"
parent = "D"
component = "outcome"
answers = "score"
label = { id = "c", en = "c" }
question = { id = "c", en = "c" }
[[indicator]]
id = "I"
parent = "D"
component = "impact"
answers = "score"
label = { id = "i", en = "i" }
question = { id = "i", en = "i" }
[[indicator]]
id = "Q"
parent = "D"
component = "quick_win"
answers = "score"
label = { id = "q", en = "q" }
question = { id = "q", en = "q" }

[[band]]
from = 0
to = 4
label = { id = "x", en = "x" }
"#;

fn components(values: [f64; 5]) -> f64 {
    let f = fw(KOMINFO_COMPONENTS);
    let ids = ["B", "O", "C", "I", "Q"];
    let answers: Vec<(&str, Answer)> = ids
        .iter()
        .zip(values)
        .map(|(id, v)| (*id, Answer::Number(v)))
        .collect();
    score(&f, &sub(&f, &answers)).index.unwrap()
}

#[test]
fn kota_kediri_2022_components_give_3_315() {
    // 0.1·3.60 + 0.2·3.21 + 0.3·3.23 + 0.2·3.07 + 0.2·3.65 = 3.315 (published 3.31)
    assert!(close(components([3.60, 3.21, 3.23, 3.07, 3.65]), 3.315));
}

#[test]
fn kota_jambi_2024_components_give_3_475() {
    // 0.1·3.84 + 0.2·3.18 + 0.3·3.53 + 0.2·3.63 + 0.2·3.35 = 3.475 (published 3.48)
    assert!(close(components([3.84, 3.18, 3.53, 3.63, 3.35]), 3.475));
}

#[test]
fn readme_example_hand_computed() {
    let f = example();
    let s = score(
        &f,
        &sub(
            &f,
            &[
                ("GOV-LP-01", Answer::Choice(3)),
                ("GOV-LP-02", Answer::Number(50.0)),
                ("ENV-01", Answer::Number(80.0)),
            ],
        ),
    );
    // output = GOV-LP-01 = 3 (ENV-02 optional and blank: left out); outcome = 50 % linear = 2;
    // impact = 80 % of target 100 → band from 0.66 → 3. Index = 0.4·3 + 0.4·2 + 0.2·3 = 2.6.
    assert!(close(s.components[0].unwrap(), 3.0));
    assert!(close(s.components[1].unwrap(), 2.0));
    assert!(close(s.components[2].unwrap(), 3.0));
    assert!(close(s.index.unwrap(), 2.6));
    assert_eq!(f.bands[s.band.unwrap()].label.en, "Good");
    // Dimensions are still reported: GOV.LP = (3 + 2) / 2, GOV = GOV.LP, ENV = ENV-01 alone.
    let d = |id: &str| s.dimensions[f.dimensions.iter().position(|d| d.id == id).unwrap()];
    assert!(close(d("GOV").unwrap(), 2.5));
    assert!(close(d("GOV.LP").unwrap(), 2.5));
    assert!(close(d("ENV").unwrap(), 3.0));
    assert_eq!(s.coverage.answered, 3);
    assert!(close(s.coverage.share(), 0.75));
}

#[test]
fn not_applicable_renormalises_instead_of_counting_zero() {
    let f = example();
    let with_na = score(
        &f,
        &sub(
            &f,
            &[
                ("GOV-LP-01", Answer::Choice(4)),
                ("GOV-LP-02", Answer::Number(100.0)),
                ("ENV-01", Answer::NotApplicable),
                ("ENV-02", Answer::Choice(1)), // tidak = 0
            ],
        ),
    );
    // impact has nothing answered → left out: index = (0.4·output + 0.4·outcome) / 0.8,
    // output = mean(4, 0) = 2, outcome = 4 → (0.8 + 1.6) / 0.8 = 3.
    assert_eq!(with_na.components[2], None);
    assert!(close(with_na.index.unwrap(), 3.0));
    assert_eq!(with_na.coverage.not_applicable, 1);
}

#[test]
fn required_blank_scores_bottom_of_scale() {
    let f = example();
    let s = score(
        &f,
        &sub(
            &f,
            &[
                ("GOV-LP-02", Answer::Number(100.0)),
                ("ENV-01", Answer::Number(100.0)),
            ],
        ),
    );
    // GOV-LP-01 required and blank → 0: output = 0, outcome = 4, impact = 4 →
    // 0.4·0 + 0.4·4 + 0.2·4 = 2.4
    assert_eq!(s.indicators[0].status, IndicatorStatus::MissingRequired);
    assert!(close(s.index.unwrap(), 2.4));
}

#[test]
fn coverage_below_minimum_withholds_the_index() {
    let f = example(); // min_coverage = 0.5: 1 of 4 answered is not enough
    let s = score(&f, &sub(&f, &[("GOV-LP-02", Answer::Number(100.0))]));
    assert_eq!(s.status, IndexStatus::Insufficient);
    assert_eq!(s.index, None);
    assert_eq!(s.band, None);
    // Dimension scores are still available for diagnosis.
    assert!(s.dimensions.iter().any(Option::is_some));
}

#[test]
fn bands_at_their_edges() {
    let f = example(); // [0,2) Kurang, [2,3) Baik, [3,4] Sangat Baik
    assert_eq!(f.band_of(0.0), Some(0));
    assert_eq!(f.band_of(1.999_999_999), Some(0));
    assert_eq!(f.band_of(2.0), Some(1));
    assert_eq!(f.band_of(3.0), Some(2));
    assert_eq!(f.band_of(4.0), Some(2));
    assert_eq!(f.band_of(4.000_001), None);
    assert_eq!(f.band_of(-0.1), None);
}

#[test]
fn target_bands_and_direction() {
    let f = example();
    let i = f.indicator_by_id("ENV-01").unwrap();
    let s = |v| answer_score(&f, i, &Answer::Number(v)).unwrap();
    assert_eq!(s(0.0), 1.0);
    assert_eq!(s(32.9), 1.0);
    assert_eq!(s(33.0), 2.0);
    assert_eq!(s(65.9), 2.0);
    assert_eq!(s(66.0), 3.0);
    assert_eq!(s(95.0), 4.0);
    assert_eq!(s(250.0), 4.0);
    let lower = Target {
        value: 10.0,
        lower_is_better: true,
    };
    let bands = match &f.answer_set_of(i).kind {
        AnswerKind::Target { bands } => bands.clone(),
        _ => unreachable!(),
    };
    assert_eq!(target_score(20.0, lower, &bands), 2.0); // 50 % achieved
    assert_eq!(target_score(10.0, lower, &bands), 4.0);
    assert_eq!(target_score(0.0, lower, &bands), 4.0);
}

#[test]
fn nested_weights_match_the_flat_spbe_formula() {
    let f = crate::framework::builtin("spbe-2020").unwrap().unwrap();
    // Levels cycling 0..=5 over the 47 indicators.
    let answers: Vec<(String, Answer)> = f
        .indicators
        .iter()
        .enumerate()
        .map(|(k, ind)| (ind.id.clone(), Answer::Choice(k % 6)))
        .collect();
    let refs: Vec<(&str, Answer)> = answers.iter().map(|(id, a)| (id.as_str(), *a)).collect();
    let s = score(&f, &sub_for(&f, &refs, "32"));
    // Index = Σ wᵢ·levelᵢ / Σ wᵢ with the official per-indicator weights.
    let total_w: f64 = f.indicators.iter().map(|i| i.weight).sum();
    assert!((total_w - 100.0).abs() < 1e-9);
    let flat: f64 = f
        .indicators
        .iter()
        .enumerate()
        .map(|(k, i)| i.weight * (k % 6) as f64)
        .sum::<f64>()
        / 100.0;
    assert!(
        (s.index.unwrap() - flat).abs() < 1e-12,
        "{} vs {flat}",
        s.index.unwrap()
    );
}

fn sub_for(fw: &Framework, answers: &[(&str, Answer)], code: &str) -> Submission {
    let mut s = sub(fw, answers);
    s.region = crate::regions::lookup(code).unwrap();
    s
}

#[test]
fn the_floating_point_mean_skips_missing_and_never_overflows() {
    assert_eq!(weighted_mean([(1.0, None), (2.0, None)]), None);
    assert!(close(
        weighted_mean([(1.0, Some(1.0)), (3.0, Some(3.0)), (5.0, None)]).unwrap(),
        2.5
    ));
    let huge = weighted_mean([(1.7e308, Some(4.0)), (1.7e308, Some(2.0))]);
    assert!(huge.is_some_and(|m| (m - 3.0).abs() < 1e-9), "{huge:?}");
    let nan = weighted_mean([(1.0, Some(f64::NAN)), (1.0, Some(2.0))]);
    assert!(nan.is_none_or(|m| m.is_finite()));
}

mod machine_integers {
    use crate::scoring::exact::{self, Exact};
    use num_bigint::BigInt;
    use num_rational::BigRational;
    use proptest::prelude::*;

    /// A fraction from small parts scaled by `10^scale`: small enough for i128 when `scale` is
    /// low, far past it when high.
    fn fraction(n: i64, d: i64, scale: u32) -> Exact {
        let ten = BigInt::from(10).pow(scale);
        Exact::from_big(BigRational::new(
            BigInt::from(n) * &ten,
            BigInt::from(d.max(1)) * (&ten + 1),
        ))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The order, weighted means and `w × (a − b)` taken on machine integers while they fit
        /// are those of big fractions, overflow or not.
        #[test]
        fn fast_paths_give_the_fractions_of_big_arithmetic(
            parts in proptest::collection::vec((-1_000_000i64..1_000_000, 1i64..100_000, 0u32..30), 2..8),
        ) {
            let xs: Vec<Exact> = parts.iter().map(|&(n, d, s)| fraction(n, d, s)).collect();
            let big = |x: &Exact| x.to_big();
            let bigs: Vec<BigRational> = xs.iter().map(big).collect();
            for (a, x) in xs.iter().zip(&bigs) {
                for (b, y) in xs.iter().zip(&bigs) {
                    prop_assert_eq!(exact::cmp(a, b), x.cmp(y));
                    prop_assert_eq!(big(&exact::times_difference(a, b, a)), x * (y - x));
                }
            }
            let pairs: Vec<(Exact, Option<&Exact>)> =
                xs.iter().rev().map(|w| (w.clone(), Some(w))).chain(
                    xs.iter().map(|w| (w.clone(), xs.first())),
                ).collect();
            let (mut sum, mut weights) = (BigRational::from_integer(0.into()), BigRational::from_integer(0.into()));
            for (w, v) in &pairs {
                sum += big(w) * big(v.unwrap());
                weights += big(w);
            }
            let expected = (weights != BigRational::from_integer(0.into())).then(|| sum / weights);
            prop_assert_eq!(exact::mean(pairs).as_ref().map(big), expected);
        }
    }
}

/// The common-denominator paths ([`score_with`], [`next_band::plan_with`]) against the general
/// ones ([`score`], [`next_band::plan`]) on the built-in frameworks, the README example and the
/// benchmark's, with random answers of every kind: the same scorecards and plans, bit for bit.
mod common_denominator {
    use super::*;
    use crate::scoring::next_band::{self, PlanCache};
    use proptest::prelude::*;

    fn frameworks() -> Vec<Framework> {
        let mut all: Vec<Framework> = ["kominfo-smart-city", "spbe-2020", "pemdi-2026", "idm"]
            .iter()
            .map(|id| crate::framework::builtin(id).unwrap().unwrap())
            .collect();
        all.push(example());
        all.push(fw(include_str!("../../bench/desa-cerdas.toml")));
        all.push(fw(&long_weights()));
        all
    }

    /// A framework whose weights have fifteen significant digits at three levels: the weights
    /// on one denominator pass what machine integers hold, so scoring must fall back.
    fn long_weights() -> String {
        let mut t = String::from(
            "[framework]\nid = \"w\"\nversion = \"1\"\ntitle = { id = \"w\", en = \"w\" }\n\
             scale = { min = 0, max = 4 }\nlevels = [\"regency\"]\n\n\
             [answer_sets.pct]\nkind = \"number\"\nmin = 0\nmax = 100\nscoring = \"linear\"\n\n",
        );
        let weights = [
            "0.123456789012347",
            "0.987654321098773",
            "0.314159265358979",
            "0.271828182845905",
        ];
        for (d, w) in weights.iter().enumerate() {
            t += &format!(
                "[[dimension]]\nid = \"D{d}\"\nlabel = {{ id = \"d\", en = \"d\" }}\nweight = {w}\n\n"
            );
            for (s, v) in weights.iter().enumerate() {
                t += &format!(
                    "[[dimension]]\nid = \"D{d}.{s}\"\nparent = \"D{d}\"\n\
                     label = {{ id = \"d\", en = \"d\" }}\nweight = {v}\n\n"
                );
                for (k, u) in weights.iter().enumerate().take(2) {
                    t += &format!(
                        "[[indicator]]\nid = \"I{d}{s}{k}\"\nparent = \"D{d}.{s}\"\nanswers = \"pct\"\n\
                         weight = {u}\nlabel = {{ id = \"i\", en = \"i\" }}\n\
                         question = {{ id = \"q\", en = \"q\" }}\n\n"
                    );
                }
            }
        }
        t += "[[band]]\nfrom = 0\nto = 1.7\nlabel = { id = \"a\", en = \"a\" }\n\
              [[band]]\nfrom = 1.7\nto = 3.1\nlabel = { id = \"b\", en = \"b\" }\n\
              [[band]]\nfrom = 3.1\nto = 4\nlabel = { id = \"c\", en = \"c\" }\n";
        t
    }

    /// One answer drawn for indicator `i`: `kind` picks blank, N/A or a value, `u` where in the
    /// range, `decimals` how it is typed.
    fn answer(f: &Framework, i: usize, kind: u8, u: u32, decimals: u8) -> Option<Answer> {
        let round = |x: f64| {
            let p = 10f64.powi(i32::from(decimals % 5));
            (x * p).round() / p
        };
        let share = f64::from(u % 100_001) / 100_000.0;
        match kind % 10 {
            0 => return None,
            1 => return Some(Answer::NotApplicable),
            _ => {}
        }
        Some(match &f.answer_set_of(i).kind {
            AnswerKind::Options { options } => Answer::Choice(u as usize % options.len()),
            AnswerKind::Number { min, max, .. } => {
                Answer::Number(round(min + (max - min) * share).clamp(*min, *max))
            }
            AnswerKind::Target { .. } => {
                let goal = f.indicators[i].target.map_or(1.0, |t| t.value);
                Answer::Number(round(goal * 1.5 * share))
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_same_scorecards_and_plans(
            draws in proptest::collection::vec(
                proptest::collection::vec((any::<u8>(), any::<u32>(), any::<u8>()), 64),
                4,
            ),
        ) {
            for f in frameworks() {
                // One cache for several region-years, as a run shares it.
                let cache = PlanCache::default();
                for draw in &draws {
                    let answers: Vec<Option<GivenAnswer>> = (0..f.indicators.len())
                        .map(|i| {
                            let (kind, u, decimals) = draw[i % draw.len()];
                            answer(&f, i, kind, u, decimals).map(GivenAnswer::new)
                        })
                        .collect();
                    let s = Submission::new(crate::regions::lookup("32.73").unwrap(), 2022, answers);
                    let general = score(&f, &s);
                    let fast = score_with(&f, cache.scoring(), &s);
                    prop_assert_eq!(format!("{general:?}"), format!("{fast:?}"), "{}", f.id);
                    let plan = next_band::plan(&f, &s, &general);
                    let fast_plan = next_band::plan_with(&f, &cache, &s, &fast);
                    prop_assert_eq!(format!("{plan:?}"), format!("{fast_plan:?}"), "{}", f.id);
                }
            }
        }
    }

    /// The framework of fifteen-digit weights does take the general path (else the test above
    /// would not cover it).
    #[test]
    fn weights_past_machine_integers_fall_back() {
        let f = fw(&long_weights());
        let answers = (0..f.indicators.len())
            .map(|i| Some(GivenAnswer::new(Answer::Number(i as f64 * 3.3))))
            .collect();
        let s = Submission::new(crate::regions::lookup("32.73").unwrap(), 2022, answers);
        let cache = ScoreCache::default();
        assert!(cache.score(&f, &s).is_none());
        assert!(score_with(&f, &cache, &s).index.is_some());
    }
}
