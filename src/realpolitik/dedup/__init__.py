"""Reports -> stories: one real-world event, many reports of it."""
from __future__ import annotations

from .schema import ensure_schema
from .settings import DEFAULT, DedupSettings
from .stories import (block_key, date_interval, rebuild_stories, reports_match, story_id_for, sync_stories,
                      update_stories)

__all__ = ["DEFAULT", "DedupSettings", "block_key", "date_interval", "ensure_schema", "rebuild_stories",
           "reports_match", "story_id_for", "sync_stories", "update_stories"]
