//! `smartcity analyse`: how robust the ranking is, and how sound the framework is on real
//! answers. Two parts over the region-years of one year whose index was computed:
//!
//! - uncertainty and sensitivity of the ranks ([`montecarlo`]): the framework's weights (and
//!   optionally the answers) perturbed at random, the scores computed once re-aggregated by the
//!   framework's own rules per run, rank intervals per region-year and Sobol indices per input
//!   group;
//! - a statistical audit ([`audit`]): indicator distributions and correlations, Cronbach's α and
//!   the first principal component per dimension, the effect of leaving each indicator out.
//!
//! The definitions are in the README ("Analysis"); outputs in [`output`] (CSV and JSON), the
//! page in [`page`] and the workbook in [`workbook`].

pub mod audit;
mod cohort;
pub mod flags;
mod folder;
pub mod montecarlo;
pub mod output;
pub mod page;
pub mod stats;
pub mod workbook;

pub use audit::{Audit, DimensionAudit, IndicatorAudit, Pair};
pub use flags::Flag;
pub use folder::{FILES, write_analysis};
pub use montecarlo::{Estimate, Group, GroupSensitivity, MonteCarlo, Robustness, Settings};

use crate::compare::Comparison;
use crate::framework::Framework;
use crate::text::Text;
use cohort::Cohort;

/// The default `--seed`: fixed, so that reruns give the same files.
pub const DEFAULT_SEED: u64 = 15;
/// Bootstrap replicates of the sensitivity indices.
pub const BOOTSTRAP: usize = 200;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            samples: 1000,
            seed: DEFAULT_SEED,
            weight_spread: 0.25,
            answer_noise: 0.0,
            bootstrap: BOOTSTRAP,
        }
    }
}

/// One region-year of the analysed year, nominal and under uncertainty.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionRow {
    /// Kemendagri code.
    pub region_code: &'static str,
    /// Name as people write it.
    pub region_name: String,
    /// The year.
    pub year: i32,
    /// The index as scored.
    pub index: f64,
    /// The rank as scored.
    pub rank: u32,
    /// The band as scored.
    pub band: Option<usize>,
    /// Rank and index under uncertainty.
    pub robustness: Robustness,
}

/// What `analyse` found.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The year analysed.
    pub year: i32,
    /// The Monte Carlo's settings.
    pub settings: Settings,
    /// Region-years of the year, by nominal rank.
    pub regions: Vec<RegionRow>,
    /// The Monte Carlo's sensitivity indices.
    pub monte_carlo: MonteCarlo,
    /// The statistical audit.
    pub audit: Audit,
    /// Everything flagged.
    pub flags: Vec<Flag>,
}

impl Analysis {
    /// Model runs of the Monte Carlo: N·(k + 2) for k input groups.
    pub fn runs(&self) -> usize {
        self.settings.samples * (self.monte_carlo.sensitivity.len() + 2)
    }
}

/// Why there is nothing to analyse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    /// No region-year of the year asked for has an index.
    #[error("{}", self.text())]
    NothingToAnalyse(Option<i32>),
}

impl AnalysisError {
    /// What went wrong, in both languages.
    pub fn text(&self) -> Text {
        match self {
            AnalysisError::NothingToAnalyse(Some(y)) => Text::new(
                format!(
                    "tidak ada wilayah dengan indeks pada tahun {y}: tidak ada yang dianalisis"
                ),
                format!("no region has an index in {y}: nothing to analyse"),
            ),
            AnalysisError::NothingToAnalyse(None) => Text::new(
                "tidak ada wilayah dengan indeks: tidak ada yang dianalisis",
                "no region has an index: nothing to analyse",
            ),
        }
    }
}

/// Analyses the region-years of `year` (default: the newest year with an index) in `cmp`, which
/// must keep indicator scores and answers (`Detail::Full`).
pub fn analyse(
    fw: &Framework,
    cmp: &Comparison,
    year: Option<i32>,
    settings: Settings,
) -> Result<Analysis, AnalysisError> {
    let year = match year {
        Some(y) => y,
        None => cmp
            .entries
            .iter()
            .filter(|e| e.scorecard.index.is_some())
            .map(|e| e.submission.year)
            .max()
            .ok_or(AnalysisError::NothingToAnalyse(None))?,
    };
    let cohort = Cohort::new(fw, &cmp.entries, year);
    if cohort.len() == 0 {
        return Err(AnalysisError::NothingToAnalyse(Some(year)));
    }
    let mc = montecarlo::run(fw, &cohort, settings);
    let audit = audit::audit(fw, &cohort);
    let regions: Vec<RegionRow> = (0..cohort.len())
        .map(|r| {
            let e = &cmp.entries[cohort.entries[r]];
            RegionRow {
                region_code: e.submission.region.code,
                region_name: e.submission.region.display_name(),
                year,
                index: cohort.index[r],
                rank: cohort.rank[r],
                band: cohort.band[r],
                robustness: mc.regions[r],
            }
        })
        .collect();
    let names: Vec<String> = regions
        .iter()
        .map(|r| format!("{} {}", r.region_code, r.year))
        .collect();
    let nominal: Vec<(u32, Option<usize>)> = regions.iter().map(|r| (r.rank, r.band)).collect();
    let flags = flags::flags(&names, &nominal, &mc, &audit);
    Ok(Analysis {
        year,
        settings,
        regions,
        monte_carlo: mc,
        audit,
        flags,
    })
}
