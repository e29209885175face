//! The long-table side of the extractor: each region-year's builder, rows taken in one by one
//! or a block at a time from other threads, and a region-year validated (and stowed)
//! as soon as it is left.

use super::super::long::{GroupStart, LongCols, LongPart, PartRow};
use super::{Extractor, SheetState};
use crate::answers::read::{Block, BlockSink, ReadBlock, Row};
use crate::answers::validate::{AnswerCache, Builder, Identity};
use crate::diagnostics::Problem;
use crate::submission::{Stow, Submission};
use rayon::prelude::*;

/// A long-table region-year: still collecting rows, or already validated (see
/// [`Extractor::finishing_when_left`]).
pub(super) enum Group<'f> {
    /// Its builder. Boxed: a file can hold 80,000 of them, and moving them as the list grows
    /// would copy each.
    Open(Box<Builder<'f>>),
    /// What its builder gave.
    Done(Box<(Option<Submission>, Vec<Problem>)>),
}

impl<'f> Extractor<'f> {
    /// Whether long-table region-year `g`, about to take a row, is still open; the region-year
    /// read before it is validated when it is left (see [`Self::finishing_when_left`]).
    pub(super) fn enter_group(&mut self, g: usize) -> bool {
        if self.finish_when_left
            && self.last_group != Some(g)
            && let Some(left) = self.last_group.replace(g)
        {
            self.close_group(left);
        }
        let open = matches!(self.long[g], Group::Open(_));
        self.came_back |= !open;
        open
    }

    /// Validates long-table region-year `g` now.
    pub(super) fn close_group(&mut self, g: usize) {
        let placeholder = Group::Done(Box::default());
        if let Group::Open(b) = std::mem::replace(&mut self.long[g], placeholder) {
            self.long[g] = Group::Done(Box::new(stowed(self.stow, b.finish())));
        }
    }

    pub(super) fn long_row(&mut self, row: &Row, cols: LongCols) {
        let Some(id) = cols.indicator_of(row) else {
            return;
        };
        let g = match self.groups.find(row, cols) {
            Some(g) => g,
            None => {
                let start = GroupStart::of(row, cols, &self.sheet);
                self.new_group(start, cols.notes.is_some())
            }
        };
        if !self.enter_group(g) {
            return;
        }
        let Group::Open(builder) = &mut self.long[g] else {
            return;
        };
        let sheet = &self.sheet;
        if builder.identity.region_name.is_none() {
            builder.identity.region_name = cols.name_of(row, sheet);
        }
        cols.review.read_into(row, sheet, &mut builder.identity);
        let notes = cols.notes_of(row);
        builder.add(
            &id,
            || sheet.cell(row.pos, cols.indicator),
            row.get(cols.answer),
            || sheet.cell(row.pos, cols.answer),
            notes.as_deref(),
        );
        if let Some(c) = cols.verified {
            let notes = cols
                .evaluator_notes
                .map(|n| row.get(n).shown())
                .filter(|n| !n.is_empty());
            builder.add_verified(&id, row.get(c), || sheet.cell(row.pos, c), notes.as_deref());
        }
    }

    /// Opens the builder of a region-year first met at `start` (its key just looked up).
    fn new_group(&mut self, start: GroupStart, notes_column: bool) -> usize {
        let mut identity = Identity::new(self.file.clone(), start.origin);
        identity.notes_column = notes_column;
        identity.region = Some(start.region);
        identity.year = Some(start.year);
        identity.region_name = start.name;
        start.review.fill(&mut identity);
        self.long.push(Group::Open(Box::new(Builder::new(
            self.fw,
            self.mode,
            self.detail,
            identity,
        ))));
        let g = self.long.len() - 1;
        self.groups.insert(g);
        g
    }

    /// Takes in the blocks read on other threads and not yet taken.
    pub(super) fn absorb_pending(&mut self) {
        for part in std::mem::take(&mut self.pending) {
            self.absorb(part);
        }
    }

    /// Takes the rows of a block read on another thread, in order, as [`Self::long_row`] would
    /// have taken them one by one.
    fn absorb(&mut self, part: LongPart<'_>) {
        self.problems.extend(part.problems);
        let mut global = Vec::with_capacity(part.starts.len());
        for start in part.starts {
            let g = match self.groups.find_key(&start.key) {
                Some(g) => {
                    match &mut self.long[g] {
                        Group::Open(b) => {
                            if b.identity.region_name.is_none() {
                                b.identity.region_name = start.name;
                            }
                            start.review.fill(&mut b.identity);
                        }
                        Group::Done(_) => self.came_back = true,
                    }
                    g
                }
                None => self.new_group(start, part.cols.notes.is_some()),
            };
            global.push(g);
        }
        let column = part.cols.indicator;
        let mut rows = part.rows;
        for row in rows.drain(..) {
            let g = global[row.group];
            if !self.enter_group(g) {
                continue;
            }
            let Group::Open(builder) = &mut self.long[g] else {
                continue;
            };
            let written = match (&row.written, row.entry.indicator()) {
                (Some(w), _) => w,
                (None, Some(i)) => self.fw.indicators[i].id.as_str(),
                (None, None) => "",
            };
            let sheet = &self.sheet;
            builder.apply(row.entry, written, || sheet.cell(row.pos, column));
            if let Some(v) = row.verified {
                builder.apply_verified(*v);
            }
        }
        self.spare.push((rows, part.answers));
    }
}

impl BlockSink for Extractor<'_> {
    fn take_blocks(&mut self, blocks: &[Block], read: &ReadBlock<'_>) -> Result<u64, Problem> {
        let SheetState::Long(cols) = self.state else {
            return Ok(0);
        };
        let detail = self.mode.detail(self.detail);
        let (fw, file, sheet) = (self.fw, self.file.clone(), self.sheet.clone());
        // Row lists of blocks already taken in are reused (their memory is already mapped), and
        // so is what their answers' texts meant.
        let lists: Vec<(Vec<PartRow>, AnswerCache)> = blocks
            .iter()
            .map(|_| self.spare.pop().unwrap_or_default())
            .collect();
        let parse = || {
            blocks
                .par_iter()
                .zip(lists)
                .map(|(block, (mut rows, answers))| {
                    // A long-table line is rarely shorter than 32 bytes (and if so, the list grows).
                    rows.reserve(block.len() / 32);
                    let mut part =
                        LongPart::new(fw, detail, file.clone(), sheet.clone(), cols, rows, answers);
                    let cells = read(block, &mut part)?;
                    Ok((part, cells))
                })
                .collect::<Result<Vec<(LongPart<'_>, u64)>, Problem>>()
        };
        // The blocks before these are taken in while these are parsed.
        let (parts, ()) = rayon::join(parse, || self.absorb_pending());
        let mut cells = 0u64;
        for (part, n) in parts? {
            cells = cells.saturating_add(n);
            self.pending.push(part);
        }
        Ok(cells)
    }
}

/// `result` with what `stow` keeps taken out of its submission, when there is one.
pub(super) fn stowed(
    stow: Option<&dyn Stow>,
    mut result: (Option<Submission>, Vec<Problem>),
) -> (Option<Submission>, Vec<Problem>) {
    if let (Some(stow), Some(s)) = (stow, result.0.as_mut()) {
        stow.stow(s);
    }
    result
}
