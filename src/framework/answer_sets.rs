//! Checks of the answer sets: options, number ranges and KPI target bands, each against the
//! framework's scale.

use super::checker::Checker;
use super::model::*;
use super::raw::*;
use crate::diagnostics::{Code, line_col};
use crate::text::Text;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use toml::Spanned;

pub(super) fn check_answer_sets(
    ck: &mut Checker,
    raw: BTreeMap<String, Spanned<RawAnswerSet>>,
    scale: Scale,
) -> Vec<AnswerSet> {
    let mut sets = Vec::new();
    for (name, set) in raw {
        let span = set.span();
        let set = set.into_inner();
        let kind_name = set.kind.get_ref().as_str();
        let stray = |ck: &mut Checker, present: bool, key: &str| {
            if present {
                ck.at(
                    Code::F001,
                    span.clone(),
                    Text::new(
                        format!(
                            "himpunan jawaban `{name}` jenis {kind_name} tidak memakai `{key}`"
                        ),
                        format!("answer set `{name}` of kind {kind_name} does not use `{key}`"),
                    ),
                );
            }
        };
        let kind = match kind_name {
            "options" => {
                stray(ck, set.min.is_some(), "min");
                stray(ck, set.max.is_some(), "max");
                stray(ck, set.scoring.is_some(), "scoring");
                stray(ck, set.bands.is_some(), "bands");
                stray(ck, set.table.is_some(), "table");
                stray(ck, set.closure.is_some(), "closure");
                AnswerKind::Options {
                    options: check_options(ck, &name, set.options, span.clone(), scale),
                }
            }
            "number" => {
                stray(ck, set.options.is_some(), "options");
                stray(ck, set.bands.is_some(), "bands");
                check_number(ck, &name, &set, span.clone(), scale)
            }
            "target" => {
                stray(ck, set.options.is_some(), "options");
                stray(ck, set.min.is_some(), "min");
                stray(ck, set.max.is_some(), "max");
                stray(ck, set.scoring.is_some(), "scoring");
                stray(ck, set.table.is_some(), "table");
                stray(ck, set.closure.is_some(), "closure");
                AnswerKind::Target {
                    bands: check_target_bands(ck, &name, set.bands, span.clone(), scale),
                }
            }
            other => {
                ck.at(
                    Code::F007,
                    set.kind.span(),
                    Text::new(
                        "`kind` harus \"options\", \"number\" atau \"target\"",
                        "`kind` must be \"options\", \"number\" or \"target\"",
                    ),
                )
                .found = Some(other.to_string());
                AnswerKind::Options {
                    options: Vec::new(),
                }
            }
        };
        sets.push(AnswerSet {
            name,
            label: set.label,
            kind,
        });
    }
    sets
}

pub(super) fn check_options(
    ck: &mut Checker,
    name: &str,
    options: Option<Vec<Spanned<RawOption>>>,
    span: Range<usize>,
    scale: Scale,
) -> Vec<AnswerOption> {
    let options = options.unwrap_or_default();
    if options.is_empty() {
        ck.at(
            Code::F007,
            span,
            Text::new(
                format!("himpunan jawaban `{name}` tidak memiliki `options`"),
                format!("answer set `{name}` has no `options`"),
            ),
        );
    }
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let mut names = HashMap::new();
    let mut out = Vec::new();
    for opt in options {
        let opt = opt.into_inner();
        // Codes are matched ignoring case and spaces, so uniqueness is checked the same way.
        let key = crate::submission::normalize(opt.code.get_ref());
        if let Some(first) = seen.get(&key) {
            let (line, _) = line_col(ck.src, first.start);
            ck.at(
                Code::F002,
                opt.code.span(),
                Text::new(
                    format!(
                        "kode opsi `{}` sudah dipakai di baris {line}",
                        opt.code.get_ref()
                    ),
                    format!(
                        "option code `{}` is already used on line {line}",
                        opt.code.get_ref()
                    ),
                ),
            );
        } else {
            seen.insert(key, opt.code.span());
        }
        super::options_typed::check_option(ck, &mut names, out.len(), &opt);
        let v = *opt.value.get_ref();
        if !scale.contains(v) {
            ck.at(
                Code::F007,
                opt.value.span(),
                Text::new(
                    format!("nilai opsi di luar skala {}–{}", scale.min, scale.max),
                    format!("option value outside the scale {}–{}", scale.min, scale.max),
                ),
            )
            .found = Some(v.to_string());
        }
        out.push(AnswerOption {
            code: opt.code.into_inner(),
            value: v,
            label: opt.label,
            description: opt.description,
            aliases: opt.aliases,
        });
    }
    out
}

