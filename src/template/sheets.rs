//! The visible sheets of a questionnaire: instructions, identity and one answer sheet per
//! top-level dimension. Only the cells staff fill are unlocked; sheets are protected without a
//! password so the structure survives weeks of editing by many hands.

use super::lists::{Lists, region_display};
use super::styles::Styles;
use super::{
    ANSWER_COL, HEADER_ROW, NOTES_COL, Prefill, Questionnaire, answer_headers, identity_fields,
    option_display, sheet_names, top_dimension,
};
use crate::answers::IDENTITY_VALUE_COL;
use crate::framework::{AnswerKind, Framework, IndexBasis, Level};
use crate::text::{Lang, Text, Words};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Formula, Note, Workbook,
    Worksheet, XlsxError,
};

/// A4 in Excel's paper-size numbering.
const PAPER_A4: u8 = 9;

/// Widths (in characters) of the answer sheet's columns.
const ANSWER_WIDTHS: [f64; 7] = [12.0, 18.0, 11.0, 24.0, 52.0, 24.0, 36.0];

/// Height (points) of a row whose wrapped cells hold `texts` in columns of `widths` characters.
/// Neither rust_xlsxwriter nor LibreOffice grows rows to fit wrapped text when a file is opened,
/// so the height is estimated from the number of lines the longest cell needs.
fn fitted_height(texts: &[(&str, f64)]) -> f64 {
    let lines = texts
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 1.1).max(1.0);
            text.split('\n')
                .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    15.0 * lines
}

fn print_setup(
    sheet: &mut Worksheet,
    fw: &Framework,
    repeat_to: Option<u32>,
) -> Result<(), XlsxError> {
    sheet.set_paper_size(PAPER_A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!("&L{} {}&R&A", fw.id, fw.version));
    sheet.set_footer("&C&P / &N");
    if let Some(last) = repeat_to {
        sheet.set_repeat_rows(0, last)?;
    }
    Ok(())
}

/// The first sheet: what the framework is and how to fill, score and check the questionnaire.
pub fn instructions(
    wb: &mut Workbook,
    fw: &Framework,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let (name, identity, _) = sheet_names(lang);
    let sheet = wb.add_worksheet().set_name(name)?;
    sheet.set_column_width(0, 110)?;
    let mut row = 0;
    let mut line = |sheet: &mut Worksheet, text: &str, format| -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, text, format)?;
        sheet.set_row_height(row, fitted_height(&[(text, 110.0)]).max(20.0))?;
        row += 1;
        Ok(())
    };
    line(
        sheet,
        &format!("{} ({} {})", fw.title.get(lang), fw.id, fw.version),
        &st.title,
    )?;
    for text in paragraphs(fw, lang, identity) {
        line(sheet, &text, &st.wrap)?;
    }
    sheet.protect();
    print_setup(sheet, fw, None)?;
    Ok(())
}

