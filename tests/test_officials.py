"""Officials: names, titles, bodies and mentions read from title phrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.document import Article
from extractor.extractors.officials import resolve_name


def _facts(extractor_, body: str):
    return extractor_.extract("Judul Berita Uji\n\n" + body)


def _by_name(facts) -> dict:
    return {o.name: o for o in facts.officials}


def test_title_before_name_with_region_and_acronym(extractor_):
    facts = _facts(
        extractor_,
        "SEMARANG - Ketua Bawaslu Kabupaten Sragen Wahyu Santoso mengatakan pengawasan terus "
        "dilakukan. Menurut Wahyu, semua ASN wajib netral.",
    )
    o = _by_name(facts)["Wahyu Santoso"]
    assert o.position == "Ketua"
    assert o.organization == "Badan Pengawas Pemilihan Umum Kabupaten Sragen"
    assert o.region == "Sragen"
    assert o.aliases == ["Wahyu"]
    assert [m.text for m in o.mentions] == ["Wahyu Santoso", "Wahyu"]


def test_sekda_gets_regional_government_and_honorifics_are_stripped(extractor_):
    facts = _facts(
        extractor_,
        "Sekretaris Daerah (Sekda) Provinsi Jawa Timur Dr. H. Rudi Hartono, M.Si membuka acara itu. "
        "Rudi Hartono meminta ASN menjaga sikap.",
    )
    o = _by_name(facts)["Rudi Hartono"]
    assert o.position == "Sekretaris Daerah"
    assert o.organization == "Pemerintah Provinsi Jawa Timur"


def test_comma_apposition_and_expanded_ministry_title(extractor_):
    facts = _facts(
        extractor_,
        "Staf Ahli Mendagri, Bayu Wicaksono, menyebut sanksi bisa dijatuhkan. "
        "Andi Pratama, Komisioner KPU Kota Malang, juga hadir.",
    )
    got = _by_name(facts)
    assert got["Bayu Wicaksono"].position == "Staf Ahli Menteri Dalam Negeri"
    assert got["Bayu Wicaksono"].organization == "Kementerian Dalam Negeri"
    assert got["Andi Pratama"].position == "Komisioner"
    assert got["Andi Pratama"].organization == "Komisi Pemilihan Umum Kota Malang"


def test_police_title_with_rank(extractor_):
    facts = _facts(extractor_, "Kapolres Sleman, AKBP Joko Susilo, memastikan anggotanya netral.")
    o = _by_name(facts)["Joko Susilo"]
    assert o.position == "Kepala Kepolisian Resor"
    assert o.organization.startswith("Kepolisian Resor")


def test_not_officials_initials_experts_and_unnamed_roles(extractor_):
    facts = _facts(
        extractor_,
        "Lima ASN yang dilaporkan adalah AB (Setda) dan CD (Dinsos). "
        "Pengamat politik Universitas Gadjah Mada Rina Kusuma menilai hal itu wajar. "
        "Sekretaris Daerah (Sekda) selaku pembina ASN diminta aktif.",
    )
    assert facts.officials == []


def test_spelling_variant_is_one_person(extractor_):
    facts = _facts(
        extractor_,
        "Anggota Komisi II DPR RI Eddy Santoso Purba hadir dalam rapat. "
        "Anggota Komisi II DPR RI, Edi Purba, menyoroti mutasi pejabat.",
    )
    assert [o.name for o in facts.officials] == ["Eddy Santoso Purba"]
    o = facts.officials[0]
    assert o.position == "Anggota Komisi II"
    assert "Edi Purba" in o.aliases


def test_resolve_name_maps_short_form_to_official(extractor_):
    text = "Judul\n\nKetua KASN Bambang Priyono mengatakan hal itu. Bambang meminta ASN netral."
    art = Article(text=text)
    extractor_._analyse(art)
    start = text.index("Bambang meminta")
    o = resolve_name(art, start, start + len("Bambang"))
    assert o is not None and o.name == "Bambang Priyono"
    assert resolve_name(art, text.index("ASN netral"), text.index("ASN netral") + 3) is None


def test_body_names_and_streets_are_not_people(extractor_):
    facts = _facts(
        extractor_,
        "Kepala Badan Nasional Penanggulangan Bencana (BNPB) Doni Monardo meninjau lokasi. "
        "Jaksa Penuntut Umum (JPU) membacakan dakwaan. Warga berkumpul di Jalan Kapten Tendean. "
        "Direktur Pemasaran PT Maju Jaya menolak berkomentar.",
    )
    assert [o.name for o in facts.officials] == ["Doni Monardo"]


def test_country_and_place_before_a_rank_are_skipped(extractor_):
    facts = _facts(
        extractor_,
        "Presiden Filipina Rodrigo Duterte tiba di Jakarta. "
        "Kapolsek Setu, AKP Aba Wahid Key, membenarkan kejadian itu. "
        "Danrem Kolonel Inf Dadang Arif Abdurrahman juga hadir.",
    )
    got = _by_name(facts)
    assert set(got) == {"Rodrigo Duterte", "Aba Wahid Key", "Dadang Arif Abdurrahman"}
    assert got["Aba Wahid Key"].position == "Kepala Kepolisian Sektor"
    assert got["Aba Wahid Key"].region == "Setu"


def test_blended_nickname_is_an_alias(extractor_):
    facts = _facts(
        extractor_,
        "Presiden Joko Widodo membuka acara. Presiden Jokowi meminta ASN netral.",
    )
    assert [o.name for o in facts.officials] == ["Joko Widodo"]
    assert "Jokowi" in facts.officials[0].aliases


def test_numbered_title_with_government_abbreviation_and_region(extractor_):
    facts = _facts(
        extractor_, "Asisten II Pemkab Banyumas Suwarno mengatakan rapat digelar pekan depan."
    )
    o = _by_name(facts)["Suwarno"]
    assert o.position == "Asisten II"
    assert o.organization == "Pemerintah Kabupaten Banyumas"
    assert o.region == "Banyumas"


def test_bracketed_short_form_and_a_title_word_inside_the_name(extractor_):
    facts = _facts(
        extractor_,
        "Menteri Agama (Menag) Arif Hakim Pratama mengatakan seleksi terbuka. "
        "Menag Arif Hakim menambahkan semua pejabat dinilai.",
    )
    assert [o.name for o in facts.officials] == ["Arif Hakim Pratama"]
    o = facts.officials[0]
    assert o.position == "Menteri Agama"
    assert o.organization == "Kementerian Agama"
    assert len(o.mentions) == 2


def test_police_unit_short_form_and_a_name_after_the_rank(extractor_):
    facts = _facts(
        extractor_,
        "Kasat Lantas Polres Banyumas AKP Lalu Sudirman, Selasa (10/9/2019), mengatakan "
        "operasi berjalan lancar.",
    )
    o = _by_name(facts)["Lalu Sudirman"]
    assert o.position == "Kepala Satuan Lalu Lintas"
    assert o.region == "Banyumas"


def test_list_of_officials_with_short_titles_and_the_article_region(extractor_):
    facts = _facts(
        extractor_,
        "Kepala Badan Pengelolaan Aset Daerah (BPAD) Kabupaten Sigi, Rahmat Ali hadir. "
        "Rapat itu dihadiri Bupati Mohamad Irwan, Sekkab Hartono, Kepala Inspektorat Yusuf "
        "Tandi dan Kabid Aset BPAD, Yusran Lamba.",
    )
    got = _by_name(facts)
    assert set(got) == {"Rahmat Ali", "Mohamad Irwan", "Hartono", "Yusuf Tandi", "Yusran Lamba"}
    assert got["Hartono"].position == "Sekretaris Daerah"
    assert got["Hartono"].organization == "Pemerintah Kabupaten Sigi"
    assert got["Mohamad Irwan"].organization == "Pemerintah Kabupaten Sigi"
    assert got["Yusran Lamba"].position == "Kepala Bidang Aset"
    assert got["Yusran Lamba"].organization == "Badan Pengelolaan Aset Daerah"


def test_party_board_and_civil_service_corps(extractor_):
    facts = _facts(
        extractor_,
        "Ketua DPW PKB Jateng Ahmad Sholeh hadir bersama Ketua Umum Korpri Budi Santoso.",
    )
    got = _by_name(facts)
    assert got["Ahmad Sholeh"].organization == (
        "Dewan Pimpinan Wilayah Partai Kebangkitan Bangsa Provinsi Jawa Tengah"
    )
    assert got["Budi Santoso"].position == "Ketua Umum"
    assert got["Budi Santoso"].organization == "Korps Pegawai Republik Indonesia"


def test_scrape_debris_inside_the_title_and_a_misspelt_name(extractor_):
    facts = _facts(
        extractor_,
        "Wakil Bupati ,(Sleman) Denang Wicaksana mengatakan ASN harus netral. "
        '"Kami siap," kata Danang. Menurut Danang, semua sudah diatur.',
    )
    assert [o.name for o in facts.officials] == ["Danang Wicaksana"]
    o = facts.officials[0]
    assert o.position == "Wakil Bupati"
    assert o.region == "Sleman"
    assert "Denang Wicaksana" in o.aliases
    assert len(o.mentions) == 3


def test_coaches_places_and_words_are_not_officials(extractor_):
    facts = _facts(
        extractor_,
        "Pelatih kepala PSIS Semarang, Robert Alberts mengatakan timnya siap. "
        '"Ya kalau anda lihat di Kaltim, Wakil Gubernur (Hadi). Semua sama," ujarnya. '
        "Ketua Majelis Hakim Dewi Sartika membacakan putusan.",
    )
    assert [o.name for o in facts.officials] == ["Dewi Sartika"]


def test_bare_initials_prosecutors_and_judges(extractor_):
    facts = _facts(
        extractor_,
        "MADIUN - Kepala Kejaksaan Negeri Ngawi M Fajar Rahmanto mengatakan berkas sudah "
        "lengkap. Hal itu dibenarkan Kasi Pidsus Kejari Ngawi Bayu Sasmito. Sementara itu, "
        "hakim MK I Ketut Wirawan menyatakan permohonan itu kabur. Ketua DPC Hanura Blitar "
        "YR Wicaksono juga hadir dalam sidang itu.",
    )
    got = _by_name(facts)
    assert got["M Fajar Rahmanto"].position == "Kepala"
    assert got["M Fajar Rahmanto"].organization.startswith("Kejaksaan Negeri")
    assert got["Bayu Sasmito"].position == "Kepala Seksi Pidana Khusus"
    assert got["I Ketut Wirawan"].organization == "Mahkamah Konstitusi"
    assert got["YR Wicaksono"].position == "Ketua"


def test_party_posts_with_board_place_and_comma(extractor_):
    facts = _facts(
        extractor_,
        "BOGOR - Ketua Harian DPC Gerindra Cianjur, Rahmat Supriadi, mengatakan koalisi belum "
        "final. Diskusi itu dihadiri Ketua Tim Pemenangan Pemilu Daerah (TPPD) PKS Klaten "
        "Hendro Santoso, dan Wakil Ketua Bidang Organisasi dan Keanggotaan DPC PDIP Klaten "
        "Yanto Wibisono. Direktur Jenderal Bina Pemerintahan Desa Kemendagri Sukardi Lubis "
        "juga hadir.",
    )
    got = _by_name(facts)
    assert got["Rahmat Supriadi"].position == "Ketua Harian"
    # a party's standing election body is a party post (a candidate's campaign team is not)
    assert got["Hendro Santoso"].position == "Ketua Tim Pemenangan Pemilu Daerah"
    assert got["Hendro Santoso"].organization == "Partai Keadilan Sejahtera Kabupaten Klaten"
    wakil = got["Yanto Wibisono"]
    assert wakil.position == "Wakil Ketua Bidang Organisasi dan Keanggotaan"
    assert got["Sukardi Lubis"].position == "Direktur Jenderal Bina Pemerintahan Desa"
    assert got["Sukardi Lubis"].organization == "Kementerian Dalam Negeri"


def test_dropped_links_places_and_two_posts(extractor_):
    facts = _facts(
        extractor_,
        "JAKARTA - Pemohon dalam perkara ini ialah Ketua Bawaslu  , Kendari Sabar Muhtadi, "
        "dan Ketua Bawaslu  , Madiun Bintang Purnomo Aji. Hadir pula Bupati yang juga Ketua "
        "DPC PDIP Sragen Sri Wahyuni. Diskusi dibuka peneliti Universitas Negeri (Unnes) "
        "Semarang Dimas Pratama, Ketua Umum Laskar #02 Rina Wati.",
    )
    got = _by_name(facts)
    assert got["Sabar Muhtadi"].region == "Kendari"
    assert got["Bintang Purnomo Aji"].organization.endswith("Madiun")
    assert got["Sri Wahyuni"].position == "Bupati"
    assert "Laskar" not in got
    assert not any(name.startswith("Semarang") for name in got)


def test_odd_input_does_not_crash(extractor_):
    assert extractor_.extract("").officials == []
    many = " ".join(["Bupati"] + ["Budi"] * 2000) + "."
    assert len(extractor_.extract("Judul\n\n" + many).officials) <= 1
    assert extractor_.extract("Judul\n\n" + "Kepala ( " * 2000).officials == []


CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))  # the seed articles ship with the repo (and their gold)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_officials_match_gold(extractor_, path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    facts = extractor_.extract(path.read_text(encoding="utf-8"), doc_id=path.stem)
    got = {o.name: o for o in facts.officials}
    assert set(got) == {o["name"] for o in gold["officials"] if not o.get("optional")}
    text = path.read_text(encoding="utf-8")
    for g in gold["officials"]:
        o = got[g["name"]]
        assert o.position == g["position"]
        assert o.mentions, "every official is mentioned"
        for m in o.mentions:
            assert text[m.start : m.end] == m.text
        assert [m.start for m in o.mentions] == sorted(m.start for m in o.mentions)


def test_post_inside_a_body_named_elsewhere_takes_that_body(extractor_):
    got = _by_name(
        _facts(
            extractor_,
            "Menteri Rosa mengatakan pejabat Kementerian Kelautan dan Perikanan (KKP) harus "
            "solid. Ia melantik Darmo Sentiko sebagai Direktur Jenderal Perikanan Tangkap. "
            "Hal itu disampaikan Wulan Permatasari, Kepala Biro Hubungan Masyarakat. "
            "Calon pimpinan KPK, jaksa Haryo Pambudi, hadir.",
        )
    )
    assert got["Rosa"].position == "Menteri Kelautan dan Perikanan"
    assert got["Rosa"].organization == "Kementerian Kelautan dan Perikanan"
    assert got["Darmo Sentiko"].organization == "Kementerian Kelautan dan Perikanan"
    assert got["Wulan Permatasari"].organization == "Kementerian Kelautan dan Perikanan"
    assert got["Haryo Pambudi"].organization == "Kejaksaan Republik Indonesia"


def test_regional_staff_take_the_government_the_sentence_names(extractor_):
    got = _by_name(
        _facts(
            extractor_,
            "Dari Pemkab Morowali hadir Kabag Hukum Tono Prasetya dan Kabid Penyelenggaraan "
            "E-Government Diskominfo Morowali Rudi Hartawan. Kasubag Produk Hukum Daerah "
            "Kab/Kota Wilayah I, Ani Lestari, SH, memimpin rapat.",
        )
    )
    assert got["Tono Prasetya"].organization == "Pemerintah Kabupaten Morowali"
    assert got["Rudi Hartawan"].position == "Kepala Bidang Penyelenggaraan E-Government"
    assert got["Rudi Hartawan"].organization.startswith("Dinas Komunikasi dan Informatika")
    assert got["Ani Lestari"].position == (
        "Kepala Subbagian Produk Hukum Daerah Kabupaten/Kota Wilayah I"
    )


def test_coordinating_minister_with_comma_list_and_facility_head(extractor_):
    got = _by_name(
        _facts(
            extractor_,
            "Presiden bicara dengan Menteri Sekretaris Negara Jatmiko serta Menteri Koordinator "
            "bidang Politik, Hukum, dan Keamanan Suryo Hadinoto. Kepala Bandara Sentani, "
            "Gunawan Prasojo, mengakui penerbangan dihentikan. Ketua Tim Kampanye Daerah "
            "Andika-Wirawan di Pilkada lalu, yang juga didukung Andika, hadir.",
        )
    )
    assert got["Jatmiko"].organization == "Kementerian Sekretariat Negara"
    assert got["Suryo Hadinoto"].organization == (
        "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan"
    )
    assert got["Gunawan Prasojo"].organization == "Bandar Udara Sentani"
    assert not any("-" in name for name in got)


def test_region_glued_lowercase_party_and_interim_title(extractor_):
    got = _by_name(
        _facts(
            extractor_,
            'Surat edaran datang dari Bupati Kuburaya, Rangga Wiradana. "Kami menunggu," '
            "ujar wakil ketua umum partai Gerindra, Bima Suryaatmaja, Senin. Wakil Ketua "
            "Sementara DPRD DKI, Sarwono, juga hadir.",
        )
    )
    assert "Kuburaya" not in got
    assert got["Rangga Wiradana"].region == "Kubu Raya"
    assert got["Bima Suryaatmaja"].organization == "Partai Gerakan Indonesia Raya"
    assert got["Sarwono"].position == "Wakil Ketua Sementara"


def test_body_short_form_and_title_as_address_are_not_names(extractor_):
    got = _by_name(
        _facts(
            extractor_,
            "Rektor Universitas Negeri Tapanuli (Unitap) Haris Lubis melantik Ketua LPPM Unitap "
            'periode 2019-2023. "Saya sering berpesan, menurut Pak Kadis, Joni anak saya '
            'bagus," katanya.',
        )
    )
    assert "Unitap" not in got
    assert "Joni" not in got


def test_bracketed_title_ordinal_and_link_words(extractor_):
    got = _by_name(
        _facts(
            extractor_,
            "Rapat dihadiri Rudi Sihombing (Wakil Ketua DPRD Sumut), Bonar Sitepu (Ketua "
            "Fraksi PDIP). Ia mengenang Presiden ketiga Indonesia, BJ Hartono. Hadir pula Wakil "
            "Gubernur Sumsel yakni Marwan Yahya, dan Wakil Ketua Komisi Pemberantasan Korupsi "
            "atau ,Lalu Syarifudin.",
        )
    )
    assert got["Rudi Sihombing"].position == "Wakil Ketua"
    assert got["Rudi Sihombing"].region == "Sumatera Utara"
    assert got["BJ Hartono"].position == "Presiden"
    assert got["Marwan Yahya"].position == "Wakil Gubernur"
    assert got["Lalu Syarifudin"].organization == "Komisi Pemberantasan Korupsi"


def test_faction_state_company_and_title_naming_its_own_person(extractor_):
    got = _by_name(
        _facts(
            extractor_,
            "Menurut anggota F-Demokrat DKI, Nenden Hasanudin, aturan itu salah. Untuk itu, "
            "kata Rayan, Presiden Jokowi (Jokowi) diminta bertindak. Direktur Utama PT MRT "
            "Jakarta Wira Sabandi dan Direktur Utama PT Maju Sentosa Hendra Kusuma hadir. "
            "Wakil Kepala Staf Angkatan Darat (Wakasad) Letjen Tatang Sumarna juga hadir.",
        )
    )
    assert got["Nenden Hasanudin"].position == "Anggota Fraksi Partai Demokrat"
    assert (
        got["Nenden Hasanudin"].organization
        == "Dewan Perwakilan Rakyat Daerah Provinsi DKI Jakarta"
    )
    assert "Rayan" not in got
    assert got["Wira Sabandi"].organization == "PT MRT Jakarta"
    assert "Hendra Kusuma" not in got  # a private company's director
    assert got["Tatang Sumarna"].position == "Wakil Kepala Staf Angkatan Darat"
    assert "Angkatan Darat" not in got


def test_capitalised_alias_is_a_name_word_lower_case_alias_links_a_nickname(extractor_):
    # "Alias" written with a capital is the first word of the person's name; the lower-case
    # link word "alias" only introduces the name the title phrase is followed by
    named = _by_name(
        _facts(extractor_, "SRAGEN - Bupati Sragen Alias Murdani meminta ASN menjaga netralitas.")
    )
    assert "Alias Murdani" in named
    assert named["Alias Murdani"].position == "Bupati"
    assert named["Alias Murdani"].region == "Sragen"
    linked = _by_name(
        _facts(extractor_, "SRAGEN - Ketua DPRD Sragen alias Kang Yanto meminta ASN netral.")
    )
    assert list(linked) == ["Kang Yanto"]
    assert linked["Kang Yanto"].position == "Ketua"


@pytest.mark.parametrize("chain", ["Kepala", "Wakil Ketua", "AKP", "Ketua dan", "Kepala Bidang"])
def test_long_chain_of_title_words_completes_without_an_official(extractor_, chain):
    # a title phrase is read over a bounded stretch: a 5,000-word chain of title words (a
    # broken scrape) must finish and name nobody
    words = chain.split()
    body = " ".join(words * (5000 // len(words))) + " mengatakan itu."
    assert _facts(extractor_, "JAKARTA - " + body).officials == []


# -- how a post is linked to a person (issue 10): one invented sentence or two per class ---


def test_long_title_with_a_comma_list_and_a_unit_after_the_body(extractor_):
    facts = _facts(
        extractor_,
        '"Semua ASN kami minta netral," kata Kepala Badan Kepegawaian, Pendidikan dan '
        "Pelatihan Kabupaten Garut Hasan Darmaji. Komisioner KASN Bidang Pengaduan dan "
        "Penyelidikan I Made Suwandi menambahkan laporan masih diperiksa.",
    )
    got = _by_name(facts)
    assert got["Hasan Darmaji"].organization == (
        "Badan Kepegawaian Pendidikan dan Pelatihan Kabupaten Garut"
    )
    assert got["I Made Suwandi"].position == "Komisioner Bidang Pengaduan dan Penyelidikan"
    assert got["I Made Suwandi"].organization == "Komisi Aparatur Sipil Negara"


def test_division_without_its_head_title_and_a_deputy_without_his(extractor_):
    facts = _facts(
        extractor_,
        "Divisi Pencegahan Bawaslu Budi Santoso mengatakan pengawasan berjalan. "
        "Pandangan itu disampaikan Wakil KASN, Yusuf Harsono, dalam diskusi daring.",
    )
    got = _by_name(facts)
    assert got["Budi Santoso"].position == "Divisi Pencegahan"
    assert got["Yusuf Harsono"].position == "Wakil Ketua"
    assert got["Yusuf Harsono"].organization == "Komisi Aparatur Sipil Negara"


def test_region_followed_by_its_province_before_the_name(extractor_):
    facts = _facts(
        extractor_,
        "Ketua KPU Banyumas, Jawa Tengah Yogi Pratama hadir. Ketua Bawaslu Kabupaten "
        "Nabire, Papua Tengah, Marthen Yogi juga hadir.",
    )
    got = _by_name(facts)
    assert set(got) == {"Yogi Pratama", "Marthen Yogi"}
    assert got["Marthen Yogi"].region == "Nabire"
    assert got["Marthen Yogi"].region_code == "94.01"


def test_post_after_the_name_by_selaku_degree_and_passive(extractor_):
    facts = _facts(
        extractor_,
        '"Data masih kami lengkapi," tegas Khaerul Anam, ST selaku komisioner Bawaslu KSB. '
        "Jabatan Kepala Dinas Pertanian kini diisi oleh Sutrisno Hadi.",
    )
    got = _by_name(facts)
    assert got["Khaerul Anam"].position == "Komisioner"
    assert got["Khaerul Anam"].organization == (
        "Badan Pengawas Pemilihan Umum Kabupaten Sumbawa Barat"
    )
    assert got["Sutrisno Hadi"].organization == "Dinas Pertanian"


def test_several_people_under_one_post(extractor_):
    facts = _facts(
        extractor_,
        "Ketua Bawaslu Ogan Ilir Rudi Hartawan datang bersama anggota Bawaslu Rahmat Fadil dan "
        "Yoga Pranata. Majelis pemeriksa terdiri atas tiga anggota DKPP, yakni Prof. Rudianto "
        "Halim, Dr. Wulan Sasmita, dan Dr. Bagas Pranoto. Putusan dibacakan hakim anggota Sri "
        "Wahyuni dan Dewi Kartika.",
    )
    got = _by_name(facts)
    for name in ("Rahmat Fadil", "Yoga Pranata"):
        assert got[name].position == "Anggota"
    for name in ("Rudianto Halim", "Wulan Sasmita", "Bagas Pranoto"):
        assert got[name].organization == "Dewan Kehormatan Penyelenggara Pemilu"
    assert got["Dewi Kartika"].position == "Hakim Anggota"


def test_a_member_takes_the_body_of_the_post_before_in_the_sentence(extractor_):
    facts = _facts(
        extractor_,
        "Mereka adalah Ketua KPU Hasan Basri, serta anggota Rudi Salim, Yudi Santoso, dan "
        "Agus Mulyadi.",
    )
    got = _by_name(facts)
    assert {o.organization for n, o in got.items() if n != "Hasan Basri"} == {
        "Komisi Pemilihan Umum"
    }
    assert len(got) == 4


def test_not_post_holders(extractor_):
    facts = _facts(
        extractor_,
        "Anak sulung Bupati Sleman, Dewi Lestari, ikut berkampanye. Kami telah memanggil "
        "Camat Cibodas untuk klarifikasi. Ketua Tim Pemenangan Joko Susanto membantah. "
        "Adapun yang dilaporkan ialah Kades Sukamaju, Kades Mekarsari Utara, dan Kades "
        "Cibeber. Rektor Universitas Muhammadiyah Malang Fauzan Hadi hadir.",
    )
    assert facts.officials == []


def test_secondary_post_does_not_replace_the_post_beside_the_name(extractor_):
    facts = _facts(
        extractor_,
        "Bupati Tegal Budi Hartono membuka acara. Budi Hartono yang juga Ketua Umum Partai "
        "Maju meminta ASN netral.",
    )
    o = _by_name(facts)["Budi Hartono"]
    assert o.position == "Bupati"
    assert o.organization == "Pemerintah Kabupaten Tegal"


def test_clarified_officials_former_posts_state_universities_and_civil_servants(extractor_):
    facts = _facts(
        extractor_,
        "Mantan Bupati Kendal Widodo Susanto ikut diperiksa. Rektor Universitas Negeri Padang "
        "Prof. Ganefri Yusuf menegaskan kampus netral. Andi Saputra, guru SD Negeri 4 Tabanan, "
        "dilaporkan ke Bawaslu. Rudi Hermawan, anggota Satpol PP Kota Bima, terbukti ikut "
        "kampanye. Camat Pakusari Fauzi Rahman meninjau lokasi.",
    )
    got = _by_name(facts)
    assert got["Widodo Susanto"].position == "Mantan Bupati"
    assert got["Ganefri Yusuf"].organization == "Universitas Negeri Padang"
    assert got["Andi Saputra"].position == "Guru"
    assert got["Rudi Hermawan"].organization == "Satuan Polisi Pamong Praja Kota Bima"
    assert got["Fauzi Rahman"].position == "Camat"
    assert got["Fauzi Rahman"].organization == "Kecamatan Pakusari"
    assert got["Fauzi Rahman"].region_code == "35.09.24"


def test_a_personal_post_is_held_by_the_name_after_the_comma(extractor_):
    facts = _facts(
        extractor_, "Hal itu dikonfirmasi oleh Sekretaris Pribadi BJ Habibie, Rubianto Salim."
    )
    assert [o.name for o in facts.officials] == ["Rubianto Salim"]


def test_regency_acronym_and_unglued_degree(extractor_):
    facts = _facts(
        extractor_, "Sekretaris Daerah Kabupaten Inhu Ir H Rahmat Hidayat Msi membenarkan hal itu."
    )
    (o,) = facts.officials
    assert o.name == "Rahmat Hidayat"
    assert o.organization == "Pemerintah Kabupaten Indragiri Hulu"
    assert o.region_code == "14.02"


def test_relational_noun_after_the_relative_names_the_post_holder(extractor_):
    # the relative is named first ("Ani yang merupakan putri …", "Kemal, putra …"): the name
    # after the comma holds the post
    facts = _facts(
        extractor_,
        "Ani Rahayu yang merupakan putri Bupati Kabupaten Buru, Ramli Sanusi, hadir. "
        "Kemal, putra Wali Kota Medan, Bobby Harahap, juga datang.",
    )
    got = _by_name(facts)
    assert got["Ramli Sanusi"].position == "Bupati"
    assert got["Bobby Harahap"].position == "Wali Kota"
    assert "Ani Rahayu" not in got


def test_a_district_many_regencies_share_is_the_one_in_the_articles_regency(extractor_):
    facts = _facts(
        extractor_,
        "Bupati Karanganyar Joko Santoso hadir. Camat Karanganyar Sundoro Budi juga hadir.",
    )
    got = _by_name(facts)
    assert got["Joko Santoso"].region_code == "33.13"
    assert got["Sundoro Budi"].organization == "Kecamatan Karanganyar"
    assert got["Sundoro Budi"].region_code == "33.13.09"  # Kecamatan Karanganyar, Kab. Karanganyar
