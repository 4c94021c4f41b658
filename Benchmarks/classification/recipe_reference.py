#!/usr/bin/env python3
"""Python reference of the IPAI classification recipe (see RECIPE.md), for checking the Swift engine.

Not a product dependency: the Swift engine implements the same steps from scratch. This script
prints one JSON object with the same keys as peers.py (system "recipe-reference"), so the numbers
can be compared with the peers and with `ipai` on the same split files.

Extra dependency: the Snowball (Porter2) English stemmer, pure Python:
  /root/.cache/ipai-peers/bin/pip install --target Benchmarks/out/pylib snowballstemmer
  (the script looks in Benchmarks/out/pylib, then on sys.path).

Usage: recipe_reference.py --corpus uspto --level subclass [--split-dir DIR] [--ablation svc|svc+knn|svc+parent|full]
The linear models use scikit-learn's LinearSVC (LIBLINEAR dual coordinate descent, L2-loss, C=1,
bias feature 1) one label at a time: slow in Python (main-group level takes minutes), exact in maths.
"""
import os

for _v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import json
import re
import resource
import sys
import time

import numpy as np
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "out", "pylib"))
import metrics  # noqa: E402
import split  # noqa: E402

SCHEMES = os.path.join(os.path.dirname(split.DEFAULT_DATA), "schemes")

# ------------------------------------------------------------------ hyper-parameters (RECIPE.md)
BM25_K1, BM25_B = 1.2, 0.75
SVM_C = 1.0
PSEUDO_WEIGHT = 1.0
KNN_K, KNN_POWER, KNN_WEIGHT = 10, 1.0, 0.25
PARENT_WEIGHT = 0.1
TOP_K = 5

# ------------------------------------------------------------------ analysis
_EN_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = frozenset(open(os.path.join(HERE, "stopwords-en.txt"), encoding="utf-8").read().split())
_stemmer = None
_stem_cache = {}


def _stem(word):
    global _stemmer
    if _stemmer is None:
        import snowballstemmer
        _stemmer = snowballstemmer.stemmer("english")
    s = _stem_cache.get(word)
    if s is None:
        s = _stem_cache[word] = _stemmer.stemWord(word)
    return s


def analyze_en(text):
    toks = [_stem(t) for t in _EN_TOKEN.findall(text.lower()) if t not in _STOP]
    return toks + [toks[i] + " " + toks[i + 1] for i in range(len(toks) - 1)]


_WS = re.compile(r"\s")


def analyze_zh(text):
    s = _WS.sub("", text.lower())
    return list(s) + [s[i:i + 2] for i in range(len(s) - 1)]


class BM25:
    """Vocabulary, df and average length from the training documents only; L2-normalised rows."""

    def __init__(self, analyzer, texts):
        self.an = analyzer
        vocab, df, total = {}, [], 0
        for t in texts:
            toks = self.an(t)
            total += len(toks)
            for f in set(toks):
                j = vocab.setdefault(f, len(vocab))
                if j == len(df):
                    df.append(0)
                df[j] += 1
        n = len(texts)
        df = np.array(df, dtype=np.float64)
        self.vocab = vocab
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        self.avgdl = total / max(n, 1)

    def transform(self, texts):
        indptr, indices, data = [0], [], []
        for t in texts:
            counts = {}
            for f in self.an(t):
                j = self.vocab.get(f)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            dl = sum(counts.values())  # length = in-vocabulary features (all of them for training documents)
            row = {j: tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * dl / self.avgdl)) * self.idf[j]
                   for j, tf in counts.items()}
            norm = np.sqrt(sum(v * v for v in row.values())) or 1.0
            for j in sorted(row):
                indices.append(j)
                data.append(row[j] / norm)
            indptr.append(len(indices))
        return sp.csr_matrix((np.array(data, np.float32), np.array(indices, np.int32), np.array(indptr)),
                             shape=(len(texts), len(self.vocab)))


# ------------------------------------------------------------------ scheme pseudo-documents
_PAREN_EN = re.compile(r"\([^()]*\)")
_PAREN_ZH = re.compile(r"（[^（）]*）|\([^()]*\)")
_ZH_GROUP = re.compile(r"^([A-H]\d\d[A-Z])(\d+)/")


