//! Reading files into sheets of normalised cells: workbooks through calamine, CSV through the csv
//! crate. Nothing here knows about questionnaires; it only delivers cells with their positions.

use super::cell::Cell;
pub use super::csv_in::Block;
use super::limits;
use crate::diagnostics::{Code, Place, Problem};
use crate::text::Text;
use calamine::Reader;
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
    read_workbook_bytes(path, bytes, sink)
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
            limits::human_bytes(size),
            limits::human_bytes(cap)
        ),
        format!(
            "file too large ({}; at most {} for {what_en}); split it into several files",
            limits::human_bytes(size),
            limits::human_bytes(cap)
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

/// What a zip archive holds, from its entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

/// Looks at a zip-based workbook's central directory before anything is inflated: what it is
/// (xlsx, xlsb, ods or another kind of zip), whether it is encrypted, and whether it would expand
/// beyond the limits (a zip bomb).
fn inspect_zip(path: &Path, bytes: &[u8]) -> Result<ZipKind, Problem> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(path, &format!("zip: {e}")))?;
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(zip.len().min(1024));
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| damaged(path, &format!("zip: {e}")))?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(entry.name_raw()).into_owned());
        total = total.saturating_add(size);
        if size > limits::RATIO_CHECK_MIN_BYTES
            && size / packed.max(1) > limits::MAX_COMPRESSION_RATIO
        {
            return Err(over_limit(
                path,
                Place::File,
                format!(
                    "bagian {} dimampatkan {}:1 (paling tinggi {}:1) dan mengembang menjadi {}: kemungkinan bom zip; berkas tidak dibuka",
                    name,
                    size / packed.max(1),
                    limits::MAX_COMPRESSION_RATIO,
                    limits::human_bytes(size)
                ),
                format!(
                    "part {} is compressed {}:1 (at most {}:1) and expands to {}: likely a zip bomb; the file was not opened",
                    name,
                    size / packed.max(1),
                    limits::MAX_COMPRESSION_RATIO,
                    limits::human_bytes(size)
                ),
            ));
        }
        if entry.encrypted() {
            return Err(password_protected(path));
        }
        if names.len() < 4096 {
            names.push(name.to_ascii_lowercase());
        }
    }
    if total > limits::MAX_UNCOMPRESSED_BYTES {
        return Err(over_limit(
            path,
            Place::File,
            format!(
                "buku kerja mengembang menjadi {} saat dibuka (paling besar {}): kemungkinan bom zip; berkas tidak dibuka",
                limits::human_bytes(total),
                limits::human_bytes(limits::MAX_UNCOMPRESSED_BYTES)
            ),
            format!(
                "the workbook expands to {} when opened (at most {}): likely a zip bomb; the file was not opened",
                limits::human_bytes(total),
                limits::human_bytes(limits::MAX_UNCOMPRESSED_BYTES)
            ),
        ));
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    let prefixed = |p: &str| names.iter().any(|x| x.starts_with(p));
    if has("xl/workbook.bin") {
        Ok(ZipKind::Xlsb)
    } else if prefixed("xl/")
        || has("[content_types].xml") && !prefixed("word/") && !prefixed("ppt/")
    {
        Ok(ZipKind::Xlsx)
    } else if has("content.xml") || has("mimetype") {
        let mime = zip
            .by_name("mimetype")
            .ok()
            .and_then(|f| {
                let mut s = String::new();
                f.take(256).read_to_string(&mut s).ok().map(|_| s)
            })
            .unwrap_or_default();
        if mime.is_empty() || mime.contains("spreadsheet") {
            Ok(ZipKind::Ods)
        } else if mime.contains("text") {
            Err(not_a_spreadsheet(
                path,
                "dokumen teks OpenDocument (odt)",
                "an OpenDocument text (odt)",
            ))
        } else {
            Err(not_a_spreadsheet(
                path,
                "dokumen OpenDocument yang bukan lembar kerja",
                "an OpenDocument file that is not a spreadsheet",
            ))
        }
    } else if prefixed("word/") {
        Err(not_a_spreadsheet(
            path,
            "dokumen Word (docx)",
            "a Word document (docx)",
        ))
    } else if prefixed("ppt/") {
        Err(not_a_spreadsheet(
            path,
            "presentasi PowerPoint (pptx)",
            "a PowerPoint presentation (pptx)",
        ))
    } else {
        Err(not_a_spreadsheet(
            path,
            "arsip zip biasa",
            "a plain zip archive",
        ))
    }
}

