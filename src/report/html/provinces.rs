//! The comparison at national scale. One page ranking 83,763 villages weighs 179 MB and no
//! browser opens it; so when a year holds more region-years than [`PAGE_LIMIT`], the index
//! summarises by province and each province gets its own page (`province-32.html`) ranking its
//! region-years. The 514 kabupaten/kota stay on one page, as do smaller reports.

use super::context::Context;
use super::distribution::Distribution;
use super::heatmap::{HeatColumn, HeatRow, Heatmap};
use super::labels::label;
use super::page::Page;
use super::ranking::RankRow;
use super::review::ReviewSection;
use super::summary::{LEADERS, SummaryCard};
use crate::compare::{Entry, PeerMedians};
use crate::report::charts::{band_colour, text_on};
use serde::Serialize;
use std::collections::BTreeMap;

/// The most region-years of one year that the index lists itself; above it, the report is split
/// by province. Every kabupaten and kota (514) fits; a national village report does not.
pub const PAGE_LIMIT: usize = 600;

/// The file name of a province's page, `province-32.html`, built only from a two-digit code so
/// no input can steer a path; `None` for anything else.
pub fn province_file_name(code: &str) -> Option<String> {
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("province-{code}.html"))
}

/// The entries of each province (indices into the comparison, in its order: newest year first,
/// then by rank), by province code.
#[derive(Debug, Default)]
pub struct Provinces {
    members: BTreeMap<&'static str, Vec<usize>>,
}

impl Provinces {
    /// The provinces of `cx`'s comparison.
    pub fn of(cx: &Context) -> Provinces {
        let mut members: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for (i, e) in cx.cmp.entries.iter().enumerate() {
            members
                .entry(e.submission.region.province_code)
                .or_default()
                .push(i);
        }
        Provinces { members }
    }

    /// The province codes, in code order.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.members.keys().copied()
    }
}

/// The index page of a report split by province.
#[derive(Debug, Serialize)]
pub struct ProvinceIndexView {
    /// Furniture.
    #[serde(flatten)]
    pub page: Page,
    /// The newest year, if any region was scored.
    pub year: Option<i32>,
    /// Every year present, newest first.
    pub years: Vec<i32>,
    /// Headline figures of the newest year.
    pub summary: Vec<SummaryCard>,
    /// Regions per band, newest year.
    pub distribution: Distribution,
    /// Highest indices in the country.
    pub leaders: Vec<RankRow>,
    /// Largest improvements in the country.
    pub improved: Vec<RankRow>,
    /// One row per province.
    pub provinces: Vec<ProvinceRow>,
    /// Provinces × dimensions: the median score of each.
    pub heatmap: Heatmap,
    /// How many region-years one page lists at most (for the explanation).
    pub limit: usize,
    /// What the ranks shown (leaders, each province's highest) say about verification, or empty.
    pub rank_note: String,
    /// The review of the newest year across the country, when evaluators reviewed any of it.
    pub review: Option<ReviewSection>,
}

/// A province in the national summary; figures are of the newest year.
#[derive(Debug, Serialize)]
pub struct ProvinceRow {
    /// Two-digit code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Its page.
    pub href: Option<String>,
    /// Region-years of the newest year.
    pub regions: usize,
    /// Region-years of every year.
    pub region_years: usize,
    /// Median index as shown.
    pub median: String,
    /// Sort key.
    pub median_sort: String,
    /// Its highest-ranked region, if any has an index.
    pub top: Option<RankRow>,
    /// Regions per band, in band order.
    pub bands: Vec<BandCount>,
    /// Regions without an index.
    pub insufficient: usize,
}

/// How many regions of a province fall in a band.
#[derive(Debug, Serialize)]
pub struct BandCount {
    /// Band label.
    pub label: String,
    /// Regions.
    pub count: usize,
    /// Background.
    pub bg: String,
    /// Text colour.
    pub fg: String,
}

/// One province's page.
#[derive(Debug, Serialize)]
pub struct ProvincePageView {
    /// Furniture.
    #[serde(flatten)]
    pub page: Page,
    /// Two-digit code.
    pub code: String,
    /// Name.
    pub name: String,
    /// The newest year of the report.
    pub year: Option<i32>,
    /// Headline figures of the province's newest year.
    pub summary: Vec<SummaryCard>,
    /// The newest year's ranking within the province.
    pub ranking: Vec<ProvinceRankRow>,
    /// Earlier years' rankings within the province.
    pub earlier: Vec<ProvinceYear>,
    /// What the newest year's ranking says about verification, or empty.
    pub rank_note: String,
    /// The review of the province's newest year, when evaluators reviewed any of it.
    pub review: Option<ReviewSection>,
}

