//! Reading CSV, streamed: records go to the sink as they are parsed, so a table of millions of
//! rows is never held whole. UTF-8 (with or without BOM) and Windows-1252 (what spreadsheet
//! programs on Windows save) are read field by field; UTF-16 files (Excel's "Unicode text") are
//! decoded whole first. Delimiters `,`, `;` and tab are told apart from the first line.

use super::cell::{Cell, capped_cell};
use super::csv_blocks::{BLOCK_BYTES, Block, Blocks};
use super::csv_quotes::{header_delimiters, swallowing_problem, swallowing_quote};
use super::errors::{not_a_spreadsheet, over_cap, over_limit, text_cut, unreadable, unreadable_io};
use super::kind::{Content, sniff};
use super::limits;
use super::row::{Row, RowSink};
use crate::diagnostics::{Code, Place, Problem};
use crate::submission::detect_delimiter;
use crate::text::Text;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;

/// How much of the start of a file is looked at to tell what it is and its delimiter.
const HEAD_BYTES: usize = 64 * 1024;

/// Reads a CSV from `input` (of `size` bytes, when known) into `sink`. Only a UTF-16 file, decoded
/// whole, is bounded by its size; the others are streamed and bounded per record.
pub fn read_csv(
    path: &Path,
    size: Option<u64>,
    mut input: impl Read + Send,
    sink: &mut dyn RowSink,
) -> Result<(), Problem> {
    let io = |e: std::io::Error| unreadable_io(path, &e);
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut input)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    check_content(path, &head)?;
    let utf16 = encoding_rs::Encoding::for_bom(&head)
        .filter(|(enc, _)| *enc != encoding_rs::UTF_8)
        .or_else(|| super::kind::utf16_without_bom(&head).map(|enc| (enc, 0)));
    if let Some((enc, bom)) = utf16 {
        // UTF-16 (with a byte order mark, or recognised without one): decode the whole file,
        // then read it as UTF-8. Its size is checked before it is read, and at most one byte
        // past the cap is read (in case the file grows meanwhile).
        over_cap(path, size.unwrap_or(0))?;
        let mut bytes = head;
        input
            .take(limits::MAX_CSV_BYTES)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        over_cap(path, bytes.len() as u64)?;
        let text = enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
        let delimiter = detect_delimiter(&text);
        let shape = header_delimiters(text.as_bytes(), delimiter);
        return parse(path, text.as_bytes(), delimiter, shape, sink);
    }
    let skip = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let delimiter = detect_delimiter(&String::from_utf8_lossy(&head[skip..]));
    let shape = header_delimiters(&head[skip..], delimiter);
    let stream = std::io::Cursor::new(head).chain(input);
    let mut stream = stream;
    // The BOM is not part of the first header.
    std::io::copy(&mut (&mut stream).take(skip as u64), &mut std::io::sink()).map_err(io)?;
    parse(path, stream, delimiter, shape, sink)
}

/// Whether the head of a file is text, and if not, what it is.
fn check_content(path: &Path, head: &[u8]) -> Result<(), Problem> {
    match sniff(head) {
        Content::Text => Ok(()),
        Content::Zip => Err(not_a_spreadsheet(
            path,
            "buku kerja xlsx atau ods yang diberi nama .csv; ganti ekstensinya",
            "an xlsx or ods workbook named .csv; rename it",
        )),
        Content::Compound => Err(not_a_spreadsheet(
            path,
            "buku kerja xls yang diberi nama .csv; ganti ekstensinya menjadi .xls",
            "an xls workbook named .csv; rename it to .xls",
        )),
        Content::Other(id, en) => Err(not_a_spreadsheet(path, id, en)),
        Content::NulInText { line, column } => Err(Problem::new(
            Code::E001,
            path,
            Place::Line {
                line,
                column: Some(column),
            },
            Text::new(
                format!(
                    "berkas tidak dapat dibaca: baris {line}, bita ke-{column} berisi bita NUL (karakter 0), yang tidak pernah ada dalam berkas teks; hapus karakter itu (biasanya tertempel bersama catatan dari program lain) lalu simpan ulang"
                ),
                format!(
                    "cannot read the file: line {line}, byte {column} is a NUL byte (character 0), which a text file never holds; delete it (usually pasted in with a note from another program) and save again"
                ),
            ),
        )),
    }
}

