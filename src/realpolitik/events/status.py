"""What a clause asserts about its event: asserted, negated, denied, alleged, planned or hypothetical, and whose
account it is (the speaker of "X said ...", the accuser of "Y accused X of ...", the denier of "X denies ...")."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor

# Clause links we climb from an event's trigger to what governs it.
_CLIMB = ("xcomp", "ccomp", "advcl", "pcomp", "conj", "acl", "relcl", "prep", "pobj", "dobj", "nsubj",
          "nsubjpass", "attr", "oprd", "parataxis", "appos", "npadvmod")
_COMPLEMENT = ("xcomp", "ccomp", "pcomp")
_ABSORBING = {"AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE"}
_RANK = {"asserted": 0, "planned": 1, "hypothetical": 2, "alleged": 3, "denied": 4, "negated": 5}


@dataclass
class StatusInfo:
    status: str = "asserted"
    attributed_to: Actor | None = None
    absorbed: bool = False  # the clause is part of a governing event ("agreed to set up ...")
    obligation: bool = False  # the clause says what someone must do ("Y must withdraw")


def _subject_actor(verb, index) -> Actor | None:
    from .coder import actors_of, _logical_subject  # local: coder imports this module

    subj = _logical_subject(verb)
    if subj is None:
        return None
    found = actors_of(subj, index)
    return found[0] if found else None


def _speaker(verb, index, lex) -> Actor | None:
    """Who says it: the subject of the speech verb, or, in the inverted "..., stressed Ushakov", the name after it
    (which the parser may take for an object while it makes an event noun the subject)."""
    from .coder import actors_of

    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lemma_.lower() not in lex.nouns:
        return _subject_actor(verb, index)
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "PROPN" and child.i > verb.i:
            found = actors_of(child, index)
            if found:
                return found[0]
    return None


def _noun_source(noun, index) -> Actor | None:
    from .coder import actors_of, _pobj

    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod"):
            found = actors_of(child, index)
            if found:
                return found[0]
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            p = _pobj(child)
            if p is not None:
                found = actors_of(p, index)
                if found:
                    return found[0]
    return None


def claim_noun_of(verb, words):
    """A claim noun ("warnings", "reports") in a prepositional phrase or object of this verb, if any."""
    for child in verb.children:
        cands = [child] if child.dep_ == "dobj" else [g for g in child.children if g.dep_ == "pobj"] \
            if child.dep_ == "prep" else []
        for cand in cands:
            if cand.lemma_.lower() in words["allege_nouns"]:
                return cand
    return None


def _own_marks(tok, words) -> str | None:
    """Negation, modals and conditions on the trigger's own clause."""
    status = None
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and low in ("never", "no")):
            return "negated"
        if child.dep_ in ("aux", "auxpass"):
            if low in words["modal_hypothetical"]:
                status = "hypothetical"
            elif low in words["modal_future"] and status is None:
                status = "planned"
        if child.dep_ == "mark" and low in words["condition_markers"]:
            status = "hypothetical"
        if child.dep_ == "amod":
            if low in words["nominal_planned"]:
                status = status or "planned"
            elif low in words["nominal_hypothetical"]:
                status = "hypothetical"
            elif low in words["nominal_alleged"]:
                status = "alleged"
    return status


