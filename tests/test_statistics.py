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
        "Catatan KASN menunjukkan pelanggaran netralitas ASN berkurang. Dari 512 pelanggaran yang dilaporkan "
        "pada tahun 2024, sebanyak 301 terbukti melanggar dan mendapatkan sanksi. Sedangkan pada pemilu "
        "2019, jumlah pelanggaran yang dilaporkan mencapai 1.876 kasus dengan 1.402 diantaranya terbukti "
        "melanggar dan dijatuhi sanksi."
    )
    assert set(got) == {512, 301, 1876, 1402}
    assert (got[512].unit, got[512].measure, got[512].year) == ("cases", "reported", 2024)
    assert (got[301].measure, got[301].year) == ("proven", 2024)
    assert (got[1876].measure, got[1876].year) == ("reported", 2019)
    assert (got[1402].measure, got[1402].year) == ("proven", 2019)
    assert {s.source for s in got.values()} == {"KASN"}
    assert {s.topic for s in got.values()} == {"asn_neutrality"}


def test_percentage_tied_to_its_base_and_as_of_date() -> None:
    got = _by_value(
        "Menurut data per 15 Oktober 2020, ada 720 pegawai ASN yang dilaporkan melakukan "
        "pelanggaran netralitas. Sebanyak 515 telah diberikan rekomendasi penjatuhan sanksi pelanggaran "
        "netralitas, dengan tindak lanjut pemberian sanksi dari PPK baru 247 ASN atau 48 persen."
    )
    assert set(got) == {720, 515, 247, 48}
    assert (got[720].unit, got[720].measure) == ("persons", "reported")
    assert got[515].measure == "recommended"
    assert (got[247].measure, got[48].unit, got[48].measure) == (
        "sanctioned",
        "percent",
        "sanctioned",
    )
    assert {s.as_of for s in got.values()} == {"2020-10-15"}


def test_number_words_years_per_clause_and_topics() -> None:
    got = _stats(
        "Kasus netralitas ASN di Kota Bitung naik. Dimana pada pemilu 2019 ada tiga kasus dan pada 2024 "
        "melonjak jadi sembilan kasus. Kemudian money politik, kenaikan juga ada. Dari pilkada hanya "
        "satu kasus, untuk pemilu ada lima kasus."
    )
    rows = {(float(s.value), s.unit, s.measure, s.topic) for s in got}
    assert rows == {
        (3, "cases", "recorded", "asn_neutrality"),
        (9, "cases", "recorded", "asn_neutrality"),
        (1, "cases", "recorded", "money_politics"),
        (5, "cases", "recorded", "money_politics"),
    }
    years = {float(s.value): s.year for s in got}
    assert (years[3], years[9]) == (2019, 2024)


def test_a_repeated_figure_is_one_statistic() -> None:
    got = _stats(
        "Bawaslu menyebut ada lima ASN yang diduga melanggar netralitas pada Pilkada 2024. "
        "Lima ASN yang dilaporkan tersebut dipanggil untuk klarifikasi. Kelima ASN itu hadir."
    )
    assert [(s.value, s.unit, s.year) for s in got] == [(5, "persons", 2024)]
    assert got[0].measure in ("recorded", "reported")


def test_threat_is_not_a_measure() -> None:
    got = _stats(
        "Sebanyak 14 orang ASN di Kabupaten Kolaka terancam dipecat karena tidak netral. "
        "Bawaslu telah menerima 14 orang ASN yang diduga tidak netral di Pilkada Kolaka 2024."
    )
    assert [(s.value, s.measure) for s in got] == [(14, "recorded")]


def test_other_measures_and_borrowed_nouns() -> None:
    got = _by_value(
        "Bawaslu menerima 142 laporan dan 57 temuan dugaan politik uang. Dari jumlah itu, 21 laporan di "
        "antaranya telah ditindaklanjuti ke penyidik kepolisian. Sebanyak 12 masih diproses penyidik dan "
        "9 telah dilimpahkan ke penuntut umum."
    )
    assert (got[142].unit, got[142].measure) == ("reports", "reported")
    assert (got[57].unit, got[57].measure) == ("cases", "recorded")
    assert {got[21].measure, got[12].measure, got[9].measure} == {"other"}
    assert got[12].unit == "reports"
    assert {s.topic for s in got.values()} == {"money_politics"}


