//! The region's history on its scorecard: the index over all its years as a small line chart
//! (inline SVG over the bands' colours) and a table year by year — index, band, rank,
//! improvement and the top-level dimension scores. A region with one year has no history: the
//! rest of the page already says everything about it.

use super::super::context::ScorecardPages;
use super::super::pages::history_anchor;
use crate::compare::Entry;
use crate::framework::Scale;
use crate::report::charts::{coord, fraction};
use crate::report::html::context::Context;
use serde::Serialize;

/// The history section.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// The index over the years, when at least two years have one.
    pub chart: Option<HistoryChart>,
    /// The top-level dimensions' names, the table's last columns.
    pub dimensions: Vec<String>,
    /// One row per year, oldest first.
    pub rows: Vec<HistoryRow>,
    /// The first year.
    pub first_year: i32,
    /// The last year.
    pub last_year: i32,
}

/// One year of the region.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    /// Year.
    pub year: i32,
    /// The row's anchor, which links to this year lead to when it has no page of its own.
    pub anchor: String,
    /// Whether it is the year this page shows.
    pub current: bool,
    /// Its own scorecard, when it has one and it is not this page.
    pub href: Option<String>,
    /// Index as shown.
    pub index: String,
    /// Band label (empty without an index).
    pub band: String,
    /// Band colours.
    pub band_bg: String,
    /// Band text colour.
    pub band_fg: String,
    /// Rank among all regions that year, or a dash.
    pub rank: String,
    /// Signed improvement since the previous computed year, or empty.
    pub improvement: String,
    /// `up`, `down`, `same` or empty.
    pub trend: &'static str,
    /// Top-level dimension scores as shown.
    pub dimensions: Vec<String>,
}

/// The line chart of the index, in SVG user units.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryChart {
    /// viewBox width.
    pub width: f64,
    /// viewBox height.
    pub height: f64,
    /// Left edge of the plot.
    pub left: String,
    /// Width of the plot.
    pub plot_width: String,
    /// Where the scale labels end, left of the plot.
    pub tick_x: String,
    /// Bottom of the plot.
    pub bottom: String,
    /// Where the year labels are written.
    pub label_y: String,
    /// The bands as horizontal stripes, lowest first.
    pub bands: Vec<Stripe>,
    /// The polyline through the computed years.
    pub points: String,
    /// One dot per computed year.
    pub dots: Vec<Dot>,
    /// Scale labels on the left.
    pub ticks: Vec<YTick>,
}

/// A band's stripe.
#[derive(Debug, Clone, Serialize)]
pub struct Stripe {
    /// Top.
    pub y: String,
    /// Height.
    pub height: String,
    /// Colour.
    pub bg: String,
}

/// A year's point.
#[derive(Debug, Clone, Serialize)]
pub struct Dot {
    /// Position.
    pub x: String,
    /// Position.
    pub y: String,
    /// Year.
    pub year: i32,
    /// Index as shown.
    pub value: String,
    /// Whether it is the year this page shows.
    pub current: bool,
}

/// A scale label.
#[derive(Debug, Clone, Serialize)]
pub struct YTick {
    /// Position.
    pub y: String,
    /// Value as shown.
    pub label: String,
}

/// The plot's frame in SVG user units: wide and low, so it reads as a trend beside the table.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 26.0;

/// Where a year and an index value lie in the plot.
#[derive(Debug, Clone, Copy)]
struct Frame {
    first: i32,
    last: i32,
    scale: Scale,
}

impl Frame {
    fn x(&self, year: i32) -> f64 {
        let span = f64::from((self.last - self.first).max(1));
        LEFT + f64::from(year - self.first) / span * (WIDTH - LEFT - RIGHT)
    }

    fn y(&self, value: f64) -> f64 {
        TOP + (1.0 - fraction(value, self.scale)) * (HEIGHT - TOP - BOTTOM)
    }
}

