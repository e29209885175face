//! The words of the HTML report in both languages. Templates read them as `t.key`, so an office
//! that brands its templates keeps the translations without copying them.

use crate::text::{Lang, Words};
use std::collections::BTreeMap;

/// (key, Indonesian, English).
const LABELS: &[(&str, &str, &str)] = &[
    // Page furniture.
    (
        "report_title",
        "Laporan Penilaian Mandiri Kota Cerdas",
        "Smart-City Self-Assessment Report",
    ),
    ("scorecard", "Kartu Skor", "Scorecard"),
    ("contents", "Isi", "Contents"),
    ("skip", "Lewati ke isi", "Skip to content"),
    (
        "bars_legend",
        "Batang: tahun ini · garis hitam tebal: median kelompok · garis putus-putus: tahun sebelumnya",
        "Bar: this year · thick black line: peer median · dotted line: previous year",
    ),
    ("back_to_report", "Kembali ke laporan", "Back to the report"),
    ("year", "Tahun", "Year"),
    ("years", "Tahun", "Years"),
    ("generated", "Dibuat", "Generated"),
    ("framework", "Kerangka", "Framework"),
    ("version", "versi", "version"),
    (
        "content_hash",
        "Sidik kerangka (SHA-256)",
        "Framework fingerprint (SHA-256)",
    ),
    ("made_with", "Dibuat dengan", "Made with"),
    (
        "reproduce",
        "manifest.json mencatat berkas masukan dan sidiknya agar laporan ini dapat dibuat ulang.",
        "manifest.json lists the input files and their fingerprints so this report can be reproduced.",
    ),
    ("illustrative", "Catatan", "Note"),
    ("none", "–", "–"),
    // Summary.
    ("summary", "Ringkasan", "Summary"),
    ("regions_assessed", "Wilayah dinilai", "Regions assessed"),
    ("median_index", "Median indeks", "Median index"),
    ("top_region", "Peringkat pertama", "Ranked first"),
    ("top_improver", "Kenaikan terbesar", "Largest improvement"),
    // Ranking.
    ("ranking", "Peringkat", "Ranking"),
    (
        "sort_hint",
        "Klik judul kolom untuk mengurutkan.",
        "Select a column heading to sort.",
    ),
    ("rank", "Peringkat", "Rank"),
    ("code", "Kode", "Code"),
    ("region", "Wilayah", "Region"),
    ("kind", "Jenis", "Kind"),
    ("province", "Provinsi", "Province"),
    ("index", "Indeks", "Index"),
    ("band", "Predikat", "Band"),
    ("improvement", "Perubahan", "Improvement"),
    ("rank_change", "Perubahan peringkat", "Rank change"),
    ("rank_change_short", "Δ Peringkat", "Δ Rank"),
    (
        "rank_interval",
        "Selang peringkat 5–95 % (analisis)",
        "Rank interval 5–95 % (analysis)",
    ),
    ("coverage", "Cakupan", "Coverage"),
    (
        "sort_name_hint",
        "Urut menurut nama tanpa \u{201c}Kabupaten\u{201d}/\u{201c}Kota\u{201d} di depannya",
        "Sorts by the name without \u{201c}Kabupaten\u{201d}/\u{201c}Kota\u{201d} in front",
    ),
    ("filter", "Saring", "Filter"),
    (
        "filter_hint",
        "nama, provinsi, jenis atau predikat",
        "name, province, kind or band",
    ),
    ("component", "Komponen", "Component"),
    ("moved_most", "Paling berubah", "Moved most"),
    (
        "moved_most_hint",
        "Dimensi yang paling banyak mengubah indeks sejak tahun sebelumnya, dengan sumbangannya",
        "The dimension that changed the index most since the previous year, with its contribution",
    ),
    (
        "heat_legend",
        "Warna menurut skor: makin gelap makin tinggi",
        "Colours by score: darker is higher",
    ),
    (
        "scorecards_hint",
        "Setiap nama di tabel peringkat juga menautkan kartu skornya.",
        "Every name in the ranking tables also links its scorecard.",
    ),
    ("insufficient", "kurang data", "insufficient data"),
    ("up", "naik", "up"),
    ("down", "turun", "down"),
    ("unchanged", "tetap", "unchanged"),
    // Heatmap and distribution.
    ("heatmap", "Peta panas dimensi", "Dimension heatmap"),
    (
        "heatmap_desc",
        "Skor setiap dimensi per wilayah; makin gelap makin tinggi.",
        "Each region's score per dimension; darker is higher.",
    ),
    (
        "distribution",
        "Sebaran predikat",
        "Distribution over bands",
    ),
    ("regions", "wilayah", "regions"),
    ("region_one", "wilayah", "region"),
    // Leaders.
    ("leaders", "Terdepan", "Leaders"),
    ("most_improved", "Kenaikan terbesar", "Most improved"),
    (
        "no_previous",
        "Belum ada hasil tahun sebelumnya untuk dibandingkan.",
        "No earlier results to compare with.",
    ),
    // Peer groups.
    (
        "peer_groups",
        "Peringkat kelompok sejenis",
        "Peer-group rankings",
    ),
    ("kota_plural", "Kota", "Cities (kota)"),
    ("kabupaten_plural", "Kabupaten", "Regencies (kabupaten)"),
    ("province_plural", "Provinsi", "Provinces"),
    ("village_plural", "Desa/Kelurahan", "Villages"),
    ("per_province", "Per provinsi", "By province"),
    ("kota_lower", "kota", "cities"),
    ("kabupaten_lower", "kabupaten", "regencies"),
    ("province_lower", "provinsi", "provinces"),
    ("village_lower", "desa/kelurahan", "villages"),
    // Earlier years and links.
    ("earlier_years", "Tahun sebelumnya", "Earlier years"),
    ("scorecards", "Kartu skor", "Scorecards"),
    (
        "no_regions",
        "Tidak ada wilayah yang dapat dinilai.",
        "No region could be scored.",
    ),
    // Reports split by province.
    (
        "provinces_title",
        "Hasil per provinsi",
        "Results by province",
    ),
    (
        "split_note",
        "Terlalu banyak wilayah untuk satu halaman (batas per tahun:",
        "Too many regions for one page (limit per year:",
    ),
    (
        "split_note_2",
        "setiap provinsi punya halaman sendiri yang memeringkat wilayahnya dan menautkan kartu skornya.",
        "each province has its own page ranking its regions and linking their scorecards.",
    ),
    (
        "province_heatmap",
        "Median dimensi per provinsi",
        "Median dimension scores by province",
    ),
    (
        "province_heatmap_desc",
        "Median skor setiap dimensi di antara wilayah provinsi itu; makin gelap makin tinggi.",
        "The median score of each dimension among the province's regions; darker is higher.",
    ),
    (
        "top_in_province",
        "Tertinggi di provinsi",
        "Highest in the province",
    ),
    ("highest", "Tertinggi", "Highest"),
    ("rank_national", "peringkat nasional", "national rank"),
    ("rank_national_short", "Peringkat nasional", "National rank"),
    (
        "rank_province_short",
        "Peringkat di provinsi",
        "Rank in province",
    ),
    ("regency", "Kabupaten/Kota", "Regency/city"),
    ("region_years", "Wilayah-tahun", "Region-years"),
    ("all_provinces", "Semua provinsi", "All provinces"),
    // Scorecard.
    ("at_a_glance", "Sekilas", "At a glance"),
    ("compared_with", "dibanding", "compared with"),
    (
        "first_year",
        "belum ada pembanding",
        "nothing to compare with",
    ),
    ("rank_overall", "Peringkat keseluruhan", "Overall rank"),
    ("rank_among", "di antara", "among"),
    ("rank_in_province", "di provinsi", "in the province"),
    ("of", "dari", "of"),
    ("profile", "Profil dimensi", "Dimension profile"),
    ("this_year", "Tahun ini", "This year"),
    ("peer_median", "Median kelompok", "Peer median"),
    ("last_year", "Tahun sebelumnya", "Previous year"),
    (
        "radar_desc",
        "Grafik radar skor dimensi; angka yang sama ada pada tabel dimensi di bawah.",
        "Radar chart of the dimension scores; the same numbers are in the dimension table below.",
    ),
    ("dimensions", "Dimensi", "Dimensions"),
    ("components", "Komponen", "Components"),
    ("score", "Skor", "Score"),
    ("change", "Perubahan", "Change"),
    ("scale", "skala", "scale"),
    ("strengths", "Kekuatan", "Strengths"),
    ("to_improve", "Perlu ditingkatkan", "Areas to improve"),
    ("indicator", "Indikator", "Indicator"),
    ("indicators", "indikator", "indicators"),
    ("answer", "Jawaban", "Answer"),
    ("notes", "Catatan / bukti dukung", "Notes / evidence"),
    ("status", "Status", "Status"),
    ("answered", "Dijawab", "Answered"),
    (
        "not_applicable",
        "Tidak berlaku (N/A)",
        "Not applicable (N/A)",
    ),
    ("missing", "Kosong", "Blank"),
    (
        "missing_required",
        "Kosong (wajib, skor terendah)",
        "Blank (required, lowest score)",
    ),
    (
        "missing_optional",
        "Kosong (opsional, tidak dihitung)",
        "Blank (optional, left out)",
    ),
    ("all_answers", "Semua jawaban", "All answers"),
    ("source_file", "Berkas sumber", "Source file"),
    ("min_coverage", "Cakupan minimum", "Minimum coverage"),
    ("no_index", "Indeks tidak dihitung", "No index computed"),
    (
        "below_minimum",
        "di bawah cakupan minimum",
        "is below the minimum coverage of",
    ),
    ("not_scored_items", "Tidak dihitung", "Not scored"),
    ("min_short", "min.", "min."),
    (
        "why_title",
        "Apa yang mengubah indeks, dan langkah berikutnya",
        "What changed the index, and what to do next",
    ),
    (
        "moved_title",
        "Yang menggerakkan indeks",
        "What moved the index",
    ),
    (
        "moved_sum",
        "Jumlah sumbangan dimensi",
        "Sum of the dimensions' contributions",
    ),
    (
        "moved_indicators",
        "Sumbangan terbesar per indikator",
        "Largest contributions by indicator",
    ),
    (
        "moved_note",
        "Sumbangan = bobot × skor tahun ini dikurangi bobot × skor tahun pembanding; jumlahnya sama dengan perubahan indeks:",
        "Contribution = weight × score this year minus weight × score in the year compared with; they add up to the change of the index:",
    ),
    ("contribution", "Sumbangan", "Contribution"),
    // The region's history (one scorecard per region).
    ("history_title", "Riwayat per tahun", "Year by year"),
    (
        "history_note",
        "Perubahan: dibanding tahun sebelumnya yang indeksnya dihitung. Peringkat: di antara semua wilayah tahun itu.",
        "Improvement: since the previous year with a computed index. Rank: among all regions that year.",
    ),
    ("next_title", "Menuju predikat", "To reach"),
    ("next_threshold", "Batas bawah", "Lower bound"),
    ("next_gap", "kurang", "short by"),
    (
        "next_hint",
        "Perubahan jawaban ini bersama-sama mengangkat indeks ke predikat itu; angka di kanan adalah tambahan indeks setiap langkah.",
        "These answer changes together lift the index into that band; the figure on the right is what each step adds to the index.",
    ),
    (
        "next_none",
        "Tidak ada perubahan jawaban yang mencapai predikat itu.",
        "No change of answers reaches that band.",
    ),
    (
        "ties_note",
        "Daftar ini berisi skor terendah wilayah ini, meskipun skornya tinggi; skor yang sama diurutkan menurut urutan indikator dalam kerangka.",
        "This list holds the region's lowest scores, even when they are high; equal scores follow the framework's order of indicators.",
    ),
    (
        "answers_hint",
        "Buka dimensi untuk melihat jawabannya.",
        "Open a dimension to see its answers.",
    ),
    ("weight", "Bobot", "Weight"),
    (
        "weight_hint",
        "Bobot indikator dalam indeks: indeks = jumlah bobot × skor",
        "The indicator's weight in the index: index = sum of weight × score",
    ),
    (
        "percentile_hint",
        "P = persentil skor di antara wilayah sejenis tahun ini (P50: di tengah).",
        "P = the score's percentile among regions of the same kind this year (P50: in the middle).",
    ),
    // Verification of self-assessments.
    ("verification", "Verifikasi", "Verification"),
    ("review_stage", "Tahap", "Stage"),
    ("evaluator", "Evaluator", "Evaluator"),
    ("review_date", "Tanggal verifikasi", "Review date"),
    (
        "self_assessed_index",
        "Indeks penilaian mandiri",
        "Self-assessed index",
    ),
    ("final_index", "Indeks akhir", "Final index"),
    ("self_assessed", "Mandiri", "Self-assessed"),
    ("self_short", "Mandiri", "Self"),
    ("final", "Akhir", "Final"),
    ("gap", "Selisih (mandiri − akhir)", "Gap (self − final)"),
    ("gap_short", "Selisih", "Gap"),
    (
        "gap_hint",
        "Positif: daerah menilai dirinya lebih tinggi daripada hasil verifikasi.",
        "Positive: the region rated itself higher than evaluators verified.",
    ),
    (
        "final_used",
        "Nilai akhir memakai jawaban verifikasi evaluator bila ada, jawaban daerah selebihnya; peringkat, predikat dan kenaikan memakai nilai akhir.",
        "Final scores use the evaluators' verified answers where given and the region's elsewhere; ranks, bands and improvement use the final scores.",
    ),
    (
        "changed_answers",
        "Jawaban yang diubah evaluator",
        "Answers changed by evaluators",
    ),
    (
        "changed_without_note",
        "jawaban diubah tanpa catatan evaluator (W015): alasannya belum ditulis.",
        "answer(s) changed without an evaluator's note (W015): the reason is not written.",
    ),
    ("region_answer", "Jawaban daerah", "Region's answer"),
    ("verified_answer", "Jawaban verifikasi", "Verified answer"),
    ("evaluator_note", "Catatan evaluator", "Evaluator's note"),
    ("no_note", "tanpa catatan", "no note"),
    (
        "none_changed",
        "Evaluator tidak mengubah satu jawaban pun.",
        "Evaluators changed no answer.",
    ),
    (
        "unchanged_answers",
        "Diperiksa, tidak diubah",
        "Reviewed, unchanged",
    ),
    (
        "unchanged_in_json",
        "masing-masing tercantum di results.json",
        "each listed in results.json",
    ),
    (
        "self_only",
        "Nilai di kartu skor ini adalah penilaian mandiri daerah; belum diverifikasi evaluator.",
        "The scores on this scorecard are the region's self-assessment; evaluators have not verified them.",
    ),
    (
        "rank_not_reviewed",
        "belum diverifikasi: peringkat dari penilaian mandiri",
        "not reviewed: ranked on the self-assessment",
    ),
    ("not_reviewed", "belum diverifikasi", "not reviewed"),
    (
        "mark_legend",
        "* belum diverifikasi: peringkat dari jawaban penilaian mandiri daerah itu, belum diperiksa evaluator.",
        "* not reviewed: ranked on the region's own self-assessed answers, not checked by evaluators.",
    ),
    (
        "year_unreviewed",
        "Belum ada wilayah tahun ini yang diverifikasi evaluator: peringkat dari jawaban penilaian mandiri.",
        "No region of this year was reviewed by evaluators: the ranks are of self-assessed answers.",
    ),
    (
        "run_unreviewed",
        "Peringkat dari jawaban penilaian mandiri daerah; belum ada yang diverifikasi evaluator.",
        "Ranks are of the regions' self-assessed answers; evaluators have reviewed none.",
    ),
    (
        "review_title",
        "Verifikasi penilaian mandiri",
        "Verification of self-assessments",
    ),
    (
        "review_desc",
        "Indeks penilaian mandiri (jawaban daerah) di samping indeks akhir (jawaban verifikasi evaluator bila ada), selisih terbesar lebih dulu: siapa yang paling menilai dirinya terlalu tinggi.",
        "The self-assessed index (the region's answers) beside the final index (evaluators' verified answers where given), largest gap first: who over-claims most.",
    ),
    (
        "review_more",
        "wilayah lain yang diverifikasi tercantum di results.xlsx, lembar Verifikasi.",
        "more reviewed regions are listed in results.xlsx, sheet Verification.",
    ),
    (
        "dimension_gaps",
        "Rata-rata selisih per dimensi",
        "Mean gap per dimension",
    ),
    (
        "dimension_gaps_desc",
        "Rata-rata (mandiri − akhir) di antara wilayah yang diverifikasi: dimensi yang paling dinilai terlalu tinggi.",
        "The mean of (self − final) over the reviewed regions: the dimensions over-claimed most.",
    ),
];

/// The labels in `lang`, keyed for templates.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(k, id, en)| (*k, Words::new(id, en).get(lang)))
        .collect()
}

/// One label in `lang` (the key itself if unknown, which a test rules out).
pub fn label(key: &str, lang: Lang) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, id, en)| Words::new(id, en).get(lang))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_translated() {
        let mut seen = std::collections::HashSet::new();
        for (k, id, en) in LABELS {
            assert!(seen.insert(*k), "duplicate label {k}");
            assert!(!id.is_empty() && !en.is_empty(), "untranslated {k}");
        }
        assert_eq!(labels(Lang::En)["rank"], "Rank");
        assert_eq!(label("rank", Lang::Id), "Peringkat");
    }
}
