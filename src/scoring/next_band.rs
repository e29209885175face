//! The way to the next band: a short list of answer changes that, applied together to one
//! region-year's answers, lift its index to at least the least index of the next band.
//!
//! The rule (documented in the README):
//! - Only answers that already count in the index change: answered indicators and required ones
//!   left blank. N/A and blank optional answers stay as they are, so no weight is renormalised
//!   and the index moves by exactly `weight in index × score gained` per step, whatever the
//!   order of the steps.
//! - Each indicator climbs a ladder of realistic answers, one rung at a time: options the next
//!   higher option value; a number scored as is or linearly the number that scores the next
//!   whole point of the scale (and then the top of its range); a conversion table the least
//!   number of the next row that scores higher (its upper bound with tables closed at the upper
//!   end); a KPI the value that reaches its next target band (`from × target`, or
//!   `target ÷ from` rounded down to 6 decimals when lower is better).
//! - Fewest steps first: the indicators are ordered by what each could add at the top of its
//!   ladder (ties in framework order) and the fewest of them, taken in that order, that could
//!   close the gap are chosen. Then, one rung at a time, the chosen indicator whose next rung adds
//!   most (ties: the earlier chosen) climbs, until the gap is closed: no indicator goes higher
//!   than needed.
//! - Steps are listed by gain, largest first; `gain` is weight in index × (new score − score).
//!   When even every indicator at the top of its ladder would not reach the band, there are no
//!   steps.

mod integer;

use super::exact::{self, Exact};
use super::{IndicatorStatus, ScoreCache, Scorecard};
use crate::framework::{AnswerKind, Closure, Framework, NumberScoring};
use crate::submission::{Answer, Submission};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// What it takes to reach the next band.
#[derive(Debug, Clone, PartialEq)]
pub struct NextBandPlan {
    /// The next band, an index into `Framework::bands`.
    pub band: usize,
    /// The least index in that band.
    pub threshold: f64,
    /// `threshold` − index.
    pub gap: f64,
    /// The answer changes, largest gain first; empty when no change reaches the band.
    pub steps: Vec<Step>,
}

/// One answer change.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The indicator, an index into `Framework::indicators`.
    pub indicator: usize,
    /// The answer now (`None`: a required question left blank).
    pub answer: Option<Answer>,
    /// The answer to give.
    pub to_answer: Answer,
    /// What the change adds to the index.
    pub gain: f64,
}

/// An indicator that can climb: its index, weight in index, score and ladder of (answer, score)
/// (with the score it was made for).
type Candidate = (usize, Exact, Exact, Arc<Ladder>);

/// What the plans of one framework's region-years share, worked out once and reused: each
/// indicator's ladder from a given answer, and the indicators' weights in the index for a given
/// set of scored indicators (most region-years of a table answer the same ones). Only a cache:
/// a plan made with it is the plan made without. Safe to share between threads; use one per
/// framework.
#[derive(Default)]
pub struct PlanCache {
    ladders: Table<(usize, u8, u64), Ladder>,
    weights: Table<Vec<u8>, Vec<Option<Exact>>>,
    offered: Table<(usize, Option<Exact>), Offered>,
    /// The scores' cache, whose weights in the index the plans use too.
    scoring: ScoreCache,
    /// By indicator, its staircase when that does not depend on the score (see [`Stair`]).
    fixed_stairs: OnceLock<Vec<Option<Arc<Stair>>>>,
    /// The staircases of numbers scored as they are or linearly, by indicator and whole part of
    /// the score.
    stairs: RwLock<FxHashMap<(usize, Exact), Arc<Stair>>>,
}

/// Every rung an indicator offers from some score: the answers [`offered`] with a score, lowest
/// score first, the first generated of each score. The ladder from score `s` is the rungs above
/// `s` (what [`climb`] makes).
struct Stair {
    rungs: Vec<(Answer, Exact)>,
    /// The rungs' scores on their least common denominator, and that denominator; `None` past
    /// machine integers.
    scaled: Option<(Vec<i128>, i128)>,
}

impl Stair {
    fn new(offered: &[(Answer, Option<Exact>)]) -> Stair {
        let mut rungs: Vec<(Answer, Exact)> = offered
            .iter()
            .filter_map(|(a, score)| score.clone().map(|score| (*a, score)))
            .collect();
        rungs.sort_by(|a, b| exact::cmp(&a.1, &b.1));
        rungs.dedup_by(|b, a| a.1 == b.1);
        let scaled = Stair::scaled(&rungs);
        Stair { rungs, scaled }
    }

