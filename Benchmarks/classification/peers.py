#!/usr/bin/env python3
"""Run one peer classifier on one corpus and level and print one JSON object on stdout.

Peers (all trained on the train file, scored on the dev file written by split.py):
  sklearn-svc  TfidfVectorizer(sublinear_tf) + OneVsRestClassifier(LinearSVC(C))
  omikuji      Omikuji, default (Parabel-style) hyper-parameters, on the same tf-idf features
  fasttext     fastText supervised, loss=ova, 50 epochs, wordNgrams=2 (Chinese as space-separated chars)

Example:
  peers.py --peer sklearn-svc --corpus uspto --level subclass
  peers.py --peer omikuji --train T.jsonl --dev D.jsonl --text-fields title,abstract \
           --label-field cpc --level maingroup --lang en

Timings: train_seconds covers vectorisation + training with --train-threads threads (default 1).
predict_docs_per_s_1thread: whole dev set, one thread, raw text -> top-5 labels (vectorisation
included). predict_docs_per_s_all: the same work split in two halves over 2 worker processes
(spawned, each loads the saved model from disk and runs single-threaded; pool start-up and model
loading are excluded, as for a warm server). peak_rss_mb is this process's own peak (training and
1-thread prediction; the worker processes are not included). Progress output of the libraries goes
to stderr, so stdout holds only the JSON line.
"""
import os

# "1 thread" must mean one: set before numpy/scipy/sklearn are imported.
for _v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
           "VECLIB_MAXIMUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import json
import multiprocessing as mp
import pickle
import re
import resource
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import metrics  # noqa: E402
import split  # noqa: E402

TOP_K = 5


def dir_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _d, fs in os.walk(path) for f in fs)


# ---------------------------------------------------------------- features (sklearn, omikuji)

def make_vectorizer(lang):
    from sklearn.feature_extraction.text import TfidfVectorizer
    if lang == "zh":
        # CJK titles have no spaces: character uni+bigrams (char 1-3 was not better on dev).
        return TfidfVectorizer(sublinear_tf=True, analyzer="char", ngram_range=(1, 2), min_df=1,
                               lowercase=True, dtype="float32")
    # English: the best of the sklearn settings tried on dev (min_df 1/2, stop words on/off, C 0.5/1).
    return TfidfVectorizer(sublinear_tf=True, analyzer="word", ngram_range=(1, 2), min_df=1,
                           stop_words="english", lowercase=True, dtype="float32")


# ---------------------------------------------------------------- fastText text preparation

_WORD = re.compile(r"\w+", re.UNICODE)


def ft_text(text, lang):
    t = text.lower()
    if lang == "zh":
        return " ".join(ch for ch in t if not ch.isspace())
    return " ".join(_WORD.findall(t))


def ft_label(lab):
    return "__label__" + lab.replace(" ", "_")


def ft_unlabel(tok):
    return tok[len("__label__"):].replace("_", " ")


# ---------------------------------------------------------------- predictors (picklable state)

class SvcPredictor:
    """The fitted one-vs-rest LinearSVC, stored as one sparse weight matrix (features x labels, the
    exact non-zero coefficients) plus intercepts: same scores as OneVsRestClassifier.decision_function,
    without holding thousands of dense coefficient vectors (main-group level would need ~8 GB)."""

    def __init__(self, vec, clf, classes):
        import numpy as np
        import scipy.sparse as sp
        cols = []
        for est in clf.estimators_:
            coef = getattr(est, "coef_", None)
            if coef is None:  # label constant in training (sklearn's _ConstantPredictor)
                cols.append(sp.csc_matrix((clf.n_features_in_, 1), dtype=np.float32))
            else:
                coef = coef.toarray() if sp.issparse(coef) else np.asarray(coef)
                cols.append(sp.csc_matrix(coef.astype(np.float32).reshape(-1, 1)))
        self.W = sp.hstack(cols, format="csr")
        self.b = np.array([float(np.ravel(getattr(e, "intercept_", [0.0]))[0]) if hasattr(e, "coef_")
                           else (1e3 if np.ravel(e.y_)[0] else -1e3) for e in clf.estimators_], dtype=np.float32)
        self.vec, self.classes = vec, classes

    def predict(self, texts):
        import numpy as np
        X = self.vec.transform(texts)
        S = (X @ self.W).toarray() + self.b
        top = np.argsort(-S, axis=1)[:, :TOP_K]
        return [[self.classes[j] for j in row] for row in top]


