//! `smartcity report`: the files written, the HTML as readers get it (compared with committed
//! expected pages), the workbook read back, escaping of hostile text, the manifest, exit codes.
//!
//! Expected pages live in `tests/fixtures/report/`; after an intended change to the templates,
//! rewrite them with `UPDATE_SNAPSHOTS=1 cargo test --test tests report::` and review the diff.

use crate::util::{self, read, report};
use calamine::{Data, Reader, Xlsx, open_workbook};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

const FRAMEWORK: &str = util::EXAMPLE_FRAMEWORK;
const LONG_TABLE: &str = "tests/fixtures/answers/long-table.xlsx";

/// The example framework's report on the long table, in `lang`.
fn fixture_report(lang: &str) -> tempfile::TempDir {
    let dir = util::temp_dir();
    let (code, err) = report(lang, dir.path(), &["--framework", FRAMEWORK, LONG_TABLE]);
    assert_eq!(code, 0, "{err}");
    dir
}

/// Compares a page with its committed expected version (or rewrites it when asked).
fn assert_expected(actual: &str, name: &str) {
    util::assert_expected(util::fixture("report").join(name), actual);
}

#[test]
fn writes_every_file_of_the_report() {
    let dir = fixture_report("id");
    for f in [
        "index.html",
        "results.xlsx",
        "results.csv",
        "results.json",
        "manifest.json",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} missing");
    }
    // One scorecard per region: its newest year, with its history.
    assert_eq!(
        scorecard_files(dir.path()),
        ["13.71.html", "32.73.html", "35.17.html"]
    );
    // The index links every region's page, and every earlier year to its row in the history.
    let index = read(dir.path().join("index.html"));
    for code in ["13.71", "32.73", "35.17"] {
        assert!(
            index.contains(&format!("href=\"scorecards/{code}.html\"")),
            "{code}"
        );
        let earlier = format!("scorecards/{code}.html#year-2021");
        assert!(index.contains(&format!("href=\"{earlier}\"")), "{code}");
        let card = read(dir.path().join(format!("scorecards/{code}.html")));
        assert!(card.contains("<tr id=\"year-2021\">"), "{code}");
    }
}