/// Line breaks seen by the reader, kept only until the records before them are numbered: a
/// sliding window a few kilobytes long, however long the file.
#[derive(Default)]
struct Breaks {
    /// Offsets of `\r` and `\n` bytes not yet passed, with the byte.
    pending: VecDeque<(u64, u8)>,
    /// Line of the byte at `at`.
    line: u64,
    /// The offset up to which breaks are counted into `line`.
    at: u64,
}

impl Breaks {
    /// The 1-based line of the first character of a record the csv crate says starts at `byte`.
    /// The crate reports the position of the line break before a record, so breaks at the start
    /// are skipped; lines end in `\r\n`, `\n` or a lone `\r`, mixed if need be.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = byte.max(self.at);
        loop {
            // Count every break before `start`, then skip breaks sitting exactly at `start`.
            while let Some(&(pos, b)) = self.pending.front() {
                if pos >= start {
                    break;
                }
                self.pending.pop_front();
                let crlf = b == b'\r' && self.pending.front() == Some(&(pos + 1, b'\n'));
                if !crlf {
                    self.line += 1;
                }
            }
            match self.pending.front() {
                Some(&(pos, _)) if pos == start => start += 1,
                _ => break,
            }
        }
        self.at = start;
        self.line
    }
}

/// A field as text: UTF-8 as it is, anything else as Windows-1252 (which decodes every byte).
fn field_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

fn parse(
    path: &Path,
    input: impl Read + Send,
    delimiter: u8,
    shape: Option<usize>,
    sink: &mut dyn RowSink,
) -> Result<(), Problem> {
    let mut blocks = Blocks::new(input, delimiter, BLOCK_BYTES).with_shape(shape);
    sink.start_sheet(None);
    // Blocks read while the previous ones were being parsed.
    let mut ahead: VecDeque<Block> = VecDeque::new();
    loop {
        if let Some(parallel) = sink.in_parallel() {
            let batch: Vec<Block> = if ahead.is_empty() {
                blocks.take(path, BATCH_BLOCKS)?
            } else {
                ahead.drain(..).collect()
            };
            if batch.is_empty() {
                break;
            }
            let read = |block: &Block, part: &mut dyn RowSink| {
                read_block(path, delimiter, shape, block, part)
            };
            // The next blocks are read from the file while these are parsed.
            let (next, taken) = rayon::join(
                || blocks.take(path, BATCH_BLOCKS),
                || parallel.take_blocks(&batch, &read),
            );
            blocks.recycle(batch);
            taken?;
            ahead.extend(next?);
        } else {
            let block = match ahead.pop_front() {
                Some(b) => b,
                None => match blocks.next(path)? {
                    Some(b) => b,
                    None => break,
                },
            };
            read_block(path, delimiter, shape, &block, sink)?;
            blocks.recycle(vec![block]);
        }
    }
    sink.end_sheet();
    Ok(())
}

/// Blocks handed to the threads at once: a fixed number, so that results never depend on how
/// many threads there are.
const BATCH_BLOCKS: usize = 8;

