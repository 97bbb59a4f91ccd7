"""One batch run: check everything, then read → extract in worker processes → write, in order.

Before the first article: the inputs are opened and their columns checked, the optional
dependencies imported, the output location checked and locked, and the Extractor built;
a run that fails there leaves nothing behind. Then chunks of records go to worker
processes (:mod:`extractor.parallel`) and come back in input order, so the output does not
depend on the number of workers. Ctrl-C or SIGTERM stop the run after writing every
finished article; ``--resume`` finishes it.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor import parallel
from extractor.batch.progress import FACT_KINDS, Progress, Summary
from extractor.batch.readers import Fields, Record, Source, TextFiles, open_source
from extractor.batch.writers import (
    JsonlWriter,
    OutputLock,
    ParquetWriter,
    Writer,
    errors_path,
    write_failed,
)
from extractor.io import InputError, check_text, replace_surrogates
from extractor.tables import TABLES, extract_one, facts_to_rows, is_off_topic, one_line

#: default per-article time limit in seconds (a hostile text is an error record, not a hang)
TIME_LIMIT = 60.0


@dataclass
class BatchOptions:
    """Everything ``batch`` needs; what the command line builds."""

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
    time_limit: float | None = TIME_LIMIT  # seconds per article; None or 0: none
    only_relevant: bool = False
    html: str | None = None  # a folder for article pages
    html_sample: int | None = None


@dataclass(frozen=True, slots=True)
class WorkSettings:
    """What a worker needs to know besides the records (picklable)."""

    mode: str  # "jsonl" or "parquet"
    time_limit: float | None = TIME_LIMIT
    only_relevant: bool = False
    with_facts: bool = False  # also return the ArticleFacts JSON (for --html)


#: ("ok", payload, counts, facts JSON or None) | ("error", (type, message), (), None)
Result = tuple[str, Any, tuple[int, ...], str | None]


def process_chunk(tasks: Sequence[tuple[Any, ...]], settings: WorkSettings | str) -> list[Result]:
    """Extract a chunk of records (in a worker); every failure is an error result."""
    if isinstance(settings, str):
        settings = WorkSettings(settings)
    ex = parallel.worker_extractor()
    return [_one(ex, task, settings) for task in tasks]


def _one(ex: Any, task: tuple[Any, ...], s: WorkSettings) -> Result:
    from extractor.models import warn

    doc_id, text, published, url, error, meta, warnings = task
    if error is not None:
        return ("error", error, (), None)
    try:
        if isinstance(text, str):
            text, bad = replace_surrogates(text)
            if bad:
                msg = f"the text held {bad} lone surrogate(s); they were replaced with U+FFFD"
                warnings = [*warnings, ("surrogates_replaced", msg)]
            check_text(text, name=doc_id)
        with parallel.time_limit(s.time_limit):
            facts = extract_one(ex, doc_id, text, published)
        facts.warnings[:0] = [warn(code, message) for code, message in warnings]
        counts = tuple(len(getattr(facts, k)) for k in FACT_KINDS)
        full = facts.model_dump_json() if s.with_facts else None
        if s.mode == "jsonl":
            if s.only_relevant and is_off_topic(facts):
                for k in FACT_KINDS:
                    setattr(facts, k, [])
            payload: Any = _jsonl_line(facts.model_dump_json(), url, meta)
        else:
            payload = facts_to_rows(facts, url=url, meta=meta, only_relevant=s.only_relevant)
        return ("ok", payload, counts, full)
    except parallel.TimeLimitExceeded:
        msg = f"took longer than the time limit of {s.time_limit:g} s (--time-limit); skipped"
        return ("error", ("TimeLimit", msg), (), None)
    except InputError as exc:
        return ("error", ("InputError", one_line(exc)), (), None)
    except Exception as exc:  # one article's failure is recorded, the run goes on
        return ("error", (type(exc).__name__, one_line(exc)), (), None)


def _jsonl_line(facts_json: str, url: str | None, meta: dict[str, Any]) -> str:
    """ArticleFacts JSON, with the input's url and kept columns under ``"input"`` when it
    has any (``extractor.batch.read_jsonl`` splits them again)."""
    extra = {"url": url, **meta} if url is not None else dict(meta)
    if not extra:
        return facts_json
    return facts_json[:-1] + ',"input":' + json.dumps(extra, ensure_ascii=False) + "}"


# -- checks before the first article ---------------------------------------------------
def output_kind(out: Path) -> str:
    name = out.name.lower()
    if name.endswith(".jsonl"):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    raise InputError(
        f"{out}: output must end in .jsonl (one record a line) or .parquet (a folder of tables)"
    )


def _check_dependencies(kind: str, opts: BatchOptions) -> None:
    """Every optional part the run needs, imported now rather than after the corpus."""
    needs_arrow = kind == "parquet" or any(p.lower().endswith(".parquet") for p in opts.inputs)
    if needs_arrow:
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise InputError(
                "Parquet needs pyarrow, which is missing: pip install pyarrow"
            ) from None
    if opts.engine == "dask":
        from extractor.dask import require_dask

        require_dask("distributed")


def _check_output(out: Path, kind: str, opts: BatchOptions) -> None:
    for p in opts.inputs:
        if Path(p).resolve() == out.resolve():
            raise InputError(f"{p} is both input and output")
    if kind == "jsonl" and out.is_dir():
        raise InputError(f"{out} is a folder; a .jsonl output must be a file")
    if kind == "parquet" and out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder")
    parent = out.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"cannot write {out}: {parent} is not a folder")


def _prepare_output(out: Path, kind: str, opts: BatchOptions) -> None:
    """Refuse to mix runs: an existing output needs --resume (continue) or --force (replace)."""
    existing = [p for p in ((out,) if kind == "parquet" else (out, errors_path(out))) if p.exists()]
    if not existing or opts.resume:
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


def _workers(opts: BatchOptions, say: Callable[[str], None]) -> int:
    cores = parallel.cpu_count()
    if opts.workers <= 0:
        return cores
    if opts.workers > cores and opts.engine == "local":
        say(f"warning: --workers {opts.workers} is more than the {cores} cores here; using {cores}")
        return cores
    return opts.workers


def _check_extractor(opts: BatchOptions) -> None:
    try:  # fail here, once, on a broken install; forked workers inherit this Extractor
        ex = parallel.worker_extractor()
    except Exception as exc:
        raise InputError(f"cannot start the extractor: {one_line(exc)}") from None
    if opts.only_relevant and ex.extract("Tes.").relevance is None:
        raise InputError("--only-relevant needs relevance scores, which this version lacks")


def _made_dirs(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; returns the ones created, deepest first."""
    made: list[Path] = []
    p = folder
    while not p.exists():
        made.append(p)
        p = p.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failed(folder, exc) from None
    return made


