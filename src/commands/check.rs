//! `smartcity check`: validate filled questionnaires without scoring them.

use crate::cli::CheckArgs;
use crate::text::Lang;

/// Runs the command.
pub(crate) fn run(args: CheckArgs, lang: Lang) -> u8 {
    let _ = (args, lang);
    eprintln!("not implemented yet / belum tersedia");
    super::EXIT_USAGE
}