class OmikujiPredictor:
    def __init__(self, vec, model, classes):
        self.vec, self.model, self.classes = vec, model, classes

    def predict(self, texts):
        X = self.vec.transform(texts).tocsr()
        out = []
        for i in range(X.shape[0]):
            a, b = X.indptr[i], X.indptr[i + 1]
            feats = list(zip(X.indices[a:b].tolist(), X.data[a:b].tolist()))
            res = self.model.predict(feats, top_k=TOP_K) if feats else []
            out.append([self.classes[j] for j, _s in res])
        return out


class FastTextPredictor:
    def __init__(self, model, lang):
        self.model, self.lang = model, lang

    def predict(self, texts):
        out = []
        for t in texts:
            res = self.model.f.predict(ft_text(t, self.lang) + "\n", TOP_K, 0.0, "strict")
            out.append([ft_unlabel(lab) for _p, lab in res])
        return out


# ---------------------------------------------------------------- training

def _sparse_linear_svc(C):
    from sklearn.svm import LinearSVC

    class SparseLinearSVC(LinearSVC):
        """LinearSVC that stores coef_ sparse right after fitting (same predictions; keeps the
        one-vs-rest model of thousands of main-group labels in memory)."""

        def fit(self, X, y, sample_weight=None):
            super().fit(X, y, sample_weight=sample_weight)
            self.sparsify()
            return self

    return SparseLinearSVC(C=C)


def train_svc(texts, labels, lang, args):
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    vec = make_vectorizer(lang)
    X = vec.fit_transform(texts)
    mlb = MultiLabelBinarizer(sparse_output=True)
    Y = mlb.fit_transform(labels)
    clf = OneVsRestClassifier(_sparse_linear_svc(args.C), n_jobs=args.train_threads if args.train_threads > 1 else None)
    clf.fit(X, Y)
    pred = SvcPredictor(vec, clf, list(mlb.classes_))
    del clf
    return pred


