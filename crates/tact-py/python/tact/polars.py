"""The ``tact`` namespace on Polars expressions.

>>> import polars as pl
>>> import tact.polars  # registers the namespace
>>> df = pl.DataFrame({"body": ["As I said, it ships Friday.", "Thanks!"]})
>>> df.select(pl.col("body").tact.count())["body"].to_list()
[1, 0]

Each expression hands Polars' string column to the linter a whole batch at
a time, through the Arrow C data interface, and gets one column back: the
rows are linted in Rust, on every core, with no Python per row. It works in
lazy queries and on a Parquet scan like any expression. It needs pyarrow.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence, Union
from os import PathLike

import polars as pl
import pyarrow as pa

import tact

_Path = Union[str, "PathLike[str]"]

FINDING = pl.Struct(
    {
        "rule": pl.String,
        "pack": pl.String,
        "severity": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "text": pl.String,
    }
)


@lru_cache(maxsize=None)
def _linter(packs: tuple[str, ...], config: str | None, only: tuple[str, ...], disable: tuple[str, ...]) -> tact.Linter:
    return tact.Linter(packs=list(packs), config=config, only=list(only), disable=list(disable))


def _options(
    packs: Sequence[_Path], config: _Path | None, only: Sequence[str], disable: Sequence[str]
) -> tact.Linter:
    """The linter for these options, built once (a bad option raises here,
    where the expression is written)."""
    return _linter(
        tuple(str(Path(p).resolve()) for p in packs),
        None if config is None else str(Path(config).resolve()),
        tuple(only),
        tuple(disable),
    )


_EMPTY = pa.array([], type=pa.string())


def _strings(series: pl.Series) -> pa.ChunkedArray:
    return series.cast(pl.String).to_arrow()


@pl.api.register_expr_namespace("tact")
class TactNamespace:
    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def check(
        self,
        *,
        packs: Sequence[_Path] = (),
        config: _Path | None = None,
        only: Sequence[str] = (),
        disable: Sequence[str] = (),
        format: str = "text",
    ) -> pl.Expr:
        """Each string's findings: a list of structs with fields rule, pack,
        severity, start, end (byte offsets) and text."""
        linter = _options(packs, config, only, disable)
        linter.check_lists(_EMPTY, format=format)  # a bad format raises here

        def lint(series: pl.Series) -> pl.Series:
            return pl.Series(series.name, linter.check_lists(_strings(series), format=format))

        return self._expr.map_batches(lint, return_dtype=pl.List(FINDING), is_elementwise=True)

    def count(
        self,
        pack: str | None = None,
        *,
        packs: Sequence[_Path] = (),
        config: _Path | None = None,
        only: Sequence[str] = (),
        disable: Sequence[str] = (),
        format: str = "text",
    ) -> pl.Expr:
        """How many findings each string has, of ``pack`` alone when given."""
        linter = _options(packs, config, only, disable)
        linter.count_arrow(_EMPTY, pack=pack, format=format)  # so do a bad pack and format

        def lint(series: pl.Series) -> pl.Series:
            return pl.Series(series.name, linter.count_arrow(_strings(series), pack=pack, format=format))

        return self._expr.map_batches(lint, return_dtype=pl.UInt32, is_elementwise=True)
