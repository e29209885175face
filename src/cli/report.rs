//! `smartcity report`: assess the inputs like `score`, then write the report folder.

use super::args::ReportArgs;
use super::assess_inputs;
use super::exit::ExitStatus;
use super::printer::Printer;
use smartcity::Options;
use smartcity::answers::{Detail, Mode};
use smartcity::report::Templates;
use smartcity::report::Timestamp;
use smartcity::report::{RankIntervals, ReportOptions, write_report_with};
use smartcity::text::Text;
use std::path::Path;
use std::time::Instant;

/// The folder holding the report folder, where the answers' detail is kept while it is written.
fn spill_dir(output: &Path) -> std::path::PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}

/// `smartcity report`.
pub(crate) fn run(args: ReportArgs, out: Printer) -> ExitStatus {
    let started = Instant::now();
    let generated = Timestamp::now();
    let lang = out.lang();
    // Templates first: a broken branded template should fail before any scoring work.
    let templates = match Templates::load(args.templates.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            out.error(&e.text());
            return ExitStatus::Failure;
        }
    };
    let options = Options {
        baselines: args.baselines.baseline.clone(),
        mode: Mode::Score,
        detail: Detail::Full,
        self_assessed: args.self_assessed,
        // Every answer's typed text and notes wait on disk beside the report folder (same
        // disk as the report) until its pages and files are written.
        spill: Some(spill_dir(&args.output)),
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

    let report = ReportOptions {
        dir: args.output.clone(),
        lang,
        generated,
        framework_spec: args.assessing.framework.clone(),
        baselines: args.baselines.baseline.clone(),
        inputs: args.inputs.clone(),
        templates_dir: args.templates.clone(),
        page_limit: args.page_limit,
        scorecards: args.scorecards.into(),
    };
    // `--analyse`: the analysis of the newest (or --year) year, its rank intervals in the rankings.
    let analysis = if args.analyse {
        let mc = &args.monte_carlo;
        match smartcity::analyse::analyse(&fw, &assessment.comparison, mc.year, mc.settings()) {
            Ok(a) => Some(a),
            Err(e) => {
                out.error(&e.text());
                return ExitStatus::Failure;
            }
        }
    } else {
        None
    };
    let intervals = analysis.as_ref().map(|a| RankIntervals {
        by_region_year: a
            .regions
            .iter()
            .map(|r| {
                let u = &r.robustness;
                (
                    (r.region_code.to_string(), r.year),
                    (u.rank_p05, u.rank_p95),
                )
            })
            .collect(),
        page: Some("analysis.html".into()),
    });
    let mut protect = assessment.files.clone();
    protect.extend(args.baselines.baseline.iter().cloned());
    // The analysis's files go into the report folder while it is built, so they are put in place
    // with it and named in its manifest.
    let write_analysis = |dir: &Path| -> Result<Vec<String>, Text> {
        let Some(a) = &analysis else {
            return Ok(Vec::new());
        };
        smartcity::analyse::write_analysis(&fw, a, dir, lang, generated, &protect)?;
        Ok(smartcity::analyse::FILES.map(str::to_string).to_vec())
    };
    let written = match write_report_with(
        &fw,
        &assessment,
        &templates,
        &report,
        intervals.as_ref(),
        Some(&write_analysis),
    ) {
        Ok(w) => w,
        Err(e) => {
            out.error(&e.text());
            return ExitStatus::Failure;
        }
    };
    for notice in &written.notices {
        out.note(notice);
    }
    let (dir, cards, rejected) = (
        args.output.display(),
        written.scorecards,
        assessment.rejected,
    );
    let secs = lang.number(started.elapsed().as_secs_f64(), 2);
    let baseline = super::baseline_clause(&assessment);
    out.note(&Text::new(
        format!(
            "laporan ditulis ke {dir}: {cards} kartu skor, {rejected} ditolak{}, {secs} s",
            baseline.id
        ),
        format!(
            "report written to {dir}: {cards} scorecards, {rejected} rejected{}, {secs} s",
            baseline.en
        ),
    ));
    ExitStatus::lost(assessment.lost_anything())
}
