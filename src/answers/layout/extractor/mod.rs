//! Reading a file's rows in the layouts of [`super::roles`], as they arrive: a sheet is searched
//! for its header in its first rows, then every further row goes straight into a [`Builder`]. No
//! row is kept after it is read, so a long table of millions of answers costs only what scoring
//! keeps of it.

mod long_groups;

use self::long_groups::{Group, stowed};
use super::long::{GroupKeys, LongCols, LongPart, PartRow};
use super::questionnaire::{self, AnswerCols};
use super::review::ReviewIdentityCols;
use super::roles::{HEADER_SEARCH_ROWS, Role, col_of, role_of, roles_of};
use super::sheet::SheetName;
use super::wide::{WIDE_BATCH, WideCols, WideReading, ignored_columns};
use crate::answers::read::{BlockSink, Row, RowSink};
use crate::answers::validate::{AnswerCache, Builder, Detail, Identity, Mode};
use crate::diagnostics::{Code, Place, Problem};
use crate::framework::Framework;
use crate::submission::{Stow, Submission};
use crate::text::Text;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What the current sheet turned out to be.
#[derive(Debug)]
enum SheetState {
    /// Still reading its first rows, looking for a header.
    Searching(Vec<Row>),
    /// A questionnaire's identity sheet.
    Identity,
    /// A questionnaire's answer sheet.
    Answers(AnswerCols),
    /// A long table.
    Long(LongCols),
    /// A wide table.
    Wide(WideCols),
    /// Nothing to read here.
    Ignored,
}

/// What a file held: each region-year (the submission if valid, and its problems), and the
/// problems of the file as a whole.
#[derive(Debug, Default)]
pub struct Extracted {
    /// One entry per region-year found.
    pub results: Vec<(Option<Submission>, Vec<Problem>)>,
    /// Problems not tied to one region-year.
    pub problems: Vec<Problem>,
}

/// Reads one file's sheets, row by row, into region-years.
pub struct Extractor<'f> {
    fw: &'f Framework,
    mode: Mode,
    detail: Detail,
    file: PathBuf,
    /// The file's questionnaire, once an identity or answer sheet is met.
    questionnaire: Option<Builder<'f>>,
    identity_sheets: usize,
    answer_sheets: usize,
    /// Long-table region-years by (region, year) as written.
    groups: GroupKeys,
    /// Their builders, in first-seen order.
    long: Vec<Group<'f>>,
    /// Whether a region-year is validated as soon as a row of another one follows it.
    finish_when_left: bool,
    /// Where the detail of each region-year goes once it is validated, if anywhere.
    stow: Option<&'f dyn Stow>,
    /// The region-year the last long-table row went to.
    last_group: Option<usize>,
    /// Whether a row came for a region-year already validated: the file must be read again
    /// without validating early.
    came_back: bool,
    /// Blocks of a long table read on other threads, not yet taken in.
    pending: Vec<LongPart<'f>>,
    /// Emptied row lists of blocks taken in, and what their answers' texts meant, for the next
    /// blocks.
    spare: Vec<(Vec<PartRow>, AnswerCache)>,
    /// Wide-table rows read and not yet validated.
    wide_rows: Vec<Row>,
    /// Region-years already complete (wide-table rows).
    done: Vec<(Option<Submission>, Vec<Problem>)>,
    problems: Vec<Problem>,
    recognised: bool,
    sheet: SheetName,
    state: SheetState,
}

impl<'f> Extractor<'f> {
    /// An extractor for `file`, keeping with every answer as much of what was typed as `detail` says.
    pub fn new(fw: &'f Framework, mode: Mode, detail: Detail, file: &Path) -> Self {
        Extractor {
            fw,
            mode,
            detail,
            file: file.to_path_buf(),
            questionnaire: None,
            identity_sheets: 0,
            answer_sheets: 0,
            groups: GroupKeys::default(),
            long: Vec::new(),
            finish_when_left: false,
            stow: None,
            last_group: None,
            came_back: false,
            pending: Vec::new(),
            spare: Vec::new(),
            wide_rows: Vec::new(),
            done: Vec::new(),
            problems: Vec::new(),
            recognised: false,
            sheet: SheetName::new(None),
            state: SheetState::Ignored,
        }
    }

