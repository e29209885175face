//! The self-assessed scores of a reviewed region-year: its index, band, dimensions and
//! components computed from the region's own answers, beside the final ones computed from the
//! verified answers (see [`crate::submission::Review`]).

use super::{Scorecard, score};
use crate::framework::Framework;
use crate::submission::{SelfScores, Submission};

/// The scorecard of the region's own answers: `None` when nothing was reviewed (the final
/// scorecard is then the self-assessed one). Needs the answers (not after a lean run).
pub fn self_scorecard(fw: &Framework, sub: &Submission) -> Option<Scorecard> {
    sub.review.as_ref()?;
    Some(score(fw, &sub.self_assessed()))
}

/// Scores the region's own answers of a reviewed submission and keeps the result in its review
/// (so that it outlives the answers in a lean run).
pub fn attach(fw: &Framework, sub: &mut Submission) {
    let Some(card) = self_scorecard(fw, sub) else {
        return;
    };
    if let Some(review) = &mut sub.review {
        review.self_scores = Some(Box::new(SelfScores {
            index: card.index,
            exact_index: card.exact_index().map(super::exact::Exact::to_big),
            band: card.band,
            dimensions: card.dimensions,
            components: card.components,
        }));
    }
}

/// The self-assessed scores of a scored result: those kept by [`attach`], or the final ones when
/// nothing was reviewed.
pub fn self_scores(sub: &Submission, final_card: &Scorecard) -> SelfScores {
    match sub.review.as_ref().and_then(|r| r.self_scores.as_deref()) {
        Some(s) => s.clone(),
        None => SelfScores {
            index: final_card.index,
            exact_index: final_card.exact_index().map(super::exact::Exact::to_big),
            band: final_card.band,
            dimensions: final_card.dimensions.clone(),
            components: final_card.components.clone(),
        },
    }
}

/// self-assessed index − final index: how much the region over-claimed (positive) or
/// under-claimed (negative), computed exactly; `None` unless both are computed (0 when nothing
/// was reviewed).
pub fn self_gap(sub: &Submission, final_card: &Scorecard) -> Option<f64> {
    let now = final_card.exact_index()?;
    let Some(review) = &sub.review else {
        return Some(0.0);
    };
    let own = review.self_scores.as_ref()?.exact_index.as_ref()?;
    // `SelfScores` lives below scoring and keeps the index as a big fraction.
    let own = super::exact::Exact::from_big(own.clone());
    Some(super::exact::to_f64(&(own - now)))
}
