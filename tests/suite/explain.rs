//! Issue 12: exact ties (the issue's Bandung/Bogor example through the binary), each indicator's
//! weight in the index, the change decomposed into contributions, and the way to the next band —
//! the last three as properties over random frameworks (options, numbers scored as is, linearly
//! or through a table, KPIs against targets; several bands, closed at either end; N/A, blanks,
//! sub-dimensions, components).

use crate::util::{smartcity, temp_dir};
use proptest::prelude::*;
use smartcity::compare::{compare, explain};
use smartcity::framework::{Framework, parse};
use smartcity::scoring::exact::{band_minimum, decimal, weights_in_index};
use smartcity::scoring::score;
use smartcity::submission::{Answer, GivenAnswer, Submission};
use std::fmt::Write as _;
use std::path::Path;

const TIE_FRAMEWORK: &str = r#"
[framework]
id = "tie"
version = "1"
title = { id = "Seri", en = "Tie" }
scale = { min = 0, max = 4 }
levels = ["regency"]

[answer_sets.n]
kind = "number"
min = 0
max = 4
scoring = "value"

[[dimension]]
id = "D"
label = { id = "D", en = "D" }

[[indicator]]
id = "I1"
parent = "D"
answers = "n"
label = { id = "a", en = "a" }
question = { id = "a", en = "a" }

[[indicator]]
id = "I2"
parent = "D"
answers = "n"
label = { id = "b", en = "b" }
question = { id = "b", en = "b" }

[[indicator]]
id = "I3"
parent = "D"
answers = "n"
label = { id = "c", en = "c" }
question = { id = "c", en = "c" }

[[band]]
from = 0
to = 0.4
label = { id = "Rendah", en = "Low" }

[[band]]
from = 0.4
to = 4
label = { id = "Tinggi", en = "High" }
"#;

const TIE_ANSWERS: &str = "region_code;year;indicator;answer\n\
32.73;2024;I1;0\n32.73;2024;I2;0,2\n32.73;2024;I3;1\n\
32.71;2024;I1;0,4\n32.71;2024;I2;0,4\n32.71;2024;I3;0,4\n";

#[test]
fn equal_indices_share_their_rank_and_band() {
    let dir = temp_dir();
    let fw = dir.path().join("tie.toml");
    let csv = dir.path().join("answers.csv");
    std::fs::write(&fw, TIE_FRAMEWORK).unwrap();
    std::fs::write(&csv, TIE_ANSWERS).unwrap();
    let out = smartcity()
        .args(["score", "--lang", "en", "--format", "json", "--framework"])
        .arg(&fw)
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        assert_eq!(r["index"].as_f64(), Some(0.4), "{r}");
        assert_eq!(r["band"], "High", "{}", r["region_code"]);
        assert_eq!(r["rank"], 1, "{}", r["region_code"]);
        assert!(r["next_band"].is_null(), "top band: no next band");
    }
    let table = smartcity()
        .args(["score", "--lang", "en", "--framework"])
        .arg(&fw)
        .arg(&csv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    // The rows, not the legend of the bands below them.
    let rows = text.split("Bands:").next().unwrap();
    assert_eq!(rows.matches("High").count(), 2, "{text}");
    assert!(!rows.contains("Low"), "{text}");
}

