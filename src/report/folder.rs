//! A report folder: the comparison page, one scorecard per region-year, the workbook, CSV, JSON
//! and a manifest of what produced them. The report is built in a hidden staging folder beside
//! the target and swapped into place whole (see `staging`), after every input was checked against
//! the folder; the pages are rendered and written a few at a time, and the large data files
//! streamed.

use super::html::{
    Context, Provinces, ScorecardPages, TemplateError, Templates, province_file_name,
};
use super::manifest::{
    Counts, FileHash, FrameworkRef, Hashing, Manifest, TemplatesRef, Timestamp, Tool, hash_files,
};
use super::staging::{FolderError, Target};
use super::{Sink, WriteError, write_atomic, write_atomic_with};
use crate::assess::Assessment;
use crate::diagnostics::Problem;
use crate::framework::Framework;
use crate::text::{Lang, Text, os_error};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How to write a report folder.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The folder to write into (made if missing).
    pub dir: PathBuf,
    /// The reader's language.
    pub lang: Lang,
    /// When the report was made (fixed by `SOURCE_DATE_EPOCH`).
    pub generated: Timestamp,
    /// The framework as the user named it (a built-in id or a file), for the manifest.
    pub framework_spec: Option<String>,
    /// The baselines the assessment read, which no output may replace.
    pub baselines: Vec<PathBuf>,
    /// The folders and files named as inputs: none may lie in the report folder, which is
    /// replaced whole.
    pub inputs: Vec<PathBuf>,
    /// The template override folder, if any, for the manifest.
    pub templates_dir: Option<PathBuf>,
    /// Region-years in a year past which the comparison is split into province pages.
    pub page_limit: usize,
    /// One scorecard per region (its newest year and history) or one per region-year.
    pub scorecards: ScorecardPages,
}

/// What a report run wrote.
#[derive(Debug)]
pub struct Written {
    /// Scorecard pages written.
    pub scorecards: usize,
    /// Notes about the folder (pages of the earlier report that this one does not have).
    pub notices: Vec<Text>,
}

/// Writes the report of `assessment` into `options.dir`: the comparison page (or a national
/// summary and province pages), one scorecard per region-year, the workbook, CSV and JSON, and a
/// manifest of what produced them. Every file is written atomically and never over an input.
pub fn write_report(
    fw: &Framework,
    assessment: &Assessment,
    templates: &Templates,
    options: &ReportOptions,
) -> Result<Written, ReportError> {
    write_report_with(fw, assessment, templates, options, None, None)
}

/// Writes more files into the report folder while it is being built (it is given the folder)
/// and returns their names relative to it: they are put in place with the report and listed in
/// its manifest. `report --analyse` writes the analysis this way.
pub type MoreFiles<'a> = &'a dyn Fn(&Path) -> Result<Vec<String>, Text>;

/// [`write_report`], with the rank intervals of an analysis shown in the rankings and linked to
/// its page, and the analysis's own files written by `more` (`report --analyse`).
pub fn write_report_with(
    fw: &Framework,
    assessment: &Assessment,
    templates: &Templates,
    options: &ReportOptions,
    rank_intervals: Option<&super::RankIntervals>,
    more: Option<MoreFiles<'_>>,
) -> Result<Written, ReportError> {
    let files = &assessment.files;
    // Before anything is written: the lock, the leftovers of killed runs, and every input checked
    // against the folder that is about to be replaced.
    let every_input: Vec<PathBuf> = files
        .iter()
        .chain(&options.baselines)
        .chain(&templates.overrides)
        .chain(&options.inputs)
        .chain(&options.templates_dir)
        .cloned()
        .collect();
    let target = Target::lock(&options.dir, &every_input)?;
    let dir = &target.staging;
    std::fs::create_dir_all(dir.join("scorecards"))
        .map_err(|e| ReportError::Folder(options.dir.clone(), e))?;
    let protected = protected_inputs(files, &options.baselines, templates);
    let mut cx = Context::new(fw, &assessment.comparison, options.lang, options.generated);
    cx.province_pages = cx.needs_province_pages(options.page_limit);
    cx.scorecards = options.scorecards;
    cx.details = assessment.details.as_ref();
    cx.rank_intervals = rank_intervals;
    let mut outputs = write_outputs(
        templates,
        &cx,
        dir,
        &protected,
        &assessment.problems,
        options.page_limit,
    )?;
    let scorecards = outputs
        .iter()
        .filter(|o| o.path.starts_with("scorecards/"))
        .count();
    if let Some(more) = more {
        for name in more(dir).map_err(ReportError::More)? {
            let hash = FileHash::of_file(&dir.join(&name))
                .map_err(|e| ReportError::Folder(options.dir.clone(), e))?;
            outputs.push(FileHash { path: name, ..hash });
        }
    }
    let notices = folder_notices(&target.dir, &options.dir, &outputs);
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    let hash = |paths: &[PathBuf]| hash_files(paths).map_err(ReportError::Manifest);
    let manifest = Manifest {
        tool: Tool::this(),
        generated: options.generated.iso8601(),
        language: options.lang.code(),
        framework: FrameworkRef::new(fw, options.framework_spec.as_deref()),
        inputs: hash(files)?,
        baselines: hash(&options.baselines)?,
        templates: TemplatesRef {
            directory: options
                .templates_dir
                .as_ref()
                .map(|d| d.display().to_string()),
            overrides: hash(&templates.overrides)?,
        },
        results: Counts {
            files: files.len(),
            region_years: assessment.scored,
            rejected: assessment.rejected,
            years: assessment.comparison.years.clone(),
        },
        outputs,
    };
    emit(dir, "manifest.json", &manifest.to_json(), &protected)?;
    target.commit()?;
    Ok(Written {
        scorecards,
        notices,
    })
}