def _open_writer(out: Path, kind: str, opts: BatchOptions) -> Writer:
    try:
        if kind == "jsonl":
            return JsonlWriter(out, resume=opts.resume)
        return ParquetWriter(
            out, part_size=max(1, opts.part_size), resume=opts.resume, keep=opts.fields.keep
        )
    except OSError as exc:
        raise write_failed(out, exc) from None


def _remove_new(out: Path, kind: str, existed: set[Path], made: list[Path]) -> None:
    """Undo what a run that failed at start created."""
    for p in (out,) if kind == "parquet" else (out, errors_path(out)):
        if p not in existed and p.exists():
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    for d in made:
        with contextlib.suppress(OSError):
            d.rmdir()


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# -- the run ---------------------------------------------------------------------------
def run(opts: BatchOptions, say: Callable[[str], None] = _stderr) -> Summary:
    """Run a batch; raises :class:`InputError` for what a user must fix (nothing is left
    behind when that happens before the first article)."""
    out = Path(opts.output)
    kind = output_kind(out)
    _check_dependencies(kind, opts)
    sources = [open_source(p, opts.fields) for p in opts.inputs]
    _check_output(out, kind, opts)
    workers = _workers(opts, say)
    if opts.engine == "local":
        _check_extractor(opts)
    existed = {p for p in (out, errors_path(out)) if p.exists()}
    made = _made_dirs(out.parent)
    lock = OutputLock(out)
    writer: Writer | None = None
    try:
        lock.acquire()
        _prepare_output(out, kind, opts)
        writer = _open_writer(out, kind, opts)
        html = _html_writer(opts, sources)
    except BaseException:
        if writer is not None:
            writer.failed = True  # close the files, write nothing more
            writer.close(complete=False)
        lock.release()
        _remove_new(out, kind, existed, made)
        raise
    try:
        for s in sources:
            for w in s.start_warnings:
                say(f"warning: {w}")
        summary = _loop(sources, writer, workers, kind, opts, html)
    finally:
        lock.release()
    summary.output = str(out)
    for s in sources:
        summary.notes.extend(_notes(s))
    return summary


def _html_writer(opts: BatchOptions, sources: list[Source]) -> Any:
    if not opts.html:
        return None
    from extractor.views.html import BatchHtml

    counts = [s.count() for s in sources] if opts.html_sample else []
    total = sum(counts) if counts and None not in counts else None  # type: ignore[arg-type]
    try:  # with a known total the sample is chosen by doc_id, whatever the order
        return BatchHtml(opts.html, sample=opts.html_sample, total=total)
    except OSError as exc:
        raise write_failed(Path(opts.html), exc) from None


def _notes(src: Source) -> list[str]:
    if isinstance(src, TextFiles):  # text files carry no id or date columns
        return []
    notes = []
    if src.notes["no id"] and "id" not in src.missing:
        notes.append(
            f"warning: {src.path}: {src.notes['no id']} records had no id; "
            "their doc_id is FILE:LINE (or FILE:ROW)"
        )
    if src.notes["no published"] and "published" not in src.missing:
        notes.append(
            f"warning: {src.path}: {src.notes['no published']} records had no published date; "
            "their relative dates resolve only against dates in the text"
        )
    return notes


