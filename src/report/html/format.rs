//! How values are shown: numbers in the reader's convention, the index or "insufficient data",
//! kinds of region in words, and band and heatmap colours.

use super::context::Context;
use super::labels::label;
use crate::compare::Entry;
use crate::regions::RegionKind;
use crate::report::charts::{self, Rgb, band_colour, heat_colour, text_on};
use crate::scoring::IndexStatus;

impl Context<'_> {
    /// A score for display, with the framework's decimals (`precision`: Pemdi 2, IDM 4).
    pub fn num(&self, v: f64) -> String {
        self.lang.number(v, self.fw.precision)
    }

    /// A signed change of a score, with the framework's decimals: `+0,84`.
    pub fn signed(&self, v: f64) -> String {
        self.lang.signed(v, self.fw.precision)
    }

    /// An optional number, or a dash.
    pub fn opt_num(&self, v: Option<f64>) -> String {
        v.map_or_else(|| "–".to_string(), |v| self.num(v))
    }

    /// A share as a percentage without decimals: `75 %`.
    pub fn percent(&self, share: f64) -> String {
        format!("{} %", self.lang.number(share * 100.0, 0))
    }

    /// The scale as shown: `0–4`.
    pub(super) fn page_scale(&self) -> String {
        format!(
            "{}–{}",
            self.lang.number(self.fw.scale.min, 0),
            self.lang.number(self.fw.scale.max, 0)
        )
    }

    /// The colours of an entry's band, grey when it has none.
    pub fn band_colours(&self, band: Option<usize>) -> (String, String) {
        match band {
            Some(b) => {
                let bg = band_colour(b, self.fw.bands.len());
                (bg.hex(), text_on(bg).hex())
            }
            None => ("#e5e7eb".to_string(), "#000000".to_string()),
        }
    }

    /// A heatmap cell's colours for a score.
    pub fn heat(&self, score: f64) -> (Rgb, Rgb) {
        let bg = heat_colour(charts::fraction(score, self.fw.scale));
        (bg, text_on(bg))
    }

    /// The index as shown: a number, or "insufficient data".
    pub fn index_text(&self, e: &Entry) -> String {
        match (e.scorecard.status, e.scorecard.index) {
            (IndexStatus::Computed, Some(v)) => self.num(v),
            _ => label("insufficient", self.lang).to_string(),
        }
    }

    /// The region's kind in the reader's language.
    pub fn kind(&self, kind: RegionKind) -> String {
        kind.label().get(self.lang).to_string()
    }

    /// The regions of a kind, as a group in running text: `kota`, `regencies`.
    pub fn kind_group(&self, kind: RegionKind) -> &'static str {
        let key = match kind {
            RegionKind::Kota => "kota_lower",
            RegionKind::Kabupaten => "kabupaten_lower",
            RegionKind::Province => "province_lower",
            RegionKind::Village => "village_lower",
        };
        label(key, self.lang)
    }
}