/// Everything `report` reads (answer files, baselines, template overrides), which no output may
/// replace, resolved once: `write_atomic` resolves every input it is given for every file, which
/// for a thousand scorecards over a thousand inputs is a million path resolutions.
struct Protected {
    canonical: Vec<PathBuf>,
}

impl Protected {
    fn new(paths: impl IntoIterator<Item = PathBuf>) -> Protected {
        Protected {
            canonical: paths
                .into_iter()
                .filter_map(|p| p.canonicalize().ok())
                .collect(),
        }
    }

    /// The inputs an output at `path` could be: those with its file name (resolved paths carry
    /// the real name, so a symbolic link to the output is among them).
    fn candidates(&self, path: &Path) -> Vec<PathBuf> {
        self.canonical
            .iter()
            .filter(|c| c.file_name() == path.file_name())
            .cloned()
            .collect()
    }
}

/// Why the report's files could not all be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The output folder could not be made.
    #[error("{}", folder_text(.0, .1))]
    Folder(PathBuf, std::io::Error),
    /// A file could not be written (or would have replaced an input).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The report folder cannot be replaced (busy, holds an input or other files).
    #[error(transparent)]
    Target(#[from] FolderError),
    /// A template failed while rendering.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The writer threads could not be started.
    #[error("{}", threads_text(.0))]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// An input could not be read again to be hashed for the manifest.
    #[error("{0}")]
    Manifest(Text),
    /// More files written into the report (its analysis) could not be written.
    #[error("{0}")]
    More(Text),
    /// The answers' detail kept on disk while the report is written could not be read back.
    #[error("{}", spill_text(.0))]
    Spill(std::io::Error),
}

impl ReportError {
    /// What went wrong, in both languages.
    pub fn text(&self) -> Text {
        match self {
            ReportError::Folder(dir, e) => folder_text(dir, e),
            ReportError::Write(e) => e.text(),
            ReportError::Target(e) => e.text(),
            ReportError::Template(e) => e.text(),
            ReportError::Threads(e) => threads_text(e),
            ReportError::Manifest(t) | ReportError::More(t) => t.clone(),
            ReportError::Spill(e) => spill_text(e),
        }
    }
}

fn folder_text(dir: &Path, e: &std::io::Error) -> Text {
    let why = os_error(e);
    Text::new(
        format!(
            "{}: folder keluaran tidak dapat dibuat: {}",
            dir.display(),
            why.id
        ),
        format!(
            "{}: cannot create the output folder: {}",
            dir.display(),
            why.en
        ),
    )
}

fn spill_text(e: &std::io::Error) -> Text {
    let why = os_error(e);
    Text::new(
        format!(
            "rincian jawaban yang disimpan sementara di disk tidak dapat dibaca lagi: {}",
            why.id
        ),
        format!(
            "cannot read back the answers' detail kept on disk meanwhile: {}",
            why.en
        ),
    )
}

fn threads_text(e: &rayon::ThreadPoolBuildError) -> Text {
    Text::new(
        format!("utas penulis tidak dapat dimulai: {e}"),
        format!("cannot start the writer threads: {e}"),
    )
}

