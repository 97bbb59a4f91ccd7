"""Flat tables of facts, keyed by ``doc_id``, for pandas, polars, DuckDB and Parquet.

One :class:`~extractor.models.ArticleFacts` becomes one row of ``articles`` and one row per
record in ``officials``, ``quotes``, ``sanctions``, ``statistics`` and ``dates``; articles
that failed go to ``errors``. Every table has a fixed Arrow schema, so an empty table (or an
empty Parquet part) still carries its column types and parts always concatenate.

>>> tables = extract_frame(df)                     # doctest: +SKIP
>>> tables["officials"].merge(tables["articles"], on="doc_id")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from extractor.models import ArticleFacts, Span

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

    from extractor.pipeline import Extractor

#: the fact tables, in the order they are written; ``errors`` comes on top of these
FACT_TABLES = ("articles", "officials", "quotes", "sanctions", "statistics", "dates")
TABLES = (*FACT_TABLES, "errors")

_S, _I, _F, _B, _LS, _LI = "string", "int64", "float64", "bool", "list<string>", "list<int64>"

#: column name → Arrow type name, per table (the contract of the Parquet output)
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "doc_id": _S, "headline": _S, "outlet": _S, "dateline": _S, "published": _S,
        "reference_date": _S, "url": _S, "n_officials": _I, "n_quotes": _I,
        "n_sanctions": _I, "n_statistics": _I, "n_dates": _I, "warnings": _LS,
    },
    "officials": {
        "doc_id": _S, "idx": _I, "name": _S, "aliases": _LS, "position": _S,
        "organization": _S, "region": _S, "n_mentions": _I, "mention_starts": _LI,
        "mention_ends": _LI,
    },
    "quotes": {
        "doc_id": _S, "idx": _I, "kind": _S, "text": _S, "speaker": _S, "cue": _S,
        "start": _I, "end": _I, "speaker_start": _I, "speaker_end": _I,
    },
    "sanctions": {
        "doc_id": _S, "idx": _I, "type": _S, "severity": _S, "status": _S, "text": _S,
        "start": _I, "end": _I,
    },
    "statistics": {
        "doc_id": _S, "idx": _I, "value": _F, "approximate": _B, "unit": _S, "measure": _S,
        "topic": _S, "year": _I, "as_of": _S, "region": _S, "source": _S, "text": _S,
        "start": _I, "end": _I,
    },
    "dates": {
        "doc_id": _S, "idx": _I, "text": _S, "value": _S, "granularity": _S, "relative": _B,
        "start": _I, "end": _I,
    },
    "errors": {"doc_id": _S, "error_type": _S, "message": _S, "source": _S},
}  # fmt: skip


def _span(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (None, None, None) if span is None else (span.start, span.end, span.text)


def facts_to_rows(
    facts: ArticleFacts, *, url: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The rows one article contributes to each fact table (``errors`` is never touched)."""
    doc = facts.doc_id
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "doc_id": doc,
                "headline": facts.headline,
                "outlet": facts.outlet,
                "dateline": facts.dateline,
                "published": facts.published,
                "reference_date": facts.reference_date,
                "url": url,
                "n_officials": len(facts.officials),
                "n_quotes": len(facts.quotes),
                "n_sanctions": len(facts.sanctions),
                "n_statistics": len(facts.statistics),
                "n_dates": len(facts.dates),
                "warnings": list(facts.warnings),
            }
        ],
        "officials": [],
        "quotes": [],
        "sanctions": [],
        "statistics": [],
        "dates": [],
    }
    for i, o in enumerate(facts.officials):
        rows["officials"].append(
            {
                "doc_id": doc,
                "idx": i,
                "name": o.name,
                "aliases": list(o.aliases),
                "position": o.position,
                "organization": o.organization,
                "region": o.region,
                "n_mentions": len(o.mentions),
                "mention_starts": [m.start for m in o.mentions],
                "mention_ends": [m.end for m in o.mentions],
            }
        )
    for i, q in enumerate(facts.quotes):
        start, end, _ = _span(q.span)
        s_start, s_end, _ = _span(q.speaker_span)
        rows["quotes"].append(
            {
                "doc_id": doc,
                "idx": i,
                "kind": _enum(q.kind),
                "text": q.text,
                "speaker": q.speaker,
                "cue": q.cue,
                "start": start,
                "end": end,
                "speaker_start": s_start,
                "speaker_end": s_end,
            }
        )
    for i, s in enumerate(facts.sanctions):
        start, end, text = _span(s.span)
        rows["sanctions"].append(
            {
                "doc_id": doc,
                "idx": i,
                "type": _enum(s.type),
                "severity": _enum(s.severity),
                "status": _enum(s.status),
                "text": text,
                "start": start,
                "end": end,
            }
        )
    for i, st in enumerate(facts.statistics):
        start, end, text = _span(st.span)
        rows["statistics"].append(
            {
                "doc_id": doc,
                "idx": i,
                "value": float(st.value),
                "approximate": st.approximate,
                "unit": _enum(st.unit),
                "measure": _enum(st.measure),
                "topic": _enum(st.topic),
                "year": st.year,
                "as_of": st.as_of,
                "region": st.region,
                "source": st.source,
                "text": text,
                "start": start,
                "end": end,
            }
        )
    for i, d in enumerate(facts.dates):
        start, end, _ = _span(d.span)
        rows["dates"].append(
            {
                "doc_id": doc,
                "idx": i,
                "text": d.text,
                "value": d.value,
                "granularity": _enum(d.granularity),
                "relative": d.relative,
                "start": start,
                "end": end,
            }
        )
    return rows


