"""Sanctions: each type, each status, lists, typos and the things that are not sanctions."""

from __future__ import annotations

import pytest

import extractor


def _facts(body: str):
    return extractor.extract(f"Berita netralitas ASN\n\nJAKARTA - {body}\n")


def _types(body: str) -> set[str]:
    return {s.type for s in _facts(body).sanctions}


def _status(body: str, stype: str) -> set[str]:
    return {s.status for s in _facts(body).sanctions if s.type == stype}


@pytest.mark.parametrize(
    ("body", "stype"),
    [
        ("Pelanggar diberi teguran lisan oleh atasannya.", "verbal_reprimand"),
        ("Pelanggar diberi teguran tertulis oleh atasannya.", "written_reprimand"),
        ("Camat itu sudah mendapat surat peringatan dari bupati.", "written_reprimand"),
        ("Kepala dinas itu menerima teguran dari Sekda.", "written_reprimand"),
        ("Sanksinya berupa pernyataan tidak puas secara tertulis.", "statement_of_dissatisfaction"),
        ("Sanksi yang dijatuhkan berupa pemotongan tunjangan kinerja.", "allowance_cut"),
        ("Sanksinya penundaan kenaikan gaji berkala selama satu tahun.", "promotion_delay"),
        ("Ia dijatuhi sanksi penurunan pangkat setingkat lebih rendah.", "demotion"),
        ("ASN itu terancam turun pangkat.", "demotion"),
        ("Pejabat itu dikenai demosi oleh bupati.", "position_demotion"),
        ("Sekda dijatuhi pembebasan dari jabatan.", "removal_from_office"),
        ("Camat yang tidak netral itu dicopot oleh bupati.", "removal_from_office"),
        ("Kepala desa itu dijatuhi pemberhentian sementara.", "removal_from_office"),
        ("Lurah tersebut dinonjobkan karena melanggar netralitas.", "removal_from_office"),
        ("ASN yang melanggar dijatuhi sanksi mutasi ke daerah terpencil.", "transfer"),
        ("ASN yang melanggar bisa dipecat.", "dismissal"),
        ("Ia diberhentikan dengan tidak hormat karena melanggar netralitas.", "dismissal"),
        ("Bawaslu mengusulkan PTDH bagi ASN tersebut.", "dismissal"),
        (
            "Siapa pun yang melanggar dapat dipidana dengan penjara paling lama dua tahun.",
            "criminal",
        ),
        ("Perkara itu masuk ranah pidana pemilu.", "criminal"),
        ("ASN itu dijatuhi sanksi administratif oleh PPK.", "administrative"),
        ("Pelanggar juga menanggung sanksi moral dari masyarakat.", "moral"),
        ("ASN yang terbukti melanggar mendapat sanksi dari PPK.", "unspecified"),
    ],
)
def test_each_type_is_found(body: str, stype: str) -> None:
    assert stype in _types(body)


@pytest.mark.parametrize(
    ("body", "stype", "status"),
    [
        ("Pemprov menjatuhkan sanksi penurunan pangkat kepada ASN itu.", "demotion", "imposed"),
        (
            "Karena tak netral, pegawai itu dijatuhi hukuman dan dilepaskan jabatannya.",
            "removal_from_office",
            "imposed",
        ),
        ("Majelis hakim memvonis terdakwa dua tahun penjara.", "criminal", "imposed"),
        ("Jika tidak menang, maka pelatih itu dipastikan dipecat.", "dismissal", "threatened"),
        ("Apabila melanggar maka dikenakan sanksi administratif.", "administrative", "threatened"),
        (
            "Massa mendesak agar pimpinan mundur dan kepala dinas itu dipecat.",
            "dismissal",
            "proposed",
        ),
        ("KASN meminta PPK untuk menjatuhkan sanksi penurunan pangkat.", "demotion", "proposed"),
        ("Hingga kini PNS koruptor itu belum dipecat.", "dismissal", "mentioned"),
        ("Syaratnya tidak pernah dipidana karena kejahatan.", "criminal", "mentioned"),
        ("Tidak ada anggota paskibra yang dipecat.", "dismissal", "mentioned"),
        (
            "KASN memberikan rekomendasi penjatuhan sanksi penurunan pangkat.",
            "demotion",
            "recommended",
        ),
        ("Bawaslu mendorong sanksi pemecatan bagi ASN itu.", "dismissal", "proposed"),
        ("Kalau perlu ada pemberhentian bagi ASN yang melanggar.", "dismissal", "proposed"),
        ("ASN yang melanggar akan dipecat.", "dismissal", "threatened"),
        ("Kepala desa yang terlibat kampanye dapat berujung pidana.", "criminal", "threatened"),
        (
            "Ketiganya dijerat pasal politik uang dengan sanksi pidana maksimal tiga tahun.",
            "criminal",
            "threatened",
        ),
        ("Jangan anggap remeh, ini bukan sekadar teguran lisan.", "verbal_reprimand", "mentioned"),
    ],
)
def test_status(body: str, stype: str, status: str) -> None:
    assert _status(body, stype) == {status}


