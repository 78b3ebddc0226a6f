#!/usr/bin/env bash
# Load test of `tact serve` on loopback: 50 concurrent clients posting 1 KB
# drafts to LanguageTool's /v2/check for a bounded time, with wrk (Debian's
# `wrk` package). Prints requests per second, p50/p99 latency, and fails if
# any request failed or was not a 200.
#
#   benches/serve-load.sh [SECONDS] [TACT_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
bin=${2:-target/release/tact}
[ -x "$bin" ] || cargo build --release -q -p tact-cli
command -v wrk > /dev/null || { echo "serve-load.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
tmp=$(mktemp -d)
"$bin" serve --addr 127.0.0.1:0 2> "$tmp/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do grep -q listening "$tmp/serve.err" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$tmp/serve.err")
# A 1 KB draft from the sample of real replies, form-encoded.
draft=$(head -c 1024 benches/corpus/ibm-twitter-care-agent.txt | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read()))')
cat > "$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "language=en-US&text=$draft"
done = function(summary, latency, requests)
  io.write(string.format("requests:      %d in %.1f s, %.0f requests/s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency:       p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local e = summary.errors
  io.write(string.format("errors:        %d (connect %d, read %d, write %d, timeout %d, non-200 %d)\n",
    e.connect + e.read + e.write + e.timeout + e.status, e.connect, e.read, e.write, e.timeout, e.status))
end
LUA
wrk -t2 -c50 -d"${seconds}s" --timeout 5s -s "$tmp/post.lua" "${url}v2/check" | tee "$tmp/out.txt" | sed -n '/^requests:/,$p'
grep -q '^errors:        0 ' "$tmp/out.txt"
