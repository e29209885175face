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
//! Headers are recognised in Indonesian and English, ignoring case, `_`, `-` and extra spaces, so
//! a questionnaire filled in either language reads the same.

use super::cell::Cell;
use super::source::{Row, Sheet};
use crate::diagnostics::{Code, Place, Problem};
use crate::framework::Framework;
use crate::text::Text;
use std::path::{Path, PathBuf};

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
const HEADER_SEARCH_ROWS: usize = 20;

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

/// A value with where it was found.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is.
    pub place: Place,
}

/// One answer as found, before it is understood.
#[derive(Debug, Clone)]
pub struct RawAnswer {
    /// Indicator id as written.
    pub indicator: Located<String>,
    /// The answer cell.
    pub value: Located<Cell>,
    /// Notes or evidence, if any.
    pub notes: Option<String>,
}

/// One region-year as found in a file, before validation.
#[derive(Debug, Clone)]
pub struct RawSubmission {
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
    /// Answers in file order.
    pub answers: Vec<RawAnswer>,
    /// Responding office cell (questionnaires only).
    pub respondent: Option<Located<Cell>>,
    /// Contact cell (questionnaires only).
    pub contact: Option<Located<Cell>>,
}

impl RawSubmission {
    fn new(file: &Path, origin: Place) -> Self {
        RawSubmission {
            file: file.to_path_buf(),
            origin,
            region: None,
            region_name: None,
            year: None,
            framework_id: None,
            framework_version: None,
            answers: Vec::new(),
            respondent: None,
            contact: None,
        }
    }
}

/// Which layout a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One region-year per workbook.
    Questionnaire,
    /// One answer per row.
    Long,
    /// One region-year per row.
    Wide,
}

/// Finds the region-years in a file's sheets.
pub fn extract(
    file: &Path,
    sheets: &[Sheet],
    fw: &Framework,
    problems: &mut Vec<Problem>,
) -> Vec<RawSubmission> {
    if let Some(identity) = sheets.iter().position(is_identity_sheet) {
        return vec![questionnaire(file, sheets, identity, problems)];
    }
    let mut out = Vec::new();
    let mut recognised = false;
    for sheet in sheets {
        let Some((h, cols)) = find_header(sheet, |roles| {
            roles.contains(&Role::RegionCode) && roles.contains(&Role::Year)
        }) else {
            continue;
        };
        if cols.contains(&Some(Role::Indicator)) && cols.contains(&Some(Role::Answer)) {
            recognised = true;
            out.extend(long_table(file, sheet, h, &cols));
        } else if cols.contains(&Some(Role::Indicator)) {
            // A long table whose answer column is named otherwise: say so rather than "no table".
            recognised = true;
            problems.push(
                Problem::new(
                    Code::E016,
                    file,
                    sheet.row_place(&sheet.rows[h]),
                    Text::new(
                        "tabel panjang tanpa kolom jawaban",
                        "long table without an answer column",
                    ),
                )
                .expected(Text::new(
                    "kolom berjudul `jawaban` atau `answer`",
                    "a column headed `answer` or `jawaban`",
                )),
            );
        } else if let Some(subs) = wide_table(file, sheet, h, &cols, fw, problems) {
            recognised = true;
            out.extend(subs);
        }
    }
    if !recognised {
        problems.push(
            Problem::new(
                Code::E002,
                file,
                Place::File,
                Text::new(
                    "tidak ditemukan kuesioner, tabel panjang, atau tabel lebar",
                    "no questionnaire, long table or wide table found",
                ),
            )
            .expected(Text::new(
                "lembar Identitas dengan region_code dan year di kolom A, atau baris judul dengan kolom kode wilayah, tahun, indikator, jawaban (tabel panjang) atau kode wilayah, tahun dan satu kolom per id indikator (tabel lebar)",
                "an Identity sheet with region_code and year in column A, or a header row with region code, year, indicator and answer columns (long table) or region code, year and one column per indicator id (wide table)",
            )),
        );
    }
    out
}

