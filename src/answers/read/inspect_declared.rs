//! Sizes a workbook declares, bounded before the reader library allocates from them: the shared
//! string count of an xlsx (the library reserves room for every declared string: 4 billion of
//! them in a 2 KB file is 96 GB and an abort), and the number of sheets of any workbook (the
//! library looks sheets up by name, so 200,000 of them take quadratic time).

use super::errors::over_limit;
use super::limits;
use crate::diagnostics::{Place, Problem};
use std::io::Read as _;
use std::path::Path;

/// Sheets a workbook may have. Questionnaires have a handful; a national workbook one per
/// province at most.
pub const MAX_SHEETS: u64 = 1_024;

/// Refuses an xlsx whose `sharedStrings.xml` declares more strings than it can hold (each takes
/// at least five bytes, `<si/>`) or than the cell limit, or whose `workbook.xml` lists more than
/// [`MAX_SHEETS`] sheets.
pub(super) fn check_xlsx_declared(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    if let Ok(part) = zip.by_name("xl/sharedStrings.xml") {
        let size = part.size();
        let mut head = Vec::new();
        part.take(4096).read_to_end(&mut head).ok();
        if let Some(declared) = unique_count(&head) {
            let most = (size / 5 + 1).min(limits::MAX_CELLS);
            if declared > most {
                return Err(over_limit(
                    path,
                    Place::File,
                    format!(
                        "buku kerja menyatakan {declared} teks bersama dalam bagian sebesar {size} byte (paling banyak {most}): rusak atau sengaja dibuat; berkas tidak dibuka"
                    ),
                    format!(
                        "the workbook declares {declared} shared strings in a part of {size} bytes (at most {most}): damaged or crafted; the file was not opened"
                    ),
                ));
            }
        }
    }
    if let Ok(part) = zip.by_name("xl/workbook.xml") {
        let sheets = count_elements(part, "sheet");
        check_sheets(path, sheets)?;
    }
    Ok(())
}

/// Refuses a workbook of more than [`MAX_SHEETS`] sheets.
pub(super) fn check_sheets(path: &Path, sheets: u64) -> Result<(), Problem> {
    if sheets <= MAX_SHEETS {
        return Ok(());
    }
    Err(over_limit(
        path,
        Place::File,
        format!("buku kerja berisi {sheets} lembar (paling banyak {MAX_SHEETS})"),
        format!("the workbook has {sheets} sheets (at most {MAX_SHEETS})"),
    ))
}

/// The `uniqueCount` (or else `count`) of the `<sst>` element at the head of a shared strings
/// part.
fn unique_count(head: &[u8]) -> Option<u64> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .ok()
                        .flatten()
                        .and_then(|a| a.value.trim().parse::<u64>().ok())
                };
                return attr("uniqueCount").or_else(|| attr("count"));
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Elements named `local` (any namespace prefix) in an XML part, streamed.
fn count_elements(part: impl std::io::Read, local: &str) -> u64 {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => n += 1,
            Ok(Event::Eof) | Err(_) => return n,
            _ => {}
        }
        buf.clear();
    }
}
