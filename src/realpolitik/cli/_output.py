"""Output options shared by the commands: table (rich), JSONL, JSON, CSV, Parquet; stdout or ``-o FILE``.

Error codes (E140-E149): E140 the output file exists (pass --force), E141 the format needs ``-o FILE``,
E142 the format is not offered by this command.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import typer

from ..errors import RealpolitikError
from ..time.intervals import date_label

FORMATS = ("table", "jsonl", "json", "csv", "parquet")
EXIT_OK, EXIT_PARTIAL, EXIT_FATAL = 0, 1, 2
EXIT_CODES_HELP = ("Exit codes: 0 ok; 1 some inputs failed (listed on stderr; the others were used); "
                   "2 usage or fatal error; 130 interrupted (ingest: run it again to resume).")


def fail(err: RealpolitikError) -> typer.Exit:
    """Print a fatal error on stderr; ``raise fail(err)`` ends the command with exit code 2."""
    typer.echo(f"Error {err}", err=True)
    return typer.Exit(EXIT_FATAL)


def error_line(err: RealpolitikError) -> str:
    """``file:line: E107 message``: the form editors and terminals link to."""
    where = f"{err.path}:{err.line}" if err.line else (err.path or "-")
    return f"{where}: {err.code} {err.message}"


def check_output(fmt: str, output: Path | None, force: bool, allowed: Sequence[str] = FORMATS) -> None:
    """Validate format and output file before any work is done (raises RealpolitikError)."""
    if fmt not in allowed:
        raise RealpolitikError("E142", f"--format {fmt!r} is not offered here; use one of {', '.join(allowed)}")
    if fmt == "parquet" and output is None:
        raise RealpolitikError("E141", "Parquet is a binary format; write it to a file with -o FILE.parquet")
    if output is not None and output.exists() and not force:
        raise RealpolitikError("E140", "the output file exists; pass --force to overwrite it", str(output))


def _nested(value: Any) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, (list, tuple)) and any(isinstance(v, (dict, list, tuple)) for v in value)


def flat_rows(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Columns holding objects or lists of objects become JSON text in every row (one type per column,
    as Parquet needs); lists of plain values stay lists."""
    rows = [dict(r) for r in records]
    nested = {k for r in rows for k, v in r.items() if _nested(v)}
    for r in rows:
        for k in nested:
            if r.get(k) is not None:
                r[k] = json.dumps(r[k], ensure_ascii=False)
    return rows


def _csv_text(rows: list[dict[str, Any]], columns: Sequence[str] | None) -> str:
    cols = list(columns or (rows[0].keys() if rows else []))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if cols:
        writer.writerow(cols)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else
                         (json.dumps(r[c], ensure_ascii=False) if isinstance(r[c], (list, tuple)) else r[c])
                         for c in cols])
    return buf.getvalue()


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")


def console(file=None):
    from rich.console import Console

    out = file or sys.stdout
    # off a terminal rich would wrap at 80 columns; a wider table reads better in files and pipes
    return Console(file=out, width=None if out.isatty() else 160, soft_wrap=False)


def write_records(records: list[dict[str, Any]], fmt: str, output: Path | None = None, *,
                  columns: Sequence[str] | None = None,
                  table: Sequence[tuple[str, Callable[[dict[str, Any]], str], dict[str, Any]]] | None = None,
                  title: str | None = None, flatten: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> None:
    """Write records in ``fmt`` to stdout or ``output`` (call ``check_output`` first).

    ``table`` lists (header, cell function, rich column options) for the table format; ``flatten``
    turns a record into its flat CSV/Parquet row; ``columns`` fixes the CSV header when there are no rows.
    """
    if fmt == "jsonl":
        _write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), output)
    elif fmt == "json":
        _write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt in ("csv", "parquet"):
        rows = flat_rows(flatten(r) for r in records) if flatten else flat_rows(records)
        if fmt == "csv":
            _write_text(_csv_text(rows, columns), output)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if rows:
                tbl = pa.Table.from_pylist(rows)
            else:
                tbl = pa.table({c: pa.array([], pa.string()) for c in (columns or [])})
            pq.write_table(tbl, str(output))
    elif fmt == "table":
        from rich.table import Table

        spec = table or [(k, (lambda r, k=k: "" if r.get(k) is None else str(r.get(k))), {})
                         for k in (columns or (records[0].keys() if records else []))]
        t = Table(title=title, show_lines=False, header_style="bold")
        for header, _, opts in spec:
            t.add_column(header, **opts)
        for r in records:
            t.add_row(*(fn(r) for _, fn, _ in spec))
        if output is None:
            console().print(t)
        else:
            with output.open("w", encoding="utf-8") as fh:
                console(fh).print(t)
    else:  # pragma: no cover - check_output refuses it first
        raise RealpolitikError("E142", f"unknown format {fmt!r}")


