//! The official Kemendagri region list: codes, names, kinds (provinsi, kota, kabupaten, desa) and
//! provinces, embedded in the binary. Region identity is always taken from the code; a name typed
//! by staff is only compared with it.

use crate::framework::Level;
use crate::text::Text;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::OnceLock;

const PROVINCES: &str = include_str!("../data/provinces.csv");
const REGENCIES: &str = include_str!("../data/regencies.csv");
const VILLAGES: &str = include_str!("../data/villages.csv");

/// What kind of administrative unit a region is, from its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionKind {
    /// Provinsi.
    Province,
    /// Kota (city).
    Kota,
    /// Kabupaten (regency).
    Kabupaten,
    /// Desa or kelurahan.
    Village,
}

impl RegionKind {
    /// The administrative level of this kind.
    pub fn level(self) -> Level {
        match self {
            RegionKind::Province => Level::Province,
            RegionKind::Kota | RegionKind::Kabupaten => Level::Regency,
            RegionKind::Village => Level::Village,
        }
    }

    /// Name of the kind for users.
    pub fn label(self) -> Text {
        match self {
            RegionKind::Province => Text::new("Provinsi", "Province"),
            RegionKind::Kota => Text::new("Kota", "City"),
            RegionKind::Kabupaten => Text::new("Kabupaten", "Regency"),
            RegionKind::Village => Text::new("Desa/Kelurahan", "Village"),
        }
    }

    /// Stable machine name (`kota`), as written in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionKind::Province => "province",
            RegionKind::Kota => "kota",
            RegionKind::Kabupaten => "kabupaten",
            RegionKind::Village => "village",
        }
    }
}

/// A region as the official list has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Kemendagri code with dots (`32.73`).
    pub code: &'static str,
    /// Official name (`KOTA BANDUNG`, `Keude Bakongan`).
    pub name: &'static str,
    /// Kind of unit.
    pub kind: RegionKind,
    /// Code of the province it lies in (its own code for a province).
    pub province_code: &'static str,
    /// Official name of that province.
    pub province_name: &'static str,
}

impl Region {
    /// The name as people write it: `Kota Bandung`, `DKI Jakarta`.
    pub fn display_name(&self) -> String {
        display_name(self.name)
    }
}

/// Title-cases an official upper-case name, keeping abbreviations (`DKI`) upper-case.
pub fn display_name(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| match w {
            "DKI" | "DI" | "II" | "III" => w.to_string(),
            _ => {
                let mut cs = w.chars();
                match cs.next() {
                    Some(first) => first.to_string() + &cs.as_str().to_lowercase(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The embedded lists, indexed. Names and codes borrow from the embedded text, so a region costs
/// no allocation however many times it is looked up.
struct Table {
    provinces: FxHashMap<&'static str, &'static str>,
    regencies: FxHashMap<&'static str, (&'static str, &'static str)>,
}

/// Builds the list of provinces and regencies now (it is otherwise built on first use, by one
/// thread while the others wait): a batch calls this while it starts reading.
pub(crate) fn preload() {
    table();
}

/// Builds the list of 83,763 villages now, if it is not yet built: a reader calls this on
/// meeting a village code, so that the list is ready by the time codes are checked.
pub(crate) fn preload_villages(code: &str) {
    if code.len() == 13 {
        villages();
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let provinces = rows(PROVINCES).map(|r| (r[0], r[1])).collect();
        let regencies = rows(REGENCIES).map(|r| (r[0], (r[1], r[2]))).collect();
        Table {
            provinces,
            regencies,
        }
    })
}

fn villages() -> &'static FxHashMap<&'static str, &'static str> {
    static VILLAGES_TABLE: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    VILLAGES_TABLE.get_or_init(|| {
        VILLAGES
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut it = l.splitn(3, ',');
                let code = it.next()?;
                let _district = it.next()?;
                Some((code, it.next()?.trim_end_matches('\r')))
            })
            .collect()
    })
}

/// The embedded lists are plain `a,b,c` lines without quoting (some village names contain a
/// stray `"`), so they are split by hand rather than by a quoting CSV parser.
fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim_end_matches('\r').split(',').collect())
}

