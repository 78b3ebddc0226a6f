#!/usr/bin/env bash
# Time the release binary on the support-reply corpus: throughput (MB/s) on
# one core beside `wc -w` on the same file, and on all cores, one 1 KB draft as a whole process, and peak
# memory on the corpus and on 100 MB of replies (the corpus repeated).
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
bin=$PWD/target/release/tact
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$corpus"/*.txt > "$tmp/all.txt"
bytes=$(wc -c < "$tmp/all.txt")
head -c 1024 "$tmp/all.txt" > "$tmp/draft.txt"
run() { "$@" check --format json --fail-on never "${flags[@]}" > /dev/null; }
flags=("$@")
one_core=()
command -v taskset > /dev/null && one_core=(taskset -c 0)

# Best wall time of three runs of the command `$@`, in seconds.
best_of_3() {
  local best= t start end
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

flags=("$@" "$tmp/all.txt")
run "$bin"  # warm the file cache
t=$(best_of_3 run "${one_core[@]}" "$bin")
printf 'corpus, one core:   %s bytes, best of 3: %.3f s, %.1f MB/s (whole process)\n' \
  "$bytes" "$t" "$(echo "$bytes / $t / 1000000" | bc -l)"
# The yardstick: `wc -w` on the same file, same core, in the same run.
wc_w() { "${one_core[@]}" wc -w "$tmp/all.txt" > /dev/null; }
w=$(best_of_3 wc_w)
printf 'wc -w, one core:    best of 3: %.3f s, %.1f MB/s; tact takes %.2fx its time (target: 1.5x)\n' \
  "$w" "$(echo "$bytes / $w / 1000000" | bc -l)" "$(echo "$t / $w" | bc -l)"
t=$(best_of_3 run "$bin")
printf 'corpus, all %s cores: best of 3: %.3f s, %.1f MB/s\n' \
  "$(nproc)" "$t" "$(echo "$bytes / $t / 1000000" | bc -l)"

# Many files: the corpus in files of 200 lines, linted by one process on
# one core and on all cores. The yardstick for the speed-up is what the
# machine gives independent processes: one per core, pinned, each linting
# its share of the files (a shared or busy host gives less than linear).
cores=$(nproc)
mkdir -p "$tmp/many"
(cd "$tmp/many" && split -l 200 -a 5 "$tmp/all.txt" part- && for f in part-*; do mv "$f" "$f.txt"; done)
for k in $(seq 0 $((cores - 1))); do mkdir -p "$tmp/share$k"; done
i=0
for f in "$tmp"/many/*.txt; do cp "$f" "$tmp/share$((i % cores))/"; i=$((i + 1)); done
flags=("$@" "$tmp/many")
one=$(best_of_3 run "${one_core[@]}" "$bin")
all=$(best_of_3 run "$bin")
independent() {
  for k in $(seq 0 $((cores - 1))); do
    pin=()
    command -v taskset > /dev/null && pin=(taskset -c "$k")
    "${pin[@]}" "$bin" check --format json --fail-on never "$@" "$tmp/share$k" > /dev/null &
  done
  wait
}
best=$(best_of_3 independent "$@")
printf '%s files:         one core %.3f s, %s cores %.3f s (%.2fx); %s independent processes %.3f s (%.2fx)\n' \
  "$i" "$one" "$cores" "$all" "$(echo "$one / $all" | bc -l)" "$cores" "$best" "$(echo "$one / $best" | bc -l)"

flags=("$@" "$tmp/draft.txt")
start=$(date +%s.%N)
for _ in $(seq 50); do run "$bin"; done
end=$(date +%s.%N)
printf '1 KB draft:         %.1f ms per process (mean of 50)\n' "$(echo "($end - $start) * 20" | bc -l)"

if [ -x /usr/bin/time ]; then
  for _ in $(seq $(( (100000000 + bytes - 1) / bytes ))); do cat "$tmp/all.txt"; done > "$tmp/100mb.txt"
  for target in all.txt 100mb.txt; do
    flags=("$@" "$tmp/$target")
    size=$(wc -c < "$tmp/$target")
    for cores in one all; do
      prefix=()
      [ "$cores" = one ] && prefix=("${one_core[@]}")
      /usr/bin/time -f "%M %e" -o "$tmp/mem" "${prefix[@]}" "$bin" check --format json \
        --fail-on never "${flags[@]}" > /dev/null
      read -r kb secs < "$tmp/mem"
      printf 'peak memory:        %s KB on %s bytes, %s core(s); %.2f s, %.1f MB/s\n' \
        "$kb" "$size" "$cores" "$secs" "$(echo "$size / $secs / 1000000" | bc -l)"
    done
  done
fi

# `tact report` beside `tact check --format json` on the same replies, one
# per line, in the same run (the report's target: at most 1.5x).
check_lines() { "$bin" check --format json --fail-on never --reply-unit line "$@" "$tmp/all.txt" > /dev/null; }
report_lines() { "$bin" report --reply-unit line "$@" "$tmp/all.txt" > /dev/null; }
c=$(best_of_3 check_lines "$@")
r=$(best_of_3 report_lines "$@")
printf 'report, one per line: %.3f s; check --format json %.3f s; %.2fx (target: 1.5x)\n' \
  "$r" "$c" "$(echo "$r / $c" | bc -l)"
