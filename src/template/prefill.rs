//! `--prefill`: last year's answers copied into this year's questionnaire, so staff update
//! rather than retype.

use super::{Prefill, Questionnaire, option_display};
use crate::framework::{AnswerKind, Framework};
use crate::submission::{Answer, Submission};
use crate::text::Lang;

/// A questionnaire holding `sub`'s answers and notes, for the same region and the next year.
pub fn prefill_from(fw: &Framework, sub: &Submission, lang: Lang) -> Questionnaire {
    let answers = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let given = sub.answers.get(i)?.as_ref()?;
            Some(match (&given.answer, &fw.answer_sets[ind.answers].kind) {
                (Answer::NotApplicable, _) => Prefill::Text("N/A".into()),
                (Answer::Choice(o), AnswerKind::Options { options }) => {
                    let o = &options[*o];
                    Prefill::Text(option_display(&o.code, &o.label, lang))
                }
                (Answer::Number(n), _) => Prefill::Number(*n),
                (Answer::Choice(_), _) => return None,
            })
        })
        .collect();
    let notes = sub
        .answers
        .iter()
        .map(|a| a.as_ref().and_then(|a| a.notes().map(str::to_string)))
        .collect();
    Questionnaire {
        region: Some(sub.region.clone()),
        year: Some(sub.year + 1),
        respondent: None,
        contact: None,
        answers,
        notes,
    }
}
