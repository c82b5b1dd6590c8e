"""ECB+ document clustering: does the text similarity that merges reports into stories find the same event?

Documents are clustered with the story machinery (connected components of the pairs whose content-word
similarity reaches a threshold) and scored against the gold ``subtopic`` labels with B-cubed and
pairwise precision/recall/F1. ``scope="global"`` clusters all documents at once (honest: topics are
not given); ``scope="topic"`` clusters within each gold topic (what many papers report, easier).
"""
from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any, Hashable, Sequence

from ..dedup.settings import DEFAULT as DEDUP_DEFAULT
from ..dedup.text import TfidfIndex, UnionFind, jaccard, token_set
from ..errors import RealpolitikError

MEASURES = ("jaccard", "tfidf")
# jaccard: the story merger's own threshold, untuned on ECB+; tfidf: pinned on topic-parity
# 2-fold cross-validation of the dev set (both folds peak at 0.3; see docs/ANALYTICS.md)
DEFAULT_THRESHOLDS = {"jaccard": DEDUP_DEFAULT.min_similarity, "tfidf": 0.3}


def load_docs(path: Path | str) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.exists():
        raise RealpolitikError("E507", "ECB+ documents not found; pass the path to ecbplus_docs.jsonl", str(path))
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                docs.append({"doc": d["doc"], "topic": d["topic"], "subtopic": d["subtopic"], "text": d["text"]})
            except (json.JSONDecodeError, KeyError) as exc:
                raise RealpolitikError("E508", f"not an ECB+ document line ({exc})", str(path), n) from exc
    return docs


