"""Time expressions (TIMEX3): a regular-expression recogniser and a normaliser against the document date.

Recognition: every pattern below is run over the text, the longest non-overlapping matches win.
Normalisation: left to right, so that "a year earlier" can be anchored on the last date mentioned
(the narrative's reference time), while "ago", "last week", "yesterday" are anchored on the document
date (dct). A bare month or weekday takes the year/week that the nearest tense marker implies.
Spans follow TimeML: "the" is part of "the third quarter", prepositions are not.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from ..records import Timex
from . import lexicon as L

# ---------------------------------------------------------------- vocabulary as regex pieces


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _cap_alt(words) -> str:
    """Capitalised or upper-case forms only: "May" the month, never "may" the modal."""
    forms = set()
    for w in words:
        forms.add(w.capitalize())
        forms.add(w.upper())
    return _alt(forms)


_FULL_MONTHS = [m for m in L.MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in L.MONTHS if m not in _FULL_MONTHS]
MON = rf"(?:(?:{_cap_alt(_FULL_MONTHS)})\b|(?:{_cap_alt(_ABBR_MONTHS)})(?:\.|\b))"
WD = rf"(?:{_cap_alt(L.WEEKDAYS)})\b"
NUMW = (rf"(?:(?:{_alt(L.TENS)})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
        rf"|(?:{_alt(k for k in L.SMALL_NUMBERS if k not in ('a', 'an'))}))")
NUM = (rf"(?:\d+(?:\.\d+)?(?: 1/2)?|(?:a |one |two |three |several |a few )?(?:hundred|thousand)"
       rf"|{NUMW}(?: (?:and a half|hundred|thousand))?|a couple of|a couple|couple of|a few|several|few|some|many|an|a)")
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|centuries|century)"
UNIT_SG = r"(?:second|minute|hour|day|week|month|quarter|year|decade)"
DAYNUM = rf"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b|(?i:{_alt(k for k in L.ORDINALS if ' ' not in k)})\b)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
ORDW = _alt(L.ORDINALS)
APPROX = (r"(?:about|nearly|almost|roughly|around|approximately|some|more than|less than|fewer than|over|under"
          r"|up to|at least|at most|no more than|no less than|just over|just under|well over|only)")
REL = r"(?:last|next|this|coming|past|previous|current|this coming|following|same)"
POSTMOD = r"(?:early|late|mid|mid-|earlier|later|the (?:beginning|start|end|middle|rest) of|the turn of)"
SEASON = _alt(L.SEASONS)
POD = r"(?:morning|afternoon|evening|night)"

_APPROX_MOD = {
    "about": "APPROX", "nearly": "APPROX", "almost": "LESS_THAN", "roughly": "APPROX", "around": "APPROX",
    "approximately": "APPROX", "some": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN", "up to": "EQUAL_OR_LESS",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "no less than": "EQUAL_OR_MORE", "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN",
}
_POS_MOD = {"early": "START", "the beginning of": "START", "the start of": "START", "earlier": "START",
            "late": "END", "the end of": "END", "later": "END", "mid": "MID", "mid-": "MID",
            "the middle of": "MID", "the turn of": "START"}


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@dataclass
class _Rule:
    name: str
    regex: re.Pattern
    priority: int = 0  # breaks ties between equally long matches


def _rules() -> list[_Rule]:
    I = "(?i:"  # noqa: E741 - lower-case vocabulary is matched case-insensitively
    R: list[_Rule] = []
    add = lambda name, p, prio=0: R.append(_Rule(name, _rx(p), prio))  # noqa: E731
    add("iso", r"\b(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", 5)
    add("mdy", rf"\b(?:(?P<wd>{WD}),? )?(?:{I}(?P<pm>{POSTMOD})) ?)?(?P<mon>{MON}) (?P<d>{DAYNUM})(?!\d|:\d)"
               rf"(?:,? (?P<y>{YEAR})\b)?", 4)
    add("dmy", rf"\b(?:(?P<wd>{WD}),? )?(?:{I}the) )?(?P<d>{DAYNUM}) (?:{I}of) )?(?P<mon>{MON})(?:,? (?P<y>{YEAR})\b)?", 4)
    add("month", rf"(?:\b{I}(?P<pm>{POSTMOD}|the (?:winter|summer|spring|fall|autumn) of))[ -]?)?"
                 rf"(?:\b{I}(?P<rel>{REL}|each|every)) )?(?P<mon>{MON})(?:,? (?:{I}of) )?(?P<y>{YEAR})\b"
                 rf"|{I} (?P<rel2>this|last|next) year\b))?", 3)
    add("year", rf"(?:\b{I}(?P<pm>{POSTMOD}|the (?:winter|summer|spring|fall|autumn) of)) ?)?(?:\b{I}(?P<fy>fiscal|calendar|the year|model year)) )?"
                rf"(?<![$\d.,£€])(?<!\d-)\b(?P<y>{YEAR})\b(?![,.]\d|%|\s*percent|-(?:\d|year|month))", 2)
    add("spoken_year", rf"\b{I}(?:(?P<the>the year) )?(?:(?P<c>nineteen|twenty) (?P<yy>{NUMW})|two thousand(?: and (?P<yy2>\w+))?))\b", 2)
    add("decade", rf"\b(?:{I}(?P<the>the) ))?(?:{I}(?P<pm>early|late|mid|mid-|the (?:beginning|end|middle) of)) ?)?"
                  rf"(?:(?P<dy>1\d\d0|20\d0)'?s\b|'(?P<d2>\d)0s\b|{I}(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b))", 3)
    add("century", rf"\b{I}(?:(?P<the>the) )?(?:(?P<pm>early|late|mid|mid-|the (?:beginning|end|middle) of(?: the)?) ?)?"
                   rf"(?P<ord>{ORDW}|\d{{1,2}}(?:st|nd|rd|th))[- ]century)\b(?!-old)", 3)
    add("quarter", rf"\b{I}(?:(?P<det>the|this year's|last year's|next year's|a|this|last|next) )?(?:(?P<qy>{YEAR}) )?"
                   rf"(?:(?P<adj>fiscal|latest|current|year-earlier|year-ago|previous|preceding|same|corresponding|"
                   rf"flat|calendar|recent|just-ended|past|final|coming|most recent|strong|weak) )?"
                   rf"(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?)?"
                   rf"(?P<unit>quarter|half|period)(?! of (?:a |an |the )?(?:century|percent|point|mile))"
                   rf"(?: of (?:(?P<qyear>{YEAR})|(?P<qrel>this|last|next) year|fiscal (?P<qyear2>{YEAR})))?)\b", 1)
    add("relunit", rf"\b{I}(?:(?P<pm>early|late|earlier|later|mid|mid-|the (?:beginning|start|end|middle|rest) of) )?"
                   rf"(?:(?P<the>the) )?(?P<rel>{REL}) (?P<unit>week|month|year|fiscal year|decade|century|weekend|"
                   rf"{SEASON}|{POD}))\b", 3)
    add("relwd", rf"\b(?:{I}(?P<rel>last|next|this|this coming|past|coming) ))(?P<wd>{WD})(?: {I}(?P<pod>{POD})))?", 4)
    add("ago", rf"\b{I}(?:(?P<ap>{APPROX}) )?(?P<num>{NUM})(?: (?P<more>more|additional|full|long))? (?P<unit>{UNIT})"
               rf"(?: or (?:so|more|two|three|\w+ {UNIT}))?,? (?:(?P<dir>ago|earlier|later|from now|hence|previously|back)|(?P<dir2>before|after|since)"
               rf"(?!\s*(?:the|a|an|his|her|their|its|this|that|\w+ing|[A-Z]\w*|\d+)\b)))", 4)
    add("unitago", rf"\b{I}(?P<unit>year|month|week|day)-(?P<dir>earlier|ago|before))\b", 4)
    add("duration", rf"\b{I}(?:(?P<the>the) )?(?:(?P<rel>past|last|next|first|previous|coming|final|remaining|latest|"
                    rf"initial|following|ensuing|preceding|same|entire|whole|full) )?(?:(?P<ap>{APPROX}) )?(?:(?:between )?(?P<num0>{NUMW}|\d+) (?:to|or|and) )?(?P<num>{NUM})"
                    rf"(?: (?P<more>more|additional|full|straight|consecutive|long|other))? (?P<unit>{UNIT})"
                    rf"(?: or (?:so|more|two|three|four|\w+ (?P<unit2>{UNIT})))?)\b(?!-old| old\b)", 2)
    add("hyphdur", rf"(?<![\w-]){I}(?P<num>\d+(?:\.\d+)?|{NUMW}|several|half|multi)-(?P<unit>{UNIT_SG}))(?![\w-])", 2)
    add("vaguedur", rf"\b{I}(?:(?P<the>the) )?(?:(?P<rel>past|last|next|coming|previous|first|final) )?(?P<v>few|several|many) (?P<unit>{UNIT}))\b", 3)
    add("recentunits", rf"\b{I}(?P<rel>recent|coming|past|future) (?P<unit>years|months|weeks|days|decades|quarters))\b", 3)
    add("namedday", rf"\b{I}(?:(?P<pm>early|late|earlier|later) )?(?P<day>today|tonight|yesterday|tomorrow|"
                    rf"the day before yesterday|the day after tomorrow)(?: (?P<pod>{POD}))?)\b", 3)
    add("thispod", rf"\b{I}(?:(?P<pm>early|late|earlier|later) )?(?P<rel>this|last) (?P<pod>{POD}))\b", 4)
    add("weekday", rf"\b(?:{I}(?P<pm>early|late|earlier|later) ))?(?P<wd>{WD})(?: {I}(?P<pod>{POD}))\b)?", 1)
    add("ref", rf"\b{I}(?P<ref>right now|now|nowadays|currently|current|at present|presently|at the moment|recently|recent|lately|"
               rf"formerly|previously|the past|the near future|the distant future|the future|the present|these days|"
               rf"the moment|in the meantime|meanwhile|the time being|today's|the near term|the short term|the long term))\b", 0)
    add("set", rf"\b{I}(?:(?P<q>every|each|per) (?:(?P<n>other|{NUMW}|\d+) )?(?P<unit>day|week|month|year|quarter|morning|"
               rf"evening|night|weekend|summer|winter|spring|fall|hour|minute|second|decade|january|february|march|april|"
               rf"june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|"
               rf"saturday|sunday)s?|(?P<ly>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)))\b", 2)
    add("clock", rf"\b{I}(?:(?P<ap>about|around|approximately|shortly after|shortly before|just after|just before) )?"
                 rf"(?:(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))? ?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<nm>noon|midnight))"
                 rf"(?: (?:EST|EDT|GMT|UTC|local time|[ECMP][SD]T))?)(?:,? (?:{I}on|this|last) )?(?P<wd>{WD}|{I}(?P<nd>today|yesterday|tomorrow)))\b)?", 3)
    add("period", rf"\b(?i:{_period_alt()})\b", 5)
    add("theunit", rf"\b{I}(?:(?P<pm>the (?:beginning|start|end|middle|rest) of) )?the (?:(?P<adj>full|fiscal|current|whole|entire|"
                   rf"latest fiscal|current fiscal) )?(?P<unit>year|week|weekend))\b(?! (?:before|after|earlier|later|ago)\b)", 1)
    add("anaphoric", rf"\b{I}(?:(?P<pm>early|late|earlier|later) (?:in )?)?(?P<rel>that|the following|the previous|the next|the same|"
                     rf"the preceding|that same) (?P<unit>year|month|week|day|quarter|morning|evening|night))\b", 3)
    add("yearend", rf"\b{I}(?:(?P<ap>around|about|by|at) )?(?:year[- ]end|year's end|the end of (?:the|this) year))\b", 2)
    add("bareunits", rf"(?:(?<=\bfor )|(?<=\bwithin )|(?<=\bin ))(?i:years|months|weeks|decades|centuries)\b", 0)
    add("holiday", rf"\b(?:(?i:last|next|this) )?(?P<h>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Thanksgiving(?: Day)?|"
                   rf"Election Day|Independence Day|Easter(?: Sunday)?|Nowruz|Norouz)\b", 3)
    return R


# ---------------------------------------------------------------- named periods (data table)


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date
    pattern: re.Pattern


@lru_cache(maxsize=1)
def periods() -> tuple[Period, ...]:
    """The named historical periods of ``data/time/periods.tsv``."""
    path = resources.files("realpolitik") / "data" / "time" / "periods.tsv"
    rows = []
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        rows.append(Period(row["label"], dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"]),
                           re.compile(rf"(?i:{row['pattern']})\Z")))
    return tuple(rows)


def _period_alt() -> str:
    path = resources.files("realpolitik") / "data" / "time" / "periods.tsv"
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    pats = [row["pattern"] for row in csv.DictReader(lines, delimiter="\t")]
    return "|".join(f"(?:{p})" for p in sorted(pats, key=len, reverse=True))


def period_for(text: str) -> Period | None:
    for p in periods():
        if p.pattern.match(text.strip()):
            return p
    return None


@lru_cache(maxsize=1)
def _compiled() -> list[_Rule]:
    return _rules()


# ---------------------------------------------------------------- numbers and calendar arithmetic


def parse_number(s: str) -> float | None:
    """'twenty four' -> 24, '2 1/2' -> 2.5, 'a few' -> None (vague)."""
    s = s.lower().strip().replace("-", " ")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    m = re.fullmatch(r"(\d+) 1/2", s)
    if m:
        return int(m.group(1)) + 0.5
    total, cur, seen = 0.0, 0.0, False
    for w in s.split():
        if w in L.SMALL_NUMBERS:
            cur += L.SMALL_NUMBERS[w]
        elif w in L.TENS:
            cur += L.TENS[w]
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w == "thousand":
            total += (cur or 1) * 1000
            cur = 0
        elif w in ("and", "half") and seen:
            if w == "half":
                cur += 0.5
            continue
        else:
            return None
        seen = True
    return total + cur if seen else None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(num: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, 'year') -> P3Y, (None, 'week') -> PXW, (2, 'hour') -> PT2H."""
    u = unit.lower().rstrip("s")
    if u in ("centurie", "centurys"):
        u = "century"
    letter, is_time = L.UNITS.get(u, ("X", False))
    if num is None:
        n = "X"
    elif letter == "Q":
        letter, n = "M", _fmt_num(num * 3)
    elif letter == "DE":
        letter, n = "Y", _fmt_num(num * 10)
    elif letter == "CE":
        letter, n = "Y", _fmt_num(num * 100)
    elif not float(num).is_integer():
        whole = int(num)
        frac = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M")}.get(letter)
        if frac and not is_time:
            return f"P{whole}{letter}{int((num - whole) * frac[0])}{frac[1]}"
        if frac:
            return f"PT{whole}{letter}{int((num - whole) * frac[0])}{frac[1]}"
        n = _fmt_num(num)
    else:
        n = _fmt_num(num)
    return f"PT{n}{letter}" if is_time else f"P{n}{letter}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _shift_day(d: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit, 0) * n
    y, m = _add_months(d.year, d.month, months)
    day = min(d.day, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)
    return dt.date(y, m, day)


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _quarter(d: dt.date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def at_granularity(d: dt.date, gran: str) -> str:
    """A day as a TIMEX3 value of the given granularity (day, week, month, quarter, year, decade, century)."""
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        return _week(d)
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return _quarter(d)
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    return d.isoformat()


_VALUE_RX = re.compile(r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>\d)|W(?P<w>\d\d)|H(?P<h>\d)|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$")


def parse_value(value: str) -> tuple[dt.date, dt.date, str] | None:
    """A TIMEX3 DATE value -> (first day, last day, granularity); None for REFs, durations, X values."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)", value)
    if m:  # a named period's interval
        a, b = dt.date.fromisoformat(m.group(1)), dt.date.fromisoformat(m.group(2))
        return a, b, "period"
    if re.fullmatch(r"\d{3}", value):
        y = int(value) * 10
        return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), "decade"
    if re.fullmatch(r"\d{2}", value):
        y = int(value) * 100
        return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "century"
    m = _VALUE_RX.match(value)
    if not m:
        return None
    y = int(m.group("y"))
    try:
        if m.group("d"):
            d = dt.date(y, int(m.group("m")), int(m.group("d")))
            return d, d, "day"
        if m.group("m"):
            mo = int(m.group("m"))
            nxt = dt.date(*_add_months(y, mo, 1), 1)
            return dt.date(y, mo, 1), nxt - dt.timedelta(days=1), "month"
        if m.group("q"):
            q = int(m.group("q"))
            a = dt.date(y, 3 * q - 2, 1)
            return a, dt.date(*_add_months(y, 3 * q - 2, 3), 1) - dt.timedelta(days=1), "quarter"
        if m.group("h"):
            h = int(m.group("h"))
            return dt.date(y, 1 if h == 1 else 7, 1), dt.date(y, 6, 30) if h == 1 else dt.date(y, 12, 31), "half"
        if m.group("w"):
            a = dt.date.fromisocalendar(y, int(m.group("w")), 1)
            return a, a + dt.timedelta(days=6), "week"
        if m.group("s"):
            mo = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group("s")]
            a = dt.date(y, mo, 1)
            return a, dt.date(*_add_months(y, mo, 3), 1) - dt.timedelta(days=1), "season"
    except ValueError:
        return None
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"


# ---------------------------------------------------------------- tense of the clause around an expression

_FUTURE_RX = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in L.FUTURE_MARKERS if not w.startswith("'"))
                        + r")\b|'ll\b", re.I)
# a regular past form, but not a participle after "be" ("must be returned" is not in the past)
_PAST_RX = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in L.PAST_MARKERS) + r")\b"
                      r"|(?<!\bbe )(?<!\bbeing )\b[a-z]{2,}(?:[^e\W]|i|[^aeiou\W])ed\b")
# sentence ends and quotation marks: a quote's tense is not the reporting verb's
_SENT_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'(`])|\n|''|``|\"")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 250)
    left = lo
    for m in _SENT_END.finditer(text, lo, start):
        left = m.end()
    m = _SENT_END.search(text, end, min(len(text), end + 250))
    right = m.start() if m else min(len(text), end + 250)
    return left, right


def tense_near(text: str, start: int, end: int, max_dist: int = 250) -> str | None:
    """'future' | 'past' | None: the tense marker nearest to text[start:end] in its sentence (within max_dist)."""
    left, right = _clause(text, start, end)
    best: tuple[int, str] | None = None
    for rx, label in ((_FUTURE_RX, "future"), (_PAST_RX, "past")):
        for m in rx.finditer(text, left, right):
            if start <= m.start() < end:
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            # a marker before the expression binds a little more closely than one after it
            dist += 0 if m.end() <= start else 3
            if best is None or dist < best[0] or (dist == best[0] and label == "future"):
                best = (dist, label)
    return best[1] if best and best[0] <= max_dist else None


# ---------------------------------------------------------------- normalisation


class _Ctx:
    def __init__(self, text: str, dct: dt.date | None):
        self.text = text
        self.dct = dct
        self.anchor: str | None = None  # last specific DATE value (the narrative's reference time)

    def tense(self, m: re.Match, max_dist: int = 250) -> str | None:
        return tense_near(self.text, m.start(), m.end(), max_dist)


def _month_year(month: int, day: int | None, ctx: _Ctx, tense: str | None) -> int | None:
    d = ctx.dct
    if d is None:
        return None
    key = (month, day or 15)
    now = (d.month, d.day)
    if tense == "future":
        return d.year if key >= now else d.year + 1
    if tense == "past":
        return d.year if key <= now else d.year - 1
    # no tense evidence: the nearest occurrence
    cands = []
    for y in (d.year - 1, d.year, d.year + 1):
        try:
            cands.append((abs((dt.date(y, month, min(day or 15, 28)) - d).days), y))
        except ValueError:
            pass
    return min(cands)[1]


def _date_year(month: int, day: int | None, ctx: _Ctx, m: re.Match) -> int | None:
    """The year of a month (and day) written without one: a close tense marker decides; else a date within
    three months of the dct is taken as the nearest one; else the sentence's tense; else the nearest."""
    if ctx.dct is None:
        return None
    y = _month_year(month, day, ctx, None)
    if abs((dt.date(y, month, min(day or 15, 28)) - ctx.dct).days) <= (14 if day else 40):
        return y  # the current or the next month, a day within two weeks: the nearest, whatever the tense
    close = ctx.tense(m, 20 if day else 40)
    if close:
        return _month_year(month, day, ctx, close)
    if abs((dt.date(y, month, min(day or 15, 28)) - ctx.dct).days) <= 90:
        return y
    # news mostly reports what has happened: without any future marker, a far date is the past one
    return _month_year(month, day, ctx, ctx.tense(m) or "past")


def _pos_mod(pm: str | None) -> str | None:
    if not pm:
        return None
    pm = pm.lower().strip()
    for k, v in _POS_MOD.items():
        if pm.startswith(k):
            return v
    return None


def _weekday_date(wd: int, ctx: _Ctx, tense: str | None, rel: str | None = None) -> dt.date | None:
    d = ctx.dct
    if d is None:
        return None
    rel = (rel or "").lower()
    if rel == "last" or rel == "past":
        back = (d.weekday() - wd) % 7 or 7
        return d - dt.timedelta(days=back)
    if rel in ("next", "coming", "this coming"):
        fwd = (wd - d.weekday()) % 7 or 7
        return d + dt.timedelta(days=fwd)
    if tense == "future" or rel == "this" and wd > d.weekday():
        return d + dt.timedelta(days=(wd - d.weekday()) % 7)
    return d - dt.timedelta(days=(d.weekday() - wd) % 7)


Result = tuple[str, str, str | None]  # type, value, mod


def _n_iso(m, ctx):
    return "DATE", f"{m['y']}-{m['m']}-{m['d']}", None


def _day_of(s: str) -> int:
    s = s.lower()
    if s in L.ORDINALS:
        return L.ORDINALS[s]
    return int(re.match(r"\d+", s).group())


def _n_monthday(m, ctx):
    mon = L.MONTHS[m["mon"].lower().rstrip(".")]
    day = _day_of(m["d"])
    if m["y"]:
        y = int(m["y"])
    elif m["wd"] and ctx.dct:
        # a weekday with the date pins the year: the nearest year in which they agree
        y = _date_year(mon, day, ctx, m)
        wd = L.WEEKDAYS[m["wd"].lower()]
        for cand in (y, y - 1, y + 1) if y else ():
            try:
                if dt.date(cand, mon, day).weekday() == wd:
                    y = cand
                    break
            except ValueError:
                pass
    else:
        y = _date_year(mon, day, ctx, m)
    try:
        dt.date(y or 2000, mon, day)
    except ValueError:
        return None
    val = f"{y:04d}-{mon:02d}-{day:02d}" if y else f"XXXX-{mon:02d}-{day:02d}"
    return "DATE", val, _pos_mod(m.groupdict().get("pm"))


def _n_month(m, ctx):
    mon = L.MONTHS[m["mon"].lower().rstrip(".")]
    rel = (m["rel"] or "").lower()
    if rel in ("each", "every"):
        return "SET", f"XXXX-{mon:02d}", None
    if m["y"]:
        y = int(m["y"])
    elif m["rel2"] and ctx.dct:
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rel2"].lower()]
    elif ctx.dct is None:
        y = None
    elif rel in ("last", "past", "previous"):
        y = ctx.dct.year if mon < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming", "this coming"):
        y = ctx.dct.year if mon > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        y = ctx.dct.year
    else:
        y = _date_year(mon, None, ctx, m)
    val = f"{y:04d}-{mon:02d}" if y else f"XXXX-{mon:02d}"
    return "DATE", val, _pos_mod(m["pm"])


def _n_year(m, ctx):
    pm = (m["pm"] or "").lower()
    if pm.startswith("the ") and pm.endswith(" of") and pm.split()[1] in L.SEASONS:
        return "DATE", f"{m['y']}-{L.SEASONS[pm.split()[1]]}", None
    return "DATE", m["y"], _pos_mod(pm)


def _n_spoken_year(m, ctx):
    if m["c"]:
        yy = parse_number(m["yy"])
        if yy is None or not (10 <= yy < 100):
            return None
        return "DATE", f"{(19 if m['c'].lower() == 'nineteen' else 20)}{int(yy):02d}", None
    if m["yy2"]:
        yy = parse_number(m["yy2"])
        return ("DATE", f"20{int(yy):02d}", None) if yy is not None and yy < 100 else None
    return "DATE", "2000", None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def _n_decade(m, ctx):
    if m["dy"]:
        val = m["dy"][:3]
    else:
        dec = int(m["d2"]) if m["d2"] else _DECADE_WORDS[m["dw"].lower()]
        if m["dw"] and not m["the"]:
            return None  # "nineties" alone is more often an age ("in his nineties")
        century = 19
        if ctx.dct and dec * 10 <= ctx.dct.year % 100:
            century = ctx.dct.year // 100 if ctx.dct.year // 100 == 19 or dec == 0 else 19
        val = f"{century}{dec}"
    return "DATE", val, _pos_mod(m["pm"])


def _n_century(m, ctx):
    o = m["ord"].lower()
    n = L.ORDINALS.get(o.replace("-", " ")) or L.ORDINALS.get(o) or int(re.match(r"\d+", o).group())
    return "DATE", f"{n - 1:02d}", _pos_mod(m["pm"])


def _latest_quarter(d: dt.date) -> dt.date:
    return _shift_day(d, -1, "quarter")


def _n_quarter(m, ctx):
    unit = m["unit"].lower()
    adj = (m["adj"] or "").lower()
    det = (m["det"] or "").lower()
    qord = (m["qord"] or "").lower()
    if unit == "period" and not (adj in ("latest", "year-earlier", "year-ago", "corresponding", "same", "recent",
                                          "most recent", "previous", "preceding", "just-ended", "comparable") or m["qy"]):
        return None
    if unit != "period" and not (qord or adj or det in ("the", "this", "last", "next", "this year's", "last year's")):
        return None
    if det == "a" and not qord:
        return None
    if unit == "half" and not qord:
        return None
    d = ctx.dct
    year = None
    yr = m["qy"] or m["qyear"] or m["qyear2"]
    if yr:
        year = int(yr)
    elif d:
        year = d.year
        if det == "last year's" or (m["qrel"] or "").lower() == "last":
            year -= 1
        elif det == "next year's" or (m["qrel"] or "").lower() == "next":
            year += 1
    qn = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(qord.split("-")[0])
    if unit == "half":
        if qn not in (1, 2):
            return None
        return "DATE", f"{year:04d}-H{qn}" if year else f"XXXX-H{qn}", None
    if qn is None:
        if d is None:
            return "DATE", "XXXX-QX", None
        ref = d
        if det == "this" or adj == "current":
            q = dt.date(d.year, d.month, 1)
        elif det == "next" or adj == "coming":
            q = _shift_day(ref, 1, "quarter")
        else:  # "the quarter", "the latest quarter": the last one reported, i.e. the one before the dct's
            q = _latest_quarter(ref)
        if adj in ("year-earlier", "year-ago", "corresponding", "same") or det == "last year's":
            q = _shift_day(q, -1, "year")
        if yr:
            q = dt.date(int(yr), q.month, 1)
        return "DATE", _quarter(q), None
    if adj in ("year-earlier", "year-ago"):
        year = year - 1 if year else None
    if qord and year is None:
        return "DATE", f"XXXX-Q{qn}", None
    if not yr and d and dt.date(year, 3 * qn - 2, 1) > d and det not in ("next year's",) \
            and ctx.tense(m, 60) != "future":
        year -= 1
    return "DATE", f"{year:04d}-Q{qn}", None


def _n_relunit(m, ctx):
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    pm = _pos_mod(m["pm"])
    d = ctx.dct
    if rel == "same" or rel == "following":
        return None
    if unit in ("morning", "afternoon", "evening", "night"):
        if rel not in ("this", "last"):
            return None
        day = d - dt.timedelta(days=1) if (rel == "last" and d) else d
        return "TIME", (f"{day.isoformat()}T{L.PARTS_OF_DAY[unit]}" if day else f"XXXX-XX-XXT{L.PARTS_OF_DAY[unit]}"), pm
    if d is None:
        return "DATE", {"last": "PAST_REF", "past": "PAST_REF", "previous": "PAST_REF", "next": "FUTURE_REF",
                        "coming": "FUTURE_REF"}.get(rel, "PRESENT_REF"), pm
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this coming": 1}.get(rel, 0)
    if unit in L.SEASONS:
        code = L.SEASONS[unit]
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        y = d.year
        if step < 0:
            y = d.year if start_month + 2 < d.month else d.year - 1
        elif step > 0:
            y = d.year if start_month > d.month else d.year + 1
        return "DATE", f"{y:04d}-{code}", pm
    if unit == "weekend":
        base = d + dt.timedelta(weeks=step)
        if step == 0 and ctx.tense(m) == "past" and d.weekday() < 5:
            base = d - dt.timedelta(weeks=1)
        return "DATE", f"{_week(base)}-WE", pm
    if unit == "fiscal year":
        return "DATE", f"{d.year + step:04d}", pm
    gran = unit
    shifted = _shift_day(d, step, "year" if unit == "century" else unit) if unit != "century" else dt.date(d.year + 100 * step, 1, 1)
    return "DATE", at_granularity(shifted, gran), pm


def _n_relwd(m, ctx):
    wd = L.WEEKDAYS[m["wd"].lower()]
    day = _weekday_date(wd, ctx, ctx.tense(m), m["rel"])
    if day is None:
        return "DATE", f"XXXX-WXX-{wd + 1}", None
    return "DATE", day.isoformat(), None


def _unit_gran(unit: str) -> str:
    u = unit.lower().rstrip("s")
    return {"centurie": "century", "hour": "day", "minute": "day", "second": "day"}.get(u, u)


def _n_ago(m, ctx):
    num = parse_number(m["num"])
    unit = _unit_gran(m["unit"])
    direction = (m["dir"] or m["dir2"]).lower()
    mod = _APPROX_MOD.get((m["ap"] or "").lower())
    if direction == "since":
        return "DURATION", duration_value(num, unit), mod
    if num is None and direction != "ago":
        # "a few days later": TimeML marks the duration, the anchor is unknown
        return "DURATION", duration_value(None, unit), mod
    if num is None:
        return "DATE", "PAST_REF", mod
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    # "ago"/"from now" count from the dct; "earlier"/"later"/"before"/"after" from the narrative's time
    base_value = None
    if ctx.anchor and (direction not in ("ago", "from now", "hence", "back")
                       or (unit == "year" and re.search(r"-Q\d$", ctx.anchor))):
        # "a year ago" in a report on a quarter means the same quarter a year before
        base_value = ctx.anchor
    if num is None or not float(num).is_integer():
        if ctx.dct is None:
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
        base = ctx.dct
        g = {"day": "month", "week": "month", "month": "year", "year": "decade", "decade": "century"}.get(unit, "year")
        shifted = _shift_day(base, sign * 3, unit) if unit in ("day", "week", "month", "year", "decade") else base
        val = at_granularity(shifted, g)
        if g == "decade":
            val += "X"
        elif g == "year" and unit == "month":
            pass
        return "DATE", val, mod
    n = int(num)
    if base_value:
        parsed = parse_value(base_value)
        order = ["day", "week", "month", "quarter", "half", "season", "year", "decade", "century"]
        if parsed and order.index(parsed[2]) <= order.index(unit if unit in order else "year"):
            start, _, gran = parsed
            if gran in ("half", "season"):
                gran = "month"
            return "DATE", at_granularity(_shift_day(start, sign * n, unit), gran), mod
    if ctx.dct is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    if unit == "century":
        return "DATE", f"{(ctx.dct.year - sign * -100 * n) // 100:02d}", mod
    return "DATE", at_granularity(_shift_day(ctx.dct, sign * n, unit), unit), mod


def _n_unitago(m, ctx):
    unit = m["unit"].lower()
    if ctx.anchor:
        parsed = parse_value(ctx.anchor)
        if parsed:
            gran = parsed[2] if parsed[2] not in ("half", "season") else "month"
            return "DATE", at_granularity(_shift_day(parsed[0], -1, unit), gran), None
    if ctx.dct is None:
        return "DATE", "PAST_REF", None
    return "DATE", at_granularity(_shift_day(ctx.dct, -1, unit), unit), None


def _n_duration(m, ctx):
    num = parse_number(m["num"])
    unit = m["unit2"] or m["unit"]
    raw = m["num"].lower()
    if re.fullmatch(YEAR, raw):
        return None  # "the 1988 quarter" is a date, not 5,964 months
    if raw in ("a", "an", "one") and not (m["the"] or m["rel"] or m["ap"] or m["more"]):
        # "twice a day" is a frequency; "$2 million a year", "700 seats a week" are rates, not times
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if re.search(r"(?:times|twice|once)\s*$", before):
            return "SET", duration_value(1, unit), None
        if raw in ("a", "an") and not re.search(r"\b(?:for|in|within|over|after|than|about|nearly|almost|of|just|only|"
                                                 r"past|last|next|by|to|takes?|took|lasts?|lasted|spent?|half)\s*$", before):
            return None
        if raw == "one" and unit.lower() == "day":
            return None
    if raw in ("some", "many") and not m["rel"]:
        return None
    if raw == "a couple of" or raw == "a couple" or raw == "couple of":
        num = 2
    mod = _APPROX_MOD.get((m["ap"] or "").lower())
    return "DURATION", duration_value(num, unit), mod


def _n_hyphdur(m, ctx):
    num = parse_number(m["num"]) if m["num"].lower() not in ("several", "multi") else None
    if m["num"].lower() == "half":
        num = 0.5
    return "DURATION", duration_value(num, m["unit"]), None


def _n_vaguedur(m, ctx):
    rel = (m["rel"] or "").lower()
    if not rel and not m["the"]:
        before = ctx.text[max(0, m.start() - 10):m.start()].lower()
        if not re.search(r"\b(?:for|in|over|within|after|than)\s+$", before):
            return None
    return "DURATION", duration_value(None, m["unit"]), None


def _n_recentunits(m, ctx):
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if unit == "years" or unit == "decades":
        return "DATE", "PAST_REF" if rel in ("recent", "past") else "FUTURE_REF", None
    return "DURATION", duration_value(None, unit), None


def _n_namedday(m, ctx):
    day = m["day"].lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}[day]
    mod = _pos_mod(m["pm"])
    pod = (m["pod"] or "").lower()
    if ctx.dct is None:
        return "DATE", "PRESENT_REF" if offset == 0 else ("PAST_REF" if offset < 0 else "FUTURE_REF"), mod
    d = (ctx.dct + dt.timedelta(days=offset)).isoformat()
    if pod:
        return "TIME", f"{d}T{L.PARTS_OF_DAY[pod]}", mod
    return "DATE", d, mod


