"""Command line: ``python -m extractor FILE`` and its subcommands.

    python -m extractor FILE [--json] [--published DATE]   spot-check one article ('-' = stdin)
    python -m extractor schema                             JSON Schema of ArticleFacts
    python -m extractor evaluate GOLD_DIR [TEXT_DIR...]    SPEC scoring against gold (--pred, --json)
    python -m extractor batch INPUT... -o OUTPUT           corpus runs (JSONL / Parquet)
    python -m extractor link OUTPUT [--texts INPUT...]     people, figures, duplicates over a batch output

Exit codes: 0 success, 1 unreadable input, 2 usage error; errors are one line, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from extractor.models import ArticleFacts

SUBCOMMANDS = ("schema", "evaluate", "batch", "show", "report", "export", "import-gold", "link")


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error message (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _show_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m extractor",
        description="Extract officials, quotes, sanctions, statistics and dates from one "
        "Indonesian news article and print a summary (or --json).",
        epilog="Subcommands: schema | evaluate GOLD_DIR [TEXT_DIR] | batch INPUT... -o OUTPUT "
        "| link OUTPUT (each has --help). A file literally named like a subcommand: use ./NAME.",
    )
    p.add_argument("file", help="article text file (UTF-8); '-' reads standard input")
    p.add_argument("--json", action="store_true", help="print ArticleFacts as JSON (SPEC.md)")
    p.add_argument(
        "--html", metavar="OUT.html", help="also write a self-contained HTML page of the article"
    )
    p.add_argument(
        "--published",
        metavar="DATE",
        type=_published_arg,
        help="publication date, e.g. 2024-04-18 or 2024-04-18T09:15; sets the reference date",
    )
    p.add_argument("--doc-id", metavar="ID", help="document id (default: the file stem)")
    p.add_argument(
        "--width",
        type=_width_arg,
        metavar="N",
        help="wrap the summary at N columns (default: the terminal's, else 100); "
        "cells wrap, names are never cut",
    )
    return p


def _published_arg(value: str) -> str:
    """``--published`` read as the API reads it, so a bad date stops before any work."""
    from extractor.normalize.dates import parse_published

    iso = parse_published(value)
    if iso is None:
        raise argparse.ArgumentTypeError(
            f"cannot read {value!r} as a date; use ISO 8601 such as 2024-04-18 or 2024-04-18T09:15"
        )
    return iso


def _width_arg(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        width = 0
    if width < 40:
        raise argparse.ArgumentTypeError(f"{value!r} is not a width of 40 columns or more")
    return width


#: file endings of corpora: ``batch`` reads them, the one-article command does not
_CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".parquet", ".jsonl.gz", ".csv.gz")


def _corpus_hint(path: str, text: str | None = None) -> str | None:
    """Why ``path`` looks like a corpus rather than one article (None when it does not)."""
    name = path.lower()
    if path != "-" and Path(path).is_dir():
        return f"{path} is a folder"
    ending = next((e for e in _CORPUS_SUFFIXES if name.endswith(e)), None)
    if ending is not None:
        return f"{path} is a {ending.lstrip('.').upper()} file"
    if text is not None and text.lstrip().startswith("{"):
        first = text.lstrip().split("\n", 1)[0]
        try:
            record = json.loads(first)
        except ValueError:
            return None
        if isinstance(record, dict) and ("text" in record or "content" in record):
            return f"{path} holds JSON records"
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        status = _dispatch(argv)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk shows here, not at exit as a traceback
        return status
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `python -m extractor x.txt | head`
        _silence_stdout()
        return 0
    except OSError as exc:  # ENOSPC on `--json > /dev/full`, an unwritable output …
        _silence_stdout()
        where = f": {exc.filename}" if exc.filename else " (standard output)"
        print(f"extractor: cannot write{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot raise again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, AttributeError, ValueError):
        pass


def _dispatch(argv: list[str]) -> int:
    cmd = argv[0] if argv else ""
    if cmd == "schema":
        return _schema(argv[1:])
    if cmd == "evaluate":
        from extractor import evaluate

        return evaluate.main(argv[1:])
    if cmd == "batch":
        from extractor import batch

        return batch.main(argv[1:])
    if cmd == "link":
        from extractor.corpus.command import main as link_main

        return link_main(argv[1:])
    if cmd in ("report", "export", "import-gold"):
        from extractor.views.commands import COMMANDS

        return COMMANDS[cmd](argv[1:])
    if cmd == "show":
        argv = argv[1:]
    return _show(_show_parser().parse_args(argv))


def _schema(argv: list[str]) -> int:
    p = _Parser(
        prog="python -m extractor schema", description="Print the JSON Schema of ArticleFacts."
    )
    p.add_argument(
        "--tables",
        action="store_true",
        help="instead: the data dictionary (JSON Schema per table) of batch's Parquet tables",
    )
    ns = p.parse_args(argv)
    if ns.tables:
        from extractor.tables import data_dictionary

        print(json.dumps(data_dictionary(), indent=2, ensure_ascii=False))
        return 0
    from extractor.models import ArticleFacts

    print(json.dumps(ArticleFacts.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def _printable(name: str) -> str:
    """A file name that is not UTF-8 (``caf\\xe9.txt``) arrives with lone surrogates, which
    JSON cannot hold: its undecodable bytes become U+FFFD."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        raw = name.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


