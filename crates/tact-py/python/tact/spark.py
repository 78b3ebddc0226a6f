"""tact on a Spark cluster, through Spark's own Arrow exchange.

``findings(df, "body", keep=["ticket_id"])`` is a DataFrame of one row per
finding: the ``keep`` columns of the reply it came from, then rule, pack,
severity, start and end (byte offsets into the reply) and text. Each
executor lints its partitions with ``Linter.check_arrow`` (``mapInArrow``),
so no Python runs per row. Ship this package to the executors as any
Python dependency (a wheel in ``spark.submit.pyFiles``, an archive of a
virtualenv, or an image); pack and config paths must exist on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

FINDING_COLUMNS = ("rule", "pack", "severity", "start", "end", "text")


def findings(
    df: DataFrame,
    column: str,
    keep: Sequence[str] = (),
    *,
    packs: Sequence[str] = (),
    config: str | None = None,
    only: Sequence[str] = (),
    disable: Sequence[str] = (),
    format: str = "text",
) -> DataFrame:
    """The findings of every reply in ``df[column]``, one row each."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    fields = [df.schema[name] for name in keep]
    fields += [
        StructField(name, LongType() if name in ("start", "end") else StringType(), False)
        for name in FINDING_COLUMNS
    ]
    schema = StructType(fields)
    options = dict(packs=list(packs), config=config, only=list(only), disable=list(disable))
    keep = list(keep)

    def lint(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        import tact

        linter = tact.Linter(**options)
        for batch in batches:
            found = linter.check_arrow(batch.column(column), format=format)
            rows = found.column("row").combine_chunks()
            arrays = [batch.column(name).take(rows) for name in keep]
            arrays += [found.column(name).combine_chunks() for name in FINDING_COLUMNS]
            names = keep + list(FINDING_COLUMNS)
            for out in pa.Table.from_arrays(arrays, names=names).to_batches():
                yield out

    return df.select(*keep, column).mapInArrow(lint, schema)