    fn scaled(rungs: &[(Answer, Exact)]) -> Option<(Vec<i128>, i128)> {
        use super::fraction::{exact_div, lcm, mul};
        let denominator = rungs
            .iter()
            .try_fold(1, |m, (_, score)| lcm(m, score.small_parts()?.1))?;
        let numerators = rungs
            .iter()
            .map(|(_, score)| {
                let (n, d) = score.small_parts()?;
                mul(n, exact_div(denominator, d))
            })
            .collect::<Option<_>>()?;
        Some((numerators, denominator))
    }
}

/// What an indicator offers to climb to: answers with their scores, in the order generated.
type Offered = Vec<(Answer, Option<Exact>)>;

/// A table of a [`PlanCache`]: values shared between threads.
type Table<K, V> = Mutex<FxHashMap<K, Arc<V>>>;

/// A ladder, and the score it climbs from.
type Ladder = (Exact, Vec<(Answer, Exact)>);

/// Entries a [`PlanCache`] table holds before it starts again (distinct numbers typed can be
/// many).
const CACHE_ENTRIES: usize = 1 << 16;

impl PlanCache {
    /// The cache of scores the plans share: score with it ([`super::score_with`]).
    pub fn scoring(&self) -> &ScoreCache {
        &self.scoring
    }

    /// The staircase of indicator `i` for score `s`.
    fn stair(&self, fw: &Framework, i: usize, s: &Exact) -> Arc<Stair> {
        let fixed = self.fixed_stairs.get_or_init(|| {
            (0..fw.indicators.len())
                .map(|i| {
                    (!by_score(fw, i))
                        .then(|| Arc::new(Stair::new(&offered(fw, i, &Exact::zero()))))
                })
                .collect()
        });
        if let Some(Some(stair)) = fixed.get(i) {
            return stair.clone();
        }
        // Offered answers depend on the whole part of the score only.
        let key = (i, s.floor());
        let read = self
            .stairs
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(stair) = read.get(&key) {
            return stair.clone();
        }
        drop(read);
        let stair = Arc::new(Stair::new(&offered(fw, i, s)));
        let mut table = self
            .stairs
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if table.len() >= CACHE_ENTRIES {
            table.clear();
        }
        table.insert(key, stair.clone());
        stair
    }

    /// The ladder of indicator `i` from answer `current` scored `s`.
    fn ladder(&self, fw: &Framework, i: usize, current: Option<Answer>, s: &Exact) -> Arc<Ladder> {
        let key = match current {
            None => (i, 0, 0),
            Some(Answer::NotApplicable) => (i, 1, 0),
            Some(Answer::Choice(o)) => (i, 2, o as u64),
            Some(Answer::Number(n)) => (i, 3, n.to_bits()),
        };
        if let Some(l) = lock(&self.ladders).get(&key)
            && l.0 == *s
        {
            return l.clone();
        }
        let offered = self.offered(fw, i, s);
        let l = Arc::new((s.clone(), climb(&offered, current, s)));
        let mut table = lock(&self.ladders);
        if table.len() >= CACHE_ENTRIES {
            table.clear();
        }
        table.insert(key, l.clone());
        l
    }

    /// The answers indicator `i` offers above score `s`, with their scores (see [`offered`]).
    /// They depend on `s` only through its whole part, and only for numbers scored as they are
    /// or linearly.
    fn offered(&self, fw: &Framework, i: usize, s: &Exact) -> Arc<Offered> {
        let whole = by_score(fw, i).then(|| s.floor());
        let key = (i, whole);
        if let Some(o) = lock(&self.offered).get(&key) {
            return o.clone();
        }
        let o = Arc::new(offered(fw, i, s));
        let mut table = lock(&self.offered);
        if table.len() >= CACHE_ENTRIES {
            table.clear();
        }
        table.insert(key, o.clone());
        o
    }

    /// The weights in the index of a scorecard's indicators.
    fn weights(&self, fw: &Framework, scores: &exact::ExactScores) -> Arc<Vec<Option<Exact>>> {
        let some =
            |v: &[Option<Exact>]| v.iter().map(|x| u8::from(x.is_some())).collect::<Vec<_>>();
        let mut key = some(&scores.indicators);
        key.push(2);
        key.extend(some(&scores.dimensions));
        key.push(2);
        key.extend(some(&scores.components));
        key.push(u8::from(scores.index.is_some()));
        if let Some(w) = lock(&self.weights).get(&key) {
            return w.clone();
        }
        let w = Arc::new(exact::weights_in_index(fw, scores));
        let mut table = lock(&self.weights);
        if table.len() >= CACHE_ENTRIES {
            table.clear();
        }
        table.insert(key, w.clone());
        w
    }
}

