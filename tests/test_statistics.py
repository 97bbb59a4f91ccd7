"""Statistics: each shape of a count, its measure, year and as-of date, and what is no count."""

from __future__ import annotations

import pytest

import extractor


def _stats(body: str, headline: str = "Berita netralitas ASN"):
    return extractor.extract(f"{headline}\n\nJAKARTA - {body}\n").statistics


def _by_value(body: str) -> dict[float, object]:
    return {float(s.value): s for s in _stats(body)}


def test_counts_with_and_without_their_noun() -> None:
    got = _by_value(
        "Data KASN mencatat penurunan pelanggaran netralitas ASN. Dari 489 pelanggaran yang dilaporkan "
        "pada tahun 2024, sebanyak 278 terbukti melanggar dan mendapatkan sanksi. Sedangkan pada pemilu "
        "2020, jumlah pelanggaran yang dilaporkan mencapai 2.034 kasus dengan 1.597 diantaranya terbukti "
        "melanggar dan dijatuhi sanksi."
    )
    assert set(got) == {489, 278, 2034, 1597}
    assert (got[489].unit, got[489].measure, got[489].year) == ("cases", "reported", 2024)
    assert (got[278].measure, got[278].year) == ("proven", 2024)
    assert (got[2034].measure, got[2034].year) == ("reported", 2020)
    assert (got[1597].measure, got[1597].year) == ("proven", 2020)
    assert {s.source for s in got.values()} == {"KASN"}
    assert {s.topic for s in got.values()} == {"asn_neutrality"}


def test_percentage_tied_to_its_base_and_as_of_date() -> None:
    got = _by_value(
        "Berdasarkan data per 30 September 2020, terdapat 694 pegawai ASN yang dilaporkan melakukan "
        "pelanggaran netralitas. Sebanyak 492 telah diberikan rekomendasi penjatuhan sanksi pelanggaran "
        "netralitas, dengan tindak lanjut pemberian sanksi dari PPK baru 256 ASN atau 52 persen."
    )
    assert set(got) == {694, 492, 256, 52}
    assert (got[694].unit, got[694].measure) == ("persons", "reported")
    assert got[492].measure == "recommended"
    assert (got[256].measure, got[52].unit, got[52].measure) == (
        "sanctioned",
        "percent",
        "sanctioned",
    )
    assert {s.as_of for s in got.values()} == {"2020-09-30"}


def test_number_words_years_per_clause_and_topics() -> None:
    got = _stats(
        "Kasus netralitas ASN di Balikpapan meningkat. Dimana pada pemilu 2020 ada dua kasus dan pada 2024 "
        "meningkat tajam jadi tujuh kasus. Kemudian money politik, peningkatan juga ada. Dari pilkada hanya "
        "satu kasus, untuk pemilu ada empat kasus."
    )
    rows = {(float(s.value), s.unit, s.measure, s.topic) for s in got}
    assert rows == {
        (2, "cases", "recorded", "asn_neutrality"),
        (7, "cases", "recorded", "asn_neutrality"),
        (1, "cases", "recorded", "money_politics"),
        (4, "cases", "recorded", "money_politics"),
    }
    years = {float(s.value): s.year for s in got}
    assert (years[2], years[7]) == (2020, 2024)


def test_a_repeated_figure_is_one_statistic() -> None:
    got = _stats(
        "Bawaslu menyebut ada lima ASN yang diduga melanggar netralitas pada Pilkada 2024. "
        "Lima ASN yang dilaporkan tersebut dipanggil untuk klarifikasi. Kelima ASN itu hadir."
    )
    assert [(s.value, s.unit, s.year) for s in got] == [(5, "persons", 2024)]
    assert got[0].measure in ("recorded", "reported")


def test_threat_is_not_a_measure() -> None:
    got = _stats(
        "Sebanyak 18 orang ASN di Kabupaten Luwu Timur terancam dipecat karena tidak netral. "
        "Bawaslu telah menerima 18 orang ASN yang diduga tidak netral di Pilkada Luwu Timur 2024."
    )
    assert [(s.value, s.measure) for s in got] == [(18, "recorded")]


def test_other_measures_and_borrowed_nouns() -> None:
    got = _by_value(
        "Bawaslu menerima 136 laporan dan 60 temuan dugaan politik uang. Dari jumlah itu, 25 laporan di "
        "antaranya telah ditindaklanjuti ke penyidik kepolisian. Sebanyak 13 masih diproses penyidik dan "
        "11 telah dilimpahkan ke penuntut umum."
    )
    assert (got[136].unit, got[136].measure) == ("reports", "reported")
    assert (got[60].unit, got[60].measure) == ("cases", "recorded")
    assert {got[25].measure, got[13].measure, got[11].measure} == {"other"}
    assert got[13].unit == "reports"
    assert {s.topic for s in got.values()} == {"money_politics"}


