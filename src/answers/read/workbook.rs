//! Reading workbooks (xlsx, xlsm, xlsb, xls, ods) through calamine into rows of cells, within the
//! limits: what the bytes are decides the reader, sheets are streamed where the library allows,
//! and a panic inside the library costs the file, not the run.

use super::cell::{Cell, capped_cell};
use super::errors::{
    damaged, damaged_because, not_a_spreadsheet, over_limit, password_protected, text_cut,
    too_many_cells,
};
use super::inspect::{ZipKind, check_ods_extent, check_xls_extent, inspect_zip};
use super::kind::{Content, sniff};
use super::limits;
use super::row::{Row, RowSink};
use crate::diagnostics::{Place, Problem};
use crate::text::Text;
use calamine::Reader;
use std::path::Path;

/// Reads a workbook from its bytes, by what the bytes are rather than by the name.
pub(super) fn read_workbook_bytes(
    path: &Path,
    bytes: Vec<u8>,
    sink: &mut dyn RowSink,
) -> Result<(), Problem> {
    match sniff(&bytes) {
        Content::Zip => {
            let kind = inspect_zip(path, &bytes)?;
            super::inspect_dtd::check_no_entity_declarations(path, &bytes)?;
            if kind == ZipKind::Ods {
                check_ods_extent(path, &bytes)?;
            }
            if kind == ZipKind::Xlsx {
                super::inspect_declared::check_xlsx_declared(path, &bytes)?;
            }
            guarded(path, || match kind {
                ZipKind::Xlsx => read_xlsx(path, bytes, sink),
                ZipKind::Xlsb => read_xlsb(path, bytes, sink),
                ZipKind::Ods => {
                    let wb: calamine::Ods<_> =
                        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
                            .map_err(|e| describe_calamine(path, calamine::Error::Ods(e)))?;
                    read_ranges(path, wb, sink)
                }
            })
        }
        Content::Compound => {
            let mut file = cfb::CompoundFile::open(std::io::Cursor::new(&bytes[..]))
                .map_err(|e| damaged(path, &format!("cfb: {e}")))?;
            let has = |name: &str| file.exists(format!("/{name}"));
            if has("EncryptedPackage") || has("EncryptionInfo") {
                return Err(password_protected(path));
            }
            if has("WordDocument") {
                return Err(not_a_spreadsheet(
                    path,
                    "dokumen Word (doc)",
                    "a Word document (doc)",
                ));
            }
            if has("PowerPoint Document") {
                return Err(not_a_spreadsheet(
                    path,
                    "presentasi PowerPoint (ppt)",
                    "a PowerPoint presentation (ppt)",
                ));
            }
            check_xls_extent(path, &mut file)?;
            drop(file);
            guarded(path, || {
                let wb: calamine::Xls<_> =
                    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
                        .map_err(|e| describe_calamine(path, calamine::Error::Xls(e)))?;
                read_ranges(path, wb, sink)
            })
        }
        Content::Other(id, en) => Err(not_a_spreadsheet(path, id, en)),
        Content::Text | Content::NulInText { .. } => Err(not_a_spreadsheet(
            path,
            "berkas teks; jika isinya CSV, ganti ekstensinya menjadi .csv",
            "a text file; if it holds CSV, rename it to .csv",
        )),
    }
}

/// Runs a workbook reader so that a panic inside it (a bug in a reader library, met with a
/// damaged file) costs this file a clear error instead of the whole run.
fn guarded(path: &Path, read: impl FnOnce() -> Result<(), Problem>) -> Result<(), Problem> {
    thread_local! {
        /// Whether this thread is inside a guarded reader call, and the panic caught there.
        static CAUGHT: std::cell::RefCell<Option<Option<String>>> =
            const { std::cell::RefCell::new(None) };
    }
    // Once per process: panics inside a guarded call are recorded for the message instead of
    // printed with a backtrace; every other panic goes to the hook that was there before.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let inside = CAUGHT.with(|c| {
                let mut c = c.borrow_mut();
                match c.as_mut() {
                    Some(slot) => {
                        let what = info
                            .payload()
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| info.payload().downcast_ref::<String>().cloned())
                            .unwrap_or_default();
                        let at = info
                            .location()
                            .map(|l| {
                                // The crate and file, not the build machine's folders.
                                let file = l.file();
                                let short = file
                                    .split_once("/registry/src/")
                                    .and_then(|(_, rest)| rest.split_once('/'))
                                    .map_or(file, |(_, rest)| rest);
                                format!(" at {short}:{}", l.line())
                            })
                            .unwrap_or_default();
                        *slot = Some(format!("{what}{at}"));
                        true
                    }
                    None => false,
                }
            });
            if !inside {
                previous(info);
            }
        }));
    });
    CAUGHT.with(|c| *c.borrow_mut() = Some(None));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    let caught = CAUGHT.with(|c| c.borrow_mut().take()).flatten();
    result.unwrap_or_else(|_| {
        let why = caught.unwrap_or_default();
        Err(damaged_because(
            path,
            &Text::new(
                format!("pembaca lembar kerja gagal membacanya: {why}"),
                format!("the spreadsheet reader failed on it: {why}"),
            ),
        ))
    })
}

