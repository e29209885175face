//! Quoted fields that swallow records. A stray `"` opens a quoted field that the CSV rules let
//! run to the next `"`, or to the end of the file: the records in between become one long note
//! and are lost without a word. A block of records is scanned by the same rules as the csv
//! crate's reader (a quote opens a field only at its start, `""` is a quote inside one), and a
//! quoted field that reaches the end of the file, or that holds whole lines shaped like records
//! of the table, is named by the line and column where its quote opened.

use crate::diagnostics::{Code, Place, Problem};
use crate::text::Text;
use std::path::Path;

/// A quoted field that swallows records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Swallowing {
    /// 1-based line where the quote opened.
    pub(super) line: u64,
    /// 1-based column (in characters) of the opening quote.
    pub(super) column: u64,
    /// Lines inside the field shaped like records of the table (same number of delimiters as
    /// the header).
    pub(super) record_lines: u64,
    /// Whether the field is never closed (reaches the end of the file).
    pub(super) unclosed: bool,
}

/// The error for a quoted field that swallows records, at the quote that opened it.
pub(super) fn swallowing_problem(path: &Path, s: &Swallowing) -> Problem {
    let place = Place::Line {
        line: s.line,
        column: Some(s.column),
    };
    let (line, column, n) = (s.line, s.column, s.record_lines);
    let message = if s.unclosed {
        Text::new(
            format!(
                "tanda kutip yang dibuka di baris {line}, kolom {column} tidak pernah ditutup: \
                 sisa berkas akan terbaca sebagai satu sel"
            ),
            format!(
                "the quote opened at line {line}, column {column} is never closed: the rest of \
                 the file would be read as one cell"
            ),
        )
    } else {
        Text::new(
            format!(
                "tanda kutip yang dibuka di baris {line}, kolom {column} menelan {n} baris yang \
                 berbentuk baris tabel ini: tanda kutip yang salah ketik?"
            ),
            format!(
                "the quote opened at line {line}, column {column} swallows {n} lines shaped like \
                 records of this table: a stray quote?"
            ),
        )
    };
    Problem::new(Code::E001, path, place, message).expected(Text::new(
        "tutup tanda kutip, atau gandakan (\"\") tanda kutip di dalam teks",
        "close the quote, or double (\"\") a quote inside text",
    ))
}

/// The delimiters outside quotes on the first line of `head` (the header), when it has at least
/// two: a line inside a quoted field with as many is shaped like a record. Fewer columns than
/// three make that shape too common in ordinary notes to tell anything.
pub(super) fn header_delimiters(head: &[u8], delimiter: u8) -> Option<usize> {
    let mut quoted = false;
    let mut count = 0;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            _ if b == delimiter && !quoted => count += 1,
            _ => {}
        }
    }
    (count >= 2).then_some(count)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (or record).
    Start,
    /// Inside a field that did not start with a quote.
    Plain,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: the end of the field, or the first of `""`.
    QuoteInQuoted,
}

/// The first quoted field of `bytes` (whole records starting on line `first_line`; the end of
/// the file when `at_end`) that swallows records. `shape` is the header's delimiter count from
/// [`header_delimiters`].
pub(super) fn swallowing_quote(
    bytes: &[u8],
    delimiter: u8,
    first_line: u64,
    shape: Option<usize>,
    at_end: bool,
) -> Option<Swallowing> {
    memchr::memchr(b'"', bytes)?;
    let mut state = State::Start;
    let mut line = first_line;
    let mut line_start = 0usize;
    // The field being scanned, when quoted: where its quote opened, its whole inner lines shaped
    // like records, and the delimiters on its current inner line (None on its first line).
    let mut open = (0u64, 0u64);
    let mut record_lines = 0u64;
    let mut inner: Option<usize> = None;
    let mut prev = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        let brk = b == b'\r' || (b == b'\n' && prev != b'\r');
        match state {
            State::Start | State::Plain => {
                if b == b'"' && state == State::Start {
                    let column = column_of(&bytes[line_start..i]);
                    open = (line, column);
                    record_lines = 0;
                    inner = None;
                    state = State::Quoted;
                } else if b == delimiter || b == b'\r' || b == b'\n' {
                    state = State::Start;
                } else {
                    state = State::Plain;
                }
            }
            State::Quoted => {
                if b == b'"' {
                    state = State::QuoteInQuoted;
                } else if b == b'\r' || b == b'\n' {
                    if brk {
                        if inner.is_some_and(|d| Some(d) == shape) {
                            record_lines += 1;
                        }
                        inner = Some(0);
                    }
                } else if b == delimiter
                    && let Some(d) = inner.as_mut()
                {
                    *d += 1;
                }
            }
            State::QuoteInQuoted => {
                if b == b'"' {
                    state = State::Quoted;
                } else {
                    if record_lines > 0 {
                        return Some(Swallowing {
                            line: open.0,
                            column: open.1,
                            record_lines,
                            unclosed: false,
                        });
                    }
                    state = if b == delimiter || b == b'\r' || b == b'\n' {
                        State::Start
                    } else {
                        State::Plain
                    };
                }
            }
        }
        if brk {
            line += 1;
        }
        if b == b'\r' || b == b'\n' {
            line_start = i + 1;
        }
        prev = b;
    }
    match state {
        State::Quoted if at_end => Some(Swallowing {
            line: open.0,
            column: open.1,
            record_lines,
            unclosed: true,
        }),
        State::QuoteInQuoted if record_lines > 0 => Some(Swallowing {
            line: open.0,
            column: open.1,
            record_lines,
            unclosed: false,
        }),
        _ => None,
    }
}

/// The 1-based column, in characters, of the byte after `before` (the line up to it).
fn column_of(before: &[u8]) -> u64 {
    before.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_where_it_opened() {
        let s = swallowing_quote(b"a;b;c\n1;2;3\n4;\"x;6\n7;8;9\n", b';', 1, Some(2), true);
        assert_eq!(
            s,
            Some(Swallowing {
                line: 3,
                column: 3,
                record_lines: 1,
                unclosed: true
            })
        );
        // Not at the end of the file: the block is cut later, nothing to say yet.
        assert!(swallowing_quote(b"4;\"x;6\n", b';', 1, Some(2), false).is_none());
    }

    #[test]
    fn a_closed_quote_over_record_lines_is_found_and_notes_are_not() {
        let text = b"a;b;c\r\n1;\"stray;3\r\n4;5;6\r\n7;8;9\";x\r\n";
        let s = swallowing_quote(text, b';', 1, Some(2), true).unwrap();
        assert_eq!(
            (s.line, s.column, s.record_lines, s.unclosed),
            (2, 3, 1, false)
        );
        let notes = b"a;b;c\n1;\"dua\nbaris; \"\"kutip\"\"\";3\n\"\";\"\n\n\";x\n";
        assert!(swallowing_quote(notes, b';', 1, Some(2), true).is_none());
        assert!(swallowing_quote(b"a;b\n1;x\"y\n", b';', 1, None, true).is_none());
    }
}
