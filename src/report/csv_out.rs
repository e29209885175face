//! `results.csv`: one row per region-year with stable columns (documented in the README). Numbers
//! keep 12 decimals (far beyond display rounding) so the file can serve as a later baseline.

use super::neutralize_formula;
use crate::compare::{Comparison, Entry, Ranked, Ranking};
use crate::framework::Framework;
use crate::submission::write_number;
use crate::text::Lang;
use std::borrow::Cow;

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

fn row(f: &mut Fields, fw: &Framework, r: &Ranked, lang: Lang) {
    let prev = r.previous;
    let band = |b: Option<usize>| b.map_or("", |b| fw.bands[b].label.get(lang));
    f.text(r.region.code);
    f.text(&r.region.display_name());
    f.text(r.region.kind.as_str());
    f.text(r.region.province_code);
    f.text(&crate::regions::display_name(r.region.province_name));
    f.int(Some(r.year.into()));
    f.text(&fw.id);
    f.text(&fw.version);
    f.num(r.index);
    f.text(band(r.band));
    f.text(match r.status {
        crate::scoring::IndexStatus::Computed => "computed",
        crate::scoring::IndexStatus::Insufficient => "insufficient",
    });
    f.num(Some(r.coverage.share()));
    f.int(Some(r.coverage.answered as i64));
    f.int(Some(r.coverage.not_applicable as i64));
    f.int(Some(r.coverage.missing as i64));
    f.int(Some(r.coverage.total as i64));
    f.int(prev.map(|p| p.year.into()));
    f.num(prev.and_then(|p| p.index));
    f.num(r.improvement);
    f.text(band(prev.and_then(|p| p.band)));
    f.int(r.band_change());
    f.int(r.rank.map(i64::from));
    f.int(prev.and_then(|p| p.rank).map(i64::from));
    f.int(r.rank_change());
    f.int(r.rank_kind.map(i64::from));
    f.int(r.rank_province.map(i64::from));
    for part in r.dimensions.iter().chain(r.components.iter()) {
        f.num(part.score);
        f.num(part.improvement);
    }
    f.file(&r.file);
    let plan = r.next_band.as_deref();
    f.text(plan.map_or("", |p| fw.bands[p.band].label.get(lang)));
    f.num(plan.map(|p| p.gap));
    f.text(&plan.map_or(String::new(), |p| steps_text(fw, p, lang)));
    f.num(r.self_index);
    f.num(r.self_gap);
    f.text(r.verification.as_str());
    f.int(Some(r.reviewed as i64));
    f.int(Some(r.changed as i64));
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
/// the entries; each entry's row is made as it is written ([`Ranked::of`]).
pub fn write_csv(
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let files = cmp
        .entries
        .iter()
        .map(|e| e.submission.source.file.as_path());
    let row = |e: &Entry| Cow::Owned(Ranked::of(fw, e, cmp.previous(e)));
    write_header(fw, out)?;
    let shown = crate::report::ShownPaths::of(files);
    write_body(fw, &cmp.entries, row, &shown, lang, out)
}

/// Streams a ranking as CSV, like [`write_csv`].
pub fn write_ranking_csv(
    fw: &Framework,
    ranking: &Ranking,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let shown = crate::report::ShownPaths::of(ranking.files());
    write_header(fw, out)?;
    for year in ranking.each_year() {
        let (_, rows) = year?;
        write_body(fw, &rows, Cow::Borrowed, &shown, lang, out)?;
    }
    Ok(())
}

/// Writes the header row.
fn write_header(fw: &Framework, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(csv_columns(fw));
    out.write_all(&w.into_inner().unwrap_or_default())
}

/// Writes the row of each item, in order. Rows are formatted in parallel chunks (a national file
/// has millions of numbers) and written as each window of them is done, so the file is never
/// held whole.
fn write_body<'a, T: Sync>(
    fw: &Framework,
    items: &'a [T],
    row_of: impl Fn(&'a T) -> Cow<'a, Ranked> + Sync,
    shown: &crate::report::ShownPaths,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    for window in items.chunks(WINDOW) {
        let chunks: Vec<Vec<u8>> = window
            .par_chunks(CHUNK)
            .map(|items| {
                let mut w = csv::Writer::from_writer(Vec::new());
                let mut fields = Fields {
                    w: &mut w,
                    buf: String::new(),
                    file: None,
                    shown,
                };
                for item in items {
                    row(&mut fields, fw, &row_of(item), lang);
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
