"""Tokenizer exceptions and sentence boundaries."""

from __future__ import annotations

import pytest

from extractor.clean import analyse_layout
from extractor.document import Article
from extractor.text import analyse, make_doc, make_nlp


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


@pytest.mark.parametrize(
    "tok", ["2.034", "18/4/2024", "14/08/2024", "09.00", "17/9", "1.234.567", "1,5"]
)
def test_numbers_dates_times_stay_whole(nlp, tok):
    words = [t.text for t in nlp(f"Pada {tok} ada kejadian.")]
    assert tok in words


def test_glued_cue_is_split(nlp):
    words = [t.text for t in nlp('sanksinya,"ujar Suhajar.')]
    assert words[:4] == ["sanksinya", ",", '"', "ujar"]


def sentences(nlp, body: str) -> list[str]:
    art = Article(text="Judul\n\n" + body)
    analyse_layout(art)
    analyse(art, nlp)
    return [art.text[s.start : s.end] for s in art.sentences]


def test_stop_after_date_in_brackets(nlp):
    out = sentences(nlp, "Acara digelar Kamis (18/4/2024). Dia hadir.")
    assert out == ["Acara digelar Kamis (18/4/2024).", "Dia hadir."]


def test_abbreviations_and_initials_do_not_split(nlp):
    out = sentences(nlp, "Hadir Dr. H. Ahmad dan M. Wahibul Minan di sana. Acara selesai.")
    assert out == ["Hadir Dr. H. Ahmad dan M. Wahibul Minan di sana.", "Acara selesai."]


def test_no_split_inside_quotation(nlp):
    out = sentences(nlp, "“Dan itu tidak ada ampun. Kita jatuhkan sanksi,” kata Dewa. Lalu pulang.")
    assert out == ["“Dan itu tidak ada ampun. Kita jatuhkan sanksi,” kata Dewa.", "Lalu pulang."]


def test_closing_quote_stays_with_its_sentence(nlp):
    out = sentences(nlp, "Dia berkata, “Kami siap.” Acara selesai.")
    assert out == ["Dia berkata, “Kami siap.”", "Acara selesai."]


def test_comma_joined_paragraph_keeps_its_first_word(nlp):
    out = sentences(nlp, "Kejadian di Kalimantan Barat.,Kapolres Singkawang AKBP Budi menjelaskan.")
    assert out == ["Kejadian di Kalimantan Barat.", "Kapolres Singkawang AKBP Budi menjelaskan."]


def test_a_long_run_of_marks_is_one_token(nlp):
    run = "“" * 5000
    words = [t.text for t in nlp(f"Awal {run} akhir")]
    assert words == ["Awal", run, "akhir"]


# -- hostile tokens: the work must stay linear in the length of a token -------------------------

HOSTILE = {
    "closing marks": lambda n: "ASN" + "”" * n,
    "equals around a word": lambda n: "=" * (n // 2) + "ASN" + "=" * (n // 2),
    "brackets around a word": lambda n: "(" * (n // 2) + "ASN" + ")" * (n // 2),
    "straight quotes": lambda n: '"' * n + "ASN",
    "possessive suffixes": lambda n: "ASN" + "'s" * (n // 2),
    "mixed quote run": lambda n: "(“" * (n // 2) + "Bupati",
    "underscores (a word character)": lambda n: "ASN" + "_" * n,
    "underscore and hyphen": lambda n: "_-" * (n // 2) + "ASN",
}


@pytest.fixture(scope="module")
def counting_nlp():
    """A pipeline whose suffix search counts the characters it is handed."""
    nlp_ = make_nlp()
    tok = nlp_.tokenizer
    search = tok.suffix_search
    searched = [0]

    def counting(s: str):
        searched[0] += len(s)
        return search(s)

    tok.suffix_search = counting  # recompiles the special cases: once per module
    return nlp_, searched


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_tokens_cost_linear_work(counting_nlp, name):
    """spaCy peels one affix at a time and searches the rest again: count the characters
    its suffix search is handed (n² / 2 before pre-segmentation), not the seconds."""
    nlp_, searched = counting_nlp
    for n in (2000, 8000):
        searched[0] = 0
        text = f"Kata {HOSTILE[name](n)} akhir."
        doc = make_doc(nlp_, text)
        assert doc.text == text
        assert searched[0] < 100 * n, f"{name}: {searched[0]:,} characters searched for n={n:,}"


def test_a_long_mark_run_glued_to_a_word_is_one_token(nlp):
    words = [t.text for t in make_doc(nlp, "Ujar ASN" + "”" * 3000 + " lagi")]
    assert words == ["Ujar", "ASN", "”" * 3000, "lagi"]
    words = [t.text for t in make_doc(nlp, "=" * 40 + "ASN" + "=" * 40)]
    assert words == ["=" * 40, "ASN", "=" * 40]


def test_ordinary_text_is_tokenized_as_spacy_does(nlp):
    text = "Kata Bupati, “ASN harus netral,” ujarnya (18/4/2024). Lihat www.contoh.go.id/berita."
    assert [t.text for t in make_doc(nlp, text)] == [t.text for t in nlp.make_doc(text)]
