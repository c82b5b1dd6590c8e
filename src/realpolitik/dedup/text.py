"""Text similarity used to merge reports and to cluster documents: no models, no network.

Content words are lower-cased alphabetic tokens that are not English stop words
(spaCy's list, no model needed); numbers are kept because dates and counts identify events.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Sequence

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str | None) -> list[str]:
    """Lower-cased content tokens of ``text`` in order (stop words and 1-letter tokens dropped)."""
    if not text:
        return []
    stop = _stop_words()
    out = []
    for tok in _TOKEN.findall(text.lower()):
        tok = tok.replace("’", "'")
        if tok.endswith("'s"):
            tok = tok[:-2]
        if len(tok) < 2 or tok in stop:
            continue
        out.append(_light_stem(tok))
    return out


def _light_stem(tok: str) -> str:
    # a crude suffix strip so that "visits"/"visited"/"visiting" meet; enough for set overlap
    if tok.isdigit() or len(tok) <= 4:
        return tok
    for suf in ("ing", "ed", "es", "s"):
        if tok.endswith(suf) and len(tok) - len(suf) >= 4:
            return tok[: -len(suf)]
    return tok


def token_set(*texts: str | None) -> frozenset[str]:
    words: set[str] = set()
    for t in texts:
        words.update(content_words(t))
    return frozenset(words)


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


class TfidfIndex:
    """TF-IDF vectors (log tf, smoothed idf, L2-normalised) over content words of a fixed collection."""

    def __init__(self, texts: Sequence[str]):
        self.tokens = [content_words(t) for t in texts]
        df: Counter[str] = Counter()
        for toks in self.tokens:
            df.update(set(toks))
        n = len(texts)
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        self.vectors = [self._vector(toks) for toks in self.tokens]

    def _vector(self, toks: Iterable[str]) -> dict[str, float]:
        tf = Counter(toks)
        vec = {w: (1 + math.log(c)) * self.idf.get(w, 1.0) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(w, 0.0) for w, v in a.items())

    def matrix(self):
        """Dense cosine matrix (numpy) of the whole collection."""
        import numpy as np

        vocab = {w: k for k, w in enumerate(sorted(self.idf))}
        m = np.zeros((len(self.vectors), len(vocab)), dtype=np.float64)
        for i, vec in enumerate(self.vectors):
            for w, v in vec.items():
                m[i, vocab[w]] = v
        return m @ m.T


class UnionFind:
    """Connected components: order-independent, so incremental and full passes agree."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def add(self, x) -> None:
        self.parent.setdefault(x, x)

    def find(self, x):
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key wins so that roots are deterministic
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> dict:
        out: dict = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out
