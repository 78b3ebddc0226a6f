#!/usr/bin/env python3
"""The workspace's `rust-version` is the newest any dependency asks for:
cargo refuses an older toolchain with that message, so the README's minimum
must be this one. Arguments go to `cargo metadata` (`--manifest-path` of
another workspace)."""
import json
import subprocess
import sys

meta = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked", *sys.argv[1:]]))
ours = {p["name"]: p for p in meta["packages"] if p["id"] in meta["workspace_members"]}
def version(v):
    return tuple(int(x) for x in (v or "0").split("."))
needed = max(version(p.get("rust_version")) for p in meta["packages"] if p["source"] is not None)
declared = {name: version(p.get("rust_version")) for name, p in ours.items()}
wrong = {n: v for n, v in declared.items() if v[:2] != needed[:2]}
if wrong:
    print(f"rust-version must be {'.'.join(map(str, needed[:2]))} (what dependencies need); "
          f"found {wrong}", file=sys.stderr)
    sys.exit(1)
print(f"rust-version {'.'.join(map(str, needed[:2]))} matches the dependencies")
