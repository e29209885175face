//! Scores: indicator → sub-dimension → dimension → index by weighted means over answered
//! children, the component view, coverage and band. Pure arithmetic at full precision; nothing
//! here rounds: scores are computed exactly ([`exact`]) and each double is the nearest to its
//! exact value.

pub mod exact;
mod fraction;
pub mod next_band;
mod pattern;
pub mod self_assessed;

pub use pattern::ScoreCache;

use crate::framework::{AnswerKind, Framework, NumberScoring, Target};
use crate::submission::{Answer, Submission};
use serde::Serialize;

/// How an indicator entered the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    /// Answered and scored.
    Answered,
    /// Not applicable: left out, siblings renormalised.
    NotApplicable,
    /// Required but blank: scores the bottom of the scale.
    MissingRequired,
    /// Optional and blank: left out, siblings renormalised.
    MissingOptional,
}

/// An indicator's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndicatorScore {
    /// Why it has (or lacks) a score.
    pub status: IndicatorStatus,
    /// The score that enters aggregation; `None` when left out.
    pub score: Option<f64>,
}

/// Whether an index could be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexStatus {
    /// Computed.
    Computed,
    /// Too few indicators answered (below the framework's `min_coverage`).
    Insufficient,
}

/// Coverage of the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coverage {
    /// Indicators answered.
    pub answered: usize,
    /// Indicators answered N/A.
    pub not_applicable: usize,
    /// Indicators left blank (required or not).
    pub missing: usize,
    /// All indicators.
    pub total: usize,
}

impl Coverage {
    /// Share of indicators answered, 0–1.
    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.answered as f64 / self.total as f64
        }
    }
}

/// Every score of one submission.
#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    /// By indicator index.
    pub indicators: Vec<IndicatorScore>,
    /// By dimension index (sub-dimensions included); `None` where nothing was answered.
    pub dimensions: Vec<Option<f64>>,
    /// By component index; `None` where nothing was answered.
    pub components: Vec<Option<f64>>,
    /// The index; `None` when insufficient or nothing answered.
    pub index: Option<f64>,
    /// Whether the index was computed.
    pub status: IndexStatus,
    /// Band index into `Framework::bands`.
    pub band: Option<usize>,
    /// How much was answered.
    pub coverage: Coverage,
    /// The same scores as exact fractions: what bands and ranks compare.
    #[serde(skip)]
    pub exact: exact::ExactScores,
}

impl Scorecard {
    /// The exact index, when computed.
    pub fn exact_index(&self) -> Option<&exact::Exact> {
        self.index.and(self.exact.index.as_ref())
    }
}

/// The score of one answer on the framework's scale, in floating point: the same rule as
/// [`exact::answer_score`], which scoring uses. This one serves `analyse`'s answer noise, which
/// re-scores answers millions of times; going through exact fractions there made a 1,028-workbook
/// analysis with answer noise 36× slower (2.6 s → 93.6 s).
pub fn answer_score(fw: &Framework, ind: usize, answer: &Answer) -> Option<f64> {
    let indicator = &fw.indicators[ind];
    let scale = fw.scale;
    match (answer, &fw.answer_set_of(ind).kind) {
        (Answer::NotApplicable, _) => None,
        (Answer::Choice(i), AnswerKind::Options { options }) => options.get(*i).map(|o| o.value),
        (
            Answer::Number(n),
            AnswerKind::Number {
                min,
                max,
                scoring,
                table,
                closure,
                ..
            },
        ) => match scoring {
            NumberScoring::Value => Some(*n),
            NumberScoring::Linear => {
                Some(scale.min + (n - min) / (max - min) * (scale.max - scale.min))
            }
            // The reader keeps numbers within min–max, which the table covers exactly.
            NumberScoring::Table => closure
                .find(table.iter().map(|r| (r.from, r.to)), *n)
                .map(|r| table[r].score),
        },
        (Answer::Number(n), AnswerKind::Target { bands }) => {
            indicator.target.map(|t| target_score(*n, t, bands))
        }
        _ => None,
    }
}

/// U4SSC-style scoring: the share of the target achieved picks the band.
fn target_score(value: f64, target: Target, bands: &[crate::framework::TargetBand]) -> f64 {
    let achieved = if target.lower_is_better {
        if value <= 0.0 {
            f64::INFINITY
        } else {
            target.value / value
        }
    } else {
        value / target.value
    };
    bands
        .iter()
        .rev()
        .find(|b| achieved >= b.from)
        .or(bands.first())
        .map_or(0.0, |b| b.score)
}

