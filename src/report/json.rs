//! `results.json`: the framework used, every result with its dimension, component and indicator
//! scores and answers, and the problems found. Field names are stable (documented in the README);
//! scores are unrounded.

use super::band_label;
use crate::compare::{Comparison, Entry};
use crate::diagnostics::{Place, Problem};
use crate::framework::{AnswerKind, Framework, Scale};
use crate::scoring::{Coverage, IndexStatus, IndicatorStatus};
use crate::submission::{Answer, DetailSpill, Submission};
use crate::text::{Lang, Text};
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    tool: Tool,
    framework: FrameworkInfo<'a>,
    results: Results<'a>,
    problems: &'a [Problem],
}

/// Every result, each built only as it is serialised: a national file holds millions of
/// indicator results, which as one vector would cost more memory than the comparison itself.
struct Results<'a> {
    fw: &'a Framework,
    cmp: &'a Comparison,
    /// Where the answers' detail is, when not in the submissions.
    details: Option<&'a DetailSpill>,
    lang: Lang,
    shown: crate::report::ShownPaths,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.cmp.entries.len()))?;
        for e in &self.cmp.entries {
            // One region-year's detail read back at a time, dropped once written.
            let full = match self.details {
                Some(d) => Some(d.full(&e.submission).map_err(S::Error::custom)?),
                None => None,
            };
            let sub = full.as_ref().unwrap_or(&e.submission);
            let prev = self.cmp.previous(e);
            seq.serialize_element(&result(self.fw, e, prev, sub, self.lang, &self.shown))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FrameworkInfo<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a Text,
    scale: Scale,
    content_hash: &'a str,
    dimensions: Vec<DimensionInfo<'a>>,
    components: Vec<ComponentInfo<'a>>,
    bands: Vec<BandInfo<'a>>,
}

#[derive(Serialize)]
struct DimensionInfo<'a> {
    id: &'a str,
    label: &'a Text,
    parent: Option<&'a str>,
    weight: f64,
}

#[derive(Serialize)]
struct ComponentInfo<'a> {
    id: &'a str,
    label: &'a Text,
    weight: f64,
}

#[derive(Serialize)]
struct BandInfo<'a> {
    from: f64,
    to: f64,
    label: &'a Text,
}

#[derive(Serialize)]
struct Result<'a> {
    region_code: &'a str,
    region_name: String,
    kind: &'static str,
    province_code: &'a str,
    province_name: String,
    year: i32,
    framework_id: &'a str,
    framework_version: &'a str,
    index: Option<f64>,
    band: String,
    status: IndexStatus,
    coverage: CoverageInfo,
    previous: Option<Previous<'a>>,
    improvement: Option<f64>,
    band_change: Option<i64>,
    rank: Option<u32>,
    rank_change: Option<i64>,
    rank_kind: Option<u32>,
    rank_province: Option<u32>,
    dimensions: Vec<Score<'a>>,
    components: Vec<Score<'a>>,
    change: Option<ChangeInfo<'a>>,
    next_band: Option<NextBandInfo<'a>>,
    indicators: Vec<IndicatorResult<'a>>,
    source: Source<'a>,
    self_assessed: SelfAssessedInfo<'a>,
    verification: VerificationInfo<'a>,
}

/// The scores of the region's own answers (equal to the final ones when nothing was reviewed).
#[derive(Serialize)]
struct SelfAssessedInfo<'a> {
    index: Option<f64>,
    band: String,
    dimensions: Vec<SelfScore<'a>>,
    components: Vec<SelfScore<'a>>,
}

#[derive(Serialize)]
struct SelfScore<'a> {
    id: &'a str,
    score: Option<f64>,
}

#[derive(Serialize)]
struct VerificationInfo<'a> {
    status: crate::submission::VerificationStatus,
    reviewed: usize,
    changed: usize,
    stage: Option<&'a str>,
    evaluator: Option<&'a str>,
    date: Option<&'a str>,
}

