//! Reading files into sheets of normalised cells: what a file is, its limits, and the rows it
//! hands to a [`RowSink`] — workbooks through calamine ([`super::workbook`], after
//! [`super::inspect`]), CSV through the csv crate ([`super::csv_in`]). Nothing here knows about
//! questionnaires; it only delivers cells with their positions.

use super::cell::Cell;
pub use super::csv_blocks::Block;
use super::limits;
use crate::diagnostics::{Code, Place, Problem};
use crate::text::{Lang, Text};
use std::io::Read as _;
use std::path::Path;

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

/// A sheet of a workbook, or the single table of a CSV file.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Sheet name; `None` for CSV.
    pub name: Option<String>,
    /// Non-empty rows in order.
    pub rows: Vec<Row>,
    /// Warnings found while reading it (e.g. cell text cut at the limit).
    pub problems: Vec<Problem>,
}

impl Sheet {
    /// Where cell `col` of `row` is, for messages.
    pub fn place(&self, row: &Row, col: usize) -> Place {
        match &self.name {
            Some(sheet) => Place::Cell {
                sheet: sheet.clone(),
                row: row.pos as u32,
                col: col as u32,
            },
            None => Place::Line {
                line: row.pos,
                column: Some(col as u64 + 1),
            },
        }
    }

    /// Where `row` is, for messages about the whole row.
    pub fn row_place(&self, row: &Row) -> Place {
        match &self.name {
            Some(sheet) => Place::Cell {
                sheet: sheet.clone(),
                row: row.pos as u32,
                col: 0,
            },
            None => Place::Line {
                line: row.pos,
                column: None,
            },
        }
    }

    /// The sheet itself, for messages about all of it.
    pub fn whole(&self) -> Place {
        match &self.name {
            Some(sheet) => Place::Sheet {
                sheet: sheet.clone(),
            },
            None => Place::File,
        }
    }
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

/// Collects rows into whole sheets, for callers that want them in memory.
#[derive(Default)]
pub(super) struct SheetCollector {
    pub(super) sheets: Vec<Sheet>,
}

impl RowSink for SheetCollector {
    fn start_sheet(&mut self, name: Option<&str>) {
        self.sheets.push(Sheet {
            name: name.map(str::to_string),
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

/// Kinds of input file, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// xlsx, xlsm, xlsb, xls, ods.
    Workbook,
    /// csv (or tsv / txt exported as delimited text).
    Csv,
}

/// The kind of an input file from its extension, `None` if it is neither.
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(FileKind::Workbook),
        "csv" | "tsv" => Some(FileKind::Csv),
        _ => None,
    }
}

pub(super) fn unreadable(path: &Path, why_id: String, why_en: String) -> Problem {
    Problem::new(
        Code::E001,
        path,
        Place::File,
        Text::new(
            format!("berkas tidak dapat dibaca: {why_id}"),
            format!("cannot read the file: {why_en}"),
        ),
    )
}

/// A limit exceeded (E020), at `place`.
pub(super) fn over_limit(path: &Path, place: Place, id: String, en: String) -> Problem {
    Problem::new(Code::E020, path, place, Text::new(id, en))
}

/// Reads every sheet of a file into memory.
pub fn read_file(path: &Path) -> Result<Vec<Sheet>, Problem> {
    let mut collector = SheetCollector::default();
    read_file_into(path, &mut collector)?;
    Ok(collector.sheets)
}

/// Reads every sheet of a file, row by row, into `sink`. On an error the file is to be rejected
/// whole: `sink` may have received part of it.
pub fn read_file_into(path: &Path, sink: &mut dyn RowSink) -> Result<(), Problem> {
    let meta =
        std::fs::metadata(path).map_err(|e| unreadable(path, e.to_string(), e.to_string()))?;
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
    let cap = match kind {
        FileKind::Workbook => limits::MAX_WORKBOOK_BYTES,
        FileKind::Csv => limits::MAX_CSV_BYTES,
    };
    if meta.len() > cap {
        return Err(too_large(path, kind, meta.len()));
    }
    let file =
        std::fs::File::open(path).map_err(|e| unreadable(path, e.to_string(), e.to_string()))?;
    // At most one byte past the cap is read, in case the file grows while it is read.
    let file = file.take(cap + 1);
    if kind == FileKind::Csv {
        // Streamed: a CSV is never held whole, however long.
        return super::csv_in::read_csv(path, file, sink);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let mut file = file;
    file.read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, e.to_string(), e.to_string()))?;
    if bytes.len() as u64 > cap {
        return Err(too_large(path, kind, bytes.len() as u64));
    }
    if bytes.len() as u64 >= super::relay::OWN_THREAD_BYTES {
        // A big workbook is parsed on a thread of its own while its rows are taken in here.
        let read = move |s: &mut dyn RowSink| super::workbook::read_workbook_bytes(path, bytes, s);
        return super::relay::relayed(path, read, sink);
    }
    super::workbook::read_workbook_bytes(path, bytes, sink)
}

/// A file over its size limit (E020).
pub(super) fn too_large(path: &Path, kind: FileKind, size: u64) -> Problem {
    let (cap, what_id, what_en) = match kind {
        FileKind::Workbook => (limits::MAX_WORKBOOK_BYTES, "buku kerja", "a workbook"),
        FileKind::Csv => (limits::MAX_CSV_BYTES, "CSV", "a CSV file"),
    };
    over_limit(
        path,
        Place::File,
        format!(
            "berkas terlalu besar ({}; paling besar {} untuk {what_id}); bagi menjadi beberapa berkas",
            limits::human_bytes(size, Lang::Id),
            limits::human_bytes(cap, Lang::Id)
        ),
        format!(
            "file too large ({}; at most {} for {what_en}); split it into several files",
            limits::human_bytes(size, Lang::En),
            limits::human_bytes(cap, Lang::En)
        ),
    )
}

/// What a file's first bytes say it is, whatever its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Content {
    /// A zip archive: xlsx, xlsm, xlsb, ods (or a Word document, or any zip).
    Zip,
    /// An OLE compound file: xls (or an encrypted xlsx, or a Word .doc).
    Compound,
    /// Something else, named for messages.
    Other(&'static str, &'static str),
    /// Text (UTF-8, UTF-16 with BOM or a single-byte code page).
    Text,
}

