//! Scoring on a common denominator. Which indicators enter a region-year's score (answered and
//! required-blank ones) and which are left out (N/A, optional blank) fixes every weight: the
//! share of each scored indicator in each dimension, component and the index is a fraction that
//! depends on that *pattern* alone, not on the answers. Most region-years of a table share a
//! handful of patterns, so the weights are worked out once per pattern, each level's on one
//! common denominator, and a region-year's dimension, component and index scores are integer
//! dot products of its indicator scores' numerators (on their own common denominator), each
//! reduced once — instead of a weighted
//! mean per level with a reduction at every addition and product.
//!
//! The flattened sums are the nested means exactly (a mean of means is the sum of the products
//! of the shares along the way), so the fractions, hence every double and every comparison, are
//! those of the general path ([`super::score`]). Anything that does not fit machine integers
//! (a weight, a numerator, a product) sends the region-year down the general path instead.

use super::exact::{self, Exact};
use super::fraction::{exact_div, lcm, mul};
use super::{Coverage, IndexStatus, IndicatorScore, IndicatorStatus, Scorecard};
use crate::framework::{AnswerKind, Child, Closure, Framework, IndexBasis, NumberScoring};
use crate::submission::{Answer, Submission};
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock, RwLock};

/// What the scorecards of one framework's region-years share, worked out once: the framework's
/// numbers as fractions and, per pattern of scored indicators, the weights on common
/// denominators. Only a cache: a scorecard made with it is the scorecard made without. Safe to
/// share between threads; use one per framework.
#[derive(Default)]
pub struct ScoreCache {
    fixed: OnceLock<Fixed>,
    patterns: RwLock<FxHashMap<Box<Key>, Option<Arc<Pattern>>>>,
}

/// Patterns a [`ScoreCache`] keeps before it starts again.
const PATTERNS: usize = 1 << 14;

/// The framework's numbers that scoring compares or adds, as fractions.
pub(crate) struct Fixed {
    /// By indicator: how its answers score.
    rules: Vec<Rule>,
    /// The bottom of the scale: what a required blank scores.
    scale_min: Exact,
    /// By number of indicators answered: whether that covers enough for an index.
    status: Vec<IndexStatus>,
    /// Each band's bounds.
    bands: Vec<(Exact, Exact)>,
    /// The least index in each band ([`exact::band_minimum`]).
    pub(crate) band_minimums: Vec<Exact>,
    /// The weights of indicators, dimensions and components.
    indicator_weights: Vec<Exact>,
    dimension_weights: Vec<Exact>,
    component_weights: Vec<Exact>,
}

/// How an indicator's answers score, the framework's numbers in it taken apart once: the rules
/// of [`exact::answer_score`], rearranged where that gives the same fraction for less.
enum Rule {
    /// The score of each option.
    Options(Vec<Exact>),
    /// `lo + (n − min) × factor`, with `factor = (hi − lo) ÷ (max − min)`.
    Linear {
        lo: Exact,
        min: Exact,
        factor: Exact,
    },
    /// The score of the last band whose `from` the share achieved reaches (the first band's
    /// when none does).
    Target {
        goal: Exact,
        lower_is_better: bool,
        bands: Vec<(Exact, Exact)>,
    },
    /// Everything else: [`exact::answer_score`] itself.
    General,
}

impl Rule {
    fn new(fw: &Framework, i: usize) -> Rule {
        let d = exact::decimal;
        match &fw.answer_set_of(i).kind {
            AnswerKind::Options { options } => {
                Rule::Options(options.iter().map(|o| d(o.value)).collect())
            }
            AnswerKind::Number {
                min,
                max,
                scoring: NumberScoring::Linear,
                ..
            } if d(*max) != d(*min) => Rule::Linear {
                lo: d(fw.scale.min),
                min: d(*min),
                factor: (d(fw.scale.max) - d(fw.scale.min)) / (d(*max) - d(*min)),
            },
            AnswerKind::Target { bands } => match fw.indicators[i].target {
                Some(t) => Rule::Target {
                    goal: d(t.value),
                    lower_is_better: t.lower_is_better,
                    bands: bands.iter().map(|b| (d(b.from), d(b.score))).collect(),
                },
                None => Rule::General,
            },
            _ => Rule::General,
        }
    }
}

