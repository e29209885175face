//! Notes and evidence as typed into a questionnaire, cut into text and links. Only `http` and
//! `https` URLs become links: anything else (`javascript:`, `data:`, `file:`) stays text. The
//! pieces are escaped by the template like any other text, so a note can never inject markup.

use serde::Serialize;

/// A piece of a note: text, or a link whose text is the URL itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// What is shown.
    pub text: String,
    /// Where it links to, for web links.
    pub href: Option<String>,
}

/// Characters that end a URL when it is written in running text.
/// Invisible format characters (U+202E, which shows `gnp.exe` as `exe.png`) end one too.
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || crate::text::is_invisible_format(c)
        || matches!(c, '<' | '>' | '"' | '\'' | '`')
}

/// The length of the web link starting at the beginning of `s`, if there is one.
fn link_at(s: &str) -> Option<usize> {
    let lower: String = s.chars().take(8).collect::<String>().to_ascii_lowercase();
    let scheme = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return None;
    };
    let mut end = s.find(ends_url).unwrap_or(s.len());
    // Sentence punctuation after a link is not part of it; a closing bracket only when the link
    // has no opening one ("(see https://x.id/a)" vs "https://x.id/wiki/A_(b)").
    while let Some(last) = s[..end].chars().last() {
        let strip = matches!(last, '.' | ',' | ';' | ':' | '!' | '?')
            || (matches!(last, ')' | ']' | '}') && !s[..end].contains(['(', '[', '{']));
        if !strip {
            break;
        }
        end -= last.len_utf8();
    }
    let host = &s[scheme..end];
    (!host.is_empty() && !host.starts_with('/')).then_some(end)
}

/// Cuts `notes` into text and web links, in order.
pub fn segments(notes: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let mut at_word_start = true;
    while i < notes.len() {
        let rest = &notes[i..];
        if at_word_start && let Some(len) = link_at(rest) {
            if !text.is_empty() {
                out.push(Segment {
                    text: std::mem::take(&mut text),
                    href: None,
                });
            }
            out.push(Segment {
                text: rest[..len].to_string(),
                href: Some(rest[..len].to_string()),
            });
            i += len;
            at_word_start = false;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if crate::text::is_invisible_format(c) {
            // Shown, not obeyed: a bidirectional control must not reorder what follows.
            text.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            text.push(c);
        }
        at_word_start = c.is_whitespace() || matches!(c, '(' | '[' | ',' | ';' | ':');
        i += c.len_utf8();
    }
    if !text.is_empty() {
        out.push(Segment { text, href: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(notes: &str) -> Vec<String> {
        segments(notes).into_iter().filter_map(|s| s.href).collect()
    }

    #[test]
    fn web_links_are_found_in_running_text() {
        let s = segments("SK Wali Kota, lihat https://jdih.example.go.id/sk/12.pdf.");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].text, "SK Wali Kota, lihat ");
        assert_eq!(
            s[1].href.as_deref(),
            Some("https://jdih.example.go.id/sk/12.pdf")
        );
        assert_eq!(s[2].text, ".");
        assert_eq!(
            links("(see HTTP://x.id/a) and http://y.id/wiki/A_(b)"),
            ["HTTP://x.id/a", "http://y.id/wiki/A_(b)"]
        );
    }

    #[test]
    fn bidi_controls_end_a_link_and_are_shown() {
        let s = segments("bukti: https://x.id/foto\u{202e}gnp.exe");
        assert_eq!(s[1].href.as_deref(), Some("https://x.id/foto"));
        assert_eq!(s[2].text, "\\u{202e}gnp.exe");
    }

    #[test]
    fn other_schemes_stay_text() {
        for hostile in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "https://",
            "https:///path-only",
            "xhttps://evil.example",
            "\"><img src=x onerror=alert(1)>",
        ] {
            assert!(links(hostile).is_empty(), "{hostile}");
            let joined: String = segments(hostile).into_iter().map(|s| s.text).collect();
            assert_eq!(joined, hostile);
        }
    }

    #[test]
    fn links_stop_before_quotes_and_markup() {
        assert_eq!(
            links("https://x.id/a\"onmouseover=alert(1) <b>"),
            ["https://x.id/a"]
        );
        let joined: String = segments("a https://x.id/\"><script>")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(joined, "a https://x.id/\"><script>");
    }

    #[test]
    fn non_ascii_text_survives() {
        let s = segments("Bukti: dokumen – lihat https://contoh.id/ü ✓");
        assert_eq!(
            links("Bukti: dokumen – lihat https://contoh.id/ü ✓"),
            ["https://contoh.id/ü"]
        );
        let joined: String = s.into_iter().map(|s| s.text).collect();
        assert_eq!(joined, "Bukti: dokumen – lihat https://contoh.id/ü ✓");
    }
}
