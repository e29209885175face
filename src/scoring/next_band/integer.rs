//! The plan of [`super::plan_exact`] on whole numbers. Every gain is `weight in index × (new
//! score − score)`; the weights in the index of a pattern of scored indicators share one
//! denominator `D` ([`crate::scoring::ScoreCache`]), and the scores met by one region-year's
//! candidates (their own and their rungs') share another, `M`, nearly always 1. Scaled by `D·M`
//! every gain, potential and the gap are whole numbers (the gap rounded up, which changes no
//! comparison with a whole number), so choosing and climbing compare and add integers with no
//! reduction at all; only the doubles written are reduced, once each. The same choices as the
//! general path, step for step, since scaling by a positive number keeps every order. Anything
//! past machine integers gives `None`: the caller then takes the general path.

use super::{NextBandPlan, PlanCache, Stair, Step};
use crate::framework::Framework;
use crate::scoring::exact::{self, Exact};
use crate::scoring::fraction::{exact_div, lcm, mul};
use crate::scoring::{IndicatorStatus, Scorecard};
use crate::submission::{Answer, Submission};
use std::cmp::Reverse;
use std::sync::Arc;

/// An indicator that can climb, its gains on the common denominator.
struct Climber {
    indicator: usize,
    /// Its weight in the index, times `D`.
    weight: i128,
    /// Its score, times `M`.
    from: i128,
    /// Its staircase and the first rung above its score.
    stair: Arc<Stair>,
    first: usize,
    /// `M` over the staircase's own denominator.
    widen: i128,
    /// What it could add at the top of its ladder, times `D·M`.
    potential: i128,
}

impl Climber {
    /// How many rungs it can climb.
    fn rungs(&self) -> usize {
        self.stair.rungs.len() - self.first
    }

    /// Rung `r` above its score: the answer.
    fn answer(&self, r: usize) -> Answer {
        self.stair.rungs[self.first + r].0
    }

    /// What reaching rung `r` adds, times `D·M`.
    fn gain_to(&self, r: usize) -> Option<i128> {
        let (scores, _) = self.stair.scaled.as_ref()?;
        let to = scores[self.first + r];
        let to = if self.widen == 1 {
            to
        } else {
            mul(to, self.widen)?
        };
        mul(self.weight, to.checked_sub(self.from)?)
    }
}

/// `x × m` for an `m` that `x`'s denominator divides.
fn scaled(x: &Exact, m: i128) -> Option<i128> {
    let (n, d) = x.small_parts()?;
    mul(n, exact_div(m, d))
}

/// The least whole number not below `x × k` (`k > 0`).
fn ceil_times(x: &Exact, k: i128) -> Option<i128> {
    let (n, d) = x.small_parts()?;
    let n = mul(n, k)?;
    let q = n.div_euclid(d);
    Some(if n.rem_euclid(d) == 0 { q } else { q + 1 })
}

/// The first rung of `stair` scoring above `s`.
fn first_above(stair: &Stair, s: &Exact) -> Option<usize> {
    let (scores, d) = stair.scaled.as_ref()?;
    let (n, q) = s.small_parts()?;
    // rung ÷ d ≤ n ÷ q as rung × q ≤ n × d (denominators positive).
    let bound = mul(n, *d)?;
    let mut first = 0;
    while first < scores.len() && mul(scores[first], q)? <= bound {
        first += 1;
    }
    Some(first)
}

/// The plan, or `None` when it needs the general path. `Some(None)`: no plan (index not
/// computed, already in the top band).
pub(super) fn plan(
    fw: &Framework,
    cache: &PlanCache,
    sub: &Submission,
    card: &Scorecard,
) -> Option<Option<NextBandPlan>> {
    let Some(index) = card.exact_index() else {
        return Some(None);
    };
    let fixed = cache.scoring.fixed(fw);
    let Some(band) = fixed.band_of(fw.band_closure, index).map(|b| b + 1) else {
        return Some(None);
    };
    if band >= fw.bands.len() || sub.answers.len() != fw.indicators.len() {
        return Some(None);
    }
    let minimum = &fixed.band_minimums[band];
    let gap = minimum - index;
    let pattern = cache.scoring.pattern(fw, &card.exact.indicators)?;
    let weights = pattern.index()?;
    let (climbers, m) = climbers(fw, cache, card, &weights.terms)?;
    let scale = weights.denominator.checked_mul(m)?;
    let need = ceil_times(&gap, scale)?;
    // Fewest indicators first: by potential, largest first, ties in framework order (the
    // index breaks them), as many as reach the gap.
    let mut order: Vec<(Reverse<i128>, usize)> = climbers
        .iter()
        .enumerate()
        .map(|(c, climber)| (Reverse(climber.potential), c))
        .collect();
    order.sort_unstable();
    let mut reach: i128 = 0;
    let mut chosen = None;
    for (n, &(Reverse(potential), _)) in order.iter().enumerate() {
        reach = reach.checked_add(potential)?;
        if reach >= need {
            chosen = Some(n + 1);
            break;
        }
    }
    let steps = match chosen {
        Some(k) => {
            let chosen: Vec<&Climber> = order[..k].iter().map(|&(_, c)| &climbers[c]).collect();
            climb(&chosen, need, sub, scale)?
        }
        None => Vec::new(),
    };
    Some(Some(NextBandPlan {
        band,
        threshold: exact::to_f64(minimum),
        gap: exact::to_f64(&gap),
        steps,
    }))
}

