//! What the report shows of evaluators' review (issue 13): the scorecard's verification section,
//! the comparison's review section (largest gap first, mean gap per dimension) and the "not
//! reviewed" mark beside ranks in the pages, the terminal table and the workbook.
//!
//! The fixture is a long table for the example framework (four indicators) whose figures are
//! worked out by hand below, from `tests/fixtures/answers/EXPECTED.md`'s rules: output = mean of
//! GOV-LP-01 and ENV-02, outcome = GOV-LP-02 / 25, impact = ENV-01's KPI band, index =
//! 0.4·output + 0.4·outcome + 0.2·impact; GOV = GOV.LP = mean of GOV-LP-01 and GOV-LP-02, ENV =
//! mean of ENV-01 and ENV-02.

use crate::util::{self, read, report, smartcity};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::{Path, PathBuf};

const FRAMEWORK: &str = util::EXAMPLE_FRAMEWORK;

/// 2022, reviewed:
/// - 32.73 Kota Bandung: answers 4, 80, 90, ya → self 0.4·4 + 0.4·3.2 + 0.2·3 = 3.48 (Very good);
///   verified GOV-LP-01 2 (with a note holding markup), GOV-LP-02 60 (no note), ENV-02 ya
///   (unchanged) → final 0.4·3 + 0.4·2.4 + 0.2·3 = 2.76 (Good); gap +0.72; GOV 3.6 → 2.2
///   (+1.4), ENV 3.5 → 3.5 (0). Partly verified (3 of 4).
/// - 13.71 Kota Padang: 3, 50, 80, tidak → self 0.4·1.5 + 0.4·2 + 0.2·3 = 2.0; every answer
///   reviewed, ENV-01 lowered to 50 (KPI 2) → final 1.8; gap +0.2; GOV 0, ENV 1.5 → 1.0
///   (+0.5). Verified.
/// - 33.73 Kota Salatiga: 1, 25, 50, tidak → self 0.4·0.5 + 0.4·1 + 0.2·2 = 1.0; GOV-LP-01
///   raised to 2 → final 1.2; gap −0.2 (under-claimed); GOV 1 → 1.5 (−0.5), ENV 0.
///
/// Not reviewed: 35.17 Kabupaten Jombang 3, 75, 100, ya → 0.4·3.5 + 0.4·3 + 0.2·4 = 3.4, first
/// of the final ranking (Bandung was first on what it claimed). 2021 (Bandung, Padang): nobody
/// reviewed.
///
/// Mean gap per dimension over the three reviewed: GOV (1.4 + 0 − 0.5) / 3 = 0.30, ENV (0 + 0.5
/// + 0) / 3 = 0.1667.
const TABLE: &str = "\
region_code,year,indicator,answer,verified_answer,evaluator_notes
32.73,2021,GOV-LP-01,2,,
32.73,2021,GOV-LP-02,60,,
32.73,2021,ENV-01,55,,
32.73,2021,ENV-02,tidak,,
13.71,2021,GOV-LP-01,1,,
13.71,2021,GOV-LP-02,25,,
13.71,2021,ENV-01,30,,
13.71,2021,ENV-02,ya,,
32.73,2022,GOV-LP-01,4,2,SK belum ditetapkan <b>lama</b>
32.73,2022,GOV-LP-02,80,60,
32.73,2022,ENV-01,90,,
32.73,2022,ENV-02,ya,ya,dokumen lengkap
13.71,2022,GOV-LP-01,3,3,
13.71,2022,GOV-LP-02,50,50,
13.71,2022,ENV-01,80,50,data 2021 lama
13.71,2022,ENV-02,tidak,tidak,
33.73,2022,GOV-LP-01,1,2,dokumen ditemukan saat wawancara
33.73,2022,GOV-LP-02,25,,
33.73,2022,ENV-01,50,,
33.73,2022,ENV-02,tidak,,
35.17,2022,GOV-LP-01,3,,
35.17,2022,GOV-LP-02,75,,
35.17,2022,ENV-01,100,,
35.17,2022,ENV-02,ya,,
";

