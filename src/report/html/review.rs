//! What the comparison pages say about evaluators' review of self-assessments.
//!
//! - Rankings mark the region-years nobody reviewed, in a year where evaluators reviewed some:
//!   their rank rests on what the region claimed. The note under a ranking is the mark's legend;
//!   or says that nobody of that year was reviewed when other years were; or, once per page, in
//!   a run where nothing was reviewed, that the ranks are of self-assessed answers (a mark on
//!   every row would say nothing).
//! - The review section (index, national summary and province pages): the reviewed region-years
//!   of the newest year, largest gap (self − final) first, with status, self-assessed and final
//!   index, and the mean gap per dimension. At national scale the list stops at
//!   [`REVIEW_ROWS`]; the workbook's `Verifikasi` sheet has every one.

use super::context::{Context, scorecard_file_name};
use super::labels::label;
use super::ranking::name_sort;
use crate::compare::{Entry, ReviewRow, dimension_gaps};
use crate::report::charts::coord;
use crate::submission::VerificationStatus;
use crate::text::Words;
use serde::Serialize;

/// The most reviewed region-years a page lists (largest gaps); the rest are counted and left to
/// the workbook, which lists all.
pub const REVIEW_ROWS: usize = 50;

/// The review section of a comparison page.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSection {
    /// The year.
    pub year: i32,
    /// `3 of 10 regions reviewed: 1 verified, 2 partly verified · 7 not reviewed (marked *)`.
    pub counts: String,
    /// The reviewed region-years, largest gap first (at most [`REVIEW_ROWS`]).
    pub rows: Vec<ReviewLine>,
    /// Reviewed region-years not listed.
    pub more: usize,
    /// The mean gap per dimension over the reviewed region-years, in tree order.
    pub dimensions: Vec<DimensionGap>,
}

/// A reviewed region-year.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewLine {
    /// Region name.
    pub name: String,
    /// Sort key of the name.
    pub name_sort: String,
    /// Region code.
    pub code: String,
    /// Province.
    pub province: String,
    /// Its scorecard, relative to the page.
    pub href: Option<String>,
    /// What the filter box matches.
    pub search: String,
    /// Status in words.
    pub status: String,
    /// `partly-verified` or `verified`.
    pub status_class: &'static str,
    /// `5/54 reviewed · 4 changed`.
    pub detail: String,
    /// Self-assessed index as shown.
    pub own: String,
    /// Sort key.
    pub own_sort: String,
    /// Final index as shown.
    pub now: String,
    /// Sort key.
    pub now_sort: String,
    /// self − final, signed.
    pub gap: String,
    /// Sort key.
    pub gap_sort: String,
    /// `over`, `under` or `same`.
    pub gap_class: &'static str,
}

/// A dimension's mean gap, with a bar either side of zero (right: over-claimed).
#[derive(Debug, Clone, Serialize)]
pub struct DimensionGap {
    /// Name.
    pub label: String,
    /// 0 for top level.
    pub depth: usize,
    /// The mean gap, signed, or a dash.
    pub gap: String,
    /// `over`, `under` or `same`.
    pub gap_class: &'static str,
    /// Where the bar starts, 0–100 (50 is zero).
    pub x: String,
    /// Its width, 0–50.
    pub width: String,
}

/// `over` when `gap` shows above zero with `precision` decimals, `under` below, else `same`.
pub(super) fn gap_class(gap: Option<f64>, precision: usize) -> &'static str {
    let half = 0.5 * 10f64.powi(-(precision.min(10) as i32));
    match gap {
        Some(g) if g >= half => "over",
        Some(g) if g <= -half => "under",
        _ => "same",
    }
}

