"""Extractor stub: statistics (to be implemented)."""

from __future__ import annotations

from extractor.document import Article


def extract(art: Article) -> list:
    return []
