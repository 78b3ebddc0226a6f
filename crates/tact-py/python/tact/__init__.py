"""Lint customer-support replies for tone.

>>> import tact
>>> [f.rule for f in tact.check("As I already explained, the link expires after an hour.")]
['gotcha.as-i-said']

``Linter`` builds the linter ``tact check`` builds from a config, packs and a
selection; ``Linter.check_arrow`` lints a whole Arrow string column at once;
``import tact.polars`` adds ``pl.col(...).tact.check()`` and ``.tact.count()``.
"""

from tact._tact import (
    FORMATS,
    Finding,
    Linter,
    Suggestion,
    TactError,
    __version__,
    check,
    rules,
)

__all__ = [
    "FORMATS",
    "Finding",
    "Linter",
    "Suggestion",
    "TactError",
    "__version__",
    "check",
    "rules",
]
