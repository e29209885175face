//! Turning what staff typed into an answer the framework understands: option codes or labels in
//! either language, numbers with a point or a comma, N/A, yes/no in any common spelling.

use crate::answers::read::Cell;
use crate::diagnostics::Code;
use crate::framework::{
    AnswerKind, AnswerOption, AnswerSet, Framework, Indicator, NA_SPELLINGS, NO_SPELLINGS,
    OptionLookup, YES_SPELLINGS,
};
use crate::submission::{Answer, normalize, normalize_cow};
use crate::text::Text;

/// Why a cell could not be understood, without its location (the caller knows that).
#[derive(Debug, Clone)]
pub struct Rejection {
    /// Problem code.
    pub code: Code,
    /// What is wrong.
    pub message: Text,
    /// What would have been accepted.
    pub expected: Text,
}

/// Understands the cell given for indicator `ind`. `Ok(None)` means blank.
pub fn interpret(
    fw: &Framework,
    ind: &Indicator,
    cell: &Cell,
) -> Result<Option<Answer>, Rejection> {
    let set = &fw.answer_sets[ind.answers];
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Error(e) => {
            return Err(Rejection {
                code: Code::E013,
                message: Text::new(
                    format!("sel berisi galat rumus {e}"),
                    format!("the cell holds the formula error {e}"),
                ),
                expected: expected(set, ind),
            });
        }
        Cell::Bool(b) => std::borrow::Cow::Borrowed(if *b { "true" } else { "false" }),
        Cell::Text(t) => std::borrow::Cow::Borrowed(t.as_str()),
        // A number in a numeric question needs no text: skip formatting it and parsing it back.
        Cell::Number(_) if !matches!(set.kind, AnswerKind::Options { .. }) => {
            std::borrow::Cow::Borrowed("")
        }
        Cell::Number(_) => std::borrow::Cow::Owned(cell.display()),
    };
    // A plain number typed as text is already normal and never an N/A spelling.
    let numeric = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    let key = if numeric {
        std::borrow::Cow::Borrowed(&*text)
    } else {
        normalize_cow(&text)
    };
    if !numeric && NA_SPELLINGS.contains(&&*key) {
        return if ind.na_allowed {
            Ok(Some(Answer::NotApplicable))
        } else {
            Err(Rejection {
                code: Code::E014,
                message: Text::new(
                    format!("indikator {} tidak boleh dijawab N/A", ind.id),
                    format!("indicator {} may not be answered N/A", ind.id),
                ),
                expected: expected(set, ind),
            })
        };
    }
    match &set.kind {
        AnswerKind::Options { options } => match fw.option_lookups[ind.answers]
            .as_ref()
            .and_then(|lookup| match_option(lookup, options, cell, &key, &text))
        {
            Some(i) => Ok(Some(Answer::Choice(i))),
            None => Err(Rejection {
                code: Code::E012,
                message: Text::new(
                    format!("jawaban untuk {} bukan salah satu pilihan", ind.id),
                    format!("the answer for {} is not one of the options", ind.id),
                ),
                expected: expected(set, ind),
            }),
        },
        AnswerKind::Number { min, max, .. } => {
            let n = number(cell, set, ind)?;
            if n < *min || n > *max {
                return Err(Rejection {
                    code: Code::E013,
                    message: Text::new(
                        format!("angka untuk {} di luar rentang", ind.id),
                        format!("the number for {} is out of range", ind.id),
                    ),
                    expected: expected(set, ind),
                });
            }
            Ok(Some(Answer::Number(n)))
        }
        AnswerKind::Target { .. } => {
            let n = number(cell, set, ind)?;
            if n < 0.0 {
                return Err(Rejection {
                    code: Code::E013,
                    message: Text::new(
                        format!("nilai KPI {} tidak boleh negatif", ind.id),
                        format!("the KPI value for {} may not be negative", ind.id),
                    ),
                    expected: expected(set, ind),
                });
            }
            Ok(Some(Answer::Number(n)))
        }
    }
}

