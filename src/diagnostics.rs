//! Problems found along the way. They are values, collected rather than returned early, so one run
//! reports every problem in every file and one bad file never stops a batch.

use crate::text::{Lang, Text, Words};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors reject what they concern, warnings are shown and let it pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, but the input is still used.
    Warning,
    /// The input it concerns is rejected.
    Error,
}

/// Declares [`Code`] and [`Code::ALL`] from one list, so a new code cannot be left out of the
/// catalogue test.
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The stable code of each kind of problem, so staff can look one up in `docs/errors.md`
        /// and evaluators can count problems by kind. Codes never change meaning; new kinds get
        /// new codes. `F` codes concern frameworks, `E` errors reject input, `W` warnings do not.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &[Code] = &[$(Code::$name,)*];
        }
    };
}

codes! {
    /// Framework file is not valid TOML or has an unknown or mistyped key.
    F001,
    /// Two things in a framework share an id.
    F002,
    /// A framework refers to a parent, answer set or component that does not exist.
    F003,
    /// A weight is zero, negative or not a number.
    F004,
    /// Bands overlap, leave gaps or do not cover the scale.
    F005,
    /// A dimension has no indicators.
    F006,
    /// A value lies outside the scale or a range is empty.
    F007,
    /// Dimensions form a cycle.
    F008,
    /// Components or targets missing where needed, or present where not allowed.
    F009,
    /// The framework cannot be found or read.
    F010,
    /// A conversion table's ranges leave a gap, overlap or do not cover the number's range.
    F011,
    /// Weights averaged together (siblings, components) add up to more than can be computed.
    F012,
    /// Dimensions are nested deeper than the limit (32 levels).
    F013,
    /// An option's code or label cannot be typed to choose it: its code is blank or an N/A
    /// spelling, or another option of the set has the same label or alias.
    F014,
    /// A file cannot be opened or read as a spreadsheet or CSV.
    E001,
    /// A file holds no recognisable questionnaire, long table or wide table.
    E002,
    /// An identity field (region, year) is missing.
    E003,
    /// A region code is not in the Kemendagri list.
    E004,
    /// The region is of a level the framework does not assess.
    E005,
    /// A year is not a plausible year.
    E006,
    /// A questionnaire was made for another framework.
    E007,
    /// An indicator id is not in the framework.
    E010,
    /// The same indicator is answered twice for one region and year.
    E011,
    /// An answer is not one of the options.
    E012,
    /// A number cannot be read or is out of range.
    E013,
    /// N/A given where the indicator does not allow it.
    E014,
    /// The same region and year is submitted in two places.
    E015,
    /// A table lacks a column it needs.
    E016,
    /// A baseline file cannot be used.
    E017,
    /// A required indicator is unanswered (when checking a questionnaire).
    E018,
    /// A questionnaire was made for another version of the framework (when checking).
    E019,
    /// A file, a workbook's content or an input folder exceeds a limit that keeps memory and time
    /// bounded (file size, expanded size, cells, columns, files in a folder).
    E020,
    /// A region code typed as a number reads as one region while the name given is another's.
    E021,
    /// A review workbook's self answers no longer match the region's own file (edited after the
    /// review was made).
    E022,
    /// A region name does not match its code.
    W001,
    /// A questionnaire was made for another version of the framework.
    W002,
    /// A required indicator is unanswered and scores the bottom of the scale.
    W003,
    /// Results of different framework versions are compared.
    W004,
    /// Too few indicators answered: the index is not computed.
    W005,
    /// A file in an input folder was skipped (e.g. the lock file of an open workbook).
    W006,
    /// Columns of a wide table that are not indicator ids were ignored.
    W007,
    /// Many indicators are answered N/A.
    W008,
    /// Evidence is expected for an answered indicator but none is given.
    W009,
    /// Respondent office or contact is not filled in.
    W010,
    /// A percentage answer looks like a fraction (`75%` typed, 0.75 stored).
    W011,
    /// A cell's text is longer than can be kept and was cut.
    W012,
    /// A questionnaire made for another framework was skipped (when scoring).
    W013,
    /// A baseline record's index is not a finite number (`abc`, `NaN`, `1e400`): no improvement.
    W014,
    /// A verified answer differs from the region's, and no evaluator's note says why.
    W015,
}

impl Code {
    /// The code as printed (`E012`).
    pub fn as_str(self) -> String {
        format!("{self:?}")
    }

    /// Whether problems of this kind reject their input.
    pub fn severity(self) -> Severity {
        if format!("{self:?}").starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_str())
    }
}

/// Where in a file a problem is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Place {
    /// The file as a whole.
    #[default]
    File,
    /// A cell of a workbook sheet (0-based row and column; shown in A1 notation).
    Cell {
        /// Sheet name.
        sheet: String,
        /// 0-based row.
        row: u32,
        /// 0-based column.
        col: u32,
    },
    /// A whole sheet.
    Sheet {
        /// Sheet name.
        sheet: String,
    },
    /// A line (1-based) and optionally a column (1-based) of a text file (CSV, TOML).
    Line {
        /// 1-based line.
        line: u64,
        /// 1-based column (CSV field or TOML character).
        column: Option<u64>,
    },
}