def test_year_falls_back_to_the_election_the_article_names() -> None:
    got = _stats(
        "Menjelang Pilkada 2024, Bawaslu merekomendasikan dua ASN ke KASN karena tidak netral."
    )
    assert [(s.value, s.measure, s.year) for s in got] == [(2, "recommended", 2024)]


@pytest.mark.parametrize(
    "body",
    [
        "Menurut aturan ada 12 item yang dilarang bagi ASN yang melanggar netralitas.",
        "Pemda wajib melaksanakan 4 hal penting terkait pelanggaran netralitas.",
        "Ketentuannya ada dalam SE Menpan RB Nomor 02 Tahun 2022 tentang netralitas pegawai.",
        "Pelanggar diancam denda paling banyak Rp 10 juta dan kurungan selama 7 hari.",
        "Polisi menangkap RS (38) dan TK (44) terkait dugaan pelanggaran.",
        "Bawaslu menilai 87 kabupaten/kota masuk kategori rawan tinggi pelanggaran netralitas ASN.",
        "Angka itu setara 16,4 persen dari total wilayah yang rawan pelanggaran.",
        "Pemerintah menyediakan rumah bagi 945 ribu ASN di seluruh Indonesia.",
        "Pelanggaran terjadi pada 2024 dan diproses pada Kamis (18/4/2024).",
    ],
)
def test_not_statistics(body: str) -> None:
    assert _stats(body) == []


def test_spans_cover_number_and_noun() -> None:
    text = "Berita\n\nJAKARTA - KASN mendapat 300 lebih laporan pelanggaran netralitas ASN selama Pemilu 2024.\n"
    got = extractor.extract(text).statistics
    assert [(s.value, s.approximate, s.unit, s.measure, s.year) for s in got] == [
        (300, True, "reports", "reported", 2024)
    ]
    assert text[got[0].span.start : got[0].span.end] == got[0].span.text == "300 lebih laporan"


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
        "Tiga orang yang menjadi korban pemerasan melaporkan kejadian itu ke polisi.",
        "Polisi menahan empat orang aktivis yang diduga melanggar aturan unjuk rasa.",
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


# ---- the clause layer's classes (issue 11); invented sentences -------------------------


def _rows(body: str) -> set[tuple[float, str]]:
    return {(float(s.value), s.measure) for s in _stats(body)}


@pytest.mark.parametrize("verb", ["dilaporkan", "di laporkan"])
def test_relative_clause_belongs_to_the_number_it_follows(verb: str) -> None:
    rows = _rows(
        f"Pada Pilkada 2024, sebanyak 40 pegawai dari 95 pegawai yang {verb} terbukti melanggar "
        "netralitas."
    )
    assert rows == {(40, "proven"), (95, "reported")}


def test_share_takes_its_counts_measure() -> None:
    got = _by_value(
        "KASN menerima 600 laporan netralitas ASN pada Pemilu 2024. Sejumlah 310 ASN atau 51,5 persen "
        "di antaranya terbukti melanggar, dan 120 ASN (38,7 persen) telah dijatuhi sanksi."
    )
    assert (got[310].measure, got[51.5].measure, got[51.5].unit) == ("proven", "proven", "percent")
    assert (got[120].measure, got[38.7].measure) == ("sanctioned", "sanctioned")


def test_a_share_whose_noun_follows_it_makes_the_number_a_count() -> None:
    got = _by_value(
        "Dari laporan itu, Komisi ASN menemukan 412 atau 61,2 persen ASN yang terbukti melanggar "
        "netralitas pada Pemilu 2019."
    )
    assert (got[412].unit, got[412].measure, got[61.2].measure) == ("persons", "proven", "proven")


def test_follow_up_takes_the_year_of_the_figure_it_refers_to() -> None:
    got = _by_value(
        "Pada Pemilu 2019 tercatat 880 laporan dugaan pelanggaran netralitas ASN. Dari jumlah "
        "tersebut, 640 ASN dijatuhi sanksi. Tahun 2024 ini Bawaslu kembali mengawasi netralitas."
    )
    assert (got[640].measure, got[640].year) == ("sanctioned", 2019)


def test_each_figure_takes_its_own_year() -> None:
    got = _by_value(
        "Kasus netralitas ASN di kota itu ada 3 kasus pada 2019 dan 11 kasus pada 2020."
    )
    assert (got[3].year, got[11].year) == (2019, 2020)


