"""The span invariant ``text[start:end] == span.text`` on any input, and in the CLI's JSON."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.models import ArticleFacts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))

needs_cli = pytest.mark.skipif(
    importlib.util.find_spec("extractor.cli") is None, reason="extractor.cli not written yet"
)


def read_as_cli(path: Path) -> str:
    """What the CLI analyses: the file as UTF-8 with a BOM stripped, newlines untouched."""
    return path.read_bytes().decode("utf-8-sig")


def assert_spans_index(facts: ArticleFacts, text: str) -> None:
    spans = facts.spans()
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span


# -- arbitrary input -----------------------------------------------------------------------


def _fragments() -> list[str]:
    """Lines and sentence pieces of the seed articles: realistic material to mix with noise."""
    out: list[str] = []
    for path in SEEDS:
        for line in read_as_cli(path).splitlines():
            line = line.strip()
            if line:
                out.append(line)
                out.extend(part + "." for part in line.split(". ") if len(part) > 20)
    return out or ["Sekda Bali Dewa Made Indra mengatakan ASN harus netral."]


FRAGMENTS = _fragments()
# what scrapes mix into articles: quote marks of all kinds, mojibake, markup, odd spaces
NOISE = [
    "“",
    "”",
    '"',
    "’’",
    "‘‘",
    ",,",
    "‚Äú",
    "‚Äù",
    "Ã©",
    "<b>",
    "</p>",
    "&nbsp;",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "\r\n",
    "\n\n",
    "\t",
    " | ",
    " – ",
    "(18/4/2024)",
    "Selasa (17/9)",
    "2.034 kasus",
    "ratusan ASN",
    "sanksi berat",
    "kata Agus.",
    "ujarnya.",
    "Baca Juga: ",
]

pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(NOISE),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
articles = st.lists(pieces, max_size=25).map("".join) | st.lists(pieces, max_size=12).map(
    "\n\n".join
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=articles)
def test_every_span_indexes_the_input(extractor_, text: str) -> None:
    facts = extractor_.extract(text, doc_id="prop")
    assert_spans_index(facts, text)
    ArticleFacts.model_validate_json(facts.model_dump_json())  # the output stays valid JSON


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_spans_with_bom_and_crlf(extractor_, path: Path) -> None:
    """Files saved on Windows: spans index the text as given, carriage returns included."""
    text = read_as_cli(path).replace("\n", "\r\n")
    assert_spans_index(extractor_.extract(text, doc_id=path.stem), text)


# -- the command line ------------------------------------------------------------------------


@needs_cli
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_cli_json_validates_and_spans_index_the_file(
    path: Path, extractor_, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from extractor import cli, pipeline

    # the CLI builds an Extractor per run; share the session's to keep the test fast
    monkeypatch.setattr(pipeline, "Extractor", lambda *a, **k: extractor_)
    assert cli.main([str(path), "--json"]) == 0
    facts = ArticleFacts.model_validate_json(capsys.readouterr().out)
    assert facts.doc_id == path.stem
    assert_spans_index(facts, read_as_cli(path))


@needs_cli
def test_python_m_extractor_json_on_a_seed(tmp_path: Path) -> None:
    """The real command, on a copy of a seed saved with a BOM."""
    src = SEEDS[0]
    path = tmp_path / src.name
    path.write_bytes(b"\xef\xbb\xbf" + src.read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "extractor", str(path), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    facts = ArticleFacts.model_validate(json.loads(run.stdout))
    assert facts.doc_id == src.stem
    assert_spans_index(facts, read_as_cli(path))
