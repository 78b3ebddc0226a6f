from os import PathLike
from typing import Any, Literal, Sequence, Union

_Path = Union[str, PathLike[str]]
_Format = Literal["text", "markdown", "html", "json", "yaml", "csv"]
_ReplyUnit = Literal["file", "paragraph", "line"]

FORMATS: list[str]
__version__: str

class TactError(Exception):
    """A config, pack, selection or input tact cannot use; the message is
    the one ``tact check`` prints."""

class Suggestion:
    message: str
    replacement: str | None
    start: int
    end: int
    applicability: Literal["safe", "unsafe", "display-only"]

class Finding:
    rule: str
    pack: str
    severity: Literal["info", "warning", "error"]
    message: str
    start: int
    """``text[start:end]`` of the checked string is the flagged words."""
    end: int
    byte_start: int
    """Offsets into the string's UTF-8 bytes, as ``tact check --format json`` gives them."""
    byte_end: int
    line: int
    column: int
    text: str
    location: str | None
    suggestions: list[Suggestion]

class Linter:
    def __init__(
        self,
        packs: Sequence[_Path] = ...,
        config: _Path | None = None,
        only: Sequence[str] = ...,
        disable: Sequence[str] = ...,
    ) -> None: ...
    def check(
        self, text: str, format: _Format = "text", reply_unit: _ReplyUnit | None = None
    ) -> list[Finding]: ...
    def check_arrow(self, array: Any, format: _Format = "text") -> Any:
        """A ``pyarrow.Table`` with columns row, rule, pack, severity, start,
        end (byte offsets into the row's string) and text."""
    def check_lists(self, array: Any, format: _Format = "text") -> Any:
        """A ``pyarrow.ListArray``: each row's findings as structs (rule, pack,
        severity, start, end, text), null for a null row."""
    def count_arrow(self, array: Any, pack: str | None = None, format: _Format = "text") -> Any:
        """A ``pyarrow.UInt32Array``: each row's number of findings (of ``pack``
        alone when given), null for a null row."""
    def rules(self) -> list[tuple[str, str, str]]: ...

def check(text: str, format: _Format = "text") -> list[Finding]: ...
def rules() -> list[tuple[str, str, str]]: ...