    /// The same extractor, validating each long-table region-year as soon as a row of another
    /// one follows it rather than at the end of the file. A national panel holds a million
    /// region-years whose rows follow each other: each builder is freed once its region-year is
    /// read, instead of all of them staying open to the end. What it gives is what the default
    /// gives as long as no region-year's rows come back after another's; when one does,
    /// [`Self::came_back`] says so and the file must be read again with a default extractor.
    pub fn finishing_when_left(mut self) -> Self {
        self.finish_when_left = true;
        self
    }

    /// The same extractor, handing each region-year to `stow` as soon as it is validated, so
    /// that what `stow` keeps (the detail of its answers, or the answers packed) never waits in
    /// memory for the end of the file.
    pub fn stowing(mut self, stow: Option<&'f dyn Stow>) -> Self {
        self.stow = stow;
        self
    }

    /// Whether a long-table region-year's rows came back after it was validated (see
    /// [`Self::finishing_when_left`]): then what was read is not to be used.
    pub fn came_back(&self) -> bool {
        self.came_back
    }

    /// A sheet begins (`None` for the single table of a CSV file).
    pub fn start_sheet(&mut self, name: Option<&str>) {
        self.sheet = SheetName::new(name.map(str::to_string));
        self.state = SheetState::Searching(Vec::new());
    }

    /// The next non-empty row of the current sheet.
    pub fn row(&mut self, row: &Row) {
        if let SheetState::Searching(buffered) = &mut self.state {
            buffered.push(row.clone());
            let searched = buffered.len();
            if let Some(state) = self.recognise_last() {
                // The header row is consumed; rows before it were titles.
                self.state = state;
            } else if searched >= HEADER_SEARCH_ROWS {
                self.settle_without_header();
            }
            return;
        }
        match &self.state {
            SheetState::Identity => self.identity_row(row),
            SheetState::Answers(cols) => {
                let cols = *cols;
                self.answer_row(row, cols);
            }
            SheetState::Long(cols) => {
                let cols = *cols;
                self.long_row(row, cols);
            }
            SheetState::Wide(_) => self.wide_row(row),
            SheetState::Searching(_) | SheetState::Ignored => {}
        }
    }

    /// The current sheet ends.
    pub fn end_sheet(&mut self) {
        self.absorb_pending();
        self.take_wide_rows();
        if matches!(self.state, SheetState::Searching(_)) {
            self.settle_without_header();
        }
        self.state = SheetState::Ignored;
    }

    /// The region-years read, each validated, and the file's own problems.
    pub fn finish(mut self) -> Extracted {
        self.absorb_pending();
        let mut results = std::mem::take(&mut self.done);
        results.reserve(self.long.len() + 1);
        if let Some(q) = self.questionnaire.take() {
            if self.answer_sheets == 0 {
                self.problems.push(no_answer_sheet(&self.file));
            }
            results.push(stowed(self.stow, q.finish()));
        }
        // One file can hold every village of the country: its region-years are validated on all
        // cores, in order.
        let long = std::mem::take(&mut self.long);
        let stow = self.stow;
        results.extend(
            long.into_par_iter()
                .map(|g| match g {
                    Group::Open(b) => stowed(stow, b.finish()),
                    Group::Done(r) => *r,
                })
                .collect::<Vec<_>>(),
        );
        if !self.recognised {
            self.problems.push(nothing_recognised(&self.file));
        }
        Extracted {
            results,
            problems: self.problems,
        }
    }

