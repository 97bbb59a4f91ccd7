"""Statistics read across sentences and lists: runs of figures, tallies, parts and totals, years.

Invented sentences only; each class here was seen in articles annotated without the code.
"""

from __future__ import annotations

import pytest

import extractor


def _stats(body: str, headline: str = "Berita netralitas ASN"):
    return extractor.extract(f"{headline}\n\nJAKARTA - {body}\n").statistics


def _by_value(body: str) -> dict[float, object]:
    return {float(s.value): s for s in _stats(body)}


def _news(headline: str, body: str):
    return extractor.extract(f"{headline}\n\nJAKARTA - {body}\n").statistics


def test_a_run_of_figures_stays_in_the_frame_of_its_first() -> None:
    got = _news(
        "Rekap Data Pegawai Daerah",
        "Bawaslu merilis data pengawasan Pilkada 2024 pekan ini. Sebanyak 40 pegawai terbukti "
        "melanggar aturan. Angka itu naik dibanding periode sebelumnya. Sebanyak 25 pegawai "
        "telah dijatuhi hukuman. Kanwil Timur 6 pegawai, Kanwil Barat 3 pegawai.",
    )
    rows = {float(s.value): (s.measure, s.topic) for s in got}
    assert rows[25] == ("sanctioned", "asn_neutrality")  # framed by the run, not topic other
    assert 6 in rows and 3 in rows  # labelled items of the run need no context of their own


def test_a_run_needs_a_counted_outcome_to_carry_its_frame() -> None:
    got = _news(
        "Bom Meledak di Dekat Lokasi Kampanye",
        "Sebuah bom dilaporkan meledak di dekat lokasi kampanye. Ledakan itu menewaskan 14 "
        "orang. Serangan itu juga melukai 23 orang di sekitar panggung.",
    )
    assert 23 not in {float(s.value) for s in got}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Dalam putusannya, DKPP menjatuhkan sanksi berupa teguran (lima orang), peringatan "
            "keras (seorang), dan pemberhentian tetap (dua orang).",
            [(5, "sanctioned"), (1, "sanctioned"), (2, "sanctioned")],
        ),
        # the same tally for two sanctions stays two records
        (
            "Majelis menjatuhkan sanksi, yakni Peringatan (2), Teguran Tertulis (2) dan "
            "Pemberhentian Sementara (1).",
            [(2, "sanctioned"), (2, "sanctioned"), (1, "sanctioned")],
        ),
        (
            "Bawaslu merekomendasikan sanksi berupa teguran (4) dan peringatan (3) kepada PPK.",
            [(4, "recommended"), (3, "recommended")],
        ),
    ],
)
def test_a_bracketed_tally_of_sanctions_gives_each_its_persons(
    sentence: str, expected: list[tuple[int, str]]
) -> None:
    got = [s for s in _stats(f"Pada Pemilu 2024 banyak penyelenggara diadukan. {sentence}")]
    rows = sorted((float(s.value), s.measure) for s in got if s.unit == "persons")
    assert rows == sorted((float(v), m) for v, m in expected)


def test_durations_in_brackets_are_no_tally() -> None:
    got = _stats(
        "Pelanggar netralitas dapat dikenai penundaan kenaikan pangkat selama satu (1) tahun dan "
        "penurunan pangkat selama tiga (3) tahun."
    )
    assert not {1, 3} & {float(s.value) for s in got}


def test_an_undated_article_takes_the_year_of_its_case_numbers() -> None:
    got = _by_value(
        "DKPP membacakan putusan perkara nomor 15-PKE-DKPP/IX/2019 dan 17-PKE-DKPP/IX/2019. "
        "Sebanyak 4 penyelenggara terbukti melanggar kode etik."
    )
    assert (got[4].measure, got[4].year) == ("proven", 2019)


@pytest.mark.parametrize(
    "period", ["pada 2019–2022", "pada 2019 dan 2020", "sejak 2019 hingga 2022"]
)
def test_a_count_over_a_span_of_years_has_no_year(period: str) -> None:
    got = _by_value(
        f"Menjelang Pemilu 2024, KASN mengungkap data {period}, terdapat 850 laporan dugaan "
        "pelanggaran netralitas ASN. Sebanyak 600 ASN atau 70,6% di antaranya terbukti melanggar."
    )
    assert (got[850].year, got[600].year, got[70.6].year) == (None, None, None)
    assert got[600].measure == "proven"


