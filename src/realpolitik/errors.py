"""Coded errors with messages that tell the user what was wrong and what to do."""
from __future__ import annotations


class RealpolitikError(Exception):
    """An error shown to the user with its code, e.g. ``E101: ...``."""

    def __init__(self, code: str, message: str, path: str | None = None, line: int | None = None):
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{code}: {where}{message}")


class InputError(RealpolitikError):
    """An input article that cannot be read; it is recorded and skipped, never stops a batch."""
