//! The shape of the house, checked: the modules of `src/` import one another without circles,
//! and the lower stages (`framework`, `submission`, `scoring`) import nothing of ingestion,
//! comparison, reports or templates. Read from the source text, as a reader would follow it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module of the library (`src/`, without the binary's `main.rs` and `cli/`), by path.
fn modules() -> BTreeMap<Module, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path != root.join("cli") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path == root.join("main.rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut module: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            out.insert(module, std::fs::read_to_string(&path).unwrap());
        }
    }
    out
}

/// The source without comments and without its unit tests (which may reach anywhere).
fn code(src: &str) -> String {
    let src = src.split("#[cfg(test)]\nmod tests {").next().unwrap_or(src);
    src.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `module`'s code names through `crate::…` or `super::…` paths.
fn imports(module: &Module, src: &str, all: &BTreeMap<Module, String>) -> BTreeSet<Module> {
    let mut out = BTreeSet::new();
    let code = code(src);
    let bytes = code.as_bytes();
    for start in 0..bytes.len() {
        if !code.is_char_boundary(start) {
            continue;
        }
        let rest = &code[start..];
        let at_word =
            start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if !at_word || !(rest.starts_with("crate::") || rest.starts_with("super::")) {
            continue;
        }
        let path: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':' || *c == '{')
            .collect();
        let mut segments: Vec<&str> = path
            .split("::")
            .map(|s| s.trim_start_matches('{'))
            .collect();
        let mut base: Module = Vec::new();
        if segments[0] == "super" {
            base = module.clone();
            while segments.first() == Some(&"super") {
                segments.remove(0);
                base.pop();
            }
        } else {
            segments.remove(0);
        }
        base.extend(segments.iter().map(|s| s.to_string()));
        // The longest prefix that is a module is the one imported.
        while !base.is_empty() && !all.contains_key(&base) {
            base.pop();
        }
        // A module naming its own children (declaring and re-exporting them) is no import.
        if !base.starts_with(module) {
            out.insert(base);
        }
    }
    out
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let all = modules();
    let graph: BTreeMap<&Module, BTreeSet<Module>> = all
        .iter()
        .map(|(m, src)| (m, imports(m, src, &all)))
        .collect();
    // Every module reachable from each import; a module reachable from itself is on a circle.
    let mut circles = Vec::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&Module> = graph[start].iter().collect();
        while let Some(m) = stack.pop() {
            if m == *start {
                circles.push(start.join("::"));
                break;
            }
            if seen.insert(m.clone()) {
                stack.extend(graph.get(m).into_iter().flatten());
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules on an import circle: {circles:?}"
    );
    assert!(all.len() > 50, "only {} modules found", all.len());
}

#[test]
fn lower_stages_import_nothing_of_later_ones() {
    let all = modules();
    let later = ["answers", "compare", "report", "template", "assess"];
    let mut wrong = Vec::new();
    for (module, src) in &all {
        if !matches!(
            module.first().map(String::as_str),
            Some("framework" | "submission" | "scoring")
        ) {
            continue;
        }
        for import in imports(module, src, &all) {
            if import.first().is_some_and(|m| later.contains(&m.as_str())) {
                wrong.push(format!("{} → {}", module.join("::"), import.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
}
