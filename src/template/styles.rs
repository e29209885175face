//! Cell formats shared by the questionnaire's sheets.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// The formats used in a questionnaire.
pub struct Styles {
    /// Sheet titles.
    pub title: Format,
    /// Column headers.
    pub header: Format,
    /// Read-only text that wraps.
    pub wrap: Format,
    /// Cells staff fill in: unlocked, tinted so they are easy to find.
    pub input: Format,
    /// Small explanatory text.
    pub hint: Format,
}

impl Styles {
    /// The house style.
    pub fn new() -> Self {
        let input_fill = Color::RGB(0xFFF8DC);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xD9E2F3))
                .set_border(FormatBorder::Thin),
            wrap: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin),
            input: Format::new()
                .set_unlocked()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(input_fill)
                .set_border(FormatBorder::Thin),
            hint: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_font_color(Color::RGB(0x555555)),
        }
    }
}
