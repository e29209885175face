//! `smartcity template`: the structure of the written workbook (read back as XML, since calamine
//! does not expose validations or protection), and that what it writes scores the same in both
//! languages and after `--prefill`.

use crate::util::{self, smartcity};
use std::io::Read;
use std::path::Path;

/// Every part of an xlsx file, by name.
fn parts(path: &Path) -> std::collections::BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            let _ = f.read_to_string(&mut s);
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

fn template(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    smartcity()
        .args(["template"])
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    out
}

#[test]
fn kominfo_template_structure() {
    let dir = util::temp_dir();
    let path = template(
        dir.path(),
        "k.xlsx",
        &["--region", "32.73", "--year", "2024"],
    );
    let p = parts(&path);
    let workbook = &p["xl/workbook.xml"];
    for name in [
        "Petunjuk",
        "Daftar",
        "Identitas",
        "Smart Governance",
        "Smart Branding",
        "Smart Economy",
        "Smart Living",
        "Smart Society",
        "Smart Environment",
    ] {
        assert!(
            workbook.contains(&format!("name=\"{name}\"")),
            "sheet {name}"
        );
    }
    assert!(
        workbook.contains("state=\"veryHidden\""),
        "lists sheet hidden"
    );
    // Sheets in order: Petunjuk, Daftar, Identitas, then the six dimensions.
    let identity = &p["xl/worksheets/sheet3.xml"];
    assert!(identity.contains("<sheetProtection"), "identity protected");
    assert!(
        !identity.contains("password"),
        "protected without a password"
    );
    assert!(
        identity.contains("<dataValidation"),
        "region dropdown and year check"
    );
    assert!(
        identity.contains("Daftar"),
        "region list on the lists sheet"
    );
    let mut validations = 0;
    let mut notes = 0;
    for n in 4..=9 {
        let sheet = &p[&format!("xl/worksheets/sheet{n}.xml")];
        assert!(sheet.contains("<sheetProtection"), "sheet{n} protected");
        assert!(sheet.contains("ySplit=\"3\""), "sheet{n} header frozen");
        assert!(sheet.contains("paperSize=\"9\""), "sheet{n} on A4");
        assert!(
            sheet.contains("orientation=\"landscape\""),
            "sheet{n} landscape"
        );
        validations += sheet.matches("<dataValidation ").count();
        notes += p
            .get(&format!("xl/comments{}.xml", n - 3))
            .map_or(0, |c| c.matches("<comment ").count());
    }
    assert_eq!(validations, 54, "one validation per answer cell");
    assert_eq!(notes, 54, "one guidance note per answer cell");
    // Cells staff fill are unlocked: the styles hold an unlocked format.
    assert!(p["xl/styles.xml"].contains("locked=\"0\""));
    // The lists sheet holds the 514 regencies.
    let shared = &p["xl/sharedStrings.xml"];
    assert!(shared.contains("32.73 - Kota Bandung"));
    assert!(shared.contains("2 - Terkelola"));
    assert!(shared.contains("N/A"));
}

#[test]
fn spbe_template_lists_provinces_and_regencies() {
    let dir = util::temp_dir();
    let path = template(
        dir.path(),
        "s.xlsx",
        &["--framework", "spbe-2020", "--lang", "en"],
    );
    let p = parts(&path);
    assert!(p["xl/workbook.xml"].contains("name=\"Instructions\""));
    let shared = &p["xl/sharedStrings.xml"];
    assert!(shared.contains("32 - Jawa Barat"));
    assert!(shared.contains("32.73 - Kota Bandung"));
}

#[test]
fn region_outside_the_framework_level_is_refused() {
    let dir = util::temp_dir();
    smartcity()
        .args(["--lang", "en", "template", "--region", "32", "-o"])
        .arg(dir.path().join("x.xlsx"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "does not assess this kind of region",
        ));
    smartcity()
        .args(["template", "-o"])
        .arg(dir.path().join("x.ods"))
        .assert()
        .code(2);
}

/// Scores `files` with the default framework; returns (region, year, index) rows from CSV.
fn scores(files: &[&Path]) -> Vec<(String, String, String)> {
    let out = smartcity()
        .args(["score", "--format", "csv"])
        .args(files)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[5].to_string(), f[8].to_string())
        })
        .collect()
}

#[test]
fn prefill_copies_last_years_answers_in_either_language() {
    let dir = util::temp_dir();
    let sample = Path::new("samples/questionnaires/kota-bandung-2022.xlsx");
    let id = template(
        dir.path(),
        "id.xlsx",
        &["--prefill", sample.to_str().unwrap()],
    );
    let en = template(
        dir.path(),
        "en.xlsx",
        &[
            "--prefill",
            sample.to_str().unwrap(),
            "--lang",
            "en",
            "--year",
            "2024",
        ],
    );
    let base = scores(&[sample]);
    let from_id = scores(&[&id]);
    let from_en = scores(&[&en]);
    assert_eq!(from_id[0].0, "32.73");
    assert_eq!(from_id[0].1, "2023", "next year by default");
    assert_eq!(from_en[0].1, "2024");
    // Same answers, same index, whichever language the questionnaire is in.
    assert_eq!(from_id[0].2, base[0].2);
    assert_eq!(from_en[0].2, base[0].2);
    // `check` accepts the prefilled questionnaire.
    smartcity().args(["check"]).arg(&en).assert().code(0);
}

#[test]
fn a_blank_template_checks_as_incomplete_not_broken() {
    let dir = util::temp_dir();
    let path = template(
        dir.path(),
        "b.xlsx",
        &["--region", "35.17", "--year", "2024"],
    );
    let out = smartcity()
        .args(["--lang", "en", "check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("error E018").count(), 54, "{text}");
    assert!(!text.contains("E004") && !text.contains("E006"), "{text}");
    assert!(Path::new(&path).exists());
}
