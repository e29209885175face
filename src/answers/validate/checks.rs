//! What `check` asks of a questionnaire beyond validity: that it says who filled it, that N/A is
//! not used to skip questions, and that evidence is given where the framework expects it. These
//! are warnings: they do not reject the file, but staff should look at them before sending.

use super::identity::Identity;
use crate::diagnostics::{Code, Problem};
use crate::framework::Framework;
use crate::submission::{Answer, GivenAnswer};
use crate::text::Text;

/// Share of N/A answers above which a questionnaire is flagged.
pub const MANY_NA_SHARE: f64 = 0.25;

/// Adds the completeness warnings for one region-year.
pub fn completeness(
    raw: &Identity,
    fw: &Framework,
    answers: &[Option<GivenAnswer>],
    problems: &mut Vec<Problem>,
) {
    identity_filled(raw, problems);
    let na = answers
        .iter()
        .flatten()
        .filter(|a| a.answer == Answer::NotApplicable)
        .count();
    let total = fw.indicators.len();
    if total > 0 && na as f64 / total as f64 > MANY_NA_SHARE {
        let pct = (na as f64 / total as f64 * 100.0).round();
        problems.push(
            Problem::new(
                Code::W008,
                &raw.file,
                raw.origin.clone(),
                Text::new(
                    format!("{na} dari {total} indikator ({pct} %) dijawab N/A; pastikan N/A hanya untuk yang memang tidak berlaku"),
                    format!("{na} of {total} indicators ({pct} %) are answered N/A; make sure N/A is used only where a question truly does not apply"),
                ),
            ),
        );
    }
    for (ind, given) in fw.indicators.iter().zip(answers) {
        let Some(given) = given else { continue };
        let missing = given.answer != Answer::NotApplicable && given.notes().is_none();
        if ind.evidence && raw.notes_column && missing {
            problems.push(
                Problem::new(
                    Code::W009,
                    &raw.file,
                    given.place().clone(),
                    Text::new(
                        format!(
                            "indikator {} membutuhkan bukti dukung, tetapi kolom catatan kosong",
                            ind.id
                        ),
                        format!(
                            "indicator {} expects evidence, but the notes column is empty",
                            ind.id
                        ),
                    ),
                )
                .expected(Text::new(
                    "nama dokumen atau tautan https di kolom Catatan / bukti dukung",
                    "a document name or https link in the Notes / evidence column",
                )),
            );
        }
    }
}

fn identity_filled(raw: &Identity, problems: &mut Vec<Problem>) {
    let fields = [
        (
            &raw.respondent,
            Text::new("perangkat daerah pengisi", "responding office"),
        ),
        (&raw.contact, Text::new("kontak", "contact")),
    ];
    for (field, name) in fields {
        // Only questionnaires have these rows; tables from form tools do not.
        let Some(cell) = field else { continue };
        if cell.value.is_empty() {
            problems.push(Problem::new(
                Code::W010,
                &raw.file,
                cell.place.clone(),
                Text::new(
                    format!("{} belum diisi", name.id),
                    format!("the {} is not filled in", name.en),
                ),
            ));
        }
    }
}
