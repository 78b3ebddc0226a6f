"""The real LanguageTool client, `language_tool_python`, against `tact serve`.

    python3 tests/serve/languagetool_client.py TACT_BINARY

Starts its own `tact serve` on a free port, points the client at it with
`remote_server=`, and checks that the client gets tact's findings with exact
offsets, on text where UTF-16 and byte offsets differ (emoji, accents).
"""

import re
import subprocess
import sys

import language_tool_python


def start(tact):
    server = subprocess.Popen(
        [tact, "serve", "--addr", "127.0.0.1:0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    line = server.stderr.readline()
    match = re.search(r"listening on (http://\S+)", line)
    if not match:
        server.kill()
        sys.exit(f"tact serve did not start: {line!r}")
    return server, match.group(1)


def main():
    server, url = start(sys.argv[1])
    try:
        tool = language_tool_python.LanguageTool("en-US", remote_server=url)
        text = (
            "Hi Zoë 👋 and José 🎉,\n"
            "As I already explained, your account has been suspended. "
            "Café crème 😀 — please reply with your password."
        )
        matches = tool.check(text)
        found = [(m.rule_id, text[m.offset : m.offset + m.error_length]) for m in matches]
        assert found == [
            ("gotcha.as-i-said", "As I already explained"),
            ("passive.evasive", "has been suspended"),
            ("pii.never-ask", "password"),
        ], found
        first = matches[0]
        assert first.replacements == ["To recap"], first.replacements
        assert first.category == "GOTCHA", first.category
        assert first.rule_issue_type == "style", first.rule_issue_type
        assert "As I already explained" in first.context
        assert first.context[first.offset_in_context :].startswith("As I already explained")
        assert first.message.startswith("Reads as a reprimand")

        # Rule selection, as the client sends it.
        tool.disabled_rules = {"passive.evasive"}
        assert [m.rule_id for m in tool.check(text)] == ["gotcha.as-i-said", "pii.never-ask"]
        tool.disabled_rules = set()
        tool.enabled_rules = {"pii.never-ask"}
        tool.enabled_rules_only = True
        assert [m.rule_id for m in tool.check(text)] == ["pii.never-ask"]
        tool.close()
        print(f"ok: language_tool_python got {len(found)} findings with exact offsets from {url}")
    finally:
        server.terminate()
        assert server.wait(timeout=10) == 0, "tact serve shuts down cleanly on SIGTERM"


if __name__ == "__main__":
    main()
