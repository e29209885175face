//! What the sheets share: cell formats, the column header, the finishing of a table (frozen
//! header, filters, coloured changes), the score colour scale, and the cells naming a region.

use crate::compare::Entry;
use crate::framework::Framework;
use crate::text::{Lang, Words};
use rust_xlsxwriter::{
    ConditionalFormat3ColorScale, ConditionalFormatCell, ConditionalFormatCellRule,
    ConditionalFormatType, Format, FormatAlign, FormatBorder, Worksheet, XlsxError,
};

/// Cell formats shared by the sheets.
pub(super) struct Formats {
    pub(super) header: Format,
    pub(super) score: Format,
    pub(super) delta: Format,
    pub(super) percent: Format,
    pub(super) int: Format,
    pub(super) title: Format,
    pub(super) wrap: Format,
    pub(super) up: Format,
    pub(super) down: Format,
}

impl Formats {
    /// The formats, scores with `precision` decimals (the framework's display precision).
    pub(super) fn new(precision: usize) -> Formats {
        let zeros = "0".repeat(precision.min(10));
        let fixed = if zeros.is_empty() {
            "0".to_string()
        } else {
            format!("0.{zeros}")
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_font_color("FFFFFF")
                .set_background_color("0C2C84")
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
                .set_border_color("FFFFFF"),
            score: Format::new().set_num_format(&fixed),
            delta: Format::new().set_num_format(format!("+{fixed};-{fixed};{fixed}")),
            percent: Format::new().set_num_format("0%"),
            int: Format::new().set_num_format("0"),
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            up: Format::new().set_font_color("15803D"),
            down: Format::new().set_font_color("B91C1C"),
        }
    }
}

/// `id` in Indonesian, `en` in English.
pub(super) fn t(id: &'static str, en: &'static str, lang: Lang) -> &'static str {
    Words::new(id, en).get(lang)
}

/// Writes a number, or leaves the cell blank when there is none (a blank is not a zero).
pub(super) fn put(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: Option<f64>,
    f: &Format,
) -> Result<(), XlsxError> {
    if let Some(v) = v.filter(|v| v.is_finite()) {
        ws.write_number_with_format(r, c, v, f)?;
    }
    Ok(())
}

/// The header row: `cols`, in the header format.
pub(super) fn header(ws: &mut Worksheet, cols: &[String], f: &Formats) -> Result<(), XlsxError> {
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)?;
    }
    // Tall enough for the longest heading wrapped in a narrow column (about 11 characters a
    // line), so no heading is clipped: "Layanan Publik (GOV.LP)" takes three lines.
    let lines = cols
        .iter()
        .map(|h| h.chars().count().div_ceil(11))
        .max()
        .unwrap_or(1)
        .clamp(2, 6);
    ws.set_row_height(0, 15.0 * lines as f64 + 2.0)?;
    Ok(())
}

/// Frozen header, filters over the table, and red/green for signed changes in `delta_cols`.
pub(super) fn finish_table(
    ws: &mut Worksheet,
    rows: u32,
    cols: u16,
    freeze_cols: u16,
    delta_cols: &[u16],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(1, freeze_cols)?;
    // Printed: landscape A4, as wide as one page, the header row and the columns naming the
    // region on every page, numbered.
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&L&A&R&P / &N");
    ws.set_repeat_rows(0, 0)?;
    if freeze_cols > 0 {
        ws.set_repeat_columns(0, freeze_cols - 1)?;
    }
    if cols > 0 {
        ws.autofilter(0, 0, rows.max(1), cols - 1)?;
    }
    if rows > 0 {
        for &c in delta_cols {
            ws.add_conditional_format(
                1,
                c,
                rows,
                c,
                &ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::GreaterThan(0.005))
                    .set_format(f.up.clone()),
            )?;
            ws.add_conditional_format(
                1,
                c,
                rows,
                c,
                &ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::LessThan(-0.005))
                    .set_format(f.down.clone()),
            )?;
        }
    }
    Ok(())
}

/// The heatmap colours of the HTML report, light enough for black numbers.
pub(super) fn colour_scale(fw: &Framework) -> ConditionalFormat3ColorScale {
    ConditionalFormat3ColorScale::new()
        .set_minimum(ConditionalFormatType::Number, fw.scale.min)
        .set_midpoint(
            ConditionalFormatType::Number,
            (fw.scale.min + fw.scale.max) / 2.0,
        )
        .set_maximum(ConditionalFormatType::Number, fw.scale.max)
        .set_minimum_color("FFFFD9")
        .set_midpoint_color("C7E9B4")
        .set_maximum_color("41B6C4")
}

/// The headings of the columns [`region_cells`] fills.
pub(super) fn region_headings(lang: Lang) -> [&'static str; 4] {
    [
        t("Tahun", "Year", lang),
        t("Kode", "Code", lang),
        t("Wilayah", "Region", lang),
        t("Jenis", "Kind", lang),
    ]
}

/// Year, code, name and kind of the region-year, in columns 0–3 of row `r`.
pub(super) fn region_cells(
    ws: &mut Worksheet,
    r: u32,
    e: &Entry,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_number(r, 0, e.submission.year as f64)?;
    ws.write_string(r, 1, e.submission.region.code)?;
    ws.write_string(r, 2, e.submission.region.display_name())?;
    ws.write_string(r, 3, e.submission.region.kind.label().get(lang))?;
    Ok(())
}
