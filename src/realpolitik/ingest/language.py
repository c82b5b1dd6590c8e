"""Which language an article is written in (py3langid: offline, its model ships in the package).

The coder's lexicons and the parser are English; an article in another language would give no events, or
wrong ones, silently. Ingest therefore skips it and says so, with the language it found. Short or noisy
texts (a headline, a list of datelines) are classified unreliably, so an article is skipped only when it is
long enough and the identifier is sure (``LanguageSettings``); everything else is read as English.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class LanguageSettings:
    # languages that are coded; an article found to be in another one is skipped
    keep: tuple[str, ...] = ("en",)
    # texts with fewer letters than this are never skipped: a headline-only article is too short to judge
    # ("Putin meets Erdogan in Sochi" comes out as Dutch at 0.11)
    min_letters: int = 120
    # skip only above this confidence (probabilities normalised over all 97 languages); on the Guardian sample
    # and 4,500 synthetic stories, no English article has another language above 0.67 (`docs/SCALE.md`)
    min_confidence: float = 0.90
    # the identifier reads the start of the text only: 1,000 characters take ~1 ms and decide as well as the whole
    sample_chars: int = 1000
    enabled: bool = True


DEFAULT = LanguageSettings()

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, settings: LanguageSettings = DEFAULT) -> tuple[str, float]:
    """``(ISO 639-1 code, confidence 0-1)`` of the start of ``text``."""
    lang, confidence = _identifier().classify(text[: settings.sample_chars])
    return lang, float(confidence)


def foreign_language(text: str, settings: LanguageSettings = DEFAULT) -> tuple[str, float] | None:
    """``(language, confidence)`` when ``text`` is surely not in ``settings.keep``, else None (code it)."""
    if not settings.enabled:
        return None
    sample = text[: settings.sample_chars]
    if len(_LETTER.findall(sample)) < settings.min_letters:
        return None
    lang, confidence = detect_language(sample, settings)
    if lang in settings.keep or confidence < settings.min_confidence:
        return None
    return lang, confidence