fn paragraphs(fw: &Framework, lang: Lang, identity: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = &fw.description {
        out.push(d.get(lang).to_string());
    }
    if let Some(note) = &fw.illustrative {
        out.push(note.get(lang).to_string());
    }
    let scale = format!("{}–{}", fw.scale.min, fw.scale.max);
    let index = match fw.index_basis {
        IndexBasis::Components => {
            let parts: Vec<String> = fw
                .components
                .iter()
                .map(|c| format!("{} × {}", lang.number(c.weight, 2), c.label.get(lang)))
                .collect();
            parts.join(" + ")
        }
        IndexBasis::Dimensions => Words::new(
            "rata-rata tertimbang skor dimensi",
            "the weighted mean of the dimension scores",
        )
        .get(lang)
        .to_string(),
    };
    let bands: Vec<String> = fw
        .bands
        .iter()
        .map(|b| {
            format!(
                "{} ({}–{})",
                b.label.get(lang),
                lang.number(b.from, 2),
                lang.number(b.to, 2)
            )
        })
        .collect();
    let t = |id: String, en: String| Text::new(id, en).get(lang).to_string();
    out.push(t(
        format!("1. Lembar {identity}: pilih wilayah dari daftar, isi tahun penilaian, perangkat daerah pengisi, kontak dan tanggal."),
        format!("1. Sheet {identity}: pick the region from the list, then fill in the assessment year, responding office, contact and date."),
    ));
    out.push(t(
        "2. Setiap lembar dimensi berisi pertanyaan. Isi hanya sel berwarna kuning: pilih jawaban dari daftar di kolom Jawaban (atau ketik angka untuk pertanyaan angka). Arahkan tetikus ke sel jawaban untuk melihat penjelasan setiap tingkat.".into(),
        "2. Each dimension sheet holds questions. Fill only the yellow cells: pick the answer from the list in the Answer column (or type a number for numeric questions). Hover over an answer cell to see what each level means.".into(),
    ));
    out.push(t(
        "3. N/A (tidak berlaku) hanya boleh dipilih bila pertanyaan itu memang tidak berlaku bagi daerah Anda dan daftar jawabannya menyediakan N/A. Indikator N/A tidak dihitung sebagai nol: indikator itu dikeluarkan dan bobot indikator lain disesuaikan.".into(),
        "3. Choose N/A (not applicable) only when the question truly does not apply to your region and its list offers N/A. An N/A indicator is not counted as zero: it is left out and the weights of the others are adjusted.".into(),
    ));
    out.push(t(
        format!("4. Penilaian: setiap jawaban menjadi skor pada skala {scale}. Skor subdimensi dan dimensi adalah rata-rata tertimbang skor indikator yang dijawab. Indeks = {index}. Pertanyaan wajib yang dibiarkan kosong mendapat skor terendah."),
        format!("4. Scoring: each answer becomes a score on the {scale} scale. Sub-dimension and dimension scores are weighted means of the answered indicators. Index = {index}. A required question left blank scores the bottom of the scale."),
    ));
    out.push(t(
        format!("5. Predikat: {}.", bands.join("; ")),
        format!("5. Bands: {}.", bands.join("; ")),
    ));
    if let Some(note) = &fw.bands_note {
        out.push(note.get(lang).to_string());
    }
    out.push(t(
        "6. Bukti dukung: tulis nama dokumen (mis. nomor Perwal/Perbup) atau tautan https ke dokumen di kolom Catatan / bukti dukung pada baris yang sama.".into(),
        "6. Evidence: write the document's name (e.g. the regulation number) or an https link to it in the Notes / evidence column of the same row.".into(),
    ));
    out.push(t(
        "7. Sebelum mengirim, periksa berkas dengan perintah: smartcity check NAMA_BERKAS.xlsx — perintah itu menyebut setiap masalah dengan lembar dan selnya.".into(),
        "7. Before sending, check the file with: smartcity check FILE_NAME.xlsx — it names every problem with its sheet and cell.".into(),
    ));
    out.push(t(
        "Jangan mengubah kolom ID, nama lembar atau urutan kolom: berkas dibaca berdasarkan kolom-kolom itu. Berkas dapat disimpan sebagai xlsx atau ods.".into(),
        "Do not change the ID column, sheet structure or column order: the file is read by them. The file may be saved as xlsx or ods.".into(),
    ));
    out
}

/// The identity sheet: keys in the hidden column A, labels in B, values in C.
pub fn identity(
    wb: &mut Workbook,
    fw: &Framework,
    q: &Questionnaire,
    lang: Lang,
    st: &Styles,
    lists: &Lists,
) -> Result<(), XlsxError> {
    let (_, name, _) = sheet_names(lang);
    let sheet = wb.add_worksheet().set_name(name)?;
    let col = IDENTITY_VALUE_COL as u16;
    sheet.write_string_with_format(0, 0, "key", &st.header)?;
    sheet.write_string_with_format(0, 1, Text::new("Isian", "Field").get(lang), &st.header)?;
    sheet.write_string_with_format(0, col, Text::new("Nilai", "Value").get(lang), &st.header)?;
    for (r, (key, label)) in identity_fields().into_iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, key)?;
        sheet.write_string_with_format(row, 1, label.get(lang), &st.wrap)?;
        let value = identity_value(fw, q, key);
        match key {
            "framework_id" | "framework_version" => {
                sheet.write_string_with_format(row, col, value.unwrap_or_default(), &st.wrap)?;
            }
            "year" => {
                match q.year {
                    Some(y) => sheet.write_number_with_format(row, col, y as f64, &st.input)?,
                    None => sheet.write_blank(row, col, &st.input)?,
                };
                let dv = DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(1990, 2100))
                    .set_error_message(
                        Text::new(
                            "Tahun empat angka, mis. 2024",
                            "A four-digit year, e.g. 2024",
                        )
                        .get(lang),
                    )?;
                sheet.add_data_validation(row, col, row, col, &dv)?;
            }
            _ => {
                match value {
                    Some(v) => sheet.write_string_with_format(row, col, v, &st.input)?,
                    None => sheet.write_blank(row, col, &st.input)?,
                };
            }
        }
        if key == "region_code" {
            region_validation(sheet, fw, row, col, lang, lists)?;
        }
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_hidden(0)?;
    sheet.set_column_width(1, 34)?;
    sheet.set_column_width(col, 48)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.protect();
    print_setup(sheet, fw, Some(0))?;
    Ok(())
}