/// The indicators that can climb (answered or required-blank, weighted, with a rung above their
/// score), in framework order, and the common denominator `M` of their scores.
fn climbers(
    fw: &Framework,
    cache: &PlanCache,
    card: &Scorecard,
    weights: &[(usize, i128)],
) -> Option<(Vec<Climber>, i128)> {
    let mut climbers = Vec::with_capacity(weights.len());
    let mut m: i128 = 1;
    for &(i, weight) in weights {
        let Some(s) = card.exact.indicators[i].as_ref() else {
            continue;
        };
        if weight <= 0
            || !matches!(
                card.indicators[i].status,
                IndicatorStatus::Answered | IndicatorStatus::MissingRequired
            )
        {
            continue;
        }
        let stair = cache.stair(fw, i, s);
        // The ladder from `s`: the rungs scoring above it (the answer given scores `s` itself,
        // so it is never among them).
        let first = first_above(&stair, s)?;
        if first == stair.rungs.len() {
            continue;
        }
        // Its own denominator for now: `from`, `widen` and `potential` are set once `M` is known.
        let own = stair.scaled.as_ref()?.1;
        m = lcm(lcm(m, s.small_parts()?.1)?, own)?;
        climbers.push(Climber {
            indicator: i,
            weight,
            from: 0,
            stair,
            first,
            widen: own,
            potential: 0,
        });
    }
    for c in &mut climbers {
        let s = card.exact.indicators[c.indicator].as_ref()?;
        c.from = scaled(s, m)?;
        c.widen = exact_div(m, c.widen);
        c.potential = c.gain_to(c.rungs() - 1)?;
    }
    Some((climbers, m))
}

/// Climbs the chosen indicators one rung at a time, the one whose next rung adds most first
/// (ties: the earlier chosen), until the gain reaches `need`; their steps, largest gain first.
fn climb(chosen: &[&Climber], need: i128, sub: &Submission, scale: i128) -> Option<Vec<Step>> {
    // By climber, what each successive rung adds.
    let mut increments: Vec<Vec<i128>> = Vec::with_capacity(chosen.len());
    for c in chosen {
        let mut before = 0;
        let mut adds = Vec::with_capacity(c.rungs());
        for r in 0..c.rungs() {
            let total = c.gain_to(r)?;
            adds.push(total.checked_sub(before)?);
            before = total;
        }
        increments.push(adds);
    }
    let mut level = vec![0usize; chosen.len()];
    let mut gained: i128 = 0;
    while gained < need {
        let mut best: Option<(usize, i128)> = None;
        for (j, adds) in increments.iter().enumerate() {
            if let Some(&g) = adds.get(level[j])
                && best.is_none_or(|(_, b)| g > b)
            {
                best = Some((j, g));
            }
        }
        let Some((j, g)) = best else { break };
        level[j] += 1;
        gained = gained.checked_add(g)?;
    }
    let mut raised: Vec<(i128, Step)> = Vec::new();
    for (c, &l) in chosen.iter().zip(&level).filter(|(_, l)| **l > 0) {
        let gain = c.gain_to(l - 1)?;
        raised.push((
            gain,
            Step {
                indicator: c.indicator,
                answer: sub.answers[c.indicator].as_ref().map(|g| g.answer),
                to_answer: c.answer(l - 1),
                gain: exact::to_f64(&Exact::ratio(gain, scale)),
            },
        ));
    }
    raised.sort_by_key(|b| std::cmp::Reverse(b.0));
    Some(raised.into_iter().map(|(_, s)| s).collect())
}
