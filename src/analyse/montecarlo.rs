//! Uncertainty and sensitivity of the ranks: Monte Carlo over the weights (and optionally the
//! answers), re-aggregating the scores computed once, with Saltelli's sampling scheme so that the
//! same runs give first-order and total sensitivity indices per input group.
//!
//! Row `j` of the two independent sample matrices A and B is drawn from its own generator
//! (PCG-64, seeded from `--seed` and the row), so results do not depend on threads. For each row
//! the model runs on A, on B, and on A with each group's inputs taken from B (A_B^i): N·(k + 2)
//! runs for k groups. The rank intervals are the N runs of A.

use super::cohort::{Cohort, Plan, moved_score, ranks_into};
use super::stats::nearest_rank;
use crate::framework::Framework;
use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use rayon::prelude::*;
use serde::Serialize;

/// The Monte Carlo's settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Settings {
    /// Rows of each sample matrix (N).
    pub samples: usize,
    /// The seed of every generator.
    pub seed: u64,
    /// Each weight is multiplied by a factor uniform in [1 − s, 1 + s).
    pub weight_spread: f64,
    /// Probability that an option answer moves one level; relative error bound of numbers.
    pub answer_noise: f64,
    /// Bootstrap replicates of the sensitivity indices.
    pub bootstrap: usize,
}

/// An uncertain input group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// The components' weights in the index.
    ComponentWeights,
    /// Dimension and sub-dimension weights.
    DimensionWeights,
    /// Indicator weights (within their dimension and their component).
    IndicatorWeights,
    /// The answers moved by `--answer-noise`.
    AnswerNoise,
}

impl Group {
    /// The name used in the outputs.
    pub fn id(self) -> &'static str {
        match self {
            Group::ComponentWeights => "component_weights",
            Group::DimensionWeights => "dimension_weights",
            Group::IndicatorWeights => "indicator_weights",
            Group::AnswerNoise => "answer_noise",
        }
    }
}

/// An index with its bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The estimate over all N rows.
    pub estimate: f64,
    /// 2.5 % of the bootstrap replicates (nearest rank).
    pub low: f64,
    /// 97.5 % of the bootstrap replicates (nearest rank).
    pub high: f64,
}

/// The share of the variance of ranks one input group explains.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupSensitivity {
    /// The group.
    pub group: Group,
    /// Uncertain inputs in it (weights, or answers that can move).
    pub inputs: usize,
    /// First-order index S_i (Saltelli 2010); `None` when the ranks do not vary.
    pub first_order: Option<Estimate>,
    /// Total index S_Ti (Jansen 1999); `None` when the ranks do not vary.
    pub total: Option<Estimate>,
}

/// One region-year's rank and index under uncertainty.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Robustness {
    /// Median rank (nearest rank, 50 %).
    pub rank_median: u32,
    /// 5 % and 95 % of the ranks (nearest rank).
    pub rank_p05: u32,
    /// See `rank_p05`.
    pub rank_p95: u32,
    /// 5 % and 95 % of the index.
    pub index_p05: f64,
    /// See `index_p05`.
    pub index_p95: f64,
    /// Share of runs in which the index falls in the nominal band.
    pub p_same_band: f64,
}

/// Everything the Monte Carlo found.
#[derive(Debug, Clone)]
pub struct MonteCarlo {
    /// By region-year of the cohort.
    pub regions: Vec<Robustness>,
    /// By input group.
    pub sensitivity: Vec<GroupSensitivity>,
    /// Σ over region-years of the variance of their rank (A and B runs), the denominator of the
    /// indices.
    pub rank_variance: f64,
}

/// One draw of every uncertain input: a factor per weight, a uniform per movable answer.
struct Draw {
    factors: Vec<f64>,
    noise: Vec<f64>,
}

/// Uniform in [0, 1) from the top 53 bits: the same on every platform.
fn uniform(rng: &mut Pcg64) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The generator of row `row` of matrix `matrix` (0 = A, 1 = B, 2 = bootstrap).
fn generator(seed: u64, matrix: u64, row: u64) -> Pcg64 {
    // SplitMix64's finaliser spreads (seed, matrix, row) over the 64 bits seed_from_u64 expands.
    let mut z =
        seed ^ matrix.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ row.wrapping_mul(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    Pcg64::seed_from_u64(z ^ (z >> 31))
}

struct Model<'a> {
    fw: &'a Framework,
    plan: Plan,
    cohort: &'a Cohort,
    settings: Settings,
    groups: Vec<Group>,
    /// Offsets of each region-year's movable answers in `Draw::noise`.
    noise_offsets: Vec<usize>,
    noise_len: usize,
}

