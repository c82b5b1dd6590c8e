"""Integration: the bundled example corpus, ingested for real, counts one event once however often it is told."""
from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    import duckdb

    from realpolitik.batch import ingest_paths

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    summary = ingest_paths([EXAMPLES], db=str(db), progress=False)
    assert summary.failed == 0 and summary.new >= 12
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


def test_story_told_by_three_outlets_is_counted_once(demo_db):
    rows = demo_db.execute("""
        SELECT n_reports, n_sources, n_articles FROM stories
        WHERE event = 'AGREE' AND list_sort(actor_codes) = ['RUS', 'UKR'] AND date = DATE '2022-07-22'""").fetchall()
    assert len(rows) == 1, rows
    n_reports, n_sources, n_articles = rows[0]
    assert n_sources == 3 and n_articles == 3 and n_reports >= 3


def test_visit_told_twice_in_one_article_is_one_story(demo_db):
    rows = demo_db.execute("""
        SELECT sr.story_id, count(*) FROM events e
        JOIN articles a USING (article_id) JOIN story_reports sr USING (event_id)
        WHERE a.source = 'Caspian Ledger' AND e.event = 'CONSULT' AND e.actor_codes = ['IRN']
          AND e.recipient_codes = ['RUS']
        GROUP BY 1""").fetchall()
    assert len(rows) == 1 and rows[0][1] == 2, rows


def test_reingesting_the_corpus_adds_nothing(demo_db, tmp_path):
    from realpolitik.batch import ingest_paths

    db = demo_db.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()[0]
    before = demo_db.execute("SELECT count(*) FROM events").fetchone()[0]
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(db).read_bytes())
    again = ingest_paths([EXAMPLES], db=str(copy), progress=False)
    assert again.new == 0 and again.already >= 12 and again.events == 0
    import duckdb

    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == before
