//! Issue 11, smaller holes: the formula guard undone on the way back in, unreadable baseline
//! indexes warned about, control characters never reaching the terminal raw, messages naming the
//! real cause, and the fuzz targets' code run over every hostile fixture.

use crate::util::{self, smartcity};
use std::path::Path;

const ANSWERS: &str = "tests/fixtures/answers/long-semicolon-comma.csv";

/// The example framework under another id and version.
fn framework_as(dir: &Path, id: &str, version: &str) -> std::path::PathBuf {
    let text = util::read(util::EXAMPLE_FRAMEWORK)
        .replacen("id = \"contoh-kota\"", &format!("id = {id:?}"), 1)
        .replacen("version = \"1\"", &format!("version = {version:?}"), 1);
    let path = dir.join("framework.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// `score --format csv` of `args`, in English: (exit code, stdout, stderr).
fn score_csv(args: &[&str]) -> (i32, String, String) {
    let o = smartcity()
        .args(["--lang", "en", "score", "--format", "csv"])
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// `results` with every record's `column` set by `set` (record number, old value).
fn edit_column(results: &str, column: &str, set: impl Fn(usize, &str) -> String) -> String {
    let mut r = csv::Reader::from_reader(results.as_bytes());
    let headers = r.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == column).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        let fields: Vec<String> = rec
            .iter()
            .enumerate()
            .map(|(i, f)| if i == at { set(n, f) } else { f.to_string() })
            .collect();
        w.write_record(&fields).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn a_results_csv_with_guarded_fields_reads_back_as_written() {
    let tmp = util::temp_dir();
    let fw = framework_as(tmp.path(), "-kota", "=1+1");
    let fw = fw.to_str().unwrap();
    let (code, out, err) = score_csv(&["--framework", fw, ANSWERS]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(",'-kota,'=1+1,"),
        "guarded on the way out: {out}"
    );
    let base = tmp.path().join("base.csv");
    std::fs::write(&base, edit_column(&out, "year", |_, _| "2021".into())).unwrap();
    let (code, out, err) = score_csv(&[
        "--framework",
        fw,
        "--baseline",
        base.to_str().unwrap(),
        ANSWERS,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("E017") && !err.contains("W004"), "{err}");
    assert!(out.contains(",2021,"), "compared with 2021: {out}");
}

#[test]
fn baseline_indexes_that_are_not_numbers_are_warned_about() {
    let tmp = util::temp_dir();
    let fw = util::EXAMPLE_FRAMEWORK;
    let (code, out, err) = score_csv(&["--framework", fw, ANSWERS]);
    assert_eq!(code, 0, "{err}");
    let out = edit_column(&out, "year", |_, _| "2021".into());
    for bad in ["abc", "NaN", "1e400", "inf"] {
        let base = tmp.path().join("base.csv");
        std::fs::write(
            &base,
            edit_column(
                &out,
                "index",
                |n, old| if n == 0 { bad.into() } else { old.into() },
            ),
        )
        .unwrap();
        let (code, _, err) = score_csv(&[
            "--framework",
            fw,
            "--baseline",
            base.to_str().unwrap(),
            ANSWERS,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("base.csv:2: warning W014: the baseline's index is not a finite number")
                && err.contains(&format!("found {bad:?}")),
            "{bad}: {err}"
        );
        assert_eq!(err.matches("W014").count(), 1, "{err}");
    }
}

/// Standard output and error of `smartcity --lang en ARGS`.
fn run_en(args: &[&std::ffi::OsStr]) -> (String, String) {
    let o = smartcity()
        .arg("--lang")
        .arg("en")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let tmp = util::temp_dir();
    // An escape sequence that clears the screen in the framework's title and id.
    let text = util::read(util::EXAMPLE_FRAMEWORK).replacen(
        "title = { id = \"Contoh kerangka kota cerdas\", en = \"Example smart-city framework\" }",
        "title = { id = \"\\u001B[2JJudul\", en = \"\\u001B[2JTitle\\u202Eexe.png\\nforged line\" }",
        1,
    );
    let fw = tmp.path().join("fw.toml");
    std::fs::write(&fw, text).unwrap();
    // A newline in a file name that would forge an output line, on a file that is named in
    // problems (empty) and in `check`'s verdicts.
    let evil = tmp.path().join("ok.csv\nE999 forged.csv");
    std::fs::copy(ANSWERS, &evil).unwrap();
    let empty = tmp.path().join("empty\u{1b}[31m.csv\nforged");
    std::fs::write(&empty, "").unwrap();
    let report_dir = tmp.path().join("out\nforged");
    let runs: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec![
            "score".as_ref(),
            "--framework".as_ref(),
            fw.as_os_str(),
            evil.as_os_str(),
            empty.as_os_str(),
        ],
        vec![
            "check".as_ref(),
            "--framework".as_ref(),
            fw.as_os_str(),
            evil.as_os_str(),
            empty.as_os_str(),
        ],
        vec!["framework".as_ref(), "check".as_ref(), fw.as_os_str()],
        vec![
            "report".as_ref(),
            "-o".as_ref(),
            report_dir.as_os_str(),
            "--framework".as_ref(),
            fw.as_os_str(),
            evil.as_os_str(),
        ],
    ];
    let mut seen_title = false;
    for args in runs {
        let (out, err) = run_en(&args);
        for (what, text) in [("stdout", &out), ("stderr", &err)] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{202e}'),
                "{args:?} {what}: {text:?}"
            );
            assert!(
                !text
                    .lines()
                    .any(|l| l.starts_with("E999") || l.starts_with("forged")),
                "{args:?} {what}: {text}"
            );
        }
        seen_title |= out.contains("\\u{1b}[2JTitle\\u{202e}exe.png\\nforged line");
        assert!(
            args[0] == "framework" || out.contains("\\n") || err.contains("\\n"),
            "the newline is shown escaped: {args:?}\n{out}\n{err}"
        );
    }
    assert!(seen_title, "the title is shown, escaped");
}

/// `bytes` as `name` in `dir`, ingested alone in check mode: its problems, English.
fn problems_of(dir: &Path, name: &str, bytes: &[u8]) -> Vec<String> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let fw = smartcity::framework::load_file(Path::new(util::EXAMPLE_FRAMEWORK)).unwrap();
    let batch = smartcity::answers::ingest_files(
        vec![path],
        Vec::new(),
        &fw,
        smartcity::answers::Mode::Check,
        smartcity::answers::Detail::Full,
        &|_| {},
    );
    batch
        .problems
        .iter()
        .map(|p| p.render(smartcity::text::Lang::En))
        .collect()
}

/// The long-table xlsx fixture with `xl/workbook.xml` opened by a DOCTYPE declaring an entity.
fn xlsx_with_doctype() -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let src = std::fs::read("tests/fixtures/answers/long-table.xlsx").unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..zin.len() {
        let mut part = zin.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(data).unwrap();
            let decl =
                "<!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>";
            let at = text.find("?>").map_or(0, |p| p + 2);
            data = format!("{}{decl}{}", &text[..at], &text[at..]).into_bytes();
        }
        zout.start_file(name, opts).unwrap();
        zout.write_all(&data).unwrap();
    }
    zout.finish().unwrap().into_inner()
}

