"""Who held which office on a given day; user tables and PETRARCH/Phoenix dictionaries."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RealpolitikError
from .tables import OfficeRow, add_user_rows, derived, get_tables, read_office_table

# outside every listed office a known political figure is an elite (former, or not yet in office)
OUT_OF_OFFICE_SECTOR = "ELI"


@dataclass(frozen=True)
class Status:
    """What a known person is on one day."""

    name: str
    code: str  # ISO3 or organisation code
    sector: str
    office: str | None  # None when out of office


def _holds(row: OfficeRow, day: dt.date) -> bool:
    return (row.start is None or row.start <= day) and (row.end is None or day < row.end)


def person_status(name: str, day: dt.date | None) -> Status | None:
    """The office a person in the tables holds on ``day``.

    Without a date the person's most recent office is used (what a reader most likely means).
    Rows of a person are tried in table order, so a person's main office wins an overlap.
    """
    rows = get_tables().offices.get(name)
    if not rows:
        return None
    if day is None:
        row = max(rows, key=lambda r: r.start or dt.date.min)
        return Status(name, row.code, row.sector, row.office)
    for row in rows:
        if _holds(row, day):
            return Status(name, row.code, row.sector, row.office or None if row.sector != "ELI" else None)
    past = [r for r in rows if r.end is not None and r.end <= day]
    row = max(past, key=lambda r: r.end) if past else min(rows, key=lambda r: r.start or dt.date.min)
    return Status(name, row.code, OUT_OF_OFFICE_SECTOR, None)


def office_holder(code: str, office: str, day: dt.date) -> Status | None:
    """The person holding a (normalised) office of a country or organisation on ``day``."""
    for name, row in _holders_index().get((code, office), ()):
        if _holds(row, day):
            return Status(name, row.code, row.sector, row.office)
    return None


def _holders_index() -> dict[tuple[str, str], list[tuple[str, OfficeRow]]]:
    """(code, normalised office) -> the rows holding it, in table order."""
    from .tables import normalise_office

    def build(tables):
        index: dict[tuple[str, str], list[tuple[str, OfficeRow]]] = {}
        for name, rows in tables.offices.items():
            for row in rows:
                index.setdefault((row.code, normalise_office(row.office)), []).append((name, row))
        return index

    return derived(get_tables(), "holders", build)


def namesake_in_office(word: str, day: dt.date, other_than: str) -> Status | None:
    """The one person other than ``other_than`` whose name ends with ``word`` and who is in office on ``day``.

    A bare surname is an alias of the best-known bearer ("Khamenei", "Aliyev"); when that person is out of office on
    the article's day and exactly one namesake holds office, the text most likely means the namesake (Mojtaba
    Khamenei after March 2026, Ilham Aliyev after his father).
    """
    from .tables import fold

    def build(tables):
        index: dict[str, list[str]] = {}
        for name in tables.offices:
            parts = name.split()
            if len(parts) > 1:
                index.setdefault(fold(parts[-1]), []).append(name)
        return index

    index = derived(get_tables(), "surnames", build)
    found = []
    for name in index.get(fold(word), ()):
        if name == other_than:
            continue
        status = person_status(name, day)
        if status is not None and status.sector != OUT_OF_OFFICE_SECTOR:
            found.append(status)
    return found[0] if len(found) == 1 else None


def load_user_actors(path: str | Path) -> list[OfficeRow]:
    """Add a table in the offices.tsv format (name, aliases, country, office, sector, start, end)."""
    rows = read_office_table(path)
    add_user_rows(rows)
    return rows


_PHOENIX_CODE = re.compile(r"\[([A-Z]{3,})\s*([^\]]*)\]")


def _phoenix_date(text: str, path: str, line: int) -> dt.date:
    text = text.strip()
    if not re.fullmatch(r"\d{6}", text):
        raise RealpolitikError("E206", f"bad Phoenix date {text!r}; expected YYMMDD", path, line)
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    # Phoenix writes two-digit years; its dictionaries cover people born from the 1920s
    year = 2000 + yy if yy <= 40 else 1900 + yy
    return dt.date(year, mm, dd)


def _phoenix_name(token: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in token.strip("_+ ").split("_") if w)


def import_phoenix(path: str | Path, register: bool = True) -> list[OfficeRow]:
    """Read a PETRARCH/Phoenix actor dictionary (``VLADIMIR_PUTIN_ [RUSGOV 991231-080507]``).

    A name line may carry codes itself; ``+ALIAS_`` lines add aliases; ``[CODE dates]`` lines add
    offices, dates as ``YYMMDD-YYMMDD``, ``>YYMMDD`` (from) or ``<YYMMDD`` (until).  Comments start
    with ``#``.  The rows are added to the active tables unless ``register`` is false.
    """
    path = Path(path)
    if not path.exists():
        raise RealpolitikError("E204", "the Phoenix dictionary does not exist", str(path))
    people: list[tuple[str, list[str], list[tuple[str, str, int]]]] = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            stripped = line.strip()
            if stripped.startswith("+"):
                if people:
                    people[-1][1].append(_phoenix_name(stripped.split("[")[0]))
                continue
            codes = [(m.group(1), m.group(2), lineno) for m in _PHOENIX_CODE.finditer(stripped)]
            head = _PHOENIX_CODE.sub("", stripped).strip()
            if head:
                people.append((_phoenix_name(head), [], codes))
            elif people:
                people[-1][2].extend(codes)
    rows = []
    for name, aliases, codes in people:
        for code, dates, lineno in codes:
            country, sector = code[:3], code[3:6] or "GOV"
            start = end = None
            dates = dates.strip()
            if dates.startswith(">"):
                start = _phoenix_date(dates[1:], str(path), lineno)
            elif dates.startswith("<"):
                end = _phoenix_date(dates[1:], str(path), lineno)
            elif "-" in dates:
                a, b = dates.split("-", 1)
                start, end = _phoenix_date(a, str(path), lineno), _phoenix_date(b, str(path), lineno)
            elif dates:
                raise RealpolitikError("E206", f"bad Phoenix date range {dates!r}", str(path), lineno)
            rows.append(OfficeRow(name, tuple(aliases), country, "", sector, start, end))
    if register:
        add_user_rows(rows)
    return rows
