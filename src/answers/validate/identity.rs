//! Who and when a region-year is: the identity found in a file (region code, name, year,
//! framework claimed, respondent), and its validation against the official region list and the
//! framework — every problem named by its cell.

use super::mode::Mode;
use crate::answers::read::Cell;
use crate::diagnostics::{Code, Place, Problem};
use crate::framework::Framework;
use crate::regions::{self, Region, RegionKind};
use crate::text::Text;
use std::path::PathBuf;

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
    /// Whether the layout it was read from has a column for notes and evidence: missing
    /// evidence is only worth a warning where it could have been written.
    pub notes_column: bool,
    /// The evaluator who reviewed it (review workbooks only).
    pub evaluator: Option<Located<String>>,
    /// When it was reviewed (review workbooks only).
    pub review_date: Option<Located<String>>,
    /// The review's stage: dokumen, wawancara, visitasi (review workbooks only).
    pub review_stage: Option<Located<String>>,
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
            notes_column: false,
            evaluator: None,
            review_date: None,
            review_stage: None,
        }
    }
}

/// Checking rejects a questionnaire of another framework (E007); scoring skips it with a warning
/// (W013), so a folder holding several frameworks' files is scored one framework at a time.
pub(super) fn other_framework(
    fw: &Framework,
    mode: Mode,
    file: &std::path::Path,
    claim: &Located<String>,
) -> Problem {
    let claimed = claim.value.trim();
    let (code, skipped_id, skipped_en) = match mode {
        Mode::Check => (Code::E007, "", ""),
        Mode::Score | Mode::Prefill => (Code::W013, "; dilewati", "; skipped"),
    };
    Problem::new(
        code,
        file,
        claim.place.clone(),
        Text::new(
            format!("kuesioner ini untuk kerangka `{claimed}`{skipped_id}"),
            format!("this questionnaire is for framework `{claimed}`{skipped_en}"),
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

pub(super) fn other_version(
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

/// The region of the same level and province as `read` (a code typed as a number) whose name is
/// `typed`, if there is one: what the number meant before its trailing zero was lost.
fn named_instead(read: &Region, typed: &str) -> Option<Region> {
    let candidates = match read.kind {
        RegionKind::Province => regions::provinces(),
        RegionKind::Kota | RegionKind::Kabupaten => regions::regencies(),
        RegionKind::Village => return None,
    };
    candidates
        .into_iter()
        .filter(|r| r.code != read.code && r.province_code == read.province_code)
        .find(|r| regions::name_matches(r, typed))
}

/// E021: a code typed as the number `n` reads as `read`, but the name given is `named`'s.
fn numeric_code_names_another(
    file: &std::path::Path,
    place: &Place,
    n: f64,
    read: &Region,
    named: &Region,
) -> Problem {
    let typed = crate::submission::format_number(n);
    let (read_name, named_name) = (read.display_name(), named.display_name());
    let (read_code, named_code) = (read.code, named.code);
    Problem::new(
        Code::E021,
        file,
        place.clone(),
        Text::new(
            format!(
                "kode wilayah diketik sebagai angka {typed}, dibaca sebagai {read_code} {read_name}, tetapi nama yang diisikan adalah {named_code} {named_name}"
            ),
            format!(
                "the region code was typed as the number {typed}, which reads as {read_code} {read_name}, but the name given is {named_code} {named_name}"
            ),
        ),
    )
    .found(typed.clone())
    .expected(Text::new(
        format!("kode sebagai teks, mis. '{named_code} atau '{read_code}"),
        format!("the code as text, e.g. '{named_code} or '{read_code}"),
    ))
}

pub(super) fn resolve_region(
    raw: &Identity,
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
            .found(region.code),
        );
        return None;
    }
    if let (Cell::Number(n), Some(name)) = (cell, raw.region_name.as_ref())
        && !regions::name_matches(&region, &name.value)
        && let Some(named) = named_instead(&region, &name.value)
    {
        problems.push(numeric_code_names_another(file, place, *n, &region, &named));
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
/// The years an assessment can be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

pub(super) fn resolve_year(raw: &Identity, problems: &mut Vec<Problem>) -> Option<i32> {
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
