//! Exact arithmetic: every number of a framework and of an answer is a decimal a person wrote
//! (`0.4`, `75,5`, a weight of `0.30`), read as the double nearest to it. Each is taken back to
//! that decimal (the shortest digits that read back as the same double, which are the digits
//! typed whenever they number 15 significant digits or fewer) and every score, weighted mean,
//! weight in the index and difference is computed on fractions of whole numbers, without
//! rounding. Bands and ranks compare these fractions, so indices that are mathematically equal
//! are equal here, whatever the order of the arithmetic; what is shown or written is the double
//! nearest to each fraction.

use crate::framework::{AnswerKind, Child, Closure, Framework, IndexBasis, NumberScoring};
use crate::submission::Answer;
use num_bigint::BigInt;
use num_rational::BigRational;

/// An exact rational number: a fraction of machine integers, big integers past them.
pub use super::fraction::Exact;

/// The decimal `v` was read from, exactly: the shortest digits that read back as `v`. Not a
/// number or an infinity (never produced by the reader or the framework loader) gives 0.
pub fn decimal(v: f64) -> Exact {
    if !v.is_finite() {
        return Exact::zero();
    }
    if v.fract() == 0.0 && v.abs() < 1e18 {
        return Exact::from_i128(v as i64 as i128);
    }
    if let Some(x) = few_decimals(v) {
        return x;
    }
    // A run meets the same few numbers over and over (a framework's weights and option values,
    // answers typed with one decimal): each is taken apart once per thread.
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<u64, Exact>> =
            std::cell::RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(x) = seen.get(&v.to_bits()) {
            return x.clone();
        }
        let x = decimal_digits(v);
        // Bounded: a table of a million distinct numbers would otherwise be kept whole.
        if seen.len() >= 1 << 16 {
            seen.clear();
        }
        seen.insert(v.to_bits(), x.clone());
        x
    })
}

/// [`decimal_digits`] of a number below 2²⁶ in magnitude whose shortest digits have at most six
/// decimals (nearly every answer and weight), without formatting or a look-up: `m ÷ 10^k` for the
/// least `k` such that `m`, `v × 10^k` rounded, reads back as `v`. No shorter digits can read back
/// as `v` (they would be found at a lower `k`: `m` is within 0.02 of `v × 10^k` then), and below
/// 2²⁶ two different decimals of at most seven places are farther apart than the unit in the last
/// place of `v`, so no other digits of that length (or one more place, the same number of
/// significant digits across a power of ten) read back as `v` either. `None` otherwise.
fn few_decimals(v: f64) -> Option<Exact> {
    const POWERS: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    // Also refuses NaN, which compares as nothing.
    if v.abs().partial_cmp(&((1u64 << 26) as f64)) != Some(std::cmp::Ordering::Less) {
        return None;
    }
    (1..POWERS.len()).find_map(|k| {
        let m = (v * POWERS[k]).round();
        // Both exact as doubles (`|m| < 2⁵³`), so the division is the double nearest `m ÷ 10^k`:
        // what reading its digits gives.
        (m / POWERS[k] == v).then(|| Exact::decimal_fraction(m as i64, k as u32))
    })
}

/// [`decimal`] of a finite number with a fractional part, from its shortest digits.
fn decimal_digits(v: f64) -> Exact {
    // `{:e}` is the shortest round-trip form: `-1.2345e-3`.
    let s = format!("{v:e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let mantissa = mantissa.trim_start_matches('-');
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: BigInt = format!("{whole}{frac}").parse().unwrap_or_default();
    let shift = exp - frac.len() as i64;
    let ten = BigInt::from(10);
    let mut x = if shift >= 0 {
        BigRational::from_integer(digits * num_traits::pow(ten, shift as usize))
    } else {
        BigRational::new(digits, num_traits::pow(ten, (-shift) as usize))
    };
    if negative {
        x = -x;
    }
    Exact::from_big(x)
}

/// The double nearest to `x`.
pub fn to_f64(x: &Exact) -> f64 {
    x.to_f64()
}

/// `10^-decimals`, exactly.
pub fn step(decimals: usize) -> Exact {
    Exact::from_i128(1) / pow10(decimals)
}

/// `10^decimals`, exactly.
pub fn pow10(decimals: usize) -> Exact {
    match u32::try_from(decimals)
        .ok()
        .and_then(|e| 10i128.checked_pow(e))
    {
        Some(p) => Exact::from_i128(p),
        None => Exact::from_big(BigRational::from_integer(num_traits::pow(
            BigInt::from(10),
            decimals,
        ))),
    }
}

/// Weighted mean of the `Some` values; `None` if there are none.
pub fn mean<'a>(items: impl IntoIterator<Item = (Exact, Option<&'a Exact>)>) -> Option<Exact> {
    let (mut sum, mut weights) = (Exact::zero(), Exact::zero());
    for (w, v) in items {
        let Some(v) = v else { continue };
        sum += &w * v;
        weights += w;
    }
    (!weights.is_zero()).then(|| sum / weights)
}