def test_year_falls_back_to_the_election_the_article_names() -> None:
    got = _stats(
        "Menjelang Pilkada 2024, Bawaslu merekomendasikan dua ASN ke KASN karena tidak netral."
    )
    assert [(s.value, s.measure, s.year) for s in got] == [(2, "recommended", 2024)]


@pytest.mark.parametrize(
    "body",
    [
        "Sesuai ketentuan ada 16 item yang dilarang bagi ASN yang melanggar netralitas.",
        "Pemda wajib melaksanakan 4 hal penting terkait pelanggaran netralitas.",
        "Aturannya ada dalam SE Menpan RB Nomor 01 Tahun 2023 tentang netralitas pegawai.",
        "Pelanggar diancam denda paling banyak Rp 12 juta dan penjara selama 14 hari.",
        "Bawaslu menangkap AS (46) dan AH (50) terkait dugaan pelanggaran.",
        "Bawaslu menyimpulkan 93 kabupaten/kota masuk kategori rawan tinggi pelanggaran netralitas ASN.",
        "Jumlah itu mencakup 18,1 persen dari total wilayah yang rawan pelanggaran.",
        "Pemerintah menyediakan rumah bagi 945 ribu ASN di seluruh Indonesia.",
        "Pelanggaran terjadi pada 2024 dan diproses pada Kamis (18/4/2024).",
    ],
)
def test_not_statistics(body: str) -> None:
    assert _stats(body) == []


def test_spans_cover_number_and_noun() -> None:
    text = "Berita\n\nJAKARTA - KASN menerima 400 lebih laporan pelanggaran netralitas ASN selama Pemilu 2024.\n"
    got = extractor.extract(text).statistics
    assert [(s.value, s.approximate, s.unit, s.measure, s.year) for s in got] == [
        (400, True, "reports", "reported", 2024)
    ]
    assert text[got[0].span.start : got[0].span.end] == got[0].span.text == "400 lebih laporan"


def _news(headline: str, body: str):
    return extractor.extract(f"{headline}\n\nJAKARTA - {body}\n").statistics


def test_civil_servants_outside_elections_are_topic_other() -> None:
    got = _news(
        "59 PNS Terjaring Operasi Patuh",
        "Sebanyak 59 pegawai negeri sipil (PNS) terjaring Operasi Patuh yang digelar Satlantas. "
        "Dari jumlah itu, sebanyak 1.194 orang diberikan sanksi teguran.",
    )
    assert {(float(s.value), s.topic) for s in got} == {(59, "other"), (1194, "other")}
    assert {float(s.value): s.measure for s in got}[1194] == "sanctioned"


@pytest.mark.parametrize(
    "body",
    [
        "KPK telah menetapkan empat tersangka baru terkait kasus korupsi e-KTP.",
        "Polisi langsung menangkap dua orang sebagai pelaku penusukan itu.",
        "Penyidik KPK memeriksa 53 orang saksi dalam kasus suap tersebut.",
        "Terdapat 3073 kasus influenza di kabupaten itu sejak Januari.",
        "Sebanyak 65 pejabat menerima promosi dan 58 pejabat dirotasi.",
        "Petisi itu telah ditandatangani lebih dari 300 ribu orang.",
    ],
)
def test_general_news_counts_of_suspects_witnesses_and_disease_are_not_statistics(
    body: str,
) -> None:
    assert _news("Berita hari ini", body) == []


def test_general_news_counts_of_violations_reports_and_sentenced_people_stay() -> None:
    got = _news(
        "Berita hari ini",
        "Polda mencatat 1.904 pelanggaran pada hari pertama. Kasus itu berawal dari 281 laporan "
        "polisi yang masuk. Hakim menjatuhkan vonis penjara kepada dua orang terdakwa.",
    )
    assert {(float(s.value), s.unit, s.topic) for s in got} == {
        (1904, "cases", "other"),
        (281, "reports", "other"),
        (2, "persons", "other"),
    }


def test_region_short_forms_are_expanded() -> None:
    got = _stats("Bawaslu Jabar mencatat 45 kasus pelanggaran netralitas ASN pada Pilkada 2024.")
    assert [(s.value, s.region, s.topic) for s in got] == [(45, "Jawa Barat", "asn_neutrality")]