    /// Whether the last buffered row is a header, and of what.
    fn recognise_last(&mut self) -> Option<SheetState> {
        let SheetState::Searching(buffered) = &self.state else {
            return None;
        };
        let header = buffered.last()?;
        let cols = roles_of(header);
        let has = |r| cols.contains(&Some(r));
        let (region, year, ind, ans) = (
            has(Role::RegionCode),
            has(Role::Year),
            has(Role::Indicator),
            has(Role::Answer),
        );
        if region && year && ind && ans {
            self.recognised = true;
            return Some(SheetState::Long(LongCols {
                region: col_of(&cols, Role::RegionCode)?,
                year: col_of(&cols, Role::Year)?,
                indicator: col_of(&cols, Role::Indicator)?,
                answer: col_of(&cols, Role::Answer)?,
                notes: col_of(&cols, Role::Notes),
                name: col_of(&cols, Role::RegionName),
                verified: col_of(&cols, Role::VerifiedAnswer),
                evaluator_notes: col_of(&cols, Role::EvaluatorNotes),
                review: ReviewIdentityCols::of(&cols),
            }));
        }
        if region && year && ind {
            // A long table whose answer column is named otherwise: say so rather than "no table".
            self.recognised = true;
            let place = self.sheet.row(header.pos);
            self.problems.push(no_answer_column(&self.file, place));
            return Some(SheetState::Ignored);
        }
        if ind && ans && !region {
            self.recognised = true;
            self.answer_sheets += 1;
            self.questionnaire_builder();
            let notes = col_of(&cols, Role::Notes);
            if let (Some(q), Some(_)) = (&mut self.questionnaire, notes) {
                q.identity.notes_column = true;
            }
            return Some(SheetState::Answers(AnswerCols {
                indicator: col_of(&cols, Role::Indicator)?,
                answer: col_of(&cols, Role::Answer)?,
                notes,
                verified: col_of(&cols, Role::VerifiedAnswer),
                evaluator_notes: col_of(&cols, Role::EvaluatorNotes),
                copy: col_of(&cols, Role::SelfAnswerCopy),
            }));
        }
        if region && year {
            let header = header.clone();
            return self.wide_header(&header, &cols);
        }
        None
    }

    fn wide_header(&mut self, header: &Row, cols: &[Option<Role>]) -> Option<SheetState> {
        let (wide, ignored) = WideCols::of_header(self.fw, header, cols)?;
        self.recognised = true;
        if let Some(problem) = ignored_columns(&self.file, &self.sheet, header, ignored) {
            self.problems.push(problem);
        }
        Some(SheetState::Wide(wide))
    }

    /// No header in the first rows: an identity sheet if column A holds its keys, else nothing.
    fn settle_without_header(&mut self) {
        let SheetState::Searching(buffered) =
            std::mem::replace(&mut self.state, SheetState::Ignored)
        else {
            return;
        };
        let keys: Vec<Role> = buffered.iter().filter_map(|r| role_of(r.get(0))).collect();
        if keys.contains(&Role::RegionCode) && keys.contains(&Role::Year) {
            self.recognised = true;
            self.identity_sheets += 1;
            self.questionnaire_builder();
            if let Some(q) = &mut self.questionnaire {
                q.identity.origin = self.sheet.whole();
            }
            self.state = SheetState::Identity;
            for row in &buffered {
                self.identity_row(row);
            }
        }
    }

    fn questionnaire_builder(&mut self) {
        if self.questionnaire.is_none() {
            let identity = Identity::new(self.file.clone(), self.sheet.whole());
            self.questionnaire = Some(Builder::new(self.fw, self.mode, self.detail, identity));
        }
    }

    fn identity_row(&mut self, row: &Row) {
        if let Some(q) = &mut self.questionnaire {
            questionnaire::identity_row(q, &self.sheet, row);
        }
    }

    fn answer_row(&mut self, row: &Row, cols: AnswerCols) {
        if let Some(q) = &mut self.questionnaire {
            questionnaire::answer_row(q, &self.sheet, row, cols);
        }
    }

    fn wide_row(&mut self, row: &Row) {
        self.keep_wide_row(row.clone());
    }

    fn keep_wide_row(&mut self, row: Row) {
        self.wide_rows.push(row);
        if self.wide_rows.len() >= WIDE_BATCH {
            self.take_wide_rows();
        }
    }

    /// Validates the wide-table rows waiting, on all cores, keeping their order.
    fn take_wide_rows(&mut self) {
        let SheetState::Wide(cols) = &self.state else {
            return;
        };
        let rows = std::mem::take(&mut self.wide_rows);
        let reading = WideReading {
            fw: self.fw,
            mode: self.mode,
            detail: self.detail,
            file: &self.file,
            sheet: &self.sheet,
            cols,
        };
        let stow = self.stow;
        let results = reading.region_years(&rows);
        self.done
            .extend(results.into_iter().map(|r| stowed(stow, r)));
    }
}

