//! Verification: what evaluators made of a region's self-assessment. A region-year's
//! [`Submission::answers`](super::Submission::answers) are the final answers (the verified one
//! where an evaluator gave one, else the region's own); its [`Review`] keeps, for each reviewed
//! indicator, the region's own answer and the evaluator's note, so that both scores can be
//! computed: self-assessed (the region's answers) and final.

use super::{GivenAnswer, Submission};
use crate::text::Words;
use serde::Serialize;

/// How far a region-year was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Nothing reviewed: the region's own answers are the final ones.
    SelfAssessed,
    /// Some indicators reviewed.
    PartlyVerified,
    /// Every indicator reviewed.
    Verified,
}

impl VerificationStatus {
    /// The status as written in CSV and JSON (`self_assessed`, `partly_verified`, `verified`).
    pub fn as_str(self) -> &'static str {
        match self {
            VerificationStatus::SelfAssessed => "self_assessed",
            VerificationStatus::PartlyVerified => "partly_verified",
            VerificationStatus::Verified => "verified",
        }
    }

    /// The status as a person reads it: `belum diverifikasi` / `not reviewed`, `sebagian
    /// diverifikasi` / `partly verified`, `terverifikasi` / `verified`.
    pub fn words(self) -> Words {
        match self {
            VerificationStatus::SelfAssessed => Words::new("belum diverifikasi", "not reviewed"),
            VerificationStatus::PartlyVerified => {
                Words::new("sebagian diverifikasi", "partly verified")
            }
            VerificationStatus::Verified => Words::new("terverifikasi", "verified"),
        }
    }
}

/// One reviewed indicator: the region's own answer (`None` where it left it blank) and the
/// evaluator's note.
#[derive(Debug, Clone, Serialize)]
pub struct Reviewed {
    /// The region's own answer.
    pub self_answer: Option<GivenAnswer>,
    /// Whether the verified answer differs from the region's.
    pub changed: bool,
    /// The evaluator's note (kept unless read in lean mode).
    pub notes: Option<String>,
}

/// The self-assessed scores of a reviewed region-year, kept when it is scored (a lean run drops
/// the answers they come from).
#[derive(Debug, Clone, Serialize)]
pub struct SelfScores {
    /// The self-assessed index.
    pub index: Option<f64>,
    /// The same, exactly: what the gap to the final index is computed from.
    #[serde(skip)]
    pub exact_index: Option<num_rational::BigRational>,
    /// Its band.
    pub band: Option<usize>,
    /// By dimension index.
    pub dimensions: Vec<Option<f64>>,
    /// By component index.
    pub components: Vec<Option<f64>>,
}

/// An evaluator's review of one region-year.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Review {
    /// By indicator index: the region's own answer where an evaluator gave a verified one
    /// (empty after a lean run; the counts stay).
    pub indicators: Vec<Option<Reviewed>>,
    /// Indicators reviewed.
    pub reviewed: usize,
    /// Indicators whose verified answer differs from the region's.
    pub changed: usize,
    /// Indicators in the framework.
    pub total: usize,
    /// The review's stage (`dokumen`, `wawancara`, `visitasi`), as written.
    pub stage: Option<String>,
    /// The evaluator.
    pub evaluator: Option<String>,
    /// When it was reviewed, as written.
    pub date: Option<String>,
    /// The self-assessed scores, once scored.
    pub self_scores: Option<Box<SelfScores>>,
}

impl Review {
    /// How far the region-year was verified.
    pub fn status(&self) -> VerificationStatus {
        if self.reviewed == 0 {
            VerificationStatus::SelfAssessed
        } else if self.reviewed >= self.total {
            VerificationStatus::Verified
        } else {
            VerificationStatus::PartlyVerified
        }
    }
}

impl Submission {
    /// How far this region-year was verified.
    pub fn verification_status(&self) -> VerificationStatus {
        self.review
            .as_ref()
            .map_or(VerificationStatus::SelfAssessed, |r| r.status())
    }

    /// The region's own answers: the final answers with every reviewed one replaced by the
    /// region's, and no review.
    pub fn self_assessed(&self) -> Submission {
        let mut own = Submission {
            review: None,
            ..self.clone()
        };
        if let Some(review) = &self.review {
            restore(&mut own.answers, review);
        }
        own
    }

    /// [`Self::self_assessed`], without copying.
    pub fn into_self_assessed(mut self) -> Submission {
        if let Some(review) = self.review.take() {
            restore(&mut self.answers, &review);
        }
        self
    }
}

fn restore(answers: &mut [Option<GivenAnswer>], review: &Review) {
    for (answer, reviewed) in answers.iter_mut().zip(&review.indicators) {
        if let Some(r) = reviewed {
            *answer = r.self_answer.clone();
        }
    }
}

impl GivenAnswer {
    /// This answer with `other`'s notes (an evaluator's verified answer keeps the region's
    /// evidence with it; the evaluator's own note is the review's).
    pub(crate) fn with_notes_of(mut self, other: Option<&GivenAnswer>) -> GivenAnswer {
        if let Some(d) = &mut self.detail {
            d.notes = other.and_then(|o| o.notes()).map(str::to_string);
        }
        self
    }
}
