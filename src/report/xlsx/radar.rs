//! The radar sheet: the newest year's top-ranked regions against the median of all its regions,
//! as a table and a radar chart.

use super::format::{Formats, put, t};
use crate::compare::{Comparison, Entry, PeerMedians};
use crate::framework::Framework;
use crate::text::Lang;
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartLine, ChartLineDashType, ChartType, Worksheet, XlsxError,
};

/// How many regions the radar chart compares (more would be unreadable).
const RADAR_REGIONS: usize = 5;

/// The radar sheet: the newest year's top regions and the median of all its regions, over the
/// top-level dimensions (or the components when there are fewer than three dimensions).
pub(super) fn radar_sheet(
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
    let medians = PeerMedians::of(fw, &latest);
    let median = |k: usize| -> Option<f64> {
        let i = axes[k].1?;
        if use_components {
            medians.components[i]
        } else {
            medians.dimensions[i]
        }
    };
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
        put(ws, r, median_col, median(k), &f.score)?;
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
