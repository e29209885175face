//! Invariants of scoring over random frameworks (trees of dimensions and indicators with random
//! weights, scales and components, written as TOML and loaded like any other) and random answers:
//! the index stays on the scale; raising one answer never lowers it; scaling the weights of a
//! level changes nothing; the order of submissions changes nothing; N/A scores as if the
//! indicator did not exist.

use proptest::prelude::*;
use smartcity::compare::compare;
use smartcity::framework::{Framework, parse};
use smartcity::scoring::{Scorecard, score};
use smartcity::submission::{Answer, GivenAnswer, Submission};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// Options per indicator; option `i` scores `min + span · i / (OPTIONS − 1)`.
const OPTIONS: usize = 5;

#[derive(Debug, Clone)]
struct Dim {
    parent: Option<usize>,
    weight: f64,
}

#[derive(Debug, Clone)]
struct Ind {
    parent: usize,
    weight: f64,
    required: bool,
}

/// A framework before it is written as TOML.
#[derive(Debug, Clone)]
struct Spec {
    min: f64,
    span: f64,
    dims: Vec<Dim>,
    inds: Vec<Ind>,
    /// Component weights; empty means the index is over the top-level dimensions.
    components: Vec<f64>,
}

impl Spec {
    fn component_of(&self, i: usize) -> usize {
        i % self.components.len().max(1)
    }

    fn toml(&self) -> String {
        let mut t = String::new();
        let (min, max) = (self.min, self.min + self.span);
        let basis = if self.components.is_empty() {
            "dimensions"
        } else {
            "components"
        };
        let _ = writeln!(
            t,
            "[framework]\nid = \"prop\"\nversion = \"1\"\ntitle = {{ id = \"p\", en = \"p\" }}\n\
             scale = {{ min = {min:?}, max = {max:?} }}\nlevels = [\"regency\"]\nindex = \"{basis}\"\n"
        );
        let _ = writeln!(t, "[answer_sets.level]\nkind = \"options\"\noptions = [");
        for o in 0..OPTIONS {
            let value = self.value(o);
            let _ = writeln!(
                t,
                "  {{ code = \"{o}\", value = {value:?}, label = {{ id = \"o{o}\", en = \"o{o}\" }} }},"
            );
        }
        let _ = writeln!(t, "]\n");
        for (c, w) in self.components.iter().enumerate() {
            let _ = writeln!(
                t,
                "[[component]]\nid = \"c{c}\"\nlabel = {{ id = \"c\", en = \"c\" }}\nweight = {w:?}\n"
            );
        }
        for (d, dim) in self.dims.iter().enumerate() {
            let _ = writeln!(
                t,
                "[[dimension]]\nid = \"D{d}\"\nlabel = {{ id = \"d\", en = \"d\" }}\nweight = {:?}",
                dim.weight
            );
            if let Some(p) = dim.parent {
                let _ = writeln!(t, "parent = \"D{p}\"");
            }
            t.push('\n');
        }
        for (i, ind) in self.inds.iter().enumerate() {
            let _ = writeln!(
                t,
                "[[indicator]]\nid = \"I{i}\"\nparent = \"D{}\"\nanswers = \"level\"\n\
                 label = {{ id = \"i\", en = \"i\" }}\nquestion = {{ id = \"q\", en = \"q\" }}\n\
                 weight = {:?}\nna_allowed = true\nrequired = {}",
                ind.parent, ind.weight, ind.required
            );
            if !self.components.is_empty() {
                let _ = writeln!(t, "component = \"c{}\"", self.component_of(i));
            }
            t.push('\n');
        }
        let _ = writeln!(
            t,
            "[[band]]\nfrom = {min:?}\nto = {max:?}\nlabel = {{ id = \"b\", en = \"b\" }}"
        );
        t
    }

    fn value(&self, option: usize) -> f64 {
        self.min + self.span * option as f64 / (OPTIONS - 1) as f64
    }

    fn framework(&self) -> Framework {
        let src = self.toml();
        parse(Path::new("prop.toml"), &src)
            .unwrap_or_else(|p| panic!("generated framework refused: {p:#?}\n{src}"))
    }
}

/// An answer as given: an option, N/A, or blank.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Given {
    Option(usize),
    NotApplicable,
    Blank,
}

