"""Quotes: speech a scrape broke into lines, an attribution in an aside, clauses cut off."""

from __future__ import annotations

import extractor


def _quotes(*paras: str):
    text = "Judul Berita Netralitas ASN\n\nJAKARTA - " + "\n\n".join(paras) + "\n"
    facts = extractor.extract(text)
    for q in facts.quotes:
        assert text[q.span.start : q.span.end] == q.span.text
    return facts.quotes


def test_speech_on_several_lines_with_one_pair_of_marks_is_one_quote():
    got = _quotes(
        "Ketua Bawaslu Kota Bogor Andi Pratama menyebut laporan menurun.",
        '"Memang laporan itu jauh turun dibanding tahun lalu.',
        "Kalau tahun lalu ada ribuan, tahun ini hanya ratusan.",
        'Termasuk yang ada di Bogor, masih minim sekali," ujarnya.',
    )
    direct = [q for q in got if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith("Memang laporan")
    assert direct[0].text.endswith("masih minim sekali")
    assert "tahun ini hanya ratusan" in direct[0].text
    assert direct[0].speaker == "Andi Pratama"


def test_a_line_with_its_own_marks_stops_the_run_on():
    got = _quotes(
        "Ketua Bawaslu Kota Bogor Andi Pratama menyebut laporan menurun.",
        '"Memang laporan itu jauh turun dibanding tahun lalu.',
        'Wali kota menyebut "program unggulan" sudah berjalan baik di semua kecamatan.',
        'Termasuk yang ada di Bogor, masih minim sekali," ujarnya.',
    )
    assert not any("tahun lalu. Wali kota" in q.text for q in got)


def test_a_clause_cut_off_by_the_scrape_is_no_indirect_quote():
    got = _quotes(
        "Jenis pelanggaran yang paling sering terjadi adalah kampanye di media sosial. Ko",
        "Hal itu juga diakui Ketua Bawaslu Kota Bogor Andi Pratama saat ditemui wartawan.",
    )
    assert all(q.text != "Ko" for q in got)


def test_a_passive_cue_in_an_aside_reports_the_whole_sentence():
    got = _quotes(
        "Pemblokiran data pegawai itu, seperti yang dijelaskan oleh Haryanto, akan berdampak "
        "pada kenaikan pangkat.",
        "Netralitas ASN, sebagaimana diungkapkan Kepala BKD Kota Bogor Rina Marlina, wajib dijaga.",
    )
    ind = {q.speaker: q.text for q in got if q.kind == "indirect"}
    assert ind["Haryanto"].startswith("Pemblokiran data pegawai itu")
    assert ind["Rina Marlina"].endswith("wajib dijaga")


def test_an_aside_naming_a_document_is_no_speaker():
    assert (
        _quotes("Data itu disusun, seperti dijelaskan dalam laporan tahunan, setiap Desember.")
        == []
    )
