"""Which teams argue with customers, ask for data without a reason, or never
say what happens next? Findings per 1,000 replies, by team and pack.

    python examples/analytics/analytics.py [replies.parquet]

With no argument it first builds `target/analytics/replies.parquet` from the
real replies in `benches/corpus/` (one per line), giving each reply an agent
and the agent's team in turn, as a helpdesk export would have them. The
linting runs inside the Polars query (the `tact` namespace), lazily, on the Parquet scan.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

import tact
import tact.polars  # noqa: F401 (registers the namespace)

ROOT = Path(__file__).resolve().parents[2]
TEAMS = ["billing", "shipping", "returns", "accounts"]
AGENTS_PER_TEAM = 3


def build(path: Path) -> Path:
    """The benchmark sample's replies as a helpdesk export."""
    replies = []
    for source in sorted((ROOT / "benches" / "corpus").glob("*.txt")):
        lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        replies += [(source.stem, line) for line in lines]
    agents = len(TEAMS) * AGENTS_PER_TEAM
    frame = pl.DataFrame(
        {
            "reply_id": range(len(replies)),
            "source": [s for s, _ in replies],
            "agent": [f"agent-{i % agents:02}" for i in range(len(replies))],
            "team": [TEAMS[(i % agents) // AGENTS_PER_TEAM] for i in range(len(replies))],
            "body": [body for _, body in replies],
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(path)
    return path


def per_thousand(path: Path) -> pl.DataFrame:
    """Replies and findings per 1,000 replies of each pack, by team."""
    packs = sorted({rule.split(".")[0] for rule, _, _ in tact.rules()})
    counts = [pl.col("body").tact.count(pack).sum().alias(pack) for pack in packs]
    return (
        pl.scan_parquet(path)
        .group_by("team")
        .agg(pl.len().alias("replies"), *counts)
        .with_columns((pl.col(p) * 1000 / pl.col("replies")).round(1) for p in packs)
        .sort("team")
        .collect()
    )


def main() -> None:
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        path = build(ROOT / "target" / "analytics" / "replies.parquet")
    with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_hide_dataframe_shape=True):
        print(f"findings per 1,000 replies, {path}")
        print(per_thousand(path))


if __name__ == "__main__":
    main()
