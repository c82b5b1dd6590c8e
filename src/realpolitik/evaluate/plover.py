"""Score the coder on the PLOVER gold standard records (../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.json).

Metrics (as ../shared/gold/README.md asks):
- event-type accuracy over the gold sentences where the coder produced at least one event: the type of the coder's
  main event (the most confident one; ties go to the first in the sentence) is one of the sentence's gold types;
- event-level precision, recall and F1: a predicted event matches a gold event of the same sentence when the type is
  the same and the actor and recipient code sets are equal (organisations compared by their class IGO/NGO);
- coverage: the share of gold sentences with at least one coded event.

PLOVER codes a reciprocal meeting or agreement as both parties in the actor slot with no recipient, and the gold
does so inconsistently ("A and B met" vs "A met B"); for the symmetric types AGREE, CONSULT and COOPERATE both sides
are compared as one set of participants. Our intended cooperation (status planned/hypothetical) is read as PLOVER's
AGREE (events.plover_event_type).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

# PLOVER 0.5 names in the gold -> today's 16 types (gold README)
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# The gold's own code quirks -> ISO3
GOLD_CODE_FIXES = {"JAP": "JPN"}


@lru_cache(maxsize=1)
def _org_classes() -> dict[str, str]:
    """org code -> IGO | NGO | other, from the actors table (family column)."""
    out: dict[str, str] = {}
    try:
        text = resources.files("realpolitik").joinpath("data", "actors", "orgs.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:  # pragma: no cover
        return out
    header = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            if line.startswith("# name\t"):
                header = line[2:].split("\t")
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols))
        org, family, home = row.get("org", ""), row.get("family", ""), row.get("home", "")
        if not org:
            continue
        if family == "ngo":
            out[org] = "NGO"
        elif family in ("un", "eu", "igo"):
            out[org] = "IGO"
        elif home:
            out[org] = home  # the gold codes an armed group or party by its home country (Hamas -> PSE)
        else:
            out[org] = "IMG"  # the gold's code for an international militant group (al-Qaeda)
    return out


def actor_code(actor: dict) -> str | None:
    """The code an actor is compared by: its ISO3 country, else its organisation's class."""
    if actor.get("country"):
        return actor["country"]
    org = actor.get("org")
    if org:
        return _org_classes().get(org, org)
    return None


def gold_codes(actors) -> frozenset[str]:
    if not actors:
        return frozenset()
    out = set()
    if isinstance(actors, dict):
        actors = [actors]
    for a in actors:
        if not isinstance(a, dict):
            continue
        code = (a.get("code") or "").strip()
        if code:
            out.add(GOLD_CODE_FIXES.get(code, code))
    return frozenset(out)


@dataclass
class PloverScore:
    sentences: int = 0
    covered: int = 0
    type_correct: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    confusion: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.covered if self.covered else 0.0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted_events if self.predicted_events else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold_events if self.gold_events else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def coverage(self) -> float:
        return self.covered / self.sentences if self.sentences else 0.0

    def to_dict(self, with_misses: bool = False) -> dict:
        d = {
            "set": "plover-gsr", "sentences": self.sentences, "gold_events": self.gold_events,
            "predicted_events": self.predicted_events, "covered": self.covered,
            "coverage": round(self.coverage, 4), "type_accuracy": round(self.type_accuracy, 4),
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "confusion": {f"{g}->{p}": n for (g, p), n in self.confusion.most_common()},
        }
        if with_misses:
            d["misses"] = self.misses
        return d


def load_gold(path: str | Path) -> dict[str, list[dict]]:
    """Gold records grouped by sentence text, in file order."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    by_text: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        by_text[r["text"]].append(r)
    return by_text


SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}


def _participants(event: str, actors: frozenset, recipients: frozenset) -> tuple[str, frozenset, frozenset]:
    if event in SYMMETRIC:
        return event, actors | recipients, frozenset()
    return event, actors, recipients


def _event_key(ev: dict) -> tuple[str, frozenset, frozenset]:
    from ..events import plover_event_type

    return _participants(plover_event_type(ev["event"], ev.get("status", "asserted")),
                         frozenset(c for c in (actor_code(a) for a in ev["actor"]) if c),
                         frozenset(c for c in (actor_code(a) for a in ev["recipient"]) if c))


def _main_event(events: list[dict]) -> dict:
    return max(enumerate(events), key=lambda p: (p[1].get("confidence") or 0, -p[0]))[1]


def score(by_text: dict[str, list[dict]], coded: Iterable[tuple[str, list[dict]]]) -> PloverScore:
    """Score coded sentences (text, events as dicts) against the gold grouped by text."""
    s = PloverScore()
    for text, events in coded:
        gold = by_text[text]
        s.sentences += 1
        gold_keys = [_participants(OLD_TYPES.get(g["event"], g["event"]), gold_codes(g.get("source")),
                                   gold_codes(g.get("target"))) for g in gold]
        gold_types = {k[0] for k in gold_keys}
        s.gold_events += len(gold_keys)
        pred_keys = list(dict.fromkeys(_event_key(e) for e in events))
        s.predicted_events += len(pred_keys)
        if events:
            s.covered += 1
            main = _event_key(_main_event(events))[0]
            if main in gold_types:
                s.type_correct += 1
            s.confusion[(sorted(gold_types)[0], main)] += 1
        matched_gold = set()
        for pk in pred_keys:
            hit = next((i for i, gk in enumerate(gold_keys) if gk == pk and i not in matched_gold), None)
            if hit is not None:
                matched_gold.add(hit)
                s.matched_predicted += 1
        s.matched_gold += len(matched_gold)
        if len(matched_gold) < len(gold_keys):
            s.misses.append({"text": text,
                             "gold": [[k[0], sorted(k[1]), sorted(k[2])] for k in gold_keys],
                             "predicted": [[k[0], sorted(k[1]), sorted(k[2])] for k in pred_keys]})
    return s


def evaluate_plover(path: str | Path, batch_size: int = 32) -> PloverScore:
    """Code every gold sentence with the full pipeline (no document date: the gold dates are placeholders)."""
    from ..pipeline import code_articles
    from ..records import Article

    by_text = load_gold(path)
    articles = [Article(text=t) for t in by_text]
    # Article normalises whitespace; keep the gold's own text as the key
    coded = ((t, [e.to_dict() for e in ca.events])
             for t, ca in zip(by_text, code_articles(articles, batch_size=batch_size)))
    return score(by_text, coded)
