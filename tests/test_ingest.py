"""Readers per format and the errors they report (no model needed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.errors import InputError, RealpolitikError
from realpolitik.ingest import MAX_FILE_MB, normalise_published, read_paths
from realpolitik.records import Article, article_id_for

DATA = Path(__file__).parent / "data" / "articles"


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize("name", ["treaty.txt", "accusation.md"])
def test_ingest_plain_text_uses_user_date(name):
    arts, errs = _split(read_paths([DATA / name], published="2025-02-01"))
    assert errs == []
    (art,) = arts
    assert art.published == "2025-02-01" and art.published_from == "user"
    assert art.article_id == article_id_for(art.text)
    assert art.path == str(DATA / name)


@pytest.mark.parametrize("name", ["treaty.txt"])
def test_ingest_plain_text_without_date_is_unknown(name):
    (art,) = read_paths([DATA / name])
    assert art.published is None and art.published_from == "unknown"


@pytest.mark.parametrize("text,title", [("# Talks in Ankara\n\nTurkey met Russia.", "Talks in Ankara")])
def test_ingest_markdown_title_and_heading_marks(tmp_path, text, title):
    (tmp_path / "a.md").write_text(text)
    (art,) = read_paths([tmp_path / "a.md"])
    assert art.title == title
    assert not art.text.startswith("#") and art.text.startswith(title)


@pytest.mark.parametrize("user_date", [None, "2025-02-01"])
def test_ingest_html_metadata_wins_and_footer_year_is_ignored(user_date):
    (art,) = read_paths([DATA / "visit.html"], published=user_date)
    assert art.published == "2024-03-05" and art.published_from == "metadata"
    assert art.title == "Turkish foreign minister visits Moscow"
    assert art.source == "Example Wire"
    assert art.url == "https://wire.example.org/2024/turkey-russia-visit"
    assert "grain exports" in art.text
    assert "All rights reserved" not in art.text and "About us" not in art.text


@pytest.mark.parametrize("user_date,expected,origin", [(None, None, "unknown"), ("2025-02-01", "2025-02-01", "user")])
def test_ingest_html_copyright_footer_is_not_a_date(tmp_path, user_date, expected, origin):
    html = (DATA / "visit.html").read_text().replace(
        '<meta property="article:published_time" content="2024-03-05T08:15:00+03:00">', "")
    (tmp_path / "p.html").write_text(html)
    (art,) = read_paths([tmp_path / "p.html"], published=user_date)
    assert (art.published, art.published_from) == (expected, origin)


def test_ingest_html_declared_charset_is_honoured(tmp_path):
    html = ('<html><head><meta charset="windows-1252"><title>T</title></head><body><article><p>'
            + "Ankara and Moscow agreed on the caf\u00e9 deal after long talks about trade and grain. " * 3
            + "</p></article></body></html>")
    (tmp_path / "p.html").write_bytes(html.encode("cp1252"))
    arts, errs = _split(read_paths([tmp_path / "p.html"]))
    assert errs == [] and "caf\u00e9" in arts[0].text


@pytest.mark.parametrize("html", [
    "<html><head><title>x</title></head><body><div><nav></nav></div>",
    "<<<>>> </p></div> <!-- -->",
])
def test_ingest_broken_html_is_an_error(tmp_path, html):
    (tmp_path / "broken.html").write_text(html)
    ((err,),) = [_split(read_paths([tmp_path / "broken.html"]))[1]]
    assert err.code == "E106" and err.path == str(tmp_path / "broken.html")
    assert "no article text" in err.message


def test_ingest_jsonl_metadata_and_line_paths():
    arts, errs = _split(read_paths([DATA / "wire.jsonl"], published="2025-02-01"))
    assert errs == []
    (art,) = arts
    assert (art.published, art.published_from) == ("2023-11-08", "metadata")
    assert (art.title, art.source, art.url) == ("China urges Japan to halt drills", "Example Wire",
                                                "https://wire.example.org/china-japan")
    assert art.path == f"{DATA / 'wire.jsonl'}:1"


def test_ingest_jsonl_bad_lines_are_errors_and_other_lines_are_kept(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": "Russia met Iran in Tehran.", "published": "2022-07-19"}),
        '{"text": "unterminated',
        json.dumps({"title": "no text here", "url": "https://example.org"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "Turkey urged Russia to talk.", "published": "not a date"}),
    ]) + "\n")
    arts, errs = _split(read_paths([path], published="2025-02-01"))
    assert [a.text for a in arts] == ["Russia met Iran in Tehran.", "Turkey urged Russia to talk."]
    assert [(a.published, a.published_from) for a in arts] == [("2022-07-19", "metadata"), ("2025-02-01", "user")]
    assert [(e.code, e.path, e.line) for e in errs] == [("E107", str(path), 2), ("E108", str(path), 3),
                                                          ("E108", str(path), 5)]
    assert "line 2 is not valid JSON" in errs[0].message
    assert "no 'text' field" in errs[1].message and "title, url" in errs[1].message
    assert str(errs[1]).startswith(f"E108: {path}:3: ")


def test_ingest_jsonl_invalid_utf8_line_only(tmp_path):
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"text": "Iran met Russia."}\n{"text": "Caf\xe9 talks."}\n{"text": "China urged Japan."}\n')
    arts, errs = _split(read_paths([path]))
    assert [a.text for a in arts] == ["Iran met Russia.", "China urged Japan."]
    assert [(e.code, e.line) for e in errs] == [("E104", 2)]


@pytest.mark.parametrize("payload,n_arts,codes", [
    ({"text": "Russia met Iran.", "published": "2022-07-19T10:00:00+04:30"}, 1, []),
    ({"text": "Russia met Iran.", "date": "2022-07-19"}, 1, []),
    ([{"text": "Russia met Iran."}, {"text": ""}, {"text": "Iran met Turkey."}], 2, ["E108"]),
    ([], 0, ["E103"]),
])
def test_ingest_json_object_or_list(tmp_path, payload, n_arts, codes):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(payload))
    arts, errs = _split(read_paths([path]))
    assert len(arts) == n_arts and [e.code for e in errs] == codes
    if isinstance(payload, dict):
        assert arts[0].published == "2022-07-19"
    if isinstance(payload, list) and n_arts:
        assert arts[1].path == f"{path}[3]" and "item 2 of the list" in errs[0].message


def test_ingest_json_syntax_error_names_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "text": "Russia met Iran."\n  "title": "x"\n}\n')
    ((err,),) = [_split(read_paths([path]))[1]]
    assert (err.code, err.path, err.line) == ("E107", str(path), 3)


@pytest.mark.parametrize("name,content,code,words", [
    ("blob.txt", b"\x00\x01\x02\x03binary\x00data", "E102", "binary file"),
    ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "E102", "a PDF"),
    ("nul16.txt", b"\xff\xfe\x00\x00", "E102", "binary file"),
    ("empty.txt", b"", "E103", "empty"),
    ("blank.md", b"  \n\n\t\n", "E103", "empty"),
    ("empty.jsonl", b"\n\n", "E103", "empty"),
    ("latin.txt", b"Russia and Iran\nsigned a caf\xe9 deal.", "E104", "byte 0xE9 at byte offset 28, line 2"),
    ("data.csv", b"a,b\n1,2\n", "E101", "unknown file type '.csv'"),
])
def test_ingest_bad_file_is_reported_with_its_path(tmp_path, name, content, code, words):
    path = tmp_path / name
    path.write_bytes(content)
    arts, errs = _split(read_paths([path]))
    assert arts == []
    ((err,),) = [errs]
    assert (err.code, err.path) == (code, str(path))
    assert words in err.message


def test_ingest_file_over_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # 50 MB of text, written in pieces
        chunk = b"Russia and Iran signed a treaty. " * 32768
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
        fh.truncate(50 * 1024 * 1024)
    ((err,),) = [list(read_paths([path]))]
    assert isinstance(err, InputError) and err.code == "E105" and err.path == str(path)
    assert f"file is 50 MB, over the {MAX_FILE_MB} MB limit; split it" in err.message


def test_ingest_utf8_bom_and_utf16_are_read(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffIran met Russia.".encode("utf-8"))
    (tmp_path / "b.txt").write_bytes("Turkey met Russia.".encode("utf-16"))
    arts, errs = _split(read_paths([tmp_path]))
    assert errs == [] and [a.text for a in arts] == ["Iran met Russia.", "Turkey met Russia."]


def test_ingest_folder_is_recursive_sorted_and_skips_other_files(tmp_path, caplog):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Iran met Russia.")
    (tmp_path / "a.txt").write_text("Turkey met Russia.")
    (tmp_path / "c.md").write_text("China met Japan.")
    (tmp_path / "notes.csv").write_text("x,y")
    (tmp_path / ".hidden.txt").write_text("not read")
    arts, errs = _split(read_paths([tmp_path]))
    assert errs == []
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in arts] == ["a.txt", "c.md", "b/z.txt"]
    assert "notes.csv: skipped" in caplog.text


def test_ingest_missing_path_is_an_error_and_rest_is_read(tmp_path):
    items = list(read_paths([tmp_path / "nope.txt", DATA / "treaty.txt"]))
    assert isinstance(items[0], InputError) and items[0].code == "E100"
    assert isinstance(items[1], Article)


def test_ingest_same_text_same_id(tmp_path):
    (tmp_path / "a.txt").write_text("Iran  met Russia.\r\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Iran met Russia."}) + "\n")
    a, b = read_paths([tmp_path])
    assert a.article_id == b.article_id


@pytest.mark.parametrize("value,expected", [
    ("2025-01-17", "2025-01-17"),
    ("2025-01-17T23:30:00-05:00", "2025-01-17"),
    ("2025-01-17 10:00", "2025-01-17"),
    ("2025-01-17T10:00:00Z", "2025-01-17"),
    ("20250117", "2025-01-17"),
    ("Fri, 17 Jan 2025 10:00:00 GMT", "2025-01-17"),
    ("2025-02-30", None),
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_ingest_normalise_published(value, expected):
    assert normalise_published(value) == expected


@pytest.mark.parametrize("value", ["17/01/2025", "soon"])
def test_ingest_bad_user_date_raises_before_reading(value):
    with pytest.raises(RealpolitikError) as exc:
        read_paths([DATA], published=value)
    assert exc.value.code == "E109" and "YYYY-MM-DD" in exc.value.message


@pytest.mark.parametrize("text,title,source", [
    ("Talks Resume in Oslo\nOSLO, May 2, 2024 (Fjord Wire) - Norway hosted talks.", "Talks Resume in Oslo", "Fjord Wire"),
    ("Dam Deal Signed\nBy Nile Courier staff | March 3, 2024\n\nEgypt and Sudan signed.", "Dam Deal Signed",
     "Nile Courier"),
    ("Dam Deal Signed\nBy Staff Writer | March 3, 2024\n\nEgypt and Sudan signed.", "Dam Deal Signed", None),
    ("Egypt and Sudan signed a deal on Monday. They met in Cairo.", None, None),
])
def test_header_fields_reads_headline_and_outlet(text, title, source):
    from realpolitik.ingest.text import header_fields

    assert header_fields(text) == (title, source)
