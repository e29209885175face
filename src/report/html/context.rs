//! The shared inputs of every page of one report, and what is counted once for all of them: the
//! peer-group medians and ranked-group sizes (from `compare`) and each region's entries.

use crate::compare::{Comparison, Entry, GroupSizes, Peers, ReviewSummary, ReviewedYears};
use crate::framework::Framework;
use crate::report::manifest::{ShownPaths, Timestamp};
use crate::text::Lang;
use std::collections::HashMap;

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
    /// Sizes of the ranked groups.
    pub groups: GroupSizes,
    /// Each region's entries.
    pub regions: RegionEntries,
    /// Whether the comparison is split into province pages (scorecards then link theirs).
    pub province_pages: bool,
    /// Which scorecards the report has: one per region (default) or per region-year.
    pub scorecards: ScorecardPages,
    /// Where the answers' detail is, when it is not in the comparison's submissions.
    pub details: Option<&'a crate::submission::DetailSpill>,
    /// Rank intervals to show in the rankings (`report --analyse`).
    pub rank_intervals: Option<&'a crate::report::RankIntervals>,
    /// How the files read are named (never by an absolute path).
    pub shown: ShownPaths,
    /// Each peer group's (year, kind) dimension scores, sorted, for percentiles.
    pub peer_scores: HashMap<(i32, crate::regions::RegionKind), Vec<Vec<f64>>>,
    /// The years in which evaluators reviewed some region-year (rankings mark the others).
    pub reviewed: ReviewedYears,
    /// The review of the newest year, when evaluators reviewed any of its region-years.
    pub review: Option<ReviewSummary>,
}

/// Which scorecards a report writes (see `pages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScorecardPages {
    /// One page per region: its newest year, and a history of all its years.
    #[default]
    Newest,
    /// One page per region and year.
    AllYears,
}

/// The dimension scores of each peer group (year, kind), each dimension's sorted.
fn peer_scores(cmp: &Comparison) -> HashMap<(i32, crate::regions::RegionKind), Vec<Vec<f64>>> {
    let mut out: HashMap<(i32, crate::regions::RegionKind), Vec<Vec<f64>>> = HashMap::new();
    for e in &cmp.entries {
        let dims = &e.scorecard.dimensions;
        let group = out
            .entry((e.submission.year, e.submission.region.kind))
            .or_insert_with(|| vec![Vec::new(); dims.len()]);
        for (d, v) in dims.iter().enumerate() {
            if let (Some(v), Some(list)) = (v, group.get_mut(d)) {
                list.push(*v);
            }
        }
    }
    for group in out.values_mut() {
        for list in group.iter_mut() {
            list.sort_by(f64::total_cmp);
        }
    }
    out
}

/// The percentile of `v` among `sorted` (mid-rank: those below and half of those equal), 0–100.
pub fn percentile(sorted: &[f64], v: f64) -> Option<f64> {
    if sorted.len() < 2 {
        return None;
    }
    let below = sorted.partition_point(|x| *x < v);
    let equal = sorted[below..].partition_point(|x| *x <= v);
    Some((below as f64 + equal as f64 / 2.0) / sorted.len() as f64 * 100.0)
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
            groups: GroupSizes::of(cmp),
            regions: RegionEntries::of(cmp),
            province_pages: false,
            scorecards: ScorecardPages::default(),
            details: None,
            rank_intervals: None,
            shown: ShownPaths::of(
                cmp.entries
                    .iter()
                    .map(|e| e.submission.source.file.as_path()),
            ),
            peer_scores: peer_scores(cmp),
            reviewed: ReviewedYears::of(cmp),
            review: cmp
                .years
                .first()
                .and_then(|&year| crate::compare::review_summary(fw, cmp, year)),
        }
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

/// Each region's entries (indices into the comparison), by region code, gathered once: a
/// scorecard that looked for its region's other years itself would make a national village
/// report quadratic.
#[derive(Debug, Default)]
pub struct RegionEntries {
    by_region: HashMap<String, Vec<usize>>,
}

impl RegionEntries {
    /// The regions of `cmp`.
    pub fn of(cmp: &Comparison) -> RegionEntries {
        let mut by_region: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in cmp.entries.iter().enumerate() {
            by_region
                .entry(e.submission.region.code.to_string())
                .or_default()
                .push(i);
        }
        RegionEntries { by_region }
    }

    /// The entries (indices into the comparison) of the region with this code.
    pub fn entries_of(&self, code: &str) -> &[usize] {
        self.by_region.get(code).map_or(&[], Vec::as_slice)
    }
}
