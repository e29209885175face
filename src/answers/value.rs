//! Turning what staff typed into an answer the framework understands: option codes or labels in
//! either language, numbers with a point or a comma, N/A, yes/no in any common spelling.

use super::cell::Cell;
use super::normalize;
use crate::diagnostics::Code;
use crate::framework::{AnswerKind, AnswerSet, Framework, Indicator};
use crate::text::{Lang, Text};
use serde::Serialize;

/// An answer, understood.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// One of the options (index into the answer set's options).
    Choice(usize),
    /// A number (for number and target answer sets).
    Number(f64),
    /// Not applicable to this region.
    NotApplicable,
}

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

const NA_SPELLINGS: &[&str] = &[
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "tidak berlaku",
    "not applicable",
    "tb",
    "t/b",
];
const YES_SPELLINGS: &[&str] = &["ya", "yes", "y", "true", "benar", "iya", "ada"];
const NO_SPELLINGS: &[&str] = &[
    "tidak",
    "no",
    "n",
    "false",
    "t",
    "salah",
    "tdk",
    "tidak ada",
];

/// Whether text means "not applicable".
pub fn is_not_applicable(text: &str) -> bool {
    NA_SPELLINGS.contains(&normalize(text).as_str())
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
        Cell::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
        Cell::Text(t) => t.clone(),
        Cell::Number(_) => cell.display(),
    };
    if is_not_applicable(&text) {
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
        AnswerKind::Options { options } => match match_option(options, cell, &text) {
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
    options: &[crate::framework::AnswerOption],
    cell: &Cell,
    text: &str,
) -> Option<usize> {
    let key = normalize(text);
    let names = |o: &crate::framework::AnswerOption| {
        [o.code.as_str(), o.label.id.as_str(), o.label.en.as_str()]
            .into_iter()
            .chain(o.aliases.iter().map(String::as_str))
            .map(normalize)
            .collect::<Vec<_>>()
    };
    if let Some(i) = options.iter().position(|o| names(o).contains(&key)) {
        return Some(i);
    }
    // "3 - Terdefinisi", as a dropdown may show it: the code, then the label.
    for sep in [" - ", " – ", " — ", ": ", ". "] {
        if let Some((code, label)) = text.split_once(sep) {
            let (code, label) = (normalize(code), normalize(label));
            if let Some(i) = options.iter().position(|o| {
                normalize(&o.code) == code
                    && (normalize(&o.label.id) == label || normalize(&o.label.en) == label)
            }) {
                return Some(i);
            }
        }
    }
    // A number equal to exactly one option's value.
    if let Some(n) = cell.as_number() {
        let hits: Vec<usize> = (0..options.len())
            .filter(|&i| options[i].value == n)
            .collect();
        if hits.len() == 1 {
            return Some(hits[0]);
        }
    }
    // Yes/no in any common spelling, when the set has exactly one yes-like and one no-like option.
    for class in [YES_SPELLINGS, NO_SPELLINGS] {
        if class.contains(&key.as_str()) {
            let hits: Vec<usize> = (0..options.len())
                .filter(|&i| {
                    names(&options[i])
                        .iter()
                        .any(|n| class.contains(&n.as_str()))
                })
                .collect();
            if hits.len() == 1 {
                return Some(hits[0]);
            }
        }
    }
    None
}

/// What an indicator accepts, for messages: the options, or the range.
pub fn expected(set: &AnswerSet, ind: &Indicator) -> Text {
    let na = |lang: Lang| match (ind.na_allowed, lang) {
        (true, Lang::Id) => " atau N/A",
        (true, Lang::En) => " or N/A",
        (false, _) => "",
    };
    match &set.kind {
        AnswerKind::Options { options } => {
            let list = |lang: Lang| {
                let shown: Vec<String> = options
                    .iter()
                    .take(12)
                    .map(|o| format!("{} ({})", o.code, o.label.get(lang)))
                    .collect();
                let more = if options.len() > 12 { ", …" } else { "" };
                format!("{}{more}{}", shown.join(", "), na(lang))
            };
            Text::new(
                format!("salah satu dari: {}", list(Lang::Id)),
                format!("one of: {}", list(Lang::En)),
            )
        }
        AnswerKind::Number { min, max, unit, .. } => {
            let unit = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            Text::new(
                format!(
                    "angka dari {} sampai {}{unit}{}",
                    Lang::Id.number(*min, 2).trim_end_matches(",00"),
                    Lang::Id.number(*max, 2).trim_end_matches(",00"),
                    na(Lang::Id)
                ),
                format!(
                    "a number from {} to {}{unit}{}",
                    Lang::En.number(*min, 2).trim_end_matches(".00"),
                    Lang::En.number(*max, 2).trim_end_matches(".00"),
                    na(Lang::En)
                ),
            )
        }
        AnswerKind::Target { .. } => Text::new(
            format!(
                "angka tidak negatif (target {}){}",
                ind.target.map_or(0.0, |t| t.value),
                na(Lang::Id)
            ),
            format!(
                "a non-negative number (target {}){}",
                ind.target.map_or(0.0, |t| t.value),
                na(Lang::En)
            ),
        ),
    }
}
