//! The report's layout in a real browser: no element may stick out of the card or section
//! holding it, and no page may scroll sideways, at 360, 768 and 1366 px — on the samples and on
//! a comparison of some forty regions from every part of the country (long province names, long
//! peer-group tables). Tables wider than their scroll box may scroll inside it.
//!
//! Runs headless Chromium (`chromium`, `chromium-browser` or `google-chrome` on the PATH, or the
//! browser named by `SMARTCITY_CHROMIUM`) and skips visibly without one. The check itself is
//! `tests/browser/overflow.js`, appended to a copy of each page; the page is loaded in an iframe
//! of the width checked (Chromium windows are at least 500 px wide) and the script's findings
//! come back through `--dump-dom`.

use crate::util::{self, read, report};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WIDTHS: [u32; 3] = [360, 768, 1366];

/// The browser to run, if any.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SMARTCITY_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser", "google-chrome"].map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// What `overflow.js` found on `page` at `width` px.
fn layout(browser: &Path, page: &Path, width: u32) -> serde_json::Value {
    let dir = page.parent().unwrap();
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    let checked = dir.join(format!(".layout-{width}-{name}"));
    let wrapper = dir.join(format!(".wrap-{width}-{name}"));
    let script = read(util::absolute("tests/browser/overflow.js"));
    std::fs::write(
        &checked,
        format!("{}\n<script>\n{script}\n</script>\n", read(page)),
    )
    .unwrap();
    std::fs::write(
        &wrapper,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><pre id=\"out\"></pre>\
             <script>window.addEventListener(\"message\", function (e) {{ \
             document.getElementById(\"out\").textContent = e.data; }});</script>\
             <iframe src=\".layout-{width}-{name}\" style=\"border:0;width:{width}px;height:900px\">\
             </iframe></body></html>"
        ),
    )
    .unwrap();
    let profile = util::temp_dir();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,1000",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!(
            "file://{}",
            std::fs::canonicalize(&wrapper).unwrap().display()
        ))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Chromium starts");
    // A browser that hangs must not hang the suite.
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("Chromium did not finish within 90 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let found = dom
        .split("<pre id=\"out\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no layout report for {} at {width} px", page.display()));
    let json = found
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}: {json:?}", page.display()))
}

/// Checks `pages` at every width; returns one line per page and width for the record.
fn check(browser: &Path, pages: &[PathBuf]) {
    let mut failures = Vec::new();
    for page in pages {
        for width in WIDTHS {
            let r = layout(browser, page, width);
            assert_eq!(r["width"], width, "{}", page.display());
            if r["count"] != 0 || r["page"] != 0 {
                failures.push(format!(
                    "{} at {width} px: {} element(s) stick out of their card (up to {} px), \
                     page {} px wider than the window: {}",
                    page.display(),
                    r["count"],
                    r["max"],
                    r["page"],
                    r["overflows"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A long table of some forty regions across the country, each given the answers of one of the
/// sample regions in turn (so indices, bands and changes differ), for 2021 and 2022.
fn many_regions(dir: &Path) -> PathBuf {
    let sample = read("samples/long-table-2021-2022.csv");
    let mut by_region: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in sample.lines().skip(1) {
        let (code, rest) = line.split_once(',').unwrap();
        let rest = rest.split_once(',').unwrap().1;
        match by_region.iter_mut().find(|(c, _)| *c == code) {
            Some((_, rows)) => rows.push(rest),
            None => by_region.push((code, vec![rest])),
        }
    }
    let regencies = read("data/regencies.csv");
    let mut out = String::from("region_code,region_name,year,indicator,answer,notes\n");
    for (i, line) in regencies.lines().skip(1).step_by(12).enumerate() {
        let code = line.split(',').next().unwrap();
        for rest in &by_region[i % by_region.len()].1 {
            out.push_str(&format!("{code},,{rest}\n"));
        }
    }
    let path = dir.join("many.csv");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn nothing_sticks_out_of_its_card_at_any_width() {
    let Some(browser) = chromium() else {
        util::skip(
            "Chromium not found (Debian: apt-get install chromium; or set SMARTCITY_CHROMIUM)",
        );
        return;
    };
    let tmp = util::temp_dir();
    let samples = tmp.path().join("samples");
    let (code, err) = report("id", &samples, &["samples/questionnaires"]);
    assert_eq!(code, 0, "{err}");
    let many = tmp.path().join("many");
    let input = many_regions(tmp.path());
    let (code, err) = report("en", &many, &[input.to_str().unwrap()]);
    assert!(code == 0 || code == 1, "{err}");
    // Reviews (issue 13), split by province: the review sections of the national summary and
    // of a province page, and a scorecard whose changed answer has no evaluator's note.
    let reviewed = tmp.path().join("reviewed");
    let input = crate::review_report::table(tmp.path());
    let (code, err) = report(
        "en",
        &reviewed,
        &[
            "--framework",
            util::EXAMPLE_FRAMEWORK,
            "--page-limit",
            "2",
            input.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    check(
        &browser,
        &[
            samples.join("index.html"),
            samples.join("scorecards/32.73.html"),
            many.join("index.html"),
            reviewed.join("index.html"),
            reviewed.join("province-32.html"),
            reviewed.join("scorecards/32.73.html"),
        ],
    );
}
