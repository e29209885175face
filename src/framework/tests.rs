//! Loader errors: each names its code and `file:line:column`.

use super::*;
use crate::diagnostics::{Code, Place, Problem};
use std::path::Path;

const EXAMPLE: &str = include_str!("../../tests/fixtures/frameworks/example.toml");

fn problems(src: &str) -> Vec<Problem> {
    parse(Path::new("fw.toml"), src).expect_err("should be rejected")
}

/// Line of the first occurrence of `needle` in `src` (1-based).
fn line_of(src: &str, needle: &str) -> u64 {
    src[..src.find(needle).expect(needle)].matches('\n').count() as u64 + 1
}

fn at(p: &Problem) -> (Code, u64) {
    match p.place {
        Place::Line { line, .. } => (p.code, line),
        _ => panic!("no line: {p:?}"),
    }
}

#[test]
fn the_readme_example_is_valid() {
    let fw = parse(Path::new("example.toml"), EXAMPLE).unwrap();
    assert_eq!(fw.indicators.len(), 4);
    assert_eq!(fw.dimensions.len(), 3);
    assert_eq!(fw.index_basis, IndexBasis::Components);
    let readme = include_str!("../../indicators/README.md");
    let body = EXAMPLE.split_once('\n').unwrap().1;
    assert!(
        readme.contains(body),
        "tests/fixtures/frameworks/example.toml must match the README"
    );
}

#[test]
fn typo_in_a_key_is_named_with_line_and_column() {
    let src = EXAMPLE.replace("id = \"GOV-LP-02\"\n", "id = \"GOV-LP-02\"\nwieght = 2\n");
    let p = problems(&src);
    assert_eq!(p.len(), 1);
    assert_eq!(at(&p[0]), (Code::F001, line_of(&src, "wieght")));
    assert!(p[0].message.en.contains("wieght"), "{}", p[0].message.en);
    assert!(p[0].render(crate::text::Lang::En).starts_with("fw.toml:"));
}

#[test]
fn duplicate_ids_point_at_the_second() {
    let src = EXAMPLE.replace("id = \"GOV-LP-02\"", "id = \"GOV-LP-01\"");
    let p = problems(&src);
    assert_eq!(p[0].code, Code::F002);
    let second = src.match_indices("id = \"GOV-LP-01\"").nth(1).unwrap().0;
    assert_eq!(at(&p[0]).1, src[..second].matches('\n').count() as u64 + 1);
    assert!(p[0].message.en.contains("already used on line"));
}

#[test]
fn unknown_parent_answer_set_and_component() {
    let src = EXAMPLE
        .replace(
            "parent = \"GOV.LP\"\ncomponent = \"output\"",
            "parent = \"GOV.XX\"\ncomponent = \"output\"",
        )
        .replace("answers = \"share\"", "answers = \"shares\"")
        .replace("component = \"impact\"", "component = \"impak\"");
    let codes: Vec<Code> = problems(&src).iter().map(|p| p.code).collect();
    assert_eq!(codes, vec![Code::F003, Code::F003, Code::F003]);
    let p = problems(&src);
    assert!(p[1].expected.as_ref().unwrap().en.contains("maturity"));
}

#[test]
fn non_positive_weights() {
    let src = EXAMPLE.replace("weight = 0.2\n", "weight = 0\n").replace(
        "id = \"ENV\"\nlabel = { id = \"Lingkungan Cerdas\", en = \"Smart Environment\" }\nweight = 1",
        "id = \"ENV\"\nlabel = { id = \"Lingkungan Cerdas\", en = \"Smart Environment\" }\nweight = -1",
    );
    let p = problems(&src);
    assert_eq!(
        p.iter().filter(|p| p.code == Code::F004).count(),
        2,
        "{p:#?}"
    );
}

#[test]
fn overlapping_gapped_and_short_bands() {
    let overlap = EXAMPLE.replace("from = 2\nto = 3", "from = 1.5\nto = 3");
    assert!(problems(&overlap)[0].message.en.contains("overlaps"));
    let gap = EXAMPLE.replace("from = 2\nto = 3", "from = 2.5\nto = 3");
    assert!(problems(&gap)[0].message.en.contains("gap"));
    let short = EXAMPLE.replace("from = 3\nto = 4", "from = 3\nto = 3.9");
    assert!(problems(&short)[0].message.en.contains("top of the scale"));
    for src in [overlap, gap, short] {
        assert_eq!(problems(&src)[0].code, Code::F005);
    }
}

