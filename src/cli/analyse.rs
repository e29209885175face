//! `smartcity analyse`: assess the inputs like `score`, then the robustness of the ranking and
//! the statistical audit of the framework, written into a folder.

use super::args::{AnalyseArgs, MonteCarloArgs};
use super::assess_inputs;
use super::exit::ExitStatus;
use super::printer::Printer;
use smartcity::Options;
use smartcity::analyse::{Settings, analyse, write_analysis};
use smartcity::answers::{Detail, Mode};
use smartcity::report::Timestamp;
use smartcity::text::Text;
use std::time::Instant;

impl MonteCarloArgs {
    /// The library's settings.
    pub(crate) fn settings(&self) -> Settings {
        Settings {
            samples: self.samples as usize,
            seed: self.seed,
            weight_spread: self.weight_spread,
            answer_noise: self.answer_noise,
            ..Settings::default()
        }
    }
}

/// `smartcity analyse`.
pub(crate) fn run(args: AnalyseArgs, out: Printer) -> ExitStatus {
    let started = Instant::now();
    let created = Timestamp::now();
    let lang = out.lang();
    let options = Options {
        baselines: args.baselines.baseline.clone(),
        mode: Mode::Score,
        // The audit counts distinct answers and answer noise moves them: answers are kept.
        detail: Detail::Full,
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
    let mc = &args.monte_carlo;
    let analysis = match analyse(&fw, &assessment.comparison, mc.year, mc.settings()) {
        Ok(a) => a,
        Err(e) => {
            out.error(&e.text());
            return ExitStatus::Failure;
        }
    };
    let mut protect = assessment.files.clone();
    protect.extend(args.baselines.baseline.iter().cloned());
    if let Err(text) = write_analysis(&fw, &analysis, &args.output, lang, created, &protect) {
        out.error(&text);
        return ExitStatus::Failure;
    }
    let (dir, regions, flags, rejected) = (
        args.output.display(),
        analysis.regions.len(),
        analysis.flags.len(),
        assessment.rejected,
    );
    let secs = lang.number(started.elapsed().as_secs_f64(), 2);
    let runs = analysis.runs();
    out.note(&Text::new(
        format!(
            "analisis ditulis ke {dir}: {regions} wilayah-tahun {}, {runs} simulasi, {flags} catatan, {rejected} ditolak, {secs} s",
            analysis.year
        ),
        format!(
            "analysis written to {dir}: {regions} region-years of {}, {runs} model runs, {flags} flags, {rejected} rejected, {secs} s",
            analysis.year
        ),
    ));
    ExitStatus::lost(assessment.lost_anything())
}