def cluster_texts(texts: Sequence[str], threshold: float, measure: str = "jaccard") -> list[int]:
    """Cluster label per text: connected components of similarity >= threshold.

    ``jaccard`` is the content-word set overlap that merges reports into stories; ``tfidf`` is the
    cosine of content-word TF-IDF vectors (idf over the texts given).
    """
    uf = UnionFind()
    n = len(texts)
    if measure == "tfidf":
        sims = TfidfIndex(texts).matrix()
        for i in range(n):
            uf.add(i)
            for j in (sims[i, i + 1:] >= threshold).nonzero()[0]:
                uf.union(i, i + 1 + int(j))
    elif measure == "jaccard":
        sets = [token_set(t) for t in texts]
        for i in range(n):
            uf.add(i)
            for j in range(i + 1, n):
                if jaccard(sets[i], sets[j]) >= threshold:
                    uf.union(i, j)
    else:
        raise RealpolitikError("E509", f"unknown similarity {measure!r}; use one of {', '.join(MEASURES)}")
    return [uf.find(i) for i in range(n)]


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision/recall/F1 of a clustering (one label per item)."""
    from collections import Counter

    both = Counter(zip(pred, gold))
    pc, gc = Counter(pred), Counter(gold)
    n = len(pred)
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold)) / n
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold)) / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Precision/recall/F1 over the pairs of items put together."""
    from collections import Counter

    def pairs(labels):
        return sum(c * (c - 1) // 2 for c in Counter(labels).values())

    tp = pairs(list(zip(pred, gold)))
    pp, gp = pairs(pred), pairs(gold)
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def cluster_docs(docs: list[dict[str, Any]], threshold: float, scope: str = "global",
                 measure: str = "jaccard") -> list[Hashable]:
    if scope == "global":
        return cluster_texts([d["text"] for d in docs], threshold, measure)
    if scope != "topic":
        raise RealpolitikError("E509", f"unknown scope {scope!r}; use global or topic")
    labels: list[Hashable] = [None] * len(docs)
    by_topic: dict[Any, list[int]] = {}
    for i, d in enumerate(docs):
        by_topic.setdefault(d["topic"], []).append(i)
    for topic, idx in by_topic.items():
        sub = cluster_texts([docs[i]["text"] for i in idx], threshold, measure)
        for i, lab in zip(idx, sub):
            labels[i] = (topic, lab)
    return labels


def evaluate_ecbplus(docs_path: Path | str, mentions_path: Path | str | None = None,
                     threshold: float | None = None, scope: str = "global",
                     measure: str = "jaccard") -> dict[str, Any]:
    """Document-clustering scores against gold subtopics (and, with mentions, event coreference)."""
    docs = load_docs(docs_path)
    if measure not in MEASURES:
        raise RealpolitikError("E509", f"unknown similarity {measure!r}; use one of {', '.join(MEASURES)}")
    threshold = DEFAULT_THRESHOLDS[measure] if threshold is None else threshold
    pred = cluster_docs(docs, threshold, scope, measure)
    gold = [d["subtopic"] for d in docs]
    out: dict[str, Any] = {
        "n_docs": len(docs), "n_gold_clusters": len(set(gold)), "n_clusters": len(set(pred)),
        "scope": scope, "measure": measure, "threshold": threshold,
        "scores": {"bcubed": bcubed(pred, gold), "pairwise": pairwise(pred, gold)},
    }
    if mentions_path:
        out["scores"].update(score_mentions(mentions_path, docs, pred))
    return out


def sweep(docs: list[dict[str, Any]], thresholds: Sequence[float], scope: str = "global",
          measure: str = "jaccard") -> list[dict[str, Any]]:
    """B-cubed F1 per threshold and per topic-parity fold (threshold chosen on one fold, read on the other)."""
    rows = []
    for t in thresholds:
        pred = cluster_docs(docs, t, scope, measure)
        gold = [d["subtopic"] for d in docs]
        row = {"threshold": t, "all": bcubed(pred, gold)["f1"]}
        for parity in (0, 1):
            idx = [i for i, d in enumerate(docs) if int(d["topic"]) % 2 == parity]
            row[f"fold{parity}"] = bcubed([pred[i] for i in idx], [gold[i] for i in idx])["f1"]
        rows.append(row)
    return rows


# -- event-mention coreference (CoNLL F1 = mean of MUC, B-cubed and CEAF-e F1) ----------------------

def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _muc(key: list[set], resp: list[set]) -> dict[str, float]:
    def side(a: list[set], b: list[set]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return _prf(side(resp, key), side(key, resp))


def _b3(key: list[set], resp: list[set]) -> dict[str, float]:
    def side(a: list[set], b: list[set]) -> float:
        where = {m: c for c in b for m in c}
        n = sum(len(c) for c in a)
        return sum(len(c & where.get(m, set())) / len(c) for c in a for m in c) / n if n else 0.0

    return _prf(side(resp, key), side(key, resp))


def _ceafe(key: list[set], resp: list[set]) -> dict[str, float]:
    """Entity-based CEAF; the optimal alignment is found per connected component of overlapping chains."""
    import networkx as nx

    g = nx.Graph()
    where = {m: j for j, c in enumerate(resp) for m in c}
    for i, k in enumerate(key):
        for j in {where[m] for m in k if m in where}:
            r = resp[j]
            g.add_edge(("k", i), ("r", j), weight=2 * len(k & r) / (len(k) + len(r)))
    total = 0.0
    for comp in nx.connected_components(g):
        sub = g.subgraph(comp)
        if sub.number_of_edges() == 1:
            total += next(iter(sub.edges(data=True)))[2]["weight"]
        else:
            match = nx.max_weight_matching(sub)
            total += sum(sub[a][b]["weight"] for a, b in match)
    return _prf(total / len(resp) if resp else 0.0, total / len(key) if key else 0.0)


def score_mentions(mentions_path: Path | str, docs: list[dict[str, Any]], doc_clusters: Sequence[Hashable],
                   validated_only: bool = True) -> dict[str, dict[str, float]]:
    """Cross-document event coreference from the document clusters: within a predicted cluster, event
    mentions whose first word has the same stem corefer (the classic same-lemma baseline)."""
    from ..dedup.text import _light_stem

    cluster_of = {d["doc"]: c for d, c in zip(docs, doc_clusters)}
    gold: dict[str, set] = {}
    pred: dict[tuple, set] = {}
    with Path(mentions_path).open(encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            if m.get("kind") != "event" or (validated_only and not m.get("in_validated_sentence")):
                continue
            if m["doc"] not in cluster_of:
                continue
            key = (m["doc"], m["m_id"])
            gold.setdefault(m["chain"], set()).add(key)
            words = m["text"].lower().split()
            head = _light_stem(words[0]) if words else ""
            pred.setdefault((cluster_of[m["doc"]], head), set()).add(key)
    key_chains, resp_chains = list(gold.values()), list(pred.values())
    muc, b3, ceafe = _muc(key_chains, resp_chains), _b3(key_chains, resp_chains), _ceafe(key_chains, resp_chains)
    conll = (muc["f1"] + b3["f1"] + ceafe["f1"]) / 3
    return {"mention_muc": muc, "mention_bcubed": b3, "mention_ceafe": ceafe,
            "mention_conll": {"f1": conll}}
