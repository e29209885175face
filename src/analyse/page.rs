//! The analysis page (`analysis.html`): the rank-interval chart and table, the sensitivity
//! indices and the audit, rendered from `templates/analysis.html` with the report's
//! `style.html`, in the reader's language. Self-contained: no script, no outside file.

use super::{Analysis, Group};
use crate::framework::Framework;
use crate::text::{Lang, Words};
use serde::Serialize;
use std::collections::BTreeMap;

const TEMPLATE: &str = include_str!("../../templates/analysis.html");
const STYLE: &str = include_str!("../../templates/style.html");

/// The page's words: key, Indonesian, English.
const WORDS: &[(&str, &str, &str)] = &[
    ("eyebrow", "Analisis", "Analysis"),
    (
        "title",
        "Ketangguhan peringkat dan audit kerangka",
        "Robustness of the ranking and audit of the framework",
    ),
    ("framework", "Kerangka", "Framework"),
    ("region_years", "wilayah-tahun", "region-years"),
    (
        "intervals",
        "Selang peringkat 5–95 %",
        "Rank intervals, 5–95 %",
    ),
    (
        "intervals_note",
        "Setiap baris: selang 5–95 % peringkat wilayah dalam simulasi (garis), median (garis tegak oranye) dan peringkat sebenarnya (titik). Abu-abu: selangnya bertumpang tindih dengan tetangganya, urutannya belum pasti. Baris berwarna: peringkat di luar selangnya sendiri, atau predikat tidak pasti.",
        "Each row: the region's 5–95 % rank interval over the runs (line), its median (orange tick) and its rank as scored (dot). Grey: the interval overlaps a neighbour's, their order is not settled. Shaded rows: rank outside its own interval, or band uncertain.",
    ),
    ("region", "Wilayah", "Region"),
    ("index", "Indeks", "Index"),
    ("band", "Predikat", "Band"),
    ("rank", "Peringkat", "Rank"),
    ("rank_median", "Median peringkat", "Median rank"),
    ("rank_interval", "Selang peringkat", "Rank interval"),
    ("index_interval", "Selang indeks", "Index interval"),
    ("p_same_band", "Predikat sama", "Same band"),
    (
        "sensitivity",
        "Sumber ketidakpastian peringkat",
        "What the rank uncertainty comes from",
    ),
    (
        "sensitivity_note",
        "Indeks Sobol per kelompok masukan: bagian ragam peringkat yang dijelaskan kelompok itu sendiri (orde pertama, Saltelli 2010) dan bersama interaksinya (total, Jansen 1999), dengan selang bootstrap 95 %.",
        "Sobol indices per input group: the share of the variance of ranks the group explains alone (first order, Saltelli 2010) and with its interactions (total, Jansen 1999), with 95 % bootstrap intervals.",
    ),
    ("group", "Kelompok", "Group"),
    ("inputs", "Masukan", "Inputs"),
    ("first_order", "Orde pertama", "First order"),
    ("total", "Total", "Total"),
    (
        "audit",
        "Audit statistik kerangka",
        "Statistical audit of the framework",
    ),
    (
        "audit_note",
        "Atas wilayah-tahun dengan indeks pada tahun ini. Statistik indikator atas skor yang dijawab (N/A dan kosong tidak dihitung); α Cronbach dan komponen utama pertama (matriks kovarians) atas wilayah-tahun yang menjawab semua indikator dimensi.",
        "Over the region-years of the year with an index. Indicator statistics over the scores answered (N/A and blanks left out); Cronbach's α and the first principal component (covariance matrix) over the region-years that answered every indicator of the dimension.",
    ),
    ("indicators", "Indikator", "Indicators"),
    ("indicator", "Indikator", "Indicator"),
    ("dimensions", "Dimensi", "Dimensions"),
    ("dimension", "Dimensi", "Dimension"),
    ("answered", "Dijawab", "Answered"),
    ("missing", "Kosong", "Blank"),
    ("mean", "Rerata", "Mean"),
    ("sd", "Simpangan baku", "SD"),
    ("skew", "Kemencengan", "Skew"),
    ("kurtosis", "Kurtosis", "Kurtosis"),
    ("at_min", "Di terendah", "At minimum"),
    ("at_max", "Di tertinggi", "At maximum"),
    ("distinct", "Jawaban berbeda", "Distinct answers"),
    (
        "loo",
        "Geser peringkat tanpa indikator",
        "Rank shift without it",
    ),
    ("flags", "Catatan", "Flags"),
    ("n_complete", "Lengkap", "Complete"),
    ("pc1", "Komponen utama 1", "PC1 share"),
    ("no_flags", "Tidak ada catatan.", "Nothing flagged."),
    ("made_with", "Dibuat dengan", "Made with"),
    (
        "definitions",
        "Definisi: README, bagian \"Analysis\"",
        "Definitions: README, section \"Analysis\"",
    ),
];

