//! Writes the samples of the 2026 built-ins: `cargo run --example make_samples_next -- samples`.
//!
//! - `samples/pemdi-2026/`: Kab. Aceh Tengah's 2026 Pemdi values as given by the external
//!   assessor (KemenPANRB, interview session 21 Sep 2026), taken from a public record
//!   (`Niumination/PemdiAcehTengah:data/evaluasi-asesor-2026.json`). I13 is 7/6, which the record
//!   prints rounded as 1.17. The external-index indicators I05–I07 and I18 are left blank: the
//!   record gives them 1.0, the value a missing external index counts as.
//! - `samples/idm/`: three real villages of Kecamatan Trucuk (Klaten) with ILLUSTRATIVE IDM
//!   scores (invented, not Kemendesa's results), each in a questionnaire of its own.

use smartcity::framework::{Framework, builtin};
use smartcity::regions::lookup;
use smartcity::template::{Prefill, Questionnaire, write_questionnaire};
use smartcity::text::Lang;
use std::path::Path;

/// Aceh Tengah 2026 (external assessor), I01…I20; `None` = external index not given (counts 1).
pub const ACEH_TENGAH_2026: [Option<f64>; 20] = [
    Some(2.0),
    Some(1.5),
    Some(1.26),
    Some(1.3),
    None, // I05 Satu Data score
    None, // I06 SJIG
    None, // I07 IPS
    Some(1.0),
    Some(1.0),
    Some(1.0),
    Some(1.5),
    Some(1.25),
    Some(7.0 / 6.0),
    Some(1.0),
    Some(1.0),
    Some(1.0),
    Some(2.5),
    None, // I18 interoperability
    Some(1.0),
    Some(1.3),
];

/// Illustrative IDM scores (IKS 35, IKE 12, IKL 3) for three villages, year 2023.
const VILLAGES: &[(&str, [u8; 50])] = &[
    (
        "33.10.06.2009", // Puluhan
        [
            5, 0, 5, 2, 4, 4, 5, 5, 5, 5, 5, 1, 5, 1, 5, 5, 5, 3, 3, 5, 5, 1, 5, 5, 5, 5, 5, 5, 5,
            5, 5, 5, 5, 5, 5, //
            5, 3, 1, 5, 3, 1, 3, 3, 3, 3, 5, 5, //
            5, 5, 0,
        ],
    ),
    (
        "33.10.06.2003", // Trucuk
        [
            5, 5, 5, 5, 4, 5, 5, 5, 5, 5, 5, 3, 5, 5, 5, 5, 5, 4, 4, 5, 5, 1, 5, 5, 5, 5, 5, 5, 5,
            5, 5, 5, 5, 5, 5, //
            5, 5, 5, 5, 5, 3, 5, 5, 5, 3, 5, 5, //
            5, 5, 3,
        ],
    ),
    (
        "33.10.06.2005", // Gaden
        [
            3, 0, 5, 1, 3, 3, 4, 5, 4, 3, 5, 1, 1, 1, 5, 3, 4, 2, 2, 5, 5, 1, 3, 3, 5, 5, 3, 5, 4,
            3, 2, 5, 4, 4, 5, //
            3, 1, 1, 3, 1, 0, 1, 1, 3, 1, 3, 3, //
            5, 3, 0,
        ],
    ),
];

fn write(fw: &Framework, dir: &Path, file: &str, q: Questionnaire) {
    std::fs::create_dir_all(dir).expect("create samples folder");
    let bytes = write_questionnaire(fw, &q, Lang::Id).expect("write questionnaire");
    let path = dir.join(file);
    std::fs::write(&path, bytes).expect("write sample");
    println!("{}", path.display());
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "samples".into()));
    let pemdi = builtin("pemdi-2026").expect("built in").expect("valid");
    let record = "Nilai asesor eksternal KemenPANRB 2026 (catatan publik) / external assessor's value (public record)";
    let external =
        "Nilai indeks eksternal tidak tercantum; dihitung 1 / external index not given; counts 1";
    let q = Questionnaire {
        region: Some(lookup("11.04").expect("Aceh Tengah")),
        year: Some(2026),
        respondent: Some("Dinas Komunikasi, Informatika dan Persandian".into()),
        contact: None,
        answers: ACEH_TENGAH_2026
            .iter()
            .map(|v| v.map(Prefill::Number))
            .collect(),
        notes: ACEH_TENGAH_2026
            .iter()
            .enumerate()
            .map(|(i, v)| {
                Some(match (i, v) {
                    (12, _) => format!("{record}; 7/6, dipublikasikan/published 1,17"),
                    (_, Some(_)) => record.to_string(),
                    (_, None) => external.to_string(),
                })
            })
            .collect(),
    };
    write(
        &pemdi,
        &dir.join("pemdi-2026"),
        "kabupaten-aceh-tengah-2026.xlsx",
        q,
    );
    let idm = builtin("idm").expect("built in").expect("valid");
    for (code, scores) in VILLAGES {
        let region = lookup(code).expect("a real village");
        let slug = region.name.to_lowercase().replace(' ', "-");
        let q = Questionnaire {
            region: Some(region),
            year: Some(2023),
            respondent: Some("Pemerintah Desa".into()),
            contact: None,
            answers: scores
                .iter()
                .map(|s| Some(Prefill::Text(s.to_string())))
                .collect(),
            notes: vec![Some("Skor ilustratif / illustrative score".into()); scores.len()],
        };
        write(&idm, &dir.join("idm"), &format!("desa-{slug}-2023.xlsx"), q);
    }
}
