//! `smartcity score`: assess the inputs, print or write one output (table, CSV or JSON).

use super::args::{ScoreArgs, ScoreFormat};
use super::exit::ExitStatus;
use super::printer::Printer;
use super::{assess_inputs, make_parent};
use smartcity::Options;
use smartcity::answers::{Detail, Mode};
use smartcity::report::{self, write_atomic};
use smartcity::text::Text;
use std::time::Instant;

/// `smartcity score`.
pub(crate) fn run(args: ScoreArgs, out: Printer) -> ExitStatus {
    let started = Instant::now();
    let lang = out.lang();
    let options = Options {
        baselines: args.baseline.clone(),
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
    let (fw, assessment) =
        match assess_inputs(args.framework.as_deref(), &args.inputs, &options, out) {
            Ok(assessed) => assessed,
            Err(status) => return status,
        };

    let cmp = &assessment.comparison;
    let body = match (&args.explain, args.format) {
        (Some(region), _) => match report::find_entry(cmp, region) {
            Some(e) => report::explain_text(&fw, e, lang).into_bytes(),
            None => {
                out.error(&Text::new(
                    format!("wilayah `{region}` tidak ada di antara hasil"),
                    format!("region `{region}` is not among the results"),
                ));
                return ExitStatus::Failure;
            }
        },
        (None, format) => match format {
            ScoreFormat::Table => {
                let width = out.width().unwrap_or(usize::MAX);
                report::to_table_within(&fw, cmp, lang, width).into_bytes()
            }
            ScoreFormat::Csv => report::to_csv(&fw, cmp, lang),
            ScoreFormat::Json => report::to_json(&fw, cmp, &assessment.problems, lang),
        },
    };
    let written = match &args.output {
        Some(path) => {
            let mut inputs = args.inputs.clone();
            inputs.extend(args.baseline.iter().cloned());
            make_parent(path)
                .and_then(|()| write_atomic(path, &body, &inputs).map_err(|e| e.text()))
        }
        None if args.format == ScoreFormat::Table => out
            .text(&String::from_utf8_lossy(&body))
            .map_err(|e| smartcity::text::os_error(&e)),
        None => out.output(&body).map_err(|e| smartcity::text::os_error(&e)),
    };
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
    std::mem::forget(body);
    status
}
