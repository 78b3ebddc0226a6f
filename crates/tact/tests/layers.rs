//! The layering, read off the sources: no two files of the library or of
//! the CLI import each other in a cycle (an import: a `use`, a `crate::` or
//! `super::` path, or a `mod.rs` re-exporting its child), and the library's
//! search layer (`src/search/`) imports nothing from the rest of it but
//! spans.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path in the crate (`["search", "gate"]`); the crate root is
/// the empty path.
type Module = Vec<String>;

fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut inner = prefix.to_vec();
            inner.push(name);
            modules(&path, &inner, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = prefix.to_vec();
            if name != "mod" && name != "lib" {
                module.push(name);
            }
            let source = std::fs::read_to_string(&path).unwrap();
            // Tests may import anything.
            let source = source
                .split("#[cfg(test)]\nmod ")
                .next()
                .unwrap()
                .to_string();
            out.insert(module, source);
        }
    }
}

/// The modules `source` (of `module`, a `mod.rs` when `is_dir`) imports.
fn imports(module: &Module, source: &str, all: &BTreeMap<Module, String>) -> BTreeSet<Module> {
    let parent = &module[..module.len().saturating_sub(1)];
    let mut found = BTreeSet::new();
    let code: String = source
        .lines()
        .map(|l| l.split("//").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let mut resolve = |base: &[String], path: &[&str]| {
        let mut full: Vec<String> = base.to_vec();
        full.extend(path.iter().map(|s| s.to_string()));
        // The longest prefix that is a module of the crate.
        for k in (1..=full.len()).rev() {
            if all.contains_key(&full[..k]) {
                if full[..k] != module[..] {
                    found.insert(full[..k].to_vec());
                }
                return;
            }
        }
    };
    for (root, base) in [("crate::", &[][..]), ("super::", parent)] {
        for (at, _) in code.match_indices(root) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[at + root.len()..];
            let head_len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path: Vec<&str> = rest[..head_len]
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let Some(group) = rest[head_len..].strip_prefix('{') else {
                resolve(base, &path);
                continue;
            };
            // `super::{a, b::c}` imports `a` and `b`, not the parent itself.
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let mut with = path.clone();
                with.extend(item.split("::").take_while(|s| !s.contains('{')));
                resolve(base, &with);
            }
        }
    }
    // A `mod.rs` that re-exports from its own child depends on it.
    for line in code.lines() {
        let line = line.trim_start();
        let line = line
            .strip_prefix("pub(crate) ")
            .or(line.strip_prefix("pub "))
            .unwrap_or(line);
        if let Some(rest) = line.strip_prefix("use ") {
            let child = rest.split("::").next().unwrap();
            let mut path = module.clone();
            path.push(child.to_string());
            if all.contains_key(&path) {
                found.insert(path);
            }
        }
    }
    found
}

/// The import graph of a crate's sources, `crates/CRATE/src`.
fn graph(krate: &str) -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("src");
    let mut all = BTreeMap::new();
    modules(&src, &[], &mut all);
    all.iter()
        .map(|(m, source)| (m.clone(), imports(m, source, &all)))
        .collect()
}

/// Panics with the first cycle in `graph`, if there is one.
fn assert_acyclic(graph: &BTreeMap<Module, BTreeSet<Module>>) {
    assert!(graph.len() > 20, "the sources were found");
    // Depth-first, with the path so far.
    fn visit<'a>(
        m: &'a Module,
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<&'a Module>,
        done: &mut BTreeSet<&'a Module>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            let cycle: Vec<String> = path[at..].iter().map(|m| m.join("/")).collect();
            panic!("import cycle: {} -> {}", cycle.join(" -> "), m.join("/"));
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for next in &graph[m] {
            visit(next, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn no_two_files_of_the_library_import_each_other_in_a_cycle() {
    assert_acyclic(&graph("tact"));
}

#[test]
fn no_two_files_of_the_cli_import_each_other_in_a_cycle() {
    assert_acyclic(&graph("tact-cli"));
}

#[test]
fn the_search_layer_imports_only_itself_and_spans() {
    let graph = graph("tact");
    let search: Vec<_> = graph
        .iter()
        .filter(|(m, _)| m.first().is_some_and(|f| f == "search"))
        .collect();
    assert!(search.len() > 10);
    for (module, imports) in search {
        for import in imports {
            let allowed = import.first().is_some_and(|f| f == "search" || f == "span");
            assert!(allowed, "{} imports {}", module.join("/"), import.join("/"));
        }
    }
}
