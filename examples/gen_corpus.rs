//! Writes the national-scale benchmark corpus that `bench/run.sh` measures:
//!
//! ```text
//! cargo run --release --example gen_corpus -- [OUT] [--village-framework FILE]
//! ```
//!
//! `OUT` defaults to `$BENCH_DIR`, else `/tmp/smartcity-bench`; the corpus is large (about 110 MB
//! of workbooks and 100 MB of CSV) and never belongs in the repository. It holds:
//!
//! - `regency/YEAR/CODE-name.xlsx`: a filled questionnaire of the default framework (Kominfo) for
//!   every one of the 514 kabupaten/kota and every year 2021–2024 (2,056 workbooks), written by
//!   the same [`write_questionnaire`] that `smartcity template` uses, so the files have exactly
//!   the sheets, styles and lists staff receive.
//! - `sets/regency-N/`: hard links to N of those workbooks (257, 514, 1,028, 2,056) for the
//!   scaling test; `regency-1028` is the evaluator's case, 514 regions × 2023–2024.
//! - `village/desa-cerdas-2024.csv`: the 83,763 desa/kelurahan answering the 30-indicator
//!   benchmark framework (`bench/desa-cerdas.toml`) as one long table, one answer per line
//!   (2.5 M lines), `;`-delimited with decimal commas as Indonesian exports are.
//! - `village/desa-cerdas-2024.xlsx`: the same answers as a wide table, one village per row.
//!   Wide, because the long form (2.5 M rows) would not fit Excel's 1,048,576-row sheet limit and
//!   no real office could open it; 83,764 rows × 33 columns does.
//! - `CORPUS.txt`: what was written, so the script can reuse a corpus instead of rewriting it.
//!
//! Answers are deterministic (a fixed seed per region and year) and realistic in their mess: each
//! region has a maturity level that drifts upward over the years, answers are written as option
//! codes, as dropdown text (`3 - Terpadu dan terukur`), as labels in either language or as
//! numbers, numbers sometimes as text with a decimal comma; optional questions are sometimes left
//! blank, N/A is used where allowed, a few required answers are blank (a warning) and about 2 % of
//! regency workbooks and 0.3 % of villages carry one invalid answer (an error that rejects that
//! region-year), so the error paths are part of what is measured.

use rayon::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use smartcity::framework::{AnswerKind, DEFAULT_FRAMEWORK, Framework, builtin, load_file};
use smartcity::regions::{Region, RegionKind, all_villages, regencies};
use smartcity::template::{Prefill, Questionnaire, write_questionnaire};
use smartcity::text::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Bumped whenever the corpus changes shape, so `bench/run.sh` knows to regenerate it.
const CORPUS_VERSION: u32 = 1;
/// Years of regency questionnaires.
const YEARS: std::ops::RangeInclusive<i32> = 2021..=2024;
/// Year of the village corpus.
const VILLAGE_YEAR: i32 = 2024;
/// Share of regency workbooks with one invalid answer.
const REGENCY_ERROR_RATE: f64 = 0.02;
/// Share of villages with one invalid answer.
const VILLAGE_ERROR_RATE: f64 = 0.003;
/// Share of required answers left blank (scored at the bottom of the scale, with a warning).
const BLANK_REQUIRED_RATE: f64 = 0.01;

/// SplitMix64: tiny, deterministic and good enough for answer noise.
struct Rng(u64);

