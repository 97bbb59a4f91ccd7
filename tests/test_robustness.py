"""Hostile and broken input never crashes the extractor, and spans always index the input.

Every case asserts what a user relies on: ``extract()`` returns :class:`ArticleFacts`,
every span satisfies ``text[start:end] == span.text`` on the text as given, and what was
repaired or cut is said in ``warnings``. File-level cases go through ``extractor.io``.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Extractor
from extractor.io import InputError, read, read_text
from extractor.models import ArticleFacts

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))

ARTICLE = (
    "Bawaslu Ingatkan ASN Jaga Netralitas\n\n"
    "DENPASAR - Ketua Bawaslu Bali, I Putu Agus Tirta Suguna, meminta ASN menjaga netralitas "
    "pada Pemilu 14 Februari 2024. “ASN yang terbukti tidak netral akan dijatuhi sanksi "
    "disiplin,” kata Agus di Denpasar, Kamis (18/4/2024).\n"
    "Sebanyak 12 ASN telah dilaporkan ke KASN dan 3 di antaranya dijatuhi hukuman disiplin "
    "sedang berupa penundaan kenaikan pangkat.\n"
)


def check(facts: ArticleFacts, text: str) -> ArticleFacts:
    """The contract every case must keep."""
    assert isinstance(facts, ArticleFacts)
    for span in facts.spans():
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
    return facts


@pytest.fixture(scope="module")
def ex(extractor_) -> Extractor:
    return extractor_


@pytest.fixture()
def small_ex(ex: Extractor, monkeypatch: pytest.MonkeyPatch) -> Extractor:
    """A short max_chars keeps the big-input cases fast while testing the cut."""
    monkeypatch.setattr(ex, "max_chars", 20_000)
    return ex


# -- degenerate input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        " \t\r\n\u00a0\u3000 ",
        "\x00",
        "a\x00b\x00" * 50,
        "\x01\x02\x1b[31m",
        "\ufffd" * 20,
        "\ud800",
        ".",
        "“",
        "”",
        '"',
        "’’’",
        "(((",
        "-- -- --",
    ],
)
def test_degenerate_text(ex: Extractor, text: str) -> None:
    facts = check(ex.extract(text), text)
    if not text.strip():
        assert facts.quotes == [] and facts.officials == [] and facts.statistics == []


def test_extract_refuses_bytes_and_non_text(ex: Extractor) -> None:
    with pytest.raises(TypeError, match="str"):
        ex.extract(ARTICLE.encode())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ex.extract(None)  # type: ignore[arg-type]


# -- line ends, spaces, invisible characters -----------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE.replace("\n", "\r\n"),
        ARTICLE.replace("\n", "\r"),
        ARTICLE.replace(" ", "\u00a0"),
        ARTICLE.replace(" ", "\t"),
        ARTICLE.replace("\n", "\u2028"),
        ARTICLE.replace(" ", "  "),
    ],
    ids=["crlf", "lone-cr", "nbsp", "tabs", "line-separator", "double-space"],
)
def test_line_ends_and_spaces(ex: Extractor, variant: str) -> None:
    check(ex.extract(variant), variant)


def test_zero_width_characters_are_removed_with_a_warning(ex: Extractor) -> None:
    text = ARTICLE.replace("ASN", "A\u200bSN").replace("Bawaslu", "\ufeffBawa\u200dslu\u200e")
    facts = check(ex.extract(text), text)
    assert any(w.code == "invisible_removed" for w in facts.warnings)
    plain = ex.extract(ARTICLE)
    assert len(facts.quotes) == len(plain.quotes)
    assert [q.text for q in facts.quotes] == [q.text for q in plain.quotes]


# -- encodings and mojibake ----------------------------------------------------------------


def test_mac_roman_mojibake_is_repaired_and_spans_index_the_input(ex: Extractor) -> None:
    text = ARTICLE.encode("utf-8").decode("mac_roman")  # “ → ‚Äú, as in 37 % of the bench
    assert "‚Äú" in text
    facts = check(ex.extract(text), text)
    assert any(w.code == "mojibake_repaired" for w in facts.warnings)
    plain = ex.extract(ARTICLE)
    # records hold the repaired text: the same facts as the clean article
    assert [q.text for q in facts.quotes] == [q.text for q in plain.quotes]
    assert [o.name for o in facts.officials] == [o.name for o in plain.officials]
    for q in facts.quotes:
        assert "‚Ä" not in q.text


def test_cp1252_mojibake_is_repaired(ex: Extractor) -> None:
    # as Windows software shows UTF-8: bytes cp1252 leaves undefined pass through as Latin-1
    text = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in ARTICLE.encode())
    assert "â€œ" in text
    facts = check(ex.extract(text), text)
    assert any(w.code == "mojibake_repaired" for w in facts.warnings)


def test_html_input_is_stripped(ex: Extractor) -> None:
    body = ARTICLE.split("\n\n", 1)[1].replace("\n", "</p>\n<p>")
    page = (
        (
            "<html><head><script>var a = '<p>x</p>';</script></head><body>"
            f"<h1>Bawaslu Ingatkan ASN Jaga Netralitas</h1>\n<p>{body}</p></body></html>"
        )
        .replace("“", "&ldquo;")
        .replace("”", "&rdquo;")
    )
    facts = check(ex.extract(page), page)
    assert any(w.code == "html_stripped" for w in facts.warnings)
    for span in facts.spans():
        assert "<" not in span.text and ">" not in span.text


# -- quotation marks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Ia berkata "ASN harus netral," kata Bupati Sanusi.',
        "Ia berkata 'ASN harus netral,' kata Bupati Sanusi.",
        "Ia berkata ‘ASN harus netral,’ kata Bupati Sanusi.",
        "Ia berkata ““ASN harus netral,”” kata Bupati Sanusi.",
        "Ia berkata ''ASN harus netral,'' kata Bupati Sanusi.",
        "Ia berkata “ASN harus netral, kata Bupati Sanusi. Lalu pergi.",
        "Ia berkata ASN harus netral,” kata Bupati Sanusi.” ” “",
        '"""""' + "“" * 30 + '" a "' * 20,
        "«ASN harus netral» kata Bupati. „Ya“ jawabnya.",
    ],
    ids=[
        "straight",
        "single",
        "curly-single",
        "doubled",
        "doubled-straight",
        "unclosed",
        "unopened",
        "quote-storm",
        "guillemets",
    ],
)
def test_quotation_marks(ex: Extractor, text: str) -> None:
    check(ex.extract(text), text)