pub(super) fn check_number(
    ck: &mut Checker,
    name: &str,
    set: &RawAnswerSet,
    span: Range<usize>,
    scale: Scale,
) -> AnswerKind {
    let (Some(min), Some(max)) = (&set.min, &set.max) else {
        ck.at(
            Code::F007,
            span,
            Text::new(
                format!("himpunan jawaban angka `{name}` membutuhkan `min` dan `max`"),
                format!("number answer set `{name}` needs `min` and `max`"),
            ),
        );
        return AnswerKind::Number {
            min: 0.0,
            max: 0.0,
            scoring: NumberScoring::Value,
            unit: None,
            table: Vec::new(),
            closure: Closure::Lower,
        };
    };
    let (lo, hi) = (*min.get_ref(), *max.get_ref());
    if !(lo.is_finite() && hi.is_finite() && lo < hi && (hi - lo).is_finite()) {
        ck.at(
            Code::F007,
            max.span(),
            Text::new(
                "rentang angka membutuhkan min < max, dengan max − min terhingga",
                "a number range needs min < max, with max − min a finite number",
            ),
        );
    }
    let scoring = match set
        .scoring
        .as_ref()
        .map(|s| (s.get_ref().as_str(), s.span()))
    {
        None | Some(("value", _)) => {
            if !(scale.contains(lo) && scale.contains(hi)) {
                ck.at(
                    Code::F007,
                    min.span(),
                    Text::new(
                        format!(
                            "dengan scoring = \"value\" rentang {lo}–{hi} harus di dalam skala {}–{}; gunakan scoring = \"linear\"",
                            scale.min, scale.max
                        ),
                        format!(
                            "with scoring = \"value\" the range {lo}–{hi} must lie within the scale {}–{}; use scoring = \"linear\"",
                            scale.min, scale.max
                        ),
                    ),
                );
            }
            NumberScoring::Value
        }
        Some(("linear", _)) => NumberScoring::Linear,
        Some(("table", _)) => NumberScoring::Table,
        Some((other, span)) => {
            ck.at(
                Code::F007,
                span,
                Text::new(
                    "`scoring` harus \"value\", \"linear\" atau \"table\"",
                    "`scoring` must be \"value\", \"linear\" or \"table\"",
                ),
            )
            .found = Some(other.to_string());
            NumberScoring::Value
        }
    };
    let closure = ck.closure(set.closure.as_ref(), "closure");
    let table = if scoring == NumberScoring::Table {
        check_table(ck, name, set.table.as_ref(), span, (lo, hi), scale)
    } else {
        let stray = |ck: &mut Checker, present: bool, key: &str| {
            if present {
                ck.at(
                    Code::F001,
                    span.clone(),
                    Text::new(
                        format!("`{key}` hanya dipakai dengan scoring = \"table\""),
                        format!("`{key}` is only used with scoring = \"table\""),
                    ),
                );
            }
        };
        stray(ck, set.table.is_some(), "table");
        stray(ck, set.closure.is_some(), "closure");
        Vec::new()
    };
    AnswerKind::Number {
        min: lo,
        max: hi,
        scoring,
        unit: set.unit.clone(),
        table,
        closure,
    }
}

