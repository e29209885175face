//! `results.xlsx`, for evaluators who work in spreadsheets: a ranking summary (conditional
//! formatting, frozen header, filters), one sheet per level with every intermediate score, a
//! radar chart, and the framework used. Numbers are written as numbers (never as text) with
//! display formats, so Excel or LibreOffice show them in the reader's own locale and they can be
//! sorted, filtered and summed.

use crate::compare::{Comparison, Entry};
use crate::framework::{AnswerKind, Framework, IndexBasis};
use crate::report::band_label;
use crate::report::charts::median;
use crate::scoring::IndicatorStatus;
use crate::submission::{Answer, GivenAnswer};
use crate::text::{Lang, Text};
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartLine, ChartLineDashType, ChartType,
    ConditionalFormat3ColorScale, ConditionalFormatCell, ConditionalFormatCellRule,
    ConditionalFormatType, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// How many regions the radar chart compares (more would be unreadable).
const RADAR_REGIONS: usize = 5;

/// Sheet names by language (one word each, so chart ranges need no quoting).
struct Names {
    summary: &'static str,
    dimensions: &'static str,
    components: &'static str,
    indicators: &'static str,
    radar: &'static str,
    framework: &'static str,
}

/// The sheet names in `lang`.
fn names(lang: Lang) -> Names {
    match lang {
        Lang::Id => Names {
            summary: "Ringkasan",
            dimensions: "Dimensi",
            components: "Komponen",
            indicators: "Indikator",
            radar: "Radar",
            framework: "Kerangka",
        },
        Lang::En => Names {
            summary: "Summary",
            dimensions: "Dimensions",
            components: "Components",
            indicators: "Indicators",
            radar: "Radar",
            framework: "Framework",
        },
    }
}

/// Cell formats shared by the sheets.
struct Formats {
    header: Format,
    score: Format,
    delta: Format,
    percent: Format,
    int: Format,
    title: Format,
    wrap: Format,
    up: Format,
    down: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_font_color("FFFFFF")
                .set_background_color("0C2C84")
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
                .set_border_color("FFFFFF"),
            score: Format::new().set_num_format("0.00"),
            delta: Format::new().set_num_format("+0.00;-0.00;0.00"),
            percent: Format::new().set_num_format("0%"),
            int: Format::new().set_num_format("0"),
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            up: Format::new().set_font_color("15803D"),
            down: Format::new().set_font_color("B91C1C"),
        }
    }
}

fn t(id: &'static str, en: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::Id { id } else { en }
}

/// Writes a number, or leaves the cell blank when there is none (a blank is not a zero).
fn put(ws: &mut Worksheet, r: u32, c: u16, v: Option<f64>, f: &Format) -> Result<(), XlsxError> {
    if let Some(v) = v.filter(|v| v.is_finite()) {
        ws.write_number_with_format(r, c, v, f)?;
    }
    Ok(())
}

fn header(ws: &mut Worksheet, cols: &[String], f: &Formats) -> Result<(), XlsxError> {
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)?;
    }
    ws.set_row_height(0, 32)?;
    Ok(())
}

/// Frozen header, filters over the table, and red/green for signed changes in `delta_cols`.
fn finish_table(
    ws: &mut Worksheet,
    rows: u32,
    cols: u16,
    freeze_cols: u16,
    delta_cols: &[u16],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(1, freeze_cols)?;
    if cols > 0 {
        ws.autofilter(0, 0, rows.max(1), cols - 1)?;
    }
    if rows > 0 {
        for &c in delta_cols {
            ws.add_conditional_format(
                1,
                c,
                rows,
                c,
                &ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::GreaterThan(0.005))
                    .set_format(f.up.clone()),
            )?;
            ws.add_conditional_format(
                1,
                c,
                rows,
                c,
                &ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::LessThan(-0.005))
                    .set_format(f.down.clone()),
            )?;
        }
    }
    Ok(())
}

/// The heatmap colours of the HTML report, light enough for black numbers.
fn colour_scale(fw: &Framework) -> ConditionalFormat3ColorScale {
    ConditionalFormat3ColorScale::new()
        .set_minimum(ConditionalFormatType::Number, fw.scale.min)
        .set_midpoint(
            ConditionalFormatType::Number,
            (fw.scale.min + fw.scale.max) / 2.0,
        )
        .set_maximum(ConditionalFormatType::Number, fw.scale.max)
        .set_minimum_color("FFFFD9")
        .set_midpoint_color("C7E9B4")
        .set_maximum_color("41B6C4")
}

