"""Reading article files: bytes → text, with clear errors for what is not an article."""

from __future__ import annotations

import sys
from pathlib import Path


class InputError(Exception):
    """The input cannot be read as an article; the message is one line for the user."""


def read_text(path: str | Path) -> str:
    """Read an article file as UTF-8 (BOM stripped); ``-`` reads standard input."""
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
