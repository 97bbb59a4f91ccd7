"""The people layer (extractor.people): names, places and the per-article API.

Every sentence here is invented; none is copied from an article of the gold or dev sets.
"""

from __future__ import annotations

import pytest

from extractor import clean, people
from extractor.document import Article
from extractor.extractors import officials


def _article(body: str, with_officials: bool = True) -> Article:
    people.forget()
    art = Article(text="Judul Berita Uji\n\n" + body)
    clean.analyse_layout(art)
    if with_officials:
        art.officials = officials.extract(art)
    return art


# -- names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Dr. H. Rudi Hartono, M.Si", "Rudi Hartono"),
        ("AKBP Joko Susilo, S.I.K.", "Joko Susilo"),
        ("Irjen Pol Budi Santoso S.Sos", "Budi Santoso"),
        ("Jendral Andi Wirawan", "Andi Wirawan"),
        ("Jenderal Andi Wirawan", "Andi Wirawan"),
        ("Ir H Rahmat Hidayat Msi", "Rahmat Hidayat"),
        ("Andi Wijaya, S. I. Kom", "Andi Wijaya"),
        ("Khaeruddin, ST", "Khaeruddin"),
        ("Mbak Rina Sari", "Rina Sari"),
        ("Hj. Siti Aminah", "Siti Aminah"),
        ("M. Rizal Hakim", "M. Rizal Hakim"),  # an initial is part of the name
    ],
)
def test_clean_name_strips_honorifics_ranks_and_degrees(raw: str, name: str) -> None:
    assert people.clean_name(raw) == name


def test_short_forms_of_one_person() -> None:
    assert people.is_short_form(["Wayan", "Sudana"], ["Wayan", "Gede", "Sudana"])
    assert people.is_short_form(["Rusdi"], ["Rusdiansyah", "Malik"])  # a clipped first word
    assert people.is_short_form(["Hendri"], ["Hendry", "Saputra"])  # a spelling variant
    assert not people.is_short_form(["Budi"], ["Agus", "Salim"])


def test_name_at_skips_title_place_rank_and_degree() -> None:
    body = "Menurut Kapolres Kutai Kartanegara AKBP Irfan Hakim, S.I.K, situasi aman."
    art = _article(body)
    got = people.name_at(art, art.text.index("Kapolres"))
    assert got is not None
    assert got.name == "Irfan Hakim"
    assert art.text[got.start : got.end] == "Irfan Hakim"


def test_name_at_separates_a_district_from_the_name() -> None:
    art = _article("Camat Pakusari Fauzi Rahman meninjau lokasi.")
    got = people.name_at(art, art.text.index("Camat"))
    assert got is not None and got.name == "Fauzi Rahman"


def test_name_with_balinese_particles_and_bin() -> None:
    art = _article(
        "Ketua Bawaslu Kabupaten Bangli I Made Sudiarta hadir. "
        "Kepala Desa Sukamaju Ahmad bin Abdullah juga hadir."
    )
    names = {o.name for o in art.officials}
    assert {"I Made Sudiarta", "Ahmad bin Abdullah"} <= names


def test_name_before_an_apposition() -> None:
    art = _article("Budi Santoso, Ketua Bawaslu Sragen, memimpin rapat.")
    got = people.name_before(art, art.text.index(", Ketua"))
    assert got is not None and got.name == "Budi Santoso"


def test_fullest_resolve_and_a_bare_title() -> None:
    art = _article(
        "Bupati Sragen Agus Salim Wibowo membuka rapat. Kata Agus, ASN wajib netral. "
        "Bupati menegaskan hal itu sekali lagi."
    )
    assert people.fullest(art, "Agus") == "Agus Salim Wibowo"
    at = art.text.index("Kata Agus") + 5
    off = people.resolve(art, at, at + 4)
    assert off is not None and off.name == "Agus Salim Wibowo"
    bare = art.text.index("Bupati menegaskan")
    off = people.official_titled(art, bare, bare + len("Bupati"))
    assert off is not None and off.name == "Agus Salim Wibowo"


