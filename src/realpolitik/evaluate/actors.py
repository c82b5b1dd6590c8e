"""Score actor resolution against the NGEC expectations (../shared/gold/actors-ngec).

NGEC's conventions are mapped here, not in the product: UN bodies are ``UNO``, the EU ``EUR``, other
intergovernmental organisations ``IGO``; an armed group or party counts as its home country;
``""`` means "no country" or "no sector".  A row's date "today", or no date, means the run date (pass
``today`` to make a score reproducible).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RealpolitikError
from ..records import Actor

GOLD_NAME = "actors-ngec/actor_resolution_expectations.jsonl"
NGEC_FAMILY = {"un": "UNO", "eu": "EUR", "igo": "IGO", "ngo": ""}


def default_gold_path() -> Path:
    shared = os.environ.get("REALPOLITIK_SHARED") or str(Path(__file__).resolve().parents[3] / ".." / "shared")
    return Path(shared) / "gold" / GOLD_NAME


@dataclass
class ActorScore:
    rows: int = 0
    country_total: int = 0
    country_correct: int = 0
    sector_total: int = 0
    sector_correct: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def country_accuracy(self) -> float:
        return round(self.country_correct / self.country_total, 4) if self.country_total else 0.0

    @property
    def sector_accuracy(self) -> float:
        return round(self.sector_correct / self.sector_total, 4) if self.sector_total else 0.0

    def to_dict(self, with_misses: bool = True) -> dict:
        d = {
            "rows": self.rows,
            "country_total": self.country_total, "country_correct": self.country_correct,
            "country_accuracy": self.country_accuracy,
            "sector_total": self.sector_total, "sector_correct": self.sector_correct,
            "sector_accuracy": self.sector_accuracy,
        }
        if with_misses:
            d["misses"] = self.misses
        return d


def ngec_country(actor: Actor | None) -> str:
    """Our actor's code in NGEC's terms."""
    if actor is None:
        return ""
    if actor.country:
        return actor.country
    if actor.org:
        from ..actors.tables import get_tables

        entry = get_tables().orgs.get(actor.org)
        if entry is None:
            return "IGO"
        if entry.family in NGEC_FAMILY:
            return NGEC_FAMILY[entry.family]
        return entry.home or ""
    return ""


def _date(value: str | None, today: dt.date) -> dt.date | None:
    # NGEC's own tests resolve an undated case on the day they run: so do we
    if not value or value.strip().lower() == "today":
        return today
    import dateparser

    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def load_gold(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise RealpolitikError("E207", f"gold file not found; pass the path of {GOLD_NAME} under ../shared/gold",
                               str(path))
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise RealpolitikError("E208", f"not a JSON line: {exc.msg}", str(path), lineno) from None
    return rows


def evaluate_actors(path: str | Path | None = None, today: dt.date | None = None) -> ActorScore:
    """Country and sector accuracy over the active rows that carry that key."""
    from ..actors import resolve_main

    today = today or dt.date.today()
    score = ActorScore()
    for row in load_gold(path or default_gold_path()):
        if not row.get("active", True):
            continue
        args = list(row.get("args") or []) + ["", "", ""]
        text, context, date = args[0], args[1] or "", args[2] or ""
        expect = row.get("expect", {})
        if "country" not in expect and "code_1" not in expect:
            continue
        score.rows += 1
        actor = resolve_main(text, _date(date, today), context) if text else None
        got_country = ngec_country(actor)
        got_sector = (actor.sector or "") if actor else ""
        miss = {}
        if "country" in expect:
            score.country_total += 1
            if got_country == (expect["country"] or ""):
                score.country_correct += 1
            else:
                miss["country"] = [expect["country"], got_country]
        if "code_1" in expect:
            score.sector_total += 1
            if got_sector == (expect["code_1"] or ""):
                score.sector_correct += 1
            else:
                miss["sector"] = [expect["code_1"], got_sector]
        if miss:
            score.misses.append({"test": row.get("test"), "args": row.get("args"), **miss})
    return score