fn identity_value(fw: &Framework, q: &Questionnaire, key: &str) -> Option<String> {
    match key {
        "region_code" => q.region.as_ref().map(region_display),
        "region_name" => q.region.as_ref().map(|r| r.display_name()),
        "framework_id" => Some(fw.id.clone()),
        "framework_version" => Some(fw.version.clone()),
        "respondent" => q.respondent.clone(),
        "contact" => q.contact.clone(),
        _ => None,
    }
}

fn region_validation(
    sheet: &mut Worksheet,
    fw: &Framework,
    row: u32,
    col: u16,
    lang: Lang,
    lists: &Lists,
) -> Result<(), XlsxError> {
    let dv = match &lists.regions {
        Some(range) => DataValidation::new()
            .allow_list_formula(Formula::new(range))
            .set_error_message(
                Text::new(
                    "Pilih wilayah dari daftar (kode Kemendagri - nama).",
                    "Pick the region from the list (Kemendagri code - name).",
                )
                .get(lang),
            )?,
        None if fw.assesses(Level::Village) => {
            let cell = crate::diagnostics::a1(row, col as u32);
            DataValidation::new()
                .allow_custom(Formula::new(format!(
                    "=AND(LEN({cell})=13,MID({cell},3,1)=\".\",MID({cell},6,1)=\".\",MID({cell},9,1)=\".\")"
                )))
                .set_error_message(Text::new(
                    "Kode desa/kelurahan Kemendagri, 13 karakter, mis. 32.73.01.1001",
                    "A Kemendagri village code, 13 characters, e.g. 32.73.01.1001",
                )
                .get(lang))?
        }
        None => return Ok(()),
    };
    sheet.add_data_validation(row, col, row, col, &dv)?;
    Ok(())
}

/// Sheet names may not hold `[]:*?/\` and are at most 31 characters.
fn sheet_name(label: &str, id: &str) -> String {
    let clean: String = label
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        id.chars().take(31).collect()
    } else {
        clean.trim().to_string()
    }
}

/// The answer sheet of top-level dimension `d`.
#[allow(clippy::too_many_arguments)]
pub fn answers(
    wb: &mut Workbook,
    fw: &Framework,
    d: usize,
    q: &Questionnaire,
    lang: Lang,
    st: &Styles,
    lists: &Lists,
) -> Result<(), XlsxError> {
    let dim = &fw.dimensions[d];
    let sheet = wb
        .add_worksheet()
        .set_name(sheet_name(dim.label.get(lang), &dim.id))?;
    let last_col = ANSWER_WIDTHS.len() as u16 - 1;
    let title = format!("{} ({})", dim.label.get(lang), dim.id);
    sheet.merge_range(0, 0, 0, last_col, &title, &st.title)?;
    sheet.set_row_height(0, 20)?;
    let hint = Text::new(
        "Isi sel kuning: pilih jawaban dari daftar dan tulis bukti dukung. Arahkan tetikus ke sel jawaban untuk penjelasan.",
        "Fill the yellow cells: pick the answer from the list and note the evidence. Hover over an answer cell for guidance.",
    );
    sheet.merge_range(1, 0, 1, last_col, hint.get(lang), &st.hint)?;
    for (c, h) in answer_headers().iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, h.get(lang), &st.header)?;
    }
    let mut row = HEADER_ROW + 1;
    for (i, ind) in fw.indicators.iter().enumerate() {
        if top_dimension(fw, ind.parent) != d {
            continue;
        }
        sheet.write_string_with_format(row, 0, &ind.id, &st.wrap)?;
        sheet.write_string_with_format(
            row,
            1,
            fw.dimensions[ind.parent].label.get(lang),
            &st.wrap,
        )?;
        let component = ind
            .component
            .map(|c| fw.components[c].label.get(lang))
            .unwrap_or("");
        sheet.write_string_with_format(row, 2, component, &st.wrap)?;
        sheet.write_string_with_format(row, 3, ind.label.get(lang), &st.wrap)?;
        sheet.write_string_with_format(row, 4, ind.question.get(lang), &st.wrap)?;
        match q.answers.get(i).cloned().flatten() {
            Some(Prefill::Text(t)) => {
                sheet.write_string_with_format(row, ANSWER_COL, t, &st.input)?
            }
            Some(Prefill::Number(n)) => {
                sheet.write_number_with_format(row, ANSWER_COL, n, &st.input)?
            }
            None => sheet.write_blank(row, ANSWER_COL, &st.input)?,
        };
        match q.notes.get(i).cloned().flatten() {
            Some(n) => sheet.write_string_with_format(row, NOTES_COL, n, &st.input)?,
            None => sheet.write_blank(row, NOTES_COL, &st.input)?,
        };
        sheet.set_row_height(
            row,
            fitted_height(&[
                (ind.question.get(lang), ANSWER_WIDTHS[4]),
                (ind.label.get(lang), ANSWER_WIDTHS[3]),
                (fw.dimensions[ind.parent].label.get(lang), ANSWER_WIDTHS[1]),
            ]),
        )?;
        answer_validation(sheet, fw, i, row, lang, lists)?;
        sheet.insert_note(row, ANSWER_COL, &guidance_note(fw, i, lang))?;
        row += 1;
    }
    for (c, w) in ANSWER_WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.protect();
    print_setup(sheet, fw, Some(HEADER_ROW))?;
    Ok(())
}

