"""Indonesian number normaliser: digits, words, scales, money, percent, approximations."""

from __future__ import annotations

import pytest

from extractor.clean import analyse_layout
from extractor.document import Article
from extractor.normalize import parse_number
from extractor.normalize.numbers import find_numbers, parse_number_ex


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digits with Indonesian separators
        ("2.034", 2034),
        ("1.234.567", 1234567),
        ("0,5", 0.5),
        ("3,2%", 3.2),
        ("18,1 persen", 18.1),
        ("52 persen", 52),
        ("694", 694),
        ("1,5 juta", 1500000),
        ("Rp 2,5 miliar", 2500000000),
        ("Rp100 ribu", 100000),
        ("Rp5 juta", 5000000),
        ("Rp 5.000.000,00", 5000000),
        ("Rp 2,5 M", 2500000000),
        ("Rp 1 T", 1000000000000),
        ("5 rb", 5000),
        ("3 jt", 3000000),
        ("2 milyar", 2000000000),
        ("4 triliun", 4000000000000),
        # words
        ("nol", 0),
        ("satu", 1),
        ("dua", 2),
        ("sembilan", 9),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("tujuh belas", 17),
        ("dua puluh tiga", 23),
        ("sembilan puluh sembilan", 99),
        ("seratus", 100),
        ("seratus dua belas", 112),
        ("tiga ratus empat puluh lima", 345),
        ("seribu", 1000),
        ("seribu lima ratus", 1500),
        ("dua ribu dua puluh empat", 2024),
        ("seratus ribu", 100000),
        ("sejuta", 1000000),
        ("dua juta tiga ratus ribu", 2300000),
        ("sembilan ratus sembilan puluh sembilan juta", 999000000),
        ("semiliar", 1000000000),
        ("satu triliun", 1000000000000),
        ("Dua Puluh", 20),
        # fractions
        ("setengah", 0.5),
        ("satu setengah", 1.5),
        ("satu setengah juta", 1500000),
        ("seperempat", 0.25),
        # approximate amounts
        ("puluhan", 10),
        ("ratusan", 100),
        ("ribuan", 1000),
        ("jutaan", 1000000),
        ("puluhan ribu", 10000),
        ("sekitar 20", 20),
        ("400 lebih", 400),
        ("124-an", 124),
        # ordinals read as their number
        ("ke-15", 15),
        ("kedua", 2),
        ("pertama", 1),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    got = parse_number(text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize(
    "text", ["", "halo", "ASN", "dua tiga", "puluh", "ratus ribu", "salah satu", "18/4/2024"]
)
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "approximate", "percent", "money", "ordinal"),
    [
        ("ratusan", True, False, False, False),
        ("sekitar 45", True, False, False, False),
        ("kurang lebih 30", True, False, False, False),
        ("400 lebih", True, False, False, False),
        ("52 persen", False, True, False, False),
        ("70%", False, True, False, False),
        ("Rp 2,5 miliar", False, False, True, False),
        ("12 juta rupiah", False, False, True, False),
        ("ke-15", False, False, False, True),
        ("2.034", False, False, False, False),
    ],
)
def test_flags(text: str, approximate: bool, percent: bool, money: bool, ordinal: bool) -> None:
    got = parse_number_ex(text)
    assert got is not None
    assert (got.approximate, got.percent, got.money, got.ordinal) == (
        approximate,
        percent,
        money,
        ordinal,
    )


def numbers_in(body: str) -> list[tuple[str, float]]:
    art = Article(text="Judul berita\n\n" + body + "\n")
    analyse_layout(art)
    find_numbers(art)
    for n in art.numbers:
        assert art.text[n.start : n.end].strip() == art.text[n.start : n.end]
    return [(art.text[n.start : n.end], n.value) for n in art.numbers]


def test_find_numbers_reads_counts_money_and_percent() -> None:
    got = numbers_in(
        "Bawaslu mencatat 2.034 pelanggaran, 52 persen di antaranya oleh dua puluh tiga ASN "
        "yang menerima Rp100 ribu."
    )
    assert got == [
        ("2.034", 2034),
        ("52 persen", 52),
        ("dua puluh tiga", 23),
        ("Rp100 ribu", 100000),
    ]


def test_find_numbers_skips_dates_times_and_references() -> None:
    got = numbers_in(
        "Rapat digelar Kamis (18/4/2024) pukul 09.00 WIB sesuai UU Nomor 5 Tahun 2014 pada "
        "15 November 2023 menjelang Pilkada Serentak 2024, dihadiri 12 camat."
    )
    assert got == [("12", 12)]


def test_find_numbers_keeps_approximate_flag_off_the_span() -> None:
    art = Article(
        text="Judul berita\n\nAda sekitar 124-an orang dan ratusan pejabat yang dilantik.\n"
    )
    analyse_layout(art)
    find_numbers(art)
    assert [(art.text[n.start : n.end], n.value, n.approximate) for n in art.numbers] == [
        ("124-an", 124, True),
        ("ratusan", 100, True),
    ]


def test_find_numbers_ignores_salah_satu_and_ordinals() -> None:
    assert numbers_in("Salah satu ASN hadir pada hari ke-3 dan kedua kalinya diperiksa.") == []
