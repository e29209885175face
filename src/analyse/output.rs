//! The analysis as data: `sensitivity.csv` (a row per region-year), `audit.csv` (a row per
//! indicator, then per dimension) and `audit.json` (everything). Numbers keep 12 decimals in CSV
//! and full precision in JSON; nothing depends on the date, so the same inputs and seed give the
//! same bytes.

use super::{Analysis, GroupSensitivity};
use crate::framework::Framework;
use crate::report::neutralize_formula;
use crate::submission::write_number;
use serde::Serialize;
use serde_json::{Value, json};

/// The columns of `sensitivity.csv`.
pub const SENSITIVITY_COLUMNS: [&str; 11] = [
    "region_code",
    "region_name",
    "year",
    "index",
    "rank",
    "rank_median",
    "rank_p05",
    "rank_p95",
    "index_p05",
    "index_p95",
    "p_same_band",
];

/// The columns of `audit.csv`.
pub const AUDIT_COLUMNS: [&str; 22] = [
    "level",
    "id",
    "dimension",
    "n",
    "answered_share",
    "na_share",
    "missing_share",
    "mean",
    "sd",
    "skew",
    "kurtosis",
    "at_min_share",
    "at_max_share",
    "distinct_answers",
    "r_parent",
    "r_index",
    "loo_rank_shift",
    "indicators",
    "cronbach_alpha",
    "n_complete",
    "pc1_share",
    "flags",
];

fn num(v: f64) -> String {
    let mut s = String::new();
    write_number(&mut s, v);
    s
}

fn opt(v: Option<f64>) -> String {
    v.map(num).unwrap_or_default()
}

fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.iter().map(|f| neutralize_formula(f).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// `sensitivity.csv`: one row per region-year, by nominal rank.
pub fn sensitivity_csv(a: &Analysis) -> Vec<u8> {
    let rows = a
        .regions
        .iter()
        .map(|r| {
            let u = &r.robustness;
            vec![
                r.region_code.to_string(),
                r.region_name.clone(),
                r.year.to_string(),
                num(r.index),
                r.rank.to_string(),
                u.rank_median.to_string(),
                u.rank_p05.to_string(),
                u.rank_p95.to_string(),
                num(u.index_p05),
                num(u.index_p95),
                num(u.p_same_band),
            ]
        })
        .collect();
    csv_bytes(&SENSITIVITY_COLUMNS, rows)
}

/// `audit.csv`: one row per indicator, then one per dimension; the codes of the flags raised on
/// each in the last column.
pub fn audit_csv(a: &Analysis) -> Vec<u8> {
    let flags_of = |id: &str| {
        a.flags
            .iter()
            .filter(|f| {
                f.subject == id || f.subject.split(' ').any(|s| s == id) && f.code == "A106"
            })
            .map(|f| f.code)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut rows = Vec::new();
    for i in &a.audit.indicators {
        let mut row = vec![
            "indicator".to_string(),
            i.id.clone(),
            i.dimension.clone(),
            i.n.to_string(),
            num(i.answered_share),
            num(i.na_share),
            num(i.missing_share),
            opt(i.mean),
            opt(i.sd),
            opt(i.skew),
            opt(i.kurtosis),
            opt(i.at_min_share),
            opt(i.at_max_share),
            i.distinct_answers.to_string(),
            opt(i.r_parent),
            opt(i.r_index),
            opt(i.loo_rank_shift),
        ];
        row.extend(["", "", "", ""].map(String::from));
        row.push(flags_of(&i.id));
        rows.push(row);
    }
    for d in &a.audit.dimensions {
        let mut row = vec!["dimension".to_string(), d.id.clone()];
        row.extend(std::iter::repeat_n(String::new(), 15));
        row.extend([
            d.indicators.to_string(),
            opt(d.cronbach_alpha),
            d.n_complete.to_string(),
            opt(d.pc1_share),
            flags_of(&d.id),
        ]);
        rows.push(row);
    }
    csv_bytes(&AUDIT_COLUMNS, rows)
}

#[derive(Serialize)]
struct RegionJson<'a> {
    region_code: &'a str,
    region_name: &'a str,
    year: i32,
    index: f64,
    rank: u32,
    band: Option<&'a str>,
    rank_median: u32,
    rank_p05: u32,
    rank_p95: u32,
    index_p05: f64,
    index_p95: f64,
    p_same_band: f64,
}

/// `audit.json`: the settings, the audit (`indicators`, `dimensions`, `redundant_pairs`), the
/// Monte Carlo (`regions`, `sensitivity`) and the `flags`.
pub fn audit_json(fw: &Framework, a: &Analysis) -> Vec<u8> {
    let regions: Vec<RegionJson> = a
        .regions
        .iter()
        .map(|r| RegionJson {
            region_code: r.region_code,
            region_name: &r.region_name,
            year: r.year,
            index: r.index,
            rank: r.rank,
            band: r.band.map(|b| fw.bands[b].label.en.as_str()),
            rank_median: r.robustness.rank_median,
            rank_p05: r.robustness.rank_p05,
            rank_p95: r.robustness.rank_p95,
            index_p05: r.robustness.index_p05,
            index_p95: r.robustness.index_p95,
            p_same_band: r.robustness.p_same_band,
        })
        .collect();
    let groups: Vec<&GroupSensitivity> = a.monte_carlo.sensitivity.iter().collect();
    let doc: Value = json!({
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "framework": {"id": fw.id, "version": fw.version, "content_hash": fw.content_hash},
        "year": a.year,
        "region_years": a.audit.region_years,
        "settings": a.settings,
        "indicators": a.audit.indicators,
        "dimensions": a.audit.dimensions,
        "redundant_pairs": a.audit.redundant_pairs,
        "regions": regions,
        "sensitivity": {
            "output": "ranks of every region-year of the year (variances summed over region-years)",
            "first_order_estimator": "Saltelli 2010",
            "total_estimator": "Jansen 1999",
            "interval": "2.5-97.5 % bootstrap percentile (nearest rank) over the rows",
            "runs": a.runs(),
            "rank_variance": a.monte_carlo.rank_variance,
            "groups": groups,
        },
        "flags": a.flags,
    });
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
