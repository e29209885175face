//! XML entity declarations in a workbook's parts. Spreadsheet programs never write a DOCTYPE or
//! an ENTITY declaration into xlsx or ods XML; the reader library refuses one with a parser error
//! that reads like damage. Named for what it is, before the library opens the file.

use super::errors::unreadable;
use crate::diagnostics::Problem;
use std::io::Read as _;
use std::path::Path;

/// Bytes of each XML part searched: a declaration must come before the root element, which in
/// every real part starts within the first few hundred bytes.
const HEAD: u64 = 64 * 1024;

/// Refuses a zip workbook one of whose XML parts holds `<!DOCTYPE` or `<!ENTITY` near its start.
pub(super) fn check_no_entity_declarations(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let Ok(name) = part.name().map(|n| n.into_owned()) else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let mut head = Vec::new();
        if part.take(HEAD).read_to_end(&mut head).is_err() {
            continue;
        }
        let found = |m: &[u8]| memchr::memmem::find(&head, m).is_some();
        if found(b"<!DOCTYPE") || found(b"<!ENTITY") || found(b"<!doctype") {
            let name = crate::text::terminal_safe(&name, false).into_owned();
            return Err(unreadable(
                path,
                format!(
                    "bagian {name} memuat deklarasi entitas XML (<!DOCTYPE …>), yang tidak pernah ditulis program lembar kerja: berkas dibuat atau diubah oleh program lain; buka dan simpan ulang di Excel atau LibreOffice"
                ),
                format!(
                    "the part {name} holds an XML entity declaration (<!DOCTYPE …>), which spreadsheet programs never write: the file was made or changed by another program; open it and save it again in Excel or LibreOffice"
                ),
            ));
        }
    }
    Ok(())
}
