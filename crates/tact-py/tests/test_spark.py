"""The Spark recipe on Spark in local mode: a Parquet folder of replies in,
a Parquet folder of findings out, the same findings `check_arrow` gives."""

import os
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import tact

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

import tact.spark  # noqa: E402

BODIES = [
    "As I already explained, the link expires after an hour. 🙂",
    "Thanks for writing in!",
    None,
    "Mistakes were made. Please send me your social security number.",
    "Per my last email, the café opens at 9.",
]


@pytest.fixture(scope="module")
def spark():
    # The workers run this interpreter, which has the wheel installed, as a
    # cluster's executors run the environment shipped to them.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tact-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_a_parquet_folder_is_linted_into_a_parquet_folder(spark, tmp_path: Path):
    replies = tmp_path / "replies"
    replies.mkdir()
    rows = [(i, "billing" if i % 2 else "shipping", BODIES[i % len(BODIES)]) for i in range(400)]
    for part in range(4):
        chunk = rows[part * 100 : (part + 1) * 100]
        pq.write_table(
            pa.table({"id": [r[0] for r in chunk], "team": [r[1] for r in chunk], "body": [r[2] for r in chunk]}),
            replies / f"part-{part}.parquet",
        )
    out = tmp_path / "findings"
    df = spark.read.parquet(str(replies))
    tact.spark.findings(df, "body", keep=["id", "team"]).write.parquet(str(out))

    got = pq.read_table(out)
    assert got.schema.names == ["id", "team", "rule", "pack", "severity", "start", "end", "text"]
    got_rows = sorted(zip(*(got.column(n).to_pylist() for n in ["id", "rule", "start", "end", "text"])))

    bodies = pa.array([r[2] for r in rows])
    want = tact.Linter().check_arrow(bodies)
    want_rows = sorted(
        zip(
            [rows[i][0] for i in want.column("row").to_pylist()],
            want.column("rule").to_pylist(),
            want.column("start").to_pylist(),
            want.column("end").to_pylist(),
            want.column("text").to_pylist(),
        )
    )
    assert got_rows == want_rows
    assert len(got_rows) > 200

    per_team = spark.read.parquet(str(out)).groupBy("team", "pack").count().collect()
    assert {(r["team"], r["pack"]) for r in per_team} >= {("billing", "gotcha"), ("shipping", "pii")}


def test_options_reach_the_executors(spark):
    df = spark.createDataFrame([(1, "As I said, mistakes were made.")], "id long, body string")
    rules = [r["rule"] for r in tact.spark.findings(df, "body", keep=["id"], only=["passive"]).collect()]
    assert rules and all(r.startswith("passive.") for r in rules)
