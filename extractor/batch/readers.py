"""Batch inputs: folders of ``.txt``, JSON Lines (also gzip), CSV and Parquet → :class:`Record`.

Every input record becomes exactly one Record: an article to extract, or one with
``error`` set (bad JSON, a broken CSV row, an unreadable file part). Text that is not
UTF-8 is read as Windows-1252 with a warning, per JSONL line and per CSV record as for
``.txt`` files; lone surrogates (``"\\ud800"`` in JSON, non-UTF-8 file names) are replaced
so that every id and text can be written as UTF-8.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from extractor.io import InputError, decode_lenient, fs_name, replace_surrogates
from extractor.tables import as_text, none_if_missing, one_line

#: a CSV record longer than this is taken for an unterminated quote (no article is this long)
MAX_CSV_RECORD = 16 << 20
#: the most lines one CSV record may span before it is taken for an unterminated quote
MAX_CSV_LINES = 10_000


@dataclass(slots=True)
class Record:
    """One article to extract, or (``error`` set) one that could not be read."""

    doc_id: str
    text: Any = None
    published: Any = None
    url: str | None = None
    source: str = ""
    error: tuple[str, str] | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    #: (code, message) pairs for the article's warnings, e.g. how its bytes were decoded
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def as_task(self) -> tuple[Any, ...]:
        """What a worker process needs: (doc_id, text, published, url, error, meta, warnings)."""
        return (
            self.doc_id,
            self.text,
            self.published,
            self.url,
            self.error,
            self.meta,
            self.warnings,
        )


@dataclass(frozen=True, slots=True)
class Fields:
    """Column / key names of tabular inputs, and the columns kept in the output."""

    id: str = "id"
    text: str = "text"
    published: str = "published"
    url: str = "url"
    keep: tuple[str, ...] = ()


def _clean(value: Any) -> Any:
    """A string with its lone surrogates replaced (anything else as it is)."""
    return replace_surrogates(value)[0] if isinstance(value, str) else value


class Source:
    """One input path; :meth:`records` streams its records in a stable order.

    ``notes`` counts what a user should hear about after the run (records without an id,
    without a published date); ``start_warnings`` what they should hear before it.
    """

    def __init__(self, path: Path, fields: Fields) -> None:
        self.path = path
        self.fields = fields
        self.notes: Counter[str] = Counter()
        self.start_warnings: list[str] = []
        #: "id" / "published" when the whole input lacks that column (said before the run)
        self.missing: set[str] = set()

    def records(self) -> Iterator[Record]:  # pragma: no cover - abstract
        raise NotImplementedError

    def count(self) -> int | None:
        """How many records, when that is cheap to know (for the progress bar)."""
        return None

    def _check_columns(self, names: list[str]) -> None:
        """The text column is required; a missing id, published or kept column is said once."""
        f = self.fields
        if f.text not in names:
            raise InputError(
                f"{self.path}: no text column {f.text!r} (columns: {', '.join(names) or 'none'}); "
                "use --text-field"
            )
        if f.id not in names:
            self.missing.add("id")
            self.start_warnings.append(
                f"{self.path}: no id column {f.id!r}: doc_ids are {self._stem()}:ROW "
                "(use --id-field)"
            )
        if f.published not in names:
            self.missing.add("published")
            self.start_warnings.append(
                f"{self.path}: no published column {f.published!r}: relative dates resolve only "
                "against dates in the text (use --published-field)"
            )
        for col in f.keep:
            if col not in names:
                self.start_warnings.append(f"{self.path}: no column {col!r} to keep; left empty")

    def _stem(self) -> str:
        return fs_name(self.path.name.split(".")[0])

    def _from_mapping(self, row: dict[str, Any], fallback_id: str, where: str) -> Record:
        f = self.fields
        raw_id = none_if_missing(row.get(f.id))
        if raw_id is None or raw_id == "":
            self.notes["no id"] += 1
            doc_id = fallback_id
        else:
            doc_id = str(raw_id)
        doc_id, bad_id = replace_surrogates(doc_id)
        published = _clean(none_if_missing(row.get(f.published)))
        if published is None:
            self.notes["no published"] += 1
        rec = Record(
            doc_id=doc_id,
            text=row.get(f.text),
            published=published,
            url=_clean(as_text(row.get(f.url))),
            source=_clean(where),
            meta={c: _clean(as_text(row.get(c))) for c in f.keep},
        )
        if bad_id:
            rec.warnings.append(
                ("surrogates_replaced", f"the id held {bad_id} lone surrogate(s), now U+FFFD")
            )
        if f.text not in row:
            rec.error = ("MissingText", f"no {f.text!r} field (keys: {', '.join(map(str, row))})")
        return rec


class TextFiles(Source):
    """A folder of ``.txt`` articles (recursive) or one ``.txt`` file."""

    def __init__(self, path: Path, fields: Fields) -> None:
        super().__init__(path, fields)
        if path.is_dir():
            files = sorted(
                (p for p in path.rglob("*.txt") if p.is_file()),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            if not files:
                raise InputError(f"{path}: no .txt files in this folder (nothing to do)")
            stems = Counter(p.stem for p in files)
            self.files = [
                (p, fs_name(p.stem if stems[p.stem] == 1 else p.relative_to(path).as_posix()))
                for p in files
            ]
        else:
            self.files = [(path, fs_name(path.stem))]

    def count(self) -> int:
        return len(self.files)

    def records(self) -> Iterator[Record]:
        from extractor.io import read

        for p, doc_id in self.files:
            where = fs_name(str(p))
            try:
                got = read(p)
            except InputError as exc:
                yield Record(doc_id=doc_id, source=where, error=("InputError", fs_name(str(exc))))
                continue
            warnings = [(w.code, fs_name(w.message)) for w in got.warnings]
            yield Record(doc_id=doc_id, text=got.text, source=where, warnings=warnings)


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _open_binary(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if _is_gzip(path) else path.open("rb")  # type: ignore[return-value]


def _count_lines(path: Path) -> int | None:
    if _is_gzip(path):
        return None
    n = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            n += block.count(b"\n")
    return n


class JsonLines(Source):
    """JSON Lines, plain or gzip-compressed; one article object per line."""

    def count(self) -> int | None:
        return _count_lines(self.path)

    def records(self) -> Iterator[Record]:
        stem = self._stem()
        lineno = 0
        try:
            with _open_binary(self.path) as fh:
                for lineno, raw in enumerate(fh, 1):
                    line = raw.strip()
                    if not line:
                        continue
                    fallback = f"{stem}:{lineno}"
                    where = f"{fs_name(str(self.path))}:{lineno}"
                    text, decoded = decode_lenient(line, name=where)
                    try:
                        obj = json.loads(text)
                    except json.JSONDecodeError as exc:
                        kind = "TruncatedRecord" if not raw.endswith(b"\n") else "JSONDecodeError"
                        yield Record(doc_id=fallback, source=where, error=(kind, one_line(exc)))
                        continue
                    if not isinstance(obj, dict):
                        msg = f"line holds a JSON {type(obj).__name__}, not an object"
                        yield Record(doc_id=fallback, source=where, error=("BadRecord", msg))
                        continue
                    rec = self._from_mapping(obj, fallback, where)
                    rec.warnings[:0] = [(w.code, w.message) for w in decoded]
                    yield rec
        except (EOFError, OSError, zlib.error) as exc:  # truncated or corrupt gzip stream
            path = fs_name(str(self.path))
            yield Record(
                doc_id=f"{stem}:{lineno + 1}",
                source=f"{path}:{lineno + 1}",
                error=(
                    "TruncatedInput",
                    f"{path}: unreadable after line {lineno}: {one_line(exc)}",
                ),
            )


class CsvFile(Source):
    """CSV with a header row (UTF-8, optional BOM; ``.csv.gz`` too).

    Records are cut from the bytes first (a record ends at a line end outside quotes) and
    decoded one at a time, so a stray non-UTF-8 byte costs one warning, not the rest of the
    file. A record that does not parse into the header's columns (an unterminated quote,
    a short row) becomes an error record, and reading goes on at the next line that starts
    a well-formed record.
    """

    def check(self) -> None:
        try:
            with _open_binary(self.path) as fh:
                head = fh.readline()
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{self.path}: cannot read CSV header: {one_line(exc)}") from None
        head = head.removeprefix(b"\xef\xbb\xbf")
        text, _ = decode_lenient(head)
        try:
            header = next(csv.reader([text]), [])
        except csv.Error as exc:
            raise InputError(f"{self.path}: cannot read CSV header: {one_line(exc)}") from None
        self.header = [h.strip() for h in header]
        self._check_columns(self.header)

    def _lines(self, fh: BinaryIO) -> Iterator[bytes]:
        first = True
        for raw in fh:
            if first:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
                first = False
            yield raw

    def records(self) -> Iterator[Record]:
        csv.field_size_limit(sys.maxsize)
        stem, path = self._stem(), fs_name(str(self.path))
        row_no = 0
        width = len(self.header)

        def parse(raw_lines: list[bytes]) -> _Parsed:
            text, decoded = decode_lenient(b"".join(raw_lines), name="this record")
            return _parse_row(text, width), text, decoded

        try:
            with _open_binary(self.path) as fh:
                lines = self._lines(fh)
                next(lines, None)  # the header, read by check()
                for first_line, n_lines, (row, text, decoded) in _csv_records(lines, 2, parse):
                    row_no += 1
                    where = f"{path}:{first_line}"
                    fallback = f"{stem}:{row_no}"
                    if isinstance(row, str):  # not a well-formed record
                        doc_id = _guess_id(text, self.header, self.fields.id) or fallback
                        lines_ = f"{n_lines} line{'s' * (n_lines > 1)}"
                        yield Record(
                            doc_id=replace_surrogates(doc_id)[0],
                            source=where,
                            error=("BadRecord", f"malformed CSV record ({lines_}): {row}"),
                        )
                        continue
                    rec = self._from_mapping(
                        dict(zip(self.header, row, strict=True)), fallback, where
                    )
                    rec.warnings[:0] = [
                        (w.code, w.message.replace("this record", where, 1)) for w in decoded
                    ]
                    yield rec
        except (OSError, EOFError, zlib.error) as exc:
            yield Record(
                doc_id=f"{stem}:{row_no + 1}",
                source=f"{path}: row {row_no + 1}",
                error=("TruncatedInput", f"{path}: unreadable after row {row_no}: {one_line(exc)}"),
            )


_Parsed = tuple["list[str] | str", str, list[Any]]


def _parse_row(text: str, width: int) -> list[str] | str:
    """The fields of one CSV record, or what is wrong with it."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return one_line(exc)
    if len(rows) != 1:
        return f"{len(rows)} rows where one was expected"
    if len(rows[0]) != width:
        return f"{len(rows[0])} fields where the header has {width}"
    return rows[0]


