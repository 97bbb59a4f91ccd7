"""Helpers shared by the batch test files (invented articles, running the CLI, reading output)."""

from __future__ import annotations

import json
from pathlib import Path

from extractor import batch


def article(i: int) -> str:
    """A short invented article with a quote and a date (fast to extract)."""
    return (
        f"Panwaslu Catat {i} Aduan\n\n"
        f"Ketua Panwaslu Kabupaten Sukamaju, Rudi Hartono mengatakan ada {i} aduan "
        f"pelanggaran netralitas ASN pada Selasa (19/3/2024).\n\n"
        f'"Semua aduan kami periksa," kata Rudi.'
    )


def run_main(*argv: str | Path) -> int:
    """``python -m extractor batch ARGV`` in this process; its exit code."""
    return batch.main([str(a) for a in argv])


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path: two outputs compare byte for byte."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