impl Fixed {
    fn new(fw: &Framework) -> Fixed {
        let d = exact::decimal;
        let n = fw.indicators.len();
        let min_coverage = d(fw.min_coverage);
        Fixed {
            rules: (0..n).map(|i| Rule::new(fw, i)).collect(),
            scale_min: d(fw.scale.min),
            status: (0..=n)
                .map(|answered| {
                    let coverage = Coverage {
                        answered,
                        not_applicable: 0,
                        missing: n - answered,
                        total: n,
                    };
                    super::index_status(&coverage, &min_coverage)
                })
                .collect(),
            bands: fw.bands.iter().map(|b| (d(b.from), d(b.to))).collect(),
            band_minimums: (0..fw.bands.len())
                .map(|b| exact::band_minimum(fw, b))
                .collect(),
            indicator_weights: fw.indicators.iter().map(|x| d(x.weight)).collect(),
            dimension_weights: fw.dimensions.iter().map(|x| d(x.weight)).collect(),
            component_weights: fw.components.iter().map(|x| d(x.weight)).collect(),
        }
    }

    /// [`exact::band_of`], on bounds taken apart once.
    pub(crate) fn band_of(&self, closure: Closure, v: &Exact) -> Option<usize> {
        let n = self.bands.len();
        self.bands
            .iter()
            .enumerate()
            .position(|(i, (from, to))| exact::within(closure, i, n, v.cmp(from), v.cmp(to)))
    }

    /// [`exact::answer_score`], with the framework's numbers taken apart once.
    fn answer_score(&self, fw: &Framework, i: usize, answer: &Answer) -> Option<Exact> {
        match (&self.rules[i], answer) {
            (Rule::Options(scores), Answer::Choice(o)) => scores.get(*o).cloned(),
            (Rule::Linear { lo, min, factor }, Answer::Number(n)) => {
                let n = exact::decimal(*n);
                let above = if min.is_zero() { n } else { n - min };
                Some(if lo.is_zero() {
                    above * factor
                } else {
                    lo + above * factor
                })
            }
            (
                Rule::Target {
                    goal,
                    lower_is_better,
                    bands,
                },
                Answer::Number(n),
            ) => {
                let value = exact::decimal(*n);
                // The share of the target achieved; `None` stands for "infinitely", a
                // lower-is-better KPI at zero.
                let achieved = if *lower_is_better {
                    value.is_positive().then(|| goal / &value)
                } else if goal.is_zero() {
                    None
                } else {
                    Some(value / goal)
                };
                bands
                    .iter()
                    .rev()
                    .find(|(from, _)| achieved.as_ref().is_none_or(|a| a >= from))
                    .or(bands.first())
                    .map(|(_, score)| score.clone())
            }
            _ => exact::answer_score(fw, i, answer),
        }
    }
}

/// What one pattern of scored indicators fixes: every score above the indicators as a weighted
/// sum of indicator scores.
pub(crate) struct Pattern {
    /// By dimension; `None` where nothing is scored.
    dimensions: Vec<Option<WeightedSum>>,
    /// By component; `None` where nothing is scored.
    components: Vec<Option<WeightedSum>>,
    /// The index; `None` when nothing is scored.
    index: Option<WeightedSum>,
}

/// `Σ numerator × score of indicator ÷ denominator` over `terms` (indicator, numerator), in
/// indicator order: a weighted mean flattened down to the indicators.
pub(crate) struct WeightedSum {
    pub(crate) terms: Vec<(usize, i128)>,
    pub(crate) denominator: i128,
}

impl WeightedSum {
    /// Its weights (fractions summing to 1) on their least common denominator; `None` when that
    /// or a numerator does not fit.
    fn new(mut weights: Vec<(usize, Exact)>) -> Option<WeightedSum> {
        weights.sort_by_key(|(i, _)| *i);
        let mut denominator = 1;
        for (_, w) in &weights {
            denominator = lcm(denominator, w.small_parts()?.1)?;
        }
        let terms = weights
            .iter()
            .map(|(i, w)| {
                let (n, d) = w.small_parts()?;
                Some((*i, mul(n, exact_div(denominator, d))?))
            })
            .collect::<Option<_>>()?;
        Some(WeightedSum { terms, denominator })
    }

    /// The sum for these indicator scores, exactly; `None` when a product does not fit.
    fn of(&self, scores: &Scaled) -> Option<Exact> {
        let mut sum: i128 = 0;
        for &(i, a) in &self.terms {
            sum = sum.checked_add(mul(a, scores.numerators[i])?)?;
        }
        Some(Exact::ratio(
            sum,
            mul(self.denominator, scores.denominator)?,
        ))
    }
}