/// The interval among `bounds` (ascending, contiguous) that holds `v`, as [`Closure::find`] does
/// on doubles.
pub fn find(closure: Closure, bounds: &[(f64, f64)], v: &Exact) -> Option<usize> {
    let n = bounds.len();
    bounds.iter().enumerate().position(|(i, &(from, to))| {
        let (from, to) = (cmp(v, &decimal(from)), cmp(v, &decimal(to)));
        within(closure, i, n, from, to)
    })
}

/// Whether a value lies in interval `i` of `n` contiguous ones, given how it compares with the
/// interval's `from` and `to`: the rule of [`find`].
pub(crate) fn within(
    closure: Closure,
    i: usize,
    n: usize,
    from: std::cmp::Ordering,
    to: std::cmp::Ordering,
) -> bool {
    match closure {
        Closure::Lower => (from.is_ge() && to.is_lt()) || (i + 1 == n && to.is_eq()),
        Closure::Upper => (from.is_gt() && to.is_le()) || (i == 0 && from.is_eq()),
    }
}

/// The band the exact index `v` falls in, following the framework's `band_closure`.
pub fn band_of(fw: &Framework, v: &Exact) -> Option<usize> {
    let bounds: Vec<(f64, f64)> = fw.bands.iter().map(|b| (b.from, b.to)).collect();
    find(fw.band_closure, &bounds, v)
}

/// The least index in band `band`: its `from` with bands `[from, to)`, and `from` plus one step
/// of the display precision with bands `(from, to]` (see [`Framework::next_band`]).
pub fn band_minimum(fw: &Framework, band: usize) -> Exact {
    let from = decimal(fw.bands[band].from);
    match fw.band_closure {
        Closure::Lower => from,
        Closure::Upper => from + step(fw.precision),
    }
}

/// The exact score of one answer on the framework's scale (see [`super::answer_score`]).
pub fn answer_score(fw: &Framework, ind: usize, answer: &Answer) -> Option<Exact> {
    let indicator = &fw.indicators[ind];
    match (answer, &fw.answer_set_of(ind).kind) {
        (Answer::NotApplicable, _) => None,
        (Answer::Choice(i), AnswerKind::Options { options }) => {
            options.get(*i).map(|o| decimal(o.value))
        }
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
        ) => {
            let n = decimal(*n);
            match scoring {
                NumberScoring::Value => Some(n),
                NumberScoring::Linear => {
                    let (lo, hi) = (decimal(fw.scale.min), decimal(fw.scale.max));
                    let (min, max) = (decimal(*min), decimal(*max));
                    Some(linear(&n, &min, &max, &lo, &hi))
                }
                NumberScoring::Table => {
                    let bounds: Vec<(f64, f64)> = table.iter().map(|r| (r.from, r.to)).collect();
                    find(*closure, &bounds, &n).map(|r| decimal(table[r].score))
                }
            }
        }
        (Answer::Number(n), AnswerKind::Target { bands }) => {
            let target = indicator.target?;
            let (value, goal) = (decimal(*n), decimal(target.value));
            // The share of the target achieved; `None` stands for "infinitely", a lower-is-better
            // KPI at zero.
            let achieved = if target.lower_is_better {
                (value.is_positive()).then(|| quotient(&goal, &value))
            } else if goal.is_zero() {
                None
            } else {
                Some(quotient(&value, &goal))
            };
            bands
                .iter()
                .rev()
                .find(|b| {
                    achieved
                        .as_ref()
                        .is_none_or(|a| cmp(a, &decimal(b.from)).is_ge())
                })
                .or(bands.first())
                .map(|b| decimal(b.score))
        }
        _ => None,
    }
}