/// A conversion table must partition `[min, max]`: the first range starts at `min`, each starts
/// where the previous one ended, the last ends at `max`, every range has `from < to`, and every
/// score lies on the scale. Gaps, overlaps and missing coverage are F011.
pub(super) fn check_table(
    ck: &mut Checker,
    name: &str,
    table: Option<&Spanned<Vec<Spanned<RawRange>>>>,
    span: Range<usize>,
    (lo, hi): (f64, f64),
    scale: Scale,
) -> Vec<RangeScore> {
    let rows = match table {
        Some(t) if !t.get_ref().is_empty() => t.get_ref(),
        Some(t) => {
            ck.at(
                Code::F011,
                t.span(),
                Text::new(
                    format!("tabel konversi `{name}` kosong"),
                    format!("conversion table of `{name}` is empty"),
                ),
            );
            return Vec::new();
        }
        None => {
            ck.at(
                Code::F011,
                span,
                Text::new(
                    format!(
                        "himpunan jawaban `{name}` dengan scoring = \"table\" membutuhkan `table`"
                    ),
                    format!("answer set `{name}` with scoring = \"table\" needs a `table`"),
                ),
            );
            return Vec::new();
        }
    };
    let mut expected_from = lo;
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let r = r.get_ref();
        let (from, to, score) = (*r.from.get_ref(), *r.to.get_ref(), *r.score.get_ref());
        if from != expected_from {
            let (what_id, what_en) = if i == 0 {
                ("harus dimulai di `min`", "must start at `min`")
            } else if from < expected_from {
                (
                    "tumpang tindih dengan baris sebelumnya",
                    "overlaps the previous row",
                )
            } else {
                (
                    "menyisakan celah setelah baris sebelumnya",
                    "leaves a gap after the previous row",
                )
            };
            ck.at(
                Code::F011,
                r.from.span(),
                Text::new(
                    format!("baris {} tabel konversi `{name}` {what_id}", i + 1),
                    format!(
                        "row {} of the conversion table of `{name}` {what_en}",
                        i + 1
                    ),
                ),
            )
            .expected = Some(Text::new(
                format!("from = {expected_from}"),
                format!("from = {expected_from}"),
            ));
        }
        if to <= from || to.is_nan() || from.is_nan() {
            ck.at(
                Code::F011,
                r.to.span(),
                Text::new(
                    "baris tabel konversi membutuhkan from < to",
                    "a conversion table row needs from < to",
                ),
            )
            .found = Some(format!("{from}–{to}"));
        }
        if i + 1 == rows.len() && to != hi {
            ck.at(
                Code::F011,
                r.to.span(),
                Text::new(
                    "baris terakhir tabel konversi harus berakhir di `max`",
                    "the last row of a conversion table must end at `max`",
                ),
            )
            .expected = Some(Text::new(format!("to = {hi}"), format!("to = {hi}")));
        }
        if !scale.contains(score) {
            ck.at(
                Code::F007,
                r.score.span(),
                Text::new(
                    format!("skor di luar skala {}–{}", scale.min, scale.max),
                    format!("score outside the scale {}–{}", scale.min, scale.max),
                ),
            )
            .found = Some(score.to_string());
        }
        expected_from = to;
        out.push(RangeScore { from, to, score });
    }
    out
}

pub(super) fn check_target_bands(
    ck: &mut Checker,
    name: &str,
    bands: Option<Spanned<Vec<Spanned<RawTargetBand>>>>,
    span: Range<usize>,
    scale: Scale,
) -> Vec<TargetBand> {
    let Some(bands) = bands else {
        ck.at(
            Code::F007,
            span,
            Text::new(
                format!("himpunan jawaban target `{name}` membutuhkan `bands`"),
                format!("target answer set `{name}` needs `bands`"),
            ),
        );
        return Vec::new();
    };
    if bands.get_ref().is_empty() {
        ck.at(
            Code::F005,
            bands.span(),
            Text::new(
                format!("himpunan jawaban target `{name}` membutuhkan paling sedikit satu ambang"),
                format!("target answer set `{name}` needs at least one band"),
            ),
        );
    }
    let mut out: Vec<TargetBand> = Vec::new();
    for (i, b) in bands.into_inner().into_iter().enumerate() {
        let bspan = b.span();
        let b = b.into_inner();
        let ok_start = i > 0 || b.from == 0.0;
        let ok_order = out.last().is_none_or(|prev| b.from > prev.from);
        if !ok_start || !ok_order || !b.from.is_finite() {
            ck.at(
                Code::F005,
                bspan.clone(),
                Text::new(
                    "ambang target harus naik dan dimulai dari 0",
                    "target thresholds must ascend and start at 0",
                ),
            )
            .found = Some(b.from.to_string());
        }
        if !scale.contains(b.score) {
            ck.at(
                Code::F007,
                bspan,
                Text::new(
                    format!("skor di luar skala {}–{}", scale.min, scale.max),
                    format!("score outside the scale {}–{}", scale.min, scale.max),
                ),
            )
            .found = Some(b.score.to_string());
        }
        out.push(TargetBand {
            from: b.from,
            score: b.score,
        });
    }
    out
}
