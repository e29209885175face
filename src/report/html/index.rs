//! The comparison page (`index.html`): the newest year's headline figures, ranking, heatmap,
//! band distribution, leaders, rankings within peer groups, earlier years' rankings and links to
//! every scorecard.

use super::context::Context;
use super::distribution::Distribution;
use super::groups::PeerGroup;
use super::heatmap::Heatmap;
use super::page::Page;
use super::ranking::{RankRow, YearRanking, has_change, has_mark};
use super::review::ReviewSection;
use super::summary::{LEADERS, SummaryCard};
use crate::compare::Entry;
use serde::Serialize;

/// The index page.
#[derive(Debug, Serialize)]
pub struct IndexView {
    /// Furniture.
    #[serde(flatten)]
    pub page: Page,
    /// The year analysed in full (the newest), if any region was scored.
    pub year: Option<i32>,
    /// Every year present, newest first.
    pub years: Vec<i32>,
    /// Headline figures.
    pub summary: Vec<SummaryCard>,
    /// The newest year's ranking.
    pub ranking: Vec<RankRow>,
    /// Whether the newest year's ranking has changes since an earlier year.
    pub has_change: bool,
    /// The components' names, for the columns beside the index (empty when the index is not
    /// built from components).
    pub component_columns: Vec<String>,
    /// Regions × dimensions.
    pub heatmap: Heatmap,
    /// Regions per band.
    pub distribution: Distribution,
    /// Highest indices.
    pub leaders: Vec<RankRow>,
    /// Largest improvements.
    pub improved: Vec<RankRow>,
    /// Rankings within kinds.
    pub kind_groups: Vec<PeerGroup>,
    /// Rankings within provinces.
    pub province_groups: Vec<PeerGroup>,
    /// Rankings of earlier years.
    pub earlier: Vec<YearRanking>,
    /// Links to every scorecard, by year.
    pub scorecards: Vec<YearLinks>,
    /// What the newest year's ranking says about verification, or empty.
    pub rank_note: String,
    /// The legend of the "not reviewed" mark when the peer-group rankings carry it, or empty.
    pub peers_note: String,
    /// The review of the newest year, when evaluators reviewed any of it.
    pub review: Option<ReviewSection>,
}

/// Links to a year's scorecards.
#[derive(Debug, Clone, Serialize)]
pub struct YearLinks {
    /// The year.
    pub year: i32,
    /// Links, by region name.
    pub links: Vec<Link>,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text.
    pub text: String,
    /// Target.
    pub href: String,
}

impl Context<'_> {
    /// The index page's view.
    pub fn index_view(&self) -> IndexView {
        let year = self.cmp.years.first().copied();
        let latest: Vec<&Entry> = self
            .cmp
            .entries
            .iter()
            .filter(|e| Some(e.submission.year) == year)
            .collect();
        let ranking: Vec<RankRow> = latest.iter().map(|e| self.rank_row(e, "")).collect();
        IndexView {
            page: self.page(""),
            year,
            years: self.cmp.years.clone(),
            summary: self.summary(&latest, self.year_median(year)),
            leaders: ranking
                .iter()
                .filter(|r| !r.rank_sort.is_empty())
                .take(LEADERS)
                .cloned()
                .collect(),
            improved: self.most_improved(&latest),
            heatmap: self.heatmap(&latest),
            distribution: self.distribution(&latest),
            kind_groups: self.kind_groups(&latest),
            province_groups: self.province_groups(&latest),
            earlier: self
                .cmp
                .years
                .iter()
                .skip(1)
                .map(|y| {
                    let rows: Vec<RankRow> = self
                        .cmp
                        .entries
                        .iter()
                        .filter(|e| e.submission.year == *y)
                        .map(|e| self.rank_row(e, ""))
                        .collect();
                    YearRanking {
                        year: *y,
                        has_change: has_change(&rows),
                        rank_note: self.rank_note(Some(*y), has_mark(&rows), false),
                        rows,
                    }
                })
                .collect(),
            scorecards: self.scorecard_links(),
            has_change: has_change(&ranking),
            component_columns: self.component_columns(),
            rank_note: self.rank_note(year, has_mark(&ranking), true),
            peers_note: if has_mark(&ranking) {
                self.rank_note(year, true, false)
            } else {
                String::new()
            },
            review: self.review_section(|_| true, ""),
            ranking,
        }
    }

    /// The components' names when the index is built from them.
    pub(super) fn component_columns(&self) -> Vec<String> {
        match self.fw.index_basis {
            crate::framework::IndexBasis::Components => self
                .fw
                .components
                .iter()
                .map(|c| c.label.get(self.lang).to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    fn scorecard_links(&self) -> Vec<YearLinks> {
        self.cmp
            .years
            .iter()
            .map(|y| {
                let mut links: Vec<Link> = self
                    .cmp
                    .entries
                    .iter()
                    .filter(|e| e.submission.year == *y)
                    .filter_map(|e| {
                        self.scorecard_href(e).map(|f| Link {
                            text: e.submission.region.display_name(),
                            href: format!("scorecards/{f}"),
                        })
                    })
                    .collect();
                links.sort_by(|a, b| a.text.cmp(&b.text));
                YearLinks { year: *y, links }
            })
            .collect()
    }
}
