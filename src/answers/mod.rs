//! Answers in: files → sheets of cells → region-years found in a layout → validated submissions.

mod cell;
mod checks;
mod csv_in;
mod extract;
mod identity;
mod ingest;
mod layout;
pub mod limits;
mod source;
mod validate;
mod value;

pub use cell::{Cell, format_number, parse_number, write_number};
pub use csv_in::{decode_text, detect_delimiter};
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
