//! The rankings within peer groups: one per kind of region and one per province, each with its
//! median index (computed in `compare`, shown here).

use super::context::Context;
use super::labels::label;
use super::ranking::RankRow;
use crate::compare::Entry;
use crate::regions::RegionKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// A peer group's ranking.
#[derive(Debug, Clone, Serialize)]
pub struct PeerGroup {
    /// Group name.
    pub title: String,
    /// Its median index.
    pub median: String,
    /// Members in rank order within the group.
    pub rows: Vec<RankRow>,
}

impl Context<'_> {
    fn group_rows(
        &self,
        members: Vec<&Entry>,
        rank: impl Fn(&Entry) -> Option<u32>,
    ) -> Vec<RankRow> {
        let mut members = members;
        members.sort_by_key(|e| {
            (
                rank(e).unwrap_or(u32::MAX),
                e.submission.region.code.to_string(),
            )
        });
        members
            .into_iter()
            .map(|e| {
                let mut row = self.rank_row(e, "");
                row.rank = rank(e).map_or_else(|| "–".to_string(), |r| r.to_string());
                row.rank_sort = rank(e).map(|r| r.to_string()).unwrap_or_default();
                row
            })
            .collect()
    }

    /// The rankings within each kind of region present in `latest` (one year's entries).
    pub(super) fn kind_groups(&self, latest: &[&Entry]) -> Vec<PeerGroup> {
        let lang = self.lang;
        [
            (RegionKind::Kota, "kota_plural"),
            (RegionKind::Kabupaten, "kabupaten_plural"),
            (RegionKind::Province, "province_plural"),
            (RegionKind::Village, "village_plural"),
        ]
        .into_iter()
        .filter_map(|(kind, key)| {
            let members: Vec<&Entry> = latest
                .iter()
                .copied()
                .filter(|e| e.submission.region.kind == kind)
                .collect();
            let first = members.first()?;
            let peers = self.peers.kind(first.submission.year, kind);
            Some(PeerGroup {
                title: label(key, lang).to_string(),
                median: self.opt_num(peers.and_then(|m| m.index)),
                rows: self.group_rows(members, |e| e.rank_kind),
            })
        })
        .collect()
    }

    /// The rankings within each province present in `latest` (one year's entries), by name.
    pub(super) fn province_groups(&self, latest: &[&Entry]) -> Vec<PeerGroup> {
        let mut by_province: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
        for e in latest {
            by_province
                .entry(crate::regions::display_name(
                    e.submission.region.province_name,
                ))
                .or_default()
                .push(e);
        }
        by_province
            .into_iter()
            .map(|(name, members)| {
                // A province's name stands for its code (the official list names each once).
                let peers = members.first().and_then(|e| {
                    let region = &e.submission.region;
                    self.peers.province(e.submission.year, region.province_code)
                });
                PeerGroup {
                    title: name,
                    median: self.opt_num(peers.and_then(|m| m.index)),
                    rows: self.group_rows(members, |e| e.rank_province),
                }
            })
            .collect()
    }
}
