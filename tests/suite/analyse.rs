//! `smartcity analyse`: the audit against numbers computed independently with numpy and scipy
//! (`tests/fixtures/analyse/make_expected.py` → `expected.json`), degenerate intervals without
//! uncertainty, identical files from the same seed, exit codes, the page in both languages and in
//! Chromium when it is installed, and `report --analyse`.

use crate::util::{SOURCE_DATE_EPOCH, read, skip, smartcity, temp_dir};
use serde_json::Value;
use std::path::Path;

const FRAMEWORK: &str = "tests/fixtures/analyse/cohort.toml";
const COHORT: &str = "tests/fixtures/analyse/cohort.csv";
const FILES: [&str; 5] = [
    "sensitivity.csv",
    "audit.csv",
    "audit.json",
    "analysis.xlsx",
    "analysis.html",
];

/// Runs `smartcity --lang LANG analyse ARGS -o DIR` and returns (exit code, stderr).
fn analyse(lang: &str, dir: &Path, args: &[&str]) -> (i32, String) {
    let out = smartcity()
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .args(["--lang", lang, "analyse", "-o"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(path: impl AsRef<Path>) -> Value {
    serde_json::from_str(&read(path)).unwrap()
}

fn close(what: &str, got: &Value, want: &Value) {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => assert!((g - w).abs() <= 1e-6, "{what}: {g} vs numpy {w}"),
        _ => assert_eq!(got, want, "{what}"),
    }
}

#[test]
fn audit_matches_numpy() {
    let dir = temp_dir();
    let (code, err) = analyse(
        "en",
        dir.path(),
        &["-f", FRAMEWORK, "--samples", "50", COHORT],
    );
    assert_eq!(code, 0, "{err}");
    let got = json(dir.path().join("audit.json"));
    let want = json("tests/fixtures/analyse/expected.json");
    assert_eq!(got["region_years"], want["region_years"]);
    let regions = got["regions"].as_array().unwrap();
    assert_eq!(regions.len(), want["regions"].as_array().unwrap().len());
    for w in want["regions"].as_array().unwrap() {
        let g = regions
            .iter()
            .find(|g| g["region_code"] == w["region_code"])
            .unwrap();
        assert_eq!(g["rank"], w["rank"], "{}", w["region_code"]);
        close("index", &g["index"], &w["index"]);
    }
    let fields = [
        "n",
        "answered_share",
        "na_share",
        "missing_share",
        "mean",
        "sd",
        "skew",
        "kurtosis",
        "at_min_share",
        "at_max_share",
        "distinct_answers",
        "r_parent",
        "r_index",
        "loo_rank_shift",
    ];
    let (gi, wi) = (
        got["indicators"].as_array().unwrap(),
        want["indicators"].as_array().unwrap(),
    );
    assert_eq!(gi.len(), wi.len());
    for (g, w) in gi.iter().zip(wi) {
        assert_eq!(g["id"], w["id"]);
        assert_eq!(g["dimension"], w["dimension"]);
        for f in fields {
            close(&format!("{} {f}", w["id"]), &g[f], &w[f]);
        }
    }
    let (gd, wd) = (
        got["dimensions"].as_array().unwrap(),
        want["dimensions"].as_array().unwrap(),
    );
    assert_eq!(gd.len(), wd.len());
    for (g, w) in gd.iter().zip(wd) {
        assert_eq!(g["id"], w["id"]);
        for f in ["indicators", "n_complete", "cronbach_alpha", "pc1_share"] {
            close(&format!("{} {f}", w["id"]), &g[f], &w[f]);
        }
    }
    // audit.csv carries the same numbers (12 decimals).
    let csv = read(dir.path().join("audit.csv"));
    let a11 = csv
        .lines()
        .find(|l| l.starts_with("indicator,A1-1,"))
        .unwrap();
    let sd: f64 = a11.split(',').nth(8).unwrap().parse().unwrap();
    close("audit.csv sd", &sd.into(), &wi[0]["sd"]);
}

#[test]
fn zero_spread_gives_degenerate_intervals() {
    let dir = temp_dir();
    let (code, err) = analyse(
        "en",
        dir.path(),
        &["--weight-spread", "0", "--samples", "20", "samples/"],
    );
    assert_eq!(code, 0, "{err}");
    let csv = read(dir.path().join("sensitivity.csv"));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "region_code,region_name,year,index,rank,rank_median,rank_p05,rank_p95,index_p05,index_p95,p_same_band"
    );
    let mut n = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[4], f[5], "{line}");
        assert_eq!(f[4], f[6], "{line}");
        assert_eq!(f[4], f[7], "{line}");
        assert_eq!(f[3], f[8], "{line}");
        assert_eq!(f[3], f[9], "{line}");
        assert_eq!(f[10], "1", "{line}");
        n += 1;
    }
    assert_eq!(n, 10);
    let audit = json(dir.path().join("audit.json"));
    for g in audit["sensitivity"]["groups"].as_array().unwrap() {
        assert!(g["first_order"].is_null() && g["total"].is_null(), "{g}");
    }
    assert!(
        audit["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "A001" && f["code"] != "A002"),
        "no rank or band can move"
    );
}

