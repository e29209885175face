//! The furniture of every page: language, labels, the framework with its bands, the date.

use super::context::Context;
use super::labels::labels;
use crate::report::charts::{band_colour, text_on};
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything every page shows: language, labels, framework, date.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// `id` or `en`, for `<html lang>`.
    pub lang: &'static str,
    /// The labels, as `t.key`.
    pub t: BTreeMap<&'static str, &'static str>,
    /// Prefix from the page to the report folder (`""` or `"../"`).
    pub root: &'static str,
    /// The framework.
    pub framework: FrameworkView,
    /// The date, as the reader writes it.
    pub generated: String,
    /// The date, ISO 8601, for `<time datetime>`.
    pub generated_iso: String,
    /// `smartcity 0.1.0`.
    pub tool: String,
}

/// The framework as pages name it.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkView {
    /// Title in the reader's language.
    pub title: String,
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// The content hash.
    pub hash: String,
    /// Its first 12 characters, for display.
    pub hash_short: String,
    /// `0–4`.
    pub scale: String,
    /// What is illustrative, if the framework says.
    pub illustrative: Option<String>,
    /// The note on bands, if any.
    pub bands_note: Option<String>,
    /// Bands in ascending order, with their colours, for legends.
    pub bands: Vec<BandView>,
}

/// A band with its colours.
#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    /// Label.
    pub label: String,
    /// `2,00–3,00`.
    pub range: String,
    /// Background.
    pub bg: String,
    /// Text on it.
    pub fg: String,
}

impl Context<'_> {
    /// The page furniture, for a page `root` away from the report folder.
    pub fn page(&self, root: &'static str) -> Page {
        let fw = self.fw;
        let lang = self.lang;
        Page {
            lang: lang.code(),
            t: labels(lang),
            root,
            framework: FrameworkView {
                title: fw.title.get(lang).to_string(),
                id: fw.id.clone(),
                version: fw.version.clone(),
                hash: fw.content_hash.clone(),
                hash_short: fw.content_hash.chars().take(12).collect(),
                scale: self.page_scale(),
                illustrative: fw.illustrative.as_ref().map(|t| t.get(lang).to_string()),
                bands_note: fw.bands_note.as_ref().map(|t| t.get(lang).to_string()),
                bands: (0..fw.bands.len()).map(|b| self.band_view(b)).collect(),
            },
            generated: self.generated.display(lang),
            generated_iso: self.generated.iso8601(),
            tool: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
        }
    }

    fn band_view(&self, b: usize) -> BandView {
        let band = &self.fw.bands[b];
        let bg = band_colour(b, self.fw.bands.len());
        BandView {
            label: band.label.get(self.lang).to_string(),
            range: format!("{}–{}", self.num(band.from), self.num(band.to)),
            bg: bg.hex(),
            fg: text_on(bg).hex(),
        }
    }
}
