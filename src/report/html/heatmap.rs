//! The heatmap of regions (or provinces) × top-level dimensions, with its legend.

use super::context::Context;
use super::labels::label;
use super::ranking::name_sort;
use crate::compare::Entry;
use serde::Serialize;

/// The heatmap.
#[derive(Debug, Clone, Serialize)]
pub struct Heatmap {
    /// Column headings: the top-level dimensions.
    pub columns: Vec<HeatColumn>,
    /// One row per region, in rank order.
    pub rows: Vec<HeatRow>,
    /// Legend stops, low to high.
    pub legend: Vec<HeatCell>,
}

/// A heatmap column.
#[derive(Debug, Clone, Serialize)]
pub struct HeatColumn {
    /// Dimension id.
    pub id: String,
    /// Dimension name.
    pub label: String,
}

/// A heatmap row.
#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    /// Region name.
    pub name: String,
    /// Scorecard link.
    pub href: Option<String>,
    /// Rank.
    pub rank: String,
    /// Sort key of the rank (or of the code, for provinces).
    pub rank_sort: String,
    /// Sort key of the name (without the kind in front).
    pub name_sort: String,
    /// What the filter box matches (empty: not filtered).
    pub search: String,
    /// One cell per column.
    pub cells: Vec<HeatCell>,
    /// The index cell.
    pub index: HeatCell,
    /// Whether the rank is marked "not reviewed" (see the ranking's row).
    pub not_reviewed: bool,
}

/// A coloured cell.
#[derive(Debug, Clone, Serialize)]
pub struct HeatCell {
    /// The score as shown.
    pub text: String,
    /// Background.
    pub bg: String,
    /// Text colour.
    pub fg: String,
    /// Tooltip and accessible name: region, dimension, score.
    pub title: String,
    /// Sort key (empty when unknown).
    pub sort: String,
}

impl Context<'_> {
    /// Regions × top-level dimensions, one row per entry of `latest` in its order; rows link to
    /// the scorecards.
    pub(super) fn heatmap(&self, latest: &[&Entry]) -> Heatmap {
        let fw = self.fw;
        let lang = self.lang;
        let dims: Vec<usize> = fw.top_dimensions().map(|(d, _)| d).collect();
        let rows = latest
            .iter()
            .map(|e| {
                let name = e.submission.region.display_name();
                let row = self.rank_row(e, "");
                HeatRow {
                    href: self.scorecard_href(e).map(|f| format!("scorecards/{f}")),
                    rank: row.rank,
                    rank_sort: row.rank_sort,
                    name_sort: name_sort(&name),
                    search: row.search,
                    cells: dims
                        .iter()
                        .map(|d| {
                            self.heat_cell(
                                &name,
                                fw.dimensions[*d].label.get(lang),
                                e.scorecard.dimensions[*d],
                            )
                        })
                        .collect(),
                    index: self.heat_cell(&name, label("index", lang), e.scorecard.index),
                    not_reviewed: row.not_reviewed,
                    name,
                }
            })
            .collect();
        Heatmap {
            columns: dims
                .iter()
                .map(|d| HeatColumn {
                    id: fw.dimensions[*d].id.clone(),
                    label: fw.dimensions[*d].label.get(lang).to_string(),
                })
                .collect(),
            rows,
            legend: self.heat_legend(),
        }
    }
}

/// Heatmap cells, shared by the index's heatmap and the provinces' one.
impl Context<'_> {
    /// A coloured cell for `v`, grey with a dash when unknown.
    pub fn heat_cell(&self, name: &str, what: &str, v: Option<f64>) -> HeatCell {
        match v {
            Some(v) => {
                let (bg, fg) = self.heat(v);
                HeatCell {
                    text: self.num(v),
                    bg: bg.hex(),
                    fg: fg.hex(),
                    title: format!("{name} — {what}: {}", self.num(v)),
                    sort: format!("{v}"),
                }
            }
            None => HeatCell {
                text: "–".to_string(),
                bg: "#f3f4f6".to_string(),
                fg: "#000000".to_string(),
                title: format!("{name} — {what}: –"),
                sort: String::new(),
            },
        }
    }

    /// Legend stops, low to high.
    pub fn heat_legend(&self) -> Vec<HeatCell> {
        let scale = self.fw.scale;
        let steps = 5;
        (0..=steps)
            .map(|i| {
                let v = scale.min + (scale.max - scale.min) * i as f64 / steps as f64;
                let (bg, fg) = self.heat(v);
                HeatCell {
                    text: self.num(v),
                    bg: bg.hex(),
                    fg: fg.hex(),
                    title: self.num(v),
                    sort: format!("{v}"),
                }
            })
            .collect()
    }
}