def _enum(value: Any) -> Any:
    """Enum members as their value (models use ``use_enum_values``, but be safe)."""
    return getattr(value, "value", value)


def error_row(
    doc_id: str, error_type: str, message: str, source: str | None = None
) -> dict[str, Any]:
    """One row of the ``errors`` table."""
    return {"doc_id": doc_id, "error_type": error_type, "message": message, "source": source}


class TableBuilder:
    """Collects rows for every table and turns them into Arrow tables with fixed schemas."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}

    def add_facts(self, facts: ArticleFacts, *, url: str | None = None) -> None:
        self.add_rows(facts_to_rows(facts, url=url))

    def add_rows(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        for name, part in rows.items():
            self.rows[name].extend(part)

    def add_error(
        self, doc_id: str, error_type: str, message: str, source: str | None = None
    ) -> None:
        self.rows["errors"].append(error_row(doc_id, error_type, message, source))

    def __len__(self) -> int:
        return len(self.rows["articles"]) + len(self.rows["errors"])

    def to_arrow(self) -> dict[str, pa.Table]:
        return {name: arrow_table(name, rows) for name, rows in self.rows.items()}

    def to_pandas(self) -> dict[str, pd.DataFrame]:
        return {name: table.to_pandas() for name, table in self.to_arrow().items()}


def schema(name: str) -> pa.Schema:
    """The Arrow schema of table ``name``."""
    import pyarrow as pa

    types = {
        _S: pa.string(),
        _I: pa.int64(),
        _F: pa.float64(),
        _B: pa.bool_(),
        _LS: pa.list_(pa.string()),
        _LI: pa.list_(pa.int64()),
    }
    return pa.schema([pa.field(col, types[t]) for col, t in COLUMNS[name].items()])


def arrow_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of table ``name`` as an Arrow table with its fixed schema (empty rows allowed)."""
    import pyarrow as pa

    # the same table as column lists would give, built in one pass without the lists
    return pa.Table.from_pylist(rows, schema=schema(name))


def facts_to_tables(
    facts: Iterable[ArticleFacts], *, urls: Iterable[str | None] | None = None
) -> dict[str, pd.DataFrame]:
    """pandas DataFrames (one per table, ``errors`` empty) for ArticleFacts already extracted."""
    builder = TableBuilder()
    url_iter: Iterator[str | None] = iter(urls) if urls is not None else iter(())
    for f in facts:
        builder.add_facts(f, url=next(url_iter, None))
    return builder.to_pandas()


def extract_frame(
    df: pd.DataFrame,
    *,
    id_field: str = "id",
    text_field: str = "text",
    published_field: str = "published",
    url_field: str = "url",
    extractor: Extractor | None = None,
) -> dict[str, pd.DataFrame]:
    """Extract every row of ``df`` and return the flat tables as pandas DataFrames.

    ``df`` needs a text column; the id column is optional (the row index is used), and so
    are the published and url columns. A row that fails (non-string text, unreadable date …)
    becomes a row of ``errors`` and the others go on. For many rows, run
    ``python -m extractor batch`` or :mod:`extractor.dask` instead: this runs in-process.
    """
    if text_field not in df.columns:
        raise KeyError(
            f"no text column {text_field!r} (columns: {', '.join(map(str, df.columns))})"
        )
    if extractor is None:
        from extractor.pipeline import default_extractor

        extractor = default_extractor()
    ids = df[id_field] if id_field in df.columns else df.index
    texts = df[text_field]
    published = df[published_field] if published_field in df.columns else [None] * len(df)
    urls = df[url_field] if url_field in df.columns else [None] * len(df)
    builder = TableBuilder()
    for doc_id, text, pub, url in zip(ids, texts, published, urls, strict=True):
        doc = str(doc_id)
        try:
            facts = extract_one(extractor, doc, text, pub)
        except Exception as exc:  # one bad row must not stop the frame
            builder.add_error(doc, type(exc).__name__, one_line(exc))
            continue
        builder.add_facts(facts, url=none_if_missing(url))
    return builder.to_pandas()


def extract_one(extractor: Extractor, doc_id: str, text: Any, published: Any) -> ArticleFacts:
    """Extract one record, checking what data frames and JSON can hand over."""
    if not isinstance(text, str):
        kind = "missing" if none_if_missing(text) is None else type(text).__name__
        raise TypeError(f"text is {kind}, not a string")
    return extractor.extract(text, doc_id=doc_id, published=none_if_missing(published))


def none_if_missing(value: Any) -> Any:
    """None for None, NaN, NaT and pandas NA (what empty cells become)."""
    if value is None:
        return None
    try:
        if value != value:  # NaN, NaT
            return None
    except (TypeError, ValueError):  # pandas NA raises on bool()
        return None
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime()
    return value


def one_line(exc: BaseException) -> str:
    """An exception as one short line for an errors table or a message."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


__all__ = [
    "COLUMNS",
    "FACT_TABLES",
    "TABLES",
    "TableBuilder",
    "arrow_table",
    "extract_frame",
    "facts_to_rows",
    "facts_to_tables",
    "schema",
]
