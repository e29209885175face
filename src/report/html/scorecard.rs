//! The view of one region's annual scorecard: headline figures, the radar of dimension scores
//! against the peer median and last year, bars per dimension and component, strengths and areas
//! to improve, coverage, and every answer with its notes.

use super::context::{Context, scorecard_file_name};
use super::labels::label;
use super::notes::{Segment, segments};
use super::page::Page;
use crate::answers::Answer;
use crate::compare::Entry;
use crate::framework::{AnswerKind, Framework};
use crate::report::charts::{self, Point, Radar, coord};
use crate::scoring::IndicatorStatus;
use crate::text::{Lang, Text};
use serde::Serialize;

/// How many indicators the strengths and areas-to-improve lists show at most.
const TOP_INDICATORS: usize = 5;
/// Radar labels longer than this go on two lines, and lines longer than this are shortened
/// (the full name stays in the tooltip).
const RADAR_LINE_CHARS: usize = 12;
/// Line height of radar labels, in SVG units.
const RADAR_LINE_HEIGHT: f64 = 16.0;

/// A scorecard page.
#[derive(Debug, Serialize)]
pub struct ScorecardView {
    /// Furniture.
    #[serde(flatten)]
    pub page: Page,
    /// Region name.
    pub name: String,
    /// Region code.
    pub code: String,
    /// Kind.
    pub kind: String,
    /// Province.
    pub province: String,
    /// Year.
    pub year: i32,
    /// The file the answers came from.
    pub source_file: String,
    /// Index as shown.
    pub index: String,
    /// Whether the index could not be computed.
    pub insufficient: bool,
    /// Band label (empty without an index).
    pub band: String,
    /// Band colours.
    pub band_bg: String,
    /// Band text colour.
    pub band_fg: String,
    /// Signed improvement, or empty.
    pub improvement: String,
    /// `up`, `down`, `same` or empty.
    pub trend: &'static str,
    /// The previous result, if any.
    pub previous: Option<Previous>,
    /// Rank lines (`3 of 10`, …).
    pub ranks: Vec<RankLine>,
    /// Coverage.
    pub coverage: CoverageView,
    /// The radar chart, when there are at least three axes.
    pub radar: Option<RadarView>,
    /// Dimension bars (sub-dimensions follow their parent).
    pub dimensions: Vec<BarRow>,
    /// Component bars.
    pub components: Vec<BarRow>,
    /// Highest-scoring indicators.
    pub strengths: Vec<IndicatorRow>,
    /// Lowest-scoring indicators.
    pub weaknesses: Vec<IndicatorRow>,
    /// Answers by dimension.
    pub answers: Vec<AnswerGroup>,
    /// Links to the region's other years.
    pub other_years: Vec<YearLink>,
    /// The province's page, when the report is split by province.
    pub province_href: Option<String>,
}

/// The previous result.
#[derive(Debug, Clone, Serialize)]
pub struct Previous {
    /// Year.
    pub year: i32,
    /// Index as shown.
    pub index: String,
}

/// A rank line.
#[derive(Debug, Clone, Serialize)]
pub struct RankLine {
    /// What the rank is among.
    pub label: String,
    /// The rank.
    pub rank: String,
    /// Out of how many.
    pub of: usize,
    /// `▲ 2` or empty.
    pub change: String,
}

/// Coverage of the questionnaire.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageView {
    /// `75 %`.
    pub share: String,
    /// Width of the coverage bar, 0–100.
    pub bar: String,
    /// Position of the minimum-coverage tick, 0–100.
    pub min_x: String,
    /// Minimum coverage as shown.
    pub min: String,
    /// Answered.
    pub answered: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Blank.
    pub missing: usize,
    /// All indicators.
    pub total: usize,
    /// Indicators not scored, with why.
    pub not_scored: Vec<NotScored>,
}

/// An indicator left out or scored at the bottom.
#[derive(Debug, Clone, Serialize)]
pub struct NotScored {
    /// Id.
    pub id: String,
    /// Name.
    pub label: String,
    /// Why.
    pub status: String,
}

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

