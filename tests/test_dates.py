"""Indonesian date normaliser and the article's date mentions and reference date."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.clean import analyse_layout
from extractor.document import Article
from extractor.extractors.dates import resolve
from extractor.normalize import parse_date
from extractor.normalize.dates import parse_date_ex, parse_published

REF = dt.date(2024, 9, 20)  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("Kamis (18/4/2024)", "2024-04-18", "day"),
        ("Senin (12/8/2024)", "2024-08-12", "day"),
        ("Selasa, 14 November 2023", "2023-11-14", "day"),
        ("15 November 2023 09:15", "2023-11-15T09:15", "datetime"),
        ("Selasa, 12/03/2019 10:47 WIB", "2019-03-12T10:47", "datetime"),
        ("07/06/2024, 14:22 WIB", "2024-06-07T14:22", "datetime"),
        ("Rabu sore, 16 April 2025, sekitar pukul 15.45 Wib", "2025-04-16T15:45", "datetime"),
        ("Senin (15/4/2024), pukul 21.30 WITA", "2024-04-15T21:30", "datetime"),
        ("Sabtu, 3 Agustus 2024 pukul 10.00 WIT", "2024-08-03T10:00", "datetime"),
        ("08 Mei 2018", "2018-05-08", "day"),
        ("Selasa 27/08/2024", "2024-08-27", "day"),
        ("Senin, (29/5/2023)", "2023-05-29", "day"),
        ("18-04-2024", "2024-04-18", "day"),
        ("Minggu (1/9/2024)", "2024-09-01", "day"),
        ("Sabtu (31/8/24)", "2024-08-31", "day"),
        ("2024-04-18", "2024-04-18", "day"),
        ("November 2024", "2024-11", "month"),
        ("Desember 2023 lalu", "2023-12", "month"),
        # every month name and abbreviation
        ("1 Januari 2024", "2024-01-01", "day"),
        ("1 Jan 2024", "2024-01-01", "day"),
        ("2 Februari 2024", "2024-02-02", "day"),
        ("2 Feb 2024", "2024-02-02", "day"),
        ("3 Maret 2024", "2024-03-03", "day"),
        ("3 Mar 2024", "2024-03-03", "day"),
        ("4 April 2024", "2024-04-04", "day"),
        ("4 Apr 2024", "2024-04-04", "day"),
        ("5 Mei 2024", "2024-05-05", "day"),
        ("6 Juni 2024", "2024-06-06", "day"),
        ("6 Jun 2024", "2024-06-06", "day"),
        ("7 Juli 2024", "2024-07-07", "day"),
        ("7 Jul 2024", "2024-07-07", "day"),
        ("8 Agustus 2024", "2024-08-08", "day"),
        ("8 Agu 2024", "2024-08-08", "day"),
        ("8 Agt 2024", "2024-08-08", "day"),
        ("8 Ags 2024", "2024-08-08", "day"),
        ("9 September 2024", "2024-09-09", "day"),
        ("9 Sep 2024", "2024-09-09", "day"),
        ("9 Sept. 2024", "2024-09-09", "day"),
        ("10 Oktober 2024", "2024-10-10", "day"),
        ("10 Okt 2024", "2024-10-10", "day"),
        ("11 November 2024", "2024-11-11", "day"),
        ("11 Nov 2024", "2024-11-11", "day"),
        ("11 Nop 2024", "2024-11-11", "day"),
        ("12 Desember 2024", "2024-12-12", "day"),
        ("12 Des 2024", "2024-12-12", "day"),
    ],
)
def test_full_dates(text: str, value: str, granularity: str) -> None:
    got = parse_date(text, REF)
    assert got is not None
    assert (got.value, got.granularity, got.relative) == (value, granularity, False)
    assert got.span is not None and text[got.span.start : got.span.end] == got.span.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Senin (16/9)", "2024-09-16"),
        ("Selasa (17/9)", "2024-09-17"),
        ("Rabu (18/9)", "2024-09-18"),
        ("Kamis (19/9)", "2024-09-19"),
        ("Jumat (20/9)", "2024-09-20"),
        ("Jum'at (13/9)", "2024-09-13"),
        ("Sabtu (14/9)", "2024-09-14"),
        ("Minggu (15/9)", "2024-09-15"),
        ("9 Desember mendatang", "2024-12-09"),
        ("tanggal 26 bulan November", "2024-11-26"),
        ("Rabu (12/2) pukul 10.00 WIB", "2025-02-12T10:00"),
    ],
)
def test_partial_dates_take_year_from_reference(text: str, value: str) -> None:
    got = parse_date(text, REF)
    assert got is not None and got.value == value


def test_partial_date_across_a_year_end() -> None:
    # early January article: "Selasa (26/12)" is last December (a Tuesday in 2023)
    assert parse_date("Selasa (26/12)", dt.date(2024, 1, 5)).value == "2023-12-26"
    # late December article: "Kamis (2/1)" is next January (a Thursday in 2025)
    assert parse_date("Kamis (2/1)", dt.date(2024, 12, 28)).value == "2025-01-02"


def test_weekday_picks_the_year_that_fits() -> None:
    # 25/9 is a Tuesday in 2018, not in 2019
    assert parse_date("Selasa (25/9)", dt.date(2019, 3, 1)).value == "2018-09-25"


def test_weekday_contradiction_in_a_full_date_is_a_warning() -> None:
    got, warnings = parse_date_ex("Rabu (22/11/2023)", REF)
    assert got is not None and got.value == "2023-11-22"  # as written: a Wednesday, fine
    assert warnings == []
    got, warnings = parse_date_ex("Kamis (22/11/2023)", REF)
    assert got is not None and got.value == "2023-11-22"
    assert len(warnings) == 1 and "Wednesday" in warnings[0].message
    assert warnings[0].code == "weekday_mismatch"


def test_weekday_contradiction_in_a_partial_date_is_a_warning() -> None:
    # 29/2 exists only in 2024 near the reference, a Thursday, not a Monday
    got, warnings = parse_date_ex("Senin (29/2)", dt.date(2024, 3, 10))
    assert got is not None and got.value == "2024-02-29"
    assert warnings


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("kemarin", "2024-09-19", "day"),
        ("hari ini", "2024-09-20", "day"),
        ("besok", "2024-09-21", "day"),
        ("lusa", "2024-09-22", "day"),
        ("kemarin lusa", "2024-09-18", "day"),
        ("tadi malam", "2024-09-19", "day"),
        ("pekan lalu", "2024-09-13", "day"),
        ("pekan depan", "2024-09-27", "day"),
        ("minggu lalu", "2024-09-13", "day"),
        ("dua minggu yang lalu", "2024-09-06", "day"),
        ("3 hari lalu", "2024-09-17", "day"),
        ("sepuluh hari lagi", "2024-09-30", "day"),
        ("bulan depan", "2024-10", "month"),
        ("bulan lalu", "2024-08", "month"),
        ("tahun lalu", "2023", "year"),
        ("dua tahun lalu", "2022", "year"),
        ("Senin", "2024-09-16", "day"),
        ("Jumat depan", "2024-09-27", "day"),
    ],
)
def test_relative_expressions(text: str, value: str, granularity: str) -> None:
    got = parse_date(text, REF)
    assert got is not None
    assert (got.value, got.granularity, got.relative) == (value, granularity, True)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("April mendatang", "2025-04"),
        ("Oktober mendatang", "2024-10"),
        ("Maret lalu", "2024-03"),
        ("Desember lalu", "2023-12"),
    ],
)
def test_named_month_with_direction_is_not_relative(text: str, value: str) -> None:
    got = parse_date(text, REF)
    assert got is not None
    assert (got.value, got.granularity, got.relative) == (value, "month", False)


@pytest.mark.parametrize(
    "text",
    [
        "Pemilu 2024",
        "Nomor 01 Tahun 2023",
        "tahun 2024",
        "3/4 peserta",
        "pukul 09.00",
        "surat no:417/PL.01.3-Pu/3204/2024",
        "Universitas 17 Agustus 1945",
        "minggu",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text, REF) is None


def test_stamp_text_from_the_cleaner() -> None:
    assert parse_date("Selasa, 12/03/2019 10:47 WIB").value == "2019-03-12T10:47"
    assert parse_date("15 November 2023 09:15").value == "2023-11-15T09:15"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024-04-18", "2024-04-18"),
        ("2024-04-18T09:15", "2024-04-18T09:15"),
        ("2024-04-18T09:15:30", "2024-04-18T09:15"),
        ("Kamis, 18 April 2024", "2024-04-18"),
        ("kemarin", None),
        ("bukan tanggal", None),
    ],
)
def test_parse_published(text: str, value: str | None) -> None:
    assert parse_published(text) == value


def analysed(text: str, published: str | None = None) -> Article:
    art = Article(text=text, published=published)
    analyse_layout(art)
    resolve(art)
    return art


def test_reference_is_the_latest_full_date_and_resolves_partial_dates() -> None:
    art = analysed(
        "Judul berita\n\nBerdasarkan data per 30 September 2020, ada 694 ASN dilaporkan. "
        "Pencoblosan pada 9 Desember mendatang.\n"
    )
    assert art.reference_date == dt.date(2020, 9, 30)
    assert [d.value for d in art.dates] == ["2020-09-30", "2020-12-09"]
    for d in art.dates:
        assert art.text[d.span.start : d.span.end] == d.span.text


def test_published_wins_and_relative_dates_resolve_against_it() -> None:
    art = analysed(
        "Judul berita\n\nRapat digelar kemarin, Selasa (17/9).\n", published="2024-09-18"
    )
    assert art.reference_date == dt.date(2024, 9, 18)
    assert [(d.value, d.relative) for d in art.dates] == [
        ("2024-09-17", True),
        ("2024-09-17", False),
    ]


def test_partial_date_year_from_the_election_the_article_names() -> None:
    art = analysed(
        "Judul berita\n\nBawaslu menggelar rapat Pilkada Serentak Tahun 2024 di Jakarta, Selasa (17/9). "
        "Rapat dihadiri seluruh jajaran.\n"
    )
    assert art.reference_date == dt.date(2024, 9, 17)
    assert [d.value for d in art.dates] == ["2024-09-17"]


def test_range_gives_both_ends_and_weekday_mismatch_warns() -> None:
    art = analysed(
        "Judul berita\n\nMasukan diterima pada tanggal 15-18 September 2024. Rapat digelar "
        "Rabu (20/12/2013).\n"
    )
    assert [d.value for d in art.dates] == ["2024-09-15", "2024-09-18", "2013-12-20"]
    assert any("Friday" in w.message for w in art.warnings)


def test_a_dash_line_under_the_headline_is_the_publication_stamp() -> None:
    art = analysed(
        "Panwas Temukan Baliho Liar\n- Senin, 11 Maret 2024 | 10:40 WIB\n\nBANDUNG - Panwas "
        "menertibkan baliho pada Sabtu (9/3).\n"
    )
    assert art.layout.published == "2024-03-11T10:40"
    assert art.reference_date == dt.date(2024, 3, 11)
    assert "2024-03-09" in {d.value for d in art.dates}


def test_a_partial_date_without_weekday_takes_the_reference_year() -> None:
    ref = dt.date(2024, 1, 5)
    # SPEC: the year of the reference date, not the nearest day (which would be last December)
    assert parse_date("(28/12)", ref).value == "2024-12-28"
    assert parse_date("28 Desember", ref).value == "2024-12-28"
    # a direction word points before or after the reference
    art = analysed(
        "Judul\n\nJAKARTA - Rapat itu digelar 28 Desember lalu.\n", published="2024-01-05"
    )
    assert [d.value for d in art.dates] == ["2023-12-28"]
    art = analysed(
        "Judul\n\nJAKARTA - Sidang digelar 3 Januari mendatang.\n", published="2024-01-05"
    )
    assert [d.value for d in art.dates] == ["2025-01-03"]


def test_a_partial_date_that_opens_a_range_takes_the_year_of_its_end() -> None:
    art = analysed(
        "Judul\n\nJAKARTA - Pendaftaran dibuka 2 Desember hingga 14 Februari 2025.\n",
        published="2024-11-20",
    )
    assert {d.value for d in art.dates} >= {"2024-12-02", "2025-02-14"}


@pytest.mark.parametrize(
    "body",
    [
        "Pencoblosan digelar besok 14 Februari 2024, kata Ketua Panwas, Selasa (13/2/2024).",
        "Ketua Panwas mengatakan, Selasa (13/2/2024), putusan akan dibacakan pada 20 Februari 2024.",
        "Rapat pleno digelar 20 Februari 2024 mendatang. Hal itu disampaikan Selasa (13/2/2024).",
    ],
)
def test_a_scheduled_date_is_no_reference_while_a_past_one_is_stated(body: str) -> None:
    art = analysed(f"Judul berita\n\nJAKARTA - {body}\n")
    assert art.reference_date == dt.date(2024, 2, 13)


def test_a_scheduled_date_is_the_reference_when_it_is_the_only_full_date() -> None:
    art = analysed("Judul berita\n\nJAKARTA - Pencoblosan digelar besok 14 Februari 2024.\n")
    assert art.reference_date == dt.date(2024, 2, 14)


def test_a_stamp_in_capitals_with_a_reporters_credit_is_the_publication_stamp() -> None:
    art = analysed(
        "Panwas Temukan Baliho Liar\n\nRABU, 06 MARET 2024 | 09:05 WIB | LAPORAN: RINA SARI\n\n"
        "BANDUNG - Panwas menertibkan baliho. Rapat berikutnya Senin, 3 Februari 2025.\n"
    )
    assert art.layout.published == "2024-03-06T09:05"
    assert art.reference_date == dt.date(2024, 3, 6)
