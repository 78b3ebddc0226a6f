"""The Polars namespace: `.tact.check()` and `.tact.count()` in eager, lazy
and streaming queries, a group-by on a Parquet scan among them."""

from pathlib import Path

import polars as pl
import pytest

import tact
import tact.polars  # noqa: F401 (registers the namespace)

BODIES = [
    "As I already explained, the link expires after an hour.",
    "Thanks for writing in! 🙂",
    None,
    "Mistakes were made. Please send me your social security number.",
    "Per my last email, the café opens at 9. As I said, it's fine.",
    "Unfortunately your order is delayed.",
]
TEAMS = ["billing", "billing", "billing", "shipping", "shipping", "returns"]


def frame():
    return pl.DataFrame({"team": TEAMS, "body": BODIES})


def test_check_gives_each_row_its_findings():
    linter = tact.Linter()
    out = frame().select(pl.col("body").tact.check())["body"].to_list()
    for text, found in zip(BODIES, out):
        if text is None:
            assert found is None
            continue
        assert [(f["rule"], f["start"], f["end"], f["text"]) for f in found] == [
            (f.rule, f.byte_start, f.byte_end, f.text) for f in linter.check(text)
        ]
        assert all(f["pack"] == f["rule"].split(".")[0] for f in found)


def test_check_output_type_is_a_list_of_structs():
    dtype = frame().lazy().select(pl.col("body").tact.check()).collect_schema()["body"]
    assert dtype == pl.List(
        pl.Struct(
            {
                "rule": pl.String,
                "pack": pl.String,
                "severity": pl.String,
                "start": pl.Int64,
                "end": pl.Int64,
                "text": pl.String,
            }
        )
    )


def test_count_per_pack_and_options():
    linter = tact.Linter()
    counts = frame().select(
        all=pl.col("body").tact.count(),
        gotcha=pl.col("body").tact.count("gotcha"),
        no_gotcha=pl.col("body").tact.count(disable=["gotcha"]),
    )
    for i, text in enumerate(BODIES):
        found = [] if text is None else linter.check(text)
        want = None if text is None else len(found)
        assert counts["all"][i] == want
        assert counts["gotcha"][i] == (None if text is None else sum(f.pack == "gotcha" for f in found))
        assert counts["no_gotcha"][i] == (None if text is None else sum(f.pack != "gotcha" for f in found))


def test_a_lazy_group_by_on_a_parquet_scan(tmp_path: Path):
    path = tmp_path / "replies.parquet"
    big = pl.concat([frame()] * 200)
    big.write_parquet(path, row_group_size=100)
    got = (
        pl.scan_parquet(path)
        .group_by("team")
        .agg(pl.len().alias("replies"), pl.col("body").tact.count("gotcha").sum().alias("gotcha"))
        .sort("team")
        .collect()
    )
    linter = tact.Linter()
    want = {}
    for team, text in zip(TEAMS, BODIES):
        n = 0 if text is None else sum(f.pack == "gotcha" for f in linter.check(text))
        want[team] = want.get(team, 0) + 200 * n
    assert dict(zip(got["team"], got["gotcha"])) == want
    assert dict(zip(got["team"], got["replies"])) == {"billing": 600, "returns": 200, "shipping": 400}


def test_bad_options_raise_where_the_expression_is_written():
    with pytest.raises(tact.TactError, match="did you mean `gotcha.as-i-said`"):
        pl.col("body").tact.count(only=["gotcha.as-i-sed"])
    with pytest.raises(tact.TactError, match="unknown input format"):
        pl.col("body").tact.check(format="docx")
    with pytest.raises(tact.TactError, match="no pack `gotch`"):
        pl.col("body").tact.count("gotch")


def test_a_streaming_query_gives_the_same_counts(tmp_path: Path):
    path = tmp_path / "replies.parquet"
    pl.concat([frame()] * 50).write_parquet(path, row_group_size=64)
    query = pl.scan_parquet(path).select(pl.col("body").tact.count().sum())
    assert query.collect(engine="streaming").item() == query.collect().item()
    assert query.collect().item() == 50 * sum(len(tact.check(b)) for b in BODIES if b is not None)
