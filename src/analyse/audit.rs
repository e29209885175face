//! The statistical audit of a framework on a cohort: how each indicator's answers are spread and
//! how they go together with their dimension and the index; how coherent each dimension is
//! (Cronbach's α, the first principal component's share); how far the ranking moves when one
//! indicator is left out. Definitions in the README ("Analysis").

use super::cohort::{Cohort, Plan, ranks_into};
use super::stats;
use crate::framework::{Child, Framework};
use crate::scoring::IndicatorStatus;
use rayon::prelude::*;
use serde::Serialize;

/// One indicator over the cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorAudit {
    /// The indicator's id.
    pub id: String,
    /// Its parent dimension's id.
    pub dimension: String,
    /// Region-years where it was answered (and scored).
    pub n: usize,
    /// Shares of the cohort: answered, N/A, blank (required or optional).
    pub answered_share: f64,
    /// See `answered_share`.
    pub na_share: f64,
    /// See `answered_share`.
    pub missing_share: f64,
    /// Mean of the answered scores.
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub sd: Option<f64>,
    /// Adjusted skewness G1.
    pub skew: Option<f64>,
    /// Adjusted excess kurtosis G2.
    pub kurtosis: Option<f64>,
    /// Share of answered scores at the bottom / top of the framework's scale.
    pub at_min_share: Option<f64>,
    /// See `at_min_share`.
    pub at_max_share: Option<f64>,
    /// Different answers given (options, or numbers).
    pub distinct_answers: usize,
    /// Pearson's r with the parent dimension's score, over the region-years where it was answered.
    pub r_parent: Option<f64>,
    /// Pearson's r with the index.
    pub r_index: Option<f64>,
    /// Mean absolute rank shift when the indicator is left out everywhere.
    pub loo_rank_shift: Option<f64>,
}

/// One dimension (or sub-dimension) over the cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionAudit {
    /// The dimension's id.
    pub id: String,
    /// Indicators under it (sub-dimensions' included).
    pub indicators: usize,
    /// Cronbach's α over the complete region-years.
    pub cronbach_alpha: Option<f64>,
    /// Region-years where every indicator under it was answered.
    pub n_complete: usize,
    /// Share of the variance on the first principal component (covariance matrix of the same
    /// data).
    pub pc1_share: Option<f64>,
}

/// Two indicators of one dimension that go together almost perfectly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The dimension both belong to.
    pub dimension: String,
    /// The indicators.
    pub a: String,
    /// See `a`.
    pub b: String,
    /// Pearson's r over the region-years where both were answered.
    pub r: f64,
}

/// The audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// Region-years audited.
    pub region_years: usize,
    /// By indicator, in framework order.
    pub indicators: Vec<IndicatorAudit>,
    /// By dimension, in framework order.
    pub dimensions: Vec<DimensionAudit>,
    /// Indicator pairs with |r| above the redundancy threshold.
    pub redundant_pairs: Vec<Pair>,
}

/// |r| above which two indicators of one dimension are called redundant.
pub const REDUNDANT_R: f64 = 0.92;

/// The indicators under dimension `d`, sub-dimensions' included, in framework order.
pub(crate) fn indicators_under(fw: &Framework, d: usize) -> Vec<usize> {
    let mut out = Vec::new();
    fn walk(fw: &Framework, d: usize, out: &mut Vec<usize>) {
        for c in &fw.dimensions[d].children {
            match *c {
                Child::Indicator(i) => out.push(i),
                Child::Dimension(s) => walk(fw, s, out),
            }
        }
    }
    walk(fw, d, &mut out);
    out.sort_unstable();
    out
}

