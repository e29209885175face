//! The wide table: a header row with region code, year and one column per indicator id; each
//! further row a whole region-year, validated in batches on all cores.

use super::review::{ReviewCols, ReviewIdentityCols, review_column};
use super::roles::{Role, col_of};
use super::sheet::{SheetName, located};
use crate::answers::read::Row;
use crate::answers::validate::{Builder, Detail, Identity, Mode};
use crate::diagnostics::{Code, Problem};
use crate::framework::Framework;
use crate::submission::Submission;
use crate::text::Text;
use rayon::prelude::*;
use std::path::Path;

/// Columns of a wide table.
#[derive(Debug, Clone)]
pub(super) struct WideCols {
    region: usize,
    year: usize,
    name: Option<usize>,
    header_row: u64,
    /// (column, indicator id as written in the header).
    indicators: Vec<(usize, String)>,
    /// Evaluators' columns (`ID:verified`, `ID:evaluator_notes`).
    review: ReviewCols,
    /// The review's identity (evaluator, date, stage).
    review_identity: ReviewIdentityCols,
}

impl WideCols {
    /// The columns of a wide table whose header is `header` (its roles `cols`), and the header
    /// texts that name no indicator; `None` if no column names an indicator.
    pub(super) fn of_header(
        fw: &Framework,
        header: &Row,
        cols: &[Option<Role>],
    ) -> Option<(WideCols, Vec<String>)> {
        let mut indicators = Vec::new();
        let mut ignored = Vec::new();
        let mut review = Vec::new();
        for (c, cell) in header.cells.iter().enumerate() {
            if cols[c].is_some() || cell.is_empty() {
                continue;
            }
            let name = cell.display();
            if fw.find_indicator(&name).is_some() {
                indicators.push((c, name));
            } else if let Some((id, kind)) = review_column(fw, &name) {
                review.push((c, id, kind));
            } else {
                ignored.push(name);
            }
        }
        if indicators.is_empty() {
            return None;
        }
        let wide = WideCols {
            region: col_of(cols, Role::RegionCode)?,
            year: col_of(cols, Role::Year)?,
            name: col_of(cols, Role::RegionName),
            header_row: header.pos,
            indicators,
            review: ReviewCols::of(review),
            review_identity: ReviewIdentityCols::of(cols),
        };
        Some((wide, ignored))
    }
}

/// The warning for header columns that name no indicator, if there are any.
pub(super) fn ignored_columns(
    file: &Path,
    sheet: &SheetName,
    header: &Row,
    ignored: Vec<String>,
) -> Option<Problem> {
    if ignored.is_empty() {
        return None;
    }
    Some(
        Problem::new(
            Code::W007,
            file,
            sheet.row(header.pos),
            Text::new(
                format!("{} kolom bukan id indikator dan diabaikan", ignored.len()),
                format!(
                    "{} columns are not indicator ids and were ignored",
                    ignored.len()
                ),
            ),
        )
        .found(ignored.join(", ")),
    )
}

/// Wide-table rows validated together.
pub(super) const WIDE_BATCH: usize = 512;

/// How the rows of one wide table are read.
pub(super) struct WideReading<'a, 'f> {
    pub(super) fw: &'f Framework,
    pub(super) mode: Mode,
    pub(super) detail: Detail,
    pub(super) file: &'a Path,
    pub(super) sheet: &'a SheetName,
    pub(super) cols: &'a WideCols,
}

impl WideReading<'_, '_> {
    /// Validates `rows` on all cores: each row's region-year, in order.
    pub(super) fn region_years(&self, rows: &[Row]) -> Vec<(Option<Submission>, Vec<Problem>)> {
        rows.par_iter().map(|row| self.region_year(row)).collect()
    }

    /// A wide-table row is a whole region-year: its result.
    fn region_year(&self, row: &Row) -> (Option<Submission>, Vec<Problem>) {
        let (sheet, cols) = (self.sheet, self.cols);
        let mut identity = Identity::new(self.file.to_path_buf(), sheet.row(row.pos));
        identity.region = Some(located(
            row.get(cols.region).clone(),
            sheet.cell(row.pos, cols.region),
        ));
        identity.year = Some(located(
            row.get(cols.year).clone(),
            sheet.cell(row.pos, cols.year),
        ));
        identity.region_name = cols
            .name
            .filter(|c| !row.get(*c).is_empty())
            .map(|c| located(row.get(c).display(), sheet.cell(row.pos, c)));
        cols.review_identity.read_into(row, sheet, &mut identity);
        let mut builder = Builder::new(self.fw, self.mode, self.detail, identity);
        for (c, id) in &cols.indicators {
            builder.add(
                id,
                || sheet.cell(cols.header_row, *c),
                row.get(*c),
                || sheet.cell(row.pos, *c),
                None,
            );
        }
        for (c, id, note) in &cols.review.verified {
            let notes = note.map(|n| row.get(n).display()).filter(|n| !n.is_empty());
            builder.add_verified(
                id,
                row.get(*c),
                || sheet.cell(row.pos, *c),
                notes.as_deref(),
            );
        }
        builder.finish()
    }
}
