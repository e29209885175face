//! Questionnaire workbooks for city staff, in the layout `score` and `check` read (see
//! [`crate::answers`]): an instructions sheet, an identity sheet (field keys in the hidden column
//! A, labels in B, values in C), one answer sheet per top-level dimension, and a very hidden sheet
//! holding the dropdown lists.
//!
//! One sheet per dimension, rather than one long sheet, because a region's answers are gathered
//! from many offices (OPD): each office gets the sheet of its dimension, sheets stay short enough
//! to print, and the reader does not care how many answer sheets there are.

mod lists;
mod prefill;
mod review;
mod sheets;
mod styles;

pub use prefill::prefill_from;
pub use review::{STAGES, write_review};

use crate::framework::{AnswerKind, Framework};
use crate::regions::Region;
use crate::text::{Lang, Text, Words};
use rust_xlsxwriter::{Workbook, XlsxError};

/// A value to put in an answer cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Prefill {
    /// Text, e.g. an option as `3 - Terdefinisi`, or `N/A`.
    Text(String),
    /// A number.
    Number(f64),
}

/// What goes into a questionnaire besides the framework.
#[derive(Debug, Clone, Default)]
pub struct Questionnaire {
    /// Region, if known.
    pub region: Option<Region>,
    /// Year, if known.
    pub year: Option<i32>,
    /// Respondent office (OPD).
    pub respondent: Option<String>,
    /// Contact at the respondent office.
    pub contact: Option<String>,
    /// Answers by indicator index (`None` or missing leaves the cell blank).
    pub answers: Vec<Option<Prefill>>,
    /// Notes by indicator index.
    pub notes: Vec<Option<String>>,
}

/// Sheet names in a language: (instructions, identity, lists). Answer sheets are named after
/// their dimension. The reader finds sheets by content, never by name.
pub(crate) fn sheet_names(lang: Lang) -> (&'static str, &'static str, &'static str) {
    let w = |id, en| Words::new(id, en).get(lang);
    (
        w("Petunjuk", "Instructions"),
        w("Identitas", "Identity"),
        w("Daftar", "Lists"),
    )
}

/// Identity fields: (key in column A, label in column B).
pub(crate) fn identity_fields() -> Vec<(&'static str, Text)> {
    vec![
        (
            "region_code",
            Text::new("Kode dan nama wilayah", "Region code and name"),
        ),
        ("region_name", Text::new("Nama wilayah", "Region name")),
        ("year", Text::new("Tahun penilaian", "Assessment year")),
        ("framework_id", Text::new("Kerangka", "Framework")),
        (
            "framework_version",
            Text::new("Versi kerangka", "Framework version"),
        ),
        (
            "respondent",
            Text::new("Perangkat daerah pengisi", "Responding office"),
        ),
        (
            "contact",
            Text::new(
                "Kontak (nama, surel, telepon)",
                "Contact (name, email, phone)",
            ),
        ),
        ("date", Text::new("Tanggal pengisian", "Date filled")),
    ]
}

/// Column headers of an answer sheet; `ID`, `Jawaban`/`Answer` and the notes header are what the
/// reader looks for.
pub(crate) fn answer_headers() -> [Text; 7] {
    [
        Text::new("ID", "ID"),
        Text::new("Subdimensi", "Sub-dimension"),
        Text::new("Komponen", "Component"),
        Text::new("Nama indikator", "Indicator name"),
        Text::new("Pertanyaan", "Question"),
        Text::new("Jawaban", "Answer"),
        Text::new("Catatan / bukti dukung", "Notes / evidence"),
    ]
}

/// Column of the answer cells in answer sheets.
pub(crate) const ANSWER_COL: u16 = 5;
/// Column of the notes cells in answer sheets.
pub(crate) const NOTES_COL: u16 = 6;
/// Row of the header in answer sheets (0-based); answers start on the next row.
pub(crate) const HEADER_ROW: u32 = 2;

/// How an option is shown in dropdowns: `3 - Terdefinisi`. The reader accepts this form, the
/// bare code and the label in either language.
pub(crate) fn option_display(code: &str, label: &Text, lang: Lang) -> String {
    format!("{code} - {}", label.get(lang))
}

/// Writes a questionnaire workbook (xlsx bytes).
pub fn write_questionnaire(
    fw: &Framework,
    q: &Questionnaire,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let styles = styles::Styles::new();
    sheets::instructions(&mut wb, fw, lang, &styles)?;
    let lists = lists::write(&mut wb, fw, lang)?;
    sheets::identity(&mut wb, fw, q, lang, &styles, &lists)?;
    for (d, _) in fw.top_dimensions() {
        sheets::answers(&mut wb, fw, d, q, lang, &styles, &lists)?;
    }
    // The lists sheet was added second so its ranges exist; it is moved out of sight.
    wb.worksheet_from_index(1)?.set_very_hidden(true);
    wb.worksheet_from_index(0)?.set_active(true);
    wb.save_to_buffer()
}

/// The top-level dimension above dimension `d`.
pub fn top_dimension(fw: &Framework, mut d: usize) -> usize {
    while let Some(p) = fw.dimensions[d].parent {
        d = p;
    }
    d
}

/// A short description of what indicator `i` accepts, for guidance.
pub fn options_hint(fw: &Framework, i: usize, lang: Lang) -> String {
    let ind = &fw.indicators[i];
    let na = if ind.na_allowed { "; N/A" } else { "" };
    match &fw.answer_set_of(i).kind {
        AnswerKind::Options { options } => {
            let list: Vec<String> = options
                .iter()
                .map(|o| format!("{} = {}", o.code, o.label.get(lang)))
                .collect();
            format!("{}{na}", list.join("; "))
        }
        _ => crate::answers::expected(fw.answer_set_of(i), ind)
            .get(lang)
            .to_string(),
    }
}

#[cfg(test)]
mod tests;
