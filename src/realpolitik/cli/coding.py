"""`realpolitik code` (articles -> events on stdout) and `realpolitik ingest` (articles -> DuckDB)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..errors import InputError, RealpolitikError
from . import app
from ._output import EXIT_CODES_HELP, EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, check_output, error_line, fail, write_events

EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C


def skipped_line(skip) -> str:
    """``file:line: skipped, not English (de, confidence 0.99)``."""
    where = f"{skip.path}:{skip.line}" if skip.line is not None else skip.path
    return f"{where}: skipped, {skip.describe()}"

FILES_HELP = "Article files or folders (.txt .md .html .json .jsonl .warc .warc.gz .wet .wet.gz)."
PUBLISHED_HELP = "Publication date (YYYY-MM-DD) for articles whose metadata carries none."
NER_HELP = "Also run spaCy's entity recogniser (slower; our tables find the actors without it)."
ACTORS_HELP = "Your own actor table (offices.tsv format, .tsv) or a PETRARCH/Phoenix dictionary; repeatable."


@app.command("code", epilog=EXIT_CODES_HELP)
def code_command(
    files: List[Path] = typer.Argument(..., help=FILES_HELP),
    published: Optional[str] = typer.Option(None, "--published", help=PUBLISHED_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table, jsonl or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite the --output file if it exists."),
    actors: List[Path] = typer.Option([], "--actors", help=ACTORS_HELP),
    ner: bool = typer.Option(False, "--ner", help=NER_HELP),
) -> None:
    """Code articles into events and print them; nothing is stored.

    Example:

        realpolitik code article.txt --published 2025-01-17 --format jsonl
    """
    from .. import pipeline  # noqa: F401 - a broken install fails before any file is read
    from ..batch import code_chunk
    from ..ingest import ReadReport, read_paths

    from ..actors import load_actor_tables
    from ..nlp import use_ner

    if ner:
        use_ner(True)
    try:
        check_output(fmt, output, force, allowed=("table", "jsonl", "json"))
        load_actor_tables(actors)
        report = ReadReport()
        items = read_paths(files, published, report=report)
    except RealpolitikError as exc:
        raise fail(exc)
    events, failed, chunk = [], 0, []

    def flush() -> None:
        nonlocal failed
        for res in code_chunk(chunk):
            if hasattr(res, "events"):
                src = {"source": res.article.source, "published": res.article.published}
                events.extend({**ev.to_dict(), **src} for ev in res.events)
            else:
                typer.echo(error_line(res.error()), err=True)
                failed += 1
        chunk.clear()

    for item in items:
        if isinstance(item, InputError):
            typer.echo(error_line(item), err=True)
            failed += 1
            continue
        chunk.append(item)
        if len(chunk) >= 16:
            flush()
    if chunk:
        flush()
    for skip in report.listed:
        typer.echo(skipped_line(skip), err=True)
    if report.total:
        typer.echo(f"skipped {report.describe()}", err=True)
    for note in report.notes:
        typer.echo(note, err=True)
    write_events(events, fmt, output)
    raise typer.Exit(EXIT_PARTIAL if failed else EXIT_OK)


@app.command("ingest", epilog=EXIT_CODES_HELP)
def ingest_command(
    paths: List[Path] = typer.Argument(..., help=FILES_HELP),
    db: Path = typer.Option(Path("realpolitik.duckdb"), "--db", help="The DuckDB file (created if missing)."),
    published: Optional[str] = typer.Option(None, "--published", help=PUBLISHED_HELP),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes that code articles in parallel."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
    actors: List[Path] = typer.Option([], "--actors", help=ACTORS_HELP),
    ner: bool = typer.Option(False, "--ner", help=NER_HELP),
) -> None:
    """Read, code and store articles in a DuckDB file; articles already stored are skipped.

    Unreadable files are listed on stderr (file:line: code message), kept in the errors table, skipped.

    An interrupted ingest resumes where it stopped when run again.

    Example:

        realpolitik ingest articles/ --db news.duckdb --workers 2
    """
    from ..batch import ingest_paths
    from ..nlp import use_ner

    if ner:
        use_ner(True)  # the worker processes inherit the setting through the environment
    try:
        summary = ingest_paths(paths, db=str(db), published=published, workers=workers, progress=progress,
                               actor_tables=actors)
    except RealpolitikError as exc:
        raise fail(exc)
    for err in summary.errors:
        typer.echo(error_line(err), err=True)
    for skip in summary.read.listed:
        typer.echo(skipped_line(skip), err=True)
    typer.echo(summary.line())
    if summary.interrupted:
        typer.echo("Interrupted: what is stored stays stored; run the same command again to resume.", err=True)
        raise typer.Exit(EXIT_INTERRUPTED)
    raise typer.Exit(EXIT_PARTIAL if summary.failed else EXIT_OK)


__all__ = ["code_command", "ingest_command", "EXIT_FATAL"]