/// Parses one block's records into `sink`; returns the cells read. `shape` is the header's
/// delimiter count. A quoted field that
/// swallows records (see [`swallowing_quote`]) rejects the file before any of the block is read:
/// only the last block of a file can end inside quotes, so the end of a block inside a quoted
/// field is the end of the file.
fn read_block(
    path: &Path,
    delimiter: u8,
    shape: Option<usize>,
    block: &Block,
    sink: &mut dyn RowSink,
) -> Result<u64, Problem> {
    if let Some(s) = swallowing_quote(&block.bytes, delimiter, block.line, shape, true) {
        return Err(swallowing_problem(path, &s));
    }
    let mut breaks = Breaks {
        line: block.line,
        ..Breaks::default()
    };
    for i in memchr::memchr2_iter(b'\r', b'\n', &block.bytes) {
        breaks.pending.push_back((i as u64, block.bytes[i]));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(block.bytes.as_slice());
    let mut cells_read: u64 = 0;
    // One row buffer for the whole block: its strings are reused from record to record.
    let mut row = Row {
        pos: 0,
        cells: Vec::new(),
    };
    let mut record = csv::ByteRecord::new();
    loop {
        let more = reader.read_byte_record(&mut record);
        let at = |p: Option<&csv::Position>| p.map_or(0, |p| p.byte());
        match more {
            Ok(false) => break,
            Ok(true) => {
                let line = breaks.line_at(at(record.position()));
                fill_row(path, &record, line, &mut row, sink)?;
                if !row.cells.is_empty() {
                    cells_read = cells_read.saturating_add(row.cells.len() as u64);
                    sink.row(&row);
                }
            }
            Err(e) => {
                if let csv::ErrorKind::Io(io) = e.kind() {
                    return Err(unreadable(path, io.to_string(), io.to_string()));
                }
                let line = breaks.line_at(at(e.position()));
                return Err(Problem::new(
                    Code::E001,
                    path,
                    Place::Line { line, column: None },
                    Text::new(
                        format!("CSV tidak dapat dibaca: {e}"),
                        format!("cannot parse the CSV: {e}"),
                    ),
                ));
            }
        }
    }
    Ok(cells_read)
}

/// Turns a record into the reused row buffer.
fn fill_row(
    path: &Path,
    record: &csv::ByteRecord,
    line: u64,
    row: &mut Row,
    sink: &mut dyn RowSink,
) -> Result<(), Problem> {
    if record.len() > limits::MAX_COLUMNS as usize {
        return Err(over_limit(
            path,
            Place::Line { line, column: None },
            format!(
                "baris berisi {} kolom (paling banyak {})",
                record.len(),
                limits::MAX_COLUMNS
            ),
            format!(
                "the row has {} columns (at most {})",
                record.len(),
                limits::MAX_COLUMNS
            ),
        ));
    }
    row.pos = line;
    // One UTF-8 check for the whole record rather than one per field.
    let whole = std::str::from_utf8(record.as_slice()).ok();
    for (i, field) in record.iter().enumerate() {
        let text = match whole.zip(record.range(i)).and_then(|(w, r)| w.get(r)) {
            Some(t) => Cow::Borrowed(t),
            None => field_text(field),
        };
        if text.len() > limits::MAX_CELL_CHARS {
            let (cell, cut) = capped_cell(&text);
            if let Some(chars) = cut {
                let place = Place::Line {
                    line,
                    column: Some(i as u64 + 1),
                };
                sink.problem(text_cut(path, place, chars));
            }
            set_cell(&mut row.cells, i, cell);
        } else {
            set_text(&mut row.cells, i, &text);
        }
    }
    let used = row
        .cells
        .iter()
        .take(record.len())
        .rposition(|c| !c.is_empty())
        .map_or(0, |p| p + 1);
    row.cells.truncate(used);
    Ok(())
}

/// Puts `cell` at column `i` of a reused row.
fn set_cell(cells: &mut Vec<Cell>, i: usize, cell: Cell) {
    if i < cells.len() {
        cells[i] = cell;
    } else {
        cells.push(cell);
    }
}

/// Puts the text of a field at column `i` of a reused row, reusing the string already there.
fn set_text(cells: &mut Vec<Cell>, i: usize, field: &str) {
    // As `Cell::from_text`, without a new string when the column's last one can be reused.
    let trimmed = crate::submission::trim(field);
    if trimmed.is_empty() {
        set_cell(cells, i, Cell::Empty);
    } else if Cell::is_error_literal(trimmed) {
        set_cell(cells, i, Cell::Error(trimmed.to_string()));
    } else if let Some(Cell::Text(s)) = cells.get_mut(i) {
        s.clear();
        s.push_str(field);
    } else {
        set_cell(cells, i, Cell::Text(field.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::super::row::SheetCollector;
    use super::*;
    use crate::submission::decode_text;

    fn rows(bytes: &[u8]) -> Vec<Row> {
        let mut c = SheetCollector::default();
        read_csv(Path::new("x.csv"), None, bytes, &mut c).unwrap();
        c.sheets.pop().unwrap().rows
    }

    #[test]
    fn windows_1252_and_bom_are_decoded() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa;b"), "a;b");
        assert_eq!(decode_text(b"caf\xE9"), "café");
        assert_eq!(decode_text(&[0xFF, 0xFE, b'a', 0, b';', 0]), "a;");
        let r = rows(b"\xEF\xBB\xBFkode;nama\n32.73;Caf\xE9\n");
        assert_eq!(r[0].get(0), &Cell::Text("kode".into()));
        assert_eq!(r[1].get(1), &Cell::Text("Café".into()));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a;b\r\n1;2\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let r = rows(&utf16);
        assert_eq!(r[1].get(1), &Cell::Text("2".into()));
        assert_eq!(r[1].pos, 2);
    }

    #[test]
    fn rows_keep_the_line_they_start_on() {
        let r = rows(b"h1;h2\r\n\"multi\nline\";2\n\n3;4\n");
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].pos, 2);
        assert_eq!(r[2].pos, 5);
        assert_eq!(r[2].get(1), &Cell::Text("4".into()));
        let lone_cr = rows(b"a;b\r1;2\r\r3;4\r\n5;6\n");
        let lines: Vec<u64> = lone_cr.iter().map(|r| r.pos).collect();
        assert_eq!(lines, vec![1, 2, 4, 5]);
    }

    /// Rows read block by block, with blocks of about `size` bytes, and the place of the error
    /// that stopped the reading, if any.
    fn rows_or_error(bytes: &[u8], size: usize) -> (Vec<Row>, usize, Option<Place>) {
        let path = Path::new("x.csv");
        let mut blocks = Blocks::new(bytes, b';', size);
        let mut c = SheetCollector::default();
        c.start_sheet(None);
        let mut n = 0;
        let shape = header_delimiters(bytes, b';');
        let mut error = None;
        while let Some(block) = blocks.next(path).unwrap() {
            n += 1;
            if let Err(e) = read_block(path, b';', shape, &block, &mut c) {
                error = Some(e.place);
                break;
            }
        }
        (c.sheets.pop().unwrap().rows, n, error)
    }

    /// Rows read block by block, with blocks of about `size` bytes.
    fn rows_in_blocks(bytes: &[u8], size: usize) -> (Vec<Row>, usize) {
        let (rows, n, error) = rows_or_error(bytes, size);
        assert!(error.is_none(), "{error:?}");
        (rows, n)
    }

    #[test]
    fn blocks_cut_between_records_never_inside_quotes() {
        let mut text = String::from("kode;catatan\r\n");
        for i in 0..400 {
            match i % 5 {
                0 => text.push_str(&format!("{i};\"dua\nbaris; \"\"kutip\"\"\"\r\n")),
                1 => text.push_str(&format!("{i};\"\n\n\"\r")),
                2 => text.push_str(&format!("{i};biasa\n\n")),
                3 => text.push_str(&format!("{i};\"panjang {}\"\n", "x\n".repeat(40))),
                _ => text.push_str(&format!("{i};akhir\r\n")),
            }
        }
        let (whole, one) = rows_in_blocks(text.as_bytes(), 1 << 20);
        assert_eq!(one, 1);
        assert_eq!(whole.len(), 401);
        for size in [1, 7, 64, 100, 333] {
            let (rows, n) = rows_in_blocks(text.as_bytes(), size);
            assert!(n > 10, "{size}: {n} blocks");
            assert_eq!(rows.len(), whole.len(), "{size}");
            for (a, b) in rows.iter().zip(&whole) {
                assert_eq!((a.pos, &a.cells), (b.pos, &b.cells), "{size}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Whatever the bytes — quotes opened and never closed, `\r` and `\n` in any order,
        /// text that is not UTF-8 — reading in blocks of any size gives the rows, cells and lines
        /// of reading the file as one block.
        #[test]
        fn blocks_of_any_size_read_any_bytes_as_one_block_does(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'7', b' ', b';', b'"', b'\n', b'\r', 0xE9]),
                0..400,
            ),
            size in 1usize..64,
        ) {
            let (whole, _, whole_error) = rows_or_error(&bytes, 1 << 20);
            let (rows, _, error) = rows_or_error(&bytes, size);
            let key = |r: &Vec<Row>| r.iter().map(|r| (r.pos, r.cells.clone())).collect::<Vec<_>>();
            // A quote that swallows records is the same error, at the same place, either way.
            proptest::prop_assert_eq!(&error, &whole_error);
            if error.is_none() {
                proptest::prop_assert_eq!(key(&rows), key(&whole));
            }
        }
    }

    #[test]
    fn an_unclosed_quote_is_cut_as_one_block_and_refused_where_it_opened() {
        let mut text = String::from("a;b\n1;\"open\n");
        text.push_str(&"2;x\n".repeat(1000));
        let (rows, n, error) = rows_or_error(text.as_bytes(), 16);
        assert_eq!(n, 2, "the header, then the rest");
        assert_eq!(rows.len(), 1, "the header only");
        assert_eq!(
            error,
            Some(Place::Line {
                line: 2,
                column: Some(3)
            })
        );
    }

    #[test]
    fn a_record_past_the_limit_is_refused_where_its_quote_opened_or_by_its_line() {
        let path = Path::new("x.csv");
        let blocks_of = |text: &[u8]| {
            let shape = header_delimiters(text, b';');
            let mut blocks = Blocks::new(text, b';', 64)
                .with_shape(shape)
                .with_max_record(1 << 10);
            let mut n = 0;
            loop {
                match blocks.next(path) {
                    Ok(Some(_)) => n += 1,
                    Ok(None) => return Ok(n),
                    Err(e) => return Err(e),
                }
            }
        };
        // A quote never closed: named where it opened, however long the rest of the file.
        let mut text = b"a;b;c\n1;2;3\n4;\"open;6\n".to_vec();
        text.extend(b"7;8;9\n".repeat(2000));
        let e = blocks_of(&text).unwrap_err();
        assert_eq!(e.code, Code::E001);
        assert_eq!(
            e.place,
            Place::Line {
                line: 3,
                column: Some(3)
            }
        );
        // One record longer than the limit without a line break: E020 at its line.
        let mut text = b"a;b;c\n1;2;3\n".to_vec();
        text.extend(b"x".repeat(5000));
        let e = blocks_of(&text).unwrap_err();
        assert_eq!(e.code, Code::E020);
        assert_eq!(
            e.place,
            Place::Line {
                line: 3,
                column: None
            }
        );
        // Many records, each short, in a file far longer than the limit: no limit at all.
        let mut text = b"a;b;c\n".to_vec();
        text.extend(b"7;8;9\n".repeat(5000));
        assert!(blocks_of(&text).unwrap() > 10);
    }

    #[test]
    fn lines_are_right_far_into_a_long_file() {
        let mut text = String::from("a;b\n");
        for i in 0..20_000 {
            text.push_str(&format!("{i};\"x\ny\"\n"));
        }
        let r = rows(text.as_bytes());
        assert_eq!(r.len(), 20_001);
        assert_eq!(r[20_000].pos, 2 + 2 * 19_999);
    }
}
