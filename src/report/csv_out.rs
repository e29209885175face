//! `results.csv`: one row per region-year with stable columns (documented in the README). Numbers
//! keep 12 decimals (far beyond display rounding) so the file can serve as a later baseline.

use super::{band_label, neutralize_formula};
use crate::answers::format_number;
use crate::compare::{Comparison, Entry};
use crate::framework::Framework;
use crate::text::Lang;

/// The column names, in order, for a framework.
pub fn csv_columns(fw: &Framework) -> Vec<String> {
    let mut cols: Vec<String> = [
        "region_code",
        "region_name",
        "kind",
        "province_code",
        "province_name",
        "year",
        "framework_id",
        "framework_version",
        "index",
        "band",
        "status",
        "coverage",
        "answered",
        "not_applicable",
        "missing",
        "indicators",
        "previous_year",
        "previous_index",
        "improvement",
        "previous_band",
        "band_change",
        "rank",
        "previous_rank",
        "rank_change",
        "rank_kind",
        "rank_province",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for d in &fw.dimensions {
        cols.push(format!("dimension:{}", d.id));
        cols.push(format!("dimension:{}:improvement", d.id));
    }
    for c in &fw.components {
        cols.push(format!("component:{}", c.id));
        cols.push(format!("component:{}:improvement", c.id));
    }
    cols.push("source_file".into());
    cols
}

fn num(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

fn int(v: Option<impl ToString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn row(fw: &Framework, e: &Entry, lang: Lang) -> Vec<String> {
    let s = &e.submission;
    let sc = &e.scorecard;
    let prev = e.previous.as_ref();
    let prev_band = e.previous_band(fw);
    let mut r = vec![
        s.region.code.to_string(),
        s.region.display_name(),
        s.region.kind.as_str().to_string(),
        s.region.province_code.to_string(),
        crate::regions::display_name(s.region.province_name),
        s.year.to_string(),
        fw.id.clone(),
        fw.version.clone(),
        num(sc.index),
        band_label(fw, e, lang),
        match sc.status {
            crate::scoring::IndexStatus::Computed => "computed",
            crate::scoring::IndexStatus::Insufficient => "insufficient",
        }
        .to_string(),
        format_number(sc.coverage.share()),
        sc.coverage.answered.to_string(),
        sc.coverage.not_applicable.to_string(),
        sc.coverage.missing.to_string(),
        sc.coverage.total.to_string(),
        int(prev.map(|p| p.year)),
        num(prev.and_then(|p| p.index)),
        num(e.improvement()),
        prev_band
            .map(|b| fw.bands[b].label.get(lang).to_string())
            .unwrap_or_default(),
        int(sc.band.zip(prev_band).map(|(a, b)| a as i64 - b as i64)),
        int(e.rank),
        int(prev.and_then(|p| p.rank)),
        int(e.rank_change()),
        int(e.rank_kind),
        int(e.rank_province),
    ];
    for d in 0..fw.dimensions.len() {
        r.push(num(sc.dimensions[d]));
        r.push(num(e.dimension_improvement(fw, d)));
    }
    for c in 0..fw.components.len() {
        r.push(num(sc.components[c]));
        r.push(num(e.component_improvement(fw, c)));
    }
    r.push(s.file.display().to_string());
    r
}

/// The comparison as CSV (UTF-8, comma-delimited, header row).
pub fn to_csv(fw: &Framework, cmp: &Comparison, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(csv_columns(fw));
    for e in &cmp.entries {
        let fields: Vec<String> = row(fw, e, lang)
            .into_iter()
            // Numbers (improvements can be negative) stay numbers; only text is neutralised.
            .map(|f| {
                if f.parse::<f64>().is_ok() {
                    f
                } else {
                    neutralize_formula(&f).into_owned()
                }
            })
            .collect();
        let _ = w.write_record(fields);
    }
    w.into_inner().unwrap_or_default()
}