def test_a_follow_up_count_without_its_noun_and_its_parallel() -> None:
    got = _by_value(
        "Bawaslu menerima 60 laporan dugaan pelanggaran netralitas ASN pada Pemilu 2024. Dari "
        "laporan tersebut, 45 menyangkut kampanye di media sosial, sementara 15 menyangkut "
        "penggunaan fasilitas negara."
    )
    for v in (45, 15):
        assert (got[v].unit, got[v].measure, got[v].year, got[v].topic) == (
            "reports",
            "reported",
            2024,
            "asn_neutrality",
        )


@pytest.mark.parametrize(
    "verb", ["mendapat peringatan", "mendapatkan teguran", "diberi peringatan"]
)
def test_a_warning_or_reprimand_received_is_sanctioned(verb: str) -> None:
    got = _by_value(
        f"Pada Pemilu 2024 lalu, tiga komisioner KPU kabupaten itu juga {verb} dari DKPP."
    )
    assert got[3].measure == "sanctioned"


@pytest.mark.parametrize(
    "body",
    [
        # the parts before their total
        "Rincian Pilkada 2024: 4 kepala desa di Kecamatan Utara dan 3 kepala desa di "
        "Kecamatan Selatan. Ada 7 kepala desa yang dilaporkan ke Bupati untuk diberi sanksi.",
        # … and after it
        "Pada Pilkada 2024 ada 7 kepala desa yang dilaporkan ke Bupati untuk diberi sanksi. "
        "Mereka adalah 4 kepala desa di Kecamatan Utara dan 3 kepala desa di Kecamatan Selatan.",
    ],
)
def test_parts_that_add_up_to_a_total_take_its_measure(body: str) -> None:
    got = _by_value(body)
    assert {got[v].measure for v in (7, 4, 3)} == {"recommended"}


def test_parts_that_do_not_add_up_keep_their_own_measure() -> None:
    got = _by_value(
        "Pada Pilkada 2024 ada 9 kepala desa yang dilaporkan ke Bupati untuk diberi sanksi. "
        "Mereka adalah 4 kepala desa di Kecamatan Utara dan 3 kepala desa di Kecamatan Selatan."
    )
    assert got[9].measure == "recommended" and got[4].measure != "recommended"


@pytest.mark.parametrize(
    "sentence",
    [
        "Sidang DKPP pada Pemilu 2024 memeriksa dua perkara dengan 9 teradu.",
        "Perkara Pemilu 2024 itu melibatkan 9 penyelenggara pemilu yang berstatus sebagai teradu.",
    ],
)
def test_respondents_before_the_ethics_council_are_recorded(sentence: str) -> None:
    assert _by_value(sentence)[9].measure == "recorded"


def test_where_the_cases_came_from() -> None:
    got = _by_value(
        "Bawaslu menangani 80 kasus dugaan pelanggaran pada Pilkada 2024. Sebanyak 30 "
        "merupakan temuan pengawas dan 50 berasal dari laporan masyarakat."
    )
    assert (got[30].measure, got[50].measure, got[50].unit) == ("recorded", "reported", "cases")


def test_rulings_are_cases_decided() -> None:
    got = _by_value(
        "Sepanjang Pemilu 2024 ada 31 putusan pidana pemilu terkait politik uang, "
        "sementara 8 putusan lain menyangkut netralitas ASN."
    )
    assert {(got[v].unit, got[v].measure) for v in (31, 8)} == {("cases", "proven")}


def test_a_count_takes_the_year_of_the_sentence_before_not_of_its_comparison() -> None:
    got = _by_value(
        "Bawaslu mencatat 640 kasus netralitas ASN pada Pilkada 2020. Pelanggaran serupa pada "
        "Pemilu 2019 juga ditemukan. Terdapat 410 temuan dugaan pelanggaran, lebih sedikit "
        "dibandingkan jumlah kasus pada Pilkada 2020."
    )
    assert (got[640].year, got[410].year) == (2020, 2019)


