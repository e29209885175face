//! `results.xlsx`, for evaluators who work in spreadsheets: a ranking summary (conditional
//! formatting, frozen header, filters), one sheet per level with every intermediate score, a
//! radar chart, and the framework used. Numbers are written as numbers (never as text) with
//! display formats, so Excel or LibreOffice show them in the reader's own locale and they can be
//! sorted, filtered and summed.
//!
//! One file per sheet — the summary (`summary`), the dimension and component sheets (`levels`),
//! the indicator sheets (`indicators`), the radar chart (`radar`), the framework (`framework`) —
//! and the formats and cell helpers they share (`format`).

mod explain;
mod format;
mod framework;
mod indicators;
mod levels;
mod radar;
mod summary;
mod verification;

use self::format::Formats;
use self::framework::framework_sheet;
use self::indicators::indicator_sheet;
use self::levels::{Level, level_sheet};
use self::radar::radar_sheet;
use self::summary::summary_sheet;
use super::manifest::Timestamp;
use crate::compare::Comparison;
use crate::framework::Framework;
use crate::submission::DetailSpill;
use crate::text::{Lang, Words};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

/// Sheet names by language (one word each, so chart ranges need no quoting).
struct Names {
    summary: &'static str,
    dimensions: &'static str,
    components: &'static str,
    indicators: &'static str,
    radar: &'static str,
    framework: &'static str,
    change: &'static str,
    steps: &'static str,
    verification: &'static str,
}

/// The sheet names in `lang`.
fn names(lang: Lang) -> Names {
    let w = |id, en| Words::new(id, en).get(lang);
    Names {
        summary: w("Ringkasan", "Summary"),
        dimensions: w("Dimensi", "Dimensions"),
        components: w("Komponen", "Components"),
        indicators: w("Indikator", "Indicators"),
        radar: "Radar",
        framework: w("Kerangka", "Framework"),
        change: w("Perubahan", "Change"),
        steps: w("Langkah", "Next steps"),
        verification: w("Verifikasi", "Verification"),
    }
}

/// Rows of an Excel sheet.
const EXCEL_ROWS: usize = 1_048_576;

/// A sheet for a large table, written row by row: only the current row and the shared strings
/// stay in memory (a standard sheet keeps about 200 bytes per cell, gigabytes at village scale).
fn data_sheet<'w>(wb: &'w mut Workbook, name: &str) -> Result<&'w mut Worksheet, XlsxError> {
    wb.add_worksheet_with_low_memory()?.set_name(name)
}

/// Streams the workbook into `w`: at national scale it is a hundred megabytes, which need not
/// sit in memory on their way to disk. The answers' detail is read back from `details` when it
/// was moved there. `created` is the date the workbook says it was made (the
/// report's, so that `SOURCE_DATE_EPOCH` fixes it like every other file's).
pub fn write_xlsx(
    fw: &Framework,
    cmp: &Comparison,
    details: Option<&DetailSpill>,
    lang: Lang,
    created: Timestamp,
    w: impl std::io::Write + Send,
) -> Result<(), XlsxError> {
    let mut wb = workbook(fw, cmp, details, lang, EXCEL_ROWS - 1)?;
    let created = ExcelDateTime::from_timestamp(created.0)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    wb.save_to_writer(w)
}

