//! The pipeline every command shares, as one call: find the input files, read and validate them
//! (in parallel), read the baselines, score every region-year and place it among the others.
//! What it returns is a value with everything found on the way, like typst's `Warned<T>`: the
//! results and every problem, so the caller decides what to print and how to exit.

use crate::answers::{Detail, Mode, collect_files, ingest_files_stowing};
use crate::compare::{Comparison, Ranking, Snapshot, check_baseline, compare, rank, read_baseline};
use crate::diagnostics::{Code, Problem};
use crate::framework::Framework;
use crate::submission::{DetailSpill, PackedAnswers, Stow};
use std::path::{Path, PathBuf};

/// The input files of an assessment: what was named (files and folders) and the files found in
/// it. Collected before reading, so that a caller knows how many there are (for a progress bar).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
}

impl Inputs {
    /// The spreadsheets and CSV files named by `paths`: files as given, folders searched
    /// recursively in name order (hidden files and lock files of open workbooks skipped).
    pub fn collect(paths: &[PathBuf]) -> Inputs {
        let mut problems = Vec::new();
        let files = collect_files(paths, &mut problems);
        Inputs { files, problems }
    }

    /// The files found, in the order they will be read.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// What was wrong with the paths named (missing, unreadable, too many files).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// How to assess.
#[derive(Debug, Clone)]
pub struct Options {
    /// Earlier results written by this tool (`results.csv` or `results.json`), for improvement
    /// and rank change without last year's answers.
    pub baselines: Vec<PathBuf>,
    /// How strict validation is: scoring, or checking a questionnaire before it is sent.
    pub mode: Mode,
    /// How much of what was typed is kept with each answer: a ranking needs none of it; JSON and
    /// reports show it.
    pub detail: Detail,
    /// Score the regions' own answers only, as if no evaluator had verified any (verified
    /// answers are still read and validated).
    pub self_assessed: bool,
    /// With [`Detail::Full`]: a folder where the detail of every answer (what was typed, notes,
    /// place) is kept in a temporary file once read, instead of in memory while scoring and
    /// after ([`Assessment::details`]); a report of a national panel needs it only page by page.
    /// When no file can be made there, the detail stays in memory.
    pub spill: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            baselines: Vec::new(),
            mode: Mode::Score,
            detail: Detail::Full,
            self_assessed: false,
            spill: None,
        }
    }
}

/// What an assessment found: every result placed among the others ([`Results`]: a whole
/// [`Comparison`] unless asked for a [`Ranking`]), and every problem on the way.
#[derive(Debug)]
pub struct Assessment<R = Comparison> {
    /// The results, newest year first, then by rank.
    pub comparison: R,
    /// Every problem found, in input order: files, then baselines, then scoring.
    pub problems: Vec<Problem>,
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// Region-years (or whole files) rejected.
    pub rejected: usize,
    /// Region-years scored.
    pub scored: usize,
    /// Whether a baseline could not be used (E017).
    pub baseline_failed: bool,
    /// Where the detail of the answers is, when it was moved out of memory
    /// ([`Options::spill`]): the submissions of [`Self::comparison`] then hold the answers
    /// understood only, and [`DetailSpill::full`] gives one back whole.
    pub details: Option<DetailSpill>,
}

impl<R> Assessment<R> {
    /// The framework the inputs were made for, when it is not the one assessed with: every
    /// file read was set aside for naming another framework (E007, W013), and all name the same
    /// one. A caller that was not told which framework to use can then assess again with it.
    pub fn claimed_framework(&self) -> Option<&str> {
        let mut claimed: Option<&str> = None;
        for file in &self.files {
            let claim = self
                .problems
                .iter()
                .find(|p| p.file == *file && matches!(p.code, Code::E007 | Code::W013))?
                .found
                .as_deref()?
                .trim();
            match claimed {
                Some(c) if c != claim => return None,
                _ => claimed = Some(claim),
            }
        }
        claimed
    }

    /// Whether anything given was not used: a rejected file or region-year, or an unusable
    /// baseline. The rest is still scored.
    pub fn lost_anything(&self) -> bool {
        self.rejected > 0 || self.baseline_failed
    }
}

/// Assesses `inputs` against `fw`.
pub fn assess(fw: &Framework, inputs: Inputs, options: &Options) -> Assessment {
    assess_reporting(fw, inputs, options, &|_| {})
}

/// [`assess`], calling `on_file` as each input file is done (from any thread), e.g. to move a
/// progress bar.
pub fn assess_reporting(
    fw: &Framework,
    inputs: Inputs,
    options: &Options,
    on_file: &(dyn Fn(&Path) + Sync),
) -> Assessment {
    Comparison::assess(fw, inputs, options, on_file)
}

/// What an assessment's results are kept as: a whole [`Comparison`] (every answer and score of
/// every region-year, for pages and JSON), or a [`Ranking`] (one results row per region-year,
/// for a national table or CSV, in a fraction of the memory).
pub trait Results: Sized {
    /// Assesses `inputs` against `fw`, calling `on_file` as each input file is done.
    fn assess(
        fw: &Framework,
        inputs: Inputs,
        options: &Options,
        on_file: &(dyn Fn(&Path) + Sync),
    ) -> Assessment<Self>;
}