def _guess_id(text: str, header: list[str], id_col: str) -> str | None:
    """The id of a malformed record when its first line still shows a plausible one."""
    if id_col not in header:
        return None
    first = text.split("\n", 1)[0]
    try:
        fields = next(csv.reader([first]), [])
    except csv.Error:
        return None
    i = header.index(id_col)
    value = fields[i].strip() if i < len(fields) else ""
    plausible = 0 < len(value) <= 64 and not any(c.isspace() or c == '"' for c in value)
    return value if plausible else None


def _csv_records(
    lines: Iterator[bytes], start: int, parse: Callable[[list[bytes]], _Parsed]
) -> Iterator[tuple[int, int, _Parsed]]:
    """(first line number, number of lines, parsed) for each CSV record.

    A record is complete at a line end where its quote characters are balanced. When that
    does not happen (an unterminated quote) within :data:`MAX_CSV_LINES` lines, the size
    limit or the end of the file, or when a record of several lines does not parse, the
    record's first line alone is given (an error record) and the lines after it are read
    again as new records: one broken row costs one row.
    """
    pending: list[bytes] = []  # lines to read again after a broken record, last first
    lineno = start

    def next_line() -> bytes | None:
        return pending.pop() if pending else next(lines, None)

    while True:
        line = next_line()
        if line is None:
            return
        buf, quotes, size = [line], line.count(b'"'), len(line)
        while quotes % 2 and len(buf) < MAX_CSV_LINES and size < MAX_CSV_RECORD:
            more = next_line()
            if more is None:
                break
            buf.append(more)
            quotes += more.count(b'"')
            size += len(more)
        parsed = parse(buf) if not quotes % 2 else None
        if len(buf) > 1 and (parsed is None or isinstance(parsed[0], str)):
            pending.extend(reversed(buf[1:]))  # give the first line alone, re-read the rest
            buf = buf[:1]
            parsed = None
        if buf[0].strip():
            yield lineno, len(buf), parsed or parse(buf)
        lineno += len(buf)


