//! What the analysis works on, computed once: the region-years of the analysed year whose index
//! was computed, their indicator scores (the scoring stage's own), the answers that noise can
//! move, and the framework's aggregation flattened into a plan that re-aggregates those scores
//! under any set of weights by the framework's own rules (weighted means over the scored
//! children, N/A and blank optional answers left out and their siblings renormalised).

use crate::compare::Entry;
use crate::framework::{AnswerKind, Child, Framework, IndexBasis};
use crate::scoring::{IndexStatus, IndicatorStatus, answer_score, weighted_mean};
use crate::submission::Answer;

/// The framework's aggregation with every weight in one vector: indicators first, then
/// dimensions (sub-dimensions included), then components, each in framework order.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The framework's weights in that order.
    pub base: Vec<f64>,
    /// Indicators, dimensions, components.
    pub counts: [usize; 3],
    /// Dimensions, each after its sub-dimensions.
    order: Vec<usize>,
    /// Children of each dimension.
    children: Vec<Vec<Child>>,
    /// Indicators of each component, in framework order.
    members: Vec<Vec<usize>>,
    /// Top-level dimensions, in framework order.
    top: Vec<usize>,
    basis: IndexBasis,
}

impl Plan {
    pub(crate) fn new(fw: &Framework) -> Plan {
        let (ni, nd, nc) = (
            fw.indicators.len(),
            fw.dimensions.len(),
            fw.components.len(),
        );
        let mut base: Vec<f64> = fw.indicators.iter().map(|i| i.weight).collect();
        base.extend(fw.dimensions.iter().map(|d| d.weight));
        base.extend(fw.components.iter().map(|c| c.weight));
        let top: Vec<usize> = fw.top_dimensions().map(|(d, _)| d).collect();
        let mut order = Vec::with_capacity(nd);
        let mut seen = vec![false; nd];
        fn visit(fw: &Framework, d: usize, seen: &mut [bool], order: &mut Vec<usize>) {
            if std::mem::replace(&mut seen[d], true) {
                return;
            }
            for c in &fw.dimensions[d].children {
                if let Child::Dimension(s) = *c {
                    visit(fw, s, seen, order);
                }
            }
            order.push(d);
        }
        for d in 0..nd {
            visit(fw, d, &mut seen, &mut order);
        }
        let members = (0..nc)
            .map(|c| {
                (0..ni)
                    .filter(|&i| fw.indicators[i].component == Some(c))
                    .collect()
            })
            .collect();
        Plan {
            base,
            counts: [ni, nd, nc],
            order,
            children: fw.dimensions.iter().map(|d| d.children.clone()).collect(),
            members,
            top,
            basis: fw.index_basis,
        }
    }

    /// Offset of the dimension weights in the weight vector.
    fn dim_offset(&self) -> usize {
        self.counts[0]
    }

    fn comp_offset(&self) -> usize {
        self.counts[0] + self.counts[1]
    }

    /// Every dimension's score under weights `w` into `dims` (by dimension index).
    pub(crate) fn dimensions(&self, scores: &[Option<f64>], w: &[f64], dims: &mut [Option<f64>]) {
        let off = self.dim_offset();
        for &d in &self.order {
            let v = weighted_mean(self.children[d].iter().map(|c| match *c {
                Child::Indicator(i) => (w[i], scores[i]),
                Child::Dimension(s) => (w[off + s], dims[s]),
            }));
            dims[d] = v;
        }
    }

    /// The index (before the coverage rule) under weights `w`; `dims` is scratch space of one
    /// entry per dimension. The same sums in the same order as `scoring::score`, so the
    /// framework's own weights give the scorecard's index to the last bit.
    pub(crate) fn index(
        &self,
        scores: &[Option<f64>],
        w: &[f64],
        dims: &mut [Option<f64>],
    ) -> Option<f64> {
        match self.basis {
            IndexBasis::Dimensions => {
                self.dimensions(scores, w, dims);
                let off = self.dim_offset();
                weighted_mean(self.top.iter().map(|&d| (w[off + d], dims[d])))
            }
            IndexBasis::Components => {
                let off = self.comp_offset();
                weighted_mean(self.members.iter().enumerate().map(|(c, m)| {
                    (
                        w[off + c],
                        weighted_mean(m.iter().map(|&i| (w[i], scores[i]))),
                    )
                }))
            }
        }
    }
}

