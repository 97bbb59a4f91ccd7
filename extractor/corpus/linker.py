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
REQUIRED = ("pyarrow", "rapidfuzz", "numpy")


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

    def part_names(self, table: str) -> list[str | None]:
        """The parts of ``table`` by name (``None``: the one in-memory table of a JSONL)."""
        return [None] if self.jsonl else [p.name for p in self.parts(table)]

    def part(
        self, table: str, name: str | None, columns: Sequence[str] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Rows of one part of ``table`` (none when the table has no part of that name)."""
        if name is None:
            return self.rows(table, columns)
        path = self.out / table / name
        return _part_rows(path, columns) if path.exists() else iter(())

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


class _Articles:
    """Publication date and outlet of each article, read part by part.

    A batch writes the rows of one article into same-named parts of every table, so the
    officials or quotes of part N find their article in articles part N, and only one
    part's articles are held at a time (a million articles' table is never in memory). A
    doc_id missing from its part (a hand-merged output) is looked up in the whole table,
    read once on first need. Each distinct (date, outlet) pair is one shared tuple.
    """

    COLUMNS = ("doc_id", "published_iso", "published", "outlet", "url")

    def __init__(self, src: _Source) -> None:
        self.src = src
        self._shared: dict[tuple[str | None, str | None], tuple[str | None, str | None]] = {}
        self._name = ""  # the part held now ("": none yet)
        self._part: dict[str, tuple[str | None, str | None]] = {}
        self._all: dict[str, tuple[str | None, str | None]] | None = None

    def count(self) -> int:
        """Distinct doc_ids (read from the doc_id column only)."""
        import numpy as np

        seen = [
            np.array([hash(str(r["doc_id"])) for r in self.src.part("articles", n, ["doc_id"])])
            for n in self.src.part_names("articles")
        ]
        return len(np.unique(np.concatenate(seen))) if seen else 0

    def _pairs(self, rows: Iterator[dict[str, Any]]) -> dict[str, tuple[str | None, str | None]]:
        out: dict[str, tuple[str | None, str | None]] = {}
        for r in rows:
            pair = (_date(r), _outlet(r))
            out[str(r["doc_id"])] = self._shared.setdefault(pair, pair)
        return out

    def part(self, name: str | None) -> dict[str, tuple[str | None, str | None]]:
        """doc_id → (date, outlet) of the articles of part ``name``."""
        if name is None:
            return self.all()
        if name != self._name:
            self._part = self._pairs(self.src.part("articles", name, self.COLUMNS))
            self._name = name
        return self._part

    def all(self) -> dict[str, tuple[str | None, str | None]]:
        """doc_id → (date, outlet) of every article (only where a part cannot answer)."""
        if self._all is None:
            self._all = self._pairs(self.src.rows("articles", self.COLUMNS))
        return self._all

    def release(self) -> None:
        """Forget the whole table (the parts answer from here on)."""
        if not self.src.jsonl:
            self._all = None

    def published(self, doc_id: str, part: str | None) -> str | None:
        """The article's date, from part ``part`` (else the whole table)."""
        got = self.part(part).get(doc_id)
        if got is None:
            got = self.all().get(doc_id)
        return got[0] if got else None

    def details(self, doc_ids: set[str]) -> dict[str, dict[str, Any]]:
        """``{doc_id: {"published", "outlet"}}`` for a few articles (the figures step)."""
        out: dict[str, dict[str, Any]] = {}
        for name in self.src.part_names("articles"):
            for r in self.src.part("articles", name, self.COLUMNS):
                if (d := str(r["doc_id"])) in doc_ids:
                    out[d] = {"published": _date(r), "outlet": _outlet(r)}
        return out


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
    articles = _Articles(src)
    summary.articles = articles.count()
    lap("read")

    duplicate_of = dedup.near_duplicates(lambda: _dedup_docs(src, articles, texts))
    articles.release()
    summary.duplicates = len(duplicate_of)
    lap("duplicates")

    cols = ["doc_id", "idx", "name", "aliases", "position", "organization", "region"]
    mentions = [
        people.make_mention(r, articles.published(str(r["doc_id"]), name))
        for name in src.part_names("officials")
        for r in src.part("officials", name, [*cols, "region_code"])
    ]
    summary.mentions = len(mentions)
    quote_of, speakers = _quote_mentions(src, mentions, articles)
    everyone = mentions + speakers
    del mentions, speakers
    labels = people.cluster(everyone)
    people_rows, pids = people.people_rows(everyone, labels)
    del everyone
    summary.people = len(people_rows)
    # one person id per mention; officials rows are the first mentions, in row order
    pid_of = [pids[lab] for lab in labels]
    del labels
    official_pid = pid_of[: summary.mentions]
    quote_pid = [pid_of[m] if m >= 0 else None for m in quote_of]
    del pid_of, quote_of
    summary.linked_speakers = sum(1 for p in quote_pid if p is not None)
    lap("people")

    stats = list(src.rows("statistics"))
    summary.statistics = len(stats)
    figure_rows, fids = figures.build(
        stats, articles.details({str(r["doc_id"]) for r in stats}), duplicate_of
    )
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
    src: _Source, articles: _Articles, texts: Sequence[str | Path]
) -> Iterator[tuple[str, str | None, str | None]]:
    if texts:
        from extractor.batch.readers import Fields, open_source

        for path in texts:
            for rec in open_source(path, Fields()).records():
                if isinstance(rec.text, str) and (got := articles.all().get(rec.doc_id)):
                    yield rec.doc_id, rec.text, got[0]
        return
    # a batch writes the rows of one article into same-named parts of every table, so the
    # stand-in texts are built part by part (a whole corpus's quotes never sit in memory)
    for name in src.part_names("articles"):
        bits: dict[str, list[str]] = {}
        for r in src.part("articles", name, ["doc_id", "headline"]):
            bits[str(r["doc_id"])] = [r["headline"] or ""]  # the last row of a doc_id
        for table in ("quotes", "statistics"):
            for r in src.part(table, name, ["doc_id", "text"]):
                if r["text"] and str(r["doc_id"]) in bits:
                    bits[str(r["doc_id"])].append(r["text"])
        for d, parts in bits.items():
            yield d, " ".join(parts), articles.published(d, name)


