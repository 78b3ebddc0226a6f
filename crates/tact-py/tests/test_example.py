"""The analytics example's figures against the same count made reply by
reply with `Linter.check`."""

import importlib.util
from pathlib import Path

import polars as pl

import tact

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "analytics" / "analytics.py"


def load():
    spec = importlib.util.spec_from_file_location("analytics", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_findings_per_thousand_replies_by_team(tmp_path: Path):
    analytics = load()
    path = analytics.build(tmp_path / "replies.parquet")
    replies = pl.read_parquet(path)
    assert replies.columns == ["reply_id", "source", "agent", "team", "body"]
    assert replies["agent"].n_unique() == 12
    got = analytics.per_thousand(path)

    linter = tact.Linter()
    packs = sorted({r.split(".")[0] for r, _, _ in tact.rules()})
    for row in got.iter_rows(named=True):
        bodies = replies.filter(pl.col("team") == row["team"])["body"].to_list()
        assert row["replies"] == len(bodies)
        found = [f.pack for b in bodies for f in linter.check(b)]
        for pack in packs:
            assert row[pack] == round(found.count(pack) * 1000 / len(bodies), 1)
    assert got["replies"].sum() == len(replies)
    assert got.select(pl.sum_horizontal(packs).sum()).item() > 0
