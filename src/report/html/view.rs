//! What the templates see: plain, already formatted values (numbers in the reader's convention,
//! colours, chart geometry) built from a comparison. Templates only lay them out, so a branded
//! template cannot get a number or a colour wrong.

use super::labels::{label, labels};
use crate::compare::{Comparison, Entry};
use crate::framework::Framework;
use crate::regions::RegionKind;
use crate::report::charts::{self, Rgb, band_colour, heat_colour, text_on};
use crate::report::manifest::Timestamp;
use crate::scoring::IndexStatus;
use crate::text::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How many regions the leader and most-improved lists show.
pub(super) const LEADERS: usize = 5;

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

/// Shared inputs of every page of one report.
pub struct Context<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The results.
    pub cmp: &'a Comparison,
    /// The reader's language.
    pub lang: Lang,
    /// When the report was made.
    pub generated: Timestamp,
    /// Peer-group medians.
    pub peers: Peers,
    /// Group sizes and each region's entries.
    pub groups: Groups,
    /// Whether the comparison is split into province pages (scorecards then link theirs).
    pub province_pages: bool,
}

impl<'a> Context<'a> {
    /// The context of a report on `cmp`.
    pub fn new(
        fw: &'a Framework,
        cmp: &'a Comparison,
        lang: Lang,
        generated: Timestamp,
    ) -> Context<'a> {
        Context {
            fw,
            cmp,
            lang,
            generated,
            peers: Peers::of(fw, cmp),
            groups: Groups::of(cmp),
            province_pages: false,
        }
    }

    /// A number for display, 2 decimals.
    pub fn num(&self, v: f64) -> String {
        self.lang.number(v, 2)
    }

    /// An optional number, or a dash.
    pub fn opt_num(&self, v: Option<f64>) -> String {
        v.map_or_else(|| "–".to_string(), |v| self.num(v))
    }

    /// A share as a percentage without decimals: `75 %`.
    pub fn percent(&self, share: f64) -> String {
        format!("{} %", self.lang.number(share * 100.0, 0))
    }

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

/// The file name of an entry's scorecard, `32.73-2022.html`, built only from a validated region
/// code (digits and dots) and year; `None` if either looks wrong, so no input can steer a path.
pub fn scorecard_file_name(e: &Entry) -> Option<String> {
    let code = &e.submission.region.code;
    let code_ok = !code.is_empty()
        && code.len() <= 20
        && code.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !code.starts_with('.');
    let year = e.submission.year;
    (code_ok && (1000..=9999).contains(&year)).then(|| format!("{code}-{year}.html"))
}

/// Peer-group medians per year and kind: the dimensions, components and index of the regions of
/// the same kind assessed the same year.
#[derive(Debug, Default)]
pub struct Peers {
    groups: HashMap<(i32, RegionKind), PeerMedians>,
}

/// Medians of one peer group.
#[derive(Debug, Default, Clone)]
pub struct PeerMedians {
    /// By dimension index.
    pub dimensions: Vec<Option<f64>>,
    /// By component index.
    pub components: Vec<Option<f64>>,
    /// Of the index.
    pub index: Option<f64>,
    /// Regions in the group.
    pub count: usize,
}

impl Peers {
    /// The medians of every (year, kind) group in `cmp`.
    pub fn of(fw: &Framework, cmp: &Comparison) -> Peers {
        let mut members: HashMap<(i32, RegionKind), Vec<&Entry>> = HashMap::new();
        for e in &cmp.entries {
            members
                .entry((e.submission.year, e.submission.region.kind))
                .or_default()
                .push(e);
        }
        let groups = members
            .into_iter()
            .map(|(key, list)| {
                let m = PeerMedians {
                    dimensions: (0..fw.dimensions.len())
                        .map(|d| {
                            charts::median(list.iter().filter_map(|e| e.scorecard.dimensions[d]))
                        })
                        .collect(),
                    components: (0..fw.components.len())
                        .map(|c| {
                            charts::median(list.iter().filter_map(|e| e.scorecard.components[c]))
                        })
                        .collect(),
                    index: charts::median(list.iter().filter_map(|e| e.scorecard.index)),
                    count: list.len(),
                };
                (key, m)
            })
            .collect();
        Peers { groups }
    }

    /// The medians of `e`'s peer group.
    pub fn of_entry(&self, e: &Entry) -> Option<&PeerMedians> {
        self.groups
            .get(&(e.submission.year, e.submission.region.kind))
    }
}

