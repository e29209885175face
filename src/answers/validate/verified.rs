//! Verified answers: an evaluator's answer beside the region's own, read from a long table's
//! `verified_answer` column, a wide table's `ID:verified` column or a review workbook, and
//! validated exactly like an answer. A blank verified answer means not reviewed; any valid
//! answer (N/A included where allowed) is the verified one, even when it equals the region's.
//!
//! When the region-year is finished, the verified answers become its answers and the region's
//! own are kept in its [`Review`], with the evaluators' notes.

use super::entry::{AnswerRow, Entry, Reading};
use super::identity::{Identity, Located};
use super::mode::Mode;
use crate::answers::read::Cell;
use crate::diagnostics::{Code, Place, Problem};
use crate::framework::Framework;
use crate::submission::{GivenAnswer, Review, Reviewed, Submission};
use crate::text::Text;

/// A verified answer read with its row, not yet taken by its region-year.
#[derive(Debug)]
pub struct VerifiedRow {
    /// The verified answer understood (blank: not reviewed).
    pub entry: Entry,
    /// The evaluator's note.
    pub notes: Option<Box<str>>,
}

impl VerifiedRow {
    /// Reads the verified answer `row.cell` (with the evaluator's note `notes`); `None` when the
    /// row holds neither.
    pub fn read(reading: Reading<'_>, row: &AnswerRow<'_>, notes: Option<&str>) -> Option<Self> {
        if row.cell.is_empty() && notes.is_none() {
            return None;
        }
        // The region's evidence stays with the region's answer; the evaluator's note is kept
        // apart.
        let row = AnswerRow {
            notes: None,
            ..*row
        };
        Some(VerifiedRow {
            entry: Entry::read(reading, &row),
            notes: notes.map(Box::from),
        })
    }
}

/// One verified answer taken.
#[derive(Debug)]
struct Taken {
    answer: GivenAnswer,
    notes: Option<String>,
}

/// The verified answers of one region-year, as they are read.
#[derive(Debug, Default)]
pub struct VerifiedAnswers {
    /// By indicator index.
    answers: Vec<Option<Taken>>,
    /// Indicators whose verified cell was met (a second one is not looked at: the answer row
    /// already says it is a duplicate).
    seen: Vec<bool>,
    problems: Vec<Problem>,
}

impl VerifiedAnswers {
    /// Takes a verified answer read on its own.
    pub fn apply(&mut self, n: usize, row: VerifiedRow) {
        let i = match &row.entry {
            Entry::Unknown(_) => return,
            Entry::Answered { i, .. } | Entry::Blank { i, .. } | Entry::Rejected { i, .. } => *i,
        };
        if self.seen.is_empty() {
            self.seen = vec![false; n];
            self.answers.resize_with(n, || None);
        }
        if std::mem::replace(&mut self.seen[i], true) {
            return;
        }
        match row.entry {
            Entry::Answered {
                answer, warning, ..
            } => {
                if let Some(w) = warning {
                    self.problems.push(*w);
                }
                self.answers[i] = Some(Taken {
                    answer,
                    notes: row.notes.map(String::from),
                });
            }
            Entry::Rejected { problem, .. } => self.problems.push(*problem),
            Entry::Blank { .. } | Entry::Unknown(_) => {}
        }
    }

    /// The problems found in verified answers so far.
    pub fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.problems)
    }

    /// Makes the verified answers the final `answers` and returns the review keeping the
    /// region's own; with, when checking, a warning for every changed answer without a note.
    pub fn merge(
        self,
        fw: &Framework,
        mode: Mode,
        identity: &Identity,
        answers: &mut [Option<GivenAnswer>],
        problems: &mut Vec<Problem>,
    ) -> Option<Box<Review>> {
        let mut review = Review {
            total: fw.indicators.len(),
            stage: text_of(&identity.review_stage),
            evaluator: text_of(&identity.evaluator),
            date: text_of(&identity.review_date),
            ..Review::default()
        };
        if self.answers.iter().all(Option::is_none) {
            return None;
        }
        review.indicators = Vec::with_capacity(answers.len());
        for (i, (taken, answer)) in self.answers.into_iter().zip(answers.iter_mut()).enumerate() {
            let Some(Taken {
                answer: verified,
                notes,
            }) = taken
            else {
                review.indicators.push(None);
                continue;
            };
            let own = answer.take();
            let changed = own.as_ref().map(|g| g.answer) != Some(verified.answer);
            if changed && notes.is_none() && mode == Mode::Check {
                problems.push(unexplained_change(fw, i, identity, &verified, own.as_ref()));
            }
            review.reviewed += 1;
            review.changed += usize::from(changed);
            *answer = Some(verified.with_notes_of(own.as_ref()));
            review.indicators.push(Some(Reviewed {
                self_answer: own,
                changed,
                notes,
            }));
        }
        Some(Box::new(review))
    }
}

