//! From a region-year as found to a [`Submission`]: the region from the official list, the year,
//! the framework claimed, and every answer understood — or a problem naming the cell.

use super::cell::{Cell, format_number};
use super::layout::{Located, RawSubmission};
use super::value::{Answer, interpret};
use crate::diagnostics::{Code, Place, Problem, has_errors};
use crate::framework::Framework;
use crate::regions::{self, Region};
use crate::text::Text;
use serde::Serialize;
use std::path::PathBuf;

/// An answer with what was typed and where.
#[derive(Debug, Clone, Serialize)]
pub struct GivenAnswer {
    /// The answer understood.
    pub answer: Answer,
    /// What was typed, as displayed.
    pub raw: String,
    /// Notes or evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where it was found.
    pub place: Place,
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

/// Validates a region-year. Returns the submission if it has no errors, and every problem found
/// either way.
pub fn validate(
    raw: RawSubmission,
    fw: &Framework,
    mode: Mode,
) -> (Option<Submission>, Vec<Problem>) {
    let mut problems = Vec::new();
    let file = raw.file.clone();
    let problem = |code, place: &Place, msg: Text| Problem::new(code, &file, place.clone(), msg);

    if let Some(claim) = &raw.framework_id
        && claim.value.trim() != fw.id
    {
        problems.push(
            problem(
                Code::E007,
                &claim.place,
                Text::new(
                    format!("kuesioner ini untuk kerangka `{}`", claim.value.trim()),
                    format!(
                        "this questionnaire is for framework `{}`",
                        claim.value.trim()
                    ),
                ),
            )
            .found(&claim.value)
            .expected(Text::new(
                format!(
                    "kerangka `{}`, atau pilih kerangka lain dengan --framework",
                    fw.id
                ),
                format!("framework `{}`, or choose another with --framework", fw.id),
            )),
        );
        return (None, problems);
    }
    if let Some(v) = &raw.framework_version
        && v.value.trim() != fw.version
    {
        problems.push(
            problem(
                if mode == Mode::Check {
                    Code::E019
                } else {
                    Code::W002
                },
                &v.place,
                Text::new(
                    format!(
                        "kuesioner dibuat untuk versi {} dari {}, dinilai dengan versi {}",
                        v.value.trim(),
                        fw.id,
                        fw.version
                    ),
                    format!(
                        "questionnaire made for version {} of {}, scored with version {}",
                        v.value.trim(),
                        fw.id,
                        fw.version
                    ),
                ),
            )
            .found(&v.value),
        );
    }

    let region = resolve_region(&raw, fw, &mut problems);
    let year = resolve_year(&raw, &mut problems);
    let answers = resolve_answers(&raw, fw, mode, &mut problems);
    if mode == Mode::Check {
        super::checks::completeness(&raw, fw, &answers, &mut problems);
    }

    match (region, year) {
        (Some(region), Some(year)) if !has_errors(&problems) => (
            Some(Submission {
                region,
                year,
                file: raw.file,
                origin: raw.origin,
                answers,
                framework_version: raw.framework_version.map(|v| v.value.trim().to_string()),
            }),
            problems,
        ),
        _ => (None, problems),
    }
}

fn resolve_region(
    raw: &RawSubmission,
    fw: &Framework,
    problems: &mut Vec<Problem>,
) -> Option<Region> {
    let file = &raw.file;
    let Some(Located { value: cell, place }) = raw.region.as_ref().filter(|r| !r.value.is_empty())
    else {
        let place = raw
            .region
            .as_ref()
            .map_or(raw.origin.clone(), |r| r.place.clone());
        problems.push(
            Problem::new(
                Code::E003,
                file,
                place,
                Text::new("kode wilayah belum diisi", "the region code is missing"),
            )
            .expected(Text::new(
                "kode Kemendagri, mis. 32.73 untuk Kota Bandung",
                "a Kemendagri code, e.g. 32.73 for Kota Bandung",
            )),
        );
        return None;
    };
    let (code, picked_name) = match cell {
        Cell::Number(n) => (regions::normalize_numeric_code(*n), None),
        other => match regions::parse_code_and_name(&other.display()) {
            Some((code, name)) => (Some(code), name),
            None => (None, None),
        },
    };
    let region = code.as_deref().and_then(regions::lookup);
    let Some(region) = region else {
        problems.push(
            Problem::new(
                Code::E004,
                file,
                place.clone(),
                Text::new(
                    "kode wilayah tidak ada dalam daftar resmi Kemendagri",
                    "the region code is not in the official Kemendagri list",
                ),
            )
            .found(cell.display())
            .expected(Text::new(
                "kode Kemendagri, mis. 32.73 (kabupaten/kota), 32 (provinsi), 32.73.01.1001 (desa/kelurahan); ketik sebagai teks agar angka nol tidak hilang",
                "a Kemendagri code, e.g. 32.73 (regency/city), 32 (province), 32.73.01.1001 (village); type it as text so trailing zeros are kept",
            )),
        );
        return None;
    };
    if !fw.assesses(region.kind.level()) {
        let levels: Vec<String> = fw
            .levels
            .iter()
            .map(|l| format!("{l:?}").to_lowercase())
            .collect();
        problems.push(
            Problem::new(
                Code::E005,
                file,
                place.clone(),
                Text::new(
                    format!(
                        "{} adalah {}, sedangkan kerangka {} menilai: {}",
                        region.display_name(),
                        region.kind.label().id.to_lowercase(),
                        fw.id,
                        levels.join(", ")
                    ),
                    format!(
                        "{} is a {}, but framework {} assesses: {}",
                        region.display_name(),
                        region.kind.label().en.to_lowercase(),
                        fw.id,
                        levels.join(", ")
                    ),
                ),
            )
            .found(&region.code),
        );
        return None;
    }
    // A name picked with the code (`32.73 - Kota Bandung`) is checked like a typed name.
    let picked = picked_name.map(|value| Located {
        value,
        place: place.clone(),
    });
    for name in [raw.region_name.as_ref(), picked.as_ref()]
        .into_iter()
        .flatten()
    {
        if regions::name_matches(&region, &name.value) {
            continue;
        }
        problems.push(
            Problem::new(
                Code::W001,
                file,
                name.place.clone(),
                Text::new(
                    format!(
                        "nama wilayah tidak cocok dengan kode {}; yang dipakai adalah nama resmi",
                        region.code
                    ),
                    format!(
                        "the region name does not match code {}; the official name is used",
                        region.code
                    ),
                ),
            )
            .found(&name.value)
            .expected(Text::new(region.display_name(), region.display_name())),
        );
    }
    Some(region)
}

/// Years a self-assessment can plausibly be for.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

fn resolve_year(raw: &RawSubmission, problems: &mut Vec<Problem>) -> Option<i32> {
    let file = &raw.file;
    let Some(Located { value: cell, place }) = raw.year.as_ref().filter(|y| !y.value.is_empty())
    else {
        let place = raw
            .year
            .as_ref()
            .map_or(raw.origin.clone(), |y| y.place.clone());
        problems.push(
            Problem::new(
                Code::E003,
                file,
                place,
                Text::new(
                    "tahun penilaian belum diisi",
                    "the assessment year is missing",
                ),
            )
            .expected(Text::new(
                "tahun empat angka, mis. 2024",
                "a four-digit year, e.g. 2024",
            )),
        );
        return None;
    };
    let year = cell
        .as_number()
        .filter(|n| n.fract() == 0.0 && YEARS.contains(&(*n as i32)))
        .map(|n| n as i32);
    if year.is_none() {
        problems.push(
            Problem::new(
                Code::E006,
                file,
                place.clone(),
                Text::new("tahun tidak valid", "the year is not valid"),
            )
            .found(cell.display())
            .expected(Text::new(
                format!(
                    "tahun empat angka antara {} dan {}",
                    YEARS.start(),
                    YEARS.end()
                ),
                format!(
                    "a four-digit year between {} and {}",
                    YEARS.start(),
                    YEARS.end()
                ),
            )),
        );
    }
    year
}

fn resolve_answers(
    raw: &RawSubmission,
    fw: &Framework,
    mode: Mode,
    problems: &mut Vec<Problem>,
) -> Vec<Option<GivenAnswer>> {
    let file = &raw.file;
    let mut answers: Vec<Option<GivenAnswer>> = vec![None; fw.indicators.len()];
    // Where each indicator was seen, so a duplicate names the first place and a blank answer
    // names its cell.
    let mut seen: Vec<Option<Place>> = vec![None; fw.indicators.len()];
    for a in &raw.answers {
        let Some(i) = fw.find_indicator(&a.indicator.value) else {
            problems.push(
                Problem::new(
                    Code::E010,
                    file,
                    a.indicator.place.clone(),
                    Text::new(
                        format!("indikator tidak dikenal dalam kerangka {}", fw.id),
                        format!("unknown indicator in framework {}", fw.id),
                    ),
                )
                .found(&a.indicator.value)
                .expected(Text::new(
                    "id indikator dari kerangka (lihat `smartcity template`)",
                    "an indicator id of the framework (see `smartcity template`)",
                )),
            );
            continue;
        };
        if let Some(first) = &seen[i] {
            let first = first.describe(crate::text::Lang::En).unwrap_or_default();
            problems.push(
                Problem::new(
                    Code::E011,
                    file,
                    a.indicator.place.clone(),
                    Text::new(
                        format!(
                            "indikator {} dijawab dua kali (pertama di {first})",
                            fw.indicators[i].id
                        ),
                        format!(
                            "indicator {} is answered twice (first at {first})",
                            fw.indicators[i].id
                        ),
                    ),
                )
                .found(&a.indicator.value),
            );
            continue;
        }
        seen[i] = Some(a.value.place.clone());
        let ind = &fw.indicators[i];
        match interpret(fw, ind, &a.value.value) {
            Ok(Some(answer)) => {
                if let Some(p) = percent_as_fraction(fw, ind, &a.value.value, file, &a.value.place)
                {
                    problems.push(p);
                }
                answers[i] = Some(GivenAnswer {
                    answer,
                    raw: a.value.value.display(),
                    notes: a.notes.clone(),
                    place: a.value.place.clone(),
                })
            }
            Ok(None) => {}
            Err(rej) => problems.push(
                Problem::new(rej.code, file, a.value.place.clone(), rej.message)
                    .found(a.value.value.display())
                    .expected(rej.expected),
            ),
        }
    }
    for (i, ind) in fw.indicators.iter().enumerate() {
        if answers[i].is_none() && ind.required && !has_rejected_answer(problems, &seen[i]) {
            let place = seen[i].clone().unwrap_or_else(|| raw.origin.clone());
            problems.push(
                Problem::new(
                    if mode == Mode::Check {
                        Code::E018
                    } else {
                        Code::W003
                    },
                    file,
                    place,
                    Text::new(
                        format!("indikator wajib {} belum dijawab", ind.id),
                        format!("required indicator {} is unanswered", ind.id),
                    ),
                )
                .expected(super::value::expected(&fw.answer_sets[ind.answers], ind)),
            );
        }
    }
    answers
}

/// Whether the answer at `place` was already reported as not understood (so it is not also
/// reported as missing).
fn has_rejected_answer(problems: &[Problem], place: &Option<Place>) -> bool {
    place
        .as_ref()
        .is_some_and(|p| problems.iter().any(|q| q.is_error() && &q.place == p))
}

/// A percentage typed with `%` in a spreadsheet (`75%`) is stored as the fraction 0.75, and the
/// cell's format, which says so, is not visible to the reader. For a 0–100 % question a value
/// strictly between 0 and 1 is therefore flagged rather than silently scored as 0.75 %.
fn percent_as_fraction(
    fw: &Framework,
    ind: &crate::framework::Indicator,
    cell: &Cell,
    file: &std::path::Path,
    place: &Place,
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
            place.clone(),
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
