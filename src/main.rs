//! The `smartcity` command: parse arguments, run the command over the library, exit with how the
//! run went. Everything here is glue; the work is in the `smartcity` library.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse()).into()
}
