//! A row of a ranking table, as every ranking of the comparison and province pages shows it.

use super::context::Context;
use super::labels::label;
use crate::compare::Entry;
use serde::Serialize;

/// A row of a ranking table. Every `*_sort` is a plain number (or empty) for the sorting script.
#[derive(Debug, Clone, Serialize)]
pub struct RankRow {
    /// `1`, or a dash without an index.
    pub rank: String,
    /// Sort key.
    pub rank_sort: String,
    /// Region code.
    pub code: String,
    /// Region name.
    pub name: String,
    /// Sort key: the name without its kind (`Bandung` for `Kota Bandung`), then the kind, so
    /// sorting by name does not put every kabupaten before every kota.
    pub name_sort: String,
    /// What the filter box matches: name, code, kind, province and band, in lower case.
    pub search: String,
    /// Link to the scorecard, relative to the index page.
    pub href: Option<String>,
    /// Kind.
    pub kind: String,
    /// Province name.
    pub province: String,
    /// Index as shown.
    pub index: String,
    /// Sort key.
    pub index_sort: String,
    /// Band label.
    pub band: String,
    /// Band colours.
    pub band_bg: String,
    /// Band text colour.
    pub band_fg: String,
    /// Sort key: band position.
    pub band_sort: String,
    /// Signed improvement, or empty.
    pub improvement: String,
    /// Sort key.
    pub improvement_sort: String,
    /// `up`, `down`, `same` or empty, for colour and arrows.
    pub trend: &'static str,
    /// `▲ 2`, `▼ 1`, `=` or empty.
    pub rank_change: String,
    /// `up`, `down`, `same` or empty, for the rank change.
    pub rank_trend: &'static str,
    /// `naik 2 peringkat`, for screen readers.
    pub rank_change_label: String,
    /// Sort key.
    pub rank_change_sort: String,
    /// Coverage as shown.
    pub coverage: String,
    /// Rank within the kind.
    pub rank_kind: String,
    /// Rank within the province.
    pub rank_province: String,
    /// Year.
    pub year: i32,
    /// The 5–95 % rank interval (`report --analyse`), or empty.
    pub interval: String,
    /// The analysis page the interval links to, or empty.
    pub interval_href: String,
    /// Component scores beside the index (the index is built from them), in framework order.
    pub components: Vec<ScoreCell>,
    /// The top-level dimension that moved the index most since the previous year, with its
    /// contribution (`Smart Governance +0,31`), or empty.
    pub moved_most: String,
    /// Sort key: that dimension's contribution.
    pub moved_most_sort: String,
    /// Whether the rank is marked "not reviewed": it has one, nobody reviewed this region-year,
    /// and evaluators reviewed others of its year.
    pub not_reviewed: bool,
}

/// A score in a table, with its sort key.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreCell {
    /// As shown.
    pub text: String,
    /// Sort key.
    pub sort: String,
}

/// The name without the kind in front (`Bandung`), then the kind, for sorting by name.
pub(super) fn name_sort(name: &str) -> String {
    for kind in ["Kabupaten ", "Kota ", "Kab. ", "Desa ", "Kelurahan "] {
        if let Some(rest) = name.strip_prefix(kind)
            && !rest.is_empty()
        {
            return format!("{rest}, {}", kind.trim_end());
        }
    }
    name.to_string()
}

fn opt_sort(v: Option<f64>) -> String {
    // Full precision: the script compares numbers, never the rounded text.
    v.map(|v| format!("{v}")).unwrap_or_default()
}

fn trend(delta: Option<f64>) -> &'static str {
    match delta {
        Some(d) if d > 0.005 => "up",
        Some(d) if d < -0.005 => "down",
        Some(_) => "same",
        None => "",
    }
}

