//! One answer row understood on its own: the indicator found, the answer interpreted, problems
//! written with their places. Pure, so the rows of a long table can be understood on several
//! threads; taking them into their region-year (where a repeated row is told apart) is the
//! [`super::builder::Builder`]'s, in file order.

use super::mode::Detail;
use super::value::interpret;
use crate::answers::read::Cell;
use crate::diagnostics::{Code, Place, Problem};
use crate::framework::{AnswerKind, Framework};
use crate::submission::{Answer, GivenAnswer, format_number};
use crate::text::Text;
use rustc_hash::FxHashMap;

/// One answer row understood on its own — indicator found, answer interpreted, problems
/// written — but not yet taken by its region-year: whether it repeats an earlier row is only
/// known in file order, by [`super::builder::Builder::apply`]. Rare cases are boxed to keep the common one small.
#[derive(Debug)]
pub enum Entry {
    /// The indicator is not in the framework (E010).
    Unknown(Box<Problem>),
    /// Indicator `i` is answered, perhaps with a warning about the answer.
    Answered {
        /// Indicator index.
        i: usize,
        /// The answer, with its detail when kept.
        answer: GivenAnswer,
        /// A warning about the value (e.g. W011).
        warning: Option<Box<Problem>>,
    },
    /// Indicator `i`'s row is blank; its place when kept.
    Blank {
        /// Indicator index.
        i: usize,
        /// Where the blank was (for a required indicator, or when everything is kept).
        place: Option<Box<Place>>,
    },
    /// Indicator `i`'s answer cannot be understood.
    Rejected {
        /// Indicator index.
        i: usize,
        /// Why.
        problem: Box<Problem>,
    },
}

impl Entry {
    /// The indicator's index, unless it is unknown.
    pub fn indicator(&self) -> Option<usize> {
        match self {
            Entry::Unknown(_) => None,
            Entry::Answered { i, .. } | Entry::Blank { i, .. } | Entry::Rejected { i, .. } => {
                Some(*i)
            }
        }
    }

    /// Understands one answer row: pure, so rows can be read on several threads.
    pub fn read(reading: Reading<'_>, row: &AnswerRow<'_>) -> Entry {
        let Reading { fw, detail, file } = reading;
        let AnswerRow {
            indicator,
            guess,
            id_place,
            cell,
            place,
            ..
        } = *row;
        let Some(i) = fw.find_indicator_near(indicator, guess) else {
            return Entry::Unknown(Box::new(
                Problem::new(
                    Code::E010,
                    file,
                    id_place(),
                    Text::new(
                        format!("indikator tidak dikenal dalam kerangka {}", fw.id),
                        format!("unknown indicator in framework {}", fw.id),
                    ),
                )
                .found(indicator)
                .expected(Text::new(
                    "id indikator dari kerangka (lihat `smartcity template`)",
                    "an indicator id of the framework (see `smartcity template`)",
                )),
            ));
        };
        let ind = &fw.indicators[i];
        match interpret(fw, ind, cell) {
            Ok(Some(answer)) => Entry::Answered {
                i,
                warning: percent_as_fraction(fw, ind, cell, file, place).map(Box::new),
                answer: given(answer, detail, row),
            },
            // A required blank is named in a warning (or, checking, an error) with its cell, in
            // lean mode too; other blanks' places are kept only with everything else.
            Ok(None) => Entry::Blank {
                i,
                place: (detail == Detail::Full || ind.required).then(|| Box::new(place())),
            },
            Err(rej) => Entry::Rejected {
                i,
                problem: Box::new(
                    Problem::new(rej.code, file, place(), rej.message)
                        .found(cell.display())
                        .expected(rej.expected),
                ),
            },
        }
    }
}

/// An answer as kept: with what was typed, its notes and its place when `detail` is full.
fn given(answer: Answer, detail: Detail, row: &AnswerRow<'_>) -> GivenAnswer {
    if detail == Detail::Full {
        GivenAnswer::with_detail(
            answer,
            row.cell.display(),
            row.notes.map(str::to_string),
            (row.place)(),
        )
    } else {
        GivenAnswer::new(answer)
    }
}

/// What reading answer rows needs besides the rows: the framework, whether to keep what was
/// typed (and its notes and place) with each answer, and the file, for messages.
#[derive(Clone, Copy)]
pub struct Reading<'a> {
    /// The framework answered.
    pub fw: &'a Framework,
    /// Keep what was typed, notes and places with every answer.
    pub detail: Detail,
    /// The file read.
    pub file: &'a std::path::Path,
}

/// One answer row as found. Places are built only when needed: for a problem, or to keep.
#[derive(Clone, Copy)]
pub struct AnswerRow<'r> {
    /// The indicator as written.
    pub indicator: &'r str,
    /// The indicator to try first (see [`Framework::find_indicator_near`]).
    pub guess: usize,
    /// Where the indicator was written.
    pub id_place: &'r dyn Fn() -> Place,
    /// The answer cell.
    pub cell: &'r Cell,
    /// Where the answer was.
    pub place: &'r dyn Fn() -> Place,
    /// Notes or evidence given with it.
    pub notes: Option<&'r str>,
}

