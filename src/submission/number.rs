//! Numbers as people type them and as this tool writes them back: `3,5` or `3.5` in, the
//! shortest faithful digits out.

use super::normalize::trim;

/// Shortest faithful rendering of a number (`3`, `3.5`, `0.1`).
pub fn format_number(n: f64) -> String {
    let mut out = String::new();
    write_number(&mut out, n);
    out
}

/// Appends [`format_number`]'s rendering to `out` (no allocation of its own).
pub fn write_number(out: &mut String, n: f64) {
    use std::fmt::Write as _;
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // Whole: integer formatting gives the same digits as `{n:.0}`, far faster (and no `-0`).
        let _ = write!(out, "{}", n as i64);
        return;
    }
    // Spreadsheets store 0.1 + 0.2 style noise; rounding to 12 decimals removes it, and the
    // shortest representation of the rounded value is what a person would have typed.
    let scaled = (n * 1e12).round();
    let rounded = scaled / 1e12;
    if rounded.is_finite() && rounded != 0.0 {
        if n.abs() < 1000.0 {
            write_twelve_decimals(out, scaled as i64);
        } else {
            let _ = write!(out, "{rounded}");
        }
    } else {
        let start = out.len();
        let _ = write!(out, "{n:.12}");
        let kept = out[start..]
            .trim_end_matches('0')
            .trim_end_matches('.')
            .len();
        out.truncate(start + kept);
    }
}

/// Writes `scaled` ÷ 10¹² in decimal, trailing zeros dropped. Below 1000 that is at most 15
/// significant digits, which a double always tells apart: the digits are exactly those of the
/// shortest representation of `scaled as f64 / 1e12`, found without any float formatting.
fn write_twelve_decimals(out: &mut String, scaled: i64) {
    use std::fmt::Write as _;
    const SCALE: u64 = 1_000_000_000_000;
    let magnitude = scaled.unsigned_abs();
    if scaled < 0 {
        out.push('-');
    }
    let _ = write!(out, "{}", magnitude / SCALE);
    let mut frac = magnitude % SCALE;
    if frac == 0 {
        return;
    }
    let mut digits = [b'0'; 12];
    for d in digits.iter_mut().rev() {
        *d = b'0' + (frac % 10) as u8;
        frac /= 10;
    }
    let len = digits.iter().rposition(|&d| d != b'0').map_or(0, |p| p + 1);
    out.push('.');
    out.extend(digits[..len].iter().map(|&d| d as char));
}

/// Reads a number typed as text: `3`, `3.5`, `3,5`, `75 %`, `1.234,5`, `1,234.5`.
/// Anything else, including `NaN` and `inf`, is not a number; nor is a number whose separator
/// could group thousands as well as mark decimals (`1.000`, `1,500`: see [`ambiguous_grouping`]).
pub fn parse_number(text: &str) -> Option<f64> {
    // Fast path, no copy: plain `75`, `3.5` or `3,5`, the forms most exports use.
    let trimmed = trim(text);
    if ambiguous_grouping(trimmed) {
        return None;
    }
    if let Some(v) = plain_number(trimmed) {
        return v.is_finite().then_some(v);
    }
    let s: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+'))
        || !s.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let canonical = match (dots, commas) {
        (_, 0) if dots <= 1 => s,
        (0, 1) => s.replace(',', "."),
        _ => {
            // Both kinds: the last one is the decimal separator, the other groups thousands.
            let last_dot = s.rfind('.');
            let last_comma = s.rfind(',');
            if last_comma > last_dot {
                s.replace('.', "").replace(',', ".")
            } else {
                s.replace(',', "")
            }
        }
    };
    if canonical.matches('.').count() > 1 {
        return None;
    }
    canonical.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether `text` is a number whose only separator, a point or a comma used once, is followed by
/// exactly three digits after one to three leading digits (not all zero): `1.000`, `-12,500`,
/// `1.000 %`. In Indonesian `1.000` is one thousand, in English one; `1,500` the other way round.
/// Read either way, a wrong guess changes a score by a factor of a thousand without a word, so
/// such a number is not read at all. `0.125` (no thousands start with 0), `1000.5` and `1.234,5`
/// (both separators) are not ambiguous.
pub fn ambiguous_grouping(text: &str) -> bool {
    let t = trim(text);
    let t = t.strip_suffix('%').map_or(t, |t| t.trim_end());
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let Some(sep) = t.find(['.', ',']) else {
        return false;
    };
    let (whole, frac) = (&t[..sep], &t[sep + 1..]);
    (1..=3).contains(&whole.len())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && whole.bytes().any(|b| b != b'0')
        && frac.len() == 3
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// `75`, `-3.5` or `3,5` (one decimal separator, no grouping), read without a copy.
fn plain_number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut separators = 0;
    let mut digits = false;
    for &b in bytes {
        match b {
            b'0'..=b'9' => digits = true,
            b'.' | b',' => separators += 1,
            b'-' => {}
            _ => return None,
        }
    }
    if !digits || separators > 1 || bytes.len() > 64 {
        return None;
    }
    match memchr::memchr(b',', bytes) {
        None => text.parse().ok(),
        Some(comma) => {
            let mut buf = [0u8; 64];
            buf[..bytes.len()].copy_from_slice(bytes);
            buf[comma] = b'.';
            std::str::from_utf8(&buf[..bytes.len()]).ok()?.parse().ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_conventions() {
        assert_eq!(parse_number("3"), Some(3.0));
        assert_eq!(parse_number(" 3,5 "), Some(3.5));
        assert_eq!(parse_number("3.5"), Some(3.5));
        assert_eq!(parse_number("75 %"), Some(75.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("-0,25"), Some(-0.25));
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("0.125"), Some(0.125));
        assert_eq!(parse_number("1000,5"), Some(1000.5));
        assert_eq!(parse_number("1.000.000"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("tiga"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn a_lone_separator_before_three_digits_is_ambiguous() {
        for text in ["1.000", "1,500", "-12.500", "999,999", "1.000 %", " 2.500 "] {
            assert!(ambiguous_grouping(text), "{text}");
            assert_eq!(parse_number(text), None, "{text}");
        }
        for text in [
            "0.125", "1000.500", "1.234,5", "1,234.5", "3,5", "12.34", "1.0000", "7",
        ] {
            assert!(!ambiguous_grouping(text), "{text}");
            assert!(parse_number(text).is_some(), "{text}");
        }
    }

    #[test]
    fn numbers_are_written_as_the_shortest_representation_would() {
        // The fast paths agree with the float formatting they replace.
        let slow = |n: f64| {
            let rounded = (n * 1e12).round() / 1e12;
            if n.fract() == 0.0 {
                format!("{n:.0}")
            } else {
                format!("{rounded}")
            }
        };
        let mut x: f64 = 0.123_456_789_012_345;
        for i in 0..20_000 {
            x = (x * 7.3 + 0.137).fract() * [1.0, 4.0, 100.0, 999.0][i % 4];
            let n = if i % 3 == 0 { -x } else { x };
            assert_eq!(format_number(n), slow(n), "{n:e}");
        }
        for n in [
            3.94164,
            0.966666666666667,
            2.999_999_999_999_9,
            -0.25,
            999.5,
            1e-12,
            12345.678,
        ] {
            assert_eq!(format_number(n), slow(n), "{n:e}");
        }
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(-3.0), "-3");
    }
}