#[derive(Serialize)]
struct RowView {
    name: String,
    code: &'static str,
    index: String,
    band: String,
    rank: u32,
    median: u32,
    interval: String,
    index_interval: String,
    p_same_band: String,
    flagged: bool,
}

#[derive(Serialize)]
struct ChartRow {
    label: String,
    text: String,
    x1: String,
    x2: String,
    xm: String,
    xn: String,
    y: String,
    y0: String,
    y1: String,
    ty: String,
    overlap: bool,
}

#[derive(Serialize)]
struct Tick {
    x: String,
    label: u32,
}

#[derive(Serialize)]
struct Chart {
    width: u32,
    height: String,
    axis_y: String,
    rows: Vec<ChartRow>,
    ticks: Vec<Tick>,
}

/// Renders `analysis.html` for `a` in `lang`.
pub fn render(fw: &Framework, a: &Analysis, lang: Lang) -> Result<String, String> {
    let t: BTreeMap<&str, &str> = WORDS
        .iter()
        .map(|(k, id, en)| (*k, Words::new(id, en).get(lang)))
        .collect();
    let p = fw.precision;
    let pct = |v: f64| format!("{} %", lang.number(v * 100.0, 0));
    let opt = |v: Option<f64>, d: usize| v.map(|v| lang.number(v, d)).unwrap_or_else(|| "–".into());
    let flagged_subjects: std::collections::HashSet<&str> =
        a.flags.iter().map(|f| f.subject.as_str()).collect();
    let regions: Vec<RowView> = a
        .regions
        .iter()
        .map(|r| {
            let u = &r.robustness;
            RowView {
                name: r.region_name.clone(),
                code: r.region_code,
                index: lang.number(r.index, p),
                band: r
                    .band
                    .map(|b| fw.bands[b].label.get(lang).to_string())
                    .unwrap_or_default(),
                rank: r.rank,
                median: u.rank_median,
                interval: format!("{}–{}", u.rank_p05, u.rank_p95),
                index_interval: format!(
                    "{} – {}",
                    lang.number(u.index_p05, p),
                    lang.number(u.index_p95, p)
                ),
                p_same_band: pct(u.p_same_band),
                flagged: flagged_subjects
                    .contains(format!("{} {}", r.region_code, r.year).as_str()),
            }
        })
        .collect();
    let chart = chart(a);
    let name = |g: Group| match (g, lang) {
        (Group::ComponentWeights, Lang::Id) => "Bobot komponen",
        (Group::ComponentWeights, Lang::En) => "Component weights",
        (Group::DimensionWeights, Lang::Id) => "Bobot dimensi",
        (Group::DimensionWeights, Lang::En) => "Dimension weights",
        (Group::IndicatorWeights, Lang::Id) => "Bobot indikator",
        (Group::IndicatorWeights, Lang::En) => "Indicator weights",
        (Group::AnswerNoise, Lang::Id) => "Derau jawaban",
        (Group::AnswerNoise, Lang::En) => "Answer noise",
    };
    let est = |e: Option<super::Estimate>| match e {
        Some(e) => format!(
            "{} ({} – {})",
            lang.number(e.estimate, 2),
            lang.number(e.low, 2),
            lang.number(e.high, 2)
        ),
        None => "–".into(),
    };
    let px = |e: Option<super::Estimate>| {
        e.map_or(0, |e| (e.estimate.clamp(0.0, 1.0) * 160.0).round() as u32)
    };
    let groups: Vec<_> = a
        .monte_carlo
        .sensitivity
        .iter()
        .map(|g| {
            serde_json::json!({
                "name": name(g.group), "inputs": g.inputs,
                "first": est(g.first_order), "first_px": px(g.first_order),
                "total": est(g.total), "total_px": px(g.total),
            })
        })
        .collect();
    let codes_of = |id: &str| {
        a.flags
            .iter()
            .filter(|f| {
                f.subject == id || (f.code == "A106" && f.subject.split(' ').any(|s| s == id))
            })
            .map(|f| f.code)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let indicators: Vec<_> = a
        .audit
        .indicators
        .iter()
        .map(|i| {
            serde_json::json!({
                "id": i.id, "dimension": i.dimension, "n": i.n,
                "answered": pct(i.answered_share), "na": pct(i.na_share), "missing": pct(i.missing_share),
                "mean": opt(i.mean, 2), "sd": opt(i.sd, 2), "skew": opt(i.skew, 2), "kurtosis": opt(i.kurtosis, 2),
                "at_min": i.at_min_share.map(pct).unwrap_or_else(|| "–".into()),
                "at_max": i.at_max_share.map(pct).unwrap_or_else(|| "–".into()),
                "distinct": i.distinct_answers, "r_parent": opt(i.r_parent, 2), "r_index": opt(i.r_index, 2),
                "loo": opt(i.loo_rank_shift, 2), "flags": codes_of(&i.id),
            })
        })
        .collect();
    let dimensions: Vec<_> = a
        .audit
        .dimensions
        .iter()
        .zip(&fw.dimensions)
        .map(|(d, fd)| {
            serde_json::json!({
                "id": d.id, "label": fd.label.get(lang), "indicators": d.indicators,
                "n_complete": d.n_complete, "alpha": opt(d.cronbach_alpha, 2),
                "pc1": d.pc1_share.map(pct).unwrap_or_else(|| "–".into()), "flags": codes_of(&d.id),
            })
        })
        .collect();
    let flags: Vec<_> = a
        .flags
        .iter()
        .map(|f| serde_json::json!({"code": f.code, "subject": f.subject, "message": f.message.get(lang)}))
        .collect();
    let s = &a.settings;
    let (samples, seed) = (s.samples, s.seed);
    let (spread, noise) = (
        lang.number(s.weight_spread, 2),
        lang.number(s.answer_noise, 2),
    );
    let settings = crate::text::Text::new(
        format!(
            "{samples} simulasi (benih {seed}), sebaran bobot ±{spread}, derau jawaban {noise}"
        ),
        format!("{samples} runs (seed {seed}), weight spread ±{spread}, answer noise {noise}"),
    );
    let settings = settings.get(lang);
    let view = serde_json::json!({
        "lang": lang.code(),
        "tool": format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
        "print_title": format!("{} {}", t["title"], a.year),
        "t": t,
        "framework": format!("{} ({} {})", fw.title.get(lang), fw.id, fw.version),
        "year": a.year,
        "regions_count": a.regions.len(),
        "settings": settings,
        "chart": chart,
        "regions": regions,
        "groups": groups,
        "indicators": indicators,
        "dimensions": dimensions,
        "flags": flags,
    });
    let mut tera = tera::Tera::default();
    tera.autoescape_on([""]);
    tera.add_raw_templates([("style.html", STYLE), ("analysis.html", TEMPLATE)])
        .map_err(|e| e.to_string())?;
    let ctx = tera::Context::from_serialize(&view).map_err(|e| e.to_string())?;
    tera.render("analysis.html", &ctx)
        .map_err(|e| e.to_string())
}

/// The rank-interval chart: a row per region-year by nominal rank, x from rank 1 to the last.
fn chart(a: &Analysis) -> Chart {
    let n = a.regions.len().max(1);
    let row_h: f64 = if n <= 60 {
        14.0
    } else if n <= 200 {
        8.0
    } else {
        5.0
    };
    let (left, right, width) = (150.0, 20.0, 900u32);
    let span = width as f64 - left - right;
    let x = |rank: u32| {
        let f = if n == 1 {
            0.5
        } else {
            (rank as f64 - 1.0) / (n as f64 - 1.0)
        };
        format!("{:.1}", left + f * span)
    };
    let top = 6.0;
    let f1 = |v: f64| format!("{v:.1}");
    let rows = a
        .regions
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let u = &r.robustness;
            let overlaps = |o: usize| {
                a.regions.get(o).is_some_and(|q| {
                    q.robustness.rank_p05 <= u.rank_p95 && u.rank_p05 <= q.robustness.rank_p95
                })
            };
            let y = top + row_h * (k as f64 + 0.5);
            ChartRow {
                label: format!(
                    "{} {}: {} ({}–{})",
                    r.region_name, r.region_code, r.rank, u.rank_p05, u.rank_p95
                ),
                text: if row_h >= 8.0 {
                    r.region_name.chars().take(26).collect()
                } else {
                    String::new()
                },
                x1: x(u.rank_p05),
                x2: x(u.rank_p95),
                xm: x(u.rank_median),
                xn: x(r.rank),
                y: f1(y),
                y0: f1(y - row_h * 0.4),
                y1: f1(y + row_h * 0.4),
                ty: f1(y + 3.0),
                overlap: (k > 0 && overlaps(k - 1)) || overlaps(k + 1),
            }
        })
        .collect();
    let height = top + row_h * n as f64 + 18.0;
    let step = [1u32, 2, 5, 10, 20, 50, 100, 200]
        .into_iter()
        .find(|s| n as u32 / s <= 10)
        .unwrap_or(500);
    let mut ticks = vec![Tick { x: x(1), label: 1 }];
    let mut t = step;
    while t <= n as u32 {
        if t > 1 {
            ticks.push(Tick { x: x(t), label: t });
        }
        t += step;
    }
    Chart {
        width,
        height: f1(height),
        axis_y: f1(height - 4.0),
        rows,
        ticks,
    }
}