fn self_assessed_info<'a>(fw: &'a Framework, e: &Entry, lang: Lang) -> SelfAssessedInfo<'a> {
    let own = crate::scoring::self_assessed::self_scores(&e.submission, &e.scorecard);
    SelfAssessedInfo {
        index: own.index,
        band: own
            .band
            .map_or(String::new(), |b| fw.bands[b].label.get(lang).to_string()),
        dimensions: fw
            .dimensions
            .iter()
            .zip(&own.dimensions)
            .map(|(d, score)| SelfScore {
                id: &d.id,
                score: *score,
            })
            .collect(),
        components: fw
            .components
            .iter()
            .zip(&own.components)
            .map(|(c, score)| SelfScore {
                id: &c.id,
                score: *score,
            })
            .collect(),
    }
}

fn verification_info(e: &Entry) -> VerificationInfo<'_> {
    let review = e.submission.review.as_deref();
    VerificationInfo {
        status: e.submission.verification_status(),
        reviewed: review.map_or(0, |r| r.reviewed),
        changed: review.map_or(0, |r| r.changed),
        stage: review.and_then(|r| r.stage.as_deref()),
        evaluator: review.and_then(|r| r.evaluator.as_deref()),
        date: review.and_then(|r| r.date.as_deref()),
    }
}

#[derive(Serialize)]
struct ChangeInfo<'a> {
    from_year: i32,
    by_indicator: Vec<IndicatorContribution<'a>>,
    by_dimension: Vec<Contribution<'a>>,
    by_component: Vec<Contribution<'a>>,
}

#[derive(Serialize)]
struct IndicatorContribution<'a> {
    id: &'a str,
    contribution: f64,
    score_effect: f64,
    weight_effect: f64,
}

#[derive(Serialize)]
struct Contribution<'a> {
    id: &'a str,
    contribution: f64,
}

#[derive(Serialize)]
struct NextBandInfo<'a> {
    band: &'a str,
    threshold: f64,
    gap: f64,
    steps: Vec<StepInfo<'a>>,
}

#[derive(Serialize)]
struct StepInfo<'a> {
    indicator: &'a str,
    answer: String,
    to_answer: String,
    gain: f64,
}

fn change_info<'a>(
    fw: &'a Framework,
    e: &Entry,
    prev: Option<crate::compare::Previous<'_>>,
) -> Option<ChangeInfo<'a>> {
    let c = crate::compare::explain::change(fw, e, prev)?;
    Some(ChangeInfo {
        from_year: c.from_year,
        by_indicator: fw
            .indicators
            .iter()
            .zip(&c.by_indicator)
            .map(|(ind, x)| IndicatorContribution {
                id: &ind.id,
                contribution: x.contribution,
                score_effect: x.score_effect,
                weight_effect: x.weight_effect,
            })
            .collect(),
        by_dimension: fw
            .dimensions
            .iter()
            .zip(&c.by_dimension)
            .map(|(d, x)| Contribution {
                id: &d.id,
                contribution: *x,
            })
            .collect(),
        by_component: fw
            .components
            .iter()
            .zip(&c.by_component)
            .map(|(k, x)| Contribution {
                id: &k.id,
                contribution: *x,
            })
            .collect(),
    })
}

