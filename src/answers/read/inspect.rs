//! What a workbook is, and whether it is safe to open, decided before the reader library sees
//! it: a zip's central directory (kind, encryption, expansion: zip bombs), an ods's expanded
//! extent, an xls's cell extent. The reader library would otherwise build hostile files into
//! grids of gigabytes.

use super::errors::{damaged, not_a_spreadsheet, over_limit, password_protected};
use super::limits;
use crate::diagnostics::{Place, Problem};
use crate::text::Lang;
use std::io::Read as _;
use std::path::Path;

/// What a zip archive holds, from its entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

/// Looks at a zip-based workbook's central directory before anything is inflated: what it is
/// (xlsx, xlsb, ods or another kind of zip), whether it is encrypted, and whether it would expand
/// beyond the limits (a zip bomb).
pub(super) fn inspect_zip(path: &Path, bytes: &[u8]) -> Result<ZipKind, Problem> {
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
                    limits::human_bytes(size, Lang::Id)
                ),
                format!(
                    "part {} is compressed {}:1 (at most {}:1) and expands to {}: likely a zip bomb; the file was not opened",
                    name,
                    size / packed.max(1),
                    limits::MAX_COMPRESSION_RATIO,
                    limits::human_bytes(size, Lang::En)
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
                limits::human_bytes(total, Lang::Id),
                limits::human_bytes(limits::MAX_UNCOMPRESSED_BYTES, Lang::Id)
            ),
            format!(
                "the workbook expands to {} when opened (at most {}): likely a zip bomb; the file was not opened",
                limits::human_bytes(total, Lang::En),
                limits::human_bytes(limits::MAX_UNCOMPRESSED_BYTES, Lang::En)
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

/// Refuses an ods whose sheets, once their repeated rows and cells are expanded, span more than
/// [`limits::MAX_CELLS`], from a streaming pass over `content.xml`: the reader library expands
/// every sheet of an ods into a dense grid (of values and of formulas) before anything can look at
/// it, so a 1 KiB file repeating one cell over 6,000 rows and 16,384 columns would otherwise take
/// 6 GiB and a minute. Counts as the reader does: rows from the first to the last with a value,
/// columns up to the last cell with a value, both capped at the sheet's maximum.
pub(super) fn check_ods_extent(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
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
    // Text the reader will build: the current cell's (its characters and `text:s` spaces) and its
    // column repeat, and the whole document's once every repeat is expanded; and the sheets.
    let (mut cell_text, mut cell_repeat, mut text_total, mut sheets) = (0u64, 1u64, 0u64, 0u64);
    loop {
        let (event, open) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (Some(e), true),
            Ok(Event::Empty(e)) => (Some(e), false),
            Ok(Event::Text(t)) => {
                cell_text = cell_text.saturating_add(t.len() as u64);
                (None, false)
            }
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-cell" | "table:covered-table-cell" => {
                        text_total = text_total.saturating_add(
                            cell_text
                                .saturating_mul(cell_repeat)
                                .saturating_mul(row_repeat),
                        );
                        cell_text = 0;
                        if text_total > limits::MAX_EXPANDED_TEXT_BYTES {
                            return Err(too_much_text(path, &sheet, text_total));
                        }
                    }
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
                    sheets += 1;
                    super::inspect_declared::check_sheets(path, sheets)?;
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
                "text:s" => {
                    cell_text = cell_text.saturating_add(repeat(&e, "text:c"));
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeat(&e, "table:number-columns-repeated");
                    (cell_text, cell_repeat) = (0, n.min(u64::from(limits::MAX_COLUMNS)));
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

/// The error for an ods whose text, once repeats are expanded, exceeds the limit.
fn too_much_text(path: &Path, sheet: &str, bytes: u64) -> Problem {
    over_limit(
        path,
        Place::Sheet {
            sheet: sheet.to_string(),
        },
        format!(
            "teks buku kerja mengembang menjadi {} setelah sel, baris dan spasi berulang dibentangkan (paling besar {}); berkas tidak dibuka",
            limits::human_bytes(bytes, Lang::Id),
            limits::human_bytes(limits::MAX_EXPANDED_TEXT_BYTES, Lang::Id)
        ),
        format!(
            "the workbook's text expands to {} once repeated cells, rows and spaces are expanded (at most {}); the file was not opened",
            limits::human_bytes(bytes, Lang::En),
            limits::human_bytes(limits::MAX_EXPANDED_TEXT_BYTES, Lang::En)
        ),
    )
}

/// Refuses an xls whose sheets' cells span more than [`limits::MAX_CELLS`] (e.g. one cell in A1
/// and one in row 65,536, column 65,536), from the cell records of its Workbook stream: the reader
/// library builds every sheet of an xls as a dense grid when it opens the file, so a hostile file
/// would otherwise take hundreds of gigabytes.
pub(super) fn check_xls_extent<F: std::io::Read + std::io::Seek>(
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
