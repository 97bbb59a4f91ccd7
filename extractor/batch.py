"""Corpus-scale runs: ``python -m extractor batch INPUT... -o OUTPUT``.

Reads folders of ``.txt`` files, JSONL (also gzip-compressed), CSV and Parquet; writes one
ArticleFacts per line (``.jsonl``) or a folder of flat Parquet tables (``.parquet``, see
:mod:`extractor.tables`). Work is cut into chunks that worker processes extract, each with
one :class:`~extractor.pipeline.Extractor` built once; results are written in input order.

Nothing is lost and nothing is written twice:

- an article that fails becomes an error record (doc_id, error type, message) and the run
  goes on; a record that cannot even be read (bad JSON, missing text) does too;
- output is only ever appended as whole lines (JSONL) or whole files written to a temporary
  name and renamed (Parquet), so a killed run leaves only valid lines and files;
- ``--resume`` skips the doc_ids the output already holds (dropping a trailing partial JSONL
  line first), so a resumed run holds every article exactly once;
- Parquet parts are cut at fixed record counts and everything is written in input order, so
  the same input gives byte-identical output, resumed or not.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import io
import json
import os
import shutil
import signal
import sys
import threading
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.io import InputError
from extractor.tables import (
    TABLES,
    TableBuilder,
    arrow_table,
    extract_one,
    facts_to_rows,
    none_if_missing,
    one_line,
)

#: what one record's result counts, in the summary line
FACT_KINDS = ("officials", "quotes", "sanctions", "statistics", "dates")
#: articles per worker before the pool is replaced by fresh processes (bounds memory)
RECYCLE_AFTER = 20_000
#: Parquet files are written in this order; ``articles`` last, as the part's commit mark
_WRITE_ORDER = (*[t for t in TABLES if t != "articles"], "articles")


# -- records -----------------------------------------------------------------------------
@dataclass(slots=True)
class Record:
    """One article to extract, or (``error`` set) one that could not be read."""

    doc_id: str
    text: Any = None
    published: Any = None
    url: str | None = None
    source: str = ""
    error: tuple[str, str] | None = None

    def as_task(self) -> tuple[Any, ...]:
        return (self.doc_id, self.text, self.published, self.url, self.error)


@dataclass(frozen=True, slots=True)
class Fields:
    """Column / key names of tabular inputs."""

    id: str = "id"
    text: str = "text"
    published: str = "published"
    url: str = "url"


def _from_mapping(row: dict[str, Any], fields: Fields, fallback_id: str, source: str) -> Record:
    raw_id = none_if_missing(row.get(fields.id))
    doc_id = fallback_id if raw_id is None or raw_id == "" else str(raw_id)
    rec = Record(
        doc_id=doc_id,
        text=row.get(fields.text),
        published=none_if_missing(row.get(fields.published)),
        url=none_if_missing(row.get(fields.url)),
        source=source,
    )
    if rec.url is not None and not isinstance(rec.url, str):
        rec.url = str(rec.url)
    if fields.text not in row:
        rec.error = ("MissingText", f"no {fields.text!r} field")
    return rec


class Source:
    """One input path; :meth:`records` streams its records in a stable order."""

    def __init__(self, path: Path, fields: Fields) -> None:
        self.path = path
        self.fields = fields

    def records(self) -> Iterator[Record]:  # pragma: no cover - abstract
        raise NotImplementedError

    def count(self) -> int | None:
        """How many records, when that is cheap to know (for the progress bar)."""
        return None


class TextFiles(Source):
    """A folder of ``.txt`` articles (recursive) or one ``.txt`` file."""

    def __init__(self, path: Path, fields: Fields) -> None:
        super().__init__(path, fields)
        if path.is_dir():
            files = sorted(
                (p for p in path.rglob("*.txt") if p.is_file()),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            stems = Counter(p.stem for p in files)
            self.files = [
                (p, p.stem if stems[p.stem] == 1 else p.relative_to(path).as_posix()) for p in files
            ]
        else:
            self.files = [(path, path.stem)]

    def count(self) -> int:
        return len(self.files)

    def records(self) -> Iterator[Record]:
        from extractor.io import read_text

        for p, doc_id in self.files:
            try:
                yield Record(doc_id=doc_id, text=read_text(p), source=str(p))
            except InputError as exc:
                yield Record(doc_id=doc_id, source=str(p), error=("InputError", str(exc)))


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


class JsonLines(Source):
    """JSON Lines, plain or gzip-compressed; one article object per line."""

    def count(self) -> int | None:
        if _is_gzip(self.path):
            return None
        n = 0
        with self.path.open("rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
        return n

    def records(self) -> Iterator[Record]:
        stem = self.path.name.split(".")[0]
        opener = gzip.open if _is_gzip(self.path) else open
        lineno = 0
        try:
            with opener(self.path, "rb") as fh:
                for lineno, raw in enumerate(fh, 1):
                    line = raw.strip()
                    if not line:
                        continue
                    fallback = f"{stem}:{lineno}"
                    where = f"{self.path}:{lineno}"
                    try:
                        obj = json.loads(line)
                    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                        kind = "TruncatedRecord" if not raw.endswith(b"\n") else "JSONDecodeError"
                        yield Record(doc_id=fallback, source=where, error=(kind, one_line(exc)))
                        continue
                    if not isinstance(obj, dict):
                        msg = f"line holds a JSON {type(obj).__name__}, not an object"
                        yield Record(doc_id=fallback, source=where, error=("BadRecord", msg))
                        continue
                    yield _from_mapping(obj, self.fields, fallback, where)
        except (EOFError, OSError, zlib.error) as exc:  # truncated or corrupt gzip stream
            msg = f"{self.path}: unreadable after line {lineno}: {one_line(exc)}"
            yield Record(
                doc_id=f"{stem}:{lineno + 1}",
                source=f"{self.path}:{lineno + 1}",
                error=("TruncatedInput", msg),
            )


class CsvFile(Source):
    """CSV with a header row (UTF-8, optional BOM; ``.csv.gz`` too)."""

    def _open(self) -> io.TextIOBase:
        if _is_gzip(self.path):
            return gzip.open(self.path, "rt", encoding="utf-8-sig", newline="")  # type: ignore[return-value]
        return self.path.open(encoding="utf-8-sig", newline="")

    def check(self) -> None:
        try:
            with self._open() as fh:
                header = next(csv.reader(fh), None)
        except (OSError, UnicodeDecodeError, EOFError, csv.Error) as exc:
            raise InputError(f"{self.path}: cannot read CSV header: {one_line(exc)}") from None
        if not header or self.fields.text not in header:
            cols = ", ".join(header or []) or "none"
            raise InputError(
                f"{self.path}: no text column {self.fields.text!r} (columns: {cols}); "
                "use --text-field"
            )

    def records(self) -> Iterator[Record]:
        csv.field_size_limit(sys.maxsize)
        stem = self.path.name.split(".")[0]
        row_no = 0
        try:
            with self._open() as fh:
                reader = csv.DictReader(fh, strict=True)
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    except csv.Error as exc:  # a malformed row: report it, read on
                        row_no += 1
                        yield Record(
                            doc_id=f"{stem}:{row_no}",
                            source=f"{self.path}:{reader.line_num}",
                            error=("BadRecord", f"malformed CSV row: {one_line(exc)}"),
                        )
                        continue
                    row_no += 1
                    where = f"{self.path}:{reader.line_num}"
                    rec = _from_mapping(row, self.fields, f"{stem}:{row_no}", where)
                    if rec.text is None and rec.error is None:
                        rec.error = ("TruncatedRecord", "row has fewer columns than the header")
                    yield rec
        except (OSError, UnicodeDecodeError, EOFError, zlib.error) as exc:
            yield Record(
                doc_id=f"{stem}:{row_no + 1}",
                source=f"{self.path}: row {row_no + 1}",
                error=(
                    "TruncatedInput",
                    f"{self.path}: unreadable after row {row_no}: {one_line(exc)}",
                ),
            )


class ParquetFile(Source):
    """A Parquet file with id/text/published/url columns."""

    def _open(self) -> Any:
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(self.path)
        except Exception as exc:  # ArrowInvalid, OSError: truncated or not Parquet
            raise InputError(f"{self.path}: not a readable Parquet file: {one_line(exc)}") from None

    def check(self) -> None:
        names = self._open().schema_arrow.names
        if self.fields.text not in names:
            raise InputError(
                f"{self.path}: no text column {self.fields.text!r} (columns: {', '.join(names)}); "
                "use --text-field"
            )

    def count(self) -> int:
        return self._open().metadata.num_rows

    def records(self) -> Iterator[Record]:
        pf = self._open()
        f = self.fields
        wanted = [c for c in (f.id, f.text, f.published, f.url) if c in pf.schema_arrow.names]
        stem = self.path.name.split(".")[0]
        row_no = 0
        try:
            for batch in pf.iter_batches(batch_size=1024, columns=list(dict.fromkeys(wanted))):
                for row in batch.to_pylist():
                    row_no += 1
                    yield _from_mapping(row, f, f"{stem}:{row_no}", f"{self.path}: row {row_no}")
        except Exception as exc:  # a corrupt row group: report it, keep what was read
            yield Record(
                doc_id=f"{stem}:{row_no + 1}",
                source=f"{self.path}: row {row_no + 1}",
                error=(
                    "TruncatedInput",
                    f"{self.path}: unreadable after row {row_no}: {one_line(exc)}",
                ),
            )


def open_source(path: str | Path, fields: Fields) -> Source:
    """The reader for ``path``, chosen by its suffix; checks columns before any work starts."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    name = p.name.lower()
    if p.is_dir() or name.endswith(".txt"):
        return TextFiles(p, fields)
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")):
        return JsonLines(p, fields)
    if name.endswith((".csv", ".csv.gz")):
        src: CsvFile | ParquetFile = CsvFile(p, fields)
        src.check()
        return src
    if name.endswith(".parquet"):
        src = ParquetFile(p, fields)
        src.check()
        return src
    raise InputError(
        f"{p}: unknown input type; use a folder of .txt, .jsonl(.gz), .csv or .parquet"
    )