/// Normalises a region code as typed: `3273`, `32.73`, ` 32.73 ` all become `32.73`. Digits are
/// grouped 2-2-2-4 (province, regency, district, village). Returns `None` for anything that is not
/// a code.
pub(crate) fn normalize_code(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if is_dotted_code(s.as_bytes()) {
        // The form the official list and the templates use: nothing to rebuild.
        return Some(s.to_string());
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if s.contains('.') {
        // Already dotted: each part must have the expected width.
        let parts: Vec<&str> = s.split('.').collect();
        let widths = [2, 2, 2, 4];
        if parts.len() > 4 || parts.iter().zip(widths).any(|(p, w)| p.len() != w) {
            return None;
        }
        return Some(s.to_string());
    }
    let groups: &[usize] = match digits.len() {
        2 => &[2],
        4 => &[2, 2],
        6 => &[2, 2, 2],
        10 => &[2, 2, 2, 4],
        _ => return None,
    };
    let mut out = Vec::new();
    let mut at = 0;
    for g in groups {
        out.push(&digits[at..at + g]);
        at += g;
    }
    Some(out.join("."))
}

/// Whether `code` is already `PP`, `PP.RR`, `PP.RR.DD` or `PP.RR.DD.VVVV`.
fn is_dotted_code(code: &[u8]) -> bool {
    let digits = |r: std::ops::Range<usize>| code[r].iter().all(u8::is_ascii_digit);
    let dots = |at: &[usize]| at.iter().all(|&i| code[i] == b'.');
    match code.len() {
        2 => digits(0..2),
        5 => digits(0..2) && dots(&[2]) && digits(3..5),
        8 => digits(0..2) && dots(&[2, 5]) && digits(3..5) && digits(6..8),
        13 => digits(0..2) && dots(&[2, 5, 8]) && digits(3..5) && digits(6..8) && digits(9..13),
        _ => false,
    }
}

/// Reads a region cell as typed or picked from a dropdown: `32.73`, `3273`, or `32.73 - Kota
/// Bandung`. Returns the normalised code and the name that followed it, if any.
pub fn parse_code_and_name(text: &str) -> Option<(String, Option<String>)> {
    let text = text.trim();
    if let Some(code) = normalize_code(text) {
        return Some((code, None));
    }
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let code = normalize_code(first)?;
    let name = rest
        .trim()
        .trim_start_matches(['-', '–', '—', ':'])
        .trim()
        .to_string();
    Some((code, (!name.is_empty()).then_some(name)))
}

/// Normalises a region code that a spreadsheet stored as a number: `32.1` was typed as `32.10`,
/// `3273` as `32.73`.
pub(crate) fn normalize_numeric_code(value: f64) -> Option<String> {
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    if value.fract() == 0.0 && value < 1e11 {
        return normalize_code(&format!("{value:.0}"));
    }
    normalize_code(&format!("{value:.2}"))
}

/// Looks up a normalised code in the official lists.
pub fn lookup(code: &str) -> Option<Region> {
    let t = table();
    let province_of = |p: &str| t.provinces.get(p).copied().unwrap_or("");
    match code.len() {
        2 => t
            .provinces
            .get_key_value(code)
            .map(|(&code, &name)| Region {
                code,
                name,
                kind: RegionKind::Province,
                province_code: code,
                province_name: name,
            }),
        5 => t
            .regencies
            .get_key_value(code)
            .map(|(&code, &(prov, name))| Region {
                code,
                name,
                kind: if name.starts_with("KOTA ") {
                    RegionKind::Kota
                } else {
                    RegionKind::Kabupaten
                },
                province_code: prov,
                province_name: province_of(prov),
            }),
        13 => villages().get_key_value(code).map(|(&code, &name)| Region {
            code,
            name,
            kind: RegionKind::Village,
            province_code: &code[..2],
            province_name: province_of(&code[..2]),
        }),
        _ => None,
    }
}

/// The provinces, kabupaten and kota that `typed` may have meant when it is not a code of the
/// list: those whose name it is (`Kota Bandung`, `bandung`), or whose code it is with a zero lost
/// (`32.1` for 32.10 or 32.01). At most `limit`, in code order.
pub fn suggestions(typed: &str, limit: usize) -> Vec<Region> {
    let typed = typed.trim();
    let mut found: Vec<Region> = Vec::new();
    if let Some((head, last)) = typed.rsplit_once('.')
        && head.len() == 2
        && last.len() == 1
        && typed.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        for code in [format!("{head}.0{last}"), format!("{head}.{last}0")] {
            found.extend(lookup(&code));
        }
    }
    if found.is_empty() && typed.chars().any(char::is_alphabetic) {
        found = provinces()
            .into_iter()
            .chain(regencies())
            .filter(|r| name_matches(r, typed))
            .collect();
    }
    found.sort_by_key(|r| r.code);
    found.dedup_by_key(|r| r.code);
    found.truncate(limit);
    found
}

/// All kabupaten and kota, in code order.
pub fn regencies() -> Vec<Region> {
    let mut codes: Vec<&str> = table().regencies.keys().copied().collect();
    codes.sort();
    codes.into_iter().filter_map(lookup).collect()
}

/// All provinces, in code order.
pub fn provinces() -> Vec<Region> {
    let mut codes: Vec<&str> = table().provinces.keys().copied().collect();
    codes.sort();
    codes.into_iter().filter_map(lookup).collect()
}

