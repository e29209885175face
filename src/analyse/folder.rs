//! Writing an analysis into a folder: `analysis.html`, `analysis.xlsx`, `sensitivity.csv`,
//! `audit.json`, `audit.csv`, each atomically and never over an input.

use super::{Analysis, output, page, workbook};
use crate::framework::Framework;
use crate::report::{Timestamp, WriteError, write_atomic};
use crate::text::{Lang, Text};
use std::path::{Path, PathBuf};

/// The files an analysis folder holds, in the order they are written.
pub const FILES: [&str; 5] = [
    "sensitivity.csv",
    "audit.csv",
    "audit.json",
    "analysis.xlsx",
    "analysis.html",
];

/// Writes the analysis files into `dir` (made if missing), refusing to replace any of `inputs`.
pub fn write_analysis(
    fw: &Framework,
    a: &Analysis,
    dir: &Path,
    lang: Lang,
    created: Timestamp,
    inputs: &[PathBuf],
) -> Result<(), Text> {
    std::fs::create_dir_all(dir).map_err(|e| {
        let why = crate::text::os_error(&e);
        Text::new(
            format!("tidak dapat membuat folder {}: {}", dir.display(), why.id),
            format!("cannot create folder {}: {}", dir.display(), why.en),
        )
    })?;
    let html = page::render(fw, a, lang).map_err(|e| {
        Text::new(
            format!("templat analysis.html gagal:\n{e}"),
            format!("template analysis.html failed:\n{e}"),
        )
    })?;
    let xlsx = workbook::to_xlsx(fw, a, lang, created).map_err(|e| {
        Text::new(
            format!("analysis.xlsx tidak dapat dibuat: {e}"),
            format!("analysis.xlsx cannot be made: {e}"),
        )
    })?;
    let bodies: [Vec<u8>; 5] = [
        output::sensitivity_csv(a),
        output::audit_csv(a),
        output::audit_json(fw, a),
        xlsx,
        html.into_bytes(),
    ];
    for (name, body) in FILES.iter().zip(bodies) {
        write_atomic(&dir.join(name), &body, inputs).map_err(|e: WriteError| e.text())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_folder_holding_an_analysis_can_be_replaced() {
        // The report folder is replaced whole only when it holds nothing but report files.
        let mut ours = super::FILES;
        let mut allowed = crate::report::ANALYSIS_FILES;
        ours.sort();
        allowed.sort();
        assert_eq!(ours, allowed);
    }
}
