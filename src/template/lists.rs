//! The very hidden sheet of dropdown lists: one column per options answer set and one for the
//! regions, so lists longer than Excel's 255-character inline limit still work.

use super::option_display;
use crate::framework::{AnswerKind, Framework, Level};
use crate::regions;
use crate::text::Lang;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::collections::HashMap;

/// Where each list lives, as formulas for data validation (`=Daftar!$A$2:$A$6`).
pub struct Lists {
    /// By answer-set index.
    pub answer_sets: HashMap<usize, String>,
    /// The same lists with `N/A` added, for indicators that allow it.
    pub answer_sets_na: HashMap<usize, String>,
    /// The regions at the framework's levels; `None` when there are too many for a list
    /// (villages), in which case the code cell is validated by pattern instead.
    pub regions: Option<String>,
}

/// Excel column letters of a 0-based column.
fn col_letters(col: u16) -> String {
    let a1 = crate::diagnostics::a1(0, col as u32);
    a1.trim_end_matches('1').to_string()
}

/// The regions listed for a framework: provinces and/or kabupaten/kota. Villages are too many.
pub fn region_choices(fw: &Framework) -> Option<Vec<regions::Region>> {
    let mut out = Vec::new();
    if fw.assesses(Level::Province) {
        out.extend(regions::provinces());
    }
    if fw.assesses(Level::Regency) {
        out.extend(regions::regencies());
    }
    (!out.is_empty()).then_some(out)
}

/// How a region is shown in the dropdown: `32.73 - Kota Bandung`.
pub fn region_display(r: &regions::Region) -> String {
    format!("{} - {}", r.code, r.display_name())
}

/// Writes the lists sheet and says where each list is.
pub fn write(wb: &mut Workbook, fw: &Framework, lang: Lang) -> Result<Lists, XlsxError> {
    let (_, _, name) = super::sheet_names(lang);
    let sheet = wb.add_worksheet().set_name(name)?;
    let mut answer_sets = HashMap::new();
    let mut answer_sets_na = HashMap::new();
    let mut col: u16 = 0;
    for (s, set) in fw.answer_sets.iter().enumerate() {
        let AnswerKind::Options { options } = &set.kind else {
            continue;
        };
        let mut items: Vec<String> = options
            .iter()
            .map(|o| option_display(&o.code, &o.label, lang))
            .collect();
        for (suffix, target) in [("", &mut answer_sets), ("+na", &mut answer_sets_na)] {
            if suffix == "+na" {
                items.push("N/A".into());
            }
            sheet.write_string(0, col, format!("list:{}{suffix}", set.name))?;
            for (r, item) in items.iter().enumerate() {
                sheet.write_string(r as u32 + 1, col, item)?;
            }
            let letters = col_letters(col);
            target.insert(
                s,
                format!("='{name}'!${letters}$2:${letters}${}", items.len() + 1),
            );
            col += 1;
        }
    }
    let regions = match region_choices(fw) {
        Some(list) => {
            sheet.write_string(0, col, "list:regions")?;
            for (r, reg) in list.iter().enumerate() {
                sheet.write_string(r as u32 + 1, col, region_display(reg))?;
            }
            let letters = col_letters(col);
            Some(format!(
                "='{name}'!${letters}$2:${letters}${}",
                list.len() + 1
            ))
        }
        None => None,
    };
    Ok(Lists {
        answer_sets,
        answer_sets_na,
        regions,
    })
}
