//! Files → rows: what a file is, its limits, and the rows it hands to a [`RowSink`] —
//! workbooks through calamine ([`workbook`], after [`inspect`] has looked inside the container),
//! CSV through the csv crate ([`csv`], cut into blocks of whole records by [`csv_blocks`]); a big
//! workbook on a thread of its own ([`relay`]). Nothing here knows about questionnaires: it only
//! delivers cells with their positions.

mod cell;
mod csv;
mod csv_blocks;
mod csv_quotes;
mod errors;
mod inspect;
mod inspect_declared;
mod inspect_dtd;
mod kind;
pub mod limits;
mod relay;
mod row;
mod workbook;

pub use cell::Cell;
pub(crate) use csv_blocks::Block;
pub use kind::{FileKind, file_kind};
pub(crate) use row::{BlockSink, ReadBlock, Row, RowSink};

use crate::diagnostics::Problem;
use errors::{too_large, unreadable, unreadable_io};
use std::io::Read as _;
use std::path::Path;

/// Reads every sheet of a file, row by row, into `sink`. On an error the file is to be rejected
/// whole: `sink` may have received part of it.
pub fn read_file_into(path: &Path, sink: &mut dyn RowSink) -> Result<(), Problem> {
    let meta = std::fs::metadata(path).map_err(|e| unreadable_io(path, &e))?;
    if meta.is_dir() {
        return Err(unreadable(
            path,
            "ini folder, bukan berkas".into(),
            "this is a folder, not a file".into(),
        ));
    }
    let Some(kind) = file_kind(path) else {
        return Err(unreadable(
            path,
            "jenis berkas tidak didukung (xlsx, xlsm, xls, xlsb, ods, csv)".into(),
            "unsupported file type (xlsx, xlsm, xls, xlsb, ods, csv)".into(),
        ));
    };
    if meta.len() == 0 {
        return Err(unreadable(
            path,
            "berkas kosong (0 byte)".into(),
            "the file is empty (0 bytes)".into(),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable_io(path, &e))?;
    if kind == FileKind::Csv {
        // Streamed: a CSV is never held whole, however long; it is bounded per record, field
        // and region-year instead (a UTF-16 one, decoded whole, by its size).
        return csv::read_csv(path, Some(meta.len()), file, sink);
    }
    let cap = limits::MAX_WORKBOOK_BYTES;
    if meta.len() > cap {
        return Err(too_large(path, kind, meta.len()));
    }
    // At most one byte past the cap is read, in case the file grows while it is read.
    let file = file.take(cap + 1);
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let mut file = file;
    file.read_to_end(&mut bytes)
        .map_err(|e| unreadable_io(path, &e))?;
    if bytes.len() as u64 > cap {
        return Err(too_large(path, kind, bytes.len() as u64));
    }
    if bytes.len() as u64 >= relay::OWN_THREAD_BYTES {
        // A big workbook is parsed on a thread of its own while its rows are taken in here.
        let read = move |s: &mut dyn RowSink| workbook::read_workbook_bytes(path, bytes, s);
        return relay::relayed(path, read, sink);
    }
    workbook::read_workbook_bytes(path, bytes, sink)
}
