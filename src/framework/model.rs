//! The validated framework: what the loader produces and everything downstream reads. References
//! between parts are indices checked by the loader, so scoring never meets a dangling id.

use crate::submission::Answer;
use crate::text::{Lang, Text};
use serde::Serialize;
// Keys here are short ids and answer spellings looked up millions of times per batch; FxHash is
// several times faster than SipHash and the keys come from the framework, not from attackers.
use rustc_hash::FxHashMap as HashMap;

/// The score scale of a framework, e.g. 0–4.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    /// Bottom of the scale.
    pub min: f64,
    /// Top of the scale.
    pub max: f64,
}

impl Scale {
    /// Whether `v` lies on the scale.
    pub fn contains(&self, v: f64) -> bool {
        v >= self.min && v <= self.max
    }
}

/// Administrative level of the regions a framework assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Provinsi.
    Province,
    /// Kabupaten or kota.
    Regency,
    /// Desa or kelurahan.
    Village,
}

/// What the index is the weighted mean of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexBasis {
    /// The top-level dimensions.
    Dimensions,
    /// The cross-cutting components.
    Components,
}

/// One choice of an options answer set.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerOption {
    /// What staff type or pick.
    pub code: String,
    /// The score on the framework's scale.
    pub value: f64,
    /// Name of the option.
    pub label: Text,
    /// Guidance: what the option means.
    pub description: Option<Text>,
    /// Further accepted spellings.
    pub aliases: Vec<String>,
}

/// How a number becomes a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberScoring {
    /// The number is the score.
    Value,
    /// `min` maps to the bottom of the scale, `max` to the top.
    Linear,
    /// The number is looked up in a conversion table of ranges (e.g. an external index → level).
    Table,
}

/// Which end of each interval of a partition belongs to it: bands over the index, rows of a
/// conversion table. The partition always covers its whole range; the outer end that the rule
/// would leave open (the top for `Lower`, the bottom for `Upper`) is included too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Closure {
    /// `[from, to)`: each interval includes its lower bound (the default, SPBE and Pemdi).
    #[default]
    Lower,
    /// `(from, to]`: each interval includes its upper bound (IDM statuses).
    Upper,
}

impl Closure {
    /// The interval among `bounds` (ascending, contiguous `(from, to)` pairs) that holds `v`.
    pub fn find(self, bounds: impl ExactSizeIterator<Item = (f64, f64)>, v: f64) -> Option<usize> {
        let n = bounds.len();
        for (i, (from, to)) in bounds.enumerate() {
            let inside = match self {
                Closure::Lower => (v >= from && v < to) || (i + 1 == n && v == to),
                Closure::Upper => (v > from && v <= to) || (i == 0 && v == from),
            };
            if inside {
                return Some(i);
            }
        }
        None
    }

    /// The name used in framework files.
    pub fn as_str(self) -> &'static str {
        match self {
            Closure::Lower => "lower",
            Closure::Upper => "upper",
        }
    }
}

/// One row of a conversion table: numbers in the interval from `from` to `to` (which end belongs
/// to it follows the table's [`Closure`]) score `score`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RangeScore {
    /// Lower bound.
    pub from: f64,
    /// Upper bound.
    pub to: f64,
    /// The score given, on the framework's scale.
    pub score: f64,
}

/// The years a framework applies to, e.g. 2021–2025, or from 2026 on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Years {
    /// First assessment year.
    pub from: i32,
    /// Last assessment year; `None` while still in force.
    pub to: Option<i32>,
}

impl Years {
    /// `2021–2025`, or `2026–` while open.
    pub fn label(&self) -> String {
        match self.to {
            Some(to) if to == self.from => self.from.to_string(),
            Some(to) => format!("{}–{to}", self.from),
            None => format!("{}–", self.from),
        }
    }

    /// Whether assessments of `year` follow this framework.
    pub fn contains(&self, year: i32) -> bool {
        year >= self.from && self.to.is_none_or(|to| year <= to)
    }
}

/// A threshold of a target-scored KPI: from this share of the target on, `score` points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TargetBand {
    /// Achieved share of the target (0.95 = 95 %) from which this band applies.
    pub from: f64,
    /// The score given.
    pub score: f64,
}

/// The kinds of answer set.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum AnswerKind {
    /// Pick one of these.
    Options {
        /// The choices, in order.
        options: Vec<AnswerOption>,
    },
    /// A number in a range.
    Number {
        /// Smallest accepted.
        min: f64,
        /// Largest accepted.
        max: f64,
        /// How it becomes a score.
        scoring: NumberScoring,
        /// Unit shown to staff.
        unit: Option<String>,
        /// The conversion table, for [`NumberScoring::Table`] (empty otherwise): contiguous
        /// ranges from `min` to `max`.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        table: Vec<RangeScore>,
        /// Which end of each table range belongs to it.
        closure: Closure,
    },
    /// A KPI scored against its indicator's target.
    Target {
        /// Ascending thresholds, the first at 0.
        bands: Vec<TargetBand>,
    },
}

