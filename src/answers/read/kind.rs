//! What a file is: by its name (which reader to use) and by its first bytes (whether it is what
//! its name says).

use std::path::Path;

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
    /// Text but for a NUL byte (never in a text file) at this line and byte of the line.
    NulInText {
        /// 1-based line.
        line: u64,
        /// 1-based byte of the line.
        column: u64,
    },
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
    let utf16 = starts(b"\xFF\xFE") || starts(b"\xFE\xFF") || utf16_without_bom(head).is_some();
    if !utf16 && let Some(at) = memchr::memchr(0, head) {
        if looks_like_text(head) {
            let before = &head[..at];
            let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
            let column = (at
                - before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1)) as u64
                + 1;
            return Content::NulInText { line, column };
        }
        return Content::Other("berkas biner yang tidak dikenal", "an unknown binary file");
    }
    Content::Text
}

/// UTF-16 saved without a byte order mark (some exports do): ASCII text with every other byte
/// zero. The encoding (little or big endian) when the first bytes are clearly that.
pub(super) fn utf16_without_bom(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let pairs: Vec<&[u8]> = head.chunks_exact(2).take(512).collect();
    if pairs.len() < 4 {
        return None;
    }
    let share =
        |f: &dyn Fn(&[u8]) -> bool| pairs.iter().filter(|p| f(p)).count() * 10 >= pairs.len() * 9;
    if share(&|p| p[1] == 0 && p[0] != 0) {
        Some(encoding_rs::UTF_16LE)
    } else if share(&|p| p[0] == 0 && p[1] != 0) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether `head`, NUL bytes aside, is text: a few NULs (a note pasted from another program)
/// among printable characters and line breaks, nothing else a binary file is made of.
fn looks_like_text(head: &[u8]) -> bool {
    let nuls = head.iter().filter(|&&b| b == 0).count();
    let controls = head
        .iter()
        .filter(|&&b| b != 0 && b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    nuls <= 16 && nuls * 100 <= head.len() && controls == 0
}