/// Writes `bytes` to `dir/name` and returns its hash for the manifest.
fn emit(dir: &Path, name: &str, bytes: &[u8], inputs: &Protected) -> Result<FileHash, ReportError> {
    let path = dir.join(name);
    write_atomic(&path, bytes, &inputs.candidates(&path))?;
    Ok(FileHash::of_bytes(name, bytes))
}

/// Streams `dir/name` from `fill`, hashing it on its way to disk, and returns the hash for the
/// manifest: the national JSON (a gigabyte) and workbook are never held in memory whole.
fn emit_with(
    dir: &Path,
    name: &str,
    inputs: &Protected,
    fill: impl FnOnce(&mut Hashing<&mut Sink<'_>>) -> std::io::Result<()>,
) -> Result<FileHash, ReportError> {
    let path = dir.join(name);
    let hash = write_atomic_with(&path, &inputs.candidates(&path), |sink| {
        let mut w = Hashing::new(sink);
        fill(&mut w)?;
        w.finish(name)
    })?;
    Ok(hash)
}

/// Threads rendering and writing scorecards: writing, not rendering, takes most of the time.
const WRITERS: usize = 16;

/// Threads rendering province pages: the largest (8,500 villages) takes tens of megabytes while
/// rendered, and there are only 38, so two at a time keep the peak low at little cost.
const PAGE_WRITERS: usize = 1;

/// Renders and writes every scorecard page in parallel; at most [`WRITERS`] pages exist at a
/// time.
fn write_scorecards(
    templates: &Templates,
    cx: &Context,
    dir: &Path,
    inputs: &Protected,
) -> Result<Vec<FileHash>, ReportError> {
    // Each atomic write waits for the disk (fsync): more writers than cores keep it busy.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(WRITERS)
        .build()?;
    // File names come only from validated codes and years; an entry without one has no page.
    let pages = cx.scorecard_pages();
    let mut written: Vec<FileHash> = pool.install(|| {
        pages
            .into_par_iter()
            .filter_map(|(i, name)| {
                let submission = match full_submission(cx, i) {
                    Ok(s) => s,
                    Err(e) => return Some(Err(e)),
                };
                let page = match templates.scorecard(cx, i, &submission)? {
                    Ok(page) => page,
                    Err(e) => return Some(Err(e.into())),
                };
                Some(emit(
                    dir,
                    &format!("scorecards/{name}"),
                    page.as_bytes(),
                    inputs,
                ))
            })
            .collect::<Result<Vec<_>, _>>()
    })?;
    written.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(written)
}

/// Entry `i`'s submission with the detail of its answers (read back from disk when it was
/// moved there).
fn full_submission<'c>(
    cx: &'c Context,
    i: usize,
) -> Result<std::borrow::Cow<'c, crate::submission::Submission>, ReportError> {
    let s = &cx.cmp.entries[i].submission;
    match cx.details {
        Some(d) => Ok(std::borrow::Cow::Owned(
            d.full(s).map_err(ReportError::Spill)?,
        )),
        None => Ok(std::borrow::Cow::Borrowed(s)),
    }
}

/// Writes the comparison: one `index.html`, or, when a year has more region-years than
/// `limit`, a national summary in `index.html` and one page per province.
fn write_comparison(
    templates: &Templates,
    cx: &Context,
    dir: &Path,
    inputs: &Protected,
    limit: usize,
) -> Result<Vec<FileHash>, ReportError> {
    if !cx.province_pages {
        let index = templates.index(cx)?;
        return Ok(vec![emit(dir, "index.html", index.as_bytes(), inputs)?]);
    }
    let provinces = Provinces::of(cx);
    let index = templates.province_index(cx, &provinces, limit)?;
    let mut written = vec![emit(dir, "index.html", index.as_bytes(), inputs)?];
    drop(index);
    let codes: Vec<&str> = provinces.codes().collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(PAGE_WRITERS)
        .build()?;
    let pages = pool.install(|| {
        codes
            .par_iter()
            .filter_map(|code| {
                // The file name comes only from a two-digit code; without one, no page.
                let name = province_file_name(code)?;
                let page = match templates.province(cx, &provinces, code)? {
                    Ok(page) => page,
                    Err(e) => return Some(Err(e.into())),
                };
                Some(emit(dir, &name, page.as_bytes(), inputs))
            })
            .collect::<Result<Vec<_>, ReportError>>()
    })?;
    written.extend(pages);
    Ok(written)
}