impl Context<'_> {
    /// The ranking row of an entry; `link_prefix` leads from the page to the report folder.
    pub fn rank_row(&self, e: &Entry, link_prefix: &str) -> RankRow {
        let lang = self.lang;
        let prev = self.cmp.previous(e);
        let improvement = e.improvement_since(prev);
        let (band_bg, band_fg) = self.band_colours(e.scorecard.band);
        let rank_change = e.rank_change_since(prev);
        let name = e.submission.region.display_name();
        let province = crate::regions::display_name(e.submission.region.province_name);
        let kind = self.kind(e.submission.region.kind);
        let band = crate::report::band_label(self.fw, e, lang);
        let change = crate::compare::explain::change(self.fw, e, prev);
        let moved = change
            .as_ref()
            .and_then(|c| c.top_dimension(self.fw).map(|d| (d, c.by_dimension[d])));
        RankRow {
            rank: e.rank.map_or_else(|| "–".to_string(), |r| r.to_string()),
            rank_sort: e.rank.map(|r| r.to_string()).unwrap_or_default(),
            code: e.submission.region.code.to_string(),
            name_sort: name_sort(&name),
            search: format!(
                "{name} {} {kind} {province} {band}",
                e.submission.region.code
            )
            .to_lowercase(),
            name,
            href: self
                .scorecard_href(e)
                .map(|f| format!("{link_prefix}scorecards/{f}")),
            kind,
            province,
            index: self.index_text(e),
            index_sort: opt_sort(e.scorecard.index),
            band,
            band_bg,
            band_fg,
            band_sort: e.scorecard.band.map(|b| b.to_string()).unwrap_or_default(),
            improvement: improvement.map(|d| self.signed(d)).unwrap_or_default(),
            improvement_sort: opt_sort(improvement),
            trend: trend(improvement),
            rank_change: match rank_change {
                Some(0) => "=".to_string(),
                Some(c) if c > 0 => format!("▲ {c}"),
                Some(c) => format!("▼ {}", -c),
                None => String::new(),
            },
            rank_trend: match rank_change {
                Some(c) if c > 0 => "up",
                Some(c) if c < 0 => "down",
                Some(_) => "same",
                None => "",
            },
            rank_change_label: match rank_change {
                Some(0) => label("unchanged", lang).to_string(),
                Some(c) if c > 0 => format!("{} {c}", label("up", lang)),
                Some(c) => format!("{} {}", label("down", lang), -c),
                None => String::new(),
            },
            rank_change_sort: rank_change.map(|c| c.to_string()).unwrap_or_default(),
            coverage: self.percent(e.scorecard.coverage.share()),
            rank_kind: e.rank_kind.map(|r| r.to_string()).unwrap_or_default(),
            rank_province: e.rank_province.map(|r| r.to_string()).unwrap_or_default(),
            year: e.submission.year,
            interval: self
                .rank_intervals
                .map(|ri| ri.shown(e.submission.region.code, e.submission.year))
                .unwrap_or_default(),
            interval_href: self
                .rank_intervals
                .and_then(|ri| ri.page.as_ref())
                .map(|p| format!("{link_prefix}{p}"))
                .unwrap_or_default(),
            components: e
                .scorecard
                .components
                .iter()
                .map(|c| ScoreCell {
                    text: self.opt_num(*c),
                    sort: opt_sort(*c),
                })
                .collect(),
            moved_most: moved
                .map(|(d, v)| {
                    format!(
                        "{} {}",
                        self.fw.dimensions[d].label.get(lang),
                        self.signed(v)
                    )
                })
                .unwrap_or_default(),
            moved_most_sort: opt_sort(moved.map(|(_, v)| v)),
            // Only a rank is marked: a region-year without an index has none to qualify.
            not_reviewed: e.rank.is_some() && self.reviewed.marks(e),
        }
    }
}

/// A year's ranking.
#[derive(Debug, Clone, Serialize)]
pub struct YearRanking {
    /// The year.
    pub year: i32,
    /// Rows.
    pub rows: Vec<RankRow>,
    /// Whether any row has a change since an earlier year (the change columns show only then).
    pub has_change: bool,
    /// What the ranking says about verification (the mark's legend), or empty.
    pub rank_note: String,
}

/// Whether any of `rows` carries the "not reviewed" mark.
pub(super) fn has_mark(rows: &[RankRow]) -> bool {
    rows.iter().any(|r| r.not_reviewed)
}

/// Whether any of `rows` has a change since an earlier year.
pub(super) fn has_change(rows: &[RankRow]) -> bool {
    rows.iter().any(|r| !r.improvement.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_without_their_kind() {
        assert_eq!(name_sort("Kota Bandung"), "Bandung, Kota");
        assert_eq!(name_sort("Kabupaten Bandung"), "Bandung, Kabupaten");
        assert!(name_sort("Kabupaten Aceh Besar") < name_sort("Kota Bandung"));
        assert!(name_sort("Kota Ambon") < name_sort("Kabupaten Badung"));
        assert_eq!(name_sort("DKI Jakarta"), "DKI Jakarta");
    }

    #[test]
    fn trends_ignore_rounding_noise() {
        assert_eq!(trend(Some(0.3)), "up");
        assert_eq!(trend(Some(-0.3)), "down");
        assert_eq!(trend(Some(0.001)), "same");
        assert_eq!(trend(None), "");
    }
}