#[test]
fn empty_dimension() {
    let src = EXAMPLE.replace(
        "[[dimension]]\nid = \"ENV\"",
        "[[dimension]]\nid = \"EMPTY\"\nlabel = { id = \"e\", en = \"e\" }\n\n[[dimension]]\nid = \"ENV\"",
    );
    let p = problems(&src);
    assert_eq!(at(&p[0]), (Code::F006, line_of(&src, "id = \"EMPTY\"")));
}

#[test]
fn option_values_outside_the_scale_and_cycles() {
    let src = EXAMPLE.replace("{ code = \"4\", value = 4,", "{ code = \"4\", value = 5,");
    assert_eq!(problems(&src)[0].code, Code::F007);
    let cyc = EXAMPLE.replace(
        "id = \"GOV\"\nlabel",
        "id = \"GOV\"\nparent = \"GOV.LP\"\nlabel",
    );
    assert!(problems(&cyc).iter().any(|p| p.code == Code::F008));
}

#[test]
fn missing_target_and_component() {
    let src = EXAMPLE.replace("target = 100\n", "");
    assert_eq!(problems(&src)[0].code, Code::F009);
    let src = EXAMPLE.replace(
        "component = \"output\"\nanswers = \"yes_no\"",
        "answers = \"yes_no\"",
    );
    assert_eq!(problems(&src)[0].code, Code::F009);
}

#[test]
fn syntax_errors_and_oversized_files() {
    let p = problems("[framework\nid = 1");
    assert_eq!(at(&p[0]), (Code::F001, 1));
    let big = "#".repeat(MAX_FRAMEWORK_BYTES + 1);
    assert_eq!(problems(&big)[0].code, Code::F010);
}

#[test]
fn all_problems_are_reported_at_once() {
    let src = EXAMPLE
        .replace("answers = \"share\"", "answers = \"shares\"")
        .replace("from = 2\nto = 3", "from = 2.5\nto = 3")
        .replace("weight = 0.2\n", "weight = 0\n");
    assert_eq!(problems(&src).len(), 3);
}

#[test]
fn unknown_builtin_names_the_choices() {
    let p = resolve(Some("kominfo")).unwrap_err();
    assert_eq!(p[0].code, Code::F010);
    assert!(
        p[0].expected
            .as_ref()
            .unwrap()
            .en
            .contains("kominfo-smart-city")
    );
}

#[test]
fn builtin_frameworks_follow_the_published_structure() {
    let k = builtin("kominfo-smart-city").unwrap().unwrap();
    let weights: Vec<(&str, f64)> = k
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.weight))
        .collect();
    assert_eq!(
        weights,
        vec![
            ("baseline", 0.1),
            ("output", 0.2),
            ("outcome", 0.3),
            ("impact", 0.2),
            ("quick_win", 0.2)
        ]
    );
    assert_eq!(k.top_dimensions().count(), 6);
    for (d, _) in k.top_dimensions() {
        let subs: Vec<usize> = (0..k.dimensions.len())
            .filter(|&s| k.dimensions[s].parent == Some(d))
            .collect();
        assert_eq!(subs.len(), 3);
        // Every dimension has questions in all five components.
        for c in 0..5 {
            assert!(
                k.indicators
                    .iter()
                    .any(|i| subs.contains(&i.parent) && i.component == Some(c))
            );
        }
    }
    assert_eq!(k.scale.max, 4.0);
    let s = builtin("spbe-2020").unwrap().unwrap();
    assert_eq!(s.indicators.len(), 47);
    let labels: Vec<&str> = s.bands.iter().map(|b| b.label.id.as_str()).collect();
    assert_eq!(
        labels,
        vec!["Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"]
    );
    assert_eq!(s.bands[s.band_of(4.2).unwrap()].label.id, "Memuaskan");
    assert_eq!(s.bands[s.band_of(4.19).unwrap()].label.id, "Sangat Baik");
    assert_eq!(s.bands[s.band_of(1.8).unwrap()].label.id, "Cukup");
    assert_eq!(s.bands[s.band_of(1.79).unwrap()].label.id, "Kurang");
}

// ---------------------------------------------------------------------------------------------
// Band closure, conversion tables, display precision, years (issue 16).
// ---------------------------------------------------------------------------------------------

fn with_meta(line: &str) -> String {
    EXAMPLE.replace(
        "index = \"components\"\n",
        &format!("index = \"components\"\n{line}\n"),
    )
}

