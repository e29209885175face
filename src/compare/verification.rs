//! What the evaluators' review did to a year's results, across regions: each region-year's
//! self-assessed index beside its final one and the gap (who over-claims), and the mean gap per
//! dimension (which dimensions are over-claimed nationally). Computed once, for every output.

use super::{Comparison, Entry};
use crate::framework::Framework;
use crate::scoring::self_assessed::{self_gap, self_scores};
use crate::submission::VerificationStatus;
use std::collections::BTreeSet;

/// One region-year's review at a glance.
#[derive(Debug, Clone)]
pub struct ReviewRow {
    /// Index into the comparison's entries.
    pub entry: usize,
    /// How far it was verified.
    pub status: VerificationStatus,
    /// Indicators reviewed, and of those changed.
    pub reviewed: usize,
    /// Indicators whose verified answer differs from the region's.
    pub changed: usize,
    /// The index from the region's own answers.
    pub self_index: Option<f64>,
    /// The final index (verified answers where given).
    pub index: Option<f64>,
    /// self − final, exactly: positive when the region over-claimed.
    pub gap: Option<f64>,
}

/// The review of one year's results.
#[derive(Debug, Clone)]
pub struct ReviewSummary {
    /// The year.
    pub year: i32,
    /// Every region-year of the year, the largest gap first (then by final rank); unreviewed
    /// ones (gap 0) after the reviewed.
    pub rows: Vec<ReviewRow>,
    /// Per dimension (framework order): the mean of self − final dimension score over the
    /// reviewed region-years where both exist; `None` where there is none.
    pub dimension_gaps: Vec<Option<f64>>,
    /// Region-years of the year with at least one reviewed indicator.
    pub reviewed: usize,
}

/// The review summary of `year`, or `None` when no region-year of that year was reviewed.
pub fn review_summary(fw: &Framework, cmp: &Comparison, year: i32) -> Option<ReviewSummary> {
    let of_year: Vec<(usize, &Entry)> = cmp
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.submission.year == year)
        .collect();
    let reviewed = of_year
        .iter()
        .filter(|(_, e)| e.submission.verification_status() != VerificationStatus::SelfAssessed)
        .count();
    if reviewed == 0 {
        return None;
    }
    let mut rows: Vec<ReviewRow> = of_year
        .iter()
        .map(|&(i, e)| {
            let sub = &e.submission;
            let review = sub.review.as_deref();
            ReviewRow {
                entry: i,
                status: sub.verification_status(),
                reviewed: review.map_or(0, |r| r.reviewed),
                changed: review.map_or(0, |r| r.changed),
                self_index: self_scores(sub, &e.scorecard).index,
                index: e.scorecard.index,
                gap: self_gap(sub, &e.scorecard),
            }
        })
        .collect();
    // Reviewed first (an unreviewed region's gap of 0 is no finding, and must not sit above a
    // region that under-claimed), then the largest gap; entries already come by rank, and a
    // stable sort keeps that order among equal gaps.
    rows.sort_by(|a, b| {
        let unreviewed = |r: &ReviewRow| r.status == VerificationStatus::SelfAssessed;
        let gap = |r: &ReviewRow| r.gap.unwrap_or(f64::NEG_INFINITY);
        unreviewed(a)
            .cmp(&unreviewed(b))
            .then_with(|| gap(b).total_cmp(&gap(a)))
    });
    let dimension_gaps = dimension_gaps(fw, of_year.iter().map(|(_, e)| *e));
    Some(ReviewSummary {
        year,
        rows,
        dimension_gaps,
        reviewed,
    })
}