/// A region-year's indicator scores on their least common denominator (nearly always 1: option
/// values are whole numbers), 0 for those left out.
struct Scaled {
    numerators: Vec<i128>,
    denominator: i128,
}

impl Scaled {
    /// `None` when a score or the denominator does not fit machine integers.
    fn new(scores: &[Option<Exact>]) -> Option<Scaled> {
        let mut denominator = 1;
        for s in scores.iter().flatten() {
            let d = s.small_parts()?.1;
            if d != denominator {
                denominator = lcm(denominator, d)?;
            }
        }
        let numerators = scores
            .iter()
            .map(|s| match s {
                None => Some(0),
                Some(s) => {
                    let (n, d) = s.small_parts()?;
                    if d == denominator {
                        Some(n)
                    } else {
                        mul(n, exact_div(denominator, d))
                    }
                }
            })
            .collect::<Option<_>>()?;
        Some(Scaled {
            numerators,
            denominator,
        })
    }
}

/// A pattern's key: one bit per indicator, set when it is scored, in 64-bit words.
type Key = [u64];

/// Words of a key kept on the stack: frameworks of up to 256 indicators.
const STACK_WORDS: usize = 4;

impl ScoreCache {
    /// The framework's numbers as fractions.
    pub(crate) fn fixed(&self, fw: &Framework) -> &Fixed {
        self.fixed.get_or_init(|| Fixed::new(fw))
    }

    /// The scorecard of `sub`, or `None` when it needs the general path (a number past machine
    /// integers, or answers not matching the framework).
    pub(crate) fn score(&self, fw: &Framework, sub: &Submission) -> Option<Scorecard> {
        let n = fw.indicators.len();
        if sub.answers.len() != n {
            return None;
        }
        let fixed = self.fixed(fw);
        let mut indicators = Vec::with_capacity(n);
        let mut scores = Vec::with_capacity(n);
        for (i, ind) in fw.indicators.iter().enumerate() {
            let (status, score) = match &sub.answers[i] {
                Some(given) if given.answer == Answer::NotApplicable => {
                    (IndicatorStatus::NotApplicable, None)
                }
                Some(given) => (
                    IndicatorStatus::Answered,
                    fixed.answer_score(fw, i, &given.answer),
                ),
                None if ind.required => (
                    IndicatorStatus::MissingRequired,
                    Some(fixed.scale_min.clone()),
                ),
                None => (IndicatorStatus::MissingOptional, None),
            };
            indicators.push(IndicatorScore {
                status,
                score: score.as_ref().map(exact::to_f64),
            });
            scores.push(score);
        }
        let pattern = self.pattern(fw, &scores)?;
        let scaled = Scaled::new(&scores)?;
        let all = |sums: &[Option<WeightedSum>]| -> Option<Vec<Option<Exact>>> {
            sums.iter()
                .map(|s| match s {
                    Some(s) => s.of(&scaled).map(Some),
                    None => Some(None),
                })
                .collect()
        };
        let exact = exact::ExactScores {
            dimensions: all(&pattern.dimensions)?,
            components: all(&pattern.components)?,
            index: match &pattern.index {
                Some(s) => Some(s.of(&scaled)?),
                None => None,
            },
            indicators: scores,
        };
        let coverage = super::coverage(&indicators);
        let status = fixed.status[coverage.answered];
        Some(super::assemble(indicators, exact, coverage, status, |v| {
            fixed.band_of(fw.band_closure, v)
        }))
    }

    /// The pattern of these indicator scores, worked out on first sight; `None` when its
    /// weights do not fit machine integers (or the scores do not match the framework).
    pub(crate) fn pattern(&self, fw: &Framework, scores: &[Option<Exact>]) -> Option<Arc<Pattern>> {
        if scores.len() != fw.indicators.len() {
            return None;
        }
        let words = scores.len().div_ceil(64);
        let mut on_stack = [0u64; STACK_WORDS];
        let mut on_heap = Vec::new();
        let key: &mut Key = if words <= STACK_WORDS {
            &mut on_stack[..words]
        } else {
            on_heap.resize(words, 0);
            &mut on_heap
        };
        for (i, s) in scores.iter().enumerate() {
            key[i / 64] |= u64::from(s.is_some()) << (i % 64);
        }
        let read = self
            .patterns
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(p) = read.get(&*key) {
            return p.clone();
        }
        drop(read);
        let scored: Vec<bool> = scores.iter().map(Option::is_some).collect();
        let p = Pattern::new(fw, self.fixed(fw), &scored).map(Arc::new);
        let mut table = self
            .patterns
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if table.len() >= PATTERNS {
            table.clear();
        }
        table.insert(key.into(), p.clone());
        p
    }
}

