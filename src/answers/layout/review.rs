//! The evaluator's columns of a wide table: `ID:verified` (or `ID:verifikasi`) beside an
//! indicator's column holds its verified answer, `ID:evaluator_notes` (or
//! `ID:catatan_evaluator`) the evaluator's note.

use super::roles::header_key;
use crate::framework::Framework;

/// What an evaluator's column of a wide table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ReviewColumn {
    /// The verified answer.
    Verified,
    /// The evaluator's note.
    Notes,
}

/// The indicator id and the kind of an evaluator's column header (`GOV-01:verified`), if it is
/// one for an indicator of `fw`.
pub(super) fn review_column(fw: &Framework, header: &str) -> Option<(String, ReviewColumn)> {
    let (id, suffix) = header.rsplit_once(':')?;
    let kind = match header_key(suffix).as_str() {
        "verified" | "verifikasi" | "verified answer" | "jawaban verifikasi" => {
            ReviewColumn::Verified
        }
        "evaluator notes" | "catatan evaluator" | "notes" | "catatan" => ReviewColumn::Notes,
        _ => return None,
    };
    let id = id.trim();
    fw.find_indicator(id)
        .is_some()
        .then(|| (id.to_string(), kind))
}

/// The evaluator's columns of a wide table: for each verified-answer column, the indicator as
/// written and its note column if there is one.
#[derive(Debug, Clone, Default)]
pub(super) struct ReviewCols {
    /// (column, indicator id as written, note column).
    pub(super) verified: Vec<(usize, String, Option<usize>)>,
}

impl ReviewCols {
    /// Collects the columns found as `(column, id, kind)`.
    pub(super) fn of(found: Vec<(usize, String, ReviewColumn)>) -> ReviewCols {
        let notes: Vec<(usize, &str)> = found
            .iter()
            .filter(|(_, _, k)| *k == ReviewColumn::Notes)
            .map(|(c, id, _)| (*c, id.as_str()))
            .collect();
        let verified = found
            .iter()
            .filter(|(_, _, k)| *k == ReviewColumn::Verified)
            .map(|(c, id, _)| {
                let note = notes.iter().find(|(_, n)| n == id).map(|(c, _)| *c);
                (*c, id.clone(), note)
            })
            .collect();
        ReviewCols { verified }
    }
}
