//! The answers understood of a national table, packed: a byte or a number each instead of a
//! 24-byte value in a vector of its own.
//!
//! A ranking (`score --format csv|table`) needs each region-year's answers twice: when it is
//! validated, and when it is scored once the whole input is read. Between the two, a ten-year
//! panel of every village holds 835,290 region-years; as [`GivenAnswer`]s their answers took
//! 750 bytes each, packed they take about 40. [`PackedAnswers::stow`] packs a region-year as
//! soon as it is validated (the extractor's [`Stow`] hook) and empties its answers;
//! [`PackedAnswers::restore`] puts them back, unchanged, before anything reads them.

use super::{Answer, GivenAnswer, Stow, Submission};
use rustc_hash::FxHashMap;
use std::sync::RwLock;

/// Packed answers by region-year, in blocks of memory that are never moved once written.
#[derive(Debug, Default)]
pub struct PackedAnswers {
    inner: RwLock<Packs>,
}

#[derive(Debug, Default)]
struct Packs {
    /// Blocks of records; a record never spans two.
    blocks: Vec<Vec<u8>>,
    /// Where each region-year's record is: block, start, length.
    at: FxHashMap<Key, (u32, u32, u32)>,
}

/// A region-year, and (a hash of) the file it was read from: one region-year may come from two
/// files (a review beside the region's own file).
type Key = (&'static str, i32, u64);

fn key(s: &Submission) -> Key {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.source.file.hash(&mut h);
    (s.region.code, s.year, h.finish())
}

/// A block's size: large enough that blocks are few, small enough that the last one's unused
/// end does not matter.
const BLOCK: usize = 1 << 20;

// One tag byte per answer, then its value.
const BLANK: u8 = 0;
const NOT_APPLICABLE: u8 = 1;
/// An option among the first 256, in the next byte.
const CHOICE_BYTE: u8 = 2;
/// Any other option, in the next 8 bytes (little-endian).
const CHOICE: u8 = 3;
/// A number, its bits in the next 8 bytes (little-endian): read back exactly.
const NUMBER: u8 = 4;

impl PackedAnswers {
    /// An empty store.
    pub fn new() -> PackedAnswers {
        PackedAnswers::default()
    }

    /// `s` with its answers back, if they were packed.
    pub fn restore(&self, s: &mut Submission) {
        if !s.answers.is_empty() {
            return;
        }
        let packs = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let Some(&(block, start, len)) = packs.at.get(&key(s)) else {
            return;
        };
        let record = &packs.blocks[block as usize][start as usize..][..len as usize];
        s.answers = unpack(record);
    }
}

impl Stow for PackedAnswers {
    /// Packs the answers of `s` and empties them. A region-year whose answers carry what was
    /// typed (not a ranking's) or an evaluator's review (its own answers are compared with the
    /// region's file) keeps them as they are.
    fn stow(&self, s: &mut Submission) {
        if s.review.is_some()
            || s.answers.is_empty()
            || s.answers.iter().flatten().any(|a| a.has_detail())
        {
            return;
        }
        let record = pack(&s.answers);
        let mut packs = self.inner.write().unwrap_or_else(|e| e.into_inner());
        let fits = packs
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= record.len());
        if !fits {
            packs
                .blocks
                .push(Vec::with_capacity(BLOCK.max(record.len())));
        }
        let block = packs.blocks.len() - 1;
        let last = &mut packs.blocks[block];
        let start = last.len();
        last.extend_from_slice(&record);
        let at = (block as u32, start as u32, record.len() as u32);
        packs.at.insert(key(s), at);
        drop(packs);
        s.answers = Vec::new();
    }

    fn restore(&self, s: &mut Submission) {
        PackedAnswers::restore(self, s);
    }
}