/// Collects the cells of one file into sheets, within the limits: cells materialised, columns,
/// text per cell. Warnings (text cut) go with the sheet.
struct Collector<'p> {
    path: &'p Path,
    /// Cells materialised so far in the file, padding included.
    cells: u64,
}

impl<'p> Collector<'p> {
    fn new(path: &'p Path) -> Self {
        Collector { path, cells: 0 }
    }

    /// Counts `n` more cells materialised in `sheet`; an error past the limit.
    fn spend(&mut self, n: u64, sheet: &str) -> Result<(), Problem> {
        self.cells = self.cells.saturating_add(n);
        self.check(0, sheet)
    }

    /// An error if the cells counted, and `pending` more, pass the limit.
    fn check(&self, pending: usize, sheet: &str) -> Result<(), Problem> {
        if self.cells.saturating_add(pending as u64) > limits::MAX_CELLS {
            return Err(too_many_cells(
                self.path,
                Place::Sheet {
                    sheet: sheet.to_string(),
                },
            ));
        }
        Ok(())
    }

    fn column_ok(&self, col: u32, sheet: &str, row: u32) -> Result<(), Problem> {
        if col >= limits::MAX_COLUMNS {
            return Err(over_limit(
                self.path,
                Place::Cell {
                    sheet: sheet.to_string(),
                    row,
                    col,
                },
                format!(
                    "sel melewati kolom terakhir yang dibaca (XFD, kolom ke-{})",
                    limits::MAX_COLUMNS
                ),
                format!(
                    "a cell lies past the last column read (XFD, column {})",
                    limits::MAX_COLUMNS
                ),
            ));
        }
        Ok(())
    }

    /// Sends a sheet's cells, which arrive row by row, to `sink` as rows; cells of a row may
    /// come in any column order (a later cell at the same place wins, as in the reader
    /// libraries), and a row met again later is sent again as its own row.
    fn emit_row(
        &mut self,
        sink: &mut dyn RowSink,
        sheet: &str,
        pos: u32,
        cells: &mut Vec<(u32, Cell)>,
    ) -> Result<(), Problem> {
        if cells.is_empty() {
            return Ok(());
        }
        cells.sort_by_key(|&(c, _)| c);
        let width = cells.last().map_or(0, |&(c, _)| c as usize + 1);
        self.spend(width as u64, sheet)?;
        let mut row = vec![Cell::Empty; width];
        for (c, cell) in cells.drain(..) {
            row[c as usize] = cell;
        }
        sink.take_row(Row {
            pos: pos as u64,
            cells: row,
        });
        Ok(())
    }
}

/// A calamine value as a cell, text cut to the limit.
fn cell_of_ref(v: &calamine::DataRef<'_>) -> (Cell, Option<usize>) {
    match v {
        calamine::DataRef::String(s) => capped_cell(s),
        calamine::DataRef::SharedString(s) => capped_cell(s),
        other => (Cell::from_data(&calamine::Data::from(other.clone())), None),
    }
}

fn cell_of_data(v: &calamine::Data) -> (Cell, Option<usize>) {
    match v {
        calamine::Data::String(s) => capped_cell(s),
        other => (Cell::from_data(other), None),
    }
}

