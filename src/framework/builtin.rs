//! The frameworks shipped inside the binary, so the tool works with no files beside it.

use super::load::{load_file, parse};
use super::model::Framework;
use crate::diagnostics::{Code, Place, Problem};
use crate::text::Text;
use std::path::Path;

/// Id of the framework used when none is named.
pub const DEFAULT_FRAMEWORK: &str = "kominfo-smart-city";

/// Built-in frameworks: (id, file name, TOML source).
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "kominfo-smart-city",
        "indicators/kominfo-smart-city.toml",
        include_str!("../../indicators/kominfo-smart-city.toml"),
    ),
    (
        "spbe-2020",
        "indicators/spbe-2020.toml",
        include_str!("../../indicators/spbe-2020.toml"),
    ),
    (
        "pemdi-2026",
        "indicators/pemdi-2026.toml",
        include_str!("../../indicators/pemdi-2026.toml"),
    ),
    (
        "idm",
        "indicators/idm.toml",
        include_str!("../../indicators/idm.toml"),
    ),
];

/// The built-in framework with this id.
pub fn builtin(id: &str) -> Option<Result<Framework, Vec<Problem>>> {
    BUILTIN
        .iter()
        .find(|(bid, _, _)| *bid == id)
        .map(|(_, file, src)| parse(Path::new(file), src))
}

/// Resolves `--framework`: a built-in id, else a path to a TOML file.
pub fn resolve(spec: Option<&str>) -> Result<Framework, Vec<Problem>> {
    let spec = spec.unwrap_or(DEFAULT_FRAMEWORK);
    if let Some(fw) = builtin(spec) {
        return fw;
    }
    let path = Path::new(spec);
    if path.exists() {
        return load_file(path);
    }
    let ids: Vec<&str> = BUILTIN.iter().map(|(id, _, _)| *id).collect();
    Err(vec![
        Problem::new(
            Code::F010,
            path,
            Place::File,
            Text::new(
                "bukan kerangka bawaan dan bukan berkas yang ada",
                "neither a built-in framework nor an existing file",
            ),
        )
        .expected(Text::new(
            format!("id bawaan ({}) atau jalur berkas TOML", ids.join(", ")),
            format!(
                "a built-in id ({}) or the path of a TOML file",
                ids.join(", ")
            ),
        )),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads_cleanly() {
        for (id, _, _) in BUILTIN {
            let fw = builtin(id).unwrap().unwrap_or_else(|p| {
                panic!(
                    "{id}: {}",
                    p.iter()
                        .map(|p| p.render(crate::text::Lang::En))
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
            assert_eq!(&fw.id, id);
        }
    }
}