/// Audits `fw` on `cohort`.
pub(crate) fn audit(fw: &Framework, cohort: &Cohort) -> Audit {
    let n = cohort.len();
    let shifts = loo_shifts(fw, cohort);
    let tol = 1e-9 * (fw.scale.max - fw.scale.min).abs().max(1.0);
    let indicators = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let count = |st: &[IndicatorStatus]| {
                (0..n)
                    .filter(|&r| st.contains(&cohort.statuses[r][i]))
                    .count()
            };
            let answered: Vec<usize> = (0..n)
                .filter(|&r| {
                    cohort.statuses[r][i] == IndicatorStatus::Answered
                        && cohort.scores[r][i].is_some()
                })
                .collect();
            let x: Vec<f64> = answered
                .iter()
                .filter_map(|&r| cohort.scores[r][i])
                .collect();
            let parent: Vec<(f64, f64)> = answered
                .iter()
                .filter_map(|&r| Some((cohort.scores[r][i]?, cohort.dimensions[r][ind.parent]?)))
                .collect();
            let index: Vec<f64> = answered.iter().map(|&r| cohort.index[r]).collect();
            let mut keys: Vec<u64> = answered
                .iter()
                .filter_map(|&r| cohort.answer_keys[r][i])
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
            let at = |v: f64| {
                (!x.is_empty()).then(|| {
                    x.iter().filter(|s| (*s - v).abs() <= tol).count() as f64 / x.len() as f64
                })
            };
            let (px, py): (Vec<f64>, Vec<f64>) = parent.into_iter().unzip();
            IndicatorAudit {
                id: ind.id.clone(),
                dimension: fw.dimensions[ind.parent].id.clone(),
                n: x.len(),
                answered_share: share(count(&[IndicatorStatus::Answered])),
                na_share: share(count(&[IndicatorStatus::NotApplicable])),
                missing_share: share(count(&[
                    IndicatorStatus::MissingRequired,
                    IndicatorStatus::MissingOptional,
                ])),
                mean: stats::mean(&x),
                sd: stats::sd(&x),
                skew: stats::skewness(&x),
                kurtosis: stats::excess_kurtosis(&x),
                at_min_share: at(fw.scale.min),
                at_max_share: at(fw.scale.max),
                distinct_answers: keys.len(),
                r_parent: stats::pearson(&px, &py),
                r_index: stats::pearson(&x, &index),
                loo_rank_shift: shifts[i],
            }
        })
        .collect();
    let dimensions = (0..fw.dimensions.len())
        .map(|d| {
            let under = indicators_under(fw, d);
            let rows: Vec<Vec<f64>> = (0..n)
                .filter_map(|r| {
                    under
                        .iter()
                        .map(|&i| {
                            (cohort.statuses[r][i] == IndicatorStatus::Answered)
                                .then_some(cohort.scores[r][i])
                                .flatten()
                        })
                        .collect::<Option<Vec<f64>>>()
                })
                .collect();
            DimensionAudit {
                id: fw.dimensions[d].id.clone(),
                indicators: under.len(),
                cronbach_alpha: stats::cronbach_alpha(&rows),
                n_complete: rows.len(),
                pc1_share: stats::pc1_share(&rows),
            }
        })
        .collect();
    let mut redundant_pairs = Vec::new();
    for dim in &fw.dimensions {
        let own: Vec<usize> = dim
            .children
            .iter()
            .filter_map(|c| match *c {
                Child::Indicator(i) => Some(i),
                Child::Dimension(_) => None,
            })
            .collect();
        for (k, &a) in own.iter().enumerate() {
            for &b in &own[k + 1..] {
                let both = |i: usize, r: usize| {
                    (cohort.statuses[r][i] == IndicatorStatus::Answered)
                        .then_some(cohort.scores[r][i])
                        .flatten()
                };
                let (xa, xb): (Vec<f64>, Vec<f64>) = (0..n)
                    .filter_map(|r| Some((both(a, r)?, both(b, r)?)))
                    .unzip();
                if let Some(r) = stats::pearson(&xa, &xb)
                    && r.abs() > REDUNDANT_R
                {
                    redundant_pairs.push(Pair {
                        dimension: dim.id.clone(),
                        a: fw.indicators[a].id.clone(),
                        b: fw.indicators[b].id.clone(),
                        r,
                    });
                }
            }
        }
    }
    Audit {
        region_years: n,
        indicators,
        dimensions,
        redundant_pairs,
    }
}

/// For each indicator: the mean over the cohort of |rank without it − rank|, the indicator left
/// out everywhere as if answered N/A (its siblings' weights renormalised), the framework's own
/// weights otherwise; region-years left without an index are ranked nowhere and not counted.
fn loo_shifts(fw: &Framework, cohort: &Cohort) -> Vec<Option<f64>> {
    let plan = Plan::new(fw);
    (0..fw.indicators.len())
        .into_par_iter()
        .map(|i| {
            let mut dims = vec![None; fw.dimensions.len()];
            let mut scores = Vec::new();
            let mut kept = Vec::new();
            let mut values = Vec::new();
            for r in 0..cohort.len() {
                scores.clone_from(&cohort.scores[r]);
                scores[i] = None;
                if let Some(v) = plan.index(&scores, &plan.base, &mut dims) {
                    kept.push(r);
                    values.push(v);
                }
            }
            if kept.is_empty() {
                return None;
            }
            let mut ranks = vec![0u32; values.len()];
            ranks_into(&values, &mut Vec::new(), &mut ranks);
            let shift: f64 = kept
                .iter()
                .zip(&ranks)
                .map(|(&r, &k)| (k as f64 - cohort.rank[r] as f64).abs())
                .sum();
            Some(shift / kept.len() as f64)
        })
        .collect()
}
