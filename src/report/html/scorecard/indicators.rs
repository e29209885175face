//! Strengths and areas to improve: the highest- and lowest-scoring indicators.

use crate::compare::Entry;
use crate::report::charts::{self, coord};
use crate::report::html::context::Context;
use crate::report::html::labels::label;
use serde::Serialize;

/// How many indicators the strengths and areas-to-improve lists show at most.
const TOP_INDICATORS: usize = 5;

/// An indicator in the strengths or areas-to-improve list.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    /// Id.
    pub id: String,
    /// Name.
    pub label: String,
    /// Its dimension.
    pub dimension: String,
    /// The answer as understood.
    pub answer: String,
    /// Score as shown.
    pub score: String,
    /// Bar length, 0–100.
    pub bar: String,
}

impl Context<'_> {
    /// The strengths (`best`) or areas to improve of `e`, at most [`TOP_INDICATORS`], never the
    /// same indicator in both.
    pub(super) fn ranked_indicators(&self, e: &Entry, best: bool) -> Vec<IndicatorRow> {
        let fw = self.fw;
        let lang = self.lang;
        let mut scored: Vec<(usize, f64)> = e
            .scorecard
            .indicators
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.score.map(|v| (i, charts::fraction(v, fw.scale))))
            .collect();
        // Stable sorts keep framework order among equal scores.
        if best {
            scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        } else {
            scored.sort_by(|a, b| a.1.total_cmp(&b.1));
        }
        // Never list the same indicator as both a strength and an area to improve.
        let n = TOP_INDICATORS.min(scored.len() / 2);
        scored
            .into_iter()
            .take(n)
            .map(|(i, f)| {
                let ind = &fw.indicators[i];
                let score = e.scorecard.indicators[i].score;
                IndicatorRow {
                    id: ind.id.clone(),
                    label: ind.label.get(lang).to_string(),
                    dimension: fw.dimensions[ind.parent].label.get(lang).to_string(),
                    answer: e.submission.answers[i]
                        .as_ref()
                        .map(|g| self.answer_text(i, &g.answer))
                        .unwrap_or_else(|| label("missing", lang).to_string()),
                    score: self.opt_num(score),
                    bar: coord(f * 100.0),
                }
            })
            .collect()
    }
}
