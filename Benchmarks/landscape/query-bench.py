"""PatentSearch index benchmark: IPAI's positional index against SQLite FTS5, same documents, same run.

1. Replicates the USPTO abstracts (../shared/data/patents/uspto-abstracts-cpc.train.jsonl) to N documents with new
   ids; every copy after the first has its sentences shuffled and about one word in ten swapped with its
   neighbour, so postings are not identical copies (phrases mostly survive, as in real text).
2. Runs the release-mode harness (query-harness/): parallel index build (median of --builds), write, read back,
   then every query of query-queries.txt --rounds times.
3. Runs the peer: SQLite FTS5 (unicode61, prefix indexes 2,3,4) built over the same JSONL in one transaction,
   then the FTS5 approximations of the same queries.
Prints one table. Usage: Benchmarks/landscape/query-benchmark [--documents 1000000] [--rounds 5] [--builds 3]
"""
import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SOURCE = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "patents", "uspto-abstracts-cpc.train.jsonl"))
OUT = os.path.join(ROOT, "Benchmarks", "out", "landscape-query")


def replicate(count, path):
    """Writes `count` documents to `path` (cached by count)."""
    if os.path.exists(path):
        return
    rows = []
    with open(SOURCE, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("abstract"):
                rows.append((row["id"], row["abstract"], row.get("cpc") or []))
    rng = random.Random(2019)
    splitter = re.compile(r"(?<=[.;])\s+")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        written = 0
        copy = 0
        while written < count:
            for source_id, abstract, cpc in rows:
                if written >= count:
                    break
                if copy == 0:
                    text = abstract
                else:
                    sentences = splitter.split(abstract)
                    rng.shuffle(sentences)
                    shuffled = []
                    for sentence in sentences:
                        words = sentence.split(" ")
                        for _ in range(len(words) // 10):
                            i = rng.randrange(len(words) - 1) if len(words) > 1 else 0
                            if len(words) > 1:
                                words[i], words[i + 1] = words[i + 1], words[i]
                        shuffled.append(" ".join(words))
                    text = " ".join(shuffled)
                out.write(json.dumps({"id": f"{source_id}-c{copy}", "abstract": text, "cpc": cpc}) + "\n")
                written += 1
            copy += 1
    os.replace(tmp, path)


def load_queries():
    pairs = []
    with open(os.path.join(HERE, "query-queries.txt"), encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                ipai, peer = [part.strip() for part in line.split("|||")]
                pairs.append((ipai, peer))
    return pairs


def run_fts5(path, queries, rounds, db_path):
    if os.path.exists(db_path):
        os.remove(db_path)
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, abstract, tokenize='unicode61', prefix='2 3 4')")
    documents = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            documents.append((row["id"], row["abstract"]))
    start = time.perf_counter()
    with connection:
        connection.executemany("INSERT INTO docs(id, abstract) VALUES (?, ?)", documents)
    connection.execute("INSERT INTO docs(docs) VALUES('optimize')")
    connection.commit()
    build = time.perf_counter() - start
    connection.close()
    size = os.path.getsize(db_path)
    connection = sqlite3.connect(db_path)
    latencies = []
    total = 0.0
    hits = {}
    for _ in range(rounds):
        for ipai, peer in queries:
            start = time.perf_counter()
            count = connection.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (peer,)).fetchone()[0]
            elapsed = time.perf_counter() - start
            latencies.append(elapsed)
            total += elapsed
            hits[ipai] = count
    connection.close()
    os.remove(db_path)
    latencies.sort()
    return {
        "build_seconds": build,
        "build_docs_per_second": len(documents) / build,
        "index_bytes": size,
        "queries_per_second": len(queries) * rounds / total,
        "latency_median_ms": statistics.median(latencies) * 1000,
        "latency_p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "hits": hits,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--harness", default=os.path.join(HERE, "query-harness", ".build", "release", "QueryHarness"))
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--show-queries", action="store_true", help="per-query latency and hits")
    arguments = parser.parse_args()
    if not os.path.exists(SOURCE):
        sys.exit(f"query-benchmark: {SOURCE} not found")
    os.makedirs(OUT, exist_ok=True)
    corpus = os.path.join(OUT, f"uspto-replicated-{arguments.documents}.jsonl")
    start = time.perf_counter()
    replicate(arguments.documents, corpus)
    print(f"corpus {corpus} ready in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    queries = load_queries()
    queries_path = os.path.join(HERE, "query-queries.txt")
    ipai = json.loads(subprocess.run(
        [arguments.harness, "--documents", corpus, "--queries", queries_path, "--rounds", str(arguments.rounds),
         "--builds", str(arguments.builds), "--index", os.path.join(OUT, "index.bin"),
         "--extra", os.path.join(HERE, "query-witt.txt")],
        check=True, stdout=subprocess.PIPE, text=True).stdout)
    peer = None if arguments.no_peer else run_fts5(corpus, queries, arguments.rounds, os.path.join(OUT, "fts5.db"))

    def ratio(a, b):
        return f"{a / b:.2f}×" if b else "–"

    text_bytes = ipai["text_bytes"]
    rows = [
        ("documents", f"{ipai['documents']:,}", f"{ipai['documents']:,}" if peer else "–", ""),
        ("text bytes (abstracts)", f"{text_bytes:,}", f"{text_bytes:,}" if peer else "–", ""),
        ("index bytes on disk", f"{ipai['index_bytes']:,}", f"{peer['index_bytes']:,}" if peer else "–",
         ratio(ipai["index_bytes"], peer["index_bytes"]) if peer else ""),
        ("index / text", f"{ipai['index_bytes'] / text_bytes:.2f}", f"{peer['index_bytes'] / text_bytes:.2f}" if peer else "–", ""),
        ("build docs/s (median)", f"{ipai['build_docs_per_second']:,.0f}", f"{peer['build_docs_per_second']:,.0f}" if peer else "–",
         ratio(ipai["build_docs_per_second"], peer["build_docs_per_second"]) if peer else ""),
        ("queries/s (1 thread)", f"{ipai['queries_per_second']:,.1f}", f"{peer['queries_per_second']:,.1f}" if peer else "–",
         ratio(ipai["queries_per_second"], peer["queries_per_second"]) if peer else ""),
        ("query latency median ms", f"{ipai['latency_median_ms']:.2f}", f"{peer['latency_median_ms']:.2f}" if peer else "–",
         ratio(peer["latency_median_ms"], ipai["latency_median_ms"]) if peer else ""),
        ("query latency p99 ms", f"{ipai['latency_p99_ms']:.2f}", f"{peer['latency_p99_ms']:.2f}" if peer else "–",
         ratio(peer["latency_p99_ms"], ipai["latency_p99_ms"]) if peer else ""),
        ("full WITT strategy (Blocks 1–3, 1 query) ms", f"{ipai['extra_ms_median']:.1f} ({ipai['extra_hits']:,} hits)", "–", ""),
        ("index write / read s", f"{ipai['write_seconds']:.2f} / {ipai['read_seconds']:.2f}", "–", ""),
    ]
    print(f"# PatentSearch index benchmark — {time.strftime('%Y-%m-%d')} — {platform.uname().system} "
          f"{platform.uname().release} {platform.machine()}, {os.cpu_count()} cores; "
          f"{len(queries)} queries × {arguments.rounds} rounds; SQLite {sqlite3.sqlite_version}")
    print("| measure | IPAI | SQLite FTS5 | IPAI advantage |")
    print("|---|---|---|---|")
    for name, a, b, c in rows:
        print(f"| {name} | {a} | {b} | {c} |")
    if arguments.show_queries:
        print("\n| query | IPAI ms | IPAI hits | FTS5 hits |")
        print("|---|---|---|---|")
        for text, _ in queries:
            peer_hits = peer["hits"].get(text, "–") if peer else "–"
            print(f"| `{text}` | {ipai['per_query_ms'][text]:.2f} | {ipai['hits'][text]:,} | {peer_hits} |")


if __name__ == "__main__":
    main()
