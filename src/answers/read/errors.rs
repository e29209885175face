//! The problems every reader can meet, worded once: a file that cannot be read, is over a limit,
//! is protected, damaged or not a spreadsheet at all.

use super::kind::FileKind;
use super::limits;
use crate::diagnostics::{Code, Place, Problem};
use crate::text::{Lang, Text};
use std::path::Path;

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

/// A file the operating system would not read, with its reason in the reader's language.
pub(super) fn unreadable_io(path: &Path, e: &std::io::Error) -> Problem {
    let why = crate::text::os_error(e);
    unreadable(path, why.id, why.en)
}

/// A limit exceeded (E020), at `place`.
pub(super) fn over_limit(path: &Path, place: Place, id: String, en: String) -> Problem {
    Problem::new(Code::E020, path, place, Text::new(id, en))
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

pub(super) fn password_protected(path: &Path) -> Problem {
    unreadable(
        path,
        "buku kerja dilindungi kata sandi (terenkripsi); simpan ulang tanpa kata sandi".into(),
        "the workbook is password-protected (encrypted); save it again without a password".into(),
    )
}

/// A damaged file; `detail` is the reader's own technical words, the same in both languages.
pub(super) fn damaged(path: &Path, detail: &str) -> Problem {
    damaged_because(path, &Text::new(detail, detail))
}

/// A damaged file, with why in both languages.
pub(super) fn damaged_because(path: &Path, why: &Text) -> Problem {
    let (id, en) = (&why.id, &why.en);
    unreadable(
        path,
        format!(
            "berkas terpotong atau rusak ({id}); salin atau unduh ulang, atau buka dan simpan ulang"
        ),
        format!(
            "the file is truncated or damaged ({en}); copy or download it again, or open and save it again"
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

pub(super) fn over_cap(path: &Path, read: u64) -> Result<(), Problem> {
    if read > limits::MAX_CSV_BYTES {
        return Err(too_large(path, FileKind::Csv, read));
    }
    Ok(())
}
