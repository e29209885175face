//! Where the region stands: its previous result and its ranks overall, among its kind and in its
//! province, each out of how many.

use crate::compare::Entry;
use crate::report::html::context::Context;
use crate::report::html::labels::label;
use serde::Serialize;

/// The previous result.
#[derive(Debug, Clone, Serialize)]
pub struct Previous {
    /// Year.
    pub year: i32,
    /// Index as shown.
    pub index: String,
}

/// A rank line.
#[derive(Debug, Clone, Serialize)]
pub struct RankLine {
    /// What the rank is among.
    pub label: String,
    /// The rank.
    pub rank: String,
    /// Out of how many.
    pub of: usize,
    /// `▲ 2` or empty.
    pub change: String,
}

impl Context<'_> {
    /// The rank lines of `e`; `change` is its rank change as shown.
    pub(super) fn rank_lines(&self, e: &Entry, change: &str) -> Vec<RankLine> {
        let lang = self.lang;
        let kind = e.submission.region.kind;
        let mut lines = Vec::new();
        if let Some(r) = e.rank {
            lines.push(RankLine {
                label: label("rank_overall", lang).to_string(),
                rank: r.to_string(),
                of: self.groups.in_year(e),
                change: change.to_string(),
            });
        }
        if let Some(r) = e.rank_kind.filter(|_| self.groups.in_kind(e) > 1) {
            lines.push(RankLine {
                label: format!("{} {}", label("rank_among", lang), self.kind_group(kind)),
                rank: r.to_string(),
                of: self.groups.in_kind(e),
                change: String::new(),
            });
        }
        // "1 of 1 in the province" says nothing: a province with one region assessed has no line.
        if let Some(r) = e.rank_province.filter(|_| self.groups.in_province(e) > 1) {
            lines.push(RankLine {
                label: format!(
                    "{} {}",
                    label("rank_in_province", lang),
                    crate::regions::display_name(e.submission.region.province_name)
                ),
                rank: r.to_string(),
                of: self.groups.in_province(e),
                change: String::new(),
            });
        }
        lines
    }
}