# -- places --------------------------------------------------------------------------


def test_gazetteer_holds_every_province_regency_city_and_district() -> None:
    gaz = people.gazetteer()
    codes = {p.code for p in gaz.places}
    assert sum(1 for c in codes if c.count(".") == 0) == 38
    assert sum(1 for c in codes if c.count(".") == 1) == 514
    assert sum(1 for c in codes if c.count(".") == 2) == 7277


@pytest.mark.parametrize(
    ("name", "typ", "code"),
    [
        ("Bali", None, "51"),
        ("Denpasar", "Kota", "51.71"),
        ("Jember", None, "35.09"),
        ("Pakusari", "Kecamatan", "35.09.24"),
        ("Bekasi", "Kota", "32.75"),
        ("Bekasi", "Kabupaten", "32.16"),
        ("Bandarlampung", None, "18.71"),  # written as one word
        ("Solo", None, "33.72"),  # the usual name of Kota Surakarta
        ("Jabar", None, "32"),  # a short form
        ("Atlantis", None, None),
    ],
)
def test_region_codes(name: str, typ: str | None, code: str | None) -> None:
    assert people.region_code(name, typ) == code


def test_official_name_of_a_spelling() -> None:
    assert people.official_name("Bandarlampung") == "Bandar Lampung"
    assert people.official_name("Solo") == "Surakarta"


def test_read_place_with_type_word_and_find_places() -> None:
    text = "Ketua KPU Kabupaten Banyumas, Jawa Tengah, Yogi Pratama hadir di Kec. Pakusari."
    hit = people.read_place(text, text.index("Kabupaten"))
    assert hit is not None and hit.written == "Kabupaten Banyumas"
    assert hit.place is not None and hit.place.code == "33.02"
    found = people.find_places(text)
    assert [m.written for m in found] == ["Kabupaten Banyumas", "Jawa Tengah", "Kec. Pakusari"]
    assert found[2].place is not None and found[2].place.type == "Kecamatan"
    assert people.read_place("Yogi Pratama hadir") is None


def test_place_names_cover_short_forms_and_countries() -> None:
    names = people.place_names()
    assert {"bandar lampung", "jawa tengah", "tangsel", "malaysia"} <= names
    assert "pakusari" not in names  # districts only after a district word


def test_officials_get_the_gazetteer_name_and_code() -> None:
    art = _article("Ketua Bawaslu Kota Bandarlampung Candra Wijaya mengatakan hal itu.")
    (o,) = art.officials
    assert o.region == "Bandar Lampung"
    assert o.region_code == "18.71"
    # the body with its region's official name (SPEC schema version 2)
    assert o.organization == "Badan Pengawas Pemilihan Umum Kota Bandar Lampung"


# -- words of a unit before a body are not a name (bench review) ----------------------


def _officials(body: str) -> dict[str, tuple[str | None, str | None]]:
    art = _article(body)
    return {o.name: (o.position, o.organization) for o in art.officials}


def test_unit_word_before_a_body_is_read_into_the_phrase() -> None:
    # a word the lexicon does not know, then a body: the unit's name, not a person's
    got = _officials(
        "Dalam rapat itu, Ketua Badan Anggaran Dewan Perwakilan Rakyat Sutrisno Hadi "
        "mengatakan bahwa usulan pemerintah akan dibahas lebih dulu oleh para anggota."
    )
    assert list(got) == ["Sutrisno Hadi"]
    assert got["Sutrisno Hadi"][1] == "Badan Anggaran Dewan Perwakilan Rakyat"
    got = _officials(
        "Menurut Direktur Jenderal Perikanan Tangkap Kementerian Kelautan dan Perikanan "
        "Rudi Santosa, kuota itu sudah dibagikan kepada para nelayan di banyak daerah."
    )
    assert list(got) == ["Rudi Santosa"]
    assert got["Rudi Santosa"][0].startswith("Direktur Jenderal Perikanan Tangkap")
    # no name follows the body: no one is named
    assert (
        _officials(
            "Ia pernah tercatat sebagai Ketua Dewan Pakar Partai Golkar, kata dia kepada "
            "para wartawan yang menunggu di depan rumah duka sejak pagi hari."
        )
        == {}
    )