/// Everything `report` reads: answer files, baselines and template overrides.
fn protected_inputs(files: &[PathBuf], baselines: &[PathBuf], templates: &Templates) -> Protected {
    Protected::new(
        files
            .iter()
            .chain(baselines)
            .chain(&templates.overrides)
            .cloned(),
    )
}

/// Notes on what the old report in `dir` (shown as `shown`) had and this one has not: its
/// scorecards and province pages that this report does not write are gone with the old folder.
fn folder_notices(dir: &Path, shown: &Path, outputs: &[FileHash]) -> Vec<Text> {
    let mut notices = Vec::new();
    let written: HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let stale = stale_pages(dir, "scorecards", |n| n.ends_with(".html"), &written);
    if let Some(first) = stale.first() {
        let folder = shown.join("scorecards");
        notices.push(Text::new(
            format!(
                "catatan: {} kartu skor lama di {} bukan bagian dari laporan ini dan dihapus bersama laporan lama (misalnya {first})",
                stale.len(),
                folder.display(),
            ),
            format!(
                "note: {} older scorecards in {} are not part of this report and were removed with the old report (e.g. {first})",
                stale.len(),
                folder.display(),
            ),
        ));
    }
    // Province pages of an earlier, split report, which this one (not split, or split otherwise)
    // does not write.
    let is_province_page = |n: &str| n.starts_with("province-") && n.ends_with(".html");
    let stale = stale_pages(dir, "", is_province_page, &written);
    if let Some(first) = stale.first() {
        notices.push(Text::new(
            format!(
                "catatan: {} halaman provinsi lama di {} bukan bagian dari laporan ini dan dihapus bersama laporan lama (misalnya {first})",
                stale.len(),
                shown.display(),
            ),
            format!(
                "note: {} older province pages in {} are not part of this report and were removed with the old report (e.g. {first})",
                stale.len(),
                shown.display(),
            ),
        ));
    }
    notices
}

/// The pages in `folder` of the report folder (`""`: the folder itself) that this report did not
/// write, as paths relative to the report folder, in name order.
fn stale_pages(
    dir: &Path,
    folder: &str,
    is_page: impl Fn(&str) -> bool,
    written: &HashSet<&str>,
) -> Vec<String> {
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let mut stale: Vec<String> = std::fs::read_dir(dir.join(folder))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| is_page(n))
                .map(|n| format!("{prefix}{n}"))
                .filter(|n| !written.contains(n.as_str()))
                .collect()
        })
        .unwrap_or_default();
    stale.sort();
    stale
}

/// Writes every output but the manifest; returns what was written. Each file is written as it
/// is made and dropped before the next, so no large output is ever held in memory whole.
fn write_outputs(
    templates: &Templates,
    cx: &Context,
    dir: &Path,
    inputs: &Protected,
    problems: &[Problem],
    limit: usize,
) -> Result<Vec<FileHash>, ReportError> {
    // The comparison first: a branded template that fails to render stops the run early.
    let mut out = write_comparison(templates, cx, dir, inputs, limit)?;
    // The workbook and data files are each written by one thread (a national workbook takes half
    // a minute), so they are written while the scorecards keep the other cores busy.
    let (data, cards) = rayon::join(
        || write_data_files(cx, dir, inputs, problems),
        || write_scorecards(templates, cx, dir, inputs),
    );
    out.extend(data?);
    out.extend(cards?);
    Ok(out)
}

/// Writes `results.xlsx`, `results.csv` and `results.json`, the large ones streamed to disk.
fn write_data_files(
    cx: &Context,
    dir: &Path,
    inputs: &Protected,
    problems: &[Problem],
) -> Result<Vec<FileHash>, ReportError> {
    let (fw, cmp, lang) = (cx.fw, cx.cmp, cx.lang);
    let xlsx = emit_with(dir, "results.xlsx", inputs, |w| {
        super::xlsx::write_xlsx(fw, cmp, cx.details, lang, cx.generated, w)
            .map_err(std::io::Error::other)
    })?;
    let csv = emit(dir, "results.csv", &super::to_csv(fw, cmp, lang), inputs)?;
    let json = emit_with(dir, "results.json", inputs, |w| {
        super::json::write_json_with(fw, cmp, cx.details, problems, lang, w)
    })?;
    Ok(vec![xlsx, csv, json])
}
