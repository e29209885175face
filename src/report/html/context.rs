//! The shared inputs of every page of one report, and what is counted once for all of them: the
//! peer-group medians and ranked-group sizes (from `compare`) and each region's entries.

use crate::compare::{Comparison, Entry, GroupSizes, Peers};
use crate::framework::Framework;
use crate::report::manifest::{ShownPaths, Timestamp};
use crate::text::Lang;
use std::collections::HashMap;

/// Shared inputs of every page of one report.
pub struct Context<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The results.
    pub cmp: &'a Comparison,
    /// The reader's language.
    pub lang: Lang,
    /// When the report was made.
    pub generated: Timestamp,
    /// Peer-group medians.
    pub peers: Peers,
    /// Sizes of the ranked groups.
    pub groups: GroupSizes,
    /// Each region's entries.
    pub regions: RegionEntries,
    /// Whether the comparison is split into province pages (scorecards then link theirs).
    pub province_pages: bool,
    /// How the files read are named (never by an absolute path).
    pub shown: ShownPaths,
}

impl<'a> Context<'a> {
    /// The context of a report on `cmp`.
    pub fn new(
        fw: &'a Framework,
        cmp: &'a Comparison,
        lang: Lang,
        generated: Timestamp,
    ) -> Context<'a> {
        Context {
            fw,
            cmp,
            lang,
            generated,
            peers: Peers::of(fw, cmp),
            groups: GroupSizes::of(cmp),
            regions: RegionEntries::of(cmp),
            province_pages: false,
            shown: ShownPaths::of(cmp.entries.iter().map(|e| e.submission.source.file.as_path())),
        }
    }
}

/// The file name of an entry's scorecard, `32.73-2022.html`, built only from a validated region
/// code (digits and dots) and year; `None` if either looks wrong, so no input can steer a path.
pub fn scorecard_file_name(e: &Entry) -> Option<String> {
    let code = &e.submission.region.code;
    let code_ok = !code.is_empty()
        && code.len() <= 20
        && code.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !code.starts_with('.');
    let year = e.submission.year;
    (code_ok && (1000..=9999).contains(&year)).then(|| format!("{code}-{year}.html"))
}

/// Each region's entries (indices into the comparison), by region code, gathered once: a
/// scorecard that looked for its region's other years itself would make a national village
/// report quadratic.
#[derive(Debug, Default)]
pub struct RegionEntries {
    by_region: HashMap<String, Vec<usize>>,
}

impl RegionEntries {
    /// The regions of `cmp`.
    pub fn of(cmp: &Comparison) -> RegionEntries {
        let mut by_region: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in cmp.entries.iter().enumerate() {
            by_region
                .entry(e.submission.region.code.to_string())
                .or_default()
                .push(i);
        }
        RegionEntries { by_region }
    }

    /// The entries (indices into the comparison) of the region with this code.
    pub fn entries_of(&self, code: &str) -> &[usize] {
        self.by_region.get(code).map_or(&[], Vec::as_slice)
    }
}
