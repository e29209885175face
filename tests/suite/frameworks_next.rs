//! The 2026 built-ins and the format features they need (issue 16): `pemdi-2026` reproduces Kab.
//! Aceh Tengah's published 2026 result, `idm` the IDM 2020 example village, and a folder holding
//! several frameworks' questionnaires is scored one framework at a time.
//!
//! Hand computation, Pemdi (weights of indicators/pemdi-2026.toml):
//!   Σ wᵢ·Nᵢ = 5·2 + 5·1.5 + 5·1.26 + 5·1.3 + (5 + 3 + 3 + 4)·1 + 4·1 + 4·1 + 3·1.5 + 4·1.25
//!           + 5·7/6 + 5·1 + 4·1 + 4·1 + 4·2.5 + 3·1 + 10·1 + 15·1.3
//!           = 17.5 + 12.8 + 15 + 17.5 + 10.8333… + 21 + 29.5 = 124.1333…
//!   index = 124.1333… / 100 = 1.241333… → "1,24", Kurang (1.00 ≤ x < 1.50)
//!   aspects: 17.5/10 = 1.75; 12.8/10 = 1.28; 15/15 = 1.00; 17.5/15 = 1.1667;
//!            (35/6 + 5)/10 = 1.0833; 21/15 = 1.40; 29.5/25 = 1.18
//! Hand computation, IDM 2020 example: IKS 153/175 = 0.874286, IKE 37/60 = 0.616667,
//!   IKL 10/15 = 0.666667; IDM = 2.157619/3 = 0.719206 → "0.7192", Maju (0.7072 < x ≤ 0.8155);
//!   Mandiri needs > 0.8155, i.e. 0.8156 at 4 decimals: gap 0.8156 − 0.719206 = 0.0964.

use crate::util::smartcity;
use smartcity::answers::{Mode, ingest};
use smartcity::compare::compare;
use smartcity::diagnostics::Code;
use smartcity::framework::{Framework, builtin};
use smartcity::regions::lookup;
use smartcity::report::to_table;
use smartcity::scoring::{Scorecard, answer_score, score};
use smartcity::submission::Answer;
use smartcity::template::{Prefill, Questionnaire, write_questionnaire};
use smartcity::text::Lang;

fn fw(id: &str) -> Framework {
    builtin(id).expect("built in").expect("valid")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

/// Writes a questionnaire, reads it back as staff's file would be read, and scores it.
fn scored(fw: &Framework, region: &str, year: i32, answers: Vec<Option<Prefill>>) -> Scorecard {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.xlsx");
    let q = Questionnaire {
        region: Some(lookup(region).unwrap()),
        year: Some(year),
        respondent: Some("Dinas".into()),
        contact: None,
        notes: vec![None; answers.len()],
        answers,
    };
    std::fs::write(&path, write_questionnaire(fw, &q, Lang::Id).unwrap()).unwrap();
    let batch = ingest(&[path], fw, Mode::Score);
    assert_eq!(batch.rejected, 0, "{:?}", batch.problems);
    assert_eq!(batch.submissions.len(), 1);
    score(fw, &batch.submissions[0])
}

/// Kab. Aceh Tengah 2026, external assessor; `None` = external index not given (counts 1).
const ACEH_TENGAH_2026: [Option<f64>; 20] = [
    Some(2.0),
    Some(1.5),
    Some(1.26),
    Some(1.3),
    None,
    None,
    None,
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
    None,
    Some(1.0),
    Some(1.3),
];

#[test]
fn pemdi_2026_reproduces_aceh_tengah() {
    let fw = fw("pemdi-2026");
    assert_eq!(fw.indicators.len(), 20);
    assert_eq!(fw.precision, 2);
    let ids: Vec<&str> = fw.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids[0], "I01");
    assert_eq!(ids[19], "I20");
    assert!(close(fw.indicators.iter().map(|i| i.weight).sum(), 100.0));
    let sc = scored(
        &fw,
        "11.04",
        2026,
        ACEH_TENGAH_2026
            .iter()
            .map(|v| v.map(Prefill::Number))
            .collect(),
    );
    let index = sc.index.unwrap();
    assert!(close(index, 124.133_333_333_333_33 / 100.0), "{index}");
    assert_eq!(Lang::Id.number(index, fw.precision), "1,24");
    assert_eq!(fw.bands[sc.band.unwrap()].label.id, "Kurang");
    assert_eq!(fw.bands[sc.band.unwrap()].label.en, "Poor");
    let aspects: Vec<f64> = fw
        .top_dimensions()
        .map(|(d, _)| sc.dimensions[d].unwrap())
        .collect();
    let expected = [1.75, 1.28, 1.0, 17.5 / 15.0, 65.0 / 60.0, 1.4, 1.18];
    for (a, (got, want)) in aspects.iter().zip(expected).enumerate() {
        assert!(close(*got, want), "aspect {}: {got} ≠ {want}", a + 1);
    }
    // The published aspect 5 is 1.08: with I13 = 1.17 it would print 1.09 (1.085 → 1.085…).
    assert_eq!(Lang::En.number(aspects[4], 2), "1.08");
    // The four external-index indicators were blank and count 1.
    for i in ["I05", "I06", "I07", "I18"] {
        let k = fw.indicator_by_id(i).unwrap();
        assert_eq!(sc.indicators[k].score, Some(1.0), "{i}");
    }
}

