//! The view of one region's annual scorecard: headline figures, the radar of dimension scores
//! against the peer median and last year, bars per dimension and component, strengths and areas
//! to improve, coverage, and every answer with its notes.
//!
//! One file per section of the page: where the region stands (`ranks`), the radar (`radar`, its
//! labels in `radar_labels`), the bars (`bars`), strengths and areas to improve (`indicators`),
//! coverage (`coverage`) and the answers (`answers`).

mod answers;
mod bars;
mod coverage;
mod explain;
mod history;
mod indicators;
mod radar;
mod radar_labels;
mod ranks;
mod verification;

use self::answers::AnswerGroup;
use self::bars::BarRow;
use self::coverage::CoverageView;
use self::explain::{ChangeView, NextView};
use self::history::HistoryView;
use self::indicators::IndicatorRow;
use self::radar::RadarView;
use self::ranks::{Previous, RankLine};
use self::verification::VerificationView;
use super::context::{Context, scorecard_file_name};
use super::page::Page;
use crate::compare::Entry;
use serde::Serialize;

/// A scorecard page.
#[derive(Debug, Serialize)]
pub struct ScorecardView {
    /// Furniture.
    #[serde(flatten)]
    pub page: Page,
    /// Region name.
    pub name: String,
    /// Region code.
    pub code: String,
    /// Kind.
    pub kind: String,
    /// Province.
    pub province: String,
    /// Year.
    pub year: i32,
    /// The file the answers came from.
    pub source_file: String,
    /// Index as shown.
    pub index: String,
    /// Whether the index could not be computed.
    pub insufficient: bool,
    /// Band label (empty without an index).
    pub band: String,
    /// Band colours.
    pub band_bg: String,
    /// Band text colour.
    pub band_fg: String,
    /// Signed improvement, or empty.
    pub improvement: String,
    /// `up`, `down`, `same` or empty.
    pub trend: &'static str,
    /// The previous result, if any.
    pub previous: Option<Previous>,
    /// Rank lines (`3 of 10`, …).
    pub ranks: Vec<RankLine>,
    /// Coverage.
    pub coverage: CoverageView,
    /// The radar chart, when there are at least three axes.
    pub radar: Option<RadarView>,
    /// Dimension bars (sub-dimensions follow their parent).
    pub dimensions: Vec<BarRow>,
    /// Component bars.
    pub components: Vec<BarRow>,
    /// Highest-scoring indicators.
    pub strengths: Vec<IndicatorRow>,
    /// Lowest-scoring indicators.
    pub weaknesses: Vec<IndicatorRow>,
    /// Answers by dimension.
    pub answers: Vec<AnswerGroup>,
    /// What moved the index since the previous year.
    pub change: Option<ChangeView>,
    /// The way to the next band.
    pub next: Option<NextView>,
    /// The running title of printed pages (plain text, safe in a CSS string).
    pub print_title: String,
    /// The bars' axis: ticks along the scale.
    pub axis: Vec<Tick>,
    /// Links to the region's other years.
    pub other_years: Vec<YearLink>,
    /// The province's page, when the report is split by province.
    pub province_href: Option<String>,
    /// What evaluators made of the region's self-assessment.
    pub verification: VerificationView,
    /// The region's years, when it has more than one.
    pub history: Option<HistoryView>,
}

/// A tick of an axis.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    /// Position, 0–100.
    pub x: String,
    /// Label.
    pub label: String,
}

/// A link to another year's scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// Year.
    pub year: i32,
    /// File name in the same folder.
    pub href: String,
}

impl Context<'_> {
    /// The scorecard of entry `i` of the comparison, its answers shown from `submission` (the
    /// entry's, with the detail of its answers).
    pub fn scorecard_view(
        &self,
        i: usize,
        submission: &crate::submission::Submission,
    ) -> Option<ScorecardView> {
        let e = self.cmp.entries.get(i)?;
        let row = self.rank_row(e, "../");
        Some(ScorecardView {
            page: self.page("../"),
            name: row.name.clone(),
            code: row.code.clone(),
            kind: row.kind.clone(),
            province: row.province.clone(),
            year: e.submission.year,
            source_file: self.shown.show(&e.submission.source.file),
            index: row.index.clone(),
            insufficient: e.scorecard.index.is_none(),
            band: row.band.clone(),
            band_bg: row.band_bg.clone(),
            band_fg: row.band_fg.clone(),
            improvement: row.improvement.clone(),
            trend: row.trend,
            previous: self.cmp.previous(e).map(|p| Previous {
                year: p.year(),
                index: self.opt_num(p.index()),
            }),
            ranks: self.rank_lines(e, &row.rank_change),
            coverage: self.coverage_view(e),
            radar: self.radar(e),
            dimensions: self.dimension_bars(e),
            components: self.component_bars(e),
            strengths: self.ranked_indicators(e, true),
            weaknesses: self.ranked_indicators(e, false),
            answers: self.answer_groups(e, submission),
            change: self.change_view(e),
            next: self.next_view(e),
            print_title: format!(
                "{} {} {} — {}",
                super::labels::label("scorecard", self.lang),
                row.name,
                e.submission.year,
                self.fw.title.get(self.lang)
            )
            .chars()
            .map(|c| if c == '/' { '-' } else { c })
            .filter(|c| !matches!(c, '"' | '\\' | '<' | '>' | '&' | '\'' | '\n' | '\r'))
            .collect(),
            axis: self.axis(),
            other_years: self.other_years(e),
            province_href: self
                .province_pages
                .then(|| super::provinces::province_link(e))
                .flatten(),
            verification: self.verification_view(e, submission),
            history: self.history(e),
        })
    }

    /// Ticks at every whole number of the scale (at most 11), for the bars' axis.
    fn axis(&self) -> Vec<Tick> {
        let s = self.fw.scale;
        let span = s.max - s.min;
        let step = if span <= 10.0 {
            1.0
        } else {
            (span / 5.0).ceil()
        };
        let mut ticks = Vec::new();
        let mut v = s.min.ceil();
        while v <= s.max + 1e-9 && ticks.len() < 12 {
            ticks.push(Tick {
                x: crate::report::charts::coord((v - s.min) / span * 100.0),
                label: self.lang.number(v, 0),
            });
            v += step;
        }
        if span <= 1.0 {
            // A 0–1 scale (IDM): quarters.
            ticks = (0..=4)
                .map(|k| {
                    let v = s.min + span * f64::from(k) / 4.0;
                    Tick {
                        x: crate::report::charts::coord(f64::from(k) * 25.0),
                        label: self.lang.number(v, 2),
                    }
                })
                .collect();
        }
        ticks
    }

    /// Links to the region's scorecards of other years, newest first (none when a region has
    /// one page: its history lists the years).
    fn other_years(&self, e: &Entry) -> Vec<YearLink> {
        if self.scorecards == super::context::ScorecardPages::Newest {
            return Vec::new();
        }
        let mut links: Vec<YearLink> = self
            .regions
            .entries_of(e.submission.region.code)
            .iter()
            .map(|&i| &self.cmp.entries[i])
            .filter(|o| o.submission.year != e.submission.year)
            .filter_map(|o| {
                scorecard_file_name(o).map(|href| YearLink {
                    year: o.submission.year,
                    href,
                })
            })
            .collect();
        links.sort_by_key(|l| std::cmp::Reverse(l.year));
        links
    }
}