/// The example with one more answer set, the number set `ext` (min 0, max 100) whose extra keys
/// are `body`.
fn with_table(body: &str) -> String {
    EXAMPLE.replace(
        "[answer_sets.kpi]",
        &format!(
            "[answer_sets.ext]\nkind = \"number\"\nmin = 0\nmax = 100\n{body}\n\n[answer_sets.kpi]"
        ),
    )
}

#[test]
fn bands_are_half_open_by_default_and_closed_above_on_request() {
    let lower = parse(Path::new("a.toml"), EXAMPLE).unwrap();
    assert_eq!(lower.band_closure, Closure::Lower);
    assert_eq!(lower.band_of(0.0), Some(0));
    assert_eq!(lower.band_of(2.0), Some(1));
    assert_eq!(lower.band_of(4.0), Some(2));
    let upper = parse(Path::new("a.toml"), &with_meta("band_closure = \"upper\"")).unwrap();
    assert_eq!(upper.band_closure, Closure::Upper);
    // (from, to]: a bound belongs to the band below it; the bottom of the scale to the first.
    assert_eq!(upper.band_of(0.0), Some(0));
    assert_eq!(upper.band_of(2.0), Some(0));
    assert_eq!(upper.band_of(2.000_000_1), Some(1));
    assert_eq!(upper.band_of(3.0), Some(1));
    assert_eq!(upper.band_of(4.0), Some(2));
    assert_eq!(upper.band_of(4.1), None);
    assert_eq!(upper.band_of(-0.1), None);
}

#[test]
fn an_unknown_band_closure_is_f007_at_its_value() {
    let src = with_meta("band_closure = \"both\"");
    let p = problems(&src);
    assert_eq!(p.len(), 1);
    assert_eq!(at(&p[0]), (Code::F007, line_of(&src, "band_closure")));
    assert_eq!(p[0].found.as_deref(), Some("both"));
}

#[test]
fn next_band_gap_follows_the_closure() {
    let lower = parse(Path::new("a.toml"), EXAMPLE).unwrap();
    let next = lower.next_band(1.5).unwrap();
    assert_eq!((next.band, next.minimum, next.gap), (1, 2.0, 0.5));
    assert!(lower.next_band(3.5).is_none(), "top band");
    // Closed above with 2 decimals: 2.00 is still the first band, 2.01 is the least above it.
    let upper = parse(
        Path::new("a.toml"),
        &with_meta("band_closure = \"upper\"\nprecision = 2"),
    )
    .unwrap();
    let next = upper.next_band(1.5).unwrap();
    assert_eq!(next.band, 1);
    assert!((next.minimum - 2.01).abs() < 1e-12);
    assert!((next.gap - 0.51).abs() < 1e-12);
}

#[test]
fn precision_defaults_to_two_and_is_checked() {
    assert_eq!(parse(Path::new("a.toml"), EXAMPLE).unwrap().precision, 2);
    let fw = parse(Path::new("a.toml"), &with_meta("precision = 4")).unwrap();
    assert_eq!(fw.precision, 4);
    for bad in ["precision = 13", "precision = -1"] {
        let src = with_meta(bad);
        let p = problems(&src);
        assert_eq!(p.len(), 1, "{bad}");
        assert_eq!(at(&p[0]), (Code::F007, line_of(&src, "precision")));
    }
    let src = with_meta("precision = 2.5");
    assert_eq!(problems(&src)[0].code, Code::F001, "not a whole number");
}

#[test]
fn years_are_optional_labelled_and_checked() {
    assert_eq!(parse(Path::new("a.toml"), EXAMPLE).unwrap().years, None);
    let open = parse(Path::new("a.toml"), &with_meta("years = { from = 2026 }")).unwrap();
    let open = open.years.unwrap();
    assert_eq!(open.label(), "2026–");
    assert!(open.contains(2031) && !open.contains(2025));
    let closed = parse(
        Path::new("a.toml"),
        &with_meta("years = { from = 2021, to = 2025 }"),
    )
    .unwrap()
    .years
    .unwrap();
    assert_eq!(closed.label(), "2021–2025");
    assert!(closed.contains(2025) && !closed.contains(2026));
    let src = with_meta("years = { from = 2025, to = 2021 }");
    let p = problems(&src);
    assert_eq!(at(&p[0]), (Code::F007, line_of(&src, "years")));
    let src = with_meta("years = { from = 2021, until = 2025 }");
    assert_eq!(problems(&src)[0].code, Code::F001);
}

