//! The radar of the scorecard: the region's scores on each axis against its peer median and
//! its previous year.

use super::radar_labels::{RadarAxis, radar_spokes};
use crate::compare::Entry;
use crate::framework::Framework;
use crate::report::charts::{self, Point, Radar, coord};
use crate::report::html::context::Context;
use crate::report::html::labels::label;
use serde::Serialize;

/// The radar chart, ready for SVG.
#[derive(Debug, Clone, Serialize)]
pub struct RadarView {
    /// The viewBox width.
    pub width: f64,
    /// The viewBox height.
    pub height: f64,
    /// Centre.
    pub cx: String,
    /// Centre.
    pub cy: String,
    /// Grid rings, innermost first.
    pub rings: Vec<RadarRing>,
    /// Spokes.
    pub axes: Vec<RadarAxis>,
    /// Polygons: peer median, last year, this year (drawn in this order).
    pub series: Vec<RadarSeries>,
    /// What the axes are (`Dimensi` / `Komponen`).
    pub axes_name: String,
    /// A sentence for screen readers.
    pub description: String,
}

/// A grid ring.
#[derive(Debug, Clone, Serialize)]
pub struct RadarRing {
    /// Polygon points.
    pub points: String,
    /// Scale value at the ring.
    pub label: String,
    /// Where the value is written.
    pub x: String,
    /// Where the value is written.
    pub y: String,
}

/// One polygon.
#[derive(Debug, Clone, Serialize)]
pub struct RadarSeries {
    /// Legend name.
    pub name: String,
    /// CSS class (`current`, `median`, `previous`).
    pub class: &'static str,
    /// Polygon points.
    pub points: String,
    /// Vertices with values, for dots and tooltips.
    pub dots: Vec<RadarDot>,
}

/// A vertex.
#[derive(Debug, Clone, Serialize)]
pub struct RadarDot {
    /// Position.
    pub x: String,
    /// Position.
    pub y: String,
    /// `Smart Governance: 3,12`.
    pub title: String,
}

/// An axis of the radar: a dimension or a component.
enum Axis {
    Dimension(usize),
    Component(usize),
}

/// The radar's axes: the top-level dimensions when there are at least three, else the
/// components, else every dimension; none when nothing has three (a radar of two spokes is a
/// line and says nothing a bar does not).
fn radar_axes(fw: &Framework) -> Vec<Axis> {
    let top: Vec<Axis> = fw
        .top_dimensions()
        .map(|(d, _)| Axis::Dimension(d))
        .collect();
    if top.len() >= 3 {
        return top;
    }
    if fw.components.len() >= 3 {
        return (0..fw.components.len()).map(Axis::Component).collect();
    }
    if fw.dimensions.len() >= 3 {
        return (0..fw.dimensions.len()).map(Axis::Dimension).collect();
    }
    Vec::new()
}