#[test]
fn same_seed_same_files_other_seed_other_intervals() {
    let (a, b, c) = (temp_dir(), temp_dir(), temp_dir());
    let args = ["--samples", "200", "--answer-noise", "0.1", "samples/"];
    for d in [&a, &b] {
        let (code, err) = analyse("id", d.path(), &args);
        assert_eq!(code, 0, "{err}");
    }
    for f in FILES {
        assert!(
            std::fs::read(a.path().join(f)).unwrap() == std::fs::read(b.path().join(f)).unwrap(),
            "{f} differs between two runs with the same seed"
        );
    }
    let (code, _) = analyse(
        "id",
        c.path(),
        &[
            "--seed",
            "7",
            "--samples",
            "200",
            "--answer-noise",
            "0.1",
            "samples/",
        ],
    );
    assert_eq!(code, 0);
    assert_ne!(
        read(a.path().join("audit.json")),
        read(c.path().join("audit.json"))
    );
}

#[test]
fn default_intervals_hold_the_nominal_ranks_and_sensitivity_is_a_share() {
    let dir = temp_dir();
    let (code, err) = analyse("en", dir.path(), &["--answer-noise", "0.05", "samples/"]);
    assert_eq!(code, 0, "{err}");
    let audit = json(dir.path().join("audit.json"));
    let regions = audit["regions"].as_array().unwrap();
    let inside = regions
        .iter()
        .filter(|r| {
            r["rank_p05"].as_u64() <= r["rank"].as_u64()
                && r["rank"].as_u64() <= r["rank_p95"].as_u64()
        })
        .count();
    assert!(
        inside * 10 >= regions.len() * 9,
        "{inside} of {}",
        regions.len()
    );
    let s = &audit["sensitivity"];
    assert_eq!(
        s["runs"],
        1000 * 6,
        "N·(k + 2) with components, dimensions, indicators, noise"
    );
    for g in s["groups"].as_array().unwrap() {
        let (s1, st) = (&g["first_order"], &g["total"]);
        let (e1, et) = (
            s1["estimate"].as_f64().unwrap(),
            st["estimate"].as_f64().unwrap(),
        );
        assert!(
            (-0.1..=1.1).contains(&e1) && (0.0..=1.1).contains(&et),
            "{g}"
        );
        assert!(
            s1["low"].as_f64().unwrap() <= e1 + 1e-12 && e1 <= s1["high"].as_f64().unwrap() + 1e-12,
            "{g}"
        );
    }
}

#[test]
fn exit_codes_follow_score() {
    let dir = temp_dir();
    // A framework that does not load: 2, nothing written.
    let (code, _) = analyse(
        "en",
        &dir.path().join("x"),
        &["-f", "no-such-framework", "samples/"],
    );
    assert_eq!(code, 2);
    // A year nobody was scored in: 2.
    let (code, err) = analyse("en", &dir.path().join("y"), &["--year", "1999", "samples/"]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing to analyse"), "{err}");
    // A rejected input: 1, the rest analysed and written.
    let inputs = temp_dir();
    std::fs::copy(COHORT, inputs.path().join("cohort.csv")).unwrap();
    std::fs::write(inputs.path().join("broken.xlsx"), b"not a workbook").unwrap();
    let out = dir.path().join("z");
    let (code, err) = analyse(
        "en",
        &out,
        &[
            "-f",
            FRAMEWORK,
            "--samples",
            "20",
            inputs.path().to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{err}");
    for f in FILES {
        assert!(out.join(f).is_file(), "{f}");
    }
    // Options out of range are usage errors.
    let (code, _) = analyse(
        "en",
        &dir.path().join("w"),
        &["--weight-spread", "1.5", "samples/"],
    );
    assert_eq!(code, 2);
}

#[test]
fn page_in_both_languages() {
    let dir = temp_dir();
    let (code, err) = analyse("en", dir.path(), &["--samples", "50", "samples/"]);
    assert_eq!(code, 0, "{err}");
    let html = read(dir.path().join("analysis.html"));
    assert!(html.contains("Rank intervals, 5–95 %") && html.contains("<svg"));
    assert!(html.contains("Kota Bandung") && html.contains("Cronbach"));
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<script src")
    );
    let dir = temp_dir();
    analyse("id", dir.path(), &["--samples", "50", "samples/"]);
    let html = read(dir.path().join("analysis.html"));
    assert!(html.contains("Selang peringkat 5–95 %") && html.contains("lang=\"id\""));
}

#[test]
fn page_renders_in_chromium() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        skip("Chromium is not installed (apt-get install chromium)");
        return;
    };
    let dir = temp_dir();
    let (code, err) = analyse("en", dir.path(), &["--samples", "50", "samples/"]);
    assert_eq!(code, 0, "{err}");
    let page = dir.path().join("analysis.html").canonicalize().unwrap();
    let profile = temp_dir();
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<svg") && dom.contains("Kota Bandung"),
        "Chromium rendered: {dom:.300}"
    );
}

#[test]
fn report_analyse_adds_intervals_and_the_page() {
    let dir = temp_dir();
    let (code, err) = crate::util::report(
        "en",
        dir.path(),
        &["--analyse", "--samples", "100", "samples/"],
    );
    assert_eq!(code, 0, "{err}");
    for f in FILES {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    let index = read(dir.path().join("index.html"));
    assert!(index.contains("Rank interval 5–95 % (analysis)"));
    assert_eq!(
        index.matches("href=\"analysis.html#intervals\"").count(),
        10,
        "one per ranked region of the newest year"
    );
    // Without --analyse the ranking is as before.
    let plain = temp_dir();
    let (code, _) = crate::util::report("en", plain.path(), &["samples/"]);
    assert_eq!(code, 0);
    assert!(!read(plain.path().join("index.html")).contains("analysis.html"));
    assert!(!plain.path().join("analysis.html").exists());
}