def clause_status(tok, lex, index, triggers_by_token) -> StatusInfo:
    words = lex.status
    info = StatusInfo()
    own_event = triggers_by_token[tok.i].event if tok.i in triggers_by_token else None

    def raise_to(status: str) -> None:
        if _RANK[status] > _RANK[info.status]:
            info.status = status

    own = _own_marks(tok, words)
    if own:
        raise_to(own)
    info.obligation = any(c.dep_ == "aux" and c.lower_ in words["obligation"] for c in tok.children) or (
        tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "have" and
        any(c.dep_ == "aux" and c.lower_ in words["obligation"] for c in tok.head.children))
    cur = tok
    first = True
    for _ in range(8):
        if cur.dep_ not in _CLIMB or cur.head is cur:
            break
        head = cur.head
        rel = cur.dep_
        hlemma = head.lemma_.lower()
        is_verb = head.pos_ in ("VERB", "AUX")
        if rel == "conj":
            # a conjunct shares its head's modals ("will meet and sign") but not its negation
            for child in head.children:
                if child.dep_ == "aux" and child.lower_ in words["modal_future"]:
                    raise_to("planned")
                elif child.dep_ == "aux" and child.lower_ in words["modal_hypothetical"]:
                    raise_to("hypothetical")
            cur = head
            continue
        gov = triggers_by_token.get(head.i)
        if first and gov is not None and rel in ("advcl", "xcomp", "conj") and (
                own_event == "REQUEST" or gov.event == "PROTEST") and gov.event != own_event:
            # "demonstrated ... calling for independence", "blocked roads to press their demands": the demand is
            # what the protest is for, not a second event
            info.absorbed = True
            return info
        if gov is not None and rel in _COMPLEMENT + ("prep", "advcl", "dobj", "pobj") and not first and \
                gov.event in _ABSORBING and info.status not in ("alleged", "denied"):
            # deeper inside an absorbing event's complement ("agreed that they should cooperate to encourage")
            info.absorbed = True
            return info
        if first and gov is not None and gov.nominal and rel in ("acl", "ccomp") and gov.event in _ABSORBING:
            info.absorbed = True  # "its demand that Israel ease restrictions": part of the demand
            return info
        if first and gov is not None and (rel in _COMPLEMENT or (rel == "prep" and tok is not cur)) and is_verb:
            if gov.event == "ACCUSE":
                raise_to("alleged")
                info.attributed_to = info.attributed_to or _subject_actor(head, index)
            elif hlemma in words["deny"]:
                raise_to("denied")
                info.attributed_to = info.attributed_to or _subject_actor(head, index)
            elif gov.event in ("AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE") and rel != "prep":
                info.absorbed = True
                return info
        if is_verb and rel in _COMPLEMENT and hlemma in words["deny"]:
            raise_to("denied")
            info.attributed_to = info.attributed_to or _subject_actor(head, index)
        elif is_verb and rel == "dobj" and hlemma in words["deny_objects"]:
            raise_to("denied")
            info.attributed_to = info.attributed_to or _subject_actor(head, index)
        elif is_verb and rel in _COMPLEMENT and hlemma in words["allege"]:
            raise_to("alleged")
            info.attributed_to = info.attributed_to or _subject_actor(head, index)
        elif is_verb and rel in ("ccomp", "parataxis") and hlemma in words["speech"]:
            info.attributed_to = info.attributed_to or _speaker(head, index, lex)
        elif not is_verb and rel in ("acl", "ccomp") and hlemma in words["speech_nouns"]:
            # "issued a reminder to Iraq that it must cooperate": the reminder's author speaks
            source = _noun_source(head, index)
            if source is None and head.dep_ == "dobj":
                source = _subject_actor(head.head, index)
            info.attributed_to = info.attributed_to or source
        elif not is_verb and rel in ("acl", "ccomp", "relcl") and hlemma in words["allege_nouns"]:
            raise_to("alleged")
            info.attributed_to = info.attributed_to or _noun_source(head, index)
        elif is_verb and rel == "ccomp" and claim_noun_of(head, words) is not None:
            # "comes amid warnings from the US that Iran is preparing ...": the parser hangs the clause on the
            # verb; the claim noun beside it is what the clause belongs to
            raise_to("alleged")
            info.attributed_to = info.attributed_to or _noun_source(claim_noun_of(head, words), index)
        if rel == "xcomp" and hlemma in words["plan"] and head.pos_ in ("VERB", "AUX", "ADJ"):
            raise_to("planned")  # "plans to ship", "is willing to withdraw"
        if is_verb and rel == "xcomp" and hlemma in words["negating_verbs"]:
            raise_to("negated")
        if is_verb and rel in ("xcomp", "ccomp", "advcl", "conj") or not is_verb:
            for child in head.children:
                low = child.lower_
                if child.dep_ in ("aux",) and low in words["modal_hypothetical"] and rel == "xcomp":
                    raise_to("hypothetical")
                elif child.dep_ == "aux" and low in words["modal_future"] and rel == "xcomp":
                    raise_to("planned")
                elif child.dep_ == "neg" and (rel == "xcomp" or (rel == "advcl" and not any(
                        c.dep_ == "mark" for c in cur.children))):
                    # "will not act to support": the purpose is not pursued; a "since"/"after" clause keeps its own
                    raise_to("negated")
                elif child.dep_ == "mark" and low in words["condition_markers"] and rel in ("xcomp", "conj"):
                    raise_to("hypothetical")
        if head.pos_ != "ADP":  # "accused X of shipping": the preposition is a hop, not a clause
            first = False
        cur = head
    return info