/// Weighted mean of the `Some` values in floating point; `None` if there are none. Scoring is
/// exact ([`exact`]); this is for re-aggregating the same scores thousands of times under other
/// weights (`analyse`), where a last-bit difference cannot move a published result. A mean cannot leave the range of
/// what it averages, but floating point can land an ulp outside (0.01·−7 / 0.01 ≠ −7), which would
/// push a top score past the top band; the result is clamped back into that range.
pub(crate) fn weighted_mean(items: impl IntoIterator<Item = (f64, Option<f64>)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    // The same sums with weights scaled by an exact power of two, used only if the plain ones
    // overflow: the result never becomes NaN or infinite (nor panics in `clamp`).
    let (mut small_sum, mut small_weights) = (0.0, 0.0);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (w, v) in items {
        if let Some(v) = v {
            sum += w * v;
            weights += w;
            small_sum += (w * SMALL) * v;
            small_weights += w * SMALL;
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let mean = sum / weights;
    let mean = if mean.is_finite() {
        mean
    } else {
        small_sum / small_weights
    };
    (weights > 0.0 && mean.is_finite() && lo <= hi).then(|| mean.clamp(lo, hi))
}

/// 2⁻⁶⁰⁰: weights up to the largest double, times this, add up without overflowing.
const SMALL: f64 = f64::from_bits((1023 - 600) << 52);

/// Scores a submission, by the general path: every mean taken as the framework nests it, on
/// exact fractions. [`score_with`] gives the same scorecard for less.
pub fn score(fw: &Framework, sub: &Submission) -> Scorecard {
    let (statuses, scores): (Vec<IndicatorStatus>, Vec<Option<exact::Exact>>) = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| match &sub.answers[i] {
            Some(given) if given.answer == Answer::NotApplicable => {
                (IndicatorStatus::NotApplicable, None)
            }
            Some(given) => (
                IndicatorStatus::Answered,
                exact::answer_score(fw, i, &given.answer),
            ),
            None if ind.required => (
                IndicatorStatus::MissingRequired,
                Some(exact::decimal(fw.scale.min)),
            ),
            None => (IndicatorStatus::MissingOptional, None),
        })
        .unzip();
    score_indicators(fw, statuses, scores)
}

/// Aggregates indicator scores into dimensions, components, index and band, exactly.
pub(crate) fn score_indicators(
    fw: &Framework,
    statuses: Vec<IndicatorStatus>,
    scores: Vec<Option<exact::Exact>>,
) -> Scorecard {
    let indicators: Vec<IndicatorScore> = statuses
        .into_iter()
        .zip(&scores)
        .map(|(status, s)| IndicatorScore {
            status,
            score: s.as_ref().map(exact::to_f64),
        })
        .collect();
    let exact = exact::aggregate(fw, scores);
    let coverage = coverage(&indicators);
    let status = index_status(&coverage, &exact::decimal(fw.min_coverage));
    assemble(indicators, exact, coverage, status, |v| {
        exact::band_of(fw, v)
    })
}

/// [`score`] of the same submission, working out once in `cache` what region-years answering
/// the same indicators share (see [`ScoreCache`]): the same scorecard, bit for bit.
pub fn score_with(fw: &Framework, cache: &ScoreCache, sub: &Submission) -> Scorecard {
    cache.score(fw, sub).unwrap_or_else(|| score(fw, sub))
}

/// How much of the questionnaire the indicators' statuses cover.
fn coverage(indicators: &[IndicatorScore]) -> Coverage {
    let mut coverage = Coverage {
        answered: 0,
        not_applicable: 0,
        missing: 0,
        total: indicators.len(),
    };
    for s in indicators {
        match s.status {
            IndicatorStatus::Answered => coverage.answered += 1,
            IndicatorStatus::NotApplicable => coverage.not_applicable += 1,
            IndicatorStatus::MissingRequired | IndicatorStatus::MissingOptional => {
                coverage.missing += 1;
            }
        }
    }
    coverage
}

/// Whether `coverage` meets the framework's `min_coverage` (given exactly).
fn index_status(coverage: &Coverage, min_coverage: &exact::Exact) -> IndexStatus {
    // Coverage against the minimum exactly too: 1 of 3 answered meets `min_coverage = 0.3333`
    // only if it is at least that.
    let share = exact::Exact::ratio(coverage.answered as i128, coverage.total.max(1) as i128);
    if share < *min_coverage || coverage.answered == 0 {
        IndexStatus::Insufficient
    } else {
        IndexStatus::Computed
    }
}

/// The scorecard of exact scores: each double the nearest to its fraction, the index withheld
/// when coverage is insufficient, its band found by `band_of`.
fn assemble(
    indicators: Vec<IndicatorScore>,
    exact: exact::ExactScores,
    coverage: Coverage,
    status: IndexStatus,
    band_of: impl FnOnce(&exact::Exact) -> Option<usize>,
) -> Scorecard {
    let near = |v: &[Option<exact::Exact>]| -> Vec<Option<f64>> {
        v.iter().map(|s| s.as_ref().map(exact::to_f64)).collect()
    };
    let dimensions = near(&exact.dimensions);
    let components = near(&exact.components);
    let index = exact
        .index
        .as_ref()
        .filter(|_| status == IndexStatus::Computed);
    Scorecard {
        band: index.and_then(band_of),
        index: index.map(exact::to_f64),
        indicators,
        dimensions,
        components,
        status,
        coverage,
        exact,
    }
}

#[cfg(test)]
mod tests;
