//! Outputs of an assessment: a terminal table, CSV and JSON with documented, stable fields, the
//! report folder (HTML pages, workbook, manifest), and the safe writing of files.

mod charts;
mod csv_out;
mod explain;
mod folder;
mod html;
mod intervals;
mod json;
mod manifest;
mod staging;
mod table;
mod verification;
mod write;
mod xlsx;

pub use csv_out::{to_csv, write_csv, write_ranking_csv};
pub use explain::{explain_text, find_entry};
pub use folder::{MoreFiles, ReportError, ReportOptions, Written, write_report, write_report_with};
pub use html::{PAGE_LIMIT, ScorecardPages, TemplateError, Templates};
pub use intervals::RankIntervals;
pub use json::{to_json, write_json};
pub use manifest::{ShownPaths, Timestamp};
#[cfg(test)]
pub(crate) use staging::ANALYSIS_FILES;
pub use staging::FolderError;
pub use table::{to_table, to_table_within};
pub use verification::verification_text;
pub(crate) use write::neutralize_formula;
pub use write::{Sink, write_atomic_with};
pub use write::{WriteError, write_atomic};

use crate::compare::Entry;
use crate::framework::Framework;
use crate::text::Lang;

/// The band label of an entry in `lang`, or the status when there is no index.
pub(crate) fn band_label(fw: &Framework, e: &Entry, lang: Lang) -> String {
    match e.scorecard.band {
        Some(b) => fw.bands[b].label.get(lang).to_string(),
        None => String::new(),
    }
}