impl Place {
    /// `Jawaban!D12`, `line 4, column 2`, as read by a person.
    pub fn describe(&self, lang: Lang) -> Option<String> {
        match self {
            Place::File => None,
            Place::Sheet { sheet } => Some(quote_sheet(sheet)),
            Place::Cell { sheet, row, col } => {
                Some(format!("{}!{}", quote_sheet(sheet), a1(*row, *col)))
            }
            Place::Line { line, column } => Some(match (lang, column) {
                (_, None) => format!("{line}"),
                (_, Some(c)) => format!("{line}:{c}"),
            }),
        }
    }
}

fn quote_sheet(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// A1 notation of a 0-based cell position: (0, 0) → `A1`, (11, 27) → `AB12`.
pub(crate) fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col as u64 + 1;
    while c > 0 {
        let rem = ((c - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        c = (c - 1) / 26;
    }
    letters.reverse();
    let mut s: String = letters.into_iter().collect();
    let _ = write!(s, "{}", row as u64 + 1);
    s
}

/// One problem: what, where, what was found and what was expected.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// Stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// The file concerned (empty for problems of the run itself).
    pub file: PathBuf,
    /// Where in the file.
    pub place: Place,
    /// What is wrong.
    pub message: Text,
    /// The value found, verbatim (truncated when long).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// What was expected, or how to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Text>,
}

/// Longest excerpt of a found value kept in a message: cells can hold megabytes.
const FOUND_MAX_CHARS: usize = 120;

impl Problem {
    /// A problem of `code` in `file` at `place`; severity follows the code.
    pub fn new(code: Code, file: &Path, place: Place, message: Text) -> Self {
        Problem {
            code,
            severity: code.severity(),
            file: file.to_path_buf(),
            place,
            message,
            found: None,
            expected: None,
        }
    }

    /// Records the value found (shortened if long).
    pub fn found(mut self, value: impl AsRef<str>) -> Self {
        let value = value.as_ref();
        let mut shown: String = value.chars().take(FOUND_MAX_CHARS).collect();
        if shown.len() < value.len() {
            shown.push('…');
        }
        self.found = Some(shown);
        self
    }

    /// Records what was expected.
    pub fn expected(mut self, text: Text) -> Self {
        self.expected = Some(text);
        self
    }

    /// Overrides the severity (the same finding can reject in one command and warn in another).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Whether this problem rejects its input.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem as a terminal line (and an indented second line with the details):
    /// `a.xlsx:Jawaban!D12: galat E012: …`.
    pub fn render(&self, lang: Lang) -> String {
        // File names, sheet names and messages (which quote frameworks and cells) come from
        // outside: their control characters are shown escaped, so nothing printed can clear the
        // screen or forge a line.
        let safe = |s: &str| crate::text::terminal_safe(s, false).into_owned();
        let mut out = String::new();
        if !self.file.as_os_str().is_empty() {
            out.push_str(&safe(&self.file.display().to_string()));
            if let Some(p) = self.place.describe(lang) {
                out.push(':');
                out.push_str(&safe(&p));
            }
            out.push_str(": ");
        }
        let sev = match self.severity {
            Severity::Error => Words::new("galat", "error"),
            Severity::Warning => Words::new("peringatan", "warning"),
        }
        .get(lang);
        let _ = write!(
            out,
            "{sev} {}: {}",
            self.code.as_str(),
            safe(self.message.get(lang))
        );
        let mut details = Vec::new();
        if let Some(found) = &self.found {
            let label = Words::new("ditemukan", "found").get(lang);
            details.push(format!("{label} {found:?}"));
        }
        if let Some(expected) = &self.expected {
            let label = Words::new("diharapkan", "expected").get(lang);
            details.push(format!("{label}: {}", safe(expected.get(lang))));
        }
        if !details.is_empty() {
            out.push_str("\n    ");
            out.push_str(&details.join("; "));
        }
        out
    }
}

/// Whether any problem in `problems` is an error.
pub(crate) fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(Problem::is_error)
}

/// Line and column (both 1-based, column in characters) of byte `offset` in `source`.
pub(crate) fn line_col(source: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(source.len());
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_the_catalogue() {
        let catalogue = include_str!("../docs/errors.md");
        for code in Code::ALL {
            let heading = format!("## {} — ", code.as_str());
            assert!(
                catalogue.contains(&heading),
                "docs/errors.md lacks {heading}"
            );
        }
        let documented = catalogue.matches("\n## ").count();
        assert_eq!(
            documented,
            Code::ALL.len(),
            "docs/errors.md documents unknown codes"
        );
    }

    #[test]
    fn a1_notation() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 3), "D12");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(99, 27), "AB100");
        assert_eq!(a1(0, 16383), "XFD1");
    }

    #[test]
    fn line_and_column_of_offset() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        assert_eq!(line_col(src, 9), (2, 3));
    }

    #[test]
    fn renders_file_place_code_and_details() {
        let p = Problem::new(
            Code::E012,
            Path::new("x.xlsx"),
            Place::Cell {
                sheet: "Jawaban".into(),
                row: 11,
                col: 3,
            },
            Text::new("Jawaban tidak dikenal", "Unknown answer"),
        )
        .found("Lima")
        .expected(Text::new("salah satu dari 0, 1", "one of 0, 1"));
        assert_eq!(
            p.render(Lang::En),
            "x.xlsx:Jawaban!D12: error E012: Unknown answer\n    found \"Lima\"; expected: one of 0, 1"
        );
        assert!(
            p.render(Lang::Id)
                .contains("galat E012: Jawaban tidak dikenal")
        );
    }
}
