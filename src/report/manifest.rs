//! `manifest.json`: what produced a report — tool version, framework and its content hash, every
//! input file with its SHA-256, templates, the date, and every file written with its hash — so
//! a published report can be reproduced and checked. Also the report's date, which honours
//! `SOURCE_DATE_EPOCH` so that rebuilding a report from the same inputs gives the same bytes.

use crate::framework::{Framework, hex};
use crate::text::{Lang, Text, Words};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// When a report was made, in whole seconds since 1970-01-01 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Now, or `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention).
    pub fn now() -> Timestamp {
        if let Some(t) = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            return Timestamp(t);
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Timestamp(secs)
    }

    /// (year, month 1–12, day 1–31) in UTC.
    pub fn date(self) -> (i64, u32, u32) {
        civil_from_days(self.0.div_euclid(86_400))
    }

    /// ISO 8601 in UTC: `2024-05-31T08:30:00Z`.
    pub fn iso8601(self) -> String {
        let (y, m, d) = self.date();
        let s = self.0.rem_euclid(86_400);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            s / 3600,
            s % 3600 / 60,
            s % 60
        )
    }

    /// The date as a reader writes it: `31 Mei 2024`, `31 May 2024`.
    pub fn display(self, lang: Lang) -> String {
        const MONTHS: [(&str, &str); 12] = [
            ("Januari", "January"),
            ("Februari", "February"),
            ("Maret", "March"),
            ("April", "April"),
            ("Mei", "May"),
            ("Juni", "June"),
            ("Juli", "July"),
            ("Agustus", "August"),
            ("September", "September"),
            ("Oktober", "October"),
            ("November", "November"),
            ("Desember", "December"),
        ];
        let (y, m, d) = self.date();
        let (id, en) = MONTHS[(m as usize - 1).min(11)];
        format!("{d} {} {y}", Words::new(id, en).get(lang))
    }
}

/// Howard Hinnant's days-to-civil algorithm: the proleptic Gregorian date of a day count.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A file and its fingerprint.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FileHash {
    /// The path as given on the command line (or found in a folder given), or relative to the
    /// report folder for outputs.
    pub path: String,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

impl FileHash {
    /// Hashes a file on disk, reading it in blocks.
    pub fn of_file(path: &Path) -> std::io::Result<FileHash> {
        let mut file = std::fs::File::open(path)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut bytes = 0u64;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            bytes += n as u64;
        }
        Ok(FileHash {
            path: path.display().to_string(),
            sha256: hex(&hasher.finalize()),
            bytes,
        })
    }

    /// Hashes bytes about to be written to `path`.
    pub fn of_bytes(path: &str, data: &[u8]) -> FileHash {
        FileHash {
            path: path.to_string(),
            sha256: hex(&Sha256::digest(data)),
            bytes: data.len() as u64,
        }
    }
}

/// A writer that fingerprints what passes through it, so an output streamed to disk is hashed
/// for the manifest without being held in memory or read back. Serialisers write in pieces of a
/// few bytes; they are gathered into chunks before being hashed and passed on.
pub struct Hashing<W: std::io::Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
    pending: Vec<u8>,
}

/// Bytes gathered before they are hashed and written.
const HASH_CHUNK: usize = 64 * 1024;

impl<W: std::io::Write> Hashing<W> {
    /// Hashes what is written to `inner`.
    pub fn new(inner: W) -> Hashing<W> {
        Hashing {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
            pending: Vec::with_capacity(HASH_CHUNK),
        }
    }

    /// Passes `data` on and hashes it.
    fn pass(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(data)?;
        self.hasher.update(data);
        self.bytes += data.len() as u64;
        Ok(())
    }

    /// Passes on what is gathered.
    fn drain(&mut self) -> std::io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let passed = self.pass(&pending);
        self.pending = pending;
        self.pending.clear();
        passed
    }

    /// Writes out what is left and gives the fingerprint of everything written, under the name
    /// `path`.
    pub fn finish(mut self, path: &str) -> std::io::Result<FileHash> {
        self.drain()?;
        self.inner.flush()?;
        Ok(FileHash {
            path: path.to_string(),
            sha256: hex(&self.hasher.finalize()),
            bytes: self.bytes,
        })
    }
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending.len() + buf.len() > HASH_CHUNK {
            self.drain()?;
        }
        if buf.len() >= HASH_CHUNK {
            self.pass(buf)?;
        } else {
            self.pending.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.drain()?;
        self.inner.flush()
    }
}