# -- workers ---------------------------------------------------------------------------
_LOCAL = threading.local()
_PROCESS_EXTRACTOR: Any = None


def _worker_extractor() -> Any:
    """One Extractor per process (inherited through fork when the parent built one), or one
    per thread for threaded Dask workers; built on first use."""
    global _PROCESS_EXTRACTOR
    from extractor.pipeline import Extractor, default_extractor

    if threading.current_thread() is threading.main_thread():
        if _PROCESS_EXTRACTOR is None:
            _PROCESS_EXTRACTOR = default_extractor()
        return _PROCESS_EXTRACTOR
    ex = getattr(_LOCAL, "extractor", None)
    if ex is None:
        ex = _LOCAL.extractor = Extractor()
    return ex


def _init_worker(extractor: Any = None) -> None:
    """Workers leave Ctrl-C to the parent, which stops cleanly; the Extractor loads up front."""
    global _PROCESS_EXTRACTOR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if extractor is not None:
        _PROCESS_EXTRACTOR = extractor
    _worker_extractor()


def _die_with_parent() -> None:
    """On Linux, end this worker when the batch process is killed (no idle orphans after a
    SIGKILL); elsewhere the worker ends when its work queue closes."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


Result = tuple[str, Any, tuple[int, ...]]  # ("ok", payload, counts) | ("error", (type, msg), ())


def process_chunk(tasks: Sequence[tuple[Any, ...]], mode: str) -> list[Result]:
    """Extract a chunk of records; ``mode`` "jsonl" returns JSON lines, "parquet" table rows."""
    ex = _worker_extractor()
    out: list[Result] = []
    for doc_id, text, published, url, error in tasks:
        if error is not None:
            out.append(("error", error, ()))
            continue
        try:
            facts = extract_one(ex, doc_id, text, published)
        except Exception as exc:  # one article's failure is recorded, the run goes on
            out.append(("error", (type(exc).__name__, one_line(exc)), ()))
            continue
        counts = tuple(len(getattr(facts, k)) for k in FACT_KINDS)
        payload = facts.model_dump_json() if mode == "jsonl" else facts_to_rows(facts, url=url)
        out.append(("ok", payload, counts))
    return out


def _mp_context() -> Any:
    import multiprocessing as mp

    # fork is fastest where it is safe (no threads yet); elsewhere the platform default
    if "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context()


def _ordered_pool_map(
    fn: Callable[..., Any],
    chunks: Iterable[Any],
    workers: int,
    *args: Any,
    extractor: Any = None,
) -> Iterator[tuple[Any, Any]]:
    """``(chunk, fn(chunk, *args))`` in input order, at most a few chunks per worker in flight.

    ``extractor`` reaches the workers only through fork (it is not worth pickling).
    """
    from concurrent.futures import ProcessPoolExecutor

    ctx = _mp_context()
    initargs = (extractor,) if ctx.get_start_method() == "fork" else (None,)

    def pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=initargs
        )

    ex = pool()
    pending: deque[tuple[Any, Any]] = deque()
    submitted = 0
    try:
        for chunk in chunks:
            if submitted >= RECYCLE_AFTER * workers:
                # fresh workers now and then: spaCy's vocabulary (and any cache) grows with
                # every new word, so a worker's memory would creep up over millions of articles
                while pending:
                    done_chunk, fut = pending.popleft()
                    yield done_chunk, fut.result()
                ex.shutdown(wait=True)
                ex, submitted = pool(), 0
            pending.append((chunk, ex.submit(fn, chunk, *args)))
            submitted += len(chunk)
            if len(pending) >= 3 * workers:
                done_chunk, fut = pending.popleft()
                yield done_chunk, fut.result()
        while pending:
            done_chunk, fut = pending.popleft()
            yield done_chunk, fut.result()
    finally:
        for _, fut in pending:
            fut.cancel()
        ex.shutdown(wait=True, cancel_futures=True)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pipe_chunk(chunk: Sequence[tuple[int, Any]]) -> list[Any]:
    ex = _worker_extractor()
    return [ex._extract_item(item, i) for i, item in chunk]


def parallel_map(
    items: Iterable[str | dict[str, Any]],
    *,
    n_process: int,
    chunk_size: int = 64,
    extractor: Any = None,
) -> Iterator[Any]:
    """ArticleFacts for texts or ``{"id", "text", "published"}`` dicts, in input order.

    Backs ``Extractor.pipe(n_process=N)``: ``n_process`` worker processes (``-1``: all
    cores), each with one Extractor (``extractor`` itself where workers are forked); an
    article's exception is raised here, in order.
    """
    workers = cpu_count() if n_process is None or n_process < 1 else n_process
    chunks = _batched(enumerate(items), max(1, chunk_size))
    pool = _ordered_pool_map(_pipe_chunk, chunks, workers, extractor=extractor)
    for _, results in pool:
        yield from results


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- writers ---------------------------------------------------------------------------
class Writer:
    """Receives results in input order; knows which doc_ids the output already holds."""

    done: set[str]

    def add_ok(self, rec: Record, payload: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def add_error(self, rec: Record, error_type: str, message: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def end_chunk(self) -> None:
        """Make what was added so far durable where the format allows it."""

    def close(self, *, complete: bool) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def _errors_path(out: Path) -> Path:
    return out.with_name(out.name[: -len(".jsonl")] + ".errors.jsonl")


def _trim_partial_line(path: Path) -> None:
    """Drop a trailing line that a killed run left half-written."""
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("rb+") as fh:
        pos = size
        while pos > 0:
            step = min(1 << 16, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                keep = pos - step + nl + 1
                break
            pos -= step
        else:
            keep = 0
        if keep != size:
            fh.truncate(keep)


def _jsonl_ids(path: Path) -> set[str]:
    ids: set[str] = set()
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                ids.add(str(json.loads(line)["doc_id"]))
            except (ValueError, KeyError, TypeError):
                raise InputError(
                    f"cannot resume: {path}:{lineno} is not a record this tool wrote"
                ) from None
    return ids


class JsonlWriter(Writer):
    """``OUT.jsonl`` (one ArticleFacts per line) and ``OUT.errors.jsonl``; whole lines only."""

    def __init__(self, out: Path, *, resume: bool) -> None:
        self.paths = (out, _errors_path(out))
        self.done = set()
        if resume:
            for p in self.paths:
                if p.exists():
                    _trim_partial_line(p)
                    self.done |= _jsonl_ids(p)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.fh = [p.open("ab") for p in self.paths]
        self.buf: tuple[list[bytes], list[bytes]] = ([], [])

    def add_ok(self, rec: Record, payload: str) -> None:
        self.buf[0].append(payload.encode("utf-8") + b"\n")

    def add_error(self, rec: Record, error_type: str, message: str) -> None:
        row = {
            "doc_id": rec.doc_id,
            "error_type": error_type,
            "message": message,
            "source": rec.source,
        }
        self.buf[1].append(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")

    def end_chunk(self) -> None:
        for fh, lines in zip(self.fh, self.buf, strict=True):
            if lines:
                fh.write(b"".join(lines))  # one write of whole lines
                fh.flush()
                lines.clear()

    def close(self, *, complete: bool) -> None:
        self.end_chunk()
        for fh in self.fh:
            fh.close()


def _part_no(path: Path) -> int | None:
    name = path.name
    if name.startswith("part-") and name.endswith(".parquet"):
        with contextlib.suppress(ValueError):
            return int(name[5:-8])
    return None


class ParquetWriter(Writer):
    """A folder of tables, ``OUT.parquet/<table>/part-NNNNNN.parquet``, one part per
    ``part_size`` records; each file is written to a hidden temporary name and renamed, the
    ``articles`` file last, so a part counts as done exactly when its ``articles`` file exists.
    """

    def __init__(self, out: Path, *, part_size: int, resume: bool) -> None:
        self.root = out
        self.part_size = part_size
        self.done = set()
        self.next_part = 0
        if resume and out.exists():
            self._recover()
        for name in TABLES:
            (out / name).mkdir(parents=True, exist_ok=True)
        self.builder = TableBuilder()  # rows of the part at hand
        self.count = 0  # records in this part

    def _recover(self) -> None:
        import pyarrow.parquet as pq

        committed = {
            n
            for p in (self.root / "articles").glob("part-*.parquet")
            if (n := _part_no(p)) is not None
        }
        for name in TABLES:
            folder = self.root / name
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                n = _part_no(p)
                if p.name.startswith(".") or (n is not None and n not in committed):
                    p.unlink()  # temp files and the remains of an uncommitted part
                elif n is not None and name in ("articles", "errors"):
                    try:
                        ids = pq.read_table(p, columns=["doc_id"]).column("doc_id").to_pylist()
                    except Exception as exc:
                        raise InputError(
                            f"cannot resume: {p} is unreadable: {one_line(exc)}"
                        ) from None
                    self.done.update(ids)
        self.next_part = max(committed, default=-1) + 1

    def add_ok(self, rec: Record, payload: dict[str, list[dict[str, Any]]]) -> None:
        self.builder.add_rows(payload)
        self._count()

    def add_error(self, rec: Record, error_type: str, message: str) -> None:
        self.builder.add_error(rec.doc_id, error_type, message, rec.source)
        self._count()

    def _count(self) -> None:
        self.count += 1
        if self.count >= self.part_size:
            self.flush()

    def flush(self, *, empty_ok: bool = False) -> None:
        import pyarrow.parquet as pq

        if not self.count and not empty_ok:
            return
        fname = f"part-{self.next_part:06d}.parquet"
        # rows stay Python objects until here: many small Arrow tables cost far more memory
        for name in _WRITE_ORDER:
            table = arrow_table(name, self.builder.rows[name])
            self.builder.rows[name] = []  # free as we go
            final = self.root / name / fname
            tmp = final.with_name(f".{fname}.tmp")
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, final)
        self.next_part += 1
        self.builder = TableBuilder()
        self.count = 0

    def close(self, *, complete: bool) -> None:
        if complete:  # an interrupted run keeps only whole parts, so a resume cuts the same parts
            # an empty run still gets one (empty) part per table, so every table loads
            self.flush(empty_ok=self.next_part == 0)


# -- the run ---------------------------------------------------------------------------
@dataclass
class Summary:
    articles: int = 0
    errors: int = 0
    skipped: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    error_types: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    interrupted: bool = False

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        facts = ", ".join(f"{self.facts[k]} {k}" for k in FACT_KINDS)
        errs = f"{self.errors} errors"
        if self.error_types:
            errs += " (" + ", ".join(f"{n} {t}" for t, n in self.error_types.most_common()) + ")"
        head = "batch interrupted" if self.interrupted else "batch done"
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (
            f"{head}: {self.articles} articles ({rate:.1f}/s), {errs}{skipped}; "
            f"facts: {facts}; {self.seconds:.1f} s"
        )


class Progress:
    """A one-line progress bar on stderr: count, articles/s and ETA (no dependency)."""

    def __init__(self, total: int | None, enabled: bool, stream: Any = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.n = 0
        self.t0 = time.perf_counter()
        self.last = 0.0

    def update(self, n: int) -> None:
        self.n += n
        now = time.perf_counter()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.t0, 1e-9)
        rate = self.n / elapsed
        if self.total:
            frac = min(self.n / self.total, 1.0)
            bar = "#" * int(frac * 24)
            eta = (self.total - self.n) / rate if rate > 0 else 0
            text = (
                f"\r[{bar:<24}] {self.n}/{self.total} {frac:4.0%}  {rate:7.1f} articles/s"
                f"  ETA {_clock(eta)} "
            )
        else:
            text = f"\r{self.n} articles  {rate:7.1f} articles/s  {_clock(elapsed)} "
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.n:
            self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


@dataclass
class BatchOptions:
    """Everything ``batch`` needs; what ``main`` builds from the command line."""

    inputs: list[str]
    output: str
    workers: int = 0  # 0: all cores
    chunk_size: int = 32
    part_size: int = 5000
    resume: bool = False
    force: bool = False
    fields: Fields = field(default_factory=Fields)
    engine: str = "local"
    scheduler: str | None = None
    progress: bool | None = None  # None: when stderr is a terminal


def _output_kind(out: Path) -> str:
    name = out.name.lower()
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    raise InputError(
        f"{out}: output must end in .jsonl (one record a line) or .parquet (a folder of tables)"
    )


def _prepare_output(out: Path, kind: str, opts: BatchOptions) -> None:
    """Refuse to mix runs: an existing output needs --resume (continue) or --force (replace)."""
    existing = [
        p for p in ((out,) if kind == "parquet" else (out, _errors_path(out))) if p.exists()
    ]
    if not existing or opts.resume:
        if kind == "parquet" and out.exists() and not out.is_dir():
            raise InputError(f"{out} exists and is not a folder")
        return
    if not opts.force:
        raise InputError(
            f"{existing[0]} exists; use --resume to continue that run or --force to replace it"
        )
    for p in existing:
        if p.is_dir():
            foreign = [c.name for c in p.iterdir() if c.name not in TABLES]
            if foreign:
                raise InputError(
                    f"{p} holds {foreign[0]!r}, which this tool did not write; not replacing it"
                )
            shutil.rmtree(p)
        else:
            p.unlink()


def _dedupe(records: Iterable[Record], done: set[str], summary: Summary) -> Iterator[Record]:
    """Skip what the output already holds; a doc_id seen twice is an error the second time."""
    seen: set[str] = set()
    for rec in records:
        if rec.doc_id in done:
            summary.skipped += 1
            continue
        if rec.doc_id in seen and rec.error is None:
            rec.error = ("DuplicateId", f"doc_id {rec.doc_id!r} already seen in this run")
            rec.text = None
        seen.add(rec.doc_id)
        yield rec


def run(opts: BatchOptions) -> Summary:
    """Run a batch; raises :class:`InputError` for what a user must fix."""
    out = Path(opts.output)
    kind = _output_kind(out)
    sources = [open_source(p, opts.fields) for p in opts.inputs]
    for p in opts.inputs:
        if Path(p).resolve() == out.resolve():
            raise InputError(f"{p} is both input and output")
    _prepare_output(out, kind, opts)
    writer: Writer = (
        JsonlWriter(out, resume=opts.resume)
        if kind == "jsonl"
        else ParquetWriter(out, part_size=max(1, opts.part_size), resume=opts.resume)
    )
    workers = opts.workers if opts.workers > 0 else cpu_count()
    if opts.engine == "local":
        try:  # fail here, once, on a broken install; forked workers inherit this Extractor
            _worker_extractor()
        except Exception as exc:
            raise InputError(f"cannot start the extractor: {one_line(exc)}") from None
    show = sys.stderr.isatty() if opts.progress is None else opts.progress
    total = None
    if show:
        counts = [s.count() for s in sources]
        if all(c is not None for c in counts):
            total = max(0, sum(counts) - len(writer.done))  # type: ignore[arg-type]
    summary = Summary()
    progress = Progress(total, show)
    t0 = time.perf_counter()

    def records() -> Iterator[Record]:
        for s in sources:
            yield from s.records()

    chunks = _batched(_dedupe(records(), writer.done, summary), max(1, opts.chunk_size))
    task_chunks = ((c, [r.as_task() for r in c]) for c in chunks)
    results = _engine_map(task_chunks, workers, kind, opts)
    complete = False
    old_term = _stop_on_sigterm()
    try:
        for recs, res in results:
            for rec, (status, payload, counts) in zip(recs, res, strict=True):
                if status == "ok":
                    writer.add_ok(rec, payload)
                    summary.articles += 1
                    for k, n in zip(FACT_KINDS, counts, strict=True):
                        summary.facts[k] += n
                else:
                    error_type, message = payload
                    writer.add_error(rec, error_type, message)
                    summary.errors += 1
                    summary.error_types[error_type] += 1
            writer.end_chunk()
            progress.update(len(recs))
        complete = True
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        with contextlib.suppress(KeyboardInterrupt):
            close = getattr(results, "close", None)
            if close is not None:
                close()
            writer.close(complete=complete)
            progress.close()
            summary.seconds = time.perf_counter() - t0
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    return summary


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """SIGTERM stops a run as cleanly as Ctrl-C does; returns the handler to restore."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)


