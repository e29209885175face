//! The red-team pass of issue 11: input crafted so that one malformed byte would change a result
//! without a word, crash the process or fill memory. Each case fails on the code before the fix.
//! Small files are made here in a temporary folder (or are in tests/fixtures/hostile/).

use crate::util::{self, smartcity};
use std::path::{Path, PathBuf};

const FW: &str = util::EXAMPLE_FRAMEWORK;

/// A long table of `regions` regencies of the example framework over one year, `;`-separated.
fn long_table(regions: usize) -> String {
    let codes = regency_codes(regions);
    let mut text = String::from("region_code;region_name;year;indicator;answer;notes\n");
    for code in &codes {
        for (ind, answer) in [
            ("GOV-LP-01", "3"),
            ("GOV-LP-02", "62,5"),
            ("ENV-01", "70"),
            ("ENV-02", "ya"),
        ] {
            text.push_str(&format!("{code};;2024;{ind};{answer};\n"));
        }
    }
    text
}

/// The codes of the first `n` regencies and cities in the Kemendagri list.
fn regency_codes(n: usize) -> Vec<String> {
    let mut codes: Vec<String> = smartcity::regions::regencies()
        .into_iter()
        .map(|r| r.code.to_string())
        .collect();
    codes.truncate(n);
    assert_eq!(codes.len(), n);
    codes
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(args: &[&str], files: &[&Path]) -> (i32, String, String) {
    let out = smartcity()
        .args(["--lang", "en"])
        .args(args)
        .args(files)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unclosed_quote_is_an_error_where_it_opened_in_score_and_check() {
    let dir = util::temp_dir();
    let mut lines: Vec<String> = long_table(30).lines().map(str::to_string).collect();
    // Line 101: a stray quote opening the note.
    lines[100] = lines[100].trim_end_matches(';').to_string() + ";\"sementara";
    let path = write(dir.path(), "long.csv", lines.join("\n") + "\n");
    for cmd in [&["score", "-f", FW][..], &["check", "-f", FW][..]] {
        let (code, out, err) = run(cmd, &[&path]);
        let err = out + &err;
        assert_eq!(code, 1, "{cmd:?}: {err}");
        assert!(err.contains("E001"), "{err}");
        assert!(err.contains("line 101, column"), "{err}");
        assert!(err.contains("never closed"), "{err}");
    }
    // Closed again further down: the records in between are swallowed, which is as bad.
    lines[110] = lines[110].clone() + "\"";
    let path = write(dir.path(), "closed.csv", lines.join("\n") + "\n");
    let (code, _, err) = run(&["score", "-f", FW], &[&path]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("line 101, column") && err.contains("swallows 9 lines"),
        "{err}"
    );
}

#[test]
fn ambiguous_thousands_separators_are_refused_with_a_clear_message() {
    let dir = util::temp_dir();
    for (typed, meaning) in [("1.000", "1 or 1000"), ("1,500", "1.5 or 1500")] {
        let text = long_table(1).replace(";ENV-01;70;", &format!(";ENV-01;{typed};"));
        let path = write(dir.path(), "amb.csv", text);
        let (code, _, err) = run(&["score", "-f", FW], &[&path]);
        assert_eq!(code, 1, "{typed} ({meaning}): {err}");
        assert!(err.contains("E013"), "{err}");
        assert!(err.contains("could mean thousands or decimals"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn special_output_targets_are_written_in_place_and_modes_are_kept() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = util::temp_dir();
    let input = write(dir.path(), "long.csv", long_table(2));
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return util::skip("mkfifo is not available");
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = run(
        &[
            "score",
            "-f",
            FW,
            "--format",
            "csv",
            "-o",
            fifo.to_str().unwrap(),
        ],
        &[&input],
    );
    assert_eq!(code, 0, "{err}");
    assert!(reader.join().unwrap().contains("region_code"));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
    // A folder is refused, not replaced.
    let (code, _, err) = run(
        &["score", "-f", FW, "-o", dir.path().to_str().unwrap()],
        &[&input],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    // A file replaced keeps its mode; a new one respects the umask.
    let kept = write(dir.path(), "kept.csv", "old");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, err) = run(
        &["score", "-f", FW, "-o", kept.to_str().unwrap()],
        &[&input],
    );
    assert_eq!(code, 0, "{err}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&kept), 0o640);
    let new = dir.path().join("new.csv");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 077 && exec \"$0\" score -f \"$1\" -o \"$2\" \"$3\"")
        .arg(util::BIN)
        .args([Path::new(FW), &new, &input])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&new), 0o600, "the umask is respected");
}

#[test]
fn template_refuses_an_existing_file_without_force() {
    let dir = util::temp_dir();
    let filled = write(dir.path(), "isian.xlsx", "a filled questionnaire");
    let (code, _, err) = run(&["template", "-f", FW, "-o", filled.to_str().unwrap()], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(util::read(&filled), "a filled questionnaire");
    let (code, _, err) = run(
        &[
            "template",
            "-f",
            FW,
            "--force",
            "-o",
            filled.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&filled).unwrap().starts_with(b"PK"));
}

/// The example framework with `edit` applied to its text.
fn example_with(edit: impl FnOnce(String) -> String) -> String {
    edit(util::read(FW))
}

/// The codes of the problems that refuse `src`, each with its line and column.
fn refused(src: &str) -> Vec<(smartcity::diagnostics::Code, u64, u64)> {
    use smartcity::diagnostics::Place;
    let problems = smartcity::framework::parse(Path::new("k.toml"), src).expect_err("refused");
    problems
        .iter()
        .map(|p| match p.place {
            Place::Line {
                line,
                column: Some(column),
            } => (p.code, line, column),
            _ => panic!("no line and column: {p:#?}"),
        })
        .collect()
}

fn has(problems: &[(smartcity::diagnostics::Code, u64, u64)], code: &str, line: u64) -> bool {
    problems
        .iter()
        .any(|(c, l, _)| c.as_str() == code && *l == line)
}

/// The 1-based line of the first occurrence of `needle` in `src`.
fn line_of(src: &str, needle: &str) -> u64 {
    src[..src.find(needle).expect(needle)].matches('\n').count() as u64 + 1
}

#[test]
fn infinite_weights_and_sums_are_refused_at_load() {
    // Two sibling dimensions each at 1.7e308: their sum is infinite.
    let src = example_with(|s| {
        s.replace(
            "id = \"GOV\"\n",
            "id = \"GOV\"\nweight = 1.7e308\n",
        )
        .replace("id = \"ENV\"\n", "id = \"ENV\"\nweight = 1.7e308\n")
        .replace("id = \"ENV\"\nweight = 1.7e308\nlabel = { id = \"Lingkungan Cerdas\", en = \"Smart Environment\" }\nweight = 1\n", "id = \"ENV\"\nweight = 1.7e308\nlabel = { id = \"Lingkungan Cerdas\", en = \"Smart Environment\" }\n")
    });
    let p = refused(&src);
    assert!(has(&p, "F012", line_of(&src, "id = \"GOV\"\n")), "{p:?}");
    // Components of 1e308 each: every index would be NaN.
    let src = example_with(|s| {
        s.replace("weight = 0.4", "weight = 1e308")
            .replace("weight = 0.2", "weight = 1e308")
    });
    let p = refused(&src);
    assert!(has(&p, "F012", line_of(&src, "weight = 1e308")), "{p:?}");
    // `inf` is not "greater than zero": it is not a finite number.
    let src = example_with(|s| s.replace("weight = 0.2", "weight = inf"));
    let problems = smartcity::framework::parse(Path::new("k.toml"), &src).unwrap_err();
    let f004 = problems.iter().find(|p| p.code.as_str() == "F004").unwrap();
    assert!(f004.message.en.contains("finite number"), "{f004:#?}");
    // And `framework check` refuses it.
    let dir = util::temp_dir();
    let path = write(dir.path(), "inf.toml", &src);
    let (code, out, err) = run(&["framework", "check"], &[&path]);
    assert_eq!(code, 1, "{out}{err}");
}

#[test]
fn a_dimension_chain_ten_thousand_deep_is_refused_without_overflowing() {
    let mut src = util::read(FW);
    let mut parent = "ENV".to_string();
    for i in 0..10_000 {
        src.push_str(&format!(
            "\n[[dimension]]\nid = \"D{i}\"\nparent = \"{parent}\"\nlabel = {{ id = \"d\", en = \"d\" }}\n"
        ));
        parent = format!("D{i}");
    }
    src.push_str(&format!(
        "\n[[indicator]]\nid = \"DEEP\"\nparent = \"{parent}\"\ncomponent = \"output\"\nanswers = \"maturity\"\nlabel = {{ id = \"d\", en = \"d\" }}\nquestion = {{ id = \"d\", en = \"d\" }}\n"
    ));
    let p = refused(&src);
    assert!(
        has(&p, "F013", line_of(&src, "id = \"D32\"")),
        "{:?}",
        &p[..p.len().min(5)]
    );
    assert_eq!(p.len(), 1, "one problem per chain, not one per level");
    let dir = util::temp_dir();
    let path = write(dir.path(), "deep.toml", &src);
    let answers = write(dir.path(), "long.csv", long_table(1));
    let (code, out, err) = run(&["framework", "check"], &[&path]);
    assert_eq!(code, 1, "{out}{err}");
    let (code, out, err) = run(&["score", "-f", path.to_str().unwrap()], &[&answers]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("F013"), "{err}");
}

#[test]
fn framework_validation_gaps_have_codes_and_places() {
    // A KPI set with no bands: every KPI would score 0.
    let src = example_with(|s| {
        let start = s.find("bands = [\n  { from = 0.0").unwrap();
        let end = start + s[start..].find("]\n").unwrap() + 2;
        format!("{}bands = []\n{}", &s[..start], &s[end..])
    });
    assert!(has(&refused(&src), "F005", line_of(&src, "bands = []")));
    // max − min infinite: every answer would score 0.
    let src = example_with(|s| s.replace("min = 0\nmax = 100", "min = -1.7e308\nmax = 1.7e308"));
    assert!(has(&refused(&src), "F007", line_of(&src, "max = 1.7e308")));
    // Codes that can never be chosen.
    for code in ["N/A", "", " ", "tb"] {
        let src = example_with(|s| s.replace("code = \"tidak\"", &format!("code = \"{code}\"")));
        let p = refused(&src);
        assert!(
            has(
                &p,
                "F014",
                line_of(&src, "value = 0, label = { id = \"Tidak\"")
            ),
            "{code:?}: {p:?}"
        );
    }
    // Two options with one label, or one alias.
    let src = example_with(|s| {
        s.replace(
            "label = { id = \"Rintisan\", en = \"Initial\" }",
            "label = { id = \"Belum ada\", en = \"Initial\" }",
        )
    });
    assert!(has(&refused(&src), "F014", line_of(&src, "code = \"1\"")));
    let src = example_with(|s| s.replace("aliases = [\"t\", \"n\"]", "aliases = [\"y\", \"n\"]"));
    assert!(has(
        &refused(&src),
        "F014",
        line_of(&src, "code = \"tidak\"")
    ));
}
