//! Hostile and broken input (issue #6): every file is either read or refused with a message that
//! says what it is — password-protected, not a spreadsheet, truncated, over a limit — and nothing
//! panics, hangs or fills memory. Small fixtures are in tests/fixtures/hostile/ (written by
//! make.py there); large ones (zip bombs, huge used ranges, megabyte cells, oversized files) are
//! made here in a temporary folder.

use crate::util;
use smartcity::answers::limits;
use smartcity::answers::{Batch, Mode, collect_files, ingest};
use smartcity::diagnostics::{Code, Place, Problem};
use smartcity::framework::{Framework, MAX_FRAMEWORK_BYTES, load_file, parse};
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn fw() -> Framework {
    load_file(Path::new(util::EXAMPLE_FRAMEWORK)).expect("example framework")
}

fn hostile(name: &str) -> PathBuf {
    util::fixture("hostile").join(name)
}

fn answers(name: &str) -> PathBuf {
    util::fixture("answers").join(name)
}

fn read(paths: &[PathBuf]) -> Batch {
    ingest(paths, &fw(), Mode::Score)
}

/// The only problem of reading `path`, which must be an error of `code`.
fn only_error(path: &Path, code: Code) -> Problem {
    let batch = read(&[path.to_path_buf()]);
    assert!(batch.submissions.is_empty(), "{}", path.display());
    assert_eq!(
        batch.rejected,
        1,
        "{}: {:#?}",
        path.display(),
        batch.problems
    );
    assert_eq!(
        batch.problems.len(),
        1,
        "{}: {:#?}",
        path.display(),
        batch.problems
    );
    let p = batch.problems.into_iter().next().unwrap();
    assert_eq!(p.code, code, "{}: {p:#?}", path.display());
    assert_eq!(p.file, path);
    assert!(
        !p.message.id.is_empty() && p.message.id != p.message.en,
        "{p:#?}"
    );
    p
}

fn assert_says(p: &Problem, words: &str) {
    assert!(
        p.message.en.contains(words),
        "{}: expected {words:?} in {:?}",
        p.file.display(),
        p.message.en
    );
}

// ---------------------------------------------------------------------------------------------
// Named for what it is

#[test]
fn password_protected_workbooks_are_named_as_such() {
    for ext in ["xlsx", "ods", "xls"] {
        let p = only_error(&hostile(&format!("password-protected.{ext}")), Code::E001);
        assert_says(&p, "password-protected");
        assert!(p.message.id.contains("kata sandi"), "{}", p.message.id);
    }
}

#[test]
fn files_that_are_not_spreadsheets_say_what_they_look_like() {
    for (name, what) in [
        ("pdf-named.xlsx", "a PDF document"),
        ("png-named.xlsx", "a PNG image"),
        ("html-named.xls", "a web page (HTML)"),
        ("text-named.xls", "a text file"),
        ("word-named.xlsx", "a Word document"),
    ] {
        let p = only_error(&hostile(name), Code::E001);
        assert_says(&p, "not a valid spreadsheet");
        assert_says(&p, what);
    }
}

#[test]
fn a_reader_library_panic_costs_only_its_file() {
    // Found by `cargo fuzz run workbook`: an xlsb whose sheet names a relationship id that does
    // not exist makes calamine 0.38 panic (`relationships[&relid]`, xlsb/mod.rs:312). The panic is
    // caught, named in the message, and not printed.
    let p = only_error(&hostile("fuzz-xlsb-unknown-relationship.xlsb"), Code::E001);
    assert_says(&p, "truncated or damaged");
    assert_says(&p, "the spreadsheet reader failed on it");
    assert_says(&p, "no entry found for key");
}

/// Unzips the one file of a zipped fuzz reproducer into `dir`.
fn unzip_fixture(dir: &Path, name: &str) -> PathBuf {
    let archive = std::fs::File::open(hostile(name)).unwrap();
    let mut archive = zip::ZipArchive::new(archive).unwrap();
    let mut inner = archive.by_index(0).unwrap();
    let path = dir.join(inner.name().unwrap().into_owned());
    std::io::copy(&mut inner, &mut std::fs::File::create(&path).unwrap()).unwrap();
    path
}

