"""Actor mentions in a parsed document: table lookup, chaining into phrases, dating, coreference.

1. ``scan`` finds atoms: the longest table phrase at each token (countries, demonyms, capitals,
   metonyms, organisations, state organs, roles, titles, known people, cities) plus names that
   spaCy tags PERSON but the tables do not know.
2. ``_chains`` joins neighbouring atoms into one mention ("Iranian" + "President" + "Masoud
   Pezeshkian"; "Israel" + "'s" + "internal security service"; "protesters" + "in" + "Tehran").
3. Each chain becomes an ``Actor``: people are dated through the office table, roles take the
   country of their modifier and the sector of their head.
4. Coreference: surnames of people named earlier, title phrases ("the Russian leader") and
   pronouns take the fields of their nearest compatible antecedent.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache

import yaml

from ..records import Actor
from .offices import OUT_OF_OFFICE_SECTOR, namesake_in_office, office_holder, person_status
from .tables import (ANY, CAPITALISED, DATA_DIR, EXACT, KIND_PRIORITY, Entry, derived, fold, get_tables,
                     is_state_code, normalise_office)

PLACE_KINDS = {"country", "capital", "city", "metonym", "region"}
MOD_KINDS = {"country", "demonym", "capital", "metonym", "org", "group", "organ", "city", "region"}
GENERIC_KINDS = {"title", "role", "organ"}
PERSON_KINDS = {"person", "name"}
ATOMS_KEY = "realpolitik_actor_atoms"


@lru_cache(maxsize=1)
def rules() -> dict:
    with (DATA_DIR / "rules.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}


@dataclass
class Atom:
    """A table phrase (or unknown name) found at tokens [i, j)."""

    i: int
    j: int
    kind: str  # Entry.kind, or "name" for a person the tables do not know
    entry: Entry | None = None

    @property
    def generic(self) -> bool:
        """A role, title or institution from roles.tsv: it needs a modifier to have a country."""
        return self.entry is not None and self.entry.family == "role"

    @property
    def modifier(self) -> bool:
        return self.kind in MOD_KINDS and not self.generic


def _case_ok(mode: str, orth: tuple[str, ...], span) -> bool:
    if mode == EXACT:
        return tuple(t.text for t in span) == orth
    if mode == CAPITALISED:
        return all(t.text[:1].isupper() for o, t in zip(orth, span) if o[:1].isupper())
    return True


def _pick(variants, span, tagged: bool) -> Entry | None:
    best = None
    for mode, orth, entry in variants:
        if not _case_ok(mode, orth, span):
            continue
        if mode == ANY and entry.family == "role" and tagged and span[-1].pos_ not in ("NOUN", "PROPN") \
                and span[-1].dep_ != "ROOT":
            continue  # "state" or "forces" used as verb or adjective (a phrase's root is its head)
        if best is None or KIND_PRIORITY.index(entry.kind) < KIND_PRIORITY.index(best.kind):
            best = entry
    return best


def scan(doc) -> list[Atom]:
    """Table phrases and unknown person names in ``doc`` (cached on the doc)."""
    cached = doc.user_data.get(ATOMS_KEY)
    if cached is not None:
        return cached
    tables = get_tables()
    lex = tables.lexicon
    starts = _phrase_starts(tables)
    n = len(doc)
    tokens = list(doc)
    lowers = [fold(t.lower_) for t in tokens]
    tagged = doc.has_annotation("TAG")
    lemmas = [fold(t.lemma_) for t in tokens] if tagged else lowers
    person_ent = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            for k in range(ent.start, ent.end):
                person_ent[k] = ent
    atoms: list[Atom] = []
    i = 0
    while i < n:
        tok = tokens[i]
        if tok.is_space or (tok.is_punct and tok.text not in ("'", "’")):
            i += 1
            continue
        found = None
        # only the lengths of table phrases that begin with this word (or, for one word, its lemma)
        lengths = starts.get(lowers[i], ())
        if tagged and lemmas[i] != lowers[i] and 1 in starts.get(lemmas[i], ()) and 1 not in lengths:
            lengths = lengths + (1,)
        for length in lengths:
            if length > n - i:
                continue
            key = tuple(lowers[i:i + length])
            variants = lex.get(key)
            if variants is None and tagged:
                lemma = lemmas[i + length - 1]
                if lemma != key[-1]:
                    variants = lex.get(key[:-1] + (lemma,))
            if not variants:
                continue
            entry = _pick(variants, doc[i:i + length], tagged)
            if entry is not None:
                found = Atom(i, i + length, entry.kind, entry)
                break
        if found is not None and _plausible(doc, found, person_ent, lex):
            atoms.append(found)
            i = found.j
        else:
            i += 1
    atoms = _add_names(doc, atoms)
    doc.user_data[ATOMS_KEY] = atoms
    return atoms


def _phrase_starts(tables) -> dict[str, tuple[int, ...]]:
    """First word of every table phrase -> the lengths of the phrases it begins, longest first."""
    def build(t):
        acc: dict[str, set[int]] = {}
        for key in t.lexicon:
            acc.setdefault(key[0], set()).add(len(key))
        return {w: tuple(sorted(ls, reverse=True)) for w, ls in acc.items()}

    return derived(tables, "phrase_starts", build)


def _is_name_token(tok) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "X", "")


def _plausible(doc, atom: Atom, person_ent: dict, lex) -> bool:
    """Reject table phrases that are part of a longer personal name ("Michael Jordan", "Sharon Stone")."""
    entry = atom.entry
    if entry.kind == "person":
        if atom.j - atom.i == 1:
            # a surname alias inside another person's name ("Laura Bush", "Sharon Stone")
            nxt = doc[atom.j] if atom.j < len(doc) else None
            if nxt is not None and _is_name_token(nxt) and nxt.pos_ == "PROPN" and \
                    (fold(nxt.lower_),) not in lex and not nxt.is_sent_start:
                return False
            prev = doc[atom.i - 1] if atom.i > 0 else None
            if prev is not None and not doc[atom.i].is_sent_start and not prev.is_sent_start and \
                    _is_name_token(prev) and \
                    prev.pos_ == "PROPN" and (fold(prev.lower_),) not in lex:
                return False
        return True
    if entry.family == "role":
        return True
    ent = person_ent.get(atom.i)
    if ent is None:
        return True
    # the tables override spaCy's label for the whole name ("Kyiv" or "Burkina Faso's" tagged PERSON)
    others = [k for k in range(ent.start, ent.end) if not atom.i <= k < atom.j and doc[k].is_alpha]
    if not others:
        return True
    # a place or organisation inside a longer PERSON name that holds no other known phrase
    return any(any(e.kind in ("title", "person") for _, _, e in lex.get((fold(doc[k].lower_),), ()))
               for k in others)


def _add_names(doc, atoms: list[Atom]) -> list[Atom]:
    """Persons the tables do not know: PERSON entities and capitalised words after a title."""
    covered = set()
    for a in atoms:
        covered.update(range(a.i, a.j))
    extra = []
    seen_surnames: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        run = []
        for k in range(ent.start, ent.end + 1):
            if k < ent.end and k not in covered and (_is_name_token(doc[k]) or (
                    run and doc[k].lower_ in NAME_PARTICLES)):
                run.append(k)
                continue
            while run and (not doc[run[-1]].is_alpha or doc[run[-1]].lower_ in NAME_PARTICLES):
                run.pop()
            if run and (_name_like(doc, run) or (len(run) == 1 and doc[run[0]].text in seen_surnames)):
                extra.append(Atom(run[0], run[-1] + 1, "name"))
                covered.update(run)
                seen_surnames.add(doc[run[-1]].text)
            run = []
    for a in atoms:
        if a.kind == "title" and a.j < len(doc) and a.j not in covered and _is_name_token(doc[a.j]) \
                and doc[a.j].pos_ == "PROPN":
            k = a.j
            while k < len(doc) and k not in covered and _is_name_token(doc[k]) and doc[k].pos_ == "PROPN":
                k += 1
            extra.append(Atom(a.j, k, "name"))
            covered.update(range(a.j, k))
            if k - a.j > 1:
                seen_surnames.add(doc[k - 1].text)
    # a surname seen in a full name names that person again, whatever spaCy labels it ("Testenko" as GPE)
    full_names = [x for x in extra + atoms if x.kind in PERSON_KINDS and x.j - x.i > 1]
    for k, tok in enumerate(doc):
        if k not in covered and _is_name_token(tok) and tok.pos_ == "PROPN" and \
                any(doc[x.j - 1].text == tok.text and x.j <= k for x in full_names):
            extra.append(Atom(k, k + 1, "name"))
            covered.add(k)
    return sorted(atoms + extra, key=lambda a: a.i)


NAME_PARTICLES = {"-", ".", "the", "bin", "ibn", "al", "el", "de", "van", "von", "der", "da", "le"}


def _name_like(doc, run: list[int]) -> bool:
    """A lone capitalised common word at a sentence start ("Inside") is not a name."""
    if len(run) > 1:
        return True
    tok = doc[run[0]]
    return tok.pos_ == "PROPN" and not tok.is_stop and not tok.is_sent_start


def _gap_ok(doc, a: Atom, b: Atom) -> bool:
    """Tokens between a modifier and its head: possessives, hyphens and a few adjectives or nouns."""
    gap = doc[a.j:b.i]
    if len(gap) > 3:
        return False
    glue = rules()["glue_words"]
    content = 0
    for tok in gap:
        if tok.is_sent_start:
            return False
        if tok.lower_ in glue:
            continue
        if tok.pos_ == "VERB" and (tok.tag_ not in ("VBN", "VBG") or tok.dep_ in ("ROOT", "ccomp", "conj")):
            return False  # a clause's verb ends the phrase ("Amnesty said police"); "state-owned", "backed" do not
        if tok.pos_ in ("ADJ", "NOUN", "NUM", "ADV", "VERB") and tok.is_alpha and tok.text.islower():
            content += 1
            continue
        return False
    return content <= 2


def _joins(doc, chain: list[Atom], b: Atom) -> bool:
    last = chain[-1]
    if doc[b.i].is_sent_start:
        return False
    gap = doc[last.j:b.i]
    gap_words = [t.lower_ for t in gap]
    if last.kind in PERSON_KINDS:
        return False
    if last.modifier:
        if b.generic or b.kind in PERSON_KINDS:
            return _gap_ok(doc, last, b)
        if b.kind in ("organ", "org", "group") and last.kind in ("country", "demonym", "capital", "city", "region"):
            return len(gap) == 0 or gap_words in (["'s"], ["’s"])
        return False
    # last is a generic role, title or institution
    if b.kind in PERSON_KINDS:
        return last.kind == "title" and len(gap) == 0
    if b.generic:
        return len(gap) == 0
    if b.modifier and gap_words:
        words = [w for w in gap_words if w not in ("the", "a")]
        return len(words) == 1 and words[0] in rules()["of_prepositions"] and len(gap) <= 2
    return False


def _chains(doc, atoms: list[Atom]) -> list[list[Atom]]:
    chains: list[list[Atom]] = []
    for atom in atoms:
        if chains and _joins(doc, chains[-1], atom):
            chains[-1].append(atom)
        else:
            chains.append([atom])
    return chains


def _former(doc, chain: list[Atom]) -> bool:
    words = rules()["former_words"]
    start = chain[0].i
    before = [doc[k] for k in range(max(0, start - 2), start)]
    inside = [doc[k] for k in range(start, chain[-1].j)]
    return any(t.lower_ in words for t in before + inside)


def _set_code(actor: Actor, code: str | None) -> None:
    if not code:
        return
    if is_state_code(code):
        actor.country = code
    else:
        actor.org = code


def _code_of(atom: Atom) -> str | None:
    e = atom.entry
    if e is None:
        return None
    return e.country or e.org


def _is_location(doc, atom: Atom) -> bool:
    """Is a place word where something happens rather than who acts ("in Tehran", "flew to Moscow")?"""
    r = rules()
    tok = doc[atom.j - 1]
    # walk to the head of a multi-word name and up coordinations ("in Moscow and Tehran")
    while tok.head.i != tok.i and atom.i <= tok.head.i < atom.j:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" or (tok.dep_ in ("nmod", "npadvmod") and head.pos_ == "ADP"):
        prep = head.lower_
        if prep in r["locative_prepositions"]:
            return True
        if prep in r["directional_prepositions"] and head.head.lemma_.lower() in r["motion_words"]:
            return True
    if tok.dep_ == "dobj" and head.lemma_.lower() in r["destination_verbs"]:
        return True
    if atom.kind in ("capital", "city") and tok.dep_ in ("compound", "amod") and head.pos_ == "NOUN":
        return True  # "the Tehran summit"
    return False


def _actor_for_chain(doc, chain: list[Atom], day: dt.date | None) -> Actor | None:
    span = doc[chain[0].i:chain[-1].j]
    start, end, text = span.start_char, span.end_char, span.text  # (doc.text rebuilds the whole string)
    actor = Actor(text=text, start=start, end=end)
    mods = [a for a in chain if a.modifier]
    heads = [a for a in chain if a.generic]
    people = [a for a in chain if a.kind in PERSON_KINDS]
    former = _former(doc, chain)
    first_code = next((_code_of(a) for a in mods if _code_of(a)), None)

    if people:
        person = people[-1]
        actor.kind = "person"
        title = next((a for a in reversed(heads) if a.kind == "title"), None)
        if person.kind == "person":
            status = person_status(person.entry.name, day)
            if status.sector == OUT_OF_OFFICE_SECTOR and day is not None and person.j - person.i == 1:
                status = namesake_in_office(doc[person.i].text, day, status.name) or status
            actor.name = status.name
            _set_code(actor, status.code)
            actor.sector, actor.office = status.sector, status.office
            if title is not None and not former and normalise_office(status.office) != title.entry.office:
                if day is None:
                    # undated: the office the text names, when the person held it ("Prime Minister Scott Morrison")
                    row = next((r for r in get_tables().offices[status.name]
                                if normalise_office(r.office) == title.entry.office), None)
                    if row is not None:
                        _set_code(actor, row.code)
                        actor.sector, actor.office = row.sector, row.office
                elif status.sector == OUT_OF_OFFICE_SECTOR:
                    # the text's own title beats a table that may miss an office ("Minister Ana Testova")
                    actor.sector, actor.office = title.entry.sector, title.entry.office
        else:
            actor.name = doc[person.i:person.j].text
            _set_code(actor, first_code)
            title = next((a for a in reversed(heads)), None)
            if title is not None:
                actor.sector = title.entry.sector
                if title.entry.sector == "GOV" and any(m.entry.family == "party" for m in mods):
                    actor.sector = "PTY"  # "Labour leader Jeremy Corbyn" leads a party, not a government
                actor.office = title.entry.office if title.kind == "title" else None
            elif mods:
                actor.sector = mods[-1].entry.sector
        if former:
            actor.sector, actor.office = OUT_OF_OFFICE_SECTOR, None
        return actor

    if heads:
        head = heads[-1]
        actor.kind = "role" if head.kind in ("title", "role") else "organ"
        actor.name = head.entry.name
        actor.sector = head.entry.sector
        if mods:
            mod = mods[0]
            _set_code(actor, first_code)
            # an armed group's fighters keep the group's sector ("Hezbollah fighters" are REB, not MIL)
            if mod.kind == "group" and head.entry.sector in ("MIL", "REB", "UAF", "PRM"):
                actor.sector = mod.entry.sector
            if head.entry.sector == "GOV" and mod.entry.family in ("party", "business", "media", "ngo"):
                actor.sector = mod.entry.sector  # "an Apple spokesman" speaks for a company
            actor.name = text
        if head.kind == "title":
            actor.office = head.entry.office
            if former:
                actor.sector, actor.office = OUT_OF_OFFICE_SECTOR, None
            elif day is not None and actor.code != "UNK" and head.entry.office not in rules()["vague_offices"]:
                holder = office_holder(actor.code, normalise_office(head.entry.office), day)
                if holder is not None:
                    actor.name, actor.office, actor.sector = holder.name, holder.office, holder.sector
        elif former:
            actor.sector = OUT_OF_OFFICE_SECTOR
        return actor

    # only modifiers: a country, capital, metonym, organisation or state organ on its own
    last = mods[-1]
    if len(chain) == 1 and last.kind in ("capital", "city", "country", "metonym") and _is_location(doc, last):
        return None
    if len(chain) == 1 and last.kind in ("city", "region"):
        return None  # a city on its own is a place (see find_locations)
    e = last.entry
    _set_code(actor, first_code or e.country or e.org)
    actor.name = e.name
    actor.sector = e.sector
    actor.kind = {"demonym": "country", "city": "capital"}.get(last.kind, last.kind)
    if actor.kind == "country" and e.sector != "PRE":
        actor.sector = None
    return actor


def _compatible(antecedent: Actor, want: str) -> bool:
    if want == "person":
        return antecedent.kind in ("person", "role_one") or (antecedent.kind == "role" and antecedent.office is not None)
    if want == "thing":
        return antecedent.kind in ("country", "capital", "metonym", "org", "group", "organ")
    return antecedent.kind in ("country", "capital", "metonym", "org", "group", "organ", "role_many")


def _cataphora(tok, found: list[tuple[Actor, str]], want: str) -> Actor | None:
    """"During his visit to Moscow, the Iranian foreign minister thanked ...": a possessive in a phrase placed before
    its clause's subject stands for that subject."""
    if tok.dep_ != "poss":
        return None
    head = tok.head
    while head.dep_ in ("pobj", "prep") and head.head is not head:
        head = head.head
    if head is tok.head or head.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i < tok.i:
        return None
    for actor, base_kind in found:
        if actor.start is not None and actor.start <= subj.idx < actor.end and actor.kind != "pronoun" and \
                _compatible(replace(actor, kind=base_kind), want):
            return actor
    return None


