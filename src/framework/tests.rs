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