#[test]
fn a_reader_library_overflow_costs_only_its_file() {
    // Found by `cargo fuzz run workbook` (a mutation of calamine's own OOM_alloc.xls, 333 KB,
    // kept zipped): a 3-D reference to row 65,536 in a formula overflows `rowu + 1` in
    // calamine 0.38 (xls.rs:1556). With overflow checks (debug builds, the tests) that is a
    // panic, caught and named; without them the row wraps and the file is read.
    let dir = util::temp_dir();
    let path = unzip_fixture(dir.path(), "fuzz-xls-ref3d-row-overflow.zip");
    let batch = read(std::slice::from_ref(&path));
    assert!(batch.submissions.is_empty());
    assert!(
        batch.problems.iter().all(|p| p.file == path),
        "{:#?}",
        batch.problems
    );
    if cfg!(debug_assertions) {
        let p = only_error(&path, Code::E001);
        assert_says(&p, "the spreadsheet reader failed on it");
        assert_says(&p, "attempt to add with overflow");
    }
}

#[test]
fn a_reader_library_slice_panic_costs_only_its_file() {
    // Found by `cargo fuzz run workbook`: a formula token shorter than it claims makes
    // calamine 0.38 slice past its end (xls.rs:1589), in any build.
    let dir = util::temp_dir();
    let path = unzip_fixture(dir.path(), "fuzz-xls-formula-slice.zip");
    let p = only_error(&path, Code::E001);
    assert_says(&p, "the spreadsheet reader failed on it");
    assert_says(&p, "out of range for slice");
}

#[test]
fn a_workbook_named_csv_is_told_to_be_renamed() {
    let dir = util::temp_dir();
    for (src, name, words) in [
        (
            "questionnaire-bandung-2022.xlsx",
            "a.csv",
            "xlsx or ods workbook named .csv",
        ),
        (
            "questionnaire-bandung-2022.xls",
            "b.csv",
            "xls workbook named .csv",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::copy(answers(src), &path).unwrap();
        assert_says(&only_error(&path, Code::E001), words);
    }
}

#[test]
fn a_legacy_xls_named_xlsx_is_read_by_its_content() {
    let dir = util::temp_dir();
    let path = dir.path().join("renamed.xlsx");
    std::fs::copy(answers("questionnaire-bandung-2022.xls"), &path).unwrap();
    let batch = read(&[path]);
    assert_eq!(batch.submissions.len(), 1, "{:#?}", batch.problems);
}

#[test]
fn empty_files_are_named_empty() {
    let dir = util::temp_dir();
    for ext in ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"] {
        let path = dir.path().join(format!("empty.{ext}"));
        std::fs::File::create(&path).unwrap();
        assert_says(&only_error(&path, Code::E001), "empty (0 bytes)");
    }
}

#[test]
fn truncated_workbooks_are_named_truncated_or_damaged() {
    let dir = util::temp_dir();
    for ext in ["xlsx", "ods", "xls"] {
        let bytes = std::fs::read(answers(&format!("questionnaire-bandung-2022.{ext}"))).unwrap();
        // The end of an xls can be unused padding; the end of a zip is its directory.
        let near_end = if ext == "xls" { 2000 } else { 100 };
        for cut in [bytes.len() / 2, bytes.len() - near_end, 600] {
            let path = dir.path().join(format!("cut-{cut}.{ext}"));
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert_says(&only_error(&path, Code::E001), "truncated or damaged");
        }
    }
}