fn given() -> impl Strategy<Value = Given> {
    prop_oneof![
        6 => (0..OPTIONS).prop_map(Given::Option),
        1 => Just(Given::NotApplicable),
        1 => Just(Given::Blank),
    ]
}

fn weight() -> impl Strategy<Value = f64> {
    (1u32..=1000).prop_map(|w| w as f64 / 100.0)
}

prop_compose! {
    fn spec()(n_dims in 1usize..7)(
        parents in proptest::collection::vec(0usize..7, n_dims),
        dim_weights in proptest::collection::vec(weight(), n_dims),
        per_dim in proptest::collection::vec(proptest::collection::vec((weight(), any::<bool>()), 1..4), n_dims),
        n_components in 0usize..4,
        component_weights in proptest::collection::vec(weight(), 3),
        min in -10i32..10,
        span in prop_oneof![Just(1.0), Just(4.0), Just(5.0), Just(100.0), (1u32..1000u32).prop_map(|s| s as f64 / 10.0)],
    ) -> Spec {
        // A dimension's parent is an earlier dimension, or none (a top-level dimension).
        let dims: Vec<Dim> = (0..parents.len())
            .map(|d| Dim {
                parent: (d > 0 && parents[d] < d).then_some(parents[d]),
                weight: dim_weights[d],
            })
            .collect();
        let inds: Vec<Ind> = per_dim
            .iter()
            .enumerate()
            .flat_map(|(d, list)| list.iter().map(move |&(weight, required)| Ind { parent: d, weight, required }))
            .collect();
        let n_components = n_components.min(inds.len());
        Spec {
            min: min as f64,
            span,
            dims,
            inds,
            components: component_weights[..n_components].to_vec(),
        }
    }
}

fn region(i: usize) -> smartcity::regions::Region {
    let all = smartcity::regions::regencies();
    all[i % all.len()].clone()
}

fn submission(fw: &Framework, answers: &[Given], region_no: usize, year: i32) -> Submission {
    let answers = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let answer = match answers.get(i).copied().unwrap_or(Given::Blank) {
                Given::Option(o) => Answer::Choice(o),
                Given::NotApplicable => Answer::NotApplicable,
                Given::Blank => return None,
            };
            Some(GivenAnswer::new(answer))
        })
        .collect();
    Submission::new(region(region_no), year, answers)
}

fn card(fw: &Framework, answers: &[Given]) -> Scorecard {
    score(fw, &submission(fw, answers, 0, 2024))
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs())),
        (None, None) => true,
        _ => false,
    }
}

