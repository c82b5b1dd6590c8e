"""The bundled example corpus (examples/corpus): formats, dates, distinct texts, own wording.

Fast checks with the standard library only (no spaCy), so the corpus stays a reliable
fixture for the ingest, dedup and analytics demos.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from realpolitik.records import EVENT_TYPES, STATUSES, article_id_for
from shared_paths import shared_file

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = EXAMPLES / "corpus"

# A byline/dateline date: "March 3, 2024", "Sept. 18, 2023" or "2024-03-03".
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
BYLINE_DATE = re.compile(rf"\b{MONTH} \d{{1,2}}, (?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")
SHINGLE = 8


class _ArticleHTML(HTMLParser):
    """Collects the <p> text inside <article>, the <title>, the meta properties and the footer text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.paragraphs: list[str] = []
        self.footer = ""
        self._stack: list[str] = []
        self._in_article = 0
        self._in_footer = 0
        self._buf: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content") or ""
            return
        self._stack.append(tag)
        if tag == "article":
            self._in_article += 1
        elif tag == "footer":
            self._in_footer += 1
        elif tag == "p" and self._in_article:
            self._buf = []

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
        if tag == "article":
            self._in_article -= 1
        elif tag == "footer":
            self._in_footer -= 1
        elif tag == "p" and self._buf is not None:
            self.paragraphs.append(" ".join("".join(self._buf).split()))
            self._buf = None

    def handle_data(self, data):
        if self._stack and self._stack[-1] == "title":
            self.title += data
        if self._buf is not None:
            self._buf.append(data)
        if self._in_footer:
            self.footer += data


def _parse_html(path: Path) -> _ArticleHTML:
    parser = _ArticleHTML()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _load_corpus() -> list[dict]:
    """Every example article as {name, fmt, text, published (ISO date or None), source}."""
    out: list[dict] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        byline = "\n".join(text.splitlines()[1:3])
        # The outlet sits in the dateline "(Bosporus Daily)" or the byline "By Caspian Ledger staff".
        m = re.search(r"\(([^)]+)\)|^By (.+?) staff\b", byline, re.M)
        source = (m.group(1) or m.group(2)) if m else None
        out.append({"name": path.name, "fmt": "txt", "text": text, "published": None, "source": source})
    for path in sorted(CORPUS.glob("*.html")):
        page = _parse_html(path)
        out.append({"name": path.name, "fmt": "html", "text": "\n\n".join(page.paragraphs),
                    "published": page.meta.get("article:published_time"), "source": page.meta.get("og:site_name")})
    for path in sorted(CORPUS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                out.append({"name": f"{path.name}:{n}", "fmt": "jsonl", "text": rec.get("text", ""),
                            "published": (rec.get("published") or "")[:10], "source": rec.get("source")})
    return out


CORPUS_ARTICLES = _load_corpus()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))


def _shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}




def test_examples_corpus_size_and_formats():
    assert 12 <= len(CORPUS_ARTICLES) <= 20
    fmts = {a["fmt"] for a in CORPUS_ARTICLES}
    assert fmts == {"txt", "html", "jsonl"}


@pytest.mark.parametrize("article", CORPUS_ARTICLES, ids=lambda a: a["name"])
def test_examples_article_length(article):
    n = len(article["text"].split())
    assert 120 <= n <= 350, f"{article['name']} has {n} words"


def test_examples_jsonl_lines_parse_with_text_and_iso_date():
    files = sorted(CORPUS.glob("*.jsonl"))
    assert files, "expected one .jsonl file in examples/corpus"
    for path in files:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        assert 4 <= len(lines) <= 6
        for n, line in enumerate(lines, 1):
            rec = json.loads(line)
            assert set(rec) >= {"text", "title", "url", "source", "published"}, f"{path.name}:{n}"
            assert rec["text"].strip(), f"{path.name}:{n} has no text"
            # A full timestamp is allowed; it must still be ISO 8601.
            dt.datetime.fromisoformat(rec["published"])
            dt.date.fromisoformat(rec["published"][:10])


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_examples_txt_has_byline_date_in_first_lines(path):
    head = path.read_text(encoding="utf-8").splitlines()[:3]
    assert any(BYLINE_DATE.search(line) for line in head[1:]), f"no byline date in {head}"
    # The headline comes first and carries no date.
    assert head[0].strip() and not BYLINE_DATE.search(head[0])


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.html")), ids=lambda p: p.name)
def test_examples_html_has_published_meta_and_a_misleading_copyright(path):
    page = _parse_html(path)
    published = dt.date.fromisoformat(page.meta["article:published_time"][:10])
    assert page.title.strip() and page.meta.get("og:site_name")
    assert len(page.paragraphs) >= 4
    # The footer's copyright year is boilerplate and deliberately differs from the article's year.
    years = {int(y) for y in re.findall(r"\u00a9\s*(\d{4})", page.footer)}
    assert years and published.year not in years


