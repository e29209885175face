//! `smartcity template`: write a blank or prefilled questionnaire.

use crate::cli::TemplateArgs;
use crate::text::Lang;

/// Runs the command.
pub(crate) fn run(args: TemplateArgs, lang: Lang) -> u8 {
    let _ = (args, lang);
    eprintln!("not implemented yet / belum tersedia");
    super::EXIT_USAGE
}
