//! A batch: every input file read (in parallel), every region-year validated, duplicates across
//! files caught. One bad file only costs its own region-years.

use super::layout::Extractor;
use super::read::{file_kind, limits, read_file_into};
use super::validate::{Detail, Mode};
use crate::diagnostics::{Code, Place, Problem};
use crate::framework::Framework;
use crate::submission::{Stow, Submission};
use crate::text::Text;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a batch of inputs produced.
#[derive(Debug, Default)]
pub struct Batch {
    /// Valid submissions, in input order (files sorted, rows in file order).
    pub submissions: Vec<Submission>,
    /// Every problem found, in input order.
    pub problems: Vec<Problem>,
    /// Files read, in order.
    pub files: Vec<PathBuf>,
    /// Region-years (or whole files) rejected.
    pub rejected: usize,
}

/// The files named by `inputs`: files as given, folders searched recursively for spreadsheets and
/// CSV in name order. Hidden files, the lock files of open workbooks and report folders
/// ([`is_report_folder`]) are skipped, the latter two with a warning (W006). A folder with
/// more spreadsheet files than [`limits::MAX_FILES`] is refused whole (E020).
pub fn collect_files(inputs: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    collect_files_up_to(inputs, problems, limits::MAX_FILES)
}

pub(super) fn collect_files_up_to(
    inputs: &[PathBuf],
    problems: &mut Vec<Problem>,
    max_files: usize,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() && is_report_folder(input) {
            problems.push(report_folder_skipped(input));
        } else if input.is_dir() {
            let mut walk = Walk {
                files: Vec::new(),
                problems: Vec::new(),
                seen: HashSet::new(),
                max_files,
            };
            if walk.dir(input, 0) {
                files.append(&mut walk.files);
                problems.append(&mut walk.problems);
            } else {
                problems.push(Problem::new(
                    Code::E020,
                    input,
                    Place::File,
                    Text::new(
                        format!(
                            "folder memuat lebih dari {max_files} berkas lembar kerja; tidak ada yang dibaca darinya — arahkan ke folder yang lebih kecil"
                        ),
                        format!(
                            "the folder holds more than {max_files} spreadsheet files; none of them was read — point the tool at a smaller folder"
                        ),
                    ),
                ));
            }
        } else if input.exists() {
            files.push(input.clone());
        } else {
            problems.push(Problem::new(
                Code::E001,
                input,
                Place::File,
                Text::new("berkas atau folder tidak ada", "no such file or folder"),
            ));
        }
    }
    files
}

