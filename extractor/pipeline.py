"""The pipeline: repair → clean → tokenize → normalise → extract → ArticleFacts.

:class:`Extractor` loads the pattern files and the tokenizer once; reuse one instance for
many articles (``Extractor().pipe(texts)``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from extractor import clean, patterns, repair, text
from extractor.corpus import relevance
from extractor.document import Article
from extractor.extractors import dates as date_extractor
from extractor.extractors import officials, quotes, sanctions, statistics
from extractor.models import ArticleFacts, Span, Warning, warn
from extractor.normalize import numbers

#: default limit on input size; longer texts are cut with a warning
MAX_CHARS = 1_000_000


class Extractor:
    """Loads patterns and the tokenizer once; turns article texts into :class:`ArticleFacts`."""

    def __init__(self, *, max_chars: int = MAX_CHARS) -> None:
        patterns.validate_all()
        self.nlp = text.make_nlp()
        self.max_chars = max_chars

    # -- one article -------------------------------------------------------------
    def extract(
        self,
        text_: str,
        *,
        doc_id: str | None = None,
        published: str | dt.date | dt.datetime | None = None,
    ) -> ArticleFacts:
        """Extract the facts of one article. ``published`` sets the reference date."""
        if isinstance(text_, bytes | bytearray):
            raise TypeError(
                "extract() takes str; decode bytes first (or use extractor.io.read_text)"
            )
        if not isinstance(text_, str):
            raise TypeError(f"extract() takes str, not {type(text_).__name__}")
        warnings: list[Warning] = []
        original = text_
        if len(original) > self.max_chars:
            warnings.append(
                warn(
                    "truncated",
                    f"text has {len(original):,} characters; "
                    f"only the first {self.max_chars:,} were analysed",
                )
            )
            original = original[: self.max_chars]
        if not original.strip():
            warnings.append(warn("no_text", "the text is empty or only white space"))
        fixed = repair.repair(original)
        art = Article(text=fixed.text, doc_id=doc_id, warnings=warnings + fixed.warnings)
        art.published = _iso(published)
        self._analyse(art)
        facts = self._assemble(art)
        if not fixed.identity:
            _remap(facts, fixed)
        return facts

    def _analyse(self, art: Article) -> None:
        clean.analyse_layout(art)
        text.analyse(art, self.nlp)
        numbers.find_numbers(art)
        date_extractor.resolve(art)
        art.officials = officials.extract(art)
        art.quotes = quotes.extract(art)
        art.sanctions = sanctions.extract(art)
        art.statistics = statistics.extract(art)

    @staticmethod
    def _assemble(art: Article) -> ArticleFacts:
        lay = art.layout
        return ArticleFacts(
            doc_id=art.doc_id,
            headline=lay.headline,
            outlet=lay.outlet,
            dateline=lay.dateline,
            published=art.published or lay.published,
            reference_date=art.reference_date.isoformat() if art.reference_date else None,
            officials=art.officials,
            quotes=art.quotes,
            sanctions=art.sanctions,
            statistics=art.statistics,
            dates=art.dates,
            relevance=relevance.score(art.text),
            warnings=art.warnings,
        )

    # -- many articles -----------------------------------------------------------
    def pipe(
        self,
        items: Iterable[Any],
        *,
        n_process: int = 1,
        batch_size: int = 64,
        as_tuples: bool = False,
    ) -> Iterator[Any]:
        """Stream ArticleFacts for texts or ``{"id", "text", "published"}`` records, in order.

        With ``as_tuples=True`` (as in spaCy) the items are ``(text_or_record, context)``
        pairs and ``(facts, context)`` pairs come back. A record without ``text`` is a
        ValueError naming its fields; empty text gives facts with a ``no_text`` warning.
        """
        if n_process == 1:
            for i, item in enumerate(items):
                if as_tuples:
                    obj, context = _pair(item, i)
                    yield self._extract_item(obj, i), context
                else:
                    yield self._extract_item(item, i)
            return
        from extractor.parallel import pipe as parallel_pipe

        yield from parallel_pipe(
            items, n_process=n_process, chunk_size=batch_size, extractor=self, as_tuples=as_tuples
        )

    def _extract_item(self, item: str | Mapping[str, Any], i: int) -> ArticleFacts:
        """One item of :meth:`pipe`: a text (doc id = its index) or a record."""
        if isinstance(item, str):
            return self.extract(item, doc_id=str(i))
        if isinstance(item, tuple):
            raise TypeError(
                f"pipe() item {i} is a tuple; pass as_tuples=True for (text, context) pairs"
            )
        if not isinstance(item, Mapping):
            raise TypeError(
                f"pipe() item {i} is {type(item).__name__}; give a str or a dict with 'text'"
            )
        doc_id = next((item[k] for k in ("id", "doc_id") if item.get(k) is not None), i)
        if "text" not in item:
            fields = ", ".join(map(str, item)) or "none"
            raise ValueError(
                f"pipe() record {i} (id {doc_id!r}) has no 'text' field (its fields: {fields}); "
                "put the article text under 'text'"
            )
        body = item["text"]
        if body is not None and not isinstance(body, str):
            raise TypeError(
                f"pipe() record {i} (id {doc_id!r}): 'text' is {type(body).__name__}, not str"
            )
        try:
            return self.extract(body or "", doc_id=str(doc_id), published=item.get("published"))
        except ValueError as exc:  # a published date that cannot be read
            raise ValueError(f"pipe() record {i} (id {doc_id!r}): {exc}") from None


def _pair(item: Any, i: int) -> tuple[Any, Any]:
    """``(item, context)`` of an ``as_tuples`` item, or a TypeError that says what came."""
    if isinstance(item, tuple | list) and len(item) == 2:
        return item[0], item[1]
    raise TypeError(
        f"as_tuples=True needs (item, context) pairs; item {i} is {type(item).__name__}"
    )


def _iso(value: str | dt.date | dt.datetime | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    from extractor.normalize.dates import parse_published

    iso = parse_published(str(value))
    if iso is None:
        raise ValueError(f"cannot read published date {value!r}; use ISO 8601 such as 2024-04-18")
    return iso


def _remap(facts: ArticleFacts, fixed: repair.Repaired) -> None:
    """Point every span back into the text as given (records keep the repaired text)."""

    def fix(span: Span | None) -> None:
        if span is None:
            return
        span.start, span.end = fixed.span_to_original(span.start, span.end)
        span.text = fixed.original[span.start : span.end]

    for span in facts.spans():
        fix(span)


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide Extractor used by :func:`extractor.extract`."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(
    text_: str,
    *,
    doc_id: str | None = None,
    published: str | dt.date | dt.datetime | None = None,
) -> ArticleFacts:
    """Extract the facts of one article with a shared :class:`Extractor`."""
    return default_extractor().extract(text_, doc_id=doc_id, published=published)