def _n_thispod(m, ctx):
    pod = m["pod"].lower()
    if ctx.dct is None:
        return "TIME", f"XXXX-XX-XXT{L.PARTS_OF_DAY[pod]}", None
    d = ctx.dct - dt.timedelta(days=1) if m["rel"].lower() == "last" else ctx.dct
    return "TIME", f"{d.isoformat()}T{L.PARTS_OF_DAY[pod]}", _pos_mod(m["pm"])


def _n_weekday(m, ctx):
    wd = L.WEEKDAYS[m["wd"].lower()]
    tense = ctx.tense(m, 40)
    day = _weekday_date(wd, ctx, tense)
    if day is None:
        return "DATE", f"XXXX-WXX-{wd + 1}", None
    # a plural weekday ("on Fridays") is a set; the regex stops at the word boundary so look at the next char
    if ctx.text[m.end():m.end() + 1] == "s":
        return None
    # "Friday night": TimeBank/AQUAINT annotators mostly give the day's date (and often span only "Friday")
    return "DATE", day.isoformat(), _pos_mod(m["pm"])


_REF_VALUES = {
    "right now": "PRESENT_REF", "now": "PRESENT_REF", "nowadays": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF", "the present": "PRESENT_REF",
    "these days": "PRESENT_REF", "the moment": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "the time being": "PRESENT_REF", "today's": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF",
    "previously": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
}


