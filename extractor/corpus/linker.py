"""``link``: corpus-level tables over a batch output.

Reads the ``articles``, ``officials``, ``quotes`` and ``statistics`` tables of a batch output
(a Parquet folder ``OUT.parquet/<table>/part-*.parquet``, or ``OUT.jsonl`` of ArticleFacts)
and writes, into the Parquet folder (for JSONL: ``OUT.linked.parquet/`` beside it):

- ``people/``: one row per person (``person_id``, name, variants, posts with first/last
  date and article counts, regions);
- ``figures/``: one row per distinct figure, the articles and outlets that report it, the
  earliest publication and a ``conflict`` flag;
- ``officials_linked/``, ``quotes_linked/`` (+ ``person_id``), ``statistics_linked/``
  (+ ``figure_id``) and ``articles_linked/`` (+ ``duplicate_of``): the batch tables with the
  new column, part for part. The batch's own tables are left as they are, so a resumed
  batch still appends to them; run ``link`` again after it.

Columns are read by name at run time; any column a table lacks is read as null.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractor.corpus import dedup, figures, people
from extractor.corpus.aliases import canonical, fold

#: the packages ``link`` needs (the ``corpus`` extra)
REQUIRED = ("pyarrow", "rapidfuzz", "datasketch")


class LinkError(ValueError):
    """The output cannot be linked (missing, unreadable, or a package is missing)."""


@dataclass
class LinkSummary:
    """What one ``link`` run found, for the command line and for tests."""

    articles: int = 0
    mentions: int = 0
    people: int = 0
    linked_speakers: int = 0
    statistics: int = 0
    figures: int = 0
    shared_figures: int = 0
    conflicts: int = 0
    duplicates: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    dest: Path | None = None

    def line(self) -> str:
        """One line for the terminal."""
        t = ", ".join(f"{k} {v:.1f}s" for k, v in self.seconds.items())
        return (
            f"link done: {self.articles} articles; {self.mentions} official rows → "
            f"{self.people} people ({self.linked_speakers} quote speakers linked); "
            f"{self.statistics} statistics → {self.figures} figures "
            f"({self.shared_figures} in 2+ articles, {self.conflicts} in conflict); "
            f"{self.duplicates} near-duplicate articles; {t}; written to {self.dest}"
        )


def check_dependencies() -> None:
    """Fail in one line, before any work, when a package of the ``corpus`` extra is missing."""
    import importlib.util

    missing = [m for m in REQUIRED if importlib.util.find_spec(m) is None]
    if missing:
        raise LinkError(f"link needs {', '.join(missing)}: pip install 'extractor[corpus]'")


# -- reading -----------------------------------------------------------------------
class _Source:
    """The tables of one batch output, read by column name."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.jsonl = out.is_file()
        self._rows: dict[str, list[dict[str, Any]]] = {}
        if self.jsonl:
            self._rows = _jsonl_rows(out)
        elif not (out / "articles").is_dir():
            raise LinkError(f"{out}: not a batch output (no articles/ table); run batch first")

    def parts(self, table: str) -> list[Path]:
        if self.jsonl:
            return []
        folder = self.out / table
        return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []

    def rows(self, table: str, columns: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Rows of ``table`` (only ``columns`` when given; absent columns are None)."""
        if self.jsonl:
            for r in self._rows.get(table, []):
                yield r if columns is None else {c: r.get(c) for c in columns}
            return
        for part in self.parts(table):
            yield from _part_rows(part, columns)


def _part_rows(part: Path, columns: Sequence[str] | None) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    try:
        have = pq.read_schema(part).names
        cols = None if columns is None else [c for c in columns if c in have]
        table = pq.read_table(part, columns=cols)
    except Exception as exc:  # a torn or foreign file: one line, not a traceback
        raise LinkError(f"cannot read {part}: {exc}") from None
    for r in table.to_pylist():
        yield r if columns is None else {c: r.get(c) for c in columns}


def _jsonl_rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    import json

    from extractor.models import ArticleFacts
    from extractor.tables import facts_to_rows

    out: dict[str, list[dict[str, Any]]] = {}
    seen = 0
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                raise LinkError(f"{path}:{n}: not a JSON line") from None
            seen += 1
            if not isinstance(obj, dict) or "schema_version" not in obj:
                continue  # an error record of the batch run
            url = obj.pop("url", None)
            for k in [k for k in obj if k not in ArticleFacts.model_fields]:
                del obj[k]  # columns the batch kept from its input
            try:
                facts = ArticleFacts.model_validate(obj)
            except ValueError as exc:
                raise LinkError(
                    f"{path}:{n}: not an ArticleFacts line: {str(exc).splitlines()[0]}"
                ) from None
            for table, rows in facts_to_rows(facts, url=url).items():
                out.setdefault(table, []).extend(rows)
    if seen and "articles" not in out:
        raise LinkError(
            f"{path}: no ArticleFacts lines: not a batch output (run batch on it first)"
        )
    return out


def _outlet(row: dict[str, Any]) -> str | None:
    """The outlet an article names, else the site of its url (``megapolitan.kompas.com`` →
    ``kompas.com``)."""
    if row.get("outlet"):
        return fold(str(row["outlet"]))
    url = row.get("url")
    if not url:
        return None
    host = (urlsplit(str(url)).hostname or "").removeprefix("www.")
    labels = host.split(".")
    keep = (
        3 if len(labels) >= 3 and labels[-2] in {"co", "go", "or", "ac", "web", "my", "sch"} else 2
    )
    return ".".join(labels[-keep:]) or None


def _date(row: dict[str, Any]) -> str | None:
    iso = row.get("published_iso") or row.get("published")
    return str(iso)[:10] if iso else None


# -- the run -----------------------------------------------------------------------
def link(
    out: str | Path,
    *,
    texts: Sequence[str | Path] = (),
    say: Callable[[str], None] | None = None,
) -> LinkSummary:
    """Link people and figures over batch output ``out``; returns what was found.

    ``texts``: the batch's inputs, to find near-duplicates on full texts (without them the
    articles' headlines, quotes and statistics stand in for the text).
    """
    check_dependencies()
    out = Path(out)
    if not out.exists():
        raise LinkError(f"{out}: no such batch output")
    summary = LinkSummary()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        summary.seconds[name] = now - clock
        clock = now

    src = _Source(out)
    dest = out.with_name(out.name.removesuffix(".jsonl") + ".linked.parquet") if src.jsonl else out
    summary.dest = dest
    articles = {
        str(r["doc_id"]): {
            "published": _date(r),
            "outlet": _outlet(r),
            "headline": r.get("headline"),
        }
        for r in src.rows(
            "articles", ["doc_id", "published_iso", "published", "outlet", "url", "headline"]
        )
    }
    summary.articles = len(articles)
    lap("read")

    duplicate_of = dedup.near_duplicates(_dedup_docs(src, articles, texts))
    summary.duplicates = len(duplicate_of)
    lap("duplicates")

    mentions = [
        people.make_mention(r, articles.get(str(r["doc_id"]), {}).get("published"))
        for r in src.rows(
            "officials",
            [
                "doc_id",
                "idx",
                "name",
                "aliases",
                "position",
                "organization",
                "region",
                "region_code",
            ],
        )
    ]
    summary.mentions = len(mentions)
    speakers = _speaker_mentions(src, mentions, articles)
    everyone = mentions + [m for m, _ in speakers]
    labels = people.cluster(everyone)
    people_rows, pids = people.people_rows(everyone, labels)
    summary.people = len(people_rows)
    official_pid = {(m.doc_id, m.idx): pids[lab] for m, lab in zip(mentions, labels, strict=False)}
    quote_pid: dict[tuple[str, int], str] = {}
    for (_m, keys), lab in zip(speakers, labels[len(mentions) :], strict=True):
        for k in keys:
            quote_pid[k] = pids[lab]
    for k, official in _speaker_officials(src, mentions).items():
        quote_pid[k] = official_pid[official]
    summary.linked_speakers = len(quote_pid)
    lap("people")

    stats = list(src.rows("statistics"))
    summary.statistics = len(stats)
    figure_rows, fids = figures.build(stats, articles, duplicate_of)
    summary.figures = len(figure_rows)
    summary.shared_figures = sum(1 for f in figure_rows if f["n_articles"] > 1)
    summary.conflicts = sum(1 for f in figure_rows if f["conflict"])
    lap("figures")

    _write(src, dest, people_rows, figure_rows, official_pid, quote_pid, fids, duplicate_of)
    lap("write")
    if say:
        say(summary.line())
    return summary


def _dedup_docs(
    src: _Source, articles: dict[str, dict[str, Any]], texts: Sequence[str | Path]
) -> Iterator[tuple[str, str | None, str | None]]:
    if texts:
        from extractor.batch.readers import Fields, open_source

        for path in texts:
            for rec in open_source(path, Fields()).records():
                if rec.doc_id in articles and isinstance(rec.text, str):
                    yield rec.doc_id, rec.text, articles[rec.doc_id]["published"]
        return
    # a batch writes the rows of one article into same-named parts of every table, so the
    # stand-in texts are built part by part (a whole corpus's quotes never sit in memory)
    names = [p.name for p in src.parts("articles")] if not src.jsonl else [None]
    for name in names:
        if name is None:
            ids = list(articles)
        else:
            ids = [str(r["doc_id"]) for r in _part_rows(src.out / "articles" / name, ["doc_id"])]
        bits: dict[str, list[str]] = {d: [articles[d].get("headline") or ""] for d in ids}
        for table in ("quotes", "statistics"):
            if name is None:
                rows: Iterator[dict[str, Any]] = src.rows(table, ["doc_id", "text"])
            elif (src.out / table / name).exists():
                rows = _part_rows(src.out / table / name, ["doc_id", "text"])
            else:
                continue
            for r in rows:
                if r["text"] and str(r["doc_id"]) in bits:
                    bits[str(r["doc_id"])].append(r["text"])
        for d, parts in bits.items():
            yield d, " ".join(parts), articles[d]["published"]


def _speaker_officials(
    src: _Source, mentions: list[people.Mention]
) -> dict[tuple[str, int], tuple[str, int]]:
    """Quote (doc_id, idx) → the official (doc_id, idx) of the same article it names."""
    forms: dict[tuple[str, str], tuple[str, int]] = {}
    for m in mentions:
        for f in (m.name, *m.aliases):
            forms.setdefault((m.doc_id, fold(f)), (m.doc_id, m.idx))
    out: dict[tuple[str, int], tuple[str, int]] = {}
    for r in src.rows("quotes", ["doc_id", "idx", "speaker"]):
        if r["speaker"]:
            hit = forms.get((str(r["doc_id"]), fold(r["speaker"])))
            if hit is not None:
                out[(str(r["doc_id"]), int(r["idx"]))] = hit
    return out


def _speaker_mentions(
    src: _Source, mentions: list[people.Mention], articles: dict[str, dict[str, Any]]
) -> list[tuple[people.Mention, list[tuple[str, int]]]]:
    """Speakers who name no official of their article, one mention per (article, name).

    A one-word speaker has no post, body or region to agree on, so it links to nobody.
    """
    named = _speaker_officials(src, mentions)
    by_name: dict[tuple[str, str], list[tuple[str, int]]] = {}
    raw: dict[tuple[str, str], str] = {}
    for r in src.rows("quotes", ["doc_id", "idx", "speaker"]):
        key = (str(r["doc_id"]), int(r["idx"]))
        sp = r["speaker"]
        if not sp or key in named:
            continue
        f = fold(sp)
        if len(f.split()) < 2 and canonical(sp) is None:
            continue
        by_name.setdefault((key[0], f), []).append(key)
        raw[(key[0], f)] = sp
    out = []
    for (doc, _f), keys in by_name.items():
        m = people.make_mention(
            {"doc_id": doc, "idx": keys[0][1], "name": raw[(doc, _f)]},
            articles.get(doc, {}).get("published"),
        )
        m.table = "quotes"
        out.append((m, keys))
    return out


# -- writing -----------------------------------------------------------------------
def _write(
    src: _Source,
    dest: Path,
    people_rows: list[dict[str, Any]],
    figure_rows: list[dict[str, Any]],
    official_pid: dict[tuple[str, int], str],
    quote_pid: dict[tuple[str, int], str],
    fids: dict[tuple[str, int], str],
    duplicate_of: dict[str, str],
) -> None:
    import pyarrow as pa

    dest.mkdir(parents=True, exist_ok=True)
    people_rows.sort(key=lambda r: (-r["n_articles"], r["name"], r["person_id"]))
    figure_rows.sort(key=lambda r: (-r["n_articles"], r["figure_id"]))
    _swap(
        dest,
        "people",
        [("part-000000.parquet", pa.Table.from_pylist(people_rows, schema=_people_schema()))],
    )
    _swap(
        dest,
        "figures",
        [("part-000000.parquet", pa.Table.from_pylist(figure_rows, schema=_figures_schema()))],
    )
    adders: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
        "officials": ("person_id", lambda r: official_pid.get((str(r["doc_id"]), int(r["idx"])))),
        "quotes": ("person_id", lambda r: quote_pid.get((str(r["doc_id"]), int(r["idx"])))),
        "statistics": ("figure_id", lambda r: fids.get((str(r["doc_id"]), int(r["idx"])))),
        "articles": ("duplicate_of", lambda r: duplicate_of.get(str(r["doc_id"]))),
    }
    for table, (column, value) in adders.items():
        _swap(dest, f"{table}_linked", _with_column(src, table, column, value))


def _with_column(
    src: _Source, table: str, column: str, value: Callable[[dict[str, Any]], Any]
) -> Iterator[tuple[str, Any]]:
    """Each part of ``table`` with ``column`` added (replaced when a rerun finds it)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if src.jsonl:
        rows = src._rows.get(table, [])
        t = pa.Table.from_pylist(rows) if rows else pa.table({"doc_id": pa.array([], pa.string())})
        parts: list[tuple[str, Any]] = [("part-000000.parquet", t)]
    else:
        parts = [(p.name, p) for p in src.parts(table)]
    for name, part in parts:
        t = part if isinstance(part, pa.Table) else pq.read_table(part)
        if column in t.column_names:
            t = t.drop_columns([column])
        keys = t.select([c for c in ("doc_id", "idx") if c in t.column_names]).to_pylist()
        t = t.append_column(column, pa.array([value(k) for k in keys], pa.string()))
        yield name, t


def _swap(dest: Path, name: str, parts: Any) -> None:
    """Write a table folder beside the old one, then replace it whole."""
    import pyarrow.parquet as pq

    final = dest / name
    tmp = dest / f".{name}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    for fname, table in parts:
        pq.write_table(table, tmp / fname, compression="zstd")
    old = dest / f".{name}.old"
    if final.exists():
        if old.exists():
            shutil.rmtree(old)
        final.rename(old)
    tmp.rename(final)
    with contextlib.suppress(OSError):
        shutil.rmtree(old)


def _people_schema() -> Any:
    import pyarrow as pa

    post = pa.struct(
        [
            ("position", pa.string()),
            ("organization", pa.string()),
            ("region", pa.string()),
            ("first_seen", pa.string()),
            ("last_seen", pa.string()),
            ("n_articles", pa.int64()),
        ]
    )
    return pa.schema(
        [
            ("person_id", pa.string()),
            ("name", pa.string()),
            ("name_variants", pa.list_(pa.string())),
            ("positions", pa.list_(post)),
            ("regions", pa.list_(pa.string())),
            ("region_codes", pa.list_(pa.string())),
            ("n_articles", pa.int64()),
            ("n_mentions", pa.int64()),
            ("first_seen", pa.string()),
            ("last_seen", pa.string()),
        ]
    )


def _figures_schema() -> Any:
    import pyarrow as pa

    s, ls = pa.string(), pa.list_(pa.string())
    return pa.schema(
        [
            ("figure_id", s),
            ("value", pa.float64()),
            ("unit", s),
            ("units", ls),
            ("measure", s),
            ("topic", s),
            ("year", pa.int64()),
            ("source", s),
            ("region", s),
            ("as_of", ls),
            ("approximate", pa.bool_()),
            ("doc_ids", ls),
            ("n_articles", pa.int64()),
            ("n_independent", pa.int64()),
            ("outlets", ls),
            ("n_outlets", pa.int64()),
            ("earliest_published", s),
            ("earliest_doc_id", s),
            ("conflict", pa.bool_()),
            ("conflicting_values", pa.list_(pa.float64())),
        ]
    )


__all__ = ["REQUIRED", "LinkError", "LinkSummary", "check_dependencies", "link"]