/// Whether `dir` is a report folder this tool wrote: it holds a `manifest.json` that opens with
/// `"tool": {"name": "smartcity"` (as every report's manifest does, whatever its spacing). Its
/// `results.xlsx` and `results.csv` are outputs, never answers, so a report written into an input
/// folder (`report -o k/laporan k/`) is not read back by the next run.
pub fn is_report_folder(dir: &Path) -> bool {
    use std::io::Read as _;
    let Ok(file) = std::fs::File::open(dir.join("manifest.json")) else {
        return false;
    };
    let mut head = Vec::with_capacity(512);
    if file.take(512).read_to_end(&mut head).is_err() {
        return false;
    }
    let compact: Vec<u8> = head
        .into_iter()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    compact.starts_with(br#"{"tool":{"name":"smartcity""#)
}

fn report_folder_skipped(dir: &Path) -> Problem {
    Problem::new(
        Code::W006,
        dir,
        Place::File,
        Text::new(
            "folder laporan smartcity (memuat manifest.json); dilewati — isinya keluaran, bukan jawaban",
            "a smartcity report folder (it holds manifest.json); skipped — its files are outputs, not answers",
        ),
    )
}

/// A recursive search of one input folder.
struct Walk {
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    /// Folders already searched (by canonical path), so links that loop are followed once.
    seen: HashSet<PathBuf>,
    max_files: usize,
}

impl Walk {
    /// Searches `dir`; false once more than `max_files` files are found.
    fn dir(&mut self, dir: &Path, depth: usize) -> bool {
        if let Ok(canonical) = std::fs::canonicalize(dir)
            && !self.seen.insert(canonical)
        {
            return true;
        }
        if depth > limits::MAX_FOLDER_DEPTH {
            self.problems.push(Problem::new(
                Code::E020,
                dir,
                Place::File,
                Text::new(
                    format!(
                        "folder bersarang lebih dari {} tingkat; tidak dicari lebih dalam",
                        limits::MAX_FOLDER_DEPTH
                    ),
                    format!(
                        "folders nested more than {} levels deep; not searched further",
                        limits::MAX_FOLDER_DEPTH
                    ),
                ),
            ));
            return true;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.problems.push(Problem::new(
                    Code::E001,
                    dir,
                    Place::File,
                    Text::new(
                        format!("folder tidak dapat dibaca: {e}"),
                        format!("cannot read the folder: {e}"),
                    ),
                ));
                return true;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() && is_report_folder(&path) {
                self.problems.push(report_folder_skipped(&path));
            } else if path.is_dir() {
                if !self.dir(&path, depth + 1) {
                    return false;
                }
            } else if file_kind(&path).is_some() {
                if name.starts_with("~$") {
                    self.problems.push(Problem::new(
                        Code::W006,
                        &path,
                        Place::File,
                        Text::new(
                            "berkas kunci dari buku kerja yang sedang dibuka; dilewati",
                            "lock file of a workbook that is open; skipped",
                        ),
                    ));
                } else {
                    if self.files.len() >= self.max_files {
                        return false;
                    }
                    self.files.push(path);
                }
            }
        }
        true
    }
}

/// The result of one file: its valid submissions, its problems, how many region-years it lost.
struct FileResult {
    submissions: Vec<Submission>,
    problems: Vec<Problem>,
    rejected: usize,
}

fn ingest_file(
    path: &Path,
    fw: &Framework,
    mode: Mode,
    detail: Detail,
    stow: Option<&dyn Stow>,
) -> FileResult {
    // Rows go straight from the file into the region-years they belong to; nothing else of the
    // file is kept, and each region-year of a long table is validated as soon as it is read.
    let mut extractor = Extractor::new(fw, mode, detail, path)
        .finishing_when_left()
        .stowing(stow);
    let mut read = read_file_into(path, &mut extractor);
    if read.is_ok() && extractor.came_back() {
        // A region-year's rows came back after another's: read again, every region-year open
        // to the end (the same results as if that had been done from the start).
        extractor = Extractor::new(fw, mode, detail, path).stowing(stow);
        read = read_file_into(path, &mut extractor);
    }
    if let Err(p) = read {
        // A file that cannot be read to the end is rejected whole, never scored from a part.
        return FileResult {
            submissions: Vec::new(),
            problems: vec![p],
            rejected: 1,
        };
    }
    let extracted = extractor.finish();
    let mut problems = extracted.problems;
    let mut rejected =
        usize::from(extracted.results.is_empty() && crate::diagnostics::has_errors(&problems));
    let mut submissions = Vec::new();
    for (sub, mut found) in extracted.results {
        // Left out without an error: skipped (W013, another framework's questionnaire).
        let skipped = !crate::diagnostics::has_errors(&found);
        problems.append(&mut found);
        match sub {
            Some(s) => submissions.push(s),
            None if skipped => {}
            None => rejected += 1,
        }
    }
    FileResult {
        submissions,
        problems,
        rejected,
    }
}

/// Reads and validates every input, as strictly as `mode` says.
pub fn ingest(inputs: &[PathBuf], fw: &Framework, mode: Mode) -> Batch {
    let mut problems = Vec::new();
    let files = collect_files(inputs, &mut problems);
    ingest_files(files, problems, fw, mode, Detail::Full, &|_| {})
}

/// Reads and validates `files` (from [`collect_files`], whose `problems` are carried over),
/// calling `on_file` as each file is done (from any thread), e.g. to move a progress bar. `detail`
/// says how much of what was typed is kept with every answer.
pub fn ingest_files(
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    fw: &Framework,
    mode: Mode,
    detail: Detail,
    on_file: &(dyn Fn(&Path) + Sync),
) -> Batch {
    ingest_files_stowing(files, problems, fw, mode, detail, on_file, None)
}

/// [`ingest_files`], handing each region-year read to `stow` as soon as it is validated (see
/// [`Stow`]): what a national panel keeps in memory is then not every answer's typed text, notes
/// and place ([`crate::submission::DetailSpill`]), or not even its answers as values
/// ([`crate::submission::PackedAnswers`]).
pub fn ingest_files_stowing(
    files: Vec<PathBuf>,
    problems: Vec<Problem>,
    fw: &Framework,
    mode: Mode,
    detail: Detail,
    on_file: &(dyn Fn(&Path) + Sync),
    stow: Option<&dyn Stow>,
) -> Batch {
    let mut batch = Batch {
        rejected: problems.iter().filter(|p| p.is_error()).count(),
        problems,
        ..Batch::default()
    };
    let read_all = || {
        files
            .par_iter()
            .map(|f| {
                let r = ingest_file(f, fw, mode, detail, stow);
                on_file(f);
                r
            })
            .collect::<Vec<FileResult>>()
    };
    let ((), results) = rayon::join(crate::regions::preload, read_all);
    batch.files = files;
    batch
        .submissions
        .reserve(results.iter().map(|r| r.submissions.len()).sum());
    for mut r in results {
        batch.problems.append(&mut r.problems);
        batch.submissions.append(&mut r.submissions);
        batch.rejected += r.rejected;
    }
    reject_duplicates(&mut batch, fw, stow);
    batch
}

/// The same region and year twice is an error naming both places; neither is scored, since the
/// tool cannot know which one the region meant to submit. The one exception is an evaluator's
/// review beside the region's own file: the review stands for the file when the region's answers
/// in it are the file's, and both are refused (E022, per answer) when they are not.
fn reject_duplicates(batch: &mut Batch, fw: &Framework, stow: Option<&dyn Stow>) {
    // The first of each region-year; a list only for the few met more than once (a national
    // panel has a million region-years, nearly all once).
    let mut first: FxHashMap<(&str, i32), usize> = FxHashMap::default();
    let mut repeated: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, s) in batch.submissions.iter().enumerate() {
        let f = *first.entry((s.region.code, s.year)).or_insert(i);
        if f != i {
            repeated.entry(f).or_insert_with(|| vec![f]).push(i);
        }
    }
    let mut drop = vec![false; batch.submissions.len()];
    let mut rejected = 0;
    let mut problems = Vec::new();
    for group in repeated.values() {
        if let Some((review, own)) = review_and_own_file(&batch.submissions, group) {
            // The region's own answers were stowed with the others: they are compared now.
            if let Some(stow) = stow {
                stow.restore(&mut batch.submissions[own]);
            }
            let subs = &batch.submissions;
            let differ = super::validate::differs_from_own_file(fw, &subs[review], &subs[own]);
            drop[own] = true;
            if !differ.is_empty() {
                drop[review] = true;
                rejected += 2;
                let own_file = &subs[own].source.file;
                problems.extend(differ.into_iter().map(|p| {
                    let of = if p.file == *own_file { own } else { review };
                    (of, p)
                }));
            }
            continue;
        }
        let subs = &batch.submissions;
        let first = group[0];
        for &i in group {
            drop[i] = true;
            if i != first {
                problems.push((i, submitted_twice(&subs[i], &subs[first])));
            }
        }
        rejected += group.len();
    }
    // In the order their submissions were read, whatever the order of the groups.
    problems.sort_by_key(|&(i, _)| i);
    batch.problems.extend(problems.into_iter().map(|(_, p)| p));
    let mut keep = drop.iter().map(|d| !d);
    batch.submissions.retain(|_| keep.next().unwrap_or(true));
    batch.rejected += rejected;
}