_QUOTE_COLS = ("doc_id", "idx", "speaker")


def _quote_mentions(
    src: _Source, mentions: list[people.Mention], articles: _Articles
) -> tuple[Any, list[people.Mention]]:
    """Who each ``quotes`` row names, in one pass over the quotes.

    Returns, per quotes row (in row order), the index of its mention (-1: none), and the
    new mentions, numbered after ``mentions``: a speaker who names an official of the same
    article is that official's mention; any other speaker is one mention per (article,
    name). A one-word speaker has no post, body or region to agree on, so it links to nobody.
    """
    from array import array

    forms: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        for f in (m.name, *m.aliases):
            forms.setdefault((m.doc_id, fold(f)), i)
    quote_of = array("i")
    # (doc_id, folded name) -> [mention number, first idx, last spelling]
    spoken: dict[tuple[str, str], list[Any]] = {}
    for name, r in (
        (n, r) for n in src.part_names("quotes") for r in src.part("quotes", n, _QUOTE_COLS)
    ):
        sp = r["speaker"]
        if not sp:
            quote_of.append(-1)
            continue
        doc = str(r["doc_id"])
        f = fold(sp)
        hit = forms.get((doc, f))
        if hit is None and (len(f.split()) >= 2 or canonical(sp) is not None):
            seen = spoken.get((doc, f))
            if seen is None:
                date = articles.published(doc, name)
                seen = spoken[(doc, f)] = [len(mentions) + len(spoken), int(r["idx"]), sp, date]
            seen[2] = sp
            hit = seen[0]
        quote_of.append(-1 if hit is None else hit)
    del forms
    new: list[people.Mention] = []
    for (doc, _f), (_n, idx, sp, date) in spoken.items():
        m = people.make_mention({"doc_id": doc, "idx": idx, "name": sp}, date)
        m.table = "quotes"
        new.append(m)
    return quote_of, new


# -- writing -----------------------------------------------------------------------
def _write(
    src: _Source,
    dest: Path,
    people_rows: list[dict[str, Any]],
    figure_rows: list[dict[str, Any]],
    official_pid: Sequence[str | None],
    quote_pid: Sequence[str | None],
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
    adders: dict[str, tuple[str, _Values]] = {
        "officials": ("person_id", official_pid),
        "quotes": ("person_id", quote_pid),
        "statistics": ("figure_id", lambda r: fids.get((str(r["doc_id"]), int(r["idx"])))),
        "articles": ("duplicate_of", lambda r: duplicate_of.get(str(r["doc_id"]))),
    }
    for table, (column, value) in adders.items():
        _swap(dest, f"{table}_linked", _with_column(src, table, column, value))


#: a new column's values: one per row of the table, in row order, or a function of the row's
#: ``doc_id`` and ``idx``
_Values = Sequence[Any] | Callable[[dict[str, Any]], Any]


def _with_column(
    src: _Source, table: str, column: str, value: _Values
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
    offset = 0
    for name, part in parts:
        t = part if isinstance(part, pa.Table) else pq.read_table(part)
        if column in t.column_names:
            t = t.drop_columns([column])
        if callable(value):
            keys = t.select([c for c in ("doc_id", "idx") if c in t.column_names]).to_pylist()
            values = [value(k) for k in keys]
        else:
            values = list(value[offset : offset + t.num_rows])
            offset += t.num_rows
        t = t.append_column(column, pa.array(values, pa.string()))
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
