//! Which scorecard pages a report has and how the other pages link them.
//!
//! By default a region has one page, `scorecards/<code>.html`: its newest year's scorecard with
//! the history of all its years, so a ten-year national panel makes 83,763 pages rather than
//! 837,630. `--scorecards all-years` keeps one page per region-year, `<code>-<year>.html`. A link
//! to a year without a page of its own leads to that year's row in the region's history.

use super::context::{Context, ScorecardPages, scorecard_file_name};
use crate::compare::Entry;

/// The file name of a region's page, `32.73.html`, built only from a validated region code
/// (digits and dots); `None` if it looks wrong, so no input can steer a path.
pub fn region_file_name(code: &str) -> Option<String> {
    let code_ok = !code.is_empty()
        && code.len() <= 20
        && code.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !code.starts_with('.');
    code_ok.then(|| format!("{code}.html"))
}

/// The anchor of a year's row in a region's history.
pub fn history_anchor(year: i32) -> String {
    format!("year-{year}")
}

impl Context<'_> {
    /// The scorecard pages to write: the entry each shows (by index into the comparison) and
    /// its file name in the scorecards folder. Entries whose code or year cannot name a file
    /// have no page.
    pub fn scorecard_pages(&self) -> Vec<(usize, String)> {
        (0..self.cmp.entries.len())
            .filter_map(|i| {
                let e = &self.cmp.entries[i];
                match self.scorecards {
                    ScorecardPages::AllYears => scorecard_file_name(e),
                    ScorecardPages::Newest if self.is_newest(e) => {
                        region_file_name(e.submission.region.code)
                    }
                    ScorecardPages::Newest => None,
                }
                .map(|name| (i, name))
            })
            .collect()
    }

    /// Whether `e` is its region's newest year (the one its page shows by default).
    pub fn is_newest(&self, e: &Entry) -> bool {
        self.newest_year(e.submission.region.code) == Some(e.submission.year)
    }

    /// The newest year of the region with this code.
    fn newest_year(&self, code: &str) -> Option<i32> {
        self.regions
            .entries_of(code)
            .iter()
            .map(|&i| self.cmp.entries[i].submission.year)
            .max()
    }

    /// The link to `e`'s scorecard from the scorecards folder: its own page, or, when it has
    /// none (an earlier year, by default), its row in the history on its region's page.
    pub fn scorecard_href(&self, e: &Entry) -> Option<String> {
        match self.scorecards {
            ScorecardPages::AllYears => scorecard_file_name(e),
            ScorecardPages::Newest => {
                let page = region_file_name(e.submission.region.code)?;
                if self.is_newest(e) {
                    Some(page)
                } else {
                    Some(format!("{page}#{}", history_anchor(e.submission.year)))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_pages_are_named_from_digits_and_dots_only() {
        assert_eq!(region_file_name("32.73").as_deref(), Some("32.73.html"));
        assert_eq!(
            region_file_name("32.04.01.2001").as_deref(),
            Some("32.04.01.2001.html")
        );
        assert_eq!(region_file_name(""), None);
        assert_eq!(region_file_name("../x"), None);
        assert_eq!(region_file_name(".32"), None);
        assert_eq!(region_file_name("32/73"), None);
    }
}
