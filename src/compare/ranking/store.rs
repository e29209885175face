//! Where the rows of a ranking's finished years wait while later years are scored.
//!
//! A year's rows are final once it is ranked (its ranks, and its change since earlier years), but
//! the results are written newest year first, after the last year is scored. A ten-year national
//! panel has 835,290 rows of about 850 bytes each in memory; written to an unnamed temporary file
//! in a compact encoding (about 250 bytes each) they cost nothing until they are read back, one
//! year at a time. When no temporary file can be made, the encoded rows stay in memory.
//!
//! The encoding is private and lives only as long as the run: little-endian numbers, an optional
//! value as a presence byte and the value, regions and files as indices into lists kept here.

use super::{Earlier, Part, Ranked};
use crate::regions::Region;
use crate::scoring::next_band::{NextBandPlan, Step};
use crate::scoring::{Coverage, IndexStatus};
use crate::submission::{Answer, VerificationStatus};
use rustc_hash::FxHashMap;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Encoded years: in a temporary file, or in memory when none could be made.
#[derive(Debug, Default)]
pub(super) struct Store {
    file: Option<Mutex<std::fs::File>>,
    /// Where the next year goes in the file.
    end: u64,
    /// Encoded years kept in memory (no file).
    kept: Vec<Vec<u8>>,
    regions: Vec<Region>,
    region_ids: FxHashMap<&'static str, u32>,
    files: Vec<Arc<Path>>,
    file_ids: FxHashMap<Arc<Path>, u32>,
    tried: bool,
}

/// Where one year's encoded rows are.
#[derive(Debug, Clone, Copy)]
pub(super) enum Span {
    /// In the file, at an offset.
    File { at: u64, len: u64 },
    /// In [`Store::kept`].
    Kept(usize),
}

impl Store {
    /// Encodes `rows` and puts them away.
    pub(super) fn put(&mut self, rows: &[Ranked]) -> Span {
        let mut out = Vec::with_capacity(rows.len() * 256);
        for r in rows {
            self.encode(r, &mut out);
        }
        if !self.tried {
            self.tried = true;
            self.file = tempfile::tempfile().ok().map(Mutex::new);
        }
        if let Some(file) = &self.file {
            let mut f = file.lock().unwrap_or_else(|e| e.into_inner());
            let at = self.end;
            let written = f.seek(SeekFrom::Start(at)).and_then(|_| f.write_all(&out));
            if written.is_ok() {
                self.end += out.len() as u64;
                return Span::File {
                    at,
                    len: out.len() as u64,
                };
            }
        }
        self.kept.push(out);
        Span::Kept(self.kept.len() - 1)
    }

    /// The `count` rows put away at `span`.
    pub(super) fn get(&self, span: Span, count: usize) -> io::Result<Vec<Ranked>> {
        let bytes;
        let data: &[u8] = match span {
            Span::Kept(k) => self.kept.get(k).ok_or_else(|| invalid("span"))?,
            Span::File { at, len } => {
                let file = self.file.as_ref().ok_or_else(|| invalid("no file"))?;
                let mut f = file.lock().unwrap_or_else(|e| e.into_inner());
                f.seek(SeekFrom::Start(at))?;
                let mut buf = vec![0; usize::try_from(len).map_err(|_| invalid("length"))?];
                f.read_exact(&mut buf)?;
                bytes = buf;
                &bytes
            }
        };
        let mut cur = Cursor(data);
        let rows = (0..count)
            .map(|_| self.decode(&mut cur))
            .collect::<io::Result<Vec<_>>>()?;
        if cur.0.is_empty() {
            Ok(rows)
        } else {
            Err(invalid("trailing bytes"))
        }
    }

    fn encode(&mut self, r: &Ranked, out: &mut Vec<u8>) {
        let region = match self.region_ids.get(r.region.code) {
            Some(&i) => i,
            None => {
                let i = self.regions.len() as u32;
                self.regions.push(r.region.clone());
                self.region_ids.insert(r.region.code, i);
                i
            }
        };
        let file = match self.file_ids.get(&r.file) {
            Some(&i) => i,
            None => {
                let i = self.files.len() as u32;
                self.files.push(r.file.clone());
                self.file_ids.insert(r.file.clone(), i);
                i
            }
        };
        out.extend(region.to_le_bytes());
        out.extend(r.year.to_le_bytes());
        out.extend(file.to_le_bytes());
        put_f64(out, r.index);
        out.push(match r.status {
            IndexStatus::Computed => 0,
            IndexStatus::Insufficient => 1,
        });
        put_usize(out, r.band);
        for n in [
            r.coverage.answered,
            r.coverage.not_applicable,
            r.coverage.missing,
            r.coverage.total,
        ] {
            put_usize(out, Some(n));
        }
        for rank in [r.rank, r.rank_kind, r.rank_province] {
            put_u32(out, rank);
        }
        match &r.previous {
            None => out.push(0),
            Some(p) => {
                out.push(1);
                out.extend(p.year.to_le_bytes());
                put_f64(out, p.index);
                put_usize(out, p.band);
                put_u32(out, p.rank);
            }
        }
        put_f64(out, r.improvement);
        for parts in [&r.dimensions, &r.components] {
            put_usize(out, Some(parts.len()));
            for p in parts.iter() {
                put_f64(out, p.score);
                put_f64(out, p.improvement);
            }
        }
        match r.next_band.as_deref() {
            None => out.push(0),
            Some(plan) => {
                out.push(1);
                put_usize(out, Some(plan.band));
                put_f64(out, Some(plan.threshold));
                put_f64(out, Some(plan.gap));
                put_usize(out, Some(plan.steps.len()));
                for s in &plan.steps {
                    put_usize(out, Some(s.indicator));
                    put_answer(out, s.answer.as_ref());
                    put_answer(out, Some(&s.to_answer));
                    put_f64(out, Some(s.gain));
                }
            }
        }
        put_f64(out, r.self_index);
        put_f64(out, r.self_gap);
        out.push(match r.verification {
            VerificationStatus::SelfAssessed => 0,
            VerificationStatus::PartlyVerified => 1,
            VerificationStatus::Verified => 2,
        });
        put_usize(out, Some(r.reviewed));
        put_usize(out, Some(r.changed));
    }

