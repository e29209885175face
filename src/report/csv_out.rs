//! `results.csv`: one row per region-year with stable columns (documented in the README). Numbers
//! keep 12 decimals (far beyond display rounding) so the file can serve as a later baseline.

use super::neutralize_formula;
use crate::compare::{Comparison, Entry};
use crate::framework::Framework;
use crate::submission::write_number;
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
    for c in [
        "next_band",
        "next_band_gap",
        "next_band_steps",
        "self_index",
        "self_gap",
        "verification_status",
        "reviewed",
        "changed",
    ] {
        cols.push(c.into());
    }
    cols
}

/// Writes one record field by field into the CSV writer, numbers formatted into one reused
/// buffer: a national results file has millions of fields.
struct Fields<'w> {
    w: &'w mut csv::Writer<Vec<u8>>,
    buf: String,
    /// The last source file and how it is shown: rows of one file follow each other.
    file: Option<(std::path::PathBuf, String)>,
    /// How files are named.
    shown: &'w crate::report::ShownPaths,
}

impl Fields<'_> {
    /// Text, neutralised so a spreadsheet never runs it as a formula.
    fn text(&mut self, s: &str) {
        // Writing to a Vec cannot fail.
        let _ = self.w.write_field(neutralize_formula(s).as_bytes());
    }

    /// A number at full precision, or an empty field.
    fn num(&mut self, v: Option<f64>) {
        self.buf.clear();
        if let Some(n) = v {
            write_number(&mut self.buf, n);
        }
        let _ = self.w.write_field(self.buf.as_bytes());
    }

    /// A whole number, or an empty field.
    fn int(&mut self, v: Option<i64>) {
        self.num(v.map(|v| v as f64));
    }

    /// A source file's path as shown.
    fn file(&mut self, path: &std::path::Path) {
        if self.file.as_ref().is_none_or(|(p, _)| p != path) {
            self.file = Some((path.to_path_buf(), self.shown.show(path)));
        }
        let shown = self.file.as_ref().map_or("", |(_, s)| s.as_str());
        let _ = self.w.write_field(neutralize_formula(shown).as_bytes());
    }

    fn end(&mut self) {
        let _ = self.w.write_record(std::iter::empty::<&[u8]>());
    }
}

fn row(f: &mut Fields, fw: &Framework, cmp: &Comparison, e: &Entry, lang: Lang) {
    let s = &e.submission;
    let sc = &e.scorecard;
    let prev = cmp.previous(e);
    let prev_band = prev.and_then(|p| p.band(fw));
    f.text(s.region.code);
    f.text(&s.region.display_name());
    f.text(s.region.kind.as_str());
    f.text(s.region.province_code);
    f.text(&crate::regions::display_name(s.region.province_name));
    f.int(Some(s.year.into()));
    f.text(&fw.id);
    f.text(&fw.version);
    f.num(sc.index);
    f.text(sc.band.map_or("", |b| fw.bands[b].label.get(lang)));
    f.text(match sc.status {
        crate::scoring::IndexStatus::Computed => "computed",
        crate::scoring::IndexStatus::Insufficient => "insufficient",
    });
    f.num(Some(sc.coverage.share()));
    f.int(Some(sc.coverage.answered as i64));
    f.int(Some(sc.coverage.not_applicable as i64));
    f.int(Some(sc.coverage.missing as i64));
    f.int(Some(sc.coverage.total as i64));
    f.int(prev.map(|p| p.year().into()));
    f.num(prev.and_then(|p| p.index()));
    f.num(e.improvement_since(prev));
    f.text(prev_band.map_or("", |b| fw.bands[b].label.get(lang)));
    f.int(sc.band.zip(prev_band).map(|(a, b)| a as i64 - b as i64));
    f.int(e.rank.map(i64::from));
    f.int(prev.and_then(|p| p.rank()).map(i64::from));
    f.int(e.rank_change_since(prev));
    f.int(e.rank_kind.map(i64::from));
    f.int(e.rank_province.map(i64::from));
    for d in 0..fw.dimensions.len() {
        f.num(sc.dimensions[d]);
        f.num(e.dimension_improvement_since(fw, d, prev));
    }
    for c in 0..fw.components.len() {
        f.num(sc.components[c]);
        f.num(e.component_improvement_since(fw, c, prev));
    }
    f.file(&s.source.file);
    let plan = e.next_band.as_deref();
    f.text(plan.map_or("", |p| fw.bands[p.band].label.get(lang)));
    f.num(plan.map(|p| p.gap));
    f.text(&plan.map_or(String::new(), |p| steps_text(fw, p, lang)));
    let review = s.review.as_deref();
    let own = review.and_then(|r| r.self_scores.as_deref());
    f.num(own.map_or(sc.index, |o| o.index));
    f.num(crate::scoring::self_assessed::self_gap(s, sc));
    f.text(s.verification_status().as_str());
    f.int(Some(review.map_or(0, |r| r.reviewed as i64)));
    f.int(Some(review.map_or(0, |r| r.changed as i64)));
    f.end();
}

/// The steps to the next band in one cell: `ID: answer → to_answer (+gain)`, separated by `; `
/// (a blank answer shows as `-`; gains with up to 12 decimals, written with a point).
pub(crate) fn steps_text(
    fw: &Framework,
    plan: &crate::scoring::next_band::NextBandPlan,
    lang: Lang,
) -> String {
    plan.steps
        .iter()
        .map(|s| {
            let from = fw.answer_text(s.indicator, s.answer.as_ref(), lang);
            format!(
                "{}: {} → {} (+{})",
                fw.indicators[s.indicator].id,
                if from.is_empty() { "-" } else { &from },
                fw.answer_text(s.indicator, Some(&s.to_answer), lang),
                crate::submission::format_number(s.gain)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The comparison as CSV (UTF-8, comma-delimited, header row), in memory (see [`write_csv`]).
pub fn to_csv(fw: &Framework, cmp: &Comparison, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_csv(fw, cmp, lang, &mut out);
    out
}

/// Rows formatted at once, in parallel chunks of [`CHUNK`]: enough to keep every core busy, few
/// enough that what waits to be written stays a few megabytes.
const WINDOW: usize = 32 * 1024;
/// Rows one thread formats at a time.
const CHUNK: usize = 2048;

/// Streams the comparison as CSV (UTF-8, comma-delimited, header row) into `out`, in the order of
/// the entries. Rows are formatted in parallel chunks (a national file has millions of numbers)
/// and written in order as each window of them is done, so the file is never held whole.
pub fn write_csv(
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(csv_columns(fw));
    out.write_all(&w.into_inner().unwrap_or_default())?;
    let shown = crate::report::ShownPaths::of(
        cmp.entries
            .iter()
            .map(|e| e.submission.source.file.as_path()),
    );
    for window in cmp.entries.chunks(WINDOW) {
        let chunks: Vec<Vec<u8>> = window
            .par_chunks(CHUNK)
            .map(|entries| {
                let mut w = csv::Writer::from_writer(Vec::new());
                let mut fields = Fields {
                    w: &mut w,
                    buf: String::new(),
                    file: None,
                    shown: &shown,
                };
                for e in entries {
                    row(&mut fields, fw, cmp, e, lang);
                }
                w.into_inner().unwrap_or_default()
            })
            .collect();
        for chunk in chunks {
            out.write_all(&chunk)?;
        }
    }
    Ok(())
}
