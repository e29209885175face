//! What was typed for every answer, kept on disk instead of in memory.
//!
//! A report needs each answer's typed text, notes and place only when it writes that region-year's
//! scorecard, `results.json` row and workbook rows; a national panel has tens of millions of
//! answers, whose detail would otherwise stay in memory from reading to the last file written.
//! [`DetailSpill::take`] moves the detail of every submission into an unnamed temporary file (one
//! record per region-year, found again by region and year) and leaves the answers understood in
//! place; [`DetailSpill::full`] reads one region-year's back when an output needs it.
//!
//! The record is a private, compact encoding (lengths as little-endian `u32`, places as a tag and
//! their fields): it lives only as long as the run and is read only by the code that wrote it.

use super::{AnswerDetail, Submission};
use crate::diagnostics::Place;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

/// The detail of a batch's answers, in a temporary file removed when dropped (or when the process
/// ends, however it ends).
#[derive(Debug)]
pub struct DetailSpill {
    /// The file, and where the next record goes.
    file: Mutex<(std::fs::File, u64)>,
    /// Where each region-year's record is: offset and length.
    index: Mutex<FxHashMap<Key, (u64, u32)>>,
}

/// A region-year's record: region, year and (a hash of) the file it was read from, since one
/// region-year may come from two files (a review beside the region's own file).
type Key = (&'static str, i32, u64);

fn key(s: &Submission) -> Key {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.source.file.hash(&mut h);
    (s.region.code, s.year, h.finish())
}

/// Region-years encoded at a time by [`DetailSpill::take`]: their records are written before the
/// next are made, so the encoding never holds much more than this many region-years' detail.
const CHUNK: usize = 4096;

impl DetailSpill {
    /// An empty spill: a temporary file in `dir`.
    pub fn new(dir: &Path) -> std::io::Result<DetailSpill> {
        Ok(DetailSpill {
            file: Mutex::new((tempfile::tempfile_in(dir)?, 0)),
            index: Mutex::new(FxHashMap::default()),
        })
    }

    /// Moves the detail of every answer of `submissions` (typed text, notes, place; the region's
    /// own answers and evaluators' notes of a review) into a temporary file in `dir`, leaving the
    /// answers understood. A region-year's detail leaves memory only once it is written: when
    /// the disk fills up, the region-years not yet written keep theirs.
    pub fn take(dir: &Path, submissions: &mut [Submission]) -> std::io::Result<DetailSpill> {
        let spill = DetailSpill::new(dir)?;
        for chunk in submissions.chunks_mut(CHUNK) {
            let records: Vec<Vec<u8>> = chunk.par_iter().map(record).collect();
            if !spill.write(chunk.iter_mut().zip(records)) {
                break;
            }
        }
        Ok(spill)
    }

    /// Moves the detail of `s` to the file as it is read (from any thread), so that a national
    /// table's detail never waits in memory for the last row of the file; `s` keeps it if it
    /// cannot be written. A later record of the same region-year and file replaces it.
    pub fn put(&self, s: &mut Submission) {
        let r = record(s);
        self.write(std::iter::once((s, r)));
    }

    /// Writes `records` one after the other and strips what each holds from its submission;
    /// `false` (and the submissions not written keep their detail) when the file cannot take them.
    fn write<'s>(&self, records: impl Iterator<Item = (&'s mut Submission, Vec<u8>)>) -> bool {
        let mut written = Vec::new();
        let ok = {
            let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
            let mut ok = true;
            for (s, r) in records {
                if file.0.write_all(&r).is_err() {
                    ok = false;
                    break;
                }
                written.push((key(s), (file.1, r.len() as u32)));
                file.1 += r.len() as u64;
                strip_detail(s);
            }
            ok
        };
        self.index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(written);
        ok
    }

    /// `s` with the detail of its answers read back (a copy: `s` itself stays lean).
    pub fn full(&self, s: &Submission) -> std::io::Result<Submission> {
        let mut full = s.clone();
        let found = self
            .index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key(s))
            .copied();
        let Some((offset, len)) = found else {
            return Ok(full);
        };
        let mut bytes = vec![0u8; len as usize];
        {
            let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
            file.0.seek(SeekFrom::Start(offset))?;
            file.0.read_exact(&mut bytes)?;
            // The next record goes at the end, wherever this read left the file.
            let end = file.1;
            file.0.seek(SeekFrom::Start(end))?;
        }
        restore_detail(&mut full, &bytes).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the temporary file of answer detail was changed while the report was written",
            )
        })?;
        Ok(full)
    }
}

impl super::Stow for DetailSpill {
    fn stow(&self, s: &mut Submission) {
        self.put(s);
    }
}