/// How noise can move one answer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Movable {
    /// An option answer: the scores one level down, as answered, one level up (clamped to the
    /// options, so the bottom option's "down" is itself).
    Options {
        /// The indicator.
        ind: usize,
        /// Scores down, same, up.
        scores: [f64; 3],
    },
    /// A number: multiplied by 1 + e and kept within the answer set's range, then scored.
    Number {
        /// The indicator.
        ind: usize,
        /// The number answered.
        value: f64,
        /// The range numbers are kept in.
        min: f64,
        /// See `min`.
        max: f64,
    },
}

/// The region-years analysed.
#[derive(Debug, Clone)]
pub(crate) struct Cohort {
    /// Index into the comparison's entries, by region-year.
    pub entries: Vec<usize>,
    /// Indicator scores by region-year (the scorecard's; `None` where left out).
    pub scores: Vec<Vec<Option<f64>>>,
    /// Indicator statuses by region-year.
    pub statuses: Vec<Vec<IndicatorStatus>>,
    /// Answers noise can move, by region-year.
    pub movable: Vec<Vec<Movable>>,
    /// The distinct-answer key of each answered indicator (option index or number bits).
    pub answer_keys: Vec<Vec<Option<u64>>>,
    /// The scorecard's index, rank and band.
    pub index: Vec<f64>,
    /// See `index`.
    pub rank: Vec<u32>,
    /// See `index`.
    pub band: Vec<Option<usize>>,
    /// Dimension scores by region-year.
    pub dimensions: Vec<Vec<Option<f64>>>,
}

impl Cohort {
    /// The region-years of `year` among `entries` whose index was computed, in the comparison's
    /// order (by rank).
    pub(crate) fn new(fw: &Framework, entries: &[Entry], year: i32) -> Cohort {
        let mut c = Cohort {
            entries: Vec::new(),
            scores: Vec::new(),
            statuses: Vec::new(),
            movable: Vec::new(),
            answer_keys: Vec::new(),
            index: Vec::new(),
            rank: Vec::new(),
            band: Vec::new(),
            dimensions: Vec::new(),
        };
        for (k, e) in entries.iter().enumerate() {
            let sc = &e.scorecard;
            let (Some(index), Some(rank), IndexStatus::Computed) = (sc.index, e.rank, sc.status)
            else {
                continue;
            };
            if e.submission.year != year || sc.indicators.len() != fw.indicators.len() {
                continue;
            }
            c.entries.push(k);
            c.scores
                .push(sc.indicators.iter().map(|s| s.score).collect());
            c.statuses
                .push(sc.indicators.iter().map(|s| s.status).collect());
            c.index.push(index);
            c.rank.push(rank);
            c.band.push(sc.band);
            c.dimensions.push(sc.dimensions.clone());
            let mut movable = Vec::new();
            let mut keys = Vec::with_capacity(fw.indicators.len());
            for (i, s) in sc.indicators.iter().enumerate() {
                let answer = e.submission.answers.get(i).and_then(|a| a.as_ref());
                let answered = s.status == IndicatorStatus::Answered && s.score.is_some();
                keys.push(match (answered, answer.map(|a| &a.answer)) {
                    (true, Some(Answer::Choice(j))) => Some(*j as u64),
                    (true, Some(Answer::Number(n))) => Some(n.to_bits()),
                    _ => None,
                });
                let (true, Some(answer)) = (answered, answer) else {
                    continue;
                };
                match (&answer.answer, &fw.answer_set_of(i).kind) {
                    (Answer::Choice(j), AnswerKind::Options { options }) if !options.is_empty() => {
                        let at = |k: usize| options[k].value;
                        let j = (*j).min(options.len() - 1);
                        movable.push(Movable::Options {
                            ind: i,
                            scores: [
                                at(j.saturating_sub(1)),
                                at(j),
                                at((j + 1).min(options.len() - 1)),
                            ],
                        });
                    }
                    (Answer::Number(n), AnswerKind::Number { min, max, .. }) => {
                        movable.push(Movable::Number {
                            ind: i,
                            value: *n,
                            min: *min,
                            max: *max,
                        })
                    }
                    (Answer::Number(n), AnswerKind::Target { .. }) => {
                        movable.push(Movable::Number {
                            ind: i,
                            value: *n,
                            min: 0.0,
                            max: f64::INFINITY,
                        })
                    }
                    _ => {}
                }
            }
            c.movable.push(movable);
            c.answer_keys.push(keys);
        }
        c
    }

