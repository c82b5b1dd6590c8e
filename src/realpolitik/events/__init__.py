"""Events: parsed sentences + actor mentions -> PLOVER events with status and attribution (dates come later)."""
from __future__ import annotations

from ..records import Actor, Article, Event
from .coder import Coder, MentionIndex, actors_of, get_coder
from .lexicon import get_lexicon


def code_doc(doc, mentions: list[Actor], article: Article, places: list[Actor] | None = None) -> list[Event]:
    """Every event of every sentence of a parsed article; `Event.date` is left to the time stage.

    `places` are place names that are not actors (kind="place"); they can be the recipient of a visit or an attack.
    """
    coder = get_coder()
    index = MentionIndex(doc, mentions)
    if places:
        index.add_places(doc, places)
    events: list[Event] = []
    for i, sent in enumerate(doc.sents):
        events.extend(coder.code_sentence(sent, i, index, article.article_id))
    return events


# PLOVER codes an announced intent to cooperate as AGREE ("agree to, offer, promise, or otherwise indicate
# willingness or commitment to cooperate"); we keep the intended act's own type with status planned/hypothetical,
# and give the PLOVER reading here for exports and the PLOVER evaluation.
_INTENT_AS_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


_THREAT_AS_THREATEN = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}
_REFUSABLE = _INTENT_AS_AGREE | {"AGREE"}


def plover_event_type(event: str, status: str) -> str:
    """The PLOVER event type of a coded event: an intended cooperation is AGREE, an announced conflictual act is
    THREATEN, and a cooperation the actor does not do ("will not accept", "failed to agree") is REJECT."""
    if status in ("planned", "hypothetical"):
        if event in _INTENT_AS_AGREE:
            return "AGREE"
        if event in _THREAT_AS_THREATEN:
            return "THREATEN"
    if status == "negated" and event in _REFUSABLE:
        return "REJECT"
    return event


__all__ = ["plover_event_type", "code_doc", "Coder", "MentionIndex", "actors_of", "get_lexicon"]