def test_article_with_2000_quotes(ex: Extractor) -> None:
    text = "Judul Berita Panjang\n\n" + "\n".join(
        f"“Pernyataan nomor {i} soal netralitas ASN,” kata Ketua Bawaslu Agus Tirta {i % 7}."
        for i in range(2000)
    )
    facts = check(ex.extract(text), text)
    assert len(facts.quotes) > 100


# -- numbers and dates at the edges --------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "pada 31/2/2024 sebanyak 5 ASN",
        "pada 0/0/0000 dan 99/99/9999 serta 32/13/2024",
        "tercatat 99.999.999.999.999 pelanggaran",
        "naik 0,0000001 persen",
        "pada tahun 0001 dan tahun 9999",
        "pada 1 Januari 0001 dan 31 Desember 9999 pukul 24:60",
        "sebanyak 9" * 40 + " ASN",
        "senilai Rp 1.000.000.000.000.000.000.000,- dan 1e308 serta 10^400",
        "30 Februari 2023, 29 Februari 2023, 29 Februari 2024",
        "Senin (31/4), Selasa (-1/-1), Rabu (1/1/-2024)",
        "sebanyak ratusan ribu juta miliar triliun ASN",
        "pukul 25.99 WIB tanggal 00-00-0000",
    ],
)
def test_numbers_and_dates_at_the_edges(ex: Extractor, phrase: str) -> None:
    text = f"Judul\n\nKetua Bawaslu mengatakan {phrase} dilaporkan ke KASN.\n"
    check(ex.extract(text, published="2024-04-18"), text)


# -- size ----------------------------------------------------------------------------------


def test_max_chars_cuts_with_a_warning(ex: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "max_chars", 300)
    text = ARTICLE * 5
    facts = check(ex.extract(text), text)
    assert any(w.code == "truncated" and "only the first 300 " in w.message for w in facts.warnings)
    for span in facts.spans():
        assert span.end <= 300


