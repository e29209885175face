//! What moved the index and the way to the next band: the change since the previous year split
//! into contributions (by top-level dimension and the largest by indicator) drawn as a diverging
//! bar chart whose sum is the change, and the answer changes that reach the next band, as a
//! checklist with their gains. Both come from `compare::explain` and `scoring::next_band`.

use crate::compare::Entry;
use crate::compare::explain::change;
use crate::report::charts::coord;
use crate::report::html::context::Context;
use crate::report::html::labels::label;
use serde::Serialize;

/// How many indicators the chart shows on each side at most.
const TOP_INDICATORS: usize = 5;

/// The change of the index, decomposed.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The year compared with.
    pub from_year: i32,
    /// The change, signed.
    pub total: String,
    /// The sum of the dimension contributions, signed (equal to `total`).
    pub sum: String,
    /// One bar per top-level dimension.
    pub dimensions: Vec<ChangeBar>,
    /// The largest contributions by indicator, positive then negative.
    pub indicators: Vec<ChangeBar>,
}

/// A bar of the diverging chart: positions are percentages of the track, 50 at zero.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeBar {
    /// Id.
    pub id: String,
    /// Name.
    pub label: String,
    /// The contribution, signed.
    pub value: String,
    /// Where the bar starts, 0–100.
    pub x: String,
    /// Its width, 0–50.
    pub width: String,
    /// `up` or `down`.
    pub trend: &'static str,
}

/// The way to the next band.
#[derive(Debug, Clone, Serialize)]
pub struct NextView {
    /// The band.
    pub band: String,
    /// Its colours.
    pub band_bg: String,
    /// Text on them.
    pub band_fg: String,
    /// Its lower bound.
    pub threshold: String,
    /// How far the index is below it.
    pub gap: String,
    /// The answer changes.
    pub steps: Vec<StepView>,
}

/// An answer change.
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// Indicator id.
    pub id: String,
    /// Indicator name.
    pub label: String,
    /// The answer now.
    pub answer: String,
    /// The answer to give.
    pub to_answer: String,
    /// What it adds to the index, signed.
    pub gain: String,
}

impl Context<'_> {
    /// What moved the index of `e` since its previous computed year, when known.
    pub(super) fn change_view(&self, e: &Entry) -> Option<ChangeView> {
        let fw = self.fw;
        let lang = self.lang;
        let c = change(fw, e, self.cmp.previous(e))?;
        let dims: Vec<(usize, f64)> = fw
            .top_dimensions()
            .map(|(d, _)| (d, c.by_dimension[d]))
            .collect();
        let mut inds: Vec<(usize, f64)> = c
            .by_indicator
            .iter()
            .enumerate()
            .map(|(i, k)| (i, k.contribution))
            .filter(|(_, v)| *v != 0.0)
            .collect();
        inds.sort_by(|a, b| b.1.total_cmp(&a.1));
        let positive: Vec<(usize, f64)> = inds
            .iter()
            .copied()
            .filter(|(_, v)| *v > 0.0)
            .take(TOP_INDICATORS)
            .collect();
        let mut negative: Vec<(usize, f64)> = inds
            .iter()
            .rev()
            .copied()
            .filter(|(_, v)| *v < 0.0)
            .take(TOP_INDICATORS)
            .collect();
        negative.reverse();
        // One scale for both charts: the largest bar reaches the end of its half.
        let largest = dims
            .iter()
            .chain(&positive)
            .chain(&negative)
            .map(|(_, v)| v.abs())
            .fold(0.0, f64::max);
        let bar = |id: &str, name: &str, v: f64| {
            let half = if largest > 0.0 {
                v.abs() / largest * 50.0
            } else {
                0.0
            };
            ChangeBar {
                id: id.to_string(),
                label: name.to_string(),
                value: self.signed(v),
                x: coord(if v < 0.0 { 50.0 - half } else { 50.0 }),
                width: coord(half),
                trend: if v < 0.0 { "down" } else { "up" },
            }
        };
        let sum: f64 = dims.iter().map(|(_, v)| v).sum();
        Some(ChangeView {
            from_year: c.from_year,
            total: self.signed(c.improvement),
            sum: self.signed(sum),
            dimensions: dims
                .iter()
                .map(|&(d, v)| bar(&fw.dimensions[d].id, fw.dimensions[d].label.get(lang), v))
                .collect(),
            indicators: positive
                .iter()
                .chain(&negative)
                .map(|&(i, v)| bar(&fw.indicators[i].id, fw.indicators[i].label.get(lang), v))
                .collect(),
        })
    }

    /// The way of `e` to the next band, when it is below the top band and a way was found.
    pub(super) fn next_view(&self, e: &Entry) -> Option<NextView> {
        let fw = self.fw;
        let lang = self.lang;
        let plan = e.next_band.as_ref()?;
        let (band_bg, band_fg) = self.band_colours(Some(plan.band));
        Some(NextView {
            band: fw.bands[plan.band].label.get(lang).to_string(),
            band_bg,
            band_fg,
            threshold: self.num(plan.threshold),
            gap: self.num(plan.gap),
            steps: plan
                .steps
                .iter()
                .map(|s| StepView {
                    id: fw.indicators[s.indicator].id.clone(),
                    label: fw.indicators[s.indicator].label.get(lang).to_string(),
                    answer: match fw.answer_text(s.indicator, s.answer.as_ref(), lang) {
                        a if a.is_empty() => label("missing", lang).to_string(),
                        a => a,
                    },
                    to_answer: fw.answer_text(s.indicator, Some(&s.to_answer), lang),
                    gain: self.signed(s.gain),
                })
                .collect(),
        })
    }
}
