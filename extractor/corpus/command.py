"""``python -m extractor link OUT``: the command-line face of :func:`extractor.corpus.link`."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m extractor link",
        description="Link a batch output across articles: a people table (person_id on "
        "officials and quotes), a figures table (figure_id on statistics, conflicts between "
        "outlets) and near-duplicate articles (duplicate_of). Writes people/, figures/ and "
        "<table>_linked/ into a Parquet output (OUT.linked.parquet/ beside a JSONL output).",
    )
    p.add_argument("output", help="a batch output: OUT.parquet folder or OUT.jsonl")
    p.add_argument(
        "--texts",
        nargs="+",
        metavar="INPUT",
        default=[],
        help="the batch's inputs, to find near-duplicates on full texts "
        "(default: headlines, quotes and statistics stand in for the text)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run ``link``; 0 on success, 1 on an unusable output, 2 on a usage error."""
    ns = _parser().parse_args(argv)
    from extractor.corpus.linker import LinkError, link
    from extractor.io import InputError

    try:
        link(ns.output, texts=ns.texts, say=None if ns.quiet else _stderr)
    except (LinkError, InputError) as exc:
        print(f"python -m extractor link: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


__all__ = ["main"]