/// A short long table with a NUL byte in the note of its third line.
fn csv_with_nul() -> Vec<u8> {
    b"region_code;year;indicator;answer;notes\n32.73;2022;GOV-LP-01;3;SK\n32.73;2022;GOV-LP-02;40;lihat \0lampiran\n".to_vec()
}

/// The long table of the samples as UTF-16 (`le` or big endian) without a byte order mark.
fn utf16_without_bom(le: bool) -> Vec<u8> {
    util::read(ANSWERS)
        .encode_utf16()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

#[test]
fn messages_name_the_real_cause() {
    let tmp = util::temp_dir();
    let p = problems_of(tmp.path(), "doctype.xlsx", &xlsx_with_doctype());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("error E001")
            && p[0].contains("the part xl/workbook.xml holds an XML entity declaration")
            && p[0].contains("which spreadsheet programs never write")
            && !p[0].contains("truncated or damaged"),
        "{p:?}"
    );
    let p = problems_of(tmp.path(), "nul.csv", &csv_with_nul());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("nul.csv:3:") && p[0].contains("line 3, byte 31 is a NUL byte"),
        "{p:?}"
    );
    assert!(!p[0].contains("binary"), "{p:?}");
    for le in [true, false] {
        let p = problems_of(tmp.path(), "utf16.csv", &utf16_without_bom(le));
        // Read like the UTF-8 file (whose only remarks are missing evidence).
        assert!(
            p.iter().all(|p| p.contains("warning W009")),
            "UTF-16 without a BOM is read: {p:?}"
        );
    }
}