/// Names a file's content from its first bytes.
pub(super) fn sniff(bytes: &[u8]) -> Content {
    let head = &bytes[..bytes.len().min(1024)];
    let starts = |m: &[u8]| head.starts_with(m);
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Content::Zip;
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Content::Compound;
    }
    let magic: &[(&[u8], &str, &str)] = &[
        (b"%PDF", "dokumen PDF", "a PDF document"),
        (b"\x89PNG", "gambar PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "gambar JPEG", "a JPEG image"),
        (b"GIF8", "gambar GIF", "a GIF image"),
        (b"Rar!", "arsip RAR", "a RAR archive"),
        (b"7z\xBC\xAF", "arsip 7-Zip", "a 7-Zip archive"),
        (b"\x1F\x8B", "arsip gzip", "a gzip archive"),
        (b"{\\rtf", "dokumen RTF", "an RTF document"),
    ];
    for (m, id, en) in magic {
        if starts(m) {
            return Content::Other(id, en);
        }
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("<?xml") && text.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        return Content::Other(
            "XML Spreadsheet 2003 (bukan xlsx)",
            "an XML Spreadsheet 2003 (not xlsx)",
        );
    }
    if ["<!doctype html", "<html", "<table"]
        .iter()
        .any(|t| text.starts_with(t))
    {
        return Content::Other(
            "halaman web (HTML) yang diberi nama lembar kerja",
            "a web page (HTML) named like a spreadsheet",
        );
    }
    let utf16 = starts(b"\xFF\xFE") || starts(b"\xFE\xFF");
    if !utf16 && head.contains(&0) {
        return Content::Other("berkas biner yang tidak dikenal", "an unknown binary file");
    }
    Content::Text
}

pub(super) fn password_protected(path: &Path) -> Problem {
    unreadable(
        path,
        "buku kerja dilindungi kata sandi (terenkripsi); simpan ulang tanpa kata sandi".into(),
        "the workbook is password-protected (encrypted); save it again without a password".into(),
    )
}

pub(super) fn damaged(path: &Path, detail: &str) -> Problem {
    unreadable(
        path,
        format!(
            "berkas terpotong atau rusak ({detail}); salin atau unduh ulang, atau buka dan simpan ulang"
        ),
        format!(
            "the file is truncated or damaged ({detail}); copy or download it again, or open and save it again"
        ),
    )
}

pub(super) fn not_a_spreadsheet(path: &Path, what_id: &str, what_en: &str) -> Problem {
    unreadable(
        path,
        format!("bukan lembar kerja yang valid (tampaknya {what_id})"),
        format!("not a valid spreadsheet (it looks like {what_en})"),
    )
}

pub(super) fn too_many_cells(path: &Path, place: Place) -> Problem {
    over_limit(
        path,
        place,
        format!(
            "berkas memuat lebih dari {} sel (termasuk sel kosong sebelum kolom pertama yang terisi); hapus baris dan kolom kosong yang berformat, atau bagi berkasnya",
            limits::MAX_CELLS
        ),
        format!(
            "the file holds more than {} cells (counting empty cells before the first used column); delete formatted empty rows and columns, or split the file",
            limits::MAX_CELLS
        ),
    )
}

/// A warning that the text of a cell was cut at the limit.
pub(super) fn text_cut(path: &Path, place: Place, chars: usize) -> Problem {
    Problem::new(
        Code::W012,
        path,
        place,
        Text::new(
            format!(
                "teks sel terlalu panjang ({chars} karakter); hanya {} karakter pertama yang dibaca",
                limits::MAX_CELL_CHARS
            ),
            format!(
                "cell text too long ({chars} characters); only the first {} are read",
                limits::MAX_CELL_CHARS
            ),
        ),
    )
}

/// Text cut to the limit, with the original length in characters when it was cut.
fn cap_text(s: &str) -> (String, Option<usize>) {
    if s.len() <= limits::MAX_CELL_CHARS {
        return (s.to_string(), None);
    }
    let chars = s.chars().count();
    if chars <= limits::MAX_CELL_CHARS {
        return (s.to_string(), None);
    }
    (
        s.chars().take(limits::MAX_CELL_CHARS).collect(),
        Some(chars),
    )
}

/// A text cell, cut to the limit, with the original length in characters when it was cut.
pub(super) fn capped_cell(s: &str) -> (Cell, Option<usize>) {
    let (text, cut) = cap_text(s);
    (Cell::from_text(text), cut)
}
