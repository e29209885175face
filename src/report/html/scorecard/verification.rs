//! The scorecard's verification section: what the region claimed beside what evaluators
//! verified. For a reviewed region-year: the review (stage, evaluator, date, status and counts),
//! the self-assessed and final index, band, dimensions and components side by side with their
//! gaps, and every changed answer with both values, both scores and the evaluator's note (a
//! change without a note is flagged, as `check` does with W015). For one nobody reviewed: one
//! line saying its scores are the region's own.
//!
//! Its own partial (`templates/verification.html`) and its own view, so the rest of the
//! scorecard does not depend on it.

use crate::compare::Entry;
use crate::report::html::context::Context;
use crate::report::html::labels::label;
use crate::report::html::notes::{Segment, segments};
use crate::report::html::review::{gap_class, tree_order};
use crate::scoring::self_assessed::{self_gap, self_scorecard, self_scores};
use crate::submission::{GivenAnswer, Review, Submission, VerificationStatus};
use crate::text::{Lang, Words};
use serde::Serialize;

/// Reviewed but unchanged answers are listed one by one up to this many; beyond, only counted.
const UNCHANGED_LISTED: usize = 10;

/// The verification section of a scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct VerificationView {
    /// Whether an evaluator reviewed any answer of this region-year.
    pub reviewed: bool,
    /// `sebagian diverifikasi` / `partly verified`.
    pub status: String,
    /// `self-assessed`, `partly-verified` or `verified`, for its colour.
    pub status_class: &'static str,
    /// `5 of 54 indicators reviewed · 4 changed · 1 confirmed unchanged`.
    pub counts: String,
    /// The review's stage as written, with its meaning in English (`visitasi (site visit)`).
    pub stage: Option<String>,
    /// The evaluator, as written.
    pub evaluator: Option<String>,
    /// The review's date, as written.
    pub date: Option<String>,
    /// The self-assessed index, as shown.
    pub self_index: String,
    /// The final index, as shown.
    pub final_index: String,
    /// self − final, signed, or empty when either is missing.
    pub gap: String,
    /// `over`, `under` or `same`, for its colour.
    pub gap_class: &'static str,
    /// The self-assessed band.
    pub self_band: Option<BandChip>,
    /// The final band.
    pub final_band: Option<BandChip>,
    /// Every dimension, in tree order.
    pub dimensions: Vec<GapRow>,
    /// Every component.
    pub components: Vec<GapRow>,
    /// Every changed answer, in framework order (none when the answers were not kept).
    pub changed: Vec<ChangedAnswer>,
    /// Answers changed.
    pub changed_count: usize,
    /// Changed answers without an evaluator's note.
    pub without_note: usize,
    /// Reviewed, unchanged answers, listed when there are few (see `unchanged_count`).
    pub unchanged: Vec<UnchangedAnswer>,
    /// Reviewed, unchanged answers.
    pub unchanged_count: usize,
    /// Said in the rank card when the rank is marked "not reviewed"; empty otherwise.
    pub rank_note: String,
}

/// A band as a coloured chip.
#[derive(Debug, Clone, Serialize)]
pub struct BandChip {
    /// Label.
    pub label: String,
    /// Background.
    pub bg: String,
    /// Text colour.
    pub fg: String,
}

/// A dimension or component: self-assessed and final score, and the gap.
#[derive(Debug, Clone, Serialize)]
pub struct GapRow {
    /// Name.
    pub label: String,
    /// 0 for top level.
    pub depth: usize,
    /// Self-assessed score, as shown.
    pub own: String,
    /// Final score, as shown.
    pub now: String,
    /// self − final, signed, or empty.
    pub gap: String,
    /// `over`, `under` or `same`.
    pub gap_class: &'static str,
}

/// An answer an evaluator changed.
#[derive(Debug, Clone, Serialize)]
pub struct ChangedAnswer {
    /// Indicator id.
    pub id: String,
    /// Indicator name.
    pub label: String,
    /// The region's answer as understood (empty when it left it blank).
    pub own: String,
    /// What the region typed, when it differs from the answer shown.
    pub own_typed: String,
    /// The score of the region's answer.
    pub own_score: String,
    /// The verified answer as understood.
    pub now: String,
    /// What the evaluator typed, when it differs from the answer shown.
    pub now_typed: String,
    /// The score of the verified answer.
    pub now_score: String,
    /// Verified score − the region's, signed, or empty.
    pub delta: String,
    /// The evaluator's note, cut into text and links (empty when there is none).
    pub note: Vec<Segment>,
}

