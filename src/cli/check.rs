//! `smartcity check`: validate filled questionnaires without scoring them, file by file, with a
//! summary — the command staff run before sending a questionnaire.

use super::args::{CheckArgs, CheckFormat};
use super::assess_inputs;
use super::exit::ExitStatus;
use super::printer::Printer;
use serde::Serialize;
use smartcity::answers::{Detail, Mode};
use smartcity::diagnostics::{Code, Problem, Severity};
use smartcity::framework::{self, Framework};
use smartcity::text::{Lang, Text};
use smartcity::{Assessment, Inputs, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The verdict on one file.
#[derive(Debug, Serialize)]
struct FileReport<'a> {
    file: String,
    /// The framework it was checked against (another than the run's when the file names it).
    framework_id: &'a str,
    valid: bool,
    errors: usize,
    warnings: usize,
    problems: Vec<&'a Problem>,
}

#[derive(Debug, Serialize)]
struct Summary {
    files: usize,
    valid: usize,
    with_errors: usize,
    with_warnings: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    framework_id: &'a str,
    framework_version: &'a str,
    files: Vec<FileReport<'a>>,
    summary: Summary,
}

fn reports<'a>(
    files: &[PathBuf],
    problems: &'a [Problem],
    framework_of: &dyn Fn(&Path) -> &'a str,
) -> Vec<FileReport<'a>> {
    let mut paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    // Inputs that could not even be found are files too, for the verdict.
    for p in problems {
        if !p.file.as_os_str().is_empty() && !paths.contains(&p.file.as_path()) {
            paths.push(&p.file);
        }
    }
    paths
        .into_iter()
        .map(|path| {
            let mine: Vec<&Problem> = problems.iter().filter(|p| p.file == path).collect();
            let errors = mine
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            FileReport {
                file: path.display().to_string(),
                framework_id: framework_of(path),
                valid: errors == 0,
                errors,
                warnings: mine.len() - errors,
                problems: mine,
            }
        })
        .collect()
}

fn summary(reports: &[FileReport]) -> Summary {
    Summary {
        files: reports.len(),
        valid: reports.iter().filter(|r| r.valid).count(),
        with_errors: reports.iter().filter(|r| !r.valid).count(),
        with_warnings: reports.iter().filter(|r| r.warnings > 0).count(),
    }
}

/// `1 error`, `2 errors`: English counts agree with their noun (Indonesian nouns do not inflect).
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Warnings of one code listed in full per file; more are counted in one line.
const WARNINGS_LISTED: usize = 3;

fn text_output(reports: &[FileReport], s: &Summary, lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        let (errors, warnings) = (r.errors, r.warnings);
        let verdict = match (r.valid, warnings) {
            (true, 0) => Text::new("✓ valid", "✓ valid"),
            (true, w) => Text::new(
                format!("✓ valid, {w} peringatan"),
                format!("✓ valid, {}", count(w, "warning", "warnings")),
            ),
            (false, w) => Text::new(
                format!("✗ {errors} galat, {w} peringatan"),
                format!(
                    "✗ {}, {}",
                    count(errors, "error", "errors"),
                    count(w, "warning", "warnings")
                ),
            ),
        };
        let file = smartcity::text::terminal_safe(&r.file, false);
        out.push_str(&format!("{file}: {}\n", verdict.get(lang)));
        let mut listed: BTreeMap<Code, usize> = BTreeMap::new();
        for p in &r.problems {
            if p.severity == Severity::Warning {
                let seen = listed.entry(p.code).or_default();
                *seen += 1;
                if *seen > WARNINGS_LISTED {
                    continue;
                }
            }
            for line in p.render(lang).lines() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
        for (code, n) in listed {
            let more = n.saturating_sub(WARNINGS_LISTED);
            if more > 0 {
                let code = code.as_str();
                let line = Text::new(
                    format!("  … dan {more} peringatan {code} lagi\n"),
                    format!(
                        "  … and {more} more {code} {}\n",
                        if more == 1 { "warning" } else { "warnings" }
                    ),
                );
                out.push_str(line.get(lang));
            }
        }
    }
    let line = Text::new(
        format!(
            "{} berkas diperiksa: {} valid, {} dengan galat, {} dengan peringatan",
            s.files, s.valid, s.with_errors, s.with_warnings
        ),
        format!(
            "{} checked: {} valid, {} with errors, {} with warnings",
            count(s.files, "file", "files"),
            s.valid,
            s.with_errors,
            s.with_warnings
        ),
    );
    out.push_str(line.get(lang));
    out.push('\n');
    out
}