impl RowSink for Extractor<'_> {
    fn start_sheet(&mut self, name: Option<&str>) {
        Extractor::start_sheet(self, name);
    }

    fn row(&mut self, row: &Row) {
        Extractor::row(self, row);
    }

    fn take_row(&mut self, row: Row) {
        // Wide-table rows are kept until validated in a batch: keep this one as it is.
        if matches!(self.state, SheetState::Wide(_)) {
            self.keep_wide_row(row);
        } else {
            Extractor::row(self, &row);
        }
    }

    fn end_sheet(&mut self) {
        Extractor::end_sheet(self);
    }

    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    fn in_parallel(&mut self) -> Option<&mut (dyn BlockSink + Send)> {
        match self.state {
            SheetState::Long(_) => Some(self),
            _ => None,
        }
    }
}

fn nothing_recognised(file: &Path) -> Problem {
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
    ))
}

fn no_answer_sheet(file: &Path) -> Problem {
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
    ))
}

fn no_answer_column(file: &Path, place: Place) -> Problem {
    Problem::new(
        Code::E016,
        file,
        place,
        Text::new(
            "tabel panjang tanpa kolom jawaban",
            "long table without an answer column",
        ),
    )
    .expected(Text::new(
        "kolom berjudul `jawaban` atau `answer`",
        "a column headed `answer` or `jawaban`",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::read::read_file_into;

    /// `(region code, whether valid)` of every region-year, with every problem's code and place.
    fn read(path: &Path, fw: &Framework, early: bool) -> (Vec<(String, bool)>, Vec<String>, bool) {
        let mut x = Extractor::new(fw, Mode::Score, Detail::Lean, path);
        if early {
            x = x.finishing_when_left();
        }
        read_file_into(path, &mut x).unwrap();
        let came_back = x.came_back();
        let out = x.finish();
        let mut problems: Vec<String> = out
            .problems
            .iter()
            .map(|p| format!("{:?} {:?}", p.code, p.place))
            .collect();
        let mut results = Vec::new();
        for (sub, found) in &out.results {
            let code = sub.as_ref().map_or("", |s| s.region.code).to_string();
            results.push((code, sub.is_some()));
            problems.extend(found.iter().map(|p| format!("{:?} {:?}", p.code, p.place)));
        }
        (results, problems, came_back)
    }

    #[test]
    fn region_years_validated_as_they_are_left_give_what_reading_to_the_end_gives() {
        let fw = crate::framework::builtin("kominfo-smart-city")
            .unwrap()
            .unwrap();
        let ids: Vec<&str> = fw.indicators.iter().map(|i| i.id.as_str()).collect();
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("region_code;year;indicator;answer\n");
        // Bandung answers everything; Jambi leaves the last indicator out and repeats the first.
        for (code, year) in [("32.73", 2023), ("15.71", 2023), ("32.73", 2024)] {
            for (k, id) in ids.iter().enumerate() {
                if code == "15.71" && k + 1 == ids.len() {
                    continue;
                }
                text.push_str(&format!("{code};{year};{id};1\n"));
            }
        }
        text.push_str(&format!("15.71;2023;{};2\n", ids[0]));
        let path = dir.path().join("long.csv");
        std::fs::write(&path, &text).unwrap();
        // Jambi's repeated row comes after Bandung 2024: it comes back once validated.
        let whole = read(&path, &fw, false);
        let early = read(&path, &fw, true);
        assert!(early.2 && !whole.2);
        assert_eq!(whole.0.len(), 3);
        assert!(
            whole.1.iter().any(|p| p.starts_with("E011")),
            "the repeat is named"
        );
        // Without the repeated row nothing comes back, and validating early changes nothing.
        let cut = text.lines().count() - 1;
        let text: String = text.lines().take(cut).map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, &text).unwrap();
        let whole = read(&path, &fw, false);
        let early = read(&path, &fw, true);
        assert!(!early.2);
        assert_eq!(early.0, whole.0);
        assert_eq!(early.1, whole.1);
        assert_eq!(whole.0.len(), 3);
        assert!(
            whole.1.iter().any(|p| p.starts_with("W003")),
            "Jambi's missing answer is named"
        );
    }
}
