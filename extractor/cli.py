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
        help="publication date, e.g. 2024-04-18; sets the reference date",
    )
    p.add_argument("--doc-id", metavar="ID", help="document id (default: the file stem)")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `python -m extractor x.txt | head`
        sys.stderr.close()
        return 0


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


def _show(args: argparse.Namespace) -> int:
    from extractor.io import InputError, read

    try:
        source = read(args.file)
    except InputError as exc:
        print(f"extractor: {exc}", file=sys.stderr)
        return 1
    doc_id = args.doc_id or ("stdin" if args.file == "-" else Path(args.file).stem)
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
        print(render(facts))
    return 0


# -- the human-readable summary -----------------------------------------------------


def _table(headers: list[str], rows: list[list[str]], width: int) -> str:
    """A plain-text table; the widest columns shrink to fit ``width``."""
    cells = [[("" if c is None else str(c)).replace("\n", " ") for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 12:
        widths[widths.index(max(widths))] -= 1

    def fmt(r: list[str]) -> str:
        return "  ".join(
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
            for c, w in zip(r, widths, strict=False)
        ).rstrip()

    return "\n".join([fmt(headers), "  ".join("─" * w for w in widths), *(fmt(r) for r in cells)])


def render(facts: ArticleFacts, width: int | None = None) -> str:
    """A summary a researcher can read at a glance."""
    width = width or min(shutil.get_terminal_size((110, 20)).columns, 140)
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