#[test]
fn next_band_and_change_reach_json_and_csv() {
    let dir = temp_dir();
    let fw = dir.path().join("tie.toml");
    let csv = dir.path().join("answers.csv");
    std::fs::write(&fw, TIE_FRAMEWORK).unwrap();
    // Bandung 2023: 0, 0, 1 → 1/3, Low; 2024: 0, 0,2, 1 → 0.4, High. Bogor 2024 only: 0, 0, 0,3.
    std::fs::write(
        &csv,
        "region_code;year;indicator;answer\n\
         32.73;2023;I1;0\n32.73;2023;I2;0\n32.73;2023;I3;1\n\
         32.73;2024;I1;0\n32.73;2024;I2;0,2\n32.73;2024;I3;1\n\
         32.71;2024;I1;0\n32.71;2024;I2;0\n32.71;2024;I3;0,3\n",
    )
    .unwrap();
    let out = smartcity()
        .args(["score", "--format", "json", "--framework"])
        .arg(&fw)
        .arg(&csv)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |code: &str, year: i64| {
        json["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["region_code"] == code && r["year"] == year)
            .unwrap()
            .clone()
    };
    let bandung = find("32.73", 2024);
    let change = &bandung["change"];
    assert_eq!(change["from_year"], 2023);
    let sum: f64 = change["by_indicator"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contribution"].as_f64().unwrap())
        .sum();
    assert!((sum - bandung["improvement"].as_f64().unwrap()).abs() < 1e-12);
    assert_eq!(change["by_indicator"][1]["id"], "I2");
    assert!(
        (change["by_indicator"][1]["contribution"].as_f64().unwrap() - 0.2 / 3.0).abs() < 1e-15
    );
    for ind in bandung["indicators"].as_array().unwrap() {
        assert!((ind["weight_in_index"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-15);
    }
    // Bogor: 0.1, Low, 0.3 short of High. Each indicator weighs 1/3; I1 and I2 could add 4/3 at
    // the top, I3 3.7/3: one indicator suffices, the first of the largest (I1), and its first
    // rung (0 → 1, +1/3) closes the gap.
    let bogor = find("32.71", 2024);
    let next = &bogor["next_band"];
    assert_eq!(next["band"], "Tinggi");
    assert_eq!(next["threshold"].as_f64(), Some(0.4));
    assert!((next["gap"].as_f64().unwrap() - 0.3).abs() < 1e-15);
    let steps = next["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1, "{next}");
    assert_eq!(steps[0]["indicator"], "I1");
    assert_eq!(steps[0]["answer"], "0");
    assert_eq!(steps[0]["to_answer"], "1");
    let csv_out = smartcity()
        .args(["score", "--lang", "en", "--format", "csv", "--framework"])
        .arg(&fw)
        .arg(&csv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&csv_out.stdout);
    let header = text.lines().next().unwrap();
    assert!(
        header.ends_with(
            "source_file,next_band,next_band_gap,next_band_steps,self_index,self_gap,verification_status,reviewed,changed"
        ),
        "{header}"
    );
    assert!(
        text.contains("High,0.3,I1: 0 → 1 (+0.333333333333)"),
        "{text}"
    );
}

// ---- random frameworks -------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Spec {
    min: i32,
    span: u32,
    /// Dimension parents (an earlier dimension or none) and weights in hundredths.
    dims: Vec<(Option<usize>, u32)>,
    /// Indicator: dimension, weight in hundredths, kind (0 options, 1 value, 2 linear, 3 table,
    /// 4 KPI higher, 5 KPI lower), required.
    inds: Vec<(usize, u32, u8, bool)>,
    components: Vec<u32>,
    /// Inner band bounds as shares of the span in thousandths.
    cuts: Vec<u32>,
    upper: bool,
}

impl Spec {
    fn max(&self) -> i32 {
        self.min + self.span as i32
    }

    fn toml(&self) -> String {
        let (min, max) = (self.min, self.max());
        let mut t = String::new();
        let basis = if self.components.is_empty() {
            "dimensions"
        } else {
            "components"
        };
        let closure = if self.upper { "upper" } else { "lower" };
        let _ = writeln!(
            t,
            "[framework]\nid = \"x\"\nversion = \"1\"\ntitle = {{ id = \"x\", en = \"x\" }}\n\
             scale = {{ min = {min}, max = {max} }}\nlevels = [\"regency\"]\nindex = \"{basis}\"\n\
             band_closure = \"{closure}\"\nprecision = 3\n"
        );
        let _ = writeln!(t, "[answer_sets.opt]\nkind = \"options\"\noptions = [");
        for o in 0..=self.span {
            let _ = writeln!(
                t,
                "  {{ code = \"{o}\", value = {}, label = {{ id = \"o{o}\", en = \"o{o}\" }} }},",
                min + o as i32
            );
        }
        let _ = writeln!(t, "]\n");
        let _ = writeln!(
            t,
            "[answer_sets.val]\nkind = \"number\"\nmin = {min}\nmax = {max}\n"
        );
        let _ = writeln!(
            t,
            "[answer_sets.lin]\nkind = \"number\"\nmin = 0\nmax = 100\nscoring = \"linear\"\n"
        );
        let _ = writeln!(
            t,
            "[answer_sets.tab]\nkind = \"number\"\nmin = 0\nmax = 10\nscoring = \"table\"\n\
             closure = \"{closure}\"\ntable = [ {{ from = 0, to = 2.5, score = {min} }}, \
             {{ from = 2.5, to = 7.5, score = {} }}, {{ from = 7.5, to = 10, score = {max} }} ]\n",
            min as f64 + self.span as f64 / 2.0
        );
        let _ = writeln!(
            t,
            "[answer_sets.kpi]\nkind = \"target\"\nbands = [ {{ from = 0.0, score = {min} }}, \
             {{ from = 0.33, score = {} }}, {{ from = 0.95, score = {max} }} ]\n",
            min as f64 + self.span as f64 * 0.6
        );
        for (c, w) in self.components.iter().enumerate() {
            let _ = writeln!(
                t,
                "[[component]]\nid = \"c{c}\"\nlabel = {{ id = \"c\", en = \"c\" }}\nweight = {}\n",
                *w as f64 / 100.0
            );
        }
        for (d, (parent, w)) in self.dims.iter().enumerate() {
            let _ = writeln!(
                t,
                "[[dimension]]\nid = \"D{d}\"\nlabel = {{ id = \"d\", en = \"d\" }}\nweight = {}",
                *w as f64 / 100.0
            );
            if let Some(p) = parent {
                let _ = writeln!(t, "parent = \"D{p}\"");
            }
            t.push('\n');
        }
        for (i, (d, w, kind, required)) in self.inds.iter().enumerate() {
            let set = ["opt", "val", "lin", "tab", "kpi", "kpi"][*kind as usize];
            let _ = writeln!(
                t,
                "[[indicator]]\nid = \"I{i}\"\nparent = \"D{d}\"\nanswers = \"{set}\"\n\
                 label = {{ id = \"i\", en = \"i\" }}\nquestion = {{ id = \"q\", en = \"q\" }}\n\
                 weight = {}\nna_allowed = true\nrequired = {required}",
                *w as f64 / 100.0
            );
            if *kind >= 4 {
                let _ = writeln!(t, "target = 40");
            }
            if *kind == 5 {
                let _ = writeln!(t, "direction = \"lower\"");
            }
            if !self.components.is_empty() {
                let _ = writeln!(t, "component = \"c{}\"", i % self.components.len());
            }
            t.push('\n');
        }
        let mut bounds = vec![min as f64];
        let mut cuts = self.cuts.clone();
        cuts.sort_unstable();
        cuts.dedup();
        for c in cuts {
            bounds.push(min as f64 + self.span as f64 * c as f64 / 1000.0);
        }
        bounds.push(max as f64);
        for (b, w) in bounds.windows(2).enumerate() {
            let _ = writeln!(
                t,
                "[[band]]\nfrom = {}\nto = {}\nlabel = {{ id = \"b{b}\", en = \"b{b}\" }}\n",
                w[0], w[1]
            );
        }
        t
    }

    fn framework(&self) -> Framework {
        let src = self.toml();
        parse(Path::new("x.toml"), &src).unwrap_or_else(|p| panic!("refused: {p:#?}\n{src}"))
    }
}

prop_compose! {
    fn spec()(n_dims in 1usize..5)(
        parents in proptest::collection::vec(0usize..5, n_dims),
        dim_weights in proptest::collection::vec(1u32..1000, n_dims),
        inds in proptest::collection::vec((0usize..5, 1u32..1000, 0u8..6, any::<bool>()), 1..9),
        n_components in 0usize..3,
        component_weights in proptest::collection::vec(1u32..100, 2),
        min in -3i32..3,
        span in 1u32..6,
        cuts in proptest::collection::vec(1u32..1000, 0..4),
        upper in any::<bool>(),
    ) -> Spec {
        let n_dims = parents.len();
        let dims = (0..n_dims)
            .map(|d| ((d > 0 && parents[d] < d).then_some(parents[d]), dim_weights[d]))
            .collect();
        let inds: Vec<_> = inds.into_iter().map(|(d, w, k, r)| (d % n_dims, w, k, r)).collect();
        // Every dimension needs an indicator or a sub-dimension: give each its own too.
        let mut all = inds.clone();
        for d in 0..n_dims {
            all.push((d, 100, 0, true));
        }
        Spec { min, span, dims, inds: all, components: component_weights[..n_components].to_vec(), cuts, upper }
    }
}

/// An answer for indicator `i` of kind `kind`: from a random draw `r` in 0..1000.
fn answer(spec: &Spec, kind: u8, r: u32) -> Option<Answer> {
    match r % 10 {
        0 => return Some(Answer::NotApplicable),
        1 => return None,
        _ => {}
    }
    let r = r / 10; // 0..100
    Some(match kind {
        0 => Answer::Choice(r as usize % (spec.span as usize + 1)),
        1 => Answer::Number(spec.min as f64 + spec.span as f64 * r as f64 / 100.0),
        2 => Answer::Number(r as f64 + 0.5),
        3 => Answer::Number(r as f64 / 10.0),
        _ => Answer::Number(r as f64 * 0.7),
    })
}

fn submission(fw: &Framework, spec: &Spec, draws: &[u32], region: usize, year: i32) -> Submission {
    let answers = spec
        .inds
        .iter()
        .enumerate()
        .map(|(i, ind)| answer(spec, ind.2, draws[i % draws.len()]).map(GivenAnswer::new))
        .collect();
    let all = smartcity::regions::regencies();
    let _ = fw;
    Submission::new(all[region % all.len()].clone(), year, answers)
}

fn spec_and_draws() -> impl Strategy<Value = (Spec, Vec<u32>, Vec<u32>)> {
    spec().prop_flat_map(|s| {
        let n = s.inds.len();
        (
            Just(s),
            proptest::collection::vec(0u32..1000, n),
            proptest::collection::vec(0u32..1000, n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn weight_in_index_times_score_sums_to_the_index((spec, a, _b) in spec_and_draws()) {
        let fw = spec.framework();
        let card = score(&fw, &submission(&fw, &spec, &a, 0, 2024));
        let weights = weights_in_index(&fw, &card.exact);
        let Some(index) = card.index else { return Ok(()) };
        let mut sum = 0.0;
        for (w, s) in weights.iter().zip(&card.indicators) {
            if let (Some(w), Some(s)) = (w, s.score) {
                sum += smartcity::scoring::exact::to_f64(w) * s;
            }
            prop_assert_eq!(w.is_some(), s.score.is_some());
        }
        prop_assert!((sum - index).abs() < 1e-9, "{} vs {}", sum, index);
    }

    #[test]
    fn contributions_sum_to_the_improvement((spec, a, b) in spec_and_draws()) {
        let fw = spec.framework();
        let cmp = compare(
            &fw,
            vec![submission(&fw, &spec, &a, 3, 2023), submission(&fw, &spec, &b, 3, 2024)],
            &[],
        );
        let e = cmp.entries.iter().find(|e| e.submission.year == 2024).unwrap();
        let prev = cmp.previous(e);
        let change = explain::change(&fw, e, prev);
        let Some(improvement) = e.improvement_since(prev) else {
            prop_assert!(change.is_none());
            return Ok(());
        };
        let change = change.expect("a change wherever there is an improvement");
        prop_assert_eq!(change.from_year, 2023);
        let sum: f64 = change.by_indicator.iter().map(|c| c.contribution).sum();
        prop_assert!((sum - improvement).abs() < 1e-9, "{} vs {}", sum, improvement);
        for c in &change.by_indicator {
            prop_assert!((c.score_effect + c.weight_effect - c.contribution).abs() < 1e-9);
        }
        let tops: f64 = fw.top_dimensions().map(|(d, _)| change.by_dimension[d]).sum();
        prop_assert!((tops - improvement).abs() < 1e-9);
        if !fw.components.is_empty() {
            let comps: f64 = change.by_component.iter().sum();
            prop_assert!((comps - improvement).abs() < 1e-9);
        }
    }

    #[test]
    fn applying_the_steps_reaches_the_next_band((spec, a, _b) in spec_and_draws()) {
        let fw = spec.framework();
        let sub = submission(&fw, &spec, &a, 0, 2024);
        let cmp = compare(&fw, vec![sub.clone()], &[]);
        let e = &cmp.entries[0];
        let Some(plan) = e.next_band.as_deref() else {
            // Only at the top band or without an index.
            let top = e.scorecard.band.is_none_or(|b| b + 1 == fw.bands.len());
            prop_assert!(e.scorecard.index.is_none() || top);
            return Ok(());
        };
        prop_assert_eq!(plan.band, e.scorecard.band.unwrap() + 1);
        let mut changed = sub.clone();
        for s in &plan.steps {
            changed.answers[s.indicator] = Some(GivenAnswer::new(s.to_answer));
        }
        let after = score(&fw, &changed);
        let gains: f64 = plan.steps.iter().map(|s| s.gain).sum();
        if plan.steps.is_empty() {
            return Ok(());
        }
        prop_assert!(after.band.unwrap() >= plan.band, "{:?} → {:?}", e.scorecard.index, after.index);
        prop_assert!(*after.exact_index().unwrap() >= band_minimum(&fw, plan.band));
        prop_assert!((after.index.unwrap() - e.scorecard.index.unwrap() - gains).abs() < 1e-9);
        // Fewest steps: without the last (smallest) step the band is not reached.
        let mut fewer = sub.clone();
        for s in &plan.steps[..plan.steps.len() - 1] {
            fewer.answers[s.indicator] = Some(GivenAnswer::new(s.to_answer));
        }
        let short = score(&fw, &fewer);
        prop_assert!(*short.exact_index().unwrap() < band_minimum(&fw, plan.band));
        let _ = decimal(0.0);
    }
}

#[test]
fn score_explain_prints_one_region_year_in_the_chosen_language() {
    let out = smartcity()
        .args([
            "score",
            "--lang",
            "en",
            "--explain",
            "Kota Bandung:2022",
            "samples/",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Kota Bandung (32.73) 2022"), "{text}");
    assert!(text.contains("Change since 2021: +0.277"), "{text}");
    assert!(
        text.contains("by dimension") && text.contains("by component"),
        "{text}"
    );
    assert!(!text.contains("menurut"), "English only: {text}");
    let missing = smartcity()
        .args(["score", "--explain", "99.99", "samples/"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("tidak ada di antara hasil"));
}