impl Model<'_> {
    fn draw(&self, rng: &mut Pcg64) -> Draw {
        let s = self.settings.weight_spread;
        let factors = self
            .plan
            .base
            .iter()
            .map(|_| 1.0 + s * (2.0 * uniform(rng) - 1.0))
            .collect();
        let noise = if self.settings.answer_noise > 0.0 {
            (0..self.noise_len).map(|_| uniform(rng)).collect()
        } else {
            Vec::new()
        };
        Draw { factors, noise }
    }

    /// The range of `factors` a weight group covers.
    fn range(&self, g: Group) -> std::ops::Range<usize> {
        let [ni, nd, nc] = self.plan.counts;
        match g {
            Group::IndicatorWeights => 0..ni,
            Group::DimensionWeights => ni..ni + nd,
            Group::ComponentWeights => ni + nd..ni + nd + nc,
            Group::AnswerNoise => 0..0,
        }
    }

    /// A with group `g`'s inputs from B.
    fn mix(&self, a: &Draw, b: &Draw, g: Group) -> Draw {
        let mut factors = a.factors.clone();
        let mut noise = a.noise.clone();
        if g == Group::AnswerNoise {
            noise.clone_from(&b.noise);
        } else {
            let r = self.range(g);
            factors[r.clone()].copy_from_slice(&b.factors[r]);
        }
        Draw { factors, noise }
    }

    /// Index and rank of every region-year under one draw.
    fn run(&self, d: &Draw, scratch: &mut Scratch) -> (Vec<f64>, Vec<u32>) {
        for (w, (b, f)) in scratch
            .weights
            .iter_mut()
            .zip(self.plan.base.iter().zip(&d.factors))
        {
            *w = b * f;
        }
        let p = self.settings.answer_noise;
        let mut index = Vec::with_capacity(self.cohort.len());
        for r in 0..self.cohort.len() {
            let scores: &[Option<f64>] = if p > 0.0 {
                scratch.scores.clone_from(&self.cohort.scores[r]);
                let off = self.noise_offsets[r];
                for (k, m) in self.cohort.movable[r].iter().enumerate() {
                    scratch.scores[m.indicator()] = moved_score(self.fw, m, p, d.noise[off + k]);
                }
                &scratch.scores
            } else {
                &self.cohort.scores[r]
            };
            let v = self
                .plan
                .index(scores, &scratch.weights, &mut scratch.dims)
                .unwrap_or(f64::NEG_INFINITY);
            index.push(v);
        }
        let mut ranks = vec![0u32; index.len()];
        ranks_into(&index, &mut scratch.sorted, &mut ranks);
        (index, ranks)
    }
}

struct Scratch {
    weights: Vec<f64>,
    scores: Vec<Option<f64>>,
    dims: Vec<Option<f64>>,
    sorted: Vec<f64>,
}

/// A first-order and a total index, each `None` when the ranks do not vary.
type Indices = (Option<f64>, Option<f64>);

/// What one row contributes.
struct Row {
    index_a: Vec<f64>,
    rank_a: Vec<u32>,
    rank_b: Vec<u32>,
    /// Per group: Σ_r f_B (f_ABi − f_A), and Σ_r (f_A − f_ABi)².
    first: Vec<f64>,
    total: Vec<f64>,
}

