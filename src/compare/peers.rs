//! Facts about the groups a region-year is compared within — all regions of its year, those of
//! its kind (kota, kabupaten, province, village) and those of its province — counted once per
//! comparison: the medians a report sets a region against, and how many regions each ranking
//! has. Pure functions of the results; how a number is shown is the report's business.

use super::{Comparison, Entry};
use crate::framework::Framework;
use crate::regions::RegionKind;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::hash::Hash;

/// The median of the values, `None` when there are none. Values that are not finite are left
/// out; an even count gives the mean of the two middle values.
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    })
}

/// Medians of one group of region-years. A member without a score at some level (a dimension
/// nothing was answered in, an index withheld for lack of answers) is left out of that level's
/// median, but still counts as a member.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PeerMedians {
    /// By dimension index.
    pub dimensions: Vec<Option<f64>>,
    /// By component index.
    pub components: Vec<Option<f64>>,
    /// Of the index.
    pub index: Option<f64>,
    /// Regions in the group, with or without an index.
    pub count: usize,
}

impl PeerMedians {
    /// The medians of `members`, at every level of `fw`.
    pub fn of(fw: &Framework, members: &[&Entry]) -> PeerMedians {
        PeerMedians {
            dimensions: (0..fw.dimensions.len())
                .map(|d| median(members.iter().filter_map(|e| e.scorecard.dimensions[d])))
                .collect(),
            components: (0..fw.components.len())
                .map(|c| median(members.iter().filter_map(|e| e.scorecard.components[c])))
                .collect(),
            index: median(members.iter().filter_map(|e| e.scorecard.index)),
            count: members.len(),
        }
    }
}

/// Peer-group medians of a comparison: per year; per year and kind (a region's peers: the
/// regions of the same kind assessed the same year); per year and province.
#[derive(Debug, Default)]
pub struct Peers {
    year: FxHashMap<i32, PeerMedians>,
    kind: FxHashMap<(i32, RegionKind), PeerMedians>,
    /// By year, then province code (a map keyed by the code alone can be asked with any `&str`).
    province: FxHashMap<i32, FxHashMap<&'static str, PeerMedians>>,
}

impl Peers {
    /// The medians of every group in `cmp`.
    pub fn of(fw: &Framework, cmp: &Comparison) -> Peers {
        let mut province: FxHashMap<i32, FxHashMap<&'static str, PeerMedians>> =
            FxHashMap::default();
        let by_province = medians_by(fw, cmp, |e| {
            (e.submission.year, e.submission.region.province_code)
        });
        for ((year, code), m) in by_province {
            province.entry(year).or_default().insert(code, m);
        }
        Peers {
            year: medians_by(fw, cmp, |e| e.submission.year),
            kind: medians_by(fw, cmp, |e| (e.submission.year, e.submission.region.kind)),
            province,
        }
    }

    /// The medians of `e`'s peer group: its kind, its year.
    pub fn of_entry(&self, e: &Entry) -> Option<&PeerMedians> {
        self.kind(e.submission.year, e.submission.region.kind)
    }

    /// The medians of every region assessed in `year`.
    pub fn year(&self, year: i32) -> Option<&PeerMedians> {
        self.year.get(&year)
    }

    /// The medians of the regions of `kind` assessed in `year`.
    pub fn kind(&self, year: i32, kind: RegionKind) -> Option<&PeerMedians> {
        self.kind.get(&(year, kind))
    }

    /// The medians of the regions of the province with code `province` assessed in `year`.
    pub fn province(&self, year: i32, province: &str) -> Option<&PeerMedians> {
        self.province.get(&year)?.get(province)
    }
}

/// The medians of the groups of `cmp`'s entries that share a `key`.
fn medians_by<K: Hash + Eq>(
    fw: &Framework,
    cmp: &Comparison,
    key: impl Fn(&Entry) -> K,
) -> FxHashMap<K, PeerMedians> {
    let mut members: HashMap<K, Vec<&Entry>> = HashMap::new();
    for e in &cmp.entries {
        members.entry(key(e)).or_default().push(e);
    }
    members
        .into_iter()
        .map(|(k, list)| (k, PeerMedians::of(fw, &list)))
        .collect()
}