def _n_ref(m, ctx):
    ref = m["ref"].lower()
    # "previously", "formerly" and the adjective "recent" qualify a predicate rather than name a time (rarely TIMEX3 in TimeBank)
    # "recent" before a noun ("the recent attacks") is rarely annotated
    if ref in ("in the meantime", "meanwhile", "the moment", "at the moment", "today's", "formerly", "previously",
               "recent"):
        return None
    if ref == "now":
        after = ctx.text[m.end():m.end() + 8].lower()
        if re.match(r"\s*that\b", after):  # "now that ..." is a conjunction
            return None
    return "DATE", _REF_VALUES[ref], None


def _n_set(m, ctx):
    if m["ly"]:
        ly = m["ly"].lower()
        val = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "quarterly": "P3M"}[ly]
        return "SET", val, None
    unit = m["unit"].lower()
    n = m["n"]
    k = 2 if (n or "").lower() == "other" else (parse_number(n) if n else 1)
    if unit in L.WEEKDAYS:
        return "SET", f"XXXX-WXX-{L.WEEKDAYS[unit] + 1}", None
    if unit in L.MONTHS:
        return "SET", f"XXXX-{L.MONTHS[unit]:02d}", None
    if unit in L.SEASONS:
        return "SET", f"XXXX-{L.SEASONS[unit]}", None
    if unit in ("morning", "evening", "night"):
        return "SET", f"TXX{L.PARTS_OF_DAY[unit]}" if False else "P1D", None
    if unit == "weekend":
        return "SET", "P1W", None
    if m["q"].lower() == "per" and n is None:
        return None
    return "SET", duration_value(k, unit), None


