//! Replacing a report folder as a whole: the new report is built in a hidden staging folder
//! beside the target and moved into place in one step, so a reader (a web server, a colleague
//! opening `index.html`) sees the old report or the new one, never a mix, and a run that fails or
//! is killed leaves the old report as it was.
//!
//! Beside a report folder `laporan/` live, while a run is writing, only hidden entries:
//!
//! - `.laporan.lock`: locked (an advisory lock, released when the process ends, even by
//!   `kill -9`) by the run writing the report, so a second run into the same folder refuses at
//!   once instead of mixing its pages with the first one's. It holds the holder's process id, and
//!   is removed by its holder when done (a run that opened it meanwhile notices, once it holds
//!   the lock, that the name leads elsewhere, and starts over); a killed run's lock file is
//!   taken over and removed by the next run.
//! - `.laporan.staging-PID`: the report being built by process PID. When it is complete, it is
//!   exchanged with `laporan/` (`renameat2(RENAME_EXCHANGE)` on Linux; elsewhere, or on a file
//!   system without it, the old folder is renamed away and the new one in, which leaves a moment
//!   without a folder), and then holds the old report, which is removed.
//!
//! A run that takes the lock removes every `.laporan.staging-*` left by runs that were killed (no
//! live run can own one while the lock is held).
//!
//! Only a folder that holds nothing but a report's files is replaced: `index.html`,
//! `province-*.html`, `results.{csv,json,xlsx}`, `manifest.json`, a `scorecards/` folder of
//! `.html` pages, and hidden temporary files of this tool (`.tmp*`). Anything else in it (a
//! questionnaire, a document someone put there) makes the run refuse before anything is written,
//! since replacing the folder would remove it.