/// Runs the Monte Carlo on `cohort` (at least one region-year).
pub(crate) fn run(fw: &Framework, cohort: &Cohort, settings: Settings) -> MonteCarlo {
    let plan = Plan::new(fw);
    let mut groups = Vec::new();
    if !fw.components.is_empty() {
        groups.push(Group::ComponentWeights);
    }
    groups.push(Group::DimensionWeights);
    groups.push(Group::IndicatorWeights);
    if settings.answer_noise > 0.0 {
        groups.push(Group::AnswerNoise);
    }
    let mut noise_offsets = Vec::with_capacity(cohort.len());
    let mut noise_len = 0;
    for m in &cohort.movable {
        noise_offsets.push(noise_len);
        noise_len += m.len();
    }
    let model = Model {
        fw,
        plan,
        cohort,
        settings,
        groups,
        noise_offsets,
        noise_len,
    };
    let n = settings.samples.max(1);
    let rows: Vec<Row> = (0..n)
        .into_par_iter()
        .map_init(
            || Scratch {
                weights: vec![0.0; model.plan.base.len()],
                scores: Vec::new(),
                dims: vec![None; fw.dimensions.len()],
                sorted: Vec::new(),
            },
            |scratch, j| {
                let a = model.draw(&mut generator(settings.seed, 0, j as u64));
                let b = model.draw(&mut generator(settings.seed, 1, j as u64));
                let (index_a, rank_a) = model.run(&a, scratch);
                let (_, rank_b) = model.run(&b, scratch);
                let mut first = Vec::with_capacity(model.groups.len());
                let mut total = Vec::with_capacity(model.groups.len());
                for &g in &model.groups {
                    let (_, rank_ab) = model.run(&model.mix(&a, &b, g), scratch);
                    let (mut s1, mut st) = (0.0, 0.0);
                    for r in 0..rank_a.len() {
                        let (fa, fb, fab) = (rank_a[r] as f64, rank_b[r] as f64, rank_ab[r] as f64);
                        s1 += fb * (fab - fa);
                        st += (fa - fab) * (fa - fab);
                    }
                    first.push(s1);
                    total.push(st);
                }
                Row {
                    index_a,
                    rank_a,
                    rank_b,
                    first,
                    total,
                }
            },
        )
        .collect();
    let regions = (0..cohort.len())
        .map(|r| robustness(fw, cohort, &rows, r))
        .collect();
    let all: Vec<usize> = (0..n).collect();
    let rank_variance = variance_sum(&rows, &all);
    let estimates: Vec<Indices> = (0..model.groups.len())
        .map(|g| indices(&rows, &all, g))
        .collect();
    let replicates: Vec<Vec<Indices>> = (0..settings.bootstrap)
        .into_par_iter()
        .map(|b| {
            let mut rng = generator(settings.seed, 2, b as u64);
            let pick: Vec<usize> = (0..n)
                .map(|_| ((uniform(&mut rng) * n as f64) as usize).min(n - 1))
                .collect();
            (0..model.groups.len())
                .map(|g| indices(&rows, &pick, g))
                .collect()
        })
        .collect();
    let sensitivity = model
        .groups
        .iter()
        .enumerate()
        .map(|(g, &group)| {
            let interval = |est: Option<f64>, take: fn(&Indices) -> Option<f64>| {
                let est = est?;
                let mut reps: Vec<f64> = replicates.iter().filter_map(|r| take(&r[g])).collect();
                reps.sort_by(f64::total_cmp);
                let (low, high) = if reps.is_empty() {
                    (est, est)
                } else {
                    (
                        nearest_rank_permille(&reps, 25),
                        nearest_rank_permille(&reps, 975),
                    )
                };
                Some(Estimate {
                    estimate: est,
                    low,
                    high,
                })
            };
            GroupSensitivity {
                group,
                inputs: match group {
                    Group::AnswerNoise => noise_len,
                    _ => model.range(group).len(),
                },
                first_order: interval(estimates[g].0, |e| e.0),
                total: interval(estimates[g].1, |e| e.1),
            }
        })
        .collect();
    MonteCarlo {
        regions,
        sensitivity,
        rank_variance,
    }
}

/// The nearest-rank percentile in tenths of a percent (25 = 2.5 %).
fn nearest_rank_permille(sorted: &[f64], permille: usize) -> f64 {
    let n = sorted.len();
    let rank = (permille * n).div_ceil(1000).max(1);
    sorted[rank.min(n) - 1]
}

/// Σ over region-years of the variance (divisor 2m) of their rank over the A and B runs of the
/// rows `pick` (m rows).
fn variance_sum(rows: &[Row], pick: &[usize]) -> f64 {
    let Some(first) = rows.first() else {
        return 0.0;
    };
    let regions = first.rank_a.len();
    let mut sum = vec![0.0f64; regions];
    let mut sq = vec![0.0f64; regions];
    for &j in pick {
        for (r, (a, b)) in rows[j].rank_a.iter().zip(&rows[j].rank_b).enumerate() {
            let (a, b) = (*a as f64, *b as f64);
            sum[r] += a + b;
            sq[r] += a * a + b * b;
        }
    }
    let m = 2.0 * pick.len() as f64;
    sum.iter()
        .zip(&sq)
        .map(|(s, q)| (q / m - (s / m) * (s / m)).max(0.0))
        .sum()
}

/// First-order and total index of group `g` over the rows `pick`: S = (1/m) Σ_j Σ_r
/// f_B(f_ABi − f_A) / V and S_T = (1/2m) Σ_j Σ_r (f_A − f_ABi)² / V, with V the summed rank
/// variance. `None` when V is 0.
fn indices(rows: &[Row], pick: &[usize], g: usize) -> Indices {
    let v = variance_sum(rows, pick);
    if v <= 0.0 || pick.is_empty() {
        return (None, None);
    }
    let m = pick.len() as f64;
    let s1: f64 = pick.iter().map(|&j| rows[j].first[g]).sum::<f64>() / m;
    let st: f64 = pick.iter().map(|&j| rows[j].total[g]).sum::<f64>() / (2.0 * m);
    (Some(s1 / v), Some(st / v))
}

fn robustness(fw: &Framework, cohort: &Cohort, rows: &[Row], r: usize) -> Robustness {
    let mut ranks: Vec<u32> = rows.iter().map(|row| row.rank_a[r]).collect();
    ranks.sort_unstable();
    let mut index: Vec<f64> = rows.iter().map(|row| row.index_a[r]).collect();
    index.sort_by(f64::total_cmp);
    let same = rows
        .iter()
        .filter(|row| fw.band_of(row.index_a[r]) == cohort.band[r])
        .count();
    Robustness {
        rank_median: nearest_rank(&ranks, 50),
        rank_p05: nearest_rank(&ranks, 5),
        rank_p95: nearest_rank(&ranks, 95),
        index_p05: nearest_rank(&index, 5),
        index_p95: nearest_rank(&index, 95),
        p_same_band: same as f64 / rows.len() as f64,
    }
}
