//! The `Perubahan` / `Change` sheet (each indicator's contribution to each region-year's
//! improvement, with its score and weight effects) and the `Langkah` / `Next steps` sheet (the
//! steps to the next band, one row per step).

use super::EXCEL_ROWS;
use super::format::{Formats, finish_table, header, put, region_cells, region_headings, t};
use crate::compare::{Comparison, Entry, explain};
use crate::framework::Framework;
use crate::text::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The rows of the change sheet of entry `e`: one per indicator when its change is decomposed.
pub(super) fn change_rows(fw: &Framework, cmp: &Comparison, e: &Entry) -> usize {
    match explain::change(fw, e, cmp.previous(e)) {
        Some(_) => fw.indicators.len(),
        None => 0,
    }
}

/// The rows of the next-steps sheet of entry `e`: one per step.
pub(super) fn step_rows(e: &Entry) -> usize {
    e.next_band.as_deref().map_or(0, |p| p.steps.len())
}

/// One row per region-year of `entries` with a decomposed change and indicator (the caller
/// gives each sheet no more entries than fit: see [`super::continued_sheets`]).
pub(super) fn change_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    cmp: &Comparison,
    entries: &[Entry],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols: Vec<String> = region_headings(lang)
        .into_iter()
        .chain([
            t("Dibandingkan dengan tahun", "Compared with year", lang),
            t("Perubahan indeks", "Index change", lang),
            t("ID indikator", "Indicator ID", lang),
            t("Dimensi", "Dimension", lang),
            t("Komponen", "Component", lang),
            t("Kontribusi", "Contribution", lang),
            t("Efek skor", "Score effect", lang),
            t("Efek bobot", "Weight effect", lang),
        ])
        .map(str::to_string)
        .collect();
    header(ws, &cols, f)?;
    let mut r = 0u32;
    'entries: for e in entries {
        let Some(c) = explain::change(fw, e, cmp.previous(e)) else {
            continue;
        };
        for (i, ind) in fw.indicators.iter().enumerate() {
            if r as usize + 1 >= EXCEL_ROWS {
                break 'entries;
            }
            r += 1;
            region_cells(ws, r, e, lang)?;
            ws.write_number(r, 4, c.from_year as f64)?;
            put(ws, r, 5, Some(c.improvement), &f.delta)?;
            ws.write_string(r, 6, &ind.id)?;
            ws.write_string(r, 7, &fw.dimensions[ind.parent].id)?;
            if let Some(k) = ind.component {
                ws.write_string(r, 8, &fw.components[k].id)?;
            }
            let x = &c.by_indicator[i];
            put(ws, r, 9, Some(x.contribution), &f.delta)?;
            put(ws, r, 10, Some(x.score_effect), &f.delta)?;
            put(ws, r, 11, Some(x.weight_effect), &f.delta)?;
        }
    }
    finish_table(ws, r, cols.len() as u16, 4, &[5, 9, 10, 11], f)?;
    ws.set_column_width(2, 26)?;
    for c in 4..12 {
        ws.set_column_width(c, 13)?;
    }
    Ok(())
}

/// One row per step to the next band of every region-year of `entries` below the top band.
pub(super) fn steps_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    entries: &[Entry],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols: Vec<String> = region_headings(lang)
        .into_iter()
        .chain([
            t("Indeks", "Index", lang),
            t("Predikat berikutnya", "Next band", lang),
            t("Minimal", "Threshold", lang),
            t("Kurang", "Gap", lang),
            t("Langkah", "Step", lang),
            t("ID indikator", "Indicator ID", lang),
            t("Jawaban", "Answer", lang),
            t("Jawaban baru", "New answer", lang),
            t("Tambahan", "Gain", lang),
        ])
        .map(str::to_string)
        .collect();
    header(ws, &cols, f)?;
    let mut r = 0u32;
    'entries: for e in entries {
        let Some(plan) = e.next_band.as_deref() else {
            continue;
        };
        for (k, step) in plan.steps.iter().enumerate() {
            if r as usize + 1 >= EXCEL_ROWS {
                break 'entries;
            }
            r += 1;
            region_cells(ws, r, e, lang)?;
            put(ws, r, 4, e.scorecard.index, &f.score)?;
            ws.write_string(r, 5, fw.bands[plan.band].label.get(lang))?;
            put(ws, r, 6, Some(plan.threshold), &f.score)?;
            put(ws, r, 7, Some(plan.gap), &f.score)?;
            ws.write_number(r, 8, (k + 1) as f64)?;
            ws.write_string(r, 9, &fw.indicators[step.indicator].id)?;
            ws.write_string(
                r,
                10,
                fw.answer_text(step.indicator, step.answer.as_ref(), lang),
            )?;
            ws.write_string(
                r,
                11,
                fw.answer_text(step.indicator, Some(&step.to_answer), lang),
            )?;
            put(ws, r, 12, Some(step.gain), &f.delta)?;
        }
    }
    finish_table(ws, r, cols.len() as u16, 4, &[12], f)?;
    ws.set_column_width(2, 26)?;
    for c in 4..13 {
        ws.set_column_width(c, 12)?;
    }
    Ok(())
}
