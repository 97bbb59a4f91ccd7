"""Extractor stub: dates (to be implemented)."""

from __future__ import annotations

from extractor.document import Article


def resolve(art: Article) -> None:
    """Find every DateMention in the body and set ``art.reference_date``."""
    art.dates = []
