//! `smartcity template --review FILLED`: an evaluator's workbook made from a filled
//! questionnaire. Its identity sheet is the questionnaire's, with the review's identity below
//! (evaluator, date, stage: dokumen / wawancara / visitasi); its review sheet shows the region's
//! answers and notes read-only, with a verified-answer dropdown and an evaluator-note cell beside
//! each. A hidden, locked copy of each of the region's answers lets `check` and `score` tell when
//! the region's answers were edited after the review was made (E022).
//!
//! `score` and `check` read it like a questionnaire: its answer sheet has `ID`, `Jawaban`,
//! `Jawaban verifikasi` and `Catatan evaluator` columns.

use super::lists;
use super::sheets::{answer_validation_at, identity};
use super::styles::Styles;
use super::{Prefill, prefill_from, sheet_names};
use crate::framework::Framework;
use crate::submission::Submission;
use crate::text::{Lang, Text, Words};
use rust_xlsxwriter::{DataValidation, Workbook, XlsxError};

/// Review stages, as offered in the dropdown.
pub const STAGES: [&str; 3] = ["dokumen", "wawancara", "visitasi"];

/// Identity keys of the review (column A of the identity sheet), with their labels.
pub(crate) fn review_fields() -> [(&'static str, Text); 3] {
    [
        (
            "evaluator",
            Text::new("Evaluator (nama, instansi)", "Evaluator (name, agency)"),
        ),
        (
            "review_date",
            Text::new("Tanggal verifikasi", "Review date"),
        ),
        (
            "review_stage",
            Text::new(
                "Tahap (dokumen / wawancara / visitasi)",
                "Stage (dokumen / wawancara / visitasi)",
            ),
        ),
    ]
}

/// Columns of the review sheet.
pub(crate) const REVIEW_HEADERS: [Words; 8] = [
    Words::new("ID", "ID"),
    Words::new("Nama indikator", "Indicator name"),
    Words::new("Pertanyaan", "Question"),
    Words::new("Jawaban", "Answer"),
    Words::new("Catatan / bukti dukung", "Notes / evidence"),
    Words::new("Jawaban verifikasi", "Verified answer"),
    Words::new("Catatan evaluator", "Evaluator notes"),
    Words::new("Salinan jawaban daerah", "Self answer copy"),
];

/// Column of the region's answer, the verified answer and the hidden copy.
pub(crate) const SELF_COL: u16 = 3;
/// Column of the verified answer.
pub(crate) const VERIFIED_COL: u16 = 5;
/// Column of the hidden copy of the region's answer.
pub(crate) const COPY_COL: u16 = 7;
const WIDTHS: [f64; 8] = [14.0, 30.0, 50.0, 22.0, 30.0, 22.0, 40.0, 10.0];
const HEADER_ROW: u32 = 2;

/// Writes the review workbook of `sub` (its region's own answers, if it was already reviewed).
pub fn write_review(fw: &Framework, sub: &Submission, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let own = sub.self_assessed();
    let mut q = prefill_from(fw, &own, lang);
    q.year = Some(sub.year);
    if let Some(r) = &sub.source.respondent {
        q.respondent.clone_from(&r.office);
        q.contact.clone_from(&r.contact);
    }
    let mut wb = Workbook::new();
    let st = Styles::new();
    let lists = lists::write(&mut wb, fw, lang)?;
    identity(&mut wb, fw, &q, lang, &st, &lists)?;
    let (_, identity_name, _) = sheet_names(lang);
    {
        let sheet = wb.worksheet_from_name(identity_name)?;
        let first = super::identity_fields().len() as u32 + 1;
        let col = crate::answers::IDENTITY_VALUE_COL as u16;
        for (r, (key, label)) in review_fields().iter().enumerate() {
            let row = first + r as u32;
            sheet.write_string(row, 0, *key)?;
            sheet.write_string_with_format(row, 1, label.get(lang), &st.wrap)?;
            sheet.write_blank(row, col, &st.input)?;
        }
        let stage = first + 2;
        let dv = DataValidation::new().allow_list_strings(&STAGES)?;
        sheet.add_data_validation(stage, col, stage, col, &dv)?;
    }
    let sheet = wb
        .add_worksheet()
        .set_name(Words::new("Verifikasi", "Review").get(lang))?;
    let title = Text::new(
        format!(
            "Verifikasi penilaian mandiri: {} {}",
            sub.region.display_name(),
            sub.year
        ),
        format!(
            "Review of the self-assessment: {} {}",
            sub.region.display_name(),
            sub.year
        ),
    );
    sheet.merge_range(0, 0, 0, 6, title.get(lang), &st.title)?;
    let hint = Text::new(
        "Jawaban dan catatan daerah tidak dapat diubah. Isi jawaban verifikasi untuk setiap indikator yang diperiksa (kosong = belum diperiksa) dan tulis alasan setiap perubahan di catatan evaluator.",
        "The region's answers and notes cannot be changed. Fill the verified answer of every indicator reviewed (blank = not reviewed) and write the reason for every change in the evaluator's notes.",
    );
    sheet.merge_range(1, 0, 1, 6, hint.get(lang), &st.hint)?;
    for (c, h) in REVIEW_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, h.get(lang), &st.header)?;
    }
    for (row, (i, ind)) in (HEADER_ROW + 1..).zip(fw.indicators.iter().enumerate()) {
        sheet.write_string_with_format(row, 0, &ind.id, &st.wrap)?;
        sheet.write_string_with_format(row, 1, ind.label.get(lang), &st.wrap)?;
        sheet.write_string_with_format(row, 2, ind.question.get(lang), &st.wrap)?;
        for col in [SELF_COL, COPY_COL] {
            match q.answers.get(i).cloned().flatten() {
                Some(Prefill::Text(t)) => sheet.write_string_with_format(row, col, t, &st.wrap)?,
                Some(Prefill::Number(n)) => {
                    sheet.write_number_with_format(row, col, n, &st.wrap)?
                }
                None => sheet.write_blank(row, col, &st.wrap)?,
            };
        }
        match q.notes.get(i).cloned().flatten() {
            Some(n) => sheet.write_string_with_format(row, 4, n, &st.wrap)?,
            None => sheet.write_blank(row, 4, &st.wrap)?,
        };
        sheet.write_blank(row, VERIFIED_COL, &st.input)?;
        sheet.write_blank(row, VERIFIED_COL + 1, &st.input)?;
        answer_validation_at(sheet, fw, i, (row, VERIFIED_COL), lang, &lists)?;
    }
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_column_hidden(COPY_COL)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.protect();
    // The lists sheet was added first so its ranges exist; it is moved out of sight.
    wb.worksheet_from_index(0)?.set_very_hidden(true);
    wb.worksheet_from_index(2)?.set_active(true);
    wb.save_to_buffer()
}
