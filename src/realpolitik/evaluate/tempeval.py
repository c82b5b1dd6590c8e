"""TempEval-3 Task A scorer: time expression extraction and normalisation against a gold JSONL.

Gold lines: ``{doc_id, dct, text, timexes: [{start, end, text, type, value}]}`` (end-exclusive offsets).
Strict match = same span; relaxed match = overlapping spans (one-to-one). Type and value accuracy are
over relaxed matches; value F1 = relaxed F1 x value accuracy, as in the TempEval-3 task description.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import RealpolitikError

# E5xx: the time area's errors


@dataclass
class TempEvalScore:
    gold_file: str
    n_docs: int = 0
    n_gold: int = 0
    n_system: int = 0
    strict_matches: int = 0
    relaxed_matches: int = 0
    type_correct: int = 0
    value_correct: int = 0
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)  # value/type mismatches and misses, for inspection

    @staticmethod
    def _prf(matched: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
        p = matched / n_sys if n_sys else 0.0
        r = matched / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def metrics(self) -> dict[str, float]:
        sp, sr, sf = self._prf(self.strict_matches, self.n_system, self.n_gold)
        rp, rr, rf = self._prf(self.relaxed_matches, self.n_system, self.n_gold)
        type_acc = self.type_correct / self.relaxed_matches if self.relaxed_matches else 0.0
        value_acc = self.value_correct / self.relaxed_matches if self.relaxed_matches else 0.0
        return {
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": type_acc, "value_accuracy": value_acc,
            "type_f1": rf * type_acc, "value_f1": rf * value_acc,
        }

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("errors")
        d.update({k: round(v, 4) for k, v in self.metrics().items()})
        return d


def _load(path: Path) -> list[dict]:
    if not path.exists():
        raise RealpolitikError("E501", "gold file not found; point to a TempEval JSONL such as "
                               "../shared/gold/tempeval3-tbaq/tbaq_timebank.jsonl", str(path))
    docs = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                d["text"], d["timexes"]  # noqa: B018 - required keys
            except (json.JSONDecodeError, KeyError) as exc:
                raise RealpolitikError("E502", f"not a TempEval gold line ({exc}); expected JSON with "
                                       "text, dct and timexes", str(path), i) from exc
            docs.append(d)
    return docs


def _match(gold: list[dict], system: list) -> list[tuple[dict, object]]:
    """One-to-one relaxed matching: each gold timex takes the overlapping system timex with most overlap."""
    pairs, used = [], set()
    for g in gold:
        best, best_ov = None, 0
        for j, s in enumerate(system):
            if j in used:
                continue
            ov = min(g["end"], s.end) - max(g["start"], s.start)
            if ov > best_ov:
                best, best_ov = j, ov
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def score_tempeval(gold_path: str | Path, keep_errors: bool = False) -> TempEvalScore:
    """Run ``find_timexes`` over every gold document and score it."""
    from ..time import find_timexes

    path = Path(gold_path)
    score = TempEvalScore(gold_file=str(path))
    t0 = time.perf_counter()
    for doc in _load(path):
        dct = dt.date.fromisoformat(doc["dct"][:10]) if doc.get("dct") else None
        # TimeML annotates named periods ("World War II") as events, not TIMEX3
        system = find_timexes(doc["text"], dct, periods=False)
        gold = doc["timexes"]
        score.n_docs += 1
        score.n_gold += len(gold)
        score.n_system += len(system)
        pairs = _match(gold, system)
        matched_sys = set()
        for g, s in pairs:
            matched_sys.add(id(s))
            score.relaxed_matches += 1
            score.strict_matches += (g["start"], g["end"]) == (s.start, s.end)
            score.type_correct += g["type"] == s.type
            score.value_correct += g["value"] == s.value
            if keep_errors and (g["value"] != s.value or (g["start"], g["end"]) != (s.start, s.end)):
                score.errors.append({"doc": doc["doc_id"], "dct": doc["dct"], "kind": "mismatch", "gold": g["text"],
                                     "gold_value": g["value"], "gold_type": g["type"], "sys": s.text,
                                     "sys_value": s.value, "sys_type": s.type})
        if keep_errors:
            got = {id(g) for g, _ in pairs}
            for g in gold:
                if id(g) not in got:
                    ctx = doc["text"][max(0, g["start"] - 40):g["end"] + 40].replace("\n", " ")
                    score.errors.append({"doc": doc["doc_id"], "kind": "missed", "gold": g["text"],
                                         "gold_value": g["value"], "context": ctx})
            for s in system:
                if id(s) not in matched_sys:
                    ctx = doc["text"][max(0, s.start - 40):s.end + 40].replace("\n", " ")
                    score.errors.append({"doc": doc["doc_id"], "kind": "spurious", "sys": s.text,
                                         "sys_value": s.value, "context": ctx})
    score.seconds = time.perf_counter() - t0
    return score
