//! What evaluators changed, for a terminal: the review's stage, evaluator and date, the
//! self-assessed index beside the final one, and every changed answer with both values and the
//! evaluator's note. Part of `score --explain` for a reviewed region-year.

use crate::compare::Entry;
use crate::framework::Framework;
use crate::scoring::self_assessed::{self_gap, self_scores};
use crate::text::{Lang, Words};
use std::fmt::Write as _;

/// The verification of `e`, or `None` when nothing was reviewed.
pub fn verification_text(fw: &Framework, e: &Entry, lang: Lang) -> Option<String> {
    let review = e.submission.review.as_deref()?;
    let w = |id: &'static str, en: &'static str| Words::new(id, en).get(lang);
    let p = fw.precision;
    let fine = p.max(2) + 1;
    let mut out = String::new();
    let who: Vec<&str> = [&review.stage, &review.evaluator, &review.date]
        .into_iter()
        .filter_map(|x| x.as_deref())
        .collect();
    let _ = writeln!(
        out,
        "\n{}: {} {} {} {} {}{}",
        w("Verifikasi", "Verification"),
        review.reviewed,
        w("dari", "of"),
        review.total,
        w(
            "indikator diperiksa, berubah",
            "indicators reviewed, changed"
        ),
        review.changed,
        if who.is_empty() {
            String::new()
        } else {
            format!(" ({})", who.join(", "))
        }
    );
    let own = self_scores(&e.submission, &e.scorecard);
    let shown = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| lang.number(v, p));
    let _ = writeln!(
        out,
        "  {} {}  →  {} {}  ({})",
        w("indeks mandiri", "self-assessed index"),
        shown(own.index),
        w("akhir", "final"),
        shown(e.scorecard.index),
        self_gap(&e.submission, &e.scorecard)
            .map_or_else(|| "-".to_string(), |g| lang.signed(-g, fine))
    );
    for (i, reviewed) in review.indicators.iter().enumerate() {
        let Some(r) = reviewed.as_ref().filter(|r| r.changed) else {
            continue;
        };
        let shown = |raw: &str| {
            if raw.is_empty() {
                "-".to_string()
            } else {
                raw.to_string()
            }
        };
        let before = shown(r.self_answer.as_ref().map_or("", |g| g.raw()));
        let after = shown(
            e.submission
                .answers
                .get(i)
                .and_then(Option::as_ref)
                .map_or("", |g| g.raw()),
        );
        let _ = writeln!(
            out,
            "  {} {}: {before} → {after}{}",
            fw.indicators[i].id,
            fw.indicators[i].label.get(lang),
            r.notes
                .as_deref()
                .map_or(String::new(), |n| format!("  — {n}"))
        );
    }
    Some(out)
}