/// Answers already understood, by indicator and text as typed. A national file says the same few
/// things millions of times (`2 - Berjalan`, `ya`, `N/A`), and what a text means for an
/// indicator depends on nothing else, so each is understood once per thread.
#[derive(Debug, Default)]
pub struct AnswerCache {
    by_indicator: Vec<FxHashMap<Box<str>, Answer>>,
}

/// Texts remembered per indicator at most: free numbers would otherwise fill it for nothing.
const CACHED_PER_INDICATOR: usize = 64;

impl AnswerCache {
    fn get(&self, i: usize, text: &str) -> Option<Answer> {
        self.by_indicator.get(i)?.get(text).copied()
    }

    fn put(&mut self, i: usize, text: &str, answer: Answer) {
        if self.by_indicator.len() <= i {
            self.by_indicator.resize_with(i + 1, FxHashMap::default);
        }
        let known = &mut self.by_indicator[i];
        if known.len() < CACHED_PER_INDICATOR {
            known.insert(Box::from(text), answer);
        }
    }

    /// [`Entry::read`], remembering what texts mean: the same entry, found faster when the text
    /// was met before for the same indicator.
    pub fn read(&mut self, reading: Reading<'_>, row: &AnswerRow<'_>) -> Entry {
        // Only option texts are worth remembering: they are normalised and looked up, while a
        // number is read faster than it would be found.
        let found = reading.fw.find_indicator_near(row.indicator, row.guess);
        let (Cell::Text(text), Some(i)) = (row.cell, found) else {
            return Entry::read(reading, row);
        };
        let row = AnswerRow { guess: i, ..*row };
        if !matches!(reading.fw.answer_set_of(i).kind, AnswerKind::Options { .. }) {
            return Entry::read(reading, &row);
        }
        if let Some(answer) = self.get(i, text) {
            // A text answer never draws a warning (W011 is about numbers stored as fractions).
            return Entry::Answered {
                i,
                warning: None,
                answer: given(answer, reading.detail, &row),
            };
        }
        let entry = Entry::read(reading, &row);
        if let Entry::Answered {
            i,
            answer,
            warning: None,
        } = &entry
        {
            self.put(*i, text, answer.answer);
        }
        entry
    }
}

/// A percentage typed with `%` in a spreadsheet (`75%`) is stored as the fraction 0.75, and the
/// cell's format, which says so, is not visible to the reader. For a 0–100 % question a value
/// strictly between 0 and 1 is therefore flagged rather than silently scored as 0.75 %.
fn percent_as_fraction(
    fw: &Framework,
    ind: &crate::framework::Indicator,
    cell: &Cell,
    file: &std::path::Path,
    place: &dyn Fn() -> Place,
) -> Option<Problem> {
    let crate::framework::AnswerKind::Number { max, unit, .. } = &fw.answer_sets[ind.answers].kind
    else {
        return None;
    };
    let Cell::Number(n) = cell else { return None };
    let percent = unit.as_deref().is_some_and(|u| u.contains('%'));
    (percent && *max > 1.0 && *n > 0.0 && *n < 1.0).then(|| {
        let shown = format_number(n * 100.0);
        Problem::new(
            Code::W011,
            file,
            place(),
            Text::new(
                format!(
                    "jawaban {} adalah {n}; bila yang dimaksud {shown} %, ketik {shown} tanpa tanda %",
                    ind.id
                ),
                format!(
                    "the answer for {} is {n}; if {shown} % was meant, type {shown} without the % sign",
                    ind.id
                ),
            ),
        )
        .found(format_number(*n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the texts and whether they were met before, a remembered answer is the entry
    /// `Entry::read` gives.
    #[test]
    fn remembered_answers_are_what_reading_gives() {
        let fw = crate::framework::load_file(std::path::Path::new(
            "tests/fixtures/frameworks/example.toml",
        ))
        .unwrap();
        let file = std::path::Path::new("x.csv");
        let texts = [
            "3",
            "3 - Terdefinisi",
            " Optimum ",
            "ya",
            "YA",
            "y",
            "Tidak",
            "n/a",
            "N/A",
            "7",
            "62,5",
            "tiga",
            "",
            "#DIV/0!",
        ];
        let mut cache = AnswerCache::default();
        for round in 0..2 {
            for (k, ind) in ["GOV-LP-01", "GOV-LP-02", "ENV-01", "ENV-02"]
                .iter()
                .enumerate()
            {
                for text in texts {
                    let cell = Cell::from_text(text.to_string());
                    let place = || Place::Line {
                        line: 7,
                        column: Some(5),
                    };
                    let id_place = || Place::Line {
                        line: 7,
                        column: Some(4),
                    };
                    let detail = if round == 1 {
                        Detail::Full
                    } else {
                        Detail::Lean
                    };
                    let reading = Reading {
                        fw: &fw,
                        detail,
                        file,
                    };
                    let row = AnswerRow {
                        indicator: ind,
                        guess: k,
                        id_place: &id_place,
                        cell: &cell,
                        place: &place,
                        notes: None,
                    };
                    let read = Entry::read(reading, &row);
                    let cached = cache.read(reading, &row);
                    assert_eq!(format!("{cached:?}"), format!("{read:?}"), "{ind} {text:?}");
                }
            }
        }
    }
}
