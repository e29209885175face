//! `smartcity report`: the comparison report and scorecards.

use crate::cli::ReportArgs;
use crate::text::Lang;

/// Runs the command.
pub(crate) fn run(args: ReportArgs, lang: Lang) -> u8 {
    let _ = (args, lang);
    eprintln!("not implemented yet / belum tersedia");
    super::EXIT_USAGE
}