/// The scorecard files of a report, by name.
fn scorecard_files(dir: &Path) -> Vec<String> {
    let mut cards: Vec<String> = std::fs::read_dir(dir.join("scorecards"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cards.sort();
    cards
}

#[test]
fn all_years_keeps_a_scorecard_per_region_year() {
    let dir = util::temp_dir();
    let (code, err) = report(
        "en",
        dir.path(),
        &[
            "--scorecards",
            "all-years",
            "--framework",
            FRAMEWORK,
            LONG_TABLE,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let cards = scorecard_files(dir.path());
    assert_eq!(
        cards,
        [
            "13.71-2021.html",
            "13.71-2022.html",
            "32.73-2021.html",
            "32.73-2022.html",
            "35.17-2021.html",
            "35.17-2022.html"
        ]
    );
    let index = read(dir.path().join("index.html"));
    for c in &cards {
        assert!(index.contains(&format!("href=\"scorecards/{c}\"")), "{c}");
    }
    // Each page links the region's other years, in its nav and its history.
    let card = read(dir.path().join("scorecards/32.73-2021.html"));
    assert!(
        card.contains("<a href=\"32.73-2022.html\">2022</a>"),
        "{card}"
    );
    assert!(card.contains("<tr id=\"year-2021\" class=\"current\""));
    // The newest year's page is the default report's page, but for those links.
    let newest = fixture_report("en");
    let default = read(newest.path().join("scorecards/32.73.html"));
    let all = read(dir.path().join("scorecards/32.73-2022.html"));
    let unlinked = all
        .replace(" · <a href=\"32.73-2021.html\">2021</a>", "")
        .replace("<a href=\"32.73-2021.html\">2021</a>", "2021");
    assert_eq!(unlinked, default);
}

#[test]
fn one_year_gives_today_s_scorecards_under_the_region_s_name() {
    let one_year = [
        "samples/questionnaires/kota-bandung-2022.xlsx",
        "samples/questionnaires/kota-padang-2022.ods",
    ];
    let (newest, all) = (util::temp_dir(), util::temp_dir());
    let (code, err) = report("id", newest.path(), &one_year);
    assert_eq!(code, 0, "{err}");
    let mut args = vec!["--scorecards", "all-years"];
    args.extend(one_year);
    let (code, err) = report("id", all.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(scorecard_files(newest.path()), ["13.71.html", "32.73.html"]);
    // With one year there is no history to show: the page is the region-year's, as it was.
    for code in ["13.71", "32.73"] {
        let card = read(newest.path().join(format!("scorecards/{code}.html")));
        assert!(!card.contains("history-h"), "{code}");
        assert_eq!(
            card,
            read(all.path().join(format!("scorecards/{code}-2022.html")))
        );
    }
}

#[test]
fn pages_match_the_expected_ones_in_both_languages() {
    for lang in ["id", "en"] {
        let dir = fixture_report(lang);
        assert_expected(
            &read(dir.path().join("index.html")),
            &format!("index.{lang}.html"),
        );
        assert_expected(
            &read(dir.path().join("scorecards/32.73.html")),
            &format!("scorecard-32.73.{lang}.html"),
        );
    }
}

#[test]
fn numbers_and_words_follow_the_language() {
    let id = read(fixture_report("id").path().join("index.html"));
    let en = read(fixture_report("en").path().join("index.html"));
    assert!(id.contains("<html lang=\"id\">"));
    assert!(en.contains("<html lang=\"en\">"));
    // Bandung 2022: index 2.6, up 0.84 from 1.76.
    assert!(id.contains(">2,60<") && id.contains("+0,84") && id.contains("Baik"));
    assert!(en.contains(">2.60<") && en.contains("+0.84") && en.contains("Good"));
    assert!(id.contains("Peringkat") && !id.contains(">Rank<"));
    assert!(en.contains("Ranking") && en.contains("Most improved"));
    assert!(id.contains("31 Mei 2024") && en.contains("31 May 2024"));
    // Sort keys stay machine-readable whatever the language.
    assert!(id.contains("data-sort=\"2.6\""));
    let card = read(fixture_report("en").path().join("scorecards/32.73.html"));
    assert!(card.contains("Kota Bandung") && card.contains("Strengths"));
    assert!(card.contains("compared with 2021"));
}

#[test]
fn pages_are_self_contained_and_accessible() {
    let dir = fixture_report("en");
    let mut pages = vec![read(dir.path().join("index.html"))];
    for e in std::fs::read_dir(dir.path().join("scorecards")).unwrap() {
        pages.push(read(e.unwrap().path()));
    }
    for page in &pages {
        for outside in ["src=\"http", "<link", "@import", "url(http", "src=\"//"] {
            assert!(!page.contains(outside), "page loads {outside}");
        }
        // Every chart is a titled image for screen readers.
        for svg in page.split("<svg").skip(1) {
            let tag = &svg[..svg.find('>').unwrap()];
            assert!(
                tag.contains("aria-hidden=\"true\"") || tag.contains("role=\"img\""),
                "unlabelled svg: {tag}"
            );
        }
        assert!(page.contains("@media print") && page.contains("size: A4"));
        assert!(page.contains("name=\"viewport\""));
    }
    // The radar: three polygons (median, previous, current) with 3 points each (components,
    // as the example framework has only two top-level dimensions).
    let card = read(dir.path().join("scorecards/32.73.html"));
    assert!(card.contains("<title id=\"radar-title\">"));
    let series: Vec<&str> = card
        .split("<g class=\"series ")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(series, ["median", "previous", "current"]);
    let current = card.split("<g class=\"series current\">").nth(1).unwrap();
    let points = current.split("points=\"").nth(1).unwrap();
    let points = &points[..points.find('"').unwrap()];
    assert_eq!(points.split(' ').count(), 3, "{points}");
    // Output 3 on a 0–4 scale, radius 140, straight up from (300, 200): (300, 95).
    assert!(points.starts_with("300.0,95.0 "), "{points}");
}

#[test]
fn sorting_needs_no_server_or_library() {
    let index = read(fixture_report("id").path().join("index.html"));
    assert!(index.contains("<table class=\"sortable ranking filterable\">"));
    assert!(index.contains("<script>") && !index.contains("<script src"));
    assert!(index.contains("aria-sort=\"ascending\""));
}

/// A long table for the example framework with hostile text in every free-text field.
fn hostile_csv(dir: &Path) -> PathBuf {
    let path = dir.join("hostile.csv");
    let rows = [
        "region_code,region_name,year,indicator,answer,notes",
        "32.73,\"<script>alert('name')</script>\",2022,GOV-LP-01,3,\"<script>alert(1)</script>\"",
        "32.73,\"<script>alert('name')</script>\",2022,GOV-LP-02,50,\"\"\"><img src=x onerror=alert(2)>\"",
        "32.73,\"<script>alert('name')</script>\",2022,ENV-01,80,\"javascript:alert(3) and https://jdih.example.go.id/sk?a=1&b=2\"",
        "32.73,\"<script>alert('name')</script>\",2022,ENV-02,ya,\"https://x.example/\"\"onmouseover=\"\"alert(4)\"",
        "13.71,\"\"\"><img src=x onerror=alert(5)>\",2022,GOV-LP-01,\"<b>3</b>\",",
        "13.71,\"\"\"><img src=x onerror=alert(5)>\",2022,GOV-LP-02,50,",
    ];
    std::fs::write(&path, rows.join("\n") + "\n").unwrap();
    path
}

#[test]
fn hostile_names_and_notes_are_escaped() {
    let tmp = util::temp_dir();
    let csv = hostile_csv(tmp.path());
    let out = tmp.path().join("out");
    let (code, err) = report(
        "en",
        &out,
        &["--framework", FRAMEWORK, csv.to_str().unwrap()],
    );
    // Padang's answer "<b>3</b>" is rejected; the rest of the report is still written.
    assert_eq!(code, 1, "{err}");
    let index = read(out.join("index.html"));
    let card = read(out.join("scorecards/32.73.html"));
    for page in [&index, &card] {
        assert!(!page.contains("<script>alert"), "script injected");
        assert!(!page.contains("<img src=x"), "img injected");
        assert!(!page.contains("href=\"javascript"), "javascript link");
        assert!(!page.contains("<img"), "img injected");
        assert!(!page.contains("\"onmouseover"), "attribute injected");
        assert_eq!(page.matches("<script>").count(), 1, "only the sort script");
    }
    // The typed region name is checked against the official one, never shown.
    assert!(card.contains("<h1>Kota Bandung</h1>"));
    // Notes are shown, escaped.
    assert!(card.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(card.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    // Only http(s) becomes a link; its query is escaped, and a quote ends it.
    assert!(
        card.contains(
            "javascript:alert(3) and <a href=\"https://jdih.example.go.id/sk?a=1&amp;b=2\""
        )
    );
    assert!(card.contains("<a href=\"https://x.example/\" rel="));
    assert!(card.contains("&quot;onmouseover=&quot;alert(4)"));
    // The workbook keeps notes as plain text.
    let mut wb: Xlsx<_> = open_workbook(out.join("results.xlsx")).unwrap();
    let sheet = wb.worksheet_range("Indicators 2022").unwrap();
    assert!(sheet.rows().any(|r| {
        r.iter()
            .any(|c| c == &Data::String("<script>alert(1)</script>".into()))
    }));
}

#[test]
fn workbook_holds_numbers_formats_and_every_level() {
    let dir = fixture_report("en");
    let path = dir.path().join("results.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Dimensions",
            "Components",
            "Indicators 2022",
            "Indicators 2021",
            "Change",
            "Next steps",
            "Radar",
            "Framework"
        ]
    );
    let summary = wb.worksheet_range("Summary").unwrap();
    let header: Vec<String> = summary
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &header[..9],
        [
            "Year",
            "Code",
            "Region",
            "Kind",
            "Province",
            "Rank",
            "Index",
            "Band",
            "Improvement"
        ]
    );
    let bandung = summary
        .rows()
        .find(|r| r[1] == Data::String("32.73".into()) && r[0] == Data::Float(2022.0))
        .unwrap();
    assert!(matches!(bandung[6], Data::Float(v) if (v - 2.6).abs() < 1e-9));
    assert!(matches!(bandung[8], Data::Float(v) if (v - 0.84).abs() < 1e-9));
    assert_eq!(bandung[5], Data::Float(1.0));
    assert_eq!(bandung[7], Data::String("Good".into()));
    // Coverage is a share (shown as a percentage), not the text "75 %".
    assert!(matches!(bandung[12], Data::Float(v) if (v - 0.75).abs() < 1e-9));

    // Every intermediate score, as numbers.
    let dims = wb.worksheet_range("Dimensions").unwrap();
    let head: Vec<String> = dims
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        head.contains(&"Public Services (GOV.LP)".to_string()),
        "{head:?}"
    );
    assert!(head.contains(&"Δ GOV.LP".to_string()));
    let col = head
        .iter()
        .position(|h| h == "Smart Governance (GOV)")
        .unwrap();
    let row = dims
        .rows()
        .find(|r| r[1] == Data::String("32.73".into()) && r[0] == Data::Float(2022.0))
        .unwrap();
    assert!(matches!(row[col], Data::Float(v) if (v - 2.5).abs() < 1e-9));
    let comps = wb.worksheet_range("Components").unwrap();
    assert_eq!(comps.rows().count(), 7);
    // One indicator sheet per year: 3 regions × 4 indicators each, scores as numbers.
    for year in [2022, 2021] {
        let inds = wb.worksheet_range(&format!("Indicators {year}")).unwrap();
        assert_eq!(inds.rows().count(), 1 + 3 * 4);
        assert!(inds.rows().skip(1).all(|r| {
            r[0] == Data::Float(f64::from(year)) && matches!(r[10], Data::Float(_) | Data::Empty)
        }));
    }
    let framework = wb.worksheet_range("Framework").unwrap();
    assert!(
        framework
            .rows()
            .any(|r| r.iter().any(|c| c == &Data::String("contoh-kota".into())))
    );

    // Formats, frozen header, filters and conditional formats, as Excel stores them.
    let xml = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("state=\"frozen\""), "frozen panes");
    assert!(xml.contains("<autoFilter"), "filters");
    assert!(xml.contains("<conditionalFormatting") && xml.contains("colorScale"));
    let styles = zip_entry(&path, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.00\""));
    assert!(styles.contains("formatCode=\"+0.00;-0.00;0.00\""));
    let radar = zip_entry(&path, "xl/charts/chart1.xml");
    assert!(radar.contains("<c:radarChart>"));
}

fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut out = String::new();
    entry.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn csv_and_json_are_those_of_score() {
    let dir = fixture_report("id");
    let score = |format: &str| {
        util::smartcity()
            .env("SOURCE_DATE_EPOCH", util::SOURCE_DATE_EPOCH)
            .args([
                "score",
                "--format",
                format,
                "--framework",
                FRAMEWORK,
                LONG_TABLE,
            ])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(
        std::fs::read(dir.path().join("results.csv")).unwrap(),
        score("csv")
    );
    assert_eq!(
        std::fs::read(dir.path().join("results.json")).unwrap(),
        score("json")
    );
}

#[test]
fn json_is_that_of_score_with_reviews_in_both_languages() {
    // The questionnaires hold a reviewed one (verified answers, the region's own answers and
    // evaluators' notes), whose detail the report keeps on disk while it writes: it reads back
    // to the same bytes, self-assessed too.
    for lang in ["id", "en"] {
        for extra in [None, Some("--self-assessed")] {
            let dir = util::temp_dir();
            let mut args: Vec<&str> = extra.into_iter().collect();
            args.push("samples/questionnaires");
            let (code, err) = report(lang, dir.path(), &args);
            assert_eq!(code, 0, "{err}");
            let score = util::smartcity()
                .env("SOURCE_DATE_EPOCH", util::SOURCE_DATE_EPOCH)
                .args(["--lang", lang, "score", "--format", "json"])
                .args(&args)
                .output()
                .unwrap()
                .stdout;
            let json = std::fs::read(dir.path().join("results.json")).unwrap();
            assert!(json == score, "{lang} {extra:?}");
            let reviewed = String::from_utf8_lossy(&json).contains("\"evaluator_notes\"");
            assert_eq!(reviewed, extra.is_none(), "{lang} {extra:?}");
        }
    }
}

fn sha256_of(path: impl AsRef<Path>) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn manifest_names_what_produced_the_report() {
    let dir = fixture_report("id");
    let m: serde_json::Value =
        serde_json::from_str(&read(dir.path().join("manifest.json"))).unwrap();
    assert_eq!(m["tool"]["name"], "smartcity");
    assert_eq!(m["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["generated"], "2024-05-31T08:30:00Z");
    assert_eq!(m["framework"]["id"], "contoh-kota");
    assert_eq!(m["framework"]["version"], "1");
    assert_eq!(m["framework"]["source"], FRAMEWORK);
    assert_eq!(m["framework"]["content_hash"], sha256_of(FRAMEWORK));
    assert_eq!(m["inputs"][0]["path"], LONG_TABLE);
    assert_eq!(m["inputs"][0]["sha256"], sha256_of(LONG_TABLE));
    assert_eq!(m["results"]["region_years"], 6);
    let outputs = m["outputs"].as_array().unwrap();
    // index, workbook, CSV, JSON and a scorecard per region.
    assert_eq!(outputs.len(), 4 + 3);
    for o in outputs {
        let path = dir.path().join(o["path"].as_str().unwrap());
        assert_eq!(o["sha256"], sha256_of(&path), "{path:?}");
    }
}

#[test]
fn builtin_framework_is_named_as_such() {
    let tmp = util::temp_dir();
    let (code, err) = report(
        "en",
        tmp.path(),
        &["samples/questionnaires/kota-bandung-2022.xlsx"],
    );
    assert_eq!(code, 0, "{err}");
    let m: serde_json::Value =
        serde_json::from_str(&read(tmp.path().join("manifest.json"))).unwrap();
    assert_eq!(m["framework"]["id"], "kominfo-smart-city");
    assert_eq!(m["framework"]["source"], "built-in");
    // Six dimensions: the radar has six spokes.
    let card = read(tmp.path().join("scorecards/32.73.html"));
    let current = card.split("<g class=\"series current\">").nth(1).unwrap();
    assert_eq!(current.matches("<circle").count(), 6);
}

#[test]
fn templates_can_be_overridden_to_brand_the_report() {
    let tmp = util::temp_dir();
    let templates = tmp.path().join("brand");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("brand.html"),
        "<header class=\"brand\"><div class=\"brand-inner\">Dinas Kominfo Kota Contoh — {{ t.report_title }}</div></header>\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "id",
        &out,
        &[
            "--framework",
            FRAMEWORK,
            "--templates",
            templates.to_str().unwrap(),
            LONG_TABLE,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let index = read(out.join("index.html"));
    assert!(index.contains("Dinas Kominfo Kota Contoh — Laporan Penilaian Mandiri Kota Cerdas"));
    assert!(read(out.join("scorecards/13.71.html")).contains("Dinas Kominfo Kota Contoh"));
    let m: serde_json::Value = serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    assert_eq!(m["templates"]["overrides"].as_array().unwrap().len(), 1);
}

#[test]
fn overriding_templates_are_escaped_whatever_their_name() {
    let tmp = util::temp_dir();
    let templates = tmp.path().join("t");
    std::fs::create_dir(&templates).unwrap();
    // A branded partial that prints region names, named like an SVG file: still escaped.
    std::fs::write(
        templates.join("names.svg.html"),
        "{% for r in ranking | default(value=[]) %}<text>{{ r.name }}|{{ r.rank }}</text>{% endfor %}",
    )
    .unwrap();
    std::fs::write(
        templates.join("brand.html"),
        "<header>{% include \"names.svg.html\" %}{{ \"<b>\" }}</header>",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "id",
        &out,
        &[
            "--framework",
            FRAMEWORK,
            "--templates",
            templates.to_str().unwrap(),
            LONG_TABLE,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let index = read(out.join("index.html"));
    assert!(index.contains("<text>Kota Bandung|1</text>"));
    assert!(index.contains("&lt;b&gt;"));
}

#[test]
fn broken_templates_are_usage_errors_with_the_place() {
    let tmp = util::temp_dir();
    let templates = tmp.path().join("t");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("brand.html"),
        "<header>{{ no_such_value }}</header>",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "en",
        &out,
        &[
            "--framework",
            FRAMEWORK,
            "--templates",
            templates.to_str().unwrap(),
            LONG_TABLE,
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no_such_value"), "{err}");
    assert!(!out.join("index.html").exists());

    std::fs::write(templates.join("brand.html"), "<header>{% if %}</header>").unwrap();
    let (code, err) = report(
        "en",
        &out,
        &[
            "--framework",
            FRAMEWORK,
            "--templates",
            templates.to_str().unwrap(),
            LONG_TABLE,
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("brand.html"), "{err}");
}

#[test]
fn never_writes_over_an_input() {
    let tmp = util::temp_dir();
    // A long table that happens to be called results.csv, reported into its own folder.
    let input = tmp.path().join("results.csv");
    std::fs::copy("tests/fixtures/answers/long-semicolon-comma.csv", &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let (code, err) = report(
        "en",
        tmp.path(),
        &["--framework", FRAMEWORK, input.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("holds the input") && err.contains("results.csv"),
        "{err}"
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // Refused before anything was written.
    assert!(!tmp.path().join("index.html").exists());
    assert!(!tmp.path().join("scorecards").exists());
}

#[test]
fn exit_codes_follow_score() {
    let tmp = util::temp_dir();
    let (code, _) = report(
        "en",
        &tmp.path().join("a"),
        &["--framework", "no-such", LONG_TABLE],
    );
    assert_eq!(code, 2);
    assert!(!tmp.path().join("a").exists());
    // A missing input is rejected; the report of the rest is written.
    let out = tmp.path().join("b");
    let (code, err) = report(
        "en",
        &out,
        &["--framework", FRAMEWORK, LONG_TABLE, "no-such-file.xlsx"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.join("index.html").is_file());
    assert!(err.contains("report written to"), "{err}");
}

#[test]
fn nothing_scored_still_gives_a_readable_report() {
    let tmp = util::temp_dir();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "en",
        &out,
        &["--framework", FRAMEWORK, "tests/fixtures/answers/empty.csv"],
    );
    assert_eq!(code, 1, "{err}");
    let index = read(out.join("index.html"));
    assert!(index.contains("No region could be scored."));
}

#[test]
fn the_samples_report_has_a_scorecard_per_region() {
    let tmp = util::temp_dir();
    let (code, err) = report("id", tmp.path(), &["samples/"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_dir(tmp.path().join("scorecards"))
            .unwrap()
            .count(),
        10
    );
    let index = read(tmp.path().join("index.html"));
    // Bandung leads 2022, as `score` says.
    let first = index.split("<tbody>").nth(1).unwrap();
    let first = &first[..first.find("</tr>").unwrap()];
    assert!(
        first.contains("Kota Bandung") && first.contains("3,65"),
        "{first}"
    );
    assert!(index.contains("Peringkat 2021"), "earlier years");
    assert!(index.contains("Kabupaten") && index.contains("Jawa Barat"));
}

#[test]
fn a_report_inside_its_input_folder_is_skipped_and_old_scorecards_removed() {
    let tmp = util::temp_dir();
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(LONG_TABLE, inputs.join("long-table.xlsx")).unwrap();
    let inside = inputs.join("report");
    let args = ["--framework", FRAMEWORK, inputs.to_str().unwrap()];
    let (code, err) = report("en", &inside, &args);
    assert_eq!(code, 0, "{err}");
    let first = read(inside.join("results.csv"));
    // Again and again: the report folder is skipped (W006), never read as answers.
    for _ in 0..2 {
        let (code, err) = report("en", &inside, &args);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains(
                "warning W006: a smartcity report folder (it holds manifest.json); skipped"
            ),
            "{err}"
        );
        assert_eq!(read(inside.join("results.csv")), first);
    }

    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("scorecards")).unwrap();
    std::fs::write(out.join("scorecards/32.04-2020.html"), "old").unwrap();
    let (code, err) = report("en", &out, &["--framework", FRAMEWORK, LONG_TABLE]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 older scorecards") && err.contains("32.04-2020.html"),
        "{err}"
    );
    assert!(!out.join("scorecards/32.04-2020.html").exists());
}

#[test]
fn regions_without_an_index_are_shown_as_such() {
    let tmp = util::temp_dir();
    let csv = tmp.path().join("thin.csv");
    std::fs::write(
        &csv,
        "region_code,year,indicator,answer\n32.73,2022,GOV-LP-01,3\n13.71,2022,GOV-LP-01,2\n\
         13.71,2022,GOV-LP-02,40\n13.71,2022,ENV-01,50\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = report(
        "en",
        &out,
        &["--framework", FRAMEWORK, csv.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let card = read(out.join("scorecards/32.73.html"));
    assert!(
        card.contains("No index computed: Coverage 25 % is below the minimum coverage of 50 %.")
    );
    assert!(card.contains("nothing to compare with"));
    let index = read(out.join("index.html"));
    // Ranked regions first; the one without an index has no rank and sorts last.
    let rows: Vec<&str> = index
        .split("<td class=\"region\"")
        .skip(1)
        .take(2)
        .collect();
    assert!(rows[0].contains("Kota Padang") && rows[1].contains("Kota Bandung"));
    assert!(rows[1].contains("insufficient data"));
}

#[test]
fn nothing_written_names_an_input_by_its_absolute_path() {
    let tmp = util::temp_dir();
    let input = util::absolute("samples/questionnaires");
    let framework = util::absolute(FRAMEWORK);
    let out = tmp.path().join("out");
    let (code, err) = report("id", &out, &[input.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let root = util::absolute("");
    let root = root.to_string_lossy();
    let root = root.trim_end_matches('/');
    let mut texts = vec![
        read(out.join("manifest.json")),
        read(out.join("results.csv")),
        read(out.join("results.json")),
        zip_entry(&out.join("results.xlsx"), "xl/sharedStrings.xml"),
    ];
    for e in std::fs::read_dir(out.join("scorecards")).unwrap() {
        texts.push(read(e.unwrap().path()));
    }
    for text in &texts {
        assert!(
            !text.contains(root),
            "an absolute path in {}",
            &text[..200.min(text.len())]
        );
    }
    let card = read(out.join("scorecards/32.73.html"));
    assert!(
        card.contains("<code>kota-bandung-2022.xlsx</code>"),
        "source file named relative to the folder given"
    );
    let m: serde_json::Value = serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    assert_eq!(m["inputs"][0]["path"], "kabupaten-jombang-2021.ods");
    // A framework file given by absolute path is named by its file name.
    let out = tmp.path().join("out2");
    let (code, err) = report(
        "id",
        &out,
        &["--framework", framework.to_str().unwrap(), LONG_TABLE],
    );
    assert_eq!(code, 0, "{err}");
    let m: serde_json::Value = serde_json::from_str(&read(out.join("manifest.json"))).unwrap();
    assert_eq!(m["framework"]["source"], "example.toml");
}

#[test]
fn every_sheet_prints_landscape_one_page_wide_with_the_names_repeated() {
    let dir = fixture_report("id");
    let path = dir.path().join("results.xlsx");
    let file = std::fs::File::open(&path).unwrap();
    let archive = zip::ZipArchive::new(file).unwrap();
    let sheets: Vec<String> = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i)?.ok().map(|n| n.to_string()))
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    assert!(sheets.len() >= 8, "{sheets:?}");
    for s in &sheets {
        let xml = zip_entry(&path, s);
        assert!(
            xml.contains("orientation=\"landscape\""),
            "{s} not landscape"
        );
        assert!(
            xml.contains("fitToPage=\"1\""),
            "{s} not fitted to the page width"
        );
    }
    // Names repeated on every printed page of the data sheets.
    let workbook = zip_entry(&path, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    // The indicator sheet names dimensions and components, not their ids.
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let inds = wb.worksheet_range("Indikator 2022").unwrap();
    let row: Vec<String> = inds
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(row[5].contains(" › "), "{row:?}");
    assert!(!row[6].is_empty() && row[6] != "baseline", "{row:?}");
}
