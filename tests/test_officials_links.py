"""Officials: more ways a post is linked to a person (invented sentences, one class each)."""

from __future__ import annotations

import pytest


def _officials(extractor_, body: str) -> dict:
    facts = extractor_.extract("Judul Berita Uji\n\n" + body)
    return {o.name: o for o in facts.officials}


@pytest.mark.parametrize(
    ("body", "name", "position", "organization"),
    [
        (
            "Budi Santoso Komisioner Bawaslu Jawa Barat mengatakan ada 12 laporan yang masuk.",
            "Budi Santoso",
            "Komisioner",
            "Badan Pengawas Pemilihan Umum Provinsi Jawa Barat",
        ),
        (
            "Sementara itu, Rina Marlina Ketua KPU Kota Bogor menyampaikan tahapan berjalan.",
            "Rina Marlina",
            "Ketua",
            "Komisi Pemilihan Umum Kota Bogor",
        ),
    ],
)
def test_name_then_post_with_no_comma_at_the_sentence_start(
    extractor_, body, name, position, organization
):
    o = _officials(extractor_, body)[name]
    assert (o.position, o.organization) == (position, organization)


def test_name_then_post_needs_a_body_and_a_predicate(extractor_):
    # no body after the title, or a capitalised word after it: nothing is read
    assert _officials(extractor_, "Budi Santoso Ketua mengatakan hal itu.") == {}
    got = _officials(extractor_, "Kemarin Budi Santoso Ketua KPU Garut Andi datang.")
    assert "Budi Santoso" not in got


def test_post_linked_to_its_body_by_pada(extractor_):
    got = _officials(
        extractor_,
        "Kepala Bidang Pengadaan dan Mutasi pada BKPSDM Kota Depok Hendra Wijaya menjelaskan "
        "pihaknya menunggu surat. Sekretaris pada Dinas Pendidikan Kabupaten Garut Asep "
        "Suryana juga hadir.",
    )
    assert got["Hendra Wijaya"].position == "Kepala Bidang Pengadaan dan Mutasi"
    assert got["Hendra Wijaya"].region == "Depok"
    assert got["Asep Suryana"].organization == "Dinas Pendidikan Kabupaten Garut"


def test_apposition_with_seorang_and_a_district_linked_by_di(extractor_):
    got = _officials(
        extractor_,
        "Darmawan, seorang Camat di Kecamatan Cibinong, Bogor, diperiksa Bawaslu pekan lalu.",
    )
    assert got["Darmawan"].position == "Camat"
    assert got["Darmawan"].region == "Cibinong"


def test_a_place_list_after_a_village_head_is_no_name(extractor_):
    got = _officials(
        extractor_,
        "Seorang Kepala Desa (Kades) di Desa Sukamaju, Bendosari, Sukoharjo, melapor ke polisi.",
    )
    assert got == {}


@pytest.mark.parametrize("letter", ["A", "B", "D"])
def test_lettered_commission_of_a_regional_council(extractor_, letter):
    got = _officials(
        extractor_,
        f"Ketua Komisi {letter} DPRD Kabupaten Malang, Hartono menilai sanksi itu terlalu ringan.",
    )
    o = got["Hartono"]
    assert o.position == f"Ketua Komisi {letter}"
    assert o.organization == "Dewan Perwakilan Rakyat Daerah Kabupaten Malang"


@pytest.mark.parametrize("title", ["koordiv.", "Koordiv", "Kordiv"])
def test_abbreviated_division_coordinator_with_an_acronym_field(extractor_, title):
    facts = extractor_.extract(
        "Judul Berita Uji\n\n"
        f'"Kami sudah memanggil yang bersangkutan," kata {title} HP2H Bawaslu Kota Bekasi '
        "Andi Pratama, Senin."
    )
    o = {x.name: x for x in facts.officials}["Andi Pratama"]
    assert o.position == "Koordinator Divisi HP2H"
    assert o.organization == "Badan Pengawas Pemilihan Umum Kota Bekasi"
    assert [q.speaker for q in facts.quotes] == ["Andi Pratama"]


def test_a_title_closing_a_sentence_does_not_take_the_next_name(extractor_):
    got = _officials(extractor_, "Ia diminta mundur sebagai Menpora. Laode berharap ia mundur.")
    assert got == {}


def test_a_candidate_for_a_deputy_post_holds_no_office(extractor_):
    got = _officials(
        extractor_, "Dalam foto itu tampak calon wakil bupati Joko Susilo bersama sejumlah ASN."
    )
    assert got == {}


def test_photo_credit_glued_to_a_caption_name(extractor_):
    facts = extractor_.extract(
        "Judul Berita Uji\n\n"
        "Komisioner KASN, Ahmad Sobari-Istimewa-kabarkita.co\n\n"
        "JAKARTA - Komisi Aparatur Sipil Negara mencatat 20 laporan yang masuk pekan ini ke "
        "kantornya dari berbagai daerah."
    )
    assert [o.name for o in facts.officials] == ["Ahmad Sobari"]


def test_reporter_and_editor_byline_is_not_the_dateline(extractor_):
    facts = extractor_.extract(
        "Judul Berita Uji\n\nRingkasan berita ini ditulis untuk pembaca.\n\n"
        "Rep: Ani Lestari/ Red: Budi Hartono\nIlustrasi Pemilu\nFoto: Antara/Joko\nIlustrasi\n\n"
        "KABARKITA.CO.ID, JAKARTA--Ketua Komisi Aparatur Sipil Negara (KASN), Darmono Wijaya, "
        "mengatakan ada puluhan rekomendasi sanksi."
    )
    assert facts.dateline == "JAKARTA"
    assert [o.name for o in facts.officials] == ["Darmono Wijaya"]


