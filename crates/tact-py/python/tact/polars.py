"""The ``tact`` namespace on Polars expressions.

>>> import polars as pl
>>> import tact.polars  # registers the namespace
>>> df = pl.DataFrame({"body": ["As I said, it ships Friday.", "Thanks!"]})
>>> df.select(pl.col("body").tact.count())["body"].to_list()
[1, 0]

Both expressions run inside Polars' engine (lazily, on a Parquet scan, in
a ``group_by``), with no Python per row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence, Union
from os import PathLike

import polars as pl
from polars.plugins import register_plugin_function

_LIB = Path(__file__).parent
_Path = Union[str, "PathLike[str]"]


def _options(
    packs: Sequence[_Path], config: _Path | None, only: Sequence[str], disable: Sequence[str], format: str
) -> dict[str, object]:
    return {
        "packs": [str(Path(p).resolve()) for p in packs],
        "config": None if config is None else str(Path(config).resolve()),
        "only": list(only),
        "disable": list(disable),
        "format": format,
    }


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
        return register_plugin_function(
            plugin_path=_LIB,
            function_name="check",
            args=self._expr,
            kwargs=_options(packs, config, only, disable, format),
            is_elementwise=True,
        )

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
        kwargs = _options(packs, config, only, disable, format)
        kwargs["pack"] = pack
        return register_plugin_function(
            plugin_path=_LIB,
            function_name="count",
            args=self._expr,
            kwargs=kwargs,
            is_elementwise=True,
        )
