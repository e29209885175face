//! Running the commands: the glue between arguments, the library and the terminal. Every
//! problem is printed here, in the reader's language; the exit code says how the run went.

use crate::answers::ingest;
use crate::cli::{Cli, Command, FrameworkAction, ScoreArgs, ScoreFormat};
use crate::compare::{Snapshot, check_baseline, compare, read_baseline};
use crate::diagnostics::{Problem, Severity};
use crate::framework::{self, BUILTIN, DEFAULT_FRAMEWORK, Framework};
use crate::report;
use crate::text::Lang;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

/// Exit code: everything went through.
pub const EXIT_OK: u8 = 0;
/// Exit code: some inputs were rejected (the rest were still processed and written).
pub const EXIT_REJECTED: u8 = 1;
/// Exit code: usage or framework error; nothing was processed.
pub const EXIT_USAGE: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang;
    let code = match cli.command {
        Command::Frameworks => list_frameworks(lang),
        Command::Framework {
            action: FrameworkAction::Check { file },
        } => check_framework(&file, lang),
        Command::Score(args) => score(args, lang),
    };
    ExitCode::from(code)
}

fn print_problems(problems: &[Problem], lang: Lang, quiet: bool) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        if quiet && p.severity == Severity::Warning {
            continue;
        }
        let _ = writeln!(err, "{}", p.render(lang));
    }
}

fn list_frameworks(lang: Lang) -> u8 {
    let mut out = String::new();
    for (id, _, _) in BUILTIN {
        match framework::builtin(id) {
            Some(Ok(fw)) => {
                let default = if *id == DEFAULT_FRAMEWORK {
                    if lang == Lang::Id {
                        " (bawaan)"
                    } else {
                        " (default)"
                    }
                } else {
                    ""
                };
                out.push_str(&format!(
                    "{id}{default}\n  {} — versi/version {}\n  {} {}, {} {}, {}–{}\n",
                    fw.title.get(lang),
                    fw.version,
                    fw.dimensions.iter().filter(|d| d.parent.is_none()).count(),
                    if lang == Lang::Id {
                        "dimensi"
                    } else {
                        "dimensions"
                    },
                    fw.indicators.len(),
                    if lang == Lang::Id {
                        "indikator, skala"
                    } else {
                        "indicators, scale"
                    },
                    fw.scale.min,
                    fw.scale.max,
                ));
            }
            _ => out.push_str(&format!("{id}: invalid built-in\n")),
        }
    }
    print!("{out}");
    EXIT_OK
}

fn check_framework(file: &std::path::Path, lang: Lang) -> u8 {
    match framework::load_file(file) {
        Ok(fw) => {
            let sub = fw.dimensions.iter().filter(|d| d.parent.is_some()).count();
            match lang {
                Lang::Id => println!(
                    "{}: valid — {} {} — {} dimensi, {} subdimensi, {} indikator, {} komponen, {} predikat",
                    file.display(),
                    fw.id,
                    fw.version,
                    fw.dimensions.len() - sub,
                    sub,
                    fw.indicators.len(),
                    fw.components.len(),
                    fw.bands.len()
                ),
                Lang::En => println!(
                    "{}: valid — {} {} — {} dimensions, {} sub-dimensions, {} indicators, {} components, {} bands",
                    file.display(),
                    fw.id,
                    fw.version,
                    fw.dimensions.len() - sub,
                    sub,
                    fw.indicators.len(),
                    fw.components.len(),
                    fw.bands.len()
                ),
            }
            EXIT_OK
        }
        Err(problems) => {
            print_problems(&problems, lang, false);
            EXIT_REJECTED
        }
    }
}

/// Loads `--framework`, printing its problems on failure.
fn load_framework(spec: Option<&str>, lang: Lang) -> Result<Framework, u8> {
    framework::resolve(spec).map_err(|problems| {
        print_problems(&problems, lang, false);
        EXIT_USAGE
    })
}

fn load_baselines(args: &ScoreArgs, fw: &Framework) -> (Vec<Snapshot>, Vec<Problem>) {
    let mut snapshots = Vec::new();
    let mut problems = Vec::new();
    for path in &args.baseline {
        let (mut s, mut p) = read_baseline(path, fw);
        snapshots.append(&mut s);
        problems.append(&mut p);
    }
    problems.extend(check_baseline(fw, &snapshots));
    (snapshots, problems)
}

fn score(args: ScoreArgs, lang: Lang) -> u8 {
    let started = Instant::now();
    let fw = match load_framework(args.framework.as_deref(), lang) {
        Ok(fw) => fw,
        Err(code) => return code,
    };
    let (baseline, baseline_problems) = load_baselines(&args, &fw);
    let batch = ingest(&args.inputs, &fw, Severity::Warning);
    let mut problems = batch.problems;
    problems.extend(baseline_problems);
    let baseline_failed = problems
        .iter()
        .any(|p| p.is_error() && p.code == crate::diagnostics::Code::E017);
    let scored = batch.submissions.len();
    let cmp = compare(&fw, batch.submissions, &baseline);
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
    let secs = started.elapsed().as_secs_f64();
    let summary = match lang {
        Lang::Id => format!(
            "{} berkas dibaca, {scored} wilayah-tahun dinilai, {} ditolak, {} s",
            batch.files,
            batch.rejected,
            lang.number(secs, 2)
        ),
        Lang::En => format!(
            "{} files read, {scored} region-years scored, {} rejected, {} s",
            batch.files,
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
