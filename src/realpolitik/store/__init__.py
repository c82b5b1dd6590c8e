"""The DuckDB store: schema by named migrations, idempotent writes, event queries.

Every ``add_coded`` is one transaction, so an interrupted ingest keeps every article committed
before the interruption and the next run resumes after them (articles are keyed by content hash).

Error codes (E120-E129): E120 the database is in use by another process, E121 the file is not a
usable DuckDB database, E122 no database at the path (queries), E123 a bad query filter.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError, RealpolitikError
from ..records import EVENT_TYPES, STATUSES, Actor, Article, Event
from .migrations import MIGRATIONS, MIGRATIONS_TABLE

log = logging.getLogger(__name__)

DEFAULT_DB = "realpolitik.duckdb"

E_LOCKED = "E120"
E_BAD_DB = "E121"
E_NO_DB = "E122"
E_BAD_FILTER = "E123"

_EVENT_COLUMNS = (
    "event_id", "article_id", "sentence_index", "span_start", "span_end", "evidence", "event", "mode",
    "context", "quad", "intensity", "cameo_root", "status", "actor", "recipient", "actor_codes",
    "recipient_codes", "attributed_to", "attributed_code", "date", "date_precision", "date_text",
    "historical", "location", "location_country", "lat", "lon", "confidence", "trigger", "source", "published",
    "date_end",
)
_MENTION_COLUMNS = ("article_id", "start", '"end"', "text", "name", "country", "org", "sector", "office", "kind")
_ARTICLE_COLUMNS = ("article_id", "url", "source", "title", "published", "published_from", "path", "text",
                    "n_events", "ingested_at")


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    ints = ("sentence_index", "span_start", "span_end", "start", "end")
    floats = ("intensity", "lat", "lon", "confidence")
    types = {n: pa.int64() for n in ints} | {n: pa.float64() for n in floats}
    types |= {n: pa.list_(pa.string()) for n in ("context", "actor_codes", "recipient_codes")}
    types |= {"historical": pa.bool_(), "date": pa.date32(), "date_end": pa.date32(), "published": pa.date32(), "n_events": pa.int64(),
              "ingested_at": pa.timestamp("us")}
    return types


class _LazyTypes(dict):
    def get(self, key, default=None):  # pyarrow is imported on first write, not on `import realpolitik.store`
        if not self:
            self.update(_arrow_types())
        return super().get(key, default)


_ARROW_TYPES = _LazyTypes()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _iso_date(value: str | None, what: str) -> dt.date | None:
    """A valid ISO date or None (logged): one malformed date must not lose a whole article."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        log.warning("%s %r is not an ISO date (YYYY-MM-DD); stored as NULL", what, value)
        return None


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _event_row(ev: Event, article: Article) -> list[Any]:
    d = ev.to_dict()
    loc = d["location"] or {}
    return [
        d["event_id"], d["article_id"], d["sentence_index"], d["span"][0], d["span"][1], d["evidence"],
        d["event"], d["mode"], d["context"], d["quad"], d["intensity"], d["cameo_root"], d["status"],
        _json(d["actor"]), _json(d["recipient"]),
        [a.code for a in ev.actor], [a.code for a in ev.recipient],
        _json(d["attributed_to"]), ev.attributed_to.code if ev.attributed_to else None,
        _iso_date(d["date"], "event date"), d["date_precision"], d["date_text"], d["historical"],
        _json(d["location"]), loc.get("country"), loc.get("lat"), loc.get("lon"),
        d["confidence"], d["trigger"], article.source, _iso_date(article.published, "published"),
        _iso_date(d["date_end"], "event date_end"),
    ]


def _mention_row(article_id: str, m: Actor) -> list[Any]:
    return [article_id, m.start, m.end, m.text, m.name, m.country, m.org, m.sector, m.office, m.kind]