impl Pattern {
    /// The index's weighted sum, when anything is scored.
    pub(crate) fn index(&self) -> Option<&WeightedSum> {
        self.index.as_ref()
    }
}

/// Shares in a level: each indicator's weight in it, fractions summing to 1.
type Shares = Vec<(usize, Exact)>;

impl Pattern {
    /// The sums of the pattern where indicator `i` is scored when `scored[i]`; `None` when past
    /// machine integers.
    fn new(fw: &Framework, fixed: &Fixed, scored: &[bool]) -> Option<Pattern> {
        let mut memo: Vec<Option<Option<Shares>>> = vec![None; fw.dimensions.len()];
        for d in 0..fw.dimensions.len() {
            dimension_shares(fw, fixed, d, scored, &mut memo);
        }
        let dimensions: Vec<Option<Shares>> = memo.into_iter().map(Option::flatten).collect();
        let components: Vec<Option<Shares>> = (0..fw.components.len())
            .map(|c| {
                mean_shares(
                    (0..fw.indicators.len())
                        .filter(|&i| fw.indicators[i].component == Some(c) && scored[i])
                        .map(|i| (&fixed.indicator_weights[i], Share::Indicator(i))),
                )
            })
            .collect();
        let index = match fw.index_basis {
            IndexBasis::Dimensions => mean_shares(fw.top_dimensions().filter_map(|(d, _)| {
                Some((
                    &fixed.dimension_weights[d],
                    Share::Level(dimensions[d].as_ref()?),
                ))
            })),
            IndexBasis::Components => {
                mean_shares(components.iter().enumerate().filter_map(|(c, s)| {
                    Some((&fixed.component_weights[c], Share::Level(s.as_ref()?)))
                }))
            }
        };
        let sums = |v: Vec<Option<Shares>>| -> Option<Vec<Option<WeightedSum>>> {
            v.into_iter()
                .map(|s| match s {
                    Some(s) => WeightedSum::new(s).map(Some),
                    None => Some(None),
                })
                .collect()
        };
        Some(Pattern {
            dimensions: sums(dimensions)?,
            components: sums(components)?,
            index: match index {
                Some(s) => Some(WeightedSum::new(s)?),
                None => None,
            },
        })
    }
}

/// A child of a mean: one indicator, or a level below with its own shares.
enum Share<'a> {
    Indicator(usize),
    Level(&'a Shares),
}

/// The shares of dimension `d` (memoised in `memo`); `None` when nothing in it is scored.
fn dimension_shares(
    fw: &Framework,
    fixed: &Fixed,
    d: usize,
    scored: &[bool],
    memo: &mut Vec<Option<Option<Shares>>>,
) {
    if memo[d].is_some() {
        return;
    }
    for c in &fw.dimensions[d].children {
        if let Child::Dimension(s) = *c {
            dimension_shares(fw, fixed, s, scored, memo);
        }
    }
    let children = fw.dimensions[d].children.iter().filter_map(|c| match *c {
        Child::Indicator(i) => {
            scored[i].then(|| (&fixed.indicator_weights[i], Share::Indicator(i)))
        }
        Child::Dimension(s) => Some((
            &fixed.dimension_weights[s],
            Share::Level(memo[s].as_ref()?.as_ref()?),
        )),
    });
    let v = mean_shares(children);
    memo[d] = Some(v);
}

/// The shares of a weighted mean of children: each child's weight over their sum, times its own
/// shares. `None` when the weights add up to 0 (no child), as [`exact::mean`] gives no mean then.
fn mean_shares<'a>(children: impl Iterator<Item = (&'a Exact, Share<'a>)>) -> Option<Shares> {
    let children: Vec<(&Exact, Share)> = children.collect();
    let total: Exact = children.iter().map(|(w, _)| *w).sum();
    if total.is_zero() {
        return None;
    }
    let mut out = Vec::new();
    for (w, share) in children {
        let part = w / &total;
        match share {
            Share::Indicator(i) => out.push((i, part)),
            Share::Level(shares) => out.extend(shares.iter().map(|(i, s)| (*i, &part * s))),
        }
    }
    Some(out)
}
