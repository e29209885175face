//! A ranking: every region-year as one results row ([`Ranked`]) — what `results.csv` and the
//! terminal table show — and nothing more.
//!
//! A [`Comparison`] keeps each region-year whole (answers, every indicator's score, exact
//! fractions) for the pages that show them. A national table or CSV needs none of that, and a
//! ten-year panel of every village has 835,290 region-years: [`rank`] scores the inputs one year
//! at a time, oldest first, and keeps of each region-year only its row, with its change since its
//! previous year already worked out from the exact scores. What stays between years is each
//! region's latest scored year (one per region, not one per region-year).
//!
//! A full comparison gives the same rows ([`Ranked::of`]), so `results.csv` is written by one
//! formatter whichever way it was computed.

use super::{Comparison, Entry, Previous, Snapshot, competition_ranks};
use crate::diagnostics::Problem;
use crate::framework::Framework;
use crate::regions::Region;
use crate::scoring::exact::Exact;
use crate::scoring::next_band::{NextBandPlan, PlanCache};
use crate::scoring::{Coverage, IndexStatus};
use crate::submission::{PackedAnswers, Submission, VerificationStatus};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use store::{Span, Store};

mod store;

/// One region-year as a results row shows it: its scores, ranks and change since its previous
/// year, computed (from the exact scores) when the row is made.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// The region.
    pub region: Region,
    /// The year assessed.
    pub year: i32,
    /// The file it was read from.
    pub file: Arc<Path>,
    /// The index; `None` when insufficient or nothing answered.
    pub index: Option<f64>,
    /// Whether the index was computed.
    pub status: IndexStatus,
    /// Band index into `Framework::bands`.
    pub band: Option<usize>,
    /// How much was answered.
    pub coverage: Coverage,
    /// Rank among all regions of the year.
    pub rank: Option<u32>,
    /// Rank among regions of the same kind and year.
    pub rank_kind: Option<u32>,
    /// Rank among regions of the same province and year.
    pub rank_province: Option<u32>,
    /// The region's previous result (latest earlier year with an index), if known.
    pub previous: Option<Earlier>,
    /// index − previous index, computed exactly.
    pub improvement: Option<f64>,
    /// By dimension index: the score and its change since the previous year.
    pub dimensions: Box<[Part]>,
    /// By component index: the score and its change since the previous year.
    pub components: Box<[Part]>,
    /// The way to the next band.
    pub next_band: Option<Box<NextBandPlan>>,
    /// The index of the region's own answers (the index itself when nothing was reviewed).
    pub self_index: Option<f64>,
    /// Self-assessed index − final index.
    pub self_gap: Option<f64>,
    /// Whether, and how far, evaluators reviewed it.
    pub verification: VerificationStatus,
    /// Indicators reviewed.
    pub reviewed: usize,
    /// Reviewed indicators whose answer the evaluators changed.
    pub changed: usize,
}

/// A previous result, as a row names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Earlier {
    /// Its year.
    pub year: i32,
    /// Its index.
    pub index: Option<f64>,
    /// Its band, when it can be named.
    pub band: Option<usize>,
    /// Its rank among all regions that year.
    pub rank: Option<u32>,
}

/// A dimension's or component's score and its change since the previous year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    /// The score; `None` where nothing was answered.
    pub score: Option<f64>,
    /// The score − the previous year's, computed exactly.
    pub improvement: Option<f64>,
}

impl Ranked {
    /// The row of `e`, whose previous result is `prev` (see [`Comparison::previous`]).
    pub fn of(fw: &Framework, e: &Entry, prev: Option<Previous<'_>>) -> Ranked {
        let file = Arc::from(e.submission.source.file.as_path());
        Ranked::made(fw, e, prev, file, e.next_band.clone())
    }

