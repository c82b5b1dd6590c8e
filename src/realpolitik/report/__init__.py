"""The self-contained HTML report and the charts it shares with the CLI."""
from __future__ import annotations

from .html import build_report, main_dyads, write_report

__all__ = ["build_report", "main_dyads", "write_report"]