/// A named, shared way of answering.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerSet {
    /// The name indicators use.
    pub name: String,
    /// Shown to staff.
    pub label: Option<Text>,
    /// The form of the answer.
    pub kind: AnswerKind,
}

/// A cross-cutting component (e.g. Kominfo's Output).
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    /// Stable id.
    pub id: String,
    /// Name.
    pub label: Text,
    /// What it measures.
    pub description: Option<Text>,
    /// Weight in the index.
    pub weight: f64,
}

/// A child of a dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "lowercase")]
pub enum Child {
    /// A sub-dimension (index into `Framework::dimensions`).
    Dimension(usize),
    /// An indicator (index into `Framework::indicators`).
    Indicator(usize),
}

/// A dimension or sub-dimension.
#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    /// Stable id.
    pub id: String,
    /// Name.
    pub label: Text,
    /// What it covers.
    pub description: Option<Text>,
    /// Weight among its siblings.
    pub weight: f64,
    /// The parent dimension, `None` for a top-level one.
    pub parent: Option<usize>,
    /// 0 for top-level dimensions.
    pub depth: usize,
    /// Sub-dimensions and indicators, in file order.
    pub children: Vec<Child>,
}

/// A KPI target of an indicator scored with a target answer set.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    /// The value that counts as fully achieved.
    pub value: f64,
    /// Whether smaller values are better (achievement = target / value).
    pub lower_is_better: bool,
}

/// One question.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Stable id.
    pub id: String,
    /// Short name.
    pub label: Text,
    /// The question as asked.
    pub question: Text,
    /// How to answer and what evidence is expected.
    pub guidance: Option<Text>,
    /// Weight among its siblings (and within its component).
    pub weight: f64,
    /// The dimension it belongs to.
    pub parent: usize,
    /// Its component, when the framework has components.
    pub component: Option<usize>,
    /// Index into `Framework::answer_sets`.
    pub answers: usize,
    /// Whether N/A is acceptable.
    pub na_allowed: bool,
    /// Whether a blank answer scores the bottom of the scale (true) or is left out (false).
    pub required: bool,
    /// Whether a blank answer to a required indicator is expected (a value another body supplies
    /// later): it still scores the bottom of the scale, without a warning or, checking, an error.
    pub blank_allowed: bool,
    /// Whether supporting evidence is expected.
    pub evidence: bool,
    /// The KPI target, for target answer sets.
    pub target: Option<Target>,
}

/// A labelled interval of the index: `[from, to)` (the last band includes `to`), or `(from, to]`
/// (the first includes `from`) when the framework's bands are closed at the upper end.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// Lower bound (inclusive unless the bands are closed at the upper end).
    pub from: f64,
    /// Upper bound (exclusive unless the bands are closed at the upper end, or this is the last).
    pub to: f64,
    /// The predicate.
    pub label: Text,
    /// What the predicate means (e.g. Pemdi's level name).
    pub description: Option<Text>,
}

/// A validated indicator framework.
#[derive(Debug, Clone, Serialize)]
pub struct Framework {
    /// Stable id.
    pub id: String,
    /// Edition.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Option<Text>,
    /// Citation of the rules followed.
    pub source: Option<String>,
    /// What is not official.
    pub illustrative: Option<Text>,
    /// Score scale.
    pub scale: Scale,
    /// Levels of region assessed.
    pub levels: Vec<Level>,
    /// What the index is computed from.
    pub index_basis: IndexBasis,
    /// Share of indicators that must be answered for an index.
    pub min_coverage: f64,
    /// Named answer sets.
    pub answer_sets: Vec<AnswerSet>,
    /// Cross-cutting components (empty when none).
    pub components: Vec<Component>,
    /// All dimensions, in file order.
    pub dimensions: Vec<Dimension>,
    /// All indicators in file order.
    pub indicators: Vec<Indicator>,
    /// Predicates, ascending.
    pub bands: Vec<Band>,
    /// A note on the bands (e.g. not official).
    pub bands_note: Option<Text>,
    /// Which end of each band belongs to it (default `[from, to)`).
    pub band_closure: Closure,
    /// Decimals shown for scores and the index (default 2); computation never rounds.
    pub precision: usize,
    /// The assessment years the framework applies to, when stated.
    pub years: Option<Years>,
    /// SHA-256 of the framework file (hex), so a published result names exactly what scored it.
    pub content_hash: String,
    #[serde(skip)]
    pub(crate) indicator_index: HashMap<String, usize>,
    /// Ids in lowercase, for lookups that forgive case.
    #[serde(skip)]
    pub(crate) indicator_index_lower: HashMap<String, usize>,
    /// By answer set: how typed text finds an option (`None` for number and target sets).
    #[serde(skip)]
    pub option_lookups: Vec<Option<OptionLookup>>,
    /// By indicator: what it accepts, for messages (see [`accepted`]).
    #[serde(skip)]
    pub(crate) accepted: Vec<Text>,
}

