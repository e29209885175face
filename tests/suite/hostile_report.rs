//! Issue 11, report folders: a reader sees the old report or the new one, never a mix, whatever
//! else runs into the same folder, fails or is killed; inputs are checked before anything is
//! written; a report inside its input folder is skipped when read.

use crate::util::{self, SOURCE_DATE_EPOCH, read, report};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const SAMPLES: &str = "samples/";
const LONG_TABLE: &str = "tests/fixtures/answers/long-table.xlsx";
const FRAMEWORK: &str = "tests/fixtures/frameworks/example.toml";

/// Every output the manifest lists has its hash, every page in the folder is listed, and nothing
/// else (no temporary file, no staging folder, no lock) is left in or beside it. Returns the
/// number of scorecards and the report's language.
fn assert_consistent(dir: &Path) -> (usize, String) {
    let manifest: serde_json::Value =
        serde_json::from_str(&read(dir.join("manifest.json"))).unwrap();
    let outputs = manifest["outputs"].as_array().unwrap();
    for o in outputs {
        let path = dir.join(o["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hash, o["sha256"].as_str().unwrap(), "{}", path.display());
    }
    let cards = std::fs::read_dir(dir.join("scorecards")).unwrap().count();
    let listed = outputs
        .iter()
        .filter(|o| o["path"].as_str().unwrap().starts_with("scorecards/"))
        .count();
    assert_eq!(cards, listed, "scorecards on disk and in the manifest");
    let hidden: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.parent().unwrap()).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "left behind: {hidden:?}");
    (cards, manifest["language"].as_str().unwrap().to_string())
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

#[test]
fn report_into_its_own_input_folder_is_refused_before_anything_is_written() {
    let tmp = util::temp_dir();
    let dir = tmp.path().join("k");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(LONG_TABLE, dir.join("long-table.xlsx")).unwrap();
    // The stray workbook of an earlier run of an older version.
    std::fs::copy(LONG_TABLE, dir.join("results.xlsx")).unwrap();
    let before = listing(&dir);
    let d = dir.to_str().unwrap();
    let (code, err) = report("en", &dir, &["--framework", FRAMEWORK, d]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("holds the input") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(
        listing(&dir),
        before,
        "nothing written into the input folder"
    );
    let (code, err) = report("id", &dir, &["--framework", FRAMEWORK, d]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("memuat masukan"), "{err}");
    // A folder holding something that is not a report's is not replaced either.
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("catatan.docx"), "mine").unwrap();
    let (code, err) = report("en", &other, &["--framework", FRAMEWORK, LONG_TABLE]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("catatan.docx, which is not part of a report"),
        "{err}"
    );
    assert_eq!(read(other.join("catatan.docx")), "mine");
    // Refusing after taking the lock leaves no lock file behind.
    let hidden: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_second_run_into_a_folder_being_written_refuses() {
    let tmp = util::temp_dir();
    let out = tmp.path().join("out");
    // Another run holds the lock (the test plays it).
    let lock_path = tmp.path().join(".out.lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.try_lock().unwrap();
    std::fs::write(&lock_path, "4242").unwrap();
    let (code, err) = report("en", &out, &["--framework", FRAMEWORK, LONG_TABLE]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("another report is being written into")
            && err.contains("(process 4242)")
            && err.contains("nothing was written"),
        "{err}"
    );
    let (_, err) = report("id", &out, &["--framework", FRAMEWORK, LONG_TABLE]);
    assert!(err.contains("laporan lain sedang ditulis ke"), "{err}");
    assert!(!out.exists());
    drop(lock);
    let (code, err) = report("en", &out, &["--framework", FRAMEWORK, LONG_TABLE]);
    assert_eq!(code, 0, "{err}");
    assert_consistent(&out);
}

#[test]
fn two_runs_at_once_leave_one_whole_report() {
    let tmp = util::temp_dir();
    let out = tmp.path().join("out");
    for round in 0..3 {
        let runs: Vec<_> = ["en", "id"]
            .iter()
            .map(|lang| {
                util::smartcity_process()
                    .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
                    .args(["--lang", lang, "report", "-o"])
                    .arg(&out)
                    .arg(SAMPLES)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut written = 0;
        for run in runs {
            let o = run.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            match o.status.code() {
                Some(0) => written += 1,
                Some(2) => assert!(
                    err.contains("another report is being written into")
                        || err.contains("laporan lain sedang ditulis ke"),
                    "{err}"
                ),
                other => panic!("round {round}: exit {other:?}: {err}"),
            }
        }
        assert!(written >= 1);
        let (cards, lang) = assert_consistent(&out);
        assert_eq!(cards, 10);
        // Every page in the language of the manifest: no mix of two runs.
        let want = if lang == "id" {
            "lang=\"id\""
        } else {
            "lang=\"en\""
        };
        for e in std::fs::read_dir(out.join("scorecards")).unwrap() {
            assert!(read(e.unwrap().path()).contains(want));
        }
    }
}

/// Runs `report -o out samples/` under a file-size limit of `blocks` (of 512 bytes in POSIX
/// `sh`), the way a full disk stops a write; `ignore` keeps the process alive (the write fails
/// with EFBIG) instead of being killed by SIGXFSZ, as `kill -9` would in the middle of a write.
fn report_with_file_limit(out: &Path, blocks: u32, ignore: bool) -> (Option<i32>, String) {
    let trap = if ignore { "trap '' XFSZ; " } else { "" };
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{trap}ulimit -f {blocks} && exec \"$0\" --lang en report -o \"$1\" --framework {FRAMEWORK} {LONG_TABLE}"
        ))
        .arg(util::BIN)
        .arg(out)
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .env_remove("SMARTCITY_LANG")
        .output()
        .unwrap();
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into())
}

#[test]
fn a_write_that_fails_or_is_killed_leaves_the_previous_report_whole() {
    let tmp = util::temp_dir();
    let out = tmp.path().join("out");
    let (code, err) = report("id", &out, &["--framework", FRAMEWORK, LONG_TABLE]);
    assert_eq!(code, 0, "{err}");
    let before = read(out.join("manifest.json"));
    // The workbook (tens of kilobytes) cannot be written: the run fails, the old report stays.
    let (code, err) = report_with_file_limit(&out, 16, true);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(read(out.join("manifest.json")), before);
    assert_consistent(&out);
    // Killed in the middle of the write (SIGXFSZ, like kill -9): the old report stays, and the
    // staging folder it leaves is removed by the next run.
    let (code, err) = report_with_file_limit(&out, 16, false);
    assert_eq!(code, None, "killed by a signal: {err}");
    assert_eq!(read(out.join("manifest.json")), before);
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.staging-"))
        .collect();
    assert_eq!(left.len(), 1, "the killed run's staging folder: {left:?}");
    // Leftovers of older versions inside the folder too.
    std::fs::write(out.join(".tmpAbC123"), "half a page").unwrap();
    std::fs::write(out.join("scorecards/.tmpXyZ789"), "half a page").unwrap();
    let (code, err) = report("en", &out, &["--framework", FRAMEWORK, LONG_TABLE]);
    assert_eq!(code, 0, "{err}");
    let (_, lang) = assert_consistent(&out);
    assert_eq!(lang, "en");
}
