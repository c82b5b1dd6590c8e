"""Small WARC/WET files made with warcio's writer from our own example articles (tests and bench scripts)."""
from __future__ import annotations

import html as html_lib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@dataclass
class Record:
    uri: str
    body: bytes = b""
    kind: str = "response"  # response | request | metadata | conversion | warcinfo | revisit | resource
    status: str = "200 OK"
    content_type: str | None = "text/html; charset=utf-8"
    date: str = "2024-05-01T10:00:00Z"  # WARC-Date
    headers: list[tuple[str, str]] = field(default_factory=list)  # extra HTTP headers (Last-Modified ...)


def page(title: str, paragraphs: list[str], published: str | None = None, site: str = "Example Wire") -> bytes:
    """A news page as a CMS would serve it: navigation and footer around the article."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "\n".join(f"<p>{html_lib.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html_lib.escape(title)}</title>"
            f'<meta property="og:site_name" content="{site}">{meta}</head><body>'
            f'<nav><a href="/">Home</a> | <a href="/world">World</a></nav><main><article>'
            f"<h1>{html_lib.escape(title)}</h1>\n{paras}</article></main>"
            "<footer>About us | Contact | All rights reserved</footer></body></html>").encode("utf-8")


def corpus_html_files() -> list[Path]:
    return sorted(CORPUS.glob("*.html"))


def corpus_pages() -> list[Record]:
    """Every example article as an HTML response: the .html files as they are, the .txt and JSONL articles
    wrapped in a page (title = headline, one <p> per paragraph, the date in the page metadata)."""
    records = []
    for f in corpus_html_files():
        records.append(Record(uri=f"https://news.example/{f.stem}", body=f.read_bytes()))
    for f in sorted(CORPUS.glob("*.txt")):
        paras = [p.strip() for p in f.read_text().split("\n\n") if p.strip()]
        records.append(Record(uri=f"https://news.example/{f.stem}",
                              body=page(paras[0].split("\n")[0], paras[1:], published=f.name[:10])))
    for i, line in enumerate((CORPUS / "articles.jsonl").read_text().splitlines(), 1):
        obj = json.loads(line)
        paras = [p.strip() for p in obj["text"].split("\n\n") if p.strip()]
        records.append(Record(uri=obj.get("url") or f"https://news.example/jsonl-{i}",
                              body=page(obj.get("title") or paras[0][:60], paras, published=obj.get("published"))))
    return records


def write_warc(path: Path, records: list[Record], gzip: bool | None = None) -> Path:
    """Write ``records`` as a WARC (gzipped per record when the name ends in .gz, as Common Crawl does)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gzip = path.name.endswith(".gz") if gzip is None else gzip
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for r in records:
            warc_headers = {"WARC-Date": r.date}
            if r.kind == "warcinfo":
                rec = writer.create_warcinfo_record(path.name, {"software": "realpolitik tests"})
            elif r.kind == "response":
                headers = ([("Content-Type", r.content_type)] if r.content_type else []) + list(r.headers)
                http = StatusAndHeaders(r.status, headers, protocol="HTTP/1.1")
                rec = writer.create_warc_record(r.uri, "response", payload=io.BytesIO(r.body), http_headers=http,
                                                warc_headers_dict=warc_headers)
            elif r.kind == "request":
                http = StatusAndHeaders(f"GET {r.uri} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
                rec = writer.create_warc_record(r.uri, "request", payload=io.BytesIO(b""), http_headers=http,
                                                warc_headers_dict=warc_headers)
            else:  # metadata, conversion (WET text), resource, revisit
                rec = writer.create_warc_record(r.uri, r.kind, payload=io.BytesIO(r.body),
                                                warc_content_type=r.content_type or "text/plain",
                                                warc_headers_dict=warc_headers)
            writer.write_record(rec)
    return path