/// What it takes to reach the next band ([`Framework::next_band`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NextBand {
    /// Index of the next band into `Framework::bands`.
    pub band: usize,
    /// The least index in that band, at the framework's display precision.
    pub minimum: f64,
    /// `minimum` minus the current index.
    pub gap: f64,
}

/// Every spelling that names an option of one set, normalised once when the framework is
/// loaded, so reading an answer is a hash lookup rather than a scan that allocates.
#[derive(Debug, Clone, Default)]
pub struct OptionLookup {
    /// Code, labels in both languages, aliases and `code - label` forms → option index.
    pub names: HashMap<String, usize>,
    /// Normalised codes → option index.
    pub codes: HashMap<String, usize>,
    /// Normalised labels (id, en) by option.
    pub labels: Vec<[String; 2]>,
    /// The one option spelled like "yes", if exactly one is.
    pub yes: Option<usize>,
    /// The one option spelled like "no", if exactly one is.
    pub no: Option<usize>,
}

/// How N/A is typed (normalised): never an option, so no option's code may be one.
pub const NA_SPELLINGS: &[&str] = &[
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "tidak berlaku",
    "not applicable",
    "tb",
    "t/b",
];
/// Spellings of yes and of no that an answer may use for a yes/no option.
pub const YES_SPELLINGS: &[&str] = &["ya", "yes", "y", "true", "benar", "iya", "ada"];
/// See [`YES_SPELLINGS`].
pub const NO_SPELLINGS: &[&str] = &[
    "tidak",
    "no",
    "n",
    "false",
    "t",
    "salah",
    "tdk",
    "tidak ada",
];

impl OptionLookup {
    /// The lookup of a list of options.
    pub fn new(options: &[AnswerOption]) -> Self {
        let norm = crate::submission::normalize;
        let mut names = HashMap::default();
        let mut codes = HashMap::default();
        let mut labels = Vec::new();
        let mut spellings: Vec<Vec<String>> = Vec::new();
        for (i, o) in options.iter().enumerate() {
            let (code, id, en) = (norm(&o.code), norm(&o.label.id), norm(&o.label.en));
            let mut own = vec![code.clone(), id.clone(), en.clone()];
            own.extend(o.aliases.iter().map(|a| norm(a)));
            for sep in [" - ", " – ", " — ", ": ", ". "] {
                own.push(format!("{code}{sep}{id}"));
                own.push(format!("{code}{sep}{en}"));
            }
            for name in &own {
                names.entry(name.clone()).or_insert(i);
            }
            codes.entry(code).or_insert(i);
            labels.push([id, en]);
            spellings.push(own);
        }
        let unique = |class: &[&str]| {
            let hits: Vec<usize> = (0..options.len())
                .filter(|&i| spellings[i].iter().any(|n| class.contains(&n.as_str())))
                .collect();
            (hits.len() == 1).then(|| hits[0])
        };
        OptionLookup {
            yes: unique(YES_SPELLINGS),
            no: unique(NO_SPELLINGS),
            names,
            codes,
            labels,
        }
    }
}

impl Framework {
    /// The index of the indicator with this id (exact match; ids are case-sensitive).
    pub fn indicator_by_id(&self, id: &str) -> Option<usize> {
        self.indicator_index.get(id).copied()
    }

    /// What indicator `i` accepts, for messages: the options, or the range.
    pub fn accepted_by(&self, i: usize) -> &Text {
        &self.accepted[i]
    }

    /// [`Self::find_indicator`], trying indicator `guess` first: rows of a long table usually
    /// follow the framework's order, so the one after the previous row's is a good guess.
    pub fn find_indicator_near(&self, written: &str, guess: usize) -> Option<usize> {
        match self.indicators.get(guess) {
            Some(ind) if ind.id == written => Some(guess),
            _ => self.find_indicator(written),
        }
    }