/// Per dimension (framework order): the mean of self − final dimension score over those of
/// `entries` an evaluator reviewed, where both scores exist; `None` where there is none. What
/// [`ReviewSummary::dimension_gaps`] holds for a whole year, for any group of region-years (a
/// province's).
pub fn dimension_gaps<'e>(
    fw: &Framework,
    entries: impl Iterator<Item = &'e Entry>,
) -> Vec<Option<f64>> {
    let mut sums = vec![(0.0, 0usize); fw.dimensions.len()];
    for e in entries.filter(|e| e.submission.review.is_some()) {
        let own = self_scores(&e.submission, &e.scorecard);
        for (d, sum) in sums.iter_mut().enumerate() {
            if let (Some(o), Some(n)) = (own.dimensions[d], e.scorecard.dimensions[d]) {
                sum.0 += o - n;
                sum.1 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|(sum, n)| (n > 0).then(|| sum / n as f64))
        .collect()
}

/// The years of a comparison in which evaluators reviewed at least one region-year: rankings
/// of those years mark the region-years nobody reviewed, rankings of other years do not.
#[derive(Debug, Clone, Default)]
pub struct ReviewedYears(BTreeSet<i32>);

impl ReviewedYears {
    /// The reviewed years of `cmp`.
    pub fn of(cmp: &Comparison) -> ReviewedYears {
        ReviewedYears(
            cmp.entries
                .iter()
                .filter(|e| e.submission.verification_status() != VerificationStatus::SelfAssessed)
                .map(|e| e.submission.year)
                .collect(),
        )
    }

    /// Whether any region-year of the comparison was reviewed.
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    /// Whether some region-year of `year` was reviewed.
    pub fn has(&self, year: i32) -> bool {
        self.0.contains(&year)
    }

    /// Whether `e`'s rank is to be marked "not reviewed": nobody reviewed it, and somebody
    /// reviewed another region-year of its year.
    pub fn marks(&self, e: &Entry) -> bool {
        self.has(e.submission.year)
            && e.submission.verification_status() == VerificationStatus::SelfAssessed
    }

    /// The reviewed years of a ranking.
    pub fn of_ranking(ranking: &super::Ranking) -> ReviewedYears {
        ReviewedYears(ranking.reviewed_years().iter().copied().collect())
    }

    /// [`Self::marks`] for a ranking's row.
    pub fn marks_row(&self, r: &super::Ranked) -> bool {
        self.has(r.year) && r.verification == VerificationStatus::SelfAssessed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Inputs, Options, assess, framework};
    use std::path::PathBuf;

    #[test]
    fn the_reviewed_sample_tops_the_gaps_and_the_others_follow() {
        let fw = framework::resolve(None).unwrap();
        let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/questionnaires");
        let a = assess(&fw, Inputs::collect(&[samples]), &Options::default());
        assert!(
            review_summary(&fw, &a.comparison, 2021).is_none(),
            "2021 was not reviewed"
        );
        let s = review_summary(&fw, &a.comparison, 2022).expect("Bandung 2022 was reviewed");
        assert_eq!(s.reviewed, 1);
        let first = &s.rows[0];
        let e = &a.comparison.entries[first.entry];
        assert_eq!(e.submission.region.code, "32.73");
        let (own, now) = (first.self_index.unwrap(), first.index.unwrap());
        assert!(now < own, "answers were lowered");
        assert!((first.gap.unwrap() - (own - now)).abs() < 1e-12);
        assert!(first.changed > 0 && first.reviewed >= first.changed);
        // Every other region-year of the year: not reviewed, no gap.
        assert_eq!(
            s.rows.len(),
            a.comparison
                .entries
                .iter()
                .filter(|e| e.submission.year == 2022)
                .count()
        );
        for r in &s.rows[1..] {
            assert_eq!(r.status, VerificationStatus::SelfAssessed);
            assert_eq!(r.gap, Some(0.0));
            assert_eq!(r.self_index, r.index);
        }
        // One reviewed region: the mean gap of a dimension is that region's own gap there.
        let own = self_scores(&e.submission, &e.scorecard);
        for (d, gap) in s.dimension_gaps.iter().enumerate() {
            let expected = own.dimensions[d]
                .zip(e.scorecard.dimensions[d])
                .map(|(o, n)| o - n);
            assert_eq!(*gap, expected);
        }
        assert!(s.dimension_gaps.iter().flatten().any(|g| *g > 0.0));
    }
}
