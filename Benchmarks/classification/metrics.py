"""Multi-label ranking metrics, per document then averaged (the definitions the Swift side uses too).

P@k    = |top-k ∩ gold| / k                     (k fixed, even if fewer than k suggestions)
R@5    = |top-5 ∩ gold| / |gold|
NDCG@5 = DCG / IDCG, DCG = sum_{i=1..5} rel_i / log2(i+1) with binary rel_i,
         IDCG over min(|gold|, 5) relevant items.
Documents with no gold labels are not scored (the loaders drop them).
"""
import math

_DISC = [1.0 / math.log2(i + 2) for i in range(5)]


def score_document(ranked, gold):
    gold = set(gold)
    hits = [1 if lab in gold else 0 for lab in list(ranked)[:5]]
    hits += [0] * (5 - len(hits))
    dcg = sum(h * d for h, d in zip(hits, _DISC))
    idcg = sum(_DISC[: min(len(gold), 5)])
    return {
        "p_at_1": hits[0] / 1.0,
        "p_at_3": sum(hits[:3]) / 3.0,
        "p_at_5": sum(hits) / 5.0,
        "r_at_5": sum(hits) / len(gold),
        "ndcg_at_5": dcg / idcg,
    }


def evaluate(rankings, golds):
    """rankings: list of ranked label lists (best first); golds: list of gold label lists."""
    assert len(rankings) == len(golds)
    keys = ("p_at_1", "p_at_3", "p_at_5", "r_at_5", "ndcg_at_5")
    tot = dict.fromkeys(keys, 0.0)
    n = 0
    for r, g in zip(rankings, golds):
        if not g:
            continue
        s = score_document(r, g)
        for k in keys:
            tot[k] += s[k]
        n += 1
    out = {k: (tot[k] / n if n else 0.0) for k in keys}
    out["documents"] = n
    return out
