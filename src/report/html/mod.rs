//! The HTML report: the comparison page and one scorecard per region-year, rendered with tera
//! from templates embedded in the binary (`templates/`), which a folder given with
//! `--templates` can override file by file so an office can brand its reports.
//!
//! Every template is HTML-escaped whatever its name (tera only escapes names ending `.html`, and a
//! branded `radar.svg` must not open a hole), and every value reaches the templates already
//! formatted, so templates never see a raw float.
//!
//! What the templates see: plain, already formatted values (numbers in the reader's convention,
//! colours, chart geometry) built from a comparison. Templates only lay them out, so a branded
//! template cannot get a number or a colour wrong. Methods of [`Context`] build the views, one
//! file per page or section: the furniture of every page (`page`), the comparison page (`index`)
//! and its sections (`summary`, `ranking`, `heatmap`, `distribution`, `groups`), the province
//! pages (`provinces`) and the scorecards (`scorecard`); `format` shows numbers and words.

mod context;
mod distribution;
mod format;
mod groups;
mod heatmap;
mod index;
mod labels;
mod notes;
mod page;
mod pages;
mod provinces;
mod ranking;
mod review;
mod scorecard;
mod summary;

pub use context::{Context, ScorecardPages};
pub use provinces::{PAGE_LIMIT, Provinces, province_file_name};

use crate::text::{Text, os_error};
use std::path::{Path, PathBuf};

/// The built-in templates: (name, source).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    ("style.html", include_str!("../../../templates/style.html")),
    ("brand.html", include_str!("../../../templates/brand.html")),
    ("sort.html", include_str!("../../../templates/sort.html")),
    ("index.html", include_str!("../../../templates/index.html")),
    (
        "scorecard.html",
        include_str!("../../../templates/scorecard.html"),
    ),
    ("radar.html", include_str!("../../../templates/radar.html")),
    (
        "ranking.html",
        include_str!("../../../templates/ranking.html"),
    ),
    (
        "peer_group.html",
        include_str!("../../../templates/peer_group.html"),
    ),
    ("bars.html", include_str!("../../../templates/bars.html")),
    (
        "indicator_list.html",
        include_str!("../../../templates/indicator_list.html"),
    ),
    (
        "index_provinces.html",
        include_str!("../../../templates/index_provinces.html"),
    ),
    (
        "province.html",
        include_str!("../../../templates/province.html"),
    ),
    (
        "province_ranking.html",
        include_str!("../../../templates/province_ranking.html"),
    ),
    (
        "heatmap_body.html",
        include_str!("../../../templates/heatmap_body.html"),
    ),
    (
        "distribution.html",
        include_str!("../../../templates/distribution.html"),
    ),
    (
        "filter.html",
        include_str!("../../../templates/filter.html"),
    ),
    (
        "heat_legend.html",
        include_str!("../../../templates/heat_legend.html"),
    ),
    (
        "change_chart.html",
        include_str!("../../../templates/change_chart.html"),
    ),
    (
        "verification.html",
        include_str!("../../../templates/verification.html"),
    ),
    (
        "gap_table.html",
        include_str!("../../../templates/gap_table.html"),
    ),
    (
        "review_summary.html",
        include_str!("../../../templates/review_summary.html"),
    ),
    ("mark.html", include_str!("../../../templates/mark.html")),
    (
        "history.html",
        include_str!("../../../templates/history.html"),
    ),
];

/// Why templates could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The override folder or a file in it could not be read.
    #[error("{}", self.text())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        message: Text,
    },
    /// A template does not parse.
    #[error("{}", self.text())]
    Parse(String),
    /// A template failed while rendering (e.g. an unknown variable in an override).
    #[error("{}", self.text())]
    Render {
        /// The template.
        name: String,
        /// Tera's report, with the place in the template.
        message: String,
    },
}