def test_examples_texts_are_distinct():
    ids = [article_id_for(a["text"]) for a in CORPUS_ARTICLES]
    assert len(set(ids)) == len(ids)


def _byline_day(text: str) -> str | None:
    """The ISO date of a .txt article's byline ("Sept. 18, 2023" -> "2023-09-18")."""
    m = BYLINE_DATE.search("\n".join(text.splitlines()[:3]))
    if not m:
        return None
    found = m.group(0)
    if found[0].isdigit():
        return found
    month, day, year = re.match(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})", found).groups()
    return dt.datetime.strptime(f"{month} {day} {year}", "%b %d %Y").date().isoformat()


@pytest.mark.parametrize("line, expected", [
    ("Headline\nBy Staff Writer | March 3, 2024\n", "2024-03-03"),
    ("Headline\nWASHINGTON, Sept. 18, 2023 (Wire) - Body", "2023-09-18"),
    ("Headline\nno date here\nstill none", None),
])
def test_examples_byline_day(line, expected):
    assert _byline_day(line) == expected


def test_examples_one_event_told_by_three_outlets_in_three_formats():
    by_date: dict[str, list[dict]] = {}
    for a in CORPUS_ARTICLES:
        day = a["published"] or (_byline_day(a["text"]) if a["fmt"] == "txt" else None)
        if day:
            by_date.setdefault(day[:10], []).append(a)
    trios = [arts for arts in by_date.values() if {x["fmt"] for x in arts} == {"txt", "html", "jsonl"}]
    assert trios, "expected one day reported by a .txt, an .html and a .jsonl article"
    assert len({x["source"] for x in trios[0] if x["source"]}) >= 3, "the three reports need three outlets"


# --- the README coverage table: every cited excerpt must really be in the cited article ---

def _readme_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[2].startswith('"'):
            rows.append((cells[0], cells[1].strip("`"), cells[2].strip('"'), cells[3]))
    return rows


def _article_text(ref: str) -> str:
    for a in CORPUS_ARTICLES:
        if a["name"] == ref:
            return a["text"]
    raise AssertionError(f"README cites unknown article {ref!r}")


README_ROWS = _readme_rows()


@pytest.mark.parametrize("row", README_ROWS, ids=lambda r: f"{r[0]}-{r[1]}")
def test_examples_readme_excerpt_is_in_cited_article(row):
    label, ref, excerpt, status = row
    assert label in EVENT_TYPES or label in STATUSES or label in {"historical", "reported"}, label
    assert " ".join(excerpt.split()) in " ".join(_article_text(ref).split())


def test_examples_readme_covers_every_event_type_twice_and_every_status():
    counts: dict[str, int] = {}
    for label, *_ in README_ROWS:
        counts[label] = counts.get(label, 0) + 1
    for event in EVENT_TYPES:
        assert counts.get(event, 0) >= 2, f"{event} is cited {counts.get(event, 0)} times"
    statuses = {r[3] for r in README_ROWS} | {r[0] for r in README_ROWS}
    assert set(STATUSES) | {"historical", "reported"} <= statuses


def test_examples_readme_lists_every_file():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in CORPUS.iterdir():
        assert path.name in readme, f"{path.name} is not described in examples/README.md"


# --- own wording: no 8-word run shared with the seed articles ---

def test_examples_share_no_shingle_with_seeds():
    seeds = shared_file("seeds")
    seed_shingles: set[tuple[str, ...]] = set()
    for path in sorted(seeds.iterdir()):
        if path.is_file():
            seed_shingles |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    assert seed_shingles, f"no seed text found in {seeds}"
    clashes = {a["name"]: " ".join(s) for a in CORPUS_ARTICLES for s in _shingles(a["text"]) & seed_shingles}
    assert not clashes, f"example text copies seed wording: {clashes}"