/// The record of `answers` (none with detail).
fn pack(answers: &[Option<GivenAnswer>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(answers.len() * 2);
    for a in answers {
        match a.as_ref().map(|a| a.answer) {
            None => out.push(BLANK),
            Some(Answer::NotApplicable) => out.push(NOT_APPLICABLE),
            Some(Answer::Choice(i)) => match u8::try_from(i) {
                Ok(b) => out.extend([CHOICE_BYTE, b]),
                Err(_) => {
                    out.push(CHOICE);
                    out.extend((i as u64).to_le_bytes());
                }
            },
            Some(Answer::Number(n)) => {
                out.push(NUMBER);
                out.extend(n.to_bits().to_le_bytes());
            }
        }
    }
    out
}

/// The answers of a record made by [`pack`].
fn unpack(mut record: &[u8]) -> Vec<Option<GivenAnswer>> {
    let mut answers = Vec::new();
    while let Some((&tag, rest)) = record.split_first() {
        let (answer, rest) = match tag {
            NOT_APPLICABLE => (Some(Answer::NotApplicable), rest),
            CHOICE_BYTE => (Some(Answer::Choice(rest[0] as usize)), &rest[1..]),
            CHOICE => (Some(Answer::Choice(word(rest) as usize)), &rest[8..]),
            NUMBER => (Some(Answer::Number(f64::from_bits(word(rest)))), &rest[8..]),
            _ => (None, rest),
        };
        answers.push(answer.map(GivenAnswer::new));
        record = rest;
    }
    answers
}

/// The little-endian word at the start of `bytes`.
fn word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answer() -> impl Strategy<Value = Option<Answer>> {
        prop_oneof![
            Just(None),
            Just(Some(Answer::NotApplicable)),
            (0usize..300).prop_map(|i| Some(Answer::Choice(i))),
            any::<usize>().prop_map(|i| Some(Answer::Choice(i))),
            any::<f64>()
                .prop_filter("finite", |n| n.is_finite())
                .prop_map(|n| Some(Answer::Number(n))),
            Just(Some(Answer::Number(-0.0))),
        ]
    }

    proptest! {
        #[test]
        fn answers_come_back_exactly(answers in proptest::collection::vec(answer(), 0..80)) {
            let given: Vec<Option<GivenAnswer>> =
                answers.iter().map(|a| a.map(GivenAnswer::new)).collect();
            let back = unpack(&pack(&given));
            prop_assert_eq!(back.len(), given.len());
            for (b, g) in back.iter().zip(&given) {
                match (b.as_ref().map(|a| a.answer), g.as_ref().map(|a| a.answer)) {
                    (Some(Answer::Number(x)), Some(Answer::Number(y))) => {
                        prop_assert_eq!(x.to_bits(), y.to_bits())
                    }
                    (x, y) => prop_assert_eq!(x, y),
                }
            }
        }
    }

    #[test]
    fn a_submission_is_emptied_and_restored() {
        let region = crate::regions::lookup("32.73").unwrap();
        let answers = vec![
            Some(GivenAnswer::new(Answer::Choice(3))),
            None,
            Some(GivenAnswer::new(Answer::Number(75.5))),
            Some(GivenAnswer::new(Answer::NotApplicable)),
        ];
        let mut s = Submission::new(region, 2024, answers.clone());
        let store = PackedAnswers::new();
        store.stow(&mut s);
        assert!(s.answers.is_empty());
        store.restore(&mut s);
        let got: Vec<_> = s
            .answers
            .iter()
            .map(|a| a.as_ref().map(|a| a.answer))
            .collect();
        let want: Vec<_> = answers
            .iter()
            .map(|a| a.as_ref().map(|a| a.answer))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn answers_with_what_was_typed_stay() {
        let region = crate::regions::lookup("32.73").unwrap();
        let typed = GivenAnswer::with_detail(
            Answer::Choice(1),
            "1".into(),
            None,
            crate::diagnostics::Place::File,
        );
        let mut s = Submission::new(region, 2024, vec![Some(typed)]);
        PackedAnswers::new().stow(&mut s);
        assert_eq!(s.answers.len(), 1);
    }
}
