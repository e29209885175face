//! Writing questionnaire workbooks in the layout `score` reads (see [`crate::answers`]): an
//! identity sheet with field keys in column A, labels in B and values in C, and an answer sheet
//! with one row per indicator under a header row with `ID` and `Jawaban`/`Answer`.

use crate::answers::IDENTITY_VALUE_COL;
use crate::framework::{AnswerKind, Framework};
use crate::regions::Region;
use crate::text::{Lang, Text};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// A value to put in an answer cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Prefill {
    /// Text, e.g. an option code or `N/A`.
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
    /// Answers by indicator index (`None` leaves the cell blank).
    pub answers: Vec<Option<Prefill>>,
    /// Notes by indicator index.
    pub notes: Vec<Option<String>>,
}

/// Names of the sheets in each language. The reader finds sheets by content, not by name.
pub fn sheet_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Id => ("Identitas", "Jawaban"),
        Lang::En => ("Identity", "Answers"),
    }
}

/// Identity fields: (key in column A, label).
pub fn identity_fields() -> Vec<(&'static str, Text)> {
    vec![
        (
            "region_code",
            Text::new("Kode wilayah (Kemendagri)", "Region code (Kemendagri)"),
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

/// Writes a questionnaire workbook (xlsx bytes).
pub fn write_questionnaire(
    fw: &Framework,
    q: &Questionnaire,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let (identity_name, answers_name) = sheet_names(lang);

    let id_sheet = wb.add_worksheet().set_name(identity_name)?;
    id_sheet.write_string_with_format(0, 0, "key", &bold)?;
    id_sheet.write_string_with_format(
        0,
        1,
        if lang == Lang::Id { "Isian" } else { "Field" },
        &bold,
    )?;
    id_sheet.write_string_with_format(
        0,
        IDENTITY_VALUE_COL as u16,
        if lang == Lang::Id { "Nilai" } else { "Value" },
        &bold,
    )?;
    let col = IDENTITY_VALUE_COL as u16;
    for (r, (key, label)) in identity_fields().into_iter().enumerate() {
        let row = r as u32 + 1;
        id_sheet.write_string(row, 0, key)?;
        id_sheet.write_string(row, 1, label.get(lang))?;
        match key {
            "region_code" => {
                if let Some(reg) = &q.region {
                    id_sheet.write_string(row, col, &reg.code)?;
                }
            }
            "region_name" => {
                if let Some(reg) = &q.region {
                    id_sheet.write_string(row, col, reg.display_name())?;
                }
            }
            "year" => {
                if let Some(y) = q.year {
                    id_sheet.write_number(row, col, y as f64)?;
                }
            }
            "framework_id" => {
                id_sheet.write_string(row, col, &fw.id)?;
            }
            "framework_version" => {
                id_sheet.write_string(row, col, &fw.version)?;
            }
            "respondent" => {
                if let Some(r) = &q.respondent {
                    id_sheet.write_string(row, col, r)?;
                }
            }
            _ => {}
        }
    }
    id_sheet.set_column_width(0, 18)?;
    id_sheet.set_column_width(1, 34)?;
    id_sheet.set_column_width(col, 40)?;

    let sheet = wb.add_worksheet().set_name(answers_name)?;
    let headers: [Text; 8] = [
        Text::new("ID", "ID"),
        Text::new("Dimensi", "Dimension"),
        Text::new("Subdimensi", "Sub-dimension"),
        Text::new("Komponen", "Component"),
        Text::new("Pertanyaan", "Question"),
        Text::new("Pilihan jawaban", "Answer options"),
        Text::new("Jawaban", "Answer"),
        Text::new("Catatan / bukti dukung", "Notes / evidence"),
    ];
    sheet.write_string_with_format(0, 0, fw.title.get(lang), &bold)?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, h.get(lang), &bold)?;
    }
    for (i, ind) in fw.indicators.iter().enumerate() {
        let row = i as u32 + 3;
        let sub = &fw.dimensions[ind.parent];
        let top = top_dimension(fw, ind.parent);
        sheet.write_string(row, 0, &ind.id)?;
        sheet.write_string(row, 1, fw.dimensions[top].label.get(lang))?;
        sheet.write_string(row, 2, sub.label.get(lang))?;
        if let Some(c) = ind.component {
            sheet.write_string(row, 3, fw.components[c].label.get(lang))?;
        }
        sheet.write_string_with_format(row, 4, ind.question.get(lang), &wrap)?;
        sheet.write_string_with_format(row, 5, options_hint(fw, i, lang), &wrap)?;
        match q.answers.get(i).cloned().flatten() {
            Some(Prefill::Text(t)) => {
                sheet.write_string(row, 6, t)?;
            }
            Some(Prefill::Number(n)) => {
                sheet.write_number(row, 6, n)?;
            }
            None => {}
        }
        if let Some(Some(n)) = q.notes.get(i) {
            sheet.write_string(row, 7, n)?;
        }
    }
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 18)?;
    sheet.set_column_width(2, 18)?;
    sheet.set_column_width(3, 12)?;
    sheet.set_column_width(4, 60)?;
    sheet.set_column_width(5, 36)?;
    sheet.set_column_width(6, 16)?;
    sheet.set_column_width(7, 40)?;
    sheet.set_freeze_panes(3, 1)?;
    wb.save_to_buffer()
}

/// The top-level dimension above dimension `d`.
pub fn top_dimension(fw: &Framework, mut d: usize) -> usize {
    while let Some(p) = fw.dimensions[d].parent {
        d = p;
    }
    d
}

/// A short description of what indicator `i` accepts, for the sheet.
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