#[test]
fn pemdi_external_indices_go_through_their_conversion_tables() {
    let fw = fw("pemdi-2026");
    let conv =
        |id: &str, v: f64| answer_score(&fw, fw.indicator_by_id(id).unwrap(), &Answer::Number(v));
    // I05, Satu Data 0–100, ranges closed above: ≤ 12.5 → 1, 12.5 < x ≤ 37.5 → 2, …
    assert_eq!(conv("I05", 0.0), Some(1.0));
    assert_eq!(conv("I05", 12.5), Some(1.0));
    assert_eq!(conv("I05", 12.6), Some(2.0));
    assert_eq!(conv("I05", 62.5), Some(3.0));
    assert_eq!(conv("I05", 75.0), Some(4.0));
    assert_eq!(conv("I05", 75.1), Some(5.0));
    assert_eq!(conv("I05", 100.0), Some(5.0));
    // I06, SJIG 1–5, [from, to): 1.5 is already 2, 5 is 5.
    assert_eq!(conv("I06", 1.49), Some(1.0));
    assert_eq!(conv("I06", 1.5), Some(2.0));
    assert_eq!(conv("I06", 3.99), Some(4.0));
    assert_eq!(conv("I06", 4.0), Some(5.0));
    assert_eq!(conv("I06", 5.0), Some(5.0));
    // I07, IPS 1–5: < 1.8 → 1, 1.8 → 2, 2.6 → 3, 3.5 → 4, 4.2 → 5.
    assert_eq!(conv("I07", 1.79), Some(1.0));
    assert_eq!(conv("I07", 1.8), Some(2.0));
    assert_eq!(conv("I07", 2.6), Some(3.0));
    assert_eq!(conv("I07", 3.5), Some(4.0));
    assert_eq!(conv("I07", 4.2), Some(5.0));
    // Other indicators take the value as it is.
    assert_eq!(conv("I03", 1.26), Some(1.26));
    // An SDI of 80 (→ 5) instead of the blank raises Aceh Tengah's index by 5·(5 − 1)/100.
    let mut answers: Vec<Option<Prefill>> = ACEH_TENGAH_2026
        .iter()
        .map(|v| v.map(Prefill::Number))
        .collect();
    answers[4] = Some(Prefill::Number(80.0));
    let sc = scored(&fw, "11.04", 2026, answers);
    assert!(close(sc.index.unwrap(), 1.241_333_333_333_333_3 + 0.2));
}

