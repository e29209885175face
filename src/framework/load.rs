//! Reading a framework from TOML and validating it into a [`Framework`]. Every check that can fail
//! points at `file:line:column`, and all of them run, so a maintainer fixes a file in one pass.

use super::model::*;
use crate::diagnostics::{Code, Place, Problem, line_col};
use crate::text::Text;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    framework: Spanned<RawMeta>,
    #[serde(default)]
    answer_sets: BTreeMap<String, Spanned<RawAnswerSet>>,
    #[serde(default)]
    component: Vec<Spanned<RawComponent>>,
    #[serde(default)]
    dimension: Vec<Spanned<RawDimension>>,
    #[serde(default)]
    indicator: Vec<Spanned<RawIndicator>>,
    #[serde(default)]
    band: Vec<Spanned<RawBand>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    version: Spanned<String>,
    title: Text,
    description: Option<Text>,
    source: Option<String>,
    illustrative: Option<Text>,
    scale: Spanned<RawScale>,
    levels: Spanned<Vec<Level>>,
    index: Option<Spanned<String>>,
    min_coverage: Option<Spanned<f64>>,
    bands_note: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    min: f64,
    max: f64,
}

/// One struct for every kind, so spans survive (serde's tagged enums buffer and lose them);
/// the validator says which keys belong to which kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswerSet {
    kind: Spanned<String>,
    label: Option<Text>,
    options: Option<Vec<Spanned<RawOption>>>,
    min: Option<Spanned<f64>>,
    max: Option<Spanned<f64>>,
    scoring: Option<Spanned<String>>,
    unit: Option<String>,
    bands: Option<Spanned<Vec<Spanned<RawTargetBand>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    code: Spanned<String>,
    value: Spanned<f64>,
    label: Text,
    description: Option<Text>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTargetBand {
    from: f64,
    score: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    id: Spanned<String>,
    label: Text,
    description: Option<Text>,
    weight: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: Spanned<String>,
    parent: Option<Spanned<String>>,
    label: Text,
    description: Option<Text>,
    weight: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    parent: Spanned<String>,
    component: Option<Spanned<String>>,
    answers: Spanned<String>,
    label: Text,
    question: Text,
    guidance: Option<Text>,
    weight: Option<Spanned<f64>>,
    #[serde(default)]
    na_allowed: bool,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    evidence: bool,
    target: Option<Spanned<f64>>,
    direction: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    from: Spanned<f64>,
    to: Spanned<f64>,
    label: Text,
}

/// Largest framework file read: a framework is text written by people; anything far larger is a
/// mistake or an attack, and parsing it would only waste memory.
pub const MAX_FRAMEWORK_BYTES: usize = 4 * 1024 * 1024;

/// Collects problems with positions in one framework file.
struct Checker<'a> {
    file: PathBuf,
    src: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn at(&mut self, code: Code, span: Range<usize>, message: Text) -> &mut Problem {
        let (line, col) = line_col(self.src, span.start);
        self.problems.push(Problem::new(
            code,
            &self.file,
            Place::Line {
                line,
                column: Some(col),
            },
            message,
        ));
        self.problems.last_mut().expect("just pushed")
    }

    fn weight(&mut self, w: &Option<Spanned<f64>>, what: &str) -> f64 {
        match w {
            None => 1.0,
            Some(w) => {
                let v = *w.get_ref();
                if !(v.is_finite() && v > 0.0) {
                    self.at(
                        Code::F004,
                        w.span(),
                        Text::new(
                            format!("bobot {what} harus lebih dari nol"),
                            format!("the weight of {what} must be greater than zero"),
                        ),
                    )
                    .found = Some(v.to_string());
                    1.0
                } else {
                    v
                }
            }
        }
    }

    fn unique(&mut self, seen: &mut HashMap<String, Range<usize>>, id: &Spanned<String>) {
        let key = id.get_ref().clone();
        if let Some(first) = seen.get(&key) {
            let (line, _) = line_col(self.src, first.start);
            self.at(
                Code::F002,
                id.span(),
                Text::new(
                    format!("id `{key}` sudah dipakai di baris {line}"),
                    format!("id `{key}` is already used on line {line}"),
                ),
            );
        } else {
            seen.insert(key, id.span());
        }
    }
}