def test_a_body_named_after_the_country_is_no_person() -> None:
    assert (
        _officials(
            "Sementara itu, Ketua Presidium Indonesia Budget Watch (IBW), Sari Dewanti menilai "
            "keputusan itu tidak tepat dan harus dikaji ulang oleh pemerintah pusat."
        )
        == {}
    )
    assert (
        _officials(
            "Sementara itu, Direktur Lumbung Aspirasi Indonesia (LASI), Teguh Prakoso menilai "
            "keputusan itu tidak tepat dan harus dikaji ulang oleh pemerintah pusat."
        )
        == {}
    )


def test_a_headline_in_title_case_does_not_read_words_into_the_body() -> None:
    art = _article(
        "Bupati Sleman Budi Resmikan Kantor Dinas Baru\n\n"
        "Bupati Sleman Budi Hartanto meresmikan kantor dinas yang baru pada pagi hari ini."
    )
    names = [o.name for o in art.officials]
    assert "Budi Hartanto" in names
    assert not any("Resmikan" in (o.position or "") for o in art.officials)


def test_special_staff_and_cabinet_secretary_are_posts_of_their_own() -> None:
    got = _officials(
        "Rombongan itu diterima Staf Khusus Presiden Bidang Ekonomi Rina Kartika dan "
        "Sekretaris Kabinet, Hasan Basri, yang datang bersama para pejabat lainnya."
    )
    assert got["Rina Kartika"][0] == "Staf Khusus Presiden Bidang Ekonomi"
    assert got["Hasan Basri"] == ("Sekretaris Kabinet", "Sekretariat Kabinet")


def test_a_body_named_in_english_is_no_person() -> None:
    assert (
        _officials(
            "Direktur Center for Fiscal Studies (CFS) Hendra Wijaya mengatakan bahwa kebijakan "
            "itu akan berdampak pada industri kecil di banyak daerah."
        )
        == {}
    )


def test_jenderal_inside_a_title_or_body_opens_no_name() -> None:
    # "Direktorat Jenderal" / "Direktur Jenderal": "Jenderal" is not a rank there
    assert (
        _officials(
            "Berikutnya, kebutuhan anggaran Direktorat Jenderal Tirta Kencana sejumlah Rp 12 triliun "
            "akan dipakai untuk membangun jalan di banyak daerah."
        )
        == {}
    )


def test_a_rank_spelled_out_after_a_title_opens_the_name() -> None:
    got = _officials(
        "Acara itu dihadiri Kapolda Jawa Barat Inspektur Jenderal Budi Santoso dan para "
        "pejabat lain dari kementerian itu pada pagi hari."
    )
    assert got == {
        "Budi Santoso": ("Kepala Kepolisian Daerah", "Kepolisian Daerah Provinsi Jawa Barat")
    }


def test_a_bracketed_short_form_of_the_body_ends_no_name() -> None:
    # "(Brigtak)" spells "Brigade Taktis": the capitalised run is the body's, not a person's
    assert (
        _officials(
            "Empat saksi yang akan diperiksa, kata dia, merupakan anggota Brigade Taktis (Brigtak) "
            "yang menangkap para terdakwa di rumahnya pada malam itu."
        )
        == {}
    )
    # a person's initials in brackets are not the body's short form
    got = _officials(
        "Menurut Gubernur Galih Pranata (GP), pembangunan jalan itu akan dilanjutkan pada "
        "tahun depan di banyak daerah di provinsi itu."
    )
    assert list(got) == ["Galih Pranata"]


