//! A big workbook read on a thread of its own. The reader library parses one sheet's XML on one
//! thread and nothing can split that; what can be done is to take in the rows already read —
//! validating and scoring them on the other threads — while it goes on parsing.

use super::errors::unreadable;
use super::row::{Row, RowSink};
use crate::diagnostics::Problem;
use std::path::Path;
use std::sync::mpsc::{SyncSender, sync_channel};

/// Workbooks from this size up are read on a thread of their own; smaller ones (a questionnaire
/// is tens of kilobytes) are read where they are, many at once.
pub const OWN_THREAD_BYTES: u64 = 2 << 20;

/// What the reader said, in order.
enum Event {
    Start(Option<String>),
    Row(Row),
    End,
    Problem(Problem),
}

/// Events handed over at once, and batches waiting at most: the reader never runs more than
/// this far ahead, so memory stays bounded however big the sheet.
const BATCH: usize = 256;
const QUEUE: usize = 8;

/// The reader thread's sink: passes everything on in batches.
struct Relay {
    events: Vec<Event>,
    tx: SyncSender<Vec<Event>>,
}

impl Relay {
    fn push(&mut self, event: Event) {
        self.events.push(event);
        if self.events.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.events.is_empty() {
            let events = std::mem::replace(&mut self.events, Vec::with_capacity(BATCH));
            // The receiver only goes away once everything is sent.
            let _ = self.tx.send(events);
        }
    }
}

impl RowSink for Relay {
    fn start_sheet(&mut self, name: Option<&str>) {
        self.push(Event::Start(name.map(str::to_string)));
    }

    fn row(&mut self, row: &Row) {
        self.push(Event::Row(row.clone()));
    }

    fn take_row(&mut self, row: Row) {
        self.push(Event::Row(row));
    }

    fn end_sheet(&mut self) {
        self.push(Event::End);
    }

    fn problem(&mut self, problem: Problem) {
        self.push(Event::Problem(problem));
    }
}

/// Runs `read` (a reader feeding the sink it is given) on a thread of its own, feeding `sink`
/// here as rows arrive. The result is the same as running `read` on `sink` directly.
pub fn relayed(
    path: &Path,
    read: impl FnOnce(&mut dyn RowSink) -> Result<(), Problem> + Send,
    sink: &mut dyn RowSink,
) -> Result<(), Problem> {
    let (tx, rx) = sync_channel::<Vec<Event>>(QUEUE);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut relay = Relay {
                events: Vec::with_capacity(BATCH),
                tx,
            };
            let read = read(&mut relay);
            relay.flush();
            read
        });
        for events in rx {
            for event in events {
                match event {
                    Event::Start(name) => sink.start_sheet(name.as_deref()),
                    Event::Row(row) => sink.take_row(row),
                    Event::End => sink.end_sheet(),
                    Event::Problem(p) => sink.problem(p),
                }
            }
        }
        reader.join().unwrap_or_else(|_| {
            // Readers catch the reader library's panics themselves; this is the last resort.
            let why = "pembaca berhenti tiba-tiba".to_string();
            Err(unreadable(
                path,
                why,
                "the reader stopped unexpectedly".into(),
            ))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::read_file_into;
    use super::super::row::SheetCollector;
    use super::*;

    #[test]
    fn relayed_reading_gives_what_reading_in_place_gives() {
        for name in [
            "long-table.xlsx",
            "questionnaire-problems.xlsx",
            "long-windows-1252.csv",
        ] {
            let path = Path::new("tests/fixtures/answers").join(name);
            let (mut here, mut there) = (SheetCollector::default(), SheetCollector::default());
            read_file_into(&path, &mut here).unwrap();
            relayed(&path, |s| read_file_into(&path, s), &mut there).unwrap();
            assert_eq!(
                format!("{:?}", here.sheets),
                format!("{:?}", there.sheets),
                "{name}"
            );
        }
        let missing = Path::new("tests/fixtures/answers/no-such-file.xlsx");
        let mut sink = SheetCollector::default();
        assert!(relayed(missing, |s| read_file_into(missing, s), &mut sink).is_err());
    }
}
