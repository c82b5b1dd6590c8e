"""The event coder on sentences of our own: type, who to whom, status and attribution."""
from __future__ import annotations

import pytest

from realpolitik.events import get_lexicon, plover_event_type
from realpolitik.records import EVENT_TYPES


def _code(text, published="2024-03-12"):
    from realpolitik import code_text

    return code_text(text, published=published)


def _find(events, event, actor=None, recipient=None):
    for ev in events:
        codes_a = {a.code for a in ev.actor}
        codes_r = {a.code for a in ev.recipient}
        if ev.event == event and (actor is None or actor in codes_a) and (recipient is None or recipient in codes_r):
            return ev
    return None


def test_lexicon_covers_every_plover_type():
    lex = get_lexicon()
    produced = {e for e, _ in lex.verbs.values()} | {e for e, _ in lex.nouns.values() if e}
    assert set(EVENT_TYPES) <= produced | {e for t in lex.verb_objects.values() for e, _ in t.values() if e}
    assert set(lex.types) == set(EVENT_TYPES)


@pytest.mark.parametrize("event,status,expected", [
    ("AID", "planned", "AGREE"), ("CONSULT", "hypothetical", "AGREE"), ("AID", "asserted", "AID"),
    ("ASSAULT", "planned", "THREATEN"), ("SUPPORT", "negated", "REJECT"), ("SANCTION", "negated", "SANCTION"),
    ("ACCUSE", "planned", "ACCUSE"),
])
def test_plover_event_type_reads_status_the_plover_way(event, status, expected):
    assert plover_event_type(event, status) == expected


CASES = [
    # text, event, actor, recipient, status
    ("Brazil imposed new sanctions on Venezuela on Monday.", "SANCTION", "BRA", "VEN", "asserted"),
    ("Canada extended its sanctions on Belarus by a year.", "SANCTION", "CAN", "BLR", "asserted"),
    ("Chinese troops attacked Indian positions along the border.", "ASSAULT", "CHN", "IND", "asserted"),
    ("Japan and South Korea signed a fisheries agreement.", "AGREE", "JPN", None, "asserted"),
    ("The Egyptian foreign minister met his Jordanian counterpart in Cairo.", "CONSULT", "EGY", "JOR", "asserted"),
    ("Germany urged Serbia to withdraw its police from the north.", "REQUEST", "DEU", "SRB", "asserted"),
    ("Pakistan accused India of shelling villages in Kashmir.", "ACCUSE", "PAK", "IND", "asserted"),
    ("Canada has not imposed sanctions on Hungary.", "SANCTION", "CAN", "HUN", "negated"),
    ("France will send fighter jets to Greece next year.", "AID", "FRA", "GRC", "planned"),
    ("Spain could expel Moroccan diplomats if the dispute continues.", "SANCTION", "ESP", "MAR", "hypothetical"),
    ("Nigeria denied supplying weapons to rebels in Chad.", "REJECT", "NGA", None, "asserted"),
    ("Serbian police arrested dozens of protesters in Belgrade.", "COERCE", "SRB", None, "asserted"),
    ("Thousands of Kenyans protested against the government in Nairobi.", "PROTEST", "KEN", None, "asserted"),
    ("Ethiopia withdrew its troops from Somalia.", "RETREAT", "ETH", "SOM", "asserted"),
    ("Norway pledged to provide humanitarian aid to Sudan.", "AGREE", "NOR", "SDN", "asserted"),
    ("Italy praised Tunisia for its cooperation on migration.", "SUPPORT", "ITA", "TUN", "asserted"),
    ("Argentina rejected Britain's proposal for talks.", "REJECT", "ARG", "GBR", "asserted"),
    ("North Korea threatened to strike South Korea.", "THREATEN", "PRK", "KOR", "asserted"),
    ("Chile has not sent aid to Peru since Bolivia began shelling Peruvian towns.", "ASSAULT", "BOL", "PER",
     "asserted"),
    ("During his visit to Cairo, the Saudi foreign minister praised Egypt.", "CONSULT", "SAU", "EGY", "asserted"),
    ("Opposition groups in Zimbabwe demanded that the government resign.", "REQUEST", "ZWE", None, "asserted"),
    ("Mexico is opposed to Canadian mediation.", "REJECT", "MEX", "CAN", "asserted"),
    ("Ghana said that Togo must release the detained fishermen.", "REQUEST", "GHA", "TGO", "asserted"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,event,actor,recipient,status", CASES)
def test_code_sentence_finds_event(text, event, actor, recipient, status):
    events = _code(text)
    ev = _find(events, event, actor, recipient)
    assert ev is not None, [(e.event, [a.code for a in e.actor], [a.code for a in e.recipient]) for e in events]
    assert ev.status == status
    assert ev.evidence == text
    assert text[ev.span[0]:ev.span[1]] == text
    assert ev.quad and ev.cameo_root and ev.intensity is not None


@pytest.mark.slow
@pytest.mark.parametrize("text,event,actor,recipient,status,attributed", [
    ("The Pentagon said Syria had shipped rockets to Lebanon.", "AID", "SYR", "LBN", "asserted", "USA"),
    ("Washington accused Venezuela of shipping drones to Iran.", "AID", "VEN", "IRN", "alleged", "USA"),
    ("Caracas denies shipping drones to Iran.", "AID", "VEN", "IRN", "denied", "VEN"),
])
def test_code_sentence_attribution(text, event, actor, recipient, status, attributed):
    ev = _find(_code(text), event, actor, recipient)
    assert ev is not None
    assert ev.status == status
    assert ev.attributed_to is not None and ev.attributed_to.code == attributed


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The weather in Oslo was mild on Tuesday.",
    "Oil prices rose sharply after the announcement.",
])
def test_code_sentence_without_events(text):
    assert _code(text) == []


@pytest.mark.slow
def test_passive_voice_swaps_roles():
    ev = _find(_code("Armenian villages were shelled by Azerbaijani forces."), "ASSAULT")
    assert ev is not None
    assert {a.code for a in ev.actor} == {"AZE"}
    assert {a.code for a in ev.recipient} == {"ARM"}


@pytest.mark.slow
def test_coordinated_actors_are_both_coded():
    ev = _find(_code("Kazakhstan and Uzbekistan signed a water-sharing treaty."), "AGREE")
    assert ev is not None and {a.code for a in ev.actor} == {"KAZ", "UZB"}


@pytest.mark.slow
def test_nominal_visit_codes_consult():
    ev = _find(_code("Modi's visit to Japan ended with a joint statement."), "CONSULT", "IND", "JPN")
    assert ev is not None and ev.mode == "visit"