def test_a_ministers_short_title_is_no_name() -> None:
    assert (
        _officials(
            "Hasil pembangunan itu nanti bisa dimanfaatkan oleh Menpar, Menteri BUMN, dan didukung "
            "oleh para kepala daerah di wilayah itu sejak awal tahun."
        )
        == {}
    )


def test_a_numbered_commission_is_no_body_of_the_name_after_it() -> None:
    got = _officials(
        "Sementara itu, Anggota Komisi XI Rudi Hartono mempertanyakan soal legalitas "
        "keputusan yang diumumkan oleh pimpinan lembaga itu kemarin."
    )
    assert got["Rudi Hartono"] == ("Anggota Komisi XI", "Dewan Perwakilan Rakyat")
    # the house the paragraph names, not another commission named before it
    got = _officials(
        "Kinerja Komisi Yudisial (KY) dikritik. Dalam rapat di DPRD Jawa Tengah, Wakil Ketua "
        "Komisi II Rudi Hartono mempertanyakan soal legalitas keputusan itu kemarin."
    )
    assert got["Rudi Hartono"][1] == "Dewan Perwakilan Rakyat Daerah Provinsi Jawa Tengah"


def test_a_units_or_bodys_name_goes_on_after_dan_to_a_body_or_its_short_form() -> None:
    got = _officials(
        "Kepala Badan Pajak dan Retribusi Daerah (BPRD) Kota Malang Dimas Prakoso sebelumnya "
        "mengatakan, potongan pajak itu berlaku mulai bulan depan."
    )
    assert got["Dimas Prakoso"][1] == "Badan Pajak dan Retribusi Daerah Kota Malang"
    got = _officials(
        "Kepala Subdit Sarana dan Prasarana Pelatihan Kemnaker, Yogi Saputra, menambahkan, "
        "program itu sudah berjalan di banyak daerah sejak tahun lalu."
    )
    assert got["Yogi Saputra"] == (
        "Kepala Subdit Sarana dan Prasarana Pelatihan",
        "Kementerian Ketenagakerjaan",
    )


def test_the_country_after_a_ministry_is_skipped_before_the_name() -> None:
    got = _officials(
        "Hal itu disampaikan Direktur Jenderal Kerja Sama Kawasan Kementerian Luar Negeri "
        "Indonesia, Rahmat Hidayat dalam pertemuan di Jenewa kemarin."
    )
    assert got["Rahmat Hidayat"][1] == "Kementerian Luar Negeri"


def test_a_wife_who_takes_her_husbands_name_is_another_person() -> None:
    got = _officials(
        "Acara itu dihadiri Gubernur Sulteng, Hadi Prasetyo, didampingi Sekda Rahmat Jaya "
        "dan Ketua TP-PKK Sulteng Rina Hadi Prasetyo yang datang lebih awal."
    )
    assert got["Hadi Prasetyo"][0] == "Gubernur"
    assert got["Rina Hadi Prasetyo"][0] != "Gubernur"


def test_a_rank_after_the_comma_opens_the_name_even_on_a_known_word() -> None:
    # "Bintang" is a word of the lexicon, but after a rank it starts a name
    got = _officials(
        "Acara itu juga dihadiri Pangdam XVI Cakrawala, Mayjen TNI Bintang Saputra bersama "
        "para pejabat lain yang ikut dalam kegiatan itu."
    )
    assert "Cakrawala" not in got
    assert list(got) == ["Bintang Saputra"]


def test_a_one_word_name_takes_the_full_form_the_article_gives_it() -> None:
    art = _article(
        "Komisi itu sedang disorot publik. Gunarti Wulandari mengatakan lembaganya tetap bekerja.\n\n"
        '"Kami tetap bekerja," kata Wakil Ketua Komisi Yudisial Gunarti kepada wartawan.'
    )
    got = {o.name: o for o in art.officials}
    assert list(got) == ["Gunarti Wulandari"]
    assert got["Gunarti Wulandari"].position == "Wakil Ketua"
