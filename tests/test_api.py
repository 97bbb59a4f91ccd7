"""The public API a notebook user touches: import, extract, Extractor, pipe, records."""

from __future__ import annotations

import subprocess
import sys

import pytest

import extractor
from extractor.models import ArticleFacts

ARTICLE = (
    "Bawaslu Ingatkan ASN Netral\n\n"
    "JAKARTA, contoh.com - Ketua Bawaslu Kota Contoh Budi Santoso mengatakan ASN harus netral.\n"
    "“Kami akan menindak tegas,” kata Budi, Senin (12/8/2024).\n"
)


def test_import_is_cheap():
    code = "import sys, extractor; print('spacy' in sys.modules, 'dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_public_api_names():
    for name in (
        "extract",
        "Extractor",
        "ArticleFacts",
        "Official",
        "Quote",
        "Sanction",
        "Statistic",
        "DateMention",
        "Span",
    ):
        assert hasattr(extractor, name), name
    from extractor.normalize import parse_date, parse_number

    assert callable(parse_number) and callable(parse_date)


def test_extract_returns_article_facts_with_doc_id():
    facts = extractor.extract(ARTICLE, doc_id="a1")
    assert isinstance(facts, ArticleFacts)
    assert facts.doc_id == "a1"
    assert facts.schema_version == "1"
    assert facts.headline == "Bawaslu Ingatkan ASN Netral"
    assert facts.dateline == "JAKARTA"
    assert facts.outlet == "contoh.com"


def test_published_sets_reference_date():
    facts = extractor.extract(ARTICLE, published="2024-08-13")
    assert facts.published == "2024-08-13"
    assert facts.reference_date == "2024-08-13"


def test_bad_published_is_a_clear_error():
    with pytest.raises(ValueError, match="published"):
        extractor.extract(ARTICLE, published="sometime soon")


def test_non_text_input_is_a_clear_error():
    with pytest.raises(TypeError, match="str"):
        extractor.extract(b"bytes are not text")  # type: ignore[arg-type]


def test_extractor_pipe_streams_in_order(extractor_):
    texts = [ARTICLE, "Judul\n\nIsi berita pendek.", ARTICLE]
    out = list(extractor_.pipe(texts))
    assert [f.doc_id for f in out] == ["0", "1", "2"]
    assert out[0].model_dump(exclude={"doc_id"}) == out[2].model_dump(exclude={"doc_id"})


def test_pipe_accepts_records(extractor_):
    recs = [{"id": "x", "text": ARTICLE, "published": "2024-08-13"}]
    (facts,) = extractor_.pipe(recs)
    assert facts.doc_id == "x" and facts.reference_date == "2024-08-13"


def test_json_round_trip():
    facts = extractor.extract(ARTICLE, doc_id="rt")
    again = ArticleFacts.model_validate_json(facts.model_dump_json())
    assert again == facts


def test_spans_of_repaired_html_point_at_the_words_not_the_tags():
    html = (
        "<html><body><h1>Bawaslu Ingatkan ASN</h1>"
        "<p>JAKARTA - Ketua Bawaslu Kota Contoh <b>Budi Santoso</b> mengatakan ASN harus netral.</p>"
        "<p>“Kami akan menindak tegas,” kata <b>Budi</b>\u200b.</p></body></html>"
    )
    facts = extractor.extract(html)
    assert any("HTML" in w for w in facts.warnings)
    assert facts.spans(), "nothing extracted from the HTML page"
    for span in facts.spans():
        assert html[span.start : span.end] == span.text
        assert "<" not in span.text and ">" not in span.text and "\u200b" not in span.text


def test_a_thousand_digit_number_is_not_a_crash():
    facts = extractor.extract("Judul\n\nAda " + "1" * 1000 + " kasus pelanggaran.")
    assert all(isinstance(s.value, int | float) for s in facts.statistics)
