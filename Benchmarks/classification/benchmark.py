#!/usr/bin/env python3
"""The classification benchmark: IPAI and its peers, side by side, in one run, on the same split.

For every task (corpus x level) it runs IPAI (ipai_run.py) and each peer (peers.py) --repeats
times, one process at a time, and prints one table of medians plus a table of the targets
(differences and ratios against the best peer). All JSON result lines are kept in --out.

Usage (from the repository root, after `swift build -c release` and ../shared/peers/setup.sh):
  PY=/root/.cache/ipai-peers/bin/python
  $PY Benchmarks/classification/benchmark.py                    # everything, 3 repeats
  $PY Benchmarks/classification/benchmark.py --tasks uspto:subclass --repeats 1 --peers sklearn-svc
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import split  # noqa: E402

TASKS = ["uspto:subclass", "cn:subclass", "patentscope:subclass", "uspto:maingroup", "patentscope:maingroup"]
PEERS = ["sklearn-svc", "omikuji", "fasttext"]
METRICS = ["p_at_1", "p_at_3", "r_at_5", "ndcg_at_5"]
COSTS = ["train_seconds", "predict_docs_per_s_1thread", "predict_docs_per_s_all", "peak_rss_mb", "model_bytes"]


def run_json(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1])


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def median_row(rows):
    out = dict(rows[0])
    for key in METRICS + COSTS + ["cli_docs_per_s_1thread", "cli_docs_per_s_all"]:
        values = [r[key] for r in rows if r.get(key) is not None]
        if values:
            out[key] = statistics.median(values)
    out["runs"] = len(rows)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--peers", default=",".join(PEERS))
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--split-dir", default=split.DEFAULT_OUT)
    ap.add_argument("--ipai", default=os.path.join(split.REPO, ".build", "release", "ipai"))
    ap.add_argument("--out", help="JSON lines of every run (default: Benchmarks/out/classification/results-<time>.jsonl)")
    ap.add_argument("--from", dest="from_file", metavar="RESULTS.jsonl",
                    help="print the tables of an earlier run's JSON lines instead of running anything")
    args = ap.parse_args(argv)
    if args.from_file:
        results = {}
        with open(args.from_file) as f:
            for line in f:
                row = json.loads(line)
                results.setdefault(f"{row['corpus']}:{row['level']}", {}).setdefault(row["system"], []).append(row)
        args.repeats = max(len(rows) for systems in results.values() for rows in systems.values())
        started = datetime.datetime.fromtimestamp(os.path.getmtime(args.from_file))
        print_tables(results, args, started, args.from_file)
        return
    if not os.path.exists(args.ipai):
        sys.exit(f"{args.ipai} not found: run `swift build -c release` first")
    started = datetime.datetime.now()
    out = args.out or os.path.join(args.split_dir, f"results-{started:%Y%m%d-%H%M%S}.jsonl")
    subprocess.run([sys.executable, os.path.join(HERE, "split.py"), "--out", args.split_dir],
                   check=True, stdout=subprocess.DEVNULL)
    peers = [p for p in args.peers.split(",") if p]
    results = {}
    with open(out, "w") as log:
        for task in args.tasks.split(","):
            corpus, level = task.split(":")
            for repeat in range(args.repeats):
                commands = {"ipai": [sys.executable, os.path.join(HERE, "ipai_run.py"), "--corpus", corpus,
                                     "--level", level, "--split-dir", args.split_dir, "--ipai", args.ipai,
                                     "--threads", str(args.threads)]}
                for peer in peers:
                    commands[peer] = [sys.executable, os.path.join(HERE, "peers.py"), "--peer", peer, "--corpus", corpus,
                                      "--level", level, "--split-dir", args.split_dir,
                                      "--train-threads", str(args.threads), "--seed", str(repeat)]
                for system, command in commands.items():
                    print(f"[{datetime.datetime.now():%H:%M:%S}] {task} {system} run {repeat + 1}/{args.repeats}",
                          file=sys.stderr, flush=True)
                    row = run_json(command)
                    row["system"] = system
                    row["repeat"] = repeat
                    log.write(json.dumps(row) + "\n")
                    log.flush()
                    results.setdefault(task, {}).setdefault(system, []).append(row)
    print_tables(results, args, started, out)


def print_tables(results, args, started, out):
    print(f"Classification benchmark, {started:%Y-%m-%d %H:%M}, {machine()}")
    print(f"Medians of up to {args.repeats} run(s) per system; training with {args.threads} threads for every system; "
          "prediction: raw text -> top 5 labels, 1 thread and all threads. Results: " + os.path.relpath(out))
    print()
    print("| task | system | P@1 | P@3 | R@5 | NDCG@5 | train s | docs/s 1 thread | docs/s all | peak MB | model MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    medians = {}
    for task, systems in results.items():
        medians[task] = {s: median_row(rows) for s, rows in systems.items()}
        for system, r in sorted(medians[task].items(), key=lambda kv: -kv[1]["p_at_1"]):
            print(f"| {task} | {system} | {r['p_at_1']:.4f} | {r['p_at_3']:.4f} | {r['r_at_5']:.4f} | "
                  f"{r['ndcg_at_5']:.4f} | {r['train_seconds']:.1f} | {r['predict_docs_per_s_1thread']:.0f} | "
                  f"{r['predict_docs_per_s_all']:.0f} | {r['peak_rss_mb']:.0f} | {r['model_bytes'] / 1e6:.1f} |")
    print()
    print("Targets (IPAI against the peers, medians):")
    print()
    print("| task | P@1 − best peer | P@3 − best peer | R@5 − best peer | train time / Omikuji's | "
          "1-thread docs/s / scikit-learn's | peak memory / lowest peer's |")
    print("|---|---|---|---|---|---|---|")
    for task, systems in medians.items():
        ipai = systems.get("ipai")
        peers = {s: r for s, r in systems.items() if s != "ipai"}
        if not ipai or not peers:
            continue
        best = lambda key: max(r[key] for r in peers.values())
        omikuji = peers.get("omikuji")
        sklearn = peers.get("sklearn-svc")
        train_ratio = f"{ipai['train_seconds'] / omikuji['train_seconds']:.2f}" if omikuji else "–"
        predict_ratio = (f"{ipai['predict_docs_per_s_1thread'] / sklearn['predict_docs_per_s_1thread']:.2f}"
                         if sklearn else "–")
        memory_ratio = ipai["peak_rss_mb"] / min(r["peak_rss_mb"] for r in peers.values())
        print(f"| {task} | {100 * (ipai['p_at_1'] - best('p_at_1')):+.1f} pts | {100 * (ipai['p_at_3'] - best('p_at_3')):+.1f} pts | "
              f"{100 * (ipai['r_at_5'] - best('r_at_5')):+.1f} pts | {train_ratio} | {predict_ratio} | {memory_ratio:.2f} |")


if __name__ == "__main__":
    main()