    /// The row of `e`, read from `file`, with the way to its next band.
    fn made(
        fw: &Framework,
        e: &Entry,
        prev: Option<Previous<'_>>,
        file: Arc<Path>,
        next_band: Option<Box<NextBandPlan>>,
    ) -> Ranked {
        let (s, sc) = (&e.submission, &e.scorecard);
        let review = s.review.as_deref();
        let own = review.and_then(|r| r.self_scores.as_deref());
        Ranked {
            region: s.region.clone(),
            year: s.year,
            file,
            index: sc.index,
            status: sc.status,
            band: sc.band,
            coverage: sc.coverage,
            rank: e.rank,
            rank_kind: e.rank_kind,
            rank_province: e.rank_province,
            previous: prev.map(|p| Earlier {
                year: p.year(),
                index: p.index(),
                band: p.band(fw),
                rank: p.rank(),
            }),
            improvement: e.improvement_since(prev),
            dimensions: (0..fw.dimensions.len())
                .map(|d| Part {
                    score: sc.dimensions[d],
                    improvement: e.dimension_improvement_since(fw, d, prev),
                })
                .collect(),
            components: (0..fw.components.len())
                .map(|c| Part {
                    score: sc.components[c],
                    improvement: e.component_improvement_since(fw, c, prev),
                })
                .collect(),
            next_band,
            self_index: own.map_or(sc.index, |o| o.index),
            self_gap: crate::scoring::self_assessed::self_gap(s, sc),
            verification: s.verification_status(),
            reviewed: review.map_or(0, |r| r.reviewed),
            changed: review.map_or(0, |r| r.changed),
        }
    }

    /// Places moved up since the previous year (positive is better).
    pub fn rank_change(&self) -> Option<i64> {
        Some(self.previous?.rank? as i64 - self.rank? as i64)
    }

    /// Bands moved up since the previous year.
    pub fn band_change(&self) -> Option<i64> {
        let (now, before) = (self.band?, self.previous?.band?);
        Some(now as i64 - before as i64)
    }
}

/// Every region-year as a results row, ordered for reading: newest year first, then by rank,
/// then by code.
///
/// The rows of all years but the newest may wait in a temporary file (see [`store`]): they are
/// read back a year at a time ([`Ranking::each_year`]).
#[derive(Debug, Default)]
pub struct Ranking {
    /// By year, newest first.
    years: Vec<Year>,
    store: Store,
    /// Each input file once, in the order first met.
    files: Vec<Arc<Path>>,
    /// Years with a reviewed region-year.
    reviewed: Vec<i32>,
}

/// One year's rows, here or put away.
#[derive(Debug)]
struct Year {
    year: i32,
    count: usize,
    rows: Rows,
}

#[derive(Debug)]
enum Rows {
    Here(Vec<Ranked>),
    Away(Span),
}

impl Ranking {
    /// The rows of a full comparison, in its order.
    pub fn of(fw: &Framework, cmp: &Comparison) -> Ranking {
        let mut ranking = Ranking::default();
        let mut files = Files::default();
        for &year in &cmp.years {
            let rows: Vec<Ranked> = cmp
                .entries
                .par_iter()
                .filter(|e| e.submission.year == year)
                .map(|e| Ranked::of(fw, e, cmp.previous(e)))
                .collect();
            for r in &rows {
                files.get(&r.file);
            }
            ranking.push_year(year, &rows);
            ranking.years.last_mut().expect("just pushed").rows = Rows::Here(rows);
        }
        ranking.files = files.list;
        ranking
    }

    /// Adds `rows`, the next year's, keeping them here (the caller may put them away).
    fn push_year(&mut self, year: i32, rows: &[Ranked]) {
        if rows
            .iter()
            .any(|r| r.verification != VerificationStatus::SelfAssessed)
        {
            self.reviewed.push(year);
        }
        self.years.push(Year {
            year,
            count: rows.len(),
            rows: Rows::Here(Vec::new()),
        });
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.years.iter().map(|y| y.count).sum()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The years, newest first.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().map(|y| y.year)
    }

    /// The years with a reviewed region-year.
    pub fn reviewed_years(&self) -> &[i32] {
        &self.reviewed
    }

