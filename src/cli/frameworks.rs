//! `smartcity frameworks` and `smartcity framework check`: what is built in, and whether a
//! framework file is valid.

use super::exit::ExitStatus;
use super::printer::Printer;
use smartcity::framework::{self, BUILTIN, DEFAULT_FRAMEWORK};
use smartcity::text::Text;
use std::path::Path;

/// `smartcity frameworks`.
pub(crate) fn list(out: Printer) -> ExitStatus {
    let lang = out.lang();
    let mut listing = String::new();
    for (id, _, _) in BUILTIN {
        let line = match framework::builtin(id) {
            Some(Ok(fw)) => {
                let default = if *id == DEFAULT_FRAMEWORK {
                    Text::new(" (bawaan)", " (default)")
                } else {
                    Text::default()
                };
                let top = fw.dimensions.iter().filter(|d| d.parent.is_none()).count();
                let (n, min, max) = (fw.indicators.len(), fw.scale.min, fw.scale.max);
                let version = &fw.version;
                Text::new(
                    format!(
                        "{id}{}\n  {} — versi {version}\n  {top} dimensi, {n} indikator, skala {min}–{max}\n",
                        default.id, fw.title.id
                    ),
                    format!(
                        "{id}{}\n  {} — version {version}\n  {top} dimensions, {n} indicators, scale {min}–{max}\n",
                        default.en, fw.title.en
                    ),
                )
            }
            _ => Text::new(
                format!("{id}: kerangka bawaan tidak valid\n"),
                format!("{id}: invalid built-in\n"),
            ),
        };
        listing.push_str(line.get(lang));
        if let Some(Ok(fw)) = framework::builtin(id)
            && let Some(years) = &fw.years
        {
            let label = years.label();
            let applies = Text::new(
                format!("  berlaku untuk tahun {label}\n"),
                format!("  applies to the years {label}\n"),
            );
            listing.push_str(applies.get(lang));
        }
    }
    match out.text(&listing) {
        Ok(()) => ExitStatus::Success,
        Err(_) => ExitStatus::Failure,
    }
}

/// `smartcity framework check FILE`.
pub(crate) fn check(file: &Path, out: Printer) -> ExitStatus {
    let fw = match framework::load_file(file) {
        Ok(fw) => fw,
        Err(problems) => {
            out.problems(&problems);
            return ExitStatus::Rejected;
        }
    };
    let sub = fw.dimensions.iter().filter(|d| d.parent.is_some()).count();
    let (top, inds, comps, bands) = (
        fw.dimensions.len() - sub,
        fw.indicators.len(),
        fw.components.len(),
        fw.bands.len(),
    );
    // Named by the user and typed into the framework: shown with their control characters
    // escaped, like everything printed.
    let safe = |s: &str| smartcity::text::terminal_safe(s, false).into_owned();
    let (path, id, version) = (
        safe(&file.display().to_string()),
        safe(&fw.id),
        safe(&fw.version),
    );
    let line = Text::new(
        format!(
            "{path}: valid — {id} {version} — {top} dimensi, {sub} subdimensi, {inds} indikator, {comps} komponen, {bands} predikat\n"
        ),
        format!(
            "{path}: valid — {id} {version} — {top} dimensions, {sub} sub-dimensions, {inds} indicators, {comps} components, {bands} bands\n"
        ),
    );
    match out.text(line.get(out.lang())) {
        Ok(()) => ExitStatus::Success,
        Err(_) => ExitStatus::Failure,
    }
}
