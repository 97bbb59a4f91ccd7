"""Stub: Indonesian numbers (to be implemented)."""

from __future__ import annotations

from extractor.document import Article


def parse_number(text: str) -> int | float | None:
    return None


def find_numbers(art: Article) -> None:
    art.numbers = []