/// Loads and validates a framework from TOML text. `file` is used in messages only.
pub fn parse(file: &Path, src: &str) -> Result<Framework, Vec<Problem>> {
    let mut ck = Checker {
        file: file.to_path_buf(),
        src,
        problems: Vec::new(),
    };
    if src.len() > MAX_FRAMEWORK_BYTES {
        ck.problems.push(Problem::new(
            Code::F010,
            file,
            Place::File,
            Text::new(
                format!(
                    "berkas kerangka terlalu besar ({} byte, paling besar {MAX_FRAMEWORK_BYTES})",
                    src.len()
                ),
                format!(
                    "framework file too large ({} bytes, at most {MAX_FRAMEWORK_BYTES})",
                    src.len()
                ),
            ),
        ));
        return Err(ck.problems);
    }
    let raw: RawFile = match toml::from_str(src) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            ck.at(
                Code::F001,
                span,
                Text::new(
                    format!("TOML tidak valid: {msg}"),
                    format!("invalid TOML: {msg}"),
                ),
            );
            return Err(ck.problems);
        }
    };
    let fw = build(&mut ck, raw);
    if ck.problems.is_empty() {
        Ok(fw)
    } else {
        Err(ck.problems)
    }
}

fn build(ck: &mut Checker, raw: RawFile) -> Framework {
    let meta_span = raw.framework.span();
    let meta = raw.framework.into_inner();
    let scale = check_meta(ck, &meta);
    let answer_sets = check_answer_sets(ck, raw.answer_sets, scale);
    let components = check_components(ck, &raw.component);
    let index_basis = match meta
        .index
        .as_ref()
        .map(|s| (s.get_ref().as_str(), s.span()))
    {
        None | Some(("dimensions", _)) => IndexBasis::Dimensions,
        Some(("components", span)) => {
            if components.is_empty() {
                ck.at(
                    Code::F009,
                    span,
                    Text::new(
                        "`index = \"components\"` membutuhkan [[component]]",
                        "`index = \"components\"` needs [[component]] entries",
                    ),
                );
            }
            IndexBasis::Components
        }
        Some((other, span)) => {
            ck.at(
                Code::F007,
                span,
                Text::new(
                    "`index` harus \"dimensions\" atau \"components\"",
                    "`index` must be \"dimensions\" or \"components\"",
                ),
            )
            .found = Some(other.to_string());
            IndexBasis::Dimensions
        }
    };
    let mut ids = HashMap::new();
    let mut dimensions = check_dimensions(ck, &raw.dimension, &mut ids);
    let mut declared = vec![false; dimensions.len()];
    let indicators = check_indicators(
        ck,
        &raw.indicator,
        &mut ids,
        &mut dimensions,
        &mut declared,
        &answer_sets,
        &components,
    );
    check_non_empty(ck, &raw.dimension, &dimensions, &declared);
    if indicators.is_empty() {
        ck.at(
            Code::F006,
            meta_span.clone(),
            Text::new(
                "kerangka tidak memiliki indikator",
                "the framework has no indicators",
            ),
        );
    }
    let bands = check_bands(ck, &raw.band, scale, meta_span);
    let indicator_index = indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.clone(), i))
        .collect();
    let mut indicator_index_lower = HashMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        indicator_index_lower
            .entry(ind.id.to_lowercase())
            .or_insert(i);
    }
    Framework {
        id: meta.id.into_inner(),
        version: meta.version.into_inner(),
        title: meta.title,
        description: meta.description,
        source: meta.source,
        illustrative: meta.illustrative,
        scale,
        levels: meta.levels.into_inner(),
        index_basis,
        min_coverage: meta.min_coverage.map_or(0.0, |c| c.into_inner()),
        answer_sets,
        components,
        dimensions,
        indicators,
        bands,
        bands_note: meta.bands_note,
        content_hash: hex(&Sha256::digest(ck.src.as_bytes())),
        indicator_index,
        indicator_index_lower,
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_meta(ck: &mut Checker, meta: &RawMeta) -> Scale {
    let id = meta.id.get_ref();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        ck.at(
            Code::F007,
            meta.id.span(),
            Text::new(
                "id kerangka hanya boleh berisi huruf kecil, angka, `-` dan `_`",
                "a framework id may hold only lowercase letters, digits, `-` and `_`",
            ),
        )
        .found = Some(id.clone());
    }
    let s = meta.scale.get_ref();
    let scale = Scale {
        min: s.min,
        max: s.max,
    };
    if !(s.min.is_finite() && s.max.is_finite() && s.min < s.max) {
        ck.at(
            Code::F007,
            meta.scale.span(),
            Text::new(
                "skala harus memiliki min < max",
                "the scale needs min < max",
            ),
        );
    }
    if meta.levels.get_ref().is_empty() {
        ck.at(
            Code::F007,
            meta.levels.span(),
            Text::new(
                "`levels` tidak boleh kosong (province, regency, village)",
                "`levels` must not be empty (province, regency, village)",
            ),
        );
    }
    if let Some(c) = &meta.min_coverage {
        let v = *c.get_ref();
        if !(0.0..=1.0).contains(&v) {
            ck.at(
                Code::F007,
                c.span(),
                Text::new(
                    "`min_coverage` harus antara 0 dan 1",
                    "`min_coverage` must lie between 0 and 1",
                ),
            )
            .found = Some(v.to_string());
        }
    }
    scale
}