    /// The indicator a written id names: exactly, or ignoring case and surrounding spaces.
    pub fn find_indicator(&self, written: &str) -> Option<usize> {
        let trimmed = written.trim();
        self.indicator_by_id(trimmed).or_else(|| {
            self.indicator_index_lower
                .get(&trimmed.to_lowercase())
                .copied()
        })
    }

    /// Top-level dimensions, in file order.
    pub fn top_dimensions(&self) -> impl Iterator<Item = (usize, &Dimension)> {
        self.dimensions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.parent.is_none())
    }

    /// The band the index `value` falls in, following [`Self::band_closure`].
    pub fn band_of(&self, value: f64) -> Option<usize> {
        self.band_closure
            .find(self.bands.iter().map(|b| (b.from, b.to)), value)
    }

    /// The band above the one `value` falls in, the least index that reaches it and how far that
    /// is from `value`; `None` in the top band or off the bands. With bands `[from, to)` the least
    /// index is the next band's `from`. With bands `(from, to]` the bound itself stays below, so
    /// the least index is the bound plus one step of the display precision: IDM's "skor minimal"
    /// for Mandiri is 0.8156 above the bound 0.8155, and a Maju village at 0.7192 needs 0.0964.
    pub fn next_band(&self, value: f64) -> Option<NextBand> {
        let band = self.band_of(value)? + 1;
        let bound = self.bands.get(band)?.from;
        let minimum = match self.band_closure {
            Closure::Lower => bound,
            Closure::Upper => bound + 10f64.powi(-(self.precision as i32)),
        };
        Some(NextBand {
            band,
            minimum,
            gap: minimum - value,
        })
    }

    /// The answer set of indicator `i`.
    pub fn answer_set_of(&self, i: usize) -> &AnswerSet {
        &self.answer_sets[self.indicators[i].answers]
    }

    /// An answer to indicator `i` as a person would type it in the questionnaire: an option's
    /// code, a number with the language's decimal separator (`75,5` / `75.5`), `N/A`, or nothing
    /// for a blank.
    pub fn answer_text(&self, i: usize, answer: Option<&Answer>, lang: Lang) -> String {
        match (answer, &self.answer_set_of(i).kind) {
            (None, _) => String::new(),
            (Some(Answer::NotApplicable), _) => "N/A".into(),
            (Some(Answer::Choice(o)), AnswerKind::Options { options }) => {
                options.get(*o).map_or(String::new(), |o| o.code.clone())
            }
            (Some(Answer::Number(n)), _) => crate::submission::format_number(*n)
                .replace('.', &lang.decimal_separator().to_string()),
            (Some(Answer::Choice(_)), _) => String::new(),
        }
    }

    /// Whether the framework assesses regions of `level`.
    pub fn assesses(&self, level: Level) -> bool {
        self.levels.contains(&level)
    }
}

/// What an indicator accepts, for messages: the options, or the range. Built once per
/// indicator when a framework is loaded ([`Framework::accepted_by`]).
pub fn accepted(set: &AnswerSet, ind: &Indicator) -> Text {
    let na = |lang: Lang| match (ind.na_allowed, lang) {
        (true, Lang::Id) => " atau N/A",
        (true, Lang::En) => " or N/A",
        (false, _) => "",
    };
    match &set.kind {
        AnswerKind::Options { options } => {
            let list = |lang: Lang| {
                let shown: Vec<String> = options
                    .iter()
                    .take(12)
                    .map(|o| format!("{} ({})", o.code, o.label.get(lang)))
                    .collect();
                let more = if options.len() > 12 { ", …" } else { "" };
                format!("{}{more}{}", shown.join(", "), na(lang))
            };
            Text::new(
                format!("salah satu dari: {}", list(Lang::Id)),
                format!("one of: {}", list(Lang::En)),
            )
        }
        AnswerKind::Number { min, max, unit, .. } => {
            let unit = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            Text::new(
                format!(
                    "angka dari {} sampai {}{unit}{}",
                    Lang::Id.number(*min, 2).trim_end_matches(",00"),
                    Lang::Id.number(*max, 2).trim_end_matches(",00"),
                    na(Lang::Id)
                ),
                format!(
                    "a number from {} to {}{unit}{}",
                    Lang::En.number(*min, 2).trim_end_matches(".00"),
                    Lang::En.number(*max, 2).trim_end_matches(".00"),
                    na(Lang::En)
                ),
            )
        }
        AnswerKind::Target { .. } => Text::new(
            format!(
                "angka tidak negatif (target {}){}",
                ind.target.map_or(0.0, |t| t.value),
                na(Lang::Id)
            ),
            format!(
                "a non-negative number (target {}){}",
                ind.target.map_or(0.0, |t| t.value),
                na(Lang::En)
            ),
        ),
    }
}
