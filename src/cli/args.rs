//! The command-line arguments, nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use smartcity::text::Lang;
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
    /// Tulis kuesioner kosong (xlsx) / write a blank questionnaire workbook (xlsx).
    Template(TemplateArgs),
    /// Periksa kuesioner yang sudah diisi / check filled questionnaires without scoring them.
    Check(CheckArgs),
    /// Laporan perbandingan dan kartu skor (HTML, xlsx, CSV, JSON) / comparison report and
    /// scorecards.
    Report(ReportArgs),
    /// Ketangguhan peringkat dan audit statistik kerangka / robustness of the ranking and
    /// statistical audit of the framework.
    Analyse(AnalyseArgs),
}

/// The Monte Carlo options `analyse` and `report --analyse` share.
#[derive(Debug, Clone, Args)]
pub struct MonteCarloArgs {
    /// Tahun yang dianalisis / year analysed [default: the newest].
    #[arg(long)]
    pub year: Option<i32>,
    /// Jumlah simulasi / Monte Carlo samples.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(2..=1_000_000))]
    pub samples: u32,
    /// Benih acak / random seed (the same seed gives the same files).
    #[arg(long, default_value_t = smartcity::analyse::DEFAULT_SEED)]
    pub seed: u64,
    /// Sebaran bobot: faktor seragam dalam [1 − s, 1 + s] / weight spread s, factors uniform in
    /// [1 − s, 1 + s].
    #[arg(long, default_value_t = 0.25, value_parser = unit_interval_open)]
    pub weight_spread: f64,
    /// Peluang jawaban bergeser satu tingkat; galat relatif angka / probability an option answer
    /// moves one level; relative error of numbers.
    #[arg(long, default_value_t = 0.0, value_parser = unit_interval)]
    pub answer_noise: f64,
}

fn parse_share(s: &str, open_top: bool) -> Result<f64, String> {
    let v: f64 = s.trim().parse().map_err(|_| format!("not a number: {s}"))?;
    let ok = v >= 0.0 && if open_top { v < 1.0 } else { v <= 1.0 };
    if ok {
        Ok(v)
    } else if open_top {
        Err("must be at least 0 and below 1".into())
    } else {
        Err("must be between 0 and 1".into())
    }
}

fn unit_interval_open(s: &str) -> Result<f64, String> {
    parse_share(s, true)
}

fn unit_interval(s: &str) -> Result<f64, String> {
    parse_share(s, false)
}

/// What every command that reads questionnaires takes besides its inputs.
#[derive(Debug, Args)]
pub struct Assessing {
    /// Jumlah utas kerja / worker threads [default: all cores].
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Kerangka: id bawaan atau berkas TOML / framework: built-in id or TOML file [default: the
    /// one the files name, else kominfo-smart-city].
    #[arg(long, short = 'f')]
    pub framework: Option<String>,
}

/// Earlier results, for improvement when last year's answers are not at hand.
#[derive(Debug, Args)]
pub struct Baselines {
    /// Hasil tahun lalu (results.csv / results.json dari smartcity) / earlier results written by
    /// smartcity, for improvement when last year's answers are not at hand.
    #[arg(long, short = 'b')]
    pub baseline: Vec<PathBuf>,
}

/// `smartcity analyse`.
#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// Kerangka dan utas kerja / framework and worker threads.
    #[command(flatten)]
    pub assessing: Assessing,
    /// Hasil tahun lalu / earlier results.
    #[command(flatten)]
    pub baselines: Baselines,
    /// Pengaturan simulasi / Monte Carlo settings.
    #[command(flatten)]
    pub monte_carlo: MonteCarloArgs,
    /// Folder keluaran / output folder.
    #[arg(long, short = 'o', required = true)]
    pub output: PathBuf,
    /// Nilai jawaban daerah saja, tanpa jawaban verifikasi / score the regions' own answers
    /// only, ignoring evaluators' verified answers.
    #[arg(long)]
    pub self_assessed: bool,
    /// Jangan tampilkan peringatan / do not print warnings.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Berkas atau folder / files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// `smartcity template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Kerangka: id bawaan atau berkas TOML / framework: built-in id or TOML file.
    #[arg(long, short = 'f')]
    pub framework: Option<String>,
    /// Kode wilayah Kemendagri yang diisikan / region code to fill in.
    #[arg(long)]
    pub region: Option<String>,
    /// Tahun penilaian yang diisikan / assessment year to fill in.
    #[arg(long, value_parser = year)]
    pub year: Option<i32>,
    /// Salin jawaban tahun lalu dari kuesioner ini / copy answers from this earlier questionnaire.
    #[arg(long)]
    pub prefill: Option<PathBuf>,
    /// Buat lembar kerja verifikasi evaluator dari kuesioner terisi ini / make an evaluator's
    /// review workbook from this filled questionnaire.
    #[arg(long, conflicts_with_all = ["prefill", "year"])]
    pub review: Option<PathBuf>,
    /// Berkas xlsx yang ditulis / the xlsx file to write.
    #[arg(long, short = 'o', required = true)]
    pub output: PathBuf,
    /// Timpa berkas yang sudah ada / overwrite a file that already exists.
    #[arg(long)]
    pub force: bool,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Teks untuk terminal / text for the terminal.
    Text,
    /// JSON yang stabil / stable JSON.
    Json,
}

