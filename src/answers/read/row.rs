//! Rows as every reader hands them over: a [`Row`] of cells with its position, whole
//! [`Sheet`]s for callers that want them in memory, and the [`RowSink`] a reader streams into.

use super::cell::Cell;
use super::csv_blocks::Block;
use crate::diagnostics::Problem;

/// One row of a sheet.
#[derive(Debug, Clone)]
pub struct Row {
    /// 0-based row of a workbook sheet, or the 1-based line where a CSV record starts.
    pub pos: u64,
    /// Cells from column A (index 0) on.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `col`, empty past the end.
    pub fn get(&self, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.cells.get(col).unwrap_or(&EMPTY)
    }
}

/// A sheet of a workbook, or the single table of a CSV file, held whole: for tests, which compare
/// what different readers deliver.
#[cfg(test)]
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Non-empty rows in order.
    pub rows: Vec<Row>,
    /// Warnings found while reading it (e.g. cell text cut at the limit).
    pub problems: Vec<Problem>,
}

/// Receives a file's rows as they are read, sheet by sheet, so a caller can process millions of
/// rows without holding them. Rows arrive in sheet order; within a sheet, in the order the file
/// stores them (ascending for every producer met so far).
pub trait RowSink {
    /// A sheet begins (`None` for the single table of a CSV file).
    fn start_sheet(&mut self, name: Option<&str>);
    /// The next non-empty row (lent: readers reuse its buffers for the next one).
    fn row(&mut self, row: &Row);
    /// The next non-empty row, given: a sink that keeps rows takes it without a copy.
    fn take_row(&mut self, row: Row) {
        self.row(&row);
    }
    /// The sheet ends.
    fn end_sheet(&mut self);
    /// A warning found while reading (e.g. cell text cut at the limit).
    fn problem(&mut self, problem: Problem);
    /// Whether the rest of the current sheet can be read in blocks on several threads, and if
    /// so who takes them. Rows then arrive through [`BlockSink::take_blocks`], not [`Self::row`].
    fn in_parallel(&mut self) -> Option<&mut (dyn BlockSink + Send)> {
        None
    }
}

/// Reads one block of a CSV into a sink, returning the cells read.
pub type ReadBlock<'a> = dyn Fn(&Block, &mut dyn RowSink) -> Result<u64, Problem> + Sync + 'a;

/// A sink that takes a sheet's rows in blocks read on several threads.
pub trait BlockSink {
    /// Reads `blocks` with `read` (each into a sink of its own, in parallel) and takes their
    /// rows in order, as if they had come one by one — all of them by the end of the sheet, some
    /// perhaps only with the next call. Returns the cells read.
    fn take_blocks(&mut self, blocks: &[Block], read: &ReadBlock<'_>) -> Result<u64, Problem>;
}

/// Collects rows into whole sheets, for tests that want them in memory.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct SheetCollector {
    pub(crate) sheets: Vec<Sheet>,
}

#[cfg(test)]
impl RowSink for SheetCollector {
    fn start_sheet(&mut self, _name: Option<&str>) {
        self.sheets.push(Sheet {
            rows: Vec::new(),
            problems: Vec::new(),
        });
    }

    fn row(&mut self, row: &Row) {
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.rows.push(row.clone());
        }
    }

    fn end_sheet(&mut self) {}

    fn problem(&mut self, problem: Problem) {
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.problems.push(problem);
        }
    }
}