/// The sizes of the ranked groups — regions with an index, per year; per year and kind; per
/// year and province — counted once: a scorecard that counted them itself would make a
/// national village report quadratic.
#[derive(Debug, Default)]
pub struct GroupSizes {
    year: FxHashMap<i32, usize>,
    kind: FxHashMap<(i32, RegionKind), usize>,
    province: FxHashMap<(i32, &'static str), usize>,
}

impl GroupSizes {
    /// The ranked groups of `cmp`.
    pub fn of(cmp: &Comparison) -> GroupSizes {
        let mut g = GroupSizes::default();
        for e in cmp.entries.iter().filter(|e| e.scorecard.index.is_some()) {
            let (year, region) = (e.submission.year, &e.submission.region);
            *g.year.entry(year).or_default() += 1;
            *g.kind.entry((year, region.kind)).or_default() += 1;
            *g.province.entry((year, region.province_code)).or_default() += 1;
        }
        g
    }

    /// Regions ranked in `e`'s year.
    pub fn in_year(&self, e: &Entry) -> usize {
        self.year.get(&e.submission.year).copied().unwrap_or(0)
    }

    /// Regions of `e`'s kind ranked in its year.
    pub fn in_kind(&self, e: &Entry) -> usize {
        let key = (e.submission.year, e.submission.region.kind);
        self.kind.get(&key).copied().unwrap_or(0)
    }

    /// Regions of `e`'s province ranked in its year.
    pub fn in_province(&self, e: &Entry) -> usize {
        let key = (e.submission.year, e.submission.region.province_code);
        self.province.get(&key).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    //! Medians and group sizes against hand-computed cases.

    use super::*;
    use crate::compare::compare;
    use crate::framework::parse;
    use crate::submission::{Answer, GivenAnswer, Submission};
    use std::path::Path;

    /// Two dimensions of one optional numeric indicator each (0–4), each indicator in its own
    /// component; the index is the mean of the dimensions, and needs both answered.
    const TWO: &str = r#"
[framework]
id = "two"
version = "1"
title = { id = "t", en = "t" }
scale = { min = 0, max = 4 }
levels = ["regency", "province"]
min_coverage = 1.0

[answer_sets.n]
kind = "number"
min = 0
max = 4

[[component]]
id = "P"
label = { id = "P", en = "P" }
weight = 1

[[component]]
id = "Q"
label = { id = "Q", en = "Q" }
weight = 1

[[dimension]]
id = "A"
label = { id = "A", en = "A" }

[[dimension]]
id = "B"
label = { id = "B", en = "B" }

[[indicator]]
id = "XA"
parent = "A"
component = "P"
answers = "n"
required = false
label = { id = "x", en = "x" }
question = { id = "x", en = "x" }

[[indicator]]
id = "YB"
parent = "B"
component = "Q"
answers = "n"
required = false
label = { id = "y", en = "y" }
question = { id = "y", en = "y" }

[[band]]
from = 0
to = 4
label = { id = "Semua", en = "All" }
"#;

    fn fw() -> Framework {
        parse(Path::new("two.toml"), TWO).unwrap()
    }

    /// `code`'s answers in `year`: `a` for dimension A, `b` for B (`None`: left blank).
    fn sub(code: &str, year: i32, a: Option<f64>, b: Option<f64>) -> Submission {
        let given = |v: Option<f64>| v.map(|v| GivenAnswer::new(Answer::Number(v)));
        let region = crate::regions::lookup(code).unwrap();
        Submission::new(region, year, vec![given(a), given(b)])
    }

    fn entry<'a>(c: &'a Comparison, code: &str, year: i32) -> &'a Entry {
        c.entries
            .iter()
            .find(|e| e.submission.region.code == code && e.submission.year == year)
            .unwrap()
    }

