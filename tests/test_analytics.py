"""Dyad, network and bloc analytics on a hand-built tiny database, counted over stories."""
from __future__ import annotations

import pytest

from realpolitik.analytics import dyad, network
from realpolitik.dedup import rebuild_stories
from realpolitik.errors import RealpolitikError


@pytest.fixture
def tiny(events_db, event_row):
    r = event_row
    rows = [
        # RUS -> IRN, 2022-07: one visit told by two outlets (one story), one aid delivery
        r("t1", "a1", "CONSULT", ["RUS"], ["IRN"], "Putin held talks with Raisi in Tehran.", date="2022-07-19",
          source="A", intensity=1.0),
        r("t2", "a2", "CONSULT", ["RUS"], ["IRN"], "Putin and Raisi held talks in Tehran on Tuesday.",
          date="2022-07-19", source="B", intensity=1.0),
        r("t3", "a3", "AID", ["RUS"], ["IRN"], "Russia delivered fighter jets to Iran.", date="2022-07-25",
          source="A", intensity=6.0),
        # IRN -> RUS, 2022-08: returns cooperation the next month; plus a threat
        r("t4", "a4", "AID", ["IRN"], ["RUS"], "Iran shipped drones to Russia.", date="2022-08-10", source="C",
          intensity=5.0),
        r("t5", "a5", "THREATEN", ["IRN"], ["RUS"], "Iran warned Russia over the Caspian gas deal.",
          date="2022-08-20", source="C", intensity=-4.0),
        # not counted as events: denied, hypothetical, alleged (unless asked), year-precision in a monthly view
        r("t6", "a6", "AID", ["IRN"], ["RUS"], "Iran denied sending missiles to Russia.", date="2022-09-02",
          status="denied", intensity=5.0),
        r("t7", "a7", "ASSAULT", ["RUS"], ["IRN"], "Russia could strike Iran if talks fail.", date="2022-09-02",
          status="hypothetical", intensity=-9.0),
        r("t8", "a8", "AID", ["IRN"], ["RUS"], "Iran sent ballistic missiles to Russia, officials say.",
          date="2022-09-05", status="alleged", attributed="USA", intensity=6.0),
        r("t9", "a9", "COOPERATE", ["RUS"], ["IRN"], "Russia and Iran built a railway together in 2015.",
          date="2015-01-01", precision="year", intensity=4.0),
        # other dyads for the network: USA-ISR cooperate, USA vs IRN conflict
        r("n1", "b1", "AID", ["USA"], ["ISR"], "The US sent air defence to Israel.", date="2022-07-01",
          intensity=6.0),
        r("n2", "b2", "SANCTION", ["USA"], ["IRN"], "Washington sanctioned Iranian drone makers.",
          date="2022-07-02", intensity=-6.0),
        r("n3", "b3", "ASSAULT", ["IRN"], ["ISR"], "Iran fired missiles at Israel.", date="2022-07-03",
          intensity=-9.0),
    ]
    _, con = events_db(rows)
    rebuild_stories(con)
    return con


def test_analytics_dyad_counts_stories_not_reports(tiny):
    out = dyad(tiny, "RUS", "IRN", by="month")
    ab, ba = out["totals"]["A->B"], out["totals"]["B->A"]
    assert (ab["n_stories"], ab["n_reports"]) == (2, 3)  # visit (2 reports) + aid
    assert (ab["VERBAL_COOP"], ab["MATERIAL_COOP"], ab["conflict"]) == (1, 1, 0)
    assert ab["events"] == {"AID": 1, "CONSULT": 1}
    assert ab["intensity_total"] == 7.0 and ab["intensity_mean"] == 3.5
    assert ab["material_verbal_coop_ratio"] == 1.0
    # the talks are symmetric: they count in both directions, once
    assert (ba["n_stories"], ba["VERBAL_COOP"], ba["MATERIAL_COOP"], ba["VERBAL_CONFLICT"]) == (3, 1, 1, 1)
    assert ba["intensity_total"] == 2.0
    assert out["not_counted"] == {"alleged": 1, "coarser_than_period": 1, "denied": 1, "hypothetical": 1}


def test_analytics_dyad_periods_and_reciprocity(tiny):
    out = dyad(tiny, "rus", "irn", by="month")
    assert [(p["period"], p["direction"], p["n_stories"]) for p in out["periods"]] == [
        ("2022-07", "A->B", 2), ("2022-07", "B->A", 1), ("2022-08", "B->A", 2)]
    # RUS cooperated in July, IRN returned it in August (next period); IRN's August was not returned
    assert out["reciprocity"]["A->B"] == {"cooperation_periods": 1, "returned": 1, "share": 1.0}
    assert out["reciprocity"]["B->A"] == {"cooperation_periods": 1, "returned": 0, "share": 0.0}
    assert out["asymmetry"]["cooperation"] == 0.0 and out["asymmetry"]["conflict"] == -1.0


def test_analytics_dyad_by_year_includes_year_precision_and_alleged_flag(tiny):
    out = dyad(tiny, "RUS", "IRN", by="year", include_alleged=True)
    assert [(p["period"], p["direction"]) for p in out["periods"]] == [
        ("2015", "A->B"), ("2015", "B->A"), ("2022", "A->B"), ("2022", "B->A")]
    # AID, the alleged AID and the 2015 railway (symmetric)
    assert out["totals"]["B->A"]["n_alleged"] == 1 and out["totals"]["B->A"]["MATERIAL_COOP"] == 3
    q = dyad(tiny, "RUS", "IRN", by="quarter")
    assert [(p["period"], p["n_stories"]) for p in q["periods"]] == [("2022-Q3", 2), ("2022-Q3", 3)]


def test_analytics_dyad_strongest_has_evidence(tiny):
    out = dyad(tiny, "RUS", "IRN")
    top = out["strongest"]["A->B"][0]
    assert top["event"] == "AID" and "fighter jets" in top["evidence"]
    assert all(s["status"] == "asserted" for s in out["strongest"]["B->A"])


def test_analytics_dyad_rejects_bad_input(tiny):
    with pytest.raises(RealpolitikError) as exc:
        dyad(tiny, "RUS", "RUS")
    assert exc.value.code == "E502"
    with pytest.raises(RealpolitikError):
        dyad(tiny, "RUS", "IRN", by="week")


def test_analytics_network_weights_and_blocs(tiny):
    out = network(tiny)
    edge = {(e["actor"], e["recipient"]): e for e in out["edges"]}
    assert (edge[("RUS", "IRN")]["cooperation"], edge[("RUS", "IRN")]["conflict"]) == (3, 0)
    assert (edge[("IRN", "RUS")]["cooperation"], edge[("IRN", "RUS")]["conflict"]) == (3, 1)
    assert edge[("USA", "IRN")]["net"] == -1
    blocs = out["blocs"]
    assert ["IRN", "RUS"] in blocs and ["ISR", "USA"] in blocs
    assert all(b["net"] < 0 for b in out["between_blocs"])
    since = network(tiny, since="2022-07-20")
    assert ("USA", "ISR") not in {(e["actor"], e["recipient"]) for e in since["edges"]}
