//! One normalised cell value. Spreadsheet producers disagree on how the same value arrives
//! (integers as `Int` or `Float`, TRUE as `Bool` or `1.0`, formula errors as `Error` or text);
//! this is the one place that evens that out.

use super::limits;
use crate::submission::{format_number, parse_number, trim};
use calamine::Data;

/// A cell's value as the rest of the tool sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing there.
    Empty,
    /// Text as typed (not trimmed).
    Text(String),
    /// A number (dates arrive as their serial number).
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A formula error such as `#DIV/0!`.
    Error(String),
}

/// Error values spreadsheet programs show in cells; LibreOffice's ods stores them as text.
const ERROR_LITERALS: &[&str] = &[
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
    "Err:502",
    "Err:504",
    "Err:508",
    "Err:511",
    "Err:522",
];

impl Cell {
    /// Normalises a calamine value. Formula cells arrive as their cached result.
    pub fn from_data(d: &Data) -> Cell {
        match d {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::from_text(s.clone()),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(dt) => Cell::Number(dt.as_f64()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Error(e) => Cell::Error(format!("{e}")),
        }
    }

    /// A cell holding text; blank text is empty and error literals are errors.
    pub fn from_text(s: String) -> Cell {
        let t = trim(&s);
        if t.is_empty() {
            Cell::Empty
        } else if Cell::is_error_literal(t) {
            Cell::Error(t.to_string())
        } else {
            Cell::Text(s)
        }
    }

    /// Whether `text` is how a spreadsheet shows a formula error (`#DIV/0!`).
    #[inline]
    pub fn is_error_literal(text: &str) -> bool {
        // Every literal starts with `#` or `E`: most text is ruled out by its first byte.
        let t = trim(text);
        matches!(t.as_bytes().first(), Some(b'#' | b'E')) && ERROR_LITERALS.contains(&t)
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The value as a person would read it in the cell.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => trim(s).to_string(),
            Cell::Number(n) => format_number(*n),
            Cell::Bool(true) => "TRUE".into(),
            Cell::Bool(false) => "FALSE".into(),
            Cell::Error(e) => e.clone(),
        }
    }

    /// Like [`Cell::display`], borrowing text instead of copying it.
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => std::borrow::Cow::Borrowed(""),
            Cell::Text(s) => std::borrow::Cow::Borrowed(trim(s)),
            _ => std::borrow::Cow::Owned(self.display()),
        }
    }

    /// The value as a number: numbers as they are, text read with a decimal point or comma.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Cell::Number(n) if n.is_finite() => Some(*n),
            Cell::Text(s) => parse_number(s),
            _ => None,
        }
    }
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

/// A text cell, cut to the limit, with the original length in characters when it was cut.
pub(super) fn capped_cell(s: &str) -> (Cell, Option<usize>) {
    let (text, cut) = cap_text(s);
    (Cell::from_text(text), cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn producer_quirks_are_evened_out() {
        assert_eq!(Cell::from_data(&Data::Int(3)), Cell::Number(3.0));
        assert_eq!(Cell::from_data(&Data::String("  ".into())), Cell::Empty);
        assert!(matches!(
            Cell::from_data(&Data::String("#DIV/0!".into())),
            Cell::Error(_)
        ));
        assert_eq!(Cell::Number(3.0).display(), "3");
        assert_eq!(Cell::Number(0.1 + 0.2).display(), "0.3");
    }
}
