"""The spot-check CLI as a researcher uses it: summary, --json, stdin, schema, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.models import ArticleFacts


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], input=stdin, capture_output=True, timeout=120
    )


@pytest.fixture(scope="module")
def seed(seed_paths) -> Path:
    return seed_paths[0]


def test_summary_on_a_seed(seed):
    r = run(str(seed))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    head = seed.read_text(encoding="utf-8-sig").splitlines()[0]
    assert out.splitlines()[0] == head
    for section in ("Officials", "Quotes", "Sanctions", "Statistics", "Dates"):
        assert section in out


def test_json_on_every_seed_is_spec_valid_and_spans_match(seed_paths):
    for path in seed_paths:
        r = run("--json", str(path))
        assert r.returncode == 0, r.stderr
        facts = ArticleFacts.model_validate_json(r.stdout)
        text = path.read_text(encoding="utf-8-sig")
        assert facts.doc_id == path.stem
        for span in facts.spans():
            assert text[span.start : span.end] == span.text


def test_stdin_and_published(seed):
    r = run("-", "--json", "--published", "2024-04-18", stdin=seed.read_bytes())
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["doc_id"] == "stdin" and d["published"] == "2024-04-18"
    assert d["reference_date"] == "2024-04-18"


def test_schema_is_json_schema():
    r = run("schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert set(schema["properties"]) >= {"officials", "quotes", "sanctions", "statistics", "dates"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("no-such-file.txt",), 1),
        (("--no-such-flag",), 2),
        ((), 2),
        (("x.txt", "--published", "kapan-kapan"), 2),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, code):
    if args and args[0] == "x.txt":
        (tmp_path / "x.txt").write_text("Judul\n\nIsi.", encoding="utf-8")
        args = (str(tmp_path / "x.txt"), *args[1:])
    r = run(*args)
    assert r.returncode == code
    err = r.stderr.decode().strip()
    assert err and "\n" not in err and "Traceback" not in err