/// The sizes of the ranked groups (regions with an index, per year; per year and kind; per year
/// and province) and each region's entries, counted once: a scorecard that counted them itself
/// would make a national village report quadratic.
#[derive(Debug, Default)]
pub struct Groups {
    year: HashMap<i32, usize>,
    kind: HashMap<(i32, RegionKind), usize>,
    province: HashMap<(i32, String), usize>,
    by_region: HashMap<String, Vec<usize>>,
}

impl Groups {
    /// The groups of `cmp`.
    pub fn of(cmp: &Comparison) -> Groups {
        let mut g = Groups::default();
        for (i, e) in cmp.entries.iter().enumerate() {
            let region = &e.submission.region;
            g.by_region
                .entry(region.code.to_string())
                .or_default()
                .push(i);
            if e.scorecard.index.is_none() {
                continue;
            }
            let year = e.submission.year;
            *g.year.entry(year).or_default() += 1;
            *g.kind.entry((year, region.kind)).or_default() += 1;
            *g.province
                .entry((year, region.province_code.to_string()))
                .or_default() += 1;
        }
        g
    }

    /// Regions ranked in `e`'s year.
    pub fn in_year(&self, e: &Entry) -> usize {
        self.year.get(&e.submission.year).copied().unwrap_or(0)
    }

    /// Regions of `e`'s kind ranked in its year.
    pub fn in_kind(&self, e: &Entry) -> usize {
        let key = (e.submission.year, e.submission.region.kind);
        self.kind.get(&key).copied().unwrap_or(0)
    }

    /// Regions of `e`'s province ranked in its year.
    pub fn in_province(&self, e: &Entry) -> usize {
        let key = (
            e.submission.year,
            e.submission.region.province_code.to_string(),
        );
        self.province.get(&key).copied().unwrap_or(0)
    }

    /// The entries (indices into the comparison) of the region with this code.
    pub fn entries_of(&self, code: &str) -> &[usize] {
        self.by_region.get(code).map_or(&[], Vec::as_slice)
    }
}

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
        let improvement = e.improvement();
        let (band_bg, band_fg) = self.band_colours(e.scorecard.band);
        let rank_change = e.rank_change();
        RankRow {
            rank: e.rank.map_or_else(|| "–".to_string(), |r| r.to_string()),
            rank_sort: e.rank.map(|r| r.to_string()).unwrap_or_default(),
            code: e.submission.region.code.to_string(),
            name: e.submission.region.display_name(),
            href: scorecard_file_name(e).map(|f| format!("{link_prefix}scorecards/{f}")),
            kind: self.kind(e.submission.region.kind),
            province: crate::regions::display_name(e.submission.region.province_name),
            index: self.index_text(e),
            index_sort: opt_sort(e.scorecard.index),
            band: crate::report::band_label(self.fw, e, lang),
            band_bg,
            band_fg,
            band_sort: e.scorecard.band.map(|b| b.to_string()).unwrap_or_default(),
            improvement: improvement.map(|d| lang.signed(d, 2)).unwrap_or_default(),
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
        }
    }
}

/// The index page.
#[derive(Debug, Serialize)]
pub struct IndexView {
    /// Furniture.
    #[serde(flatten)]
    pub page: Page,
    /// The year analysed in full (the newest), if any region was scored.
    pub year: Option<i32>,
    /// Every year present, newest first.
    pub years: Vec<i32>,
    /// Headline figures.
    pub summary: Vec<SummaryCard>,
    /// The newest year's ranking.
    pub ranking: Vec<RankRow>,
    /// Regions × dimensions.
    pub heatmap: Heatmap,
    /// Regions per band.
    pub distribution: Distribution,
    /// Highest indices.
    pub leaders: Vec<RankRow>,
    /// Largest improvements.
    pub improved: Vec<RankRow>,
    /// Rankings within kinds.
    pub kind_groups: Vec<PeerGroup>,
    /// Rankings within provinces.
    pub province_groups: Vec<PeerGroup>,
    /// Rankings of earlier years.
    pub earlier: Vec<YearRanking>,
    /// Links to every scorecard, by year.
    pub scorecards: Vec<YearLinks>,
}