impl Rng {
    /// A generator seeded from a region code and a year, so every file is the same whatever
    /// order the threads write them in.
    fn for_region(code: &str, year: i32, salt: u64) -> Rng {
        let seed = code.bytes().fold(0xC0FF_EE00 ^ salt ^ year as u64, |h, b| {
            h.wrapping_mul(0x100_0000_01B3).wrapping_add(b as u64)
        });
        let mut rng = Rng(seed);
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn next(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize % n.max(1)
    }
}

/// A region's maturity (0–1) in a year: a stable base from its code, cities and Java a little
/// ahead, and steady improvement over the years.
fn maturity(region: &Region, year: i32) -> f64 {
    let mut rng = Rng::for_region(region.code, 0, 7);
    let mut m = 0.2 + 0.55 * rng.next();
    if region.kind == RegionKind::Kota {
        m += 0.08;
    }
    if matches!(
        region.province_code,
        "31" | "32" | "33" | "34" | "35" | "36"
    ) {
        m += 0.05;
    }
    m += 0.045 * (year - YEARS.start()) as f64 + 0.02 * (rng.next() - 0.5);
    m.clamp(0.05, 0.97)
}

/// One answer for indicator `i` of a region at maturity `level`, in one of the forms staff
/// really type. `None` leaves the cell blank.
fn answer(fw: &Framework, i: usize, level: f64, lang: Lang, rng: &mut Rng) -> Option<Prefill> {
    let ind = &fw.indicators[i];
    if ind.na_allowed && rng.next() < 0.15 {
        return Some(Prefill::Text(
            ["N/A", "n/a", "Tidak berlaku", "NA"][rng.below(4)].into(),
        ));
    }
    if !ind.required && rng.next() < 0.25 {
        return None;
    }
    if ind.required && rng.next() < BLANK_REQUIRED_RATE {
        return None;
    }
    let noisy = (level + (rng.next() - 0.5) * 0.4).clamp(0.0, 1.0);
    let scale = fw.scale;
    Some(match &fw.answer_sets[ind.answers].kind {
        AnswerKind::Options { options } => {
            let want = scale.min + noisy * (scale.max - scale.min);
            let best = options
                .iter()
                .min_by(|a, b| (a.value - want).abs().total_cmp(&(b.value - want).abs()))
                .expect("options are never empty");
            let other = if lang == Lang::Id { Lang::En } else { Lang::Id };
            match rng.next() {
                r if r < 0.40 => Prefill::Text(best.code.clone()),
                r if r < 0.75 => Prefill::Text(format!("{} - {}", best.code, best.label.get(lang))),
                r if r < 0.87 => Prefill::Text(best.label.get(lang).to_string()),
                r if r < 0.92 => Prefill::Text(best.label.get(other).to_lowercase()),
                _ if best.code.parse::<f64>().is_ok() => Prefill::Number(best.value),
                _ => Prefill::Text(best.label.get(lang).to_uppercase()),
            }
        }
        AnswerKind::Number { min, max, .. } => {
            number_form(((min + noisy * (max - min)) * 10.0).round() / 10.0, rng)
        }
        AnswerKind::Target { .. } => {
            let target = ind.target.expect("target answer sets have targets");
            let achieved = noisy * 1.15 + 0.02;
            let v = if target.lower_is_better {
                target.value / achieved
            } else {
                target.value * achieved
            };
            number_form((v * 10.0).round() / 10.0, rng)
        }
    })
}

/// A number as a cell value, or now and then as text with an Indonesian decimal comma.
fn number_form(v: f64, rng: &mut Rng) -> Prefill {
    if rng.next() < 0.15 {
        Prefill::Text(v.to_string().replace('.', ","))
    } else {
        Prefill::Number(v)
    }
}

/// One invalid answer of the kind reviewers see most: a word that is no option, a number out of
/// range, N/A where it is not allowed, a formula error pasted as a value.
fn spoil(fw: &Framework, answers: &mut [Option<Prefill>], rng: &mut Rng) {
    let i = rng.below(answers.len());
    let ind = &fw.indicators[i];
    answers[i] = Some(match (&fw.answer_sets[ind.answers].kind, rng.below(3)) {
        (_, 0) if !ind.na_allowed => Prefill::Text("N/A".into()),
        (_, 1) => Prefill::Text("#DIV/0!".into()),
        (AnswerKind::Options { .. }, _) => Prefill::Text("sudah berjalan".into()),
        (AnswerKind::Number { max, .. }, _) => Prefill::Number(max * 1.5 + 1.0),
        (AnswerKind::Target { .. }, _) => Prefill::Text("belum ada data".into()),
    });
}

/// Every answer of one region-year.
fn answers_for(
    fw: &Framework,
    region: &Region,
    year: i32,
    lang: Lang,
    error_rate: f64,
) -> Vec<Option<Prefill>> {
    let level = maturity(region, year);
    let mut rng = Rng::for_region(region.code, year, 1);
    let mut answers: Vec<Option<Prefill>> = (0..fw.indicators.len())
        .map(|i| answer(fw, i, level, lang, &mut rng))
        .collect();
    if rng.next() < error_rate {
        spoil(fw, &mut answers, &mut rng);
    }
    answers
}

/// Evidence notes as offices write them: a decree number and a link.
fn notes_for(
    fw: &Framework,
    region: &Region,
    year: i32,
    answers: &[Option<Prefill>],
) -> Vec<Option<String>> {
    let slug = slug(region);
    fw.indicators
        .iter()
        .zip(answers)
        .enumerate()
        .map(|(i, (ind, a))| {
            (ind.evidence && a.is_some() && i % 3 != 0).then(|| {
                format!(
                    "SK Kepala Daerah No. {}/{} Tahun {}; dokumen: https://jdih.{slug}.go.id/{}",
                    10 + i,
                    ind.id,
                    year - 1,
                    ind.id.to_lowercase()
                )
            })
        })
        .collect()
}

fn slug(region: &Region) -> String {
    region
        .display_name()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Writes the 514 × 4 regency questionnaires; returns their paths by year.
fn write_regencies(dir: &Path, fw: &Framework) -> Vec<(i32, PathBuf)> {
    let regions = regencies();
    let jobs: Vec<(i32, &Region)> = YEARS
        .flat_map(|y| regions.iter().map(move |r| (y, r)))
        .collect();
    for y in YEARS {
        std::fs::create_dir_all(dir.join(y.to_string())).expect("create regency folder");
    }
    jobs.par_iter()
        .map(|&(year, region)| {
            // One region in ten fills its questionnaire in English.
            let lang = if Rng::for_region(region.code, 0, 3).next() < 0.1 {
                Lang::En
            } else {
                Lang::Id
            };
            let answers = answers_for(fw, region, year, lang, REGENCY_ERROR_RATE);
            let q = Questionnaire {
                region: Some(region.clone()),
                year: Some(year),
                respondent: Some(format!(
                    "Dinas Komunikasi dan Informatika {}",
                    region.display_name()
                )),
                contact: None,
                notes: notes_for(fw, region, year, &answers),
                answers,
            };
            let bytes = write_questionnaire(fw, &q, lang).expect("write questionnaire");
            let path =
                dir.join(year.to_string())
                    .join(format!("{}-{}.xlsx", region.code, slug(region)));
            std::fs::write(&path, bytes).expect("write questionnaire file");
            (year, path)
        })
        .collect()
}

/// The scaling sets: folders of hard links (copies where links fail) to N workbooks each.
fn write_sets(out: &Path, files: &[(i32, PathBuf)]) -> Vec<(String, usize)> {
    let last = *YEARS.end();
    let of_years = |years: &[i32]| -> Vec<&PathBuf> {
        files
            .iter()
            .filter(|(y, _)| years.contains(y))
            .map(|(_, p)| p)
            .collect()
    };
    let half: Vec<&PathBuf> = of_years(&[last]).into_iter().step_by(2).collect();
    let sets = [
        ("regency-257", half),
        ("regency-514", of_years(&[last])),
        ("regency-1028", of_years(&[last - 1, last])),
        ("regency-2056", of_years(&YEARS.collect::<Vec<_>>())),
    ];
    let mut made = Vec::new();
    for (name, paths) in sets {
        let set = out.join("sets").join(name);
        let _ = std::fs::remove_dir_all(&set);
        for p in &paths {
            let year = p
                .parent()
                .and_then(Path::file_name)
                .expect("files sit in year folders");
            let to = set.join(year).join(p.file_name().expect("file name"));
            std::fs::create_dir_all(to.parent().expect("parent")).expect("create set folder");
            if std::fs::hard_link(p, &to).is_err() {
                std::fs::copy(p, &to).expect("copy into set");
            }
        }
        made.push((name.to_string(), paths.len()));
    }
    made
}

/// A village answer as text for the CSV (numbers with a decimal comma).
fn csv_text(a: &Option<Prefill>) -> String {
    match a {
        Some(Prefill::Text(t)) => t.clone(),
        Some(Prefill::Number(n)) => n.to_string().replace('.', ","),
        None => String::new(),
    }
}

/// Writes the village corpus, long CSV and wide xlsx, from the same answers.
fn write_villages(dir: &Path, fw: &Framework) -> (usize, PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).expect("create village folder");
    let villages = all_villages();
    let answers: Vec<Vec<Option<Prefill>>> = villages
        .par_iter()
        .map(|v| answers_for(fw, v, VILLAGE_YEAR, Lang::Id, VILLAGE_ERROR_RATE))
        .collect();

    let csv_path = dir.join(format!("desa-cerdas-{VILLAGE_YEAR}.csv"));
    let file = std::fs::File::create(&csv_path).expect("create village csv");
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
    csv.write_record([
        "kode_wilayah",
        "nama_wilayah",
        "tahun",
        "indikator",
        "jawaban",
    ])
    .expect("csv");
    let year = VILLAGE_YEAR.to_string();
    for (v, answers) in villages.iter().zip(&answers) {
        for (ind, a) in fw.indicators.iter().zip(answers) {
            csv.write_record([
                v.code,
                v.name,
                year.as_str(),
                ind.id.as_str(),
                csv_text(a).as_str(),
            ])
            .expect("csv");
        }
    }
    csv.flush().expect("csv");

    // The whole sheet is held in memory by rust_xlsxwriter (a few hundred MB, once); its
    // constant-memory mode would need a feature flag on the main dependency for every build.
    let xlsx_path = dir.join(format!("desa-cerdas-{VILLAGE_YEAR}.xlsx"));
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = wb.add_worksheet().set_name("Data").expect("sheet");
    let fixed = ["region_code", "region_name", "year"];
    for (c, h) in fixed
        .iter()
        .copied()
        .chain(fw.indicators.iter().map(|i| i.id.as_str()))
        .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .expect("header");
    }
    for (r, (v, answers)) in villages.iter().zip(&answers).enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, v.code).expect("cell");
        sheet.write_string(row, 1, v.name).expect("cell");
        sheet
            .write_number(row, 2, VILLAGE_YEAR as f64)
            .expect("cell");
        for (c, a) in answers.iter().enumerate() {
            let col = (c + fixed.len()) as u16;
            match a {
                Some(Prefill::Text(t)) => sheet.write_string(row, col, t),
                Some(Prefill::Number(n)) => sheet.write_number(row, col, *n),
                None => continue,
            }
            .expect("cell");
        }
    }
    sheet.set_freeze_panes(1, 3).expect("freeze");
    wb.save(&xlsx_path).expect("save village xlsx");
    (villages.len(), csv_path, xlsx_path)
}

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut village_fw = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/desa-cerdas.toml");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--village-framework" => {
                village_fw = PathBuf::from(args.next().expect("--village-framework FILE"))
            }
            "-h" | "--help" => {
                println!("gen_corpus [OUT] [--village-framework FILE]");
                return;
            }
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let out = out
        .or_else(|| std::env::var_os("BENCH_DIR").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("/tmp/smartcity-bench"));
    let regency_fw = builtin(DEFAULT_FRAMEWORK)
        .expect("default framework is built in")
        .expect("default framework is valid");
    let village_fw = match load_file(&village_fw) {
        Ok(fw) => fw,
        Err(problems) => {
            for p in problems {
                eprintln!("{}", p.render(Lang::En));
            }
            std::process::exit(2);
        }
    };
    let _ = std::fs::remove_file(out.join("CORPUS.txt"));

    let t = Instant::now();
    let files = write_regencies(&out.join("regency"), &regency_fw);
    let sets = write_sets(&out, &files);
    eprintln!(
        "{} regency questionnaires in {:.1} s",
        files.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let (villages, csv_path, xlsx_path) = write_villages(&out.join("village"), &village_fw);
    eprintln!(
        "{villages} villages (csv + xlsx) in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Written last: its presence says the corpus is complete.
    let mut manifest = std::fs::File::create(out.join("CORPUS.txt")).expect("manifest");
    let mut lines = vec![
        format!("corpus_version={CORPUS_VERSION}"),
        format!("regency_framework={} {}", regency_fw.id, regency_fw.version),
        format!("regency_workbooks={}", files.len()),
        format!("village_framework={} {}", village_fw.id, village_fw.version),
        format!("villages={villages}"),
        format!("village_indicators={}", village_fw.indicators.len()),
        format!("village_csv={}", csv_path.display()),
        format!("village_xlsx={}", xlsx_path.display()),
    ];
    lines.extend(sets.iter().map(|(n, c)| format!("set_{n}={c}")));
    writeln!(manifest, "{}", lines.join("\n")).expect("manifest");
    println!("{}", out.display());
}
