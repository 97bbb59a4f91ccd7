"""The views: article HTML, batch pages, corpus report, spaCy component (invented text)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import extractor
from extractor.cli import main
from extractor.views.html import BatchHtml, marks, render_article

TEXT = (
    "Bawaslu Temukan ASN Tak Netral\n\n"
    "JAKARTA - Ketua Bawaslu Kabupaten Sleman Rizal Hartono mengatakan pihaknya menemukan "
    "12 ASN yang terbukti melanggar netralitas pada Pemilu 2024.\n\n"
    '"Mereka kami rekomendasikan untuk dijatuhi sanksi teguran tertulis," kata Rizal, '
    "Senin (4/3/2024).\n"
)


@pytest.fixture(scope="module")
def facts() -> extractor.ArticleFacts:
    return extractor.extract(TEXT, doc_id="inv-1", published="2024-03-05")


def _highlighted(page: str, kind: str) -> list[str]:
    """Texts of the segments underlined in ``kind``'s colour."""
    from extractor.views.html import KINDS

    colour = KINDS[kind][1]
    return [
        html.unescape(m)
        for m in re.findall(
            rf'<span class="hl" style="[^"]*{re.escape(colour)}[^"]*"[^>]*>([^<]*)</span>', page
        )
    ]


def test_article_page_highlights_every_fact_type(facts: extractor.ArticleFacts) -> None:
    page = render_article(TEXT, facts)
    assert page.startswith("<!DOCTYPE html>") and "http" not in page  # no network assets
    official = "".join(_highlighted(page, "official"))
    assert "Rizal Hartono" in official
    assert "Mereka kami rekomendasikan" in "".join(_highlighted(page, "direct"))
    assert "12" in "".join(_highlighted(page, "statistic"))
    assert "teguran tertulis" in "".join(_highlighted(page, "sanction"))
    assert "2024-03-04" in page  # the date's ISO value is on the page
    # the quote's tag names the speaker and links to the official's row
    assert re.search(r'class="tag k-direct"[^>]*href="#off-\d+"[^>]*>“ Rizal Hartono<', page)


def test_every_mark_is_rendered_at_its_span(facts: extractor.ArticleFacts) -> None:
    ms = marks(facts)
    assert ms, "the invented article has facts"
    page = render_article(TEXT, facts)
    for m in ms:
        assert f'id="{m.anchor}"' in page


def test_text_is_escaped_and_overlaps_stay_readable() -> None:
    text = 'Ketua KPU Budi Santoso mengatakan "ada 5 kasus pelanggaran & 2 < 3."'
    facts = extractor.extract(text)
    page = render_article(text, facts)
    assert "<script>" not in render_article("<script>alert(1)</script> Budi", facts)
    assert "&amp; 2 &lt; 3" in page
    # the page's visible text equals the article once tags are removed
    visible = re.sub(
        r'<a class="tag[^>]*>.*?</a>', "", page.split("<article>")[1].split("</article>")[0]
    )
    assert html.unescape(re.sub(r"<[^>]+>", "", visible)) == text


def test_repaired_text_keeps_highlights_on_the_right_words() -> None:
    text = "Ketua Bawaslu Andi Pratama mengatakan â€œ ada 3 ASN yang dilaporkan â€\x9d."
    facts = extractor.extract(text)
    page = render_article(text, facts)
    shown = page.split("<article>")[1].split("</article>")[0]
    assert "â€œ" not in shown and "“" in shown  # the repaired text is shown
    assert "Andi Pratama" in "".join(_highlighted(page, "official"))


def test_cli_html_writes_a_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "a.html"
    assert main([str(src), "--html", str(out)]) == 0
    assert "Rizal Hartono" in out.read_text(encoding="utf-8")


def test_batch_pages_and_index(tmp_path: Path, facts: extractor.ArticleFacts) -> None:
    pages = BatchHtml(tmp_path / "html")
    other = extractor.extract("Bupati Garut Wawan Setiadi meminta ASN netral.", doc_id="../x")
    assert pages.add(TEXT, facts) and pages.add(
        "Bupati Garut Wawan Setiadi meminta ASN netral.", other
    )
    index = pages.close().read_text(encoding="utf-8")
    files = sorted(p.name for p in (tmp_path / "html").iterdir())
    assert len(files) == 3 and "index.html" in files
    assert all(".." not in f and "/" not in f for f in files)
    assert "inv-1" in index and "../x" in index


def test_batch_sample_is_deterministic(tmp_path: Path, facts: extractor.ArticleFacts) -> None:
    kept = []
    for run in range(2):
        pages = BatchHtml(tmp_path / f"h{run}", sample=10, total=100)
        ids = [f"doc-{i}" for i in range(100)]
        kept.append(
            {
                i
                for i in (ids if run == 0 else reversed(ids))
                if pages.add(TEXT, facts.model_copy(update={"doc_id": i}))
            }
        )
    assert kept[0] == kept[1] and 2 <= len(kept[0]) <= 25


def test_spacy_component_from_entry_point(facts: extractor.ArticleFacts) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy import displacy

    nlp = spacy.blank("id")
    nlp.add_pipe("extractor")  # found through the spacy_factories entry point
    doc = nlp(TEXT)
    assert doc._.facts.officials[0].name == facts.officials[0].name
    assert next(s.text for s in doc.spans["officials"]).startswith("Rizal")
    assert doc.spans["quotes"] and doc.spans["statistics"] and doc.spans["dates"]
    rendered = displacy.render(doc, style="span", options={"spans_key": "quotes"})
    assert "direct: Rizal Hartono" in rendered
    out = list(nlp.pipe([(TEXT, {"row": 7})], as_tuples=True))
    assert out[0][1] == {"row": 7} and out[0][0]._.facts.quotes


def test_report_over_a_batch_output(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("pyarrow")
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(
        "Bupati Garut Wawan Setiadi meminta ASN netral pada Pilkada 2024.", encoding="utf-8"
    )
    out = tmp_path / "out.parquet"
    assert main(["batch", str(corpus), "-o", str(out)]) in (0, 1)
    dest = tmp_path / "report.html"
    assert main(["report", str(out), "-o", str(dest)]) == 0
    page = dest.read_text(encoding="utf-8")
    assert "<svg" in page and "Rizal Hartono" in page
    assert "Sanction types by status" in page and "written_reprimand" in page


def test_report_refuses_what_is_not_an_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "nope"), "-o", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_report_uses_the_linked_tables(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("rapidfuzz")
    pytest.importorskip("datasketch")
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.txt").write_text(TEXT.replace("12 ASN", "12 PNS"), encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["batch", str(corpus), "-o", str(out)]) == 0
    assert main(["link", str(out)]) == 0
    dest = tmp_path / "report.html"
    assert main(["report", str(out), "-o", str(dest)]) == 0
    page = dest.read_text(encoding="utf-8")
    assert "distinct figures (linked across outlets)" in page
    assert "Conflicts between outlets" in page
