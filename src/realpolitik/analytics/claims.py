"""Disputed claims: what someone says happened (alleged), next to who denies it."""
from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from ..dedup.stories import event_group
from .common import require_stories

# a denial answers a claim first reported within this many days of it: disputes run for months
CLAIM_WINDOW_DAYS = 365

_COLS = ("story_id", "event", "quad", "status", "actor_codes", "recipient_codes", "attributed_codes", "date",
         "date_precision", "first_reported", "n_reports", "n_sources")


def _stories(con: duckdb.DuckDBPyConnection, where: str) -> list[dict[str, Any]]:
    rows = con.execute(f"SELECT {', '.join(_COLS)} FROM stories WHERE {where} "
                       "ORDER BY first_reported NULLS LAST, story_id").fetchall()
    return [dict(zip(_COLS, r)) for r in rows]


def _evidence(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not story_ids:
        return {}
    rows = con.execute("""
        SELECT sr.story_id, e.source, CAST(e.published AS VARCHAR), e.attributed_code,
               json_extract_string(e.attributed_to, '$.text'), e.evidence, e.event_id
        FROM story_reports sr JOIN events e USING (event_id)
        WHERE sr.story_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY sr.story_id, e.published NULLS LAST, e.event_id""", [story_ids]).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for sid, source, published, who, who_text, evidence, eid in rows:
        out.setdefault(sid, []).append({"event_id": eid, "source": source, "published": published,
                                        "attributed_code": who, "attributed_text": who_text, "evidence": evidence})
    return out


def _iso(d) -> str | None:
    return d.isoformat() if isinstance(d, dt.date) else d


def _near(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= CLAIM_WINDOW_DAYS


def _answers(denial: dict[str, Any], claim: dict[str, Any]) -> bool:
    """Does this denied/REJECT story deny this claim? The accused must be the one denying."""
    accused = set(claim["actor_codes"] or ())
    if not _near(denial["first_reported"], claim["first_reported"]):
        return False
    if denial["status"] == "denied":
        # "Iran denied supplying drones to Russia": same act, same accused (and target when given)
        if event_group(denial["event"]) != event_group(claim["event"]):
            return False
        if not accused & set(denial["actor_codes"] or ()):
            return False
        targets = set(denial["recipient_codes"] or ())
        return not targets or bool(targets & set(claim["recipient_codes"] or ()))
    # "Iran rejected the US accusations": a REJECT by the accused, aimed at the claimant (or at no one)
    deniers = set(denial["actor_codes"] or ())
    targets = set(denial["recipient_codes"] or ())
    claimants = set(claim["attributed_codes"] or ())
    aimed_at = claimants | set(claim["recipient_codes"] or ())
    return bool(accused & deniers) and (not targets or bool(targets & aimed_at))


def _involves(story: dict[str, Any], dyad: tuple[str, str]) -> bool:
    parties = set(story["actor_codes"] or ()) | set(story["recipient_codes"] or ()) | set(
        story.get("attributed_codes") or ())
    return set(dyad) <= parties


def claims(con: duckdb.DuckDBPyConnection, dyad: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Alleged stories with who claims them and the denials that answer them, side by side with evidence.

    Denied stories that answer no alleged story in the database are listed too (``claim`` is None):
    a denial tells that someone made the claim.
    """
    require_stories(con)
    # a REJECT is itself a denial ("a charge that Iran rejects" is reported as alleged by some coders)
    alleged = _stories(con, "status = 'alleged' AND event <> 'REJECT'")
    denials = _stories(con, "status = 'denied' OR (event = 'REJECT' AND status IN ('asserted', 'alleged'))")
    if dyad:
        dyad = (dyad[0].upper(), dyad[1].upper())
    used: set[str] = set()
    out = []
    for c in alleged:
        answered = [d for d in denials if _answers(d, c)]
        if dyad and not (_involves(c, dyad) or any(_involves(d, dyad) for d in answered)):
            continue
        used.update(d["story_id"] for d in answered)
        out.append({"claim": c, "denials": answered, "disputed": bool(answered)})
    for d in denials:
        if d["status"] == "denied" and d["story_id"] not in used and (not dyad or _involves(d, dyad)):
            out.append({"claim": None, "denials": [d], "disputed": True})
    ev = _evidence(con, sorted({s["story_id"] for item in out for s in ([item["claim"]] if item["claim"] else [])
                                + item["denials"]}))
    for item in out:
        for s in ([item["claim"]] if item["claim"] else []) + item["denials"]:
            s["date"] = _iso(s["date"])
            s["first_reported"] = _iso(s["first_reported"])
            s["reports"] = ev.get(s["story_id"], [])
            # who claims it, in words, when no actor code was resolved ("Western governments")
            s["claimed_by"] = list(s["attributed_codes"] or []) or sorted(
                {r["attributed_text"] for r in s["reports"] if r["attributed_text"]})
    return out