/// `smartcity check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Kerangka dan utas kerja / framework and worker threads.
    #[command(flatten)]
    pub assessing: Assessing,
    /// Format keluaran / output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Hanya galat, tanpa peringatan / errors only, no warnings.
    #[arg(long)]
    pub errors_only: bool,
    /// Berkas atau folder / files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// `smartcity report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Kerangka dan utas kerja / framework and worker threads.
    #[command(flatten)]
    pub assessing: Assessing,
    /// Hasil tahun lalu / earlier results.
    #[command(flatten)]
    pub baselines: Baselines,
    /// Folder templat pengganti / folder of templates overriding the built-in ones.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Folder keluaran / output folder.
    #[arg(long, short = 'o', required = true)]
    pub output: PathBuf,
    /// Nilai jawaban daerah saja, tanpa jawaban verifikasi / score the regions' own answers
    /// only, ignoring evaluators' verified answers.
    #[arg(long)]
    pub self_assessed: bool,
    /// Jangan tampilkan peringatan / do not print warnings.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Region-years of one year that the index lists itself; above it the report is split into
    /// province pages. Hidden: the default suits browsers, and tests lower it to split small
    /// inputs.
    #[arg(long, hide = true, default_value_t = smartcity::report::PAGE_LIMIT)]
    pub page_limit: usize,
    /// Kartu skor: satu per wilayah (tahun terbaru dan riwayatnya) atau satu per wilayah-tahun /
    /// scorecards: one per region (its newest year and its history) or one per region-year.
    #[arg(long, value_enum, default_value = "newest")]
    pub scorecards: ScorecardsArg,
    /// Tambahkan analisis ketangguhan (analysis.html, selang peringkat) / add the robustness
    /// analysis (analysis.html, rank intervals in the ranking).
    #[arg(long)]
    pub analyse: bool,
    /// Pengaturan simulasi untuk --analyse / Monte Carlo settings for --analyse.
    #[command(flatten)]
    pub monte_carlo: MonteCarloArgs,
    /// Berkas atau folder / files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// Which scorecards `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScorecardsArg {
    /// Satu per wilayah: tahun terbaru dan riwayat semua tahunnya / one per region: its newest
    /// year and the history of all its years.
    Newest,
    /// Satu per wilayah dan tahun / one per region and year.
    AllYears,
}

impl From<ScorecardsArg> for smartcity::report::ScorecardPages {
    fn from(a: ScorecardsArg) -> Self {
        match a {
            ScorecardsArg::Newest => smartcity::report::ScorecardPages::Newest,
            ScorecardsArg::AllYears => smartcity::report::ScorecardPages::AllYears,
        }
    }
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
    /// Kerangka dan utas kerja / framework and worker threads.
    #[command(flatten)]
    pub assessing: Assessing,
    /// Hasil tahun lalu / earlier results.
    #[command(flatten)]
    pub baselines: Baselines,
    /// Format keluaran / output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ScoreFormat,
    /// Tulis ke berkas, bukan ke layar / write to a file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Jangan tampilkan peringatan / do not print warnings.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Uraikan satu wilayah (kode atau nama, `:TAHUN` opsional; bawaan tahun terbaru) / explain
    /// one region (code or name, optional `:YEAR`; the newest year by default): what moved its
    /// index and the steps to the next band.
    #[arg(long, value_name = "REGION")]
    pub explain: Option<String>,
    /// Nilai jawaban daerah saja, tanpa jawaban verifikasi / score the regions' own answers
    /// only, ignoring evaluators' verified answers.
    #[arg(long)]
    pub self_assessed: bool,
    /// Berkas atau folder (dicari rekursif) / files or folders (searched recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// An assessment year, refused here rather than in a questionnaire that would then fail `check`.
fn year(text: &str) -> Result<i32, String> {
    let years = smartcity::answers::YEARS;
    text.parse::<i32>()
        .ok()
        .filter(|y| years.contains(y))
        .ok_or_else(|| {
            format!(
                "tahun {}–{} / a year from {} to {}",
                years.start(),
                years.end(),
                years.start(),
                years.end()
            )
        })
}
