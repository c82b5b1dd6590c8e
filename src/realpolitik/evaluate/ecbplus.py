"""ECB+ document clustering: does the text similarity that merges reports into stories find the same event?

Documents are clustered with the story machinery (connected components of the pairs whose content-word
similarity reaches a threshold) and scored against the gold ``subtopic`` labels with B-cubed and
pairwise precision/recall/F1. ``scope="global"`` clusters all documents at once (honest: topics are
not given); ``scope="topic"`` clusters within each gold topic (what many papers report, easier).
"""
from __future__ import annotations

import json
import os
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


def shared_dir() -> Path:
    return Path(os.environ.get("REALPOLITIK_SHARED") or Path(__file__).resolve().parents[3].parent / "shared")


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
        from .ecbplus_mentions import score_mentions

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