def scheme_pseudo_documents(lang, level, labels):
    """One pseudo-document per subclass (its title) and per main group (its title and all its
    subgroup titles joined with ' ; '), for the labels seen in training. Parenthesised spans without
    nested parentheses are removed (one pass)."""
    subs, groups = {}, {}
    if lang == "en":
        seen = set()
        with open(os.path.join(SCHEMES, "ipc-en.tsv"), encoding="utf-8") as f:
            for line in f:
                code, _, title = line.rstrip("\n").partition("\t")
                if (code, title) in seen:
                    continue
                seen.add((code, title))
                title = _PAREN_EN.sub(" ", title)
                if len(code) == 4:
                    subs[code] = subs.get(code, "") + " " + title
                elif len(code) == 14:
                    groups.setdefault((code[:4], int(code[4:8])), []).append(title)
    else:
        with open(os.path.join(SCHEMES, "ipc-titles-zh.jsonl"), encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                title = _PAREN_ZH.sub(" ", d["title_zh"])
                if d["level"] == "subclass":
                    subs[d["code"]] = title
                elif d["level"] in ("main_group", "subgroup"):
                    m = _ZH_GROUP.match(d["code"])
                    if m:
                        groups.setdefault((m.group(1), int(m.group(2))), []).append(title)
    docs, labs = [], []
    for (s, n), titles in groups.items():
        lab = s if level == "subclass" else f"{s} {n}/00"
        if lab in labels:
            docs.append(" ; ".join(titles))
            labs.append(lab)
    if level == "subclass":
        for s, t in subs.items():
            if s in labels:
                docs.append(t)
                labs.append(s)
    return docs, labs


# ------------------------------------------------------------------ model
def train_ovr(X, label_lists, classes, weights):
    """One-vs-rest L2-loss linear SVM (LIBLINEAR dual CD, C=1, bias 1) -> (W csr features x labels, b)."""
    from sklearn.svm import LinearSVC
    index = {c: i for i, c in enumerate(classes)}
    pos = [[] for _ in classes]
    for i, labs in enumerate(label_lists):
        for l in labs:
            pos[index[l]].append(i)
    cols, b = [], np.zeros(len(classes), np.float32)
    for j in range(len(classes)):
        y = np.zeros(X.shape[0], np.int8)
        y[pos[j]] = 1
        m = LinearSVC(C=SVM_C).fit(X, y, sample_weight=weights)
        cols.append(sp.csc_matrix(m.coef_.astype(np.float32).reshape(-1, 1)))
        b[j] = m.intercept_[0]
    return sp.hstack(cols, format="csr"), b


class Recipe:
    def fit(self, texts, labels, lang, level, ablation="full"):
        self.level, self.ablation = level, ablation
        self.vec = BM25(analyze_en if lang == "en" else analyze_zh, texts)
        self.classes = sorted({l for ls in labels for l in ls})
        pd, pl = scheme_pseudo_documents(lang, level, set(self.classes))
        Xtr = self.vec.transform(texts)
        X = sp.vstack([Xtr, self.vec.transform(pd)]).tocsr()
        all_labels = [list(ls) for ls in labels] + [[l] for l in pl]
        w = np.concatenate([np.ones(len(texts)), np.full(len(pd), PSEUDO_WEIGHT)])
        self.W, self.b = train_ovr(X, all_labels, self.classes, w)
        plen = 3 if level == "subclass" else 4  # parent: class for subclasses, subclass for main groups
        if ablation in ("full", "svc+parent"):
            self.parents = sorted({l[:plen] for l in self.classes})
            pidx = {p: i for i, p in enumerate(self.parents)}
            self.parent_of = np.array([pidx[l[:plen]] for l in self.classes])
            self.Wp, self.bp = train_ovr(X, [sorted({l[:plen] for l in ls}) for ls in all_labels], self.parents, w)
        # kNN memory: the training documents (not the pseudo-documents) and their labels
        self.Xknn_T = Xtr.T.tocsr()
        index = {c: i for i, c in enumerate(self.classes)}
        rows = [i for i, ls in enumerate(labels) for _ in ls]
        cols = [index[l] for ls in labels for l in ls]
        self.Yknn = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(labels), len(self.classes)))
        return self

    def scores(self, texts):
        X = self.vec.transform(texts)
        S = (X @ self.W).toarray() + self.b
        if self.ablation in ("full", "svc+parent"):
            P = (X @ self.Wp).toarray() + self.bp
            S += PARENT_WEIGHT * P[:, self.parent_of]
        if self.ablation in ("full", "svc+knn"):
            Sim = (X @ self.Xknn_T).toarray()
            k = min(KNN_K, Sim.shape[1])
            top = np.argpartition(-Sim, k - 1, axis=1)[:, :k]
            sims = np.take_along_axis(Sim, top, 1).clip(min=0) ** KNN_POWER
            M = sp.csr_matrix((sims.ravel(), (np.repeat(np.arange(len(texts)), k), top.ravel())), shape=Sim.shape)
            K = (M @ self.Yknn).toarray() / (sims.sum(1, keepdims=True) + 1e-9)
            S += KNN_WEIGHT * K
        return S

    def predict(self, texts, chunk=512):
        out = []
        for a in range(0, len(texts), chunk):
            S = self.scores(texts[a:a + chunk])
            top = np.argsort(-S, axis=1, kind="stable")[:, :TOP_K]
            out += [[self.classes[j] for j in row] for row in top]
        return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, choices=sorted(split.CORPORA))
    ap.add_argument("--level", required=True, choices=["subclass", "maingroup"])
    ap.add_argument("--split-dir", default=split.DEFAULT_OUT)
    ap.add_argument("--ablation", default="full", choices=["svc", "svc+knn", "svc+parent", "full"])
    args = ap.parse_args(argv)
    _fname, fields, lfield, lang = split.CORPORA[args.corpus]
    _i, tr_text, tr_lab = split.load(os.path.join(args.split_dir, f"{args.corpus}.train.jsonl"), fields, lfield, args.level)
    _i, dv_text, dv_lab = split.load(os.path.join(args.split_dir, f"{args.corpus}.dev.jsonl"), fields, lfield, args.level)
    t0 = time.perf_counter()
    model = Recipe().fit(tr_text, tr_lab, lang, args.level, args.ablation)
    train_s = time.perf_counter() - t0
    model.predict(dv_text[:2])
    t0 = time.perf_counter()
    ranked = model.predict(dv_text)
    dt = time.perf_counter() - t0
    res = metrics.evaluate(ranked, dv_lab)
    out = {"system": "recipe-reference", "corpus": args.corpus, "level": args.level,
           **{k: round(v, 4) for k, v in res.items() if k != "documents"}, "documents": res["documents"],
           "train_documents": len(tr_text), "labels_in_train": len(model.classes),
           "train_seconds": round(train_s, 2), "predict_docs_per_s_1thread": round(len(dv_text) / dt, 1),
           "predict_docs_per_s_all": None, "parallelism_all": None,
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
           "model_bytes": None, "config": f"RECIPE.md, ablation={args.ablation}"}
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    sys.exit(main())
