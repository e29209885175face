//! Where the cells of the sheet being read are, for messages and for what is kept of answers.

use crate::answers::validate::Located;
use crate::diagnostics::Place;

/// Where the current sheet's cells are, for messages.
#[derive(Debug, Clone)]
pub(super) struct SheetName(Option<String>);

impl SheetName {
    /// The sheet called `name`, or the single table of a CSV file (`None`).
    pub(super) fn new(name: Option<String>) -> Self {
        SheetName(name)
    }

    pub(super) fn cell(&self, row: u64, col: usize) -> Place {
        match &self.0 {
            Some(sheet) => Place::Cell {
                sheet: sheet.clone(),
                row: row as u32,
                col: col as u32,
            },
            None => Place::Line {
                line: row,
                column: Some(col as u64 + 1),
            },
        }
    }

    pub(super) fn row(&self, row: u64) -> Place {
        match &self.0 {
            Some(_) => self.cell(row, 0),
            None => Place::Line {
                line: row,
                column: None,
            },
        }
    }

    pub(super) fn whole(&self) -> Place {
        match &self.0 {
            Some(sheet) => Place::Sheet {
                sheet: sheet.clone(),
            },
            None => Place::File,
        }
    }
}

/// A value with the place it was found.
pub(super) fn located<T>(value: T, place: Place) -> Located<T> {
    Located { value, place }
}
