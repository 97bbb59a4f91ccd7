"""Tokenizer exceptions and sentence boundaries."""

from __future__ import annotations

import pytest

from extractor.clean import analyse_layout
from extractor.document import Article
from extractor.text import analyse, make_nlp


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
