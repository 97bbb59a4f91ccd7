"""Stub: Indonesian dates (to be implemented)."""

from __future__ import annotations

import datetime as dt


def parse_date(text: str, reference: dt.date | None = None):
    return None


def parse_published(text: str) -> str | None:
    try:
        return dt.datetime.fromisoformat(text).isoformat(timespec="minutes") if "T" in text else dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None