fn next_band_info<'a>(fw: &'a Framework, e: &Entry, lang: Lang) -> Option<NextBandInfo<'a>> {
    let plan = e.next_band.as_ref()?;
    Some(NextBandInfo {
        band: fw.bands[plan.band].label.get(lang),
        threshold: plan.threshold,
        gap: plan.gap,
        steps: plan
            .steps
            .iter()
            .map(|s| StepInfo {
                indicator: &fw.indicators[s.indicator].id,
                answer: fw.answer_text(s.indicator, s.answer.as_ref(), lang),
                to_answer: fw.answer_text(s.indicator, Some(&s.to_answer), lang),
                gain: s.gain,
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct CoverageInfo {
    #[serde(flatten)]
    counts: Coverage,
    share: f64,
}

#[derive(Serialize)]
struct Previous<'a> {
    year: i32,
    index: Option<f64>,
    band: Option<String>,
    rank: Option<u32>,
    framework_version: &'a str,
    source: String,
}

#[derive(Serialize)]
struct Score<'a> {
    id: &'a str,
    score: Option<f64>,
    improvement: Option<f64>,
}

#[derive(Serialize)]
struct IndicatorResult<'a> {
    id: &'a str,
    dimension: &'a str,
    component: Option<&'a str>,
    status: IndicatorStatus,
    answer: Option<&'a str>,
    /// The option code chosen, or the number given.
    value: Option<serde_json::Value>,
    score: Option<f64>,
    weight_in_index: Option<f64>,
    notes: Option<&'a str>,
    place: Option<&'a Place>,
    /// When reviewed: the region's own answer (`null` if it left it blank).
    #[serde(skip_serializing_if = "Option::is_none")]
    self_answer: Option<Option<&'a str>>,
    /// When reviewed: the score of the region's own answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    self_score: Option<Option<f64>>,
    /// When reviewed: the evaluator's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluator_notes: Option<Option<&'a str>>,
}

#[derive(Serialize)]
struct Source<'a> {
    file: String,
    place: &'a Place,
}

/// The result of `e`, its answers shown from `s` (its submission, with the detail of its
/// answers).
fn result<'a>(
    fw: &'a Framework,
    e: &'a Entry,
    prev: Option<crate::compare::Previous<'a>>,
    s: &'a Submission,
    lang: Lang,
    shown: &crate::report::ShownPaths,
) -> Result<'a> {
    let sc = &e.scorecard;
    // Weights in the index where it was computed: 0 for an indicator left out.
    let weights: Vec<Option<f64>> = if sc.index.is_some() {
        crate::scoring::exact::weights_in_index(fw, &sc.exact)
            .iter()
            .map(|w| Some(w.as_ref().map_or(0.0, crate::scoring::exact::to_f64)))
            .collect()
    } else {
        vec![None; fw.indicators.len()]
    };
    // The scores of the region's own answers, where an evaluator reviewed any.
    let own = crate::scoring::self_assessed::self_scorecard(fw, s);
    let reviewed = |i: usize| {
        s.review
            .as_ref()
            .and_then(|r| r.indicators.get(i))
            .and_then(Option::as_ref)
    };
    let indicators = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let review = reviewed(i);
            let given = s.answers[i].as_ref();
            let value = given.and_then(|g| match (&g.answer, &fw.answer_sets[ind.answers].kind) {
                (Answer::Choice(o), AnswerKind::Options { options }) => {
                    Some(serde_json::Value::from(options[*o].code.clone()))
                }
                (Answer::Number(n), _) => Some(serde_json::Value::from(*n)),
                _ => None,
            });
            IndicatorResult {
                id: &ind.id,
                dimension: &fw.dimensions[ind.parent].id,
                component: ind.component.map(|c| fw.components[c].id.as_str()),
                status: sc.indicators[i].status,
                answer: given.map(|g| g.raw()),
                value,
                score: sc.indicators[i].score,
                weight_in_index: weights.get(i).copied().flatten(),
                notes: given.and_then(|g| g.notes()),
                place: given.map(|g| g.place()),
                self_answer: review.map(|r| r.self_answer.as_ref().map(|g| g.raw())),
                self_score: review.map(|_| {
                    own.as_ref()
                        .and_then(|o| o.indicators.get(i))
                        .and_then(|x| x.score)
                }),
                evaluator_notes: review.map(|r| r.notes.as_deref()),
            }
        })
        .collect();
    Result {
        region_code: s.region.code,
        region_name: s.region.display_name(),
        kind: s.region.kind.as_str(),
        province_code: s.region.province_code,
        province_name: crate::regions::display_name(s.region.province_name),
        year: s.year,
        framework_id: &fw.id,
        framework_version: &fw.version,
        index: sc.index,
        band: band_label(fw, e, lang),
        status: sc.status,
        coverage: CoverageInfo {
            counts: sc.coverage,
            share: sc.coverage.share(),
        },
        previous: prev.map(|p| Previous {
            year: p.year(),
            index: p.index(),
            band: p.band(fw).map(|b| fw.bands[b].label.get(lang).to_string()),
            rank: p.rank(),
            framework_version: p.framework_version(fw),
            source: shown.show(p.source()),
        }),
        improvement: e.improvement_since(prev),
        band_change: sc
            .band
            .zip(prev.and_then(|p| p.band(fw)))
            .map(|(a, b)| a as i64 - b as i64),
        rank: e.rank,
        rank_change: e.rank_change_since(prev),
        rank_kind: e.rank_kind,
        rank_province: e.rank_province,
        dimensions: fw
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| Score {
                id: &dim.id,
                score: sc.dimensions[d],
                improvement: e.dimension_improvement_since(fw, d, prev),
            })
            .collect(),
        components: fw
            .components
            .iter()
            .enumerate()
            .map(|(c, comp)| Score {
                id: &comp.id,
                score: sc.components[c],
                improvement: e.component_improvement_since(fw, c, prev),
            })
            .collect(),
        change: change_info(fw, e, prev),
        next_band: next_band_info(fw, e, lang),
        indicators,
        source: Source {
            file: shown.show(&s.source.file),
            place: &s.source.place,
        },
        self_assessed: self_assessed_info(fw, e, lang),
        verification: verification_info(e),
    }
}

