//! Running the commands: the glue between arguments, the library and the terminal. Every
//! problem is printed here, in the reader's language; the exit code says how the run went.

mod check;
mod report;
mod score;
mod template;

use crate::cli::{Cli, Command, FrameworkAction};
use crate::diagnostics::{Problem, Severity};
use crate::framework::{self, BUILTIN, DEFAULT_FRAMEWORK, Framework};
use crate::text::{Lang, Text};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Exit code: everything went through.
pub const EXIT_OK: u8 = 0;
/// Exit code: some inputs were rejected (the rest were still processed and written).
pub const EXIT_REJECTED: u8 = 1;
/// Exit code: usage or framework error; nothing was processed.
pub const EXIT_USAGE: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang;
    if let Some(n) = cli.jobs {
        // Only fails if a pool already exists, which cannot happen before the first command runs.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global();
    }
    let code = match cli.command {
        Command::Frameworks => list_frameworks(lang),
        Command::Framework {
            action: FrameworkAction::Check { file },
        } => check_framework(&file, lang),
        Command::Score(args) => score::run(args, lang),
        Command::Template(args) => template::run(args, lang),
        Command::Check(args) => check::run(args, lang),
        Command::Report(args) => report::run(args, lang),
    };
    ExitCode::from(code)
}

/// A progress bar on standard error for `len` steps of `what`; hidden when standard error is not
/// a terminal (pipes, CI, logs) or when `quiet`.
pub(crate) fn progress(len: usize, what: Text, lang: Lang, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} · {per_sec} · {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.get(lang).to_string());
    bar
}

/// Prints problems to standard error in `lang`, warnings unless `quiet`.
pub(crate) fn print_problems(problems: &[Problem], lang: Lang, quiet: bool) {
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
                if let Some(years) = &fw.years {
                    let word = if lang == Lang::Id { "tahun" } else { "years" };
                    out.push_str(&format!("  {word} {}\n", years.label()));
                }
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
            let (top, inds, comps, bands) = (
                fw.dimensions.len() - sub,
                fw.indicators.len(),
                fw.components.len(),
                fw.bands.len(),
            );
            let counts = Text::new(
                format!(
                    "{top} dimensi, {sub} subdimensi, {inds} indikator, {comps} komponen, {bands} predikat"
                ),
                format!(
                    "{top} dimensions, {sub} sub-dimensions, {inds} indicators, {comps} components, {bands} bands"
                ),
            );
            println!(
                "{}: valid — {} {} — {}",
                file.display(),
                fw.id,
                fw.version,
                counts.get(lang)
            );
            EXIT_OK
        }
        Err(problems) => {
            print_problems(&problems, lang, false);
            EXIT_REJECTED
        }
    }
}

/// Loads `--framework`, printing its problems on failure.
pub(crate) fn load_framework(spec: Option<&str>, lang: Lang) -> Result<Framework, u8> {
    framework::resolve(spec).map_err(|problems| {
        print_problems(&problems, lang, false);
        EXIT_USAGE
    })
}
