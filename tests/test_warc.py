"""WARC and WET input: pages become articles, other records are counted, damage is reported (no model needed)."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from realpolitik.errors import InputError
from realpolitik.ingest import ReadReport, read_paths
from realpolitik.ingest import warc as warc_mod
from realpolitik.records import Article
from warc_helpers import Record, corpus_html_files, corpus_pages, page, write_warc

PARAS = ["Russia and Iran signed a railway agreement in Tehran on Monday, officials in both capitals said.",
         "The deal commits the two governments to finish the line within four years."]


def _read(path, **kw):
    report = ReadReport()
    items = list(read_paths([path], report=report, **kw))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)], report)


@pytest.mark.parametrize("name", ["pages.warc", "pages.warc.gz"])
def test_warc_html_pages_read_as_their_html_files(tmp_path, name):
    """Each example .html page in a WARC gives the article its file gives, with the record's URL."""
    files = corpus_html_files()
    records = [Record(uri=f"https://news.example/{f.stem}", body=f.read_bytes()) for f in files]
    arts, errs, report = _read(write_warc(tmp_path / name, records))
    assert errs == [] and report.total == 0
    assert len(arts) == len(files)
    for art, f in zip(arts, files):
        (direct,) = read_paths([f])
        assert art.article_id == direct.article_id and art.title == direct.title
        assert art.published == direct.published and art.published_from == "metadata"
        assert art.url == f"https://news.example/{f.stem}"
        assert art.path.startswith(f"{tmp_path / name}:") and int(art.path.rsplit(":", 1)[1]) >= 0


@pytest.mark.parametrize("name", ["mixed.warc.gz"])
def test_warc_records_without_an_article_are_counted_not_errors(tmp_path, name):
    records = [
        Record(uri="", kind="warcinfo"),
        Record(uri="https://news.example/a", kind="request"),
        Record(uri="https://news.example/a", body=page("Railway deal", PARAS)),
        Record(uri="https://news.example/a", kind="metadata", body=b"fetchTimeMs: 120", content_type="application/json"),
        Record(uri="https://news.example/old", status="301 Moved Permanently", body=b"",
               headers=[("Location", "https://news.example/a")]),
        Record(uri="https://news.example/gone", status="404 Not Found", body=b"<html><body>Not found</body></html>"),
        Record(uri="https://news.example/r.pdf", content_type="application/pdf", body=b"%PDF-1.4 ..."),
        Record(uri="https://news.example/logo.png", content_type="image/png", body=b"\x89PNG...."),
        Record(uri="https://news.example/empty", body=b"<html><head><title>Gallery</title></head><body><img src=\"a.jpg\"></body></html>"),
    ]
    arts, errs, report = _read(write_warc(tmp_path / name, records))
    assert [a.url for a in arts] == ["https://news.example/a"] and errs == []
    assert report.counts == {warc_mod.NOT_A_PAGE: 3, warc_mod.NOT_200: 2, warc_mod.NOT_HTML: 2,
                             warc_mod.NO_TEXT: 1}


@pytest.mark.parametrize("meta,headers,expected", [
    ("2024-04-28", [("Last-Modified", "Tue, 30 Apr 2024 08:00:00 GMT")], "2024-04-28"),  # the page's date wins
    (None, [("Last-Modified", "Tue, 30 Apr 2024 08:00:00 GMT")], "2024-04-30"),          # then Last-Modified
    (None, [], "2024-05-01"),                                                           # then the crawl date
    (None, [("Last-Modified", "Fri, 03 May 2024 08:00:00 GMT")], "2024-05-01"),          # not after the crawl
])
def test_warc_date_page_metadata_then_last_modified_then_warc_date(tmp_path, meta, headers, expected):
    rec = Record(uri="https://news.example/a", body=page("Railway deal", PARAS, published=meta), headers=headers,
                 date="2024-05-01T10:00:00Z")
    (art,), _, _ = _read(write_warc(tmp_path / "d.warc", [rec]), published="2020-01-01")
    assert (art.published, art.published_from) == (expected, "metadata")