use crate::text::{Text, os_error};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Why the report folder cannot be replaced.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// Another run is writing a report into the same folder.
    #[error("{}", self.text())]
    Busy {
        /// The report folder.
        dir: PathBuf,
        /// The process id the lock file names, if it could be read.
        holder: Option<String>,
    },
    /// An input (answers, a baseline, a template) lies in the report folder, which is replaced.
    #[error("{}", self.text())]
    HoldsInput {
        /// The report folder.
        dir: PathBuf,
        /// The input inside it.
        input: PathBuf,
    },
    /// The folder holds something that is not part of a report.
    #[error("{}", self.text())]
    NotAReport {
        /// The report folder.
        dir: PathBuf,
        /// The first entry that is not a report's.
        entry: PathBuf,
    },
    /// The file system refused.
    #[error("{}", self.text())]
    Io {
        /// What was being made or moved.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl FolderError {
    /// What went wrong, in both languages.
    pub fn text(&self) -> Text {
        match self {
            FolderError::Busy { dir, holder } => {
                let (by_id, by_en) = match holder {
                    Some(pid) => (format!(" (proses {pid})"), format!(" (process {pid})")),
                    None => (String::new(), String::new()),
                };
                Text::new(
                    format!(
                        "laporan lain sedang ditulis ke {}{by_id}; tidak ada yang ditulis — jalankan lagi setelah selesai",
                        dir.display()
                    ),
                    format!(
                        "another report is being written into {}{by_en}; nothing was written — run again when it is done",
                        dir.display()
                    ),
                )
            }
            FolderError::HoldsInput { dir, input } => Text::new(
                format!(
                    "folder laporan {} memuat masukan {}, padahal folder itu diganti utuh; tidak ada yang ditulis — pilih folder laporan tersendiri (mis. {})",
                    dir.display(),
                    input.display(),
                    dir.join("laporan").display()
                ),
                format!(
                    "the report folder {} holds the input {}, and the folder is replaced whole; nothing was written — choose a folder of its own for the report (e.g. {})",
                    dir.display(),
                    input.display(),
                    dir.join("laporan").display()
                ),
            ),
            FolderError::NotAReport { dir, entry } => Text::new(
                format!(
                    "folder {} memuat {} yang bukan bagian dari laporan, padahal folder itu diganti utuh; tidak ada yang ditulis — pilih folder kosong atau folder laporan sebelumnya",
                    dir.display(),
                    entry.display()
                ),
                format!(
                    "the folder {} holds {}, which is not part of a report, and the folder is replaced whole; nothing was written — choose an empty folder or an earlier report's folder",
                    dir.display(),
                    entry.display()
                ),
            ),
            FolderError::Io { path, source } => {
                let why = os_error(source);
                Text::new(
                    format!("tidak dapat menyiapkan {}: {}", path.display(), why.id),
                    format!("cannot prepare {}: {}", path.display(), why.en),
                )
            }
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FolderError + '_ {
    move |source| FolderError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A report folder being replaced: the lock is held from [`Target::lock`] until the value is
/// dropped; the staging folder is removed on drop unless it was moved into place.
#[derive(Debug)]
pub(crate) struct Target {
    /// The report folder, resolved (a symbolic link to a folder is followed: the folder it
    /// points at is replaced, the link stays).
    pub(crate) dir: PathBuf,
    /// Where the new report is built.
    pub(crate) staging: PathBuf,
    _lock: LockFile,
    done: bool,
}

/// Hidden name beside `dir`: `.NAME<suffix>`.
fn beside(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    dir.with_file_name(format!(".{name}{suffix}"))
}

const STAGING: &str = ".staging-";

impl Target {
    /// Takes the lock beside `shown` (making its parent folders if missing), removes what killed
    /// runs left, and checks that replacing the folder loses nothing: no input in it (`inputs`,
    /// resolved or not), nothing in it but a report's files. Nothing is written into the folder.
    pub(crate) fn lock(shown: &Path, inputs: &[PathBuf]) -> Result<Target, FolderError> {
        let dir = resolve(shown).map_err(io(shown))?;
        let parent = dir.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let lock_path = beside(&dir, ".lock");
        let lock = take_lock(&lock_path).map_err(|e| match e {
            Locked::Busy => FolderError::Busy {
                dir: shown.to_path_buf(),
                holder: std::fs::read_to_string(&lock_path)
                    .ok()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())),
            },
            Locked::Io(e) => io(&lock_path)(e),
        })?;
        remove_leftovers(&dir);
        for input in inputs {
            let resolved = input.canonicalize().unwrap_or_else(|_| input.clone());
            if resolved.starts_with(&dir) {
                return Err(FolderError::HoldsInput {
                    dir: shown.to_path_buf(),
                    input: input.clone(),
                });
            }
        }
        if let Some(entry) = foreign_entry(&dir).map_err(io(&dir))? {
            return Err(FolderError::NotAReport {
                dir: shown.to_path_buf(),
                entry: shown.join(entry),
            });
        }
        let staging = beside(&dir, &format!("{STAGING}{}", std::process::id()));
        std::fs::create_dir(&staging).map_err(io(&staging))?;
        let target = Target {
            dir,
            staging,
            _lock: lock,
            done: false,
        };
        // The new folder gets the old one's mode (a published folder readable by the web server).
        if let Ok(meta) = std::fs::metadata(&target.dir) {
            let _ = std::fs::set_permissions(&target.staging, meta.permissions());
        }
        Ok(target)
    }

    /// Moves the staging folder into place and removes the old report.
    pub(crate) fn commit(mut self) -> Result<(), FolderError> {
        sync_dir(&self.staging);
        sync_dir(&self.staging.join("scorecards"));
        let exists = std::fs::symlink_metadata(&self.dir).is_ok();
        if !exists {
            std::fs::rename(&self.staging, &self.dir).map_err(io(&self.dir))?;
            self.done = true;
        } else if exchange(&self.staging, &self.dir).is_ok() {
            // The staging path now holds the old report; dropped below.
        } else {
            let old = beside(&self.dir, &format!("{STAGING}{}-old", std::process::id()));
            std::fs::rename(&self.dir, &old).map_err(io(&self.dir))?;
            if let Err(e) = std::fs::rename(&self.staging, &self.dir) {
                let _ = std::fs::rename(&old, &self.dir);
                return Err(io(&self.dir)(e));
            }
            let _ = std::fs::remove_dir_all(&old);
        }
        if let Some(parent) = self.dir.parent() {
            sync_dir(parent);
        }
        Ok(())
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// The held lock; its file is removed when it is released, whether the run wrote the report or
/// refused after taking the lock.
#[derive(Debug)]
struct LockFile {
    file: File,
    path: PathBuf,
}

impl Drop for LockFile {
    fn drop(&mut self) {
        // The lock file goes while still locked; a run that opened it meanwhile sees, once it
        // holds the lock, that the name no longer leads to it, and starts over.
        if same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

enum Locked {
    Busy,
    Io(std::io::Error),
}

/// Opens and locks `path`, and writes the holder's process id into it. The lock is only taken
/// if, once held, `path` still names the locked file (the holder before removes it when done).
fn take_lock(path: &Path) -> Result<LockFile, Locked> {
    use std::io::Write;
    for _ in 0..100 {
        let mut lock = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(Locked::Io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(Locked::Busy),
            Err(std::fs::TryLockError::Error(e)) => return Err(Locked::Io(e)),
        }
        if !same_file(&lock, path) {
            continue;
        }
        // The holder's id, for the message of a run that finds the folder busy.
        let _ = lock.set_len(0);
        let _ = write!(lock, "{}", std::process::id());
        return Ok(LockFile {
            file: lock,
            path: path.to_path_buf(),
        });
    }
    Err(Locked::Busy)
}

/// Whether `path` names the open file `file`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    // Without inode numbers the lock file stays: removing it could let two runs hold a lock.
    false
}

/// `shown` resolved: the folder a symbolic link points at, or, for a folder yet to be made, its
/// nearest existing ancestor resolved and the rest appended.
fn resolve(shown: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(shown)?;
    let mut missing = Vec::new();
    let mut at = absolute.as_path();
    loop {
        match at.canonicalize() {
            Ok(mut found) => {
                for name in missing.iter().rev() {
                    found.push(name);
                }
                if found.file_name().is_none() || found.parent().is_none() {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "not a folder that can be replaced",
                    ));
                }
                return Ok(found);
            }
            Err(e) => {
                let (Some(parent), Some(name)) = (at.parent(), at.file_name()) else {
                    return Err(e);
                };
                missing.push(name.to_os_string());
                at = parent;
            }
        }
    }
}

/// Removes the staging folders of runs that were killed (the lock is held, so none is live).
fn remove_leftovers(dir: &Path) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return;
    };
    let prefix = format!(".{}{STAGING}", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        if e.file_name().to_string_lossy().starts_with(&prefix) {
            let path = e.path();
            let _ = match e.file_type() {
                Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
                _ => std::fs::remove_file(&path),
            };
        }
    }
}