fn region_cells(ws: &mut Worksheet, r: u32, e: &Entry, lang: Lang) -> Result<(), XlsxError> {
    ws.write_number(r, 0, e.submission.year as f64)?;
    ws.write_string(r, 1, e.submission.region.code)?;
    ws.write_string(r, 2, e.submission.region.display_name())?;
    ws.write_string(r, 3, e.submission.region.kind.label().get(lang))?;
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols: Vec<String> = [
        t("Tahun", "Year", lang),
        t("Kode", "Code", lang),
        t("Wilayah", "Region", lang),
        t("Jenis", "Kind", lang),
        t("Provinsi", "Province", lang),
        t("Peringkat", "Rank", lang),
        t("Indeks", "Index", lang),
        t("Predikat", "Band", lang),
        t("Perubahan", "Improvement", lang),
        t("Perubahan peringkat", "Rank change", lang),
        t("Peringkat di jenisnya", "Rank among kind", lang),
        t("Peringkat di provinsi", "Rank in province", lang),
        t("Cakupan", "Coverage", lang),
        t("Tahun sebelumnya", "Previous year", lang),
        t("Indeks sebelumnya", "Previous index", lang),
        t("Berkas sumber", "Source file", lang),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header(ws, &cols, f)?;
    for (i, e) in cmp.entries.iter().enumerate() {
        let r = i as u32 + 1;
        region_cells(ws, r, e, lang)?;
        ws.write_string(
            r,
            4,
            crate::regions::display_name(e.submission.region.province_name),
        )?;
        put(ws, r, 5, e.rank.map(f64::from), &f.int)?;
        put(ws, r, 6, e.scorecard.index, &f.score)?;
        ws.write_string(r, 7, band_label(fw, e, lang))?;
        put(ws, r, 8, e.improvement(), &f.delta)?;
        put(ws, r, 9, e.rank_change().map(|c| c as f64), &f.int)?;
        put(ws, r, 10, e.rank_kind.map(f64::from), &f.int)?;
        put(ws, r, 11, e.rank_province.map(f64::from), &f.int)?;
        put(ws, r, 12, Some(e.scorecard.coverage.share()), &f.percent)?;
        let prev = e.previous.as_ref();
        put(ws, r, 13, prev.map(|p| p.year as f64), &f.int)?;
        put(ws, r, 14, prev.and_then(|p| p.index), &f.score)?;
        ws.write_string(r, 15, e.submission.source.file.display().to_string())?;
    }
    let rows = cmp.entries.len() as u32;
    if rows > 0 {
        ws.add_conditional_format(1, 6, rows, 6, &colour_scale(fw))?;
    }
    finish_table(ws, rows, cols.len() as u16, 3, &[8, 9], f)?;
    for (c, w) in [7, 8, 26, 10, 18, 9, 9, 13, 11, 11, 11, 11, 9, 9, 10, 40]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// A level of the framework as a sheet shows it: its items, and how to read an entry's score
/// and change of item `k`.
struct Level<'a> {
    items: Vec<(String, &'a Text)>,
    score: &'a dyn Fn(&Entry, usize) -> Option<f64>,
    change: &'a dyn Fn(&Entry, usize) -> Option<f64>,
}

/// A level sheet: one row per region-year, one score column per item, then one change column
/// per item.
fn level_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    f: &Formats,
    level: &Level,
) -> Result<(), XlsxError> {
    let items = &level.items;
    let mut cols: Vec<String> = [
        t("Tahun", "Year", lang),
        t("Kode", "Code", lang),
        t("Wilayah", "Region", lang),
        t("Jenis", "Kind", lang),
        t("Indeks", "Index", lang),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let first = cols.len() as u16;
    let n = items.len() as u16;
    for (id, label) in items {
        cols.push(format!("{} ({id})", label.get(lang)));
    }
    for (id, _) in items {
        cols.push(format!("Δ {id}"));
    }
    header(ws, &cols, f)?;
    for (i, e) in cmp.entries.iter().enumerate() {
        let r = i as u32 + 1;
        region_cells(ws, r, e, lang)?;
        put(ws, r, 4, e.scorecard.index, &f.score)?;
        for k in 0..items.len() {
            put(ws, r, first + k as u16, (level.score)(e, k), &f.score)?;
            put(ws, r, first + n + k as u16, (level.change)(e, k), &f.delta)?;
        }
    }
    let rows = cmp.entries.len() as u32;
    if rows > 0 && n > 0 {
        ws.add_conditional_format(1, 4, rows, first + n - 1, &colour_scale(fw))?;
    }
    let deltas: Vec<u16> = (first + n..first + 2 * n).collect();
    finish_table(ws, rows, cols.len() as u16, 3, &deltas, f)?;
    ws.set_column_width(1, 8)?;
    ws.set_column_width(2, 26)?;
    ws.set_column_width(3, 10)?;
    for c in first..first + 2 * n {
        ws.set_column_width(c, 12)?;
    }
    Ok(())
}

fn status_text(s: IndicatorStatus, lang: Lang) -> &'static str {
    match s {
        IndicatorStatus::Answered => t("dijawab", "answered", lang),
        IndicatorStatus::NotApplicable => t("tidak berlaku", "not applicable", lang),
        IndicatorStatus::MissingRequired => t("kosong (wajib)", "blank (required)", lang),
        IndicatorStatus::MissingOptional => t("kosong (opsional)", "blank (optional)", lang),
    }
}

/// What was typed, the option or number understood, and the notes, in columns 7–9 and 12.
fn answer_cells(
    ws: &mut Worksheet,
    r: u32,
    fw: &Framework,
    i: usize,
    g: &GivenAnswer,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_string(r, 7, g.raw())?;
    match (&g.answer, &fw.answer_set_of(i).kind) {
        (Answer::Choice(o), AnswerKind::Options { options }) => {
            if let Some(opt) = options.get(*o) {
                ws.write_string(r, 8, format!("{} — {}", opt.code, opt.label.get(lang)))?;
            }
        }
        (Answer::Number(n), _) => {
            ws.write_number(r, 9, *n)?;
        }
        _ => {}
    }
    if let Some(notes) = g.notes() {
        ws.write_string(r, 12, notes)?;
    }
    Ok(())
}

/// An indicator sheet: one row per region-year and indicator, for the `rows` given.
fn indicator_sheet<'e>(
    ws: &mut Worksheet,
    fw: &Framework,
    rows: impl Iterator<Item = (&'e Entry, usize)>,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols: Vec<String> = [
        t("Tahun", "Year", lang),
        t("Kode", "Code", lang),
        t("Wilayah", "Region", lang),
        t("ID indikator", "Indicator ID", lang),
        t("Indikator", "Indicator", lang),
        t("Dimensi", "Dimension", lang),
        t("Komponen", "Component", lang),
        t("Jawaban (diketik)", "Answer (as typed)", lang),
        t("Pilihan", "Option", lang),
        t("Angka", "Number", lang),
        t("Skor", "Score", lang),
        t("Status", "Status", lang),
        t("Catatan / bukti dukung", "Notes / evidence", lang),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header(ws, &cols, f)?;
    let mut r = 0u32;
    for (e, i) in rows {
        let ind = &fw.indicators[i];
        r += 1;
        ws.write_number(r, 0, e.submission.year as f64)?;
        ws.write_string(r, 1, e.submission.region.code)?;
        ws.write_string(r, 2, e.submission.region.display_name())?;
        ws.write_string(r, 3, &ind.id)?;
        ws.write_string(r, 4, ind.label.get(lang))?;
        ws.write_string(r, 5, &fw.dimensions[ind.parent].id)?;
        if let Some(c) = ind.component {
            ws.write_string(r, 6, &fw.components[c].id)?;
        }
        if let Some(g) = e.submission.answers[i].as_ref() {
            answer_cells(ws, r, fw, i, g, lang)?;
        }
        put(ws, r, 10, e.scorecard.indicators[i].score, &f.score)?;
        ws.write_string(r, 11, status_text(e.scorecard.indicators[i].status, lang))?;
    }
    if r > 0 {
        ws.add_conditional_format(1, 10, r, 10, &colour_scale(fw))?;
    }
    finish_table(ws, r, cols.len() as u16, 4, &[], f)?;
    for (c, w) in [7, 8, 22, 12, 36, 10, 11, 16, 24, 9, 8, 16, 50]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    Ok(())
}

/// The radar sheet: the newest year's top regions and the median of all its regions, over the
/// top-level dimensions (or the components when there are fewer than three dimensions).
fn radar_sheet(
    ws: &mut Worksheet,
    sheet_name: &str,
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let top: Vec<usize> = fw.top_dimensions().map(|(d, _)| d).collect();
    let use_components = top.len() < 3 && fw.components.len() >= 3;
    let axes: Vec<(String, Option<usize>)> = if use_components {
        fw.components
            .iter()
            .enumerate()
            .map(|(c, comp)| (comp.label.get(lang).to_string(), Some(c)))
            .collect()
    } else {
        top.iter()
            .map(|d| (fw.dimensions[*d].label.get(lang).to_string(), Some(*d)))
            .collect()
    };
    let value = |e: &Entry, k: usize| -> Option<f64> {
        let i = axes[k].1?;
        if use_components {
            e.scorecard.components[i]
        } else {
            e.scorecard.dimensions[i]
        }
    };
    let year = cmp.years.first().copied();
    let latest: Vec<&Entry> = cmp
        .entries
        .iter()
        .filter(|e| Some(e.submission.year) == year)
        .collect();
    let shown: Vec<&Entry> = latest
        .iter()
        .copied()
        .filter(|e| e.rank.is_some())
        .take(RADAR_REGIONS)
        .collect();
    ws.write_string_with_format(
        0,
        0,
        format!(
            "{} {}",
            t(
                "Profil dimensi: peringkat teratas dan median",
                "Dimension profile: top-ranked regions and the median",
                lang
            ),
            year.map(|y| y.to_string()).unwrap_or_default()
        ),
        &f.title,
    )?;
    let head = 2u32;
    ws.write_string_with_format(
        head,
        0,
        if use_components {
            t("Komponen", "Component", lang)
        } else {
            t("Dimensi", "Dimension", lang)
        },
        &f.header,
    )?;
    for (j, e) in shown.iter().enumerate() {
        ws.write_string_with_format(
            head,
            j as u16 + 1,
            e.submission.region.display_name(),
            &f.header,
        )?;
    }
    ws.set_row_height(head, 32)?;
    let median_col = shown.len() as u16 + 1;
    ws.write_string_with_format(
        head,
        median_col,
        t("Median semua wilayah", "Median of all regions", lang),
        &f.header,
    )?;
    for (k, (name, _)) in axes.iter().enumerate() {
        let r = head + 1 + k as u32;
        ws.write_string(r, 0, name)?;
        for (j, e) in shown.iter().enumerate() {
            put(ws, r, j as u16 + 1, value(e, k), &f.score)?;
        }
        put(
            ws,
            r,
            median_col,
            median(latest.iter().filter_map(|e| value(e, k))),
            &f.score,
        )?;
    }
    ws.set_column_width(0, 30)?;
    for c in 1..=median_col {
        ws.set_column_width(c, 16)?;
    }
    if axes.len() < 3 || latest.is_empty() {
        return Ok(());
    }
    let last = head + axes.len() as u32;
    let mut chart = Chart::new(ChartType::RadarWithMarkers);
    for col in 1..=median_col {
        let series = chart
            .add_series()
            .set_name((sheet_name, head, col))
            .set_categories((sheet_name, head + 1, 0, last, 0))
            .set_values((sheet_name, head + 1, col, last, col));
        if col == median_col {
            let mut line = ChartLine::new();
            line.set_color("C2410C")
                .set_width(2.25)
                .set_dash_type(ChartLineDashType::Dash);
            series.set_format(&mut line);
        }
    }
    chart
        .title()
        .set_name(t("Profil dimensi", "Dimension profile", lang));
    chart.y_axis().set_min(fw.scale.min).set_max(fw.scale.max);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(720).set_height(480);
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 1);
    ws.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}

