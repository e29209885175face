//! The summary sheet (`Ringkasan` / `Summary`): one row per region-year with its rank, index,
//! band, changes and coverage.

use super::format::{
    Formats, colour_scale, finish_table, header, put, region_cells, region_headings, t,
};
use crate::compare::{Comparison, ReviewedYears};
use crate::framework::Framework;
use crate::report::band_label;
use crate::text::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The summary sheet.
pub(super) fn summary_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let mut cols: Vec<String> = region_headings(lang)
        .into_iter()
        .chain([
            t("Provinsi", "Province", lang),
            t("Peringkat", "Rank", lang),
            t("Indeks", "Index", lang),
            t("Predikat", "Band", lang),
            t("Perubahan", "Improvement", lang),
            t("Perubahan peringkat", "Rank change", lang),
            t("Peringkat di jenisnya", "Rank among kind", lang),
            t("Peringkat di provinsi", "Rank in province", lang),
            t("Cakupan", "Coverage", lang),
            t("Tahun sebelumnya", "Previous year", lang),
            t("Indeks sebelumnya", "Previous index", lang),
            t("Berkas sumber", "Source file", lang),
        ])
        .map(str::to_string)
        .collect();
    // When evaluators reviewed any region-year, each row says how far its own was verified (a
    // rank of one nobody reviewed rests on what the region claimed); otherwise one sentence
    // below the table says so of every rank.
    let reviewed = ReviewedYears::of(cmp);
    if reviewed.any() {
        cols.push(t("Status verifikasi", "Verification status", lang).to_string());
    }
    header(ws, &cols, f)?;
    let shown = crate::report::ShownPaths::of(
        cmp.entries
            .iter()
            .map(|e| e.submission.source.file.as_path()),
    );
    for (i, e) in cmp.entries.iter().enumerate() {
        let r = i as u32 + 1;
        region_cells(ws, r, e, lang)?;
        ws.write_string(
            r,
            4,
            crate::regions::display_name(e.submission.region.province_name),
        )?;
        put(ws, r, 5, e.rank.map(f64::from), &f.int)?;
        put(ws, r, 6, e.scorecard.index, &f.score)?;
        ws.write_string(r, 7, band_label(fw, e, lang))?;
        let prev = cmp.previous(e);
        put(ws, r, 8, e.improvement_since(prev), &f.delta)?;
        put(
            ws,
            r,
            9,
            e.rank_change_since(prev).map(|c| c as f64),
            &f.int,
        )?;
        put(ws, r, 10, e.rank_kind.map(f64::from), &f.int)?;
        put(ws, r, 11, e.rank_province.map(f64::from), &f.int)?;
        put(ws, r, 12, Some(e.scorecard.coverage.share()), &f.percent)?;
        put(ws, r, 13, prev.map(|p| p.year() as f64), &f.int)?;
        put(ws, r, 14, prev.and_then(|p| p.index()), &f.score)?;
        ws.write_string(r, 15, shown.show(&e.submission.source.file))?;
        if reviewed.any() {
            let status = super::verification::status(e.submission.verification_status(), lang);
            ws.write_string(r, 16, status)?;
        }
    }
    let rows = cmp.entries.len() as u32;
    if rows > 0 {
        ws.add_conditional_format(1, 6, rows, 6, &colour_scale(fw))?;
    }
    finish_table(ws, rows, cols.len() as u16, 3, &[8, 9], f)?;
    for (c, w) in [7, 8, 26, 10, 18, 9, 9, 13, 11, 11, 11, 11, 9, 9, 10, 40, 20]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    if !reviewed.any() && rows > 0 {
        ws.write_string(
            rows + 2,
            0,
            t(
                "Peringkat dari jawaban penilaian mandiri daerah; belum ada yang diverifikasi evaluator.",
                "Ranks are of the regions' self-assessed answers; evaluators have reviewed none.",
                lang,
            ),
        )?;
    }
    Ok(())
}