def _engine_map(
    task_chunks: Iterator[tuple[list[Record], list[tuple[Any, ...]]]],
    workers: int,
    kind: str,
    opts: BatchOptions,
) -> Iterator[tuple[list[Record], list[Result]]]:
    """Results per chunk, in input order, from the chosen engine."""
    if opts.engine == "dask":
        from extractor import dask as dask_engine

        return dask_engine.map_chunks(task_chunks, kind, scheduler=opts.scheduler, workers=workers)
    # even one worker is a separate process: the writer's memory (pyarrow, buffers) stays
    # out of it, and it is replaced now and then (RECYCLE_AFTER) so it cannot creep up
    return _pool_results(task_chunks, workers, kind)


def _pool_results(
    task_chunks: Iterator[tuple[list[Record], list[tuple[Any, ...]]]], workers: int, kind: str
) -> Iterator[tuple[list[Record], list[Result]]]:
    from concurrent.futures.process import BrokenProcessPool

    pairs = ((recs, tasks) for recs, tasks in task_chunks)
    # the pool sees only the tasks; keep the records alongside, in order
    held: deque[list[Record]] = deque()

    def tasks_only() -> Iterator[list[tuple[Any, ...]]]:
        for recs, tasks in pairs:
            held.append(recs)
            yield tasks

    try:
        for _, res in _ordered_pool_map(process_chunk, tasks_only(), workers, kind):
            yield held.popleft(), res
    except BrokenProcessPool:
        raise InputError(
            "a worker process died unexpectedly (out of memory?); the output holds every "
            "finished article: run again with --resume"
        ) from None