/// The fixture written into `dir` (also used by the browser's layout test).
pub(crate) fn table(dir: &Path) -> PathBuf {
    let path = dir.join("reviewed.csv");
    std::fs::write(&path, TABLE).unwrap();
    path
}

/// The report of the fixture in `lang`, with `extra` arguments.
fn reviewed_report(dir: &Path, lang: &str, extra: &[&str]) -> PathBuf {
    let input = table(dir);
    let out = dir.join(format!("report-{lang}"));
    let mut args = vec!["--framework", FRAMEWORK];
    args.extend(extra);
    args.push(input.to_str().unwrap());
    let (code, err) = report(lang, &out, &args);
    assert_eq!(code, 0, "{err}");
    out
}

/// The text of `page` between the opening of the element with `start` and the next `end`.
fn part<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let a = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"));
    let b = page[a..].find(end).map_or(page.len(), |b| a + b);
    &page[a..b]
}

/// The positions of `names` in `text`, which must all be there.
fn positions(text: &str, names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|n| text.find(n).unwrap_or_else(|| panic!("{n} not in\n{text}")))
        .collect()
}

#[test]
fn the_scorecard_shows_what_was_claimed_what_was_verified_and_why() {
    let dir = util::temp_dir();
    // A page per region-year: 2021's too, to see what a year nobody reviewed says.
    let out = reviewed_report(dir.path(), "en", &["--scorecards", "all-years"]);
    let card = read(out.join("scorecards/32.73-2022.html"));
    let section = part(
        &card,
        "<section class=\"section verification\"",
        "</section>",
    );
    assert!(section.contains("partly verified"), "{section}");
    assert!(
        section.contains("3 of 4 indicators reviewed · 2 changed · 1 confirmed unchanged"),
        "{section}"
    );
    // Index and band, self-assessed then final, and the gap.
    let [own, now, gap] = positions(section, &[">3.48<", ">2.76<", ">+0.72<"])[..] else {
        unreachable!()
    };
    assert!(own < now && now < gap);
    assert!(section.contains(">Very good<") && section.contains(">Good<"));
    // Every dimension: self, final, gap.
    assert!(
        section.contains(
            "<th scope=\"row\">Smart Governance</th><td class=\"num\">3.60</td><td class=\"num\">2.20</td><td class=\"num gap-over\">+1.40</td>"
        ),
        "{section}"
    );
    assert!(section.contains(
        "<th scope=\"row\">Smart Environment</th><td class=\"num\">3.50</td><td class=\"num\">3.50</td>"
    ));
    // Each changed answer with both values and scores; the evaluator's note escaped.
    let lp01 = part(section, "GOV-LP-01", "</tr>");
    let [a, b, c, d] = positions(
        lp01,
        &["4 — Optimised", "Score 4.00", "2 — Managed", "Score 2.00"],
    )[..] else {
        unreachable!()
    };
    assert!(a < b && b < c && c < d, "{lp01}");
    assert!(
        lp01.contains("SK belum ditetapkan &lt;b&gt;lama&lt;/b&gt;"),
        "{lp01}"
    );
    assert!(!card.contains("<b>lama</b>"));
    // A change without a note is flagged, as W015 does.
    let lp02 = part(section, "GOV-LP-02", "</tr>");
    assert!(
        lp02.contains("80 %") && lp02.contains("Score 3.20"),
        "{lp02}"
    );
    assert!(
        lp02.contains("60 %") && lp02.contains("Score 2.40"),
        "{lp02}"
    );
    assert!(lp02.contains("no note"), "{lp02}");
    assert!(section.contains("1 answer(s) changed without an evaluator&#39;s note (W015)"));
    // The one confirmed answer: listed (few), with its note; not among the changes.
    let unchanged = part(section, "<ul class=\"unchanged\">", "</ul>");
    assert!(unchanged.contains("ENV-02") && unchanged.contains("dokumen lengkap"));
    assert!(!section.contains("<span class=\"code\">ENV-01</span>"));
    // The review's stage, evaluator and date come from a review workbook only: none here.
    assert!(!section.contains("review-meta"));

    // Nobody reviewed Jombang: one line says so, and its rank is marked.
    let jombang = read(out.join("scorecards/35.17-2022.html"));
    assert!(!jombang.contains("<section class=\"section verification\""));
    assert!(jombang.contains(
        "The scores on this scorecard are the region&#39;s self-assessment; evaluators have not verified them."
    ));
    assert!(jombang.contains("* not reviewed: ranked on the self-assessment"));
    // Nor anyone in 2021: no mark there (no region-year of 2021 was reviewed).
    let bandung_2021 = read(out.join("scorecards/32.73-2021.html"));
    assert!(bandung_2021.contains("class=\"note self-only\""));
    assert!(!bandung_2021.contains("* not reviewed"));
}