#[test]
fn csv_in_windows_1252_with_mixed_line_endings_keeps_its_lines() {
    let path = hostile("mixed-line-endings-1252.csv");
    let batch = read(std::slice::from_ref(&path));
    // Salatiga is intact; Palangka Raya has an answer that is not an option on physical line 6
    // (after lines ending in \r\n, \n, \r, \r\n, \r).
    assert_eq!(batch.submissions.len(), 1, "{:#?}", batch.problems);
    let s = &batch.submissions[0];
    assert_eq!(s.region.code, "33.73");
    let note = s.answers[0].as_ref().unwrap().notes().unwrap();
    assert_eq!(note, "Rapat di Café Kota — draf «Perwali» ó");
    let bad = batch
        .problems
        .iter()
        .find(|p| p.code == Code::E012)
        .unwrap();
    assert_eq!(
        bad.place,
        Place::Line {
            line: 6,
            column: Some(5)
        },
        "{bad:#?}"
    );
    let lines: Vec<u64> = s
        .answers
        .iter()
        .flatten()
        .filter_map(|a| match *a.place() {
            Place::Line { line, .. } => Some(line),
            _ => None,
        })
        .collect();
    assert_eq!(lines, [2, 3, 4, 5]);
}

// ---------------------------------------------------------------------------------------------
// Limits

/// CRC-32 (IEEE), for the zip files written below.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One part of a hand-written zip: name, stored bytes, compression method (0 stored, 8 deflate),
/// and the uncompressed size and CRC the headers declare.
struct Part {
    name: String,
    data: Vec<u8>,
    method: u16,
    size: u32,
    crc: u32,
}

impl Part {
    fn stored(name: &str, data: impl Into<Vec<u8>>) -> Part {
        let data = data.into();
        Part {
            name: name.into(),
            size: data.len() as u32,
            crc: crc32(&data),
            data,
            method: 0,
        }
    }
}