@pytest.mark.parametrize(
    "body",
    [
        "Bawaslu memutuskan 88 di antaranya merupakan pelanggaran, dan 41 bukan pelanggaran.",
        "Dari 129 laporan, sebanyak 88 terbukti melanggar dan 41 tidak diregistrasi.",
        "Sebanyak 88 ASN telah dijatuhi sanksi, sedangkan 41 sisanya belum dijatuhi sanksi.",
        "Sebanyak 88 ASN terbukti melanggar netralitas, namun 41 ASN tidak terbukti melanggar.",
    ],
)
def test_a_negated_predicate_is_no_outcome(body: str) -> None:
    got = _by_value("Bawaslu menangani 129 laporan netralitas ASN pada Pemilu 2024. " + body)
    assert got[41].measure == "other"
    assert got[88].measure != "other"


def test_a_forecast_or_a_condition_is_no_statistic() -> None:
    got = _by_value(
        "Bawaslu menilai pelanggaran netralitas ASN pada Pilkada 2024 diperkirakan akan mencapai "
        "300 kasus. Jika 25 ASN terbukti melanggar, mereka akan dijatuhi sanksi. Sejauh ini 14 ASN "
        "dilaporkan."
    )
    assert set(got) == {14}


@pytest.mark.parametrize(
    ("clause", "measure"),
    [
        ("sudah diteruskan ke KASN", "recommended"),
        ("direkomendasikan ke Komisi ASN", "recommended"),
        ("diteruskan ke Polri", "other"),
        ("sudah diregistrasi", "other"),
        ("masih dalam proses penanganan", "other"),
        ("merupakan pelanggaran netralitas", "proven"),
        ("terkena sanksi disiplin", "sanctioned"),
        ("yang berkasnya sudah dinyatakan P21", "other"),
        ("yang sudah masuk tahap 2 di kejaksaan", "other"),
    ],
)
def test_measure_of_each_stage(clause: str, measure: str) -> None:
    got = _by_value(
        f"Pada Pemilu 2024, Bawaslu mencatat sebanyak 23 kasus netralitas ASN {clause}."
    )
    assert got[23].measure == measure


def test_a_reporting_noun_before_the_number_is_reported() -> None:
    got = _by_value(
        "Bawaslu menerima keluhan terhadap 9 ASN yang hadir di kampanye Pemilu 2024. Panwas mencatat "
        "laporan sebanyak 16 kasus netralitas."
    )
    assert (got[9].measure, got[16].measure) == ("reported", "reported")


def test_two_joined_predicates_on_one_number_are_one_record() -> None:
    got = _stats(
        "Pada Pemilu 2024, sebanyak 12 ASN terbukti melanggar netralitas dan direkomendasikan ke KASN."
    )
    assert [float(s.value) for s in got] == [12]


def test_one_group_at_two_stages_is_two_records() -> None:
    rows = _rows(
        "Pada Pilkada 2024 Bawaslu menerima laporan terhadap 5 kades yang dilaporkan berkampanye. "
        "Setelah diperiksa, 5 kades itu terbukti melanggar netralitas."
    )
    assert (5, "reported") in rows
    got = _rows(
        "Pada Pilkada 2024 ada 5 kades dilaporkan. Bawaslu menyatakan 5 kades terbukti melanggar."
    )
    assert got == {(5, "reported"), (5, "proven")}


def test_the_same_value_for_two_regions_stays_two() -> None:
    got = _stats(
        "Bawaslu menemukan 4 ASN di Medan yang terbukti melanggar netralitas pada Pemilu 2024. "
        "Sementara itu, 4 ASN di Garut juga terbukti melanggar netralitas."
    )
    assert sorted((float(s.value), s.region) for s in got) == [(4, "Garut"), (4, "Medan")]


def test_bracketed_breakdown_gives_each_region_its_figure() -> None:
    got = _stats(
        "Bawaslu mencatat 48 kasus dugaan pelanggaran netralitas ASN pada Pemilu 2024, terbanyak di "
        "Sulawesi Utara (21 kasus), Maluku (9), dan Bali (4)."
    )
    regions = {float(s.value): (s.region, s.region_code) for s in got}
    assert regions[21] == ("Sulawesi Utara", "71")
    assert regions[9][0] == "Maluku" and regions[4][0] == "Bali"
    assert regions[48][0] is None


