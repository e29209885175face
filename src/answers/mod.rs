//! Answers in: files → sheets of cells → region-years found in a layout → validated submissions.

mod cell;
mod checks;
mod csv_blocks;
mod csv_in;
mod entry;
mod extract;
mod identity;
mod ingest;
mod inspect;
mod layout;
pub mod limits;
mod long;
mod relay;
mod source;
mod validate;
mod value;
mod workbook;

pub use cell::{Cell, format_number, parse_number, write_number};
pub use csv_in::{decode_text, detect_delimiter};
pub use entry::{AnswerRow, Entry, Reading};
pub use extract::{Extracted, Extractor};
pub use identity::{Identity, Located};
pub use ingest::{Batch, collect_files, ingest, ingest_files};
pub use layout::{IDENTITY_VALUE_COL, Role, header_key, role_of};
pub use source::{FileKind, Row, RowSink, Sheet, file_kind, read_file, read_file_into};
pub use validate::{AnswerDetail, Builder, GivenAnswer, Mode, Submission};
pub use value::{Answer, Rejection, expected, interpret, is_not_applicable};

/// [`normalize`] without a copy when the text is already normal (`3`, `ya`, `n/a`): the common
/// case for answers picked from a dropdown or exported by a form tool.
pub fn normalize_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return normalize_ascii(text);
    }
    let normal = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| !c.is_uppercase() && (c == ' ' || !c.is_whitespace()));
    if normal {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(normalize(text))
    }
}

/// [`normalize_cow`] of ASCII text, byte by byte (no Unicode tables).
fn normalize_ascii(text: &str) -> std::borrow::Cow<'_, str> {
    // The ASCII characters Unicode calls whitespace (`split_whitespace` splits at them).
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let bytes = text.as_bytes();
    let mut previous_space = true;
    let mut normal = true;
    for &b in bytes {
        if b.is_ascii_uppercase() || (space(b) && (b != b' ' || previous_space)) {
            normal = false;
            break;
        }
        previous_space = space(b);
    }
    if normal && !bytes.last().is_some_and(|&b| space(b)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in bytes.split(|&b| space(b)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.iter().map(|b| b.to_ascii_lowercase() as char));
    }
    std::borrow::Cow::Owned(out)
}

/// Text as compared when matching answers: lowercase, spaces collapsed, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_normalise_alike() {
        for t in [
            "",
            " ",
            "ya",
            "Ya",
            "YA ",
            " ya",
            "2 - Berjalan",
            "2  -\tberjalan",
            "n/a",
            "N/A",
            "a\u{0B}b",
            "tidak berlaku",
            "Tidak  Berlaku\r\n",
            "ÉTÉ",
            " Été ",
            "3",
        ] {
            assert_eq!(normalize_cow(t), normalize(t), "{t:?}");
        }
    }
}
