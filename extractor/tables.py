"""Flat tables of facts, keyed by ``doc_id``, for pandas, polars, DuckDB and Parquet.

One :class:`~extractor.models.ArticleFacts` becomes one row of ``articles`` and one row per
record in ``officials``, ``quotes``, ``sanctions``, ``statistics``, ``dates`` and
``warnings``; articles that failed go to ``errors``. Every table has a fixed Arrow schema
(:data:`COLUMNS`, documented column by column in :func:`data_dictionary`), so an empty table
(or an empty Parquet part) still carries its column types and parts always concatenate.
Span columns are ``span_start``/``span_end`` (``end`` is an SQL keyword); ``published`` is a
timestamp and ``reference_date`` a date, so DuckDB and pandas compare them as such.

>>> tables = extract_frame(df)                     # doctest: +SKIP
>>> tables["officials"].merge(tables["articles"], on="doc_id")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from extractor.models import ArticleFacts, Span

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pyarrow as pa

    from extractor.pipeline import Extractor

#: the fact tables, in the order they are written; ``errors`` comes on top of these
FACT_TABLES = ("articles", "officials", "quotes", "sanctions", "statistics", "dates", "warnings")
TABLES = (*FACT_TABLES, "errors")

_S, _I, _F, _B, _LS, _LI = "string", "int64", "float64", "bool", "list<string>", "list<int64>"
_TS, _D = "timestamp[ms]", "date32"

_DOC = (
    "doc_id",
    _S,
    "The article's id (input id column, file stem or FILE:LINE); joins every table.",
)
_IDX = ("idx", _I, "Position of the record within its article (0, 1, …); (doc_id, idx) is the key.")
_SPAN = (
    ("span_start", _I, "Offset of the first character in the input text (code points)."),
    ("span_end", _I, "Offset one past the last character: text[span_start:span_end]."),
)

#: table → (column, Arrow type, description); the contract of the Parquet output
_SPEC: dict[str, tuple[str, tuple[tuple[str, str, str], ...]]] = {
    "articles": ("One row per article that was analysed.", (
        _DOC,
        ("headline", _S, "First non-empty line when it reads as a headline."),
        ("outlet", _S, "Site or paper named in the dateline or credit (from the text)."),
        ("dateline", _S, "Place of the dateline, e.g. 'DENPASAR'."),
        ("published", _TS, "Publication time (midnight when only the day is known), local time as given."),
        ("published_iso", _S, "Publication date as ISO text at its known precision, e.g. '2024-04-18'."),
        ("reference_date", _D, "Date used to resolve partial and relative dates."),
        ("url", _S, "The input's url column/key, when it has one."),
        ("relevance_score", _F, "0 (off topic) to 1 (about ASN neutrality in elections)."),
        ("relevance_label", _S, "asn_neutrality, election_other or off_topic."),
        ("n_officials", _I, "Officials found (rows in officials, unless --only-relevant dropped them)."),
        ("n_quotes", _I, "Quotes found."),
        ("n_sanctions", _I, "Sanctions found."),
        ("n_statistics", _I, "Statistics found."),
        ("n_dates", _I, "Date expressions found."),
        ("n_warnings", _I, "Warnings (rows in the warnings table)."),
    )),
    "officials": ("One row per official per article.", (
        _DOC, _IDX,
        ("name", _S, "Fullest form of the name, without honorifics or titles."),
        ("aliases", _LS, "Shorter forms the article uses."),
        ("position", _S, "Title, acronyms expanded."),
        ("organization", _S, "Body the position belongs to."),
        ("region", _S, "Province, regency or city the position serves."),
        ("n_mentions", _I, "How often the article names this official."),
        ("mention_starts", _LI, "Start offset of every mention."),
        ("mention_ends", _LI, "End offset of every mention."),
    )),
    "quotes": ("One row per direct or indirect quote.", (
        _DOC, _IDX,
        ("kind", _S, "direct (inside quotation marks) or indirect (reported)."),
        ("text", _S, "The quoted or reported words."),
        ("speaker", _S, "Official's name, else the raw name; null if unresolved."),
        ("cue", _S, "Speech verb as written: 'kata', 'tegas' …"),
        *_SPAN,
        ("speaker_start", _I, "Start offset of the speaker's name, if in the text."),
        ("speaker_end", _I, "End offset of the speaker's name."),
    )),
    "sanctions": ("One row per sanction mentioned.", (
        _DOC, _IDX,
        ("type", _S, "Sanction type (SPEC enum), e.g. written_reprimand."),
        ("severity", _S, "light, moderate or severe; null when not stated."),
        ("status", _S, "imposed, recommended, proposed, threatened or mentioned."),
        ("text", _S, "The words naming the sanction."),
        *_SPAN,
    )),
    "statistics": ("One row per count of violations, reports, cases or people.", (
        _DOC, _IDX,
        ("value", _F, "The number, normalised: '2.034' → 2034."),
        ("approximate", _B, "True for 'ratusan', 'sekitar' and the like."),
        ("unit", _S, "cases, persons, reports or percent."),
        ("measure", _S, "reported, recorded, proven, recommended, sanctioned or other."),
        ("topic", _S, "asn_neutrality, money_politics, election_violation or other."),
        ("year", _I, "Year the counted events belong to."),
        ("as_of", _S, "ISO date of 'per 30 September 2020'."),
        ("region", _S, "Where, when narrower than national."),
        ("source", _S, "Who counted: 'KASN', 'Bawaslu'."),
        ("text", _S, "The number and what it counts, as written."),
        *_SPAN,
    )),
    "dates": ("One row per calendar expression.", (
        _DOC, _IDX,
        ("text", _S, "The expression as written."),
        ("value", _S, "ISO value at its precision: '2024-04-18', '2024-11', '2024'."),
        ("granularity", _S, "datetime, day, month or year."),
        ("relative", _B, "True for 'kemarin', 'pekan depan' …"),
        *_SPAN,
    )),
    "warnings": ("One row per warning: what was repaired or could not be resolved.", (
        _DOC, _IDX,
        ("code", _S, "Stable code, e.g. decoded_cp1252, weekday_mismatch (see models.WARNING_CODES)."),
        ("message", _S, "What happened, in one line."),
        ("span_start", _I, "Where in the input it happened, when it has one place."),
        ("span_end", _I, "End offset of that place."),
    )),
    "errors": ("One row per input record that gave no facts.", (
        ("doc_id", _S, "The record's id, or FILE:LINE / FILE:ROW when it has none."),
        ("error_type", _S, "InputError, TimeLimit, DuplicateId, BadRecord, TruncatedInput …"),
        ("message", _S, "What went wrong, in one line."),
        ("source", _S, "Where the record was read: FILE:LINE or the file."),
    )),
}  # fmt: skip

#: column name → Arrow type name, per table (without the ``--keep-columns`` extras)
COLUMNS: dict[str, dict[str, str]] = {
    name: {col: typ for col, typ, _ in cols} for name, (_, cols) in _SPEC.items()
}


def kept_name(column: str) -> str:
    """The ``articles`` column an input column kept with ``--keep-columns`` becomes
    (``input_`` in front where it would clash with a column of its own, e.g. ``outlet``)."""
    return f"input_{column}" if column in COLUMNS["articles"] else column


def _span(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (None, None, None) if span is None else (span.start, span.end, span.text)


def _timestamp(iso: str | None) -> dt.datetime | None:
    """An ISO date or date-time as a naive datetime (None when it is neither)."""
    if not iso:
        return None
    try:
        value = dt.datetime.fromisoformat(iso) if "T" in iso else None
        if value is None:
            value = dt.datetime.combine(dt.date.fromisoformat(iso[:10]), dt.time())
    except ValueError:
        return None
    return value.replace(tzinfo=None, microsecond=0)


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _warning_parts(w: Any) -> tuple[str, str, Span | None]:
    """(code, message, span) of a warning, whether a record or a version-1 string."""
    if isinstance(w, str):
        return "legacy", w, None
    return getattr(w, "code", "legacy"), getattr(w, "message", str(w)), getattr(w, "span", None)


def is_off_topic(facts: ArticleFacts) -> bool:
    """True when the relevance model labels the article ``off_topic``."""
    rel = getattr(facts, "relevance", None)
    return rel is not None and rel.label == "off_topic"


def facts_to_rows(
    facts: ArticleFacts,
    *,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
    only_relevant: bool = False,
) -> dict[str, list[dict[str, Any]]]:
    """The rows one article contributes to each fact table (``errors`` is never touched).

    ``meta`` holds kept input columns (added to the ``articles`` row under
    :func:`kept_name`); with ``only_relevant`` an off-topic article gives its ``articles``
    row only.
    """
    doc = facts.doc_id
    rel = getattr(facts, "relevance", None)
    article = {
        "doc_id": doc,
        "headline": facts.headline,
        "outlet": facts.outlet,
        "dateline": facts.dateline,
        "published": _timestamp(facts.published),
        "published_iso": facts.published,
        "reference_date": _date(facts.reference_date),
        "url": url,
        "relevance_score": None if rel is None else float(rel.score),
        "relevance_label": None if rel is None else rel.label,
        "n_officials": len(facts.officials),
        "n_quotes": len(facts.quotes),
        "n_sanctions": len(facts.sanctions),
        "n_statistics": len(facts.statistics),
        "n_dates": len(facts.dates),
        "n_warnings": len(facts.warnings),
    }
    for col, value in (meta or {}).items():
        article[kept_name(col)] = value
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in FACT_TABLES}
    rows["articles"].append(article)
    if only_relevant and is_off_topic(facts):
        return rows
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
                "span_start": start,
                "span_end": end,
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
                "span_start": start,
                "span_end": end,
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
                "span_start": start,
                "span_end": end,
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
                "span_start": start,
                "span_end": end,
            }
        )
    for i, w in enumerate(facts.warnings):
        code, message, span = _warning_parts(w)
        start, end, _ = _span(span)
        rows["warnings"].append(
            {
                "doc_id": doc,
                "idx": i,
                "code": code,
                "message": message,
                "span_start": start,
                "span_end": end,
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
    """Collects rows for every table and turns them into Arrow tables with fixed schemas.

    ``keep`` names the input columns kept in ``articles`` (``--keep-columns``)."""

    def __init__(self, keep: Sequence[str] = ()) -> None:
        self.keep = tuple(keep)
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}

    def add_facts(
        self, facts: ArticleFacts, *, url: str | None = None, meta: dict[str, Any] | None = None
    ) -> None:
        self.add_rows(facts_to_rows(facts, url=url, meta=meta))

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
        return {name: arrow_table(name, rows, keep=self.keep) for name, rows in self.rows.items()}

    def to_pandas(self) -> dict[str, pd.DataFrame]:
        return {name: table.to_pandas() for name, table in self.to_arrow().items()}


def _arrow_type(name: str) -> pa.DataType:
    import pyarrow as pa

    return {
        _S: pa.string(),
        _I: pa.int64(),
        _F: pa.float64(),
        _B: pa.bool_(),
        _LS: pa.list_(pa.string()),
        _LI: pa.list_(pa.int64()),
        _TS: pa.timestamp("ms"),  # what Parquet stores (it has no seconds unit)
        _D: pa.date32(),
    }[name]


def schema(name: str, keep: Sequence[str] = ()) -> pa.Schema:
    """The Arrow schema of table ``name`` (``keep``: kept input columns, ``articles`` only)."""
    import pyarrow as pa

    fields = [pa.field(col, _arrow_type(t)) for col, t in COLUMNS[name].items()]
    if name == "articles":
        fields += [pa.field(kept_name(c), pa.string()) for c in keep]
    return pa.schema(fields)


def arrow_table(name: str, rows: list[dict[str, Any]], keep: Sequence[str] = ()) -> pa.Table:
    """Rows of table ``name`` as an Arrow table with its fixed schema (empty rows allowed)."""
    import pyarrow as pa

    # the same table as column lists would give, built in one pass without the lists
    return pa.Table.from_pylist(rows, schema=schema(name, keep))


_JSON_TYPES: dict[str, dict[str, Any]] = {
    _S: {"type": ["string", "null"]},
    _I: {"type": ["integer", "null"]},
    _F: {"type": ["number", "null"]},
    _B: {"type": ["boolean", "null"]},
    _LS: {"type": "array", "items": {"type": "string"}},
    _LI: {"type": "array", "items": {"type": "integer"}},
    _TS: {"type": ["string", "null"], "format": "date-time"},
    _D: {"type": ["string", "null"], "format": "date"},
}


def data_dictionary() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of one row of every table, with Arrow types and
    descriptions: ``python -m extractor schema --tables``."""
    out: dict[str, Any] = {}
    for name, (about, cols) in _SPEC.items():
        key = ["doc_id", "idx"] if "idx" in COLUMNS[name] else ["doc_id"]
        out[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": name,
            "description": f"{about} Key: ({', '.join(key)}). Files: OUT.parquet/{name}/*.parquet",
            "type": "object",
            "properties": {
                col: {**_JSON_TYPES[typ], "x-arrow-type": typ, "description": text}
                for col, typ, text in cols
            },
            "required": [c for c, _, _ in cols],
            "additionalProperties": name == "articles",  # --keep-columns adds string columns
        }
    return out


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
    keep_columns: Sequence[str] = (),
    extractor: Extractor | None = None,
) -> dict[str, pd.DataFrame]:
    """Extract every row of ``df`` and return the flat tables as pandas DataFrames.

    ``df`` needs a text column; the id column is optional (the row index is used), and so
    are the published and url columns. A row that fails (non-string text, unreadable date …)
    becomes a row of ``errors`` and the others go on. ``keep_columns`` are copied to
    ``articles``. For many rows, run ``python -m extractor batch`` or :mod:`extractor.dask`
    instead: this runs in-process.
    """
    missing = [c for c in (text_field, *keep_columns) if c not in df.columns]
    if missing:
        what = "text column" if missing[0] == text_field else "column to keep"
        raise KeyError(f"no {what} {missing[0]!r} (columns: {', '.join(map(str, df.columns))})")
    for col, what in ((id_field, "doc_ids are the row index"), (published_field, _NO_DATE)):
        if col not in df.columns:
            warnings.warn(f"no column {col!r}: {what}", UserWarning, stacklevel=2)
    if extractor is None:
        from extractor.pipeline import default_extractor

        extractor = default_extractor()
    ids = df[id_field] if id_field in df.columns else df.index
    texts = df[text_field]
    published = df[published_field] if published_field in df.columns else [None] * len(df)
    urls = df[url_field] if url_field in df.columns else [None] * len(df)
    kept = [df[c] for c in keep_columns]
    builder = TableBuilder(keep_columns)
    for row_no, (doc_id, text, pub, url) in enumerate(
        zip(ids, texts, published, urls, strict=True)
    ):
        doc = str(doc_id)
        try:
            facts = extract_one(extractor, doc, text, pub)
        except Exception as exc:  # one bad row must not stop the frame
            builder.add_error(doc, type(exc).__name__, one_line(exc))
            continue
        meta = {c: as_text(col.iloc[row_no]) for c, col in zip(keep_columns, kept, strict=True)}
        builder.add_facts(facts, url=as_text(url), meta=meta)
    return builder.to_pandas()


_NO_DATE = "relative dates resolve only against dates in the text"


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


def as_text(value: Any) -> str | None:
    """A kept metadata value as text (None stays None; lists and dicts as JSON)."""
    value = none_if_missing(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | dict | tuple):
        import json

        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


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
    "data_dictionary",
    "extract_frame",
    "facts_to_rows",
    "facts_to_tables",
    "kept_name",
    "schema",
]