fn is_identity_sheet(sheet: &Sheet) -> bool {
    let roles: Vec<Role> = sheet
        .rows
        .iter()
        .filter_map(|r| role_of(r.get(0)))
        .collect();
    roles.contains(&Role::RegionCode) && roles.contains(&Role::Year)
}

/// The first row (within the search window) whose header roles satisfy `wanted`, with the role
/// of each column.
fn find_header(
    sheet: &Sheet,
    wanted: impl Fn(&[Role]) -> bool,
) -> Option<(usize, Vec<Option<Role>>)> {
    sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| {
            let cols: Vec<Option<Role>> = row.cells.iter().map(role_of).collect();
            let present: Vec<Role> = cols.iter().flatten().copied().collect();
            wanted(&present).then_some((i, cols))
        })
}

fn col_of(cols: &[Option<Role>], role: Role) -> Option<usize> {
    cols.iter().position(|r| *r == Some(role))
}

fn questionnaire(
    file: &Path,
    sheets: &[Sheet],
    identity: usize,
    problems: &mut Vec<Problem>,
) -> RawSubmission {
    let id_sheet = &sheets[identity];
    let mut sub = RawSubmission::new(file, id_sheet.whole());
    for row in &id_sheet.rows {
        let Some(role) = role_of(row.get(0)) else {
            continue;
        };
        let cell = row.get(IDENTITY_VALUE_COL).clone();
        let place = id_sheet.place(row, IDENTITY_VALUE_COL);
        let text = || Located {
            value: cell.display(),
            place: place.clone(),
        };
        match role {
            Role::RegionCode => {
                sub.region = Some(Located {
                    value: cell.clone(),
                    place: place.clone(),
                })
            }
            Role::Year => {
                sub.year = Some(Located {
                    value: cell.clone(),
                    place: place.clone(),
                })
            }
            Role::RegionName if !cell.is_empty() => sub.region_name = Some(text()),
            Role::FrameworkId if !cell.is_empty() => sub.framework_id = Some(text()),
            Role::FrameworkVersion if !cell.is_empty() => sub.framework_version = Some(text()),
            Role::Respondent => {
                sub.respondent = Some(Located {
                    value: cell.clone(),
                    place: place.clone(),
                })
            }
            Role::Contact => {
                sub.contact = Some(Located {
                    value: cell.clone(),
                    place: place.clone(),
                })
            }
            _ => {}
        }
    }
    let mut answer_sheets = 0;
    for (i, sheet) in sheets.iter().enumerate() {
        if i == identity {
            continue;
        }
        let Some((h, cols)) = find_header(sheet, |roles| {
            roles.contains(&Role::Indicator) && roles.contains(&Role::Answer)
        }) else {
            continue;
        };
        answer_sheets += 1;
        let (ic, ac) = (
            col_of(&cols, Role::Indicator).expect("checked by find_header"),
            col_of(&cols, Role::Answer).expect("checked by find_header"),
        );
        let nc = col_of(&cols, Role::Notes);
        for row in &sheet.rows[h + 1..] {
            let id = row.get(ic).display();
            if id.is_empty() {
                continue;
            }
            sub.answers.push(raw_answer(sheet, row, ic, ac, nc, id));
        }
    }
    if answer_sheets == 0 {
        problems.push(
            Problem::new(
                Code::E002,
                file,
                Place::File,
                Text::new(
                    "kuesioner tidak memiliki lembar jawaban",
                    "the questionnaire has no answer sheet",
                ),
            )
            .expected(Text::new(
                "lembar dengan baris judul berisi kolom ID dan Jawaban",
                "a sheet with a header row holding ID and Answer columns",
            )),
        );
    }
    sub
}

fn raw_answer(
    sheet: &Sheet,
    row: &Row,
    ic: usize,
    ac: usize,
    nc: Option<usize>,
    id: String,
) -> RawAnswer {
    RawAnswer {
        indicator: Located {
            value: id,
            place: sheet.place(row, ic),
        },
        value: Located {
            value: row.get(ac).clone(),
            place: sheet.place(row, ac),
        },
        notes: nc.map(|c| row.get(c).display()).filter(|n| !n.is_empty()),
    }
}