def _show(args: argparse.Namespace) -> int:
    from extractor.io import InputError, read

    hint = _corpus_hint(args.file)
    if hint is None and args.file == "-" and (sys.stdin is None or sys.stdin.closed):
        print("extractor: standard input is closed; give a file name", file=sys.stderr)
        return 1
    if hint is None:
        try:
            source = read(args.file)
        except InputError as exc:
            print(f"extractor: {exc}", file=sys.stderr)
            return 1
        hint = _corpus_hint(args.file, source.text)
    if hint is not None:
        print(
            f"extractor: {hint}: this looks like a corpus, not one article; use "
            f"`python -m extractor batch {args.file} -o OUTPUT`",
            file=sys.stderr,
        )
        return 2
    doc_id = _printable(args.doc_id or ("stdin" if args.file == "-" else Path(args.file).stem))
    from extractor.pipeline import Extractor

    try:
        facts = Extractor().extract(source.text, doc_id=doc_id, published=args.published)
    except ValueError as exc:  # a --published the normaliser cannot read
        print(f"extractor: {exc}", file=sys.stderr)
        return 2
    facts.warnings[:0] = source.warnings  # how the file was decoded, e.g. a Windows-1252 fallback
    if args.html:
        from extractor.views.commands import write_html

        if write_html(args.html, source.text, facts):
            return 1
    if args.json:
        print(facts.model_dump_json(indent=2))
    else:
        print(render(facts, args.width))
    return 0


# -- the human-readable summary -----------------------------------------------------