/// Whether what indicator `i` offers depends on the score climbed from (numbers scored as they
/// are or linearly: the next whole points of the scale).
fn by_score(fw: &Framework, i: usize) -> bool {
    matches!(
        &fw.answer_set_of(i).kind,
        AnswerKind::Number {
            scoring: NumberScoring::Value | NumberScoring::Linear,
            ..
        }
    )
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The plan for one scored region-year; `None` when the index is not computed or already in the
/// top band. Needs the submission's answers and the scorecard's indicator scores. This is the
/// general path, on exact fractions throughout; [`plan_with`] gives the same plan for less.
pub fn plan(fw: &Framework, sub: &Submission, card: &Scorecard) -> Option<NextBandPlan> {
    plan_exact(fw, &PlanCache::default(), sub, card)
}

/// [`plan`], reusing what `cache` already worked out for `fw` (the same plan): on whole numbers
/// over one denominator ([`integer`]) whenever they fit, else on fractions.
pub fn plan_with(
    fw: &Framework,
    cache: &PlanCache,
    sub: &Submission,
    card: &Scorecard,
) -> Option<NextBandPlan> {
    integer::plan(fw, cache, sub, card).unwrap_or_else(|| plan_exact(fw, cache, sub, card))
}

/// [`plan`] on exact fractions, reusing `cache`.
fn plan_exact(
    fw: &Framework,
    cache: &PlanCache,
    sub: &Submission,
    card: &Scorecard,
) -> Option<NextBandPlan> {
    let index = card.exact_index()?;
    let band = exact::band_of(fw, index)? + 1;
    if band >= fw.bands.len() || sub.answers.len() != fw.indicators.len() {
        return None;
    }
    let minimum = exact::band_minimum(fw, band);
    let gap = &minimum - index;
    let weights = cache.weights(fw, &card.exact);
    let mut candidates: Vec<Candidate> = Vec::new();
    for (i, w) in weights.iter().enumerate() {
        let (Some(w), Some(s)) = (w.clone(), card.exact.indicators.get(i).cloned().flatten())
        else {
            continue;
        };
        if !w.is_positive()
            || !matches!(
                card.indicators[i].status,
                IndicatorStatus::Answered | IndicatorStatus::MissingRequired
            )
        {
            continue;
        }
        let current = sub.answers[i].as_ref().map(|g| g.answer);
        let rungs = cache.ladder(fw, i, current, &s);
        if !rungs.1.is_empty() {
            candidates.push((i, w, s, rungs));
        }
    }
    let potential = |c: &Candidate| {
        let top = &c.3.1.last().expect("non-empty ladder").1;
        exact::times_difference(&c.1, top, &c.2)
    };
    // Stable, like `sort_by_key`, with each key computed once.
    let mut candidates: Vec<(Exact, Candidate)> =
        candidates.into_iter().map(|c| (potential(&c), c)).collect();
    candidates.sort_by(|a, b| exact::cmp(&b.0, &a.0));
    let (potentials, candidates): (Vec<Exact>, Vec<Candidate>) = candidates.into_iter().unzip();
    let mut reach = Exact::zero();
    let mut k = None;
    for (n, p) in potentials.iter().enumerate() {
        reach += p;
        if exact::cmp(&reach, &gap).is_ge() {
            k = Some(n + 1);
            break;
        }
    }
    let mut steps = Vec::new();
    if let Some(k) = k {
        let chosen = &candidates[..k];
        let mut level = vec![0usize; k];
        let mut gained = Exact::zero();
        while exact::cmp(&gained, &gap).is_lt() {
            let gain_of = |j: usize| -> Option<Exact> {
                let (_, w, s, rungs) = &chosen[j];
                let rungs = &rungs.1;
                let before = if level[j] == 0 {
                    s
                } else {
                    &rungs[level[j] - 1].1
                };
                rungs
                    .get(level[j])
                    .map(|r| exact::times_difference(w, &r.1, before))
            };
            let mut best: Option<(usize, Exact)> = None;
            for j in 0..k {
                if let Some(g) = gain_of(j)
                    && best.as_ref().is_none_or(|(_, b)| exact::cmp(&g, b).is_gt())
                {
                    best = Some((j, g));
                }
            }
            let Some((j, g)) = best else { break };
            level[j] += 1;
            gained += g;
        }
        let mut raised: Vec<(Exact, Step)> = chosen
            .iter()
            .zip(&level)
            .filter(|(_, l)| **l > 0)
            .map(|((i, w, s, rungs), l)| {
                let (to, score) = &rungs.1[l - 1];
                let gain = exact::times_difference(w, score, s);
                let step = Step {
                    indicator: *i,
                    answer: sub.answers[*i].as_ref().map(|g| g.answer),
                    to_answer: *to,
                    gain: exact::to_f64(&gain),
                };
                (gain, step)
            })
            .collect();
        raised.sort_by(|a, b| exact::cmp(&b.0, &a.0));
        steps = raised.into_iter().map(|(_, s)| s).collect();
    }
    Some(NextBandPlan {
        band,
        threshold: exact::to_f64(&minimum),
        gap: exact::to_f64(&gap),
        steps,
    })
}

/// The answers above score `s` an indicator can climb to, one rung per higher score, lowest
/// first, each the most modest answer with that score. Made from what is `offered`: the answers other than `current` scoring above `s`, lowest first,
/// the first generated of each score.
fn climb(
    offered: &[(Answer, Option<Exact>)],
    current: Option<Answer>,
    s: &Exact,
) -> Vec<(Answer, Exact)> {
    let mut rungs: Vec<(Answer, Exact)> = offered
        .iter()
        .filter(|(a, _)| Some(*a) != current)
        .filter_map(|(a, score)| score.clone().map(|score| (*a, score)))
        .filter(|(_, score)| exact::cmp(score, s).is_gt())
        .collect();
    // Lowest score first; of answers with one score the first generated (the most modest).
    rungs.sort_by(|a, b| exact::cmp(&a.1, &b.1));
    rungs.dedup_by(|b, a| a.1 == b.1);
    rungs
}

/// The answers indicator `i` offers to climb from score `s` (in the order generated), each with
/// its score.
fn offered(fw: &Framework, i: usize, s: &Exact) -> Vec<(Answer, Option<Exact>)> {
    let mut answers: Vec<Answer> = Vec::new();
    let (lo, hi) = (exact::decimal(fw.scale.min), exact::decimal(fw.scale.max));
    match &fw.answer_set_of(i).kind {
        AnswerKind::Options { options } => {
            answers.extend((0..options.len()).map(Answer::Choice));
        }
        AnswerKind::Number {
            min,
            max,
            scoring,
            table,
            closure,
            ..
        } => {
            let (nmin, nmax) = (exact::decimal(*min), exact::decimal(*max));
            match scoring {
                NumberScoring::Value | NumberScoring::Linear => {
                    // Whole points of the scale above the score, then the top of the range.
                    let mut k = s.floor() + Exact::from_i128(1);
                    while k <= hi {
                        let n = if *scoring == NumberScoring::Value {
                            k.clone()
                        } else {
                            &nmin + (&k - &lo) * (&nmax - &nmin) / (&hi - &lo)
                        };
                        let n = round_up(&n, 6).min(nmax.clone());
                        if n >= nmin {
                            answers.push(Answer::Number(exact::to_f64(&n)));
                        }
                        k += Exact::from_i128(1);
                    }
                    answers.push(Answer::Number(*max));
                }
                NumberScoring::Table => {
                    for (r, row) in table.iter().enumerate() {
                        let n = match closure {
                            Closure::Lower => row.from,
                            Closure::Upper if r == 0 => row.from,
                            Closure::Upper => row.to,
                        };
                        answers.push(Answer::Number(n));
                    }
                }
            }
        }
        AnswerKind::Target { bands } => {
            if let Some(t) = fw.indicators[i].target {
                let goal = exact::decimal(t.value);
                for b in bands {
                    let from = exact::decimal(b.from);
                    let n = if !t.lower_is_better {
                        &from * &goal
                    } else if from.is_zero() {
                        continue;
                    } else {
                        round_down(&(&goal / &from), 6)
                    };
                    if !n.is_zero() || !t.lower_is_better {
                        answers.push(Answer::Number(exact::to_f64(&n)));
                    }
                }
            }
        }
    }
    answers
        .into_iter()
        .map(|a| (a, exact::answer_score(fw, i, &a)))
        .collect()
}

fn round_up(x: &Exact, decimals: usize) -> Exact {
    (x * exact::pow10(decimals)).ceil() / exact::pow10(decimals)
}

fn round_down(x: &Exact, decimals: usize) -> Exact {
    (x * exact::pow10(decimals)).floor() / exact::pow10(decimals)
}