def test_a_count_is_never_a_year_and_no_year_is_after_the_next_one() -> None:
    got = _stats(
        "Dalam operasi netralitas pada Pilkada 2024, Panwas mencatat sebanyak 2078 pelanggaran "
        "netralitas ASN.",
    )
    assert [(float(s.value), s.year) for s in got] == [(2078, 2024)]
    facts = extractor.extract(
        "Berita\n\nJAKARTA - Bawaslu mencatat 17 kasus netralitas ASN, targetnya turun pada 2031.\n",
        published="2024-03-01",
    )
    assert all(s.year is None or s.year <= 2025 for s in facts.statistics)


@pytest.mark.parametrize(
    "body",
    [
        "Jumlah pengangguran terbuka di kabupaten itu mencapai 1.200 orang pada 2023.",
        "Bupati melantik 45 kepala desa terpilih di pendopo kabupaten.",
        "Sebanyak 30 persen pembeli memilih produk dalam negeri.",
    ],
)
def test_counts_from_unrelated_news_are_no_statistics(body: str) -> None:
    assert _stats(body, headline="Berita daerah") == []


def test_traffic_tickets_are_topic_other() -> None:
    got = _stats(
        "Selama Operasi Zebra, Polres kota itu menilang sebanyak 640 pelanggar lalu lintas.",
        headline="Operasi Zebra",
    )
    assert [(float(s.value), s.topic) for s in got] == [(640, "other")]
    assert got[0].measure == "sanctioned"  # a ticket is a fine


def test_what_a_demand_asks_for_is_not_what_was_done() -> None:
    got = _by_value(
        "Pada Pemilu 2024 Bawaslu meminta agar 5 ASN yang terbukti melanggar netralitas dijatuhi sanksi."
    )
    assert got[5].measure == "proven"


def test_reports_of_election_violations_in_general_are_election_violation() -> None:
    got = _stats(
        "Netralitas ASN menjadi sorotan. Bawaslu menerima 31 laporan dugaan pelanggaran terkait "
        "pemungutan suara ulang Pilkada 2024."
    )
    assert [(float(s.value), s.topic) for s in got] == [(31, "election_violation")]


@pytest.mark.parametrize(
    "body",
    [
        # a report of no wrongdoing, an audit's own recommendations, disease cases
        "Petugas balai kembali menerima dua laporan kemunculan buaya di sungai itu.",
        "Auditor negara memberikan 320 rekomendasi kepada kementerian itu tahun ini.",
        "Dinas kesehatan mencatat 48 kasus positif baru yang dilaporkan pekan ini.",
        "Selama masa tindak lanjut tercatat 210 kasus kanker pada peserta studi.",
    ],
)
def test_general_news_reports_recommendations_and_diseases_of_no_wrongdoing(body: str) -> None:
    assert _news("Berita hari ini", body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Dalam kasus politik uang Pilkada 2024, polisi menyebut 3 orang tim sukses dikenai tuduhan membagikan uang.",
        "Dalam kasus politik uang Pilkada 2024, pasal yang dikenakan 3 orang tim sukses itu berat.",
    ],
)
def test_a_charge_is_no_sanction(body: str) -> None:
    got = _by_value(body)
    assert 3 in got and got[3].measure != "sanctioned"
    assert (
        _by_value(
            body.replace("tuduhan membagikan uang", "sanksi").replace(
                "pasal yang dikenakan 3 orang tim sukses itu berat",
                "3 orang tim sukses dikenakan sanksi",
            )
        )[3].measure
        == "sanctioned"
    )


def test_labelled_list_items_take_the_verb_of_the_first() -> None:
    got = _by_value(
        "Selama masa kampanye Pilkada 2024, Bawaslu menindak 21 pelanggar, Panwascam Utara "
        "7 pelanggar, dan Panwascam Barat 4 pelanggar."
    )
    assert {v: s.measure for v, s in got.items()} == {21: "recorded", 7: "recorded", 4: "recorded"}


def test_a_count_of_violators_with_no_predicate_is_recorded() -> None:
    got = _by_value(
        "Dalam razia disiplin pegawai pekan lalu, ada 37 pelanggar berstatus ASN dan 12 orang honorer."
    )
    assert got[37].measure == "recorded"
    assert (
        12 not in got or got[12].measure == "other"
    )  # people not named as violators keep the default


@pytest.mark.parametrize(
    ("when", "year"),
    [
        ("Tahun ini ada 412 laporan", 2024),
        ("Sepanjang tahun ini tercatat 412 laporan", 2024),
        ("Tahun lalu ada 412 laporan", 2023),
    ],
)
def test_this_year_and_last_year_are_read_from_the_reference_date(when: str, year: int) -> None:
    got = extractor.extract(
        "Berita netralitas ASN\n\nJAKARTA, Senin (4/3/2024) - Komisi ASN menerima jauh lebih "
        f"banyak laporan pada Pemilu 2019. {when} dugaan pelanggaran netralitas ASN. Dari jumlah "
        "tersebut, 150 ASN terbukti melanggar.\n"
    ).statistics
    years = {float(s.value): s.year for s in got}
    assert (years[412], years[150]) == (year, year)