def _row_to_event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row -> ``Event.to_dict()`` keys (same order) + ``source`` and ``published``."""
    def date(v: Any) -> str | None:
        return v.isoformat() if v is not None else None

    def loads(v: Any) -> Any:
        return json.loads(v) if v is not None else None

    return {
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "sentence_index": row["sentence_index"],
        "span": [row["span_start"], row["span_end"]],
        "evidence": row["evidence"],
        "event": row["event"],
        "mode": row["mode"],
        "context": list(row["context"] or []),
        "quad": row["quad"],
        "intensity": row["intensity"],
        "cameo_root": row["cameo_root"],
        "actor": loads(row["actor"]) or [],
        "recipient": loads(row["recipient"]) or [],
        "status": row["status"],
        "attributed_to": loads(row["attributed_to"]),
        "date": date(row["date"]),
        "date_end": date(row.get("date_end")),
        "date_precision": row["date_precision"],
        "date_text": row["date_text"],
        "historical": row["historical"],
        "location": loads(row["location"]),
        "confidence": row["confidence"],
        "trigger": row["trigger"],
        "source": row["source"],
        "published": date(row["published"]),
    }


class Store:
    """One DuckDB file holding articles, mentions, events and errors.

    Use as a context manager: ``with Store("realpolitik.duckdb") as store: ...``. The schema is
    created or upgraded on open. ``must_exist=True`` refuses to create a new file (for queries).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, must_exist: bool = False):
        self.path = str(path)
        if must_exist and self.path != ":memory:" and not Path(self.path).exists():
            raise RealpolitikError(E_NO_DB, "no database here; create it with `realpolitik ingest PATH --db "
                                   f"{self.path}` or pass the right --db", self.path)
        self.con = self._connect()
        try:
            self.migrate()
        except Exception:
            self.con.close()
            raise

    def _connect(self):
        import duckdb

        try:
            return duckdb.connect(self.path)
        except duckdb.IOException as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise RealpolitikError(E_LOCKED, "the database is in use by another realpolitik process; wait "
                                       "for it to finish or use another --db", self.path) from exc
            raise RealpolitikError(E_BAD_DB, f"cannot open the database ({msg.splitlines()[0]}); "
                                   "pass a DuckDB file or a new file name to --db", self.path) from exc
        except duckdb.Error as exc:
            raise RealpolitikError(E_BAD_DB, f"cannot open the database ({str(exc).splitlines()[0]}); "
                                   "pass a DuckDB file or a new file name to --db", self.path) from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns the names applied now."""
        self.con.execute(MIGRATIONS_TABLE)
        done = {r[0] for r in self.con.execute("SELECT name FROM migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO migrations VALUES (?, ?)", [name, _now()])
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT name FROM migrations ORDER BY name").fetchall()]

    # -- writes ---------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone() is not None

    def stored_ids(self, article_ids: list[str]) -> set[str]:
        """Which of these articles are stored already (one query for a whole batch)."""
        if not article_ids:
            return set()
        rows = self.con.execute("SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                                [list(article_ids)]).fetchall()
        return {r[0] for r in rows}

    def add_coded(self, coded: Any) -> bool:
        """Store one coded article (its article, mentions and events) in one transaction.

        ``coded`` has ``article``, ``events`` and ``mentions``. Returns False, adding nothing, when
        the article is already stored.
        """
        return self.add_coded_many([coded])[0]

    def add_coded_many(self, coded_list: list[Any]) -> list[bool]:
        """Store a small batch of coded articles in one transaction; True for each article added.

        One transaction per batch rather than per article: DuckDB's per-statement cost, not the data,
        dominates small writes. A crash loses at most the batch being written.
        """
        ids = [c.article.article_id for c in coded_list]
        stored = {r[0] for r in self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
        flags, todo = [], []
        for c, aid in zip(coded_list, ids):
            fresh = aid not in stored
            stored.add(aid)
            flags.append(fresh)
            if fresh:
                todo.append(c)
        if not todo:
            return flags
        articles, mentions, events = [], [], {}
        now = _now()
        for c in todo:
            art: Article = c.article
            evs = list(c.events)
            articles.append([art.article_id, art.url, art.source, art.title, _iso_date(art.published, "published"),
                             art.published_from, art.path, art.text, len(evs), now])
            mentions += [_mention_row(art.article_id, m) for m in c.mentions or []]
            for ev in evs:
                row = _event_row(ev, art)
                events.setdefault(row[0], row)  # two identical events in one sentence (same id) are one event
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert_rows("articles", _ARTICLE_COLUMNS, articles)
            self._insert_rows("mentions", _MENTION_COLUMNS, mentions)
            self._insert_rows("events", _EVENT_COLUMNS, list(events.values()), or_ignore=True)
            self.con.execute("COMMIT")
        except BaseException:  # Ctrl-C included: leave no half-written article
            self.con.execute("ROLLBACK")
            raise
        return flags

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[list[Any]],
                     or_ignore: bool = False) -> None:
        # through Arrow: DuckDB binds big parameter lists slowly (executemany ~100 ms per article, this ~2 ms)
        if not rows:
            return
        import pyarrow as pa

        names = [c.strip('"') for c in columns]
        data = pa.table({n: pa.array([r[i] for r in rows], type=_ARROW_TYPES.get(n, pa.string()))
                         for i, n in enumerate(names)})
        self.con.register("_rp_rows", data)
        try:
            verb = "INSERT OR IGNORE INTO" if or_ignore else "INSERT INTO"
            cols = ", ".join(columns)
            self.con.execute(f"{verb} {table} ({cols}) SELECT {cols} FROM _rp_rows")
        finally:
            self.con.unregister("_rp_rows")

    def add_error(self, error: InputError | RealpolitikError, at: dt.datetime | None = None) -> None:
        """Record a failed input once: the same error met again (a re-ingest) only updates its time."""
        key = [error.path, error.line, error.code, error.message]
        seen = self.con.execute(
            'SELECT 1 FROM errors WHERE path IS NOT DISTINCT FROM ? AND line IS NOT DISTINCT FROM ? '
            'AND code = ? AND message = ?', key).fetchone()
        if seen:
            self.con.execute(
                'UPDATE errors SET "at" = ? WHERE path IS NOT DISTINCT FROM ? AND line IS NOT DISTINCT FROM ? '
                'AND code = ? AND message = ?', [at or _now(), *key])
        else:
            self.con.execute("INSERT INTO errors VALUES (?, ?, ?, ?, ?)", [*key, at or _now()])

    def add_skipped(self, items: Iterable[Any], at: dt.datetime | None = None) -> None:
        """Record inputs skipped on purpose (``ingest.Skipped``); one met again (a re-ingest) only updates its time."""
        for s in items:
            key = [s.path, s.line, s.reason]
            where = "path IS NOT DISTINCT FROM ? AND line IS NOT DISTINCT FROM ? AND reason = ?"
            if self.con.execute(f"SELECT 1 FROM skipped WHERE {where}", key).fetchone():
                self.con.execute(f'UPDATE skipped SET "at" = ?, language = ?, confidence = ? WHERE {where}',
                                 [at or _now(), s.language, s.confidence, *key])
            else:
                self.con.execute("INSERT INTO skipped VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 [s.path, s.line, s.article_id, s.reason, s.language, s.confidence, at or _now()])

    def skipped(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = 'SELECT path, line, article_id, reason, language, confidence, "at" FROM skipped ORDER BY path, line'
        return self._dicts(sql + (f" LIMIT {int(limit)}" if limit is not None else ""))

    # -- reads ----------------------------------------------------------------------------
    def _dicts(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def query_events(self, actor: str | None = None, recipient: str | None = None,
                     dyad: tuple[str, str] | None = None, event: str | None = None, status: str | None = None,
                     since: str | None = None, until: str | None = None, limit: int | None = None,
                     both: bool = False, article_id: str | None = None) -> list[dict[str, Any]]:
        """Stored events as ``Event.to_dict()`` + ``source``, ``published``, ordered by event date.

        ``actor``/``recipient`` match any actor code on that side; ``dyad=(A, B)`` is A -> B, and with
        ``both=True`` also B -> A. ``since``/``until`` bound the event date (inclusive); events without
        a date are then left out.
        """
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append("list_contains(actor_codes, ?)")
            params.append(actor.upper())
        if recipient:
            where.append("list_contains(recipient_codes, ?)")
            params.append(recipient.upper())
        if dyad:
            a, b = (c.upper() for c in dyad)
            clause = "(list_contains(actor_codes, ?) AND list_contains(recipient_codes, ?))"
            if both:
                where.append(f"({clause} OR {clause})")
                params += [a, b, b, a]
            else:
                where.append(clause)
                params += [a, b]
        if event:
            if event.upper() not in EVENT_TYPES:
                raise RealpolitikError(E_BAD_FILTER, f"unknown event type {event!r}; use one of "
                                       f"{', '.join(EVENT_TYPES)}")
            where.append("event = ?")
            params.append(event.upper())
        if status:
            if status.lower() not in STATUSES:
                raise RealpolitikError(E_BAD_FILTER, f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
            where.append("status = ?")
            params.append(status.lower())
        for op, value, name in ((">=", since, "since"), ("<=", until, "until")):
            if value:
                from ..ingest.dates import normalise_published

                iso = normalise_published(value)
                if iso is None:
                    raise RealpolitikError(E_BAD_FILTER, f"--{name} {value!r} is not a date; use YYYY-MM-DD")
                where.append(f"date {op} CAST(? AS DATE)")
                params.append(iso)
        if article_id:
            where.append("article_id = ?")
            params.append(article_id)
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, published NULLS LAST, article_id, span_start, event_id"
        if limit is not None:
            if limit < 0:
                raise RealpolitikError(E_BAD_FILTER, f"--limit {limit} must be 0 or more")
            sql += f" LIMIT {int(limit)}"
        return [_row_to_event_dict(r) for r in self._dicts(sql, params)]

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, mentions, events, errors."""
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "mentions", "events", "errors")}

    def errors(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = 'SELECT path, line, code, message, "at" FROM errors ORDER BY "at", path, line'
        return self._dicts(sql + (f" LIMIT {int(limit)}" if limit is not None else ""))

    def summary(self, top: int = 10, examples: int = 5) -> dict[str, Any]:
        """Data for the demo: counts, events per type, most active dyads, a few events with evidence."""
        by_type = self._dicts(
            "SELECT event, any_value(quad) AS quad, count(*) AS n, "
            "count(*) FILTER (WHERE status = 'asserted') AS asserted "
            "FROM events GROUP BY event ORDER BY n DESC, event")
        dyads = self._dicts(
            "SELECT a.code AS actor, r.code AS recipient, count(DISTINCT e.event_id) AS n, "
            "string_agg(DISTINCT e.event, ', ' ORDER BY e.event) AS events "
            "FROM events e, unnest(e.actor_codes) AS a(code), unnest(e.recipient_codes) AS r(code) "
            "WHERE a.code <> r.code GROUP BY a.code, r.code ORDER BY n DESC, actor, recipient "
            f"LIMIT {int(top)}")
        # the most confident asserted event of each type, so the sample shows the range of events
        rows = self._dicts(
            "SELECT * FROM events WHERE status = 'asserted' "
            "QUALIFY row_number() OVER (PARTITION BY event ORDER BY confidence DESC, event_id) = 1 "
            f"ORDER BY confidence DESC, event, event_id LIMIT {int(examples)}")
        return {"counts": self.counts(), "events_by_type": by_type, "top_dyads": dyads,
                "examples": [_row_to_event_dict(r) for r in rows]}
