//! The three layouts answers arrive in, and how each is recognised:
//!
//! - **questionnaire**: one region-year per workbook. An identity sheet holds field keys in column A
//!   (`region_code`, `region_name`, `year`, `framework_id`, `framework_version`, …), labels in
//!   column B and values in column C. Answer sheets have a header row with `ID` and
//!   `Jawaban`/`Answer` (and optionally `Catatan / bukti dukung`/`Notes / evidence`) columns.
//! - **long table**: a header row with region code, year, indicator and answer columns (region name
//!   and notes optional); any number of region-years, one answer per row.
//! - **wide table**: a header row with region code, year and one column per indicator id; one
//!   region-year per row.
//!
//! How a file's rows are read in these layouts is in [`super::extractor`].
//!
//! Headers are recognised in Indonesian and English, ignoring case, `_`, `-` and extra spaces, so
//! a questionnaire filled in either language reads the same.

use crate::answers::read::{Cell, Row};

/// The role of a column or identity field, recognised from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Kemendagri region code.
    RegionCode,
    /// Region name.
    RegionName,
    /// Year assessed.
    Year,
    /// Framework id the questionnaire was made for.
    FrameworkId,
    /// Framework version the questionnaire was made for.
    FrameworkVersion,
    /// Indicator id.
    Indicator,
    /// The answer.
    Answer,
    /// Notes or evidence.
    Notes,
    /// Responding office (identity sheet).
    Respondent,
    /// Contact person (identity sheet).
    Contact,
    /// An evaluator's verified answer.
    VerifiedAnswer,
    /// An evaluator's note on the verified answer.
    EvaluatorNotes,
    /// The evaluator who reviewed (review workbook's identity sheet).
    Evaluator,
    /// When it was reviewed (review workbook's identity sheet).
    ReviewDate,
    /// The review's stage (review workbook's identity sheet).
    ReviewStage,
    /// A review workbook's hidden copy of the region's answer, as it was when the review was made.
    SelfAnswerCopy,
}

/// Accepted header spellings (already in [`header_key`] form).
const ROLES: &[(Role, &[&str])] = &[
    (
        Role::RegionCode,
        &[
            "region code",
            "kode wilayah",
            "kode daerah",
            "kode kemendagri",
            "kode",
        ],
    ),
    (
        Role::RegionName,
        &[
            "region name",
            "nama wilayah",
            "nama daerah",
            "region",
            "wilayah",
            "daerah",
        ],
    ),
    (Role::Year, &["year", "tahun", "tahun penilaian"]),
    (
        Role::FrameworkId,
        &["framework id", "id kerangka", "framework"],
    ),
    (
        Role::FrameworkVersion,
        &["framework version", "versi kerangka", "version", "versi"],
    ),
    (
        Role::Indicator,
        &[
            "indicator",
            "indikator",
            "indicator id",
            "id indikator",
            "kode indikator",
            "id",
        ],
    ),
    (Role::Answer, &["answer", "jawaban"]),
    (
        Role::Respondent,
        &["respondent", "perangkat daerah", "opd", "responden"],
    ),
    (Role::Contact, &["contact", "kontak"]),
    (
        Role::VerifiedAnswer,
        &[
            "verified answer",
            "jawaban verifikasi",
            "jawaban terverifikasi",
            "verified",
        ],
    ),
    (
        Role::EvaluatorNotes,
        &[
            "evaluator notes",
            "evaluator note",
            "catatan evaluator",
            "catatan verifikasi",
        ],
    ),
    (Role::Evaluator, &["evaluator", "penilai", "verifikator"]),
    (
        Role::SelfAnswerCopy,
        &["self answer copy", "salinan jawaban daerah"],
    ),
    (
        Role::ReviewDate,
        &["review date", "tanggal verifikasi", "tanggal penilaian"],
    ),
    (
        Role::ReviewStage,
        &["review stage", "stage", "tahap", "tahap verifikasi"],
    ),
    (
        Role::Notes,
        &[
            "notes",
            "catatan",
            "evidence",
            "bukti dukung",
            "notes / evidence",
            "notes/evidence",
            "catatan / bukti dukung",
            "catatan/bukti dukung",
            "keterangan",
        ],
    ),
];

/// How far down a sheet a header row is looked for (title rows may come first).
pub const HEADER_SEARCH_ROWS: usize = 20;

/// Column C: where the identity sheet keeps values (A = key, B = label).
pub const IDENTITY_VALUE_COL: usize = 2;

/// A header as compared: lowercase, `_`/`-` as spaces, spaces collapsed, trailing `*`/`:` dropped.
pub fn header_key(text: &str) -> String {
    let lowered = text.to_lowercase().replace(['_', '-'], " ");
    let collapsed = lowered.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_end_matches(['*', ':', ' ']).to_string()
}

/// The role a header names, if any.
pub fn role_of(cell: &Cell) -> Option<Role> {
    let Cell::Text(t) = cell else { return None };
    let key = header_key(t);
    ROLES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(r, _)| *r)
}

/// Column `col`'s role in a header row (`None` for columns that name no role).
pub fn roles_of(row: &Row) -> Vec<Option<Role>> {
    row.cells.iter().map(role_of).collect()
}

/// The column holding `role`, if any.
pub fn col_of(cols: &[Option<Role>], role: Role) -> Option<usize> {
    cols.iter().position(|r| *r == Some(role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_languages() {
        let role = |s: &str| role_of(&Cell::Text(s.into()));
        assert_eq!(role("Kode Wilayah"), Some(Role::RegionCode));
        assert_eq!(role("region_code"), Some(Role::RegionCode));
        assert_eq!(role(" TAHUN* "), Some(Role::Year));
        assert_eq!(role("Catatan / Bukti Dukung"), Some(Role::Notes));
        assert_eq!(role("Jawaban"), Some(Role::Answer));
        assert_eq!(role("Timestamp"), None);
        assert_eq!(role("jawaban_verifikasi"), Some(Role::VerifiedAnswer));
        assert_eq!(role("Verified answer"), Some(Role::VerifiedAnswer));
        assert_eq!(role("catatan_evaluator"), Some(Role::EvaluatorNotes));
        assert_eq!(role("evaluator_notes"), Some(Role::EvaluatorNotes));
    }
}