fn answer_validation(
    sheet: &mut Worksheet,
    fw: &Framework,
    i: usize,
    row: u32,
    lang: Lang,
    lists: &Lists,
) -> Result<(), XlsxError> {
    answer_validation_at(sheet, fw, i, (row, ANSWER_COL), lang, lists)
}

/// The dropdown or number check of indicator `i`'s answer in the cell at `(row, col)`.
pub(super) fn answer_validation_at(
    sheet: &mut Worksheet,
    fw: &Framework,
    i: usize,
    (row, col): (u32, u16),
    lang: Lang,
    lists: &Lists,
) -> Result<(), XlsxError> {
    let ind = &fw.indicators[i];
    let cell = crate::diagnostics::a1(row, col as u32);
    let set = fw.answer_set_of(i);
    let with_na = |rule: String| {
        if ind.na_allowed {
            format!("=OR({rule},UPPER(TRIM({cell}))=\"N/A\")")
        } else {
            format!("={rule}")
        }
    };
    let dv = match &set.kind {
        AnswerKind::Options { .. } => {
            let range = if ind.na_allowed {
                lists.answer_sets_na.get(&ind.answers)
            } else {
                lists.answer_sets.get(&ind.answers)
            };
            let Some(range) = range else { return Ok(()) };
            DataValidation::new().allow_list_formula(Formula::new(range))
        }
        AnswerKind::Number { min, max, .. } => DataValidation::new().allow_custom(Formula::new(
            with_na(format!("AND(ISNUMBER({cell}),{cell}>={min},{cell}<={max})")),
        )),
        AnswerKind::Target { .. } => DataValidation::new().allow_custom(Formula::new(with_na(
            format!("AND(ISNUMBER({cell}),{cell}>=0)"),
        ))),
    };
    let expected = crate::answers::expected(set, ind);
    let dv = dv
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(Text::new("Jawaban tidak valid", "Invalid answer").get(lang))?
        .set_error_message(truncate(expected.get(lang), 250))?;
    sheet.add_data_validation(row, col, row, col, &dv)?;
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// The note on an answer cell: guidance, then what each option means.
fn guidance_note(fw: &Framework, i: usize, lang: Lang) -> Note {
    let ind = &fw.indicators[i];
    let mut text = String::new();
    if let Some(g) = &ind.guidance {
        text.push_str(g.get(lang));
        text.push_str("\n\n");
    }
    match &fw.answer_set_of(i).kind {
        AnswerKind::Options { options } => {
            for o in options {
                text.push_str(&option_display(&o.code, &o.label, lang));
                if let Some(d) = &o.description {
                    text.push_str(": ");
                    text.push_str(d.get(lang));
                }
                text.push('\n');
            }
        }
        _ => text.push_str(&super::options_hint(fw, i, lang)),
    }
    if ind.na_allowed {
        text.push_str(
            Text::new(
                "N/A: tidak berlaku bagi daerah ini",
                "N/A: does not apply to this region",
            )
            .get(lang),
        );
    }
    Note::new(text.trim_end())
        .set_author("smartcity")
        .add_author_prefix(false)
        .set_width(420)
        .set_height(260)
}
