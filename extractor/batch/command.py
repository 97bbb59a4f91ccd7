"""``python -m extractor batch INPUT... -o OUTPUT``: the command line of a batch run.

Exit codes: 0 every record gave facts; 3 the run finished but the output holds error
records (they are listed in ``OUT.errors.jsonl`` / ``OUT.parquet/errors``); 1 an input or
output problem (one line, nothing written); 2 a usage error; 130 stopped by Ctrl-C or
SIGTERM after saving every finished article (``--resume`` finishes the run).
"""

from __future__ import annotations

import argparse
import signal
import sys

from extractor.batch.readers import Fields
from extractor.batch.run import TIME_LIMIT, BatchOptions, run, stop_on_sigterm
from extractor.io import InputError

#: the run finished, but some records are error records
EXIT_ERRORS = 3
EXIT_INTERRUPTED = 130


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m extractor batch",
        description=(
            "Extract facts from many articles. Inputs: folders of .txt (recursive), .jsonl "
            "(.gz), .csv, .parquet. OUTPUT.jsonl gets one ArticleFacts per line and "
            "OUTPUT.errors.jsonl the failures; OUTPUT.parquet becomes a folder of tables "
            "(articles, officials, quotes, sanctions, statistics, dates, warnings, errors; "
            "see `python -m extractor schema --tables`)."
        ),
        epilog=(
            "Exit codes: 0 done, 3 done but some records are error records, 1 input or output "
            "problem, 2 usage error, 130 interrupted (finished articles are saved; --resume)."
        ),
    )
    p.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="folder of .txt, .jsonl(.gz), .csv or .parquet"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="OUTPUT", help="OUT.jsonl or OUT.parquet"
    )
    p.add_argument(
        "--workers", type=int, default=0, metavar="N",
        help="worker processes (default: all cores; more than the cores is capped)",
    )  # fmt: skip
    p.add_argument(
        "--chunk-size", type=int, default=32, metavar="N", help="articles per work unit (32)"
    )
    p.add_argument(
        "--part-size", type=int, default=5000, metavar="N", help="records per Parquet part (5000)"
    )
    p.add_argument(
        "--resume", action="store_true", help="continue a run: skip doc_ids OUTPUT already holds"
    )
    p.add_argument("--force", action="store_true", help="replace an existing OUTPUT")
    p.add_argument("--id-field", default="id", metavar="NAME", help="id column/key (id)")
    p.add_argument("--text-field", default="text", metavar="NAME", help="text column/key (text)")
    p.add_argument(
        "--published-field", default="published", metavar="NAME", help="date column (published)"
    )
    p.add_argument("--url-field", default="url", metavar="NAME", help="url column/key (url)")
    p.add_argument(
        "--keep-columns", default="", metavar="A,B",
        help="input columns to copy to the output (articles table; 'input' in JSONL), "
        "e.g. title,outlet,category",
    )  # fmt: skip
    p.add_argument(
        "--time-limit", type=float, default=TIME_LIMIT, metavar="SECONDS",
        help=f"per article; a slower one becomes an error record (default {TIME_LIMIT:g}; 0: none)",
    )  # fmt: skip
    p.add_argument(
        "--only-relevant", action="store_true",
        help="off-topic articles keep their articles row only (no officials, quotes … rows)",
    )  # fmt: skip
    p.add_argument("--html", metavar="DIR", help="also write article pages and an index to DIR")
    p.add_argument(
        "--html-sample",
        type=int,
        metavar="N",
        help="with --html: about N articles (a fixed sample)",
    )
    p.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="local processes or Dask"
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a local cluster)"
    )
    bar = p.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None,
        help="always show progress",
    )  # fmt: skip
    bar.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never show progress"
    )
    return p


def _keep(value: str, fields: tuple[str, ...]) -> tuple[str, ...]:
    keep = tuple(dict.fromkeys(c.strip() for c in value.split(",") if c.strip()))
    clash = [c for c in keep if c in fields]
    if clash:
        raise _UsageError(f"--keep-columns {clash[0]!r} is already read as id, text, date or url")
    return keep


def _options(argv: list[str] | None) -> BatchOptions:
    ns = _parser().parse_args(argv)
    if ns.workers < 0 or ns.chunk_size < 1 or ns.part_size < 1:
        raise _UsageError("--workers must be ≥ 0, --chunk-size and --part-size ≥ 1")
    if ns.scheduler and ns.engine != "dask":
        raise _UsageError("--scheduler needs --engine dask")
    if not ns.time_limit >= 0:  # also NaN
        raise _UsageError("--time-limit must be ≥ 0 seconds")
    if ns.html_sample is not None and (ns.html_sample < 1 or not ns.html):
        raise _UsageError("--html-sample needs --html DIR and a count ≥ 1")
    ids = (ns.id_field, ns.text_field, ns.published_field, ns.url_field)
    return BatchOptions(
        inputs=ns.inputs,
        output=ns.output,
        workers=ns.workers,
        chunk_size=ns.chunk_size,
        part_size=ns.part_size,
        resume=ns.resume,
        force=ns.force,
        fields=Fields(*ids, keep=_keep(ns.keep_columns, ids)),
        engine=ns.engine,
        scheduler=ns.scheduler,
        progress=ns.progress,
        time_limit=ns.time_limit or None,
        only_relevant=ns.only_relevant,
        html=ns.html,
        html_sample=ns.html_sample,
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor batch``; see the module docstring for the exit codes."""
    prog = "python -m extractor batch"
    try:
        opts = _options(argv)
    except _UsageError as exc:
        print(f"{prog}: error: {exc} (see --help)", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    old_term = stop_on_sigterm()
    try:
        summary = run(opts)
    except InputError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{prog}: interrupted before any output", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    print(summary.line(), file=sys.stderr)
    for note in summary.notes:
        print(note, file=sys.stderr)
    if summary.interrupted:
        print("interrupted: run the same command with --resume to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    if summary.total_errors:
        where = (
            f"{opts.output}/errors" if opts.output.lower().endswith(".parquet")
            else opts.output[: -len(".jsonl")] + ".errors.jsonl"
        )  # fmt: skip
        print(
            f"{summary.total_errors} records gave no facts: see {where} (exit 3)", file=sys.stderr
        )
        return EXIT_ERRORS
    return 0
