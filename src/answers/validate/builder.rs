//! From a region-year as found to a [`Submission`]: the region from the official list, the year,
//! the framework claimed, and every answer understood — or a problem naming the cell.
//!
//! A [`Builder`] takes answers one at a time as rows are read, so a long table of millions of
//! rows is never held whole: only the understood answers are kept, and (in lean mode) not even
//! what was typed or where.

use super::checks::completeness;
use super::entry::{AnswerRow, Entry, Reading};
use super::identity::{Identity, other_framework, other_version, resolve_region, resolve_year};
use super::mode::{Detail, Mode};
use super::verified::{VerifiedAnswers, VerifiedRow};
use crate::answers::read::{Cell, limits};
use crate::diagnostics::{Code, Place, Problem, has_errors};
use crate::framework::Framework;
use crate::submission::{GivenAnswer, Respondent, Source, Submission};
use crate::text::Text;

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
    detail: Detail,
    /// Who and when, filled in as found.
    pub identity: Identity,
    answers: Vec<Option<GivenAnswer>>,
    seen: Vec<Seen>,
    /// Where blank rows were, to name them when a required answer is missing (kept mode only).
    blank_at: Vec<Option<Place>>,
    problems: Vec<Problem>,
    /// Problems past [`limits::MAX_PROBLEMS_PER_REGION_YEAR`], counted and not kept.
    dropped: usize,
    /// The indicator after the last one read: rows usually follow the framework's order.
    guess: usize,
    /// Evaluators' verified answers, when the layout has them.
    verified: Option<Box<VerifiedAnswers>>,
}

impl<'f> Builder<'f> {
    /// A builder for the region-year `identity` names, keeping with every answer as much of what
    /// was typed as `detail` says (always all of it when checking).
    pub fn new(fw: &'f Framework, mode: Mode, detail: Detail, identity: Identity) -> Self {
        let n = fw.indicators.len();
        Builder {
            fw,
            mode,
            detail: mode.detail(detail),
            identity,
            answers: vec![None; n],
            seen: vec![Seen::No; n],
            blank_at: Vec::new(),
            problems: Vec::new(),
            dropped: 0,
            guess: 0,
            verified: None,
        }
    }

    /// Takes the verified answer `cell` given for the indicator written `indicator` (after its
    /// answer), with the evaluator's note.
    pub fn add_verified(
        &mut self,
        indicator: &str,
        cell: &Cell,
        place: impl Fn() -> Place,
        notes: Option<&str>,
    ) {
        let reading = Reading {
            fw: self.fw,
            detail: self.detail,
            file: &self.identity.file,
        };
        let nowhere = || Place::File;
        let row = AnswerRow {
            indicator,
            guess: self.guess.saturating_sub(1),
            id_place: &nowhere,
            cell,
            place: &place,
            notes: None,
        };
        if let Some(v) = VerifiedRow::read(reading, &row, notes) {
            self.apply_verified(v);
        }
    }

    /// E022 unless the region's answer `cell` to the indicator written `indicator` means what
    /// the review workbook's copy of it, made with the review, meant.
    pub fn unchanged_since_review(
        &mut self,
        indicator: &str,
        cell: &Cell,
        place: impl Fn() -> Place,
        copy: &Cell,
        copy_place: impl Fn() -> Place,
    ) {
        if let Some(p) = super::verified::edited_after_review(
            self.fw,
            &self.identity.file,
            indicator,
            (cell, &place),
            (copy, &copy_place),
        ) {
            self.problems.push(p);
        }
    }

    /// Takes a verified answer already read (possibly on another thread), after its answer.
    pub fn apply_verified(&mut self, row: VerifiedRow) {
        let n = self.fw.indicators.len();
        self.verified.get_or_insert_default().apply(n, row);
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
            detail: self.detail,
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
                self.keep(*problem);
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
                    self.keep(*w);
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
                self.keep(*problem);
            }
        }
    }

    /// Keeps a problem met while reading, up to the limit; past it only counts.
    fn keep(&mut self, problem: Problem) {
        if self.problems.len() < limits::MAX_PROBLEMS_PER_REGION_YEAR {
            self.problems.push(problem);
        } else {
            self.dropped += 1;
        }
    }

    fn duplicate(&mut self, i: usize, written: &str, at: Place) {
        if self.problems.len() >= limits::MAX_PROBLEMS_PER_REGION_YEAR {
            self.dropped += 1;
            return;
        }
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
        self.keep(
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

    /// Validates identity and completeness: the submission if nothing is wrong (when prefilling:
    /// if its region and year are), and every problem found either way.
    pub fn finish(mut self) -> (Option<Submission>, Vec<Problem>) {
        let fw = self.fw;
        let raw = &self.identity;
        let mut problems = Vec::new();
        if let Some(claim) = &raw.framework_id
            && claim.value.trim() != fw.id
        {
            // Answers of another framework would only produce noise: this one problem says it.
            problems.push(other_framework(fw, self.mode, &raw.file, claim));
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
        if let Some(v) = &mut self.verified {
            problems.append(&mut v.take_problems());
        }
        if self.dropped > 0 {
            problems.push(too_many_problems(&self.identity, self.dropped));
        }
        self.missing_required(&mut problems);
        if self.mode == Mode::Check {
            completeness(&self.identity, fw, &self.answers, &mut problems);
        }
        let review = self.verified.take().and_then(|v| {
            v.merge(
                fw,
                self.mode,
                &self.identity,
                &mut self.answers,
                &mut problems,
            )
        });
        let usable = self.mode == Mode::Prefill || !has_errors(&problems);
        let respondent = respondent_of(&self.identity, self.detail);
        match (region, year) {
            (Some(region), Some(year)) if usable => (
                Some(Submission {
                    region,
                    year,
                    framework_version: self
                        .identity
                        .framework_version
                        .map(|v| v.value.trim().to_string()),
                    answers: self.answers,
                    source: Source {
                        respondent,
                        file: self.identity.file,
                        place: self.identity.origin,
                    },
                    review,
                }),
                problems,
            ),
            _ => (None, problems),
        }
    }

    fn missing_required(&self, problems: &mut Vec<Problem>) {
        let fw = self.fw;
        for (i, ind) in fw.indicators.iter().enumerate() {
            let expected = !ind.required || ind.blank_allowed;
            if expected || matches!(self.seen[i], Seen::Answered | Seen::Rejected) {
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

/// Who filled the questionnaire in, kept with full detail so that a review workbook made from
/// it carries the region's identity over.
fn respondent_of(identity: &Identity, detail: Detail) -> Option<Box<Respondent>> {
    if detail == Detail::Lean {
        return None;
    }
    let text = |c: &Option<super::Located<Cell>>| {
        c.as_ref()
            .map(|l| l.value.display().trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let r = Respondent {
        office: text(&identity.respondent),
        contact: text(&identity.contact),
    };
    (r != Respondent::default()).then(|| Box::new(r))
}

/// The region-year met more problems than are kept: it is rejected, saying how many more.
fn too_many_problems(identity: &Identity, more: usize) -> Problem {
    let max = limits::MAX_PROBLEMS_PER_REGION_YEAR;
    Problem::new(
        Code::E020,
        &identity.file,
        identity.origin.clone(),
        Text::new(
            format!(
                "wilayah-tahun ini memuat lebih dari {max} masalah ({more} lagi tidak dicantumkan); \
                 baris-baris yang berulang atau dibuat otomatis?"
            ),
            format!(
                "this region-year has more than {max} problems ({more} more not listed); rows \
                 repeated or generated?"
            ),
        ),
    )
}
