//! `smartcity score`: assess the inputs, print or write one output (table, CSV or JSON).

use super::args::{ScoreArgs, ScoreFormat};
use super::exit::ExitStatus;
use super::printer::Printer;
use super::{assess_inputs, make_parent};
use smartcity::Options;
use smartcity::answers::{Detail, Mode};
use smartcity::compare::{Comparison, Ranking};
use smartcity::report;
use smartcity::text::Text;
use std::path::PathBuf;
use std::time::Instant;

/// `smartcity score`.
pub(crate) fn run(args: ScoreArgs, out: Printer) -> ExitStatus {
    let started = Instant::now();
    let options = Options {
        baselines: args.baselines.baseline.clone(),
        mode: Mode::Score,
        detail: Detail::Full,
        self_assessed: args.self_assessed,
        spill: None,
    };
    // The table and CSV show one row per region-year: a ranking keeps that row and no more. JSON
    // shows what was typed and where, and `--explain` every indicator's score.
    match (&args.explain, args.format) {
        (None, ScoreFormat::Table | ScoreFormat::Csv) => ranked(&args, &options, out, started),
        _ => whole(&args, &options, out, started),
    }
}

/// The table or CSV, from a ranking.
fn ranked(args: &ScoreArgs, options: &Options, out: Printer, started: Instant) -> ExitStatus {
    let framework = args.assessing.framework.as_deref();
    let (fw, assessment) = match assess_inputs::<Ranking>(framework, &args.inputs, options, out) {
        Ok(assessed) => assessed,
        Err(status) => return status,
    };
    let lang = out.lang();
    let ranking = &assessment.comparison;
    let written = if args.format == ScoreFormat::Csv {
        // Streamed to its file or standard output as it is formatted: a ten-year national panel
        // makes a CSV of hundreds of megabytes.
        emit(args, &assessment, out, &mut |w| {
            report::write_ranking_csv(&fw, ranking, lang, w)
        })
    } else {
        let width = out.width().unwrap_or(usize::MAX);
        match report::to_table_within(&fw, ranking, lang, width) {
            Ok(table) => match &args.output {
                Some(_) => emit(args, &assessment, out, &mut |w| {
                    w.write_all(table.as_bytes())
                }),
                None => out.text(&table).map_err(|e| smartcity::text::os_error(&e)),
            },
            Err(e) => Err(smartcity::text::os_error(&e)),
        }
    };
    finish(out, started, assessment, written)
}

/// JSON or `--explain`, from a whole comparison.
fn whole(args: &ScoreArgs, options: &Options, out: Printer, started: Instant) -> ExitStatus {
    let framework = args.assessing.framework.as_deref();
    let (fw, assessment) = match assess_inputs::<Comparison>(framework, &args.inputs, options, out)
    {
        Ok(assessed) => assessed,
        Err(status) => return status,
    };
    let lang = out.lang();
    let cmp = &assessment.comparison;
    let written = match &args.explain {
        Some(region) => match report::find_entry(cmp, region) {
            Some(e) => {
                let text = report::explain_text(&fw, cmp, e, lang);
                emit(args, &assessment, out, &mut |w| {
                    w.write_all(text.as_bytes())
                })
            }
            None => {
                out.error(&Text::new(
                    format!("wilayah `{region}` tidak ada di antara hasil"),
                    format!("region `{region}` is not among the results"),
                ));
                return ExitStatus::Failure;
            }
        },
        // Streamed: a national year makes a JSON of a gigabyte.
        None => emit(args, &assessment, out, &mut |w| {
            report::write_json(&fw, cmp, &assessment.problems, lang, w)
        }),
    };
    finish(out, started, assessment, written)
}

/// Writes the output with `fill`: atomically to `-o`'s file (never one of the inputs), or to
/// standard output.
fn emit<R>(
    args: &ScoreArgs,
    assessment: &smartcity::Assessment<R>,
    out: Printer,
    fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Text> {
    match &args.output {
        Some(path) => {
            let inputs = never_overwritten(args, assessment);
            make_parent(path).and_then(|()| {
                report::write_atomic_with(path, &inputs, |w| fill(w)).map_err(|e| e.text())
            })
        }
        None => out
            .output_with(|w| fill(w))
            .map_err(|e| smartcity::text::os_error(&e)),
    }
}

/// Ends the command once its output is written (or failed): the summary line and the status.
fn finish<R>(
    out: Printer,
    started: Instant,
    assessment: smartcity::Assessment<R>,
    written: Result<(), Text>,
) -> ExitStatus {
    let lang = out.lang();
    if let Err(text) = written {
        out.error(&text);
        return ExitStatus::Failure;
    }
    let (files, scored, rejected) = (
        assessment.files.len(),
        assessment.scored,
        assessment.rejected,
    );
    let secs = lang.number(started.elapsed().as_secs_f64(), 2);
    let baseline = super::baseline_clause(&assessment);
    out.note(&Text::new(
        format!(
            "{files} berkas dibaca, {scored} wilayah-tahun dinilai, {rejected} ditolak{}, {secs} s",
            baseline.id
        ),
        format!(
            "{files} files read, {scored} region-years scored, {rejected} rejected{}, {secs} s",
            baseline.en
        ),
    ));
    let status = ExitStatus::lost(assessment.lost_anything());
    // The process ends right after this command: freeing 80,000 results one by one would only
    // cost time (it was a tenth of a national run), so the memory is left to the OS.
    std::mem::forget(assessment);
    status
}

/// What `-o` must never replace: the paths named, every file found under a folder named (a CSV
/// among the inputs is as much an input as one named by itself), and the baselines.
fn never_overwritten<R>(args: &ScoreArgs, assessment: &smartcity::Assessment<R>) -> Vec<PathBuf> {
    let named = args.inputs.iter().chain(&args.baselines.baseline);
    named.chain(&assessment.files).cloned().collect()
}