/// The comparison as pretty-printed JSON.
pub fn to_json(fw: &Framework, cmp: &Comparison, problems: &[Problem], lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and every value serialises.
    let _ = write_json(fw, cmp, problems, lang, &mut out);
    out
}

/// Streams the comparison as pretty-printed JSON (the bytes of [`to_json`]) into `w`.
pub fn write_json(
    fw: &Framework,
    cmp: &Comparison,
    problems: &[Problem],
    lang: Lang,
    w: impl std::io::Write,
) -> std::io::Result<()> {
    write_json_with(fw, cmp, None, problems, lang, w)
}

/// [`write_json`], the answers' detail read back from `details` when it was moved there: the
/// same bytes.
pub(crate) fn write_json_with(
    fw: &Framework,
    cmp: &Comparison,
    details: Option<&DetailSpill>,
    problems: &[Problem],
    lang: Lang,
    mut w: impl std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut w, &document(fw, cmp, details, problems, lang))?;
    w.write_all(b"\n")
}

fn document<'a>(
    fw: &'a Framework,
    cmp: &'a Comparison,
    details: Option<&'a DetailSpill>,
    problems: &'a [Problem],
    lang: Lang,
) -> Document<'a> {
    Document {
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        framework: FrameworkInfo {
            id: &fw.id,
            version: &fw.version,
            title: &fw.title,
            scale: fw.scale,
            content_hash: &fw.content_hash,
            dimensions: fw
                .dimensions
                .iter()
                .map(|d| DimensionInfo {
                    id: &d.id,
                    label: &d.label,
                    parent: d.parent.map(|p| fw.dimensions[p].id.as_str()),
                    weight: d.weight,
                })
                .collect(),
            components: fw
                .components
                .iter()
                .map(|c| ComponentInfo {
                    id: &c.id,
                    label: &c.label,
                    weight: c.weight,
                })
                .collect(),
            bands: fw
                .bands
                .iter()
                .map(|b| BandInfo {
                    from: b.from,
                    to: b.to,
                    label: &b.label,
                })
                .collect(),
        },
        results: Results {
            fw,
            cmp,
            details,
            lang,
            shown: crate::report::ShownPaths::of(
                cmp.entries
                    .iter()
                    .map(|e| e.submission.source.file.as_path()),
            ),
        },
        problems,
    }
}
