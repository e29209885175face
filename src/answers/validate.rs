//! From a region-year as found to a [`Submission`]: the region from the official list, the year,
//! the framework claimed, and every answer understood — or a problem naming the cell.
//!
//! A [`Builder`] takes answers one at a time as rows are read, so a long table of millions of
//! rows is never held whole: only the understood answers are kept, and (in lean mode) not even
//! what was typed or where.

use super::cell::{Cell, format_number};
use super::identity::{Identity, other_framework, other_version, resolve_region, resolve_year};
use super::value::{Answer, interpret};
use crate::diagnostics::{Code, Place, Problem, has_errors};
use crate::framework::{AnswerKind, Framework};
use crate::regions::Region;
use crate::text::Text;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::path::PathBuf;

/// An answer, and (unless read in lean mode) what was typed and where. Kept small — 24 bytes
/// without its detail — because a national batch holds millions of them.
#[derive(Debug, Clone, Serialize)]
pub struct GivenAnswer {
    /// The answer understood.
    pub answer: Answer,
    #[serde(flatten)]
    detail: Option<Box<AnswerDetail>>,
}

/// What was typed for an answer, its notes and where it was.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerDetail {
    /// What was typed, as displayed.
    pub raw: String,
    /// Notes or evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where it was found.
    pub place: Place,
}

impl GivenAnswer {
    /// An answer without detail (lean mode).
    pub fn new(answer: Answer) -> Self {
        GivenAnswer {
            answer,
            detail: None,
        }
    }

    /// An answer with what was typed, its notes and its place.
    pub fn with_detail(answer: Answer, raw: String, notes: Option<String>, place: Place) -> Self {
        GivenAnswer {
            answer,
            detail: Some(Box::new(AnswerDetail { raw, notes, place })),
        }
    }

    /// What was typed (empty in lean mode).
    pub fn raw(&self) -> &str {
        self.detail.as_ref().map_or("", |d| d.raw.as_str())
    }

    /// Notes or evidence, if any (none in lean mode).
    pub fn notes(&self) -> Option<&str> {
        self.detail.as_ref().and_then(|d| d.notes.as_deref())
    }

    /// Where it was found ([`Place::File`] in lean mode).
    pub fn place(&self) -> &Place {
        static NOWHERE: Place = Place::File;
        self.detail.as_ref().map_or(&NOWHERE, |d| &d.place)
    }
}

/// One region's answers for one year, validated against a framework.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    /// The region, from the official list.
    pub region: Region,
    /// The year assessed.
    pub year: i32,
    /// The file it came from.
    pub file: PathBuf,
    /// Where in the file.
    pub origin: Place,
    /// Answers by indicator index; `None` where blank.
    pub answers: Vec<Option<GivenAnswer>>,
    /// The framework version the questionnaire claims, if it says.
    pub framework_version: Option<String>,
}

/// How strict validation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Scoring: a blank required answer is a warning (it scores the bottom of the scale), and a
    /// questionnaire of another framework version is scored with a warning.
    Score,
    /// Checking a questionnaire before it is sent: both are errors to fix, and incomplete
    /// identity, many N/A answers and missing evidence are warned about.
    Check,
}

/// What became of an indicator while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// Not met.
    No,
    /// Its row was met, blank.
    Blank,
    /// Answered.
    Answered,
    /// Its answer could not be understood (already reported).
    Rejected,
}

/// Collects one region-year's answers as they are read, then validates the whole.
#[derive(Debug)]
pub struct Builder<'f> {
    fw: &'f Framework,
    mode: Mode,
    keep: bool,
    /// Who and when, filled in as found.
    pub identity: Identity,
    answers: Vec<Option<GivenAnswer>>,
    seen: Vec<Seen>,
    /// Where blank rows were, to name them when a required answer is missing (kept mode only).
    blank_at: Vec<Option<Place>>,
    problems: Vec<Problem>,
    /// The indicator after the last one read: rows usually follow the framework's order.
    guess: usize,
}

impl<'f> Builder<'f> {
    /// A builder for a region-year starting at `origin` in `file`. `keep` keeps what was typed,
    /// notes and places with every answer (for reports, JSON and checks); without it only the
    /// understood answers are kept, which is what scoring needs.
    pub fn new(fw: &'f Framework, mode: Mode, keep: bool, identity: Identity) -> Self {
        let n = fw.indicators.len();
        Builder {
            fw,
            mode,
            keep: keep || mode == Mode::Check,
            identity,
            answers: vec![None; n],
            seen: vec![Seen::No; n],
            blank_at: Vec::new(),
            problems: Vec::new(),
            guess: 0,
        }
    }

    /// Takes the answer `cell` given for the indicator written `indicator`. Places are built only
    /// when needed: for a problem, or to keep.
    pub fn add(
        &mut self,
        indicator: &str,
        id_place: impl Fn() -> Place,
        cell: &Cell,
        place: impl Fn() -> Place,
        notes: Option<&str>,
    ) {
        let reading = Reading {
            fw: self.fw,
            keep: self.keep,
            file: &self.identity.file,
        };
        let entry = Entry::read(
            reading,
            &AnswerRow {
                indicator,
                guess: self.guess,
                id_place: &id_place,
                cell,
                place: &place,
                notes,
            },
        );
        if let Some(i) = entry.indicator() {
            self.guess = i + 1;
        }
        self.apply(entry, indicator, id_place);
    }