#[test]
fn pemdi_predicates_follow_tabel_4() {
    let fw = fw("pemdi-2026");
    let band = |v: f64| fw.band_of(v).map(|b| fw.bands[b].label.id.as_str());
    assert_eq!(band(1.0), Some("Kurang"));
    assert_eq!(band(1.4999), Some("Kurang"));
    assert_eq!(band(1.5), Some("Cukup"));
    assert_eq!(band(2.5), Some("Baik"));
    assert_eq!(band(3.5), Some("Sangat Baik"));
    assert_eq!(band(4.0), Some("Memuaskan"));
    assert_eq!(band(5.0), Some("Memuaskan"));
    assert_eq!(band(0.99), None, "below 1 is off the scale");
    let levels: Vec<&str> = fw
        .bands
        .iter()
        .map(|b| b.description.as_ref().unwrap().en.as_str())
        .collect();
    assert_eq!(
        levels,
        [
            "Level 1: Initiate",
            "Level 2: Emerging",
            "Level 3: Developing",
            "Level 4: Embedded",
            "Level 5: Leading"
        ]
    );
}

/// The IDM 2020 example village (Kemendesa API output, village not named in the copy).
const IDM_2020_EXAMPLE: [u8; 50] = [
    5, 5, 5, 3, 3, 5, 5, 5, 5, 5, 5, 1, 1, 5, 5, 5, 5, 2, 2, 5, 5, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, // IKS, 153
    5, 1, 1, 5, 3, 0, 3, 3, 3, 3, 5, 5, // IKE, 37
    5, 5, 0, // IKL, 10
];

#[test]
fn idm_reproduces_the_2020_example_village() {
    let fw = fw("idm");
    assert_eq!(fw.precision, 4);
    let count = |p: &str| fw.indicators.iter().filter(|i| i.id.starts_with(p)).count();
    assert_eq!((count("IKS-"), count("IKE-"), count("IKL-")), (35, 12, 3));
    assert_eq!(fw.indicators[0].id, "IKS-01");
    assert_eq!(fw.indicators[49].id, "IKL-03");
    let sums: [u32; 3] = [
        IDM_2020_EXAMPLE[..35].iter().map(|&s| s as u32).sum(),
        IDM_2020_EXAMPLE[35..47].iter().map(|&s| s as u32).sum(),
        IDM_2020_EXAMPLE[47..].iter().map(|&s| s as u32).sum(),
    ];
    assert_eq!(sums, [153, 37, 10]);
    // Any village code will do: the example village is not named in the source.
    let sc = scored(
        &fw,
        "33.10.06.2009",
        2020,
        IDM_2020_EXAMPLE
            .iter()
            .map(|s| Some(Prefill::Text(s.to_string())))
            .collect(),
    );
    let dims: Vec<f64> = fw
        .top_dimensions()
        .map(|(d, _)| sc.dimensions[d].unwrap())
        .collect();
    assert!(close(dims[0], 153.0 / 175.0), "IKS {}", dims[0]);
    assert!(close(dims[1], 37.0 / 60.0), "IKE {}", dims[1]);
    assert!(close(dims[2], 10.0 / 15.0), "IKL {}", dims[2]);
    let shown: Vec<String> = dims.iter().map(|d| Lang::En.number(*d, 4)).collect();
    assert_eq!(shown, ["0.8743", "0.6167", "0.6667"]);
    let idm = sc.index.unwrap();
    assert!(close(
        idm,
        (153.0 / 175.0 + 37.0 / 60.0 + 10.0 / 15.0) / 3.0
    ));
    assert_eq!(Lang::En.number(idm, fw.precision), "0.7192");
    assert_eq!(fw.bands[sc.band.unwrap()].label.id, "Maju");
    let next = fw.next_band(idm).unwrap();
    assert_eq!(fw.bands[next.band].label.id, "Mandiri");
    assert_eq!(Lang::En.number(next.minimum, 4), "0.8156");
    assert_eq!(Lang::En.number(next.gap, 4), "0.0964");
}

