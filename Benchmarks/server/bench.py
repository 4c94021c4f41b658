#!/usr/bin/env python3
"""Load benchmark of `ipai serve`: classification over HTTP under 64 connections.

1. Splits the USPTO corpus (../shared/data/patents/uspto-abstracts-cpc.train.jsonl) with
   Benchmarks/classification/split.py (fixed 80/20 train/dev by id hash), unless the split exists.
2. Starts the release `ipai serve` on a fresh SQLite data directory, signs in as the new
   administrator, creates API tokens, imports the train split through the API and trains a CPC
   subclass model with a train job (the model becomes the active one).
3. Downloads that model and measures in-process classification on the dev split with
   `IPAI_TRACE=1 ipai classify suggest --batch` (all cores; the CLI's own timing), server idle.
4. Runs wrk (64 connections, `--duration` seconds, after a warm-up) with classify.lua: each request
   POSTs one dev text to /api/v1/classify with a Bearer token; samples the server's VmRSS every
   `--rss-interval` seconds.
5. Prints one table (p50/p99 latency, requests/s, ratio to in-process, RSS growth) against the
   targets, and writes result.json in the work directory.

Usage: bench.py [--duration 600] [--connections 64] [--threads 2] [--ipai PATH] [--work DIR]
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SPLIT_DIR = os.path.join(REPO, "Benchmarks", "out", "classification")
DATA = os.path.join(os.path.dirname(REPO), "shared", "data", "patents")

TARGET_P99_MS = 25.0
TARGET_RATIO = 0.80
TARGET_RSS_GROWTH = 0.10


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.headers = {}

    def call(self, method, path, body=None, raw=None, content_type="application/json", expect=(200, 201, 202)):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        for key, value in self.headers.items():
            request.add_header(key, value)
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=3600) as response:
                payload = response.read()
                headers = response.headers
                status = response.status
        except urllib.error.HTTPError as error:
            raise SystemExit(f"bench: {method} {path}: {error.code} {error.read()[:300]!r}")
        if status not in expect:
            raise SystemExit(f"bench: {method} {path}: {status} {payload[:300]!r}")
        return payload, headers

    def json(self, method, path, body=None, **kw):
        payload, _ = self.call(method, path, body, **kw)
        return json.loads(payload) if payload else None


def wait_job(client, job_id, what):
    started = time.time()
    last = None
    while True:
        job = client.json("GET", f"/api/v1/jobs/{job_id}")
        state = (job["status"], job.get("phase"), round(job.get("progress", 0), 2))
        if state != last:
            log(f"{what}: {state[0]} {state[1] or ''} {state[2]:.0%}")
            last = state
        if job["status"] == "done":
            return job, time.time() - started
        if job["status"] in ("failed", "cancelled"):
            raise SystemExit(f"bench: {what} {job['status']}: {job.get('message')}")
        time.sleep(1)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=600, help="seconds of measured load (default 600)")
    parser.add_argument("--warmup", type=int, default=15, help="seconds of load before measuring (default 15)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--rss-interval", type=float, default=5.0, help="seconds between RSS samples")
    parser.add_argument("--tokens", type=int, default=16, help="API tokens to spread the rate limit over")
    parser.add_argument("--batch-size", type=int, default=32, help="texts per request in the batch phase (0: skip it)")
    parser.add_argument("--batch-duration", type=int, default=60, help="seconds of the batch phase (default 60)")
    parser.add_argument("--ipai", default=os.path.join(REPO, ".build", "release", "ipai"))
    parser.add_argument("--work", default=os.path.join(REPO, "Benchmarks", "out", "server", time.strftime("%Y%m%d-%H%M%S")))
    args = parser.parse_args()

    if not os.path.exists(args.ipai):
        raise SystemExit(f"bench: {args.ipai} not found (swift build -c release --product ipai)")
    train = os.path.join(SPLIT_DIR, "uspto.train.jsonl")
    dev = os.path.join(SPLIT_DIR, "uspto.dev.jsonl")
    if not (os.path.exists(train) and os.path.exists(dev)):
        if not os.path.exists(os.path.join(DATA, "uspto-abstracts-cpc.train.jsonl")):
            raise SystemExit(f"bench: {DATA}/uspto-abstracts-cpc.train.jsonl not found")
        log("splitting the USPTO corpus (Benchmarks/classification/split.py)")
        subprocess.run([sys.executable, os.path.join(REPO, "Benchmarks", "classification", "split.py")], check=True)
    os.makedirs(args.work, exist_ok=True)
    data_dir = os.path.join(args.work, "data")

    # Request bodies: one held-out text each (title and abstract, as trained).
    bodies_path = os.path.join(args.work, "bodies.jsonl")
    texts = 0
    with open(dev, encoding="utf-8") as source, open(bodies_path, "w", encoding="utf-8") as out:
        for line in source:
            record = json.loads(line)
            text = " ".join(part for part in (record.get("title"), record.get("abstract")) if part)
            if text:
                out.write(json.dumps({"text": text, "count": 5}) + "\n")
                texts += 1

    # Batch request bodies: `--batch-size` texts each (like with like for the in-process batch).
    batch_path = os.path.join(args.work, "bodies-batch.jsonl")
    if args.batch_size > 0:
        singles = [json.loads(line)["text"] for line in open(bodies_path, encoding="utf-8")]
        with open(batch_path, "w", encoding="utf-8") as out:
            for start in range(0, len(singles) - args.batch_size + 1, args.batch_size):
                out.write(json.dumps({"texts": singles[start:start + args.batch_size], "count": 5}) + "\n")

    port = free_port()
    server_log = open(os.path.join(args.work, "serve.log"), "w")
    server = subprocess.Popen(
        [args.ipai, "serve", "--data", data_dir, "--port", str(port), "--no-demo", "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=server_log, text=True)
    password = None
    try:
        for line in server.stdout:
            if "password:" in line:
                password = line.split("password:", 1)[1].strip()
            if password:
                break
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        client = Client(port)
        for _ in range(600):
            try:
                client.call("GET", "/health")
                break
            except (urllib.error.URLError, ConnectionError, SystemExit):
                time.sleep(0.1)
        # Sign in, then API tokens with the highest rate the API allows.
        payload, headers = client.call("POST", "/api/v1/session", {"username": "admin", "password": password})
        client.headers = {"Cookie": headers["Set-Cookie"].split(";")[0], "X-CSRF-Token": json.loads(payload)["csrf_token"]}
        tokens = [client.json("POST", "/api/v1/tokens", {"name": f"bench {i}", "rate_per_minute": 100000})["token"]
                  for i in range(args.tokens)]
        api = Client(port)
        api.headers = {"Authorization": f"Bearer {tokens[0]}"}

        # Import and train through the API.
        collection = api.json("POST", "/api/v1/collections", {"name": "USPTO train split", "description": "benchmark"})
        with open(train, "rb") as f:
            job = api.json("POST", f"/api/v1/collections/{collection['id']}/imports?format=jsonl&file_name=uspto.train.jsonl", raw=f.read(),
                           content_type="application/x-ndjson")
        _, import_seconds = wait_job(api, job["id"], "import")
        job = api.json("POST", f"/api/v1/collections/{collection['id']}/train",
                       {"level": "subclass", "label_field": "cpc", "text_fields": ["title", "abstract"], "activate": True})
        trained, train_seconds = wait_job(api, job["id"], "train")
        model_id = trained["model_id"]
        model_path = os.path.join(args.work, "model.ipaimodel")
        payload, _ = api.call("GET", f"/api/v1/models/{model_id}/download")
        with open(model_path, "wb") as f:
            f.write(payload)
        docs = api.json("GET", f"/api/v1/collections/{collection['id']}")
        log(f"model {model_id}: trained in {train_seconds:.1f} s ({len(payload) / 1e6:.1f} MB)")

        # In-process classification of the same dev texts with the same model (server idle).
        in_process = {}
        for threads in (1, os.cpu_count() or 1):
            run = subprocess.run(
                [args.ipai, "classify", "suggest", "-m", model_path, "--batch", dev, "--count", "5",
                 "--text-fields", "title,abstract", "--threads", str(threads),
                 # A real file: `-o /dev/null` would have the CLI replace /dev/null (it creates the file anew).
                 "-o", os.path.join(args.work, f"suggestions-{threads}.jsonl")],
                env=dict(os.environ, IPAI_TRACE="1"), capture_output=True, check=True)
            match = re.search(rb"classified (\d+) documents in ([0-9.]+) s", run.stderr)
            if not match:
                raise SystemExit(f"bench: no IPAI_TRACE timing in: {run.stderr[-500:]!r}")
            in_process[threads] = int(match.group(1)) / max(float(match.group(2)), 1e-9)
            log(f"in-process, {threads} thread(s): {in_process[threads]:.0f} documents/s")
        all_threads = os.cpu_count() or 1

        # One single-text request to check the route before the load.
        sample = json.loads(open(bodies_path).readline())
        api.json("POST", "/api/v1/classify", sample)

        lua = os.path.join(HERE, "classify.lua")
        wrk_base = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "--latency", "--timeout", "10s", "-s", lua,
                    f"http://127.0.0.1:{port}"]
        lua_args = ["--", bodies_path, ",".join(tokens)]
        if args.warmup > 0:
            log(f"warm-up: {args.warmup} s")
            subprocess.run(wrk_base[:1] + ["-d", f"{args.warmup}s"] + wrk_base[1:] + lua_args, capture_output=True, check=True)

        samples = []
        stop = threading.Event()

        def sample_rss():
            start = time.time()
            while not stop.is_set():
                samples.append((time.time() - start, rss_kib(server.pid)))
                stop.wait(args.rss_interval)
            samples.append((time.time() - start, rss_kib(server.pid)))

        sampler = threading.Thread(target=sample_rss, daemon=True)
        log(f"load: {args.connections} connections for {args.duration} s")
        sampler.start()
        run = subprocess.run(wrk_base[:1] + ["-d", f"{args.duration}s"] + wrk_base[1:] + lua_args,
                             capture_output=True, text=True, check=True)
        stop.set()
        sampler.join()
        with open(os.path.join(args.work, "wrk.txt"), "w") as f:
            f.write(run.stdout)
        line = next(l for l in run.stdout.splitlines() if l.startswith("WRKJSON "))
        wrk = json.loads(line[len("WRKJSON "):])
        with open(os.path.join(args.work, "rss.tsv"), "w") as f:
            f.writelines(f"{t:.1f}\t{kib}\n" for t, kib in samples)

        batch = None
        if args.batch_size > 0 and args.batch_duration > 0:
            log(f"batch phase: {args.batch_size} texts per request, {args.connections} connections, {args.batch_duration} s")
            run = subprocess.run(wrk_base[:1] + ["-d", f"{args.batch_duration}s"] + wrk_base[1:] + ["--", batch_path, ",".join(tokens)],
                                 capture_output=True, text=True, check=True)
            with open(os.path.join(args.work, "wrk-batch.txt"), "w") as f:
                f.write(run.stdout)
            line = next(l for l in run.stdout.splitlines() if l.startswith("WRKJSON "))
            batch = json.loads(line[len("WRKJSON "):])
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()

    seconds = wrk["duration_us"] / 1e6
    rps = wrk["requests"] / seconds
    errors = wrk["errors_status"] + wrk["errors_connect"] + wrk["errors_read"] + wrk["errors_write"] + wrk["errors_timeout"]
    ratio = rps / in_process[all_threads]
    rss_start = samples[0][1]
    rss_end = samples[-1][1]
    rss_peak = max(kib for _, kib in samples)
    growth = (rss_end - rss_start) / rss_start
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"), "nproc": os.cpu_count(), "cpu": cpu,
        "duration_s": seconds, "connections": args.connections, "wrk_threads": args.threads,
        "train_documents": docs.get("documents") if isinstance(docs, dict) else None, "dev_texts": texts,
        "train_seconds": train_seconds, "import_seconds": import_seconds,
        "requests": wrk["requests"], "requests_per_s": rps, "errors": errors, "wrk": wrk,
        "in_process_docs_per_s": in_process, "ratio": ratio,
        "rss_start_kib": rss_start, "rss_end_kib": rss_end, "rss_peak_kib": rss_peak, "rss_growth": growth,
        "rss_samples": len(samples),
    }
    if batch:
        batch_seconds = batch["duration_us"] / 1e6
        batch_errors = sum(batch[k] for k in ("errors_status", "errors_connect", "errors_read", "errors_write", "errors_timeout"))
        result["batch"] = {"size": args.batch_size, "duration_s": batch_seconds, "wrk": batch, "errors": batch_errors,
                           "docs_per_s": batch["requests"] * args.batch_size / batch_seconds}
        result["batch"]["ratio"] = result["batch"]["docs_per_s"] / in_process[all_threads]
    with open(os.path.join(args.work, "result.json"), "w") as f:
        json.dump(result, f, indent=2)

    def verdict(ok):
        return "met" if ok else "MISSED"

    rows = [
        ("latency p50", f"{wrk['p50_us'] / 1000:.2f} ms", "", ""),
        ("latency p90", f"{wrk['p90_us'] / 1000:.2f} ms", "", ""),
        ("latency p99", f"{wrk['p99_us'] / 1000:.2f} ms", f"< {TARGET_P99_MS:.0f} ms", verdict(wrk["p99_us"] / 1000 < TARGET_P99_MS)),
        ("requests/s (1 text each)", f"{rps:.0f}", "", ""),
        ("errors (non-2xx, socket)", f"{errors}", "0", verdict(errors == 0)),
        (f"in-process, {all_threads} threads (batch)", f"{in_process[all_threads]:.0f} docs/s", "", ""),
        ("in-process, 1 thread (batch)", f"{in_process[1]:.0f} docs/s", "", ""),
        ("server / in-process", f"{ratio:.0%}", f">= {TARGET_RATIO:.0%}", verdict(ratio >= TARGET_RATIO)),
        ("RSS start → end (peak)", f"{rss_start / 1024:.0f} → {rss_end / 1024:.0f} MB ({rss_peak / 1024:.0f})", "", ""),
        ("RSS growth", f"{growth:+.1%}", f"< {TARGET_RSS_GROWTH:.0%}", verdict(growth < TARGET_RSS_GROWTH)),
    ]
    if batch:
        b = result["batch"]
        rows += [
            (f"batch phase: {b['size']} texts per request, {b['duration_s']:.0f} s", f"{b['docs_per_s']:.0f} docs/s "
             f"(p50 {batch['p50_us'] / 1000:.0f} ms, p99 {batch['p99_us'] / 1000:.0f} ms, {b['errors']} errors)", "", ""),
            ("server batch / in-process batch", f"{b['ratio']:.0%}", f">= {TARGET_RATIO:.0%}", verdict(b["ratio"] >= TARGET_RATIO)),
        ]
    print(f"\nipai serve, POST /api/v1/classify, {args.connections} connections, {seconds:.0f} s "
          f"({result['date']}, {os.cpu_count()} × {cpu}; CPC subclass model trained on {result['train_documents']} documents "
          f"in {train_seconds:.0f} s; {texts} held-out texts)\n")
    print("| measure | value | target | |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nwork directory: {args.work}")


if __name__ == "__main__":
    main()
