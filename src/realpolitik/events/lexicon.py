"""The event lexicon: trigger tables, status words and PLOVER type facts, loaded once from data/verbs."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..records import EVENT_TYPES


def _load(name: str) -> dict:
    text = resources.files("realpolitik").joinpath("data", "verbs", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _split(value: str) -> tuple[str, str | None]:
    """'EVENT/mode' -> ('EVENT', 'mode'); '' -> ('', None): an explicit "no event"."""
    if not value:
        return "", None
    event, _, mode = value.partition("/")
    if event not in EVENT_TYPES:
        raise ValueError(f"unknown PLOVER event type {event!r} in data/verbs")
    return event, (mode or None)


@dataclass(frozen=True)
class TypeInfo:
    quad: str
    intensity: float
    cameo_root: str
    modes: dict = field(default_factory=dict)

    def score(self, mode: str | None) -> float:
        return float(self.modes.get(mode, self.intensity)) if mode else float(self.intensity)


@dataclass
class Lexicon:
    types: dict[str, TypeInfo]
    verbs: dict[str, tuple[str, str | None]]
    verb_objects: dict[str, dict[str, tuple[str, str | None]]]
    object_classes: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    nouns: dict[str, tuple[str, str | None]]
    phrasal: dict[tuple[str, str], tuple[str, str | None]]
    status: dict[str, frozenset[str]]
    quantity_objects: frozenset[str] = frozenset()
    material_modifiers: frozenset[str] = frozenset()
    needs_recipient: frozenset[str] = frozenset()
    strike_modifiers: frozenset[str] = frozenset()
    adjectives: dict = field(default_factory=dict)
    joint_nouns: frozenset[str] = frozenset()

    def noun_event(self, tok) -> tuple[str, str | None] | None:
        """The event a noun names, with its sense decided by its modifiers ("hunger strike", "military support")."""
        lemma = tok.lemma_.lower()
        hit = self.nouns.get(lemma)
        if lemma == "game" and any(c.lower_ == "war" for c in tok.children):
            return "MOBILIZE", "troops"
        if not hit or not hit[0]:
            return hit
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
        if lemma == "strike" and mods & self.strike_modifiers:
            return "PROTEST", "strike"
        if lemma in self.joint_nouns and "war" in mods:
            return "MOBILIZE", "troops"  # "war games"
        if hit[0] == "SUPPORT" and mods & self.material_modifiers:
            return "AID", None
        return hit

    def object_event(self, verb: str, obj_lemma: str) -> tuple[str, str | None] | None:
        """The event a verb makes with this object (listed by lemma or by @class), or None when the pair is not
        listed; ("", None) when it is listed as no event. The verb's "*" default is not applied here."""
        table = self.verb_objects.get(verb)
        if not table:
            return None
        if obj_lemma in table:
            return table[obj_lemma]
        for key, value in table.items():
            if key.startswith("@") and obj_lemma in self.object_classes.get(key[1:], ()):
                return value
        return None


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    types_raw = _load("types.yaml")
    trig = _load("triggers.yaml")
    status_raw = _load("status.yaml")
    types = {name: TypeInfo(v["quad"], float(v["intensity"]), str(v["cameo_root"]), v.get("modes") or {})
             for name, v in types_raw.items()}
    missing = set(EVENT_TYPES) - set(types)
    if missing:
        raise ValueError(f"data/verbs/types.yaml lacks {sorted(missing)}")
    verb_objects = {verb: {str(k): _split(v or "") for k, v in table.items()}
                    for verb, table in (trig.get("verb_objects") or {}).items()}
    phrasal = {}
    for key, value in (trig.get("phrasal") or {}).items():
        lemma, particle = key.split(" ", 1)
        phrasal[(lemma, particle)] = _split(value)
    return Lexicon(
        types=types,
        verbs={k: _split(v) for k, v in (trig.get("verbs") or {}).items()},
        verb_objects=verb_objects,
        object_classes={k: frozenset(v) for k, v in (trig.get("object_classes") or {}).items()},
        light_verbs=frozenset(trig.get("light_verbs") or ()),
        nouns={k: _split(v or "") for k, v in (trig.get("nouns") or {}).items()},
        phrasal=phrasal,
        status={k: frozenset(v) for k, v in status_raw.items()},
        quantity_objects=frozenset(trig.get("quantity_objects") or ()),
        material_modifiers=frozenset(trig.get("material_modifiers") or ()),
        needs_recipient=frozenset(trig.get("needs_recipient") or ()),
        strike_modifiers=frozenset(trig.get("strike_modifiers") or ()),
        adjectives={k: _split(v) for k, v in (trig.get("adjectives") or {}).items()},
        joint_nouns=frozenset(trig.get("joint_nouns") or ()),
    )
