//! The headline figures of a comparison (regions assessed, median index, top region, top
//! improver) and its leader and most-improved lists.

use super::context::Context;
use super::labels::label;
use super::ranking::RankRow;
use crate::compare::Entry;
use serde::Serialize;

/// How many regions the leader and most-improved lists show.
pub(super) const LEADERS: usize = 5;

/// A headline figure.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryCard {
    /// What it is.
    pub label: String,
    /// The figure.
    pub value: String,
    /// A line under it.
    pub detail: String,
}

impl Context<'_> {
    /// The headline figures of `latest` (one year's entries of the report, or of a province),
    /// whose median index is `median`.
    pub(super) fn summary(&self, latest: &[&Entry], median: Option<f64>) -> Vec<SummaryCard> {
        let lang = self.lang;
        let mut cards = vec![SummaryCard {
            label: label("regions_assessed", lang).to_string(),
            value: latest.len().to_string(),
            detail: self
                .cmp
                .years
                .first()
                .map(|y| y.to_string())
                .unwrap_or_default(),
        }];
        if let Some(m) = median {
            cards.push(SummaryCard {
                label: label("median_index", lang).to_string(),
                value: self.num(m),
                detail: format!("{} {}", label("scale", lang), self.page_scale()),
            });
        }
        if let Some(top) = latest.iter().find(|e| e.rank == Some(1)) {
            cards.push(SummaryCard {
                label: label("top_region", lang).to_string(),
                value: top.submission.region.display_name(),
                detail: format!(
                    "{} {} · {}",
                    label("index", lang),
                    self.index_text(top),
                    crate::report::band_label(self.fw, top, lang)
                ),
            });
        }
        if let Some((e, d)) = self.improvements(latest).first() {
            cards.push(SummaryCard {
                label: label("top_improver", lang).to_string(),
                value: e.submission.region.display_name(),
                detail: format!(
                    "{} {} {}",
                    self.signed(*d),
                    label("compared_with", lang),
                    self.cmp.previous(e).map(|p| p.year()).unwrap_or_default()
                ),
            });
        }
        cards
    }

    /// The median index of the regions assessed in `year`, if any has an index.
    pub(super) fn year_median(&self, year: Option<i32>) -> Option<f64> {
        self.peers.year(year?)?.index
    }

    /// Entries with an improvement, largest first (ties by rank, then code).
    fn improvements<'e>(&self, latest: &[&'e Entry]) -> Vec<(&'e Entry, f64)> {
        let mut list: Vec<(&Entry, f64)> = latest
            .iter()
            .filter_map(|e| e.improvement_since(self.cmp.previous(e)).map(|d| (*e, d)))
            .collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1));
        list
    }

    /// The largest improvements among `latest`, as ranking rows.
    pub(super) fn most_improved(&self, latest: &[&Entry]) -> Vec<RankRow> {
        self.improvements(latest)
            .into_iter()
            .take(LEADERS)
            .map(|(e, _)| self.rank_row(e, ""))
            .collect()
    }
}
