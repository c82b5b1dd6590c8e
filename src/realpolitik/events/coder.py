"""The event coder: a parsed sentence and its actor mentions -> PLOVER events.

Triggers come from the lexicon (data/verbs); who did it to whom comes from the dependency parse (subjects, passive
agents, objects and the prepositions that name a recipient); the status and the account it is told in come from
`status.py`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..records import Actor, Event
from .lexicon import Lexicon, get_lexicon
from .status import StatusInfo, clause_status

log = logging.getLogger(__name__)

# Dependency labels that stay inside a noun phrase when we look for the actor a noun names.
_NP_DEPS = {"compound", "amod", "poss", "nmod", "det", "flat", "appos", "nummod", "case", "quantmod", "npadvmod"}
# Prepositions whose object can be the recipient of an event, by event type; "*" for any type.
_RECIPIENT_PREPS = {
    "*": ("with", "to", "against", "on", "toward", "towards", "at", "upon", "into", "over"),
    "CONSULT": ("with", "to", "in", "at"),
    "AID": ("to", "for", "with"),
    "SANCTION": ("on", "against", "from", "to"),
    "RETREAT": ("from", "to"),
    "COERCE": ("from", "in", "on", "against"),
    "ASSAULT": ("on", "against", "in", "at", "into"),
    "REQUEST": ("from", "to", "on"),
    "MOBILIZE": ("to", "against", "near", "along", "on"),
    "SUPPORT": ("for", "to"),
    "PROTEST": ("against", "in", "at", "outside", "over"),
    "ACCUSE": ("against", "over", "about", "of", "on", "for"),
}
# For these the type's own prepositions are the only ones: "complained to the UN over Israeli raids" accuses Israel.
_OWN_PREPS_ONLY = {"ACCUSE"}
# Prepositions that name the doer of a nominal event ("a visit by", "aid from", "talks between").
_NOMINAL_ACTOR_PREPS = ("by", "from", "between")
# Embedded clauses under these events are part of them, not events of their own ("agreed to set up").
_ABSORBING = {"AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE", "RETREAT"}
_SUBJ = ("nsubj", "nsubjpass", "csubj")


@dataclass
class Trigger:
    token: object  # spacy Token
    event: str
    mode: str | None
    nominal: bool = False
    words: list = field(default_factory=list)  # tokens that carry the event (verb + particle/object)


class MentionIndex:
    """Maps tokens of a Doc to the actor mentions that cover them."""

    def __init__(self, doc, mentions: list[Actor]):
        self.by_token: dict[int, Actor] = {}
        self.uncoded: dict[int, Actor] = {}  # "soldiers", "opposition groups": a role with no country yet
        for m in mentions:
            if m.start is None or m.end is None:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            target = self.by_token if (m.country or m.org) else self.uncoded
            for tok in span:
                target.setdefault(tok.i, m)

        self.places: dict[int, Actor] = {}

    def add_places(self, doc, places: list[Actor]) -> None:
        """Places named in the text ("visited Russia", "arrived in Amman"): recipients of visits and attacks."""
        for p in places:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and p.country:
                for tok in span:
                    if tok.i not in self.by_token:
                        self.places.setdefault(tok.i, p)

    def get(self, token) -> Actor | None:
        return self.by_token.get(token.i)

    def place(self, token) -> Actor | None:
        return self.places.get(token.i)


def _phrase_tokens(head, include_of: bool = True):
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _NP_DEPS or (include_of and child.dep_ == "prep" and child.lower_ in ("of", "from")) or \
                    (child.dep_ == "pobj" and tok.dep_ == "prep"):
                out.append(child)
                stack.append(child)
    return out


def _conjuncts(token):
    out = [token]
    stack = [token]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ") and child not in out:
                out.append(child)
                stack.append(child)
    return out


# Events whose recipient may be a place: the host of a visit, the target of an attack or a deployment.
_PLACE_RECIPIENT = {"CONSULT", "ASSAULT", "MOBILIZE", "COERCE", "AID", "RETREAT", "SUPPORT", "CONCEDE", "PROTEST"}


def _located_role(token, index: MentionIndex) -> Actor | None:
    """A role of no known country placed by its phrase: "opposition groups in Zimbabwe", "protesters in Tehran"."""
    role = index.uncoded.get(token.i) or next(
        (index.uncoded[c.i] for c in token.children if c.dep_ in ("compound", "amod") and c.i in index.uncoded), None)
    if role is None or role.kind in ("pronoun", "person"):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "from", "of"):
            p = _pobj(child)
            if p is None:
                continue
            where = index.get(p) or index.place(p)
            if where is not None and where.country:
                return Actor(text=f"{role.text} {child.text} {where.text}", name=role.name, country=where.country,
                             sector=role.sector, start=role.start, end=where.end, kind="role")
    return None


def _identified(token, index: MentionIndex) -> Actor | None:
    """"groups that would later form the Russian state": a bare noun its relative clause identifies with an actor."""
    if token.pos_ != "NOUN":
        return None
    lex = get_lexicon()
    for rel in token.children:
        if rel.dep_ != "relcl" or rel.lemma_.lower() not in lex.status["identity_verbs"]:
            continue
        for obj in rel.children:
            if obj.dep_ in ("dobj", "attr", "oprd"):
                found = index.get(obj)
                if found is None:
                    found = next((index.get(t) for t in _phrase_tokens(obj) if index.get(t) is not None), None)
                if found is not None:
                    return found
    return None


def places_of(token, index: MentionIndex) -> list[Actor]:
    return [p for p in (index.place(c) for c in _conjuncts(token)) if p is not None]


def actors_of(token, index: MentionIndex) -> list[Actor]:
    """The actors a noun phrase (and its conjuncts) names: the head's own mention first."""
    found: list[Actor] = []
    for conj in _conjuncts(token):
        own = index.get(conj)
        if own is not None:
            if own not in found:
                found.append(own)
            # "Hungarian and Romanian officials": a coordinated modifier names a second actor;
            # "officials from the UN, Russia and Turkey": so does a coordinated "from"/"of" phrase
            for tok in conj.children:
                mods = []
                if tok.dep_ in ("amod", "compound"):
                    mods = _conjuncts(tok)
                elif tok.dep_ == "prep" and tok.lower_ in ("from", "of"):
                    p = _pobj(tok)
                    mods = _conjuncts(p) if p is not None else []
                for c in mods:
                    m = index.get(c)
                    if m is not None and m not in found and (m.kind in ("country", "capital", "org")
                                                             or tok.dep_ == "prep"):
                        found.append(m)
            continue
        located = _located_role(conj, index) or _identified(conj, index)
        if located is not None:
            found.append(located)
            continue
        phrase = _phrase_tokens(conj)
        # "his Jordanian counterpart": a possessive pronoun names the other side, not this one
        phrase.sort(key=lambda t: t.dep_ == "poss" and t.pos_ == "PRON")
        for tok in phrase:
            m = index.get(tok)
            if m is not None and m not in found:
                found.append(m)
                # "Hungarian and Romanian officials": the modifier's own conjuncts name actors too
                for mod_conj in _conjuncts(tok)[1:]:
                    mc = index.get(mod_conj)
                    if mc is not None and mc not in found:
                        found.append(mc)
                break
    return found


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child, False
        if child.dep_ == "nsubjpass":
            return child, True
    for aux in verb.children:
        # "Mexico is opposed to ...": the parser sometimes hangs the subject on the auxiliary
        if aux.dep_ in ("aux", "auxpass"):
            for child in aux.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child, child.dep_ == "nsubjpass" and verb.lower_ not in get_lexicon().adjectives
    return None, False