def test_presiding_member_of_a_panel_takes_the_body_the_story_names(extractor_):
    got = _officials(
        extractor_,
        "Dewan Kehormatan Penyelenggara Pemilu (DKPP) menjatuhkan sanksi. Putusan dibacakan "
        "oleh Ketua Majelis Darmono Wijaya dalam sidang di Jakarta.",
    )
    o = got["Darmono Wijaya"]
    assert (o.position, o.organization) == (
        "Ketua Majelis",
        "Dewan Kehormatan Penyelenggara Pemilu",
    )


def test_dateline_with_a_comma_before_the_bracketed_outlet(extractor_):
    facts = extractor_.extract(
        "Judul Berita Uji\n\nPurworejo,(kabarkita.co)--Bupati Purworejo Agus Santoso "
        "menghimbau jajaran PNS menjaga netralitas."
    )
    assert (facts.dateline, facts.outlet) == ("Purworejo", "kabarkita.co")
    assert [o.name for o in facts.officials] == ["Agus Santoso"]


def test_a_place_word_after_a_national_body_opens_the_name(extractor_):
    got = _officials(extractor_, "Kepala BKN Bima Haria Wibisana mengatakan 20 ASN dilaporkan.")
    assert got["Bima Haria Wibisana"].organization == "Badan Kepegawaian Negara"
    # a regional body still reads the place
    got = _officials(extractor_, "Ketua Bawaslu Bima Joko Susilo hadir dalam rapat itu.")
    assert got["Joko Susilo"].region == "Bima"


def test_each_name_of_a_list_takes_the_post_after_masing_masing(extractor_):
    got = _officials(
        extractor_,
        "Sanksi dijatuhkan kepada Teradu I, Isak Asmur selaku Ketua merangkap Anggota Bawaslu "
        "Kabupaten Tambrauw; Teradu II, Agus Kaaf; dan Teradu III, Yosua Kambu, masing-masing "
        "selaku Anggota Bawaslu Tambrauw.",
    )
    assert got["Isak Asmur"].position == "Ketua merangkap Anggota"
    for name in ("Isak Asmur", "Agus Kaaf", "Yosua Kambu"):
        assert got[name].organization == "Badan Pengawas Pemilihan Umum Kabupaten Tambrauw"
    assert got["Agus Kaaf"].position == "Anggota"


def test_masing_masing_needs_a_body_after_the_post(extractor_):
    got = _officials(
        extractor_, "Budi Santoso dan Andi Wijaya, masing-masing sebagai ketua panitia acara."
    )
    assert got == {}


@pytest.mark.parametrize(
    "body",
    [
        "Bawaslu memeriksa tiga camat, yakni Budi Santoso, Andi Wijaya, dan Rina Lestari.",
        "Kasus tiga camat berawal dari dukungan kepada Bupati Garut Dedi Mulyana. Mereka adalah "
        "Budi Santoso, Andi Wijaya, dan Rina Lestari.",
    ],
)
def test_holders_listed_after_a_post_counted_in_the_plural(extractor_, body):
    got = _officials(extractor_, body)
    assert {"Budi Santoso", "Andi Wijaya", "Rina Lestari"} <= set(got)
    assert got["Andi Wijaya"].position == "Camat"


def test_a_list_that_does_not_match_its_count_names_no_holders(extractor_):
    got = _officials(
        extractor_,
        "Bawaslu memeriksa dua camat, yakni Budi Santoso, Andi Wijaya, dan Rina Lestari.",
    )
    assert "Rina Lestari" not in got
    assert "Budi Santoso" not in got


def test_a_unit_and_its_field_in_lower_case_up_to_the_body(extractor_):
    got = _officials(
        extractor_,
        "Ketua divisi penindakan pelanggaran Bawaslu Sumatera Barat, Rina Marlina, mengatakan "
        "hal itu. Kepala seksi pelayanan Dinas Kesehatan Kota Bogor Andi Pratama juga hadir.",
    )
    assert got["Rina Marlina"].position.casefold() == "ketua divisi penindakan pelanggaran"
    assert got["Andi Pratama"].organization == "Dinas Kesehatan Kota Bogor"


def test_name_then_post_after_a_speech_cue(extractor_):
    facts = extractor_.extract(
        'Judul Berita Uji\n\n"Kami akan mengeluarkan rekomendasi," kata Andi Pratama Komisioner '
        "Bawaslu Kabupaten Garut, di kantornya."
    )
    o = {x.name: x for x in facts.officials}["Andi Pratama"]
    assert o.organization == "Badan Pengawas Pemilihan Umum Kabupaten Garut"
    assert [q.speaker for q in facts.quotes] == ["Andi Pratama"]


def test_camat_named_without_a_district_serves_the_regency_of_the_story(extractor_):
    got = _officials(
        extractor_,
        "Bupati Garut Dedi Mulyana menandatangani sanksi untuk dua camat, yakni Budi Santoso dan "
        "Andi Wijaya. Pemkab Garut menyebut keduanya melanggar netralitas.",
    )
    assert got["Budi Santoso"].organization == "Pemerintah Kabupaten Garut"


def test_a_district_named_once_beats_a_generic_later_mention(extractor_):
    got = _officials(
        extractor_,
        "Darmawan, seorang Camat di Kecamatan Cibinong, Bogor, diperiksa. Dalam video itu, "
        "Darmawan, selaku Camat, memberi sambutan.",
    )
    assert got["Darmawan"].organization == "Kecamatan Cibinong"