def test_a_list_shares_its_head_and_severity() -> None:
    facts = _facts(
        "Kami jatuhkan sanksi berat berupa penurunan pangkat dan mutasi ke daerah terpencil."
    )
    got = {(s.type, s.severity, s.status) for s in facts.sanctions}
    assert got == {("demotion", "severe", "imposed"), ("transfer", "severe", "imposed")}


def test_a_speaker_enumerating_keeps_the_status_of_the_sentence_before() -> None:
    facts = _facts(
        "Risiko yang akan dihadapi apabila melanggar, hukumannya sangat berat. "
        "Dari hukuman yang bersifat administratif, hingga hukuman pidana."
    )
    assert {s.status for s in facts.sanctions if s.type in ("administrative", "criminal")} == {
        "threatened"
    }


def test_scrape_typos_still_count() -> None:
    assert "dismissal" in _types(
        "Efek jera itu berupa pemecatan, yang menjadi sanski tertinggi bagi pegawai."
    )
    assert "dismissal" in _types("Efek jera saksi tertinggi pemecatan.")
    assert _types("ASN itu dikenai sanski dari PPK.") == {"unspecified"}


@pytest.mark.parametrize(
    ("body", "severity"),
    [
        ("ASN yang melanggar bisa dijatuhi saksi berat oleh bupati.", "severe"),
        ("Pegawai itu terancam sangsi disiplin ringan.", "light"),
        ("Camat itu dijatuhi sanski sedang oleh bupati.", "moderate"),
    ],
)
def test_a_typo_with_a_level_is_a_sanction(body: str, severity: str) -> None:
    assert {(s.type, s.severity) for s in _facts(body).sanctions} == {("unspecified", severity)}


def test_a_typo_after_a_sanction_verb_is_a_sanction() -> None:
    assert _types("Sekolah hanya memberi sangsi kepada siswa yang bolos.") == {"unspecified"}


@pytest.mark.parametrize(
    "body",
    [
        "Polisi memeriksa saksi mata yang melihat kejadian itu.",
        "Jaksa menghadirkan dua orang saksi dalam sidang.",
        "Hakim mendengar keterangan saksi ahli dari kampus.",
        "Saat itu korban dan saksi sedang beristirahat di bahu jalan.",
        "Sebagian warga masih sangsi akan janji tersebut.",
        "Kejujurannya tidak lagi disangsikan publik.",
    ],
)
def test_witness_and_doubt_are_no_sanction(body: str) -> None:
    assert _facts(body).sanctions == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Contohnya sedang diturunkan atau ditunda pangkatnya.",
            {"demotion", "promotion_delay"},
        ),
        (
            "ASN itu bisa ditunda dan diturunkan pangkatnya.",
            {"demotion", "promotion_delay"},
        ),
        (
            "Camat itu diberhentikan dan dicopot dari jabatannya karena tidak netral.",
            {"removal_from_office"},
        ),
    ],
)
def test_two_verbs_share_one_object(body: str, expected: set[str]) -> None:
    assert _types(body) == expected


def test_a_verb_without_a_sanction_object_is_no_sanction() -> None:
    assert _types("Harga cabai diturunkan atau ditunda kenaikannya oleh pedagang.") == set()


@pytest.mark.parametrize(
    "body",
    [
        "Pelanggar itu bisa dijatuhi sanksi pidana atau administrasi.",
        "Pelanggar bisa dikenai sanksi administratif maupun pidana.",
        "Pelanggar bisa dikenai sanksi pidana dan administratif.",
    ],
)
def test_administrative_beside_another_sanction(body: str) -> None:
    assert {"administrative", "criminal"} <= _types(body)


def test_administration_alone_is_no_sanction() -> None:
    assert _types("Berkas administrasi calon sudah lengkap.") == set()


