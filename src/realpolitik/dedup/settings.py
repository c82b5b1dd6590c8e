"""Thresholds for merging reports into stories: defaults here, callers may override."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DedupSettings:
    # content-word Jaccard of trigger + evidence needed to merge two reports from different articles
    min_similarity: float = 0.15
    # when both reports are dated to the same day, date + type + dyad already say a lot
    min_similarity_same_day: float = 0.05
    # an undated report may join a report published at most this many days apart
    undated_publish_window_days: int = 3
    # day-precision dates this many days apart still match (time zones, "yesterday" vs the dateline)
    day_tolerance: int = 1


DEFAULT = DedupSettings()
