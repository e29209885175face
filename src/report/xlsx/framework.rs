//! The framework sheet (`Kerangka` / `Framework`): the framework's facts, bands, components,
//! dimensions and indicators, so a workbook says what it was scored with.

use super::format::{Formats, t};
use crate::framework::{Framework, IndexBasis};
use crate::text::{Lang, Text};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// The framework sheet.
pub(super) fn framework_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, fw.title.get(lang), &f.title)?;
    let basis = match fw.index_basis {
        IndexBasis::Dimensions => t("dimensi", "dimensions", lang),
        IndexBasis::Components => t("komponen", "components", lang),
    };
    let facts: Vec<(&str, String)> = vec![
        ("id", fw.id.clone()),
        (t("versi", "version", lang), fw.version.clone()),
        ("SHA-256", fw.content_hash.clone()),
        (
            t("skala", "scale", lang),
            format!("{} – {}", fw.scale.min, fw.scale.max),
        ),
        (t("indeks dari", "index from", lang), basis.to_string()),
        (
            t("cakupan minimum", "minimum coverage", lang),
            format!("{}", fw.min_coverage),
        ),
        (
            t("sumber", "source", lang),
            fw.source.clone().unwrap_or_default(),
        ),
        (
            t("catatan", "note", lang),
            fw.illustrative
                .as_ref()
                .map(|x| x.get(lang).to_string())
                .unwrap_or_default(),
        ),
        (
            t("catatan predikat", "note on bands", lang),
            fw.bands_note
                .as_ref()
                .map(|x| x.get(lang).to_string())
                .unwrap_or_default(),
        ),
    ];
    let mut r = 2u32;
    for (k, v) in facts {
        ws.write_string_with_format(r, 0, k, &Format::new().set_bold())?;
        ws.write_string_with_format(r, 1, v, &f.wrap)?;
        r += 1;
    }
    r += 1;
    let mut table = |ws: &mut Worksheet,
                     title: &str,
                     heads: &[&str],
                     rows: Vec<Vec<Cell>>|
     -> Result<(), XlsxError> {
        ws.write_string_with_format(r, 0, title, &Format::new().set_bold().set_font_size(12))?;
        r += 1;
        for (c, h) in heads.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *h, &f.header)?;
        }
        r += 1;
        for row in rows {
            for (c, cell) in row.into_iter().enumerate() {
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(r, c as u16, s)?;
                    }
                    Cell::Num(v) => {
                        ws.write_number(r, c as u16, v)?;
                    }
                    Cell::Empty => {}
                }
            }
            r += 1;
        }
        r += 1;
        Ok(())
    };
    let label = |x: &Text| Cell::Text(x.get(lang).to_string());
    table(
        ws,
        t("Predikat", "Bands", lang),
        &[
            t("dari", "from", lang),
            t("sampai", "to", lang),
            t("predikat", "band", lang),
        ],
        fw.bands
            .iter()
            .map(|b| vec![Cell::Num(b.from), Cell::Num(b.to), label(&b.label)])
            .collect(),
    )?;
    if !fw.components.is_empty() {
        table(
            ws,
            t("Komponen", "Components", lang),
            &["id", t("nama", "name", lang), t("bobot", "weight", lang)],
            fw.components
                .iter()
                .map(|c| {
                    vec![
                        Cell::Text(c.id.clone()),
                        label(&c.label),
                        Cell::Num(c.weight),
                    ]
                })
                .collect(),
        )?;
    }
    table(
        ws,
        t("Dimensi", "Dimensions", lang),
        &[
            "id",
            t("nama", "name", lang),
            t("induk", "parent", lang),
            t("bobot", "weight", lang),
        ],
        fw.dimensions
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(d.id.clone()),
                    label(&d.label),
                    d.parent
                        .map_or(Cell::Empty, |p| Cell::Text(fw.dimensions[p].id.clone())),
                    Cell::Num(d.weight),
                ]
            })
            .collect(),
    )?;
    table(
        ws,
        t("Indikator", "Indicators", lang),
        &[
            "id",
            t("nama", "name", lang),
            t("dimensi", "dimension", lang),
            t("komponen", "component", lang),
            t("bobot", "weight", lang),
            t("jawaban", "answers", lang),
            t("wajib", "required", lang),
            t("boleh N/A", "N/A allowed", lang),
            t("pertanyaan", "question", lang),
        ],
        fw.indicators
            .iter()
            .map(|ind| {
                let yes_no = |b: bool| {
                    Cell::Text(
                        if b {
                            t("ya", "yes", lang)
                        } else {
                            t("tidak", "no", lang)
                        }
                        .into(),
                    )
                };
                vec![
                    Cell::Text(ind.id.clone()),
                    label(&ind.label),
                    Cell::Text(fw.dimensions[ind.parent].id.clone()),
                    ind.component
                        .map_or(Cell::Empty, |c| Cell::Text(fw.components[c].id.clone())),
                    Cell::Num(ind.weight),
                    Cell::Text(fw.answer_sets[ind.answers].name.clone()),
                    yes_no(ind.required),
                    yes_no(ind.na_allowed),
                    label(&ind.question),
                ]
            })
            .collect(),
    )?;
    for (c, w) in [18, 40, 12, 12, 8, 14, 8, 10, 60].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&L&A&R&P / &N");
    Ok(())
}

/// A cell of the framework sheet's tables.
enum Cell {
    Text(String),
    Num(f64),
    Empty,
}
