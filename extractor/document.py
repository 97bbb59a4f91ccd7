"""The analysed article that flows through the pipeline.

Each stage reads what the earlier stages put here and adds its own part; extractors are
functions ``Article -> list[record]``. All offsets here index ``Article.text`` (the
repaired text); the pipeline maps them back to the caller's text at the very end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractor.models import (
    DateMention,
    Official,
    Quote,
    Sanction,
    Span,
    Statistic,
    Warning,
    warn,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from extractor.clauses.layer import ClauseLayer


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch ``[start, end)`` of the text with what the cleaner took it for."""

    start: int
    end: int
    kind: str  # headline | body | caption | boilerplate | byline | stamp | dateline


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of article body text; ``paragraph`` indexes ``Article.paragraphs``."""

    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class NumberMention:
    """A number found in the body, normalised (``2.034`` → 2034, ``ratusan`` → 100 approx.)."""

    start: int
    end: int
    value: int | float
    approximate: bool = False
    percent: bool = False
    money: bool = False


@dataclass(slots=True)
class Layout:
    """What the cleaner found: regions plus the header facts (headline, outlet, dateline …)."""

    regions: list[Region] = field(default_factory=list)
    headline: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None  # ISO date/datetime from a publication stamp
    published_span: tuple[int, int] | None = None

    def of_kind(self, *kinds: str) -> list[Region]:
        return [r for r in self.regions if r.kind in kinds]


@dataclass(slots=True)
class Article:
    """One article under analysis."""

    text: str
    doc_id: str | None = None
    layout: Layout = field(default_factory=Layout)
    paragraphs: list[Region] = field(default_factory=list)  # body and caption paragraphs, in order
    sentences: list[Sentence] = field(default_factory=list)
    doc: Doc | None = None
    tokens: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of every token
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    published: str | None = None
    reference_date: dt.date | None = None
    officials: list[Official] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    clauses: ClauseLayer | None = None  # built on first use by extractor.clauses.layer

    def span(self, start: int, end: int) -> Span:
        """A Span over ``text[start:end]`` (in analysed coordinates; remapped at the end)."""
        return Span(start=start, end=end, text=self.text[start:end])

    def warn(
        self, code: str, message: str, start: int | None = None, end: int | None = None
    ) -> None:
        """Add a warning (codes: ``models.WARNING_CODES``), at ``text[start:end]`` if given."""
        span = None if start is None or end is None else self.span(start, end)
        self.warnings.append(warn(code, message, span))

    def body_sentences(self) -> list[Sentence]:
        """Sentences of body paragraphs only (captions excluded)."""
        return [s for s in self.sentences if self.paragraphs[s.paragraph].kind == "body"]
