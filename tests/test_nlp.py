"""The spaCy pipeline wrapper: line handling and the entity recogniser switch."""
from __future__ import annotations

import pytest

from realpolitik.nlp import split_lines


@pytest.mark.parametrize("text,pieces", [
    ("Headline\nBy Staff | May 2, 2024\n\nBody one. Body two.\n", 3),
    ("One sentence. Another one.\n\nA third.", 1),
    ("No newline at all", 1),
    ("Caption without stop\nNext para.", 2),
])
def test_split_lines_joins_back_and_cuts_after_unfinished_lines(text, pieces):
    out = split_lines(text)
    assert "".join(out) == text
    assert len(out) == pieces


@pytest.mark.slow
def test_parse_keeps_text_and_ends_sentences_at_headlines():
    from realpolitik.nlp import parse

    text = "UN and Turkey broker deal\nMoscow and Kyiv signed a plan on Friday. Ports will reopen.\n"
    doc = next(parse([text]))
    assert doc.text == text
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "UN and Turkey broker deal"
    assert "Moscow and Kyiv signed a plan on Friday." in sents


@pytest.mark.slow
def test_ner_switch(monkeypatch):
    from realpolitik import nlp

    monkeypatch.setenv("REALPOLITIK_NER", "0")
    nlp.get_nlp.cache_clear()
    try:
        assert "ner" not in nlp.get_nlp().pipe_names
        nlp.use_ner(True)
        assert "ner" in nlp.get_nlp().pipe_names
    finally:
        nlp.use_ner(False)
