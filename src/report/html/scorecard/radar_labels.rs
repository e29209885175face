//! The radar's spokes and their labels: cut into at most two balanced lines, shortened with an
//! ellipsis, and placed so they run away from the chart.

use crate::report::charts::{Point, Radar, coord};
use serde::Serialize;

/// Radar labels longer than this go on two lines, and lines longer than this are shortened
/// (the full name stays in the tooltip).
const RADAR_LINE_CHARS: usize = 12;
/// Line height of radar labels, in SVG units.
const RADAR_LINE_HEIGHT: f64 = 16.0;

/// A spoke with its label.
#[derive(Debug, Clone, Serialize)]
pub struct RadarAxis {
    /// Tip.
    pub x: String,
    /// Tip.
    pub y: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The label, in one or two lines.
    pub lines: Vec<RadarLine>,
    /// Full label.
    pub full_label: String,
}

/// A line of a radar label.
#[derive(Debug, Clone, Serialize)]
pub struct RadarLine {
    /// Text.
    pub text: String,
    /// Position.
    pub x: String,
    /// Baseline.
    pub y: String,
}

fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The spokes with their labels.
pub(super) fn radar_spokes(radar: &Radar, names: Vec<String>) -> Vec<RadarAxis> {
    names
        .into_iter()
        .enumerate()
        .map(|(i, full)| {
            let tip = radar.point(i, 1.0);
            let (p, anchor) = radar.label(i, 12.0);
            RadarAxis {
                x: coord(tip.x),
                y: coord(tip.y),
                anchor,
                lines: label_lines(&full, p, radar.centre),
                full_label: full,
            }
        })
        .collect()
}

/// A label cut into at most two lines at the space that balances them best.
fn split_label(label: &str) -> Vec<String> {
    if label.chars().count() <= RADAR_LINE_CHARS {
        return vec![label.to_string()];
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let best = (1..words.len())
        .map(|k| (words[..k].join(" "), words[k..].join(" ")))
        .min_by_key(|(a, b)| a.chars().count().max(b.chars().count()));
    match best {
        Some((a, b)) => vec![
            shorten(&a, RADAR_LINE_CHARS + 8),
            shorten(&b, RADAR_LINE_CHARS + 8),
        ],
        None => vec![shorten(label, RADAR_LINE_CHARS + 8)],
    }
}

/// The lines of a spoke's label placed at `at`: stacked upwards above the chart, downwards
/// below it, and centred on the spoke at the sides.
fn label_lines(label: &str, at: Point, centre: Point) -> Vec<RadarLine> {
    let lines = split_label(label);
    let n = lines.len() as f64;
    let first_y = if at.y < centre.y - 1.0 && (at.x - centre.x).abs() < 1.0 {
        at.y - (n - 1.0) * RADAR_LINE_HEIGHT
    } else if at.y > centre.y + 1.0 && (at.x - centre.x).abs() < 1.0 {
        at.y + 12.0
    } else {
        at.y + 5.0 - (n - 1.0) * RADAR_LINE_HEIGHT / 2.0
    };
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| RadarLine {
            text,
            x: coord(at.x),
            y: coord(first_y + i as f64 * RADAR_LINE_HEIGHT),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_radar_labels_take_two_balanced_lines() {
        assert_eq!(split_label("Smart Living"), ["Smart Living"]);
        assert_eq!(split_label("Smart Environment"), ["Smart", "Environment"]);
        assert_eq!(
            split_label("Tata Kelola Pemerintahan Berbasis Elektronik"),
            ["Tata Kelola Pemerin…", "Berbasis Elektronik"]
        );
        let top = label_lines(
            "Smart Environment",
            Point { x: 100.0, y: 20.0 },
            Point { x: 100.0, y: 100.0 },
        );
        assert_eq!((top[0].y.as_str(), top[1].y.as_str()), ("4.0", "20.0"));
    }

    #[test]
    fn labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Smart Governance", 24), "Smart Governance");
        assert_eq!(
            shorten("Tourism Branding (Ekosistem Pariwisata)", 24),
            "Tourism Branding (Ekosi…"
        );
    }
}
