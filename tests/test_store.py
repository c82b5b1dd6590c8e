"""The DuckDB store: migrations, idempotent writes, queries, JSON round-trip, errors (no model needed)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from realpolitik.errors import InputError, RealpolitikError
from realpolitik.records import Actor, Article, Event, Location
from realpolitik.store import Store
from realpolitik.store.migrations import MIGRATIONS


@dataclass
class Coded:
    article: Article
    events: list = field(default_factory=list)
    mentions: list = field(default_factory=list)


def _actor(code, sector="GOV", **kw):
    return Actor(text=code.title(), name=code, country=code if len(code) == 3 else None,
                 org=None if len(code) == 3 else code, sector=sector, **kw)


def _event(article, i, event, actors, recipients, date=None, status="asserted", **kw):
    sent = f"Sentence {i} about {event.lower()}."
    return Event(article_id=article.article_id, sentence_index=i, span=(i * 40, i * 40 + len(sent)), evidence=sent,
                 event=event, actor=[_actor(c) for c in actors], recipient=[_actor(c) for c in recipients],
                 date=date, date_precision="day" if date else "unknown", status=status, trigger=event.lower(),
                 trigger_span=(i * 40, i * 40 + 3), **kw)


def _coded(text, published="2025-01-17", source="Wire", events=()):
    art = Article(text=text, published=published, published_from="metadata", source=source, path="a.txt")
    return Coded(art, [_event(art, *e[:4], **e[4]) if len(e) > 4 else _event(art, *e) for e in events],
                 [_actor("RUS", start=0, end=6, kind="country")])


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


@pytest.fixture
def filled(store):
    store.add_coded(_coded("Russia and Iran signed a treaty.", events=[
        (0, "AGREE", ["RUS"], ["IRN"], {"date": "2025-01-17"}),
        (1, "CONSULT", ["IRN"], ["RUS"], {"date": "2025-01-16"}),
        (2, "ACCUSE", ["USA"], ["IRN"], {"date": "2022-07-13", "status": "alleged"}),
    ]))
    store.add_coded(_coded("Turkey urged Russia to extend the corridor.", published="2024-03-05", events=[
        (0, "REQUEST", ["TUR"], ["RUS"], {"date": "2024-03-04"}),
        (1, "AID", ["RUS", "IRN"], ["NATO"], {}),
    ]))
    return store


def test_store_migrations_recorded_once(tmp_path):
    path = tmp_path / "m.duckdb"
    with Store(path) as s:
        assert s.migrations() == [name for name, _ in MIGRATIONS]
    with Store(path) as s:
        assert s.migrate() == []
        n = s.con.execute("SELECT count(*) FROM migrations").fetchone()[0]
        assert n == len(MIGRATIONS)
        tables = {r[0] for r in s.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "mentions", "events", "errors", "migrations"} <= tables


def test_store_add_coded_is_idempotent(store):
    coded = _coded("Russia and Iran signed a treaty.", events=[(0, "AGREE", ["RUS"], ["IRN"])])
    assert store.has_article(coded.article.article_id) is False
    assert store.add_coded(coded) is True
    before = store.counts()
    assert before == {"articles": 1, "mentions": 1, "events": 1, "errors": 0}
    assert store.add_coded(coded) is False
    assert store.counts() == before
    assert store.has_article(coded.article.article_id)
    n = store.con.execute("SELECT n_events FROM articles").fetchone()[0]
    assert n == 1


def test_store_failed_write_leaves_nothing(store, monkeypatch):
    coded = _coded("Iran met Russia.", events=[(0, "CONSULT", ["IRN"], ["RUS"])])
    import realpolitik.store as st

    def broken(ev, art):
        raise ValueError("bad event")

    monkeypatch.setattr(st, "_event_row", broken)
    with pytest.raises(ValueError):
        store.add_coded(coded)
    assert store.counts() == {"articles": 0, "mentions": 0, "events": 0, "errors": 0}


def test_store_event_json_round_trip(store):
    art = Article(text="The White House said Russia would send troops.", published="2022-07-20",
                  published_from="metadata", source="Wire")
    ev = Event(article_id=art.article_id, sentence_index=0, span=(0, 46), evidence=art.text, event="MOBILIZE",
               actor=[_actor("RUS", office=None, start=21, end=27, kind="country")],
               recipient=[_actor("UKR", sector=None), _actor("NATO", sector=None)], mode="troops",
               context=["military", "territory"], quad="MATERIAL_CONFLICT", intensity=-6.5, cameo_root="15",
               status="alleged", attributed_to=_actor("USA", kind="organ"), date="2022-07-19",
               date_precision="month", date_text="last week", historical=False,
               location=Location(text="Kyiv", country="UKR", lat=50.45, lon=30.52), confidence=0.83,
               trigger="would send", trigger_span=(28, 38))
    store.add_coded(Coded(art, [ev]))
    (got,) = store.query_events()
    expected = {**ev.to_dict(), "source": "Wire", "published": "2022-07-20"}
    assert got == expected
    assert list(got) == list(expected)


@pytest.mark.parametrize("kw,expected", [
    ({}, ["ACCUSE", "CONSULT", "AGREE", "REQUEST", "AID"]),
    ({"actor": "rus"}, ["AGREE", "AID"]),
    ({"recipient": "IRN"}, ["ACCUSE", "AGREE"]),
    ({"dyad": ("RUS", "IRN")}, ["AGREE"]),
    ({"dyad": ("RUS", "IRN"), "both": True}, ["CONSULT", "AGREE"]),
    ({"event": "agree"}, ["AGREE"]),
    ({"status": "alleged"}, ["ACCUSE"]),
    ({"since": "2024-01-01"}, ["CONSULT", "AGREE", "REQUEST"]),
    ({"until": "2024-03-04"}, ["ACCUSE", "REQUEST"]),
    ({"since": "2025-01-16", "until": "2025-01-16T23:00"}, ["CONSULT"]),
    ({"limit": 2}, ["ACCUSE", "REQUEST"]),
    ({"actor": "NATO"}, []),
    ({"recipient": "NATO"}, ["AID"]),
])
def test_store_query_filters(filled, kw, expected):
    # ordered by event date, undated last
    got = [e["event"] for e in filled.query_events(**kw)]
    if "limit" in kw:
        assert got == ["ACCUSE", "REQUEST"]
    else:
        assert sorted(got) == sorted(expected)
        assert got == [e for e in ["ACCUSE", "REQUEST", "CONSULT", "AGREE", "AID"] if e in expected]


@pytest.mark.parametrize("kw,code", [({"event": "HUG"}, "E123"), ({"status": "maybe"}, "E123"),
                                     ({"since": "last year"}, "E123")])
def test_store_query_bad_filter(filled, kw, code):
    with pytest.raises(RealpolitikError) as exc:
        filled.query_events(**kw)
    assert exc.value.code == code


def test_store_query_adds_source_and_published(filled):
    got = filled.query_events(event="REQUEST")[0]
    assert (got["source"], got["published"]) == ("Wire", "2024-03-05")


def test_store_errors_rows(store):
    at = dt.datetime(2025, 1, 17, 12, 0)
    store.add_error(InputError("E107", "line 3 is not valid JSON", "x.jsonl", 3), at=at)
    store.add_error(RealpolitikError("E130", "coding failed", "y.txt"))
    rows = store.errors()
    assert rows[0] == {"path": "x.jsonl", "line": 3, "code": "E107", "message": "line 3 is not valid JSON", "at": at}
    assert rows[1]["line"] is None and rows[1]["code"] == "E130"
    assert store.counts()["errors"] == 2


def test_store_summary(filled):
    s = filled.summary(top=3, examples=2)
    assert s["counts"]["events"] == 5
    assert [(r["event"], r["n"]) for r in s["events_by_type"]] == [
        ("ACCUSE", 1), ("AGREE", 1), ("AID", 1), ("CONSULT", 1), ("REQUEST", 1)]
    dyads = {(r["actor"], r["recipient"]): r["n"] for r in s["top_dyads"]}
    assert len(dyads) == 3 and all(n == 1 for n in dyads.values())
    assert len(s["examples"]) == 2 and all(e["status"] == "asserted" and e["evidence"] for e in s["examples"])


def test_store_summary_counts_dyads_across_events(store):
    store.add_coded(_coded("Russia and Iran signed.", events=[
        (0, "AGREE", ["RUS"], ["IRN"]), (1, "CONSULT", ["RUS"], ["IRN"]), (2, "ACCUSE", ["USA"], ["IRN"])]))
    top = store.summary()["top_dyads"]
    assert (top[0]["actor"], top[0]["recipient"], top[0]["n"], top[0]["events"]) == ("RUS", "IRN", 2, "AGREE, CONSULT")


def test_store_must_exist(tmp_path):
    with pytest.raises(RealpolitikError) as exc:
        Store(tmp_path / "missing.duckdb", must_exist=True)
    assert exc.value.code == "E122" and "realpolitik ingest" in exc.value.message
    assert not (tmp_path / "missing.duckdb").exists()


def test_store_not_a_database(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(RealpolitikError) as exc:
        Store(path)
    assert exc.value.code == "E121"


def test_store_commits_survive_a_crash(tmp_path):
    """An article committed before the process dies is there on the next open."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "c.duckdb"
    script = textwrap.dedent(f"""
        import os
        from realpolitik.records import Article
        from realpolitik.store import Store
        class C:
            def __init__(self, a): self.article, self.events, self.mentions = a, [], []
        s = Store({str(path)!r})
        s.add_coded(C(Article(text="Iran met Russia.")))
        os._exit(1)  # no close, no checkpoint
    """)
    subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    with Store(path) as s:
        assert s.counts()["articles"] == 1


def test_store_locked_by_another_process(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "l.duckdb"
    with Store(path):
        script = ("from realpolitik.store import Store\n"
                  "try:\n    Store(%r)\nexcept Exception as e:\n    print(e.code)\n" % str(path))
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "E120"