def _agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _logical_subject(verb, depth: int = 0):
    """The doer of a verb: its own subject, or the one it shares with the verb it depends on."""
    subj, passive = _subject(verb)
    if subj is not None and not passive:
        if subj.dep_ == "csubj" or subj.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
            return verb.head if verb.dep_ == "relcl" else None
        return subj
    if passive:
        return _agent(verb)
    if depth > 4:
        return None
    if verb.dep_ == "relcl" or verb.dep_ == "acl":
        return verb.head
    if verb.dep_ in ("acomp",):
        return _logical_subject(verb.head, depth + 1)
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp"):
        head = verb.head
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):
            # "is ready to send", "willing to withdraw": the adjective's subject does it
            return _logical_subject(head.head, depth + 1)
        if verb.dep_ == "xcomp" and head.lemma_.lower() in get_lexicon().status["object_control"]:
            # object control: "urged Iran to halt" -> Iran halts
            for child in head.children:
                if child.dep_ == "dobj" and child.i < verb.i:
                    return child
        return _logical_subject(head, depth + 1)
    if verb.dep_ == "pcomp":
        # "accused Iran of delivering" -> Iran; "by sending" -> the subject of the governing verb
        prep = verb.head
        gov = prep.head
        if prep.lower_ == "of" and gov.pos_ in ("VERB", "AUX"):
            for child in gov.children:
                if child.dep_ == "dobj":
                    return child
        if gov.pos_ in ("VERB", "AUX"):
            return _logical_subject(gov, depth + 1)
    return None


