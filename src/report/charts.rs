//! Chart geometry for the HTML report: radar polygons, bar lengths, diverging improvement bars and
//! heatmap colours, computed here so templates only place numbers into SVG attributes. Pure
//! functions with unit tests; nothing here knows about HTML or languages.
//!
//! Coordinates are formatted with a decimal point whatever the reader's language: SVG attributes
//! are not prose (`Lang::number` would write `3,5`, which SVG reads as two numbers).

use crate::framework::Scale;

/// A point in SVG user units (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

/// One decimal is far below a pixel at the sizes drawn, and keeps the markup short and stable.
pub fn coord(v: f64) -> String {
    let s = format!("{v:.1}");
    // "-0.0" and "0.0" are the same place; keep snapshots stable.
    if s == "-0.0" { "0.0".to_string() } else { s }
}

/// Where `value` lies on `scale`, from 0 (bottom) to 1 (top), clamped so a stray value never
/// draws outside its chart.
pub fn fraction(value: f64, scale: Scale) -> f64 {
    let span = scale.max - scale.min;
    if !value.is_finite() || span <= 0.0 {
        return 0.0;
    }
    ((value - scale.min) / span).clamp(0.0, 1.0)
}

/// The length of a bar for `value` on `scale` when the full scale is `length` long.
pub fn bar_length(value: f64, scale: Scale, length: f64) -> f64 {
    fraction(value, scale) * length
}

/// A radar (spider) chart of `axes` spokes around a centre, the first spoke pointing up and the
/// others following clockwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radar {
    /// Centre.
    pub centre: Point,
    /// Length of a spoke (the top of the scale).
    pub radius: f64,
    /// Number of spokes.
    pub axes: usize,
}

impl Radar {
    /// Angle of spoke `i` in radians, measured as SVG does (clockwise from the x axis).
    pub fn angle(&self, i: usize) -> f64 {
        let n = self.axes.max(1) as f64;
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n
    }

    /// The point at `fraction` (0–1) of spoke `i`.
    pub fn point(&self, i: usize, fraction: f64) -> Point {
        let a = self.angle(i);
        let r = self.radius * fraction;
        Point {
            x: self.centre.x + r * a.cos(),
            y: self.centre.y + r * a.sin(),
        }
    }

