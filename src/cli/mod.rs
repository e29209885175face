//! The commands: the glue between arguments, the library and the terminal. Each command is
//! argument handling, one call into the library, and printing through the [`Printer`]; the
//! [`ExitStatus`] says how the run went.

mod analyse;
mod args;
mod check;
mod exit;
mod frameworks;
mod printer;
mod report;
mod score;
mod template;

pub(crate) use args::Cli;

use args::{Command, FrameworkAction};
use exit::ExitStatus;
use printer::Printer;
use smartcity::answers::Mode;
use smartcity::framework::{self, Framework};
use smartcity::text::Text;
use smartcity::{Assessment, Inputs, Options, Results};
use std::path::{Path, PathBuf};

/// Runs a parsed command line.
pub(crate) fn run(cli: Cli) -> ExitStatus {
    let jobs = match &cli.command {
        Command::Score(args) => args.assessing.jobs,
        Command::Check(args) => args.assessing.jobs,
        Command::Report(args) => args.assessing.jobs,
        Command::Analyse(args) => args.assessing.jobs,
        Command::Frameworks | Command::Framework { .. } | Command::Template(_) => None,
    };
    if let Some(n) = jobs {
        // Only fails if a pool already exists, which cannot happen before the first command runs.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global();
    }
    let lang = cli.lang;
    match cli.command {
        Command::Frameworks => frameworks::list(Printer::new(lang, false)),
        Command::Framework {
            action: FrameworkAction::Check { file },
        } => frameworks::check(&file, Printer::new(lang, false)),
        Command::Score(args) => {
            let out = Printer::new(lang, args.quiet);
            score::run(args, out)
        }
        Command::Template(args) => template::run(args, Printer::new(lang, false)),
        Command::Check(args) => check::run(args, Printer::new(lang, false)),
        Command::Report(args) => {
            let out = Printer::new(lang, args.quiet);
            report::run(args, out)
        }
        Command::Analyse(args) => {
            let out = Printer::new(lang, args.quiet);
            analyse::run(args, out)
        }
    }
}

/// What every command that reads answers does first: the framework named (or the default), the
/// input files found under `paths` (none is a usage error), assessed with a progress bar; when no
/// framework was named and every file names another built-in one, assessed with that one. The
/// problems found are printed, except when checking, whose report lists them file by file.
fn assess_inputs<R: Results>(
    framework: Option<&str>,
    paths: &[PathBuf],
    options: &Options,
    out: Printer,
) -> Result<(Framework, Assessment<R>), ExitStatus> {
    let fw = load_framework(framework, out)?;
    let inputs = collect_inputs(paths, out)?;
    let doing = match options.mode {
        Mode::Check => Text::new("memeriksa berkas", "checking files"),
        Mode::Score | Mode::Prefill => Text::new("membaca berkas", "reading files"),
    };
    let bar = out.progress(inputs.files().len(), doing);
    let named = framework.is_some();
    let (fw, assessment) = assess_as_claimed(fw, named, inputs, options, &|_| bar.inc(1), out);
    bar.finish_and_clear();
    if options.mode != Mode::Check {
        out.problems(&assessment.problems);
    }
    Ok((fw, assessment))
}

/// The input files named by `paths`, or the run's end when there are none: a folder without a
/// spreadsheet, or a mistyped path, is a usage error, not an empty success.
fn collect_inputs(paths: &[PathBuf], out: Printer) -> Result<Inputs, ExitStatus> {
    let inputs = Inputs::collect(paths);
    if !inputs.files().is_empty() {
        return Ok(inputs);
    }
    out.problems(inputs.problems());
    let named = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    out.error(&Text::new(
        format!("tidak ada berkas kuesioner (xlsx, xlsm, xls, xlsb, ods, csv, tsv) di {named}"),
        format!(
            "no questionnaire files (xlsx, xlsm, xls, xlsb, ods, csv, tsv) found under {named}"
        ),
    ));
    Err(ExitStatus::Failure)
}

/// Assesses `inputs` with `fw`. When no framework was named (`named` false) and every file names
/// the same other built-in framework, assesses them again with that one, and says so: a
/// questionnaire that says what it is needs no `--framework`.
fn assess_as_claimed<R: Results>(
    fw: Framework,
    named: bool,
    inputs: Inputs,
    options: &Options,
    on_file: &(dyn Fn(&Path) + Sync),
    out: Printer,
) -> (Framework, Assessment<R>) {
    let assessment = R::assess(&fw, inputs.clone(), options, on_file);
    if named {
        return (fw, assessment);
    }
    let Some(Ok(claimed)) = assessment.claimed_framework().and_then(framework::builtin) else {
        return (fw, assessment);
    };
    out.note(&Text::new(
        format!(
            "berkas masukan dibuat untuk kerangka {}; dinilai dengan kerangka itu",
            claimed.id
        ),
        format!(
            "the input files are made for framework {}; assessed with it",
            claimed.id
        ),
    ));
    let assessment = R::assess(&claimed, inputs, options, on_file);
    (claimed, assessment)
}

/// What the summary line says of the baselines: nothing when they could be used, and why the
/// run still exits 1 when one could not.
fn baseline_clause<R>(assessment: &Assessment<R>) -> Text {
    if assessment.baseline_failed {
        Text::new(
            ", hasil pembanding tidak dapat dipakai (E017)",
            ", a baseline could not be used (E017)",
        )
    } else {
        Text::default()
    }
}

/// Makes the folder an output file `path` goes into, as `report` makes its folder.
fn make_parent(path: &Path) -> Result<(), Text> {
    let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    std::fs::create_dir_all(parent).map_err(|e| {
        let why = smartcity::text::os_error(&e);
        Text::new(
            format!(
                "{}: folder keluaran tidak dapat dibuat: {}",
                parent.display(),
                why.id
            ),
            format!(
                "{}: cannot create the output folder: {}",
                parent.display(),
                why.en
            ),
        )
    })
}

/// Loads `--framework`, printing its problems on failure.
fn load_framework(spec: Option<&str>, out: Printer) -> Result<Framework, ExitStatus> {
    framework::resolve(spec).map_err(|problems| {
        out.problems(&problems);
        ExitStatus::Failure
    })
}
