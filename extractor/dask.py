"""Dask helpers (optional extra ``extractor[dask]``): extraction over bags, data frames and
clusters.

Each Dask worker builds one :class:`~extractor.pipeline.Extractor` on first use (one per
thread for threaded workers) and reuses it for every partition.

>>> import dask.bag as db                                     # doctest: +SKIP
>>> facts = extract_bag(db.read_text("news/*.jsonl").map(json.loads))   # doctest: +SKIP
>>> tables = extract_tables(dd.read_parquet("news.parquet"))  # doctest: +SKIP
>>> tables["officials"].compute()                             # doctest: +SKIP

``python -m extractor batch --engine dask --scheduler tcp://HOST:8786`` uses
:func:`map_chunks` to run the batch command's chunks on a cluster.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from extractor.io import InputError

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe
    import pandas as pd

_MISSING = (
    "the Dask engine needs the optional extra: pip install 'extractor[dask]' "
    "(dask[bag,dataframe,distributed], pandas, pyarrow)"
)


def require_dask(*parts: str) -> None:
    """Import dask (and ``parts`` such as "distributed") or raise one clear line."""
    try:
        import dask  # noqa: F401

        for part in parts:
            __import__(part)
    except ImportError as exc:
        raise InputError(f"{_MISSING}; missing: {exc.name or exc}") from None


# -- bags ------------------------------------------------------------------------------
def _bag_partition(items: list[Any]) -> list[dict[str, Any]]:
    from extractor.batch import _worker_extractor

    ex = _worker_extractor()
    return [ex._extract_item(item, i).model_dump(mode="json") for i, item in enumerate(items)]


def extract_bag(bag: dask.bag.Bag) -> dask.bag.Bag:
    """A bag of ArticleFacts dicts (JSON-ready) for a bag of texts or ``{"id", "text",
    "published"}`` dicts. Give texts an id: a bare text gets its index in its partition.
    """
    require_dask("dask.bag")
    return bag.map_partitions(_bag_partition)


# -- data frames -----------------------------------------------------------------------
def _frame_tables(df: pd.DataFrame, fields: dict[str, str]) -> dict[str, pd.DataFrame]:
    from extractor.batch import _worker_extractor
    from extractor.tables import extract_frame

    return extract_frame(df, extractor=_worker_extractor(), **fields)


def _empty(name: str) -> pd.DataFrame:
    from extractor.tables import arrow_table

    return arrow_table(name, []).to_pandas()


def extract_tables(
    ddf: dask.dataframe.DataFrame,
    *,
    id_field: str = "id",
    text_field: str = "text",
    published_field: str = "published",
    url_field: str = "url",
) -> dict[str, dask.dataframe.DataFrame]:
    """The flat tables (:mod:`extractor.tables`) of a Dask DataFrame of articles, lazily.

    Each partition is extracted once however many tables are computed together:
    ``dask.compute(t["articles"], t["officials"])``. Failing rows land in ``errors``.
    """
    require_dask("dask.dataframe", "pandas")
    import dask
    import dask.dataframe as dd

    from extractor.tables import TABLES

    if text_field not in ddf.columns:
        raise KeyError(
            f"no text column {text_field!r} (columns: {', '.join(map(str, ddf.columns))})"
        )
    fields = {
        "id_field": id_field,
        "text_field": text_field,
        "published_field": published_field,
        "url_field": url_field,
    }
    parts = [dask.delayed(_frame_tables)(p, fields) for p in ddf.to_delayed()]
    return {
        name: dd.from_delayed([p[name] for p in parts], meta=_empty(name), verify_meta=False)
        for name in TABLES
    }


# -- the batch command's engine --------------------------------------------------------
def map_chunks(
    task_chunks: Iterator[tuple[Any, list[tuple[Any, ...]]]],
    kind: str,
    *,
    scheduler: str | None = None,
    workers: int = 1,
) -> Iterator[tuple[Any, list[Any]]]:
    """Run :func:`extractor.batch.process_chunk` on a Dask cluster, results in input order.

    ``scheduler`` is a scheduler address; without one a ``LocalCluster`` of ``workers``
    single-threaded processes is started for the run.
    """
    require_dask("distributed")
    from distributed import Client, LocalCluster

    from extractor.batch import process_chunk

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler)  # waits distributed.comm.timeouts.connect
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach Dask scheduler {scheduler}: {exc}") from None
    pending: deque[tuple[Any, Any]] = deque()
    try:
        slots = max(2, 3 * sum(client.nthreads().values()))
        for head, tasks in task_chunks:
            pending.append((head, client.submit(process_chunk, tasks, kind, pure=False)))
            if len(pending) >= slots:
                h, fut = pending.popleft()
                yield h, fut.result()
        while pending:
            h, fut = pending.popleft()
            yield h, fut.result()
    finally:
        for _, fut in pending:
            fut.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["extract_bag", "extract_tables", "map_chunks", "require_dask"]
