//! The import rules of docs/architecture.md, checked on the sources: each layer of `server/src` imports only the
//! layers below it (the data layer only the domain and the clock), and no two modules depend on each other,
//! directly or round a longer cycle — neither the top-level modules of `server/src` and `app/src` nor the modules
//! side by side in one of their folders (`web/`, `service/`, `pages/`, …). A module's references are the
//! `crate::<path>` and `super::<module>` paths in its code, comments left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// What each layer of the server may import (besides itself and the `model` crate).
const SERVER_LAYERS: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("clock", &["domain"]),
    ("rules", &["domain"]),
    ("auth", &["domain"]),
    ("import", &["domain", "rules"]),
    ("db", &["domain", "clock"]),
    ("documents", &["domain"]),
    (
        "service",
        &[
            "domain",
            "clock",
            "rules",
            "auth",
            "import",
            "db",
            "documents",
        ],
    ),
    (
        "web",
        &[
            "domain", "clock", "rules", "auth", "import", "db", "service",
        ],
    ),
    (
        "cli",
        &[
            "domain", "clock", "rules", "auth", "import", "db", "service", "web",
        ],
    ),
];

fn src(krate: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("read a source folder")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (line comments, doc comments); string literals stay, which is harmless
/// for paths that start with `crate::`.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                ""
            } else {
                match line.find(" // ") {
                    Some(at) => &line[..at],
                    None => line,
                }
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Identifiers following `prefix` (`crate::` or `super::`), including those of a group `crate::{a, b::c}`.
fn referenced(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices(prefix) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                found.insert(ident(item));
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

/// The top-level modules of a crate's `src` and the top-level modules each one refers to.
fn graph(krate: &str) -> Graph {
    let root = src(krate);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let tops: BTreeSet<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix(&root).ok())
        .filter_map(|rel| rel.components().next())
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let Ok(rel) = file.strip_prefix(&root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .collect();
        let top = parts[0].clone();
        if !tops.contains(&top) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).expect("read a source file"));
        let mut refs = referenced(&code, "crate::");
        // In `src/x.rs`, `super::` is the crate root.
        if parts.len() == 1 {
            refs.extend(referenced(&code, "super::"));
        }
        let entry = graph.entry(top.clone()).or_default();
        entry.extend(refs.into_iter().filter(|m| tops.contains(m) && *m != top));
    }
    graph
}

/// A cycle among the graph's nodes, if there is one, as the path that closes it.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn each_server_layer_imports_only_the_layers_below_it() {
    let graph = graph("server");
    let allowed: BTreeMap<&str, &[&str]> = SERVER_LAYERS.iter().copied().collect();
    let mut wrong = Vec::new();
    for (module, refs) in &graph {
        let Some(may) = allowed.get(module.as_str()) else {
            wrong.push(format!(
                "{module} is a top-level module with no layer in SERVER_LAYERS (docs/architecture.md)"
            ));
            continue;
        };
        for r in refs {
            if !may.contains(&r.as_str()) {
                wrong.push(format!("{module} imports {r}"));
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken: {wrong:#?}");
}

#[test]
fn the_data_layer_uses_only_the_domain_and_the_clock() {
    let graph = graph("server");
    let db: Vec<&String> = graph["db"].iter().collect();
    assert!(
        db.iter().all(|m| *m == "domain" || *m == "clock"),
        "db imports {db:?}"
    );
}

#[test]
fn no_cycle_between_top_level_modules() {
    for krate in ["server", "app"] {
        let graph = graph(krate);
        assert!(graph.len() > 5, "{krate}: too few modules read: {graph:?}");
        if let Some(found) = cycle(&graph) {
            panic!("{krate}/src has a cycle: {}", found.join(" → "));
        }
    }
}

/// The modules side by side in `src/<folder>` and those of them each one refers to.
fn folder_graph(krate: &str, folder: &str) -> Graph {
    let root = src(krate).join(folder);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let name = |c: std::path::Component| -> String {
        c.as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string()
    };
    let siblings: BTreeSet<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix(&root).ok())
        .filter_map(|rel| rel.components().next())
        .map(name)
        .filter(|m| m != "mod")
        .collect();
    let mut graph = Graph::new();
    for file in &files {
        let Ok(rel) = file.strip_prefix(&root) else {
            continue;
        };
        let parts: Vec<String> = rel.components().map(name).collect();
        let module = parts[0].clone();
        if !siblings.contains(&module) {
            continue;
        }
        // How many `super::` lead from this file's module up to the folder's.
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod"));
        let code = code_of(&std::fs::read_to_string(file).expect("read a source file"));
        let mut refs = referenced(&code, &"super::".repeat(depth));
        refs.extend(referenced(&code, &format!("crate::{folder}::")));
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(
            refs.into_iter()
                .filter(|m| siblings.contains(m) && *m != module),
        );
    }
    graph
}

#[test]
fn no_cycle_between_the_modules_of_a_folder() {
    for krate in ["server", "app"] {
        let mut folders = Vec::new();
        for entry in std::fs::read_dir(src(krate)).expect("read src").flatten() {
            if entry.path().is_dir() {
                folders.push(entry.file_name().to_string_lossy().to_string());
            }
        }
        assert!(!folders.is_empty(), "{krate}: no folders read");
        for folder in folders {
            let graph = folder_graph(krate, &folder);
            if let Some(found) = cycle(&graph) {
                panic!("{krate}/src/{folder} has a cycle: {}", found.join(" → "));
            }
        }
    }
}

#[test]
fn the_checks_see_what_they_check() {
    // The reader finds grouped, nested and root-relative imports, and not those in comments …
    let code = code_of(
        "use crate::{db::Db, rules};\n// crate::web::x\nlet x = crate::clock::now(); // crate::cli\n",
    );
    let refs = referenced(&code, "crate::");
    assert_eq!(
        refs,
        BTreeSet::from(["db".to_string(), "rules".to_string(), "clock".to_string()])
    );
    let nested = code_of("use super::super::{api, caller::Staff};\nuse super::x;\n");
    assert_eq!(
        referenced(&nested, "super::super::"),
        BTreeSet::from(["api".to_string(), "caller".to_string()])
    );
    // The web folder's modules are read with their references (api_errors is used by violations).
    assert!(folder_graph("server", "web")["violations"].contains("api_errors"));
    // … and the cycle finder finds a long cycle and accepts a diamond.
    let edges = |list: &[(&str, &str)]| {
        let mut g = Graph::new();
        for (a, b) in list {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert!(cycle(&edges(&[("a", "b"), ("b", "c"), ("c", "a")])).is_some());
    assert!(cycle(&edges(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")])).is_none());
}
