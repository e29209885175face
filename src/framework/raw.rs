//! The framework file as written: serde structures that mirror the TOML, with spans kept on
//! every value a later check may need to point at. Nothing here validates.

use super::model::Level;
use crate::text::Text;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub(super) framework: Spanned<RawMeta>,
    #[serde(default)]
    pub(super) answer_sets: BTreeMap<String, Spanned<RawAnswerSet>>,
    #[serde(default)]
    pub(super) component: Vec<Spanned<RawComponent>>,
    #[serde(default)]
    pub(super) dimension: Vec<Spanned<RawDimension>>,
    #[serde(default)]
    pub(super) indicator: Vec<Spanned<RawIndicator>>,
    #[serde(default)]
    pub(super) band: Vec<Spanned<RawBand>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub(super) id: Spanned<String>,
    pub(super) version: Spanned<String>,
    pub(super) title: Text,
    pub(super) description: Option<Text>,
    pub(super) source: Option<String>,
    pub(super) illustrative: Option<Text>,
    pub(super) scale: Spanned<RawScale>,
    pub(super) levels: Spanned<Vec<Level>>,
    pub(super) index: Option<Spanned<String>>,
    pub(super) min_coverage: Option<Spanned<f64>>,
    pub(super) bands_note: Option<Text>,
    pub(super) band_closure: Option<Spanned<String>>,
    pub(super) precision: Option<Spanned<i64>>,
    pub(super) years: Option<Spanned<RawYears>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawYears {
    pub(super) from: i64,
    pub(super) to: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    pub(super) min: f64,
    pub(super) max: f64,
}

/// One struct for every kind, so spans survive (serde's tagged enums buffer and lose them);
/// the validator says which keys belong to which kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnswerSet {
    pub(super) kind: Spanned<String>,
    pub(super) label: Option<Text>,
    pub(super) options: Option<Vec<Spanned<RawOption>>>,
    pub(super) min: Option<Spanned<f64>>,
    pub(super) max: Option<Spanned<f64>>,
    pub(super) scoring: Option<Spanned<String>>,
    pub(super) unit: Option<String>,
    pub(super) bands: Option<Spanned<Vec<Spanned<RawTargetBand>>>>,
    pub(super) table: Option<Spanned<Vec<Spanned<RawRange>>>>,
    pub(super) closure: Option<Spanned<String>>,
}

/// One row of a conversion table: numbers from `from` to `to` score `score`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRange {
    pub(super) from: Spanned<f64>,
    pub(super) to: Spanned<f64>,
    pub(super) score: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub(super) code: Spanned<String>,
    pub(super) value: Spanned<f64>,
    pub(super) label: Text,
    pub(super) description: Option<Text>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTargetBand {
    pub(super) from: f64,
    pub(super) score: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawComponent {
    pub(super) id: Spanned<String>,
    pub(super) label: Text,
    pub(super) description: Option<Text>,
    pub(super) weight: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDimension {
    pub(super) id: Spanned<String>,
    pub(super) parent: Option<Spanned<String>>,
    pub(super) label: Text,
    pub(super) description: Option<Text>,
    pub(super) weight: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndicator {
    pub(super) id: Spanned<String>,
    pub(super) parent: Spanned<String>,
    pub(super) component: Option<Spanned<String>>,
    pub(super) answers: Spanned<String>,
    pub(super) label: Text,
    pub(super) question: Text,
    pub(super) guidance: Option<Text>,
    pub(super) weight: Option<Spanned<f64>>,
    #[serde(default)]
    pub(super) na_allowed: bool,
    #[serde(default = "yes")]
    pub(super) required: bool,
    #[serde(default)]
    pub(super) blank_allowed: bool,
    #[serde(default)]
    pub(super) evidence: bool,
    pub(super) target: Option<Spanned<f64>>,
    pub(super) direction: Option<Spanned<String>>,
}

pub(super) fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBand {
    pub(super) from: Spanned<f64>,
    pub(super) to: Spanned<f64>,
    pub(super) label: Text,
    pub(super) description: Option<Text>,
}
