"""Input repair: mojibake, invisible characters, HTML and entities, with offsets kept true."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.repair import Repaired, repair

# real snippets from the CLICK-ID bench (kompas, tempo, okezone: UTF-8 read as Mac Roman)
KOMPAS = (
    "siswanya.,‚ÄúKami minta kepada kepala sekolah SMPN 1 Plaosan untuk ikut memantau "
    "supaya siswa tersebut bisa mengikuti ujian persamaan paket B,‚Äù ujarnya melalaui "
    "sambungan telepon ,Selasa (10/09/2019)."
)
TEMPO = "Drone?\n\n,¬†, ‚Äì Pemimpin Korea Selatan dan , bersepakat meningkatkan kerja sama"
OKEZONE = "berjudul Nihayah az-Zain:,ŸÖŸéÿßÿ°Ÿè ŸÖŸèÿ∑ŸíŸÑŸéŸÇŸç"


def assert_map(fixed: Repaired) -> None:
    """Every repaired span maps to an original span; unchanged stretches map verbatim."""
    starts = [e[0] for e in fixed.edits]
    assert starts == sorted(set(starts))  # distinct: a lookup is never ambiguous
    r = o = 0
    for rs, re_, os_, oe in fixed.edits:  # between edits the two texts agree exactly
        assert fixed.text[r:rs] == fixed.original[o:os_]
        r, o = re_, oe
    assert fixed.text[r:] == fixed.original[o:]
    n = len(fixed.text)
    for i in range(n + 1):
        s = fixed.to_original(i)
        e = fixed.to_original(i, end=True)
        assert 0 <= s <= len(fixed.original)
        assert 0 <= e <= len(fixed.original)
    for i in range(n):
        s, e = fixed.span_to_original(i, i + 1)
        assert s <= e
        if fixed.original[s:e] == fixed.text[i]:
            continue
        # a character that came from an edit: its original stretch is the edited text
        assert any(o_s <= s and e <= o_e for _, _, o_s, o_e in fixed.edits), (i, s, e)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (KOMPAS, KOMPAS.encode("mac_roman").decode("utf-8")),
        (TEMPO, TEMPO.encode("mac_roman").decode("utf-8")),
        (OKEZONE, OKEZONE.encode("mac_roman").decode("utf-8")),
    ],
)
def test_mac_roman_mojibake_is_undone_exactly(raw: str, expected: str) -> None:
    fixed = repair(raw)
    assert fixed.text == expected
    assert "“Kami" in repair(KOMPAS).text and "B,” ujarnya" in repair(KOMPAS).text
    assert [w.code for w in fixed.warnings] == ["mojibake_repaired"]
    assert "mac_roman" in fixed.warnings[0].message
    assert_map(fixed)


def test_mojibake_spans_map_back_to_the_mojibake() -> None:
    fixed = repair(KOMPAS)
    i = fixed.text.index("“Kami")
    s, e = fixed.span_to_original(i, i + len("“Kami"))
    assert fixed.original[s:e] == "‚ÄúKami"
    j = fixed.text.index("ujarnya")
    s, e = fixed.span_to_original(j, j + len("ujarnya"))
    assert fixed.original[s:e] == "ujarnya"


def test_cp1252_mojibake_is_undone() -> None:
    raw = "â€œSaya netral,â€\x9d kata Kepala Dinas. Ã‰lite cafÃ© Â\xa0harga"
    fixed = repair(raw)
    assert fixed.text == "“Saya netral,” kata Kepala Dinas. Élite café \xa0harga"
    assert "cp1252" in fixed.warnings[0].message
    assert_map(fixed)


@pytest.mark.parametrize(
    "clean",
    [
        "“éxito” kata dia – tanpa masalah",  # a curly quote before an accented letter
        "Harga naik 5 % — “naik” katanya…",
        "Bupati Malang, H. Sanusi, mengatakan “ASN wajib netral”.",
        "",
        "x < 5 dan y > 3 & seterusnya",
        "Kata √ saja, ¬ dan Ä",
    ],
)
def test_clean_text_is_left_alone(clean: str) -> None:
    fixed = repair(clean)
    assert fixed.identity
    assert fixed.text == clean and fixed.warnings == []


def test_invisible_characters_are_removed_and_reported() -> None:
    raw = "Pe\u200bmilu \ufeffserentak\u200e 2024 oleh KPU\u200c\u200d \u00adBali"
    fixed = repair(raw)
    assert fixed.text == "Pemilu serentak 2024 oleh KPU Bali"
    assert [(w.code, w.message) for w in fixed.warnings] == [
        ("invisible_removed", "removed 6 invisible characters (zero-width, direction marks)")
    ]
    i = fixed.text.index("Pemilu")
    assert fixed.original[slice(*fixed.span_to_original(i, i + 6))] == "Pe\u200bmilu"
    j = fixed.text.index("KPU")
    # a span never starts or ends on removed characters
    assert fixed.original[slice(*fixed.span_to_original(j, j + 3))] == "KPU"
    assert_map(fixed)


def test_html_page_is_stripped_with_block_tags_as_line_breaks() -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>Judul</title>\n"
        "<script>var x = '<p>bukan teks</p>';</script><style>p{color:red}</style></head>\n"
        "<body><h1>ASN Harus Netral</h1>\n<p>Kepala BKD &amp; Sekda <b>Dewa Made Indra</b>\n"
        "mengatakan &ldquo;ASN wajib netral&rdquo;.</p><!-- iklan --><p>Kedua.</p></body></html>"
    )
    fixed = repair(page)
    lines = [ln.strip() for ln in fixed.text.splitlines() if ln.strip()]
    assert lines == [
        "ASN Harus Netral",
        "Kepala BKD & Sekda Dewa Made Indra mengatakan “ASN wajib netral”.",
        "Kedua.",
    ]
    assert "bukan teks" not in fixed.text and "color" not in fixed.text
    assert any(w.code == "html_stripped" for w in fixed.warnings)
    assert any(
        w.code == "html_entities_unescaped" and w.message.startswith("unescaped 3 HTML entities")
        for w in fixed.warnings
    )
    i = fixed.text.index("Dewa Made Indra")
    s, e = fixed.span_to_original(i, i + len("Dewa Made Indra"))
    assert page[s:e] == "Dewa Made Indra"
    assert_map(fixed)


def test_stray_inline_tag_keeps_the_line_structure() -> None:
    raw = "Judul Berita\n\nHarga emas per <em>ounce</em> turun.\nParagraf dua."
    fixed = repair(raw)
    assert fixed.text == "Judul Berita\n\nHarga emas per ounce turun.\nParagraf dua."
    assert_map(fixed)


def test_entities_in_plain_text_are_unescaped() -> None:
    fixed = repair("Kata dia&nbsp;&quot;ya&quot; &#8220;x&#x201D; &bogus; A&amp;B")
    assert fixed.text == 'Kata dia\xa0"ya" “x” &bogus; A&B'
    assert [w.message for w in fixed.warnings] == ["unescaped 6 HTML entities (&nbsp; → \xa0)"]


@pytest.mark.parametrize(
    "raw",
    [
        "<p>tanpa penutup <!-- komentar tanpa akhir",
        "<script>tanpa penutup sama sekali",
        "<" * 1000 + "p>" * 10,
        "&" * 500 + "#1234567890;",
        "&#0; &#xD800; &#x110000; &#99999999;",
        "<a href='x&amp;y'>tautan</a>",
    ],
)
def test_broken_markup_never_raises(raw: str) -> None:
    fixed = repair(raw)
    assert isinstance(fixed.text, str)
    assert_map(fixed)


def test_repair_is_linear_on_adversarial_markup() -> None:
    """Each adversarial shape, 100k characters long, finishes (no catastrophic backtracking)."""
    for unit in ("<a ", "<!--", "&#", "‚Ä", "<p>\n  ", "\u200b", " \n"):
        raw = unit * (100_000 // len(unit))
        assert isinstance(repair(raw).text, str)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "‚Äú",
                "‚Äù",
                "¬†",
                "â€œ",
                "Ã©",
                "<p>",
                "</p>",
                "<b>",
                "&amp;",
                "&#8220;",
                "\u200b",
                "\ufeff",
                "“",
                "é",
                "a",
                " ",
                "\n",
                "<!--",
                "-->",
                "<script>",
                "</script>",
                "Ä",
            ]
        ),
        max_size=40,
    )
)
def test_offset_map_holds_for_any_mix(parts: list[str]) -> None:
    raw = "".join(parts)
    fixed = repair(raw)
    assert_map(fixed)
    assert repair(raw).text == fixed.text  # deterministic
