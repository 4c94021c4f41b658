#!/usr/bin/env bash
# Runs every peer on every corpus and level, one process at a time; JSON lines to stdout.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PY="${PY:-/root/.cache/ipai-peers/bin/python}"
SPLIT_DIR="${SPLIT_DIR:-$HERE/../out/classification}"
"$PY" "$HERE/split.py" --out "$SPLIT_DIR" >&2
for corpus in uspto cn patentscope; do
  levels="subclass maingroup"; [ "$corpus" = cn ] && levels="subclass"
  for level in $levels; do
    for peer in sklearn-svc omikuji fasttext; do
      "$PY" "$HERE/peers.py" --peer "$peer" --corpus "$corpus" --level "$level" --split-dir "$SPLIT_DIR" 2>/dev/null
    done
  done
done