def _n_clock(m, ctx):
    if m["nm"]:
        hh, mi = (12, 0) if m["nm"].lower() == "noon" else (24, 0)
    else:
        hh, mi = int(m["h"]), int(m["mi"] or 0)
        if hh > 12:
            return None
        ampm = m["ampm"].lower()
        if ampm.startswith("p") and hh < 12:
            hh += 12
        if ampm.startswith("a") and hh == 12:
            hh = 0
    day = None
    if m["wd"] and ctx.dct:
        if m["nd"]:
            day = ctx.dct + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["nd"].lower()])
        else:
            day = _weekday_date(L.WEEKDAYS[m["wd"].lower()], ctx, ctx.tense(m, 40))
    elif ctx.anchor and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.anchor):
        day = dt.date.fromisoformat(ctx.anchor)  # a clock time belongs to the day last spoken of
    elif ctx.dct:
        day = ctx.dct
    datepart = day.isoformat() if day else "XXXX-XX-XX"
    mod = "APPROX" if m["ap"] and m["ap"].lower() in ("about", "around", "approximately") else None
    if hh == 24:
        return "TIME", f"{datepart}T24:00", mod
    return "TIME", f"{datepart}T{hh:02d}:{mi:02d}", mod


def _n_period(m, ctx):
    p = period_for(m.group(0))
    if p is None:
        return None
    return "DATE", f"{p.start.isoformat()}/{p.end.isoformat()}", None


