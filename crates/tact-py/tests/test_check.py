"""`tact.check`, `Linter.check`, rules and errors, on text with emoji and
accents so that every offset is checked against Python's own slicing."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import tact

# Characters of one, two, three and four UTF-8 bytes before, between and
# after the findings, and a character outside the BMP (two UTF-16 units).
TEXT = (
    "Héllo Zoë 🙂! As I already explained, the link expires after an hour.\n"
    "Naïve question 👍🏽 — please send me your social security number.\n"
    "Mistakes were made. Per my last email, the café opens at 9."
)


def test_offsets_slice_the_python_string_and_its_bytes():
    found = tact.check(TEXT)
    assert {f.rule for f in found} >= {"gotcha.as-i-said", "gotcha.per-my-last-email"}
    encoded = TEXT.encode()
    for f in found:
        assert TEXT[f.start : f.end] == f.text
        assert encoded[f.byte_start : f.byte_end].decode() == f.text
        assert f.pack == f.rule.split(".")[0]
        assert f.severity in ("info", "warning", "error")
        line_start = TEXT.rfind("\n", 0, f.start) + 1
        assert f.line == TEXT.count("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1
        for s in f.suggestions:
            assert s.applicability in ("safe", "unsafe", "display-only")
            assert 0 <= s.start <= s.end <= len(TEXT)
            assert (s.replacement is None) == (s.applicability == "display-only")


def test_findings_come_in_order_and_name_their_words():
    found = tact.check(TEXT)
    assert [f.start for f in found] == sorted(f.start for f in found)
    said = next(f for f in found if f.rule == "gotcha.as-i-said")
    assert said.text == "As I already explained"
    assert said.line == 1


def test_a_safe_fix_applied_by_slicing_clears_the_finding():
    text = "Per my last email, the café opens at 9."
    (f,) = [f for f in tact.check(text) if f.rule == "gotcha.per-my-last-email"]
    (s,) = [s for s in f.suggestions if s.applicability == "safe"]
    fixed = text[: s.start] + s.replacement + text[s.end :]
    assert "gotcha.per-my-last-email" not in {g.rule for g in tact.check(fixed)}


def test_formats_leave_markup_and_keys_alone():
    md = "```\nAs I said, run it again.\n```\n\nAs I said, it ships Friday.\n"
    (f,) = tact.check(md, format="markdown")
    assert md[f.start : f.end] == "As I said"
    assert f.line == 5
    js = '{"as i said": "As I said, it ships Friday. 🙂", "b": "Thanks!"}'
    (f,) = tact.Linter().check(js, format="json")
    assert js[f.start : f.end] == "As I said"
    assert f.location == "/as i said"


def test_reply_units_cut_the_text_into_replies():
    text = "Unfortunately your order is delayed.\nI'll email you tracking by 6 pm today."
    linter = tact.Linter(only=["next-step"])
    assert linter.check(text) == []
    lines = linter.check(text, reply_unit="line")
    assert [f.rule for f in lines] == ["next-step.missing"]


def test_selection_and_rules():
    everything = {r[0] for r in tact.rules()}
    assert "gotcha.as-i-said" in everything
    only = tact.Linter(only=["gotcha"])
    assert {r[0].split(".")[0] for r in only.rules()} == {"gotcha"}
    without = tact.Linter(disable=["gotcha.as-i-said"])
    assert "gotcha.as-i-said" not in {f.rule for f in without.check(TEXT)}
    assert all(sev in ("info", "warning", "error") for _, sev, _ in only.rules())


def test_a_config_and_a_pack(tmp_path: Path):
    pack = tmp_path / "house.toml"
    pack.write_text(
        '[pack]\nname = "house"\ndescription = "Ours."\n\n[[rule]]\nid = "no-kindly"\n'
        'kind = "phrase"\nseverity = "info"\nphrases = ["kindly"]\nmessage = "Say please."\n'
        'rationale = "Kindly reads as cold."\n'
    )
    config = tmp_path / "tact.toml"
    config.write_text('disable = ["passive"]\npacks = ["house.toml"]\n')
    linter = tact.Linter(config=config)
    found = linter.check("Kindly restart the app. Mistakes were made.")
    assert [f.rule for f in found] == ["house.no-kindly"]
    assert [f.rule for f in tact.Linter(packs=[pack], only=["house"]).check("Kindly wait.")] == [
        "house.no-kindly"
    ]


def test_errors_are_the_messages_the_command_prints(tmp_path: Path):
    broken = tmp_path / "broken.toml"
    broken.write_text(
        '[pack]\nname = "broken"\ndescription = "A bad regex."\n\n[[rule]]\nid = "x"\n'
        "kind = \"pattern\"\nseverity = \"info\"\npatterns = ['\\bper (policy']\n"
        'message = "m"\nrationale = "r"\n'
    )
    with pytest.raises(tact.TactError) as e:
        tact.Linter(packs=[broken])
    assert "invalid pack: invalid regex" in str(e.value)
    assert "broken.toml:9:" in str(e.value)
    with pytest.raises(tact.TactError, match="gotcha.as-i-said"):
        tact.Linter(only=["gotcha.as-i-sed"])
    with pytest.raises(tact.TactError, match="unknown input format `docx`"):
        tact.check("hello", format="docx")
    with pytest.raises(tact.TactError, match="cannot parse"):
        tact.check('{"a": ', format="json")
    with pytest.raises(tact.TactError):
        tact.Linter().check("hi", reply_unit="sentence")
    with pytest.raises(tact.TactError, match="missing.toml"):
        tact.Linter(config=tmp_path / "missing.toml")


def test_one_linter_shared_by_threads_gives_each_the_same_answer():
    linter = tact.Linter()
    texts = [TEXT, "Thanks for writing in!", "Mistakes were made by the team.", TEXT * 3] * 50
    expected = [[(f.rule, f.start, f.end) for f in linter.check(t)] for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: [(f.rule, f.start, f.end) for f in linter.check(t)], texts))
    assert got == expected


def test_repr_names_what_matters():
    (f, *_) = tact.check(TEXT)
    assert f.rule in repr(f)
    assert "rules" in repr(tact.Linter())