fn framework_sheet(
    ws: &mut Worksheet,
    fw: &Framework,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, fw.title.get(lang), &f.title)?;
    let basis = match fw.index_basis {
        IndexBasis::Dimensions => t("dimensi", "dimensions", lang),
        IndexBasis::Components => t("komponen", "components", lang),
    };
    let facts: Vec<(&str, String)> = vec![
        ("id", fw.id.clone()),
        (t("versi", "version", lang), fw.version.clone()),
        ("SHA-256", fw.content_hash.clone()),
        (
            t("skala", "scale", lang),
            format!("{} – {}", fw.scale.min, fw.scale.max),
        ),
        (t("indeks dari", "index from", lang), basis.to_string()),
        (
            t("cakupan minimum", "minimum coverage", lang),
            format!("{}", fw.min_coverage),
        ),
        (
            t("sumber", "source", lang),
            fw.source.clone().unwrap_or_default(),
        ),
        (
            t("catatan", "note", lang),
            fw.illustrative
                .as_ref()
                .map(|x| x.get(lang).to_string())
                .unwrap_or_default(),
        ),
        (
            t("catatan predikat", "note on bands", lang),
            fw.bands_note
                .as_ref()
                .map(|x| x.get(lang).to_string())
                .unwrap_or_default(),
        ),
    ];
    let mut r = 2u32;
    for (k, v) in facts {
        ws.write_string_with_format(r, 0, k, &Format::new().set_bold())?;
        ws.write_string_with_format(r, 1, v, &f.wrap)?;
        r += 1;
    }
    r += 1;
    let mut table = |ws: &mut Worksheet,
                     title: &str,
                     heads: &[&str],
                     rows: Vec<Vec<Cell>>|
     -> Result<(), XlsxError> {
        ws.write_string_with_format(r, 0, title, &Format::new().set_bold().set_font_size(12))?;
        r += 1;
        for (c, h) in heads.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *h, &f.header)?;
        }
        r += 1;
        for row in rows {
            for (c, cell) in row.into_iter().enumerate() {
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(r, c as u16, s)?;
                    }
                    Cell::Num(v) => {
                        ws.write_number(r, c as u16, v)?;
                    }
                    Cell::Empty => {}
                }
            }
            r += 1;
        }
        r += 1;
        Ok(())
    };
    let label = |x: &Text| Cell::Text(x.get(lang).to_string());
    table(
        ws,
        t("Predikat", "Bands", lang),
        &[
            t("dari", "from", lang),
            t("sampai", "to", lang),
            t("predikat", "band", lang),
        ],
        fw.bands
            .iter()
            .map(|b| vec![Cell::Num(b.from), Cell::Num(b.to), label(&b.label)])
            .collect(),
    )?;
    if !fw.components.is_empty() {
        table(
            ws,
            t("Komponen", "Components", lang),
            &["id", t("nama", "name", lang), t("bobot", "weight", lang)],
            fw.components
                .iter()
                .map(|c| {
                    vec![
                        Cell::Text(c.id.clone()),
                        label(&c.label),
                        Cell::Num(c.weight),
                    ]
                })
                .collect(),
        )?;
    }
    table(
        ws,
        t("Dimensi", "Dimensions", lang),
        &[
            "id",
            t("nama", "name", lang),
            t("induk", "parent", lang),
            t("bobot", "weight", lang),
        ],
        fw.dimensions
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(d.id.clone()),
                    label(&d.label),
                    d.parent
                        .map_or(Cell::Empty, |p| Cell::Text(fw.dimensions[p].id.clone())),
                    Cell::Num(d.weight),
                ]
            })
            .collect(),
    )?;
    table(
        ws,
        t("Indikator", "Indicators", lang),
        &[
            "id",
            t("nama", "name", lang),
            t("dimensi", "dimension", lang),
            t("komponen", "component", lang),
            t("bobot", "weight", lang),
            t("jawaban", "answers", lang),
            t("wajib", "required", lang),
            t("boleh N/A", "N/A allowed", lang),
            t("pertanyaan", "question", lang),
        ],
        fw.indicators
            .iter()
            .map(|ind| {
                let yes_no = |b: bool| {
                    Cell::Text(
                        if b {
                            t("ya", "yes", lang)
                        } else {
                            t("tidak", "no", lang)
                        }
                        .into(),
                    )
                };
                vec![
                    Cell::Text(ind.id.clone()),
                    label(&ind.label),
                    Cell::Text(fw.dimensions[ind.parent].id.clone()),
                    ind.component
                        .map_or(Cell::Empty, |c| Cell::Text(fw.components[c].id.clone())),
                    Cell::Num(ind.weight),
                    Cell::Text(fw.answer_sets[ind.answers].name.clone()),
                    yes_no(ind.required),
                    yes_no(ind.na_allowed),
                    label(&ind.question),
                ]
            })
            .collect(),
    )?;
    for (c, w) in [18, 40, 12, 12, 8, 14, 8, 10, 60].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    Ok(())
}