# -- events ---------------------------------------------------------------------------------------
EVENT_CSV_FIRST = ("event_id", "date", "actor_codes", "event", "recipient_codes", "status")


def actor_label(actors: list[dict[str, Any]] | None) -> str:
    """``RUS GOV+IRN GOV``: codes with sectors, compact enough for a table cell."""
    parts = []
    for a in actors or []:
        code = a.get("country") or a.get("org") or "UNK"
        parts.append(f"{code} {a['sector']}" if a.get("sector") else code)
    return "+".join(parts)


def flat_event(d: dict[str, Any]) -> dict[str, Any]:
    """An event's CSV/Parquet row: the codes first, then every JSONL field (nested ones as JSON text)."""
    codes = {
        "actor_codes": ";".join((a.get("country") or a.get("org") or "UNK") for a in d.get("actor") or []),
        "recipient_codes": ";".join((a.get("country") or a.get("org") or "UNK") for a in d.get("recipient") or []),
    }
    row = {k: (codes[k] if k in codes else d.get(k)) for k in EVENT_CSV_FIRST}
    row.update((k, v) for k, v in d.items() if k not in row)
    return row


def _status_cell(d: dict[str, Any]) -> str:
    att = d.get("attributed_to")
    if att:
        return f"{d.get('status')} ({att.get('country') or att.get('org') or att.get('text')})"
    return str(d.get("status"))


def _evidence_cell(d: dict[str, Any], width: int = 90) -> str:
    ev = " ".join(str(d.get("evidence") or "").split())
    return ev if len(ev) <= width else ev[: width - 1] + "…"


EVENT_TABLE = [
    ("date", lambda d: date_label(d.get("date"), d.get("date_end"), d.get("date_precision")), {"no_wrap": True}),
    ("actor", lambda d: actor_label(d.get("actor")), {}),
    ("event", lambda d: str(d.get("event")), {"no_wrap": True}),
    ("recipient", lambda d: actor_label(d.get("recipient")), {}),
    ("status", _status_cell, {}),
    ("evidence", _evidence_cell, {"no_wrap": True, "overflow": "ellipsis"}),
]


def write_events(events: list[dict[str, Any]], fmt: str, output: Path | None = None, title: str | None = None) -> None:
    columns = list(EVENT_CSV_FIRST) + [k for k in ("event_id", "article_id", "sentence_index", "span", "evidence",
                                                   "event", "mode", "context", "quad", "intensity", "cameo_root",
                                                   "actor", "recipient", "status", "attributed_to", "date",
                                                   "date_end", "date_precision", "date_text", "historical", "location",
                                                   "confidence", "trigger", "source", "published")
                                       if k not in EVENT_CSV_FIRST]
    write_records(events, fmt, output, columns=columns, table=EVENT_TABLE, title=title, flatten=flat_event)


def write_metrics(data: dict[str, Any], keys: Sequence[str], fmt: str, title: str) -> None:
    """An evaluation's figures: the whole dict as JSON, or the named keys as a two-column table."""
    if fmt == "json":
        typer.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in keys:
        value = data[key]
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    console().print(table)
