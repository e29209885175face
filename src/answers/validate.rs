//! From a region-year as found to a [`Submission`]: the region from the official list, the year,
//! the framework claimed, and every answer understood — or a problem naming the cell.
//!
//! A [`Builder`] takes answers one at a time as rows are read, so a long table of millions of
//! rows is never held whole: only the understood answers are kept, and (in lean mode) not even
//! what was typed or where.

use super::cell::{Cell, format_number};
use super::value::{Answer, interpret};
use crate::diagnostics::{Code, Place, Problem, has_errors};
use crate::framework::Framework;
use crate::regions::{self, Region};
use crate::text::Text;
use serde::Serialize;
use std::path::PathBuf;

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

/// A value with where it was found.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is.
    pub place: Place,
}

/// Who and when a region-year is, as found, before validation.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The file it came from.
    pub file: PathBuf,
    /// Where in the file it starts (identity sheet, or first row).
    pub origin: Place,
    /// Region code cell.
    pub region: Option<Located<Cell>>,
    /// Region name as typed.
    pub region_name: Option<Located<String>>,
    /// Year cell.
    pub year: Option<Located<Cell>>,
    /// Framework id the questionnaire claims.
    pub framework_id: Option<Located<String>>,
    /// Framework version the questionnaire claims.
    pub framework_version: Option<Located<String>>,
    /// Responding office cell (questionnaires only).
    pub respondent: Option<Located<Cell>>,
    /// Contact cell (questionnaires only).
    pub contact: Option<Located<Cell>>,
}

impl Identity {
    /// An identity with nothing found yet.
    pub fn new(file: PathBuf, origin: Place) -> Self {
        Identity {
            file,
            origin,
            region: None,
            region_name: None,
            year: None,
            framework_id: None,
            framework_version: None,
            respondent: None,
            contact: None,
        }
    }
}

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
    keep: bool,
    /// Who and when, filled in as found.
    pub identity: Identity,
    answers: Vec<Option<GivenAnswer>>,
    seen: Vec<Seen>,
    /// Where blank rows were, to name them when a required answer is missing (kept mode only).
    blank_at: Vec<Option<Place>>,
    problems: Vec<Problem>,
}

impl<'f> Builder<'f> {
    /// A builder for a region-year starting at `origin` in `file`. `keep` keeps what was typed,
    /// notes and places with every answer (for reports, JSON and checks); without it only the
    /// understood answers are kept, which is what scoring needs.
    pub fn new(fw: &'f Framework, mode: Mode, keep: bool, identity: Identity) -> Self {
        let n = fw.indicators.len();
        Builder {
            fw,
            mode,
            keep: keep || mode == Mode::Check,
            identity,
            answers: vec![None; n],
            seen: vec![Seen::No; n],
            blank_at: Vec::new(),
            problems: Vec::new(),
        }
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
        let fw = self.fw;
        let Some(i) = fw.find_indicator(indicator) else {
            self.problems.push(
                Problem::new(
                    Code::E010,
                    &self.identity.file,
                    id_place(),
                    Text::new(
                        format!("indikator tidak dikenal dalam kerangka {}", fw.id),
                        format!("unknown indicator in framework {}", fw.id),
                    ),
                )
                .found(indicator)
                .expected(Text::new(
                    "id indikator dari kerangka (lihat `smartcity template`)",
                    "an indicator id of the framework (see `smartcity template`)",
                )),
            );
            return;
        };
        if self.seen[i] != Seen::No {
            self.duplicate(i, indicator, id_place());
            return;
        }
        let ind = &fw.indicators[i];
        match interpret(fw, ind, cell) {
            Ok(Some(answer)) => {
                self.seen[i] = Seen::Answered;
                if let Some(p) = percent_as_fraction(fw, ind, cell, &self.identity.file, &place) {
                    self.problems.push(p);
                }
                self.answers[i] = Some(if self.keep {
                    GivenAnswer::with_detail(
                        answer,
                        cell.display(),
                        notes.map(str::to_string),
                        place(),
                    )
                } else {
                    GivenAnswer::new(answer)
                });
            }
            Ok(None) => {
                self.seen[i] = Seen::Blank;
                if self.keep {
                    if self.blank_at.is_empty() {
                        self.blank_at = vec![None; fw.indicators.len()];
                    }
                    self.blank_at[i] = Some(place());
                }
            }
            Err(rej) => {
                self.seen[i] = Seen::Rejected;
                self.problems.push(
                    Problem::new(rej.code, &self.identity.file, place(), rej.message)
                        .found(cell.display())
                        .expected(rej.expected),
                );
            }
        }
    }

