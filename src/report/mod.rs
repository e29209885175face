//! Outputs of an assessment: a terminal table, CSV and JSON with documented, stable fields, the
//! report folder (HTML pages, workbook, manifest), and the safe writing of files.

pub mod charts;
mod csv_out;
mod folder;
pub mod html;
mod json;
pub mod manifest;
mod table;
mod write;
pub mod xlsx;

pub use csv_out::{csv_columns, to_csv};
pub use folder::{ReportError, ReportOptions, Written, write_report};
pub use json::{to_json, write_json};
pub use table::to_table;
pub use write::{Sink, WriteError, neutralize_formula, write_atomic, write_atomic_with};

use crate::compare::Entry;
use crate::framework::Framework;
use crate::text::Lang;

/// The band label of an entry in `lang`, or the status when there is no index.
pub fn band_label(fw: &Framework, e: &Entry, lang: Lang) -> String {
    match e.scorecard.band {
        Some(b) => fw.bands[b].label.get(lang).to_string(),
        None => String::new(),
    }
}
