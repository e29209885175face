//! The indicator sheets (`Indikator` / `Indicators`): one row per region-year and indicator, with
//! what was typed, what was understood, the score, the status and the notes.

use super::format::{Formats, colour_scale, finish_table, header, put, t};
use crate::compare::Entry;
use crate::framework::{AnswerKind, Framework};
use crate::scoring::IndicatorStatus;
use crate::submission::{Answer, DetailSpill, GivenAnswer, Submission};
use crate::text::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

fn status_text(s: IndicatorStatus, lang: Lang) -> &'static str {
    match s {
        IndicatorStatus::Answered => t("dijawab", "answered", lang),
        IndicatorStatus::NotApplicable => t("tidak berlaku", "not applicable", lang),
        IndicatorStatus::MissingRequired => t("kosong (wajib)", "blank (required)", lang),
        IndicatorStatus::MissingOptional => t("kosong (opsional)", "blank (optional)", lang),
    }
}

/// What was typed, the option or number understood, and the notes, in columns 7–9 and 12.
fn answer_cells(
    ws: &mut Worksheet,
    r: u32,
    fw: &Framework,
    i: usize,
    g: &GivenAnswer,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_string(r, 7, g.raw())?;
    match (&g.answer, &fw.answer_set_of(i).kind) {
        (Answer::Choice(o), AnswerKind::Options { options }) => {
            if let Some(opt) = options.get(*o) {
                ws.write_string(r, 8, format!("{} — {}", opt.code, opt.label.get(lang)))?;
            }
        }
        (Answer::Number(n), _) => {
            ws.write_number(r, 9, *n)?;
        }
        _ => {}
    }
    if let Some(notes) = g.notes() {
        ws.write_string(r, 12, notes)?;
    }
    Ok(())
}

/// A dimension by name, under its parents: `Smart Governance › Layanan Publik`.
fn dimension_path(fw: &Framework, d: usize, lang: Lang) -> String {
    let mut names = vec![fw.dimensions[d].label.get(lang)];
    let mut cur = fw.dimensions[d].parent;
    while let Some(p) = cur {
        names.push(fw.dimensions[p].label.get(lang));
        cur = fw.dimensions[p].parent;
    }
    names.reverse();
    names.join(" › ")
}

/// An indicator sheet: one row per region-year of `entries` and indicator, the answers' detail
/// read back from `details` a region-year at a time when it was moved there. When evaluators
/// reviewed answers in the run (`reviewed`), two more columns give, for each reviewed indicator,
/// the region's own answer (the answer columns hold the verified one) and the evaluator's note.
pub(super) fn indicator_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    entries: &[Entry],
    details: Option<&DetailSpill>,
    reviewed: bool,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let review_cols = [
        t(
            "Jawaban daerah (sebelum verifikasi)",
            "Region's own answer (before review)",
            lang,
        ),
        t("Catatan evaluator", "Evaluator notes", lang),
    ];
    let cols: Vec<String> = [
        t("Tahun", "Year", lang),
        t("Kode", "Code", lang),
        t("Wilayah", "Region", lang),
        t("ID indikator", "Indicator ID", lang),
        t("Indikator", "Indicator", lang),
        t("Dimensi", "Dimension", lang),
        t("Komponen", "Component", lang),
        t("Jawaban (diketik)", "Answer (as typed)", lang),
        t("Pilihan", "Option", lang),
        t("Angka", "Number", lang),
        t("Skor", "Score", lang),
        t("Status", "Status", lang),
        t("Catatan / bukti dukung", "Notes / evidence", lang),
    ]
    .iter()
    .chain(review_cols.iter().filter(|_| reviewed))
    .map(|s| s.to_string())
    .collect();
    header(ws, &cols, f)?;
    let mut r = 0u32;
    for e in entries {
        let full = details
            .map(|d| d.full(&e.submission))
            .transpose()
            .map_err(XlsxError::IoError)?;
        let s = full.as_ref().unwrap_or(&e.submission);
        for i in 0..fw.indicators.len() {
            r += 1;
            indicator_row(ws, r, fw, e, s, i, lang, f)?;
            if reviewed {
                review_cells(ws, r, fw, s, i, lang)?;
            }
        }
    }
    if r > 0 {
        ws.add_conditional_format(1, 10, r, 10, &colour_scale(fw))?;
    }
    finish_table(ws, r, cols.len() as u16, 4, &[], f)?;
    for (c, w) in [7, 8, 22, 12, 36, 30, 14, 16, 24, 9, 8, 16, 50, 24, 50]
        .into_iter()
        .take(cols.len())
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    Ok(())
}

/// Row `r`: indicator `i` of region-year `e`, its answer from `s`.
#[allow(clippy::too_many_arguments)]
fn indicator_row(
    ws: &mut Worksheet,
    r: u32,
    fw: &Framework,
    e: &Entry,
    s: &Submission,
    i: usize,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let ind = &fw.indicators[i];
    ws.write_number(r, 0, e.submission.year as f64)?;
    ws.write_string(r, 1, e.submission.region.code)?;
    ws.write_string(r, 2, e.submission.region.display_name())?;
    ws.write_string(r, 3, &ind.id)?;
    ws.write_string(r, 4, ind.label.get(lang))?;
    ws.write_string(r, 5, dimension_path(fw, ind.parent, lang))?;
    if let Some(c) = ind.component {
        ws.write_string(r, 6, fw.components[c].label.get(lang))?;
    }
    if let Some(g) = s.answers[i].as_ref() {
        answer_cells(ws, r, fw, i, g, lang)?;
    }
    put(ws, r, 10, e.scorecard.indicators[i].score, &f.score)?;
    ws.write_string(r, 11, status_text(e.scorecard.indicators[i].status, lang))?;
    Ok(())
}

/// Columns 13–14 of a reviewed indicator: the region's own answer (as typed, else as understood;
/// `–` when it left it blank) and the evaluator's note.
fn review_cells(
    ws: &mut Worksheet,
    r: u32,
    fw: &Framework,
    s: &Submission,
    i: usize,
    lang: Lang,
) -> Result<(), XlsxError> {
    let Some(Some(reviewed)) = s.review.as_deref().and_then(|v| v.indicators.get(i)) else {
        return Ok(());
    };
    let own = match &reviewed.self_answer {
        None => "–".to_string(),
        Some(g) if !g.raw().trim().is_empty() => g.raw().to_string(),
        Some(g) => fw.answer_text(i, Some(&g.answer), lang),
    };
    ws.write_string(r, 13, own)?;
    if let Some(note) = &reviewed.notes {
        ws.write_string(r, 14, note)?;
    }
    Ok(())
}