class ParquetFile(Source):
    """A Parquet file with id/text/published/url columns. A file that cannot be opened
    (truncated, not Parquet) becomes one error record and the run goes on."""

    def __init__(self, path: Path, fields: Fields) -> None:
        super().__init__(path, fields)
        self.broken: str | None = None
        self.pf: Any = None

    def check(self) -> None:
        import pyarrow.parquet as pq

        try:
            self.pf = pq.ParquetFile(self.path)
        except Exception as exc:  # ArrowInvalid, OSError: truncated or not Parquet
            self.broken = f"{self.path}: not a readable Parquet file: {one_line(exc)}"
            self.start_warnings.append(f"{self.broken}; it becomes one error record")
            return
        self._check_columns(self.pf.schema_arrow.names)

    def count(self) -> int:
        return 1 if self.pf is None else self.pf.metadata.num_rows

    def records(self) -> Iterator[Record]:
        stem, path = self._stem(), fs_name(str(self.path))
        if self.pf is None:
            yield Record(doc_id=stem, source=path, error=("TruncatedInput", self.broken or path))
            return
        f = self.fields
        names = self.pf.schema_arrow.names
        wanted = [c for c in (f.id, f.text, f.published, f.url, *f.keep) if c in names]
        row_no = 0
        try:
            for batch in self.pf.iter_batches(batch_size=1024, columns=list(dict.fromkeys(wanted))):
                for row in batch.to_pylist():
                    row_no += 1
                    yield self._from_mapping(row, f"{stem}:{row_no}", f"{path}: row {row_no}")
        except Exception as exc:  # a corrupt row group: report it, keep what was read
            yield Record(
                doc_id=f"{stem}:{row_no + 1}",
                source=f"{path}: row {row_no + 1}",
                error=("TruncatedInput", f"{path}: unreadable after row {row_no}: {one_line(exc)}"),
            )


def open_source(path: str | Path, fields: Fields) -> Source:
    """The reader for ``path``, chosen by its suffix; checks columns before any work starts."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{fs_name(str(p))}: no such file or folder")
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
        f"{fs_name(str(p))}: unknown input type; use a folder of .txt, .jsonl(.gz), .csv or .parquet"
    )


__all__ = ["Fields", "Record", "Source", "open_source"]
