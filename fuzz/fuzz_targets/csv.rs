//! The CSV reader, and everything after it (long and wide table detection, validation), on
//! arbitrary bytes. `read_csv_bytes` is not public, so the bytes go through a `.csv` file and the
//! public `ingest_files`.
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

fn file() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        base.join(format!("smartcity-fuzz-{}.csv", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = file();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let batch = ingest_files(
        vec![path.to_path_buf()],
        Vec::new(),
        framework(),
        Mode::Score,
        Detail::Full,
        &|_| {},
    );
    assert!(batch.problems.iter().all(|p| p.file == path));
});
