//! What every framework check writes to: problems with `file:line:column`, and the checks that
//! recur across subjects (weights, unique ids).

use super::model::Closure;
use crate::diagnostics::{Code, Place, Problem, line_col};
use crate::text::Text;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use toml::Spanned;

/// Collects problems with positions in one framework file.
pub(super) struct Checker<'a> {
    pub(super) file: PathBuf,
    pub(super) src: &'a str,
    pub(super) problems: Vec<Problem>,
}

impl Checker<'_> {
    pub(super) fn at(&mut self, code: Code, span: Range<usize>, message: Text) -> &mut Problem {
        let (line, col) = line_col(self.src, span.start);
        self.problems.push(Problem::new(
            code,
            &self.file,
            Place::Line {
                line,
                column: Some(col),
            },
            message,
        ));
        self.problems.last_mut().expect("just pushed")
    }

    pub(super) fn weight(&mut self, w: &Option<Spanned<f64>>, what: &str) -> f64 {
        match w {
            None => 1.0,
            Some(w) => {
                let v = *w.get_ref();
                if !(v.is_finite() && v > 0.0) {
                    let message = if v.is_nan() || v.is_infinite() {
                        Text::new(
                            format!("bobot {what} harus berupa angka terhingga lebih dari nol"),
                            format!("the weight of {what} must be a finite number above zero"),
                        )
                    } else {
                        Text::new(
                            format!("bobot {what} harus lebih dari nol"),
                            format!("the weight of {what} must be greater than zero"),
                        )
                    };
                    self.at(Code::F004, w.span(), message).found = Some(v.to_string());
                    1.0
                } else {
                    v
                }
            }
        }
    }

    /// Reads a `closure`-like key: `"lower"` (default) or `"upper"`.
    pub(super) fn closure(&mut self, raw: Option<&Spanned<String>>, key: &str) -> Closure {
        match raw.map(|s| (s.get_ref().as_str(), s.span())) {
            None | Some(("lower", _)) => Closure::Lower,
            Some(("upper", _)) => Closure::Upper,
            Some((other, span)) => {
                self.at(
                    Code::F007,
                    span,
                    Text::new(
                        format!("`{key}` harus \"lower\" atau \"upper\""),
                        format!("`{key}` must be \"lower\" or \"upper\""),
                    ),
                )
                .found = Some(other.to_string());
                Closure::Lower
            }
        }
    }

    pub(super) fn unique(
        &mut self,
        seen: &mut HashMap<String, Range<usize>>,
        id: &Spanned<String>,
    ) {
        let key = id.get_ref().clone();
        if let Some(first) = seen.get(&key) {
            let (line, _) = line_col(self.src, first.start);
            self.at(
                Code::F002,
                id.span(),
                Text::new(
                    format!("id `{key}` sudah dipakai di baris {line}"),
                    format!("id `{key}` is already used on line {line}"),
                ),
            );
        } else {
            seen.insert(key, id.span());
        }
    }
}
