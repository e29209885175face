//! What the analysis points out, with stable codes and a message in both languages (README,
//! "Analysis flags"). `A0xx` concern the ranking's uncertainty, `A1xx` the statistical audit.

use super::audit::{Audit, REDUNDANT_R};
use super::montecarlo::MonteCarlo;
use crate::text::{Lang, Text};
use serde::Serialize;

/// Below this share of runs in the nominal band, a region-year's band is called uncertain.
pub const SAME_BAND_MIN: f64 = 0.9;
/// Above this share of answered scores at the bottom (top) of the scale: a floor (ceiling) effect.
pub const FLOOR_CEILING_SHARE: f64 = 0.5;
/// Below this r with its dimension, an indicator is weakly related to it.
pub const WEAK_R: f64 = 0.3;
/// Below this α a dimension is not internally consistent.
pub const ALPHA_MIN: f64 = 0.7;
/// Beyond |skew| and kurtosis both: a distribution with outliers (the JRC's rule).
pub const SKEW_MAX: f64 = 2.0;
/// See [`SKEW_MAX`].
pub const KURTOSIS_MAX: f64 = 3.5;

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// Stable code.
    pub code: &'static str,
    /// What it is about: `region_code year`, an indicator or dimension id, or `a b` for a pair.
    pub subject: String,
    /// The value that raised it.
    pub value: Option<f64>,
    /// What it means, in both languages.
    pub message: Text,
}

/// The flags of a Monte Carlo (regions named by `names[r]`) and of an audit.
pub(crate) fn flags(
    names: &[String],
    nominal: &[(u32, Option<usize>)],
    mc: &MonteCarlo,
    audit: &Audit,
) -> Vec<Flag> {
    let mut out = Vec::new();
    let n = |v: f64| Lang::En.number(v, 2);
    for (r, rob) in mc.regions.iter().enumerate() {
        let rank = nominal[r].0;
        if rank < rob.rank_p05 || rank > rob.rank_p95 {
            out.push(Flag {
                code: "A001",
                subject: names[r].clone(),
                value: Some(rank as f64),
                message: Text::new(
                    format!(
                        "peringkat {rank} di luar selang 5–95 % peringkatnya sendiri ({}–{})",
                        rob.rank_p05, rob.rank_p95
                    ),
                    format!(
                        "rank {rank} lies outside its own 5–95 % interval ({}–{})",
                        rob.rank_p05, rob.rank_p95
                    ),
                ),
            });
        }
        if nominal[r].1.is_some() && rob.p_same_band < SAME_BAND_MIN {
            out.push(Flag {
                code: "A002",
                subject: names[r].clone(),
                value: Some(rob.p_same_band),
                message: Text::new(
                    format!(
                        "predikat tidak pasti: sama pada {} % simulasi saja",
                        Lang::Id.number(rob.p_same_band * 100.0, 1)
                    ),
                    format!(
                        "band uncertain: the same in only {} % of runs",
                        Lang::En.number(rob.p_same_band * 100.0, 1)
                    ),
                ),
            });
        }
    }
    for ind in &audit.indicators {
        let subject = ind.id.clone();
        if ind.n >= 2 && ind.sd == Some(0.0) {
            out.push(Flag {
                code: "A101",
                subject: subject.clone(),
                value: ind.mean,
                message: Text::new(
                    "indikator tanpa variasi: semua jawaban sama",
                    "indicator with no variance: every answer the same",
                ),
            });
        }
        if let Some(s) = ind.at_min_share.filter(|s| *s > FLOOR_CEILING_SHARE) {
            out.push(Flag {
                code: "A102",
                subject: subject.clone(),
                value: Some(s),
                message: Text::new(
                    format!("efek lantai: {} jawaban di skor terendah", pct(Lang::Id, s)),
                    format!(
                        "floor effect: {} of answers at the lowest score",
                        pct(Lang::En, s)
                    ),
                ),
            });
        }
        if let Some(s) = ind.at_max_share.filter(|s| *s > FLOOR_CEILING_SHARE) {
            out.push(Flag {
                code: "A103",
                subject: subject.clone(),
                value: Some(s),
                message: Text::new(
                    format!(
                        "efek plafon: {} jawaban di skor tertinggi",
                        pct(Lang::Id, s)
                    ),
                    format!(
                        "ceiling effect: {} of answers at the highest score",
                        pct(Lang::En, s)
                    ),
                ),
            });
        }
        match ind.r_parent {
            Some(r) if r < 0.0 => out.push(Flag {
                code: "A105",
                subject: subject.clone(),
                value: Some(r),
                message: Text::new(
                    format!(
                        "berkorelasi negatif dengan dimensinya {} (r = {})",
                        ind.dimension,
                        Lang::Id.number(r, 2)
                    ),
                    format!(
                        "negatively correlated with its dimension {} (r = {})",
                        ind.dimension,
                        n(r)
                    ),
                ),
            }),
            Some(r) if r < WEAK_R => out.push(Flag {
                code: "A104",
                subject: subject.clone(),
                value: Some(r),
                message: Text::new(
                    format!(
                        "korelasi lemah dengan dimensinya {} (r = {} < 0,3)",
                        ind.dimension,
                        Lang::Id.number(r, 2)
                    ),
                    format!(
                        "weakly correlated with its dimension {} (r = {} < 0.3)",
                        ind.dimension,
                        n(r)
                    ),
                ),
            }),
            _ => {}
        }
        if let (Some(s), Some(k)) = (ind.skew, ind.kurtosis)
            && s.abs() > SKEW_MAX
            && k > KURTOSIS_MAX
        {
            out.push(Flag {
                code: "A108",
                subject,
                value: Some(s),
                message: Text::new(
                    format!(
                        "sebaran menceng (kemencengan {}, kurtosis {}): ada pencilan",
                        Lang::Id.number(s, 2),
                        Lang::Id.number(k, 2)
                    ),
                    format!(
                        "skewed distribution (skew {}, kurtosis {}): outliers",
                        n(s),
                        n(k)
                    ),
                ),
            });
        }
    }
    for p in &audit.redundant_pairs {
        out.push(Flag {
            code: "A106",
            subject: format!("{} {}", p.a, p.b),
            value: Some(p.r),
            message: Text::new(
                format!(
                    "pasangan berlebih di dimensi {}: |r| = {} > {}",
                    p.dimension,
                    Lang::Id.number(p.r.abs(), 3),
                    Lang::Id.number(REDUNDANT_R, 2)
                ),
                format!(
                    "redundant pair in dimension {}: |r| = {} > {}",
                    p.dimension,
                    Lang::En.number(p.r.abs(), 3),
                    n(REDUNDANT_R)
                ),
            ),
        });
    }
    for d in &audit.dimensions {
        if let Some(a) = d.cronbach_alpha.filter(|a| *a < ALPHA_MIN) {
            out.push(Flag {
                code: "A107",
                subject: d.id.clone(),
                value: Some(a),
                message: Text::new(
                    format!(
                        "konsistensi internal rendah: α Cronbach {} < 0,7",
                        Lang::Id.number(a, 2)
                    ),
                    format!("low internal consistency: Cronbach's α {} < 0.7", n(a)),
                ),
            });
        }
    }
    out
}

fn pct(lang: Lang, share: f64) -> String {
    format!("{} %", lang.number(share * 100.0, 0))
}
