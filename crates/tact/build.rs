//! Works out, for every pattern of the built-in packs in `rules/` (and every
//! personal-data cue), the literals that gate it (`src/detect/literals.rs`)
//! and its syntax trees, exact and loosened (`src/detect/hir.rs`, written
//! by `src/detect/hir_code.rs`), and writes them as tables the library
//! compiles in. Finding them means parsing each pattern, which at run time
//! cost more than linting a whole 1 KB draft. A pattern missing from the
//! tables (a user's) is worked out at run time instead, so the tables can
//! only make start-up faster, never change a result.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[allow(dead_code)]
#[path = "src/detect/hir.rs"]
mod hir;
#[path = "src/detect/hir_code.rs"]
mod hir_code;
#[path = "src/detect/literals.rs"]
mod literals;

fn main() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    println!("cargo::rerun-if-changed={}", rules.display());
    let mut table = BTreeMap::new();
    let mut ungated: Vec<String> = Vec::new();
    let mut packs: Vec<PathBuf> = fs::read_dir(&rules)
        .map(|dir| dir.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    packs.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    packs.sort();
    for path in packs {
        println!("cargo::rerun-if-changed={}", path.display());
        // A pack that does not parse is left out here; the library's tests
        // report it.
        let Ok(pack) = fs::read_to_string(&path).map(|t| t.parse::<toml::Table>()) else {
            continue;
        };
        let Ok(pack) = pack else { continue };
        // The rules' patterns, and the personal-data cues, which may be
        // gated on shorter literals.
        let rules = pack.get("rule").and_then(|r| r.as_array());
        // The rules' `unless` patterns are parsed too, but not gated.
        let unless = rules
            .into_iter()
            .flatten()
            .filter_map(|rule| rule.get("unless"));
        ungated.extend(
            unless
                .filter_map(|list| list.as_array())
                .flatten()
                .filter_map(|p| p.as_str())
                .map(str::to_string),
        );
        let mut lists: Vec<(usize, &toml::Value)> = rules
            .into_iter()
            .flatten()
            .filter_map(|rule| rule.get("patterns"))
            .map(|list| (literals::MIN_LITERAL, list))
            .collect();
        if let Some(cues) = pack.get("personal-data") {
            let cues = ["request", "reason", "mention"].map(|k| cues.get(k));
            lists.extend(
                cues.into_iter()
                    .flatten()
                    .map(|list| (literals::MIN_CUE_LITERAL, list)),
            );
        }
        for (min_len, list) in lists {
            for pattern in list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str())
            {
                let literals = literals::required_literals(pattern, min_len);
                table.insert((min_len, pattern.to_string()), literals);
            }
        }
    }
    let mut out =
        String::from("static BUILTIN_LITERALS: &[((usize, &str), Option<BuiltinLiterals>)] = &[\n");
    for ((min_len, pattern), literals) in &table {
        match literals {
            Some((side, list)) => writeln!(
                out,
                "    (({min_len}, {pattern:?}), Some((Side::{side:?}, &{list:?}))),"
            ),
            None => writeln!(out, "    (({min_len}, {pattern:?}), None),"),
        }
        .expect("writing to a String");
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("builtin_literals.rs"), out).expect("OUT_DIR is writable");
    let patterns = table.keys().map(|(_, pattern)| pattern.as_str());
    write_trees(patterns.chain(ungated.iter().map(String::as_str)), &out_dir);
}

/// `BUILTIN_TREES`: `(pattern, exact tree, loose tree)` for every built-in
/// pattern, sorted by pattern, each tree a range of `TREE_CODE` (empty when
/// the tree would not come back equal, which leaves it to run time).
fn write_trees<'a>(patterns: impl Iterator<Item = &'a str>, out_dir: &Path) {
    let mut patterns: Vec<&str> = patterns.collect();
    patterns.sort_unstable();
    patterns.dedup();
    let mut code = Vec::new();
    let mut table = String::from(
        "static BUILTIN_TREES: &[(&str, std::ops::Range<usize>, std::ops::Range<usize>)] = &[\n",
    );
    for pattern in patterns {
        let mut tree = |hir: Option<regex_syntax::hir::Hir>| {
            let start = code.len();
            if let Some(hir) = hir {
                hir_code::write(&hir, &mut code);
                if hir_code::read(&code[start..]).as_ref() != Some(&hir) {
                    code.truncate(start);
                }
            }
            start..code.len()
        };
        let exact = tree(hir::exact(pattern).ok());
        let loose = tree(hir::loose(pattern));
        writeln!(table, "    ({pattern:?}, {exact:?}, {loose:?}),").expect("writing to a String");
    }
    table.push_str("];\n");
    table.push_str(
        "static TREE_CODE: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/builtin_trees.bin\"));\n",
    );
    fs::write(out_dir.join("builtin_trees.bin"), code).expect("OUT_DIR is writable");
    fs::write(out_dir.join("builtin_trees.rs"), table).expect("OUT_DIR is writable");
}