fn number(cell: &Cell, set: &AnswerSet, ind: &Indicator) -> Result<f64, Rejection> {
    if let Cell::Text(t) = cell
        && crate::submission::ambiguous_grouping(t)
    {
        let t = crate::submission::trim(t);
        return Err(Rejection {
            code: Code::E013,
            message: Text::new(
                format!(
                    "angka {t} untuk {} bisa berarti ribuan atau desimal: tulis 1000 untuk seribu \
                     atau 1,5 untuk satu koma lima, tanpa pemisah ribuan",
                    ind.id
                ),
                format!(
                    "the number {t} for {} could mean thousands or decimals: write 1000 for one \
                     thousand or 1.5 for one and a half, with no thousands separator",
                    ind.id
                ),
            ),
            expected: expected(set, ind),
        });
    }
    cell.as_number().ok_or_else(|| Rejection {
        code: Code::E013,
        message: Text::new(
            format!("jawaban untuk {} bukan angka", ind.id),
            format!("the answer for {} is not a number", ind.id),
        ),
        expected: expected(set, ind),
    })
}

fn match_option(
    lookup: &OptionLookup,
    options: &[AnswerOption],
    cell: &Cell,
    key: &str,
    text: &str,
) -> Option<usize> {
    if let Some(&i) = lookup.names.get(key) {
        return Some(i);
    }
    // "3 - Terdefinisi" with other spacing: the code, a separator, then the label.
    for sep in [" - ", " – ", " — ", ": ", ". "] {
        if let Some((code, label)) = text.split_once(sep)
            && let Some(&i) = lookup.codes.get(&normalize(code))
            && lookup.labels[i].contains(&normalize(label))
        {
            return Some(i);
        }
    }
    // A number equal to an option's value. Options sharing that value score the same, so the
    // first of them stands for all.
    if let Some(n) = cell.as_number()
        && let Some(i) = options.iter().position(|o| o.value == n)
    {
        return Some(i);
    }
    // Yes/no in any common spelling, when the set has exactly one yes-like or no-like option.
    if YES_SPELLINGS.contains(&key) {
        return lookup.yes;
    }
    if NO_SPELLINGS.contains(&key) {
        return lookup.no;
    }
    None
}

/// What an indicator accepts, for messages: the options, or the range.
pub fn expected(set: &AnswerSet, ind: &Indicator) -> Text {
    crate::framework::accepted(set, ind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::parse;
    use std::path::Path;

    const SHARED: &str = r#"
[framework]
id = "t"
version = "1"
title = { id = "t", en = "t" }
scale = { min = 0, max = 4 }
levels = ["regency"]

[answer_sets.level]
kind = "options"
[[answer_sets.level.options]]
code = "A"
value = 0
label = { id = "Belum", en = "Not yet" }
[[answer_sets.level.options]]
code = "B"
value = 2
label = { id = "Terpadu dan terukur", en = "Integrated" }
[[answer_sets.level.options]]
code = "C"
value = 2
label = { id = "Sebagian", en = "Partly" }

[[dimension]]
id = "D"
label = { id = "D", en = "D" }

[[indicator]]
id = "X"
parent = "D"
answers = "level"
label = { id = "x", en = "x" }
question = { id = "x", en = "x" }

[[band]]
from = 0
to = 4
label = { id = "Semua", en = "All" }
"#;

    fn read(text: &str) -> Result<Option<Answer>, Rejection> {
        let fw = parse(Path::new("t.toml"), SHARED).unwrap();
        interpret(&fw, &fw.indicators[0], &Cell::Text(text.into()))
    }

    #[test]
    fn a_value_two_options_share_is_the_first_of_them() {
        assert_eq!(read("2").unwrap(), Some(Answer::Choice(1)));
        assert_eq!(read("2,0").unwrap(), Some(Answer::Choice(1)));
        assert_eq!(read("C").unwrap(), Some(Answer::Choice(2)));
        assert!(read("1").is_err());
    }

    #[test]
    fn labels_match_ignoring_case_and_extra_spaces_but_not_missing_ones() {
        assert_eq!(
            read("  TERPADU   dan terukur ").unwrap(),
            Some(Answer::Choice(1))
        );
        assert!(read("terpadudanterukur").is_err());
    }
}
