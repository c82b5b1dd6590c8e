"""Where ../shared is, and how a test behaves when a file there is missing (skip locally, fail in CI)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REALPOLITIK_SHARED", REPO.parent / "shared"))


def shared_file(relative: str) -> Path:
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI needs ../shared beside the clone (or REALPOLITIK_SHARED)")
        pytest.skip(f"{path} is missing")
    return path
