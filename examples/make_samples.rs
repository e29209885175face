//! Writes the illustrative sample questionnaires in `samples/` for the default framework:
//! `cargo run --example make_samples -- samples` (then `samples/make-ods.sh` re-saves some of them
//! as .ods with LibreOffice). Answers are invented but plausible: each region has a maturity level
//! that improves from 2021 to 2022, with per-indicator noise from a fixed seed, so the files are
//! the same on every run.

use smartcity::framework::{AnswerKind, DEFAULT_FRAMEWORK, Framework, builtin};
use smartcity::regions::lookup;
use smartcity::template::{Prefill, Questionnaire, write_questionnaire};
use smartcity::text::Lang;
use std::path::PathBuf;

/// SplitMix64: tiny, deterministic, good enough for sample noise.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// (code, maturity 2021, maturity 2022, respondent office) — maturity on 0–1.
const REGIONS: &[(&str, f64, f64)] = &[
    ("32.73", 0.79, 0.93), // Kota Bandung: improves by several tenths
    ("33.73", 0.70, 0.76), // Kota Salatiga
    ("13.71", 0.62, 0.70), // Kota Padang
    ("62.71", 0.55, 0.63), // Kota Palangkaraya
    ("35.17", 0.58, 0.66), // Kabupaten Jombang
    ("35.71", 0.74, 0.84), // Kota Kediri
    ("15.71", 0.66, 0.72), // Kota Jambi
    ("32.11", 0.82, 0.76), // Kabupaten Sumedang: a decline
];

/// Regions delivered as one long-table CSV instead of questionnaires.
const LONG_REGIONS: &[(&str, f64, f64)] = &[
    ("32.77", 0.72, 0.80), // Kota Cimahi
    ("35.10", 0.68, 0.78), // Kabupaten Banyuwangi
];

fn answer(fw: &Framework, i: usize, level: f64, rng: &mut Rng) -> Option<Prefill> {
    let ind = &fw.indicators[i];
    let noisy = (level + (rng.next() - 0.5) * 0.35).clamp(0.0, 1.0);
    if ind.na_allowed && rng.next() < 0.25 {
        return Some(Prefill::Text("N/A".into()));
    }
    if !ind.required && rng.next() < 0.3 {
        return None;
    }
    let scale = fw.scale;
    Some(match &fw.answer_set_of(i).kind {
        AnswerKind::Options { options } => {
            let want = scale.min + noisy * (scale.max - scale.min);
            let best = options
                .iter()
                .min_by(|a, b| (a.value - want).abs().total_cmp(&(b.value - want).abs()))
                .expect("options are never empty");
            Prefill::Text(best.code.clone())
        }
        AnswerKind::Number { min, max, .. } => {
            let v = min + noisy * (max - min);
            Prefill::Number((v * 10.0).round() / 10.0)
        }
        AnswerKind::Target { .. } => {
            let t = ind.target.map_or(100.0, |t| t.value);
            Prefill::Number((noisy * 1.1 * t * 10.0).round() / 10.0)
        }
    })
}

fn answers(fw: &Framework, code: &str, year: i32, level: f64) -> Vec<Option<Prefill>> {
    let seed = code.bytes().fold(year as u64, |h, b| {
        h.wrapping_mul(31).wrapping_add(b as u64)
    });
    let mut rng = Rng(seed);
    (0..fw.indicators.len())
        .map(|i| answer(fw, i, level, &mut rng))
        .collect()
}

fn notes(fw: &Framework, answers: &[Option<Prefill>]) -> Vec<Option<String>> {
    fw.indicators
        .iter()
        .zip(answers)
        .map(|(ind, a)| {
            (ind.evidence && a.is_some()).then(|| {
                format!(
                    "Bukti dukung: dokumen {} (contoh / illustrative)",
                    ind.id.to_lowercase()
                )
            })
        })
        .collect()
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "samples".into()));
    let fw = builtin(DEFAULT_FRAMEWORK)
        .expect("default framework is built in")
        .expect("default framework is valid");
    std::fs::create_dir_all(dir.join("questionnaires")).expect("create samples folder");
    for (code, l2021, l2022) in REGIONS {
        let region = lookup(code).expect("sample regions are real");
        for (year, level) in [(2021, *l2021), (2022, *l2022)] {
            let answers = answers(&fw, code, year, level);
            let q = Questionnaire {
                region: Some(region.clone()),
                year: Some(year),
                respondent: Some("Dinas Komunikasi dan Informatika".into()),
                contact: None,
                notes: notes(&fw, &answers),
                answers,
            };
            let lang = if *code == "33.73" { Lang::En } else { Lang::Id };
            let bytes = write_questionnaire(&fw, &q, lang).expect("write questionnaire");
            let slug = region.display_name().to_lowercase().replace(' ', "-");
            let path = dir
                .join("questionnaires")
                .join(format!("{slug}-{year}.xlsx"));
            std::fs::write(&path, bytes).expect("write sample");
            println!("{}", path.display());
        }
    }
    let mut csv = csv::Writer::from_path(dir.join("long-table-2021-2022.csv")).expect("csv");
    csv.write_record([
        "region_code",
        "region_name",
        "year",
        "indicator",
        "answer",
        "notes",
    ])
    .expect("csv");
    for (code, l2021, l2022) in LONG_REGIONS {
        let region = lookup(code).expect("sample regions are real");
        for (year, level) in [(2021, *l2021), (2022, *l2022)] {
            for (ind, a) in fw.indicators.iter().zip(answers(&fw, code, year, level)) {
                let shown = match a {
                    Some(Prefill::Text(t)) => t,
                    // Indonesian decimal comma, as exports from Indonesian systems have it.
                    Some(Prefill::Number(n)) => n.to_string().replace('.', ","),
                    None => String::new(),
                };
                csv.write_record([
                    code.to_string(),
                    region.display_name(),
                    year.to_string(),
                    ind.id.clone(),
                    shown,
                    String::new(),
                ])
                .expect("csv");
            }
        }
    }
    csv.flush().expect("csv");
    println!("{}", dir.join("long-table-2021-2022.csv").display());
}