/// A spec with answers for each of its indicators.
fn spec_and_answers() -> impl Strategy<Value = (Spec, Vec<Given>)> {
    spec().prop_flat_map(|s| {
        let n = s.inds.len();
        (Just(s), proptest::collection::vec(given(), n))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_index_and_every_score_stay_on_the_scale((spec, answers) in spec_and_answers()) {
        let fw = spec.framework();
        let c = card(&fw, &answers);
        let (lo, hi) = (spec.min - 1e-9, spec.min + spec.span + 1e-9);
        let scores = c.index.iter().chain(c.dimensions.iter().flatten()).chain(c.components.iter().flatten());
        for &v in scores {
            prop_assert!(lo <= v && v <= hi, "{v} outside [{}, {}]", spec.min, spec.min + spec.span);
        }
        // Within the scale every index has a band. (Rounding can put a weighted mean a few ulps
        // past the top of the scale, where no band is found: see a_top_score_gets_the_top_band.)
        if let Some(v) = c.index.filter(|v| (spec.min..=spec.min + spec.span).contains(v)) {
            prop_assert!(c.band.is_some(), "no band for {v}");
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_the_index(
        (spec, answers) in spec_and_answers(),
        pick in any::<proptest::sample::Index>(),
        up in 1usize..OPTIONS,
    ) {
        let fw = spec.framework();
        let i = pick.index(answers.len());
        // A blank required answer scores the bottom of the scale: any answer raises it. A blank
        // optional one or N/A is left out, so answering it is not a raise.
        let from = match answers[i] {
            Given::Option(o) => o,
            Given::Blank if spec.inds[i].required => 0,
            _ => return Ok(()),
        };
        let mut raised = answers.clone();
        raised[i] = Given::Option((from + up).min(OPTIONS - 1));
        let (before, after) = (card(&fw, &answers), card(&fw, &raised));
        if let (Some(b), Some(a)) = (before.index, after.index) {
            prop_assert!(a >= b - 1e-9, "index fell from {b} to {a}");
        }
        for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
            if let (Some(b), Some(a)) = (b, a) {
                prop_assert!(a >= &(b - 1e-9), "a dimension fell from {b} to {a}");
            }
        }
    }

    #[test]
    fn scaling_the_weights_of_a_level_changes_nothing(
        (spec, answers) in spec_and_answers(),
        factor in prop_oneof![Just(0.5), Just(3.0), Just(1000.0), (1u32..10_000).prop_map(|f| f as f64 / 100.0)],
        pick in any::<proptest::sample::Index>(),
    ) {
        let base = card(&spec.framework(), &answers);
        // The children of one dimension (its sub-dimensions and its indicators), or of the root
        // (the top-level dimensions), or every component.
        let node = pick.index(spec.dims.len() + 1);
        let parent = (node < spec.dims.len()).then_some(node);
        let mut scaled = spec.clone();
        for d in &mut scaled.dims {
            if d.parent == parent {
                d.weight *= factor;
            }
        }
        let indicators_scaled = parent.is_some();
        if let Some(p) = parent {
            for ind in &mut scaled.inds {
                if ind.parent == p {
                    ind.weight *= factor;
                }
            }
        }
        for w in &mut scaled.components {
            *w *= factor;
        }
        let other = card(&scaled.framework(), &answers);
        for (a, b) in base.dimensions.iter().zip(&other.dimensions) {
            prop_assert!(close(*a, *b), "dimension {a:?} became {b:?}");
        }
        // A component's score is the weighted mean of its indicators wherever they sit, so
        // scaling the indicators of one dimension alone may move it; the rest must not move.
        if !indicators_scaled || spec.components.is_empty() {
            prop_assert!(close(base.index, other.index), "index {:?} became {:?}", base.index, other.index);
        }
        // For components, every indicator weight at once is a level of its own (for dimensions
        // it is not: a dimension may hold sub-dimensions and indicators side by side).
        if !spec.components.is_empty() {
            let mut all = spec.clone();
            for ind in &mut all.inds {
                ind.weight *= factor;
            }
            let third = card(&all.framework(), &answers);
            prop_assert!(close(base.index, third.index), "index {:?} became {:?}", base.index, third.index);
        }
    }

    #[test]
    fn the_order_of_submissions_changes_nothing(
        spec in spec(),
        people in proptest::collection::vec((proptest::collection::vec(given(), 20), 0usize..2), 2..12),
        seed in any::<u64>(),
    ) {
        let fw = spec.framework();
        let subs: Vec<Submission> = people
            .iter()
            .enumerate()
            .map(|(r, (answers, year))| submission(&fw, answers, r, 2023 + *year as i32))
            .collect();
        let mut shuffled = subs.clone();
        // A Fisher–Yates shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let key = |c: &smartcity::compare::Comparison| {
            c.entries
                .iter()
                .map(|e| {
                    let k = (e.submission.region.code, e.submission.year);
                    (k, (e.rank, e.rank_kind, e.rank_province, e.scorecard.index.map(f64::to_bits), e.improvement_since(c.previous(e)).map(f64::to_bits)))
                })
                .collect::<HashMap<_, _>>()
        };
        let a = compare(&fw, subs, &[]);
        let b = compare(&fw, shuffled, &[]);
        prop_assert_eq!(key(&a), key(&b));
        let order = |c: &smartcity::compare::Comparison| {
            c.entries.iter().map(|e| (e.submission.region.code, e.submission.year)).collect::<Vec<_>>()
        };
        prop_assert_eq!(order(&a), order(&b));
    }

    #[test]
    fn not_applicable_scores_as_if_the_indicator_did_not_exist(
        (spec, answers) in spec_and_answers(),
        pick in any::<proptest::sample::Index>(),
    ) {
        // An indicator that can be removed and leave a valid framework: its dimension and its
        // component keep another member.
        let candidates: Vec<usize> = (0..spec.inds.len())
            .filter(|&i| {
                let p = spec.inds[i].parent;
                let same_dim = spec.inds.iter().enumerate().any(|(j, x)| j != i && x.parent == p);
                let same_comp = spec.components.is_empty()
                    || (0..spec.inds.len()).any(|j| j != i && spec.component_of(j) == spec.component_of(i));
                same_dim && same_comp
            })
            .collect();
        prop_assume!(!candidates.is_empty());
        let x = candidates[pick.index(candidates.len())];
        let mut with_na = answers.clone();
        with_na[x] = Given::NotApplicable;
        let a = card(&spec.framework(), &with_na);

        // Without it: the same framework minus indicator x; components are kept by number, so
        // the indicator list is rewritten with explicit components.
        let mut without = spec.clone();
        let comps: Vec<usize> = (0..spec.inds.len()).map(|i| spec.component_of(i)).collect();
        without.inds.remove(x);
        let mut rest = answers.clone();
        rest.remove(x);
        let mut kept_comps = comps.clone();
        kept_comps.remove(x);
        let src = rewrite_components(&without, &kept_comps);
        let fw_without = parse(Path::new("without.toml"), &src)
            .unwrap_or_else(|p| panic!("{p:#?}\n{src}"));
        let b = score(&fw_without, &submission(&fw_without, &rest, 0, 2024));

        prop_assert!(close(a.index, b.index), "index {:?} with N/A, {:?} without", a.index, b.index);
        for (d, (s, t)) in a.dimensions.iter().zip(&b.dimensions).enumerate() {
            prop_assert!(close(*s, *t), "D{d}: {s:?} with N/A, {t:?} without");
        }
        for (c, (s, t)) in a.components.iter().zip(&b.components).enumerate() {
            prop_assert!(close(*s, *t), "c{c}: {s:?} with N/A, {t:?} without");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Scoring and planning on a common denominator per pattern of scored indicators (the
    /// cached path a run takes) give the scorecards and plans of the general path, bit for bit,
    /// on random trees, weights, scales and components, several region-years sharing one cache.
    #[test]
    fn the_common_denominator_gives_the_general_results(
        (spec, answers) in spec_and_answers(),
        more in proptest::collection::vec(proptest::collection::vec(given(), 24), 3),
    ) {
        use smartcity::scoring::next_band::{PlanCache, plan, plan_with};
        let fw = spec.framework();
        let cache = PlanCache::default();
        for answers in std::iter::once(&answers).chain(&more) {
            let sub = submission(&fw, answers, 0, 2024);
            let general = score(&fw, &sub);
            let fast = smartcity::scoring::score_with(&fw, cache.scoring(), &sub);
            prop_assert_eq!(format!("{general:?}"), format!("{fast:?}"));
            prop_assert_eq!(
                format!("{:?}", plan(&fw, &sub, &general)),
                format!("{:?}", plan_with(&fw, &cache, &sub, &fast))
            );
        }
    }
}

/// The TOML of `spec` with indicator `i` in component `comps[i]` (instead of round-robin).
fn rewrite_components(spec: &Spec, comps: &[usize]) -> String {
    let mut src = spec.toml();
    if spec.components.is_empty() {
        return src;
    }
    for (i, c) in comps.iter().enumerate() {
        let from = format!("id = \"I{i}\"\n");
        let Some(at) = src.find(&from) else { continue };
        let end = src[at..].find("\n\n").map_or(src.len(), |e| at + e);
        let block = src[at..end].to_string();
        let fixed: String = block
            .lines()
            .map(|l| {
                if l.starts_with("component = ") {
                    format!("component = \"c{c}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        src.replace_range(at..end, &fixed);
    }
    src
}

/// Found by `the_index_and_every_score_stay_on_the_scale`: with scale −8..−7, one dimension of
/// weight 0.01 and one indicator answered at the top, the index comes out one ulp above −7
/// ((0.01 · −7) / 0.01 ≠ −7 in floating point) and `band_of` finds no band, so a region that
/// answered everything at the top would get no predicate. A weighted mean cannot leave the range
/// of its inputs; `scoring::weighted_mean` now clamps it there.
#[test]
fn a_top_score_gets_the_top_band() {
    let spec = Spec {
        min: -8.0,
        span: 1.0,
        dims: vec![Dim {
            parent: None,
            weight: 0.01,
        }],
        inds: vec![Ind {
            parent: 0,
            weight: 5.45,
            required: true,
        }],
        components: vec![],
    };
    let fw = spec.framework();
    let c = card(&fw, &[Given::Option(OPTIONS - 1)]);
    assert!(
        c.index.unwrap() <= -7.0,
        "{:?} {:?} {:?}",
        c.index,
        c.band,
        fw.bands
    );
    assert_eq!(c.band, Some(0));
}
