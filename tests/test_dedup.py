"""Reports -> stories: merging across outlets and within an article, incremental == rebuild, claims."""
from __future__ import annotations

import pytest

from realpolitik.dedup import block_key, date_interval, ensure_schema, rebuild_stories, story_id_for, update_stories


def _stories(con):
    return con.execute("SELECT story_id, event, n_reports, n_sources, date, date_precision FROM stories "
                       "ORDER BY story_id").fetchall()


def _membership(con):
    return sorted(con.execute("SELECT story_id, event_id FROM story_reports").fetchall())


VISIT = [
    ("e1", "a1", "Putin flew to Tehran on Tuesday for talks with Raisi on Syria and grain.", "2022-07-19", "day",
     "Reuters", "2022-07-19"),
    ("e2", "a2", "Russian President Vladimir Putin held talks in Tehran with Ebrahim Raisi on Tuesday.",
     "2022-07-19", "day", "AP", "2022-07-20"),
    ("e3", "a3", "In Tehran, Putin and Raisi discussed grain exports and Syria during talks.", "2022-07-01",
     "month", "Al Jazeera", "2022-07-21"),
]


def test_dedup_same_event_three_outlets_is_one_story(events_db, event_row):
    rows = [event_row(eid, art, "CONSULT", ["RUS"], ["IRN"], ev, date=d, precision=p, source=src, published=pub)
            for eid, art, ev, d, p, src, pub in VISIT]
    _, con = events_db(rows)
    assert rebuild_stories(con) == 1
    ((sid, event, n_reports, n_sources, date, prec),) = _stories(con)
    assert (event, n_reports, n_sources, prec) == ("CONSULT", 3, 3, "day")
    assert str(date) == "2022-07-19"  # the most precise report dates the story
    assert sid == story_id_for(["e1", "e2", "e3"])


def test_dedup_symmetric_pair_order_ignored(events_db, event_row):
    rows = [
        event_row("s1", "a1", "AGREE", ["RUS"], ["IRN"], "Russia and Iran signed a 20-year partnership treaty.",
                  date="2025-01-17", source="TASS"),
        event_row("s2", "a2", "AGREE", ["IRN"], ["RUS"], "Iran signed the 20-year partnership treaty with Russia.",
                  date="2025-01-17", source="IRNA"),
    ]
    _, con = events_db(rows)
    assert rebuild_stories(con) == 1
    # a symmetric story counts in both directions
    pairs = con.execute("SELECT actor, recipient FROM story_dyads ORDER BY ALL").fetchall()
    assert pairs == [("IRN", "RUS"), ("RUS", "IRN")]


def test_dedup_same_visit_twice_in_one_article_is_one_story(events_db, event_row):
    rows = [
        event_row("v1", "a1", "CONSULT", ["RUS"], ["IRN"], "Putin arrived in Tehran on Tuesday.",
                  date="2022-07-19", sentence_index=0),
        event_row("v2", "a1", "CONSULT", ["RUS"], ["IRN"], "The Kremlin leader's trip, his second abroad since "
                  "February, was closely watched.", sentence_index=5),
    ]
    _, con = events_db(rows)
    assert rebuild_stories(con) == 1
    assert _stories(con)[0][2:4] == (2, 1)


@pytest.mark.parametrize("change", ["dyad", "date", "event", "status", "direction"])
def test_dedup_different_dyad_date_type_status_are_different_stories(events_db, event_row, change):
    base = dict(event="AID", actors=["IRN"], recipients=["RUS"], date="2022-08-10", status="asserted")
    other = dict(base)
    if change == "dyad":
        other["recipients"] = ["SYR"]
    elif change == "date":
        other["date"] = "2022-09-25"
    elif change == "event":
        other["event"] = "SANCTION"
    elif change == "status":
        other["status"] = "alleged"
    else:
        other["actors"], other["recipients"] = ["RUS"], ["IRN"]  # AID is directed
    text = "Iran delivered drones to Russia in August."
    rows = [event_row("x1", "a1", base["event"], base["actors"], base["recipients"], text, date=base["date"],
                      status=base["status"], source="A"),
            event_row("x2", "a2", other["event"], other["actors"], other["recipients"], text, date=other["date"],
                      status=other["status"], source="B")]
    _, con = events_db(rows)
    assert rebuild_stories(con) == 2


@pytest.mark.parametrize("published,expected", [("2022-07-21", 1), ("2022-08-30", 2)])
def test_dedup_undated_report_matches_only_near_publication(events_db, event_row, published, expected):
    rows = [
        event_row("u1", "a1", "CONSULT", ["RUS"], ["IRN"], "Putin held talks with Raisi in Tehran.",
                  date="2022-07-19", source="A", published="2022-07-19"),
        event_row("u2", "a2", "CONSULT", ["RUS"], ["IRN"], "Putin's talks with Raisi in Tehran were tense.",
                  source="B", published=published),
    ]
    _, con = events_db(rows)
    assert rebuild_stories(con) == expected