def _loop(
    sources: list[Source], writer: Writer, workers: int, kind: str, opts: BatchOptions, html: Any
) -> Summary:
    summary = Summary(earlier_errors=writer.done_errors)
    show = sys.stderr.isatty() if opts.progress is None else opts.progress
    total = None
    if show:
        counts = [s.count() for s in sources]
        if all(c is not None for c in counts):
            total = max(0, sum(counts) - sum(writer.done.values()))  # type: ignore[arg-type]
    progress = Progress(total, show)
    t0 = time.perf_counter()

    def records() -> Iterator[Record]:
        for s in sources:
            yield from s.records()

    settings = WorkSettings(kind, opts.time_limit or None, opts.only_relevant, html is not None)
    chunks = parallel.batched(_dedupe(records(), writer.done, summary), max(1, opts.chunk_size))
    results = _engine_map(chunks, workers, settings, opts)
    complete = False
    stop = _Stop()
    old = stop.install()
    try:
        for recs, res in results:
            stop.critical = True  # a chunk is written whole: a signal now waits for its end
            for rec, (status, payload, counts, full) in zip(recs, res, strict=True):
                if status == "ok":
                    writer.add_ok(rec, payload)
                    summary.articles += 1
                    for k, n in zip(FACT_KINDS, counts, strict=True):
                        summary.facts[k] += n
                    if html is not None and full is not None:
                        _add_page(html, rec, full)
                else:
                    error_type, message = payload
                    writer.add_error(rec, error_type, message)
                    summary.errors += 1
                    summary.error_types[error_type] += 1
            writer.end_chunk()
            progress.update(len(recs))
            stop.critical = False
            if stop.requested:
                raise KeyboardInterrupt
        complete = True
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        stop.critical = True  # a second Ctrl-C must not cut the flush of what is finished
        try:
            close = getattr(results, "close", None)
            if close is not None:
                close()
            summary.saved = writer.close(complete=complete)
            if html is not None:
                html.close()
            progress.close()
            summary.seconds = time.perf_counter() - t0
        finally:
            stop.restore(old)
    return summary


def _add_page(html: Any, rec: Record, facts_json: str) -> None:
    from extractor.models import ArticleFacts

    text = replace_surrogates(rec.text)[0]
    html.add(text, ArticleFacts.model_validate_json(facts_json))


def _dedupe(records: Iterable[Record], done: Counter[str], summary: Summary) -> Iterator[Record]:
    """Skip what the output already holds (each doc_id as often as it holds it, so a
    resumed run also skips the duplicate-id records written before); a doc_id seen twice
    is an error the second time."""
    left = Counter(done)
    seen: set[str] = set()
    for rec in records:
        if left[rec.doc_id] > 0:
            left[rec.doc_id] -= 1
            summary.skipped += 1
            seen.add(rec.doc_id)
            continue
        if rec.doc_id in seen and rec.error is None:
            rec.error = ("DuplicateId", f"doc_id {rec.doc_id!r} already seen in this run")
            rec.text = None
        seen.add(rec.doc_id)
        yield rec


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


class _Stop:
    """Ctrl-C and SIGTERM: stop at once while waiting for results, but only after the chunk
    at hand is written when one arrives while it is (``critical``)."""

    def __init__(self) -> None:
        self.requested = False
        self.critical = False

    def _handler(self, signum: int, frame: Any) -> None:
        self.requested = True
        if not self.critical:
            raise KeyboardInterrupt

    def install(self) -> dict[int, Any]:
        if not _main_thread():
            return {}
        return {sig: signal.signal(sig, self._handler) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore(self, old: dict[int, Any]) -> None:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def stop_on_sigterm() -> Any:
    """SIGTERM stops a run as cleanly as Ctrl-C does; returns the handler to restore."""
    if not _main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)


def _engine_map(
    chunks: Iterator[list[Record]], workers: int, settings: WorkSettings, opts: BatchOptions
) -> Iterator[tuple[list[Record], list[Result]]]:
    """Results per chunk, in input order, from the chosen engine."""
    task_chunks = ((c, [r.as_task() for r in c]) for c in chunks)
    if opts.engine == "dask":
        from extractor import dask as dask_engine

        return dask_engine.map_chunks(
            task_chunks, settings, scheduler=opts.scheduler, workers=workers
        )
    # even one worker is a separate process: the writer's memory (pyarrow, buffers) stays
    # out of it, and it is replaced now and then (RECYCLE_AFTER) so it cannot creep up
    return _pool_results(task_chunks, workers, settings)


def _pool_results(
    task_chunks: Iterator[tuple[list[Record], list[tuple[Any, ...]]]],
    workers: int,
    settings: WorkSettings,
) -> Iterator[tuple[list[Record], list[Result]]]:
    from concurrent.futures.process import BrokenProcessPool

    held: deque[list[Record]] = deque()  # the pool sees only the tasks; keep the records

    def tasks_only() -> Iterator[list[tuple[Any, ...]]]:
        for recs, tasks in task_chunks:
            held.append(recs)
            yield tasks

    try:
        for _, res in parallel.ordered_map(process_chunk, tasks_only(), workers, settings):
            yield held.popleft(), res
    except BrokenProcessPool:
        raise InputError(
            "a worker process died unexpectedly (out of memory?); the output holds every "
            "finished article: run again with --resume"
        ) from None
