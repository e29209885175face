//! The level sheets (`Dimensi` / `Dimensions`, `Komponen` / `Components`): every score of one
//! level of the framework, and its change, per region-year.

use super::format::{
    Formats, colour_scale, finish_table, header, put, region_cells, region_headings, t,
};
use crate::compare::{Comparison, Entry};
use crate::framework::Framework;
use crate::text::{Lang, Text};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// A level of the framework as a sheet shows it: its items, and how to read an entry's score
/// and change of item `k`.
pub(super) struct Level<'a> {
    pub(super) items: Vec<(String, &'a Text)>,
    pub(super) score: &'a dyn Fn(&Entry, usize) -> Option<f64>,
    pub(super) change: &'a dyn Fn(&Entry, usize) -> Option<f64>,
}

/// A level sheet: one row per region-year, one score column per item, then one change column
/// per item.
pub(super) fn level_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    f: &Formats,
    level: &Level,
) -> Result<(), XlsxError> {
    let items = &level.items;
    let mut cols: Vec<String> = region_headings(lang)
        .into_iter()
        .chain([t("Indeks", "Index", lang)])
        .map(str::to_string)
        .collect();
    let first = cols.len() as u16;
    let n = items.len() as u16;
    for (id, label) in items {
        // "Dampak (Impact) (impact)" says the id twice.
        let name = label.get(lang);
        if name
            .to_lowercase()
            .contains(&format!("({})", id.to_lowercase()))
        {
            cols.push(name.to_string());
        } else {
            cols.push(format!("{name} ({id})"));
        }
    }
    for (id, _) in items {
        cols.push(format!("Δ {id}"));
    }
    header(ws, &cols, f)?;
    for (i, e) in cmp.entries.iter().enumerate() {
        let r = i as u32 + 1;
        region_cells(ws, r, e, lang)?;
        put(ws, r, 4, e.scorecard.index, &f.score)?;
        for k in 0..items.len() {
            put(ws, r, first + k as u16, (level.score)(e, k), &f.score)?;
            put(ws, r, first + n + k as u16, (level.change)(e, k), &f.delta)?;
        }
    }
    let rows = cmp.entries.len() as u32;
    if rows > 0 && n > 0 {
        ws.add_conditional_format(1, 4, rows, first + n - 1, &colour_scale(fw))?;
    }
    let deltas: Vec<u16> = (first + n..first + 2 * n).collect();
    finish_table(ws, rows, cols.len() as u16, 3, &deltas, f)?;
    ws.set_column_width(1, 8)?;
    ws.set_column_width(2, 26)?;
    ws.set_column_width(3, 10)?;
    for c in first..first + 2 * n {
        ws.set_column_width(c, 12)?;
    }
    Ok(())
}