    fn duplicate(&mut self, i: usize, written: &str, at: Place) {
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
        self.problems.push(
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

    /// Validates identity and completeness: the submission if nothing is wrong, and every
    /// problem found either way.
    pub fn finish(mut self) -> (Option<Submission>, Vec<Problem>) {
        let fw = self.fw;
        let raw = &self.identity;
        let mut problems = Vec::new();
        if let Some(claim) = &raw.framework_id
            && claim.value.trim() != fw.id
        {
            // Answers of another framework would only produce noise: this one problem says it.
            problems.push(other_framework(fw, &raw.file, claim));
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
        self.missing_required(&mut problems);
        if self.mode == Mode::Check {
            super::checks::completeness(&self.identity, fw, &self.answers, &mut problems);
        }
        match (region, year) {
            (Some(region), Some(year)) if !has_errors(&problems) => (
                Some(Submission {
                    region,
                    year,
                    framework_version: self
                        .identity
                        .framework_version
                        .map(|v| v.value.trim().to_string()),
                    file: self.identity.file,
                    origin: self.identity.origin,
                    answers: self.answers,
                }),
                problems,
            ),
            _ => (None, problems),
        }
    }

    fn missing_required(&self, problems: &mut Vec<Problem>) {
        let fw = self.fw;
        for (i, ind) in fw.indicators.iter().enumerate() {
            if !ind.required || matches!(self.seen[i], Seen::Answered | Seen::Rejected) {
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
                .expected(super::value::expected(&fw.answer_sets[ind.answers], ind)),
            );
        }
    }
}

fn other_framework(fw: &Framework, file: &std::path::Path, claim: &Located<String>) -> Problem {
    let claimed = claim.value.trim();
    Problem::new(
        Code::E007,
        file,
        claim.place.clone(),
        Text::new(
            format!("kuesioner ini untuk kerangka `{claimed}`"),
            format!("this questionnaire is for framework `{claimed}`"),
        ),
    )
    .found(&claim.value)
    .expected(Text::new(
        format!(
            "kerangka `{}`, atau pilih kerangka lain dengan --framework",
            fw.id
        ),
        format!("framework `{}`, or choose another with --framework", fw.id),
    ))
}

fn other_version(
    fw: &Framework,
    mode: Mode,
    file: &std::path::Path,
    v: &Located<String>,
) -> Problem {
    let (claimed, id, version) = (v.value.trim(), &fw.id, &fw.version);
    Problem::new(
        if mode == Mode::Check {
            Code::E019
        } else {
            Code::W002
        },
        file,
        v.place.clone(),
        Text::new(
            format!(
                "kuesioner dibuat untuk versi {claimed} dari {id}, dinilai dengan versi {version}"
            ),
            format!(
                "questionnaire made for version {claimed} of {id}, scored with version {version}"
            ),
        ),
    )
    .found(&v.value)
}

fn resolve_region(raw: &Identity, fw: &Framework, problems: &mut Vec<Problem>) -> Option<Region> {
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
            .found(region.code),
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

fn resolve_year(raw: &Identity, problems: &mut Vec<Problem>) -> Option<i32> {
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

/// A percentage typed with `%` in a spreadsheet (`75%`) is stored as the fraction 0.75, and the
/// cell's format, which says so, is not visible to the reader. For a 0–100 % question a value
/// strictly between 0 and 1 is therefore flagged rather than silently scored as 0.75 %.
fn percent_as_fraction(
    fw: &Framework,
    ind: &crate::framework::Indicator,
    cell: &Cell,
    file: &std::path::Path,
    place: &impl Fn() -> Place,
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
            place(),
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