/// A headline figure.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryCard {
    /// What it is.
    pub label: String,
    /// The figure.
    pub value: String,
    /// A line under it.
    pub detail: String,
}

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
    /// One cell per column.
    pub cells: Vec<HeatCell>,
    /// The index cell.
    pub index: HeatCell,
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
}

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

/// A peer group's ranking.
#[derive(Debug, Clone, Serialize)]
pub struct PeerGroup {
    /// Group name.
    pub title: String,
    /// Its median index.
    pub median: String,
    /// Members in rank order within the group.
    pub rows: Vec<RankRow>,
}

/// A year's ranking.
#[derive(Debug, Clone, Serialize)]
pub struct YearRanking {
    /// The year.
    pub year: i32,
    /// Rows.
    pub rows: Vec<RankRow>,
}

/// Links to a year's scorecards.
#[derive(Debug, Clone, Serialize)]
pub struct YearLinks {
    /// The year.
    pub year: i32,
    /// Links, by region name.
    pub links: Vec<Link>,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text.
    pub text: String,
    /// Target.
    pub href: String,
}

/// Layout of the distribution chart.
const DIST_WIDTH: f64 = 640.0;
const DIST_LABEL: f64 = 150.0;
const DIST_BAR: f64 = 400.0;
const DIST_ROW: f64 = 34.0;

