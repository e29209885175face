//! `smartcity score`: read, validate, score, compare, print or write one output.

use super::{EXIT_OK, EXIT_REJECTED, EXIT_USAGE, load_framework, print_problems, progress};
use crate::answers::Mode;
use crate::answers::{collect_files, ingest_files};
use crate::cli::{ScoreArgs, ScoreFormat};
use crate::compare::{Snapshot, check_baseline, compare, read_baseline};
use crate::diagnostics::Problem;
use crate::framework::Framework;
use crate::report;
use crate::text::{Lang, Text};
use std::io::Write;
use std::time::Instant;

/// Reads every `--baseline` file, with the problems found.
pub(crate) fn load_baselines(
    paths: &[std::path::PathBuf],
    fw: &Framework,
) -> (Vec<Snapshot>, Vec<Problem>) {
    let mut snapshots = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let (mut s, mut p) = read_baseline(path, fw);
        snapshots.append(&mut s);
        problems.append(&mut p);
    }
    problems.extend(check_baseline(fw, &snapshots));
    (snapshots, problems)
}

/// `smartcity score`.
pub(crate) fn run(args: ScoreArgs, lang: Lang) -> u8 {
    let started = Instant::now();
    let fw = match load_framework(args.framework.as_deref(), lang) {
        Ok(fw) => fw,
        Err(code) => return code,
    };
    let (baseline, baseline_problems) = load_baselines(&args.baseline, &fw);
    let mut found = Vec::new();
    let files = collect_files(&args.inputs, &mut found);
    let bar = progress(
        files.len(),
        Text::new("membaca berkas", "reading files"),
        lang,
        args.quiet,
    );
    // Only JSON shows what was typed and where; the table and CSV need the answers alone.
    let keep = args.format == ScoreFormat::Json;
    let batch = ingest_files(files, found, &fw, Mode::Score, keep, &|_| bar.inc(1));
    bar.finish_and_clear();
    let mut problems = batch.problems;
    problems.extend(baseline_problems);
    let baseline_failed = problems
        .iter()
        .any(|p| p.is_error() && p.code == crate::diagnostics::Code::E017);
    let scored = batch.submissions.len();
    let cmp = if keep {
        compare(&fw, batch.submissions, &baseline)
    } else {
        crate::compare::compare_lean(&fw, batch.submissions, &baseline)
    };
    problems.extend(crate::compare::coverage_warnings(&fw, &cmp));
    print_problems(&problems, lang, args.quiet);

    let body = match args.format {
        ScoreFormat::Table => report::to_table(&fw, &cmp, lang).into_bytes(),
        ScoreFormat::Csv => report::to_csv(&fw, &cmp, lang),
        ScoreFormat::Json => report::to_json(&fw, &cmp, &problems, lang),
    };
    let mut inputs = args.inputs.clone();
    inputs.extend(args.baseline.iter().cloned());
    let written = match &args.output {
        Some(path) => report::write_atomic(path, &body, &inputs).map_err(|e| e.to_string()),
        None => std::io::stdout()
            .write_all(&body)
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        eprintln!("{e}");
        return EXIT_USAGE;
    }
    // The process ends right after this command: freeing 80,000 results one by one would only
    // cost time (it was a tenth of a national run), so the memory is left to the OS.
    std::mem::forget(cmp);
    std::mem::forget(body);
    let secs = started.elapsed().as_secs_f64();
    let summary = match lang {
        Lang::Id => format!(
            "{} berkas dibaca, {scored} wilayah-tahun dinilai, {} ditolak, {} s",
            batch.files.len(),
            batch.rejected,
            lang.number(secs, 2)
        ),
        Lang::En => format!(
            "{} files read, {scored} region-years scored, {} rejected, {} s",
            batch.files.len(),
            batch.rejected,
            lang.number(secs, 2)
        ),
    };
    if !args.quiet {
        eprintln!("{summary}");
    }
    if batch.rejected > 0 || baseline_failed {
        EXIT_REJECTED
    } else {
        EXIT_OK
    }
}
