#!/usr/bin/env python3
"""How long `tact lsp` takes to lint a 1 MB Markdown document again after an
edit, beside `tact check` on the same file.

    python3 benches/lsp-relint.py [TACT_BINARY] [EDITS]

The document is the sample replies in benches/corpus/, one paragraph each,
repeated to 1 MB. For each edit (a word appended to the last paragraph) the
time is from sending `didChange` to reading the `publishDiagnostics` of that
version, less the server's debounce pause (150 ms), which is waiting, not
work. `tact check` is timed as a whole process (start, packs, lint, JSON),
best of five.
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

DEBOUNCE = 0.150
ROOT = pathlib.Path(__file__).resolve().parent.parent


def document():
    lines = []
    for f in sorted((ROOT / "benches" / "corpus").glob("*.txt")):
        lines += [l for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
    text, i = "# Replies\n\n", 0
    while len(text.encode()) < 1_000_000:
        text += lines[i % len(lines)] + "\n\n"
        i += 1
    return text


class Server:
    def __init__(self, binary, root):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.id = 0
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline().strip()
            if not line:
                break
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == self.id and "method" not in m:
                return m.get("result")

    def published(self, version):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version:
                return m["params"]["diagnostics"]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "release" / "tact")
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    text = document()
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        path = root / "replies.md"
        path.write_text(text, encoding="utf-8")
        checks = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([binary, "check", "--format", "json", "--fail-on", "never", str(path)],
                           stdout=subprocess.DEVNULL, check=True)
            checks.append(time.perf_counter() - start)
        server = Server(binary, root)
        uri = path.as_uri()
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        found = len(server.published(1))
        times = []
        for version in range(2, edits + 2):
            text += " thanks"
            start = time.perf_counter()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}]})
            server.published(version)
            times.append(time.perf_counter() - start - DEBOUNCE)
        server.request("shutdown", None)
        server.notify("exit", None)
        server.p.wait(timeout=10)
    size = len(text.encode()) / 1e6
    print(f"document: {size:.2f} MB of Markdown, {found} findings")
    print(f"tact check --format json, whole process, best of 5: {min(checks) * 1000:.1f} ms")
    print(f"tact lsp, edit to diagnostics less the {DEBOUNCE * 1000:.0f} ms pause, "
          f"{edits} edits: median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