    fn decode(&self, c: &mut Cursor<'_>) -> io::Result<Ranked> {
        let region = self
            .regions
            .get(c.u32()? as usize)
            .ok_or_else(|| invalid("region"))?;
        let year = c.i32()?;
        let file = self
            .files
            .get(c.u32()? as usize)
            .ok_or_else(|| invalid("file"))?;
        let index = c.f64()?;
        let status = match c.byte()? {
            0 => IndexStatus::Computed,
            1 => IndexStatus::Insufficient,
            _ => return Err(invalid("status")),
        };
        let band = c.usize()?;
        let coverage = Coverage {
            answered: c.count()?,
            not_applicable: c.count()?,
            missing: c.count()?,
            total: c.count()?,
        };
        let (rank, rank_kind, rank_province) = (c.u32_opt()?, c.u32_opt()?, c.u32_opt()?);
        let previous = match c.byte()? {
            0 => None,
            _ => Some(Earlier {
                year: c.i32()?,
                index: c.f64()?,
                band: c.usize()?,
                rank: c.u32_opt()?,
            }),
        };
        let improvement = c.f64()?;
        let mut parts = || -> io::Result<Box<[Part]>> {
            let n = c.count()?;
            (0..n)
                .map(|_| {
                    Ok(Part {
                        score: c.f64()?,
                        improvement: c.f64()?,
                    })
                })
                .collect()
        };
        let dimensions = parts()?;
        let components = parts()?;
        let next_band = match c.byte()? {
            0 => None,
            _ => {
                let band = c.count()?;
                let threshold = c.number()?;
                let gap = c.number()?;
                let n = c.count()?;
                let steps = (0..n)
                    .map(|_| {
                        Ok(Step {
                            indicator: c.count()?,
                            answer: c.answer()?,
                            to_answer: c.answer()?.ok_or_else(|| invalid("answer"))?,
                            gain: c.number()?,
                        })
                    })
                    .collect::<io::Result<Vec<Step>>>()?;
                Some(Box::new(NextBandPlan {
                    band,
                    threshold,
                    gap,
                    steps,
                }))
            }
        };
        Ok(Ranked {
            region: region.clone(),
            year,
            file: file.clone(),
            index,
            status,
            band,
            coverage,
            rank,
            rank_kind,
            rank_province,
            previous,
            improvement,
            dimensions,
            components,
            next_band,
            self_index: c.f64()?,
            self_gap: c.f64()?,
            verification: match c.byte()? {
                0 => VerificationStatus::SelfAssessed,
                1 => VerificationStatus::PartlyVerified,
                2 => VerificationStatus::Verified,
                _ => return Err(invalid("verification")),
            },
            reviewed: c.count()?,
            changed: c.count()?,
        })
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("ranking rows read back: bad {what}"),
    )
}

fn put_f64(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        None => out.push(0),
        Some(v) => {
            out.push(1);
            out.extend(v.to_bits().to_le_bytes());
        }
    }
}

fn put_usize(out: &mut Vec<u8>, v: Option<usize>) {
    match v {
        None => out.push(0),
        Some(v) => {
            out.push(1);
            out.extend((v as u64).to_le_bytes());
        }
    }
}

fn put_u32(out: &mut Vec<u8>, v: Option<u32>) {
    match v {
        None => out.push(0),
        Some(v) => {
            out.push(1);
            out.extend(v.to_le_bytes());
        }
    }
}

fn put_answer(out: &mut Vec<u8>, a: Option<&Answer>) {
    match a {
        None => out.push(0),
        Some(Answer::Choice(i)) => {
            out.push(1);
            out.extend((*i as u64).to_le_bytes());
        }
        Some(Answer::Number(n)) => {
            out.push(2);
            out.extend(n.to_bits().to_le_bytes());
        }
        Some(Answer::NotApplicable) => out.push(3),
    }
}