/// A zip archive from parts, written by hand so sizes can be whatever a hostile file declares.
fn zip(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(p.method.to_le_bytes());
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(p.crc.to_le_bytes());
            h.extend((p.data.len() as u32).to_le_bytes());
            h.extend(p.size.to_le_bytes());
            h.extend((p.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(p.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&p.data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `n` zero bytes (fixed Huffman: one literal, then matches of 258 at
/// distance 1), as a zip bomb holds: about 160 times smaller than what it inflates to.
fn deflated_zeros(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, len: u32) {
            self.acc |= value << self.len;
            self.len += len;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes are sent most significant bit first.
        fn code(&mut self, code: u64, len: u32) {
            let mut rev = 0;
            for i in 0..len {
                rev |= ((code >> i) & 1) << (len - 1 - i);
            }
            self.put(rev, len);
        }
    }
    let mut b = Bits {
        out: Vec::with_capacity((n / 150) as usize),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.code(0b1100_0101, 8); // length 258 (code 285)
        b.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Jawaban" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;

/// An xlsx whose one sheet is `sheet` (the part itself, so its sizes can be anything).
fn xlsx_with(sheet: Part) -> Vec<u8> {
    zip(&[
        Part::stored("[Content_Types].xml", TYPES),
        Part::stored("_rels/.rels", ROOT_RELS),
        Part::stored("xl/workbook.xml", WORKBOOK),
        Part::stored("xl/_rels/workbook.xml.rels", RELS),
        sheet,
    ])
}

/// An xlsx whose sheet holds `cells` (`<c>` elements, inline strings or numbers).
fn xlsx_cells(rows: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    xlsx_with(Part::stored("xl/worksheets/sheet1.xml", xml))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let dir = util::temp_dir();
    // 1.1 GiB of zeros in ≈ 7 MiB: inflating it is what must not happen.
    let n = limits::MAX_UNCOMPRESSED_BYTES + 100 * 1024 * 1024;
    let bomb = Part {
        name: "xl/worksheets/sheet1.xml".into(),
        data: deflated_zeros(n),
        method: 8,
        size: n as u32,
        crc: 0,
    };
    let path = write(dir.path(), "bomb.xlsx", &xlsx_with(bomb));
    // The part's CRC is wrong on purpose: a reader that inflated it would end in a CRC error,
    // not this refusal, which only the sizes in the zip directory can give. (No timing: a clock
    // on a loaded machine proves nothing and flakes.)
    let p = only_error(&path, Code::E020);
    assert_says(&p, "zip bomb");
    assert_says(&p, "expands to 1.1 GiB");
}

#[test]
fn a_part_compressed_beyond_any_real_spreadsheet_is_refused() {
    let dir = util::temp_dir();
    // Declares 100 MiB from 1 KiB: 100,000:1 (a real deflate stream cannot do it; a lying header can).
    let part = Part {
        name: "xl/worksheets/sheet1.xml".into(),
        data: vec![0; 1024],
        method: 8,
        size: 100 * 1024 * 1024,
        crc: 0,
    };
    for ext in ["xlsx", "ods", "xlsb"] {
        let path = write(
            dir.path(),
            &format!("ratio.{ext}"),
            &xlsx_with(part_clone(&part)),
        );
        let p = only_error(&path, Code::E020);
        assert_says(&p, "compressed 102400:1");
        assert_says(&p, "xl/worksheets/sheet1.xml");
    }
}

fn part_clone(p: &Part) -> Part {
    Part {
        name: p.name.clone(),
        data: p.data.clone(),
        method: p.method,
        size: p.size,
        crc: p.crc,
    }
}

#[test]
fn a_zip_that_lies_about_its_size_cannot_inflate_past_it() {
    // Declares 20 bytes but inflates to 1 MiB: the zip reader stops at the declared size and the
    // file is damaged, not a memory hog.
    let dir = util::temp_dir();
    let part = Part {
        name: "xl/worksheets/sheet1.xml".into(),
        data: deflated_zeros(1024 * 1024),
        method: 8,
        size: 20,
        crc: 0,
    };
    let path = write(dir.path(), "liar.xlsx", &xlsx_with(part));
    assert_says(&only_error(&path, Code::E001), "truncated or damaged");
}

#[test]
fn a_used_range_of_a_whole_sheet_costs_only_its_cells() {
    // Two cells at A1 and XFD1048576: a dense range would be 17 billion cells.
    let dir = util::temp_dir();
    let path = write(
        dir.path(),
        "corners.xlsx",
        &xlsx_cells(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        ),
    );
    // Read, and refused for its layout (no questionnaire), not for memory.
    let p = only_error(&path, Code::E002);
    assert_eq!(p.file, path);
}

#[test]
fn rows_padded_to_the_last_column_hit_the_cell_limit() {
    // 3,000 rows with one cell in column XFD: 49 million cells once padded from column A.
    let dir = util::temp_dir();
    let rows: String = (1..=3000)
        .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
        .collect();
    let path = write(dir.path(), "wide.xlsx", &xlsx_cells(&rows));
    let p = only_error(&path, Code::E020);
    assert_says(&p, "more than 40000000 cells");
    assert_eq!(
        p.place,
        Place::Sheet {
            sheet: "Jawaban".into()
        }
    );
}

#[test]
fn an_xls_with_a_cell_at_the_far_corner_is_refused_before_it_is_opened() {
    // The questionnaire's last LabelSst record (type 0x00FD, length 10) moved to row 65,536,
    // column 65,536: the reader library would build the sheet as a dense grid of 4 billion
    // cells when opening the file (137 GB; the process aborted before this check).
    let mut bytes = std::fs::read(answers("questionnaire-bandung-2022.xls")).unwrap();
    let at = bytes
        .windows(4)
        .rposition(|w| w == [0xFD, 0x00, 0x0A, 0x00])
        .expect("a LabelSst record");
    bytes[at + 4..at + 8].copy_from_slice(&[0xFF; 4]);
    let dir = util::temp_dir();
    let path = write(dir.path(), "far-corner.xls", &bytes);
    let p = only_error(&path, Code::E020);
    assert_says(&p, "span 4294967296 cells");
}

/// An ods whose one sheet repeats one valued cell over `rows` rows and `cols` columns.
fn ods_repeating(rows: u32, cols: u32) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Jawaban"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{cols}" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        Part::stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        Part::stored("content.xml", content),
        Part::stored(
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#,
        ),
    ])
}

#[test]
fn an_ods_repeating_a_cell_over_a_huge_range_is_refused_before_it_is_expanded() {
    let dir = util::temp_dir();
    // Every row and column, and (below calamine's own cap of 100 million cells) 6,000 rows by
    // 16,384 columns: 1 KiB that took 6 GiB and a minute before this check.
    for (rows, cols, cells) in [
        (1_048_576, 16_384, "17179869184"),
        (6_000, 16_384, "98304000"),
    ] {
        let path = write(dir.path(), "repeated.ods", &ods_repeating(rows, cols));
        let start = std::time::Instant::now();
        let p = only_error(&path, Code::E020);
        assert_says(
            &p,
            &format!("spans {cells} cells once its repeated rows and cells"),
        );
        assert_eq!(
            p.place,
            Place::Sheet {
                sheet: "Jawaban".into()
            }
        );
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }
    // A sheet within the limit is read.
    let path = write(dir.path(), "small.ods", &ods_repeating(3, 4));
    assert_eq!(only_error(&path, Code::E002).file, path);
}

#[test]
fn a_cell_past_the_last_column_is_refused_in_csv() {
    let dir = util::temp_dir();
    let mut csv = "region_code,year,indicator,answer\n".to_string();
    csv.push_str(&",x".repeat(limits::MAX_COLUMNS as usize + 1));
    csv.push('\n');
    let path = write(dir.path(), "wide.csv", csv.as_bytes());
    let p = only_error(&path, Code::E020);
    assert_says(&p, "columns (at most 16384)");
    assert_eq!(
        p.place,
        Place::Line {
            line: 2,
            column: None
        }
    );
}

#[test]
fn megabytes_of_text_in_a_cell_are_cut_with_a_warning() {
    let dir = util::temp_dir();
    let big = "é".repeat(3_000_000);
    let csv = format!(
        "region_code,year,indicator,answer,notes\n\
         33.73,2021,GOV-LP-01,Rintisan,{big}\n\
         33.73,2021,GOV-LP-02,30,\n\
         33.73,2021,ENV-01,Tidak berlaku,\n\
         33.73,2021,ENV-02,tidak,\n"
    );
    let path = write(dir.path(), "big-note.csv", csv.as_bytes());
    let batch = read(std::slice::from_ref(&path));
    assert_eq!(batch.submissions.len(), 1, "{:#?}", batch.problems);
    let note = batch.submissions[0].answers[0].as_ref().unwrap();
    assert_eq!(
        note.notes().unwrap().chars().count(),
        limits::MAX_CELL_CHARS
    );
    assert_eq!(batch.problems.len(), 1, "{:#?}", batch.problems);
    let w = &batch.problems[0];
    assert_eq!(w.code, Code::W012);
    assert!(!w.is_error());
    assert_eq!(
        w.place,
        Place::Line {
            line: 2,
            column: Some(5)
        }
    );
    assert_says(w, "3000000 characters");

    // The same in a workbook cell.
    let xml = format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row>"#,
        "x".repeat(1_000_000)
    );
    let path = write(dir.path(), "big-cell.xlsx", &xlsx_cells(&xml));
    let batch = read(std::slice::from_ref(&path));
    let w = batch.problems.iter().find(|p| p.code == Code::W012);
    let w = w.unwrap_or_else(|| panic!("{:#?}", batch.problems));
    assert_eq!(
        w.place,
        Place::Cell {
            sheet: "Jawaban".into(),
            row: 0,
            col: 0
        }
    );
}

#[test]
fn files_larger_than_the_caps_are_refused_unread() {
    use std::io::Write as _;
    let dir = util::temp_dir();
    // A UTF-16 CSV is decoded whole, so it keeps a size cap; a workbook is held whole too.
    for (name, size, cap) in [
        ("huge.csv", limits::MAX_CSV_BYTES + 1, "512 MiB"),
        ("huge.xlsx", limits::MAX_WORKBOOK_BYTES + 1, "256 MiB"),
    ] {
        // Sparse: no disk is used, and nothing may read it.
        let path = dir.path().join(name);
        let mut file = std::fs::File::create(&path).unwrap();
        if name.ends_with(".csv") {
            file.write_all(&[0xFF, 0xFE, b'a', 0, b';', 0]).unwrap();
        }
        file.set_len(size).unwrap();
        let p = only_error(&path, Code::E020);
        assert_says(&p, "file too large");
        assert_says(&p, cap);
    }
}

#[test]
fn a_utf8_csv_past_the_old_caps_is_read_record_by_record() {
    use std::io::Write as _;
    // As large as the UTF-16 cap and more, sparse: the head is text, the rest NUL bytes. It is
    // not refused for its size (a UTF-8 CSV is streamed); it is read, and what is in it judged.
    let dir = util::temp_dir();
    let path = dir.path().join("long.csv");
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(b"region_code;year;indicator;answer\n32.73;2024;GOV-LP-01;3\n")
        .unwrap();
    file.set_len(limits::MAX_CSV_BYTES + 1).unwrap();
    drop(file);
    let batch = read(std::slice::from_ref(&path));
    assert!(
        !batch
            .problems
            .iter()
            .any(|p| p.message.en.contains("file too large")),
        "{:#?}",
        batch.problems
    );
}

#[test]
fn a_folder_that_links_to_itself_is_searched_once() {
    let dir = util::temp_dir();
    let inner = dir.path().join("a");
    std::fs::create_dir(&inner).unwrap();
    std::fs::copy(answers("wide-form-export.csv"), inner.join("x.csv")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path(), inner.join("loop")).unwrap();
        std::os::unix::fs::symlink(&inner, inner.join("again")).unwrap();
    }
    let mut problems = Vec::new();
    let files = collect_files(&[dir.path().to_path_buf()], &mut problems);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn deeply_nested_or_huge_frameworks_are_refused_with_a_code() {
    let n = 100_000;
    let cases = [
        format!("a = {}{}\n", "[".repeat(n), "]".repeat(n)),
        format!("a = {}1{}\n", "{b=".repeat(n), "}".repeat(n)),
        format!("a{} = 1\n", ".a".repeat(n)),
        format!("[{}]\n", "a.".repeat(n) + "a"),
    ];
    for src in &cases {
        let problems = parse(Path::new("deep.toml"), src).expect_err("refused");
        assert_eq!(problems[0].code, Code::F001, "{problems:#?}");
    }
    let big = format!("# {}\n", "x".repeat(MAX_FRAMEWORK_BYTES));
    let problems = parse(Path::new("big.toml"), &big).expect_err("refused");
    assert_eq!(problems[0].code, Code::F010);

    let dir = util::temp_dir();
    let path = write(dir.path(), "big.toml", big.as_bytes());
    let problems = load_file(&path).expect_err("refused");
    assert_eq!(problems[0].code, Code::F010);
}

#[test]
fn the_command_line_names_every_hostile_file_and_never_panics() {
    let dir = util::temp_dir();
    for entry in std::fs::read_dir(util::fixture("hostile")).unwrap() {
        let path = entry.unwrap().path();
        if smartcity::answers::file_kind(&path).is_some() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut f = std::fs::File::create(dir.path().join("cut.ods")).unwrap();
    let ods = std::fs::read(answers("questionnaire-bandung-2022.ods")).unwrap();
    f.write_all(&ods[..ods.len() / 3]).unwrap();
    for command in ["check", "score"] {
        let out = util::smartcity()
            .args([command, "--lang", "en", "--framework"])
            .arg(util::EXAMPLE_FRAMEWORK)
            .arg(dir.path())
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(1), "{command}: {text}");
        assert!(!text.contains("panicked"), "{text}");
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let name = entry.unwrap().file_name();
            let name = name.to_string_lossy();
            assert!(
                text.contains(name.as_ref()),
                "{command}: {name} not named:\n{text}"
            );
        }
    }
}

// Issue 11: sizes a workbook declares are bounded before the reader library allocates from them.
// Each crafted file is also run through the binary: an abort (exit 134) or a panic (101) there
// would take the batch with it.

/// Runs `score` on `path` in its own process: the exit code and what it printed.
fn score_alone(path: &Path) -> (i32, String) {
    let out = util::smartcity()
        .args(["--lang", "en", "score", "-f", util::EXAMPLE_FRAMEWORK])
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An xlsx of one sheet, with `workbook` as its workbook part and `extra` parts.
fn xlsx_parts(workbook: String, extra: Vec<Part>) -> Vec<u8> {
    let mut parts = vec![
        Part::stored("[Content_Types].xml", TYPES),
        Part::stored("_rels/.rels", ROOT_RELS),
        Part::stored("xl/workbook.xml", workbook),
        Part::stored("xl/_rels/workbook.xml.rels", RELS),
        Part::stored(
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#,
        ),
    ];
    parts.extend(extra);
    zip(&parts)
}

#[test]
fn a_shared_string_count_of_four_billion_is_refused_before_it_is_reserved() {
    let dir = util::temp_dir();
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>kode</t></si></sst>"#;
    let bytes = xlsx_parts(
        WORKBOOK.to_string(),
        vec![Part::stored("xl/sharedStrings.xml", sst)],
    );
    assert!(bytes.len() < 4096);
    let path = write(dir.path(), "sst-count.xlsx", &bytes);
    let (code, err) = score_alone(&path);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("declares 4000000000 shared strings"), "{err}");
    let p = only_error(&path, Code::E020);
    assert_says(&p, "shared strings");
}

#[test]
fn two_hundred_thousand_sheets_are_refused_at_once() {
    let dir = util::temp_dir();
    let mut wb = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    for i in 1..=200_000 {
        wb.push_str(&format!(
            r#"<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>"#
        ));
    }
    wb.push_str("</sheets></workbook>");
    let path = write(dir.path(), "many-sheets.xlsx", &xlsx_parts(wb, vec![]));
    let start = std::time::Instant::now();
    let (code, err) = score_alone(&path);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("has 200000 sheets (at most 1024)"), "{err}");
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

/// An ods whose one cell holds `cell` (the inside of a `text:p`), repeated over `cols` columns.
fn ods_text(cell: &str, cols: u32) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Jawaban"><table:table-row><table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>{cell}</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        Part::stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        Part::stored("content.xml", content),
    ])
}

#[test]
fn ods_spaces_and_repeated_strings_are_weighed_before_they_are_expanded() {
    let dir = util::temp_dir();
    let spaces = ods_text(r#"a<text:s text:c="2147483647"/>b"#, 1);
    assert!(spaces.len() < 1200, "{}", spaces.len());
    let long = ods_text(&"x".repeat(1 << 20), 2000);
    for (name, bytes) in [("spaces.ods", spaces), ("repeated.ods", long)] {
        let path = write(dir.path(), name, &bytes);
        let (code, err) = score_alone(&path);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains("text expands to"), "{name}: {err}");
        only_error(&path, Code::E020);
    }
    // Ordinary text is within the limit.
    let path = write(
        dir.path(),
        "small.ods",
        &ods_text("a<text:s text:c=\"3\"/>b", 4),
    );
    let batch = read(&[path]);
    assert!(
        batch.problems.iter().all(|p| p.code != Code::E020),
        "{:#?}",
        batch.problems
    );
}

#[cfg(unix)]
#[test]
fn a_framework_from_dev_zero_is_read_only_to_the_cap() {
    let out = util::smartcity()
        .args(["--lang", "en", "framework", "check", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("F010") && err.contains("more than"), "{err}");
}
