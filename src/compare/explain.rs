//! What drove the change of an index between a region's previous computed year and this one.
//!
//! The index is the sum of weight in index × score over the scored indicators (see
//! [`crate::scoring::exact::weights_in_index`]), in both years, with each year's own weights
//! (renormalisation may give an indicator another weight when a sibling turns N/A). Indicator
//! `i`'s contribution is `w·s − v·p` (`w`, `s` this year's weight and score, `v`, `p` the
//! previous year's; 0 for an indicator not scored that year), so the contributions add up to
//! the improvement exactly. Each is split into a score effect `(w+v)/2 · (s−p)` and a weight
//! effect `(s+p)/2 · (w−v)` (an indicator scored in only one of the two years is all weight
//! effect). A dimension's contribution is the sum over the indicators under it, a component's
//! over its indicators. All of it is computed on exact fractions; the doubles shown are the
//! nearest to them.

use super::{Entry, Previous};
use crate::framework::Framework;
use crate::scoring::exact::{self, Exact};

/// Weight in index and score by indicator, when both exist.
fn terms(fw: &Framework, e: &Entry) -> Vec<Option<(Exact, Exact)>> {
    if e.scorecard.exact_index().is_none() {
        return Vec::new();
    }
    let scores = &e.scorecard.exact;
    exact::weights_in_index(fw, scores)
        .into_iter()
        .zip(&scores.indicators)
        .map(|(w, s)| w.zip(s.clone()))
        .collect()
}

/// One indicator's share of the change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contribution {
    /// `w·s − v·p`.
    pub contribution: f64,
    /// `(w+v)/2 · (s−p)`.
    pub score_effect: f64,
    /// `(s+p)/2 · (w−v)`.
    pub weight_effect: f64,
}

/// The improvement of one region-year, decomposed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The year compared with.
    pub from_year: i32,
    /// The improvement (the sum of the contributions).
    pub improvement: f64,
    /// By indicator, in framework order.
    pub by_indicator: Vec<Contribution>,
    /// By dimension, sub-dimensions included, in framework order.
    pub by_dimension: Vec<f64>,
    /// By component, in framework order.
    pub by_component: Vec<f64>,
}

impl Change {
    /// The dimension that moved most (largest absolute contribution; the first on ties), among
    /// the top-level dimensions.
    pub fn top_dimension(&self, fw: &Framework) -> Option<usize> {
        fw.top_dimensions()
            .map(|(d, _)| d)
            .filter(|&d| self.by_dimension[d] != 0.0)
            .fold(None, |best: Option<usize>, d| match best {
                Some(b) if self.by_dimension[b].abs() >= self.by_dimension[d].abs() => Some(b),
                _ => Some(d),
            })
    }
}

/// The change of `e` since `prev`, its previous computed year (see
/// `Comparison::previous`), when both years' indicators are at hand (the previous year from this
/// run's inputs, not a baseline file) and both indices computed.
pub fn change(fw: &Framework, e: &Entry, prev: Option<Previous<'_>>) -> Option<Change> {
    let prev = prev?.entry()?;
    let (now_index, before_index) = (e.scorecard.exact_index()?, prev.scorecard.exact_index()?);
    let now = terms(fw, e);
    let before = terms(fw, prev);
    let n = fw.indicators.len();
    if now.len() != n || before.len() != n {
        return None;
    }
    let two = Exact::from_i128(2);
    let mut by_indicator = Vec::with_capacity(n);
    let mut exact_by: Vec<Exact> = Vec::with_capacity(n);
    for (a, b) in now.iter().zip(&before) {
        let (c, score_effect, weight_effect) = match (a, b) {
            (Some((w, s)), Some((v, p))) => {
                let score_effect = (w + v) * (s - p) / &two;
                let weight_effect = (s + p) * (w - v) / &two;
                (w * s - v * p, score_effect, weight_effect)
            }
            (Some((w, s)), None) => (w * s, Exact::zero(), w * s),
            (None, Some((v, p))) => (-(v * p), Exact::zero(), -(v * p)),
            (None, None) => (Exact::zero(), Exact::zero(), Exact::zero()),
        };
        by_indicator.push(Contribution {
            contribution: exact::to_f64(&c),
            score_effect: exact::to_f64(&score_effect),
            weight_effect: exact::to_f64(&weight_effect),
        });
        exact_by.push(c);
    }
    let mut dims = vec![Exact::zero(); fw.dimensions.len()];
    let mut comps = vec![Exact::zero(); fw.components.len()];
    for (i, c) in exact_by.iter().enumerate() {
        let ind = &fw.indicators[i];
        let mut d = Some(ind.parent);
        while let Some(k) = d {
            dims[k] += c;
            d = fw.dimensions[k].parent;
        }
        if let Some(k) = ind.component {
            comps[k] += c;
        }
    }
    Some(Change {
        from_year: prev.submission.year,
        improvement: exact::to_f64(&(now_index - before_index)),
        by_indicator,
        by_dimension: dims.iter().map(exact::to_f64).collect(),
        by_component: comps.iter().map(exact::to_f64).collect(),
    })
}
