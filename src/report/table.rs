//! The readable terminal table: one block per year, sorted by rank, numbers rounded for display
//! in the reader's convention.

use super::band_label;
use crate::compare::{Comparison, Entry};
use crate::framework::Framework;
use crate::scoring::IndexStatus;
use crate::text::{Lang, Words};

struct Column {
    title: &'static str,
    right: bool,
}

fn columns(lang: Lang) -> Vec<Column> {
    let t = |id: &'static str, en: &'static str, right| Column {
        title: Words::new(id, en).get(lang),
        right,
    };
    vec![
        t("Peringkat", "Rank", true),
        t("Kode", "Code", false),
        t("Wilayah", "Region", false),
        t("Jenis", "Kind", false),
        t("Indeks", "Index", true),
        t("Predikat", "Band", false),
        t("Perubahan", "Change", true),
        t("Δ Peringkat", "Δ Rank", true),
        t("Cakupan", "Coverage", true),
    ]
}

fn cells(fw: &Framework, e: &Entry, lang: Lang) -> Vec<String> {
    let sc = &e.scorecard;
    let index = match (sc.status, sc.index) {
        (IndexStatus::Computed, Some(v)) => lang.number(v, fw.precision),
        _ => Words::new("kurang data", "insufficient")
            .get(lang)
            .to_string(),
    };
    vec![
        e.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into()),
        e.submission.region.code.to_string(),
        e.submission.region.display_name(),
        e.submission.region.kind.label().get(lang).to_string(),
        index,
        band_label(fw, e, lang),
        e.improvement()
            .map(|d| lang.signed(d, fw.precision))
            .unwrap_or_default(),
        e.rank_change()
            .map(|c| match c {
                0 => "=".to_string(),
                c if c > 0 => format!("▲{c}"),
                c => format!("▼{}", -c),
            })
            .unwrap_or_default(),
        format!("{} %", lang.number(sc.coverage.share() * 100.0, 0)),
    ]
}

/// The comparison as text for a terminal.
pub fn to_table(fw: &Framework, cmp: &Comparison, lang: Lang) -> String {
    let cols = columns(lang);
    let mut out = String::new();
    if cmp.entries.is_empty() {
        let none = Words::new(
            "Tidak ada wilayah yang dapat dinilai.\n",
            "No region could be scored.\n",
        );
        out.push_str(none.get(lang));
        return out;
    }
    for year in &cmp.years {
        let rows: Vec<Vec<String>> = cmp
            .entries
            .iter()
            .filter(|e| e.submission.year == *year)
            .map(|e| cells(fw, e, lang))
            .collect();
        let widths: Vec<usize> = (0..cols.len())
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].chars().count())
                    .chain([cols[c].title.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let year_word = Words::new("Tahun", "Year").get(lang);
        let regions_word = Words::new("wilayah", "regions").get(lang);
        out.push_str(&format!(
            "{} — {year_word} {year} — {} {regions_word}\n",
            fw.title.get(lang),
            rows.len()
        ));
        let line = |cells: Vec<&str>| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(c, s)| {
                    let pad = widths[c].saturating_sub(s.chars().count());
                    if cols[c].right {
                        format!("{}{s}", " ".repeat(pad))
                    } else {
                        format!("{s}{}", " ".repeat(pad))
                    }
                })
                .collect();
            parts.join("  ").trim_end().to_string() + "\n"
        };
        out.push_str(&line(cols.iter().map(|c| c.title).collect()));
        out.push_str(&line(
            widths
                .iter()
                .map(|w| "─".repeat(*w))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str)
                .collect(),
        ));
        for r in &rows {
            out.push_str(&line(r.iter().map(String::as_str).collect()));
        }
        out.push('\n');
    }
    if let Some(note) = &fw.bands_note {
        out.push_str(note.get(lang));
        out.push('\n');
    }
    out
}
