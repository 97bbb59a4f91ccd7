"""Shared fixtures: one Extractor per test session, paths to the seeds and shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
#: why checks against ../shared (gold, seeds, dev, the reference scorer) are skipped
SHARED_ABSENT = (
    f"{SHARED} absent: the project's shared gold/dev data is not beside this clone, so the "
    "shared-gold checks are skipped (corpus/ checks still run)"
)


def pytest_report_header(config: pytest.Config) -> str:
    """Say up front whether the shared-gold checks run (a clean clone has no ../shared)."""
    if SHARED.is_dir():
        return f"shared data: {SHARED} (shared-gold checks run)"
    return f"shared data: {SHARED_ABSENT}"


def pytest_configure(config: pytest.Config) -> None:
    """Always list skip reasons in the summary (``-rs``): a skip is never silent."""
    chars = getattr(config.option, "reportchars", None)
    if isinstance(chars, str) and "s" not in chars and "a" not in chars.lower():
        config.option.reportchars = chars + "s"


@pytest.fixture(scope="session")
def extractor_():
    from extractor import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(CORPUS.glob("*.txt"))
    assert paths, "corpus/ has no seed articles"
    return paths