def test_five_megabyte_single_line(small_ex: Extractor) -> None:
    text = (ARTICLE.replace("\n", " ") * (5_000_000 // len(ARTICLE) + 1))[:5_000_000]
    facts = check(small_ex.extract(text), text)
    assert any("5,000,000 characters" in w.message for w in facts.warnings)


def test_hundred_thousand_lines(small_ex: Extractor) -> None:
    text = "\n".join(f"Baris {i}: kata Bupati." for i in range(100_000))
    facts = check(small_ex.extract(text), text)
    assert any("only the first 20,000" in w.message for w in facts.warnings)


# -- determinism and random text -----------------------------------------------------------


def test_same_input_same_output(ex: Extractor) -> None:
    texts = [
        ARTICLE,
        ARTICLE.encode().decode("mac_roman"),
        *(p.read_text("utf-8") for p in SEEDS[:3]),
    ]
    first = [ex.extract(text).model_dump() for text in texts]
    again = [ex.extract(text).model_dump() for text in reversed(texts)][::-1]
    assert first == again  # no state leaks from one article into the next


_SEED_TEXTS = [p.read_text("utf-8") for p in SEEDS] or [ARTICLE]
_NASTY = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "'",
        "‚Äú",
        "¬†",
        "\u200b",
        "\ufeff",
        "<p>",
        "</b>",
        "&amp;",
        "\r",
        "\r\n",
        "\n\n",
        "\t",
        "\u00a0",
        "\x00",
        "(",
        ")",
        "Dr.",
        "H.",
        "31/2/2024",
        "99.999",
        "0,0001",
        "kata",
        "ujar",
        "Bupati",
        "ASN",
        "sanksi",
        "Baca Juga:",
        "\ud800",
        "é",
        "İ",
    ]
)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A slice of a real article with a few nasty insertions."""
    base = draw(st.sampled_from(_SEED_TEXTS))
    a = draw(st.integers(0, len(base)))
    b = draw(st.integers(a, min(len(base), a + 1500)))
    text = base[a:b]
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(_NASTY) + text[pos:]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text(ex: Extractor, text: str) -> None:
    check(ex.extract(text), text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_real_text(ex: Extractor, text: str) -> None:
    check(ex.extract(text), text)


# -- files: extractor.io -------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("utf-32"),
        ARTICLE.encode("utf-16-le"),  # no BOM
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32-bom", "utf16-no-bom"],
)
def test_unicode_encodings_read_exactly(tmp_path: Path, data: bytes) -> None:
    assert read_text(write(tmp_path, data)) == ARTICLE


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    text = ARTICLE.replace("ASN", "ASN café")  # “ ” é – all in cp1252
    got = read(write(tmp_path, text.encode("cp1252")))
    assert got.text == text
    assert [w.code for w in got.warnings] == ["decoded_cp1252"]
    assert "Windows-1252" in got.warnings[0].message


def test_utf8_with_a_few_stray_bytes_keeps_the_utf8(tmp_path: Path) -> None:
    data = "Kata “Bupati” ".encode() + b"caf\xe9 " + "– selesai".encode()
    got = read(write(tmp_path, data))
    assert got.text == "Kata “Bupati” café – selesai"
    assert "1 bytes are not UTF-8" in got.warnings[0].message


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (b"  \n\t\r\n  ", "white space"),
        (b"Kata\x00Bupati\x00", "NUL"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "office document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "Office document"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (bytes(range(1, 32)) * 20, "control characters"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "byte-order mark"),
    ],
)
def test_what_is_not_an_article_is_refused_in_one_line(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError, match=message) as info:
        read_text(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_text_that_starts_like_a_signature_is_still_text(tmp_path: Path) -> None:
    text = "BMKG memperkirakan hujan. MZ dan ID3 bukan berkas biner."
    assert read_text(write(tmp_path, text.encode())) == text
    legacy = "BMKG: cuaca café"
    assert read_text(write(tmp_path, legacy.encode("cp1252"))) == legacy
    with pytest.raises(InputError, match="BMP image"):
        read_text(write(tmp_path, b"BM6\x00\x0c\x00\x00\x00\x00\x006\x00\x00\x00"))


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_text(tmp_path / "tidak-ada.txt")
    with pytest.raises(InputError, match="cannot read"):
        read_text(tmp_path)