/// The workbook with at most `max_rows` data rows per indicator sheet (further rows go on
/// further sheets).
fn workbook(
    fw: &Framework,
    cmp: &Comparison,
    details: Option<&DetailSpill>,
    lang: Lang,
    max_rows: usize,
) -> Result<Workbook, XlsxError> {
    let n = names(lang);
    let f = Formats::new(fw.precision);
    let mut wb = Workbook::new();
    summary_sheet(data_sheet(&mut wb, n.summary)?, fw, cmp, lang, &f)?;
    let dims = Level {
        items: fw
            .dimensions
            .iter()
            .map(|d| (d.id.clone(), &d.label))
            .collect(),
        score: &|e, d| e.scorecard.dimensions[d],
        change: &|e, d| e.dimension_improvement_since(fw, d, cmp.previous(e)),
    };
    level_sheet(data_sheet(&mut wb, n.dimensions)?, fw, cmp, lang, &f, &dims)?;
    if !fw.components.is_empty() {
        let comps = Level {
            items: fw
                .components
                .iter()
                .map(|c| (c.id.clone(), &c.label))
                .collect(),
            score: &|e, c| e.scorecard.components[c],
            change: &|e, c| e.component_improvement_since(fw, c, cmp.previous(e)),
        };
        level_sheet(
            data_sheet(&mut wb, n.components)?,
            fw,
            cmp,
            lang,
            &f,
            &comps,
        )?;
    }
    // One sheet per year, so a panel of many years stays usable; a sheet holds 1,048,576 rows
    // and a national village year has millions of answers, so a year continues on more sheets.
    let per_sheet = max_rows.clamp(1, EXCEL_ROWS - 1);
    let per_entry = fw.indicators.len();
    let reviewed = cmp.entries.iter().any(|e| e.submission.review.is_some());
    for (name, entries) in indicator_sheets(n.indicators, cmp, per_sheet, per_entry) {
        let ws = data_sheet(&mut wb, &name)?;
        indicator_sheet(ws, fw, entries, details, reviewed, lang, &f)?;
    }
    // A village panel has millions of change rows and of steps: they continue on more sheets
    // rather than stop at Excel's last row.
    let changes = continued_sheets(n.change, &cmp.entries, per_sheet, |e| {
        explain::change_rows(fw, cmp, e)
    });
    for (name, entries) in changes {
        explain::change_sheet(data_sheet(&mut wb, &name)?, fw, cmp, entries, lang, &f)?;
    }
    for (name, entries) in continued_sheets(n.steps, &cmp.entries, per_sheet, explain::step_rows) {
        explain::steps_sheet(data_sheet(&mut wb, &name)?, fw, entries, lang, &f)?;
    }
    if let Some(summary) = cmp
        .years
        .first()
        .and_then(|&year| crate::compare::review_summary(fw, cmp, year))
    {
        let ws = data_sheet(&mut wb, n.verification)?;
        verification::verification_sheet(ws, fw, cmp, &summary, lang, &f)?;
    }
    radar_sheet(
        wb.add_worksheet().set_name(n.radar)?,
        n.radar,
        fw,
        cmp,
        lang,
        &f,
    )?;
    framework_sheet(wb.add_worksheet().set_name(n.framework)?, fw, lang, &f)?;
    Ok(wb)
}

/// The indicator sheets: for each year, newest first, its name (`Indikator 2024`, continued on
/// `Indikator 2024 (2)`, …) and the region-years whose rows it holds (`per_entry` rows each, at
/// most `per_sheet` rows a sheet, a region-year never split). Without results, one empty sheet.
fn indicator_sheets<'c>(
    base: &str,
    cmp: &'c Comparison,
    per_sheet: usize,
    per_entry: usize,
) -> Vec<(String, &'c [crate::compare::Entry])> {
    // Entries are ordered newest year first, so each year's are one run.
    let mut sheets: Vec<_> = cmp
        .entries
        .chunk_by(|a, b| a.submission.year == b.submission.year)
        .flat_map(|run| {
            let name = format!("{base} {}", run[0].submission.year);
            continued_sheets(&name, run, per_sheet, |_| per_entry)
        })
        .collect();
    if sheets.is_empty() {
        sheets.push((base.to_string(), &cmp.entries[..]));
    }
    sheets
}