#[test]
fn the_scorecard_speaks_indonesian_with_decimal_commas() {
    let dir = util::temp_dir();
    let out = reviewed_report(dir.path(), "id", &[]);
    let card = read(out.join("scorecards/32.73.html"));
    let section = part(
        &card,
        "<section class=\"section verification\"",
        "</section>",
    );
    for shown in [
        "Verifikasi",
        "sebagian diverifikasi",
        "3 dari 4 indikator diperiksa · 2 diubah · 1 dikonfirmasi tanpa perubahan",
        ">3,48<",
        ">2,76<",
        ">+0,72<",
        "Jawaban daerah",
        "Jawaban verifikasi",
        "Skor 4,00",
        "tanpa catatan",
        // The evaluators' notes, escaped: read back from the detail the report keeps on disk.
        "SK belum ditetapkan &lt;b&gt;lama&lt;/b&gt;",
        "dokumen lengkap",
    ] {
        assert!(section.contains(shown), "{shown}\n{section}");
    }
    assert!(!section.contains("3.48"));
}

#[test]
fn the_comparison_lists_who_over_claims_most_first_and_the_mean_gap_per_dimension() {
    let dir = util::temp_dir();
    let out = reviewed_report(dir.path(), "en", &[]);
    let index = read(out.join("index.html"));
    let section = part(&index, "<section id=\"verification\"", "</section>");
    assert!(section.contains(
        "3 of 4 regions reviewed: 1 verified, 2 partly verified · 1 not reviewed (marked * in the rankings)"
    ), "{section}");
    // Largest gap first; the unreviewed region is counted, not listed.
    let rows = part(section, "<tbody>", "</tbody>");
    let order = positions(rows, &["Kota Bandung", "Kota Padang", "Kota Salatiga"]);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{rows}");
    assert!(!rows.contains("Jombang"));
    for (name, own, now, gap) in [
        ("Kota Bandung", "3.48", "2.76", "+0.72"),
        ("Kota Padang", "2.00", "1.80", "+0.20"),
        ("Kota Salatiga", "1.00", "1.20", "-0.20"),
    ] {
        let row = part(rows, name, "</tr>");
        let at = positions(
            row,
            &[
                &format!(">{own}<"),
                &format!(">{now}<"),
                &format!(">{gap}<"),
            ],
        );
        assert!(at[0] < at[1] && at[1] < at[2], "{row}");
    }
    assert!(part(rows, "Kota Padang", "</tr>").contains(">verified<"));
    assert!(part(rows, "Kota Bandung", "</tr>").contains("3/4 reviewed · 2 changed"));
    // The mean gap per dimension, as worked out above.
    let dims = part(
        section,
        "<table class=\"change-chart gap-chart\">",
        "</table>",
    );
    for (dim, gap) in [
        ("Smart Governance", "+0.30"),
        ("Public Services", "+0.30"),
        ("Smart Environment", "+0.17"),
    ] {
        let row = part(dims, &format!(">{dim}<"), "</tr>");
        assert!(row.contains(&format!(">{gap}<")), "{dim}: {row}");
    }
    // The contents link it.
    assert!(index.contains("<a href=\"#verification\">Verification</a>"));
}

/// The row of `region` in the first table after `start`.
fn ranking_row<'a>(page: &'a str, start: &str, region: &str) -> &'a str {
    let table = part(page, start, "</table>");
    let at = table.find(region).unwrap();
    let row_start = table[..at].rfind("<tr").unwrap();
    part(&table[row_start..], "<tr", "</tr>")
}

