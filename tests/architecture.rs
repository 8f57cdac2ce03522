//! The layout of `src/` keeps the pipeline's one-way rule: a folder per stage, in the order
//! data flows (base → content → graph → render → publish → commands), and no module imports
//! from a later stage or takes part in a loop of imports. The test reads every `crate::`
//! and `super::` path in the source, so a change that breaks the rule fails here with the
//! file and the path that broke it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, in the order data flows through them.
const STAGES: [&str; 6] = ["base", "content", "graph", "render", "publish", "commands"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The module a file belongs to, as path segments: `src/content/markdown/tests.rs` →
/// `content::markdown` (a `tests.rs` belongs to its parent), `src/graph/mod.rs` → `graph`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).unwrap().with_extension("");
    let mut segments: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    while matches!(segments.last().map(String::as_str), Some("mod" | "tests")) {
        segments.pop();
    }
    segments
}

/// Whether `segments` names a module (a file or folder under `src/`).
fn is_module(segments: &[String]) -> bool {
    let path = segments.iter().fold(src(), |p, s| p.join(s));
    path.with_extension("rs").is_file() || path.join("mod.rs").is_file()
}

/// The longest prefix of `segments` that is a module.
fn deepest_module(segments: &[String]) -> Vec<String> {
    (1..=segments.len())
        .rev()
        .map(|n| segments[..n].to_vec())
        .find(|prefix| is_module(prefix))
        .unwrap_or_default()
}

/// The paths a line of code names after `crate::` or `super::`, as segments; a group
/// (`crate::content::{load::X, model::Y}`) gives one path per member.
fn paths_in(code: &str, module: &[String], file_is_mod_rs: bool) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (prefix, base) in [
        ("crate::", Vec::new()),
        ("super::", parent_of(module, file_is_mod_rs)),
    ] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let mut segments = base.clone();
            let mut tail = rest;
            loop {
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                if end == 0 {
                    break;
                }
                segments.push(tail[..end].to_string());
                tail = &tail[end..];
                match tail.strip_prefix("::") {
                    Some(more) => tail = more,
                    None => break,
                }
            }
            if let Some(group) = tail.strip_prefix('{') {
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                for member in inner.split(',') {
                    let mut path = segments.clone();
                    path.extend(
                        member
                            .trim()
                            .split("::")
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty() && s != "self"),
                    );
                    found.push(path);
                }
            }
            found.push(segments);
        }
    }
    found
}

/// The module `super::` names from a file: the parent module. A `tests.rs` is already the
/// child of the module it tests, so its `super` is that module.
fn parent_of(module: &[String], file_is_tests_or_mod: bool) -> Vec<String> {
    if file_is_tests_or_mod {
        module.to_vec()
    } else {
        module[..module.len().saturating_sub(1)].to_vec()
    }
}

/// Module → the modules it imports (other than itself and its own children).
fn import_graph() -> BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>> = BTreeMap::new();
    for file in files {
        let module = module_of(&file);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let super_is_self = name == "tests.rs" || name == "mod.rs";
        let text = std::fs::read_to_string(&file).unwrap();
        let entry = graph.entry(module.clone()).or_default();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for path in paths_in(code, &module, super_is_self) {
                let target = deepest_module(&path);
                if target.is_empty() || target == module || target.starts_with(&module) {
                    continue;
                }
                let place = format!("{}:{}: {}", file.display(), number + 1, line.trim());
                entry.entry(target).or_insert(place);
            }
        }
    }
    graph
}

fn stage_rank(module: &[String]) -> Option<usize> {
    let first = module.first()?;
    STAGES.iter().position(|s| s == first)
}

#[test]
fn every_source_file_sits_in_a_stage_folder() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files {
        let module = module_of(&file);
        let top_level = matches!(module.as_slice(), [only] if only == "lib" || only == "main");
        assert!(
            top_level || stage_rank(&module).is_some(),
            "{} is not in a stage folder ({STAGES:?})",
            file.display()
        );
    }
}

#[test]
fn no_module_imports_from_a_later_stage() {
    let mut wrong = Vec::new();
    for (module, imports) in import_graph() {
        let Some(rank) = stage_rank(&module) else {
            continue;
        };
        for (target, place) in imports {
            if stage_rank(&target).is_some_and(|t| t > rank) {
                wrong.push(format!(
                    "{} imports {}: {place}",
                    module.join("::"),
                    target.join("::")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the flow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_loop_of_imports() {
    let graph = import_graph();
    // Depth-first search; a module met again while still on the stack closes a loop.
    fn visit(
        module: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeMap<Vec<String>, String>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|m| m == module) {
            let mut cycle: Vec<String> = stack[start..].iter().map(|m| m.join("::")).collect();
            cycle.push(module.join("::"));
            return Some(cycle);
        }
        if !done.insert(module.clone()) {
            return None;
        }
        stack.push(module.clone());
        for target in graph.get(module).into_iter().flat_map(|m| m.keys()) {
            if let Some(cycle) = visit(target, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(cycle) = visit(module, &graph, &mut Vec::new(), &mut done) {
            panic!("a loop of imports: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_checker_reads_grouped_and_relative_imports() {
    let module = vec!["graph".to_string(), "people".to_string()];
    let modules: Vec<Vec<String>> = paths_in(
        "use crate::content::{load::X, model::{Y, Z}};",
        &module,
        false,
    )
    .iter()
    .map(|p| deepest_module(p))
    .collect();
    assert!(modules.contains(&vec!["content".into(), "load".into()]));
    assert!(modules.contains(&vec!["content".into(), "model".into()]));
    let paths = paths_in("use super::views::MeetingRef;", &module, false);
    assert_eq!(
        paths,
        vec![vec![
            "graph".to_string(),
            "views".into(),
            "MeetingRef".into()
        ]]
    );
    assert_eq!(
        deepest_module(&["base".into(), "config".into(), "Language".into()]),
        vec!["base".to_string(), "config".into()]
    );
}
