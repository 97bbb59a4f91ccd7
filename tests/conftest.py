"""Shared fixtures: one Extractor per test session, paths to the seeds and shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor_():
    from extractor import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(CORPUS.glob("*.txt"))
    assert paths, "corpus/ has no seed articles"
    return paths