/// (the review, the region's own file) when a region-year's two submissions are exactly that.
fn review_and_own_file(subs: &[Submission], group: &[usize]) -> Option<(usize, usize)> {
    let &[a, b] = group else { return None };
    match (subs[a].review.is_some(), subs[b].review.is_some()) {
        (true, false) => Some((a, b)),
        (false, true) => Some((b, a)),
        _ => None,
    }
}

/// E015: `s` repeats the region-year `other` already submitted.
fn submitted_twice(s: &Submission, other: &Submission) -> Problem {
    let there = format!(
        "{}{}",
        other.source.file.display(),
        other
            .source
            .place
            .describe(crate::text::Lang::En)
            .map(|p| format!(":{p}"))
            .unwrap_or_default()
    );
    Problem::new(
        Code::E015,
        &s.source.file,
        s.source.place.clone(),
        Text::new(
            format!(
                "{} tahun {} juga diserahkan di {there}; keduanya tidak dinilai",
                s.region.display_name(),
                s.year
            ),
            format!(
                "{} {} is also submitted in {there}; neither is scored",
                s.region.display_name(),
                s.year
            ),
        ),
    )
    .found(s.region.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_over_the_file_limit_is_refused_whole() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            std::fs::write(dir.path().join(format!("{i}.csv")), "a").unwrap();
        }
        let inputs = [dir.path().to_path_buf()];
        let mut problems = Vec::new();
        let files = collect_files_up_to(&inputs, &mut problems, 5);
        assert_eq!(files.len(), 5);
        assert!(problems.is_empty());
        let files = collect_files_up_to(&inputs, &mut problems, 4);
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, crate::diagnostics::Code::E020);
        assert!(
            problems[0]
                .message
                .en
                .contains("more than 4 spreadsheet files")
        );
    }
}
