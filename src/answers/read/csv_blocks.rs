//! A CSV stream cut into blocks of whole records, so that the blocks can be parsed on several
//! threads: each block ends at a line break outside quotes, and knows the line it starts on.

use super::csv_quotes::{swallowing_problem, swallowing_quote};
use super::errors::{over_limit, unreadable_io};
use super::limits::MAX_RECORD_BYTES;
use crate::diagnostics::{Place, Problem};
use std::io::Read;
use std::path::Path;

/// Bytes read at a time: a block is cut at its last line break outside quotes, so that blocks
/// hold whole records and can be parsed on several threads.
pub(super) const BLOCK_BYTES: usize = 1 << 20;

/// A run of whole records of a CSV, and the line its first byte is on.
#[derive(Debug)]
pub struct Block {
    pub(super) bytes: Vec<u8>,
    pub(super) line: u64,
}

impl Block {
    /// Its size in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }
}

/// Cuts a CSV stream into [`Block`]s of whole records.
pub(super) struct Blocks<R> {
    input: R,
    delimiter: u8,
    size: usize,
    /// The header's delimiter count, to name a quote never closed (see [`swallowing_quote`]).
    shape: Option<usize>,
    /// Longest record taken ([`MAX_RECORD_BYTES`]; smaller in tests).
    max_record: usize,
    /// Bytes read and not yet handed out.
    carry: Vec<u8>,
    /// Buffers of blocks done with, for the next blocks (their memory is already mapped).
    spare: Vec<Vec<u8>>,
    /// Line of the first byte of `carry`.
    line: u64,
    read: u64,
    eof: bool,
}

impl<R: Read> Blocks<R> {
    pub(super) fn new(input: R, delimiter: u8, size: usize) -> Self {
        Blocks {
            input,
            delimiter,
            size,
            shape: None,
            max_record: MAX_RECORD_BYTES,
            carry: Vec::new(),
            spare: Vec::new(),
            line: 1,
            read: 0,
            eof: false,
        }
    }

    /// The same, knowing the header's delimiter count.
    pub(super) fn with_shape(mut self, shape: Option<usize>) -> Self {
        self.shape = shape;
        self
    }

    /// The same, with another record limit (to test it without 64 MiB of input).
    #[cfg(test)]
    pub(super) fn with_max_record(mut self, bytes: usize) -> Self {
        self.max_record = bytes;
        self
    }

    /// Takes back the buffers of blocks done with.
    pub(super) fn recycle(&mut self, blocks: Vec<Block>) {
        self.spare.extend(blocks.into_iter().map(|b| b.bytes));
    }

    /// Up to `n` blocks.
    pub(super) fn take(&mut self, path: &Path, n: usize) -> Result<Vec<Block>, Problem> {
        let mut blocks = Vec::with_capacity(n);
        while blocks.len() < n
            && let Some(b) = self.next(path)?
        {
            blocks.push(b);
        }
        Ok(blocks)
    }

    /// The next block, or `None` at the end.
    pub(super) fn next(&mut self, path: &Path) -> Result<Option<Block>, Problem> {
        loop {
            // Read as much again as is waiting (at least a block): a record that will not end
            // (an unclosed quote) costs a linear scan, not a quadratic one.
            let want = self.carry.len() + self.carry.len().max(self.size);
            if self.carry.len() > self.max_record {
                return Err(self.record_too_long(path));
            }
            self.fill(path, want)?;
            if self.carry.is_empty() {
                return Ok(None);
            }
            let cut = if self.eof {
                Some(self.carry.len())
            } else {
                last_break(&self.carry)
                    .and_then(|end| record_cut(&self.carry[..end], self.delimiter))
            };
            if let Some(cut) = cut {
                let mut bytes = self.spare.pop().unwrap_or_default();
                bytes.clear();
                bytes.extend_from_slice(&self.carry[..cut]);
                self.carry.drain(..cut);
                let line = self.line;
                self.line += count_breaks(&bytes);
                return Ok(Some(Block { bytes, line }));
            }
        }
    }

    /// A record longer than [`MAX_RECORD_BYTES`] starts `carry`: a quote opened there and never
    /// closed within the limit, named where it opened when it can be; else E020 at the line.
    fn record_too_long(&self, path: &Path) -> Problem {
        let head = &self.carry[..self.max_record.min(self.carry.len())];
        if let Some(s) = swallowing_quote(head, self.delimiter, self.line, self.shape, true) {
            return swallowing_problem(path, &s);
        }
        let mib = self.max_record >> 20;
        over_limit(
            path,
            Place::Line {
                line: self.line,
                column: None,
            },
            format!("satu baris CSV lebih dari {mib} MiB (tanda kutip yang tidak pernah ditutup?)"),
            format!("one CSV record is longer than {mib} MiB (a quote never closed?)"),
        )
    }

    /// Reads until `carry` holds `want` bytes or the input ends.
    fn fill(&mut self, path: &Path, want: usize) -> Result<(), Problem> {
        let io = |e: std::io::Error| unreadable_io(path, &e);
        let mut n = self.carry.len();
        self.carry.resize(want, 0);
        while n < want && !self.eof {
            match self.input.read(&mut self.carry[n..]) {
                Ok(0) => self.eof = true,
                Ok(k) => {
                    n += k;
                    self.read += k as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io(e)),
            }
        }
        self.carry.truncate(n);
        Ok(())
    }
}

/// The offset just past the last line break of `buf` that is known to be one: a `\n`, or a `\r`
/// with something other than `\n` after it.
fn last_break(buf: &[u8]) -> Option<usize> {
    let mut end = buf.len();
    while let Some(p) = memchr::memrchr2(b'\n', b'\r', &buf[..end]) {
        // A `\r` at the very end may be the first half of `\r\n`: look further back.
        if buf[p] == b'\n' || p + 1 < buf.len() {
            return Some(p + 1);
        }
        end = p;
    }
    None
}

/// Line breaks in `bytes`, counted as the reader numbers lines (`\r\n`, `\n` or a lone `\r`).
fn count_breaks(bytes: &[u8]) -> u64 {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&p| bytes[p] == b'\n' || bytes.get(p + 1) != Some(&b'\n'))
        .count() as u64
}

/// Where to cut `candidate` (bytes from a record boundary up to a line break) so that the
/// block holds whole records: at its end unless that is inside a quoted field, then after the
/// last whole record; `None` if not even one record ends in it. Without a quote there is
/// nothing to check; otherwise it is parsed, by the same rules as the csv crate's reader,
/// without keeping anything.
fn record_cut(candidate: &[u8], delimiter: u8) -> Option<usize> {
    if memchr::memchr(b'"', candidate).is_none() {
        return Some(candidate.len());
    }
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let (mut out, mut ends) = ([0u8; 4096], [0usize; 64]);
    let (mut input, mut consumed, mut cut) = (candidate, 0, None);
    loop {
        let (result, nin, _, _) = reader.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        consumed += nin;
        match result {
            csv_core::ReadRecordResult::Record => {
                // A record ended by `\r\n` is reported at the `\r`: keep the pair together.
                let crlf = candidate[..consumed].ends_with(b"\r")
                    && candidate.get(consumed) == Some(&b'\n');
                cut = Some(consumed + usize::from(crlf));
            }
            csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => {
                return cut.filter(|&c| c > 0);
            }
            csv_core::ReadRecordResult::OutputFull | csv_core::ReadRecordResult::OutputEndsFull => {
            }
        }
    }
}