@pytest.mark.parametrize(
    "body",
    [
        "Bupati melantik 20 pejabat hasil mutasi dan rotasi pada Jumat.",
        "Kepala Bidang Mutasi dan Promosi BKPSDM mengatakan pelantikan berjalan lancar.",
        "Polantas itu memberhentikan mobil yang melaju ugal-ugalan.",
        "Acara itu merujuk PP 12 Tahun 2008 Tentang Pemilihan, Pengesahan Pengangkatan dan Pemberhentian kepala daerah.",
        "Petugas mencopot baliho dan spanduk yang dipasang di pohon.",
        "Penegakan hukum dilakukan secara tegas oleh kepolisian.",
        "Sidang digelar di Pengadilan Tindak Pidana Korupsi Jakarta.",
        "Revisi Undang-Undang Komisi Pemberantasan Tindak Pidana Korupsi disahkan.",
        "Guru besar hukum pidana itu menilai pasal tersebut kabur.",
        "Uang itu diterima dari terpidana kasus suap.",
        "Bupati menerbitkan keputusan tentang pemberhentian kepala desa dan pengangkatan penjabat.",
    ],
)
def test_not_sanctions(body: str) -> None:
    assert {s.type for s in _facts(body).sanctions} <= {"unspecified"}


def test_headline_counts_and_spans_hold() -> None:
    text = (
        "ASN di Grobogan Terancam Dipecat\n\nGROBOGAN - Sekda mengimbau ASN menjaga netralitas.\n"
    )
    facts = extractor.extract(text)
    assert [(s.type, s.status) for s in facts.sanctions] == [("dismissal", "threatened")]
    for s in facts.sanctions:
        assert text[s.span.start : s.span.end] == s.span.text


def test_finding_a_witness_is_no_sanction() -> None:
    assert (
        _facts("Di tengah hutan polisi sulit mendapatkan saksi yang melihat kejadian.").sanctions
        == []
    )


@pytest.mark.parametrize(
    "body",
    [
        # a class of violation (what a case *is*) is no sanction (SPEC clarification)
        "Panwas akan menilai apakah kasus itu tergolong tindak pidana atau administrasi.",
        "Sebanyak 8 perkara merupakan tindak pidana pemilihan, sisanya pelanggaran etik.",
        "Polisi menilai laporan itu tidak memenuhi unsur pidana pemilu.",
        "Tiga kades diduga melakukan tindak pidana pemilu saat masa tenang.",
        "Dari 40 laporan, 6 diteruskan ke kepolisian karena termasuk kategori tindak pidana.",
        # "tindak pidana" / "delik pidana" name a kind of offence wherever they stand
        "Polisi menyebut pelaku tindak pidana itu masih buron.",
        "Penangkapan itu berkaitan dengan tindak pidana pencurian ternak.",
        "Pelanggaran itu bisa masuk tindak pidana atau administrasi.",
        "Banyak delik pidana dalam rancangan itu dinilai kabur.",
        "Penegakan hukum (pidana) harus adil bagi semua warga.",
    ],
)
def test_a_class_of_violation_is_no_sanction(body: str) -> None:
    assert not _types(body) & {"criminal", "administrative"}


@pytest.mark.parametrize(
    "body",
    [
        "Pelakunya dapat dipidana penjara paling lama dua tahun.",
        "Majelis hakim menjatuhkan pidana penjara enam bulan kepada terdakwa.",
        "Oknum kades itu terancam sanksi pidana pemilu.",
        "Pelaku tindak pidana itu dijatuhi pidana penjara tiga tahun.",
    ],
)
def test_a_criminal_sentence_or_its_threat_stays(body: str) -> None:
    assert "criminal" in _types(body)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            "Majelis etik menjatuhkan sanksi peringatan keras kepada ketua panitia daerah.",
            "imposed",
        ),
        ("Sanksi yang dijatuhkan berupa peringatan kepada dua anggota panitia.", "imposed"),
    ],
)
def test_an_ethics_council_warning_is_a_written_reprimand(body: str, status: str) -> None:
    assert _status(body, "written_reprimand") == {status}


def test_a_cue_governs_only_inside_its_clause() -> None:
    # "bisa" governs the first clause only; the second clause reports what happened
    body = (
        "Pegawai yang menolak bisa diperiksa ulang, sedangkan kepala seksi itu sudah dicopot "
        "dari jabatannya pekan lalu."
    )
    assert _status(body, "removal_from_office") == {"imposed"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("BKN memblokir data kepegawaian 12 ASN yang tidak netral.", {"unspecified"}),
        ("Data kepegawaian kedua PNS itu sudah diblokir di aplikasi.", {"unspecified"}),
        ("Bank memblokir rekening nasabah itu sejak Mei.", set()),
        ("Pemerintah melakukan pemblokiran internet di dua kota.", set()),
        ("Negara itu memblokir pengiriman hasil pertanian tetangganya.", set()),
    ],
)
def test_blocking_is_a_sanction_only_on_personnel_records(body: str, expected: set[str]) -> None:
    assert _types(body) == expected


