//! Bilingual text. Every string a user reads exists in Indonesian and English; the language is
//! chosen once, at the edge, so the library never guesses.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The language a user reads output in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia (default).
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code (`id`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Formats a number for display with `decimals` places: `3,71` in Indonesian, `3.71` in
    /// English. Display only: scores are never rounded before they are compared.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let s = format!("{value:.decimals$}");
        // "-0.00" would suggest a loss that rounding erased.
        let s = if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s[1..].to_string()
        } else {
            s
        };
        match self {
            Lang::Id => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// The decimal separator: `,` in Indonesian, `.` in English.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::Id => ',',
            Lang::En => '.',
        }
    }

    /// Like [`Lang::number`] but always with a sign, for differences (`+0,37`).
    pub fn signed(self, value: f64, decimals: usize) -> String {
        let shown = self.number(value, decimals);
        if shown.starts_with('-') || shown.chars().all(|c| c == '0' || c == ',' || c == '.') {
            if shown.starts_with('-') {
                shown
            } else {
                format!("±{shown}")
            }
        } else {
            format!("+{shown}")
        }
    }
}

/// A text in both languages known when the program is built: a word, a label, a sheet name. The
/// same two-language shape as [`Text`], without owning anything, for word lists and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// Bahasa Indonesia.
    pub id: &'static str,
    /// English.
    pub en: &'static str,
}

impl Words {
    /// Words from their two translations.
    pub const fn new(id: &'static str, en: &'static str) -> Self {
        Words { id, en }
    }

    /// The translation for `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.id,
            Lang::En => self.en,
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A text from its two translations.
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The translation for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for Text {
    /// Both languages, for contexts that do not know the reader's (logs, panics in tests).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.id == self.en {
            f.write_str(&self.id)
        } else {
            write!(f, "{} / {}", self.id, self.en)
        }
    }
}

/// What an operating-system error means, in both languages: the common causes worded for the
/// reader, the rest as the system says it (in English) after a translated lead.
pub fn os_error(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let (id, en) = match e.kind() {
        K::NotFound => ("berkas atau folder tidak ada", "no such file or folder"),
        K::PermissionDenied => ("tidak ada izin", "permission denied"),
        K::AlreadyExists => ("sudah ada", "already exists"),
        K::StorageFull => ("disk penuh", "the disk is full"),
        K::ReadOnlyFilesystem => ("sistem berkas hanya-baca", "read-only file system"),
        K::IsADirectory => ("ini folder, bukan berkas", "is a folder, not a file"),
        K::NotADirectory => ("bukan folder", "not a folder"),
        K::InvalidData => ("isi tidak valid", "invalid data"),
        _ => return Text::new(format!("galat sistem: {e}"), format!("system error: {e}")),
    };
    Text::new(id, en)
}

/// Builds a [`Text`] from two format strings sharing the surrounding variables:
/// `tr!("Tahun {year} tidak valid", "Year {year} is not valid")`.
#[macro_export]
macro_rules! tr {
    ($id:literal, $en:literal $(,)?) => {
        $crate::text::Text::new(format!($id), format!($en))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Id.number(3.7149, 2), "3,71");
        assert_eq!(Lang::En.number(3.715001, 2), "3.72");
        assert_eq!(Lang::Id.signed(0.37, 2), "+0,37");
        assert_eq!(Lang::En.signed(-0.29, 2), "-0.29");
        assert_eq!(Lang::En.signed(-0.001, 2), "±0.00");
    }
}

/// Whether `c` changes how the text around it is displayed without being seen itself:
/// bidirectional controls (U+202E shows `gnp.exe` as `exe.png`), zero-width characters.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// `s` as it may reach a terminal or a log: control characters (an escape sequence that clears
/// the screen, a carriage return that overwrites a line, a newline in a file name that forges an
/// output line) and invisible format characters are shown escaped as `\u{1b}`, `\n`, `\r`,
/// `\u{202e}`. Tabs stay; newlines stay only when `newlines` is true (text of several lines made
/// by the tool, whose pieces from outside were escaped already).
pub fn terminal_safe(s: &str, newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t' && !(newlines && c == '\n')) || is_invisible_format(c)
    };
    if !s.chars().any(unsafe_char) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if c == '\n' {
            out.push_str("\\n");
        } else if c == '\r' {
            out.push_str("\\r");
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    out.into()
}

#[cfg(test)]
mod safe_tests {
    use super::terminal_safe;

    #[test]
    fn controls_and_bidi_are_shown_escaped() {
        assert_eq!(terminal_safe("a\u{1b}[2Jb", true), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("x\ny", false), "x\\ny");
        assert_eq!(terminal_safe("x\ny\tz", true), "x\ny\tz");
        assert_eq!(terminal_safe("a\u{202e}gnp.exe", true), "a\\u{202e}gnp.exe");
        assert_eq!(terminal_safe("a\u{9b}b\r", true), "a\\u{9b}b\\r");
    }
}