/// A dimension or component bar. Positions are percentages of the bar track.
#[derive(Debug, Clone, Serialize)]
pub struct BarRow {
    /// Id.
    pub id: String,
    /// Name.
    pub label: String,
    /// 0 for top level.
    pub depth: usize,
    /// Score as shown.
    pub score: String,
    /// Bar length, 0–100.
    pub bar: String,
    /// Bar colour.
    pub bg: String,
    /// Peer median position, if known.
    pub median_x: Option<String>,
    /// Peer median as shown.
    pub median: String,
    /// Last year's position, if known.
    pub previous_x: Option<String>,
    /// Last year's score as shown.
    pub previous: String,
    /// Signed change, or empty.
    pub improvement: String,
    /// `up`, `down`, `same` or empty.
    pub trend: &'static str,
    /// For screen readers: the whole row in words.
    pub aria: String,
}

/// An indicator in the strengths or areas-to-improve list.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    /// Id.
    pub id: String,
    /// Name.
    pub label: String,
    /// Its dimension.
    pub dimension: String,
    /// The answer as understood.
    pub answer: String,
    /// Score as shown.
    pub score: String,
    /// Bar length, 0–100.
    pub bar: String,
}

/// Answers of one dimension.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerGroup {
    /// `Smart Governance › Layanan Publik`.
    pub title: String,
    /// Rows.
    pub rows: Vec<AnswerRow>,
}

/// One answer.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRow {
    /// Indicator id.
    pub id: String,
    /// Indicator name.
    pub label: String,
    /// The question.
    pub question: String,
    /// The answer as understood (`3 — Terdefinisi`, `75,5 %`, `N/A`), empty when blank.
    pub answer: String,
    /// What was typed, when it differs from the answer shown.
    pub typed: String,
    /// Score as shown.
    pub score: String,
    /// Status in words.
    pub status: String,
    /// `answered`, `na`, `missing`.
    pub status_class: &'static str,
    /// Notes, cut into text and links.
    pub notes: Vec<Segment>,
}

/// A link to another year's scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// Year.
    pub year: i32,
    /// File name in the same folder.
    pub href: String,
}

/// What a bar shows: an item with its score, peer median, last year's score and change.
struct BarInput<'a> {
    id: &'a str,
    name: &'a Text,
    depth: usize,
    score: Option<f64>,
    median: Option<f64>,
    previous: Option<f64>,
    improvement: Option<f64>,
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

fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The spokes with their labels.
fn radar_spokes(radar: &Radar, names: Vec<String>) -> Vec<RadarAxis> {
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

fn status_text(status: IndicatorStatus, lang: Lang) -> (&'static str, &'static str) {
    match status {
        IndicatorStatus::Answered => (label("answered", lang), "answered"),
        IndicatorStatus::NotApplicable => (label("not_applicable", lang), "na"),
        IndicatorStatus::MissingRequired => (label("missing_required", lang), "missing"),
        IndicatorStatus::MissingOptional => (label("missing_optional", lang), "missing"),
    }
}

impl Context<'_> {
    /// The scorecard of entry `i` of the comparison.
    pub fn scorecard_view(&self, i: usize) -> Option<ScorecardView> {
        let e = self.cmp.entries.get(i)?;
        let row = self.rank_row(e, "../");
        Some(ScorecardView {
            page: self.page("../"),
            name: row.name.clone(),
            code: row.code.clone(),
            kind: row.kind.clone(),
            province: row.province.clone(),
            year: e.submission.year,
            source_file: e.submission.file.display().to_string(),
            index: row.index.clone(),
            insufficient: e.scorecard.index.is_none(),
            band: row.band.clone(),
            band_bg: row.band_bg.clone(),
            band_fg: row.band_fg.clone(),
            improvement: row.improvement.clone(),
            trend: row.trend,
            previous: e.previous.as_ref().map(|p| Previous {
                year: p.year,
                index: self.opt_num(p.index),
            }),
            ranks: self.rank_lines(e, &row.rank_change),
            coverage: self.coverage_view(e),
            radar: self.radar(e),
            dimensions: self.dimension_bars(e),
            components: self.component_bars(e),
            strengths: self.ranked_indicators(e, true),
            weaknesses: self.ranked_indicators(e, false),
            answers: self.answer_groups(e),
            other_years: self.other_years(e),
            province_href: self
                .province_pages
                .then(|| super::provinces::province_link(e))
                .flatten(),
        })
    }

    /// Links to the region's scorecards of other years, newest first.
    fn other_years(&self, e: &Entry) -> Vec<YearLink> {
        let mut links: Vec<YearLink> = self
            .regions
            .entries_of(e.submission.region.code)
            .iter()
            .map(|&i| &self.cmp.entries[i])
            .filter(|o| o.submission.year != e.submission.year)
            .filter_map(|o| {
                scorecard_file_name(o).map(|href| YearLink {
                    year: o.submission.year,
                    href,
                })
            })
            .collect();
        links.sort_by_key(|l| std::cmp::Reverse(l.year));
        links
    }

    fn rank_lines(&self, e: &Entry, change: &str) -> Vec<RankLine> {
        let lang = self.lang;
        let kind = e.submission.region.kind;
        let mut lines = Vec::new();
        if let Some(r) = e.rank {
            lines.push(RankLine {
                label: label("rank_overall", lang).to_string(),
                rank: r.to_string(),
                of: self.groups.in_year(e),
                change: change.to_string(),
            });
        }
        if let Some(r) = e.rank_kind {
            lines.push(RankLine {
                label: format!("{} {}", label("rank_among", lang), self.kind_group(kind)),
                rank: r.to_string(),
                of: self.groups.in_kind(e),
                change: String::new(),
            });
        }
        if let Some(r) = e.rank_province {
            lines.push(RankLine {
                label: format!(
                    "{} {}",
                    label("rank_in_province", lang),
                    crate::regions::display_name(e.submission.region.province_name)
                ),
                rank: r.to_string(),
                of: self.groups.in_province(e),
                change: String::new(),
            });
        }
        lines
    }

    fn coverage_view(&self, e: &Entry) -> CoverageView {
        let c = e.scorecard.coverage;
        let lang = self.lang;
        let not_scored = self
            .fw
            .indicators
            .iter()
            .zip(&e.scorecard.indicators)
            .filter(|(_, s)| s.status != IndicatorStatus::Answered)
            .map(|(ind, s)| NotScored {
                id: ind.id.clone(),
                label: ind.label.get(lang).to_string(),
                status: status_text(s.status, lang).0.to_string(),
            })
            .collect();
        CoverageView {
            share: self.percent(c.share()),
            bar: coord(c.share() * 100.0),
            min_x: coord(self.fw.min_coverage.clamp(0.0, 1.0) * 100.0),
            min: self.percent(self.fw.min_coverage),
            answered: c.answered,
            not_applicable: c.not_applicable,
            missing: c.missing,
            total: c.total,
            not_scored,
        }
    }

    fn bar_row(&self, item: BarInput) -> BarRow {
        let BarInput {
            id,
            name,
            depth,
            score,
            median,
            previous,
            improvement,
        } = item;
        let lang = self.lang;
        let scale = self.fw.scale;
        let pos = |v: f64| coord(charts::bar_length(v, scale, 100.0));
        let label_text = name.get(lang).to_string();
        let mut aria = format!("{label_text}: {}", self.opt_num(score));
        if let Some(m) = median {
            aria.push_str(&format!("; {} {}", label("peer_median", lang), self.num(m)));
        }
        if let Some(p) = previous {
            aria.push_str(&format!("; {} {}", label("last_year", lang), self.num(p)));
        }
        BarRow {
            id: id.to_string(),
            label: label_text,
            depth,
            score: self.opt_num(score),
            bar: score.map(pos).unwrap_or_else(|| "0.0".to_string()),
            bg: score
                .map(|v| charts::heat_colour(0.25 + 0.75 * charts::fraction(v, scale)).hex())
                .unwrap_or_default(),
            median_x: median.map(pos),
            median: self.opt_num(median),
            previous_x: previous.map(pos),
            previous: self.opt_num(previous),
            improvement: improvement.map(|d| lang.signed(d, 2)).unwrap_or_default(),
            trend: match improvement {
                Some(d) if d > 0.005 => "up",
                Some(d) if d < -0.005 => "down",
                Some(_) => "same",
                None => "",
            },
            aria,
        }
    }

    /// Component bars, in framework order.
    fn component_bars(&self, e: &Entry) -> Vec<BarRow> {
        let fw = self.fw;
        (0..fw.components.len())
            .map(|c| {
                let comp = &fw.components[c];
                self.bar_row(BarInput {
                    id: &comp.id,
                    name: &comp.label,
                    depth: 0,
                    score: e.scorecard.components[c],
                    median: self.peers.of_entry(e).and_then(|p| p.components[c]),
                    previous: e
                        .previous
                        .as_ref()
                        .and_then(|p| p.components.get(&comp.id).copied()),
                    improvement: e.component_improvement(fw, c),
                })
            })
            .collect()
    }

    /// Dimension bars in tree order: each top-level dimension followed by its sub-dimensions.
    fn dimension_bars(&self, e: &Entry) -> Vec<BarRow> {
        let fw = self.fw;
        let mut order = Vec::new();
        fn visit(fw: &Framework, d: usize, order: &mut Vec<usize>) {
            order.push(d);
            for c in &fw.dimensions[d].children {
                if let crate::framework::Child::Dimension(s) = c {
                    visit(fw, *s, order);
                }
            }
        }
        for (d, _) in fw.top_dimensions() {
            visit(fw, d, &mut order);
        }
        order
            .into_iter()
            .map(|d| {
                let dim = &fw.dimensions[d];
                self.bar_row(BarInput {
                    id: &dim.id,
                    name: &dim.label,
                    depth: dim.depth,
                    score: e.scorecard.dimensions[d],
                    median: self.peers.of_entry(e).and_then(|p| p.dimensions[d]),
                    previous: e
                        .previous
                        .as_ref()
                        .and_then(|p| p.dimensions.get(&dim.id).copied()),
                    improvement: e.dimension_improvement(fw, d),
                })
            })
            .collect()
    }

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
        let prev = e.previous.as_ref();
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
                Axis::Dimension(d) => {
                    prev.and_then(|p| p.dimensions.get(&fw.dimensions[*d].id).copied())
                }
                Axis::Component(c) => {
                    prev.and_then(|p| p.components.get(&fw.components[*c].id).copied())
                }
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
    fn radar(&self, e: &Entry) -> Option<RadarView> {
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
        let previous_name = match e.previous.as_ref() {
            Some(p) => format!("{} ({})", label("last_year", lang), p.year),
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

    /// The answer as understood, in the reader's language.
    fn answer_text(&self, ind: usize, answer: &Answer) -> String {
        let lang = self.lang;
        match (answer, &self.fw.answer_set_of(ind).kind) {
            (Answer::NotApplicable, _) => "N/A".to_string(),
            (Answer::Choice(o), AnswerKind::Options { options }) => options
                .get(*o)
                .map(|opt| {
                    let name = opt.label.get(lang);
                    // "ya — Ya" says nothing twice.
                    if crate::answers::normalize(&opt.code) == crate::answers::normalize(name) {
                        name.to_string()
                    } else {
                        format!("{} — {name}", opt.code)
                    }
                })
                .unwrap_or_default(),
            (Answer::Number(n), AnswerKind::Number { unit, .. }) => {
                let shown = trim_number(lang, *n);
                match unit {
                    Some(u) => format!("{shown} {u}"),
                    None => shown,
                }
            }
            (Answer::Number(n), _) => trim_number(lang, *n),
            _ => String::new(),
        }
    }

    /// Whether what was typed for an option differs from the option's code and names, so the
    /// reader should see it (`  defined ` for option 3). Numbers are shown as understood only.
    fn typed_differs(&self, ind: usize, given: &crate::answers::GivenAnswer) -> bool {
        let typed = crate::answers::normalize(given.raw());
        match (&given.answer, &self.fw.answer_set_of(ind).kind) {
            (Answer::Choice(o), AnswerKind::Options { options }) => {
                options.get(*o).is_some_and(|opt| {
                    ![
                        crate::answers::normalize(&opt.code),
                        crate::answers::normalize(&opt.label.id),
                        crate::answers::normalize(&opt.label.en),
                    ]
                    .contains(&typed)
                })
            }
            _ => false,
        }
    }

    fn ranked_indicators(&self, e: &Entry, best: bool) -> Vec<IndicatorRow> {
        let fw = self.fw;
        let lang = self.lang;
        let mut scored: Vec<(usize, f64)> = e
            .scorecard
            .indicators
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.score.map(|v| (i, charts::fraction(v, fw.scale))))
            .collect();
        // Stable sorts keep framework order among equal scores.
        if best {
            scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        } else {
            scored.sort_by(|a, b| a.1.total_cmp(&b.1));
        }
        // Never list the same indicator as both a strength and an area to improve.
        let n = TOP_INDICATORS.min(scored.len() / 2);
        scored
            .into_iter()
            .take(n)
            .map(|(i, f)| {
                let ind = &fw.indicators[i];
                let score = e.scorecard.indicators[i].score;
                IndicatorRow {
                    id: ind.id.clone(),
                    label: ind.label.get(lang).to_string(),
                    dimension: fw.dimensions[ind.parent].label.get(lang).to_string(),
                    answer: e.submission.answers[i]
                        .as_ref()
                        .map(|g| self.answer_text(i, &g.answer))
                        .unwrap_or_else(|| label("missing", lang).to_string()),
                    score: self.opt_num(score),
                    bar: coord(f * 100.0),
                }
            })
            .collect()
    }

    fn dimension_path(&self, d: usize) -> String {
        let fw = self.fw;
        let mut names = vec![fw.dimensions[d].label.get(self.lang).to_string()];
        let mut cur = fw.dimensions[d].parent;
        while let Some(p) = cur {
            names.push(fw.dimensions[p].label.get(self.lang).to_string());
            cur = fw.dimensions[p].parent;
        }
        names.reverse();
        names.join(" › ")
    }

    fn answer_groups(&self, e: &Entry) -> Vec<AnswerGroup> {
        let fw = self.fw;
        let lang = self.lang;
        let mut groups: Vec<(usize, AnswerGroup)> = Vec::new();
        for (i, ind) in fw.indicators.iter().enumerate() {
            let given = e.submission.answers[i].as_ref();
            let status = e.scorecard.indicators[i].status;
            let (status_label, status_class) = status_text(status, lang);
            let answer = given
                .map(|g| self.answer_text(i, &g.answer))
                .unwrap_or_default();
            let typed = given
                .filter(|g| self.typed_differs(i, g))
                .map(|g| g.raw().trim().to_string())
                .unwrap_or_default();
            let row = AnswerRow {
                id: ind.id.clone(),
                label: ind.label.get(lang).to_string(),
                question: ind.question.get(lang).to_string(),
                answer,
                typed,
                score: self.opt_num(e.scorecard.indicators[i].score),
                status: status_label.to_string(),
                status_class,
                notes: given
                    .and_then(|g| g.notes())
                    .map(segments)
                    .unwrap_or_default(),
            };
            match groups.iter_mut().find(|(d, _)| *d == ind.parent) {
                Some((_, g)) => g.rows.push(row),
                None => groups.push((
                    ind.parent,
                    AnswerGroup {
                        title: self.dimension_path(ind.parent),
                        rows: vec![row],
                    },
                )),
            }
        }
        groups.into_iter().map(|(_, g)| g).collect()
    }
}

/// A typed number as shown: its own decimals (up to 2), decimal comma in Indonesian.
fn trim_number(lang: Lang, n: f64) -> String {
    let s = lang.number(n, 2);
    let sep = if lang == Lang::Id { ',' } else { '.' };
    if s.contains(sep) {
        s.trim_end_matches('0').trim_end_matches(sep).to_string()
    } else {
        s
    }
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

    #[test]
    fn typed_numbers_keep_their_decimals() {
        assert_eq!(trim_number(Lang::Id, 75.5), "75,5");
        assert_eq!(trim_number(Lang::En, 40.0), "40");
        assert_eq!(trim_number(Lang::En, 62.25), "62.25");
    }
}