#[test]
fn ranks_of_regions_nobody_reviewed_are_marked_in_the_pages() {
    let dir = util::temp_dir();
    let out = reviewed_report(dir.path(), "en", &[]);
    let index = read(out.join("index.html"));
    let mark = "<abbr class=\"mark\" title=\"not reviewed\">*</abbr>";
    let ranking = "<section id=\"ranking\"";
    assert!(ranking_row(&index, ranking, "Kabupaten Jombang").contains(&format!(">1{mark}")));
    for reviewed in ["Kota Bandung", "Kota Padang", "Kota Salatiga"] {
        assert!(
            !ranking_row(&index, ranking, reviewed).contains(mark),
            "{reviewed}"
        );
    }
    let section = part(&index, ranking, "</section>");
    assert!(section.contains(
        "* not reviewed: ranked on the region&#39;s own self-assessed answers, not checked by evaluators."
    ));
    // The heatmap's and the peer groups' ranks too, and the leaders.
    assert!(ranking_row(&index, "<section id=\"heatmap\"", "Kabupaten Jombang").contains(mark));
    assert!(part(&index, "<section id=\"peers\"", "</section>").contains(mark));
    assert!(part(&index, "<section id=\"leaders\"", "</section>").contains(mark));
    // 2021: nobody reviewed, no mark, one sentence.
    let earlier = part(&index, "<section id=\"earlier\"", "</section>");
    assert!(!earlier.contains(mark));
    assert!(earlier.contains(
        "No region of this year was reviewed by evaluators: the ranks are of self-assessed answers."
    ));
}

#[test]
fn province_pages_mark_ranks_and_list_their_reviewed_regions() {
    let dir = util::temp_dir();
    let out = reviewed_report(dir.path(), "en", &["--page-limit", "2"]);
    let mark = "<abbr class=\"mark\"";
    // Jawa Timur: Jombang alone, not reviewed: marked, no review section.
    let east = read(out.join("province-35.html"));
    assert!(ranking_row(&east, "<section id=\"ranking\"", "Kabupaten Jombang").contains(mark));
    assert!(east.contains("* not reviewed"));
    assert!(!east.contains("<section id=\"verification\""));
    // Jawa Barat: Bandung, reviewed: its own review section and mean gaps.
    let west = read(out.join("province-32.html"));
    let section = part(&west, "<section id=\"verification\"", "</section>");
    assert!(section.contains("Kota Bandung") && section.contains(">+0.72<"));
    assert!(!section.contains("Padang"));
    let gov = part(section, ">Smart Governance<", "</tr>");
    assert!(gov.contains(">+1.40<"), "{gov}");
    assert!(!part(&west, "<section id=\"ranking\"", "</section>").contains(mark));
    // The national summary: every reviewed region, largest gap first, the country's mean gaps.
    let summary = read(out.join("index.html"));
    let section = part(&summary, "<section id=\"verification\"", "</section>");
    let order = positions(section, &["Kota Bandung", "Kota Padang", "Kota Salatiga"]);
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert!(part(section, ">Smart Environment<", "</tr>").contains(">+0.17<"));
    assert!(part(&summary, "<section id=\"leaders\"", "</section>").contains(mark));
}