fn opt_sort(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

impl Context<'_> {
    /// The note under a ranking of `year` (see the module's documentation): `marked` says
    /// whether any of its rows carries the mark, `primary` whether it is the page's main
    /// ranking. Empty when there is nothing to say.
    pub(super) fn rank_note(&self, year: Option<i32>, marked: bool, primary: bool) -> String {
        let key = if marked {
            "mark_legend"
        } else if self.reviewed.any() {
            match year {
                Some(y) if !self.reviewed.has(y) => "year_unreviewed",
                _ => return String::new(),
            }
        } else if primary && year.is_some() {
            "run_unreviewed"
        } else {
            return String::new();
        };
        label(key, self.lang).to_string()
    }

    /// The review section of the newest year, over the reviewed region-years that `keep`
    /// accepts (all of them on the index, a province's on its page); `None` when none was
    /// reviewed. `link_prefix` leads from the page to the report folder.
    pub(super) fn review_section(
        &self,
        keep: impl Fn(&Entry) -> bool,
        link_prefix: &str,
    ) -> Option<ReviewSection> {
        let summary = self.review.as_ref()?;
        let of_year: Vec<&ReviewRow> = summary
            .rows
            .iter()
            .filter(|r| keep(&self.cmp.entries[r.entry]))
            .collect();
        // Rows come reviewed first, largest gap first.
        let reviewed: Vec<&ReviewRow> = of_year
            .iter()
            .copied()
            .filter(|r| r.status != VerificationStatus::SelfAssessed)
            .collect();
        if reviewed.is_empty() {
            return None;
        }
        let gaps = if reviewed.len() == summary.reviewed {
            summary.dimension_gaps.clone()
        } else {
            dimension_gaps(self.fw, reviewed.iter().map(|r| &self.cmp.entries[r.entry]))
        };
        Some(ReviewSection {
            year: summary.year,
            counts: self.review_counts(&of_year),
            rows: reviewed
                .iter()
                .take(REVIEW_ROWS)
                .map(|r| self.review_line(r, link_prefix))
                .collect(),
            more: reviewed.len().saturating_sub(REVIEW_ROWS),
            dimensions: self.dimension_gap_rows(&gaps),
        })
    }

    /// `3 of 10 regions reviewed: 1 verified, 2 partly verified · 7 not reviewed (marked *)`.
    fn review_counts(&self, rows: &[&ReviewRow]) -> String {
        let lang = self.lang;
        let count = |s: VerificationStatus| rows.iter().filter(|r| r.status == s).count();
        let verified = count(VerificationStatus::Verified);
        let partly = count(VerificationStatus::PartlyVerified);
        let none = count(VerificationStatus::SelfAssessed);
        let mut parts = Vec::new();
        for (n, s) in [
            (verified, VerificationStatus::Verified),
            (partly, VerificationStatus::PartlyVerified),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", s.words().get(lang)));
            }
        }
        let mut text = format!(
            "{} {} {} {}: {}",
            verified + partly,
            label("of", lang),
            rows.len(),
            Words::new("wilayah diverifikasi", "regions reviewed").get(lang),
            parts.join(", ")
        );
        if none > 0 {
            text.push_str(&format!(
                " · {none} {}",
                Words::new(
                    "belum diverifikasi (bertanda * di peringkat)",
                    "not reviewed (marked * in the rankings)"
                )
                .get(lang)
            ));
        }
        text
    }

    fn review_line(&self, r: &ReviewRow, link_prefix: &str) -> ReviewLine {
        let lang = self.lang;
        let e = &self.cmp.entries[r.entry];
        let name = e.submission.region.display_name();
        let province = crate::regions::display_name(e.submission.region.province_name);
        let total = e.submission.review.as_ref().map_or(0, |v| v.total);
        let status = r.status.words().get(lang).to_string();
        ReviewLine {
            name_sort: name_sort(&name),
            code: e.submission.region.code.to_string(),
            href: scorecard_file_name(e).map(|f| format!("{link_prefix}scorecards/{f}")),
            search: format!("{name} {} {province} {status}", e.submission.region.code)
                .to_lowercase(),
            name,
            province,
            status,
            status_class: match r.status {
                VerificationStatus::Verified => "verified",
                _ => "partly-verified",
            },
            detail: format!(
                "{}/{total} {} · {} {}",
                r.reviewed,
                Words::new("diperiksa", "reviewed").get(lang),
                r.changed,
                Words::new("diubah", "changed").get(lang)
            ),
            own: r
                .self_index
                .map_or_else(|| label("insufficient", lang).to_string(), |v| self.num(v)),
            own_sort: opt_sort(r.self_index),
            now: r
                .index
                .map_or_else(|| label("insufficient", lang).to_string(), |v| self.num(v)),
            now_sort: opt_sort(r.index),
            gap: r.gap.map(|g| self.signed(g)).unwrap_or_default(),
            gap_sort: opt_sort(r.gap),
            gap_class: gap_class(r.gap, self.fw.precision),
        }
    }

    /// The mean gaps (by dimension index) as rows in tree order, bars scaled to the largest.
    fn dimension_gap_rows(&self, gaps: &[Option<f64>]) -> Vec<DimensionGap> {
        let largest = gaps.iter().flatten().fold(0.0f64, |m, g| m.max(g.abs()));
        tree_order(self.fw)
            .into_iter()
            .map(|d| {
                let gap = gaps.get(d).copied().flatten();
                let width = match gap {
                    Some(g) if largest > 0.0 => g.abs() / largest * 50.0,
                    _ => 0.0,
                };
                let dim = &self.fw.dimensions[d];
                DimensionGap {
                    label: dim.label.get(self.lang).to_string(),
                    depth: dim.depth,
                    gap: gap.map_or_else(|| "–".to_string(), |g| self.signed(g)),
                    gap_class: gap_class(gap, self.fw.precision),
                    x: coord(if gap.is_some_and(|g| g < 0.0) {
                        50.0 - width
                    } else {
                        50.0
                    }),
                    width: coord(width),
                }
            })
            .collect()
    }
}

/// The dimensions in tree order: each top-level dimension followed by its sub-dimensions.
pub(super) fn tree_order(fw: &crate::framework::Framework) -> Vec<usize> {
    fn visit(fw: &crate::framework::Framework, d: usize, order: &mut Vec<usize>) {
        order.push(d);
        for c in &fw.dimensions[d].children {
            if let crate::framework::Child::Dimension(s) = c {
                visit(fw, *s, order);
            }
        }
    }
    let mut order = Vec::new();
    for (d, _) in fw.top_dimensions() {
        visit(fw, d, &mut order);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_classed_as_they_are_shown() {
        assert_eq!(gap_class(Some(0.06), 2), "over");
        assert_eq!(gap_class(Some(0.004), 2), "same");
        assert_eq!(gap_class(Some(-0.006), 2), "under");
        assert_eq!(gap_class(None, 2), "same");
        assert_eq!(gap_class(Some(0.00004), 4), "same");
        assert_eq!(gap_class(Some(0.00006), 4), "over");
    }
}
