"""`Linter.check_arrow`: every Arrow string layout in, one findings table
out, the same findings `Linter.check` gives row by row."""

import pyarrow as pa
import pytest

import tact

ROWS = [
    "As I already explained, the link expires after an hour. 🙂",
    None,
    "Thanks for writing in — the café opens at 9.",
    "Mistakes were made. Please send me your social security number.",
    "",
    "Naïve: per my last email, it ships Friday.",
]


def expected(linter, rows, first=0):
    out = []
    for i, text in enumerate(rows):
        if text is None:
            continue
        for f in linter.check(text):
            out.append((first + i, f.rule, f.pack, f.severity, f.byte_start, f.byte_end, f.text))
    return out


def as_rows(table):
    assert table.schema.names == ["row", "rule", "pack", "severity", "start", "end", "text"]
    return list(zip(*(table.column(n).to_pylist() for n in table.schema.names)))


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string(), pa.string_view()])
def test_every_string_layout_gives_the_findings_of_check(kind):
    linter = tact.Linter()
    table = linter.check_arrow(pa.array(ROWS, type=kind))
    assert isinstance(table, pa.Table)
    assert as_rows(table) == expected(linter, ROWS)
    assert len(table) > 3


def test_rows_count_on_across_chunks():
    linter = tact.Linter()
    chunked = pa.chunked_array([ROWS[:3], ROWS[3:]])
    assert as_rows(linter.check_arrow(chunked)) == expected(linter, ROWS)


def test_offsets_are_bytes_of_the_row():
    table = tact.Linter().check_arrow(pa.array(ROWS))
    for row, start, end, text in zip(
        table.column("row").to_pylist(),
        table.column("start").to_pylist(),
        table.column("end").to_pylist(),
        table.column("text").to_pylist(),
    ):
        assert ROWS[row].encode()[start:end].decode() == text


def test_anything_with_the_arrow_stream_interface():
    polars = pytest.importorskip("polars")
    linter = tact.Linter(only=["gotcha"])
    series = polars.Series("body", ROWS)
    assert as_rows(linter.check_arrow(series)) == expected(linter, ROWS)


def test_a_batch_larger_than_a_task_keeps_row_order():
    linter = tact.Linter()
    rows = [ROWS[i % len(ROWS)] for i in range(5000)]
    assert as_rows(linter.check_arrow(pa.array(rows))) == expected(linter, rows)


def test_an_empty_array_gives_an_empty_table():
    table = tact.Linter().check_arrow(pa.array([], type=pa.string()))
    assert table.num_rows == 0
    assert table.schema.field("start").type == pa.int64()


def test_errors():
    with pytest.raises(tact.TactError, match="strings, not Int64"):
        tact.Linter().check_arrow(pa.array([1, 2]))
    with pytest.raises(tact.TactError, match="row 1: cannot parse"):
        tact.Linter().check_arrow(pa.array(['{"a": "b"}', '{"a": ']), format="json")


def test_lists_and_counts_per_row():
    linter = tact.Linter()
    lists = linter.check_lists(pa.chunked_array([ROWS[:2], ROWS[2:]]))
    counts = linter.count_arrow(pa.array(ROWS), pack="gotcha")
    assert lists.type.value_type.names == ["rule", "pack", "severity", "start", "end", "text"]
    assert counts.type == pa.uint32()
    for text, found, n in zip(ROWS, lists.to_pylist(), counts.to_pylist()):
        if text is None:
            assert found is None and n is None
            continue
        want = linter.check(text)
        assert [(f["rule"], f["start"], f["end"]) for f in found] == [(f.rule, f.byte_start, f.byte_end) for f in want]
        assert n == sum(f.pack == "gotcha" for f in want)
    with pytest.raises(tact.TactError, match="no pack `gotch`"):
        linter.count_arrow(pa.array(ROWS), pack="gotch")
