//! A long table read in blocks on several threads. Each block's rows are understood on a thread
//! of their own — region-year key, indicator, answer, problems — into a [`LongPart`]; taking
//! them into their region-years is left to the extractor, in file order, so that what comes out
//! is what a reading row by row gives.

use super::review::{ReviewIdentity, ReviewIdentityCols};
use super::sheet::{SheetName, located};
use crate::answers::read::{Cell, Row, RowSink};
use crate::answers::validate::{
    AnswerCache, AnswerRow, Detail, Entry, Located, Reading, VerifiedRow,
};
use crate::diagnostics::{Place, Problem};
use crate::framework::Framework;
use rustc_hash::FxHashMap;
use std::path::PathBuf;

/// Columns of a long table.
#[derive(Debug, Clone, Copy)]
pub(super) struct LongCols {
    pub(super) region: usize,
    pub(super) year: usize,
    pub(super) indicator: usize,
    pub(super) answer: usize,
    pub(super) notes: Option<usize>,
    pub(super) name: Option<usize>,
    /// An evaluator's verified answer and note, when the table has them.
    pub(super) verified: Option<usize>,
    pub(super) evaluator_notes: Option<usize>,
    /// The review's identity (evaluator, date, stage), when the table has those columns.
    pub(super) review: ReviewIdentityCols,
}

impl LongCols {
    /// The indicator as written, or `None` for a row with no region, year or indicator.
    pub(super) fn indicator_of(self, row: &Row) -> Option<std::borrow::Cow<'_, str>> {
        let id = row.get(self.indicator).shown();
        let blank =
            id.is_empty() && row.get(self.region).is_empty() && row.get(self.year).is_empty();
        (!blank).then_some(id)
    }

    /// The region name given in the row, if any.
    pub(super) fn name_of(self, row: &Row, sheet: &SheetName) -> Option<Located<String>> {
        let c = self.name?;
        let cell = row.get(c);
        (!cell.is_empty()).then(|| located(cell.display(), sheet.cell(row.pos, c)))
    }

    /// The verified answer given in the row, with the evaluator's note, read on its own.
    pub(super) fn verified_of(
        self,
        reading: Reading<'_>,
        row: &Row,
        sheet: &SheetName,
        indicator: &str,
        guess: usize,
    ) -> Option<Box<VerifiedRow>> {
        let c = self.verified?;
        let notes = self
            .evaluator_notes
            .map(|n| row.get(n).shown())
            .filter(|n| !n.is_empty());
        let nowhere = || Place::File;
        let place = || sheet.cell(row.pos, c);
        let answer = AnswerRow {
            indicator,
            guess,
            id_place: &nowhere,
            cell: row.get(c),
            place: &place,
            notes: None,
        };
        VerifiedRow::read(reading, &answer, notes.as_deref()).map(Box::new)
    }

    /// The notes given in the row, if any.
    pub(super) fn notes_of(self, row: &Row) -> Option<std::borrow::Cow<'_, str>> {
        self.notes
            .map(|c| row.get(c).shown())
            .filter(|n| !n.is_empty())
    }
}

/// Where a long-table region-year was first met, and what its first rows said about it.
pub(super) struct GroupStart {
    /// Its key as written (region and year).
    pub(super) key: String,
    pub(super) region: Located<Cell>,
    pub(super) year: Located<Cell>,
    pub(super) origin: Place,
    /// The first region name given with it.
    pub(super) name: Option<Located<String>>,
    /// The review's identity, as its rows give it.
    pub(super) review: ReviewIdentity,
}

impl GroupStart {
    pub(super) fn of(row: &Row, cols: LongCols, sheet: &SheetName) -> GroupStart {
        GroupStart {
            key: String::new(),
            region: located(
                row.get(cols.region).clone(),
                sheet.cell(row.pos, cols.region),
            ),
            year: located(row.get(cols.year).clone(), sheet.cell(row.pos, cols.year)),
            origin: sheet.row(row.pos),
            name: cols.name_of(row, sheet),
            review: ReviewIdentity::default(),
        }
    }
}

/// The region-years of a long table by (region, year) as written. Rows of one region-year
/// almost always follow each other, so the previous row's is tried first.
#[derive(Default)]
pub(super) struct GroupKeys {
    index: FxHashMap<String, usize>,
    /// The key last looked up: region, a separator, year.
    key: String,
    /// The length of the region part of `key`.
    region_len: usize,
    /// The group of the previous row (its key is `key`).
    last: Option<usize>,
}

/// Between region and year in a key: a control character no cell text is compared with.
const KEY_SEPARATOR: char = '\u{1f}';