fn long_table(file: &Path, sheet: &Sheet, h: usize, cols: &[Option<Role>]) -> Vec<RawSubmission> {
    let rc = col_of(cols, Role::RegionCode).expect("checked by caller");
    let yc = col_of(cols, Role::Year).expect("checked by caller");
    let ic = col_of(cols, Role::Indicator).expect("checked by caller");
    let ac = col_of(cols, Role::Answer).expect("checked by caller");
    let nc = col_of(cols, Role::Notes);
    let namec = col_of(cols, Role::RegionName);
    // Group by (region, year) as written, keeping first-appearance order.
    let mut order: Vec<(String, String)> = Vec::new();
    let mut groups: std::collections::HashMap<(String, String), RawSubmission> =
        std::collections::HashMap::new();
    for row in &sheet.rows[h + 1..] {
        let key = (row.get(rc).display(), row.get(yc).display());
        let id = row.get(ic).display();
        if key.0.is_empty() && key.1.is_empty() && id.is_empty() {
            continue;
        }
        let sub = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            let mut s = RawSubmission::new(file, sheet.row_place(row));
            s.region = Some(Located {
                value: row.get(rc).clone(),
                place: sheet.place(row, rc),
            });
            s.year = Some(Located {
                value: row.get(yc).clone(),
                place: sheet.place(row, yc),
            });
            s
        });
        if sub.region_name.is_none()
            && let Some(c) = namec
            && !row.get(c).is_empty()
        {
            sub.region_name = Some(Located {
                value: row.get(c).display(),
                place: sheet.place(row, c),
            });
        }
        sub.answers.push(raw_answer(sheet, row, ic, ac, nc, id));
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .collect()
}

fn wide_table(
    file: &Path,
    sheet: &Sheet,
    h: usize,
    cols: &[Option<Role>],
    fw: &Framework,
    problems: &mut Vec<Problem>,
) -> Option<Vec<RawSubmission>> {
    let header = &sheet.rows[h];
    let mut indicator_cols = Vec::new();
    let mut ignored = Vec::new();
    for (c, cell) in header.cells.iter().enumerate() {
        if cols[c].is_some() || cell.is_empty() {
            continue;
        }
        let name = cell.display();
        if fw.find_indicator(&name).is_some() {
            indicator_cols.push((c, name));
        } else {
            ignored.push(name);
        }
    }
    if indicator_cols.is_empty() {
        return None;
    }
    if !ignored.is_empty() {
        problems.push(
            Problem::new(
                Code::W007,
                file,
                sheet.row_place(header),
                Text::new(
                    format!("{} kolom bukan id indikator dan diabaikan", ignored.len()),
                    format!(
                        "{} columns are not indicator ids and were ignored",
                        ignored.len()
                    ),
                ),
            )
            .found(ignored.join(", ")),
        );
    }
    let rc = col_of(cols, Role::RegionCode)?;
    let yc = col_of(cols, Role::Year)?;
    let namec = col_of(cols, Role::RegionName);
    let mut out = Vec::new();
    for row in &sheet.rows[h + 1..] {
        let mut s = RawSubmission::new(file, sheet.row_place(row));
        s.region = Some(Located {
            value: row.get(rc).clone(),
            place: sheet.place(row, rc),
        });
        s.year = Some(Located {
            value: row.get(yc).clone(),
            place: sheet.place(row, yc),
        });
        s.region_name = namec.filter(|c| !row.get(*c).is_empty()).map(|c| Located {
            value: row.get(c).display(),
            place: sheet.place(row, c),
        });
        for (c, id) in &indicator_cols {
            s.answers.push(RawAnswer {
                indicator: Located {
                    value: id.clone(),
                    place: sheet.place(header, *c),
                },
                value: Located {
                    value: row.get(*c).clone(),
                    place: sheet.place(row, *c),
                },
                notes: None,
            });
        }
        out.push(s);
    }
    Some(out)
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
    }
}