fn password_protected(path: &Path) -> Problem {
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

/// Refuses an ods whose sheets, once their repeated rows and cells are expanded, span more than
/// [`limits::MAX_CELLS`], from a streaming pass over `content.xml`: the reader library expands
/// every sheet of an ods into a dense grid (of values and of formulas) before anything can look at
/// it, so a 1 KiB file repeating one cell over 6,000 rows and 16,384 columns would otherwise take
/// 6 GiB and a minute. Counts as the reader does: rows from the first to the last with a value,
/// columns up to the last cell with a value, both capped at the sheet's maximum.
fn check_ods_extent(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    use quick_xml::events::Event;
    const MAX_ROWS: u64 = 1_048_576;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        // The reader library says what it makes of that.
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse::<u64>().ok())
            .unwrap_or(1)
    };
    let refuse = |name: &str, cells: u64| {
        over_limit(
            path,
            Place::Sheet {
                sheet: name.to_string(),
            },
            format!(
                "lembar terpakai sampai {cells} sel setelah baris dan sel berulang dibentangkan (paling banyak {}); hapus baris dan kolom kosong yang berformat lalu simpan ulang",
                limits::MAX_CELLS
            ),
            format!(
                "the sheet's used range spans {cells} cells once its repeated rows and cells are expanded (at most {}); delete formatted empty rows and columns and save again",
                limits::MAX_CELLS
            ),
        )
    };
    let mut buf = Vec::new();
    let mut sheet = String::new();
    // Rows so far, first row with a value, end of the last row with a value, widest such row.
    let (mut rows, mut first, mut end, mut width) = (0u64, None::<u64>, 0u64, 0u64);
    // The current row: its repeat count, the next column, the end of its last cell with a value.
    let (mut row_repeat, mut col, mut row_width) = (1u64, 0u64, 0u64);
    loop {
        let (event, open) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (Some(e), true),
            Ok(Event::Empty(e)) => (Some(e), false),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        if row_width > 0 {
                            first.get_or_insert(rows);
                            end = rows + row_repeat;
                            width = width.max(row_width);
                        }
                        rows = (rows + row_repeat).min(MAX_ROWS);
                    }
                    "table:table" => {
                        if let Some(f) = first {
                            let cells = end.saturating_sub(f).saturating_mul(width);
                            if cells > limits::MAX_CELLS {
                                return Err(refuse(&sheet, cells));
                            }
                        }
                    }
                    _ => {}
                }
                (None, false)
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => (None, false),
        };
        if let Some(e) = event {
            match e.name().as_ref() {
                "table:table" => {
                    sheet = e
                        .try_get_attribute("table:name")
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default();
                    (rows, first, end, width) = (0, None, 0, 0);
                }
                "table:table-row" => {
                    row_repeat =
                        repeat(&e, "table:number-rows-repeated").min(MAX_ROWS - rows.min(MAX_ROWS));
                    (col, row_width) = (0, 0);
                    if !open {
                        rows = (rows + row_repeat).min(MAX_ROWS);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeat(&e, "table:number-columns-repeated");
                    col = (col.saturating_add(n)).min(u64::from(limits::MAX_COLUMNS));
                    let valued = open
                        || e.try_get_attribute("office:value-type")
                            .ok()
                            .flatten()
                            .is_some();
                    if valued {
                        row_width = col;
                    }
                }
                _ => {}
            }
        }
        buf.clear();
    }
}