impl Context<'_> {
    /// The index page's view.
    pub fn index_view(&self) -> IndexView {
        let year = self.cmp.years.first().copied();
        let latest: Vec<&Entry> = self
            .cmp
            .entries
            .iter()
            .filter(|e| Some(e.submission.year) == year)
            .collect();
        let ranking: Vec<RankRow> = latest.iter().map(|e| self.rank_row(e, "")).collect();
        IndexView {
            page: self.page(""),
            year,
            years: self.cmp.years.clone(),
            summary: self.summary(&latest),
            leaders: ranking
                .iter()
                .filter(|r| !r.rank_sort.is_empty())
                .take(LEADERS)
                .cloned()
                .collect(),
            improved: self.most_improved(&latest),
            heatmap: self.heatmap(&latest),
            distribution: self.distribution(&latest),
            kind_groups: self.kind_groups(&latest),
            province_groups: self.province_groups(&latest),
            earlier: self
                .cmp
                .years
                .iter()
                .skip(1)
                .map(|y| YearRanking {
                    year: *y,
                    rows: self
                        .cmp
                        .entries
                        .iter()
                        .filter(|e| e.submission.year == *y)
                        .map(|e| self.rank_row(e, ""))
                        .collect(),
                })
                .collect(),
            scorecards: self.scorecard_links(),
            ranking,
        }
    }

    pub(super) fn summary(&self, latest: &[&Entry]) -> Vec<SummaryCard> {
        let lang = self.lang;
        let mut cards = vec![SummaryCard {
            label: label("regions_assessed", lang).to_string(),
            value: latest.len().to_string(),
            detail: self
                .cmp
                .years
                .first()
                .map(|y| y.to_string())
                .unwrap_or_default(),
        }];
        let indices: Vec<f64> = latest.iter().filter_map(|e| e.scorecard.index).collect();
        if let Some(m) = charts::median(indices) {
            cards.push(SummaryCard {
                label: label("median_index", lang).to_string(),
                value: self.num(m),
                detail: format!("{} {}", label("scale", lang), self.page_scale()),
            });
        }
        if let Some(top) = latest.iter().find(|e| e.rank == Some(1)) {
            cards.push(SummaryCard {
                label: label("top_region", lang).to_string(),
                value: top.submission.region.display_name(),
                detail: format!(
                    "{} {} · {}",
                    label("index", lang),
                    self.index_text(top),
                    crate::report::band_label(self.fw, top, lang)
                ),
            });
        }
        if let Some((e, d)) = self.improvements(latest).first() {
            cards.push(SummaryCard {
                label: label("top_improver", lang).to_string(),
                value: e.submission.region.display_name(),
                detail: format!(
                    "{} {} {}",
                    lang.signed(*d, 2),
                    label("compared_with", lang),
                    e.previous.as_ref().map(|p| p.year).unwrap_or_default()
                ),
            });
        }
        cards
    }

    /// The scale as shown: `0–4`.
    fn page_scale(&self) -> String {
        format!(
            "{}–{}",
            self.lang.number(self.fw.scale.min, 0),
            self.lang.number(self.fw.scale.max, 0)
        )
    }

    /// Entries with an improvement, largest first (ties by rank, then code).
    fn improvements<'e>(&self, latest: &[&'e Entry]) -> Vec<(&'e Entry, f64)> {
        let mut list: Vec<(&Entry, f64)> = latest
            .iter()
            .filter_map(|e| e.improvement().map(|d| (*e, d)))
            .collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1));
        list
    }

    pub(super) fn most_improved(&self, latest: &[&Entry]) -> Vec<RankRow> {
        self.improvements(latest)
            .into_iter()
            .take(LEADERS)
            .map(|(e, _)| self.rank_row(e, ""))
            .collect()
    }

    fn heatmap(&self, latest: &[&Entry]) -> Heatmap {
        let fw = self.fw;
        let lang = self.lang;
        let dims: Vec<usize> = fw.top_dimensions().map(|(d, _)| d).collect();
        let rows = latest
            .iter()
            .map(|e| {
                let name = e.submission.region.display_name();
                HeatRow {
                    href: scorecard_file_name(e).map(|f| format!("scorecards/{f}")),
                    rank: e.rank.map_or_else(|| "–".to_string(), |r| r.to_string()),
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

    fn group_rows(
        &self,
        members: Vec<&Entry>,
        rank: impl Fn(&Entry) -> Option<u32>,
    ) -> Vec<RankRow> {
        let mut members = members;
        members.sort_by_key(|e| {
            (
                rank(e).unwrap_or(u32::MAX),
                e.submission.region.code.to_string(),
            )
        });
        members
            .into_iter()
            .map(|e| {
                let mut row = self.rank_row(e, "");
                row.rank = rank(e).map_or_else(|| "–".to_string(), |r| r.to_string());
                row.rank_sort = rank(e).map(|r| r.to_string()).unwrap_or_default();
                row
            })
            .collect()
    }

    pub(super) fn median_text(&self, members: &[&Entry]) -> String {
        self.opt_num(charts::median(
            members.iter().filter_map(|e| e.scorecard.index),
        ))
    }

    fn kind_groups(&self, latest: &[&Entry]) -> Vec<PeerGroup> {
        let lang = self.lang;
        [
            (RegionKind::Kota, "kota_plural"),
            (RegionKind::Kabupaten, "kabupaten_plural"),
            (RegionKind::Province, "province_plural"),
            (RegionKind::Village, "village_plural"),
        ]
        .into_iter()
        .filter_map(|(kind, key)| {
            let members: Vec<&Entry> = latest
                .iter()
                .copied()
                .filter(|e| e.submission.region.kind == kind)
                .collect();
            (!members.is_empty()).then(|| PeerGroup {
                title: label(key, lang).to_string(),
                median: self.median_text(&members),
                rows: self.group_rows(members, |e| e.rank_kind),
            })
        })
        .collect()
    }

    fn province_groups(&self, latest: &[&Entry]) -> Vec<PeerGroup> {
        let mut by_province: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
        for e in latest {
            by_province
                .entry(crate::regions::display_name(
                    e.submission.region.province_name,
                ))
                .or_default()
                .push(e);
        }
        by_province
            .into_iter()
            .map(|(name, members)| PeerGroup {
                title: name,
                median: self.median_text(&members),
                rows: self.group_rows(members, |e| e.rank_province),
            })
            .collect()
    }

    fn scorecard_links(&self) -> Vec<YearLinks> {
        self.cmp
            .years
            .iter()
            .map(|y| {
                let mut links: Vec<Link> = self
                    .cmp
                    .entries
                    .iter()
                    .filter(|e| e.submission.year == *y)
                    .filter_map(|e| {
                        scorecard_file_name(e).map(|f| Link {
                            text: e.submission.region.display_name(),
                            href: format!("scorecards/{f}"),
                        })
                    })
                    .collect();
                links.sort_by(|a, b| a.text.cmp(&b.text));
                YearLinks { year: *y, links }
            })
            .collect()
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
                }
            }
            None => HeatCell {
                text: "–".to_string(),
                bg: "#f3f4f6".to_string(),
                fg: "#000000".to_string(),
                title: format!("{name} — {what}: –"),
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
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trends_ignore_rounding_noise() {
        assert_eq!(trend(Some(0.3)), "up");
        assert_eq!(trend(Some(-0.3)), "down");
        assert_eq!(trend(Some(0.001)), "same");
        assert_eq!(trend(None), "");
    }
}