impl GroupKeys {
    /// The group of `row`, or `None` if it is new (then [`Self::insert`] it).
    pub(super) fn find(&mut self, row: &Row, cols: LongCols) -> Option<usize> {
        let (r, y) = (row.get(cols.region).shown(), row.get(cols.year).shown());
        if let Some(g) = self.last
            && self.key.len() == r.len() + 1 + y.len()
            && self.region_len == r.len()
            && self.key.as_bytes()[..r.len()] == *r.as_bytes()
            && self.key.as_bytes()[r.len() + 1..] == *y.as_bytes()
        {
            return Some(g);
        }
        self.key.clear();
        self.key.push_str(&r);
        self.key.push(KEY_SEPARATOR);
        self.key.push_str(&y);
        self.region_len = r.len();
        self.lookup()
    }

    /// The group of a key built by [`Self::find`] elsewhere.
    pub(super) fn find_key(&mut self, key: &str) -> Option<usize> {
        self.key.clear();
        self.key.push_str(key);
        self.region_len = key.find(KEY_SEPARATOR).unwrap_or(key.len());
        self.lookup()
    }

    fn lookup(&mut self) -> Option<usize> {
        self.last = self.index.get(self.key.as_str()).copied();
        self.last
    }

    /// Records the key last looked up as group `g`.
    pub(super) fn insert(&mut self, g: usize) {
        self.index.insert(self.key.clone(), g);
        self.last = Some(g);
    }
}

/// A long-table row read on another thread: its region-year (in its block), its indicator as
/// written when that differs from the framework's id, and the answer understood.
pub(super) struct PartRow {
    pub(super) group: usize,
    pub(super) pos: u64,
    pub(super) written: Option<Box<str>>,
    pub(super) entry: Entry,
    /// The evaluator's verified answer, if the row has one.
    pub(super) verified: Option<Box<VerifiedRow>>,
}

/// The rows of one block of a long table, read on a thread of their own: everything but
/// taking the answers into their region-years, which the extractor does in order.
pub(super) struct LongPart<'a> {
    fw: &'a Framework,
    detail: Detail,
    file: PathBuf,
    sheet: SheetName,
    pub(super) cols: LongCols,
    groups: GroupKeys,
    pub(super) starts: Vec<GroupStart>,
    pub(super) rows: Vec<PartRow>,
    pub(super) problems: Vec<Problem>,
    /// The indicator after the previous row's: the likely next one.
    next_indicator: usize,
    /// What the texts met so far mean (handed from block to block).
    pub(super) answers: AnswerCache,
}

impl<'a> LongPart<'a> {
    pub(super) fn new(
        fw: &'a Framework,
        detail: Detail,
        file: PathBuf,
        sheet: SheetName,
        cols: LongCols,
        rows: Vec<PartRow>,
        answers: AnswerCache,
    ) -> Self {
        LongPart {
            fw,
            detail,
            file,
            sheet,
            cols,
            groups: GroupKeys::default(),
            starts: Vec::new(),
            rows,
            problems: Vec::new(),
            next_indicator: 0,
            answers,
        }
    }
}

impl RowSink for LongPart<'_> {
    fn start_sheet(&mut self, _: Option<&str>) {}

    fn row(&mut self, row: &Row) {
        let cols = self.cols;
        let Some(id) = cols.indicator_of(row) else {
            return;
        };
        let group = match self.groups.find(row, cols) {
            Some(g) => g,
            None => {
                // Village codes are checked against a list built on first use: build it now,
                // on this thread, while the others go on reading.
                crate::regions::preload_villages(&row.get(cols.region).shown());
                let mut start = GroupStart::of(row, cols, &self.sheet);
                start.key = self.groups.key.clone();
                self.starts.push(start);
                self.groups.insert(self.starts.len() - 1);
                self.starts.len() - 1
            }
        };
        let start = &mut self.starts[group];
        if start.name.is_none() {
            start.name = cols.name_of(row, &self.sheet);
        }
        cols.review.read(row, &self.sheet, &mut start.review);
        let notes = cols.notes_of(row);
        let sheet = &self.sheet;
        let reading = Reading {
            fw: self.fw,
            detail: self.detail,
            file: &self.file,
        };
        let entry = self.answers.read(
            reading,
            &AnswerRow {
                indicator: &id,
                guess: self.next_indicator,
                id_place: &|| sheet.cell(row.pos, cols.indicator),
                cell: row.get(cols.answer),
                place: &|| sheet.cell(row.pos, cols.answer),
                notes: notes.as_deref(),
            },
        );
        let written = match entry.indicator() {
            Some(i) if self.fw.indicators[i].id == *id => None,
            _ => Some(Box::from(&*id)),
        };
        let verified = entry
            .indicator()
            .and_then(|i| cols.verified_of(reading, row, sheet, &id, i));
        self.next_indicator = entry.indicator().map_or(0, |i| i + 1);
        self.rows.push(PartRow {
            group,
            pos: row.pos,
            written,
            entry,
            verified,
        });
    }

    fn end_sheet(&mut self) {}

    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }
}