def _pobj(prep):
    for g in prep.children:
        if g.dep_ == "pobj":
            return g
    return None


_CLAUSE_RECIPIENT = {"REQUEST", "ACCUSE"}
# One agrees *with* someone: "signed a UN plan" does not make the UN a party (prepositions under the object count).
_NO_OBJECT_RECIPIENT = {"AGREE"}  # "demanded that the US cancel": the one asked is the clause's subject
_OBJECT_PREPS = ("by", "from", "of", "to", "with", "against", "on", "in", "into", "for")


def _recipient_tokens(tok, event: str, exclude: set[int]):
    """Candidate recipient heads among a trigger's dependents, in order of preference."""
    preps = _RECIPIENT_PREPS.get(event, ()) + (() if event in _OWN_PREPS_ONLY else _RECIPIENT_PREPS["*"])
    out = []
    for child in tok.children:
        if child.dep_ in ("dobj", "dative", "iobj", "attr") and child.i not in exclude:
            if event not in _NO_OBJECT_RECIPIENT:
                out.append(child)
            # "demanded an admission by Moscow", "lifted a curfew in Montenegro"
            for g in child.children:
                if g.dep_ == "prep" and g.lower_ in _OBJECT_PREPS and not (g.lower_ == "in" and event in
                                                                           ("CONSULT", "AGREE", "REQUEST")):
                    p = _pobj(g)
                    if p is not None and p.i not in exclude:
                        out.append(p)
    if event in _CLAUSE_RECIPIENT:
        for child in tok.children:
            if child.dep_ == "ccomp":
                subj, _ = _subject(child)
                if subj is not None and subj.i not in exclude:
                    out.append(subj)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            p = _pobj(child)
            if p is not None and p.i not in exclude:
                out.append(p)
        if child.dep_ == "dative" and child.pos_ == "ADP":
            p = _pobj(child)
            if p is not None:
                out.append(p)
    return out