#[test]
fn the_terminal_table_marks_ranks_nobody_reviewed_within_any_width() {
    let dir = util::temp_dir();
    let input = table(dir.path());
    let out = smartcity()
        .args(["--lang", "en", "score", "--framework", FRAMEWORK])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |code: &str, year_block: usize| {
        text.split("\n\n")
            .nth(year_block)
            .unwrap()
            .lines()
            .find(|l| l.contains(code))
            .unwrap()
            .to_string()
    };
    assert!(line("35.17", 0).trim_start().starts_with("1*"), "{text}");
    assert!(line("32.73", 0).trim_start().starts_with("2 "), "{text}");
    // 2021: nobody reviewed, no mark.
    assert!(!line("32.73", 1).contains('*'), "{text}");
    assert!(text.contains("* not reviewed: ranked on the region's self-assessed answers\n"));
    assert!(text.contains("2021: none reviewed; ranks are of self-assessed answers\n"));

    // Narrow: the rank and its mark stay (columns go, names are cut).
    let fw = smartcity::framework::resolve(Some(FRAMEWORK)).unwrap();
    let inputs = smartcity::Inputs::collect(&[input]);
    let options = smartcity::Options::default();
    let a =
        <smartcity::compare::Ranking as smartcity::Results>::assess(&fw, inputs, &options, &|_| {});
    let narrow =
        smartcity::report::to_table_within(&fw, &a.comparison, smartcity::text::Lang::Id, 40)
            .expect("the ranking's rows read back");
    // Names are cut to 14 characters: the one kabupaten is Jombang.
    let jombang = narrow.lines().find(|l| l.contains("Kabupaten")).unwrap();
    assert!(jombang.trim_start().starts_with("1*"), "{narrow}");
    assert!(narrow.contains("* belum diverifikasi: peringkat dari jawaban penilaian mandiri\n"));
}

#[test]
fn the_workbook_says_each_ranks_verification_status() {
    let dir = util::temp_dir();
    let out = reviewed_report(dir.path(), "en", &[]);
    let mut wb: Xlsx<_> = open_workbook(out.join("results.xlsx")).unwrap();
    let summary = wb.worksheet_range("Summary").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    let col = rows[0]
        .iter()
        .position(|h| h == &Data::String("Verification status".into()))
        .expect("a status column");
    let status = |code: &str, year: f64| {
        rows.iter()
            .find(|r| r[1] == Data::String(code.into()) && r[0] == Data::Float(year))
            .unwrap()[col]
            .clone()
    };
    assert_eq!(status("35.17", 2022.0), Data::String("not reviewed".into()));
    assert_eq!(
        status("32.73", 2022.0),
        Data::String("partly verified".into())
    );
    assert_eq!(status("13.71", 2022.0), Data::String("verified".into()));
    assert_eq!(status("32.73", 2021.0), Data::String("not reviewed".into()));
    // The review sheet: reviewed first, largest gap first, under-claimed last of them, then the
    // region nobody reviewed.
    let sheet = wb.worksheet_range("Verification").unwrap();
    let codes: Vec<String> = sheet
        .rows()
        .skip(1)
        .take(4)
        .map(|r| r[1].to_string())
        .collect();
    assert_eq!(codes, ["32.73", "13.71", "33.73", "35.17"]);
    // The indicator rows: the verified answer in the answer columns, the region's own and the
    // evaluator's note beside it (read back from the detail the report keeps on disk).
    let sheet = wb.worksheet_range("Indicators 2022").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(
        rows[0][13],
        Data::String("Region's own answer (before review)".into())
    );
    assert_eq!(rows[0][14], Data::String("Evaluator notes".into()));
    let row = |code: &str, id: &str| {
        *rows
            .iter()
            .find(|r| r[1] == Data::String(code.into()) && r[3] == Data::String(id.into()))
            .unwrap()
    };
    let lp01 = row("32.73", "GOV-LP-01");
    assert_eq!(lp01[13], Data::String("4".into()));
    assert_eq!(
        lp01[14],
        Data::String("SK belum ditetapkan <b>lama</b>".into())
    );
    assert_eq!(lp01[10], Data::Float(2.0));
    let env02 = row("32.73", "ENV-02");
    assert_eq!(env02[13], Data::String("ya".into()));
    assert_eq!(env02[14], Data::String("dokumen lengkap".into()));
    // Not reviewed: nothing beside it.
    let env01 = row("32.73", "ENV-01");
    assert!(matches!(env01.get(13), None | Some(Data::Empty)));
}

