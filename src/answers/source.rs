//! Reading files into sheets of normalised cells: workbooks through calamine, CSV through the csv
//! crate. Nothing here knows about questionnaires; it only delivers cells with their positions.

use super::cell::Cell;
use crate::diagnostics::{Code, Place, Problem};
use crate::text::Text;
use calamine::{Reader, open_workbook_auto};
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

fn unreadable(path: &Path, why_id: String, why_en: String) -> Problem {
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

/// Reads every sheet of a file.
pub fn read_file(path: &Path) -> Result<Vec<Sheet>, Problem> {
    match std::fs::metadata(path) {
        Err(e) => return Err(unreadable(path, e.to_string(), e.to_string())),
        Ok(m) if m.len() == 0 => {
            return Err(unreadable(
                path,
                "berkas kosong (0 byte)".into(),
                "the file is empty (0 bytes)".into(),
            ));
        }
        Ok(_) => {}
    }
    match file_kind(path) {
        Some(FileKind::Workbook) => read_workbook(path),
        Some(FileKind::Csv) => {
            let bytes =
                std::fs::read(path).map_err(|e| unreadable(path, e.to_string(), e.to_string()))?;
            read_csv_bytes(path, &bytes).map(|s| vec![s])
        }
        None => Err(unreadable(
            path,
            "jenis berkas tidak didukung (xlsx, xlsm, xls, xlsb, ods, csv)".into(),
            "unsupported file type (xlsx, xlsm, xls, xlsb, ods, csv)".into(),
        )),
    }
}

fn read_workbook(path: &Path) -> Result<Vec<Sheet>, Problem> {
    let mut wb = open_workbook_auto(path).map_err(|e| describe_calamine(path, &e.to_string()))?;
    let names = wb.sheet_names().to_vec();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| describe_calamine(path, &e.to_string()))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, r) in range.rows().enumerate() {
            if r.iter().all(|d| matches!(d, calamine::Data::Empty)) {
                continue;
            }
            let mut cells = vec![Cell::Empty; col0 as usize];
            cells.extend(r.iter().map(Cell::from_data));
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            rows.push(Row {
                pos: row0 as u64 + i as u64,
                cells,
            });
        }
        sheets.push(Sheet {
            name: Some(name),
            rows,
        });
    }
    Ok(sheets)
}

/// Turns calamine's error text into a message that says what the file is.
fn describe_calamine(path: &Path, err: &str) -> Problem {
    let lower = err.to_lowercase();
    let (id, en) = if lower.contains("password") || lower.contains("encrypt") {
        (
            "buku kerja dilindungi kata sandi (terenkripsi); simpan ulang tanpa kata sandi"
                .to_string(),
            "the workbook is password-protected (encrypted); save it again without a password"
                .to_string(),
        )
    } else if lower.contains("zip") || lower.contains("cfb") || lower.contains("invalid") {
        (
            format!("bukan lembar kerja yang valid atau berkas rusak ({err})"),
            format!("not a valid spreadsheet, or the file is damaged ({err})"),
        )
    } else {
        (err.to_string(), err.to_string())
    };
    unreadable(path, id, en)
}

/// Decodes CSV bytes: UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1252 (what
/// spreadsheet programs on Windows save as "CSV").
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The delimiter of a CSV: the one of `,`, `;` and tab that occurs most in the first line outside
/// quotes (Indonesian Excel saves with `;` because `,` is the decimal separator).
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The csv crate reports a record's position at the line break before it; this finds the line
/// where the record's first character really is, counting incrementally over the text.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> u64 {
        let mut start = byte.min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.at {
            self.line += self.text[self.at..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.at = start;
        }
        self.line
    }
}

/// Parses CSV bytes into one sheet with line numbers.
pub fn read_csv_bytes(path: &Path, bytes: &[u8]) -> Result<Sheet, Problem> {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(detect_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text.as_bytes());
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.line_at(record.position().map_or(0, |p| p.byte() as usize));
                let mut cells: Vec<Cell> = record
                    .iter()
                    .map(|f| Cell::from_text(f.to_string()))
                    .collect();
                while cells.last().is_some_and(Cell::is_empty) {
                    cells.pop();
                }
                if !cells.is_empty() {
                    rows.push(Row { pos: line, cells });
                }
            }
            Err(e) => {
                let line = lines.line_at(e.position().map_or(0, |p| p.byte() as usize));
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
    Ok(Sheet { name: None, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_and_bom_are_decoded() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa;b"), "a;b");
        assert_eq!(decode_text(b"caf\xE9"), "café");
        assert_eq!(decode_text(&[0xFF, 0xFE, b'a', 0, b';', 0]), "a;");
    }

    #[test]
    fn delimiter_is_detected_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter("\"a;b\",c,d\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
    }

    #[test]
    fn csv_rows_keep_their_lines() {
        let s = read_csv_bytes(Path::new("x.csv"), b"h1;h2\r\n\"multi\nline\";2\n\n3;4\n").unwrap();
        assert_eq!(s.rows.len(), 3);
        assert_eq!(s.rows[1].pos, 2);
        assert_eq!(s.rows[2].pos, 5);
        assert_eq!(s.rows[2].get(1), &Cell::Text("4".into()));
    }
}