/// An answer an evaluator reviewed and kept.
#[derive(Debug, Clone, Serialize)]
pub struct UnchangedAnswer {
    /// Indicator id.
    pub id: String,
    /// Indicator name.
    pub label: String,
    /// The answer as understood.
    pub answer: String,
    /// The evaluator's note.
    pub note: Vec<Segment>,
}

/// The status's CSS class.
fn status_class(s: VerificationStatus) -> &'static str {
    match s {
        VerificationStatus::SelfAssessed => "self-assessed",
        VerificationStatus::PartlyVerified => "partly-verified",
        VerificationStatus::Verified => "verified",
    }
}

/// The stage as written; for an English reader, with the meaning of the Indonesian stages a
/// review workbook offers (`visitasi (site visit)`).
fn stage_text(stage: &str, lang: Lang) -> String {
    let meaning = match crate::submission::normalize(stage).as_str() {
        "dokumen" => "document review",
        "wawancara" => "interview",
        "visitasi" => "site visit",
        _ => return stage.to_string(),
    };
    match lang {
        Lang::Id => stage.to_string(),
        Lang::En => format!("{stage} ({meaning})"),
    }
}

/// Text as written, or nothing when it is blank.
fn written(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl Context<'_> {
    /// The verification section of `e`'s scorecard; what was typed and the evaluators' notes come
    /// from `sub`, the entry's submission with its detail (a report keeps it on disk meanwhile).
    pub(super) fn verification_view(&self, e: &Entry, sub: &Submission) -> VerificationView {
        let rank_note = if self.reviewed.marks(e) && e.rank.is_some() {
            label("rank_not_reviewed", self.lang).to_string()
        } else {
            String::new()
        };
        match sub.review.as_deref().filter(|r| r.reviewed > 0) {
            Some(review) => self.reviewed_view(e, sub, review, rank_note),
            None => VerificationView {
                reviewed: false,
                status: VerificationStatus::SelfAssessed
                    .words()
                    .get(self.lang)
                    .to_string(),
                status_class: status_class(VerificationStatus::SelfAssessed),
                counts: String::new(),
                stage: None,
                evaluator: None,
                date: None,
                self_index: String::new(),
                final_index: String::new(),
                gap: String::new(),
                gap_class: "same",
                self_band: None,
                final_band: None,
                dimensions: Vec::new(),
                components: Vec::new(),
                changed: Vec::new(),
                changed_count: 0,
                without_note: 0,
                unchanged: Vec::new(),
                unchanged_count: 0,
                rank_note,
            },
        }
    }

    fn reviewed_view(
        &self,
        e: &Entry,
        sub: &Submission,
        review: &Review,
        rank_note: String,
    ) -> VerificationView {
        let lang = self.lang;
        let p = self.fw.precision;
        let own = self_scores(sub, &e.scorecard);
        let status = sub.verification_status();
        let gap = self_gap(sub, &e.scorecard);
        let (changed, unchanged) = self.reviewed_answers(e, sub, review);
        let without_note = changed.iter().filter(|c| c.note.is_empty()).count();
        let unchanged_count = review.reviewed.saturating_sub(review.changed);
        let w = |id, en| Words::new(id, en).get(lang);
        let mut counts = format!(
            "{} {} {} {} · {} {}",
            review.reviewed,
            label("of", lang),
            review.total,
            w("indikator diperiksa", "indicators reviewed"),
            review.changed,
            w("diubah", "changed"),
        );
        if unchanged_count > 0 {
            counts.push_str(&format!(
                " · {unchanged_count} {}",
                w("dikonfirmasi tanpa perubahan", "confirmed unchanged")
            ));
        }
        VerificationView {
            reviewed: true,
            status: status.words().get(lang).to_string(),
            status_class: status_class(status),
            counts,
            stage: written(&review.stage).map(|s| stage_text(&s, lang)),
            evaluator: written(&review.evaluator),
            date: written(&review.date),
            self_index: self.index_or_insufficient(own.index),
            final_index: self.index_or_insufficient(e.scorecard.index),
            gap: gap.map(|g| self.signed(g)).unwrap_or_default(),
            gap_class: gap_class(gap, p),
            self_band: own.band.map(|b| self.band_chip(b)),
            final_band: e.scorecard.band.map(|b| self.band_chip(b)),
            dimensions: tree_order(self.fw)
                .into_iter()
                .map(|d| {
                    let dim = &self.fw.dimensions[d];
                    self.gap_row(
                        dim.label.get(lang),
                        dim.depth,
                        own.dimensions[d],
                        e.scorecard.dimensions[d],
                    )
                })
                .collect(),
            components: self
                .fw
                .components
                .iter()
                .enumerate()
                .map(|(c, comp)| {
                    self.gap_row(
                        comp.label.get(lang),
                        0,
                        own.components[c],
                        e.scorecard.components[c],
                    )
                })
                .collect(),
            changed,
            changed_count: review.changed,
            without_note,
            unchanged_count,
            unchanged: if unchanged.len() <= UNCHANGED_LISTED {
                unchanged
            } else {
                Vec::new()
            },
            rank_note,
        }
    }

    fn index_or_insufficient(&self, index: Option<f64>) -> String {
        index.map_or_else(
            || label("insufficient", self.lang).to_string(),
            |v| self.num(v),
        )
    }

    fn band_chip(&self, b: usize) -> BandChip {
        let (bg, fg) = self.band_colours(Some(b));
        BandChip {
            label: self.fw.bands[b].label.get(self.lang).to_string(),
            bg,
            fg,
        }
    }

    fn gap_row(&self, name: &str, depth: usize, own: Option<f64>, now: Option<f64>) -> GapRow {
        let gap = own.zip(now).map(|(o, n)| o - n);
        GapRow {
            label: name.to_string(),
            depth,
            own: self.opt_num(own),
            now: self.opt_num(now),
            gap: gap.map(|g| self.signed(g)).unwrap_or_default(),
            gap_class: gap_class(gap, self.fw.precision),
        }
    }

    /// The changed and the unchanged reviewed answers of `e`, in framework order. Empty when the
    /// answers were not kept (the counts of the review still say how many).
    fn reviewed_answers(
        &self,
        e: &Entry,
        sub: &Submission,
        review: &Review,
    ) -> (Vec<ChangedAnswer>, Vec<UnchangedAnswer>) {
        let fw = self.fw;
        let lang = self.lang;
        // The region's own answers scored: what each changed answer scored before review.
        let own_card = self_scorecard(fw, sub);
        let shown = |i: usize, g: Option<&GivenAnswer>| -> (String, String) {
            match g {
                Some(g) => (
                    self.answer_text(i, &g.answer),
                    if self.typed_differs(i, g) {
                        g.raw().trim().to_string()
                    } else {
                        String::new()
                    },
                ),
                None => (String::new(), String::new()),
            }
        };
        let mut changed = Vec::new();
        let mut unchanged = Vec::new();
        for (i, reviewed) in review.indicators.iter().enumerate() {
            let (Some(r), Some(ind)) = (reviewed, fw.indicators.get(i)) else {
                continue;
            };
            let verified = sub.answers.get(i).and_then(Option::as_ref);
            let note = r
                .notes
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(segments)
                .unwrap_or_default();
            if !r.changed {
                unchanged.push(UnchangedAnswer {
                    id: ind.id.clone(),
                    label: ind.label.get(lang).to_string(),
                    answer: shown(i, verified).0,
                    note,
                });
                continue;
            }
            let own_score = own_card
                .as_ref()
                .and_then(|c| c.indicators.get(i))
                .and_then(|s| s.score);
            let now_score = e.scorecard.indicators.get(i).and_then(|s| s.score);
            let (own, own_typed) = shown(i, r.self_answer.as_ref());
            let (now, now_typed) = shown(i, verified);
            changed.push(ChangedAnswer {
                id: ind.id.clone(),
                label: ind.label.get(lang).to_string(),
                own,
                own_typed,
                own_score: self.opt_num(own_score),
                now,
                now_typed,
                now_score: self.opt_num(now_score),
                delta: own_score
                    .zip(now_score)
                    .map(|(o, n)| self.signed(n - o))
                    .unwrap_or_default(),
                note,
            });
        }
        (changed, unchanged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_stages_are_explained_and_others_kept() {
        assert_eq!(stage_text("visitasi", Lang::En), "visitasi (site visit)");
        assert_eq!(stage_text("Dokumen", Lang::En), "Dokumen (document review)");
        assert_eq!(stage_text("visitasi", Lang::Id), "visitasi");
        assert_eq!(stage_text("tahap 2", Lang::En), "tahap 2");
    }
}