    /// Region-years analysed.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The score of a moved answer: `u` uniform in [0, 1) decides. An option moves one level down
/// when `u < p/2`, up when `p/2 ≤ u < p` (so it moves with probability `p`); a number is
/// multiplied by `1 + p·(2u − 1)`, kept within its answer set's range, and scored.
pub(crate) fn moved_score(fw: &Framework, m: &Movable, p: f64, u: f64) -> Option<f64> {
    match *m {
        Movable::Options { scores, .. } => Some(if u < p / 2.0 {
            scores[0]
        } else if u < p {
            scores[2]
        } else {
            scores[1]
        }),
        Movable::Number {
            ind,
            value,
            min,
            max,
        } => {
            let n = (value * (1.0 + p * (2.0 * u - 1.0))).clamp(min, max);
            answer_score(fw, ind, &Answer::Number(n))
        }
    }
}

impl Movable {
    /// The indicator moved.
    pub(crate) fn indicator(&self) -> usize {
        match *self {
            Movable::Options { ind, .. } | Movable::Number { ind, .. } => ind,
        }
    }
}

/// Indices of a run closer than this (relative to the scale's order of magnitude, 1) are one
/// value when ranked. Runs re-aggregate in floating point (thousands of times; `score` itself
/// is exact), whose error on a weighted mean of a few hundred scores is below 1e-13: so two
/// region-years that `score` ties stay tied in every run, while indices that really differ
/// differ by far more than this.
pub(crate) const RANK_TOLERANCE: f64 = 1e-12;

/// Competition ranks ("1, 2, 2, 4") of `values`, higher first, as `score` ranks: one more than
/// the number of values higher by more than [`RANK_TOLERANCE`]. `sorted` is scratch space.
pub(crate) fn ranks_into(values: &[f64], sorted: &mut Vec<f64>, out: &mut [u32]) {
    sorted.clear();
    sorted.extend_from_slice(values);
    sorted.sort_unstable_by(|a, b| b.total_cmp(a));
    for (r, v) in out.iter_mut().zip(values) {
        let tolerance = RANK_TOLERANCE * v.abs().max(1.0);
        *r = sorted.partition_point(|x| *x > v + tolerance) as u32 + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Inputs, Options, assess, framework};
    use std::path::PathBuf;

    /// With the framework's own weights the plan gives every scorecard's (exact) index to well
    /// within the rank tolerance, for every built-in framework's samples (components,
    /// sub-dimensions, tables, N/A).
    #[test]
    fn plan_reproduces_scoring_within_the_rank_tolerance() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
        for (spec, folder) in [
            (None, "questionnaires"),
            (Some("pemdi-2026"), "pemdi-2026"),
            (Some("idm"), "idm"),
        ] {
            let fw = framework::resolve(spec).unwrap();
            let a = assess(
                &fw,
                Inputs::collect(&[root.join(folder)]),
                &Options::default(),
            );
            let plan = Plan::new(&fw);
            let mut dims = vec![None; fw.dimensions.len()];
            let mut checked = 0;
            for e in &a.comparison.entries {
                let scores: Vec<Option<f64>> =
                    e.scorecard.indicators.iter().map(|s| s.score).collect();
                if let Some(index) = e.scorecard.index {
                    let v = plan.index(&scores, &plan.base, &mut dims).unwrap();
                    assert!(
                        (v - index).abs() <= RANK_TOLERANCE / 100.0,
                        "{folder}: {v} {index}"
                    );
                    checked += 1;
                }
            }
            assert!(checked > 0, "{folder}");
        }
    }

    #[test]
    fn ranks_are_shared_on_ties() {
        let mut out = [0u32; 4];
        ranks_into(&[3.0, 5.0, 3.0, 1.0], &mut Vec::new(), &mut out);
        assert_eq!(out, [2, 1, 2, 4]);
        // 0.4 reached two ways in floating point: one value, as `score` says exactly.
        let (a, b) = (0.1 + 0.2 + 0.1, (0.4 + 0.4 + 0.4) / 3.0);
        ranks_into(&[a, b, 0.3], &mut Vec::new(), &mut out[..3]);
        assert_eq!(out[..3], [1, 1, 3]);
    }
}
