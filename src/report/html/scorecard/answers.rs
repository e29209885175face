//! Every answer of the region-year by dimension: the answer as understood, what was typed when
//! it differs, the score, the status and the notes.

use crate::compare::Entry;
use crate::framework::AnswerKind;
use crate::report::html::context::Context;
use crate::report::html::labels::label;
use crate::report::html::notes::{Segment, segments};
use crate::scoring::IndicatorStatus;
use crate::submission::{Answer, Submission};
use crate::text::Lang;
use serde::Serialize;

/// Answers of one dimension.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerGroup {
    /// `Smart Governance › Layanan Publik`.
    pub title: String,
    /// Rows.
    pub rows: Vec<AnswerRow>,
}

/// One answer.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRow {
    /// Indicator id.
    pub id: String,
    /// Indicator name.
    pub label: String,
    /// The question.
    pub question: String,
    /// The answer as understood (`3 — Terdefinisi`, `75,5 %`, `N/A`), empty when blank.
    pub answer: String,
    /// What was typed, when it differs from the answer shown.
    pub typed: String,
    /// Score as shown.
    pub score: String,
    /// The indicator's weight in the index (`4,2 %`), or empty without an index.
    pub weight: String,
    /// Status in words.
    pub status: String,
    /// `answered`, `na`, `missing`.
    pub status_class: &'static str,
    /// Notes, cut into text and links.
    pub notes: Vec<Segment>,
}

/// An indicator's status in words, with its CSS class.
pub(super) fn status_text(status: IndicatorStatus, lang: Lang) -> (&'static str, &'static str) {
    match status {
        IndicatorStatus::Answered => (label("answered", lang), "answered"),
        IndicatorStatus::NotApplicable => (label("not_applicable", lang), "na"),
        IndicatorStatus::MissingRequired => (label("missing_required", lang), "missing"),
        IndicatorStatus::MissingOptional => (label("missing_optional", lang), "missing"),
    }
}

impl Context<'_> {
    /// The answer as understood, in the reader's language.
    pub(super) fn answer_text(&self, ind: usize, answer: &Answer) -> String {
        let lang = self.lang;
        match (answer, &self.fw.answer_set_of(ind).kind) {
            (Answer::NotApplicable, _) => "N/A".to_string(),
            (Answer::Choice(o), AnswerKind::Options { options }) => options
                .get(*o)
                .map(|opt| {
                    let name = opt.label.get(lang);
                    // "ya — Ya" says nothing twice.
                    if crate::submission::normalize(&opt.code) == crate::submission::normalize(name)
                    {
                        name.to_string()
                    } else {
                        format!("{} — {name}", opt.code)
                    }
                })
                .unwrap_or_default(),
            (Answer::Number(n), AnswerKind::Number { unit, .. }) => {
                let shown = trim_number(lang, *n);
                match unit {
                    Some(u) => format!("{shown} {u}"),
                    None => shown,
                }
            }
            (Answer::Number(n), _) => trim_number(lang, *n),
            _ => String::new(),
        }
    }

    /// Whether what was typed for an option differs from the option's code and names, so the
    /// reader should see it (`  defined ` for option 3). Numbers are shown as understood only.
    pub(super) fn typed_differs(&self, ind: usize, given: &crate::submission::GivenAnswer) -> bool {
        let typed = crate::submission::normalize(given.raw());
        match (&given.answer, &self.fw.answer_set_of(ind).kind) {
            (Answer::Choice(o), AnswerKind::Options { options }) => {
                options.get(*o).is_some_and(|opt| {
                    ![
                        crate::submission::normalize(&opt.code),
                        crate::submission::normalize(&opt.label.id),
                        crate::submission::normalize(&opt.label.en),
                    ]
                    .contains(&typed)
                })
            }
            _ => false,
        }
    }

    fn dimension_path(&self, d: usize) -> String {
        let fw = self.fw;
        let mut names = vec![fw.dimensions[d].label.get(self.lang).to_string()];
        let mut cur = fw.dimensions[d].parent;
        while let Some(p) = cur {
            names.push(fw.dimensions[p].label.get(self.lang).to_string());
            cur = fw.dimensions[p].parent;
        }
        names.reverse();
        names.join(" › ")
    }

    /// Every answer of `e` (as `s`, its submission with the detail of its answers), grouped by
    /// the dimension its indicator lies in.
    pub(super) fn answer_groups(&self, e: &Entry, s: &Submission) -> Vec<AnswerGroup> {
        let fw = self.fw;
        let lang = self.lang;
        let mut groups: Vec<(usize, AnswerGroup)> = Vec::new();
        let weights = if e.scorecard.index.is_some() {
            crate::scoring::exact::weights_in_index(fw, &e.scorecard.exact)
        } else {
            vec![None; fw.indicators.len()]
        };
        for (i, ind) in fw.indicators.iter().enumerate() {
            let given = s.answers[i].as_ref();
            let status = e.scorecard.indicators[i].status;
            let (status_label, status_class) = status_text(status, lang);
            let answer = given
                .map(|g| self.answer_text(i, &g.answer))
                .unwrap_or_default();
            let typed = given
                .filter(|g| self.typed_differs(i, g))
                .map(|g| g.raw().trim().to_string())
                .unwrap_or_default();
            let row = AnswerRow {
                id: ind.id.clone(),
                label: ind.label.get(lang).to_string(),
                question: ind.question.get(lang).to_string(),
                answer,
                typed,
                score: self.opt_num(e.scorecard.indicators[i].score),
                weight: weights
                    .get(i)
                    .and_then(|w| w.as_ref())
                    .map(|w| {
                        let w = crate::scoring::exact::to_f64(w) * 100.0;
                        format!("{} %", lang.number(w, if w < 10.0 { 1 } else { 0 }))
                    })
                    .unwrap_or_default(),
                status: status_label.to_string(),
                status_class,
                notes: given
                    .and_then(|g| g.notes())
                    .map(segments)
                    .unwrap_or_default(),
            };
            match groups.iter_mut().find(|(d, _)| *d == ind.parent) {
                Some((_, g)) => g.rows.push(row),
                None => groups.push((
                    ind.parent,
                    AnswerGroup {
                        title: self.dimension_path(ind.parent),
                        rows: vec![row],
                    },
                )),
            }
        }
        groups.into_iter().map(|(_, g)| g).collect()
    }
}

/// A typed number as shown: its own decimals (up to 2), decimal comma in Indonesian.
fn trim_number(lang: Lang, n: f64) -> String {
    let s = lang.number(n, 2);
    let sep = lang.decimal_separator();
    if s.contains(sep) {
        s.trim_end_matches('0').trim_end_matches(sep).to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_keep_their_decimals() {
        assert_eq!(trim_number(Lang::Id, 75.5), "75,5");
        assert_eq!(trim_number(Lang::En, 40.0), "40");
        assert_eq!(trim_number(Lang::En, 62.25), "62.25");
    }
}
