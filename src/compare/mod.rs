//! Comparison across regions and years: ranks per year (overall and within peer groups),
//! the previous year of each region (from the inputs or a baseline file), improvement and rank
//! change. Pure functions of the scorecards.

mod baseline;
pub mod explain;
mod peers;
mod ranking;
mod verification;

pub use baseline::Snapshot;
pub(crate) use baseline::read_baseline;
pub use peers::{GroupSizes, PeerMedians, Peers, median};
pub(crate) use ranking::rank;
pub use ranking::{Earlier, Part, Ranked, Ranking};
pub use verification::{ReviewRow, ReviewSummary, ReviewedYears, dimension_gaps, review_summary};

use crate::diagnostics::{Code, Place, Problem};
use crate::framework::Framework;
use crate::scoring::Scorecard;
use crate::submission::Submission;
use crate::text::Text;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// A region's result for one year, placed among the others.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The answers.
    pub submission: Submission,
    /// The scores.
    pub scorecard: Scorecard,
    /// Rank among all regions of the same year (ties share a rank).
    pub rank: Option<u32>,
    /// Rank among regions of the same kind (kota, kabupaten, province, village) and year.
    pub rank_kind: Option<u32>,
    /// Rank among regions of the same province and year.
    pub rank_province: Option<u32>,
    /// The region's most recent earlier result with a computed index when it is a baseline
    /// record (an earlier results file). Read it through [`Comparison::previous`], which also
    /// finds an earlier year of the inputs ([`Self::previous_at`]); at most one of the two is set.
    pub previous: Option<Box<Snapshot>>,
    /// The region's most recent earlier result when it is a year of the inputs: that entry's
    /// index in [`Comparison::entries`] (a national panel links hundreds of thousands of
    /// region-years; a copy of each previous year would double what they hold).
    pub previous_at: Option<u32>,
    /// The way to the next band (see [`crate::scoring::next_band`]); `None` at the top band or
    /// when the index is not computed.
    pub next_band: Option<Box<crate::scoring::next_band::NextBandPlan>>,
}

/// A region-year's previous result, wherever it is kept: a snapshot (a baseline record, or an
/// earlier year in a full comparison) or the earlier year's entry itself (a lean comparison).
#[derive(Debug, Clone, Copy)]
pub enum Previous<'a> {
    /// A snapshot.
    Snapshot(&'a Snapshot),
    /// An entry of the same comparison.
    Entry(&'a Entry),
}

impl<'a> Previous<'a> {
    /// Its year.
    pub fn year(&self) -> i32 {
        match self {
            Previous::Snapshot(s) => s.year,
            Previous::Entry(e) => e.submission.year,
        }
    }

    /// Its index, if computed.
    pub fn index(&self) -> Option<f64> {
        match self {
            Previous::Snapshot(s) => s.index,
            Previous::Entry(e) => e.scorecard.index,
        }
    }

    /// Its rank among all regions that year.
    pub fn rank(&self) -> Option<u32> {
        match self {
            Previous::Snapshot(s) => s.rank,
            Previous::Entry(e) => e.rank,
        }
    }

    /// Its index exactly (a baseline's: the decimal written).
    pub fn exact_index(&self) -> Option<crate::scoring::exact::Exact> {
        match self {
            Previous::Snapshot(s) => s.exact_index(),
            Previous::Entry(e) => e.scorecard.exact_index().cloned(),
        }
    }

    /// The framework version it was scored with.
    pub fn framework_version<'f>(&self, fw: &'f Framework) -> &'f str
    where
        'a: 'f,
    {
        match self {
            Previous::Snapshot(s) => &s.framework_version,
            Previous::Entry(_) => &fw.version,
        }
    }

    /// The file it was read from.
    pub fn source(&self) -> &'a std::path::Path {
        match self {
            Previous::Snapshot(s) => &s.source,
            Previous::Entry(e) => &e.submission.source.file,
        }
    }

    /// The entry itself, when the previous year was scored in this run (not a baseline record).
    pub fn entry(&self) -> Option<&'a Entry> {
        match self {
            Previous::Snapshot(_) => None,
            Previous::Entry(e) => Some(e),
        }
    }

    /// Dimension `d`'s score.
    pub fn dimension_score(&self, fw: &Framework, d: usize) -> Option<f64> {
        self.dimension(fw, d).map(|(v, _)| v)
    }

    /// Component `c`'s score.
    pub fn component_score(&self, fw: &Framework, c: usize) -> Option<f64> {
        self.component(fw, c).map(|(v, _)| v)
    }

    /// Dimension `d`'s score, and exactly when scored in this run (a baseline's is the decimal
    /// written).
    fn dimension(
        &self,
        fw: &Framework,
        d: usize,
    ) -> Option<(f64, Option<crate::scoring::exact::Exact>)> {
        match self {
            Previous::Snapshot(s) => Some((*s.dimensions.get(&fw.dimensions[d].id)?, None)),
            Previous::Entry(e) => Some((
                e.scorecard.dimensions[d]?,
                e.scorecard.exact.dimensions.get(d).cloned().flatten(),
            )),
        }
    }

    /// Component `c`'s score, and exactly when scored in this run.
    fn component(
        &self,
        fw: &Framework,
        c: usize,
    ) -> Option<(f64, Option<crate::scoring::exact::Exact>)> {
        match self {
            Previous::Snapshot(s) => Some((*s.components.get(&fw.components[c].id)?, None)),
            Previous::Entry(e) => Some((
                e.scorecard.components[c]?,
                e.scorecard.exact.components.get(c).cloned().flatten(),
            )),
        }
    }

    /// Its band, as an index into the framework's bands, when it can be named.
    pub fn band(&self, fw: &Framework) -> Option<usize> {
        if let Previous::Snapshot(Snapshot {
            band: Some(label), ..
        }) = self
        {
            return fw
                .bands
                .iter()
                .position(|b| b.label.id == *label || b.label.en == *label);
        }
        self.exact_index()
            .and_then(|v| crate::scoring::exact::band_of(fw, &v))
    }
}

