"""The `realpolitik` command: thin typer commands over the importable API.

Each area keeps its commands in its own module and registers them on ``app``;
importing the modules below is what adds them.
"""
from __future__ import annotations

import logging
import sys

import typer

from ..errors import RealpolitikError

app = typer.Typer(
    name="realpolitik",
    help="Turn news articles into a sourced, dated, deduplicated record of PLOVER political events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score realpolitik against the gold sets in ../shared/gold.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details to stderr.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    import importlib

    for name in ("coding", "query", "resolve", "evaluation", "timecmd", "analyse"):
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            # an area whose module is not written yet simply has no commands
            if exc.name != f"{__name__}.{name}":
                raise


def main() -> None:
    _register()
    try:
        app()
    except RealpolitikError as exc:
        typer.echo(f"Error {exc}", err=True)
        sys.exit(2)