/// Streams the cells of every sheet of a zip-based workbook (xlsx or xlsb) without the dense
/// range the reader library would build, so a sheet whose used range spans a million rows by
/// thousands of columns costs only its real cells, within the limits.
macro_rules! stream_sheets {
    ($path:expr, $wb:expr, $sink:expr, $wrap:path, $not_a_worksheet:pat) => {{
        let path: &Path = $path;
        let sink: &mut dyn RowSink = $sink;
        let mut wb = $wb;
        let mut collector = Collector::new(path);
        // A very hidden sheet cannot be shown from the spreadsheet program's interface, so no
        // one can have typed answers there; `smartcity template` keeps its dropdown lists in one,
        // and it holds most of a questionnaire's cells. Chart, dialog and macro sheets hold no
        // cells to answer in (and the reader library cannot read an xlsb's chart sheet).
        let names: Vec<String> = wb
            .sheets_metadata()
            .iter()
            .filter(|m| m.visible != calamine::SheetVisible::VeryHidden)
            .filter(|m| m.typ == calamine::SheetType::WorkSheet)
            .map(|m| m.name.clone())
            .collect();
        for name in names {
            let mut reader = match wb.worksheet_cells_reader(&name) {
                Ok(r) => r,
                Err($not_a_worksheet) => {
                    sink.start_sheet(Some(&name));
                    sink.end_sheet();
                    continue;
                }
                Err(e) => return Err(describe_calamine(path, $wrap(e))),
            };
            sink.start_sheet(Some(&name));
            let mut current: Option<u32> = None;
            let mut cells: Vec<(u32, Cell)> = Vec::new();
            loop {
                let cell = match reader.next_cell() {
                    Ok(Some(c)) => c,
                    Ok(None) => break,
                    Err(e) => return Err(describe_calamine(path, $wrap(e))),
                };
                let (row, col) = cell.get_position();
                let (value, cut) = cell_of_ref(cell.get_value());
                if value.is_empty() {
                    continue;
                }
                collector.column_ok(col, &name, row)?;
                collector.check(cells.len() + 1, &name)?;
                if let Some(chars) = cut {
                    let place = Place::Cell {
                        sheet: name.clone(),
                        row,
                        col,
                    };
                    sink.problem(text_cut(path, place, chars));
                }
                if current != Some(row) {
                    if let Some(pos) = current {
                        collector.emit_row(sink, &name, pos, &mut cells)?;
                    }
                    current = Some(row);
                }
                cells.push((col, value));
            }
            if let Some(pos) = current {
                collector.emit_row(sink, &name, pos, &mut cells)?;
            }
            sink.end_sheet();
        }
        Ok(())
    }};
}

fn read_xlsx(path: &Path, bytes: Vec<u8>, sink: &mut dyn RowSink) -> Result<(), Problem> {
    let wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| describe_calamine(path, calamine::Error::Xlsx(e)))?;
    stream_sheets!(
        path,
        wb,
        sink,
        calamine::Error::Xlsx,
        calamine::XlsxError::NotAWorksheet(_)
    )
}

fn read_xlsb(path: &Path, bytes: Vec<u8>, sink: &mut dyn RowSink) -> Result<(), Problem> {
    let wb: calamine::Xlsb<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| describe_calamine(path, calamine::Error::Xlsb(e)))?;
    stream_sheets!(
        path,
        wb,
        sink,
        calamine::Error::Xlsb,
        calamine::XlsbError::WorksheetNotFound(_)
    )
}

/// Reads the sheets of a workbook whose reader only offers whole ranges (xls, ods). The reader
/// library bounds those itself (ods: 100 million cells; xls: its file size); the cells taken from
/// them are bounded here.
fn read_ranges<R, W>(path: &Path, mut wb: W, sink: &mut dyn RowSink) -> Result<(), Problem>
where
    R: std::io::Read + std::io::Seek,
    W: Reader<R>,
    calamine::Error: From<W::Error>,
{
    let mut collector = Collector::new(path);
    let names = wb.sheet_names().to_vec();
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| describe_calamine(path, calamine::Error::from(e)))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        sink.start_sheet(Some(&name));
        let mut cells: Vec<(u32, Cell)> = Vec::new();
        for (i, r) in range.rows().enumerate() {
            let row = row0.saturating_add(i as u32);
            for (j, d) in r.iter().enumerate() {
                let (value, cut) = cell_of_data(d);
                if value.is_empty() {
                    continue;
                }
                let col = col0.saturating_add(j as u32);
                collector.column_ok(col, &name, row)?;
                if let Some(chars) = cut {
                    let place = Place::Cell {
                        sheet: name.clone(),
                        row,
                        col,
                    };
                    sink.problem(text_cut(path, place, chars));
                }
                collector.check(cells.len() + 1, &name)?;
                cells.push((col, value));
            }
            collector.emit_row(sink, &name, row, &mut cells)?;
        }
        drop(range);
        sink.end_sheet();
    }
    Ok(())
}

/// Turns a reader library's error into a message that says what the file is.
fn describe_calamine(path: &Path, err: calamine::Error) -> Problem {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    let text = err.to_string();
    match err {
        Error::Xlsx(XlsxError::Password)
        | Error::Xlsb(XlsbError::Password)
        | Error::Xls(XlsError::Password)
        | Error::Ods(OdsError::Password) => password_protected(path),
        Error::Ods(OdsError::CellLimitExceeded { requested, max }) => over_limit(
            path,
            Place::File,
            format!(
                "lembar terpakai sampai {requested} sel (paling banyak {max}); hapus baris dan kolom kosong yang berformat lalu simpan ulang"
            ),
            format!(
                "a sheet's used range spans {requested} cells (at most {max}); delete formatted empty rows and columns and save again"
            ),
        ),
        _ => damaged(path, &text),
    }
}
