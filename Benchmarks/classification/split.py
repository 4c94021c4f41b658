#!/usr/bin/env python3
"""Fixed dev/train split and label extraction for the classification benchmark.

Split rule (the Swift side reproduces it byte for byte):
  h = FNV-1a 64-bit over the UTF-8 bytes of the document's `id`
      (offset basis 0xcbf29ce484222325, prime 0x100000001b3, multiply wraps mod 2**64);
  the document is in dev if h % 5 == DEV_BUCKET (default 0), else in train.
Documents without any subclass label are dropped from both files. The JSON lines are written
unchanged (byte for byte as read).

Label extraction (per symbol, after trimming whitespace):
  subclass   = the first 4 characters when they match [A-HY][0-9][0-9][A-Z]  ("G06F 17/30" -> "G06F")
  main group = ^([A-HY][0-9]{2}[A-Z]) *0*([0-9]{1,4})/  ->  "<subclass> <number>/00"
               ("G06F 17/30" -> "G06F 17/00", "G06F2203/04808" -> "G06F 2203/00"); symbols that do not
               match (e.g. a bare subclass) give no main group.
  Labels are deduplicated per document keeping first-seen order. At main-group level a document with no
  main-group label is skipped by the consumer (it stays in the files because it has subclass labels).

Usage: split.py [--out DIR] [--data DIR] [--dev-bucket 0]
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "Benchmarks", "out", "classification")
DEFAULT_DATA = os.path.join(os.path.dirname(REPO), "shared", "data", "patents")

# corpus name -> (file name, text fields, label field, language)
CORPORA = {
    "uspto": ("uspto-abstracts-cpc.train.jsonl", ["title", "abstract"], "cpc", "en"),
    "cn": ("cn-titles-ipc.train.jsonl", ["title"], "ipc_subclasses", "zh"),
    "patentscope": ("patentscope-titles-ipc.train.jsonl", ["title"], "ipc", "en"),
}
LEVELS = {"uspto": ["subclass", "maingroup"], "cn": ["subclass"], "patentscope": ["subclass", "maingroup"]}

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


def fnv1a64(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & MASK64
    return h


def is_dev(doc_id: str, bucket: int = 0) -> bool:
    return fnv1a64(doc_id.encode("utf-8")) % 5 == bucket


_SUBCLASS = re.compile(r"^[A-HY][0-9][0-9][A-Z]")
_MAINGROUP = re.compile(r"^([A-HY][0-9][0-9][A-Z]) *0*([0-9]{1,4})/")


def symbol_label(symbol: str, level: str):
    s = symbol.strip()
    if level == "subclass":
        m = _SUBCLASS.match(s)
        return m.group(0) if m else None
    if level == "maingroup":
        m = _MAINGROUP.match(s)
        if not m:
            return None
        number = m.group(2).lstrip("0") or "0"
        return f"{m.group(1)} {number}/00"
    raise ValueError(f"unknown level {level!r}")


def extract_labels(doc: dict, label_field: str, level: str) -> list:
    out, seen = [], set()
    for s in doc.get(label_field) or []:
        if not isinstance(s, str):
            continue
        lab = symbol_label(s, level)
        if lab is not None and lab not in seen:
            seen.add(lab)
            out.append(lab)
    return out


def doc_text(doc: dict, text_fields) -> str:
    parts = [doc.get(f) for f in text_fields]
    return "\n".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def load(path: str, text_fields, label_field: str, level: str):
    """Returns (ids, texts, label lists) of the documents that have labels at this level."""
    ids, texts, labels = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            labs = extract_labels(d, label_field, level)
            if not labs:
                continue
            ids.append(d["id"])
            texts.append(doc_text(d, text_fields))
            labels.append(labs)
    return ids, texts, labels


def split_corpus(src: str, out_dir: str, name: str, label_field: str, bucket: int):
    counts = {"train": 0, "dev": 0, "dropped": 0}
    with open(src, "rb") as f, \
            open(os.path.join(out_dir, f"{name}.train.jsonl"), "wb") as ft, \
            open(os.path.join(out_dir, f"{name}.dev.jsonl"), "wb") as fd:
        for raw in f:
            if not raw.strip():
                continue
            d = json.loads(raw)
            if not extract_labels(d, label_field, "subclass"):
                counts["dropped"] += 1
                continue
            if not raw.endswith(b"\n"):
                raw += b"\n"
            if is_dev(d["id"], bucket):
                fd.write(raw)
                counts["dev"] += 1
            else:
                ft.write(raw)
                counts["train"] += 1
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--dev-bucket", type=int, default=0, help="hash %% 5 value that goes to dev (0 = the official split)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    for name, (fname, _fields, label_field, _lang) in CORPORA.items():
        c = split_corpus(os.path.join(args.data, fname), args.out, name, label_field, args.dev_bucket)
        print(json.dumps({"corpus": name, **c}))


if __name__ == "__main__":
    sys.exit(main())
