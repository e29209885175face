//! The `Verifikasi` / `Verification` sheet, when evaluators reviewed any answer of the newest
//! year: every region-year with its verification status, self-assessed and final index and the
//! gap, largest gap first (who over-claims), then the mean gap per dimension (which dimensions
//! are over-claimed across regions).

use super::format::{Formats, finish_table, header, put, region_cells, region_headings, t};
use crate::compare::{Comparison, ReviewSummary};
use crate::framework::Framework;
use crate::submission::VerificationStatus;
use crate::text::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The status as a person reads it.
pub(super) fn status(s: VerificationStatus, lang: Lang) -> &'static str {
    s.words().get(lang)
}

/// Writes the sheet of `summary`.
pub(super) fn verification_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    cmp: &Comparison,
    summary: &ReviewSummary,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols: Vec<String> = region_headings(lang)
        .into_iter()
        .chain([
            t("Status verifikasi", "Verification status", lang),
            t("Indikator diverifikasi", "Indicators reviewed", lang),
            t("Jawaban diubah", "Answers changed", lang),
            t("Indeks penilaian mandiri", "Self-assessed index", lang),
            t("Indeks akhir", "Final index", lang),
            t("Selisih (mandiri − akhir)", "Gap (self − final)", lang),
        ])
        .map(str::to_string)
        .collect();
    header(ws, &cols, f)?;
    let mut r = 0u32;
    for row in &summary.rows {
        r += 1;
        region_cells(ws, r, &cmp.entries[row.entry], lang)?;
        ws.write_string(r, 4, status(row.status, lang))?;
        ws.write_number_with_format(r, 5, row.reviewed as f64, &f.int)?;
        ws.write_number_with_format(r, 6, row.changed as f64, &f.int)?;
        put(ws, r, 7, row.self_index, &f.score)?;
        put(ws, r, 8, row.index, &f.score)?;
        put(ws, r, 9, row.gap, &f.delta)?;
    }
    finish_table(ws, r, cols.len() as u16, 4, &[9], f)?;
    ws.set_column_width(2, 26)?;
    for c in 4..10 {
        ws.set_column_width(c, 14)?;
    }
    // Below the table: the mean gap of each dimension over the reviewed region-years.
    let mut r = r + 2;
    ws.write_string_with_format(
        r,
        0,
        t(
            "Rata-rata selisih per dimensi (wilayah yang diverifikasi)",
            "Mean gap per dimension (reviewed regions)",
            lang,
        ),
        &f.title,
    )?;
    for (d, gap) in summary.dimension_gaps.iter().enumerate() {
        r += 1;
        let dim = &fw.dimensions[d];
        ws.write_string(r, 1, &dim.id)?;
        ws.write_string(r, 2, dim.label.get(lang))?;
        put(ws, r, 9, *gap, &f.delta)?;
    }
    Ok(())
}