fn text_of(v: &Option<Located<String>>) -> Option<String> {
    v.as_ref()
        .map(|l| l.value.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// W015: a verified answer differs from the region's, and no evaluator's note says why.
fn unexplained_change(
    fw: &Framework,
    i: usize,
    identity: &Identity,
    verified: &GivenAnswer,
    own: Option<&GivenAnswer>,
) -> Problem {
    let id = &fw.indicators[i].id;
    let own_raw = own.map_or("", GivenAnswer::raw);
    let own_shown = if own_raw.is_empty() { "-" } else { own_raw };
    let place = match verified.place() {
        Place::File => identity.origin.clone(),
        p => p.clone(),
    };
    Problem::new(
        Code::W015,
        &identity.file,
        place,
        Text::new(
            format!(
                "jawaban verifikasi {id} berbeda dari jawaban daerah ({own_shown}), tetapi catatan evaluator kosong"
            ),
            format!(
                "the verified answer for {id} differs from the region's ({own_shown}), but the evaluator's note is empty"
            ),
        ),
    )
    .found(verified.raw())
    .expected(Text::new(
        "alasan perubahan di kolom catatan evaluator",
        "the reason for the change in the evaluator's notes column",
    ))
}

/// E022: the region's answer in a review workbook no longer means what the copy made with the
/// review meant (compared as understood, so that a spreadsheet program saving `3` as `3.0` or
/// an option as its code changes nothing).
pub fn edited_after_review(
    fw: &Framework,
    file: &std::path::Path,
    indicator: &str,
    (cell, place): (&Cell, &dyn Fn() -> Place),
    (copy, copy_place): (&Cell, &dyn Fn() -> Place),
) -> Option<Problem> {
    let i = fw.find_indicator(indicator)?;
    let ind = &fw.indicators[i];
    let meant = |c: &Cell| match super::value::interpret(fw, ind, c) {
        Ok(a) => Ok(a),
        Err(_) => Err(c.display()),
    };
    if meant(cell) == meant(copy) {
        return None;
    }
    let copy_at = copy_place()
        .describe(crate::text::Lang::En)
        .unwrap_or_default();
    let was = copy.display();
    let was = if was.is_empty() { "-".to_string() } else { was };
    Some(
        Problem::new(
            Code::E022,
            file,
            place(),
            Text::new(
                format!(
                    "jawaban daerah untuk {} diubah setelah lembar verifikasi dibuat (semula {was}, salinan di {copy_at})",
                    ind.id
                ),
                format!(
                    "the region's answer for {} was changed after the review workbook was made (was {was}, copy at {copy_at})",
                    ind.id
                ),
            ),
        )
        .found(cell.display())
        .expected(Text::new(
            format!("jawaban daerah semula: {was}"),
            format!("the region's original answer: {was}"),
        )),
    )
}

/// E022 across files: `review` holds an evaluator's review of a region-year whose own file,
/// `own`, is in the same run. Each indicator whose region's answer in the review no longer means
/// what the region's file says is named, with both places, and the region's file gets one error
/// saying which (so that its own verdict says it is not scored); none when they agree (the review
/// then stands for the region's file).
pub fn differs_from_own_file(
    fw: &Framework,
    review: &Submission,
    own: &Submission,
) -> Vec<Problem> {
    let claimed = review.self_assessed();
    let own_file = own.source.file.display().to_string();
    let shown = |i: usize, g: Option<&GivenAnswer>| match g {
        None => "-".to_string(),
        Some(g) if !g.raw().is_empty() => g.raw().to_string(),
        // What was typed is not kept in a lean reading: the answer as understood instead.
        Some(g) => fw.answer_text(i, Some(&g.answer), crate::text::Lang::En),
    };
    let place_in = |g: Option<&GivenAnswer>, s: &Submission| match g.map(GivenAnswer::place) {
        Some(p) if *p != Place::File => p.clone(),
        _ => s.source.place.clone(),
    };
    let mut problems = Vec::new();
    for (i, (a, b)) in claimed.answers.iter().zip(&own.answers).enumerate() {
        if a.as_ref().map(|g| g.answer) == b.as_ref().map(|g| g.answer) {
            continue;
        }
        let id = &fw.indicators[i].id;
        let there = match place_in(b.as_ref(), own).describe(crate::text::Lang::En) {
            Some(p) => format!("{own_file}:{p}"),
            None => own_file.clone(),
        };
        let (was, is) = (shown(i, a.as_ref()), shown(i, b.as_ref()));
        problems.push(
            Problem::new(
                Code::E022,
                &review.source.file,
                place_in(a.as_ref(), review),
                Text::new(
                    format!(
                        "jawaban daerah untuk {id} di lembar verifikasi ({was}) berbeda dari berkas daerah {there} ({is}); keduanya tidak dinilai"
                    ),
                    format!(
                        "the region's answer for {id} in the review ({was}) differs from the region's own file {there} ({is}); neither is scored"
                    ),
                ),
            )
            .found(was)
            .expected(Text::new(
                format!("jawaban di berkas daerah: {is}"),
                format!("the answer in the region's file: {is}"),
            )),
        );
    }
    if !problems.is_empty() {
        problems.push(own_file_differs(fw, review, own, &claimed));
    }
    problems
}

/// The region's own file's side of [`differs_from_own_file`]: one error naming the review and
/// the indicators whose answers differ.
fn own_file_differs(
    fw: &Framework,
    review: &Submission,
    own: &Submission,
    claimed: &Submission,
) -> Problem {
    let ids: Vec<&str> = claimed
        .answers
        .iter()
        .zip(&own.answers)
        .zip(&fw.indicators)
        .filter(|((a, b), _)| a.as_ref().map(|g| g.answer) != b.as_ref().map(|g| g.answer))
        .map(|(_, ind)| ind.id.as_str())
        .collect();
    let (n, listed) = (ids.len(), ids.join(", "));
    let there = review.source.file.display();
    let who = format!("{} {}", own.region.display_name(), own.year);
    Problem::new(
        Code::E022,
        &own.source.file,
        own.source.place.clone(),
        Text::new(
            format!(
                "lembar verifikasi {there} untuk {who} memuat jawaban daerah yang lain untuk {n} indikator ({listed}); keduanya tidak dinilai"
            ),
            format!(
                "the review {there} of {who} holds other answers of the region for {n} indicator(s) ({listed}); neither is scored"
            ),
        ),
    )
    .found(listed.clone())
}