impl TemplateError {
    /// What went wrong, in both languages.
    pub fn text(&self) -> Text {
        match self {
            TemplateError::Read { path, message } => Text::new(
                format!("{}: {}", path.display(), message.id),
                format!("{}: {}", path.display(), message.en),
            ),
            TemplateError::Parse(report) => Text::new(
                format!("templat tidak valid:\n{report}"),
                format!("invalid template:\n{report}"),
            ),
            TemplateError::Render { name, message } => Text::new(
                format!("templat {name} gagal:\n{message}"),
                format!("template {name} failed:\n{message}"),
            ),
        }
    }
}

/// The loaded templates.
pub struct Templates {
    tera: tera::Tera,
    /// The override files read, in name order.
    pub overrides: Vec<PathBuf>,
}

/// A tera error with its causes and, where tera has one, the caret snippet.
fn describe(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(&format!("\n{s}"));
        source = s.source();
    }
    out
}

impl Templates {
    /// The built-in templates, overridden by the `.html` files of `dir` when given.
    pub fn load(dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut sources: Vec<(String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let mut overrides = Vec::new();
        if let Some(dir) = dir {
            for (name, path) in template_files(dir)? {
                let text = std::fs::read_to_string(&path).map_err(|e| TemplateError::Read {
                    path: path.clone(),
                    message: os_error(&e),
                })?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name, text)),
                }
                overrides.push(path);
            }
        }
        let mut tera = tera::Tera::default();
        // Every name ends with "": all templates are escaped, whatever they are called.
        tera.autoescape_on([""]);
        tera.add_raw_templates(sources)
            .map_err(|e| TemplateError::Parse(describe(&e)))?;
        Ok(Templates { tera, overrides })
    }

    fn render<T: serde::Serialize>(&self, name: &str, view: &T) -> Result<String, TemplateError> {
        let err = |e: tera::Error| TemplateError::Render {
            name: name.to_string(),
            message: describe(&e),
        };
        let ctx = tera::Context::from_serialize(view).map_err(err)?;
        self.tera.render(name, &ctx).map_err(err)
    }

    /// The comparison page.
    pub fn index(&self, cx: &Context) -> Result<String, TemplateError> {
        self.render("index.html", &cx.index_view())
    }

    /// The index of a report split by province: the national summary with a row per province.
    pub fn province_index(
        &self,
        cx: &Context,
        provinces: &Provinces,
        limit: usize,
    ) -> Result<String, TemplateError> {
        self.render(
            "index_provinces.html",
            &cx.province_index_view(provinces, limit),
        )
    }

    /// The page of province `code` (`None` if no region-year lies in it).
    pub fn province(
        &self,
        cx: &Context,
        provinces: &Provinces,
        code: &str,
    ) -> Option<Result<String, TemplateError>> {
        cx.province_view(provinces, code)
            .map(|v| self.render("province.html", &v))
    }

    /// The scorecard of entry `i` (`None` if there is no such entry), its answers shown from
    /// `submission` (the entry's own, or the same with the detail read back from disk).
    pub fn scorecard(
        &self,
        cx: &Context,
        i: usize,
        submission: &crate::submission::Submission,
    ) -> Option<Result<String, TemplateError>> {
        cx.scorecard_view(i, submission)
            .map(|v| self.render("scorecard.html", &v))
    }
}

/// The `.html` files under `dir`, named by their path relative to it with `/` separators.
fn template_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, TemplateError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| TemplateError::Read {
            path: d.clone(),
            message: {
                let why = os_error(&e);
                Text::new(
                    format!("folder templat tidak dapat dibaca: {}", why.id),
                    format!("cannot read the templates folder: {}", why.en),
                )
            },
        })?;
        for entry in entries {
            let path = entry
                .map_err(|e| TemplateError::Read {
                    path: d.clone(),
                    message: os_error(&e),
                })?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "html") {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((name, path));
            }
        }
    }
    out.sort();
    Ok(out)
}
