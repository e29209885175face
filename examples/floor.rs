//! The floor of the benchmark: the least any tool must do to read the same inputs as
//! `smartcity score` — open every file, read every cell of every sheet, and nothing else.
//!
//! ```text
//! cargo run --release --example floor -- FILE_OR_FOLDER...
//! ```
//!
//! Workbooks go through calamine exactly as the tool opens them (`open_workbook_auto`, then
//! `worksheet_range` for every sheet, then every cell of the range), CSV through the csv crate
//! (`StringRecord`, so text is UTF-8-checked as the tool must); folders are searched recursively
//! for the same extensions the tool reads. Files are spread over rayon's global pool like the
//! tool's, so `RAYON_NUM_THREADS` sets the threads of both. What is read is summed and printed
//! so the compiler cannot skip the reading.
//!
//! A single CSV or workbook is one unit of work on one thread, here and in the tool alike.
//!
//! `--stream` reads xlsx sheets with calamine's cell reader instead (`worksheet_cells_reader`:
//! cells one by one as the XML is parsed, shared strings borrowed, no `Range` built). It is not
//! the floor the targets are measured against — the tool uses `worksheet_range` — but the lower
//! bound on time and memory that a streaming reader could reach.

use calamine::{Data, DataRef, Reader, Xlsx, open_workbook_auto};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a pass read: files, sheets, non-empty cells, bytes of text.
#[derive(Default, Clone, Copy)]
struct Tally {
    files: u64,
    sheets: u64,
    cells: u64,
    text_bytes: u64,
}

impl Tally {
    fn add(self, o: Tally) -> Tally {
        Tally {
            files: self.files + o.files,
            sheets: self.sheets + o.sheets,
            cells: self.cells + o.cells,
            text_bytes: self.text_bytes + o.text_bytes,
        }
    }
}

fn is_input(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(
        ext.as_deref(),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "csv" | "tsv")
    )
}

/// Files under `path`, in name order, skipping hidden files and Excel lock files as the tool does.
fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return;
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if is_input(&p) {
            out.push(p);
        }
    }
}

fn read_workbook(path: &Path) -> Tally {
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut t = Tally {
        files: 1,
        ..Tally::default()
    };
    for name in wb.sheet_names().to_vec() {
        let range = wb
            .worksheet_range(&name)
            .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
        t.sheets += 1;
        for row in range.rows() {
            for cell in row {
                match cell {
                    Data::Empty => continue,
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                        t.text_bytes += s.len() as u64
                    }
                    _ => {}
                }
                t.cells += 1;
            }
        }
    }
    t
}

/// Every cell of every sheet of an xlsx, streamed: no sheet is ever held whole in memory.
fn stream_xlsx(path: &Path) -> Tally {
    let mut wb: Xlsx<_> =
        calamine::open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut t = Tally {
        files: 1,
        ..Tally::default()
    };
    for name in wb.sheet_names().to_vec() {
        let mut cells = wb
            .worksheet_cells_reader(&name)
            .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
        t.sheets += 1;
        while let Some(cell) = cells
            .next_cell()
            .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()))
        {
            match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::SharedString(s) => t.text_bytes += s.len() as u64,
                DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                    t.text_bytes += s.len() as u64
                }
                _ => {}
            }
            t.cells += 1;
        }
    }
    t
}

/// The delimiter the tool would pick: the most frequent of `,` `;` tab on the first line.
fn sniff_delimiter(path: &Path) -> u8 {
    use std::io::BufRead;
    let mut first = String::new();
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let _ = std::io::BufReader::new(file).read_line(&mut first);
    let count = |c: char| first.matches(c).count();
    let counts = [(count(','), b','), (count(';'), b';'), (count('\t'), b'\t')];
    counts
        .iter()
        .max_by_key(|(n, _)| *n)
        .map_or(b',', |(_, d)| *d)
}

fn read_csv(path: &Path) -> Tally {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(path))
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut t = Tally {
        files: 1,
        sheets: 1,
        ..Tally::default()
    };
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    {
        for field in record.iter() {
            if !field.is_empty() {
                t.cells += 1;
                t.text_bytes += field.len() as u64;
            }
        }
    }
    t
}

fn main() {
    let mut stream = false;
    let inputs: Vec<PathBuf> = std::env::args_os()
        .skip(1)
        .filter(|a| {
            let flag = a == "--stream";
            stream |= flag;
            !flag
        })
        .map(PathBuf::from)
        .collect();
    if inputs.is_empty() {
        eprintln!("floor [--stream] FILE_OR_FOLDER...");
        std::process::exit(2);
    }
    let started = Instant::now();
    let mut files = Vec::new();
    for i in &inputs {
        walk(i, &mut files);
    }
    let total = files
        .par_iter()
        .map(|f| {
            let ext = f
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match ext.as_deref() {
                Some("csv" | "tsv") => read_csv(f),
                Some("xlsx" | "xlsm") if stream => stream_xlsx(f),
                _ => read_workbook(f),
            }
        })
        .reduce(Tally::default, Tally::add);
    println!(
        "{} files, {} sheets, {} cells, {} bytes of text, {} threads, {:.3} s",
        total.files,
        total.sheets,
        total.cells,
        total.text_bytes,
        rayon::current_num_threads(),
        started.elapsed().as_secs_f64()
    );
}