/// A row of a province page: a ranking row with the kabupaten/kota a village lies in.
#[derive(Debug, Serialize)]
pub struct ProvinceRankRow {
    /// The ranking row.
    #[serde(flatten)]
    pub row: RankRow,
    /// `Kab. Aceh Selatan` for a village; empty otherwise.
    pub regency: String,
}

/// A year's ranking within a province.
#[derive(Debug, Serialize)]
pub struct ProvinceYear {
    /// The year.
    pub year: i32,
    /// Rows.
    pub rows: Vec<ProvinceRankRow>,
    /// What the ranking says about verification (the mark's legend), or empty.
    pub rank_note: String,
}

impl Context<'_> {
    /// Whether the report is split by province: some year holds more than `limit` region-years.
    pub fn needs_province_pages(&self, limit: usize) -> bool {
        let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
        for e in &self.cmp.entries {
            *per_year.entry(e.submission.year).or_default() += 1;
        }
        per_year.values().any(|n| *n > limit)
    }

    /// The entries of the newest year.
    fn latest(&self) -> Vec<&Entry> {
        let year = self.cmp.years.first().copied();
        self.cmp
            .entries
            .iter()
            .filter(|e| Some(e.submission.year) == year)
            .collect()
    }

    /// The index page of a report split by province.
    pub fn province_index_view(&self, provinces: &Provinces, limit: usize) -> ProvinceIndexView {
        let latest = self.latest();
        let rows: Vec<ProvinceRow> = provinces
            .members
            .iter()
            .map(|(code, members)| self.province_row(code, members))
            .collect();
        ProvinceIndexView {
            page: self.page(""),
            year: self.cmp.years.first().copied(),
            years: self.cmp.years.clone(),
            summary: self.summary(&latest, self.year_median(self.cmp.years.first().copied())),
            distribution: self.distribution(&latest),
            leaders: latest
                .iter()
                .filter(|e| e.rank.is_some())
                .take(LEADERS)
                .map(|e| self.rank_row(e, ""))
                .collect(),
            improved: self.most_improved(&latest),
            heatmap: self.province_heatmap(provinces),
            provinces: rows,
            limit,
            rank_note: self.rank_note(
                self.cmp.years.first().copied(),
                latest
                    .iter()
                    .any(|e| e.rank.is_some() && self.reviewed.marks(e)),
                true,
            ),
            review: self.review_section(|_| true, ""),
        }
    }

    /// The newest-year entries among `members`.
    fn latest_of(&self, members: &[usize]) -> Vec<&Entry> {
        let year = self.cmp.years.first().copied();
        members
            .iter()
            .map(|&i| &self.cmp.entries[i])
            .filter(|e| Some(e.submission.year) == year)
            .collect()
    }

    /// The medians of the province `code` in the newest year.
    fn province_medians(&self, code: &str) -> Option<&PeerMedians> {
        self.peers.province(*self.cmp.years.first()?, code)
    }

    fn province_row(&self, code: &str, members: &[usize]) -> ProvinceRow {
        let latest = self.latest_of(members);
        let mut bands = vec![0usize; self.fw.bands.len()];
        let mut insufficient = 0;
        for e in &latest {
            match e.scorecard.band {
                Some(b) => bands[b] += 1,
                None => insufficient += 1,
            }
        }
        let median = self.province_medians(code).and_then(|m| m.index);
        ProvinceRow {
            code: code.to_string(),
            name: self.province_name(members),
            href: province_file_name(code),
            regions: latest.len(),
            region_years: members.len(),
            median: self.opt_num(median),
            median_sort: median.map(|m| format!("{m}")).unwrap_or_default(),
            // Members come in rank order, so the first with a rank is the province's leader.
            top: latest
                .iter()
                .find(|e| e.rank.is_some())
                .map(|e| self.rank_row(e, "")),
            bands: bands
                .into_iter()
                .enumerate()
                .map(|(b, count)| {
                    let bg = band_colour(b, self.fw.bands.len());
                    BandCount {
                        label: self.fw.bands[b].label.get(self.lang).to_string(),
                        count,
                        bg: bg.hex(),
                        fg: text_on(bg).hex(),
                    }
                })
                .collect(),
            insufficient,
        }
    }

    /// The province's name as people write it, from its first member.
    fn province_name(&self, members: &[usize]) -> String {
        members
            .first()
            .map(|&i| {
                crate::regions::display_name(self.cmp.entries[i].submission.region.province_name)
            })
            .unwrap_or_default()
    }

    /// Provinces × top-level dimensions: the median of each in the newest year, with the median
    /// index; rows link to the province pages.
    fn province_heatmap(&self, provinces: &Provinces) -> Heatmap {
        let fw = self.fw;
        let lang = self.lang;
        let dims: Vec<usize> = fw.top_dimensions().map(|(d, _)| d).collect();
        let rows = provinces
            .members
            .iter()
            .map(|(code, members)| {
                let name = self.province_name(members);
                let medians = self.province_medians(code);
                HeatRow {
                    href: province_file_name(code),
                    rank: code.to_string(),
                    rank_sort: code.replace('.', ""),
                    name_sort: name.clone(),
                    search: String::new(),
                    cells: dims
                        .iter()
                        .map(|&d| {
                            self.heat_cell(
                                &name,
                                fw.dimensions[d].label.get(lang),
                                medians.and_then(|m| m.dimensions[d]),
                            )
                        })
                        .collect(),
                    index: self.heat_cell(
                        &name,
                        label("index", lang),
                        medians.and_then(|m| m.index),
                    ),
                    not_reviewed: false,
                    name,
                }
            })
            .collect();
        Heatmap {
            columns: dims
                .iter()
                .map(|&d| HeatColumn {
                    id: fw.dimensions[d].id.clone(),
                    label: fw.dimensions[d].label.get(lang).to_string(),
                })
                .collect(),
            rows,
            legend: self.heat_legend(),
        }
    }

    /// The page of the province `code`, or `None` if no entry lies in it.
    pub fn province_view(&self, provinces: &Provinces, code: &str) -> Option<ProvincePageView> {
        let members = provinces.members.get(code)?;
        let latest = self.latest_of(members);
        let median = self.province_medians(code).and_then(|m| m.index);
        let mut summary = self.summary(&latest, median);
        // The country's leader and most improved are on the index; here, the province's own.
        summary.truncate(2);
        if let Some(top) = latest.iter().find(|e| e.rank_province == Some(1)) {
            summary.push(SummaryCard {
                label: label("top_in_province", self.lang).to_string(),
                value: top.submission.region.display_name(),
                detail: format!(
                    "{} {} · {} {}",
                    label("index", self.lang),
                    self.index_text(top),
                    label("rank_national", self.lang),
                    top.rank.map(|r| r.to_string()).unwrap_or_default()
                ),
            });
        }
        let year = self.cmp.years.first().copied();
        let ranking: Vec<ProvinceRankRow> =
            latest.iter().map(|e| self.province_rank_row(e)).collect();
        let marked = |rows: &[ProvinceRankRow]| rows.iter().any(|r| r.row.not_reviewed);
        Some(ProvincePageView {
            page: self.page(""),
            code: code.to_string(),
            name: self.province_name(members),
            year,
            summary,
            rank_note: self.rank_note(year, marked(&ranking), true),
            review: self.review_section(|e| e.submission.region.province_code == code, ""),
            ranking,
            earlier: self
                .cmp
                .years
                .iter()
                .skip(1)
                .map(|&year| {
                    let rows: Vec<ProvinceRankRow> = members
                        .iter()
                        .map(|&i| &self.cmp.entries[i])
                        .filter(|e| e.submission.year == year)
                        .map(|e| self.province_rank_row(e))
                        .collect();
                    ProvinceYear {
                        year,
                        rank_note: self.rank_note(Some(year), marked(&rows), false),
                        rows,
                    }
                })
                .filter(|y| !y.rows.is_empty())
                .collect(),
        })
    }

    fn province_rank_row(&self, e: &Entry) -> ProvinceRankRow {
        let region = &e.submission.region;
        let regency = match region.kind {
            crate::regions::RegionKind::Village => region
                .code
                .get(..5)
                .and_then(crate::regions::lookup)
                .map(|r| r.display_name())
                .unwrap_or_default(),
            _ => String::new(),
        };
        ProvinceRankRow {
            row: self.rank_row(e, ""),
            regency,
        }
    }
}

/// The province page's link for a scorecard (from the scorecards folder), when the report is
/// split by province.
pub fn province_link(e: &Entry) -> Option<String> {
    province_file_name(e.submission.region.province_code).map(|f| format!("../{f}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_files_are_named_from_two_digits_only() {
        assert_eq!(
            province_file_name("32").as_deref(),
            Some("province-32.html")
        );
        assert_eq!(province_file_name("3"), None);
        assert_eq!(province_file_name("../"), None);
        assert_eq!(province_file_name("3a"), None);
    }
}