    /// Every file a row was read from, once each.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|f| &**f)
    }

    /// Each year and its rows in order, newest first, read back when they were put away.
    pub fn each_year(&self) -> impl Iterator<Item = std::io::Result<(i32, Cow<'_, [Ranked]>)>> {
        self.years.iter().map(|y| match &y.rows {
            Rows::Here(rows) => Ok((y.year, Cow::Borrowed(rows.as_slice()))),
            Rows::Away(span) => Ok((y.year, Cow::Owned(self.store.get(*span, y.count)?))),
        })
    }
}

/// Scores every submission and ranks it, keeping only its row, with a warning for every
/// region-year whose index was withheld for lack of answers (in the rows' order). `packed`
/// holds the answers of the submissions that were packed as they were read.
pub(crate) fn rank(
    fw: &Framework,
    mut submissions: Vec<Submission>,
    baseline: &[Snapshot],
    packed: Option<&PackedAnswers>,
) -> (Ranking, Vec<Problem>) {
    let plans = PlanCache::default();
    let mut earlier: FxHashMap<&str, Vec<&Snapshot>> = FxHashMap::default();
    for s in baseline {
        earlier.entry(s.region_code.as_str()).or_default().push(s);
    }
    let mut files = Files::default();
    let mut latest: FxHashMap<&'static str, Box<Entry>> = FxHashMap::default();
    let mut ranking = Ranking::default();
    // By year, oldest first: each year's warnings in the order of its rows.
    let mut warnings: Vec<Vec<Problem>> = Vec::new();
    // Newest year first (input order kept within a year), so that each oldest year is split off
    // the end and the memory of its submissions given back as it is scored.
    submissions.sort_by_key(|s| std::cmp::Reverse(s.year));
    while let Some(year) = submissions.last().map(|s| s.year) {
        let this_year = submissions.split_off(submissions.partition_point(|s| s.year > year));
        submissions.shrink_to_fit();
        // Later years compare with this one: each region's result with an index is kept.
        let keep = !submissions.is_empty();
        let names: Vec<Arc<Path>> = this_year
            .iter()
            .map(|s| files.get(&s.source.file))
            .collect();
        let scored: Vec<Scored> = this_year
            .into_par_iter()
            .zip(names)
            .map(|(s, file)| {
                let mut e = scored(fw, &plans, s, packed);
                let plan = e.next_band.take();
                let row = Ranked::made(fw, &e, previous(&e, &latest, &earlier), file, plan);
                Scored {
                    exact: e.scorecard.exact_index().cloned(),
                    warning: super::coverage_warning(fw, &e),
                    kept: (keep && e.scorecard.index.is_some()).then(|| Box::new(e)),
                    row,
                }
            })
            .collect();
        let ranks = year_ranks(&scored);
        let mut rows = Vec::with_capacity(scored.len());
        let mut year_warnings = Vec::new();
        for (k, (mut s, (rank, rank_kind, rank_province))) in
            scored.into_iter().zip(ranks).enumerate()
        {
            (s.row.rank, s.row.rank_kind, s.row.rank_province) = (rank, rank_kind, rank_province);
            if let Some(p) = s.warning {
                year_warnings.push((k, p));
            }
            if let Some(mut e) = s.kept {
                e.rank = rank;
                latest.insert(e.submission.region.code, e);
            }
            rows.push(s.row);
        }
        let (rows, year_warnings) = ordered(rows, year_warnings);
        warnings.push(year_warnings);
        ranking.push_year(year, &rows);
        // Only the newest year's rows stay in memory; the others wait for it, encoded.
        let rows = if keep {
            Rows::Away(ranking.store.put(&rows))
        } else {
            Rows::Here(rows)
        };
        ranking.years.last_mut().expect("just pushed").rows = rows;
    }
    drop(latest);
    ranking.years.reverse();
    ranking.files = files.list;
    (ranking, warnings.into_iter().rev().flatten().collect())
}