    /// Takes an answer already understood by [`Entry::read`] (possibly on another thread), in
    /// the order the rows were read. `written` and `id_place` say where the indicator was, for
    /// a second answer to it.
    pub fn apply(&mut self, entry: Entry, written: &str, id_place: impl Fn() -> Place) {
        let i = match entry {
            Entry::Unknown(problem) => {
                self.problems.push(*problem);
                return;
            }
            Entry::Answered { i, .. } | Entry::Blank { i, .. } | Entry::Rejected { i, .. } => i,
        };
        if self.seen[i] != Seen::No {
            // What the row said is not looked at: the first answer stands.
            self.duplicate(i, written, id_place());
            return;
        }
        match entry {
            Entry::Unknown(_) => {}
            Entry::Answered {
                answer, warning, ..
            } => {
                self.seen[i] = Seen::Answered;
                if let Some(w) = warning {
                    self.problems.push(*w);
                }
                self.answers[i] = Some(answer);
            }
            Entry::Blank { place, .. } => {
                self.seen[i] = Seen::Blank;
                if let Some(place) = place {
                    if self.blank_at.is_empty() {
                        self.blank_at = vec![None; self.fw.indicators.len()];
                    }
                    self.blank_at[i] = Some(*place);
                }
            }
            Entry::Rejected { problem, .. } => {
                self.seen[i] = Seen::Rejected;
                self.problems.push(*problem);
            }
        }
    }

    fn duplicate(&mut self, i: usize, written: &str, at: Place) {
        let id = &self.fw.indicators[i].id;
        let first = self.answers[i]
            .as_ref()
            .map(|a| a.place())
            .or_else(|| self.blank_at.get(i).and_then(Option::as_ref))
            .filter(|p| **p != Place::File)
            .and_then(|p| p.describe(crate::text::Lang::En));
        let (also_id, also_en) = match &first {
            Some(f) => (format!(" (pertama di {f})"), format!(" (first at {f})")),
            None => (String::new(), String::new()),
        };
        self.problems.push(
            Problem::new(
                Code::E011,
                &self.identity.file,
                at,
                Text::new(
                    format!("indikator {id} dijawab dua kali{also_id}"),
                    format!("indicator {id} is answered twice{also_en}"),
                ),
            )
            .found(written),
        );
    }

    /// Validates identity and completeness: the submission if nothing is wrong, and every
    /// problem found either way.
    pub fn finish(mut self) -> (Option<Submission>, Vec<Problem>) {
        let fw = self.fw;
        let raw = &self.identity;
        let mut problems = Vec::new();
        if let Some(claim) = &raw.framework_id
            && claim.value.trim() != fw.id
        {
            // Answers of another framework would only produce noise: this one problem says it.
            problems.push(other_framework(fw, &raw.file, claim));
            return (None, problems);
        }
        if let Some(v) = &raw.framework_version
            && v.value.trim() != fw.version
        {
            problems.push(other_version(fw, self.mode, &raw.file, v));
        }
        let region = resolve_region(raw, fw, &mut problems);
        let year = resolve_year(raw, &mut problems);
        problems.append(&mut self.problems);
        self.missing_required(&mut problems);
        if self.mode == Mode::Check {
            super::checks::completeness(&self.identity, fw, &self.answers, &mut problems);
        }
        match (region, year) {
            (Some(region), Some(year)) if !has_errors(&problems) => (
                Some(Submission {
                    region,
                    year,
                    framework_version: self
                        .identity
                        .framework_version
                        .map(|v| v.value.trim().to_string()),
                    file: self.identity.file,
                    origin: self.identity.origin,
                    answers: self.answers,
                }),
                problems,
            ),
            _ => (None, problems),
        }
    }

    fn missing_required(&self, problems: &mut Vec<Problem>) {
        let fw = self.fw;
        for (i, ind) in fw.indicators.iter().enumerate() {
            if !ind.required || matches!(self.seen[i], Seen::Answered | Seen::Rejected) {
                continue;
            }
            let place = self
                .blank_at
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_else(|| self.identity.origin.clone());
            problems.push(
                Problem::new(
                    if self.mode == Mode::Check {
                        Code::E018
                    } else {
                        Code::W003
                    },
                    &self.identity.file,
                    place,
                    Text::new(
                        format!("indikator wajib {} belum dijawab", ind.id),
                        format!("required indicator {} is unanswered", ind.id),
                    ),
                )
                .expected(fw.accepted_by(i).clone()),
            );
        }
    }
}

/// One answer row understood on its own — indicator found, answer interpreted, problems
/// written — but not yet taken by its region-year: whether it repeats an earlier row is only
/// known in file order, by [`Builder::apply`]. Rare cases are boxed to keep the common one small.
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
        /// Where the blank was (kept mode only).
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
        let Reading { fw, keep, file } = reading;
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
                answer: given(answer, keep, row),
            },
            Ok(None) => Entry::Blank {
                i,
                place: keep.then(|| Box::new(place())),
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

/// An answer as kept: with what was typed, its notes and its place when `keep`.
fn given(answer: Answer, keep: bool, row: &AnswerRow<'_>) -> GivenAnswer {
    if keep {
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
    pub keep: bool,
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
}

impl AnswerCache {
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
                answer: given(answer, reading.keep, &row),
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
                    let keep = round == 1;
                    let reading = Reading {
                        fw: &fw,
                        keep,
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
