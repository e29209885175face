//! What `report --analyse` adds to a report: each ranked region-year's 5–95 % rank interval
//! (from `smartcity::analyse`, computed by the caller) shown in the ranking tables, and a link to
//! the analysis page. Plain data, so the report does not depend on the analysis.

use std::collections::HashMap;

/// Rank intervals by region code and year, and the analysis page to link.
#[derive(Debug, Clone, Default)]
pub struct RankIntervals {
    /// (region code, year) → (5 %, 95 %) of its ranks.
    pub by_region_year: HashMap<(String, i32), (u32, u32)>,
    /// The analysis page, relative to the report folder (`analysis.html`).
    pub page: Option<String>,
}

impl RankIntervals {
    /// The interval of a region-year as shown (`2–5`), or empty.
    pub fn shown(&self, code: &str, year: i32) -> String {
        self.by_region_year
            .get(&(code.to_string(), year))
            .map(|(lo, hi)| {
                if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}–{hi}")
                }
            })
            .unwrap_or_default()
    }
}
