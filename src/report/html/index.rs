//! The comparison page (`index.html`): the newest year's headline figures, ranking, heatmap,
//! band distribution, leaders, rankings within peer groups, earlier years' rankings and links to
//! every scorecard.

use super::context::{Context, scorecard_file_name};
use super::distribution::Distribution;
use super::groups::PeerGroup;
use super::heatmap::Heatmap;
use super::page::Page;
use super::ranking::{RankRow, YearRanking};
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
                .map(|y| YearRanking {
                    year: *y,
                    rows: self
                        .cmp
                        .entries
                        .iter()
                        .filter(|e| e.submission.year == *y)
                        .map(|e| self.rank_row(e, ""))
                        .collect(),
                })
                .collect(),
            scorecards: self.scorecard_links(),
            ranking,
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
                        scorecard_file_name(e).map(|f| Link {
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
