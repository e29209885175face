//! The answer model: what a region answered for one year, as values every stage may hold.
//!
//! This is the leaf the pipeline stands on. Ingestion ([`crate::answers`]) produces
//! [`Submission`]s, scoring reads them, comparison and reports carry them; none of those is
//! imported here. The text and number conventions that frameworks, answers and baselines all
//! follow (matching text loosely, `3,5` or `3.5`, a CSV's encoding and delimiter) live here too,
//! so no lower stage has to reach into ingestion for them.
//!
//! Scoring a submission needs only its answers: a program that has answers from elsewhere (a
//! database, a web form) builds one with [`Submission::new`], without any file.

mod csv_text;
mod normalize;
mod number;
mod packed;
mod review;
mod spill;

pub use csv_text::{decode_text, detect_delimiter};
pub use normalize::{normalize, normalize_cow, trim};
pub use number::{ambiguous_grouping, format_number, parse_number, write_number};
pub use packed::PackedAnswers;
pub use review::{Review, Reviewed, SelfScores, VerificationStatus};
pub use spill::DetailSpill;

use crate::diagnostics::Place;
use crate::regions::Region;
use serde::Serialize;
use std::path::PathBuf;

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

    /// Whether what was typed, its notes and place are kept with it (not in lean mode).
    pub fn has_detail(&self) -> bool {
        self.detail.is_some()
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

/// Where a region-year goes as soon as it is validated, so that it leaves memory before the rest
/// of the input is read: the detail of its answers to disk ([`DetailSpill`]), or its answers
/// packed ([`PackedAnswers`]). Called from any thread.
pub trait Stow: Sync {
    /// Takes what it keeps out of `s`.
    fn stow(&self, s: &mut Submission);

    /// Puts back into `s` what must be there to compare its answers with another submission's
    /// (the region's own file beside an evaluator's review).
    fn restore(&self, _s: &mut Submission) {}
}

/// Where a submission was read: the file, where in it, and who filled it in.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Source {
    /// The file (as named on the command line or found in a folder).
    pub file: PathBuf,
    /// Where in the file (its sheet, or the first row of a table).
    pub place: Place,
    /// Who filled it in, as a questionnaire's identity sheet says (kept with full detail only:
    /// a review workbook made from the questionnaire carries it over).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondent: Option<Box<Respondent>>,
}

/// Who filled a questionnaire in: its responding office and contact, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Respondent {
    /// The responding office (perangkat daerah pengisi).
    pub office: Option<String>,
    /// The contact (name, email, phone).
    pub contact: Option<String>,
}

/// One region's answers for one year, validated against a framework.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    /// The region, from the official list.
    pub region: Region,
    /// The year assessed.
    pub year: i32,
    /// Answers by indicator index (the framework's order); `None` where blank. These are the
    /// final answers: an evaluator's verified answer where one was given (see [`Review`]).
    pub answers: Vec<Option<GivenAnswer>>,
    /// The framework version the questionnaire claims, if it says.
    pub framework_version: Option<String>,
    /// Where it was read; empty for answers that came from no file.
    pub source: Source,
    /// The evaluators' review, if any answer was verified: the region's own answers where they
    /// differ from [`Self::answers`], and the evaluators' notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Box<Review>>,
}

impl Submission {
    /// Answers that came from no file: `answers` in the framework's indicator order.
    pub fn new(region: Region, year: i32, answers: Vec<Option<GivenAnswer>>) -> Self {
        Submission {
            region,
            year,
            answers,
            framework_version: None,
            source: Source::default(),
            review: None,
        }
    }
}