def test_dedup_dissimilar_evidence_across_articles_not_merged(events_db, event_row):
    rows = [
        event_row("d1", "a1", "ASSAULT", ["RUS"], ["UKR"], "Russian missiles struck a power plant near Kharkiv.",
                  date="2023-03-01", precision="month", source="A"),
        event_row("d2", "a2", "ASSAULT", ["RUS"], ["UKR"], "Drone attack on Odesa port destroyed grain silos.",
                  date="2023-03-01", precision="month", source="B"),
    ]
    _, con = events_db(rows)
    assert rebuild_stories(con) == 2


def _corpus(event_row):
    rows = []
    for i, (eid, art, ev, d, p, src, pub) in enumerate(VISIT):
        rows.append(event_row(eid, art, "CONSULT", ["RUS"], ["IRN"], ev, date=d, precision=p, source=src,
                              published=pub))
    rows += [
        event_row("f1", "a1", "AID", ["IRN"], ["RUS"], "Iran will ship hundreds of drones to Russia, US says.",
                  status="alleged", attributed="USA", published="2022-07-19", sentence_index=3),
        event_row("f2", "a4", "AID", ["IRN"], ["RUS"], "Washington says Iran is preparing to ship drones to Russia.",
                  status="alleged", attributed="USA", source="CNN", published="2022-07-22"),
        event_row("f3", "a5", "AID", ["IRN"], ["RUS"], "Tehran denied it had supplied drones to Russia.",
                  status="denied", attributed="IRN", source="IRNA", published="2022-07-25"),
        event_row("f4", "a5", "REJECT", ["IRN"], ["USA"], "Iran rejected the American accusations as baseless.",
                  source="IRNA", published="2022-07-25", sentence_index=2),
        event_row("g1", "a6", "ASSAULT", ["RUS"], ["UKR"], "Russian missiles hit Kyiv on Monday.",
                  date="2022-10-10", source="BBC", published="2022-10-10"),
        event_row("g2", "a7", "ASSAULT", ["RUS"], ["UKR"], "Missiles hit Kyiv on Monday morning, Ukraine said.",
                  date="2022-10-10", source="DW", published="2022-10-11"),
    ]
    return rows


def test_dedup_incremental_equals_rebuild(events_db, event_row):
    rows = _corpus(event_row)
    _, full = events_db(rows, name="full.duckdb")
    rebuild_stories(full)
    _, inc = events_db([], name="inc.duckdb")
    ensure_schema(inc)
    from conftest import insert_event_rows

    # articles arrive in a scrambled order, one ingest at a time
    for art in ["a7", "a3", "a1", "a5", "a2", "a6", "a4"]:
        insert_event_rows(inc, [r for r in rows if r["article_id"] == art])
        update_stories(inc, [art])
    assert _membership(inc) == _membership(full)
    assert _stories(inc) == _stories(full)
    assert full.execute("SELECT * FROM story_dyads ORDER BY ALL").fetchall() == \
        inc.execute("SELECT * FROM story_dyads ORDER BY ALL").fetchall()
    # re-running on an article already assigned adds nothing
    assert update_stories(inc, ["a1"])["new_reports"] == 0


def test_dedup_ensure_schema_records_migration_once(events_db):
    _, con = events_db([])
    assert ensure_schema(con) == ["dedup_001_stories"]
    assert ensure_schema(con) == []
    assert con.execute("SELECT name FROM migrations").fetchall() == [("dedup_001_stories",)]


@pytest.mark.parametrize("date,precision,lo,hi", [
    ("2022-07-19", "day", "2022-07-19", "2022-07-19"),
    ("2024-02-01", "month", "2024-02-01", "2024-02-29"),
    ("1722-01-01", "year", "1722-01-01", "1722-12-31"),
    ("2015-01-01", "decade", "2010-01-01", "2019-12-31"),
])
def test_dedup_date_interval(date, precision, lo, hi):
    a, b = date_interval(date, precision)
    assert (a.isoformat(), b.isoformat()) == (lo, hi)


def test_dedup_block_key_symmetry():
    assert block_key("CONSULT", "asserted", ["IRN"], ["RUS"]) == block_key("CONSULT", "asserted", ["RUS"], ["IRN"])
    assert block_key("AID", "asserted", ["IRN"], ["RUS"]) != block_key("AID", "asserted", ["RUS"], ["IRN"])
    assert block_key("COERCE", "asserted", ["RUS"], ["UKR"]) == block_key("ASSAULT", "asserted", ["RUS"], ["UKR"])


def test_dedup_claims_side_by_side_with_denial(events_db, event_row):
    from realpolitik.analytics import claims

    _, con = events_db(_corpus(event_row))
    rebuild_stories(con)
    items = claims(con)
    disputed = [c for c in items if c["claim"]]
    assert len(disputed) == 1  # f1 and f2 are one alleged story
    item = disputed[0]
    assert item["claim"]["attributed_codes"] == ["USA"]
    assert item["claim"]["n_reports"] == 2
    assert sorted(d["event"] for d in item["denials"]) == ["AID", "REJECT"]
    assert any("denied" in r["evidence"] for d in item["denials"] for r in d["reports"])
    assert claims(con, dyad=("IRN", "RUS")) and not claims(con, dyad=("UKR", "RUS"))
