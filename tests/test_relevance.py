"""Relevance per article, and schema version 2 (version-1 files still read). Invented texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import patterns
from extractor.corpus import relevance
from extractor.models import READABLE_VERSIONS, SCHEMA_VERSION, ArticleFacts

ASN = (
    "Bawaslu Kabupaten Sukamaju meminta aparatur sipil negara (ASN) menjaga netralitas "
    "menjelang Pilkada 2026. Kepala desa yang terbukti berpihak kepada pasangan calon akan "
    "dijatuhi sanksi, kata Ketua Bawaslu. Sebanyak 12 PNS sudah dilaporkan karena tidak netral."
)
ELECTION = (
    "KPU Kota Lembah menetapkan jadwal kampanye Pilkada 2026. Pemungutan suara digelar di "
    "1.200 TPS. Bawaslu akan mengawasi setiap tahapan pemilihan dan pasangan calon."
)
OFF = (
    "Penyanyi muda itu merilis album baru pekan ini. Lagu andalannya bercerita tentang "
    "persahabatan dan langsung diputar ribuan kali di layanan musik daring."
)


def test_asn_neutrality_article():
    r = relevance.score(ASN)
    assert r.label == "asn_neutrality"
    assert 0.5 <= r.score <= 1.0
    words = {c.text for c in r.cues}
    assert {"ASN", "netralitas", "Pilkada", "berpihak", "PNS", "tidak netral"} <= words
    for c in r.cues:
        assert ASN[c.start : c.end] == c.text


def test_election_article_without_civil_servants():
    r = relevance.score(ELECTION)
    assert r.label == "election_other"
    assert 0 < r.score < relevance.score(ASN).score
    assert {"KPU", "Pilkada", "Pemungutan suara", "Bawaslu"} <= {c.text for c in r.cues}


def test_ambiguous_words_do_not_make_an_election_story():
    # TPS is also a rubbish dump; a word said again adds less than a new word
    dump = "Warga mengeluhkan bau dari TPS di ujung gang. Truk sampah datang ke TPS tiap pagi."
    assert relevance.score(dump).cues == []
    once = relevance.score("Pemilu digelar tahun depan. " + OFF)
    again = relevance.score("Pemilu digelar tahun depan. " * 3 + OFF)
    assert once.label == again.label == "off_topic"
    assert once.score < again.score
    varied = relevance.score("Pemilu digelar tahun depan, Bawaslu mengawasi kampanye. " + OFF)
    assert varied.score > again.score


def test_off_topic_article_has_no_cues():
    r = relevance.score(OFF)
    assert r.label == "off_topic" and r.score == 0.0 and r.cues == []
    assert relevance.score("").label == "off_topic"


def test_acronyms_are_case_sensitive():
    # "asn" and "pns" in lower case (a url slug, another word) are not the acronyms
    r = relevance.score("Baca di https://contoh.id/berita-pns-asn-baru tentang ekspor kopi.")
    assert r.cues == []
    assert [c.text for c in relevance.score("Ribuan PNS ikut apel pagi.").cues] == ["PNS"]


def test_more_cues_score_higher():
    one = relevance.score("Camat meminta ASN bersikap netral.")
    more = relevance.score("Camat meminta ASN bersikap netral. " * 3 + "Pilkada dan Bawaslu.")
    assert more.score > one.score


def test_a_word_inside_another_word_is_no_cue():
    # "netral" inside "menetralkan" (to neutralise a poison) and "KPU" inside "KPUSAT"
    r = relevance.score("Petugas menetralkan racun di gudang KPUSAT milik koperasi.")
    assert r.cues == []


def test_thresholds_and_weights_are_data(tmp_path: Path, monkeypatch):
    src = patterns.patterns_dir() / "relevance.toml"
    text = src.read_text(encoding="utf-8").replace("election_other = 0.3", "election_other = 0.99")
    (tmp_path / "relevance.toml").write_text(text, encoding="utf-8")
    _copy_regions(tmp_path)  # the foreign group reads the country names from it
    monkeypatch.setenv("EXTRACTOR_PATTERNS", str(tmp_path))
    assert relevance.score(ELECTION).label == "off_topic"


def _copy_regions(folder: Path) -> None:
    src = patterns.patterns_dir() / "regions.toml"
    (folder / "regions.toml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("'pemilu',", "'Pemilu',"),  # terms match lower-cased text
        ("'pemilu',", "'pemilu(',"),  # a bad regex
    ],
)
def test_a_bad_relevance_file_fails_loudly(tmp_path: Path, monkeypatch, old, new):
    src = patterns.patterns_dir() / "relevance.toml"
    (tmp_path / "relevance.toml").write_text(
        src.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8"
    )
    monkeypatch.setenv("EXTRACTOR_PATTERNS", str(tmp_path))
    with pytest.raises(patterns.PatternError, match="relevance"):
        patterns.load(relevance.RelevanceLexicon)


def test_pipeline_fills_relevance_with_spans_into_the_input():
    from extractor import extract

    # mojibake (UTF-8 read as Mac Roman) before the cues: spans must index the input as given
    text = "Sekda: ‚ÄúASN wajib netral‚Äù menjelang Pilkada. " + ASN
    facts = extract(text, doc_id="x")
    assert facts.schema_version == SCHEMA_VERSION == "2"
    assert facts.relevance is not None and facts.relevance.label == "asn_neutrality"
    assert facts.relevance.cues
    for c in facts.relevance.cues:
        assert text[c.start : c.end] == c.text
    again = ArticleFacts.model_validate_json(facts.model_dump_json())
    assert again.relevance == facts.relevance


# -- schema version 2 reads version 1 -----------------------------------------------
V1 = {
    "schema_version": "1",
    "doc_id": "lama-1",
    "headline": "Berita lama",
    "officials": [{"name": "Rina Wulandari", "aliases": ["Rina"], "position": "Camat"}],
    "quotes": [],
    "sanctions": [],
    "statistics": [],
    "dates": [],
    "warnings": ["the text was cut"],
}


def test_version_1_json_still_validates():
    facts = ArticleFacts.model_validate(V1)
    assert facts.schema_version == "1" and facts.relevance is None
    assert facts.officials[0].name == "Rina Wulandari"
    assert "1" in READABLE_VERSIONS and SCHEMA_VERSION in READABLE_VERSIONS
    with pytest.raises(ValueError):
        ArticleFacts.model_validate({**V1, "schema_version": "3"})


def test_evaluate_reads_version_1_predictions(tmp_path: Path):
    from extractor.evaluate import load_predictions

    pred = tmp_path / "pred.jsonl"
    v2 = {
        **V1,
        "doc_id": "baru-2",
        "schema_version": "2",
        "warnings": [],
        "relevance": {"score": 0.2, "label": "off_topic", "cues": []},
    }
    pred.write_text(json.dumps(V1) + "\n" + json.dumps(v2) + "\n", encoding="utf-8")
    loaded = load_predictions(pred)
    assert set(loaded) == {"lama-1", "baru-2"}


def test_tables_take_version_1_facts():
    from extractor.tables import facts_to_rows

    rows = facts_to_rows(ArticleFacts.model_validate(V1))
    assert rows["articles"][0]["relevance_label"] is None
    assert rows["officials"][0]["name"] == "Rina Wulandari"


def test_json_schema_has_relevance():
    schema = ArticleFacts.model_json_schema()
    assert "relevance" in schema["properties"]
    rel = schema["$defs"]["Relevance"]
    assert set(rel["properties"]) == {"score", "label", "cues"}
    assert rel["properties"]["label"]["enum"] == ["asn_neutrality", "election_other", "off_topic"]
    assert schema["properties"]["schema_version"]["enum"] == ["1", "2"]


# -- stricter labels by structure (invented texts) ----------------------------------
FILLER = (
    "Warga berkumpul di balai desa membahas perbaikan jalan dan saluran air yang rusak "
    "setelah hujan deras pekan lalu. "
)


def test_a_passing_election_mention_is_not_an_election_story():
    cues = "Bawaslu mengawasi kampanye setiap bakal calon. "
    central = "Pilkada Sukamaju digelar tahun depan\n\n" + cues + FILLER * 3
    # the same cues, the election named in the body only: no more than a mention
    passing = "Harga cabai naik di pasar induk\n\n" + FILLER * 3 + "Saat pilkada, " + cues
    assert relevance.score(passing).label == "off_topic"
    assert relevance.score(central).label == "election_other"


def test_a_foreign_election_scores_lower():
    body = "Pemungutan suara diikuti dua partai dan hak pilih dijaga. "
    home = "Pemilu di Sukamaju berlangsung ketat\n\n" + body + FILLER
    abroad = "Pemilu di Kanada berlangsung ketat\n\nPerdana Menteri Kanada menang. " + body + FILLER
    assert relevance.score(home).label == "election_other"
    assert relevance.score(abroad).score < relevance.score(home).score
    assert relevance.score(abroad).label == "off_topic"


def test_the_swearing_in_after_an_election_scores_lower():
    text = (
        "Pelantikan anggota DPRD terpilih digelar hari ini\n\nSebanyak 45 anggota dewan dilantik "
        "dan mengucapkan sumpah jabatan. Mereka terpilih pada pemilu legislatif dan pileg lalu. "
        + FILLER
    )
    assert relevance.score(text).label == "off_topic"


def test_a_village_head_election_is_an_election_not_asn_neutrality():
    text = (
        "Pilkades serentak di Sukamaju berjalan lancar\n\nSebanyak 12 calon kepala desa "
        "bersaing dalam pilkades. Pemungutan suara digelar di balai desa dan surat suara "
        "dihitung sore hari. " + FILLER
    )
    assert relevance.score(text).label == "election_other"


def test_civil_servants_in_an_election_are_asn_neutrality():
    text = (
        "Camat dan lurah diminta tidak ikut kampanye pilkada\n\nBawaslu mengingatkan "
        "aparatur sipil negara agar tidak memihak pasangan calon. " + FILLER
    )
    assert relevance.score(text).label == "asn_neutrality"


def test_a_short_form_in_brackets_is_one_mention():
    once = relevance._scan("Pemilihan Legislatif (Pileg) digelar.").evidence["election"]
    twice = relevance._scan("Pemilihan Legislatif dan Pileg digelar.").evidence["election"]
    assert once < twice


def test_discipline_alone_follows_the_data(monkeypatch):
    text = (
        "Dua PNS dijatuhi hukuman disiplin karena bolos\n\nBKD menyebut kedua ASN itu "
        "disanksi teguran tertulis. " + FILLER
    )
    assert relevance.score(text).label == "asn_neutrality"
    lex = patterns.load(relevance.RelevanceLexicon)
    strict = lex.model_copy(update={"discipline_alone": 0.0})
    real = relevance.load
    monkeypatch.setattr(
        relevance, "load", lambda cls: strict if cls is relevance.RelevanceLexicon else real(cls)
    )
    assert relevance.score(text).label == "off_topic"


# -- classes of false flags (invented texts) ----------------------------------------
OTHER = (
    "Dinas Pekerjaan Umum memperbaiki jembatan gantung yang putus di tepi sungai. Warga "
    "menyeberang dengan rakit selama perbaikan berlangsung tiga bulan. "
)


def test_an_election_first_named_deep_in_another_story_is_a_passing_mention():
    # three election words, all in one late paragraph of a story on a bridge
    late = (
        "Jembatan Sungai Kecil mulai diperbaiki\n\n"
        + OTHER * 5
        + (
            "Bupati berjanji jembatan selesai sebelum pemilu, saat Bawaslu dan KPU sibuk "
            "dengan tahapan pemilihan. "
        )
    )
    assert relevance._scan(late).lead >= 500
    assert relevance.score(late).label == "off_topic"
    # the same words in the lead make the election the story
    lead = "Jembatan Sungai Kecil mulai diperbaiki\n\nBupati berjanji jembatan selesai sebelum "
    lead += "pemilu, saat Bawaslu dan KPU sibuk dengan tahapan pemilihan. " + OTHER * 5
    assert relevance.score(lead).label == "election_other"


def test_an_election_the_story_keeps_returning_to_is_central():
    para = "Partai itu menyiapkan calon untuk pilkada. "
    text = (
        "Partai Bintang menggelar rapat kerja\n\n"
        + OTHER * 5
        + para
        + (
            "Ketua partai menyebut pilkada sebagai ujian. Pengurus membahas pilkada hingga malam. "
            "KPU belum membuka pendaftaran. Bawaslu mengingatkan soal politik uang. "
        )
    )
    scan = relevance._scan(text)
    assert scan.lead >= 500 and scan.sentences >= 5
    assert relevance.score(text).label == "election_other"


def test_an_ambiguous_word_does_not_make_an_election_headline():
    assert "election" not in relevance._scan("Kampanye Cuci Tangan di Sekolah\n\nIsi.").headline
    assert "election" in relevance._scan("Kampanye Pilkada Dimulai\n\nIsi.").headline


def test_an_award_night_for_the_elected_is_not_an_election_story():
    body = (
        "Partai Bintang memberi penghargaan kepada caleg yang lolos ke parlemen. Para caleg "
        "terpilih hadir bersama keluarga. Ketua partai memuji kerja caleg di setiap dapil "
        "selama pemilu. " + FILLER
    )
    award = "Malam Penghargaan untuk Caleg Partai Bintang\n\n" + body
    dispute = "Caleg Partai Bintang Gugat Hasil Pemilu ke MK\n\n" + body.replace(
        "memberi penghargaan kepada", "membela"
    )
    assert relevance.score(award).label == "off_topic"
    assert relevance.score(dispute).label == "election_other"


def test_a_negated_sanction_is_no_sanction():
    perk = "Menjadi PNS punya banyak keuntungan\n\nPNS tidak mudah dipecat dan gajinya tetap. "
    assert relevance.score(perk + FILLER).label == "off_topic"
    assert not [c for c in relevance.score(perk).cues if "dipecat" in c.text]
    fired = (
        "Seorang PNS dipecat karena bolos\n\nBKD menjatuhkan hukuman disiplin: PNS itu "
        "dipecat setelah absen enam bulan. "
    )
    assert relevance.score(fired + FILLER).label == "asn_neutrality"


def test_a_recruitment_story_is_not_about_neutrality():
    rule = (
        "Pelamar wajib tidak menjadi anggota partai dan tidak terlibat politik praktis. "
        "ASN yang lulus ditempatkan di daerah. "
    )
    hiring = "Seleksi CPNS Dibuka Bulan Depan, Ini Syaratnya\n\nBKN membuka formasi baru. " + rule
    duty = "ASN Dilarang Terlibat Politik Praktis\n\nBKN mengingatkan aturan. " + rule
    assert relevance.score(hiring + FILLER).label == "off_topic"
    assert relevance.score(duty + FILLER).label == "asn_neutrality"


def test_a_biography_names_an_election_weakly():
    past = relevance._scan("Mantan caleg itu ditahan jaksa.").evidence["election"]
    now = relevance._scan("Caleg itu ditahan jaksa.").evidence["election"]
    assert 0 < past < now
    again = relevance._scan("Ia pernah maju di pilkada lalu.").evidence["election"]
    assert 0 < again < relevance._scan("Ia maju di pilkada lalu.").evidence["election"]
    assert "election" not in relevance._scan("Mantan Ketua Bawaslu Ditahan\n\nIsi.").headline


def test_civil_servants_far_from_the_election_are_not_tied_to_it():
    election = "Pemilu lalu diwarnai politik uang, kata KPU dan Bawaslu. "
    who = "Ia seorang birokrat, pegawai negeri sipil. "
    far = "Profil calon anggota badan\n\n" + election + OTHER * 6 + who
    near = "Profil calon anggota badan\n\n" + election + who + OTHER * 6
    assert relevance._scan(far).linked == 0.0
    assert relevance._scan(near).linked > 0
    assert relevance.score(near).label == "asn_neutrality"
    assert relevance.score(far).label == "election_other"


def test_the_ministry_name_is_not_a_civil_servant():
    r = relevance.score("Ia bekerja di Kementerian Pendayagunaan Aparatur Negara sejak 2010.")
    assert r.cues == []
    assert relevance.score("Aparatur negara wajib netral.").cues


def test_an_installation_of_officials_stays_a_civil_service_story():
    # a swearing-in of officials with personnel measures: the issue counts these relevant
    text = (
        "Bupati Lantik 20 Pejabat Administrator\n\nSebanyak 20 pejabat administrator dilantik "
        "di aula kabupaten. Kepala BKD menyebut pelantikan ini mengisi jabatan kosong setelah "
        "mutasi pegawai dan pemberhentian dua pejabat. " + FILLER
    )
    assert relevance.score(text).label == "asn_neutrality"
