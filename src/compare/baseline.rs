//! Earlier results: a snapshot of a region-year read back from results this tool wrote before
//! (`results.csv` or `results.json`) when last year's answers are not at hand. (An earlier year
//! of this run's inputs is its entry, linked by index: see `Comparison::previous`.)

use crate::diagnostics::{Code, Place, Problem};
use crate::framework::Framework;
use crate::submission::{decode_text, detect_delimiter};
use crate::text::Text;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What is kept of a region-year to compare a later year with.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Kemendagri code.
    pub region_code: String,
    /// Year.
    pub year: i32,
    /// Framework id.
    pub framework_id: String,
    /// Framework version.
    pub framework_version: String,
    /// Index, if computed.
    pub index: Option<f64>,
    /// Band label as recorded (baseline files only; inputs use the index).
    pub band: Option<String>,
    /// Rank among all regions that year.
    pub rank: Option<u32>,
    /// Scores by dimension id.
    pub dimensions: HashMap<String, f64>,
    /// Scores by component id.
    pub components: HashMap<String, f64>,
    /// Where it came from.
    pub source: PathBuf,
}

impl Snapshot {
    /// The index exactly: the decimal the baseline file holds.
    pub fn exact_index(&self) -> Option<crate::scoring::exact::Exact> {
        self.index.map(crate::scoring::exact::decimal)
    }
}

/// Prefix of per-dimension score columns in results CSV (`dimension:GOV`).
pub(crate) const DIMENSION_PREFIX: &str = "dimension:";
/// Prefix of per-component score columns in results CSV (`component:output`).
pub(crate) const COMPONENT_PREFIX: &str = "component:";

fn baseline_problem(path: &Path, place: Place, id: String, en: String) -> Problem {
    Problem::new(
        Code::E017,
        path,
        place,
        Text::new(
            format!("hasil pembanding tidak dapat dipakai: {id}"),
            format!("cannot use the baseline: {en}"),
        ),
    )
}

/// Reads earlier results written by this tool (CSV or JSON). Records of another framework are
/// left out with an error; everything else that is wrong is named by line.
pub(crate) fn read_baseline(path: &Path, fw: &Framework) -> (Vec<Snapshot>, Vec<Problem>) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return (
                Vec::new(),
                vec![{
                    let why = crate::text::os_error(&e);
                    baseline_problem(path, Place::File, why.id, why.en)
                }],
            );
        }
    };
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (snapshots, mut problems) = if is_json {
        from_json(path, &bytes)
    } else {
        from_csv(path, &bytes)
    };
    let (same, other): (Vec<Snapshot>, Vec<Snapshot>) =
        snapshots.into_iter().partition(|s| s.framework_id == fw.id);
    if let Some(o) = other.first() {
        problems.push(baseline_problem(
            path,
            Place::File,
            format!(
                "{} baris dari kerangka `{}`, bukan `{}`; tidak dipakai",
                other.len(),
                o.framework_id,
                fw.id
            ),
            format!(
                "{} records are of framework `{}`, not `{}`; left out",
                other.len(),
                o.framework_id,
                fw.id
            ),
        ));
    }
    (same, problems)
}

fn from_csv(path: &Path, bytes: &[u8]) -> (Vec<Snapshot>, Vec<Problem>) {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(&text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return (
                Vec::new(),
                vec![baseline_problem(
                    path,
                    Place::File,
                    e.to_string(),
                    e.to_string(),
                )],
            );
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let needed = [
        "region_code",
        "year",
        "framework_id",
        "framework_version",
        "index",
    ];
    let missing: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|n| col(n).is_none())
        .collect();
    if !missing.is_empty() {
        let list = missing.join(", ");
        return (
            Vec::new(),
            vec![baseline_problem(
                path,
                Place::Line {
                    line: 1,
                    column: None,
                },
                format!("kolom tidak ada: {list} (harus berkas results.csv dari smartcity)"),
                format!("missing columns: {list} (expected a results.csv written by smartcity)"),
            )],
        );
    }
    let get = |r: &csv::StringRecord, name: &str| {
        col(name)
            .and_then(|c| r.get(c))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| unguard(s).to_string())
    };
    let num = |s: Option<String>| s.and_then(|s| results_number(&s));
    let mut out = Vec::new();
    for (n, rec) in reader.records().enumerate() {
        let line = n as u64 + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(baseline_problem(
                    path,
                    Place::Line { line, column: None },
                    e.to_string(),
                    e.to_string(),
                ));
                continue;
            }
        };
        let year = num(get(&rec, "year")).filter(|y| y.fract() == 0.0);
        let (Some(code), Some(year)) = (get(&rec, "region_code"), year) else {
            problems.push(baseline_problem(
                path,
                Place::Line { line, column: None },
                "kode wilayah atau tahun tidak valid".into(),
                "region code or year not valid".into(),
            ));
            continue;
        };
        let prefixed = |prefix: &str| -> HashMap<String, f64> {
            headers
                .iter()
                .enumerate()
                .filter_map(|(c, h)| {
                    let id = h.strip_prefix(prefix)?;
                    if id.contains(':') {
                        return None; // e.g. dimension:GOV:improvement
                    }
                    let v = results_number(rec.get(c)?)?;
                    Some((id.to_string(), v))
                })
                .collect()
        };
        let index_text = get(&rec, "index");
        let index = num(index_text.clone());
        if let (Some(text), None) = (&index_text, index) {
            problems.push(unreadable_index(
                path,
                Place::Line { line, column: None },
                text,
            ));
        }
        out.push(Snapshot {
            region_code: code,
            year: year as i32,
            framework_id: get(&rec, "framework_id").unwrap_or_default(),
            framework_version: get(&rec, "framework_version").unwrap_or_default(),
            index,
            band: get(&rec, "band"),
            rank: num(get(&rec, "rank")).map(|r| r as u32),
            dimensions: prefixed(DIMENSION_PREFIX),
            components: prefixed(COMPONENT_PREFIX),
            source: path.to_path_buf(),
        });
    }
    (out, problems)
}

