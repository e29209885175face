//! The `smartcity` command: parse arguments, run, exit with the run's code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    smartcity::commands::run(smartcity::cli::Cli::parse())
}