/// `a` against `b`.
pub fn cmp(a: &Exact, b: &Exact) -> std::cmp::Ordering {
    a.cmp(b)
}

/// `a ÷ b` (`b` not zero).
fn quotient(a: &Exact, b: &Exact) -> Exact {
    a / b
}

/// `w × (a − b)`.
pub(crate) fn times_difference(w: &Exact, a: &Exact, b: &Exact) -> Exact {
    w * (a - b)
}

/// `lo + (n − min) ÷ (max − min) × (hi − lo)`.
fn linear(n: &Exact, min: &Exact, max: &Exact, lo: &Exact, hi: &Exact) -> Exact {
    lo + (n - min) / (max - min) * (hi - lo)
}

/// Every score of one submission, exactly (the doubles of a [`super::Scorecard`] are the nearest
/// to these).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExactScores {
    /// By indicator; `None` where left out. Empty once a lean comparison dropped the indicators.
    pub indicators: Vec<Option<Exact>>,
    /// By dimension (sub-dimensions included); `None` where nothing was answered.
    pub dimensions: Vec<Option<Exact>>,
    /// By component; `None` where nothing was answered.
    pub components: Vec<Option<Exact>>,
    /// The index before the coverage rule (`None` when nothing was answered).
    pub index: Option<Exact>,
}

/// Aggregates exact indicator scores into dimensions, components and the index.
pub fn aggregate(fw: &Framework, indicators: Vec<Option<Exact>>) -> ExactScores {
    let mut memo: Vec<Option<Option<Exact>>> = vec![None; fw.dimensions.len()];
    for d in 0..fw.dimensions.len() {
        dimension(fw, d, &indicators, &mut memo);
    }
    let dimensions: Vec<Option<Exact>> = memo.into_iter().map(Option::flatten).collect();
    let components: Vec<Option<Exact>> = (0..fw.components.len())
        .map(|c| {
            mean(
                fw.indicators
                    .iter()
                    .zip(&indicators)
                    .filter(|(ind, _)| ind.component == Some(c))
                    .map(|(ind, s)| (decimal(ind.weight), s.as_ref())),
            )
        })
        .collect();
    let index = match fw.index_basis {
        IndexBasis::Dimensions => mean(
            fw.top_dimensions()
                .map(|(d, dim)| (decimal(dim.weight), dimensions[d].as_ref())),
        ),
        IndexBasis::Components => mean(
            fw.components
                .iter()
                .zip(&components)
                .map(|(c, s)| (decimal(c.weight), s.as_ref())),
        ),
    };
    ExactScores {
        indicators,
        dimensions,
        components,
        index,
    }
}

fn dimension(
    fw: &Framework,
    d: usize,
    indicators: &[Option<Exact>],
    memo: &mut Vec<Option<Option<Exact>>>,
) -> Option<Exact> {
    if let Some(v) = &memo[d] {
        return v.clone();
    }
    let children: Vec<(Exact, Option<Exact>)> = fw.dimensions[d]
        .children
        .iter()
        .map(|c| match *c {
            Child::Indicator(i) => (decimal(fw.indicators[i].weight), indicators[i].clone()),
            Child::Dimension(s) => (
                decimal(fw.dimensions[s].weight),
                dimension(fw, s, indicators, memo),
            ),
        })
        .collect();
    let v = mean(children.iter().map(|(w, s)| (w.clone(), s.as_ref())));
    memo[d] = Some(v.clone());
    v
}

