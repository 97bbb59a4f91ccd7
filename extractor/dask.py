"""Dask helpers (optional extra ``extractor[dask]``): extraction over bags, data frames and
clusters.

Each Dask worker builds one :class:`~extractor.pipeline.Extractor` on first use (one per
thread for threaded workers, :func:`extractor.parallel.worker_extractor`) and reuses it for
every partition.

>>> import dask.bag as db                                     # doctest: +SKIP
>>> facts = extract_bag(db.read_text("news/*.jsonl").map(json.loads))   # doctest: +SKIP
>>> tables = extract_tables(dd.read_parquet("news.parquet"))  # doctest: +SKIP
>>> articles, officials = dask.compute(tables["articles"], tables["officials"])  # doctest: +SKIP

The tables share one extraction per partition only when they are computed together
(``dask.compute(*tables.values())``) or after ``persist()``; computing them one by one
(``tables["officials"].compute()`` then ``tables["quotes"].compute()``) extracts again.

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
def _bag_partition(items: list[Any], partition: int) -> list[dict[str, Any]]:
    from extractor.parallel import worker_extractor

    ex = worker_extractor()
    out = []
    for i, item in enumerate(items):
        facts = ex._extract_item(item, i)
        if isinstance(item, str):  # a bare text: an id unique across partitions
            facts.doc_id = f"{partition}:{i}"
        out.append(facts.model_dump(mode="json"))
    return out


def extract_bag(bag: dask.bag.Bag) -> dask.bag.Bag:
    """A bag of ArticleFacts dicts (JSON-ready) for a bag of texts or ``{"id", "text",
    "published"}`` dicts. A bare text's doc_id is ``"PARTITION:INDEX"`` (unique in the bag);
    give records an ``id`` to keep your own.
    """
    require_dask("dask.bag")
    import dask
    import dask.bag as db

    parts = [dask.delayed(_bag_partition)(part, k) for k, part in enumerate(bag.to_delayed())]
    return db.from_delayed(parts)


def _bag_frame(items: list[Any], partition: int, fields: dict[str, str]) -> pd.DataFrame:
    """A bag partition (texts or record dicts) as a pandas frame of records."""
    import pandas as pd

    rows = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            rows.append({fields["id_field"]: f"{partition}:{i}", fields["text_field"]: item})
        elif isinstance(item, dict):
            rows.append(item)
        else:
            rows.append({fields["id_field"]: f"{partition}:{i}", fields["text_field"]: item})
    frame = pd.DataFrame(rows, dtype=object)
    if fields["text_field"] not in frame.columns:
        frame[fields["text_field"]] = None  # every row becomes an error row
    if fields["id_field"] not in frame.columns:
        frame[fields["id_field"]] = [f"{partition}:{i}" for i in range(len(frame))]
    if fields["published_field"] not in frame.columns:
        frame[fields["published_field"]] = None  # bare texts have none: nothing to warn about
    return frame


# -- data frames -----------------------------------------------------------------------
def _frame_tables(df: pd.DataFrame, fields: dict[str, str]) -> dict[str, pd.DataFrame]:
    from extractor.parallel import worker_extractor
    from extractor.tables import extract_frame

    return extract_frame(df, extractor=worker_extractor(), **fields)


def _bag_tables(
    items: list[Any], partition: int, fields: dict[str, str]
) -> dict[str, pd.DataFrame]:
    return _frame_tables(_bag_frame(items, partition, fields), fields)


def _empty(name: str) -> pd.DataFrame:
    from extractor.tables import arrow_table

    return arrow_table(name, []).to_pandas()


def extract_tables(
    ddf: dask.dataframe.DataFrame | dask.bag.Bag,
    *,
    id_field: str = "id",
    text_field: str = "text",
    published_field: str = "published",
    url_field: str = "url",
) -> dict[str, dask.dataframe.DataFrame]:
    """The flat tables (:mod:`extractor.tables`) of a Dask DataFrame or Bag of articles, lazily.

    A bag holds texts (doc_id ``"PARTITION:INDEX"``) or record dicts. Each partition is
    extracted once for all tables computed together: ``dask.compute(*tables.values())``
    (or ``persist()`` them); failing rows land in ``errors``.
    """
    require_dask("dask.dataframe", "pandas")
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    from extractor.tables import TABLES

    fields = {
        "id_field": id_field,
        "text_field": text_field,
        "published_field": published_field,
        "url_field": url_field,
    }
    if isinstance(ddf, db.Bag):
        parts = [dask.delayed(_bag_tables)(p, k, fields) for k, p in enumerate(ddf.to_delayed())]
        return {
            name: dd.from_delayed([p[name] for p in parts], meta=_empty(name), verify_meta=False)
            for name in TABLES
        }
    if not hasattr(ddf, "columns"):
        raise TypeError(f"extract_tables takes a Dask DataFrame or Bag, not {type(ddf).__name__}")
    if text_field not in ddf.columns:
        raise KeyError(
            f"no text column {text_field!r} (columns: {', '.join(map(str, ddf.columns))})"
        )
    parts = [dask.delayed(_frame_tables)(p, fields) for p in ddf.to_delayed()]
    return {
        name: dd.from_delayed([p[name] for p in parts], meta=_empty(name), verify_meta=False)
        for name in TABLES
    }


# -- the batch command's engine --------------------------------------------------------
def map_chunks(
    task_chunks: Iterator[tuple[Any, list[tuple[Any, ...]]]],
    settings: Any,
    *,
    scheduler: str | None = None,
    workers: int = 1,
) -> Iterator[tuple[Any, list[Any]]]:
    """Run :func:`extractor.batch.process_chunk` on a Dask cluster, results in input order.

    ``settings`` is the run's :class:`extractor.batch.WorkSettings` (or the output kind,
    "jsonl" / "parquet"). Dask runs tasks in threads, so the per-article time limit does
    not apply there. ``scheduler`` is a scheduler address; without one a ``LocalCluster`` of ``workers``
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
            pending.append((head, client.submit(process_chunk, tasks, settings, pure=False)))
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