fn record(s: &Submission) -> Vec<u8> {
    let mut out = Vec::new();
    put_submission(&mut out, s);
    out
}

/// Appends the detail of `s` to `out`.
fn put_submission(out: &mut Vec<u8>, s: &Submission) {
    for a in &s.answers {
        put_detail(out, a.as_ref().and_then(|g| g.detail.as_deref()));
    }
    match s.review.as_deref() {
        None => out.push(0),
        Some(review) => {
            out.push(1);
            put_u32(out, review.indicators.len());
            for r in &review.indicators {
                match r {
                    None => out.push(0),
                    Some(r) => {
                        out.push(1);
                        put_detail(
                            out,
                            r.self_answer.as_ref().and_then(|g| g.detail.as_deref()),
                        );
                        put_opt_str(out, r.notes.as_deref());
                    }
                }
            }
        }
    }
}

/// Drops what [`put_submission`] writes from `s`.
fn strip_detail(s: &mut Submission) {
    for g in s.answers.iter_mut().flatten() {
        g.detail = None;
    }
    if let Some(review) = s.review.as_deref_mut() {
        for r in review.indicators.iter_mut().flatten() {
            if let Some(g) = &mut r.self_answer {
                g.detail = None;
            }
            r.notes = None;
        }
    }
}

/// Puts the detail of `bytes` (from [`put_submission`]) back into `s`; `None` if they do not fit
/// it.
fn restore_detail(s: &mut Submission, bytes: &[u8]) -> Option<()> {
    let mut r = Reader(bytes);
    for a in &mut s.answers {
        let detail = r.detail()?;
        if let (Some(g), Some(d)) = (a.as_mut(), detail) {
            g.detail = Some(d);
        }
    }
    if r.byte()? == 1 {
        let review = s.review.as_deref_mut()?;
        let n = r.u32()? as usize;
        if n != review.indicators.len() {
            return None;
        }
        for reviewed in &mut review.indicators {
            if r.byte()? == 1 {
                let reviewed = reviewed.as_mut()?;
                let detail = r.detail()?;
                if let (Some(g), Some(d)) = (reviewed.self_answer.as_mut(), detail) {
                    g.detail = Some(d);
                }
                reviewed.notes = r.opt_str()?;
            }
        }
    }
    r.0.is_empty().then_some(())
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn put_detail(out: &mut Vec<u8>, d: Option<&AnswerDetail>) {
    let Some(d) = d else {
        out.push(0);
        return;
    };
    out.push(1);
    put_str(out, &d.raw);
    put_opt_str(out, d.notes.as_deref());
    match &d.place {
        Place::File => out.push(0),
        Place::Cell { sheet, row, col } => {
            out.push(1);
            put_str(out, sheet);
            out.extend_from_slice(&row.to_le_bytes());
            out.extend_from_slice(&col.to_le_bytes());
        }
        Place::Sheet { sheet } => {
            out.push(2);
            put_str(out, sheet);
        }
        Place::Line { line, column } => {
            out.push(3);
            out.extend_from_slice(&line.to_le_bytes());
            match column {
                None => out.push(0),
                Some(c) => {
                    out.push(1);
                    out.extend_from_slice(&c.to_le_bytes());
                }
            }
        }
    }
}

/// Reads what the `put_*` functions wrote, `None` at any mismatch.
struct Reader<'b>(&'b [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn opt_str(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }

    fn detail(&mut self) -> Option<Option<Box<AnswerDetail>>> {
        if self.byte()? == 0 {
            return Some(None);
        }
        let raw = self.str()?;
        let notes = self.opt_str()?;
        let place = match self.byte()? {
            0 => Place::File,
            1 => Place::Cell {
                sheet: self.str()?,
                row: self.u32()?,
                col: self.u32()?,
            },
            2 => Place::Sheet { sheet: self.str()? },
            3 => Place::Line {
                line: self.u64()?,
                column: match self.byte()? {
                    0 => None,
                    1 => Some(self.u64()?),
                    _ => return None,
                },
            },
            _ => return None,
        };
        Some(Some(Box::new(AnswerDetail { raw, notes, place })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::{Answer, GivenAnswer, Review, Reviewed};

    fn submission() -> Submission {
        let region = crate::regions::lookup("32.73").expect("Bandung");
        let mut s = Submission::new(
            region,
            2024,
            vec![
                Some(GivenAnswer::with_detail(
                    Answer::Choice(2),
                    "2 - Berjalan".into(),
                    Some("SK <b>\"12\"</b> https://x.example/".into()),
                    Place::Cell {
                        sheet: "Tata Kelola".into(),
                        row: 11,
                        col: 3,
                    },
                )),
                None,
                Some(GivenAnswer::with_detail(
                    Answer::Number(75.5),
                    "75,5".into(),
                    None,
                    Place::Line {
                        line: 4_000_000_000,
                        column: Some(5),
                    },
                )),
                Some(GivenAnswer::new(Answer::NotApplicable)),
                Some(GivenAnswer::with_detail(
                    Answer::NotApplicable,
                    "".into(),
                    Some("".into()),
                    Place::Sheet { sheet: "ü".into() },
                )),
            ],
        );
        s.review = Some(Box::new(Review {
            indicators: vec![
                Some(Reviewed {
                    self_answer: Some(GivenAnswer::with_detail(
                        Answer::Choice(4),
                        "4".into(),
                        Some("dari daerah".into()),
                        Place::File,
                    )),
                    changed: true,
                    notes: Some("bukti tidak cukup".into()),
                }),
                None,
                Some(Reviewed {
                    self_answer: None,
                    changed: true,
                    notes: None,
                }),
                None,
                None,
            ],
            reviewed: 2,
            changed: 2,
            total: 5,
            ..Review::default()
        }));
        s
    }

    /// Everything the detail is made of, to compare a submission before and after.
    fn shown(s: &Submission) -> String {
        format!("{:?} {:?}", s.answers, s.review)
    }

    #[test]
    fn detail_taken_away_comes_back_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let original = submission();
        let mut batch = vec![original.clone()];
        let spill = DetailSpill::take(dir.path(), &mut batch).unwrap();
        // Only the answers understood stay.
        let lean = &batch[0];
        assert!(lean.answers.iter().flatten().all(|g| g.detail.is_none()));
        let review = lean.review.as_ref().unwrap();
        assert!(
            review
                .indicators
                .iter()
                .flatten()
                .all(|r| r.notes.is_none())
        );
        assert_eq!(
            lean.answers[2].as_ref().unwrap().answer,
            Answer::Number(75.5)
        );
        // The temporary file has no name in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let full = spill.full(lean).unwrap();
        assert_eq!(shown(&full), shown(&original));
        // A region-year whose detail was never moved (the disk was full) is as it was.
        let mut other = original.clone();
        other.year = 2023;
        assert_eq!(shown(&spill.full(&other).unwrap()), shown(&other));
    }

    #[test]
    fn a_record_that_does_not_fit_is_refused() {
        let mut s = submission();
        let mut bytes = Vec::new();
        put_submission(&mut bytes, &s);
        strip_detail(&mut s);
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            let mut t = s.clone();
            assert!(restore_detail(&mut t, &bytes[..cut]).is_none(), "{cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(restore_detail(&mut s.clone(), &longer).is_none());
        assert!(restore_detail(&mut s, &bytes).is_some());
    }

    /// Region-years put one at a time, from several threads and interleaved with reading back:
    /// each comes back as it was; one region-year from two files (a review beside the region's
    /// own file) keeps two records; a later record of the same file replaces the earlier (a
    /// long table read a second time).
    #[test]
    fn region_years_put_as_read_come_back_by_region_year_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let spill = DetailSpill::new(dir.path()).unwrap();
        let originals: Vec<Submission> = (0..64)
            .map(|i| {
                let mut s = submission();
                s.year = 2000 + i;
                s
            })
            .collect();
        let mut lean = originals.clone();
        lean.par_iter_mut().for_each(|s| {
            spill.put(s);
            // Reading back while others are written leaves the file where the next goes.
            let _ = spill.full(s).unwrap();
        });
        for (l, o) in lean.iter().zip(&originals) {
            assert!(l.answers.iter().flatten().all(|g| g.detail.is_none()));
            assert_eq!(shown(&spill.full(l).unwrap()), shown(o));
        }
        // The same region-year from another file.
        let mut review = submission();
        review.source.file = "review.xlsx".into();
        if let Some(Some(r)) = review.review.as_mut().map(|r| &mut r.indicators[0]) {
            r.notes = Some("dari berkas lain".into());
        }
        let expected = shown(&review);
        spill.put(&mut review);
        assert_eq!(shown(&spill.full(&review).unwrap()), expected);
        assert_eq!(
            shown(&spill.full(&lean[24]).unwrap()),
            shown(&originals[24])
        );
        // Read again: the later record stands.
        let mut again = originals[3].clone();
        if let Some(g) = again.answers[0].as_mut() {
            g.detail.as_mut().unwrap().raw = "2".into();
        }
        let expected = shown(&again);
        spill.put(&mut again);
        assert_eq!(shown(&spill.full(&lean[3]).unwrap()), expected);
    }
}
