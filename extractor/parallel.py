"""Worker processes shared by ``batch``, ``Extractor.pipe(n_process=N)`` and the Dask helpers.

One :class:`~extractor.pipeline.Extractor` per process (or per thread in a threaded Dask
worker) is built once and reused: :func:`worker_extractor`. :func:`ordered_map` runs a
function over chunks in a process pool and yields the results in input order with only a
few chunks in flight, replacing the workers now and then so memory cannot creep up.
:func:`time_limit` bounds one article's time inside a worker.

This module imports the pipeline lazily, so ``pipeline`` may import it without a circle.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from extractor.models import ArticleFacts
    from extractor.pipeline import Extractor

#: articles per worker before the pool is replaced by fresh processes (bounds memory)
RECYCLE_AFTER = 20_000

_LOCAL = threading.local()
_PROCESS_EXTRACTOR: Any = None


class TimeLimitExceeded(Exception):
    """One article took longer than the per-article time limit."""


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_extractor() -> Extractor:
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
    """Workers leave Ctrl-C and SIGTERM (sent to the whole process group) to the parent,
    which stops them after saving what is finished; the Extractor loads up front."""
    global _PROCESS_EXTRACTOR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    if extractor is not None:
        _PROCESS_EXTRACTOR = extractor
    worker_extractor()


def _die_with_parent() -> None:
    """On Linux, end this worker when the parent is killed (no idle orphans after a
    SIGKILL); elsewhere the worker ends when its work queue closes."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def _raise_time_limit(signum: int, frame: Any) -> None:
    raise TimeLimitExceeded


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block after ``seconds`` (wall clock).

    Uses ``SIGALRM``, so it works in a process's main thread on POSIX (every batch worker);
    elsewhere (threads, Windows) the block runs without a limit. The signal is checked
    between Python bytecodes: a single C call that never returns is not interrupted.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    old = signal.signal(signal.SIGALRM, _raise_time_limit)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _mp_context() -> Any:
    import multiprocessing as mp

    # fork is fastest where it is safe (no threads yet); elsewhere the platform default
    if "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context()


def ordered_map(
    fn: Callable[..., Any],
    chunks: Iterable[Sequence[Any]],
    workers: int,
    *args: Any,
    extractor: Extractor | None = None,
) -> Iterator[tuple[Sequence[Any], Any]]:
    """``(chunk, fn(chunk, *args))`` in input order, at most ``3 × workers`` chunks in flight.

    ``fn`` runs in worker processes and may call :func:`worker_extractor`; ``extractor``
    reaches the workers only through fork (it is not worth pickling). Raises
    ``concurrent.futures.process.BrokenProcessPool`` when a worker dies.
    """
    from concurrent.futures import ProcessPoolExecutor

    workers = max(1, workers)
    ctx = _mp_context()
    initargs = (extractor,) if ctx.get_start_method() == "fork" else (None,)

    def pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=initargs
        )

    ex = pool()
    pending: deque[tuple[Sequence[Any], Any]] = deque()
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


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items (the last one shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pipe_chunk(chunk: Sequence[tuple[int, Any, Any]], as_tuples: bool) -> list[Any]:
    ex = worker_extractor()
    out: list[Any] = []
    for i, item, context in chunk:
        facts = ex._extract_item(item, i)
        out.append((facts, context) if as_tuples else facts)
    return out


def pipe(
    items: Iterable[Any],
    *,
    n_process: int,
    chunk_size: int = 64,
    extractor: Extractor | None = None,
    as_tuples: bool = False,
) -> Iterator[ArticleFacts | tuple[ArticleFacts, Any]]:
    """ArticleFacts for texts or ``{"id", "text", "published"}`` dicts, in input order.

    Backs ``Extractor.pipe(n_process=N)``: ``n_process`` worker processes (``-1``: all
    cores), each with one Extractor (``extractor`` itself where workers are forked); an
    article's exception is raised here, in order. With ``as_tuples`` the items are
    ``(item, context)`` pairs and ``(facts, context)`` pairs come back, as in spaCy.
    """
    workers = cpu_count() if n_process is None or n_process < 1 else n_process

    def numbered() -> Iterator[tuple[int, Any, Any]]:
        for i, item in enumerate(items):
            if as_tuples:
                try:
                    obj, context = item
                except (TypeError, ValueError):
                    raise TypeError(
                        f"as_tuples=True needs (item, context) pairs; item {i} is "
                        f"{type(item).__name__}"
                    ) from None
                yield i, obj, context
            else:
                yield i, item, None

    chunks = batched(numbered(), max(1, chunk_size))
    for _, results in ordered_map(_pipe_chunk, chunks, workers, as_tuples, extractor=extractor):
        yield from results


#: the name ``Extractor.pipe`` used before this module existed
parallel_map = pipe

__all__ = [
    "RECYCLE_AFTER",
    "TimeLimitExceeded",
    "batched",
    "cpu_count",
    "ordered_map",
    "parallel_map",
    "pipe",
    "time_limit",
    "worker_extractor",
]
