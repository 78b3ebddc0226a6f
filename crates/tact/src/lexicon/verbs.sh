#!/usr/bin/env bash
# Regenerate verbs.txt from WordNet 3.0 as Debian ships it (wordnet-base):
# every one-word verb lemma of index.verb, and every "-ed" form of verb.exc
# (the regular-looking forms that do not follow the spelling rules:
# "abetted", "allied"), one per line, sorted.
#
#   crates/tact/src/lexicon/verbs.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download wordnet-base > /dev/null && dpkg-deb -x wordnet-base_*.deb .)
wn=$tmp/usr/share/wordnet
{
  grep -v '^ ' "$wn/index.verb" | awk '{print $1}' | grep -E "^[a-z][a-z-]*$"
  awk '$1 ~ /ed$/ && $1 !~ /_/ {print $1}' "$wn/verb.exc"
} | LC_ALL=C sort -u > verbs.txt
