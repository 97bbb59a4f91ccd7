"""Language data: every pattern file validates, and none is orphaned."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import patterns


def test_every_pattern_file_validates():
    loaded = patterns.validate_all()
    assert "boilerplate" in loaded and "text" in loaded


def test_every_pattern_file_has_a_schema():
    patterns.validate_all()
    files = {p.stem for p in patterns.patterns_dir().glob("*.toml")}
    assert files == set(patterns.REGISTRY), (
        "a pattern file without a schema, or a schema without a file"
    )


def test_a_bad_pattern_file_fails_loudly(tmp_path: Path, monkeypatch):
    from extractor.text import TextLexicon

    (tmp_path / "text.toml").write_text('keep_whole = "not a list"\n', encoding="utf-8")
    monkeypatch.setenv("EXTRACTOR_PATTERNS", str(tmp_path))
    with pytest.raises(patterns.PatternError, match="schema"):
        patterns.load(TextLexicon)


def test_patterns_ship_inside_the_wheel():
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"patterns" = "extractor/patterns"' in pyproject
