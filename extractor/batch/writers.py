"""Batch outputs: ``OUT.jsonl`` (+ ``OUT.errors.jsonl``) or a folder of Parquet tables.

Output is only ever appended as whole lines (JSONL) or whole files written to a hidden
temporary name and renamed (Parquet), so a killed run leaves only valid lines and files;
a failed write (disk full) is rolled back to the last whole line. Each writer knows how
many times each doc_id is already in the output, so ``--resume`` skips exactly what is
there, duplicate-id error records included.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractor.batch.readers import Record
from extractor.io import InputError
from extractor.tables import FACT_TABLES, TABLES, TableBuilder, arrow_table, one_line

#: Parquet files of a part are written in this order; ``articles`` last, as the commit mark
_WRITE_ORDER = (*[t for t in TABLES if t != "articles"], "articles")


class OutputError(InputError):
    """The output cannot be written (disk full, no permission); one line for the user."""


def write_failed(path: Path, exc: OSError) -> OutputError:
    """A one-line error for a failed write."""
    return OutputError(f"cannot write {path}: {exc.strerror or one_line(exc)}")


class Writer:
    """Receives results in input order; knows which doc_ids the output already holds."""

    #: doc_id → how many records with that id the output holds (a resumed run skips them)
    done: Counter[str]
    #: error records the output already holds (from the run being resumed)
    done_errors: int = 0
    #: a write failed (disk full): nothing more is written
    failed: bool = False

    def add_ok(self, rec: Record, payload: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def add_error(self, rec: Record, error_type: str, message: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def end_chunk(self) -> None:
        """Make what was added so far durable where the format allows it."""

    def close(self, *, complete: bool) -> int:  # pragma: no cover - abstract
        """Write what is held; returns how many records this run has saved in all."""
        raise NotImplementedError


def errors_path(out: Path) -> Path:
    """``OUT.errors.jsonl`` beside ``OUT.jsonl``."""
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


def _jsonl_ids(path: Path) -> list[str]:
    ids: list[str] = []
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                ids.append(str(json.loads(line)["doc_id"]))
            except (ValueError, KeyError, TypeError):
                raise InputError(
                    f"cannot resume: {path}:{lineno} is not a record this tool wrote"
                ) from None
    return ids


def error_line(rec: Record, error_type: str, message: str) -> bytes:
    """One line of ``OUT.errors.jsonl``."""
    row = {"doc_id": rec.doc_id, "error_type": error_type, "message": message, "source": rec.source}
    # ids and messages were cleaned of lone surrogates; "replace" is the last guard
    return json.dumps(row, ensure_ascii=False).encode("utf-8", "replace") + b"\n"


class JsonlWriter(Writer):
    """``OUT.jsonl`` (one ArticleFacts per line) and ``OUT.errors.jsonl``; whole lines only."""

    def __init__(self, out: Path, *, resume: bool) -> None:
        self.paths = (out, errors_path(out))
        self.done = Counter()
        if resume:
            for i, p in enumerate(self.paths):
                if p.exists():
                    _trim_partial_line(p)
                    ids = _jsonl_ids(p)
                    self.done.update(ids)
                    if i == 1:
                        self.done_errors = len(ids)
        self.fh = [p.open("ab") for p in self.paths]
        self.buf: tuple[list[bytes], list[bytes]] = ([], [])
        self.saved = 0

    def add_ok(self, rec: Record, payload: str) -> None:
        self.buf[0].append(payload.encode("utf-8", "replace") + b"\n")

    def add_error(self, rec: Record, error_type: str, message: str) -> None:
        self.buf[1].append(error_line(rec, error_type, message))

    def end_chunk(self) -> None:
        for fh, lines, path in zip(self.fh, self.buf, self.paths, strict=True):
            if not lines:
                continue
            at = fh.tell()
            try:
                fh.write(b"".join(lines))  # one write of whole lines
                fh.flush()
            except OSError as exc:  # disk full: no half line may stay behind
                with contextlib.suppress(OSError):
                    fh.truncate(at)
                self.failed = True
                raise write_failed(path, exc) from None
            self.saved += len(lines)
            lines.clear()

    def close(self, *, complete: bool) -> int:
        try:
            if not self.failed:  # after a failed write, keep what is whole and stop
                self.end_chunk()
        finally:
            for fh in self.fh:
                with contextlib.suppress(OSError):
                    fh.close()
        return self.saved


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

    A stopped run (Ctrl-C, SIGTERM) writes the records it holds as a last, short part; a
    resumed run reads that part back and tops it up, so the parts are cut where an
    uninterrupted run cuts them and the bytes are the same.
    """

    def __init__(
        self, out: Path, *, part_size: int, resume: bool, keep: Sequence[str] = ()
    ) -> None:
        self.root = out
        self.part_size = part_size
        self.keep = tuple(keep)
        self.done = Counter()
        self.next_part = 0
        self.builder = TableBuilder(self.keep)  # rows of the part at hand
        self.count = 0  # records in this part
        self.saved = 0
        if resume and out.exists():
            self._recover()
        for name in TABLES:
            (out / name).mkdir(parents=True, exist_ok=True)

    def _recover(self) -> None:

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
                    ids = self._read(p, ["doc_id"])["doc_id"]
                    self.done.update(ids)
                    if name == "errors":
                        self.done_errors += len(ids)
        self.next_part = max(committed, default=-1) + 1
        if committed:
            self._check_schema(self.root / "articles" / f"part-{self.next_part - 1:06d}.parquet")
            self._reopen_last_part()

    def _check_schema(self, part: Path) -> None:
        """Refuse to append parts of another layout (another version, other --keep-columns)."""
        import pyarrow.parquet as pq

        from extractor.tables import schema

        have = pq.read_schema(part).names
        want = schema("articles", self.keep).names
        if have != want:
            extra = sorted(set(have) ^ set(want))
            raise InputError(
                f"cannot resume: {self.root} has other articles columns ({', '.join(extra)}): "
                "written by another version or with other --keep-columns; use --force"
            )

    def _read(self, path: Path, columns: list[str] | None = None) -> dict[str, list[Any]]:
        import pyarrow.parquet as pq

        try:
            return pq.read_table(path, columns=columns).to_pydict()
        except Exception as exc:
            raise InputError(f"cannot resume: {path} is unreadable: {one_line(exc)}") from None

    def _reopen_last_part(self) -> None:
        """Hold the rows of a short last part again, to top it up to ``part_size``."""
        import pyarrow.parquet as pq

        last = self.next_part - 1
        fname = f"part-{last:06d}.parquet"
        articles = self.root / "articles" / fname
        errors = self.root / "errors" / fname
        n = pq.read_metadata(articles).num_rows
        n += pq.read_metadata(errors).num_rows if errors.exists() else 0
        if n >= self.part_size:
            return
        ids = set(self._read(articles, ["doc_id"])["doc_id"])
        for name in TABLES:
            path = self.root / name / fname
            if not path.exists():
                continue
            rows = _rows(self._read(path))
            if name in FACT_TABLES:  # rows of a rewrite that a kill cut short are not committed
                rows = [r for r in rows if r["doc_id"] in ids]
            self.builder.rows[name] = rows
        self.count = n
        self.next_part = last

    def add_ok(self, rec: Record, payload: dict[str, list[dict[str, Any]]]) -> None:
        self.builder.add_rows(payload)
        self._count()

    def add_error(self, rec: Record, error_type: str, message: str) -> None:
        self.builder.add_error(rec.doc_id, error_type, message, rec.source)
        self._count()

    def _count(self) -> None:
        self.count += 1
        self.saved += 1
        if self.count >= self.part_size:
            self.flush()

    def flush(self, *, empty_ok: bool = False) -> None:
        import pyarrow.parquet as pq

        if not self.count and not empty_ok:
            return
        fname = f"part-{self.next_part:06d}.parquet"
        # rows stay Python objects until here: many small Arrow tables cost far more memory
        for name in _WRITE_ORDER:
            table = arrow_table(name, self.builder.rows[name], keep=self.keep)
            final = self.root / name / fname
            tmp = final.with_name(f".{fname}.tmp")
            try:
                pq.write_table(table, tmp, compression="zstd")
                os.replace(tmp, final)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                self.failed = True
                raise write_failed(final, exc) from None
        self.next_part += 1
        self.builder = TableBuilder(self.keep)
        self.count = 0

    def close(self, *, complete: bool) -> int:
        # an empty run still gets one (empty) part per table, so every table loads;
        # a stopped run writes what it holds (a resume tops that part up)
        if not self.failed:
            self.flush(empty_ok=complete and self.next_part == 0)
        return self.saved


def _rows(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


class OutputLock:
    """An exclusive lock on an output (a hidden ``.NAME.lock`` file beside it), so a second
    run on the same output is refused instead of interleaving with the first. The kernel
    drops the lock when a run dies; the file is removed when the run ends."""

    def __init__(self, out: Path) -> None:
        self.path = out.with_name(f".{out.name}.lock")
        self.fd: int | None = None

    def acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise write_failed(self.path.parent, exc) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise InputError(
                    f"another batch run is writing {self.path.with_name(self.path.name[1:-5])} "
                    f"(lock {self.path}); wait for it to end"
                ) from None
            try:  # the file may have been removed by the run that just ended
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self.fd = fd
                return
            os.close(fd)

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self.fd)
        self.fd = None


__all__ = ["JsonlWriter", "OutputError", "OutputLock", "ParquetWriter", "Writer", "errors_path"]