impl Context<'_> {
    /// The history of `e`'s region, when it has more than one year.
    pub(super) fn history(&self, e: &Entry) -> Option<HistoryView> {
        let mut years: Vec<&Entry> = self
            .regions
            .entries_of(e.submission.region.code)
            .iter()
            .map(|&i| &self.cmp.entries[i])
            .collect();
        if years.len() < 2 {
            return None;
        }
        years.sort_by_key(|o| o.submission.year);
        let dims: Vec<usize> = self.fw.top_dimensions().map(|(d, _)| d).collect();
        let (first_year, last_year) = (
            years[0].submission.year,
            years[years.len() - 1].submission.year,
        );
        let rows = years
            .iter()
            .map(|o| self.history_row(o, e.submission.year, &dims))
            .collect();
        Some(HistoryView {
            chart: self.history_chart(&years, e.submission.year),
            dimensions: dims
                .iter()
                .map(|&d| self.fw.dimensions[d].label.get(self.lang).to_string())
                .collect(),
            rows,
            first_year,
            last_year,
        })
    }

    fn history_row(&self, o: &Entry, shown: i32, dims: &[usize]) -> HistoryRow {
        let year = o.submission.year;
        let current = year == shown;
        let (band_bg, band_fg) = self.band_colours(o.scorecard.band);
        let improvement = o.improvement_since(self.cmp.previous(o));
        HistoryRow {
            year,
            anchor: history_anchor(year),
            current,
            // Every year has its own page only with `--scorecards all-years`.
            href: match self.scorecards {
                ScorecardPages::AllYears if !current => self.scorecard_href(o),
                _ => None,
            },
            index: self.index_text(o),
            band: crate::report::band_label(self.fw, o, self.lang),
            band_bg,
            band_fg,
            rank: o.rank.map_or_else(|| "–".to_string(), |r| r.to_string()),
            improvement: improvement.map(|d| self.signed(d)).unwrap_or_default(),
            // As in the rankings: a change that rounds to nothing is no trend.
            trend: match improvement {
                Some(d) if d > 0.005 => "up",
                Some(d) if d < -0.005 => "down",
                Some(_) => "same",
                None => "",
            },
            dimensions: dims
                .iter()
                .map(|&d| self.opt_num(o.scorecard.dimensions[d]))
                .collect(),
        }
    }

    /// The chart of `years` (oldest first), when at least two have an index: a line through
    /// them, over the bands' stripes.
    fn history_chart(&self, years: &[&Entry], shown: i32) -> Option<HistoryChart> {
        let points: Vec<(i32, f64)> = years
            .iter()
            .filter_map(|o| Some((o.submission.year, o.scorecard.index?)))
            .collect();
        if points.len() < 2 {
            return None;
        }
        let frame = Frame {
            first: years.first()?.submission.year,
            last: years.last()?.submission.year,
            scale: self.fw.scale,
        };
        let bands = self
            .fw
            .bands
            .iter()
            .enumerate()
            .map(|(b, band)| {
                let (top, bottom) = (frame.y(band.to), frame.y(band.from));
                Stripe {
                    y: coord(top),
                    height: coord((bottom - top).max(0.0)),
                    bg: self.band_colours(Some(b)).0,
                }
            })
            .collect();
        let s = self.fw.scale;
        let ticks = [s.min, (s.min + s.max) / 2.0, s.max]
            .into_iter()
            .map(|v| YTick {
                y: coord(frame.y(v)),
                label: self.num(v),
            })
            .collect();
        Some(HistoryChart {
            width: WIDTH,
            height: HEIGHT,
            left: coord(LEFT),
            plot_width: coord(WIDTH - LEFT - RIGHT),
            tick_x: coord(LEFT - 6.0),
            bottom: coord(HEIGHT - BOTTOM),
            label_y: coord(HEIGHT - 8.0),
            bands,
            points: points
                .iter()
                .map(|&(year, v)| format!("{},{}", coord(frame.x(year)), coord(frame.y(v))))
                .collect::<Vec<_>>()
                .join(" "),
            dots: points
                .iter()
                .map(|&(year, v)| Dot {
                    x: coord(frame.x(year)),
                    y: coord(frame.y(v)),
                    year,
                    value: self.num(v),
                    current: year == shown,
                })
                .collect(),
            ticks,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_values_land_inside_the_plot() {
        let frame = Frame {
            first: 2015,
            last: 2024,
            scale: Scale { min: 0.0, max: 4.0 },
        };
        assert_eq!(frame.x(2015), LEFT);
        assert_eq!(frame.x(2024), WIDTH - RIGHT);
        assert_eq!(frame.y(4.0), TOP);
        assert_eq!(frame.y(0.0), HEIGHT - BOTTOM);
        // A stray value is clamped to the plot, never drawn outside it.
        assert_eq!(frame.y(9.0), TOP);
        // One year only: no division by zero.
        let one = Frame {
            first: 2024,
            last: 2024,
            ..frame
        };
        assert_eq!(one.x(2024), LEFT);
    }
}