def save_svc(pred, model_dir):
    path = os.path.join(model_dir, "svc.pkl")
    with open(path, "wb") as f:
        pickle.dump(pred, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def load_svc(path, _lang):
    with open(path, "rb") as f:
        return pickle.load(f)


def train_omikuji(texts, labels, lang, args, work):
    import omikuji
    vec = make_vectorizer(lang)
    X = vec.fit_transform(texts).tocsr()
    classes = sorted({lab for labs in labels for lab in labs})
    index = {c: i for i, c in enumerate(classes)}
    data_path = os.path.join(work, "omikuji.train.txt")
    # Omikuji's reader rejects examples without features (e.g. an empty title): leave them out.
    rows = [i for i in range(X.shape[0]) if X.indptr[i + 1] > X.indptr[i]]
    with open(data_path, "w") as f:
        f.write(f"{len(rows)} {X.shape[1]} {len(classes)}\n")
        for i in rows:
            a, b = X.indptr[i], X.indptr[i + 1]
            feats = " ".join(f"{j}:{v:.6g}" for j, v in zip(X.indices[a:b], X.data[a:b]))
            f.write(",".join(str(index[l]) for l in labels[i]) + " " + feats + "\n")
    hp = omikuji.Model.default_hyper_param()
    model = omikuji.Model.train_on_data(data_path, hp, n_threads=args.train_threads)
    model.init_prediction_thread_pool(1)
    return OmikujiPredictor(vec, model, classes)


def save_omikuji(pred, model_dir):
    mdir = os.path.join(model_dir, "omikuji")
    pred.model.save(mdir)
    with open(os.path.join(model_dir, "omikuji.vec.pkl"), "wb") as f:
        pickle.dump((pred.vec, pred.classes), f, protocol=pickle.HIGHEST_PROTOCOL)
    return model_dir


def load_omikuji(path, _lang):
    import omikuji
    with open(os.path.join(path, "omikuji.vec.pkl"), "rb") as f:
        vec, classes = pickle.load(f)
    model = omikuji.Model.load(os.path.join(path, "omikuji"))
    model.init_prediction_thread_pool(1)
    return OmikujiPredictor(vec, model, classes)


def train_fasttext(texts, labels, lang, args, work):
    import fasttext
    data_path = os.path.join(work, "fasttext.train.txt")
    with open(data_path, "w", encoding="utf-8") as f:
        for t, labs in zip(texts, labels):
            f.write(" ".join(ft_label(l) for l in labs) + " " + ft_text(t, lang) + "\n")
    model = fasttext.train_supervised(input=data_path, loss="ova", epoch=50, wordNgrams=2,
                                      thread=args.train_threads, verbose=0, seed=args.seed)
    return FastTextPredictor(model, lang)


def save_fasttext(pred, model_dir):
    path = os.path.join(model_dir, "fasttext.bin")
    pred.model.save_model(path)
    return path


def load_fasttext(path, lang):
    import fasttext
    return FastTextPredictor(fasttext.load_model(path), lang)


PEERS = {
    "sklearn-svc": (lambda t, l, lang, a, w: train_svc(t, l, lang, a), save_svc, load_svc),
    "omikuji": (train_omikuji, save_omikuji, load_omikuji),
    "fasttext": (train_fasttext, save_fasttext, load_fasttext),
}

# ---------------------------------------------------------------- 2-process prediction

_WORKER = None


def _worker_init(peer, path, lang):
    global _WORKER
    _WORKER = PEERS[peer][2](path, lang)


def _worker_predict(texts):
    return _WORKER.predict(texts)


def _worker_warm(texts):
    _WORKER.predict(texts)
    time.sleep(0.3)  # keep this worker busy so the other one takes the next warm-up task
    return os.getpid()


def predict_two_processes(peer, path, lang, texts):
    ctx = mp.get_context("spawn")
    with ctx.Pool(2, initializer=_worker_init, initargs=(peer, path, lang)) as pool:
        # Warm-up until both workers have loaded the model and answered once.
        seen = set()
        for _ in range(20):
            seen.update(pool.map(_worker_warm, [texts[:2], texts[2:4]], chunksize=1))
            if len(seen) >= 2:
                break
        half = (len(texts) + 1) // 2
        t0 = time.perf_counter()
        parts = pool.map(_worker_predict, [texts[:half], texts[half:]], chunksize=1)
        dt = time.perf_counter() - t0
    return [r for p in parts for r in p], dt


# ---------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer", required=True, choices=sorted(PEERS))
    ap.add_argument("--corpus", choices=sorted(split.CORPORA),
                    help="fills in --train/--dev (from --split-dir), --text-fields, --label-field, --lang")
    ap.add_argument("--split-dir", default=split.DEFAULT_OUT)
    ap.add_argument("--train")
    ap.add_argument("--dev")
    ap.add_argument("--text-fields", help="comma-separated, joined with a newline")
    ap.add_argument("--label-field")
    ap.add_argument("--level", required=True, choices=["subclass", "maingroup"])
    ap.add_argument("--lang", choices=["en", "zh"], help="tokenisation hint")
    ap.add_argument("--C", type=float, default=1.0, help="LinearSVC C (sklearn-svc)")
    ap.add_argument("--train-threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-parallel", action="store_true", help="skip the 2-process prediction run")
    ap.add_argument("--keep-model", help="copy the saved model here")
    args = ap.parse_args(argv)

    # Native libraries (Omikuji's Rust logger) write progress to fd 1: keep fd 1 for stderr and
    # print the JSON result on a private duplicate of the original stdout.
    sys.stdout.flush()
    result_fd = os.dup(1)
    os.dup2(2, 1)
    result_out = os.fdopen(result_fd, "w")

    if args.corpus:
        fname, fields, lfield, lang = split.CORPORA[args.corpus]
        args.train = args.train or os.path.join(args.split_dir, f"{args.corpus}.train.jsonl")
        args.dev = args.dev or os.path.join(args.split_dir, f"{args.corpus}.dev.jsonl")
        args.text_fields = args.text_fields or ",".join(fields)
        args.label_field = args.label_field or lfield
        args.lang = args.lang or lang
    for req in ("train", "dev", "text_fields", "label_field", "lang"):
        if not getattr(args, req):
            ap.error(f"--{req.replace('_', '-')} is required without --corpus")
    fields = args.text_fields.split(",")

    _ids, tr_text, tr_lab = split.load(args.train, fields, args.label_field, args.level)
    _ids, dv_text, dv_lab = split.load(args.dev, fields, args.label_field, args.level)

    work = tempfile.mkdtemp(prefix="peers-")
    try:
        train_fn, save_fn, _load_fn = PEERS[args.peer]
        t0 = time.perf_counter()
        pred = train_fn(tr_text, tr_lab, args.lang, args, work)
        train_seconds = time.perf_counter() - t0

        model_dir = os.path.join(work, "model")
        os.makedirs(model_dir)
        model_path = save_fn(pred, model_dir)
        model_bytes = dir_bytes(model_path)

        # Predict with the model as loaded from disk, as the worker processes and a server do.
        pred = PEERS[args.peer][2](model_path, args.lang)
        pred.predict(dv_text[:2])  # warm-up (lazy initialisation), as for the worker processes
        t0 = time.perf_counter()
        ranked = pred.predict(dv_text)
        dt1 = time.perf_counter() - t0
        result = metrics.evaluate(ranked, dv_lab)

        dps_all = None
        if not args.no_parallel:
            ranked2, dt2 = predict_two_processes(args.peer, model_path, args.lang, dv_text)
            if ranked2 != ranked:
                print("warning: 2-process predictions differ from 1-thread predictions", file=sys.stderr)
            dps_all = len(dv_text) / dt2
        if args.keep_model:
            shutil.copytree(model_dir, args.keep_model, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    out = {
        "system": args.peer,
        "corpus": args.corpus or os.path.basename(args.train),
        "level": args.level,
        **{k: round(v, 4) for k, v in result.items() if k != "documents"},
        "documents": result["documents"],
        "train_documents": len(tr_text),
        "labels_in_train": len({l for ls in tr_lab for l in ls}),
        "train_seconds": round(train_seconds, 2),
        "predict_docs_per_s_1thread": round(len(dv_text) / dt1, 1),
        "predict_docs_per_s_all": round(dps_all, 1) if dps_all else None,
        "parallelism_all": "2 spawned worker processes, 1 thread each, warm",
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
        "model_bytes": model_bytes,
        "config": peer_config(args),
    }
    print(json.dumps(out), file=result_out, flush=True)


def peer_config(args):
    if args.peer == "sklearn-svc":
        feats = "char 1-2 grams" if args.lang == "zh" else "word 1-2 grams, English stop words"
        return f"tfidf sublinear {feats}; OvR LinearSVC C={args.C}"
    if args.peer == "omikuji":
        feats = "char 1-2 grams" if args.lang == "zh" else "word 1-2 grams, English stop words"
        return f"tfidf sublinear {feats}; omikuji default (Parabel), train threads={args.train_threads}"
    return f"fasttext ova epoch=50 wordNgrams=2 dim=100 lr=0.1, thread={args.train_threads}"


if __name__ == "__main__":
    sys.exit(main())