/// The framework as the manifest names it.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkRef {
    /// Stable id.
    pub id: String,
    /// Edition.
    pub version: String,
    /// Title.
    pub title: Text,
    /// SHA-256 of the framework file.
    pub content_hash: String,
    /// `built-in` or the TOML file given.
    pub source: String,
}

impl FrameworkRef {
    /// The reference to `fw`, loaded from `spec` (`--framework`, `None` for the default).
    pub fn new(fw: &Framework, spec: Option<&str>) -> FrameworkRef {
        let builtin = spec.is_none_or(|s| crate::framework::builtin(s).is_some());
        FrameworkRef {
            id: fw.id.clone(),
            version: fw.version.clone(),
            title: fw.title.clone(),
            content_hash: fw.content_hash.clone(),
            source: if builtin {
                "built-in".to_string()
            } else {
                let spec = Path::new(spec.unwrap_or_default());
                ShownPaths::of([spec]).show(spec)
            },
        }
    }
}

/// Counts of what the run scored.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Input files read.
    pub files: usize,
    /// Region-years scored.
    pub region_years: usize,
    /// Region-years or files rejected.
    pub rejected: usize,
    /// Years present, newest first.
    pub years: Vec<i32>,
}

/// The templates used.
#[derive(Debug, Clone, Serialize)]
pub struct TemplatesRef {
    /// The override folder, if any.
    pub directory: Option<String>,
    /// The override files read, with their hashes.
    pub overrides: Vec<FileHash>,
}

/// Everything `manifest.json` records.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// Tool name and version.
    pub tool: Tool,
    /// When the report was made (ISO 8601, UTC).
    pub generated: String,
    /// Language of the report.
    pub language: &'static str,
    /// The framework that scored it.
    pub framework: FrameworkRef,
    /// Answer files read.
    pub inputs: Vec<FileHash>,
    /// `--baseline` files.
    pub baselines: Vec<FileHash>,
    /// Templates.
    pub templates: TemplatesRef,
    /// What was scored.
    pub results: Counts,
    /// Files written, relative to the report folder (the manifest itself excluded).
    pub outputs: Vec<FileHash>,
}

/// Tool name and version.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// `smartcity`.
    pub name: &'static str,
    /// The crate version.
    pub version: &'static str,
}

impl Tool {
    /// This build.
    pub fn this() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// How the files a report read are named in everything it writes (scorecards, workbook, CSV,
/// JSON, manifest): never by an absolute path, which would publish the folders of whoever ran it.
///
/// A path given relative (`kuesioner/kota-bandung-2022.xlsx`) is shown as given: it names the
/// file from where the command ran, as the command line did. Absolute paths are shown relative
/// to the deepest folder holding them all, which is the folder given on the command line (or
/// below it) when a folder was given, and a file's own folder when one file was: so
/// `/home/ana/data/kuesioner/` gives `kota-bandung-2022.xlsx`, `2021/kota-bandung-2021.xlsx`.
/// When absolute paths share no folder but the root, each is shown as its folder's name and
/// its own (`kuesioner/kota-bandung-2022.xlsx`).
#[derive(Debug, Clone, Default)]
pub struct ShownPaths {
    /// The folder every absolute path lies in (never the file system's root).
    base: Option<PathBuf>,
}

impl ShownPaths {
    /// The naming of `paths` (every file a report names in one list).
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a Path>) -> ShownPaths {
        let mut base: Option<PathBuf> = None;
        for p in paths.into_iter().filter(|p| p.has_root()) {
            let folder = p.parent().unwrap_or(p);
            base = Some(match base {
                None => folder.to_path_buf(),
                Some(b) => b
                    .components()
                    .zip(folder.components())
                    .take_while(|(x, y)| x == y)
                    .map(|(x, _)| x)
                    .collect(),
            });
        }
        // The root alone (or a drive) names nothing worth keeping.
        let base = base.filter(|b| b.components().count() > 1 + usize::from(cfg!(windows)));
        ShownPaths { base }
    }

    /// `path` as reports show it.
    pub fn show(&self, path: &Path) -> String {
        if !path.has_root() {
            return path.display().to_string();
        }
        if let Some(rel) = self.base.as_ref().and_then(|b| path.strip_prefix(b).ok())
            && !rel.as_os_str().is_empty()
        {
            return rel.display().to_string();
        }
        // Its folder's name and its own.
        let mut tail: Vec<_> = path
            .components()
            .rev()
            .filter_map(|c| match c {
                std::path::Component::Normal(n) => Some(n.to_string_lossy()),
                _ => None,
            })
            .take(2)
            .collect();
        tail.reverse();
        tail.join("/")
    }
}

