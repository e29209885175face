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
use smartcity::framework::{self, Framework};

/// Runs a parsed command line.
pub(crate) fn run(cli: Cli) -> ExitStatus {
    if let Some(n) = cli.jobs {
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

/// Loads `--framework`, printing its problems on failure.
fn load_framework(spec: Option<&str>, out: Printer) -> Result<Framework, ExitStatus> {
    framework::resolve(spec).map_err(|problems| {
        out.problems(&problems);
        ExitStatus::Failure
    })
}