/// What the fuzz targets (`fuzz/fuzz_targets/{csv,workbook}.rs`) do with one input, without
/// libFuzzer: the bytes ingested as a `.csv` and as a workbook named by what they look like; every
/// problem names the file and nothing panics. Returns whether the reader library panicked (caught
/// and reported as a damaged file, which the fuzz target counts as a crash to report upstream).
fn fuzz_one(dir: &Path, fw: &smartcity::framework::Framework, data: &[u8]) -> bool {
    let has = |needle: &[u8]| data.windows(needle.len()).any(|w| w == needle);
    let ext = if data.starts_with(b"PK") {
        if has(b"workbook.bin") {
            "xlsb"
        } else if has(b"mimetype") || has(b"content.xml") {
            "ods"
        } else {
            "xlsx"
        }
    } else {
        "xls"
    };
    let mut reader_panic = false;
    for (name, mode) in [
        ("input.csv", smartcity::answers::Mode::Score),
        (&*format!("input.{ext}"), smartcity::answers::Mode::Check),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, data).unwrap();
        let batch = smartcity::answers::ingest_files(
            vec![path.clone()],
            Vec::new(),
            fw,
            mode,
            smartcity::answers::Detail::Full,
            &|_| {},
        );
        assert!(batch.problems.iter().all(|p| p.file == path));
        reader_panic |= batch
            .problems
            .iter()
            .any(|p| p.message.en.contains("the spreadsheet reader failed"));
        std::fs::remove_file(&path).unwrap();
    }
    reader_panic
}

#[test]
fn the_fuzz_targets_run_over_every_hostile_fixture() {
    use std::io::Read as _;
    let tmp = util::temp_dir();
    let fw = smartcity::framework::load_file(Path::new(util::EXAMPLE_FRAMEWORK)).unwrap();
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir("tests/fixtures/hostile")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        if name.ends_with(".zip") {
            // Fixtures zipped to keep the repository small: their members too.
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
            for i in 0..z.len() {
                let mut m = z.by_index(i).unwrap();
                let mut data = Vec::new();
                m.read_to_end(&mut data).unwrap();
                inputs.push((format!("{name}/{}", m.name().unwrap()), data));
            }
        }
        inputs.push((name, bytes));
    }
    inputs.push(("(doctype.xlsx)".into(), xlsx_with_doctype()));
    inputs.push(("(nul.csv)".into(), csv_with_nul()));
    inputs.push(("(utf16le.csv)".into(), utf16_without_bom(true)));
    inputs.push(("(utf16be.csv)".into(), utf16_without_bom(false)));
    let started = std::time::Instant::now();
    let mut panics = Vec::new();
    for (name, data) in &inputs {
        if fuzz_one(tmp.path(), &fw, data) {
            panics.push(name.clone());
        }
    }
    eprintln!(
        "fuzz targets over {} hostile inputs ({} bytes): {:.2} s; reader-library panics caught: {panics:?}",
        inputs.len(),
        inputs.iter().map(|(_, d)| d.len()).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    // Only the two committed reproducers of calamine bugs may still make the library panic (and
    // the first only with overflow checks, as in this debug build).
    assert!(panics.iter().all(|n| n.starts_with("fuzz-")), "{panics:?}");
}
