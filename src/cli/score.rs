//! `smartcity score`: assess the inputs, print or write one output (table, CSV or JSON).

use super::args::{ScoreArgs, ScoreFormat};
use super::exit::ExitStatus;
use super::printer::Printer;
use super::{assess_inputs, make_parent};
use smartcity::Options;
use smartcity::answers::{Detail, Mode};
use smartcity::report::{self, write_atomic};
use smartcity::text::Text;
use std::path::PathBuf;
use std::time::Instant;

/// `smartcity score`.
pub(crate) fn run(args: ScoreArgs, out: Printer) -> ExitStatus {
    let started = Instant::now();
    let lang = out.lang();
    let options = Options {
        baselines: args.baselines.baseline.clone(),
        mode: Mode::Score,
        // Only JSON shows what was typed and where; the table and CSV need the answers alone.
        // `--explain` needs every region's indicator scores for the change.
        detail: match args.format {
            _ if args.explain.is_some() => Detail::Full,
            ScoreFormat::Json => Detail::Full,
            ScoreFormat::Table | ScoreFormat::Csv => Detail::Lean,
        },
        self_assessed: args.self_assessed,
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

    let cmp = &assessment.comparison;
    if args.explain.is_none() && args.format != ScoreFormat::Table {
        // Streamed to its file or standard output as it is formatted: a ten-year national panel
        // makes a CSV of hundreds of megabytes, a national year a JSON of a gigabyte.
        let problems = &assessment.problems;
        let fill = |w: &mut dyn std::io::Write| match args.format {
            ScoreFormat::Json => report::write_json(&fw, cmp, problems, lang, w),
            _ => report::write_csv(&fw, cmp, lang, w),
        };
        let written = match &args.output {
            Some(path) => {
                let inputs = never_overwritten(&args, &assessment);
                make_parent(path).and_then(|()| {
                    report::write_atomic_with(path, &inputs, |w| fill(w)).map_err(|e| e.text())
                })
            }
            None => out
                .output_with(fill)
                .map_err(|e| smartcity::text::os_error(&e)),
        };
        return finish(out, started, assessment, written);
    }
    let body = match (&args.explain, args.format) {
        (Some(region), _) => match report::find_entry(cmp, region) {
            Some(e) => report::explain_text(&fw, cmp, e, lang).into_bytes(),
            None => {
                out.error(&Text::new(
                    format!("wilayah `{region}` tidak ada di antara hasil"),
                    format!("region `{region}` is not among the results"),
                ));
                return ExitStatus::Failure;
            }
        },
        // CSV and JSON were streamed above.
        (None, _) => {
            let width = out.width().unwrap_or(usize::MAX);
            report::to_table_within(&fw, cmp, lang, width).into_bytes()
        }
    };
    let written = match &args.output {
        Some(path) => {
            let inputs = never_overwritten(&args, &assessment);
            make_parent(path)
                .and_then(|()| write_atomic(path, &body, &inputs).map_err(|e| e.text()))
        }
        None if args.format == ScoreFormat::Table => out
            .text(&String::from_utf8_lossy(&body))
            .map_err(|e| smartcity::text::os_error(&e)),
        None => out.output(&body).map_err(|e| smartcity::text::os_error(&e)),
    };
    // The process ends right after this command: the output is left to the OS (see `finish`).
    std::mem::forget(body);
    finish(out, started, assessment, written)
}

/// Ends the command once its output is written (or failed): the summary line and the status.
fn finish(
    out: Printer,
    started: Instant,
    assessment: smartcity::Assessment,
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
fn never_overwritten(args: &ScoreArgs, assessment: &smartcity::Assessment) -> Vec<PathBuf> {
    let named = args.inputs.iter().chain(&args.baselines.baseline);
    named.chain(&assessment.files).cloned().collect()
}