impl Context<'_> {
    /// The radar's geometry: centre and radius inside a 600 × 400 viewBox, leaving room for
    /// labels on every side.
    const RADAR: Radar = Radar {
        centre: Point { x: 300.0, y: 200.0 },
        radius: 140.0,
        axes: 0,
    };

    /// An axis's name in the reader's language.
    fn axis_name(&self, a: &Axis) -> String {
        match a {
            Axis::Dimension(d) => self.fw.dimensions[*d].label.get(self.lang).to_string(),
            Axis::Component(c) => self.fw.components[*c].label.get(self.lang).to_string(),
        }
    }

    /// The values on every axis: this year's, the peer median's and last year's.
    fn radar_values(&self, e: &Entry, axes: &[Axis]) -> [Vec<Option<f64>>; 3] {
        let fw = self.fw;
        let peers = self.peers.of_entry(e);
        let prev = self.cmp.previous(e);
        let current = axes
            .iter()
            .map(|a| match a {
                Axis::Dimension(d) => e.scorecard.dimensions[*d],
                Axis::Component(c) => e.scorecard.components[*c],
            })
            .collect();
        let median = axes
            .iter()
            .map(|a| match a {
                Axis::Dimension(d) => peers.and_then(|p| p.dimensions[*d]),
                Axis::Component(c) => peers.and_then(|p| p.components[*c]),
            })
            .collect();
        let previous = axes
            .iter()
            .map(|a| match a {
                Axis::Dimension(d) => prev.and_then(|p| p.dimension_score(fw, *d)),
                Axis::Component(c) => prev.and_then(|p| p.component_score(fw, *c)),
            })
            .collect();
        [current, median, previous]
    }

    /// One polygon with a dot and tooltip per known value; `None` when no value is known.
    fn radar_series(
        &self,
        radar: &Radar,
        names: &[String],
        values: &[Option<f64>],
        name: String,
        class: &'static str,
    ) -> Option<RadarSeries> {
        if values.iter().all(Option::is_none) {
            return None;
        }
        let scale = self.fw.scale;
        let fractions: Vec<Option<f64>> = values
            .iter()
            .map(|v| v.map(|v| charts::fraction(v, scale)))
            .collect();
        let dots = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let v = (*v)?;
                let p = radar.point(i, charts::fraction(v, scale));
                Some(RadarDot {
                    x: coord(p.x),
                    y: coord(p.y),
                    title: format!("{name}: {} — {}", names[i], self.num(v)),
                })
            })
            .collect();
        Some(RadarSeries {
            points: radar.polygon(&fractions),
            dots,
            name,
            class,
        })
    }

    /// Grid rings at quarters of the scale, each labelled beside the first spoke.
    fn radar_rings(&self, radar: &Radar) -> Vec<RadarRing> {
        let scale = self.fw.scale;
        let steps = 4;
        (1..=steps)
            .map(|i| {
                let f = i as f64 / steps as f64;
                let tip = radar.point(0, f);
                RadarRing {
                    points: radar.ring(f),
                    label: self.lang.number(scale.min + f * (scale.max - scale.min), 0),
                    x: coord(tip.x + 4.0),
                    y: coord(tip.y + 11.0),
                }
            })
            .collect()
    }

    /// The radar chart of an entry, or `None` when the framework has too few axes.
    pub(super) fn radar(&self, e: &Entry) -> Option<RadarView> {
        let lang = self.lang;
        let axes = radar_axes(self.fw);
        if axes.is_empty() {
            return None;
        }
        let radar = Radar {
            axes: axes.len(),
            ..Self::RADAR
        };
        let names: Vec<String> = axes.iter().map(|a| self.axis_name(a)).collect();
        let [current, median, previous] = self.radar_values(e, &axes);
        let median_name = format!(
            "{} ({})",
            label("peer_median", lang),
            self.kind_group(e.submission.region.kind)
        );
        let previous_name = match self.cmp.previous(e) {
            Some(p) => format!("{} ({})", label("last_year", lang), p.year()),
            None => label("last_year", lang).to_string(),
        };
        let current_name = format!("{} ({})", label("this_year", lang), e.submission.year);
        let description = names
            .iter()
            .zip(&current)
            .map(|(n, v)| format!("{n}: {}", self.opt_num(*v)))
            .collect::<Vec<_>>()
            .join("; ");
        let series = [
            self.radar_series(&radar, &names, &median, median_name, "median"),
            self.radar_series(&radar, &names, &previous, previous_name, "previous"),
            self.radar_series(&radar, &names, &current, current_name, "current"),
        ]
        .into_iter()
        .flatten()
        .collect();
        Some(RadarView {
            width: 600.0,
            height: 400.0,
            cx: coord(radar.centre.x),
            cy: coord(radar.centre.y),
            rings: self.radar_rings(&radar),
            axes: radar_spokes(&radar, names),
            series,
            axes_name: label(
                if matches!(axes[0], Axis::Component(_)) {
                    "components"
                } else {
                    "dimensions"
                },
                lang,
            )
            .to_string(),
            description: format!("{}. {description}", label("radar_desc", lang)),
        })
    }
}
