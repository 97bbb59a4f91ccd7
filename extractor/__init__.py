"""extractor: typed, traceable facts from Indonesian news about civil-servant neutrality.

>>> import extractor
>>> facts = extractor.extract(text, doc_id="a1")        # doctest: +SKIP
>>> [(q.speaker, q.text) for q in facts.quotes]          # doctest: +SKIP

The public API is small: :func:`extract`, :class:`Extractor`, the record models and the
normalisers (:mod:`extractor.normalize`). Importing this package is cheap: spaCy and the
pattern files load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_MODELS = (
    "ArticleFacts",
    "DateMention",
    "Official",
    "Quote",
    "Sanction",
    "Span",
    "Statistic",
    "Warning",
)
__all__ = [
    "ArticleFacts",
    "DateMention",
    "Extractor",
    "Official",
    "Quote",
    "Sanction",
    "Span",
    "Statistic",
    "Warning",
    "__version__",
    "extract",
]

if TYPE_CHECKING:  # pragma: no cover
    from extractor.models import (
        ArticleFacts,
        DateMention,
        Official,
        Quote,
        Sanction,
        Span,
        Statistic,
        Warning,
    )
    from extractor.pipeline import Extractor, extract


def __getattr__(name: str) -> Any:
    if name in ("extract", "Extractor"):
        from extractor import pipeline

        return getattr(pipeline, name)
    if name in _MODELS:
        from extractor import models

        return getattr(models, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