def _table(headers: list[str], rows: list[list[str]], width: int) -> str:
    """A plain-text table; the widest columns shrink to fit ``width`` and their cells wrap
    onto more lines (a name is never cut: the summary is read, copied and grepped)."""
    cells = [[("" if c is None else str(c)).replace("\n", " ") for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    # a column is not narrowed below its longest word: where that does not fit, one card a row
    floors = [
        max([len(h)] + [min(24, len(word)) for r in cells for word in r[i].split()])
        for i, h in enumerate(headers)
    ]
    if sum(floors) + 2 * (len(floors) - 1) > width:
        return _cards(headers, cells, width)
    while sum(widths) + 2 * (len(widths) - 1) > width:
        room = [w - f for w, f in zip(widths, floors, strict=True)]
        if max(room) <= 0:
            break
        widths[room.index(max(room))] -= 1

    def fmt(r: list[str]) -> list[str]:
        parts = [
            textwrap.wrap(c, w, break_on_hyphens=False) or [""]
            for c, w in zip(r, widths, strict=False)
        ]
        return [
            "  ".join(
                (p[k] if k < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=False)
            ).rstrip()
            for k in range(max(len(p) for p in parts))
        ]

    lines = [*fmt(headers), "  ".join("─" * w for w in widths)]
    for r in cells:
        lines.extend(fmt(r))
    return "\n".join(lines)


def _cards(headers: list[str], cells: list[list[str]], width: int) -> str:
    """A table too wide for ``width`` as one wrapped ``header: value`` block per row."""
    pad = max(len(h) for h in headers) + 2
    lines: list[str] = []
    for r in cells:
        lines.append("-" * min(width, 20))
        for h, c in zip(headers, r, strict=False):
            if c:
                lines.append(
                    textwrap.fill(
                        c, width, initial_indent=f"{h}:".ljust(pad), subsequent_indent=" " * pad
                    )
                )
    return "\n".join(lines)


def render(facts: ArticleFacts, width: int | None = None) -> str:
    """A summary a researcher can read at a glance."""
    if width is None:  # a terminal's width; piped output: 100 (cells wrap, nothing is cut)
        width = shutil.get_terminal_size((100, 20)).columns if sys.stdout.isatty() else 100
    out: list[str] = []
    title = facts.headline or "(no headline)"
    out.append(title)
    out.append("═" * min(len(title), width))
    meta = [
        ("id", facts.doc_id),
        ("outlet", facts.outlet),
        ("dateline", facts.dateline),
        ("published", facts.published),
        ("reference date", facts.reference_date),
    ]
    out.append("  ".join(f"{k}: {v}" for k, v in meta if v))

    def section(name: str, n: int) -> None:
        out.append("")
        out.append(f"{name} ({n})")

    section("Officials", len(facts.officials))
    if facts.officials:
        out.append(
            _table(
                ["name", "position", "organization", "region", "aka", "mentions"],
                [
                    [
                        o.name,
                        o.position,
                        o.organization,
                        o.region,
                        ", ".join(o.aliases),
                        str(len(o.mentions)),
                    ]
                    for o in facts.officials
                ],
                width,
            )
        )
    section("Quotes", len(facts.quotes))
    for q in facts.quotes:
        who = q.speaker or "(unknown speaker)"
        tag = f"[{q.kind}{', ' + q.cue if q.cue else ''}]"
        body = f"“{q.text}”" if q.kind == "direct" else q.text
        out.append(textwrap.fill(f"{who} → {body} {tag}", width, subsequent_indent="    "))
    section("Sanctions", len(facts.sanctions))
    if facts.sanctions:
        out.append(
            _table(
                ["type", "severity", "status", "words"],
                [
                    [s.type, s.severity or "", s.status, s.span.text if s.span else ""]
                    for s in facts.sanctions
                ],
                width,
            )
        )
    section("Statistics", len(facts.statistics))
    if facts.statistics:
        out.append(
            _table(
                ["value", "unit", "measure", "topic", "year", "as of", "region", "source", "words"],
                [
                    [
                        f"{'~' if s.approximate else ''}{s.value:g}"
                        if isinstance(s.value, float)
                        else f"{'~' if s.approximate else ''}{s.value:,}",
                        s.unit,
                        s.measure,
                        s.topic,
                        s.year or "",
                        s.as_of or "",
                        s.region or "",
                        s.source or "",
                        s.span.text if s.span else "",
                    ]
                    for s in facts.statistics
                ],
                width,
            )
        )
    section("Dates", len(facts.dates))
    if facts.dates:
        out.append(
            _table(
                ["as written", "value", "granularity", "relative"],
                [
                    [d.text, d.value, d.granularity, "yes" if d.relative else ""]
                    for d in facts.dates
                ],
                width,
            )
        )
    if facts.warnings:
        section("Warnings", len(facts.warnings))
        out.extend(textwrap.fill(f"! {w}", width, subsequent_indent="  ") for w in facts.warnings)
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
