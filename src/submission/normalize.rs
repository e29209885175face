//! Text as compared when matching answers and labels: trimmed, lowercase, spaces collapsed.

/// `text` without surrounding whitespace (Unicode's, as [`str::trim`]): most cells have none,
/// which their first and last bytes tell without decoding anything.
#[inline]
pub fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// [`normalize`] without a copy when the text is already normal (`3`, `ya`, `n/a`): the common
/// case for answers picked from a dropdown or exported by a form tool.
pub fn normalize_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return normalize_ascii(text);
    }
    let normal = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| !c.is_uppercase() && (c == ' ' || !c.is_whitespace()));
    if normal {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(normalize(text))
    }
}

/// [`normalize_cow`] of ASCII text, byte by byte (no Unicode tables).
fn normalize_ascii(text: &str) -> std::borrow::Cow<'_, str> {
    // The ASCII characters Unicode calls whitespace (`split_whitespace` splits at them).
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let bytes = text.as_bytes();
    let mut previous_space = true;
    let mut normal = true;
    for &b in bytes {
        if b.is_ascii_uppercase() || (space(b) && (b != b' ' || previous_space)) {
            normal = false;
            break;
        }
        previous_space = space(b);
    }
    if normal && !bytes.last().is_some_and(|&b| space(b)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in bytes.split(|&b| space(b)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.iter().map(|b| b.to_ascii_lowercase() as char));
    }
    std::borrow::Cow::Owned(out)
}

/// Text as compared when matching answers: lowercase, spaces collapsed, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_normalise_alike() {
        for t in [
            "",
            " ",
            "ya",
            "Ya",
            "YA ",
            " ya",
            "2 - Berjalan",
            "2  -\tberjalan",
            "n/a",
            "N/A",
            "a\u{0B}b",
            "tidak berlaku",
            "Tidak  Berlaku\r\n",
            "ÉTÉ",
            " Été ",
            "3",
        ] {
            assert_eq!(normalize_cow(t), normalize(t), "{t:?}");
        }
    }

    #[test]
    fn trimming_matches_the_standard_library() {
        for t in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}3\u{a0}",
            "ab",
            "\tx\n",
            "é",
            " é ",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }
}
