//! `score --explain REGION`: one region-year's index explained for a terminal — what each
//! dimension, component and the largest indicators contributed to the change since the previous
//! computed year, and the steps to the next band.

use super::band_label;
use crate::compare::{Comparison, Entry, explain};
use crate::framework::Framework;
use crate::text::{Lang, Words};
use std::fmt::Write as _;

/// Indicators listed in the change, at most.
const TOP_INDICATORS: usize = 10;

/// The entry `--explain` names: `region` is a code (`32.73`) or a name (`Kota Bandung`, any
/// case), optionally with `:YEAR`; without a year, the newest.
pub fn find_entry<'a>(cmp: &'a Comparison, region: &str) -> Option<&'a Entry> {
    let (who, year) = match region.rsplit_once(':') {
        Some((w, y)) if y.trim().parse::<i32>().is_ok() => (w.trim(), y.trim().parse::<i32>().ok()),
        _ => (region.trim(), None),
    };
    let who = who.to_lowercase();
    // Entries are newest year first, so the first match is the newest.
    cmp.entries.iter().find(|e| {
        let r = &e.submission.region;
        (r.code == who || r.display_name().to_lowercase() == who || r.name.to_lowercase() == who)
            && year.is_none_or(|y| e.submission.year == y)
    })
}

/// The explanation of one region-year of `cmp`, in `lang`.
pub fn explain_text(fw: &Framework, cmp: &Comparison, e: &Entry, lang: Lang) -> String {
    let w = |id: &'static str, en: &'static str| Words::new(id, en).get(lang);
    let p = fw.precision;
    let fine = p.max(2) + 1;
    let mut out = String::new();
    let s = &e.submission;
    let index = e.scorecard.index.map_or_else(
        || w("kurang data", "insufficient").to_string(),
        |v| lang.number(v, p),
    );
    let _ = writeln!(
        out,
        "{} ({}) {} — {} {index} {}{}",
        s.region.display_name(),
        s.region.code,
        s.year,
        w("indeks", "index"),
        band_label(fw, e, lang),
        e.rank.map_or(String::new(), |r| format!(
            ", {} {r}",
            w("peringkat", "rank")
        ))
    );
    let prev = cmp.previous(e);
    match (explain::change(fw, e, prev), prev) {
        (Some(c), _) => {
            let _ = writeln!(
                out,
                "\n{} {}: {}",
                w("Perubahan sejak", "Change since"),
                c.from_year,
                lang.signed(c.improvement, fine)
            );
            let _ = writeln!(out, "  {}:", w("menurut dimensi", "by dimension"));
            for (d, dim) in fw.dimensions.iter().enumerate() {
                let depth = std::iter::successors(dim.parent, |&q| fw.dimensions[q].parent).count();
                let _ = writeln!(
                    out,
                    "    {}{} {}  {}",
                    "  ".repeat(depth),
                    dim.id,
                    dim.label.get(lang),
                    lang.signed(c.by_dimension[d], fine)
                );
            }
            if !fw.components.is_empty() {
                let _ = writeln!(out, "  {}:", w("menurut komponen", "by component"));
                for (k, comp) in fw.components.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "    {} {}  {}",
                        comp.id,
                        comp.label.get(lang),
                        lang.signed(c.by_component[k], fine)
                    );
                }
            }
            let mut order: Vec<usize> = (0..fw.indicators.len())
                .filter(|&i| c.by_indicator[i].contribution != 0.0)
                .collect();
            order.sort_by(|&a, &b| {
                c.by_indicator[b]
                    .contribution
                    .abs()
                    .total_cmp(&c.by_indicator[a].contribution.abs())
            });
            let shown = order.len().min(TOP_INDICATORS);
            let _ = writeln!(
                out,
                "  {} ({shown} {} {}):",
                w("indikator terbesar", "largest indicators"),
                w("dari", "of"),
                order.len()
            );
            for &i in order.iter().take(shown) {
                let x = &c.by_indicator[i];
                let _ = writeln!(
                    out,
                    "    {} {}  {}  ({} {}, {} {})",
                    fw.indicators[i].id,
                    fw.indicators[i].label.get(lang),
                    lang.signed(x.contribution, fine),
                    w("skor", "score"),
                    lang.signed(x.score_effect, fine),
                    w("bobot", "weight"),
                    lang.signed(x.weight_effect, fine)
                );
            }
        }
        (None, Some(prev)) => {
            let _ = writeln!(
                out,
                "\n{} {}{}",
                w("Dibandingkan dengan", "Compared with"),
                prev.year(),
                w(
                    " (hasil pembanding tanpa jawaban: perubahan tidak dapat diuraikan)",
                    " (a baseline without answers: the change cannot be decomposed)"
                )
            );
        }
        (None, None) => {
            let _ = writeln!(
                out,
                "\n{}",
                w(
                    "Tidak ada tahun sebelumnya dengan indeks.",
                    "No earlier year with an index."
                )
            );
        }
    }
    match e.next_band.as_deref() {
        Some(plan) => {
            let _ = writeln!(
                out,
                "\n{} {} ({} {}, {} {}):",
                w("Menuju", "To reach"),
                fw.bands[plan.band].label.get(lang),
                w("minimal", "at least"),
                lang.number(plan.threshold, p.max(fine - 1)),
                w("kurang", "short by"),
                lang.number(plan.gap, fine)
            );
            if plan.steps.is_empty() {
                let _ = writeln!(
                    out,
                    "  {}",
                    w(
                        "tidak tercapai dengan mengubah jawaban",
                        "not reachable by changing answers"
                    )
                );
            }
            for step in &plan.steps {
                let from = fw.answer_text(step.indicator, step.answer.as_ref(), lang);
                let _ = writeln!(
                    out,
                    "  [ ] {} {}: {} → {}  {}",
                    fw.indicators[step.indicator].id,
                    fw.indicators[step.indicator].label.get(lang),
                    if from.is_empty() { "-" } else { &from },
                    fw.answer_text(step.indicator, Some(&step.to_answer), lang),
                    lang.signed(step.gain, fine)
                );
            }
        }
        None if e.scorecard.index.is_some() => {
            let _ = writeln!(
                out,
                "\n{}",
                w("Sudah di predikat tertinggi.", "Already in the top band.")
            );
        }
        None => {}
    }
    if let Some(review) = super::verification_text(fw, e, lang) {
        out.push_str(&review);
    }
    out
}
