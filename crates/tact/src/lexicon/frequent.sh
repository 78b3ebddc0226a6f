#!/usr/bin/env bash
# Regenerate frequent.txt: the 3,000 most frequent words of real support
# replies, "word count-per-million", most frequent first. The replies are the
# Apache-2.0 and MIT parts of the project's evaluation corpus (IBM's
# twitter-customer-care agent tweets; RasaHQ STAR's typed and template
# replies); see ../shared/corpus/README.md in the development checkout.
#
#   crates/tact/src/lexicon/frequent.sh [CORPUS_DIR]
set -euo pipefail
corpus=$(realpath "${1:-$(dirname "$0")/../../../../../shared/corpus}")
cd "$(dirname "$0")"
cat "$corpus"/ibm-twitter-care-agent.txt "$corpus"/star-wizard-typed.txt "$corpus"/star-wizard-templates.txt \
  | tr 'A-Z’' "a-z'" | grep -oE "[a-z0-9]+(['-][a-z0-9]+)*" \
  | awk '{n[$0]++; t++} END {for (w in n) printf "%s %d\n", w, n[w] * 1000000 / t}' \
  | LC_ALL=C sort -k2,2nr -k1,1 | head -3000 > frequent.txt