    /// 2022: four kota of Jawa Barat, one of them without an index (B blank), a kabupaten of
    /// Jawa Barat and a kabupaten of Jawa Timur. 2021: one kota.
    fn sample() -> (Framework, Comparison) {
        let f = fw();
        let c = compare(
            &f,
            vec![
                sub("32.73", 2022, Some(1.0), Some(3.0)), // Kota Bandung: index 2
                sub("32.77", 2022, Some(2.0), Some(4.0)), // Kota Cimahi: index 3
                sub("32.71", 2022, Some(4.0), Some(2.0)), // Kota Bogor: index 3
                sub("32.76", 2022, Some(3.0), None),      // Kota Depok: no index
                sub("32.04", 2022, Some(0.0), Some(1.0)), // Kabupaten Bandung: index 0.5
                sub("35.17", 2022, Some(4.0), Some(4.0)), // Kabupaten Jombang: index 4
                sub("32.73", 2021, Some(1.0), Some(1.0)), // Kota Bandung: index 1
            ],
            &[],
        );
        (f, c)
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median([3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median([4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median([f64::NAN]), None);
        assert_eq!(median([f64::INFINITY, 1.0, 3.0]), Some(2.0));
        assert_eq!(median(Vec::new()), None);
    }

    #[test]
    fn a_kind_group_leaves_members_without_a_score_out_of_that_median() {
        let (f, c) = sample();
        let peers = Peers::of(&f, &c);
        let kota = peers.kind(2022, RegionKind::Kota).unwrap();
        // A: 1, 2, 4, 3 (Depok too) → 2.5; B: 3, 4, 2 (Depok blank) → 3; index: 2, 3, 3 → 3.
        assert_eq!(kota.dimensions, [Some(2.5), Some(3.0)]);
        assert_eq!(kota.components, [Some(2.5), Some(3.0)]);
        assert_eq!(kota.index, Some(3.0));
        assert_eq!(kota.count, 4);
        // Depok's peers are the kota of its year, though it has no index itself.
        assert_eq!(peers.of_entry(entry(&c, "32.76", 2022)), Some(kota));
        let kabupaten = peers.kind(2022, RegionKind::Kabupaten).unwrap();
        // Two members: the means of the middle two. Index: 0.5 and 4 → 2.25.
        assert_eq!(kabupaten.dimensions, [Some(2.0), Some(2.5)]);
        assert_eq!(kabupaten.index, Some(2.25));
        assert_eq!(kabupaten.count, 2);
        // Another year is another group.
        let earlier = peers.of_entry(entry(&c, "32.73", 2021)).unwrap();
        assert_eq!(earlier.index, Some(1.0));
        assert_eq!(earlier.count, 1);
        assert_eq!(peers.kind(2021, RegionKind::Kabupaten), None);
    }

    #[test]
    fn year_and_province_groups() {
        let (f, c) = sample();
        let peers = Peers::of(&f, &c);
        let year = peers.year(2022).unwrap();
        // A: 0, 1, 2, 3, 4, 4 → 2.5; B: 1, 2, 3, 4, 4 → 3; index: 0.5, 2, 3, 3, 4 → 3.
        assert_eq!(year.dimensions, [Some(2.5), Some(3.0)]);
        assert_eq!(year.index, Some(3.0));
        assert_eq!(year.count, 6);
        let jabar = peers.province(2022, "32").unwrap();
        // A: 0, 1, 2, 3, 4 → 2; B: 1, 2, 3, 4 → 2.5; index: 0.5, 2, 3, 3 → 2.5.
        assert_eq!(jabar.dimensions, [Some(2.0), Some(2.5)]);
        assert_eq!(jabar.index, Some(2.5));
        assert_eq!(jabar.count, 5);
        let jatim = peers.province(2022, &String::from("35")).unwrap();
        assert_eq!(jatim.index, Some(4.0));
        assert_eq!(peers.province(2021, "35"), None);
        assert_eq!(peers.year(2020), None);
    }

    #[test]
    fn a_group_with_no_index_has_no_median_index() {
        let f = fw();
        let c = compare(&f, vec![sub("32.73", 2022, Some(2.0), None)], &[]);
        let kota = Peers::of(&f, &c)
            .kind(2022, RegionKind::Kota)
            .cloned()
            .unwrap();
        assert_eq!(kota.dimensions, [Some(2.0), None]);
        assert_eq!(kota.index, None);
        assert_eq!(kota.count, 1);
    }

    #[test]
    fn ranked_groups_count_only_regions_with_an_index() {
        let (_, c) = sample();
        let sizes = GroupSizes::of(&c);
        let depok = entry(&c, "32.76", 2022);
        assert_eq!(sizes.in_year(depok), 5);
        assert_eq!(sizes.in_kind(depok), 3);
        assert_eq!(sizes.in_province(depok), 4);
        let jombang = entry(&c, "35.17", 2022);
        assert_eq!((sizes.in_kind(jombang), sizes.in_province(jombang)), (2, 1));
        let bandung_2021 = entry(&c, "32.73", 2021);
        assert_eq!(
            (sizes.in_year(bandung_2021), sizes.in_kind(bandung_2021)),
            (1, 1)
        );
        // A group nobody was ranked in has no size.
        assert_eq!(GroupSizes::default().in_province(depok), 0);
    }
}