// A region-year's change since its previous year is computed from a `Previous`, which only the
// comparison can give (see `Comparison::previous`): an entry alone cannot tell an earlier year
// of the inputs, kept by index, from no previous year at all.
impl Entry {
    /// index − `prev`'s index, computed exactly (the nearest double of the difference).
    pub fn improvement_since(&self, prev: Option<Previous<'_>>) -> Option<f64> {
        let now = self.scorecard.exact_index()?;
        let before = prev?.exact_index()?;
        Some(crate::scoring::exact::to_f64(&(now - before)))
    }

    /// Dimension `d`'s score − `prev`'s (exactly when the previous year was scored in this run;
    /// else from the decimals of the baseline file).
    pub fn dimension_improvement_since(
        &self,
        fw: &Framework,
        d: usize,
        prev: Option<Previous<'_>>,
    ) -> Option<f64> {
        let (before, exact) = prev?.dimension(fw, d)?;
        let now = self.scorecard.dimensions[d]?;
        Some(exact_difference(
            self.scorecard.exact.dimensions.get(d).cloned().flatten(),
            exact,
            now,
            before,
        ))
    }

    /// Component `c`'s score − `prev`'s (see [`Self::dimension_improvement_since`]).
    pub fn component_improvement_since(
        &self,
        fw: &Framework,
        c: usize,
        prev: Option<Previous<'_>>,
    ) -> Option<f64> {
        let (before, exact) = prev?.component(fw, c)?;
        let now = self.scorecard.components[c]?;
        Some(exact_difference(
            self.scorecard.exact.components.get(c).cloned().flatten(),
            exact,
            now,
            before,
        ))
    }

    /// Places moved up since `prev` (positive is better).
    pub fn rank_change_since(&self, prev: Option<Previous<'_>>) -> Option<i64> {
        Some(prev?.rank()? as i64 - self.rank? as i64)
    }
}

/// `now − before`, exactly from the exact values where known, else from the decimals of the
/// doubles.
fn exact_difference(
    now: Option<crate::scoring::exact::Exact>,
    before: Option<crate::scoring::exact::Exact>,
    now_f: f64,
    before_f: f64,
) -> f64 {
    use crate::scoring::exact::{decimal, to_f64};
    let now = now.unwrap_or_else(|| decimal(now_f));
    let before = before.unwrap_or_else(|| decimal(before_f));
    to_f64(&(now - before))
}

/// All results of a run, ordered for reading: newest year first, then by rank, then by code.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Results.
    pub entries: Vec<Entry>,
    /// Years present, newest first.
    pub years: Vec<i32>,
}

impl Comparison {
    /// The previous result of `e` (one of [`Self::entries`]), kept as a snapshot or as an entry.
    pub fn previous<'a>(&'a self, e: &'a Entry) -> Option<Previous<'a>> {
        match e.previous_at {
            Some(i) => self.entries.get(i as usize).map(Previous::Entry),
            None => e.previous.as_deref().map(Previous::Snapshot),
        }
    }
}

