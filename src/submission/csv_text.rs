//! What a text file's bytes say before it is parsed: its encoding, and for a CSV its delimiter.
//! Answer files and earlier results (`--baseline`) are read alike.

/// Decodes CSV bytes: UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1252 (what
/// spreadsheet programs on Windows save as "CSV").
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The delimiter of a CSV: the one of `,`, `;` and tab that occurs most in the first line outside
/// quotes (Indonesian Excel saves with `;` because `,` is the decimal separator).
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_detected_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter("\"a;b\",c,d\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
    }
}