/// Hashes every file of `paths`; a file that cannot be read is an error naming it.
pub fn hash_files(paths: &[PathBuf]) -> Result<Vec<FileHash>, Text> {
    paths
        .iter()
        .map(|p| {
            FileHash::of_file(p).map_err(|e| {
                let why = crate::text::os_error(&e);
                Text::new(
                    format!(
                        "{}: tidak dapat dibaca untuk manifest: {}",
                        p.display(),
                        why.id
                    ),
                    format!(
                        "{}: cannot be read for the manifest: {}",
                        p.display(),
                        why.en
                    ),
                )
            })
        })
        .collect()
}

impl Manifest {
    /// The manifest as pretty-printed JSON with a final newline. Files read are named as
    /// [`ShownPaths`] shows them: never by an absolute path.
    pub fn to_json(&self) -> Vec<u8> {
        let mut m = self.clone();
        let rename = |files: &mut Vec<FileHash>| {
            let shown = ShownPaths::of(files.iter().map(|f| Path::new(&f.path)));
            for f in files.iter_mut() {
                f.path = shown.show(Path::new(&f.path));
            }
        };
        rename(&mut m.inputs);
        rename(&mut m.baselines);
        rename(&mut m.templates.overrides);
        if let Some(d) = m.templates.directory.as_mut() {
            *d = ShownPaths::of([Path::new(d.as_str())]).show(Path::new(d.as_str()));
        }
        let mut out = serde_json::to_vec_pretty(&m).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_read_are_never_named_by_an_absolute_path() {
        let folder = [
            Path::new("/home/ana/data/kuesioner/kota-bandung-2022.xlsx"),
            Path::new("/home/ana/data/kuesioner/2021/kota-bandung-2021.xlsx"),
        ];
        let shown = ShownPaths::of(folder);
        assert_eq!(shown.show(folder[0]), "kota-bandung-2022.xlsx");
        assert_eq!(
            shown.show(folder[1]),
            Path::new("2021/kota-bandung-2021.xlsx")
                .display()
                .to_string()
        );
        let one = Path::new("/srv/x/long-table.csv");
        assert_eq!(ShownPaths::of([one]).show(one), "long-table.csv");
        // Nothing shared but the root: the folder's name and the file's.
        let apart = [Path::new("/a/b/x.xlsx"), Path::new("/c/y.xlsx")];
        let shown = ShownPaths::of(apart);
        assert_eq!(shown.show(apart[0]), "b/x.xlsx");
        assert_eq!(shown.show(apart[1]), "c/y.xlsx");
        // Relative paths are shown as given.
        let rel = Path::new("samples/questionnaires/kota-bandung-2022.xlsx");
        assert_eq!(
            ShownPaths::of([rel, one]).show(rel),
            rel.display().to_string()
        );
    }

    #[test]
    fn dates_from_day_counts() {
        assert_eq!(Timestamp(0).date(), (1970, 1, 1));
        assert_eq!(Timestamp(951_782_400).date(), (2000, 2, 29));
        assert_eq!(Timestamp(1_717_144_200).iso8601(), "2024-05-31T08:30:00Z");
        assert_eq!(Timestamp(1_717_144_200).display(Lang::Id), "31 Mei 2024");
        assert_eq!(Timestamp(1_717_144_200).display(Lang::En), "31 May 2024");
        assert_eq!(Timestamp(-86_400).date(), (1969, 12, 31));
    }

    #[test]
    fn hashes_bytes_and_files() {
        let h = FileHash::of_bytes("x", b"abc");
        assert_eq!(
            h.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"abc").unwrap();
        let f = FileHash::of_file(&p).unwrap();
        assert_eq!((f.sha256, f.bytes), (h.sha256, 3));
        assert!(hash_files(&[dir.path().join("missing")]).is_err());
    }

    #[test]
    fn hashes_what_is_streamed() {
        use std::io::Write;
        let mut w = Hashing::new(Vec::new());
        w.write_all(b"a").unwrap();
        w.write_all(b"bc").unwrap();
        assert_eq!(w.finish("x").unwrap(), FileHash::of_bytes("x", b"abc"));
        // Pieces small and large, across the chunk size, come out whole and in order.
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut out = Vec::new();
        let mut w = Hashing::new(&mut out);
        let mut at = 0;
        for (k, size) in [1, 7, 70_000, 3, 65_536, 100, 164_353]
            .into_iter()
            .enumerate()
        {
            w.write_all(&data[at..at + size]).unwrap();
            at += size;
            if k == 2 {
                w.flush().unwrap();
            }
        }
        assert_eq!(at, data.len());
        assert_eq!(w.finish("y").unwrap(), FileHash::of_bytes("y", &data));
        assert_eq!(out, data);
    }
}