/// What `report --analyse` adds to a report folder (`crate::analyse::FILES`; a test keeps the two
/// lists one).
pub(crate) const ANALYSIS_FILES: [&str; 5] = [
    "analysis.html",
    "analysis.xlsx",
    "sensitivity.csv",
    "audit.json",
    "audit.csv",
];

/// Whether `name` (an entry of a report folder) is one a report writes.
pub(crate) fn is_report_file(name: &str) -> bool {
    matches!(
        name,
        "index.html" | "results.csv" | "results.json" | "results.xlsx" | "manifest.json"
    ) || (name.starts_with("province-") && name.ends_with(".html"))
        || ANALYSIS_FILES.contains(&name)
        || name.starts_with(super::write::TEMP_PREFIX)
}

/// The first entry of `dir` (relative to it) that a report does not write; none when the folder
/// is missing or empty.
fn foreign_entry(dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut names: Vec<_> = entries.filter_map(Result::ok).collect();
    names.sort_by_key(|e| e.file_name());
    for e in names {
        let name = e.file_name().to_string_lossy().into_owned();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if name == "scorecards" && is_dir {
            let mut cards: Vec<_> = std::fs::read_dir(e.path())?
                .filter_map(Result::ok)
                .collect();
            cards.sort_by_key(|e| e.file_name());
            for c in cards {
                let card = c.file_name().to_string_lossy().into_owned();
                let is_page = card.ends_with(".html") && c.file_type().is_ok_and(|t| t.is_file());
                if !is_page && !card.starts_with(super::write::TEMP_PREFIX) {
                    return Ok(Some(Path::new("scorecards").join(card)));
                }
            }
        } else if is_dir || !is_report_file(&name) {
            return Ok(Some(PathBuf::from(name)));
        }
    }
    Ok(None)
}

/// Swaps two folders in one step.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Flushes a folder's entries to disk, so a rename survives a power cut (best effort).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_replaced_whole_and_a_second_lock_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        std::fs::create_dir_all(dir.join("scorecards")).unwrap();
        std::fs::write(dir.join("index.html"), "old").unwrap();
        std::fs::write(dir.join("scorecards/a.html"), "old").unwrap();
        let t = Target::lock(&dir, &[]).unwrap();
        assert!(matches!(
            Target::lock(&dir, &[]),
            Err(FolderError::Busy {
                holder: Some(_),
                ..
            })
        ));
        std::fs::write(t.staging.join("index.html"), "new").unwrap();
        t.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            "new"
        );
        assert!(!dir.join("scorecards").exists());
        let hidden: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(hidden, ["out"], "no lock or staging folder left");
        std::fs::write(dir.join("notes.docx"), "mine").unwrap();
        assert!(matches!(
            Target::lock(&dir, &[]),
            Err(FolderError::NotAReport { .. })
        ));
    }
}