#[test]
fn idm_statuses_are_closed_at_the_upper_end() {
    let fw = fw("idm");
    let band = |v: f64| fw.band_of(v).map(|b| fw.bands[b].label.id.as_str());
    assert_eq!(band(0.0), Some("Sangat Tertinggal"));
    assert_eq!(band(0.4907), Some("Sangat Tertinggal"));
    assert_eq!(band(0.49071), Some("Tertinggal"));
    assert_eq!(band(0.5989), Some("Tertinggal"));
    assert_eq!(band(0.7072), Some("Berkembang"));
    assert_eq!(band(0.8155), Some("Maju"));
    assert_eq!(band(0.81551), Some("Mandiri"));
    assert_eq!(band(1.0), Some("Mandiri"));
    assert!(fw.next_band(1.0).is_none());
}

#[test]
fn the_terminal_table_shows_the_framework_precision() {
    let fw = fw("idm");
    let batch = ingest(&["samples/idm".into()], &fw, Mode::Score);
    assert_eq!(batch.rejected, 0, "{:?}", batch.problems);
    let table = to_table(&fw, &compare(&fw, batch.submissions, &[]), Lang::Id);
    // Desa Trucuk (illustrative): IKS 166/175, IKE 56/60, IKL 13/15 → 0.916190 → "0,9162".
    let trucuk = table.lines().find(|l| l.contains("Trucuk")).unwrap();
    assert!(trucuk.contains("0,9162"), "{trucuk}");
    assert!(trucuk.contains("Mandiri"), "{trucuk}");
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = smartcity().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_folder_of_several_frameworks_is_scored_one_framework_at_a_time() {
    let (code, out, err) = run(&["--lang", "en", "score", "samples/"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Kota Bandung"));
    assert_eq!(err.matches("warning W013").count(), 4, "{err}");
    assert!(
        err.contains("kabupaten-aceh-tengah-2026.xlsx:Identitas!C5: warning W013: this questionnaire is for framework `pemdi-2026`; skipped"),
        "{err}"
    );
    assert!(err.contains(", 0 rejected"), "{err}");
    assert!(!err.contains("E007"), "{err}");
    // The other way round: the kominfo questionnaires are skipped when scoring with pemdi-2026.
    let (code, out, err) = run(&[
        "score",
        "--framework",
        "pemdi-2026",
        "samples/pemdi-2026",
        "samples/idm",
        "samples/questionnaires",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Kabupaten Aceh Tengah"), "{out}");
    assert!(out.contains("1,24") && out.contains("Kurang"), "{out}");
    assert_eq!(err.matches("peringatan W013").count(), 3 + 16, "{err}");
    assert!(
        err.contains("20 berkas dibaca, 1 wilayah-tahun dinilai, 0 ditolak"),
        "{err}"
    );
}

#[test]
fn checking_a_questionnaire_of_another_framework_still_rejects_it() {
    // Named explicitly; without --framework, `check` takes the one the questionnaire names.
    let (code, out, _) = run(&[
        "--lang",
        "en",
        "check",
        "--framework",
        "kominfo-smart-city",
        "samples/idm/desa-trucuk-2023.xlsx",
    ]);
    assert_ne!(code, 0);
    assert!(out.contains("error E007"), "{out}");
    assert!(!out.contains("W013"), "{out}");
    assert_eq!(Code::W013.as_str(), "W013");
}

#[test]
fn the_readme_commands_score_each_sample_folder() {
    let (code, out, err) = run(&["score", "--framework", "pemdi-2026", "samples/pemdi-2026/"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1,24"), "{out}");
    let (code, out, err) = run(&[
        "--lang",
        "en",
        "score",
        "--framework",
        "idm",
        "samples/idm/",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("0.9162") && out.contains("Self-reliant"),
        "{out}"
    );
    let readme = std::fs::read_to_string("samples/README.md").unwrap();
    assert!(readme.contains("score --framework pemdi-2026 samples/pemdi-2026/"));
    assert!(readme.contains("score --framework idm samples/idm/"));
}

#[test]
fn frameworks_says_which_years_each_applies_to() {
    let (code, out, _) = run(&["--lang", "en", "frameworks"]);
    assert_eq!(code, 0);
    let block = |id: &str| {
        out.split("\n")
            .skip_while(|l| !l.starts_with(id))
            .take(4)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(block("spbe-2020").contains("years 2021–2025"), "{out}");
    assert!(block("pemdi-2026").contains("years 2026–"), "{out}");
    assert!(block("idm").contains("years 2016–2024"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pemdi.xlsx");
    let (code, _, err) = run(&[
        "template",
        "--framework",
        "pemdi-2026",
        "--region",
        "11.04",
        "--year",
        "2026",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::metadata(&path).unwrap().len() > 0);
}

// Differential checks of the README's rules over random frameworks: a conversion table and the
// bands, both read from TOML, against a reference written from indicators/README.md alone.

/// The README's rule: with "lower" the row with from ≤ x < to (the last also holds max), with
/// "upper" the row with from < x ≤ to (the first also holds min).
fn reference_row(cuts: &[f64], upper: bool, x: f64) -> Option<usize> {
    let n = cuts.len() - 1;
    (0..n).find(|&i| {
        let (from, to) = (cuts[i], cuts[i + 1]);
        if upper {
            (from < x && x <= to) || (i == 0 && x == from)
        } else {
            (from <= x && x < to) || (i + 1 == n && x == to)
        }
    })
}

fn random_framework(cuts: &[f64], upper: bool) -> String {
    let closure = if upper { "upper" } else { "lower" };
    let rows: Vec<String> = cuts
        .windows(2)
        // Each row scores its own `from`, which lies on the scale.
        .map(|w| {
            format!(
                "  {{ from = {:?}, to = {:?}, score = {:?} }},",
                w[0], w[1], w[0]
            )
        })
        .collect();
    let bands: Vec<String> = cuts
        .windows(2)
        .map(|w| {
            format!(
                "[[band]]\nfrom = {:?}\nto = {:?}\nlabel = {{ id = \"b\", en = \"b\" }}\n",
                w[0], w[1]
            )
        })
        .collect();
    let (lo, hi) = (cuts[0], cuts[cuts.len() - 1]);
    format!(
        "[framework]\nid = \"r\"\nversion = \"1\"\ntitle = {{ id = \"r\", en = \"r\" }}\n\
         scale = {{ min = {lo:?}, max = {hi:?} }}\nlevels = [\"regency\"]\nband_closure = \"{closure}\"\n\n\
         [answer_sets.t]\nkind = \"number\"\nmin = {lo:?}\nmax = {hi:?}\nscoring = \"table\"\n\
         closure = \"{closure}\"\ntable = [\n{}\n]\n\n\
         [answer_sets.v]\nkind = \"number\"\nmin = {lo:?}\nmax = {hi:?}\n\n\
         [[dimension]]\nid = \"D\"\nlabel = {{ id = \"d\", en = \"d\" }}\n\n\
         [[indicator]]\nid = \"T\"\nparent = \"D\"\nanswers = \"t\"\nlabel = {{ id = \"t\", en = \"t\" }}\nquestion = {{ id = \"t\", en = \"t\" }}\n\n\
         {}",
        rows.join("\n"),
        bands.join("\n")
    )
}

proptest::proptest! {
    #[test]
    fn tables_and_bands_follow_the_readme(
        steps in proptest::collection::vec(1u32..40, 1..7),
        upper in proptest::bool::ANY,
        picks in proptest::collection::vec(0u32..400, 1..20),
    ) {
        // Cut points on a 0.25 grid, so values exactly on a bound are drawn often.
        let mut cuts = vec![0.0];
        for s in &steps {
            cuts.push(cuts[cuts.len() - 1] + *s as f64 * 0.25);
        }
        let src = random_framework(&cuts, upper);
        let fw = smartcity::framework::parse(std::path::Path::new("r.toml"), &src)
            .map_err(|p| proptest::test_runner::TestCaseError::fail(format!("{p:?}\n{src}")))?;
        let top = cuts[cuts.len() - 1];
        for p in picks {
            let x = (p as f64 * 0.125).min(top);
            let want = reference_row(&cuts, upper, x);
            proptest::prop_assert!(want.is_some());
            let got = answer_score(&fw, 0, &Answer::Number(x));
            proptest::prop_assert_eq!(got, want.map(|i| cuts[i]), "x = {}", x);
            proptest::prop_assert_eq!(fw.band_of(x), want, "band of {}", x);
        }
        proptest::prop_assert_eq!(fw.band_of(top + 0.5), None);
        proptest::prop_assert_eq!(fw.band_of(-0.5), None);
    }
}

/// Pemdi's external-index indicators (I05–I07, I18) are `blank_allowed`: the Aceh Tengah sample
/// leaves them blank, as the assessor material does while the other agencies' values are
/// missing, and it checks clean and scores them 1 without W003.
#[test]
fn pemdi_external_indices_may_be_left_blank() {
    let pemdi = fw("pemdi-2026");
    let allowed: Vec<&str> = pemdi
        .indicators
        .iter()
        .filter(|i| i.blank_allowed)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(allowed, ["I05", "I06", "I07", "I18"]);
    let (code, out, err) = run(&["--lang", "en", "check", "samples/pemdi-2026"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("E018"), "{out}");
    let (code, out, err) = run(&["--lang", "en", "score", "samples/pemdi-2026"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("W003"), "{err}");
    assert!(out.contains("1.24"), "{out}");
    // Every indicator left blank: all score 1, and only the sixteen not `blank_allowed` warn.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.xlsx");
    let q = Questionnaire {
        region: lookup("11.04"),
        year: Some(2026),
        ..Questionnaire::default()
    };
    std::fs::write(&path, write_questionnaire(&pemdi, &q, Lang::En).unwrap()).unwrap();
    let batch = ingest(&[path], &pemdi, Mode::Score);
    let w003: Vec<String> = batch
        .problems
        .iter()
        .filter(|p| p.code == Code::W003)
        .map(|p| p.message.en.clone())
        .collect();
    assert_eq!(w003.len(), 16, "{w003:?}");
    assert!(!w003.iter().any(|m| m.contains("I05") || m.contains("I18")));
    let sc = score(&pemdi, &batch.submissions[0]);
    assert!(sc.indicators.iter().all(|i| i.score == Some(1.0)));
}

/// Without `--framework`, `check` checks each questionnaire against the built-in framework it
/// names: the samples folder, four frameworks' files, checks clean in one run, and the JSON says
/// which framework each file was checked against.
#[test]
fn check_takes_each_questionnaires_own_framework() {
    let (code, out, err) = run(&["--lang", "en", "check", "samples/"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("E007"), "{out}");
    assert!(
        err.contains("3 files made for framework idm; checked against it"),
        "{err}"
    );
    assert!(
        err.contains("1 file made for framework pemdi-2026"),
        "{err}"
    );
    let (_, json, _) = run(&["check", "--format", "json", "samples/"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let of = |name: &str| {
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(name))
            .unwrap()["framework_id"]
            .clone()
    };
    assert_eq!(of("desa-trucuk-2023.xlsx"), "idm");
    assert_eq!(of("kabupaten-aceh-tengah-2026.xlsx"), "pemdi-2026");
    assert_eq!(of("kota-bandung-2022.xlsx"), "kominfo-smart-city");
    // Named, the framework holds for every file: the others are E007.
    let (code, out, _) = run(&[
        "--lang",
        "en",
        "check",
        "--framework",
        "kominfo-smart-city",
        "samples/",
    ]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("error E007").count(), 4, "{out}");
}
