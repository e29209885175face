//! `smartcity report` at national scale: past a number of region-years per year, the comparison
//! is split into a national summary (`index.html`) and one page per province. The hidden
//! `--page-limit` lowers the threshold so the fixtures' three regions are split; one test
//! crosses the real threshold with generated villages.

use crate::util::{self, read, report};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const FRAMEWORK: &str = util::EXAMPLE_FRAMEWORK;
const LONG_TABLE: &str = "tests/fixtures/answers/long-table.xlsx";

/// Every `href="…"` of a page, in order.
fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

/// The page files of the report folder whose names start with `province-`.
fn province_pages(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("province-"))
        .collect();
    names.sort();
    names
}

/// The example report on the long table (13.71 Padang, 32.73 Bandung, 35.17 Jombang; 2021 and
/// 2022), split by province.
fn split_report(lang: &str) -> tempfile::TempDir {
    let dir = util::temp_dir();
    let (code, err) = report(
        lang,
        dir.path(),
        &["--framework", FRAMEWORK, "--page-limit", "2", LONG_TABLE],
    );
    assert_eq!(code, 0, "{err}");
    dir
}

#[test]
fn the_limit_decides_between_one_page_and_province_pages() {
    // Three region-years a year: at a limit of three, one page as always.
    let dir = util::temp_dir();
    let (code, err) = report(
        "id",
        dir.path(),
        &["--framework", FRAMEWORK, "--page-limit", "3", LONG_TABLE],
    );
    assert_eq!(code, 0, "{err}");
    assert!(province_pages(dir.path()).is_empty());
    assert!(read(dir.path().join("index.html")).contains("id=\"scorecards\""));
    // Above it, one page per province.
    let dir = split_report("id");
    assert_eq!(
        province_pages(dir.path()),
        ["province-13.html", "province-32.html", "province-35.html"]
    );
}