/// Sheets for a table too long for one: `base`, continued on `base (2)`, … with at most
/// `per_sheet` rows each, entry `e` taking `rows(e)` rows and never split. Always one sheet, empty
/// when no entry has rows.
fn continued_sheets<'c>(
    base: &str,
    entries: &'c [crate::compare::Entry],
    per_sheet: usize,
    rows: impl Fn(&crate::compare::Entry) -> usize,
) -> Vec<(String, &'c [crate::compare::Entry])> {
    let name = |k: usize| match k {
        0 => base.to_string(),
        _ => format!("{base} ({})", k + 1),
    };
    let mut sheets = Vec::new();
    let (mut start, mut filled) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        let n = rows(e);
        if filled > 0 && filled + n > per_sheet {
            sheets.push((name(sheets.len()), &entries[start..i]));
            (start, filled) = (i, 0);
        }
        filled += n;
    }
    sheets.push((name(sheets.len()), &entries[start..]));
    sheets
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::path::Path;

    fn fixture() -> (Framework, Comparison) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fw = crate::framework::load_file(&root.join("tests/fixtures/frameworks/example.toml"))
            .expect("example framework");
        let batch = crate::answers::ingest(
            &[root.join("tests/fixtures/answers/long-table.xlsx")],
            &fw,
            crate::answers::Mode::Score,
        );
        let cmp = crate::compare::compare(&fw, batch.submissions, &[]);
        (fw, cmp)
    }

    #[test]
    fn indicator_rows_go_on_a_sheet_per_year_continued_past_the_limit() {
        let (fw, cmp) = fixture();
        // 3 regions × 4 indicators = 12 rows a year, at most 10 rows (2 region-years) a sheet.
        let bytes = workbook(&fw, &cmp, None, Lang::En, 10)
            .unwrap()
            .save_to_buffer()
            .unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        assert_eq!(
            names,
            [
                "Summary",
                "Dimensions",
                "Components",
                "Indicators 2022",
                "Indicators 2022 (2)",
                "Indicators 2021",
                "Indicators 2021 (2)",
                "Change",
                "Change (2)",
                "Next steps",
                "Radar",
                "Framework"
            ]
        );
        let sheets = [
            "Indicators 2022",
            "Indicators 2022 (2)",
            "Indicators 2021",
            "Indicators 2021 (2)",
        ];
        let rows: Vec<usize> = sheets
            .iter()
            .map(|n| wb.worksheet_range(n).unwrap().rows().count() - 1)
            .collect();
        assert_eq!(rows, [8, 4, 8, 4]);
        // Every sheet has its header and holds its year only; a region-year is never split.
        for name in sheets {
            let sheet = wb.worksheet_range(name).unwrap();
            assert_eq!(
                sheet.get((0, 3)),
                Some(&Data::String("Indicator ID".into()))
            );
            let year: f64 = name[11..15].parse().unwrap();
            assert!(sheet.rows().skip(1).all(|r| r[0] == Data::Float(year)));
        }
        let second = wb.worksheet_range("Indicators 2022 (2)").unwrap();
        assert_eq!(second.get((1, 3)), Some(&Data::String("GOV-LP-01".into())));
        // The change rows (three 2022 region-years with a 2021 before them, 4 indicators each)
        // continue past the limit too: none is lost, none split.
        let change: Vec<usize> = ["Change", "Change (2)"]
            .iter()
            .map(|n| wb.worksheet_range(n).unwrap().rows().count() - 1)
            .collect();
        assert_eq!(change, [8, 4]);
    }

    #[test]
    fn continued_sheets_never_split_an_entry_and_lose_none() {
        let (_, cmp) = fixture();
        let rows = |e: &crate::compare::Entry| usize::from(e.submission.year == 2022) * 3;
        let sheets = continued_sheets("Steps", &cmp.entries, 7, rows);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Steps", "Steps (2)"]);
        let held: Vec<usize> = sheets
            .iter()
            .map(|(_, part)| part.iter().map(rows).sum())
            .collect();
        assert_eq!(held, [6, 3]);
        assert_eq!(
            sheets.iter().map(|(_, p)| p.len()).sum::<usize>(),
            cmp.entries.len()
        );
        // Nothing to write: still the one sheet, as before.
        let none = continued_sheets("Steps", &cmp.entries, 7, |_| 0);
        assert_eq!(none.len(), 1);
    }

    #[test]
    fn a_workbook_without_results_has_one_empty_indicator_sheet() {
        let (fw, _) = fixture();
        let empty = Comparison {
            entries: Vec::new(),
            years: Vec::new(),
        };
        let sheets = indicator_sheets("Indicators", &empty, 10, 4);
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].0, "Indicators");
        assert!(workbook(&fw, &empty, None, Lang::En, 10).is_ok());
    }
}