fn check_answer_sets(
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

fn check_options(
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
    let mut out = Vec::new();
    for opt in options {
        let opt = opt.into_inner();
        // Codes are matched ignoring case and spaces, so uniqueness is checked the same way.
        let key = crate::answers::normalize(opt.code.get_ref());
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

fn check_number(
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
        };
    };
    let (lo, hi) = (*min.get_ref(), *max.get_ref());
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        ck.at(
            Code::F007,
            max.span(),
            Text::new(
                "rentang angka membutuhkan min < max",
                "a number range needs min < max",
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
        Some((other, span)) => {
            ck.at(
                Code::F007,
                span,
                Text::new(
                    "`scoring` harus \"value\" atau \"linear\"",
                    "`scoring` must be \"value\" or \"linear\"",
                ),
            )
            .found = Some(other.to_string());
            NumberScoring::Value
        }
    };
    AnswerKind::Number {
        min: lo,
        max: hi,
        scoring,
        unit: set.unit.clone(),
    }
}

fn check_target_bands(
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

fn check_components(ck: &mut Checker, raw: &[Spanned<RawComponent>]) -> Vec<Component> {
    let mut seen = HashMap::new();
    raw.iter()
        .map(|c| {
            let c = c.get_ref();
            ck.unique(&mut seen, &c.id);
            let weight = ck.weight(
                &Some(c.weight.clone()),
                &format!("komponen/component {}", c.id.get_ref()),
            );
            Component {
                id: c.id.get_ref().clone(),
                label: c.label.clone(),
                description: c.description.clone(),
                weight,
            }
        })
        .collect()
}

fn check_dimensions(
    ck: &mut Checker,
    raw: &[Spanned<RawDimension>],
    ids: &mut HashMap<String, Range<usize>>,
) -> Vec<Dimension> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, d) in raw.iter().enumerate() {
        ck.unique(ids, &d.get_ref().id);
        index.entry(d.get_ref().id.get_ref().as_str()).or_insert(i);
    }
    let mut dims: Vec<Dimension> = raw
        .iter()
        .map(|d| {
            let d = d.get_ref();
            let parent = d.parent.as_ref().and_then(|p| {
                let found = index.get(p.get_ref().as_str()).copied();
                if found.is_none() {
                    ck.at(
                        Code::F003,
                        p.span(),
                        Text::new(
                            format!("dimensi induk `{}` tidak ada", p.get_ref()),
                            format!("parent dimension `{}` does not exist", p.get_ref()),
                        ),
                    );
                }
                found
            });
            let weight = ck.weight(&d.weight, &format!("dimensi/dimension {}", d.id.get_ref()));
            Dimension {
                id: d.id.get_ref().clone(),
                label: d.label.clone(),
                description: d.description.clone(),
                weight,
                parent,
                depth: 0,
                children: Vec::new(),
            }
        })
        .collect();
    // Depth by walking up; a walk longer than the number of dimensions is a cycle.
    for i in 0..dims.len() {
        let mut depth = 0;
        let mut cur = dims[i].parent;
        while let Some(p) = cur {
            depth += 1;
            if depth > dims.len() {
                ck.at(
                    Code::F008,
                    raw[i].get_ref().id.span(),
                    Text::new(
                        format!("dimensi `{}` berada dalam siklus induk", dims[i].id),
                        format!("dimension `{}` is part of a parent cycle", dims[i].id),
                    ),
                );
                dims[i].parent = None;
                depth = 0;
                break;
            }
            cur = dims[p].parent;
        }
        dims[i].depth = depth;
    }
    for i in 0..dims.len() {
        if let Some(p) = dims[i].parent {
            dims[p].children.push(Child::Dimension(i));
        }
    }
    dims
}

fn check_indicators(
    ck: &mut Checker,
    raw: &[Spanned<RawIndicator>],
    ids: &mut HashMap<String, Range<usize>>,
    dims: &mut [Dimension],
    declared: &mut [bool],
    sets: &[AnswerSet],
    components: &[Component],
) -> Vec<Indicator> {
    let dim_index: HashMap<String, usize> = dims
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    let set_index: HashMap<&str, usize> = sets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let comp_index: HashMap<&str, usize> = components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut out = Vec::new();
    for spanned in raw {
        let r = spanned.get_ref();
        let id = r.id.get_ref().clone();
        ck.unique(ids, &r.id);
        if id.trim().is_empty() || id.trim() != id {
            ck.at(
                Code::F007,
                r.id.span(),
                Text::new(
                    "id indikator tidak boleh kosong atau diawali/diakhiri spasi",
                    "an indicator id must not be empty or start or end with spaces",
                ),
            );
        }
        let parent = dim_index.get(r.parent.get_ref()).copied();
        if parent.is_none() {
            ck.at(
                Code::F003,
                r.parent.span(),
                Text::new(
                    format!("dimensi `{}` tidak ada", r.parent.get_ref()),
                    format!("dimension `{}` does not exist", r.parent.get_ref()),
                ),
            );
        }
        let answers = set_index.get(r.answers.get_ref().as_str()).copied();
        if answers.is_none() {
            let known: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
            ck.at(
                Code::F003,
                r.answers.span(),
                Text::new(
                    format!("himpunan jawaban `{}` tidak ada", r.answers.get_ref()),
                    format!("answer set `{}` does not exist", r.answers.get_ref()),
                ),
            )
            .expected = Some(Text::new(
                format!("salah satu dari: {}", known.join(", ")),
                format!("one of: {}", known.join(", ")),
            ));
        }
        let component = match &r.component {
            Some(c) if components.is_empty() => {
                ck.at(
                    Code::F009,
                    c.span(),
                    Text::new(
                        "kerangka ini tidak memiliki [[component]]",
                        "this framework has no [[component]] entries",
                    ),
                );
                None
            }
            Some(c) => {
                let found = comp_index.get(c.get_ref().as_str()).copied();
                if found.is_none() {
                    ck.at(
                        Code::F003,
                        c.span(),
                        Text::new(
                            format!("komponen `{}` tidak ada", c.get_ref()),
                            format!("component `{}` does not exist", c.get_ref()),
                        ),
                    );
                }
                found
            }
            None if !components.is_empty() => {
                ck.at(
                    Code::F009,
                    r.id.span(),
                    Text::new(
                        format!("indikator `{id}` membutuhkan `component`"),
                        format!("indicator `{id}` needs a `component`"),
                    ),
                );
                None
            }
            None => None,
        };
        let target = check_target(ck, r, answers.map(|a| &sets[a]));
        let weight = ck.weight(&r.weight, &format!("indikator/indicator {id}"));
        let Some(parent) = parent else { continue };
        // Declared here even if rejected below, so its dimension is not also reported empty.
        declared[parent] = true;
        let Some(answers) = answers else { continue };
        dims[parent].children.push(Child::Indicator(out.len()));
        out.push(Indicator {
            id,
            label: r.label.clone(),
            question: r.question.clone(),
            guidance: r.guidance.clone(),
            weight,
            parent,
            component,
            answers,
            na_allowed: r.na_allowed,
            required: r.required,
            evidence: r.evidence,
            target,
        });
    }
    out
}

fn check_target(ck: &mut Checker, r: &RawIndicator, set: Option<&AnswerSet>) -> Option<Target> {
    let is_target = matches!(set.map(|s| &s.kind), Some(AnswerKind::Target { .. }));
    let lower = match r
        .direction
        .as_ref()
        .map(|d| (d.get_ref().as_str(), d.span()))
    {
        None | Some(("higher", _)) => false,
        Some(("lower", _)) => true,
        Some((other, span)) => {
            ck.at(
                Code::F007,
                span,
                Text::new(
                    "`direction` harus \"higher\" atau \"lower\"",
                    "`direction` must be \"higher\" or \"lower\"",
                ),
            )
            .found = Some(other.to_string());
            false
        }
    };
    match (&r.target, is_target) {
        (Some(t), true) => {
            let v = *t.get_ref();
            if !(v.is_finite() && v > 0.0) {
                ck.at(
                    Code::F007,
                    t.span(),
                    Text::new(
                        "target harus lebih dari nol",
                        "a target must be greater than zero",
                    ),
                )
                .found = Some(v.to_string());
            }
            Some(Target {
                value: v,
                lower_is_better: lower,
            })
        }
        (None, true) => {
            ck.at(
                Code::F009,
                r.id.span(),
                Text::new(
                    format!(
                        "indikator `{}` memakai himpunan target dan membutuhkan `target`",
                        r.id.get_ref()
                    ),
                    format!(
                        "indicator `{}` uses a target answer set and needs a `target`",
                        r.id.get_ref()
                    ),
                ),
            );
            None
        }
        (Some(t), false) if set.is_some() => {
            ck.at(
                Code::F009,
                t.span(),
                Text::new(
                    "`target` hanya untuk himpunan jawaban jenis target",
                    "`target` is only for answer sets of kind target",
                ),
            );
            None
        }
        _ => None,
    }
}

fn check_non_empty(
    ck: &mut Checker,
    raw: &[Spanned<RawDimension>],
    dims: &[Dimension],
    declared: &[bool],
) {
    fn has_indicator(dims: &[Dimension], declared: &[bool], i: usize, budget: usize) -> bool {
        budget > 0
            && (declared[i]
                || dims[i].children.iter().any(|c| match c {
                    Child::Indicator(_) => true,
                    Child::Dimension(d) => has_indicator(dims, declared, *d, budget - 1),
                }))
    }
    for (i, d) in dims.iter().enumerate() {
        if !has_indicator(dims, declared, i, dims.len() + 1) {
            ck.at(
                Code::F006,
                raw[i].get_ref().id.span(),
                Text::new(
                    format!("dimensi `{}` tidak memiliki indikator", d.id),
                    format!("dimension `{}` has no indicators", d.id),
                ),
            );
        }
    }
}

fn check_bands(
    ck: &mut Checker,
    raw: &[Spanned<RawBand>],
    scale: Scale,
    meta_span: Range<usize>,
) -> Vec<Band> {
    if raw.is_empty() {
        ck.at(
            Code::F005,
            meta_span,
            Text::new(
                "kerangka membutuhkan setidaknya satu [[band]] (predikat)",
                "the framework needs at least one [[band]] (predicate)",
            ),
        );
        return Vec::new();
    }
    let mut expected_from = scale.min;
    let mut out = Vec::new();
    for (i, b) in raw.iter().enumerate() {
        let b = b.get_ref();
        let (from, to) = (*b.from.get_ref(), *b.to.get_ref());
        if from != expected_from {
            let (what_id, what_en) = if i == 0 {
                (
                    "harus dimulai di batas bawah skala",
                    "must start at the bottom of the scale",
                )
            } else if from < expected_from {
                (
                    "tumpang tindih dengan predikat sebelumnya",
                    "overlaps the previous band",
                )
            } else {
                (
                    "menyisakan celah setelah predikat sebelumnya",
                    "leaves a gap after the previous band",
                )
            };
            ck.at(
                Code::F005,
                b.from.span(),
                Text::new(
                    format!("predikat `{}` {what_id}", b.label.id),
                    format!("band `{}` {what_en}", b.label.en),
                ),
            )
            .expected = Some(Text::new(
                format!("from = {expected_from}"),
                format!("from = {expected_from}"),
            ));
        }
        if to <= from || to.is_nan() {
            ck.at(
                Code::F005,
                b.to.span(),
                Text::new("predikat membutuhkan from < to", "a band needs from < to"),
            );
        }
        if i + 1 == raw.len() && to != scale.max {
            ck.at(
                Code::F005,
                b.to.span(),
                Text::new(
                    "predikat terakhir harus berakhir di batas atas skala",
                    "the last band must end at the top of the scale",
                ),
            )
            .expected = Some(Text::new(
                format!("to = {}", scale.max),
                format!("to = {}", scale.max),
            ));
        }
        expected_from = to;
        out.push(Band {
            from,
            to,
            label: b.label.clone(),
        });
    }
    out
}

/// Reads and validates a framework file.
pub fn load_file(path: &Path) -> Result<Framework, Vec<Problem>> {
    let read_err = |e: String| {
        vec![Problem::new(
            Code::F010,
            path,
            Place::File,
            Text::new(
                format!("berkas kerangka tidak dapat dibaca: {e}"),
                format!("cannot read the framework file: {e}"),
            ),
        )]
    };
    let meta = std::fs::metadata(path).map_err(|e| read_err(e.to_string()))?;
    if meta.len() > MAX_FRAMEWORK_BYTES as u64 {
        return Err(read_err(format!(
            "{} bytes > {MAX_FRAMEWORK_BYTES}",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| read_err(e.to_string()))?;
    let src = String::from_utf8(bytes).map_err(|_| read_err("not UTF-8 / bukan UTF-8".into()))?;
    parse(path, &src)
}
