"""Ingest a batch: read -> skip what is stored -> code -> store, one bad article never stopping the rest.

Error codes: E130 an article whose coding raised, E132 an article the store refused (both recorded in
the ``errors`` table; the batch goes on), E131 a bad ``workers`` value.
"""
from __future__ import annotations

import logging
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError, RealpolitikError
from .ingest import ReadReport, check_published, read_paths
from .records import Article
from .store import DEFAULT_DB, Store

log = logging.getLogger(__name__)

E_CODING = "E130"
E_STORE = "E132"
# articles handed to the pipeline at once (and per worker task); small, so that a crash or an
# interruption loses little and the progress bar moves
DEFAULT_BATCH_SIZE = 16


@dataclass
class IngestSummary:
    new: int = 0
    already: int = 0
    failed: int = 0
    events: int = 0
    errors: list[RealpolitikError] = field(default_factory=list)
    db: str = DEFAULT_DB
    seconds: float = 0.0
    interrupted: bool = False
    # what the readers skipped on purpose (articles not in English, WARC records without a page) and their notes
    read: ReadReport = field(default_factory=ReadReport)

    @property
    def skipped(self) -> int:
        return self.read.total

    def line(self) -> str:
        skipped = f", skipped {self.read.describe()}" if self.read.total else ""
        notes = "".join(f"; {n}" for n in self.read.notes)
        return (f"{self.new} new articles, {self.already} already stored, {self.failed} failed{skipped}; "
                f"{self.events} events stored in {self.db} ({self.seconds:.1f} s){notes}")


@dataclass
class _Failure:
    """A coding failure, sent back from a worker (exceptions with custom arguments do not pickle)."""

    code: str
    message: str
    path: str | None

    def error(self) -> RealpolitikError:
        return RealpolitikError(self.code, self.message, self.path)


def _failure(article: Article, exc: Exception) -> _Failure:
    if isinstance(exc, RealpolitikError):
        return _Failure(exc.code, exc.message, article.path)
    log.debug("coding failed for %s", article.path, exc_info=exc)
    return _Failure(E_CODING, f"coding failed ({type(exc).__name__}: {exc}); the article was skipped, "
                    "please report it with this file", article.path)


def code_chunk(articles: list[Article], batch_size: int = DEFAULT_BATCH_SIZE) -> list[Any]:
    """One CodedArticle or _Failure per article, in order.

    When the pipeline raises on a chunk, the articles it had not yet returned are coded one by one,
    so only the article that raises fails.
    """
    from .pipeline import code_articles

    done: dict[str, Any] = {}
    try:
        for coded in code_articles(articles, batch_size=batch_size):
            done[coded.article.article_id] = coded
    except Exception as exc:  # noqa: BLE001 - any bug in coding one article must not stop the batch
        if len(articles) == 1:
            done[articles[0].article_id] = _failure(articles[0], exc)
        for art in articles:
            if art.article_id in done:
                continue
            try:
                for coded in code_articles([art], batch_size=1):
                    done[coded.article.article_id] = coded
            except Exception as one_exc:  # noqa: BLE001
                done[art.article_id] = _failure(art, one_exc)
    return [done.get(a.article_id) or _Failure(E_CODING, "the pipeline returned nothing for this article",
                                               a.path) for a in articles]


def _init_worker(actor_tables: tuple[str, ...] = ()) -> None:
    # load the model (and the user's actor tables) once per worker, before the first chunk arrives
    from .actors import load_actor_tables
    from .nlp import get_nlp

    load_actor_tables(actor_tables)
    get_nlp()


class _Progress:
    """A rich progress line on stderr, or nothing when stderr is not a terminal."""

    def __init__(self, enabled: bool):
        self.bar = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(),
                                TextColumn("{task.description}"), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=False)
            self.task = self.bar.add_task("", total=None)

    def __enter__(self) -> "_Progress":
        if self.bar:
            self.bar.start()
        return self

    def update(self, s: IngestSummary) -> None:
        if self.bar:
            self.bar.update(self.task, description=f"{s.new} new, {s.already} already, {s.failed} failed, "
                                                   f"{s.events} events")

    def __exit__(self, *exc: Any) -> None:
        if self.bar:
            self.bar.stop()


# Stories are merged every this many new articles (and at the end): one merge has a fixed cost of a few queries.
STORY_BATCH = 256


def _update_stories(store: Store, article_ids: list[str]) -> None:
    """Merge the new reports into stories now (incrementally); the stored events are already committed, so a
    failure here only delays the stories: every analysis command catches up with `sync_stories` first."""
    from .dedup import update_stories

    try:
        update_stories(store.con, article_ids)
    except Exception as exc:  # noqa: BLE001
        log.warning("could not update stories for %d articles (%s); they will be merged on the next analysis",
                    len(article_ids), exc)