# ---- first-look review: verb-phrase forms, elided heads, "secara administratif"


@pytest.mark.parametrize(
    ("body", "stype"),
    [
        # a verb-phrase form of a type: the object before a passive verb, a bare active verb
        ("Pegawai yang berpihak bisa saja kepangkatannya ditunda oleh bupati.", "promotion_delay"),
        ("Kalau terbukti, atasan bisa turunkan pangkat pegawai itu.", "demotion"),
        ("Kepala seksi itu jabatannya akan turun setingkat lebih rendah.", "position_demotion"),
        # a scrape spelling of "kenaikan"
        ("Sanksinya dapat berupa penundaan kenaikkan gaji berkala.", "promotion_delay"),
    ],
)
def test_verb_phrase_forms_of_a_type(body: str, stype: str) -> None:
    assert stype in _types(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # one head, two modifiers: "teguran lisan atau tertulis" names both reprimands
        (
            "Sanksinya berupa teguran lisan atau tertulis dari atasan.",
            {"verbal_reprimand", "written_reprimand"},
        ),
        (
            "Pegawai itu bisa mendapat teguran tertulis maupun lisan.",
            {"verbal_reprimand", "written_reprimand"},
        ),
    ],
)
def test_an_elided_head_names_both_types(body: str, expected: set[str]) -> None:
    assert expected <= _types(body)


@pytest.mark.parametrize(
    "body",
    [
        "Pegawai yang melanggar akan ditindak secara administratif dan juga pidana.",
        "Ada dua sanksi yang bisa dikenakan, yakni administratif berupa teguran tertulis dan pidana.",
    ],
)
def test_administrative_in_a_list_of_sanction_kinds(body: str) -> None:
    types = _types(body)
    assert "administrative" in types
    assert _status(body, "administrative") == {"threatened"}


def test_administrative_requirements_are_no_sanction() -> None:
    body = "Berkas pendaftaran harus lengkap, yakni administrasi berupa fotokopi KTP dan ijazah."
    assert "administrative" not in _types(body)


def test_a_regulation_title_ends_where_its_predicate_starts():
    body = (
        "Undang-Undang Nomor 9 Tahun 2015 tentang Desa juga memberlakukan sanksi administratif "
        "berupa teguran lisan atau tertulis bagi perangkat desa."
    )
    assert {"verbal_reprimand", "written_reprimand"} <= _types(body)
    # the sanction word inside the title itself is still no sanction
    assert (
        _types("Hal itu diatur PP Nomor 8 Tahun 2004 Tentang Pengangkatan dan Pemberhentian.")
        == set()
    )


@pytest.mark.parametrize(
    "body",
    [
        "Undang-Undang Nomor 5 Tahun 2016 menyatakan bahwa lurah yang terlibat kampanye dapat "
        "dikenai pidana penjara.",
        "Dalam aturan tersebut pegawai dapat dikenakan pidana penjara satu tahun.",
        'Pasal 12 ayat (2) berbunyi, "Setiap orang yang memalsukan dokumen dapat dipidana penjara."',
    ],
)
def test_what_a_rule_says_may_happen_is_mentioned(body):
    assert _status(body, "criminal") == {"mentioned"}


def test_a_warning_to_the_people_of_the_story_stays_threatened():
    body = "Bupati menegaskan lurah yang melanggar dapat dikenai pidana penjara."
    assert _status(body, "criminal") == {"threatened"}


def test_a_risk_of_receiving_a_sanction_is_a_threat():
    body = "Pegawai itu berisiko menerima hukuman disiplin berat berupa penurunan jabatan."
    assert _status(body, "position_demotion") == {"threatened"}


@pytest.mark.parametrize(
    "body",
    [
        "Sanksinya, tidak ada kenaikan pangkat selama satu tahun bagi guru itu.",
        "Hukumannya berupa penahanan kenaikan pangkat selama dua tahun.",
    ],
)
def test_a_withheld_promotion_is_a_promotion_delay(body):
    assert "promotion_delay" in _types(body)


def test_a_routine_promotion_is_no_sanction():
    assert _types("Kenaikan pangkat para pegawai dilakukan setiap April.") == set()