/// Reads what the `put_*` functions wrote.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn take<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            .ok_or_else(|| invalid("end"))?;
        self.0 = rest;
        Ok(*head)
    }

    fn byte(&mut self) -> io::Result<u8> {
        Ok(self.take::<1>()?[0])
    }

    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.take()?))
    }

    fn i32(&mut self) -> io::Result<i32> {
        Ok(i32::from_le_bytes(self.take()?))
    }

    fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(self.take()?))
    }

    fn f64(&mut self) -> io::Result<Option<f64>> {
        Ok(match self.byte()? {
            0 => None,
            _ => Some(f64::from_bits(self.u64()?)),
        })
    }

    fn number(&mut self) -> io::Result<f64> {
        self.f64()?.ok_or_else(|| invalid("number"))
    }

    fn usize(&mut self) -> io::Result<Option<usize>> {
        Ok(match self.byte()? {
            0 => None,
            _ => Some(usize::try_from(self.u64()?).map_err(|_| invalid("count"))?),
        })
    }

    fn count(&mut self) -> io::Result<usize> {
        self.usize()?.ok_or_else(|| invalid("count"))
    }

    fn u32_opt(&mut self) -> io::Result<Option<u32>> {
        Ok(match self.byte()? {
            0 => None,
            _ => Some(self.u32()?),
        })
    }

    fn answer(&mut self) -> io::Result<Option<Answer>> {
        Ok(match self.byte()? {
            0 => None,
            1 => Some(Answer::Choice(
                usize::try_from(self.u64()?).map_err(|_| invalid("choice"))?,
            )),
            2 => Some(Answer::Number(f64::from_bits(self.u64()?))),
            3 => Some(Answer::NotApplicable),
            _ => return Err(invalid("answer")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, year: i32, file: &Arc<Path>, k: u32) -> Ranked {
        let some = |v: f64| (!k.is_multiple_of(3)).then_some(v);
        Ranked {
            region: crate::regions::lookup(code).expect("a real code"),
            year,
            file: file.clone(),
            index: some(3.0 + 0.1 / f64::from(k + 1)),
            status: if k.is_multiple_of(4) {
                IndexStatus::Insufficient
            } else {
                IndexStatus::Computed
            },
            band: (k.is_multiple_of(2)).then_some(k as usize),
            coverage: Coverage {
                answered: 27,
                not_applicable: 1,
                missing: 2,
                total: 30,
            },
            rank: some(f64::from(k)).map(|r| r as u32),
            rank_kind: Some(k + 1),
            rank_province: None,
            previous: (k % 2 == 1).then_some(Earlier {
                year: year - 1,
                index: some(-0.0),
                band: None,
                rank: Some(7),
            }),
            improvement: some(f64::MIN_POSITIVE),
            dimensions: (0..k % 5)
                .map(|d| Part {
                    score: some(f64::from(d) / 3.0),
                    improvement: (d % 2 == 0).then_some(-1e-300),
                })
                .collect(),
            components: Box::new([]),
            next_band: (k % 3 == 1).then(|| {
                Box::new(NextBandPlan {
                    band: 2,
                    threshold: 3.5,
                    gap: 0.25,
                    steps: vec![
                        Step {
                            indicator: 4,
                            answer: None,
                            to_answer: Answer::Choice(300),
                            gain: 0.125,
                        },
                        Step {
                            indicator: 29,
                            answer: Some(Answer::Number(44.8)),
                            to_answer: Answer::NotApplicable,
                            gain: 1.0 / 7.0,
                        },
                    ],
                })
            }),
            self_index: some(2.5),
            self_gap: None,
            verification: [
                VerificationStatus::SelfAssessed,
                VerificationStatus::PartlyVerified,
                VerificationStatus::Verified,
            ][k as usize % 3],
            reviewed: k as usize,
            changed: usize::MAX,
        }
    }

    /// Rows put away come back as they were, year by year, whether in the file or in memory.
    #[test]
    fn rows_put_away_come_back_the_same() {
        let a: Arc<Path> = Arc::from(Path::new("/data/2023/desa.csv"));
        let b: Arc<Path> = Arc::from(Path::new("kota bandung.xlsx"));
        let years: Vec<Vec<Ranked>> = (0..3)
            .map(|y| {
                (0..40)
                    .map(|k| {
                        let code = ["32.73", "11.01.01.2001", "31"][(k % 3) as usize];
                        row(code, 2021 + y, if k % 2 == 0 { &a } else { &b }, k)
                    })
                    .collect()
            })
            .collect();
        for in_file in [true, false] {
            let mut store = Store::default();
            if !in_file {
                // As when no temporary file can be made.
                store.tried = true;
            }
            let spans: Vec<Span> = years.iter().map(|rows| store.put(rows)).collect();
            assert_eq!(matches!(spans[0], Span::File { .. }), in_file);
            for (rows, span) in years.iter().zip(spans).rev() {
                let back = store.get(span, rows.len()).unwrap();
                assert_eq!(format!("{back:?}"), format!("{rows:?}"));
                assert!(Arc::ptr_eq(&back[0].file, &a) && Arc::ptr_eq(&back[1].file, &b));
            }
            // A count past what was put away is refused, not read past.
            assert!(store.get(Span::Kept(0), 41).is_err());
        }
    }
}