def test_a_run_does_not_carry_counts_of_mere_people() -> None:
    got = _news(
        "Bentrokan Usai Penetapan Hasil Pilkada",
        "Bentrokan pecah di depan kantor KPU usai penetapan hasil Pilkada 2024. Polisi menangkap "
        "40 orang di lokasi. Dalam bentrokan itu, 120 orang luka-luka.",
    )
    assert 120 not in {float(s.value) for s in got}


@pytest.mark.parametrize(
    "body",
    [
        "Pada Pemilu 2024 Bawaslu mencatat 20 kasus yang terbukti melanggar, di antaranya "
        "pelanggaran administrasi 8 kasus, kode etik 7 kasus dan pidana 5 kasus.",
        "Dari laporan Pilkada 2024, 20 perkara dinyatakan memenuhi unsur pelanggaran, rinciannya "
        "administrasi 8 perkara, etik 7 perkara, dan hukum lainnya sebanyak 5 perkara.",
    ],
)
def test_a_breakdown_by_kind_takes_the_predicate_of_its_first_item(body: str) -> None:
    got = _by_value(body)
    assert {got[v].measure for v in (20, 8, 7, 5)} == {"proven"}


def test_lower_case_words_with_no_breakdown_word_carry_no_predicate() -> None:
    got = _by_value(
        "Pada Pemilu 2024 Bawaslu menjatuhkan sanksi kepada 12 ASN, kemarin juga 4 ASN hadir."
    )
    assert got[12].measure == "sanctioned" and got[4].measure == "other"


@pytest.mark.parametrize(
    "sentence",
    [
        "Sebanyak 8 kasus netralitas ASN pada Pilkada 2024 sudah diteruskan ke Komisi Aparatur "
        "Negara.",
        "Kami telah meneruskan 8 kasus dugaan pelanggaran netralitas oleh PNS pada Pilkada 2024 "
        "ke Badan Kepegawaian Negara.",
        "Bawaslu menyerahkan 8 kasus pelanggaran Pemilu 2024 oleh ASN itu kepada KASN.",
    ],
)
def test_forwarding_to_the_body_that_decides_a_sanction_is_recommended(sentence: str) -> None:
    assert _by_value(sentence)[8].measure == "recommended"


def test_forwarding_elsewhere_is_not_recommended() -> None:
    got = _by_value("Polisi meneruskan 8 kasus pidana Pemilu 2024 ke kejaksaan negeri.")
    assert 8 not in got or got[8].measure != "recommended"


@pytest.mark.parametrize(
    "sentence",
    [
        # the region before its figure, the noun left out of the first
        "Kasus itu terjadi di Kabupaten Sleman 4, di Bantul 3 kasus dan Gunungkidul 2 kasus.",
        # the region before each figure, with its noun
        "Kasus itu tersebar di Kabupaten Sleman 4 kasus, Bantul 3 kasus, Gunungkidul 2 kasus.",
    ],
)
def test_a_regional_list_gives_each_figure_its_region_and_the_total_measure(
    sentence: str,
) -> None:
    got = _stats(
        "Pada Pilkada 2024 ada 9 kasus netralitas ASN yang direkomendasikan ke KASN. " + sentence
    )
    rows = {(float(s.value), s.region) for s in got if float(s.value) in (4, 3, 2)}
    assert rows == {(4, "Sleman"), (3, "Bantul"), (2, "Gunungkidul")}
    assert {s.measure for s in got if float(s.value) in (9, 4, 3, 2)} == {"recommended"}


def test_a_region_after_its_figure_runs_over_its_second_word() -> None:
    got = _by_value(
        "Pada Pilkada 2024 tercatat 3 kasus netralitas ASN terjadi di Boven Digoel, dan 2 kasus "
        "di Merauke."
    )
    assert (got[3].region, got[2].region) == ("Boven Digoel", "Merauke")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sebanyak 14 ASN di kabupaten itu dinilai tidak netral oleh Bawaslu pada Pemilu 2024.",
        "Pada Pilkada 2024, 14 orang pegawai dianggap tak netral karena ikut kampanye.",
    ],
)
def test_judged_not_neutral_is_proven(sentence: str) -> None:
    assert _by_value(sentence)[14].measure == "proven"