fn from_json(path: &Path, bytes: &[u8]) -> (Vec<Snapshot>, Vec<Problem>) {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            return (
                Vec::new(),
                vec![baseline_problem(
                    path,
                    Place::Line {
                        line: e.line() as u64,
                        column: Some(e.column() as u64),
                    },
                    e.to_string(),
                    e.to_string(),
                )],
            );
        }
    };
    let Some(results) = value.get("results").and_then(|r| r.as_array()) else {
        return (
            Vec::new(),
            vec![baseline_problem(
                path,
                Place::File,
                "tidak ada larik `results` (harus berkas results.json dari smartcity)".into(),
                "no `results` array (expected a results.json written by smartcity)".into(),
            )],
        );
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let s = |k: &str| r.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let scores = |k: &str| -> HashMap<String, f64> {
            r.get(k)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|d| {
                    Some((
                        d.get("id")?.as_str()?.to_string(),
                        d.get("score")?.as_f64()?,
                    ))
                })
                .collect()
        };
        let (Some(code), Some(year)) = (s("region_code"), r.get("year").and_then(|y| y.as_i64()))
        else {
            problems.push(baseline_problem(
                path,
                Place::File,
                format!("hasil ke-{} tanpa region_code atau year", i + 1),
                format!("result #{} has no region_code or year", i + 1),
            ));
            continue;
        };
        let index = r.get("index").and_then(|v| v.as_f64());
        if let Some(v) = r.get("index").filter(|v| !v.is_null() && index.is_none()) {
            let mut p = unreadable_index(path, Place::File, &v.to_string());
            p.message = Text::new(
                format!("hasil ke-{}: {}", i + 1, p.message.id),
                format!("result #{}: {}", i + 1, p.message.en),
            );
            problems.push(p);
        }
        out.push(Snapshot {
            region_code: code,
            year: year as i32,
            framework_id: s("framework_id").unwrap_or_default(),
            framework_version: s("framework_version").unwrap_or_default(),
            index,
            band: s("band"),
            rank: r.get("rank").and_then(|v| v.as_u64()).map(|v| v as u32),
            dimensions: scores("dimensions"),
            components: scores("components"),
            source: path.to_path_buf(),
        });
    }
    (out, problems)
}

/// Text of a results file as it was before the tool's formula guard (`neutralize_formula` in
/// `report::write`) put an apostrophe before a leading `=`, `+`, `-`, `@`, tab or carriage return:
/// a framework `-kota` is written `'-kota` and read back as `-kota`.
pub(crate) fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// W014: a baseline record's index is there but is not a finite number; the record is still
/// used (its region and year are known), with no index to compare against.
fn unreadable_index(path: &Path, place: Place, text: &str) -> Problem {
    Problem::new(
        Code::W014,
        path,
        place,
        Text::new(
            "indeks pada hasil pembanding bukan angka terhingga; perubahan dari tahun itu dibiarkan kosong",
            "the baseline's index is not a finite number; the improvement from that year is left blank",
        ),
    )
    .found(text)
}

/// A number of a results file: written by this tool with a decimal point (`3.125`), so the point
/// is never a thousands separator there; numbers edited in by hand are read as anywhere else.
fn results_number(text: &str) -> Option<f64> {
    if crate::submission::ambiguous_grouping(text) && !text.contains(',') {
        return text.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    }
    crate::submission::parse_number(text)
}
