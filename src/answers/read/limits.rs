//! Limits on what one run reads, in one place. Input files come from hundreds of offices and are
//! sometimes damaged or hostile; these bounds keep memory and time in check so one bad file costs
//! a clear error (E020) instead of the machine. Every value sits far above the largest real input
//! (the national village corpus of issue #5: 83,763 desa × 30 indicators) and far below what would
//! hurt a 2-core, 24 GiB machine reading two files at once.

use crate::text::{Lang, Words};

/// Largest UTF-16 CSV file read (Excel's "Unicode text"): 512 MiB. Such a file is decoded whole
/// before it is read, so its size is bounded. A UTF-8 or Windows-1252 CSV has no size limit: it
/// is streamed in blocks of whole records and bounded per record ([`MAX_RECORD_BYTES`]), per
/// field ([`MAX_CELL_CHARS`], [`MAX_COLUMNS`]) and per region-year
/// ([`MAX_PROBLEMS_PER_REGION_YEAR`]); a national panel (every village, ten years: 25 million
/// rows, 1–2.5 GB) is an ordinary input.
pub const MAX_CSV_BYTES: u64 = 512 * MIB;

/// Longest CSV record (one row, quoted line breaks included): 64 MiB. Every field is cut at
/// [`MAX_CELL_CHARS`] anyway; a longer record is a quote never closed, which would otherwise make
/// the rest of a file of any size one record held in memory.
pub const MAX_RECORD_BYTES: usize = 64 * MIB as usize;

/// Most problems kept for one region-year: 1,000 (a framework has at most a few hundred
/// indicators, each answered once). Past that the region-year is a generated or repeated mess:
/// it is rejected with one E020 saying how many more there were, instead of holding millions of
/// messages in memory (a long table can repeat one region-year's rows without end).
pub const MAX_PROBLEMS_PER_REGION_YEAR: usize = 1_000;

/// Largest workbook file read: 256 MiB. Workbooks are compressed (xlsx, ods, xlsb) or binary
/// (xls); the national village table as xlsx is ≈ 60 MiB. The file is held in memory while read.
pub const MAX_WORKBOOK_BYTES: u64 = 256 * MIB;

/// Largest total a zip-based workbook (xlsx, xlsm, xlsb, ods) may expand to, as its central
/// directory declares: 1 GiB. Checked before the workbook is opened; the zip reader then refuses
/// to inflate any part beyond its declared size, so a zip bomb cannot lie its way past this.
pub const MAX_UNCOMPRESSED_BYTES: u64 = GIB;

/// Compression ratio above which a large part of a zip-based workbook is taken for a zip bomb:
/// 250:1. Spreadsheet XML compresses about 10–50:1 (deflate cannot exceed ≈ 1,030:1); only a part
/// larger than [`RATIO_CHECK_MIN_BYTES`] is judged, since small parts cannot hurt.
pub const MAX_COMPRESSION_RATIO: u64 = 250;

/// Parts smaller than this (64 MiB uncompressed) are never judged by their compression ratio.
pub const RATIO_CHECK_MIN_BYTES: u64 = 64 * MIB;

/// Most cells materialised from one workbook, counting the empty cells before the first used
/// column of each row: 40 million (≈ 1.6 GiB at worst). The national village table as a wide
/// workbook has ≈ 2.7 million. A sheet with a used range of a million rows by a thousand columns
/// is refused with a clear message instead of filling memory. A CSV, streamed, has no such
/// whole-file count (see [`MAX_CSV_BYTES`]).
pub const MAX_CELLS: u64 = 40_000_000;

/// Most text an ods may expand to, counting every repeated cell and row and every `text:s`
/// run of spaces (the reader library builds each copy): 256 MiB, far beyond any questionnaire,
/// well under the memory a run may take.
pub const MAX_EXPANDED_TEXT_BYTES: u64 = 256 * MIB;

/// Columns read: 16,384 (A to XFD), Excel's own limit. A CSV row with more fields, or a cell past
/// XFD, is refused: no questionnaire or table of this tool is that wide.
pub const MAX_COLUMNS: u32 = 16_384;

/// Longest cell text kept: 32,767 characters, Excel's own limit per cell. Longer text (pasted
/// documents, generated junk) is cut there and a warning (W012) names the cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Most spreadsheet files read from one input folder: 250,000, three times one questionnaire per
/// village in Indonesia (83,763). Far more is a wrong folder (a home directory, `/`): nothing is
/// read from it and an error says so.
pub const MAX_FILES: usize = 250_000;

/// Deepest folder nesting searched: 64 levels. Real folder trees are a few levels deep; deeper
/// ones are loops or accidents and would only cost time.
pub const MAX_FOLDER_DEPTH: usize = 64;

const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

/// A byte count as people read it: `512 MiB`, `3.2 GiB`, `900 KiB`, `17 bytes`.
pub fn human_bytes(n: u64, lang: Lang) -> String {
    let (value, decimals, unit) = if n >= GIB {
        (n as f64 / GIB as f64, 1, "GiB")
    } else if n >= MIB {
        (n as f64 / MIB as f64, 0, "MiB")
    } else if n >= 1024 {
        (n as f64 / 1024.0, 0, "KiB")
    } else {
        (n as f64, 0, Words::new("byte", "bytes").get(lang))
    };
    format!("{} {unit}", lang.number(value, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_shown_in_binary_units() {
        assert_eq!(human_bytes(MAX_CSV_BYTES, Lang::En), "512 MiB");
        assert_eq!(human_bytes(MAX_UNCOMPRESSED_BYTES, Lang::En), "1.0 GiB");
        assert_eq!(human_bytes(MAX_UNCOMPRESSED_BYTES, Lang::Id), "1,0 GiB");
        assert_eq!(human_bytes(2048, Lang::Id), "2 KiB");
        assert_eq!(human_bytes(7, Lang::Id), "7 byte");
        assert_eq!(human_bytes(17, Lang::En), "17 bytes");
    }
}
