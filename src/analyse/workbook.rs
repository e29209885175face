//! The analysis workbook (`analysis.xlsx`): the rank intervals, the indicator and dimension audit,
//! the sensitivity indices and the flags, one sheet each (sheet names in the reader's language),
//! numbers as real numbers, the header row carrying the field names of the CSV and JSON.

use super::Analysis;
use super::output::{AUDIT_COLUMNS, SENSITIVITY_COLUMNS};
use crate::framework::Framework;
use crate::report::{Timestamp, neutralize_formula};
use crate::text::{Lang, Words};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

fn sheet(wb: &mut Workbook, name: &str, header: &[&str]) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(name)?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

fn put(ws: &mut Worksheet, row: u32, cells: Vec<Cell>) -> Result<(), XlsxError> {
    for (c, cell) in cells.into_iter().enumerate() {
        match cell {
            Cell::Text(s) => {
                ws.write_string(row, c as u16, neutralize_formula(&s).as_ref())?;
            }
            Cell::Number(v) if v.is_finite() => {
                ws.write_number(row, c as u16, v)?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn opt(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

/// The workbook's bytes; `created` is the date it says it was made (`SOURCE_DATE_EPOCH` fixes it).
pub fn to_xlsx(
    fw: &Framework,
    a: &Analysis,
    lang: Lang,
    created: Timestamp,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let names = [
        Words::new("Peringkat", "Ranks"),
        Words::new("Audit", "Audit"),
        Words::new("Sensitivitas", "Sensitivity"),
        Words::new("Catatan", "Flags"),
    ]
    .map(|w| w.get(lang));
    sheet(&mut wb, names[0], &SENSITIVITY_COLUMNS)?;
    {
        let ws = wb.worksheet_from_index(0)?;
        for (k, r) in a.regions.iter().enumerate() {
            let u = &r.robustness;
            put(
                ws,
                k as u32 + 1,
                vec![
                    Cell::Text(r.region_code.into()),
                    Cell::Text(r.region_name.clone()),
                    Cell::Number(r.year as f64),
                    Cell::Number(r.index),
                    Cell::Number(r.rank as f64),
                    Cell::Number(u.rank_median as f64),
                    Cell::Number(u.rank_p05 as f64),
                    Cell::Number(u.rank_p95 as f64),
                    Cell::Number(u.index_p05),
                    Cell::Number(u.index_p95),
                    Cell::Number(u.p_same_band),
                ],
            )?;
        }
    }
    sheet(&mut wb, names[1], &AUDIT_COLUMNS[..AUDIT_COLUMNS.len() - 1])?;
    {
        let ws = wb.worksheet_from_index(1)?;
        let mut row = 1;
        for i in &a.audit.indicators {
            put(
                ws,
                row,
                vec![
                    Cell::Text("indicator".into()),
                    Cell::Text(i.id.clone()),
                    Cell::Text(i.dimension.clone()),
                    Cell::Number(i.n as f64),
                    Cell::Number(i.answered_share),
                    Cell::Number(i.na_share),
                    Cell::Number(i.missing_share),
                    opt(i.mean),
                    opt(i.sd),
                    opt(i.skew),
                    opt(i.kurtosis),
                    opt(i.at_min_share),
                    opt(i.at_max_share),
                    Cell::Number(i.distinct_answers as f64),
                    opt(i.r_parent),
                    opt(i.r_index),
                    opt(i.loo_rank_shift),
                ],
            )?;
            row += 1;
        }
        for d in &a.audit.dimensions {
            let mut cells = vec![Cell::Text("dimension".into()), Cell::Text(d.id.clone())];
            cells.extend((0..15).map(|_| Cell::Empty));
            cells.extend([
                Cell::Number(d.indicators as f64),
                opt(d.cronbach_alpha),
                Cell::Number(d.n_complete as f64),
                opt(d.pc1_share),
            ]);
            put(ws, row, cells)?;
            row += 1;
        }
    }
    sheet(
        &mut wb,
        names[2],
        &[
            "group",
            "inputs",
            "first_order",
            "first_order_low",
            "first_order_high",
            "total",
            "total_low",
            "total_high",
        ],
    )?;
    {
        let ws = wb.worksheet_from_index(2)?;
        for (k, g) in a.monte_carlo.sensitivity.iter().enumerate() {
            let e = |e: Option<super::Estimate>| {
                [
                    opt(e.map(|e| e.estimate)),
                    opt(e.map(|e| e.low)),
                    opt(e.map(|e| e.high)),
                ]
            };
            let mut cells = vec![
                Cell::Text(g.group.id().into()),
                Cell::Number(g.inputs as f64),
            ];
            cells.extend(e(g.first_order));
            cells.extend(e(g.total));
            put(ws, k as u32 + 1, cells)?;
        }
    }
    sheet(&mut wb, names[3], &["code", "subject", "value", "message"])?;
    {
        let ws = wb.worksheet_from_index(3)?;
        for (k, f) in a.flags.iter().enumerate() {
            put(
                ws,
                k as u32 + 1,
                vec![
                    Cell::Text(f.code.into()),
                    Cell::Text(f.subject.clone()),
                    opt(f.value),
                    Cell::Text(f.message.get(lang).to_string()),
                ],
            )?;
        }
    }
    let _ = fw;
    let created = ExcelDateTime::from_timestamp(created.0)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    wb.save_to_buffer()
}