/// Reads a workbook from its bytes, by what the bytes are rather than by the name.
fn read_workbook_bytes(path: &Path, bytes: Vec<u8>, sink: &mut dyn RowSink) -> Result<(), Problem> {
    match sniff(&bytes) {
        Content::Zip => {
            let kind = inspect_zip(path, &bytes)?;
            if kind == ZipKind::Ods {
                check_ods_extent(path, &bytes)?;
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
        Content::Text => Err(not_a_spreadsheet(
            path,
            "berkas teks; jika isinya CSV, ganti ekstensinya menjadi .csv",
            "a text file; if it holds CSV, rename it to .csv",
        )),
    }
}

/// Refuses an xls whose sheets' cells span more than [`limits::MAX_CELLS`] (e.g. one cell in A1
/// and one in row 65,536, column 65,536), from the cell records of its Workbook stream: the reader
/// library builds every sheet of an xls as a dense grid when it opens the file, so a hostile file
/// would otherwise take hundreds of gigabytes.
fn check_xls_extent<F: std::io::Read + std::io::Seek>(
    path: &Path,
    file: &mut cfb::CompoundFile<F>,
) -> Result<(), Problem> {
    let Some(name) = ["Workbook", "Book"]
        .into_iter()
        .find(|n| file.is_stream(format!("/{n}")))
    else {
        // No workbook stream: the reader library says what it makes of that.
        return Ok(());
    };
    let mut stream = Vec::new();
    file.open_stream(format!("/{name}"))
        .and_then(|s| s.take(limits::MAX_WORKBOOK_BYTES).read_to_end(&mut stream))
        .map_err(|e| damaged(path, &format!("cfb: {e}")))?;
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    // Bounding box (first row, last row, first column, last column) of the current substream.
    let mut bounds: Option<(u16, u16, u16, u16)> = None;
    let check = |bounds: &mut Option<(u16, u16, u16, u16)>| {
        if let Some((r0, r1, c0, c1)) = bounds.take() {
            let cells = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
            if cells > limits::MAX_CELLS {
                return Err(over_limit(
                    path,
                    Place::File,
                    format!(
                        "sel sebuah lembar tersebar di {cells} sel (paling banyak {}); hapus baris dan kolom kosong yang berformat lalu simpan ulang",
                        limits::MAX_CELLS
                    ),
                    format!(
                        "a sheet's cells span {cells} cells (at most {}); delete formatted empty rows and columns and save again",
                        limits::MAX_CELLS
                    ),
                ));
            }
        }
        Ok(())
    };
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
        let start = at + 4;
        let end = (start + len as usize).min(stream.len());
        let data = &stream[start..end];
        at = start + len as usize;
        let (row, cols) = match kind {
            // FilePass: the records after it are encrypted.
            0x002F => return Err(password_protected(path)),
            // BOF and EOF: a new substream (sheet) begins or ends.
            0x0809 | 0x000A => {
                check(&mut bounds)?;
                continue;
            }
            // Number, Label, RString, BoolErr, RK, LabelSst, Formula, Blank.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 => {
                match (u16_at(data, 0), u16_at(data, 2)) {
                    (Some(r), Some(c)) => (r, (c, c)),
                    _ => continue,
                }
            }
            // MulRk, MulBlank: a row and a first and last column.
            0x00BD | 0x00BE => match (
                u16_at(data, 0),
                u16_at(data, 2),
                data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
            ) {
                (Some(r), Some(c0), Some(c1)) if data.len() >= 6 => (r, (c0.min(c1), c0.max(c1))),
                _ => continue,
            },
            _ => continue,
        };
        bounds = Some(match bounds {
            None => (row, row, cols.0, cols.1),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(cols.0), c1.max(cols.1)),
        });
    }
    check(&mut bounds)
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
        Err(damaged(
            path,
            &format!(
                "the spreadsheet reader failed on it / pembaca lembar kerja gagal: {}",
                caught.unwrap_or_default()
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

pub(super) fn capped_cell(s: &str) -> (Cell, Option<usize>) {
    let (text, cut) = cap_text(s);
    (Cell::from_text(text), cut)
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
        // and it holds most of a questionnaire's cells.
        let names: Vec<String> = wb
            .sheets_metadata()
            .iter()
            .filter(|m| m.visible != calamine::SheetVisible::VeryHidden)
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