/// Scores every submission and places the results among each other and the baseline.
pub fn compare(fw: &Framework, submissions: Vec<Submission>, baseline: &[Snapshot]) -> Comparison {
    let plans = crate::scoring::next_band::PlanCache::default();
    let mut entries: Vec<Entry> = submissions
        .into_par_iter()
        .map(|mut s| {
            let scorecard = crate::scoring::score_with(fw, plans.scoring(), &s);
            let next_band =
                crate::scoring::next_band::plan_with(fw, &plans, &s, &scorecard).map(Box::new);
            crate::scoring::self_assessed::attach(fw, &mut s);
            Entry {
                scorecard,
                submission: s,
                rank: None,
                rank_kind: None,
                rank_province: None,
                previous: None,
                previous_at: None,
                next_band,
            }
        })
        .collect();
    assign_ranks(&mut entries, |_| 0u8, |e, r| e.rank = r);
    assign_ranks(
        &mut entries,
        |e| e.submission.region.kind,
        |e, r| e.rank_kind = r,
    );
    assign_ranks(
        &mut entries,
        |e| e.submission.region.province_code,
        |e, r| e.rank_province = r,
    );
    link_previous(&mut entries, baseline);
    // The key is unique per entry (region and year), so an unstable sort gives one order. The
    // entries are big: their order is found first, then each is moved once.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&entries[a], &entries[b]);
        b.submission
            .year
            .cmp(&a.submission.year)
            .then(a.rank.unwrap_or(u32::MAX).cmp(&b.rank.unwrap_or(u32::MAX)))
            .then_with(|| a.submission.region.code.cmp(b.submission.region.code))
    });
    permute(&mut entries, &order);
    // Earlier entries named by index move with the others.
    let mut moved_to = vec![0u32; order.len()];
    for (k, &from) in order.iter().enumerate() {
        moved_to[from] = k as u32;
    }
    for e in &mut entries {
        if let Some(i) = &mut e.previous_at {
            *i = moved_to[*i as usize];
        }
    }
    let mut years: Vec<i32> = entries.iter().map(|e| e.submission.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Comparison { entries, years }
}

/// Standard competition ranking ("1224") within each (year, group), on exact indices: a
/// region's rank is one more than the number of regions with a strictly higher index, so
/// mathematically equal indices share their rank.
fn assign_ranks<K: std::hash::Hash + Eq>(
    entries: &mut [Entry],
    group: impl Fn(&Entry) -> K,
    mut set: impl FnMut(&mut Entry, Option<u32>),
) {
    let ranks = competition_ranks(entries.iter().map(|e| {
        let key = (e.submission.year, group(e));
        (e.scorecard.exact_index(), key)
    }));
    for (e, rank) in entries.iter_mut().zip(ranks) {
        set(e, rank);
    }
}

/// The rank of each (index, group) among those of its group (see [`assign_ranks`]); `None`
/// where there is no index.
fn competition_ranks<'a, K: std::hash::Hash + Eq>(
    items: impl Iterator<Item = (Option<&'a crate::scoring::exact::Exact>, K)> + Clone,
) -> Vec<Option<u32>> {
    use crate::scoring::exact::{Exact, cmp};
    let mut by_group: FxHashMap<K, Vec<&Exact>> = FxHashMap::default();
    for (v, key) in items.clone() {
        if let Some(v) = v {
            by_group.entry(key).or_default().push(v);
        }
    }
    for list in by_group.values_mut() {
        list.sort_by(|a, b| cmp(b, a));
    }
    items
        .map(|(v, key)| {
            let v = v?;
            let list = &by_group[&key];
            Some(list.partition_point(|x| cmp(x, v).is_gt()) as u32 + 1)
        })
        .collect()
}

