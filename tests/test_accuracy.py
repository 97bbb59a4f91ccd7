"""Extraction quality against gold: SPEC scoring on corpus/ and, when present, ../shared/gold.

The scores are printed in pytest's terminal summary ("extraction accuracy" sections), so
they show in every CI log, passing or failing. A test fails when a score drops below its
floor in FLOORS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import evaluate
from extractor.evaluate import Report

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# ==========================================================================================
# FLOORS — the lead updates this table at the end of each session: a few points under what
# the pipeline then reaches, so that a regression fails CI. Keys are categories (F1) or
# attributes (accuracy over matched records; no match at all counts as 0).
# ==========================================================================================
# Floors on ../shared/gold (50 articles) sit a few points under what the pipeline reaches at
# the end of session 2 (officials 0.97, quotes 1.00 / 0.99, sanctions 0.99, statistics 0.93,
# dates 0.99; speakers 1.00 / 1.00; see README "Accuracy"), so a regression fails CI.
_SHARED = {
    "officials": 0.95,
    "quotes.direct": 0.97,
    "quotes.indirect": 0.95,
    "sanctions": 0.95,
    "statistics": 0.90,
    "dates": 0.97,
    "official.position": 0.95,
    "official.organization": 0.93,
    "quotes.direct.speaker": 0.97,
    "quotes.indirect.speaker": 0.97,
    "sanctions.status": 0.90,
    "statistics.year": 0.93,
    "statistics.topic": 0.93,
}
# corpus/firstlook (22 articles, 21 outlets): its first look, before any tuning, is in the
# README; statistics and sanctions classes were fixed after it. Floors guard against
# regressions only and stay well under today's scores (officials 0.79, statistics 0.82).
_FIRSTLOOK = {
    "officials": 0.75,
    "quotes.direct": 0.85,
    "quotes.indirect": 0.92,
    "sanctions": 0.90,
    "statistics": 0.75,
    "dates": 0.95,
    "quotes.direct.speaker": 0.85,
    "quotes.indirect.speaker": 0.90,
}
FLOORS: dict[str, dict[str, float]] = {
    # the five seed articles in corpus/; statistics.year has only 13 matches there, and two
    # money-politics counts in seed 002 ("Dari pilkada hanya satu kasus") name no year
    # (gold: null) while the extractor falls back to the article's election year (2024)
    "corpus": {**_SHARED, "statistics.year": 0.80},
    "firstlook": _FIRSTLOOK,
    "shared": _SHARED,  # ../shared/gold: seeds + 45 dev articles
}

DATASETS: dict[str, tuple[Path, list[Path]]] = {
    # name: (gold folder, folders holding <doc_id>.txt)
    "corpus": (ROOT / "corpus", [ROOT / "corpus"]),
    "firstlook": (ROOT / "corpus" / "firstlook", [ROOT / "corpus" / "firstlook"]),
    "shared": (SHARED / "gold", [SHARED / "seeds", SHARED / "dev"]),
}


class _ScoreTables:
    """A pytest plugin that prints the score tables in the terminal summary."""

    def __init__(self) -> None:
        self.tables: dict[str, str] = {}

    def pytest_terminal_summary(self, terminalreporter) -> None:
        for name, table in self.tables.items():
            terminalreporter.write_sep("=", f"extraction accuracy: {name}")
            terminalreporter.write_line(table)


@pytest.fixture(scope="session")
def score_tables(request: pytest.FixtureRequest) -> _ScoreTables:
    plugin = _ScoreTables()
    request.config.pluginmanager.register(plugin, "extractor-score-tables")
    return plugin


_REPORTS: dict[str, Report] = {}


def _table(name: str, report: Report) -> str:
    floors = FLOORS[name]
    lines = [report.format(documents=False), "", "floors:"]
    for key, floor in floors.items():
        value = _value(report, key)
        mark = "ok" if value >= floor else "BELOW"
        lines.append(f"  {key:24} {value:.3f} >= {floor:.3f}  {mark}")
    return "\n".join(lines)


def _value(report: Report, key: str) -> float:
    if key in report.counts:
        return report.counts[key].f1
    acc = report.accuracy.get(key)
    return acc.value if acc is not None and acc.value is not None else 0.0


@pytest.fixture
def report_of(extractor_, score_tables: _ScoreTables):
    """Score a dataset once per session with the shared Extractor."""

    def get(name: str) -> Report:
        if name not in _REPORTS:
            gold_dir, text_dirs = DATASETS[name]
            if not gold_dir.is_dir():
                pytest.skip(
                    f"{gold_dir} absent ({name} floors need the shared gold beside the repo)"
                )
            report = evaluate.evaluate(gold_dir, text_dirs, extractor=extractor_)
            _REPORTS[name] = report
            table = _table(name, report)
            score_tables.tables[name] = table
            print(f"\nextraction accuracy: {name}\n{table}")
        return _REPORTS[name]

    return get


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_gold_document_has_its_text(name: str, report_of) -> None:
    assert report_of(name).missing_docs == []


@pytest.mark.parametrize(
    ("name", "key"), [(name, key) for name, floors in FLOORS.items() for key in floors]
)
def test_score_at_or_above_floor(name: str, key: str, report_of) -> None:
    value = _value(report_of(name), key)
    assert value >= FLOORS[name][key], f"{name} {key}: {value:.3f} < floor {FLOORS[name][key]}"


def test_corpus_gold_is_in_step_with_the_shared_gold() -> None:
    """corpus/*.json are copies of ../shared/gold: say which drifted when gold is revised."""
    shared = SHARED / "gold"
    if not shared.is_dir():
        pytest.skip(f"{shared} absent: nothing to compare corpus/*.json with")
    import json

    drifted = [
        p.name
        for p in sorted((ROOT / "corpus").glob("*.json"))
        if (shared / p.name).is_file()
        and json.loads(p.read_text(encoding="utf-8"))
        != json.loads((shared / p.name).read_text(encoding="utf-8"))
    ]
    assert not drifted, f"corpus/ gold differs from {shared}: {drifted}; copy the revised files in"
