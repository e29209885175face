//! The readable terminal table: one block per year, sorted by rank, numbers rounded for display
//! in the reader's convention.

use crate::compare::{Comparison, Ranked, Ranking, ReviewedYears};
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

/// The mark beside the rank of a region-year nobody reviewed in a year where evaluators reviewed
/// others (see [`review_legend`]).
const MARK: char = '*';

/// The rank as shown: with [`MARK`] when `marked`, and a space in its place in the other rows of
/// a `reviewed` year so the numbers stay aligned.
fn rank_cell(rank: Option<u32>, reviewed: bool, marked: bool) -> String {
    let rank = rank.map_or_else(|| "–".to_string(), |r| r.to_string());
    match (reviewed, marked) {
        (true, true) => format!("{rank}{MARK}"),
        (true, false) => format!("{rank} "),
        (false, _) => rank,
    }
}

fn cells(fw: &Framework, r: &Ranked, lang: Lang, reviewed: &ReviewedYears) -> Vec<String> {
    let index = match (r.status, r.index) {
        (IndexStatus::Computed, Some(v)) => lang.number(v, fw.precision),
        _ => Words::new("kurang data", "insufficient")
            .get(lang)
            .to_string(),
    };
    vec![
        rank_cell(
            r.rank,
            reviewed.has(r.year),
            r.rank.is_some() && reviewed.marks_row(r),
        ),
        r.region.code.to_string(),
        r.region.display_name(),
        r.region.kind.label().get(lang).to_string(),
        index,
        r.band
            .map_or(String::new(), |b| fw.bands[b].label.get(lang).to_string()),
        r.improvement
            .map(|d| lang.signed(d, fw.precision))
            .unwrap_or_default(),
        r.rank_change()
            .map(|c| match c {
                0 => "=".to_string(),
                c if c > 0 => format!("▲{c}"),
                c => format!("▼{}", -c),
            })
            .unwrap_or_default(),
        format!("{} %", lang.number(r.coverage.share() * 100.0, 0)),
    ]
}

/// The comparison as text for a terminal, every column shown.
pub fn to_table(fw: &Framework, cmp: &Comparison, lang: Lang) -> String {
    // Rows made from a comparison are all in memory: nothing to read back, nothing to fail.
    to_table_within(fw, &Ranking::of(fw, cmp), lang, usize::MAX).unwrap_or_default()
}

/// Columns given up, in this order, when the table is wider than the terminal: the ones a reader
/// can do without first (coverage, rank change, kind, code); rank, region, index, band and change
/// always stay.
const DROPPED_FIRST: [usize; 4] = [8, 7, 3, 1];

/// Narrowest a region name is cut to (with `…`) when even the kept columns are too wide.
const MIN_REGION_WIDTH: usize = 14;

