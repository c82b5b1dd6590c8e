"""Plain records passed between the pipeline stages.

Every stage takes these in and gives these out, so that a stage can be tested alone
and run inside a Spark task. ``to_dict`` gives the JSON form used by the CLI and store.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION",
    "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("asserted", "planned", "hypothetical", "negated", "denied", "alleged")
# "period": a named period with its own span (World War II: 1939-09-01 .. 1945-09-02), see docs/TIME.md
PRECISIONS = ("day", "month", "year", "decade", "century", "period", "unknown")
PUBLISHED_FROM = ("metadata", "byline", "user", "unknown")


def normalise_text(text: str) -> str:
    """The form an article's id is computed from: NFC, unified newlines, trimmed lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def article_id_for(text: str) -> str:
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    text: str
    article_id: str = ""
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_from: str = "unknown"
    path: str | None = None  # where it was read from (file, file:line)

    def __post_init__(self) -> None:
        self.text = normalise_text(self.text)
        if not self.article_id:
            self.article_id = article_id_for(self.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Actor:
    """A resolved actor mention."""

    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3 (or SUN etc. for historical states)
    org: str | None = None  # IGO/NGO/armed-group code: UN, NATO, EU, IAEA, HEZBOLLAH
    sector: str | None = None  # PLOVER sector: GOV, MIL, SPY, ...
    office: str | None = None  # for people: the office held on the article's date
    start: int | None = None  # char offsets in the article text
    end: int | None = None
    kind: str | None = None  # country | capital | metonym | org | group | organ | person | role | pronoun

    @property
    def code(self) -> str:
        return self.country or self.org or "UNK"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return d


@dataclass
class Location:
    text: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    article_id: str
    sentence_index: int
    span: tuple[int, int]  # character offsets of the evidence sentence in the article text
    evidence: str
    event: str
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    quad: str | None = None
    intensity: float | None = None
    cameo_root: str | None = None
    status: str = "asserted"
    attributed_to: Actor | None = None
    date: str | None = None  # first day of the interval the event happened in
    date_end: str | None = None  # last day of it; None with a date: an open interval ("from 2015 onward")
    date_precision: str = "unknown"
    date_text: str | None = None
    historical: bool = False
    location: Location | None = None
    confidence: float = 0.5
    trigger: str | None = None  # the words that carry the event
    trigger_span: tuple[int, int] | None = None
    event_id: str = ""

    def compute_id(self) -> str:
        key = "|".join([
            self.article_id, str(self.sentence_index), self.event,
            ",".join(a.code for a in self.actor), ",".join(a.code for a in self.recipient),
            self.trigger or "", str(self.trigger_span),
        ])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        if not self.event_id:
            self.event_id = self.compute_id()
        d = {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "span": list(self.span),
            "evidence": self.evidence,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "quad": self.quad,
            "intensity": self.intensity,
            "cameo_root": self.cameo_root,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "status": self.status,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "date": self.date,
            "date_end": self.date_end,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "historical": self.historical,
            "location": self.location.to_dict() if self.location else None,
            "confidence": self.confidence,
            "trigger": self.trigger,
        }
        return d


@dataclass
class EventTime:
    """What the time stage says about when an event happened."""

    date: str | None = None  # ISO date of the interval's start (YYYY-MM-DD), None if unknown
    date_end: str | None = None  # ISO date of its last day; None with a date: open ("from the ninth century onward")
    precision: str = "unknown"
    text: str | None = None  # the time expression used, or None when the document date was used
    historical: bool = False
    value: str | None = None  # the TIMEX3 value, e.g. 2024-09, 19XX, P1W


@dataclass
class Timex:
    """A time expression found in a text, with its TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. 2024-09-15, 2024-09, 2024-W37, 199X, 17, P5M, PRESENT_REF
    mod: str | None = None  # START | MID | END | APPROX ...