/// All villages (desa and kelurahan), in code order.
pub fn all_villages() -> Vec<Region> {
    let mut codes: Vec<&str> = villages().keys().copied().collect();
    codes.sort();
    codes.into_iter().filter_map(lookup).collect()
}

/// Whether a name typed by staff plausibly names `region`: compared ignoring case, punctuation,
/// spaces and the kind prefix (`Kota`, `Kab.`), but a prefix naming the wrong kind does not match.
pub(crate) fn name_matches(region: &Region, typed: &str) -> bool {
    // The common case, the official name in any case (`Kota Bandung`, `KUTABANJARNEGARA`), is
    // told without building the compared forms.
    let typed = typed.trim();
    if typed.eq_ignore_ascii_case(region.name)
        && kind_prefix(typed).is_none_or(|kind| kind == region.kind)
    {
        return true;
    }
    let (typed_kind, typed_core) = split_kind(typed);
    let (_, official_core) = split_kind(region.name);
    let kind_ok = match typed_kind {
        None => true,
        Some(k) => k == region.kind,
    };
    kind_ok && squash(&typed_core) == squash(&official_core)
}

/// The kind a name starts with (`Kota …`, `Kab. …`), as [`split_kind`] reads it.
fn kind_prefix(name: &str) -> Option<RegionKind> {
    KIND_PREFIXES.iter().find_map(|&(prefix, kind)| {
        name.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            .then_some(kind)
    })
}

const KIND_PREFIXES: [(&str, RegionKind); 6] = [
    ("kabupaten ", RegionKind::Kabupaten),
    ("kab. ", RegionKind::Kabupaten),
    ("kab ", RegionKind::Kabupaten),
    ("kota ", RegionKind::Kota),
    ("provinsi ", RegionKind::Province),
    ("prov. ", RegionKind::Province),
];

fn split_kind(name: &str) -> (Option<RegionKind>, String) {
    let lower = name.trim().to_lowercase();
    for (prefix, kind) in KIND_PREFIXES {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return (Some(kind), rest.to_string());
        }
    }
    (None, lower)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_normalise() {
        assert_eq!(normalize_code("3273").as_deref(), Some("32.73"));
        assert_eq!(normalize_code(" 32.73 ").as_deref(), Some("32.73"));
        assert_eq!(
            normalize_code("1101012001").as_deref(),
            Some("11.01.01.2001")
        );
        assert_eq!(normalize_code("32.7"), None);
        assert_eq!(normalize_code("Bandung"), None);
        assert_eq!(normalize_numeric_code(32.1).as_deref(), Some("32.10"));
        assert_eq!(normalize_numeric_code(3273.0).as_deref(), Some("32.73"));
        assert_eq!(normalize_numeric_code(32.0).as_deref(), Some("32"));
        assert_eq!(
            parse_code_and_name("32.73 - Kota Bandung"),
            Some(("32.73".into(), Some("Kota Bandung".into())))
        );
        assert_eq!(parse_code_and_name(" 3273 "), Some(("32.73".into(), None)));
        assert_eq!(parse_code_and_name("Kota Bandung"), None);
    }

    #[test]
    fn kinds_and_provinces_come_from_the_code() {
        let bdg = lookup("32.73").unwrap();
        assert_eq!(bdg.kind, RegionKind::Kota);
        assert_eq!(bdg.province_name, "JAWA BARAT");
        assert_eq!(bdg.display_name(), "Kota Bandung");
        let jombang = lookup("35.17").unwrap();
        assert_eq!(jombang.kind, RegionKind::Kabupaten);
        assert_eq!(lookup("31").unwrap().display_name(), "DKI Jakarta");
        assert_eq!(lookup("11.01.01.2001").unwrap().name, "Keude Bakongan");
        assert_eq!(lookup("99.99"), None);
        assert_eq!(regencies().len(), 514);
        assert_eq!(provinces().len(), 38);
    }

    #[test]
    fn names_compare_loosely_but_not_across_kinds() {
        let bdg = lookup("32.73").unwrap();
        assert!(name_matches(&bdg, "Kota Bandung"));
        assert!(name_matches(&bdg, "bandung"));
        assert!(!name_matches(&bdg, "Kabupaten Bandung"));
        assert!(!name_matches(&bdg, "Kota Bogor"));
        let kab = lookup("32.04").unwrap();
        assert!(name_matches(&kab, "Kab. Bandung"));
        assert!(name_matches(&kab, " KABUPATEN BANDUNG "));
        // A village called "Kota …" typed as it is named: the prefix reads as a kind, and a
        // village is not a kota (the quick comparison says what the full one says).
        let village = lookup("11.01.04.2009").unwrap();
        assert!(!name_matches(&village, "Kota Palak"));
        assert!(name_matches(&village, "Palak"));
    }
}
