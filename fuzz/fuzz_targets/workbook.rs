//! The workbook reader, and everything after it (layout detection, validation), on arbitrary
//! bytes: every file must end as submissions or problems, never a panic. The bytes are written to
//! a file named by what they look like (zip → .xlsx/.xlsb/.ods, OLE → .xls), since the reader's
//! public entry point takes a path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smartcity::answers::{Detail, Mode, ingest_files};
use smartcity::framework::{Framework, load_file};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn framework() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/frameworks/example.toml");
        load_file(&path).expect("example framework")
    })
}

fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("smartcity-fuzz-workbook-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

fn extension(data: &[u8]) -> &'static str {
    let has = |needle: &[u8]| data.windows(needle.len()).any(|w| w == needle);
    if data.starts_with(b"PK") {
        if has(b"workbook.bin") {
            "xlsb"
        } else if has(b"mimetype") || has(b"content.xml") {
            "ods"
        } else {
            "xlsx"
        }
    } else {
        "xls"
    }
}

fuzz_target!(|data: &[u8]| {
    let path = scratch().join(format!("input.{}", extension(data)));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let batch = ingest_files(
        vec![path.clone()],
        Vec::new(),
        framework(),
        Mode::Check,
        Detail::Full,
        &|_| {},
    );
    // Every problem names the file.
    assert!(batch.problems.iter().all(|p| p.file == path));
    // A panic inside the reader library is caught and reported as a damaged file, so the run
    // goes on; it is still a bug worth knowing (and reporting upstream), so it counts as a crash.
    let reader_panic = batch
        .problems
        .iter()
        .find(|p| p.message.en.contains("the spreadsheet reader failed"));
    assert!(reader_panic.is_none(), "{reader_panic:?}");
    let _ = std::fs::remove_file(&path);
});