def ingest_paths(paths: Iterable[str | Path] | str | Path, db: str | Path = DEFAULT_DB, published: str | None = None,
                 workers: int = 1, progress: bool = True, batch_size: int = DEFAULT_BATCH_SIZE,
                 actor_tables: Iterable[str | Path] = ()) -> IngestSummary:
    """Read, code and store articles from files and folders; returns the counts and the errors.

    Articles already in ``db`` (same text hash) are skipped before parsing, so re-running resumes an
    interrupted ingest. With ``workers > 1`` a process pool codes chunks and this process alone writes.
    """
    iso = check_published(published)
    if workers < 1:
        raise RealpolitikError("E131", f"--workers {workers} must be 1 or more")
    from . import pipeline  # noqa: F401 - a broken install fails here, before any file is read or stored
    from .actors import load_actor_tables

    actor_tables = tuple(str(p) for p in actor_tables)
    load_actor_tables(actor_tables)  # bad tables fail here, before anything is read
    summary = IngestSummary(db=str(db))
    start = time.perf_counter()
    with Store(db) as store, _Progress(progress) as bar:

        story_backlog: list[str] = []  # stored articles whose reports are not merged into stories yet

        def record_error(err: RealpolitikError) -> None:
            store.add_error(err)
            summary.errors.append(err)
            summary.failed += 1

        def store_results(chunk: list[Article], results: list[Any]) -> None:
            coded = []
            for res in results:
                if isinstance(res, _Failure):
                    record_error(res.error())
                else:
                    coded.append(res)
            try:
                flags = store.add_coded_many(coded)
            except Exception:  # noqa: BLE001 - find the one article the store refuses, keep the others
                flags = []
                for c in coded:
                    try:
                        flags.append(store.add_coded(c))
                    except Exception as exc:  # noqa: BLE001
                        log.debug("storing %s failed", c.article.path, exc_info=exc)
                        record_error(RealpolitikError(E_STORE, f"could not store the article ({type(exc).__name__}: "
                                                      f"{exc}); please report it with this file", c.article.path))
                        flags.append(None)
            fresh_ids = []
            for c, fresh in zip(coded, flags):
                if fresh:
                    summary.new += 1
                    summary.events += len({e.event_id or e.compute_id() for e in c.events})
                    fresh_ids.append(c.article.article_id)
                elif fresh is False:
                    summary.already += 1
            story_backlog.extend(fresh_ids)
            if len(story_backlog) >= STORY_BATCH:
                _update_stories(store, story_backlog)
                story_backlog.clear()
            bar.update(summary)

        queued: set[str] = set()  # ids sent to coding in this run (a pool may not have stored them yet)

        def fresh(candidates: list[Article]) -> list[Article]:
            """Drop the articles stored already (one look-up per batch) and repeats within this run."""
            stored = store.stored_ids([a.article_id for a in candidates])
            out = []
            for a in candidates:
                if a.article_id in stored or a.article_id in queued:
                    summary.already += 1
                    continue
                queued.add(a.article_id)
                out.append(a)
            bar.update(summary)
            return out

        def chunks() -> Iterable[list[Article]]:
            candidates: list[Article] = []
            pending: list[Article] = []
            for item in read_paths(paths, iso, report=summary.read):
                if isinstance(item, InputError):
                    record_error(item)
                    bar.update(summary)
                    continue
                candidates.append(item)
                if len(candidates) >= batch_size:
                    pending += fresh(candidates)
                    candidates = []
                if len(pending) >= batch_size:
                    # stored (or failed) once yielded; the store answers for them from now on
                    yield pending[:batch_size]
                    pending = pending[batch_size:]
            pending += fresh(candidates)
            while pending:
                yield pending[:batch_size]
                pending = pending[batch_size:]

        def run() -> None:
            if workers == 1:
                for chunk in chunks():
                    store_results(chunk, code_chunk(chunk, batch_size))
            else:
                import multiprocessing

                # spawn: a fresh interpreter per worker, safe with DuckDB and spaCy threads on every OS
                ctx = multiprocessing.get_context("spawn")
                with ctx.Pool(workers, initializer=_init_worker, initargs=(actor_tables,)) as pool:
                    in_flight: deque = deque()
                    for chunk in chunks():
                        in_flight.append((chunk, pool.apply_async(code_chunk, (chunk, batch_size))))
                        # bounded, and collected in order: memory stays flat and the store order is deterministic
                        while len(in_flight) >= 2 * workers:
                            done_chunk, res = in_flight.popleft()
                            store_results(done_chunk, res.get())
                    while in_flight:
                        done_chunk, res = in_flight.popleft()
                        store_results(done_chunk, res.get())

        try:
            run()
        except KeyboardInterrupt:
            # everything committed so far stays; the next run skips it and resumes
            summary.interrupted = True
        if story_backlog:
            _update_stories(store, story_backlog)
        if summary.read.listed:
            store.add_skipped(summary.read.listed)
    summary.seconds = time.perf_counter() - start
    return summary
