//! The command-line arguments, nothing else.

use crate::text::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Penilaian mandiri kota cerdas / Smart-city maturity self-assessment.
#[derive(Debug, Parser)]
#[command(name = "smartcity", version, about, long_about = None)]
pub struct Cli {
    /// Bahasa keluaran / output language.
    #[arg(
        long,
        global = true,
        value_enum,
        env = "SMARTCITY_LANG",
        default_value = "id"
    )]
    pub lang: Lang,
    /// Perintah / command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Daftar kerangka bawaan / list the built-in frameworks.
    Frameworks,
    /// Kerangka indikator / indicator frameworks.
    Framework {
        /// What to do with a framework.
        #[command(subcommand)]
        action: FrameworkAction,
    },
    /// Nilai kuesioner: indeks, predikat, peringkat, kenaikan / score questionnaires: index,
    /// band, rank, improvement.
    Score(ScoreArgs),
}

/// `smartcity framework …`.
#[derive(Debug, Subcommand)]
pub enum FrameworkAction {
    /// Periksa berkas kerangka TOML / validate a framework TOML file.
    Check {
        /// Berkas TOML / the TOML file.
        file: PathBuf,
    },
}

/// Output formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// Tabel untuk terminal / a table for the terminal.
    Table,
    /// CSV dengan kolom tetap / CSV with stable columns.
    Csv,
    /// JSON lengkap dengan skor indikator / full JSON with indicator scores.
    Json,
}

/// `smartcity score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Kerangka: id bawaan atau berkas TOML / framework: built-in id or TOML file
    /// [default: kominfo-smart-city].
    #[arg(long, short = 'f')]
    pub framework: Option<String>,
    /// Hasil tahun lalu (results.csv / results.json dari smartcity) / earlier results written by
    /// smartcity, for improvement when last year's answers are not at hand.
    #[arg(long, short = 'b')]
    pub baseline: Vec<PathBuf>,
    /// Format keluaran / output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ScoreFormat,
    /// Tulis ke berkas, bukan ke layar / write to a file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Jangan tampilkan peringatan / do not print warnings.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Berkas atau folder (dicari rekursif) / files or folders (searched recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}