#[test]
fn the_summary_links_every_province_page_and_they_link_every_scorecard() {
    let dir = split_report("en");
    let index = read(dir.path().join("index.html"));
    let index_links = links(&index);
    for p in province_pages(dir.path()) {
        assert!(index_links.contains(&p), "index does not link {p}");
    }
    // Every scorecard is linked from its province's page, and only from there.
    let mut linked = Vec::new();
    for p in province_pages(dir.path()) {
        let page = read(dir.path().join(&p));
        let code = &p["province-".len()..p.len() - ".html".len()];
        assert!(page.contains("<html lang=\"en\">"));
        assert!(links(&page).contains(&"index.html".to_string()), "{p}");
        for l in links(&page)
            .into_iter()
            .filter(|l| l.starts_with("scorecards/"))
        {
            // An earlier year leads to its row in the history on the region's page.
            let (file, anchor) = l.split_once('#').unwrap_or((&l, ""));
            assert!(dir.path().join(file).is_file(), "{p} links missing {l}");
            if !anchor.is_empty() {
                let card = read(dir.path().join(file));
                assert!(card.contains(&format!("id=\"{anchor}\"")), "{p} links {l}");
            }
            assert!(
                l.starts_with(&format!("scorecards/{code}.")),
                "{p} links {l}"
            );
            linked.push(l);
        }
    }
    linked.sort();
    linked.dedup();
    // Three regions' pages, each linked for both years.
    assert_eq!(linked.len(), 6, "{linked:?}");
    // Bandung's page: both years, ranked, with index, band and change.
    let bandung = read(dir.path().join("province-32.html"));
    assert!(bandung.contains("<h1>Jawa Barat"), "{bandung}");
    assert!(bandung.contains(">2.60<") && bandung.contains("+0.84"));
    assert!(bandung.contains("Good") && bandung.contains("Earlier years"));
    // The filter box, as on the national page: a province of 8,500 villages needs one.
    assert!(bandung.contains(r#"<input id="filter""#), "{bandung}");
    assert!(bandung.contains(r#"<table class="sortable ranking filterable">"#));
    // A scorecard leads back to the summary and to its province.
    let card = read(dir.path().join("scorecards/32.73.html"));
    assert!(links(&card).contains(&"../index.html".to_string()));
    assert!(links(&card).contains(&"../province-32.html".to_string()));
}

#[test]
fn province_pages_speak_the_reader_s_language() {
    let id = split_report("id");
    let en = split_report("en");
    let (index_id, index_en) = (
        read(id.path().join("index.html")),
        read(en.path().join("index.html")),
    );
    assert!(index_id.contains("Hasil per provinsi") && index_id.contains("Median dimensi"));
    assert!(index_en.contains("Results by province") && index_en.contains("Median dimension"));
    assert!(!index_id.contains("Results by province"));
    let (page_id, page_en) = (
        read(id.path().join("province-32.html")),
        read(en.path().join("province-32.html")),
    );
    assert!(page_id.contains("<html lang=\"id\">") && page_id.contains("Peringkat di provinsi"));
    assert!(page_id.contains(">2,60<") && page_id.contains("31 Mei 2024"));
    assert!(page_en.contains("Rank in province") && page_en.contains("31 May 2024"));
}

#[test]
fn province_pages_are_in_the_manifest() {
    let dir = split_report("id");
    let m: serde_json::Value =
        serde_json::from_str(&read(dir.path().join("manifest.json"))).unwrap();
    let outputs = m["outputs"].as_array().unwrap();
    // index, workbook, CSV, JSON, three provinces, three scorecards (one per region).
    assert_eq!(outputs.len(), 4 + 3 + 3);
    for p in province_pages(dir.path()) {
        let o = outputs
            .iter()
            .find(|o| o["path"] == p.as_str())
            .unwrap_or_else(|| panic!("{p} not in the manifest"));
        let hash: String = Sha256::digest(std::fs::read(dir.path().join(&p)).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(o["sha256"], hash.as_str());
    }
}

/// The example framework with hostile labels (a framework file is as untrusted as answers).
fn hostile_framework(dir: &Path) -> PathBuf {
    let text = read(FRAMEWORK)
        .replace(
            "label = { id = \"Baik\", en = \"Good\" }",
            "label = { id = \"<script>alert('b')</script>\", en = \"<script>alert('b')</script>\" }",
        )
        .replace(
            "label = { id = \"Lingkungan Cerdas\", en = \"Smart Environment\" }",
            "label = { id = \"<img src=x onerror=alert(1)>\", en = \"<img src=x onerror=alert(1)>\" }",
        );
    let path = dir.join("hostile.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn hostile_text_is_escaped_on_province_pages() {
    let tmp = util::temp_dir();
    let fw = hostile_framework(tmp.path());
    let csv = tmp.path().join("hostile.csv");
    std::fs::write(
        &csv,
        "region_code,region_name,year,indicator,answer,notes\n\
         32.73,\"<script>alert('name')</script>\",2022,GOV-LP-01,3,\"<script>alert(1)</script>\"\n\
         32.73,\"<script>alert('name')</script>\",2022,GOV-LP-02,50,\n\
         32.73,\"<script>alert('name')</script>\",2022,ENV-01,80,\n\
         13.71,\"\"\"><img src=x onerror=alert(5)>\",2022,GOV-LP-01,2,\n\
         13.71,\"\"\"><img src=x onerror=alert(5)>\",2022,GOV-LP-02,50,\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "en",
        &out,
        &[
            "--framework",
            fw.to_str().unwrap(),
            "--page-limit",
            "0",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let mut pages = vec![read(out.join("index.html"))];
    for p in province_pages(&out) {
        pages.push(read(out.join(p)));
    }
    assert_eq!(pages.len(), 3);
    for page in &pages {
        assert!(!page.contains("<script>alert"), "script injected");
        assert!(!page.contains("<img"), "img injected");
        assert_eq!(page.matches("<script>").count(), 1, "only the sort script");
        // The typed names are never shown: only the official ones.
        assert!(!page.contains("alert('name')") && !page.contains("alert(5)"));
    }
    // The hostile band and dimension labels are shown, as text.
    assert!(pages[0].contains("&lt;script&gt;alert("));
    assert!(pages[0].contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(pages[0].contains("Kota Bandung") && pages[0].contains("Jawa Barat"));
}

#[test]
fn province_templates_can_be_overridden() {
    let tmp = util::temp_dir();
    let templates = tmp.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("province.html"),
        "<p>{{ name }} · {{ ranking | length }} · {{ t.regency }}</p>",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "id",
        &out,
        &[
            "--framework",
            FRAMEWORK,
            "--page-limit",
            "2",
            "--templates",
            templates.to_str().unwrap(),
            LONG_TABLE,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        read(out.join("province-32.html")),
        "<p>Jawa Barat · 1 · Kabupaten/Kota</p>"
    );
}

/// Every `step`-th village of the official list (from all over the country), `n` of them.
fn villages(n: usize, step: usize) -> Vec<String> {
    read("data/villages.csv")
        .lines()
        .skip(1)
        .step_by(step)
        .take(n)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

#[test]
fn a_national_village_report_is_split_at_the_default_limit() {
    let tmp = util::temp_dir();
    let fw = tmp.path().join("villages.toml");
    std::fs::write(
        &fw,
        read(FRAMEWORK).replace("levels = [\"regency\"]", "levels = [\"village\"]"),
    )
    .unwrap();
    // 601 villages, one more than the default limit, as a long table.
    let codes = villages(601, 139);
    assert_eq!(codes.len(), 601);
    let mut csv = String::from("kode_wilayah,tahun,indikator,jawaban\n");
    for (i, code) in codes.iter().enumerate() {
        for (id, answer) in [
            ("GOV-LP-01", (i % 5).to_string()),
            ("GOV-LP-02", (i % 101).to_string()),
            ("ENV-01", (i % 97).to_string()),
        ] {
            csv.push_str(&format!("{code},2024,{id},{answer}\n"));
        }
    }
    let input = tmp.path().join("desa.csv");
    std::fs::write(&input, csv).unwrap();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "id",
        &out,
        &["--framework", fw.to_str().unwrap(), input.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let pages = province_pages(&out);
    assert!(pages.len() >= 30, "{pages:?}");
    // The summary stays small and links the province pages, not the 601 scorecards.
    let index = read(out.join("index.html"));
    assert!(index.len() < 150_000, "index.html is {} bytes", index.len());
    let index_links = links(&index);
    let cards = index_links
        .iter()
        .filter(|l| l.starts_with("scorecards/"))
        .count();
    assert!(cards <= pages.len() + 10, "{cards} scorecard links");
    for p in &pages {
        assert!(index_links.contains(p), "{p}");
    }
    // Every village is on its province's page, with the kabupaten/kota it lies in.
    let total: usize = pages
        .iter()
        .map(|p| read(out.join(p)).matches("href=\"scorecards/").count())
        .sum();
    assert_eq!(total, 601);
    let first = read(out.join(format!("province-{}.html", &codes[0][..2])));
    assert!(first.contains(&codes[0]));
    assert!(
        first.contains("<td class=\"hide-narrow\">Kabupaten ")
            || first.contains("<td class=\"hide-narrow\">Kota ")
    );
}

#[test]
fn province_pages_left_by_an_earlier_report_are_named() {
    let dir = split_report("en");
    // The same split report again: every page is its own, nothing to say.
    let (code, err) = report(
        "en",
        dir.path(),
        &["--framework", FRAMEWORK, "--page-limit", "2", LONG_TABLE],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("province pages"), "{err}");
    // Not split this time: the province pages of the earlier report go with the old folder, and
    // the run says so.
    let (code, err) = report(
        "id",
        dir.path(),
        &["--framework", FRAMEWORK, "--page-limit", "3", LONG_TABLE],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("catatan: 3 halaman provinsi lama")
            && err.contains("(misalnya province-13.html)"),
        "{err}"
    );
    assert!(!dir.path().join("province-13.html").exists());
    // Split again, then not split, in English.
    let args = ["--framework", FRAMEWORK, "--page-limit", "2", LONG_TABLE];
    assert_eq!(report("en", dir.path(), &args).0, 0);
    let (_, err) = report(
        "en",
        dir.path(),
        &["--framework", FRAMEWORK, "--page-limit", "3", LONG_TABLE],
    );
    assert!(
        err.contains("note: 3 older province pages in") && err.contains("were removed"),
        "{err}"
    );
}