@pytest.mark.parametrize("name", ["text.wet.gz", "text.wet"])
def test_wet_conversion_records_are_plain_text_articles(tmp_path, name):
    text = "Railway deal signed in Tehran\n\n" + " ".join(PARAS)
    rec = Record(uri="https://news.example/a", kind="conversion", body=text.encode(), content_type="text/plain",
                 date="2024-05-02T01:00:00Z")
    (art,), errs, _ = _read(write_warc(tmp_path / name, [Record(uri="", kind="warcinfo"), rec]))
    assert errs == [] and art.title == "Railway deal signed in Tehran"
    assert art.url == "https://news.example/a" and art.published == "2024-05-02" and "four years" in art.text


def test_warc_bad_record_is_an_error_at_its_offset_and_the_next_is_read(tmp_path):
    bad = page("Railway deal", PARAS).replace(b"Monday", b"Mon\xffday")
    records = [Record(uri="https://news.example/bad", body=bad),
               Record(uri="https://news.example/good", body=page("Railway deal", PARAS))]
    path = write_warc(tmp_path / "b.warc.gz", records)
    arts, (err,), _ = _read(path)
    assert [a.url for a in arts] == ["https://news.example/good"]
    assert err.code == "E104" and err.path == str(path) and err.line == 0
    assert "record at byte offset 0" in err.message and "UTF-8" in err.message
    # the second record's offset is where the first gzip member ends
    assert int(arts[0].path.rsplit(":", 1)[1]) > 0


def test_warc_damaged_file_keeps_the_records_before_the_damage(tmp_path):
    records = [Record(uri=f"https://news.example/{i}", body=page(f"Deal {i}", [f"Part {i}."] + PARAS))
               for i in range(3)]
    whole = write_warc(tmp_path / "w.warc.gz", records).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: int(len(whole) * 0.8)])
    arts, errs, _ = _read(cut)
    assert [a.url for a in arts] == ["https://news.example/0", "https://news.example/1"]
    (err,) = errs
    assert err.code == "E150" and "damaged" in err.message and "2 records before it were read" in err.message


@pytest.mark.parametrize("content", [b"", b"not a warc at all\n" * 10, gzip.compress(b"plain gzip, no WARC")])
def test_warc_file_without_records_is_an_error(tmp_path, content):
    (tmp_path / "x.warc.gz").write_bytes(content)
    arts, (err,), _ = _read(tmp_path / "x.warc.gz")
    assert arts == [] and err.code == "E150" and err.path == str(tmp_path / "x.warc.gz")


def test_warc_is_exempt_from_the_file_size_limit(tmp_path, monkeypatch):
    """A WARC streams, so the whole-file limit of text/HTML/JSON files does not apply to it."""
    from realpolitik.ingest import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 2000)
    body = page("Railway deal", PARAS * 10)
    (tmp_path / "a.html").write_bytes(body)
    path = write_warc(tmp_path / "big.warc", [Record(uri=f"https://news.example/{i}",
                                                     body=page(f"Deal {i}", [f"Part {i}."] + PARAS * 10))
                                              for i in range(5)])
    assert path.stat().st_size > 5 * 2000
    (err,) = read_paths([tmp_path / "a.html"])
    assert err.code == "E105"
    arts, errs, _ = _read(path)
    assert len(arts) == 5 and errs == []


def test_warc_in_a_folder_is_found_by_its_double_suffix(tmp_path):
    write_warc(tmp_path / "CC-NEWS-20240501000000-00001.warc.gz", corpus_pages()[:3])
    (tmp_path / "other.tar.gz").write_bytes(gzip.compress(b"x"))
    arts, errs, _ = _read(tmp_path)
    assert len(arts) == 3 and errs == []