def _n_theunit(m, ctx):
    unit = m["unit"].lower()
    after = ctx.text[m.end():m.end() + 10].lower()
    if ctx.dct is None:
        return "DATE", "PRESENT_REF", None
    if unit == "weekend":
        d = ctx.dct
        if ctx.tense(m, 60) == "future":
            d = d + dt.timedelta(days=(5 - d.weekday()) % 7)
        elif d.weekday() < 5:
            d = d - dt.timedelta(days=d.weekday() + 1)
        return "DATE", f"{_week(d)}-WE", None
    if unit == "year" and re.match(r"\s*(?:end(?:ed|ing)|to)\b", after):
        return "DURATION", "P1Y", None
    if unit == "week":
        return "DATE", _week(ctx.dct), _pos_mod(m["pm"])
    return "DATE", f"{ctx.dct.year:04d}", _pos_mod(m["pm"])


def _n_anaphoric(m, ctx):
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if unit in ("morning", "evening", "night"):
        return None
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(rel, 0)
    base = parse_value(ctx.anchor) if ctx.anchor else None
    if base is None:
        return "DATE", "PAST_REF", None
    return "DATE", at_granularity(_shift_day(base[0], step, unit), unit), _pos_mod(m["pm"])


def _n_yearend(m, ctx):
    if ctx.dct is None:
        return "DATE", "XXXX", "END"
    return "DATE", f"{ctx.dct.year:04d}", "END"


