//! Throughput of the core on real replies (`benches/corpus/`): each built-in
//! pack alone and all of them, on one short draft and on a long text, plus the
//! cost of building a linter and linting a first draft with it (paid once
//! per process; the patterns' compiles, cached in the packs, are not in it).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tact::{builtin, Linter, Selection};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../benches/corpus");
    ["ibm-twitter-care-agent.txt", "star-wizard-typed.txt"]
        .iter()
        .map(|f| std::fs::read_to_string(format!("{dir}/{f}")).expect("benchmark sample"))
        .collect()
}

/// `all`, `all-but-PACK`, or one pack.
fn linter(name: &str) -> Linter {
    let names = |s: &str| vec![s.to_string()];
    let selection = match (name, name.strip_prefix("all-but-")) {
        ("all", _) => Selection::default(),
        (_, Some(pack)) => Selection {
            disable: names(pack),
            ..Selection::default()
        },
        _ => Selection {
            only: names(name),
            ..Selection::default()
        },
    };
    Linter::new(builtin(), &selection).unwrap()
}

/// About 1 KB of whole replies: a typical draft.
fn draft(long: &str) -> String {
    long.lines()
        .take_while({
            let mut n = 0;
            move |l| {
                n += l.len() + 1;
                n <= 1024
            }
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

fn lint(c: &mut Criterion) {
    let long = corpus();
    let draft = draft(&long);
    for pack in ["all", "all-but-passive", "gotcha", "passive", "pii"] {
        let linter = linter(pack);
        // Warm the lazily compiled patterns and DFA caches, as a long run would.
        linter.lint(&long);
        let mut group = c.benchmark_group(format!("lint/{pack}"));
        for (name, text) in [("draft-1k", &draft), ("long", &long)] {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(name, |b| b.iter(|| linter.lint(black_box(text))));
        }
        group.finish();
    }
}

fn build(c: &mut Criterion) {
    let draft = draft(&corpus());
    c.bench_function("build-and-lint-a-draft", |b| {
        b.iter(|| {
            let linter = Linter::new(builtin(), &Selection::default());
            linter.unwrap().lint(black_box(&draft))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = lint, build
}
criterion_main!(benches);