/// A cell of the framework sheet's tables.
enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

/// Rows of an Excel sheet.
const EXCEL_ROWS: usize = 1_048_576;

/// A sheet for a large table, written row by row: only the current row and the shared strings
/// stay in memory (a standard sheet keeps about 200 bytes per cell, gigabytes at village scale).
fn data_sheet<'w>(wb: &'w mut Workbook, name: &str) -> Result<&'w mut Worksheet, XlsxError> {
    wb.add_worksheet_with_low_memory()?.set_name(name)
}

/// The workbook, as bytes.
pub fn to_xlsx(fw: &Framework, cmp: &Comparison, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    workbook(fw, cmp, lang, EXCEL_ROWS - 1)?.save_to_buffer()
}

/// Streams the workbook into `w`: at national scale it is a hundred megabytes, which need not
/// sit in memory on their way to disk.
pub fn write_xlsx(
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    w: impl std::io::Write + Send,
) -> Result<(), XlsxError> {
    workbook(fw, cmp, lang, EXCEL_ROWS - 1)?.save_to_writer(w)
}

/// The workbook with at most `max_rows` data rows per indicator sheet (further rows go on
/// further sheets).
fn workbook(
    fw: &Framework,
    cmp: &Comparison,
    lang: Lang,
    max_rows: usize,
) -> Result<Workbook, XlsxError> {
    let n = names(lang);
    let f = Formats::new();
    let mut wb = Workbook::new();
    summary_sheet(data_sheet(&mut wb, n.summary)?, fw, cmp, lang, &f)?;
    let dims = Level {
        items: fw
            .dimensions
            .iter()
            .map(|d| (d.id.clone(), &d.label))
            .collect(),
        score: &|e, d| e.scorecard.dimensions[d],
        change: &|e, d| e.dimension_improvement(fw, d),
    };
    level_sheet(data_sheet(&mut wb, n.dimensions)?, fw, cmp, lang, &f, &dims)?;
    if !fw.components.is_empty() {
        let comps = Level {
            items: fw
                .components
                .iter()
                .map(|c| (c.id.clone(), &c.label))
                .collect(),
            score: &|e, c| e.scorecard.components[c],
            change: &|e, c| e.component_improvement(fw, c),
        };
        level_sheet(
            data_sheet(&mut wb, n.components)?,
            fw,
            cmp,
            lang,
            &f,
            &comps,
        )?;
    }
    // A sheet holds 1,048,576 rows; a national village assessment has millions of answers.
    let per_sheet = max_rows.clamp(1, EXCEL_ROWS - 1);
    let total = cmp.entries.len() * fw.indicators.len();
    for k in 0..total.div_ceil(per_sheet).max(1) {
        let name = match k {
            0 => n.indicators.to_string(),
            _ => format!("{} {}", n.indicators, k + 1),
        };
        let rows = cmp
            .entries
            .iter()
            .flat_map(|e| (0..fw.indicators.len()).map(move |i| (e, i)))
            .skip(k * per_sheet)
            .take(per_sheet);
        indicator_sheet(data_sheet(&mut wb, &name)?, fw, rows, lang, &f)?;
    }
    radar_sheet(
        wb.add_worksheet().set_name(n.radar)?,
        n.radar,
        fw,
        cmp,
        lang,
        &f,
    )?;
    framework_sheet(wb.add_worksheet().set_name(n.framework)?, fw, lang, &f)?;
    Ok(wb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::path::Path;

    fn fixture() -> (Framework, Comparison) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fw = crate::framework::load_file(&root.join("tests/fixtures/frameworks/example.toml"))
            .expect("example framework");
        let batch = crate::answers::ingest(
            &[root.join("tests/fixtures/answers/long-table.xlsx")],
            &fw,
            crate::answers::Mode::Score,
        );
        let cmp = crate::compare::compare(&fw, batch.submissions, &[]);
        (fw, cmp)
    }

    #[test]
    fn indicator_rows_beyond_a_sheet_go_on_further_sheets() {
        let (fw, cmp) = fixture();
        // 6 region-years × 4 indicators = 24 rows, 10 per sheet.
        let bytes = workbook(&fw, &cmp, Lang::En, 10)
            .unwrap()
            .save_to_buffer()
            .unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        assert_eq!(
            names,
            [
                "Summary",
                "Dimensions",
                "Components",
                "Indicators",
                "Indicators 2",
                "Indicators 3",
                "Radar",
                "Framework"
            ]
        );
        let rows: Vec<usize> = ["Indicators", "Indicators 2", "Indicators 3"]
            .iter()
            .map(|n| wb.worksheet_range(n).unwrap().rows().count() - 1)
            .collect();
        assert_eq!(rows, [10, 10, 4]);
        // Every sheet has its header, and the rows continue where the last sheet stopped.
        let second = wb.worksheet_range("Indicators 2").unwrap();
        assert_eq!(
            second.get((0, 3)),
            Some(&Data::String("Indicator ID".into()))
        );
        assert_eq!(second.get((1, 3)), Some(&Data::String("ENV-01".into())));
    }
}