def _antecedent(found: list[tuple[Actor, str]], pos: int, want: str, min_start: int) -> Actor | None:
    for actor, base_kind in reversed(found):
        if actor.start is None or actor.start >= pos:
            continue
        if actor.start < min_start:
            return None
        probe = replace(actor, kind=base_kind)
        if _compatible(probe, want):
            return actor
    return None


def _copy_from(target: Actor, source: Actor) -> None:
    target.name, target.country, target.org = source.name, source.country, source.org
    target.sector, target.office = source.sector, source.office


def find_mentions(doc, published: dt.date | None = None) -> list[Actor]:
    """Every actor mention in a parsed spaCy ``Doc``, in text order, without overlaps."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    atoms = scan(doc)
    found: list[tuple[Actor, str]] = []  # (actor, kind before coreference)
    surnames: dict[str, Actor] = {}
    for chain in _chains(doc, atoms):
        actor = _actor_for_chain(doc, chain, published)
        if actor is None:
            continue
        base_kind = actor.kind
        names = [a for a in chain if a.kind in PERSON_KINDS]
        if names and len(chain) == 1 and names[0].kind == "name":
            name = names[0]
            words = doc[name.i:name.j].text
            known = surnames.get(words)
            if known is not None:  # "Popov" after "Yevgeny Popov"
                _copy_from(actor, known)
        if names and (actor.country or actor.org or actor.sector):
            span = doc[names[-1].i:names[-1].j]
            if len(span) > 1:
                surnames.setdefault(span[-1].text, actor)
        plural = doc[chain[-1].j - 1].tag_ in ("NNS", "NNPS")
        if base_kind == "role" and plural:
            base_kind = "role_many"  # "leaders": they, not he
        elif base_kind == "role" and not actor.office:
            base_kind = "role_one"  # "a Russian citizen": a person for he/she
        if base_kind == "role" and actor.office and not plural and not _is_named(actor):
            ante = _title_antecedent(found, actor)
            if ante is not None:
                actor.name, actor.office = ante.name, ante.office
                actor.sector = ante.sector
        found.append((actor, base_kind))
    found = _pronouns(doc, found)
    return [a for a, _ in found]


def _is_named(actor: Actor) -> bool:
    """A role resolved to a person through the office table."""
    return actor.name is not None and actor.name in get_tables().offices


def _title_antecedent(found: list[tuple[Actor, str]], role: Actor) -> Actor | None:
    """The person a title phrase refers to ("the Russian leader" -> Putin), nearest first."""
    office = normalise_office(role.office)
    for actor, base_kind in reversed(found):
        if base_kind != "person" or not actor.name:
            continue
        if role.code != "UNK" and actor.code != role.code:
            continue
        if office == "leader":
            if actor.sector == "GOV" and role.code != "UNK":
                return actor
        elif normalise_office(actor.office) == office:
            return actor
    return None


def _pronouns(doc, found: list[tuple[Actor, str]]) -> list[tuple[Actor, str]]:
    r = rules()
    covered = set()
    for actor, _ in found:
        covered.update(range(actor.start, actor.end))
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    out = sorted(found, key=lambda x: x[0].start)
    result = list(out)
    for tok in doc:
        low = tok.lower_
        if tok.idx in covered:
            continue
        if low in r["person_pronouns"]:
            want = "person"
        elif low in r["thing_pronouns"]:
            want = "thing"
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss") or _expletive(tok):
                continue
        elif low in r["plural_pronouns"]:
            want = "plural"
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
        else:
            continue
        # the antecedent must be within the last few sentences
        k = max(0, _sent_index(sent_starts, tok.idx) - r["pronoun_window"] + 1)
        ante = _cataphora(tok, result, want) or _antecedent(result, tok.idx, want, sent_starts[k])
        if ante is None:
            continue
        pron = Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), kind="pronoun")
        _copy_from(pron, ante)
        base = next(b for a, b in result if a is ante)
        result.append((pron, base))
        result.sort(key=lambda x: x[0].start)
    return result


def _sent_index(starts: list[int], pos: int) -> int:
    idx = 0
    for n, s in enumerate(starts):
        if s <= pos:
            idx = n
        else:
            break
    return idx


# Adjectives of "it is ___ that/to ...", where "it" stands for nothing.
_IMPERSONAL = frozenset("""likely unlikely possible impossible clear unclear important necessary true obvious hard easy
difficult vital essential crucial sure certain evident apparent doubtful time worth natural strange surprising""".split())


def _expletive(tok) -> bool:
    """'It has been hinted that ...', 'it is likely to ...': no referent."""
    if tok.dep_ == "expl":
        return True
    # "it is willing to withdraw", "it is ready to talk": an adjective that says something about a doer
    acomp = [c for c in tok.head.children if c.dep_ == "acomp" and c.i > tok.i]
    if acomp and all(c.lemma_.lower() not in _IMPERSONAL for c in acomp) and not any(
            c.dep_ in ("ccomp", "csubj") for c in tok.head.children):
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "csubj", "acomp", "attr") and c.i > tok.i for c in tok.head.children) \
        and tok.head.lemma_ in ("be", "seem", "appear", "hint", "report", "believe", "understand", "expect",
                                "say", "claim", "remain", "become")