def _n_bareunits(m, ctx):
    return "DURATION", duration_value(None, m.group(0)), None


def _easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * mm + 114) // 31
    return dt.date(y, month, (h + l_ - 7 * mm + 114) % 31 + 1)


def _holiday_date(name: str, y: int) -> dt.date:
    if name.startswith("christmas"):
        return dt.date(y, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return dt.date(y, 12, 31) if name.endswith("eve") else dt.date(y, 1, 1)
    if name.startswith("thanksgiving"):
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "election day":
        first = dt.date(y, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    if name == "independence day":
        return dt.date(y, 7, 4)
    if name in ("nowruz", "norouz"):
        return dt.date(y, 3, 20)
    return _easter(y)


def _n_holiday(m, ctx):
    name = m["h"].lower()
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX", None
    rel = m.group(0).split()[0].lower()
    tense = "past" if rel == "last" else "future" if rel == "next" else ctx.tense(m, 60)
    cands = [_holiday_date(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if tense == "future":
        d = min((c for c in cands if c >= ctx.dct), key=lambda c: c - ctx.dct)
    elif tense == "past":
        d = max(c for c in cands if c <= ctx.dct)
    else:
        d = min(cands, key=lambda c: abs((c - ctx.dct).days))
    return "DATE", d.isoformat(), None


_NORMALISERS: dict[str, Callable] = {
    "theunit": _n_theunit, "anaphoric": _n_anaphoric, "yearend": _n_yearend, "bareunits": _n_bareunits,
    "holiday": _n_holiday,
    "iso": _n_iso, "mdy": _n_monthday, "dmy": _n_monthday, "month": _n_month, "year": _n_year,
    "spoken_year": _n_spoken_year, "decade": _n_decade, "century": _n_century, "quarter": _n_quarter,
    "relunit": _n_relunit, "relwd": _n_relwd, "ago": _n_ago, "unitago": _n_unitago, "duration": _n_duration,
    "hyphdur": _n_hyphdur, "vaguedur": _n_vaguedur, "recentunits": _n_recentunits, "namedday": _n_namedday,
    "thispod": _n_thispod, "weekday": _n_weekday, "ref": _n_ref, "set": _n_set, "clock": _n_clock,
    "period": _n_period,
}

# a bare month name that is not followed by a day/year must be introduced by a time word, so that
# "May" the name, "March" the noun and "Jan" the person are left alone
_MONTH_INTRO = re.compile(r"(?i:\b(?:the|in|of|since|until|till|by|from|through|to|during|last|next|this|early|late|mid-?|"
                          r"before|after|between|and|or|each|every|for|that|on|end|beginning|middle|start)\s+)$")
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "dec", "oct", "nov", "sept", "feb", "apr"}


def _valid(rule: str, m: re.Match, text: str) -> bool:
    mon_text = m.groupdict().get("mon")
    if mon_text and rule == "month" and not m["y"] and mon_text.lower().rstrip(".") in _ABBR_MONTHS:
        return False  # "Jan Kavan", "the Oct." without a day
    if rule == "month" and not m["y"] and not m["rel"] and not m["pm"] and not m["rel2"]:
        mon = m["mon"].lower()
        if mon in _AMBIGUOUS_MONTHS or m["mon"][0].isupper():
            before = text[max(0, m.start() - 16):m.start()]
            if mon in ("may", "march") and not _MONTH_INTRO.search(before):
                # sentence-initial or inside a title: accept a full month name followed by a comma or a year-ish word
                return mon not in _AMBIGUOUS_MONTHS and bool(re.match(r"\s*(?:,|\d|$)", text[m.end():m.end() + 3]))
    return True


# expressions that set the narrative's reference time for a following "a year earlier"
_ANCHORING = {"iso", "mdy", "dmy", "month", "year", "spoken_year", "quarter", "namedday", "weekday", "relwd",
              "relunit", "holiday"}


# Every time expression holds a digit or one of these word starts; the rules run only near them (a text of
# 700 words has a dozen such places, and each of the ~40 rules would otherwise scan all of it).
_HINT_PATTERN = (r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|day|"
                 r"night|week|month|year|decade|centur|quarter|half|season|spring|summer|autumn|fall|winter|now|"
                 r"current|recent|past|present|future|today|tonight|tomorrow|yesterday|ago|earlier|later|"
                 r"soon|daily|hour|minute|second|noon|midnight|morning|afternoon|evening|"
                 r"christmas|easter|thanksgiving|nowruz|ramadan|hanukkah|passover|fiscal|nineteen|twenty|"
                 r"thousand|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|time|era|"
                 r"once|twice|annual|dawn|dusk|lately|term|period|moment|instant|shortly|while|a\.m|p\.m|"
                 r"holiday|weekend|millenni|biannual|semi)")
_HINT = re.compile(_HINT_PATTERN)  # on lower-cased text: faster than a case-insensitive scan
_HINT_ANY_CASE = re.compile(_HINT_PATTERN, re.IGNORECASE)
_MARGIN = 40


# Every named period of data/time/periods.tsv has one of these words in its name (a test keeps it so).
PERIOD_HINT = re.compile(r"\b(?:war|wars|era|period|times|years|dynasty|empire|revolution|spring|depression|ages|"
                         r"pandemic|invasion|ww)", re.IGNORECASE)
_PERIOD_HINT_LOWER = re.compile(PERIOD_HINT.pattern)


def _windows(text: str, hint: re.Pattern = _HINT) -> list[tuple[int, int]]:
    """Merged spans of text around the hints, wide enough to hold any expression that contains a hint."""
    out: list[tuple[int, int]] = []
    for m in hint.finditer(text):
        s, e = max(0, m.start() - _MARGIN), min(len(text), m.end() + _MARGIN)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def find_timexes(text: str, dct: dt.date | None = None, periods: bool = True) -> list[Timex]:
    """TIMEX3 expressions of ``text`` with character offsets, type and value normalised against ``dct``.

    Named historical periods ("World War II", "the Soviet era") are included as DATE with an ISO
    interval value ``start/end``; pass ``periods=False`` for pure TimeML, where they are events.
    """
    if isinstance(dct, str):
        dct = dt.date.fromisoformat(dct[:10])
    cands: list[tuple[int, int, int, str, re.Match]] = []
    low = text.lower()
    if len(low) == len(text):
        windows, period_windows = _windows(low, _HINT), _windows(low, _PERIOD_HINT_LOWER)
    else:  # a few characters change length when lower-cased; scan the text itself then
        windows, period_windows = _windows(text, _HINT_ANY_CASE), _windows(text, PERIOD_HINT)
    for rule in _compiled():
        if rule.name == "period" and not periods:
            continue
        for start, end in (period_windows if rule.name == "period" else windows):
            for m in rule.regex.finditer(text, start, end):
                if m.end() > m.start() and _valid(rule.name, m, text):
                    cands.append((m.start(), m.end(), rule.priority, rule.name, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    taken: list[tuple[int, int, str, re.Match]] = []
    for s, e, _, name, m in cands:
        if all(e <= ts or s >= te for ts, te, _, _ in taken):
            taken.append((s, e, name, m))
    taken.sort(key=lambda t: t[0])
    ctx = _Ctx(text, dct)
    out: list[Timex] = []
    for s, e, name, m in taken:
        res = _NORMALISERS[name](m, ctx)
        if res is None:
            continue
        typ, value, mod = res
        out.append(Timex(start=s, end=e, text=text[s:e], type=typ, value=value, mod=mod))
        if typ == "DATE" and name in _ANCHORING and parse_value(value) and "/" not in value \
                and not re.fullmatch(r"\d{2,3}", value) \
                and not (name == "quarter" and re.search(r"year-(?:ago|earlier)|last year", m.group(0), re.I)):
            ctx.anchor = value
    return out