/// The ranking as text for a terminal `width` columns wide: columns are given up (see
/// [`DROPPED_FIRST`]) and long region names cut until the table fits, or can shrink no further.
/// Fails only when rows put away on disk cannot be read back.
pub fn to_table_within(
    fw: &Framework,
    ranking: &Ranking,
    lang: Lang,
    width: usize,
) -> std::io::Result<String> {
    let cols = columns(lang);
    let mut out = String::new();
    if ranking.is_empty() {
        let none = Words::new(
            "Tidak ada wilayah yang dapat dinilai.\n",
            "No region could be scored.\n",
        );
        out.push_str(none.get(lang));
        return Ok(out);
    }
    let reviewed = ReviewedYears::of_ranking(ranking);
    let mut marked = false;
    for year in ranking.each_year() {
        let (year, ranked) = year?;
        marked |= ranked
            .iter()
            .any(|r| r.rank.is_some() && reviewed.marks_row(r));
        let mut rows: Vec<Vec<String>> = ranked
            .iter()
            .map(|r| cells(fw, r, lang, &reviewed))
            .collect();
        let mut widths: Vec<usize> = (0..cols.len())
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].chars().count())
                    .chain([cols[c].title.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let shown = fit(&mut widths, &mut rows, width);
        let year_word = Words::new("Tahun", "Year").get(lang);
        let regions_word = Words::new("wilayah", "regions").get(lang);
        let tail = format!(" — {year_word} {year} — {} {regions_word}", rows.len());
        // The framework's title comes from its file: its control characters are shown escaped.
        let title = crate::text::terminal_safe(fw.title.get(lang), false);
        let title = title.as_ref();
        let room = width
            .saturating_sub(tail.chars().count())
            .max(MIN_REGION_WIDTH);
        if title.chars().count() > room {
            out.extend(title.chars().take(room - 1));
            out.push('…');
        } else {
            out.push_str(title);
        }
        out.push_str(&tail);
        out.push('\n');
        let line = |cells: Vec<&str>| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .filter(|(c, _)| shown[*c])
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
    out.push_str(&band_legend(fw, lang));
    if let Some(note) = &fw.bands_note {
        out.push_str(note.get(lang));
        out.push('\n');
    }
    out.push_str(&review_legend(ranking, marked, &reviewed, lang));
    Ok(out)
}

/// What the ranks say about verification, a line each: the legend of [`MARK`] when a row
/// carries it; the years nobody reviewed in a run where evaluators reviewed other years; or,
/// when nothing was reviewed at all, one sentence (a mark on every row would say nothing).
/// `marked`: whether a row carries the mark.
fn review_legend(ranking: &Ranking, marked: bool, reviewed: &ReviewedYears, lang: Lang) -> String {
    let w = |id, en| Words::new(id, en).get(lang);
    if !reviewed.any() {
        return format!(
            "{}\n",
            w(
                "Peringkat dari jawaban penilaian mandiri; belum ada yang diverifikasi.",
                "Ranks are of self-assessed answers; evaluators have reviewed none."
            )
        );
    }
    let mut out = String::new();
    if marked {
        out.push_str(&format!(
            "{MARK} {}\n",
            w(
                "belum diverifikasi: peringkat dari jawaban penilaian mandiri",
                "not reviewed: ranked on the region's self-assessed answers"
            )
        ));
    }
    for year in ranking.years().filter(|y| !reviewed.has(*y)) {
        out.push_str(&format!(
            "{year}: {}\n",
            w(
                "belum ada yang diverifikasi; peringkat dari penilaian mandiri",
                "none reviewed; ranks are of self-assessed answers"
            )
        ));
    }
    out
}

/// Which columns to show, and region names cut, so that a line is at most `width` wide.
fn fit(widths: &mut [usize], rows: &mut [Vec<String>], width: usize) -> Vec<bool> {
    const GAP: usize = 2;
    let total = |widths: &[usize], shown: &[bool]| {
        let n = shown.iter().filter(|s| **s).count();
        (0..widths.len())
            .filter(|c| shown[*c])
            .map(|c| widths[c])
            .sum::<usize>()
            + GAP * n.saturating_sub(1)
    };
    let mut shown = vec![true; widths.len()];
    for c in DROPPED_FIRST {
        if total(widths, &shown) <= width {
            return shown;
        }
        shown[c] = false;
    }
    let over = total(widths, &shown).saturating_sub(width);
    let region = 2;
    let cut = widths[region].saturating_sub(over).max(MIN_REGION_WIDTH);
    if cut < widths[region] {
        widths[region] = cut;
        for r in rows.iter_mut() {
            if r[region].chars().count() > cut {
                r[region] = r[region].chars().take(cut - 1).collect::<String>() + "…";
            }
        }
    }
    shown
}

/// The bands with their thresholds, once: `Predikat: Kurang < 1,50 ≤ Cukup < 2,50 ≤ Baik`.
fn band_legend(fw: &Framework, lang: Lang) -> String {
    let mut bands: Vec<&crate::framework::Band> = fw.bands.iter().collect();
    bands.sort_by(|a, b| a.from.total_cmp(&b.from));
    let contiguous = bands.windows(2).all(|w| w[0].to == w[1].from);
    let number = |v: f64| lang.number(v, fw.precision);
    let mut text = String::from(Words::new("Predikat: ", "Bands: ").get(lang));
    if contiguous {
        // Which side of a threshold belongs to the band above.
        let (below, above) = match fw.band_closure {
            crate::framework::Closure::Lower => ("<", "≤"),
            crate::framework::Closure::Upper => ("≤", "<"),
        };
        for (i, b) in bands.iter().enumerate() {
            if i > 0 {
                text.push_str(&format!(" {below} {} {above} ", number(b.from)));
            }
            text.push_str(b.label.get(lang));
        }
    } else {
        let ranges: Vec<String> = bands
            .iter()
            .map(|b| format!("{} {}–{}", b.label.get(lang), number(b.from), number(b.to)))
            .collect();
        text.push_str(&ranges.join(" · "));
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_ranks_keep_the_numbers_aligned() {
        assert_eq!(rank_cell(Some(3), true, true), "3*");
        assert_eq!(rank_cell(Some(12), true, false), "12 ");
        assert_eq!(rank_cell(None, true, false), "– ");
        // A year nobody reviewed: no mark and no room kept for one.
        assert_eq!(rank_cell(Some(3), false, false), "3");
    }
}
