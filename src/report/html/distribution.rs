//! The band distribution chart: how many regions fall in each band.

use super::context::Context;
use crate::compare::Entry;
use crate::report::charts::{self, band_colour};
use serde::Serialize;

/// The band distribution chart.
#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    /// One bar per band, highest band first.
    pub bars: Vec<DistributionBar>,
    /// SVG height.
    pub height: f64,
    /// SVG width.
    pub width: f64,
    /// Region-years with no index.
    pub insufficient: usize,
    /// A sentence for screen readers.
    pub description: String,
}

/// A bar of the distribution chart; coordinates are SVG user units.
#[derive(Debug, Clone, Serialize)]
pub struct DistributionBar {
    /// Band label.
    pub label: String,
    /// Regions.
    pub count: usize,
    /// `40 %`.
    pub share: String,
    /// Top of the bar.
    pub y: String,
    /// Baseline of the label text.
    pub text_y: String,
    /// Bar length.
    pub width: String,
    /// Where the count is written.
    pub count_x: String,
    /// Colour.
    pub bg: String,
}

/// Layout of the distribution chart.
const DIST_WIDTH: f64 = 640.0;
const DIST_LABEL: f64 = 150.0;
const DIST_BAR: f64 = 400.0;
const DIST_ROW: f64 = 34.0;

impl Context<'_> {
    pub(super) fn distribution(&self, latest: &[&Entry]) -> Distribution {
        let fw = self.fw;
        let lang = self.lang;
        let mut counts = vec![0usize; fw.bands.len()];
        let mut insufficient = 0;
        for e in latest {
            match e.scorecard.band {
                Some(b) => counts[b] += 1,
                None => insufficient += 1,
            }
        }
        let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
        let total = latest.len().max(1) as f64;
        let bars: Vec<DistributionBar> = (0..fw.bands.len())
            .rev()
            .enumerate()
            .map(|(row, b)| {
                let width = charts::bar_length(
                    counts[b] as f64,
                    crate::framework::Scale { min: 0.0, max },
                    DIST_BAR,
                );
                let y = 8.0 + row as f64 * DIST_ROW;
                DistributionBar {
                    label: fw.bands[b].label.get(lang).to_string(),
                    count: counts[b],
                    share: self.percent(counts[b] as f64 / total),
                    y: charts::coord(y),
                    text_y: charts::coord(y + 17.0),
                    width: charts::coord(width),
                    count_x: charts::coord(DIST_LABEL + width + 8.0),
                    bg: band_colour(b, fw.bands.len()).hex(),
                }
            })
            .collect();
        let description = bars
            .iter()
            .map(|b| format!("{}: {} ({})", b.label, b.count, b.share))
            .collect::<Vec<_>>()
            .join("; ");
        Distribution {
            height: 16.0 + bars.len() as f64 * DIST_ROW,
            width: DIST_WIDTH,
            bars,
            insufficient,
            description,
        }
    }
}
