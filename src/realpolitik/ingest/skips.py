"""What a read skipped on purpose (not errors): records that hold no article, articles not in English.

Readers count each skipped record under a reason; articles skipped for their language are also listed one by
one (the user may want to know which ones), and readers can leave notes for the summary line (a feed that
carries only summaries).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

NOT_ENGLISH = "not English"


@dataclass
class Skipped:
    """One input left out on purpose, with where it was and why."""

    path: str
    line: int | None
    reason: str
    article_id: str | None = None
    language: str | None = None
    confidence: float | None = None

    def describe(self) -> str:
        if self.language:
            return f"{self.reason} ({self.language}, confidence {self.confidence:.2f})"
        return self.reason


@dataclass
class ReadReport:
    """Filled while ``read_paths`` runs: counts per reason, the listed skips, notes for the summary."""

    counts: Counter = field(default_factory=Counter)
    listed: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, reason: str, n: int = 1) -> None:
        self.counts[reason] += n

    def skip(self, item: Skipped) -> None:
        self.counts[item.reason] += 1
        self.listed.append(item)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def languages(self) -> Counter:
        return Counter(s.language for s in self.listed if s.language)

    def describe(self) -> str:
        """``3 not English (de 2, fr 1), 24 WARC records that are not HTML pages``, or ``""``."""
        parts = []
        for reason, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if reason == NOT_ENGLISH:
                langs = ", ".join(f"{lang} {k}" for lang, k in sorted(self.languages().items(),
                                                                        key=lambda kv: (-kv[1], kv[0])))
                parts.append(f"{n} {reason} ({langs})" if langs else f"{n} {reason}")
            else:
                parts.append(f"{n} {reason}")
        return ", ".join(parts)
