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
