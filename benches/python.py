"""Replies per second per core through the Python package, beside the CLI.

    taskset -c 0 python benches/python.py [--replies 1000000] [--corpus DIR] [--tact BIN]

Times, on the same replies (the corpus's lines, repeated to `--replies`):
`Linter.check` called once per reply, `Linter.check_arrow` on one Arrow
array, the Polars namespace's `.tact.check()` on one column, `tact check` on
the same text as one file (`--reply-unit line`), and the pure-Python way
without this package: the CLI run once per reply (timed on a sample, it
takes about a process start per reply). Pin it to one core (`taskset`) for
figures per core; the thread pools are held to one thread either way.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("POLARS_MAX_THREADS", "1")
os.environ.setdefault("RAYON_NUM_THREADS", "1")

import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402

import tact  # noqa: E402
import tact.polars  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[1]


def replies(corpus: Path, n: int) -> list[str]:
    lines = []
    for f in sorted(corpus.glob("*.txt")):
        lines += [line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [lines[i % len(lines)] for i in range(n)]


def best(f, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replies", type=int, default=1_000_000)
    default_corpus = ROOT.parent / "shared" / "corpus"
    ap.add_argument("--corpus", type=Path, default=default_corpus if default_corpus.is_dir() else ROOT / "benches" / "corpus")
    ap.add_argument("--tact", default=str(ROOT / "target" / "release" / "tact"))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--sample", type=int, default=300, help="replies run through the CLI one process each")
    args = ap.parse_args()

    texts = replies(args.corpus, args.replies)
    n = len(texts)
    mb = sum(len(t.encode()) + 1 for t in texts) / 1e6
    linter = tact.Linter()
    column = pa.array(texts)
    frame = pl.DataFrame({"body": texts})
    rates = {}

    rates["Linter.check, one call per reply"] = n / best(lambda: [linter.check(t) for t in texts], args.runs)
    rates["Linter.check_arrow, one array"] = n / best(lambda: linter.check_arrow(column), args.runs)
    rates["Polars, .tact.check()"] = n / best(
        lambda: frame.select(pl.col("body").tact.check()), args.runs
    )
    rates["Polars, .tact.count()"] = n / best(
        lambda: frame.select(pl.col("body").tact.count()), args.runs
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "replies.txt"
        path.write_text("".join(t + "\n" for t in texts), encoding="utf-8")
        cmd = [args.tact, "check", "--format", "json", "--fail-on", "never", "--reply-unit", "line", "--no-config", str(path)]
        rates["tact check, the same text as one file"] = n / best(
            lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True), args.runs
        )
    sample = texts[: args.sample]
    one = [args.tact, "check", "--format", "json", "--fail-on", "never", "--no-config", "-"]
    rates["the CLI once per reply (pure Python)"] = len(sample) / best(
        lambda: [subprocess.run(one, input=t.encode(), stdout=subprocess.DEVNULL, check=True) for t in sample], 1
    )

    cli = rates["tact check, the same text as one file"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{n:,} replies ({mb:.1f} MB) from {args.corpus}, {cores} core(s), Python {sys.version.split()[0]}\n")
    print("| way | replies/s | vs tact check |")
    print("|---|---:|---:|")
    for way, rate in rates.items():
        print(f"| {way} | {rate:,.0f} | {rate / cli:.2f}× |")


if __name__ == "__main__":
    main()