const GOOD_TABLE: &str = "scoring = \"table\"\nclosure = \"upper\"\ntable = [\n  { from = 0, to = 50, score = 1 },\n  { from = 50, to = 90, score = 3 },\n  { from = 90, to = 100, score = 4 },\n]";

#[test]
fn a_conversion_table_partitions_the_number_range() {
    let fw = parse(Path::new("a.toml"), &with_table(GOOD_TABLE)).unwrap();
    let set = fw.answer_sets.iter().find(|s| s.name == "ext").unwrap();
    let AnswerKind::Number {
        scoring,
        table,
        closure,
        ..
    } = &set.kind
    else {
        panic!("number set")
    };
    assert_eq!(*scoring, NumberScoring::Table);
    assert_eq!(*closure, Closure::Upper);
    assert_eq!(table.len(), 3);
    let row = |v| closure.find(table.iter().map(|r| (r.from, r.to)), v);
    assert_eq!(row(0.0), Some(0));
    assert_eq!(row(50.0), Some(0), "closed above: 50 is in the first row");
    assert_eq!(row(50.5), Some(1));
    assert_eq!(row(100.0), Some(2));
    let lower = GOOD_TABLE.replace("closure = \"upper\"", "closure = \"lower\"");
    let fw = parse(Path::new("a.toml"), &with_table(&lower)).unwrap();
    let set = fw.answer_sets.iter().find(|s| s.name == "ext").unwrap();
    let AnswerKind::Number { table, closure, .. } = &set.kind else {
        panic!()
    };
    assert_eq!(
        closure.find(table.iter().map(|r| (r.from, r.to)), 50.0),
        Some(1)
    );
}

#[test]
fn conversion_table_gaps_overlaps_and_ends_are_f011_at_the_row() {
    let cases = [
        // (replace, with, needle of the reported line, message part)
        (
            "{ from = 50, to = 90",
            "{ from = 60, to = 90",
            "{ from = 60",
            "gap",
        ),
        (
            "{ from = 50, to = 90",
            "{ from = 40, to = 90",
            "{ from = 40",
            "overlaps",
        ),
        (
            "{ from = 0, to = 50",
            "{ from = 5, to = 50",
            "{ from = 5,",
            "must start at `min`",
        ),
        (
            "{ from = 90, to = 100",
            "{ from = 90, to = 99",
            "{ from = 90, to = 99",
            "must end at `max`",
        ),
        (
            "{ from = 50, to = 90, score = 3 },\n  { from = 90",
            "{ from = 50, to = 50, score = 3 },\n  { from = 50",
            "{ from = 50, to = 50",
            "from < to",
        ),
    ];
    for (old, new, needle, what) in cases {
        let src = with_table(&GOOD_TABLE.replace(old, new));
        let p = problems(&src);
        assert_eq!(p.len(), 1, "{what}: {p:?}");
        assert_eq!(at(&p[0]), (Code::F011, line_of(&src, needle)), "{what}");
        assert!(p[0].message.en.contains(what), "{}", p[0].message.en);
    }
}

#[test]
fn conversion_table_missing_misplaced_or_off_scale() {
    let src = with_table("scoring = \"table\"");
    let p = problems(&src);
    assert_eq!(p[0].code, Code::F011);
    assert!(p[0].message.en.contains("needs a `table`"));
    let src = with_table("scoring = \"table\"\ntable = []");
    assert_eq!(problems(&src)[0].code, Code::F011);
    // A table without scoring = "table" would be silently ignored: rejected instead.
    let src = with_table("scoring = \"linear\"\ntable = [ { from = 0, to = 100, score = 1 } ]");
    assert_eq!(problems(&src)[0].code, Code::F001);
    let src = with_table(&GOOD_TABLE.replace("score = 4", "score = 7"));
    let p = problems(&src);
    assert_eq!(at(&p[0]), (Code::F007, line_of(&src, "score = 7")));
    let src = with_table(&GOOD_TABLE.replace("\"upper\"", "\"middle\""));
    assert_eq!(problems(&src)[0].code, Code::F007);
}

#[test]
fn bands_may_carry_a_description() {
    let src = EXAMPLE.replace(
        "label = { id = \"Kurang\", en = \"Poor\" }",
        "label = { id = \"Kurang\", en = \"Poor\" }\ndescription = { id = \"Tingkat 1\", en = \"Level 1\" }",
    );
    let fw = parse(Path::new("a.toml"), &src).unwrap();
    assert_eq!(fw.bands[0].description.as_ref().unwrap().en, "Level 1");
    assert!(fw.bands[1].description.is_none());
}
