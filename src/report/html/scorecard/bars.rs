//! The bars of the scorecard: one per dimension (sub-dimensions after their parent) and one per
//! component, each with the peer median and last year's score.

use crate::compare::Entry;
use crate::framework::Framework;
use crate::report::charts::{self, coord};
use crate::report::html::context::Context;
use crate::report::html::labels::label;
use crate::text::Text;
use serde::Serialize;

/// A dimension or component bar. Positions are percentages of the bar track.
#[derive(Debug, Clone, Serialize)]
pub struct BarRow {
    /// Id.
    pub id: String,
    /// Name.
    pub label: String,
    /// 0 for top level.
    pub depth: usize,
    /// Score as shown.
    pub score: String,
    /// Bar length, 0–100.
    pub bar: String,
    /// Bar colour.
    pub bg: String,
    /// Peer median position, if known.
    pub median_x: Option<String>,
    /// Peer median as shown.
    pub median: String,
    /// Last year's position, if known.
    pub previous_x: Option<String>,
    /// Last year's score as shown.
    pub previous: String,
    /// Signed change, or empty.
    pub improvement: String,
    /// `up`, `down`, `same` or empty.
    pub trend: &'static str,
    /// For screen readers: the whole row in words.
    pub aria: String,
    /// The score's percentile among the peer group (same kind, same year), or empty.
    pub percentile: String,
}

/// What a bar shows: an item with its score, peer median, last year's score and change.
struct BarInput<'a> {
    id: &'a str,
    name: &'a Text,
    depth: usize,
    score: Option<f64>,
    median: Option<f64>,
    previous: Option<f64>,
    improvement: Option<f64>,
    percentile: Option<f64>,
}

impl Context<'_> {
    fn bar_row(&self, item: BarInput) -> BarRow {
        let BarInput {
            id,
            name,
            depth,
            score,
            median,
            previous,
            improvement,
            percentile,
        } = item;
        let lang = self.lang;
        let scale = self.fw.scale;
        let pos = |v: f64| coord(charts::bar_length(v, scale, 100.0));
        let label_text = name.get(lang).to_string();
        let mut aria = format!("{label_text}: {}", self.opt_num(score));
        if let Some(m) = median {
            aria.push_str(&format!("; {} {}", label("peer_median", lang), self.num(m)));
        }
        if let Some(p) = previous {
            aria.push_str(&format!("; {} {}", label("last_year", lang), self.num(p)));
        }
        BarRow {
            id: id.to_string(),
            label: label_text,
            depth,
            score: self.opt_num(score),
            bar: score.map(pos).unwrap_or_else(|| "0.0".to_string()),
            bg: score
                .map(|v| charts::heat_colour(0.25 + 0.75 * charts::fraction(v, scale)).hex())
                .unwrap_or_default(),
            median_x: median.map(pos),
            median: self.opt_num(median),
            previous_x: previous.map(pos),
            previous: self.opt_num(previous),
            improvement: improvement.map(|d| self.signed(d)).unwrap_or_default(),
            trend: match improvement {
                Some(d) if d > 0.005 => "up",
                Some(d) if d < -0.005 => "down",
                Some(_) => "same",
                None => "",
            },
            aria,
            percentile: percentile
                .map(|p| format!("P{}", self.lang.number(p, 0)))
                .unwrap_or_default(),
        }
    }

    /// Component bars, in framework order.
    pub(super) fn component_bars(&self, e: &Entry) -> Vec<BarRow> {
        let fw = self.fw;
        let prev = self.cmp.previous(e);
        (0..fw.components.len())
            .map(|c| {
                let comp = &fw.components[c];
                self.bar_row(BarInput {
                    id: &comp.id,
                    name: &comp.label,
                    depth: 0,
                    score: e.scorecard.components[c],
                    median: self.peers.of_entry(e).and_then(|p| p.components[c]),
                    previous: prev.and_then(|p| p.component_score(fw, c)),
                    improvement: e.component_improvement_since(fw, c, prev),
                    percentile: None,
                })
            })
            .collect()
    }

    /// Dimension bars in tree order: each top-level dimension followed by its sub-dimensions.
    pub(super) fn dimension_bars(&self, e: &Entry) -> Vec<BarRow> {
        let fw = self.fw;
        let prev = self.cmp.previous(e);
        let mut order = Vec::new();
        fn visit(fw: &Framework, d: usize, order: &mut Vec<usize>) {
            order.push(d);
            for c in &fw.dimensions[d].children {
                if let crate::framework::Child::Dimension(s) = c {
                    visit(fw, *s, order);
                }
            }
        }
        for (d, _) in fw.top_dimensions() {
            visit(fw, d, &mut order);
        }
        order
            .into_iter()
            .map(|d| {
                let dim = &fw.dimensions[d];
                self.bar_row(BarInput {
                    id: &dim.id,
                    name: &dim.label,
                    depth: dim.depth,
                    score: e.scorecard.dimensions[d],
                    median: self.peers.of_entry(e).and_then(|p| p.dimensions[d]),
                    previous: prev.and_then(|p| p.dimension_score(fw, d)),
                    improvement: e.dimension_improvement_since(fw, d, prev),
                    percentile: e.scorecard.dimensions[d].and_then(|v| {
                        let key = (e.submission.year, e.submission.region.kind);
                        let sorted = self.peer_scores.get(&key)?.get(d)?;
                        crate::report::html::context::percentile(sorted, v)
                    }),
                })
            })
            .collect()
    }
}
