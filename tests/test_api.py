"""The public API a notebook user touches: import, extract, Extractor, pipe, records."""

from __future__ import annotations

import subprocess
import sys

import pytest

import extractor
from extractor.models import SCHEMA_VERSION, ArticleFacts

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
    assert facts.schema_version == SCHEMA_VERSION == "2"
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
    assert any(w.code == "html_stripped" for w in facts.warnings)
    assert facts.spans(), "nothing extracted from the HTML page"
    for span in facts.spans():
        assert html[span.start : span.end] == span.text
        assert "<" not in span.text and ">" not in span.text and "\u200b" not in span.text


def test_a_thousand_digit_number_is_not_a_crash():
    facts = extractor.extract("Judul\n\nAda " + "1" * 1000 + " kasus pelanggaran.")
    assert all(isinstance(s.value, int | float) for s in facts.statistics)


# -- structured warnings (schema version 2) ---------------------------------------------------


def test_warnings_are_structured_with_documented_codes():
    from extractor.models import WARNING_CODES, Warning, warn

    w = warn("truncated", "cut", None)
    assert isinstance(w, Warning) and (w.code, w.message, w.span) == ("truncated", "cut", None)
    with pytest.raises(ValueError, match="unknown warning code"):
        warn("truncatd", "a typo in a code fails loudly")
    doc = Warning.__doc__ or ""
    assert all(f"``{code}``" in doc for code in WARNING_CODES), "document every code"


def test_version_1_files_with_string_warnings_still_read():
    old = {"schema_version": "1", "doc_id": "a", "warnings": ["quote without a speaker"]}
    (w,) = ArticleFacts.model_validate(old).warnings
    assert (w.code, w.message) == ("legacy", "quote without a speaker")


def test_warning_spans_index_the_input_even_after_repair():
    # a zero-width space before the quote shifts every offset by one in the repaired text
    text = "Judul\n\n\u200bWarga bertanya. “Kami belum tahu hasilnya.”\n"
    facts = extractor.extract(text)
    codes = [w.code for w in facts.warnings]
    assert "invisible_removed" in codes and "speaker_unresolved" in codes
    (w,) = [w for w in facts.warnings if w.code == "speaker_unresolved"]
    assert w.span is not None and text[w.span.start : w.span.end] == w.span.text
    assert "Kami belum tahu" in w.span.text


def test_relative_dates_without_a_reference_date_are_reported():
    text = "Judul Berita\n\nRapat pleno digelar kemarin di kantor camat, kata warga.\n"
    facts = extractor.extract(text)
    assert facts.reference_date is None
    rel = [w for w in facts.warnings if w.code == "relative_date_unresolved"]
    assert rel and rel[0].span is not None and rel[0].span.text == "kemarin"
    # with a publication date it resolves, and nothing is reported
    facts = extractor.extract(text, published="2024-08-13")
    assert [d.value for d in facts.dates] == ["2024-08-12"]
    assert not [w for w in facts.warnings if w.code == "relative_date_unresolved"]


def test_empty_text_says_so():
    facts = extractor.extract("  \n ")
    assert [w.code for w in facts.warnings] == ["no_text"]


# -- pipe ---------------------------------------------------------------------------------------


def test_pipe_as_tuples_carries_the_context(extractor_):
    pairs = [(ARTICLE, {"row": 1}), ({"id": "b", "text": ARTICLE}, {"row": 2})]
    out = list(extractor_.pipe(pairs, as_tuples=True))
    assert [ctx for _, ctx in out] == [{"row": 1}, {"row": 2}]
    assert [f.doc_id for f, _ in out] == ["0", "b"]
    assert out[0][0].officials, "nothing extracted"


def test_pipe_tuples_without_as_tuples_is_a_clear_error(extractor_):
    with pytest.raises(TypeError, match="as_tuples=True"):
        list(extractor_.pipe([(ARTICLE, "ctx")]))
    with pytest.raises(TypeError, match="pairs"):
        list(extractor_.pipe([ARTICLE], as_tuples=True))


def test_pipe_record_without_text_is_a_clear_error(extractor_):
    with pytest.raises(ValueError, match=r"record 0 \(id 'a'\) has no 'text' field.*body"):
        list(extractor_.pipe([{"id": "a", "body": ARTICLE}]))


def test_pipe_record_with_empty_text_warns(extractor_):
    (facts,) = extractor_.pipe([{"id": "e", "text": ""}])
    assert facts.doc_id == "e" and [w.code for w in facts.warnings] == ["no_text"]


def test_pipe_record_with_null_id_takes_the_index(extractor_):
    (facts,) = extractor_.pipe([{"id": None, "text": ARTICLE}])
    assert facts.doc_id == "0"


@pytest.mark.parametrize("published", ["2019-09-20T25:00", "2019-02-30", "2019-09-20T10:61"])
def test_an_impossible_published_date_is_refused(published):
    with pytest.raises(ValueError, match="published"):
        extractor.extract(ARTICLE, published=published)
