#!/usr/bin/env python3
"""Run IPAI (the built `ipai` CLI) on one corpus and level of the split and print one JSON object
with the same keys as peers.py, so both can be tabulated together.

IPAI trains on the train file, then classifies every dev document with `ipai classify suggest
--batch` (raw text in, top-5 symbols out). The metrics are computed here with metrics.py and the
label extraction of split.py, on exactly the documents the peers are scored on.

Timings: train_seconds is the wall time of `ipai classify train` (reading, vectorising, training,
writing the model) with --threads threads. predict_docs_per_s_* measures what the peers measure,
raw text in memory -> top-5 labels: the batch command's own timing of classification (IPAI_TRACE),
without reading the JSONL input and writing the JSONL output; cli_docs_per_s_* is the whole batch
command (reading, classifying, writing) minus its start-up (process start and model loading, timed
on an empty input). peak_rss_mb is the larger of the training and the 1-thread prediction peaks.

Usage: ipai_run.py --corpus uspto --level subclass [--ipai .build/release/ipai] [--threads 2]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import metrics  # noqa: E402
import split  # noqa: E402

REPO = split.REPO
SCHEMES = os.path.join(os.path.dirname(REPO), "shared", "data", "schemes")
# corpus -> (label field, text fields, scheme title file)
SETTINGS = {
    "uspto": ("cpc", "title,abstract", "ipc-en.tsv"),
    "cn": ("ipc_subclasses", "title", "ipc-titles-zh.jsonl"),
    "patentscope": ("ipc", "title", "ipc-en.tsv"),
}


def timed(command, env=None):
    """Runs a command; returns (wall seconds, peak RSS in MB, stdout, stderr)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr.decode()}")
    return wall, usage.ru_maxrss / 1024, stdout, stderr


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, choices=sorted(SETTINGS))
    ap.add_argument("--level", required=True, choices=["subclass", "maingroup"])
    ap.add_argument("--split-dir", default=split.DEFAULT_OUT)
    ap.add_argument("--ipai", default=os.path.join(REPO, ".build", "release", "ipai"))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep-model", help="write the model here instead of a temporary file")
    ap.add_argument("--config", help="training settings JSON (ipai classify train --print-config)")
    args = ap.parse_args(argv)

    field, text, scheme = SETTINGS[args.corpus]
    train = os.path.join(args.split_dir, f"{args.corpus}.train.jsonl")
    dev = os.path.join(args.split_dir, f"{args.corpus}.dev.jsonl")
    level = "main-group" if args.level == "maingroup" else "subclass"
    work = tempfile.mkdtemp(prefix="ipai-bench-")
    model = args.keep_model or os.path.join(work, "model.ipaimodel")

    train_s, train_rss, _, _ = timed([
        args.ipai, "classify", "train", train, "--labels", field, "--level", level, "--text", text,
        "--scheme", os.path.join(SCHEMES, scheme), "--skip-invalid", "--threads", str(args.threads), "-o", model]
        + (["--config", args.config] if args.config else []))

    ids, _texts, golds = split.load(dev, text.split(","), field, args.level)
    empty = os.path.join(work, "empty.jsonl")
    open(empty, "w").close()
    predictions = os.path.join(work, "predictions.jsonl")

    def batch(threads, source, output):
        return timed([args.ipai, "classify", "suggest", "-m", model, "--batch", source, "--count", "5",
                      "--text-fields", text, "--threads", str(threads), "-o", output],
                     env=dict(os.environ, IPAI_TRACE="1"))

    # Like the peers: texts in memory -> top-5 labels (the CLI's own timing of the classification,
    # excluding reading the JSONL and writing results). End to end: the whole batch command minus
    # its start-up (process start and model loading) measured on an empty input.
    rates, end_to_end = {}, {}
    predict_rss = 0.0
    for threads in (1, args.threads):
        startup = min(batch(threads, empty, os.devnull)[0] for _ in range(3))
        wall, rss, _, trace = batch(threads, dev, predictions)
        if threads == 1:
            predict_rss = rss
        match = re.search(rb"classified (\d+) documents in ([0-9.]+) s", trace)
        rates[threads] = int(match.group(1)) / max(float(match.group(2)), 1e-9)
        end_to_end[threads] = len(ids) / max(wall - startup, 1e-9)

    ranked = {}
    with open(predictions, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            labels = [s["symbol"] for s in record["suggestions"]]
            ranked[record["id"]] = labels
    result = metrics.evaluate([ranked.get(i, []) for i in ids], golds)
    result.update({
        "system": "ipai", "corpus": args.corpus, "level": args.level,
        "train_seconds": round(train_s, 3),
        "predict_docs_per_s_1thread": round(rates[1], 1),
        "predict_docs_per_s_all": round(rates[args.threads], 1),
        "cli_docs_per_s_1thread": round(end_to_end[1], 1),
        "cli_docs_per_s_all": round(end_to_end[args.threads], 1),
        "parallelism_all": f"{args.threads} threads in one process",
        "peak_rss_mb": round(max(train_rss, predict_rss), 1),
        "model_bytes": os.path.getsize(model),
        "config": f"ipai {os.path.basename(args.config) if args.config else 'default recipe'}, {args.threads} training threads",
    })
    for key in ("p_at_1", "p_at_3", "p_at_5", "r_at_5", "ndcg_at_5"):
        result[key] = round(result[key], 4)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
