"""The cleaner: headline, dateline, outlet, stamp, bylines and boilerplate, offsets kept."""

from __future__ import annotations

from extractor.clean import analyse_layout
from extractor.document import Article


def layout(text: str) -> Article:
    art = Article(text=text)
    analyse_layout(art)
    return art


def body(art: Article) -> list[str]:
    return [art.text[p.start : p.end] for p in art.paragraphs if p.kind == "body"]


def test_dateline_place_and_outlet_in_both_orders():
    a = layout("Judul berita\n\nDENPASAR | contohpost.com – Sekda membuka acara.\n")
    assert (a.layout.dateline, a.layout.outlet) == ("DENPASAR", "contohpost.com")
    assert body(a) == ["Sekda membuka acara."]
    b = layout("Judul berita\n\nCONTOH.COM, JAKARTA - Sekda membuka acara.\n")
    assert (b.layout.dateline, b.layout.outlet) == ("JAKARTA", "CONTOH.COM")
    c = layout("Judul berita\n\nBandarlampung (ANTARA) - Sekda membuka acara.\n")
    assert (c.layout.dateline, c.layout.outlet) == ("Bandarlampung", "ANTARA")


def test_related_links_comment_box_and_poll_are_boilerplate():
    text = (
        "Judul berita\n\n"
        "Jakarta – Paragraf pertama yang cukup panjang untuk dianggap isi berita ini.\n"
        "Calon Gubernur Contoh 2024-2029 Pilihanmu\n2021 votes\n"
        "Baca Juga :  Judul lain yang tidak relevan\n"
        "- Judul tautan terkait pertama\n"
        "Paragraf kedua berisi fakta.\n"
        "Tinggalkan Balasan\n"
        "Alamat email Anda tidak akan dipublikasikan.\n"
        "Teks setelah kotak komentar.\n"
    )
    a = layout(text)
    assert body(a) == [
        "Paragraf pertama yang cukup panjang untuk dianggap isi berita ini.",
        "Paragraf kedua berisi fakta.",
    ]


def test_trailing_byline_is_cut_and_ends_the_story():
    text = "Judul\n\nJakarta - Isi berita yang panjang sekali dan selesai di sini. (pp03)\n\nNama Blogger\nTagline blog.\n"
    a = layout(text)
    assert body(a) == ["Isi berita yang panjang sekali dan selesai di sini."]
    kinds = {a.text[r.start : r.end]: r.kind for r in a.layout.regions}
    assert kinds["(pp03)"] == "byline"


def test_line_broken_mid_sentence_is_one_paragraph():
    text = "Judul\n\nJakarta - Bawaslu bisa membawa\n anda yang melanggar ke ranah pidana.\n"
    a = layout(text)
    assert body(a) == ["Bawaslu bisa membawa\n anda yang melanggar ke ranah pidana."]


def test_regions_index_the_text():
    text = "Judul\r\n\r\nJAKARTA, contoh.com – Isi.\r\nBaca juga: Lain\r\nIsi kedua.\r\n"
    a = layout(text)
    for r in a.layout.regions:
        assert 0 <= r.start <= r.end <= len(text)
        assert text[r.start : r.end] == text[r.start : r.end].strip()


def test_first_paragraph_ending_in_a_date_is_body_not_caption():
    a = layout("Judul\n\nAcara dibuka Gubernur, Selasa (17/9).\nIsi kedua.\n")
    assert [p.kind for p in a.paragraphs] == ["body", "body"]


def test_photo_credit_line_before_dateline_is_a_caption():
    a = layout(
        "Judul\n\nKetua Bawaslu Budi saat rapat. (ANTARA/Fotografer)\nJAKARTA (ANTARA) - Isi.\n"
    )
    assert [p.kind for p in a.paragraphs] == ["caption", "body"]


def test_comma_joined_paragraphs_are_split_but_not_inside_a_quote():
    text = (
        'Judul\n\nPertama sudah membaik.,Hal itu terungkap.,"Kami siap.,Lanjut bicara," katanya.\n'
    )
    a = layout(text)
    assert body(a) == [
        "Pertama sudah membaik.",
        "Hal itu terungkap.",
        '"Kami siap.,Lanjut bicara," katanya.',
    ]


def test_long_lowercase_line_is_body_text():
    """Nested quantifiers on tag lines once made this line take minutes (see bench/fuzz_patterns.py)."""
    line = "a" * 3000 + "!"
    a = layout("Judul\n\n" + line + "\n")
    assert body(a) == [line]
