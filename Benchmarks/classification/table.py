#!/usr/bin/env python3
"""Print JSON result lines (from peers.py, recipe_reference.py or the ipai CLI, same keys) as one
Markdown table per corpus and level. Usage: run_all.sh > results.jsonl; table.py results.jsonl
(or pipe on stdin). Lines that are not JSON objects are ignored."""
import json
import sys

COLS = [("system", "system", "{}"), ("p_at_1", "P@1", "{:.4f}"), ("p_at_3", "P@3", "{:.4f}"),
        ("r_at_5", "R@5", "{:.4f}"), ("ndcg_at_5", "NDCG@5", "{:.4f}"), ("train_seconds", "train s", "{:.1f}"),
        ("predict_docs_per_s_1thread", "docs/s 1 thread", "{:.0f}"), ("predict_docs_per_s_all", "docs/s all", "{:.0f}"),
        ("peak_rss_mb", "peak RSS MB", "{:.0f}"), ("model_bytes", "model MB", "{:.1f}")]


def cell(row, key, fmt):
    v = row.get(key)
    if v is None:
        return "–"
    if key == "model_bytes":
        v = v / 1e6
    return fmt.format(v)


def main(argv):
    stream = open(argv[1], encoding="utf-8") if len(argv) > 1 else sys.stdin
    rows = []
    for line in stream:
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    groups = {}
    for r in rows:
        groups.setdefault((r.get("corpus"), r.get("level")), []).append(r)
    for (corpus, level), rs in groups.items():
        print(f"\n{corpus} / {level} ({rs[0].get('documents')} dev documents)\n")
        print("| " + " | ".join(h for _k, h, _f in COLS) + " |")
        print("|" + "---|" * len(COLS))
        for r in sorted(rs, key=lambda r: -r.get("p_at_1", 0)):
            print("| " + " | ".join(cell(r, k, f) for k, _h, f in COLS) + " |")


if __name__ == "__main__":
    main(sys.argv)
