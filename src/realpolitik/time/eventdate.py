"""The date of an event: the time expression that governs its predicate, else the document date for a
news report, else the historical time the paragraph is narrating, else unknown.

A time expression governs the event when, climbing the dependency tree from the expression, the first
predicate reached is the trigger or one of the trigger's own heads (its clause, the verb it is the
object of, the verb it is conjoined to). "The US accused Iran in September of ..." dates the accusation;
the first date of a sentence that belongs to another clause does not.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

from ..records import EventTime, Timex
from .timexes import parse_value

log = logging.getLogger(__name__)

# an interval that ended more than this before the document date is history, not news
HISTORICAL_AFTER = dt.timedelta(days=365)
# a week is reported as month precision: claiming a day would be more than the text says
_PRECISION = {"day": "day", "week": "month", "month": "month", "season": "month", "quarter": "month",
              "half": "month", "year": "year", "decade": "decade", "century": "century", "period": "period"}
_PREDICATE_POS = {"VERB", "AUX"}
_FUTURE_WORDS = {"will", "shall", "'ll", "wo"}


def _as_date(dct) -> dt.date | None:
    if dct is None or isinstance(dct, dt.date):
        return dct
    return dt.date.fromisoformat(str(dct)[:10])


def _governor(tok):
    """The first predicate above a token (the token's own clause)."""
    cur = tok
    for _ in range(50):
        if cur.head is cur:
            return cur
        cur = cur.head
        if cur.pos_ in _PREDICATE_POS:
            return cur
    return cur


def _head_chain(tok) -> list:
    chain = [tok]
    cur = tok
    for _ in range(50):
        if cur.head is cur:
            break
        cur = cur.head
        chain.append(cur)
    return chain


def _usable(tx: Timex) -> bool:
    """Expressions that can place an event in time (a duration or a frequency cannot)."""
    if tx.type not in ("DATE", "TIME"):
        return False
    return tx.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") or parse_value(tx.value) is not None


# "from the ninth century onward", "since 2015": the interval starts at the expression and stays open
_OPEN_BEFORE = re.compile(r"\b(?:since|from)\s+$", re.I)
_OPEN_AFTER = re.compile(r"\s*(?:onwards?|on)\b", re.I)


def is_open_ended(text: str | None, tx: Timex) -> bool:
    """``tx`` starts an open interval in ``text``: "since 2015", "from the ninth century onward"."""
    if not text:
        return False
    before = text[max(0, tx.start - 8):tx.start]
    after = text[tx.end:tx.end + 9]
    if re.search(r"\bsince\s+$", before, re.I):
        return True
    return bool(_OPEN_BEFORE.search(before) and _OPEN_AFTER.match(after))


def _from_timex(tx: Timex, dct: dt.date | None, text: str | None = None) -> EventTime:
    if tx.value == "PRESENT_REF":
        if dct is None:
            return EventTime(text=tx.text, value=tx.value)
        return EventTime(date=dct.isoformat(), date_end=dct.isoformat(), precision="day", text=tx.text,
                         value=tx.value)
    if tx.value in ("PAST_REF", "FUTURE_REF"):
        return EventTime(text=tx.text, value=tx.value)  # "recently": before the dct, but when is unknown
    parsed = parse_value(tx.value)
    if parsed is None:
        return EventTime(text=tx.text, value=tx.value)
    start, end, gran = parsed
    precision = _PRECISION.get(gran, "year")
    if dct is not None:
        historical = end < dct - HISTORICAL_AFTER
    else:
        historical = precision in ("decade", "century", "period")
    if is_open_ended(text, tx):
        # "from the ninth century onward": it began then; when it ended the text does not say
        return EventTime(date=start.isoformat(), date_end=None, precision=precision, text=tx.text,
                         historical=historical, value=tx.value)
    return EventTime(date=start.isoformat(), date_end=end.isoformat(), precision=precision, text=tx.text,
                     historical=historical, value=tx.value)


# "from 2015 to 2018", "between March and May", "2009-2010": the event spans both expressions
_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|and|[-–—])\s*\Z", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+\Z", re.I)


def _with_range_end(et: EventTime, tx: Timex, timexes: list[Timex], text: str) -> EventTime:
    """Extend ``et`` to the end of the expression that closes a range opened by ``tx``."""
    if et.date is None or et.date_end is None or et.precision == "period":
        return et
    nxt = next((t for t in timexes if t.start >= tx.end), None)
    if nxt is None or nxt.start - tx.end > 12 or not _usable(nxt):
        return et
    join = text[tx.end:nxt.start]
    if not _RANGE_JOIN.match(join):
        return et
    if not re.match(r"\s*[-–—]", join) and not _RANGE_OPEN.search(text[max(0, tx.start - 9):tx.start]):
        return et  # "in 2015 and 2018" are two times, not one span
    parsed = parse_value(nxt.value)
    if parsed is None or parsed[1].isoformat() < et.date:
        return et
    et.date_end = parsed[1].isoformat()
    et.text = text[tx.start:nxt.end]
    return et


