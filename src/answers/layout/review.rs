//! The evaluator's columns of a table. In a wide table, `ID:verified` (or `ID:verifikasi`)
//! beside an indicator's column holds its verified answer, `ID:evaluator_notes` (or
//! `ID:catatan_evaluator`) the evaluator's note. In a long or wide table, `evaluator`,
//! `review_date` and `review_stage` give the review's identity.

use super::roles::{Role, col_of, header_key};
use super::sheet::{SheetName, located};
use crate::answers::read::Row;
use crate::answers::validate::{Identity, Located};
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

/// A date cell as `YYYY-MM-DD`: spreadsheets store dates as days since 1899-12-30; text is kept
/// as written.
pub(super) fn date_text(cell: &crate::answers::read::Cell) -> String {
    use crate::answers::read::Cell;
    match cell {
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) => {
            // Days since 1970-01-01, then the civil date (Howard Hinnant's algorithm).
            let z = n.floor() as i64 - 25_569 + 719_468;
            let era = z.div_euclid(146_097);
            let doe = z - era * 146_097;
            let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            let mp = (5 * doy + 2) / 153;
            let day = doy - (153 * mp + 2) / 5 + 1;
            let month = if mp < 10 { mp + 3 } else { mp - 9 };
            let year = yoe + era * 400 + i64::from(month <= 2);
            format!("{year:04}-{month:02}-{day:02}")
        }
        other => other.display(),
    }
}

#[cfg(test)]
mod tests {
    use super::date_text;
    use crate::answers::read::Cell;

    #[test]
    fn date_serials_read_as_iso_dates() {
        assert_eq!(date_text(&Cell::Number(44_885.0)), "2022-11-20");
        assert_eq!(date_text(&Cell::Number(1.0)), "1899-12-31");
        assert_eq!(date_text(&Cell::Number(45_351.0)), "2024-02-29");
        assert_eq!(date_text(&Cell::Text("20/11/2022".into())), "20/11/2022");
    }
}

/// The review's identity columns of a long or wide table (`evaluator`, `review_date`,
/// `review_stage`; `penilai`, `tanggal_verifikasi`, `tahap`): what a review workbook's identity
/// sheet holds, given per row.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ReviewIdentityCols {
    evaluator: Option<usize>,
    date: Option<usize>,
    stage: Option<usize>,
}

/// The review's identity as a table's rows give it: the first non-blank value of each column
/// among a region-year's rows.
#[derive(Debug, Clone, Default)]
pub(super) struct ReviewIdentity {
    evaluator: Option<Located<String>>,
    date: Option<Located<String>>,
    stage: Option<Located<String>>,
}

impl ReviewIdentityCols {
    /// The columns among `cols` (the roles of a header row).
    pub(super) fn of(cols: &[Option<Role>]) -> Self {
        ReviewIdentityCols {
            evaluator: col_of(cols, Role::Evaluator),
            date: col_of(cols, Role::ReviewDate),
            stage: col_of(cols, Role::ReviewStage),
        }
    }

    /// Takes the values of `row` that `into` does not have yet.
    pub(super) fn read(self, row: &Row, sheet: &SheetName, into: &mut ReviewIdentity) {
        let take = |col: Option<usize>, field: &mut Option<Located<String>>, date: bool| {
            let Some(c) = col else { return };
            let cell = row.get(c);
            if field.is_some() || cell.is_empty() {
                return;
            }
            let value = if date {
                date_text(cell)
            } else {
                cell.display().trim().to_string()
            };
            *field = Some(located(value, sheet.cell(row.pos, c)));
        };
        take(self.evaluator, &mut into.evaluator, false);
        take(self.date, &mut into.date, true);
        take(self.stage, &mut into.stage, false);
    }
}

impl ReviewIdentityCols {
    /// Takes the values of `row` that `identity` does not have yet.
    pub(super) fn read_into(self, row: &Row, sheet: &SheetName, identity: &mut Identity) {
        let mut found = ReviewIdentity {
            evaluator: identity.evaluator.take(),
            date: identity.review_date.take(),
            stage: identity.review_stage.take(),
        };
        self.read(row, sheet, &mut found);
        found.fill(identity);
    }
}

impl ReviewIdentity {
    /// Moves what `self` has into `identity`, where it has nothing yet.
    pub(super) fn fill(self, identity: &mut Identity) {
        let keep = |from: Option<Located<String>>, to: &mut Option<Located<String>>| {
            if to.is_none() {
                *to = from;
            }
        };
        keep(self.evaluator, &mut identity.evaluator);
        keep(self.date, &mut identity.review_date);
        keep(self.stage, &mut identity.review_stage);
    }
}