/// When no framework was named, a questionnaire of another built-in framework (E007 against
/// `fw`) is checked against the framework it names, so that a folder mixing frameworks checks
/// clean when every file is; its problems replace the E007. A claim naming no built-in framework
/// keeps its E007.
fn check_as_claimed(
    fw: &Framework,
    assessment: &mut Assessment,
    options: &Options,
    out: Printer,
) -> BTreeMap<PathBuf, String> {
    let mut claims: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for p in assessment.problems.iter().filter(|p| p.code == Code::E007) {
        match p.found.as_deref().map(str::trim) {
            Some(claim) if claim != fw.id => claims
                .entry(claim.to_string())
                .or_default()
                .push(p.file.clone()),
            _ => {}
        }
    }
    let mut checked_with = BTreeMap::new();
    for (id, files) in claims {
        // A claim naming no built-in framework keeps its E007.
        let Some(Ok(other)) = framework::builtin(&id) else {
            continue;
        };
        checked_with.extend(files.iter().map(|f| (f.clone(), id.clone())));
        let again = smartcity::assess(&other, Inputs::collect(&files), options);
        assessment
            .problems
            .retain(|p| !(p.code == Code::E007 && files.contains(&p.file)));
        assessment.problems.extend(again.problems);
        let n = files.len();
        out.note(&Text::new(
            format!("{n} berkas dibuat untuk kerangka {id}; diperiksa dengan kerangka itu"),
            format!(
                "{} made for framework {id}; checked against it",
                count(n, "file", "files")
            ),
        ));
    }
    checked_with
}

/// Runs the command.
pub(crate) fn run(args: CheckArgs, out: Printer) -> ExitStatus {
    let lang = out.lang();
    let options = Options {
        baselines: Vec::new(),
        mode: Mode::Check,
        detail: Detail::Full,
        self_assessed: false,
        spill: None,
    };
    let (fw, assessment) = match assess_inputs(
        args.assessing.framework.as_deref(),
        &args.inputs,
        &options,
        out,
    ) {
        Ok(assessed) => assessed,
        Err(status) => return status,
    };
    let mut assessment = assessment;
    let checked_with = match args.assessing.framework {
        None => check_as_claimed(&fw, &mut assessment, &options, out),
        Some(_) => BTreeMap::new(),
    };
    let framework_of = |f: &Path| checked_with.get(f).map_or(fw.id.as_str(), String::as_str);
    let mut reports = reports(&assessment.files, &assessment.problems, &framework_of);
    if args.errors_only {
        // Counted still (the summary says how many files have warnings), but not listed.
        for r in &mut reports {
            r.problems.retain(|p| p.severity == Severity::Error);
        }
    }
    let s = summary(&reports);
    let all_valid = s.with_errors == 0;
    let body = match args.format {
        CheckFormat::Text => text_output(&reports, &s, lang),
        CheckFormat::Json => {
            let doc = JsonReport {
                framework_id: &fw.id,
                framework_version: &fw.version,
                files: reports,
                summary: s,
            };
            let mut json = serde_json::to_string_pretty(&doc).unwrap_or_default();
            json.push('\n');
            json
        }
    };
    if let Err(e) = out.text(&body) {
        out.error(&smartcity::text::os_error(&e));
        return ExitStatus::Failure;
    }
    ExitStatus::lost(!all_valid)
}