def _drop_self(actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
    """A recipient that is one of the actors is no recipient, unless it is another part of the same state
    ("Israeli police arrested Israeli protesters")."""
    out = []
    for r in recipients:
        same = [a for a in actors if a.code == r.code]
        if same and (len(actors) > 1 or r.kind in ("country", "place", "capital", "metonym")
                     or same[0].kind in ("country", "capital", "metonym")
                     or (r.sector or "") == (same[0].sector or "") or r.name == same[0].name):
            continue
        out.append(r)
    return out


def _unique_codes(actors: list[Actor]) -> list[Actor]:
    """One actor per code: "President Raisi and Ayatollah Khamenei" are both Iran as a side of the event."""
    seen, out = set(), []
    for a in actors:
        if a.code not in seen:
            seen.add(a.code)
            out.append(a)
    return out


def _drop_partial(events: list[Event]) -> list[Event]:
    """Within a sentence, an event that says less than another of the same type and actors is the same event."""
    out = []
    for ev in events:
        codes = {a.code for a in ev.actor}
        if not ev.recipient and any(o is not ev and o.event == ev.event and {a.code for a in o.actor} == codes
                                    and o.recipient for o in events):
            continue
        out.append(ev)
    return out


class Coder:
    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or get_lexicon()

    # ---- triggers -------------------------------------------------------------------------------------------
    def verb_trigger(self, tok) -> Trigger | None:
        lex = self.lex
        lemma = self._verb_lemma(tok)
        children = list(tok.children)
        # phrasal verbs and verb + preposition pairs
        for child in children:
            if child.dep_ in ("prt", "prep", "dobj", "advmod") and (lemma, child.lower_) in lex.phrasal:
                event, mode = lex.phrasal[(lemma, child.lower_)]
                if event:
                    return Trigger(tok, event, mode, words=[tok, child])
            if child.dep_ == "dobj" and (lemma, child.lemma_.lower()) in lex.phrasal:
                event, mode = lex.phrasal[(lemma, child.lemma_.lower())]
                if event:
                    return Trigger(tok, event, mode, words=[tok, child])
        obj = None
        for child in children:
            if child.dep_ == "dobj":
                obj = child
                break
        if obj is None and tok.tag_ == "VBN":
            for child in children:
                if child.dep_ == "nsubjpass":
                    obj = child
                    break
        if obj is not None and obj.lemma_.lower() in lex.quantity_objects:
            # "ship hundreds of drones": the noun after "of" says what is shipped
            for child in obj.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    inner = _pobj(child)
                    if inner is not None:
                        obj = inner
                    break
        if obj is not None:
            obj_lemma = obj.lemma_.lower()
            hit = lex.object_event(lemma, obj_lemma)
            if hit is not None:
                return Trigger(tok, hit[0], hit[1], words=[tok, obj]) if hit[0] else None
            if lemma in lex.light_verbs and obj_lemma in lex.nouns:
                event, mode = lex.noun_event(obj)
                return Trigger(tok, event, mode, words=[tok, obj]) if event else None
        if tok.lower_ in lex.adjectives and any(c.dep_ == "nsubjpass" for c in children) and \
                not any(c.dep_ == "agent" for c in children):
            event, mode = lex.adjectives[tok.lower_]
            return Trigger(tok, event, mode, words=[tok])
        if lemma in lex.verbs:
            event, mode = lex.verbs[lemma]
            return Trigger(tok, event, mode, words=[tok])
        table = lex.verb_objects.get(lemma)
        if table and "*" in table and table["*"][0]:
            event, mode = table["*"]
            return Trigger(tok, event, mode, words=[tok])
        return None

    def _verb_lemma(self, tok) -> str:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" or not lemma.endswith("ing"):
            return lemma
        stem = lemma[:-3]
        known = self.lex.verbs.keys() | self.lex.verb_objects.keys()
        for cand in (stem, stem + "e", stem[:-1]):
            if cand in known:
                return cand
        return lemma

    def triggers(self, sent) -> list[Trigger]:
        out: list[Trigger] = []
        used_nouns: set[int] = set()
        for tok in sent:
            # a gerund the tagger calls a noun ("accused X of shipping drones") still heads a clause
            verbal = tok.pos_ == "VERB" or (tok.dep_ == "pcomp" and tok.lower_.endswith("ing"))
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children):
                verbal = False  # "militiamen armed with machetes": a participle describing, not an act
            if verbal and tok.dep_ not in ("amod", "compound"):
                trig = self.verb_trigger(tok)
                if trig is not None:
                    out.append(trig)
                    used_nouns.update(w.i for w in trig.words)
                    # "host a meeting": the verb's object is part of its event, not a second one
                    used_nouns.update(c.i for c in tok.children if c.dep_ == "dobj")
                elif tok.lemma_.lower() in self.lex.light_verbs or tok.lemma_.lower() in self.lex.verb_objects:
                    # "issued a statement": the object is consumed even when it is no event
                    for child in tok.children:
                        if child.dep_ == "dobj":
                            used_nouns.add(child.i)
        for tok in sent:
            # "Israel is opposed to French mediation": a predicate adjective with the copula's subject
            if tok.pos_ in ("ADJ", "VERB") and tok.dep_ == "acomp" and tok.lower_ in self.lex.adjectives:
                event, mode = self.lex.adjectives[tok.lower_]
                out.append(Trigger(tok, event, mode, words=[tok]))
                used_nouns.update(c.i for c in tok.subtree if c.dep_ == "pobj")
        allege_nouns = self.lex.status["allege_nouns"]
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in used_nouns:
                lemma = tok.lemma_.lower()
                hit = self.lex.noun_event(tok)
                if not hit or not hit[0]:
                    continue
                if lemma in allege_nouns and (any(c.dep_ in ("acl", "ccomp", "relcl") for c in tok.children) or (
                        tok.dep_ == "pobj" and any(c.dep_ == "ccomp" for c in tok.head.head.children))):
                    continue  # "warnings that Iran is preparing ...": a claim about an event, not a threat
                event, mode = hit
                out.append(Trigger(tok, event, mode, nominal=True, words=[tok]))
        return out

    # ---- participants ----------------------------------------------------------------------------------------
    def verb_participants(self, trig: Trigger, index: MentionIndex):
        tok = trig.token
        subj_tok = _logical_subject(tok)
        if subj_tok is None and tok.lower_ in self.lex.adjectives:
            # "Israel is opposed to ...": a participle used as an adjective has its subject as the doer
            subj_tok = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        actors = actors_of(subj_tok, index) if subj_tok is not None else []
        exclude = {subj_tok.i} if subj_tok is not None else set()
        exclude.update(w.i for w in trig.words[1:] if w.dep_ != "dobj")
        recipients: list[Actor] = []
        _, passive = _subject(tok)
        cands = []
        if passive and tok.lower_ not in self.lex.adjectives:
            subj, _ = _subject(tok)
            if subj is not None and subj.i not in exclude:
                cands.append(subj)
        cands += _recipient_tokens(tok, trig.event, exclude)
        # "impose sanctions on X": the preposition hangs on the object
        for w in trig.words[1:]:
            cands += _recipient_tokens(w, trig.event, exclude | {w.i})
        actor_codes = {a.code for a in actors}
        for cand in cands:
            found = [a for a in actors_of(cand, index) if a.code not in actor_codes]
            if not found and trig.event in _PLACE_RECIPIENT:
                found = places_of(cand, index)
            if found:
                recipients = found
                break
        return actors, recipients

    def nominal_participants(self, trig: Trigger, index: MentionIndex):
        tok = trig.token
        actors: list[Actor] = []
        recipients: list[Actor] = []
        # "Russian strikes", "U.S.-Soviet talks": a modifier names the doer only where the noun is itself
        # what the clause is about, not a noun buried in a prepositional phrase
        mods = ("poss",) if tok.dep_ in ("pobj", "compound", "npadvmod") else ("poss", "amod", "compound", "nmod")
        for child in tok.children:
            if child.dep_ in mods and child.i < tok.i:
                found = actors_of(child, index)
                if found:
                    actors = found
                    break
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in _NOMINAL_ACTOR_PREPS and not actors:
                p = _pobj(child)
                if p is None:
                    continue
                found = actors_of(p, index)
                if found:
                    actors = found
        recipient_preps = _RECIPIENT_PREPS.get(trig.event, ()) + (
            () if trig.event in _OWN_PREPS_ONLY else _RECIPIENT_PREPS["*"])
        if trig.event in _CLAUSE_RECIPIENT:
            # "its demand that Israel ease restrictions": the one asked is the clause's subject
            for child in tok.children:
                if child.dep_ in ("acl", "ccomp"):
                    subj, _ = _subject(child)
                    found = [a for a in actors_of(subj, index) if a not in actors] if subj is not None else []
                    if found:
                        recipients = found
                        break
        if actors:
            recipient_preps += ("of",)  # "Russia's occupation of Iran"
        for child in tok.children:
            if recipients:
                break
            if child.dep_ == "prep" and child.lower_ in recipient_preps:
                p = _pobj(child)
                if p is None:
                    continue
                found = [a for a in actors_of(p, index) if a not in actors]
                if not found and trig.event in _PLACE_RECIPIENT and child.lower_ != "of":
                    found = places_of(p, index)
                if found:
                    recipients = found
                    break
        return actors, recipients

    # ---- the sentence ----------------------------------------------------------------------------------------
    def code_sentence(self, sent, sentence_index: int, index: MentionIndex, article_id: str) -> list[Event]:
        triggers = self.triggers(sent)
        if not triggers:
            return []
        by_token = {t.token.i: t for t in triggers}
        events: list[Event] = []
        seen = set()
        for trig in triggers:
            info: StatusInfo = clause_status(trig.token, self.lex, index, by_token)
            if info.absorbed:
                continue
            if trig.nominal:
                actors, recipients = self.nominal_participants(trig, index)
            else:
                actors, recipients = self.verb_participants(trig, index)
            if not actors:
                continue
            if not recipients and not trig.nominal:
                recipients = self._borrow_recipient(trig, by_token, index, actors)
            recipients = _drop_self(actors, recipients)
            event_words = {w.lemma_.lower() for w in trig.words}
            if event_words & self.lex.joint_nouns and trig.event == "MOBILIZE" and (len(actors) > 1 or recipients):
                trig = Trigger(trig.token, "COOPERATE", None, trig.nominal, trig.words)  # joint exercises
            if not recipients and not trig.nominal and self._verb_lemma(trig.token) in self.lex.needs_recipient:
                continue
            event_type, mode = trig.event, trig.mode
            if info.obligation and info.attributed_to is not None and \
                    info.attributed_to.code not in {a.code for a in actors}:
                # "X said Y must do Z": in X's account this is X's demand on Y
                event_type, mode = "REQUEST", None
                actors, recipients = [info.attributed_to], actors
                info.status, info.attributed_to = "asserted", None
            info_type = self.lex.types[event_type]
            words = sorted(trig.words, key=lambda t: t.i)
            tstart, tend = words[0].idx, words[-1].idx + len(words[-1].text)
            raw = sent.text
            lead = len(raw) - len(raw.lstrip())
            evidence = raw.strip()
            ev = Event(
                article_id=article_id,
                sentence_index=sentence_index,
                span=(sent.start_char + lead, sent.start_char + lead + len(evidence)),
                evidence=evidence,
                event=event_type,
                actor=actors,
                recipient=recipients,
                mode=mode,
                quad=info_type.quad,
                intensity=info_type.score(mode),
                cameo_root=info_type.cameo_root,
                status=info.status,
                attributed_to=info.attributed_to,
                trigger=" ".join(w.text for w in words),
                trigger_span=(tstart, tend),
                confidence=self._confidence(trig, actors, recipients, info),
            )
            ev._trigger_i = trig.token.i  # noqa: SLF001 - used by the time stage, never stored
            ev.actor, ev.recipient = _unique_codes(actors), _unique_codes(recipients)
            key = (ev.event, tuple(a.code for a in ev.actor), tuple(a.code for a in ev.recipient), ev.status)
            if key in seen:
                continue
            seen.add(key)
            events.append(ev)
        return _drop_partial(events)

    def _borrow_recipient(self, trig: Trigger, by_token, index, actors):
        """An event with no recipient of its own takes the one of the clause it governs ("agreed to send X to Y")."""
        if trig.token.lemma_.lower() in self.lex.status["deny"]:
            return []  # "denies shipping drones to Iran": Iran is not the one the denial is addressed to
        if trig.event == "THREATEN":
            # "threatened to strike unless Baghdad accepted": the one threatened is the condition's subject
            for tok in trig.token.subtree:
                if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.lex.status["condition_markers"]
                                               for c in tok.children):
                    subj, _ = _subject(tok)
                    if subj is not None:
                        found = [a for a in actors_of(subj, index) if a not in actors]
                        if found:
                            return found
        conditions = self.lex.status["condition_markers"]
        for child in trig.token.children:
            if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in conditions for c in child.children):
                continue  # "will not accept refugees if war starts in Iraq": the condition names no recipient
            if child.dep_ in ("xcomp", "ccomp", "advcl") and child.pos_ == "VERB":
                for cand in _recipient_tokens(child, trig.event, set()) + [
                        p for c in child.children if c.dep_ == "prep" and c.lower_ == "in"
                        for p in [_pobj(c)] if p is not None]:
                    found = [a for a in actors_of(cand, index) if a not in actors] or [
                        p for p in places_of(cand, index) if p.code not in {a.code for a in actors}]
                    if found:
                        return found
        return []

    @staticmethod
    def _confidence(trig, actors, recipients, info) -> float:
        c = 0.45
        if not trig.nominal:
            c += 0.2
        if recipients:
            c += 0.15
        if actors and all(a.kind != "pronoun" for a in actors):
            c += 0.1
        if info.status != "asserted":
            c -= 0.05
        return round(min(c, 0.95), 2)


_CODER: Coder | None = None


def get_coder() -> Coder:
    global _CODER
    if _CODER is None:
        _CODER = Coder()
    return _CODER
