"""Subcommands of the views: ``report``, ``export``, ``import-gold``.

    python -m extractor report OUT.parquet -o report.html
    python -m extractor export --format label-studio INPUT... -o tasks.json
    python -m extractor import-gold --format label-studio EXPORT.json GOLD_DIR

Each returns an exit code (0 success, 1 unreadable input or failed write, 2 usage error)
and reports errors in one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _fail(msg: str, code: int = 1) -> int:
    print(f"extractor: {msg}", file=sys.stderr)
    return code


def report_main(argv: list[str]) -> int:
    p = _Parser(
        prog="python -m extractor report",
        description="Write one HTML report page over a batch output (Parquet folder).",
    )
    p.add_argument("output", help="a batch output folder, e.g. out.parquet")
    p.add_argument("-o", "--out", required=True, metavar="HTML", help="report file to write")
    args = p.parse_args(argv)
    from extractor.views import report

    try:
        report.check_dependencies()
    except ImportError as exc:
        return _fail(str(exc), 2)
    try:
        path = report.write(args.output, args.out)
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _records(inputs: list[str]) -> Iterator[Any]:
    from extractor.batch import Fields, open_source

    for path in inputs:
        yield from open_source(path, Fields()).records()


def export_main(argv: list[str]) -> int:
    p = _Parser(
        prog="python -m extractor export",
        description="Write Label Studio tasks (text + extracted facts as predictions) "
        "and the labeling config (TASKS.xml beside TASKS.json).",
    )
    p.add_argument(
        "inputs", nargs="+", help="inputs as for batch: .txt folders, .jsonl, .csv, .parquet"
    )
    p.add_argument("--format", default="label-studio", choices=["label-studio"])
    p.add_argument("-o", "--out", required=True, metavar="TASKS.json")
    args = p.parse_args(argv)
    for path in args.inputs:
        if not Path(path).exists():
            return _fail(f"no such input: {path}")
    from extractor.pipeline import Extractor
    from extractor.views import labelstudio

    ex = Extractor()
    pairs: list[tuple[str, dict[str, Any]]] = []
    skipped = 0
    try:
        for rec in _records(args.inputs):
            if rec.error is not None or not isinstance(rec.text, str) or not rec.text.strip():
                skipped += 1
                print(
                    f"extractor: skipped {rec.doc_id}: {rec.error[1] if rec.error else 'no text'}",
                    file=sys.stderr,
                )
                continue
            try:
                facts = ex.extract(rec.text, doc_id=rec.doc_id, published=rec.published)
            except ValueError as exc:
                skipped += 1
                print(f"extractor: skipped {rec.doc_id}: {exc}", file=sys.stderr)
                continue
            pairs.append((rec.text, facts.model_dump(mode="json")))
        tasks, config = labelstudio.write_tasks(pairs, args.out)
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    print(
        f"wrote {len(pairs)} tasks to {tasks} and the labeling config to {config}"
        + (f"; {skipped} skipped" if skipped else ""),
        file=sys.stderr,
    )
    return 1 if skipped else 0


def import_gold_main(argv: list[str]) -> int:
    p = _Parser(
        prog="python -m extractor import-gold",
        description="Turn a Label Studio JSON export into SPEC gold files "
        "(GOLD_DIR/<doc_id>.json and .txt) that `evaluate` scores.",
    )
    p.add_argument("export", help="Label Studio export (JSON)")
    p.add_argument("gold_dir")
    p.add_argument("--format", default="label-studio", choices=["label-studio"])
    args = p.parse_args(argv)
    from extractor.views import labelstudio

    try:
        written = labelstudio.import_gold(args.export, args.gold_dir)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return _fail(f"cannot import {args.export}: {exc}")
    except json.JSONDecodeError as exc:  # pragma: no cover - a ValueError, kept for clarity
        return _fail(f"{args.export} is not JSON: {exc}")
    print(f"wrote {len(written)} gold files to {args.gold_dir}", file=sys.stderr)
    return 0


def write_html(path: str, text: str, facts: Any) -> int:
    """``python -m extractor FILE --html out.html``: write the article page."""
    from extractor.views.html import write_article

    try:
        write_article(path, text, facts)
    except OSError as exc:
        return _fail(f"cannot write {path}: {exc.strerror or exc}")
    print(f"wrote {path}", file=sys.stderr)
    return 0


COMMANDS = {"report": report_main, "export": export_main, "import-gold": import_gold_main}