impl Results for Comparison {
    fn assess(
        fw: &Framework,
        inputs: Inputs,
        options: &Options,
        on_file: &(dyn Fn(&Path) + Sync),
    ) -> Assessment<Comparison> {
        let mut read = read(fw, inputs, options, on_file, None);
        let mut submissions = std::mem::take(&mut read.submissions);
        // Before scoring adds its own per region-year, the detail read goes to disk.
        let details = match (&options.spill, options.detail, read.early.take()) {
            (_, _, Some(early)) => Some(early),
            (Some(dir), Detail::Full, None) => DetailSpill::take(dir, &mut submissions).ok(),
            _ => None,
        };
        let comparison = compare(fw, submissions, &read.baseline);
        let mut problems = std::mem::take(&mut read.problems);
        if options.mode == Mode::Score {
            // Checking names what to fix in a file; whether an index can be computed from it
            // is scoring's business.
            problems.extend(crate::compare::coverage_warnings(fw, &comparison));
        }
        read.into_assessment(comparison, problems, details)
    }
}

impl Results for Ranking {
    /// Only what a results row shows is kept: answers are read without what was typed, and
    /// packed from validation to scoring.
    fn assess(
        fw: &Framework,
        inputs: Inputs,
        options: &Options,
        on_file: &(dyn Fn(&Path) + Sync),
    ) -> Assessment<Ranking> {
        let options = Options {
            detail: Detail::Lean,
            spill: None,
            ..options.clone()
        };
        // The self-assessed answers are put back from a review's before scoring: kept whole.
        let packed = (!options.self_assessed).then(PackedAnswers::new);
        let mut read = read(fw, inputs, &options, on_file, packed.as_ref());
        let submissions = std::mem::take(&mut read.submissions);
        let (ranking, warnings) = rank(fw, submissions, &read.baseline, packed.as_ref());
        let mut problems = std::mem::take(&mut read.problems);
        if options.mode == Mode::Score {
            problems.extend(warnings);
        }
        read.into_assessment(ranking, problems, None)
    }
}

/// The inputs read and validated, the baselines read, and what was found on the way.
struct Read {
    submissions: Vec<crate::submission::Submission>,
    baseline: Vec<Snapshot>,
    problems: Vec<Problem>,
    /// Where the detail went as it was read, if it did.
    early: Option<DetailSpill>,
    files: Vec<PathBuf>,
    rejected: usize,
    scored: usize,
    baseline_failed: bool,
}

impl Read {
    /// The assessment of what was read, with its results and the problems of making them.
    fn into_assessment<R>(
        self,
        comparison: R,
        problems: Vec<Problem>,
        details: Option<DetailSpill>,
    ) -> Assessment<R> {
        Assessment {
            comparison,
            problems,
            files: self.files,
            rejected: self.rejected,
            scored: self.scored,
            baseline_failed: self.baseline_failed,
            details,
        }
    }
}

/// Reads the inputs and baselines; the answers of each region-year go to `packed` as soon as
/// it is validated when there is one, else (with [`Options::spill`]) their detail to disk.
fn read(
    fw: &Framework,
    inputs: Inputs,
    options: &Options,
    on_file: &(dyn Fn(&Path) + Sync),
    packed: Option<&PackedAnswers>,
) -> Read {
    let (baseline, baseline_problems) = load_baselines(&options.baselines, fw);
    // The detail of what is read goes to disk as each region-year is validated, unless the
    // self-assessed answers are to be scored: a review's detail is kept for the answers as read,
    // so it is spilled after they are put back.
    let early = match (&options.spill, options.detail) {
        (Some(dir), Detail::Full) if !options.self_assessed => DetailSpill::new(dir).ok(),
        _ => None,
    };
    let stow: Option<&dyn Stow> = match (&early, packed) {
        (Some(spill), _) => Some(spill),
        (None, Some(packed)) => Some(packed),
        (None, None) => None,
    };
    let batch = ingest_files_stowing(
        inputs.files,
        inputs.problems,
        fw,
        options.mode,
        options.detail,
        on_file,
        stow,
    );
    let mut problems = batch.problems;
    problems.extend(baseline_problems);
    let baseline_failed = problems
        .iter()
        .any(|p| p.is_error() && p.code == Code::E017);
    let submissions: Vec<_> = if options.self_assessed {
        batch
            .submissions
            .into_iter()
            .map(crate::submission::Submission::into_self_assessed)
            .collect()
    } else {
        batch.submissions
    };
    Read {
        files: batch.files,
        rejected: batch.rejected,
        scored: submissions.len(),
        baseline_failed,
        submissions,
        baseline,
        problems,
        early,
    }
}

/// Reads every baseline file, with the problems found.
fn load_baselines(paths: &[PathBuf], fw: &Framework) -> (Vec<Snapshot>, Vec<Problem>) {
    let mut snapshots = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let (mut s, mut p) = read_baseline(path, fw);
        snapshots.append(&mut s);
        problems.append(&mut p);
    }
    problems.extend(check_baseline(fw, &snapshots));
    (snapshots, problems)
}