#[test]
fn a_report_nobody_reviewed_says_so_once_and_marks_no_rank() {
    let dir = util::temp_dir();
    let out = dir.path().join("plain");
    let (code, err) = report(
        "en",
        &out,
        &[
            "--framework",
            FRAMEWORK,
            "tests/fixtures/answers/long-table.xlsx",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let index = read(out.join("index.html"));
    assert!(!index.contains("class=\"mark\""));
    assert!(!index.contains("<section id=\"verification\""));
    let sentence =
        "Ranks are of the regions&#39; self-assessed answers; evaluators have reviewed none.";
    assert_eq!(index.matches(sentence).count(), 1);
    let card = read(out.join("scorecards/32.73.html"));
    assert!(card.contains("class=\"note self-only\"") && !card.contains("* not reviewed"));
    // The workbook: no status column, one sentence under the ranking.
    let mut wb: Xlsx<_> = open_workbook(out.join("results.xlsx")).unwrap();
    let summary = wb.worksheet_range("Summary").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    assert!(!rows[0].contains(&Data::String("Verification status".into())));
    // Nor review columns on the indicator rows.
    let indicators = wb.worksheet_range("Indicators 2022").unwrap();
    assert_eq!(indicators.width(), 13);
    let last = rows.last().unwrap();
    assert_eq!(
        last[0],
        Data::String(
            "Ranks are of the regions' self-assessed answers; evaluators have reviewed none."
                .into()
        )
    );
    // The terminal table: one sentence, no mark.
    let out = smartcity()
        .args(["--lang", "en", "score", "--framework", FRAMEWORK])
        .arg("tests/fixtures/answers/long-table.xlsx")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with("Ranks are of self-assessed answers; evaluators have reviewed none.\n"));
    assert!(!text.contains('*'), "{text}");
}

/// A review workbook (identity sheet and one answer sheet with verified answers) for Kota
/// Bandung 2022 whose evaluator, stage and note are hostile text.
fn hostile_review(dir: &Path) -> PathBuf {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let id = wb.add_worksheet().set_name("Identitas").unwrap();
    let identity: [(&str, &str); 7] = [
        ("region_code", "32.73"),
        ("year", "2022"),
        ("framework_id", "contoh-kota"),
        ("framework_version", "1"),
        ("evaluator", "<script>alert(1)</script> Tim \"Evaluator\""),
        ("review_date", "2022-11-20"),
        ("review_stage", "<img src=x onerror=alert(2)>"),
    ];
    for (r, (key, value)) in identity.iter().enumerate() {
        id.write_string(r as u32, 0, *key).unwrap();
        id.write_string(r as u32, 2, *value).unwrap();
    }
    let answers = wb.add_worksheet().set_name("Jawaban").unwrap();
    let rows: [[&str; 4]; 5] = [
        ["ID", "Jawaban", "Jawaban verifikasi", "Catatan evaluator"],
        [
            "GOV-LP-01",
            "4",
            "2",
            "<a href=\"javascript:alert(3)\">lihat</a> https://x.id/a\"b",
        ],
        ["GOV-LP-02", "80", "", ""],
        ["ENV-01", "90", "", ""],
        ["ENV-02", "ya", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            answers.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let path = dir.join("review-bandung-2022.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn evaluators_names_stages_and_notes_are_shown_as_text() {
    let dir = util::temp_dir();
    let input = hostile_review(dir.path());
    let out = dir.path().join("report");
    let (code, err) = report(
        "en",
        &out,
        &["--framework", FRAMEWORK, input.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let card = read(out.join("scorecards/32.73.html"));
    let section = part(
        &card,
        "<section class=\"section verification\"",
        "</section>",
    );
    assert!(
        section.contains("&lt;script&gt;alert(1)&lt;/script&gt; Tim &quot;Evaluator&quot;"),
        "{section}"
    );
    assert!(
        section.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{section}"
    );
    assert!(section.contains("2022-11-20"));
    assert!(!card.contains("<script>alert") && !card.contains("<img src=x"));
    // The note: markup shown as text; only its http(s) link is a link, its quote escaped.
    let note = part(section, "<td class=\"notes\">", "</td>");
    assert!(
        note.contains("&lt;a href=&quot;javascript:alert(3)&quot;&gt;lihat&lt;/a&gt;"),
        "{note}"
    );
    assert!(!note.contains("href=\"javascript"), "{note}");
}
