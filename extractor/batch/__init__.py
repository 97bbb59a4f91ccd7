"""Corpus-scale runs: ``python -m extractor batch INPUT... -o OUTPUT``.

Reads folders of ``.txt`` files, JSONL (also gzip-compressed), CSV and Parquet
(:mod:`~extractor.batch.readers`); writes one ArticleFacts per line (``.jsonl``) or a
folder of flat Parquet tables (``.parquet``, see :mod:`extractor.tables`)
(:mod:`~extractor.batch.writers`). Work is cut into chunks that worker processes
(:mod:`extractor.parallel`) extract, each with one Extractor built once; results are
written in input order (:mod:`~extractor.batch.run`).

Nothing is lost and nothing is written twice:

- every input record gives an article or an error record (doc_id, error type, message),
  and the run goes on: bad JSON, a broken CSV row, empty or binary text, an unreadable
  Parquet file, an article over the time limit;
- output is only ever appended as whole lines (JSONL) or whole files written to a temporary
  name and renamed (Parquet), so a killed run leaves only valid lines and files;
- Ctrl-C and SIGTERM save every finished article before stopping;
- ``--resume`` skips exactly the records the output already holds, so a resumed run holds
  every record exactly once, byte for byte as an uninterrupted run would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractor.batch.command import main
from extractor.batch.progress import FACT_KINDS, Progress, Summary
from extractor.batch.readers import Fields, Record, open_source
from extractor.batch.run import BatchOptions, WorkSettings, process_chunk, run
from extractor.batch.writers import OutputError
from extractor.io import InputError
from extractor.parallel import cpu_count, parallel_map


def read_jsonl(path: str | Path) -> Iterator[tuple[Any, dict[str, Any]]]:
    """``(ArticleFacts, input columns)`` for each line of a batch's ``OUT.jsonl``: the
    ``"input"`` object (url, ``--keep-columns``) is split off the facts."""
    from extractor.models import ArticleFacts

    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            meta = obj.pop("input", None) or {}
            yield ArticleFacts.model_validate(obj), meta


__all__ = [
    "FACT_KINDS",
    "BatchOptions",
    "Fields",
    "InputError",
    "OutputError",
    "Progress",
    "Record",
    "Summary",
    "WorkSettings",
    "cpu_count",
    "main",
    "open_source",
    "parallel_map",
    "process_chunk",
    "read_jsonl",
    "run",
]
