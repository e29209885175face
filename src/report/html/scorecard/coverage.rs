//! Coverage of the questionnaire: the share answered against the minimum, and the indicators
//! not scored with why.

use super::answers::status_text;
use crate::compare::Entry;
use crate::report::charts::coord;
use crate::report::html::context::Context;
use crate::scoring::IndicatorStatus;
use serde::Serialize;

/// Coverage of the questionnaire.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageView {
    /// `75 %`.
    pub share: String,
    /// Width of the coverage bar, 0–100.
    pub bar: String,
    /// Position of the minimum-coverage tick, 0–100.
    pub min_x: String,
    /// Minimum coverage as shown.
    pub min: String,
    /// Answered.
    pub answered: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Blank.
    pub missing: usize,
    /// All indicators.
    pub total: usize,
    /// Indicators not scored, with why.
    pub not_scored: Vec<NotScored>,
}

/// An indicator left out or scored at the bottom.
#[derive(Debug, Clone, Serialize)]
pub struct NotScored {
    /// Id.
    pub id: String,
    /// Name.
    pub label: String,
    /// Why.
    pub status: String,
}

impl Context<'_> {
    /// The coverage of `e`'s answers.
    pub(super) fn coverage_view(&self, e: &Entry) -> CoverageView {
        let c = e.scorecard.coverage;
        let lang = self.lang;
        let not_scored = self
            .fw
            .indicators
            .iter()
            .zip(&e.scorecard.indicators)
            .filter(|(_, s)| s.status != IndicatorStatus::Answered)
            .map(|(ind, s)| NotScored {
                id: ind.id.clone(),
                label: ind.label.get(lang).to_string(),
                status: status_text(s.status, lang).0.to_string(),
            })
            .collect();
        CoverageView {
            share: self.percent(c.share()),
            bar: coord(c.share() * 100.0),
            min_x: coord(self.fw.min_coverage.clamp(0.0, 1.0) * 100.0),
            min: self.percent(self.fw.min_coverage),
            answered: c.answered,
            not_applicable: c.not_applicable,
            missing: c.missing,
            total: c.total,
            not_scored,
        }
    }
}