def test_an_explicit_year_outranks_this_year_before_it() -> None:
    got = extractor.extract(
        "Berita netralitas ASN\n\nJAKARTA, Senin (4/3/2024) - Tahun ini Bawaslu kembali "
        "mengawasi; pada Pemilu 2019 tercatat 880 laporan dugaan pelanggaran netralitas ASN.\n"
    ).statistics
    assert [(s.value, s.year) for s in got] == [(880, 2019)]


@pytest.mark.parametrize(
    "when",
    [
        "Tercatat 412 laporan, lebih rendah dibandingkan tahun lalu",
        "Tercatat 412 laporan, naik dari tahun lalu",
        "Dua tahun lalu tercatat 412 laporan",
    ],
)
def test_a_compared_or_counted_back_year_is_not_last_year(when: str) -> None:
    got = extractor.extract(
        "Berita netralitas ASN\n\nJAKARTA, Senin (4/3/2024) - Menjelang Pemilu 2024 Komisi ASN "
        f"merilis data. {when} dugaan pelanggaran netralitas ASN.\n"
    ).statistics
    assert [(s.value, s.year) for s in got] == [(412, 2024)]


@pytest.mark.parametrize(
    "body",
    [
        "Itu terdiri dari laporan dan temuan, untuk laporan ada 12 selebihnya temuan pengawas.",
        "Sementara laporan yang diperoleh dari masyarakat sebanyak 12 kasus.",
        "Adapun laporan dari warga berjumlah 12 kasus, sisanya temuan.",
    ],
)
def test_a_reporting_noun_as_topic_before_the_number_is_reported(body: str) -> None:
    got = _by_value(
        f"Bawaslu mencatat 500 kasus dugaan pelanggaran netralitas ASN pada Pemilu 2024. {body}"
    )
    assert got[12].measure == "reported"


def test_this_year_in_an_undated_article_is_the_latest_election_it_names() -> None:
    got = _by_value(
        "Laporan netralitas ASN pada Pemilu 2029 menurun dibandingkan Pemilu 2024. Pada Pemilu "
        "2024 laporan itu ribuan. Tahun ini "
        "ada 77 laporan dugaan pelanggaran netralitas ASN yang masuk."
    )
    assert got[77].year == 2029


@pytest.mark.parametrize(
    "verb",
    ["sudah menerima sanksi", "telah menerima hukuman disiplin", "menerima sanksi teguran"],
)
def test_receiving_a_sanction_is_sanctioned(verb: str) -> None:
    got = _by_value(
        f"Dari 14 ASN yang dilaporkan pada Pemilu 2024, 6 di antaranya {verb} dari pejabat "
        "pembina kepegawaian setelah keluarnya rekomendasi KASN."
    )
    assert (got[14].measure, got[6].measure) == ("reported", "sanctioned")


@pytest.mark.parametrize(
    "clause",
    [
        "yang laporannya diteruskan ke Bupati untuk diberi sanksi",
        "sudah dilaporkan ke Wali Kota selaku pejabat pembina kepegawaian",
        "dikirimkan kepada Gubernur untuk ditindaklanjuti",
    ],
)
def test_forwarding_to_the_regional_head_is_recommended(clause: str) -> None:
    got = _by_value(f"Menjelang Pilkada 2024, Bawaslu mencatat ada 7 kepala desa {clause}.")
    assert got[7].measure == "recommended"


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        # the predicate after "untuk" is the aim of the forwarding, not what was done
        (
            "Dugaan pelanggaran yang direkomendasikan Bawaslu untuk ditindaklanjuti KASN sebanyak 31 kasus.",
            "recommended",
        ),
        (
            "Laporan yang diteruskan ke Komisi ASN agar dijatuhi sanksi mencapai 31 kasus.",
            "recommended",
        ),
    ],
)
def test_a_purpose_clause_is_not_the_outcome(sentence: str, measure: str) -> None:
    got = _by_value(f"Menjelang Pilkada 2024 Bawaslu merilis data netralitas ASN. {sentence}")
    assert got[31].measure == measure
