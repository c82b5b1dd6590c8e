"""Consistency checks of the office tables (offices.tsv and offices/*.tsv, or a user's table).

A table written by hand goes wrong in a few typical ways: a date typed backwards, two presidents of one country in
office at once, a code that is no country, one person written twice under two spellings, a short alias that two
people share. ``check_office_tables`` finds them; ``scripts/check_offices.py`` and the tests run it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from ..errors import RealpolitikError
from .tables import DATA_DIR, OfficeRow, fold, office_table_files, read_office_table, tokens_of

# the offices of the world tables (data/actors/offices/*.tsv)
WORLD_OFFICES = {
    "president", "prime minister", "chancellor", "king", "queen", "emir", "sultan", "grand duke", "prince",
    "supreme leader", "foreign minister", "defence minister", "head of state", "general secretary",
    "state counsellor", "rival prime minister", "rival president", "federal president", "federal prime minister",
    "federal foreign minister", "federal defence minister",
}
# one holder at a time per country; "head of state" also names members of collective presidencies
SINGLE_HOLDER = {
    "president": "president", "prime minister": "prime minister", "chancellor": "prime minister",
    "premier": "prime minister", "foreign minister": "foreign minister", "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister", "defence minister": "defence minister",
    "secretary of defense": "defence minister", "defence secretary": "defence minister",
    "king": "monarch", "queen": "monarch", "emir": "monarch", "sultan": "monarch", "grand duke": "monarch",
    "prince": "monarch", "supreme leader": "supreme leader", "general secretary": "general secretary",
}
SECTORS = {"GOV", "MIL", "SPY", "LEG", "JUD", "COP", "PRM", "PTY", "REB", "UAF", "OPP", "ELI", "IGO", "NGO", "BUS",
           "REL", "MED", "JRN", "EDU", "CVL", "PRE", "CRM"}
# heads of first-level subdivisions, with the subdivision named ("governor of Texas", "chief minister of Sindh")
SUBNATIONAL = re.compile(r"^(governor|chief minister|premier|head|president|mayor) of [A-Z][\w'’.-]*( [\w'’.-]+)*$")
OVERLAP_DAYS = 7  # hand-overs on the same day, and caretakers of a few days, are not errors


def _codes() -> set[str]:
    from .tables import get_tables

    t = get_tables()
    return set(t.countries) | set(t.orgs) | {"XKX", "SUN", "YUG", "SCG", "PSE", "TWN", "VAT", "EU", "UN", "NATO"}


def _rows(path: Path) -> list[tuple[int, OfficeRow]]:
    """Rows with their line numbers (read_office_table does the format checks)."""
    rows = read_office_table(path)
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.strip() and not line.startswith("#") and not line.lower().startswith("name\t")]
    return list(zip(lines, rows))


def check_office_tables(paths: list[Path] | None = None, context: list[Path] | None = None,
                        world: bool | None = None) -> list[str]:
    """Problems found in ``paths`` (default: every packaged office table), each as ``file:line: message``.

    ``context`` tables are read to find clashes with the checked ones (default: the other packaged tables);
    ``world`` restricts offices to the world tables' vocabulary (default: for files in data/actors/offices/).
    """
    paths = [Path(p) for p in (paths or office_table_files())]
    context = [Path(p) for p in (context if context is not None else office_table_files())]
    context = [p for p in context if p.resolve() not in {q.resolve() for q in paths}]
    codes = _codes()
    problems: list[str] = []
    checked: list[tuple[str, int, OfficeRow]] = []
    for path in paths:
        try:
            rows = _rows(path)
        except RealpolitikError as exc:
            problems.append(str(exc))
            continue
        in_world = world if world is not None else path.resolve().parent == (DATA_DIR / "offices").resolve()
        for line, row in rows:
            where = f"{path.name}:{line}"
            checked.append((where, line, row))
            if row.code not in codes:
                problems.append(f"{where}: unknown country or organisation code {row.code!r}")
            if row.sector not in SECTORS:
                problems.append(f"{where}: unknown sector {row.sector!r}")
            if in_world and row.office not in WORLD_OFFICES and not SUBNATIONAL.match(row.office):
                problems.append(f"{where}: office {row.office!r} is not one of {sorted(WORLD_OFFICES)}")
            if row.start is None:
                problems.append(f"{where}: no start date")
            if row.start and row.end and row.end <= row.start:
                problems.append(f"{where}: ends ({row.end}) before it starts ({row.start})")
            if row.start and row.start > dt.date.today():
                problems.append(f"{where}: starts in the future ({row.start})")
            for alias in row.aliases:
                if alias.strip() != alias or not alias:
                    problems.append(f"{where}: empty or padded alias {alias!r}")
                elif in_world and alias.replace(".", "").isupper():
                    # "AKK" or "MBS" also stand for organisations and places; the few the press really uses for a
                    # person are kept in offices.tsv, reviewed one by one
                    problems.append(f"{where}: acronym alias {alias!r}: acronyms of people go in offices.tsv")
    others: list[tuple[str, int, OfficeRow]] = []
    for path in context:
        try:
            others += [(f"{path.name}:{line}", line, row) for line, row in _rows(path)]
        except RealpolitikError:
            continue
    problems += _overlaps(checked, others)
    problems += _people(checked, others)
    return problems


def _overlaps(checked, others) -> list[str]:
    by_office: dict[tuple[str, str], list] = defaultdict(list)
    for where, _, row in checked + others:
        kind = SINGLE_HOLDER.get(row.office.lower())
        if kind and row.start:
            by_office[(row.code, kind)].append((row.start, row.end or dt.date.max, row.name, where))
    mine = {where for where, _, _ in checked}
    problems = []
    for (code, kind), spans in by_office.items():
        spans.sort()
        for a, (s1, e1, n1, w1) in enumerate(spans):
            for s2, e2, n2, w2 in spans[a + 1:]:
                if s2 >= e1:
                    break
                if n1 == n2 or (w1 not in mine and w2 not in mine):
                    continue
                days = (min(e1, e2) - s2).days
                if days > OVERLAP_DAYS:
                    problems.append(f"{w2}: {n2} and {n1} ({w1}) are both {kind} of {code} for {days} days "
                                    f"from {s2}")
    return problems


def _people(checked, others) -> list[str]:
    """One person under two names, a person written in two files, short aliases shared by two people."""
    problems = []
    names_here: dict[str, str] = {}
    for where, _, row in checked:
        names_here.setdefault(row.name, where)
    owner: dict[tuple[str, ...], set[str]] = defaultdict(set)
    first: dict[tuple[str, ...], str] = {}
    for where, _, row in checked + others:
        for alias in {row.name, *row.aliases}:
            key = tuple(fold(t) for t in tokens_of(alias))
            owner[key].add(row.name)
            first.setdefault(key, where)
    other_names = {row.name: where for where, _, row in others}
    for name, where in names_here.items():
        if name in other_names:
            problems.append(f"{where}: {name} is also in {other_names[name]}; keep a person in one table")
    for key, people in owner.items():
        if len(people) > 1:
            problems.append(f"{first[key]}: the name {' '.join(key)!r} is given to {len(people)} people: "
                            f"{', '.join(sorted(people))}")
    return problems


ORG_FAMILIES = {"un", "eu", "igo", "ngo", "armed", "party", "organ", "business", "media"}


def check_org_tables(paths: list[Path] | None = None, context: list[Path] | None = None) -> list[str]:
    """Problems in organisation tables (orgs.tsv format): codes, sectors, families, one name given to two bodies."""
    from .tables import org_table_files

    paths = [Path(p) for p in (paths or org_table_files())]
    context = [Path(p) for p in (context if context is not None else org_table_files())]
    context = [p for p in context if p.resolve() not in {q.resolve() for q in paths}]
    codes = _codes()
    problems: list[str] = []
    owners: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)

    def rows_of(path: Path):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                yield n, line.split("\t")

    for path in paths + context:
        mine = path in paths
        for n, cells in rows_of(path):
            where = f"{path.name}:{n}"
            if len(cells) != 7:
                if mine:
                    problems.append(f"{where}: expected 7 tab-separated columns "
                                    f"(name, aliases, org, country, home, sector, family), found {len(cells)}")
                continue
            name, aliases, org, country, home, sector, family = (c.strip() for c in cells)
            if mine:
                if not name or not (org or country):
                    problems.append(f"{where}: a row needs a name and an org code or a country")
                if country and country not in codes:
                    problems.append(f"{where}: unknown country code {country!r}")
                if home and home not in codes:
                    problems.append(f"{where}: unknown home country code {home!r}")
                if sector not in SECTORS:
                    problems.append(f"{where}: unknown sector {sector!r}")
                if family not in ORG_FAMILIES:
                    problems.append(f"{where}: family {family!r} is not one of {sorted(ORG_FAMILIES)}")
            body = org or f"{name}/{country}"
            for alias in {name, *aliases.split("|")}:
                alias = alias.strip()
                if alias:
                    key = tuple(fold(t) for t in tokens_of(alias))
                    owners[key].setdefault(body, where)
    for key, bodies in owners.items():
        if len(bodies) > 1 and any(w.split(":")[0] in {p.name for p in paths} for w in bodies.values()):
            problems.append(f"{min(bodies.values())}: the name {' '.join(key)!r} is given to "
                            f"{', '.join(sorted(bodies))}")
    return problems