/// Each entry's previous result: the latest earlier year of the same region with a computed index
/// in the inputs, linked by its index ([`Entry::previous_at`]: nothing is copied), else in the
/// baseline (a copy of its record). A year whose index was insufficient is passed over.
fn link_previous(entries: &mut [Entry], baseline: &[Snapshot]) {
    // Region-years by region, then year, then input order: an entry's latest earlier year in
    // the inputs is found walking each region's run (no table of lists).
    let mut by_region: Vec<(&str, i32, usize)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.submission.region.code, e.submission.year, i))
        .collect();
    by_region.sort_unstable();
    let mut before: Vec<Option<(i32, usize)>> = vec![None; entries.len()];
    // The latest computed entry of the region in the years before the current one, and the
    // latest computed one of the current year (it becomes "before" when the year changes).
    let mut latest: Option<(i32, usize)> = None;
    let mut this_year: Option<(i32, usize)> = None;
    for (k, &(code, year, i)) in by_region.iter().enumerate() {
        match k.checked_sub(1).map(|p| by_region[p]) {
            Some((c, _, _)) if c != code => (latest, this_year) = (None, None),
            Some((_, y, _)) if y < year && this_year.is_some() => latest = this_year.take(),
            _ => {}
        }
        before[i] = latest;
        if entries[i].scorecard.index.is_some() {
            this_year = Some((year, i));
        }
    }
    let mut earlier: FxHashMap<&str, Vec<&Snapshot>> = FxHashMap::default();
    for s in baseline {
        earlier.entry(s.region_code.as_str()).or_default().push(s);
    }
    let mut found: Vec<(usize, Snapshot)> = Vec::new();
    let mut at: Vec<(usize, u32)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let (code, year) = (e.submission.region.code, e.submission.year);
        let from_inputs = before[i].as_ref();
        let from_baseline = earlier.get(code).and_then(|list| {
            list.iter()
                .filter(|s| s.year < year && s.index.is_some())
                .max_by_key(|s| s.year)
        });
        // Answers at hand win over a baseline record of the same year.
        let previous = match (from_inputs, from_baseline) {
            (Some(&(y, _)), Some(b)) if b.year > y => Some((*b).clone()),
            (Some(&(_, j)), _) => {
                at.push((i, j as u32));
                None
            }
            (None, Some(b)) => Some((*b).clone()),
            (None, None) => None,
        };
        if let Some(p) = previous {
            found.push((i, p));
        }
    }
    for (i, p) in found {
        entries[i].previous = Some(Box::new(p));
    }
    for (i, j) in at {
        entries[i].previous_at = Some(j);
    }
}

/// Reorders `items` so that item `k` is the one that was at `order[k]` (a permutation), moving
/// each item once along the cycles of the permutation.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let next = order[k];
            if next == start {
                break;
            }
            items.swap(k, next);
            k = next;
        }
    }
}

/// Warnings about a baseline: results of another framework version are compared with a warning.
pub(crate) fn check_baseline(fw: &Framework, baseline: &[Snapshot]) -> Vec<Problem> {
    let mut seen: Vec<(&std::path::Path, &str)> = Vec::new();
    let mut out = Vec::new();
    for s in baseline {
        if s.framework_version != fw.version && !seen.contains(&(&s.source, &s.framework_version)) {
            seen.push((&s.source, &s.framework_version));
            out.push(
                Problem::new(
                    Code::W004,
                    &s.source,
                    Place::File,
                    Text::new(
                        format!(
                            "hasil pembanding memakai {} versi {}, dibandingkan dengan versi {}",
                            fw.id, s.framework_version, fw.version
                        ),
                        format!(
                            "baseline results use {} version {}, compared with version {}",
                            fw.id, s.framework_version, fw.version
                        ),
                    ),
                )
                .found(&s.framework_version),
            );
        }
    }
    out
}

/// A warning for every region-year whose index was withheld for lack of answers.
pub(crate) fn coverage_warnings(fw: &Framework, cmp: &Comparison) -> Vec<Problem> {
    cmp.entries
        .iter()
        .filter_map(|e| coverage_warning(fw, e))
        .collect()
}

/// A warning when `e`'s index was withheld for lack of answers.
fn coverage_warning(fw: &Framework, e: &Entry) -> Option<Problem> {
    if e.scorecard.status != crate::scoring::IndexStatus::Insufficient {
        return None;
    }
    let s = &e.submission;
    let pct = (e.scorecard.coverage.share() * 100.0).round();
    let min = (fw.min_coverage * 100.0).round();
    let (name, year) = (s.region.display_name(), s.year);
    let message = if e.scorecard.coverage.answered == 0 {
        // Whatever `min_coverage` says: with nothing answered there is nothing to score.
        Text::new(
            format!("{name} {year}: tidak ada indikator yang dijawab; indeks tidak dihitung"),
            format!("{name} {year}: no indicator is answered; no index computed"),
        )
    } else {
        Text::new(
            format!(
                "{name} {year}: baru {pct} % indikator dijawab (minimum {min} %); indeks tidak dihitung"
            ),
            format!(
                "{name} {year}: only {pct} % of indicators answered (minimum {min} %); no index computed"
            ),
        )
    };
    Some(Problem::new(
        Code::W005,
        &s.source.file,
        s.source.place.clone(),
        message,
    ))
}

#[cfg(test)]
mod tests;
