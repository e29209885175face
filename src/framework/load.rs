//! Reading a framework from TOML and validating it into a [`Framework`]. Every check that can fail
//! points at `file:line:column`, and all of them run, so a maintainer fixes a file in one pass.
//! The checks live beside this file by subject: [`super::answer_sets`], [`super::tree`].

use super::answer_sets::check_answer_sets;
use super::checker::Checker;
use super::model::*;
use super::raw::*;
use super::tree::{check_components, check_dimensions, check_indicators, check_non_empty};
use crate::diagnostics::{Code, Place, Problem};
use crate::text::{Text, os_error};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Largest framework file read: a framework is text written by people; anything far larger is a
/// mistake or an attack, and parsing it would only waste memory.
pub const MAX_FRAMEWORK_BYTES: usize = 4 * 1024 * 1024;

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
    let band_closure = ck.closure(meta.band_closure.as_ref(), "band_closure");
    let precision = check_precision(ck, &meta);
    let years = check_years(ck, &meta);
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
    super::bounds::check_weight_sums(
        ck,
        &raw.dimension,
        &raw.component,
        &dimensions,
        &indicators,
        &components,
    );
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
    let option_lookups = answer_sets
        .iter()
        .map(|s| match &s.kind {
            AnswerKind::Options { options } => Some(OptionLookup::new(options)),
            _ => None,
        })
        .collect();
    let mut indicator_index_lower = rustc_hash::FxHashMap::default();
    for (i, ind) in indicators.iter().enumerate() {
        indicator_index_lower
            .entry(ind.id.to_lowercase())
            .or_insert(i);
    }
    let accepted = indicators
        .iter()
        .map(|ind| accepted(&answer_sets[ind.answers], ind))
        .collect();
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
        band_closure,
        precision,
        years,
        content_hash: hex(&Sha256::digest(ck.src.as_bytes())),
        indicator_index,
        indicator_index_lower,
        option_lookups,
        accepted,
    }
}

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
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

/// Most decimals a framework may ask to show: beyond this a binary64 score shows noise.
pub const MAX_PRECISION: usize = 12;

fn check_precision(ck: &mut Checker, meta: &RawMeta) -> usize {
    let Some(p) = &meta.precision else {
        return 2;
    };
    let v = *p.get_ref();
    if !(0..=MAX_PRECISION as i64).contains(&v) {
        ck.at(
            Code::F007,
            p.span(),
            Text::new(
                format!("`precision` harus bilangan bulat 0–{MAX_PRECISION}"),
                format!("`precision` must be a whole number 0–{MAX_PRECISION}"),
            ),
        )
        .found = Some(v.to_string());
        return 2;
    }
    v as usize
}

fn check_years(ck: &mut Checker, meta: &RawMeta) -> Option<Years> {
    let y = meta.years.as_ref()?;
    let (from, to) = (y.get_ref().from, y.get_ref().to);
    let plausible = |v: i64| (1900..=2200).contains(&v);
    if !plausible(from) || to.is_some_and(|to| !plausible(to) || to < from) {
        ck.at(
            Code::F007,
            y.span(),
            Text::new(
                "`years` membutuhkan tahun 1900–2200 dengan from ≤ to",
                "`years` needs years 1900–2200 with from ≤ to",
            ),
        )
        .found = Some(match to {
            Some(to) => format!("{from}–{to}"),
            None => format!("{from}–"),
        });
        return None;
    }
    Some(Years {
        from: from as i32,
        to: to.map(|t| t as i32),
    })
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
            description: b.description.clone(),
        });
    }
    out
}

/// Reads and validates a framework file.
pub fn load_file(path: &Path) -> Result<Framework, Vec<Problem>> {
    let read_err = |why: Text| {
        vec![Problem::new(
            Code::F010,
            path,
            Place::File,
            Text::new(
                format!("berkas kerangka tidak dapat dibaca: {}", why.id),
                format!("cannot read the framework file: {}", why.en),
            ),
        )]
    };
    let meta = std::fs::metadata(path).map_err(|e| read_err(os_error(&e)))?;
    if meta.len() > MAX_FRAMEWORK_BYTES as u64 {
        let size = meta.len();
        return Err(read_err(Text::new(
            format!("{size} byte > {MAX_FRAMEWORK_BYTES}"),
            format!("{size} bytes > {MAX_FRAMEWORK_BYTES}"),
        )));
    }
    // The length in the metadata says nothing of a pipe or a device (`/dev/zero`, `<(…)`): read
    // at most one byte past the cap, whatever the metadata said.
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| read_err(os_error(&e)))?,
            MAX_FRAMEWORK_BYTES as u64 + 1,
        ),
        &mut bytes,
    )
    .map_err(|e| read_err(os_error(&e)))?;
    if bytes.len() > MAX_FRAMEWORK_BYTES {
        return Err(read_err(Text::new(
            format!("lebih dari {MAX_FRAMEWORK_BYTES} byte"),
            format!("more than {MAX_FRAMEWORK_BYTES} bytes"),
        )));
    }
    let src =
        String::from_utf8(bytes).map_err(|_| read_err(Text::new("bukan UTF-8", "not UTF-8")))?;
    parse(path, &src)
}