/// Each indicator's weight in the index: the product of its own weight and those of the levels
/// above it, each divided by the sum of the weights of its scored siblings (N/A and blank
/// optional answers are left out and their siblings renormalised). The index is the sum of weight
/// × score over the scored indicators. `None` for an indicator left out (weight 0) and for every
/// indicator when nothing was scored.
pub fn weights_in_index(fw: &Framework, scores: &ExactScores) -> Vec<Option<Exact>> {
    let n = fw.indicators.len();
    let mut out: Vec<Option<Exact>> = vec![None; n];
    if scores.index.is_none() || scores.indicators.len() != n {
        return out;
    }
    let share = |w: f64, siblings: Exact| decimal(w) / siblings;
    match fw.index_basis {
        IndexBasis::Components => {
            let total: Exact = fw
                .components
                .iter()
                .zip(&scores.components)
                .filter(|(_, s)| s.is_some())
                .map(|(c, _)| decimal(c.weight))
                .sum();
            for (c, comp) in fw.components.iter().enumerate() {
                if scores.components[c].is_none() {
                    continue;
                }
                let comp_share = share(comp.weight, total.clone());
                let members: Vec<usize> = (0..n)
                    .filter(|&i| fw.indicators[i].component == Some(c))
                    .filter(|&i| scores.indicators[i].is_some())
                    .collect();
                let sum: Exact = members
                    .iter()
                    .map(|&i| decimal(fw.indicators[i].weight))
                    .sum();
                for i in members {
                    out[i] = Some(&comp_share * share(fw.indicators[i].weight, sum.clone()));
                }
            }
        }
        IndexBasis::Dimensions => {
            let tops: Vec<usize> = fw
                .top_dimensions()
                .filter(|(d, _)| scores.dimensions[*d].is_some())
                .map(|(d, _)| d)
                .collect();
            let total: Exact = tops.iter().map(|&d| decimal(fw.dimensions[d].weight)).sum();
            for d in tops {
                let w = share(fw.dimensions[d].weight, total.clone());
                spread(fw, d, w, scores, &mut out);
            }
        }
    }
    out
}

/// Hands dimension `d`'s weight in the index down to its scored children.
fn spread(
    fw: &Framework,
    d: usize,
    weight: Exact,
    scores: &ExactScores,
    out: &mut [Option<Exact>],
) {
    let scored = |c: &Child| match *c {
        Child::Indicator(i) => scores.indicators[i].is_some(),
        Child::Dimension(s) => scores.dimensions[s].is_some(),
    };
    let own = |c: &Child| match *c {
        Child::Indicator(i) => fw.indicators[i].weight,
        Child::Dimension(s) => fw.dimensions[s].weight,
    };
    let children = &fw.dimensions[d].children;
    let sum: Exact = children
        .iter()
        .filter(|c| scored(c))
        .map(|c| decimal(own(c)))
        .sum();
    for c in children.iter().filter(|c| scored(c)) {
        let w = &weight * decimal(own(c)) / &sum;
        match *c {
            Child::Indicator(i) => out[i] = Some(w),
            Child::Dimension(s) => spread(fw, s, w, scores, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Without formatting, the same fraction as from the shortest digits: for decimals of up
        /// to nine places (typed answers, and past what the shortcut takes) and any double.
        #[test]
        fn few_decimals_are_the_shortest_digits(
            m in -10_000_000_000_000i64..10_000_000_000_000,
            k in 0u32..10,
            bits in any::<u64>(),
        ) {
            let typed = m as f64 / 10f64.powi(k as i32);
            for v in [typed, f64::from_bits(bits), typed * 1e-3, typed.fract()] {
                if v.is_finite()
                    && v.fract() != 0.0
                    && let Some(x) = few_decimals(v)
                {
                    prop_assert_eq!(x, decimal_digits(v), "{}", v);
                }
            }
        }
    }

    #[test]
    fn few_decimals_edges() {
        for v in [
            0.1,
            0.05,
            59.8,
            -0.3,
            1.000001,
            67_108_863.5,
            0.999_999,
            123.456_789,
        ] {
            if let Some(x) = few_decimals(v) {
                assert_eq!(x, decimal_digits(v), "{v}");
            }
        }
        assert_eq!(few_decimals(59.8), Some(Exact::ratio(299, 5)));
        assert_eq!(few_decimals(-2.5), Some(Exact::ratio(-5, 2)));
        assert_eq!(few_decimals(0.000_25), Some(Exact::ratio(1, 4000)));
        assert_eq!(few_decimals(1e-7), None);
        assert_eq!(few_decimals(1.0 / 3.0), None);
        assert_eq!(few_decimals(67_108_864.5), None);
    }
}