    /// The `points` attribute of a polygon through `fractions` (one per spoke). A missing value
    /// sits at the centre: nothing was scored there, and a gap would hide the spoke's neighbours.
    pub fn polygon(&self, fractions: &[Option<f64>]) -> String {
        fractions
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let p = self.point(i, f.unwrap_or(0.0).clamp(0.0, 1.0));
                format!("{},{}", coord(p.x), coord(p.y))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A grid ring at `fraction` of the radius, as polygon points.
    pub fn ring(&self, fraction: f64) -> String {
        self.polygon(&vec![Some(fraction); self.axes])
    }

    /// Where to write the label of spoke `i`, `gap` beyond its tip, and how to anchor the text so
    /// it runs away from the chart (`start`, `middle` or `end`).
    pub fn label(&self, i: usize, gap: f64) -> (Point, &'static str) {
        let a = self.angle(i);
        let r = self.radius + gap;
        let p = Point {
            x: self.centre.x + r * a.cos(),
            y: self.centre.y + r * a.sin(),
        };
        let anchor = if a.cos().abs() < 0.2 {
            "middle"
        } else if a.cos() > 0.0 {
            "start"
        } else {
            "end"
        };
        (p, anchor)
    }
}

/// A colour as red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2), 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

/// ColorBrewer YlGnBu: sequential, readable by colour-blind readers and in greyscale print, light
/// for low scores and dark for high ones.
const HEAT: [Rgb; 8] = [
    Rgb(0xff, 0xff, 0xd9),
    Rgb(0xed, 0xf8, 0xb1),
    Rgb(0xc7, 0xe9, 0xb4),
    Rgb(0x7f, 0xcd, 0xbb),
    Rgb(0x41, 0xb6, 0xc4),
    Rgb(0x1d, 0x91, 0xc0),
    Rgb(0x22, 0x5e, 0xa8),
    Rgb(0x0c, 0x2c, 0x84),
];

/// The heatmap colour of a score at `fraction` (0–1) of the scale, interpolated between the
/// palette's stops.
pub fn heat_colour(fraction: f64) -> Rgb {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = f * (HEAT.len() - 1) as f64;
    let i = (pos.floor() as usize).min(HEAT.len() - 2);
    let t = pos - i as f64;
    let (a, b) = (HEAT[i], HEAT[i + 1]);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Text colour readable on `background`: black on light colours, white on dark ones, whichever
/// has the higher WCAG contrast. Pure black, because with any grey some mid-tone backgrounds fall
/// below the 4.5:1 contrast that small text needs.
pub fn text_on(background: Rgb) -> Rgb {
    let l = background.luminance();
    let contrast_black = (l + 0.05) / 0.05;
    let contrast_white = 1.05 / (l + 0.05);
    if contrast_black >= contrast_white {
        Rgb(0, 0, 0)
    } else {
        Rgb(0xff, 0xff, 0xff)
    }
}

/// The colour of band `b` of `n` (ascending): the heatmap colour of the band's middle, so bands
/// and heatmap read alike.
pub fn band_colour(b: usize, n: usize) -> Rgb {
    if n <= 1 {
        return heat_colour(1.0);
    }
    // Keep the lowest band off the palette's near-white end so its badge stays visible.
    heat_colour(0.15 + 0.85 * b as f64 / (n - 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCALE: Scale = Scale { min: 0.0, max: 4.0 };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn fractions_and_bars_follow_the_scale() {
        assert!(close(fraction(3.0, SCALE), 0.75));
        assert!(close(fraction(-1.0, SCALE), 0.0));
        assert!(close(fraction(9.0, SCALE), 1.0));
        assert!(close(fraction(f64::NAN, SCALE), 0.0));
        assert!(close(
            fraction(
                50.0,
                Scale {
                    min: 0.0,
                    max: 100.0
                }
            ),
            0.5
        ));
        assert!(close(bar_length(1.0, SCALE, 200.0), 50.0));
    }

    #[test]
    fn radar_starts_at_the_top_and_turns_clockwise() {
        let r = Radar {
            centre: Point { x: 100.0, y: 100.0 },
            radius: 50.0,
            axes: 4,
        };
        let top = r.point(0, 1.0);
        assert!(close(top.x, 100.0) && close(top.y, 50.0));
        let right = r.point(1, 1.0);
        assert!(close(right.x, 150.0) && close(right.y, 100.0));
        let bottom_half = r.point(2, 0.5);
        assert!(close(bottom_half.x, 100.0) && close(bottom_half.y, 125.0));
        assert_eq!(
            r.polygon(&[Some(1.0), Some(0.5), None, Some(2.0)]),
            "100.0,50.0 125.0,100.0 100.0,100.0 50.0,100.0"
        );
        assert_eq!(r.ring(1.0), "100.0,50.0 150.0,100.0 100.0,150.0 50.0,100.0");
    }

    #[test]
    fn radar_labels_run_away_from_the_chart() {
        let r = Radar {
            centre: Point { x: 0.0, y: 0.0 },
            radius: 10.0,
            axes: 6,
        };
        assert_eq!(r.label(0, 5.0).1, "middle");
        assert_eq!(r.label(1, 5.0).1, "start");
        assert_eq!(r.label(3, 5.0).1, "middle");
        assert_eq!(r.label(4, 5.0).1, "end");
        let (p, _) = r.label(0, 5.0);
        assert!(close(p.y, -15.0));
    }

    #[test]
    fn coordinates_use_a_decimal_point() {
        assert_eq!(coord(12.345), "12.3");
        assert_eq!(coord(-0.01), "0.0");
        assert_eq!(coord(120.0), "120.0");
    }

    #[test]
    fn heat_colours_run_light_to_dark() {
        assert_eq!(heat_colour(0.0).hex(), "#ffffd9");
        assert_eq!(heat_colour(1.0).hex(), "#0c2c84");
        assert_eq!(heat_colour(2.0), heat_colour(1.0));
        assert_eq!(heat_colour(f64::NAN), heat_colour(0.0));
        // Halfway between the 4th and 5th stops.
        assert_eq!(heat_colour(3.5 / 7.0), Rgb(0x60, 0xc2, 0xc0));
        let mut last = 2.0;
        for i in 0..=20 {
            let l = heat_colour(i as f64 / 20.0).luminance();
            assert!(l <= last, "luminance must fall as scores rise");
            last = l;
        }
    }

    #[test]
    fn text_stays_readable_on_every_heat_colour() {
        assert_eq!(text_on(heat_colour(0.0)), Rgb(0, 0, 0));
        assert_eq!(text_on(heat_colour(1.0)), Rgb(0xff, 0xff, 0xff));
        for i in 0..=20 {
            let bg = heat_colour(i as f64 / 20.0);
            let fg = text_on(bg);
            let (hi, lo) = {
                let (a, b) = (bg.luminance(), fg.luminance());
                if a > b { (a, b) } else { (b, a) }
            };
            assert!((hi + 0.05) / (lo + 0.05) >= 4.5, "contrast on {}", bg.hex());
        }
    }

    #[test]
    fn bands_take_distinct_colours() {
        let colours: Vec<Rgb> = (0..4).map(|b| band_colour(b, 4)).collect();
        assert_eq!(colours[3], heat_colour(1.0));
        for w in colours.windows(2) {
            assert!(w[0].luminance() > w[1].luminance());
        }
    }
}
