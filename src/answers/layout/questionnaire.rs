//! The questionnaire: one region-year per workbook, its identity sheet (keys in column A, values
//! in column C) and its answer sheets (a header row with `ID` and `Jawaban`/`Answer`, one row per
//! indicator).

use super::roles::{IDENTITY_VALUE_COL, Role, role_of};
use super::sheet::{SheetName, located};
use crate::answers::read::{Cell, Row};
use crate::answers::validate::{Builder, Located};

/// Columns of an answer sheet.
#[derive(Debug, Clone, Copy)]
pub(super) struct AnswerCols {
    pub(super) indicator: usize,
    pub(super) answer: usize,
    pub(super) notes: Option<usize>,
    /// The evaluator's verified answer and note (review workbooks).
    pub(super) verified: Option<usize>,
    pub(super) evaluator_notes: Option<usize>,
    /// A review workbook's hidden copy of the region's answer.
    pub(super) copy: Option<usize>,
}

/// Takes a row of the identity sheet into the questionnaire's identity.
pub(super) fn identity_row(q: &mut Builder<'_>, sheet: &SheetName, row: &Row) {
    let Some(role) = role_of(row.get(0)) else {
        return;
    };
    let cell = row.get(IDENTITY_VALUE_COL).clone();
    let place = sheet.cell(row.pos, IDENTITY_VALUE_COL);
    let id = &mut q.identity;
    let text = |cell: &Cell| Located {
        value: cell.display(),
        place: place.clone(),
    };
    match role {
        Role::RegionCode => id.region = Some(located(cell, place)),
        Role::Year => id.year = Some(located(cell, place)),
        Role::RegionName if !cell.is_empty() => id.region_name = Some(text(&cell)),
        Role::FrameworkId if !cell.is_empty() => id.framework_id = Some(text(&cell)),
        Role::FrameworkVersion if !cell.is_empty() => id.framework_version = Some(text(&cell)),
        Role::Respondent => id.respondent = Some(located(cell, place)),
        Role::Contact => id.contact = Some(located(cell, place)),
        Role::Evaluator if !cell.is_empty() => id.evaluator = Some(text(&cell)),
        Role::ReviewDate if !cell.is_empty() => {
            id.review_date = Some(Located {
                value: super::review::date_text(&cell),
                place: place.clone(),
            });
        }
        Role::ReviewStage if !cell.is_empty() => id.review_stage = Some(text(&cell)),
        _ => {}
    }
}

/// Takes a row of an answer sheet: the answer given for the indicator it names.
pub(super) fn answer_row(q: &mut Builder<'_>, sheet: &SheetName, row: &Row, cols: AnswerCols) {
    let id = row.get(cols.indicator).display();
    if id.is_empty() {
        return;
    }
    let notes = cols
        .notes
        .map(|c| row.get(c).display())
        .filter(|n| !n.is_empty());
    q.add(
        &id,
        || sheet.cell(row.pos, cols.indicator),
        row.get(cols.answer),
        || sheet.cell(row.pos, cols.answer),
        notes.as_deref(),
    );
    if let Some(c) = cols.copy {
        q.unchanged_since_review(
            &id,
            row.get(cols.answer),
            || sheet.cell(row.pos, cols.answer),
            row.get(c),
            || sheet.cell(row.pos, c),
        );
    }
    if let Some(c) = cols.verified {
        let notes = cols
            .evaluator_notes
            .map(|n| row.get(n).display())
            .filter(|n| !n.is_empty());
        q.add_verified(&id, row.get(c), || sheet.cell(row.pos, c), notes.as_deref());
    }
}