# -- command line ----------------------------------------------------------------------
class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m extractor batch",
        description=(
            "Extract facts from many articles. Inputs: folders of .txt (recursive), .jsonl "
            "(.gz), .csv, .parquet. OUTPUT.jsonl gets one ArticleFacts per line and "
            "OUTPUT.errors.jsonl the failures; OUTPUT.parquet becomes a folder of tables "
            "(articles, officials, quotes, sanctions, statistics, dates, errors)."
        ),
    )
    p.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="folder of .txt, .jsonl(.gz), .csv or .parquet"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="OUTPUT", help="OUT.jsonl or OUT.parquet"
    )
    p.add_argument(
        "--workers", type=int, default=0, metavar="N", help="worker processes (default: all cores)"
    )
    p.add_argument(
        "--chunk-size", type=int, default=32, metavar="N", help="articles per work unit (32)"
    )
    p.add_argument(
        "--part-size", type=int, default=5000, metavar="N", help="records per Parquet part (5000)"
    )
    p.add_argument(
        "--resume", action="store_true", help="continue a run: skip doc_ids OUTPUT already holds"
    )
    p.add_argument("--force", action="store_true", help="replace an existing OUTPUT")
    p.add_argument("--id-field", default="id", metavar="NAME", help="id column/key (id)")
    p.add_argument("--text-field", default="text", metavar="NAME", help="text column/key (text)")
    p.add_argument(
        "--published-field", default="published", metavar="NAME", help="date column (published)"
    )
    p.add_argument("--url-field", default="url", metavar="NAME", help="url column/key (url)")
    p.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="local processes or Dask"
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)"
    )
    bar = p.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="always show progress",
    )
    bar.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never show progress"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor batch``: 0 done, 1 input error, 2 usage error, 130 interrupted."""
    parser = _parser()
    try:
        ns = parser.parse_args(argv)
        if ns.workers < 0 or ns.chunk_size < 1 or ns.part_size < 1:
            raise _UsageError("--workers must be ≥ 0, --chunk-size and --part-size ≥ 1")
        if ns.scheduler and ns.engine != "dask":
            raise _UsageError("--scheduler needs --engine dask")
    except _UsageError as exc:
        print(f"{parser.prog}: error: {exc} (see --help)", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    opts = BatchOptions(
        inputs=ns.inputs,
        output=ns.output,
        workers=ns.workers,
        chunk_size=ns.chunk_size,
        part_size=ns.part_size,
        resume=ns.resume,
        force=ns.force,
        fields=Fields(ns.id_field, ns.text_field, ns.published_field, ns.url_field),
        engine=ns.engine,
        scheduler=ns.scheduler,
        progress=ns.progress,
    )
    try:
        summary = run(opts)
    except InputError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted before any output", file=sys.stderr)
        return 130
    print(summary.line(), file=sys.stderr)
    if summary.interrupted:
        print("interrupted: run the same command with --resume to finish", file=sys.stderr)
        return 130
    return 0


__all__ = [
    "BatchOptions",
    "Fields",
    "Record",
    "Summary",
    "main",
    "open_source",
    "parallel_map",
    "run",
]
