#!/usr/bin/env bash
# Time the release binary on the support-reply corpus: throughput (MB/s),
# one 1 KB draft as a whole process, and peak memory.
#
#   benches/corpus.sh [CORPUS_DIR] [-- extra tact check flags]
#
# CORPUS_DIR defaults to ../shared/corpus (the full corpus, not in this
# repository); benches/corpus/ is a small sample that works from a clone.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
shift || true
[ "${1:-}" = "--" ] && shift
cargo build --release -q -p tact-cli
bin=target/release/tact
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$corpus"/*.txt > "$tmp/all.txt"
bytes=$(wc -c < "$tmp/all.txt")
head -c 1024 "$tmp/all.txt" > "$tmp/draft.txt"
"$bin" check --format json --fail-on never "$@" "$tmp/all.txt" > /dev/null  # warm the file cache
best=
for _ in 1 2 3; do
  start=$(date +%s.%N)
  "$bin" check --format json --fail-on never "$@" "$tmp/all.txt" > /dev/null
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
printf 'corpus:        %s bytes, best of 3: %.3f s, %.1f MB/s (whole process, one core)\n' \
  "$bytes" "$best" "$(echo "$bytes / $best / 1000000" | bc -l)"
start=$(date +%s.%N)
for _ in $(seq 20); do "$bin" check --format json --fail-on never "$@" "$tmp/draft.txt" > /dev/null; done
end=$(date +%s.%N)
printf '1 KB draft:    %.1f ms per process (mean of 20)\n' "$(echo "($end - $start) * 50" | bc -l)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f 'peak memory:   %M KB on the corpus' "$bin" check --format json --fail-on never "$@" "$tmp/all.txt" > /dev/null
fi