/// One year's rows by rank, then by code (unique per row, so one order), and the warnings,
/// each given with its row's place before sorting, in the order of their rows.
fn ordered(
    mut rows: Vec<Ranked>,
    mut warnings: Vec<(usize, Problem)>,
) -> (Vec<Ranked>, Vec<Problem>) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&rows[a], &rows[b]);
        a.rank
            .unwrap_or(u32::MAX)
            .cmp(&b.rank.unwrap_or(u32::MAX))
            .then_with(|| a.region.code.cmp(b.region.code))
    });
    super::permute(&mut rows, &order);
    let mut moved_to = vec![0usize; order.len()];
    for (k, &from) in order.iter().enumerate() {
        moved_to[from] = k;
    }
    warnings.sort_by_key(|&(i, _)| moved_to[i]);
    (rows, warnings.into_iter().map(|(_, p)| p).collect())
}

/// A region-year as it leaves scoring: its row (ranks still to come), what ranks it, its coverage
/// warning, and itself when a later year compares with it.
struct Scored {
    row: Ranked,
    exact: Option<Exact>,
    warning: Option<Problem>,
    kept: Option<Box<Entry>>,
}

/// `s` scored, with its way to the next band; its answers and indicator scores are dropped once
/// scored (a row shows neither).
fn scored(
    fw: &Framework,
    plans: &PlanCache,
    mut s: Submission,
    packed: Option<&PackedAnswers>,
) -> Entry {
    if let Some(packed) = packed {
        packed.restore(&mut s);
    }
    let mut scorecard = crate::scoring::score_with(fw, plans.scoring(), &s);
    let next_band = crate::scoring::next_band::plan_with(fw, plans, &s, &scorecard).map(Box::new);
    crate::scoring::self_assessed::attach(fw, &mut s);
    if let Some(review) = &mut s.review {
        review.indicators = Vec::new();
    }
    s.answers = Vec::new();
    scorecard.indicators = Vec::new();
    scorecard.exact.indicators = Vec::new();
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
}

/// One year's ranks of each region-year: overall, by kind and by province.
fn year_ranks(scored: &[Scored]) -> Vec<(Option<u32>, Option<u32>, Option<u32>)> {
    fn of(s: &Scored) -> Option<&Exact> {
        s.exact.as_ref()
    }
    let all = competition_ranks(scored.iter().map(|s| (of(s), ())));
    let kind = competition_ranks(scored.iter().map(|s| (of(s), s.row.region.kind)));
    let province = competition_ranks(scored.iter().map(|s| (of(s), s.row.region.province_code)));
    all.into_iter()
        .zip(kind)
        .zip(province)
        .map(|((a, k), p)| (a, k, p))
        .collect()
}

/// `e`'s previous result: its region's latest earlier year with an index among the inputs
/// (`latest`), or in the baseline when that is later (a baseline record of the same year gives
/// way to answers at hand).
fn previous<'a>(
    e: &Entry,
    latest: &'a FxHashMap<&'static str, Box<Entry>>,
    earlier: &'a FxHashMap<&str, Vec<&'a Snapshot>>,
) -> Option<Previous<'a>> {
    let (code, year) = (e.submission.region.code, e.submission.year);
    let from_inputs = latest.get(code);
    let from_baseline = earlier.get(code).and_then(|list| {
        list.iter()
            .filter(|s| s.year < year && s.index.is_some())
            .max_by_key(|s| s.year)
    });
    match (from_inputs, from_baseline) {
        (Some(p), Some(b)) if b.year > p.submission.year => Some(Previous::Snapshot(b)),
        (Some(p), _) => Some(Previous::Entry(p)),
        (None, Some(b)) => Some(Previous::Snapshot(b)),
        (None, None) => None,
    }
}

/// One shared name per input file: a national table has a million rows from one file.
#[derive(Default)]
struct Files {
    names: FxHashMap<PathBuf, Arc<Path>>,
    /// Each once, in the order first met.
    list: Vec<Arc<Path>>,
}

impl Files {
    fn get(&mut self, path: &Path) -> Arc<Path> {
        if let Some(a) = self.names.get(path) {
            return a.clone();
        }
        let a: Arc<Path> = Arc::from(path);
        self.names.insert(path.to_path_buf(), a.clone());
        self.list.push(a.clone());
        a
    }
}