def _timex_tokens(doc, timexes: list[Timex], sent) -> list[tuple[Timex, object]]:
    out = []
    for tx in timexes:
        if tx.start >= sent.start_char and tx.end <= sent.end_char and _usable(tx):
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append((tx, span))
    return out


def _finite_verb(tok):
    """The tensed verb a trigger depends on: "occupying" in "forces advanced ..., occupying" is "advanced"."""
    for t in _head_chain(tok):
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ == "aux" for c in t.children):
            return t
    return tok if tok.pos_ in _PREDICATE_POS else _governor(tok)


def _is_future(tok) -> bool:
    """The predicate (or the verb a noun trigger belongs to) is a future or an infinitive of intent."""
    verb = tok if tok.pos_ in _PREDICATE_POS else _governor(tok)
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in _FUTURE_WORDS | {"to"} for c in verb.children):
        return True
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_WORDS for c in verb.children)


def _is_news_tense(tok) -> bool:
    verb = tok if tok.pos_ in _PREDICATE_POS else _governor(tok)
    if _is_future(tok):
        return False
    return verb.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG") or verb.pos_ not in _PREDICATE_POS


_TEXT_KEY = "realpolitik.time.text"


def _doc_text(doc) -> str:
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:  # doc.text joins every token anew on each call: keep it once per doc
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def sentence_of(doc, i: int):
    """The sentence holding token ``i``, found from the sentence starts around it (``Token.sent`` walks every
    sentence of the document, which costs more than all the rest of the dating on a long article)."""
    start = i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def _paragraph_reference(doc, sent, timexes: list[Timex], dct: dt.date | None) -> Timex | None:
    """The historical time a narrative paragraph set in an earlier sentence ("In the early eighteenth
    century, ... Russian forces advanced ..."): its next past-tense sentences stay in that time."""
    # the same paragraph (a line of the article) and at most the two sentences before this one
    text = _doc_text(doc)
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    prev = []  # the two sentences before this one
    start = sent.start
    while start > 0 and len(prev) < 2:
        before = sentence_of(doc, start - 1)
        prev.insert(0, before)
        start = before.start
    if prev:
        para_start = max(para_start, prev[0].start_char)
    best = None
    for tx in timexes:
        if para_start <= tx.start < sent.start_char and _usable(tx) and "REF" not in tx.value:
            best = tx
    if best is None:
        return None
    et = _from_timex(best, dct)
    return best if et.historical else None


def date_event(doc, trigger_i: int | None, timexes: list[Timex], dct) -> EventTime:
    """When the event whose trigger is token ``trigger_i`` of ``doc`` happened (see the module docstring)."""
    dct = _as_date(dct)
    if trigger_i is None or not (0 <= trigger_i < len(doc)):
        log.debug("no trigger token; the event's date is unknown")
        return EventTime()
    trig = doc[trigger_i]
    sent = sentence_of(doc, trig.i)
    chain = _head_chain(trig)
    chain_pos = {t.i: k for k, t in enumerate(chain)}
    trig_pred = trig if trig.pos_ in _PREDICATE_POS else _governor(trig)
    best, best_rank = None, None
    for tx, span in _timex_tokens(doc, timexes, sent):
        root = span.root
        if trig.i in {t.i for t in span}:
            continue
        gov = _governor(root)
        rank = None
        # the expression sits in the trigger's own phrase ("the 2015 deal", "the visit in September")
        if any(t.i == trig.i for t in _head_chain(root)[:4]) and gov.i in (trig.i, trig_pred.i):
            rank = 0
        elif gov.i in chain_pos:
            rank = chain_pos[gov.i] + 1
        if rank is not None and (best_rank is None or rank < best_rank):
            best, best_rank = tx, rank
    if best is not None and not (best_rank > 1 and _is_future(trig)):
        return _with_range_end(_from_timex(best, dct, _doc_text(doc)), best, timexes, _doc_text(doc))
    if best is not None:
        return EventTime()  # "said on Friday it will ship": Friday is the saying, not the shipping
    if _is_future(trig):
        return EventTime()  # a plan with no time given: not dated at the article's day
    ref = _paragraph_reference(doc, sent, timexes, dct)
    if ref is not None:
        verb = _finite_verb(trig)
        if verb.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children):
            return _from_timex(ref, dct, _doc_text(doc))
    if dct is not None and _is_news_tense(trig):
        return EventTime(date=dct.isoformat(), date_end=dct.isoformat(), precision="day", text=None,
                         historical=False, value=dct.isoformat())
    return EventTime()
